//! The scenario library: the scenarios embedded in the binary plus any folders the user
//! opens, each loaded and checked, with its content hash. A broken file becomes an entry
//! with diagnostics; it never hides the other scenarios.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::check::{self, Depth};
use super::diagnostic::{Code, Diagnostic};
use super::embedded::bundled;
use super::hash::file_hash;
use super::load::read_file;
use super::messages::say;
use super::model::Scenario;
use crate::rubric::model::Rubric;

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

    /// The path as a screen shows it.
    pub fn display(&self) -> String {
        self.path().display().to_string()
    }

    /// Its text, to quote where a finding or a map box points: the embedded text of a
    /// bundled scenario, or the file read again (`None` when it cannot be read as UTF-8
    /// within the size limit).
    pub fn text(&self) -> Option<String> {
        match self {
            Source::Bundled(path) => crate::scenario::bundled()
                .into_iter()
                .find(|b| b.path == *path)
                .map(|b| b.text.to_string()),
            Source::File(path) => crate::scenario::load::read_file(path)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok()),
        }
    }
}

/// One file of the library.
#[derive(Debug, Clone)]
pub struct Entry {
    pub source: Source,
    /// See [`file_hash`](super::hash::file_hash).
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
                        say!("skipped-why", why = why, why_nl = why.nl()),
                        say!("keep-scenarios-as-ordinary-files"),
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
                say!(
                    "scenario-id-id-is-also-used",
                    id = id,
                    first = first.display()
                ),
                say!("give-each-scenario-its-own-id"),
            );
            e.result = Err(vec![d]);
            e.warnings.clear();
        } else {
            seen.insert(id, e.source.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_scenario_ids_in_a_library_are_kw024() {
        let dir = tempfile::tempdir().unwrap();
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/scenarios/fixture-afvalpas.ron"),
        )
        .unwrap();
        std::fs::write(dir.path().join("a.ron"), &text).unwrap();
        std::fs::write(dir.path().join("b.ron"), &text).unwrap();
        std::fs::write(dir.path().join("c.ron"), "kapot").unwrap();
        let lib = Library::load(&[dir.path().to_path_buf()]);
        let files: Vec<_> = lib
            .entries
            .iter()
            .filter(|e| matches!(e.source, Source::File(_)))
            .collect();
        assert_eq!(files.len(), 3);
        assert!(files[0].scenario().is_some());
        assert!(files[0].file_hash.starts_with("sha256:"));
        assert_eq!(files[0].file_hash, files[1].file_hash);
        let duplicate = &files[1].result.as_ref().unwrap_err()[0];
        assert_eq!(duplicate.code, Code::DuplicateScenario);
        assert!(
            duplicate
                .message
                .nl
                .starts_with("scenario-id \"fixture-afvalpas\" wordt ook gebruikt door "),
            "{:?}",
            duplicate.message
        );
        assert!(files[2].result.as_ref().unwrap_err()[0].is_error());
        assert!(lib.get("fixture-afvalpas").is_some());
    }
}
