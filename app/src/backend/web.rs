//! The HTTP side of accounts, shared by the server's middleware and the server functions: the
//! session and flash cookies, and the per-request record of who is asking.
use crate::backend::accounts::{Caller, caller_for_session};
use crate::backend::error::BackendResult;
use crate::domain::account::Flash;
use base64::Engine;
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use std::net::IpAddr;
use std::sync::Arc;
use tokio::sync::OnceCell;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "fp_session";
/// The flash cookie's name: a message for the next page, read once.
pub const FLASH_COOKIE: &str = "fp_flash";
/// A flash message older than this is not shown.
const FLASH_SECONDS: i64 = 120;
/// Flash cookies stay well under the browsers' 4 KiB per cookie.
const FLASH_MAX_BYTES: usize = 3000;

/// Who is asking, put on every request by the server's middleware; the caller is looked up at
/// most once per request, the first time a server function or page needs it.
#[derive(Clone, Debug, Default)]
pub struct RequestAuth {
    /// The session cookie's token, if one was sent.
    pub token: Option<String>,
    /// The network address of the client (for sign-in rate limiting).
    pub client: Option<IpAddr>,
    /// Whether the site is served over HTTPS (cookies are then `Secure`).
    pub https: bool,
    caller: Arc<OnceCell<Option<Caller>>>,
}

impl RequestAuth {
    /// The record for a request with this session token, client address and scheme.
    pub fn new(token: Option<String>, client: Option<IpAddr>, https: bool) -> Self {
        RequestAuth {
            token,
            client,
            https,
            caller: Arc::default(),
        }
    }

    /// The signed-in caller, if any (looked up once per request).
    ///
    /// # Errors
    /// Database errors.
    pub async fn caller(&self, db: &impl ConnectionTrait) -> BackendResult<Option<Caller>> {
        let Some(token) = &self.token else {
            return Ok(None);
        };
        let caller = self
            .caller
            .get_or_try_init(|| async { caller_for_session(db, token, Utc::now()).await })
            .await?;
        Ok(caller.clone())
    }
}

fn attributes(secure: bool) -> &'static str {
    if secure {
        "Path=/; HttpOnly; SameSite=Lax; Secure"
    } else {
        "Path=/; HttpOnly; SameSite=Lax"
    }
}

/// The `Set-Cookie` value that carries a new session's token until `expires_at`.
pub fn session_cookie(token: &str, expires_at: DateTime<Utc>, secure: bool) -> String {
    let max_age = (expires_at - Utc::now()).num_seconds().max(0);
    format!(
        "{SESSION_COOKIE}={token}; Max-Age={max_age}; {}",
        attributes(secure)
    )
}

/// The `Set-Cookie` value that removes cookie `name`.
pub fn removal_cookie(name: &str, secure: bool) -> String {
    format!(
        "{name}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; {}",
        attributes(secure)
    )
}

/// The `Set-Cookie` value that leaves `flash` for the next page.
pub fn flash_cookie(flash: &Flash, secure: bool) -> String {
    let mut flash = flash.clone();
    let mut json = serde_json::to_vec(&flash).unwrap_or_default();
    // Typed values are dropped first, then the message shortened, to fit in a cookie.
    while json.len() > FLASH_MAX_BYTES && !flash.fields.is_empty() {
        flash.fields.pop();
        json = serde_json::to_vec(&flash).unwrap_or_default();
    }
    if json.len() > FLASH_MAX_BYTES {
        flash.message = flash.message.chars().take(500).collect();
        json = serde_json::to_vec(&flash).unwrap_or_default();
    }
    let value = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
    format!(
        "{FLASH_COOKIE}={value}; Max-Age={FLASH_SECONDS}; {}",
        attributes(secure)
    )
}

/// Whether a flash message is too large for a cookie (then it waits in the [`FlashStore`]).
pub fn flash_too_large(flash: &Flash) -> bool {
    serde_json::to_vec(flash).map_or(true, |json| json.len() > FLASH_MAX_BYTES)
}

/// Flash messages too large for a cookie (a long activity text typed into a refused form), kept
/// in the server process for a short while under a random key that the cookie carries instead.
#[derive(Debug, Default)]
pub struct FlashStore(std::sync::Mutex<std::collections::HashMap<String, (Flash, DateTime<Utc>)>>);

/// A flash cookie's value that names a message in the [`FlashStore`] starts with this.
const STORED_PREFIX: &str = "s.";

impl FlashStore {
    /// Keeps `flash` and returns the `Set-Cookie` value that refers to it.
    pub fn keep(&self, flash: Flash, secure: bool, now: DateTime<Utc>) -> String {
        let mut bytes = [0_u8; 16];
        if getrandom::fill(&mut bytes).is_err() {
            return flash_cookie(&flash, secure);
        }
        let key: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        if let Ok(mut map) = self.0.lock() {
            map.retain(|_, (_, at)| (now - *at).num_seconds() < FLASH_SECONDS);
            map.insert(key.clone(), (flash, now));
        }
        format!(
            "{FLASH_COOKIE}={STORED_PREFIX}{key}; Max-Age={FLASH_SECONDS}; {}",
            attributes(secure)
        )
    }

