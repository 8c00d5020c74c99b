//! Target status (RAG), computed from the plan and the latest approved figure, never typed in.
//!
//! Rules (DESIGN.md §3):
//! - numeric (count, percentage, currency): progress = (latest − baseline) / (target − baseline),
//!   which is direction-aware because the denominator carries the sign; compared with the
//!   progress expected by the assessment date on a straight line from start to due date:
//!   on track at or above it, at risk within the forum's tolerance below it, off track beyond.
//!   Met once the target is reached; overdue when the due date has passed and it is not met.
//! - band: on track inside the band, at risk within the tolerance of an edge (inside), off track
//!   outside it: too few is as much a warning as too many.
//! - yes/no and milestone: met once done; otherwise not due yet, or overdue after the due date.
//! - text: reported when there is a current narrative.
//! - no current approved figure: no data, never green.
use crate::domain::target::{Direction, TargetKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The status of a target, action, theme or strategy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not reached, and the due date has passed.
    Overdue,
    /// Behind the expected progress by more than the tolerance, or outside the band.
    OffTrack,
    /// Behind the expected progress within the tolerance, or near a band edge.
    AtRisk,
    /// No current approved figure.
    NoData,
    /// At or ahead of the expected progress, or inside the band.
    OnTrack,
    /// A yes/no or milestone target whose date has not come yet.
    NotDue,
    /// A text target with a current narrative.
    Reported,
    /// The target is reached.
    Met,
}

crate::domain::target::text_enum!(Status, "status",
    Overdue => "overdue", "Overdue",
    OffTrack => "off_track", "Off track",
    AtRisk => "at_risk", "At risk",
    NoData => "no_data", "No data",
    OnTrack => "on_track", "On track",
    NotDue => "not_due", "Not due",
    Reported => "reported", "Reported",
    Met => "met", "Met",
);

/// How many targets have each status: every status, in display order, zeros included.
pub fn tally(statuses: impl IntoIterator<Item = Status>) -> Vec<(Status, u32)> {
    let mut counts: Vec<(Status, u32)> = Status::ALL.iter().map(|s| (*s, 0)).collect();
    for s in statuses {
        if let Some(c) = counts.iter_mut().find(|(x, _)| *x == s) {
            c.1 += 1;
        }
    }
    counts
}

impl Status {
    /// The RAG colour name used for styling (text is always shown as well).
    pub fn css_class(self) -> &'static str {
        match self {
            Status::Overdue | Status::OffTrack => "status status-red",
            Status::AtRisk => "status status-amber",
            Status::OnTrack | Status::Met => "status status-green",
            Status::NoData => "status status-grey",
            Status::NotDue | Status::Reported => "status status-blue",
        }
    }

    /// How much attention the status needs; the roll-up takes the most urgent.
    fn urgency(self) -> u8 {
        match self {
            Status::Overdue => 7,
            Status::OffTrack => 6,
            Status::AtRisk => 5,
            Status::NoData => 4,
            Status::OnTrack => 3,
            Status::NotDue => 2,
            Status::Reported => 1,
            Status::Met => 0,
        }
    }
}

/// Rolls the statuses of targets up to their action (and actions to a theme, themes to a
/// strategy): the most urgent status wins, so an action is met only when every target is met,
/// and one missing return shows as "no data" rather than hiding behind green neighbours.
/// Nothing to roll up gives "no data".
pub fn roll_up(statuses: impl IntoIterator<Item = Status>) -> Status {
    statuses
        .into_iter()
        .max_by_key(|s| s.urgency())
        .unwrap_or(Status::NoData)
}

/// What a target asks for, as far as status is concerned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetRule {
    /// The kind of value.
    pub kind: TargetKind,
    /// Which way it is read.
    pub direction: Direction,
    /// Starting value; zero when the plan gives none.
    pub baseline: Option<f64>,
    /// The value to reach (per `population_per` people when that is set).
    pub target_value: Option<f64>,
    /// Low bound of a band.
    pub band_low: Option<f64>,
    /// High bound of a band.
    pub band_high: Option<f64>,
    /// When progress starts to be expected.
    pub start: NaiveDate,
    /// When the target is due.
    pub due: NaiveDate,
    /// Target stated per this many people ("1 refuge place per 10,000 population").
    pub population_per: Option<i64>,
}

/// The latest approved figure for a target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Observed {
    /// A count, percentage or amount.
    Number(f64),
    /// Done or not.
    Done(bool),
    /// Milestone reached on this date (None: reported, not yet reached).
    Reached(Option<NaiveDate>),
    /// A narrative only.
    Text,
}

/// The circumstances of an assessment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Assessment {
    /// The date the status is assessed at.
    pub as_of: NaiveDate,
    /// Percentage points below the expected progress that still count as "at risk".
    pub tolerance: f64,
    /// The forum's population, for per-population targets.
    pub population: Option<i64>,
}

/// Computes a target's status from its rule and its latest current approved figure.
pub fn assess(rule: &TargetRule, latest: Option<&Observed>, at: &Assessment) -> Status {
    let overdue = at.as_of > rule.due;
    let Some(latest) = latest else {
        return Status::NoData;
    };
    match (rule.kind, latest) {
        (TargetKind::YesNo, Observed::Done(true)) => Status::Met,
        (TargetKind::Milestone, Observed::Reached(Some(_))) => Status::Met,
        (TargetKind::YesNo | TargetKind::Milestone, _) => {
            if overdue {
                Status::Overdue
            } else {
                Status::NotDue
            }
        }
        (TargetKind::Text, _) => Status::Reported,
        (_, Observed::Number(value)) => match per_population(rule, *value, at) {
            Some(value) => assess_number(rule, value, at),
            // A per-population target with no (or no positive) forum population: the raw
            // figure cannot be compared with a rate, so it is reported, never met.
            None => Status::Reported,
        },
        _ => Status::NoData,
    }
}

