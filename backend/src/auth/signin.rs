//! Signing in and out. The password step answers with the next step: signed in, a second
//! factor due, or a second factor to set up first. Every attempt is throttled (per account, per
//! known device, per address) and audited; unknown and known emails get the same answer after
//! the same work. Each finished step gets a new session token.

use axum::extract::State;
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use shared::auth::{ReauthRequest, SecondFactorMethod, SecondFactorRequest, SignInResult};
use shared::{ErrorCode, SessionInfo, SignInRequest};

use super::caller::SignInSession;
use super::session::{self, Stage};
use super::{Caller, RequestMeta, factors, normalise_email, password, session_info, throttle, totp};
use crate::audit::{self, Outcome};
use crate::error::{ApiError, ApiJson, ApiResult};
use crate::fhir::datetime;
use crate::{AppState, Db};

#[derive(sqlx::FromRow)]
struct Credentials {
    id: String,
    role: String,
    password_hash: String,
    disabled_at: Option<String>,
}

/// `POST /api/session`: the password step.
#[utoipa::path(
    post,
    operation_id = "auth_signin_sign_in",
    path = "/api/session",
    tag = "session",
    request_body = shared::auth::SignInRequest,
    responses((status = 200, description = "Done.", body = shared::auth::SignInResult), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody), (status = 429, description = "Too many attempts; `Retry-After` says when to try again.", body = shared::ErrorBody)),
    security(()),
    extensions(("x-roles" = json!(["anyone"])))
)]
pub(super) async fn sign_in(
    State(state): State<AppState>,
    meta: RequestMeta,
    headers: HeaderMap,
    ApiJson(request): ApiJson<SignInRequest>,
) -> ApiResult<Response> {
    let email = normalise_email(&request.email);
    let found: Option<Credentials> =
        sqlx::query_as("SELECT id, role, password_hash, disabled_at FROM accounts WHERE email = $1")
            .bind(email.clone())
            .fetch_optional(state.db.pool())
            .await?;
    let device = session::cookie_from(&headers, session::DEVICE_COOKIE);
    let known_device = match (&found, &device) {
        (Some(account), Some(device)) => session::is_known_device(&state.db, &account.id, device).await?,
        _ => false,
    };
    let (account_key, account_policy) = match (&device, known_device) {
        (Some(device), true) => (throttle::key("device", device), throttle::KNOWN_DEVICE),
        _ => (throttle::key("signin", &email), throttle::ACCOUNT),
    };
    let address_key = meta.ip.as_deref().map(|ip| throttle::key("address", ip));
    let keys: Vec<&str> = std::iter::once(account_key.as_str()).chain(address_key.as_deref()).collect();
    if let Some(until) = throttle::blocked_until(&state.db, &keys).await? {
        let mut event = meta.event("sign_in", Outcome::Denied);
        event.detail = Some(format!("throttled; email: {}", truncate(&email)));
        audit::record(&state.db, event).await?;
        return Ok(too_many_attempts(until));
    }

    let account = match found {
        Some(c) if password::verify(&request.password, &c.password_hash) && c.disabled_at.is_none() => c,
        Some(_) => {
            return refuse(&state, &meta, &email, &account_key, account_policy, address_key.as_deref()).await;
        }
        None => {
            password::verify_nothing(&request.password);
            return refuse(&state, &meta, &email, &account_key, account_policy, address_key.as_deref()).await;
        }
    };
    throttle::clear(&state.db, &account_key).await?;

    let role = shared::Role::parse(&account.role)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("unknown role {:?}", account.role)))?;
    let factors = factors(&state.db, &account.id).await?;
    let next = if factors.any() {
        Stage::SecondFactor
    } else if factors.opted_out && !role.is_staff() {
        Stage::Full
    } else {
        Stage::Enrol
    };
    let mut event = meta.event("sign_in", Outcome::Success);
    event.actor_account_id = Some(account.id.clone());
    event.detail = Some(format!("password accepted; next: {}", next.as_str()));
    audit::record(&state.db, event).await?;

    if next == Stage::Full {
        return signed_in(&state, &meta, &account.id, device.as_deref(), None).await;
    }
    let created = session::create(
        &state.db,
        &account.id,
        next,
        session::PENDING_LIFETIME,
        meta.ip.as_deref(),
        meta.user_agent.as_deref(),
    )
    .await?;
    let cookie = session::set_cookie_header(&session::cookie(&created.token, session::PENDING_LIFETIME));
    let result = if next == Stage::SecondFactor {
        SignInResult::SecondFactorRequired {
            methods: super::passkeys::offered(&state.config, factors.methods()),
        }
    } else {
        SignInResult::EnrolmentRequired {
            methods: super::passkeys::offered(
                &state.config,
                vec![SecondFactorMethod::Totp, SecondFactorMethod::Passkey],
            ),
        }
    };
    Ok(([cookie], ApiJson(result)).into_response())
}

