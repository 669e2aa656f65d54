//! The sealed columns as a whole: a start-up check that the loaded keys open what is stored, and
//! `portal keys rotate`, which re-seals every value with the current key (and seals values
//! written in the clear before encryption existed), so an old key can then be retired.

use anyhow::{Context as _, bail};
use sqlx::Row as _;

use super::{Allergy, Condition, DocumentAttachment, Encounter, Goal, Identifier, Immunization};
use super::{MedicationRequest, Observation, Record};
use crate::Db;
use crate::crypto::KeyRing;

/// Sealed columns outside the clinical record, each sealed under `table.column`: table, its key
/// columns, column. Two-step and passkey secrets last; sign-in ceremonies and mail for minutes.
const OTHER_SEALED: &[(&str, &[&str], &str)] = &[
    ("accounts", &["id"], "totp_secret"),
    ("outbox", &["id"], "message"),
    ("sso_logins", &["state_hash"], "pkce_verifier"),
    ("sso_logins", &["state_hash"], "device_token"),
    ("webauthn_ceremonies", &["session_hash", "kind"], "state"),
];

/// The sealed columns the start-up check samples: ones filled in nearly every row that has data
/// (visit notes, identifiers, two-step secrets), so a sealed value turns up at once. A column
/// mostly empty (a result's note) would cost a scan of its whole table at every start.
const SAMPLED: &[(&str, &str)] =
    &[("encounters", "note"), ("identifiers", "sealed_value"), ("accounts", "totp_secret")];

/// Fails with a clear message when something stored was sealed with a key this process does
/// not have (a server started with the wrong key file), rather than failing request by request.
pub async fn check_keys(db: &Db) -> anyhow::Result<()> {
    for (table, column) in SAMPLED {
        let sql = format!("SELECT {column} FROM {table} WHERE {column} LIKE 'enc:v1:%' LIMIT 1");
        let sample: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_optional(db.pool())
            .await
            .with_context(|| format!("reading a sealed {table}.{column}"))?;
        if let Some(id) = sample.as_deref().and_then(KeyRing::sealed_by)
            && !db.keys().has_key(id)
        {
            bail!(
                "{table}.{column} holds values sealed with the key {id:?}, which is not loaded: \
                 give this server the same PORTAL_ENCRYPTION_KEYS (or key file) as the others"
            );
        }
    }
    Ok(())
}

