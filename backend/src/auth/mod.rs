//! Identity: accounts, password sign-in, server-side sessions, and `Caller`, through which
//! every route learns who is asking and whose records they may open.

mod caller;
pub mod csrf;
pub mod password;
pub mod policy;
pub mod session;
pub mod totp;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use shared::{PatientLink, Role, SessionInfo, SignInRequest};

pub use caller::{Access, Caller, RequestMeta};

use crate::audit::{self, Outcome};
use crate::error::{ApiError, ApiJson, ApiResult};
use crate::fhir::datetime;
use crate::{AppState, Db};

pub fn router() -> Router<AppState> {
    Router::new().route("/session", post(sign_in).get(current).delete(sign_out))
}

/// A new account, as an administrator (or the demo seed) creates it.
#[derive(Debug, Clone)]
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub patient_id: Option<&'a str>,
    pub practitioner_id: Option<&'a str>,
    pub password: &'a str,
    pub language: Option<&'a str>,
}

/// Creates an account; its email is stored lower-cased. Returns the new account's id.
pub async fn create_account(
    conn: &mut sqlx::AnyConnection,
    account: &NewAccount<'_>,
) -> anyhow::Result<String> {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO accounts (id, email, display_name, role, patient_id, practitioner_id, password_hash, language, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id.clone())
    .bind(normalise_email(account.email))
    .bind(account.display_name.to_owned())
    .bind(account.role.as_str())
    .bind(account.patient_id.map(str::to_owned))
    .bind(account.practitioner_id.map(str::to_owned))
    .bind(password::hash(account.password)?)
    .bind(account.language.map(str::to_owned))
    .bind(datetime::now())
    .execute(conn)
    .await?;
    Ok(id)
}

fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

#[derive(sqlx::FromRow)]
struct Credentials {
    id: String,
    password_hash: String,
    disabled_at: Option<String>,
}

/// `POST /api/session`: signs in with email and password. A wrong password, an unknown email
/// and a disabled account get the same answer after the same work.
async fn sign_in(
    State(state): State<AppState>,
    meta: RequestMeta,
    ApiJson(request): ApiJson<SignInRequest>,
) -> ApiResult<Response> {
    let email = normalise_email(&request.email);
    let found: Option<Credentials> =
        sqlx::query_as("SELECT id, password_hash, disabled_at FROM accounts WHERE email = $1")
            .bind(email.clone())
            .fetch_optional(state.db.pool())
            .await?;
    let account_id = match found {
        Some(c) if password::verify(&request.password, &c.password_hash) && c.disabled_at.is_none() => c.id,
        Some(_) => return refuse_sign_in(&state, &meta, &email).await,
        None => {
            password::verify_nothing(&request.password);
            return refuse_sign_in(&state, &meta, &email).await;
        }
    };
    let lifetime = state.config.session_lifetime();
    let (token, _) =
        session::create(&state.db, &account_id, lifetime, meta.ip.as_deref(), meta.user_agent.as_deref())
            .await?;
    let mut event = meta.event("sign_in", Outcome::Success);
    event.actor_account_id = Some(account_id.clone());
    audit::record(&state.db, event).await?;

    let info = session_info(&state, &account_id, &token).await?;
    let cookie = session::set_cookie_header(&session::cookie(&token, lifetime));
    Ok(([cookie], ApiJson(info)).into_response())
}

async fn refuse_sign_in(state: &AppState, meta: &RequestMeta, email: &str) -> ApiResult<Response> {
    let mut event = meta.event("sign_in", Outcome::Denied);
    event.detail = Some(format!("email: {}", email.chars().take(254).collect::<String>()));
    audit::record(&state.db, event).await?;
    Err(ApiError::new(shared::ErrorCode::Unauthorized, "The email or password is not right."))
}

/// `GET /api/session`: who is signed in.
async fn current(State(state): State<AppState>, caller: Caller) -> ApiResult<ApiJson<SessionInfo>> {
    Ok(ApiJson(build_info(&state.db, &caller, state.config.session_idle.as_secs()).await?))
}

/// `DELETE /api/session`: signs out this browser.
async fn sign_out(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    session::delete(&state.db, &caller.session_token_hash).await?;
    audit::record(&state.db, caller.event("sign_out", Outcome::Success)).await?;
    let cookie = session::set_cookie_header(&session::clearing_cookie());
    Ok(([cookie], StatusCode::NO_CONTENT).into_response())
}

async fn session_info(state: &AppState, account_id: &str, token: &str) -> ApiResult<SessionInfo> {
    let session = session::find_live(&state.db, token, state.config.session_idle())
        .await?
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("a session just created is gone")))?;
    let (role, display_name, email, patient_id): (String, String, String, Option<String>) =
        sqlx::query_as("SELECT role, display_name, email, patient_id FROM accounts WHERE id = $1")
            .bind(account_id.to_owned())
            .fetch_one(state.db.pool())
            .await?;
    let caller = Caller {
        account_id: account_id.to_owned(),
        role: Role::parse(&role)
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("unknown role {role:?}")))?,
        display_name,
        email,
        patient_id,
        session_token_hash: session.token_hash,
        expires_at: session.expires_at,
        meta: RequestMeta::default(),
    };
    build_info(&state.db, &caller, state.config.session_idle.as_secs()).await
}

async fn build_info(db: &Db, caller: &Caller, idle_timeout_secs: u64) -> ApiResult<SessionInfo> {
    let mut patients = Vec::new();
    if let Some(patient_id) = &caller.patient_id {
        let (given, family): (Option<String>, Option<String>) =
            sqlx::query_as("SELECT given, family FROM patients WHERE id = $1")
                .bind(patient_id.clone())
                .fetch_one(db.pool())
                .await?;
        let display_name = [given, family].into_iter().flatten().collect::<Vec<_>>().join(" ");
        patients.push(PatientLink { patient_id: patient_id.clone(), display_name, is_self: true });
    }
    Ok(SessionInfo {
        account_id: caller.account_id.clone(),
        display_name: caller.display_name.clone(),
        email: caller.email.clone(),
        role: caller.role,
        patients,
        idle_timeout_secs,
        expires_at: caller.expires_at.clone(),
    })
}
