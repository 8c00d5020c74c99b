//! The authorisation matrix: every registered server function, every Leptos page route and every
//! other route, called as every kind of caller (signed out, administrator, and a coordinator,
//! member and viewer of forum A) against forum A ("own") and forum B ("other"). Each cell says
//! allowed or refused; a refused call must change nothing in the database.
//!
//! The lists come from the registries (`server_fn_paths`, `generate_route_list`, `extra_routes`),
//! and an endpoint without a policy below fails the test: a new one cannot be forgotten.
mod support;

use app::backend::entity::app_user;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use sea_orm::EntityTrait;
use server::routes::{RouteAccess, extra_routes};
use support::{EVERYONE, Fixture, HOST, Side, Who, fixture};

/// What an endpoint requires.
#[derive(Clone, Copy, Debug)]
enum Policy {
    /// Anyone.
    Public,
    /// Anyone signed in (a one-time password is enough for the password change itself).
    SignedIn,
    /// An administrator.
    Admin,
    /// A role in the forum the call names: any role.
    ForumView,
    /// A role in the forum: coordinator (or an administrator).
    ForumCoordinator,
    /// A role in the forum that records updates: coordinator or member (or an administrator).
    ForumRecorder,
    /// A coordinator of any forum, or an administrator (API tokens).
    AnyCoordinator,
}

fn allowed(policy: Policy, who: Who, side: Side) -> bool {
    match (policy, who) {
        (Policy::Public, _) => true,
        (_, Who::SignedOut) => false,
        (Policy::SignedIn, _) | (_, Who::Admin) => true,
        (Policy::Admin, _) => false,
        (Policy::ForumView, _) => side == Side::Own,
        (Policy::ForumCoordinator, w) => side == Side::Own && w == Who::Coordinator,
        (Policy::AnyCoordinator, w) => w == Who::Coordinator,
        (Policy::ForumRecorder, w) => {
            side == Side::Own && matches!(w, Who::Coordinator | Who::Member)
        }
    }
}

