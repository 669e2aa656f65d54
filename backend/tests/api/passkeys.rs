//! Passkeys: adding one while signing in or later, the second step and re-authentication with
//! one, removing and renaming, and the refusals (a wrong, replayed, foreign or late answer,
//! another account, no fresh re-authentication, a staff account's last factor, guessing).

use axum::http::{Method, StatusCode};
use backend::Config;
use shared::auth::{
    AccountSecurity, PasskeyAdded, PasskeyList, PasskeyOptions, PasskeySummary, SecondFactorMethod,
};
use shared::{ErrorCode, Role, SessionInfo, SignInResult};
use webauthn_authenticator_rs::WebauthnAuthenticator as _;
use webauthn_authenticator_rs::softpasskey::SoftPasskey;
use webauthn_rs::prelude::{CreationChallengeResponse, RequestChallengeResponse, Url};

use crate::helpers::{PASSWORD, TestApp, TestResponse, assert_envelope, session_cookie, totp_now};

const JSON: (&str, &str) = ("content-type", "application/json");
const PUBLIC_URL: &str = "https://portal.example.org";

/// A phone with a passkey, as far as the server can tell: webauthn-authenticator-rs's software
/// authenticator stands in for the browser and the device at the WebAuthn boundary, and speaks
/// the same JSON (`PublicKeyCredential.toJSON()`).
struct TestDevice {
    authenticator: SoftPasskey,
    origin: Url,
}

impl TestDevice {
    fn at(origin: &str) -> Self {
        // It claims user verification (a PIN or a fingerprint) that no one is here to give.
        Self { authenticator: SoftPasskey::new(true), origin: Url::parse(origin).unwrap() }
    }

    fn new() -> Self {
        Self::at(PUBLIC_URL)
    }

    /// `navigator.credentials.create()` with the server's options.
    fn create(&mut self, options: &PasskeyOptions) -> serde_json::Value {
        let options: CreationChallengeResponse =
            serde_json::from_value(serde_json::json!({ "publicKey": options.public_key })).unwrap();
        let credential = self.authenticator.do_registration(self.origin.clone(), options).unwrap();
        serde_json::to_value(credential).unwrap()
    }

    /// `navigator.credentials.get()` with the server's options.
    fn get(&mut self, options: &PasskeyOptions) -> serde_json::Value {
        let options: RequestChallengeResponse =
            serde_json::from_value(serde_json::json!({ "publicKey": options.public_key })).unwrap();
        let credential = self.authenticator.do_authentication(self.origin.clone(), options).unwrap();
        serde_json::to_value(credential).unwrap()
    }
}

async fn spawn() -> TestApp {
    TestApp::spawn_with(Config { public_url: Some(PUBLIC_URL.into()), ..Config::default() }, None).await
}

async fn post_json(app: &TestApp, cookie: &str, path: &str, body: serde_json::Value) -> TestResponse {
    app.request(Method::POST, path, &[JSON, ("cookie", cookie)], body.to_string()).await
}

async fn password_step(app: &TestApp, email: &str) -> TestResponse {
    let body = serde_json::json!({ "email": email, "password": PASSWORD }).to_string();
    app.request(Method::POST, "/api/session", &[JSON], body).await
}

async fn options(app: &TestApp, cookie: &str, path: &str) -> PasskeyOptions {
    let response = post_json(app, cookie, path, serde_json::json!({})).await;
    assert_eq!(response.status, StatusCode::OK, "{path}: {}", response.text());
    response.json()
}

async fn add_passkey(app: &TestApp, cookie: &str, device: &mut TestDevice, name: &str) -> TestResponse {
    let options = options(app, cookie, "/api/account/passkeys/options").await;
    let credential = device.create(&options);
    post_json(
        app,
        cookie,
        "/api/account/passkeys",
        serde_json::json!({ "credential": credential, "name": name }),
    )
    .await
}

