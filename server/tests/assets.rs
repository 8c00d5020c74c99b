//! The built site's files: pages ask for them by hashed names, which are cached for a year;
//! each is sent brotli- or gzip-compressed as the browser accepts; the plain names answer too,
//! revalidated by ETag.
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use leptos::prelude::LeptosOptions;
use std::io::Read as _;
use tower::ServiceExt;

async fn site() -> (axum::Router, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("fp-assets-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pkg")).expect("dir");
    let css = "body { color: #222; }\n".repeat(200);
    std::fs::write(dir.join("pkg/forumplan.css"), &css).expect("css");
    std::fs::write(
        dir.join("pkg/forumplan.js"),
        "export default function init() {}\n".repeat(50),
    )
    .expect("js");
    std::fs::write(
        dir.join("pkg/forumplan.wasm"),
        [0u8, 97, 115, 109, 1, 0, 0, 0],
    )
    .expect("wasm");
    let db = app::backend::db::connect(&format!(
        "sqlite://{}?mode=rwc",
        dir.join("db.sqlite").display()
    ))
    .await
    .expect("db");
    app::backend::db::migrate(&db).await.expect("migrate");
    let options = LeptosOptions::builder()
        .output_name("forumplan")
        .site_root(dir.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .build();
    (server::routes::router(options, db), dir)
}

async fn get(
    router: &axum::Router,
    path: &str,
    headers: &[(header::HeaderName, &str)],
) -> axum::response::Response {
    let mut request = Request::get(path).header(header::HOST, "forumplan.test");
    for (k, v) in headers {
        request = request.header(k, *v);
    }
    router
        .clone()
        .oneshot(request.body(Body::empty()).expect("request"))
        .await
        .expect("response")
}

async fn body(response: axum::response::Response) -> Vec<u8> {
    axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024)
        .await
        .expect("body")
        .to_vec()
}

#[tokio::test]
async fn pages_ask_for_hashed_files_that_are_cached_and_compressed() {
    let (router, dir) = site().await;
    let html = String::from_utf8(body(get(&router, "/sign-in", &[]).await).await).expect("utf-8");
    let css = regex_find(&html, "/pkg/forumplan.", ".css").expect("a hashed stylesheet");
    let js = regex_find(&html, "/pkg/forumplan.", ".js").expect("a hashed script");
    assert!(
        regex_find(&html, "/pkg/forumplan.", ".wasm").is_some(),
        "a hashed wasm: {html}"
    );
    assert_ne!(css, "/pkg/forumplan.css");

    let original = std::fs::read(dir.join("pkg/forumplan.css")).expect("css");
    let br = get(
        &router,
        &css,
        &[(header::ACCEPT_ENCODING, "gzip, deflate, br")],
    )
    .await;
    assert_eq!(br.status(), StatusCode::OK);
    assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(
        br.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(br.headers()[header::VARY], "accept-encoding");
    assert!(
        br.headers()[header::CONTENT_TYPE]
            .to_str()
            .expect("type")
            .starts_with("text/css")
    );
    let packed = body(br).await;
    assert!(
        packed.len() < original.len() / 5,
        "brotli: {} of {}",
        packed.len(),
        original.len()
    );
    let mut unpacked = Vec::new();
    brotli::Decompressor::new(&packed[..], 4096)
        .read_to_end(&mut unpacked)
        .expect("brotli");
    assert_eq!(unpacked, original);

    let gz = get(&router, &js, &[(header::ACCEPT_ENCODING, "gzip")]).await;
    assert_eq!(gz.headers()[header::CONTENT_ENCODING], "gzip");
    let mut unpacked = Vec::new();
    flate2::read::GzDecoder::new(&body(gz).await[..])
        .read_to_end(&mut unpacked)
        .expect("gzip");
    assert_eq!(
        unpacked,
        std::fs::read(dir.join("pkg/forumplan.js")).expect("js")
    );

    let plain = get(&router, "/pkg/forumplan.css", &[]).await;
    assert_eq!(plain.status(), StatusCode::OK);
    assert!(
        plain.headers().get(header::CONTENT_ENCODING).is_none(),
        "as built when nothing else is accepted"
    );
    assert_eq!(plain.headers()[header::CACHE_CONTROL], "no-cache");
    let etag = plain.headers()[header::ETAG]
        .to_str()
        .expect("etag")
        .to_owned();
    assert_eq!(body(plain).await, original);
    let again = get(
        &router,
        "/pkg/forumplan.css",
        &[(header::IF_NONE_MATCH, &etag)],
    )
    .await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(
        get(&router, "/pkg/forumplan.nope.css", &[]).await.status(),
        StatusCode::NOT_FOUND
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The first `prefix…suffix` in `text` (the part between has no quote).
fn regex_find(text: &str, prefix: &str, suffix: &str) -> Option<String> {
    let mut from = 0;
    while let Some(at) = text[from..].find(prefix) {
        let start = from + at;
        let rest = &text[start + prefix.len()..];
        let end = rest.find('"')?;
        let candidate = &text[start..start + prefix.len() + end];
        if candidate.ends_with(suffix) && candidate.len() > prefix.len() + suffix.len() {
            return Some(candidate.to_owned());
        }
        from = start + prefix.len();
    }
    None
}
