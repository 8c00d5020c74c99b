//! Personal API tokens (`/account/api-tokens`): a coordinator's tokens for the JSON API, making
//! one (shown once) and revoking one. Anyone signed in may open the page; only coordinators and
//! administrators may make tokens (`backend::api_tokens::may_hold_tokens`, checked on the server).
use crate::api::ApiError;
use crate::domain::account::ApiTokensPage;
use leptos::prelude::*;

/// The caller's tokens.
#[server(endpoint = "get_api_tokens")]
pub async fn get_api_tokens() -> Result<ApiTokensPage, ApiError> {
    let a = crate::api::guard::signed_in().await?;
    Ok(crate::backend::api_tokens::page(&a.ctx.db, &a.caller).await?)
}

/// Makes a token labelled `label`; the page shown next holds it, once: only its hash is kept.
#[server(endpoint = "create_api_token")]
pub async fn create_api_token(label: String) -> Result<(), ApiError> {
    const FORM: &str = "new-token";
    let result = async {
        let a = crate::api::guard::signed_in().await?;
        let made =
            crate::backend::api_tokens::create(&a.ctx.db, &a.caller, &label, chrono::Utc::now())
                .await?;
        Ok::<_, ApiError>(made)
    }
    .await;
    match result {
        Ok(made) => {
            crate::api::form::done_keeping(
                format!(
                    "Made the token “{}”. Copy it now into your reporting tool: it is not shown again.",
                    label.split_whitespace().collect::<Vec<_>>().join(" ")
                ),
                FORM,
                vec![("token", made.token)],
            );
            Ok(())
        }
        Err(e) => crate::api::form::fail(e, FORM, vec![("label", label)]),
    }
}

/// Revokes the caller's token `id`: the next request with it is refused.
#[server(endpoint = "revoke_api_token")]
pub async fn revoke_api_token(id: i32) -> Result<(), ApiError> {
    let form = format!("token-{id}");
    let result = async {
        let a = crate::api::guard::signed_in().await?;
        Ok::<_, ApiError>(
            crate::backend::api_tokens::revoke(&a.ctx.db, &a.caller, id, chrono::Utc::now())
                .await?,
        )
    }
    .await;
    crate::api::form::finish(
        result,
        &form,
        Vec::new(),
        |label| format!("Revoked the token “{label}”: it no longer opens anything."),
        None,
    )
}
