//! Reading one file into the resources of one import unit: a Bundle of an importable type, a
//! single resource (a bundle of one), or NDJSON (one resource per line, the whole file one
//! unit). Nothing here looks inside the resources beyond `resourceType`, `id` and `fullUrl`.

use std::fmt::Write as _;

use serde_json::Value;
use sha2::{Digest as _, Sha256};

use super::report::{EntryLabel, Position, Problem};

/// Bundle types whose entries are records to import. `document`, `message` and `history` are
/// read like a collection: their entries are resources all the same.
const IMPORTABLE: &[&str] =
    &["transaction", "batch", "collection", "searchset", "document", "message", "history"];

/// One resource read from a file, with where it was.
#[derive(Debug, Clone)]
pub struct Entry {
    pub position: Position,
    pub full_url: Option<String>,
    pub resource_type: String,
    pub resource: Value,
    /// The id the source gave it: its `id`, else the uuid of its `urn:uuid:` fullUrl, else a
    /// hash of its JSON, so the same resource always gets the same row.
    pub source_id: String,
    /// Our row id, once chosen; `None` for types the record does not keep.
    pub row_id: Option<String>,
}

impl Entry {
    pub fn label(&self) -> EntryLabel {
        EntryLabel {
            position: self.position,
            full_url: self.full_url.clone(),
            resource: Some(format!("{}/{}", self.resource_type, self.source_id)),
        }
    }
}

/// What a file holds: its resources, and remarks about entries that hold none.
#[derive(Debug, Default)]
pub struct Unit {
    pub resources: Vec<Entry>,
    pub remarks: Vec<String>,
}

/// Reads a file's bytes; `ndjson` says whether it is one resource per line.
pub fn read(bytes: &[u8], ndjson: bool) -> Result<Unit, Problem> {
    if ndjson { read_ndjson(bytes) } else { read_json(bytes) }
}

fn read_json(bytes: &[u8]) -> Result<Unit, Problem> {
    let mut value: Value =
        serde_json::from_slice(bytes).map_err(|e| Problem::file(format!("the file is not JSON ({e})")))?;
    let resource_type = resource_type(&value).map_err(Problem::file)?;
    if resource_type != "Bundle" {
        let position = Position::Entry(0);
        return Ok(Unit { resources: vec![raw(position, None, value)?], remarks: Vec::new() });
    }
    let bundle_type = value.get("type").and_then(Value::as_str).unwrap_or("");
    if !IMPORTABLE.contains(&bundle_type) {
        return Err(Problem::file(match bundle_type {
            "" => "the Bundle has no type, so it cannot be told apart from a server's answer".to_owned(),
            "transaction-response" | "batch-response" => {
                format!("a {bundle_type} Bundle is a server's answer to a request, not records to import")
            }
            other => format!("unknown Bundle type {other:?}"),
        }));
    }
    let mut unit = Unit::default();
    // Taken rather than cloned: a Synthea bundle is megabytes.
    let entries = match value.get_mut("entry").map(Value::take) {
        Some(Value::Array(entries)) => entries,
        _ => Vec::new(),
    };
    for (index, mut entry) in entries.into_iter().enumerate() {
        let full_url = entry.get("fullUrl").and_then(Value::as_str).map(str::to_owned);
        match entry.get_mut("resource").map(Value::take) {
            Some(resource) => unit.resources.push(raw(Position::Entry(index), full_url, resource)?),
            None => unit.remarks.push(no_resource(index, &entry)),
        }
    }
    Ok(unit)
}

fn read_ndjson(bytes: &[u8]) -> Result<Unit, Problem> {
    let text =
        std::str::from_utf8(bytes).map_err(|e| Problem::file(format!("the file is not UTF-8 text ({e})")))?;
    let mut unit = Unit::default();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let position = Position::Line(index + 1);
        let at = |reason: String| Problem {
            entry: Some(EntryLabel { position, full_url: None, resource: None }),
            reason,
        };
        let value: Value =
            serde_json::from_str(line).map_err(|e| at(format!("the line is not JSON ({e})")))?;
        unit.resources.push(raw(position, None, value)?);
    }
    Ok(unit)
}

/// One resource and its source id; an entry whose resource is not a FHIR resource is an error.
fn raw(position: Position, full_url: Option<String>, resource: Value) -> Result<Entry, Problem> {
    let resource_type = resource_type(&resource).map_err(|reason| Problem {
        entry: Some(EntryLabel { position, full_url: full_url.clone(), resource: None }),
        reason,
    })?;
    let source_id = source_id(&resource, full_url.as_deref());
    Ok(Entry { position, full_url, resource_type, resource, source_id, row_id: None })
}

