//! The axum router: Leptos pages and server functions, `/health`, and the built site's files.
use app::backend::context::AppContext;
use app::{App, shell};
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use leptos::prelude::{LeptosOptions, provide_context};
use leptos_axum::{LeptosRoutes, generate_route_list};
use sea_orm::DatabaseConnection;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest request body accepted (form posts and server function calls); uploads get their own.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

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
}

/// Builds the router.
pub fn router(leptos_options: LeptosOptions, db: DatabaseConnection) -> Router {
    let state = AppState {
        leptos_options,
        ctx: AppContext { db },
    };
    let routes = generate_route_list(App);
    let ctx = state.ctx.clone();
    let mut router = Router::new()
        .route("/health", get(health))
        .leptos_routes_with_context(&state, routes, move || provide_context(ctx.clone()), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(CompressionLayer::new())
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES));
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
