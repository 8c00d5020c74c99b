//! The axum router: Leptos pages and server functions, the other routes ([`extra_routes`]:
//! `/health`, the audit CSV, spreadsheet uploads and exports), and the built site's files, all behind the front door.
use crate::front_door::{FrontDoor, front_door};
use app::backend::accounts::Caller;
use app::backend::context::AppContext;
use app::backend::web::RequestAuth;
use app::domain::account::AuditFilter;
use app::{App, shell};
use axum::extract::{FromRef, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use axum::{Json, Router};
use leptos::prelude::{LeptosOptions, provide_context};
use leptos_axum::{LeptosRoutes, generate_route_list};
use sea_orm::DatabaseConnection;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest request body accepted (form posts and server function calls); uploads get their own.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The quality pages are compressed at on the fly (brotli and gzip alike).
const HTML_COMPRESSION: i32 = 1;

/// Headers sent with every response; pages add their own Content-Security-Policy with a nonce.
const SECURITY_HEADERS: [(HeaderName, &str); 4] = [
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "same-origin"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    ),
];

/// Everything a handler may need.
#[derive(Clone, FromRef)]
pub struct AppState {
    /// Where the site is and what it is called.
    pub leptos_options: LeptosOptions,
    /// Database and settings for server functions.
    pub ctx: AppContext,
    /// The built site's files, compressed, under their hashed names too.
    pub assets: crate::assets::Assets,
}

/// Who may use a route that is not a Leptos page or server function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteAccess {
    /// Anyone: it reveals nothing but that the server is up.
    Public,
    /// Administrators of the installation.
    Admin,
    /// Coordinators of the forum named in the path (and administrators).
    ForumCoordinator,
    /// Anyone with a role in the forum named in the path (and administrators).
    ForumView,
    /// The JSON API: a personal API token whose owner has a role in the forum named in the path
    /// (any forum of theirs for a path without one); a session cookie is not enough.
    ApiToken,
}

/// A route outside Leptos: its path, method and who may use it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtraRoute {
    /// The path.
    pub path: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// Who may use it (checked by the handler's extractor; tested by the authorisation matrix).
    pub access: RouteAccess,
}

/// Every route that is not a Leptos page or server function: the router is built from this
/// list, and the authorisation matrix test walks it, so none can be added unchecked.
pub fn extra_routes() -> Vec<(ExtraRoute, MethodRouter<AppState>)> {
    let mut routes = vec![
        (
            ExtraRoute {
                path: "/health",
                method: Method::GET,
                access: RouteAccess::Public,
            },
            get(health),
        ),
        (
            ExtraRoute {
                path: "/admin/audit.csv",
                method: Method::GET,
                access: RouteAccess::Admin,
            },
            get(audit_csv),
        ),
        (
            ExtraRoute {
                path: UPLOAD_PATH,
                method: Method::POST,
                access: RouteAccess::ForumCoordinator,
            },
            post(app::api::import::upload::upload),
        ),
        (
            ExtraRoute {
                path: EXPORT_PATH,
                method: Method::GET,
                access: RouteAccess::ForumView,
            },
            get(app::api::export::download::download),
        ),
        (
            ExtraRoute {
                path: DASHBOARD_CHART_PATH,
                method: Method::GET,
                access: RouteAccess::ForumView,
            },
            get(app::api::dashboard::chart::chart_svg),
        ),
        (
            ExtraRoute {
                path: app::api::v1::OPENAPI_PATH,
                method: Method::GET,
                access: RouteAccess::Public,
            },
            get(app::api::v1::openapi_json),
        ),
    ];
    routes.extend(
        app::api::v1::routes::<AppState>()
            .into_iter()
            .map(|(e, handler)| {
                (
                    ExtraRoute {
                        path: e.path,
                        method: Method::GET,
                        access: RouteAccess::ApiToken,
                    },
                    handler,
                )
            }),
    );
    routes
}

/// Where spreadsheets are uploaded for import (the one route whose body may exceed
/// [`MAX_BODY_BYTES`]: it bounds what it keeps itself).
pub const UPLOAD_PATH: &str = "/forums/{forum}/import/upload";

/// Where a forum's plan and update history are downloaded as `.xlsx` or `.csv`.
pub const EXPORT_PATH: &str = "/forums/{forum}/export";

/// Where a forum's dashboard chart is drawn as an SVG file (the page's query string).
pub const DASHBOARD_CHART_PATH: &str = "/forums/{forum}/dashboard/chart.svg";

/// Numbers the hash files of the routers one process builds (tests build many).
static ASSET_SETS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// Builds the router for `db` with default settings.
pub fn router(leptos_options: LeptosOptions, db: DatabaseConnection) -> Router {
    router_with(leptos_options, AppContext::new(db), FrontDoor::default())
}

