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
            tools::ensure_python_tools(&root)?;
            web::build(&root)?;
            proc::cargo(&root, &["build", "--release", "--locked", "-p", "backend", "--bin", "portal"])?;
            let portal = root.join("target/release/portal");
            let mut args = vec!["serve".to_owned(), "--seed-demo".to_owned()];
            if let Some(n) = patients {
                args.extend(["--demo-patients".to_owned(), n.to_string()]);
            }
            let from_env = std::env::var_os("PORTAL_PUBLIC_URL").is_some();
            if let Some(url) = local_public_url(&portal_args, from_env, std::env::var("PORTAL_ADDR").ok()) {
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
            tools::ensure_python_tools(&root)?;
            tools::ensure_postgres()
        }
    }
}

/// `http://localhost:PORT` for the port `portal serve` will listen on, unless a public URL is
/// already given: WebAuthn refuses IP addresses, so passkeys work at `localhost` and not at
/// `127.0.0.1`.
fn local_public_url(
    portal_args: &[String],
    public_url_in_env: bool,
    addr_in_env: Option<String>,
) -> Option<String> {
    let given = portal_args.iter().any(|a| a.starts_with("--public-url"));
    if given || public_url_in_env {
        return None;
    }
    let from_args = portal_args.iter().enumerate().find_map(|(i, arg)| match arg.strip_prefix("--addr") {
        Some("") => portal_args.get(i + 1).cloned(),
        Some(rest) => rest.strip_prefix('=').map(str::to_owned),
        None => None,
    });
    let addr = from_args.or(addr_in_env);
    let port = addr.and_then(|a| a.parse::<std::net::SocketAddr>().ok()).map_or(8080, |a| a.port());
    Some(format!("http://localhost:{port}"))
}

#[cfg(test)]
mod tests {
    use super::local_public_url;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|a| (*a).to_owned()).collect()
    }

    #[test]
    fn the_portal_is_served_at_localhost_on_the_port_it_listens_on() {
        assert_eq!(local_public_url(&[], false, None).as_deref(), Some("http://localhost:8080"));
        let spaced = args(&["--addr", "0.0.0.0:3000"]);
        assert_eq!(local_public_url(&spaced, false, None).as_deref(), Some("http://localhost:3000"));
        let joined = args(&["--addr=127.0.0.1:9000"]);
        assert_eq!(local_public_url(&joined, false, None).as_deref(), Some("http://localhost:9000"));
        assert_eq!(
            local_public_url(&[], false, Some("127.0.0.1:7000".into())).as_deref(),
            Some("http://localhost:7000")
        );
    }

    #[test]
    fn a_public_url_given_by_the_operator_is_kept() {
        assert_eq!(
            local_public_url(&args(&["--public-url", "https://portal.example.org"]), false, None),
            None
        );
        assert_eq!(local_public_url(&[], true, None), None);
    }
}
