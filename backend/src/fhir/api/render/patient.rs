//! Patient.

use serde_json::{Value, json};

use super::{
    FhirRecord as _, address, coding, concept, flag, human_name, identifiers, ids, reference, resource,
    telecom,
};
use crate::Db;
use crate::fhir::api::resource_type::ResourceType;
use crate::records::{Patient, PatientContact};

super::fhir_record!(
    Patient, Patient,
    patient: id,
    refs: [Practitioner: general_practitioner_id, Organization: managing_organization_id],
    render: render
);

const US_CORE: &str = "http://hl7.org/fhir/us/core/StructureDefinition/";

async fn render(db: &Db, rows: Vec<Patient>) -> anyhow::Result<Vec<Value>> {
    let ids = ids(&rows);
    let mut identifiers = identifiers(db, ResourceType::Patient, &ids).await?;
    let mut contacts = super::children(db, "patient_id", &ids, |c: &PatientContact| &c.patient_id).await?;
    Ok(rows
        .iter()
        .map(|p| {
            let contacts: Vec<Value> = contacts.remove(p.id()).unwrap_or_default().iter().map(contact).collect();
            resource(
                ResourceType::Patient,
                &p.id,
                &p.updated_at,
                json!({
                    "extension": [
                        // US Core's race and ethnicity carry the text we keep in their `text` part.
                        p.race.as_ref().map(|t| json!({"url": format!("{US_CORE}us-core-race"), "extension": [{"url": "text", "valueString": t}]})),
                        p.ethnicity.as_ref().map(|t| json!({"url": format!("{US_CORE}us-core-ethnicity"), "extension": [{"url": "text", "valueString": t}]})),
                    ],
                    "identifier": identifiers.remove(p.id()).unwrap_or_default(),
                    "active": flag(p.active),
                    "name": [human_name(p.prefix.as_deref(), p.given.as_deref(), p.family.as_deref(), p.suffix.as_deref())],
                    "telecom": telecom(p.phone.as_deref(), p.email.as_deref()),
                    "gender": p.gender,
                    "birthDate": p.birth_date,
                    "deceasedDateTime": p.deceased_at,
                    "address": [address(p.address_line.as_deref(), p.city.as_deref(), p.state.as_deref(), p.postal_code.as_deref(), p.country.as_deref())],
                    "maritalStatus": p.marital_status.as_deref().map(marital_status),
                    "contact": contacts,
                    "communication": [p.language.as_deref().map(|code| json!({
                        "language": {"coding": [coding(Some("urn:ietf:bcp:47"), Some(code), None)]},
                    }))],
                    "generalPractitioner": [reference(ResourceType::Practitioner, p.general_practitioner_id.as_deref())],
                    "managingOrganization": reference(ResourceType::Organization, p.managing_organization_id.as_deref()),
                }),
            )
        })
        .collect())
}

fn contact(c: &PatientContact) -> Value {
    json!({
        "relationship": [concept(
            c.relationship_code.as_ref().map(|_| "http://terminology.hl7.org/CodeSystem/v2-0131"),
            c.relationship_code.as_deref(),
            c.relationship_display.as_deref(),
        )],
        "name": human_name(None, c.given.as_deref(), c.family.as_deref(), None),
        "telecom": telecom(c.phone.as_deref(), c.email.as_deref()),
        "address": address(c.address_line.as_deref(), c.city.as_deref(), c.state.as_deref(), c.postal_code.as_deref(), c.country.as_deref()),
    })
}

/// HL7 v3 marital status codes (`M`, `S`, `UNK`…) become a coding; words stay text.
fn marital_status(value: &str) -> Value {
    const CODES: [&str; 11] = ["A", "D", "I", "L", "M", "P", "S", "T", "U", "W", "UNK"];
    if CODES.contains(&value) {
        concept(Some("http://terminology.hl7.org/CodeSystem/v3-MaritalStatus"), Some(value), None)
    } else {
        json!({"text": value})
    }
}
