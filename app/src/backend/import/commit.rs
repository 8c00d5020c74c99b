//! Committing an import: writing a [`PlanDraft`] into a strategy, in one transaction.
//!
//! Rules, as [`commit_import`] applies them:
//! 1. The draft is checked before anything is written: every theme and action needs a title
//!    ([`BackendError::Invalid`] otherwise), and a target the schema's rules would refuse (a
//!    percentage outside 0–100, a count that is negative or not whole, a band whose low end is not
//!    below its high end, a value that is not a finite number, an empty population base) becomes
//!    a text target, with a warning in the report, so it cannot abort the import halfway.
//! 2. New partners (those the directory did not know) are created with the sector "statutory", as
//!    plan editing does for a partner created in place; one already in the directory under that
//!    name, short name or alias (a re-import) is used instead. Resources the forum does not have
//!    (by name, without case) are created.
//! 3. Themes: the strategy's live theme with the same title (without case), or a new one at the
//!    end. Actions: the theme's live action with the same reference (a Reference column), else the
//!    one with the same title (without case) and no other reference, whose title, reference, activity,
//!    lead, supporting partners, resources and due date are updated when they differ; or a new one
//!    at the end. Targets of an action: the live target with the same title is updated when it
//!    differs, or a new one is added. A record is matched at most once per import, so two rows
//!    with the same title make two records, and a re-import finds them again.
//! 4. Nothing is deleted or archived (supporting partners and resources of a matched action are
//!    set to the sheet's).
//! 5. Audit: the usual create and update events, and one `import` event on the strategy with the
//!    file's name, its SHA-256 and the counts.
//! 6. All or nothing: any failure drops the transaction and leaves the database as it was.
use crate::backend::accounts::audit::AuditEntry;
use crate::backend::db::{insert_all, insert_all_returning};
use crate::backend::entity::{
    action, action_partner, action_resource, indicator, partner, resource, target, theme,
};
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::plan_edit::common::{claim, strategy_in};
use crate::backend::plan_edit::{
    Editor, action_fields, add_partner, indicator_code, next_position, partner_named,
    target_fields, write_links,
};
use crate::domain::import::cells::TargetGuess;
use crate::domain::import::plan::{ActionDraft, PlanDraft};
use crate::domain::target::{Direction, Frequency, TargetKind};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};
use std::collections::{BTreeSet, HashMap, HashSet};

/// How many records of each kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    /// Themes.
    pub themes: usize,
    /// Actions.
    pub actions: usize,
    /// Targets.
    pub targets: usize,
    /// Partners.
    pub partners: usize,
    /// Resources.
    pub resources: usize,
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} themes, {} actions, {} targets, {} partners, {} resources",
            self.themes, self.actions, self.targets, self.partners, self.resources
        )
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportReport {
    /// Records created.
    pub added: Counts,
    /// Records that existed and were changed.
    pub changed: Counts,
    /// Records that existed and already said what the sheet says.
    pub unchanged: Counts,
    /// The partners added to the directory (as statutory agencies: check their sector).
    pub new_partners: Vec<String>,
    /// What a person should check (targets saved as text, indicators not found).
    pub warnings: Vec<String>,
}

/// The SHA-256 of a file's bytes, as 64 lowercase hex digits (for the `import` audit event).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut out, b| {
            use std::fmt::Write as _;
            let _ = write!(out, "{b:02x}");
            out
        })
}

