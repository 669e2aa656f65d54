//! `portal import`: FHIR R4 Bundles and NDJSON into the clinical record, one transaction per file.
//!
//! A file is read (`bundle`), its directory resources matched to rows already there and every
//! reference resolved (`resolve`), each kept resource mapped to rows (`parse` with `directory`,
//! `clinical` and `care`), and the rows written in foreign-key order (`writer`). Any entry that
//! cannot be stored faithfully rejects its whole file, so a file is either all in or all out;
//! `report` says which, and why.

mod bundle;
mod care;
mod cli;
mod clinical;
mod directory;
mod json;
mod parse;
mod reference;
mod report;
mod resolve;
mod writer;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use sqlx::AnyConnection;

pub use cli::{ImportArgs, run};
pub use report::{EntryLabel, FileReport, Outcome, Position, Problem, Report, TypeCounts};

use self::bundle::Entry;
use self::parse::Parse;
use self::resolve::{Known, Resolver};
use crate::Db;
use crate::crypto::KeyRing;
use crate::fhir::datetime;
use crate::records;

/// The `--source` of an import that names none.
pub const DEFAULT_SOURCE: &str = "fhir-import";

/// Imports every file `paths` name (folders walked recursively for `.json` and `.ndjson`,
/// sorted by path), each in its own transaction; `on_file` hears of each as it is done.
pub async fn import_paths(
    db: &Db,
    source: &str,
    paths: &[PathBuf],
    mut on_file: impl FnMut(&FileReport),
) -> Report {
    let started = Instant::now();
    let mut report = Report::default();
    for path in paths {
        for file in files_in(path) {
            let file_report = match file {
                Ok(file) => import_file(db, source, &file).await,
                Err(problem) => FileReport::rejected(path.clone(), 0, vec![problem]),
            };
            on_file(&file_report);
            report.files.push(file_report);
        }
    }
    report.elapsed = started.elapsed();
    report
}

/// Imports one file: a JSON Bundle or resource, or NDJSON when its name ends in `.ndjson`.
pub async fn import_file(db: &Db, source: &str, path: &Path) -> FileReport {
    match tokio::fs::read(path).await {
        Ok(bytes) => import_bytes(db, source, path, &bytes, has_extension(path, "ndjson")).await,
        Err(e) => FileReport::rejected(
            path.to_owned(),
            0,
            vec![Problem::file(format!("cannot read the file ({e})"))],
        ),
    }
}

/// Imports the contents of one file; `path` only names it in the report.
pub async fn import_bytes(db: &Db, source: &str, path: &Path, bytes: &[u8], ndjson: bool) -> FileReport {
    let unit = match bundle::read(bytes, ndjson) {
        Ok(unit) => unit,
        Err(problem) => return FileReport::rejected(path.to_owned(), 0, vec![problem]),
    };
    let resources = unit.resources.len();
    let mut counts: BTreeMap<String, TypeCounts> = BTreeMap::new();
    for entry in &unit.resources {
        let c = counts.entry(entry.resource_type.clone()).or_default();
        if resolve::table(&entry.resource_type).is_some() {
            c.imported += 1;
        } else {
            c.skipped += 1;
        }
    }
    let mut warnings = unit.remarks;
    if counts.values().any(|c| c.imported > 0) {
        match write_unit(db, source, unit.resources).await {
            Ok(written) => {
                for (resource_type, n) in written.warnings_by_type {
                    counts.entry(resource_type).or_default().warnings += n;
                }
                for (resource_type, n) in written.stubs_by_type {
                    counts.entry(resource_type).or_default().stubs += n;
                }
                warnings.extend(written.warnings);
            }
            Err(problems) => return FileReport::rejected(path.to_owned(), resources, problems),
        }
    }
    FileReport { path: path.to_owned(), outcome: Outcome::Imported, resources, counts, warnings }
}

/// What writing a unit added to its counts.
#[derive(Debug, Default)]
struct Written {
    warnings: Vec<String>,
    warnings_by_type: BTreeMap<String, usize>,
    stubs_by_type: BTreeMap<String, usize>,
}

/// Parses and writes one unit in one transaction: committed whole, or rolled back whole with the
/// reasons.
async fn write_unit(db: &Db, source: &str, entries: Vec<Entry>) -> Result<Written, Vec<Problem>> {
    let mut tx = db.begin_write().await.map_err(refused)?;
    match parse_and_write(&mut tx, db.keys(), source, entries).await {
        Ok(written) => {
            tx.commit().await.map_err(refused)?;
            Ok(written)
        }
        Err(problems) => {
            // Rolled back now rather than when dropped, so the next file's write lock is free.
            tx.rollback().await.ok();
            Err(problems)
        }
    }
}

async fn parse_and_write(
    conn: &mut AnyConnection,
    keys: &KeyRing,
    source: &str,
    mut entries: Vec<Entry>,
) -> Result<Written, Vec<Problem>> {
    let now = datetime::now();
    let known = Known::load(conn, keys, source, &entries).await.map_err(refused)?;
    for entry in &mut entries {
        if resolve::table(&entry.resource_type).is_none() {
            continue;
        }
        entry.row_id = Some(if resolve::is_directory(&entry.resource_type) {
            known.directory_row_id(source, entry)
        } else {
            records::record_id(source, &entry.resource_type, &entry.source_id)
        });
    }

    let mut parse = Parse::new(source, &now, Resolver::new(source, &entries, &known));
    let mut problems = Vec::new();
    let mut written = Written::default();
    for entry in &entries {
        if let Err(reason) = parse.entry(entry) {
            problems.push(Problem { entry: Some(entry.label()), reason });
        }
        for warning in parse.refs.take_warnings() {
            *written.warnings_by_type.entry(entry.resource_type.clone()).or_default() += 1;
            written.warnings.push(format!("{}: {warning}", entry.label()));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let rows = parse.finish();
    for stub in &rows.stubs {
        *written.stubs_by_type.entry(stub.resource_type.clone()).or_default() += 1;
    }
    writer::write(conn, keys, rows, source, &now).await.map_err(|e| refused(format!("{e:#}")))?;
    Ok(written)
}

fn refused(e: impl std::fmt::Display) -> Vec<Problem> {
    vec![Problem::file(format!("the database refused the file: {e}"))]
}

/// The files `path` names: itself, or the `.json` and `.ndjson` files under it, sorted.
fn files_in(path: &Path) -> Vec<Result<PathBuf, Problem>> {
    if path.is_file() {
        return vec![Ok(path.to_owned())];
    }
    if !path.is_dir() {
        return vec![Err(Problem::file("no such file or folder"))];
    }
    let mut files = Vec::new();
    let mut folders = vec![path.to_owned()];
    while let Some(folder) = folders.pop() {
        let listing = match std::fs::read_dir(&folder) {
            Ok(listing) => listing,
            Err(e) => return vec![Err(Problem::file(format!("cannot list {} ({e})", folder.display())))],
        };
        for item in listing.flatten() {
            let item = item.path();
            if item.is_dir() {
                folders.push(item);
            } else if has_extension(&item, "json") || has_extension(&item, "ndjson") {
                files.push(item);
            }
        }
    }
    files.sort();
    files.into_iter().map(Ok).collect()
}

fn has_extension(path: &Path, wanted: &str) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(wanted))
}
