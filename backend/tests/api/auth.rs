//! Signing in and out, sessions that end on time, CSRF refusal, and the audit chain.

use axum::http::{Method, StatusCode};
use backend::audit::{self, ChainFault};
use shared::{ErrorCode, Role, SessionInfo};

use crate::helpers::{PASSWORD, TestApp, assert_envelope};

fn credentials(email: &str, password: &str) -> String {
    serde_json::json!({ "email": email, "password": password }).to_string()
}

async fn try_sign_in(app: &TestApp, email: &str, password: &str) -> crate::helpers::TestResponse {
    app.request(
        Method::POST,
        "/api/session",
        &[("content-type", "application/json")],
        credentials(email, password),
    )
    .await
}

#[tokio::test]
async fn a_patient_signs_in_gets_a_hardened_cookie_and_sees_their_own_record_listed() {
    let app = TestApp::spawn().await;
    let patient = app.patient_with_account("pat-1", "Ana@Example.org").await;

    let response = try_sign_in(&app, "  ana@example.ORG ", PASSWORD).await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let cookie = response.header("set-cookie");
    for part in ["__Host-portal-session=", "HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(part), "{cookie} lacks {part}");
    }
    let info: SessionInfo = response.json();
    assert_eq!(info.role, Role::Patient);
    assert_eq!(info.email, "ana@example.org");
    assert_eq!(info.patients.len(), 1);
    assert_eq!(info.patients[0].patient_id, patient);
    assert!(info.patients[0].is_self);
    assert_eq!(info.idle_timeout_secs, 15 * 60);
}

