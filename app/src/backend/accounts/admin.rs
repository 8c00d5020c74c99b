//! What an administrator does to accounts: list them, change a role, disable or enable, reset a
//! password; and what anyone does to their own: change their password. Every change is audited
//! with its old and new value, and refused when the account changed since the page was read.
use crate::backend::accounts::audit::AuditEntry;
use crate::backend::accounts::password::{
    Password, hash_password_blocking, verify_password_blocking,
};
use crate::backend::accounts::users::check_membership;
use crate::backend::entity::{app_user, forum, membership, partner};
use crate::backend::error::{BackendError, BackendResult};
use crate::domain::account::{ForumChoice, MembershipRow, UserRow, UsersPage};
use crate::domain::role::Role;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};
use std::collections::HashMap;

/// Every account with its memberships, and every forum with its live partners.
///
/// # Errors
/// [`BackendError::Corrupt`] for a stored role that is not known; database errors.
#[tracing::instrument(skip(db))]
pub async fn users_page(db: &impl ConnectionTrait) -> BackendResult<UsersPage> {
    let users = app_user::Entity::find()
        .order_by_asc(app_user::Column::Name)
        .all(db)
        .await?;
    let forums = forum::Entity::find()
        .order_by_asc(forum::Column::Name)
        .all(db)
        .await?;
    let partners = partner::Entity::find()
        .filter(partner::Column::ArchivedAt.is_null())
        .order_by_asc(partner::Column::Name)
        .all(db)
        .await?;
    let memberships = membership::Entity::find().all(db).await?;
    let forum_names: HashMap<i32, &str> = forums.iter().map(|f| (f.id, f.name.as_str())).collect();
    let partner_names: HashMap<i32, &str> =
        partners.iter().map(|p| (p.id, p.name.as_str())).collect();
    let mut by_user: HashMap<i32, Vec<MembershipRow>> = HashMap::new();
    for m in memberships {
        let role = m
            .role
            .parse::<Role>()
            .map_err(|e| BackendError::Corrupt(format!("membership {}: {e}", m.id)))?;
        by_user.entry(m.user_id).or_default().push(MembershipRow {
            forum_id: m.forum_id,
            forum: forum_names
                .get(&m.forum_id)
                .copied()
                .unwrap_or("?")
                .to_owned(),
            role,
            partner: m
                .partner_id
                .and_then(|id| partner_names.get(&id).map(|n| (*n).to_owned())),
        });
    }
    let users = users
        .into_iter()
        .map(|u| {
            let mut memberships = by_user.remove(&u.id).unwrap_or_default();
            memberships.sort_by(|a, b| a.forum.cmp(&b.forum));
            UserRow {
                id: u.id,
                name: u.name,
                email: u.email,
                is_admin: u.is_admin,
                disabled: u.disabled_at.is_some(),
                must_change_password: u.must_change_password,
                last_sign_in_at: u.last_sign_in_at,
                version: u.version,
                memberships,
            }
        })
        .collect();
    let forums = forums
        .iter()
        .map(|f| ForumChoice {
            id: f.id,
            name: f.name.clone(),
            partners: partners
                .iter()
                .filter(|p| p.forum_id == f.id)
                .map(|p| (p.id, p.name.clone()))
                .collect(),
        })
        .collect();
    Ok(UsersPage { users, forums })
}

/// The account, locked against other writers: bumps its version when it is still `version`.
async fn claim(
    db: &impl ConnectionTrait,
    user_id: i32,
    version: i32,
) -> BackendResult<app_user::Model> {
    let Some(user) = app_user::Entity::find_by_id(user_id).one(db).await? else {
        return Err(BackendError::NotFound("account"));
    };
    let updated = app_user::Entity::update_many()
        .col_expr(app_user::Column::Version, Expr::value(version + 1))
        .filter(app_user::Column::Id.eq(user_id))
        .filter(app_user::Column::Version.eq(version))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        return Err(BackendError::Invalid(format!(
            "the account of {} was changed by someone else since you opened this page: \
             reload the page to see the change, then make yours again",
            user.name
        )));
    }
    Ok(user)
}

