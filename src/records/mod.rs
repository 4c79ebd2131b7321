//! Session records: small JSON files that keep what is needed to rebuild a play (scenario,
//! content hash, seed, answers), written atomically and overwritten after every turn.

pub mod replay;
pub mod report;
pub mod time;

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::scenario::model::Scenario;

/// The value of a record's `format` field.
pub const RECORD_FORMAT: &str = "klachtwijs.record/1";

/// Environment variable that replaces the data folder (`<data dir>/klachtwijs`).
pub const HOME_ENV: &str = "KLACHTWIJS_HOME";

/// How the session was played.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Alone, with hints and coaching.
    Practice,
    /// Alone, without hints.
    Exam,
    /// A facilitator plays for a room.
    Classroom,
}

/// One saved session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Always [`RECORD_FORMAT`].
    pub format: String,
    /// The scenario id.
    pub scenario: String,
    /// The content hash of the scenario when it was played (`sha256:…`).
    pub hash: String,
    /// Where the scenario file was, when it was not a bundled one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathBuf>,
    pub seed: u64,
    /// The answers as displayed: `"2"` for an option, `"1+3"` for a multi-select.
    pub answers: Vec<String>,
    pub mode: Mode,
    /// A name the trainee chose; never required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pseudonym: Option<String>,
    /// RFC 3339 UTC, e.g. `2026-11-23T17:05:57Z`.
    pub started_at: String,
    /// Whether the conversation reached an ending.
    pub finished: bool,
}

/// Why a record could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a Klachtwijs session record: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{path}: unsupported record format {found:?} (this version reads {RECORD_FORMAT:?})")]
    Format { path: PathBuf, found: String },
}

impl Record {
    /// A new, unfinished record of `scenario` starting now. The content hash is computed
    /// here ([`crate::debrief::content_hash`]) so every record uses the same hash.
    pub fn new(scenario: &Scenario, path: Option<PathBuf>, seed: u64, mode: Mode) -> Record {
        Record {
            format: RECORD_FORMAT.to_string(),
            scenario: scenario.id.clone(),
            hash: crate::debrief::content_hash(scenario),
            path,
            seed,
            answers: Vec::new(),
            mode,
            pseudonym: None,
            started_at: time::Utc::now().rfc3339(),
            finished: false,
        }
    }

    /// Updates answers and `finished` from a session (call after every turn, then save).
    pub fn update(&mut self, session: &crate::engine::Session) {
        self.answers = session.answers().iter().map(ToString::to_string).collect();
        self.finished = session.ending().is_some();
    }

    /// The file name: `<scenario-id>-<started>-<seed>.json`, the same on every save so
    /// autosaving overwrites one file.
    pub fn file_name(&self) -> String {
        // Ids are checked to be `a-z0-9-`, but a record may come from anywhere: keep the
        // name safe as a path component regardless.
        let id: String = self
            .scenario
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        format!(
            "{id}-{}-{}.json",
            time::compact_from_rfc3339(&self.started_at),
            self.seed
        )
    }

    /// Pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Parses a record from JSON text; `path` is only used in the error.
    pub fn from_json(text: &str, path: &Path) -> Result<Record, RecordError> {
        let record: Record = serde_json::from_str(text).map_err(|err| RecordError::Parse {
            path: path.to_path_buf(),
            message: err.to_string(),
        })?;
        if record.format != RECORD_FORMAT {
            return Err(RecordError::Format {
                path: path.to_path_buf(),
                found: record.format,
            });
        }
        Ok(record)
    }

    /// Writes the record into `dir` under [`Record::file_name`], atomically, creating the
    /// folder when needed. Returns the file's path.
    pub fn save(&self, dir: &Path) -> Result<PathBuf, RecordError> {
        let path = dir.join(self.file_name());
        self.save_as(&path)?;
        Ok(path)
    }

    /// A path in `dir` for a new record that no other file uses yet (two sessions of the
    /// same scenario and seed started in the same second get `-2`, `-3` …).
    pub fn fresh_path(&self, dir: &Path) -> PathBuf {
        let first = dir.join(self.file_name());
        if !first.exists() {
            return first;
        }
        let stem = self.file_name().trim_end_matches(".json").to_string();
        (2..)
            .map(|n| dir.join(format!("{stem}-{n}.json")))
            .find(|p| !p.exists())
            .unwrap_or(first)
    }

    /// Writes the record to `path` atomically: a temporary file in the same folder, then a
    /// rename, so a crash never leaves half a record. Autosaving calls this after every
    /// turn with the same path.
    pub fn save_as(&self, path: &Path) -> Result<(), RecordError> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let io = |source| RecordError::Io {
            path: path.to_path_buf(),
            source,
        };
        fs::create_dir_all(dir).map_err(io)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
        tmp.write_all(self.to_json().as_bytes()).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        tmp.persist(path).map_err(|err| io(err.error))?;
        Ok(())
    }
}

/// Autosaving one session: the record and the file it goes to, chosen once so every save
/// after a turn overwrites the same file.
#[derive(Debug, Clone)]
pub struct Autosave {
    pub record: Record,
    path: PathBuf,
}

impl Autosave {
    /// Prepares a record in `dir` for a session that is about to start. Nothing is written
    /// until [`Autosave::save`].
    pub fn new(
        dir: &Path,
        scenario: &Scenario,
        scenario_path: Option<PathBuf>,
        seed: u64,
        mode: Mode,
    ) -> Autosave {
        let record = Record::new(scenario, scenario_path, seed, mode);
        let path = record.fresh_path(dir);
        Autosave { record, path }
    }

