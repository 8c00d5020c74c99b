//! Administration: accounts and roles, and the audit log. Administrators only.
use crate::api::ApiError;
use crate::domain::account::{AuditFilter, AuditPage, UsersPage};
use leptos::prelude::*;

/// Every account with its memberships, and the forums roles can be given in.
#[server(endpoint = "get_users_page")]
pub async fn get_users_page() -> Result<UsersPage, ApiError> {
    let a = crate::api::guard::admin().await?;
    Ok(crate::backend::accounts::users_page(&a.ctx.db).await?)
}

/// An optional id from a form field ("" means none).
#[cfg(feature = "ssr")]
fn optional_id(text: &str, what: &str) -> Result<Option<i32>, ApiError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|_| ApiError::Invalid(format!("Choose a {what} from the list.")))
}

/// A role from a form field: `coordinator`, `member`, `viewer`, or `none`/"" for no role.
#[cfg(feature = "ssr")]
fn optional_role(text: &str) -> Result<Option<crate::domain::role::Role>, ApiError> {
    match text.trim() {
        "" | "none" => Ok(None),
        other => other.parse().map(Some).map_err(|_| {
            ApiError::Invalid("Choose a role: coordinator, member or viewer.".to_owned())
        }),
    }
}

/// Creates an account with a one-time password that the person must change at first sign-in,
/// with an optional role in one forum.
#[server(endpoint = "invite_user")]
pub async fn invite_user(
    email: String,
    name: String,
    password: String,
    forum_id: String,
    role: String,
    partner_id: String,
    is_admin: Option<String>,
) -> Result<(), ApiError> {
    use crate::backend::accounts::{Email, NewUser, Password};
    use crate::domain::role::Role;
    let kept = vec![
        ("email", email.clone()),
        ("name", name.clone()),
        ("forum_id", forum_id.clone()),
        ("role", role.clone()),
        ("partner_id", partner_id.clone()),
    ];
    let result = async {
        let a = crate::api::guard::admin().await?;
        let forum_id = optional_id(&forum_id, "forum")?;
        let role = optional_role(&role)?;
        let new = NewUser {
            email: Email::parse(&email)?,
            name,
            password: Password::parse(password)?,
            is_admin: is_admin.is_some(),
            forum_id: role.and(forum_id),
            role: forum_id.and(role),
            partner_id: match role {
                Some(Role::Member) => optional_id(&partner_id, "partner agency")?,
                _ => None,
            },
            must_change_password: true,
        };
        if new.forum_id.is_none() && !new.is_admin {
            return Err(ApiError::Invalid(
                "Give the person a role in a forum, or make them an administrator: otherwise they could see nothing."
                    .to_owned(),
            ));
        }
        Ok(crate::backend::accounts::add_user(&a.ctx.db, new, Some(a.caller.id())).await?)
    }
    .await;
    crate::api::form::finish(
        result,
        "invite",
        kept,
        |user| {
            format!(
                "Account created for {} <{}>. Give them the one-time password yourself, by a safe route; they will choose their own at first sign-in.",
                user.name, user.email
            )
        },
        None,
    )
}

/// Gives an account a role in a forum, changes it, or (role `none`) removes it from the forum.
#[server(endpoint = "set_user_role")]
pub async fn set_user_role(
    user_id: i32,
    version: i32,
    forum_id: i32,
    role: String,
    partner_id: String,
) -> Result<(), ApiError> {
    use crate::domain::role::Role;
    let result = async {
        let a = crate::api::guard::admin().await?;
        let role = optional_role(&role)?;
        let partner = match role {
            Some(Role::Member) => optional_id(&partner_id, "partner agency")?,
            _ => None,
        };
        let actor = a.caller.id();
        crate::backend::accounts::set_role(
            &a.ctx.db, actor, user_id, version, forum_id, role, partner,
        )
        .await
        .map_err(ApiError::from)
    }
    .await;
    let form = format!("user-{user_id}");
    crate::api::form::finish(
        result,
        &form,
        Vec::new(),
        |()| "The role has been changed.".to_owned(),
        None,
    )
}

/// Disables an account (its sessions stop at once) or enables it again.
#[server(endpoint = "set_user_disabled")]
pub async fn set_user_disabled(user_id: i32, version: i32, disabled: bool) -> Result<(), ApiError> {
    let result = async {
        let a = crate::api::guard::admin().await?;
        let actor = a.caller.id();
        crate::backend::accounts::set_disabled(&a.ctx.db, actor, user_id, version, disabled)
            .await
            .map_err(ApiError::from)
    }
    .await;
    let what = if disabled { "disabled" } else { "enabled" };
    let form = format!("user-{user_id}");
    crate::api::form::finish(
        result,
        &form,
        Vec::new(),
        |()| format!("The account has been {what}."),
        None,
    )
}

/// Sets a one-time password, to be changed at the next sign-in.
#[server(endpoint = "reset_user_password")]
pub async fn reset_user_password(
    user_id: i32,
    version: i32,
    password: String,
) -> Result<(), ApiError> {
    use crate::backend::accounts::Password;
    let result = async {
        let a = crate::api::guard::admin().await?;
        let password = Password::parse(password)?;
        let actor = a.caller.id();
        crate::backend::accounts::reset_password(&a.ctx.db, actor, user_id, version, password)
            .await
            .map_err(ApiError::from)
    }
    .await;
    let form = format!("user-{user_id}");
    crate::api::form::finish(
        result,
        &form,
        Vec::new(),
        |()| {
            "A one-time password has been set; they must change it at their next sign-in."
                .to_owned()
        },
        None,
    )
}

/// The audit log, newest first, filtered.
#[server(endpoint = "get_audit_page")]
pub async fn get_audit_page(filter: AuditFilter) -> Result<AuditPage, ApiError> {
    let a = crate::api::guard::admin().await?;
    Ok(crate::backend::audit_log::page(&a.ctx.db, &filter).await?)
}
