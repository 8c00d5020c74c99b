//! Small-number suppression for what leaves the forum (funder reports): a count of people small
//! enough to single someone out in a small area is shown as "fewer than N", and a percentage
//! that would let a reader work such a count back out is withheld.
//!
//! Rules, for a forum threshold `t` (5 by default; 0 or 1 turns suppression off):
//! - a count (a figure of a count target, or the "how many" and "out of how many" of a
//!   percentage) from 1 to `t − 1` is small; 0 is shown as it is (it singles nobody out), and so
//!   is anything from `t` up; a fractional count (an average) under `t` is small too;
//! - a count target's figure that is small is shown as "fewer than t"; its rate per population,
//!   being the same count divided by a published population, is withheld with it;
//! - a percentage with its counts is shown only when neither the "how many", nor the "out of
//!   how many", nor the difference between them (those it did not apply to) is small; otherwise
//!   the percentage and its counts are withheld together, since any two of them give the third;
//! - a percentage recorded without its counts reveals no count and is shown;
//! - amounts of money, yes/no, milestones and text are not counts of people and are shown.
use crate::domain::target::{TargetKind, format_number, format_value};
use serde::{Deserialize, Serialize};

/// The threshold forums start with.
pub const DEFAULT_THRESHOLD: u32 = 5;

/// Whether `n` counts people few enough to be suppressed under `threshold`.
pub fn is_small(n: f64, threshold: u32) -> bool {
    threshold > 1 && n > 0.0 && n < f64::from(threshold)
}

/// "fewer than 5".
pub fn fewer_than(threshold: u32) -> String {
    format!("fewer than {threshold}")
}

/// A figure as a report outside the forum may show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Shown {
    /// The figure in words, unchanged.
    Value(String),
    /// A small count: "fewer than 5" (the threshold kept for the wording).
    Fewer(u32),
    /// A percentage (or rate) that would reveal a small count.
    Withheld,
}

impl Shown {
    /// The text to print.
    pub fn text(&self) -> String {
        match self {
            Shown::Value(v) => v.clone(),
            Shown::Fewer(t) => fewer_than(*t),
            Shown::Withheld => "withheld (small numbers)".to_owned(),
        }
    }

    /// Whether something was held back.
    pub fn suppressed(&self) -> bool {
        !matches!(self, Shown::Value(_))
    }
}

/// One recorded figure of a target, as stored.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Figure {
    /// The count, percentage or amount.
    pub number: Option<f64>,
    /// A percentage's "how many".
    pub numerator: Option<f64>,
    /// A percentage's "out of how many".
    pub denominator: Option<f64>,
}

