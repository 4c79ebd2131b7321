//! Finding scenarios and the rubric for the command line: bundled ids, files, `--scenarios`
//! folders and `--rubric`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::scenario::walk;
use crate::text::line;
use std::sync::Arc;

use super::Failure;
use super::colour::Colour;
use crate::rubric::model::Rubric;
use crate::scenario::check::{self, CheckReport};
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::model::{Language, Scenario};
use crate::scenario::{self, load};

/// Global options every command shares.
#[derive(Debug, Default)]
pub struct Context {
    pub extra_dirs: Vec<PathBuf>,
    pub rubric_path: Option<PathBuf>,
}

/// A scenario ready to play, with where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub scenario: Arc<Scenario>,
    /// The file it was read from; `None` for a bundled scenario.
    pub path: Option<PathBuf>,
}

/// One scenario to check: a file, or a scenario bundled in the binary.
pub enum CheckTarget {
    File(PathBuf),
    Bundled { path: PathBuf, text: &'static str },
}

impl CheckTarget {
    /// The path shown in diagnostics.
    pub fn path(&self) -> &Path {
        match self {
            CheckTarget::File(path) | CheckTarget::Bundled { path, .. } => path,
        }
    }

    /// Its text, for showing the line a finding points at (`None` when it cannot be read
    /// as UTF-8 within the size limit).
    pub fn text(&self) -> Option<String> {
        match self {
            CheckTarget::File(path) => {
                let bytes = load::read_file(path).ok()?;
                String::from_utf8(bytes).ok()
            }
            CheckTarget::Bundled { text, .. } => Some((*text).to_string()),
        }
    }

    /// Loads and checks it; unreadable, huge or non-UTF-8 files become diagnostics.
    pub fn check(&self, rubric: &Rubric) -> CheckReport {
        // `load::read_file` refuses FIFOs, devices and folders before opening them.
        match self {
            CheckTarget::File(path) => match load::read_file(path) {
                Ok(bytes) => check::check_bytes(&bytes, path, rubric),
                Err(diagnostic) => CheckReport {
                    diagnostics: vec![*diagnostic],
                    ..CheckReport::default()
                },
            },
            CheckTarget::Bundled { path, text } => check::check_str(text, path, rubric),
        }
    }
}

impl Context {
    /// The rubric: `--rubric FILE` or the bundled one.
    pub fn rubric(&self) -> Result<Rubric, Failure> {
        let Some(path) = &self.rubric_path else {
            return Ok(Rubric::bundled().clone());
        };
        let shown = line(&path.display().to_string()).into_owned();
        let len = walk::regular_file(path)
            .map_err(|why| Failure::usage(format!("{shown}: cannot read the rubric: {why}")))?;
        if len > load::MAX_FILE_BYTES as u64 {
            return Err(Failure::usage(format!(
                "{shown}: the rubric is {len} bytes; at most {} are read",
                load::MAX_FILE_BYTES
            )));
        }
        let text = fs::read_to_string(path)
            .map_err(|err| Failure::usage(format!("{shown}: cannot read the rubric: {err}")))?;
        let rubric = ron::Options::default()
            .from_str::<Rubric>(&text)
            .map_err(|err| {
                Failure::input(format!(
                    "{shown}:{}:{}: error: the rubric does not parse: {}",
                    err.span.start.line,
                    err.span.start.col,
                    line(&err.code.to_string())
                ))
            })?;
        validate_rubric(&rubric).map_err(|why| Failure::input(format!("{shown}: error: {why}")))?;
        Ok(rubric)
    }

    /// Resolves SCENARIO: an existing file path, else an id in the `--scenarios`
    /// folders, else a bundled id.
    pub fn scenario(&self, arg: &str) -> Result<Loaded, Failure> {
        let as_path = Path::new(arg);
        match walk::regular_file(as_path) {
            Ok(_) => {
                return self.load_path(as_path).map(|scenario| Loaded {
                    scenario,
                    path: Some(as_path.to_path_buf()),
                });
            }
            // It exists but is no file (a folder, a FIFO …): say so, do not open it.
            Err(why) if fs::symlink_metadata(as_path).is_ok() => {
                return Err(Failure::usage(format!(
                    "{}: {why}; give a scenario file (*.ron) or a scenario id",
                    line(arg)
                )));
            }
            Err(_) => {}
        }
        if let Some(found) = self.scenario_by_id(arg)? {
            return Ok(found);
        }
        if arg.ends_with(".ron") || arg.contains('/') || arg.contains('\\') {
            return Err(Failure::usage(format!("{}: no such file", line(arg))));
        }
        let ids = self.known_ids();
        Err(Failure::usage(format!(
            "no scenario with id or path `{}`. Known ids: {}",
            line(arg),
            if ids.is_empty() {
                "(none)".to_string()
            } else {
                ids.join(", ")
            }
        )))
    }

