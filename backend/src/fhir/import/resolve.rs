//! Turning references into our row ids, whatever order files come in. A bundle's own entries win;
//! then what earlier imports wrote (read once per bundle into [`Known`]); then, for patients,
//! practitioners, organisations and locations, a stub row that the real resource fills in when
//! it arrives. Other targets that cannot be found are left empty with a warning, except an
//! `urn:uuid:` outside its bundle, which can only be a broken bundle.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde_json::Value;
use sqlx::AnyConnection;

use super::bundle::Entry;
use super::reference::{self, Reference};
use crate::crypto::KeyRing;
use crate::records::{self, Record as _};

/// The types that get stub rows and identifiers: things other records point at, which may arrive
/// in another file.
pub const DIRECTORY: &[&str] = &["Organization", "Location", "Practitioner", "Patient"];

pub fn is_directory(resource_type: &str) -> bool {
    DIRECTORY.contains(&resource_type)
}

/// The table holding a resource type, for the types a reference can be checked against.
pub fn table(resource_type: &str) -> Option<&'static str> {
    Some(match resource_type {
        "Organization" => records::Organization::TABLE,
        "Location" => records::Location::TABLE,
        "Practitioner" => records::Practitioner::TABLE,
        "PractitionerRole" => records::PractitionerRole::TABLE,
        "Patient" => records::Patient::TABLE,
        "Encounter" => records::Encounter::TABLE,
        "Observation" => records::Observation::TABLE,
        "DiagnosticReport" => records::DiagnosticReport::TABLE,
        "Condition" => records::Condition::TABLE,
        "AllergyIntolerance" => records::Allergy::TABLE,
        "MedicationRequest" => records::MedicationRequest::TABLE,
        "Immunization" => records::Immunization::TABLE,
        "DocumentReference" => records::Document::TABLE,
        "CarePlan" => records::CarePlan::TABLE,
        "Goal" => records::Goal::TABLE,
        "Coverage" => records::Coverage::TABLE,
        _ => return None,
    })
}

/// The `(system, value)` pairs of a resource's `identifier` list.
pub fn identifiers(resource: &Value) -> impl Iterator<Item = (&str, &str)> {
    resource.get("identifier").and_then(Value::as_array).into_iter().flatten().filter_map(|i| {
        Some((i.get("system")?.as_str()?, i.get("value")?.as_str()?))
            .filter(|(s, v)| !s.is_empty() && !v.is_empty())
    })
}

/// What earlier imports wrote that this bundle's references and directory resources may match.
#[derive(Debug, Default)]
pub struct Known {
    /// Row ids that exist, of those asked about.
    pub ids: HashSet<String>,
    /// `(type, system, value)` → row id, from the identifiers table.
    pub identifiers: HashMap<(String, String, String), String>,
    /// `(type, source id)` → row id, for directory rows whose id is not the derived one (a stub
    /// made from an identifier and filled in later keeps the stub's id).
    pub by_source_id: HashMap<(String, String), String>,
}

/// Most values in one `IN (…)` list.
const CHUNK: usize = 500;

