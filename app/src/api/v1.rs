//! The JSON API, version 1: read-only lists of a forum's strategies, themes, actions, targets,
//! progress updates and statuses, for councils' reporting tools (Power BI, Excel Power Query).
//!
//! - **Authorisation.** Every request carries a personal API token
//!   (`Authorization: Bearer fpt_…`, made on `/account/api-tokens`). It reads as its owner, with
//!   the roles they have now, under the same rule as the pages: any role in a forum may read it,
//!   and a forum the owner has no role in looks the same as one that does not exist. A session
//!   cookie is not a token: the API ignores it.
//! - **Pages.** Each list gives at most `limit` records (1 to 1000, 100 by default) in id order
//!   and `next`, the address of the page after it, or `null` on the last page (see
//!   `backend::api_v1`).
//! - **Errors** are JSON too: `{"error": {"status": 401, "code": "token_required", "message":
//!   "…"}}`, the message saying what to do.
//! - **The description** at `/api/v1/openapi.json` (OpenAPI 3.1) is generated from
//!   [`ENDPOINTS`], the same table the router is built from, and its schemas from the types the
//!   handlers return.
#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use crate::api::ApiError;
    use crate::backend::accounts::Caller;
    use crate::backend::api_v1::{
        self, ApiAction, ApiForum, ApiStatus, ApiStrategy, ApiTarget, ApiTheme, ApiUpdate, Listing,
        PageRequest,
    };
    use crate::backend::context::AppContext;
    use crate::domain::role::Permission;
    use axum::extract::{FromRef, Path, Query, State};
    use axum::http::{HeaderMap, StatusCode, header};
    use axum::response::{IntoResponse, Response};
    use axum::routing::{MethodRouter, get};
    use schemars::JsonSchema;
    use schemars::generate::{SchemaGenerator, SchemaSettings};
    use serde::Serialize;
    use serde_json::{Value, json};

    /// The path of the API's description.
    pub const OPENAPI_PATH: &str = "/api/v1/openapi.json";

    /// What one endpoint lists.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Lists {
        /// The forums the token reads.
        Forums,
        /// A forum's strategies.
        Strategies,
        /// Their themes.
        Themes,
        /// Their actions.
        Actions,
        /// Their targets.
        Targets,
        /// The targets' progress updates.
        Updates,
        /// The targets' statuses.
        Statuses,
    }

    /// One endpoint of the API: its path (with `{forum}` for a forum's URL name) and what it
    /// says about itself in the description.
    #[derive(Clone, Copy, Debug)]
    pub struct Endpoint {
        /// The path.
        pub path: &'static str,
        /// What it lists.
        pub lists: Lists,
        /// The operation's id in the description.
        pub operation_id: &'static str,
        /// One line on what it gives.
        pub summary: &'static str,
    }

    /// Every endpoint: the router serves these and the description describes these.
    pub const ENDPOINTS: [Endpoint; 7] = [
        Endpoint {
            path: "/api/v1/forums",
            lists: Lists::Forums,
            operation_id: "listForums",
            summary: "The forums the token's owner has a role in (every forum for an administrator).",
        },
        Endpoint {
            path: "/api/v1/forums/{forum}/strategies",
            lists: Lists::Strategies,
            operation_id: "listStrategies",
            summary: "The forum's live strategies.",
        },
        Endpoint {
            path: "/api/v1/forums/{forum}/themes",
            lists: Lists::Themes,
            operation_id: "listThemes",
            summary: "The themes of the forum's live strategies.",
        },
        Endpoint {
            path: "/api/v1/forums/{forum}/actions",
            lists: Lists::Actions,
            operation_id: "listActions",
            summary: "The actions of those themes.",
        },
        Endpoint {
            path: "/api/v1/forums/{forum}/targets",
            lists: Lists::Targets,
            operation_id: "listTargets",
            summary: "The targets of those actions.",
        },
        Endpoint {
            path: "/api/v1/forums/{forum}/updates",
            lists: Lists::Updates,
            operation_id: "listUpdates",
            summary: "The progress updates of those targets, in every state.",
        },
        Endpoint {
            path: "/api/v1/forums/{forum}/statuses",
            lists: Lists::Statuses,
            operation_id: "listStatuses",
            summary: "Each target's status as the pages show it, with the figure it was assessed on.",
        },
    ];

    /// The endpoint that lists `lists`.
    fn path_of(lists: Lists) -> &'static str {
        ENDPOINTS
            .iter()
            .find(|e| e.lists == lists)
            .map_or("/api/v1", |e| e.path)
    }

    /// A refusal or failure, as JSON.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct JsonError {
        status: StatusCode,
        code: &'static str,
        message: String,
    }

    impl JsonError {
        fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
            JsonError {
                status,
                code,
                message: message.into(),
            }
        }
    }

    impl IntoResponse for JsonError {
        fn into_response(self) -> Response {
            (
                self.status,
                [(header::CACHE_CONTROL, "no-store")],
                axum::Json(json!({"error": {
                    "status": self.status.as_u16(),
                    "code": self.code,
                    "message": self.message,
                }})),
            )
                .into_response()
        }
    }

    impl From<ApiError> for JsonError {
        fn from(e: ApiError) -> Self {
            let status =
                StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let code = match &e {
                ApiError::NotFound(_) => "not_found",
                ApiError::Forbidden | ApiError::NoForumAccess => "no_access",
                ApiError::SignInRequired => "token_required",
                ApiError::PasswordChangeRequired => "password_change_required",
                ApiError::Invalid(_) | ApiError::Fields(_) => "invalid",
                _ => "internal",
            };
            let message = match e {
                ApiError::NoForumAccess => "The token's owner has no role in this forum, or there is no forum with this URL name. GET /api/v1/forums lists the forums the token reads.".to_owned(),
                other => other.to_string(),
            };
            JsonError::new(status, code, message)
        }
    }

    impl From<crate::backend::error::BackendError> for JsonError {
        fn from(e: crate::backend::error::BackendError) -> Self {
            tracing::error!(error = %e, "api v1");
            ApiError::from(e).into()
        }
    }

    /// The caller behind the request's bearer token.
    async fn token_caller(ctx: &AppContext, headers: &HeaderMap) -> Result<Caller, JsonError> {
        let Some(value) = headers.get(header::AUTHORIZATION) else {
            return Err(JsonError::new(
                StatusCode::UNAUTHORIZED,
                "token_required",
                "Send a personal API token in the header `Authorization: Bearer fpt_…`. A forum's coordinator makes one on /account/api-tokens.",
            ));
        };
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        match crate::backend::api_tokens::caller_for_token(&ctx.db, token, chrono::Utc::now())
            .await?
        {
            Some(caller) => Ok(caller),
            None => Err(JsonError::new(
                StatusCode::UNAUTHORIZED,
                "token_invalid",
                "The token is not valid: it was revoked, its account is disabled, or it was copied wrongly. Make a new one on /account/api-tokens.",
            )),
        }
    }

    /// The query string of a list: its page.
    #[derive(Debug, Default, serde::Deserialize)]
    pub struct PageQuery {
        limit: Option<String>,
        after: Option<String>,
    }

    fn page_of(q: &PageQuery) -> Result<PageRequest, JsonError> {
        PageRequest::parse(q.limit.as_deref(), q.after.as_deref())
            .map_err(|m| JsonError::new(StatusCode::BAD_REQUEST, "bad_request", m))
    }

    fn next_link(path: &str, page: PageRequest, next_after: Option<i32>) -> Value {
        next_after.map_or(Value::Null, |after| {
            Value::String(format!("{path}?limit={}&after={after}", page.limit))
        })
    }

    fn answer<T: Serialize>(path: &str, page: PageRequest, listing: Listing<T>) -> Response {
        (
            [(header::CACHE_CONTROL, "no-store")],
            axum::Json(json!({
                "data": listing.data,
                "next": next_link(path, page, listing.next_after),
            })),
        )
            .into_response()
    }

    async fn forums(
        State(ctx): State<AppContext>,
        headers: HeaderMap,
        Query(q): Query<PageQuery>,
    ) -> Result<Response, JsonError> {
        let caller = token_caller(&ctx, &headers).await?;
        let page = page_of(&q)?;
        let mut all: Vec<ApiForum> = if caller.user.is_admin {
            crate::backend::accounts::list_forums(&ctx.db)
                .await?
                .into_iter()
                .map(|f| ApiForum {
                    role: caller
                        .role_in(f.id)
                        .map_or("administrator", |r| r.as_str())
                        .to_owned(),
                    id: f.id,
                    slug: f.slug,
                    name: f.name,
                })
                .collect()
        } else {
            caller
                .memberships
                .iter()
                .map(|m| ApiForum {
                    id: m.forum.id,
                    slug: m.forum.slug.clone(),
                    name: m.forum.name.clone(),
                    role: m.role.as_str().to_owned(),
                })
                .collect()
        };
        all.sort_by_key(|f| f.id);
        all.retain(|f| f.id > page.after);
        let limit = usize::try_from(page.limit).unwrap_or(usize::MAX);
        let next_after = (all.len() > limit).then(|| all[limit - 1].id);
        all.truncate(limit);
        Ok(answer(
            path_of(Lists::Forums),
            page,
            Listing {
                data: all,
                next_after,
            },
        ))
    }

    /// The forum of the path, for a caller allowed to read it (the pages' rule).
    async fn forum_for(
        ctx: &AppContext,
        headers: &HeaderMap,
        slug: &str,
    ) -> Result<crate::api::guard::ForumAccess, JsonError> {
        let caller = token_caller(ctx, headers).await?;
        Ok(crate::api::guard::forum_of(
            ctx.clone(),
            caller,
            chrono::Utc::now().date_naive(),
            slug,
            Permission::ViewForum,
        )
        .await?)
    }

    macro_rules! forum_list {
        ($name:ident, $lists:expr, |$a:ident, $page:ident| $load:expr) => {
            async fn $name(
                State(ctx): State<AppContext>,
                Path(slug): Path<String>,
                headers: HeaderMap,
                Query(q): Query<PageQuery>,
            ) -> Result<Response, JsonError> {
                let $a = forum_for(&ctx, &headers, &slug).await?;
                let $page = page_of(&q)?;
                let listing = $load.await?;
                let path = path_of($lists).replace("{forum}", &$a.forum.slug);
                Ok(answer(&path, $page, listing))
            }
        };
    }

    forum_list!(strategies, Lists::Strategies, |a, page| api_v1::strategies(
        &a.ctx.db, &a.forum, page
    ));
    forum_list!(themes, Lists::Themes, |a, page| api_v1::themes(
        &a.ctx.db, &a.forum, page
    ));
    forum_list!(actions, Lists::Actions, |a, page| api_v1::actions(
        &a.ctx.db, &a.forum, page
    ));
    forum_list!(targets, Lists::Targets, |a, page| api_v1::targets(
        &a.ctx.db, &a.forum, page
    ));
    forum_list!(updates, Lists::Updates, |a, page| api_v1::updates(
        &a.ctx.db, &a.forum, page
    ));
    forum_list!(statuses, Lists::Statuses, |a, page| api_v1::statuses(
        &a.ctx.db, &a.forum, page, a.today
    ));

    /// The router's entries for the API, one per [`ENDPOINTS`] entry, in the same order.
    pub fn routes<S>() -> Vec<(&'static Endpoint, MethodRouter<S>)>
    where
        S: Clone + Send + Sync + 'static,
        AppContext: FromRef<S>,
    {
        ENDPOINTS
            .iter()
            .map(|e| {
                let handler = match e.lists {
                    Lists::Forums => get(forums),
                    Lists::Strategies => get(strategies),
                    Lists::Themes => get(themes),
                    Lists::Actions => get(actions),
                    Lists::Targets => get(targets),
                    Lists::Updates => get(updates),
                    Lists::Statuses => get(statuses),
                };
                (e, handler)
            })
            .collect()
    }

    fn item_schema(lists: Lists, generator: &mut SchemaGenerator) -> schemars::Schema {
        fn of<T: JsonSchema>(g: &mut SchemaGenerator) -> schemars::Schema {
            g.subschema_for::<T>()
        }
        match lists {
            Lists::Forums => of::<ApiForum>(generator),
            Lists::Strategies => of::<ApiStrategy>(generator),
            Lists::Themes => of::<ApiTheme>(generator),
            Lists::Actions => of::<ApiAction>(generator),
            Lists::Targets => of::<ApiTarget>(generator),
            Lists::Updates => of::<ApiUpdate>(generator),
            Lists::Statuses => of::<ApiStatus>(generator),
        }
    }

    /// The API's OpenAPI 3.1 description, made from [`ENDPOINTS`] and the handlers' types.
    pub fn openapi() -> Value {
        let mut settings = SchemaSettings::draft2020_12();
        settings.definitions_path = "/components/schemas".into();
        settings.meta_schema = None;
        let mut generator = SchemaGenerator::new(settings);
        let error = json!({
            "description": "The request was refused or failed; the message says what to do.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        });
        let mut paths = serde_json::Map::new();
        for e in &ENDPOINTS {
            let item = item_schema(e.lists, &mut generator);
            let mut parameters = Vec::new();
            if e.path.contains("{forum}") {
                parameters.push(json!({
                    "name": "forum", "in": "path", "required": true,
                    "description": "The forum's URL name (the `slug` of GET /api/v1/forums).",
                    "schema": {"type": "string"}
                }));
            }
            parameters.push(json!({
                "name": "limit", "in": "query", "required": false,
                "description": "How many records a page holds.",
                "schema": {"type": "integer", "minimum": 1, "maximum": api_v1::MAX_LIMIT, "default": api_v1::DEFAULT_LIMIT}
            }));
            parameters.push(json!({
                "name": "after", "in": "query", "required": false,
                "description": "The id the page starts after: follow `next` rather than making it up.",
                "schema": {"type": "integer", "minimum": 0}
            }));
            let mut responses = serde_json::Map::new();
            responses.insert(
                "200".to_owned(),
                json!({
                    "description": "One page of records.",
                    "content": {"application/json": {"schema": {
                        "type": "object",
                        "required": ["data", "next"],
                        "properties": {
                            "data": {"type": "array", "items": item},
                            "next": {"type": ["string", "null"], "description": "The address of the next page; null on the last."}
                        }
                    }}}
                }),
            );
            let mut codes = vec!["400", "401"];
            if e.path.contains("{forum}") {
                codes.push("403");
            }
            for code in codes {
                responses.insert(code.to_owned(), error.clone());
            }
            paths.insert(
                e.path.to_owned(),
                json!({"get": {
                    "operationId": e.operation_id,
                    "summary": e.summary,
                    "security": [{"token": []}],
                    "parameters": parameters,
                    "responses": responses,
                }}),
            );
        }
        let mut schemas = generator.take_definitions(true);
        schemas.insert(
            "Error".to_owned(),
            json!({
                "type": "object",
                "required": ["error"],
                "properties": {"error": {
                    "type": "object",
                    "required": ["status", "code", "message"],
                    "properties": {
                        "status": {"type": "integer"},
                        "code": {"type": "string", "enum": ["token_required", "token_invalid", "no_access", "not_found", "bad_request", "invalid", "password_change_required", "internal"]},
                        "message": {"type": "string"}
                    }
                }}
            }),
        );
        json!({
            "openapi": "3.1.0",
            "info": {
                "title": "ForumPlan API",
                "version": "1.0.0",
                "description": "Read-only access to the plans of the forums a personal API token's owner belongs to: strategies, themes, actions, targets, progress updates and statuses. Lists are paged: follow `next` until it is null."
            },
            "servers": [{"url": "/"}],
            "paths": paths,
            "components": {
                "schemas": schemas,
                "securitySchemes": {"token": {
                    "type": "http", "scheme": "bearer",
                    "description": "A personal API token (fpt_…), made by a forum's coordinator on /account/api-tokens."
                }}
            }
        })
    }

    /// Serves [`openapi`] to anyone: it describes the API and holds no data.
    pub async fn openapi_json() -> Response {
        (
            [(header::CACHE_CONTROL, "public, max-age=300")],
            axum::Json(openapi()),
        )
            .into_response()
    }
}
