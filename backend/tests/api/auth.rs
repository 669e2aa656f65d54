//! Signing in (one or two steps), second factors, throttling, sessions, sensitive changes, CSRF
//! refusal, and the audit chain.

use axum::http::{Method, StatusCode};
use backend::audit::{self, ChainFault};
use base64::Engine as _;
use shared::auth::{
    AccountSecurity, PasswordCheck, RecoveryCodes, SecondFactorMethod, SessionSummary, TotpSetup,
};
use shared::{ErrorCode, Role, SessionInfo, SignInResult};

use crate::helpers::{PASSWORD, TestApp, TestResponse, assert_envelope, session_cookie, totp_now};

const JSON: (&str, &str) = ("content-type", "application/json");

fn credentials(email: &str, password: &str) -> String {
    serde_json::json!({ "email": email, "password": password }).to_string()
}

async fn try_sign_in(app: &TestApp, email: &str, password: &str) -> TestResponse {
    app.request(Method::POST, "/api/session", &[JSON], credentials(email, password)).await
}

async fn post_json(app: &TestApp, cookie: &str, path: &str, body: serde_json::Value) -> TestResponse {
    app.request(Method::POST, path, &[JSON, ("cookie", cookie)], body.to_string()).await
}

async fn second_factor(app: &TestApp, cookie: &str, code: &str) -> TestResponse {
    post_json(app, cookie, "/api/session/second-factor", serde_json::json!({ "code": code })).await
}

async fn forget_last_code(app: &TestApp) {
    sqlx::query("UPDATE accounts SET totp_last_step = NULL").execute(app.db.pool()).await.unwrap();
}

/// The current code of an authenticator set up from `setup`.
fn code_for(setup: &TotpSetup, email: &str) -> String {
    let secret = base32_decode(&setup.manual_key.replace(' ', ""));
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    backend::auth::totp::code_at(&secret, email, now).unwrap()
}

fn base32_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut bits, mut value, mut out) = (0, 0_u32, Vec::new());
    for c in text.bytes() {
        value = (value << 5) | u32::try_from(ALPHABET.iter().position(|a| *a == c).unwrap()).unwrap();
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((value >> bits) & 0xff).unwrap());
        }
    }
    out
}

