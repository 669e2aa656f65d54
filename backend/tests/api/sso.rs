//! Single sign-on end to end: a real OpenID Connect provider (npm `oidc-provider`, started by
//! `e2e/support/oidc-provider.mjs` on a free loopback port), the portal on a real loopback
//! socket, and `reqwest` with a cookie jar standing in for the browser, hop by hop.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use backend::Config;
use backend::auth::sso::{Secret, Sso, SsoSettings};
use reqwest::cookie::CookieStore as _;
use reqwest::{StatusCode, Url, redirect};
use shared::Role;
use tokio::io::{AsyncBufReadExt as _, BufReader};

use crate::helpers::{TestApp, totp_now};

const CLIENT_ID: &str = "portal-test";
const CLIENT_SECRET: &str = "portal-test-secret-not-for-production";

/// The provider's people (see `PEOPLE` in the script): login name and verified email.
const PRIYA: (&str, &str) = ("priya", "priya.shah@demo.riverbend.example");
const TOM: (&str, &str) = ("tom", "tom.becker@demo.riverbend.example");
const ANA: (&str, &str) = ("ana", "ana.garcia@demo.riverbend.example");
/// Claims this email, unverified.
const UNVERIFIED_EMAIL: &str = "alex.rivera@demo.riverbend.example";

