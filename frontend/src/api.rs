//! The typed API client: one function per route, each returning the route's `shared` type or an
//! [`ApiError`] that keeps the status and the server's envelope. The session travels in an
//! `HttpOnly` cookie the browser sends by itself; this code never sees a token.
//!
//! Every call that reaches the session restarts the server's idle clock, so this module also
//! tells whoever listens (the idle timeout) when such a call was made.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::access::{
    AuditPage, AuditVerification, BreakGlassGrant, BreakGlassReview, ProxyAccess, ProxyGrant, RecordView,
};
use shared::auth::{
    AccountSecurity, EmailVerified, EmailVerifyRequest, EnrolmentRequest, ForgotPasswordRequest,
    PasskeyAdded, PasskeyAssertion, PasskeyList, PasskeyOptions, PasskeyRegistration, PasswordChange,
    PasswordCheck, PasswordCheckRequest, PasswordResetRequest, ReauthRequest, RecoveryCodes,
    SecondFactorRequest, SessionSummary, SsoInfo, TotpConfirm, TotpSetup,
};
use shared::chart::{
    Allergy, DocumentSummary, HealthSummary, Immunization, Medication, Problem, ResultCategory, ResultDetail,
    ResultHistory, ResultsPage, VaccineDue, Visit, VisitDetail,
};
use shared::{ClinicInfo, ErrorBody, ErrorCode, ErrorDetail, SessionInfo, SignInRequest, SignInResult};

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached: offline, or the connection dropped.
    Network(String),
    /// The server answered with an error; `detail` is its envelope when it sent one, and
    /// `retry_after` its `Retry-After` in seconds (sent with 429).
    Status { status: u16, detail: Option<ErrorDetail>, retry_after: Option<u32> },
    /// The server answered, but not with what this build of the app expects.
    Decode(String),
}

impl ApiError {
    pub const fn is_network(&self) -> bool {
        matches!(self, Self::Network(_))
    }

    /// The HTTP status, when the server answered.
    pub const fn status(&self) -> Option<u16> {
        match self {
            Self::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The server's error code, when it sent its envelope.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Self::Status { detail: Some(detail), .. } => Some(detail.code),
            _ => None,
        }
    }

    /// The code the server gave for one field of the request (`too_short`, …).
    pub fn field_code(&self, field: &str) -> Option<&str> {
        match self {
            Self::Status { detail: Some(detail), .. } => {
                detail.fields.iter().find(|f| f.field == field).map(|f| f.code.as_str())
            }
            _ => None,
        }
    }

    /// Seconds to wait before trying again, for 429 answers.
    pub const fn retry_after(&self) -> Option<u32> {
        match self {
            Self::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The server's request id, to read out to the help desk.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Status { detail: Some(detail), .. } => detail.request_id.as_deref(),
            _ => None,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Network(cause) => write!(f, "network error: {cause}"),
            Self::Status { status, detail: Some(d), .. } => write!(f, "{status} {:?}: {}", d.code, d.message),
            Self::Status { status, detail: None, .. } => write!(f, "HTTP {status}"),
            Self::Decode(cause) => write!(f, "unexpected response: {cause}"),
        }
    }
}

type ActivityListener = Rc<dyn Fn(f64)>;

thread_local! {
    static ACTIVITY: RefCell<Option<ActivityListener>> = const { RefCell::new(None) };
}

/// Calls `listener` with the start time (ms since the epoch) of every request that reached the
/// signed-in session; `None` stops. One listener at a time: the app has one idle clock.
pub fn on_session_activity(listener: Option<ActivityListener>) {
    ACTIVITY.with(|slot| *slot.borrow_mut() = listener);
}

fn note_session_activity(at: f64) {
    let listener = ACTIVITY.with(|slot| slot.borrow().clone());
    if let Some(listener) = listener {
        listener(at);
    }
}

/// Whether a route reads the session cookie (and so restarts the server's idle clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    Session,
    Public,
}

