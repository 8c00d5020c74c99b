//! Checking an e-mail address and password, and auditing every attempt.
use crate::backend::accounts::audit::AuditEntry;
use crate::backend::accounts::email::Email;
use crate::backend::accounts::password::verify_password_blocking;
use crate::backend::entity::app_user;
use crate::backend::error::BackendError;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The most characters of an attempted e-mail address kept in the audit log.
const MAX_LOGGED: usize = 254;

/// Why a sign-in was refused.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// The e-mail address is unknown or the password is wrong: deliberately the same answer, so
    /// that nobody can find out which addresses have accounts.
    #[error("the e-mail address or the password is not right")]
    BadCredentials,
    /// The password was right but the account is disabled.
    #[error("this account is disabled: ask an administrator if you still need it")]
    Disabled,
    /// The database (or the password check) failed.
    #[error(transparent)]
    Backend(#[from] BackendError),
}

/// Checks a sign-in and returns the account. Every attempt is audited (`sign_in` or
/// `sign_in_failed`, with the e-mail address attempted; never the password).
///
/// An unknown address takes as long as a wrong password (the password is checked against a
/// dummy hash) and gives the same error; a disabled account is refused only once the password
/// is right, so that the refusal tells nothing to someone who does not know it.
///
/// # Errors
/// [`AuthError::BadCredentials`], [`AuthError::Disabled`], or [`AuthError::Backend`] when the
/// database fails.
#[tracing::instrument(skip_all)]
pub async fn authenticate(
    db: &impl ConnectionTrait,
    email: &str,
    password: &str,
) -> Result<app_user::Model, AuthError> {
    let attempted: String = email.trim().chars().take(MAX_LOGGED).collect();
    let user = match Email::parse(email) {
        Ok(e) => app_user::Entity::find()
            .filter(app_user::Column::Email.eq(e.as_str()))
            .one(db)
            .await
            .map_err(BackendError::from)?,
        Err(_) => None,
    };
    let hash = user.as_ref().and_then(|u| u.password_hash.as_deref());
    let matched = verify_password_blocking(password, hash).await?;
    let now = Utc::now();
    let failed = |user_id: Option<i32>, reason: &str| AuditEntry {
        entity_id: user_id,
        detail: Some(format!("e-mail attempted: {attempted}; {reason}")),
        ..AuditEntry::new("app_user", "sign_in_failed")
    };
    let Some(mut user) = user else {
        failed(None, "no such account").append(db, now).await?;
        return Err(AuthError::BadCredentials);
    };
    if !matched {
        failed(Some(user.id), "wrong password")
            .append(db, now)
            .await?;
        return Err(AuthError::BadCredentials);
    }
    if user.disabled_at.is_some() {
        failed(Some(user.id), "account disabled")
            .append(db, now)
            .await?;
        return Err(AuthError::Disabled);
    }
    // Only the sign-in time: not an edit of the account, so its version stays.
    app_user::Entity::update_many()
        .col_expr(app_user::Column::LastSignInAt, Expr::value(now))
        .filter(app_user::Column::Id.eq(user.id))
        .exec(db)
        .await
        .map_err(BackendError::from)?;
    user.last_sign_in_at = Some(now);
    AuditEntry {
        user_id: Some(user.id),
        entity_id: Some(user.id),
        detail: Some(format!("e-mail: {}", user.email)),
        ..AuditEntry::new("app_user", "sign_in")
    }
    .append(db, now)
    .await?;
    Ok(user)
}
