//! What the router tests share: a migrated SQLite database with the demo forum, its demo
//! accounts and a second forum, the real router over it, and ways to call it as each account.
#![allow(dead_code, reason = "each test file uses a different subset")]

use app::backend::accounts::create_forum;
use app::backend::context::AppContext;
use app::backend::entity::{action, app_user, indicator, partner, progress_update, target};
use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, Response, StatusCode, header};
use leptos::prelude::LeptosOptions;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Statement,
};
use server::front_door::FrontDoor;
use server::routes::router_with;
use std::collections::BTreeMap;
use tower::ServiceExt;

pub const HOST: &str = "forumplan.test";

/// One runtime for every test of a test binary. Leptos keeps process-wide state (its task
/// spawner among it); with a runtime per test, a page rendered after another test's runtime had
/// shut down could wait for ever on a task handed to that dead runtime.
static RUNTIME: std::sync::LazyLock<tokio::runtime::Runtime> = std::sync::LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("test runtime")
});

/// Tests of one binary run one at a time: two fixtures rendering pages at once in one process
/// were seen to stall for good now and then (one in ten runs; each alone never did). Serving
/// requests concurrently through one router, as the server does, is covered by the browser
/// tests; this only keeps these tests from building several routers side by side.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs a test's body on the shared runtime, one test at a time.
pub fn run<F: std::future::Future>(test: F) -> F::Output {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    RUNTIME.block_on(test)
}
pub const OTHER_FORUM: &str = "Kent and Medway DV Strategy Group";
pub const DEMO_PASSWORD: &str = "forumplan-demo";

/// Who calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Who {
    SignedOut,
    Admin,
    Coordinator,
    Member,
    Viewer,
}

pub const EVERYONE: [Who; 5] = [
    Who::SignedOut,
    Who::Admin,
    Who::Coordinator,
    Who::Member,
    Who::Viewer,
];

/// Which forum the call is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    Own,
    Other,
}

pub struct Fixture {
    pub db: DatabaseConnection,
    pub router: Router,
    pub users: BTreeMap<Who, i32>,
    pub forum_a: String,
    pub forum_b: String,
    pub strategy: String,
    pub action: i32,
    pub partner: i32,
    pub indicator: i32,
    pub theme: i32,
    pub target: i32,
    /// A target of an action the demo member's agency (The Haven) leads.
    pub haven_target: i32,
    /// The demo's update waiting for approval.
    pub submitted_update: i32,
    /// A spreadsheet uploaded for import into the own forum, not yet imported.
    pub upload: i32,
    /// An open review of the own forum.
    pub review: i32,
    /// An action arising recorded in that review.
    pub minute: i32,
    /// An open share link of the own forum (its token), and the link's id.
    pub share_token: String,
    pub share_link: i32,
}

