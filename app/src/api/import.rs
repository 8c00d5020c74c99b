//! Importing a plan from a spreadsheet, for coordinators: the import page, an upload's preview
//! with its column roles, changing them (and saving them for the next file), and the commit.
//! The upload itself is a multipart route (`/forums/:forum/import/upload`, in the server crate)
//! because a file does not fit a server function's form encoding; it uses the same guard.
use crate::api::ApiError;
use crate::domain::import::view::{ImportPage, ImportPreview};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The import page of a forum: the upload form and the recent uploads.
#[server(endpoint = "get_import_page")]
pub async fn get_import_page(forum: String) -> Result<ImportPage, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::EditPlan).await?;
    Ok(crate::backend::import::stage::import_page(&a.ctx.db, &a.forum).await?)
}

/// One upload's preview, or its report once imported.
#[server(endpoint = "get_import_preview")]
pub async fn get_import_preview(forum: String, id: i32) -> Result<ImportPreview, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::EditPlan).await?;
    Ok(crate::backend::import::stage::preview(&a.ctx.db, &a.forum, id).await?)
}

/// Changes an upload's sheet or column roles (`role[COLUMN]` = a role's stored name) and, with
/// `remember`, saves the roles for the forum's next file with the same headings.
#[server(endpoint = "set_import_mapping")]
pub async fn set_import_mapping(
    forum: String,
    id: i32,
    version: i32,
    sheet: Option<String>,
    role: Option<BTreeMap<String, String>>,
    remember: Option<String>,
) -> Result<(), ApiError> {
    use crate::domain::import::layout::ColumnRole;
    use crate::domain::role::Permission;
    crate::api::form::guarded(
        &forum,
        Permission::EditPlan,
        "mapping",
        Vec::new(),
        |a| async move {
            let mut roles = Vec::new();
            for (column, name) in role.unwrap_or_default() {
                let column: usize = column.parse().map_err(|_| {
                    ApiError::Invalid(format!("“{column}” is not a column: reload the preview."))
                })?;
                let role: ColumnRole = name.parse().map_err(|_| {
                    ApiError::Invalid(format!(
                        "“{name}” is not a column role: reload the preview."
                    ))
                })?;
                roles.push((column, role));
            }
            let ed = crate::backend::plan_edit::Editor {
                forum: &a.forum,
                actor: Some(a.caller.id()),
                now: chrono::Utc::now(),
            };
            let saved = crate::backend::import::stage::set_mapping(
                &a.ctx.db,
                &ed,
                id,
                version,
                sheet,
                roles,
                remember.is_some(),
            )
            .await?;
            Ok((saved, None))
        },
    )
    .await
}

/// Imports an upload into a strategy (`into`: a strategy's id, or `new` with the new
/// strategy's title and period), then shows what the import did.
#[server(endpoint = "commit_upload")]
pub async fn commit_upload(
    forum: String,
    id: i32,
    version: i32,
    into: String,
    title: Option<String>,
    period_start: Option<String>,
    period_end: Option<String>,
) -> Result<(), ApiError> {
    use crate::backend::import::stage::Destination;
    use crate::domain::plan_form::StrategyInput;
    use crate::domain::role::Permission;
    let [title, period_start, period_end] =
        [title, period_start, period_end].map(Option::unwrap_or_default);
    let kept = vec![
        ("into", into.clone()),
        ("title", title.clone()),
        ("period_start", period_start.clone()),
        ("period_end", period_end.clone()),
    ];
    crate::api::form::guarded(
        &forum,
        Permission::EditPlan,
        "commit",
        kept,
        |a| async move {
            let to = if into == "new" {
                let input = StrategyInput::parse(&title, &period_start, &period_end, "", "")
                    .map_err(ApiError::Fields)?;
                Destination::New(input)
            } else {
                Destination::Existing(into.parse().map_err(|_| {
                    ApiError::Invalid("Choose the strategy to import into.".to_owned())
                })?)
            };
            let ed = crate::backend::plan_edit::Editor {
                forum: &a.forum,
                actor: Some(a.caller.id()),
                now: chrono::Utc::now(),
            };
            let (_slug, report) =
                crate::backend::import::stage::commit(&a.ctx.db, &ed, id, version, to).await?;
            let saved = crate::backend::plan_edit::Saved {
                id,
                message: format!(
                    "Imported. Added {}; changed {}; unchanged {}.",
                    report.added, report.changed, report.unchanged
                ),
                warnings: Vec::new(),
            };
            Ok((saved, Some(format!("/forums/{}/import/{id}", a.forum.slug))))
        },
    )
    .await
}

