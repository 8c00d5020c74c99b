//! `forumplan export`: the demo plan to a workbook and a CSV file, re-imported by
//! `forumplan import` into the same strategy with nothing changed; an existing file kept without
//! `--force`; clear refusals for an unknown forum, strategy or format.
use std::process::{Command, Output, Stdio};

fn bin(db: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_forumplan"));
    cmd.env("DATABASE_URL", db)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null());
    cmd
}

fn scratch(name: &str) -> (String, std::path::PathBuf) {
    let dir = std::env::temp_dir()
        .join("forumplan-cli-tests")
        .join(format!("export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = format!("sqlite://{}?mode=rwc", dir.join("fp.db").display());
    (db, dir)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run forumplan")
}

const STRATEGY: &str = "dv-strategy-2005-2007";

#[test]
fn an_export_reimports_unchanged_and_an_existing_file_is_kept() {
    let (db, dir) = scratch("roundtrip");
    let demo = run(bin(&db).arg("demo"));
    assert!(demo.status.success(), "{}", text(&demo.stderr));
    for format in ["xlsx", "csv"] {
        let file = dir.join(format!("plan.{format}"));
        let file_arg = file.to_str().expect("utf-8 path");
        let out = run(bin(&db).args([
            "export",
            "--forum",
            "wolverhampton",
            "--strategy",
            STRATEGY,
            "--format",
            format,
            "--out",
            file_arg,
        ]));
        let stdout = text(&out.stdout);
        assert!(out.status.success(), "{}\n{stdout}", text(&out.stderr));
        assert!(
            stdout.starts_with(&format!("Wrote {file_arg} (")),
            "{stdout}"
        );
        assert!(std::fs::metadata(&file).expect("written").len() > 100);

        let again = run(bin(&db).args([
            "import",
            file_arg,
            "--forum",
            "wolverhampton",
            "--strategy",
            STRATEGY,
        ]));
        let stdout = text(&again.stdout);
        assert!(again.status.success(), "{}\n{stdout}", text(&again.stderr));
        assert!(
            stdout.contains("Added: 0 themes, 0 actions, 0 targets, 0 partners, 0 resources.\nChanged: 0 themes, 0 actions, 0 targets, 0 partners, 0 resources.\n"),
            "{format}: {stdout}"
        );

        let before = std::fs::read(&file).expect("read");
        let kept = run(bin(&db).args([
            "export",
            "--forum",
            "wolverhampton",
            "--format",
            format,
            "--out",
            file_arg,
        ]));
        assert_eq!(kept.status.code(), Some(1), "{}", text(&kept.stderr));
        assert!(
            text(&kept.stderr).contains("exists: give another --out, or add --force"),
            "{}",
            text(&kept.stderr)
        );
        assert_eq!(
            std::fs::read(&file).expect("read"),
            before,
            "the file is untouched"
        );
        let forced = run(bin(&db).args([
            "export",
            "--forum",
            "wolverhampton",
            "--content",
            "updates",
            "--format",
            format,
            "--out",
            file_arg,
            "--force",
        ]));
        assert!(forced.status.success(), "{}", text(&forced.stderr));
        assert_ne!(
            std::fs::read(&file).expect("read"),
            before,
            "replaced with --force"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "no partial files left");
}

#[test]
fn unknown_forums_strategies_and_formats_are_refused_clearly() {
    let (db, dir) = scratch("refused");
    assert!(run(bin(&db).arg("demo")).status.success());
    let out = dir.join("x.csv");
    let out = out.to_str().expect("utf-8 path");
    let cases: [(&[&str], i32, &str); 3] = [
        (
            &["--forum", "nowhere", "--format", "csv"],
            1,
            "no forum has the id or name 'nowhere'",
        ),
        (
            &[
                "--forum",
                "wolverhampton",
                "--strategy",
                "nope",
                "--format",
                "csv",
            ],
            1,
            "has no live strategy 'nope'",
        ),
        (
            &["--forum", "wolverhampton", "--format", "pdf"],
            2,
            "'pdf' is not a known format: use xlsx or csv.",
        ),
    ];
    for (args, code, message) in cases {
        let result = run(bin(&db).arg("export").args(args).args(["--out", out]));
        let err = text(&result.stderr);
        assert_eq!(result.status.code(), Some(code), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(
            !std::path::Path::new(out).exists(),
            "{args:?}: nothing written"
        );
    }
}
