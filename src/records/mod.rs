//! Session records: small JSON files that keep what is needed to rebuild a play (scenario,
//! content hash, seed, the choices in file order, engine and RNG), written atomically
//! after every turn. The one records module of the command line and the app: creating a
//! record never replaces another file, resuming checks the content hash and accounts for
//! every answer, and nothing in a record is ever used as a path.
//!
//! Over 500 lines with its tests: the record format and the one place that
//! writes, lists and resumes records.

pub mod atomic;
pub mod progress;
pub mod replay;
pub mod report;
pub mod time;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::scenario::model::Scenario;
use crate::vote::RoomVotes;

/// The value of a record's `format` field.
pub const RECORD_FORMAT: &str = "klachtwijs.record/2";

/// The first format (answers as displayed positions, no engine or RNG): still read.
pub const RECORD_FORMAT_V1: &str = "klachtwijs.record/1";

/// The engine that wrote a record (`engine` field).
pub const ENGINE: &str = concat!("klachtwijs ", env!("CARGO_PKG_VERSION"));

/// The session's random generator (`rng` field): see `engine::session`.
pub const RNG: &str = "ChaCha8Rng seed_from_u64 (rand 0.10)";

/// A record larger than this is refused before it is parsed (a real one is a few KB).
pub const MAX_RECORD_BYTES: u64 = 1024 * 1024;

/// Environment variable that replaces the data folder (`<data dir>/klachtwijs`).
pub const HOME_ENV: &str = "KLACHTWIJS_HOME";

/// How the session was played.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Alone, with coach hints, inner thoughts and pitfalls flagged at once.
    #[default]
    Practice,
    /// Alone, without hints.
    Exam,
    /// A facilitator plays for a room.
    Classroom,
}

impl Mode {
    /// Whether coach hints, thoughts and immediate pitfall flags are shown.
    pub fn coaching(self) -> bool {
        self == Mode::Practice
    }
}

/// One saved session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// [`RECORD_FORMAT`] (or [`RECORD_FORMAT_V1`] for old files).
    pub format: String,
    /// The engine that wrote it ([`ENGINE`]); empty in format 1.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub engine: String,
    /// The random generator ([`RNG`]); empty in format 1.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rng: String,
    /// The scenario id.
    pub scenario: String,
    /// The content hash of the scenario when it was played (`sha256:…`).
    pub hash: String,
    /// Where the scenario file was, when it was not a bundled one. Informational only:
    /// replay finds the scenario by id, never by this path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathBuf>,
    pub seed: u64,
    /// The choices in file order: `"2"` is the second option in the file, `"1+3"` the
    /// first and third select items. They survive a change of option shuffling.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
    /// Format 1: the answers as displayed (`"2"`, `"1+3"`). Read, never written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<String>,
    pub mode: Mode,
    /// A name the trainee chose; never required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pseudonym: Option<String>,
    /// RFC 3339 UTC, e.g. `2026-11-23T17:05:57Z`.
    pub started_at: String,
    /// Whether the conversation reached an ending.
    pub finished: bool,
    /// The trainee's own view before seeing the scores (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_assessment: Option<SelfAssessment>,
    /// What the trainee typed before the options showed ("say it yourself first"). Kept
    /// in the local record only: [`Record::handed_in`] leaves it out unless
    /// `share_own_words`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub own_words: Vec<OwnWords>,
    /// The trainee allowed their own words to go with a handed-in record.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub share_own_words: bool,
    /// Classroom mode: the room's ballots per turn (counts only, nothing of who voted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_votes: Option<RoomVotes>,
}

/// A record keeps the trainee's self-assessment; the type is the debrief's, which shows it
/// beside the scores.
pub use crate::debrief::SelfAssessment;

/// What the trainee said in their own words at a turn, with their self-check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnWords {
    /// 1-based turn.
    pub turn: usize,
    pub text: String,
    /// The self-check questions answered yes, by attention point id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checked: Vec<String>,
}

/// Why a record could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("{}: {source}", crate::text::line(&path.display().to_string()))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: not a Klachtwijs session record: {}", crate::text::line(&path.display().to_string()), crate::text::line(message))]
    Parse { path: PathBuf, message: String },
    #[error(
        "{}: unsupported record format {:?} (this version reads {RECORD_FORMAT:?} and {RECORD_FORMAT_V1:?})",
        crate::text::line(&path.display().to_string()),
        crate::text::line(found)
    )]
    Format { path: PathBuf, found: String },
    #[error("{}: {message}", crate::text::line(&path.display().to_string()))]
    Refused { path: PathBuf, message: String },
}