async fn refuse(
    state: &AppState,
    meta: &RequestMeta,
    email: &str,
    account_key: &str,
    account_policy: throttle::Policy,
    address_key: Option<&str>,
) -> ApiResult<Response> {
    throttle::fail(&state.db, account_key, account_policy).await?;
    if let Some(address_key) = address_key {
        throttle::fail(&state.db, address_key, throttle::ADDRESS).await?;
    }
    let mut event = meta.event("sign_in", Outcome::Denied);
    event.detail = Some(format!("email: {}", truncate(email)));
    audit::record(&state.db, event).await?;
    Err(ApiError::new(ErrorCode::Unauthorized, "The email or password is not right."))
}

fn truncate(text: &str) -> String {
    text.chars().take(254).collect()
}

/// 429 with `Retry-After`, the same for every account.
pub(super) fn too_many_attempts(until: Timestamp) -> Response {
    let seconds = until.duration_since(Timestamp::now()).as_secs().max(1);
    let mut response =
        ApiError::new(ErrorCode::TooManyRequests, "Too many tries. Please wait and try again.")
            .into_response();
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(RETRY_AFTER, value);
    }
    response
}

/// A finished sign-in: the new session and the cookies that carry it.
pub(super) struct Finished {
    pub session: SessionInfo,
    pub cookies: Vec<String>,
}

impl Finished {
    /// `body` with this sign-in's cookies set.
    pub fn respond(self, body: impl IntoResponse) -> Response {
        let mut response = body.into_response();
        for cookie in &self.cookies {
            let (name, value) = session::set_cookie_header(cookie);
            response.headers_mut().append(name, value);
        }
        response
    }
}

/// Ends any half-done session, starts a full one and remembers the device. Every finished
/// step gets a fresh token.
pub(super) async fn finish(
    state: &AppState,
    meta: &RequestMeta,
    account_id: &str,
    device: Option<&str>,
    replacing: Option<&str>,
) -> ApiResult<Finished> {
    if let Some(old) = replacing {
        session::delete(&state.db, old).await?;
    }
    let lifetime = state.config.session_lifetime();
    let created = session::create(
        &state.db,
        account_id,
        Stage::Full,
        lifetime,
        meta.ip.as_deref(),
        meta.user_agent.as_deref(),
    )
    .await?;
    let session = session_info(state, account_id, &created.token).await?;
    let mut cookies = vec![session::cookie(&created.token, lifetime)];
    cookies.extend(session::remember_device(&state.db, account_id, device).await?);
    Ok(Finished { session, cookies })
}

/// `finish`, answered as a `SignInResult`.
async fn signed_in(
    state: &AppState,
    meta: &RequestMeta,
    account_id: &str,
    device: Option<&str>,
    replacing: Option<&str>,
) -> ApiResult<Response> {
    let finished = finish(state, meta, account_id, device, replacing).await?;
    let body = ApiJson(SignInResult::SignedIn { session: finished.session.clone() });
    Ok(finished.respond(body))
}

/// Checks a second-factor `code` (six digits from the app, or a recovery code) for
/// `account_id`, consuming it: an accepted code is never accepted again.
pub(super) async fn check_code(
    state: &AppState,
    account_id: &str,
    email: &str,
    code: &str,
) -> ApiResult<Option<&'static str>> {
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 6 && digits.len() == code.chars().filter(|c| !c.is_whitespace()).count() {
        let secret: Option<(Option<String>, Option<i64>)> =
            sqlx::query_as("SELECT totp_secret, totp_last_step FROM accounts WHERE id = $1 AND totp_confirmed_at IS NOT NULL")
                .bind(account_id.to_owned())
                .fetch_optional(state.db.pool())
                .await?;
        let Some((Some(sealed), last)) = secret else { return Ok(None) };
        let secret = state.config.keys.open("accounts.totp_secret", &sealed)?;
        let now = u64::try_from(Timestamp::now().as_second()).unwrap_or(0);
        let last = last.and_then(|l| u64::try_from(l).ok());
        let Some(step) = totp::verify(&secret, email, &digits, now, last) else { return Ok(None) };
        // Only one request can move the step forward: a code raced in twice counts once.
        let moved = sqlx::query(
            "UPDATE accounts SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(i64::try_from(step).unwrap_or(i64::MAX))
        .bind(account_id.to_owned())
        .execute(state.db.pool())
        .await?
        .rows_affected();
        return Ok((moved == 1).then_some("totp"));
    }
    let used = sqlx::query(
        "UPDATE recovery_codes SET used_at = $1 WHERE account_id = $2 AND code_hash = $3 AND used_at IS NULL",
    )
    .bind(datetime::now())
    .bind(account_id.to_owned())
    .bind(totp::recovery_code_hash(code))
    .execute(state.db.pool())
    .await?
    .rows_affected();
    Ok((used == 1).then_some("recovery code"))
}