    /// The scenario with this id in the `--scenarios` folders, else among the bundled ones.
    fn scenario_by_id(&self, id: &str) -> Result<Option<Loaded>, Failure> {
        for dir in &self.extra_dirs {
            for file in ron_files(dir).map_err(Failure::usage)? {
                if let Ok(bytes) = load::read_file(&file)
                    && let Ok(text) = std::str::from_utf8(&bytes)
                    && let Ok(s) = load::load_str(text, &file)
                    && s.id == id
                {
                    // The same rule as `check`: a file with errors is not played.
                    return self.load_path(&file).map(|scenario| {
                        Some(Loaded {
                            scenario,
                            path: Some(file),
                        })
                    });
                }
            }
        }
        for bundled in scenario::bundled() {
            let path = Path::new(bundled.path);
            if let Ok(s) = load::load_str(bundled.text, path)
                && s.id == id
            {
                return Ok(Some(Loaded {
                    scenario: Arc::new(s),
                    path: None,
                }));
            }
        }
        Ok(None)
    }

    /// Finds the scenario of a record by its id alone, in the `--scenarios` folders and the
    /// bundled library. A record's fields are never used as paths: `recorded_path` only
    /// helps the message when the scenario is not found.
    pub fn scenario_for_record(
        &self,
        id: &str,
        recorded_path: Option<&Path>,
    ) -> Result<Loaded, Failure> {
        let valid = !id.is_empty()
            && id.len() <= 128
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            return Err(Failure::usage(format!(
                "the record names scenario `{}`, which is not a scenario id (a-z, 0-9 and -); \
                 records name scenarios by id, never by path",
                line(id)
            )));
        }
        if let Some(found) = self.scenario_by_id(id)? {
            return Ok(found);
        }
        let hint = match recorded_path.and_then(Path::parent) {
            Some(dir) => format!(
                "; it was played from a file in {}: add `--scenarios {}` (the path in a \
                 record is never opened by itself)",
                line(&dir.display().to_string()),
                line(&dir.display().to_string())
            ),
            None => "; add the folder that holds it with `--scenarios DIR`".to_string(),
        };
        Err(Failure::usage(format!(
            "scenario `{id}` is not in the library{hint}"
        )))
    }

    fn known_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = scenario::bundled()
            .iter()
            .filter_map(|b| load::load_str(b.text, Path::new(b.path)).ok())
            .map(|s| s.id)
            .collect();
        for dir in &self.extra_dirs {
            for file in ron_files(dir).unwrap_or_default() {
                if let Ok(s) = load::load_file(&file) {
                    ids.push(s.id);
                }
            }
        }
        ids.sort();
        ids.dedup();
        ids
    }

    /// The bundled library plus the `--scenarios` folders, as sources for `check`.
    pub fn library_targets(&self) -> Result<Vec<CheckTarget>, Failure> {
        let mut sources: Vec<CheckTarget> = scenario::bundled()
            .iter()
            .map(|b| CheckTarget::Bundled {
                path: PathBuf::from(b.path),
                text: b.text,
            })
            .collect();
        for dir in &self.extra_dirs {
            sources.extend(targets_of(dir)?);
        }
        Ok(sources)
    }
}

/// Loads one scenario file; diagnostics become an exit-1 failure listing them.
impl Context {
    /// Loads a scenario file for playing: refused, with the checker's own diagnostics,
    /// when `check` would report an error in it (one rule for `check`, `play`, `explore`
    /// and `replay`). The path analysis is not needed for that.
    fn load_path(&self, path: &Path) -> Result<Arc<Scenario>, Failure> {
        let bytes = load::read_file(path).map_err(|d| Failure::input(render_diagnostics(&[*d])))?;
        let rubric = self.rubric()?;
        let report = crate::scenario::check::check_bytes_to(
            &bytes,
            path,
            &rubric,
            crate::scenario::check::Depth::Structure,
        );
        let errors: Vec<Diagnostic> = report
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        match report.scenario {
            Some(scenario) if errors.is_empty() => Ok(scenario),
            _ => Err(Failure::input(render_diagnostics(&errors))),
        }
    }
}