impl Known {
    /// Reads, in a few queries, every row the bundle's entries could match.
    pub async fn load(
        conn: &mut AnyConnection,
        keys: &KeyRing,
        source: &str,
        entries: &[Entry],
    ) -> sqlx::Result<Self> {
        let mut ids: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
        let mut source_ids: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
        let mut pairs: BTreeSet<(String, String)> = BTreeSet::new();
        let mut literal = |resource_type: &str, id: &str| {
            if let Some(table) = table(resource_type) {
                ids.entry(table).or_default().insert(records::record_id(source, resource_type, id));
                if is_directory(resource_type) {
                    source_ids.entry(table).or_default().insert(id.to_owned());
                }
            }
        };
        for entry in entries.iter().filter(|e| table(&e.resource_type).is_some()) {
            if is_directory(&entry.resource_type) {
                literal(&entry.resource_type, &entry.source_id);
                pairs.extend(identifiers(&entry.resource).map(|(s, v)| (s.to_owned(), v.to_owned())));
            }
            visit_references(&entry.resource, &mut |r| match r {
                Reference::Literal { resource_type, id, .. } => literal(&resource_type, &id),
                Reference::Identifier { system: Some(system), value, .. } => {
                    pairs.insert((system, value));
                }
                _ => {}
            });
        }

        let mut known = Self::default();
        for (table, wanted) in &ids {
            let wanted: Vec<&String> = wanted.iter().collect();
            for chunk in wanted.chunks(CHUNK) {
                let sql = format!("SELECT id FROM {table} WHERE id IN ({})", placeholders(1, chunk.len()));
                let mut query = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql));
                for id in chunk {
                    query = query.bind((*id).clone());
                }
                known.ids.extend(query.fetch_all(&mut *conn).await?);
            }
        }
        for (table, wanted) in &source_ids {
            let resource_type =
                DIRECTORY.iter().find(|t| self::table(t) == Some(table)).copied().unwrap_or_default();
            let wanted: Vec<&String> = wanted.iter().collect();
            for chunk in wanted.chunks(CHUNK) {
                let sql = format!(
                    "SELECT source_id, id FROM {table} WHERE source = $1 AND source_id IN ({})",
                    placeholders(2, chunk.len())
                );
                let mut query =
                    sqlx::query_as::<_, (String, String)>(sqlx::AssertSqlSafe(sql)).bind(source.to_owned());
                for id in chunk {
                    query = query.bind((*id).clone());
                }
                for (source_id, id) in query.fetch_all(&mut *conn).await? {
                    known.by_source_id.insert((resource_type.to_owned(), source_id), id);
                }
            }
        }
        // Identifiers are stored under a blind index (`records::Identifier`): ask for the index of
        // each value under every key of the ring, and its value in the clear for rows from before
        // sealing, then map each index found back to its value.
        let mut lookups: Vec<(String, String, String)> = Vec::new();
        for (system, value) in pairs {
            for stored in
                keys.blind_indexes(records::IDENTIFIER_INDEX, &value).into_iter().chain([value.clone()])
            {
                lookups.push((system.clone(), stored, value.clone()));
            }
        }
        let by_stored: HashMap<(&str, &str), &str> = lookups
            .iter()
            .map(|(system, stored, value)| ((system.as_str(), stored.as_str()), value.as_str()))
            .collect();
        for chunk in lookups.chunks(CHUNK / 2) {
            let conditions: Vec<String> = (0..chunk.len())
                .map(|i| format!("(system = ${} AND value = ${})", 2 * i + 1, 2 * i + 2))
                .collect();
            let sql = format!(
                "SELECT resource_type, system, value, resource_id FROM identifiers WHERE {}",
                conditions.join(" OR ")
            );
            let mut query = sqlx::query_as::<_, (String, String, String, String)>(sqlx::AssertSqlSafe(sql));
            for (system, stored, _) in chunk {
                query = query.bind(system.clone()).bind(stored.clone());
            }
            for (resource_type, system, stored, id) in query.fetch_all(&mut *conn).await? {
                if let Some(value) =
                    by_stored.get(&(system.as_str(), stored.as_str())).map(|v| (*v).to_owned())
                {
                    known.identifiers.insert((resource_type, system, value), id);
                }
            }
        }
        Ok(known)
    }

    /// The row a directory resource fills: the one it had before (or a stub of it made by a
    /// `Type/id` reference), else a row one of its identifiers already names (a stub made from a
    /// conditional reference, or the same practitioner sent by another system), else a new one.
    pub fn directory_row_id(&self, source: &str, entry: &Entry) -> String {
        let own = records::record_id(source, &entry.resource_type, &entry.source_id);
        if self.ids.contains(&own) {
            return own;
        }
        let by_identifier = identifiers(&entry.resource).find_map(|(system, value)| {
            self.identifiers.get(&(entry.resource_type.clone(), system.to_owned(), value.to_owned()))
        });
        by_identifier
            .or_else(|| self.by_source_id.get(&(entry.resource_type.clone(), entry.source_id.clone())))
            .cloned()
            .unwrap_or(own)
    }
}

/// `$first, $first+1, …`: `count` placeholders.
pub fn placeholders(first: usize, count: usize) -> String {
    (first..first + count).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// Calls `f` with every reference anywhere inside `value`.
fn visit_references(value: &Value, f: &mut impl FnMut(Reference)) {
    match value {
        Value::Object(map) => {
            if (map.contains_key("reference") || map.get("identifier").is_some_and(Value::is_object))
                && let Some(r) = reference::parse(value)
            {
                f(r);
            }
            map.values().for_each(|v| visit_references(v, f));
        }
        Value::Array(values) => values.iter().for_each(|v| visit_references(v, f)),
        _ => {}
    }
}

/// A placeholder row for a directory resource referred to before it arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stub {
    pub resource_type: String,
    pub id: String,
    /// The id it will have at the source, when the reference said (`Patient/123`).
    pub source_id: Option<String>,
    /// The identifier it was referred to by, when it was (`Practitioner?identifier=…`).
    pub identifier: Option<(String, String)>,
}

