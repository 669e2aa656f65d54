//! The health summary: who the patient is and what matters now — current health issues,
//! allergies, medicines, latest vaccines and those due, vital signs, recent results and how many
//! are new to the reader, upcoming visits.

use axum::extract::{Path, State};
use jiff::Timestamp;
use shared::chart::{HealthSummary, PatientProfile, ResultSummary, ResultValue};

use super::{
    OBSERVATION_COLUMNS, ObservationRow, lists, new_observation_sql, new_since, person_name, results,
    vaccines_due, visits,
};
use crate::AppState;
use crate::auth::{Access, Caller};
use crate::error::{ApiError, ApiJson, ApiResult};
use crate::fhir::datetime;
use crate::records::{Identifier, Record as _};

#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: String,
    prefix: Option<String>,
    given: Option<String>,
    family: Option<String>,
    suffix: Option<String>,
    birth_date: Option<String>,
    gender: Option<String>,
    language: Option<String>,
    mrn: Option<String>,
    gp_prefix: Option<String>,
    gp_given: Option<String>,
    gp_family: Option<String>,
}

/// How many recent vital-sign rows to look through for the latest of each kind.
const VITALS_WINDOW: i64 = 300;

/// `GET /api/patients/{patient_id}/summary`
#[utoipa::path(
    get,
    operation_id = "chart_summary_summary",
    path = "/api/patients/{patient_id}/summary",
    tag = "chart",
    params(("patient_id" = String, Path)),
    responses((status = 200, description = "Done.", body = shared::chart::HealthSummary), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy", "clinician", "nurse"])))
)]
pub(super) async fn summary(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
) -> ApiResult<ApiJson<HealthSummary>> {
    let opened = caller
        .open_record(
            &state,
            &patient_id,
            Access { action: "read", resource_type: "Patient", resource_id: Some(&patient_id) },
        )
        .await?;
    let ceiling = opened.confidential_ceiling();
    let now = Timestamp::now();
    let today = crate::access::today();
    Ok(ApiJson(HealthSummary {
        patient: load_profile(&state, &patient_id).await?,
        problems: lists::load_problems(&state, &patient_id, true, ceiling).await?,
        allergies: lists::load_allergies(&state, &patient_id, true).await?,
        medications: lists::load_medications(&state, &patient_id, true, ceiling).await?,
        immunizations: lists::load_immunizations(&state, &patient_id, 5).await?,
        vitals: load_latest_vitals(&state, &patient_id, ceiling).await?,
        recent_results: load_recent_labs(&state, &patient_id, &caller.account_id, now, ceiling).await?,
        upcoming_visits: visits::load_visits(&state, &patient_id, Some(&datetime::format(now)), ceiling)
            .await?,
        vaccines_due: vaccines_due::load(&state, &patient_id, today).await?,
        new_results: results::count_new(&state, &patient_id, ceiling, &caller.account_id, now).await?,
    }))
}

async fn load_profile(state: &AppState, patient_id: &str) -> ApiResult<PatientProfile> {
    let profile: ProfileRow = sqlx::query_as(
        "SELECT p.id, p.prefix, p.given, p.family, p.suffix, p.birth_date, p.gender, p.language,
                (SELECT COALESCE(i.sealed_value, i.value) FROM identifiers i
                 WHERE i.resource_type = 'Patient' AND i.resource_id = p.id AND i.type_code = 'MR'
                 ORDER BY i.system, i.value LIMIT 1) AS mrn,
                g.prefix AS gp_prefix, g.given AS gp_given, g.family AS gp_family
         FROM patients p LEFT JOIN practitioners g ON g.id = p.general_practitioner_id
         WHERE p.id = $1",
    )
    .bind(patient_id.to_owned())
    .fetch_optional(state.db.pool())
    .await?
    .ok_or_else(ApiError::not_found)?;
    // Stored sealed (or, from before sealing, in the clear): opened as an identifier's value.
    let mrn = match profile.mrn {
        Some(stored) => {
            let mut identifier = Identifier { sealed_value: Some(stored), ..Identifier::default() };
            identifier.open(state.db.keys())?;
            Some(identifier.value)
        }
        None => None,
    };
    let name = [profile.prefix, profile.given, profile.family, profile.suffix]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    Ok(PatientProfile {
        id: profile.id,
        name,
        birth_date: profile.birth_date,
        gender: profile.gender,
        language: profile.language,
        medical_record_number: mrn,
        primary_care: person_name(profile.gp_prefix, profile.gp_given, profile.gp_family),
    })
}

/// The latest value of each kind of vital sign.
async fn load_latest_vitals(state: &AppState, patient_id: &str, ceiling: i64) -> ApiResult<Vec<ResultValue>> {
    let rows: Vec<ObservationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {OBSERVATION_COLUMNS} FROM observations
         WHERE patient_id = $1 AND category = 'vital-signs' AND confidential <= $3
         ORDER BY COALESCE(effective_at, '') DESC, id
         LIMIT $2"
    )))
    .bind(patient_id.to_owned())
    .bind(VITALS_WINDOW)
    .bind(ceiling)
    .fetch_all(state.db.pool())
    .await?;
    let mut seen = std::collections::HashSet::new();
    Ok(rows.into_iter().filter(|r| seen.insert(r.code.clone())).map(ObservationRow::into_value).collect())
}

/// Lab results measured in the last 30 days, newest first, each new or not to `account_id`.
async fn load_recent_labs(
    state: &AppState,
    patient_id: &str,
    account_id: &str,
    now: Timestamp,
    ceiling: i64,
) -> ApiResult<Vec<ResultSummary>> {
    let is_new = new_observation_sql("$4", "$2");
    let rows: Vec<ObservationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {OBSERVATION_COLUMNS}, {is_new} AS is_new FROM observations o
         WHERE patient_id = $1 AND category = 'laboratory' AND effective_at >= $2 AND confidential <= $3
         ORDER BY effective_at DESC, id
         LIMIT 20"
    )))
    .bind(patient_id.to_owned())
    .bind(new_since(now))
    .bind(ceiling)
    .bind(account_id.to_owned())
    .fetch_all(state.db.pool())
    .await?;
    Ok(rows.into_iter().map(ObservationRow::into_summary).collect())
}
