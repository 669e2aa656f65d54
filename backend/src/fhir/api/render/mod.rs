//! Turning clinical-record rows into FHIR R4 JSON, one function per resource type. A page of
//! rows is rendered at once so child rows (components, reactions, attachments…) and
//! identifiers load in one query per table. Elements the row has no value for are left out:
//! [`prune`] drops every null, empty string, empty array and empty object, which FHIR forbids.

mod care_plan;
mod conditions;
mod coverage;
mod directory;
mod documents;
mod encounter;
mod medications;
mod observation;
mod patient;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::future::Future;

use anyhow::Context as _;
use serde_json::{Map, Value, json};

use super::resource_type::ResourceType;
use crate::Db;
use crate::records::{self, Record};

/// A record struct that is served as a FHIR resource.
pub trait FhirRecord: Record + Sized + 'static {
    const TYPE: ResourceType;

    fn id(&self) -> &str;

    /// The patient whose record this row is part of; `None` for directory data.
    fn patient_id(&self) -> Option<&str>;

    /// The directory resources (practitioners, organisations, locations) this row refers to,
    /// which `$everything` brings along.
    fn directory_refs(&self) -> Vec<(ResourceType, String)> {
        Vec::new()
    }

    /// Renders a page of rows, in their order.
    fn render_all(db: &Db, rows: Vec<Self>) -> impl Future<Output = anyhow::Result<Vec<Value>>> + Send;
}

/// Declares the parts of [`FhirRecord`] that only name columns.
macro_rules! fhir_record {
    ($record:ty, $kind:ident, patient: $patient:ident, refs: [$($rt:ident: $column:ident),*], render: $render:path) => {
        impl $crate::fhir::api::render::FhirRecord for $record {
            const TYPE: $crate::fhir::api::resource_type::ResourceType =
                $crate::fhir::api::resource_type::ResourceType::$kind;

            fn id(&self) -> &str {
                &self.id
            }

            fn patient_id(&self) -> Option<&str> {
                $crate::fhir::api::render::fhir_record!(@patient self, $patient)
            }

            fn directory_refs(&self) -> Vec<($crate::fhir::api::resource_type::ResourceType, String)> {
                let refs: Vec<($crate::fhir::api::resource_type::ResourceType, Option<&String>)> = vec![
                    $(($crate::fhir::api::resource_type::ResourceType::$rt, self.$column.as_ref()),)*
                ];
                refs.into_iter().filter_map(|(t, id)| id.map(|id| (t, id.clone()))).collect()
            }

            async fn render_all(db: &$crate::Db, rows: Vec<Self>) -> anyhow::Result<Vec<serde_json::Value>> {
                $render(db, rows).await
            }
        }
    };
    (@patient $self:ident, none) => { None };
    (@patient $self:ident, id) => { Some(&$self.id) };
    (@patient $self:ident, patient_id) => { Some(&$self.patient_id) };
}
pub(crate) use fhir_record;

/// Drops nulls, empty strings, empty arrays and empty objects, inside out, so an object whose
/// every member was empty goes too. Returns `Null` when nothing is left.
pub fn prune(value: Value) -> Value {
    match value {
        Value::String(s) if s.trim().is_empty() => Value::Null,
        Value::Array(items) => {
            let items: Vec<Value> = items.into_iter().map(prune).filter(|v| !v.is_null()).collect();
            if items.is_empty() { Value::Null } else { Value::Array(items) }
        }
        Value::Object(members) => {
            let members: Map<String, Value> =
                members.into_iter().map(|(k, v)| (k, prune(v))).filter(|(_, v)| !v.is_null()).collect();
            if members.is_empty() { Value::Null } else { Value::Object(members) }
        }
        other => other,
    }
}

/// A resource's common start: type, id and `meta.lastUpdated`, merged with `body`, pruned.
pub fn resource(kind: ResourceType, id: &str, updated_at: &str, body: Value) -> Value {
    let mut out = json!({
        "resourceType": kind.name(),
        "id": id,
        "meta": {"lastUpdated": crate::fhir::datetime::to_fhir_instant(updated_at)},
    });
    if let (Value::Object(out), Value::Object(body)) = (&mut out, body) {
        out.extend(body);
    }
    prune(out)
}

pub fn coding(system: Option<&str>, code: Option<&str>, display: Option<&str>) -> Value {
    json!({"system": system, "code": code, "display": display})
}

/// A `CodeableConcept` of one coding, whose display is also its text.
pub fn concept(system: Option<&str>, code: Option<&str>, display: Option<&str>) -> Value {
    json!({"coding": [coding(system, code, display)], "text": display})
}

/// A `CodeableConcept` of a code from a known code system.
pub fn coded(system: &str, code: Option<&str>) -> Value {
    concept(code.map(|_| system), code, None)
}

/// `{"reference": "Practitioner/1"}`, or nothing.
pub fn reference(kind: ResourceType, id: Option<&str>) -> Value {
    match id {
        Some(id) => json!({"reference": format!("{kind}/{id}")}),
        None => Value::Null,
    }
}

/// FHIR's `boolean` from a 0/1 column.
pub fn flag(value: i64) -> bool {
    value != 0
}

/// A decimal; non-finite values (which JSON cannot hold) are left out.
pub fn decimal(value: Option<f64>) -> Value {
    value.map_or(Value::Null, Value::from)
}

/// A whole number held in a REAL column, when it is one.
#[expect(clippy::cast_possible_truncation, reason = "checked to be whole and in range first")]
pub fn whole(value: Option<f64>) -> Option<i64> {
    value.filter(|v| v.fract() == 0.0 && v.abs() < 9.0e15).map(|v| v as i64)
}

