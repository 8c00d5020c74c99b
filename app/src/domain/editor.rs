//! What the plan-editing pages are sent: current values as they go into form fields, with each
//! record's version (sent back on save, so that a stale save is refused rather than overwriting).
use crate::domain::views::{ForumRef, IndicatorRef, PartnerRef, StrategyRef};
use serde::{Deserialize, Serialize};

/// A theme, action or target as listed in an editor, with what can be done to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemRow {
    /// Database id.
    pub id: i32,
    /// Version, for the move and remove buttons.
    pub version: i32,
    /// Title.
    pub title: String,
    /// A line about it ("Lead: WDVF", "at least 4 meetings").
    pub note: Option<String>,
    /// Archived (kept for history, out of the live plan).
    pub archived: bool,
}

/// A theme with its actions, in the strategy editor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeEdit {
    /// The theme.
    pub theme: ItemRow,
    /// Its actions, in order (archived ones last).
    pub actions: Vec<ItemRow>,
}

/// A strategy's fields as typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrategyFields {
    /// Database id.
    pub id: i32,
    /// Version.
    pub version: i32,
    /// URL name (stays when the title changes, so links keep working).
    pub slug: String,
    /// Title.
    pub title: String,
    /// `2005-04-01`.
    pub period_start: String,
    /// `2007-03-31`.
    pub period_end: String,
    /// Aims.
    pub aims: String,
    /// `draft`, `active` or `closed`.
    pub status: String,
}

/// The strategy editor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrategyEditor {
    /// The forum.
    pub forum: ForumRef,
    /// The strategy.
    pub strategy: StrategyFields,
    /// Whether the strategy is archived.
    pub archived: bool,
    /// Themes, in order (archived ones last).
    pub themes: Vec<ThemeEdit>,
    /// Live partners, for the lead of a new action.
    pub partners: Vec<PartnerRef>,
}

/// A choice in a list: id and label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    /// Database id.
    pub id: i32,
    /// What the list shows.
    pub label: String,
}

/// An action's fields as typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionFields {
    /// Database id.
    pub id: i32,
    /// Version.
    pub version: i32,
    /// Title.
    pub title: String,
    /// Activity.
    pub activity: String,
    /// Lead partner id, or "".
    pub lead: String,
    /// Supporting partner ids.
    pub supporting: Vec<i32>,
    /// Resource ids.
    pub resources: Vec<i32>,
    /// `2006-03-31` or "".
    pub due_date: String,
    /// Due in the plan's words.
    pub due_text: String,
    /// Origin.
    pub origin: String,
    /// Owner contact.
    pub owner_contact: String,
}

/// The action editor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionEditor {
    /// The forum.
    pub forum: ForumRef,
    /// Its strategy.
    pub strategy: StrategyRef,
    /// Its theme's title.
    pub theme: String,
    /// The action.
    pub action: ActionFields,
    /// Whether it is archived.
    pub archived: bool,
    /// Its targets, in order (archived ones last).
    pub targets: Vec<ItemRow>,
    /// Live partners (and any archived one it still names).
    pub partners: Vec<PartnerRef>,
    /// Live resources (and any archived one it still uses).
    pub resources: Vec<Choice>,
    /// Live indicators, for a new target.
    pub indicators: Vec<IndicatorRef>,
    /// The strategy's period, "April 2005 – March 2007".
    pub period: String,
}

/// A target's fields as typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct TargetFields {
    /// Database id (0 for a new one).
    pub id: i32,
    /// Version.
    pub version: i32,
    /// Title.
    pub title: String,
    /// Kind (`count`…).
    pub kind: String,
    /// Unit.
    pub unit: String,
    /// Baseline.
    pub baseline: String,
    /// Target value.
    pub target_value: String,
    /// Band low.
    pub band_low: String,
    /// Band high.
    pub band_high: String,
    /// Direction (`at_least`…).
    pub direction: String,
    /// Start date.
    pub start_date: String,
    /// Due date.
    pub due_date: String,
    /// Frequency (`quarterly`…).
    pub frequency: String,
    /// Indicator id or "".
    pub indicator: String,
    /// Population base or "".
    pub population_per: String,
}

/// The target editor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetEditor {
    /// The forum.
    pub forum: ForumRef,
    /// Its action's id and title.
    pub action: Choice,
    /// The target.
    pub target: TargetFields,
    /// Whether it is archived.
    pub archived: bool,
    /// Live indicators.
    pub indicators: Vec<IndicatorRef>,
}

/// A resource in the resources page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourceRow {
    /// Database id.
    pub id: i32,
    /// Version.
    pub version: i32,
    /// Funding source or budget line.
    pub name: String,
    /// Amount in pounds as typed ("12500.50"), or "".
    pub amount: String,
    /// Amount formatted ("£12,500.50"), if known.
    pub amount_label: Option<String>,
    /// Posts, or "".
    pub posts: String,
    /// At risk.
    pub at_risk: bool,
    /// Notes.
    pub notes: String,
    /// Archived.
    pub archived: bool,
    /// Live actions that use it.
    pub action_count: u32,
}

/// The resources page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourcesPage {
    /// The forum.
    pub forum: ForumRef,
    /// Resources, by name (archived ones last).
    pub resources: Vec<ResourceRow>,
    /// Whether the reader may change them.
    pub can_edit: bool,
}

/// A partner's fields as typed, with the other partners it could be merged into.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerFields {
    /// Version.
    pub version: i32,
    /// Short name.
    pub short_name: String,
    /// Sector (`statutory`…).
    pub sector: String,
    /// Aliases, one per line.
    pub aliases: String,
    /// Archived.
    pub archived: bool,
    /// The forum's other partners (merge targets).
    pub others: Vec<PartnerRef>,
}

/// An indicator's fields as typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorFields {
    /// Version.
    pub version: i32,
    /// Framework (`best_value`…).
    pub framework: String,
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// Definition.
    pub definition: String,
    /// Polarity (`higher_is_better`…).
    pub polarity: String,
    /// Checklist items, one per line.
    pub checklist: String,
    /// Archived.
    pub archived: bool,
}
