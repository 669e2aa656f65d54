//! Accounts: enrolment with an activation code, email verification and change, password reset,
//! staff accounts, and the outbox, with mail received by a real SMTP server on loopback
//! (`aiosmtpd` from the project's `.venv`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use backend::Config;
use backend::mail::MailConfig;
use shared::auth::{AccountSummary, ActivationCode, EmailVerified, SignInResult};
use shared::{ErrorCode, Role};

use crate::helpers::{
    PASSWORD, TestApp, TestResponse, assert_envelope, patient_row, session_cookie, totp_now,
};

const JSON: (&str, &str) = ("content-type", "application/json");
const PUBLIC_URL: &str = "https://portal.test";
const NEW_PASSWORD: &str = "violet tractor mango seventeen";
/// The characters of activation codes.
const ALPHABET: &[u8] = b"ACDEFGHJKMNPQRTUVWXY34679";

/// A real SMTP server (aiosmtpd) on loopback, writing what it receives into a Maildir.
struct SmtpServer {
    child: Child,
    port: u16,
    maildir: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn python() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let python = root.join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run `cargo xtask setup` to create the virtualenv with aiosmtpd",
        python.display()
    );
    python
}

impl SmtpServer {
    async fn start() -> Self {
        Self::start_on(free_port()).await
    }

