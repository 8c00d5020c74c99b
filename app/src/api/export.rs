//! Downloading an export: `GET /forums/:forum/export?strategy=S&content=plan|updates&format=xlsx|csv&layout=flat|per_theme`
//! (every parameter optional: without `strategy`, every live strategy of the forum). Anyone with
//! a role in the forum may export what its pages show them (the guard's rules: 401 signed out,
//! 403 or "no access" otherwise); each export is recorded in the audit log with who made it and
//! what it held. Bad parameters get a 400 saying which value is wrong and what to use.
#[cfg(feature = "ssr")]
pub mod download {
    use crate::api::ApiError;
    use crate::backend::accounts::audit::AuditEntry;
    use crate::backend::context::AppContext;
    use crate::backend::error::BackendError;
    use crate::backend::web::RequestAuth;
    use crate::domain::role::Permission;
    use crate::domain::spreadsheet::ExportRequest;
    use axum::Extension;
    use axum::extract::{Path, Query, State};
    use axum::http::{HeaderValue, StatusCode, header};
    use axum::response::{IntoResponse, Response};

    /// The query string: the fields of [`ExportRequest`].
    #[derive(Debug, Default, serde::Deserialize)]
    pub struct ExportQuery {
        strategy: Option<String>,
        content: Option<String>,
        format: Option<String>,
        layout: Option<String>,
    }

    /// Handles a download (see the module).
    pub async fn download(
        State(ctx): State<AppContext>,
        Path(slug): Path<String>,
        auth: Option<Extension<RequestAuth>>,
        Query(q): Query<ExportQuery>,
    ) -> Response {
        let auth = auth.map(|Extension(a)| a).unwrap_or_default();
        let access = match crate::api::guard::forum_for_route(
            ctx.clone(),
            &auth,
            &slug,
            Permission::ViewForum,
        )
        .await
        {
            Ok(a) => a,
            Err(e) => return e.into_response_plain(),
        };
        let request = match ExportRequest::parse(
            q.strategy.as_deref(),
            q.content.as_deref(),
            q.format.as_deref(),
            q.layout.as_deref(),
        ) {
            Ok(r) => r,
            Err(message) => return (StatusCode::BAD_REQUEST, message).into_response(),
        };
        let export = match crate::backend::export::export(
            &access.ctx.db,
            &access.forum,
            &request,
            access.today,
        )
        .await
        {
            Ok(e) => e,
            Err(BackendError::NotFound(_)) => {
                return (
                    StatusCode::NOT_FOUND,
                    format!(
                        "The forum has no strategy “{}”: choose one from the forum's page.",
                        request.strategy.unwrap_or_default()
                    ),
                )
                    .into_response();
            }
            Err(e) => return ApiError::from(e).into_response_plain(),
        };
        let entry = AuditEntry {
            forum_id: Some(access.forum.id),
            user_id: Some(access.caller.id()),
            detail: Some(format!(
                "{} as {} ({} rows)",
                request.content.label(),
                request.format.as_str(),
                export.rows
            )),
            new_value: Some(export.file_name.clone()),
            ..AuditEntry::new("forum", "export")
        };
        if let Err(e) = entry.append(&access.ctx.db, chrono::Utc::now()).await {
            tracing::error!(error = %e, "recording an export");
            return ApiError::Internal.into_response_plain();
        }
        let disposition = format!("attachment; filename=\"{}\"", export.file_name);
        let mut response = (StatusCode::OK, export.bytes).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(export.content_type),
        );
        if let Ok(v) = HeaderValue::from_str(&disposition) {
            headers.insert(header::CONTENT_DISPOSITION, v);
        }
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}
