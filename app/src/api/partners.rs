//! The partner directory and a partner's page.
use crate::api::ApiError;
use crate::domain::views::{PartnerList, PartnerPage};
use leptos::prelude::*;

/// The forum's partner agencies.
#[server(endpoint = "get_partner_list")]
pub async fn get_partner_list(forum: String) -> Result<PartnerList, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ViewForum).await?;
    let mut page = crate::backend::partners::list(&a.ctx.db, &a.forum.slug).await?;
    page.can_edit = a.caller.may(a.forum.id, Permission::EditPlan);
    if page.can_edit {
        page.archived = crate::backend::plan_edit::archived(&a.ctx.db, &a.forum)
            .await?
            .1;
    }
    Ok(page)
}

/// What one partner leads and supports.
#[server(endpoint = "get_partner_page")]
pub async fn get_partner_page(forum: String, id: i32) -> Result<PartnerPage, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ViewForum).await?;
    let mut page = crate::backend::partners::page(&a.ctx.db, &a.forum.slug, id, a.today).await?;
    if a.caller.may(a.forum.id, Permission::EditPlan) {
        page.edit = Some(crate::backend::plan_edit::partner_fields(&a.ctx.db, &a.forum, id).await?);
    }
    Ok(page)
}
