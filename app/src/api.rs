//! Server functions: the only way pages reach data. Each one authorises, calls one backend use
//! case and returns a type made for the page.
pub mod action;
pub mod error;
pub mod forums;
pub mod indicators;
pub mod partners;
pub mod strategy;

pub use error::ApiError;

/// The request's application context and today's date, for server functions.
#[cfg(feature = "ssr")]
pub(crate) fn context() -> Result<(crate::backend::context::AppContext, chrono::NaiveDate), ApiError>
{
    let ctx =
        leptos::prelude::use_context::<crate::backend::context::AppContext>().ok_or_else(|| {
            tracing::error!("server function called without the application context");
            ApiError::Internal
        })?;
    Ok((ctx, chrono::Utc::now().date_naive()))
}
