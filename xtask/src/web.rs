//! Builds the browser app with Trunk (release), then finishes dist/: writes the service
//! worker's shell list and version, and stores brotli and gzip copies of every text file so the
//! server sends them without compressing per request. Also reports what a browser downloads.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, bail};
use sha2::{Digest as _, Sha256};

use crate::{proc, tools};

/// Extensions worth compressing.
const TEXT: &[&str] = &["html", "js", "wasm", "css", "svg", "webmanifest", "json"];

pub fn build(root: &Path) -> anyhow::Result<()> {
    proc::run(
        Command::new("trunk")
            .args(["build", "--release"])
            .env("PATH", tools::tool_path(root))
            .env_remove("NO_COLOR")
            .current_dir(root),
    )?;
    let dist = root.join("dist");
    write_service_worker(&dist)?;
    precompress(&dist)?;
    Ok(())
}

/// Every file in `dir` and below, sorted, skipping compressed copies.
fn files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).with_context(|| format!("read {}", current.display()))? {
            let path = entry?.path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if !has_extension(&path, &["br", "gz"]) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e))
}

/// Fills in the service worker's `VERSION` (a hash of the whole shell, so any change installs a
/// new worker) and its `SHELL` list (every built file, with `index.html` as `/`).
fn write_service_worker(dist: &Path) -> anyhow::Result<()> {
    let sw_path = dist.join("sw.js");
    let mut digest = Sha256::new();
    let mut shell = Vec::new();
    for path in files(dist)? {
        if path == sw_path {
            continue;
        }
        let url = format!("/{}", path.strip_prefix(dist)?.to_string_lossy().replace('\\', "/"));
        digest.update(url.as_bytes());
        digest.update(std::fs::read(&path)?);
        shell.push(if url == "/index.html" { "/".to_owned() } else { url });
    }
    let version = digest.finalize().iter().take(8).fold(String::new(), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    });
    let list = shell.iter().map(|u| format!("\"{u}\"")).collect::<Vec<_>>().join(", ");

    let source = std::fs::read_to_string(&sw_path).context("dist/sw.js is missing")?;
    let source = replace_once(&source, "const VERSION = \"", "\";", &version)?;
    let source = replace_once(&source, "const SHELL = [", "];", &list)?;
    std::fs::write(&sw_path, source)?;
    Ok(())
}

/// Replaces what lies between the first `start` and the next `end`.
fn replace_once(text: &str, start: &str, end: &str, with: &str) -> anyhow::Result<String> {
    let Some(from) = text.find(start).map(|i| i + start.len()) else {
        bail!("sw.js no longer contains `{start}`: update xtask/src/web.rs with it");
    };
    let to = from + text[from..].find(end).context("unterminated list in sw.js")?;
    Ok(format!("{}{with}{}", &text[..from], &text[to..]))
}

fn precompress(dist: &Path) -> anyhow::Result<()> {
    for path in files(dist)? {
        if !has_extension(&path, TEXT) {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        std::fs::write(append_extension(&path, "br"), brotli(&bytes))?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes)?;
        std::fs::write(append_extension(&path, "gz"), gz.finish()?)?;
    }
    Ok(())
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("compressing in memory cannot fail");
    out
}

fn append_extension(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

/// Prints the size of what a browser downloads to show the app: its WebAssembly, JavaScript and
/// CSS, raw and as brotli sends them.
pub fn print_size_report(dist: &Path) -> anyhow::Result<()> {
    let mut rows = Vec::new();
    for path in files(dist)? {
        // The page's own code and styles: Trunk's hashed outputs at the top of dist/.
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let is_app_code =
            has_extension(&path, &["wasm", "js", "css"]) && shared::assets::is_content_hashed(&name);
        if !is_app_code || path.parent() != Some(dist) {
            continue;
        }
        let raw = std::fs::read(&path)?;
        let compressed = std::fs::read(append_extension(&path, "br")).unwrap_or_else(|_| brotli(&raw));
        rows.push((name, raw.len(), compressed.len()));
    }
    if rows.is_empty() {
        bail!("no built app in {}: run `cargo xtask web` first", dist.display());
    }
    println!("\nSize of the app shell's first download ({}):", dist.display());
    println!("  {:<44} {:>10} {:>10}", "file", "raw", "brotli");
    for (name, raw, br) in &rows {
        println!("  {name:<44} {:>10} {:>10}", kb(*raw), kb(*br));
    }
    let (raw, br) = rows.iter().fold((0, 0), |(r, b), row| (r + row.1, b + row.2));
    println!("  {:<44} {:>10} {:>10}", "total (wasm + JS + CSS)", kb(raw), kb(br));
    Ok(())
}

fn kb(bytes: usize) -> String {
    #[expect(clippy::cast_precision_loss, reason = "sizes far below 2^52 bytes")]
    let kib = bytes as f64 / 1024.0;
    format!("{kib:.1} KiB")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_service_worker_template_is_filled_in() {
        let template = "const VERSION = \"dev\";\nconst SHELL = [\"/\",\n  \"/a\"];\nrest";
        let out = replace_once(template, "const VERSION = \"", "\";", "abc").unwrap();
        let out = replace_once(&out, "const SHELL = [", "];", "\"/x\"").unwrap();
        assert_eq!(out, "const VERSION = \"abc\";\nconst SHELL = [\"/x\"];\nrest");
    }

    #[test]
    fn a_template_without_the_marker_is_a_clear_error() {
        let err = replace_once("nothing here", "const SHELL = [", "];", "").unwrap_err();
        assert!(err.to_string().contains("const SHELL = ["));
    }
}
