//! `portal import` on the engine under test, with the Synthea sample bundles beside the
//! repository and the official HL7 R4 examples from npm: counts derived from the files, re-import
//! without duplicates, any file order, all-or-nothing bundles, and fields read back as sent.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use backend::Db;
use backend::fhir::datetime;
use backend::fhir::import::{self, FileReport, Position, Report};
use backend::records::record_id;
use serde_json::{Value, json};

use crate::helpers::fresh_db;

const SOURCE: &str = "synthea-test";

/// Every table the importer writes.
const TABLES: &[&str] = &[
    "organizations",
    "locations",
    "practitioners",
    "practitioner_roles",
    "patients",
    "identifiers",
    "patient_contacts",
    "encounters",
    "observations",
    "observation_components",
    "diagnostic_reports",
    "diagnostic_report_results",
    "conditions",
    "allergies",
    "allergy_reactions",
    "medication_requests",
    "immunizations",
    "documents",
    "document_attachments",
    "care_plans",
    "care_plan_activities",
    "care_plan_goals",
    "goals",
    "coverages",
];

/// The resource types the record keeps, and their tables.
const KEPT: &[(&str, &str)] = &[
    ("Organization", "organizations"),
    ("Location", "locations"),
    ("Practitioner", "practitioners"),
    ("PractitionerRole", "practitioner_roles"),
    ("Patient", "patients"),
    ("Encounter", "encounters"),
    ("Observation", "observations"),
    ("DiagnosticReport", "diagnostic_reports"),
    ("Condition", "conditions"),
    ("AllergyIntolerance", "allergies"),
    ("MedicationRequest", "medication_requests"),
    ("Immunization", "immunizations"),
    ("DocumentReference", "documents"),
    ("CarePlan", "care_plans"),
    ("Goal", "goals"),
    ("Coverage", "coverages"),
];

fn synthea_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/fhir-r4/synthea");
    assert!(
        dir.join("practitionerInformation1633536936158.json").is_file(),
        "the Synthea sample bundles are missing: expected them in {} (the shared data folder that sits \
         beside the repository; ../shared/data/README.md says where they come from)",
        dir.display()
    );
    dir
}

fn examples_dir() -> PathBuf {
    // npm drops the tarball's top `package/` folder; an unpacked tarball keeps it.
    let installed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../node_modules/hl7.fhir.r4.examples");
    [installed.join("package"), installed.clone()]
        .into_iter()
        .find(|d| d.join("Patient-example.json").is_file())
        .unwrap_or_else(|| {
            panic!(
                "the official FHIR R4 examples are missing from {}: run `npm install` in the repository \
                 root (package.json lists hl7.fhir.r4.examples 4.0.1)",
                installed.display()
            )
        })
}

fn hospitals() -> PathBuf {
    synthea_dir().join("hospitalInformation1633536936158.json")
}

fn practitioners() -> PathBuf {
    synthea_dir().join("practitionerInformation1633536936158.json")
}

/// The Synthea patient bundles (every file but the two lookup bundles), sorted.
fn patient_bundles() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(synthea_dir())
        .expect("list the Synthea folder")
        .map(|e| e.expect("read the Synthea folder").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !name.starts_with("hospitalInformation") && !name.starts_with("practitionerInformation")
        })
        .collect();
    files.sort();
    assert_eq!(files.len(), 10, "the ten Synthea patients");
    files
}

/// The smallest patient bundle, for tests that only need one.
fn small_patient_bundle() -> PathBuf {
    patient_bundles().into_iter().min_by_key(|p| std::fs::metadata(p).unwrap().len()).unwrap()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("read the file")).expect("the file is JSON")
}

fn resources(bundle: &Value) -> impl Iterator<Item = &Value> {
    bundle["entry"].as_array().into_iter().flatten().map(|e| &e["resource"])
}

