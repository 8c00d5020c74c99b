//! `forumplan forum …` and `forumplan user …` as an administrator runs them on first setup.
use std::io::Write;
use std::process::{Command, Output, Stdio};

const PASSWORD: &str = "correct horse battery";

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_forumplan"));
    cmd.env_remove("DATABASE_URL").env("RUST_LOG", "warn");
    cmd
}

fn temp_db(name: &str) -> String {
    let dir = std::env::temp_dir().join("forumplan-cli-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("accounts-{name}-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    format!("sqlite://{}?mode=rwc", path.display())
}

fn run(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("run forumplan")
}

/// Runs with `input` on standard input.
fn run_with_stdin(cmd: &mut Command, input: &str) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn forumplan");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The one line of standard error of a failed run, checked to be one line.
fn one_line_error(out: &Output) -> String {
    let err = text(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    err
}

fn user_add(db: &str, args: &[&str]) -> Command {
    let mut cmd = bin();
    cmd.args(["user", "add"]).args(args).env("DATABASE_URL", db);
    cmd
}

/// Signs in through the library, against the database the binary wrote.
fn sign_in(db: &str, email: &str, password: &str) -> bool {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let conn = app::backend::db::connect(db).await.expect("connect");
        app::backend::accounts::authenticate(&conn, email, password)
            .await
            .is_ok()
    })
}

fn user_count(db: &str) -> u64 {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        use sea_orm::{EntityTrait, PaginatorTrait};
        let conn = app::backend::db::connect(db).await.expect("connect");
        app::backend::entity::app_user::Entity::find()
            .count(&conn)
            .await
            .expect("count")
    })
}

#[test]
fn forums_are_added_and_listed_one_a_line() {
    let db = temp_db("forums");
    let out = run(bin()
        .args(["forum", "add", "Safer", "Wolverhampton"])
        .env("DATABASE_URL", &db));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains("Created forum 1 \"Safer Wolverhampton\""),
        "{said}"
    );
    assert!(said.contains("safer-wolverhampton"), "{said}");

    let out = run(bin()
        .args(["forum", "add", "Dudley DV Forum"])
        .env("DATABASE_URL", &db));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("dudley-dv-forum"));

    let again = run(bin()
        .args(["forum", "add", "safer wolverhampton"])
        .env("DATABASE_URL", &db));
    assert_eq!(again.status.code(), Some(1));
    assert!(one_line_error(&again).contains("already exists"));

    let list = run(bin().args(["forum", "list"]).env("DATABASE_URL", &db));
    assert!(list.status.success(), "{}", text(&list.stderr));
    assert_eq!(
        text(&list.stdout),
        "2\tDudley DV Forum\n1\tSafer Wolverhampton\n"
    );
}

