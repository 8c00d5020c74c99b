//! The strategy page: themes → actions → targets with their statuses.
use crate::backend::entity::strategy;
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::plan::{forum_by_slug, forum_ref};
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
