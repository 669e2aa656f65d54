//! The `portal import` command line: its arguments, and the report printed as files are done.

use std::path::PathBuf;

use super::{DEFAULT_SOURCE, Report, import_paths};
use crate::Db;
use crate::config::DbArgs;

/// Import FHIR R4 Bundles (transaction, batch, collection, searchset…), single resources and
/// NDJSON into the clinical record.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The system the files come from. Our ids are derived from it and each resource's own id,
    /// so import one system's files under one name, the same every time.
    #[arg(long, default_value = DEFAULT_SOURCE)]
    pub source: String,

    /// Files (`.json`, `.ndjson`) or folders, walked recursively.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub db: DbArgs,
}

/// Imports what `args` name, printing a line per file as it is done and then the counts; the
/// caller decides the exit status from [`Report::rejected_files`].
pub async fn run(db: &Db, args: &ImportArgs) -> Report {
    let report = import_paths(db, &args.source, &args.paths, |file| print!("{file}")).await;
    print!("{report}");
    report
}