/// The figure as the target states it: per `population_per` people when that is set, or
/// `None` when it is set but the forum's population is unknown or not positive.
fn per_population(rule: &TargetRule, value: f64, at: &Assessment) -> Option<f64> {
    match (rule.population_per, at.population) {
        (None, _) => Some(value),
        (Some(per), Some(population)) if population > 0 && per > 0 => {
            Some(value * per as f64 / population as f64)
        }
        _ => None,
    }
}

fn assess_number(rule: &TargetRule, value: f64, at: &Assessment) -> Status {
    let tolerance = at.tolerance.max(0.0) / 100.0;
    if rule.direction == Direction::InBand {
        return assess_band(rule, value, tolerance);
    }
    let Some(target) = rule.target_value else {
        // A measure with no target value set: the figure is reported, nothing to compare.
        return Status::Reported;
    };
    let met = match rule.direction {
        Direction::AtMost => value <= target,
        _ => value >= target,
    };
    if met {
        return Status::Met;
    }
    if at.as_of > rule.due {
        return Status::Overdue;
    }
    let progress = match rule.baseline {
        Some(baseline) if (target - baseline).abs() > f64::EPSILON => {
            (value - baseline) / (target - baseline)
        }
        // No baseline for a ceiling: how far above it, relative to the ceiling.
        _ if rule.direction == Direction::AtMost && target.abs() > f64::EPSILON => {
            1.0 - (value - target) / target.abs()
        }
        _ if rule.direction == Direction::AtMost => 0.0,
        _ if target.abs() > f64::EPSILON => value / target,
        _ => 0.0,
    };
    let expected = if rule.direction == Direction::AtMost && rule.baseline.is_none() {
        1.0 // a ceiling with no baseline is to be respected all along
    } else {
        expected_progress(rule.start, rule.due, at.as_of)
    };
    if progress + 1e-9 >= expected {
        Status::OnTrack
    } else if progress + tolerance + 1e-9 >= expected {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

fn assess_band(rule: &TargetRule, value: f64, tolerance: f64) -> Status {
    let (Some(low), Some(high)) = (rule.band_low, rule.band_high) else {
        return Status::Reported;
    };
    if value < low || value > high {
        return Status::OffTrack;
    }
    let margin = (high - low) * tolerance;
    if value < low + margin || value > high - margin {
        Status::AtRisk
    } else {
        Status::OnTrack
    }
}

/// The share of the way from start to due that should be done by `as_of`, from 0 to 1.
pub fn expected_progress(start: NaiveDate, due: NaiveDate, as_of: NaiveDate) -> f64 {
    if as_of >= due {
        return 1.0;
    }
    if as_of <= start {
        return 0.0;
    }
    let total = (due - start).num_days() as f64;
    let done = (as_of - start).num_days() as f64;
    (done / total).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn rule(
        kind: TargetKind,
        direction: Direction,
        baseline: Option<f64>,
        target: f64,
    ) -> TargetRule {
        TargetRule {
            kind,
            direction,
            baseline,
            target_value: Some(target),
            band_low: None,
            band_high: None,
            start: d(2005, 4, 1),
            due: d(2006, 3, 31),
            population_per: None,
        }
    }

    fn at(y: i32, m: u32, day: u32) -> Assessment {
        Assessment {
            as_of: d(y, m, day),
            tolerance: 10.0,
            population: None,
        }
    }

    #[test]
    fn no_figure_is_no_data_never_green() {
        let r = rule(TargetKind::Count, Direction::AtLeast, None, 4.0);
        assert_eq!(assess(&r, None, &at(2005, 5, 1)), Status::NoData);
    }

    #[test]
    fn count_against_straight_line_progress() {
        let r = rule(TargetKind::Count, Direction::AtLeast, Some(0.0), 4.0);
        // Half-way through the year, 2 of 4 is on the line.
        let mid = at(2005, 9, 30);
        assert_eq!(
            assess(&r, Some(&Observed::Number(2.0)), &mid),
            Status::OnTrack
        );
        // 1.7 of 4 (42.5%) against ~50% expected is within 10 points: at risk.
        assert_eq!(
            assess(&r, Some(&Observed::Number(1.7)), &mid),
            Status::AtRisk
        );
        // 1 of 4 is 25 points behind: off track.
        assert_eq!(
            assess(&r, Some(&Observed::Number(1.0)), &mid),
            Status::OffTrack
        );
        assert_eq!(assess(&r, Some(&Observed::Number(4.0)), &mid), Status::Met);
        assert_eq!(
            assess(&r, Some(&Observed::Number(3.0)), &at(2006, 4, 1)),
            Status::Overdue
        );
    }

    #[test]
    fn at_most_percentage_reads_downwards() {
        // LPSA: maintain repeat victimisation at 30% or less.
        let r = rule(TargetKind::Percentage, Direction::AtMost, None, 30.0);
        let mid = at(2005, 9, 30);
        assert_eq!(assess(&r, Some(&Observed::Number(28.0)), &mid), Status::Met);
        assert_eq!(
            assess(&r, Some(&Observed::Number(32.0)), &mid),
            Status::AtRisk
        );
        assert_eq!(
            assess(&r, Some(&Observed::Number(40.0)), &mid),
            Status::OffTrack
        );
        // With a baseline the reduction is expected along the line.
        let reduce = rule(TargetKind::Percentage, Direction::AtMost, Some(40.0), 30.0);
        assert_eq!(
            assess(&reduce, Some(&Observed::Number(35.0)), &mid),
            Status::OnTrack
        );
        assert_eq!(
            assess(&reduce, Some(&Observed::Number(39.0)), &mid),
            Status::OffTrack
        );
    }

    #[test]
    fn bands_warn_at_both_edges() {
        let mut r = rule(TargetKind::Count, Direction::InBand, None, 0.0);
        r.target_value = None;
        r.band_low = Some(20.0);
        r.band_high = Some(40.0);
        let now = at(2005, 9, 30);
        assert_eq!(
            assess(&r, Some(&Observed::Number(30.0)), &now),
            Status::OnTrack
        );
        assert_eq!(
            assess(&r, Some(&Observed::Number(21.0)), &now),
            Status::AtRisk
        );
        assert_eq!(
            assess(&r, Some(&Observed::Number(39.5)), &now),
            Status::AtRisk
        );
        assert_eq!(
            assess(&r, Some(&Observed::Number(12.0)), &now),
            Status::OffTrack
        );
        assert_eq!(
            assess(&r, Some(&Observed::Number(45.0)), &now),
            Status::OffTrack
        );
    }

    #[test]
    fn yes_no_and_milestones_go_by_date() {
        let r = rule(TargetKind::Milestone, Direction::AtLeast, None, 0.0);
        assert_eq!(
            assess(
                &r,
                Some(&Observed::Reached(Some(d(2006, 1, 9)))),
                &at(2006, 5, 1)
            ),
            Status::Met
        );
        assert_eq!(
            assess(&r, Some(&Observed::Reached(None)), &at(2006, 1, 1)),
            Status::NotDue
        );
        assert_eq!(
            assess(&r, Some(&Observed::Reached(None)), &at(2006, 5, 1)),
            Status::Overdue
        );
        let yn = rule(TargetKind::YesNo, Direction::AtLeast, None, 1.0);
        assert_eq!(
            assess(&yn, Some(&Observed::Done(true)), &at(2007, 1, 1)),
            Status::Met
        );
        assert_eq!(
            assess(&yn, Some(&Observed::Done(false)), &at(2007, 1, 1)),
            Status::Overdue
        );
    }

    #[test]
    fn per_population_targets_use_the_forum_population() {
        let mut r = rule(TargetKind::Count, Direction::AtLeast, None, 1.0);
        r.population_per = Some(10_000);
        let mut now = at(2006, 2, 1);
        now.population = Some(250_000);
        // 25 places for 250,000 people is 1 per 10,000: met.
        assert_eq!(assess(&r, Some(&Observed::Number(25.0)), &now), Status::Met);
        // 18 places is 0.72 per 10,000, well behind the line by February.
        assert_eq!(
            assess(&r, Some(&Observed::Number(18.0)), &now),
            Status::OffTrack
        );
    }

    #[test]
    fn roll_up_takes_the_most_urgent() {
        assert_eq!(roll_up([Status::Met, Status::Met]), Status::Met);
        assert_eq!(
            roll_up([Status::Met, Status::OnTrack, Status::NoData]),
            Status::NoData
        );
        assert_eq!(
            roll_up([Status::AtRisk, Status::Overdue, Status::OnTrack]),
            Status::Overdue
        );
        assert_eq!(roll_up([]), Status::NoData);
    }

    #[test]
    fn expected_progress_is_clamped() {
        assert!(
            (expected_progress(d(2005, 4, 1), d(2006, 4, 1), d(2005, 10, 1)) - 0.5).abs() < 0.01
        );
        assert_eq!(
            expected_progress(d(2005, 4, 1), d(2006, 4, 1), d(2004, 1, 1)),
            0.0
        );
        assert_eq!(
            expected_progress(d(2005, 4, 1), d(2006, 4, 1), d(2009, 1, 1)),
            1.0
        );
    }

    // ---- Table-driven tests of the status rules ----------------------------------------------

    /// One row of a status table: a rule, the latest figure and the assessment, and the status.
    struct Case {
        name: &'static str,
        rule: TargetRule,
        observed: Option<Observed>,
        at: Assessment,
        expected: Status,
    }

    fn case(
        name: &'static str,
        rule: TargetRule,
        observed: Option<Observed>,
        at: Assessment,
        expected: Status,
    ) -> Case {
        Case {
            name,
            rule,
            observed,
            at,
            expected,
        }
    }

    /// A numeric target over the 2005/06 financial year: 1 Apr 2005 to 31 Mar 2006 is 364
    /// days, so 30 Sep 2005 (day 182) is exactly half-way along the line.
    fn numeric(
        kind: TargetKind,
        direction: Direction,
        baseline: Option<f64>,
        target: Option<f64>,
    ) -> TargetRule {
        TargetRule {
            kind,
            direction,
            baseline,
            target_value: target,
            band_low: None,
            band_high: None,
            start: d(2005, 4, 1),
            due: d(2006, 3, 31),
            population_per: None,
        }
    }

    /// A band target over the 2005/06 financial year.
    fn band(kind: TargetKind, low: Option<f64>, high: Option<f64>) -> TargetRule {
        TargetRule {
            band_low: low,
            band_high: high,
            ..numeric(kind, Direction::InBand, None, None)
        }
    }

    /// A yes/no, milestone or text target due 31 Mar 2006.
    fn dated(kind: TargetKind) -> TargetRule {
        numeric(kind, Direction::AtLeast, None, None)
    }

    /// The same rule over a leap-year strategy: 1 Mar 2023 to 29 Feb 2024 is 365 days, so
    /// 13 May 2023 (day 73) is exactly a fifth of the way and 28 Feb 2024 is day 364.
    fn leap(rule: TargetRule) -> TargetRule {
        TargetRule {
            start: d(2023, 3, 1),
            due: d(2024, 2, 29),
            ..rule
        }
    }

    /// The same rule stated per `per` people.
    fn per(rule: TargetRule, per: i64) -> TargetRule {
        TargetRule {
            population_per: Some(per),
            ..rule
        }
    }

    /// Assessed on `as_of` with the default 10-point tolerance and no population.
    fn on(as_of: NaiveDate) -> Assessment {
        Assessment {
            as_of,
            tolerance: 10.0,
            population: None,
        }
    }

    fn tol(tolerance: f64, at: Assessment) -> Assessment {
        Assessment { tolerance, ..at }
    }

    fn pop(population: i64, at: Assessment) -> Assessment {
        Assessment {
            population: Some(population),
            ..at
        }
    }

    fn n(value: f64) -> Option<Observed> {
        Some(Observed::Number(value))
    }

    fn check(cases: &[Case]) {
        let mut names = std::collections::HashSet::new();
        for c in cases {
            assert!(names.insert(c.name), "duplicate case name {:?}", c.name);
            assert_eq!(
                assess(&c.rule, c.observed.as_ref(), &c.at),
                c.expected,
                "case {:?}: {:?} with {:?} at {:?}",
                c.name,
                c.rule,
                c.observed,
                c.at
            );
        }
    }

    #[test]
    fn table_no_data_for_every_kind() {
        use Direction::{AtLeast, AtMost};
        use Status::NoData;
        use TargetKind::{Count, Currency, Milestone, Percentage, Text, YesNo};
        let (mid, late) = (on(d(2005, 9, 30)), on(d(2007, 1, 1)));
        let refuge = per(numeric(Count, AtLeast, None, Some(1.0)), 10_000);
        #[rustfmt::skip]
        let cases = [
            case("count at least", numeric(Count, AtLeast, Some(0.0), Some(10.0)), None, mid, NoData),
            case("count at most", numeric(Count, AtMost, None, Some(3.0)), None, mid, NoData),
            case("percentage at least", numeric(Percentage, AtLeast, Some(50.0), Some(70.0)), None, mid, NoData),
            case("percentage at most", numeric(Percentage, AtMost, None, Some(30.0)), None, mid, NoData),
            case("currency at least", numeric(Currency, AtLeast, None, Some(10_000.0)), None, mid, NoData),
            case("currency at most", numeric(Currency, AtMost, None, Some(5_000.0)), None, mid, NoData),
            case("count band", band(Count, Some(20.0), Some(40.0)), None, mid, NoData),
            case("percentage band", band(Percentage, Some(60.0), Some(80.0)), None, mid, NoData),
            case("currency band", band(Currency, Some(1_000.0), Some(2_000.0)), None, mid, NoData),
            case("yes/no", dated(YesNo), None, mid, NoData),
            case("milestone", dated(Milestone), None, mid, NoData),
            case("text", dated(Text), None, mid, NoData),
            case("count past due: no data, not overdue", numeric(Count, AtLeast, None, Some(10.0)), None, late, NoData),
            case("band past due", band(Count, Some(20.0), Some(40.0)), None, late, NoData),
            case("yes/no past due: no data, not overdue", dated(YesNo), None, late, NoData),
            case("milestone past due: no data, not overdue", dated(Milestone), None, late, NoData),
            case("text past due", dated(Text), None, late, NoData),
            case("no target value set", numeric(Count, AtLeast, None, None), None, mid, NoData),
            case("band bounds not set", band(Count, None, None), None, mid, NoData),
            case("per population, population known", refuge.clone(), None, pop(250_000, mid), NoData),
            case("per population, population missing", refuge, None, mid, NoData),
            case("percentage with no usable figure", numeric(Percentage, AtLeast, None, Some(70.0)), Some(Observed::Text), mid, NoData),
            case("count observed as yes/no", numeric(Count, AtLeast, None, Some(1.0)), Some(Observed::Done(true)), mid, NoData),
            case("currency observed as a milestone", numeric(Currency, AtLeast, None, Some(1.0)), Some(Observed::Reached(Some(d(2005, 5, 1)))), mid, NoData),
        ];
        check(&cases);
    }

    #[test]
    fn table_numeric_targets_against_the_line() {
        use Direction::{AtLeast, AtMost};
        use Status::{AtRisk, Met, OffTrack, OnTrack, Overdue, Reported};
        use TargetKind::{Count, Currency, Percentage};
        let start = on(d(2005, 4, 1));
        let mid = on(d(2005, 9, 30)); // expected progress exactly 0.5
        let due = on(d(2006, 3, 31)); // expected progress 1, not yet overdue
        let after = on(d(2006, 4, 1)); // the day after the due date
        let count = numeric(Count, AtLeast, Some(0.0), Some(10.0));
        let raise = numeric(Count, AtLeast, Some(4.0), Some(8.0));
        let from_half = numeric(Percentage, AtLeast, Some(50.0), Some(70.0));
        let reduce = numeric(Percentage, AtMost, Some(40.0), Some(30.0));
        let ceiling = numeric(Percentage, AtMost, None, Some(30.0));
        let none_at_all = numeric(Count, AtMost, None, Some(0.0));
        let funds = numeric(Currency, AtLeast, Some(0.0), Some(10_000.0));
        let spend = numeric(Currency, AtMost, None, Some(5_000.0));
        #[rustfmt::skip]
        let cases = [
            // Count, at least, baseline 0 → 10: half-way through the year 5 is on the line.
            case("count: exactly on the line", count.clone(), n(5.0), mid, OnTrack),
            case("count: ahead of the line", count.clone(), n(7.0), mid, OnTrack),
            case("count: just inside the tolerance", count.clone(), n(4.5), mid, AtRisk),
            case("count: exactly on the tolerance margin", count.clone(), n(4.0), mid, AtRisk),
            case("count: just outside the tolerance", count.clone(), n(3.9), mid, OffTrack),
            case("count: far behind", count.clone(), n(1.0), mid, OffTrack),
            case("count: reached", count.clone(), n(10.0), mid, Met),
            case("count: exceeded", count.clone(), n(12.0), mid, Met),
            case("count: tolerance 0, on the line", count.clone(), n(5.0), tol(0.0, mid), OnTrack),
            case("count: tolerance 0, just behind is off track", count.clone(), n(4.9), tol(0.0, mid), OffTrack),
            case("count: negative tolerance counts as 0", count.clone(), n(4.9), tol(-5.0, mid), OffTrack),
            case("count: wide tolerance", count.clone(), n(2.5), tol(25.0, mid), AtRisk),
            case("count: start date, nothing yet expected", count.clone(), n(0.0), start, OnTrack),
            case("count: before the start date", count.clone(), n(0.0), on(d(2005, 1, 1)), OnTrack),
            case("count: due date, short within tolerance", count.clone(), n(9.0), due, AtRisk),
            case("count: due date, short beyond tolerance", count.clone(), n(8.9), due, OffTrack),
            case("count: due date, reached", count.clone(), n(10.0), due, Met),
            case("count: day after due, not reached", count.clone(), n(9.99), after, Overdue),
            case("count: day after due, reached", count.clone(), n(10.0), after, Met),
            case("count: long after due, reached", count.clone(), n(11.0), on(d(2010, 1, 1)), Met),
            // Count, at least, no baseline: read from zero.
            case("count without baseline: on the line", numeric(Count, AtLeast, None, Some(10.0)), n(5.0), mid, OnTrack),
            case("count without baseline: on the margin", numeric(Count, AtLeast, None, Some(10.0)), n(4.0), mid, AtRisk),
            case("count without baseline: beyond the margin", numeric(Count, AtLeast, None, Some(10.0)), n(3.0), mid, OffTrack),
            case("count without baseline: reached", numeric(Count, AtLeast, None, Some(10.0)), n(10.0), mid, Met),
            // Count, at least, baseline 4 → 8.
            case("baseline 4→8: on the line", raise.clone(), n(6.0), mid, OnTrack),
            case("baseline 4→8: on the margin", raise.clone(), n(5.6), mid, AtRisk),
            case("baseline 4→8: beyond the margin", raise.clone(), n(5.5), mid, OffTrack),
            case("baseline 4→8: at the start, at the baseline", raise.clone(), n(4.0), start, OnTrack),
            case("baseline 4→8: at the start, worse within tolerance", raise.clone(), n(3.6), start, AtRisk),
            case("baseline 4→8: at the start, worse beyond tolerance", raise.clone(), n(3.0), start, OffTrack),
            // Percentage, at least, baseline 50 → 70.
            case("percentage up: on the line", from_half.clone(), n(60.0), mid, OnTrack),
            case("percentage up: on the margin", from_half.clone(), n(58.0), mid, AtRisk),
            case("percentage up: beyond the margin", from_half.clone(), n(57.0), mid, OffTrack),
            case("percentage up: reached", from_half.clone(), n(70.0), mid, Met),
            case("percentage up: day after due", from_half.clone(), n(69.0), after, Overdue),
            // Percentage, at most, baseline 40 → 30: the reduction follows the line.
            case("percentage down: on the line", reduce.clone(), n(35.0), mid, OnTrack),
            case("percentage down: ahead of the line", reduce.clone(), n(32.0), mid, OnTrack),
            case("percentage down: on the margin", reduce.clone(), n(36.0), mid, AtRisk),
            case("percentage down: beyond the margin", reduce.clone(), n(37.0), mid, OffTrack),
            case("percentage down: reached exactly", reduce.clone(), n(30.0), mid, Met),
            case("percentage down: below the target", reduce.clone(), n(28.0), mid, Met),
            case("percentage down: start, worse within tolerance", reduce.clone(), n(41.0), start, AtRisk),
            case("percentage down: start, worse beyond tolerance", reduce.clone(), n(42.0), start, OffTrack),
            case("percentage down: due date, short", reduce.clone(), n(31.0), due, AtRisk),
            case("percentage down: day after due", reduce.clone(), n(31.0), after, Overdue),
            // Percentage, at most, no baseline: a ceiling respected all along.
            case("ceiling: at it", ceiling.clone(), n(30.0), mid, Met),
            case("ceiling: just above", ceiling.clone(), n(31.0), mid, AtRisk),
            case("ceiling: on the margin (10% of 30 above)", ceiling.clone(), n(33.0), mid, AtRisk),
            case("ceiling: beyond the margin", ceiling.clone(), n(33.5), mid, OffTrack),
            case("ceiling: from the start date", ceiling.clone(), n(35.0), start, OffTrack),
            case("ceiling: tolerance 0", ceiling.clone(), n(30.1), tol(0.0, mid), OffTrack),
            case("ceiling: day after due", ceiling.clone(), n(31.0), after, Overdue),
            case("ceiling of 0: none", none_at_all.clone(), n(0.0), mid, Met),
            case("ceiling of 0: one", none_at_all.clone(), n(1.0), mid, OffTrack),
            // Currency (amount in pounds), both directions.
            case("funds: on the line", funds.clone(), n(5_000.0), mid, OnTrack),
            case("funds: on the margin", funds.clone(), n(4_000.0), mid, AtRisk),
            case("funds: beyond the margin", funds.clone(), n(3_999.0), mid, OffTrack),
            case("funds: reached", funds.clone(), n(10_000.0), mid, Met),
            case("funds: day after due", funds.clone(), n(9_999.0), after, Overdue),
            case("spend: within the limit", spend.clone(), n(4_999.0), mid, Met),
            case("spend: a little over", spend.clone(), n(5_200.0), mid, AtRisk),
            case("spend: well over", spend.clone(), n(6_000.0), mid, OffTrack),
            // No target value: the figure is reported, nothing to compare.
            case("count, no target value", numeric(Count, AtLeast, None, None), n(3.0), mid, Reported),
            case("percentage at most, no target value", numeric(Percentage, AtMost, Some(40.0), None), n(35.0), mid, Reported),
            case("currency, no target value, past due", numeric(Currency, AtLeast, None, None), n(3.0), after, Reported),
        ];
        check(&cases);
    }

    #[test]
    fn table_bands() {
        use Status::{AtRisk, OffTrack, OnTrack, Reported};
        use TargetKind::{Count, Currency, Percentage};
        let mid = on(d(2005, 9, 30));
        // 20–40 with a 10-point tolerance: the margin is 2 at each edge.
        let b = band(Count, Some(20.0), Some(40.0));
        // 60–80% with a 5-point tolerance: the margin is 1 at each edge.
        let pct = band(Percentage, Some(60.0), Some(80.0));
        let five = tol(5.0, mid);
        #[rustfmt::skip]
        let cases = [
            case("middle of the band", b.clone(), n(30.0), mid, OnTrack),
            case("exactly at the low edge", b.clone(), n(20.0), mid, AtRisk),
            case("exactly at the high edge", b.clone(), n(40.0), mid, AtRisk),
            case("just inside the low margin", b.clone(), n(21.0), mid, AtRisk),
            case("just inside the high margin", b.clone(), n(39.0), mid, AtRisk),
            case("exactly on the low margin", b.clone(), n(22.0), mid, OnTrack),
            case("exactly on the high margin", b.clone(), n(38.0), mid, OnTrack),
            case("just outside, too few", b.clone(), n(19.9), mid, OffTrack),
            case("just outside, too many", b.clone(), n(40.1), mid, OffTrack),
            case("far outside, too few", b.clone(), n(5.0), mid, OffTrack),
            case("far outside, too many", b.clone(), n(60.0), mid, OffTrack),
            case("tolerance 0: at the low edge", b.clone(), n(20.0), tol(0.0, mid), OnTrack),
            case("tolerance 0: at the high edge", b.clone(), n(40.0), tol(0.0, mid), OnTrack),
            case("tolerance 0: just below", b.clone(), n(19.99), tol(0.0, mid), OffTrack),
            case("tolerance 0: just above", b.clone(), n(40.01), tol(0.0, mid), OffTrack),
            case("a band is not overdue after the due date", b.clone(), n(30.0), on(d(2007, 1, 1)), OnTrack),
            case("percentage band: on the low margin", pct.clone(), n(61.0), five, OnTrack),
            case("percentage band: inside the low margin", pct.clone(), n(60.5), five, AtRisk),
            case("percentage band: inside the high margin", pct.clone(), n(79.5), five, AtRisk),
            case("percentage band: too low", pct.clone(), n(59.0), five, OffTrack),
            case("percentage band: too high", pct.clone(), n(81.0), five, OffTrack),
            case("currency band: inside", band(Currency, Some(1_000.0), Some(2_000.0)), n(1_500.0), mid, OnTrack),
            case("currency band: too much", band(Currency, Some(1_000.0), Some(2_000.0)), n(2_500.0), mid, OffTrack),
            case("band without a high bound", band(Count, Some(20.0), None), n(30.0), mid, Reported),
            case("band without a low bound", band(Count, None, Some(40.0)), n(30.0), mid, Reported),
            case("band without bounds", band(Count, None, None), n(30.0), mid, Reported),
        ];
        check(&cases);
    }

    #[test]
    fn table_yes_no_milestone_and_text() {
        use Status::{Met, NotDue, Overdue, Reported};
        use TargetKind::{Milestone, Text, YesNo};
        let start = on(d(2005, 4, 1));
        let due = on(d(2006, 3, 31));
        let after = on(d(2006, 4, 1));
        let done = Some(Observed::Done(true));
        let not_done = Some(Observed::Done(false));
        let reached_early = Some(Observed::Reached(Some(d(2006, 1, 9))));
        let reached_late = Some(Observed::Reached(Some(d(2006, 6, 1))));
        let not_reached = Some(Observed::Reached(None));
        let text = Some(Observed::Text);
        #[rustfmt::skip]
        let cases = [
            case("yes/no: done early", dated(YesNo), done.clone(), start, Met),
            case("yes/no: done, after due", dated(YesNo), done.clone(), on(d(2007, 1, 1)), Met),
            case("yes/no: not done at the start", dated(YesNo), not_done.clone(), start, NotDue),
            case("yes/no: not done on the due date", dated(YesNo), not_done.clone(), due, NotDue),
            case("yes/no: not done the day after", dated(YesNo), not_done.clone(), after, Overdue),
            case("yes/no: leap, not done on 29 Feb", leap(dated(YesNo)), not_done.clone(), on(d(2024, 2, 29)), NotDue),
            case("yes/no: leap, not done on 1 Mar", leap(dated(YesNo)), not_done.clone(), on(d(2024, 3, 1)), Overdue),
            case("yes/no: leap, done on 1 Mar", leap(dated(YesNo)), done.clone(), on(d(2024, 3, 1)), Met),
            case("milestone: reached before due", dated(Milestone), reached_early.clone(), due, Met),
            case("milestone: reached, assessed later", dated(Milestone), reached_early, on(d(2007, 1, 1)), Met),
            case("milestone: reached late", dated(Milestone), reached_late, on(d(2006, 7, 1)), Met),
            case("milestone: not reached at the start", dated(Milestone), not_reached.clone(), start, NotDue),
            case("milestone: not reached on the due date", dated(Milestone), not_reached.clone(), due, NotDue),
            case("milestone: not reached the day after", dated(Milestone), not_reached.clone(), after, Overdue),
            case("milestone: leap, not reached on 29 Feb", leap(dated(Milestone)), not_reached.clone(), on(d(2024, 2, 29)), NotDue),
            case("milestone: leap, not reached on 1 Mar", leap(dated(Milestone)), not_reached, on(d(2024, 3, 1)), Overdue),
            case("text: a narrative", dated(Text), text.clone(), start, Reported),
            case("text: a narrative after due is never overdue", dated(Text), text.clone(), after, Reported),
            case("text: leap, after due", leap(dated(Text)), text, on(d(2024, 3, 1)), Reported),
        ];
        check(&cases);
    }

    #[test]
    fn table_leap_year_strategy() {
        use Direction::{AtLeast, AtMost};
        use Status::{AtRisk, Met, OffTrack, OnTrack, Overdue};
        use TargetKind::{Count, Percentage};
        let count = leap(numeric(Count, AtLeast, Some(0.0), Some(10.0)));
        let reduce = leap(numeric(Percentage, AtMost, Some(40.0), Some(30.0)));
        let fifth = on(d(2023, 5, 13)); // day 73 of 365: expected 0.2
        let feb28 = on(d(2024, 2, 28)); // day 364 of 365
        let feb29 = on(d(2024, 2, 29)); // the due date itself
        let mar1 = on(d(2024, 3, 1)); // the day after
        #[rustfmt::skip]
        let cases = [
            case("a fifth of the way: on the line", count.clone(), n(2.0), fifth, OnTrack),
            case("a fifth of the way: on the margin", count.clone(), n(1.0), fifth, AtRisk),
            case("a fifth of the way: beyond the margin", count.clone(), n(0.9), fifth, OffTrack),
            case("28 Feb: nearly all expected", count.clone(), n(9.0), feb28, AtRisk),
            case("28 Feb: beyond the margin", count.clone(), n(8.9), feb28, OffTrack),
            case("29 Feb (due): short, not overdue", count.clone(), n(9.0), feb29, AtRisk),
            case("29 Feb (due): reached", count.clone(), n(10.0), feb29, Met),
            case("1 Mar (day after): short is overdue", count.clone(), n(9.0), mar1, Overdue),
            case("1 Mar (day after): reached", count.clone(), n(10.0), mar1, Met),
            case("reduction: a fifth of the way on the line", reduce.clone(), n(38.0), fifth, OnTrack),
            case("reduction: 29 Feb, short", reduce.clone(), n(31.0), feb29, AtRisk),
            case("reduction: 1 Mar, short", reduce.clone(), n(31.0), mar1, Overdue),
        ];
        check(&cases);
    }

    #[test]
    fn table_per_population_targets() {
        use Direction::{AtLeast, AtMost};
        use Status::{AtRisk, Met, OffTrack, OnTrack, Reported};
        use TargetKind::Count;
        let mid = on(d(2005, 9, 30));
        // 1 refuge place per 10,000 population; 250,000 people need 25.
        let refuge = per(numeric(Count, AtLeast, None, Some(1.0)), 10_000);
        // At most 5 incidents per 1,000 population; 200,000 people allow 1,000.
        let incidents = per(numeric(Count, AtMost, None, Some(5.0)), 1_000);
        // Between 0.8 and 1.2 per 10,000.
        let places = per(band(Count, Some(0.8), Some(1.2)), 10_000);
        let town = pop(250_000, mid);
        #[rustfmt::skip]
        let cases = [
            case("refuge: met", refuge.clone(), n(25.0), town, Met),
            case("refuge: on the line", refuge.clone(), n(12.5), town, OnTrack),
            case("refuge: on the margin", refuge.clone(), n(10.0), town, AtRisk),
            case("refuge: beyond the margin", refuge.clone(), n(9.0), town, OffTrack),
            case("refuge: population missing", refuge.clone(), n(25.0), mid, Reported),
            case("refuge: population zero", refuge.clone(), n(25.0), pop(0, mid), Reported),
            case("refuge: population negative", refuge.clone(), n(25.0), pop(-1, mid), Reported),
            case("incidents: within", incidents.clone(), n(900.0), pop(200_000, mid), Met),
            case("incidents: on the margin", incidents.clone(), n(1_100.0), pop(200_000, mid), AtRisk),
            case("incidents: over", incidents.clone(), n(1_200.0), pop(200_000, mid), OffTrack),
            case("incidents: population missing", incidents, n(900.0), mid, Reported),
            case("places band: inside", places.clone(), n(25.0), town, OnTrack),
            case("places band: at the low edge", places.clone(), n(20.0), town, AtRisk),
            case("places band: too many", places.clone(), n(35.0), town, OffTrack),
            case("places band: population missing", places, n(25.0), mid, Reported),
            case("population known, target not per population", numeric(Count, AtLeast, None, Some(25.0)), n(25.0), town, Met),
        ];
        check(&cases);
    }

    #[test]
    fn table_expected_progress() {
        let fy = (d(2005, 4, 1), d(2006, 3, 31));
        let leap_year = (d(2023, 3, 1), d(2024, 2, 29));
        #[rustfmt::skip]
        let cases = [
            ("long before the start", fy, d(2004, 1, 1), 0.0),
            ("the day before the start", fy, d(2005, 3, 31), 0.0),
            ("the start date", fy, d(2005, 4, 1), 0.0),
            ("the day after the start", fy, d(2005, 4, 2), 1.0 / 364.0),
            ("half-way", fy, d(2005, 9, 30), 0.5),
            ("the day before the due date", fy, d(2006, 3, 30), 363.0 / 364.0),
            ("the due date", fy, d(2006, 3, 31), 1.0),
            ("the day after the due date", fy, d(2006, 4, 1), 1.0),
            ("long after the due date", fy, d(2010, 1, 1), 1.0),
            ("leap: a fifth of the way", leap_year, d(2023, 5, 13), 0.2),
            ("leap: 28 Feb", leap_year, d(2024, 2, 28), 364.0 / 365.0),
            ("leap: 29 Feb, the due date", leap_year, d(2024, 2, 29), 1.0),
            ("leap: 1 Mar", leap_year, d(2024, 3, 1), 1.0),
            ("start and due the same day, before", (d(2024, 2, 29), d(2024, 2, 29)), d(2024, 2, 28), 0.0),
            ("start and due the same day, on it", (d(2024, 2, 29), d(2024, 2, 29)), d(2024, 2, 29), 1.0),
        ];
        for (name, (start, due), as_of, expected) in cases {
            let got = expected_progress(start, due, as_of);
            assert!(
                (got - expected).abs() < 1e-12,
                "case {name:?}: expected {expected}, got {got}"
            );
        }
    }

    #[test]
    fn table_roll_up() {
        use Status::{AtRisk, Met, NoData, NotDue, OffTrack, OnTrack, Overdue, Reported};
        #[rustfmt::skip]
        let cases: [(&str, &[Status], Status); 16] = [
            ("nothing to roll up", &[], NoData),
            ("all met", &[Met, Met, Met], Met),
            ("met and on track", &[Met, OnTrack], OnTrack),
            ("met and not due", &[Met, NotDue], NotDue),
            ("met and reported", &[Met, Reported], Reported),
            ("reported and not due", &[Reported, NotDue], NotDue),
            ("not due and on track", &[NotDue, OnTrack], OnTrack),
            ("one missing return among greens", &[Met, OnTrack, NoData, OnTrack], NoData),
            ("no data and at risk", &[NoData, AtRisk], AtRisk),
            ("at risk and off track", &[AtRisk, OffTrack], OffTrack),
            ("off track and overdue", &[OffTrack, Overdue], Overdue),
            ("overdue first", &[Overdue, Met], Overdue),
            ("overdue last", &[Met, Met, Overdue], Overdue),
            ("every status", &[Met, Reported, NotDue, OnTrack, NoData, AtRisk, OffTrack, Overdue], Overdue),
            ("every status but overdue, reversed", &[OffTrack, AtRisk, NoData, OnTrack, NotDue, Reported, Met], OffTrack),
            ("one of each green-ish", &[OnTrack, Reported, Met, NotDue], OnTrack),
        ];
        for (name, statuses, expected) in cases {
            assert_eq!(roll_up(statuses.iter().copied()), expected, "case {name:?}");
        }
        // Most urgent first: any pair rolls up to the earlier of the two, in either order.
        let order = [
            Overdue, OffTrack, AtRisk, NoData, OnTrack, NotDue, Reported, Met,
        ];
        assert_eq!(order.len(), Status::ALL.len(), "every status is ranked");
        for (i, &a) in order.iter().enumerate() {
            assert_eq!(roll_up([a]), a, "{a:?} alone");
            for &b in &order[i..] {
                assert_eq!(roll_up([a, b]), a, "{a:?} with {b:?}");
                assert_eq!(roll_up([b, a]), a, "{b:?} with {a:?}");
            }
        }
        // Rolling up in stages (targets → actions → theme) gives the same as all at once.
        let action_one = [Met, OnTrack];
        let action_two = [NotDue, AtRisk, Met];
        assert_eq!(
            roll_up([roll_up(action_one), roll_up(action_two)]),
            roll_up(action_one.into_iter().chain(action_two)),
        );
    }
}
