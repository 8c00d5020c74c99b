//! Runs the migrations up and down on an in-memory SQLite database.
use migrations::{Migrator, MigratorTrait};
use sea_orm_migration::SchemaManager;
use sea_orm_migration::sea_orm::{ConnectionTrait, Database, DbBackend, Statement};

/// Every table of docs/schema.md v1, and v5's forum revisions.
const TABLES: [&str; 20] = [
    "forum",
    "partner",
    "resource",
    "indicator",
    "strategy",
    "theme",
    "action",
    "action_partner",
    "action_resource",
    "target",
    "progress_update",
    "app_user",
    "membership",
    "session_record",
    "review",
    "decision",
    "share_link",
    "api_token",
    "audit_event",
    "forum_revision",
];

#[tokio::test]
async fn up_then_down_on_sqlite() {
    let db = Database::connect("sqlite::memory:").await.expect("connect");
    db.execute_unprepared("PRAGMA foreign_keys = ON")
        .await
        .expect("pragma");

    Migrator::up(&db, None).await.expect("migrate up");
    let manager = SchemaManager::new(&db);
    for table in TABLES {
        assert!(
            manager.has_table(table).await.expect("has_table"),
            "{table} missing after up"
        );
    }

    // Defaults and ON DELETE CASCADE behave as specified.
    db.execute_unprepared(
        "INSERT INTO forum (name, slug, created_at) VALUES ('Demo', 'demo', '2026-01-01 00:00:00+00:00');
         INSERT INTO partner (forum_id, name, sector) VALUES (1, 'Police', 'statutory');",
    )
    .await
    .expect("insert");
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT f.fy_start_month, f.amber_tolerance, f.small_number_threshold, f.version, p.aliases \
             FROM forum f JOIN partner p ON p.forum_id = f.id",
        ))
        .await
        .expect("select")
        .expect("one row");
    assert_eq!(row.try_get_by_index::<i32>(0).expect("fy"), 4);
    assert!((row.try_get_by_index::<f64>(1).expect("amber") - 10.0).abs() < f64::EPSILON);
    assert_eq!(row.try_get_by_index::<i32>(2).expect("small"), 5);
    assert_eq!(row.try_get_by_index::<i32>(3).expect("version"), 1);
    assert_eq!(row.try_get_by_index::<String>(4).expect("aliases"), "[]");
    db.execute_unprepared("DELETE FROM forum")
        .await
        .expect("delete");
    let left = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT COUNT(*) FROM partner",
        ))
        .await
        .expect("count")
        .expect("row");
    assert_eq!(
        left.try_get_by_index::<i64>(0).expect("n"),
        0,
        "partner should cascade"
    );

    Migrator::down(&db, None).await.expect("migrate down");
    for table in TABLES {
        assert!(
            !manager.has_table(table).await.expect("has_table"),
            "{table} still there after down"
        );
    }
}

/// Same round trip on PostgreSQL, in a database of its own on the server that
/// `FORUMPLAN_TEST_POSTGRES_URL` names (`make test` starts one); skipped without it, except in CI.
#[tokio::test]
async fn up_then_down_on_postgres() {
    let Ok(admin_url) = std::env::var("FORUMPLAN_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "CI must test PostgreSQL: set FORUMPLAN_TEST_POSTGRES_URL (make test does)"
        );
        return;
    };
    let name = format!("fp_migrate_{}", std::process::id());
    let admin = Database::connect(admin_url.as_str())
        .await
        .expect("connect");
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
        .await
        .expect("drop");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create");
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url.as_str(), |(b, _)| b);
    let db = Database::connect(format!("{base}/{name}").as_str())
        .await
        .expect("connect");
    Migrator::up(&db, None).await.expect("migrate up");
    let manager = SchemaManager::new(&db);
    for table in TABLES {
        assert!(
            manager.has_table(table).await.expect("has_table"),
            "{table} missing after up"
        );
    }
    Migrator::down(&db, None).await.expect("migrate down");
    for table in TABLES {
        assert!(
            !manager.has_table(table).await.expect("has_table"),
            "{table} still there after down"
        );
    }
}
