//! Encryption at rest: notes, identifiers and files are stored sealed, read back plain, found
//! by identifier, re-sealed by `portal keys rotate`, and a server given the wrong key refuses to
//! start rather than fail request by request.

use backend::crypto::KeyRing;
use backend::records::{self, sealing};
use shared::chart::{HealthSummary, VisitDetail};

use backend::Config;

use crate::chart::{ana_signed_in, seed};
use crate::helpers::TestApp;

async fn text(app: &TestApp, sql: &str) -> Vec<String> {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_all(app.db.pool()).await.unwrap()
}

async fn file_bytes(app: &TestApp) -> Vec<Vec<u8>> {
    sqlx::query_scalar("SELECT data FROM document_attachments WHERE data IS NOT NULL ORDER BY seq")
        .fetch_all(app.db.pool())
        .await
        .unwrap()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn notes_identifiers_and_files_are_stored_sealed_and_read_back_plain() {
    let (app, cookie) = ana_signed_in().await;

    let notes = text(&app, "SELECT note FROM encounters WHERE id = 'ana-visit'").await;
    let summaries = text(&app, "SELECT after_visit_summary FROM encounters WHERE id = 'ana-visit'").await;
    let (indexes, sealed_values): (Vec<String>, Vec<String>) = sqlx::query_as(
        "SELECT value, sealed_value FROM identifiers WHERE resource_id = 'ana' AND type_code = 'MR'",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap()
    .into_iter()
    .unzip();
    let files = file_bytes(&app).await;

    assert!(notes[0].starts_with("enc:v1:test:") && !notes[0].contains("Doing well"), "{notes:?}");
    assert!(summaries[0].starts_with("enc:v1:test:") && !summaries[0].contains("medicine"));
    assert!(indexes[0].starts_with("test.") && !indexes[0].contains("MRN"), "{indexes:?}");
    assert!(sealed_values[0].starts_with("enc:v1:test:") && !sealed_values[0].contains("MRN"));
    assert!(!files.is_empty() && files.iter().all(|f| f.starts_with(b"enc:v1:test:")));
    assert!(files.iter().all(|f| !contains(f, "You did well")));

    let visit: VisitDetail = app.get_as(&cookie, "/api/patients/ana/visits/ana-visit").await.json();
    let summary: HealthSummary = app.get_as(&cookie, "/api/patients/ana/summary").await.json();
    let file = app.get_as(&cookie, "/api/patients/ana/documents/ana-doc/files/0").await;
    assert_eq!(visit.note.as_deref(), Some("Doing well."));
    assert_eq!(visit.after_visit_summary.as_deref(), Some("Keep taking your medicine."));
    assert_eq!(summary.patient.medical_record_number.as_deref(), Some("MRN-1"));
    assert_eq!(file.body, b"You did well.");
}

#[tokio::test]
async fn rotation_reseals_everything_with_the_new_key_and_then_the_old_key_can_go() {
    let (_, old_key) = KeyRing::generate("k1");
    let app =
        TestApp::spawn_with(Config { keys: KeyRing::parse(&old_key).unwrap(), ..Config::default() }, None)
            .await;
    seed(&app).await;
    app.account(shared::Role::Patient, "ana@example.org", Some("ana")).await;
    // Values written in the clear before encryption existed are sealed by the rotation too.
    sqlx::query("UPDATE conditions SET note = 'Written before sealing.' WHERE patient_id = 'ana'")
        .execute(app.db.pool())
        .await
        .unwrap();
    let (_, new_key) = KeyRing::generate("k2");
    let both = KeyRing::parse(&format!("{new_key}{old_key}")).unwrap();
    let rotated_db = app.db.with_keys(both);

    let first = sealing::rotate(&rotated_db).await.unwrap();
    let again = sealing::rotate(&rotated_db).await.unwrap();

    assert!(first.total() >= 6, "{first:?}");
    assert_eq!(again.total(), 0, "nothing is left to re-seal: {again:?}");
    let stored = text(&app, "SELECT note FROM encounters WHERE note IS NOT NULL").await;
    assert!(stored.iter().all(|n| n.starts_with("enc:v1:k2:")), "{stored:?}");
    let conditions =
        text(&app, "SELECT note FROM conditions WHERE patient_id = 'ana' AND note IS NOT NULL").await;
    assert!(conditions.iter().all(|n| n.starts_with("enc:v1:k2:")), "{conditions:?}");
    assert!(file_bytes(&app).await.iter().all(|f| f.starts_with(b"enc:v1:k2:")));
    let indexes = text(&app, "SELECT value FROM identifiers").await;
    assert!(indexes.iter().all(|v| v.starts_with("k2.")), "{indexes:?}");
    let totp = text(&app, "SELECT totp_secret FROM accounts WHERE totp_secret IS NOT NULL").await;
    assert!(!totp.is_empty() && totp.iter().all(|t| t.starts_with("enc:v1:k2:")), "{totp:?}");

    // With only the new key, everything still opens and the MRN is still found.
    let only_new = app.db.with_keys(KeyRing::parse(&new_key).unwrap());
    sealing::check_keys(&only_new).await.unwrap();
    let app = TestApp::over(only_new);
    // Signing in checks the two-step code against the re-sealed secret.
    let cookie = app.sign_in("ana@example.org").await;
    let visit: VisitDetail = app.get_as(&cookie, "/api/patients/ana/visits/ana-visit").await.json();
    assert_eq!(visit.note.as_deref(), Some("Doing well."));
    let summary: HealthSummary = app.get_as(&cookie, "/api/patients/ana/summary").await.json();
    assert_eq!(summary.patient.medical_record_number.as_deref(), Some("MRN-1"));
    let found: records::Identifier = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{} WHERE value = $1",
        records::select_sql::<records::Identifier>()
    )))
    .bind(app.db.keys().blind_index(records::IDENTIFIER_INDEX, "MRN-1"))
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(found.resource_id, "ana");
}

#[tokio::test]
async fn a_server_without_the_key_that_sealed_the_data_refuses_to_start() {
    let (app, _) = ana_signed_in().await;
    let stranger = app.db.with_keys(KeyRing::generate("other").0);

    let err = sealing::check_keys(&stranger).await.unwrap_err();

    assert!(format!("{err:#}").contains("\"test\", which is not loaded"), "{err:#}");
    sealing::check_keys(&app.db).await.unwrap();
}

#[test]
fn portal_keys_generate_prints_a_key_the_ring_reads_and_refuses_a_bad_id() {
    let generate = |id: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_portal"))
            .args(["keys", "generate", id])
            .output()
            .unwrap()
    };

    let good = generate("2026-11");
    let bad = generate("no spaces");

    assert!(good.status.success());
    let line = String::from_utf8(good.stdout).unwrap();
    assert_eq!(KeyRing::parse(&line).unwrap().current_key_id(), "2026-11");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("letters, digits"));
}
