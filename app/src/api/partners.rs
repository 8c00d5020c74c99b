//! The partner directory and a partner's page.
use crate::api::ApiError;
use crate::domain::views::{PartnerList, PartnerPage};
use leptos::prelude::*;

/// The forum's partner agencies.
#[server(endpoint = "get_partner_list")]
pub async fn get_partner_list(forum: String) -> Result<PartnerList, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ViewForum).await?;
    Ok(crate::backend::partners::list(&a.ctx.db, &a.forum.slug).await?)
}

/// What one partner leads and supports.
#[server(endpoint = "get_partner_page")]
pub async fn get_partner_page(forum: String, id: i32) -> Result<PartnerPage, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ViewForum).await?;
    Ok(crate::backend::partners::page(&a.ctx.db, &a.forum.slug, id, a.today).await?)
}