    async fn start_on(port: u16) -> Self {
        let maildir = tempfile::tempdir().unwrap();
        let child = Command::new(python())
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(maildir.path().join("mail"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        let server = Self { child, port, maildir };
        wait_until("the SMTP server accepts connections", || async {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        })
        .await;
        server
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, as raw text.
    fn messages(&self) -> Vec<String> {
        let mut messages = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.maildir.path().join("mail").join(sub)) else { continue };
            for entry in entries.flatten() {
                messages.push(decode(&std::fs::read_to_string(entry.path()).unwrap()));
            }
        }
        messages
    }

    /// Waits until `count` messages have arrived, and returns them.
    async fn wait_for(&self, count: usize) -> Vec<String> {
        wait_until(&format!("{count} message(s) arrive"), || async { self.messages().len() >= count }).await;
        self.messages()
    }

    /// The messages sent to `to`.
    fn to(&self, to: &str) -> Vec<String> {
        self.messages()
            .into_iter()
            .filter(|m| m.lines().any(|l| l.eq_ignore_ascii_case(&format!("To: {to}"))))
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// A message with a quoted-printable body decoded (soft line breaks joined, `=XX` bytes put back),
/// as a mail reader shows it.
fn decode(raw: &str) -> String {
    if !raw.contains("Content-Transfer-Encoding: quoted-printable") {
        return raw.to_owned();
    }
    let joined = raw.replace("=\r\n", "").replace("=\n", "");
    let mut bytes = Vec::new();
    let mut rest = joined.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        let hex = tail.get(..2).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        if let (b'=', Some(byte)) = (first, hex) {
            bytes.push(byte);
            rest = &tail[2..];
        } else {
            bytes.push(first);
            rest = tail;
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Polls `condition` until it holds, failing the test after 30 seconds.
async fn wait_until<F, Fut>(what: &str, mut condition: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(30);
    while !condition().await {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The token of the link in a message.
fn token_in(message: &str) -> String {
    let start = message.find("#token=").expect("a link with a token") + "#token=".len();
    message[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

/// Stops the background sender when the test ends.
struct Sender(tokio::task::JoinHandle<()>);

impl Drop for Sender {
    fn drop(&mut self) {
        self.0.abort();
    }
}

fn mail_config(smtp_url: &str) -> Config {
    Config {
        public_url: Some(PUBLIC_URL.into()),
        mail: MailConfig {
            smtp_url: Some(smtp_url.to_owned()),
            poll_every: Duration::from_millis(200),
            retry_first: Duration::from_millis(100),
            ..MailConfig::default()
        },
        ..Config::default()
    }
}

/// The app, with its outbox sender delivering to `smtp_url`.
async fn app_with_mail(smtp_url: &str) -> (TestApp, Sender) {
    let config = mail_config(smtp_url);
    let app = TestApp::spawn_with(config.clone(), None).await;
    let sender = backend::mail::spawn_sender(app.db.clone(), Arc::new(config)).expect("a sender");
    (app, Sender(sender))
}

async fn post(app: &TestApp, cookie: Option<&str>, path: &str, body: serde_json::Value) -> TestResponse {
    let mut headers = vec![JSON];
    if let Some(cookie) = cookie {
        headers.push(("cookie", cookie));
    }
    app.request(Method::POST, path, &headers, body.to_string()).await
}

async fn patient(app: &TestApp, id: &str) {
    let mut conn = app.db.pool().acquire().await.unwrap();
    backend::records::upsert(&mut conn, app.db.keys(), &[patient_row(id, "Maria", "Lopez")]).await.unwrap();
}

/// Issues an activation code for `patient_id` as a new front-desk account.
async fn issue_code(app: &TestApp, patient_id: &str) -> ActivationCode {
    let email = format!("desk-{}@clinic.test", uuid::Uuid::new_v4().simple());
    app.account(Role::FrontDesk, &email, None).await;
    let cookie = app.sign_in(&email).await;
    let response = post(
        app,
        Some(&cookie),
        &format!("/api/patients/{patient_id}/activation-code"),
        serde_json::json!({}),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

fn enrolment(code: &str, birth_date: &str, email: &str) -> serde_json::Value {
    serde_json::json!({ "activation_code": code, "birth_date": birth_date, "email": email, "password": NEW_PASSWORD })
}

#[tokio::test]
async fn a_patient_enrols_with_a_code_from_the_front_desk_then_confirms_their_email_once() {
    let smtp = SmtpServer::start().await;
    let (app, _sender) = app_with_mail(&smtp.url()).await;
    patient(&app, "p1").await;
    let code = issue_code(&app, "p1").await;

    let enrolled =
        post(&app, None, "/api/enrolment", enrolment(&code.code, "1980-01-01", "Maria@Example.org")).await;
    let mail = smtp.wait_for(1).await;
    let token = token_in(&mail[0]);
    let verified = post(&app, None, "/api/email/verify", serde_json::json!({ "token": token })).await;
    let again = post(&app, None, "/api/email/verify", serde_json::json!({ "token": token })).await;

    assert_eq!(code.code.len(), 14, "XXXX-XXXX-XXXX");
    assert_eq!(enrolled.status, StatusCode::CREATED, "{}", enrolled.text());
    assert!(matches!(enrolled.json::<SignInResult>(), SignInResult::EnrolmentRequired { .. }));
    let cookie = session_cookie(&enrolled);
    let totp = post(&app, Some(&cookie), "/api/account/totp", serde_json::json!({})).await;
    assert_eq!(
        totp.status,
        StatusCode::OK,
        "the enrol-stage session may set up a second factor: {}",
        totp.text()
    );
    assert_envelope(
        &app.get_as(&cookie, "/api/session").await,
        StatusCode::UNAUTHORIZED,
        ErrorCode::Unauthorized,
    );
    assert!(mail[0].contains("To: maria@example.org"), "{}", mail[0]);
    assert!(mail[0].contains(&format!("{PUBLIC_URL}/email/verify#token=")), "{}", mail[0]);
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.text());
    assert_eq!(
        verified.json::<EmailVerified>(),
        EmailVerified { email: "maria@example.org".into(), email_changed: false }
    );
    assert_envelope(&again, StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
    let (role, patient_id, verified_at): (String, Option<String>, Option<String>) = sqlx::query_as(
        "SELECT role, patient_id, email_verified_at FROM accounts WHERE email = 'maria@example.org'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!((role.as_str(), patient_id.as_deref()), ("patient", Some("p1")));
    assert!(verified_at.is_some());
    let outbox: String =
        sqlx::query_scalar("SELECT message FROM outbox").fetch_one(app.db.pool()).await.unwrap();
    assert!(!outbox.contains(&token) && !outbox.contains("maria"), "the queued message is sealed");
}

#[tokio::test]
async fn a_wrong_code_a_wrong_birth_date_and_a_used_code_get_the_same_answer() {
    let app =
        TestApp::spawn_with(Config { public_url: Some(PUBLIC_URL.into()), ..Config::default() }, None).await;
    patient(&app, "p1").await;
    let code = issue_code(&app, "p1").await;

    let wrong_code =
        post(&app, None, "/api/enrolment", enrolment("ACDE-FGHJ-KMNP", "1980-01-01", "a@example.org")).await;
    let wrong_birth =
        post(&app, None, "/api/enrolment", enrolment(&code.code, "1980-01-02", "a@example.org")).await;
    let first = post(
        &app,
        None,
        "/api/enrolment",
        enrolment(&code.code.to_lowercase(), "1980-01-01", "a@example.org"),
    )
    .await;
    let used = post(&app, None, "/api/enrolment", enrolment(&code.code, "1980-01-01", "b@example.org")).await;

    assert_eq!(first.status, StatusCode::CREATED, "a code typed in lower case works: {}", first.text());
    let answers: Vec<(StatusCode, String)> = [&wrong_code, &wrong_birth, &used]
        .iter()
        .map(|r| (r.status, assert_envelope(r, StatusCode::BAD_REQUEST, ErrorCode::BadRequest).message))
        .collect();
    assert!(answers.windows(2).all(|w| w[0] == w[1]), "{answers:?}");
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE role = 'patient'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(accounts, 1, "nothing was created by the refused attempts");
}

#[tokio::test]
async fn enrolment_refuses_a_taken_email_and_a_weak_password_without_using_the_code() {
    let app = TestApp::spawn().await;
    patient(&app, "p1").await;
    app.account(Role::Patient, "taken@example.org", None).await;
    let code = issue_code(&app, "p1").await;

    let taken =
        post(&app, None, "/api/enrolment", enrolment(&code.code, "1980-01-01", "taken@example.org")).await;
    let mut weak = enrolment(&code.code, "1980-01-01", "new@example.org");
    weak["password"] = "password1".into();
    let weak = post(&app, None, "/api/enrolment", weak).await;
    let works =
        post(&app, None, "/api/enrolment", enrolment(&code.code, "1980-01-01", "new@example.org")).await;

    assert_envelope(&taken, StatusCode::CONFLICT, ErrorCode::Conflict);
    let detail = assert_envelope(&weak, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
    assert_eq!(detail.fields[0].field, "password");
    assert_eq!(works.status, StatusCode::CREATED, "{}", works.text());
}

#[tokio::test]
async fn guessing_birth_dates_for_one_code_is_throttled() {
    let app = TestApp::spawn().await;
    patient(&app, "p1").await;
    let code = issue_code(&app, "p1").await;

    let mut statuses = Vec::new();
    for day in 10..17 {
        let response = post(
            &app,
            None,
            "/api/enrolment",
            enrolment(&code.code, &format!("1980-02-{day}"), "a@example.org"),
        )
        .await;
        statuses.push(response.status);
    }
    let right_but_blocked =
        post(&app, None, "/api/enrolment", enrolment(&code.code, "1980-01-01", "a@example.org")).await;

    assert_eq!(statuses[..6], [StatusCode::BAD_REQUEST; 6]);
    assert_eq!(statuses[6], StatusCode::TOO_MANY_REQUESTS);
    assert_envelope(&right_but_blocked, StatusCode::TOO_MANY_REQUESTS, ErrorCode::TooManyRequests);
    assert!(right_but_blocked.headers.contains_key("retry-after"));
}

#[tokio::test]
async fn only_the_front_desk_and_administrators_issue_activation_codes() {
    let app = TestApp::spawn().await;
    patient(&app, "p1").await;
    let path = "/api/patients/p1/activation-code";

    let anonymous = post(&app, None, path, serde_json::json!({})).await;
    let mut refused = Vec::new();
    for (role, email) in [
        (Role::Clinician, "doc@clinic.test"),
        (Role::Billing, "bill@clinic.test"),
        (Role::SecurityOfficer, "sec@clinic.test"),
        (Role::Patient, "pat@example.org"),
    ] {
        app.account(role, email, None).await;
        let cookie = app.sign_in(email).await;
        refused.push(post(&app, Some(&cookie), path, serde_json::json!({})).await);
    }
    app.account(Role::Admin, "admin@clinic.test", None).await;
    let admin = app.sign_in("admin@clinic.test").await;
    let by_admin = post(&app, Some(&admin), path, serde_json::json!({})).await;
    let unknown =
        post(&app, Some(&admin), "/api/patients/nobody/activation-code", serde_json::json!({})).await;

    assert_envelope(&anonymous, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    for response in &refused {
        assert_envelope(response, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    }
    assert_eq!(by_admin.status, StatusCode::CREATED, "{}", by_admin.text());
    assert_envelope(&unknown, StatusCode::NOT_FOUND, ErrorCode::NotFound);
    let live: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM activation_codes").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(live, 1, "only the administrator's code exists");
}

#[tokio::test]
async fn a_new_activation_code_replaces_the_old_one() {
    let app = TestApp::spawn().await;
    patient(&app, "p1").await;
    let old = issue_code(&app, "p1").await;
    let new = issue_code(&app, "p1").await;

    let with_old =
        post(&app, None, "/api/enrolment", enrolment(&old.code, "1980-01-01", "a@example.org")).await;
    let with_new =
        post(&app, None, "/api/enrolment", enrolment(&new.code, "1980-01-01", "a@example.org")).await;

    assert_envelope(&with_old, StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
    assert_eq!(with_new.status, StatusCode::CREATED, "{}", with_new.text());
}

#[tokio::test]
async fn forgot_password_answers_alike_for_known_and_unknown_emails_and_mails_only_the_known() {
    let smtp = SmtpServer::start().await;
    let (app, _sender) = app_with_mail(&smtp.url()).await;
    app.account(Role::Patient, "known@example.org", None).await;

    let unknown =
        post(&app, None, "/api/password/forgot", serde_json::json!({ "email": "nobody@example.org" })).await;
    let known =
        post(&app, None, "/api/password/forgot", serde_json::json!({ "email": "Known@Example.org" })).await;
    smtp.wait_for(1).await;

    assert_eq!((unknown.status, unknown.body.clone()), (StatusCode::ACCEPTED, Vec::new()));
    assert_eq!((known.status, known.body.clone()), (unknown.status, unknown.body.clone()));
    let queued: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(queued, 1, "nothing is queued for the unknown email");
    assert_eq!(smtp.to("known@example.org").len(), 1);
    assert_eq!(smtp.messages().len(), 1);
}

#[tokio::test]
async fn forgot_password_is_throttled_per_email_alike_for_known_and_unknown() {
    let app = TestApp::spawn().await;
    app.account(Role::Patient, "known@example.org", None).await;

    let mut answers = Vec::new();
    for email in ["known@example.org", "nobody@example.org"] {
        let mut statuses = Vec::new();
        for _ in 0..5 {
            statuses.push(
                post(&app, None, "/api/password/forgot", serde_json::json!({ "email": email })).await.status,
            );
        }
        answers.push(statuses);
    }

    assert_eq!(answers[0], answers[1], "no difference between known and unknown");
    assert_eq!(answers[0][..4], [StatusCode::ACCEPTED; 4]);
    assert_eq!(answers[0][4], StatusCode::TOO_MANY_REQUESTS);
}

async fn reset_token(app: &TestApp, smtp: &SmtpServer, email: &str) -> String {
    let before = smtp.to(email).len();
    let asked = post(app, None, "/api/password/forgot", serde_json::json!({ "email": email })).await;
    assert_eq!(asked.status, StatusCode::ACCEPTED);
    wait_until("the reset mail arrives", || async { smtp.to(email).len() > before }).await;
    let mail = smtp
        .to(email)
        .into_iter()
        .find(|m| m.contains(&format!("{PUBLIC_URL}/password/reset#token=")))
        .unwrap();
    token_in(&mail)
}

#[tokio::test]
async fn a_reset_link_works_once_signs_out_everywhere_and_sign_in_still_asks_for_the_second_factor() {
    let smtp = SmtpServer::start().await;
    let (app, _sender) = app_with_mail(&smtp.url()).await;
    app.account(Role::Patient, "ana@example.org", None).await;
    let first_browser = app.sign_in("ana@example.org").await;
    let second_browser = app.sign_in("ana@example.org").await;
    let token = reset_token(&app, &smtp, "ana@example.org").await;

    let weak = post(
        &app,
        None,
        "/api/password/reset",
        serde_json::json!({ "token": token, "new_password": "12345678" }),
    )
    .await;
    let reset = post(
        &app,
        None,
        "/api/password/reset",
        serde_json::json!({ "token": token, "new_password": NEW_PASSWORD }),
    )
    .await;
    let again = post(
        &app,
        None,
        "/api/password/reset",
        serde_json::json!({ "token": token, "new_password": "another fine long phrase" }),
    )
    .await;
    let old_password = post(
        &app,
        None,
        "/api/session",
        serde_json::json!({ "email": "ana@example.org", "password": PASSWORD }),
    )
    .await;
    let new_password = post(
        &app,
        None,
        "/api/session",
        serde_json::json!({ "email": "ana@example.org", "password": NEW_PASSWORD }),
    )
    .await;

    assert_envelope(&weak, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
    assert_eq!(
        reset.status,
        StatusCode::NO_CONTENT,
        "a refused password leaves the link working: {}",
        reset.text()
    );
    assert!(reset.headers.get("set-cookie").is_none(), "a reset never signs in");
    assert_envelope(&again, StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
    for cookie in [&first_browser, &second_browser] {
        assert_envelope(
            &app.get_as(cookie, "/api/session").await,
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
        );
    }
    assert_envelope(&old_password, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    assert_eq!(new_password.status, StatusCode::OK, "{}", new_password.text());
    assert!(matches!(new_password.json::<SignInResult>(), SignInResult::SecondFactorRequired { .. }));
    assert!(app.audit_rows().await.iter().any(|r| r.action == "password_reset"));
}

#[tokio::test]
async fn an_expired_reset_link_does_not_work() {
    let smtp = SmtpServer::start().await;
    let (app, _sender) = app_with_mail(&smtp.url()).await;
    app.account(Role::Patient, "ana@example.org", None).await;
    let token = reset_token(&app, &smtp, "ana@example.org").await;
    let lifetime: (String, String) = sqlx::query_as("SELECT created_at, expires_at FROM auth_tokens")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE auth_tokens SET expires_at = '2000-01-01T00:00:00Z'")
        .execute(app.db.pool())
        .await
        .unwrap();

    let expired = post(
        &app,
        None,
        "/api/password/reset",
        serde_json::json!({ "token": token, "new_password": NEW_PASSWORD }),
    )
    .await;

    assert_envelope(&expired, StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
    let (issued_at, ends_at): (jiff::Timestamp, jiff::Timestamp) =
        (lifetime.0.parse().unwrap(), lifetime.1.parse().unwrap());
    assert_eq!(ends_at.duration_since(issued_at).as_mins(), 30, "a reset link lives 30 minutes");
}

#[tokio::test]
async fn an_email_change_needs_a_fresh_reauthentication_and_is_confirmed_from_the_new_address() {
    let smtp = SmtpServer::start().await;
    let (app, _sender) = app_with_mail(&smtp.url()).await;
    app.account(Role::Patient, "old@example.org", None).await;
    let cookie = app.sign_in("old@example.org").await;
    let change = serde_json::json!({ "new_email": "New@Example.org" });

    let stale = post(&app, Some(&cookie), "/api/account/email", change.clone()).await;
    sqlx::query("UPDATE accounts SET totp_last_step = NULL").execute(app.db.pool()).await.unwrap();
    let reauth = post(
        &app,
        Some(&cookie),
        "/api/session/reauth",
        serde_json::json!({ "password": PASSWORD, "code": totp_now("old@example.org") }),
    )
    .await;
    let asked = post(&app, Some(&cookie), "/api/account/email", change).await;
    smtp.wait_for(2).await;
    let token = token_in(&smtp.to("new@example.org")[0]);
    let confirmed = post(&app, None, "/api/email/verify", serde_json::json!({ "token": token })).await;
    let sign_in = post(
        &app,
        None,
        "/api/session",
        serde_json::json!({ "email": "new@example.org", "password": PASSWORD }),
    )
    .await;

    assert_envelope(&stale, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    assert_eq!(reauth.status, StatusCode::OK, "{}", reauth.text());
    assert_eq!(asked.status, StatusCode::ACCEPTED, "{}", asked.text());
    let notice = &smtp.to("old@example.org")[0];
    assert!(notice.contains("new@example.org") && !notice.contains("#token="), "{notice}");
    assert_eq!(
        confirmed.json::<EmailVerified>(),
        EmailVerified { email: "new@example.org".into(), email_changed: true }
    );
    assert_eq!(sign_in.status, StatusCode::OK, "{}", sign_in.text());
}

#[tokio::test]
async fn an_email_change_to_an_address_taken_meanwhile_is_refused() {
    let smtp = SmtpServer::start().await;
    let (app, _sender) = app_with_mail(&smtp.url()).await;
    app.account(Role::Patient, "old@example.org", None).await;
    let cookie = app.sign_in("old@example.org").await;
    sqlx::query("UPDATE sessions SET reauth_at = $1")
        .bind(backend::fhir::datetime::now())
        .execute(app.db.pool())
        .await
        .unwrap();
    let asked = post(
        &app,
        Some(&cookie),
        "/api/account/email",
        serde_json::json!({ "new_email": "new@example.org" }),
    )
    .await;
    assert_eq!(asked.status, StatusCode::ACCEPTED, "{}", asked.text());
    smtp.wait_for(2).await;
    app.account(Role::Patient, "new@example.org", None).await;

    let token = token_in(&smtp.to("new@example.org")[0]);
    let confirmed = post(&app, None, "/api/email/verify", serde_json::json!({ "token": token })).await;

    assert_envelope(&confirmed, StatusCode::CONFLICT, ErrorCode::Conflict);
    let email: String =
        sqlx::query_scalar("SELECT email FROM accounts WHERE id IN (SELECT account_id FROM sessions)")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(email, "old@example.org");
}

#[tokio::test]
async fn an_unconfirmed_email_can_ask_for_a_new_link() {
    let smtp = SmtpServer::start().await;
    let (app, _sender) = app_with_mail(&smtp.url()).await;
    app.account(Role::Patient, "ana@example.org", None).await;
    let cookie = app.sign_in("ana@example.org").await;

    let asked = post(&app, Some(&cookie), "/api/account/email/verification", serde_json::json!({})).await;
    let mail = smtp.wait_for(1).await;
    let verified =
        post(&app, None, "/api/email/verify", serde_json::json!({ "token": token_in(&mail[0]) })).await;
    let again = post(&app, Some(&cookie), "/api/account/email/verification", serde_json::json!({})).await;
    let anonymous = post(&app, None, "/api/account/email/verification", serde_json::json!({})).await;

    assert_eq!(asked.status, StatusCode::ACCEPTED, "{}", asked.text());
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.text());
    assert_envelope(&again, StatusCode::CONFLICT, ErrorCode::Conflict);
    assert_envelope(&anonymous, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
}

#[tokio::test]
async fn an_invited_staff_member_sets_a_password_and_must_then_set_up_a_second_factor() {
    let smtp = SmtpServer::start().await;
    let (app, _sender) = app_with_mail(&smtp.url()).await;
    app.account(Role::Admin, "admin@clinic.test", None).await;
    let admin = app.sign_in("admin@clinic.test").await;

    let created = post(
        &app,
        Some(&admin),
        "/api/admin/accounts",
        serde_json::json!({ "email": "Nurse@Clinic.test", "display_name": "Nia Nurse", "role": "nurse" }),
    )
    .await;
    let before_password = post(
        &app,
        None,
        "/api/session",
        serde_json::json!({ "email": "nurse@clinic.test", "password": PASSWORD }),
    )
    .await;
    let mail = smtp.wait_for(1).await;
    let set = post(
        &app,
        None,
        "/api/password/reset",
        serde_json::json!({ "token": token_in(&mail[0]), "new_password": NEW_PASSWORD }),
    )
    .await;
    let sign_in = post(
        &app,
        None,
        "/api/session",
        serde_json::json!({ "email": "nurse@clinic.test", "password": NEW_PASSWORD }),
    )
    .await;

    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let summary: AccountSummary = created.json();
    assert_eq!((summary.role, summary.password_set, summary.two_step), (Role::Nurse, false, false));
    assert_envelope(&before_password, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    assert!(mail[0].contains("Nia Nurse") && mail[0].contains("/password/reset#token="), "{}", mail[0]);
    assert_eq!(set.status, StatusCode::NO_CONTENT, "{}", set.text());
    assert!(matches!(sign_in.json::<SignInResult>(), SignInResult::EnrolmentRequired { .. }));
    let listed = app.get_as(&admin, "/api/admin/accounts").await;
    let nurse =
        listed.json::<Vec<AccountSummary>>().into_iter().find(|a| a.email == "nurse@clinic.test").unwrap();
    assert!(nurse.password_set && nurse.email_verified);
}

#[tokio::test]
async fn only_administrators_create_and_disable_staff_accounts_and_never_patients() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@clinic.test", None).await;
    app.account(Role::SecurityOfficer, "sec@clinic.test", None).await;
    app.account(Role::Clinician, "doc@clinic.test", None).await;
    let admin = app.sign_in("admin@clinic.test").await;
    let security = app.sign_in("sec@clinic.test").await;
    let doctor = app.sign_in("doc@clinic.test").await;
    let new_staff = serde_json::json!({ "email": "x@clinic.test", "display_name": "X", "role": "billing" });

    let anonymous = post(&app, None, "/api/admin/accounts", new_staff.clone()).await;
    let by_security = post(&app, Some(&security), "/api/admin/accounts", new_staff.clone()).await;
    let by_doctor = post(&app, Some(&doctor), "/api/admin/accounts", new_staff.clone()).await;
    let a_patient = post(
        &app,
        Some(&admin),
        "/api/admin/accounts",
        serde_json::json!({ "email": "p@example.org", "display_name": "P", "role": "patient" }),
    )
    .await;
    let taken = post(
        &app,
        Some(&admin),
        "/api/admin/accounts",
        serde_json::json!({ "email": "doc@clinic.test", "display_name": "D", "role": "nurse" }),
    )
    .await;
    let list_by_security = app.get_as(&security, "/api/admin/accounts").await;
    let list_by_doctor = app.get_as(&doctor, "/api/admin/accounts").await;
    let list_anonymous = app.get("/api/admin/accounts").await;
    let doctor_id = list_by_security
        .json::<Vec<AccountSummary>>()
        .into_iter()
        .find(|a| a.email == "doc@clinic.test")
        .unwrap()
        .id;
    let disable_path = format!("/api/admin/accounts/{doctor_id}/disable");
    let disable_by_security = post(&app, Some(&security), &disable_path, serde_json::json!({})).await;
    let disabled = post(&app, Some(&admin), &disable_path, serde_json::json!({})).await;
    let self_disable = {
        let admin_id: String =
            sqlx::query_scalar("SELECT id FROM accounts WHERE email = 'admin@clinic.test'")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        post(&app, Some(&admin), &format!("/api/admin/accounts/{admin_id}/disable"), serde_json::json!({}))
            .await
    };

    assert_envelope(&anonymous, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    assert_envelope(&by_security, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    assert_envelope(&by_doctor, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    let detail = assert_envelope(&a_patient, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
    assert_eq!(detail.fields[0].field, "role");
    assert_envelope(&taken, StatusCode::CONFLICT, ErrorCode::Conflict);
    assert_eq!(list_by_security.status, StatusCode::OK);
    assert_envelope(&list_by_doctor, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    assert_envelope(&list_anonymous, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    assert_envelope(&disable_by_security, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    assert_eq!(disabled.status, StatusCode::NO_CONTENT, "{}", disabled.text());
    assert_envelope(&self_disable, StatusCode::CONFLICT, ErrorCode::Conflict);
    assert_envelope(
        &app.get_as(&doctor, "/api/session").await,
        StatusCode::UNAUTHORIZED,
        ErrorCode::Unauthorized,
    );
    let accounts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM accounts").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(accounts, 3, "no refused request created an account");
}

#[tokio::test]
async fn the_command_line_creates_the_first_administrator_with_a_password_or_a_link() {
    let app = TestApp::spawn().await;
    let args = |email: &str| backend::accounts::cli::CreateArgs {
        db: backend::config::DbArgs {
            data_dir: PathBuf::from("unused"),
            database_url: None,
            db_max_connections: 1,
            encryption_keys: None,
            encryption_key_file: None,
        },
        role: Role::Admin,
        email: email.to_owned(),
        name: "First Admin".to_owned(),
        practitioner_id: None,
        password_stdin: false,
        public_url: Some(PUBLIC_URL.to_owned()),
    };

    let with_password =
        backend::accounts::cli::create(&app.db, &args("root@clinic.test"), Some(NEW_PASSWORD)).await.unwrap();
    let with_link = backend::accounts::cli::create(&app.db, &args("other@clinic.test"), None).await.unwrap();
    let weak = backend::accounts::cli::create(&app.db, &args("weak@clinic.test"), Some("password")).await;
    let sign_in = post(
        &app,
        None,
        "/api/session",
        serde_json::json!({ "email": "root@clinic.test", "password": NEW_PASSWORD }),
    )
    .await;
    let link = with_link.expect("a link");
    let set = post(
        &app,
        None,
        "/api/password/reset",
        serde_json::json!({ "token": token_in(&link), "new_password": NEW_PASSWORD }),
    )
    .await;
    backend::accounts::cli::disable(&app.db, "other@clinic.test").await.unwrap();
    let disabled = post(
        &app,
        None,
        "/api/session",
        serde_json::json!({ "email": "other@clinic.test", "password": NEW_PASSWORD }),
    )
    .await;

    assert_eq!(with_password, None);
    assert!(
        matches!(sign_in.json::<SignInResult>(), SignInResult::EnrolmentRequired { .. }),
        "staff set up a second factor first"
    );
    assert!(link.starts_with(&format!("{PUBLIC_URL}/password/reset#token=")), "{link}");
    assert_eq!(set.status, StatusCode::NO_CONTENT, "{}", set.text());
    assert!(weak.is_err());
    assert_envelope(&disabled, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
}

#[tokio::test]
async fn mail_queued_while_the_smtp_server_is_down_goes_out_once_it_is_up_and_only_once() {
    let port = free_port();
    let (app, _sender) = app_with_mail(&format!("smtp://127.0.0.1:{port}")).await;
    app.account(Role::Patient, "ana@example.org", None).await;

    let asked =
        post(&app, None, "/api/password/forgot", serde_json::json!({ "email": "ana@example.org" })).await;
    wait_until("a delivery attempt fails", || async {
        let error: Option<String> =
            sqlx::query_scalar("SELECT last_error FROM outbox").fetch_one(app.db.pool()).await.unwrap();
        error.is_some()
    })
    .await;
    let smtp = SmtpServer::start_on(port).await;
    let mail = smtp.wait_for(1).await;
    wait_until("the outbox marks it sent", || async {
        let sent: Option<String> =
            sqlx::query_scalar("SELECT sent_at FROM outbox").fetch_one(app.db.pool()).await.unwrap();
        sent.is_some()
    })
    .await;
    let config = mail_config(&smtp.url());
    let transport = backend::mail::outbox::transport(&smtp.url()).unwrap();
    let later = backend::mail::send_due(&app.db, &config.mail, &app.keys, &transport).await.unwrap();

    assert_eq!(asked.status, StatusCode::ACCEPTED);
    assert!(mail[0].contains("To: ana@example.org"));
    assert_eq!(later, backend::mail::outbox::Pass::default(), "nothing is due once sent");
    assert_eq!(smtp.messages().len(), 1, "sent exactly once");
}

#[tokio::test]
async fn two_senders_at_once_never_send_the_same_message_twice() {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with(mail_config(&smtp.url()), None).await;
    for n in 0..6 {
        app.account(Role::Patient, &format!("p{n}@example.org"), None).await;
        let asked = post(
            &app,
            None,
            "/api/password/forgot",
            serde_json::json!({ "email": format!("p{n}@example.org") }),
        )
        .await;
        assert_eq!(asked.status, StatusCode::ACCEPTED);
    }
    let config = mail_config(&smtp.url());
    let (one, two) = (
        backend::mail::outbox::transport(&smtp.url()).unwrap(),
        backend::mail::outbox::transport(&smtp.url()).unwrap(),
    );

    let (a, b) = tokio::join!(
        backend::mail::send_due(&app.db, &config.mail, &app.keys, &one),
        backend::mail::send_due(&app.db, &config.mail, &app.keys, &two),
    );

    assert_eq!(a.unwrap().sent + b.unwrap().sent, 6);
    assert_eq!(smtp.wait_for(6).await.len(), 6);
    for n in 0..6 {
        assert_eq!(smtp.to(&format!("p{n}@example.org")).len(), 1);
    }
}

#[tokio::test]
async fn the_demos_printed_activation_codes_work() {
    let app = TestApp::spawn().await;
    backend::demo::seed_if_empty(
        &app.db,
        &app.keys,
        &backend::demo::DemoOptions { patients: 40, ..Default::default() },
        jiff::Timestamp::now(),
    )
    .await
    .unwrap();

    let printed = backend::demo::activations(&app.db).await.unwrap();
    let first = printed.first().expect("the demo prints activation codes");
    let enrolled = post(
        &app,
        None,
        "/api/enrolment",
        enrolment(&first.code, &first.birth_date, "demo-enrol@example.org"),
    )
    .await;
    let after = backend::demo::activations(&app.db).await.unwrap();

    assert!(printed.len() >= 2, "{printed:?}");
    assert!(printed.iter().all(|a| !a.patient_name.is_empty()));
    assert_eq!(enrolled.status, StatusCode::CREATED, "{}", enrolled.text());
    assert_eq!(after.len(), printed.len() - 1, "a used code is no longer printed");
}

#[tokio::test]
async fn guessing_codes_from_one_address_is_throttled() {
    let app = TestApp::spawn().await;
    patient(&app, "p1").await;
    let code = issue_code(&app, "p1").await;
    let from = |body: serde_json::Value, ip: [u8; 4]| {
        let mut request = axum::http::Request::post("/api/enrolment")
            .header("content-type", "application/json")
            .body(axum::body::Body::from(body.to_string()))
            .unwrap();
        request.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((ip, 40000))));
        request
    };

    let mut statuses = Vec::new();
    for n in 0..52 {
        // Every guess a different code, so only the address's count can block.
        let guess = format!("ACDE-FGHJ-KM{}{}", char::from(ALPHABET[n / 25]), char::from(ALPHABET[n % 25]));
        let response = app.send(from(enrolment(&guess, "1980-01-01", "a@example.org"), [192, 0, 2, 7])).await;
        statuses.push(response.status);
    }
    let elsewhere =
        app.send(from(enrolment(&code.code, "1980-01-01", "a@example.org"), [198, 51, 100, 9])).await;

    assert!(statuses[..50].iter().all(|s| *s == StatusCode::BAD_REQUEST), "{statuses:?}");
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(elsewhere.status, StatusCode::CREATED, "another address is not blocked: {}", elsewhere.text());
}
