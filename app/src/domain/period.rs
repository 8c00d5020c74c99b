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

    /// The period whose returns are collected on `today`: the last completed period of the
    /// frequency (in July, a quarterly target reports on April to June).
    pub fn return_period(self, today: NaiveDate, frequency: Frequency) -> Period {
        self.previous(self.period_containing(today, frequency), frequency)
    }

    /// The periods of `frequency` that overlap `from`..=`to`, oldest first.
    pub fn periods_between(
        self,
        from: NaiveDate,
        to: NaiveDate,
        frequency: Frequency,
    ) -> Vec<Period> {
        let mut periods = Vec::new();
        let mut p = self.period_containing(from, frequency);
        while p.start <= to && periods.len() < 1200 {
            periods.push(p);
            let Some(next) = p.end.succ_opt() else { break };
            p = self.period_containing(next, frequency);
        }
        periods
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

/// The date a period's returns are due: `return_days` days after it ends.
pub fn return_deadline(period: Period, return_days: u32) -> NaiveDate {
    period
        .end
        .checked_add_days(chrono::Days::new(u64::from(return_days)))
        .unwrap_or(NaiveDate::MAX)
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

    // ---- Table-driven tests of periods ----------------------------------------------------

    /// One row: a calendar, a frequency and a date; the period containing the date, its label,
    /// and the period before it with its label.
    struct Case {
        name: &'static str,
        fy_start_month: u32,
        frequency: Frequency,
        date: NaiveDate,
        period: (NaiveDate, NaiveDate, &'static str),
        previous: (NaiveDate, NaiveDate, &'static str),
    }

    fn case(
        name: &'static str,
        (fy_start_month, frequency, date): (u32, Frequency, NaiveDate),
        period: (NaiveDate, NaiveDate, &'static str),
        previous: (NaiveDate, NaiveDate, &'static str),
    ) -> Case {
        Case {
            name,
            fy_start_month,
            frequency,
            date,
            period,
            previous,
        }
    }

    #[test]
    fn table_periods_labels_and_previous() {
        use Frequency::{HalfYearly, Monthly, Quarterly, Yearly};
        #[rustfmt::skip]
        let cases = [
            // April financial year (the default).
            case("apr monthly: mid-month", (4, Monthly, d(2005, 5, 17)), (d(2005, 5, 1), d(2005, 5, 31), "May 2005"), (d(2005, 4, 1), d(2005, 4, 30), "Apr 2005")),
            case("apr monthly: 31 Mar", (4, Monthly, d(2006, 3, 31)), (d(2006, 3, 1), d(2006, 3, 31), "Mar 2006"), (d(2006, 2, 1), d(2006, 2, 28), "Feb 2006")),
            case("apr monthly: 1 Apr", (4, Monthly, d(2006, 4, 1)), (d(2006, 4, 1), d(2006, 4, 30), "Apr 2006"), (d(2006, 3, 1), d(2006, 3, 31), "Mar 2006")),
            case("apr monthly: 29 Feb 2024", (4, Monthly, d(2024, 2, 29)), (d(2024, 2, 1), d(2024, 2, 29), "Feb 2024"), (d(2024, 1, 1), d(2024, 1, 31), "Jan 2024")),
            case("apr monthly: 1 Mar 2024 follows a leap February", (4, Monthly, d(2024, 3, 1)), (d(2024, 3, 1), d(2024, 3, 31), "Mar 2024"), (d(2024, 2, 1), d(2024, 2, 29), "Feb 2024")),
            case("apr monthly: 1 Mar 2023 follows a 28-day February", (4, Monthly, d(2023, 3, 1)), (d(2023, 3, 1), d(2023, 3, 31), "Mar 2023"), (d(2023, 2, 1), d(2023, 2, 28), "Feb 2023")),
            case("apr monthly: 1 Jan, calendar year rollover", (4, Monthly, d(2006, 1, 1)), (d(2006, 1, 1), d(2006, 1, 31), "Jan 2006"), (d(2005, 12, 1), d(2005, 12, 31), "Dec 2005")),
            case("apr monthly: 29 Feb 2000 (divisible by 400)", (4, Monthly, d(2000, 2, 29)), (d(2000, 2, 1), d(2000, 2, 29), "Feb 2000"), (d(2000, 1, 1), d(2000, 1, 31), "Jan 2000")),
            case("apr monthly: Feb 2100 is not a leap month", (4, Monthly, d(2100, 2, 28)), (d(2100, 2, 1), d(2100, 2, 28), "Feb 2100"), (d(2100, 1, 1), d(2100, 1, 31), "Jan 2100")),
            case("apr quarterly: mid Q1", (4, Quarterly, d(2005, 5, 17)), (d(2005, 4, 1), d(2005, 6, 30), "2005/06 Q1"), (d(2005, 1, 1), d(2005, 3, 31), "2004/05 Q4")),
            case("apr quarterly: 1 Apr, first day of Q1", (4, Quarterly, d(2006, 4, 1)), (d(2006, 4, 1), d(2006, 6, 30), "2006/07 Q1"), (d(2006, 1, 1), d(2006, 3, 31), "2005/06 Q4")),
            case("apr quarterly: 31 Mar, last day of Q4", (4, Quarterly, d(2006, 3, 31)), (d(2006, 1, 1), d(2006, 3, 31), "2005/06 Q4"), (d(2005, 10, 1), d(2005, 12, 31), "2005/06 Q3")),
            case("apr quarterly: 30 Jun, last day of Q1", (4, Quarterly, d(2005, 6, 30)), (d(2005, 4, 1), d(2005, 6, 30), "2005/06 Q1"), (d(2005, 1, 1), d(2005, 3, 31), "2004/05 Q4")),
            case("apr quarterly: 1 Jul, first day of Q2", (4, Quarterly, d(2005, 7, 1)), (d(2005, 7, 1), d(2005, 9, 30), "2005/06 Q2"), (d(2005, 4, 1), d(2005, 6, 30), "2005/06 Q1")),
            case("apr quarterly: 31 Dec, last day of Q3", (4, Quarterly, d(2005, 12, 31)), (d(2005, 10, 1), d(2005, 12, 31), "2005/06 Q3"), (d(2005, 7, 1), d(2005, 9, 30), "2005/06 Q2")),
            case("apr quarterly: 1 Jan, Q4 in the next calendar year", (4, Quarterly, d(2006, 1, 1)), (d(2006, 1, 1), d(2006, 3, 31), "2005/06 Q4"), (d(2005, 10, 1), d(2005, 12, 31), "2005/06 Q3")),
            case("apr quarterly: 29 Feb 2024", (4, Quarterly, d(2024, 2, 29)), (d(2024, 1, 1), d(2024, 3, 31), "2023/24 Q4"), (d(2023, 10, 1), d(2023, 12, 31), "2023/24 Q3")),
            case("apr quarterly: century, 1999/00", (4, Quarterly, d(2000, 2, 29)), (d(2000, 1, 1), d(2000, 3, 31), "1999/00 Q4"), (d(1999, 10, 1), d(1999, 12, 31), "1999/00 Q3")),
            case("apr half-yearly: 30 Sep, last day of H1", (4, HalfYearly, d(2005, 9, 30)), (d(2005, 4, 1), d(2005, 9, 30), "2005/06 H1"), (d(2004, 10, 1), d(2005, 3, 31), "2004/05 H2")),
            case("apr half-yearly: 1 Oct, first day of H2", (4, HalfYearly, d(2005, 10, 1)), (d(2005, 10, 1), d(2006, 3, 31), "2005/06 H2"), (d(2005, 4, 1), d(2005, 9, 30), "2005/06 H1")),
            case("apr half-yearly: 31 Mar", (4, HalfYearly, d(2006, 3, 31)), (d(2005, 10, 1), d(2006, 3, 31), "2005/06 H2"), (d(2005, 4, 1), d(2005, 9, 30), "2005/06 H1")),
            case("apr half-yearly: 1 Apr", (4, HalfYearly, d(2006, 4, 1)), (d(2006, 4, 1), d(2006, 9, 30), "2006/07 H1"), (d(2005, 10, 1), d(2006, 3, 31), "2005/06 H2")),
            case("apr half-yearly: 29 Feb 2024", (4, HalfYearly, d(2024, 2, 29)), (d(2023, 10, 1), d(2024, 3, 31), "2023/24 H2"), (d(2023, 4, 1), d(2023, 9, 30), "2023/24 H1")),
            case("apr yearly: 31 Mar", (4, Yearly, d(2007, 3, 31)), (d(2006, 4, 1), d(2007, 3, 31), "2006/07"), (d(2005, 4, 1), d(2006, 3, 31), "2005/06")),
            case("apr yearly: 1 Apr", (4, Yearly, d(2006, 4, 1)), (d(2006, 4, 1), d(2007, 3, 31), "2006/07"), (d(2005, 4, 1), d(2006, 3, 31), "2005/06")),
            case("apr yearly: 29 Feb 2024", (4, Yearly, d(2024, 2, 29)), (d(2023, 4, 1), d(2024, 3, 31), "2023/24"), (d(2022, 4, 1), d(2023, 3, 31), "2022/23")),
            case("apr yearly: century, 1999/00", (4, Yearly, d(2000, 1, 15)), (d(1999, 4, 1), d(2000, 3, 31), "1999/00"), (d(1998, 4, 1), d(1999, 3, 31), "1998/99")),
            case("apr yearly: century, 2099/00", (4, Yearly, d(2099, 6, 1)), (d(2099, 4, 1), d(2100, 3, 31), "2099/00"), (d(2098, 4, 1), d(2099, 3, 31), "2098/99")),
            // January financial year: the calendar year.
            case("jan monthly: 29 Feb 2024", (1, Monthly, d(2024, 2, 29)), (d(2024, 2, 1), d(2024, 2, 29), "Feb 2024"), (d(2024, 1, 1), d(2024, 1, 31), "Jan 2024")),
            case("jan monthly: 1 Jan, year rollover", (1, Monthly, d(2024, 1, 1)), (d(2024, 1, 1), d(2024, 1, 31), "Jan 2024"), (d(2023, 12, 1), d(2023, 12, 31), "Dec 2023")),
            case("jan quarterly: 29 Feb 2024", (1, Quarterly, d(2024, 2, 29)), (d(2024, 1, 1), d(2024, 3, 31), "2024 Q1"), (d(2023, 10, 1), d(2023, 12, 31), "2023 Q4")),
            case("jan quarterly: 31 Mar, last day of Q1", (1, Quarterly, d(2024, 3, 31)), (d(2024, 1, 1), d(2024, 3, 31), "2024 Q1"), (d(2023, 10, 1), d(2023, 12, 31), "2023 Q4")),
            case("jan quarterly: 1 Apr, first day of Q2", (1, Quarterly, d(2024, 4, 1)), (d(2024, 4, 1), d(2024, 6, 30), "2024 Q2"), (d(2024, 1, 1), d(2024, 3, 31), "2024 Q1")),
            case("jan quarterly: 31 Dec, last day of Q4", (1, Quarterly, d(2023, 12, 31)), (d(2023, 10, 1), d(2023, 12, 31), "2023 Q4"), (d(2023, 7, 1), d(2023, 9, 30), "2023 Q3")),
            case("jan half-yearly: 29 Feb 2024", (1, HalfYearly, d(2024, 2, 29)), (d(2024, 1, 1), d(2024, 6, 30), "2024 H1"), (d(2023, 7, 1), d(2023, 12, 31), "2023 H2")),
            case("jan half-yearly: 1 Jul, first day of H2", (1, HalfYearly, d(2024, 7, 1)), (d(2024, 7, 1), d(2024, 12, 31), "2024 H2"), (d(2024, 1, 1), d(2024, 6, 30), "2024 H1")),
            case("jan half-yearly: 31 Dec", (1, HalfYearly, d(2024, 12, 31)), (d(2024, 7, 1), d(2024, 12, 31), "2024 H2"), (d(2024, 1, 1), d(2024, 6, 30), "2024 H1")),
            case("jan yearly: 29 Feb 2024", (1, Yearly, d(2024, 2, 29)), (d(2024, 1, 1), d(2024, 12, 31), "2024"), (d(2023, 1, 1), d(2023, 12, 31), "2023")),
            case("jan yearly: 1 Jan", (1, Yearly, d(2024, 1, 1)), (d(2024, 1, 1), d(2024, 12, 31), "2024"), (d(2023, 1, 1), d(2023, 12, 31), "2023")),
            case("jan yearly: 31 Dec", (1, Yearly, d(2023, 12, 31)), (d(2023, 1, 1), d(2023, 12, 31), "2023"), (d(2022, 1, 1), d(2022, 12, 31), "2022")),
            // July financial year.
            case("jul monthly: 1 Jul", (7, Monthly, d(2024, 7, 1)), (d(2024, 7, 1), d(2024, 7, 31), "Jul 2024"), (d(2024, 6, 1), d(2024, 6, 30), "Jun 2024")),
            case("jul quarterly: 30 Jun, last day of Q4", (7, Quarterly, d(2024, 6, 30)), (d(2024, 4, 1), d(2024, 6, 30), "2023/24 Q4"), (d(2024, 1, 1), d(2024, 3, 31), "2023/24 Q3")),
            case("jul quarterly: 1 Jul, first day of Q1", (7, Quarterly, d(2024, 7, 1)), (d(2024, 7, 1), d(2024, 9, 30), "2024/25 Q1"), (d(2024, 4, 1), d(2024, 6, 30), "2023/24 Q4")),
            case("jul quarterly: 29 Feb 2024", (7, Quarterly, d(2024, 2, 29)), (d(2024, 1, 1), d(2024, 3, 31), "2023/24 Q3"), (d(2023, 10, 1), d(2023, 12, 31), "2023/24 Q2")),
            case("jul quarterly: 1 Apr", (7, Quarterly, d(2024, 4, 1)), (d(2024, 4, 1), d(2024, 6, 30), "2023/24 Q4"), (d(2024, 1, 1), d(2024, 3, 31), "2023/24 Q3")),
            case("jul half-yearly: 29 Feb 2024", (7, HalfYearly, d(2024, 2, 29)), (d(2024, 1, 1), d(2024, 6, 30), "2023/24 H2"), (d(2023, 7, 1), d(2023, 12, 31), "2023/24 H1")),
            case("jul half-yearly: 1 Jul", (7, HalfYearly, d(2024, 7, 1)), (d(2024, 7, 1), d(2024, 12, 31), "2024/25 H1"), (d(2024, 1, 1), d(2024, 6, 30), "2023/24 H2")),
            case("jul yearly: 29 Feb 2024", (7, Yearly, d(2024, 2, 29)), (d(2023, 7, 1), d(2024, 6, 30), "2023/24"), (d(2022, 7, 1), d(2023, 6, 30), "2022/23")),
            case("jul yearly: 1 Jul", (7, Yearly, d(2024, 7, 1)), (d(2024, 7, 1), d(2025, 6, 30), "2024/25"), (d(2023, 7, 1), d(2024, 6, 30), "2023/24")),
            // December financial year: a leap February ends its first quarter.
            case("dec quarterly: 29 Feb 2024, last day of Q1", (12, Quarterly, d(2024, 2, 29)), (d(2023, 12, 1), d(2024, 2, 29), "2023/24 Q1"), (d(2023, 9, 1), d(2023, 11, 30), "2022/23 Q4")),
            case("dec quarterly: 1 Dec, first day of the year", (12, Quarterly, d(2024, 12, 1)), (d(2024, 12, 1), d(2025, 2, 28), "2024/25 Q1"), (d(2024, 9, 1), d(2024, 11, 30), "2023/24 Q4")),
            case("dec half-yearly: 1 Mar 2024", (12, HalfYearly, d(2024, 3, 1)), (d(2023, 12, 1), d(2024, 5, 31), "2023/24 H1"), (d(2023, 6, 1), d(2023, 11, 30), "2022/23 H2")),
            case("dec yearly: 30 Nov, last day of the year", (12, Yearly, d(2024, 11, 30)), (d(2023, 12, 1), d(2024, 11, 30), "2023/24"), (d(2022, 12, 1), d(2023, 11, 30), "2022/23")),
        ];
        let mut names = std::collections::HashSet::new();
        for c in &cases {
            assert!(names.insert(c.name), "duplicate case name {:?}", c.name);
            let cal = Calendar {
                fy_start_month: c.fy_start_month,
            };
            let period = cal.period_containing(c.date, c.frequency);
            assert_eq!(
                (period.start, period.end, cal.label(period).as_str()),
                c.period,
                "case {:?}: period containing {}",
                c.name,
                c.date
            );
            let previous = cal.previous(period, c.frequency);
            assert_eq!(
                (previous.start, previous.end, cal.label(previous).as_str()),
                c.previous,
                "case {:?}: period before {period:?}",
                c.name
            );
        }
    }

    /// Every day of 2023–2025 (2024 a leap year), for every financial-year start and frequency:
    /// the period holds the day, starts on the first of a month at a whole number of periods
    /// into the year, spans the frequency's months, abuts the previous one, is found again from
    /// its first and last day, and no other period has its label.
    #[test]
    fn every_day_falls_in_one_well_formed_period() {
        let frequencies = [
            Frequency::Monthly,
            Frequency::Quarterly,
            Frequency::HalfYearly,
            Frequency::Yearly,
        ];
        for fy_start_month in 1..=12 {
            let cal = Calendar { fy_start_month };
            for frequency in frequencies {
                let mut labels = std::collections::HashMap::new();
                let mut date = d(2023, 1, 1);
                while date <= d(2025, 12, 31) {
                    let p = cal.period_containing(date, frequency);
                    let what = format!("FY from month {fy_start_month}, {frequency:?}, {date}");
                    assert!(p.start <= date && date <= p.end, "{what}: {p:?}");
                    assert_eq!(p.start.day(), 1, "{what}: {p:?}");
                    assert_eq!(
                        months_between(cal.year_start(date), p.start) % frequency.months(),
                        0,
                        "{what}: {p:?}"
                    );
                    assert_eq!(
                        add_months(p.start, frequency.months()),
                        p.end + chrono::Days::new(1),
                        "{what}: {p:?}"
                    );
                    let prev = cal.previous(p, frequency);
                    assert_eq!(prev.end + chrono::Days::new(1), p.start, "{what}: {prev:?}");
                    assert_eq!(cal.period_containing(p.end, frequency), p, "{what}");
                    assert_eq!(cal.period_containing(p.start, frequency), p, "{what}");
                    let other = labels.entry(cal.label(p)).or_insert(p);
                    assert_eq!(*other, p, "{what}: two periods share a label");
                    date = date.succ_opt().expect("valid date");
                }
            }
        }
    }
}
