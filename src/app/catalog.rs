//! The scenario library as the app holds it: every scenario that loaded, every file that
//! did not (with its diagnostics), and the rubric.
//!
//! Start-up checks only what decides whether a scenario plays (fields and structure, a few
//! milliseconds), so the first frame is not kept waiting. The path analysis, which can take
//! a second per file, runs afterwards on a background thread for the user's own files only:
//! its findings are for the author, and the bundled library is checked in CI.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;

use super::background::{Background, Polled};
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};

use super::AppConfig;
use super::state::AppSystems;
use crate::rubric::model::Rubric;
use crate::scenario::check::{self, Depth};
use crate::scenario::diagnostic::{Diagnostic, Severity, Text};
use crate::scenario::library::Library;
use crate::scenario::load;
use crate::scenario::model::Scenario;

/// One finding about a scenario file, ready to show. Message and hint are kept in both
/// languages, so a change of the UI language shows at once, without checking again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagnosticView {
    /// `file:line:col`.
    pub location: String,
    /// The line it points at (1-based), to place it on the map.
    pub line: usize,
    /// `KW001`; the screen puts the severity word before it, in the UI language.
    pub code: String,
    pub message: Text,
    pub hint: Text,
    pub severity: Severity,
    /// The file's line with a caret under the column, as `klachtwijs check` prints it.
    pub excerpt: Option<String>,
}

impl DiagnosticView {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Where a scenario came from: the library's own type.
pub use crate::scenario::library::Source;

/// A scenario that loaded.
#[derive(Debug, Clone)]
pub struct Entry {
    pub scenario: Arc<Scenario>,
    pub source: Source,
    /// Warnings and notes from the checker (the scenario still plays).
    pub warnings: Vec<DiagnosticView>,
    /// Of the file's bytes ([`crate::scenario::hash::file_hash`]), to tell whether it changed on disk.
    pub file_hash: String,
}

/// A file that did not load, kept in the list with what is wrong.
#[derive(Debug, Clone)]
pub struct Broken {
    pub source: Source,
    pub diagnostics: Vec<DiagnosticView>,
}

/// Everything the library shows.
#[derive(Resource, Debug, Clone)]
pub struct Catalog {
    pub entries: Vec<Entry>,
    pub broken: Vec<Broken>,
    pub rubric: Arc<Rubric>,
    /// Set when `--rubric FILE` could not be read; the bundled rubric is used instead.
    pub rubric_error: Option<String>,
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog {
            entries: Vec::new(),
            broken: Vec::new(),
            rubric: Arc::new(Rubric::bundled().clone()),
            rubric_error: None,
        }
    }
}

impl Catalog {
    /// Loads the bundled scenarios and every `*.ron` in the given folders, checked against
    /// the rubric to [`Depth::Structure`]; [`Analysing`] does the rest for the user's own files.
    pub fn load(config: &AppConfig) -> Catalog {
        let mut catalog = Catalog::default();
        if let Some(path) = &config.rubric_path {
            match std::fs::read_to_string(path)
                .map_err(|e| e.to_string())
                .and_then(|t| {
                    ron::Options::default()
                        .from_str::<Rubric>(&t)
                        .map_err(|e| e.to_string())
                }) {
                Ok(rubric) => catalog.rubric = Arc::new(rubric),
                Err(err) => catalog.rubric_error = Some(format!("{}: {err}", path.display())),
            }
        }
        let library = Library::load_with(
            &config.extra_scenario_dirs,
            &catalog.rubric,
            Depth::Structure,
        );
        for entry in library.entries {
            let source = entry.source.clone();
            catalog.push(source, entry.result, &entry.warnings, entry.file_hash, None);
        }
        catalog
    }

    /// Loads and fully checks one file's text, adding it as an entry or as a broken file.
    pub fn add(&mut self, source: Source, text: &str) {
        let file = source.path();
        let report = check::check_str(text, &file, &self.rubric);
        let hash = crate::scenario::hash::file_hash(text.as_bytes());
        let result = match report.scenario {
            Some(s) if !report.has_errors() => Ok(s),
            _ => Err(report.diagnostics.clone()),
        };
        let warnings = if result.is_ok() {
            report.diagnostics
        } else {
            Vec::new()
        };
        self.push(source, result, &warnings, hash, Some(text));
    }