    /// The flash message a cookie's value carries or refers to (taken: it is shown once).
    pub fn take(&self, value: &str, now: DateTime<Utc>) -> Option<Flash> {
        match value.strip_prefix(STORED_PREFIX) {
            Some(key) => {
                let (flash, at) = self.0.lock().ok()?.remove(key)?;
                ((now - at).num_seconds() < FLASH_SECONDS).then_some(flash)
            }
            None => read_flash(value),
        }
    }
}

/// The flash message in a flash cookie's value, if it is one.
pub fn read_flash(value: &str) -> Option<Flash> {
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(value)
        .ok()?;
    serde_json::from_slice(&json).ok()
}

/// The value of cookie `name` in a request's `Cookie` headers.
pub fn cookie_value(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty())
}

/// Whether `next` is a path on this site (so that sign-in never redirects elsewhere).
pub fn is_local_path(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control() || c == '\\')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::FlashKind;
    use axum::http::{HeaderMap, HeaderValue};

    #[test]
    fn session_cookies_are_http_only_lax_and_secure_over_https() {
        let expires = Utc::now() + chrono::Duration::hours(12);
        let plain = session_cookie("tok", expires, false);
        assert!(plain.starts_with("fp_session=tok; Max-Age=43"), "{plain}");
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Lax"));
        assert!(!plain.contains("Secure"));
        assert!(session_cookie("tok", expires, true).ends_with("; Secure"));
        assert!(removal_cookie(SESSION_COOKIE, false).contains("Max-Age=0"));
    }

    #[test]
    fn cookies_are_read_from_any_cookie_header() {
        let mut headers = HeaderMap::new();
        headers.append("cookie", HeaderValue::from_static("a=1; fp_session=abc"));
        headers.append("cookie", HeaderValue::from_static("fp_flash=xyz"));
        assert_eq!(cookie_value(&headers, "fp_session").as_deref(), Some("abc"));
        assert_eq!(cookie_value(&headers, "fp_flash").as_deref(), Some("xyz"));
        assert_eq!(cookie_value(&headers, "fp"), None);
    }

    #[test]
    fn a_flash_survives_the_cookie_and_a_long_one_is_cut_to_fit() {
        let flash = Flash {
            kind: FlashKind::Error,
            message: "the e-mail address is empty".to_owned(),
            form: "sign_in".to_owned(),
            fields: vec![("email".to_owned(), "jo@example.org".to_owned())],
            errors: Vec::new(),
            details: Vec::new(),
        };
        let cookie = flash_cookie(&flash, false);
        let value = cookie
            .strip_prefix("fp_flash=")
            .and_then(|c| c.split(';').next())
            .expect("value");
        assert_eq!(read_flash(value), Some(flash.clone()));
        let long = Flash {
            fields: vec![("notes".to_owned(), "x".repeat(10_000))],
            ..flash
        };
        assert!(flash_cookie(&long, false).len() < 4000);
        assert_eq!(read_flash("not base64!"), None);
    }

    #[test]
    fn a_flash_too_large_for_a_cookie_waits_on_the_server_and_is_shown_once() {
        let now = Utc::now();
        let long = Flash {
            kind: FlashKind::Error,
            message: "changed by someone else".to_owned(),
            form: "action".to_owned(),
            fields: vec![("activity".to_owned(), "é".repeat(5_000))],
            errors: Vec::new(),
            details: Vec::new(),
        };
        assert!(flash_too_large(&long));
        let store = FlashStore::default();
        let cookie = store.keep(long.clone(), true, now);
        assert!(cookie.len() < 200, "{cookie}");
        let value = cookie
            .strip_prefix("fp_flash=")
            .and_then(|c| c.split(';').next())
            .expect("value");
        assert_eq!(store.take("s.unknown", now), None);
        assert_eq!(store.take(value, now), Some(long.clone()));
        assert_eq!(store.take(value, now), None, "shown once");
        let late = store.keep(long, false, now);
        let value = late
            .strip_prefix("fp_flash=")
            .and_then(|c| c.split(';').next())
            .expect("v");
        assert_eq!(
            store.take(value, now + chrono::Duration::seconds(600)),
            None,
            "expired"
        );
    }

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert!(is_local_path("/forums/wolverhampton"));
        assert!(is_local_path("/forums/a?b=c"));
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "evil",
            "",
            "/a\nb",
        ] {
            assert!(!is_local_path(bad), "{bad:?}");
        }
    }
}
