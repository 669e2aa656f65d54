//! `cargo xtask`: the project's commands. `run` builds and starts the portal with a demo
//! clinic; `test` runs every check CI runs. Both install what is missing first, and only that.

mod bench;
mod proc;
mod suite;
mod tools;
mod web;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the app and serve it on SQLite with the demo clinic (data kept in ./data).
    Run {
        /// Patients in the demo clinic when it is first seeded: 1 to 100000 (default 200).
        /// An existing ./data keeps its clinic; delete it to seed another size.
        #[arg(long, value_name = "N")]
        patients: Option<u32>,
        /// Extra flags for `portal serve` (after `--`), e.g. `-- --addr 0.0.0.0:8080`.
        #[arg(last = true)]
        portal_args: Vec<String>,
    },
    /// Run every check: formatting, lints, tests on SQLite and PostgreSQL, browser tests.
    Test {
        /// Run only these steps (repeatable); `cargo xtask test --list` names them.
        #[arg(long = "only", value_name = "STEP")]
        only: Vec<String>,
        /// List the steps and exit.
        #[arg(long)]
        list: bool,
    },
    /// Build the browser app in release mode into dist/.
    Web,
    /// Print the size of what a browser downloads (needs a built dist/).
    Size,
    /// Run the benchmarks (import throughput, database size, API latency) on SQLite and
    /// PostgreSQL and print their figures.
    Bench,
    /// Install the missing tools (wasm target, trunk, wasm-bindgen, npm packages, Chromium,
    /// PostgreSQL) and nothing else.
    Setup,
}

/// The workspace root, whatever folder the command was started from.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_owned()
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let root = root();
    match cli.command {
        Command::Run { patients, portal_args } => {
            tools::ensure_web_tools(&root)?;
            web::build(&root)?;
            proc::cargo(&root, &["build", "--release", "--locked", "-p", "backend", "--bin", "portal"])?;
            let portal = root.join("target/release/portal");
            let mut args = vec!["serve".to_owned(), "--seed-demo".to_owned()];
            if let Some(n) = patients {
                args.extend(["--demo-patients".to_owned(), n.to_string()]);
            }
            if let Some(url) = local_public_url(&portal_args) {
                println!("open the portal at {url} (passkeys need a host name, not an IP address)");
                args.extend(["--public-url".to_owned(), url]);
            }
            args.extend(portal_args);
            proc::exec(&root, &portal, &args)
        }
        Command::Test { list: true, .. } => {
            suite::list();
            Ok(())
        }
        Command::Test { only, .. } => suite::run(&root, &only),
        Command::Web => {
            tools::ensure_web_tools(&root)?;
            web::build(&root)
        }
        Command::Size => web::print_size_report(&root.join("dist")),
        Command::Bench => bench::run(&root),
        Command::Setup => {
            tools::ensure_web_tools(&root)?;
            tools::ensure_browser()?;
            tools::ensure_postgres()
        }
    }
}

/// `http://localhost:PORT` for the port `portal serve` will listen on, unless a public URL is
/// already given: WebAuthn refuses IP addresses, so passkeys work at `localhost` and not at
/// `127.0.0.1`.
fn local_public_url(portal_args: &[String]) -> Option<String> {
    let given = portal_args.iter().any(|a| a.starts_with("--public-url"));
    if given || std::env::var_os("PORTAL_PUBLIC_URL").is_some() {
        return None;
    }
    let from_args = portal_args.iter().enumerate().find_map(|(i, arg)| match arg.strip_prefix("--addr") {
        Some("") => portal_args.get(i + 1).cloned(),
        Some(rest) => rest.strip_prefix('=').map(str::to_owned),
        None => None,
    });
    let addr = from_args.or_else(|| std::env::var("PORTAL_ADDR").ok());
    let port = addr.and_then(|a| a.parse::<std::net::SocketAddr>().ok()).map_or(8080, |a| a.port());
    Some(format!("http://localhost:{port}"))
}