/// Gives `user_id` the role `role` in forum `forum_id` (with agency `partner_id` for a member),
/// or removes them from the forum when `role` is None.
///
/// # Errors
/// [`BackendError::Invalid`] when the account changed since `version`, or the role is not
/// valid (a member without an agency, an agency of another forum); database errors.
#[tracing::instrument(skip(db))]
pub async fn set_role(
    db: &impl TransactionTrait,
    actor: i32,
    user_id: i32,
    version: i32,
    forum_id: i32,
    role: Option<Role>,
    partner_id: Option<i32>,
) -> BackendResult<()> {
    let txn = crate::backend::db::write(db).await?;
    let user = claim(&txn, user_id, version).await?;
    let existing = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::ForumId.eq(forum_id))
        .one(&txn)
        .await?;
    let old = match &existing {
        Some(m) => Some(describe(&txn, m.role.clone(), m.partner_id).await?),
        None => None,
    };
    let now = Utc::now();
    let (entity_id, new) = match role {
        None => {
            let Some(m) = existing else {
                return Err(BackendError::Invalid(format!(
                    "{} has no role in that forum to remove",
                    user.name
                )));
            };
            membership::Entity::delete_by_id(m.id).exec(&txn).await?;
            (m.id, None)
        }
        Some(role) => {
            let (f, role, p) = check_membership(&txn, forum_id, role, partner_id).await?;
            let partner_id = p.as_ref().map(|p| p.id);
            let id = match existing {
                Some(m) => {
                    let mut active: membership::ActiveModel = m.into();
                    active.role = Set(role.as_str().to_owned());
                    active.partner_id = Set(partner_id);
                    active.update(&txn).await?.id
                }
                None => {
                    membership::ActiveModel {
                        user_id: Set(user_id),
                        forum_id: Set(f.id),
                        role: Set(role.as_str().to_owned()),
                        partner_id: Set(partner_id),
                        created_at: Set(now),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?
                    .id
                }
            };
            (
                id,
                Some(describe(&txn, role.as_str().to_owned(), partner_id).await?),
            )
        }
    };
    if old == new {
        return Err(BackendError::Invalid(format!(
            "{} already has that role: nothing changed",
            user.name
        )));
    }
    let action = match (&old, &new) {
        (None, _) => "create",
        (_, None) => "delete",
        _ => "update",
    };
    AuditEntry {
        forum_id: Some(forum_id),
        user_id: Some(actor),
        entity_id: Some(entity_id),
        field: Some("role".to_owned()),
        old_value: old,
        new_value: new,
        detail: Some(format!("{} <{}>", user.name, user.email)),
        ..AuditEntry::new("membership", action)
    }
    .append(&txn, now)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// "member for West Midlands Police", "viewer".
async fn describe(
    db: &impl ConnectionTrait,
    role: String,
    partner_id: Option<i32>,
) -> BackendResult<String> {
    let partner = match partner_id {
        Some(id) => partner::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    Ok(match partner {
        Some(p) => format!("{role} for {}", p.name),
        None => role,
    })
}

/// Disables an account (it can no longer sign in and its sessions stop) or enables it again.
///
/// # Errors
/// [`BackendError::Invalid`] for disabling one's own account or a stale `version`; database errors.
#[tracing::instrument(skip(db))]
pub async fn set_disabled(
    db: &impl TransactionTrait,
    actor: i32,
    user_id: i32,
    version: i32,
    disabled: bool,
) -> BackendResult<()> {
    if disabled && actor == user_id {
        return Err(BackendError::Invalid(
            "you cannot disable your own account: ask another administrator".to_owned(),
        ));
    }
    let txn = crate::backend::db::write(db).await?;
    let user = claim(&txn, user_id, version).await?;
    if user.disabled_at.is_some() == disabled {
        return Err(BackendError::Invalid(format!(
            "the account of {} is already {}",
            user.name,
            if disabled { "disabled" } else { "enabled" }
        )));
    }
    let now = Utc::now();
    app_user::Entity::update_many()
        .col_expr(
            app_user::Column::DisabledAt,
            Expr::value(if disabled { Some(now) } else { None }),
        )
        .filter(app_user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    let state = |d: bool| if d { "disabled" } else { "enabled" }.to_owned();
    AuditEntry {
        user_id: Some(actor),
        entity_id: Some(user_id),
        field: Some("disabled".to_owned()),
        old_value: Some(state(!disabled)),
        new_value: Some(state(disabled)),
        detail: Some(format!("{} <{}>", user.name, user.email)),
        ..AuditEntry::new("app_user", if disabled { "disable" } else { "enable" })
    }
    .append(&txn, now)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets a one-time password that the person must change at their next sign-in.
///
/// # Errors
/// [`BackendError::Invalid`] for a stale `version`; database errors.
#[tracing::instrument(skip(db, password))]
pub async fn reset_password(
    db: &impl TransactionTrait,
    actor: i32,
    user_id: i32,
    version: i32,
    password: Password,
) -> BackendResult<()> {
    let hash = hash_password_blocking(password).await?;
    let txn = crate::backend::db::write(db).await?;
    let user = claim(&txn, user_id, version).await?;
    store_password(&txn, user_id, hash, true).await?;
    AuditEntry {
        user_id: Some(actor),
        entity_id: Some(user_id),
        field: Some("password".to_owned()),
        detail: Some(format!(
            "{} <{}>: one-time password set, to be changed at next sign-in",
            user.name, user.email
        )),
        ..AuditEntry::new("app_user", "reset_password")
    }
    .append(&txn, Utc::now())
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn store_password(
    db: &impl ConnectionTrait,
    user_id: i32,
    hash: String,
    must_change: bool,
) -> BackendResult<()> {
    app_user::Entity::update_many()
        .col_expr(app_user::Column::PasswordHash, Expr::value(Some(hash)))
        .col_expr(
            app_user::Column::MustChangePassword,
            Expr::value(must_change),
        )
        .filter(app_user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Changes the caller's own password after checking the current one.
///
/// # Errors
/// [`BackendError::Invalid`] when the current password is wrong or the new one is the same;
/// database errors.
#[tracing::instrument(skip_all, fields(user_id))]
pub async fn change_own_password(
    db: &(impl TransactionTrait + ConnectionTrait),
    user_id: i32,
    current: &str,
    new: Password,
) -> BackendResult<()> {
    let Some(user) = app_user::Entity::find_by_id(user_id).one(db).await? else {
        return Err(BackendError::NotFound("account"));
    };
    if !verify_password_blocking(current, user.password_hash.as_deref()).await? {
        return Err(BackendError::Invalid(
            "your current password is not right: type it again".to_owned(),
        ));
    }
    if new.expose() == current {
        return Err(BackendError::Invalid(
            "the new password is the same as the current one: choose another".to_owned(),
        ));
    }
    let hash = hash_password_blocking(new).await?;
    let txn = crate::backend::db::write(db).await?;
    store_password(&txn, user_id, hash, false).await?;
    AuditEntry {
        user_id: Some(user_id),
        entity_id: Some(user_id),
        field: Some("password".to_owned()),
        detail: Some(format!(
            "{} <{}> changed their password",
            user.name, user.email
        )),
        ..AuditEntry::new("app_user", "change_password")
    }
    .append(&txn, Utc::now())
    .await?;
    txn.commit().await?;
    Ok(())
}
