//! The portal's chart API over a small known record: what each screen gets, and that every
//! route opens only the caller's own patient (audited either way).

use axum::http::StatusCode;
use backend::records::{
    self, Allergy, AllergyReaction, Condition, DiagnosticReport, DiagnosticReportResult, Document,
    DocumentAttachment, Encounter, Identifier, Immunization, MedicationRequest, Observation,
    ObservationComponent, Organization, Practitioner,
};
use shared::Role;
use shared::chart::{
    Allergy as AllergyView, DocumentSummary, DueStatus, Flag, HealthSummary, Medication, Problem,
    ResultDetail, ResultHistory, ResultsPage, VaccineDue, VaccineFamily, Visit, VisitDetail,
};

use crate::helpers::{TestApp, patient_row};

const T: &str = "2026-01-01T00:00:00Z";

fn obs(
    id: &str,
    patient: &str,
    code: &str,
    name: &str,
    at: &str,
    value: f64,
    range: (f64, f64),
) -> Observation {
    Observation {
        id: id.into(),
        source: "test".into(),
        patient_id: patient.into(),
        status: "final".into(),
        category: Some("laboratory".into()),
        code_system: Some("http://loinc.org".into()),
        code: Some(code.into()),
        code_display: Some(name.into()),
        value_type: "quantity".into(),
        value_num: Some(value),
        value_unit: Some("%".into()),
        ref_low: Some(range.0),
        ref_high: Some(range.1),
        effective: Some(at.into()),
        effective_at: Some(at.into()),
        updated_at: T.into(),
        ..Observation::default()
    }
}

/// Ana's record (rich) and Bob's (one of each), written straight to the tables.
pub async fn seed(app: &TestApp) {
    let mut c = app.db.pool().acquire().await.unwrap();
    seed_people_and_visits(&mut c, app.db.keys()).await;
    seed_results(&mut c, app.db.keys()).await;
    seed_lists(&mut c, app.db.keys()).await;
    seed_medications(&mut c, app.db.keys()).await;
    seed_documents(&mut c, app.db.keys()).await;
}

async fn seed_people_and_visits(c: &mut sqlx::AnyConnection, keys: &backend::crypto::KeyRing) {
    records::upsert(
        c,
        keys,
        &[Practitioner {
            id: "dr".into(),
            source: "test".into(),
            active: 1,
            prefix: Some("Dr.".into()),
            given: Some("Lee".into()),
            family: Some("Park".into()),
            updated_at: T.into(),
            ..Default::default()
        }],
    )
    .await
    .unwrap();
    records::upsert(
        c,
        keys,
        &[Organization {
            id: "rx".into(),
            source: "test".into(),
            active: 1,
            name: Some("Main St Pharmacy".into()),
            phone: Some("555-0100".into()),
            updated_at: T.into(),
            ..Default::default()
        }],
    )
    .await
    .unwrap();
    let mut ana = patient_row("ana", "Ana", "García");
    ana.general_practitioner_id = Some("dr".into());
    ana.language = Some("es".into());
    records::upsert(c, keys, &[ana, patient_row("bob", "Bob", "Stone")]).await.unwrap();
    records::upsert(
        c,
        keys,
        &[Identifier {
            resource_type: "Patient".into(),
            resource_id: "ana".into(),
            system: "urn:mrn".into(),
            value: "MRN-1".into(),
            type_code: Some("MR".into()),
            type_text: None,
            sealed_value: None,
        }],
    )
    .await
    .unwrap();

    let encounter = |id: &str, patient: &str, start: &str, status: &str| Encounter {
        id: id.into(),
        source: "test".into(),
        patient_id: patient.into(),
        status: status.into(),
        // FHIR requires an encounter's class: the record download is checked against the schema.
        class_code: Some("AMB".into()),
        type_display: Some("Check-up".into()),
        practitioner_id: Some("dr".into()),
        start_at: Some(start.into()),
        after_visit_summary: Some("Keep taking your medicine.".into()),
        note: Some("Doing well.".into()),
        updated_at: T.into(),
        ..Default::default()
    };
    records::upsert(
        c,
        keys,
        &[
            encounter("ana-visit", "ana", "2024-03-01T10:00:00Z", "finished"),
            encounter("ana-next", "ana", "2099-01-01T10:00:00Z", "planned"),
            encounter("bob-visit", "bob", "2024-03-01T10:00:00Z", "finished"),
        ],
    )
    .await
    .unwrap();
}

