//! The test harness: `TestApp::spawn()` builds the app over a fresh database, on SQLite by
//! default or on PostgreSQL when `PORTAL_TEST_DATABASE=postgres` (the PostgreSQL server is then
//! named by the standard `PG*` variables, as `pg_virtualenv` sets them). Requests go through
//! `tower::ServiceExt::oneshot`, without a socket.

use std::path::Path;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use backend::db::Engine;
use backend::{AppState, Config, Db, app, web};
use http_body_util::BodyExt as _;
use serde::de::DeserializeOwned;
use sqlx::Connection as _;
use tempfile::TempDir;
use tower::ServiceExt as _;

pub struct TestApp {
    pub router: Router,
    pub db: Db,
    /// The key ring the app seals with.
    pub keys: backend::crypto::KeyRing,
    /// Keeps the SQLite file alive for the test's lifetime.
    _dir: TempDir,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!("body is not the expected JSON ({e}): {}", String::from_utf8_lossy(&self.body))
        })
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_else(|| panic!("no {name} header"))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The engine the suite runs on this time.
pub fn engine_under_test() -> Engine {
    match std::env::var("PORTAL_TEST_DATABASE").as_deref() {
        Ok("postgres") => Engine::Postgres,
        Ok("sqlite") | Err(_) => Engine::Sqlite,
        Ok(other) => panic!("PORTAL_TEST_DATABASE must be sqlite or postgres, not {other:?}"),
    }
}

/// A fresh, migrated database on the engine under test.
pub async fn fresh_db(dir: &Path) -> Db {
    fresh_db_with(dir, backend::crypto::KeyRing::generate("test").0).await
}

/// A fresh, migrated database that seals with `keys`.
pub async fn fresh_db_with(dir: &Path, keys: backend::crypto::KeyRing) -> Db {
    let db = match engine_under_test() {
        Engine::Sqlite => Db::open_in(dir, 5, keys).await.expect("open SQLite"),
        Engine::Postgres => {
            Db::connect(&fresh_postgres_database().await, 5, keys).await.expect("open PostgreSQL")
        }
    };
    assert_eq!(db.engine(), engine_under_test());
    db.migrate().await.expect("migrations apply");
    db
}

/// Creates an empty schema in the database the `PG*` variables name and returns a URL whose
/// connections see only that schema (`search_path`), so each test has its own tables. A schema
/// per test rather than a database: every new database starts as a 7.5 MB copy of its
/// template, and two hundred of them took 3 GB of disk. The throw-away cluster is dropped whole
/// at the end of the run.
async fn fresh_postgres_database() -> String {
    let var = |name: &str| {
        std::env::var(name).unwrap_or_else(|_| panic!("{name} must be set for PostgreSQL tests"))
    };
    let (host, port, user, password) = (var("PGHOST"), var("PGPORT"), var("PGUSER"), var("PGPASSWORD"));
    let url = format!("postgres://{user}:{password}@{host}:{port}/{}", var("PGDATABASE"));
    let mut admin = sqlx::PgConnection::connect(&url).await.expect("connect to the test PostgreSQL server");
    let schema = format!("portal_test_{}", uuid::Uuid::new_v4().simple());
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&mut admin)
        .await
        .expect("create schema");
    admin.close().await.ok();
    format!("{url}?options=-c%20search_path%3D{schema}")
}

impl TestApp {
    /// The app with no built browser app.
    pub async fn spawn() -> Self {
        Self::spawn_with(Config::default(), None).await
    }

    /// The app serving the browser app built into `web_dir`.
    pub async fn spawn_with_web(web_dir: &Path) -> Self {
        let web = web::WebApp::load(web_dir).expect("read the web folder").expect("an index.html");
        Self::spawn_with(Config::default(), Some(web)).await
    }

    pub async fn spawn_with(config: Config, web: Option<web::WebApp>) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = fresh_db_with(dir.path(), config.keys.clone()).await;
        let keys = config.keys.clone();
        let router = app(AppState::new(db.clone(), config, web));
        Self { router, db, keys, _dir: dir }
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(Request::get(path).body(Body::empty()).unwrap()).await
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: impl Into<Body>,
    ) -> TestResponse {
        let mut builder = Request::builder().method(method).uri(path);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        self.send(builder.body(body.into()).unwrap()).await
    }

    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.expect("the router never fails");
        let (parts, body) = response.into_parts();
        let body = body.collect().await.expect("read the body").to_bytes().to_vec();
        TestResponse { status: parts.status, headers: parts.headers, body }
    }
}

/// Asserts the response is the error envelope with `code`, and returns its detail.
pub fn assert_envelope(
    response: &TestResponse,
    status: StatusCode,
    code: shared::ErrorCode,
) -> shared::ErrorDetail {
    assert_eq!(response.status, status, "body: {}", response.text());
    assert!(
        response.header(header::CONTENT_TYPE.as_str()).starts_with("application/json"),
        "errors are JSON"
    );
    let body: shared::ErrorBody = response.json();
    assert_eq!(body.error.code, code);
    assert!(!body.error.message.is_empty());
    let id = body.error.request_id.clone().expect("errors carry the request id");
    assert_eq!(id, response.header("x-request-id"), "the envelope names this request");
    body.error
}