async fn import(db: &Db, paths: &[PathBuf]) -> Report {
    import::import_paths(db, SOURCE, paths, |_| {}).await
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(db.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn table_counts(db: &Db) -> BTreeMap<&'static str, i64> {
    let mut counts = BTreeMap::new();
    for table in TABLES {
        counts.insert(*table, count(db, &format!("SELECT COUNT(*) FROM {table}")).await);
    }
    counts
}

fn assert_no_rejections(report: &Report) {
    let rejected: Vec<String> =
        report.files.iter().filter(|f| f.is_rejected()).map(ToString::to_string).collect();
    assert!(rejected.is_empty(), "rejected:\n{}", rejected.join(""));
}

fn write(dir: &Path, name: &str, contents: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write a test file");
    path
}

#[tokio::test]
async fn the_whole_synthea_folder_imports_without_rejections_and_with_the_counts_its_files_hold() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path()).await;
    let mut per_type: BTreeMap<String, i64> = BTreeMap::new();
    let mut identifiers: BTreeSet<(String, String, String)> = BTreeSet::new();
    for file in patient_bundles().into_iter().chain([hospitals(), practitioners()]) {
        for resource in resources(&read_json(&file)) {
            let resource_type = resource["resourceType"].as_str().unwrap().to_owned();
            *per_type.entry(resource_type.clone()).or_default() += 1;
            if ["Patient", "Practitioner", "Organization", "Location"].contains(&resource_type.as_str()) {
                for i in resource["identifier"].as_array().into_iter().flatten() {
                    let national = i["system"] == "http://hl7.org/fhir/sid/us-ssn"
                        || ["SS", "DL", "PPN"].iter().any(|c| i["type"]["coding"][0]["code"] == *c);
                    if !national {
                        let (system, value) = (i["system"].as_str().unwrap(), i["value"].as_str().unwrap());
                        identifiers.insert((resource_type.clone(), system.to_owned(), value.to_owned()));
                    }
                }
            }
        }
    }

    let report = import(&db, &[synthea_dir()]).await;

    assert_no_rejections(&report);
    assert_eq!(report.files.len(), 12);
    let totals = report.totals();
    for (resource_type, expected) in &per_type {
        let counts = totals[resource_type];
        let kept = KEPT.iter().any(|(t, _)| t == resource_type);
        let (imported, skipped) = if kept { (*expected, 0) } else { (0, *expected) };
        assert_eq!(
            (counts.imported, counts.skipped),
            (usize::try_from(imported).unwrap(), usize::try_from(skipped).unwrap()),
            "{resource_type}"
        );
        assert_eq!(counts.warnings, 0, "{resource_type}: every Synthea reference resolves");
    }
    for (resource_type, table) in KEPT {
        let expected = per_type.get(*resource_type).copied().unwrap_or(0);
        assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM {table}")).await, expected, "{table}");
    }
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM identifiers").await,
        i64::try_from(identifiers.len()).unwrap()
    );
    for table in ["organizations", "locations", "practitioners", "patients"] {
        assert_eq!(
            count(&db, &format!("SELECT COUNT(*) FROM {table} WHERE is_stub = 1")).await,
            0,
            "{table}"
        );
    }
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM identifiers WHERE system = 'http://hl7.org/fhir/sid/us-ssn'").await,
        0,
        "social security numbers are never stored"
    );
}

#[tokio::test]
async fn importing_the_same_files_twice_changes_no_counts() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path()).await;

    assert_no_rejections(&import(&db, &[synthea_dir()]).await);
    let first = table_counts(&db).await;
    assert_no_rejections(&import(&db, &[synthea_dir()]).await);
    let second = table_counts(&db).await;

    assert_eq!(first, second);
    assert!(first["observations"] > 0);
}