/// How many values `rotate` re-sealed, per table.
#[derive(Debug, Default)]
pub struct Rotated {
    pub tables: Vec<(&'static str, usize)>,
}

impl Rotated {
    pub fn total(&self) -> usize {
        self.tables.iter().map(|(_, n)| n).sum()
    }
}

/// Re-seals every sealed value not sealed with the current key, table by table, in batches of
/// one transaction each; safe to stop and run again.
pub async fn rotate(db: &Db) -> anyhow::Result<Rotated> {
    let mut rotated = Rotated::default();
    rotated.tables.push((Encounter::TABLE, rotate_table::<Encounter>(db).await?));
    rotated.tables.push((Observation::TABLE, rotate_table::<Observation>(db).await?));
    rotated.tables.push((Condition::TABLE, rotate_table::<Condition>(db).await?));
    rotated.tables.push((Allergy::TABLE, rotate_table::<Allergy>(db).await?));
    rotated.tables.push((MedicationRequest::TABLE, rotate_table::<MedicationRequest>(db).await?));
    rotated.tables.push((Immunization::TABLE, rotate_table::<Immunization>(db).await?));
    rotated.tables.push((Goal::TABLE, rotate_table::<Goal>(db).await?));
    rotated.tables.push((DocumentAttachment::TABLE, rotate_table::<DocumentAttachment>(db).await?));
    rotated.tables.push((Identifier::TABLE, rotate_identifiers(db).await?));
    for (table, key, column) in OTHER_SEALED {
        let count = rotate_column(db, table, key, column).await?;
        match rotated.tables.iter_mut().find(|(t, _)| t == table) {
            Some((_, n)) => *n += count,
            None => rotated.tables.push((table, count)),
        }
    }
    Ok(rotated)
}

const BATCH: usize = 500;

/// Whether a stored row has a value that is in the clear or sealed with an older key.
fn is_stale(columns: &[&str], keys: &KeyRing, stored: &sqlx::any::AnyRow) -> bool {
    columns.iter().any(|column| match stored.try_get::<Option<String>, _>(*column) {
        Ok(text) => text.is_some_and(|text| keys.needs_rotation(&text)),
        // A binary column: bytes that are not a sealed text were written in the clear.
        Err(_) => stored.try_get::<Option<Vec<u8>>, _>(*column).ok().flatten().is_some_and(|bytes| {
            std::str::from_utf8(&bytes).ok().is_none_or(|text| keys.needs_rotation(text))
        }),
    })
}

async fn rotate_table<R: Record + Clone>(db: &Db) -> anyhow::Result<usize> {
    let keys = db.keys();
    let order = R::KEY.join(", ");
    let mut offset = 0;
    let mut count = 0;
    loop {
        let sql = format!("{} ORDER BY {order} LIMIT {BATCH} OFFSET {offset}", super::select_sql::<R>());
        let stored = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(db.pool())
            .await
            .with_context(|| format!("reading {}", R::TABLE))?;
        if stored.is_empty() {
            return Ok(count);
        }
        let mut stale = Vec::new();
        for row in &stored {
            if is_stale(R::SEALED, keys, row) {
                let mut record = <R as sqlx::FromRow<'_, sqlx::any::AnyRow>>::from_row(row)?;
                record.open(keys)?;
                stale.push(record);
            }
        }
        let mut tx = db.begin_write().await?;
        super::upsert(&mut tx, keys, &stale).await?;
        tx.commit().await?;
        count += stale.len();
        offset += stored.len();
    }
}

/// Identifiers: the blind index is part of the key, so a re-indexed row replaces the old one.
async fn rotate_identifiers(db: &Db) -> anyhow::Result<usize> {
    let keys = db.keys();
    let current = format!("{}.%", keys.current_key_id());
    let mut count = 0;
    loop {
        // Rows already current drop out of the filter, so each pass starts from the top.
        let sql = format!(
            "{} WHERE value NOT LIKE $1 OR sealed_value IS NULL ORDER BY resource_type, system, value LIMIT {BATCH}",
            super::select_sql::<Identifier>()
        );
        let stale: Vec<Identifier> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(current.clone())
            .fetch_all(db.pool())
            .await
            .context("reading identifiers")?;
        if stale.is_empty() {
            return Ok(count);
        }
        let mut tx = db.begin_write().await?;
        for mut row in stale {
            sqlx::query("DELETE FROM identifiers WHERE resource_type = $1 AND system = $2 AND value = $3")
                .bind(row.resource_type.clone())
                .bind(row.system.clone())
                .bind(row.value.clone())
                .execute(&mut *tx)
                .await?;
            row.open(keys)?;
            // Two old rows can name one value (indexed under two keys): the upsert keeps one.
            super::upsert(&mut tx, keys, std::slice::from_ref(&row)).await?;
            count += 1;
        }
        tx.commit().await?;
    }
}

/// Re-seals one sealed column of a table outside the clinical record, row by row.
async fn rotate_column(db: &Db, table: &str, key: &[&str], column: &str) -> anyhow::Result<usize> {
    let keys = db.keys();
    let label = format!("{table}.{column}");
    let current = format!("enc:v1:{}:%", keys.current_key_id());
    let mut count = 0;
    loop {
        // Re-sealed rows drop out of the filter, so each pass starts from the top.
        let sql = format!(
            "SELECT {column}, {} FROM {table} WHERE {column} IS NOT NULL AND {column} NOT LIKE $1 LIMIT {BATCH}",
            key.join(", ")
        );
        let stale = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(current.clone())
            .fetch_all(db.pool())
            .await
            .with_context(|| format!("reading {label}"))?;
        if stale.is_empty() {
            return Ok(count);
        }
        let mut tx = db.begin_write().await?;
        for row in &stale {
            let stored: String = row.try_get(0)?;
            let resealed =
                keys.seal(&label, &keys.open(&label, &stored).with_context(|| format!("opening {label}"))?);
            let matches: Vec<String> =
                key.iter().enumerate().map(|(i, k)| format!("{k} = ${}", i + 2)).collect();
            let sql = format!("UPDATE {table} SET {column} = $1 WHERE {}", matches.join(" AND "));
            let mut update = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(resealed);
            for i in 0..key.len() {
                update = update.bind(row.try_get::<String, _>(i + 1)?);
            }
            update.execute(&mut *tx).await?;
            count += 1;
        }
        tx.commit().await?;
    }
}