    /// Adds a checked file; `text` is its content when the caller has it at hand (else it is
    /// read again, only when there is something to quote).
    fn push(
        &mut self,
        source: Source,
        result: Result<Arc<Scenario>, Vec<Diagnostic>>,
        warnings: &[Diagnostic],
        hash: String,
        text: Option<&str>,
    ) {
        let has_findings = !warnings.is_empty() || result.is_err();
        let read_again = match text {
            None if has_findings => source.text(),
            _ => None,
        };
        let text = text.or(read_again.as_deref());
        let view = |d: &Diagnostic| diagnostic_view(d, text);
        match result {
            Ok(scenario) => self.entries.push(Entry {
                scenario,
                source,
                warnings: warnings.iter().map(view).collect(),
                file_hash: hash,
            }),
            Err(diagnostics) => self.broken.push(Broken {
                source,
                diagnostics: diagnostics.iter().map(view).collect(),
            }),
        }
    }

    /// The entry with this scenario id.
    pub fn find(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.scenario.id == id)
    }

    /// Takes in the findings of a finished analysis, for files that did not change since.
    fn merge(&mut self, analysed: Vec<Analysed>) {
        for a in analysed {
            if let Some(entry) = self
                .entries
                .iter_mut()
                .find(|e| e.file_hash == a.hash && e.source == Source::File(a.path.clone()))
            {
                entry.warnings = a.warnings;
            }
        }
    }
}

/// The full check of one of the user's files, done off the main thread.
#[derive(Debug)]
pub struct Analysed {
    path: PathBuf,
    /// Of the bytes that were analysed; a file edited meanwhile is left as it is.
    hash: String,
    warnings: Vec<DiagnosticView>,
}

fn own_files(catalog: &Catalog) -> Vec<PathBuf> {
    catalog
        .entries
        .iter()
        .filter_map(|e| match &e.source {
            Source::File(path) => Some(path.clone()),
            Source::Bundled(_) => None,
        })
        .collect()
}

fn analyse(path: PathBuf, rubric: &Rubric) -> Option<Analysed> {
    let bytes = load::read_file(&path).ok()?;
    let report = check::check_bytes(&bytes, &path, rubric);
    let text = std::str::from_utf8(&bytes).ok();
    Some(Analysed {
        hash: crate::scenario::hash::file_hash(&bytes),
        warnings: report
            .diagnostics
            .iter()
            .map(|d| diagnostic_view(d, text))
            .collect(),
        path,
    })
}

/// The analysis under way, if any.
#[derive(Resource, Default)]
pub struct Analysing(Option<Background<Vec<Analysed>>>);

impl Analysing {
    /// Starts analysing the catalog's own files (replacing an analysis under way). The
    /// task wakes the sleeping event loop when it is done.
    pub fn start(&mut self, catalog: &Catalog, proxy: Option<&EventLoopProxyWrapper>) {
        let files = own_files(catalog);
        if files.is_empty() {
            self.0 = None;
            return;
        }
        let rubric = catalog.rubric.clone();
        let proxy = proxy.map(|p| (**p).clone());
        self.0 = Some(Background::spawn("file analysis", move || {
            let done: Vec<Analysed> = files
                .into_iter()
                .filter_map(|path| analyse(path, &rubric))
                .collect();
            if let Some(proxy) = proxy {
                let _ = proxy.send_event(WinitUserEvent::WakeUp);
            }
            done
        }));
    }

    /// Whether an analysis is still running.
    pub fn running(&self) -> bool {
        self.0.is_some()
    }
}

/// A diagnostic as the screens show it, with the line of `source` it points at.
pub fn diagnostic_view(d: &Diagnostic, source: Option<&str>) -> DiagnosticView {
    DiagnosticView {
        location: format!("{}:{}:{}", d.file.display(), d.line, d.col),
        line: d.line,
        code: d.code.to_string(),
        message: d.message.clone(),
        hint: d.hint.clone(),
        severity: d.severity,
        excerpt: source.and_then(|text| crate::text::source_excerpt(text, d.line, d.col)),
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Catalog>()
        .init_resource::<Analysing>()
        .add_systems(Startup, load_at_startup)
        .add_systems(
            Update,
            finish_analysis
                .run_if(|a: Res<Analysing>| a.running())
                .in_set(AppSystems::Input),
        );
}

fn load_at_startup(
    config: Option<Res<AppConfig>>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
    mut catalog: ResMut<Catalog>,
    mut analysing: ResMut<Analysing>,
) {
    if let Some(config) = config {
        *catalog = Catalog::load(&config);
        analysing.start(&catalog, proxy.as_deref());
    }
}

fn finish_analysis(
    mut analysing: ResMut<Analysing>,
    mut catalog: ResMut<Catalog>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let Some(task) = analysing.0.as_ref() else {
        return;
    };
    match task.poll() {
        Polled::Running => {}
        Polled::Done(done) => {
            analysing.0 = None;
            catalog.merge(done);
            redraw.write(bevy::window::RequestRedraw);
        }
        Polled::Lost => analysing.0 = None,
    }
}
