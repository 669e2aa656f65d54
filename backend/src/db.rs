//! The database: one pool over SQLite (the zero-set-up default) or PostgreSQL, chosen by URL,
//! with each engine's migrations. Queries are written once in portable SQL with `$1`
//! placeholders, which both engines accept.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use anyhow::Context as _;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sqlx::{AnyPool, ConnectOptions as _, Connection as _};

use crate::crypto::KeyRing;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// The file name of the embedded database inside the data folder.
pub const SQLITE_FILE: &str = "portal.sqlite3";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A pool of connections, the engine behind it, and the keys that seal and open the sensitive
/// columns (`crate::records::Record::SEALED`) of what it stores.
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    engine: Engine,
    keys: Arc<KeyRing>,
}

impl Db {
    /// Opens the database named by `url`, creating a SQLite file (in WAL mode) if needed.
    pub async fn connect(url: &str, max_connections: u32, keys: KeyRing) -> anyhow::Result<Self> {
        install_default_drivers();
        let engine = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Engine::Postgres
        } else if url.starts_with("sqlite:") {
            Engine::Sqlite
        } else {
            anyhow::bail!("DATABASE_URL must start with postgres:// or sqlite: (got {url:?})");
        };
        let url = match engine {
            Engine::Sqlite => prepare_sqlite(url).await?,
            Engine::Postgres => url.to_owned(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .connect(&url)
            .await
            .with_context(|| format!("cannot open the {engine:?} database"))?;
        Ok(Self { pool, engine, keys: Arc::new(keys) })
    }

    /// Opens the embedded SQLite database in `data_dir`, creating the folder if needed.
    pub async fn open_in(data_dir: &Path, max_connections: u32, keys: KeyRing) -> anyhow::Result<Self> {
        std::fs::create_dir_all(data_dir)
            .with_context(|| format!("cannot create the data folder {}", data_dir.display()))?;
        let file = std::path::absolute(data_dir.join(SQLITE_FILE))?;
        let url = SqliteConnectOptions::new().filename(&file).to_url_lossy();
        Self::connect(url.as_str(), max_connections, keys).await
    }

    /// Brings the schema up to date. Safe to run from many processes at once: each engine's
    /// migrator takes a lock.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.engine {
            Engine::Sqlite => &SQLITE_MIGRATIONS,
            Engine::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await.context("database migration failed")
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The keys that seal what this database stores in its sensitive columns.
    pub fn keys(&self) -> &KeyRing {
        &self.keys
    }

    /// The same database (the same pool) seen through other keys.
    #[must_use]
    pub fn with_keys(&self, keys: KeyRing) -> Self {
        Self { pool: self.pool.clone(), engine: self.engine, keys: Arc::new(keys) }
    }

    /// Checks that the database answers, for the readiness probe.
    pub async fn ping(&self) -> anyhow::Result<()> {
        let mut conn = self.pool.acquire().await.context("no database connection")?;
        conn.ping().await.context("the database did not answer")
    }

    /// Starts a transaction that will write. SQLite takes its write lock now rather than at the
    /// first write, so two writers queue on the busy timeout instead of one failing midway.
    pub async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
        match self.engine {
            Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => self.pool.begin().await,
        }
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Creates the SQLite file if it is missing and switches it to WAL mode, which the file keeps;
/// the `Any` driver can only be configured by URL, which cannot ask for WAL.
async fn prepare_sqlite(url: &str) -> anyhow::Result<String> {
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("bad SQLite URL {url:?}"))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal);
    let conn = options.connect().await.with_context(|| format!("cannot open SQLite at {url:?}"))?;
    conn.close().await?;
    Ok(options.to_url_lossy().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_new_sqlite_database_is_created_in_wal_mode_with_foreign_keys_on() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open_in(dir.path(), 2, KeyRing::generate("test").0).await.unwrap();
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(db.pool()).await.unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(db.pool()).await.unwrap();
        assert_eq!(fk, 1);
        assert!(dir.path().join(SQLITE_FILE).exists());
    }

    #[tokio::test]
    async fn an_unknown_database_url_is_refused_with_a_clear_message() {
        let err = Db::connect("mysql://localhost/portal", 1, KeyRing::generate("test").0).await.unwrap_err();
        assert!(err.to_string().contains("must start with postgres:// or sqlite:"), "{err}");
    }
}
