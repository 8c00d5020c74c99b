//! The forum's indicators and an indicator's page.
use crate::api::ApiError;
use crate::domain::views::{IndicatorList, IndicatorPage};
use leptos::prelude::*;

/// The forum's indicators.
#[server]
pub async fn get_indicator_list(forum: String) -> Result<IndicatorList, ApiError> {
    let (ctx, _) = crate::api::context()?;
    Ok(crate::backend::indicators::list(&ctx.db, &forum).await?)
}

/// One indicator and the targets that measure it.
#[server]
pub async fn get_indicator_page(forum: String, id: i32) -> Result<IndicatorPage, ApiError> {
    let (ctx, today) = crate::api::context()?;
    Ok(crate::backend::indicators::page(&ctx.db, &forum, id, today).await?)
}
