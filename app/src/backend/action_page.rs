//! The action page: activity, partners, resources, targets and their history.
use crate::backend::entity::{action_partner, action_resource, forum, partner, resource, target};
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::plan::{Assessor, action_in_forum, forum_by_slug, forum_ref, partner_ref};
use crate::backend::revision::{PageCache, kept_or_built};
use crate::domain::status::roll_up;
use crate::domain::target::{Frequency, TargetKind, format_number, format_value};
use crate::domain::views::{ActionPage, ResourceView, StrategyRef, TargetDetail};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// Loads an action of a forum.
///
/// # Errors
/// [`BackendError::NotFound`] when the forum or action does not exist, or the action belongs to
/// another forum.
#[tracing::instrument(skip(db))]
pub async fn load(
    db: &impl ConnectionTrait,
    forum_slug: &str,
    action_id: i32,
    today: NaiveDate,
) -> BackendResult<ActionPage> {
    let forum = forum_by_slug(db, forum_slug).await?;
    let (a, th, st) = action_in_forum(db, &forum, action_id).await?;
    let supporting_ids: Vec<i32> = action_partner::Entity::find()
        .filter(action_partner::Column::ActionId.eq(a.id))
        .all(db)
        .await?
        .into_iter()
        .map(|ap| ap.partner_id)
        .collect();
    let partners = partner::Entity::find()
        .filter(partner::Column::ForumId.eq(forum.id))
        .order_by_asc(partner::Column::Name)
        .all(db)
        .await?;
    let resource_ids: Vec<i32> = action_resource::Entity::find()
        .filter(action_resource::Column::ActionId.eq(a.id))
        .all(db)
        .await?
        .into_iter()
        .map(|ar| ar.resource_id)
        .collect();
    let resources = resource::Entity::find()
        .filter(resource::Column::Id.is_in(resource_ids))
        .order_by_asc(resource::Column::Name)
        .all(db)
        .await?;
    let targets = target::Entity::find()
        .filter(target::Column::ActionId.eq(a.id))
        .filter(target::Column::ArchivedAt.is_null())
        .order_by_asc(target::Column::Position)
        .order_by_asc(target::Column::Id)
        .all(db)
        .await?;
    let assessor = Assessor::load(db, &forum, &targets, today).await?;
    let mut details = Vec::new();
    for t in &targets {
        let kind: TargetKind = t
            .kind
            .parse()
            .map_err(|e| BackendError::Corrupt(format!("{e}")))?;
        let frequency: Frequency = t
            .frequency
            .parse()
            .map_err(|e| BackendError::Corrupt(format!("{e}")))?;
        details.push(TargetDetail {
            row: assessor.row(t, &st)?,
            baseline: t.baseline.map(|b| format_value(kind, b, t.unit.as_deref())),
            frequency: frequency.label().to_owned(),
            source_text: t.source_text.clone(),
            history: assessor.history_rows(t)?,
            trend: trend_of(&forum, t, kind, assessor.history(t.id)),
        });
    }
    let computed = roll_up(details.iter().map(|d| d.row.status));
    Ok(ActionPage {
        can_edit: false,
        forum: forum_ref(&forum),
        strategy: StrategyRef {
            slug: st.slug.clone(),
            title: st.title.clone(),
        },
        theme: th.title.clone(),
        id: a.id,
        title: a.title.clone(),
        activity: a.activity.clone(),
        lead: a
            .lead_partner_id
            .and_then(|id| partners.iter().find(|p| p.id == id))
            .map(partner_ref),
        supporting: partners
            .iter()
            .filter(|p| supporting_ids.contains(&p.id))
            .map(partner_ref)
            .collect(),
        resources: resources
            .iter()
            .map(|r| ResourceView {
                id: r.id,
                name: r.name.clone(),
                amount: r
                    .amount_pence
                    .map(|p| format!("£{}", format_number(p as f64 / 100.0))),
                posts: r.posts.map(format_number),
                at_risk: r.at_risk,
            })
            .collect(),
        due_date: a.due_date,
        due_text: a.due_text.clone(),
        origin: a.origin.clone(),
        status: a
            .status_override
            .as_deref()
            .and_then(|s| s.parse().ok())
            .unwrap_or(computed),
        as_of: assessor.as_of(&st),
        targets: details,
        can_view_history: false,
    })
}

/// The trend chart of a numeric target's approved figures, oldest first (none for other kinds
/// or before the first approved figure).
fn trend_of(
    forum: &crate::backend::entity::forum::Model,
    t: &target::Model,
    kind: TargetKind,
    history: &[crate::backend::entity::progress_update::Model],
) -> Option<String> {
    use crate::backend::charts::{Aim, Point, trend};
    use crate::domain::period::Period;
    if !matches!(
        kind,
        TargetKind::Count | TargetKind::Percentage | TargetKind::Currency
    ) {
        return None;
    }
    let cal = crate::backend::plan::calendar(forum);
    let mut points: Vec<Point> = history
        .iter()
        .filter(|u| u.state == "approved")
        .filter_map(|u| {
            let value = u
                .value_number
                .or(match (u.value_numerator, u.value_denominator) {
                    (Some(n), Some(d)) if d > 0.0 => Some(n / d * 100.0),
                    _ => None,
                })?;
            Some(Point {
                period: cal.label(Period {
                    start: u.period_start,
                    end: u.period_end,
                }),
                value,
            })
        })
        .collect();
    if points.is_empty() {
        return None;
    }
    points.reverse(); // the history is newest first
    let band = t.band_low.zip(t.band_high);
    let aim = Aim {
        target: t.target_value.filter(|_| band.is_none()),
        band,
    };
    let unit = t
        .unit
        .clone()
        .unwrap_or_else(|| kind.label().to_lowercase());
    Some(trend(
        &format!("trend-{}", t.id),
        &format!("“{}”: approved figures by period", t.title),
        &unit,
        &points,
        &aim,
    ))
}

/// How many action pages a server process keeps.
pub const KEPT: usize = 256;

/// Action pages kept, by forum, action and date.
pub type Kept = PageCache<(i32, i32, NaiveDate), ActionPage>;

/// [`load`] for `forum` (as the caller's request found it), handed out again from `kept` while
/// the forum's revision and row stay the same.
///
/// # Errors
/// As [`load`].
pub async fn load_kept(
    db: &impl ConnectionTrait,
    kept: &Kept,
    forum: &forum::Model,
    action_id: i32,
    today: NaiveDate,
) -> BackendResult<ActionPage> {
    kept_or_built(db, kept, forum, (forum.id, action_id, today), || {
        load(db, &forum.slug, action_id, today)
    })
    .await
}
