use super::*;

#[test]
fn an_upsert_numbers_its_placeholders_across_rows_and_updates_non_key_columns() {
    let sql = upsert_sql::<DiagnosticReportResult>(2);
    assert_eq!(
        sql,
        "INSERT INTO diagnostic_report_results (report_id, seq, observation_id) VALUES ($1, $2, $3), \
         ($4, $5, $6) ON CONFLICT (report_id, seq) DO UPDATE SET observation_id = excluded.observation_id"
    );
}

#[test]
fn a_table_whose_columns_are_all_key_does_nothing_on_conflict() {
    assert!(upsert_sql::<CarePlanGoal>(1).ends_with("ON CONFLICT (care_plan_id, goal_id) DO NOTHING"));
}

#[test]
fn record_ids_are_stable_and_differ_by_source_and_type() {
    let id = record_id("synthea", "Patient", "abc");
    assert_eq!(id, record_id("synthea", "Patient", "abc"));
    assert_ne!(id, record_id("synthea", "Practitioner", "abc"));
    assert_ne!(id, record_id("other-ehr", "Patient", "abc"));
    assert!(uuid::Uuid::parse_str(&id).is_ok());
}

#[test]
fn every_record_matches_its_table_in_both_migrations() {
    for engine in ["sqlite", "postgres"] {
        let path = format!("{}/migrations/{engine}/0002_clinical_record.sql", env!("CARGO_MANIFEST_DIR"));
        let sql = std::fs::read_to_string(path).unwrap();
        for (table, columns) in all_tables() {
            let start = sql.find(&format!("CREATE TABLE {table} (")).unwrap_or_else(|| panic!("{table}"));
            let body = &sql[start..start + sql[start..].find("\n);").unwrap()];
            let mut declared: Vec<&str> = body
                .lines()
                .skip(1)
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with("--") && !l.starts_with("PRIMARY KEY"))
                .map(|l| l.split_whitespace().next().unwrap())
                .collect();
            declared.extend(later_columns(engine, table));
            assert_eq!(declared, columns, "{engine} {table}");
        }
    }
}

/// Columns later migrations add to `table` (`ALTER TABLE table ADD COLUMN name …`), in order.
fn later_columns(engine: &str, table: &str) -> Vec<&'static str> {
    let dir = format!("{}/migrations/{engine}", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let prefix = format!("ALTER TABLE {table} ADD COLUMN ");
    files
        .into_iter()
        .filter(|f| f.file_name().unwrap().to_string_lossy().as_ref() > "0002")
        .flat_map(|f| {
            let sql: &'static str = Box::leak(std::fs::read_to_string(f).unwrap().into_boxed_str());
            sql.lines()
                .filter_map(|l| l.strip_prefix(prefix.as_str()))
                .map(|rest| rest.split_whitespace().next().unwrap())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every record type's table and columns.
fn all_tables() -> Vec<(&'static str, Vec<&'static str>)> {
    fn of<R: Record>() -> (&'static str, Vec<&'static str>) {
        (R::TABLE, R::COLUMNS.to_vec())
    }
    vec![
        of::<Organization>(),
        of::<Location>(),
        of::<Practitioner>(),
        of::<PractitionerRole>(),
        of::<Patient>(),
        of::<Identifier>(),
        of::<PatientContact>(),
        of::<Encounter>(),
        of::<Observation>(),
        of::<ObservationComponent>(),
        of::<DiagnosticReport>(),
        of::<DiagnosticReportResult>(),
        of::<Condition>(),
        of::<Allergy>(),
        of::<AllergyReaction>(),
        of::<MedicationRequest>(),
        of::<Immunization>(),
        of::<Document>(),
        of::<DocumentAttachment>(),
        of::<CarePlan>(),
        of::<CarePlanActivity>(),
        of::<Goal>(),
        of::<CarePlanGoal>(),
        of::<Coverage>(),
    ]
}