/// How a numeric figure of a `kind` target may be shown outside the forum under `threshold`;
/// `None` for kinds that are not numeric (the caller shows those as they are) or an empty figure.
pub fn figure(kind: TargetKind, unit: Option<&str>, f: Figure, threshold: u32) -> Option<Shown> {
    match kind {
        TargetKind::Count => f.number.map(|n| {
            if is_small(n, threshold) {
                Shown::Fewer(threshold)
            } else {
                Shown::Value(format_value(kind, n, unit))
            }
        }),
        TargetKind::Percentage => match (f.numerator, f.denominator) {
            (Some(num), Some(den)) => {
                let small = [num, den, den - num]
                    .iter()
                    .any(|&c| is_small(c, threshold));
                Some(if small {
                    Shown::Withheld
                } else {
                    let pct = f
                        .number
                        .unwrap_or(if den > 0.0 { num / den * 100.0 } else { 0.0 });
                    Shown::Value(format!(
                        "{} ({} of {})",
                        format_value(kind, (pct * 10.0).round() / 10.0, unit),
                        format_number(num),
                        format_number(den)
                    ))
                })
            }
            _ => f.number.map(|n| Shown::Value(format_value(kind, n, unit))),
        },
        TargetKind::Currency => f.number.map(|n| Shown::Value(format_value(kind, n, unit))),
        TargetKind::YesNo | TargetKind::Milestone | TargetKind::Text => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(n: f64, t: u32) -> String {
        figure(
            TargetKind::Count,
            Some("referrals"),
            Figure {
                number: Some(n),
                ..Figure::default()
            },
            t,
        )
        .expect("a count")
        .text()
    }

    fn pct(num: f64, den: f64, t: u32) -> Shown {
        figure(
            TargetKind::Percentage,
            None,
            Figure {
                number: Some(num / den * 100.0),
                numerator: Some(num),
                denominator: Some(den),
            },
            t,
        )
        .expect("a percentage")
    }

    #[test]
    fn counts_below_the_threshold_are_fewer_than_it_and_the_threshold_itself_is_shown() {
        assert_eq!(count(1.0, 5), "fewer than 5");
        assert_eq!(count(4.0, 5), "fewer than 5");
        assert_eq!(count(5.0, 5), "5 referrals");
        assert_eq!(count(6.0, 5), "6 referrals");
        assert_eq!(count(1250.0, 5), "1,250 referrals");
    }

    #[test]
    fn zero_singles_nobody_out_and_is_shown() {
        assert_eq!(count(0.0, 5), "0 referrals");
        assert!(!pct(0.0, 40.0, 5).suppressed());
    }

    #[test]
    fn a_fractional_count_under_the_threshold_is_small_too() {
        assert_eq!(count(4.5, 5), "fewer than 5");
        assert_eq!(count(0.5, 5), "fewer than 5");
    }

    #[test]
    fn the_forum_threshold_is_used_and_0_or_1_turns_suppression_off() {
        assert_eq!(count(7.0, 10), "fewer than 10");
        assert_eq!(count(10.0, 10), "10 referrals");
        assert_eq!(count(1.0, 1), "1 referrals");
        assert_eq!(count(1.0, 0), "1 referrals");
        assert!(!pct(1.0, 2.0, 1).suppressed());
    }

    #[test]
    fn a_percentage_of_few_people_is_withheld_with_its_counts() {
        // 3 of 40: the "how many" is small.
        assert_eq!(pct(3.0, 40.0, 5), Shown::Withheld);
        // 4 of 4: 100% of fewer than 5 people.
        assert_eq!(pct(4.0, 4.0, 5), Shown::Withheld);
        // 38 of 40: the 2 it did not apply to are small (the complement).
        assert_eq!(pct(38.0, 40.0, 5), Shown::Withheld);
        assert_eq!(pct(38.0, 40.0, 5).text(), "withheld (small numbers)");
    }

    #[test]
    fn a_percentage_of_enough_people_on_both_sides_is_shown_with_its_counts() {
        assert_eq!(pct(5.0, 10.0, 5).text(), "50% (5 of 10)");
        assert_eq!(pct(12.0, 40.0, 5).text(), "30% (12 of 40)");
        assert_eq!(pct(35.0, 40.0, 5).text(), "87.5% (35 of 40)");
    }

    #[test]
    fn a_percentage_without_counts_reveals_none_and_is_shown() {
        let shown = figure(
            TargetKind::Percentage,
            None,
            Figure {
                number: Some(3.0),
                ..Figure::default()
            },
            5,
        );
        assert_eq!(shown, Some(Shown::Value("3%".to_owned())));
    }

    #[test]
    fn money_and_non_numeric_kinds_are_not_counts_of_people() {
        let money = figure(
            TargetKind::Currency,
            None,
            Figure {
                number: Some(3.0),
                ..Figure::default()
            },
            5,
        );
        assert_eq!(money, Some(Shown::Value("£3".to_owned())));
        for kind in [TargetKind::YesNo, TargetKind::Milestone, TargetKind::Text] {
            assert_eq!(figure(kind, None, Figure::default(), 5), None);
        }
        assert_eq!(figure(TargetKind::Count, None, Figure::default(), 5), None);
    }
}