async fn send(request: Result<Request, gloo::net::Error>, reach: Reach) -> Result<Response, ApiError> {
    let request = request.map_err(|e| ApiError::Decode(e.to_string()))?;
    let started = js_sys::Date::now();
    let response = request.send().await.map_err(|e| ApiError::Network(e.to_string()))?;
    // A 401 means the session is gone, so it restarted nothing.
    if reach == Reach::Session && response.status() != 401 {
        note_session_activity(started);
    }
    if !response.ok() {
        let retry_after = response.headers().get("Retry-After").and_then(|v| v.trim().parse().ok());
        let detail = response.json::<ErrorBody>().await.ok().map(|body| body.error);
        return Err(ApiError::Status { status: response.status(), detail, retry_after });
    }
    Ok(response)
}

async fn json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    response.json::<T>().await.map_err(|e| ApiError::Decode(e.to_string()))
}

fn accept_json(builder: RequestBuilder) -> RequestBuilder {
    builder.header("Accept", "application/json")
}

async fn get<T: DeserializeOwned>(path: &str, reach: Reach) -> Result<T, ApiError> {
    json(send(accept_json(Request::get(path)).build(), reach).await?).await
}

async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B, reach: Reach) -> Result<T, ApiError> {
    json(send(accept_json(Request::post(path)).json(body), reach).await?).await
}

/// A write whose answer has no body worth reading (204, or one the app does not need).
async fn post_empty<B: Serialize>(path: &str, body: Option<&B>) -> Result<(), ApiError> {
    let builder = accept_json(Request::post(path));
    let request = match body {
        Some(body) => builder.json(body),
        None => builder.build(),
    };
    send(request, Reach::Session).await.map(drop)
}

async fn delete(path: &str) -> Result<(), ApiError> {
    send(accept_json(Request::delete(path)).build(), Reach::Session).await.map(drop)
}

/// `GET /api/clinic`: the clinic's public name and contact details.
pub async fn clinic() -> Result<ClinicInfo, ApiError> {
    get("/api/clinic", Reach::Public).await
}

/// `GET /api/session`: who is signed in (401 when nobody is, or sign-in is not finished).
/// Also restarts the server's idle clock: "stay signed in" is this call.
pub async fn session() -> Result<SessionInfo, ApiError> {
    get("/api/session", Reach::Session).await
}

/// `POST /api/session`: the password step.
pub async fn sign_in(email: &str, password: &str) -> Result<SignInResult, ApiError> {
    let body = SignInRequest { email: email.to_owned(), password: password.to_owned() };
    post("/api/session", &body, Reach::Session).await
}

/// `POST /api/session/second-factor`: a code from the app or a recovery code.
pub async fn second_factor(code: &str) -> Result<SignInResult, ApiError> {
    post("/api/session/second-factor", &SecondFactorRequest { code: code.to_owned() }, Reach::Session).await
}

/// `DELETE /api/session`: signs this browser out, at any stage of signing in.
pub async fn sign_out() -> Result<(), ApiError> {
    delete("/api/session").await
}

/// `POST /api/session/reauth`: the password (and a code) again, before a sensitive change.
pub async fn reauth(password: &str, code: Option<&str>) -> Result<SessionInfo, ApiError> {
    let body = ReauthRequest { password: password.to_owned(), code: code.map(str::to_owned) };
    post("/api/session/reauth", &body, Reach::Session).await
}

/// `GET /api/account/security`
pub async fn account_security() -> Result<AccountSecurity, ApiError> {
    get("/api/account/security", Reach::Session).await
}

/// `GET /api/account/sessions`: the account's signed-in browsers, most recent first.
pub async fn sessions() -> Result<Vec<SessionSummary>, ApiError> {
    get("/api/account/sessions", Reach::Session).await
}

/// `DELETE /api/account/sessions/{id}`
pub async fn end_session(id: &str) -> Result<(), ApiError> {
    delete(&format!("/api/account/sessions/{}", js_sys::encode_uri_component(id))).await
}

/// `DELETE /api/account/sessions`: signs out everywhere, this browser included.
pub async fn sign_out_everywhere() -> Result<(), ApiError> {
    delete("/api/account/sessions").await
}