/// An account whose only second factor is a passkey on the returned device, and its full
/// session's cookie.
async fn account_with_passkey(app: &TestApp, role: Role, email: &str) -> (TestDevice, String) {
    app.account_without_two_step(role, email, None).await;
    let enrolling = session_cookie(&password_step(app, email).await);
    let mut device = TestDevice::new();
    let added = add_passkey(app, &enrolling, &mut device, "My phone").await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text());
    (device, session_cookie(&added))
}

/// The password step of a new sign-in; the cookie of the session waiting for the second step.
async fn second_step_due(app: &TestApp, email: &str) -> String {
    let response = password_step(app, email).await;
    assert!(matches!(response.json(), SignInResult::SecondFactorRequired { .. }), "{}", response.text());
    session_cookie(&response)
}

async fn answer_second_step(app: &TestApp, cookie: &str, credential: serde_json::Value) -> TestResponse {
    post_json(app, cookie, "/api/session/passkey", serde_json::json!({ "credential": credential })).await
}

async fn reauth_with_passkey(app: &TestApp, cookie: &str, device: &mut TestDevice) -> TestResponse {
    let options = options(app, cookie, "/api/session/reauth/passkey/options").await;
    let credential = device.get(&options);
    post_json(
        app,
        cookie,
        "/api/session/reauth/passkey",
        serde_json::json!({ "password": PASSWORD, "credential": credential }),
    )
    .await
}

async fn rename(app: &TestApp, cookie: &str, path: &str, name: &str) -> TestResponse {
    let body = serde_json::json!({ "name": name }).to_string();
    app.request(Method::PATCH, path, &[JSON, ("cookie", cookie)], body).await
}

async fn passkeys_of(app: &TestApp, cookie: &str) -> Vec<PasskeySummary> {
    let response = app.get_as(cookie, "/api/account/passkeys").await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json::<PasskeyList>().passkeys
}

/// Why the second step was refused, oldest first, as the audit trail says.
async fn refusals(app: &TestApp) -> Vec<String> {
    app.audit_rows()
        .await
        .into_iter()
        .filter(|r| r.action == "second_factor" && r.outcome == "denied")
        .filter_map(|r| r.detail)
        .collect()
}

/// The assertion with one bit of its signature flipped.
fn tampered(mut credential: serde_json::Value) -> serde_json::Value {
    let signature = credential["response"]["signature"].as_str().unwrap().to_owned();
    let mut chars: Vec<char> = signature.chars().collect();
    let i = chars.len() / 2;
    chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
    credential["response"]["signature"] = serde_json::Value::String(chars.into_iter().collect());
    credential
}

#[tokio::test]
async fn an_enrolling_account_adds_a_passkey_and_is_signed_in_with_recovery_codes() {
    let app = spawn().await;
    app.account_without_two_step(Role::Clinician, "doc@example.org", None).await;
    let response = password_step(&app, "doc@example.org").await;
    let SignInResult::EnrolmentRequired { methods } = response.json() else { panic!("{}", response.text()) };
    assert!(methods.contains(&SecondFactorMethod::Passkey));
    let enrolling = session_cookie(&response);

    let added = add_passkey(&app, &enrolling, &mut TestDevice::new(), "  Work key ").await;

    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text());
    let body: PasskeyAdded = added.json();
    assert_eq!(body.passkey.name, "Work key");
    assert_eq!(body.recovery_codes.len(), 10);
    assert_eq!(body.session.map(|s| (s.role, s.two_step)), Some((Role::Clinician, true)));
    let full = session_cookie(&added);
    assert_ne!(full, enrolling, "a finished step gets a new token");
    assert_eq!(app.get_as(&enrolling, "/api/session").await.status, StatusCode::UNAUTHORIZED);
    let security: AccountSecurity = app.get_as(&full, "/api/account/security").await.json();
    assert_eq!((security.passkeys, security.totp, security.recovery_codes_left), (1, false, 10));
    let actions: Vec<String> = app.audit_rows().await.into_iter().map(|r| r.action).collect();
    assert!(actions.contains(&"passkey_added".to_owned()), "{actions:?}");
}