async fn seed_results(c: &mut sqlx::AnyConnection, keys: &backend::crypto::KeyRing) {
    let mut a1c = vec![
        obs("a1c-1", "ana", "4548-4", "Hemoglobin A1c", "2023-01-01T00:00:00Z", 8.1, (4.0, 5.6)),
        obs("a1c-2", "ana", "4548-4", "Hemoglobin A1c", "2023-06-01T00:00:00Z", 7.2, (4.0, 5.6)),
        obs("a1c-3", "ana", "4548-4", "Hemoglobin A1c", "2024-03-01T10:00:00Z", 5.4, (4.0, 5.6)),
    ];
    a1c[2].encounter_id = Some("ana-visit".into());
    let cbc = vec![
        obs("wbc", "ana", "6690-2", "White blood cells", "2024-02-01T00:00:00Z", 12.5, (4.5, 11.0)),
        obs("hgb", "ana", "718-7", "Hemoglobin", "2024-02-01T00:00:00Z", 13.0, (12.0, 15.5)),
        obs("plt", "ana", "777-3", "Platelets", "2024-02-01T00:00:00Z", 250.0, (150.0, 400.0)),
    ];
    let mut bp = obs("bp", "ana", "85354-9", "Blood pressure", "2024-01-15T00:00:00Z", 0.0, (0.0, 0.0));
    bp.category = Some("vital-signs".into());
    bp.value_type = "none".into();
    (bp.value_num, bp.value_unit, bp.ref_low, bp.ref_high) = (None, None, None, None);
    let mut weight = obs("weight", "ana", "29463-7", "Body weight", "2024-01-15T00:00:00Z", 70.0, (0.0, 0.0));
    weight.category = Some("vital-signs".into());
    (weight.ref_low, weight.ref_high, weight.value_unit) = (None, None, Some("kg".into()));
    let bob_a1c = obs("bob-a1c", "bob", "4548-4", "Hemoglobin A1c", "2024-01-01T00:00:00Z", 5.0, (4.0, 5.6));
    records::upsert(c, keys, &[a1c, cbc, vec![bp, weight, bob_a1c]].concat()).await.unwrap();
    let component = |seq, code: &str, name: &str, value| ObservationComponent {
        observation_id: "bp".into(),
        seq,
        code: Some(code.into()),
        code_display: Some(name.into()),
        value_type: "quantity".into(),
        value_num: Some(value),
        value_unit: Some("mm[Hg]".into()),
        ..Default::default()
    };
    records::replace_children(
        c,
        keys,
        "observation_id",
        "bp",
        &[component(0, "8480-6", "Systolic", 142.0), component(1, "8462-4", "Diastolic", 88.0)],
    )
    .await
    .unwrap();

    records::upsert(
        c,
        keys,
        &[DiagnosticReport {
            id: "cbc".into(),
            source: "test".into(),
            patient_id: "ana".into(),
            status: "final".into(),
            category: Some("LAB".into()),
            code: Some("58410-2".into()),
            code_display: Some("Complete blood count".into()),
            effective_at: Some("2024-02-01T00:00:00Z".into()),
            performer_id: Some("dr".into()),
            updated_at: T.into(),
            ..Default::default()
        }],
    )
    .await
    .unwrap();
    let link =
        |seq, obs: &str| DiagnosticReportResult { report_id: "cbc".into(), seq, observation_id: obs.into() };
    records::upsert(c, keys, &[link(0, "wbc"), link(1, "hgb"), link(2, "plt")]).await.unwrap();
}

