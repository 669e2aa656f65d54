//! Searchset Bundles: `total`, absolute `self`/`next`/`previous` links that page with `_count`
//! and `_offset`, and a `fullUrl` for every entry.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::fhir::datetime;

/// Why an entry is in a searchset: it matched, or it came along because a match refers to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Match,
    Include,
}

/// One page of results and where it sits in the whole.
#[derive(Debug, Clone)]
pub struct Page {
    /// The FHIR base, `https://portal.example/fhir/r4`.
    pub base: String,
    /// The searched path under the base: `Observation`, `Patient/1/$everything`.
    pub path: String,
    /// The recognised parameters, without `_count` and `_offset`.
    pub params: Vec<(String, String)>,
    pub count: usize,
    pub offset: usize,
    pub total: usize,
}

impl Page {
    fn link(&self, offset: usize) -> String {
        let mut params = self.params.clone();
        params.push(("_count".to_owned(), self.count.to_string()));
        if offset > 0 {
            params.push(("_offset".to_owned(), offset.to_string()));
        }
        let query: Vec<String> =
            params.iter().map(|(name, value)| format!("{}={}", encode(name), encode(value))).collect();
        format!("{}/{}?{}", self.base, self.path, query.join("&"))
    }

    fn links(&self) -> Vec<Value> {
        let mut links = vec![json!({"relation": "self", "url": self.link(self.offset)})];
        // `_count=0` asks for the total alone; it has no pages to walk.
        if self.count > 0 && self.offset + self.count < self.total {
            links.push(json!({"relation": "next", "url": self.link(self.offset + self.count)}));
        }
        if self.count > 0 && self.offset > 0 {
            links.push(
                json!({"relation": "previous", "url": self.link(self.offset.saturating_sub(self.count))}),
            );
        }
        links
    }
}

/// A searchset Bundle of `entries` (each a rendered resource and why it is there).
pub fn searchset(page: &Page, entries: Vec<(Value, Mode)>) -> Value {
    let entries: Vec<Value> = entries
        .into_iter()
        .map(|(resource, mode)| {
            let full_url = full_url(&page.base, &resource);
            let mode = match mode {
                Mode::Match => "match",
                Mode::Include => "include",
            };
            json!({"fullUrl": full_url, "resource": resource, "search": {"mode": mode}})
        })
        .collect();
    let mut bundle = json!({
        "resourceType": "Bundle",
        "id": uuid::Uuid::new_v4().to_string(),
        "meta": {"lastUpdated": datetime::now()},
        "type": "searchset",
        "total": page.total,
        "link": page.links(),
    });
    // FHIR forbids empty arrays: a page with no results has no `entry` at all.
    if !entries.is_empty() {
        bundle["entry"] = Value::Array(entries);
    }
    bundle
}

/// A collection Bundle of `resources` (a download of a record, not an answer to a search: no
/// total, no links, no search modes), each with its absolute `fullUrl`.
pub fn collection(base: &str, resources: Vec<Value>) -> Value {
    let now = datetime::now();
    let entries: Vec<Value> = resources
        .into_iter()
        .map(|resource| json!({"fullUrl": full_url(base, &resource), "resource": resource}))
        .collect();
    let mut bundle = json!({
        "resourceType": "Bundle",
        "id": uuid::Uuid::new_v4().to_string(),
        "meta": {"lastUpdated": now},
        "type": "collection",
        "timestamp": now,
    });
    if !entries.is_empty() {
        bundle["entry"] = Value::Array(entries);
    }
    bundle
}

/// The absolute URL of a rendered resource.
pub fn full_url(base: &str, resource: &Value) -> String {
    let kind = resource["resourceType"].as_str().unwrap_or_default();
    let id = resource["id"].as_str().unwrap_or_default();
    format!("{base}/{kind}/{id}")
}

/// Percent-encodes a query name or value, keeping the characters a query may hold as they are
/// where that keeps links readable.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~:/,".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(offset: usize, total: usize) -> Page {
        Page {
            base: "https://portal.example/fhir/r4".into(),
            path: "Observation".into(),
            params: vec![("code".into(), "http://loinc.org|4548-4".into())],
            count: 10,
            offset,
            total,
        }
    }

    fn relations(bundle: &Value) -> Vec<(String, String)> {
        bundle["link"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| (l["relation"].as_str().unwrap().to_owned(), l["url"].as_str().unwrap().to_owned()))
            .collect()
    }

    #[test]
    fn a_middle_page_links_to_both_neighbours_with_its_parameters_encoded() {
        let links = relations(&searchset(&page(10, 25), vec![]));
        assert_eq!(
            links,
            [
                ("self".into(), "https://portal.example/fhir/r4/Observation?code=http://loinc.org%7C4548-4&_count=10&_offset=10".into()),
                ("next".into(), "https://portal.example/fhir/r4/Observation?code=http://loinc.org%7C4548-4&_count=10&_offset=20".into()),
                ("previous".into(), "https://portal.example/fhir/r4/Observation?code=http://loinc.org%7C4548-4&_count=10".into()),
            ]
        );
    }

    #[test]
    fn the_last_page_has_no_next_link_and_an_empty_page_no_entries() {
        let bundle = searchset(&page(20, 25), vec![]);
        assert!(relations(&bundle).iter().all(|(r, _)| r != "next"));
        assert!(bundle.get("entry").is_none());
        assert_eq!(bundle["total"], 25);
    }
}
