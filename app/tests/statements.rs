//! Every page runs a fixed number of SQL statements, whatever the size of the plan.
#![cfg(feature = "ssr")]
mod common;

use app::backend::entity::{action, partner, progress_update, strategy, target, theme};
use app::backend::{action_page, forums, indicators, partners, plan_edit, progress, strategy_page};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

/// The first day of the `q`th quarter from April 2005.
fn quarter_start(q: u32) -> NaiveDate {
    d(2005, 4, 1)
        .checked_add_months(chrono::Months::new(3 * q))
        .expect("date")
}

/// Statements run by each page of the demo forum, in a fixed order.
async fn statements_per_page(
    db: &DatabaseConnection,
    counter: &AtomicUsize,
) -> Vec<(&'static str, usize)> {
    let today = d(2026, 11, 22);
    let first_action = action::Entity::find()
        .one(db)
        .await
        .expect("q")
        .expect("action")
        .id;
    let lead = partner::Entity::find()
        .one(db)
        .await
        .expect("q")
        .expect("partner")
        .id;
    let mut out = Vec::new();
    let mut measure = |name: &'static str, before: usize| {
        out.push((name, counter.load(Ordering::SeqCst) - before))
    };
    let n = counter.load(Ordering::SeqCst);
    forums::home(db, "wolverhampton", today)
        .await
        .expect("home");
    measure("forum home", n);
    let n = counter.load(Ordering::SeqCst);
    strategy_page::load(db, "wolverhampton", "dv-strategy-2005-2007", today)
        .await
        .expect("strategy");
    measure("strategy", n);
    let n = counter.load(Ordering::SeqCst);
    action_page::load(db, "wolverhampton", first_action, today)
        .await
        .expect("action");
    measure("action", n);
    let n = counter.load(Ordering::SeqCst);
    partners::page(db, "wolverhampton", lead, today)
        .await
        .expect("partner");
    measure("partner", n);
    let n = counter.load(Ordering::SeqCst);
    indicators::list(db, "wolverhampton")
        .await
        .expect("indicators");
    measure("indicators", n);
    let forum = app::backend::plan::forum_by_slug(db, "wolverhampton")
        .await
        .expect("forum");
    let n = counter.load(Ordering::SeqCst);
    plan_edit::strategy_editor(db, &forum, "dv-strategy-2005-2007")
        .await
        .expect("strategy editor");
    measure("strategy editor", n);
    let n = counter.load(Ordering::SeqCst);
    plan_edit::action_editor(db, &forum, first_action)
        .await
        .expect("action editor");
    measure("action editor", n);
    let n = counter.load(Ordering::SeqCst);
    plan_edit::resources_page(db, &forum, true)
        .await
        .expect("resources");
    measure("resources", n);
    let on = forum.fixed_date.unwrap_or(today);
    let n = counter.load(Ordering::SeqCst);
    progress::returns_page(db, &forum, on)
        .await
        .expect("returns");
    measure("returns", n);
    let member = member(db).await;
    let n = counter.load(Ordering::SeqCst);
    progress::my_updates(db, &forum, &member, on)
        .await
        .expect("my updates");
    measure("my updates", n);
    // A target of an action the member's agency leads: the page also finds the next return.
    let haven = member.memberships[0].partner.as_ref().expect("agency").id;
    let haven_action = action::Entity::find()
        .filter(action::Column::LeadPartnerId.eq(haven))
        .one(db)
        .await
        .expect("q")
        .expect("a Haven action");
    let t = target::Entity::find()
        .filter(target::Column::ActionId.eq(haven_action.id))
        .one(db)
        .await
        .expect("q")
        .expect("target");
    let n = counter.load(Ordering::SeqCst);
    progress::update_page(db, &forum, &member, t.id, None, on)
        .await
        .expect("update page");
    measure("update page", n);
    let n = counter.load(Ordering::SeqCst);
    app::backend::dashboard::dashboard(
        db,
        &forum,
        app::domain::dashboard::DashboardFilter::default(),
        on,
    )
    .await
    .expect("dashboard");
    measure("dashboard", n);
    // A review of the whole plan with an action arising (opening it is not measured).
    let ed = app::backend::plan_edit::Editor::command_line(&forum);
    let review = app::backend::review::open_review(
        db,
        &ed,
        None,
        on,
        app::backend::review::OpenReview {
            strategy: None,
            period_start: app::backend::plan::calendar(&forum)
                .period_containing(on, app::domain::target::Frequency::Quarterly)
                .start,
            title: String::new(),
            held_on: None,
        },
    )
    .await
    .expect("review")
    .id;
    app::backend::review::add_minute(
        db,
        &ed,
        review,
        app::backend::review::MinuteInput {
            kind: app::domain::review::DecisionKind::ActionArising,
            text: "Chase the returns".to_owned(),
            owner: Some("Police".to_owned()),
            due: Some(on),
        },
    )
    .await
    .expect("minute");
    let n = counter.load(Ordering::SeqCst);
    app::backend::review::reviews_page(db, &forum, on, true)
        .await
        .expect("reviews");
    measure("reviews", n);
    let n = counter.load(Ordering::SeqCst);
    app::backend::review::review_page(db, &forum, review, on, true, true)
        .await
        .expect("review");
    measure("review and its pack", n);
    // Import: a sheet of the demo's size (staging it is not measured).
    let upload = app::backend::import::stage::stage(
        db,
        &app::backend::plan_edit::Editor::command_line(&forum),
        "wolverhampton-dv-action-plan.xlsx",
        include_bytes!("fixtures/wolverhampton-dv-action-plan.xlsx"),
    )
    .await
    .expect("staged");
    let n = counter.load(Ordering::SeqCst);
    app::backend::import::stage::import_page(db, &forum)
        .await
        .expect("import page");
    measure("import page", n);
    let n = counter.load(Ordering::SeqCst);
    app::backend::import::stage::preview(db, &forum, upload)
        .await
        .expect("import preview");
    measure("import preview", n);
    // A funder's report of the whole strategy (making the link is not measured).
    let strategy_id = strategy::Entity::find()
        .one(db)
        .await
        .expect("q")
        .expect("strategy")
        .id;
    let link = app::backend::share::create(
        db,
        &forum,
        member.user.id,
        &app::domain::share::NewShare {
            label: "Funder".to_owned(),
            scope: app::domain::share::ScopeKind::Strategy,
            scope_id: strategy_id,
            parts: app::domain::share::Part::ALL.to_vec(),
            expires_on: chrono::Utc::now().date_naive() + chrono::Duration::days(7),
        },
        chrono::Utc::now(),
    )
    .await
    .expect("link");
    let n = counter.load(Ordering::SeqCst);
    app::backend::share::open(db, &link.token, chrono::Utc::now())
        .await
        .expect("report")
        .expect("opens");
    measure("funder report", n);
    let n = counter.load(Ordering::SeqCst);
    app::backend::share::page(db, &forum, chrono::Utc::now())
        .await
        .expect("share links");
    measure("share links", n);
    // Exports of the whole forum: the plan as a workbook, the history as CSV.
    for (name, content, format) in [
        (
            "export plan",
            app::domain::spreadsheet::ExportContent::Plan,
            app::domain::spreadsheet::ExportFormat::Xlsx,
        ),
        (
            "export updates",
            app::domain::spreadsheet::ExportContent::Updates,
            app::domain::spreadsheet::ExportFormat::Csv,
        ),
    ] {
        let n = counter.load(Ordering::SeqCst);
        app::backend::export::export(
            db,
            &forum,
            &app::domain::spreadsheet::ExportRequest {
                strategy: None,
                content,
                format,
                layout: app::domain::spreadsheet::SheetLayout::Flat,
            },
            today,
        )
        .await
        .expect("export");
        measure(name, n);
    }
    // The JSON API's pages of 1000 (the caller is looked up from the token separately).
    let page = app::backend::api_v1::PageRequest {
        limit: 1000,
        after: 0,
    };
    let n = counter.load(Ordering::SeqCst);
    app::backend::api_v1::targets(db, &forum, page)
        .await
        .expect("targets");
    measure("api targets", n);
    let n = counter.load(Ordering::SeqCst);
    app::backend::api_v1::updates(db, &forum, page)
        .await
        .expect("updates");
    measure("api updates", n);
    let n = counter.load(Ordering::SeqCst);
    app::backend::api_v1::statuses(db, &forum, page, today)
        .await
        .expect("statuses");
    measure("api statuses", n);
    out
}