#[tokio::test]
async fn the_session_route_tells_who_is_signed_in_and_refuses_strangers() {
    let app = TestApp::spawn().await;
    app.account(Role::Nurse, "nurse@example.org", None).await;
    let cookie = app.sign_in("nurse@example.org").await;

    let mine = app.get_as(&cookie, "/api/session").await;
    let anonymous = app.get("/api/session").await;
    let forged = app.get_as("__Host-portal-session=forged-token", "/api/session").await;

    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(mine.json::<SessionInfo>().role, Role::Nurse);
    assert_envelope(&anonymous, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    assert_envelope(&forged, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer_and_are_audited() {
    let app = TestApp::spawn().await;
    app.account(Role::Clinician, "doc@example.org", None).await;

    let wrong = try_sign_in(&app, "doc@example.org", "not the password at all").await;
    let unknown = try_sign_in(&app, "nobody@example.org", PASSWORD).await;

    let a = assert_envelope(&wrong, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    let b = assert_envelope(&unknown, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    assert_eq!(a.message, b.message);
    assert!(wrong.headers.get("set-cookie").is_none());
    let denied: Vec<_> = app
        .audit_rows()
        .await
        .into_iter()
        .filter(|r| r.action == "sign_in" && r.outcome == "denied")
        .collect();
    assert_eq!(denied.len(), 2);
    assert!(denied.iter().any(|r| r.detail.as_deref() == Some("email: nobody@example.org")));
}

#[tokio::test]
async fn a_malformed_sign_in_request_is_a_clear_error() {
    let app = TestApp::spawn().await;

    let not_json =
        app.request(Method::POST, "/api/session", &[("content-type", "application/json")], "{").await;
    let wrong_shape = app
        .request(Method::POST, "/api/session", &[("content-type", "application/json")], r#"{"email": 3}"#)
        .await;

    assert_envelope(&not_json, StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
    assert_envelope(&wrong_shape, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
}

#[tokio::test]
async fn signing_out_ends_the_session_and_clears_the_cookie() {
    let app = TestApp::spawn().await;
    app.account(Role::Billing, "billing@example.org", None).await;
    let cookie = app.sign_in("billing@example.org").await;

    let out = app.request(Method::DELETE, "/api/session", &[("cookie", &cookie)], "").await;

    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.header("set-cookie").contains("Max-Age=0"));
    assert_eq!(app.get_as(&cookie, "/api/session").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_session_idle_past_the_timeout_ends() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;
    let cookie = app.sign_in("admin@example.org").await;

    sqlx::query("UPDATE sessions SET last_seen_at = $1")
        .bind("2000-01-01T00:00:00Z")
        .execute(app.db.pool())
        .await
        .unwrap();

    assert_eq!(app.get_as(&cookie, "/api/session").await.status, StatusCode::UNAUTHORIZED);
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(left, 0, "the ended session is deleted");
}

#[tokio::test]
async fn a_session_past_its_absolute_end_ends_even_if_active() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;
    let cookie = app.sign_in("admin@example.org").await;

    sqlx::query("UPDATE sessions SET expires_at = $1")
        .bind("2000-01-01T00:00:00Z")
        .execute(app.db.pool())
        .await
        .unwrap();

    assert_eq!(app.get_as(&cookie, "/api/session").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn each_sign_in_gets_a_new_token() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;

    let first = app.sign_in("admin@example.org").await;
    let second = app.sign_in("admin@example.org").await;

    assert_ne!(first, second);
}

#[tokio::test]
async fn a_cross_site_write_is_refused_before_it_reaches_the_handler() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;

    let response = app
        .request(
            Method::POST,
            "/api/session",
            &[("content-type", "application/json"), ("sec-fetch-site", "cross-site")],
            credentials("admin@example.org", PASSWORD),
        )
        .await;

    assert_envelope(&response, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    assert!(app.audit_rows().await.iter().all(|r| r.action != "sign_in"), "the handler never ran");
}

#[tokio::test]
async fn a_disabled_account_cannot_sign_in_or_keep_its_session() {
    let app = TestApp::spawn().await;
    app.account(Role::FrontDesk, "desk@example.org", None).await;
    let cookie = app.sign_in("desk@example.org").await;

    sqlx::query("UPDATE accounts SET disabled_at = $1")
        .bind("2026-01-01T00:00:00Z")
        .execute(app.db.pool())
        .await
        .unwrap();

    assert_eq!(app.get_as(&cookie, "/api/session").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(try_sign_in(&app, "desk@example.org", PASSWORD).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_audit_chain_verifies_and_detects_altered_inserted_and_deleted_rows() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;
    for _ in 0..3 {
        app.sign_in("admin@example.org").await;
    }
    try_sign_in(&app, "admin@example.org", "wrong wrong wrong").await;
    assert_eq!(audit::verify(&app.db).await.unwrap(), Ok(4));

    sqlx::query("UPDATE audit_events SET outcome = 'success' WHERE seq = 4")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(audit::verify(&app.db).await.unwrap(), Err(ChainFault::Altered { seq: 4 }));
    sqlx::query("UPDATE audit_events SET outcome = 'denied' WHERE seq = 4")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(audit::verify(&app.db).await.unwrap(), Ok(4), "restoring the field restores the chain");

    sqlx::query("DELETE FROM audit_events WHERE seq = 2").execute(app.db.pool()).await.unwrap();
    assert_eq!(audit::verify(&app.db).await.unwrap(), Err(ChainFault::Broken { seq: 3 }));
}

#[tokio::test]
async fn deleting_the_newest_audit_rows_is_detected() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;
    app.sign_in("admin@example.org").await;
    app.sign_in("admin@example.org").await;

    sqlx::query("DELETE FROM audit_events WHERE seq = 2").execute(app.db.pool()).await.unwrap();

    assert_eq!(
        audit::verify(&app.db).await.unwrap(),
        Err(ChainFault::HeadMismatch { head_seq: 2, last_seq: 1 })
    );
}

#[tokio::test]
async fn audit_rows_name_the_request_and_the_address() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;

    let response = try_sign_in(&app, "admin@example.org", PASSWORD).await;

    let row = app.audit_rows().await.pop().unwrap();
    assert_eq!(row.action, "sign_in");
    assert_eq!(row.outcome, "success");
    assert_eq!(row.request_id.as_deref(), Some(response.header("x-request-id")));
    assert!(row.actor_account_id.is_some());
}
