//! Passkeys (WebAuthn): adding, listing, renaming and removing them, and using one as the second
//! step of signing in or to confirm a sensitive change, with the ceremony's state kept sealed in
//! the database between its two requests.
//!
//! The relying party comes from `PORTAL_PUBLIC_URL`: its host is the RP id and its scheme, host
//! and port the one accepted origin. WebAuthn refuses IP addresses as RP ids and browsers offer
//! it only in secure contexts, so passkeys are on only when that URL is `https://` with a host
//! name, or `http://localhost` (for development: `cargo xtask run` sets it); otherwise every
//! passkey route answers 409 and sign-in offers the other methods.

use anyhow::Context as _;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{patch, post};
use base64::Engine as _;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest as _, Sha256};
use shared::auth::{self as api, SecondFactorMethod, SignInResult};
use shared::{ErrorCode, FieldError, SessionInfo};
use webauthn_rs::prelude::{
    Passkey, PasskeyAuthentication, PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential,
    Url, Uuid, Webauthn, WebauthnBuilder,
};

use super::caller::SignInSession;
use super::session::{self, Stage};
use super::{Caller, build_info, mfa, password, signin, throttle};
use crate::audit::{self, Outcome};
use crate::config::Config;
use crate::error::{ApiError, ApiJson, ApiResult};
use crate::fhir::datetime;
use crate::{AppState, Db};

/// How long a ceremony may take, from the options to the browser's answer. The browser is told
/// the same, so it gives up when the server would.
const CEREMONY_LIFETIME: SignedDuration = SignedDuration::from_mins(5);
/// The associated data sealed ceremony states are bound to.
const STATE_COLUMN: &str = "webauthn_ceremonies.state";
/// What the browser shows as the site's name while creating a passkey.
const RP_NAME: &str = "Patient portal";
const MAX_NAME_CHARS: usize = 64;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/account/passkeys/options", post(registration_options))
        .route("/account/passkeys", post(register).get(list))
        .route("/account/passkeys/{id}", patch(rename).delete(remove))
        .route("/session/passkey/options", post(sign_in_options))
        .route("/session/passkey", post(sign_in))
        .route("/session/reauth/passkey/options", post(reauth_options))
        .route("/session/reauth/passkey", post(reauth))
}

/// The relying party `config` describes, or `None` when passkeys cannot work there (see the
/// module's documentation for the rule).
pub(crate) fn relying_party(config: &Config) -> Option<Webauthn> {
    let url = Url::parse(config.public_url.as_deref()?).ok()?;
    // `domain()` is `None` for IP addresses, which WebAuthn refuses as RP ids.
    let host = url.domain()?.to_owned();
    let local = host == "localhost" || host.ends_with(".localhost");
    if !(url.scheme() == "https" || (url.scheme() == "http" && local)) {
        return None;
    }
    let origin = Url::parse(&url.origin().ascii_serialization()).ok()?;
    WebauthnBuilder::new(&host, &origin)
        .ok()?
        .rp_name(RP_NAME)
        .timeout(CEREMONY_LIFETIME.unsigned_abs())
        .build()
        .ok()
}

/// `methods` without passkeys when this server cannot check them.
pub(super) fn offered(config: &Config, mut methods: Vec<SecondFactorMethod>) -> Vec<SecondFactorMethod> {
    if relying_party(config).is_none() {
        methods.retain(|m| *m != SecondFactorMethod::Passkey);
    }
    methods
}

fn ready(state: &AppState) -> ApiResult<Webauthn> {
    relying_party(&state.config).ok_or_else(|| {
        ApiError::conflict("Passkeys are not available on this server. Use an authenticator app instead.")
    })
}

/// The three ceremonies; one of each may be under way per session.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Register,
    SecondFactor,
    Reauth,
}

impl Kind {
    const fn as_str(self) -> &'static str {
        match self {
            Self::Register => "register",
            Self::SecondFactor => "second_factor",
            Self::Reauth => "reauth",
        }
    }
}

/// What is sealed: the state, and the session and kind it was issued for, checked on opening so
/// a row copied to another session or kind is worthless.
#[derive(serde::Serialize, serde::Deserialize)]
struct Sealed<T> {
    session: String,
    kind: String,
    state: T,
}

