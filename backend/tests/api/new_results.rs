//! "New" result markers, per reader: recent results an account has not opened are new to it
//! alone; opening one clears it, "mark all as read" clears them all, and results older than 30
//! days never are. The list filters by it, and the summary and visits carry it too.

use axum::http::{Method, StatusCode};
use backend::records::{self, DiagnosticReport, DiagnosticReportResult, Encounter, Observation};
use jiff::{SignedDuration, Timestamp};
use shared::Role;
use shared::chart::{HealthSummary, ResultsPage, VisitDetail};

use crate::chart::ana_signed_in;
use crate::helpers::{TestApp, TestResponse};

/// The instant `days` days ago, as the record stores instants.
fn days_ago(days: i64) -> String {
    backend::fhir::datetime::format(Timestamp::now() - SignedDuration::from_hours(24 * days))
}

fn lab(id: &str, name: &str, taken: &str, issued: &str) -> Observation {
    Observation {
        id: id.into(),
        source: "test".into(),
        patient_id: "ana".into(),
        status: "final".into(),
        category: Some("laboratory".into()),
        code_system: Some("http://loinc.org".into()),
        code: Some(format!("{id}-code")),
        code_display: Some(name.into()),
        value_type: "quantity".into(),
        value_num: Some(5.0),
        ref_low: Some(1.0),
        ref_high: Some(10.0),
        effective: Some(taken.into()),
        effective_at: Some(taken.into()),
        issued_at: Some(issued.into()),
        updated_at: taken.into(),
        ..Observation::default()
    }
}

/// Ana's record (`chart::seed`, all of it from 2023 and 2024) with recent results added: a
/// panel of two tests issued two days ago (`new-panel`), a single test five days ago taken at a
/// recent lab visit (`new-single`), one taken 40 days ago but issued three days ago
/// (`late-issued`), and one 40 days old (`old-single`).
async fn with_recent_results(app: &TestApp) {
    let mut c = app.db.pool().acquire().await.unwrap();
    let keys = app.db.keys();
    let (two, three, five, forty) = (days_ago(2), days_ago(3), days_ago(5), days_ago(40));
    records::upsert(
        &mut c,
        keys,
        &[Encounter {
            id: "lab-visit".into(),
            source: "test".into(),
            patient_id: "ana".into(),
            status: "finished".into(),
            class_code: Some("AMB".into()),
            type_display: Some("Lab visit".into()),
            start_at: Some(five.clone()),
            updated_at: five.clone(),
            ..Encounter::default()
        }],
    )
    .await
    .unwrap();
    let mut single = lab("new-single", "Ferritin", &five, &five);
    single.encounter_id = Some("lab-visit".into());
    records::upsert(
        &mut c,
        keys,
        &[
            lab("new-wbc", "White cells", &two, &two),
            lab("new-hgb", "Hemoglobin", &two, &two),
            single,
            lab("late-issued", "Vitamin B12", &forty, &three),
            lab("old-single", "Thyrotropin", &forty, &forty),
        ],
    )
    .await
    .unwrap();
    records::upsert(
        &mut c,
        keys,
        &[DiagnosticReport {
            id: "new-panel".into(),
            source: "test".into(),
            patient_id: "ana".into(),
            status: "final".into(),
            category: Some("LAB".into()),
            code_display: Some("Blood count".into()),
            effective_at: Some(two.clone()),
            issued_at: Some(two.clone()),
            updated_at: two,
            ..DiagnosticReport::default()
        }],
    )
    .await
    .unwrap();
    let link = |seq, observation: &str| DiagnosticReportResult {
        report_id: "new-panel".into(),
        seq,
        observation_id: observation.into(),
    };
    records::upsert(&mut c, keys, &[link(0, "new-wbc"), link(1, "new-hgb")]).await.unwrap();
}

/// Ana signed in, her record with recent results, and her primary care doctor signed in.
async fn world() -> (TestApp, String, String) {
    let (app, ana) = ana_signed_in().await;
    with_recent_results(&app).await;
    app.care_team_account(Role::Clinician, "doc@example.org", "dr").await;
    let doctor = app.sign_in("doc@example.org").await;
    (app, ana, doctor)
}

/// The ids of the lines new to `cookie`, newest first.
async fn new_lines(app: &TestApp, cookie: &str) -> Vec<String> {
    let page: ResultsPage = app.get_as(cookie, "/api/patients/ana/results").await.json();
    page.items.into_iter().filter(|i| i.is_new).map(|i| i.id).collect()
}

async fn mark_all_seen(app: &TestApp, cookie: &str) -> TestResponse {
    app.request(Method::POST, "/api/patients/ana/results/seen", &[("cookie", cookie)], "").await
}

#[tokio::test]
async fn recent_results_are_new_to_every_reader_until_that_reader_opens_them() {
    let (app, ana, doctor) = world().await;
    assert_eq!(new_lines(&app, &ana).await, ["new-panel", "new-single", "late-issued"]);

    let opened = app.get_as(&ana, "/api/patients/ana/results/new-panel").await;

    assert_eq!(opened.status, StatusCode::OK);
    assert_eq!(new_lines(&app, &ana).await, ["new-single", "late-issued"], "opened by Ana");
    assert_eq!(
        new_lines(&app, &doctor).await,
        ["new-panel", "new-single", "late-issued"],
        "still new to her doctor, who has not opened it"
    );
}

