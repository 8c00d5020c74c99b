//! The backend's one error type.
use sea_orm::DbErr;

/// What can go wrong in a backend use case.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    /// The thing asked for does not exist (or is not visible to the caller).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The input was refused; the message says what to change.
    #[error("{0}")]
    Invalid(String),
    /// Some fields of a form were refused; each message goes next to its field.
    #[error("{} fields refused", .0.len())]
    Fields(Vec<crate::domain::plan_form::FieldError>),
    /// The caller's role allows this kind of thing, but not on this record (a member recording
    /// for an action its agency neither leads nor supports).
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// A save made from a stale page: someone else changed the record since it was read.
    #[error("{message}")]
    Conflict {
        /// What happened and what to do.
        message: String,
        /// What changed meanwhile, one sentence each, oldest first.
        changes: Vec<String>,
    },
    /// The database failed.
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    /// Stored data broke an invariant the code relies on.
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
}

/// Result of a backend use case.
pub type BackendResult<T> = Result<T, BackendError>;
