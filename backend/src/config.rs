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

    /// Encryption keys for sensitive data at rest, as `id:base64key` (32 bytes) separated by
    /// commas; the first seals new values, all open old ones.
    #[arg(long, env = "PORTAL_ENCRYPTION_KEYS", hide_env_values = true)]
    pub encryption_keys: Option<String>,

    /// A file holding the encryption keys, one `id:base64key` per line.
    #[arg(long, env = "PORTAL_ENCRYPTION_KEY_FILE")]
    pub encryption_key_file: Option<PathBuf>,
}

impl DbArgs {
    /// Whether the database is the embedded SQLite one (one machine, one data folder).
    pub fn is_embedded(&self) -> bool {
        self.database_url.as_deref().is_none_or(|url| url.starts_with("sqlite:"))
    }

    /// The encryption keys: from `PORTAL_ENCRYPTION_KEYS` or `PORTAL_ENCRYPTION_KEY_FILE`; with
    /// neither, on the embedded database only, from `encryption.keys` in the data folder
    /// (created on first start). Servers sharing PostgreSQL must all be given the same keys.
    pub fn key_ring(&self) -> anyhow::Result<crate::crypto::KeyRing> {
        let fallback = self.is_embedded().then(|| self.data_dir.join("encryption.keys"));
        crate::crypto::KeyRing::load(
            self.encryption_keys.as_deref(),
            self.encryption_key_file.as_deref(),
            fallback.as_deref(),
        )
    }
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

    /// Minutes without a request after which a session ends.
    #[arg(long, env = "PORTAL_SESSION_IDLE_MINUTES", default_value_t = 15)]
    pub session_idle_minutes: u64,

    /// Hours after sign-in at which a session ends, however active.
    #[arg(long, env = "PORTAL_SESSION_LIFETIME_HOURS", default_value_t = 12)]
    pub session_lifetime_hours: u64,

    /// The base URL the portal is reached at (`https://portal.example.org`), for absolute links
    /// (mail, the FHIR API, single sign-on). Without it, `http://` and the listening address,
    /// allowed only on a loopback address: links are never built from a client's Host header.
    #[arg(long, env = "PORTAL_PUBLIC_URL", value_parser = parse_public_url)]
    pub public_url: Option<String>,

    /// Fill an empty database with the demo clinic and print its sign-ins. Never for real data.
    #[arg(long, env = "PORTAL_SEED_DEMO")]
    pub seed_demo: bool,

    /// How many patients the demo clinic gets when it is seeded (1 to 100000).
    #[arg(
        long,
        env = "PORTAL_DEMO_PATIENTS",
        value_name = "N",
        default_value_t = crate::demo::DEFAULT_PATIENTS,
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=100_000)
    )]
    pub demo_patients: usize,

    #[command(flatten)]
    pub mail: crate::mail::MailArgs,
    /// Boxed: `portal`'s subcommands are an enum, which this would make lopsided.
    #[command(flatten)]
    pub sso: Box<crate::auth::sso::SsoArgs>,
}

/// Settings the running app reads; built from [`ServeArgs`] or by tests.
#[derive(Debug, Clone)]
pub struct Config {
    pub body_limit: usize,
    pub request_timeout: Duration,
    pub session_idle: Duration,
    pub session_lifetime: Duration,
    /// The base URL the portal is reached at, without a trailing slash (`origin()` without it).
    pub public_url: Option<String>,
    /// Keys for sealing sensitive values at rest.
    pub keys: crate::crypto::KeyRing,
    /// How mail leaves (the outbox's sender).
    pub mail: crate::mail::MailConfig,
    /// Single sign-on with an OpenID Connect provider, when configured.
    pub sso: Option<std::sync::Arc<crate::auth::sso::Sso>>,
}

impl Config {
    pub fn session_idle(&self) -> jiff::SignedDuration {
        jiff::SignedDuration::try_from(self.session_idle).expect("a sane duration")
    }

    pub fn session_lifetime(&self) -> jiff::SignedDuration {
        jiff::SignedDuration::try_from(self.session_lifetime).expect("a sane duration")
    }

