//! "Download my record": the whole record the caller may see as one FHIR R4 `collection`
//! Bundle, a file to keep or to give another provider, optionally only what happened between
//! two days.

use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse as _, Response};
use jiff::civil::Date;
use serde::Deserialize;

use crate::AppState;
use crate::auth::{Access, Caller};
use crate::error::{ApiError, ApiQuery, ApiResult};
use crate::fhir::api::outcome::FHIR_JSON;
use crate::fhir::{self, datetime};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ExportQuery {
    /// The first day (`YYYY-MM-DD`) whose items to include; items without a date are always in.
    #[param(format = Date)]
    start: Option<String>,
    /// The last day (`YYYY-MM-DD`) whose items to include.
    #[param(format = Date)]
    end: Option<String>,
}

/// A day given as `YYYY-MM-DD` exactly; an empty value is none.
fn day(name: &str, value: Option<&str>) -> ApiResult<Option<Date>> {
    // No limit is said by leaving the parameter out; an empty one is a date that is not there.
    let Some(value) = value else { return Ok(None) };
    let shaped = value.len() == 10 && value.as_bytes()[4] == b'-' && value.as_bytes()[7] == b'-';
    match value.parse::<Date>() {
        Ok(date) if shaped => Ok(Some(date)),
        _ => Err(ApiError::bad_request(format!("{name} must be a day written as YYYY-MM-DD."))),
    }
}

/// `GET /api/patients/{patient_id}/export?start=&end=`: the record as `health-record-DAY.json`.
#[utoipa::path(
    get,
    operation_id = "chart_export_export",
    path = "/api/patients/{patient_id}/export",
    tag = "chart",
    params(("patient_id" = String, Path), ExportQuery),
    responses((status = 200, description = "The record as a FHIR R4 collection Bundle, as a download.", body = Object, content_type = "application/fhir+json"), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy", "clinician", "nurse"])))
)]
pub(super) async fn export(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> ApiResult<Response> {
    // A request that cannot be answered is refused before the record is opened: no audit row
    // claims an export that did not happen.
    let start = day("start", query.start.as_deref())?;
    let end = day("end", query.end.as_deref())?;
    if let (Some(start), Some(end)) = (start, end)
        && start > end
    {
        return Err(ApiError::bad_request("start must not come after end."));
    }
    let opened = caller
        .open_record(
            &state,
            &patient_id,
            Access { action: "export", resource_type: "Bundle", resource_id: Some(&patient_id) },
        )
        .await?;
    // Each day whole, in UTC: from the start of `start` to the end of `end`.
    let start = start.and_then(|d| datetime::period(&d.to_string())).map(|p| p.start);
    let end = end.and_then(|d| datetime::period(&d.to_string())).map(|p| p.end);
    let base = format!("{}{}", state.config.origin(), fhir::api::PREFIX);
    let bundle = fhir::api::record_bundle(&state.db, &base, &patient_id, &opened, start, end).await?;
    let body = serde_json::to_vec(&bundle).map_err(|e| ApiError::internal(e.into()))?;
    let filename = format!("health-record-{}.json", crate::access::today());
    Ok((
        [
            (CONTENT_TYPE, FHIR_JSON.to_owned()),
            (CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::day;

    #[test]
    fn only_whole_days_written_as_yyyy_mm_dd_are_accepted() {
        assert_eq!(
            day("start", Some("2024-02-29")).unwrap().map(|d| d.to_string()).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(day("start", None).unwrap(), None);
        for bad in ["", "2023-02-29", "20240101", "2024-1-01", "2024-01-01T00:00", "yesterday", "2024"] {
            assert!(day("start", Some(bad)).is_err(), "{bad}");
        }
    }
}
