//! The JSON API against the authorisation fixture (demo forum A with its four accounts, forum B
//! where they have no role): tokens read what their owner's role may read and nothing else,
//! paging walks every record exactly once, errors are JSON that says what to do, and the OpenAPI
//! description lists exactly the routes served, with schemas the real answers satisfy.
mod support;

use app::backend::entity::{api_token, app_user};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::Value;
use server::routes::{RouteAccess, extra_routes};
use support::{Fixture, HOST, Who, fixture};

/// A token for `who`, stored as the site stores one (only its hash).
async fn token_for(f: &Fixture, who: Who, n: u8) -> String {
    let token = format!(
        "fpt_{}",
        format!("{n:0>2}")
            .repeat(22)
            .chars()
            .take(43)
            .collect::<String>()
    );
    api_token::ActiveModel {
        user_id: Set(f.users[&who]),
        token_hash: Set(app::backend::import::sha256_hex(token.as_bytes())),
        label: Set(format!("{who:?} tool")),
        can_write: Set(false),
        created_at: Set(chrono::Utc::now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&f.db)
    .await
    .expect("token");
    token
}

async fn get(
    f: &Fixture,
    path: &str,
    token: Option<&str>,
    cookie: Option<String>,
) -> (StatusCode, Value) {
    let mut request = Request::get(path).header(header::HOST, HOST);
    if let Some(t) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    if let Some(c) = cookie {
        request = request.header(header::COOKIE, c);
    }
    let response = f.send(request.body(Body::empty()).expect("request")).await;
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024)
        .await
        .expect("body");
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "{path}: not JSON ({e}): {}",
            String::from_utf8_lossy(&bytes)
        )
    });
    (status, json)
}

fn api_paths() -> Vec<&'static str> {
    extra_routes()
        .into_iter()
        .filter(|(r, _)| r.access == RouteAccess::ApiToken)
        .map(|(r, _)| r.path)
        .collect()
}