#[tokio::test]
async fn a_patient_imported_before_its_practitioners_and_hospitals_links_to_them_once_they_arrive() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path()).await;
    let patient = small_patient_bundle();
    let encounter_practitioners = "SELECT COUNT(DISTINCT p.id) FROM encounters e \
                                   JOIN practitioners p ON p.id = e.practitioner_id";

    assert_no_rejections(&import(&db, std::slice::from_ref(&patient)).await);
    let linked = count(&db, encounter_practitioners).await;
    assert!(linked > 0, "the encounters point at practitioners already");
    assert_eq!(
        count(&db, &format!("{encounter_practitioners} WHERE p.is_stub = 1")).await,
        linked,
        "they are stubs until the practitioners arrive"
    );
    let links_before = count(&db, "SELECT COUNT(*) FROM encounters WHERE practitioner_id IS NOT NULL").await;

    assert_no_rejections(&import(&db, &[practitioners(), hospitals()]).await);

    assert_eq!(count(&db, &format!("{encounter_practitioners} WHERE p.is_stub = 1")).await, 0);
    assert_eq!(count(&db, encounter_practitioners).await, linked, "the same rows, filled in");
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM encounters WHERE practitioner_id IS NOT NULL").await,
        links_before
    );
    let npi_owners = "SELECT COUNT(*) FROM (SELECT value FROM identifiers \
                      WHERE resource_type = 'Practitioner' AND system = 'http://hl7.org/fhir/sid/us-npi' \
                      GROUP BY value HAVING COUNT(DISTINCT resource_id) > 1) AS shared";
    assert_eq!(count(&db, npi_owners).await, 0, "one practitioner per NPI");
    let practitioner_entries =
        resources(&read_json(&practitioners())).filter(|r| r["resourceType"] == "Practitioner").count();
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM practitioners").await,
        i64::try_from(practitioner_entries).unwrap()
    );
    for table in ["organizations", "locations", "practitioners"] {
        assert_eq!(
            count(&db, &format!("SELECT COUNT(*) FROM {table} WHERE is_stub = 1")).await,
            0,
            "{table}"
        );
    }
}

/// The smallest patient bundle with one entry broken by `break_it`, which returns the index of
/// the entry it broke.
fn broken_bundle(break_it: impl FnOnce(&mut Vec<Value>) -> usize) -> (Value, usize) {
    let mut bundle = read_json(&small_patient_bundle());
    let index = break_it(bundle["entry"].as_array_mut().unwrap());
    (bundle, index)
}

fn first_of(entries: &[Value], resource_type: &str) -> usize {
    entries.iter().position(|e| e["resource"]["resourceType"] == resource_type).unwrap()
}

#[tokio::test]
async fn a_bundle_with_one_bad_entry_writes_nothing_and_names_that_entry_and_the_reason() {
    let cases: Vec<(&str, (Value, usize), &str)> = vec![
        (
            "unresolvable urn:uuid",
            broken_bundle(|entries| {
                let i = first_of(entries, "Observation");
                entries[i]["resource"]["encounter"]["reference"] =
                    json!("urn:uuid:00000000-0000-0000-0000-000000000000");
                i
            }),
            "urn:uuid:00000000-0000-0000-0000-000000000000 is not an entry of this bundle",
        ),
        (
            "observation without subject",
            broken_bundle(|entries| {
                let i = first_of(entries, "Observation");
                entries[i]["resource"].as_object_mut().unwrap().remove("subject");
                i
            }),
            "subject is missing",
        ),
        (
            "invalid date",
            broken_bundle(|entries| {
                let i = first_of(entries, "Immunization");
                entries[i]["resource"]["occurrenceDateTime"] = json!("2019-02-30T10:00:00Z");
                i
            }),
            "occurrenceDateTime \"2019-02-30T10:00:00Z\" is not a FHIR date or dateTime",
        ),
        (
            "value that is not a number",
            broken_bundle(|entries| {
                let i = entries.iter().position(|e| e["resource"]["valueQuantity"].is_object()).unwrap();
                entries[i]["resource"]["valueQuantity"]["value"] = json!("65.4");
                i
            }),
            "valueQuantity.value is not a number",
        ),
    ];
    for (case, (bundle, index), reason) in cases {
        let dir = tempfile::tempdir().unwrap();
        let db = fresh_db(dir.path()).await;
        let file = write(dir.path(), "broken.json", bundle.to_string().as_bytes());

        let report = import(&db, &[file]).await;

        assert_eq!(report.rejected_files(), 1, "{case}");
        let problems = report.files[0].problems();
        assert_eq!(problems.len(), 1, "{case}: {problems:?}");
        let entry = problems[0].entry.as_ref().expect("the problem names an entry");
        let broken = &bundle["entry"][index];
        assert_eq!(entry.position, Position::Entry(index), "{case}");
        assert_eq!(entry.full_url.as_deref(), broken["fullUrl"].as_str(), "{case}");
        let named = format!(
            "{}/{}",
            broken["resource"]["resourceType"].as_str().unwrap(),
            broken["resource"]["id"].as_str().unwrap()
        );
        assert_eq!(entry.resource.as_deref(), Some(named.as_str()), "{case}");
        assert!(problems[0].reason.contains(reason), "{case}: {}", problems[0].reason);
        assert!(report.files[0].to_string().starts_with("REJECTED"), "{case}");
        for (table, n) in table_counts(&db).await {
            assert_eq!(n, 0, "{case}: nothing of the bundle is written, yet {table} has rows");
        }
    }
}

