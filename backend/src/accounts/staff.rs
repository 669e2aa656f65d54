//! Staff accounts, managed by administrators: created with an invitation link by mail (the new
//! member chooses a password, then sets up a second factor at first sign-in), listed, disabled.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use shared::Role;
use shared::auth::{AccountSummary, NewStaffAccount};

use super::tokens::{self, TokenKind};
use super::{Origin, email_in_use, email_taken, link, parse_email, unusable_password};
use crate::AppState;
use crate::audit::{self, Outcome};
use crate::auth::{Caller, NewAccount};
use crate::error::{ApiError, ApiJson, ApiResult};
use crate::fhir::datetime;
use crate::mail::{self, Language, Template};

/// A staff account to create, checked.
pub(crate) struct StaffAccount {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub practitioner_id: Option<String>,
    pub language: Option<String>,
}

/// Why a staff account could not be created.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StaffError {
    #[error("{0}")]
    Invalid(&'static str, &'static str),
    #[error("an account already uses this email")]
    EmailTaken,
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<sqlx::Error> for StaffError {
    fn from(error: sqlx::Error) -> Self {
        Self::Other(error.into())
    }
}

impl StaffAccount {
    pub fn check(raw: &NewStaffAccount) -> Result<Self, ApiError> {
        let email = parse_email(&raw.email, "email")?;
        let display_name = raw.display_name.trim().to_owned();
        let invalid = |message: &str, field: &str, code: &str| {
            ApiError::validation(message, vec![shared::FieldError { field: field.into(), code: code.into() }])
        };
        if display_name.is_empty() || display_name.chars().count() > 200 {
            return Err(invalid(
                "Enter the person's name (up to 200 characters).",
                "display_name",
                "invalid",
            ));
        }
        if !raw.role.is_staff() {
            return Err(invalid(
                "Only staff accounts are created here: patients enrol with an activation code.",
                "role",
                "not_staff",
            ));
        }
        let language = match raw.language.as_deref().map(str::trim) {
            None => None,
            Some(l @ ("en" | "es")) => Some(l.to_owned()),
            Some(_) => return Err(invalid("The language must be en or es.", "language", "unsupported")),
        };
        let practitioner_id = raw.practitioner_id.as_deref().map(str::trim).filter(|p| !p.is_empty());
        Ok(Self {
            email,
            display_name,
            role: raw.role,
            practitioner_id: practitioner_id.map(str::to_owned),
            language,
        })
    }
}

/// Creates the account with no usable password, inside `conn`'s transaction; returns its id and
/// the invitation token (for the link that sets the first password).
pub(crate) async fn create_invited(
    conn: &mut sqlx::AnyConnection,
    staff: &StaffAccount,
) -> Result<(String, String), StaffError> {
    if email_in_use(conn, &staff.email).await? {
        return Err(StaffError::EmailTaken);
    }
    if let Some(practitioner) = &staff.practitioner_id {
        let found: Option<String> = sqlx::query_scalar("SELECT id FROM practitioners WHERE id = $1")
            .bind(practitioner.clone())
            .fetch_optional(&mut *conn)
            .await?;
        if found.is_none() {
            return Err(StaffError::Invalid("No practitioner has this id.", "practitioner_id"));
        }
    }
    let password = unusable_password();
    let account = NewAccount {
        email: &staff.email,
        display_name: &staff.display_name,
        role: staff.role,
        patient_id: None,
        practitioner_id: staff.practitioner_id.as_deref(),
        password: &password,
        language: staff.language.as_deref(),
    };
    let id = crate::auth::create_account(conn, &account).await?;
    // No password of their own until they follow the invitation.
    sqlx::query("UPDATE accounts SET password_changed_at = NULL WHERE id = $1")
        .bind(id.clone())
        .execute(&mut *conn)
        .await?;
    let token = tokens::issue(conn, TokenKind::Invitation, &id, &staff.email).await?;
    Ok((id, token))
}

