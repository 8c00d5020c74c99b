//! Forums: the list, and a forum's home page.
use crate::api::ApiError;
use crate::domain::views::{ForumHome, ForumListItem};
use leptos::prelude::*;

/// The forums the caller belongs to (every forum for an administrator).
#[server(endpoint = "list_forums")]
pub async fn list_forums() -> Result<Vec<ForumListItem>, ApiError> {
    let access = crate::api::guard::signed_in().await?;
    let visible = access.caller.visible_forums();
    Ok(crate::backend::forums::list(&access.ctx.db, visible.as_deref()).await?)
}

/// A forum's home page.
#[server(endpoint = "get_forum_home")]
pub async fn get_forum_home(forum: String) -> Result<ForumHome, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ViewForum).await?;
    let mut page =
        crate::backend::forums::home_kept(&a.ctx.db, &a.ctx.homes, &a.forum, a.today).await?;
    page.can_edit = a.caller.may(a.forum.id, Permission::EditPlan);
    page.can_record = a.caller.may(a.forum.id, Permission::RecordUpdate);
    page.can_review = a.caller.may(a.forum.id, Permission::ReviewUpdates);
    if page.can_edit {
        page.archived = crate::backend::plan_edit::archived(&a.ctx.db, &a.forum)
            .await?
            .0;
    }
    Ok(page)
}