/// Keeps `text` to the characters in `ok`, at most `max` of them (for file names).
fn name_part(text: &str, ok: impl Fn(char) -> bool, max: usize) -> String {
    let part: String = text
        .chars()
        .map(|c| if ok(c) { c } else { '_' })
        .take(max)
        .collect();
    if part.is_empty() {
        "_".to_string()
    } else {
        part
    }
}

impl Record {
    /// A new, unfinished record of `scenario` starting now. The content hash is computed
    /// here ([`crate::scenario::hash::content_hash`]) so every record uses the same hash.
    pub fn new(scenario: &Scenario, path: Option<PathBuf>, seed: u64, mode: Mode) -> Record {
        Record {
            format: RECORD_FORMAT.to_string(),
            engine: ENGINE.to_string(),
            rng: RNG.to_string(),
            scenario: scenario.id.clone(),
            hash: crate::scenario::hash::content_hash(scenario),
            path,
            seed,
            choices: Vec::new(),
            answers: Vec::new(),
            mode,
            pseudonym: None,
            started_at: time::now_rfc3339(),
            finished: false,
            self_assessment: None,
            own_words: Vec::new(),
            share_own_words: false,
            room_votes: None,
        }
    }

    /// The record as it may leave this computer for a facilitator: the trainee's own
    /// words go only when they allowed it.
    pub fn handed_in(&self) -> Record {
        let mut record = self.clone();
        if !record.share_own_words {
            record.own_words.clear();
        }
        record
    }

    /// Takes the choices (in file order) and `finished` (an ending was reached; a stop at
    /// the turn limit is not finished) from a session: call after every turn, then save.
    pub fn update(&mut self, session: &crate::engine::Session) {
        self.choices = replay::file_choices(session);
        self.answers.clear();
        self.format = RECORD_FORMAT.to_string();
        self.engine = ENGINE.to_string();
        self.rng = RNG.to_string();
        self.finished = session.ending().is_some();
    }

    /// Number of answered turns the record holds.
    pub fn turns(&self) -> usize {
        self.choices.len().max(self.answers.len())
    }

    /// The file name: `<scenario-id>-<started>-<seed>.json`. Every part is reduced to
    /// safe characters, so no record field can steer where a file goes.
    pub fn file_name(&self) -> String {
        let id = name_part(
            &self.scenario,
            |c| c.is_ascii_alphanumeric() || c == '-',
            64,
        );
        let stamp = name_part(
            &time::compact_from_rfc3339(&self.started_at),
            |c| c.is_ascii_alphanumeric(),
            20,
        );
        format!("{id}-{stamp}-{}.json", self.seed)
    }

    /// Pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Parses a record from JSON text; `path` is only used in the error.
    pub fn from_json(text: &str, path: &Path) -> Result<Record, RecordError> {
        let parse = |message: String| RecordError::Parse {
            path: path.to_path_buf(),
            message,
        };
        let record: Record = serde_json::from_str(text).map_err(|err| parse(err.to_string()))?;
        if record.format != RECORD_FORMAT && record.format != RECORD_FORMAT_V1 {
            return Err(RecordError::Format {
                path: path.to_path_buf(),
                found: record.format,
            });
        }
        if !record.choices.is_empty() && !record.answers.is_empty() {
            return Err(parse(
                "it has both `choices` and `answers`; a record keeps one of them".to_string(),
            ));
        }
        if record.format == RECORD_FORMAT_V1 && !record.choices.is_empty() {
            return Err(parse("format 1 has no `choices`".to_string()));
        }
        Ok(record)
    }

