//! An action's page.
use crate::api::ApiError;
use crate::domain::views::ActionPage;
use leptos::prelude::*;

/// An action with its partners, resources, targets and history.
#[server]
pub async fn get_action_page(forum: String, id: i32) -> Result<ActionPage, ApiError> {
    let (ctx, today) = crate::api::context()?;
    Ok(crate::backend::action_page::load(&ctx.db, &forum, id, today).await?)
}
