//! Cross-site request forgery defence for state-changing requests, on top of the SameSite=Strict
//! session cookie: a browser that says a request comes from another site (`Sec-Fetch-Site`) or
//! from another origin (`Origin`) is refused before any handler runs. Clients that are not
//! browsers send neither header and are not affected: CSRF needs a victim's browser.

use axum::extract::Request;
use axum::http::header::{HOST, ORIGIN};
use axum::http::{HeaderName, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};

use crate::error::ApiError;

const SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");

pub async fn guard(request: Request, next: Next) -> Response {
    if is_cross_site(&request) {
        return ApiError::forbidden().into_response();
    }
    next.run(request).await
}

fn is_cross_site(request: &Request) -> bool {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let headers = request.headers();
    let header = |name: &HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    // Every current browser sends Sec-Fetch-Site; it alone decides, which also keeps working
    // behind a proxy that rewrites Host. Origin against Host is the fallback for older ones.
    if let Some(site) = header(&SEC_FETCH_SITE) {
        return site != "same-origin" && site != "none";
    }
    match (header(&ORIGIN), header(&HOST)) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => origin.split_once("://").is_none_or(|(_, authority)| authority != host),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use axum::body::Body;

    use super::*;

    fn post(headers: &[(&str, &str)]) -> Request {
        let mut builder = Request::post("/api/session");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn same_origin_and_non_browser_requests_pass() {
        assert!(!is_cross_site(&post(&[])));
        assert!(!is_cross_site(&post(&[
            ("sec-fetch-site", "same-origin"),
            ("origin", "https://portal.example"),
            ("host", "portal.example")
        ])));
        assert!(!is_cross_site(
            &Request::get("/api/x").header("sec-fetch-site", "cross-site").body(Body::empty()).unwrap()
        ));
    }

    #[test]
    fn cross_site_or_foreign_origin_writes_are_refused() {
        assert!(is_cross_site(&post(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&post(&[("sec-fetch-site", "same-site")])));
        assert!(is_cross_site(&post(&[("origin", "https://evil.example"), ("host", "portal.example")])));
        assert!(is_cross_site(&post(&[("origin", "null"), ("host", "portal.example")])));
    }
}
