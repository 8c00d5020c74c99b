//! Plain HTML form posts to server functions, which work with and without JavaScript: the
//! browser posts, the server answers with a redirect (to the page the form was on, unless the
//! function names another), and a one-shot "flash" cookie carries the outcome (the message and
//! the values typed, never a password) to the page shown next.
use crate::api::ApiError;
use crate::backend::web::{RequestAuth, flash_cookie};
use crate::domain::account::{Flash, FlashKind};
use axum::http::header::{ACCEPT, SET_COOKIE};
use axum::http::{HeaderValue, request::Parts};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// Whether this request is a browser's plain form submission (a POST that accepts HTML), rather
/// than a call from the app's client code or another program (they get JSON and a status code),
/// or a page being rendered (a GET).
pub(crate) fn is_form_post() -> bool {
    use_context::<Parts>().is_some_and(|parts| {
        parts.method == axum::http::Method::POST
            && parts
                .headers
                .get(ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
    })
}

/// Adds a `Set-Cookie` header to the response.
pub(crate) fn set_cookie(value: &str) {
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(value),
    ) {
        response.append_header(SET_COOKIE, value);
    }
}

fn flash(kind: FlashKind, message: String, form: &str, fields: Vec<(&str, String)>) {
    flash_with(kind, message, form, fields, Vec::new(), Vec::new());
}

fn flash_with(
    kind: FlashKind,
    message: String,
    form: &str,
    fields: Vec<(&str, String)>,
    errors: Vec<crate::domain::plan_form::FieldError>,
    details: Vec<String>,
) {
    let https = use_context::<Parts>()
        .and_then(|p| p.extensions.get::<RequestAuth>().map(|a| a.https))
        .unwrap_or(false);
    let flash = Flash {
        kind,
        message,
        form: form.to_owned(),
        fields: fields
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect(),
        errors,
        details,
    };
    let cookie = match use_context::<crate::backend::context::AppContext>() {
        Some(ctx) if crate::backend::web::flash_too_large(&flash) => {
            ctx.flashes.keep(flash, https, chrono::Utc::now())
        }
        _ => flash_cookie(&flash, https),
    };
    set_cookie(&cookie);
}

/// The response header that tells the page's script how a form post ended (`done` or
/// `refused`), so that it clears a form that did its job and keeps one that was refused.
pub(crate) const OUTCOME_HEADER: &str = crate::components::enhance::OUTCOME_HEADER;

fn outcome(value: &'static str) {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.insert_header(
            axum::http::HeaderName::from_static(OUTCOME_HEADER),
            HeaderValue::from_static(value),
        );
    }
}

/// Reports a refused form: for a plain form post, the message and the typed `fields` go back to
/// the form's page (a lapsed session goes to the sign-in page instead); for other callers the
/// error carries its HTTP status.
pub(crate) fn fail<T>(
    error: ApiError,
    form: &str,
    fields: Vec<(&str, String)>,
) -> Result<T, ApiError> {
    if is_form_post() {
        outcome("refused");
        match error {
            ApiError::SignInRequired => leptos_axum::redirect("/sign-in"),
            ApiError::PasswordChangeRequired => leptos_axum::redirect("/account/password"),
            ApiError::Fields(ref errors) => flash_with(
                FlashKind::Error,
                "Some answers need changing: see the message next to each one. Nothing was saved."
                    .to_owned(),
                form,
                fields,
                errors.clone(),
                Vec::new(),
            ),
            ApiError::Conflict {
                ref message,
                ref changes,
            } => flash_with(
                FlashKind::Error,
                message.clone(),
                form,
                fields,
                Vec::new(),
                changes.clone(),
            ),
            ref other => flash(FlashKind::Error, other.to_string(), form, fields),
        }
    } else {
        crate::components::error_page::set_status(error.status_code());
    }
    Err(error)
}

/// Reports a form that did what it was asked: a notice for the page shown next, which is the
/// form's own page unless `to` names another.
pub(crate) fn done(message: String, form: &str, to: Option<&str>) {
    if is_form_post() {
        outcome("done");
        flash(FlashKind::Notice, message, form, Vec::new());
    }
    if let Some(path) = to {
        leptos_axum::redirect(path);
    }
}

/// Reports a form that did what it was asked with `fields` for its page to show (a link made
/// for the caller to copy, say): they travel only in the caller's own flash cookie.
pub(crate) fn done_keeping(message: String, form: &str, fields: Vec<(&str, String)>) {
    if is_form_post() {
        outcome("done");
        flash(FlashKind::Notice, message, form, fields);
    }
}

/// Ends a form's server function: on success a notice made from the result (and a redirect to
/// `to`, if given), on failure the error with the typed `fields` (see [`fail`]).
pub(crate) fn finish<T>(
    result: Result<T, ApiError>,
    form: &str,
    fields: Vec<(&str, String)>,
    notice: impl FnOnce(T) -> String,
    to: Option<&str>,
) -> Result<(), ApiError> {
    match result {
        Ok(value) => {
            done(notice(value), form, to);
            Ok(())
        }
        Err(e) => fail(e, form, fields),
    }
}

/// Runs a form's use case for someone allowed `permission` in `forum` (the guard first), and
/// reports it: the use case's notice (and its next page, if it names one) or its refusal with
/// the `kept` text for the form's page.
pub(crate) async fn guarded<F, Fut>(
    forum: &str,
    permission: crate::domain::role::Permission,
    form: &str,
    kept: Vec<(&str, String)>,
    run: F,
) -> Result<(), ApiError>
where
    F: FnOnce(crate::api::guard::ForumAccess) -> Fut,
    Fut: std::future::Future<
            Output = Result<(crate::backend::plan_edit::Saved, Option<String>), ApiError>,
        >,
{
    let result = async {
        let access = crate::api::guard::forum(forum, permission).await?;
        run(access).await
    }
    .await;
    match result {
        Ok((saved, path)) => {
            done(saved.notice(), form, path.as_deref());
            Ok(())
        }
        Err(e) => fail(e, form, kept),
    }
}
