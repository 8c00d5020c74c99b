//! `forumplan import FILE --forum F --dry-run`: the preview of the real Wolverhampton plan against
//! the demo forum, committing it into a strategy (twice: the second changes nothing), and the
//! refusals.
use std::process::{Command, Output, Stdio};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../app/tests/fixtures/wolverhampton-dv-action-plan.xlsx"
);

fn bin(db: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_forumplan"));
    cmd.env("DATABASE_URL", db)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null());
    cmd
}

fn temp_db(name: &str) -> String {
    let dir = std::env::temp_dir().join("forumplan-cli-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("import-{name}-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    format!("sqlite://{}?mode=rwc", path.display())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run forumplan")
}

#[test]
fn without_dry_run_or_strategy_the_import_is_refused_with_exit_code_2() {
    let db = temp_db("refused");
    let out = run(bin(&db).args(["import", FIXTURE, "--forum", "wolverhampton"]));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("name the strategy to import into with --strategy SLUG"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn an_import_commits_into_the_strategy_and_a_second_one_changes_nothing() {
    let db = temp_db("commit");
    let demo = run(bin(&db).arg("demo"));
    assert!(demo.status.success(), "{}", text(&demo.stderr));
    let args = [
        "import",
        FIXTURE,
        "--forum",
        "wolverhampton",
        "--strategy",
        "dv-strategy-2005-2007",
    ];
    let first = run(bin(&db).args(args));
    let stdout = text(&first.stdout);
    assert!(first.status.success(), "{}\n{stdout}", text(&first.stderr));
    assert!(
        stdout.starts_with("Imported “wolverhampton-dv-action-plan.xlsx” into "),
        "{stdout}"
    );
    let second = run(bin(&db).args(args));
    let stdout = text(&second.stdout);
    assert!(
        second.status.success(),
        "{}\n{stdout}",
        text(&second.stderr)
    );
    assert!(
        stdout.contains(
            "Added: 0 themes, 0 actions, 0 targets, 0 partners, 0 resources.\nChanged: 0 themes, 0 actions, 0 targets, 0 partners, 0 resources.\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("Unchanged: 6 themes, 20 actions,"),
        "{stdout}"
    );

    let unknown = run(bin(&db).args([
        "import",
        FIXTURE,
        "--forum",
        "wolverhampton",
        "--strategy",
        "nowhere",
    ]));
    assert_eq!(unknown.status.code(), Some(1), "{}", text(&unknown.stderr));
    assert!(text(&unknown.stderr).contains("no strategy with the URL name 'nowhere'"));
}

#[test]
fn a_dry_run_previews_the_real_plan_against_the_demo_forum() {
    let db = temp_db("preview");
    let demo = run(bin(&db).arg("demo"));
    assert!(demo.status.success(), "{}", text(&demo.stderr));
    let out = run(bin(&db).args(["import", FIXTURE, "--forum", "wolverhampton", "--dry-run"]));
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}\n{stdout}", text(&out.stderr));
    assert!(stdout.contains("Nothing was saved."), "{stdout}");
    assert!(
        stdout.contains("6 themes, 20 actions,") && stdout.contains(" known, 0 new)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Theme: Everyone’s Business (row 4)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  row 6: Domestic Violence Co-ordinator and Strategy\n      lead WDVF; 2 targets; due 31/03/2006"),
        "{stdout}"
    );
    assert!(stdout.contains("row 26: read '14/15' as 15"), "{stdout}");
    assert!(!stdout.contains("New partners"), "{stdout}");

    let unknown = run(bin(&db).args(["import", FIXTURE, "--forum", "Nowhere", "--dry-run"]));
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("no forum has the id or name 'Nowhere'"));
}

#[test]
fn a_mapping_file_changes_what_columns_hold_and_a_bad_one_is_refused() {
    let db = temp_db("mapping");
    let demo = run(bin(&db).arg("demo"));
    assert!(demo.status.success(), "{}", text(&demo.stderr));
    let dir = std::env::temp_dir().join("forumplan-cli-tests");
    let mapping = dir.join(format!("mapping-{}.json", std::process::id()));
    let dry = ["import", FIXTURE, "--forum", "wolverhampton", "--dry-run"];
    let before = run(bin(&db).args(dry));
    assert!(before.status.success(), "{}", text(&before.stderr));
    assert!(
        text(&before.stdout).contains("\nResources: "),
        "{}",
        text(&before.stdout)
    );

    std::fs::write(&mapping, r#"{"Resources": "ignore"}"#).expect("write");
    let out = run(bin(&db).args(dry).arg("--mapping").arg(&mapping));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(!shown.contains("\nResources: "), "{shown}");
    assert!(shown.contains("; 0 resources;"), "{shown}");

    std::fs::write(&mapping, r#"{"Owner": "lead"}"#).expect("write");
    let out = run(bin(&db).args(dry).arg("--mapping").arg(&mapping));
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("the sheet has no column or heading “Owner”"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}
