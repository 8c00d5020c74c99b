//! What the editing pages show: current values ready for form fields, with versions.
use super::common::{indicator_in, partner_in, target_in};
use crate::backend::entity::{
    action, action_partner, action_resource, forum, indicator, partner, resource, strategy, target,
    theme,
};
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::plan::{
    action_in_forum, aim_text, forum_ref, indicator_ref, partner_ref, period_text,
};
use crate::domain::editor::{
    ActionEditor, ActionFields, Choice, IndicatorFields, ItemRow, PartnerFields, ResourceRow,
    ResourcesPage, StrategyEditor, StrategyFields, TargetEditor, TargetFields, ThemeEdit,
};
use crate::domain::target::{Direction, TargetKind, format_number};
use crate::domain::views::{IndicatorRef, PartnerRef, StrategyRef};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

fn text(value: Option<&str>) -> String {
    value.unwrap_or_default().to_owned()
}

fn number(value: Option<f64>) -> String {
    value
        .map(|v| format_number(v).replace(',', ""))
        .unwrap_or_default()
}

/// Live partners of the forum, by name, and any archived one in `keep`.
async fn partners(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    keep: &[i32],
) -> BackendResult<Vec<PartnerRef>> {
    Ok(partner::Entity::find()
        .filter(partner::Column::ForumId.eq(forum.id))
        .order_by_asc(partner::Column::Name)
        .all(db)
        .await?
        .iter()
        .filter(|p| p.archived_at.is_none() || keep.contains(&p.id))
        .map(partner_ref)
        .collect())
}

async fn indicators(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    keep: Option<i32>,
) -> BackendResult<Vec<IndicatorRef>> {
    Ok(indicator::Entity::find()
        .filter(indicator::Column::ForumId.eq(forum.id))
        .order_by_asc(indicator::Column::Framework)
        .order_by_asc(indicator::Column::Code)
        .all(db)
        .await?
        .iter()
        .filter(|i| i.archived_at.is_none() || Some(i.id) == keep)
        .map(indicator_ref)
        .collect())
}

/// Live first (in their order), archived last.
fn live_first<T>(mut rows: Vec<T>, archived: impl Fn(&T) -> bool) -> Vec<T> {
    rows.sort_by_key(|r| archived(r));
    rows
}

