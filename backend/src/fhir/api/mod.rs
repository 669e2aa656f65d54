//! The FHIR R4 read API under `/fhir/r4`: `metadata`, read and search of the clinical record's
//! resource types, and `Patient/{id}/$everything`. JSON only (`application/fhir+json`); every
//! error is an `OperationOutcome`. Everything but `metadata` needs a signed-in session, and
//! every access to a patient's record goes through `Caller::open_record`, which audits it.

mod access;
mod bundle;
mod capability;
mod everything;
pub mod outcome;
mod render;
mod resource_type;
mod search;
mod store;

use axum::Router;
use axum::extract::{FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::Value;

use self::bundle::{Mode, Page};
use self::outcome::{FhirError, FhirResult, fhir_json};
use self::render::FhirRecord;
use self::resource_type::ResourceType;
use self::store::dispatch;
use crate::AppState;
use crate::auth::Caller;

/// Where the API is mounted.
pub const PREFIX: &str = "/fhir/r4";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/metadata", get(metadata))
        .route("/Patient/{id}/$everything", get(patient_everything))
        .route("/{resource_type}", get(search_type))
        .route("/{resource_type}/{id}", get(read))
        .fallback(no_such_route)
        .layer(middleware::from_fn(negotiate))
}

/// The signed-in caller, refused with a 401 `OperationOutcome`.
struct SignedIn(Caller);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = FhirError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, FhirError> {
        Ok(Self(Caller::from_request_parts(parts, state).await?))
    }
}

/// The query's parameters in order, repeats kept (`date=ge2020&date=lt2021`).
struct FhirQuery(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for FhirQuery {
    type Rejection = FhirError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, FhirError> {
        let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|rejection| FhirError::invalid(rejection.body_text()))?;
        Ok(Self(pairs))
    }
}

/// The absolute FHIR base links are built from: the configured public URL, never the Host.
struct Base(String);

impl FromRequestParts<AppState> for Base {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(_parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(Self(format!("{}{PREFIX}", state.config.origin())))
    }
}

/// Media types we answer in. We speak JSON only.
fn is_json_format(format: &str) -> bool {
    matches!(
        format.trim(),
        "json" | "application/json" | "application/fhir+json" | "application/json+fhir" | "text/json"
    )
}

/// Refuses requests that ask for a format other than JSON (`_format=xml`, `Accept:
/// application/fhir+xml`) with 406.
async fn negotiate(request: Request, next: Next) -> Response {
    // A query that does not parse is refused by the handler's own extractor, with a 400.
    let format = Query::<Vec<(String, String)>>::try_from_uri(request.uri()).ok().and_then(|Query(pairs)| {
        // Form decoding reads an unescaped `+` as a space; a media type never holds one.
        pairs.into_iter().find(|(name, _)| name == "_format").map(|(_, value)| value.replace(' ', "+"))
    });
    let acceptable = match format {
        // `_format` overrides the Accept header, as FHIR says.
        Some(format) => is_json_format(&format),
        None => request.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_none_or(accepts_json),
    };
    if !acceptable {
        return FhirError::not_supported(
            StatusCode::NOT_ACCEPTABLE,
            "This server answers in FHIR JSON only (application/fhir+json).",
        )
        .into_response();
    }
    next.run(request).await
}

/// Whether an Accept header lets us answer in JSON.
fn accepts_json(accept: &str) -> bool {
    accept.split(',').any(|range| {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let refused = parts.any(|p| matches!(p.trim().split_once('='), Some(("q", q)) if q.trim().parse::<f32>().is_ok_and(|q| q == 0.0)));
        !refused && (media == "*/*" || media == "application/*" || is_json_format(&media))
    })
}

fn parse_type(name: &str) -> FhirResult<ResourceType> {
    ResourceType::parse(name).ok_or_else(|| {
        FhirError::not_supported(
            StatusCode::NOT_FOUND,
            format!("This server does not serve {name:?} resources."),
        )
    })
}

/// `GET /metadata`: public, as FHIR clients read it before signing in.
async fn metadata(Base(base): Base) -> Response {
    fhir_json(StatusCode::OK, &capability::statement(&base))
}

/// `GET /{type}/{id}`.
async fn read(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path((resource_type, id)): Path<(String, String)>,
) -> FhirResult<Response> {
    let kind = parse_type(&resource_type)?;
    if !kind.is_directory() {
        access::require_clinical_role(&state, &caller, "read").await?;
    }
    let resource = dispatch!(kind, R => read_one::<R>(&state, &caller, &id).await?);
    Ok(fhir_json(StatusCode::OK, &resource))
}

async fn read_one<R: FhirRecord>(state: &AppState, caller: &Caller, id: &str) -> FhirResult<Value> {
    let row = store::by_id::<R>(&state.db, id).await?.ok_or_else(FhirError::not_found)?;
    if let Some(patient_id) = row.patient_id() {
        let opened = access::open(state, caller, patient_id, "read", R::TYPE.name(), Some(id)).await?;
        // A hidden item answers as if it did not exist.
        if R::TYPE.has_confidential_flag()
            && !opened.confidential
            && store::is_confidential::<R>(&state.db, id).await?
        {
            return Err(FhirError::not_found());
        }
    }
    R::render_all(&state.db, vec![row])
        .await?
        .pop()
        .ok_or_else(|| FhirError::internal(anyhow::anyhow!("a row rendered to nothing")))
}

