//! Errors raised anywhere (no route, wrong method, body too large) reach the client as the one
//! JSON envelope, each naming its request.

use axum::http::{Method, StatusCode};
use backend::Config;
use shared::ErrorCode;

use crate::helpers::{TestApp, assert_envelope};

#[tokio::test]
async fn an_unknown_api_route_is_a_json_404_not_the_app_page() {
    let app = TestApp::spawn().await;

    let response = app.get("/api/no-such-thing").await;

    assert_envelope(&response, StatusCode::NOT_FOUND, ErrorCode::NotFound);
}

#[tokio::test]
async fn a_wrong_method_is_a_405_envelope_that_lists_the_allowed_ones() {
    let app = TestApp::spawn().await;

    let response = app.request(Method::DELETE, "/api/health", &[], "").await;

    assert_envelope(&response, StatusCode::METHOD_NOT_ALLOWED, ErrorCode::MethodNotAllowed);
    assert!(response.header("allow").contains("GET"));
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_413() {
    let app = TestApp::spawn_with(Config { body_limit: 1024, ..Config::default() }, None).await;

    let big = vec![b'x'; 4096];
    let response = app
        .request(
            Method::POST,
            "/api/health",
            &[("content-type", "application/json"), ("content-length", "4096")],
            big,
        )
        .await;

    assert_envelope(&response, StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge);
}

#[tokio::test]
async fn every_response_gets_a_fresh_request_id_and_a_client_cannot_choose_it() {
    let app = TestApp::spawn().await;

    let first = app.request(Method::GET, "/api/health", &[("x-request-id", "forged-id")], "").await;
    let second = app.get("/api/health").await;

    let (a, b) = (first.header("x-request-id"), second.header("x-request-id"));
    assert_ne!(a, "forged-id");
    assert_ne!(a, b);
    assert!(uuid::Uuid::parse_str(a).is_ok(), "{a} is a UUID");
}

#[tokio::test]
async fn a_write_that_loses_a_race_for_a_unique_value_is_a_conflict_not_a_server_error() {
    let app = TestApp::spawn().await;
    app.account(shared::Role::Nurse, "taken@example.org", None).await;
    let mut conn = app.db.pool().acquire().await.unwrap();

    // The same insert a racing request would make after its own check passed.
    let duplicate = sqlx::query(
        "INSERT INTO accounts (id, email, display_name, role, password_hash, created_at)
         VALUES ('other', 'taken@example.org', 'Other', 'nurse', 'x', '2026-01-01T00:00:00Z')",
    )
    .execute(&mut *conn)
    .await
    .expect_err("the unique index refuses a second account with this email");

    assert_eq!(backend::error::ApiError::from(duplicate).code(), ErrorCode::Conflict);
}