/// The strategy editor: the strategy's details, its themes and their actions.
///
/// # Errors
/// Not found for a strategy of another forum; database errors.
pub async fn strategy_editor(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    slug: &str,
) -> BackendResult<StrategyEditor> {
    let s = strategy::Entity::find()
        .filter(strategy::Column::ForumId.eq(forum.id))
        .filter(strategy::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(BackendError::NotFound("strategy"))?;
    let themes = theme::Entity::find()
        .filter(theme::Column::StrategyId.eq(s.id))
        .order_by_asc(theme::Column::Position)
        .order_by_asc(theme::Column::Id)
        .all(db)
        .await?;
    let actions = action::Entity::find()
        .filter(action::Column::ThemeId.is_in(themes.iter().map(|t| t.id).collect::<Vec<_>>()))
        .order_by_asc(action::Column::Position)
        .order_by_asc(action::Column::Id)
        .all(db)
        .await?;
    let all_partners = partner::Entity::find()
        .filter(partner::Column::ForumId.eq(forum.id))
        .order_by_asc(partner::Column::Name)
        .all(db)
        .await?;
    let names: HashMap<i32, String> = all_partners
        .iter()
        .map(|p| (p.id, partner_ref(p).display().to_owned()))
        .collect();
    let partner_list = all_partners
        .iter()
        .filter(|p| p.archived_at.is_none())
        .map(partner_ref)
        .collect();
    let mut by_theme: HashMap<i32, Vec<ItemRow>> = HashMap::new();
    for a in &actions {
        by_theme.entry(a.theme_id).or_default().push(ItemRow {
            id: a.id,
            version: a.version,
            title: a.title.clone(),
            note: a
                .lead_partner_id
                .and_then(|id| names.get(&id))
                .map(|n| format!("Lead: {n}")),
            archived: a.archived_at.is_some(),
        });
    }
    let themes = live_first(themes, |t| t.archived_at.is_some())
        .into_iter()
        .map(|t| ThemeEdit {
            actions: live_first(by_theme.remove(&t.id).unwrap_or_default(), |a| a.archived),
            theme: ItemRow {
                id: t.id,
                version: t.version,
                title: t.title,
                note: None,
                archived: t.archived_at.is_some(),
            },
        })
        .collect();
    Ok(StrategyEditor {
        forum: forum_ref(forum),
        archived: s.archived_at.is_some(),
        strategy: StrategyFields {
            id: s.id,
            version: s.version,
            slug: s.slug,
            title: s.title,
            period_start: s.period_start.to_string(),
            period_end: s.period_end.to_string(),
            aims: text(s.aims.as_deref()),
            status: s.status,
        },
        themes,
        partners: partner_list,
    })
}

/// The action editor: its fields, targets, and the forum's partners, resources and indicators.
///
/// # Errors
/// Not found for an action of another forum; database errors.
pub async fn action_editor(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    id: i32,
) -> BackendResult<ActionEditor> {
    let (a, th, st) = action_in_forum(db, forum, id).await?;
    let supporting: Vec<i32> = action_partner::Entity::find()
        .filter(action_partner::Column::ActionId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.partner_id)
        .collect();
    let used: Vec<i32> = action_resource::Entity::find()
        .filter(action_resource::Column::ActionId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.resource_id)
        .collect();
    let mut keep = supporting.clone();
    keep.extend(a.lead_partner_id);
    let resources = resource::Entity::find()
        .filter(resource::Column::ForumId.eq(forum.id))
        .order_by_asc(resource::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|r| r.archived_at.is_none() || used.contains(&r.id))
        .map(|r| Choice {
            id: r.id,
            label: r.name,
        })
        .collect();
    let targets = target::Entity::find()
        .filter(target::Column::ActionId.eq(id))
        .order_by_asc(target::Column::Position)
        .order_by_asc(target::Column::Id)
        .all(db)
        .await?;
    let targets = live_first(targets, |t| t.archived_at.is_some())
        .into_iter()
        .map(|t| {
            let note = match (
                t.kind.parse::<TargetKind>(),
                t.direction.parse::<Direction>(),
            ) {
                (Ok(kind), Ok(direction)) => Some(aim_text(&t, kind, direction)),
                _ => None,
            };
            ItemRow {
                id: t.id,
                version: t.version,
                title: t.title,
                note,
                archived: t.archived_at.is_some(),
            }
        })
        .collect();
    Ok(ActionEditor {
        forum: forum_ref(forum),
        strategy: StrategyRef {
            slug: st.slug.clone(),
            title: st.title.clone(),
        },
        theme: th.title,
        archived: a.archived_at.is_some(),
        action: ActionFields {
            id: a.id,
            version: a.version,
            title: a.title,
            activity: text(a.activity.as_deref()),
            lead: a.lead_partner_id.map(|l| l.to_string()).unwrap_or_default(),
            supporting,
            resources: used,
            due_date: a.due_date.map(|d| d.to_string()).unwrap_or_default(),
            due_text: text(a.due_text.as_deref()),
            origin: text(a.origin.as_deref()),
            owner_contact: text(a.owner_contact.as_deref()),
        },
        targets,
        partners: partners(db, forum, &keep).await?,
        resources,
        indicators: indicators(db, forum, None).await?,
        period: period_text(st.period_start, st.period_end),
    })
}

/// The target editor.
///
/// # Errors
/// Not found for a target of another forum; database errors.
pub async fn target_editor(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    id: i32,
) -> BackendResult<TargetEditor> {
    let (t, a, ..) = target_in(db, forum, id).await?;
    Ok(TargetEditor {
        forum: forum_ref(forum),
        action: Choice {
            id: a.id,
            label: a.title,
        },
        archived: t.archived_at.is_some(),
        indicators: indicators(db, forum, t.indicator_id).await?,
        target: TargetFields {
            id: t.id,
            version: t.version,
            title: t.title,
            kind: t.kind,
            unit: text(t.unit.as_deref()),
            baseline: number(t.baseline),
            target_value: number(t.target_value),
            band_low: number(t.band_low),
            band_high: number(t.band_high),
            direction: t.direction,
            start_date: t.start_date.map(|d| d.to_string()).unwrap_or_default(),
            due_date: t.due_date.map(|d| d.to_string()).unwrap_or_default(),
            frequency: t.frequency,
            indicator: t.indicator_id.map(|i| i.to_string()).unwrap_or_default(),
            population_per: t.population_per.map(|p| p.to_string()).unwrap_or_default(),
        },
    })
}

/// The forum's resources with how many live actions use each.
///
/// # Errors
/// Database errors.
pub async fn resources_page(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    can_edit: bool,
) -> BackendResult<ResourcesPage> {
    let rows = resource::Entity::find()
        .filter(resource::Column::ForumId.eq(forum.id))
        .order_by_asc(resource::Column::Name)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let links = action_resource::Entity::find()
        .filter(action_resource::Column::ResourceId.is_in(ids))
        .all(db)
        .await?;
    let live: Vec<i32> = action::Entity::find()
        .filter(action::Column::Id.is_in(links.iter().map(|l| l.action_id).collect::<Vec<_>>()))
        .filter(action::Column::ArchivedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let mut counts: HashMap<i32, u32> = HashMap::new();
    for l in links.iter().filter(|l| live.contains(&l.action_id)) {
        *counts.entry(l.resource_id).or_default() += 1;
    }
    let resources = live_first(rows, |r| r.archived_at.is_some())
        .into_iter()
        .map(|r| {
            #[expect(
                clippy::cast_precision_loss,
                reason = "amounts are far below 2^52 pence"
            )]
            let pounds = r.amount_pence.map(|p| p as f64 / 100.0);
            ResourceRow {
                id: r.id,
                version: r.version,
                amount: pounds
                    .map(|p| format!("{p:.2}").trim_end_matches(".00").to_owned())
                    .unwrap_or_default(),
                amount_label: pounds.map(|p| format!("£{}", format_number(p))),
                posts: number(r.posts),
                at_risk: r.at_risk,
                notes: text(r.notes.as_deref()),
                archived: r.archived_at.is_some(),
                action_count: counts.get(&r.id).copied().unwrap_or(0),
                name: r.name,
            }
        })
        .collect();
    Ok(ResourcesPage {
        forum: forum_ref(forum),
        resources,
        can_edit,
    })
}

