//! "Download my record": one FHIR R4 collection Bundle of everything the caller may see, as an
//! attachment, optionally between two days; valid against the official schema, confidential
//! items left out for those who may not see them, audited as an export.

use std::time::Instant;

use axum::http::StatusCode;
use backend::records::{self, Observation};
use serde_json::Value;
use shared::{ErrorCode, Role};

use crate::chart::ana_signed_in;
use crate::fhir::schema;
use crate::helpers::{TestApp, TestResponse, assert_envelope, engine_under_test, patient_row};

/// The `Type/id` of every entry, in order.
fn entries(bundle: &Value) -> Vec<String> {
    bundle["entry"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            format!(
                "{}/{}",
                e["resource"]["resourceType"].as_str().unwrap(),
                e["resource"]["id"].as_str().unwrap()
            )
        })
        .collect()
}

fn of_type(bundle: &Value, kind: &str) -> Vec<String> {
    let prefix = format!("{kind}/");
    let mut ids: Vec<String> =
        entries(bundle).into_iter().filter_map(|e| e.strip_prefix(&prefix).map(str::to_owned)).collect();
    ids.sort();
    ids
}

/// Checks a download's headers and schema, and returns its Bundle.
fn download(response: &TestResponse) -> Value {
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert!(response.header("content-type").starts_with("application/fhir+json"));
    let today = backend::access::today();
    assert_eq!(
        response.header("content-disposition"),
        format!("attachment; filename=\"health-record-{today}.json\"")
    );
    assert_eq!(response.header("cache-control"), "no-store");
    let bundle: Value = response.json();
    schema::assert_valid(&bundle, "export");
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    assert!(bundle.get("total").is_none() && bundle.get("link").is_none(), "a collection, not a search");
    bundle
}

#[tokio::test]
async fn a_patient_downloads_their_whole_record_as_one_valid_fhir_bundle() {
    let (app, ana) = ana_signed_in().await;

    let response = app.get_as(&ana, "/api/patients/ana/export").await;

    let bundle = download(&response);
    assert_eq!(entries(&bundle)[0], "Patient/ana", "the patient comes first");
    assert_eq!(
        of_type(&bundle, "Observation"),
        ["a1c-1", "a1c-2", "a1c-3", "bp", "hgb", "plt", "wbc", "weight"]
    );
    assert_eq!(of_type(&bundle, "DiagnosticReport"), ["cbc"]);
    assert_eq!(of_type(&bundle, "Encounter"), ["ana-next", "ana-visit"]);
    assert_eq!(of_type(&bundle, "Practitioner"), ["dr"], "with the directory it refers to");
    assert!(!response.text().contains("bob"), "nothing of Bob's");
    for entry in bundle["entry"].as_array().unwrap() {
        let url = entry["fullUrl"].as_str().unwrap();
        assert!(url.starts_with("http://localhost/fhir/r4/"), "{url}");
        assert!(entry.get("search").is_none());
    }
    let export = app.audit_rows().await.into_iter().rev().find(|r| r.action == "export").expect("audited");
    assert_eq!(
        (export.outcome.as_str(), export.patient_id.as_deref(), export.resource_type.as_deref()),
        ("success", Some("ana"), Some("Bundle"))
    );
}

#[tokio::test]
async fn the_download_keeps_what_happened_between_start_and_end_and_whatever_has_no_date() {
    let (app, ana) = ana_signed_in().await;

    let window =
        download(&app.get_as(&ana, "/api/patients/ana/export?start=2024-01-15&end=2024-02-01").await);
    let from = download(&app.get_as(&ana, "/api/patients/ana/export?start=2024-02-02").await);
    let until = download(&app.get_as(&ana, "/api/patients/ana/export?end=2023-12-31").await);

    assert_eq!(of_type(&window, "Observation"), ["bp", "hgb", "plt", "wbc", "weight"], "both days whole");
    assert_eq!(of_type(&from, "Observation"), ["a1c-3"]);
    assert_eq!(of_type(&until, "Observation"), ["a1c-1", "a1c-2"]);
    assert_eq!(of_type(&until, "Patient"), ["ana"], "the patient is always there");
    assert_eq!(of_type(&until, "AllergyIntolerance"), ["pcn"], "no date of its own: always kept");
}