/// The policy of every server function, and the form body to call it with for a forum.
fn server_fn(f: &Fixture, endpoint: &str, side: Side, version: i32) -> Option<(Policy, String)> {
    let forum = f.forum(side);
    let user = f.users[&Who::Viewer];
    Some(match endpoint {
        "get_me" | "take_flash" => (Policy::Public, String::new()),
        "sign_in" => (
            Policy::Public,
            "email=nobody%40forumplan.example&password=wrong-password-here".to_owned(),
        ),
        "sign_out" => (Policy::Public, String::new()),
        "list_forums" => (Policy::SignedIn, String::new()),
        "change_password" => (
            Policy::SignedIn,
            "current=not-the-password&new_password=a-new-long-password&confirm=a-new-long-password"
                .to_owned(),
        ),
        "get_forum_home" | "get_partner_list" | "get_indicator_list" => {
            (Policy::ForumView, format!("forum={forum}"))
        }
        "get_strategy_page" => (
            Policy::ForumView,
            format!("forum={forum}&strategy={}", f.strategy),
        ),
        "get_action_page" => (Policy::ForumView, format!("forum={forum}&id={}", f.action)),
        "get_partner_page" => (Policy::ForumView, format!("forum={forum}&id={}", f.partner)),
        "get_indicator_page" => (
            Policy::ForumView,
            format!("forum={forum}&id={}", f.indicator),
        ),
        "get_action_history" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&id={}", f.action),
        ),
        "get_strategy_editor" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&strategy={}", f.strategy),
        ),
        "get_action_editor" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&id={}", f.action),
        ),
        "get_target_editor" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&id={}", f.target),
        ),
        "get_resources_page" => (Policy::ForumView, format!("forum={forum}")),
        "get_share_links" => (Policy::ForumCoordinator, format!("forum={forum}")),
        "create_share_link" => (
            Policy::ForumCoordinator,
            format!(
                "forum={forum}&label=Authz+funder&scope=strategy%3A1&shows%5Bstatuses%5D=on&expires_on={}",
                chrono::Utc::now().date_naive() + chrono::Duration::days(10)
            ),
        ),
        "revoke_share_link" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&id={}", f.share_link),
        ),
        "get_funder_report" => (Policy::Public, format!("token={}", f.share_token)),
        "get_api_tokens" => (Policy::SignedIn, String::new()),
        "create_api_token" => (Policy::AnyCoordinator, "label=Authz+tool".to_owned()),
        "revoke_api_token" => (Policy::SignedIn, "id=999999".to_owned()),
        "create_strategy" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&title=Authz+plan&period_start=2027-04-01&period_end=2030-03-31"),
        ),
        "update_strategy" => (
            Policy::ForumCoordinator,
            format!(
                "forum={forum}&id=1&version=1&title=Renamed&period_start=2005-04-01&period_end=2007-03-31&status=active"
            ),
        ),
        "create_theme" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&strategy_id=1&title=New+theme"),
        ),
        "update_theme" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&id={}&version=1&title=Renamed+theme", f.theme),
        ),
        "create_action" => (
            Policy::ForumCoordinator,
            format!(
                "forum={forum}&theme_id={}&title=New+action&lead=&new_lead=",
                f.theme
            ),
        ),
        "update_action" => (
            Policy::ForumCoordinator,
            format!(
                "forum={forum}&id={}&version=1&title=Renamed+action&supporting%5B{}%5D=on",
                f.action, f.partner
            ),
        ),
        "create_target" | "update_target" => (
            Policy::ForumCoordinator,
            format!(
                "forum={forum}&action_id={}&id={}&version=1&t%5Btitle%5D=Meetings&t%5Bkind%5D=count&t%5Bdirection%5D=at_least&t%5Btarget_value%5D=4",
                f.action, f.target
            ),
        ),
        "create_partner" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&name=Authz+Agency&sector=voluntary"),
        ),
        "update_partner" => (
            Policy::ForumCoordinator,
            format!(
                "forum={forum}&id={}&version=1&name=Renamed+Agency&sector=statutory",
                f.partner
            ),
        ),
        "merge_partner" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&id={}&version=99&into=0", f.partner),
        ),
        "create_resource" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&name=Authz+fund&amount=100"),
        ),
        "update_resource" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&id=1&version=1&name=Fund"),
        ),
        "create_indicator" | "update_indicator" => (
            Policy::ForumCoordinator,
            format!(
                "forum={forum}&id={}&version=1&framework=local&code=AUTHZ-{}&title=Authz&polarity=higher_is_better",
                f.indicator, side as u8
            ),
        ),
        "adopt_indicator" => (Policy::ForumCoordinator, format!("forum={forum}&code=NI32")),
        "plan_item" => (
            Policy::ForumCoordinator,
            format!(
                "forum={forum}&kind=target&id={}&version=1&command=down",
                f.target
            ),
        ),
        "get_update_page" => (
            Policy::ForumView,
            format!("forum={forum}&target={}&period=2006-07-01", f.target),
        ),
        "record_update" => (
            Policy::ForumRecorder,
            format!(
                "forum={forum}&target={}&period=2006-07-01&version=0&command=save_draft&done=yes&narrative=In+place",
                f.haven_target
            ),
        ),
        "decide_update" => (
            Policy::ForumCoordinator,
            format!(
                "forum={forum}&id={}&version=1&decision=return&comment=Add+the+figures",
                f.submitted_update
            ),
        ),
        "override_status" => (
            Policy::ForumCoordinator,
            format!(
                "forum={forum}&target={}&version=1&status=at_risk&reason=Funding+gap",
                f.target
            ),
        ),
        "get_my_updates" => (Policy::ForumRecorder, format!("forum={forum}")),
        "get_import_page" => (Policy::ForumCoordinator, format!("forum={forum}")),
        "get_dashboard" => (Policy::ForumView, format!("forum={forum}&status=overdue")),
        "get_reviews" => (Policy::ForumView, format!("forum={forum}")),
        "get_review" => (
            Policy::ForumView,
            format!("forum={forum}&review={}", f.review),
        ),
        "open_review" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&strategy=&period=2006-07-01&title=Authz"),
        ),
        "add_minute" => (
            Policy::ForumCoordinator,
            format!(
                "forum={forum}&review={}&kind=decision&text=Agreed",
                f.review
            ),
        ),
        "record_outcome" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&minute={}&version=1&outcome=Done", f.minute),
        ),
        "make_plan_action" => (
            Policy::ForumCoordinator,
            format!(
                "forum={forum}&minute={}&version=1&theme={}",
                f.minute, f.theme
            ),
        ),
        "close_review" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&review={}&version=1", f.review),
        ),
        "get_import_preview" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&id={}", f.upload),
        ),
        "set_import_mapping" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&id={}&version=1&role%5B0%5D=theme", f.upload),
        ),
        "commit_upload" => (
            Policy::ForumCoordinator,
            format!("forum={forum}&id={}&version=1&into=0", f.upload),
        ),
        "get_returns_page" | "get_forum_settings" => {
            (Policy::ForumCoordinator, format!("forum={forum}"))
        }
        "update_forum_settings" => (
            Policy::ForumCoordinator,
            format!(
                "forum={forum}&version=1&fy_start_month=4&return_days=30&amber_tolerance=10&population=249470&small_number_threshold=5&fixed_date=2006-10-20"
            ),
        ),
        "get_users_page" => (Policy::Admin, String::new()),
        "get_audit_page" => (Policy::Admin, "filter[entity]=app_user".to_owned()),
        "invite_user" => (
            Policy::Admin,
            "email=new.person%40forumplan.example&name=New+Person&password=one-time-password-1\
             &forum_id=&role=viewer&partner_id=&is_admin=on"
                .to_owned(),
        ),
        "set_user_role" => (
            Policy::Admin,
            format!("user_id={user}&version={version}&forum_id=1&role=coordinator&partner_id="),
        ),
        "set_user_disabled" => (
            Policy::Admin,
            format!("user_id={user}&version={version}&disabled=true"),
        ),
        "reset_user_password" => (
            Policy::Admin,
            format!("user_id={user}&version={version}&password=one-time-password-2"),
        ),
        _ => return None,
    })
}