/// A partner's fields for its edit form, with the partners it could be merged into.
///
/// # Errors
/// Not found; database errors.
pub async fn partner_fields(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    id: i32,
) -> BackendResult<PartnerFields> {
    let p = partner_in(db, forum, id).await?;
    let others = partners(db, forum, &[])
        .await?
        .into_iter()
        .filter(|o| o.id != id)
        .collect();
    Ok(PartnerFields {
        version: p.version,
        short_name: text(p.short_name.as_deref()),
        sector: p.sector,
        aliases: serde_json::from_str::<Vec<String>>(&p.aliases)
            .unwrap_or_default()
            .join("\n"),
        archived: p.archived_at.is_some(),
        others,
    })
}

/// An indicator's fields for its edit form.
///
/// # Errors
/// Not found; database errors.
pub async fn indicator_fields(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
    id: i32,
) -> BackendResult<IndicatorFields> {
    let i = indicator_in(db, forum, id).await?;
    Ok(IndicatorFields {
        version: i.version,
        framework: i.framework,
        code: i.code,
        title: i.title,
        definition: text(i.definition.as_deref()),
        polarity: i.polarity,
        checklist: serde_json::from_str::<Vec<String>>(&i.checklist)
            .unwrap_or_default()
            .join("\n"),
        archived: i.archived_at.is_some(),
    })
}

/// The forum's archived strategies, partners and indicators, for coordinators to find and restore.
///
/// # Errors
/// Database errors.
pub async fn archived(
    db: &impl ConnectionTrait,
    forum: &forum::Model,
) -> BackendResult<(Vec<StrategyRef>, Vec<PartnerRef>, Vec<IndicatorRef>)> {
    let strategies = strategy::Entity::find()
        .filter(strategy::Column::ForumId.eq(forum.id))
        .filter(strategy::Column::ArchivedAt.is_not_null())
        .order_by_asc(strategy::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|s| StrategyRef {
            slug: s.slug,
            title: s.title,
        })
        .collect();
    let partners = partner::Entity::find()
        .filter(partner::Column::ForumId.eq(forum.id))
        .filter(partner::Column::ArchivedAt.is_not_null())
        .order_by_asc(partner::Column::Name)
        .all(db)
        .await?
        .iter()
        .map(partner_ref)
        .collect();
    let indicators = indicator::Entity::find()
        .filter(indicator::Column::ForumId.eq(forum.id))
        .filter(indicator::Column::ArchivedAt.is_not_null())
        .order_by_asc(indicator::Column::Code)
        .all(db)
        .await?
        .iter()
        .map(indicator_ref)
        .collect();
    Ok((strategies, partners, indicators))
}
