//! What the pages of the quarterly cycle show: one target's return for a period, a member's
//! "My updates", the coordinator's returns page, and the forum's reporting settings.
use crate::domain::status::Status;
use crate::domain::target::TargetKind;
use crate::domain::update::{ReturnState, UpdateState};
use crate::domain::views::{ForumRef, StrategyRef, TargetRow, UpdateRow};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A reporting period and when its returns are due.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodView {
    /// First day ("2006-07-01" in URLs).
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// "2006/07 Q2".
    pub label: String,
    /// Returns due by.
    pub deadline: NaiveDate,
}

impl PeriodView {
    /// "2006/07 Q2 (1 Jul – 30 Sep 2006)".
    pub fn long_label(&self) -> String {
        format!(
            "{} ({} – {})",
            self.label,
            self.start.format("%-d %b"),
            self.end.format("%-d %b %Y")
        )
    }
}

/// The forum's current reporting period, as shown on its pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportingNote {
    /// The quarter (or other default period) whose returns are being collected.
    pub period: PeriodView,
    /// The date the forum's calendar uses (today, or a demonstration forum's fixed date).
    pub today: NaiveDate,
    /// Whether the calendar stands still (training or demonstration forum).
    pub fixed: bool,
}

/// One period a target can be reported for, with where its return stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodChoice {
    /// The period.
    pub period: PeriodView,
    /// Its return (None: nothing recorded).
    pub state: Option<UpdateState>,
}

/// The recorded update of a period, as the form shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateFields {
    /// Figure.
    pub value: String,
    /// How many of…
    pub numerator: String,
    /// …how many.
    pub denominator: String,
    /// "yes", "no" or "".
    pub done: String,
    /// Date reached (yyyy-mm-dd) or "".
    pub reached_on: String,
    /// Text value.
    pub text: String,
    /// What happened, what is next.
    pub narrative: String,
    /// Evidence link.
    pub evidence_url: String,
    /// Whether the narrative may appear in reports for funders.
    pub public: bool,
}

/// An update that exists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateView {
    /// Database id.
    pub id: i32,
    /// For the version check.
    pub version: i32,
    /// Workflow state.
    pub state: UpdateState,
    /// The value in words ("4 meetings").
    pub value_text: String,
    /// The form's values.
    pub fields: UpdateFields,
    /// Who recorded it.
    pub author: Option<String>,
    /// When it was submitted.
    pub submitted_at: Option<String>,
    /// Who approved or returned it, and when.
    pub decided: Option<String>,
    /// The coordinator's comment (why it was returned or reopened).
    pub comment: Option<String>,
}

/// An earlier value or decision of an update, from the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateEvent {
    /// "2 Nov 2006 14:05 UTC".
    pub at: String,
    /// Who.
    pub who: String,
    /// "changed the figure from “3” to “4”", "approved", "reopened: wrong quarter".
    pub what: String,
}

/// One target's return for one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdatePage {
    /// The forum.
    pub forum: ForumRef,
    /// The strategy.
    pub strategy: StrategyRef,
    /// Theme title.
    pub theme: String,
    /// Action id.
    pub action_id: i32,
    /// Action title.
    pub action: String,
    /// Lead and supporting agencies, in words.
    pub agencies: String,
    /// The target with its status.
    pub target: TargetRow,
    /// For the status override's version check.
    pub target_version: i32,
    /// The override's reason, when the status is overridden.
    pub override_reason: Option<String>,
    /// Kind (which value fields the form has).
    pub kind: TargetKind,
    /// Unit, for the label.
    pub unit: Option<String>,
    /// The period shown.
    pub period: PeriodView,
    /// Whether it is the period whose returns are being collected.
    pub is_return_period: bool,
    /// Every period that can be reported, newest first.
    pub periods: Vec<PeriodChoice>,
    /// The update, if one is recorded.
    pub update: Option<UpdateView>,
    /// Whether the caller may record or change it.
    pub can_record: bool,
    /// Why not, when they may not (shown instead of the form).
    pub cannot_record: Option<String>,
    /// Whether the caller may approve, return, reopen and override.
    pub can_review: bool,
    /// Earlier values and decisions of this update, newest first.
    pub events: Vec<UpdateEvent>,
    /// The target's other updates.
    pub history: Vec<UpdateRow>,
    /// The caller's next outstanding return after this one ("My updates" order).
    pub next: Option<String>,
    /// The date the forum's calendar uses.
    pub today: NaiveDate,
}

