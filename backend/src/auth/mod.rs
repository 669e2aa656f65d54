//! Identity: accounts, sign-in in one or two steps, server-side sessions, second factors,
//! throttling, and `Caller`, through which every route learns who is asking and whose records
//! they may open.

mod account;
mod caller;
pub mod csrf;
mod mfa;
mod passkeys;
pub mod password;
pub mod policy;
pub mod session;
mod signin;
pub mod sso;
pub mod throttle;
pub mod totp;

use axum::Router;
use axum::routing::{delete, get, post};
use shared::auth::SecondFactorMethod;
use shared::{PatientLink, Role, SessionInfo};

pub(crate) use account::issue_code;
pub use caller::{Access, Caller, RequestMeta, SignInSession};

use crate::error::{ApiError, ApiResult};
use crate::fhir::datetime;
use crate::{AppState, Db};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/session", post(signin::sign_in).get(signin::current).delete(signin::sign_out))
        .route("/session/second-factor", post(signin::second_factor))
        .route("/session/reauth", post(signin::reauth))
        .route("/account/security", get(account::security))
        .route("/account/sessions", get(account::sessions).delete(account::sign_out_everywhere))
        .route("/account/sessions/{id}", delete(account::end_session))
        .route("/account/password", post(account::change_password))
        .route("/account/totp", post(mfa::start_totp))
        .route("/account/totp/confirm", post(mfa::confirm_totp))
        .route("/account/recovery-codes", post(mfa::new_recovery_codes))
        .route("/account/two-step/off", post(mfa::turn_off))
        .route("/password/check", post(account::check_password))
        .route("/auth/sso", get(sso::info))
        .merge(passkeys::router())
}

/// These routes in the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    signin::sign_in,
    signin::current,
    signin::sign_out,
    signin::second_factor,
    signin::reauth,
    account::security,
    account::sessions,
    account::sign_out_everywhere,
    account::end_session,
    account::change_password,
    account::check_password,
    mfa::start_totp,
    mfa::confirm_totp,
    mfa::new_recovery_codes,
    mfa::turn_off,
    sso::info,
    passkeys::registration_options,
    passkeys::register,
    passkeys::list,
    passkeys::rename,
    passkeys::remove,
    passkeys::sign_in_options,
    passkeys::sign_in,
    passkeys::reauth_options,
    passkeys::reauth,
))]
pub struct Api;

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
        "INSERT INTO accounts (id, email, display_name, role, patient_id, practitioner_id, password_hash, language,
                               created_at, password_changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
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

/// Gives an account a confirmed authenticator secret (the demo seed prints it; administrators
/// use the enrolment flow instead).
pub async fn set_confirmed_totp(
    conn: &mut sqlx::AnyConnection,
    keys: &crate::crypto::KeyRing,
    account_id: &str,
    secret: &[u8],
) -> anyhow::Result<()> {
    sqlx::query("UPDATE accounts SET totp_secret = $1, totp_confirmed_at = $2 WHERE id = $3")
        .bind(keys.seal("accounts.totp_secret", secret))
        .bind(datetime::now())
        .bind(account_id.to_owned())
        .execute(conn)
        .await?;
    Ok(())
}

pub(crate) fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The second factors an account has.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Factors {
    pub totp: bool,
    pub passkeys: u32,
    pub recovery_codes_left: u32,
    pub opted_out: bool,
}

impl Factors {
    pub const fn any(self) -> bool {
        self.totp || self.passkeys > 0
    }

    /// What the second step may be answered with.
    pub fn methods(self) -> Vec<SecondFactorMethod> {
        let mut methods = Vec::new();
        if self.totp {
            methods.push(SecondFactorMethod::Totp);
        }
        if self.passkeys > 0 {
            methods.push(SecondFactorMethod::Passkey);
        }
        if self.recovery_codes_left > 0 {
            methods.push(SecondFactorMethod::RecoveryCode);
        }
        methods
    }
}

pub(crate) async fn factors(db: &Db, account_id: &str) -> ApiResult<Factors> {
    let (totp, opted_out): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT totp_confirmed_at, mfa_opt_out_at FROM accounts WHERE id = $1")
            .bind(account_id.to_owned())
            .fetch_one(db.pool())
            .await?;
    let codes: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE account_id = $1 AND used_at IS NULL")
            .bind(account_id.to_owned())
            .fetch_one(db.pool())
            .await?;
    let passkeys: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM passkeys WHERE account_id = $1")
        .bind(account_id.to_owned())
        .fetch_one(db.pool())
        .await?;
    Ok(Factors {
        totp: totp.is_some(),
        passkeys: u32::try_from(passkeys).unwrap_or(0),
        recovery_codes_left: u32::try_from(codes).unwrap_or(0),
        opted_out: opted_out.is_some(),
    })
}

/// The session just created for `token`, as `GET /api/session` would show it.
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
        // `build_info` reads only whose records the person may open.
        practitioner_id: None,
        session,
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
    for (patient_id, display_name) in crate::access::proxied_patients(db, &caller.account_id).await? {
        patients.push(PatientLink { patient_id, display_name, is_self: false });
    }
    Ok(SessionInfo {
        account_id: caller.account_id.clone(),
        display_name: caller.display_name.clone(),
        email: caller.email.clone(),
        role: caller.role,
        patients,
        idle_timeout_secs,
        two_step: factors(db, &caller.account_id).await?.any(),
        expires_at: caller.session.expires_at.clone(),
    })
}
