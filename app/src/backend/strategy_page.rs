//! The strategy page: themes → actions → targets with their statuses.
use crate::backend::entity::{forum, strategy};
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::plan::{forum_by_slug, forum_ref};
use crate::backend::revision::{PageCache, kept_or_built};
use crate::backend::tree::Tree;
use crate::domain::views::StrategyPage;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Loads a strategy of a forum by their URL names.
///
/// # Errors
/// [`BackendError::NotFound`] when the forum or the strategy does not exist.
#[tracing::instrument(skip(db))]
pub async fn load(
    db: &impl ConnectionTrait,
    forum_slug: &str,
    strategy_slug: &str,
    today: NaiveDate,
) -> BackendResult<StrategyPage> {
    let forum = forum_by_slug(db, forum_slug).await?;
    let strategy = strategy::Entity::find()
        .filter(strategy::Column::ForumId.eq(forum.id))
        .filter(strategy::Column::Slug.eq(strategy_slug))
        .one(db)
        .await?
        .ok_or(BackendError::NotFound("strategy"))?;
    let tree = Tree::load(db, &forum, vec![strategy.clone()], today).await?;
    let themes = tree.theme_views(&strategy)?;
    Ok(StrategyPage {
        can_edit: false,
        forum: forum_ref(&forum),
        summary: tree.summary_of(&strategy, &themes),
        aims: strategy.aims.clone(),
        source: strategy.source.clone(),
        themes,
    })
}

/// How many strategy pages a server process keeps.
pub const KEPT: usize = 64;

/// Strategy pages kept, by forum, strategy and date.
pub type Kept = PageCache<(i32, String, NaiveDate), StrategyPage>;

/// [`load`] for `forum` (as the caller's request found it), handed out again from `kept` while
/// the forum's revision and row stay the same.
///
/// # Errors
/// As [`load`].
pub async fn load_kept(
    db: &impl ConnectionTrait,
    kept: &Kept,
    forum: &forum::Model,
    strategy_slug: &str,
    today: NaiveDate,
) -> BackendResult<StrategyPage> {
    let key = (forum.id, strategy_slug.to_owned(), today);
    kept_or_built(db, kept, forum, key, || {
        load(db, &forum.slug, strategy_slug, today)
    })
    .await
}
