//! Observation (with its components, reference range and interpretation) and DiagnosticReport.

use base64::Engine as _;
use serde_json::{Value, json};

use super::{FhirRecord as _, coding, concept, decimal, ids, note, quantity, reference, resource, whole};
use crate::Db;
use crate::fhir::api::resource_type::ResourceType;
use crate::records::{DiagnosticReport, DiagnosticReportResult, Observation, ObservationComponent};

super::fhir_record!(
    Observation, Observation,
    patient: patient_id,
    refs: [Practitioner: performer_id],
    render: render_observations
);

super::fhir_record!(
    DiagnosticReport, DiagnosticReport,
    patient: patient_id,
    refs: [Practitioner: performer_id],
    render: render_reports
);

const CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
const INTERPRETATION: &str = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

fn category_display(code: &str) -> Option<&'static str> {
    Some(match code {
        "social-history" => "Social History",
        "vital-signs" => "Vital Signs",
        "imaging" => "Imaging",
        "laboratory" => "Laboratory",
        "procedure" => "Procedure",
        "survey" => "Survey",
        "exam" => "Exam",
        "therapy" => "Therapy",
        "activity" => "Activity",
        _ => return None,
    })
}

fn interpretation_display(code: &str) -> Option<&'static str> {
    Some(match code {
        "N" => "Normal",
        "H" => "High",
        "L" => "Low",
        "HH" => "Critical high",
        "LL" => "Critical low",
        "A" => "Abnormal",
        "AA" => "Critical abnormal",
        "HU" => "Significantly high",
        "LU" => "Significantly low",
        "POS" => "Positive",
        "NEG" => "Negative",
        "IND" => "Indeterminate",
        _ => return None,
    })
}

fn interpretation(code: Option<&str>) -> Value {
    json!([code.map(|c| concept(Some(INTERPRETATION), Some(c), interpretation_display(c)))])
}

/// The value of an observation or component, as the `value[x]` element its `value_type` names.
struct Measured<'a> {
    value_type: &'a str,
    num: Option<f64>,
    comparator: Option<&'a str>,
    unit: Option<&'a str>,
    ucum: Option<&'a str>,
    text: Option<&'a str>,
    code_system: Option<&'a str>,
    code: Option<&'a str>,
}

impl Measured<'_> {
    fn element(&self) -> Option<(&'static str, Value)> {
        let value = match self.value_type {
            "quantity" => {
                let mut q = quantity(self.num, self.unit, self.ucum);
                q["comparator"] = json!(self.comparator);
                ("valueQuantity", q)
            }
            "codeable" => ("valueCodeableConcept", concept(self.code_system, self.code, self.text)),
            "string" => ("valueString", json!(self.text)),
            "boolean" => {
                let truth = match (self.text, self.num) {
                    (Some(t), _) => Some(t.eq_ignore_ascii_case("true")),
                    (None, Some(n)) => Some(n != 0.0),
                    (None, None) => None,
                };
                ("valueBoolean", json!(truth))
            }
            "integer" => ("valueInteger", json!(whole(self.num))),
            _ => return None,
        };
        let pruned = super::prune(value.1);
        (!pruned.is_null()).then_some((value.0, pruned))
    }
}

fn reference_range(low: Option<f64>, high: Option<f64>, unit: Option<&str>, text: Option<&str>) -> Value {
    json!([{
        "low": {"value": decimal(low), "unit": low.and(unit)},
        "high": {"value": decimal(high), "unit": high.and(unit)},
        "text": text,
    }])
}

async fn render_observations(db: &Db, rows: Vec<Observation>) -> anyhow::Result<Vec<Value>> {
    let ids = ids(&rows);
    let mut components =
        super::children(db, "observation_id", &ids, |c: &ObservationComponent| &c.observation_id).await?;
    Ok(rows
        .iter()
        .map(|o| {
            let measured = Measured {
                value_type: &o.value_type,
                num: o.value_num,
                comparator: o.value_comparator.as_deref(),
                unit: o.value_unit.as_deref(),
                ucum: o.value_ucum.as_deref(),
                text: o.value_text.as_deref(),
                code_system: o.value_code_system.as_deref(),
                code: o.value_code.as_deref(),
            };
            let components: Vec<Value> =
                components.remove(o.id()).unwrap_or_default().iter().map(component).collect();
            let mut body = json!({
                "status": o.status,
                "category": [o.category.as_deref().map(|c| concept(Some(CATEGORY), Some(c), category_display(c)))],
                "code": concept(o.code_system.as_deref(), o.code.as_deref(), o.code_display.as_deref()),
                "subject": reference(ResourceType::Patient, Some(&o.patient_id)),
                "encounter": reference(ResourceType::Encounter, o.encounter_id.as_deref()),
                "effectiveDateTime": o.effective.as_ref().or(o.effective_at.as_ref()),
                "issued": o.issued_at,
                "performer": [reference(ResourceType::Practitioner, o.performer_id.as_deref())],
                "interpretation": interpretation(o.interpretation.as_deref()),
                "note": note(o.note.as_deref()),
                "referenceRange": reference_range(o.ref_low, o.ref_high, o.ref_unit.as_deref().or(o.value_unit.as_deref()), o.ref_text.as_deref()),
                "component": components,
            });
            match measured.element() {
                Some((name, value)) => body[name] = value,
                // FHIR allows a reason for a missing value only when there is no value.
                None => {
                    body["dataAbsentReason"] = json!(o.data_absent_reason.as_deref().map(|code| concept(
                        Some("http://terminology.hl7.org/CodeSystem/data-absent-reason"),
                        Some(code),
                        None,
                    )));
                }
            }
            resource(ResourceType::Observation, &o.id, &o.updated_at, body)
        })
        .collect())
}

