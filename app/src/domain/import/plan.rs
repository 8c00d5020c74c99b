//! Turning a detected [`Layout`] into a draft plan: themes, actions, partners and resources, with
//! the warnings a person should check before anything is saved.
//!
//! Rules, as [`interpret`] applies them:
//! 1. Each theme of the layout becomes a [`ThemeDraft`]; each data row with an action title (the
//!    Action column) starts an action. A row with no action title continues the action above it in
//!    the same theme: its activity, targets, partners and resources are added to that action's (a
//!    row with no action above it starts one titled after its activity, with a warning). Without an
//!    Action column every row is an action titled after its activity.
//! 2. Partners: the agencies of the Lead column (when there is one) then of the Partners column,
//!    read with [`split_agencies`]. The first is the lead, the others supporting, each once. An
//!    agency is matched against the directory's names, short names and aliases without case, also
//!    with "members" / "member agencies" dropped from either side and with punctuation ignored.
//!    An agency the directory does not know becomes a new partner, listed once in
//!    [`PlanDraft::partners`] however often and however capitalised it is written.
//! 3. Resources: [`split_resources`] of the Resources column; [`PlanDraft::resources`] lists each
//!    once (without case).
//! 4. Targets: [`split_targets`] of the Target column. The action's due date is the Due column's
//!    date when there is one (a cell that gives no date leaves the action without one, with a
//!    warning), otherwise the latest of its targets' due dates. A row whose Kind column names a
//!    kind of value (a file ForumPlan exported) states one target column by column instead: the
//!    Target cell is its title, and its direction, values, band, population base, unit,
//!    reporting frequency, indicator and due date are read from their own columns, not guessed. A "Due, as written" column gives the
//!    action's due date in the plan's words beside the Due column's date.
//! 5. Warnings carry the sheet row, 1-based; the layout's and the interpreter's are listed together,
//!    those without a row first, then by row.
use super::cells::{
    IndicatorRef, TargetGuess, cell_number, indicator_named, parse_due_cell, rag_of,
    split_agencies, split_resources, split_targets, target_named,
};
use super::layout::{ColumnRole, DataRow, Layout, RowWarning};
use crate::domain::plan_form::Framework;
use crate::domain::target::{Direction, TargetKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A partner the forum already has.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownPartner {
    /// Its id in the database, when it has one.
    pub id: Option<i32>,
    /// Its full name.
    pub name: String,
    /// Its short name ("WDVF").
    pub short_name: Option<String>,
    /// Other names it goes by in plans.
    pub aliases: Vec<String>,
}

impl KnownPartner {
    /// The name actions show: the short name, or the full name when it has none.
    pub fn label(&self) -> &str {
        self.short_name
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(&self.name)
    }
}

/// A draft of the plan read from a sheet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanDraft {
    /// The themes, in sheet order.
    pub themes: Vec<ThemeDraft>,
    /// Every partner the sheet names, each once, in the order first named.
    pub partners: Vec<PartnerMatch>,
    /// Every resource the sheet names, each once, in the order first named.
    pub resources: Vec<String>,
    /// What a person should check.
    pub warnings: Vec<RowWarning>,
}

impl PlanDraft {
    /// How many actions there are in all themes.
    pub fn action_count(&self) -> usize {
        self.themes.iter().map(|t| t.actions.len()).sum()
    }

    /// The partners the directory does not know.
    pub fn new_partners(&self) -> impl Iterator<Item = &PartnerMatch> {
        self.partners.iter().filter(|p| p.matched.is_none())
    }
}

/// A theme and its actions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ThemeDraft {
    /// Its title.
    pub title: String,
    /// The sheet row (1-based) that named it, when one did.
    pub row: Option<usize>,
    /// Its actions, in sheet order.
    pub actions: Vec<ActionDraft>,
}

