//! `GET /fhir/r4/Patient/{id}/$everything`: the patient and every resource in their record, a
//! page at a time, with the directory resources each page refers to. `_since` keeps resources
//! updated at or after an instant; `start` and `end` keep resources whose clinical date falls in
//! the window (resources without a clinical date are always kept); `_type` keeps some types.
//! The Patient resource itself is always there unless `_type` leaves it out: it anchors the rest.

use std::collections::BTreeSet;

use serde_json::Value;

use super::access;
use super::bundle::Mode;
use super::outcome::{FhirError, FhirResult};
use super::render::FhirRecord;
use super::resource_type::ResourceType;
use super::search::{self, SortKey, Where};
use super::store::{self, dispatch};
use crate::Db;
use crate::access::Opened;
use crate::fhir::datetime;

pub const DEFAULT_EVERYTHING_COUNT: usize = 200;
pub const MAX_EVERYTHING_COUNT: usize = 1000;

/// The parsed parameters of one `$everything` request.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub since: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub types: Option<BTreeSet<ResourceType>>,
    pub count: usize,
    pub offset: usize,
    /// The recognised parameters, for the paging links.
    pub echo: Vec<(String, String)>,
}

pub fn parse(query: &[(String, String)]) -> FhirResult<Request> {
    let mut request = Request { count: DEFAULT_EVERYTHING_COUNT, ..Request::default() };
    let date = |name: &str, value: &str| {
        datetime::period(&search::unspace(value))
            .ok_or_else(|| FhirError::invalid(format!("{name}={value} is not a FHIR date.")))
    };
    for (name, value) in query {
        if value.is_empty() {
            continue;
        }
        match name.as_str() {
            "_since" => request.since = Some(date(name, value)?.start),
            "start" => request.start = Some(date(name, value)?.start),
            "end" => request.end = Some(date(name, value)?.end),
            "_type" => {
                let types = value
                    .split(',')
                    .map(|t| {
                        ResourceType::parse(t.trim()).filter(|t| t.patient_column().is_some()).ok_or_else(
                            || {
                                FhirError::invalid(format!(
                                    "_type names {t:?}, which is not in a patient's record."
                                ))
                            },
                        )
                    })
                    .collect::<FhirResult<BTreeSet<_>>>()?;
                request.types = Some(types);
            }
            "_count" => {
                request.count = search::parse_count(value)?.min(MAX_EVERYTHING_COUNT);
                continue;
            }
            "_offset" => {
                request.offset = value.parse().map_err(|_| {
                    FhirError::invalid(format!("_offset must be a whole number, not {value:?}."))
                })?;
                continue;
            }
            _ => continue,
        }
        request.echo.push((name.clone(), value.clone()));
    }
    Ok(request)
}

/// The types of a patient's record besides Patient itself, in the order they are returned.
fn record_types(request: &Request) -> Vec<ResourceType> {
    ResourceType::ALL
        .into_iter()
        .filter(|t| t.patient_column().is_some() && *t != ResourceType::Patient)
        .filter(|t| request.types.as_ref().is_none_or(|types| types.contains(t)))
        .collect()
}

fn filter_for(kind: ResourceType, patient_id: &str, request: &Request) -> Where {
    let mut filter = Where::default();
    let column = kind.patient_column().unwrap_or("patient_id");
    let p = filter.bind(patient_id);
    filter.push(format!("{column} = {p}"));
    if let Some(since) = &request.since {
        let p = filter.bind(since.as_str());
        filter.push(format!("updated_at >= {p}"));
    }
    if let Some(date) = kind.clinical_date() {
        if let Some(start) = &request.start {
            let p = filter.bind(start.as_str());
            filter.push(format!("({date} IS NULL OR {date} >= {p})"));
        }
        if let Some(end) = &request.end {
            let p = filter.bind(end.as_str());
            filter.push(format!("({date} IS NULL OR {date} < {p})"));
        }
    }
    filter
}

/// One page of the patient's record: the entries, with includes, and the total of matches.
pub async fn page(
    db: &Db,
    patient: Value,
    patient_refs: Vec<(ResourceType, String)>,
    patient_id: &str,
    request: &Request,
    opened: &Opened,
) -> FhirResult<(Vec<(Value, Mode)>, usize)> {
    let types = record_types(request);
    let include_patient = request.types.as_ref().is_none_or(|t| t.contains(&ResourceType::Patient));
    let mut segments: Vec<(ResourceType, usize)> = Vec::new();
    if include_patient {
        segments.push((ResourceType::Patient, 1));
    }
    for kind in types {
        let mut filter = filter_for(kind, patient_id, request);
        access::hide_confidential(kind, opened, &mut filter);
        let n = dispatch!(kind, R => store::count::<R>(db, &filter).await?);
        segments.push((kind, n));
    }
    let total = segments.iter().map(|(_, n)| n).sum();

    let mut entries = Vec::new();
    let mut refs: BTreeSet<(ResourceType, String)> = BTreeSet::new();
    let (mut skip, mut room) = (request.offset, request.count);
    for (kind, n) in segments {
        if room == 0 {
            break;
        }
        if skip >= n {
            skip -= n;
            continue;
        }
        let take = (n - skip).min(room);
        if kind == ResourceType::Patient {
            entries.push((patient.clone(), Mode::Match));
            refs.extend(patient_refs.iter().cloned());
        } else {
            let mut filter = filter_for(kind, patient_id, request);
            access::hide_confidential(kind, opened, &mut filter);
            let order = search::order_by(
                &kind
                    .clinical_date()
                    .map(|column| SortKey { column, descending: false })
                    .into_iter()
                    .collect::<Vec<_>>(),
            );
            let (values, found) = dispatch!(kind, R => segment::<R>(db, &filter, &order, take, skip).await?);
            entries.extend(values.into_iter().map(|v| (v, Mode::Match)));
            refs.extend(found);
        }
        skip = 0;
        room -= take;
    }
    entries.extend(includes(db, refs).await?.into_iter().map(|v| (v, Mode::Include)));
    Ok((entries, total))
}

async fn segment<R: FhirRecord>(
    db: &Db,
    filter: &Where,
    order: &str,
    limit: usize,
    offset: usize,
) -> FhirResult<(Vec<Value>, Vec<(ResourceType, String)>)> {
    let rows = store::page::<R>(db, filter, order, limit, offset).await?;
    let refs = rows.iter().flat_map(FhirRecord::directory_refs).collect();
    Ok((R::render_all(db, rows).await?, refs))
}

/// The directory resources a page refers to, rendered, each once.
pub async fn includes(db: &Db, refs: BTreeSet<(ResourceType, String)>) -> FhirResult<Vec<Value>> {
    let mut out = Vec::new();
    for kind in [ResourceType::Practitioner, ResourceType::Organization, ResourceType::Location] {
        let ids: Vec<String> = refs.iter().filter(|(t, _)| *t == kind).map(|(_, id)| id.clone()).collect();
        let rendered = dispatch!(kind, R => {
            let rows = store::by_ids::<R>(db, &ids).await?;
            R::render_all(db, rows).await?
        });
        out.extend(rendered);
    }
    Ok(out)
}
