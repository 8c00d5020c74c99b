//! The list of forums and a forum's home page.
use crate::backend::entity::{forum, indicator, partner, strategy};
use crate::backend::error::BackendResult;
use crate::backend::plan::{forum_by_slug, forum_ref};
use crate::backend::revision::{PageCache, kept_or_built};
use crate::backend::tree::Tree;
use crate::domain::views::{ForumHome, ForumListItem};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The forums `visible` names (every forum when None), by name, with their numbers of live
/// strategies.
///
/// # Errors
/// Database errors.
#[tracing::instrument(skip(db))]
pub async fn list(
    db: &impl ConnectionTrait,
    visible: Option<&[i32]>,
) -> BackendResult<Vec<ForumListItem>> {
    let mut query = forum::Entity::find().order_by_asc(forum::Column::Name);
    if let Some(ids) = visible {
        query = query.filter(forum::Column::Id.is_in(ids.iter().copied()));
    }
    let forums = query.all(db).await?;
    let mut counts: HashMap<i32, u64> = HashMap::new();
    for s in strategy::Entity::find()
        .filter(strategy::Column::ArchivedAt.is_null())
        .all(db)
        .await?
    {
        *counts.entry(s.forum_id).or_default() += 1;
    }
    Ok(forums
        .iter()
        .map(|f| ForumListItem {
            forum: forum_ref(f),
            strategy_count: counts.get(&f.id).copied().unwrap_or(0),
        })
        .collect())
}

/// A forum's home page: its live strategies with their statuses.
///
/// # Errors
/// [`crate::backend::error::BackendError::NotFound`] for an unknown forum; database errors.
#[tracing::instrument(skip(db))]
pub async fn home(
    db: &impl ConnectionTrait,
    slug: &str,
    today: NaiveDate,
) -> BackendResult<ForumHome> {
    let forum = forum_by_slug(db, slug).await?;
    let strategies = strategy::Entity::find()
        .filter(strategy::Column::ForumId.eq(forum.id))
        .filter(strategy::Column::ArchivedAt.is_null())
        .order_by_asc(strategy::Column::Position)
        .order_by_desc(strategy::Column::PeriodStart)
        .all(db)
        .await?;
    let partner_count = partner::Entity::find()
        .filter(partner::Column::ForumId.eq(forum.id))
        .filter(partner::Column::ArchivedAt.is_null())
        .count(db)
        .await?;
    let indicator_count = indicator::Entity::find()
        .filter(indicator::Column::ForumId.eq(forum.id))
        .filter(indicator::Column::ArchivedAt.is_null())
        .count(db)
        .await?;
    let tree = Tree::load(db, &forum, strategies, today).await?;
    let summaries = tree
        .strategies
        .iter()
        .map(|s| tree.summary(s))
        .collect::<BackendResult<Vec<_>>>()?;
    Ok(ForumHome {
        can_edit: false,
        can_record: false,
        can_review: false,
        reporting: crate::backend::progress::reporting_note(&forum, today),
        archived: Vec::new(),
        forum: forum_ref(&forum),
        strategies: summaries,
        partner_count,
        indicator_count,
    })
}

/// How many forum home pages a server process keeps.
pub const KEPT: usize = 64;

/// Forum home pages kept, by forum and date.
pub type Kept = PageCache<(i32, NaiveDate), ForumHome>;

/// [`home`] for `forum` (as the caller's request found it), handed out again from `kept` while
/// the forum's revision and row stay the same.
///
/// # Errors
/// As [`home`].
pub async fn home_kept(
    db: &impl ConnectionTrait,
    kept: &Kept,
    forum: &forum::Model,
    today: NaiveDate,
) -> BackendResult<ForumHome> {
    kept_or_built(db, kept, forum, (forum.id, today), || {
        home(db, &forum.slug, today)
    })
    .await
}