fn refused(status: StatusCode) -> bool {
    status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN
}

#[test]
fn every_server_function_refuses_whom_it_must_and_refused_calls_change_nothing() {
    support::run(async {
        let f = fixture().await;
        let mut paths: Vec<(String, Method)> = leptos::server_fn::axum::server_fn_paths()
            .map(|(p, m)| (p.to_owned(), m))
            .collect();
        paths.sort_by(|a, b| a.0.cmp(&b.0));
        assert!(paths.len() >= 19, "server functions registered: {paths:?}");
        let mut cells = 0;
        let mut failures = Vec::new();
        for (path, method) in &paths {
            let endpoint = path.trim_start_matches("/api/");
            // Calls as the administrator come last: they may change what the others call.
            for who in [
                Who::SignedOut,
                Who::Coordinator,
                Who::Member,
                Who::Viewer,
                Who::Admin,
            ] {
                for side in [Side::Own, Side::Other] {
                    let version = f.version_of(Who::Viewer).await;
                    let Some((policy, body)) = server_fn(&f, endpoint, side, version) else {
                        panic!("server function {path} has no policy in this test: add one");
                    };
                    let before = f.snapshot().await;
                    let (status, text) = f.call(method.clone(), path, who, body).await;
                    cells += 1;
                    if endpoint == "reset_user_password" && who == Who::Admin {
                        // The viewer now has a one-time password: the calls after this one
                        // are about roles, not about that, so the viewer chooses one.
                        let viewer = app_user::Entity::find_by_id(f.users[&Who::Viewer])
                            .one(&f.db)
                            .await
                            .expect("query")
                            .expect("viewer");
                        let mut row: app_user::ActiveModel = viewer.into();
                        row.must_change_password = sea_orm::Set(false);
                        sea_orm::ActiveModelTrait::update(row, &f.db)
                            .await
                            .expect("update");
                    }
                    let expect = allowed(policy, who, side);
                    if expect == refused(status) {
                        failures.push(format!(
                            "{path} as {who:?} ({side:?} forum): expected {}, got {status} {}",
                            if expect { "allowed" } else { "refused" },
                            text.chars().take(200).collect::<String>()
                        ));
                    }
                    if !expect && f.snapshot().await != before {
                        failures.push(format!("{path} as {who:?} ({side:?}): refused but wrote"));
                    }
                    if expect && status.is_server_error() {
                        failures.push(format!("{path} as {who:?} ({side:?}): {status} {text}"));
                    }
                }
            }
        }
        println!(
            "authorisation matrix, server functions: {} functions x {} callers x 2 forums = {cells} cells",
            paths.len(),
            EVERYONE.len()
        );
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    });
}

