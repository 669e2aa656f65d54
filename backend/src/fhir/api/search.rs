//! Search parameters: which each type accepts, parsing their values (date prefixes, `system|code`
//! tokens, references, strings), `_count`, `_offset` and `_sort`, and turning them into one
//! portable SQL `WHERE … ORDER BY` with `$n` placeholders. Unknown parameters are ignored, as
//! FHIR allows, and left out of the paging links; a known parameter with a value we cannot use
//! is refused with 400.

use super::outcome::{FhirError, FhirResult};
use super::resource_type::ResourceType;
use crate::crypto::KeyRing;
use crate::fhir::datetime;

/// Results per page when the client does not say.
pub const DEFAULT_COUNT: usize = 50;
/// Most results per page; larger `_count`s are lowered to this, as FHIR lets a server do.
pub const MAX_COUNT: usize = 200;

const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";

/// How a token parameter finds the code system of the value it compares.
#[derive(Debug, Clone, Copy)]
pub enum System {
    /// The system is stored in this column beside the code.
    Column(&'static str),
    /// Every stored code is from this system.
    Fixed(&'static str),
    /// The system is not stored; a `system|` part of the value is not checked.
    Unknown,
}

/// What a parameter searches, and how.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// `patient=` / `subject=`: whose record. Access control decides what it may name.
    Patient,
    /// `_id`.
    Id,
    Token {
        code: &'static str,
        system: System,
    },
    /// A FHIR date against a UTC instant column (`YYYY-MM-DDTHH:MM:SSZ`).
    Instant(&'static str),
    /// A FHIR date against a `YYYY-MM-DD` text column (`birthdate`).
    Day(&'static str),
    /// A string, matched case-insensitively from its start against any of the columns.
    Text(&'static [&'static str]),
    Reference {
        column: &'static str,
        target: ResourceType,
    },
    /// `identifier=system|value`, through the `identifiers` table.
    Identifier,
}

impl Kind {
    /// The parameter's FHIR search type, for the CapabilityStatement.
    pub const fn fhir_type(self) -> &'static str {
        match self {
            Self::Patient | Self::Reference { .. } => "reference",
            Self::Id | Self::Token { .. } | Self::Identifier => "token",
            Self::Instant(_) | Self::Day(_) => "date",
            Self::Text(_) => "string",
        }
    }

    /// The column `_sort` orders by for this parameter, if it can be sorted on.
    const fn sort_column(self) -> Option<&'static str> {
        match self {
            Self::Patient => Some("patient_id"),
            Self::Id => Some("id"),
            Self::Token { code, .. } => Some(code),
            Self::Instant(c) | Self::Day(c) => Some(c),
            Self::Text(columns) => match columns.first() {
                Some(c) => Some(c),
                None => None,
            },
            Self::Reference { column, .. } => Some(column),
            Self::Identifier => None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    pub kind: Kind,
}

const fn p(name: &'static str, kind: Kind) -> Param {
    Param { name, kind }
}

const fn token(code: &'static str, system: System) -> Kind {
    Kind::Token { code, system }
}

const fn coded(code: &'static str, system_column: &'static str) -> Kind {
    Kind::Token { code, system: System::Column(system_column) }
}

const fn fixed(code: &'static str, system: &'static str) -> Kind {
    Kind::Token { code, system: System::Fixed(system) }
}

const fn reference(column: &'static str, target: ResourceType) -> Kind {
    Kind::Reference { column, target }
}

/// Parameters every type accepts.
pub const COMMON: [Param; 2] = [p("_id", Kind::Id), p("_lastUpdated", Kind::Instant("updated_at"))];

/// The parameters `resource_type` accepts besides [`COMMON`].
#[expect(clippy::too_many_lines, reason = "one table of every type's parameters reads best whole")]
pub fn params(resource_type: ResourceType) -> &'static [Param] {
    use ResourceType as T;
    match resource_type {
        T::Patient => {
            const {
                &[
                    p("identifier", Kind::Identifier),
                    p("name", Kind::Text(&["family", "given", "prefix", "suffix"])),
                    p("family", Kind::Text(&["family"])),
                    p("given", Kind::Text(&["given"])),
                    p("birthdate", Kind::Day("birth_date")),
                    p("gender", fixed("gender", "http://hl7.org/fhir/administrative-gender")),
                    p("general-practitioner", reference("general_practitioner_id", T::Practitioner)),
                    p("organization", reference("managing_organization_id", T::Organization)),
                    p("address-city", Kind::Text(&["city"])),
                    p("address-state", Kind::Text(&["state"])),
                    p("address-postalcode", Kind::Text(&["postal_code"])),
                ]
            }
        }
        T::Observation => {
            const {
                &[
                    p("patient", Kind::Patient),
                    p("subject", Kind::Patient),
                    p("category", fixed("category", OBSERVATION_CATEGORY)),
                    p("code", coded("code", "code_system")),
                    p("date", Kind::Instant("effective_at")),
                    p("status", fixed("status", "http://hl7.org/fhir/observation-status")),
                    p("encounter", reference("encounter_id", T::Encounter)),
                    p("performer", reference("performer_id", T::Practitioner)),
                ]
            }
        }
        T::DiagnosticReport => {
            const {
                &[
                    p("patient", Kind::Patient),
                    p("subject", Kind::Patient),
                    p("category", token("category", System::Unknown)),
                    p("code", coded("code", "code_system")),
                    p("date", Kind::Instant("effective_at")),
                    p("issued", Kind::Instant("issued_at")),
                    p("status", fixed("status", "http://hl7.org/fhir/diagnostic-report-status")),
                    p("encounter", reference("encounter_id", T::Encounter)),
                    p("performer", reference("performer_id", T::Practitioner)),
                ]
            }
        }
        T::Condition => {
            const {
                &[
                    p("patient", Kind::Patient),
                    p("subject", Kind::Patient),
                    p("category", token("category", System::Unknown)),
                    p("code", coded("code", "code_system")),
                    p(
                        "clinical-status",
                        fixed("clinical_status", "http://terminology.hl7.org/CodeSystem/condition-clinical"),
                    ),
                    p(
                        "verification-status",
                        fixed(
                            "verification_status",
                            "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                        ),
                    ),
                    p("onset-date", Kind::Instant("onset_at")),
                    p("encounter", reference("encounter_id", T::Encounter)),
                ]
            }
        }
        T::AllergyIntolerance => {
            const {
                &[
                    p("patient", Kind::Patient),
                    p(
                        "clinical-status",
                        fixed(
                            "clinical_status",
                            "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                        ),
                    ),
                    p(
                        "verification-status",
                        fixed(
                            "verification_status",
                            "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
                        ),
                    ),
                    p("type", fixed("allergy_type", "http://hl7.org/fhir/allergy-intolerance-type")),
                    p("category", fixed("category", "http://hl7.org/fhir/allergy-intolerance-category")),
                    p(
                        "criticality",
                        fixed("criticality", "http://hl7.org/fhir/allergy-intolerance-criticality"),
                    ),
                    p("code", coded("code", "code_system")),
                ]
            }
        }
        T::MedicationRequest => {
            const {
                &[
                    p("patient", Kind::Patient),
                    p("subject", Kind::Patient),
                    p("status", fixed("status", "http://hl7.org/fhir/CodeSystem/medicationrequest-status")),
                    p("intent", fixed("intent", "http://hl7.org/fhir/CodeSystem/medicationrequest-intent")),
                    p("code", coded("medication_code", "medication_system")),
                    p("authoredon", Kind::Instant("authored_at")),
                    p("encounter", reference("encounter_id", T::Encounter)),
                    p("requester", reference("requester_id", T::Practitioner)),
                ]
            }
        }
        T::Immunization => {
            const {
                &[
                    p("patient", Kind::Patient),
                    p("status", fixed("status", "http://hl7.org/fhir/event-status")),
                    p("vaccine-code", coded("vaccine_code", "vaccine_system")),
                    p("date", Kind::Instant("occurrence_at")),
                    p("performer", reference("performer_id", T::Practitioner)),
                    p("location", reference("location_id", T::Location)),
                ]
            }
        }
        T::Encounter => {
            const {
                &[
                    p("patient", Kind::Patient),
                    p("subject", Kind::Patient),
                    p("status", fixed("status", "http://hl7.org/fhir/encounter-status")),
                    p("class", fixed("class_code", "http://terminology.hl7.org/CodeSystem/v3-ActCode")),
                    p("type", coded("type_code", "type_system")),
                    p("reason-code", coded("reason_code", "reason_system")),
                    p("date", Kind::Instant("start_at")),
                    p("practitioner", reference("practitioner_id", T::Practitioner)),
                    p("location", reference("location_id", T::Location)),
                    p("service-provider", reference("organization_id", T::Organization)),
                ]
            }
        }
        T::DocumentReference => {
            const {
                &[
                    p("patient", Kind::Patient),
                    p("subject", Kind::Patient),
                    p("status", fixed("status", "http://hl7.org/fhir/document-reference-status")),
                    p("type", coded("type_code", "type_system")),
                    p("category", token("category", System::Unknown)),
                    p("date", Kind::Instant("date_at")),
                    p("encounter", reference("encounter_id", T::Encounter)),
                    p("author", reference("author_id", T::Practitioner)),
                ]
            }
        }
        T::CarePlan => {
            const {
                &[
                    p("patient", Kind::Patient),
                    p("subject", Kind::Patient),
                    p("status", fixed("status", "http://hl7.org/fhir/request-status")),
                    p("intent", fixed("intent", "http://hl7.org/fhir/request-intent")),
                    p("category", coded("category_code", "category_system")),
                    p("encounter", reference("encounter_id", T::Encounter)),
                ]
            }
        }
        T::Goal => {
            const {
                &[
                    p("patient", Kind::Patient),
                    p("subject", Kind::Patient),
                    p("lifecycle-status", fixed("lifecycle_status", "http://hl7.org/fhir/goal-status")),
                    p(
                        "achievement-status",
                        fixed("achievement_status", "http://terminology.hl7.org/CodeSystem/goal-achievement"),
                    ),
                ]
            }
        }
        T::Coverage => {
            const {
                &[
                    p("patient", Kind::Patient),
                    p("beneficiary", Kind::Patient),
                    p("status", fixed("status", "http://hl7.org/fhir/fm-status")),
                    p("type", coded("type_code", "type_system")),
                    p("payor", reference("payor_id", T::Organization)),
                ]
            }
        }
        T::Practitioner => {
            const {
                &[
                    p("identifier", Kind::Identifier),
                    p("name", Kind::Text(&["family", "given", "prefix", "suffix"])),
                    p("family", Kind::Text(&["family"])),
                    p("given", Kind::Text(&["given"])),
                    p("gender", fixed("gender", "http://hl7.org/fhir/administrative-gender")),
                ]
            }
        }
        T::PractitionerRole => {
            const {
                &[
                    p("practitioner", reference("practitioner_id", T::Practitioner)),
                    p("organization", reference("organization_id", T::Organization)),
                    p("location", reference("location_id", T::Location)),
                    p("role", coded("role_code", "role_system")),
                    p("specialty", coded("specialty_code", "specialty_system")),
                ]
            }
        }
        T::Organization => {
            const {
                &[
                    p("identifier", Kind::Identifier),
                    p("name", Kind::Text(&["name"])),
                    p("type", fixed("type_code", "http://terminology.hl7.org/CodeSystem/organization-type")),
                    p("partof", reference("part_of_id", T::Organization)),
                    p("address-city", Kind::Text(&["city"])),
                    p("address-state", Kind::Text(&["state"])),
                ]
            }
        }
        T::Location => {
            const {
                &[
                    p("identifier", Kind::Identifier),
                    p("name", Kind::Text(&["name"])),
                    p("status", fixed("status", "http://hl7.org/fhir/location-status")),
                    p("address-city", Kind::Text(&["city"])),
                    p("address-state", Kind::Text(&["state"])),
                    p("address-postalcode", Kind::Text(&["postal_code"])),
                    p("organization", reference("managing_organization_id", T::Organization)),
                ]
            }
        }
    }
}

/// Every parameter `resource_type` accepts.
pub fn all_params(resource_type: ResourceType) -> impl Iterator<Item = Param> {
    COMMON.into_iter().chain(params(resource_type).iter().copied())
}

fn find(resource_type: ResourceType, name: &str) -> Option<Param> {
    all_params(resource_type).find(|p| p.name == name)
}

/// A `WHERE` clause being built: conditions joined by `AND`, with their bound values in order.
/// Every bound value is text, which both engines compare with the text columns it meets.
#[derive(Debug, Clone, Default)]
pub struct Where {
    clauses: Vec<String>,
    binds: Vec<String>,
}

impl Where {
    /// Adds a value to bind and returns its placeholder.
    pub fn bind(&mut self, value: impl Into<String>) -> String {
        self.binds.push(value.into());
        format!("${}", self.binds.len())
    }

    pub fn push(&mut self, clause: impl Into<String>) {
        self.clauses.push(clause.into());
    }

    /// ` WHERE a AND b`, or nothing.
    pub fn sql(&self) -> String {
        if self.clauses.is_empty() { String::new() } else { format!(" WHERE {}", self.clauses.join(" AND ")) }
    }

    pub fn binds(&self) -> &[String] {
        &self.binds
    }
}

/// One `_sort` key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    pub column: &'static str,
    pub descending: bool,
}

/// `ORDER BY` for `keys`, rows without a value last on both engines (SQLite puts NULLs first
/// and PostgreSQL last unless told), and `id` as the final key so paging is stable.
pub fn order_by(keys: &[SortKey]) -> String {
    let mut parts = Vec::new();
    for key in keys {
        parts.push(format!("CASE WHEN {} IS NULL THEN 1 ELSE 0 END", key.column));
        parts.push(format!("{} {}", key.column, if key.descending { "DESC" } else { "ASC" }));
    }
    if !keys.iter().any(|k| k.column == "id") {
        parts.push("id ASC".to_owned());
    }
    format!(" ORDER BY {}", parts.join(", "))
}

/// A parsed search.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub filter: Where,
    /// Patients named by `patient`, `subject` or `beneficiary` (and `_id` on Patient), for
    /// access control, which also adds the condition on them.
    pub patients: Vec<String>,
    pub sort: Vec<SortKey>,
    pub count: usize,
    pub offset: usize,
    /// The recognised parameters as received, for the paging links (without `_count` and
    /// `_offset`, which each link sets).
    pub echo: Vec<(String, String)>,
}

/// Parses the query of a search of `resource_type`.
/// Reads a search's query. `keys` give the blind indexes an identifier is looked up by.
pub fn parse(keys: &KeyRing, resource_type: ResourceType, query: &[(String, String)]) -> FhirResult<Search> {
    let mut search = Search { count: DEFAULT_COUNT, ..Search::default() };
    for (raw_name, value) in query {
        // FHIR: a parameter with an empty value is ignored.
        if value.is_empty() {
            continue;
        }
        let (name, modifier) = match raw_name.split_once(':') {
            Some((name, modifier)) => (name, Some(modifier)),
            None => (raw_name.as_str(), None),
        };
        match name {
            "_count" => search.count = parse_count(value)?.min(MAX_COUNT),
            "_offset" => search.offset = parse_number("_offset", value)?,
            "_sort" => {
                search.sort = parse_sort(resource_type, value)?;
                search.echo.push((raw_name.clone(), value.clone()));
            }
            _ => {
                let Some(param) = find(resource_type, name) else { continue };
                add_condition(&mut search, keys, resource_type, param, modifier, value)?;
                search.echo.push((raw_name.clone(), value.clone()));
            }
        }
    }
    Ok(search)
}

pub fn parse_count(value: &str) -> FhirResult<usize> {
    parse_number("_count", value)
}

fn parse_number(name: &str, value: &str) -> FhirResult<usize> {
    value.parse().map_err(|_| {
        FhirError::invalid(format!("{name} must be a whole number of zero or more, not {value:?}."))
    })
}

fn parse_sort(resource_type: ResourceType, value: &str) -> FhirResult<Vec<SortKey>> {
    value
        .split(',')
        .map(|key| {
            let (name, descending) = match key.strip_prefix('-') {
                Some(name) => (name, true),
                None => (key, false),
            };
            let column = find(resource_type, name).and_then(|p| p.kind.sort_column()).ok_or_else(|| {
                FhirError::invalid(format!("{resource_type} cannot be sorted by {name:?}."))
            })?;
            Ok(SortKey { column, descending })
        })
        .collect()
}

fn add_condition(
    search: &mut Search,
    keys: &KeyRing,
    resource_type: ResourceType,
    param: Param,
    modifier: Option<&str>,
    value: &str,
) -> FhirResult<()> {
    let unsupported =
        |m: &str| FhirError::invalid(format!("The modifier :{m} is not supported on {}.", param.name));
    let values = split_escaped(value, ',');
    let filter = &mut search.filter;
    let alternatives: Vec<String> = match param.kind {
        Kind::Patient => {
            if let Some(m) = modifier {
                return Err(unsupported(m));
            }
            for v in &values {
                search.patients.push(reference_id(param.name, v, ResourceType::Patient)?);
            }
            // Access control adds the condition once it has decided.
            return Ok(());
        }
        Kind::Id => {
            if let Some(m) = modifier {
                return Err(unsupported(m));
            }
            if resource_type == ResourceType::Patient {
                search.patients.extend(values.iter().cloned());
            }
            values.iter().map(|v| format!("id = {}", filter.bind(v.as_str()))).collect()
        }
        Kind::Token { code, system } => {
            if let Some(m) = modifier {
                return Err(unsupported(m));
            }
            values.iter().map(|v| token_condition(filter, code, system, v)).collect()
        }
        Kind::Identifier => {
            if let Some(m) = modifier {
                return Err(unsupported(m));
            }
            values.iter().map(|v| identifier_condition(filter, keys, resource_type, v)).collect()
        }
        Kind::Instant(column) | Kind::Day(column) => {
            if let Some(m) = modifier {
                return Err(unsupported(m));
            }
            let day = matches!(param.kind, Kind::Day(_));
            values
                .iter()
                .map(|v| date_condition(filter, param.name, column, day, v))
                .collect::<FhirResult<_>>()?
        }
        Kind::Text(columns) => {
            let pattern = |v: &str| match modifier {
                None => Ok(format!("{}%", escape_like(&v.to_lowercase()))),
                Some("contains") => Ok(format!("%{}%", escape_like(&v.to_lowercase()))),
                Some("exact") => Ok(v.to_owned()),
                Some(m) => Err(unsupported(m)),
            };
            let mut alternatives = Vec::new();
            for v in &values {
                let pattern = pattern(v)?;
                for column in columns {
                    alternatives.push(if modifier == Some("exact") {
                        format!("{column} = {}", filter.bind(pattern.as_str()))
                    } else {
                        format!("LOWER({column}) LIKE {} ESCAPE '\\'", filter.bind(pattern.as_str()))
                    });
                }
            }
            alternatives
        }
        Kind::Reference { column, target } => {
            if let Some(m) = modifier {
                return Err(unsupported(m));
            }
            values
                .iter()
                .map(|v| Ok(format!("{column} = {}", filter.bind(reference_id(param.name, v, target)?))))
                .collect::<FhirResult<_>>()?
        }
    };
    filter.push(format!("({})", alternatives.join(" OR ")));
    Ok(())
}

/// `system|code`, `|code` (no system), `system|` (any code of the system) or `code`.
fn token_condition(filter: &mut Where, code_column: &str, system: System, value: &str) -> String {
    let parts = split_escaped(value, '|');
    let (wanted_system, code) = match parts.as_slice() {
        [code] => (None, Some(code.as_str())),
        [system, code, ..] => (Some(system.as_str()), Some(code.as_str()).filter(|c| !c.is_empty())),
        [] => (None, None),
    };
    let mut conditions = Vec::new();
    if let Some(code) = code {
        conditions.push(format!("{code_column} = {}", filter.bind(code)));
    }
    match (wanted_system, system) {
        (None, _) | (Some(_), System::Unknown) => {}
        (Some(""), System::Column(column)) => conditions.push(format!("{column} IS NULL")),
        (Some(s), System::Column(column)) => conditions.push(format!("{column} = {}", filter.bind(s))),
        (Some(s), System::Fixed(fixed)) if s == fixed => {}
        // A code from a system these values never come from matches nothing.
        (Some(_), System::Fixed(_)) => conditions.push("1 = 0".to_owned()),
    }
    if conditions.is_empty() {
        conditions.push(format!("{code_column} IS NOT NULL"));
    }
    format!("({})", conditions.join(" AND "))
}

/// Identifiers are stored under a blind index (`records::Identifier`): a value matches its index
/// under any key of the ring, or itself in a row from before sealing.
fn identifier_condition(
    filter: &mut Where,
    keys: &KeyRing,
    resource_type: ResourceType,
    value: &str,
) -> String {
    let parts = split_escaped(value, '|');
    let mut inner = vec![format!("resource_type = {}", filter.bind(resource_type.name()))];
    let value_condition = |filter: &mut Where, v: &str| {
        let stored: Vec<String> = keys
            .blind_indexes(crate::records::IDENTIFIER_INDEX, v)
            .into_iter()
            .chain([v.to_owned()])
            .map(|stored| filter.bind(stored))
            .collect();
        format!("value IN ({})", stored.join(", "))
    };
    match parts.as_slice() {
        [v] => inner.push(value_condition(filter, v)),
        [system, v, ..] => {
            if !system.is_empty() {
                inner.push(format!("system = {}", filter.bind(system.as_str())));
            }
            if !v.is_empty() {
                inner.push(value_condition(filter, v));
            }
        }
        [] => {}
    }
    format!("id IN (SELECT resource_id FROM identifiers WHERE {})", inner.join(" AND "))
}

/// A date parameter: an optional prefix, then a FHIR date of any precision, which names a
/// period `[start, end)`. The stored value is the instant its own period starts at.
fn date_condition(
    filter: &mut Where,
    name: &str,
    column: &str,
    day: bool,
    value: &str,
) -> FhirResult<String> {
    let value = unspace(value);
    let value = value.as_str();
    let (prefix, date) = match value.get(..2) {
        Some(p) if p.bytes().all(|b| b.is_ascii_lowercase()) => (p, &value[2..]),
        _ => ("eq", value),
    };
    let period = datetime::period(date)
        .filter(|_| !day || date.len() <= 10)
        .ok_or_else(|| FhirError::invalid(format!("{name}={value} is not a FHIR date.")))?;
    // A day column holds `YYYY-MM-DD`, which compares as text with the period's whole days.
    let (start, end) = if day {
        (period.start[..10].to_owned(), period.end[..10].to_owned())
    } else {
        (period.start, period.end)
    };
    Ok(match prefix {
        "eq" => format!("({column} >= {} AND {column} < {})", filter.bind(start), filter.bind(end)),
        "ne" => format!("({column} < {} OR {column} >= {})", filter.bind(start), filter.bind(end)),
        "gt" | "sa" => format!("{column} >= {}", filter.bind(end)),
        "lt" | "eb" => format!("{column} < {}", filter.bind(start)),
        "ge" => format!("{column} >= {}", filter.bind(start)),
        "le" => format!("{column} < {}", filter.bind(end)),
        other => {
            return Err(FhirError::invalid(format!("The date prefix {other:?} of {name} is not supported.")));
        }
    })
}

/// A date as sent: form decoding reads the unescaped `+` of an offset (`+05:00`) as a space,
/// and a date never holds one.
pub fn unspace(date: &str) -> String {
    date.replace(' ', "+")
}

/// The id in a reference parameter's value: `123`, `Patient/123` or `https://…/Patient/123`.
pub fn reference_id(name: &str, value: &str, target: ResourceType) -> FhirResult<String> {
    let mut segments = value.rsplit('/');
    let id = segments.next().unwrap_or_default();
    let named_type = segments.next();
    let valid_id = !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    if !valid_id || named_type.is_some_and(|t| t != target.name()) {
        return Err(FhirError::invalid(format!("{name}={value} is not a reference to a {target}.")));
    }
    Ok(id.to_owned())
}

/// Splits on `separator` where it is not escaped with a backslash, and removes FHIR's escapes.
fn split_escaped(value: &str, separator: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    let part = parts.last_mut().expect("never empty");
                    if next != separator {
                        part.push('\\');
                    }
                    part.push(next);
                }
            }
            c if c == separator => parts.push(String::new()),
            c => parts.last_mut().expect("never empty").push(c),
        }
    }
    parts
}