async fn seed_lists(c: &mut sqlx::AnyConnection, keys: &backend::crypto::KeyRing) {
    let condition = |id: &str, patient: &str, name: &str, status: &str, onset: &str| Condition {
        id: id.into(),
        source: "test".into(),
        patient_id: patient.into(),
        clinical_status: Some(status.into()),
        code_display: Some(name.into()),
        onset: Some(onset.into()),
        onset_at: Some(format!("{onset}T00:00:00Z")),
        updated_at: T.into(),
        ..Default::default()
    };
    records::upsert(
        c,
        keys,
        &[
            condition("dm", "ana", "Diabetes", "active", "2015-01-01"),
            condition("flu", "ana", "Flu", "resolved", "2020-01-01"),
            condition("bob-c", "bob", "Asthma", "active", "2010-01-01"),
        ],
    )
    .await
    .unwrap();
    records::upsert(
        c,
        keys,
        &[
            Allergy {
                id: "pcn".into(),
                source: "test".into(),
                patient_id: "ana".into(),
                clinical_status: Some("active".into()),
                category: Some("medication".into()),
                criticality: Some("high".into()),
                code_display: Some("Penicillin".into()),
                updated_at: T.into(),
                ..Default::default()
            },
            Allergy {
                id: "bob-al".into(),
                source: "test".into(),
                patient_id: "bob".into(),
                code_display: Some("Latex".into()),
                updated_at: T.into(),
                ..Default::default()
            },
        ],
    )
    .await
    .unwrap();
    records::replace_children(
        c,
        keys,
        "allergy_id",
        "pcn",
        &[AllergyReaction {
            allergy_id: "pcn".into(),
            seq: 0,
            manifestation_display: Some("Hives".into()),
            severity: Some("moderate".into()),
            ..Default::default()
        }],
    )
    .await
    .unwrap();
}

async fn seed_medications(c: &mut sqlx::AnyConnection, keys: &backend::crypto::KeyRing) {
    let med = |id: &str, patient: &str, name: &str, status: &str, at: &str| MedicationRequest {
        id: id.into(),
        source: "test".into(),
        patient_id: patient.into(),
        status: status.into(),
        intent: "order".into(),
        medication_display: Some(name.into()),
        authored_at: Some(at.into()),
        requester_id: Some("dr".into()),
        pharmacy_id: Some("rx".into()),
        refills_allowed: Some(3),
        refills_remaining: Some(2),
        updated_at: T.into(),
        ..Default::default()
    };
    records::upsert(
        c,
        keys,
        &[
            med("old", "ana", "Ibuprofen", "stopped", "2024-05-01T00:00:00Z"),
            med("met", "ana", "Metformin", "active", "2020-01-01T00:00:00Z"),
            med("bob-m", "bob", "Albuterol", "active", "2020-01-01T00:00:00Z"),
        ],
    )
    .await
    .unwrap();
    let shot = |id: &str, patient: &str, at: &str| Immunization {
        id: id.into(),
        source: "test".into(),
        patient_id: patient.into(),
        status: "completed".into(),
        vaccine_code: Some("140".into()),
        vaccine_display: Some("Flu shot".into()),
        occurrence_at: Some(at.into()),
        updated_at: T.into(),
        ..Default::default()
    };
    records::upsert(
        c,
        keys,
        &[shot("flu-1", "ana", "2023-10-01T00:00:00Z"), shot("bob-flu", "bob", "2023-10-01T00:00:00Z")],
    )
    .await
    .unwrap();
}

async fn seed_documents(c: &mut sqlx::AnyConnection, keys: &backend::crypto::KeyRing) {
    let doc = |id: &str, patient: &str| Document {
        id: id.into(),
        source: "test".into(),
        patient_id: patient.into(),
        encounter_id: Some(format!("{patient}-visit")),
        status: "current".into(),
        type_display: Some("Visit summary".into()),
        date_at: Some("2024-03-01T10:00:00Z".into()),
        author_id: Some("dr".into()),
        updated_at: T.into(),
        ..Default::default()
    };
    records::upsert(c, keys, &[doc("ana-doc", "ana"), doc("bob-doc", "bob")]).await.unwrap();
    let file = |doc: &str, seq, kind: &str, data: &[u8]| DocumentAttachment {
        document_id: doc.into(),
        seq,
        content_type: Some(kind.into()),
        title: Some("Visit summary".into()),
        data: Some(data.to_vec()),
        ..Default::default()
    };
    records::upsert(
        c,
        keys,
        &[
            file("ana-doc", 0, "text/plain; charset=utf-8", b"You did well."),
            file("ana-doc", 1, "text/html", b"<script>alert(1)</script>"),
            file("bob-doc", 0, "text/plain", b"Bob's"),
        ],
    )
    .await
    .unwrap();
}

