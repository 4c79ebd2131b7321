//! Finding scenarios and the rubric for the command line: bundled ids, files, `--scenarios`
//! folders and `--rubric`.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Failure;
use crate::rubric::model::Rubric;
use crate::scenario::check::{self, CheckReport};
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::model::Scenario;
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
pub enum Source {
    File(PathBuf),
    Bundled { path: PathBuf, text: &'static str },
}

impl Source {
    /// The path shown in diagnostics.
    pub fn path(&self) -> &Path {
        match self {
            Source::File(path) | Source::Bundled { path, .. } => path,
        }
    }

    /// Loads and checks it; unreadable, huge or non-UTF-8 files become diagnostics.
    pub fn check(&self, rubric: &Rubric) -> CheckReport {
        match self {
            Source::File(path) => match load::read_file(path) {
                Ok(bytes) => check::check_bytes(&bytes, path, rubric),
                Err(diagnostic) => CheckReport {
                    diagnostics: vec![diagnostic],
                    ..CheckReport::default()
                },
            },
            Source::Bundled { path, text } => check::check_str(text, path, rubric),
        }
    }
}

impl Context {
    /// The rubric: `--rubric FILE` or the bundled one.
    pub fn rubric(&self) -> Result<Rubric, Failure> {
        let Some(path) = &self.rubric_path else {
            return Ok(Rubric::bundled().clone());
        };
        let text = fs::read_to_string(path).map_err(|err| {
            Failure::usage(format!("{}: cannot read the rubric: {err}", path.display()))
        })?;
        ron::Options::default()
            .from_str::<Rubric>(&text)
            .map_err(|err| {
                Failure::input(format!(
                    "{}:{}:{}: error: the rubric does not parse: {}",
                    path.display(),
                    err.span.start.line,
                    err.span.start.col,
                    err.code
                ))
            })
    }

    /// Resolves SCENARIO: an existing file path, else an id in the `--scenarios`
    /// folders, else a bundled id.
    pub fn scenario(&self, arg: &str) -> Result<Loaded, Failure> {
        let as_path = Path::new(arg);
        if as_path.is_file() {
            return load_path(as_path).map(|scenario| Loaded {
                scenario,
                path: Some(as_path.to_path_buf()),
            });
        }
        for dir in &self.extra_dirs {
            for file in ron_files(dir).map_err(Failure::usage)? {
                if let Ok(text) = fs::read_to_string(&file)
                    && let Ok(s) = load::load_str(&text, &file)
                    && s.id == arg
                {
                    return Ok(Loaded {
                        scenario: Arc::new(s),
                        path: Some(file),
                    });
                }
            }
        }
        for bundled in scenario::bundled() {
            let path = Path::new(bundled.path);
            if let Ok(s) = load::load_str(bundled.text, path)
                && s.id == arg
            {
                return Ok(Loaded {
                    scenario: Arc::new(s),
                    path: None,
                });
            }
        }
        if arg.ends_with(".ron") || arg.contains('/') || arg.contains('\\') {
            return Err(Failure::usage(format!("{arg}: no such file")));
        }
        let ids = self.known_ids();
        Err(Failure::usage(format!(
            "no scenario with id or path `{arg}`. Known ids: {}",
            if ids.is_empty() {
                "(none)".to_string()
            } else {
                ids.join(", ")
            }
        )))
    }

    /// Loads a scenario for replay: its recorded path when it still exists, else by id.
    pub fn scenario_for_record(&self, id: &str, path: Option<&Path>) -> Result<Loaded, Failure> {
        if let Some(path) = path
            && path.is_file()
        {
            return load_path(path).map(|scenario| Loaded {
                scenario,
                path: Some(path.to_path_buf()),
            });
        }
        self.scenario(id)
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
    pub fn library_sources(&self) -> Result<Vec<Source>, Failure> {
        let mut sources: Vec<Source> = scenario::bundled()
            .iter()
            .map(|b| Source::Bundled {
                path: PathBuf::from(b.path),
                text: b.text,
            })
            .collect();
        for dir in &self.extra_dirs {
            sources.extend(sources_of(dir)?);
        }
        Ok(sources)
    }
}

/// Loads one scenario file; diagnostics become an exit-1 failure listing them.
fn load_path(path: &Path) -> Result<Arc<Scenario>, Failure> {
    load::load_file(path)
        .map(Arc::new)
        .map_err(|diags| Failure::input(render_diagnostics(&diags)))
}

/// Diagnostics as the checker prints them, one block per finding.
pub fn render_diagnostics(diags: &[Diagnostic]) -> String {
    let lines: Vec<String> = diags.iter().map(ToString::to_string).collect();
    format!("the scenario cannot be played:\n{}", lines.join("\n"))
}

/// Every `*.ron` file under `dir`, recursively, sorted.
pub fn ron_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = fs::read_dir(&d)
            .map_err(|err| format!("{}: cannot read the folder: {err}", d.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "ron") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The sources behind a path argument: a file, or every `*.ron` under a folder.
pub fn sources_of(path: &Path) -> Result<Vec<Source>, Failure> {
    if path.is_dir() {
        let files = ron_files(path).map_err(Failure::usage)?;
        Ok(files.into_iter().map(Source::File).collect())
    } else if path.exists() {
        Ok(vec![Source::File(path.to_path_buf())])
    } else {
        Err(Failure::usage(format!(
            "{}: no such file or folder",
            path.display()
        )))
    }
}