#[tokio::test]
async fn a_panel_stays_new_until_each_of_its_results_is_seen() {
    let (app, ana, _) = world().await;

    app.get_as(&ana, "/api/patients/ana/results/new-wbc").await;
    let after_one = new_lines(&app, &ana).await;
    app.get_as(&ana, "/api/patients/ana/results/new-hgb").await;
    let after_both = new_lines(&app, &ana).await;

    assert!(after_one.contains(&"new-panel".to_owned()), "one of two results seen: {after_one:?}");
    assert!(!after_both.contains(&"new-panel".to_owned()), "both seen: {after_both:?}");
}

#[tokio::test]
async fn results_older_than_thirty_days_are_never_new_unless_issued_since() {
    let (app, ana, _) = world().await;

    let page: ResultsPage = app.get_as(&ana, "/api/patients/ana/results").await.json();

    let is_new = |id: &str| page.items.iter().find(|i| i.id == id).unwrap_or_else(|| panic!("{id}")).is_new;
    assert!(!is_new("old-single"), "taken and issued 40 days ago");
    assert!(is_new("late-issued"), "taken 40 days ago, issued 3 days ago: the issue date counts");
    for old in ["a1c-3", "cbc", "weight", "bp", "a1c-2", "a1c-1"] {
        assert!(!is_new(old), "{old} is from 2023 or 2024");
    }
}

#[tokio::test]
async fn the_new_filter_lists_only_the_lines_new_to_the_reader() {
    let (app, ana, _) = world().await;
    let ids = |page: ResultsPage| page.items.into_iter().map(|i| i.id).collect::<Vec<_>>();

    let new: ResultsPage = app.get_as(&ana, "/api/patients/ana/results?new=true").await.json();
    let new_labs: ResultsPage =
        app.get_as(&ana, "/api/patients/ana/results?new=true&category=laboratory&q=ferr").await.json();
    let paged: ResultsPage = app.get_as(&ana, "/api/patients/ana/results?new=true&limit=2").await.json();
    let bad = app.get_as(&ana, "/api/patients/ana/results?new=maybe").await;

    assert_eq!(ids(new), ["new-panel", "new-single", "late-issued"]);
    assert_eq!(ids(new_labs), ["new-single"], "with the other filters");
    assert_eq!(paged.items.len(), 2);
    assert!(paged.next.is_some());
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn mark_all_as_read_clears_every_new_line_for_that_reader_only() {
    let (app, ana, doctor) = world().await;

    let marked = mark_all_seen(&app, &ana).await;

    assert_eq!(marked.status, StatusCode::NO_CONTENT, "{}", marked.text());
    assert!(new_lines(&app, &ana).await.is_empty());
    assert_eq!(new_lines(&app, &doctor).await.len(), 3, "the doctor's markers are the doctor's");
    let rows = app.audit_rows().await;
    let audited = rows.iter().rev().find(|r| r.action == "mark_seen").expect("audited");
    assert_eq!((audited.outcome.as_str(), audited.patient_id.as_deref()), ("success", Some("ana")));
    assert_eq!(mark_all_seen(&app, &ana).await.status, StatusCode::NO_CONTENT, "again: nothing to do");
}

#[tokio::test]
async fn mark_all_as_read_is_refused_across_sites_and_for_another_patients_record() {
    let (app, ana, _) = world().await;
    app.patient_with_account("bob", "bob-account@example.org").await;
    let bob = app.sign_in("bob-account@example.org").await;

    let cross_site = app
        .request(
            Method::POST,
            "/api/patients/ana/results/seen",
            &[("cookie", ana.as_str()), ("sec-fetch-site", "cross-site")],
            "",
        )
        .await;
    let stranger = mark_all_seen(&app, &bob).await;

    assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
    assert_eq!(stranger.status, StatusCode::NOT_FOUND);
    assert_eq!(new_lines(&app, &ana).await.len(), 3, "nothing was marked");
}

#[tokio::test]
async fn the_summary_counts_new_results_and_its_recent_results_and_visits_carry_the_marker() {
    let (app, ana, doctor) = world().await;

    let summary: HealthSummary = app.get_as(&ana, "/api/patients/ana/summary").await.json();
    let visit: VisitDetail = app.get_as(&ana, "/api/patients/ana/visits/lab-visit").await.json();

    assert_eq!(summary.new_results, 3);
    let recent: Vec<(&str, bool)> =
        summary.recent_results.iter().map(|r| (r.id.as_str(), r.is_new)).collect();
    assert_eq!(recent, [("new-hgb", true), ("new-wbc", true), ("new-single", true)]);
    assert_eq!(
        visit.results.iter().map(|r| (r.id.as_str(), r.is_new)).collect::<Vec<_>>(),
        [("new-single", true)]
    );

    mark_all_seen(&app, &ana).await;
    let summary: HealthSummary = app.get_as(&ana, "/api/patients/ana/summary").await.json();
    let theirs: HealthSummary = app.get_as(&doctor, "/api/patients/ana/summary").await.json();
    let visit: VisitDetail = app.get_as(&ana, "/api/patients/ana/visits/lab-visit").await.json();

    assert_eq!(summary.new_results, 0);
    assert!(summary.recent_results.iter().all(|r| !r.is_new));
    assert!(visit.results.iter().all(|r| !r.is_new));
    assert_eq!(theirs.new_results, 3);
}