/// Diagnostics as the checker prints them, one block per finding.
pub fn render_diagnostics(diags: &[Diagnostic]) -> String {
    let lines: Vec<String> = diags
        .iter()
        .map(|d| render_diagnostic(d, Language::En))
        .collect();
    format!("the scenario cannot be played:\n{}", lines.join("\n"))
}

/// One finding as `file:line:col: severity[code]: message` and its hint, message and hint
/// in `language`: every field from the file is one line ([`crate::text::line`]), so no id
/// can forge a line of its own.
pub fn render_diagnostic(d: &Diagnostic, language: Language) -> String {
    render_with_source(d, language, None, Colour::Off)
}

/// As [`render_diagnostic`], and when the file's text is given, the line the finding
/// points at with a caret under its column, between the finding and its hint; with
/// `colour` on, the severity and the caret in the severity's colour, the hint's label
/// cyan (nothing else changes):
///
/// ```text
/// x.ron:3:21: error[KW001]: a `"` inside a text ends it
///     3 |     says: ["Hij zei "nee"."],
///       |                     ^
///   hint: write `\"` for a quotation mark inside a text
/// ```
pub fn render_with_source(
    d: &Diagnostic,
    language: Language,
    source: Option<&str>,
    colour: Colour,
) -> String {
    let excerpt = source.and_then(|text| crate::text::source_excerpt(text, d.line, d.col));
    let d = d.in_language(language);
    let mut out = format!(
        "{}:{}:{}: {}: {}",
        line(&d.file.display().to_string()),
        d.line,
        d.col,
        colour.severity(d.severity, &format!("{}[{}]", d.severity.as_str(), d.code)),
        line(d.message)
    );
    if let Some(excerpt) = excerpt {
        out.push('\n');
        // The excerpt ends with its caret, shown in the severity's colour.
        match excerpt.strip_suffix('^') {
            Some(lines) => {
                out.push_str(lines);
                out.push_str(&colour.severity(d.severity, "^"));
            }
            None => out.push_str(&excerpt),
        }
    }
    if !d.hint.is_empty() {
        out.push_str("\n  ");
        out.push_str(&colour.hint("hint"));
        out.push_str(": ");
        out.push_str(&line(d.hint));
    }
    out
}

/// Checks what the scorer relies on in a `--rubric`: its format number, and at most 64
/// steps per model (steps and points are bit sets of a `u64`).
pub fn validate_rubric(rubric: &Rubric) -> Result<(), String> {
    use crate::rubric::model::RUBRIC_FORMAT;
    if rubric.format != RUBRIC_FORMAT {
        return Err(format!(
            "rubric format {} is not supported (this version reads format {RUBRIC_FORMAT})",
            rubric.format
        ));
    }
    for model in &rubric.models {
        if model.steps.len() > 64 {
            return Err(format!(
                "model `{}` has {} steps; at most 64 are supported",
                model.model.id(),
                model.steps.len()
            ));
        }
        crate::rubric::score::Scorer::new(model)
            .map_err(|why| format!("model `{}`: {why}", model.model.id()))?;
    }
    Ok(())
}

/// Every regular `*.ron` file under `dir` (see [`walk`]: no loops, no FIFOs), sorted.
/// What was skipped is noted on standard error.
pub fn ron_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let found = walk::ron_files(dir).map_err(|why| why.to_string())?;
    for (path, why) in &found.skipped {
        super::warn(&format!(
            "klachtwijs: note: skipped {}: {why}",
            line(&path.display().to_string())
        ));
    }
    Ok(found.files)
}

/// The sources behind a path argument: a file, or every `*.ron` under a folder.
pub fn targets_of(path: &Path) -> Result<Vec<CheckTarget>, Failure> {
    let shown = line(&path.display().to_string()).into_owned();
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            let files = ron_files(path).map_err(Failure::usage)?;
            Ok(files.into_iter().map(CheckTarget::File).collect())
        }
        Ok(meta) if meta.is_file() => Ok(vec![CheckTarget::File(path.to_path_buf())]),
        Ok(meta) => Err(Failure::usage(format!(
            "{shown}: is {}, not a scenario file or folder",
            walk::kind(&meta)
        ))),
        Err(_) => Err(Failure::usage(format!("{shown}: no such file or folder"))),
    }
}
