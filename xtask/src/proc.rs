//! Running other programs: echo the command, inherit the terminal, fail with the command's
//! name when it fails.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use anyhow::{Context as _, bail};

/// Runs `command` to completion; an unsuccessful exit is an error naming it.
pub fn run(command: &mut Command) -> anyhow::Result<()> {
    let shown = show(command);
    eprintln!("$ {shown}");
    let status = command.status().with_context(|| format!("cannot start `{shown}`"))?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    Ok(())
}

/// Runs cargo (the one running xtask) in `root`.
pub fn cargo(root: &Path, args: &[&str]) -> anyhow::Result<()> {
    run(Command::new(cargo_bin()).args(args).current_dir(root))
}

pub fn cargo_bin() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// Runs a program in the foreground until it exits, passing its exit code on.
pub fn exec(root: &Path, program: &Path, args: &[String]) -> anyhow::Result<()> {
    let mut command = Command::new(program);
    command.args(args).current_dir(root);
    run(&mut command)
}

/// The first line a command prints on stdout, trimmed; `None` if it cannot run.
pub fn output_line(program: impl AsRef<OsStr>, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8_lossy(&output.stdout).lines().next().map(|l| l.trim().to_owned())
}

fn show(command: &Command) -> String {
    let mut parts = vec![command.get_program().to_string_lossy().into_owned()];
    parts.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}
