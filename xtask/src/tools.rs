//! Installs what the build and tests need, only when it is missing: the wasm target, Trunk,
//! wasm-bindgen-cli (the version Cargo.lock pins), the npm packages (wasm-opt, Playwright,
//! axe-core), Debian's Chromium and ChromeDriver, and PostgreSQL for `pg_virtualenv`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, bail};

use crate::proc::{self, output_line};

/// Trunk 0.22 needs a newer Rust than the pinned 1.95; 0.21.14 builds offline here.
const TRUNK_VERSION: &str = "0.21.14";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// `PATH` with the project's tools first: npm's `wasm-opt` must win over any other (Debian's
/// binaryen 108 cannot read the wasm Rust 1.95 emits), and cargo-installed tools come next.
pub fn tool_path(root: &Path) -> OsString {
    let mut dirs = vec![root.join("node_modules/.bin"), cargo_home().join("bin")];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("paths without separators")
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME").map_or_else(
        || PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo"),
        PathBuf::from,
    )
}

/// Everything `trunk build` needs.
pub fn ensure_web_tools(root: &Path) -> anyhow::Result<()> {
    ensure_wasm_target(root)?;
    ensure_trunk()?;
    ensure_wasm_bindgen(root)?;
    ensure_npm_packages(root)
}

fn ensure_wasm_target(root: &Path) -> anyhow::Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .current_dir(root)
        .output()
        .context("rustup is needed to add the wasm32 target")?;
    if String::from_utf8_lossy(&installed.stdout).lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    proc::run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]).current_dir(root))
}

fn ensure_trunk() -> anyhow::Result<()> {
    let found = output_line(cargo_home().join("bin/trunk"), &["--version"]);
    if found.as_deref() == Some(&format!("trunk {TRUNK_VERSION}")) {
        return Ok(());
    }
    eprintln!("installing trunk {TRUNK_VERSION} (about 10-15 minutes, once)");
    proc::run(Command::new(proc::cargo_bin()).args([
        "install",
        &format!("trunk@{TRUNK_VERSION}"),
        "--locked",
    ]))
}

/// wasm-bindgen-cli must equal the `wasm-bindgen` crate in Cargo.lock, and Trunk.toml must say
/// the same version or Trunk would try to download it.
fn ensure_wasm_bindgen(root: &Path) -> anyhow::Result<()> {
    let locked = locked_version(root, "wasm-bindgen")?;
    let trunk_toml = std::fs::read_to_string(root.join("Trunk.toml")).context("read Trunk.toml")?;
    if !trunk_toml.contains(&format!("wasm_bindgen = \"{locked}\"")) {
        bail!("Trunk.toml must pin wasm_bindgen = \"{locked}\", the version in Cargo.lock");
    }
    let found = output_line(cargo_home().join("bin/wasm-bindgen"), &["--version"]);
    if found.as_deref() == Some(&format!("wasm-bindgen {locked}")) {
        return Ok(());
    }
    eprintln!("installing wasm-bindgen-cli {locked} (about 5 minutes, once)");
    // `--locked` fails for this crate here: one of its locked dependencies left the registry.
    proc::run(Command::new(proc::cargo_bin()).args(["install", "wasm-bindgen-cli", "--version", &locked]))
}

/// The version of `package` that Cargo.lock pins.
fn locked_version(root: &Path, package: &str) -> anyhow::Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("read Cargo.lock")?;
    let entry = format!("name = \"{package}\"\nversion = \"");
    let start = lock.find(&entry).with_context(|| format!("{package} is not in Cargo.lock"))? + entry.len();
    let end = lock[start..].find('"').context("a quoted version")?;
    Ok(lock[start..start + end].to_owned())
}

/// `npm ci` when `node_modules` is missing or older than `package-lock.json`.
fn ensure_npm_packages(root: &Path) -> anyhow::Result<()> {
    let stamp = root.join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh = match (modified(&stamp), modified(&root.join("package-lock.json"))) {
        (Some(installed), Some(wanted)) => installed >= wanted,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    proc::run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(root))
}

/// Debian's Chromium and ChromeDriver (Playwright's own browser download cannot work here).
pub fn ensure_browser() -> anyhow::Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"])
}

/// PostgreSQL's server and `pg_virtualenv`, for the PostgreSQL half of the test suite.
pub fn ensure_postgres() -> anyhow::Result<()> {
    let has_server = std::fs::read_dir("/usr/lib/postgresql")
        .is_ok_and(|dirs| dirs.flatten().any(|d| d.path().join("bin/postgres").exists()));
    if has_server && Path::new("/usr/bin/pg_virtualenv").exists() {
        return Ok(());
    }
    apt_install(&["postgresql", "postgresql-common"])
}

/// The project's Python virtualenv `.venv` with `requirements-dev.txt` (aiosmtpd, the SMTP
/// server the mail tests deliver to; schemathesis, the API fuzzer), created only when missing.
pub fn ensure_python_tools(root: &Path) -> anyhow::Result<()> {
    let python = root.join(".venv/bin/python");
    let has = |module: &str| {
        Command::new(&python)
            .args(["-c", &format!("import {module}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if has("aiosmtpd") && has("schemathesis") {
        return Ok(());
    }
    if !python.exists() {
        let venv = Command::new("python3").args(["-m", "venv", ".venv"]).current_dir(root).status();
        if !venv.is_ok_and(|s| s.success()) {
            apt_install(&["python3", "python3-venv"])?;
            proc::run(Command::new("python3").args(["-m", "venv", ".venv"]).current_dir(root))?;
        }
    }
    proc::run(
        Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "-r", "requirements-dev.txt"])
            .current_dir(root),
    )
}

fn apt_install(packages: &[&str]) -> anyhow::Result<()> {
    let as_root = output_line("id", &["-u"]).as_deref() == Some("0");
    let apt = |args: &[&str]| {
        let mut command = if as_root { Command::new("apt-get") } else { Command::new("sudo") };
        if !as_root {
            command.arg("apt-get");
        }
        command.env("DEBIAN_FRONTEND", "noninteractive").args(args);
        command
    };
    eprintln!("installing {} with apt-get", packages.join(" "));
    proc::run(&mut apt(&["update"]))?;
    let mut install = apt(&["install", "-y", "--no-install-recommends"]);
    install.args(packages);
    proc::run(&mut install)
}
