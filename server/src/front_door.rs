//! The front door, in front of every route: who is asking (the session cookie, looked up lazily)
//! and refusal of cross-site writes.
//!
//! Cross-site request forgery: a state-changing request (any method but GET, HEAD, OPTIONS) is
//! refused when the browser says it came from another site: `Sec-Fetch-Site` other than
//! `same-origin` or `none`, or else an `Origin` whose host is not this request's `Host` (nor
//! `FORUMPLAN_PUBLIC_URL`). Browsers send at least one of them on every POST; a request with
//! neither comes from a program, which has no ambient cookies to abuse. Session cookies are
//! also `SameSite=Lax`, so a cross-site POST would not carry one anyway: two locks, not one.
use app::backend::web::{RequestAuth, SESSION_COOKIE, cookie_value};
use app::components::enhance::{ENHANCED_HEADER, LOCATION_HEADER};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, SocketAddr};

/// What the front door needs to know about the deployment.
#[derive(Clone, Debug, Default)]
pub struct FrontDoor {
    /// `FORUMPLAN_PUBLIC_URL`'s origin (`https://plan.example.org`), when set.
    pub public_origin: Option<String>,
    /// `FORUMPLAN_TRUSTED_PROXIES`: peers whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpAddr>,
}

impl FrontDoor {
    /// The address a request comes from: its peer's, or, when the peer is a trusted proxy, the
    /// nearest address in `X-Forwarded-For` that is not one of the trusted proxies (the ones
    /// further left could have been written by the client). Sign-in throttling counts by it.
    pub fn client(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        let peer = peer?;
        if !self.trusted_proxies.contains(&peer) {
            return Some(peer);
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse().ok())
            .collect();
        Some(
            forwarded
                .into_iter()
                .rev()
                .find(|a| !self.trusted_proxies.contains(a))
                .unwrap_or(peer),
        )
    }

    fn https(&self, headers: &HeaderMap) -> bool {
        self.public_origin
            .as_deref()
            .is_some_and(|o| o.starts_with("https://"))
            || headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.eq_ignore_ascii_case("https"))
    }

    /// Whether a state-changing request with these headers came from this site (or from a
    /// program that is not a browser).
    pub fn same_site(&self, headers: &HeaderMap) -> bool {
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        if let Some(site) = text("sec-fetch-site") {
            return site == "same-origin" || site == "none";
        }
        let Some(origin) = text(header::ORIGIN.as_str()) else {
            return true;
        };
        if self.public_origin.as_deref() == Some(origin.trim_end_matches('/')) {
            return true;
        }
        let origin_host = origin.split_once("://").map(|(_, rest)| rest);
        match (origin_host, text(header::HOST.as_str())) {
            (Some(o), Some(host)) => o.eq_ignore_ascii_case(host),
            _ => false,
        }
    }
}