/// `POST /api/account/password` (403 without a fresh re-authentication).
pub async fn change_password(new_password: &str) -> Result<SessionInfo, ApiError> {
    post("/api/account/password", &PasswordChange { new_password: new_password.to_owned() }, Reach::Session)
        .await
}

/// `POST /api/password/check`: how a new password fares, for the hint while typing.
pub async fn check_password(password: &str) -> Result<PasswordCheck, ApiError> {
    post("/api/password/check", &PasswordCheckRequest { password: password.to_owned() }, Reach::Public).await
}

/// `POST /api/account/totp`: a new authenticator secret to scan.
pub async fn start_totp() -> Result<TotpSetup, ApiError> {
    json(send(accept_json(Request::post("/api/account/totp")).build(), Reach::Session).await?).await
}

/// `POST /api/account/totp/confirm`: the first code from the app; the recovery codes come back.
pub async fn confirm_totp(code: &str) -> Result<RecoveryCodes, ApiError> {
    post("/api/account/totp/confirm", &TotpConfirm { code: code.to_owned() }, Reach::Session).await
}

/// `POST /api/account/recovery-codes`: new recovery codes; the old ones stop working.
pub async fn new_recovery_codes() -> Result<RecoveryCodes, ApiError> {
    json(send(accept_json(Request::post("/api/account/recovery-codes")).build(), Reach::Session).await?).await
}

/// `POST /api/account/two-step/off` (patients only).
pub async fn turn_off_two_step(password: &str) -> Result<(), ApiError> {
    let body = ReauthRequest { password: password.to_owned(), code: None };
    post_empty("/api/account/two-step/off", Some(&body)).await
}

/// `POST /api/enrolment`: a patient creates their account (404 where the server has no such
/// route yet: the screen then says it is not available).
pub async fn enrol(request: &EnrolmentRequest) -> Result<SignInResult, ApiError> {
    post("/api/enrolment", request, Reach::Session).await
}

/// `POST /api/password/forgot`: mails a link to choose a new password (202 whatever the email).
pub async fn forgot_password(email: &str) -> Result<(), ApiError> {
    let body = ForgotPasswordRequest { email: email.to_owned() };
    send(accept_json(Request::post("/api/password/forgot")).json(&body), Reach::Public).await.map(drop)
}

/// `POST /api/password/reset`: a new password with the token from the mailed link.
pub async fn reset_password(token: &str, new_password: &str) -> Result<(), ApiError> {
    let body = PasswordResetRequest { token: token.to_owned(), new_password: new_password.to_owned() };
    send(accept_json(Request::post("/api/password/reset")).json(&body), Reach::Public).await.map(drop)
}

/// `POST /api/email/verify`: the token from an email-confirmation link.
pub async fn verify_email(token: &str) -> Result<EmailVerified, ApiError> {
    post("/api/email/verify", &EmailVerifyRequest { token: token.to_owned() }, Reach::Public).await
}

/// `GET /api/auth/sso`: whether single sign-on is offered.
pub async fn sso() -> Result<SsoInfo, ApiError> {
    get("/api/auth/sso", Reach::Public).await
}

/// `GET /api/account/passkeys`.
pub async fn passkeys() -> Result<PasskeyList, ApiError> {
    get("/api/account/passkeys", Reach::Session).await
}

/// `DELETE /api/account/passkeys/{id}`
pub async fn delete_passkey(id: &str) -> Result<(), ApiError> {
    delete(&format!("/api/account/passkeys/{}", js_sys::encode_uri_component(id))).await
}

/// `POST /api/session/passkey/options`: what the browser needs to use a passkey for the second step.
pub async fn passkey_sign_in_options() -> Result<PasskeyOptions, ApiError> {
    json(send(accept_json(Request::post("/api/session/passkey/options")).build(), Reach::Session).await?)
        .await
}

/// `POST /api/session/passkey`: the second step answered with a passkey.
pub async fn passkey_sign_in(credential: serde_json::Value) -> Result<SignInResult, ApiError> {
    post("/api/session/passkey", &PasskeyAssertion { credential }, Reach::Session).await
}