fn resource_type(value: &Value) -> Result<String, String> {
    if !value.is_object() {
        return Err("not a FHIR resource: the JSON is not an object".to_owned());
    }
    match value.get("resourceType").and_then(Value::as_str) {
        Some(t) if !t.is_empty() => Ok(t.to_owned()),
        _ => Err("not a FHIR resource: the JSON has no resourceType".to_owned()),
    }
}

/// The id a resource has at its source (see [`Entry::source_id`]).
pub fn source_id(resource: &Value, full_url: Option<&str>) -> String {
    if let Some(id) = resource.get("id").and_then(Value::as_str).filter(|id| !id.is_empty()) {
        return id.to_owned();
    }
    if let Some(uuid) = full_url.and_then(|u| u.strip_prefix("urn:uuid:")).filter(|u| !u.is_empty()) {
        return uuid.to_owned();
    }
    // serde_json keeps object keys sorted, so the same resource always hashes the same.
    let digest = Sha256::digest(resource.to_string().as_bytes());
    digest.iter().take(20).fold(String::from("sha256-"), |mut id, byte| {
        let _ = write!(id, "{byte:02x}");
        id
    })
}

/// A remark for an entry with no resource: a transaction's DELETE, or a request-only entry.
fn no_resource(index: usize, entry: &Value) -> String {
    let request = entry.get("request");
    let method = request.and_then(|r| r.get("method")).and_then(Value::as_str);
    let url = request.and_then(|r| r.get("url")).and_then(Value::as_str).unwrap_or("");
    match method {
        Some("DELETE") => format!("entry {index} asks to DELETE {url}; deletions are not applied"),
        Some(method) => {
            format!("entry {index} is a {method} {url} request without a resource; nothing to import")
        }
        None => format!("entry {index} holds no resource"),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_single_resource_is_a_bundle_of_one() {
        let unit = read(br#"{"resourceType": "Patient", "id": "p1"}"#, false).unwrap();
        assert_eq!(unit.resources.len(), 1);
        assert_eq!(unit.resources[0].source_id, "p1");
    }

    #[test]
    fn the_source_id_falls_back_to_the_full_url_then_to_a_stable_hash() {
        let no_id = json!({"resourceType": "Observation", "status": "final"});
        assert_eq!(source_id(&no_id, Some("urn:uuid:abc")), "abc");
        let hashed = source_id(&no_id, None);
        assert!(hashed.starts_with("sha256-"));
        assert_eq!(hashed, source_id(&no_id.clone(), None));
        assert_ne!(hashed, source_id(&json!({"resourceType": "Observation"}), None));
    }

    #[test]
    fn non_json_and_non_resources_and_response_bundles_are_refused_with_reasons() {
        assert!(read(b"hello", false).unwrap_err().reason.contains("not JSON"));
        assert!(read(b"[1, 2]", false).unwrap_err().reason.contains("not a FHIR resource"));
        assert!(read(br#"{"name": "x"}"#, false).unwrap_err().reason.contains("no resourceType"));
        let response = br#"{"resourceType": "Bundle", "type": "batch-response", "entry": []}"#;
        assert!(read(response, false).unwrap_err().reason.contains("server's answer"));
        let odd = br#"{"resourceType": "Bundle", "type": "shopping-list"}"#;
        assert!(read(odd, false).unwrap_err().reason.contains("unknown Bundle type"));
    }

    #[test]
    fn ndjson_reads_one_resource_per_line_and_names_a_bad_line() {
        let unit = read(
            b"{\"resourceType\":\"Patient\",\"id\":\"a\"}\n\n{\"resourceType\":\"Patient\",\"id\":\"b\"}\n",
            true,
        )
        .unwrap();
        assert_eq!(unit.resources.len(), 2);
        let err = read(b"{\"resourceType\":\"Patient\"}\n{oops\n", true).unwrap_err();
        assert_eq!(err.entry.unwrap().position, Position::Line(2));
    }

    #[test]
    fn entries_without_a_resource_are_remarked_upon_not_refused() {
        let bundle = json!({"resourceType": "Bundle", "type": "transaction", "entry": [
            {"request": {"method": "DELETE", "url": "Patient/1"}}
        ]});
        let unit = read(bundle.to_string().as_bytes(), false).unwrap();
        assert!(unit.resources.is_empty());
        assert!(unit.remarks[0].contains("DELETE"));
    }
}
