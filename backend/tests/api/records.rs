//! The clinical record's write path on the engine under test: upserts update in place, child
//! rows are replaced, every type reads back as it was written.

use backend::records::{self, Observation, ObservationComponent, Organization, Patient, Record};
use sqlx::Acquire as _;

use crate::helpers::fresh_db;

fn patient(id: &str, family: &str) -> Patient {
    Patient {
        id: id.into(),
        source: "test".into(),
        source_id: Some(id.into()),
        active: 1,
        given: Some("Ana".into()),
        family: Some(family.into()),
        birth_date: Some("1980-02-29".into()),
        gender: Some("female".into()),
        language: Some("es".into()),
        updated_at: "2026-01-01T00:00:00Z".into(),
        ..Patient::default()
    }
}

async fn read_all<R: Record>(db: &backend::Db) -> Vec<R> {
    sqlx::query_as::<_, R>(sqlx::AssertSqlSafe(records::select_sql::<R>()))
        .fetch_all(db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn an_upsert_of_the_same_id_updates_the_row_instead_of_adding_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path()).await;
    let mut conn = db.pool().acquire().await.unwrap();

    records::upsert(&mut conn, db.keys(), &[patient("p1", "García")]).await.unwrap();
    records::upsert(&mut conn, db.keys(), &[patient("p1", "García López")]).await.unwrap();

    let rows: Vec<Patient> = read_all(&db).await;
    assert_eq!(rows, vec![patient("p1", "García López")]);
}

#[tokio::test]
async fn many_rows_are_written_in_few_statements_and_read_back_intact() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path()).await;
    let mut conn = db.pool().acquire().await.unwrap();
    let mut tx = conn.begin().await.unwrap();
    let org = Organization {
        id: "o1".into(),
        source: "test".into(),
        active: 1,
        name: Some("Clinic".into()),
        updated_at: "2026-01-01T00:00:00Z".into(),
        ..Organization::default()
    };
    records::upsert(&mut tx, db.keys(), std::slice::from_ref(&org)).await.unwrap();
    records::upsert(&mut tx, db.keys(), &[patient("p1", "Lee")]).await.unwrap();
    let observations: Vec<Observation> = (0..2500)
        .map(|i| Observation {
            id: format!("obs-{i:05}"),
            source: "test".into(),
            patient_id: "p1".into(),
            status: "final".into(),
            code: Some("4548-4".into()),
            value_type: "quantity".into(),
            value_num: Some(5.0 + f64::from(i) / 1000.0),
            value_unit: Some("%".into()),
            ref_low: Some(4.0),
            ref_high: Some(5.6),
            effective_at: Some(format!("2020-01-01T00:{:02}:{:02}Z", i / 60 % 60, i % 60)),
            updated_at: "2026-01-01T00:00:00Z".into(),
            ..Observation::default()
        })
        .collect();
    records::upsert(&mut tx, db.keys(), &observations).await.unwrap();
    tx.commit().await.unwrap();

    let mut back: Vec<Observation> = read_all(&db).await;
    back.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(back, observations);
    assert_eq!(read_all::<Organization>(&db).await, vec![org]);
}

#[tokio::test]
async fn replacing_children_drops_the_ones_the_source_no_longer_has() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path()).await;
    let mut conn = db.pool().acquire().await.unwrap();
    records::upsert(&mut conn, db.keys(), &[patient("p1", "Lee")]).await.unwrap();
    let bp = Observation {
        id: "bp".into(),
        source: "test".into(),
        patient_id: "p1".into(),
        status: "final".into(),
        value_type: "none".into(),
        updated_at: "2026-01-01T00:00:00Z".into(),
        ..Observation::default()
    };
    records::upsert(&mut conn, db.keys(), &[bp]).await.unwrap();
    let component = |seq: i64, code: &str, value: f64| ObservationComponent {
        observation_id: "bp".into(),
        seq,
        code: Some(code.into()),
        value_type: "quantity".into(),
        value_num: Some(value),
        ..ObservationComponent::default()
    };

    records::replace_children(
        &mut conn,
        db.keys(),
        "observation_id",
        "bp",
        &[component(0, "8480-6", 120.0), component(1, "8462-4", 80.0)],
    )
    .await
    .unwrap();
    records::replace_children(&mut conn, db.keys(), "observation_id", "bp", &[component(0, "8480-6", 135.0)])
        .await
        .unwrap();

    assert_eq!(read_all::<ObservationComponent>(&db).await, vec![component(0, "8480-6", 135.0)]);
}

#[tokio::test]
async fn a_row_pointing_at_a_missing_patient_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path()).await;
    let mut conn = db.pool().acquire().await.unwrap();
    let orphan = Observation {
        id: "x".into(),
        source: "test".into(),
        patient_id: "nobody".into(),
        status: "final".into(),
        value_type: "none".into(),
        updated_at: "2026-01-01T00:00:00Z".into(),
        ..Observation::default()
    };

    let result = records::upsert(&mut conn, db.keys(), &[orphan]).await;

    assert!(result.is_err(), "the foreign key holds on this engine");
}
