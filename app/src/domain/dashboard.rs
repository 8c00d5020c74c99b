//! The forum dashboard: where the plan stands, theme by theme, for the strategy group's meeting.
//! Built by the backend for the filters chosen; every figure links to the items behind it.
use crate::domain::status::Status;
use crate::domain::views::ForumRef;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the dashboard is narrowed to (all optional; none: the whole live plan, today).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// The list shown in full (the others show their first [`LIST_LIMIT`] rows).
    pub all: Option<List>,
}

/// How many rows a dashboard list shows before it offers the rest.
pub const LIST_LIMIT: usize = 20;

/// A list of targets on the dashboard, for its "show all" link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum List {
    /// The targets of the status chosen.
    Listed,
    /// Overdue targets.
    Overdue,
    /// Due by the end of the next quarter.
    DueNext,
    /// Newly red since the last review.
    NewlyRed,
    /// Newly met since the last review.
    NewlyMet,
}

impl List {
    /// Every list.
    pub const ALL: [List; 5] = [
        List::Listed,
        List::Overdue,
        List::DueNext,
        List::NewlyRed,
        List::NewlyMet,
    ];

    /// Its name in a URL (`all=due-next`), also the id of its section on the page.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            List::Listed => "listed",
            List::Overdue => "overdue",
            List::DueNext => "due-next",
            List::NewlyRed => "newly-red",
            List::NewlyMet => "newly-met",
        }
    }
}

impl std::str::FromStr for List {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        List::ALL.into_iter().find(|l| l.as_str() == s).ok_or(())
    }
}

/// The rows of a list shown (all of them, or the first [`LIST_LIMIT`]) and how many there are.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemList {
    /// The rows shown.
    pub rows: Vec<ItemRow>,
    /// How many targets the list holds.
    pub total: usize,
}

impl ItemList {
    /// `rows` in full when `full`, otherwise their first [`LIST_LIMIT`].
    #[must_use]
    pub fn of(mut rows: Vec<ItemRow>, full: bool) -> Self {
        let total = rows.len();
        if !full {
            rows.truncate(LIST_LIMIT);
        }
        ItemList { rows, total }
    }

    /// Whether some rows are left out.
    #[must_use]
    pub fn is_cut(&self) -> bool {
        self.rows.len() < self.total
    }
}

impl std::ops::Deref for ItemList {
    type Target = [ItemRow];

    fn deref(&self) -> &[ItemRow] {
        &self.rows
    }
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
    pub newly_red: ItemList,
    /// Met now, not then.
    pub newly_met: ItemList,
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
    /// The status chart (SVG, with its title and description inside). Not sent with the page:
    /// the page shows it as an image from [`chart_path`], so that a large plan's chart is not
    /// written into the page twice (once drawn, once in the hydration data).
    #[serde(skip)]
    pub chart: String,
    /// The chart's description, for the image's text alternative.
    pub chart_alt: String,
    /// Overdue targets, longest overdue first.
    pub overdue: ItemList,
    /// Targets due from the date shown to the end of the next quarter, not yet met, soonest first.
    pub due_next: ItemList,
    /// The targets of the status chosen (`filter.status`).
    pub listed: ItemList,
    /// Returns of the period being collected (none when looking at a past quarter).
    pub returns: Option<ReturnsFigure>,
    /// Resources at risk.
    pub funding_at_risk: Vec<FundingRisk>,
    /// Changes since the latest review of what is shown (none: no review yet, or a past quarter
    /// before it).
    pub since_review: Option<SinceReview>,
}

/// Where a forum's dashboard chart is, for the query string the dashboard was asked with.
#[must_use]
pub fn chart_path(forum_slug: &str, query: &str) -> String {
    if query.is_empty() {
        format!("/forums/{forum_slug}/dashboard/chart.svg")
    } else {
        format!("/forums/{forum_slug}/dashboard/chart.svg?{query}")
    }
}