#[tokio::test]
async fn a_malformed_or_backwards_date_range_is_refused_and_nothing_is_written() {
    let (app, ana) = ana_signed_in().await;
    let before = app.audit_rows().await.len();

    for query in [
        "start=2024-13-01",
        "end=yesterday",
        "start=2024-1-5",
        "start=2024-01-01T00:00:00Z",
        "start=2024-05-01&end=2024-01-01",
        "start=&end=2024-01-01",
    ] {
        let response = app.get_as(&ana, &format!("/api/patients/ana/export?{query}")).await;
        let error = assert_envelope(&response, StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
        assert!(
            error.message.contains("start") || error.message.contains("end"),
            "{query}: {}",
            error.message
        );
        assert!(response.headers.get("content-disposition").is_none(), "{query}: no file");
    }

    assert_eq!(app.audit_rows().await.len(), before, "no export was recorded");
}

#[tokio::test]
async fn another_patients_record_is_not_found_and_staff_outside_the_care_team_are_refused() {
    let (app, ana) = ana_signed_in().await;
    app.account(Role::FrontDesk, "desk@example.org", None).await;
    let desk = app.sign_in("desk@example.org").await;

    let other = app.get_as(&ana, "/api/patients/bob/export").await;
    let staff = app.get_as(&desk, "/api/patients/ana/export").await;

    assert_envelope(&other, StatusCode::NOT_FOUND, ErrorCode::NotFound);
    assert_envelope(&staff, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    let refused: Vec<_> = app
        .audit_rows()
        .await
        .into_iter()
        .filter(|r| r.action == "export" && r.outcome == "denied")
        .collect();
    assert_eq!(refused.len(), 2, "both refusals are audited");
}

#[tokio::test]
async fn a_teenagers_parent_downloads_the_record_without_its_confidential_items() {
    let app = TestApp::spawn().await;
    let today = backend::access::today();
    let mut teen = patient_row("teen", "Jo", "Lee");
    teen.birth_date = Some(format!("{:04}-01-01", today.year() - 15));
    let mut c = app.db.pool().acquire().await.unwrap();
    records::upsert(&mut c, app.db.keys(), &[teen]).await.unwrap();
    let result = |id: &str, code: &str, confidential: i64| Observation {
        id: id.into(),
        source: "test".into(),
        patient_id: "teen".into(),
        status: "final".into(),
        category: Some("laboratory".into()),
        code_system: Some("http://loinc.org".into()),
        code: Some(code.into()),
        code_display: Some(id.into()),
        value_type: "string".into(),
        value_text: Some("seen".into()),
        effective: Some("2026-01-01T00:00:00Z".into()),
        effective_at: Some("2026-01-01T00:00:00Z".into()),
        confidential,
        updated_at: "2026-01-01T00:00:00Z".into(),
        ..Observation::default()
    };
    records::upsert(
        &mut c,
        app.db.keys(),
        &[result("glucose", "2345-7", 0), result("pregnancy", "2106-3", 1)],
    )
    .await
    .unwrap();
    drop(c);
    app.account(Role::Patient, "teen@example.org", Some("teen")).await;
    app.account(Role::Proxy, "parent@example.org", None).await;
    app.account(Role::FrontDesk, "desk@example.org", None).await;
    let desk = app.sign_in("desk@example.org").await;
    let linked = app
        .request(
            axum::http::Method::POST,
            "/api/patients/teen/guardians",
            &[("content-type", "application/json"), ("cookie", desk.as_str())],
            serde_json::json!({ "email": "parent@example.org", "relationship": "mother" }).to_string(),
        )
        .await;
    assert_eq!(linked.status, StatusCode::CREATED, "{}", linked.text());
    let (parent, teen) = (app.sign_in("parent@example.org").await, app.sign_in("teen@example.org").await);

    let theirs = download(&app.get_as(&parent, "/api/patients/teen/export").await);
    let own = download(&app.get_as(&teen, "/api/patients/teen/export").await);

    assert_eq!(of_type(&theirs, "Observation"), ["glucose"]);
    assert_eq!(of_type(&own, "Observation"), ["glucose", "pregnancy"]);
    let by_parent = app
        .audit_rows()
        .await
        .into_iter()
        .find(|r| r.action == "export" && r.actor_role.as_deref() == Some("proxy"))
        .expect("the parent's export is audited");
    assert_eq!(by_parent.on_behalf_of.as_deref(), Some("teen"), "on whose behalf");
    let views: Vec<shared::access::RecordView> =
        app.get_as(&teen, "/api/patients/teen/access-log").await.json();
    assert!(
        views.iter().any(|v| v.action == "export" && v.role == "proxy"),
        "the teen sees that the parent downloaded the record: {views:?}"
    );
}

/// Measures the download of the demo's largest record (Ana García, 1,500+ observations) in one
/// response; run with `--nocapture` to see the figures. Not a timing assertion.
#[tokio::test]
async fn the_demos_largest_record_downloads_in_one_response() {
    let app = TestApp::spawn().await;
    let now = jiff::Timestamp::now();
    backend::demo::seed_if_empty(
        &app.db,
        &app.keys,
        &backend::demo::DemoOptions { patients: 1, ..Default::default() },
        now,
    )
    .await
    .unwrap();
    let ana: String = sqlx::query_scalar("SELECT patient_id FROM accounts WHERE email = $1")
        .bind("ana.garcia@demo.riverbend.example")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let observations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM observations WHERE patient_id = $1")
        .bind(ana.clone())
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    app.account(Role::Patient, "export@example.org", Some(&ana)).await;
    let cookie = app.sign_in("export@example.org").await;

    let started = Instant::now();
    let response = app.get_as(&cookie, &format!("/api/patients/{ana}/export")).await;
    let took = started.elapsed();

    assert_eq!(response.status, StatusCode::OK);
    let bundle: Value = response.json();
    let exported = of_type(&bundle, "Observation").len();
    assert_eq!(i64::try_from(exported).unwrap(), observations, "every observation, in one response");
    let checking = Instant::now();
    schema::assert_valid(&bundle, "the demo export");
    println!(
        "export on {:?}: {} resources ({exported} observations), {} KiB, {:.0} ms ({} build; schema check {:.1} s)",
        engine_under_test(),
        entries(&bundle).len(),
        response.body.len() / 1024,
        took.as_secs_f64() * 1000.0,
        if cfg!(debug_assertions) { "debug" } else { "release" },
        checking.elapsed().as_secs_f64(),
    );
}
