//! A strategy's page.
use crate::api::ApiError;
use crate::domain::views::StrategyPage;
use leptos::prelude::*;

/// A strategy with its themes, actions, targets and statuses.
#[server]
pub async fn get_strategy_page(forum: String, strategy: String) -> Result<StrategyPage, ApiError> {
    let (ctx, today) = crate::api::context()?;
    Ok(crate::backend::strategy_page::load(&ctx.db, &forum, &strategy, today).await?)
}
