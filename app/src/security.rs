//! The Content-Security-Policy the hydrated app works under: scripts and styles only from this
//! site or with this response's nonce (the meeting pack's print headers are a `<style>` with
//! it), wasm compilation allowed, no framing, no other origins.

/// The policy for one response, given its nonce.
pub fn content_security_policy(nonce: &str) -> String {
    // cargo-leptos's live reload (debug builds under `cargo leptos watch`) needs its websocket.
    let reload = if cfg!(debug_assertions) {
        " ws://127.0.0.1:3001 ws://localhost:3001"
    } else {
        ""
    };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; connect-src 'self'{reload}; font-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Sets the Content-Security-Policy header of the page being rendered, with its nonce.
#[cfg(feature = "ssr")]
pub fn apply_content_security_policy() {
    use axum::http::{HeaderValue, header::CONTENT_SECURITY_POLICY};
    use leptos::prelude::use_context;
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&content_security_policy(&nonce.to_string())) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::content_security_policy;

    #[test]
    fn the_policy_names_the_nonce_and_forbids_framing() {
        let csp = content_security_policy("abc123");
        assert!(csp.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'"));
        assert!(csp.contains("style-src 'self' 'nonce-abc123';"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
    }
}