pub async fn ana_signed_in() -> (TestApp, String) {
    let app = TestApp::spawn().await;
    seed(&app).await;
    app.account(Role::Patient, "ana@example.org", Some("ana")).await;
    let cookie = app.sign_in("ana@example.org").await;
    (app, cookie)
}

#[tokio::test]
async fn the_summary_shows_what_matters_now() {
    let (app, cookie) = ana_signed_in().await;

    let summary: HealthSummary = app.get_as(&cookie, "/api/patients/ana/summary").await.json();

    assert_eq!(summary.patient.name, "Ana García");
    assert_eq!(summary.patient.medical_record_number.as_deref(), Some("MRN-1"));
    assert_eq!(summary.patient.primary_care.as_deref(), Some("Dr. Lee Park"));
    assert_eq!(summary.problems.iter().map(|p| p.name.display.as_str()).collect::<Vec<_>>(), ["Diabetes"]);
    assert_eq!(
        summary.medications.iter().map(|m| m.name.display.as_str()).collect::<Vec<_>>(),
        ["Metformin"]
    );
    assert_eq!(summary.allergies[0].reactions[0].manifestation.display, "Hives");
    assert_eq!(
        summary.vitals.iter().map(|v| v.name.display.as_str()).collect::<Vec<_>>(),
        ["Blood pressure", "Body weight"]
    );
    assert_eq!(summary.upcoming_visits.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(), ["ana-next"]);
}

#[tokio::test]
async fn the_results_list_merges_panels_and_single_tests_newest_first() {
    let (app, cookie) = ana_signed_in().await;

    let page: ResultsPage = app.get_as(&cookie, "/api/patients/ana/results").await.json();

    let ids: Vec<&str> = page.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["a1c-3", "cbc", "weight", "bp", "a1c-2", "a1c-1"]);
    let cbc = &page.items[1];
    assert_eq!((cbc.tests, cbc.abnormal, cbc.flag), (3, 1, None));
    assert_eq!(page.items[4].flag, Some(Flag::High));
    assert_eq!(page.next, None);
}

#[tokio::test]
async fn pages_of_the_results_list_hold_every_item_once() {
    let (app, cookie) = ana_signed_in().await;
    let mut seen = Vec::new();
    let mut path = "/api/patients/ana/results?limit=2".to_owned();

    loop {
        let page: ResultsPage = app.get_as(&cookie, &path).await.json();
        assert!(page.items.len() <= 2);
        seen.extend(page.items.into_iter().map(|i| i.id));
        match page.next {
            Some(next) => path = format!("/api/patients/ana/results?limit=2&after={next}"),
            None => break,
        }
    }

    assert_eq!(seen, ["a1c-3", "cbc", "weight", "bp", "a1c-2", "a1c-1"]);
}

#[tokio::test]
async fn the_results_list_filters_by_kind_abnormal_and_words() {
    let (app, cookie) = ana_signed_in().await;
    let ids = |page: ResultsPage| page.items.into_iter().map(|i| i.id).collect::<Vec<_>>();

    let vitals = app.get_as(&cookie, "/api/patients/ana/results?category=vital-signs").await.json();
    let abnormal = app.get_as(&cookie, "/api/patients/ana/results?abnormal=true").await.json();
    let words = app.get_as(&cookie, "/api/patients/ana/results?q=a1C").await.json();
    let literal = app.get_as(&cookie, "/api/patients/ana/results?q=%25").await.json();

    assert_eq!(ids(vitals), ["weight", "bp"]);
    assert_eq!(ids(abnormal), ["cbc", "a1c-2", "a1c-1"]);
    assert_eq!(ids(words), ["a1c-3", "a1c-2", "a1c-1"]);
    assert!(ids(literal).is_empty(), "a % is looked for, not a wildcard");
}

