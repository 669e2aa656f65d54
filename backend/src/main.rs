//! `portal`: reads configuration, opens the database, runs migrations and serves.

use anyhow::Context as _;
use backend::config::{DbArgs, ServeArgs};
use backend::{AppState, Config, Db, app, demo, web};
use clap::{Parser, Subcommand, ValueEnum};
use tracing_subscriber::EnvFilter;

#[derive(Debug, Parser)]
#[command(name = "portal", version, about = "The patient portal's server")]
struct Cli {
    /// Log line format.
    #[arg(long, env = "PORTAL_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    log_format: LogFormat,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API and the browser app.
    Serve(ServeArgs),
    /// Bring the database schema up to date and exit.
    Migrate(DbArgs),
    /// Import FHIR R4 bundles and NDJSON into the clinical record.
    Import(backend::fhir::import::ImportArgs),
    /// Manage staff accounts (`portal user create --role admin …` makes the first administrator).
    User(backend::accounts::cli::UserArgs),
    /// Work with the audit trail.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Work with the encryption keys of data at rest.
    #[command(subcommand)]
    Keys(KeysCommand),
}

#[derive(Debug, Subcommand)]
enum KeysCommand {
    /// Print a new random key, `id:base64key`, to put first in the key ring.
    Generate {
        /// The new key's id (letters, digits, `-`, `_`), e.g. the date.
        id: String,
    },
    /// Re-seal every sealed value with the first key of the ring (and seal any value stored in
    /// the clear), so older keys can then be removed. Safe to run again or to stop midway.
    Rotate(DbArgs),
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Check that no audit row was altered, inserted or deleted; exits non-zero if one was.
    Verify(DbArgs),
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    init_tracing(cli.log_format);
    match cli.command {
        Command::Serve(args) => serve(args).await,
        Command::Migrate(args) => {
            open_db(&args).await?;
            tracing::info!("the database is up to date");
            Ok(())
        }
        Command::Import(args) => {
            let db = open_db(&args.db).await?;
            let report = backend::fhir::import::run(&db, &args).await;
            db.close().await;
            let rejected = report.rejected_files();
            anyhow::ensure!(rejected == 0, "{rejected} of {} files were rejected", report.files.len());
            Ok(())
        }
        Command::Audit(AuditCommand::Verify(args)) => {
            let db = open_db(&args).await?;
            let verdict = backend::audit::verify(&db).await?;
            db.close().await;
            match verdict {
                Ok(rows) => {
                    println!("audit trail intact: {rows} rows, every hash matches");
                    Ok(())
                }
                Err(fault) => {
                    println!("audit trail BROKEN: {}", fault.describe());
                    std::process::exit(1);
                }
            }
        }
        Command::Keys(KeysCommand::Generate { id }) => {
            let (_, line) = backend::crypto::KeyRing::try_generate(&id)?;
            print!("{line}");
            Ok(())
        }
        Command::Keys(KeysCommand::Rotate(args)) => {
            let db = open_db(&args).await?;
            let rotated = backend::records::sealing::rotate(&db).await;
            db.close().await;
            let rotated = rotated?;
            for (table, count) in &rotated.tables {
                println!("{table}: {count} re-sealed");
            }
            println!("{} values now sealed with the current key", rotated.total());
            Ok(())
        }
        Command::User(args) => {
            let db = open_db(args.db()).await?;
            let result = backend::accounts::cli::run(&db, &args).await;
            db.close().await;
            result
        }
    }
}

fn init_tracing(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    // Logs go to stderr; stdout carries only what an operator reads (the address, demo sign-ins).
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

/// Opens the configured database with its encryption keys and migrates it.
async fn open_db(args: &DbArgs) -> anyhow::Result<Db> {
    let keys = args.key_ring().context("loading the encryption keys failed")?;
    let db = match &args.database_url {
        Some(url) => Db::connect(url, args.db_max_connections, keys).await?,
        None => Db::open_in(&args.data_dir, args.db_max_connections, keys).await?,
    };
    db.migrate().await?;
    Ok(db)
}

async fn serve(mut args: ServeArgs) -> anyhow::Result<()> {
    let db = open_db(&args.db).await?;
    backend::records::sealing::check_keys(&db).await?;
    let keys = db.keys().clone();
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    // Links name the port actually bound (`--addr 127.0.0.1:0` asks the system for one).
    args.addr = listener.local_addr()?;
    let config = Config::from_args(&args, keys.clone())?;
    if args.seed_demo {
        let options = demo::DemoOptions { patients: args.demo_patients, ..demo::DemoOptions::default() };
        let seeded = demo::seed_if_empty(&db, &keys, &options, jiff::Timestamp::now())
            .await
            .context("seeding the demo clinic failed")?;
        if !seeded {
            tracing::info!("the database already holds a clinic; kept as it is");
        }
        // The demo is deterministic, so its sign-ins are known even when the data was kept.
        for s in demo::sign_ins() {
            let totp = s.totp.map(|secret| format!(" totp:{secret}")).unwrap_or_default();
            println!("demo sign-in: {} {} {}{totp}", s.role, s.email, s.password);
        }
        for a in demo::activations(&db).await.context("reading the demo activation codes failed")? {
            println!("demo activation: {} {} {}", a.patient_name, a.code, a.birth_date);
        }
    }
    let web = web::WebApp::load(&args.web_dir)?;
    if web.is_none() {
        tracing::warn!(dir = %args.web_dir.display(), "no built browser app; serving the API only");
    }
    let state = AppState::new(db.clone(), config, web);
    let mail_sender = backend::mail::spawn_sender(db.clone(), state.config.clone());
    let local = args.addr;
    tracing::info!("listening on http://{local}");
    println!("portal listening on http://{local}");
    axum::serve(listener, app(state).into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    if let Some(sender) = mail_sender {
        sender.abort();
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM; in-flight requests then finish before the process exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut sig) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            sig.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