#[tokio::test]
async fn a_file_that_is_not_json_or_not_a_fhir_resource_is_rejected_with_a_clear_message_and_the_others_still_import()
 {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path()).await;
    let files = dir.path().join("files");
    std::fs::create_dir(&files).unwrap();
    write(&files, "a-not-json.json", b"<Bundle xmlns=\"http://hl7.org/fhir\"/>");
    write(&files, "b-not-a-resource.json", br#"{"patients": [{"name": "Ana"}]}"#);
    write(
        &files,
        "c-unknown-bundle.json",
        br#"{"resourceType": "Bundle", "type": "shopping-list", "entry": []}"#,
    );
    write(
        &files,
        "d-patient.json",
        br#"{"resourceType": "Patient", "id": "ana", "birthDate": "1980-02-29"}"#,
    );

    let report = import(&db, &[files]).await;

    let reasons: Vec<&str> =
        report.files.iter().flat_map(FileReport::problems).map(|p| p.reason.as_str()).collect();
    assert_eq!(report.rejected_files(), 3, "{reasons:?}");
    assert!(reasons[0].starts_with("the file is not JSON"), "{}", reasons[0]);
    assert!(reasons[1].contains("not a FHIR resource: the JSON has no resourceType"), "{}", reasons[1]);
    assert!(reasons[2].contains("unknown Bundle type \"shopping-list\""), "{}", reasons[2]);
    assert!(!report.files[3].is_rejected());
    assert_eq!(count(&db, "SELECT COUNT(*) FROM patients WHERE birth_date = '1980-02-29'").await, 1);
}

#[tokio::test]
async fn an_ndjson_file_is_one_transaction_and_a_bad_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path()).await;
    let good = write(
        dir.path(),
        "good.ndjson",
        b"{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/p1\"},\
          \"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},\"valueQuantity\":{\"value\":72}}\n\
          {\"resourceType\":\"Patient\",\"id\":\"p1\",\"name\":[{\"family\":\"Lee\"}]}\n",
    );
    let bad = write(
        dir.path(),
        "bad.ndjson",
        b"{\"resourceType\":\"Patient\",\"id\":\"p2\"}\n{\"resourceType\":\n",
    );

    let report = import(&db, &[good, bad]).await;

    assert!(!report.files[0].is_rejected(), "{}", report.files[0]);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM patients WHERE family = 'Lee' AND is_stub = 0").await, 1);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM patients").await,
        1,
        "the observation points at the patient of the same file"
    );
    let problem = &report.files[1].problems()[0];
    assert_eq!(problem.entry.as_ref().unwrap().position, Position::Line(2));
    assert!(problem.reason.contains("not JSON"), "{}", problem.reason);
}

#[tokio::test]
async fn a_refill_count_already_started_survives_a_reimport() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path()).await;
    let bundle = json!({"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "urn:uuid:p", "resource": {"resourceType": "Patient", "id": "p"}},
        {"fullUrl": "urn:uuid:m", "resource": {"resourceType": "Medication", "id": "m",
            "code": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "314076", "display": "lisinopril 10 MG Oral Tablet"}]}}},
        {"fullUrl": "urn:uuid:rx", "resource": {"resourceType": "MedicationRequest", "id": "rx", "status": "active",
            "intent": "order", "subject": {"reference": "urn:uuid:p"}, "medicationReference": {"reference": "urn:uuid:m"},
            "dispenseRequest": {"numberOfRepeatsAllowed": 3, "quantity": {"value": 30, "unit": "tablet"},
                                "expectedSupplyDuration": {"value": 30, "unit": "days", "code": "d"}}}}
    ]});
    let file = write(dir.path(), "rx.json", bundle.to_string().as_bytes());
    assert_no_rejections(&import(&db, std::slice::from_ref(&file)).await);
    let rx = record_id(SOURCE, "MedicationRequest", "rx");
    let read = "SELECT refills_allowed * 100 + refills_remaining FROM medication_requests \
                WHERE medication_code = '314076' AND days_supply = 30";
    assert_eq!(count(&db, read).await, 303);
    sqlx::query("UPDATE medication_requests SET refills_remaining = 1 WHERE id = $1")
        .bind(rx)
        .execute(db.pool())
        .await
        .unwrap();

    assert_no_rejections(&import(&db, &[file]).await);

    assert_eq!(count(&db, read).await, 301);
}

