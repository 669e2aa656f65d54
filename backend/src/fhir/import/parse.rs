//! Turning one bundle's entries into rows: the dispatcher over resource types, and what every
//! resource parser shares. The parsers themselves live by kind in `directory`, `clinical` and
//! `care`; each maps one FHIR resource to its row(s) or says in plain words why it cannot.

use serde_json::Value;

use super::bundle::Entry;
use super::json::{self, When};
use super::resolve::Resolver;
use super::writer::Rows;

/// The parsing of one bundle.
pub struct Parse<'a> {
    pub source: &'a str,
    /// `updated_at` of every row written.
    pub now: &'a str,
    pub refs: Resolver<'a>,
    pub rows: Rows,
}

impl<'a> Parse<'a> {
    pub fn new(source: &'a str, now: &'a str, refs: Resolver<'a>) -> Self {
        Self { source, now, refs, rows: Rows::default() }
    }

    /// Adds the rows of one entry. Entries of types the record does not keep add nothing.
    pub fn entry(&mut self, e: &Entry) -> Result<(), String> {
        let Some(id) = e.row_id.clone() else { return Ok(()) };
        match e.resource_type.as_str() {
            "Organization" => self.organization(e, id),
            "Location" => self.location(e, id),
            "Practitioner" => self.practitioner(e, id),
            "PractitionerRole" => self.practitioner_role(e, id),
            "Patient" => self.patient(e, id),
            "Encounter" => self.encounter(e, id),
            "Observation" => self.observation(e, id),
            "DiagnosticReport" => self.diagnostic_report(e, id),
            "Condition" => self.condition(e, id),
            "AllergyIntolerance" => self.allergy(e, id),
            "MedicationRequest" => self.medication_request(e, id),
            "Immunization" => self.immunization(e, id),
            "DocumentReference" => self.document(e, id),
            "CarePlan" => self.care_plan(e, id),
            "Goal" => self.goal(e, id),
            "Coverage" => self.coverage(e, id),
            _ => Ok(()),
        }
    }

    /// The rows, and the stubs their references need.
    pub fn finish(self) -> Rows {
        let mut rows = self.rows;
        rows.stubs = self.refs.into_stubs();
        rows
    }
}

/// A date with its instant, split into the text and `*_at` columns.
pub fn split(when: Option<When>) -> (Option<String>, Option<String>) {
    when.map_or((None, None), |w| (Some(w.raw), Some(w.at)))
}

/// A `[x]` choice of time (`onset[x]`, `effective[x]`, `occurrence[x]`…) as text and instant:
/// a dateTime, instant or the start of a Period carries both, a string or an Age only text.
pub fn timing(v: &Value, prefix: &str) -> Result<(Option<String>, Option<String>), String> {
    for suffix in ["DateTime", "Instant", "Date"] {
        let key = format!("{prefix}{suffix}");
        if v.get(&key).is_some() {
            return Ok(split(json::when(v, &key)?));
        }
    }
    if v.get(format!("{prefix}Period")).is_some() {
        let (start, end) = json::period(v, &format!("{prefix}Period"))?;
        return Ok(split(start.or(end)));
    }
    if let Some(text) = json::text(v, &format!("{prefix}String")) {
        return Ok((Some(text), None));
    }
    if let Some(age) = v.get(format!("{prefix}Age")) {
        let value = json::number(age, "value", &format!("{prefix}Age.value"))?;
        let unit = json::text(age, "unit").or_else(|| json::text(age, "code")).unwrap_or_default();
        return Ok((value.map(|n| format!("{n} {unit}").trim_end().to_owned()), None));
    }
    Ok((None, None))
}

/// A list position as the `seq` column.
pub fn seq(i: usize) -> i64 {
    i64::try_from(i).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_choice_of_time_keeps_the_text_and_the_instant_it_starts_at() {
        let v = json!({"onsetDateTime": "2019-05-01T10:00:00-05:00"});
        assert_eq!(
            timing(&v, "onset").unwrap(),
            (Some("2019-05-01T10:00:00-05:00".into()), Some("2019-05-01T15:00:00Z".into()))
        );
        let period = json!({"effectivePeriod": {"start": "2020-02"}});
        assert_eq!(
            timing(&period, "effective").unwrap(),
            (Some("2020-02".into()), Some("2020-02-01T00:00:00Z".into()))
        );
        let age = json!({"onsetAge": {"value": 52, "unit": "years"}});
        assert_eq!(timing(&age, "onset").unwrap(), (Some("52 years".into()), None));
        assert!(timing(&json!({"onsetDateTime": "last week"}), "onset").unwrap_err().contains("last week"));
    }
}
