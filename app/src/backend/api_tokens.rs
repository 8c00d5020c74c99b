//! Personal API tokens for the JSON API (`/api/v1`): a coordinator (or an administrator) makes
//! one for a reporting tool, and revokes it when the tool is retired.
//!
//! - A token is `fpt_` and 43 URL-safe characters (256 random bits). Only its SHA-256 is stored;
//!   the token itself is shown once, to the person who made it, and is never logged or audited.
//! - A token reads as its owner: the forums and roles the owner has *now* (a changed role or a
//!   removed membership takes effect at once), and nothing for a disabled account. It is
//!   read-only whatever the owner's role: the API has no endpoint that writes.
//! - Making and revoking are audited (the label, never the token).
use crate::backend::accounts::Caller;
use crate::backend::accounts::audit::AuditEntry;
use crate::backend::accounts::memberships_of;
use crate::backend::entity::{api_token, app_user};
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::sessions::{id_of, new_token};
use crate::domain::account::{ApiTokenRow, ApiTokensPage};
use crate::domain::role::Role;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

/// What every token starts with, so that a leaked one is easy to recognise (and to scan for).
pub const PREFIX: &str = "fpt_";

/// The most live tokens one person may hold.
pub const MAX_LIVE: u64 = 20;

/// The longest label.
pub const MAX_LABEL: usize = 80;

/// A token just made: shown to its owner once.
#[derive(Clone, Debug)]
pub struct NewToken {
    /// The token's id.
    pub id: i32,
    /// The token itself.
    pub token: String,
}

/// Whether `caller` may make tokens: an administrator, or a coordinator of some forum.
pub fn may_hold_tokens(caller: &Caller) -> bool {
    caller.user.is_admin
        || caller
            .memberships
            .iter()
            .any(|m| m.role == Role::Coordinator)
}

/// The caller's own tokens, newest first.
///
/// # Errors
/// Database errors.
pub async fn page(db: &impl ConnectionTrait, caller: &Caller) -> BackendResult<ApiTokensPage> {
    let tokens = api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(caller.id()))
        .order_by_desc(api_token::Column::CreatedAt)
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?;
    Ok(ApiTokensPage {
        may_create: may_hold_tokens(caller),
        tokens: tokens
            .into_iter()
            .map(|t| ApiTokenRow {
                id: t.id,
                label: t.label,
                created_on: t.created_at.date_naive(),
                last_used_on: t.last_used_at.map(|d| d.date_naive()),
                revoked: t.revoked_at.is_some(),
            })
            .collect(),
        forums: caller
            .memberships
            .iter()
            .map(|m| format!("{} ({})", m.forum.name, m.role.label()))
            .collect(),
    })
}

/// Makes a token labelled `label` for `caller`.
///
/// # Errors
/// [`BackendError::Forbidden`] for someone who coordinates no forum; [`BackendError::Invalid`]
/// for a blank or too long label, or when the caller already holds [`MAX_LIVE`] live tokens;
/// database errors.
pub async fn create(
    db: &impl ConnectionTrait,
    caller: &Caller,
    label: &str,
    now: DateTime<Utc>,
) -> BackendResult<NewToken> {
    if !may_hold_tokens(caller) {
        return Err(BackendError::Forbidden(
            "Only a forum's coordinators may make API tokens.".to_owned(),
        ));
    }
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    if label.is_empty() {
        return Err(BackendError::Invalid(
            "Say what the token is for (for example “Council Power BI”), so that you know which one to revoke.".to_owned(),
        ));
    }
    if label.chars().count() > MAX_LABEL {
        return Err(BackendError::Invalid(format!(
            "The label is longer than {MAX_LABEL} characters: shorten it."
        )));
    }
    let live = api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(caller.id()))
        .filter(api_token::Column::RevokedAt.is_null())
        .count(db)
        .await?;
    if live >= MAX_LIVE {
        return Err(BackendError::Invalid(format!(
            "You already hold {MAX_LIVE} tokens: revoke one you no longer use first."
        )));
    }
    let token = format!("{PREFIX}{}", new_token()?);
    let row = api_token::ActiveModel {
        user_id: Set(caller.id()),
        token_hash: Set(id_of(&token)),
        label: Set(label.clone()),
        can_write: Set(false),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    AuditEntry {
        user_id: Some(caller.id()),
        entity_id: Some(row.id),
        new_value: Some(label),
        ..AuditEntry::new("api_token", "create")
    }
    .append(db, now)
    .await?;
    Ok(NewToken { id: row.id, token })
}

/// Revokes the caller's token `id` (at once: the next request with it is refused).
///
/// # Errors
/// [`BackendError::NotFound`] for a token that is not the caller's (another person's tokens are
/// not theirs to see); database errors. Revoking a revoked token changes nothing.
pub async fn revoke(
    db: &impl ConnectionTrait,
    caller: &Caller,
    id: i32,
    now: DateTime<Utc>,
) -> BackendResult<String> {
    let Some(token) = api_token::Entity::find_by_id(id)
        .filter(api_token::Column::UserId.eq(caller.id()))
        .one(db)
        .await?
    else {
        return Err(BackendError::NotFound("API token"));
    };
    let label = token.label.clone();
    if token.revoked_at.is_none() {
        let mut row: api_token::ActiveModel = token.into();
        row.revoked_at = Set(Some(now));
        row.update(db).await?;
        AuditEntry {
            user_id: Some(caller.id()),
            entity_id: Some(id),
            old_value: Some(label.clone()),
            ..AuditEntry::new("api_token", "revoke")
        }
        .append(db, now)
        .await?;
    }
    Ok(label)
}

/// The caller a token reads as: `None` for a malformed, unknown or revoked token, or a disabled
/// or removed account. Marks the token used (at most once a minute, so that a busy tool does
/// not write on every request).
///
/// # Errors
/// Database errors.
pub async fn caller_for_token(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> BackendResult<Option<Caller>> {
    let token = token.trim();
    if !token.starts_with(PREFIX) || token.len() != PREFIX.len() + 43 {
        return Ok(None);
    }
    let Some(row) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(id_of(token)))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(user) = app_user::Entity::find_by_id(row.user_id).one(db).await? else {
        return Ok(None);
    };
    if user.disabled_at.is_some() {
        return Ok(None);
    }
    if row
        .last_used_at
        .is_none_or(|t| now - t > Duration::minutes(1))
    {
        let mut used: api_token::ActiveModel = row.into();
        used.last_used_at = Set(Some(now));
        used.update(db).await?;
    }
    let memberships = memberships_of(db, user.id).await?;
    Ok(Some(Caller { user, memberships }))
}