#[tokio::test]
async fn a_bad_list_query_is_a_clear_error() {
    let (app, cookie) = ana_signed_in().await;

    let cursor = app.get_as(&cookie, "/api/patients/ana/results?after=garbage").await;
    let category = app.get_as(&cookie, "/api/patients/ana/results?category=astrology").await;

    assert_eq!(cursor.status, StatusCode::BAD_REQUEST);
    assert_eq!(category.status, StatusCode::BAD_REQUEST);
    assert!(category.text().contains("category"), "{}", category.text());
}

#[tokio::test]
async fn a_panel_shows_each_value_against_its_range() {
    let (app, cookie) = ana_signed_in().await;

    let detail: ResultDetail = app.get_as(&cookie, "/api/patients/ana/results/cbc").await.json();

    assert_eq!(detail.name.display, "Complete blood count");
    assert_eq!(detail.ordered_by.as_deref(), Some("Dr. Lee Park"));
    let flags: Vec<(&str, Flag)> = detail.values.iter().map(|v| (v.name.display.as_str(), v.flag)).collect();
    assert_eq!(
        flags,
        [("White blood cells", Flag::High), ("Hemoglobin", Flag::Normal), ("Platelets", Flag::Normal)]
    );
    assert!(detail.values.iter().all(|v| !v.has_history));
}

#[tokio::test]
async fn a_blood_pressure_shows_its_two_parts() {
    let (app, cookie) = ana_signed_in().await;

    let detail: ResultDetail = app.get_as(&cookie, "/api/patients/ana/results/bp").await.json();

    let parts: Vec<(&str, Option<f64>)> =
        detail.values.iter().map(|v| (v.name.display.as_str(), v.value_num)).collect();
    assert_eq!(parts, [("Systolic", Some(142.0)), ("Diastolic", Some(88.0))]);
}