/// Refuses cross-site writes; puts a [`RequestAuth`] on every request.
pub async fn front_door(
    State(door): State<FrontDoor>,
    mut request: Request,
    next: Next,
) -> Response {
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if writes && !door.same_site(request.headers()) {
        tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
        return (
            StatusCode::FORBIDDEN,
            "Refused: this request came from another site. If you were using ForumPlan, \
             go back, reload the page and try again.",
        )
            .into_response();
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let client = door.client(peer, request.headers());
    let auth = RequestAuth::new(
        cookie_value(request.headers(), SESSION_COOKIE),
        client,
        door.https(request.headers()),
    );
    request.extensions_mut().insert(auth);
    let enhanced = writes && request.headers().contains_key(ENHANCED_HEADER);
    let response = next.run(request).await;
    if enhanced {
        return enhanced_answer(response);
    }
    response
}

/// A form post made by the page's script (`app::components::enhance`) is answered with `200` and
/// the redirect's target as a path in [`LOCATION_HEADER`] (cookies, such as the flash message,
/// are kept), so that the script can update the page instead of the browser reloading it.
fn enhanced_answer(mut response: Response) -> Response {
    if !response.status().is_redirection() {
        return response;
    }
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(local_part)
        .unwrap_or_default();
    let headers = response.headers_mut();
    headers.remove(header::LOCATION);
    if let Ok(value) = HeaderValue::from_str(&location) {
        headers.insert(LOCATION_HEADER, value);
    }
    *response.status_mut() = StatusCode::OK;
    *response.body_mut() = axum::body::Body::empty();
    response
}

/// The path (and query) of a redirect target: `http://host/a?b` gives `/a?b`.
fn local_part(location: &str) -> String {
    match location.split_once("://") {
        Some((_, rest)) => rest
            .find('/')
            .map_or_else(|| "/".to_owned(), |i| rest[i..].to_owned()),
        None => location.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enhanced_post_learns_where_it_would_have_gone() {
        let redirect = Response::builder()
            .status(StatusCode::FOUND)
            .header(
                header::LOCATION,
                "http://127.0.0.1:3000/forums/a/strategies/b/edit?x=1",
            )
            .header(header::SET_COOKIE, "fp_flash=abc")
            .body(axum::body::Body::from("moved"))
            .expect("response");
        let answer = enhanced_answer(redirect);
        assert_eq!(answer.status(), StatusCode::OK);
        assert_eq!(
            answer.headers()[LOCATION_HEADER],
            "/forums/a/strategies/b/edit?x=1"
        );
        assert_eq!(answer.headers()[header::SET_COOKIE], "fp_flash=abc");
        assert!(answer.headers().get(header::LOCATION).is_none());
        let page = Response::builder()
            .status(StatusCode::OK)
            .body(axum::body::Body::empty())
            .expect("r");
        assert!(
            enhanced_answer(page)
                .headers()
                .get(LOCATION_HEADER)
                .is_none()
        );
        assert_eq!(local_part("/a"), "/a");
        assert_eq!(local_part("https://host"), "/");
    }
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn same_origin_requests_pass_and_cross_site_ones_do_not() {
        let door = FrontDoor::default();
        assert!(door.same_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(door.same_site(&headers(&[("sec-fetch-site", "none")])));
        assert!(!door.same_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!door.same_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(door.same_site(&headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!door.same_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!door.same_site(&headers(&[("origin", "null"), ("host", "127.0.0.1:3000")])));
        assert!(
            door.same_site(&headers(&[])),
            "programs send neither header"
        );
    }

    #[test]
    fn the_public_url_is_trusted_behind_a_proxy() {
        let door = FrontDoor {
            public_origin: Some("https://plan.example.org".to_owned()),
            ..FrontDoor::default()
        };
        assert!(door.same_site(&headers(&[
            ("origin", "https://plan.example.org"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(door.https(&headers(&[])));
    }

    #[test]
    fn a_forwarded_address_is_believed_only_from_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.2".parse().expect("ip");
        let client: IpAddr = "203.0.113.7".parse().expect("ip");
        let forwarded = headers(&[("x-forwarded-for", "198.51.100.1, 203.0.113.7")]);
        let open = FrontDoor::default();
        assert_eq!(
            open.client(Some(proxy), &forwarded),
            Some(proxy),
            "no proxy configured: the header is ignored"
        );
        let door = FrontDoor {
            trusted_proxies: vec![proxy],
            ..FrontDoor::default()
        };
        assert_eq!(
            door.client(Some(proxy), &forwarded),
            Some(client),
            "the address the proxy saw, not one the client wrote"
        );
        assert_eq!(
            door.client(Some(client), &forwarded),
            Some(client),
            "anyone else's header is ignored"
        );
        assert_eq!(door.client(Some(proxy), &headers(&[])), Some(proxy));
        assert_eq!(
            door.client(
                Some(proxy),
                &headers(&[("x-forwarded-for", "203.0.113.7, 10.0.0.2")])
            ),
            Some(client),
            "a chain of trusted proxies is skipped"
        );
        assert_eq!(door.client(None, &forwarded), None);
    }
}
