//! Emergency ("break-the-glass") access: a clinician or nurse opens the record of a patient
//! outside their care, says why, gets a few hours, and the security officer reviews it.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use shared::access::{BreakGlassGrant, BreakGlassRequest, BreakGlassReview};
use shared::{FieldError, Role};

use super::BREAK_GLASS_HOURS;
use crate::AppState;
use crate::audit::{self, Outcome};
use crate::auth::Caller;
use crate::error::{ApiError, ApiJson, ApiQuery, ApiResult};
use crate::fhir::datetime;

const CARE_TEAM: [Role; 2] = [Role::Clinician, Role::Nurse];

#[derive(sqlx::FromRow)]
struct GrantRow {
    id: String,
    account_id: String,
    display_name: String,
    patient_id: String,
    reason: String,
    created_at: String,
    expires_at: String,
    reviewed_at: Option<String>,
    reviewed_by: Option<String>,
    review_note: Option<String>,
}

impl From<GrantRow> for BreakGlassGrant {
    fn from(r: GrantRow) -> Self {
        Self {
            id: r.id,
            account_id: r.account_id,
            staff_name: r.display_name,
            patient_id: r.patient_id,
            reason: r.reason,
            created_at: r.created_at,
            expires_at: r.expires_at,
            reviewed_at: r.reviewed_at,
            reviewed_by: r.reviewed_by,
            review_note: r.review_note,
        }
    }
}

const GRANT_SQL: &str =
    "SELECT g.id, g.account_id, a.display_name, g.patient_id, g.reason, g.created_at, g.expires_at,
        g.reviewed_at, g.reviewed_by, g.review_note
    FROM break_glass_grants g JOIN accounts a ON a.id = g.account_id";

async fn load(state: &AppState, id: &str) -> ApiResult<Option<BreakGlassGrant>> {
    let row: Option<GrantRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{GRANT_SQL} WHERE g.id = $1")))
        .bind(id.to_owned())
        .fetch_optional(state.db.pool())
        .await?;
    Ok(row.map(Into::into))
}

/// Reasons shorter than this say nothing a reviewer can check.
const MIN_REASON: usize = 10;
const MAX_REASON: usize = 500;