    /// What absolute links start with: the public URL. A server always has one (`from_args`);
    /// an app built by tests without one says `http://localhost`.
    pub fn origin(&self) -> &str {
        self.public_url.as_deref().unwrap_or("http://localhost")
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            body_limit: 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            session_idle: Duration::from_mins(15),
            session_lifetime: Duration::from_hours(12),
            public_url: None,
            // Tests get a fresh key each; a real server always loads its own.
            keys: crate::crypto::KeyRing::generate("test").0,
            mail: crate::mail::MailConfig::default(),
            sso: None,
        }
    }
}

impl Config {
    /// The running server's settings. Without `PORTAL_PUBLIC_URL`, links use the listening
    /// address when it is a loopback one, and a server listening beyond this machine refuses to
    /// start: a link built from the Host header would let anyone send a password-reset mail
    /// whose link leads to their own site.
    pub fn from_args(args: &ServeArgs, keys: crate::crypto::KeyRing) -> anyhow::Result<Self> {
        let public_url = match &args.public_url {
            Some(url) => url.clone(),
            None if args.addr.ip().is_loopback() => format!("http://{}", args.addr),
            None => anyhow::bail!(
                "set PORTAL_PUBLIC_URL (e.g. https://portal.example.org) when listening on {}: \
                 links in mail and FHIR answers need the address patients reach the portal at",
                args.addr
            ),
        };
        Ok(Self {
            body_limit: args.body_limit,
            request_timeout: Duration::from_secs(args.request_timeout),
            session_idle: Duration::from_mins(args.session_idle_minutes),
            session_lifetime: Duration::from_hours(args.session_lifetime_hours),
            public_url: Some(public_url),
            keys,
            mail: crate::mail::MailConfig::from_args(&args.mail),
            sso: args.sso.settings().map(|s| std::sync::Arc::new(crate::auth::sso::Sso::new(s))),
        })
    }
}

/// `PORTAL_PUBLIC_URL`: an `http://` or `https://` URL with a host and nothing after the path,
/// kept without its trailing slash.
fn parse_public_url(raw: &str) -> Result<String, String> {
    let url = raw.trim().trim_end_matches('/');
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') && !rest.contains(['?', '#', ' ']) => {
            Ok(url.to_owned())
        }
        _ => {
            Err(format!("must be an http:// or https:// URL such as https://portal.example.org, not {raw:?}"))
        }
    }
}

#[cfg(test)]
mod public_url_tests {
    use clap::Parser as _;

    use super::{Config, ServeArgs, parse_public_url};

    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        serve: ServeArgs,
    }

    fn config(args: &[&str]) -> anyhow::Result<Config> {
        let cli = Cli::try_parse_from(std::iter::once("portal").chain(args.iter().copied())).unwrap();
        Config::from_args(&cli.serve, crate::crypto::KeyRing::generate("test").0)
    }

    #[test]
    fn links_start_with_the_public_url_or_a_loopback_address_and_never_a_host_header() {
        let given =
            config(&["--addr", "0.0.0.0:8080", "--public-url", "https://portal.example.org"]).unwrap();
        let loopback = config(&["--addr", "127.0.0.1:9000"]).unwrap();
        let open = config(&["--addr", "0.0.0.0:8080"]).unwrap_err();

        assert_eq!(given.origin(), "https://portal.example.org");
        assert_eq!(loopback.origin(), "http://127.0.0.1:9000");
        assert!(format!("{open:#}").contains("set PORTAL_PUBLIC_URL"), "{open:#}");
    }

    #[test]
    fn a_public_url_loses_its_trailing_slash_and_must_be_http() {
        assert_eq!(parse_public_url("https://portal.example.org/").unwrap(), "https://portal.example.org");
        assert_eq!(parse_public_url("http://10.0.0.5:8080/portal").unwrap(), "http://10.0.0.5:8080/portal");
        for bad in ["portal.example.org", "ftp://x", "https://", "https:///x", "https://x?y=1"] {
            assert!(parse_public_url(bad).is_err(), "{bad}");
        }
    }
}
