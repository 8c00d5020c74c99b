//! What a page shows when its data cannot be had, with the right HTTP status.
use crate::api::ApiError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

/// Sets the response status when rendering on the server. Not for a browser's plain form post:
/// that is always answered with a redirect (the outcome travels in the flash cookie), which a
/// status set here would replace.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if crate::api::form::is_form_post() {
        return;
    }
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = axum::http::StatusCode::from_u16(code)
    {
        options.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// `/sign-in?next=<this page>`, so that signing in comes back here.
fn sign_in_path() -> String {
    let location = use_location();
    let here = format!(
        "{}{}",
        location.pathname.get_untracked(),
        location.search.get_untracked()
    );
    let query: String = url_encode(&here);
    format!("/sign-in?next={query}")
}

/// Percent-encodes everything but unreserved characters and '/'.
fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A full-page error: a heading that says what happened and a way on. A lapsed session goes to
/// the sign-in page (and back here after), a one-time password to the page that replaces it.
#[component]
pub fn ErrorPage(error: ApiError) -> impl IntoView {
    match error {
        ApiError::SignInRequired => {
            return view! { <Redirect path=sign_in_path()/> }.into_any();
        }
        ApiError::PasswordChangeRequired => {
            return view! { <Redirect path="/account/password"/> }.into_any();
        }
        _ => {}
    }
    set_status(error.status_code());
    let heading = match &error {
        ApiError::NotFound(_) => "Not found",
        ApiError::NoForumAccess => "No access",
        ApiError::Forbidden => "Not allowed",
        ApiError::Invalid(_) | ApiError::Fields(_) => "That did not work",
        ApiError::Conflict { .. } => "Changed by someone else",
        ApiError::TooManyAttempts(_) => "Too many attempts",
        ApiError::SignInRequired | ApiError::PasswordChangeRequired => "Please sign in",
        ApiError::Internal | ApiError::Transport(_) => "Something went wrong",
    };
    view! {
        <Title text=heading/>
        <h1>{heading}</h1>
        <p role="alert">{error.to_string()}</p>
        <p><a href="/">"Go to your forums"</a></p>
    }
    .into_any()
}

/// The page for an address that matches no route.
#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorPage error=ApiError::NotFound("page".to_owned())/> }
}

#[cfg(test)]
mod tests {
    use super::url_encode;

    #[test]
    fn the_return_path_is_encoded_for_a_query() {
        assert_eq!(url_encode("/forums/a b?x=1&y"), "/forums/a%20b%3Fx%3D1%26y");
    }
}
