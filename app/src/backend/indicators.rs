//! The list of a forum's indicators and an indicator's page.
use crate::backend::entity::{indicator, target};
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::links::ActionSet;
use crate::backend::plan::{forum_by_slug, forum_ref, indicator_ref};
use crate::domain::views::{IndicatorList, IndicatorListItem, IndicatorPage, IndicatorTarget};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The label of an indicator's polarity.
fn polarity_label(polarity: &str) -> &str {
    match polarity {
        "higher_is_better" => "Higher is better",
        "lower_is_better" => "Lower is better",
        "in_band" => "Best within a band",
        other => other,
    }
}

/// Every live indicator of a forum, by framework and code, with how many targets use it.
///
/// # Errors
/// [`BackendError::NotFound`] for an unknown forum; database errors.
#[tracing::instrument(skip(db))]
pub async fn list(db: &impl ConnectionTrait, forum_slug: &str) -> BackendResult<IndicatorList> {
    let forum = forum_by_slug(db, forum_slug).await?;
    let indicators_all = indicator::Entity::find()
        .filter(indicator::Column::ForumId.eq(forum.id))
        .order_by_asc(indicator::Column::Framework)
        .order_by_asc(indicator::Column::Code)
        .all(db)
        .await?;
    let indicators: Vec<&indicator::Model> = indicators_all
        .iter()
        .filter(|i| i.archived_at.is_none())
        .collect();
    let ids: Vec<i32> = indicators.iter().map(|i| i.id).collect();
    let mut counts: HashMap<i32, u32> = HashMap::new();
    for t in target::Entity::find()
        .filter(target::Column::IndicatorId.is_in(ids))
        .filter(target::Column::ArchivedAt.is_null())
        .all(db)
        .await?
    {
        if let Some(id) = t.indicator_id {
            *counts.entry(id).or_default() += 1;
        }
    }
    let adopted: Vec<(String, String)> = indicators_all
        .iter()
        .map(|i| (i.framework.clone(), i.code.clone()))
        .collect();
    let starters = crate::domain::plan_form::STARTER_INDICATORS
        .iter()
        .filter(|s| !adopted.contains(&(s.framework.as_str().to_owned(), s.code.to_owned())))
        .map(|s| (s.code.to_owned(), format!("{} {}", s.code, s.title)))
        .collect();
    Ok(IndicatorList {
        can_edit: false,
        archived: Vec::new(),
        starters,
        forum: forum_ref(&forum),
        indicators: indicators
            .iter()
            .map(|i| IndicatorListItem {
                indicator: indicator_ref(i),
                polarity: polarity_label(&i.polarity).to_owned(),
                target_count: counts.get(&i.id).copied().unwrap_or(0),
            })
            .collect(),
    })
}

/// One indicator with the targets that measure it.
///
/// # Errors
/// [`BackendError::NotFound`] for an unknown forum or an indicator of another forum.
#[tracing::instrument(skip(db))]
pub async fn page(
    db: &impl ConnectionTrait,
    forum_slug: &str,
    indicator_id: i32,
    today: NaiveDate,
) -> BackendResult<IndicatorPage> {
    let forum = forum_by_slug(db, forum_slug).await?;
    let ind = indicator::Entity::find_by_id(indicator_id)
        .one(db)
        .await?
        .filter(|i| i.forum_id == forum.id)
        .ok_or(BackendError::NotFound("indicator"))?;
    let targets = target::Entity::find()
        .filter(target::Column::IndicatorId.eq(ind.id))
        .filter(target::Column::ArchivedAt.is_null())
        .order_by_asc(target::Column::ActionId)
        .order_by_asc(target::Column::Position)
        .all(db)
        .await?;
    let set = ActionSet::load(
        db,
        &forum,
        targets.iter().map(|t| t.action_id).collect(),
        today,
    )
    .await?;
    let mut rows = Vec::new();
    for t in &targets {
        if let (Some(target), Some(action)) = (set.target_row(t)?, set.link(t.action_id)?) {
            rows.push(IndicatorTarget { target, action });
        }
    }
    Ok(IndicatorPage {
        edit: None,
        checklist: serde_json::from_str(&ind.checklist).unwrap_or_default(),
        forum: forum_ref(&forum),
        indicator: indicator_ref(&ind),
        definition: ind.definition.clone(),
        polarity: polarity_label(&ind.polarity).to_owned(),
        targets: rows,
    })
}
