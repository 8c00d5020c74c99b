//! The upload route of the import (`POST /forums/:forum/import/upload`) as a browser uses it:
//! a spreadsheet goes to its preview; a file over the limit, a file that is not a spreadsheet
//! and a form without a file go back to the import page with the reason, and keep nothing; the
//! page's own script gets the next page as text instead of a redirect.
mod support;

use app::backend::entity::import_upload;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use sea_orm::{EntityTrait, PaginatorTrait};
use support::{HOST, Who, fixture};

const BOUNDARY: &str = "----forumplan-test-boundary";

fn multipart(file_name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Posts `body` as the coordinator; returns the status, the Location (or the script's text
/// answer) and the flash's message.
async fn post(
    f: &support::Fixture,
    body: Vec<u8>,
    script: bool,
) -> (StatusCode, String, Option<String>) {
    let cookie = f.cookie(Who::Coordinator).await.expect("coordinator");
    let mut request = Request::post("/forums/wolverhampton/import/upload")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .header(header::COOKIE, cookie)
        .header(header::ACCEPT, "text/html")
        .header(header::CONTENT_LENGTH, body.len())
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        );
    if script {
        request = request.header("x-forumplan-upload", "1");
    }
    let response = f
        .send(request.body(Body::from(body)).expect("request"))
        .await;
    let status = response.status();
    let flash = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("fp_flash="))
        .and_then(|c| app::backend::web::read_flash(c.split(';').next().unwrap_or_default()))
        .map(|f| f.message);
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let text = axum::body::to_bytes(response.into_body(), 1024 * 1024)
        .await
        .expect("body");
    let to = location.unwrap_or_else(|| String::from_utf8_lossy(&text).into_owned());
    (status, to, flash)
}

#[test]
fn uploads_go_to_their_preview_or_back_with_the_reason() {
    support::run(async {
        let f = fixture().await;
        let kept = || async {
            import_upload::Entity::find()
                .count(&f.db)
                .await
                .expect("count")
        };
        let before = kept().await;

        let csv =
            b"Theme,Action,Lead,Target\nSafety,Sanctuary scheme,The Haven Wolverhampton,40 homes\n";
        let (status, to, flash) = post(&f, multipart("plan.csv", csv), false).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(to.starts_with("/forums/wolverhampton/import/"), "{to}");
        assert_eq!(flash, None);
        assert_eq!(kept().await, before + 1);

        // Over the 10 MB limit: refused with the limit in the message, nothing kept.
        let big = vec![b'a'; 10 * 1024 * 1024 + 10];
        let (status, to, flash) = post(&f, multipart("huge.csv", &big), false).await;
        assert_eq!(
            (status, to.as_str()),
            (StatusCode::SEE_OTHER, "/forums/wolverhampton/import")
        );
        let message = flash.expect("a reason");
        assert!(
            message.contains("the largest file ForumPlan accepts is 10 MB"),
            "{message}"
        );
        assert_eq!(kept().await, before + 1);

        // Not a spreadsheet.
        let (_, to, flash) = post(
            &f,
            multipart("minutes.docx", b"PK\x03\x04 not a workbook"),
            false,
        )
        .await;
        assert_eq!(to, "/forums/wolverhampton/import");
        let message = flash.expect("a reason");
        assert!(message.contains("Nothing was imported"), "{message}");

        // No file chosen.
        let (_, to, flash) = post(&f, multipart("", b""), false).await;
        assert_eq!(to, "/forums/wolverhampton/import");
        assert!(flash.expect("a reason").starts_with("Choose a spreadsheet"));
        assert_eq!(kept().await, before + 1);

        // The page's script: the next page as text, with a 200.
        let (status, to, _) = post(&f, multipart("plan.csv", csv), true).await;
        assert_eq!(status, StatusCode::OK);
        assert!(to.starts_with("/forums/wolverhampton/import/"), "{to}");
    });
}
