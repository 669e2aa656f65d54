//! The demo clinic on the engine under test: the same seed gives the same rows, every lab flag
//! agrees with its value and range, diabetics have A1c trends, vaccines fit ages, every code
//! comes from the curated tables, and the printed sign-ins work.

use std::collections::HashSet;

use axum::http::{Method, StatusCode};
use backend::Db;
use backend::demo::{self, DemoOptions, codes};
use backend::records::{
    self, Allergy, AllergyReaction, CarePlan, CarePlanActivity, CarePlanGoal, Condition, Coverage,
    DiagnosticReport, DiagnosticReportResult, Document, DocumentAttachment, Encounter, Goal, Identifier,
    Immunization, Location, MedicationRequest, Observation, ObservationComponent, Organization, Patient,
    PatientContact, Practitioner, PractitionerRole, Record,
};
use jiff::civil::Date;
use sha2::{Digest as _, Sha256};
use shared::SignInResult;

use crate::helpers::{TestApp, fresh_db, session_cookie};

/// Patients in most tests: enough for every kind of record, small enough to stay quick.
const SMALL: usize = 30;
const REFERENCE: &str = "2026-11-01";

/// The moment the demo is seeded at, the same for every seed compared: the fresh activity's
/// days follow it.
fn now() -> jiff::Timestamp {
    "2026-11-24T15:00:00Z".parse().unwrap()
}

async fn seeded(patients: usize, seed: u64) -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = fresh_db(dir.path()).await;
    let seeded = demo::seed_if_empty(
        &db,
        &backend::crypto::KeyRing::generate("test").0,
        &DemoOptions { patients, seed },
        now(),
    )
    .await
    .expect("the demo seeds");
    assert!(seeded);
    (dir, db)
}

/// Every row of a table, opened (each database seals with its own key, and sealing is
/// randomised), in the order of their text: identifiers' stored keys are keyed hashes.
async fn all<R: Record + std::fmt::Debug>(db: &Db) -> Vec<R> {
    let sql = records::select_sql::<R>();
    let mut rows =
        sqlx::query_as::<_, R>(sqlx::AssertSqlSafe(sql)).fetch_all(db.pool()).await.expect("read a table");
    for row in &mut rows {
        row.open(db.keys()).expect("open a row");
    }
    rows.sort_by_cached_key(|row| format!("{row:?}"));
    rows
}

/// An account as the digest sees it: email, name, role, patient, practitioner and language.
type AccountRow = (String, String, String, Option<String>, Option<String>, Option<String>);

fn hash_rows<R: std::fmt::Debug>(hasher: &mut Sha256, rows: &[R]) {
    for row in rows {
        hasher.update(format!("{row:?}\n"));
    }
}

