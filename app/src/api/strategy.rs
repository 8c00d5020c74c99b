//! A strategy's page.
use crate::api::ApiError;
use crate::domain::views::StrategyPage;
use leptos::prelude::*;

/// A strategy with its themes, actions, targets and statuses.
#[server(endpoint = "get_strategy_page")]
pub async fn get_strategy_page(forum: String, strategy: String) -> Result<StrategyPage, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ViewForum).await?;
    let mut page = crate::backend::strategy_page::load_kept(
        &a.ctx.db,
        &a.ctx.strategies,
        &a.forum,
        &strategy,
        a.today,
    )
    .await?;
    page.can_edit = a.caller.may(a.forum.id, Permission::EditPlan);
    Ok(page)
}
