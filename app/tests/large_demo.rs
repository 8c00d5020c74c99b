//! The large installation's generator (`forumplan demo --size large`), on SQLite and PostgreSQL,
//! with its first two forums: the shape (4 strategies × 6 themes × 20 actions × 3 targets × 12
//! quarters a forum), the same rows from the same seed, pages that load on it, and a second load
//! that changes nothing.
#![cfg(feature = "ssr")]
mod common;

use app::backend::demo::large::{self, LargeOutcome};
use app::backend::entity::{action, progress_update, review, strategy, target};
use sea_orm::{DatabaseConnection as Db, EntityTrait, PaginatorTrait, QueryOrder};

macro_rules! ok {
    ($call:expr) => {
        $call.await.expect(stringify!($call))
    };
}

/// What the rows say, in id order: enough to tell two installations apart.
async fn fingerprint(db: &Db) -> String {
    let actions: Vec<String> = ok!(action::Entity::find()
        .order_by_asc(action::Column::Id)
        .all(db))
    .into_iter()
    .map(|a| {
        format!(
            "{}:{}:{:?}:{:?}",
            a.id, a.title, a.lead_partner_id, a.due_date
        )
    })
    .collect();
    let updates: Vec<String> = ok!(progress_update::Entity::find()
        .order_by_asc(progress_update::Column::Id)
        .all(db))
    .into_iter()
    .map(|u| {
        format!(
            "{}:{:?}:{:?}:{:?}:{}",
            u.target_id, u.value_number, u.value_numerator, u.value_bool, u.state
        )
    })
    .collect();
    app::backend::import::sha256_hex(format!("{actions:?}{updates:?}").as_bytes())
}

#[tokio::test]
async fn two_forums_of_the_large_installation_have_its_shape_and_the_same_rows_from_the_same_seed()
{
    for b in common::backends() {
        let db = common::fresh(b).await;
        let outcome = ok!(large::load_forums(&db, 7, "not-a-real-hash", 2));
        let LargeOutcome::Loaded { rows } = outcome else {
            panic!("{b}: loaded")
        };
        let count = |table: &str| rows.iter().find(|(t, _)| *t == table).map(|(_, n)| *n);
        assert_eq!(count("forum"), Some(2), "{b}");
        assert_eq!(count("strategy"), Some(2 * large::STRATEGIES), "{b}");
        let actions = 2 * large::STRATEGIES * large::THEMES * large::ACTIONS;
        assert_eq!(count("action"), Some(actions), "{b}");
        assert_eq!(count("target"), Some(actions * large::TARGETS), "{b}");
        assert_eq!(
            count("progress_update"),
            Some(actions * large::TARGETS * large::QUARTERS),
            "{b}"
        );
        assert_eq!(
            ok!(target::Entity::find().count(&db)) as usize,
            actions * large::TARGETS,
            "{b}"
        );
        assert_eq!(
            ok!(review::Entity::find().count(&db)),
            8,
            "{b}: four reviews a forum"
        );

        // Pages load on it: the first forum's strategy page and dashboard.
        let first = ok!(strategy::Entity::find()
            .order_by_asc(strategy::Column::Id)
            .one(&db))
        .expect("a strategy");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 4, 20).expect("date");
        let page = ok!(app::backend::strategy_page::load(
            &db,
            large::FIRST_SLUG,
            &first.slug,
            today
        ));
        assert_eq!(page.themes.len(), large::THEMES, "{b}");
        assert!(
            page.themes
                .iter()
                .all(|t| t.actions.len() == large::ACTIONS),
            "{b}"
        );

        // The dashboard's lists show their first rows and offer the rest.
        let forum = ok!(app::backend::plan::forum_by_slug(&db, large::FIRST_SLUG));
        let dash = |all| {
            app::backend::dashboard::dashboard(
                &db,
                &forum,
                app::domain::dashboard::DashboardFilter {
                    all,
                    ..Default::default()
                },
                today,
            )
        };
        let cut = ok!(dash(None));
        let limit = app::domain::dashboard::LIST_LIMIT;
        assert!(
            cut.overdue.total > limit,
            "{b}: {} overdue",
            cut.overdue.total
        );
        assert_eq!(cut.overdue.rows.len(), limit, "{b}");
        assert!(cut.overdue.is_cut());
        assert!(
            cut.overdue.windows(2).all(|w| w[0].due <= w[1].due),
            "{b}: longest overdue first"
        );
        let full = ok!(dash(Some(app::domain::dashboard::List::Overdue)));
        assert_eq!(full.overdue.rows.len(), cut.overdue.total, "{b}");
        assert_eq!(full.overdue.rows[..limit], cut.overdue.rows[..], "{b}");
        assert_eq!(full.due_next, cut.due_next, "{b}: only the list asked for");

        // Again: nothing changes. A fresh database from the same seed: the same rows.
        assert_eq!(
            ok!(large::load_forums(&db, 7, "x", 2)),
            LargeOutcome::AlreadyPresent,
            "{b}"
        );
        let again = common::fresh(b).await;
        ok!(large::load_forums(&again, 7, "not-a-real-hash", 2));
        assert_eq!(
            fingerprint(&db).await,
            fingerprint(&again).await,
            "{b}: deterministic"
        );
        let other = common::fresh(b).await;
        ok!(large::load_forums(&other, 8, "not-a-real-hash", 2));
        assert_ne!(
            fingerprint(&db).await,
            fingerprint(&other).await,
            "{b}: the seed matters"
        );
    }
}
