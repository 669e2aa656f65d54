//! Patient enrolment: the front desk issues an activation code for a patient's record (printed
//! or read out), and the patient creates their account with it and their date of birth.

use axum::extract::{Path, State};
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::{SignedDuration, Timestamp};
use sha2::{Digest as _, Sha256};
use shared::auth::{ActivationCode, EnrolmentRequest, SecondFactorMethod, SignInResult};
use shared::{ErrorCode, Role};

use super::tokens::{self, TokenKind};
use super::{Origin, email_in_use, email_taken, link, parse_email, weak_password};
use crate::AppState;
use crate::audit::{self, Outcome};
use crate::auth::session::{self, Stage, token_hash};
use crate::auth::{Caller, NewAccount, RequestMeta, policy, throttle};
use crate::error::{ApiError, ApiJson, ApiResult};
use crate::fhir::datetime;
use crate::mail::{self, Language, Template};

/// Letters and digits nobody mistakes for another: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
const ALPHABET: &[u8; 25] = b"ACDEFGHJKMNPQRTUVWXY34679";
const CODE_LENGTH: usize = 12;
/// How long a code works.
pub const CODE_LIFETIME: SignedDuration = SignedDuration::from_hours(24 * 30);

fn new_code() -> String {
    let mut code = String::with_capacity(CODE_LENGTH);
    while code.len() < CODE_LENGTH {
        // 250 = 10 × 25: a byte below it picks every character equally often.
        let byte = rand::random::<u8>();
        if byte < 250 {
            code.push(char::from(ALPHABET[usize::from(byte % 25)]));
        }
    }
    code
}

/// `XXXX-XXXX-XXXX`, as it is printed.
fn display(code: &str) -> String {
    code.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
}

/// The code as typed, upper-cased and without dashes or spaces; `None` if it cannot be one.
fn normalise(typed: &str) -> Option<String> {
    let code: String =
        typed.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    (code.len() == CODE_LENGTH && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

/// A demo patient's activation code: fixed, so `portal serve --seed-demo` prints it on every run.
pub fn demo_code(patient_id: &str) -> String {
    let digest = Sha256::digest(format!("riverbend demo activation|{patient_id}").as_bytes());
    let code: String =
        digest.iter().take(CODE_LENGTH).map(|b| char::from(ALPHABET[usize::from(b % 25)])).collect();
    display(&code)
}

/// Stores `code` as `patient_id`'s live activation code (replacing any other), until
/// `lifetime` from now; `issued_by` is `None` for the demo seed.
async fn store(
    conn: &mut sqlx::AnyConnection,
    patient_id: &str,
    code: &str,
    issued_by: Option<&str>,
    lifetime: SignedDuration,
) -> anyhow::Result<String> {
    let now = Timestamp::now();
    let expires_at = datetime::format(now + lifetime);
    sqlx::query("DELETE FROM activation_codes WHERE patient_id = $1 AND used_at IS NULL")
        .bind(patient_id.to_owned())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO activation_codes (code_hash, patient_id, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash(code))
    .bind(patient_id.to_owned())
    .bind(issued_by.map(str::to_owned))
    .bind(datetime::format(now))
    .bind(expires_at.clone())
    .execute(&mut *conn)
    .await?;
    Ok(expires_at)
}

/// Stores a demo patient's fixed code ([`demo_code`]). It works for a year: the demo's data
/// folder is kept between runs, and its printed codes must keep working.
pub async fn store_demo_code(conn: &mut sqlx::AnyConnection, patient_id: &str) -> anyhow::Result<()> {
    let code = normalise(&demo_code(patient_id)).expect("demo codes use the alphabet");
    store(conn, patient_id, &code, None, SignedDuration::from_hours(24 * 365)).await?;
    Ok(())
}

/// `POST /api/patients/{patient_id}/activation-code` (front desk and administrators): a new code
/// for the patient, shown this once; any earlier one stops working.
#[utoipa::path(
    post,
    operation_id = "accounts_enrolment_issue_code",
    path = "/api/patients/{patient_id}/activation-code",
    tag = "accounts",
    params(("patient_id" = String, Path)),
    responses((status = 201, description = "Created.", body = shared::auth::ActivationCode), (status = 401, description = "Not signed in, or the session ended (or the password or code is wrong).", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or a fresh re-authentication or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["front_desk", "admin"])))
)]
pub(super) async fn issue_code(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
) -> ApiResult<(StatusCode, ApiJson<ActivationCode>)> {
    caller.require_role(&state, &[Role::FrontDesk, Role::Admin], "issue_activation_code").await?;
    let exists: Option<String> = sqlx::query_scalar("SELECT id FROM patients WHERE id = $1")
        .bind(patient_id.clone())
        .fetch_optional(state.db.pool())
        .await?;
    if exists.is_none() {
        return Err(ApiError::not_found());
    }
    let mut tx = state.db.begin_write().await?;
    let account: Option<String> =
        sqlx::query_scalar("SELECT id FROM accounts WHERE patient_id = $1 AND role = $2")
            .bind(patient_id.clone())
            .bind(Role::Patient.as_str())
            .fetch_optional(&mut *tx)
            .await?;
    if account.is_some() {
        return Err(ApiError::conflict("This patient already has a portal account."));
    }
    let code = new_code();
    let expires_at = store(&mut tx, &patient_id, &code, Some(&caller.account_id), CODE_LIFETIME).await?;
    tx.commit().await?;
    let mut event = caller.event("issue_activation_code", Outcome::Success);
    event.patient_id = Some(patient_id.clone());
    audit::record(&state.db, event).await?;
    Ok((StatusCode::CREATED, ApiJson(ActivationCode { patient_id, code: display(&code), expires_at })))
}