/// An action read from one row (and the rows that continue it).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionDraft {
    /// The sheet row (1-based) it starts on.
    pub row: usize,
    /// The rows (1-based) that continue it.
    pub continued_rows: Vec<usize>,
    /// The Reference column's text, when there is one.
    pub reference: Option<String>,
    /// The title.
    pub title: String,
    /// What will be done (the Activity column; continuation rows' text on new lines).
    pub activity: String,
    /// The lead partner's name: a known partner's short name (or name), or the new name.
    pub lead: Option<String>,
    /// The supporting partners' names, in order, each once and never the lead.
    pub supporting: Vec<String>,
    /// The lead's position in [`PlanDraft::partners`].
    pub lead_partner: Option<usize>,
    /// The supporting partners' positions in [`PlanDraft::partners`].
    pub supporting_partners: Vec<usize>,
    /// The resources named, in order, each once.
    pub resources: Vec<String>,
    /// The due date.
    pub due_date: Option<NaiveDate>,
    /// The words the due date was read from.
    pub due_text: Option<String>,
    /// The targets.
    pub targets: Vec<TargetGuess>,
    /// The Lead column's text, verbatim (rows joined by line breaks).
    pub lead_text: String,
    /// The Partners column's text, verbatim.
    pub partners_text: String,
    /// The Resources column's text, verbatim.
    pub resources_text: String,
    /// The Target column's text, verbatim.
    pub target_text: String,
    /// The Due column's text, verbatim.
    pub due_column_text: String,
    /// The Status column's text, verbatim.
    pub status_text: String,
    /// The red / amber / green rating of a RAG column ("red", "amber", "green").
    #[serde(default)]
    pub rag: Option<String>,
}

/// A partner named in the sheet and what it was matched to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerMatch {
    /// The agency as first written in the sheet.
    pub text: String,
    /// Other ways the sheet writes it.
    pub also_written: Vec<String>,
    /// The directory entry it matched (a position in the directory given to [`interpret`]).
    pub matched: Option<usize>,
    /// The matched entry's id, when it has one.
    pub matched_id: Option<i32>,
    /// The name of the partner to create when nothing matched.
    pub new_name: Option<String>,
    /// The sheet row (1-based) where it is first named.
    pub first_row: usize,
}

impl PartnerMatch {
    /// The name actions use for it.
    pub fn label<'a>(&'a self, directory: &'a [KnownPartner]) -> &'a str {
        match (self.matched, &self.new_name) {
            (Some(i), _) => directory.get(i).map_or(self.text.as_str(), |p| p.label()),
            (None, Some(n)) => n,
            (None, None) => &self.text,
        }
    }
}

/// Reads a draft plan from a layout (see the module's rules).
pub fn interpret(layout: &Layout, directory: &[KnownPartner]) -> PlanDraft {
    interpret_with(layout, directory, &[])
}

/// [`interpret`], with the names of the resources the forum already has: a resource written
/// differently ("In-house resources", "in-house finances", "Childrens Fund") takes the known
/// name ("In-house", "Children’s Fund") when the two are the same once case, punctuation and
/// a trailing "resources", "funds", "funding" or "finances" are ignored.
pub fn interpret_with(
    layout: &Layout,
    directory: &[KnownPartner],
    known_resources: &[String],
) -> PlanDraft {
    let mut draft = PlanDraft {
        warnings: layout.warnings.clone(),
        ..PlanDraft::default()
    };
    let matcher = Matcher::new(directory);
    let has_action = layout.column(ColumnRole::Action).is_some();
    for block in &layout.themes {
        let mut theme = ThemeDraft {
            title: block.title.clone(),
            row: block.row.map(|r| r + 1),
            actions: Vec::new(),
        };
        for row in &block.rows {
            let title = layout.text(row, ColumnRole::Action);
            let continues = has_action && title.is_empty() && !theme.actions.is_empty();
            if !continues {
                let title = if title.is_empty() {
                    let fallback = first_line(&layout.text(row, ColumnRole::Activity));
                    if has_action {
                        draft.warn(
                            row.row,
                            format!("no action title and no action above: titled '{fallback}'"),
                        );
                    }
                    fallback
                } else {
                    title
                };
                theme.actions.push(ActionDraft {
                    row: row.row + 1,
                    title,
                    ..ActionDraft::default()
                });
            } else if let Some(action) = theme.actions.last_mut() {
                action.continued_rows.push(row.row + 1);
            }
            let Some(action) = theme.actions.last_mut() else {
                continue;
            };
            read_row(layout, row, action, &matcher, &mut draft);
        }
        for action in &mut theme.actions {
            let mut named = Vec::new();
            for resource in &action.resources {
                push_once(&mut named, &known_resource(resource, known_resources));
            }
            for resource in &named {
                push_once(&mut draft.resources, resource);
            }
            action.resources = named;
            settle_due(layout, action, &mut draft.warnings);
        }
        draft.themes.push(theme);
    }
    draft.warnings.sort_by_key(|w| w.row);
    draft
}