/// Builds the router.
pub fn router_with(mut leptos_options: LeptosOptions, ctx: AppContext, door: FrontDoor) -> Router {
    let pkg = std::path::Path::new(&*leptos_options.site_root).join(&*leptos_options.site_pkg_dir);
    let assets = match crate::assets::Assets::load(&pkg, &leptos_options.output_name) {
        Ok((assets, hashes)) => {
            // Pages ask for the hashed names: Leptos reads them from this file.
            let file = std::env::temp_dir().join(format!(
                "forumplan-assets-{}-{}.txt",
                std::process::id(),
                ASSET_SETS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            ));
            if !hashes.is_empty() && std::fs::write(&file, hashes).is_ok() {
                leptos_options.hash_files = true;
                leptos_options.hash_file = file.to_string_lossy().into_owned().into();
            }
            tracing::info!(files = assets.len(), "site files compressed and hashed");
            assets
        }
        Err(e) => {
            tracing::warn!(error = %e, "the built site's files could not be read");
            crate::assets::Assets::default()
        }
    };
    let state = AppState {
        leptos_options,
        ctx,
        assets,
    };
    let routes = generate_route_list(App);
    let ctx = state.ctx.clone();
    let fallback_ctx = state.ctx.clone();
    let mut router = Router::new();
    let mut uploads = Router::new();
    for (route, handler) in extra_routes() {
        if route.path == UPLOAD_PATH {
            uploads = uploads.route(route.path, handler);
        } else {
            router = router.route(route.path, handler);
        }
    }
    let mut router = router
        .route("/pkg/{file}", get(crate::assets::serve))
        .leptos_routes_with_context(&state, routes, move || provide_context(ctx.clone()), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        // The fallback renders the "not found" page, whose header asks who is signed in.
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            move || provide_context(fallback_ctx.clone()), shell
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .merge(uploads.layer(axum::extract::DefaultBodyLimit::disable()))
        .layer(axum::middleware::from_fn_with_state(door, front_door))
        // Pages are compressed as they are sent. The brotli crate's default quality is 11, its
        // slowest (a large dashboard took longer to compress than to build). A kept page costs
        // little more than its compression, so the fastest useful quality: the large
        // installation's dashboard (70 KB of HTML) served 508 requests/s at brotli 4 and 1,159
        // sent as it is; brotli 1 makes it 8.4 KB instead of 7.0. Built files are compressed
        // once, at their best, at start-up.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(HTML_COMPRESSION)));
    for (name, value) in SECURITY_HEADERS {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router.with_state(state)
}

/// 200 with `{"status":"ok","database":"ok"}` when the database answers, 503 when it does not.
async fn health(State(ctx): State<AppContext>) -> impl IntoResponse {
    match app::backend::db::ping(&ctx.db).await {
        Ok(()) => (
            StatusCode::OK,
            Json(serde_json::json!({"status": "ok", "database": "ok"})),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({"status": "error", "database": "unreachable"})),
            )
        }
    }
}

/// An administrator, or the request is refused: 401 without a session, 403 for anyone else.
pub struct Admin(pub Caller);

impl FromRequestParts<AppState> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let auth = parts
            .extensions
            .get::<RequestAuth>()
            .cloned()
            .unwrap_or_default();
        let caller = auth.caller(&state.ctx.db).await.map_err(|e| {
            tracing::error!(error = %e, "looking up the session");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong; it has been logged.",
            )
                .into_response()
        })?;
        match caller {
            None => Err((StatusCode::UNAUTHORIZED, "Please sign in first.").into_response()),
            Some(c) if c.user.is_admin && !c.user.must_change_password => Ok(Admin(c)),
            Some(_) => Err((
                StatusCode::FORBIDDEN,
                "Only an administrator may download the audit log.",
            )
                .into_response()),
        }
    }
}

/// The query string of the audit CSV: the audit page's filters.
#[derive(serde::Deserialize)]
struct AuditQuery {
    forum: Option<String>,
    user: Option<String>,
    entity: Option<String>,
    action: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

/// The whole audit log (filtered as on the audit page) as CSV, for administrators.
async fn audit_csv(
    State(ctx): State<AppContext>,
    Admin(_admin): Admin,
    Query(q): Query<AuditQuery>,
) -> Response {
    let some = |v: Option<String>| v.filter(|t| !t.trim().is_empty());
    let filter = AuditFilter {
        forum_id: some(q.forum).and_then(|v| v.parse().ok()),
        user_id: some(q.user).and_then(|v| v.parse().ok()),
        entity: some(q.entity),
        action: some(q.action),
        from: some(q.from).and_then(|v| v.parse().ok()),
        to: some(q.to).and_then(|v| v.parse().ok()),
    };
    match app::backend::audit_log::csv(&ctx.db, &filter).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"forumplan-audit.csv\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            body,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "audit export");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong; it has been logged.",
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    async fn health_status(db: DatabaseConnection) -> StatusCode {
        let options = LeptosOptions::builder().output_name("forumplan").build();
        let response = router(options, db)
            .oneshot(
                Request::get("/health")
                    .body(Body::empty())
                    .expect("request"),
            )
            .await
            .expect("response");
        response.status()
    }

    #[tokio::test]
    async fn health_is_ok_with_a_database_and_503_without() {
        let url = format!(
            "sqlite://{}?mode=rwc",
            std::env::temp_dir()
                .join(format!("fp-health-{}.db", std::process::id()))
                .display()
        );
        let db = app::backend::db::connect(&url).await.expect("connect");
        assert_eq!(health_status(db.clone()).await, StatusCode::OK);
        db.clone().close().await.expect("close");
        assert_eq!(health_status(db).await, StatusCode::SERVICE_UNAVAILABLE);
    }
}