/// `POST /api/account/passkeys/options`: what the browser needs to make a passkey (403 without a
/// fresh re-authentication).
pub async fn passkey_options() -> Result<PasskeyOptions, ApiError> {
    json(send(accept_json(Request::post("/api/account/passkeys/options")).build(), Reach::Session).await?)
        .await
}

/// `POST /api/account/passkeys`: the passkey the browser made, with its name.
pub async fn add_passkey(credential: serde_json::Value, name: &str) -> Result<PasskeyAdded, ApiError> {
    post("/api/account/passkeys", &PasskeyRegistration { credential, name: name.to_owned() }, Reach::Session)
        .await
}

/// A patient's id as one path segment.
fn patient_path(patient_id: &str) -> String {
    format!("/api/patients/{}", js_sys::encode_uri_component(patient_id))
}

/// `GET /api/patients/{patient_id}/proxies`: the people who may act for the patient.
pub async fn proxies(patient_id: &str) -> Result<Vec<ProxyAccess>, ApiError> {
    get(&format!("{}/proxies", patient_path(patient_id)), Reach::Session).await
}

/// `POST /api/patients/{patient_id}/proxies`: the patient lets someone with a portal account act
/// for them (404 when no such account may be added, 409 for the patient's own email).
pub async fn grant_proxy(patient_id: &str, grant: &ProxyGrant) -> Result<ProxyAccess, ApiError> {
    post(&format!("{}/proxies", patient_path(patient_id)), grant, Reach::Session).await
}

/// `DELETE /api/patients/{patient_id}/proxies/{link_id}`: takes the access back.
pub async fn revoke_proxy(patient_id: &str, link_id: &str) -> Result<(), ApiError> {
    delete(&format!("{}/proxies/{}", patient_path(patient_id), js_sys::encode_uri_component(link_id))).await
}

