//! `cargo xtask bench`: the benchmarks that print figures, on SQLite and then on a throw-away
//! PostgreSQL, in release mode.

use std::path::Path;
use std::process::Command;

use crate::{proc, tools};

pub fn run(root: &Path) -> anyhow::Result<()> {
    tools::ensure_postgres()?;
    proc::run(
        Command::new(proc::cargo_bin())
            .args(["bench", "--locked", "-p", "backend", "--bench", "clinical"])
            .env("PORTAL_TEST_DATABASE", "sqlite")
            .current_dir(root),
    )?;
    proc::run(
        Command::new("pg_virtualenv")
            .args(["-t", "--", "env", "PORTAL_TEST_DATABASE=postgres"])
            .arg(proc::cargo_bin())
            .args(["bench", "--locked", "-p", "backend", "--bench", "clinical"])
            .current_dir(root),
    )
}
