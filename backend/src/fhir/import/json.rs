//! Reading FHIR JSON: the small accessors every resource parser shares. Text fields are read
//! leniently (a wrong JSON type reads as absent), but numbers, booleans, dates and base64 data
//! that are present and malformed become a plain-words reason, because storing a guess there
//! would put a wrong value in front of a patient.

use base64::Engine as _;
use serde_json::Value;

use crate::fhir::datetime;

/// The string at `key`, when there is one.
pub fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// The array at `key`, or nothing when it is missing or not an array.
pub fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// The first element of the array at `key`, or the value itself when a source sent one object
/// where FHIR has a list.
pub fn first<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v.get(key)? {
        Value::Array(values) => values.first(),
        other => Some(other),
    }
}

/// The strings of the array at `key`, joined with `sep`.
pub fn joined(v: &Value, key: &str, sep: &str) -> Option<String> {
    let parts: Vec<&str> = match v.get(key)? {
        Value::Array(values) => values.iter().filter_map(Value::as_str).collect(),
        Value::String(one) => vec![one.as_str()],
        _ => Vec::new(),
    };
    (!parts.is_empty()).then(|| parts.join(sep))
}

/// One coding: the system, the code and its display.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coding {
    pub system: Option<String>,
    pub code: Option<String>,
    pub display: Option<String>,
}

/// The first coding of a `CodeableConcept`; its display falls back to the concept's `text`, so a
/// code a source wrote only as text still reads as something.
pub fn concept(concept: Option<&Value>) -> Coding {
    let Some(concept) = concept else { return Coding::default() };
    let coding = first(concept, "coding");
    Coding {
        system: coding.and_then(|c| text(c, "system")),
        code: coding.and_then(|c| text(c, "code")),
        display: coding.and_then(|c| text(c, "display")).or_else(|| text(concept, "text")),
    }
}

/// The code of a `CodeableConcept`'s first coding (for status-like concepts), or its text.
pub fn concept_code(concept: Option<&Value>) -> Option<String> {
    let concept = concept?;
    first(concept, "coding").and_then(|c| text(c, "code")).or_else(|| text(concept, "text"))
}

/// What a person reads for a `CodeableConcept`: its text, else the first display, else the code.
pub fn concept_label(concept: Option<&Value>) -> Option<String> {
    let concept = concept?;
    let coding = first(concept, "coding");
    text(concept, "text")
        .or_else(|| coding.and_then(|c| text(c, "display")))
        .or_else(|| coding.and_then(|c| text(c, "code")))
}

/// Whether any coding of the concept has `code`.
pub fn has_code(concept: &Value, code: &str) -> bool {
    items(concept, "coding").iter().any(|c| c.get("code").and_then(Value::as_str) == Some(code))
}

/// A date or dateTime as sent, and the UTC instant its period starts at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    pub raw: String,
    pub at: String,
}

/// The date, dateTime or instant at `key`. Present but unreadable is an error: an unparseable
/// date would otherwise sort nowhere and show as blank.
pub fn when(v: &Value, key: &str) -> Result<Option<When>, String> {
    let Some(value) = v.get(key) else { return Ok(None) };
    let raw = value.as_str().ok_or_else(|| format!("{key} is not a date ({value})"))?;
    let at = datetime::instant(raw).ok_or_else(|| format!("{key} {raw:?} is not a FHIR date or dateTime"))?;
    Ok(Some(When { raw: raw.to_owned(), at }))
}

/// The text of a date field, checked like [`when`].
pub fn date_text(v: &Value, key: &str) -> Result<Option<String>, String> {
    Ok(when(v, key)?.map(|w| w.raw))
}

/// The UTC instant of a date field, checked like [`when`].
pub fn instant(v: &Value, key: &str) -> Result<Option<String>, String> {
    Ok(when(v, key)?.map(|w| w.at))
}