/// The one answer to a wrong, used or expired code and a wrong date of birth alike.
fn not_matched() -> ApiError {
    ApiError::new(
        ErrorCode::BadRequest,
        "The activation code or date of birth is not right. Check them, or ask the clinic for a new code.",
    )
}

fn too_many_attempts(until: Timestamp) -> Response {
    let seconds = until.duration_since(Timestamp::now()).as_secs().max(1);
    let mut response =
        ApiError::new(ErrorCode::TooManyRequests, "Too many tries. Please wait and try again.")
            .into_response();
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(RETRY_AFTER, value);
    }
    response
}

#[derive(sqlx::FromRow)]
struct CodeRow {
    patient_id: String,
    birth_date: Option<String>,
    given: Option<String>,
    family: Option<String>,
    language: Option<String>,
}

/// `POST /api/enrolment`: creates the patient's account, then asks for a second factor.
#[utoipa::path(
    post,
    operation_id = "accounts_enrolment_enrol",
    path = "/api/enrolment",
    tag = "accounts",
    request_body = shared::auth::EnrolmentRequest,
    responses((status = 201, description = "Created.", body = shared::auth::SignInResult), (status = 400, description = "The request is malformed.", body = shared::ErrorBody), (status = 409, description = "It conflicts with the current state.", body = shared::ErrorBody), (status = 413, description = "The body is too large.", body = shared::ErrorBody), (status = 415, description = "The body is not JSON.", body = shared::ErrorBody), (status = 422, description = "A field is invalid; `fields` says which.", body = shared::ErrorBody), (status = 429, description = "Too many attempts; `Retry-After` says when to try again.", body = shared::ErrorBody)),
    security(()),
    extensions(("x-roles" = json!(["anyone"])))
)]
pub(super) async fn enrol(
    State(state): State<AppState>,
    meta: RequestMeta,
    Origin(origin): Origin,
    ApiJson(request): ApiJson<EnrolmentRequest>,
) -> ApiResult<Response> {
    let code = normalise(&request.activation_code);
    let code_key =
        throttle::key("activation", code.as_deref().unwrap_or_else(|| request.activation_code.trim()));
    let address_key = meta.ip.as_deref().map(|ip| throttle::key("enrol-address", ip));
    let keys: Vec<&str> = std::iter::once(code_key.as_str()).chain(address_key.as_deref()).collect();
    if let Some(until) = throttle::blocked_until(&state.db, &keys).await? {
        let mut event = meta.event("enrolment", Outcome::Denied);
        event.detail = Some("throttled".into());
        audit::record(&state.db, event).await?;
        return Ok(too_many_attempts(until));
    }

    let found: Option<CodeRow> = match &code {
        Some(code) => {
            sqlx::query_as(
                "SELECT p.id AS patient_id, p.birth_date, p.given, p.family, p.language
                 FROM activation_codes c JOIN patients p ON p.id = c.patient_id
                 WHERE c.code_hash = $1 AND c.used_at IS NULL AND c.expires_at > $2",
            )
            .bind(token_hash(code))
            .bind(datetime::now())
            .fetch_optional(state.db.pool())
            .await?
        }
        None => None,
    };
    let Some(patient) =
        found.filter(|p| p.birth_date.as_deref().map(str::trim) == Some(request.birth_date.trim()))
    else {
        throttle::fail(&state.db, &code_key, throttle::ACCOUNT).await?;
        if let Some(address_key) = &address_key {
            throttle::fail(&state.db, address_key, throttle::ADDRESS).await?;
        }
        let mut event = meta.event("enrolment", Outcome::Denied);
        event.detail = Some("activation code or birth date not matched".into());
        audit::record(&state.db, event).await?;
        return Err(not_matched());
    };
    let code = code.unwrap_or_default();

    let email = parse_email(&request.email, "email")?;
    let display_name = [patient.given.as_deref(), patient.family.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    policy::check(&request.password, true, &[&email, &display_name])
        .map_err(|i| weak_password(i, "password"))?;
    let language = match request.language.as_deref().map(str::trim) {
        Some(l @ ("en" | "es")) => Some(l.to_owned()),
        Some(_) => {
            return Err(ApiError::validation(
                "The language must be en or es.",
                vec![shared::FieldError { field: "language".into(), code: "unsupported".into() }],
            ));
        }
        None => patient.language.clone(),
    };

    let new =
        Enrolling { patient: &patient, code: &code, email: &email, password: &request.password, language };
    let account_id = create_patient_account(&state, &origin, &new).await?;
    throttle::clear(&state.db, &code_key).await?;

    let mut event = meta.event("enrolment", Outcome::Success);
    event.actor_account_id = Some(account_id.clone());
    event.actor_role = Some(Role::Patient.as_str().to_owned());
    event.patient_id = Some(patient.patient_id.clone());
    audit::record(&state.db, event).await?;

    let created = session::create(
        &state.db,
        &account_id,
        Stage::Enrol,
        session::PENDING_LIFETIME,
        meta.ip.as_deref(),
        meta.user_agent.as_deref(),
    )
    .await?;
    let cookie = session::set_cookie_header(&session::cookie(&created.token, session::PENDING_LIFETIME));
    let result = SignInResult::EnrolmentRequired {
        methods: vec![SecondFactorMethod::Totp, SecondFactorMethod::Passkey],
    };
    Ok((StatusCode::CREATED, [cookie], ApiJson(result)).into_response())
}

/// A patient about to get an account, their code checked.
struct Enrolling<'a> {
    patient: &'a CodeRow,
    code: &'a str,
    email: &'a str,
    password: &'a str,
    language: Option<String>,
}

