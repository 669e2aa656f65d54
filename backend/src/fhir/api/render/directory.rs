//! Directory data: Practitioner, PractitionerRole, Organization and Location.

use serde_json::{Value, json};

use super::{
    FhirRecord as _, address, concept, decimal, flag, human_name, identifiers, ids, reference, resource,
    telecom,
};
use crate::Db;
use crate::fhir::api::resource_type::ResourceType;
use crate::records::{Location, Organization, Practitioner, PractitionerRole};

super::fhir_record!(Practitioner, Practitioner, patient: none, refs: [], render: render_practitioners);
super::fhir_record!(
    PractitionerRole, PractitionerRole,
    patient: none,
    refs: [Practitioner: practitioner_id, Organization: organization_id, Location: location_id],
    render: render_roles
);
super::fhir_record!(Organization, Organization, patient: none, refs: [Organization: part_of_id], render: render_organizations);
super::fhir_record!(Location, Location, patient: none, refs: [Organization: managing_organization_id], render: render_locations);

async fn render_practitioners(db: &Db, rows: Vec<Practitioner>) -> anyhow::Result<Vec<Value>> {
    let mut identifiers = identifiers(db, ResourceType::Practitioner, &ids(&rows)).await?;
    Ok(rows
        .iter()
        .map(|p| {
            resource(
                ResourceType::Practitioner,
                &p.id,
                &p.updated_at,
                json!({
                    "identifier": identifiers.remove(p.id()).unwrap_or_default(),
                    "active": flag(p.active),
                    "name": [human_name(p.prefix.as_deref(), p.given.as_deref(), p.family.as_deref(), p.suffix.as_deref())],
                    "telecom": telecom(p.phone.as_deref(), p.email.as_deref()),
                    "gender": p.gender,
                }),
            )
        })
        .collect())
}

async fn render_roles(_: &Db, rows: Vec<PractitionerRole>) -> anyhow::Result<Vec<Value>> {
    Ok(rows
        .iter()
        .map(|r| {
            resource(
                ResourceType::PractitionerRole,
                &r.id,
                &r.updated_at,
                json!({
                    "active": flag(r.active),
                    "practitioner": reference(ResourceType::Practitioner, r.practitioner_id.as_deref()),
                    "organization": reference(ResourceType::Organization, r.organization_id.as_deref()),
                    "code": [concept(r.role_system.as_deref(), r.role_code.as_deref(), r.role_display.as_deref())],
                    "specialty": [concept(r.specialty_system.as_deref(), r.specialty_code.as_deref(), r.specialty_display.as_deref())],
                    "location": [reference(ResourceType::Location, r.location_id.as_deref())],
                    "telecom": telecom(r.phone.as_deref(), r.email.as_deref()),
                }),
            )
        })
        .collect())
}

async fn render_organizations(db: &Db, rows: Vec<Organization>) -> anyhow::Result<Vec<Value>> {
    let mut identifiers = identifiers(db, ResourceType::Organization, &ids(&rows)).await?;
    Ok(rows
        .iter()
        .map(|o| {
            resource(
                ResourceType::Organization,
                &o.id,
                &o.updated_at,
                json!({
                    "identifier": identifiers.remove(o.id()).unwrap_or_default(),
                    "active": flag(o.active),
                    "type": [concept(
                        o.type_code.as_ref().map(|_| "http://terminology.hl7.org/CodeSystem/organization-type"),
                        o.type_code.as_deref(),
                        o.type_display.as_deref(),
                    )],
                    "name": o.name,
                    "telecom": telecom(o.phone.as_deref(), o.email.as_deref()),
                    "address": [address(o.address_line.as_deref(), o.city.as_deref(), o.state.as_deref(), o.postal_code.as_deref(), o.country.as_deref())],
                    "partOf": reference(ResourceType::Organization, o.part_of_id.as_deref()),
                }),
            )
        })
        .collect())
}

async fn render_locations(db: &Db, rows: Vec<Location>) -> anyhow::Result<Vec<Value>> {
    let mut identifiers = identifiers(db, ResourceType::Location, &ids(&rows)).await?;
    Ok(rows
        .iter()
        .map(|l| {
            // A position needs both coordinates.
            let position = match (l.latitude, l.longitude) {
                (Some(lat), Some(lon)) => json!({"latitude": decimal(Some(lat)), "longitude": decimal(Some(lon))}),
                _ => Value::Null,
            };
            resource(
                ResourceType::Location,
                &l.id,
                &l.updated_at,
                json!({
                    "identifier": identifiers.remove(l.id()).unwrap_or_default(),
                    "status": l.status,
                    "name": l.name,
                    "description": l.description,
                    "telecom": telecom(l.phone.as_deref(), None),
                    "address": address(l.address_line.as_deref(), l.city.as_deref(), l.state.as_deref(), l.postal_code.as_deref(), l.country.as_deref()),
                    "position": position,
                    "managingOrganization": reference(ResourceType::Organization, l.managing_organization_id.as_deref()),
                }),
            )
        })
        .collect())
}
