//! The scenario library as the app holds it: every scenario that loaded, every file that
//! did not (with its diagnostics), and the rubric.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;

use super::AppConfig;
use crate::rubric::model::Rubric;
use crate::scenario::check;
use crate::scenario::diagnostic::{Diagnostic, Severity};
use crate::scenario::library::{self, Library};
use crate::scenario::model::Scenario;

/// One finding about a scenario file, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagnosticView {
    /// `file:line:col`.
    pub location: String,
    /// `error[KW001]` or `warning[KW…]`.
    pub code: String,
    pub message: String,
    pub hint: String,
    pub is_error: bool,
}

/// Where a scenario came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Embedded in the binary.
    Bundled(String),
    /// A file in a `--scenarios` folder.
    File(PathBuf),
}

impl Source {
    pub fn display(&self) -> String {
        match self {
            Source::Bundled(p) => p.clone(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// A scenario that loaded.
#[derive(Debug, Clone)]
pub struct Entry {
    pub scenario: Arc<Scenario>,
    pub source: Source,
    /// Warnings from the checker (the scenario still plays).
    pub warnings: Vec<DiagnosticView>,
    /// `sha256:<hex>` of the file, for the records.
    pub hash: String,
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
    /// Loads the bundled scenarios and every `*.ron` in the given folders, checked
    /// against the rubric (the engine's `Library`).
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
        let library = Library::load_with(&config.extra_scenario_dirs, &catalog.rubric);
        for entry in library.entries {
            let source = match &entry.source {
                library::Source::Bundled(p) => Source::Bundled((*p).to_string()),
                library::Source::File(p) => Source::File(p.clone()),
            };
            catalog.push(source, entry.result, &entry.warnings, entry.text_hash);
        }
        catalog
    }

    /// Loads and checks one file's text, adding it as an entry or as a broken file.
    pub fn add(&mut self, source: Source, text: &str) {
        let file = PathBuf::from(source.display());
        let report = check::check_str(text, &file, &self.rubric);
        let hash = library::content_hash(text.as_bytes());
        let result = match report.scenario {
            Some(s) if !report.has_errors() => Ok(s),
            _ => Err(report.diagnostics.clone()),
        };
        let warnings = if result.is_ok() {
            report.diagnostics
        } else {
            Vec::new()
        };
        self.push(source, result, &warnings, hash);
    }

    fn push(
        &mut self,
        source: Source,
        result: Result<Arc<Scenario>, Vec<Diagnostic>>,
        warnings: &[Diagnostic],
        hash: String,
    ) {
        match result {
            Ok(scenario) => self.entries.push(Entry {
                scenario,
                source,
                warnings: warnings.iter().map(diagnostic_view).collect(),
                hash,
            }),
            Err(diagnostics) => self.broken.push(Broken {
                source,
                diagnostics: diagnostics.iter().map(diagnostic_view).collect(),
            }),
        }
    }

    /// The entry with this scenario id.
    pub fn find(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.scenario.id == id)
    }
}

/// A diagnostic as the screens show it.
pub fn diagnostic_view(d: &Diagnostic) -> DiagnosticView {
    DiagnosticView {
        location: format!("{}:{}:{}", d.file.display(), d.line, d.col),
        code: format!("{}[{}]", d.severity.as_str(), d.code),
        message: d.message.clone(),
        hint: d.hint.clone(),
        is_error: d.severity == Severity::Error,
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Catalog>()
        .add_systems(Startup, load_at_startup);
}

fn load_at_startup(config: Option<Res<AppConfig>>, mut catalog: ResMut<Catalog>) {
    if let Some(config) = config {
        *catalog = Catalog::load(&config);
    }
}