#[tokio::test]
async fn the_options_are_the_json_a_browser_parses() {
    let app = spawn().await;
    app.account_without_two_step(Role::Patient, "ana@example.org", None).await;
    let enrolling = session_cookie(&password_step(&app, "ana@example.org").await);

    let options = options(&app, &enrolling, "/api/account/passkeys/options").await;

    let key = &options.public_key;
    assert_eq!(key["rp"]["id"], "portal.example.org");
    assert_eq!(key["user"]["name"], "ana@example.org");
    for binary in [&key["challenge"], &key["user"]["id"]] {
        let text = binary.as_str().expect("binary fields are base64url strings");
        assert!(text.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'), "{text}");
    }
    assert!(key["pubKeyCredParams"].as_array().is_some_and(|p| !p.is_empty()));
    assert!(!key.to_string().contains("null"), "absent members are left out: {key}");
}

#[tokio::test]
async fn a_passkey_answers_the_second_step_after_the_password() {
    let app = spawn().await;
    let (mut device, _) = account_with_passkey(&app, Role::Patient, "ana@example.org").await;
    let response = password_step(&app, "ana@example.org").await;
    assert_eq!(
        response.json::<SignInResult>(),
        SignInResult::SecondFactorRequired {
            methods: vec![SecondFactorMethod::Passkey, SecondFactorMethod::RecoveryCode]
        }
    );
    let pending = session_cookie(&response);
    let options = options(&app, &pending, "/api/session/passkey/options").await;

    let signed_in = answer_second_step(&app, &pending, device.get(&options)).await;

    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.text());
    assert!(matches!(signed_in.json(), SignInResult::SignedIn { .. }));
    let full = session_cookie(&signed_in);
    assert_eq!(app.get_as(&full, "/api/session").await.json::<SessionInfo>().email, "ana@example.org");
    assert!(passkeys_of(&app, &full).await[0].last_used_at.is_some());
    let rows = app.audit_rows().await;
    assert!(rows.iter().any(|r| r.action == "sign_in"
        && r.outcome == "success"
        && r.detail.as_deref() == Some("second factor: passkey")));
}