/// What a reference led to.
enum Resolution {
    Row(String),
    /// A resource of another type than the field wants (a performer that is an Organization).
    OtherType(String),
    /// Nothing to link to; the text says why.
    NotFound(String),
}

/// Where the bundle's own entries are, by every name a reference may use.
#[derive(Debug, Default)]
struct Index {
    /// fullUrl → entry.
    urls: HashMap<String, usize>,
    /// (type, source id) → entry.
    literals: HashMap<(String, String), usize>,
    /// (type, system, value) → entry.
    identifiers: HashMap<(String, String, String), usize>,
}

/// Resolves the references of one bundle's entries.
pub struct Resolver<'a> {
    source: &'a str,
    entries: &'a [Entry],
    known: &'a Known,
    index: Index,
    stubs: BTreeMap<String, Stub>,
    warnings: Vec<String>,
}

impl<'a> Resolver<'a> {
    pub fn new(source: &'a str, entries: &'a [Entry], known: &'a Known) -> Self {
        let mut index = Index::default();
        for (i, entry) in entries.iter().enumerate() {
            if let Some(url) = &entry.full_url {
                index.urls.insert(url.clone(), i);
            }
            index.literals.insert((entry.resource_type.clone(), entry.source_id.clone()), i);
            for (system, value) in identifiers(&entry.resource) {
                index
                    .identifiers
                    .insert((entry.resource_type.clone(), system.to_owned(), value.to_owned()), i);
            }
        }
        Self { source, entries, known, index, stubs: BTreeMap::new(), warnings: Vec::new() }
    }

    /// The row `field` names, which must be a `expected`: the record cannot hold the row
    /// without it (an observation's patient).
    pub fn required(&mut self, field: Option<&Value>, expected: &str, what: &str) -> Result<String, String> {
        let Some(reference) = field.and_then(reference::parse) else {
            return Err(format!("{what} is missing; the record needs its {}", expected.to_lowercase()));
        };
        match self.resolve(&reference, expected)? {
            Resolution::Row(id) => Ok(id),
            Resolution::OtherType(t) => Err(format!("{what} {reference} is a {t}, not a {expected}")),
            Resolution::NotFound(why) => Err(format!("{what}: {why}")),
        }
    }

    /// The row `field` names, when it names a `expected` that can be found; a target of that type
    /// that cannot be found is left out with a warning.
    pub fn optional(
        &mut self,
        field: Option<&Value>,
        expected: &str,
        what: &str,
    ) -> Result<Option<String>, String> {
        self.first_of(field, expected, what)
    }

