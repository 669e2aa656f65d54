//! The two browser navigations of single sign-on: `start` sends the browser to the provider,
//! `callback` takes it back, checks everything, and hands the person to the sign-in state
//! machine. Every outcome is a redirect (never a stack or the provider's words) and is audited.

use std::collections::HashMap;

use axum::extract::{RawQuery, State};
use axum::http::header::{CACHE_CONTROL, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse as _, Response};
use jiff::{SignedDuration, Timestamp};
use openidconnect::url::form_urlencoded;
use shared::Role;
use shared::auth::{SsoError, SsoStep};

use super::provider::{Identity, Refusal, Sso};
use crate::audit::{self, Outcome};
use crate::auth::session::{self, Stage};
use crate::auth::{RequestMeta, factors, normalise_email, signin};
use crate::error::ApiError;
use crate::fhir::datetime;
use crate::{AppState, Config, Db};

pub const CALLBACK_PATH: &str = "/auth/oidc/callback";

/// Ties a pending login to the browser that started it. SameSite=Lax, not Strict: it must come
/// back with the provider's cross-site redirect to the callback.
pub const BINDING_COOKIE: &str = "__Host-portal-oidc";

/// How long a person may spend at the provider before the login is void.
const LOGIN_LIFETIME: SignedDuration = SignedDuration::from_mins(10);

/// Where the app's sign-in page is; refusals and unfinished steps land there.
const SIGN_IN_PAGE: &str = "/sign-in";

/// Why a navigation stopped: a refusal the person is told about in plain words, or a fault on
/// our side (logged, and told as `failed`).
enum Stop {
    Refused(Refusal),
    Broken(ApiError),
}

impl From<Refusal> for Stop {
    fn from(refusal: Refusal) -> Self {
        Self::Refused(refusal)
    }
}

impl From<ApiError> for Stop {
    fn from(error: ApiError) -> Self {
        Self::Broken(error)
    }
}

impl From<sqlx::Error> for Stop {
    fn from(error: sqlx::Error) -> Self {
        Self::Broken(error.into())
    }
}

impl From<anyhow::Error> for Stop {
    fn from(error: anyhow::Error) -> Self {
        Self::Broken(error.into())
    }
}

/// `GET /auth/oidc/start[?return_to=/path]`: a new login, stored, and the browser sent to the
/// provider.
pub(super) async fn start(
    State(state): State<AppState>,
    meta: RequestMeta,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(sso) = state.config.sso.clone() else { return ApiError::not_found().into_response() };
    let params = query_params(query.as_deref());
    let return_to = params.get("return_to").and_then(|path| safe_return_path(path)).unwrap_or("/");
    match begin(&state, &sso, &headers, return_to).await {
        Ok(response) => response,
        Err(stop) => stopped(&state, &meta, stop).await,
    }
}

