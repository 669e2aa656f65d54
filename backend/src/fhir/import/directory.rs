//! Parsers for the resources other records point at: Organization, Location, Practitioner,
//! PractitionerRole and Patient (with its contacts), and the identifiers that conditional
//! references find them by.

use serde_json::Value;

use super::bundle::Entry;
use super::json::{self, address, concept, first, flag, home_address, human_name, items, telecom, text};
use super::parse::{Parse, seq};
use crate::records::{
    Identifier, Location, Organization, Patient, PatientContact, Practitioner, PractitionerRole,
};

const SSN_SYSTEM: &str = "http://hl7.org/fhir/sid/us-ssn";
/// v2-0203 identifier types for social security, driver's licence and passport numbers.
const NATIONAL_ID_TYPES: &[&str] = &["SS", "DL", "PPN"];
const US_CORE_RACE: &str = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";
const US_CORE_ETHNICITY: &str = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity";

/// Whether an identifier is a national id. Data minimisation: a portal never needs a social
/// security, driver's licence or passport number, and each copy kept is one more to leak, so they
/// are dropped on import and never reach the database.
pub fn is_national_id(system: &str, identifier_type: Option<&Value>) -> bool {
    system == SSN_SYSTEM
        || identifier_type.is_some_and(|t| NATIONAL_ID_TYPES.iter().any(|code| json::has_code(t, code)))
}

impl Parse<'_> {
    pub(super) fn organization(&mut self, e: &Entry, id: String) -> Result<(), String> {
        let r = &e.resource;
        let kind = concept(first(r, "type"));
        let address = home_address(r);
        let row = Organization {
            id: id.clone(),
            source: self.source.to_owned(),
            source_id: Some(e.source_id.clone()),
            is_stub: 0,
            active: flag(json::boolean(r, "active", "active")?.unwrap_or(true)),
            name: text(r, "name"),
            type_code: kind.code,
            type_display: kind.display,
            phone: telecom(r, "phone"),
            email: telecom(r, "email"),
            address_line: address.line,
            city: address.city,
            state: address.state,
            postal_code: address.postal_code,
            country: address.country,
            part_of_id: self.refs.optional(r.get("partOf"), "Organization", "partOf")?,
            updated_at: self.now.to_owned(),
        };
        self.identifiers(e, &id);
        self.rows.organizations.put(id, row);
        Ok(())
    }

    pub(super) fn location(&mut self, e: &Entry, id: String) -> Result<(), String> {
        let r = &e.resource;
        let address = address(r.get("address"));
        let position = r.get("position");
        let coordinate = |key: &str| match position {
            Some(p) => json::number(p, key, &format!("position.{key}")),
            None => Ok(None),
        };
        let row = Location {
            id: id.clone(),
            source: self.source.to_owned(),
            source_id: Some(e.source_id.clone()),
            is_stub: 0,
            status: text(r, "status"),
            name: text(r, "name"),
            description: text(r, "description"),
            phone: telecom(r, "phone"),
            address_line: address.line,
            city: address.city,
            state: address.state,
            postal_code: address.postal_code,
            country: address.country,
            latitude: coordinate("latitude")?,
            longitude: coordinate("longitude")?,
            managing_organization_id: self.refs.optional(
                r.get("managingOrganization"),
                "Organization",
                "managingOrganization",
            )?,
            updated_at: self.now.to_owned(),
        };
        self.identifiers(e, &id);
        self.rows.locations.put(id, row);
        Ok(())
    }

    pub(super) fn practitioner(&mut self, e: &Entry, id: String) -> Result<(), String> {
        let r = &e.resource;
        let name = human_name(items(r, "name"));
        let row = Practitioner {
            id: id.clone(),
            source: self.source.to_owned(),
            source_id: Some(e.source_id.clone()),
            is_stub: 0,
            active: flag(json::boolean(r, "active", "active")?.unwrap_or(true)),
            prefix: name.prefix,
            given: name.given,
            family: name.family,
            suffix: name.suffix,
            gender: text(r, "gender"),
            phone: telecom(r, "phone"),
            email: telecom(r, "email"),
            updated_at: self.now.to_owned(),
        };
        self.identifiers(e, &id);
        self.rows.practitioners.put(id, row);
        Ok(())
    }

    pub(super) fn practitioner_role(&mut self, e: &Entry, id: String) -> Result<(), String> {
        let r = &e.resource;
        let role = concept(first(r, "code"));
        let specialty = concept(first(r, "specialty"));
        let row = PractitionerRole {
            id: id.clone(),
            source: self.source.to_owned(),
            source_id: Some(e.source_id.clone()),
            active: flag(json::boolean(r, "active", "active")?.unwrap_or(true)),
            practitioner_id: self.refs.optional(r.get("practitioner"), "Practitioner", "practitioner")?,
            organization_id: self.refs.optional(r.get("organization"), "Organization", "organization")?,
            location_id: self.refs.first_of(items(r, "location"), "Location", "location")?,
            role_system: role.system,
            role_code: role.code,
            role_display: role.display,
            specialty_system: specialty.system,
            specialty_code: specialty.code,
            specialty_display: specialty.display,
            phone: telecom(r, "phone"),
            email: telecom(r, "email"),
            updated_at: self.now.to_owned(),
        };
        self.rows.practitioner_roles.put(id, row);
        Ok(())
    }

    pub(super) fn patient(&mut self, e: &Entry, id: String) -> Result<(), String> {
        let r = &e.resource;
        let name = human_name(items(r, "name"));
        let address = home_address(r);
        let birth_date = json::date_text(r, "birthDate")?;
        let marital = r.get("maritalStatus");
        let row = Patient {
            id: id.clone(),
            source: self.source.to_owned(),
            source_id: Some(e.source_id.clone()),
            is_stub: 0,
            active: flag(json::boolean(r, "active", "active")?.unwrap_or(true)),
            prefix: name.prefix,
            given: name.given,
            family: name.family,
            suffix: name.suffix,
            birth_date,
            gender: text(r, "gender"),
            deceased_at: json::instant(r, "deceasedDateTime")?,
            marital_status: marital.and_then(|m| text(m, "text")).or_else(|| json::concept_code(marital)),
            language: preferred_language(r),
            phone: telecom(r, "phone"),
            email: telecom(r, "email"),
            address_line: address.line,
            city: address.city,
            state: address.state,
            postal_code: address.postal_code,
            country: address.country,
            race: us_core_text(r, US_CORE_RACE),
            ethnicity: us_core_text(r, US_CORE_ETHNICITY),
            general_practitioner_id: self.refs.first_of(
                items(r, "generalPractitioner"),
                "Practitioner",
                "generalPractitioner",
            )?,
            managing_organization_id: self.refs.optional(
                r.get("managingOrganization"),
                "Organization",
                "managingOrganization",
            )?,
            updated_at: self.now.to_owned(),
        };
        let contacts = items(r, "contact").iter().enumerate().map(|(i, c)| contact(&id, i, c)).collect();
        self.rows.patient_contacts.put(id.clone(), contacts);
        self.identifiers(e, &id);
        self.rows.patients.put(id, row);
        Ok(())
    }

    /// The identifiers of a directory resource, national ids left out.
    fn identifiers(&mut self, e: &Entry, id: &str) {
        let mut rows: Vec<Identifier> = Vec::new();
        for i in items(&e.resource, "identifier") {
            let (Some(system), Some(value)) = (text(i, "system"), text(i, "value")) else { continue };
            if system.is_empty() || value.is_empty() || is_national_id(&system, i.get("type")) {
                continue;
            }
            if rows.iter().any(|r| r.system == system && r.value == value) {
                continue;
            }
            let kind = i.get("type");
            rows.push(Identifier {
                resource_type: e.resource_type.clone(),
                resource_id: id.to_owned(),
                system,
                value,
                type_code: json::concept(kind).code,
                type_text: json::concept_label(kind),
                sealed_value: None,
            });
        }
        self.rows.identifiers.put(id.to_owned(), rows);
    }
}