/// One return owed (or made) for a target in a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReturnItem {
    /// Target id.
    pub target_id: i32,
    /// Target title.
    pub target: String,
    /// Action id.
    pub action_id: i32,
    /// Action title.
    pub action: String,
    /// Theme title.
    pub theme: String,
    /// Strategy title.
    pub strategy: String,
    /// The lead agency's name.
    pub lead: Option<String>,
    /// The period owed.
    pub period: PeriodView,
    /// Where it stands.
    pub state: ReturnState,
    /// Past its deadline and not submitted.
    pub overdue: bool,
    /// The coordinator's comment on a returned update.
    pub comment: Option<String>,
    /// The target's status now.
    pub status: Status,
    /// The page to complete it.
    pub href: String,
}

/// A member's (or coordinator's) list of returns to make.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyUpdatesPage {
    /// The forum.
    pub forum: ForumRef,
    /// The caller's agency, for a member.
    pub agency: Option<String>,
    /// Whether the list is every target of the forum (a coordinator without an agency).
    pub whole_forum: bool,
    /// The forum's current period.
    pub reporting: ReportingNote,
    /// Returns still to make (returned first, then missing, then drafts), then those done.
    pub items: Vec<ReturnItem>,
}

/// Counts of returns for one agency or theme.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnCount {
    /// Agency or theme name.
    pub name: String,
    /// Returns owed.
    pub expected: usize,
    /// Submitted, waiting.
    pub submitted: usize,
    /// Approved.
    pub approved: usize,
    /// Not submitted yet (missing, draft or returned).
    pub outstanding: usize,
    /// Of those, past the deadline.
    pub overdue: usize,
}

/// A submitted update waiting for the coordinator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    /// Update id.
    pub id: i32,
    /// For the version check.
    pub version: i32,
    /// Target id.
    pub target_id: i32,
    /// Target title.
    pub target: String,
    /// Action title.
    pub action: String,
    /// Lead agency.
    pub lead: Option<String>,
    /// Period.
    pub period: PeriodView,
    /// The value in words.
    pub value: String,
    /// What happened, what is next.
    pub narrative: Option<String>,
    /// Evidence link.
    pub evidence_url: Option<String>,
    /// Who submitted it.
    pub author: Option<String>,
    /// The update's page.
    pub href: String,
}

/// The coordinator's view of this period's returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReturnsPage {
    /// The forum.
    pub forum: ForumRef,
    /// The forum's current period.
    pub reporting: ReportingNote,
    /// By lead agency.
    pub by_agency: Vec<ReturnCount>,
    /// By theme.
    pub by_theme: Vec<ReturnCount>,
    /// Submitted updates to approve or return, oldest first.
    pub queue: Vec<QueueItem>,
    /// Returns not yet submitted.
    pub missing: Vec<ReturnItem>,
    /// The missing returns as plain text for an e-mail.
    pub missing_text: String,
}

/// A forum's reporting settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForumSettings {
    /// The forum.
    pub forum: ForumRef,
    /// For the version check.
    pub version: i32,
    /// Month the financial year starts (1–12).
    pub fy_start_month: u32,
    /// Days after a period ends that returns are due.
    pub return_days: i32,
    /// Percentage points behind the line that count as "at risk".
    pub amber_tolerance: f64,
    /// Population, for per-population targets.
    pub population: Option<i64>,
    /// Counts below this are suppressed in funder reports.
    pub small_number_threshold: i32,
    /// A training or demonstration forum's fixed date.
    pub fixed_date: Option<NaiveDate>,
    /// The current period under these settings.
    pub reporting: ReportingNote,
}