/// A minimal patient row, for tests that need someone to sign in as or look at.
pub fn patient_row(id: &str, given: &str, family: &str) -> backend::records::Patient {
    backend::records::Patient {
        id: id.into(),
        source: "test".into(),
        source_id: Some(id.into()),
        active: 1,
        given: Some(given.into()),
        family: Some(family.into()),
        birth_date: Some("1980-01-01".into()),
        updated_at: "2026-01-01T00:00:00Z".into(),
        ..backend::records::Patient::default()
    }
}

/// The password every test account gets.
pub const PASSWORD: &str = "a long test passphrase for everyone";

/// The authenticator secret every test account gets (RFC 6238's test secret).
pub const TOTP_SECRET: &[u8] = b"12345678901234567890";

/// The authenticator code for now.
pub fn totp_now(email: &str) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    backend::auth::totp::code_at(TOTP_SECRET, email, now).unwrap()
}

impl TestApp {
    /// Creates an account with `role` (linked to `patient_id`, if given) and an authenticator
    /// app with [`TOTP_SECRET`]; returns its id.
    pub async fn account(&self, role: shared::Role, email: &str, patient_id: Option<&str>) -> String {
        let id = self.account_without_two_step(role, email, patient_id).await;
        let mut conn = self.db.pool().acquire().await.unwrap();
        backend::auth::set_confirmed_totp(&mut conn, &self.keys, &id, TOTP_SECRET).await.unwrap();
        id
    }

    /// Creates an account with no second factor yet.
    pub async fn account_without_two_step(
        &self,
        role: shared::Role,
        email: &str,
        patient_id: Option<&str>,
    ) -> String {
        let mut conn = self.db.pool().acquire().await.unwrap();
        let account = backend::auth::NewAccount {
            email,
            display_name: email,
            role,
            patient_id,
            practitioner_id: None,
            password: PASSWORD,
            language: None,
        };
        backend::auth::create_account(&mut conn, &account).await.expect("create account")
    }

    /// A clinician's or nurse's account (with an authenticator) that is the practitioner
    /// `practitioner_id` of the record: they reach the patients in that practitioner's care.
    pub async fn care_team_account(&self, role: shared::Role, email: &str, practitioner_id: &str) -> String {
        let mut conn = self.db.pool().acquire().await.unwrap();
        let account = backend::auth::NewAccount {
            email,
            display_name: email,
            role,
            patient_id: None,
            practitioner_id: Some(practitioner_id),
            password: PASSWORD,
            language: None,
        };
        let id = backend::auth::create_account(&mut conn, &account).await.expect("create account");
        backend::auth::set_confirmed_totp(&mut conn, &self.keys, &id, TOTP_SECRET).await.unwrap();
        id
    }

    /// A patient record and the patient's own account; returns the patient's id.
    pub async fn patient_with_account(&self, id: &str, email: &str) -> String {
        let mut conn = self.db.pool().acquire().await.unwrap();
        backend::records::upsert(&mut conn, self.db.keys(), &[patient_row(id, "Test", id)]).await.unwrap();
        drop(conn);
        self.account(shared::Role::Patient, email, Some(id)).await;
        id.to_owned()
    }

    /// Signs in with the password and the authenticator code, and returns the `Cookie` header
    /// value for later requests.
    pub async fn sign_in(&self, email: &str) -> String {
        let body = serde_json::json!({ "email": email, "password": PASSWORD }).to_string();
        let response =
            self.request(Method::POST, "/api/session", &[("content-type", "application/json")], body).await;
        assert_eq!(response.status, StatusCode::OK, "sign-in failed: {}", response.text());
        let pending = session_cookie(&response);
        // A code is accepted once per 30-second step; tests sign in faster than that.
        sqlx::query("UPDATE accounts SET totp_last_step = NULL WHERE email = $1")
            .bind(email.to_lowercase())
            .execute(self.db.pool())
            .await
            .unwrap();
        let code = serde_json::json!({ "code": totp_now(&email.to_lowercase()) }).to_string();
        let response = self
            .request(
                Method::POST,
                "/api/session/second-factor",
                &[("content-type", "application/json"), ("cookie", &pending)],
                code,
            )
            .await;
        assert_eq!(response.status, StatusCode::OK, "second factor failed: {}", response.text());
        session_cookie(&response)
    }

    /// `GET path` with the session cookie.
    pub async fn get_as(&self, cookie: &str, path: &str) -> TestResponse {
        self.request(Method::GET, path, &[("cookie", cookie)], "").await
    }

    /// The audit rows, oldest first.
    pub async fn audit_rows(&self) -> Vec<backend::audit::AuditRow> {
        sqlx::query_as(
            "SELECT seq, at, actor_account_id, actor_role, on_behalf_of, patient_id, action, resource_type, resource_id, \
             outcome, ip, user_agent, request_id, detail, prev_hash, hash FROM audit_events ORDER BY seq",
        )
        .fetch_all(self.db.pool())
        .await
        .unwrap()
    }
}

impl TestApp {
    /// The app over a database that already holds data (benchmarks build their own).
    #[allow(
        dead_code,
        reason = "used by the benchmarks, which share this file; `expect` cannot hold in both"
    )]
    pub fn over(db: Db) -> Self {
        let config = Config { keys: db.keys().clone(), ..Config::default() };
        let keys = config.keys.clone();
        let router = app(AppState::new(db.clone(), config, None));
        Self { router, db, keys, _dir: tempfile::tempdir().expect("temp dir") }
    }
}

/// The `name=value` of the session cookie a response sets.
pub fn session_cookie(response: &TestResponse) -> String {
    response
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("__Host-portal-session="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned()
}
