//! What an account holder manages about their own sign-in: the security overview, their signed-in
//! browsers (and signing them out, one or all), and their password.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use shared::ErrorCode;
use shared::auth::{AccountSecurity, PasswordChange, PasswordCheck, PasswordCheckRequest, SessionSummary};

use super::{Caller, factors, password, policy, signin};
use crate::AppState;
use crate::audit::{self, Outcome};
use crate::error::{ApiError, ApiJson, ApiResult};
use crate::fhir::datetime;

/// `GET /api/account/security`
#[utoipa::path(
    get,
    operation_id = "auth_account_security",
    path = "/api/account/security",
    tag = "account",
    responses((status = 200, description = "Done.", body = shared::auth::AccountSecurity), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
pub(super) async fn security(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiJson<AccountSecurity>> {
    let factors = factors(&state.db, &caller.account_id).await?;
    let verified: Option<String> = sqlx::query_scalar("SELECT email_verified_at FROM accounts WHERE id = $1")
        .bind(caller.account_id.clone())
        .fetch_one(state.db.pool())
        .await?;
    Ok(ApiJson(AccountSecurity {
        email: caller.email.clone(),
        email_verified: verified.is_some(),
        totp: factors.totp,
        passkeys: factors.passkeys,
        recovery_codes_left: factors.recovery_codes_left,
        may_turn_off_two_step: !caller.role.is_staff() && factors.any(),
        password_rules: policy::rules(factors.any()),
        reauth_until: caller.session.reauth_until().map(datetime::format),
    }))
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: Option<String>,
    token_hash: String,
    created_at: String,
    last_seen_at: String,
    ip: Option<String>,
    user_agent: Option<String>,
}

/// `GET /api/account/sessions`: the account's signed-in browsers, most recently used first.
#[utoipa::path(
    get,
    operation_id = "auth_account_sessions",
    path = "/api/account/sessions",
    tag = "account",
    responses((status = 200, description = "Done.", body = Vec<shared::auth::SessionSummary>), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
pub(super) async fn sessions(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiJson<Vec<SessionSummary>>> {
    let rows: Vec<SessionRow> = sqlx::query_as(
        "SELECT id, token_hash, created_at, last_seen_at, ip, user_agent FROM sessions
         WHERE account_id = $1 AND stage = 'full' AND expires_at > $2
         ORDER BY last_seen_at DESC",
    )
    .bind(caller.account_id.clone())
    .bind(datetime::now())
    .fetch_all(state.db.pool())
    .await?;
    Ok(ApiJson(
        rows.into_iter()
            .filter_map(|r| {
                Some(SessionSummary {
                    current: r.token_hash == caller.session.token_hash,
                    id: r.id?,
                    created_at: r.created_at,
                    last_seen_at: r.last_seen_at,
                    ip: r.ip,
                    user_agent: r.user_agent,
                })
            })
            .collect(),
    ))
}

/// `DELETE /api/account/sessions/{id}`: signs one of the account's browsers out.
#[utoipa::path(
    delete,
    operation_id = "auth_account_end_session",
    path = "/api/account/sessions/{id}",
    tag = "account",
    params(("id" = String, Path)),
    responses((status = 204, description = "Done; nothing to return."), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
pub(super) async fn end_session(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let ended = sqlx::query("DELETE FROM sessions WHERE id = $1 AND account_id = $2")
        .bind(id.clone())
        .bind(caller.account_id.clone())
        .execute(state.db.pool())
        .await?
        .rows_affected();
    if ended == 0 {
        return Err(ApiError::not_found());
    }
    let mut event = caller.event("sign_out_session", Outcome::Success);
    event.detail = Some(format!("session {id}"));
    audit::record(&state.db, event).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /api/account/sessions`: signs out everywhere, this browser included.
#[utoipa::path(
    delete,
    operation_id = "auth_account_sign_out_everywhere",
    path = "/api/account/sessions",
    tag = "account",
    responses((status = 204, description = "Done; nothing to return."), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
pub(super) async fn sign_out_everywhere(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Response> {
    sqlx::query("DELETE FROM sessions WHERE account_id = $1")
        .bind(caller.account_id.clone())
        .execute(state.db.pool())
        .await?;
    audit::record(&state.db, caller.event("sign_out_everywhere", Outcome::Success)).await?;
    signin::end(&state.db, &caller).await
}

/// `POST /api/account/password`: a new password, after a fresh re-authentication. The other
/// browsers are signed out and this one gets a new token.
#[utoipa::path(
    post,
    operation_id = "auth_account_change_password",
    path = "/api/account/password",
    tag = "account",
    request_body = shared::auth::PasswordChange,
    responses((status = 200, description = "Done.", body = shared::auth::SessionInfo), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
pub(super) async fn change_password(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<PasswordChange>,
) -> ApiResult<Response> {
    if !caller.session.reauth_is_fresh() {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "Confirm it is you first: enter your password again.",
        ));
    }
    let has_mfa = factors(&state.db, &caller.account_id).await?.any();
    if let Err(issue) = policy::check(&request.new_password, has_mfa, &[&caller.email, &caller.display_name])
    {
        return Err(ApiError::validation(
            "Choose a different password.",
            vec![shared::FieldError { field: "new_password".into(), code: issue_code(issue).into() }],
        ));
    }
    let mut tx = state.db.begin_write().await?;
    sqlx::query("UPDATE accounts SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
        .bind(password::hash(&request.new_password)?)
        .bind(datetime::now())
        .bind(caller.account_id.clone())
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE account_id = $1")
        .bind(caller.account_id.clone())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    audit::record(&state.db, caller.event("password_changed", Outcome::Success)).await?;
    let finished = signin::finish(&state, &caller.meta, &caller.account_id, None, None).await?;
    let body = ApiJson(finished.session.clone());
    Ok(finished.respond(body))
}

/// The stable code of a password issue, as field errors carry it.
pub(crate) const fn issue_code(issue: shared::auth::PasswordIssue) -> &'static str {
    match issue {
        shared::auth::PasswordIssue::TooShort => "too_short",
        shared::auth::PasswordIssue::TooLong => "too_long",
        shared::auth::PasswordIssue::TooEasyToGuess => "too_easy_to_guess",
    }
}

/// `POST /api/password/check`: whether a password would be accepted, for the strength hint
/// while typing. It reveals nothing about any account.
#[utoipa::path(
    post,
    operation_id = "auth_account_check_password",
    path = "/api/password/check",
    tag = "account",
    request_body = shared::auth::PasswordCheckRequest,
    responses((status = 200, description = "Done.", body = shared::auth::PasswordCheck), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody)),
    security(()),
    extensions(("x-roles" = json!(["anyone"])))
)]
pub(super) async fn check_password(
    ApiJson(request): ApiJson<PasswordCheckRequest>,
) -> ApiJson<PasswordCheck> {
    // The hint assumes two-step sign-in, the default; turning it off asks for more.
    let result = policy::check(&request.password, true, &[]);
    ApiJson(PasswordCheck { ok: result.is_ok(), issue: result.err(), rules: policy::rules(true) })
}

#[cfg(test)]
mod tests {
    #[test]
    fn session_summaries_never_expose_token_hashes() {
        let fields = serde_json::to_value(shared::auth::SessionSummary {
            id: "i".into(),
            created_at: "c".into(),
            last_seen_at: "l".into(),
            ip: None,
            user_agent: None,
            current: true,
        })
        .unwrap();
        assert!(fields.get("token_hash").is_none());
    }
}
