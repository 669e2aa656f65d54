//! Configuration: every setting is a command-line flag with an environment variable behind it,
//! so an operator can use either. The README lists every variable.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Where the data lives. Shared by every subcommand that opens the database.
#[derive(Debug, Clone, clap::Args)]
pub struct DbArgs {
    /// Folder for the embedded SQLite database and other local state.
    #[arg(long, env = "PORTAL_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// A `postgres://…` URL to use PostgreSQL instead of the embedded SQLite database
    /// (or a `sqlite:…` URL for a SQLite file elsewhere).
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// Most connections one server process opens to the database.
    #[arg(long, env = "PORTAL_DB_MAX_CONNECTIONS", default_value_t = 10)]
    pub db_max_connections: u32,
}

/// How `portal serve` listens and behaves.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "PORTAL_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    #[command(flatten)]
    pub db: DbArgs,

    /// Folder holding the built browser app (Trunk's output).
    #[arg(long, env = "PORTAL_WEB_DIR", default_value = "dist")]
    pub web_dir: PathBuf,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "PORTAL_BODY_LIMIT", default_value_t = 1024 * 1024)]
    pub body_limit: usize,

    /// Seconds a request may take before it is answered with 408.
    #[arg(long, env = "PORTAL_REQUEST_TIMEOUT", default_value_t = 30)]
    pub request_timeout: u64,

    /// Fill an empty database with the demo clinic and print its sign-ins. Never for real data.
    #[arg(long, env = "PORTAL_SEED_DEMO")]
    pub seed_demo: bool,
}

/// Settings the running app reads; built from [`ServeArgs`] or by tests.
#[derive(Debug, Clone)]
pub struct Config {
    pub body_limit: usize,
    pub request_timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Self { body_limit: 1024 * 1024, request_timeout: Duration::from_secs(30) }
    }
}

impl From<&ServeArgs> for Config {
    fn from(args: &ServeArgs) -> Self {
        Self { body_limit: args.body_limit, request_timeout: Duration::from_secs(args.request_timeout) }
    }
}
