//! Parsers for what happened to a patient: Encounter, Observation (with components),
//! DiagnosticReport (with its results), Condition, AllergyIntolerance (with reactions),
//! MedicationRequest and Immunization.

use serde_json::Value;

use super::bundle::Entry;
use super::json::{
    self, Coding, concept, concept_code, concept_label, first, flag, items, notes, required, text,
};
use super::parse::{Parse, seq, split, timing};
use super::reference::{self, Reference};
use crate::records::{
    Allergy, AllergyReaction, Condition, DiagnosticReport, DiagnosticReportResult, Encounter, Immunization,
    MedicationRequest, Observation, ObservationComponent,
};

const UCUM: &str = "http://unitsofmeasure.org";

impl Parse<'_> {
    pub(super) fn encounter(&mut self, e: &Entry, id: String) -> Result<(), String> {
        let r = &e.resource;
        let status = required(r, "status")?;
        let patient_id = self.refs.required(r.get("subject"), "Patient", "subject")?;
        // R4's class is a Coding; R5 made it a list of CodeableConcepts. Either reads.
        let class_code = first(r, "class").and_then(|c| text(c, "code").or_else(|| concept_code(Some(c))));
        let kind = concept(first(r, "type"));
        let reason = concept(first(r, "reasonCode"));
        let individuals = items(r, "participant").iter().filter_map(|p| p.get("individual"));
        let practitioner_id = self.refs.first_of(individuals, "Practitioner", "participant")?;
        let locations = items(r, "location").iter().filter_map(|l| l.get("location"));
        let location_id = self.refs.first_of(locations, "Location", "location")?;
        let organization_id =
            self.refs.optional(r.get("serviceProvider"), "Organization", "serviceProvider")?;
        let (start, end) = json::period(r, "period")?;
        let (period_start, start_at) = split(start);
        let (period_end, end_at) = split(end);
        let confidential = json::confidential(
            r,
            &[
                (kind.system.as_deref(), kind.code.as_deref()),
                (reason.system.as_deref(), reason.code.as_deref()),
            ],
        );
        let row = Encounter {
            id: id.clone(),
            source: self.source.to_owned(),
            source_id: Some(e.source_id.clone()),
            patient_id,
            status,
            class_code,
            type_system: kind.system,
            type_code: kind.code,
            type_display: kind.display,
            reason_system: reason.system,
            reason_code: reason.code,
            reason_display: reason.display,
            practitioner_id,
            location_id,
            organization_id,
            period_start,
            period_end,
            start_at,
            end_at,
            after_visit_summary: None,
            // Filled from the visit's clinical-note document, if the bundle has one.
            note: None,
            updated_at: self.now.to_owned(),
            confidential,
        };
        self.rows.encounters.put(id, row);
        Ok(())
    }

    pub(super) fn observation(&mut self, e: &Entry, id: String) -> Result<(), String> {
        let r = &e.resource;
        let status = required(r, "status")?;
        let patient_id = self.refs.required(r.get("subject"), "Patient", "subject")?;
        let encounter_id = self.refs.optional(r.get("encounter"), "Encounter", "encounter")?;
        let code = concept(r.get("code"));
        let value = Measured::read(r)?;
        let range = Range::read(first(r, "referenceRange"))?;
        let (effective, effective_at) = timing(r, "effective")?;
        let components = items(r, "component")
            .iter()
            .enumerate()
            .map(|(i, c)| component(&id, i, c))
            .collect::<Result<Vec<_>, String>>()?;
        let confidential = json::confidential(r, &[(code.system.as_deref(), code.code.as_deref())]);
        let row = Observation {
            id: id.clone(),
            source: self.source.to_owned(),
            source_id: Some(e.source_id.clone()),
            patient_id,
            encounter_id,
            status,
            category: first(r, "category").and_then(|c| concept(Some(c)).code),
            code_system: code.system,
            code: code.code,
            code_display: code.display,
            value_type: value.value_type.to_owned(),
            value_num: value.num,
            value_comparator: value.comparator,
            value_unit: value.unit,
            value_ucum: value.ucum,
            value_text: value.text,
            value_code_system: value.code_system,
            value_code: value.code,
            data_absent_reason: concept_code(r.get("dataAbsentReason")),
            ref_low: range.low,
            ref_high: range.high,
            ref_unit: range.unit,
            ref_text: range.text,
            interpretation: concept_code(first(r, "interpretation")),
            effective,
            effective_at,
            issued_at: json::instant(r, "issued")?,
            performer_id: self.refs.first_of(items(r, "performer"), "Practitioner", "performer")?,
            note: notes(r),
            updated_at: self.now.to_owned(),
            confidential,
        };
        self.rows.observation_components.put(id.clone(), components);
        self.rows.observations.put(id, row);
        Ok(())
    }

    pub(super) fn diagnostic_report(&mut self, e: &Entry, id: String) -> Result<(), String> {
        let r = &e.resource;
        let status = required(r, "status")?;
        let patient_id = self.refs.required(r.get("subject"), "Patient", "subject")?;
        let encounter_id = self.refs.optional(r.get("encounter"), "Encounter", "encounter")?;
        let code = concept(r.get("code"));
        let (effective, effective_at) = timing(r, "effective")?;
        let mut presented_text = None;
        for (i, form) in items(r, "presentedForm").iter().enumerate() {
            let data = json::attachment_data(form, &format!("presentedForm[{i}]"))?;
            if presented_text.is_none() && json::is_plain_text(form) {
                presented_text = data.map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        let mut results = Vec::new();
        for result in items(r, "result") {
            if let Some(observation_id) = self.refs.optional(Some(result), "Observation", "result")? {
                results.push(DiagnosticReportResult {
                    report_id: id.clone(),
                    seq: seq(results.len()),
                    observation_id,
                });
            }
        }
        let confidential = json::confidential(r, &[(code.system.as_deref(), code.code.as_deref())]);
        let row = DiagnosticReport {
            id: id.clone(),
            source: self.source.to_owned(),
            source_id: Some(e.source_id.clone()),
            patient_id,
            encounter_id,
            status,
            category: first(r, "category").and_then(|c| concept(Some(c)).code),
            code_system: code.system,
            code: code.code,
            code_display: code.display,
            effective,
            effective_at,
            issued_at: json::instant(r, "issued")?,
            performer_id: self.refs.first_of(items(r, "performer"), "Practitioner", "performer")?,
            conclusion: text(r, "conclusion"),
            presented_text,
            updated_at: self.now.to_owned(),
            confidential,
        };
        self.rows.diagnostic_report_results.put(id.clone(), results);
        self.rows.diagnostic_reports.put(id, row);
        Ok(())
    }

    pub(super) fn condition(&mut self, e: &Entry, id: String) -> Result<(), String> {
        let r = &e.resource;
        let patient_id = self.refs.required(r.get("subject"), "Patient", "subject")?;
        let encounter_id = self.refs.optional(r.get("encounter"), "Encounter", "encounter")?;
        let code = concept(r.get("code"));
        let (onset, onset_at) = timing(r, "onset")?;
        let confidential = json::confidential(r, &[(code.system.as_deref(), code.code.as_deref())]);
        let row = Condition {
            id: id.clone(),
            source: self.source.to_owned(),
            source_id: Some(e.source_id.clone()),
            patient_id,
            encounter_id,
            clinical_status: concept_code(r.get("clinicalStatus")),
            verification_status: concept_code(r.get("verificationStatus")),
            category: first(r, "category").and_then(|c| concept(Some(c)).code),
            severity: concept_label(r.get("severity")),
            code_system: code.system,
            code: code.code,
            code_display: code.display,
            onset,
            onset_at,
            abatement: timing(r, "abatement")?.0,
            recorded_date: json::date_text(r, "recordedDate")?,
            note: notes(r),
            updated_at: self.now.to_owned(),
            confidential,
        };
        self.rows.conditions.put(id, row);
        Ok(())
    }

    pub(super) fn allergy(&mut self, e: &Entry, id: String) -> Result<(), String> {
        let r = &e.resource;
        let patient_id = self.refs.required(r.get("patient"), "Patient", "patient")?;
        let encounter_id = self.refs.optional(r.get("encounter"), "Encounter", "encounter")?;
        let code = concept(r.get("code"));
        let reactions = items(r, "reaction")
            .iter()
            .enumerate()
            .map(|(i, reaction)| allergy_reaction(&id, i, reaction))
            .collect::<Result<Vec<_>, String>>()?;
        let row = Allergy {
            id: id.clone(),
            source: self.source.to_owned(),
            source_id: Some(e.source_id.clone()),
            patient_id,
            encounter_id,
            clinical_status: concept_code(r.get("clinicalStatus")),
            verification_status: concept_code(r.get("verificationStatus")),
            allergy_type: text(r, "type"),
            category: first(r, "category").and_then(Value::as_str).map(str::to_owned),
            criticality: text(r, "criticality"),
            code_system: code.system,
            code: code.code,
            code_display: code.display,
            onset: timing(r, "onset")?.0,
            recorded_date: json::date_text(r, "recordedDate")?,
            last_occurrence: json::date_text(r, "lastOccurrence")?,
            note: notes(r),
            updated_at: self.now.to_owned(),
        };
        self.rows.allergy_reactions.put(id.clone(), reactions);
        self.rows.allergies.put(id, row);
        Ok(())
    }

    pub(super) fn medication_request(&mut self, e: &Entry, id: String) -> Result<(), String> {
        let r = &e.resource;
        let status = required(r, "status")?;
        let intent = required(r, "intent")?;
        let patient_id = self.refs.required(r.get("subject"), "Patient", "subject")?;
        let encounter_id = self.refs.optional(r.get("encounter"), "Encounter", "encounter")?;
        let medication = self.medication(r)?;
        let dosage = first(r, "dosageInstruction");
        let (authored_on, authored_at) = split(json::when(r, "authoredOn")?);
        let reason = concept(first(r, "reasonCode"));
        let dispense = r.get("dispenseRequest").unwrap_or(&Value::Null);
        let refills_allowed =
            json::integer(dispense, "numberOfRepeatsAllowed", "dispenseRequest.numberOfRepeatsAllowed")?;
        let quantity = dispense.get("quantity").unwrap_or(&Value::Null);
        let confidential = json::confidential(
            r,
            &[
                (medication.system.as_deref(), medication.code.as_deref()),
                (reason.system.as_deref(), reason.code.as_deref()),
            ],
        );
        let row = MedicationRequest {
            id: id.clone(),
            source: self.source.to_owned(),
            source_id: Some(e.source_id.clone()),
            patient_id,
            encounter_id,
            status,
            intent,
            medication_system: medication.system,
            medication_code: medication.code,
            medication_display: medication.display,
            dosage_text: dosage.and_then(|d| text(d, "text")),
            patient_instruction: dosage.and_then(|d| text(d, "patientInstruction")),
            authored_on,
            authored_at,
            requester_id: self.refs.optional(r.get("requester"), "Practitioner", "requester")?,
            reason_system: reason.system,
            reason_code: reason.code,
            reason_display: reason.display,
            refills_allowed,
            // Counted down by the portal as refills are used; the writer keeps a count already
            // started rather than resetting it on a re-import.
            refills_remaining: refills_allowed,
            quantity: json::number(quantity, "value", "dispenseRequest.quantity.value")?,
            quantity_unit: text(quantity, "unit").or_else(|| text(quantity, "code")),
            days_supply: days(dispense.get("expectedSupplyDuration"))?,
            validity_end: match dispense.get("validityPeriod") {
                Some(p) => {
                    json::date_text(p, "end").map_err(|e| format!("dispenseRequest.validityPeriod.{e}"))?
                }
                None => None,
            },
            pharmacy_id: self.refs.optional(
                dispense.get("performer"),
                "Organization",
                "dispenseRequest.performer",
            )?,
            note: notes(r),
            updated_at: self.now.to_owned(),
            confidential,
        };
        self.rows.medication_requests.put(id, row);
        Ok(())
    }

    /// The medication of a request: its own `CodeableConcept`, else the code of the Medication it
    /// refers to (contained or in the bundle; the record does not keep Medication resources).
    fn medication(&mut self, r: &Value) -> Result<Coding, String> {
        if let Some(c) = r.get("medicationCodeableConcept") {
            return Ok(concept(Some(c)));
        }
        let Some(field) = r.get("medicationReference") else { return Ok(Coding::default()) };
        let display = text(field, "display");
        let target = match reference::parse(field) {
            None => return Ok(Coding { display, ..Coding::default() }),
            Some(Reference::Contained(id)) => items(r, "contained")
                .iter()
                .find(|c| c.get("id").and_then(Value::as_str) == Some(id.as_str())),
            Some(_) => self.refs.bundle_resource(field)?,
        };
        let is_medication = |m: &&Value| m.get("resourceType").and_then(Value::as_str) == Some("Medication");
        if let Some(medication) = target.filter(is_medication) {
            let mut code = concept(medication.get("code"));
            code.display = code.display.or(display);
            return Ok(code);
        }
        let what = reference::parse(field).map(|r| r.to_string()).unwrap_or_default();
        self.refs.warn(format!(
            "medicationReference: {what} is not a Medication of this bundle; only its display kept"
        ));
        Ok(Coding { display, ..Coding::default() })
    }

    pub(super) fn immunization(&mut self, e: &Entry, id: String) -> Result<(), String> {
        let r = &e.resource;
        let status = required(r, "status")?;
        let patient_id = self.refs.required(r.get("patient"), "Patient", "patient")?;
        let encounter_id = self.refs.optional(r.get("encounter"), "Encounter", "encounter")?;
        let vaccine = concept(r.get("vaccineCode"));
        let (occurrence, occurrence_at) = timing(r, "occurrence")?;
        let dose = r.get("doseQuantity").unwrap_or(&Value::Null);
        let actors = items(r, "performer").iter().filter_map(|p| p.get("actor"));
        let row = Immunization {
            id: id.clone(),
            source: self.source.to_owned(),
            source_id: Some(e.source_id.clone()),
            patient_id,
            encounter_id,
            status,
            vaccine_system: vaccine.system,
            vaccine_code: vaccine.code,
            vaccine_display: vaccine.display,
            occurrence,
            occurrence_at,
            primary_source: json::boolean(r, "primarySource", "primarySource")?.map(flag),
            lot_number: text(r, "lotNumber"),
            expiration_date: json::date_text(r, "expirationDate")?,
            site: concept_label(r.get("site")),
            route: concept_label(r.get("route")),
            dose_quantity: json::number(dose, "value", "doseQuantity.value")?,
            dose_unit: text(dose, "unit").or_else(|| text(dose, "code")),
            performer_id: self.refs.first_of(actors, "Practitioner", "performer")?,
            location_id: self.refs.optional(r.get("location"), "Location", "location")?,
            note: notes(r),
            updated_at: self.now.to_owned(),
        };
        self.rows.immunizations.put(id, row);
        Ok(())
    }
}

/// One `value[x]` in the record's columns.
#[derive(Debug, Default, PartialEq)]
struct Measured {
    /// quantity, codeable, string, boolean, integer or none.
    value_type: &'static str,
    num: Option<f64>,
    comparator: Option<String>,
    unit: Option<String>,
    ucum: Option<String>,
    text: Option<String>,
    code_system: Option<String>,
    code: Option<String>,
}

impl Measured {
    /// The `value[x]` of an observation or component. Kinds without a column of their own
    /// (Range, Ratio, Period, dateTime, time) are kept as text so the reader still sees them.
    fn read(v: &Value) -> Result<Self, String> {
        if let Some(q) = v.get("valueQuantity") {
            let ucum = (text(q, "system").as_deref() == Some(UCUM)).then(|| text(q, "code")).flatten();
            return Ok(Self {
                value_type: "quantity",
                num: json::number(q, "value", "valueQuantity.value")?,
                comparator: text(q, "comparator"),
                unit: text(q, "unit").or_else(|| text(q, "code")),
                ucum,
                ..Self::default()
            });
        }
        if let Some(c) = v.get("valueCodeableConcept") {
            let code = concept(Some(c));
            return Ok(Self {
                value_type: "codeable",
                text: concept_label(Some(c)),
                code_system: code.system,
                code: code.code,
                ..Self::default()
            });
        }
        if let Some(b) = json::boolean(v, "valueBoolean", "valueBoolean")? {
            return Ok(Self { value_type: "boolean", text: Some(b.to_string()), ..Self::default() });
        }
        if let Some(n) = json::integer(v, "valueInteger", "valueInteger")? {
            let n =
                i32::try_from(n).map_err(|_| format!("valueInteger {n} is beyond FHIR's 32-bit integer"))?;
            return Ok(Self { value_type: "integer", num: Some(f64::from(n)), ..Self::default() });
        }
        let as_text = |text: String| Self { value_type: "string", text: Some(text), ..Self::default() };
        for key in ["valueString", "valueDateTime", "valueTime"] {
            if let Some(s) = text(v, key) {
                return Ok(as_text(s));
            }
        }
        if let Some(range) = v.get("valueRange") {
            let low = quantity_text(range.get("low"), "valueRange.low")?;
            let high = quantity_text(range.get("high"), "valueRange.high")?;
            return Ok(as_text(format!("{}–{}", low.unwrap_or_default(), high.unwrap_or_default())));
        }
        if let Some(ratio) = v.get("valueRatio") {
            let numerator = quantity_text(ratio.get("numerator"), "valueRatio.numerator")?;
            let denominator = quantity_text(ratio.get("denominator"), "valueRatio.denominator")?;
            return Ok(as_text(format!(
                "{}/{}",
                numerator.unwrap_or_default(),
                denominator.unwrap_or_default()
            )));
        }
        if let Some(period) = v.get("valuePeriod") {
            let (start, end) =
                (text(period, "start").unwrap_or_default(), text(period, "end").unwrap_or_default());
            return Ok(as_text(format!("{start}–{end}")));
        }
        Ok(Self { value_type: "none", ..Self::default() })
    }
}

/// A Quantity as `value unit` text, its value checked.
fn quantity_text(q: Option<&Value>, what: &str) -> Result<Option<String>, String> {
    let Some(q) = q else { return Ok(None) };
    let value = json::number(q, "value", &format!("{what}.value"))?;
    let unit = text(q, "unit").or_else(|| text(q, "code"));
    Ok(value.map(|v| match unit {
        Some(unit) => format!("{v} {unit}"),
        None => v.to_string(),
    }))
}

/// The first reference range, in the record's columns.
#[derive(Debug, Default)]
struct Range {
    low: Option<f64>,
    high: Option<f64>,
    unit: Option<String>,
    text: Option<String>,
}

impl Range {
    fn read(range: Option<&Value>) -> Result<Self, String> {
        let Some(range) = range else { return Ok(Self::default()) };
        let (low, high) = (range.get("low"), range.get("high"));
        let value = |q: Option<&Value>, what: &str| match q {
            Some(q) => json::number(q, "value", what),
            None => Ok(None),
        };
        Ok(Self {
            low: value(low, "referenceRange.low.value")?,
            high: value(high, "referenceRange.high.value")?,
            unit: low.or(high).and_then(|q| text(q, "unit").or_else(|| text(q, "code"))),
            text: text(range, "text"),
        })
    }
}

fn component(observation_id: &str, i: usize, c: &Value) -> Result<ObservationComponent, String> {
    let at = |e: String| format!("component[{i}].{e}");
    let code = concept(c.get("code"));
    let value = Measured::read(c).map_err(at)?;
    let range = Range::read(first(c, "referenceRange")).map_err(at)?;
    Ok(ObservationComponent {
        observation_id: observation_id.to_owned(),
        seq: seq(i),
        code_system: code.system,
        code: code.code,
        code_display: code.display,
        value_type: value.value_type.to_owned(),
        value_num: value.num,
        value_unit: value.unit,
        value_ucum: value.ucum,
        value_text: value.text,
        value_code_system: value.code_system,
        value_code: value.code,
        ref_low: range.low,
        ref_high: range.high,
        interpretation: concept_code(first(c, "interpretation")),
    })
}

fn allergy_reaction(allergy_id: &str, i: usize, reaction: &Value) -> Result<AllergyReaction, String> {
    let substance = concept(reaction.get("substance"));
    let manifestation = concept(first(reaction, "manifestation"));
    Ok(AllergyReaction {
        allergy_id: allergy_id.to_owned(),
        seq: seq(i),
        substance_code: substance.code,
        substance_display: substance.display,
        manifestation_system: manifestation.system,
        manifestation_code: manifestation.code,
        manifestation_display: manifestation.display,
        severity: text(reaction, "severity"),
        description: text(reaction, "description"),
        onset: json::date_text(reaction, "onset").map_err(|e| format!("reaction[{i}].{e}"))?,
    })
}

/// A supply Duration in whole days (UCUM `d`, `wk`, `mo`, `a`, `h`, or those words).
fn days(duration: Option<&Value>) -> Result<Option<i64>, String> {
    let Some(duration) = duration else { return Ok(None) };
    let Some(value) = json::number(duration, "value", "dispenseRequest.expectedSupplyDuration.value")? else {
        return Ok(None);
    };
    let unit = text(duration, "code").or_else(|| text(duration, "unit")).unwrap_or_else(|| "d".to_owned());
    let per_unit = match unit.trim_end_matches('s') {
        "d" | "day" => 1.0,
        "wk" | "week" => 7.0,
        "mo" | "month" => 30.0,
        "a" | "year" => 365.0,
        "h" | "hour" => 1.0 / 24.0,
        // A unit we cannot turn into days leaves the column empty rather than refusing the
        // prescription over a supply estimate.
        _ => return Ok(None),
    };
    let days = (value * per_unit).round();
    if !(0.0..=100_000.0).contains(&days) {
        return Err(format!(
            "dispenseRequest.expectedSupplyDuration of {value} {unit} is not a supply length"
        ));
    }
    #[expect(clippy::cast_possible_truncation, reason = "checked above to be a small whole number")]
    Ok(Some(days as i64))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_quantity_value_keeps_number_unit_and_ucum_code() {
        let v = json!({"valueQuantity": {"value": 65.435, "unit": "kg", "system": UCUM, "code": "kg"}});
        let m = Measured::read(&v).unwrap();
        assert_eq!(
            (m.value_type, m.num, m.unit.as_deref(), m.ucum.as_deref()),
            ("quantity", Some(65.435), Some("kg"), Some("kg"))
        );
    }

    #[test]
    fn a_quantity_whose_value_is_not_a_number_is_refused() {
        let v = json!({"valueQuantity": {"value": "high", "unit": "kg"}});
        assert!(Measured::read(&v).unwrap_err().contains("valueQuantity.value is not a number"));
    }

    #[test]
    fn each_kind_of_value_gets_its_value_type() {
        let kinds = [
            (
                json!({"valueCodeableConcept": {"coding": [{"code": "159799AAAA"}], "text": "cough"}}),
                "codeable",
            ),
            (json!({"valueString": "clear"}), "string"),
            (json!({"valueBoolean": false}), "boolean"),
            (json!({"valueInteger": 3}), "integer"),
            (json!({"valueRange": {"low": {"value": 1}, "high": {"value": 2}}}), "string"),
            (json!({}), "none"),
        ];
        for (v, expected) in kinds {
            assert_eq!(Measured::read(&v).unwrap().value_type, expected, "{v}");
        }
        let coded = Measured::read(
            &json!({"valueCodeableConcept": {"coding": [{"code": "159799AAAA"}], "text": "cough"}}),
        )
        .unwrap();
        assert_eq!((coded.code.as_deref(), coded.text.as_deref()), (Some("159799AAAA"), Some("cough")));
    }

    #[test]
    fn supply_durations_become_whole_days() {
        assert_eq!(days(Some(&json!({"value": 30, "code": "d"}))).unwrap(), Some(30));
        assert_eq!(days(Some(&json!({"value": 2, "unit": "weeks"}))).unwrap(), Some(14));
        assert_eq!(days(Some(&json!({"value": 2, "code": "kg"}))).unwrap(), None);
        assert!(days(Some(&json!({"value": "30", "code": "d"}))).is_err());
    }

    #[test]
    fn a_reference_range_reads_low_high_unit_and_text() {
        let range = json!({"low": {"value": 4.0, "unit": "%"}, "high": {"value": 5.6, "unit": "%"}, "text": "normal"});
        let r = Range::read(Some(&range)).unwrap();
        assert_eq!(
            (r.low, r.high, r.unit.as_deref(), r.text.as_deref()),
            (Some(4.0), Some(5.6), Some("%"), Some("normal"))
        );
    }
}
