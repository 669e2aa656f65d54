//! Condition and AllergyIntolerance (with its reactions).

use serde_json::{Value, json};

use super::{FhirRecord as _, coded, coding, concept, ids, note, reference, resource};
use crate::Db;
use crate::fhir::api::resource_type::ResourceType;
use crate::records::{Allergy, AllergyReaction, Condition};

super::fhir_record!(Condition, Condition, patient: patient_id, refs: [], render: render_conditions);
super::fhir_record!(Allergy, AllergyIntolerance, patient: patient_id, refs: [], render: render_allergies);

const SNOMED: &str = "http://snomed.info/sct";

fn condition_category(code: &str) -> Value {
    let system = match code {
        "problem-list-item" | "encounter-diagnosis" => {
            Some("http://terminology.hl7.org/CodeSystem/condition-category")
        }
        "health-concern" => Some("http://hl7.org/fhir/us/core/CodeSystem/condition-category"),
        _ => None,
    };
    json!({"coding": [coding(system, Some(code), None)]})
}

/// Severity is bound to SNOMED CT; the words for its three values are stored as words.
fn severity(value: &str) -> Value {
    let known = match value {
        "mild" => Some(("255604002", "Mild")),
        "moderate" => Some(("6736007", "Moderate")),
        "severe" => Some(("24484000", "Severe")),
        _ => None,
    };
    match known {
        Some((code, display)) => concept(Some(SNOMED), Some(code), Some(display)),
        None if value.bytes().all(|b| b.is_ascii_digit()) => concept(Some(SNOMED), Some(value), None),
        None => json!({"text": value}),
    }
}

async fn render_conditions(_: &Db, rows: Vec<Condition>) -> anyhow::Result<Vec<Value>> {
    Ok(rows
        .iter()
        .map(|c| {
            resource(
                ResourceType::Condition,
                &c.id,
                &c.updated_at,
                json!({
                    "clinicalStatus": coded("http://terminology.hl7.org/CodeSystem/condition-clinical", c.clinical_status.as_deref()),
                    "verificationStatus": coded("http://terminology.hl7.org/CodeSystem/condition-ver-status", c.verification_status.as_deref()),
                    "category": [c.category.as_deref().map(condition_category)],
                    "severity": c.severity.as_deref().map(severity),
                    "code": concept(c.code_system.as_deref(), c.code.as_deref(), c.code_display.as_deref()),
                    "subject": reference(ResourceType::Patient, Some(&c.patient_id)),
                    "encounter": reference(ResourceType::Encounter, c.encounter_id.as_deref()),
                    "onsetDateTime": c.onset.as_ref().or(c.onset_at.as_ref()),
                    "abatementDateTime": c.abatement,
                    "recordedDate": c.recorded_date,
                    "note": note(c.note.as_deref()),
                }),
            )
        })
        .collect())
}

async fn render_allergies(db: &Db, rows: Vec<Allergy>) -> anyhow::Result<Vec<Value>> {
    let ids = ids(&rows);
    let mut reactions = super::children(db, "allergy_id", &ids, |r: &AllergyReaction| &r.allergy_id).await?;
    Ok(rows
        .iter()
        .map(|a| {
            let reactions: Vec<Value> = reactions.remove(a.id()).unwrap_or_default().iter().map(reaction).collect();
            resource(
                ResourceType::AllergyIntolerance,
                &a.id,
                &a.updated_at,
                json!({
                    "clinicalStatus": coded("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", a.clinical_status.as_deref()),
                    "verificationStatus": coded("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", a.verification_status.as_deref()),
                    "type": a.allergy_type,
                    "category": [a.category],
                    "criticality": a.criticality,
                    "code": concept(a.code_system.as_deref(), a.code.as_deref(), a.code_display.as_deref()),
                    "patient": reference(ResourceType::Patient, Some(&a.patient_id)),
                    "encounter": reference(ResourceType::Encounter, a.encounter_id.as_deref()),
                    "onsetDateTime": a.onset,
                    "recordedDate": a.recorded_date,
                    "lastOccurrence": a.last_occurrence,
                    "note": note(a.note.as_deref()),
                    "reaction": reactions,
                }),
            )
        })
        .collect())
}

fn reaction(r: &AllergyReaction) -> Value {
    json!({
        "substance": concept(None, r.substance_code.as_deref(), r.substance_display.as_deref()),
        "manifestation": [concept(r.manifestation_system.as_deref(), r.manifestation_code.as_deref(), r.manifestation_display.as_deref())],
        "description": r.description,
        "onset": r.onset,
        "severity": r.severity,
    })
}
