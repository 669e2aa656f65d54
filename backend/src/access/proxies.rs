//! Proxies: a patient lets someone act for them (and takes it back); the front desk records a
//! child's parent or guardian.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use shared::access::{GuardianLink, ProxyAccess, ProxyGrant, ProxyKind, ProxyScope};
use shared::{FieldError, Role};

use super::{ADULT_AGE, age_on, format_scopes, parse_kind, parse_scopes};
use crate::AppState;
use crate::audit::{self, Outcome};
use crate::auth::Caller;
use crate::error::{ApiError, ApiJson, ApiResult};
use crate::fhir::datetime;

/// Staff who manage proxies for patients at the desk.
const DESK_ROLES: [Role; 2] = [Role::FrontDesk, Role::Admin];

/// Lets the patient themself through, or staff with one of `roles`; refuses everyone else
/// (another patient or proxy as if the record did not exist), auditing the refusal.
async fn own_or_staff(
    state: &AppState,
    caller: &Caller,
    patient_id: &str,
    roles: &[Role],
    action: &str,
) -> ApiResult<()> {
    if caller.patient_id.as_deref() == Some(patient_id) || roles.contains(&caller.role) {
        return Ok(());
    }
    let mut event = caller.event(action, Outcome::Denied);
    event.patient_id = Some(patient_id.to_owned());
    event.resource_type = Some("ProxyLink".to_owned());
    audit::record(&state.db, event).await?;
    Err(if caller.role.is_staff() { ApiError::forbidden() } else { ApiError::not_found() })
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    id: String,
    patient_id: String,
    display_name: String,
    email: String,
    kind: String,
    scopes: String,
    include_confidential: i64,
    relationship: Option<String>,
    created_at: String,
}

impl From<LinkRow> for ProxyAccess {
    fn from(r: LinkRow) -> Self {
        Self {
            id: r.id,
            patient_id: r.patient_id,
            proxy_name: r.display_name,
            proxy_email: r.email,
            kind: parse_kind(&r.kind),
            scopes: parse_scopes(&r.scopes),
            include_confidential: r.include_confidential != 0,
            relationship: r.relationship,
            created_at: r.created_at,
        }
    }
}

const LINK_SQL: &str =
    "SELECT l.id, l.patient_id, a.display_name, a.email, l.kind, l.scopes, l.include_confidential,
        l.relationship, l.created_at
    FROM proxy_links l JOIN accounts a ON a.id = l.proxy_account_id";

/// `GET /api/patients/{patient_id}/proxies`: who may act for the patient.
#[utoipa::path(
    get,
    operation_id = "access_proxies_list",
    path = "/api/patients/{patient_id}/proxies",
    tag = "access",
    params(("patient_id" = String, Path)),
    responses((status = 200, description = "Done.", body = Vec<shared::access::ProxyAccess>), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "front_desk", "admin"])))
)]
pub(super) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
) -> ApiResult<ApiJson<Vec<ProxyAccess>>> {
    own_or_staff(&state, &caller, &patient_id, &DESK_ROLES, "proxy_list").await?;
    let rows: Vec<LinkRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{LINK_SQL} WHERE l.patient_id = $1 AND l.revoked_at IS NULL ORDER BY l.created_at, l.id"
    )))
    .bind(patient_id)
    .fetch_all(state.db.pool())
    .await?;
    Ok(ApiJson(rows.into_iter().map(ProxyAccess::from).collect()))
}

/// The account a grant names: one that may act as a proxy (a patient's or a proxy's).
async fn proxy_account(state: &AppState, email: &str) -> ApiResult<String> {
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT id, role FROM accounts WHERE email = $1 AND disabled_at IS NULL")
            .bind(email.trim().to_lowercase())
            .fetch_optional(state.db.pool())
            .await?;
    match found {
        Some((id, role)) if matches!(Role::parse(&role), Some(Role::Patient | Role::Proxy)) => Ok(id),
        // Staff accounts get the same answer as unknown ones: a patient learns nothing of them.
        _ => Err(ApiError::new(
            shared::ErrorCode::NotFound,
            "No one can be added with this email. They need their own portal account first.",
        )),
    }
}