    /// Writes the record as a new file in `dir` (created when needed) and returns its path.
    /// Never replaces a file: when the name is taken (another session of the same
    /// scenario and seed started in the same second, perhaps in another process at this
    /// very moment), a random suffix is added and the creation retried.
    pub fn save(&self, dir: &Path) -> Result<PathBuf, RecordError> {
        let json = self.to_json();
        let name = self.file_name();
        let stem = name.trim_end_matches(".json");
        let mut path = dir.join(&name);
        for _ in 0..64 {
            match atomic::create_new(&path, json.as_bytes()) {
                Ok(()) => return Ok(path),
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
                    path = dir.join(format!("{stem}-{:08x}.json", fastrand::u32(..)));
                }
                Err(source) => return Err(RecordError::Io { path, source }),
            }
        }
        Err(RecordError::Refused {
            path,
            message: "no free file name after 64 tries".to_string(),
        })
    }

    /// Replaces the record at `path` atomically (autosaving after a turn overwrites the
    /// session's own file, found or created by [`Record::save`]).
    pub fn save_as(&self, path: &Path) -> Result<(), RecordError> {
        atomic::replace(path, self.to_json().as_bytes()).map_err(|source| RecordError::Io {
            path: path.to_path_buf(),
            source,
        })
    }
}

/// Autosaving one session: the record, and the file it goes to once the first save
/// created it; every later save replaces that file.
#[derive(Debug, Clone)]
pub struct Autosave {
    pub record: Record,
    dir: PathBuf,
    path: Option<PathBuf>,
}

impl Autosave {
    /// Prepares a record in `dir` for a session that is about to start, and removes
    /// temporary files that crashed writers left there. Nothing is written until
    /// [`Autosave::save`].
    pub fn new(
        dir: &Path,
        scenario: &Scenario,
        scenario_path: Option<PathBuf>,
        seed: u64,
        mode: Mode,
    ) -> Autosave {
        atomic::clean_stale(dir);
        Autosave {
            record: Record::new(scenario, scenario_path, seed, mode),
            dir: dir.to_path_buf(),
            path: None,
        }
    }

    /// Continues a record found by [`resumable`] at `path` (the file it was read from,
    /// never a name built from its fields).
    pub fn resume(path: PathBuf, record: Record) -> Autosave {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Autosave {
            record,
            dir,
            path: Some(path),
        }
    }

    /// The file the record is written to, once it exists.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Takes the session's choices and state, then writes the record atomically.
    pub fn save(&mut self, session: &crate::engine::Session) -> Result<&Path, RecordError> {
        self.record.update(session);
        match &self.path {
            Some(path) => self.record.save_as(path)?,
            None => self.path = Some(self.record.save(&self.dir)?),
        }
        Ok(self.path.as_deref().unwrap_or(&self.dir))
    }
}

/// What a record keeps beside the session's answers, as the app knows it after a turn.
#[derive(Debug, Clone, Copy, Default)]
pub struct TurnNotes<'a> {
    pub pseudonym: Option<&'a str>,
    pub own_words: &'a [OwnWords],
    /// Classroom mode: the room's ballots.
    pub room_votes: Option<&'a RoomVotes>,
}

