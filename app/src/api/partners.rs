//! The partner directory and a partner's page.
use crate::api::ApiError;
use crate::domain::views::{PartnerList, PartnerPage};
use leptos::prelude::*;

/// The forum's partner agencies.
#[server]
pub async fn get_partner_list(forum: String) -> Result<PartnerList, ApiError> {
    let (ctx, _) = crate::api::context()?;
    Ok(crate::backend::partners::list(&ctx.db, &forum).await?)
}

/// What one partner leads and supports.
#[server]
pub async fn get_partner_page(forum: String, id: i32) -> Result<PartnerPage, ApiError> {
    let (ctx, today) = crate::api::context()?;
    Ok(crate::backend::partners::page(&ctx.db, &forum, id, today).await?)
}
