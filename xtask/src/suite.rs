//! `cargo xtask test`: every check CI runs, in order, stopping at the first failure, with the
//! time each step took.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};

use crate::{proc, tools, web};

type Step = fn(&Path) -> anyhow::Result<()>;

const STEPS: &[(&str, &str, Step)] = &[
    ("setup", "install missing tools", setup),
    ("fmt", "cargo fmt --check", fmt),
    ("clippy", "clippy on the host and wasm targets, warnings denied", clippy),
    ("sqlite", "unit and integration tests on SQLite", tests_sqlite),
    ("postgres", "integration tests on a throw-away PostgreSQL", tests_postgres),
    ("words", "reading grade of the app's English words (fails above 8) and Spanish ease", words),
    ("wasm", "frontend tests in headless Chromium", tests_wasm),
    ("web", "release build of the browser app", build_web),
    ("e2e", "Playwright against a real server", e2e),
    ("fuzz", "schemathesis fuzzes the JSON API against backend/openapi.json", fuzz),
    ("size", "size report", size),
];

pub fn list() {
    for (name, what, _) in STEPS {
        println!("{name:<10} {what}");
    }
}

pub fn run(root: &Path, only: &[String]) -> anyhow::Result<()> {
    for name in only {
        if !STEPS.iter().any(|(n, ..)| n == name) {
            bail!("no step named {name:?}; `cargo xtask test --list` names them");
        }
    }
    let started = Instant::now();
    let mut times = Vec::new();
    for (name, what, step) in STEPS {
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        eprintln!("\n==> {name}: {what}");
        let t = Instant::now();
        step(root).with_context(|| format!("step `{name}` failed"))?;
        times.push((*name, t.elapsed()));
    }
    println!("\nAll checks passed:");
    for (name, took) in &times {
        println!("  {name:<10} {:>7.1} s", took.as_secs_f64());
    }
    println!("  {:<10} {:>7.1} s", "total", started.elapsed().as_secs_f64());
    Ok(())
}

fn setup(root: &Path) -> anyhow::Result<()> {
    tools::ensure_web_tools(root)?;
    tools::ensure_browser()?;
    tools::ensure_python_tools(root)?;
    tools::ensure_postgres()
}

fn fmt(root: &Path) -> anyhow::Result<()> {
    proc::cargo(root, &["fmt", "--all", "--", "--check"])
}

fn clippy(root: &Path) -> anyhow::Result<()> {
    proc::cargo(root, &["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"])?;
    proc::cargo(
        root,
        &[
            "clippy",
            "-p",
            "frontend",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ],
    )
}

/// Every host build here selects the whole workspace with its tests (`--workspace`, as `cargo test`
/// does): one set of features, so each crate is compiled once. Picking a single package, or a
/// `cargo build` without dev-dependencies, unifies other features and compiles the backend and
/// its dependencies a second time, which on a clean clone costs minutes and gigabytes of disk.
const HOST: &[&str] = &["--workspace", "--locked"];

fn tests_sqlite(root: &Path) -> anyhow::Result<()> {
    proc::run(
        Command::new(proc::cargo_bin())
            .arg("test")
            .args(HOST)
            .env("PORTAL_TEST_DATABASE", "sqlite")
            .current_dir(root),
    )
}

/// Prints how hard the app's words are to read (the check also runs with the unit tests).
fn words(root: &Path) -> anyhow::Result<()> {
    proc::run(
        Command::new(proc::cargo_bin())
            .arg("test")
            .args(HOST)
            .args(["--lib", "reading_grade", "--", "--nocapture"])
            .current_dir(root),
    )
}

/// The tests again, on a PostgreSQL cluster `pg_virtualenv` creates and drops (the backend's
/// are the ones that use a database).
fn tests_postgres(root: &Path) -> anyhow::Result<()> {
    proc::run(
        Command::new("pg_virtualenv")
            .args(["-t", "--", "env", "PORTAL_TEST_DATABASE=postgres"])
            .arg(proc::cargo_bin())
            .arg("test")
            .args(HOST)
            .current_dir(root),
    )
}

fn tests_wasm(root: &Path) -> anyhow::Result<()> {
    proc::run(
        Command::new(proc::cargo_bin())
            .args(["test", "-p", "frontend", "--target", "wasm32-unknown-unknown", "--locked"])
            .env("PATH", tools::tool_path(root))
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", root.join("frontend/webdriver.json"))
            .current_dir(root),
    )
}

fn build_web(root: &Path) -> anyhow::Result<()> {
    web::build(root)
}