/// A digest of every table the demo fills, each in key order. Accounts are taken without their
/// ids, creation times and password hashes, which are random or salted by design.
async fn digest(db: &Db) -> String {
    let mut h = Sha256::new();
    hash_rows(&mut h, &all::<Organization>(db).await);
    hash_rows(&mut h, &all::<Location>(db).await);
    hash_rows(&mut h, &all::<Practitioner>(db).await);
    hash_rows(&mut h, &all::<PractitionerRole>(db).await);
    hash_rows(&mut h, &all::<Patient>(db).await);
    hash_rows(&mut h, &all::<Identifier>(db).await);
    hash_rows(&mut h, &all::<PatientContact>(db).await);
    hash_rows(&mut h, &all::<Encounter>(db).await);
    hash_rows(&mut h, &all::<Condition>(db).await);
    hash_rows(&mut h, &all::<Observation>(db).await);
    hash_rows(&mut h, &all::<ObservationComponent>(db).await);
    hash_rows(&mut h, &all::<DiagnosticReport>(db).await);
    hash_rows(&mut h, &all::<DiagnosticReportResult>(db).await);
    hash_rows(&mut h, &all::<Allergy>(db).await);
    hash_rows(&mut h, &all::<AllergyReaction>(db).await);
    hash_rows(&mut h, &all::<MedicationRequest>(db).await);
    hash_rows(&mut h, &all::<Immunization>(db).await);
    hash_rows(&mut h, &all::<Document>(db).await);
    hash_rows(&mut h, &all::<DocumentAttachment>(db).await);
    hash_rows(&mut h, &all::<CarePlan>(db).await);
    hash_rows(&mut h, &all::<CarePlanActivity>(db).await);
    hash_rows(&mut h, &all::<Goal>(db).await);
    hash_rows(&mut h, &all::<CarePlanGoal>(db).await);
    hash_rows(&mut h, &all::<Coverage>(db).await);
    let accounts: Vec<AccountRow> = sqlx::query_as(
        "SELECT email, display_name, role, patient_id, practitioner_id, language FROM accounts ORDER BY email",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    hash_rows(&mut h, &accounts);
    let profile: Vec<(String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT name, phone, email FROM clinic_profile").fetch_all(db.pool()).await.unwrap();
    hash_rows(&mut h, &profile);
    format!("{:x}", h.finalize())
}

fn date(text: &str) -> Date {
    text[..10].parse().unwrap_or_else(|e| panic!("{text} is not a date: {e}"))
}

fn days_between(from: &str, to: &str) -> i32 {
    date(from).until(date(to)).unwrap().get_days()
}

fn age_in_years(birth: &str, on: &str) -> i16 {
    let (b, o) = (date(birth), date(on));
    o.year() - b.year() - i16::from((o.month(), o.day()) < (b.month(), b.day()))
}

#[tokio::test]
async fn the_same_seed_fills_identical_rows_and_another_seed_other_people() {
    let (_a, first) = seeded(SMALL, 11).await;
    let (_b, again) = seeded(SMALL, 11).await;
    let (_c, other) = seeded(SMALL, 12).await;

    let (one, two, three) = (digest(&first).await, digest(&again).await, digest(&other).await);

    assert_eq!(one, two, "the same seed gives the same rows");
    assert_ne!(one, three, "another seed gives another clinic");
    let names = |patients: Vec<Patient>| -> HashSet<(Option<String>, Option<String>, Option<String>)> {
        patients.into_iter().map(|p| (p.given, p.family, p.birth_date)).collect()
    };
    let (ours, theirs) = (names(all(&first).await), names(all(&other).await));
    let shared = ours.intersection(&theirs).count();
    assert!(shared < SMALL / 4, "{shared} of {SMALL} patients are the same people");
}

#[tokio::test]
async fn every_lab_flag_agrees_with_its_value_and_reference_range() {
    let (_dir, db) = seeded(SMALL, 21).await;

    let labs: Vec<Observation> = all::<Observation>(&db)
        .await
        .into_iter()
        .filter(|o| o.category.as_deref() == Some("laboratory"))
        .collect();

    assert!(labs.len() > 500, "{} lab results", labs.len());
    let mut flagged = 0;
    for lab in &labs {
        let flag = lab.interpretation.as_deref().unwrap_or_else(|| panic!("{lab:?} has no flag"));
        if lab.value_type == "codeable" {
            let negative = lab.value_code.as_deref() == Some(codes::NEGATIVE.code);
            assert_eq!(flag == "N", negative, "{lab:?}");
            continue;
        }
        let value = lab.value_num.expect("a numeric lab has a value");
        assert!(lab.ref_low.is_some() || lab.ref_high.is_some(), "{lab:?} has no range");
        assert_eq!(lab.ref_unit, lab.value_ucum, "the range is in the value's unit");
        let below = lab.ref_low.is_some_and(|l| value < l);
        let above = lab.ref_high.is_some_and(|h| value > h);
        match flag {
            "N" => assert!(!below && !above, "{lab:?}"),
            "L" | "LL" => assert!(below, "{lab:?}"),
            "H" | "HH" => assert!(above, "{lab:?}"),
            other => panic!("unexpected flag {other} on {lab:?}"),
        }
        flagged += usize::from(flag != "N");
    }
    assert!(flagged > 20, "some values are abnormal ({flagged})");
    let reports = all::<DiagnosticReport>(&db).await;
    for panel in codes::PANELS {
        assert!(reports.iter().any(|r| r.code.as_deref() == Some(panel.code)), "a {} report", panel.display);
    }
}

#[tokio::test]
async fn diabetics_have_a_series_of_a1c_results_over_time() {
    let (_dir, db) = seeded(SMALL, 31).await;

    let conditions = all::<Condition>(&db).await;
    let observations = all::<Observation>(&db).await;
    let diabetics: Vec<&Condition> = conditions
        .iter()
        .filter(|c| c.code.as_deref() == Some(codes::TYPE_2_DIABETES.code))
        .filter(|c| days_between(c.recorded_date.as_deref().unwrap(), REFERENCE) > 400)
        .collect();

    assert!(!diabetics.is_empty(), "Ana at least has diabetes");
    for diabetic in diabetics {
        let mut series: Vec<(&str, f64)> = observations
            .iter()
            .filter(|o| {
                o.patient_id == diabetic.patient_id && o.code.as_deref() == Some(codes::A1C.code.code)
            })
            .map(|o| (o.effective_at.as_deref().unwrap(), o.value_num.unwrap()))
            .collect();
        series.sort_by(|a, b| a.0.cmp(b.0));
        assert!(series.len() >= 3, "{}: {series:?}", diabetic.patient_id);
        assert!(days_between(series[0].0, series[series.len() - 1].0) >= 180, "{series:?}");
        assert!(series.iter().any(|s| (s.1 - series[0].1).abs() > 0.05), "A1c moves: {series:?}");
    }
}

#[tokio::test]
async fn the_patients_include_children_teens_and_older_adults_both_sexes_and_spanish_speakers() {
    let (_dir, db) = seeded(SMALL, 41).await;

    let patients = all::<Patient>(&db).await;
    let ages: Vec<i16> =
        patients.iter().map(|p| age_in_years(p.birth_date.as_deref().unwrap(), REFERENCE)).collect();

    assert_eq!(patients.len(), SMALL);
    assert!(ages.iter().any(|&a| a < 12), "{ages:?}");
    assert!(ages.iter().any(|&a| (12..18).contains(&a)), "{ages:?}");
    assert!(ages.iter().any(|&a| a >= 65), "{ages:?}");
    assert!(patients.iter().any(|p| p.gender.as_deref() == Some("female")));
    assert!(patients.iter().any(|p| p.gender.as_deref() == Some("male")));
    assert!(patients.iter().any(|p| p.language.as_deref() == Some("es")));
    assert!(patients.iter().all(|p| p.source == "demo"));
    let identifiers = all::<Identifier>(&db).await;
    for p in &patients {
        let mrn = identifiers.iter().find(|i| i.resource_id == p.id && i.type_code.as_deref() == Some("MR"));
        assert!(mrn.is_some_and(|i| i.system == "urn:oid:2.16.840.1.113883.3.9999.1"), "{} has an MRN", p.id);
    }
}

#[tokio::test]
async fn every_vaccine_was_given_at_an_age_it_is_meant_for() {
    let (_dir, db) = seeded(SMALL, 51).await;

    let patients = all::<Patient>(&db).await;
    let immunizations = all::<Immunization>(&db).await;

    assert!(immunizations.len() > 100, "{}", immunizations.len());
    for shot in &immunizations {
        let patient = patients.iter().find(|p| p.id == shot.patient_id).unwrap();
        let birth = patient.birth_date.as_deref().unwrap();
        let when = shot.occurrence_at.as_deref().unwrap();
        let age_days = days_between(birth, when);
        let code = shot.vaccine_code.as_deref().unwrap();
        let vaccine = codes::vaccine(code).unwrap_or_else(|| panic!("CVX {code} is not in the tables"));
        assert!(
            vaccine.ages.iter().any(|&(from, to)| (from..to).contains(&age_days)),
            "{code} at {age_days} days old"
        );
        let years = age_in_years(birth, when);
        match code {
            "187" => assert!(years >= 50, "shingles vaccine at {years}"),
            "20" | "106" | "110" => assert!(years < 7, "DTaP at {years}"),
            "43" => assert!(years >= 19, "adult hepatitis B at {years}"),
            "116" => assert!(age_days < 8 * 31, "rotavirus at {age_days} days"),
            "115" | "113" => assert!(years >= 7, "Tdap or Td at {years}"),
            _ => {}
        }
        assert!(shot.lot_number.as_deref().is_some_and(|l| !l.is_empty()), "a lot number");
    }
}

/// Every coded value in the demo's rows, with the system and display it was written with.
async fn coded_values(db: &Db) -> Vec<(String, String, Option<String>)> {
    fn take(
        out: &mut Vec<(String, String, Option<String>)>,
        system: Option<&String>,
        code: Option<&String>,
        display: Option<&String>,
    ) {
        if let (Some(s), Some(c)) = (system, code) {
            out.push((s.clone(), c.clone(), display.cloned()));
        }
    }
    let mut out = Vec::new();
    for r in all::<PractitionerRole>(db).await {
        take(&mut out, r.specialty_system.as_ref(), r.specialty_code.as_ref(), r.specialty_display.as_ref());
        take(&mut out, r.role_system.as_ref(), r.role_code.as_ref(), r.role_display.as_ref());
    }
    for e in all::<Encounter>(db).await {
        take(&mut out, e.type_system.as_ref(), e.type_code.as_ref(), e.type_display.as_ref());
        take(&mut out, e.reason_system.as_ref(), e.reason_code.as_ref(), e.reason_display.as_ref());
    }
    for o in all::<Observation>(db).await {
        take(&mut out, o.code_system.as_ref(), o.code.as_ref(), o.code_display.as_ref());
        take(&mut out, o.value_code_system.as_ref(), o.value_code.as_ref(), o.value_text.as_ref());
    }
    for c in all::<ObservationComponent>(db).await {
        take(&mut out, c.code_system.as_ref(), c.code.as_ref(), c.code_display.as_ref());
    }
    for r in all::<DiagnosticReport>(db).await {
        take(&mut out, r.code_system.as_ref(), r.code.as_ref(), r.code_display.as_ref());
    }
    for c in all::<Condition>(db).await {
        take(&mut out, c.code_system.as_ref(), c.code.as_ref(), c.code_display.as_ref());
    }
    for a in all::<Allergy>(db).await {
        take(&mut out, a.code_system.as_ref(), a.code.as_ref(), a.code_display.as_ref());
    }
    for r in all::<AllergyReaction>(db).await {
        take(
            &mut out,
            r.manifestation_system.as_ref(),
            r.manifestation_code.as_ref(),
            r.manifestation_display.as_ref(),
        );
    }
    for m in all::<MedicationRequest>(db).await {
        take(
            &mut out,
            m.medication_system.as_ref(),
            m.medication_code.as_ref(),
            m.medication_display.as_ref(),
        );
        take(&mut out, m.reason_system.as_ref(), m.reason_code.as_ref(), m.reason_display.as_ref());
    }
    for i in all::<Immunization>(db).await {
        take(&mut out, i.vaccine_system.as_ref(), i.vaccine_code.as_ref(), i.vaccine_display.as_ref());
    }
    for d in all::<Document>(db).await {
        take(&mut out, d.type_system.as_ref(), d.type_code.as_ref(), d.type_display.as_ref());
    }
    for p in all::<CarePlan>(db).await {
        take(&mut out, p.category_system.as_ref(), p.category_code.as_ref(), p.category_display.as_ref());
    }
    for a in all::<CarePlanActivity>(db).await {
        take(&mut out, a.code_system.as_ref(), a.code.as_ref(), a.code_display.as_ref());
    }
    for g in all::<Goal>(db).await {
        take(&mut out, g.target_system.as_ref(), g.target_code.as_ref(), g.target_display.as_ref());
    }
    for c in all::<Coverage>(db).await {
        take(&mut out, c.type_system.as_ref(), c.type_code.as_ref(), c.type_display.as_ref());
    }
    out
}

#[tokio::test]
async fn every_code_the_demo_writes_comes_from_its_curated_tables() {
    let (_dir, db) = seeded(SMALL, 61).await;

    let coded = coded_values(&db).await;

    let systems: HashSet<&str> = coded.iter().map(|c| c.0.as_str()).collect();
    for system in [codes::LOINC, codes::SNOMED, codes::RXNORM, codes::CVX, codes::NUCC] {
        assert!(systems.contains(system), "the demo uses {system}");
    }
    let mut unknown: Vec<String> = Vec::new();
    for (system, code, display) in &coded {
        match codes::find(system, code) {
            Some(known) if display.as_deref().is_none_or(|d| d == known.display) => {}
            Some(known) => {
                unknown.push(format!("{system}|{code} shown as {display:?}, not {:?}", known.display));
            }
            None => unknown.push(format!("{system}|{code} ({display:?})")),
        }
    }
    unknown.sort();
    unknown.dedup();
    assert!(unknown.is_empty(), "codes outside the tables: {unknown:#?}");
}

#[tokio::test]
async fn every_printed_demo_sign_in_works_and_patients_see_their_own_record() {
    let app = TestApp::spawn().await;
    demo::seed_if_empty(&app.db, &app.keys, &DemoOptions { patients: 8, ..DemoOptions::default() }, now())
        .await
        .unwrap();

    for s in demo::sign_ins() {
        let body = serde_json::json!({ "email": s.email, "password": s.password }).to_string();
        let response =
            app.request(Method::POST, "/api/session", &[("content-type", "application/json")], body).await;

        assert_eq!(response.status, StatusCode::OK, "{}: {}", s.email, response.text());
        let info = match response.json::<SignInResult>() {
            SignInResult::SignedIn { session } => {
                assert!(s.totp.is_none(), "{} signs in with the password alone", s.email);
                session
            }
            SignInResult::SecondFactorRequired { .. } => {
                let secret =
                    totp_rs::Secret::try_from_base32(s.totp.as_deref().expect("a printed secret")).unwrap();
                let now =
                    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
                let code = backend::auth::totp::code_at(secret.as_bytes(), &s.email, now).unwrap();
                let body = serde_json::json!({ "code": code }).to_string();
                let pending = session_cookie(&response);
                let headers = [("content-type", "application/json"), ("cookie", pending.as_str())];
                let done = app.request(Method::POST, "/api/session/second-factor", &headers, body).await;
                let SignInResult::SignedIn { session } = done.json() else {
                    panic!("{}: {}", s.email, done.text())
                };
                session
            }
            other @ SignInResult::EnrolmentRequired { .. } => {
                panic!("{} must not need to enrol: {other:?}", s.email)
            }
        };
        assert_eq!(info.role.as_str(), s.role);
        let (patient_id, practitioner_id): (Option<String>, Option<String>) =
            sqlx::query_as("SELECT patient_id, practitioner_id FROM accounts WHERE email = $1")
                .bind(s.email.clone())
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        let proxied: Vec<&str> =
            info.patients.iter().filter(|p| !p.is_self).map(|p| p.display_name.as_str()).collect();
        if s.role == "patient" {
            let patient_id = patient_id.expect("a patient account is linked to its patient");
            assert!(info.patients[0].is_self, "{}", s.email);
            assert_eq!(info.patients[0].patient_id, patient_id);
            assert_eq!(info.patients[0].display_name, info.display_name, "the account is the patient's own");
        } else {
            assert!(patient_id.is_none(), "{}", s.email);
            assert!(info.patients.iter().all(|p| !p.is_self));
        }
        match s.email.as_str() {
            "rosa.martinez@demo.riverbend.example" => assert_eq!(proxied, ["Mateo Martínez"], "Rosa's son"),
            "chris.lee@demo.riverbend.example" => assert_eq!(proxied, ["Jordan Lee"], "Chris's teen"),
            email => assert!(proxied.is_empty(), "{email} acts for no one"),
        }
        if matches!(s.role.as_str(), "clinician" | "nurse") {
            assert!(practitioner_id.is_some(), "{} is linked to a practitioner", s.email);
        }
    }
}

#[tokio::test]
async fn ana_has_more_than_a_thousand_observations_for_the_latency_benchmark() {
    let (_dir, db) = seeded(1, demo::DEFAULT_SEED).await;

    let (ana, language): (String, Option<String>) =
        sqlx::query_as("SELECT a.patient_id, p.language FROM accounts a JOIN patients p ON p.id = a.patient_id WHERE a.email = $1")
            .bind("ana.garcia@demo.riverbend.example")
            .fetch_one(db.pool())
            .await
            .unwrap();
    let observations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM observations WHERE patient_id = $1")
        .bind(ana.clone())
        .fetch_one(db.pool())
        .await
        .unwrap();
    let conditions: Vec<String> = sqlx::query_scalar("SELECT code FROM conditions WHERE patient_id = $1")
        .bind(ana)
        .fetch_all(db.pool())
        .await
        .unwrap();

    assert!(observations >= 1000, "{observations}");
    assert_eq!(language.as_deref(), Some("es"));
    assert!(conditions.contains(&codes::TYPE_2_DIABETES.code.to_owned()));
    assert!(conditions.contains(&codes::HYPERTENSION.code.to_owned()));
}

#[tokio::test]
async fn the_demo_care_team_cares_for_the_featured_patients() {
    let (_dir, db) = seeded(SMALL, demo::DEFAULT_SEED).await;
    let linked = |email: &'static str, column: &'static str| {
        let db = db.clone();
        async move {
            let id: String = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT {column} FROM accounts WHERE email = $1"
            )))
            .bind(email)
            .fetch_one(db.pool())
            .await
            .unwrap();
            id
        }
    };

    let cares = [
        ("priya.shah@demo.riverbend.example", "ana.garcia@demo.riverbend.example"),
        ("priya.shah@demo.riverbend.example", "walter.brooks@demo.riverbend.example"),
        ("tom.becker@demo.riverbend.example", "ana.garcia@demo.riverbend.example"),
    ];
    for (staff, patient) in cares {
        let practitioner = linked(staff, "practitioner_id").await;
        let patient_id = linked(patient, "patient_id").await;
        assert!(
            backend::access::in_care(&db, &practitioner, &patient_id).await.unwrap(),
            "{staff} cares for {patient}"
        );
    }
    // Jordan, a teen, is seen at the children's clinic: the family doctor needs emergency access.
    let practitioner = linked("priya.shah@demo.riverbend.example", "practitioner_id").await;
    let jordan = linked("jordan.lee@demo.riverbend.example", "patient_id").await;
    assert!(!backend::access::in_care(&db, &practitioner, &jordan).await.unwrap());
}

#[tokio::test]
async fn seeding_twice_seeds_once() {
    let (_dir, db) = seeded(SMALL, 71).await;
    let before = digest(&db).await;

    let again = demo::seed_if_empty(
        &db,
        &backend::crypto::KeyRing::generate("test").0,
        &DemoOptions { patients: SMALL + 10, seed: 72 },
        now(),
    )
    .await
    .unwrap();

    assert!(!again, "a database with a clinic is left alone");
    assert_eq!(digest(&db).await, before);
}

#[tokio::test]
async fn a_demo_size_out_of_range_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path()).await;

    let err = demo::seed_if_empty(
        &db,
        &backend::crypto::KeyRing::generate("test").0,
        &DemoOptions { patients: 0, seed: 1 },
        now(),
    )
    .await
    .unwrap_err();

    assert!(err.to_string().contains("1 to 100000"), "{err}");
    let patients: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM patients").fetch_one(db.pool()).await.unwrap();
    assert_eq!(patients, 0);
}
