//! A forum's revision moves with every change to what its dashboard is built from, and a kept
//! dashboard is handed out only while it does not.
#![cfg(feature = "ssr")]
mod common;

use app::backend::dashboard::{Kept, dashboard_kept};
use app::backend::entity::{forum, forum_revision};
use app::domain::dashboard::{Dashboard, DashboardFilter};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::sync::Arc;

async fn revision(db: &DatabaseConnection, forum_id: i32) -> Option<i64> {
    forum_revision::Entity::find_by_id(forum_id)
        .one(db)
        .await
        .expect("read the revision")
        .map(|r| r.revision)
}

async fn demo_forum(db: &DatabaseConnection) -> forum::Model {
    forum::Entity::find()
        .filter(forum::Column::Slug.eq("wolverhampton"))
        .one(db)
        .await
        .expect("q")
        .expect("the demo forum")
}

#[tokio::test]
async fn every_watched_table_moves_its_forums_revision_and_no_other() {
    for backend in common::backends() {
        let db = common::with_demo(backend).await;
        let demo = demo_forum(&db).await;
        db.execute_unprepared(
            "INSERT INTO forum (name, slug, created_at) \
             VALUES ('Elsewhere', 'elsewhere', '2026-01-01 00:00:00+00:00')",
        )
        .await
        .expect("a second forum");
        let other = forum::Entity::find()
            .filter(forum::Column::Slug.eq("elsewhere"))
            .one(&db)
            .await
            .expect("q")
            .expect("elsewhere")
            .id;
        assert_eq!(
            revision(&db, other).await,
            Some(0),
            "{backend}: a new forum starts at 0"
        );
        for (table, _) in migrations::REVISION_WATCHED {
            let key = if table.starts_with("action_") {
                "action_id"
            } else {
                "id"
            };
            let before = revision(&db, demo.id)
                .await
                .expect("the demo forum's revision");
            let changed = db
                .execute_unprepared(&format!(
                    "UPDATE {table} SET {key} = {key} WHERE {key} = (SELECT MIN({key}) FROM {table})"
                ))
                .await
                .expect("touch a row")
                .rows_affected();
            assert!(changed > 0, "{backend}: the demo has a {table} row");
            let after = revision(&db, demo.id).await.expect("revision");
            assert!(
                after > before,
                "{backend}: changing {table} moves the revision"
            );
        }
        // Inserting and deleting move it too.
        let before = revision(&db, demo.id).await.expect("revision");
        db.execute_unprepared(
            "DELETE FROM action_partner WHERE action_id = (SELECT MIN(action_id) FROM action_partner)",
        )
        .await
        .expect("delete");
        let deleted = revision(&db, demo.id).await.expect("revision");
        assert!(deleted > before, "{backend}: a deletion moves it");
        db.execute_unprepared(
            "UPDATE progress_update SET narrative = 'Changed' \
             WHERE id = (SELECT MIN(id) FROM progress_update)",
        )
        .await
        .expect("update");
        assert!(revision(&db, demo.id).await.expect("revision") > deleted);
        assert_eq!(
            revision(&db, other).await,
            Some(0),
            "{backend}: another forum's changes leave this one's alone"
        );
    }
}

/// Keeps `page`, marked "kept" in its date, as the forum's unfiltered dashboard at its revision now.
async fn mark(db: &DatabaseConnection, kept: &Kept, forum: &forum::Model, page: &Dashboard) {
    let now = revision(db, forum.id).await.expect("revision");
    let mut marked = page.clone();
    marked.as_of = "kept".to_owned();
    let today = forum.fixed_date.expect("date");
    kept.put(
        (forum.id, DashboardFilter::default(), today),
        now,
        forum,
        Arc::new(marked),
    );
}

#[tokio::test]
async fn a_kept_dashboard_is_handed_out_only_while_nothing_it_shows_has_changed() {
    for backend in common::backends() {
        let db = common::with_demo(backend).await;
        let demo = demo_forum(&db).await;
        let today = demo.fixed_date.expect("the demo forum's date");
        let kept = Kept::new(4);
        let first = dashboard_kept(&db, &kept, &demo, DashboardFilter::default(), today)
            .await
            .expect("dashboard");
        assert_eq!(kept.len(), 1, "{backend}: kept");
        // What is kept is what is handed out: mark it to tell it from a page built again.
        mark(&db, &kept, &demo, &first).await;
        let again = dashboard_kept(&db, &kept, &demo, DashboardFilter::default(), today)
            .await
            .expect("dashboard");
        assert_eq!(
            again.as_of, "kept",
            "{backend}: the kept page is handed out"
        );
        // Another date or filter is another page.
        let later = today + chrono::Duration::days(1);
        let next_day = dashboard_kept(&db, &kept, &demo, DashboardFilter::default(), later)
            .await
            .expect("dashboard");
        assert_ne!(next_day.as_of, "kept");

        // A return's figure changes: built again, and the figure shows.
        db.execute_unprepared(
            "UPDATE progress_update SET narrative = 'Changed' \
             WHERE id = (SELECT MIN(id) FROM progress_update)",
        )
        .await
        .expect("update");
        let rebuilt = dashboard_kept(&db, &kept, &demo, DashboardFilter::default(), today)
            .await
            .expect("dashboard");
        assert_eq!(
            rebuilt, first,
            "{backend}: built again (the narrative is not shown)"
        );

        // The forum's own settings change (not a watched table): its row tells.
        mark(&db, &kept, &demo, &first).await;
        db.execute_unprepared(&format!(
            "UPDATE forum SET amber_tolerance = 50 WHERE id = {}",
            demo.id
        ))
        .await
        .expect("settings");
        let demo = demo_forum(&db).await;
        let after = dashboard_kept(&db, &kept, &demo, DashboardFilter::default(), today)
            .await
            .expect("dashboard");
        assert_ne!(
            after.as_of, "kept",
            "{backend}: a forum row changed is a new page"
        );
    }
}

#[tokio::test]
async fn readers_arriving_while_a_page_is_built_wait_for_it_rather_than_build_it_again() {
    let db = common::with_demo("sqlite").await;
    let demo = demo_forum(&db).await;
    let kept: app::backend::revision::PageCache<i32, u32> =
        app::backend::revision::PageCache::new(4);
    let builds = std::sync::atomic::AtomicU32::new(0);
    let read = || {
        app::backend::revision::kept_or_built(&db, &kept, &demo, 1, || async {
            builds.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            Ok(7)
        })
    };
    let (a, b, c, d) = tokio::join!(read(), read(), read(), read());
    let pages = [a, b, c, d];
    assert!(pages.iter().all(|p| matches!(p, Ok(7))), "{pages:?}");
    assert_eq!(
        builds.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "built once"
    );
}