fn size(root: &Path) -> anyhow::Result<()> {
    web::print_size_report(&root.join("dist"))
}

/// Starts `portal serve` on a free port over a temporary data folder with the demo clinic, at
/// `http://localhost:PORT` (WebAuthn refuses IP addresses, and localhost is a secure context),
/// with the OIDC provider and a real SMTP server beside it; runs the Playwright suite against it,
/// then one Lighthouse run of the results page, then stops the server with SIGTERM and requires
/// a clean exit.
fn e2e(root: &Path) -> anyhow::Result<()> {
    // The npm packages too (Playwright, Lighthouse), for `--only e2e` after package.json changed.
    tools::ensure_web_tools(root)?;
    if !root.join("dist/index.html").exists() {
        build_web(root)?;
    }
    tools::ensure_python_tools(root)?;
    build_portal(root)?;
    let data = tempfile::tempdir()?;
    let artifacts = root.join("e2e/artifacts");
    std::fs::create_dir_all(&artifacts)?;
    // The provider must know the portal's callback before either starts: the port is chosen here.
    let port = free_port()?;
    let public_url = format!("http://localhost:{port}");
    let redirect_uri = format!("{public_url}/auth/oidc/callback");
    let provider = OidcProvider::start(root, &redirect_uri, &artifacts.join("oidc-provider.log"))?;
    eprintln!("oidc provider is serving {}", provider.issuer);
    let mailbox = Mailbox::start(root, &artifacts.join("mailbox.log"))?;
    eprintln!("mailbox is receiving at {}", mailbox.url);
    let mut env = provider.env();
    env.push(("PORTAL_PUBLIC_URL", public_url.clone()));
    env.push(("PORTAL_SMTP_URL", mailbox.url.clone()));
    let mut server = Server::start(root, data.path(), &artifacts.join("server.log"), port, &env)?;
    eprintln!("portal is serving {} at {public_url}", server.url);

    // E2E_ARGS narrows a run while working on one thing, e.g. `record.spec.ts --repeat-each 5`.
    let narrowed = std::env::var("E2E_ARGS").unwrap_or_default();
    let result = proc::run(
        Command::new(root.join("node_modules/.bin/playwright"))
            .args(["test", "--config", "e2e/playwright.config.ts"])
            .args(narrowed.split_whitespace())
            .env("PORTAL_URL", &public_url)
            .env("PORTAL_DATA_DIR", data.path())
            .env("PORTAL_MAILBOX", mailbox.dir.path())
            .env("CHROMIUM", tools::CHROMIUM)
            .current_dir(root),
    );
    // While the server still runs, whatever Playwright found: a report is still worth having.
    let report = lighthouse(root, &public_url);
    let stopped = server.stop();
    drop(provider);
    drop(mailbox);
    result?;
    report?;
    stopped
}

/// One Lighthouse run (npm `lighthouse`, `e2e/lighthouse/results.mjs`) of `/results` signed in
/// as the demo patient with 1,500+ observations: mobile, Lighthouse's default simulated
/// throttling, performance, accessibility and best practices. It prints each score with the key
/// metrics and writes the reports to `e2e/artifacts/lighthouse/`. A report, not a gate: no score
/// fails it, but a run that cannot happen or that measured any page but her results list does.
fn lighthouse(root: &Path, public_url: &str) -> anyhow::Result<()> {
    proc::run(
        Command::new("node")
            .arg("e2e/lighthouse/results.mjs")
            .env("PORTAL_URL", public_url)
            .env("CHROMIUM", tools::CHROMIUM)
            .current_dir(root),
    )
}

/// Runs schemathesis (from `.venv`) against a real server with the demo clinic, signed in as
/// the demo patient without two-step sign-in; any failure it finds fails the step.
fn fuzz(root: &Path) -> anyhow::Result<()> {
    tools::ensure_python_tools(root)?;
    build_portal(root)?;
    let data = tempfile::tempdir()?;
    let artifacts = root.join("e2e/artifacts/fuzz");
    std::fs::create_dir_all(&artifacts)?;
    let mut server = Server::start(root, data.path(), &artifacts.join("server.log"), free_port()?, &[])?;
    eprintln!("portal is serving {}", server.url);
    let result = proc::run(
        Command::new(root.join(".venv/bin/python"))
            .arg(root.join("e2e/fuzz/openapi.py"))
            .arg(&server.url)
            .arg(artifacts.join("demo-sign-ins.json"))
            // schemathesis keeps its cache in the folder it runs in.
            .current_dir(&artifacts),
    );
    let stopped = server.stop();
    result?;
    stopped
}