/// The upload route: `POST /forums/:forum/import/upload`, a multipart form with the file in
/// the field `file`. Coordinators only (the guard's rules: 401 signed out, 403 otherwise). The
/// file is read at once ([`crate::backend::import::stage::stage`]); the answer is a redirect to
/// its preview, or back to the import page with the reason in the flash. Memory stays bounded:
/// at most the upload limit is kept, a larger file is read through (up to [`DRAIN_BYTES`], to
/// answer the browser cleanly) and refused with the limit in the message.
#[cfg(feature = "ssr")]
pub mod upload {
    use crate::api::ApiError;
    use crate::backend::context::AppContext;
    use crate::backend::error::BackendError;
    use crate::backend::import::Limits;
    use crate::backend::import::read::human_size;
    use crate::backend::web::{RequestAuth, flash_cookie};
    use crate::domain::account::{Flash, FlashKind};
    use crate::domain::role::Permission;
    use axum::extract::{FromRequest, Multipart, Path, Request, State};
    use axum::http::{HeaderValue, StatusCode, header};
    use axum::response::{IntoResponse, Response};

    /// The most of a too-large upload read through before the connection is dropped.
    pub const DRAIN_BYTES: u64 = 64 * 1024 * 1024;

    /// The page's own script asks with this header; it is answered with the next page's path
    /// (200, text) instead of a redirect, so that the flash waits for that page.
    pub const SCRIPT_HEADER: &str = "x-forumplan-upload";

    fn see_other(to: &str, flash: Option<(Flash, bool)>, script: bool) -> Response {
        let mut response = if script {
            (StatusCode::OK, to.to_owned()).into_response()
        } else {
            StatusCode::SEE_OTHER.into_response()
        };
        if let Ok(v) = HeaderValue::from_str(to)
            && !script
        {
            response.headers_mut().insert(header::LOCATION, v);
        }
        if let Some((flash, https)) = flash
            && let Ok(v) = HeaderValue::from_str(&flash_cookie(&flash, https))
        {
            response.headers_mut().insert(header::SET_COOKIE, v);
        }
        response
    }

    /// Handles an upload (see the module).
    pub async fn upload(
        State(ctx): State<AppContext>,
        Path(slug): Path<String>,
        request: Request,
    ) -> Response {
        let auth = request
            .extensions()
            .get::<RequestAuth>()
            .cloned()
            .unwrap_or_default();
        let script = request.headers().contains_key(SCRIPT_HEADER);
        let access = match crate::api::guard::forum_for_route(
            ctx.clone(),
            &auth,
            &slug,
            Permission::EditPlan,
        )
        .await
        {
            Ok(a) => a,
            Err(ApiError::PasswordChangeRequired) => {
                return see_other("/account/password", None, script);
            }
            Err(e) => return e.into_response_plain(),
        };
        let back = format!("/forums/{}/import", access.forum.slug);
        let refuse = |message: String| {
            let flash = Flash {
                kind: FlashKind::Error,
                message,
                form: "upload".to_owned(),
                fields: Vec::new(),
                errors: Vec::new(),
                details: Vec::new(),
            };
            see_other(&back, Some((flash, auth.https)), script)
        };
        let limit = Limits::default().max_bytes;
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        let too_large = |size: u64| {
            format!(
                "The file is {}: the largest file ForumPlan accepts is {}. Save a copy with only the plan's sheet in it (or split it) and upload that. Nothing was imported.",
                human_size(size),
                human_size(limit as u64)
            )
        };
        if let Some(size) = declared.filter(|s| *s > DRAIN_BYTES) {
            return refuse(too_large(size));
        }
        let choose = "Choose a spreadsheet (xlsx, xls, ods or csv) with the plan, then press “Upload and preview”.";
        let Ok(mut form) = Multipart::from_request(request, &()).await else {
            return refuse(choose.to_owned());
        };
        let mut file: Option<(String, Vec<u8>)> = None;
        let mut total: u64 = 0;
        loop {
            let field = match form.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                Err(_) => return refuse(interrupted()),
            };
            if field.name() != Some("file") {
                continue;
            }
            let name = field.file_name().unwrap_or_default().to_owned();
            let mut field = field;
            let mut bytes = Vec::new();
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) => {
                        total += chunk.len() as u64;
                        if total > DRAIN_BYTES {
                            return refuse(too_large(total));
                        }
                        if bytes.len() + chunk.len() <= limit {
                            bytes.extend_from_slice(&chunk);
                        }
                    }
                    Ok(None) => break,
                    Err(_) => return refuse(interrupted()),
                }
            }
            if total > limit as u64 {
                return refuse(too_large(total));
            }
            file = Some((name, bytes));
        }
        let Some((name, bytes)) = file.filter(|(name, _)| !name.is_empty()) else {
            return refuse(choose.to_owned());
        };
        let ed = crate::backend::plan_edit::Editor {
            forum: &access.forum,
            actor: Some(access.caller.id()),
            now: chrono::Utc::now(),
        };
        match crate::backend::import::stage::stage(&ctx.db, &ed, &name, &bytes).await {
            Ok(id) => see_other(&format!("{back}/{id}"), None, script),
            Err(BackendError::Invalid(message)) => refuse(message),
            Err(e) => {
                tracing::error!(error = %e, "staging an upload");
                refuse("Something went wrong while keeping the file; it has been logged. Nothing was imported: try again.".to_owned())
            }
        }
    }

    fn interrupted() -> String {
        "The upload did not arrive whole (the connection was interrupted): upload the file again. Nothing was imported.".to_owned()
    }
}