impl PlanDraft {
    fn warn(&mut self, row: usize, message: String) {
        self.warnings.push(RowWarning {
            row: Some(row + 1),
            message,
        });
    }

    /// The position in `partners` of an agency, added when new.
    fn partner(&mut self, agency: &str, row: usize, matcher: &Matcher<'_>) -> usize {
        let matched = matcher.find(agency);
        let key = normalise(&strip_members(agency));
        let found = self
            .partners
            .iter()
            .position(|p| match (matched, p.matched) {
                (Some(a), Some(b)) => a == b,
                (None, None) => p.new_name.as_deref().map(normalise) == Some(key.clone()),
                _ => false,
            });
        if let Some(i) = found {
            let p = &mut self.partners[i];
            if p.text != agency && !p.also_written.iter().any(|w| w == agency) {
                p.also_written.push(agency.to_owned());
            }
            return i;
        }
        self.partners.push(PartnerMatch {
            text: agency.to_owned(),
            also_written: Vec::new(),
            matched,
            matched_id: matched.and_then(|i| matcher.directory[i].id),
            new_name: matched.is_none().then(|| strip_members(agency)),
            first_row: row + 1,
        });
        self.partners.len() - 1
    }
}

/// Adds one row's texts to an action.
fn read_row(
    layout: &Layout,
    row: &DataRow,
    action: &mut ActionDraft,
    matcher: &Matcher<'_>,
    draft: &mut PlanDraft,
) {
    let text = |role| layout.text(row, role);
    append(&mut action.activity, &text(ColumnRole::Activity));
    let reference = text(ColumnRole::Reference);
    if action.reference.is_none() && !reference.is_empty() {
        action.reference = Some(reference);
    }
    let lead_text = text(ColumnRole::Lead);
    let partners_text = text(ColumnRole::Partners);
    append(&mut action.lead_text, &lead_text);
    append(&mut action.partners_text, &partners_text);
    append(&mut action.status_text, &text(ColumnRole::Status));
    let has_lead_column = layout.column(ColumnRole::Lead).is_some();
    let lead_agencies = split_agencies(&lead_text);
    if has_lead_column
        && lead_agencies.is_empty()
        && action.lead.is_none()
        && let Some(first) = split_agencies(&partners_text).first()
    {
        draft.warn(
            row.row,
            format!("no lead named: '{first}', the first partner, taken as the lead"),
        );
    }
    if lead_agencies.len() > 1 {
        draft.warn(
            row.row,
            format!(
                "several agencies in the lead column: '{}' taken as the lead, the others as supporting",
                lead_agencies[0]
            ),
        );
    }
    for agency in lead_agencies
        .iter()
        .chain(split_agencies(&partners_text).iter())
    {
        let at = draft.partner(agency, row.row, matcher);
        let label = draft.partners[at].label(matcher.directory).to_owned();
        if action.lead_partner.is_none() {
            action.lead_partner = Some(at);
            action.lead = Some(label);
        } else if action.lead_partner != Some(at) && !action.supporting_partners.contains(&at) {
            action.supporting_partners.push(at);
            action.supporting.push(label);
        }
    }
    let resources_text = text(ColumnRole::Resources);
    append(&mut action.resources_text, &resources_text);
    for resource in split_resources(&resources_text) {
        push_once(&mut action.resources, &resource);
    }
    let target_text = text(ColumnRole::Target);
    append(&mut action.target_text, &target_text);
    let first_of_row = action.targets.len();
    if let Some(kind) = stated_kind(layout, row, draft) {
        if let Some(target) = stated_target(layout, row, kind, &target_text, draft) {
            action.targets.push(target);
        }
    } else {
        for target in split_targets(&target_text) {
            for w in &target.warnings {
                draft.warn(row.row, w.clone());
            }
            action.targets.push(target);
        }
        read_value_columns(layout, row, action, first_of_row, draft);
    }
    if action.rag.is_none()
        && let Some(cell) = layout.cell(row, ColumnRole::Rag)
    {
        let written = cell.value.text();
        action.rag = rag_of(&written, cell.fill.as_deref()).map(str::to_owned);
        if action.rag.is_none() && !written.trim().is_empty() {
            draft.warn(
                row.row,
                format!(
                    "'{}' in the RAG column is not red, amber or green: left out",
                    written.trim()
                ),
            );
        }
    }
    if layout.column(ColumnRole::DueText).is_some() && action.continued_rows.is_empty() {
        let written = text(ColumnRole::DueText);
        action.due_text = (!written.is_empty()).then_some(written);
    }
    if let Some(cell) = layout.cell(row, ColumnRole::Due).filter(|c| !c.is_blank()) {
        append(&mut action.due_column_text, cell.value.text().trim());
        let due = parse_due_cell(&cell.value, None);
        if let Some(w) = due.warning {
            draft.warn(row.row, w);
        }
        if let Some(date) = due.date
            && action.due_date.is_none_or(|d| date > d)
        {
            action.due_date = Some(date);
            if layout.column(ColumnRole::DueText).is_none() {
                action.due_text = Some(due.text);
            }
        }
    }
}

