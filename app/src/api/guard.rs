//! The one way a server function reaches the database: ask the guard for the access it needs.
//!
//! Every function here checks who is asking (the session behind the request) against what they
//! ask for, and only then hands out the [`AppContext`]. A server function that skipped the guard
//! would have no database to talk to; the authorisation matrix test (`server/tests/authz.rs`)
//! calls every registered server function as every role to prove each one refuses correctly.
//! Refusals also set the HTTP status (401, 403), so that clients and tests can tell.
use crate::api::ApiError;
use crate::backend::accounts::Caller;
use crate::backend::context::AppContext;
use crate::backend::entity::forum;
use crate::backend::web::RequestAuth;
use crate::domain::role::Permission;
use chrono::NaiveDate;
use leptos::prelude::use_context;

/// A signed-in caller and the database.
pub(crate) struct Access {
    /// Database and shared state.
    pub ctx: AppContext,
    /// Who is asking.
    pub caller: Caller,
    /// Today's date (statuses are computed for it).
    pub today: NaiveDate,
}

/// A caller allowed something in one forum.
pub(crate) struct ForumAccess {
    /// Database and shared state.
    pub ctx: AppContext,
    /// Who is asking.
    pub caller: Caller,
    /// The forum.
    pub forum: forum::Model,
    /// The forum's date: today, or a training or demonstration forum's fixed date.
    pub today: NaiveDate,
}

/// Access for anyone, signed in or not (signing in, the header's "who am I").
pub(crate) struct Public {
    /// Database and shared state.
    pub ctx: AppContext,
    /// The request's session record.
    pub auth: RequestAuth,
}

/// A refusal, with its HTTP status (a form post's function reports it with the form's values
/// through [`crate::api::form::finish`] instead).
fn refuse<T>(error: ApiError) -> Result<T, ApiError> {
    crate::components::error_page::set_status(error.status_code());
    Err(error)
}

fn app_context() -> Result<AppContext, ApiError> {
    use_context::<AppContext>().ok_or_else(|| {
        tracing::error!("server function called without the application context");
        ApiError::Internal
    })
}

/// The request's session record (an empty one outside a request, which is signed out).
pub(crate) fn request_auth() -> RequestAuth {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestAuth>().cloned())
        .unwrap_or_default()
}

/// Anyone may call this; the caller is looked up only if the function asks.
pub(crate) fn public() -> Result<Public, ApiError> {
    Ok(Public {
        ctx: app_context()?,
        auth: request_auth(),
    })
}

async fn caller(allow_password_change: bool) -> Result<Access, ApiError> {
    let ctx = app_context()?;
    let auth = request_auth();
    let Some(caller) = auth.caller(&ctx.db).await? else {
        return refuse(ApiError::SignInRequired);
    };
    if caller.user.must_change_password && !allow_password_change {
        return refuse(ApiError::PasswordChangeRequired);
    }
    Ok(Access {
        ctx,
        caller,
        today: chrono::Utc::now().date_naive(),
    })
}

/// Anyone signed in, even on a one-time password (only to change it).
pub(crate) async fn own_account() -> Result<Access, ApiError> {
    caller(true).await
}

/// Anyone signed in whose password is their own.
pub(crate) async fn signed_in() -> Result<Access, ApiError> {
    caller(false).await
}

/// An administrator of the installation.
pub(crate) async fn admin() -> Result<Access, ApiError> {
    let access = signed_in().await?;
    if !access.caller.user.is_admin {
        return refuse(ApiError::Forbidden);
    }
    Ok(access)
}

/// Someone allowed `permission` in the forum with URL name `slug`. Without any role there (or
/// when there is no such forum) the answer is the same "no access", so that nobody learns which
/// forums exist; an administrator is told when a forum does not exist.
pub(crate) async fn forum(slug: &str, permission: Permission) -> Result<ForumAccess, ApiError> {
    let Access { ctx, caller, today } = signed_in().await?;
    match forum_of(ctx, caller, today, slug, permission).await {
        Err(e @ (ApiError::NoForumAccess | ApiError::Forbidden | ApiError::NotFound(_))) => {
            refuse(e)
        }
        other => other,
    }
}

/// [`forum`] for a route outside Leptos, from the request's session record: the same rules
/// (sign-in required, a one-time password replaced first), without setting a response status.
pub(crate) async fn forum_for_route(
    ctx: AppContext,
    auth: &RequestAuth,
    slug: &str,
    permission: Permission,
) -> Result<ForumAccess, ApiError> {
    let caller = match auth.caller(&ctx.db).await {
        Ok(Some(c)) => c,
        Ok(None) => return Err(ApiError::SignInRequired),
        Err(e) => {
            tracing::error!(error = %e, "looking up the session");
            return Err(ApiError::Internal);
        }
    };
    if caller.user.must_change_password {
        return Err(ApiError::PasswordChangeRequired);
    }
    forum_of(
        ctx,
        caller,
        chrono::Utc::now().date_naive(),
        slug,
        permission,
    )
    .await
}

/// [`forum`] for a caller already known (a route outside Leptos looks them up itself): the
/// same rules, without setting a response status.
pub(crate) async fn forum_of(
    ctx: AppContext,
    caller: Caller,
    today: NaiveDate,
    slug: &str,
    permission: Permission,
) -> Result<ForumAccess, ApiError> {
    let found = match crate::backend::plan::forum_by_slug(&ctx.db, slug).await {
        Ok(f) => Some(f),
        Err(crate::backend::error::BackendError::NotFound(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let Some(forum) = found else {
        return Err(if caller.user.is_admin {
            ApiError::NotFound("forum".to_owned())
        } else {
            ApiError::NoForumAccess
        });
    };
    if caller.role_in(forum.id).is_none() && !caller.user.is_admin {
        return Err(ApiError::NoForumAccess);
    }
    if !caller.may(forum.id, permission) {
        return Err(ApiError::Forbidden);
    }
    Ok(ForumAccess {
        ctx,
        caller,
        today: crate::backend::progress::forum_today(&forum, today),
        forum,
    })
}