    /// Continues an existing record (e.g. from [`latest_unfinished`]): rebuild the
    /// session with [`replay::play`] or `Session::replay`, then keep saving here.
    pub fn resume(path: PathBuf, record: Record) -> Autosave {
        Autosave { record, path }
    }

    /// The file the record is written to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Takes the session's answers and state, then writes the record atomically.
    pub fn save(&mut self, session: &crate::engine::Session) -> Result<(), RecordError> {
        self.record.update(session);
        self.record.save_as(&self.path)
    }
}

/// The data folder: `$KLACHTWIJS_HOME`, else `<data dir>/klachtwijs`.
pub fn home_dir() -> Option<PathBuf> {
    match std::env::var_os(HOME_ENV) {
        Some(home) if !home.is_empty() => Some(PathBuf::from(home)),
        _ => dirs::data_dir().map(|d| d.join("klachtwijs")),
    }
}

/// Where records are saved by default: `<home>/records`.
pub fn default_dir() -> Option<PathBuf> {
    home_dir().map(|h| h.join("records"))
}

/// Reads one record file.
pub fn load_record(path: &Path) -> Result<Record, RecordError> {
    let bytes = fs::read(path).map_err(|source| RecordError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|_| RecordError::Parse {
        path: path.to_path_buf(),
        message: "the file is not UTF-8 text".to_string(),
    })?;
    Record::from_json(&text, path)
}

/// The records found in a folder, and the files that could not be read.
#[derive(Debug, Default)]
pub struct Listing {
    /// Readable records with their paths, sorted by path.
    pub records: Vec<(PathBuf, Record)>,
    /// Files that looked like records but could not be read.
    pub broken: Vec<RecordError>,
}

impl fmt::Display for Listing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} records, {} unreadable",
            self.records.len(),
            self.broken.len()
        )
    }
}

/// Every `*.json` record in `dir` (not recursive), sorted by path. Broken files are
/// reported in [`Listing::broken`], never fatal; a missing folder is an empty listing.
pub fn list_records(dir: &Path) -> Listing {
    let mut listing = Listing::default();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return listing,
        Err(source) => {
            listing.broken.push(RecordError::Io {
                path: dir.to_path_buf(),
                source,
            });
            return listing;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    for path in paths {
        match load_record(&path) {
            Ok(record) => listing.records.push((path, record)),
            Err(err) => listing.broken.push(err),
        }
    }
    listing
}

/// The most recent unfinished record of a scenario in `dir`, to resume it.
pub fn latest_unfinished(dir: &Path, scenario: &str) -> Option<(PathBuf, Record)> {
    list_records(dir)
        .records
        .into_iter()
        .filter(|(_, r)| r.scenario == scenario && !r.finished)
        .max_by(|(pa, a), (pb, b)| a.started_at.cmp(&b.started_at).then(pa.cmp(pb)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Record {
        Record {
            format: RECORD_FORMAT.to_string(),
            scenario: "paspoort-pinnen".to_string(),
            hash: "sha256:00".to_string(),
            path: None,
            seed: 3,
            answers: vec!["2".to_string(), "1+3".to_string()],
            mode: Mode::Practice,
            pseudonym: None,
            started_at: "2026-11-23T17:05:57Z".to_string(),
            finished: false,
        }
    }

    #[test]
    fn save_overwrites_one_file_and_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut record = sample();
        let first = record.save(dir.path()).unwrap();
        record.answers.push("1".to_string());
        record.finished = true;
        let second = record.save(dir.path()).unwrap();
        assert_eq!(first, second);
        assert_eq!(
            first.file_name().unwrap(),
            "paspoort-pinnen-20261123T170557Z-3.json"
        );
        assert_eq!(load_record(&first).unwrap(), record);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let other = record.fresh_path(dir.path());
        assert_eq!(
            other.file_name().unwrap(),
            "paspoort-pinnen-20261123T170557Z-3-2.json"
        );
    }

    #[test]
    fn listing_skips_broken_files_and_finds_latest_unfinished() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = sample();
        a.save(dir.path()).unwrap();
        a.started_at = "2026-11-24T08:00:00Z".to_string();
        a.save(dir.path()).unwrap();
        a.started_at = "2026-11-25T08:00:00Z".to_string();
        a.finished = true;
        a.save(dir.path()).unwrap();
        fs::write(dir.path().join("broken.json"), "{ not json").unwrap();
        fs::write(dir.path().join("binary.json"), [0xff, 0xfe, 0]).unwrap();
        fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
        let listing = list_records(dir.path());
        assert_eq!(listing.records.len(), 3);
        assert_eq!(listing.broken.len(), 2);
        let (path, latest) = latest_unfinished(dir.path(), "paspoort-pinnen").unwrap();
        assert_eq!(latest.started_at, "2026-11-24T08:00:00Z");
        let resumed = Autosave::resume(path.clone(), latest);
        assert_eq!(resumed.path(), path);
        assert!(latest_unfinished(dir.path(), "other").is_none());
    }

    #[test]
    fn wrong_format_is_a_clear_error() {
        let mut text = sample().to_json();
        text = text.replace(RECORD_FORMAT, "klachtwijs.record/99");
        let err = Record::from_json(&text, Path::new("x.json")).unwrap_err();
        assert!(err.to_string().contains("unsupported record format"));
    }
}
