//! The portal's server: `app(state)` builds the whole HTTP application (JSON API under `/api`,
//! the built browser app everywhere else) so tests can drive it without a socket.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod auth;
mod chart;
pub mod config;
pub mod crypto;
pub mod db;
pub mod demo;
pub mod error;
pub mod fhir;
pub mod mail;
mod meta;
pub mod openapi;
pub mod records;
pub mod request_id;
mod security;
pub mod web;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use config::Config;
pub use db::Db;
use error::ApiError;

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub web: Option<Arc<web::WebApp>>,
}

impl AppState {
    pub fn new(db: Db, config: Config, web: Option<web::WebApp>) -> Self {
        Self { db, config: Arc::new(config), web: web.map(Arc::new) }
    }
}

/// The whole HTTP application.
pub fn app(state: AppState) -> Router {
    let csp = web::content_security_policy(state.web.as_deref());
    let (web, config) = (state.web.clone(), state.config.clone());
    let fhir_api = fhir::api::router().with_state(state.clone());
    let sso = auth::sso::router().with_state(state.clone());
    let api = Router::new()
        .merge(meta::router())
        .merge(auth::router())
        .merge(accounts::router())
        .merge(chart::router())
        .merge(access::router())
        .route("/openapi.json", axum::routing::get(openapi::serve))
        .fallback(|| async { ApiError::new(shared::ErrorCode::NotFound, "No such API route.") })
        .layer(middleware::from_fn(no_store))
        .layer(middleware::from_fn(auth::csrf::guard))
        .with_state(state);

    let mut router = Router::new()
        .nest(shared::API_PREFIX, api)
        .nest(fhir::api::PREFIX, fhir_api)
        .merge(sso)
        .merge(web::router(web))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, config.request_timeout))
        .layer(RequestBodyLimitLayer::new(config.body_limit))
        .layer(DefaultBodyLimit::max(config.body_limit))
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::internal(anyhow::anyhow!("a handler panicked")).into_response()
        }))
        // Outside every layer that can answer on its own (408, 413), so each gets the envelope.
        .layer(middleware::from_fn(envelope_bare_errors));
    for layer in security::header_layers(csp) {
        router = router.layer(layer);
    }
    router
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            let id = request.headers().get(&request_id::HEADER).and_then(|v| v.to_str().ok());
            tracing::info_span!("request", id, method = %request.method(), path = %request.uri().path())
        }))
        .layer(middleware::from_fn(request_id::assign))
}

/// Health data must never sit in a browser or proxy cache.
async fn no_store(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Gives the error envelope to errors raised below the handlers (no route, wrong method, body
/// too large, timeout), which otherwise answer with an empty or plain-text body. Under `/fhir/`
/// the envelope is FHIR's `OperationOutcome`, which FHIR clients expect of every error.
async fn envelope_bare_errors(request: Request, next: Next) -> Response {
    let is_fhir = request.uri().path().starts_with("/fhir/");
    let response = next.run(request).await;
    let status = response.status();
    let content_type =
        response.headers().get(header::CONTENT_TYPE).map(HeaderValue::as_bytes).unwrap_or_default();
    let is_fhir_json = content_type.starts_with(b"application/fhir+json");
    let is_json = content_type.starts_with(b"application/json") || is_fhir_json;
    let is_error = status.is_client_error() || status.is_server_error();
    if is_error && (if is_fhir { !is_fhir_json } else { !is_json }) {
        let mut replaced = if is_fhir {
            fhir::api::outcome::FhirError::from_status(status).into_response()
        } else {
            ApiError::from_status(status).into_response()
        };
        *replaced.status_mut() = status;
        if let Some(allow) = response.headers().get(header::ALLOW) {
            replaced.headers_mut().insert(header::ALLOW, allow.clone());
        }
        return replaced;
    }
    response
}
