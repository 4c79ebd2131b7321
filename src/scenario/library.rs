//! The scenario library: the scenarios embedded in the binary plus any folders the user
//! opens, each loaded and checked, with its content hash. A broken file becomes an entry
//! with diagnostics; it never hides the other scenarios.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::check::{self, Depth};
use super::diagnostic::{Code, Diagnostic, Text};
use super::load::read_file;
use super::model::Scenario;
use crate::rubric::model::Rubric;

/// A scenario file embedded in the binary by `build.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BundledScenario {
    /// Path relative to the crate root, e.g. `scenarios/nl/paspoort-pinnen.ron`.
    pub path: &'static str,
    pub text: &'static str,
}

/// The scenarios embedded in the binary, sorted by path.
pub fn bundled() -> Vec<BundledScenario> {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"))
}

/// `sha256:<hex>` of a file's bytes: tells whether a file changed since it was read. (Records
/// and debriefs name a scenario by [`crate::debrief::content_hash`] instead, which ignores
/// comments and layout.)
pub fn file_hash(bytes: &[u8]) -> String {
    sha256(bytes)
}

/// `sha256:` and the lowercase hex digest of `bytes`.
pub fn sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Where a library entry came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Bundled(&'static str),
    File(PathBuf),
}

impl Source {
    /// The path shown in diagnostics.
    pub fn path(&self) -> PathBuf {
        match self {
            Source::Bundled(p) => PathBuf::from(p),
            Source::File(p) => p.clone(),
        }
    }
}

/// One file of the library.
#[derive(Debug, Clone)]
pub struct Entry {
    pub source: Source,
    /// See [`file_hash`].
    pub file_hash: String,
    /// The scenario, or the findings that stop it from being played (errors first, then
    /// warnings). A scenario with only warnings is `Ok`; see [`Entry::warnings`].
    pub result: Result<Arc<Scenario>, Vec<Diagnostic>>,
    /// Warnings and notes of a playable scenario.
    pub warnings: Vec<Diagnostic>,
}

impl Entry {
    pub fn scenario(&self) -> Option<&Arc<Scenario>> {
        self.result.as_ref().ok()
    }
}

/// All scenarios the app or command line can offer.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
}

impl Library {
    /// Loads the bundled scenarios, then every `*.ron` under each of `extra_dirs`
    /// (recursively, sorted by path), fully checking each against the bundled rubric.
    pub fn load(extra_dirs: &[PathBuf]) -> Library {
        Library::load_with(extra_dirs, Rubric::bundled(), Depth::Full)
    }

    /// As [`Library::load`] with a given rubric, checked to the given depth.
    pub fn load_with(extra_dirs: &[PathBuf], rubric: &Rubric, depth: Depth) -> Library {
        let mut entries = Vec::new();
        for b in bundled() {
            entries.push(entry(
                Source::Bundled(b.path),
                b.text.as_bytes(),
                Path::new(b.path),
                rubric,
                depth,
            ));
        }
        for dir in extra_dirs {
            let found = super::walk::ron_files(dir).unwrap_or_else(|message| super::walk::Found {
                files: Vec::new(),
                skipped: vec![(dir.clone(), message)],
            });
            for path in found.files {
                let e = match read_file(&path) {
                    Ok(bytes) => entry(Source::File(path.clone()), &bytes, &path, rubric, depth),
                    Err(d) => unreadable(path, *d),
                };
                entries.push(e);
            }
            // A FIFO, device or unreadable file named `*.ron` gets an entry saying so;
            // linked folders (never followed) are left out silently.
            for (path, why) in found.skipped {
                if path.extension().is_some_and(|x| x == "ron") {
                    let d = Diagnostic::new(
                        Code::Limits,
                        &path,
                        (1, 1),
                        Text::en_nl(
                            format!("skipped: {why}"),
                            format!("overgeslagen: {}", why.nl()),
                        ),
                        Text::en_nl(
                            "keep scenarios as ordinary files",
                            "bewaar scenario's als gewone bestanden",
                        ),
                    );
                    entries.push(unreadable(path, d));
                }
            }
        }
        mark_duplicate_ids(&mut entries);
        Library { entries }
    }

    /// The playable scenario with this id (the first one, if ids clash).
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.scenario().is_some_and(|s| s.id == id))
    }

    /// Playable scenarios, in library order.
    pub fn scenarios(&self) -> impl Iterator<Item = &Arc<Scenario>> {
        self.entries.iter().filter_map(Entry::scenario)
    }
}

fn unreadable(path: PathBuf, d: Diagnostic) -> Entry {
    Entry {
        source: Source::File(path),
        file_hash: String::new(),
        result: Err(vec![d]),
        warnings: Vec::new(),
    }
}

fn entry(source: Source, bytes: &[u8], file: &Path, rubric: &Rubric, depth: Depth) -> Entry {
    let report = check::check_bytes_to(bytes, file, rubric, depth);
    let (errors, warnings): (Vec<_>, Vec<_>) = report
        .diagnostics
        .into_iter()
        .partition(Diagnostic::is_error);
    let result = match report.scenario {
        Some(s) if errors.is_empty() => Ok(s),
        _ => {
            let mut all = errors;
            all.extend(warnings.iter().cloned());
            Err(all)
        }
    };
    let warnings = if result.is_ok() { warnings } else { Vec::new() };
    Entry {
        source,
        file_hash: file_hash(bytes),
        result,
        warnings,
    }
}

/// Two playable files with the same scenario id: the later one becomes an error entry.
fn mark_duplicate_ids(entries: &mut [Entry]) {
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for e in entries.iter_mut() {
        let Some(id) = e.scenario().map(|s| s.id.clone()) else {
            continue;
        };
        if let Some(first) = seen.get(&id) {
            let d = Diagnostic::new(
                Code::DuplicateScenario,
                &e.source.path(),
                (1, 1),
                Text::en_nl(
                    format!("scenario id \"{id}\" is also used by {}", first.display()),
                    format!(
                        "scenario-id \"{id}\" wordt ook gebruikt door {}",
                        first.display()
                    ),
                ),
                Text::en_nl(
                    "give each scenario its own `id`",
                    "geef elk scenario een eigen `id`",
                ),
            );
            e.result = Err(vec![d]);
            e.warnings.clear();
        } else {
            seen.insert(id, e.source.path());
        }
    }
}