fn p_review(route: &str, forum: &str, review: i32) -> String {
    route
        .replace("{forum}", forum)
        .replace("{review}", &review.to_string())
}

/// A page route's policy and its path for a forum.
fn page(f: &Fixture, route: &str, side: Side) -> Option<(Policy, String)> {
    let forum = f.forum(side);
    let fill = |p: &str, id: i32| {
        p.replace("{forum}", forum)
            .replace("{strategy}", &f.strategy)
            .replace("{id}", &id.to_string())
    };
    Some(match route {
        "/sign-in" => (Policy::Public, route.to_owned()),
        "/" | "/account/password" | "/account/api-tokens" => (Policy::SignedIn, route.to_owned()),
        "/admin/users" | "/admin/audit" => (Policy::Admin, route.to_owned()),
        "/forums/{forum}" | "/forums/{forum}/partners" | "/forums/{forum}/indicators" => {
            (Policy::ForumView, fill(route, 0))
        }
        "/forums/{forum}/strategies/{strategy}" => (Policy::ForumView, fill(route, 0)),
        "/forums/{forum}/actions/{id}" => (Policy::ForumView, fill(route, f.action)),
        "/forums/{forum}/partners/{id}" => (Policy::ForumView, fill(route, f.partner)),
        "/forums/{forum}/indicators/{id}" => (Policy::ForumView, fill(route, f.indicator)),
        "/forums/{forum}/resources" => (Policy::ForumView, fill(route, 0)),
        "/forums/{forum}/strategies/{strategy}/edit" => (Policy::ForumCoordinator, fill(route, 0)),
        "/forums/{forum}/actions/{id}/edit" => (Policy::ForumCoordinator, fill(route, f.action)),
        "/forums/{forum}/targets/{id}/edit" => (Policy::ForumCoordinator, fill(route, f.target)),
        "/forums/{forum}/actions/{id}/history" => (Policy::ForumCoordinator, fill(route, f.action)),
        "/forums/{forum}/targets/{id}/update" => (Policy::ForumView, fill(route, f.target)),
        "/forums/{forum}/my-updates" => (Policy::ForumRecorder, fill(route, 0)),
        "/forums/{forum}/import" => (Policy::ForumCoordinator, fill(route, 0)),
        "/forums/{forum}/dashboard" | "/forums/{forum}/reviews" => {
            (Policy::ForumView, fill(route, 0))
        }
        "/forums/{forum}/reviews/{review}" | "/forums/{forum}/reviews/{review}/pack" => {
            (Policy::ForumView, p_review(route, forum, f.review))
        }
        "/forums/{forum}/import/{id}" => (Policy::ForumCoordinator, fill(route, f.upload)),
        "/forums/{forum}/share-links" => (Policy::ForumCoordinator, fill(route, 0)),
        "/report/{token}" => (Policy::Public, format!("/report/{}", f.share_token)),
        "/forums/{forum}/returns" | "/forums/{forum}/settings" => {
            (Policy::ForumCoordinator, fill(route, 0))
        }
        _ => return None,
    })
}

