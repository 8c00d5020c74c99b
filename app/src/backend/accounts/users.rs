//! Adding accounts and their memberships of forums, and reading a user's memberships.
use crate::backend::accounts::audit::AuditEntry;
use crate::backend::accounts::email::Email;
use crate::backend::accounts::password::{Password, hash_password_blocking};
use crate::backend::entity::{app_user, forum, membership, partner};
use crate::backend::error::{BackendError, BackendResult};
use crate::domain::role::Role;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, SqlErr,
    TransactionSession, TransactionTrait,
};
use std::collections::HashMap;

/// The longest personal name accepted.
const MAX_NAME: usize = 200;

/// A new account, with its membership of one forum when `forum_id` and `role` are given.
#[derive(Debug)]
pub struct NewUser {
    /// The address the person signs in with.
    pub email: Email,
    /// The person's name, as shown to others.
    pub name: String,
    /// The first password (already checked against the policy).
    pub password: Password,
    /// Whether the account administers the whole installation.
    pub is_admin: bool,
    /// The forum the person joins, if any.
    pub forum_id: Option<i32>,
    /// The person's role in that forum.
    pub role: Option<Role>,
    /// The partner agency the person works for in that forum (required for a member).
    pub partner_id: Option<i32>,
    /// Whether the first password is a one-time password, to be changed at first sign-in.
    pub must_change_password: bool,
}

/// One forum a user belongs to, with their role there and their agency.
#[derive(Clone, Debug, PartialEq)]
pub struct MembershipOf {
    /// The forum.
    pub forum: forum::Model,
    /// The user's role in it.
    pub role: Role,
    /// The partner agency the user works for there, if any.
    pub partner: Option<partner::Model>,
}

fn duplicate(email: &Email) -> BackendError {
    BackendError::Invalid(format!(
        "an account with the e-mail address {email} already exists"
    ))
}

