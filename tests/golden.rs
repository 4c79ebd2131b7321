//! Golden transcripts: every `tests/golden/*.ron` names a scenario and its cases (seed and
//! choices, with a comment on what the path does). What each case yields (ending, total,
//! step scores, pitfalls) is an insta snapshot per file, `tests/golden/snapshots/<file>.snap`;
//! cases on the fixture scenarios also keep their whole JSON and Markdown debriefs.
//!
//! After a deliberate change: `cargo insta review` (or `cargo insta test --review`) shows
//! every changed snapshot as a diff to accept or reject; without cargo-insta,
//! `INSTA_UPDATE=always cargo test --test golden` writes them and `git diff` shows them.

use std::fmt::Write as _;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use klachtwijs::debrief::{self, Debrief};
use klachtwijs::records::replay;
use klachtwijs::rubric::model::Rubric;
use klachtwijs::scenario::{self, model::Scenario};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Golden {
    scenario: String,
    cases: Vec<Case>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    seed: u64,
    choices: String,
}

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A bundled id, or a path relative to the crate root.
fn load_scenario(name: &str) -> Result<Arc<Scenario>, String> {
    let path = crate_root().join(name);
    if name.ends_with(".ron") || path.is_file() {
        return scenario::load_file(&path)
            .map(Arc::new)
            .map_err(|d| format!("{name}: {d:?}"));
    }
    for b in scenario::bundled() {
        if let Ok(s) = scenario::load_str(b.text, Path::new(b.path))
            && s.id == name
        {
            return Ok(Arc::new(s));
        }
    }
    Err(format!("no bundled scenario with id `{name}`"))
}

fn run_case(scenario: &Arc<Scenario>, case: &Case) -> Result<Debrief, String> {
    let answers: Vec<String> = case
        .choices
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let played = replay::play(
        scenario.clone(),
        Rubric::bundled(),
        case.seed,
        &answers,
        None,
    )
    .map_err(|e| e.to_string())?;
    Ok(played.debrief)
}

/// A case's outcome as its snapshot shows it: ending, total, steps in the model's order,
/// pitfalls in the order they fell.
fn outcome(case: &Case, d: &Debrief) -> String {
    let mut s = String::new();
    let ending = d.ending.as_ref().map_or("(unfinished)", |e| e.id.as_str());
    let _ = writeln!(
        s,
        "{} (seed {}, choices {})",
        case.name, case.seed, case.choices
    );
    let _ = writeln!(s, "  ending {ending}, score {}", d.score);
    let steps: Vec<String> = d
        .steps
        .iter()
        .map(|st| format!("{} {}", st.id, st.score))
        .collect();
    let _ = writeln!(s, "  steps {}", steps.join(", "));
    let pitfalls: Vec<&str> = d.pitfalls.iter().map(|p| p.id.as_str()).collect();
    let _ = writeln!(
        s,
        "  pitfalls {}",
        if pitfalls.is_empty() {
            "-".to_string()
        } else {
            pitfalls.join(", ")
        }
    );
    s
}

/// Compares one snapshot; a mismatch is returned (insta has written `.snap.new` beside it
/// for review) instead of ending the run, so one run shows every change.
fn check_snapshot(name: &str, value: &str) -> Option<String> {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(crate_root().join("tests/golden/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let result = catch_unwind(AssertUnwindSafe(|| {
        settings.bind(|| insta::assert_snapshot!(name, value));
    }));
    result.err().map(|_| format!("snapshot `{name}` changed"))
}

#[test]
fn golden_transcripts() {
    let dir = crate_root().join("tests/golden");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/golden exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no golden files in {}", dir.display());

    let mut failures = Vec::new();
    let mut cases_run = 0;
    for file in &files {
        let name = file.display();
        let text = fs::read_to_string(file).expect("golden file readable");
        let golden: Golden = match ron::Options::default().from_str(&text) {
            Ok(g) => g,
            Err(err) => {
                failures.push(format!("{name}: does not parse: {err}"));
                continue;
            }
        };
        let scenario = match load_scenario(&golden.scenario) {
            Ok(s) => s,
            Err(err) => {
                failures.push(format!("{name}: {err}"));
                continue;
            }
        };
        let is_fixture = golden.scenario.starts_with("tests/fixtures/");
        let stem = file
            .file_stem()
            .map_or(String::new(), |s| s.to_string_lossy().into_owned());
        let mut outcomes = String::new();
        for case in &golden.cases {
            cases_run += 1;
            match run_case(&scenario, case) {
                Err(err) => failures.push(format!("{name}: case {:?}: {err}", case.name)),
                Ok(debrief) => {
                    outcomes.push_str(&outcome(case, &debrief));
                    if is_fixture {
                        let base = format!("{stem}-{}", case.name);
                        let json = debrief::export::json(&debrief);
                        let md = debrief::export::markdown(&debrief);
                        failures.extend(check_snapshot(&format!("{base}.json"), &json));
                        failures.extend(check_snapshot(&format!("{base}.md"), &md));
                    }
                }
            }
        }
        failures.extend(check_snapshot(&stem, &outcomes));
    }
    assert!(
        failures.is_empty(),
        "{} golden problem(s) in {cases_run} cases (review with `cargo insta review` after a deliberate change):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
