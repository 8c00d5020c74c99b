//! What crosses the wire to the pages: types made for reading, built by the backend.
use crate::domain::status::Status;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A forum, as named in links and headings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForumRef {
    /// URL name ("wolverhampton").
    pub slug: String,
    /// Full name.
    pub name: String,
}

/// One forum in the list of forums.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForumListItem {
    /// The forum.
    pub forum: ForumRef,
    /// How many live strategies it has.
    pub strategy_count: u64,
}

/// A strategy as listed on its forum's home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrategySummary {
    /// Database id.
    pub id: i32,
    /// Version (for the move buttons of coordinators).
    pub version: i32,
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
    /// "April 2005 – March 2007".
    pub period: String,
    /// Rolled-up status.
    pub status: Status,
    /// How many targets have each status, most urgent first; zero counts left out.
    pub status_counts: Vec<(Status, u32)>,
    /// Number of themes.
    pub theme_count: u32,
    /// Number of actions.
    pub action_count: u32,
    /// The date statuses are assessed at.
    pub as_of: NaiveDate,
}

/// The forum home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForumHome {
    /// The forum.
    pub forum: ForumRef,
    /// Its live strategies, in order.
    pub strategies: Vec<StrategySummary>,
    /// Number of partner agencies.
    pub partner_count: u64,
    /// Number of indicators.
    pub indicator_count: u64,
    /// Whether the reader may change the plan (coordinators).
    pub can_edit: bool,
    /// Archived strategies, for a reader who may restore them (coordinators).
    pub archived: Vec<StrategyRef>,
    /// The period whose returns are being collected.
    pub reporting: crate::domain::progress::ReportingNote,
    /// Whether the reader records updates (members, coordinators).
    pub can_record: bool,
    /// Whether the reader reviews returns (coordinators).
    pub can_review: bool,
}

/// A partner agency, as named in links.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerRef {
    /// Database id.
    pub id: i32,
    /// Full name.
    pub name: String,
    /// Short name ("WDVF").
    pub short_name: Option<String>,
}

impl PartnerRef {
    /// The short name where there is one, otherwise the name.
    pub fn display(&self) -> &str {
        self.short_name
            .as_deref()
            .filter(|s| !s.is_empty())
            .unwrap_or(&self.name)
    }

    /// The name with the short name after it, "Safer Wolverhampton Partnership (SWP)".
    pub fn full_label(&self) -> String {
        match self.short_name.as_deref() {
            Some(short) if !short.is_empty() && short != self.name => {
                format!("{} ({short})", self.name)
            }
            _ => self.name.clone(),
        }
    }
}

/// An indicator, as named in links.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorRef {
    /// Database id.
    pub id: i32,
    /// Framework label ("Best Value").
    pub framework: String,
    /// Code ("BV-DV-01").
    pub code: String,
    /// Title.
    pub title: String,
}

/// One target in a plan table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetRow {
    /// Database id.
    pub id: i32,
    /// What the target says.
    pub title: String,
    /// Kind label ("Count").
    pub kind: String,
    /// The aim in words ("at least 4 meetings", "done by 31 Mar 2006").
    pub aim: String,
    /// The latest approved figure, formatted.
    pub latest: Option<String>,
    /// The period of the latest approved figure.
    pub latest_period: Option<String>,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Computed status.
    pub status: Status,
    /// Linked indicator.
    pub indicator: Option<IndicatorRef>,
}

impl TargetRow {
    /// The latest approved figure with its period ("12 (2006/07 Q1)").
    pub fn latest_with_period(&self) -> Option<String> {
        self.latest.as_ref().map(|v| match &self.latest_period {
            Some(p) => format!("{v} ({p})"),
            None => v.clone(),
        })
    }
}

/// One action in a plan table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionRow {
    /// Database id.
    pub id: i32,
    /// Title.
    pub title: String,
    /// Lead partner.
    pub lead: Option<PartnerRef>,
    /// Due, as the plan states it.
    pub due: Option<String>,
    /// Rolled-up status.
    pub status: Status,
    /// Targets, in order.
    pub targets: Vec<TargetRow>,
}

/// A theme with its actions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeView {
    /// Database id.
    pub id: i32,
    /// Title.
    pub title: String,
    /// Rolled-up status.
    pub status: Status,
    /// Actions, in order.
    pub actions: Vec<ActionRow>,
}

/// The strategy page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrategyPage {
    /// The forum.
    pub forum: ForumRef,
    /// The strategy's summary (title, period, status, counts).
    pub summary: StrategySummary,
    /// Aims.
    pub aims: Option<String>,
    /// Where the plan came from.
    pub source: Option<String>,
    /// Themes, in order.
    pub themes: Vec<ThemeView>,
    /// Whether the reader may change the plan (coordinators).
    pub can_edit: bool,
}

/// A strategy, as named in links.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrategyRef {
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
}

/// A funding source or budget line as shown on an action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourceView {
    /// Database id.
    pub id: i32,
    /// Name.
    pub name: String,
    /// Amount, formatted, if known.
    pub amount: Option<String>,
    /// Posts funded, if known.
    pub posts: Option<String>,
    /// Whether the funding is at risk.
    pub at_risk: bool,
}

