//! Security headers on every response, API and app alike, and a CSP that allows exactly the
//! built app's inline loader.

use axum::http::StatusCode;
use base64::Engine as _;
use sha2::{Digest as _, Sha256};

use crate::helpers::{TestApp, TestResponse};
use crate::web::built_app;

fn assert_security_headers(response: &TestResponse) {
    let csp = response.header("content-security-policy");
    for directive in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "default-src 'self'"]
    {
        assert!(csp.contains(directive), "CSP lacks {directive}: {csp}");
    }
    let script_src =
        csp.split(';').map(str::trim).find(|d| d.starts_with("script-src")).expect("a script-src");
    assert!(script_src.contains("'wasm-unsafe-eval'"));
    assert!(!script_src.contains("'unsafe-inline'") && !script_src.contains("'unsafe-eval'"), "{script_src}");
    assert!(response.header("strict-transport-security").starts_with("max-age="));
    assert_eq!(response.header("x-content-type-options"), "nosniff");
    assert_eq!(response.header("referrer-policy"), "no-referrer");
    assert!(response.header("permissions-policy").contains("camera=()"));
    assert_eq!(response.header("x-frame-options"), "DENY");
}

#[tokio::test]
async fn api_responses_carry_the_security_headers_and_are_never_cached() {
    let app = TestApp::spawn().await;

    let ok = app.get("/api/health").await;
    let missing = app.get("/api/nothing").await;

    for response in [&ok, &missing] {
        assert_security_headers(response);
        assert_eq!(response.header("cache-control"), "no-store");
    }
}

#[tokio::test]
async fn the_app_page_carries_the_headers_and_its_inline_loader_is_allowed_by_hash() {
    let dir = built_app();
    let app = TestApp::spawn_with_web(dir.path()).await;

    let page = app.get("/").await;

    assert_eq!(page.status, StatusCode::OK);
    assert_security_headers(&page);
    let loader = "import init from '/frontend-0123456789abcdef.js'; await init();";
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(loader));
    assert!(page.header("content-security-policy").contains(&format!("'sha256-{hash}'")));
}