/// The kind a row's Kind column names (by its label, "Amount (£)", or its stored name,
/// "currency", without case); `None` when the sheet has no Kind column or the cell is blank, or,
/// with a warning, names no kind.
fn stated_kind(layout: &Layout, row: &DataRow, draft: &mut PlanDraft) -> Option<TargetKind> {
    layout.column(ColumnRole::Kind)?;
    let written = layout.text(row, ColumnRole::Kind);
    if written.is_empty() {
        return None;
    }
    let found = TargetKind::ALL.iter().copied().find(|k| {
        k.label().eq_ignore_ascii_case(&written) || k.as_str().eq_ignore_ascii_case(&written)
    });
    if found.is_none() {
        let known: Vec<&str> = TargetKind::ALL.iter().map(|k| k.label()).collect();
        draft.warn(
            row.row,
            format!(
                "'{written}' in the Kind column is not a kind of value ({}): the target is read from its words",
                known.join(", ")
            ),
        );
    }
    found
}

/// A target stated column by column, as in a file ForumPlan exported: its title is the Target
/// cell as written (one target, not split into lines), and its direction, baseline, target
/// value, band, population base, indicator and due date come from their columns.
fn stated_target(
    layout: &Layout,
    row: &DataRow,
    kind: TargetKind,
    title: &str,
    draft: &mut PlanDraft,
) -> Option<TargetGuess> {
    if title.is_empty() {
        draft.warn(
            row.row,
            "the Kind column names a kind but the Target column is blank: no target made"
                .to_owned(),
        );
        return None;
    }
    let mut target = target_named(title);
    target.source_text = title.to_owned();
    target.kind = kind;
    let mut number = |role: ColumnRole, what: &str| {
        column_number(layout, row, role, what, draft).map(|(n, _)| n)
    };
    target.baseline = number(ColumnRole::Baseline, "Baseline");
    target.target_value = number(ColumnRole::TargetValue, "Target value");
    target.band_low = number(ColumnRole::BandLow, "Band low");
    target.band_high = number(ColumnRole::BandHigh, "Band high");
    target.population_per = number(ColumnRole::PopulationBase, "Population base")
        .filter(|n| *n >= 1.0 && n.fract() == 0.0 && *n <= f64::from(u32::MAX))
        .map(|n| {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "checked whole and in range"
            )]
            let whole = n as u32;
            whole
        });
    let direction = layout.text(row, ColumnRole::Direction);
    target.direction = if direction.is_empty() {
        if target.band_low.is_some() && target.band_high.is_some() {
            Direction::InBand
        } else {
            Direction::AtLeast
        }
    } else if let Some(d) = Direction::ALL.iter().copied().find(|d| {
        d.label().eq_ignore_ascii_case(&direction) || d.as_str().eq_ignore_ascii_case(&direction)
    }) {
        d
    } else {
        draft.warn(
            row.row,
            format!("'{direction}' in the Direction column is not at least, at most or within: at least taken"),
        );
        Direction::AtLeast
    };
    target.indicator = stated_indicator(&layout.text(row, ColumnRole::Indicator));
    let frequency = layout.text(row, ColumnRole::Frequency);
    if !frequency.is_empty() {
        target.frequency = crate::domain::target::Frequency::ALL
            .iter()
            .copied()
            .find(|f| {
                f.label().eq_ignore_ascii_case(&frequency)
                    || f.as_str().eq_ignore_ascii_case(&frequency)
            });
        if target.frequency.is_none() {
            draft.warn(
                row.row,
                format!("'{frequency}' in the Frequency column is not monthly, quarterly, half-yearly or yearly: quarterly taken for a new target"),
            );
        }
    }
    if layout.column(ColumnRole::Unit).is_some() {
        let unit = layout.text(row, ColumnRole::Unit);
        target.unit = Some((!unit.is_empty()).then_some(unit));
    }
    if let Some(cell) = layout
        .cell(row, ColumnRole::TargetDue)
        .filter(|c| !c.is_blank())
    {
        let due = parse_due_cell(&cell.value, None);
        if let Some(w) = due.warning {
            draft.warn(row.row, w);
        }
        target.due_date = due.date;
        target.due_text = due.date.map(|_| due.text);
    }
    Some(target)
}