#[test]
fn tokens_read_what_their_owner_may_read_and_nothing_else() {
    support::run(async {
        let f = fixture().await;
        let mut tokens = Vec::new();
        for (n, who) in [Who::Admin, Who::Coordinator, Who::Member, Who::Viewer]
            .into_iter()
            .enumerate()
        {
            tokens.push((
                who,
                token_for(&f, who, u8::try_from(n).expect("small")).await,
            ));
        }
        let paths = api_paths();
        assert_eq!(paths.len(), 7, "{paths:?}");
        let mut failures = Vec::new();
        let mut cells = 0;
        for path in &paths {
            for (forum, own) in [(f.forum_a.as_str(), true), (f.forum_b.as_str(), false)] {
                let url = path.replace("{forum}", forum);
                for (who, token) in &tokens {
                    let (status, body) = get(&f, &url, Some(token), None).await;
                    cells += 1;
                    let expect = !path.contains("{forum}") || own || *who == Who::Admin;
                    let ok = if expect {
                        status == StatusCode::OK && body["data"].is_array()
                    } else {
                        status == StatusCode::FORBIDDEN && body["error"]["code"] == "no_access"
                    };
                    if !ok {
                        failures.push(format!("{url} as {who:?}: {status} {body}"));
                    }
                }
                // No token, a session cookie instead of one, a made-up token: 401, in JSON.
                let cookie = f.cookie(Who::Coordinator).await;
                for (token, cookie, code) in [
                    (None, None, "token_required"),
                    (None, cookie, "token_required"),
                    (
                        Some("fpt_made-up-token-made-up-token-made-up-tok"),
                        None,
                        "token_invalid",
                    ),
                ] {
                    let (status, body) = get(&f, &url, token, cookie).await;
                    cells += 1;
                    if status != StatusCode::UNAUTHORIZED || body["error"]["code"] != code {
                        failures.push(format!("{url} with {token:?}: {status} {body}"));
                    }
                }
            }
        }
        println!(
            "API authorisation: {} endpoints, {cells} cells",
            paths.len()
        );
        assert!(failures.is_empty(), "{}", failures.join("\n"));

        // The forums list says which forums a token reads, with the owner's role.
        let (_, viewer) = get(&f, "/api/v1/forums", Some(&tokens[3].1), None).await;
        assert_eq!(viewer["data"].as_array().map(Vec::len), Some(1), "{viewer}");
        assert_eq!(viewer["data"][0]["slug"], f.forum_a.as_str());
        assert_eq!(viewer["data"][0]["role"], "viewer");
        let (_, admin) = get(&f, "/api/v1/forums", Some(&tokens[0].1), None).await;
        assert!(
            admin["data"].as_array().is_some_and(|d| d.len() >= 2),
            "{admin}"
        );

        // A revoked token, and a disabled account's token, stop at once.
        let coordinator = &tokens[1].1;
        let url = format!("/api/v1/forums/{}/strategies", f.forum_a);
        assert_eq!(
            get(&f, &url, Some(coordinator), None).await.0,
            StatusCode::OK
        );
        let row = api_token::Entity::find()
            .all(&f.db)
            .await
            .expect("tokens")
            .into_iter()
            .find(|t| t.user_id == f.users[&Who::Coordinator])
            .expect("the coordinator's token");
        assert!(row.last_used_at.is_some(), "a used token says when");
        let mut revoked: api_token::ActiveModel = row.into();
        revoked.revoked_at = Set(Some(chrono::Utc::now()));
        revoked.update(&f.db).await.expect("revoke");
        let (status, body) = get(&f, &url, Some(coordinator), None).await;
        assert_eq!(
            (status, body["error"]["code"].clone()),
            (StatusCode::UNAUTHORIZED, "token_invalid".into())
        );
        let member = app_user::Entity::find_by_id(f.users[&Who::Member])
            .one(&f.db)
            .await
            .expect("query")
            .expect("member");
        let mut disabled: app_user::ActiveModel = member.into();
        disabled.disabled_at = Set(Some(chrono::Utc::now()));
        disabled.update(&f.db).await.expect("disable");
        assert_eq!(
            get(&f, &url, Some(&tokens[2].1), None).await.0,
            StatusCode::UNAUTHORIZED
        );
    });
}

#[test]
fn pages_walk_every_record_once_and_bad_paging_is_refused() {
    support::run(async {
        let f = fixture().await;
        let token = token_for(&f, Who::Viewer, 9).await;
        let (_, all) = get(
            &f,
            &format!("/api/v1/forums/{}/targets?limit=1000", f.forum_a),
            Some(&token),
            None,
        )
        .await;
        let everything: Vec<i64> = all["data"]
            .as_array()
            .expect("data")
            .iter()
            .map(|t| t["id"].as_i64().expect("id"))
            .collect();
        assert!(everything.len() > 20, "the demo forum has targets");
        assert_eq!(all["next"], Value::Null, "one page holds them all");
        let mut seen = Vec::new();
        let mut next = Some(format!("/api/v1/forums/{}/targets?limit=7", f.forum_a));
        let mut pages = 0;
        while let Some(url) = next {
            let (status, page) = get(&f, &url, Some(&token), None).await;
            assert_eq!(status, StatusCode::OK, "{url}: {page}");
            let data = page["data"].as_array().expect("data");
            assert!(data.len() <= 7, "{url}");
            seen.extend(data.iter().map(|t| t["id"].as_i64().expect("id")));
            next = page["next"].as_str().map(str::to_owned);
            pages += 1;
            assert!(pages < 1000, "paging ends");
        }
        assert_eq!(seen, everything, "every target once, in id order");
        assert_eq!(pages, everything.len().div_ceil(7));
        for bad in ["limit=0", "limit=1001", "limit=ten", "after=-1", "after=x"] {
            let (status, body) = get(
                &f,
                &format!("/api/v1/forums/{}/updates?{bad}", f.forum_a),
                Some(&token),
                None,
            )
            .await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
            assert_eq!(body["error"]["code"], "bad_request", "{bad}");
            let message = body["error"]["message"].as_str().unwrap_or_default();
            assert!(
                message.contains("limit") || message.contains("after"),
                "{bad}: {message}"
            );
        }
    });
}

