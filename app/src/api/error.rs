//! The error every server function returns, mapped once from the backend's.
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What a page is told when a server function fails: says what happened, leaks nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ApiError {
    /// The thing does not exist, or the caller may not know it exists.
    #[error(
        "Not found: there is no {0} at this address. Check the link, or start again from the list of forums."
    )]
    NotFound(String),
    /// The caller may not do this.
    #[error("You do not have permission to do this.")]
    Forbidden,
    /// Nobody is signed in (or the session has ended).
    #[error("Please sign in to see this page.")]
    SignInRequired,
    /// The caller has no role in the forum, or there is no such forum: deliberately the same.
    #[error(
        "You do not have access to this forum, or there is no forum at this address. If you need access, ask the forum's coordinator."
    )]
    NoForumAccess,
    /// The caller is on a one-time password and must choose their own first.
    #[error("Please choose a new password before you go on.")]
    PasswordChangeRequired,
    /// Too many failed sign-ins.
    #[error("Too many failed sign-ins. Try again in {0} minutes.")]
    TooManyAttempts(i64),
    /// The input was refused; the message says what to change.
    #[error("{0}")]
    Invalid(String),
    /// Some fields of a form were refused; each message goes next to its field.
    #[error("{}", fields_summary(.0))]
    Fields(Vec<crate::domain::plan_form::FieldError>),
    /// A save made from a stale page was refused; says what changed meanwhile.
    #[error("{message}")]
    Conflict {
        /// What happened and what to do.
        message: String,
        /// What changed meanwhile, one sentence each.
        changes: Vec<String>,
    },
    /// Something failed on the server; the details are in the server log.
    #[error(
        "Something went wrong on the server. It has been logged; please try again in a moment."
    )]
    Internal,
    /// The request did not reach the server or its answer could not be read.
    #[error("Could not reach ForumPlan ({0}). Check your connection and try again.")]
    Transport(String),
}

impl ApiError {
    /// The HTTP status that goes with this error.
    pub fn status_code(&self) -> u16 {
        match self {
            ApiError::NotFound(_) => 404,
            ApiError::Forbidden | ApiError::NoForumAccess | ApiError::PasswordChangeRequired => 403,
            ApiError::SignInRequired => 401,
            ApiError::TooManyAttempts(_) => 429,
            ApiError::Invalid(_) | ApiError::Fields(_) => 422,
            ApiError::Conflict { .. } => 409,
            ApiError::Internal => 500,
            ApiError::Transport(_) => 502,
        }
    }

    /// A plain-text response with this error's status and message (for routes outside Leptos).
    #[cfg(feature = "ssr")]
    pub fn into_response_plain(self) -> axum::response::Response {
        use axum::response::IntoResponse;
        let status = axum::http::StatusCode::from_u16(self.status_code())
            .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        (status, self.to_string()).into_response()
    }
}

fn fields_summary(errors: &[crate::domain::plan_form::FieldError]) -> String {
    let mut out = String::from("Please correct the form:");
    for e in errors {
        out.push(' ');
        out.push_str(&e.message);
    }
    out
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        ApiError::Transport(value.to_string())
    }
}

/// A backend message ("the name is empty: give a name") as a sentence for a page.
#[cfg(feature = "ssr")]
fn sentence(message: &str) -> String {
    let mut chars = message.trim().chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

#[cfg(feature = "ssr")]
impl From<crate::backend::error::BackendError> for ApiError {
    /// Also sets the response's HTTP status, so that a server function's failure is never a
    /// bare 500 (the conversion happens inside the request that failed).
    fn from(e: crate::backend::error::BackendError) -> Self {
        use crate::backend::error::BackendError;
        let error = match e {
            BackendError::NotFound(what) => ApiError::NotFound(what.to_owned()),
            BackendError::Invalid(message) => ApiError::Invalid(sentence(&message)),
            BackendError::Fields(errors) => ApiError::Fields(errors),
            BackendError::Forbidden(_) => ApiError::Forbidden,
            BackendError::Conflict { message, changes } => ApiError::Conflict { message, changes },
            other => {
                tracing::error!(error = %other, "backend failure");
                ApiError::Internal
            }
        };
        crate::components::error_page::set_status(error.status_code());
        error
    }
}