#[tokio::test]
async fn a_tests_history_lists_its_values_oldest_first_for_a_chart() {
    let (app, cookie) = ana_signed_in().await;

    let a1c: ResultHistory =
        app.get_as(&cookie, "/api/patients/ana/results/history?code=4548-4").await.json();
    let systolic: ResultHistory =
        app.get_as(&cookie, "/api/patients/ana/results/history?code=8480-6").await.json();
    let unknown = app.get_as(&cookie, "/api/patients/ana/results/history?code=0000-0").await;

    assert_eq!(a1c.points.iter().map(|p| p.value).collect::<Vec<_>>(), [8.1, 7.2, 5.4]);
    assert_eq!(a1c.points.iter().map(|p| p.flag).collect::<Vec<_>>(), [Flag::High, Flag::High, Flag::Normal]);
    assert_eq!(systolic.points.len(), 1);
    assert_eq!(systolic.unit.as_deref(), Some("mm[Hg]"));
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn medications_in_use_come_first_with_refills_and_pharmacy() {
    let (app, cookie) = ana_signed_in().await;

    let meds: Vec<Medication> = app.get_as(&cookie, "/api/patients/ana/medications").await.json();

    assert_eq!(
        meds.iter().map(|m| (m.name.display.as_str(), m.active)).collect::<Vec<_>>(),
        [("Metformin", true), ("Ibuprofen", false)]
    );
    assert_eq!(meds[0].refills_remaining, Some(2));
    assert_eq!(meds[0].pharmacy.as_ref().map(|p| p.name.as_str()), Some("Main St Pharmacy"));
    assert_eq!(meds[0].prescriber.as_deref(), Some("Dr. Lee Park"));
}

#[tokio::test]
async fn health_issues_list_current_ones_first() {
    let (app, cookie) = ana_signed_in().await;

    let problems: Vec<Problem> = app.get_as(&cookie, "/api/patients/ana/problems").await.json();
    let allergies: Vec<AllergyView> = app.get_as(&cookie, "/api/patients/ana/allergies").await.json();

    assert_eq!(problems.iter().map(|p| p.name.display.as_str()).collect::<Vec<_>>(), ["Diabetes", "Flu"]);
    assert_eq!(allergies.len(), 1);
    assert_eq!(allergies[0].criticality.as_deref(), Some("high"));
}

#[tokio::test]
async fn a_visit_shows_its_summary_note_results_and_documents() {
    let (app, cookie) = ana_signed_in().await;

    let visits: Vec<Visit> = app.get_as(&cookie, "/api/patients/ana/visits").await.json();
    let detail: VisitDetail = app.get_as(&cookie, "/api/patients/ana/visits/ana-visit").await.json();

    assert_eq!(visits.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(), ["ana-next", "ana-visit"]);
    assert_eq!(detail.after_visit_summary.as_deref(), Some("Keep taking your medicine."));
    assert_eq!(detail.results.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["a1c-3"]);
    assert_eq!(detail.documents.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["ana-doc"]);
}

#[tokio::test]
async fn documents_download_as_files_and_never_as_a_page() {
    let (app, cookie) = ana_signed_in().await;

    let docs: Vec<DocumentSummary> = app.get_as(&cookie, "/api/patients/ana/documents").await.json();
    let text = app.get_as(&cookie, "/api/patients/ana/documents/ana-doc/files/0").await;
    let html = app.get_as(&cookie, "/api/patients/ana/documents/ana-doc/files/1").await;

    assert_eq!(docs[0].attachments.len(), 2);
    assert_eq!(docs[0].attachments[0].size, Some(13));
    assert_eq!(text.body, b"You did well.");
    assert_eq!(text.header("content-type"), "text/plain; charset=utf-8");
    assert_eq!(text.header("content-disposition"), "attachment; filename=\"Visit-summary.txt\"");
    assert_eq!(html.header("content-type"), "application/octet-stream");
    assert!(html.header("content-disposition").starts_with("attachment"));
}

#[tokio::test]
async fn vaccines_due_are_worked_out_from_the_birth_date_and_the_completed_cvx_coded_vaccines() {
    let (app, cookie) = ana_signed_in().await;
    let shot = |id: &str, system: &str, code: &str, status: &str, at: &str| Immunization {
        id: id.into(),
        source: "test".into(),
        patient_id: "ana".into(),
        status: status.into(),
        vaccine_system: Some(system.into()),
        vaccine_code: Some(code.into()),
        vaccine_display: Some("Tetanus".into()),
        occurrence_at: Some(at.into()),
        updated_at: T.into(),
        ..Default::default()
    };
    let cvx = "http://hl7.org/fhir/sid/cvx";
    let mut c = app.db.pool().acquire().await.unwrap();
    records::upsert(
        &mut c,
        app.db.keys(),
        &[
            shot("tdap-error", cvx, "115", "entered-in-error", "2022-05-01T00:00:00Z"),
            shot("td-ndc", "http://hl7.org/fhir/sid/ndc", "115", "completed", "2022-05-01T00:00:00Z"),
        ],
    )
    .await
    .unwrap();
    let tdap = |due: &[VaccineDue]| due.iter().find(|v| v.family == VaccineFamily::Tdap).cloned();

    let before: Vec<VaccineDue> = app.get_as(&cookie, "/api/patients/ana/vaccines-due").await.json();
    records::upsert(&mut c, app.db.keys(), &[shot("tdap", cvx, "115", "completed", "2022-05-01T00:00:00Z")])
        .await
        .unwrap();
    let after: Vec<VaccineDue> = app.get_as(&cookie, "/api/patients/ana/vaccines-due").await.json();
    let summary: HealthSummary = app.get_as(&cookie, "/api/patients/ana/summary").await.json();

    // Ana was born on 1980-01-01: a Tdap has been due since she turned 11, and shingles waits for 50.
    let missing = tdap(&before).expect("no valid tetanus vaccine on record");
    assert_eq!(
        (missing.status, missing.due_since.as_str(), missing.dose),
        (DueStatus::Overdue, "1991-01-01", None)
    );
    assert!(before.iter().all(|v| v.family != VaccineFamily::Shingles));
    assert_eq!(tdap(&after), None, "a completed Tdap in 2022 lasts ten years");
    assert_eq!(summary.vaccines_due, after, "the summary lists the same");
    let statuses: Vec<DueStatus> = before.iter().map(|v| v.status).collect();
    assert!(statuses.windows(2).all(|w| w[0] >= w[1]), "overdue first: {statuses:?}");

    // The list of vaccines given names each by the diseases it protects against.
    let given: Vec<shared::chart::Immunization> =
        app.get_as(&cookie, "/api/patients/ana/immunizations").await.json();
    let tdap_given = given.iter().find(|v| v.id == "tdap").expect("the Tdap is listed");
    assert_eq!(tdap_given.families, [VaccineFamily::Tdap]);
}

/// Every chart route, for Ana's record, with ids of Ana's own items.
const ANA_ROUTES: &[&str] = &[
    "/api/patients/ana/summary",
    "/api/patients/ana/results",
    "/api/patients/ana/results/cbc",
    "/api/patients/ana/results/a1c-1",
    "/api/patients/ana/results/history?code=4548-4",
    "/api/patients/ana/medications",
    "/api/patients/ana/immunizations",
    "/api/patients/ana/allergies",
    "/api/patients/ana/problems",
    "/api/patients/ana/visits",
    "/api/patients/ana/visits/ana-visit",
    "/api/patients/ana/documents",
    "/api/patients/ana/documents/ana-doc/files/0",
    "/api/patients/ana/vaccines-due",
    "/api/patients/ana/export",
];

#[tokio::test]
async fn every_route_opens_the_patients_own_record_and_audits_it() {
    let (app, cookie) = ana_signed_in().await;

    for path in ANA_ROUTES {
        let before = app.audit_rows().await.len();
        let response = app.get_as(&cookie, path).await;
        assert_eq!(response.status, StatusCode::OK, "{path}: {}", response.text());
        let rows = app.audit_rows().await;
        let new = &rows[before..];
        assert!(
            new.iter().any(|r| r.outcome == "success" && r.patient_id.as_deref() == Some("ana")),
            "{path} not audited"
        );
    }
}

#[tokio::test]
async fn a_patient_cannot_reach_another_patients_record_on_any_route() {
    let (app, cookie) = ana_signed_in().await;
    // Bob's record under Bob's id, and Bob's items under Ana's id.
    let mut attempts: Vec<String> = ANA_ROUTES
        .iter()
        .map(|p| p.replace("/patients/ana/", "/patients/bob/").replace("ana-", "bob-"))
        .collect();
    attempts.extend(
        [
            "/api/patients/ana/results/bob-a1c",
            "/api/patients/ana/visits/bob-visit",
            "/api/patients/ana/documents/bob-doc/files/0",
        ]
        .map(str::to_owned),
    );

    for path in &attempts {
        let before = app.audit_rows().await.len();
        let response = app.get_as(&cookie, path).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}: {}", response.text());
        assert!(!response.text().contains("Bob"), "{path} leaked data");
        let rows = app.audit_rows().await;
        if path.contains("/patients/bob/") {
            assert!(
                rows[before..]
                    .iter()
                    .any(|r| r.outcome == "denied" && r.patient_id.as_deref() == Some("bob")),
                "{path} refusal not audited"
            );
        }
    }
}

#[tokio::test]
async fn strangers_and_staff_without_a_clinical_role_are_refused_and_the_care_team_is_let_in() {
    let (app, _) = ana_signed_in().await;
    app.account(Role::Billing, "billing@example.org", None).await;
    app.care_team_account(Role::Clinician, "doc@example.org", "dr").await;
    let billing = app.sign_in("billing@example.org").await;
    let clinician = app.sign_in("doc@example.org").await;

    for path in ANA_ROUTES {
        assert_eq!(app.get(path).await.status, StatusCode::UNAUTHORIZED, "{path} anonymous");
        assert_eq!(app.get_as(&billing, path).await.status, StatusCode::FORBIDDEN, "{path} billing");
        assert_eq!(app.get_as(&clinician, path).await.status, StatusCode::OK, "{path} clinician");
    }
}
