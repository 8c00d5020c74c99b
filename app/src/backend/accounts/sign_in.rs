//! Checking an e-mail address and password, and auditing every attempt.
use crate::backend::accounts::audit::AuditEntry;
use crate::backend::accounts::email::Email;
use crate::backend::accounts::password::verify_password_blocking;
use crate::backend::accounts::throttle::SignInThrottle;
use crate::backend::entity::app_user;
use crate::backend::error::BackendError;
use crate::backend::sessions::{self, NewSession};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::net::IpAddr;

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
    /// Too many failed attempts for this address or from this network address.
    #[error("too many failed sign-ins: try again in {0} minutes")]
    LockedOut(i64),
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

/// Signs in: refuses at once while `email` or `addr` is locked out, checks the password
/// ([`authenticate`]), counts a failure towards the lock-out, and starts a new session (never
/// one that existed before, so a planted session id is worthless).
///
/// # Errors
/// As [`authenticate`], and [`AuthError::LockedOut`] with the minutes to wait.
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    db: &impl ConnectionTrait,
    throttle: &SignInThrottle,
    email: &str,
    password: &str,
    addr: Option<IpAddr>,
) -> Result<(app_user::Model, NewSession), AuthError> {
    let now = Utc::now();
    if let Err(locked) = throttle.check(email, addr, now) {
        let attempted: String = email.trim().chars().take(MAX_LOGGED).collect();
        AuditEntry {
            detail: Some(format!(
                "e-mail attempted: {attempted}; locked out for {} more minutes",
                locked.minutes
            )),
            ..AuditEntry::new("app_user", "sign_in_failed")
        }
        .append(db, now)
        .await?;
        return Err(AuthError::LockedOut(locked.minutes));
    }
    match authenticate(db, email, password).await {
        Ok(user) => {
            throttle.succeeded(email);
            let session = sessions::start(db, user.id, now).await?;
            Ok((user, session))
        }
        Err(AuthError::BadCredentials) => {
            throttle.failed(email, addr, now);
            Err(AuthError::BadCredentials)
        }
        Err(other) => Err(other),
    }
}

/// Signs out: the session ends on the server (its cookie is worthless from now on). Audited.
///
/// # Errors
/// Database errors.
pub async fn sign_out(
    db: &impl ConnectionTrait,
    token: &str,
    user_id: Option<i32>,
) -> Result<(), BackendError> {
    sessions::end(db, token).await?;
    if let Some(id) = user_id {
        AuditEntry {
            user_id: Some(id),
            entity_id: Some(id),
            ..AuditEntry::new("app_user", "sign_out")
        }
        .append(db, Utc::now())
        .await?;
    }
    Ok(())
}
