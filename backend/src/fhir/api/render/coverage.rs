//! Coverage.

use serde_json::{Value, json};

use super::{coded, concept, reference, resource};
use crate::Db;
use crate::fhir::api::resource_type::ResourceType;
use crate::records::Coverage;

super::fhir_record!(Coverage, Coverage, patient: patient_id, refs: [Organization: payor_id], render: render);

const CLASS: &str = "http://terminology.hl7.org/CodeSystem/coverage-class";

/// A Coverage class: we keep the plan's and group's names, which stand in for their values.
fn class(kind: &str, name: Option<&str>) -> Value {
    match name {
        Some(name) => json!({"type": coded(CLASS, Some(kind)), "value": name, "name": name}),
        None => Value::Null,
    }
}

async fn render(_: &Db, rows: Vec<Coverage>) -> anyhow::Result<Vec<Value>> {
    Ok(rows
        .iter()
        .map(|c| {
            let payor = match &c.payor_id {
                Some(id) => json!({"reference": format!("Organization/{id}"), "display": c.payor_display}),
                None => json!({"display": c.payor_display}),
            };
            resource(
                ResourceType::Coverage,
                &c.id,
                &c.updated_at,
                json!({
                    "identifier": [c.member_id.as_ref().map(|member| json!({
                        "type": coded("http://terminology.hl7.org/CodeSystem/v2-0203", Some("MB")),
                        "value": member,
                    }))],
                    "status": c.status,
                    "type": concept(c.type_system.as_deref(), c.type_code.as_deref(), c.type_display.as_deref()),
                    "subscriberId": c.subscriber_id,
                    "beneficiary": reference(ResourceType::Patient, Some(&c.patient_id)),
                    "relationship": coded("http://terminology.hl7.org/CodeSystem/subscriber-relationship", c.relationship.as_deref()),
                    "period": {"start": c.period_start, "end": c.period_end},
                    "payor": [payor],
                    "class": [class("plan", c.plan_name.as_deref()), class("group", c.group_name.as_deref())],
                }),
            )
        })
        .collect())
}