#[tokio::test]
async fn the_password_step_asks_for_the_second_factor_with_a_short_lived_cookie() {
    let app = TestApp::spawn().await;
    app.patient_with_account("pat-1", "Ana@Example.org").await;

    let response = try_sign_in(&app, "  ana@example.ORG ", PASSWORD).await;

    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let cookie = response.header("set-cookie");
    for part in ["__Host-portal-session=", "HttpOnly", "Secure", "SameSite=Strict", "Path=/", "Max-Age=600"] {
        assert!(cookie.contains(part), "{cookie} lacks {part}");
    }
    assert_eq!(
        response.json::<SignInResult>(),
        SignInResult::SecondFactorRequired { methods: vec![SecondFactorMethod::Totp] }
    );
    let pending = session_cookie(&response);
    let early = app.get_as(&pending, "/api/patients/pat-1/summary").await;
    assert_envelope(&early, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
}

#[tokio::test]
async fn the_right_code_finishes_signing_in_with_a_new_token_and_the_old_one_dies() {
    let app = TestApp::spawn().await;
    let patient = app.patient_with_account("pat-1", "ana@example.org").await;
    let pending = session_cookie(&try_sign_in(&app, "ana@example.org", PASSWORD).await);

    let wrong = second_factor(&app, &pending, "000000").await;
    let right = second_factor(&app, &pending, &totp_now("ana@example.org")).await;

    assert_envelope(&wrong, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    assert_eq!(right.status, StatusCode::OK, "{}", right.text());
    let SignInResult::SignedIn { session } = right.json() else { panic!("signed in: {}", right.text()) };
    assert_eq!(session.role, Role::Patient);
    assert!(session.two_step);
    assert_eq!(session.patients[0].patient_id, patient);
    let full = session_cookie(&right);
    assert_ne!(full, pending, "a finished step gets a new token");
    assert!(
        right
            .headers
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("__Host-portal-device="))
    );
    assert_eq!(app.get_as(&pending, "/api/session").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get_as(&full, "/api/session").await.json::<SessionInfo>().email, "ana@example.org");
}

#[tokio::test]
async fn a_code_is_never_accepted_twice() {
    let app = TestApp::spawn().await;
    app.account(Role::Nurse, "nurse@example.org", None).await;
    let code = totp_now("nurse@example.org");
    let first = session_cookie(&try_sign_in(&app, "nurse@example.org", PASSWORD).await);
    assert_eq!(second_factor(&app, &first, &code).await.status, StatusCode::OK);

    let again = session_cookie(&try_sign_in(&app, "nurse@example.org", PASSWORD).await);
    let replay = second_factor(&app, &again, &code).await;

    assert_envelope(&replay, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
}

#[tokio::test]
async fn staff_without_a_second_factor_must_set_one_up_before_anything_else() {
    let app = TestApp::spawn().await;
    app.account_without_two_step(Role::Clinician, "doc@example.org", None).await;

    let response = try_sign_in(&app, "doc@example.org", PASSWORD).await;

    let SignInResult::EnrolmentRequired { methods } = response.json() else { panic!("{}", response.text()) };
    assert!(methods.contains(&SecondFactorMethod::Totp));
    let pending = session_cookie(&response);
    assert_eq!(app.get_as(&pending, "/api/patients/x/summary").await.status, StatusCode::UNAUTHORIZED);

    let setup: TotpSetup = post_json(&app, &pending, "/api/account/totp", serde_json::json!({})).await.json();
    assert!(setup.qr_svg_data_url.starts_with("data:image/svg+xml;base64,"));
    assert!(setup.otpauth_url.starts_with("otpauth://totp/"));
    let wrong =
        post_json(&app, &pending, "/api/account/totp/confirm", serde_json::json!({ "code": "000000" })).await;
    assert_envelope(&wrong, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    let code = code_for(&setup, "doc@example.org");
    let confirmed =
        post_json(&app, &pending, "/api/account/totp/confirm", serde_json::json!({ "code": code })).await;

    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.text());
    let codes: RecoveryCodes = confirmed.json();
    assert_eq!(codes.codes.len(), 10);
    assert_eq!(codes.session.map(|s| s.role), Some(Role::Clinician));
    let full = session_cookie(&confirmed);
    assert_eq!(app.get_as(&full, "/api/session").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_recovery_code_signs_in_once() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;
    let cookie = app.sign_in("admin@example.org").await;
    forget_last_code(&app).await;
    post_json(
        &app,
        &cookie,
        "/api/session/reauth",
        serde_json::json!({ "password": PASSWORD, "code": totp_now("admin@example.org") }),
    )
    .await;
    let codes: RecoveryCodes =
        post_json(&app, &cookie, "/api/account/recovery-codes", serde_json::json!({})).await.json();
    let code = codes.codes[3].to_lowercase().replace('-', " ");

    let pending = session_cookie(&try_sign_in(&app, "admin@example.org", PASSWORD).await);
    let first = second_factor(&app, &pending, &code).await;
    let pending = session_cookie(&try_sign_in(&app, "admin@example.org", PASSWORD).await);
    let second = second_factor(&app, &pending, &code).await;

    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    assert_envelope(&second, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    let security: AccountSecurity = app.get_as(&session_cookie(&first), "/api/account/security").await.json();
    assert_eq!(security.recovery_codes_left, 9);
}

#[tokio::test]
async fn a_patient_who_turned_two_step_off_signs_in_with_the_password_alone() {
    let app = TestApp::spawn().await;
    let id = app.account_without_two_step(Role::Patient, "walter@example.org", None).await;
    let before = try_sign_in(&app, "walter@example.org", PASSWORD).await;
    sqlx::query("UPDATE accounts SET mfa_opt_out_at = '2026-01-01T00:00:00Z' WHERE id = $1")
        .bind(id)
        .execute(app.db.pool())
        .await
        .unwrap();

    let after = try_sign_in(&app, "walter@example.org", PASSWORD).await;

    assert!(matches!(before.json(), SignInResult::EnrolmentRequired { .. }), "on by default for patients");
    let SignInResult::SignedIn { session } = after.json() else { panic!("{}", after.text()) };
    assert!(!session.two_step);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer_and_are_audited() {
    let app = TestApp::spawn().await;
    app.account(Role::Clinician, "doc@example.org", None).await;

    let wrong = try_sign_in(&app, "doc@example.org", "not the password at all").await;
    let unknown = try_sign_in(&app, "nobody@example.org", PASSWORD).await;

    let a = assert_envelope(&wrong, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    let b = assert_envelope(&unknown, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    assert_eq!(a.message, b.message);
    assert!(wrong.headers.get("set-cookie").is_none());
    let denied: Vec<_> = app
        .audit_rows()
        .await
        .into_iter()
        .filter(|r| r.action == "sign_in" && r.outcome == "denied")
        .collect();
    assert_eq!(denied.len(), 2);
    assert!(denied.iter().any(|r| r.detail.as_deref() == Some("email: nobody@example.org")));
}

#[tokio::test]
async fn guessing_is_slowed_the_same_for_known_and_unknown_accounts() {
    let app = TestApp::spawn().await;
    app.account(Role::Clinician, "doc@example.org", None).await;

    for _ in 0..5 {
        assert_eq!(
            try_sign_in(&app, "doc@example.org", "wrong guess").await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            try_sign_in(&app, "ghost@example.org", "wrong guess").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let sixth_wrong = try_sign_in(&app, "doc@example.org", "wrong guess").await;
    let right_now = try_sign_in(&app, "doc@example.org", PASSWORD).await;
    let unknown = try_sign_in(&app, "ghost@example.org", "wrong guess").await;
    let unknown_again = try_sign_in(&app, "ghost@example.org", "wrong guess").await;

    assert_eq!(sixth_wrong.status, StatusCode::UNAUTHORIZED, "the sixth failure starts the back-off");
    for blocked in [&right_now, &unknown_again] {
        assert_envelope(blocked, StatusCode::TOO_MANY_REQUESTS, ErrorCode::TooManyRequests);
        let wait: i64 = blocked.header("retry-after").parse().unwrap();
        assert!((1..=30).contains(&wait), "{wait}");
    }
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_strangers_guessing_does_not_lock_the_holder_out_of_their_own_device() {
    let app = TestApp::spawn().await;
    app.account(Role::Patient, "ana@example.org", None).await;
    let pending = session_cookie(&try_sign_in(&app, "ana@example.org", PASSWORD).await);
    let signed_in = second_factor(&app, &pending, &totp_now("ana@example.org")).await;
    let device = signed_in
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .find(|c| c.starts_with("__Host-portal-device="))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_owned();

    for _ in 0..8 {
        try_sign_in(&app, "ana@example.org", "stranger guessing").await;
    }
    let stranger = try_sign_in(&app, "ana@example.org", PASSWORD).await;
    let holder = app
        .request(
            Method::POST,
            "/api/session",
            &[JSON, ("cookie", &device)],
            credentials("ana@example.org", PASSWORD),
        )
        .await;

    assert_eq!(stranger.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(holder.status, StatusCode::OK, "{}", holder.text());
}

#[tokio::test]
async fn wrong_second_factor_codes_are_throttled() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;
    let pending = session_cookie(&try_sign_in(&app, "admin@example.org", PASSWORD).await);

    for _ in 0..6 {
        assert_eq!(second_factor(&app, &pending, "000000").await.status, StatusCode::UNAUTHORIZED);
    }
    let blocked = second_factor(&app, &pending, &totp_now("admin@example.org")).await;

    assert_envelope(&blocked, StatusCode::TOO_MANY_REQUESTS, ErrorCode::TooManyRequests);
}

#[tokio::test]
async fn a_malformed_sign_in_request_is_a_clear_error() {
    let app = TestApp::spawn().await;

    let not_json = app.request(Method::POST, "/api/session", &[JSON], "{").await;
    let wrong_shape = app.request(Method::POST, "/api/session", &[JSON], r#"{"email": 3}"#).await;

    assert_envelope(&not_json, StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
    assert_envelope(&wrong_shape, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
}

#[tokio::test]
async fn a_sensitive_change_needs_a_fresh_reauthentication() {
    let app = TestApp::spawn().await;
    app.account(Role::Patient, "ana@example.org", None).await;
    let cookie = app.sign_in("ana@example.org").await;
    let change = serde_json::json!({ "new_password": "another long passphrase to remember" });

    let refused = post_json(&app, &cookie, "/api/account/password", change.clone()).await;
    let bad_reauth =
        post_json(&app, &cookie, "/api/session/reauth", serde_json::json!({ "password": PASSWORD })).await;
    forget_last_code(&app).await;
    let reauth = post_json(
        &app,
        &cookie,
        "/api/session/reauth",
        serde_json::json!({ "password": PASSWORD, "code": totp_now("ana@example.org") }),
    )
    .await;
    let changed = post_json(&app, &cookie, "/api/account/password", change).await;

    assert_envelope(&refused, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    assert_envelope(&bad_reauth, StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized);
    assert_eq!(reauth.status, StatusCode::OK, "{}", reauth.text());
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text());
    assert_eq!(
        app.get_as(&cookie, "/api/session").await.status,
        StatusCode::UNAUTHORIZED,
        "the old token is gone"
    );
    assert_eq!(app.get_as(&session_cookie(&changed), "/api/session").await.status, StatusCode::OK);
    assert_eq!(try_sign_in(&app, "ana@example.org", PASSWORD).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_new_password_that_is_easy_to_guess_is_refused_with_the_reason() {
    let app = TestApp::spawn().await;
    app.account(Role::Patient, "ana.garcia@example.org", None).await;
    let cookie = app.sign_in("ana.garcia@example.org").await;
    forget_last_code(&app).await;
    post_json(
        &app,
        &cookie,
        "/api/session/reauth",
        serde_json::json!({ "password": PASSWORD, "code": totp_now("ana.garcia@example.org") }),
    )
    .await;

    for (password, code) in [
        ("short", "too_short"),
        ("password1234", "too_easy_to_guess"),
        ("AnaGarcia2024", "too_easy_to_guess"),
    ] {
        let response = post_json(
            &app,
            &cookie,
            "/api/account/password",
            serde_json::json!({ "new_password": password }),
        )
        .await;
        let detail = assert_envelope(&response, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation);
        assert_eq!(detail.fields[0].code, code, "{password}");
    }
}

#[tokio::test]
async fn the_strength_hint_explains_without_revealing_accounts() {
    let app = TestApp::spawn().await;

    let weak: PasswordCheck =
        app.request(Method::POST, "/api/password/check", &[JSON], r#"{"password":"qwerty12"}"#).await.json();
    let strong: PasswordCheck = app
        .request(Method::POST, "/api/password/check", &[JSON], r#"{"password":"mango tractor violet"}"#)
        .await
        .json();

    assert!(!weak.ok);
    assert_eq!(weak.issue, Some(shared::auth::PasswordIssue::TooEasyToGuess));
    assert!(strong.ok);
    assert_eq!(strong.rules.min_length, 8);
}

#[tokio::test]
async fn the_sessions_list_shows_each_browser_and_each_can_be_signed_out() {
    let app = TestApp::spawn().await;
    app.account(Role::Nurse, "nurse@example.org", None).await;
    let here = app.sign_in("nurse@example.org").await;
    let there = app.sign_in("nurse@example.org").await;

    let sessions: Vec<SessionSummary> = app.get_as(&here, "/api/account/sessions").await.json();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions.iter().filter(|s| s.current).count(), 1);
    let other = sessions.iter().find(|s| !s.current).unwrap().id.clone();
    let ended = app
        .request(Method::DELETE, &format!("/api/account/sessions/{other}"), &[("cookie", &here)], "")
        .await;
    let again = app
        .request(Method::DELETE, &format!("/api/account/sessions/{other}"), &[("cookie", &here)], "")
        .await;

    assert_eq!(ended.status, StatusCode::NO_CONTENT);
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get_as(&there, "/api/session").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get_as(&here, "/api/session").await.status, StatusCode::OK);
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session() {
    let app = TestApp::spawn().await;
    app.account(Role::Nurse, "nurse@example.org", None).await;
    let here = app.sign_in("nurse@example.org").await;
    let there = app.sign_in("nurse@example.org").await;

    let out = app.request(Method::DELETE, "/api/account/sessions", &[("cookie", &here)], "").await;

    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.header("set-cookie").contains("Max-Age=0"));
    for cookie in [&here, &there] {
        assert_eq!(app.get_as(cookie, "/api/session").await.status, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn one_account_cannot_sign_out_anothers_session() {
    let app = TestApp::spawn().await;
    app.account(Role::Nurse, "a@example.org", None).await;
    app.account(Role::Nurse, "b@example.org", None).await;
    let a = app.sign_in("a@example.org").await;
    let b = app.sign_in("b@example.org").await;
    let b_sessions: Vec<SessionSummary> = app.get_as(&b, "/api/account/sessions").await.json();

    let attempt = app
        .request(
            Method::DELETE,
            &format!("/api/account/sessions/{}", b_sessions[0].id),
            &[("cookie", &a)],
            "",
        )
        .await;

    assert_eq!(attempt.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get_as(&b, "/api/session").await.status, StatusCode::OK);
}

#[tokio::test]
async fn only_patients_may_turn_two_step_off_and_only_with_a_long_password() {
    let app = TestApp::spawn().await;
    app.account(Role::Clinician, "doc@example.org", None).await;
    app.account(Role::Patient, "ana@example.org", None).await;
    for email in ["doc@example.org", "ana@example.org"] {
        let cookie = app.sign_in(email).await;
        forget_last_code(&app).await;
        post_json(
            &app,
            &cookie,
            "/api/session/reauth",
            serde_json::json!({ "password": PASSWORD, "code": totp_now(email) }),
        )
        .await;
        let off = post_json(
            &app,
            &cookie,
            "/api/account/two-step/off",
            serde_json::json!({ "password": PASSWORD }),
        )
        .await;
        if email.starts_with("doc") {
            assert_envelope(&off, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
        } else {
            assert_eq!(off.status, StatusCode::NO_CONTENT, "{}", off.text());
        }
    }
    assert!(matches!(
        try_sign_in(&app, "ana@example.org", PASSWORD).await.json(),
        SignInResult::SignedIn { .. }
    ));
}

#[tokio::test]
async fn signing_out_ends_the_session_and_clears_the_cookie() {
    let app = TestApp::spawn().await;
    app.account(Role::Billing, "billing@example.org", None).await;
    let cookie = app.sign_in("billing@example.org").await;

    let out = app.request(Method::DELETE, "/api/session", &[("cookie", &cookie)], "").await;

    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.header("set-cookie").contains("Max-Age=0"));
    assert_eq!(app.get_as(&cookie, "/api/session").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_session_idle_past_the_timeout_ends() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;
    let cookie = app.sign_in("admin@example.org").await;

    sqlx::query("UPDATE sessions SET last_seen_at = $1")
        .bind("2000-01-01T00:00:00Z")
        .execute(app.db.pool())
        .await
        .unwrap();

    assert_eq!(app.get_as(&cookie, "/api/session").await.status, StatusCode::UNAUTHORIZED);
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(left, 0, "the ended session is deleted");
}

#[tokio::test]
async fn a_session_past_its_absolute_end_ends_even_if_active() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;
    let cookie = app.sign_in("admin@example.org").await;

    sqlx::query("UPDATE sessions SET expires_at = $1")
        .bind("2000-01-01T00:00:00Z")
        .execute(app.db.pool())
        .await
        .unwrap();

    assert_eq!(app.get_as(&cookie, "/api/session").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn each_sign_in_gets_a_new_token() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;

    let first = app.sign_in("admin@example.org").await;
    let second = app.sign_in("admin@example.org").await;

    assert_ne!(first, second);
}

#[tokio::test]
async fn a_cross_site_write_is_refused_before_it_reaches_the_handler() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;

    let response = app
        .request(
            Method::POST,
            "/api/session",
            &[JSON, ("sec-fetch-site", "cross-site")],
            credentials("admin@example.org", PASSWORD),
        )
        .await;

    assert_envelope(&response, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    assert!(app.audit_rows().await.iter().all(|r| r.action != "sign_in"), "the handler never ran");
}

#[tokio::test]
async fn a_disabled_account_cannot_sign_in_or_keep_its_session() {
    let app = TestApp::spawn().await;
    app.account(Role::FrontDesk, "desk@example.org", None).await;
    let cookie = app.sign_in("desk@example.org").await;

    sqlx::query("UPDATE accounts SET disabled_at = $1")
        .bind("2026-01-01T00:00:00Z")
        .execute(app.db.pool())
        .await
        .unwrap();

    assert_eq!(app.get_as(&cookie, "/api/session").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(try_sign_in(&app, "desk@example.org", PASSWORD).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_audit_chain_verifies_and_detects_altered_inserted_and_deleted_rows() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;
    for _ in 0..3 {
        try_sign_in(&app, "admin@example.org", PASSWORD).await;
    }
    try_sign_in(&app, "admin@example.org", "wrong wrong wrong").await;
    assert_eq!(audit::verify(&app.db).await.unwrap(), Ok(4));

    sqlx::query("UPDATE audit_events SET outcome = 'success' WHERE seq = 4")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(audit::verify(&app.db).await.unwrap(), Err(ChainFault::Altered { seq: 4 }));
    sqlx::query("UPDATE audit_events SET outcome = 'denied' WHERE seq = 4")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(audit::verify(&app.db).await.unwrap(), Ok(4), "restoring the field restores the chain");

    sqlx::query("DELETE FROM audit_events WHERE seq = 2").execute(app.db.pool()).await.unwrap();
    assert_eq!(audit::verify(&app.db).await.unwrap(), Err(ChainFault::Broken { seq: 3 }));
}

#[tokio::test]
async fn deleting_the_newest_audit_rows_is_detected() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;
    try_sign_in(&app, "admin@example.org", PASSWORD).await;
    try_sign_in(&app, "admin@example.org", PASSWORD).await;

    sqlx::query("DELETE FROM audit_events WHERE seq = 2").execute(app.db.pool()).await.unwrap();

    assert_eq!(
        audit::verify(&app.db).await.unwrap(),
        Err(ChainFault::HeadMismatch { head_seq: 2, last_seq: 1 })
    );
}

#[tokio::test]
async fn audit_rows_name_the_request_and_the_account() {
    let app = TestApp::spawn().await;
    app.account(Role::Admin, "admin@example.org", None).await;

    let response = try_sign_in(&app, "admin@example.org", PASSWORD).await;

    let row = app.audit_rows().await.pop().unwrap();
    assert_eq!(row.action, "sign_in");
    assert_eq!(row.outcome, "success");
    assert_eq!(row.request_id.as_deref(), Some(response.header("x-request-id")));
    assert!(row.actor_account_id.is_some());
}

#[test]
fn the_test_secret_decodes_like_an_authenticator_app_would() {
    let encoded =
        base64::engine::general_purpose::STANDARD.encode(base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
    assert_eq!(encoded, base64::engine::general_purpose::STANDARD.encode(b"12345678901234567890"));
}
