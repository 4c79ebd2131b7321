//! Golden transcripts: every `tests/golden/*.ron` names a scenario and cases (seed +
//! choices → ending, total, step scores, pitfalls). Cases on the fixture scenarios also
//! keep byte-exact JSON and Markdown debriefs in `tests/golden/snapshots/`.
//!
//! After a deliberate change, bless: `KLACHTWIJS_BLESS=1 cargo test --test golden`
//! rewrites the expected values in place (cases, names, seeds, choices and comments stay).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
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
    ending: String,
    score: u8,
    steps: BTreeMap<String, u8>,
    pitfalls: Vec<String>,
}

/// What a case actually produced, in the model's step order.
struct Actual {
    ending: String,
    score: u8,
    steps: Vec<(String, u8)>,
    pitfalls: Vec<String>,
}

const UNFINISHED: &str = "(unfinished)";

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn blessing() -> bool {
    std::env::var_os("KLACHTWIJS_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
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

fn run_case(scenario: &Arc<Scenario>, case: &Case) -> Result<(Debrief, Actual), String> {
    let answers: Vec<String> = case
        .choices
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let rubric = Rubric::bundled();
    let played = replay::play(scenario.clone(), rubric, case.seed, &answers, None)
        .map_err(|e| e.to_string())?;
    let d = played.debrief;
    let actual = Actual {
        ending: d
            .ending
            .as_ref()
            .map_or(UNFINISHED.to_string(), |e| e.id.clone()),
        score: d.score,
        steps: d.steps.iter().map(|s| (s.id.clone(), s.score)).collect(),
        pitfalls: d.pitfalls.iter().map(|p| p.id.clone()).collect(),
    };
    Ok((d, actual))
}

fn diff(case: &Case, actual: &Actual) -> Vec<String> {
    let mut out = Vec::new();
    if case.ending != actual.ending {
        out.push(format!(
            "ending: expected {:?}, got {:?}",
            case.ending, actual.ending
        ));
    }
    if case.score != actual.score {
        out.push(format!(
            "score: expected {}, got {}",
            case.score, actual.score
        ));
    }
    let got: BTreeMap<String, u8> = actual.steps.iter().cloned().collect();
    for (id, want) in &case.steps {
        match got.get(id) {
            Some(have) if have == want => {}
            Some(have) => out.push(format!("steps.{id}: expected {want}, got {have}")),
            None => out.push(format!(
                "steps.{id}: expected {want}, but the model has no such step"
            )),
        }
    }
    for (id, have) in &got {
        if !case.steps.contains_key(id) {
            out.push(format!("steps.{id}: not in the file, got {have}"));
        }
    }
    if case.pitfalls != actual.pitfalls {
        out.push(format!(
            "pitfalls: expected {:?}, got {:?}",
            case.pitfalls, actual.pitfalls
        ));
    }
    out
}

/// The new RON text of the four blessable fields of a case.
fn blessed_values(actual: &Actual) -> [(&'static str, String); 4] {
    let steps: Vec<String> = actual
        .steps
        .iter()
        .map(|(id, v)| format!("{id:?}: {v}"))
        .collect();
    let pitfalls: Vec<String> = actual.pitfalls.iter().map(|p| format!("{p:?}")).collect();
    [
        ("ending", format!("{:?}", actual.ending)),
        ("score", actual.score.to_string()),
        ("steps", format!("{{{}}}", steps.join(", "))),
        ("pitfalls", format!("[{}]", pitfalls.join(", "))),
    ]
}

/// For each `Case(...)` in the text, in order, the byte ranges of its field values.
/// A small scanner that skips strings and comments, so blessing can rewrite values in
/// place and keep the author's comments and layout.
fn case_fields(text: &str) -> Vec<Vec<(String, std::ops::Range<usize>)>> {
    let b = text.as_bytes();
    let mut cases: Vec<Vec<(String, std::ops::Range<usize>)>> = Vec::new();
    let (mut i, mut depth) = (0usize, 0usize);
    let mut case_depth: Option<usize> = None;
    let mut field: Option<(String, usize)> = None;
    let close = |field: &mut Option<(String, usize)>, end: usize, cases: &mut Vec<Vec<_>>| {
        if let Some((name, start)) = field.take() {
            let value = text[start..end].trim_end();
            if let Some(case) = cases.last_mut() {
                case.push((name, start..start + value.len()));
            }
        }
    };
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                if case_depth == Some(depth) {
                    close(&mut field, i, &mut cases);
                    case_depth = None;
                }
                depth = depth.saturating_sub(1);
            }
            b',' if case_depth == Some(depth) => close(&mut field, i, &mut cases),
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let word = &text[start..i];
                let mut j = i;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if word == "Case" && case_depth.is_none() && b.get(j) == Some(&b'(') {
                    depth += 1;
                    case_depth = Some(depth);
                    cases.push(Vec::new());
                    i = j + 1;
                } else if case_depth == Some(depth) && field.is_none() && b.get(j) == Some(&b':') {
                    j += 1;
                    while j < b.len() && b[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    field = Some((word.to_string(), j));
                    i = j;
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    cases
}

/// The golden file with every case's expected values replaced by the actual ones. Keeps
/// comments and layout; falls back to a fresh rendering if the file's shape surprises.
fn bless(text: &str, scenario: &str, cases: &[(Case, Actual)]) -> String {
    let spans = case_fields(text);
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut complete = spans.len() == cases.len();
    for (fields, (_, actual)) in spans.iter().zip(cases) {
        for (name, value) in blessed_values(actual) {
            match fields.iter().find(|(f, _)| f == name) {
                Some((_, range)) => edits.push((range.clone(), value)),
                None => complete = false,
            }
        }
    }
    if !complete {
        return render(scenario, cases);
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut out = text.to_string();
    for (range, value) in edits {
        out.replace_range(range, &value);
    }
    out
}

fn render(scenario: &str, cases: &[(Case, Actual)]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Golden(\n    scenario: {scenario:?},\n    cases: [");
    for (case, actual) in cases {
        let [ending, score, steps, pitfalls] = blessed_values(actual).map(|(_, v)| v);
        let _ = writeln!(
            s,
            "        Case(\n            name: {:?},\n            seed: {},\n            choices: {:?},\n            ending: {ending},\n            score: {score},\n            steps: {steps},\n            pitfalls: {pitfalls},\n        ),",
            case.name, case.seed, case.choices,
        );
    }
    s.push_str("    ],\n)\n");
    s
}

/// Compares (or, when blessing, writes) one snapshot file; returns a failure message.
fn snapshot(path: &Path, actual: &str) -> Option<String> {
    if blessing() {
        if let Some(dir) = path.parent() {
            let _ = fs::create_dir_all(dir);
        }
        if fs::read_to_string(path).ok().as_deref() != Some(actual) {
            fs::write(path, actual).ok()?;
        }
        return None;
    }
    match fs::read_to_string(path) {
        Ok(expected) if expected == actual => None,
        Ok(expected) => {
            let line = expected
                .lines()
                .zip(actual.lines())
                .position(|(a, b)| a != b)
                .map_or(expected.lines().count().min(actual.lines().count()), |i| i);
            Some(format!(
                "{}: differs from line {}:\n  expected: {:?}\n  actual:   {:?}",
                path.display(),
                line + 1,
                expected.lines().nth(line).unwrap_or(""),
                actual.lines().nth(line).unwrap_or("")
            ))
        }
        Err(_) => Some(format!(
            "{}: missing snapshot (run with KLACHTWIJS_BLESS=1)",
            path.display()
        )),
    }
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
        let mut results = Vec::new();
        for case in &golden.cases {
            cases_run += 1;
            match run_case(&scenario, case) {
                Err(err) => failures.push(format!("{name}: case {:?}: {err}", case.name)),
                Ok((debrief, actual)) => {
                    let problems = diff(case, &actual);
                    if !problems.is_empty() && !blessing() {
                        failures.push(format!(
                            "{name}: case {:?} (seed {}, choices {}):\n    {}",
                            case.name,
                            case.seed,
                            case.choices,
                            problems.join("\n    ")
                        ));
                    }
                    if is_fixture {
                        let snaps = dir.join("snapshots");
                        let base = format!("{stem}-{}", case.name);
                        let json = debrief::export::json(&debrief);
                        let md = debrief::export::markdown(&debrief);
                        failures.extend(snapshot(&snaps.join(format!("{base}.json")), &json));
                        failures.extend(snapshot(&snaps.join(format!("{base}.md")), &md));
                    }
                    results.push((case.clone(), actual));
                }
            }
        }
        if blessing() && results.len() == golden.cases.len() {
            let rendered = bless(&text, &golden.scenario, &results);
            if rendered != text {
                fs::write(file, rendered).expect("golden file writable");
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden problem(s) in {cases_run} cases (bless with KLACHTWIJS_BLESS=1 after a deliberate change):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn blessing_keeps_comments_and_layout() {
    let text = r#"Golden(
    scenario: "x", // a comment
    cases: [
        Case(
            name: "a, (tricky)",   // keep me
            seed: 1,
            choices: "2,1",
            ending: "old",
            score: 3,
            steps: {"s": 1},
            pitfalls: ["p"],
        ),
        Case(name: "b", seed: 2, choices: "1", ending: "", score: 0, steps: {}, pitfalls: []),
    ],
)
"#;
    let golden: Golden = ron::Options::default().from_str(text).unwrap();
    let actual = |ending: &str, score| Actual {
        ending: ending.to_string(),
        score,
        steps: vec![("s".to_string(), 100), ("t".to_string(), 0)],
        pitfalls: vec!["q".to_string()],
    };
    let cases: Vec<(Case, Actual)> = golden
        .cases
        .iter()
        .cloned()
        .zip([actual("new", 90), actual("end", 7)])
        .collect();
    let blessed = bless(text, "x", &cases);
    assert!(blessed.contains("// a comment") && blessed.contains("// keep me"));
    assert!(blessed.contains("ending: \"new\",\n            score: 90,"));
    assert!(blessed.contains("steps: {\"s\": 100, \"t\": 0}"));
    assert!(
        blessed.contains("Case(name: \"b\", seed: 2, choices: \"1\", ending: \"end\", score: 7,")
    );
    let again: Golden = ron::Options::default().from_str(&blessed).unwrap();
    assert_eq!(again.cases[0].name, "a, (tricky)");
    assert_eq!(again.cases[1].pitfalls, ["q"]);
}