struct NewLink<'a> {
    patient_id: &'a str,
    proxy_account_id: &'a str,
    kind: ProxyKind,
    scopes: &'a [ProxyScope],
    include_confidential: bool,
    relationship: Option<&'a str>,
}

/// Stores a link (replacing a live one between the same two people) and audits it.
async fn insert(
    state: &AppState,
    caller: &Caller,
    link: NewLink<'_>,
    action: &str,
) -> ApiResult<ProxyAccess> {
    let id = uuid::Uuid::new_v4().to_string();
    let now = datetime::now();
    let mut tx = state.db.begin_write().await?;
    sqlx::query(
        "UPDATE proxy_links SET revoked_at = $1, revoked_by = $2
         WHERE patient_id = $3 AND proxy_account_id = $4 AND revoked_at IS NULL",
    )
    .bind(now.clone())
    .bind(caller.account_id.clone())
    .bind(link.patient_id.to_owned())
    .bind(link.proxy_account_id.to_owned())
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO proxy_links (id, patient_id, proxy_account_id, kind, scopes, include_confidential, relationship,
                                  created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id.clone())
    .bind(link.patient_id.to_owned())
    .bind(link.proxy_account_id.to_owned())
    .bind(if link.kind == ProxyKind::Guardian { "guardian" } else { "granted" })
    .bind(format_scopes(link.scopes))
    .bind(i64::from(link.include_confidential))
    .bind(link.relationship.map(str::to_owned))
    .bind(caller.account_id.clone())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let mut event = caller.event(action, Outcome::Success);
    event.patient_id = Some(link.patient_id.to_owned());
    event.resource_type = Some("ProxyLink".to_owned());
    event.resource_id = Some(id.clone());
    event.detail =
        Some(format!("proxy account {}; scopes {}", link.proxy_account_id, format_scopes(link.scopes)));
    audit::record(&state.db, event).await?;
    let row: LinkRow = sqlx::query_as(sqlx::AssertSqlSafe(format!("{LINK_SQL} WHERE l.id = $1")))
        .bind(id)
        .fetch_one(state.db.pool())
        .await?;
    Ok(row.into())
}

fn relationship(text: Option<&String>) -> ApiResult<Option<&str>> {
    match text.map(|t| t.trim()) {
        Some(t) if t.chars().count() > 60 => Err(ApiError::validation(
            "Say who they are in 60 letters or fewer.",
            vec![FieldError { field: "relationship".to_owned(), code: "too_long".to_owned() }],
        )),
        Some("") | None => Ok(None),
        Some(t) => Ok(Some(t)),
    }
}

/// `POST /api/patients/{patient_id}/proxies`: the patient lets someone act for them.
#[utoipa::path(
    post,
    operation_id = "access_proxies_grant",
    path = "/api/patients/{patient_id}/proxies",
    tag = "access",
    params(("patient_id" = String, Path)),
    request_body = shared::access::ProxyGrant,
    responses((status = 201, description = "Created.", body = shared::access::ProxyAccess), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 409, description = "The patient named themself.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient"])))
)]
pub(super) async fn grant(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
    ApiJson(body): ApiJson<ProxyGrant>,
) -> ApiResult<(StatusCode, ApiJson<ProxyAccess>)> {
    // Only the patient chooses their proxies: staff record guardians, not choices.
    own_or_staff(&state, &caller, &patient_id, &[], "proxy_grant").await?;
    if body.scopes.is_empty() {
        return Err(ApiError::validation(
            "Choose at least one thing they may do for you.",
            vec![FieldError { field: "scopes".to_owned(), code: "required".to_owned() }],
        ));
    }
    let relationship = relationship(body.relationship.as_ref())?;
    let proxy = proxy_account(&state, &body.email).await?;
    if proxy == caller.account_id {
        return Err(ApiError::conflict("You already see your own record."));
    }
    let link = NewLink {
        patient_id: &patient_id,
        proxy_account_id: &proxy,
        kind: ProxyKind::Granted,
        scopes: &body.scopes,
        include_confidential: body.include_confidential,
        relationship,
    };
    Ok((StatusCode::CREATED, ApiJson(insert(&state, &caller, link, "proxy_grant").await?)))
}