/// `GET /{type}?…`.
async fn search_type(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(resource_type): Path<String>,
    FhirQuery(query): FhirQuery,
    Base(base): Base,
) -> FhirResult<Response> {
    let kind = parse_type(&resource_type)?;
    let mut search = search::parse(state.db.keys(), kind, &query)?;
    let scope = access::scope_search(&state, &caller, kind, &mut search).await?;
    let (total, resources) = dispatch!(kind, R => search_page::<R>(&state, &caller, &search, &scope).await?);
    let page = Page {
        base,
        path: kind.name().to_owned(),
        params: search.echo.clone(),
        count: search.count,
        offset: search.offset,
        total,
    };
    let entries = resources.into_iter().map(|r| (r, Mode::Match)).collect();
    Ok(fhir_json(StatusCode::OK, &bundle::searchset(&page, entries)))
}

async fn search_page<R: FhirRecord>(
    state: &AppState,
    caller: &Caller,
    search: &search::Search,
    scope: &access::Scope,
) -> FhirResult<(usize, Vec<Value>)> {
    let total = store::count::<R>(&state.db, &search.filter).await?;
    if search.count == 0 {
        return Ok((total, Vec::new()));
    }
    let mut sort = search.sort.clone();
    if sort.is_empty() {
        // Newest first where a type has a clinical date: what a person reading a record wants.
        sort.extend(R::TYPE.clinical_date().map(|column| search::SortKey { column, descending: true }));
    }
    let order = search::order_by(&sort);
    let rows = store::page::<R>(&state.db, &search.filter, &order, search.count, search.offset).await?;
    if *scope == access::Scope::EachPatientFound {
        for row in &rows {
            access::open(state, caller, row.id(), "search", R::TYPE.name(), Some(row.id())).await?;
        }
    }
    Ok((total, R::render_all(&state.db, rows).await?))
}

/// `GET /Patient/{id}/$everything`.
async fn patient_everything(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<String>,
    FhirQuery(query): FhirQuery,
    Base(base): Base,
) -> FhirResult<Response> {
    access::require_clinical_role(&state, &caller, "search").await?;
    let request = everything::parse(&query)?;
    let patient =
        store::by_id::<crate::records::Patient>(&state.db, &id).await?.ok_or_else(FhirError::not_found)?;
    let opened = access::open(&state, &caller, &id, "search", "Patient/$everything", Some(&id)).await?;
    let patient_refs = patient.directory_refs();
    let rendered = <crate::records::Patient as FhirRecord>::render_all(&state.db, vec![patient])
        .await?
        .pop()
        .ok_or_else(|| FhirError::internal(anyhow::anyhow!("a patient rendered to nothing")))?;
    let (entries, total) =
        everything::page(&state.db, rendered, patient_refs, &id, &request, &opened).await?;
    let page = Page {
        base,
        path: format!("Patient/{}/$everything", bundle::encode(&id)),
        params: request.echo.clone(),
        count: request.count,
        offset: request.offset,
        total,
    };
    Ok(fhir_json(StatusCode::OK, &bundle::searchset(&page, entries)))
}

/// The whole of `patient_id`'s record that `opened` shows, as one `collection` Bundle: what
/// `$everything` returns (the same types, confidentiality and `start`/`end` window, UTC instants
/// as `$everything::parse` gives them), every page at once, with the directory resources it
/// refers to. For the portal's "download my record"; access is the caller's to check first.
pub async fn record_bundle(
    db: &crate::Db,
    base: &str,
    patient_id: &str,
    opened: &crate::access::Opened,
    start: Option<String>,
    end: Option<String>,
) -> FhirResult<Value> {
    let patient =
        store::by_id::<crate::records::Patient>(db, patient_id).await?.ok_or_else(FhirError::not_found)?;
    let patient_refs = patient.directory_refs();
    let rendered = <crate::records::Patient as FhirRecord>::render_all(db, vec![patient])
        .await?
        .pop()
        .ok_or_else(|| FhirError::internal(anyhow::anyhow!("a patient rendered to nothing")))?;
    let request = everything::Request { start, end, count: usize::MAX, ..everything::Request::default() };
    let (entries, _) = everything::page(db, rendered, patient_refs, patient_id, &request, opened).await?;
    Ok(bundle::collection(base, entries.into_iter().map(|(resource, _)| resource).collect()))
}

/// Any other path or method under the base: a signed-in caller learns it is not offered.
async fn no_such_route(SignedIn(_): SignedIn) -> FhirError {
    FhirError::not_supported(StatusCode::NOT_FOUND, "This server offers no such FHIR interaction.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_acceptable_in_any_of_its_spellings_and_xml_is_not() {
        for accept in
            ["application/fhir+json", "application/json", "*/*", "text/html, */*;q=0.8", "application/*"]
        {
            assert!(accepts_json(accept), "{accept}");
        }
        for accept in ["application/fhir+xml", "application/xml", "text/html", "application/json;q=0"] {
            assert!(!accepts_json(accept), "{accept}");
        }
    }
}