/// `POST /api/admin/accounts` (administrators): a staff account, invited by mail.
#[utoipa::path(
    post,
    operation_id = "accounts_staff_create",
    path = "/api/admin/accounts",
    tag = "admin",
    request_body = shared::auth::NewStaffAccount,
    responses((status = 201, description = "Created.", body = shared::auth::AccountSummary), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["admin"])))
)]
pub(super) async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Origin(origin): Origin,
    ApiJson(request): ApiJson<NewStaffAccount>,
) -> ApiResult<(StatusCode, ApiJson<AccountSummary>)> {
    caller.require_role(&state, &[Role::Admin], "create_account").await?;
    let staff = StaffAccount::check(&request)?;
    let mut tx = state.db.begin_write().await?;
    let (id, token) = match create_invited(&mut tx, &staff).await {
        Ok(created) => created,
        Err(StaffError::EmailTaken) => return Err(email_taken()),
        Err(StaffError::Invalid(message, field)) => {
            return Err(ApiError::validation(
                message,
                vec![shared::FieldError { field: field.into(), code: "invalid".into() }],
            ));
        }
        Err(StaffError::Other(error)) => return Err(error.into()),
    };
    let invitation = link(&origin, shared::auth::RESET_PASSWORD_PAGE, &token);
    mail::queue(
        &mut tx,
        &state.config.keys,
        Some(&id),
        &staff.email,
        &Template::Invitation { name: &staff.display_name, link: &invitation },
        Language::parse(staff.language.as_deref()),
        TokenKind::Invitation.lifetime(),
    )
    .await?;
    tx.commit().await?;
    state.config.mail.wake();
    let mut event = caller.event("create_account", Outcome::Success);
    event.resource_type = Some("Account".into());
    event.resource_id = Some(id.clone());
    event.detail = Some(format!("role: {}", staff.role.as_str()));
    audit::record(&state.db, event).await?;
    let summary = summaries(&state, Some(&id)).await?.pop().ok_or_else(ApiError::not_found)?;
    Ok((StatusCode::CREATED, ApiJson(summary)))
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: String,
    email: String,
    display_name: String,
    role: String,
    practitioner_id: Option<String>,
    created_at: String,
    disabled_at: Option<String>,
    email_verified_at: Option<String>,
    totp_confirmed_at: Option<String>,
    password_changed_at: Option<String>,
}

async fn summaries(state: &AppState, only: Option<&str>) -> ApiResult<Vec<AccountSummary>> {
    const COLUMNS: &str = "SELECT id, email, display_name, role, practitioner_id, created_at, disabled_at,
                                  email_verified_at, totp_confirmed_at, password_changed_at FROM accounts";
    let rows: Vec<SummaryRow> = match only {
        Some(id) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{COLUMNS} WHERE id = $1")))
                .bind(id.to_owned())
                .fetch_all(state.db.pool())
                .await?
        }
        None => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{COLUMNS} ORDER BY role, email")))
                .fetch_all(state.db.pool())
                .await?
        }
    };
    rows.into_iter()
        .map(|r| {
            Ok(AccountSummary {
                role: Role::parse(&r.role)
                    .ok_or_else(|| ApiError::internal(anyhow::anyhow!("unknown role {:?}", r.role)))?,
                id: r.id,
                email: r.email,
                display_name: r.display_name,
                practitioner_id: r.practitioner_id,
                created_at: r.created_at,
                disabled_at: r.disabled_at,
                email_verified: r.email_verified_at.is_some(),
                two_step: r.totp_confirmed_at.is_some(),
                password_set: r.password_changed_at.is_some(),
            })
        })
        .collect()
}

/// `GET /api/admin/accounts` (administrators and security officers): every account.
#[utoipa::path(
    get,
    operation_id = "accounts_staff_list",
    path = "/api/admin/accounts",
    tag = "admin",
    responses((status = 200, description = "Done.", body = Vec<shared::auth::AccountSummary>), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["admin", "security_officer"])))
)]
pub(super) async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiJson<Vec<AccountSummary>>> {
    caller.require_role(&state, &[Role::Admin, Role::SecurityOfficer], "list_accounts").await?;
    let accounts = summaries(&state, None).await?;
    let mut event = caller.event("list_accounts", Outcome::Success);
    event.resource_type = Some("Account".into());
    audit::record(&state.db, event).await?;
    Ok(ApiJson(accounts))
}

/// `POST /api/admin/accounts/{id}/disable` (administrators): the account can no longer sign in,
/// and its browsers are signed out.
#[utoipa::path(
    post,
    operation_id = "accounts_staff_disable",
    path = "/api/admin/accounts/{id}/disable",
    tag = "admin",
    params(("id" = String, Path)),
    responses((status = 204, description = "Done; nothing to return."), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["admin"])))
)]
pub(super) async fn disable(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    caller.require_role(&state, &[Role::Admin], "disable_account").await?;
    if id == caller.account_id {
        return Err(ApiError::conflict("You cannot disable your own account."));
    }
    let mut tx = state.db.begin_write().await?;
    if !disable_account(&mut tx, &id).await? {
        return Err(ApiError::not_found());
    }
    tx.commit().await?;
    let mut event = caller.event("disable_account", Outcome::Success);
    event.resource_type = Some("Account".into());
    event.resource_id = Some(id);
    audit::record(&state.db, event).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Disables `account_id` and ends its sessions; `false` when no such account exists.
pub(crate) async fn disable_account(
    conn: &mut sqlx::AnyConnection,
    account_id: &str,
) -> anyhow::Result<bool> {
    let found = sqlx::query("UPDATE accounts SET disabled_at = COALESCE(disabled_at, $1) WHERE id = $2")
        .bind(datetime::now())
        .bind(account_id.to_owned())
        .execute(&mut *conn)
        .await?
        .rows_affected();
    sqlx::query("DELETE FROM sessions WHERE account_id = $1")
        .bind(account_id.to_owned())
        .execute(&mut *conn)
        .await?;
    Ok(found == 1)
}