impl Enrolling<'_> {
    fn display_name(&self) -> String {
        [self.patient.given.as_deref(), self.patient.family.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Creates the account, uses the code up and queues the email confirmation, in one transaction.
async fn create_patient_account(state: &AppState, origin: &str, new: &Enrolling<'_>) -> ApiResult<String> {
    let mut tx = state.db.begin_write().await?;
    if email_in_use(&mut tx, new.email).await? {
        return Err(email_taken());
    }
    let has_account: Option<String> =
        sqlx::query_scalar("SELECT id FROM accounts WHERE patient_id = $1 AND role = $2")
            .bind(new.patient.patient_id.clone())
            .bind(Role::Patient.as_str())
            .fetch_optional(&mut *tx)
            .await?;
    if has_account.is_some() {
        return Err(ApiError::conflict("This patient already has a portal account. Sign in instead."));
    }
    let used =
        sqlx::query("UPDATE activation_codes SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL")
            .bind(datetime::now())
            .bind(token_hash(new.code))
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if used != 1 {
        return Err(not_matched());
    }
    let account = NewAccount {
        email: new.email,
        display_name: &new.display_name(),
        role: Role::Patient,
        patient_id: Some(&new.patient.patient_id),
        practitioner_id: None,
        password: new.password,
        language: new.language.as_deref(),
    };
    let account_id = crate::auth::create_account(&mut tx, &account).await?;
    sqlx::query("UPDATE activation_codes SET account_id = $1 WHERE code_hash = $2")
        .bind(account_id.clone())
        .bind(token_hash(new.code))
        .execute(&mut *tx)
        .await?;
    let token = tokens::issue(&mut tx, TokenKind::EmailVerification, &account_id, new.email).await?;
    let verify_link = link(origin, shared::auth::VERIFY_EMAIL_PAGE, &token);
    mail::queue(
        &mut tx,
        &state.config.keys,
        Some(&account_id),
        new.email,
        &Template::VerifyEmail { link: &verify_link },
        Language::parse(new.language.as_deref()),
        TokenKind::EmailVerification.lifetime(),
    )
    .await?;
    tx.commit().await?;
    state.config.mail.wake();
    Ok(account_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_typable_in_groups_of_four_without_look_alikes() {
        let shown = display(&new_code());
        assert_eq!(shown.len(), 14);
        assert_eq!(shown.matches('-').count(), 2);
        assert!(!shown.contains(['0', 'O', '1', 'I', 'L', '2', 'Z', '5', 'S', '8', 'B']));
        assert_ne!(new_code(), new_code());
    }

    #[test]
    fn a_code_typed_in_lower_case_with_spaces_still_matches() {
        let code = new_code();
        let typed = format!(" {} ", display(&code).to_lowercase().replace('-', " "));
        assert_eq!(normalise(&typed), Some(code));
        assert_eq!(normalise("ABCD-EFGH"), None);
        assert_eq!(normalise("0000-0000-0000"), None);
    }

    #[test]
    fn demo_codes_are_fixed_and_valid() {
        assert_eq!(demo_code("p1"), demo_code("p1"));
        assert_ne!(demo_code("p1"), demo_code("p2"));
        assert!(normalise(&demo_code("p1")).is_some());
    }
}
