//! The `forumplan` executable as a deployer runs it: migrate, demo, serve, health, and its errors.
mod serving;

use serving::{get, header, request, sign_in};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Output};
use std::time::Duration;

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_forumplan"));
    cmd.env_remove("DATABASE_URL").env("RUST_LOG", "warn");
    cmd
}

fn temp_db(name: &str) -> String {
    let dir = std::env::temp_dir().join("forumplan-cli-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{name}-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    format!("sqlite://{}?mode=rwc", path.display())
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run forumplan")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn start_server(db: &str, port: u16) -> serving::Server {
    let mut cmd = bin();
    cmd.env("DATABASE_URL", db);
    serving::start(cmd, port, &[])
}

#[test]
fn migrate_then_demo_twice_is_idempotent() {
    let db = temp_db("demo");
    let out = run(bin().arg("migrate").env("DATABASE_URL", &db));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("up to date"));
    let first = run(bin().arg("demo").env("DATABASE_URL", &db));
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("Loaded the demo forum"),
        "{}",
        text(&first.stdout)
    );
    let second = run(bin().arg("demo").env("DATABASE_URL", &db));
    assert!(second.status.success());
    assert!(
        text(&second.stdout).contains("already loaded"),
        "{}",
        text(&second.stdout)
    );
}

#[test]
fn serve_loads_the_demo_and_answers_pages_and_health() {
    let db = temp_db("serve");
    let port = serving::free_port();
    let _server = start_server(&db, port);
    let (status, body) = get(port, "/health", None);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(r#""database":"ok""#), "{body}");
    // Signed out, every page sends the reader to sign in, and back afterwards.
    let (status, body) = get(port, "/forums/wolverhampton", None);
    assert_eq!(status, 302, "{body}");
    assert_eq!(
        header(&body, "location"),
        Some("/sign-in?next=/forums/wolverhampton")
    );
    assert!(
        !body.contains("Wolverhampton Domestic Violence Forum"),
        "{body}"
    );
    let viewer = sign_in(port, "viewer@forumplan.example");
    let cookie = Some(viewer.as_str());
    let (status, body) = get(port, "/", cookie);
    assert_eq!(status, 200);
    assert!(
        body.contains("Wolverhampton Domestic Violence Forum"),
        "{body}"
    );
    let (status, body) = get(
        port,
        "/forums/wolverhampton/strategies/dv-strategy-2005-2007",
        cookie,
    );
    assert_eq!(status, 200);
    for theme in [
        "Prevention and Awareness Raising",
        "Protection and Justice",
        "Children Support and Services",
    ] {
        assert!(body.contains(theme), "missing theme {theme}");
    }
    assert!(body.contains("· ForumPlan</title>"), "page title");
    // The page's Content-Security-Policy allows exactly its own inline scripts, by nonce.
    let lower = body.to_ascii_lowercase();
    let csp_line = body
        .lines()
        .find(|l| {
            l.to_ascii_lowercase()
                .starts_with("content-security-policy:")
        })
        .expect("a Content-Security-Policy header");
    let nonce = csp_line
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .expect("a nonce");
    assert!(
        body.contains(&format!("nonce=\"{nonce}\"")),
        "scripts carry the header's nonce"
    );
    assert!(csp_line.contains("frame-ancestors 'none'"));
    assert!(lower.contains("x-content-type-options: nosniff"));
    // A forum that does not exist looks like one the viewer may not see.
    let (status, body) = get(port, "/forums/nope", cookie);
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("No access"));
    let (status, _) = get(port, "/forums/wolverhampton/actions/999999", cookie);
    assert_eq!(status, 404);
    // An administrator is told the truth.
    let admin = sign_in(port, "admin@forumplan.example");
    let (status, body) = get(port, "/forums/nope", Some(&admin));
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("Not found"));
    // Signing out ends the session on the server: the old cookie opens nothing.
    let (status, _) = request(port, "POST", "/api/sign_out", cookie, "");
    assert_eq!(status, 302);
    let (status, _) = get(port, "/forums/wolverhampton", cookie);
    assert_eq!(status, 302, "the ended session no longer works");
}

#[test]
fn oversized_request_bodies_are_refused() {
    let db = temp_db("limit");
    let port = serving::free_port();
    let _server = start_server(&db, port);
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let size = 3 * 1024 * 1024;
    write!(
        stream,
        "POST /api/get_forum_home HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
    )
    .expect("write head");
    let _ = stream.write_all(&vec![b'a'; size]);
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    assert!(
        response.starts_with("HTTP/1.1 413"),
        "{}",
        response.lines().next().unwrap_or("")
    );
}

#[test]
fn a_bad_address_is_a_usage_error() {
    let out = run(bin()
        .args(["serve", "--addr", "not-an-address"])
        .env("DATABASE_URL", temp_db("addr")));
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("invalid address 'not-an-address'"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
}

#[test]
fn an_unreachable_database_is_reported_in_one_line() {
    let out = run(bin().arg("migrate").env(
        "DATABASE_URL",
        "postgres://forumplan:secret@127.0.0.1:1/forumplan",
    ));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("cannot open the database at postgres://forumplan:***@127.0.0.1:1/forumplan"),
        "{err}"
    );
    assert!(!err.contains("secret"), "password leaked: {err}");
}

#[test]
fn a_database_from_a_newer_binary_is_refused() {
    let db = temp_db("newer");
    assert!(
        run(bin().arg("migrate").env("DATABASE_URL", &db))
            .status
            .success()
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        use sea_orm::ConnectionTrait;
        let conn = app::backend::db::connect(&db).await.expect("connect");
        conn.execute_unprepared("INSERT INTO seaql_migrations (version, applied_at) VALUES ('m29990101_000001_future', 0)")
            .await
            .expect("insert");
    });
    let out = run(bin().arg("migrate").env("DATABASE_URL", &db));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("newer than this binary"),
        "{}",
        text(&out.stderr)
    );
}