/// `target/debug/portal`, built by the test build itself (see [`HOST`]).
fn build_portal(root: &Path) -> anyhow::Result<()> {
    let mut args = vec!["test", "--no-run"];
    args.extend_from_slice(HOST);
    proc::cargo(root, &args)
}

/// A free loopback port, for a server started next (the OS picks it; it is released at once).
fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// The OpenID Connect provider single sign-on is tested against (`e2e/support/oidc-provider.mjs`),
/// on 127.0.0.2, another site than the portal's 127.0.0.1; killed when dropped.
struct OidcProvider {
    child: Child,
    issuer: String,
}

impl OidcProvider {
    const CLIENT_ID: &str = "portal-test";
    const CLIENT_SECRET: &str = "portal-test-secret-not-for-production";

    fn start(root: &Path, redirect_uri: &str, log: &Path) -> anyhow::Result<Self> {
        let log = std::fs::File::create(log)?;
        let mut child = Command::new("node")
            .arg(root.join("e2e/support/oidc-provider.mjs"))
            .args(["--redirect-uri", redirect_uri, "--client-id", Self::CLIENT_ID])
            .args(["--client-secret", Self::CLIENT_SECRET])
            .current_dir(root)
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .context("cannot start node e2e/support/oidc-provider.mjs")?;
        let stdout = child.stdout.take().expect("piped");
        let mut provider = Self { child, issuer: String::new() };
        provider.issuer = first_line_after(stdout, "oidc provider listening on ")
            .recv_timeout(Duration::from_secs(30))
            .context("the OIDC provider did not start within 30 s; see e2e/artifacts/oidc-provider.log")?;
        Ok(provider)
    }

    /// What `portal serve` needs to use it.
    fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("PORTAL_OIDC_ISSUER", self.issuer.clone()),
            ("PORTAL_OIDC_CLIENT_ID", Self::CLIENT_ID.to_owned()),
            ("PORTAL_OIDC_CLIENT_SECRET", Self::CLIENT_SECRET.to_owned()),
            ("PORTAL_OIDC_LABEL", "Riverbend staff sign-in".to_owned()),
        ]
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A real SMTP server for the e2e run (`e2e/support/mailbox.py`, aiosmtpd from `.venv`) that
/// writes each message it receives into a temporary folder as JSON, for the browser tests to
/// read (`PORTAL_MAILBOX`); killed when dropped.
struct Mailbox {
    child: Child,
    url: String,
    dir: tempfile::TempDir,
}

impl Mailbox {
    fn start(root: &Path, log: &Path) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let log = std::fs::File::create(log)?;
        let mut child = Command::new(root.join(".venv/bin/python"))
            .arg(root.join("e2e/support/mailbox.py"))
            .arg("--dir")
            .arg(dir.path())
            .current_dir(root)
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .context("cannot start .venv/bin/python e2e/support/mailbox.py")?;
        let stdout = child.stdout.take().expect("piped");
        let mut mailbox = Self { child, url: String::new(), dir };
        mailbox.url = first_line_after(stdout, "mailbox listening on ")
            .recv_timeout(Duration::from_secs(30))
            .context("the mailbox did not start within 30 s; see e2e/artifacts/mailbox.log")?;
        Ok(mailbox)
    }
}

impl Drop for Mailbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends the rest of the first line of `output` that starts with `prefix` (a child announcing
/// where it listens), reading on in the background until the child closes it.
fn first_line_after(
    output: impl std::io::Read + Send + 'static,
    prefix: &'static str,
) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(output).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix(prefix) {
                let _ = tx.send(rest.to_owned());
            }
        }
    });
    rx
}