#[tokio::test]
async fn a_replayed_or_tampered_answer_is_refused() {
    let app = spawn().await;
    let (mut device, _) = account_with_passkey(&app, Role::Patient, "ana@example.org").await;
    let first = second_step_due(&app, "ana@example.org").await;
    let answer = device.get(&options(&app, &first, "/api/session/passkey/options").await);
    assert_eq!(answer_second_step(&app, &first, answer.clone()).await.status, StatusCode::OK);
    let second = second_step_due(&app, "ana@example.org").await;
    options(&app, &second, "/api/session/passkey/options").await;

    let replayed = answer_second_step(&app, &second, answer).await;
    let fresh = device.get(&options(&app, &second, "/api/session/passkey/options").await);
    let forged = answer_second_step(&app, &second, tampered(fresh)).await;

    assert_envelope(&replayed, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    assert_envelope(&forged, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    let why = refusals(&app).await;
    assert_eq!(why.len(), 2);
    assert!(why.iter().all(|w| w.starts_with("passkey: not verified")), "{why:?}");
}

#[tokio::test]
async fn an_answer_to_another_sessions_challenge_is_refused_and_that_session_keeps_its_own() {
    let app = spawn().await;
    let (mut device, _) = account_with_passkey(&app, Role::Patient, "ana@example.org").await;
    let mine = second_step_due(&app, "ana@example.org").await;
    let other = second_step_due(&app, "ana@example.org").await;
    let answer = device.get(&options(&app, &mine, "/api/session/passkey/options").await);
    options(&app, &other, "/api/session/passkey/options").await;

    let elsewhere = answer_second_step(&app, &other, answer.clone()).await;
    let here = answer_second_step(&app, &mine, answer).await;

    assert_envelope(&elsewhere, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    assert_eq!(here.status, StatusCode::OK, "{}", here.text());
    assert!(refusals(&app).await[0].starts_with("passkey: not verified"));
}

#[tokio::test]
async fn an_expired_or_missing_ceremony_is_refused() {
    let app = spawn().await;
    let (mut device, _) = account_with_passkey(&app, Role::Patient, "ana@example.org").await;
    let pending = second_step_due(&app, "ana@example.org").await;
    let answer = device.get(&options(&app, &pending, "/api/session/passkey/options").await);
    sqlx::query("UPDATE webauthn_ceremonies SET expires_at = '2000-01-01T00:00:00Z'")
        .execute(app.db.pool())
        .await
        .unwrap();

    let late = answer_second_step(&app, &pending, answer.clone()).await;
    let again = answer_second_step(&app, &pending, answer).await;

    assert_envelope(&late, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    assert_envelope(&again, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    assert!(refusals(&app).await.iter().all(|w| w.contains("no ceremony")));
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webauthn_ceremonies")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(left, 0, "a ceremony is gone once answered, even late");
}

#[tokio::test]
async fn another_accounts_passkey_cannot_answer_the_second_step() {
    let app = spawn().await;
    account_with_passkey(&app, Role::Patient, "ana@example.org").await;
    let (mut bobs_device, _) = account_with_passkey(&app, Role::Patient, "bob@example.org").await;
    let bobs_key = {
        let pending = second_step_due(&app, "bob@example.org").await;
        options(&app, &pending, "/api/session/passkey/options").await.public_key["allowCredentials"].clone()
    };
    let pending = second_step_due(&app, "ana@example.org").await;
    let mut options = options(&app, &pending, "/api/session/passkey/options").await;
    // Bob's device signs Ana's challenge, as if it were allowed.
    options.public_key["allowCredentials"] = bobs_key;

    let response = answer_second_step(&app, &pending, bobs_device.get(&options)).await;

    assert_envelope(&response, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    assert!(refusals(&app).await[0].starts_with("passkey: not verified"));
}

#[tokio::test]
async fn only_the_accounts_own_passkeys_can_be_listed_renamed_or_removed() {
    let app = spawn().await;
    let (_, anas) = account_with_passkey(&app, Role::Patient, "ana@example.org").await;
    let (mut bobs_device, bobs) = account_with_passkey(&app, Role::Patient, "bob@example.org").await;
    let anas_passkey = passkeys_of(&app, &anas).await.remove(0);
    assert_eq!(reauth_with_passkey(&app, &bobs, &mut bobs_device).await.status, StatusCode::OK);
    let path = format!("/api/account/passkeys/{}", anas_passkey.id);

    let listed = passkeys_of(&app, &bobs).await;
    let renamed = rename(&app, &bobs, &path, "Mine").await;
    let removed = app.request(Method::DELETE, &path, &[("cookie", &bobs)], "").await;

    assert!(listed.iter().all(|p| p.id != anas_passkey.id));
    assert_envelope(&renamed, StatusCode::NOT_FOUND, ErrorCode::NotFound);
    assert_envelope(&removed, StatusCode::NOT_FOUND, ErrorCode::NotFound);
    assert_eq!(passkeys_of(&app, &anas).await, vec![anas_passkey.clone()]);
    let denied: Vec<String> = app
        .audit_rows()
        .await
        .into_iter()
        .filter(|r| r.outcome == "denied" && r.resource_id.as_deref() == Some(anas_passkey.id.as_str()))
        .map(|r| r.action)
        .collect();
    assert_eq!(denied, ["passkey_renamed", "passkey_removed"]);
}

#[tokio::test]
async fn the_owner_renames_a_passkey_and_a_bad_name_changes_nothing() {
    let app = spawn().await;
    let (_, cookie) = account_with_passkey(&app, Role::Patient, "ana@example.org").await;
    let path = format!("/api/account/passkeys/{}", passkeys_of(&app, &cookie).await[0].id);

    let empty = rename(&app, &cookie, &path, "   ").await;
    let renamed = rename(&app, &cookie, &path, "Old phone").await;

    let error = assert_envelope(&empty, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
    assert_eq!(error.fields[0].field, "name");
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.text());
    assert_eq!(passkeys_of(&app, &cookie).await[0].name, "Old phone");
}

#[tokio::test]
async fn adding_another_passkey_needs_a_fresh_reauthentication() {
    let app = spawn().await;
    let (mut device, cookie) = account_with_passkey(&app, Role::Patient, "ana@example.org").await;

    let too_soon = post_json(&app, &cookie, "/api/account/passkeys/options", serde_json::json!({})).await;
    assert_eq!(reauth_with_passkey(&app, &cookie, &mut device).await.status, StatusCode::OK);
    let added = add_passkey(&app, &cookie, &mut TestDevice::new(), "Laptop").await;

    assert_envelope(&too_soon, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text());
    let body: PasskeyAdded = added.json();
    assert!(body.recovery_codes.is_empty(), "the codes the account has keep working");
    assert!(body.session.is_none());
    assert_eq!(passkeys_of(&app, &cookie).await.len(), 2);
}

#[tokio::test]
async fn removing_a_passkey_needs_a_fresh_reauthentication() {
    let app = spawn().await;
    let (mut device, cookie) = account_with_passkey(&app, Role::Patient, "ana@example.org").await;
    let path = format!("/api/account/passkeys/{}", passkeys_of(&app, &cookie).await[0].id);

    let too_soon = app.request(Method::DELETE, &path, &[("cookie", &cookie)], "").await;
    assert_eq!(reauth_with_passkey(&app, &cookie, &mut device).await.status, StatusCode::OK);
    let removed = app.request(Method::DELETE, &path, &[("cookie", &cookie)], "").await;

    assert_envelope(&too_soon, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    assert_eq!(removed.status, StatusCode::NO_CONTENT, "{}", removed.text());
    let security: AccountSecurity = app.get_as(&cookie, "/api/account/security").await.json();
    assert_eq!(
        (security.passkeys, security.recovery_codes_left),
        (0, 0),
        "the codes go with the last factor"
    );
    assert!(app.audit_rows().await.iter().any(|r| r.action == "passkey_removed" && r.outcome == "success"));
}

#[tokio::test]
async fn staff_cannot_remove_their_last_second_factor() {
    let app = spawn().await;
    let (mut device, cookie) = account_with_passkey(&app, Role::Nurse, "nurse@example.org").await;
    let path = format!("/api/account/passkeys/{}", passkeys_of(&app, &cookie).await[0].id);
    assert_eq!(reauth_with_passkey(&app, &cookie, &mut device).await.status, StatusCode::OK);

    let removed = app.request(Method::DELETE, &path, &[("cookie", &cookie)], "").await;

    assert_envelope(&removed, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    assert_eq!(passkeys_of(&app, &cookie).await.len(), 1);
    assert!(app.audit_rows().await.iter().any(|r| r.action == "passkey_removed" && r.outcome == "denied"));
}

#[tokio::test]
async fn staff_with_an_authenticator_app_may_remove_their_passkey() {
    let app = spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;
    let cookie = app.sign_in("admin@example.org").await;
    sqlx::query("UPDATE accounts SET totp_last_step = NULL").execute(app.db.pool()).await.unwrap();
    let code = totp_now("admin@example.org");
    let reauth = post_json(
        &app,
        &cookie,
        "/api/session/reauth",
        serde_json::json!({ "password": PASSWORD, "code": code }),
    )
    .await;
    assert_eq!(reauth.status, StatusCode::OK, "{}", reauth.text());
    assert_eq!(add_passkey(&app, &cookie, &mut TestDevice::new(), "Key").await.status, StatusCode::CREATED);
    let path = format!("/api/account/passkeys/{}", passkeys_of(&app, &cookie).await[0].id);

    let removed = app.request(Method::DELETE, &path, &[("cookie", &cookie)], "").await;

    assert_eq!(removed.status, StatusCode::NO_CONTENT, "{}", removed.text());
}

#[tokio::test]
async fn wrong_answers_back_off_like_wrong_codes() {
    let app = spawn().await;
    let (mut device, _) = account_with_passkey(&app, Role::Patient, "ana@example.org").await;
    let pending = second_step_due(&app, "ana@example.org").await;
    for _ in 0..6 {
        let answer = device.get(&options(&app, &pending, "/api/session/passkey/options").await);
        let refused = answer_second_step(&app, &pending, tampered(answer)).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{}", refused.text());
    }

    let blocked_options =
        post_json(&app, &pending, "/api/session/passkey/options", serde_json::json!({})).await;
    let blocked_code =
        post_json(&app, &pending, "/api/session/second-factor", serde_json::json!({ "code": "AAAA-BBBB" }))
            .await;

    assert_envelope(&blocked_options, StatusCode::TOO_MANY_REQUESTS, ErrorCode::TooManyRequests);
    assert_envelope(&blocked_code, StatusCode::TOO_MANY_REQUESTS, ErrorCode::TooManyRequests);
}

#[tokio::test]
async fn anonymous_and_half_signed_in_callers_are_refused() {
    let app = spawn().await;
    account_with_passkey(&app, Role::Patient, "ana@example.org").await;
    let pending = second_step_due(&app, "ana@example.org").await;

    let anonymous_list = app.get("/api/account/passkeys").await;
    let anonymous_options = post_json(&app, "", "/api/session/passkey/options", serde_json::json!({})).await;
    let pending_list = app.get_as(&pending, "/api/account/passkeys").await;
    let pending_add = post_json(&app, &pending, "/api/account/passkeys/options", serde_json::json!({})).await;
    let pending_reauth =
        post_json(&app, &pending, "/api/session/reauth/passkey/options", serde_json::json!({})).await;

    for refused in [&anonymous_list, &anonymous_options, &pending_list, &pending_add, &pending_reauth] {
        assert_envelope(refused, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    }
}

#[tokio::test]
async fn a_malformed_credential_is_refused_and_uses_nothing_up() {
    let app = spawn().await;
    app.account_without_two_step(Role::Patient, "ana@example.org", None).await;
    let enrolling = session_cookie(&password_step(&app, "ana@example.org").await);
    let mut device = TestDevice::new();
    let options = options(&app, &enrolling, "/api/account/passkeys/options").await;

    let malformed = post_json(
        &app,
        &enrolling,
        "/api/account/passkeys",
        serde_json::json!({ "credential": { "id": 1 }, "name": "Phone" }),
    )
    .await;
    let unnamed = post_json(
        &app,
        &enrolling,
        "/api/account/passkeys",
        serde_json::json!({ "credential": device.create(&options), "name": "" }),
    )
    .await;
    let added = post_json(
        &app,
        &enrolling,
        "/api/account/passkeys",
        serde_json::json!({ "credential": device.create(&options), "name": "Phone" }),
    )
    .await;

    let error = assert_envelope(&malformed, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
    assert_eq!(error.fields[0].field, "credential");
    assert_envelope(&unnamed, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
    assert_eq!(added.status, StatusCode::CREATED, "the ceremony was still there: {}", added.text());
}

#[tokio::test]
async fn a_passkey_made_for_another_site_is_refused() {
    let app = spawn().await;
    app.account_without_two_step(Role::Patient, "ana@example.org", None).await;
    let enrolling = session_cookie(&password_step(&app, "ana@example.org").await);
    let mut options = options(&app, &enrolling, "/api/account/passkeys/options").await;
    options.public_key["rp"]["id"] = "evil.example".into();

    let credential = TestDevice::at("https://evil.example").create(&options);
    let response = post_json(
        &app,
        &enrolling,
        "/api/account/passkeys",
        serde_json::json!({ "credential": credential, "name": "Phone" }),
    )
    .await;

    assert_envelope(&response, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
    assert!(app.audit_rows().await.iter().any(|r| r.action == "passkey_add" && r.outcome == "denied"));
}

#[tokio::test]
async fn reauthentication_with_a_passkey_needs_the_password_too() {
    let app = spawn().await;
    let (mut device, cookie) = account_with_passkey(&app, Role::Patient, "ana@example.org").await;
    let options = options(&app, &cookie, "/api/session/reauth/passkey/options").await;

    let wrong_password = post_json(
        &app,
        &cookie,
        "/api/session/reauth/passkey",
        serde_json::json!({ "password": "not it at all", "credential": device.get(&options) }),
    )
    .await;
    let right = reauth_with_passkey(&app, &cookie, &mut device).await;

    assert_envelope(&wrong_password, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    assert_eq!(right.status, StatusCode::OK, "{}", right.text());
    let security: AccountSecurity = app.get_as(&cookie, "/api/account/security").await.json();
    assert!(security.reauth_until.is_some());
}

#[tokio::test]
async fn without_a_public_host_name_passkeys_are_neither_offered_nor_accepted() {
    let app = TestApp::spawn_with(
        Config { public_url: Some("http://10.0.0.5:8080".into()), ..Config::default() },
        None,
    )
    .await;
    app.account_without_two_step(Role::Patient, "ana@example.org", None).await;
    let response = password_step(&app, "ana@example.org").await;
    let enrolling = session_cookie(&response);

    let refused = post_json(&app, &enrolling, "/api/account/passkeys/options", serde_json::json!({})).await;

    let SignInResult::EnrolmentRequired { methods } = response.json() else { panic!("{}", response.text()) };
    assert_eq!(methods, vec![SecondFactorMethod::Totp]);
    assert_envelope(&refused, StatusCode::CONFLICT, ErrorCode::Conflict);
}

#[tokio::test]
async fn a_patient_who_turns_two_step_off_loses_their_passkeys_too() {
    let app = spawn().await;
    let (mut device, cookie) = account_with_passkey(&app, Role::Patient, "ana@example.org").await;
    assert_eq!(reauth_with_passkey(&app, &cookie, &mut device).await.status, StatusCode::OK);

    let off =
        post_json(&app, &cookie, "/api/account/two-step/off", serde_json::json!({ "password": PASSWORD }))
            .await;
    let next_time = password_step(&app, "ana@example.org").await;

    assert_eq!(off.status, StatusCode::NO_CONTENT, "{}", off.text());
    assert!(passkeys_of(&app, &cookie).await.is_empty());
    assert!(matches!(next_time.json(), SignInResult::SignedIn { .. }), "{}", next_time.text());
}

#[tokio::test]
async fn a_ceremony_waits_in_the_database_sealed() {
    let app = spawn().await;
    app.account_without_two_step(Role::Patient, "ana@example.org", None).await;
    let enrolling = session_cookie(&password_step(&app, "ana@example.org").await);

    let options = options(&app, &enrolling, "/api/account/passkeys/options").await;

    let (kind, state): (String, String) =
        sqlx::query_as("SELECT kind, state FROM webauthn_ceremonies").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(kind, "register");
    let challenge = options.public_key["challenge"].as_str().unwrap();
    assert!(!state.contains(challenge) && !state.contains("ana@example.org"), "sealed: {state}");
}
