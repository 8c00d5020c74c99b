//! `forumplan backup` and `forumplan restore` as an administrator runs them: a backup taken
//! while the server serves, the database destroyed and restored, and compared table by table;
//! every refusal leaves things as they were.
mod serving;

use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin(db: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_forumplan"));
    cmd.env("DATABASE_URL", db).env("RUST_LOG", "warn");
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run forumplan")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join("forumplan-cli-tests")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn serve(db: &str) -> serving::Server {
    serving::start(bin(db), serving::free_port(), &["--no-demo"])
}

/// Every table of a SQLite file with its rows, in a canonical text form.
fn contents(file: &Path) -> Vec<(String, Vec<String>)> {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let db = app::backend::backup::open_read_only(file).await.expect("open");
        let q = |sql: String| Statement::from_string(DbBackend::Sqlite, sql);
        let tables: Vec<String> = db
            .query_all_raw(q(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name".to_owned(),
            ))
            .await
            .expect("tables")
            .iter()
            .map(|r| r.try_get_by_index::<String>(0).expect("name"))
            .collect();
        let mut out = Vec::new();
        for t in tables {
            // Each row as one text (SQLite's quote() of every column, joined).
            let cols: Vec<String> = db
                .query_all_raw(q(format!("SELECT name FROM pragma_table_info('{t}')")))
                .await
                .expect("columns")
                .iter()
                .map(|r| format!("quote(\"{}\")", r.try_get_by_index::<String>(0).expect("col")))
                .collect();
            let rows = db
                .query_all_raw(q(format!(
                    "SELECT {} FROM \"{t}\" ORDER BY 1",
                    cols.join(" || '|' || ")
                )))
                .await
                .expect("rows")
                .iter()
                .map(|r| r.try_get_by_index::<String>(0).unwrap_or_default())
                .collect();
            out.push((t, rows));
        }
        db.close().await.expect("close");
        out
    })
}

fn forums(db: &str) -> String {
    let out = run(bin(db).args(["forum", "list"]));
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn a_backup_taken_while_serving_restores_what_was_there() {
    let dir = scratch("backup");
    let file = dir.join("forumplan.db");
    let db = format!("sqlite://{}?mode=rwc", file.display());
    let saved = dir.join("saved.db");
    assert!(run(bin(&db).arg("demo")).status.success());
    let before = forums(&db);

    // Backed up while the server serves; a second backup never overwrites the first.
    {
        let _server = serve(&db);
        let out = run(bin(&db).args(["backup", "--out"]).arg(&saved));
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(
            text(&out.stdout).contains("forums: 1, integrity checked"),
            "{}",
            text(&out.stdout)
        );
        let again = run(bin(&db).args(["backup", "--out"]).arg(&saved));
        assert_eq!(again.status.code(), Some(1));
        assert!(
            text(&again.stderr).contains("exists already"),
            "{}",
            text(&again.stderr)
        );
        // The installation goes on changing after the backup.
        let added = run(bin(&db).args(["forum", "add", "Added After The Backup"]));
        assert!(added.status.success(), "{}", text(&added.stderr));
    }
    let snapshot = contents(&saved);
    assert!(
        snapshot
            .iter()
            .any(|(t, rows)| t == "target" && rows.len() > 40)
    );

    // Not over a database that is there, without --force: nothing changes.
    let refused = run(bin(&db).arg("restore").arg(&saved));
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("--force"),
        "{}",
        text(&refused.stderr)
    );
    assert!(forums(&db).contains("Added After The Backup"));

    // A file that is not a backup is refused, even with --force.
    let junk = dir.join("junk.db");
    std::fs::write(
        &junk,
        b"not a database at all, just some bytes long enough to look like one",
    )
    .expect("junk");
    let bad = run(bin(&db).arg("restore").arg(&junk).arg("--force"));
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).contains("cannot be restored"),
        "{}",
        text(&bad.stderr)
    );
    assert!(forums(&db).contains("Added After The Backup"));

    // With --force: back to what the backup holds.
    let out = run(bin(&db).arg("restore").arg(&saved).arg("--force"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(forums(&db), before);
    assert_eq!(contents(&file), snapshot);

    // The database destroyed: restored without --force, and the same again.
    for f in ["forumplan.db", "forumplan.db-wal", "forumplan.db-shm"] {
        let _ = std::fs::remove_file(dir.join(f));
    }
    let out = run(bin(&db).arg("restore").arg(&saved));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(contents(&file), snapshot);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn postgresql_installations_are_told_to_use_pg_dump_and_pg_restore() {
    let db = "postgres://forumplan@127.0.0.1:1/forumplan";
    let out = run(bin(db).args(["backup", "--out", "never-written.dump"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("pg_dump"),
        "{}",
        text(&out.stderr)
    );
    assert!(!Path::new("never-written.dump").exists());
    let out = run(bin(db).args(["restore", "Cargo.toml", "--force"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("pg_restore"),
        "{}",
        text(&out.stderr)
    );
}