/// Stores a ceremony's state for the session, replacing any earlier one of the same kind.
async fn keep_ceremony<T: Serialize>(
    state: &AppState,
    session_hash: &str,
    kind: Kind,
    ceremony: T,
) -> ApiResult<()> {
    let sealed = Sealed { session: session_hash.to_owned(), kind: kind.as_str().to_owned(), state: ceremony };
    let json = serde_json::to_vec(&sealed).context("serialise a WebAuthn ceremony")?;
    sqlx::query(
        "INSERT INTO webauthn_ceremonies (session_hash, kind, state, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (session_hash, kind) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at",
    )
    .bind(session_hash.to_owned())
    .bind(kind.as_str())
    .bind(state.config.keys.seal(STATE_COLUMN, &json))
    .bind(datetime::format(Timestamp::now() + CEREMONY_LIFETIME))
    .execute(state.db.pool())
    .await?;
    Ok(())
}

/// Takes the session's ceremony of `kind` out of the database. Whoever deletes the row has it,
/// so a ceremony is used at most once even when two answers race. `None` when there is none or
/// it has expired.
async fn take_ceremony<T: DeserializeOwned>(
    state: &AppState,
    session_hash: &str,
    kind: Kind,
) -> ApiResult<Option<T>> {
    let row: Option<(String, String)> = sqlx::query_as(
        "DELETE FROM webauthn_ceremonies WHERE session_hash = $1 AND kind = $2 RETURNING state, expires_at",
    )
    .bind(session_hash.to_owned())
    .bind(kind.as_str())
    .fetch_optional(state.db.pool())
    .await?;
    let Some((sealed, expires_at)) = row else { return Ok(None) };
    let expires: Timestamp = expires_at.parse().context("read a ceremony's expiry")?;
    if Timestamp::now() >= expires {
        return Ok(None);
    }
    let json = state.config.keys.open(STATE_COLUMN, &sealed).context("open a WebAuthn ceremony")?;
    let opened: Sealed<T> = serde_json::from_slice(&json).context("read a WebAuthn ceremony")?;
    if opened.session != session_hash || opened.kind != kind.as_str() {
        return Ok(None);
    }
    Ok(Some(opened.state))
}

fn ceremony_gone() -> ApiError {
    ApiError::conflict("That took too long or was already used. Please start again.")
}

/// The options as WebAuthn Level 3's `…OptionsJSON`. Absent members are left out rather than
/// `null`, which the browser's dictionary conversion would refuse.
fn options_json(options: impl Serialize) -> ApiResult<api::PasskeyOptions> {
    fn strip_nulls(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                map.retain(|_, v| !v.is_null());
                map.values_mut().for_each(strip_nulls);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip_nulls),
            _ => {}
        }
    }
    let mut json = serde_json::to_value(options).context("serialise WebAuthn options")?;
    strip_nulls(&mut json);
    let public_key =
        json.get_mut("publicKey").map(serde_json::Value::take).context("options lack publicKey")?;
    Ok(api::PasskeyOptions { public_key })
}

/// The browser's credential, or a validation error naming the field; nothing is changed.
fn parse_credential<T: DeserializeOwned>(value: serde_json::Value) -> ApiResult<T> {
    serde_json::from_value(value).map_err(|_| {
        ApiError::validation(
            "The passkey's answer is not in the expected form.",
            vec![FieldError { field: "credential".into(), code: "invalid".into() }],
        )
    })
}

fn passkey_name(raw: &str) -> ApiResult<String> {
    // The same rule as the OpenAPI schema's: 1 to 64 characters as sent, no control
    // characters, not only spaces.
    let name = raw.trim();
    if name.is_empty() || raw.chars().count() > MAX_NAME_CHARS || raw.chars().any(char::is_control) {
        return Err(ApiError::validation(
            format!("Give the passkey a name of 1 to {MAX_NAME_CHARS} characters, such as \"My phone\"."),
            vec![FieldError { field: "name".into(), code: "invalid".into() }],
        ));
    }
    Ok(name.to_owned())
}