/// One reporting period's update, in a target's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateRow {
    /// Period label ("2005/06 Q1").
    pub period: String,
    /// Value, formatted.
    pub value: String,
    /// State label ("Approved").
    pub state: String,
    /// What happened, what is next.
    pub narrative: Option<String>,
    /// Link to evidence.
    pub evidence_url: Option<String>,
}

/// A target with everything the action page shows about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetDetail {
    /// The row shown in plan tables.
    pub row: TargetRow,
    /// Baseline, formatted.
    pub baseline: Option<String>,
    /// Reporting frequency label.
    pub frequency: String,
    /// The plan's own words for the target.
    pub source_text: Option<String>,
    /// Updates, newest first.
    pub history: Vec<UpdateRow>,
    /// The approved figures' trend against the target (SVG; numeric targets with at least one
    /// approved figure). The history table beside it holds the same figures.
    #[serde(default)]
    pub trend: Option<String>,
}

/// The action page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionPage {
    /// The forum.
    pub forum: ForumRef,
    /// The strategy it belongs to.
    pub strategy: StrategyRef,
    /// The theme it belongs to.
    pub theme: String,
    /// Database id.
    pub id: i32,
    /// Title.
    pub title: String,
    /// What will be done.
    pub activity: Option<String>,
    /// Lead partner.
    pub lead: Option<PartnerRef>,
    /// Supporting partners.
    pub supporting: Vec<PartnerRef>,
    /// Resources.
    pub resources: Vec<ResourceView>,
    /// Due date.
    pub due_date: Option<NaiveDate>,
    /// Due, as the plan states it.
    pub due_text: Option<String>,
    /// Where the action came from.
    pub origin: Option<String>,
    /// Rolled-up status.
    pub status: Status,
    /// The date statuses are assessed at.
    pub as_of: NaiveDate,
    /// Targets.
    pub targets: Vec<TargetDetail>,
    /// Whether the reader may see who changed what in this action (coordinators).
    pub can_view_history: bool,
    /// Whether the reader may change the plan (coordinators).
    pub can_edit: bool,
}

/// An action as listed for a partner or an indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionLink {
    /// Database id.
    pub id: i32,
    /// Title.
    pub title: String,
    /// Strategy title.
    pub strategy: String,
    /// Theme title.
    pub theme: String,
    /// Rolled-up status.
    pub status: Status,
}

/// A partner in the directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerListItem {
    /// The partner.
    pub partner: PartnerRef,
    /// Sector label.
    pub sector: String,
    /// Actions it leads.
    pub leads: u32,
    /// Actions it supports.
    pub supports: u32,
}

/// The partner directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerList {
    /// The forum.
    pub forum: ForumRef,
    /// Partners, by name.
    pub partners: Vec<PartnerListItem>,
    /// Whether the reader may change the directory (coordinators).
    pub can_edit: bool,
    /// Archived partners, for a reader who may restore them (coordinators).
    pub archived: Vec<PartnerRef>,
}

/// A partner agency's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerPage {
    /// The forum.
    pub forum: ForumRef,
    /// The partner.
    pub partner: PartnerRef,
    /// Sector label.
    pub sector: String,
    /// Other names used for it in plans and spreadsheets.
    pub aliases: Vec<String>,
    /// Actions it leads.
    pub leads: Vec<ActionLink>,
    /// Actions it supports.
    pub supports: Vec<ActionLink>,
    /// What it owes for the period being collected (as lead or supporter).
    #[serde(default)]
    pub owed: Vec<crate::domain::progress::ReturnItem>,
    /// "2006/07 Q2 (1 Jul – 30 Sep 2006), due by 30 October 2006".
    #[serde(default)]
    pub period: String,
    /// The form's values, for a reader who may change the partner (coordinators).
    pub edit: Option<crate::domain::editor::PartnerFields>,
}

/// An indicator in the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorListItem {
    /// The indicator.
    pub indicator: IndicatorRef,
    /// Polarity label.
    pub polarity: String,
    /// Targets linked to it.
    pub target_count: u32,
}

/// The list of indicators.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorList {
    /// The forum.
    pub forum: ForumRef,
    /// Indicators, by framework and code.
    pub indicators: Vec<IndicatorListItem>,
    /// Whether the reader may change the library (coordinators).
    pub can_edit: bool,
    /// Archived indicators, for a reader who may restore them (coordinators).
    pub archived: Vec<IndicatorRef>,
    /// The installation's starter set not yet adopted: (code, "NI32 Repeat incidents…").
    pub starters: Vec<(String, String)>,
}

/// A target measured by an indicator, with its action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorTarget {
    /// The target.
    pub target: TargetRow,
    /// Its action.
    pub action: ActionLink,
}

/// An indicator's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorPage {
    /// The forum.
    pub forum: ForumRef,
    /// The indicator.
    pub indicator: IndicatorRef,
    /// Definition.
    pub definition: Option<String>,
    /// Polarity label.
    pub polarity: String,
    /// Targets linked to it.
    pub targets: Vec<IndicatorTarget>,
    /// A checklist indicator's items.
    pub checklist: Vec<String>,
    /// The form's values, for a reader who may change it (coordinators).
    pub edit: Option<crate::domain::editor::IndicatorFields>,
}