    /// The first of `fields` that names a `expected` that can be found.
    pub fn first_of<'v>(
        &mut self,
        fields: impl IntoIterator<Item = &'v Value>,
        expected: &str,
        what: &str,
    ) -> Result<Option<String>, String> {
        for field in fields {
            let Some(reference) = reference::parse(field) else { continue };
            match self.resolve(&reference, expected)? {
                Resolution::Row(id) => return Ok(Some(id)),
                Resolution::OtherType(_) => {}
                Resolution::NotFound(why) => self.warnings.push(format!("{what}: {why}; left unlinked")),
            }
        }
        Ok(None)
    }

    /// The resource of this bundle `field` names, for types read but not kept (Medication).
    pub fn bundle_resource(&self, field: &Value) -> Result<Option<&'a Value>, String> {
        let Some(reference) = reference::parse(field) else { return Ok(None) };
        let at = match &reference {
            Reference::Uuid(url) => Some(
                *self.index.urls.get(url).ok_or_else(|| format!("{url} is not an entry of this bundle"))?,
            ),
            Reference::Literal { resource_type, id, url } => self
                .index
                .urls
                .get(url)
                .or_else(|| self.index.literals.get(&(resource_type.clone(), id.clone())))
                .copied(),
            _ => None,
        };
        Ok(at.map(|i| &self.entries[i].resource))
    }

    /// Records something the entry's parser could not link or use.
    pub fn warn(&mut self, warning: String) {
        self.warnings.push(warning);
    }

    /// Warnings raised since the last call, for the entry being parsed.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// The stub rows the references needed.
    pub fn into_stubs(self) -> Vec<Stub> {
        self.stubs.into_values().collect()
    }

    fn resolve(&mut self, reference: &Reference, expected: &str) -> Result<Resolution, String> {
        match reference {
            Reference::Uuid(url) => match self.index.urls.get(url) {
                Some(&i) => Ok(self.entry(i, expected)),
                None => Err(format!("{url} is not an entry of this bundle")),
            },
            Reference::Literal { resource_type, id, url } => {
                let in_bundle = self
                    .index
                    .urls
                    .get(url)
                    .or_else(|| self.index.literals.get(&(resource_type.clone(), id.clone())));
                if let Some(&i) = in_bundle {
                    return Ok(self.entry(i, expected));
                }
                if resource_type != expected {
                    return Ok(Resolution::OtherType(resource_type.clone()));
                }
                Ok(self.literal(resource_type, id))
            }
            Reference::Identifier { resource_type, system, value } => {
                let resource_type = resource_type.as_deref().unwrap_or(expected);
                if resource_type != expected {
                    return Ok(Resolution::OtherType(resource_type.to_owned()));
                }
                Ok(self.by_identifier(resource_type, system.as_deref(), value))
            }
            Reference::Contained(id) => Ok(Resolution::NotFound(format!(
                "#{id} is a contained resource, which the record does not keep"
            ))),
            Reference::Unsupported(text) => {
                Ok(Resolution::NotFound(format!("cannot follow the reference {text:?}")))
            }
        }
    }

    fn entry(&self, i: usize, expected: &str) -> Resolution {
        let entry = &self.entries[i];
        match &entry.row_id {
            Some(id) if entry.resource_type == expected => Resolution::Row(id.clone()),
            _ if entry.resource_type != expected => Resolution::OtherType(entry.resource_type.clone()),
            _ => Resolution::NotFound(format!("the record does not keep {} resources", entry.resource_type)),
        }
    }

    fn literal(&mut self, resource_type: &str, id: &str) -> Resolution {
        let own = records::record_id(self.source, resource_type, id);
        if self.known.ids.contains(&own) {
            return Resolution::Row(own);
        }
        if !is_directory(resource_type) {
            return Resolution::NotFound(format!(
                "{resource_type}/{id} is neither in this bundle nor imported before"
            ));
        }
        if let Some(row) = self.known.by_source_id.get(&(resource_type.to_owned(), id.to_owned())) {
            return Resolution::Row(row.clone());
        }
        self.stub(Stub {
            resource_type: resource_type.to_owned(),
            id: own,
            source_id: Some(id.to_owned()),
            identifier: None,
        })
    }

    fn by_identifier(&mut self, resource_type: &str, system: Option<&str>, value: &str) -> Resolution {
        let Some(system) = system else {
            return Resolution::NotFound(format!(
                "{resource_type} identifier {value:?} has no system, so it names nothing"
            ));
        };
        let key = (resource_type.to_owned(), system.to_owned(), value.to_owned());
        if let Some(&i) = self.index.identifiers.get(&key) {
            return self.entry(i, resource_type);
        }
        if let Some(id) = self.known.identifiers.get(&key) {
            return Resolution::Row(id.clone());
        }
        if !is_directory(resource_type) {
            return Resolution::NotFound(format!(
                "no {resource_type} with identifier {system}|{value} in this bundle or imported before"
            ));
        }
        let id = records::record_id(self.source, resource_type, &format!("identifier={system}|{value}"));
        self.stub(Stub {
            resource_type: resource_type.to_owned(),
            id,
            source_id: None,
            identifier: Some((system.to_owned(), value.to_owned())),
        })
    }

    fn stub(&mut self, stub: Stub) -> Resolution {
        let id = stub.id.clone();
        self.stubs.entry(id.clone()).or_insert(stub);
        Resolution::Row(id)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::fhir::import::report::Position;

    fn entry(full_url: &str, resource: Value, row_id: Option<&str>) -> Entry {
        let resource_type = resource["resourceType"].as_str().unwrap().to_owned();
        let source_id = resource["id"].as_str().unwrap().to_owned();
        Entry {
            position: Position::Entry(0),
            full_url: Some(full_url.into()),
            resource_type,
            resource,
            source_id,
            row_id: row_id.map(str::to_owned),
        }
    }

    fn bundle() -> Vec<Entry> {
        vec![
            entry("urn:uuid:p1", json!({"resourceType": "Patient", "id": "p1"}), Some("row-p1")),
            entry(
                "urn:uuid:d1",
                json!({"resourceType": "Practitioner", "id": "d1",
                       "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "1"}]}),
                Some("row-d1"),
            ),
            entry("urn:uuid:c1", json!({"resourceType": "Claim", "id": "c1"}), None),
        ]
    }

    #[test]
    fn references_to_the_same_bundle_resolve_by_full_url_literal_and_identifier() {
        let (entries, known) = (bundle(), Known::default());
        let mut r = Resolver::new("test", &entries, &known);
        let subject = json!({"reference": "urn:uuid:p1"});
        assert_eq!(r.required(Some(&subject), "Patient", "subject").unwrap(), "row-p1");
        let literal = json!({"reference": "Patient/p1"});
        assert_eq!(r.required(Some(&literal), "Patient", "subject").unwrap(), "row-p1");
        let npi = json!({"reference": "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|1"});
        assert_eq!(r.optional(Some(&npi), "Practitioner", "performer").unwrap().as_deref(), Some("row-d1"));
        assert!(r.into_stubs().is_empty());
    }

    #[test]
    fn an_urn_uuid_outside_the_bundle_is_an_error() {
        let (entries, known) = (bundle(), Known::default());
        let mut r = Resolver::new("test", &entries, &known);
        let missing = json!({"reference": "urn:uuid:nowhere"});
        assert!(
            r.optional(Some(&missing), "Encounter", "encounter")
                .unwrap_err()
                .contains("not an entry of this bundle")
        );
    }

    #[test]
    fn a_missing_directory_target_gets_a_stub_and_other_targets_a_warning() {
        let (entries, known) = (bundle(), Known::default());
        let mut r = Resolver::new("test", &entries, &known);
        let npi = json!({"reference": "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|2"});
        let stub_id = r.optional(Some(&npi), "Practitioner", "performer").unwrap().unwrap();
        let encounter = json!({"reference": "Encounter/e9"});
        assert_eq!(r.optional(Some(&encounter), "Encounter", "encounter").unwrap(), None);
        assert_eq!(r.take_warnings().len(), 1);
        let stubs = r.into_stubs();
        assert_eq!(stubs.len(), 1);
        assert_eq!(stubs[0].id, stub_id);
        assert_eq!(stubs[0].identifier, Some(("http://hl7.org/fhir/sid/us-npi".into(), "2".into())));
    }

    #[test]
    fn rows_written_before_are_found_by_id_identifier_and_source_id() {
        let entries = Vec::new();
        let mut known = Known::default();
        known.ids.insert(records::record_id("test", "Encounter", "e1"));
        known.identifiers.insert(("Practitioner".into(), "sys".into(), "7".into()), "stub-7".into());
        known.by_source_id.insert(("Patient".into(), "p9".into()), "row-p9".into());
        let mut r = Resolver::new("test", &entries, &known);
        let e = json!({"reference": "Encounter/e1"});
        assert_eq!(
            r.optional(Some(&e), "Encounter", "encounter").unwrap(),
            Some(records::record_id("test", "Encounter", "e1"))
        );
        let d = json!({"identifier": {"system": "sys", "value": "7"}});
        assert_eq!(r.optional(Some(&d), "Practitioner", "practitioner").unwrap().as_deref(), Some("stub-7"));
        let p = json!({"reference": "Patient/p9"});
        assert_eq!(r.required(Some(&p), "Patient", "subject").unwrap(), "row-p9");
    }

    #[test]
    fn a_required_reference_of_another_type_or_none_at_all_is_an_error() {
        let (entries, known) = (bundle(), Known::default());
        let mut r = Resolver::new("test", &entries, &known);
        let group = json!({"reference": "Group/g1"});
        assert!(
            r.required(Some(&group), "Patient", "subject").unwrap_err().contains("is a Group, not a Patient")
        );
        assert!(r.required(None, "Patient", "subject").unwrap_err().contains("subject is missing"));
        let claim = json!({"reference": "urn:uuid:c1"});
        assert!(r.required(Some(&claim), "Patient", "subject").unwrap_err().contains("is a Claim"));
    }

    #[test]
    fn a_directory_resource_fills_the_stub_its_identifier_names() {
        let mut known = Known::default();
        known.identifiers.insert(
            ("Practitioner".into(), "http://hl7.org/fhir/sid/us-npi".into(), "1".into()),
            "stub".into(),
        );
        let entries = bundle();
        assert_eq!(known.directory_row_id("test", &entries[1]), "stub");
        assert_eq!(known.directory_row_id("test", &entries[0]), records::record_id("test", "Patient", "p1"));
    }
}