/// The portal server for the e2e run; killed if the run ends early.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(
        root: &Path,
        data: &Path,
        log: &Path,
        port: u16,
        env: &[(&str, String)],
    ) -> anyhow::Result<Self> {
        let log_dir = log.parent().unwrap_or(root).to_owned();
        let log = std::fs::File::create(log)?;
        let mut child = Command::new(root.join("target/debug/portal"))
            .args(["serve", "--addr", &format!("127.0.0.1:{port}"), "--seed-demo", "--web-dir"])
            .arg(root.join("dist"))
            .envs(env.iter().map(|(name, value)| (*name, value)))
            .env("PORTAL_DATA_DIR", data)
            .env("RUST_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .context("cannot start target/debug/portal")?;
        let stdout = child.stdout.take().expect("piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let (mut sign_ins, mut activations) = (Vec::new(), Vec::new());
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                println!("[portal] {line}");
                if let Some(sign_in) = line.strip_prefix("demo sign-in: ") {
                    sign_ins.push(sign_in.to_owned());
                }
                if let Some(activation) = line.strip_prefix("demo activation: ") {
                    activations.push(activation.to_owned());
                }
                if let Some(url) = line.strip_prefix("portal listening on ") {
                    // The demo's lines come before the address; the browser tests read them here.
                    for (file, json) in [
                        ("demo-sign-ins.json", demo_sign_ins_json(&sign_ins)),
                        ("demo-activations.json", demo_activations_json(&activations)),
                    ] {
                        if let Err(err) = std::fs::write(log_dir.join(file), json) {
                            eprintln!("cannot write {file} in {}: {err}", log_dir.display());
                        }
                    }
                    let _ = tx.send(url.to_owned());
                }
            }
        });
        let mut server = Self { child, url: String::new() };
        // Seeding the demo takes about 25 s on an idle 2-core machine, and much longer on a busy one.
        server.url = rx
            .recv_timeout(Duration::from_mins(3))
            .context("the portal did not start listening within 3 minutes; see e2e/artifacts/server.log")?;
        Ok(server)
    }

    /// Asks for a graceful shutdown and requires the process to exit cleanly within 10 s.
    fn stop(&mut self) -> anyhow::Result<()> {
        proc::run(Command::new("kill").args(["-TERM", &self.child.id().to_string()]))?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait()? {
                if !status.success() {
                    bail!("the portal exited with {status} after SIGTERM");
                }
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        bail!("the portal did not shut down within 10 s of SIGTERM")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `text` as a JSON string.
fn quoted(text: &str) -> String {
    use std::fmt::Write as _;

    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// JSON objects, one per line, as an array.
fn json_array(entries: &[String]) -> String {
    format!("[\n{}\n]\n", entries.join(",\n"))
}

/// The `demo sign-in: ROLE EMAIL PASSWORD [totp:SECRET]` lines as a JSON array of
/// `{"role", "email", "password", "totp"}` objects (`totp` is `null` without two-step sign-in).
fn demo_sign_ins_json(lines: &[String]) -> String {
    let entries: Vec<String> = lines
        .iter()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let (role, email, password) = (words.next()?, words.next()?, words.next()?);
            let totp =
                words.next().and_then(|w| w.strip_prefix("totp:")).map_or_else(|| "null".to_owned(), quoted);
            Some(format!(
                "  {{\"role\": {}, \"email\": {}, \"password\": {}, \"totp\": {totp}}}",
                quoted(role),
                quoted(email),
                quoted(password)
            ))
        })
        .collect();
    json_array(&entries)
}

/// The `demo activation: PATIENT NAME CODE BIRTH-DATE` lines (the name has spaces; the code and
/// date have none) as a JSON array of `{"name", "code", "birth_date"}` objects, in printed order.
fn demo_activations_json(lines: &[String]) -> String {
    let entries: Vec<String> = lines
        .iter()
        .filter_map(|line| {
            let (rest, birth_date) = line.trim().rsplit_once(' ')?;
            let (name, code) = rest.rsplit_once(' ')?;
            Some(format!(
                "  {{\"name\": {}, \"code\": {}, \"birth_date\": {}}}",
                quoted(name),
                quoted(code),
                quoted(birth_date)
            ))
        })
        .collect();
    json_array(&entries)
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_activation_lines_become_json() {
        let lines = vec!["Mary Ann O\"Neil ACDE-FGHJ-KMNP 1970-03-04".to_owned()];
        assert_eq!(
            super::demo_activations_json(&lines),
            "[\n  {\"name\": \"Mary Ann O\\\"Neil\", \"code\": \"ACDE-FGHJ-KMNP\", \"birth_date\": \"1970-03-04\"}\n]\n"
        );
    }

    #[test]
    fn demo_sign_in_lines_become_json() {
        let lines =
            vec!["patient a@x.example pw\"1 totp:ABC".to_owned(), "patient b@x.example pw2".to_owned()];
        assert_eq!(
            super::demo_sign_ins_json(&lines),
            "[\n  {\"role\": \"patient\", \"email\": \"a@x.example\", \"password\": \"pw\\\"1\", \"totp\": \"ABC\"},\n  \
             {\"role\": \"patient\", \"email\": \"b@x.example\", \"password\": \"pw2\", \"totp\": null}\n]\n"
        );
    }
}