/// `POST /api/patients/{patient_id}/guardians`: the front desk records a child's parent or
/// guardian, with every scope; the child's age limits what they see.
#[utoipa::path(
    post,
    operation_id = "access_proxies_add_guardian",
    path = "/api/patients/{patient_id}/guardians",
    tag = "access",
    params(("patient_id" = String, Path)),
    request_body = shared::access::GuardianLink,
    responses((status = 201, description = "Created.", body = shared::access::ProxyAccess), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["front_desk", "admin"])))
)]
pub(super) async fn add_guardian(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
    ApiJson(body): ApiJson<GuardianLink>,
) -> ApiResult<(StatusCode, ApiJson<ProxyAccess>)> {
    caller.require_role(&state, &DESK_ROLES, "guardian_add").await?;
    let birth: Option<Option<String>> = sqlx::query_scalar("SELECT birth_date FROM patients WHERE id = $1")
        .bind(patient_id.clone())
        .fetch_optional(state.db.pool())
        .await?;
    let Some(birth) = birth else { return Err(ApiError::not_found()) };
    let age = birth.as_deref().and_then(|b| age_on(b, super::today()));
    if age.is_none_or(|age| age >= ADULT_AGE) {
        return Err(ApiError::validation(
            "Only a child's record can have a parent or guardian. An adult chooses their own proxies.",
            vec![FieldError { field: "patient_id".to_owned(), code: "not_a_child".to_owned() }],
        ));
    }
    let relationship = relationship(body.relationship.as_ref())?;
    let proxy = proxy_account(&state, &body.email).await?;
    let link = NewLink {
        patient_id: &patient_id,
        proxy_account_id: &proxy,
        kind: ProxyKind::Guardian,
        scopes: &ProxyScope::ALL,
        include_confidential: false,
        relationship,
    };
    Ok((StatusCode::CREATED, ApiJson(insert(&state, &caller, link, "guardian_add").await?)))
}

/// `DELETE /api/patients/{patient_id}/proxies/{link_id}`: the patient takes access back, the
/// proxy gives it up, or the front desk ends it. A parent or guardian the front desk recorded is
/// removed only by the front desk (or gives it up).
#[utoipa::path(
    delete,
    operation_id = "access_proxies_revoke",
    path = "/api/patients/{patient_id}/proxies/{link_id}",
    tag = "access",
    params(("patient_id" = String, Path), ("link_id" = String, Path)),
    responses((status = 204, description = "Done; nothing to return."), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy", "front_desk", "admin"])))
)]
pub(super) async fn revoke(
    State(state): State<AppState>,
    caller: Caller,
    Path((patient_id, link_id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let link: Option<(String, String)> = sqlx::query_as(
        "SELECT proxy_account_id, kind FROM proxy_links WHERE id = $1 AND patient_id = $2 AND revoked_at IS NULL",
    )
    .bind(link_id.clone())
    .bind(patient_id.clone())
    .fetch_optional(state.db.pool())
    .await?;
    let own_access = link.as_ref().is_some_and(|(proxy, _)| *proxy == caller.account_id);
    if !own_access {
        own_or_staff(&state, &caller, &patient_id, &DESK_ROLES, "proxy_revoke").await?;
    }
    let Some((_, kind)) = link else {
        return Err(ApiError::not_found());
    };
    // A parent or guardian is recorded by the front desk from legal papers, and only the front
    // desk ends it early (it ends by itself at 18): a teenager cannot remove a parent.
    if kind == "guardian" && !own_access {
        caller.require_role(&state, &DESK_ROLES, "proxy_revoke").await?;
    }
    sqlx::query(
        "UPDATE proxy_links SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL",
    )
    .bind(datetime::now())
    .bind(caller.account_id.clone())
    .bind(link_id.clone())
    .execute(state.db.pool())
    .await?;
    let mut event = caller.event("proxy_revoke", Outcome::Success);
    event.patient_id = Some(patient_id);
    event.resource_type = Some("ProxyLink".to_owned());
    event.resource_id = Some(link_id);
    audit::record(&state.db, event).await?;
    Ok(StatusCode::NO_CONTENT)
}