/// A Quantity; UCUM units carry their system.
pub fn quantity(value: Option<f64>, unit: Option<&str>, ucum: Option<&str>) -> Value {
    json!({
        "value": decimal(value),
        "unit": unit.or(ucum),
        "system": ucum.map(|_| "http://unitsofmeasure.org"),
        "code": ucum,
    })
}

pub fn address(
    line: Option<&str>,
    city: Option<&str>,
    state: Option<&str>,
    postal_code: Option<&str>,
    country: Option<&str>,
) -> Value {
    let lines: Vec<&str> = line.map(|l| l.lines().collect()).unwrap_or_default();
    json!({"line": lines, "city": city, "state": state, "postalCode": postal_code, "country": country})
}

pub fn telecom(phone: Option<&str>, email: Option<&str>) -> Value {
    json!([
        phone.map(|p| json!({"system": "phone", "value": p})),
        email.map(|e| json!({"system": "email", "value": e})),
    ])
}

/// A `HumanName`. Given names are kept as the one text they were stored as.
pub fn human_name(
    prefix: Option<&str>,
    given: Option<&str>,
    family: Option<&str>,
    suffix: Option<&str>,
) -> Value {
    json!({"family": family, "given": [given], "prefix": [prefix], "suffix": [suffix]})
}

/// An Annotation list from a note column.
pub fn note(text: Option<&str>) -> Value {
    json!([text.map(|t| json!({"text": t}))])
}

/// An XHTML narrative of titled sections: for text a resource keeps but R4 has no element for
/// (an encounter's note and after-visit summary).
pub fn narrative(sections: &[(&str, Option<&str>)]) -> Value {
    let mut div = String::new();
    for (title, text) in sections {
        if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
            let _ = write!(div, "<h2>{}</h2><p>{}</p>", xhtml_escape(title), xhtml_escape(text));
        }
    }
    if div.is_empty() {
        return Value::Null;
    }
    json!({"status": "additional", "div": format!("<div xmlns=\"http://www.w3.org/1999/xhtml\">{div}</div>")})
}

fn xhtml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br/>"),
            c => out.push(c),
        }
    }
    out
}

/// The child rows of `parents` in the table of `R`, grouped by parent, in `seq` order.
pub async fn children<R, K>(
    db: &Db,
    parent_column: &str,
    parents: &[&str],
    key: K,
) -> anyhow::Result<HashMap<String, Vec<R>>>
where
    R: Record,
    K: Fn(&R) -> &str,
{
    let mut grouped: HashMap<String, Vec<R>> = HashMap::new();
    if parents.is_empty() {
        return Ok(grouped);
    }
    let placeholders: Vec<String> = (1..=parents.len()).map(|i| format!("${i}")).collect();
    let order =
        if R::COLUMNS.contains(&"seq") { format!("{parent_column}, seq") } else { parent_column.to_owned() };
    let sql = format!(
        "{} WHERE {parent_column} IN ({}) ORDER BY {order}",
        records::select_sql::<R>(),
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, R>(sqlx::AssertSqlSafe(sql));
    for parent in parents {
        query = query.bind((*parent).to_owned());
    }
    let rows = query.fetch_all(db.pool()).await.with_context(|| format!("read {}", R::TABLE))?;
    for mut row in rows {
        row.open(db.keys())?;
        grouped.entry(key(&row).to_owned()).or_default().push(row);
    }
    Ok(grouped)
}

/// The identifiers of `ids` of type `kind`, rendered, by resource id.
pub async fn identifiers(
    db: &Db,
    kind: ResourceType,
    ids: &[&str],
) -> anyhow::Result<HashMap<String, Vec<Value>>> {
    let mut rows: HashMap<String, Vec<records::Identifier>> =
        children(db, "resource_id", ids, |i: &records::Identifier| &i.resource_id).await?;
    Ok(ids
        .iter()
        .map(|id| {
            let mut found = rows.remove(*id).unwrap_or_default();
            found.retain(|i| i.resource_type == kind.name());
            found.sort_by(|a, b| (&a.system, &a.value).cmp(&(&b.system, &b.value)));
            // One value indexed under two keys, until `portal keys rotate` merges them.
            found.dedup_by(|a, b| (&a.system, &a.value) == (&b.system, &b.value));
            let rendered = found
                .iter()
                .map(|i| {
                    json!({
                        "type": {
                            "coding": [coding(
                                i.type_code.as_ref().map(|_| "http://terminology.hl7.org/CodeSystem/v2-0203"),
                                i.type_code.as_deref(),
                                None,
                            )],
                            "text": i.type_text,
                        },
                        "system": i.system,
                        "value": i.value,
                    })
                })
                .collect();
            ((*id).to_owned(), rendered)
        })
        .collect())
}

/// The ids of `rows`, for loading their children.
pub fn ids<R: FhirRecord>(rows: &[R]) -> Vec<&str> {
    rows.iter().map(FhirRecord::id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruning_removes_every_empty_element_inside_out() {
        let value = json!({
            "a": null, "b": "", "c": [], "d": {}, "e": [{"coding": [{"system": null}]}],
            "keep": [1, {"x": false}], "zero": 0,
        });
        assert_eq!(prune(value), json!({"keep": [1, {"x": false}], "zero": 0}));
    }

    #[test]
    fn narrative_text_is_escaped_xhtml() {
        let n = narrative(&[("Note", Some("a < b & \"c\"\nnext"))]);
        assert_eq!(
            n["div"],
            "<div xmlns=\"http://www.w3.org/1999/xhtml\"><h2>Note</h2><p>a &lt; b &amp; &quot;c&quot;<br/>next</p></div>"
        );
        assert_eq!(narrative(&[("Note", None)]), Value::Null);
    }
}
