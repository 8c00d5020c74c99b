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
        (_, Observed::Number(value)) => assess_number(rule, per_population(rule, *value, at), at),
        _ => Status::NoData,
    }
}

fn per_population(rule: &TargetRule, value: f64, at: &Assessment) -> f64 {
    match (rule.population_per, at.population) {
        (Some(per), Some(population)) if population > 0 && per > 0 => {
            value * per as f64 / population as f64
        }
        _ => value,
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
}
