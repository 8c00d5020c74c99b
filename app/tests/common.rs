//! Test helpers: a fresh, migrated database per test, on SQLite and (when configured) PostgreSQL.
#![allow(dead_code, reason = "each test file uses a different subset")]

use app::backend::db;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The databases to run a test on: SQLite always, PostgreSQL when `FORUMPLAN_TEST_POSTGRES_URL`
/// names a server (the test command starts one). In CI a missing PostgreSQL is an error.
pub fn backends() -> Vec<&'static str> {
    let mut list = vec!["sqlite"];
    if std::env::var("FORUMPLAN_TEST_POSTGRES_URL").is_ok() {
        list.push("postgres");
    } else if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "FORUMPLAN_TEST_POSTGRES_URL is not set: CI must test PostgreSQL too (run `make test`)"
        );
    }
    list
}

/// A fresh database of the given backend, migrated.
pub async fn fresh(backend: &str) -> DatabaseConnection {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let name = format!("fp_test_{}_{n}", std::process::id());
    let url = match backend {
        "sqlite" => {
            let dir = std::env::temp_dir().join("forumplan-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            let path = dir.join(format!("{name}.db"));
            let _ = std::fs::remove_file(&path);
            format!("sqlite://{}?mode=rwc", path.display())
        }
        "postgres" => {
            let admin_url = std::env::var("FORUMPLAN_TEST_POSTGRES_URL").expect("postgres url");
            let admin = Database::connect(&admin_url)
                .await
                .expect("connect to the test PostgreSQL server");
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
                .await
                .expect("drop");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create");
            admin.close().await.expect("close admin");
            let base = admin_url
                .rsplit_once('/')
                .map_or(admin_url.as_str(), |(b, _)| b)
                .to_owned();
            format!("{base}/{name}")
        }
        other => panic!("unknown backend {other}"),
    };
    let conn = db::connect(&url).await.expect("connect");
    db::migrate(&conn).await.expect("migrate");
    conn
}

/// A fresh database with the demo forum loaded.
pub async fn with_demo(backend: &str) -> DatabaseConnection {
    let conn = fresh(backend).await;
    app::backend::demo::load(&conn).await.expect("demo loads");
    conn
}