#[test]
fn every_page_and_route_refuses_whom_it_must() {
    support::run(async {
        let f = fixture().await;
        let mut routes: Vec<String> = leptos_axum::generate_route_list(app::App)
            .iter()
            .map(|r| r.path().to_owned())
            .collect();
        routes.sort();
        routes.dedup();
        let mut cells = 0;
        let mut failures = Vec::new();
        for route in &routes {
            for who in EVERYONE {
                for side in [Side::Own, Side::Other] {
                    let Some((policy, path)) = page(&f, route, side) else {
                        panic!("page route {route} has no policy in this test: add one");
                    };
                    let (status, location) = f.page(&path, who).await;
                    cells += 1;
                    let ok = if allowed(policy, who, side) {
                        // Admins see forum B, which has no strategy or action of those ids.
                        status == StatusCode::OK
                            || (who == Who::Admin
                                && side == Side::Other
                                && status == StatusCode::NOT_FOUND)
                    } else if who == Who::SignedOut {
                        status == StatusCode::FOUND
                            && location
                                .as_deref()
                                .is_some_and(|l| l.starts_with("/sign-in?next="))
                    } else {
                        status == StatusCode::FORBIDDEN
                    };
                    if !ok {
                        failures.push(format!(
                            "{path} as {who:?} ({side:?}): {status} {location:?}"
                        ));
                    }
                }
            }
        }
        let mut extra = 0;
        for (route, _) in extra_routes() {
            for who in EVERYONE {
                for side in [Side::Own, Side::Other] {
                    let per_forum = route.path.contains("{forum}");
                    if !per_forum && side == Side::Other {
                        continue;
                    }
                    let path = route.path.replace("{forum}", f.forum(side));
                    let before = f.snapshot().await;
                    let (status, _) = f
                        .call(route.method.clone(), &path, who, String::new())
                        .await;
                    extra += 1;
                    let expect = match route.access {
                        RouteAccess::Public => true,
                        RouteAccess::Admin => who == Who::Admin,
                        RouteAccess::ForumCoordinator => {
                            allowed(Policy::ForumCoordinator, who, side)
                        }
                        RouteAccess::ForumView => allowed(Policy::ForumView, who, side),
                        // A session cookie is not an API token (server/tests/api_v1.rs
                        // checks the tokens).
                        RouteAccess::ApiToken => false,
                    };
                    // An allowed upload without a file goes back to the import page.
                    let ok = if expect {
                        status == StatusCode::OK
                            || (route.access == RouteAccess::ForumCoordinator
                                && status == StatusCode::SEE_OTHER)
                            || (who == Who::Admin
                                && side == Side::Other
                                && status == StatusCode::NOT_FOUND)
                    } else if who == Who::SignedOut || route.access == RouteAccess::ApiToken {
                        status == StatusCode::UNAUTHORIZED
                    } else {
                        status == StatusCode::FORBIDDEN
                    };
                    if !ok {
                        failures.push(format!("{path} as {who:?}: {status}"));
                    }
                    if !expect && f.snapshot().await != before {
                        failures.push(format!("{path} as {who:?}: refused but wrote"));
                    }
                }
            }
        }
        println!(
            "authorisation matrix, pages: {} routes x {} callers x 2 forums = {cells} cells; other routes: {extra} cells",
            routes.len(),
            EVERYONE.len()
        );
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    });
}

#[test]
fn a_cross_site_form_post_is_refused_before_it_runs() {
    support::run(async {
        let f = fixture().await;
        let before = f.snapshot().await;
        let cookie = f.cookie(Who::Admin).await.expect("admin");
        for (origin, fetch_site) in [
            (Some("https://evil.example"), None),
            (None, Some("cross-site")),
        ] {
            let mut request = Request::post("/api/invite_user")
                .header(header::HOST, HOST)
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "text/html");
            if let Some(o) = origin {
                request = request.header(header::ORIGIN, o);
            }
            if let Some(s) = fetch_site {
                request = request.header("sec-fetch-site", s);
            }
            let body = "email=planted%40evil.example&name=Planted&password=planted-password-1&forum_id=&role=viewer&partner_id=&is_admin=on";
            let response = f
                .send(request.body(Body::from(body)).expect("request"))
                .await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN);
        }
        assert_eq!(f.snapshot().await, before, "nothing was written");
    });
}