/// The number in a row's cell of `role` (see [`cell_number`]); `None` for a blank cell, and,
/// with a warning naming the `what` column, for one that holds no number.
fn column_number(
    layout: &Layout,
    row: &DataRow,
    role: ColumnRole,
    what: &str,
    draft: &mut PlanDraft,
) -> Option<(f64, bool)> {
    let cell = layout.cell(row, role).filter(|c| !c.is_blank())?;
    let found = cell_number(&cell.value);
    if found.is_none() {
        draft.warn(
            row.row,
            format!(
                "could not read a number from '{}' in the {what} column: left blank",
                cell.value.text().trim()
            ),
        );
    }
    found
}

/// An indicator as an export writes it, "Framework: CODE" ("Best Value: BV-DV-01", a framework
/// by its label or stored name), or as a plan names it ("NI32").
fn stated_indicator(text: &str) -> Option<IndicatorRef> {
    if let Some((framework, code)) = text.split_once(':') {
        let framework = framework.trim();
        let code = code.trim();
        if let Some(f) = Framework::ALL.iter().copied().find(|f| {
            f.label().eq_ignore_ascii_case(framework) || f.as_str().eq_ignore_ascii_case(framework)
        }) && !code.is_empty()
        {
            return Some(IndicatorRef {
                framework: f,
                code: Some(code.to_owned()),
            });
        }
    }
    indicator_named(text)
}

/// Applies a row's Baseline, Target value and Indicator columns to the target that row states
/// (its last one); a row with a target value but no target text gets a target named after its
/// action. A value column that holds no number is left out with a warning.
fn read_value_columns(
    layout: &Layout,
    row: &DataRow,
    action: &mut ActionDraft,
    first_of_row: usize,
    draft: &mut PlanDraft,
) {
    let mut number = |role: ColumnRole, what: &str| column_number(layout, row, role, what, draft);
    let baseline = number(ColumnRole::Baseline, "Baseline");
    let value = number(ColumnRole::TargetValue, "Target value");
    let indicator_text = layout.text(row, ColumnRole::Indicator);
    let indicator = indicator_named(&indicator_text);
    if indicator.is_none() && !indicator_text.trim().is_empty() {
        draft.warn(
            row.row,
            format!(
                "'{}' in the Indicator column names no indicator ForumPlan knows (NI, BVPI, LPSA, Policing Plan): left out",
                indicator_text.trim()
            ),
        );
    }
    if baseline.is_none() && value.is_none() && indicator.is_none() {
        return;
    }
    if action.targets.len() == first_of_row && value.is_some() {
        action.targets.push(target_named(&action.title));
    }
    let Some(target) = action.targets.last_mut() else {
        return;
    };
    if let Some((b, _)) = baseline {
        target.baseline = Some(b);
    }
    if let Some((v, percent)) = value
        && target.target_value.is_none()
        && target.band_low.is_none()
    {
        let money = layout.text(row, ColumnRole::TargetValue).contains('£');
        let kind = match target.kind {
            TargetKind::Text if percent => Some(TargetKind::Percentage),
            TargetKind::Text if money => Some(TargetKind::Currency),
            TargetKind::Text if (v - v.round()).abs() < f64::EPSILON && v >= 0.0 => {
                Some(TargetKind::Count)
            }
            TargetKind::Text => None,
            other => Some(other),
        };
        if let Some(kind) = kind {
            target.kind = kind;
            target.target_value = Some(v);
        } else {
            draft.warn(
                row.row,
                format!("the target value {v} is not a whole number, a percentage or an amount in £: left out"),
            );
        }
    }
    if target.indicator.is_none() {
        target.indicator = indicator;
    }
}

