//! Sessions and sign-in over HTTP: cookie flags, fixation, sign-in limits, expiry, disabled
//! accounts and one-time passwords.
mod support;

use axum::body::Body;
use axum::http::{StatusCode, header};
use support::{DEMO_PASSWORD, Who, browser_post, fixture};

fn sign_in_body(email: &str, password: &str) -> String {
    format!(
        "email={}&password={}",
        email.replace('@', "%40"),
        password.replace(' ', "+")
    )
}

fn session_of(set_cookie: &str) -> &str {
    set_cookie
        .strip_prefix("fp_session=")
        .and_then(|rest| rest.split(';').next())
        .expect("a session cookie")
}

#[test]
fn sign_in_sets_a_new_http_only_lax_cookie_and_ends_the_session_it_replaces() {
    support::run(async {
        let f = fixture().await;
        let planted = f.cookie(Who::Viewer).await.expect("viewer session");
        let body = sign_in_body("admin@forumplan.example", DEMO_PASSWORD);
        let response = f
            .send(
                browser_post("/api/sign_in", &body)
                    .header(header::COOKIE, &planted)
                    .body(Body::from(body.clone()))
                    .expect("request"),
            )
            .await;
        assert_eq!(response.status(), StatusCode::FOUND);
        assert_eq!(response.headers()[header::LOCATION], "/");
        let set = response.headers()[header::SET_COOKIE]
            .to_str()
            .expect("text")
            .to_owned();
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"),
            "{set}"
        );
        assert!(!set.contains("Secure"), "plain HTTP: {set}");
        let token = session_of(&set);
        assert_eq!(token.len(), 43, "256 random bits, base64url");
        assert_ne!(
            format!("fp_session={token}"),
            planted,
            "a new session id at sign-in"
        );
        // The session the browser came with is over.
        let (status, _) = f.call_with("/api/list_forums", Some(&planted), "").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = f
            .call_with("/api/list_forums", Some(&format!("fp_session={token}")), "")
            .await;
        assert_eq!(status, StatusCode::OK);

        // Behind an HTTPS proxy the cookie is Secure.
        let response = f
            .send(
                browser_post("/api/sign_in", &body)
                    .header("x-forwarded-proto", "https")
                    .body(Body::from(body))
                    .expect("request"),
            )
            .await;
        let set = response.headers()[header::SET_COOKIE]
            .to_str()
            .expect("text");
        assert!(set.ends_with("; Secure"), "{set}");
    });
}

#[test]
fn a_next_address_on_another_site_is_ignored() {
    support::run(async {
        let f = fixture().await;
        let body = format!(
            "{}&next=%2F%2Fevil.example%2F",
            sign_in_body("viewer@forumplan.example", DEMO_PASSWORD)
        );
        let response = f
            .send(
                browser_post("/api/sign_in", &body)
                    .body(Body::from(body))
                    .expect("request"),
            )
            .await;
        assert_eq!(response.headers()[header::LOCATION], "/");
    });
}

#[test]
fn five_wrong_passwords_lock_the_address_out_even_for_the_right_one() {
    support::run(async {
        let f = fixture().await;
        let wrong = sign_in_body("viewer@forumplan.example", "not the password");
        for _ in 0..5 {
            let (status, body) = f.call_with("/api/sign_in", None, &wrong).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            assert!(
                body.contains("The e-mail address or the password is not right"),
                "{body}"
            );
        }
        // An unknown address gets the very same answer.
        let (_, unknown) = f
            .call_with(
                "/api/sign_in",
                None,
                &sign_in_body("nobody@forumplan.example", "x"),
            )
            .await;
        let (_, known) = f
            .call_with(
                "/api/sign_in",
                None,
                &sign_in_body("admin@forumplan.example", "x"),
            )
            .await;
        assert_eq!(unknown, known);
        let right = sign_in_body("viewer@forumplan.example", DEMO_PASSWORD);
        let (status, body) = f.call_with("/api/sign_in", None, &right).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
        assert!(body.contains("TooManyAttempts"), "{body}");
        assert!(body.contains("15"), "minutes to wait: {body}");
    });
}

#[test]
fn expired_sessions_and_disabled_accounts_open_nothing() {
    support::run(async {
        let f = fixture().await;
        let member = f.users[&Who::Member];
        let old = app::backend::sessions::start(
            &f.db,
            member,
            chrono::Utc::now() - chrono::Duration::hours(13),
        )
        .await
        .expect("session");
        let (status, _) = f
            .call_with(
                "/api/list_forums",
                Some(&format!("fp_session={}", old.token)),
                "",
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "past the absolute expiry");

        let cookie = f.cookie(Who::Member).await.expect("member");
        let (status, _) = f.call_with("/api/list_forums", Some(&cookie), "").await;
        assert_eq!(status, StatusCode::OK);
        let version = f.version_of(Who::Member).await;
        app::backend::accounts::set_disabled(&f.db, f.users[&Who::Admin], member, version, true)
            .await
            .expect("disable");
        let (status, _) = f.call_with("/api/list_forums", Some(&cookie), "").await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "a disabled account's session stops at once"
        );
        let (status, body) = f
            .call_with(
                "/api/sign_in",
                None,
                &sign_in_body("member@forumplan.example", DEMO_PASSWORD),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains("disabled"), "{body}");
    });
}

#[test]
fn a_one_time_password_must_be_replaced_before_anything_else() {
    support::run(async {
        let f = fixture().await;
        let viewer = f.users[&Who::Viewer];
        let version = f.version_of(Who::Viewer).await;
        let one_time = app::backend::accounts::Password::parse("one-time-password-9".to_owned())
            .expect("valid");
        app::backend::accounts::reset_password(
            &f.db,
            f.users[&Who::Admin],
            viewer,
            version,
            one_time,
        )
        .await
        .expect("reset");
        let cookie = f.cookie(Who::Viewer).await.expect("viewer");
        let (status, body) = f
            .call_with("/api/get_forum_home", Some(&cookie), "forum=wolverhampton")
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body.contains("PasswordChangeRequired"), "{body}");
        let (status, body) = f
            .call_with(
                "/api/change_password",
                Some(&cookie),
                "current=one-time-password-9&new_password=short&confirm=short",
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains("too short"), "{body}");
        let (status, body) = f
            .call_with(
                "/api/change_password",
                Some(&cookie),
                "current=one-time-password-9&new_password=my+own+password&confirm=my+own+password",
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, _) = f
            .call_with("/api/get_forum_home", Some(&cookie), "forum=wolverhampton")
            .await;
        assert_eq!(status, StatusCode::OK);
    });
}
