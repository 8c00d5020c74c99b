//! Signing in and out, the signed-in person, changing one's own password, and the one-shot
//! message a form leaves for the next page.
use crate::api::ApiError;
use crate::domain::account::{Flash, Me};
use leptos::prelude::*;

/// The signed-in person, or None.
#[server(endpoint = "get_me")]
pub async fn get_me() -> Result<Option<Me>, ApiError> {
    let p = crate::api::guard::public()?;
    Ok(p.auth.caller(&p.ctx.db).await?.map(|c| c.me()))
}

/// The message the last form post left for this page, if any; reading it removes it.
#[server(endpoint = "take_flash")]
pub async fn take_flash() -> Result<Option<Flash>, ApiError> {
    use crate::backend::web::{FLASH_COOKIE, cookie_value, removal_cookie};
    let p = crate::api::guard::public()?;
    let Some(value) = use_context::<axum::http::request::Parts>()
        .and_then(|parts| cookie_value(&parts.headers, FLASH_COOKIE))
    else {
        return Ok(None);
    };
    crate::api::form::set_cookie(&removal_cookie(FLASH_COOKIE, p.auth.https));
    Ok(p.ctx.flashes.take(&value, chrono::Utc::now()))
}

/// Signs in with an e-mail address and password, then goes to `next` (a path on this site) or
/// the list of forums. The session id is always a new one.
#[server(endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), ApiError> {
    use crate::backend::accounts::AuthError;
    use crate::backend::web::{is_local_path, session_cookie};
    let p = crate::api::guard::public()?;
    let kept = || {
        vec![
            ("email", email.clone()),
            ("next", next.clone().unwrap_or_default()),
        ]
    };
    if email.trim().is_empty() || password.is_empty() {
        return crate::api::form::fail(
            ApiError::Invalid("Enter your e-mail address and your password.".to_owned()),
            "sign_in",
            kept(),
        );
    }
    let signed = crate::backend::accounts::sign_in(
        &p.ctx.db,
        &p.ctx.throttle,
        &email,
        &password,
        p.auth.client,
    )
    .await;
    let (user, session) = match signed {
        Ok(ok) => ok,
        Err(e) => {
            let error = match e {
                AuthError::BadCredentials => ApiError::Invalid(
                    "The e-mail address or the password is not right. Check both and try again."
                        .to_owned(),
                ),
                AuthError::Disabled => ApiError::Invalid(
                    "This account is disabled. Ask an administrator if you still need it."
                        .to_owned(),
                ),
                AuthError::LockedOut(minutes) => ApiError::TooManyAttempts(minutes),
                AuthError::Backend(b) => b.into(),
            };
            return crate::api::form::fail(error, "sign_in", kept());
        }
    };
    // Any session the browser had before ends now: a planted session id is worthless.
    if let Some(old) = &p.auth.token {
        crate::backend::sessions::end(&p.ctx.db, old).await?;
    }
    crate::api::form::set_cookie(&session_cookie(
        &session.token,
        session.expires_at,
        p.auth.https,
    ));
    let to = if user.must_change_password {
        "/account/password".to_owned()
    } else {
        next.filter(|n| is_local_path(n))
            .unwrap_or_else(|| "/".to_owned())
    };
    leptos_axum::redirect(&to);
    Ok(())
}

/// Signs out: the session ends on the server and the cookie is removed.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), ApiError> {
    use crate::backend::web::{SESSION_COOKIE, removal_cookie};
    let p = crate::api::guard::public()?;
    if let Some(token) = &p.auth.token {
        let who = p.auth.caller(&p.ctx.db).await?.map(|c| c.id());
        crate::backend::accounts::sign_out(&p.ctx.db, token, who).await?;
    }
    crate::api::form::set_cookie(&removal_cookie(SESSION_COOKIE, p.auth.https));
    crate::api::form::done(
        "You have signed out.".to_owned(),
        "sign_in",
        Some("/sign-in"),
    );
    Ok(())
}

/// Changes the caller's own password (also the way out of a one-time password).
#[server(endpoint = "change_password")]
pub async fn change_password(
    current: String,
    new_password: String,
    confirm: String,
) -> Result<(), ApiError> {
    use crate::backend::accounts::Password;
    let result = async {
        let a = crate::api::guard::own_account().await?;
        if new_password != confirm {
            return Err(ApiError::Invalid(
                "The new password and its confirmation differ: type the same new password twice."
                    .to_owned(),
            ));
        }
        let new = Password::parse(new_password)?;
        crate::backend::accounts::change_own_password(&a.ctx.db, a.caller.id(), &current, new)
            .await
            .map_err(ApiError::from)
    }
    .await;
    crate::api::form::finish(
        result,
        "change_password",
        Vec::new(),
        |()| "Your password has been changed.".to_owned(),
        Some("/"),
    )
}