pub async fn fixture() -> Fixture {
    let dir = std::env::temp_dir().join("forumplan-authz-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let path = dir.join(format!("authz-{}-{n}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let db = app::backend::db::connect(&format!("sqlite://{}?mode=rwc", path.display()))
        .await
        .expect("connect");
    app::backend::db::migrate(&db).await.expect("migrate");
    app::backend::demo::load(&db).await.expect("demo");
    app::backend::demo::load_accounts(&db, "wolverhampton", "forumplan-demo")
        .await
        .expect("demo accounts");
    let b = create_forum(&db, OTHER_FORUM, None).await.expect("forum B");
    let user = |email: &'static str| {
        let db = db.clone();
        async move {
            app_user::Entity::find()
                .filter(app_user::Column::Email.eq(email))
                .one(&db)
                .await
                .expect("query")
                .expect("demo account")
                .id
        }
    };
    let users = BTreeMap::from([
        (Who::Admin, user("admin@forumplan.example").await),
        (
            Who::Coordinator,
            user("coordinator@forumplan.example").await,
        ),
        (Who::Member, user("member@forumplan.example").await),
        (Who::Viewer, user("viewer@forumplan.example").await),
    ]);
    let first_action = action::Entity::find()
        .order_by_asc(action::Column::Id)
        .one(&db)
        .await
        .expect("query")
        .expect("an action");
    let (action, theme) = (first_action.id, first_action.theme_id);
    let target = target::Entity::find()
        .order_by_asc(target::Column::Id)
        .one(&db)
        .await
        .expect("query")
        .expect("a target")
        .id;
    let partner = partner::Entity::find()
        .order_by_asc(partner::Column::Id)
        .one(&db)
        .await
        .expect("query")
        .expect("a partner")
        .id;
    let indicator = indicator::Entity::find()
        .order_by_asc(indicator::Column::Id)
        .one(&db)
        .await
        .expect("query")
        .expect("an indicator")
        .id;
    let haven = partner::Entity::find()
        .filter(partner::Column::Name.eq("The Haven Wolverhampton"))
        .one(&db)
        .await
        .expect("query")
        .expect("the Haven")
        .id;
    let haven_action = action::Entity::find()
        .filter(action::Column::LeadPartnerId.eq(haven))
        .order_by_asc(action::Column::Id)
        .one(&db)
        .await
        .expect("query")
        .expect("an action the Haven leads")
        .id;
    let haven_target = target::Entity::find()
        .filter(target::Column::ActionId.eq(haven_action))
        .order_by_asc(target::Column::Id)
        .one(&db)
        .await
        .expect("query")
        .expect("a Haven target")
        .id;
    let submitted_update = progress_update::Entity::find()
        .filter(progress_update::Column::State.eq("submitted"))
        .one(&db)
        .await
        .expect("query")
        .expect("a submitted update")
        .id;
    let forum_a = app::backend::plan::forum_by_slug(&db, "wolverhampton")
        .await
        .expect("forum A");
    let upload = app::backend::import::stage::stage(
        &db,
        &app::backend::plan_edit::Editor::command_line(&forum_a),
        "plan.csv",
        b"Theme,Action,Lead,Target\nSafety,Authz sanctuary scheme,The Haven Wolverhampton,40 homes made safe\n",
    )
    .await
    .expect("an upload");
    let ed = app::backend::plan_edit::Editor::command_line(&forum_a);
    let today = chrono::NaiveDate::from_ymd_opt(2006, 10, 20).expect("date");
    let review = app::backend::review::open_review(
        &db,
        &ed,
        None,
        today,
        app::backend::review::OpenReview {
            strategy: None,
            period_start: chrono::NaiveDate::from_ymd_opt(2006, 7, 1).expect("date"),
            title: "Authz review".to_owned(),
            held_on: None,
        },
    )
    .await
    .expect("a review")
    .id;
    let minute = app::backend::review::add_minute(
        &db,
        &ed,
        review,
        app::backend::review::MinuteInput {
            kind: app::domain::review::DecisionKind::ActionArising,
            text: "Chase the Q2 returns".to_owned(),
            owner: Some("The Haven Wolverhampton".to_owned()),
            due: Some(today),
        },
    )
    .await
    .expect("an action arising")
    .id;
    let strategy_a = app::backend::plan::live_strategies(&db, forum_a.id)
        .await
        .expect("strategies")
        .remove(0);
    let share = app::backend::share::create(
        &db,
        &forum_a,
        users[&Who::Coordinator],
        &app::domain::share::NewShare {
            label: "Authz funder".to_owned(),
            scope: app::domain::share::ScopeKind::Strategy,
            scope_id: strategy_a.id,
            parts: app::domain::share::Part::ALL.to_vec(),
            expires_on: chrono::Utc::now().date_naive() + chrono::Duration::days(30),
        },
        chrono::Utc::now(),
    )
    .await
    .expect("a share link");
    let options = LeptosOptions::builder().output_name("forumplan").build();
    let router = router_with(options, AppContext::new(db.clone()), FrontDoor::default());
    Fixture {
        db,
        router,
        users,
        forum_a: "wolverhampton".to_owned(),
        forum_b: b.slug,
        strategy: "dv-strategy-2005-2007".to_owned(),
        action,
        partner,
        indicator,
        theme,
        target,
        haven_target,
        submitted_update,
        upload,
        review,
        minute,
        share_token: share.token,
        share_link: share.id,
    }
}

