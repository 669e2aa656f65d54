//! Liveness, readiness and the clinic's public details.

use axum::http::StatusCode;
use backend::demo;
use shared::{ClinicInfo, Health, HealthStatus, Readiness};

use crate::helpers::{TestApp, assert_envelope};

#[tokio::test]
async fn liveness_answers_ok_with_the_version() {
    let app = TestApp::spawn().await;

    let response = app.get("/api/health").await;

    assert_eq!(response.status, StatusCode::OK);
    let health: Health = response.json();
    assert_eq!(health.status, HealthStatus::Ok);
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn readiness_is_ok_while_the_database_answers() {
    let app = TestApp::spawn().await;

    let response = app.get("/api/health/ready").await;

    assert_eq!(response.status, StatusCode::OK);
    let ready: Readiness = response.json();
    assert_eq!(ready.database, HealthStatus::Ok);
}

#[tokio::test]
async fn readiness_is_503_once_the_database_is_gone() {
    let app = TestApp::spawn().await;
    app.db.close().await;

    let response = app.get("/api/health/ready").await;

    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
    let ready: Readiness = response.json();
    assert_eq!(ready.status, HealthStatus::Unavailable);
    assert_eq!(ready.database, HealthStatus::Unavailable);
}

#[tokio::test]
async fn the_clinic_has_a_neutral_name_before_any_is_set() {
    let app = TestApp::spawn().await;

    let clinic: ClinicInfo = app.get("/api/clinic").await.json();

    assert_eq!(clinic, ClinicInfo { name: "Patient Portal".into(), phone: None, email: None });
}

#[tokio::test]
async fn the_demo_seed_fills_an_empty_database_once_and_keeps_data_after() {
    let app = TestApp::spawn().await;

    let options = demo::DemoOptions { patients: 10, ..demo::DemoOptions::default() };
    let first = demo::seed_if_empty(&app.db, &app.keys, &options, jiff::Timestamp::now()).await.unwrap();
    let clinic: ClinicInfo = app.get("/api/clinic").await.json();
    sqlx::query("UPDATE clinic_profile SET phone = $1")
        .bind("(555) 999-0000")
        .execute(app.db.pool())
        .await
        .unwrap();
    let second = demo::seed_if_empty(&app.db, &app.keys, &options, jiff::Timestamp::now()).await.unwrap();

    assert!(first, "an empty database is seeded");
    assert_eq!(clinic.name, "Riverbend Health");
    assert!(!second, "a seeded database is left alone");
    let kept: ClinicInfo = app.get("/api/clinic").await.json();
    assert_eq!(kept.phone.as_deref(), Some("(555) 999-0000"));
}

#[tokio::test]
async fn migrations_can_run_again_on_an_up_to_date_database() {
    let app = TestApp::spawn().await;

    app.db.migrate().await.expect("a second run changes nothing and succeeds");

    assert_eq!(app.get("/api/health/ready").await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_clinic_route_fails_with_the_envelope_when_the_database_is_gone() {
    let app = TestApp::spawn().await;
    app.db.close().await;

    let response = app.get("/api/clinic").await;

    let detail = assert_envelope(&response, StatusCode::INTERNAL_SERVER_ERROR, shared::ErrorCode::Internal);
    assert_eq!(detail.message, "Something went wrong on our side.", "no internals leak");
}
