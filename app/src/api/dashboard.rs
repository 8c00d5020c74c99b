//! The forum dashboard, for everyone in the forum (viewers included), and its chart as an SVG
//! file (`GET /forums/:forum/dashboard/chart.svg`, the same query string as the page).
#![allow(
    clippy::too_many_arguments,
    reason = "the server function's arguments are the page's query string, one each"
)]
use crate::api::ApiError;
use crate::domain::dashboard::Dashboard;
#[cfg(feature = "ssr")]
use crate::domain::dashboard::DashboardFilter;
use leptos::prelude::*;

/// The dashboard's filters from the values given (each optional; blank: all), or what is wrong
/// with one of them.
///
/// # Errors
/// [`ApiError::Invalid`] naming the value that is not one of the choices.
#[cfg(feature = "ssr")]
pub fn filter_of(q: DashboardQuery) -> Result<DashboardFilter, ApiError> {
    let some = |v: Option<String>| v.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let number = |v: Option<String>, what: &str| -> Result<Option<i32>, ApiError> {
        some(v)
            .map(|t| {
                t.parse().map_err(|_| {
                    ApiError::Invalid(format!("“{t}” is not a {what}: choose one from the list."))
                })
            })
            .transpose()
    };
    Ok(DashboardFilter {
        strategy: some(q.strategy),
        theme: number(q.theme, "theme")?,
        lead: number(q.lead, "lead partner")?,
        framework: some(q.framework),
        period: some(q.period)
            .map(|p| {
                chrono::NaiveDate::parse_from_str(&p, "%Y-%m-%d").map_err(|_| {
                    ApiError::Invalid(format!("“{p}” is not a quarter: choose one from the list."))
                })
            })
            .transpose()?,
        status: some(q.status)
            .map(|s| {
                s.parse()
                    .map_err(|_| ApiError::Invalid(format!("“{s}” is not a status.")))
            })
            .transpose()?,
        all: some(q.all)
            .map(|s| {
                s.parse().map_err(|()| {
                    ApiError::Invalid(format!(
                        "“{s}” is not a list of the dashboard: use listed, overdue, due-next, \
                         newly-red or newly-met."
                    ))
                })
            })
            .transpose()?,
    })
}

/// The dashboard's query string, as given.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct DashboardQuery {
    strategy: Option<String>,
    theme: Option<String>,
    lead: Option<String>,
    framework: Option<String>,
    period: Option<String>,
    status: Option<String>,
    all: Option<String>,
}

/// The dashboard of a forum, narrowed by the filters given (each optional; blank: all).
#[server(endpoint = "get_dashboard")]
pub async fn get_dashboard(
    forum: String,
    strategy: Option<String>,
    theme: Option<String>,
    lead: Option<String>,
    framework: Option<String>,
    period: Option<String>,
    status: Option<String>,
    all: Option<String>,
) -> Result<Dashboard, ApiError> {
    use crate::domain::role::Permission;
    let a = crate::api::guard::forum(&forum, Permission::ViewForum).await?;
    let filter = filter_of(DashboardQuery {
        strategy,
        theme,
        lead,
        framework,
        period,
        status,
        all,
    })?;
    Ok(crate::backend::dashboard::dashboard_kept(
        &a.ctx.db,
        &a.ctx.dashboards,
        &a.forum,
        filter,
        a.today,
    )
    .await?)
}

/// The chart as a file: for the page's image, and to save or paste into meeting papers.
#[cfg(feature = "ssr")]
pub mod chart {
    use super::{DashboardQuery, filter_of};
    use crate::api::ApiError;
    use crate::backend::context::AppContext;
    use crate::backend::web::RequestAuth;
    use crate::domain::role::Permission;
    use axum::Extension;
    use axum::extract::{Path, Query, State};
    use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
    use axum::response::{IntoResponse, Response};

    /// Handles `GET /forums/:forum/dashboard/chart.svg` with the page's rule (any role in the
    /// forum); answers 304 when the browser holds the same chart.
    pub async fn chart_svg(
        State(ctx): State<AppContext>,
        Path(slug): Path<String>,
        auth: Option<Extension<RequestAuth>>,
        headers: HeaderMap,
        Query(q): Query<DashboardQuery>,
    ) -> Response {
        let auth = auth.map(|Extension(a)| a).unwrap_or_default();
        let a = match crate::api::guard::forum_for_route(
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
        let filter = match filter_of(q) {
            Ok(f) => f,
            Err(e) => return e.into_response_plain(),
        };
        let page = match crate::backend::dashboard::dashboard_kept(
            &a.ctx.db,
            &a.ctx.dashboards,
            &a.forum,
            filter,
            a.today,
        )
        .await
        {
            Ok(p) => p,
            Err(e) => return ApiError::from(e).into_response_plain(),
        };
        let etag = format!(
            "\"{}\"",
            &crate::backend::import::sha256_hex(page.chart.as_bytes())[..32]
        );
        let private = [
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-cache"),
            ),
            (
                header::ETAG,
                HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\"")),
            ),
        ];
        if headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == etag))
        {
            return (StatusCode::NOT_MODIFIED, private).into_response();
        }
        (
            private,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("image/svg+xml; charset=utf-8"),
                ),
                // Opened on its own, the drawing may style itself and nothing more.
                (
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
                ),
            ],
            page.chart,
        )
            .into_response()
    }
}