fn encode_id(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The WebAuthn user handle: the account's id, which is a UUID; any other id is hashed into one,
/// so the handle never carries the email or name.
fn user_handle(account_id: &str) -> Uuid {
    Uuid::parse_str(account_id).unwrap_or_else(|_| {
        let digest = Sha256::digest(account_id.as_bytes());
        let mut bytes = [0_u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        Uuid::from_bytes(bytes)
    })
}

#[derive(sqlx::FromRow)]
struct StoredPasskey {
    id: String,
    name: String,
    credential: String,
    created_at: String,
    last_used_at: Option<String>,
}

impl StoredPasskey {
    fn passkey(&self) -> ApiResult<Passkey> {
        Ok(serde_json::from_str(&self.credential).context("read a stored passkey")?)
    }

    fn summary(self) -> api::PasskeySummary {
        api::PasskeySummary {
            id: self.id,
            name: self.name,
            created_at: self.created_at,
            last_used_at: self.last_used_at,
        }
    }
}

async fn account_passkeys(db: &Db, account_id: &str) -> ApiResult<Vec<StoredPasskey>> {
    Ok(sqlx::query_as(
        "SELECT id, name, credential, created_at, last_used_at FROM passkeys WHERE account_id = $1
         ORDER BY created_at, id",
    )
    .bind(account_id.to_owned())
    .fetch_all(db.pool())
    .await?)
}

/// Adding a passkey: while setting up sign-in (nothing to protect yet), or signed in after a
/// fresh re-authentication, as for the authenticator app.
fn may_add(caller: &Caller) -> ApiResult<()> {
    match caller.session.stage {
        Stage::SecondFactor => Err(ApiError::new(ErrorCode::Unauthorized, "Finish signing in first.")),
        Stage::Full if !caller.session.reauth_is_fresh() => Err(confirm_first()),
        _ => Ok(()),
    }
}

fn confirm_first() -> ApiError {
    ApiError::new(ErrorCode::Forbidden, "Confirm it is you first: enter your password again.")
}

/// `POST /api/account/passkeys/options`: the options for `navigator.credentials.create()`.
#[utoipa::path(
    post,
    operation_id = "auth_passkeys_registration_options",
    path = "/api/account/passkeys/options",
    tag = "passkeys",
    responses((status = 200, description = "Done.", body = shared::auth::PasskeyOptions), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
async fn registration_options(
    State(state): State<AppState>,
    SignInSession(caller): SignInSession,
) -> ApiResult<ApiJson<api::PasskeyOptions>> {
    let webauthn = ready(&state)?;
    may_add(&caller)?;
    let existing = account_passkeys(&state.db, &caller.account_id).await?;
    let exclude =
        existing.iter().map(|p| Ok(p.passkey()?.cred_id().clone())).collect::<ApiResult<Vec<_>>>()?;
    let (options, registration) = webauthn
        .start_passkey_registration(
            user_handle(&caller.account_id),
            &caller.email,
            &caller.display_name,
            Some(exclude),
        )
        .context("start a passkey registration")?;
    keep_ceremony(&state, &caller.session.token_hash, Kind::Register, &registration).await?;
    audit::record(&state.db, caller.event("passkey_setup_started", Outcome::Success)).await?;
    Ok(ApiJson(options_json(&options)?))
}

/// `POST /api/account/passkeys`: the new passkey from `navigator.credentials.create()`. The
/// account's first second factor comes with recovery codes; added while setting up sign-in, it
/// finishes signing in.
#[utoipa::path(
    post,
    operation_id = "auth_passkeys_register",
    path = "/api/account/passkeys",
    tag = "passkeys",
    request_body = shared::auth::PasskeyRegistration,
    responses((status = 201, description = "Created.", body = shared::auth::PasskeyAdded), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
async fn register(
    State(state): State<AppState>,
    SignInSession(caller): SignInSession,
    headers: HeaderMap,
    ApiJson(request): ApiJson<api::PasskeyRegistration>,
) -> ApiResult<Response> {
    let webauthn = ready(&state)?;
    may_add(&caller)?;
    let name = passkey_name(&request.name)?;
    let credential: RegisterPublicKeyCredential = parse_credential(request.credential)?;
    let key = throttle::key("passkey-register", &caller.account_id);
    if let Some(until) = throttle::blocked_until(&state.db, &[&key]).await? {
        audit::record(&state.db, caller.event("passkey_add", Outcome::Denied)).await?;
        return Ok(signin::too_many_attempts(until));
    }
    let Some(registration) =
        take_ceremony::<PasskeyRegistration>(&state, &caller.session.token_hash, Kind::Register).await?
    else {
        return Err(ceremony_gone());
    };
    let passkey = match webauthn.finish_passkey_registration(&credential, &registration) {
        Ok(passkey) => passkey,
        Err(error) => {
            throttle::fail(&state.db, &key, throttle::SECOND_FACTOR).await?;
            let mut event = caller.event("passkey_add", Outcome::Denied);
            event.detail = Some(format!("not verified: {error}"));
            audit::record(&state.db, event).await?;
            return Err(ApiError::validation(
                "The passkey could not be checked. Please try again.",
                vec![FieldError { field: "credential".into(), code: "not_verified".into() }],
            ));
        }
    };
    throttle::clear(&state.db, &key).await?;

    let (passkey, recovery_codes) = store(&state, &caller, &passkey, name).await?;
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
        let body = api::PasskeyAdded { passkey, recovery_codes, session: Some(finished.session.clone()) };
        return Ok(finished.respond((StatusCode::CREATED, ApiJson(body))));
    }
    Ok((StatusCode::CREATED, ApiJson(api::PasskeyAdded { passkey, recovery_codes, session: None }))
        .into_response())
}

/// Stores a verified new passkey for the caller; the account's first second factor also gets
/// fresh recovery codes, returned as shown to the person.
async fn store(
    state: &AppState,
    caller: &Caller,
    passkey: &Passkey,
    name: String,
) -> ApiResult<(api::PasskeySummary, Vec<String>)> {
    let id = Uuid::new_v4().to_string();
    let now = datetime::now();
    let mut tx = state.db.begin_write().await?;
    // A new factor ends any opting out; the write also locks the account row (PostgreSQL) so the
    // "first factor?" answer below holds until commit.
    sqlx::query("UPDATE accounts SET mfa_opt_out_at = NULL WHERE id = $1")
        .bind(caller.account_id.clone())
        .execute(&mut *tx)
        .await?;
    let taken: Option<String> = sqlx::query_scalar("SELECT id FROM passkeys WHERE credential_id = $1")
        .bind(encode_id(passkey.cred_id()))
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some() {
        tx.rollback().await?;
        return Err(already_set_up());
    }
    let (totp,): (Option<String>,) = sqlx::query_as("SELECT totp_confirmed_at FROM accounts WHERE id = $1")
        .bind(caller.account_id.clone())
        .fetch_one(&mut *tx)
        .await?;
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM passkeys WHERE account_id = $1")
        .bind(caller.account_id.clone())
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO passkeys (id, account_id, credential_id, name, credential, sign_count, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id.clone())
    .bind(caller.account_id.clone())
    .bind(encode_id(passkey.cred_id()))
    .bind(name.clone())
    .bind(serde_json::to_string(passkey).context("serialise a passkey")?)
    .bind(0_i64)
    .bind(now.clone())
    .execute(&mut *tx)
    .await
    .map_err(|error| match error {
        // The same device key raced in for two accounts; the unique index picked one.
        sqlx::Error::Database(e) if e.is_unique_violation() => already_set_up(),
        other => other.into(),
    })?;
    let recovery_codes = if totp.is_none() && count == 0 {
        mfa::replace_recovery_codes(&mut tx, &caller.account_id).await?
    } else {
        Vec::new()
    };
    tx.commit().await?;
    let mut event = caller.event("passkey_added", Outcome::Success);
    event.resource_type = Some("passkey".into());
    event.resource_id = Some(id.clone());
    audit::record(&state.db, event).await?;

    Ok((api::PasskeySummary { id, name, created_at: now, last_used_at: None }, recovery_codes))
}

fn already_set_up() -> ApiError {
    ApiError::conflict("This passkey is already set up for an account.")
}

/// `GET /api/account/passkeys`
#[utoipa::path(
    get,
    operation_id = "auth_passkeys_list",
    path = "/api/account/passkeys",
    tag = "passkeys",
    responses((status = 200, description = "Done.", body = shared::auth::PasskeyList), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<ApiJson<api::PasskeyList>> {
    let passkeys = account_passkeys(&state.db, &caller.account_id).await?;
    Ok(ApiJson(api::PasskeyList {
        available: relying_party(&state.config).is_some(),
        passkeys: passkeys.into_iter().map(StoredPasskey::summary).collect(),
    }))
}

/// `PATCH /api/account/passkeys/{id}`: a new name. Only the account's own passkeys; another
/// account's id gets the same 404 as one that does not exist.
#[utoipa::path(
    patch,
    operation_id = "auth_passkeys_rename",
    path = "/api/account/passkeys/{id}",
    tag = "passkeys",
    params(("id" = String, Path)),
    request_body = shared::auth::PasskeyRename,
    responses((status = 200, description = "Done.", body = shared::auth::PasskeySummary), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
async fn rename(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<api::PasskeyRename>,
) -> ApiResult<ApiJson<api::PasskeySummary>> {
    let name = passkey_name(&request.name)?;
    let renamed = sqlx::query("UPDATE passkeys SET name = $1 WHERE id = $2 AND account_id = $3")
        .bind(name)
        .bind(id.clone())
        .bind(caller.account_id.clone())
        .execute(state.db.pool())
        .await?
        .rows_affected();
    let mut event = caller.event("passkey_renamed", Outcome::Success);
    event.resource_type = Some("passkey".into());
    event.resource_id = Some(id.clone());
    if renamed == 0 {
        event.outcome = Outcome::Denied;
        audit::record(&state.db, event).await?;
        return Err(ApiError::not_found());
    }
    audit::record(&state.db, event).await?;
    let row: StoredPasskey = sqlx::query_as(
        "SELECT id, name, credential, created_at, last_used_at FROM passkeys WHERE id = $1 AND account_id = $2",
    )
    .bind(id)
    .bind(caller.account_id.clone())
    .fetch_one(state.db.pool())
    .await?;
    Ok(ApiJson(row.summary()))
}

/// `DELETE /api/account/passkeys/{id}`, after a fresh re-authentication. Staff must keep a second
/// factor. When a patient removes their last one, the recovery codes go with it and the next
/// sign-in asks them to set one up again (turning two-step sign-in off is its own route).
#[utoipa::path(
    delete,
    operation_id = "auth_passkeys_remove",
    path = "/api/account/passkeys/{id}",
    tag = "passkeys",
    params(("id" = String, Path)),
    responses((status = 204, description = "Done; nothing to return."), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    if !caller.session.reauth_is_fresh() {
        return Err(confirm_first());
    }
    let mut tx = state.db.begin_write().await?;
    // A write that changes nothing, to lock the account row (PostgreSQL; SQLite's immediate
    // transaction already serialises writers): two removals racing cannot both see a spare.
    sqlx::query("UPDATE accounts SET mfa_opt_out_at = mfa_opt_out_at WHERE id = $1")
        .bind(caller.account_id.clone())
        .execute(&mut *tx)
        .await?;
    let owned: Option<String> =
        sqlx::query_scalar("SELECT id FROM passkeys WHERE id = $1 AND account_id = $2")
            .bind(id.clone())
            .bind(caller.account_id.clone())
            .fetch_optional(&mut *tx)
            .await?;
    let mut event = caller.event("passkey_removed", Outcome::Success);
    event.resource_type = Some("passkey".into());
    event.resource_id = Some(id.clone());
    if owned.is_none() {
        tx.rollback().await?;
        event.outcome = Outcome::Denied;
        audit::record(&state.db, event).await?;
        return Err(ApiError::not_found());
    }
    let (totp,): (Option<String>,) = sqlx::query_as("SELECT totp_confirmed_at FROM accounts WHERE id = $1")
        .bind(caller.account_id.clone())
        .fetch_one(&mut *tx)
        .await?;
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM passkeys WHERE account_id = $1")
        .bind(caller.account_id.clone())
        .fetch_one(&mut *tx)
        .await?;
    let last = totp.is_none() && count == 1;
    if last && caller.role.is_staff() {
        tx.rollback().await?;
        event.outcome = Outcome::Denied;
        event.detail = Some("last second factor of a staff account".into());
        audit::record(&state.db, event).await?;
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "Staff accounts must keep a second factor. Add another one before removing this passkey.",
        ));
    }
    sqlx::query("DELETE FROM passkeys WHERE id = $1 AND account_id = $2")
        .bind(id)
        .bind(caller.account_id.clone())
        .execute(&mut *tx)
        .await?;
    if last {
        sqlx::query("DELETE FROM recovery_codes WHERE account_id = $1")
            .bind(caller.account_id.clone())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    audit::record(&state.db, event).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Starts an assertion ceremony of `kind` over the account's passkeys.
async fn start_assertion(
    state: &AppState,
    webauthn: &Webauthn,
    caller: &Caller,
    kind: Kind,
) -> ApiResult<api::PasskeyOptions> {
    let passkeys = account_passkeys(&state.db, &caller.account_id)
        .await?
        .iter()
        .map(StoredPasskey::passkey)
        .collect::<ApiResult<Vec<_>>>()?;
    if passkeys.is_empty() {
        return Err(ApiError::conflict("This account has no passkey. Use another way."));
    }
    let (options, authentication) =
        webauthn.start_passkey_authentication(&passkeys).context("start a passkey authentication")?;
    keep_ceremony(state, &caller.session.token_hash, kind, &authentication).await?;
    options_json(&options)
}

/// Checks a `navigator.credentials.get()` answer against the session's ceremony of `kind`, which
/// it uses up, and moves the passkey's counter forward. `Ok(Err(..))` is a refusal, with why for
/// the audit trail.
async fn check_assertion(
    state: &AppState,
    webauthn: &Webauthn,
    caller: &Caller,
    kind: Kind,
    credential: &PublicKeyCredential,
) -> ApiResult<Result<String, String>> {
    let Some(authentication) =
        take_ceremony::<PasskeyAuthentication>(state, &caller.session.token_hash, kind).await?
    else {
        return Ok(Err("no ceremony under way, or it expired".into()));
    };
    let result = match webauthn.finish_passkey_authentication(credential, &authentication) {
        Ok(result) => result,
        Err(error) => return Ok(Err(format!("not verified: {error}"))),
    };
    let row: Option<StoredPasskey> = sqlx::query_as(
        "SELECT id, name, credential, created_at, last_used_at FROM passkeys WHERE credential_id = $1 AND account_id = $2",
    )
    .bind(encode_id(result.cred_id()))
    .bind(caller.account_id.clone())
    .fetch_optional(state.db.pool())
    .await?;
    let Some(row) = row else { return Ok(Err("the passkey was removed".into())) };
    let mut passkey = row.passkey()?;
    passkey.update_credential(&result);
    let counter = i64::from(result.counter());
    // Only a higher counter (or none, for synced passkeys that keep it at 0) moves on: of two
    // answers from a cloned authenticator racing, one loses here.
    let moved = sqlx::query(
        "UPDATE passkeys SET credential = $1, sign_count = $2, last_used_at = $3
         WHERE id = $4 AND (sign_count < $2 OR (sign_count = 0 AND $2 = 0))",
    )
    .bind(serde_json::to_string(&passkey).context("serialise a passkey")?)
    .bind(counter)
    .bind(datetime::now())
    .bind(row.id.clone())
    .execute(state.db.pool())
    .await?
    .rows_affected();
    if moved == 0 {
        return Ok(Err(format!("signature counter {counter} did not move forward")));
    }
    Ok(Ok(row.id))
}

fn second_step_due(pending: &Caller) -> ApiResult<()> {
    if pending.session.stage != Stage::SecondFactor {
        return Err(ApiError::conflict("No second factor is due for this session."));
    }
    Ok(())
}

/// `POST /api/session/passkey/options`: the options for `navigator.credentials.get()` in the
/// second step of signing in.
#[utoipa::path(
    post,
    operation_id = "auth_passkeys_sign_in_options",
    path = "/api/session/passkey/options",
    tag = "passkeys",
    responses((status = 200, description = "Done.", body = shared::auth::PasskeyOptions), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 429, description = "Too many attempts; `Retry-After` says when to try again.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
async fn sign_in_options(
    State(state): State<AppState>,
    SignInSession(pending): SignInSession,
) -> ApiResult<Response> {
    second_step_due(&pending)?;
    let webauthn = ready(&state)?;
    let key = throttle::key("second-factor", &pending.account_id);
    if let Some(until) = throttle::blocked_until(&state.db, &[&key]).await? {
        return Ok(signin::too_many_attempts(until));
    }
    let options = start_assertion(&state, &webauthn, &pending, Kind::SecondFactor).await?;
    Ok(ApiJson(options).into_response())
}

/// `POST /api/session/passkey`: the second step answered with a passkey. Failures count
/// against the same back-off as wrong codes.
#[utoipa::path(
    post,
    operation_id = "auth_passkeys_sign_in",
    path = "/api/session/passkey",
    tag = "passkeys",
    request_body = shared::auth::PasskeyAssertion,
    responses((status = 200, description = "Done.", body = shared::auth::SignInResult), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 429, description = "Too many attempts; `Retry-After` says when to try again.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
async fn sign_in(
    State(state): State<AppState>,
    SignInSession(pending): SignInSession,
    headers: HeaderMap,
    ApiJson(request): ApiJson<api::PasskeyAssertion>,
) -> ApiResult<Response> {
    second_step_due(&pending)?;
    let webauthn = ready(&state)?;
    let credential: PublicKeyCredential = parse_credential(request.credential)?;
    let key = throttle::key("second-factor", &pending.account_id);
    if let Some(until) = throttle::blocked_until(&state.db, &[&key]).await? {
        audit::record(&state.db, pending.event("second_factor", Outcome::Denied)).await?;
        return Ok(signin::too_many_attempts(until));
    }
    let passkey_id =
        match check_assertion(&state, &webauthn, &pending, Kind::SecondFactor, &credential).await? {
            Ok(id) => id,
            Err(why) => {
                throttle::fail(&state.db, &key, throttle::SECOND_FACTOR).await?;
                let mut event = pending.event("second_factor", Outcome::Denied);
                event.detail = Some(format!("passkey: {why}"));
                audit::record(&state.db, event).await?;
                return Err(ApiError::new(
                    ErrorCode::Unauthorized,
                    "That passkey was not accepted. Try again, or use another way.",
                ));
            }
        };
    throttle::clear(&state.db, &key).await?;
    let mut event = pending.event("sign_in", Outcome::Success);
    event.detail = Some("second factor: passkey".into());
    event.resource_type = Some("passkey".into());
    event.resource_id = Some(passkey_id);
    audit::record(&state.db, event).await?;
    let device = session::cookie_from(&headers, session::DEVICE_COOKIE);
    let finished = signin::finish(
        &state,
        &pending.meta,
        &pending.account_id,
        device.as_deref(),
        Some(&pending.session.token_hash),
    )
    .await?;
    let body = ApiJson(SignInResult::SignedIn { session: finished.session.clone() });
    Ok(finished.respond(body))
}

/// `POST /api/session/reauth/passkey/options`: the options for confirming a change with a
/// passkey.
#[utoipa::path(
    post,
    operation_id = "auth_passkeys_reauth_options",
    path = "/api/session/reauth/passkey/options",
    tag = "passkeys",
    responses((status = 200, description = "Done.", body = shared::auth::PasskeyOptions), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 429, description = "Too many attempts; `Retry-After` says when to try again.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
async fn reauth_options(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiJson<api::PasskeyOptions>> {
    let webauthn = ready(&state)?;
    Ok(ApiJson(start_assertion(&state, &webauthn, &caller, Kind::Reauth).await?))
}

/// `POST /api/session/reauth/passkey`: the password and a passkey instead of a code, before a
/// sensitive change; it counts for five minutes, like `POST /api/session/reauth`, and shares its
/// back-off.
#[utoipa::path(
    post,
    operation_id = "auth_passkeys_reauth",
    path = "/api/session/reauth/passkey",
    tag = "passkeys",
    request_body = shared::auth::PasskeyReauth,
    responses((status = 200, description = "Done.", body = shared::auth::SessionInfo), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 429, description = "Too many attempts; `Retry-After` says when to try again.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["signed_in"])))
)]
async fn reauth(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<api::PasskeyReauth>,
) -> ApiResult<ApiJson<SessionInfo>> {
    let webauthn = ready(&state)?;
    let credential: PublicKeyCredential = parse_credential(request.credential)?;
    let key = throttle::key("reauth", &caller.account_id);
    if throttle::blocked_until(&state.db, &[&key]).await?.is_some() {
        audit::record(&state.db, caller.event("reauth", Outcome::Denied)).await?;
        return Err(ApiError::new(ErrorCode::TooManyRequests, "Too many tries. Please wait and try again."));
    }
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM accounts WHERE id = $1")
        .bind(caller.account_id.clone())
        .fetch_one(state.db.pool())
        .await?;
    let password_ok = password::verify(&request.password, &hash);
    // The passkey is checked whatever the password, so the answer does not tell which was wrong.
    let passkey = check_assertion(&state, &webauthn, &caller, Kind::Reauth, &credential).await?;
    let outcome = match (password_ok, passkey) {
        (true, Ok(id)) => Ok(id),
        (false, _) => Err("password not right".to_owned()),
        (true, Err(why)) => Err(format!("passkey: {why}")),
    };
    let passkey_id = match outcome {
        Ok(id) => id,
        Err(why) => {
            throttle::fail(&state.db, &key, throttle::SECOND_FACTOR).await?;
            let mut event = caller.event("reauth", Outcome::Denied);
            event.detail = Some(why);
            audit::record(&state.db, event).await?;
            return Err(ApiError::new(
                ErrorCode::Unauthorized,
                "That did not match. Check your password and try the passkey again.",
            ));
        }
    };
    throttle::clear(&state.db, &key).await?;
    session::mark_reauth(&state.db, &caller.session.token_hash).await?;
    let mut event = caller.event("reauth", Outcome::Success);
    event.detail = Some("passkey".into());
    event.resource_type = Some("passkey".into());
    event.resource_id = Some(passkey_id);
    audit::record(&state.db, event).await?;
    Ok(ApiJson(build_info(&state.db, &caller, state.config.session_idle.as_secs()).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(url: Option<&str>) -> Config {
        Config { public_url: url.map(str::to_owned), ..Config::default() }
    }

    #[test]
    fn passkeys_need_an_https_host_name_or_localhost() {
        for on in
            ["https://portal.example.org", "https://portal.example.org:8443/portal", "http://localhost:8080"]
        {
            assert!(relying_party(&at(Some(on))).is_some(), "{on}");
        }
        for off in [
            None,
            Some("http://portal.example.org"),
            Some("https://10.0.0.5"),
            Some("http://127.0.0.1:8080"),
            Some("https://[::1]"),
        ] {
            assert!(relying_party(&at(off)).is_none(), "{off:?}");
        }
    }

    #[test]
    fn the_origin_is_the_public_urls_scheme_host_and_port() {
        let rp = relying_party(&at(Some("https://portal.example.org:8443/portal"))).unwrap();
        let origins: Vec<String> = rp.get_allowed_origins().iter().map(ToString::to_string).collect();
        assert_eq!(origins, ["https://portal.example.org:8443/"]);
    }

    #[test]
    fn passkeys_are_not_offered_where_they_cannot_work() {
        let all = vec![SecondFactorMethod::Totp, SecondFactorMethod::Passkey];
        assert_eq!(offered(&at(None), all.clone()), [SecondFactorMethod::Totp]);
        assert_eq!(offered(&at(Some("https://portal.example.org")), all.clone()), all);
    }

    #[test]
    fn options_leave_absent_members_out() {
        let options =
            options_json(serde_json::json!({ "publicKey": { "a": null, "b": [{ "c": null, "d": 1 }] } }))
                .unwrap();
        assert_eq!(options.public_key, serde_json::json!({ "b": [{ "d": 1 }] }));
    }
}
