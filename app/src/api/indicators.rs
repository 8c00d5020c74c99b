//! The forum's indicators and an indicator's page.
use crate::api::ApiError;
use crate::domain::views::{IndicatorList, IndicatorPage};
use leptos::prelude::*;

/// The forum's indicators.
#[server(endpoint = "get_indicator_list")]
pub async fn get_indicator_list(forum: String) -> Result<IndicatorList, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ViewForum).await?;
    let mut page = crate::backend::indicators::list(&a.ctx.db, &a.forum.slug).await?;
    page.can_edit = a.caller.may(a.forum.id, Permission::EditPlan);
    if page.can_edit {
        page.archived = crate::backend::plan_edit::archived(&a.ctx.db, &a.forum)
            .await?
            .2;
    }
    Ok(page)
}

/// One indicator and the targets that measure it.
#[server(endpoint = "get_indicator_page")]
pub async fn get_indicator_page(forum: String, id: i32) -> Result<IndicatorPage, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ViewForum).await?;
    let mut page = crate::backend::indicators::page(&a.ctx.db, &a.forum.slug, id, a.today).await?;
    if a.caller.may(a.forum.id, Permission::EditPlan) {
        page.edit =
            Some(crate::backend::plan_edit::indicator_fields(&a.ctx.db, &a.forum, id).await?);
    }
    Ok(page)
}