/// Gives an action its due date from its targets when the sheet has no Due column.
fn settle_due(layout: &Layout, action: &mut ActionDraft, warnings: &mut Vec<RowWarning>) {
    if layout.column(ColumnRole::Due).is_some() {
        if action.due_date.is_none() && action.due_column_text.is_empty() {
            warnings.push(RowWarning {
                row: Some(action.row),
                message: format!("'{}' has no due date", action.title),
            });
        }
        return;
    }
    if let Some(latest) = action
        .targets
        .iter()
        .filter(|t| t.due_date.is_some())
        .max_by_key(|t| t.due_date)
    {
        action.due_date = latest.due_date;
        action.due_text = latest.due_text.clone();
    }
}

/// Matches agencies against a directory.
struct Matcher<'a> {
    directory: &'a [KnownPartner],
    /// Each entry's names, normalised, with the entry's position.
    keys: Vec<(String, usize)>,
}

impl<'a> Matcher<'a> {
    fn new(directory: &'a [KnownPartner]) -> Self {
        let mut keys = Vec::new();
        for (i, p) in directory.iter().enumerate() {
            let names = std::iter::once(&p.name)
                .chain(p.short_name.iter())
                .chain(p.aliases.iter());
            for name in names {
                for key in [normalise(name), normalise(&strip_members(name))] {
                    if !key.is_empty() && !keys.contains(&(key.clone(), i)) {
                        keys.push((key, i));
                    }
                }
            }
        }
        Matcher { directory, keys }
    }

    /// The directory position of an agency, trying it as written, without "members", then
    /// without punctuation.
    fn find(&self, agency: &str) -> Option<usize> {
        let stripped = strip_members(agency);
        let exact = [normalise(agency), normalise(&stripped)];
        if let Some(i) = self
            .keys
            .iter()
            .find(|(k, _)| exact.contains(k))
            .map(|(_, i)| *i)
        {
            return Some(i);
        }
        let loose = [loosen(agency), loosen(&stripped)];
        self.keys
            .iter()
            .find(|(k, _)| {
                let l = loosen(k);
                !l.is_empty() && loose.contains(&l)
            })
            .map(|(_, i)| *i)
    }
}

/// A name without case, with typographic apostrophes plain and one space between words.
fn normalise(text: &str) -> String {
    text.replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A name with only its letters and digits, lower case.
fn loosen(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A name without a trailing "members", "member agencies" or "member".
fn strip_members(text: &str) -> String {
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = name.to_lowercase();
    for suffix in [" member agencies", " members", " member"] {
        if lower.ends_with(suffix) && lower.len() > suffix.len() {
            let cut = name.len() - suffix.len();
            if name.is_char_boundary(cut) {
                return name[..cut].trim_end().to_owned();
            }
        }
    }
    name
}

/// A resource's known name, or the resource as written.
fn known_resource(resource: &str, known: &[String]) -> String {
    let key = resource_key(resource);
    known
        .iter()
        .find(|k| !key.is_empty() && resource_key(k) == key)
        .cloned()
        .unwrap_or_else(|| resource.to_owned())
}

/// A resource's name without case, punctuation or a trailing generic word.
fn resource_key(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| ["resources", "funds", "funding", "finances"].contains(w))
    {
        words.pop();
    }
    loosen(&words.join(" "))
}

fn append(to: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    if !to.is_empty() {
        to.push('\n');
    }
    to.push_str(text);
}

fn push_once(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|i| normalise(i) == normalise(item)) {
        list.push(item.to_owned());
    }
}

/// The first non-empty line of a text.
fn first_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests;