/// `POST /api/patients/{patient_id}/break-glass`
#[utoipa::path(
    post,
    operation_id = "access_break_glass_open",
    path = "/api/patients/{patient_id}/break-glass",
    tag = "access",
    params(("patient_id" = String, Path)),
    request_body = shared::access::BreakGlassRequest,
    responses((status = 201, description = "Created.", body = shared::access::BreakGlassGrant), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["clinician", "nurse"])))
)]
pub(super) async fn open(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
    ApiJson(body): ApiJson<BreakGlassRequest>,
) -> ApiResult<(StatusCode, ApiJson<BreakGlassGrant>)> {
    caller.require_role(&state, &CARE_TEAM, "break_glass").await?;
    let reason = body.reason.trim();
    let length = reason.chars().count();
    if !(MIN_REASON..=MAX_REASON).contains(&length) {
        return Err(ApiError::validation(
            format!("Say why you need this record, in {MIN_REASON} to {MAX_REASON} characters."),
            vec![FieldError { field: "reason".to_owned(), code: "length".to_owned() }],
        ));
    }
    let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM patients WHERE id = $1")
        .bind(patient_id.clone())
        .fetch_optional(state.db.pool())
        .await?;
    if exists.is_none() {
        return Err(ApiError::not_found());
    }
    let now = jiff::Timestamp::now();
    let expires = now
        .checked_add(jiff::SignedDuration::from_hours(BREAK_GLASS_HOURS))
        .map_err(|e| ApiError::internal(e.into()))?;
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO break_glass_grants (id, account_id, patient_id, reason, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id.clone())
    .bind(caller.account_id.clone())
    .bind(patient_id.clone())
    .bind(reason.to_owned())
    .bind(datetime::format(now))
    .bind(datetime::format(expires))
    .execute(state.db.pool())
    .await?;
    let mut event = caller.event("break_glass", Outcome::Success);
    event.patient_id = Some(patient_id);
    event.resource_type = Some("BreakGlassGrant".to_owned());
    event.resource_id = Some(id.clone());
    event.detail = Some(reason.to_owned());
    audit::record(&state.db, event).await?;
    let grant =
        load(&state, &id).await?.ok_or_else(|| ApiError::internal(anyhow::anyhow!("grant vanished")))?;
    Ok((StatusCode::CREATED, ApiJson(grant)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ListQuery {
    /// Only grants not reviewed yet.
    #[serde(default)]
    pending: bool,
}

/// `GET /api/security/break-glass`: emergency access for the security officer, newest first.
#[utoipa::path(
    get,
    operation_id = "access_break_glass_list",
    path = "/api/security/break-glass",
    tag = "security",
    params(ListQuery),
    responses((status = 200, description = "Done.", body = Vec<shared::access::BreakGlassGrant>), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["security_officer"])))
)]
pub(super) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> ApiResult<ApiJson<Vec<BreakGlassGrant>>> {
    caller.require_role(&state, &[Role::SecurityOfficer], "break_glass_list").await?;
    let rows: Vec<GrantRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{GRANT_SQL} WHERE ($1 = 0 OR g.reviewed_at IS NULL) ORDER BY g.created_at DESC, g.id LIMIT 500"
    )))
    .bind(i64::from(query.pending))
    .fetch_all(state.db.pool())
    .await?;
    audit::record(&state.db, caller.event("break_glass_list", Outcome::Success)).await?;
    Ok(ApiJson(rows.into_iter().map(Into::into).collect()))
}

/// `POST /api/security/break-glass/{grant_id}/review`: the security officer's finding.
#[utoipa::path(
    post,
    operation_id = "access_break_glass_review",
    path = "/api/security/break-glass/{grant_id}/review",
    tag = "security",
    params(("grant_id" = String, Path)),
    request_body = shared::access::BreakGlassReview,
    responses((status = 200, description = "Done.", body = shared::access::BreakGlassGrant), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["security_officer"])))
)]
pub(super) async fn review(
    State(state): State<AppState>,
    caller: Caller,
    Path(grant_id): Path<String>,
    ApiJson(body): ApiJson<BreakGlassReview>,
) -> ApiResult<ApiJson<BreakGlassGrant>> {
    caller.require_role(&state, &[Role::SecurityOfficer], "break_glass_review").await?;
    let note = body.note.trim();
    if note.is_empty() || note.chars().count() > 2000 {
        return Err(ApiError::validation(
            "Write what you found, in 2,000 characters or fewer.",
            vec![FieldError { field: "note".to_owned(), code: "length".to_owned() }],
        ));
    }
    let Some(grant) = load(&state, &grant_id).await? else { return Err(ApiError::not_found()) };
    if grant.reviewed_at.is_some() {
        return Err(ApiError::conflict("This emergency access was reviewed already."));
    }
    sqlx::query(
        "UPDATE break_glass_grants SET reviewed_at = $1, reviewed_by = $2, review_note = $3
         WHERE id = $4 AND reviewed_at IS NULL",
    )
    .bind(datetime::now())
    .bind(caller.account_id.clone())
    .bind(note.to_owned())
    .bind(grant_id.clone())
    .execute(state.db.pool())
    .await?;
    let mut event = caller.event("break_glass_review", Outcome::Success);
    event.patient_id = Some(grant.patient_id.clone());
    event.resource_type = Some("BreakGlassGrant".to_owned());
    event.resource_id = Some(grant_id.clone());
    audit::record(&state.db, event).await?;
    Ok(ApiJson(load(&state, &grant_id).await?.ok_or_else(ApiError::not_found)?))
}