fn key(s: &str) -> String {
    s.trim().to_lowercase()
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// Why the schema would refuse this target, if it would.
fn target_problem(t: &TargetGuess) -> Option<String> {
    let values = [t.target_value, t.band_low, t.band_high];
    if values.iter().flatten().any(|v| !v.is_finite()) {
        return Some("a value is not a finite number".to_owned());
    }
    if let (Some(lo), Some(hi)) = (t.band_low, t.band_high)
        && lo >= hi
    {
        return Some(format!("its band {lo} to {hi} is empty"));
    }
    if t.kind == TargetKind::Percentage
        && values.iter().flatten().any(|v| !(0.0..=100.0).contains(v))
    {
        return Some("a percentage is outside 0 to 100".to_owned());
    }
    if t.kind == TargetKind::Count
        && t.target_value
            .is_some_and(|v| v < 0.0 || (v - v.round()).abs() > 0.0)
    {
        return Some("a count is negative or not a whole number".to_owned());
    }
    if t.population_per == Some(0) {
        return Some("its population base is 0".to_owned());
    }
    None
}

/// A target as it will be stored (the import's view of its fields).
#[derive(Clone, Debug, PartialEq)]
struct TargetValues {
    title: String,
    kind: TargetKind,
    target_value: Option<f64>,
    band_low: Option<f64>,
    band_high: Option<f64>,
    direction: Direction,
    due_date: Option<chrono::NaiveDate>,
    indicator_id: Option<i32>,
    population_per: Option<i64>,
    baseline: Option<f64>,
    source_text: Option<String>,
    /// `None` when the sheet does not state units (the stored one is kept).
    unit: Option<Option<String>>,
    /// `None` when the sheet does not state it (the stored one is kept; quarterly when new).
    frequency: Option<Frequency>,
}

impl TargetValues {
    fn of(m: &target::Model) -> Self {
        Self {
            title: m.title.clone(),
            kind: m.kind.parse().unwrap_or(TargetKind::Text),
            target_value: m.target_value,
            band_low: m.band_low,
            band_high: m.band_high,
            direction: m.direction.parse().unwrap_or(Direction::AtLeast),
            due_date: m.due_date,
            indicator_id: m.indicator_id,
            population_per: m.population_per,
            baseline: m.baseline,
            source_text: m.source_text.clone(),
            unit: Some(m.unit.clone()),
            frequency: m.frequency.parse().ok(),
        }
    }

    /// A new target of `action_id` at `position` holding these values.
    fn new_row(&self, action_id: i32, position: i32) -> target::ActiveModel {
        let mut row = target::ActiveModel {
            action_id: Set(action_id),
            unit: Set(None),
            baseline: Set(None),
            start_date: Set(None),
            frequency: Set(Frequency::Quarterly.as_str().to_owned()),
            status_override: Set(None),
            status_override_reason: Set(None),
            position: Set(position),
            archived_at: Set(None),
            version: Set(1),
            ..Default::default()
        };
        self.apply(&mut row);
        row
    }

    fn apply(&self, row: &mut target::ActiveModel) {
        row.title = Set(self.title.clone());
        row.kind = Set(self.kind.as_str().to_owned());
        row.target_value = Set(self.target_value);
        row.band_low = Set(self.band_low);
        row.band_high = Set(self.band_high);
        row.direction = Set(self.direction.as_str().to_owned());
        row.due_date = Set(self.due_date);
        row.indicator_id = Set(self.indicator_id);
        row.population_per = Set(self.population_per);
        row.baseline = Set(self.baseline);
        row.source_text = Set(self.source_text.clone());
        if let Some(unit) = &self.unit {
            row.unit = Set(unit.clone());
        }
        if let Some(frequency) = self.frequency {
            row.frequency = Set(frequency.as_str().to_owned());
        }
    }
}

/// Checks the draft and turns its targets into what will be stored, before anything is written.
fn check(
    draft: &PlanDraft,
    indicators: &[indicator::Model],
    warnings: &mut Vec<String>,
) -> BackendResult<Vec<Vec<Vec<TargetValues>>>> {
    let mut out = Vec::new();
    for th in &draft.themes {
        let at = th.row.map_or_else(String::new, |r| format!(" (row {r})"));
        if th.title.trim().is_empty() {
            return Err(BackendError::Invalid(format!(
                "A theme has no title{at}: nothing was imported."
            )));
        }
        let mut actions = Vec::new();
        for a in &th.actions {
            if a.title.trim().is_empty() {
                return Err(BackendError::Invalid(format!(
                    "The action on row {} has no title: nothing was imported.",
                    a.row
                )));
            }
            let mut targets = Vec::new();
            for t in &a.targets {
                let Some(title) = non_empty(&t.title) else {
                    warnings.push(format!(
                        "Row {}: a target with no title was left out.",
                        a.row
                    ));
                    continue;
                };
                let indicator_id = t.indicator.as_ref().and_then(|r| {
                    let code = r.code.as_deref().map(key)?;
                    let found = indicators.iter().find(|i| {
                        i.framework == r.framework.as_str() && key(&i.code) == code
                    });
                    if found.is_none() {
                        warnings.push(format!(
                            "Row {}: the indicator {} is not in the forum's list, so the target “{title}” is not linked to it.",
                            a.row,
                            r.code.as_deref().unwrap_or_default()
                        ));
                    }
                    found.map(|i| i.id)
                });
                let mut v = TargetValues {
                    title: title.clone(),
                    kind: t.kind,
                    target_value: t.target_value,
                    band_low: t.band_low,
                    band_high: t.band_high,
                    direction: t.direction,
                    due_date: t.due_date,
                    indicator_id,
                    population_per: t.population_per.map(i64::from),
                    baseline: t.baseline.filter(|b| b.is_finite()),
                    source_text: non_empty(&t.source_text),
                    unit: t.unit.clone(),
                    frequency: t.frequency,
                };
                if let Some(problem) = target_problem(t) {
                    warnings.push(format!(
                        "Row {}: the target “{title}” was saved as text because {problem}.",
                        a.row
                    ));
                    v.kind = TargetKind::Text;
                    v.target_value = None;
                    v.band_low = None;
                    v.band_high = None;
                    v.direction = Direction::AtLeast;
                    v.population_per = v.population_per.filter(|p| *p > 0);
                }
                targets.push(v);
            }
            actions.push(targets);
        }
        out.push(actions);
    }
    Ok(out)
}

/// Writes `draft` into the strategy `strategy_id` of the editor's forum (see the module's rules).
///
/// # Errors
/// [`BackendError::Invalid`] for a theme or action without a title, or a draft that names a
/// partner it does not list; not found (strategy of another forum); database errors. On any
/// error nothing is saved.
#[allow(clippy::too_many_lines, reason = "one transaction, read top to bottom")]
pub async fn commit_import(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    strategy_id: i32,
    draft: &PlanDraft,
    file_name: &str,
    file_sha256: &str,
) -> BackendResult<ImportReport> {
    let txn = crate::backend::db::write(db).await?;
    let report = commit_in(&txn, ed, strategy_id, draft, file_name, file_sha256).await?;
    txn.commit().await?;
    Ok(report)
}

/// [`commit_import`] inside the caller's transaction (which commits or drops it).
///
/// # Errors
/// As [`commit_import`].
#[allow(clippy::too_many_lines, reason = "one transaction, read top to bottom")]
pub async fn commit_in(
    txn: &impl ConnectionTrait,
    ed: &Editor<'_>,
    strategy_id: i32,
    draft: &PlanDraft,
    file_name: &str,
    file_sha256: &str,
) -> BackendResult<ImportReport> {
    let mut report = ImportReport::default();
    let st = strategy_in(txn, ed.forum, strategy_id).await?;
    let indicators = indicator::Entity::find()
        .filter(indicator::Column::ForumId.eq(ed.forum.id))
        .filter(indicator::Column::ArchivedAt.is_null())
        .all(txn)
        .await?;
    let targets_to_write = check(draft, &indicators, &mut report.warnings)?;

    // Partners: the draft's list, each resolved to an id.
    let mut partners = partner::Entity::find()
        .filter(partner::Column::ForumId.eq(ed.forum.id))
        .order_by_asc(partner::Column::Id)
        .all(txn)
        .await?;
    let mut partner_ids = Vec::with_capacity(draft.partners.len());
    for p in &draft.partners {
        if let Some(id) = p.matched_id {
            if !partners.iter().any(|q| q.id == id) {
                return Err(BackendError::NotFound("partner"));
            }
            report.unchanged.partners += 1;
            partner_ids.push(id);
            continue;
        }
        let name = non_empty(p.new_name.as_deref().unwrap_or(&p.text)).ok_or_else(|| {
            BackendError::Invalid(format!(
                "A partner on row {} has no name: nothing was imported.",
                p.first_row
            ))
        })?;
        let live = |q: &&partner::Model| q.archived_at.is_none();
        if let Some(q) = partners
            .iter()
            .filter(live)
            .find(|q| partner_named(q, &name))
            .or_else(|| partners.iter().find(|q| partner_named(q, &name)))
        {
            report.unchanged.partners += 1;
            partner_ids.push(q.id);
            continue;
        }
        let row = add_partner(txn, ed, &name).await?;
        report.added.partners += 1;
        report.new_partners.push(name);
        partner_ids.push(row.id);
        partners.push(row);
    }
    let partner_id = |i: usize| -> BackendResult<i32> {
        partner_ids.get(i).copied().ok_or_else(|| {
            BackendError::Invalid(
                "The draft names a partner it does not list: nothing was imported.".to_owned(),
            )
        })
    };

    // Resources, by name without case; the live one first.
    let mut resources = resource::Entity::find()
        .filter(resource::Column::ForumId.eq(ed.forum.id))
        .order_by_asc(resource::Column::Id)
        .all(txn)
        .await?;
    let mut names: Vec<String> = draft.resources.clone();
    for a in draft.themes.iter().flat_map(|t| &t.actions) {
        names.extend(a.resources.iter().cloned());
    }
    let mut seen = HashSet::new();
    for name in names {
        let Some(name) = non_empty(&name) else {
            continue;
        };
        if !seen.insert(key(&name)) {
            continue;
        }
        if resources.iter().any(|r| key(&r.name) == key(&name)) {
            report.unchanged.resources += 1;
            continue;
        }
        let row = resource::ActiveModel {
            forum_id: Set(ed.forum.id),
            name: Set(name),
            amount_pence: Set(None),
            posts: Set(None),
            at_risk: Set(false),
            notes: Set(None),
            archived_at: Set(None),
            version: Set(1),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        ed.record(txn, "resource", row.id, "create", row.name.clone(), Some(1))
            .await?;
        report.added.resources += 1;
        resources.push(row);
    }
    let resource_id = |name: &str| -> Option<i32> {
        let k = key(name);
        resources
            .iter()
            .filter(|r| r.archived_at.is_none())
            .chain(resources.iter())
            .find(|r| key(&r.name) == k)
            .map(|r| r.id)
    };

    // Themes, actions, targets.
    let mut themes = theme::Entity::find()
        .filter(theme::Column::StrategyId.eq(strategy_id))
        .filter(theme::Column::ArchivedAt.is_null())
        .order_by_asc(theme::Column::Position)
        .order_by_asc(theme::Column::Id)
        .all(txn)
        .await?;
    let mut used_themes = HashSet::new();
    let mut fresh = Vec::new();
    for (th, theme_targets) in draft.themes.iter().zip(&targets_to_write) {
        let title = th.title.trim().to_owned();
        let found = themes
            .iter()
            .find(|t| !used_themes.contains(&t.id) && key(&t.title) == key(&title))
            .map(|t| t.id);
        let theme_id = if let Some(id) = found {
            report.unchanged.themes += 1;
            id
        } else {
            let position = next_position(themes.iter().map(|t| t.position).max());
            let row = theme::ActiveModel {
                strategy_id: Set(strategy_id),
                title: Set(title),
                position: Set(position),
                archived_at: Set(None),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            ed.record(txn, "theme", row.id, "create", row.title.clone(), Some(1))
                .await?;
            report.added.themes += 1;
            let id = row.id;
            themes.push(row);
            id
        };
        used_themes.insert(theme_id);

        let actions = action::Entity::find()
            .filter(action::Column::ThemeId.eq(theme_id))
            .filter(action::Column::ArchivedAt.is_null())
            .order_by_asc(action::Column::Position)
            .order_by_asc(action::Column::Id)
            .all(txn)
            .await?;
        let mut used_actions = HashSet::new();
        let mut last_position = actions.iter().map(|x| x.position).max();
        for (a, targets) in th.actions.iter().zip(theme_targets) {
            let wanted = Wanted::of(a, &partner_id, &resource_id)?;
            let reference = a.reference.as_deref().and_then(non_empty);
            let found = actions
                .iter()
                .filter(|x| !used_actions.contains(&x.id))
                .find(|x| {
                    reference
                        .as_ref()
                        .is_some_and(|r| x.reference.as_deref().is_some_and(|y| key(y) == key(r)))
                })
                .or_else(|| {
                    actions.iter().find(|x| {
                        !used_actions.contains(&x.id)
                            && key(&x.title) == key(&a.title)
                            && (reference.is_none() || x.reference.is_none())
                    })
                })
                .cloned();
            let Some(before) = found else {
                // New: written with the others once the walk is done, many to a statement.
                let position = next_position(last_position);
                last_position = Some(position);
                report.added.actions += 1;
                report.added.targets += targets.len();
                fresh.push(Fresh {
                    row: action::ActiveModel {
                        theme_id: Set(theme_id),
                        title: Set(a.title.trim().to_owned()),
                        reference: Set(reference.clone()),
                        activity: Set(wanted.activity.clone()),
                        lead_partner_id: Set(wanted.lead),
                        due_date: Set(wanted.due_date),
                        due_text: Set(wanted.due_text.clone()),
                        origin: Set(None),
                        owner_contact: Set(None),
                        status_override: Set(None),
                        status_override_reason: Set(None),
                        position: Set(position),
                        archived_at: Set(None),
                        version: Set(1),
                        ..Default::default()
                    },
                    wanted,
                    targets,
                });
                if fresh.len() >= FRESH_PER_WRITE {
                    write_fresh(txn, ed, std::mem::take(&mut fresh)).await?;
                }
                continue;
            };
            let id = before.id;
            let title = a.title.trim().to_owned();
            if before.title != title
                || before.reference != reference
                || wanted.differs(txn, &before).await?
            {
                let new_version = claim!(
                    txn,
                    action,
                    "action",
                    id,
                    before.version,
                    format!("The action “{}”", before.title)
                );
                let before_fields = action_fields(txn, &before).await?;
                let mut row: action::ActiveModel = before.into();
                row.title = Set(title);
                row.reference = Set(reference.clone());
                row.activity = Set(wanted.activity.clone());
                row.lead_partner_id = Set(wanted.lead);
                row.due_date = Set(wanted.due_date);
                row.due_text = Set(wanted.due_text.clone());
                row.version = Set(new_version);
                let after = row.update(txn).await?;
                wanted.set_links(txn, id).await?;
                let after_fields = action_fields(txn, &after).await?;
                ed.record_changes(
                    txn,
                    "action",
                    id,
                    new_version,
                    &before_fields,
                    &after_fields,
                )
                .await?;
                report.changed.actions += 1;
            } else {
                report.unchanged.actions += 1;
            }
            used_actions.insert(id);
            write_targets(txn, ed, id, targets, &mut report).await?;
        }
    }
    write_fresh(txn, ed, fresh).await?;

    let detail = format!(
        "Imported “{file_name}” (SHA-256 {file_sha256}) into “{}”: added {}; changed {}; unchanged {}.",
        st.title, report.added, report.changed, report.unchanged
    );
    ed.record(txn, "strategy", strategy_id, "import", detail, None)
        .await?;
    Ok(report)
}

/// New actions held before they are written: enough to make few statements, few enough that a
/// large import does not hold all its rows in memory at once.
const FRESH_PER_WRITE: usize = 1_000;

/// An action the plan does not have yet, with its targets: written by [`write_fresh`].
struct Fresh<'d> {
    row: action::ActiveModel,
    wanted: Wanted,
    targets: &'d [TargetValues],
}

/// Writes the new actions, their links and targets and their `create` events, many rows to a
/// statement (a first import of 10,000 actions would otherwise be some 80,000 statements).
async fn write_fresh(
    txn: &impl ConnectionTrait,
    ed: &Editor<'_>,
    fresh: Vec<Fresh<'_>>,
) -> BackendResult<()> {
    if fresh.is_empty() {
        return Ok(());
    }
    let mut events = Vec::new();
    let mut stored =
        insert_all_returning(txn, fresh.iter().map(|f| f.row.clone()).collect()).await?;
    stored.sort_by_key(|a| a.id);
    // Positions are new and distinct within each theme, so they name the rows just written.
    let mut ids = HashMap::with_capacity(stored.len());
    for a in stored {
        ids.insert((a.theme_id, a.position), a.id);
        events.push(ed.entry("action", a.id, "create", a.title, Some(1)));
    }
    let mut partners = Vec::new();
    let mut resources = Vec::new();
    let mut targets = Vec::new();
    for f in &fresh {
        let key = (*f.row.theme_id.as_ref(), *f.row.position.as_ref());
        let action_id = *ids.get(&key).ok_or_else(|| {
            BackendError::Corrupt(format!(
                "a new action (theme {}, position {}) was not returned by its insert",
                key.0, key.1
            ))
        })?;
        partners.extend(f.wanted.supporting.iter().map(|&partner_id| {
            action_partner::ActiveModel {
                action_id: Set(action_id),
                partner_id: Set(partner_id),
            }
        }));
        resources.extend(f.wanted.resources.iter().map(|&resource_id| {
            action_resource::ActiveModel {
                action_id: Set(action_id),
                resource_id: Set(resource_id),
            }
        }));
        let mut last = None;
        for v in f.targets {
            let position = next_position(last);
            last = Some(position);
            targets.push(v.new_row(action_id, position));
        }
    }
    insert_all(txn, partners).await?;
    insert_all(txn, resources).await?;
    let mut stored = insert_all_returning(txn, targets).await?;
    stored.sort_by_key(|t| t.id);
    events.extend(
        stored
            .into_iter()
            .map(|t| ed.entry("target", t.id, "create", t.title, Some(1))),
    );
    AuditEntry::append_all(events, txn, ed.now).await
}

/// An action's fields as the sheet gives them, with ids resolved.
struct Wanted {
    activity: Option<String>,
    lead: Option<i32>,
    supporting: BTreeSet<i32>,
    resources: BTreeSet<i32>,
    due_date: Option<chrono::NaiveDate>,
    due_text: Option<String>,
}

impl Wanted {
    fn of(
        a: &ActionDraft,
        partner_id: &impl Fn(usize) -> BackendResult<i32>,
        resource_id: &impl Fn(&str) -> Option<i32>,
    ) -> BackendResult<Self> {
        let lead = a.lead_partner.map(partner_id).transpose()?;
        let mut supporting = BTreeSet::new();
        for i in &a.supporting_partners {
            supporting.insert(partner_id(*i)?);
        }
        if let Some(l) = lead {
            supporting.remove(&l);
        }
        Ok(Self {
            activity: non_empty(&a.activity),
            lead,
            supporting,
            resources: a.resources.iter().filter_map(|r| resource_id(r)).collect(),
            due_date: a.due_date,
            due_text: a.due_text.as_deref().and_then(non_empty),
        })
    }

    async fn differs(&self, db: &impl ConnectionTrait, a: &action::Model) -> BackendResult<bool> {
        if a.activity != self.activity
            || a.lead_partner_id != self.lead
            || a.due_date != self.due_date
            || a.due_text != self.due_text
        {
            return Ok(true);
        }
        let supporting: BTreeSet<i32> = action_partner::Entity::find()
            .filter(action_partner::Column::ActionId.eq(a.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.partner_id)
            .collect();
        let resources: BTreeSet<i32> = action_resource::Entity::find()
            .filter(action_resource::Column::ActionId.eq(a.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.resource_id)
            .collect();
        Ok(supporting != self.supporting || resources != self.resources)
    }

    async fn set_links(&self, db: &impl ConnectionTrait, action_id: i32) -> BackendResult<()> {
        write_links(db, action_id, &self.supporting, &self.resources).await
    }
}

/// The targets of an action already in the plan: each matched by title and updated when it
/// differs, or added.
async fn write_targets(
    txn: &impl ConnectionTrait,
    ed: &Editor<'_>,
    action_id: i32,
    targets: &[TargetValues],
    report: &mut ImportReport,
) -> BackendResult<()> {
    let mut current = target::Entity::find()
        .filter(target::Column::ActionId.eq(action_id))
        .filter(target::Column::ArchivedAt.is_null())
        .order_by_asc(target::Column::Position)
        .order_by_asc(target::Column::Id)
        .all(txn)
        .await?;
    let mut used = HashSet::new();
    for v in targets {
        let found = current
            .iter()
            .find(|t| !used.contains(&t.id) && key(&t.title) == key(&v.title))
            .cloned();
        if let Some(before) = found {
            used.insert(before.id);
            // The words a target was first read from are its provenance: a later import (of
            // a file ForumPlan exported, say) does not replace them, nor count as a change.
            // Nor does a sheet that says nothing of units clear them.
            let v = &TargetValues {
                source_text: before.source_text.clone().or_else(|| v.source_text.clone()),
                unit: v.unit.clone().or_else(|| Some(before.unit.clone())),
                frequency: v.frequency.or_else(|| before.frequency.parse().ok()),
                ..v.clone()
            };
            if TargetValues::of(&before) == *v {
                report.unchanged.targets += 1;
                continue;
            }
            let id = before.id;
            let new_version = claim!(
                txn,
                target,
                "target",
                id,
                before.version,
                format!("The target “{}”", before.title)
            );
            let before_fields =
                target_fields(&before, &indicator_code(txn, before.indicator_id).await?);
            let mut row: target::ActiveModel = before.into();
            v.apply(&mut row);
            row.version = Set(new_version);
            let after = row.update(txn).await?;
            let after_fields =
                target_fields(&after, &indicator_code(txn, after.indicator_id).await?);
            ed.record_changes(
                txn,
                "target",
                id,
                new_version,
                &before_fields,
                &after_fields,
            )
            .await?;
            report.changed.targets += 1;
        } else {
            let position = next_position(current.iter().map(|t| t.position).max());
            let row = v.new_row(action_id, position).insert(txn).await?;
            ed.record(txn, "target", row.id, "create", row.title.clone(), Some(1))
                .await?;
            report.added.targets += 1;
            used.insert(row.id);
            current.push(row);
        }
    }
    Ok(())
}
