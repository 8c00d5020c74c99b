//! An action's page and its history.
use crate::api::ApiError;
use crate::domain::account::HistoryPage;
use crate::domain::views::ActionPage;
use leptos::prelude::*;

/// An action with its partners, resources, targets and history.
#[server(endpoint = "get_action_page")]
pub async fn get_action_page(forum: String, id: i32) -> Result<ActionPage, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ViewForum).await?;
    let mut page =
        crate::backend::action_page::load_kept(&a.ctx.db, &a.ctx.actions, &a.forum, id, a.today)
            .await?;
    page.can_view_history = a.caller.may(a.forum.id, Permission::ViewHistory);
    page.can_edit = a.caller.may(a.forum.id, Permission::EditPlan);
    Ok(page)
}

/// Who changed what in an action and its targets, newest first (coordinators).
#[server(endpoint = "get_action_history")]
pub async fn get_action_history(forum: String, id: i32) -> Result<HistoryPage, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ViewHistory).await?;
    Ok(crate::backend::audit_log::action_history(&a.ctx.db, &a.forum, id).await?)
}