/// The demo member (The Haven), loaded without counting.
async fn member(db: &DatabaseConnection) -> app::backend::accounts::Caller {
    use app::backend::entity::app_user;
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq("member@forumplan.example"))
        .one(db)
        .await
        .expect("q")
        .expect("member");
    let memberships = app::backend::accounts::memberships_of(db, user.id)
        .await
        .expect("memberships");
    app::backend::accounts::Caller { user, memberships }
}

/// Adds a theme of 30 actions, each led by `lead` with 3 targets of 4 updates.
async fn grow_the_plan(db: &DatabaseConnection, lead: i32) {
    let st = strategy::Entity::find()
        .one(db)
        .await
        .expect("q")
        .expect("strategy");
    let th = theme::ActiveModel {
        strategy_id: Set(st.id),
        title: Set("Added theme".to_owned()),
        position: Set(99),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("theme");
    let now = chrono::Utc::now();
    for a in 0..30 {
        let act = action::ActiveModel {
            theme_id: Set(th.id),
            title: Set(format!("Added action {a}")),
            lead_partner_id: Set(Some(lead)),
            position: Set(a),
            version: Set(1),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("action");
        for t in 0..3 {
            let tgt = target::ActiveModel {
                action_id: Set(act.id),
                title: Set(format!("Added target {t}")),
                kind: Set("count".to_owned()),
                direction: Set("at_least".to_owned()),
                target_value: Set(Some(10.0)),
                frequency: Set("quarterly".to_owned()),
                position: Set(t),
                version: Set(1),
                ..Default::default()
            }
            .insert(db)
            .await
            .expect("target");
            for q in 0..4u32 {
                progress_update::ActiveModel {
                    target_id: Set(tgt.id),
                    period_start: Set(quarter_start(q)),
                    period_end: Set(quarter_start(q + 1).pred_opt().expect("date")),
                    value_number: Set(Some(f64::from(q) * 2.0)),
                    is_public: Set(false),
                    state: Set("approved".to_owned()),
                    created_at: Set(now),
                    updated_at: Set(now),
                    version: Set(1),
                    ..Default::default()
                }
                .insert(db)
                .await
                .expect("update");
            }
        }
    }
}

#[tokio::test]
async fn statement_counts_do_not_grow_with_the_plan() {
    for b in common::backends() {
        let mut db = common::with_demo(b).await;
        app::backend::demo::load_accounts(&db, "wolverhampton", "a-test-password-1")
            .await
            .expect("demo accounts");
        let counter = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&counter);
        db.set_metric_callback(move |_| {
            seen.fetch_add(1, Ordering::SeqCst);
        });
        let small = statements_per_page(&db, &counter).await;
        let lead = partner::Entity::find()
            .one(&db)
            .await
            .expect("q")
            .expect("partner")
            .id;
        grow_the_plan(&db, lead).await;
        let large = statements_per_page(&db, &counter).await;
        eprintln!("{b}: statements per page {small:?}, after growing the plan {large:?}");
        for ((page, before), (_, after)) in small.iter().zip(&large) {
            // The update page also works out the reader's next return ("my updates": 8).
            // The dashboard also counts the returns (their page: 8); the partner page lists
            // what the agency owes.
            let ceiling = if matches!(*page, "update page" | "dashboard" | "partner") {
                20
            } else {
                12
            };
            assert!(*before <= ceiling, "{b}: {page} runs {before} statements");
            assert_eq!(
                before, after,
                "{b}: {page} ran {before} statements, then {after} on a larger plan"
            );
        }
    }
}
