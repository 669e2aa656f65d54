//! Setting up and managing the second factor: an authenticator app (TOTP) confirmed by a code
//! from it, single-use recovery codes shown once, and turning two-step sign-in off (patients
//! only, with a long password). Changing any of it needs a fresh re-authentication, except the
//! first set-up while signing in.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use shared::ErrorCode;
use shared::auth::{RecoveryCodes, TotpConfirm, TotpSetup};

use super::caller::SignInSession;
use super::session::{self, Stage};
use super::{Caller, factors, password, policy, signin, totp};
use crate::audit::{self, Outcome};
use crate::error::{ApiError, ApiJson, ApiResult};
use crate::fhir::datetime;

/// Refuses a sensitive change without a recent re-authentication (the first set-up while
/// signing in is the exception: nothing exists yet to protect).
fn require_fresh(caller: &Caller) -> ApiResult<()> {
    if caller.session.stage == Stage::Full && !caller.session.reauth_is_fresh() {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "Confirm it is you first: enter your password again.",
        ));
    }
    Ok(())
}

/// `POST /api/account/totp`: a new authenticator secret to scan; the current one (if any) keeps
/// working until the new one is confirmed.
#[utoipa::path(
    post,
    operation_id = "auth_mfa_start_totp",
    path = "/api/account/totp",
    tag = "account",
    responses((status = 200, description = "Done.", body = shared::auth::TotpSetup), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
pub(super) async fn start_totp(
    State(state): State<crate::AppState>,
    SignInSession(caller): SignInSession,
) -> ApiResult<ApiJson<TotpSetup>> {
    if caller.session.stage == Stage::SecondFactor {
        return Err(ApiError::new(ErrorCode::Unauthorized, "Finish signing in first."));
    }
    require_fresh(&caller)?;
    let secret = totp::new_secret();
    let setup = totp::enrolment(&secret, &caller.email)?;
    sqlx::query("UPDATE accounts SET totp_pending_secret = $1 WHERE id = $2")
        .bind(state.config.keys.seal("accounts.totp_secret", &secret))
        .bind(caller.account_id.clone())
        .execute(state.db.pool())
        .await?;
    audit::record(&state.db, caller.event("totp_setup_started", Outcome::Success)).await?;
    Ok(ApiJson(TotpSetup {
        qr_svg_data_url: setup.qr_svg_data_url,
        manual_key: setup.manual_key,
        otpauth_url: setup.url,
    }))
}

/// `POST /api/account/totp/confirm`: a code from the new app makes it the account's; fresh
/// recovery codes come back, once. Confirming while signing in finishes signing in.
#[utoipa::path(
    post,
    operation_id = "auth_mfa_confirm_totp",
    path = "/api/account/totp/confirm",
    tag = "account",
    request_body = shared::auth::TotpConfirm,
    responses((status = 200, description = "Done.", body = shared::auth::RecoveryCodes), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 429, description = "Too many attempts; `Retry-After` says when to try again.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
pub(super) async fn confirm_totp(
    State(state): State<crate::AppState>,
    SignInSession(caller): SignInSession,
    headers: HeaderMap,
    ApiJson(request): ApiJson<TotpConfirm>,
) -> ApiResult<Response> {
    if caller.session.stage == Stage::SecondFactor {
        return Err(ApiError::new(ErrorCode::Unauthorized, "Finish signing in first."));
    }
    let key = super::throttle::key("totp-confirm", &caller.account_id);
    if super::throttle::blocked_until(&state.db, &[&key]).await?.is_some() {
        return Err(ApiError::new(ErrorCode::TooManyRequests, "Too many tries. Please wait and try again."));
    }
    let pending: Option<String> =
        sqlx::query_scalar("SELECT totp_pending_secret FROM accounts WHERE id = $1")
            .bind(caller.account_id.clone())
            .fetch_one(state.db.pool())
            .await?;
    let Some(sealed) = pending else {
        return Err(ApiError::conflict("Start setting up the app first."));
    };
    let secret = state.config.keys.open("accounts.totp_secret", &sealed)?;
    let now = u64::try_from(Timestamp::now().as_second()).unwrap_or(0);
    let Some(step) = totp::verify(&secret, &caller.email, &request.code, now, None) else {
        super::throttle::fail(&state.db, &key, super::throttle::SECOND_FACTOR).await?;
        audit::record(&state.db, caller.event("totp_confirm", Outcome::Denied)).await?;
        return Err(ApiError::new(
            ErrorCode::Unauthorized,
            "That code is not right. Check the app and try again.",
        ));
    };
    super::throttle::clear(&state.db, &key).await?;
    let mut tx = state.db.begin_write().await?;
    sqlx::query(
        "UPDATE accounts SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_confirmed_at = $1,
                totp_last_step = $2, mfa_opt_out_at = NULL
         WHERE id = $3",
    )
    .bind(datetime::now())
    .bind(i64::try_from(step).unwrap_or(i64::MAX))
    .bind(caller.account_id.clone())
    .execute(&mut *tx)
    .await?;
    let codes = replace_recovery_codes(&mut tx, &caller.account_id).await?;
    tx.commit().await?;
    audit::record(&state.db, caller.event("totp_confirmed", Outcome::Success)).await?;

    if caller.session.stage == Stage::Enrol {
        let device = session::cookie_from(&headers, session::DEVICE_COOKIE);
        let finished = signin::finish(
            &state,
            &caller.meta,
            &caller.account_id,
            device.as_deref(),
            Some(&caller.session.token_hash),
        )
        .await?;
        let body = ApiJson(RecoveryCodes { codes, session: Some(finished.session.clone()) });
        return Ok(finished.respond(body));
    }
    Ok(ApiJson(RecoveryCodes { codes, session: None }).into_response())
}

/// Replaces the account's recovery codes with fresh ones, returned as shown to the person.
pub(super) async fn replace_recovery_codes(
    conn: &mut sqlx::AnyConnection,
    account_id: &str,
) -> ApiResult<Vec<String>> {
    sqlx::query("DELETE FROM recovery_codes WHERE account_id = $1")
        .bind(account_id.to_owned())
        .execute(&mut *conn)
        .await?;
    let now = datetime::now();
    let mut shown = Vec::new();
    for (code, hash) in totp::new_recovery_codes() {
        sqlx::query("INSERT INTO recovery_codes (account_id, code_hash, created_at) VALUES ($1, $2, $3)")
            .bind(account_id.to_owned())
            .bind(hash)
            .bind(now.clone())
            .execute(&mut *conn)
            .await?;
        shown.push(code);
    }
    Ok(shown)
}

/// `POST /api/account/recovery-codes`: new codes; the old ones stop working.
#[utoipa::path(
    post,
    operation_id = "auth_mfa_new_recovery_codes",
    path = "/api/account/recovery-codes",
    tag = "account",
    responses((status = 200, description = "Done.", body = shared::auth::RecoveryCodes), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
pub(super) async fn new_recovery_codes(
    State(state): State<crate::AppState>,
    caller: Caller,
) -> ApiResult<ApiJson<RecoveryCodes>> {
    require_fresh(&caller)?;
    if !factors(&state.db, &caller.account_id).await?.any() {
        return Err(ApiError::conflict("Set up two-step sign-in first."));
    }
    let mut tx = state.db.begin_write().await?;
    let codes = replace_recovery_codes(&mut tx, &caller.account_id).await?;
    tx.commit().await?;
    audit::record(&state.db, caller.event("recovery_codes_replaced", Outcome::Success)).await?;
    Ok(ApiJson(RecoveryCodes { codes, session: None }))
}

/// `POST /api/account/two-step/off`: a patient turns two-step sign-in off. Their password must
/// then stand alone, so it must meet the longer rule; staff can never turn it off.
#[utoipa::path(
    post,
    operation_id = "auth_mfa_turn_off",
    path = "/api/account/two-step/off",
    tag = "account",
    request_body = shared::auth::ReauthRequest,
    responses((status = 204, description = "Done; nothing to return."), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 429, description = "Too many attempts; `Retry-After` says when to try again.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy"])))
)]
pub(super) async fn turn_off(
    State(state): State<crate::AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<shared::auth::ReauthRequest>,
) -> ApiResult<axum::http::StatusCode> {
    if caller.role.is_staff() {
        crate::audit::record(&state.db, caller.event("two_step_off", crate::audit::Outcome::Denied)).await?;
        return Err(ApiError::new(ErrorCode::Forbidden, "Staff accounts must keep two-step sign-in."));
    }
    require_fresh(&caller)?;
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM accounts WHERE id = $1")
        .bind(caller.account_id.clone())
        .fetch_one(state.db.pool())
        .await?;
    if !password::verify(&request.password, &hash) {
        return Err(ApiError::new(ErrorCode::Unauthorized, "That password is not right."));
    }
    if let Err(issue) = policy::check(&request.password, false, &[&caller.email, &caller.display_name]) {
        return Err(ApiError::validation(
            "Your password must be at least 15 characters and hard to guess to sign in without a code.",
            vec![shared::FieldError { field: "password".into(), code: format!("{issue:?}") }],
        ));
    }
    let mut tx = state.db.begin_write().await?;
    sqlx::query(
        "UPDATE accounts SET totp_secret = NULL, totp_pending_secret = NULL, totp_confirmed_at = NULL,
                totp_last_step = NULL, mfa_opt_out_at = $1 WHERE id = $2",
    )
    .bind(datetime::now())
    .bind(caller.account_id.clone())
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM recovery_codes WHERE account_id = $1")
        .bind(caller.account_id.clone())
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM passkeys WHERE account_id = $1")
        .bind(caller.account_id.clone())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    audit::record(&state.db, caller.event("two_step_off", Outcome::Success)).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