fn contact(patient_id: &str, i: usize, c: &Value) -> PatientContact {
    let relationship = concept(first(c, "relationship"));
    let name = c.get("name").map(|n| human_name(std::slice::from_ref(n))).unwrap_or_default();
    let address = address(c.get("address"));
    PatientContact {
        patient_id: patient_id.to_owned(),
        seq: seq(i),
        relationship_code: relationship.code,
        relationship_display: relationship.display,
        given: name.given,
        family: name.family,
        phone: telecom(c, "phone"),
        email: telecom(c, "email"),
        address_line: address.line,
        city: address.city,
        state: address.state,
        postal_code: address.postal_code,
        country: address.country,
    }
}

/// The primary language subtag (`es-MX` → `es`) of the preferred communication language, else
/// of the first one listed.
fn preferred_language(r: &Value) -> Option<String> {
    let all = items(r, "communication");
    let preferred = all.iter().find(|c| c.get("preferred").and_then(Value::as_bool) == Some(true));
    let language = preferred.or_else(|| all.first())?.get("language")?;
    let code = first(language, "coding").and_then(|c| text(c, "code"))?;
    code.split(['-', '_']).next().filter(|s| !s.is_empty()).map(str::to_ascii_lowercase)
}

/// The `text` part of a US Core race or ethnicity extension.
fn us_core_text(r: &Value, url: &str) -> Option<String> {
    let extension =
        items(r, "extension").iter().find(|x| x.get("url").and_then(Value::as_str) == Some(url))?;
    items(extension, "extension")
        .iter()
        .find(|x| x.get("url").and_then(Value::as_str) == Some("text"))
        .and_then(|x| text(x, "valueString"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn national_ids_are_recognised_by_system_or_by_type() {
        assert!(is_national_id(SSN_SYSTEM, None));
        let licence =
            json!({"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "DL"}]});
        assert!(is_national_id("urn:oid:2.16.840.1.113883.4.3.25", Some(&licence)));
        let mrn = json!({"coding": [{"code": "MR"}]});
        assert!(!is_national_id("http://hospital.smarthealthit.org", Some(&mrn)));
    }

    #[test]
    fn the_preferred_language_is_cut_to_its_primary_subtag() {
        let r = json!({"communication": [
            {"language": {"coding": [{"code": "en-US"}]}},
            {"language": {"coding": [{"code": "es-MX"}]}, "preferred": true}
        ]});
        assert_eq!(preferred_language(&r).as_deref(), Some("es"));
        let only = json!({"communication": [{"language": {"coding": [{"code": "en-US"}]}}]});
        assert_eq!(preferred_language(&only).as_deref(), Some("en"));
    }

    #[test]
    fn race_and_ethnicity_come_from_the_us_core_text_part() {
        let r = json!({"extension": [{"url": US_CORE_RACE, "extension": [
            {"url": "ombCategory", "valueCoding": {"code": "2106-3"}},
            {"url": "text", "valueString": "White"}
        ]}]});
        assert_eq!(us_core_text(&r, US_CORE_RACE).as_deref(), Some("White"));
        assert_eq!(us_core_text(&r, US_CORE_ETHNICITY), None);
    }
}
