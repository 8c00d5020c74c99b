//! The forum dashboard: where the plan stands, theme by theme, for the strategy group's meeting.
//! Built by the backend for the filters chosen; every figure links to the items behind it.
use crate::domain::status::Status;
use crate::domain::views::ForumRef;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the dashboard is narrowed to (all optional; none: the whole live plan, today).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardFilter {
    /// A strategy's URL name.
    pub strategy: Option<String>,
    /// A theme's id.
    pub theme: Option<i32>,
    /// A lead partner's id.
    pub lead: Option<i32>,
    /// An indicator framework's stored name ("national").
    pub framework: Option<String>,
    /// The first day of a past quarter: statuses as they stood at its end.
    pub period: Option<NaiveDate>,
    /// The status whose targets are listed.
    pub status: Option<Status>,
}

/// A choice in a filter list: the value posted and its label.
pub type Choice = (String, String);

/// One theme's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeFigure {
    /// The theme's id (for its filter link).
    pub id: i32,
    /// Its strategy's title.
    pub strategy: String,
    /// Its title.
    pub title: String,
    /// Targets by status (every status, in order, zeros included).
    pub counts: Vec<(Status, u32)>,
    /// How many targets.
    pub total: u32,
    /// Targets met or on track, as a whole percentage of those assessed (none: no targets).
    pub on_course: Option<u32>,
}

/// A target in a list (overdue, due next, one status).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemRow {
    /// The action's id (its page).
    pub action_id: i32,
    /// The action's title.
    pub action: String,
    /// The target's id (its update page).
    pub target_id: i32,
    /// The target.
    pub target: String,
    /// The lead partner.
    pub lead: Option<String>,
    /// The target's status.
    pub status: Status,
    /// Its due date.
    pub due: Option<NaiveDate>,
    /// The latest approved figure and its period ("12 (2006/07 Q1)").
    pub latest: Option<String>,
}

/// A resource marked at risk.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FundingRisk {
    /// Its name.
    pub name: String,
    /// "£120,000", if an amount is recorded.
    pub amount: Option<String>,
    /// How many live actions of the plan shown draw on it.
    pub actions: u32,
}

/// The returns of the period being collected.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReturnsFigure {
    /// "2006/07 Q2 returns are due by 30 October 2006."
    pub period: String,
    /// Returns owed.
    pub expected: u32,
    /// Approved.
    pub approved: u32,
    /// Submitted, waiting for a decision.
    pub submitted: u32,
    /// Not yet submitted.
    pub outstanding: u32,
    /// Not submitted after the deadline.
    pub overdue: u32,
}

/// What changed since the latest review: targets newly red (overdue or off track) and newly met,
/// against the statuses that review froze.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SinceReview {
    /// The review's id (its page).
    pub id: i32,
    /// Its title.
    pub title: String,
    /// "20 October 2006": the date its statuses were frozen.
    pub as_of: String,
    /// Overdue or off track now, not then.
    pub newly_red: Vec<ItemRow>,
    /// Met now, not then.
    pub newly_met: Vec<ItemRow>,
}

/// The dashboard page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// The forum.
    pub forum: ForumRef,
    /// The filters applied.
    pub filter: DashboardFilter,
    /// "20 October 2006": the date the statuses are for.
    pub as_of: String,
    /// Strategies to choose from (URL name, title).
    pub strategies: Vec<Choice>,
    /// Themes to choose from (id, "strategy: theme").
    pub themes: Vec<Choice>,
    /// Lead partners to choose from (id, name).
    pub leads: Vec<Choice>,
    /// Indicator frameworks to choose from.
    pub frameworks: Vec<Choice>,
    /// Past quarters to choose from (first day, label).
    pub periods: Vec<Choice>,
    /// Targets by status over everything shown (every status, zeros included).
    pub totals: Vec<(Status, u32)>,
    /// Per theme.
    pub themes_figures: Vec<ThemeFigure>,
    /// The status chart (SVG, with its title and description inside).
    pub chart: String,
    /// Overdue targets.
    pub overdue: Vec<ItemRow>,
    /// Targets due from the date shown to the end of the next quarter, not yet met.
    pub due_next: Vec<ItemRow>,
    /// The targets of the status chosen (`filter.status`).
    pub listed: Vec<ItemRow>,
    /// Returns of the period being collected (none when looking at a past quarter).
    pub returns: Option<ReturnsFigure>,
    /// Resources at risk.
    pub funding_at_risk: Vec<FundingRisk>,
    /// Changes since the latest review of what is shown (none: no review yet, or a past quarter
    /// before it).
    pub since_review: Option<SinceReview>,
}
