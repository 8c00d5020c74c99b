//! What a target measures and how its values are read.
use serde::{Deserialize, Serialize};

/// The kind of value a target is measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// A whole number of things (meetings, trainers, refuge places).
    Count,
    /// A percentage between 0 and 100.
    Percentage,
    /// An amount of money in pounds.
    Currency,
    /// Done or not done.
    YesNo,
    /// Reached by a date.
    Milestone,
    /// Reported in words only.
    Text,
}

/// Which way a numeric target is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The value should reach the target or exceed it.
    AtLeast,
    /// The value should stay at or below the target.
    AtMost,
    /// The value should stay between a low and a high bound.
    InBand,
}

/// How often a target reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every calendar month.
    Monthly,
    /// Every quarter of the forum's financial year.
    Quarterly,
    /// Every half of the financial year.
    HalfYearly,
    /// Once a financial year.
    Yearly,
}

/// The error for a stored or typed word that names no known variant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not a known {what}")]
pub struct UnknownVariant {
    /// What was being parsed ("target kind", "direction").
    pub what: &'static str,
    /// The text that did not match.
    pub value: String,
}

macro_rules! text_enum {
    ($ty:ident, $what:literal, $($variant:ident => $text:literal, $label:literal),+ $(,)?) => {
        impl $ty {
            /// Every variant, in display order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            /// The stored form (snake_case).
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $text),+ }
            }
            /// The form shown to people.
            pub fn label(self) -> &'static str {
                match self { $($ty::$variant => $label),+ }
            }
        }
        impl ::std::str::FromStr for $ty {
            type Err = $crate::domain::target::UnknownVariant;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($ty::$variant),)+
                    _ => Err($crate::domain::target::UnknownVariant { what: $what, value: s.to_owned() }),
                }
            }
        }
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
pub(crate) use text_enum;

text_enum!(TargetKind, "target kind",
    Count => "count", "Count",
    Percentage => "percentage", "Percentage",
    Currency => "currency", "Amount (£)",
    YesNo => "yes_no", "Yes / no",
    Milestone => "milestone", "Milestone",
    Text => "text", "Text",
);

text_enum!(Direction, "direction",
    AtLeast => "at_least", "at least",
    AtMost => "at_most", "at most",
    InBand => "in_band", "within",
);

text_enum!(Frequency, "reporting frequency",
    Monthly => "monthly", "Monthly",
    Quarterly => "quarterly", "Quarterly",
    HalfYearly => "half_yearly", "Half-yearly",
    Yearly => "yearly", "Yearly",
);

impl Frequency {
    /// Months in one reporting period.
    pub fn months(self) -> u32 {
        match self {
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::HalfYearly => 6,
            Frequency::Yearly => 12,
        }
    }
}

/// Formats a number the way a plan states it: no trailing ".0", thousands separated.
pub fn format_number(value: f64) -> String {
    if value.fract().abs() < 1e-9 && value.abs() < 1e15 {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "checked to be a whole number in range"
        )]
        let whole = value.round() as i64;
        let digits = whole.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(ch);
        }
        if whole < 0 { format!("-{out}") } else { out }
    } else {
        let s = format!("{value:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// Formats a value of a target's kind with its unit, for tables and summaries.
pub fn format_value(kind: TargetKind, value: f64, unit: Option<&str>) -> String {
    match kind {
        TargetKind::Percentage => format!("{}%", format_number(value)),
        TargetKind::Currency => format!("£{}", format_number(value)),
        _ => match unit {
            Some(u) if !u.is_empty() && u != "%" => format!("{} {u}", format_number(value)),
            _ => format_number(value),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_stored_form() {
        for kind in TargetKind::ALL {
            assert_eq!(kind.as_str().parse::<TargetKind>(), Ok(*kind));
        }
        assert!("percent".parse::<TargetKind>().is_err());
    }

    #[test]
    fn numbers_read_like_a_plan() {
        assert_eq!(format_number(10000.0), "10,000");
        assert_eq!(format_number(-1234.0), "-1,234");
        assert_eq!(format_number(30.5), "30.5");
        assert_eq!(format_value(TargetKind::Percentage, 70.0, Some("%")), "70%");
        assert_eq!(
            format_value(TargetKind::Count, 4.0, Some("meetings")),
            "4 meetings"
        );
        assert_eq!(format_value(TargetKind::Currency, 2500.0, None), "£2,500");
    }
}
