//! Server-side sessions in the application's own database: a random token in an `HttpOnly`
//! cookie, only its SHA-256 stored, with idle and absolute expiry.
use crate::backend::entity::session_record;
use crate::backend::error::{BackendError, BackendResult};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};

/// A session ends after this long without a request.
pub const IDLE_TIMEOUT: Duration = Duration::hours(2);
/// A session ends this long after sign-in, however active.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);
/// Activity is written back at most this often, so that reading a page rarely writes.
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// What a session knows: whose it is and how old it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionData {
    /// The signed-in user.
    pub user_id: i32,
    /// When the user signed in.
    pub created_at: DateTime<Utc>,
    /// The last request seen.
    pub last_seen: DateTime<Utc>,
}

impl SessionData {
    /// When the session ends if nothing more happens.
    pub fn expires_at(&self) -> DateTime<Utc> {
        (self.last_seen + IDLE_TIMEOUT).min(self.created_at + ABSOLUTE_TIMEOUT)
    }
}

/// A session just started: the token goes into the cookie and nowhere else.
#[derive(Clone, Debug)]
pub struct NewSession {
    /// The secret for the cookie (43 URL-safe characters, 256 random bits).
    pub token: String,
    /// When it ends if unused.
    pub expires_at: DateTime<Utc>,
}

/// The stored id of a token: its SHA-256, so a copy of the database holds no usable session.
pub(crate) fn id_of(token: &str) -> String {
    crate::backend::import::sha256_hex(token.as_bytes())
}

pub(crate) fn new_token() -> BackendResult<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| BackendError::Corrupt(format!("no randomness: {e}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// Starts a session for `user_id`. Always a new token: sign-in never reuses an old session id.
///
/// # Errors
/// Database errors.
pub async fn start(
    db: &impl ConnectionTrait,
    user_id: i32,
    now: DateTime<Utc>,
) -> BackendResult<NewSession> {
    let token = new_token()?;
    let data = SessionData {
        user_id,
        created_at: now,
        last_seen: now,
    };
    let expires_at = data.expires_at();
    session_record::ActiveModel {
        id: Set(id_of(&token)),
        data: Set(serde_json::to_string(&data).map_err(|e| BackendError::Corrupt(e.to_string()))?),
        expiry_date: Set(expires_at),
    }
    .insert(db)
    .await?;
    Ok(NewSession { token, expires_at })
}

/// The live session for a cookie's token, its activity recorded; None when unknown or expired
/// (an expired one is deleted).
///
/// # Errors
/// Database errors.
pub async fn resume(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> BackendResult<Option<SessionData>> {
    let id = id_of(token);
    let Some(row) = session_record::Entity::find_by_id(id.clone())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Ok(mut data) = serde_json::from_str::<SessionData>(&row.data) else {
        session_record::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    };
    if now >= data.expires_at() {
        session_record::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    if now - data.last_seen >= TOUCH_EVERY {
        data.last_seen = now;
        let mut active: session_record::ActiveModel = row.into();
        active.data =
            Set(serde_json::to_string(&data).map_err(|e| BackendError::Corrupt(e.to_string()))?);
        active.expiry_date = Set(data.expires_at());
        active.update(db).await?;
    }
    Ok(Some(data))
}

/// Ends the session of a token (sign-out). Unknown tokens are ignored.
///
/// # Errors
/// Database errors.
pub async fn end(db: &impl ConnectionTrait, token: &str) -> BackendResult<()> {
    session_record::Entity::delete_by_id(id_of(token))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes every expired session; returns how many.
///
/// # Errors
/// Database errors.
pub async fn purge_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> BackendResult<u64> {
    let result = session_record::Entity::delete_many()
        .filter(session_record::Column::ExpiryDate.lte(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
