//! Serving the built browser app: precompressed files, caching by whether a name is hashed, the
//! app page for client routes, and 404 for missing files.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use shared::ErrorCode;
use tempfile::TempDir;

use crate::helpers::{TestApp, assert_envelope};

pub const INDEX: &str = "<!doctype html><html lang=\"en\"><head><title>Portal</title>\
<script type=\"module\">import init from '/frontend-0123456789abcdef.js'; await init();</script>\
</head><body></body></html>";

/// A folder laid out as Trunk builds it: hashed script and wasm (with a brotli copy), the
/// service worker and the manifest.
pub fn built_app() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    write("index.html", INDEX.as_bytes());
    write("frontend-0123456789abcdef.js", b"export default function init() {}");
    write("frontend-0123456789abcdef_bg.wasm", b"\0asm\x01\0\0\0");
    write("frontend-0123456789abcdef_bg.wasm.br", b"brotli bytes");
    write("sw.js", b"self.addEventListener('fetch', () => {});");
    write("manifest.webmanifest", b"{}");
    dir
}

fn get_with(path: &str, accept_encoding: &str) -> Request<Body> {
    Request::get(path).header("accept-encoding", accept_encoding).body(Body::empty()).unwrap()
}

#[tokio::test]
async fn hashed_wasm_is_served_precompressed_with_its_type_and_cached_for_good() {
    let dir = built_app();
    let app = TestApp::spawn_with_web(dir.path()).await;

    let response = app.send(get_with("/frontend-0123456789abcdef_bg.wasm", "br, gzip")).await;

    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.header("content-type"), "application/wasm");
    assert_eq!(response.header("content-encoding"), "br");
    assert_eq!(response.body, b"brotli bytes");
    assert_eq!(response.header("cache-control"), "public, max-age=31536000, immutable");
}

#[tokio::test]
async fn a_client_without_brotli_gets_the_plain_file() {
    let dir = built_app();
    let app = TestApp::spawn_with_web(dir.path()).await;

    let response = app.send(get_with("/frontend-0123456789abcdef_bg.wasm", "identity")).await;

    assert_eq!(response.status, StatusCode::OK);
    assert!(response.headers.get("content-encoding").is_none());
    assert_eq!(response.body, b"\0asm\x01\0\0\0");
}

#[tokio::test]
async fn the_page_and_the_service_worker_are_revalidated_on_every_visit() {
    let dir = built_app();
    let app = TestApp::spawn_with_web(dir.path()).await;

    for path in ["/", "/sw.js", "/manifest.webmanifest"] {
        let response = app.get(path).await;
        assert_eq!(response.status, StatusCode::OK, "{path}");
        assert_eq!(response.header("cache-control"), "no-cache", "{path}");
    }
    assert_eq!(app.get("/sw.js").await.header("content-type"), "text/javascript");
}

#[tokio::test]
async fn a_client_route_gets_the_app_page() {
    let dir = built_app();
    let app = TestApp::spawn_with_web(dir.path()).await;

    let response = app.get("/results/42").await;

    assert_eq!(response.status, StatusCode::OK);
    assert!(response.header("content-type").starts_with("text/html"));
    assert_eq!(response.text(), INDEX);
    assert_eq!(response.header("cache-control"), "no-cache");
}

#[tokio::test]
async fn a_missing_file_is_a_404_never_the_app_page() {
    let dir = built_app();
    let app = TestApp::spawn_with_web(dir.path()).await;

    let response = app.get("/frontend-ffffffffffffffff.js").await;

    assert_envelope(&response, StatusCode::NOT_FOUND, ErrorCode::NotFound);
}

#[tokio::test]
async fn paths_outside_the_web_folder_cannot_be_read() {
    let dir = built_app();
    let app = TestApp::spawn_with_web(dir.path()).await;

    let response = app.get("/../Cargo.toml").await;

    assert_ne!(response.status, StatusCode::OK);
}

#[tokio::test]
async fn without_a_built_app_the_api_still_works_and_pages_say_why_not() {
    let app = TestApp::spawn().await;

    let page = app.get("/").await;

    let detail = assert_envelope(&page, StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable);
    assert!(detail.message.contains("cargo xtask run"));
    assert_eq!(app.get("/api/health").await.status, StatusCode::OK);
}

#[tokio::test]
async fn head_requests_are_answered_for_the_app_page() {
    let dir = built_app();
    let app = TestApp::spawn_with_web(dir.path()).await;

    let response = app.request(Method::HEAD, "/visits", &[], "").await;

    assert_eq!(response.status, StatusCode::OK);
}