#[tokio::test]
async fn the_official_examples_import_without_panicking_and_every_rejection_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path()).await;

    let report = import(&db, &[examples_dir()]).await;

    let imported = report.imported();
    let rejected: Vec<&FileReport> = report.files.iter().filter(|f| f.is_rejected()).collect();
    assert!(report.files.len() > 5000, "{} files", report.files.len());
    assert!(imported > 100, "{imported} resources imported");
    assert!(rejected.len() < report.files.len() / 10, "{} rejected", rejected.len());
    for file in rejected {
        assert!(!file.problems().is_empty(), "{}", file.path.display());
        for problem in file.problems() {
            assert!(problem.reason.len() > 10, "{}: {problem}", file.path.display());
        }
    }
    assert!(count(&db, "SELECT COUNT(*) FROM observations").await > 100);
    let (family, is_stub): (String, i64) =
        sqlx::query_as("SELECT family, is_stub FROM patients WHERE id = $1")
            .bind(record_id(SOURCE, "Patient", "example"))
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(
        (family.as_str(), is_stub),
        ("Chalmers", 0),
        "Patient/example, referred to long before it arrives"
    );
}

#[tokio::test]
async fn a_synthea_patient_reads_back_from_the_tables_as_in_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path()).await;
    let file = small_patient_bundle();
    let bundle = read_json(&file);
    assert_no_rejections(&import(&db, &[hospitals(), practitioners(), file]).await);
    let of_type = |t: &'static str| resources(&bundle).filter(move |r| r["resourceType"] == t);

    let patient = of_type("Patient").next().unwrap();
    let name = &patient["name"][0];
    let (given, family, birth_date): (String, String, String) =
        sqlx::query_as("SELECT given, family, birth_date FROM patients WHERE id = $1")
            .bind(record_id(SOURCE, "Patient", patient["id"].as_str().unwrap()))
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(given, name["given"][0].as_str().unwrap());
    assert_eq!(family, name["family"].as_str().unwrap());
    assert_eq!(birth_date, patient["birthDate"].as_str().unwrap());

    let observation = of_type("Observation").find(|o| o["valueQuantity"].is_object()).unwrap();
    let (code, value, unit, effective_at): (String, f64, String, String) =
        sqlx::query_as("SELECT code, value_num, value_unit, effective_at FROM observations WHERE id = $1")
            .bind(record_id(SOURCE, "Observation", observation["id"].as_str().unwrap()))
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(code, observation["code"]["coding"][0]["code"].as_str().unwrap());
    assert!((value - observation["valueQuantity"]["value"].as_f64().unwrap()).abs() < 1e-9);
    assert_eq!(unit, observation["valueQuantity"]["unit"].as_str().unwrap());
    assert_eq!(Some(effective_at), datetime::instant(observation["effectiveDateTime"].as_str().unwrap()));

    let immunization = of_type("Immunization").next().unwrap();
    let (system, cvx, occurrence): (String, String, String) =
        sqlx::query_as("SELECT vaccine_system, vaccine_code, occurrence FROM immunizations WHERE id = $1")
            .bind(record_id(SOURCE, "Immunization", immunization["id"].as_str().unwrap()))
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(system, "http://hl7.org/fhir/sid/cvx");
    assert_eq!(cvx, immunization["vaccineCode"]["coding"][0]["code"].as_str().unwrap());
    assert_eq!(occurrence, immunization["occurrenceDateTime"].as_str().unwrap());

    let note_encounters = of_type("DocumentReference").count();
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM encounters WHERE note IS NOT NULL AND note <> ''").await,
        i64::try_from(note_encounters).unwrap(),
        "each clinical note lands on its visit"
    );
}