#[test]
fn users_are_added_with_the_password_on_standard_input() {
    let db = temp_db("users");
    assert!(
        run(bin().arg("demo").env("DATABASE_URL", &db))
            .status
            .success()
    );

    let out = run_with_stdin(
        &mut user_add(
            &db,
            &[
                "--email",
                "Admin@Example.org",
                "--name",
                "Ada Admin",
                "--role",
                "admin",
            ],
        ),
        &format!("{PASSWORD}\nthe second line is ignored\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("for admin@example.org: administrator"),
        "{}",
        text(&out.stdout)
    );
    assert!(sign_in(&db, "admin@example.org", PASSWORD));
    assert!(!sign_in(
        &db,
        "admin@example.org",
        "the second line is ignored"
    ));

    let out = run_with_stdin(
        &mut user_add(
            &db,
            &[
                "--email",
                "jo@example.org",
                "--name",
                "Jo Bloggs",
                "--role",
                "member",
                "--forum",
                "wolverhampton",
                "--partner",
                "wmp",
            ],
        ),
        &format!("{PASSWORD}\r\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains(
            "member of \"Wolverhampton Domestic Violence Forum\" for West Midlands Police"
        ),
        "{said}"
    );
    assert!(
        sign_in(&db, "jo@example.org", PASSWORD),
        "CRLF is not part of it"
    );

    // From a file, and the forum by its id.
    let file = std::env::temp_dir().join(format!("forumplan-pw-{}.txt", std::process::id()));
    std::fs::write(&file, format!("{PASSWORD} too\n")).expect("password file");
    let out = run(&mut user_add(
        &db,
        &[
            "--email",
            "viewer@example.org",
            "--name",
            "Val Viewer",
            "--role",
            "viewer",
            "--forum",
            "1",
            "--password-file",
            &file.display().to_string(),
        ],
    ));
    let _ = std::fs::remove_file(&file);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(sign_in(
        &db,
        "viewer@example.org",
        &format!("{PASSWORD} too")
    ));

    let duplicate = run_with_stdin(
        &mut user_add(
            &db,
            &[
                "--email",
                "jo@example.org",
                "--name",
                "Jo Again",
                "--role",
                "admin",
            ],
        ),
        PASSWORD,
    );
    assert_eq!(duplicate.status.code(), Some(1));
    assert!(one_line_error(&duplicate).contains("already exists"));
    // The four demo accounts `demo` made, and the three added here.
    assert_eq!(user_count(&db), 7);
}

#[test]
fn a_member_needs_a_forum_and_a_partner() {
    let db = temp_db("member");
    let no_forum = run_with_stdin(
        &mut user_add(
            &db,
            &[
                "--email",
                "jo@example.org",
                "--name",
                "Jo",
                "--role",
                "member",
            ],
        ),
        PASSWORD,
    );
    assert_eq!(no_forum.status.code(), Some(2));
    assert!(one_line_error(&no_forum).contains("--role member needs --forum"));

    assert!(
        run(bin()
            .args(["forum", "add", "Dudley"])
            .env("DATABASE_URL", &db))
        .status
        .success()
    );
    let no_partner = run_with_stdin(
        &mut user_add(
            &db,
            &[
                "--email",
                "jo@example.org",
                "--name",
                "Jo",
                "--role",
                "member",
                "--forum",
                "Dudley",
            ],
        ),
        PASSWORD,
    );
    assert_eq!(no_partner.status.code(), Some(2));
    assert!(one_line_error(&no_partner).contains("--partner"));

    let unknown_partner = run_with_stdin(
        &mut user_add(
            &db,
            &[
                "--email",
                "jo@example.org",
                "--name",
                "Jo",
                "--role",
                "member",
                "--forum",
                "Dudley",
                "--partner",
                "Nobody",
            ],
        ),
        PASSWORD,
    );
    assert_eq!(unknown_partner.status.code(), Some(1));
    assert!(one_line_error(&unknown_partner).contains("no partner named 'Nobody'"));

    let unknown_forum = run_with_stdin(
        &mut user_add(
            &db,
            &[
                "--email",
                "jo@example.org",
                "--name",
                "Jo",
                "--role",
                "viewer",
                "--forum",
                "Elsewhere",
            ],
        ),
        PASSWORD,
    );
    assert_eq!(unknown_forum.status.code(), Some(1));
    assert!(one_line_error(&unknown_forum).contains("'Elsewhere'"));
    assert_eq!(user_count(&db), 0);
}

#[test]
fn a_weak_or_missing_password_is_refused() {
    let db = temp_db("weak");
    assert!(
        run(bin().arg("migrate").env("DATABASE_URL", &db))
            .status
            .success()
    );
    let args = [
        "--email",
        "ada@example.org",
        "--name",
        "Ada",
        "--role",
        "admin",
    ];
    let weak = run_with_stdin(&mut user_add(&db, &args), "abcdefg\n");
    assert_eq!(weak.status.code(), Some(1));
    let err = one_line_error(&weak);
    assert!(err.contains("too short"), "{err}");
    assert!(
        !err.contains("abcdefg"),
        "the password is not repeated: {err}"
    );
    let repeated = run_with_stdin(&mut user_add(&db, &args), "zzzzzzzzzzzzzzzz\n");
    assert_eq!(repeated.status.code(), Some(1));
    assert!(one_line_error(&repeated).contains("one character repeated"));

    let none = run_with_stdin(&mut user_add(&db, &args), "");
    assert_eq!(none.status.code(), Some(1));
    assert!(one_line_error(&none).contains("no password given"));
    assert_eq!(user_count(&db), 0);
}

#[test]
fn a_password_is_never_accepted_as_an_argument() {
    let db = temp_db("argument");
    let out = run(&mut user_add(
        &db,
        &[
            "--email",
            "ada@example.org",
            "--name",
            "Ada",
            "--role",
            "admin",
            "--password",
            PASSWORD,
        ],
    ));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("unexpected argument '--password'"),
        "{}",
        text(&out.stderr)
    );
    let help = run(bin().args(["user", "add", "--help"]));
    let help = text(&help.stdout);
    assert!(help.contains("--password-file <FILE>"), "{help}");
    assert!(
        !help.replace("--password-file", "").contains("--password"),
        "{help}"
    );
}