/// Checks a JSON value against a (small) JSON Schema: types, required properties, and no
/// property the schema does not name.
fn check(value: &Value, schema: &Value, doc: &Value, at: &str, problems: &mut Vec<String>) {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.trim_start_matches("#/components/schemas/");
        return check(
            value,
            &doc["components"]["schemas"][name],
            doc,
            at,
            problems,
        );
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let fits = |t: &str| match t {
        "null" => value.is_null(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => false,
    };
    if !types.is_empty() && !types.iter().any(|t| fits(t)) {
        problems.push(format!("{at}: {value} is not {types:?}"));
        return;
    }
    if let (Some(object), Some(properties)) = (value.as_object(), schema["properties"].as_object())
    {
        for required in schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !object.contains_key(required) {
                problems.push(format!("{at}: missing {required}"));
            }
        }
        for (key, v) in object {
            match properties.get(key) {
                Some(s) => check(v, s, doc, &format!("{at}.{key}"), problems),
                None => problems.push(format!("{at}: {key} is not in the schema")),
            }
        }
    }
    if let (Some(items), Some(schema)) = (value.as_array(), schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            check(item, schema, doc, &format!("{at}[{i}]"), problems);
        }
    }
}

#[test]
fn the_openapi_description_lists_the_routes_served_and_their_answers_fit_it() {
    support::run(async {
        let f = fixture().await;
        let token = token_for(&f, Who::Coordinator, 7).await;
        let (status, doc) = get(&f, "/api/v1/openapi.json", None, None).await;
        assert_eq!(status, StatusCode::OK, "anyone may read the description");
        assert_eq!(doc["openapi"], "3.1.0");
        assert_eq!(
            doc["components"]["securitySchemes"]["token"]["scheme"],
            "bearer"
        );
        let mut described: Vec<&str> = doc["paths"]
            .as_object()
            .expect("paths")
            .keys()
            .map(String::as_str)
            .collect();
        let mut served = api_paths();
        described.sort_unstable();
        served.sort_unstable();
        assert_eq!(
            described, served,
            "the description and the router list the same paths"
        );
        let mut problems = Vec::new();
        for path in served {
            let operation = &doc["paths"][path]["get"];
            assert!(operation["operationId"].is_string(), "{path}");
            let declared: Vec<&str> = operation["parameters"]
                .as_array()
                .expect("parameters")
                .iter()
                .filter_map(|p| p["name"].as_str())
                .collect();
            if path.contains("{forum}") {
                assert!(
                    declared.contains(&"forum"),
                    "{path}: the path parameter is declared"
                );
            }
            assert!(
                declared.contains(&"limit") && declared.contains(&"after"),
                "{path}"
            );
            let url = format!("{}?limit=3", path.replace("{forum}", &f.forum_a));
            let (status, answer) = get(&f, &url, Some(&token), None).await;
            assert_eq!(status, StatusCode::OK, "{url}: {answer}");
            assert!(
                !answer["data"].as_array().expect("data").is_empty(),
                "{url}: the demo has records"
            );
            let schema = &operation["responses"]["200"]["content"]["application/json"]["schema"];
            check(&answer, schema, &doc, path, &mut problems);
            // A refusal fits the error schema too.
            let (status, refusal) = get(&f, &url, None, None).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED);
            check(
                &refusal,
                &operation["responses"]["401"]["content"]["application/json"]["schema"],
                &doc,
                &format!("{path} 401"),
                &mut problems,
            );
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    });
}
