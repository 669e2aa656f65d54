//! Figures for the clinical record, printed rather than asserted (a slow machine must not fail
//! a build): FHIR import throughput over the Synthea folder, the demo generator's speed and
//! database size per 1,000 patients, the latency of the results list for a patient with
//! 1,000+ observations, and the time and size of that patient's whole record as one download. Runs on the engine `PORTAL_TEST_DATABASE` names, like the tests;
//! `cargo xtask bench` runs it on both.

#[expect(
    dead_code,
    reason = "the test harness, shared with the integration tests; the bench uses part of it"
)]
#[path = "../tests/api/helpers.rs"]
mod helpers;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use backend::Db;
use backend::db::{Engine, SQLITE_FILE};
use backend::demo::{self, DemoOptions};
use backend::fhir::import;
use helpers::{engine_under_test, fresh_db};

const DEMO_PATIENTS: usize = 1_000;
const REQUESTS: usize = 400;
/// Downloads of the whole record timed (each is hundreds of milliseconds).
const DOWNLOADS: usize = 10;

#[tokio::main]
async fn main() {
    let engine = match engine_under_test() {
        Engine::Sqlite => "SQLite",
        Engine::Postgres => "PostgreSQL",
    };
    println!("\nClinical record benchmarks on {engine}");
    import_throughput().await;
    let (db, dir) = demo_size().await;
    results_latency(db).await;
    drop(dir);
}

/// The Synthea folder, or a clear failure saying where it should be.
fn synthea_folder() -> PathBuf {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/fhir-r4/synthea");
    assert!(
        folder.is_dir(),
        "the Synthea bundles are missing: expected {} (the project's outside data sits in ../shared beside the repository)",
        folder.display()
    );
    folder
}

async fn import_throughput() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path()).await;
    let started = Instant::now();
    let report = import::import_paths(&db, import::DEFAULT_SOURCE, &[synthea_folder()], |_| {}).await;
    let took = started.elapsed();
    assert_eq!(report.rejected_files(), 0, "the Synthea folder imports cleanly");
    println!(
        "  import: {} resources ({} kept) from {} files in {:.2} s = {:.0} resources/s",
        report.resources(),
        report.imported(),
        report.files.len(),
        took.as_secs_f64(),
        per_second(report.resources(), took)
    );
}

/// Seeds the demo clinic with 1,000 patients; prints its time and the database's growth.
async fn demo_size() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path()).await;
    let empty = database_bytes(&db, dir.path()).await;
    let started = Instant::now();
    let options = DemoOptions { patients: DEMO_PATIENTS, ..DemoOptions::default() };
    assert!(
        demo::seed_if_empty(
            &db,
            &backend::crypto::KeyRing::generate("bench").0,
            &options,
            jiff::Timestamp::now()
        )
        .await
        .unwrap()
    );
    let took = started.elapsed();
    let full = database_bytes(&db, dir.path()).await;
    let observations: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM observations").fetch_one(db.pool()).await.unwrap();
    println!(
        "  demo: {DEMO_PATIENTS} patients ({observations} observations) generated in {:.1} s; \
         database grew by {:.1} MiB per 1,000 patients",
        took.as_secs_f64(),
        mib(full.saturating_sub(empty)) * 1000.0 / to_f64(DEMO_PATIENTS)
    );
    (db, dir)
}

/// The database's size on disk: the SQLite file after a checkpoint, or PostgreSQL's own count.
async fn database_bytes(db: &Db, dir: &Path) -> u64 {
    match db.engine() {
        Engine::Sqlite => {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(db.pool()).await.unwrap();
            std::fs::metadata(dir.join(SQLITE_FILE)).unwrap().len()
        }
        Engine::Postgres => {
            let bytes: i64 = sqlx::query_scalar("SELECT pg_database_size(current_database())")
                .fetch_one(db.pool())
                .await
                .unwrap();
            u64::try_from(bytes).unwrap()
        }
    }
}

/// p50 and p99 of the results list, first page and a long page, for the patient with the most
/// observations, through the whole app (routing, session, access check, audit row, query, JSON).
async fn results_latency(db: Db) {
    let (patient_id, observations): (String, i64) = sqlx::query_as(
        "SELECT patient_id, COUNT(*) AS n FROM observations GROUP BY patient_id ORDER BY n DESC, patient_id LIMIT 1",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert!(observations >= 1000, "the demo has a patient with 1,000+ observations (found {observations})");
    let test_app = helpers::TestApp::over(db);
    test_app.account(shared::Role::Patient, "bench@example.org", Some(&patient_id)).await;
    let cookie = test_app.sign_in("bench@example.org").await;

    for (label, path) in [
        ("first page (50)", format!("/api/patients/{patient_id}/results")),
        ("long page (200)", format!("/api/patients/{patient_id}/results?limit=200")),
        ("A1c history", format!("/api/patients/{patient_id}/results/history?code=4548-4")),
    ] {
        let mut times = Vec::with_capacity(REQUESTS);
        for i in 0..REQUESTS + 20 {
            let started = Instant::now();
            let response = test_app.get_as(&cookie, &path).await;
            let took = started.elapsed();
            assert_eq!(response.status, axum::http::StatusCode::OK, "{path}: {}", response.text());
            if i >= 20 {
                times.push(took);
            }
        }
        times.sort();
        println!(
            "  results list, patient with {observations} observations, {label}: p50 {:.2} ms, p99 {:.2} ms ({REQUESTS} requests)",
            ms(times[times.len() / 2]),
            ms(times[times.len() * 99 / 100])
        );
    }

    let path = format!("/api/patients/{patient_id}/export");
    let (mut times, mut size, mut resources) = (Vec::with_capacity(DOWNLOADS), 0, 0);
    for i in 0..=DOWNLOADS {
        let started = Instant::now();
        let response = test_app.get_as(&cookie, &path).await;
        let took = started.elapsed();
        assert_eq!(response.status, axum::http::StatusCode::OK, "{path}: {}", response.text());
        if i > 0 {
            times.push(took);
        }
        size = response.body.len();
        let bundle: serde_json::Value = response.json();
        resources = bundle["entry"].as_array().map_or(0, Vec::len);
    }
    times.sort();
    println!(
        "  record download (one FHIR Bundle), patient with {observations} observations: {resources} resources, \
         {:.1} MiB, p50 {:.0} ms, slowest {:.0} ms ({DOWNLOADS} requests)",
        mib(u64::try_from(size).unwrap_or(u64::MAX)),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}

fn per_second(count: usize, took: Duration) -> f64 {
    to_f64(count) / took.as_secs_f64()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[expect(clippy::cast_precision_loss, reason = "sizes and counts far below 2^52")]
fn to_f64(n: usize) -> f64 {
    n as f64
}

#[expect(clippy::cast_precision_loss, reason = "sizes far below 2^52")]
fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