/// `name=value&…` (no `?`) of the parameters that have a value, each trimmed and URI-encoded;
/// empty when none has one.
pub(crate) fn query_string<'a>(params: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> String {
    params
        .into_iter()
        .filter_map(|(name, value)| {
            let value = value?.trim();
            (!value.is_empty()).then(|| format!("{name}={}", js_sys::encode_uri_component(value)))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// `GET /api/patients/{patient_id}/access-log`: who else opened the record, newest first.
pub async fn access_log(patient_id: &str) -> Result<Vec<RecordView>, ApiError> {
    get(&format!("{}/access-log", patient_path(patient_id)), Reach::Session).await
}

// ---- The chart: one patient's record, as the record screens show it ----

/// Filters and paging of the results list (`GET …/results`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResultsQuery {
    pub category: Option<ResultCategory>,
    pub abnormal: bool,
    pub new: bool,
    pub words: String,
    pub after: Option<String>,
}

impl ResultsQuery {
    /// The query string, without the `?`.
    pub fn to_query(&self) -> String {
        let category = self.category.map(|category| match category {
            ResultCategory::Laboratory => "laboratory",
            ResultCategory::VitalSigns => "vital-signs",
            ResultCategory::Other => "other",
        });
        let on = |flag: bool| flag.then_some("true");
        query_string([
            ("category", category),
            ("abnormal", on(self.abnormal)),
            ("new", on(self.new)),
            ("q", Some(self.words.as_str())),
            ("after", self.after.as_deref()),
        ])
    }

    /// The filters as the results page's address holds them (`kind=all&new=1`, without the `?`),
    /// so a link, a reload or "Back" opens the list as it was. Lab tests are the default and are
    /// not written. The words searched for are not: a test's name in the browser's history says
    /// something about the person's health.
    pub fn address_query(&self) -> String {
        let kind = match self.category {
            None => Some("all"),
            Some(ResultCategory::VitalSigns) => Some("vitals"),
            Some(ResultCategory::Laboratory | ResultCategory::Other) => None,
        };
        let on = |flag: bool| flag.then_some("1");
        query_string([("kind", kind), ("abnormal", on(self.abnormal)), ("new", on(self.new))])
    }

    /// The filters read back from the results page's address (`?kind=vitals&abnormal=1`).
    pub fn from_address(search: &str) -> Self {
        let param = |name: &str| crate::pages::query_param(search, name);
        let on = |name: &str| param(name).is_some_and(|v| v == "1" || v == "true");
        let category = match param("kind").as_deref() {
            Some("all") => None,
            Some("vitals") => Some(ResultCategory::VitalSigns),
            _ => Some(ResultCategory::Laboratory),
        };
        Self { category, abnormal: on("abnormal"), new: on("new"), words: String::new(), after: None }
    }
}

/// `GET /api/patients/{patient_id}/summary`: the home page's and the printable summary's facts.
pub async fn health_summary(patient_id: &str) -> Result<HealthSummary, ApiError> {
    get(&format!("{}/summary", patient_path(patient_id)), Reach::Session).await
}

/// `GET /api/patients/{patient_id}/results`: a page of the results list, newest first.
pub async fn results(patient_id: &str, query: &ResultsQuery) -> Result<ResultsPage, ApiError> {
    get(&format!("{}/results?{}", patient_path(patient_id), query.to_query()), Reach::Session).await
}

/// `GET /api/patients/{patient_id}/results/{result_id}`: one result (opening it marks it seen).
pub async fn result(patient_id: &str, result_id: &str) -> Result<ResultDetail, ApiError> {
    let path = format!("{}/results/{}", patient_path(patient_id), js_sys::encode_uri_component(result_id));
    get(&path, Reach::Session).await
}

/// `GET /api/patients/{patient_id}/results/history?code=…`: one test (by its LOINC code) over
/// time, oldest first.
pub async fn result_history(patient_id: &str, code: &str) -> Result<ResultHistory, ApiError> {
    let path =
        format!("{}/results/history?code={}", patient_path(patient_id), js_sys::encode_uri_component(code));
    get(&path, Reach::Session).await
}

/// `POST /api/patients/{patient_id}/results/seen`: every new result marked as read.
pub async fn mark_results_seen(patient_id: &str) -> Result<(), ApiError> {
    post_empty::<()>(&format!("{}/results/seen", patient_path(patient_id)), None).await
}

/// `GET /api/patients/{patient_id}/medications`: current medicines first.
pub async fn medications(patient_id: &str) -> Result<Vec<Medication>, ApiError> {
    get(&format!("{}/medications", patient_path(patient_id)), Reach::Session).await
}

/// `GET /api/patients/{patient_id}/immunizations`: vaccines given, newest first.
pub async fn immunizations(patient_id: &str) -> Result<Vec<Immunization>, ApiError> {
    get(&format!("{}/immunizations", patient_path(patient_id)), Reach::Session).await
}

/// `GET /api/patients/{patient_id}/vaccines-due`: vaccines due now or overdue, by the CDC schedule.
pub async fn vaccines_due(patient_id: &str) -> Result<Vec<VaccineDue>, ApiError> {
    get(&format!("{}/vaccines-due", patient_path(patient_id)), Reach::Session).await
}

/// `GET /api/patients/{patient_id}/allergies`
pub async fn allergies(patient_id: &str) -> Result<Vec<Allergy>, ApiError> {
    get(&format!("{}/allergies", patient_path(patient_id)), Reach::Session).await
}

/// `GET /api/patients/{patient_id}/problems`: health issues, current and past.
pub async fn problems(patient_id: &str) -> Result<Vec<Problem>, ApiError> {
    get(&format!("{}/problems", patient_path(patient_id)), Reach::Session).await
}

/// `GET /api/patients/{patient_id}/visits`: every visit, newest first.
pub async fn visits(patient_id: &str) -> Result<Vec<Visit>, ApiError> {
    get(&format!("{}/visits", patient_path(patient_id)), Reach::Session).await
}

/// `GET /api/patients/{patient_id}/visits/{visit_id}`
pub async fn visit(patient_id: &str, visit_id: &str) -> Result<VisitDetail, ApiError> {
    let path = format!("{}/visits/{}", patient_path(patient_id), js_sys::encode_uri_component(visit_id));
    get(&path, Reach::Session).await
}

/// `GET /api/patients/{patient_id}/documents`
pub async fn documents(patient_id: &str) -> Result<Vec<DocumentSummary>, ApiError> {
    get(&format!("{}/documents", patient_path(patient_id)), Reach::Session).await
}

/// Where a document's file downloads from (a plain link: the browser saves it).
pub fn document_file_url(patient_id: &str, document_id: &str, seq: u32) -> String {
    format!(
        "{}/documents/{}/files/{seq}",
        patient_path(patient_id),
        js_sys::encode_uri_component(document_id)
    )
}

/// Where the whole record downloads from as one FHIR R4 file, for dates `start`..=`end`
/// (`YYYY-MM-DD`, either may be empty).
pub fn record_export_url(patient_id: &str, start: &str, end: &str) -> String {
    let query = query_string([("start", Some(start)), ("end", Some(end))]);
    let query = if query.is_empty() { query } else { format!("?{query}") };
    format!("{}/export{query}", patient_path(patient_id))
}

// ---- The security officer's review of the audit trail and of emergency access ----

/// What the audit search narrows by (`GET /api/security/audit`); an empty field does not narrow.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilters {
    /// A patient's ID or words of their name.
    pub patient: String,
    /// An account's ID or email, or words of its name.
    pub actor: String,
    pub action: String,
    /// `success`, `denied` or `failure`.
    pub outcome: String,
    /// UTC instants, `[from, to)`.
    pub from: String,
    pub to: String,
}

