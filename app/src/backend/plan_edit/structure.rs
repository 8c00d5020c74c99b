//! Strategies, themes, actions and targets: create, change, move, remove, restore.
use super::common::{
    Editor, Fields, Saved, claim, indicator_in, num, opt, partner_in, period_warning, resource_in,
    strategy_in, target_in, theme_in,
};
use crate::backend::entity::{
    action, action_partner, action_resource, indicator, partner, progress_update, resource,
    strategy, target, theme,
};
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::plan::action_in_forum;
use crate::domain::plan_form::{
    ActionInput, ItemCommand, ItemKind, LeadChoice, Sector, StrategyInput, TargetInput, move_to,
    reorder,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

fn strategy_fields(s: &strategy::Model) -> Fields {
    vec![
        ("title", s.title.clone()),
        ("period_start", s.period_start.to_string()),
        ("period_end", s.period_end.to_string()),
        ("aims", opt(s.aims.as_deref())),
        ("status", s.status.clone()),
    ]
}

/// A URL name from a title: lowercase words joined by hyphens ("dv-strategy-2005-2007").
fn slugify(title: &str) -> String {
    let mut out = String::new();
    for ch in title.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    if out.is_empty() {
        "strategy".to_owned()
    } else {
        out.trim_end_matches('-').to_owned()
    }
}

/// Creates a strategy in the forum; its URL name comes from the title.
///
/// # Errors
/// Database errors.
pub async fn create_strategy(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    input: StrategyInput,
) -> BackendResult<(Saved, String)> {
    let txn = crate::backend::db::write(db).await?;
    let base = slugify(&input.title);
    let taken: Vec<String> = strategy::Entity::find()
        .filter(strategy::Column::ForumId.eq(ed.forum.id))
        .filter(strategy::Column::Slug.starts_with(&base))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| s.slug)
        .collect();
    let mut slug = base.clone();
    let mut n = 2;
    while taken.contains(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    let position = i32::try_from(
        strategy::Entity::find()
            .filter(strategy::Column::ForumId.eq(ed.forum.id))
            .count(&txn)
            .await?,
    )
    .unwrap_or(i32::MAX);
    let row = strategy::ActiveModel {
        forum_id: Set(ed.forum.id),
        title: Set(input.title.clone()),
        slug: Set(slug.clone()),
        period_start: Set(input.period_start),
        period_end: Set(input.period_end),
        aims: Set(input.aims),
        source: Set(None),
        status: Set(input.status.as_str().to_owned()),
        position: Set(position),
        archived_at: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    ed.record(
        &txn,
        "strategy",
        row.id,
        "create",
        row.title.clone(),
        Some(1),
    )
    .await?;
    txn.commit().await?;
    Ok((
        Saved {
            id: row.id,
            message: format!("Strategy “{}” created. Add its themes below.", row.title),
            warnings: Vec::new(),
        },
        slug,
    ))
}

/// Changes a strategy's details (its URL name stays, so links keep working).
///
/// # Errors
/// [`BackendError::Conflict`] when it changed since `version`; not found; database errors.
pub async fn update_strategy(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    id: i32,
    version: i32,
    input: StrategyInput,
) -> BackendResult<Saved> {
    let txn = crate::backend::db::write(db).await?;
    let before = strategy_in(&txn, ed.forum, id).await?;
    let new_version = claim!(
        &txn,
        strategy,
        "strategy",
        id,
        version,
        format!("The strategy “{}”", before.title)
    );
    let mut row: strategy::ActiveModel = before.clone().into();
    row.title = Set(input.title);
    row.period_start = Set(input.period_start);
    row.period_end = Set(input.period_end);
    row.aims = Set(input.aims);
    row.status = Set(input.status.as_str().to_owned());
    row.version = Set(new_version);
    let after = row.update(&txn).await?;
    ed.record_changes(
        &txn,
        "strategy",
        id,
        new_version,
        &strategy_fields(&before),
        &strategy_fields(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        id,
        message: format!("Saved the strategy “{}”.", after.title),
        warnings: Vec::new(),
    })
}

/// Adds a theme at the end of a strategy.
///
/// # Errors
/// Not found; database errors.
pub async fn create_theme(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    strategy_id: i32,
    title: String,
) -> BackendResult<Saved> {
    let txn = crate::backend::db::write(db).await?;
    strategy_in(&txn, ed.forum, strategy_id).await?;
    let position = next_position(
        theme::Entity::find()
            .filter(theme::Column::StrategyId.eq(strategy_id))
            .order_by_desc(theme::Column::Position)
            .one(&txn)
            .await?
            .map(|t| t.position),
    );
    let row = theme::ActiveModel {
        strategy_id: Set(strategy_id),
        title: Set(title),
        position: Set(position),
        archived_at: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    ed.record(&txn, "theme", row.id, "create", row.title.clone(), Some(1))
        .await?;
    txn.commit().await?;
    Ok(Saved {
        id: row.id,
        message: format!("Theme “{}” added.", row.title),
        warnings: Vec::new(),
    })
}

pub(crate) fn next_position(last: Option<i32>) -> i32 {
    last.map_or(0, |p| p.saturating_add(1))
}

/// Renames a theme.
///
/// # Errors
/// [`BackendError::Conflict`] when it changed since `version`; not found; database errors.
pub async fn update_theme(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    id: i32,
    version: i32,
    title: String,
) -> BackendResult<Saved> {
    let txn = crate::backend::db::write(db).await?;
    let (before, _) = theme_in(&txn, ed.forum, id).await?;
    let new_version = claim!(
        &txn,
        theme,
        "theme",
        id,
        version,
        format!("The theme “{}”", before.title)
    );
    let mut row: theme::ActiveModel = before.clone().into();
    row.title = Set(title);
    row.version = Set(new_version);
    let after = row.update(&txn).await?;
    ed.record_changes(
        &txn,
        "theme",
        id,
        new_version,
        &vec![("title", before.title)],
        &vec![("title", after.title.clone())],
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        id,
        message: format!("Saved the theme “{}”.", after.title),
        warnings: Vec::new(),
    })
}

/// The lead partner's id for an action, creating a new partner in place when asked (or reusing
/// one whose name, short name or alias matches what was typed).
async fn lead_id(
    db: &impl ConnectionTrait,
    ed: &Editor<'_>,
    lead: &LeadChoice,
    notes: &mut Vec<String>,
) -> BackendResult<Option<i32>> {
    match lead {
        LeadChoice::Nobody => Ok(None),
        LeadChoice::Existing(id) => Ok(Some(partner_in(db, ed.forum, *id).await?.id)),
        LeadChoice::New(name) => {
            let partners = partner::Entity::find()
                .filter(partner::Column::ForumId.eq(ed.forum.id))
                .all(db)
                .await?;
            if let Some(p) = partners.iter().find(|p| partner_named(p, name)) {
                notes.push(format!(
                    "“{name}” is already in the partner directory as {}: used that.",
                    p.name
                ));
                return Ok(Some(p.id));
            }
            let row = add_partner(db, ed, name).await?;
            notes.push(format!(
                "“{name}” was added to the partner directory as a statutory agency: correct its sector and short name on its page if need be."
            ));
            Ok(Some(row.id))
        }
    }
}

/// The names of the action's supporting partners and resources, for the audit trail.
async fn links_text(db: &impl ConnectionTrait, action_id: i32) -> BackendResult<(String, String)> {
    let partner_ids: Vec<i32> = action_partner::Entity::find()
        .filter(action_partner::Column::ActionId.eq(action_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.partner_id)
        .collect();
    let mut partners: Vec<String> = partner::Entity::find()
        .filter(partner::Column::Id.is_in(partner_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.short_name.unwrap_or(p.name))
        .collect();
    partners.sort();
    let resource_ids: Vec<i32> = action_resource::Entity::find()
        .filter(action_resource::Column::ActionId.eq(action_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.resource_id)
        .collect();
    let mut resources: Vec<String> = resource::Entity::find()
        .filter(resource::Column::Id.is_in(resource_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.name)
        .collect();
    resources.sort();
    Ok((partners.join(", "), resources.join(", ")))
}

pub(crate) async fn action_fields(
    db: &impl ConnectionTrait,
    a: &action::Model,
) -> BackendResult<Fields> {
    let lead = match a.lead_partner_id {
        Some(id) => partner::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|p| p.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let (supporting, resources) = links_text(db, a.id).await?;
    Ok(vec![
        ("title", a.title.clone()),
        ("activity", opt(a.activity.as_deref())),
        ("lead", lead),
        ("supporting", supporting),
        ("resources", resources),
        (
            "due_date",
            a.due_date.map(|d| d.to_string()).unwrap_or_default(),
        ),
        ("due_text", opt(a.due_text.as_deref())),
        ("origin", opt(a.origin.as_deref())),
        ("owner_contact", opt(a.owner_contact.as_deref())),
    ])
}

/// Replaces an action's supporting partners and resources, after checking they are the forum's.
async fn set_links(
    db: &impl ConnectionTrait,
    ed: &Editor<'_>,
    action_id: i32,
    input: &ActionInput,
) -> BackendResult<()> {
    let partners_found = partner::Entity::find()
        .filter(partner::Column::ForumId.eq(ed.forum.id))
        .filter(partner::Column::Id.is_in(input.supporting.clone()))
        .count(db)
        .await?;
    if usize::try_from(partners_found).ok() != Some(input.supporting.len()) {
        return Err(BackendError::NotFound("partner"));
    }
    let resources_found = resource::Entity::find()
        .filter(resource::Column::ForumId.eq(ed.forum.id))
        .filter(resource::Column::Id.is_in(input.resources.clone()))
        .count(db)
        .await?;
    if usize::try_from(resources_found).ok() != Some(input.resources.len()) {
        return Err(BackendError::NotFound("resource"));
    }
    write_links(db, action_id, &input.supporting, &input.resources).await
}

/// Whether a partner goes by `name` (its name, short name or an alias; case and surrounding
/// spaces ignored).
pub(crate) fn partner_named(p: &partner::Model, name: &str) -> bool {
    let wanted = name.trim().to_lowercase();
    let is = |s: &str| s.trim().to_lowercase() == wanted;
    is(&p.name)
        || p.short_name.as_deref().is_some_and(is)
        || serde_json::from_str::<Vec<String>>(&p.aliases)
            .unwrap_or_default()
            .iter()
            .any(|a| is(a))
}

/// Adds a partner named in place (a lead typed on a form, an agency in an imported sheet) as a
/// statutory agency, audited.
pub(crate) async fn add_partner(
    db: &impl ConnectionTrait,
    ed: &Editor<'_>,
    name: &str,
) -> BackendResult<partner::Model> {
    let row = partner::ActiveModel {
        forum_id: Set(ed.forum.id),
        name: Set(name.to_owned()),
        short_name: Set(None),
        sector: Set(Sector::Statutory.as_str().to_owned()),
        aliases: Set("[]".to_owned()),
        archived_at: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await?;
    ed.record(db, "partner", row.id, "create", row.name.clone(), Some(1))
        .await?;
    Ok(row)
}

/// Sets an action's supporting partners and resources to exactly these (already checked).
pub(crate) async fn write_links(
    db: &impl ConnectionTrait,
    action_id: i32,
    supporting: impl IntoIterator<Item = &i32>,
    resources: impl IntoIterator<Item = &i32>,
) -> BackendResult<()> {
    action_partner::Entity::delete_many()
        .filter(action_partner::Column::ActionId.eq(action_id))
        .exec(db)
        .await?;
    for id in supporting {
        action_partner::ActiveModel {
            action_id: Set(action_id),
            partner_id: Set(*id),
        }
        .insert(db)
        .await?;
    }
    action_resource::Entity::delete_many()
        .filter(action_resource::Column::ActionId.eq(action_id))
        .exec(db)
        .await?;
    for id in resources {
        action_resource::ActiveModel {
            action_id: Set(action_id),
            resource_id: Set(*id),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Adds an action at the end of a theme.
///
/// # Errors
/// Not found (theme, partner, resource of another forum); database errors.
pub async fn create_action(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    theme_id: i32,
    input: ActionInput,
) -> BackendResult<Saved> {
    let txn = crate::backend::db::write(db).await?;
    let (_, st) = theme_in(&txn, ed.forum, theme_id).await?;
    let mut notes = Vec::new();
    let lead = lead_id(&txn, ed, &input.lead, &mut notes).await?;
    let position = next_position(
        action::Entity::find()
            .filter(action::Column::ThemeId.eq(theme_id))
            .order_by_desc(action::Column::Position)
            .one(&txn)
            .await?
            .map(|a| a.position),
    );
    let row = action::ActiveModel {
        theme_id: Set(theme_id),
        title: Set(input.title.clone()),
        activity: Set(input.activity.clone()),
        lead_partner_id: Set(lead),
        due_date: Set(input.due_date),
        due_text: Set(input.due_text.clone()),
        origin: Set(input.origin.clone()),
        owner_contact: Set(input.owner_contact.clone()),
        status_override: Set(None),
        status_override_reason: Set(None),
        position: Set(position),
        archived_at: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    set_links(&txn, ed, row.id, &input).await?;
    ed.record(&txn, "action", row.id, "create", row.title.clone(), Some(1))
        .await?;
    txn.commit().await?;
    let mut warnings = notes;
    warnings.extend(period_warning("action's", input.due_date, &st));
    Ok(Saved {
        id: row.id,
        message: format!("Action “{}” added.", row.title),
        warnings,
    })
}

/// Changes an action: its details, lead, supporting partners and resources.
///
/// # Errors
/// [`BackendError::Conflict`] when it changed since `version`; not found; database errors.
pub async fn update_action(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    id: i32,
    version: i32,
    input: ActionInput,
) -> BackendResult<Saved> {
    let txn = crate::backend::db::write(db).await?;
    let (before, _, st) = action_in_forum(&txn, ed.forum, id).await?;
    let new_version = claim!(
        &txn,
        action,
        "action",
        id,
        version,
        format!("The action “{}”", before.title)
    );
    let before_fields = action_fields(&txn, &before).await?;
    let mut notes = Vec::new();
    let lead = lead_id(&txn, ed, &input.lead, &mut notes).await?;
    let mut row: action::ActiveModel = before.into();
    row.title = Set(input.title.clone());
    row.activity = Set(input.activity.clone());
    row.lead_partner_id = Set(lead);
    row.due_date = Set(input.due_date);
    row.due_text = Set(input.due_text.clone());
    row.origin = Set(input.origin.clone());
    row.owner_contact = Set(input.owner_contact.clone());
    row.version = Set(new_version);
    let after = row.update(&txn).await?;
    set_links(&txn, ed, id, &input).await?;
    let after_fields = action_fields(&txn, &after).await?;
    ed.record_changes(
        &txn,
        "action",
        id,
        new_version,
        &before_fields,
        &after_fields,
    )
    .await?;
    txn.commit().await?;
    let mut warnings = notes;
    warnings.extend(period_warning("action's", input.due_date, &st));
    Ok(Saved {
        id,
        message: format!("Saved the action “{}”.", after.title),
        warnings,
    })
}

pub(crate) fn target_fields(t: &target::Model, indicator: &str) -> Fields {
    vec![
        ("title", t.title.clone()),
        ("kind", t.kind.clone()),
        ("unit", opt(t.unit.as_deref())),
        ("baseline", num(t.baseline)),
        ("target_value", num(t.target_value)),
        ("band_low", num(t.band_low)),
        ("band_high", num(t.band_high)),
        ("direction", t.direction.clone()),
        (
            "start_date",
            t.start_date.map(|d| d.to_string()).unwrap_or_default(),
        ),
        (
            "due_date",
            t.due_date.map(|d| d.to_string()).unwrap_or_default(),
        ),
        ("frequency", t.frequency.clone()),
        ("indicator", indicator.to_owned()),
        (
            "population_per",
            t.population_per.map(|p| p.to_string()).unwrap_or_default(),
        ),
    ]
}

pub(crate) async fn indicator_code(
    db: &impl ConnectionTrait,
    id: Option<i32>,
) -> BackendResult<String> {
    Ok(match id {
        Some(id) => indicator::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|i| i.code)
            .unwrap_or_default(),
        None => String::new(),
    })
}

fn apply_target(row: &mut target::ActiveModel, input: &TargetInput) {
    row.title = Set(input.title.clone());
    row.kind = Set(input.kind.as_str().to_owned());
    row.unit = Set(input.unit.clone());
    row.baseline = Set(input.baseline);
    row.target_value = Set(input.target_value);
    row.band_low = Set(input.band_low);
    row.band_high = Set(input.band_high);
    row.direction = Set(input.direction.as_str().to_owned());
    row.start_date = Set(input.start_date);
    row.due_date = Set(input.due_date);
    row.frequency = Set(input.frequency.as_str().to_owned());
    row.indicator_id = Set(input.indicator_id);
    row.population_per = Set(input.population_per);
}

/// Adds a target at the end of an action.
///
/// # Errors
/// Not found (action or indicator of another forum); database errors.
pub async fn create_target(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    action_id: i32,
    input: TargetInput,
) -> BackendResult<Saved> {
    let txn = crate::backend::db::write(db).await?;
    let (_, _, st) = action_in_forum(&txn, ed.forum, action_id).await?;
    if let Some(i) = input.indicator_id {
        indicator_in(&txn, ed.forum, i).await?;
    }
    let position = next_position(
        target::Entity::find()
            .filter(target::Column::ActionId.eq(action_id))
            .order_by_desc(target::Column::Position)
            .one(&txn)
            .await?
            .map(|t| t.position),
    );
    let mut row = target::ActiveModel {
        action_id: Set(action_id),
        source_text: Set(None),
        status_override: Set(None),
        status_override_reason: Set(None),
        position: Set(position),
        archived_at: Set(None),
        version: Set(1),
        ..Default::default()
    };
    apply_target(&mut row, &input);
    let row = row.insert(&txn).await?;
    ed.record(&txn, "target", row.id, "create", row.title.clone(), Some(1))
        .await?;
    txn.commit().await?;
    Ok(Saved {
        id: row.id,
        message: format!("Target “{}” added.", row.title),
        warnings: period_warning("target's", input.due_date, &st)
            .into_iter()
            .collect(),
    })
}

/// Changes a target.
///
/// # Errors
/// [`BackendError::Conflict`] when it changed since `version`; not found; database errors.
pub async fn update_target(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    id: i32,
    version: i32,
    input: TargetInput,
) -> BackendResult<Saved> {
    let txn = crate::backend::db::write(db).await?;
    let (before, _, _, st) = target_in(&txn, ed.forum, id).await?;
    if let Some(i) = input.indicator_id {
        indicator_in(&txn, ed.forum, i).await?;
    }
    let new_version = claim!(
        &txn,
        target,
        "target",
        id,
        version,
        format!("The target “{}”", before.title)
    );
    let before_fields = target_fields(&before, &indicator_code(&txn, before.indicator_id).await?);
    let mut row: target::ActiveModel = before.into();
    apply_target(&mut row, &input);
    row.version = Set(new_version);
    let after = row.update(&txn).await?;
    let after_fields = target_fields(&after, &indicator_code(&txn, after.indicator_id).await?);
    ed.record_changes(
        &txn,
        "target",
        id,
        new_version,
        &before_fields,
        &after_fields,
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        id,
        message: format!("Saved the target “{}”.", after.title),
        warnings: period_warning("target's", input.due_date, &st)
            .into_iter()
            .collect(),
    })
}

/// How many progress updates are recorded against these targets.
async fn recorded(db: &impl ConnectionTrait, target_ids: Vec<i32>) -> BackendResult<u64> {
    if target_ids.is_empty() {
        return Ok(0);
    }
    Ok(progress_update::Entity::find()
        .filter(progress_update::Column::TargetId.is_in(target_ids))
        .count(db)
        .await?)
}

async fn targets_under_actions(
    db: &impl ConnectionTrait,
    action_ids: Vec<i32>,
) -> BackendResult<Vec<i32>> {
    Ok(target::Entity::find()
        .filter(target::Column::ActionId.is_in(action_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect())
}

async fn actions_under_themes(
    db: &impl ConnectionTrait,
    theme_ids: Vec<i32>,
) -> BackendResult<Vec<i32>> {
    Ok(action::Entity::find()
        .filter(action::Column::ThemeId.is_in(theme_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect())
}

/// Whether something is recorded against the record (so it must be archived, not deleted).
async fn in_use(db: &impl ConnectionTrait, kind: ItemKind, id: i32) -> BackendResult<bool> {
    Ok(match kind {
        ItemKind::Target => recorded(db, vec![id]).await? > 0,
        ItemKind::Action => recorded(db, targets_under_actions(db, vec![id]).await?).await? > 0,
        ItemKind::Theme => {
            let actions = actions_under_themes(db, vec![id]).await?;
            recorded(db, targets_under_actions(db, actions).await?).await? > 0
        }
        ItemKind::Strategy => {
            let themes: Vec<i32> = theme::Entity::find()
                .filter(theme::Column::StrategyId.eq(id))
                .all(db)
                .await?
                .into_iter()
                .map(|t| t.id)
                .collect();
            let actions = actions_under_themes(db, themes).await?;
            recorded(db, targets_under_actions(db, actions).await?).await? > 0
        }
        ItemKind::Partner => {
            action::Entity::find()
                .filter(action::Column::LeadPartnerId.eq(id))
                .count(db)
                .await?
                + action_partner::Entity::find()
                    .filter(action_partner::Column::PartnerId.eq(id))
                    .count(db)
                    .await?
                + crate::backend::entity::membership::Entity::find()
                    .filter(crate::backend::entity::membership::Column::PartnerId.eq(id))
                    .count(db)
                    .await?
                > 0
        }
        ItemKind::Resource => {
            action_resource::Entity::find()
                .filter(action_resource::Column::ResourceId.eq(id))
                .count(db)
                .await?
                > 0
        }
        ItemKind::Indicator => {
            target::Entity::find()
                .filter(target::Column::IndicatorId.eq(id))
                .count(db)
                .await?
                > 0
        }
    })
}

/// Moves, removes or restores a plan record. Moving works among the record's live siblings and
/// needs no version (it changes no field of the record); removing and restoring are refused from
/// a stale page. Removing deletes while nothing is recorded against the record (or, for a
/// partner, resource or indicator, nothing refers to it) and archives otherwise.
///
/// # Errors
/// [`BackendError::Conflict`] when it changed since `version`; [`BackendError::Invalid`] for a
/// move that the record cannot make; not found; database errors.
pub async fn command(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    kind: ItemKind,
    id: i32,
    version: i32,
    cmd: ItemCommand,
) -> BackendResult<String> {
    let txn = crate::backend::db::write(db).await?;
    let (title, archived) = item_title(&txn, ed.forum, kind, id).await?;
    let label = format!("The {} “{title}”", kind.label());
    let message = match cmd {
        ItemCommand::Up | ItemCommand::Down => {
            let up = cmd == ItemCommand::Up;
            let changes = reorder(&siblings(&txn, kind, id).await?, id, up);
            if changes.is_empty() {
                return Err(BackendError::Invalid(format!(
                    "“{title}” is already {} (or archived, which keeps no place)",
                    if up { "first" } else { "last" }
                )));
            }
            for (sid, position) in changes {
                set_position(&txn, kind, sid, position).await?;
            }
            ed.record(
                &txn,
                kind.as_str(),
                id,
                "move",
                format!("{} “{title}”", cmd.label()),
                None,
            )
            .await?;
            format!("Moved “{title}” {}.", if up { "up" } else { "down" })
        }
        ItemCommand::Remove => {
            if in_use(&txn, kind, id).await? {
                if archived {
                    return Err(BackendError::Invalid(format!(
                        "“{title}” is already archived"
                    )));
                }
                let v = claim_any(&txn, kind, id, version, label).await?;
                set_archived(&txn, kind, id, Some(ed.now)).await?;
                ed.record(
                    &txn,
                    kind.as_str(),
                    id,
                    "archive",
                    format!("archived “{title}”"),
                    Some(v),
                )
                .await?;
                format!(
                    "Archived “{title}”: progress or references are recorded against it, so it is kept for history and reports of its period. Restore it from the archived list if need be."
                )
            } else {
                claim_any(&txn, kind, id, version, label).await?;
                delete(&txn, kind, id).await?;
                ed.record(
                    &txn,
                    kind.as_str(),
                    id,
                    "delete",
                    format!("deleted “{title}”"),
                    None,
                )
                .await?;
                format!("Deleted “{title}”: nothing had been recorded against it.")
            }
        }
        ItemCommand::Restore => {
            if !archived {
                return Err(BackendError::Invalid(format!("“{title}” is not archived")));
            }
            let v = claim_any(&txn, kind, id, version, label).await?;
            set_archived(&txn, kind, id, None).await?;
            ed.record(
                &txn,
                kind.as_str(),
                id,
                "restore",
                format!("restored “{title}”"),
                Some(v),
            )
            .await?;
            format!("Restored “{title}” to the live plan.")
        }
    };
    txn.commit().await?;
    Ok(message)
}

/// Moves a theme, action, target or strategy to place `index` (0 = first) among its live
/// siblings: what dragging it in a list does.
///
/// # Errors
/// [`BackendError::Invalid`] for an archived record or a directory entry; not found.
pub async fn move_item(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    kind: ItemKind,
    id: i32,
    index: usize,
) -> BackendResult<String> {
    let txn = crate::backend::db::write(db).await?;
    if matches!(
        kind,
        ItemKind::Partner | ItemKind::Resource | ItemKind::Indicator
    ) {
        return Err(BackendError::Invalid(format!(
            "a {} has no place to move to: the directory is in alphabetical order",
            kind.label()
        )));
    }
    let (title, _) = item_title(&txn, ed.forum, kind, id).await?;
    let siblings = siblings(&txn, kind, id).await?;
    if !siblings.iter().any(|(s, _)| *s == id) {
        return Err(BackendError::Invalid(format!(
            "“{title}” is archived, which keeps no place: restore it first"
        )));
    }
    let place = index.min(siblings.len() - 1) + 1;
    for (sid, position) in move_to(&siblings, id, index) {
        set_position(&txn, kind, sid, position).await?;
    }
    ed.record(
        &txn,
        kind.as_str(),
        id,
        "move",
        format!("Moved “{title}” to place {place}"),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(format!("Moved “{title}” to place {place}."))
}

/// A plan record's title (or name, or code) and whether it is archived, found in the forum.
async fn item_title(
    db: &impl ConnectionTrait,
    forum: &crate::backend::entity::forum::Model,
    kind: ItemKind,
    id: i32,
) -> BackendResult<(String, bool)> {
    Ok(match kind {
        ItemKind::Strategy => strategy_in(db, forum, id)
            .await
            .map(|s| (s.title, s.archived_at.is_some()))?,
        ItemKind::Theme => theme_in(db, forum, id)
            .await
            .map(|(t, _)| (t.title, t.archived_at.is_some()))?,
        ItemKind::Action => action_in_forum(db, forum, id)
            .await
            .map(|(a, _, _)| (a.title, a.archived_at.is_some()))?,
        ItemKind::Target => target_in(db, forum, id)
            .await
            .map(|(t, ..)| (t.title, t.archived_at.is_some()))?,
        ItemKind::Partner => partner_in(db, forum, id)
            .await
            .map(|p| (p.name, p.archived_at.is_some()))?,
        ItemKind::Resource => resource_in(db, forum, id)
            .await
            .map(|r| (r.name, r.archived_at.is_some()))?,
        ItemKind::Indicator => indicator_in(db, forum, id)
            .await
            .map(|i| (i.code, i.archived_at.is_some()))?,
    })
}

async fn claim_any(
    db: &impl ConnectionTrait,
    kind: ItemKind,
    id: i32,
    version: i32,
    label: String,
) -> BackendResult<i32> {
    Ok(match kind {
        ItemKind::Strategy => claim!(db, strategy, "strategy", id, version, label),
        ItemKind::Theme => claim!(db, theme, "theme", id, version, label),
        ItemKind::Action => claim!(db, action, "action", id, version, label),
        ItemKind::Target => claim!(db, target, "target", id, version, label),
        ItemKind::Partner => claim!(db, partner, "partner", id, version, label),
        ItemKind::Resource => claim!(db, resource, "resource", id, version, label),
        ItemKind::Indicator => claim!(db, indicator, "indicator", id, version, label),
    })
}

/// The live siblings of a record (itself included), in order, as (id, position).
async fn siblings(
    db: &impl ConnectionTrait,
    kind: ItemKind,
    id: i32,
) -> BackendResult<Vec<(i32, i32)>> {
    macro_rules! live {
        ($module:ident, $parent:ident, $parent_id:expr) => {
            $module::Entity::find()
                .filter($module::Column::$parent.eq($parent_id))
                .filter($module::Column::ArchivedAt.is_null())
                .order_by_asc($module::Column::Position)
                .order_by_asc($module::Column::Id)
                .all(db)
                .await?
                .into_iter()
                .map(|r| (r.id, r.position))
                .collect()
        };
    }
    let not_found = || BackendError::NotFound("record");
    Ok(match kind {
        ItemKind::Strategy => {
            let s = strategy::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(not_found)?;
            live!(strategy, ForumId, s.forum_id)
        }
        ItemKind::Theme => {
            let t = theme::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(not_found)?;
            live!(theme, StrategyId, t.strategy_id)
        }
        ItemKind::Action => {
            let a = action::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(not_found)?;
            live!(action, ThemeId, a.theme_id)
        }
        ItemKind::Target => {
            let t = target::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(not_found)?;
            live!(target, ActionId, t.action_id)
        }
        ItemKind::Partner | ItemKind::Resource | ItemKind::Indicator => {
            return Err(BackendError::Invalid(format!(
                "a {} has no place to move to: the directory is in alphabetical order",
                kind.label()
            )));
        }
    })
}

async fn set_position(
    db: &impl ConnectionTrait,
    kind: ItemKind,
    id: i32,
    position: i32,
) -> BackendResult<()> {
    macro_rules! set {
        ($module:ident) => {
            $module::Entity::update_many()
                .col_expr($module::Column::Position, Expr::value(position))
                .filter($module::Column::Id.eq(id))
                .exec(db)
                .await?
        };
    }
    match kind {
        ItemKind::Strategy => set!(strategy),
        ItemKind::Theme => set!(theme),
        ItemKind::Action => set!(action),
        ItemKind::Target => set!(target),
        ItemKind::Partner | ItemKind::Resource | ItemKind::Indicator => return Ok(()),
    };
    Ok(())
}

async fn set_archived(
    db: &impl ConnectionTrait,
    kind: ItemKind,
    id: i32,
    at: Option<chrono::DateTime<chrono::Utc>>,
) -> BackendResult<()> {
    macro_rules! set {
        ($module:ident) => {
            $module::Entity::update_many()
                .col_expr($module::Column::ArchivedAt, Expr::value(at))
                .filter($module::Column::Id.eq(id))
                .exec(db)
                .await?
        };
    }
    match kind {
        ItemKind::Strategy => set!(strategy),
        ItemKind::Theme => set!(theme),
        ItemKind::Action => set!(action),
        ItemKind::Target => set!(target),
        ItemKind::Partner => set!(partner),
        ItemKind::Resource => set!(resource),
        ItemKind::Indicator => set!(indicator),
    };
    Ok(())
}

async fn delete(db: &impl ConnectionTrait, kind: ItemKind, id: i32) -> BackendResult<()> {
    match kind {
        ItemKind::Strategy => strategy::Entity::delete_by_id(id).exec(db).await?,
        ItemKind::Theme => theme::Entity::delete_by_id(id).exec(db).await?,
        ItemKind::Action => action::Entity::delete_by_id(id).exec(db).await?,
        ItemKind::Target => target::Entity::delete_by_id(id).exec(db).await?,
        ItemKind::Partner => partner::Entity::delete_by_id(id).exec(db).await?,
        ItemKind::Resource => resource::Entity::delete_by_id(id).exec(db).await?,
        ItemKind::Indicator => indicator::Entity::delete_by_id(id).exec(db).await?,
    };
    Ok(())
}
