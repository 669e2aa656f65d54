//! Encounter.

use serde_json::{Value, json};

use super::{coding, concept, narrative, reference, resource};
use crate::Db;
use crate::fhir::api::resource_type::ResourceType;
use crate::records::Encounter;

super::fhir_record!(
    Encounter, Encounter,
    patient: patient_id,
    refs: [Practitioner: practitioner_id, Location: location_id, Organization: organization_id],
    render: render
);

async fn render(_: &Db, rows: Vec<Encounter>) -> anyhow::Result<Vec<Value>> {
    Ok(rows
        .iter()
        .map(|e| {
            resource(
                ResourceType::Encounter,
                &e.id,
                &e.updated_at,
                json!({
                    // R4's Encounter has no element for notes; the narrative carries them.
                    "text": narrative(&[
                        ("After-visit summary", e.after_visit_summary.as_deref()),
                        ("Visit note", e.note.as_deref()),
                    ]),
                    "status": e.status,
                    "class": e.class_code.as_deref().map(|code| coding(
                        Some("http://terminology.hl7.org/CodeSystem/v3-ActCode"), Some(code), None,
                    )),
                    "type": [concept(e.type_system.as_deref(), e.type_code.as_deref(), e.type_display.as_deref())],
                    "subject": reference(ResourceType::Patient, Some(&e.patient_id)),
                    "participant": [{"individual": reference(ResourceType::Practitioner, e.practitioner_id.as_deref())}],
                    "period": {
                        "start": e.period_start.as_ref().or(e.start_at.as_ref()),
                        "end": e.period_end.as_ref().or(e.end_at.as_ref()),
                    },
                    "reasonCode": [concept(e.reason_system.as_deref(), e.reason_code.as_deref(), e.reason_display.as_deref())],
                    "location": [{"location": reference(ResourceType::Location, e.location_id.as_deref())}],
                    "serviceProvider": reference(ResourceType::Organization, e.organization_id.as_deref()),
                }),
            )
        })
        .collect())
}