/// A Period's start and end, as sent.
pub fn period(v: &Value, key: &str) -> Result<(Option<When>, Option<When>), String> {
    let Some(period) = v.get(key) else { return Ok((None, None)) };
    let start = when(period, "start").map_err(|e| format!("{key}.{e}"))?;
    let end = when(period, "end").map_err(|e| format!("{key}.{e}"))?;
    Ok((start, end))
}

/// The decimal at `key`; `what` names the field in the message.
pub fn number(v: &Value, key: &str, what: &str) -> Result<Option<f64>, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_f64().map(Some).ok_or_else(|| format!("{what} is out of range ({n})")),
        Some(other) => Err(format!("{what} is not a number ({other})")),
    }
}

/// The integer at `key`; `what` names the field in the message.
pub fn integer(v: &Value, key: &str, what: &str) -> Result<Option<i64>, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => {
            n.as_i64().map(Some).ok_or_else(|| format!("{what} is not a whole number ({n})"))
        }
        Some(other) => Err(format!("{what} is not a whole number ({other})")),
    }
}

/// The boolean at `key`; `what` names the field in the message.
pub fn boolean(v: &Value, key: &str, what: &str) -> Result<Option<bool>, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(other) => Err(format!("{what} is not true or false ({other})")),
    }
}

/// A required code (`status`, `intent`…): the schema cannot hold the row without it.
pub fn required(v: &Value, key: &str) -> Result<String, String> {
    text(v, key).filter(|s| !s.is_empty()).ok_or_else(|| format!("{key} is missing, and the record needs it"))
}

/// An Attachment's `data`, base64-decoded. FHIR allows line breaks inside base64, so whitespace
/// is dropped before decoding.
pub fn attachment_data(attachment: &Value, what: &str) -> Result<Option<Vec<u8>>, String> {
    let Some(data) = attachment.get("data") else { return Ok(None) };
    let data = data.as_str().ok_or_else(|| format!("{what}.data is not base64 text"))?;
    let compact: String = data.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map(Some)
        .map_err(|e| format!("{what}.data is not valid base64 ({e})"))
}

/// Whether an attachment's content type is plain text (`text/plain; charset=utf-8` counts).
pub fn is_plain_text(attachment: &Value) -> bool {
    attachment
        .get("contentType")
        .and_then(Value::as_str)
        .is_some_and(|t| t.split(';').next().is_some_and(|m| m.trim().eq_ignore_ascii_case("text/plain")))
}

/// The first contact point of `system` (`phone`, `email`) in `telecom`.
pub fn telecom(v: &Value, system: &str) -> Option<String> {
    items(v, "telecom")
        .iter()
        .find(|t| t.get("system").and_then(Value::as_str) == Some(system))
        .and_then(|t| text(t, "value"))
}

/// A postal address, flattened to the columns the record keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Address {
    pub line: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
}

/// An Address value; its lines are joined with ", " because the record has one line column.
pub fn address(a: Option<&Value>) -> Address {
    let Some(a) = a else { return Address::default() };
    Address {
        line: joined(a, "line", ", "),
        city: text(a, "city"),
        state: text(a, "state"),
        postal_code: text(a, "postalCode"),
        country: text(a, "country"),
    }
}

/// The home address among `address`, else the first one.
pub fn home_address(v: &Value) -> Address {
    let all = items(v, "address");
    let home = all.iter().find(|a| a.get("use").and_then(Value::as_str) == Some("home"));
    address(home.or_else(|| first(v, "address")))
}

/// A person's name, flattened to the columns the record keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Name {
    pub prefix: Option<String>,
    pub given: Option<String>,
    pub family: Option<String>,
    pub suffix: Option<String>,
}

/// The official or usual name among `names`, else the first; given names joined with spaces.
pub fn human_name(names: &[Value]) -> Name {
    let wanted = |n: &&Value| matches!(n.get("use").and_then(Value::as_str), Some("official" | "usual"));
    let Some(name) = names.iter().find(wanted).or_else(|| names.first()) else { return Name::default() };
    Name {
        prefix: joined(name, "prefix", " "),
        given: joined(name, "given", " "),
        family: text(name, "family"),
        suffix: joined(name, "suffix", " "),
    }
}

