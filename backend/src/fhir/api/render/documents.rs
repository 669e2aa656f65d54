//! DocumentReference, with its attachments inline as base64 `data`.

use base64::Engine as _;
use serde_json::{Value, json};

use super::{FhirRecord as _, coding, concept, ids, reference, resource};
use crate::Db;
use crate::fhir::api::resource_type::ResourceType;
use crate::records::{Document, DocumentAttachment};

super::fhir_record!(
    Document, DocumentReference,
    patient: patient_id,
    refs: [Practitioner: author_id, Organization: custodian_id],
    render: render
);

/// US Core's document categories are stored as their bare codes.
fn category(code: &str) -> Value {
    let system = (code == "clinical-note")
        .then_some("http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category");
    json!({"coding": [coding(system, Some(code), None)]})
}

async fn render(db: &Db, rows: Vec<Document>) -> anyhow::Result<Vec<Value>> {
    let ids = ids(&rows);
    let mut attachments =
        super::children(db, "document_id", &ids, |a: &DocumentAttachment| &a.document_id).await?;
    Ok(rows
        .iter()
        .map(|d| {
            let content: Vec<Value> = attachments
                .remove(d.id())
                .unwrap_or_default()
                .iter()
                .map(|a| json!({"attachment": attachment(a)}))
                .collect();
            resource(
                ResourceType::DocumentReference,
                &d.id,
                &d.updated_at,
                json!({
                    "status": d.status,
                    "docStatus": d.doc_status,
                    "type": concept(d.type_system.as_deref(), d.type_code.as_deref(), d.type_display.as_deref()),
                    "category": [d.category.as_deref().map(category)],
                    "subject": reference(ResourceType::Patient, Some(&d.patient_id)),
                    "date": d.date_at,
                    "author": [reference(ResourceType::Practitioner, d.author_id.as_deref())],
                    "custodian": reference(ResourceType::Organization, d.custodian_id.as_deref()),
                    "description": d.description,
                    "content": content,
                    "context": {"encounter": [reference(ResourceType::Encounter, d.encounter_id.as_deref())]},
                }),
            )
        })
        .collect())
}

fn attachment(a: &DocumentAttachment) -> Value {
    json!({
        "contentType": a.content_type,
        "language": a.language,
        "data": a.data.as_ref().map(|bytes| base64::engine::general_purpose::STANDARD.encode(bytes)),
        "url": a.url,
        "size": a.size.filter(|s| *s >= 0),
        "hash": a.hash,
        "title": a.title,
        "creation": a.creation,
    })
}