/// The provider process; killed when dropped.
struct Provider {
    _child: tokio::process::Child,
    issuer: String,
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

impl Provider {
    async fn start(redirect_uri: &str) -> Self {
        let root = repo_root();
        assert!(
            root.join("node_modules/oidc-provider/package.json").exists(),
            "node_modules/oidc-provider is missing: run `cargo xtask setup` (it installs the npm packages)"
        );
        let mut child = tokio::process::Command::new("node")
            .arg(root.join("e2e/support/oidc-provider.mjs"))
            .args(["--port", "0", "--redirect-uri", redirect_uri])
            .args(["--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start node (is Node.js installed?)");
        let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
        let issuer = tokio::time::timeout(Duration::from_secs(30), async {
            while let Some(line) = lines.next_line().await.expect("read the provider's output") {
                if let Some(issuer) = line.strip_prefix("oidc provider listening on ") {
                    return issuer.to_owned();
                }
            }
            panic!("the provider exited before listening")
        })
        .await
        .expect("the provider did not start within 30 s");
        // Discovery is what the portal needs first: wait until it answers.
        let discovery = format!("{issuer}/.well-known/openid-configuration");
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = reqwest::Client::new();
        loop {
            if client.get(&discovery).send().await.is_ok_and(|r| r.status().is_success()) {
                break;
            }
            assert!(Instant::now() < deadline, "the provider's discovery did not answer within 30 s");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Self { _child: child, issuer }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Options {
    patients: bool,
    trust_mfa: bool,
}

/// The portal, served on a loopback socket, configured for a provider of its own.
struct Portal {
    app: TestApp,
    base: String,
    provider: Provider,
}

impl Portal {
    async fn start(options: Options) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let provider = Provider::start(&format!("{base}/auth/oidc/callback")).await;
        let app = TestApp::spawn_with(config(&base, &provider.issuer, options), None).await;
        let router = app.router.clone();
        tokio::spawn(async move {
            axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap();
        });
        Self { app, base, provider }
    }

    fn url(&self, path: &str) -> Url {
        Url::parse(&format!("{}{path}", self.base)).unwrap()
    }

    async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
            .fetch_one(self.app.db.pool())
            .await
            .unwrap()
    }

    /// The `detail` of every sign-in audit row about single sign-on, with its outcome.
    async fn sso_audit(&self) -> Vec<(String, String)> {
        self.app
            .audit_rows()
            .await
            .into_iter()
            .filter(|row| {
                row.action == "sign_in"
                    && row.detail.as_deref().is_some_and(|d| d.starts_with("single sign-on"))
            })
            .map(|row| (row.outcome, row.detail.unwrap_or_default()))
            .collect()
    }
}

fn config(base: &str, issuer: &str, options: Options) -> Config {
    let settings = SsoSettings {
        issuer: issuer.to_owned(),
        client_id: CLIENT_ID.to_owned(),
        client_secret: Secret::new(CLIENT_SECRET),
        label: "Riverbend staff sign-in".to_owned(),
        patients: options.patients,
        trust_mfa: options.trust_mfa,
    };
    Config { public_url: Some(base.to_owned()), sso: Some(Arc::new(Sso::new(settings))), ..Config::default() }
}

/// A browser: a cookie jar, redirects followed by hand so each hop can be looked at.
struct Browser {
    client: reqwest::Client,
    jar: Arc<reqwest::cookie::Jar>,
}

impl Browser {
    fn new() -> Self {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(redirect::Policy::none())
            .build()
            .unwrap();
        Self { client, jar }
    }

    async fn get(&self, url: Url) -> reqwest::Response {
        self.client.get(url).send().await.expect("the request is answered")
    }

    /// Starts single sign-on at the portal and signs in at the provider as `login` (having used
    /// a second factor there when `mfa`), stopping at the redirect back to the portal's
    /// callback, which is returned unvisited.
    async fn through_provider(&self, portal: &Portal, start: &str, login: &str, mfa: bool) -> Url {
        let mut url = portal.url(start);
        let mut response = self.get(url.clone()).await;
        for _ in 0..20 {
            if response.status().is_redirection() {
                let location = response.headers()["location"].to_str().unwrap();
                url = url.join(location).unwrap();
                if url.as_str().starts_with(&portal.base) {
                    assert_eq!(url.path(), "/auth/oidc/callback", "expected the callback, got {url}");
                    return url;
                }
                response = self.get(url.clone()).await;
            } else if response.status() == StatusCode::OK && url.path().starts_with("/interaction/") {
                let mut form = vec![("login", login)];
                if mfa {
                    form.push(("mfa", "yes"));
                }
                let body = serde_urlencoded(&form);
                url = url.join(&format!("{}/login", url.path())).unwrap();
                response = self
                    .client
                    .post(url.clone())
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await
                    .unwrap();
            } else {
                let status = response.status();
                panic!("unexpected {status} at {url}: {}", response.text().await.unwrap_or_default());
            }
        }
        panic!("too many hops")
    }

    /// Visits the callback (or any portal URL) and returns where the portal sends the browser.
    async fn landing(&self, url: Url) -> String {
        let response = self.get(url).await;
        assert_eq!(response.status(), StatusCode::FOUND, "the portal answers navigations with a redirect");
        assert_eq!(response.headers()["cache-control"], "no-store");
        response.headers()["location"].to_str().unwrap().to_owned()
    }

    /// The whole round trip: where the browser lands in the portal.
    async fn sign_in(&self, portal: &Portal, login: &str, mfa: bool) -> String {
        let callback = self.through_provider(portal, "/auth/oidc/start", login, mfa).await;
        self.landing(callback).await
    }

    fn portal_cookies(&self, portal: &Portal) -> String {
        self.jar.cookies(&portal.url("/")).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
    }

    async fn api_get(&self, portal: &Portal, path: &str) -> reqwest::Response {
        self.get(portal.url(path)).await
    }

    async fn api_post(&self, portal: &Portal, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(portal.url(path))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap()
    }
}

fn serde_urlencoded(pairs: &[(&str, &str)]) -> String {
    Url::parse_with_params("http://x/", pairs).unwrap().query().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_staff_member_signs_in_with_the_provider_then_gives_the_portals_second_factor() {
    let portal = Portal::start(Options::default()).await;
    portal.app.account(Role::Clinician, PRIYA.1, None).await;
    let browser = Browser::new();

    let landing = browser.sign_in(&portal, PRIYA.0, true).await;

    assert_eq!(landing, "/sign-in?sso_step=second_factor");
    assert!(browser.portal_cookies(&portal).contains("__Host-portal-session="));
    assert_eq!(browser.api_get(&portal, "/api/session").await.status(), StatusCode::UNAUTHORIZED);
    let code = serde_json::json!({ "code": totp_now(PRIYA.1) });
    let answer = browser.api_post(&portal, "/api/session/second-factor", &code).await;
    assert_eq!(answer.status(), StatusCode::OK);
    let session = browser.api_get(&portal, "/api/session").await.text().await.unwrap();
    let session: serde_json::Value = serde_json::from_str(&session).unwrap();
    assert_eq!(session["email"], PRIYA.1);
    assert_eq!(portal.count("sso_identities").await, 1);
    let audit = portal.sso_audit().await;
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert_eq!(audit[0].0, "success");
    assert!(
        audit[0].1.contains("identity linked") && audit[0].1.ends_with("next: second_factor"),
        "{audit:?}"
    );
}

#[tokio::test]
async fn a_staff_member_without_a_second_factor_must_set_one_up_after_the_provider() {
    let portal = Portal::start(Options::default()).await;
    portal.app.account_without_two_step(Role::Nurse, TOM.1, None).await;
    let browser = Browser::new();

    let landing = browser.sign_in(&portal, TOM.0, false).await;

    assert_eq!(landing, "/sign-in?sso_step=enrol");
    let totp = browser.api_post(&portal, "/api/account/totp", &serde_json::json!({})).await;
    assert_eq!(totp.status(), StatusCode::OK, "an enrolling session may set up an authenticator");
    assert_eq!(browser.api_get(&portal, "/api/session").await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn with_trust_mfa_the_providers_multi_factor_sign_in_is_enough() {
    let portal = Portal::start(Options { trust_mfa: true, ..Options::default() }).await;
    portal.app.account(Role::Clinician, PRIYA.1, None).await;
    let (with_mfa, without_mfa) = (Browser::new(), Browser::new());

    let callback =
        with_mfa.through_provider(&portal, "/auth/oidc/start?return_to=/results?page=2", PRIYA.0, true).await;
    let landing = with_mfa.landing(callback).await;
    let second = without_mfa.sign_in(&portal, PRIYA.0, false).await;

    assert_eq!(landing, "/results?page=2", "back where the sign-in started: {:?}", portal.sso_audit().await);
    let session = with_mfa.api_get(&portal, "/api/session").await;
    assert_eq!(session.status(), StatusCode::OK);
    assert!(with_mfa.portal_cookies(&portal).contains("__Host-portal-device="), "the browser is remembered");
    assert!(!with_mfa.portal_cookies(&portal).contains("__Host-portal-oidc="), "the binding cookie is gone");
    assert_eq!(second, "/sign-in?sso_step=second_factor", "only `pwd` at the provider is one factor");
    let audit = portal.sso_audit().await;
    assert!(audit[0].1.contains("multi-factor trusted") && audit[0].1.ends_with("next: full"), "{audit:?}");
    assert!(audit[1].1.ends_with("next: second_factor"), "{audit:?}");
}

#[tokio::test]
async fn an_unknown_person_is_refused_and_no_account_is_created() {
    let portal = Portal::start(Options { patients: true, ..Options::default() }).await;
    portal.app.account(Role::Clinician, PRIYA.1, None).await;
    let browser = Browser::new();

    let landing = browser.sign_in(&portal, "stranger", true).await;

    assert_eq!(landing, "/sign-in?sso_error=no_account");
    assert!(!browser.portal_cookies(&portal).contains("__Host-portal-session="));
    assert_eq!(portal.count("accounts").await, 1);
    assert_eq!(portal.count("sso_identities").await, 0);
    let audit = portal.sso_audit().await;
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].0, "denied");
    assert!(
        audit[0].1.contains("(no_account)") && audit[0].1.contains("stranger@elsewhere.example"),
        "{audit:?}"
    );
}

#[tokio::test]
async fn an_email_the_provider_has_not_verified_never_links_an_account() {
    let portal = Portal::start(Options::default()).await;
    portal.app.account(Role::Admin, UNVERIFIED_EMAIL, None).await;
    let browser = Browser::new();

    let landing = browser.sign_in(&portal, "unverified", true).await;

    assert_eq!(landing, "/sign-in?sso_error=no_account");
    assert_eq!(portal.count("sso_identities").await, 0);
    assert_eq!(portal.count("sessions").await, 0);
    let audit = portal.sso_audit().await;
    assert!(audit[0].1.contains("not verified"), "{audit:?}");
}

#[tokio::test]
async fn patients_are_refused_unless_the_clinic_lets_them_use_the_provider() {
    let staff_only = Portal::start(Options::default()).await;
    let with_patients = Portal::start(Options { patients: true, ..Options::default() }).await;
    for portal in [&staff_only, &with_patients] {
        let mut conn = portal.app.db.pool().acquire().await.unwrap();
        backend::records::upsert(
            &mut conn,
            portal.app.db.keys(),
            &[crate::helpers::patient_row("p-ana", "Ana", "García")],
        )
        .await
        .unwrap();
        drop(conn);
        portal.app.account(Role::Patient, ANA.1, Some("p-ana")).await;
    }

    let refused = Browser::new().sign_in(&staff_only, ANA.0, true).await;
    let allowed = Browser::new().sign_in(&with_patients, ANA.0, true).await;

    assert_eq!(refused, "/sign-in?sso_error=not_allowed");
    assert_eq!(staff_only.count("sso_identities").await, 0);
    let audit = staff_only.sso_audit().await;
    assert!(audit[0].1.contains("role patient may not"), "{audit:?}");
    assert_eq!(allowed, "/sign-in?sso_step=second_factor");
}

#[tokio::test]
async fn a_second_identity_with_the_same_email_cannot_take_over_a_linked_account() {
    let portal = Portal::start(Options::default()).await;
    portal.app.account(Role::Clinician, PRIYA.1, None).await;
    assert_eq!(Browser::new().sign_in(&portal, PRIYA.0, false).await, "/sign-in?sso_step=second_factor");

    let landing = Browser::new().sign_in(&portal, "priya-again", false).await;

    assert_eq!(landing, "/sign-in?sso_error=no_account");
    assert_eq!(portal.count("sso_identities").await, 1);
    let audit = portal.sso_audit().await;
    assert!(audit[1].1.contains("linked to another identity"), "{audit:?}");
}

#[tokio::test]
async fn a_callback_works_once() {
    let portal = Portal::start(Options::default()).await;
    portal.app.account(Role::Clinician, PRIYA.1, None).await;
    let browser = Browser::new();
    let callback = browser.through_provider(&portal, "/auth/oidc/start", PRIYA.0, false).await;
    assert_eq!(browser.landing(callback.clone()).await, "/sign-in?sso_step=second_factor");

    let replayed = browser.landing(callback).await;

    assert_eq!(replayed, "/sign-in?sso_error=expired");
    let audit = portal.sso_audit().await;
    assert_eq!(audit.len(), 2);
    assert_eq!(audit[1].0, "denied");
    assert!(audit[1].1.contains("(expired)"), "{audit:?}");
}

#[tokio::test]
async fn a_callback_without_this_browsers_binding_cookie_is_refused() {
    let portal = Portal::start(Options::default()).await;
    portal.app.account(Role::Clinician, PRIYA.1, None).await;
    let (victim, attacker) = (Browser::new(), Browser::new());
    let lured = victim.through_provider(&portal, "/auth/oidc/start", PRIYA.0, false).await;
    let stolen = victim.through_provider(&portal, "/auth/oidc/start", PRIYA.0, false).await;
    // The attacker has a binding cookie of their own, from a login they started.
    attacker.get(portal.url("/auth/oidc/start")).await;

    let with_another_cookie = attacker.landing(lured).await;
    let with_no_cookie = Browser::new().landing(stolen).await;

    assert_eq!(with_another_cookie, "/sign-in?sso_error=expired");
    assert_eq!(with_no_cookie, "/sign-in?sso_error=expired");
    assert_eq!(portal.count("sessions").await, 0);
    assert_eq!(portal.count("sso_identities").await, 0);
    let audit = portal.sso_audit().await;
    assert!(audit[0].1.contains("another browser's binding cookie"), "{audit:?}");
    assert!(audit[1].1.contains("no binding cookie"), "{audit:?}");
}

#[tokio::test]
async fn a_tampered_state_is_refused_and_spends_nothing() {
    let portal = Portal::start(Options::default()).await;
    portal.app.account(Role::Clinician, PRIYA.1, None).await;
    let browser = Browser::new();
    let callback = browser.through_provider(&portal, "/auth/oidc/start", PRIYA.0, false).await;
    let mut tampered = callback.clone();
    let pairs: Vec<(String, String)> = callback
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "state" { format!("{v}x") } else { v.into_owned() };
            (k.into_owned(), v)
        })
        .collect();
    tampered.query_pairs_mut().clear().extend_pairs(pairs);

    let refused = browser.landing(tampered).await;
    let genuine = browser.landing(callback).await;

    assert_eq!(refused, "/sign-in?sso_error=expired");
    assert_eq!(genuine, "/sign-in?sso_step=second_factor");
    let audit = portal.sso_audit().await;
    assert_eq!((audit[0].0.as_str(), audit[1].0.as_str()), ("denied", "success"), "{audit:?}");
}

#[tokio::test]
async fn cancelling_at_the_provider_comes_back_as_cancelled() {
    let portal = Portal::start(Options::default()).await;
    let browser = Browser::new();
    let mut url = portal.url("/auth/oidc/start");
    let mut response = browser.get(url.clone()).await;
    while response.status().is_redirection() {
        url = url.join(response.headers()["location"].to_str().unwrap()).unwrap();
        if url.path() == "/auth/oidc/callback" {
            break;
        }
        response = if url.path().starts_with("/interaction/") && !url.path().ends_with("/abort") {
            let abort = url.join(&format!("{}/abort", url.path())).unwrap();
            browser.client.post(abort).send().await.unwrap()
        } else {
            browser.get(url.clone()).await
        };
    }

    let landing = browser.landing(url).await;

    assert_eq!(landing, "/sign-in?sso_error=cancelled");
    assert_eq!(portal.sso_audit().await.len(), 1);
}

#[tokio::test]
async fn the_portal_says_single_sign_on_is_unavailable_while_the_provider_is_down() {
    // A port nothing listens on: bound, then closed.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let config = config("http://127.0.0.1:9", &format!("http://{closed}"), Options::default());
    let app = TestApp::spawn_with(config, None).await;

    let info = app.get("/api/auth/sso").await;
    let start = app.get("/auth/oidc/start").await;

    assert_eq!(info.status, StatusCode::OK, "the portal runs without its provider");
    let info: shared::auth::SsoInfo = info.json();
    assert!(info.enabled);
    assert_eq!(info.label.as_deref(), Some("Riverbend staff sign-in"));
    assert_eq!(start.status, StatusCode::FOUND);
    assert_eq!(start.header("location"), "/sign-in?sso_error=unavailable");
    let rows = app.audit_rows().await;
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].action.as_str(), rows[0].outcome.as_str()), ("sign_in", "failure"));
}