/// The texts of an Annotation list (`note`), one per line.
pub fn notes(v: &Value) -> Option<String> {
    let texts: Vec<&str> =
        items(v, "note").iter().filter_map(|n| n.get("text").and_then(Value::as_str)).collect();
    (!texts.is_empty()).then(|| texts.join("\n"))
}

/// `0`/`1` for the record's integer flags.
pub fn flag(b: bool) -> i64 {
    i64::from(b)
}

/// Whether a resource is confidential from a teenager's parents: labelled so in
/// `meta.security`, or carrying a confidential code (`records::sensitivity`).
pub fn confidential(resource: &Value, codes: &[(Option<&str>, Option<&str>)]) -> i64 {
    let has_label =
        resource.get("meta").and_then(|m| m.get("security")).and_then(Value::as_array).is_some_and(
            |labels| {
                labels.iter().any(|l| {
                    l.get("code").and_then(Value::as_str).is_some_and(|code| {
                        crate::records::sensitivity::is_confidential_label(
                            l.get("system").and_then(Value::as_str),
                            code,
                        )
                    })
                })
            },
        );
    let has_code =
        codes.iter().any(|(system, code)| crate::records::sensitivity::is_confidential_code(*system, *code));
    crate::records::sensitivity::flag(has_label || has_code)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_concept_reads_its_first_coding_and_falls_back_to_its_text_for_the_display() {
        let c = json!({"coding": [{"system": "http://loinc.org", "code": "5089AAAA"}], "text": "Weight"});
        assert_eq!(
            concept(Some(&c)),
            Coding {
                system: Some("http://loinc.org".into()),
                code: Some("5089AAAA".into()),
                display: Some("Weight".into())
            }
        );
        assert_eq!(concept(None), Coding::default());
    }

    #[test]
    fn a_present_but_unreadable_date_is_an_error_and_a_missing_one_is_not() {
        let v = json!({"birthDate": "1980-13-01", "ok": "1980-02-29"});
        assert!(when(&v, "birthDate").unwrap_err().contains("1980-13-01"));
        assert_eq!(when(&v, "missing").unwrap(), None);
        assert_eq!(
            when(&v, "ok").unwrap(),
            Some(When { raw: "1980-02-29".into(), at: "1980-02-29T00:00:00Z".into() })
        );
    }

    #[test]
    fn a_number_written_as_text_is_an_error() {
        let v = json!({"value": "5.0", "n": 5.25});
        assert!(number(&v, "value", "valueQuantity.value").unwrap_err().contains("not a number"));
        assert_eq!(number(&v, "n", "n").unwrap(), Some(5.25));
        assert!(integer(&v, "n", "n").is_err());
    }

    #[test]
    fn the_official_name_wins_and_given_names_are_joined_with_spaces() {
        let names = json!([
            {"use": "maiden", "family": "Rice"},
            {"use": "official", "family": "Windler", "given": ["Sylvie", "Ann"], "prefix": ["Mrs."]}
        ]);
        let name = human_name(names.as_array().unwrap());
        assert_eq!(name.family.as_deref(), Some("Windler"));
        assert_eq!(name.given.as_deref(), Some("Sylvie Ann"));
        assert_eq!(name.prefix.as_deref(), Some("Mrs."));
    }

    #[test]
    fn attachment_data_may_hold_line_breaks_but_not_garbage() {
        let ok = json!({"data": "aGVs\nbG8="});
        assert_eq!(attachment_data(&ok, "content").unwrap().as_deref(), Some(&b"hello"[..]));
        let bad = json!({"data": "not base64!"});
        assert!(attachment_data(&bad, "content").unwrap_err().contains("not valid base64"));
    }

    #[test]
    fn plain_text_attachments_are_recognised_with_a_charset() {
        assert!(is_plain_text(&json!({"contentType": "text/plain; charset=utf-8"})));
        assert!(!is_plain_text(&json!({"contentType": "application/pdf"})));
    }
}