impl Fixture {
    pub fn forum(&self, side: Side) -> &str {
        match side {
            Side::Own => &self.forum_a,
            Side::Other => &self.forum_b,
        }
    }

    /// A session cookie for `who` (a new session each call, so that signing out in one cell
    /// does not affect the next).
    pub async fn cookie(&self, who: Who) -> Option<String> {
        let id = *self.users.get(&who)?;
        let s = app::backend::sessions::start(&self.db, id, chrono::Utc::now())
            .await
            .expect("session");
        Some(format!("fp_session={}", s.token))
    }

    pub async fn version_of(&self, who: Who) -> i32 {
        app_user::Entity::find_by_id(self.users[&who])
            .one(&self.db)
            .await
            .expect("query")
            .expect("user")
            .version
    }

    /// Everything in the database but sessions, as text: equal before and after means nothing
    /// was written.
    pub async fn snapshot(&self) -> String {
        let backend = self.db.get_database_backend();
        let tables = self
            .db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN \
                 ('session_record', 'seaql_migrations') AND name NOT LIKE 'sqlite_%' ORDER BY name",
            ))
            .await
            .expect("tables");
        let mut out = String::new();
        for t in tables {
            let name: String = t.try_get("", "name").expect("name");
            let columns = self
                .db
                .query_all_raw(Statement::from_string(
                    backend,
                    format!("SELECT name FROM pragma_table_info('{name}')"),
                ))
                .await
                .expect("columns");
            let cols: Vec<String> = columns
                .iter()
                .map(|c| {
                    format!(
                        "quote(\"{}\")",
                        c.try_get::<String>("", "name").expect("column")
                    )
                })
                .collect();
            let sql = format!(
                "SELECT count(*) AS n, coalesce(group_concat({}, '|'), '') AS dump FROM (SELECT * FROM \"{name}\" ORDER BY rowid)",
                cols.join(" || ',' || ")
            );
            let row = self
                .db
                .query_one_raw(Statement::from_string(backend, sql))
                .await
                .expect("dump")
                .expect("a row");
            let n: i64 = row.try_get("", "n").expect("n");
            let dump: String = row.try_get("", "dump").expect("dump");
            out.push_str(&format!("{name}:{n}:{dump}\n"));
        }
        out
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        who: Who,
        body: String,
    ) -> (StatusCode, String) {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, format!("http://{HOST}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json");
        if let Some(cookie) = self.cookie(who).await {
            request = request.header(header::COOKIE, cookie);
        }
        let response = self
            .send(request.body(Body::from(body)).expect("request"))
            .await;
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 4 * 1024 * 1024)
            .await
            .expect("body");
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    pub async fn page(&self, path: &str, who: Who) -> (StatusCode, Option<String>) {
        let mut request = Request::get(path)
            .header(header::HOST, HOST)
            .header(header::ACCEPT, "text/html");
        if let Some(cookie) = self.cookie(who).await {
            request = request.header(header::COOKIE, cookie);
        }
        let response = self
            .send(request.body(Body::empty()).expect("request"))
            .await;
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        (response.status(), location)
    }
}

/// A form post as a browser sends it from this site (accepting HTML).
pub fn browser_post(path: &str, body: &str) -> axum::http::request::Builder {
    let _ = body;
    Request::post(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
}

impl Fixture {
    /// Sends a request through the router.
    pub async fn send(&self, request: Request<Body>) -> Response<Body> {
        self.router
            .clone()
            .oneshot(request)
            .await
            .expect("response")
    }

    /// Calls a server function as the holder of `cookie` (a program's call: JSON back).
    pub async fn call_with(
        &self,
        path: &str,
        cookie: Option<&str>,
        body: &str,
    ) -> (StatusCode, String) {
        let mut request = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json");
        if let Some(c) = cookie {
            request = request.header(header::COOKIE, c);
        }
        let response = self
            .send(request.body(Body::from(body.to_owned())).expect("request"))
            .await;
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 4 * 1024 * 1024)
            .await
            .expect("body");
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }
}