/// `POST /api/session/second-factor`: the second step, with a code from the app or a
/// recovery code.
#[utoipa::path(
    post,
    operation_id = "auth_signin_second_factor",
    path = "/api/session/second-factor",
    tag = "session",
    request_body = shared::auth::SecondFactorRequest,
    responses((status = 200, description = "Done.", body = shared::auth::SignInResult), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 409, description = "No second factor is due for this session.", body = shared::ErrorBody),
        (status = 429, description = "Too many attempts; `Retry-After` says when to try again.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
pub(super) async fn second_factor(
    State(state): State<AppState>,
    SignInSession(pending): SignInSession,
    headers: HeaderMap,
    ApiJson(request): ApiJson<SecondFactorRequest>,
) -> ApiResult<Response> {
    if pending.session.stage != Stage::SecondFactor {
        return Err(ApiError::conflict("No second factor is due for this session."));
    }
    let key = throttle::key("second-factor", &pending.account_id);
    if let Some(until) = throttle::blocked_until(&state.db, &[&key]).await? {
        audit::record(&state.db, pending.event("second_factor", Outcome::Denied)).await?;
        return Ok(too_many_attempts(until));
    }
    let Some(method) = check_code(&state, &pending.account_id, &pending.email, &request.code).await? else {
        throttle::fail(&state.db, &key, throttle::SECOND_FACTOR).await?;
        audit::record(&state.db, pending.event("second_factor", Outcome::Denied)).await?;
        return Err(ApiError::new(
            ErrorCode::Unauthorized,
            "That code is not right. Check it and try again.",
        ));
    };
    throttle::clear(&state.db, &key).await?;
    let mut event = pending.event("sign_in", Outcome::Success);
    event.detail = Some(format!("second factor: {method}"));
    audit::record(&state.db, event).await?;
    let device = session::cookie_from(&headers, session::DEVICE_COOKIE);
    signed_in(
        &state,
        &pending.meta,
        &pending.account_id,
        device.as_deref(),
        Some(&pending.session.token_hash),
    )
    .await
}

/// `POST /api/session/reauth`: the password again (and a second factor, when the account has
/// one) before a sensitive change; it counts for five minutes.
#[utoipa::path(
    post,
    operation_id = "auth_signin_reauth",
    path = "/api/session/reauth",
    tag = "session",
    request_body = shared::auth::ReauthRequest,
    responses((status = 200, description = "Done.", body = shared::auth::SessionInfo), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 429, description = "Too many attempts; `Retry-After` says when to try again.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
pub(super) async fn reauth(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<ReauthRequest>,
) -> ApiResult<ApiJson<SessionInfo>> {
    let key = throttle::key("reauth", &caller.account_id);
    if throttle::blocked_until(&state.db, &[&key]).await?.is_some() {
        audit::record(&state.db, caller.event("reauth", Outcome::Denied)).await?;
        return Err(ApiError::new(ErrorCode::TooManyRequests, "Too many tries. Please wait and try again."));
    }
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM accounts WHERE id = $1")
        .bind(caller.account_id.clone())
        .fetch_one(state.db.pool())
        .await?;
    let mut ok = password::verify(&request.password, &hash);
    if ok && factors(&state.db, &caller.account_id).await?.any() {
        ok = match request.code.as_deref() {
            Some(code) => check_code(&state, &caller.account_id, &caller.email, code).await?.is_some(),
            None => false,
        };
    }
    if !ok {
        throttle::fail(&state.db, &key, throttle::SECOND_FACTOR).await?;
        audit::record(&state.db, caller.event("reauth", Outcome::Denied)).await?;
        return Err(ApiError::new(
            ErrorCode::Unauthorized,
            "That did not match. Check your password and code.",
        ));
    }
    throttle::clear(&state.db, &key).await?;
    session::mark_reauth(&state.db, &caller.session.token_hash).await?;
    audit::record(&state.db, caller.event("reauth", Outcome::Success)).await?;
    Ok(ApiJson(super::build_info(&state.db, &caller, state.config.session_idle.as_secs()).await?))
}

/// `GET /api/session`: who is signed in.
#[utoipa::path(
    get,
    operation_id = "auth_signin_current",
    path = "/api/session",
    tag = "session",
    responses((status = 200, description = "Done.", body = shared::auth::SessionInfo), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
pub(super) async fn current(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiJson<SessionInfo>> {
    Ok(ApiJson(super::build_info(&state.db, &caller, state.config.session_idle.as_secs()).await?))
}

/// `DELETE /api/session`: signs this browser out, at any stage of signing in.
#[utoipa::path(
    delete,
    operation_id = "auth_signin_sign_out",
    path = "/api/session",
    tag = "session",
    responses((status = 204, description = "Done; nothing to return."), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
pub(super) async fn sign_out(
    State(state): State<AppState>,
    SignInSession(caller): SignInSession,
) -> ApiResult<Response> {
    end(&state.db, &caller).await
}

pub(super) async fn end(db: &Db, caller: &Caller) -> ApiResult<Response> {
    session::delete(db, &caller.session.token_hash).await?;
    audit::record(db, caller.event("sign_out", Outcome::Success)).await?;
    let cookie = session::set_cookie_header(&session::clearing_cookie());
    Ok(([cookie], StatusCode::NO_CONTENT).into_response())
}
