//! MedicationRequest and Immunization.

use serde_json::{Value, json};

use super::{concept, decimal, note, quantity, reference, resource};
use crate::Db;
use crate::fhir::api::resource_type::ResourceType;
use crate::records::{Immunization, MedicationRequest};

super::fhir_record!(
    MedicationRequest, MedicationRequest,
    patient: patient_id,
    refs: [Practitioner: requester_id, Organization: pharmacy_id],
    render: render_requests
);
super::fhir_record!(
    Immunization, Immunization,
    patient: patient_id,
    refs: [Practitioner: performer_id, Location: location_id],
    render: render_immunizations
);

async fn render_requests(_: &Db, rows: Vec<MedicationRequest>) -> anyhow::Result<Vec<Value>> {
    Ok(rows
        .iter()
        .map(|m| {
            resource(
                ResourceType::MedicationRequest,
                &m.id,
                &m.updated_at,
                json!({
                    "status": m.status,
                    "intent": m.intent,
                    "medicationCodeableConcept": concept(m.medication_system.as_deref(), m.medication_code.as_deref(), m.medication_display.as_deref()),
                    "subject": reference(ResourceType::Patient, Some(&m.patient_id)),
                    "encounter": reference(ResourceType::Encounter, m.encounter_id.as_deref()),
                    "authoredOn": m.authored_on.as_ref().or(m.authored_at.as_ref()),
                    "requester": reference(ResourceType::Practitioner, m.requester_id.as_deref()),
                    "reasonCode": [concept(m.reason_system.as_deref(), m.reason_code.as_deref(), m.reason_display.as_deref())],
                    "note": note(m.note.as_deref()),
                    "dosageInstruction": [{"text": m.dosage_text, "patientInstruction": m.patient_instruction}],
                    "dispenseRequest": {
                        "validityPeriod": {"end": m.validity_end},
                        "numberOfRepeatsAllowed": m.refills_allowed.filter(|n| *n >= 0),
                        "quantity": quantity(m.quantity, m.quantity_unit.as_deref(), None),
                        "expectedSupplyDuration": m.days_supply.map(|days| json!({
                            "value": days, "unit": "days", "system": "http://unitsofmeasure.org", "code": "d",
                        })),
                        "performer": reference(ResourceType::Organization, m.pharmacy_id.as_deref()),
                    },
                }),
            )
        })
        .collect())
}

/// Site and route are bound to HL7 v3 code systems, whose codes are short capitals (`LA`,
/// `IM`); anything else was stored as words.
fn v3_or_text(system: &str, value: Option<&str>) -> Value {
    match value {
        Some(code) if (1..=5).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase()) => {
            concept(Some(system), Some(code), None)
        }
        Some(text) => json!({"text": text}),
        None => Value::Null,
    }
}

async fn render_immunizations(_: &Db, rows: Vec<Immunization>) -> anyhow::Result<Vec<Value>> {
    Ok(rows
        .iter()
        .map(|i| {
            resource(
                ResourceType::Immunization,
                &i.id,
                &i.updated_at,
                json!({
                    "status": i.status,
                    "vaccineCode": concept(i.vaccine_system.as_deref(), i.vaccine_code.as_deref(), i.vaccine_display.as_deref()),
                    "patient": reference(ResourceType::Patient, Some(&i.patient_id)),
                    "encounter": reference(ResourceType::Encounter, i.encounter_id.as_deref()),
                    "occurrenceDateTime": i.occurrence.as_ref().or(i.occurrence_at.as_ref()),
                    "primarySource": i.primary_source.map(super::flag),
                    "location": reference(ResourceType::Location, i.location_id.as_deref()),
                    "lotNumber": i.lot_number,
                    "expirationDate": i.expiration_date,
                    "site": v3_or_text("http://terminology.hl7.org/CodeSystem/v3-ActSite", i.site.as_deref()),
                    "route": v3_or_text("http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration", i.route.as_deref()),
                    "doseQuantity": {"value": decimal(i.dose_quantity), "unit": i.dose_unit},
                    "performer": [{"actor": reference(ResourceType::Practitioner, i.performer_id.as_deref())}],
                    "note": note(i.note.as_deref()),
                }),
            )
        })
        .collect())
}