/// The app's autosave after a turn, on its own two fields: creates the record on the first
/// call (a new file, never replacing one), then replaces that file. Returns its path.
pub fn save_turn(
    dir: &Path,
    record: &mut Option<Record>,
    path: &mut Option<PathBuf>,
    session: &crate::engine::Session,
    mode: Mode,
    notes: TurnNotes,
) -> Result<PathBuf, RecordError> {
    let mut autosave = match (record.take(), path.take()) {
        (Some(r), Some(p)) => Autosave::resume(p, r),
        (Some(r), None) => {
            let mut a = Autosave::new(dir, session.scenario(), None, r.seed, r.mode);
            a.record = r;
            a
        }
        (None, _) => Autosave::new(dir, session.scenario(), None, session.seed(), mode),
    };
    autosave.record.pseudonym = notes.pseudonym.map(str::to_string);
    autosave.record.own_words = notes.own_words.to_vec();
    autosave.record.room_votes = notes.room_votes.filter(|r| !r.turns.is_empty()).cloned();
    let result = autosave.save(session).map(Path::to_path_buf);
    *path = autosave.path.clone();
    *record = Some(autosave.record);
    result
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

/// Reads one record file: only a regular file of at most [`MAX_RECORD_BYTES`].
pub fn load_record(path: &Path) -> Result<Record, RecordError> {
    let refused = |message: String| RecordError::Refused {
        path: path.to_path_buf(),
        message,
    };
    let len = crate::scenario::walk::regular_file(path).map_err(|why| refused(why.to_string()))?;
    if len > MAX_RECORD_BYTES {
        return Err(refused(format!(
            "{len} bytes is too large for a session record (at most {MAX_RECORD_BYTES})"
        )));
    }
    let io = |source| RecordError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    fs::File::open(path)
        .map_err(io)?
        .take(MAX_RECORD_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_RECORD_BYTES {
        return Err(refused(format!(
            "the file grew past {MAX_RECORD_BYTES} bytes while it was read"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| RecordError::Parse {
        path: path.to_path_buf(),
        message: "the file is not UTF-8 text".to_string(),
    })?;
    Record::from_json(&text, path)
}

/// The `*.json` files directly in `dir` that may be records (regular files, no
/// temporary files), sorted. A missing folder has none.
pub fn record_files(dir: &Path) -> Result<Vec<PathBuf>, RecordError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(RecordError::Io {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && p.is_file())
        .collect();
    paths.sort();
    Ok(paths)
}

/// The records found in a folder, and the files that could not be read.
#[derive(Debug, Default)]
pub struct Listing {
    /// Readable records with their paths, sorted by path.
    pub records: Vec<(PathBuf, Record)>,
    /// Files that looked like records but could not be read.
    pub broken: Vec<RecordError>,
}

/// Every `*.json` record in `dir` (not recursive), sorted by path. Broken files are
/// reported in [`Listing::broken`], never fatal; a missing folder is an empty listing.
/// Holds every record in memory: for many, stream [`record_files`] instead.
pub fn list_records(dir: &Path) -> Listing {
    let mut listing = Listing::default();
    match record_files(dir) {
        Ok(paths) => {
            for path in paths {
                match load_record(&path) {
                    Ok(record) => listing.records.push((path, record)),
                    Err(err) => listing.broken.push(err),
                }
            }
        }
        Err(err) => listing.broken.push(err),
    }
    listing
}

/// The session to offer for resuming: the most recent unfinished record with at least
/// one answer, played on exactly the version (content hash) of one of `scenarios`. Rebuild
/// it with [`replay::resume`], then keep saving with [`Autosave::resume`] (or
/// [`save_turn`]) at the returned path.
pub fn resumable<'a>(
    dir: &Path,
    scenarios: impl IntoIterator<Item = &'a Scenario>,
) -> Option<(PathBuf, Record)> {
    resumable_in(&list_records(dir).records, scenarios)
}

/// [`resumable`] over records already read.
pub fn resumable_in<'a>(
    records: &[(PathBuf, Record)],
    scenarios: impl IntoIterator<Item = &'a Scenario>,
) -> Option<(PathBuf, Record)> {
    let versions: std::collections::BTreeMap<&str, String> = scenarios
        .into_iter()
        .map(|s| (s.id.as_str(), crate::scenario::hash::content_hash(s)))
        .collect();
    records
        .iter()
        .filter(|(_, r)| {
            !r.finished && r.turns() > 0 && versions.get(r.scenario.as_str()) == Some(&r.hash)
        })
        .max_by(|(pa, a), (pb, b)| a.started_at.cmp(&b.started_at).then(pa.cmp(pb)))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Record {
        Record {
            format: RECORD_FORMAT.to_string(),
            engine: ENGINE.to_string(),
            rng: RNG.to_string(),
            scenario: "paspoort-pinnen".to_string(),
            hash: "sha256:00".to_string(),
            path: None,
            seed: 3,
            choices: vec!["2".to_string(), "1+3".to_string()],
            answers: Vec::new(),
            mode: Mode::Practice,
            pseudonym: None,
            started_at: "2026-11-23T17:05:57Z".to_string(),
            finished: false,
            self_assessment: None,
            own_words: Vec::new(),
            share_own_words: false,
            room_votes: None,
        }
    }

    #[test]
    fn own_words_stay_home_unless_the_trainee_lets_them_go() {
        let mut record = sample();
        record.own_words.push(OwnWords {
            turn: 1,
            text: "Wat vervelend dat u zo lang moest wachten.".to_string(),
            checked: vec!["name_emotion".to_string()],
        });
        record.self_assessment = Some(SelfAssessment {
            how_it_went: "Rommelig begin".to_string(),
            steps: [("active_listening".to_string(), 4)].into(),
            pitfalls: vec!["justifying".to_string()],
        });
        let back = Record::from_json(&record.to_json(), Path::new("r.json")).unwrap();
        assert_eq!(
            back, record,
            "own words and self-assessment survive the file"
        );
        let handed = record.handed_in();
        assert!(handed.own_words.is_empty());
        assert!(!handed.to_json().contains("lang moest wachten"));
        assert_eq!(handed.self_assessment, record.self_assessment);
        record.share_own_words = true;
        assert_eq!(record.handed_in().own_words.len(), 1);
    }

    #[test]
    fn save_creates_without_replacing_and_save_as_overwrites_its_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut record = sample();
        let first = record.save(dir.path()).unwrap();
        assert_eq!(
            first.file_name().unwrap(),
            "paspoort-pinnen-20261123T170557Z-3.json"
        );
        record.choices.push("1".to_string());
        record.finished = true;
        record.save_as(&first).unwrap();
        assert_eq!(load_record(&first).unwrap(), record);
        // Same scenario, seed and second: a second file, the first one untouched.
        let second = sample().save(dir.path()).unwrap();
        assert_ne!(first, second);
        assert_eq!(load_record(&first).unwrap(), record);
        assert_eq!(load_record(&second).unwrap(), sample());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn crafted_fields_never_steer_the_file_name() {
        let mut record = sample();
        record.started_at = "../../../../tmp/evil/x".to_string();
        record.scenario = "../../etc/passwd\n".to_string();
        let name = record.file_name();
        assert!(!name.contains('/') && !name.contains('\\') && !name.contains('\n'));
        assert!(!name.contains(".."), "{name}");
        let dir = tempfile::tempdir().unwrap();
        let path = record.save(dir.path()).unwrap();
        assert_eq!(path.parent(), Some(dir.path()));
    }

    #[test]
    fn listing_skips_broken_files_and_resumes_the_latest_unfinished_of_this_version() {
        let scenario = crate::scenario::bundled()
            .into_iter()
            .filter_map(|b| crate::scenario::load_str(b.text, Path::new(b.path)).ok())
            .find(|s| s.id == "paspoort-pinnen")
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut a = sample();
        a.hash = crate::scenario::hash::content_hash(&scenario);
        a.save(dir.path()).unwrap();
        a.started_at = "2026-11-24T08:00:00Z".to_string();
        a.save(dir.path()).unwrap();
        a.started_at = "2026-11-25T08:00:00Z".to_string();
        a.finished = true;
        a.save(dir.path()).unwrap();
        // Newer, but played on another version of the scenario.
        a.started_at = "2026-11-26T08:00:00Z".to_string();
        a.finished = false;
        a.hash = "sha256:00".to_string();
        a.save(dir.path()).unwrap();
        fs::write(dir.path().join("broken.json"), "{ not json").unwrap();
        fs::write(dir.path().join("binary.json"), [0xff, 0xfe, 0]).unwrap();
        fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
        let listing = list_records(dir.path());
        assert_eq!(listing.records.len(), 4);
        assert_eq!(listing.broken.len(), 2);
        let (path, latest) = resumable(dir.path(), [&scenario]).unwrap();
        assert_eq!(latest.started_at, "2026-11-24T08:00:00Z");
        let resumed = Autosave::resume(path.clone(), latest);
        assert_eq!(resumed.path(), Some(path.as_path()));
        assert!(resumable(dir.path(), []).is_none());
    }

    #[test]
    fn wrong_format_and_mixed_fields_are_clear_errors() {
        let text = sample()
            .to_json()
            .replace(RECORD_FORMAT, "klachtwijs.record/99");
        let err = Record::from_json(&text, Path::new("x.json")).unwrap_err();
        assert!(err.to_string().contains("unsupported record format"));
        let mut both = sample();
        both.answers = vec!["1".to_string()];
        let err = Record::from_json(&both.to_json(), Path::new("x.json")).unwrap_err();
        assert!(err.to_string().contains("both"), "{err}");
    }

    #[test]
    fn a_huge_record_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        let file = fs::File::create(&path).unwrap();
        file.set_len(MAX_RECORD_BYTES * 50).unwrap();
        let err = load_record(&path).unwrap_err().to_string();
        assert!(err.contains("too large"), "{err}");
    }
}