impl AuditFilters {
    /// The query string, without the `?`: the filters given, then `after` and `limit` when set.
    pub fn to_query(&self, after: Option<i64>, limit: Option<u32>) -> String {
        let (after, limit) = (after.map(|a| a.to_string()), limit.map(|l| l.to_string()));
        query_string([
            ("patient", Some(self.patient.as_str())),
            ("actor", Some(self.actor.as_str())),
            ("action", Some(self.action.as_str())),
            ("outcome", Some(self.outcome.as_str())),
            ("from", Some(self.from.as_str())),
            ("to", Some(self.to.as_str())),
            ("after", after.as_deref()),
            ("limit", limit.as_deref()),
        ])
    }
}

/// `GET /api/security/audit`: a page of matching audit rows, oldest first.
pub async fn audit(filters: &AuditFilters, after: Option<i64>, limit: u32) -> Result<AuditPage, ApiError> {
    get(&format!("/api/security/audit?{}", filters.to_query(after, Some(limit))), Reach::Session).await
}

/// Where every matching audit row downloads from as a CSV file (a plain link: the server sends
/// it as an attachment).
pub fn audit_export_url(filters: &AuditFilters) -> String {
    let query = filters.to_query(None, None);
    let join = if query.is_empty() { "" } else { "&" };
    format!("/api/security/audit?{query}{join}format=csv")
}

/// `GET /api/security/audit/verify`: whether the audit chain is whole.
pub async fn audit_verify() -> Result<AuditVerification, ApiError> {
    get("/api/security/audit/verify", Reach::Session).await
}

/// `GET /api/security/break-glass`: emergency access, newest first (`pending`: only those not
/// reviewed yet).
pub async fn break_glass_grants(pending: bool) -> Result<Vec<BreakGlassGrant>, ApiError> {
    let path = if pending { "/api/security/break-glass?pending=true" } else { "/api/security/break-glass" };
    get(path, Reach::Session).await
}

/// `POST /api/security/break-glass/{grant_id}/review`: the security officer's finding (409 when
/// someone reviewed it first).
pub async fn review_break_glass(grant_id: &str, note: &str) -> Result<BreakGlassGrant, ApiError> {
    let path = format!("/api/security/break-glass/{}/review", js_sys::encode_uri_component(grant_id));
    post(&path, &BreakGlassReview { note: note.to_owned() }, Reach::Session).await
}
