//! Reporting periods aligned to a forum's financial year.
use crate::domain::target::Frequency;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// One reporting period: a span of whole months starting on the first of a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Period {
    /// First day of the period.
    pub start: NaiveDate,
    /// Last day of the period.
    pub end: NaiveDate,
}

/// A forum's reporting calendar: the month its financial year starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    /// 1 = January … 12 = December; 4 (April) for UK public bodies.
    pub fy_start_month: u32,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar { fy_start_month: 4 }
    }
}

impl Calendar {
    /// The first day of the financial year containing `date`.
    pub fn year_start(self, date: NaiveDate) -> NaiveDate {
        let month = self.fy_start_month.clamp(1, 12);
        let year = if date.month() >= month {
            date.year()
        } else {
            date.year() - 1
        };
        first_of(year, month)
    }

    /// The reporting period of the given frequency that contains `date`.
    pub fn period_containing(self, date: NaiveDate, frequency: Frequency) -> Period {
        let year_start = self.year_start(date);
        let months_in = months_between(year_start, date);
        let len = frequency.months();
        let start = add_months(year_start, months_in - months_in % len);
        Period {
            start,
            end: add_months(start, len).pred_opt().unwrap_or(start),
        }
    }

    /// The period just before `period`, of the same frequency.
    pub fn previous(self, period: Period, frequency: Frequency) -> Period {
        let prev_day = period.start.pred_opt().unwrap_or(period.start);
        self.period_containing(prev_day, frequency)
    }

    /// A short label: "2005/06 Q1", "2005/06 H2", "2005/06", "May 2005".
    pub fn label(self, period: Period) -> String {
        let year_start = self.year_start(period.start);
        let fy = if self.fy_start_month == 1 {
            format!("{}", year_start.year())
        } else {
            format!("{}/{:02}", year_start.year(), (year_start.year() + 1) % 100)
        };
        let months = months_between(period.start, period.end) + 1;
        let index = months_between(year_start, period.start) / months.max(1) + 1;
        match months {
            1 => period.start.format("%b %Y").to_string(),
            3 => format!("{fy} Q{index}"),
            6 => format!("{fy} H{index}"),
            12 => fy,
            _ => format!(
                "{} – {}",
                period.start.format("%d %b %Y"),
                period.end.format("%d %b %Y")
            ),
        }
    }
}

fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    u32::try_from(months).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn quarters_follow_an_april_financial_year() {
        let cal = Calendar::default();
        let q = cal.period_containing(d(2005, 5, 17), Frequency::Quarterly);
        assert_eq!(
            q,
            Period {
                start: d(2005, 4, 1),
                end: d(2005, 6, 30)
            }
        );
        assert_eq!(cal.label(q), "2005/06 Q1");
        let q4 = cal.period_containing(d(2006, 2, 1), Frequency::Quarterly);
        assert_eq!(
            q4,
            Period {
                start: d(2006, 1, 1),
                end: d(2006, 3, 31)
            }
        );
        assert_eq!(cal.label(q4), "2005/06 Q4");
    }

    #[test]
    fn previous_period_crosses_the_year_boundary() {
        let cal = Calendar::default();
        let q1 = cal.period_containing(d(2006, 4, 1), Frequency::Quarterly);
        let q4 = cal.previous(q1, Frequency::Quarterly);
        assert_eq!(q4.start, d(2006, 1, 1));
        assert_eq!(cal.label(q4), "2005/06 Q4");
    }

    #[test]
    fn other_frequencies_and_calendars() {
        let cal = Calendar { fy_start_month: 1 };
        let h = cal.period_containing(d(2024, 8, 9), Frequency::HalfYearly);
        assert_eq!(
            h,
            Period {
                start: d(2024, 7, 1),
                end: d(2024, 12, 31)
            }
        );
        assert_eq!(cal.label(h), "2024 H2");
        let m = cal.period_containing(d(2024, 2, 29), Frequency::Monthly);
        assert_eq!(m.end, d(2024, 2, 29));
        assert_eq!(cal.label(m), "Feb 2024");
        let y = Calendar::default().period_containing(d(2007, 3, 31), Frequency::Yearly);
        assert_eq!(Calendar::default().label(y), "2006/07");
    }
}
