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
    /// The input was refused; the message says what to change.
    #[error("{0}")]
    Invalid(String),
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
            ApiError::Forbidden => 403,
            ApiError::Invalid(_) => 422,
            ApiError::Internal => 500,
            ApiError::Transport(_) => 502,
        }
    }
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        ApiError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<crate::backend::error::BackendError> for ApiError {
    fn from(e: crate::backend::error::BackendError) -> Self {
        use crate::backend::error::BackendError;
        match e {
            BackendError::NotFound(what) => ApiError::NotFound(what.to_owned()),
            BackendError::Invalid(message) => ApiError::Invalid(message),
            other => {
                tracing::error!(error = %other, "backend failure");
                ApiError::Internal
            }
        }
    }
}
