//! Share links for funders: the coordinators' page of links (make, revoke), and the report a
//! link opens, for anyone holding it (no account: the token is the permission).
use crate::api::ApiError;
#[cfg(feature = "ssr")]
use crate::domain::role::Permission;
use crate::domain::share::{FunderReport, ShareLinksPage};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The forum's share links and what a new one may cover (coordinators).
#[server(endpoint = "get_share_links")]
pub async fn get_share_links(forum: String) -> Result<ShareLinksPage, ApiError> {
    let a = crate::api::guard::forum(&forum, Permission::ShareReports).await?;
    Ok(crate::backend::share::page(&a.ctx.db, &a.forum, chrono::Utc::now()).await?)
}

/// The site's address as the browser used it (`https://plan.example.org`), for a link to copy.
#[cfg(feature = "ssr")]
fn origin() -> String {
    let https = crate::api::guard::request_auth().https;
    let host = use_context::<axum::http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(axum::http::header::HOST)
                .and_then(|h| h.to_str().ok())
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "localhost".to_owned());
    format!("{}://{host}", if https { "https" } else { "http" })
}

/// Makes a share link (`shows[statuses]=on` and so on for what it shows); the page shown next
/// holds the link, once: only its hash is kept.
#[server(endpoint = "create_share_link")]
pub async fn create_share_link(
    forum: String,
    label: String,
    scope: String,
    shows: Option<BTreeMap<String, String>>,
    expires_on: String,
) -> Result<(), ApiError> {
    use crate::domain::share::{NewShare, NewShareForm};
    const FORM: &str = "new-share";
    let parts: Vec<String> = shows.iter().flat_map(|m| m.keys().cloned()).collect();
    let kept = vec![
        ("label", label.clone()),
        ("scope", scope.clone()),
        ("shows", parts.join(",")),
        ("expires_on", expires_on.clone()),
    ];
    let result = async {
        let a = crate::api::guard::forum(&forum, Permission::ShareReports).await?;
        let now = chrono::Utc::now();
        let new = NewShare::parse(
            &NewShareForm {
                label: &label,
                scope: &scope,
                parts: &parts,
                expires_on: &expires_on,
            },
            now.date_naive(),
        )
        .map_err(ApiError::Fields)?;
        let link =
            crate::backend::share::create(&a.ctx.db, &a.forum, a.caller.id(), &new, now).await?;
        Ok::<_, ApiError>((new, link))
    }
    .await;
    match result {
        Ok((new, link)) => {
            let url = format!(
                "{}{}",
                origin(),
                crate::backend::share::report_path(&link.token)
            );
            crate::api::form::done_keeping(
                format!(
                    "Made the link “{}”, open until {}. Copy it now and send it: it is not shown again.",
                    new.label,
                    new.expires_on.format("%-d %B %Y")
                ),
                FORM,
                vec![("link", url)],
            );
            Ok(())
        }
        Err(e) => crate::api::form::fail(e, FORM, kept),
    }
}

/// Revokes share link `id`: from now on it opens "no longer available".
#[server(endpoint = "revoke_share_link")]
pub async fn revoke_share_link(forum: String, id: i32) -> Result<(), ApiError> {
    crate::api::form::guarded(
        &forum,
        Permission::ShareReports,
        &format!("share-{id}"),
        Vec::new(),
        |a| async move {
            let saved = crate::backend::share::revoke(
                &a.ctx.db,
                &a.forum,
                a.caller.id(),
                id,
                chrono::Utc::now(),
            )
            .await?;
            Ok((saved, None))
        },
    )
    .await
}

/// The report a share link opens, or `None` (with status 404) when it opens nothing. Anyone may
/// call this: holding the token is the permission, and a wrong token learns nothing.
#[server(endpoint = "get_funder_report")]
pub async fn get_funder_report(token: String) -> Result<Option<FunderReport>, ApiError> {
    let p = crate::api::guard::public()?;
    let report =
        crate::backend::share::open_kept(&p.ctx.db, &p.ctx.reports, &token, chrono::Utc::now())
            .await?;
    if report.is_none() {
        crate::components::error_page::set_status(404);
    }
    Ok(report)
}
