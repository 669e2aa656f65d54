//! The built browser app (Trunk's output folder): served from the same origin as the API, with
//! precompressed brotli and gzip files when present, immutable caching for content-hashed files,
//! `no-cache` for everything else (`index.html`, the service worker, the manifest), and the app's
//! page for any client route. The Content-Security-Policy is built here, from the inline script
//! Trunk writes into `index.html`, which it allows by hash and nothing else.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine as _;
use sha2::{Digest as _, Sha256};
use tower_http::services::ServeDir;

use crate::error::ApiError;

/// The built app, read at start-up.
#[derive(Debug)]
pub struct WebApp {
    dir: PathBuf,
    index_html: String,
    script_hashes: Vec<String>,
}

impl WebApp {
    /// Reads the built app from `dir`, or `None` when it has not been built.
    pub fn load(dir: &Path) -> anyhow::Result<Option<Self>> {
        let index = dir.join("index.html");
        if !index.exists() {
            return Ok(None);
        }
        let index_html =
            std::fs::read_to_string(&index).with_context(|| format!("cannot read {}", index.display()))?;
        let script_hashes = inline_scripts(&index_html)
            .map(|script| {
                let digest = Sha256::digest(script.as_bytes());
                format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
            })
            .collect();
        Ok(Some(Self { dir: dir.to_owned(), index_html, script_hashes }))
    }
}

/// The Content-Security-Policy for every response: scripts only from this origin, plus the
/// inline loader by its hash; WebAssembly may compile; nothing may frame the portal.
pub fn content_security_policy(app: Option<&WebApp>) -> HeaderValue {
    let hashes = app.map(|a| a.script_hashes.join(" ")).unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
         worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    );
    HeaderValue::from_str(&policy.replace("  ", " ")).expect("the policy is ASCII")
}

/// The contents of each inline `<script>` (one without `src`) in an HTML page.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("<script").filter_map(move |(start, _)| {
        let tag_end = start + html[start..].find('>')?;
        let tag = &html[start..tag_end];
        let body_end = tag_end + 1 + html[tag_end + 1..].find("</script>")?;
        (!tag.contains(" src=")).then(|| &html[tag_end + 1..body_end])
    })
}

/// Routes for the built app; every path no other router claims ends here.
pub fn router(app: Option<Arc<WebApp>>) -> Router {
    let Some(app) = app else {
        return Router::new().fallback(|| async {
            ApiError::unavailable(
                "The browser app is not built. Run `cargo xtask run`, or set PORTAL_WEB_DIR.",
            )
        });
    };
    let files = ServeDir::new(&app.dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(get(app_page).with_state(app.clone()));
    Router::new()
        .route("/", get(app_page))
        .with_state(app)
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
}

/// The app's page for a client route (`/results/12`). A missing file (`/old-build.js`) gets a
/// 404 instead, so a stale script reference never receives HTML.
async fn app_page(State(app): State<Arc<WebApp>>, request: Request) -> Response {
    let path = request.uri().path();
    let is_file = path.rsplit('/').next().is_some_and(|name| name.contains('.'));
    if is_file || !matches!(*request.method(), Method::GET | Method::HEAD) {
        return ApiError::not_found().into_response();
    }
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], app.index_html.clone()).into_response()
}

async fn cache_control(request: Request, next: Next) -> Response {
    let immutable = shared::assets::is_content_hashed(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status().is_redirection() {
        let value = if immutable { "public, max-age=31536000, immutable" } else { "no-cache" };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_found_and_external_ones_skipped() {
        let html = r#"<script src="/a.js"></script><script type="module">go()</script>"#;
        assert_eq!(inline_scripts(html).collect::<Vec<_>>(), vec!["go()"]);
    }
}
