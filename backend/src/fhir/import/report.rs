//! What an import did, file by file and type by type, in words an operator can act on: which
//! entry of which file was refused and why, and how much was imported, skipped or only partly
//! linked.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// Where in a file an entry was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// `Bundle.entry[i]` (0 for a file holding one resource).
    Entry(usize),
    /// A line of an NDJSON file, counted from 1.
    Line(usize),
}

/// Names an entry the way a person finds it in the file: position, fullUrl and `Type/id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryLabel {
    pub position: Position,
    pub full_url: Option<String>,
    pub resource: Option<String>,
}

impl fmt::Display for EntryLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Position::Entry(i) => write!(f, "entry {i}")?,
            Position::Line(n) => write!(f, "line {n}")?,
        }
        let names: Vec<&str> =
            [self.full_url.as_deref(), self.resource.as_deref()].into_iter().flatten().collect();
        if !names.is_empty() {
            write!(f, " ({})", names.join(", "))?;
        }
        Ok(())
    }
}

/// Why a file was refused: the entry at fault (none when the file itself is) and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub entry: Option<EntryLabel>,
    pub reason: String,
}

impl Problem {
    /// A problem with the file as a whole.
    pub fn file(reason: impl Into<String>) -> Self {
        Self { entry: None, reason: reason.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.entry {
            Some(entry) => write!(f, "{entry}: {}", self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

/// Counts for one resource type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TypeCounts {
    /// Written to the record.
    pub imported: usize,
    /// Read but not kept: a type the record does not hold (Medication is only read for the
    /// medication requests that point at it).
    pub skipped: usize,
    /// Links that could not be made (a target neither in the bundle nor imported before).
    pub warnings: usize,
    /// Placeholder rows made for a patient, practitioner, organisation or location that was
    /// referred to before it arrived.
    pub stubs: usize,
}

impl TypeCounts {
    fn add(&mut self, other: Self) {
        self.imported += other.imported;
        self.skipped += other.skipped;
        self.warnings += other.warnings;
        self.stubs += other.stubs;
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Imported,
    /// Nothing of the file was written.
    Rejected(Vec<Problem>),
}

/// One file's import: one database transaction.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: PathBuf,
    pub outcome: Outcome,
    /// Resources read from the file, whatever became of them.
    pub resources: usize,
    /// Per resource type; empty when the file was rejected.
    pub counts: BTreeMap<String, TypeCounts>,
    /// What could not be linked or applied, one sentence each.
    pub warnings: Vec<String>,
}

impl FileReport {
    pub fn rejected(path: PathBuf, resources: usize, problems: Vec<Problem>) -> Self {
        Self {
            path,
            outcome: Outcome::Rejected(problems),
            resources,
            counts: BTreeMap::new(),
            warnings: Vec::new(),
        }
    }

    pub fn is_rejected(&self) -> bool {
        matches!(self.outcome, Outcome::Rejected(_))
    }

    pub fn problems(&self) -> &[Problem] {
        match &self.outcome {
            Outcome::Rejected(problems) => problems,
            Outcome::Imported => &[],
        }
    }

    /// Resources of this file written to the record.
    pub fn imported(&self) -> usize {
        self.counts.values().map(|c| c.imported).sum()
    }
}

/// Problems and warnings printed per file; the rest are counted.
const SHOWN_PER_FILE: usize = 5;

impl fmt::Display for FileReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.outcome {
            Outcome::Imported => {
                let skipped: usize = self.counts.values().map(|c| c.skipped).sum();
                write!(
                    f,
                    "ok        {}  ({} resources: {} imported, {skipped} skipped",
                    self.path.display(),
                    self.resources,
                    self.imported()
                )?;
                if !self.warnings.is_empty() {
                    write!(f, ", {} warnings", self.warnings.len())?;
                }
                writeln!(f, ")")?;
                list(f, "warning: ", &self.warnings)
            }
            Outcome::Rejected(problems) => {
                writeln!(f, "REJECTED  {}  (nothing from this file was written)", self.path.display())?;
                let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
                list(f, "", &lines)
            }
        }
    }
}

fn list(f: &mut fmt::Formatter<'_>, prefix: &str, lines: &[String]) -> fmt::Result {
    for line in lines.iter().take(SHOWN_PER_FILE) {
        writeln!(f, "          {prefix}{line}")?;
    }
    if lines.len() > SHOWN_PER_FILE {
        writeln!(f, "          … and {} more", lines.len() - SHOWN_PER_FILE)?;
    }
    Ok(())
}

/// A whole run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    pub elapsed: Duration,
}

impl Report {
    /// Counts per resource type over the files that were imported.
    pub fn totals(&self) -> BTreeMap<String, TypeCounts> {
        let mut totals: BTreeMap<String, TypeCounts> = BTreeMap::new();
        for file in &self.files {
            for (resource_type, counts) in &file.counts {
                totals.entry(resource_type.clone()).or_default().add(*counts);
            }
        }
        totals
    }

    pub fn rejected_files(&self) -> usize {
        self.files.iter().filter(|f| f.is_rejected()).count()
    }

    /// Resources read, in every file.
    pub fn resources(&self) -> usize {
        self.files.iter().map(|f| f.resources).sum()
    }

    /// Resources written to the record.
    pub fn imported(&self) -> usize {
        self.files.iter().map(FileReport::imported).sum()
    }
}

impl fmt::Display for Report {
    /// The summary printed after the per-file lines.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let totals = self.totals();
        let width = totals.keys().map(String::len).max().unwrap_or(0).max("resource type".len());
        writeln!(f)?;
        writeln!(
            f,
            "{:<width$}  {:>8}  {:>8}  {:>8}  {:>6}",
            "resource type", "imported", "skipped", "warnings", "stubs"
        )?;
        for (resource_type, c) in &totals {
            writeln!(
                f,
                "{resource_type:<width$}  {:>8}  {:>8}  {:>8}  {:>6}",
                c.imported, c.skipped, c.warnings, c.stubs
            )?;
        }
        let in_rejected: usize = self.files.iter().filter(|f| f.is_rejected()).map(|f| f.resources).sum();
        let seconds = self.elapsed.as_secs_f64();
        #[expect(clippy::cast_precision_loss, reason = "a rate for people to read")]
        let rate = if seconds > 0.0 { self.resources() as f64 / seconds } else { 0.0 };
        writeln!(
            f,
            "{} files ({} rejected), {} resources ({} imported, {in_rejected} in rejected files) in {seconds:.2} s: {rate:.0} resources/s",
            self.files.len(),
            self.rejected_files(),
            self.resources(),
            self.imported(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_label_names_position_full_url_and_resource() {
        let label = EntryLabel {
            position: Position::Entry(3),
            full_url: Some("urn:uuid:abc".into()),
            resource: Some("Observation/abc".into()),
        };
        assert_eq!(label.to_string(), "entry 3 (urn:uuid:abc, Observation/abc)");
        let line = EntryLabel { position: Position::Line(7), full_url: None, resource: None };
        assert_eq!(line.to_string(), "line 7");
    }

    #[test]
    fn a_rejected_file_prints_each_problem_under_its_name() {
        let problem = Problem {
            entry: Some(EntryLabel {
                position: Position::Entry(1),
                full_url: None,
                resource: Some("Observation/o".into()),
            }),
            reason: "subject is missing".into(),
        };
        let text = FileReport::rejected("bad.json".into(), 2, vec![problem]).to_string();
        assert!(text.starts_with("REJECTED  bad.json"), "{text}");
        assert!(text.contains("entry 1 (Observation/o): subject is missing"), "{text}");
    }
}