async fn begin(state: &AppState, sso: &Sso, headers: &HeaderMap, return_to: &str) -> Result<Response, Stop> {
    let redirect_uri = redirect_uri(&state.config);
    let authorization = sso.authorize(&redirect_uri).await?;
    // A second tab signing in keeps the browser's binding, so both logins can finish.
    let browser = session::cookie_from(headers, BINDING_COOKIE)
        .filter(|value| {
            value.len() == 43 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .unwrap_or_else(session::new_token);
    // The device cookie is SameSite=Strict and so missing from the provider's redirect back:
    // carry it over, sealed, for throttling and "new sign-in" checks afterwards.
    let device = session::cookie_from(headers, session::DEVICE_COOKIE);
    let keys = &state.config.keys;
    let now = Timestamp::now();
    sqlx::query("DELETE FROM sso_logins WHERE expires_at < $1")
        .bind(datetime::format(now))
        .execute(state.db.pool())
        .await?;
    sqlx::query(
        "INSERT INTO sso_logins (state_hash, browser_hash, nonce, pkce_verifier, redirect_uri, return_to,
                                 device_token, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(session::token_hash(&authorization.state))
    .bind(session::token_hash(&browser))
    .bind(authorization.nonce)
    .bind(keys.seal_text("sso_logins.pkce_verifier", &authorization.pkce_verifier))
    .bind(redirect_uri)
    .bind(return_to.to_owned())
    .bind(device.map(|token| keys.seal_text("sso_logins.device_token", &token)))
    .bind(datetime::format(now))
    .bind(datetime::format(now + LOGIN_LIFETIME))
    .execute(state.db.pool())
    .await?;
    Ok(redirect(&authorization.url, &[binding_cookie(&browser, LOGIN_LIFETIME.as_secs())]))
}

#[derive(sqlx::FromRow)]
struct PendingLogin {
    browser_hash: String,
    nonce: String,
    pkce_verifier: String,
    redirect_uri: String,
    return_to: String,
    device_token: Option<String>,
    expires_at: String,
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: String,
    role: String,
    disabled_at: Option<String>,
}

/// `GET /auth/oidc/callback?code&state`: the provider's answer.
pub(super) async fn callback(
    State(state): State<AppState>,
    meta: RequestMeta,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(sso) = state.config.sso.clone() else { return ApiError::not_found().into_response() };
    let params = query_params(query.as_deref());
    match finish_login(&state, &sso, &meta, &headers, &params).await {
        Ok(response) => response,
        Err(stop) => stopped(&state, &meta, stop).await,
    }
}

async fn finish_login(
    state: &AppState,
    sso: &Sso,
    meta: &RequestMeta,
    headers: &HeaderMap,
    params: &HashMap<String, String>,
) -> Result<Response, Stop> {
    let given_state = params
        .get("state")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Refusal::new(SsoError::Expired, "no state"))?;
    // Deleted as it is read: a state works once, whatever happens next.
    let login: Option<PendingLogin> = sqlx::query_as(
        "DELETE FROM sso_logins WHERE state_hash = $1
         RETURNING browser_hash, nonce, pkce_verifier, redirect_uri, return_to, device_token, expires_at",
    )
    .bind(session::token_hash(given_state))
    .fetch_optional(state.db.pool())
    .await?;
    let login = login.ok_or_else(|| Refusal::new(SsoError::Expired, "unknown, used or altered state"))?;
    if login.expires_at <= datetime::now() {
        return Err(Refusal::new(SsoError::Expired, "the login was older than ten minutes").into());
    }
    let browser = session::cookie_from(headers, BINDING_COOKIE).map(|value| session::token_hash(&value));
    if browser.as_deref() != Some(login.browser_hash.as_str()) {
        let why = if browser.is_some() { "another browser's binding cookie" } else { "no binding cookie" };
        return Err(Refusal::new(SsoError::Expired, why).into());
    }
    if let Some(error) = params.get("error") {
        let code = if error == "access_denied" { SsoError::Cancelled } else { SsoError::Failed };
        return Err(Refusal::new(code, format!("the provider answered {}", truncate(error, 80))).into());
    }
    // RFC 9207: an answer naming another issuer is a mix-up attack.
    if params.get("iss").is_some_and(|iss| *iss != sso.settings().issuer) {
        return Err(Refusal::new(SsoError::Failed, "the answer names another issuer").into());
    }
    let code = params
        .get("code")
        .filter(|c| !c.is_empty())
        .ok_or_else(|| Refusal::new(SsoError::Failed, "no authorization code"))?;
    let keys = &state.config.keys;
    let verifier = keys.open_text("sso_logins.pkce_verifier", &login.pkce_verifier)?;
    let identity = sso.identify(&login.redirect_uri, code, verifier, login.nonce).await?;
    let (account, linked_now) = find_account(&state.db, sso, &identity).await?;
    let role = Role::parse(&account.role)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("unknown role {:?}", account.role)))?;
    let device = login
        .device_token
        .as_deref()
        .map(|sealed| keys.open_text("sso_logins.device_token", sealed))
        .transpose()?;

    let factors = factors(&state.db, &account.id).await?;
    let trusted = sso.settings().trust_mfa && identity.multi_factor();
    let next = if trusted || (!factors.any() && factors.opted_out && !role.is_staff()) {
        Stage::Full
    } else if factors.any() {
        Stage::SecondFactor
    } else {
        Stage::Enrol
    };
    let mut event = meta.event("sign_in", Outcome::Success);
    event.actor_account_id = Some(account.id.clone());
    event.actor_role = Some(role.as_str().to_owned());
    event.detail = Some(format!(
        "single sign-on accepted{}{} (amr: {}); next: {}",
        if linked_now { ", identity linked to the account" } else { "" },
        if trusted { ", provider's multi-factor trusted" } else { "" },
        truncate(&identity.amr.join(" "), 80),
        next.as_str()
    ));
    audit::record(&state.db, event).await?;

    let clear_binding = binding_cookie("", 0);
    if next == Stage::Full {
        let finished = signin::finish(state, meta, &account.id, device.as_deref(), None).await?;
        let mut cookies = finished.cookies;
        cookies.push(clear_binding);
        return Ok(redirect(&login.return_to, &cookies));
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
    let step = if next == Stage::SecondFactor { SsoStep::SecondFactor } else { SsoStep::Enrol };
    let mut location = format!("{SIGN_IN_PAGE}?sso_step={}", step.as_str());
    if login.return_to != "/" {
        location.push_str("&return_to=");
        location.extend(form_urlencoded::byte_serialize(login.return_to.as_bytes()));
    }
    let cookies = [session::cookie(&created.token, session::PENDING_LIFETIME), clear_binding];
    Ok(redirect(&location, &cookies))
}

/// The account this identity signs in to, and whether it was linked just now. A first sign-in
/// links only an enabled account of an allowed role whose email the provider verified and that
/// no other identity holds; nothing is ever created.
async fn find_account(db: &Db, sso: &Sso, identity: &Identity) -> Result<(AccountRow, bool), Stop> {
    let linked: Option<AccountRow> = sqlx::query_as(
        "SELECT a.id, a.role, a.disabled_at FROM sso_identities i JOIN accounts a ON a.id = i.account_id
         WHERE i.issuer = $1 AND i.subject = $2",
    )
    .bind(identity.issuer.clone())
    .bind(identity.subject.clone())
    .fetch_optional(db.pool())
    .await?;
    if let Some(account) = linked {
        allowed(sso, &account)?;
        sqlx::query("UPDATE sso_identities SET last_used_at = $1 WHERE issuer = $2 AND subject = $3")
            .bind(datetime::now())
            .bind(identity.issuer.clone())
            .bind(identity.subject.clone())
            .execute(db.pool())
            .await?;
        return Ok((account, false));
    }
    let email = match (&identity.email, identity.email_verified) {
        (Some(email), true) => normalise_email(email),
        (Some(email), false) => {
            let detail = format!("unlinked identity, email not verified: {}", truncate(email, 254));
            return Err(Refusal::new(SsoError::NoAccount, detail).into());
        }
        (None, _) => {
            return Err(Refusal::new(SsoError::NoAccount, "unlinked identity without an email").into());
        }
    };
    let found: Option<AccountRow> =
        sqlx::query_as("SELECT id, role, disabled_at FROM accounts WHERE email = $1")
            .bind(email.clone())
            .fetch_optional(db.pool())
            .await?;
    let Some(account) = found else {
        let detail = format!("no account has the email {}", truncate(&email, 254));
        return Err(Refusal::new(SsoError::NoAccount, detail).into());
    };
    allowed(sso, &account)?;
    // `account_id` is unique: an account another identity already holds is never taken over.
    let inserted = sqlx::query(
        "INSERT INTO sso_identities (issuer, subject, account_id, email, linked_at, last_used_at)
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT DO NOTHING",
    )
    .bind(identity.issuer.clone())
    .bind(identity.subject.clone())
    .bind(account.id.clone())
    .bind(email)
    .bind(datetime::now())
    .execute(db.pool())
    .await?
    .rows_affected();
    if inserted != 1 {
        let refusal = Refusal::new(SsoError::NoAccount, "the account is linked to another identity");
        return Err(refusal.by(&account.id).into());
    }
    Ok((account, true))
}

/// Refuses disabled accounts and roles that may not sign in this way.
fn allowed(sso: &Sso, account: &AccountRow) -> Result<(), Refusal> {
    if account.disabled_at.is_some() {
        return Err(Refusal::new(SsoError::NoAccount, "the account is disabled").by(&account.id));
    }
    let role = Role::parse(&account.role);
    let may = role.is_some_and(|r| r.is_staff() || (r == Role::Patient && sso.settings().patients));
    if !may {
        let detail = format!("role {} may not use single sign-on", account.role);
        return Err(Refusal::new(SsoError::NotAllowed, detail).by(&account.id));
    }
    Ok(())
}

/// Audits a stopped navigation and sends the browser to the sign-in page with its reason.
async fn stopped(state: &AppState, meta: &RequestMeta, stop: Stop) -> Response {
    let refusal = match stop {
        Stop::Refused(refusal) => refusal,
        Stop::Broken(error) => {
            tracing::error!(error = ?error.into_source(), "single sign-on failed");
            Refusal::new(SsoError::Failed, "an error on our side (see the log)")
        }
    };
    // Refusals about a person (their email) stay in the audit trail; faults go to the log too.
    if matches!(refusal.code, SsoError::Unavailable | SsoError::Failed) {
        tracing::warn!(code = refusal.code.as_str(), detail = %refusal.detail, "single sign-on stopped");
    } else {
        tracing::info!(code = refusal.code.as_str(), "single sign-on refused");
    }
    let outcome = if refusal.code == SsoError::Unavailable { Outcome::Failure } else { Outcome::Denied };
    let mut event = meta.event("sign_in", outcome);
    event.actor_account_id = refusal.account_id.clone();
    event.detail = Some(format!("single sign-on refused ({}): {}", refusal.code.as_str(), refusal.detail));
    if let Err(error) = audit::record(&state.db, event).await {
        tracing::error!(error = ?error, "could not audit a refused single sign-on");
    }
    redirect(&format!("{SIGN_IN_PAGE}?sso_error={}", refusal.code.as_str()), &[])
}

/// 302 to `location`, never cached, setting `cookies`.
fn redirect(location: &str, cookies: &[String]) -> Response {
    let mut response = StatusCode::FOUND.into_response();
    let headers = response.headers_mut();
    headers.insert(LOCATION, HeaderValue::from_str(location).unwrap_or(HeaderValue::from_static("/")));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            headers.append(SET_COOKIE, value);
        }
    }
    response
}