/// Escapes `LIKE`'s wildcards so a search for `50%` means those characters.
fn escape_like(value: &str) -> String {
    value.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> KeyRing {
        KeyRing::generate("test").0
    }

    fn query(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn a_token_with_a_system_checks_both_columns() {
        let search =
            parse(&keys(), ResourceType::Observation, &query(&[("code", "http://loinc.org|4548-4,8867-4")]))
                .unwrap();
        assert_eq!(search.filter.sql(), " WHERE ((code = $1 AND code_system = $2) OR (code = $3))");
        assert_eq!(search.filter.binds(), ["4548-4", "http://loinc.org", "8867-4"]);
    }

    #[test]
    fn a_category_from_another_system_matches_nothing() {
        let search =
            parse(&keys(), ResourceType::Observation, &query(&[("category", "http://other|laboratory")]))
                .unwrap();
        assert!(search.filter.sql().contains("1 = 0"), "{}", search.filter.sql());
        let search = parse(
            &keys(),
            ResourceType::Observation,
            &query(&[("category", &format!("{OBSERVATION_CATEGORY}|laboratory"))]),
        )
        .unwrap();
        assert!(!search.filter.sql().contains("1 = 0"));
    }

    #[test]
    fn each_date_prefix_compares_the_period_it_names() {
        let cases = [
            (
                "2020",
                "(effective_at >= $1 AND effective_at < $2)",
                vec!["2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z"],
            ),
            (
                "eq2020-02",
                "(effective_at >= $1 AND effective_at < $2)",
                vec!["2020-02-01T00:00:00Z", "2020-03-01T00:00:00Z"],
            ),
            (
                "ne2020",
                "(effective_at < $1 OR effective_at >= $2)",
                vec!["2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z"],
            ),
            ("gt2020", "effective_at >= $1", vec!["2021-01-01T00:00:00Z"]),
            ("ge2020", "effective_at >= $1", vec!["2020-01-01T00:00:00Z"]),
            ("lt2020", "effective_at < $1", vec!["2020-01-01T00:00:00Z"]),
            ("le2020", "effective_at < $1", vec!["2021-01-01T00:00:00Z"]),
        ];
        for (value, sql, binds) in cases {
            let search = parse(&keys(), ResourceType::Observation, &query(&[("date", value)])).unwrap();
            assert_eq!(search.filter.sql(), format!(" WHERE ({sql})"), "{value}");
            assert_eq!(search.filter.binds(), binds.as_slice(), "{value}");
        }
    }

    #[test]
    fn bad_values_are_refused_and_unknown_parameters_ignored() {
        for bad in [
            ("date", "garbage"),
            ("date", "ap2020"),
            ("_count", "-1"),
            ("_count", "lots"),
            ("_sort", "colour"),
        ] {
            let err = parse(&keys(), ResourceType::Observation, &query(&[bad])).unwrap_err();
            assert_eq!(err.status().as_u16(), 400, "{bad:?}");
        }
        let search =
            parse(&keys(), ResourceType::Observation, &query(&[("colour", "blue"), ("_include", "x")]))
                .unwrap();
        assert!(search.echo.is_empty());
        assert_eq!(search.filter.sql(), "");
    }

    #[test]
    fn count_is_capped_and_sort_keys_map_to_columns() {
        let search = parse(
            &keys(),
            ResourceType::Observation,
            &query(&[("_count", "100000"), ("_sort", "-date,code")]),
        )
        .unwrap();
        assert_eq!(search.count, MAX_COUNT);
        assert_eq!(
            search.sort,
            [
                SortKey { column: "effective_at", descending: true },
                SortKey { column: "code", descending: false }
            ]
        );
    }

    #[test]
    fn references_name_a_patient_in_any_of_the_usual_forms() {
        for value in ["p1", "Patient/p1", "https://portal.example/fhir/r4/Patient/p1"] {
            assert_eq!(reference_id("patient", value, ResourceType::Patient).unwrap(), "p1");
        }
        assert!(reference_id("subject", "Group/g1", ResourceType::Patient).is_err());
        assert!(reference_id("patient", "p 1", ResourceType::Patient).is_err());
    }

    #[test]
    fn escaped_separators_stay_in_the_value() {
        assert_eq!(split_escaped(r"a\,b,c", ','), ["a,b", "c"]);
        assert_eq!(split_escaped(r"s\|x|c", '|'), ["s|x", "c"]);
    }
}
