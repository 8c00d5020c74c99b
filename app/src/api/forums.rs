//! Forums: the list, and a forum's home page.
use crate::api::ApiError;
use crate::domain::views::{ForumHome, ForumListItem};
use leptos::prelude::*;

/// Every forum.
#[server]
pub async fn list_forums() -> Result<Vec<ForumListItem>, ApiError> {
    let (ctx, _) = crate::api::context()?;
    Ok(crate::backend::forums::list(&ctx.db).await?)
}

/// A forum's home page.
#[server]
pub async fn get_forum_home(forum: String) -> Result<ForumHome, ApiError> {
    let (ctx, today) = crate::api::context()?;
    Ok(crate::backend::forums::home(&ctx.db, &forum, today).await?)
}