fn binding_cookie(value: &str, max_age: i64) -> String {
    format!("{BINDING_COOKIE}={value}; Path=/; Max-Age={max_age}; HttpOnly; Secure; SameSite=Lax")
}

/// The callback URL the provider sends the browser back to, under the public URL. The provider
/// accepts only the URIs registered for the client.
fn redirect_uri(config: &Config) -> String {
    format!("{}{CALLBACK_PATH}", config.origin())
}

fn query_params(query: Option<&str>) -> HashMap<String, String> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect()
}

/// `path` when it is a path of this portal the app may show: never another site
/// (`//evil.example`, `/\evil.example`), a control character or a server route.
fn safe_return_path(path: &str) -> Option<&str> {
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && path.len() <= 512
        && path.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
        && !path.starts_with("/auth/")
        && !path.starts_with("/api/");
    ok.then_some(path)
}

fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_portal_are_returned_to() {
        for good in ["/", "/results/12?tab=all", "/messages#new"] {
            assert_eq!(safe_return_path(good), Some(good));
        }
        for bad in [
            "",
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "/a b",
            "/api/session",
            "/auth/oidc/start",
            "results",
        ] {
            assert_eq!(safe_return_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_binding_cookie_survives_a_cross_site_redirect_but_no_script() {
        let cookie = binding_cookie("abc", 600);

        for part in ["__Host-portal-oidc=abc", "Path=/", "Max-Age=600", "HttpOnly", "Secure", "SameSite=Lax"]
        {
            assert!(cookie.contains(part), "{cookie} lacks {part}");
        }
        assert!(!cookie.contains("Domain"));
    }
}