fn component(c: &ObservationComponent) -> Value {
    let measured = Measured {
        value_type: &c.value_type,
        num: c.value_num,
        comparator: None,
        unit: c.value_unit.as_deref(),
        ucum: c.value_ucum.as_deref(),
        text: c.value_text.as_deref(),
        code_system: c.value_code_system.as_deref(),
        code: c.value_code.as_deref(),
    };
    let mut body = json!({
        "code": concept(c.code_system.as_deref(), c.code.as_deref(), c.code_display.as_deref()),
        "interpretation": interpretation(c.interpretation.as_deref()),
        "referenceRange": reference_range(c.ref_low, c.ref_high, c.value_unit.as_deref(), None),
    });
    if let Some((name, value)) = measured.element() {
        body[name] = value;
    }
    body
}

/// The code system of a report category we store as a bare code: HL7 v2 diagnostic service
/// sections are short capitals (`LAB`), LOINC codes have a check digit (`LP29684-5`, `34117-2`).
fn report_category_system(code: &str) -> Option<&'static str> {
    let is_loinc = code.rsplit_once('-').is_some_and(|(body, check)| {
        !body.is_empty() && check.len() == 1 && check.bytes().all(|b| b.is_ascii_digit())
    });
    if is_loinc {
        Some("http://loinc.org")
    } else if !code.is_empty() && code.len() <= 4 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Some("http://terminology.hl7.org/CodeSystem/v2-0074")
    } else {
        None
    }
}

async fn render_reports(db: &Db, rows: Vec<DiagnosticReport>) -> anyhow::Result<Vec<Value>> {
    let ids = ids(&rows);
    let mut results =
        super::children(db, "report_id", &ids, |r: &DiagnosticReportResult| &r.report_id).await?;
    Ok(rows
        .iter()
        .map(|r| {
            let results: Vec<Value> = results
                .remove(r.id())
                .unwrap_or_default()
                .iter()
                .map(|result| reference(ResourceType::Observation, Some(&result.observation_id)))
                .collect();
            let presented = r.presented_text.as_ref().map(|text| {
                json!({
                    "contentType": "text/plain; charset=utf-8",
                    "data": base64::engine::general_purpose::STANDARD.encode(text.as_bytes()),
                })
            });
            resource(
                ResourceType::DiagnosticReport,
                &r.id,
                &r.updated_at,
                json!({
                    "status": r.status,
                    "category": [r.category.as_deref().map(|c| json!({"coding": [coding(report_category_system(c), Some(c), None)]}))],
                    "code": concept(r.code_system.as_deref(), r.code.as_deref(), r.code_display.as_deref()),
                    "subject": reference(ResourceType::Patient, Some(&r.patient_id)),
                    "encounter": reference(ResourceType::Encounter, r.encounter_id.as_deref()),
                    "effectiveDateTime": r.effective.as_ref().or(r.effective_at.as_ref()),
                    "issued": r.issued_at,
                    "performer": [reference(ResourceType::Practitioner, r.performer_id.as_deref())],
                    "result": results,
                    "conclusion": r.conclusion,
                    "presentedForm": [presented],
                }),
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_categories_get_the_system_their_shape_names() {
        assert_eq!(report_category_system("LAB"), Some("http://terminology.hl7.org/CodeSystem/v2-0074"));
        assert_eq!(report_category_system("LP29684-5"), Some("http://loinc.org"));
        assert_eq!(report_category_system("34117-2"), Some("http://loinc.org"));
        assert_eq!(report_category_system("cardiology"), None);
    }
}
