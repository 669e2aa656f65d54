//! The forms a FHIR Reference comes in, parsed without looking anything up: `urn:uuid:` (an
//! entry of the same bundle), `Type/id` or an absolute URL ending in one, a conditional
//! `Type?identifier=system|value`, a logical `{ "identifier": { … } }`, and `#id` (contained).

use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// `urn:uuid:…`: the entry of the same bundle whose fullUrl it is.
    Uuid(String),
    /// `Type/id`, or an absolute URL ending in one (`https://ehr/fhir/Type/id/_history/2`);
    /// `url` is the text as written, for matching a fullUrl.
    Literal { resource_type: String, id: String, url: String },
    /// `Type?identifier=system|value` or a logical reference by identifier.
    Identifier { resource_type: Option<String>, system: Option<String>, value: String },
    /// `#id`: a resource contained in the one that refers to it.
    Contained(String),
    /// A form we cannot follow (another search, an OID, nonsense), kept for the message.
    Unsupported(String),
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Uuid(url) | Self::Unsupported(url) => f.write_str(url),
            Self::Literal { resource_type, id, .. } => write!(f, "{resource_type}/{id}"),
            Self::Identifier { resource_type, system, value } => {
                let system = system.as_deref().unwrap_or("");
                match resource_type {
                    Some(t) => write!(f, "{t}?identifier={system}|{value}"),
                    None => write!(f, "identifier {system}|{value}"),
                }
            }
            Self::Contained(id) => write!(f, "#{id}"),
        }
    }
}

/// Parses a Reference value. `None` when it points nowhere (only a `display`).
pub fn parse(field: &Value) -> Option<Reference> {
    let declared_type = field.get("type").and_then(Value::as_str).map(str::to_owned);
    if let Some(reference) = field.get("reference").and_then(Value::as_str) {
        let mut parsed = parse_str(reference);
        if let Reference::Identifier { resource_type, .. } = &mut parsed {
            *resource_type = resource_type.take().or(declared_type);
        }
        return Some(parsed);
    }
    let identifier = field.get("identifier")?;
    let value = identifier.get("value").and_then(Value::as_str)?;
    Some(Reference::Identifier {
        resource_type: declared_type,
        system: identifier.get("system").and_then(Value::as_str).map(str::to_owned),
        value: value.to_owned(),
    })
}

/// Parses the `reference` text of a Reference.
pub fn parse_str(reference: &str) -> Reference {
    let reference = reference.trim();
    if let Some(id) = reference.strip_prefix('#') {
        return Reference::Contained(id.to_owned());
    }
    if reference.starts_with("urn:uuid:") {
        return Reference::Uuid(reference.to_owned());
    }
    if let Some((resource_type, query)) = reference.split_once('?') {
        return conditional(resource_type, query)
            .unwrap_or_else(|| Reference::Unsupported(reference.to_owned()));
    }
    literal(reference).unwrap_or_else(|| Reference::Unsupported(reference.to_owned()))
}

/// `Type?identifier=system|value`; other searches are not followed, because only an identifier
/// names one resource.
fn conditional(resource_type: &str, query: &str) -> Option<Reference> {
    let resource_type = resource_type.rsplit('/').next().filter(|t| is_type_name(t))?;
    let token = percent_decode(query.strip_prefix("identifier=").filter(|t| !t.contains('&'))?);
    let (system, value) = match token.split_once('|') {
        Some((system, value)) => ((!system.is_empty()).then(|| system.to_owned()), value.to_owned()),
        None => (None, token.clone()),
    };
    (!value.is_empty()).then(|| Reference::Identifier {
        resource_type: Some(resource_type.to_owned()),
        system,
        value,
    })
}

/// `Type/id`, `Type/id/_history/v` or an absolute URL ending in either.
fn literal(reference: &str) -> Option<Reference> {
    let path = match reference.find("/_history/") {
        Some(at) => &reference[..at],
        None => reference,
    };
    let mut segments = path.rsplit('/');
    let id = segments.next().filter(|id| is_id(id))?;
    let resource_type = segments.next().filter(|t| is_type_name(t))?;
    Some(Reference::Literal {
        resource_type: resource_type.to_owned(),
        id: id.to_owned(),
        url: path.to_owned(),
    })
}

/// A resource type name: `Patient`, `MedicationRequest`.
fn is_type_name(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A FHIR id: letters, digits, `-` and `.`, up to 64 characters.
fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

/// Undoes URL escaping in a search value (`%7C` for `|` is common).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'?'));
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn literal(t: &str, id: &str, url: &str) -> Reference {
        Reference::Literal { resource_type: t.into(), id: id.into(), url: url.into() }
    }

    #[test]
    fn a_urn_uuid_names_an_entry_of_the_bundle() {
        assert_eq!(
            parse_str("urn:uuid:5ba60d91-b952-de1b-e35d-eea1ce8ea67c"),
            Reference::Uuid("urn:uuid:5ba60d91-b952-de1b-e35d-eea1ce8ea67c".into())
        );
    }

    #[test]
    fn relative_and_absolute_literal_references_give_type_and_id() {
        assert_eq!(parse_str("Patient/example"), literal("Patient", "example", "Patient/example"));
        assert_eq!(
            parse_str("http://ehr.example/fhir/Practitioner/f001/_history/2"),
            literal("Practitioner", "f001", "http://ehr.example/fhir/Practitioner/f001")
        );
    }

    #[test]
    fn a_conditional_reference_by_identifier_gives_system_and_value() {
        assert_eq!(
            parse_str("Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999991959"),
            Reference::Identifier {
                resource_type: Some("Practitioner".into()),
                system: Some("http://hl7.org/fhir/sid/us-npi".into()),
                value: "9999991959".into()
            }
        );
        assert_eq!(
            parse_str("Organization?identifier=https%3A%2F%2Fgithub.com%2Fsynthetichealth%2Fsynthea%7Cabc"),
            Reference::Identifier {
                resource_type: Some("Organization".into()),
                system: Some("https://github.com/synthetichealth/synthea".into()),
                value: "abc".into()
            }
        );
    }

    #[test]
    fn a_logical_reference_takes_its_type_from_the_type_element() {
        let r = json!({"type": "Practitioner", "identifier": {"system": "http://hl7.org/fhir/sid/us-npi", "value": "1"}});
        assert_eq!(
            parse(&r),
            Some(Reference::Identifier {
                resource_type: Some("Practitioner".into()),
                system: Some("http://hl7.org/fhir/sid/us-npi".into()),
                value: "1".into()
            })
        );
    }

    #[test]
    fn searches_other_than_by_identifier_and_nonsense_are_not_followed() {
        assert!(matches!(parse_str("Patient?name=peter"), Reference::Unsupported(_)));
        assert!(matches!(parse_str("Patient?identifier=a|1&name=x"), Reference::Unsupported(_)));
        assert!(matches!(parse_str("not a reference"), Reference::Unsupported(_)));
        assert_eq!(parse_str("#med1"), Reference::Contained("med1".into()));
    }

    #[test]
    fn a_display_only_reference_points_nowhere() {
        assert_eq!(parse(&json!({"display": "Dr. Who"})), None);
    }
}
