//! Visits: past and upcoming encounters, and one visit with its after-visit summary, note,
//! results and documents.

use axum::extract::{Path, State};
use shared::chart::{Visit, VisitDetail};

use jiff::Timestamp;

use super::{
    OBSERVATION_COLUMNS, ObservationRow, coded, documents, new_observation_sql, new_since, person_name,
};
use crate::AppState;
use crate::auth::{Access, Caller};
use crate::error::{ApiError, ApiJson, ApiResult};
use crate::records::{Encounter, Record as _};

#[derive(sqlx::FromRow)]
struct VisitRow {
    id: String,
    status: String,
    type_system: Option<String>,
    type_code: Option<String>,
    type_display: Option<String>,
    start_at: Option<String>,
    end_at: Option<String>,
    reason_display: Option<String>,
    prefix: Option<String>,
    given: Option<String>,
    family: Option<String>,
    location: Option<String>,
    has_summary: i64,
    after_visit_summary: Option<String>,
    note: Option<String>,
}

impl VisitRow {
    fn visit(&mut self) -> Visit {
        Visit {
            id: self.id.clone(),
            kind: coded(self.type_system.take(), self.type_code.take(), self.type_display.take()),
            status: self.status.clone(),
            start_at: self.start_at.clone(),
            end_at: self.end_at.clone(),
            reason: self.reason_display.clone(),
            provider: person_name(self.prefix.take(), self.given.take(), self.family.take()),
            location: self.location.clone(),
            has_summary: self.has_summary > 0,
        }
    }
}

const VISIT_SQL: &str =
    "SELECT e.id, e.status, e.type_system, e.type_code, e.type_display, e.start_at, e.end_at,
        e.reason_display, p.prefix, p.given, p.family, l.name AS location,
        CASE WHEN e.after_visit_summary IS NULL THEN 0 ELSE 1 END AS has_summary,
        e.after_visit_summary, e.note
    FROM encounters e
    LEFT JOIN practitioners p ON p.id = e.practitioner_id
    LEFT JOIN locations l ON l.id = e.location_id";

/// A patient's visits, newest first; `upcoming` keeps only those not yet started, soonest first.
pub(super) async fn load_visits(
    state: &AppState,
    patient_id: &str,
    upcoming_after: Option<&str>,
    ceiling: i64,
) -> ApiResult<Vec<Visit>> {
    let sql = match upcoming_after {
        Some(_) => format!(
            "{VISIT_SQL} WHERE e.patient_id = $1 AND e.confidential <= $3 AND e.start_at > $2 AND e.status IN ('planned', 'arrived', 'triaged')
             ORDER BY e.start_at, e.id"
        ),
        None => format!("{VISIT_SQL} WHERE e.patient_id = $1 AND e.confidential <= $3 AND $2 = '' ORDER BY COALESCE(e.start_at, '') DESC, e.id"),
    };
    let mut rows: Vec<VisitRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(patient_id.to_owned())
        .bind(upcoming_after.unwrap_or_default().to_owned())
        .bind(ceiling)
        .fetch_all(state.db.pool())
        .await?;
    Ok(rows.iter_mut().map(VisitRow::visit).collect())
}

/// `GET /api/patients/{patient_id}/visits`
#[utoipa::path(
    get,
    operation_id = "chart_visits_list",
    path = "/api/patients/{patient_id}/visits",
    tag = "chart",
    params(("patient_id" = String, Path)),
    responses((status = 200, description = "Done.", body = Vec<shared::chart::Visit>), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy", "clinician", "nurse"])))
)]
pub(super) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
) -> ApiResult<ApiJson<Vec<Visit>>> {
    let opened = caller
        .open_record(
            &state,
            &patient_id,
            Access { action: "search", resource_type: "Encounter", resource_id: None },
        )
        .await?;
    Ok(ApiJson(load_visits(&state, &patient_id, None, opened.confidential_ceiling()).await?))
}

/// `GET /api/patients/{patient_id}/visits/{visit_id}`
#[utoipa::path(
    get,
    operation_id = "chart_visits_detail",
    path = "/api/patients/{patient_id}/visits/{visit_id}",
    tag = "chart",
    params(("patient_id" = String, Path), ("visit_id" = String, Path)),
    responses((status = 200, description = "Done.", body = shared::chart::VisitDetail), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy", "clinician", "nurse"])))
)]
pub(super) async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    Path((patient_id, visit_id)): Path<(String, String)>,
) -> ApiResult<ApiJson<VisitDetail>> {
    let opened = caller
        .open_record(
            &state,
            &patient_id,
            Access { action: "read", resource_type: "Encounter", resource_id: Some(&visit_id) },
        )
        .await?;
    let ceiling = opened.confidential_ceiling();
    let mut row: VisitRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{VISIT_SQL} WHERE e.id = $1 AND e.patient_id = $2 AND e.confidential <= $3"
    )))
    .bind(visit_id.clone())
    .bind(patient_id.clone())
    .bind(ceiling)
    .fetch_optional(state.db.pool())
    .await?
    .ok_or_else(ApiError::not_found)?;
    let is_new = new_observation_sql("$4", "$5");
    let results: Vec<ObservationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {OBSERVATION_COLUMNS}, {is_new} AS is_new FROM observations o
         WHERE encounter_id = $1 AND patient_id = $2 AND confidential <= $3
         ORDER BY COALESCE(effective_at, ''), id"
    )))
    .bind(visit_id.clone())
    .bind(patient_id.clone())
    .bind(ceiling)
    .bind(caller.account_id.clone())
    .bind(new_since(Timestamp::now()))
    .fetch_all(state.db.pool())
    .await?;
    let results = results.into_iter().map(ObservationRow::into_summary).collect();
    let documents = documents::load(&state, &patient_id, Some(&visit_id), ceiling).await?;
    let mut sealed = Encounter {
        after_visit_summary: row.after_visit_summary.take(),
        note: row.note.take(),
        ..Encounter::default()
    };
    sealed.open(state.db.keys())?;
    Ok(ApiJson(VisitDetail {
        visit: row.visit(),
        after_visit_summary: sealed.after_visit_summary,
        note: sealed.note,
        results,
        documents,
    }))
}