/// Creates an account and, when a forum and role are given, its membership of the forum, in one
/// transaction, and audits it; `actor` is the user doing it (`None`: the command line).
///
/// # Errors
/// [`BackendError::Invalid`] for an empty name, a duplicate e-mail address, a role without a
/// forum (or the reverse), a member without a partner, or a partner that is not one of the
/// forum's live partners; database errors. Nothing is written when it fails.
#[tracing::instrument(skip_all, fields(email = %new.email, forum_id = ?new.forum_id, role = ?new.role))]
pub async fn add_user(
    db: &impl TransactionTrait,
    new: NewUser,
    actor: Option<i32>,
) -> BackendResult<app_user::Model> {
    let name = new.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(BackendError::Invalid(
            "the person's name is empty: give their name".to_owned(),
        ));
    }
    if name.chars().count() > MAX_NAME {
        return Err(BackendError::Invalid(format!(
            "the person's name is longer than {MAX_NAME} characters"
        )));
    }
    let membership = match (new.forum_id, new.role) {
        (Some(forum_id), Some(role)) => Some((forum_id, role)),
        (None, None) if new.partner_id.is_some() => {
            return Err(BackendError::Invalid(
                "a partner agency needs a forum and a role to go with it".to_owned(),
            ));
        }
        (None, None) => None,
        (Some(_), None) => {
            return Err(BackendError::Invalid(
                "give the person's role in the forum (coordinator, member or viewer)".to_owned(),
            ));
        }
        (None, Some(role)) => {
            return Err(BackendError::Invalid(format!(
                "a {} needs a forum: say which forum the role is in",
                role.as_str()
            )));
        }
    };
    // Hash before the transaction: it is slow, and SQLite would be locked meanwhile.
    let password_hash = hash_password_blocking(new.password).await?;

    let txn = crate::backend::db::write(db).await?;
    if app_user::Entity::find()
        .filter(app_user::Column::Email.eq(new.email.as_str()))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(duplicate(&new.email));
    }
    let joined = match membership {
        Some((forum_id, role)) => {
            Some(check_membership(&txn, forum_id, role, new.partner_id).await?)
        }
        None => None,
    };
    let now = Utc::now();
    let user = app_user::ActiveModel {
        email: Set(new.email.as_str().to_owned()),
        name: Set(name),
        password_hash: Set(Some(password_hash)),
        is_admin: Set(new.is_admin),
        must_change_password: Set(new.must_change_password),
        disabled_at: Set(None),
        created_at: Set(now),
        last_sign_in_at: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => duplicate(&new.email),
        _ => e.into(),
    })?;

    let mut description = format!("{} <{}>", user.name, user.email);
    if user.is_admin {
        description.push_str(", administrator");
    }
    if let Some((f, role, p)) = &joined {
        let row = membership::ActiveModel {
            user_id: Set(user.id),
            forum_id: Set(f.id),
            role: Set(role.as_str().to_owned()),
            partner_id: Set(p.as_ref().map(|p| p.id)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let what = describe_membership(f, *role, p.as_ref());
        description.push_str(&format!(", {what}"));
        AuditEntry {
            forum_id: Some(f.id),
            user_id: actor,
            entity_id: Some(row.id),
            new_value: Some(format!("{} <{}>: {what}", user.name, user.email)),
            ..AuditEntry::new("membership", "create")
        }
        .append(&txn, now)
        .await?;
    }
    AuditEntry {
        forum_id: joined.as_ref().map(|(f, _, _)| f.id),
        user_id: actor,
        entity_id: Some(user.id),
        new_value: Some(description),
        ..AuditEntry::new("app_user", "create")
    }
    .append(&txn, now)
    .await?;
    txn.commit().await?;
    Ok(user)
}

/// "coordinator of Forum", "member of Forum for Partner".
fn describe_membership(f: &forum::Model, role: Role, p: Option<&partner::Model>) -> String {
    match p {
        Some(p) => format!("{} of {} for {}", role.as_str(), f.name, p.name),
        None => format!("{} of {}", role.as_str(), f.name),
    }
}

/// The forum and partner a new membership names, checked: the forum exists, a member names a
/// partner, and the partner is a live partner of that forum.
pub(crate) async fn check_membership(
    txn: &impl ConnectionTrait,
    forum_id: i32,
    role: Role,
    partner_id: Option<i32>,
) -> BackendResult<(forum::Model, Role, Option<partner::Model>)> {
    let Some(f) = forum::Entity::find_by_id(forum_id).one(txn).await? else {
        return Err(BackendError::Invalid(format!(
            "there is no forum with id {forum_id}"
        )));
    };
    let partner = match partner_id {
        None if role == Role::Member => {
            return Err(BackendError::Invalid(format!(
                "a member records updates for one partner agency: say which partner of \"{}\" they work for",
                f.name
            )));
        }
        None => None,
        Some(id) => {
            let p = partner::Entity::find_by_id(id).one(txn).await?;
            match p {
                Some(p) if p.forum_id == f.id && p.archived_at.is_none() => Some(p),
                Some(p) if p.forum_id == f.id => {
                    return Err(BackendError::Invalid(format!(
                        "the partner \"{}\" is archived in \"{}\"",
                        p.name, f.name
                    )));
                }
                _ => {
                    return Err(BackendError::Invalid(format!(
                        "that partner is not one of the partners of \"{}\"",
                        f.name
                    )));
                }
            }
        }
    };
    Ok((f, role, partner))
}

/// The forums `user_id` belongs to, by forum name, with the role and agency in each.
///
/// # Errors
/// [`BackendError::Corrupt`] for a stored role that is not known; database errors.
#[tracing::instrument(skip(db))]
pub async fn memberships_of(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> BackendResult<Vec<MembershipOf>> {
    let rows = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    let forums: HashMap<i32, forum::Model> = forum::Entity::find()
        .filter(forum::Column::Id.is_in(rows.iter().map(|m| m.forum_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    let partners: HashMap<i32, partner::Model> = partner::Entity::find()
        .filter(partner::Column::Id.is_in(rows.iter().filter_map(|m| m.partner_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut out = rows
        .into_iter()
        .map(|m| {
            let forum = forums.get(&m.forum_id).cloned().ok_or_else(|| {
                BackendError::Corrupt(format!("membership {} names no forum", m.id))
            })?;
            let role = m
                .role
                .parse::<Role>()
                .map_err(|e| BackendError::Corrupt(format!("membership {}: {e}", m.id)))?;
            Ok(MembershipOf {
                forum,
                role,
                partner: m.partner_id.and_then(|id| partners.get(&id).cloned()),
            })
        })
        .collect::<BackendResult<Vec<_>>>()?;
    out.sort_by(|a, b| a.forum.name.cmp(&b.forum.name));
    Ok(out)
}
