//! The demo clinic: fills an empty database with a deterministic, made-up clinic so the portal
//! can be tried at once. Never run against real data: it only acts on an empty database.

use crate::Db;

/// One demo sign-in, printed for whoever runs the demo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSignIn {
    pub role: String,
    pub email: String,
    pub password: String,
}

/// The demo clinic's sign-ins, the same on every run.
pub fn sign_ins() -> Vec<DemoSignIn> {
    Vec::new()
}

/// Seeds the demo clinic if the database is empty; `false` when it already held a clinic,
/// whose data is then kept as it is.
pub async fn seed_if_empty(db: &Db) -> anyhow::Result<bool> {
    let mut tx = db.begin_write().await?;
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clinic_profile").fetch_one(&mut *tx).await?;
    if existing > 0 {
        return Ok(false);
    }
    sqlx::query("INSERT INTO clinic_profile (id, name, phone, email) VALUES (1, $1, $2, $3)")
        .bind("Riverbend Health")
        .bind("(555) 010-2000")
        .bind("help@riverbend.example")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}
