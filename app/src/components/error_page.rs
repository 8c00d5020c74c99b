//! What a page shows when its data cannot be had, with the right HTTP status.
use crate::api::ApiError;
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the response status when rendering on the server.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = axum::http::StatusCode::from_u16(code)
    {
        options.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// A full-page error: a heading that says what happened and a way on.
#[component]
pub fn ErrorPage(error: ApiError) -> impl IntoView {
    set_status(error.status_code());
    let heading = match &error {
        ApiError::NotFound(_) => "Not found",
        ApiError::Forbidden => "Not allowed",
        ApiError::Invalid(_) => "That did not work",
        ApiError::Internal | ApiError::Transport(_) => "Something went wrong",
    };
    view! {
        <Title text=heading/>
        <h1>{heading}</h1>
        <p role="alert">{error.to_string()}</p>
        <p><a href="/">"Go to the list of forums"</a></p>
    }
}

/// The page for an address that matches no route.
#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorPage error=ApiError::NotFound("page".to_owned())/> }
}