#[tokio::test]
async fn without_an_issuer_single_sign_on_is_off() {
    let app = TestApp::spawn().await;

    let info: shared::auth::SsoInfo = app.get("/api/auth/sso").await.json();
    let start = app.get("/auth/oidc/start").await;
    let callback = app.get("/auth/oidc/callback?code=x&state=y").await;

    assert!(!info.enabled && info.label.is_none());
    assert_eq!(info.start_path, "/auth/oidc/start");
    assert_eq!(start.status, StatusCode::NOT_FOUND);
    assert_eq!(callback.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn start_sends_the_browser_to_the_provider_with_pkce_state_and_nonce() {
    let portal = Portal::start(Options::default()).await;
    let browser = Browser::new();

    let response = browser.get(portal.url("/auth/oidc/start")).await;

    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
    let location = Url::parse(response.headers()["location"].to_str().unwrap()).unwrap();
    assert!(location.as_str().starts_with(&portal.provider.issuer), "{location}");
    let query: std::collections::HashMap<_, _> = location.query_pairs().into_owned().collect();
    assert_eq!(query["response_type"], "code");
    assert_eq!(query["client_id"], CLIENT_ID);
    assert_eq!(query["redirect_uri"], format!("{}/auth/oidc/callback", portal.base));
    assert_eq!(query["code_challenge_method"], "S256");
    assert!(query["scope"].split(' ').any(|s| s == "openid"));
    for random in ["state", "nonce", "code_challenge"] {
        assert!(query[random].len() >= 22, "{random} is long and random");
    }
    let binding = response.headers()["set-cookie"].to_str().unwrap();
    for part in ["__Host-portal-oidc=", "Path=/", "Max-Age=600", "HttpOnly", "Secure", "SameSite=Lax"] {
        assert!(binding.contains(part), "{binding} lacks {part}");
    }
    let (verifier, browser_hash): (String, String) =
        sqlx::query_as("SELECT pkce_verifier, browser_hash FROM sso_logins")
            .fetch_one(portal.app.db.pool())
            .await
            .unwrap();
    let opened = portal
        .app
        .keys
        .open_text("sso_logins.pkce_verifier", &verifier)
        .expect("sealed with the portal's key");
    assert!(!verifier.contains(&opened), "the verifier is not stored in the clear");
    let token = binding.split(';').next().unwrap().trim_start_matches("__Host-portal-oidc=");
    assert_ne!(browser_hash, token, "only the binding cookie's hash is stored");
}

#[tokio::test]
async fn a_disabled_account_cannot_sign_in_with_the_provider() {
    let portal = Portal::start(Options { trust_mfa: true, ..Options::default() }).await;
    let id = portal.app.account(Role::Clinician, PRIYA.1, None).await;
    assert_eq!(Browser::new().sign_in(&portal, PRIYA.0, true).await, "/");
    sqlx::query("UPDATE accounts SET disabled_at = '2026-01-01T00:00:00Z' WHERE id = $1")
        .bind(id.clone())
        .execute(portal.app.db.pool())
        .await
        .unwrap();

    let landing = Browser::new().sign_in(&portal, PRIYA.0, true).await;

    assert_eq!(landing, "/sign-in?sso_error=no_account");
    let rows = portal.app.audit_rows().await;
    let refusal = rows.iter().rfind(|r| r.action == "sign_in").unwrap();
    assert_eq!(refusal.outcome, "denied");
    assert_eq!(refusal.actor_account_id.as_deref(), Some(id.as_str()));
    assert!(refusal.detail.as_deref().unwrap().contains("disabled"));
}
