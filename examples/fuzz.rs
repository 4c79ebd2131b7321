//! A mutation fuzzer over the engine: mutates the bundled and fixture scenarios and a
//! session record (bit flips, insertions, deletions, splices, truncation, deep nesting,
//! huge strings, Unicode oddities, BOM, CRLF) and runs the loader, the checker, a random
//! play, a replay and every export in-process. Fails on a panic, a run over the time
//! limit, or a diagnostic without a position; the failing input is written to
//! `fuzz-failure-<n>.ron` (or `.json`) in the current folder.
//!
//! `cargo run --no-default-features --example fuzz -- --seconds 60 --seed 1`
//! (`--minutes N` also works).

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use klachtwijs::debrief::{self, export};
use klachtwijs::engine::{Answer, PromptKind, Session};
use klachtwijs::records::{Record, replay};
use klachtwijs::rubric::model::Rubric;
use klachtwijs::scenario::check;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

const LIMIT: Duration = Duration::from_secs(10);

const ODDITIES: &[&str] = &[
    "\u{feff}",
    "\r\n",
    "\u{202e}",
    "\u{0}",
    "\u{1b}[2J",
    "\u{7}",
    "é",
    "\u{10ffff}",
    "\"",
    "\\",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "Some(",
    "#",
    "/*",
    "//",
    "\n",
    "r#\"",
    "\u{200b}",
];

fn mutate(seed_inputs: &[Vec<u8>], rng: &mut ChaCha8Rng) -> Vec<u8> {
    let mut data = seed_inputs[rng.random_range(0..seed_inputs.len())].clone();
    for _ in 0..rng.random_range(1..4) {
        let len = data.len().max(1);
        match rng.random_range(0..9) {
            0 => {
                let i = rng.random_range(0..len);
                if let Some(b) = data.get_mut(i) {
                    *b ^= 1 << rng.random_range(0..8);
                }
            }
            1 => {
                let i = rng.random_range(0..=data.len());
                let s = ODDITIES[rng.random_range(0..ODDITIES.len())];
                data.splice(i..i, s.bytes());
            }
            2 => {
                let i = rng.random_range(0..len);
                let n = rng.random_range(0..64).min(data.len().saturating_sub(i));
                data.drain(i..i + n);
            }
            3 => {
                let other = &seed_inputs[rng.random_range(0..seed_inputs.len())];
                let (a, b) = (
                    rng.random_range(0..len),
                    rng.random_range(0..other.len().max(1)),
                );
                data.truncate(a.min(data.len()));
                data.extend_from_slice(other.get(b..).unwrap_or(&[]));
            }
            4 => data.truncate(rng.random_range(0..len)),
            5 => {
                let i = rng.random_range(0..=data.len());
                let depth = rng.random_range(10..5000);
                let nest: Vec<u8> = "["
                    .repeat(depth)
                    .bytes()
                    .chain("]".repeat(depth).bytes())
                    .collect();
                data.splice(i..i, nest);
            }
            6 => {
                let i = rng.random_range(0..=data.len());
                let huge = "x".repeat(rng.random_range(1000..2_000_000));
                data.splice(i..i, huge.bytes());
            }
            7 => {
                let mut bom = "\u{feff}".as_bytes().to_vec();
                bom.extend_from_slice(&data);
                data = bom;
            }
            _ => {
                let text = String::from_utf8_lossy(&data).replace('\n', "\r\n");
                data = text.into_bytes();
            }
        }
    }
    data
}

/// Loader, checker, a random play and every export on one scenario input.
fn run_scenario(
    bytes: &[u8],
    rubric: &Rubric,
    seed: u64,
) -> Result<Option<Arc<klachtwijs::scenario::model::Scenario>>, String> {
    // The structure check, then the path analysis within small limits: a mutated file
    // can be legitimately huge, and the fuzzer looks for panics and hangs, not for how
    // far the analysis gets.
    let report = check::check_bytes_to(
        bytes,
        Path::new("fuzz.ron"),
        rubric,
        check::Depth::Structure,
    );
    // `check` compiles for the analysis before it knows of errors: that must hold on any
    // file that loads.
    if let Some(scenario) = &report.scenario
        && let Some(model) = rubric.model(scenario.model)
    {
        let _ = klachtwijs::scenario::analysis::Compiled::new(scenario, model);
    }
    if let Some(scenario) = &report.scenario
        && !klachtwijs::scenario::diagnostic::has_errors(&report.diagnostics)
        && let Some(model) = rubric.model(scenario.model)
    {
        let limits = klachtwijs::scenario::analysis::Limits {
            positions: 20_000,
            states: 50_000,
        };
        let _ = klachtwijs::scenario::analysis::analyze_with(scenario, model, limits);
    }
    if let Some(d) = report
        .diagnostics
        .iter()
        .find(|d| d.line == 0 || d.col == 0)
    {
        return Err(format!("diagnostic without a position: {d}"));
    }
    let Some(scenario) = report.scenario else {
        return Ok(None);
    };
    if let Ok(mut session) = Session::start(Arc::clone(&scenario), rubric, seed) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        while let Some(prompt) = session.prompt() {
            let answer = match &prompt.kind {
                PromptKind::Options(o) => Answer::Pick(rng.random_range(1..=o.len().max(1))),
                PromptKind::Select { items, .. } => {
                    Answer::Select(vec![rng.random_range(1..=items.len().max(1))])
                }
            };
            if session.answer(answer).is_err() {
                break;
            }
        }
        let d = debrief::build_in(&session, rubric, scenario.language);
        for out in [
            export::json(&d),
            export::markdown(&d),
            export::html(&d),
            export::text(&d),
        ] {
            if out.contains('\u{1b}') || out.contains('\u{7}') {
                return Err("a control character reached an export".to_string());
            }
        }
        let mut record = Record::new(&scenario, None, seed, klachtwijs::records::Mode::Practice);
        record.update(&session);
        replay::replay(&record, Arc::clone(&scenario), rubric, None)
            .map_err(|e| format!("a fresh record does not replay: {e}"))?;
    }
    Ok(Some(scenario))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<u64>().ok())
    };
    let budget =
        Duration::from_secs(arg("--seconds").unwrap_or(0) + 60 * arg("--minutes").unwrap_or(0))
            .max(Duration::from_secs(1));
    let mut rng = ChaCha8Rng::seed_from_u64(arg("--seed").unwrap_or(1));
    let rubric = Rubric::bundled();

    let mut scenarios: Vec<Vec<u8>> = klachtwijs::scenario::bundled()
        .iter()
        .map(|b| b.text.as_bytes().to_vec())
        .collect();
    for fixture in ["fixture-afvalpas.ron", "fixture-grens-mail.ron"] {
        if let Ok(b) = std::fs::read(Path::new("tests/fixtures/scenarios").join(fixture)) {
            scenarios.push(b);
        }
    }
    // One good record per scenario as record seeds.
    let mut records: Vec<(Vec<u8>, Arc<klachtwijs::scenario::model::Scenario>)> = Vec::new();
    for s in &scenarios {
        if let Ok(Some(sc)) = run_scenario(s, rubric, 1)
            && let Ok(mut session) = Session::start(Arc::clone(&sc), rubric, 1)
        {
            while let Some(p) = session.prompt() {
                let a = match p.kind {
                    PromptKind::Options(_) => Answer::Pick(1),
                    PromptKind::Select { .. } => Answer::Select(vec![1]),
                };
                if session.answer(a).is_err() {
                    break;
                }
            }
            let mut r = Record::new(&sc, None, 1, klachtwijs::records::Mode::Practice);
            r.update(&session);
            records.push((r.to_json().into_bytes(), sc));
        }
    }
    let record_seeds: Vec<Vec<u8>> = records.iter().map(|(b, _)| b.clone()).collect();

    let start = Instant::now();
    let (mut inputs, mut failures) = (0u64, 0u32);
    while start.elapsed() < budget {
        inputs += 1;
        let is_record = inputs % 4 == 0 && !records.is_empty();
        let data = if is_record {
            mutate(&record_seeds, &mut rng)
        } else {
            mutate(&scenarios, &mut rng)
        };
        let t = Instant::now();
        let outcome = std::panic::catch_unwind(|| {
            if is_record {
                let text = String::from_utf8_lossy(&data);
                if let Ok(record) = Record::from_json(&text, Path::new("fuzz.json"))
                    && let Some((_, sc)) = records.iter().find(|(_, s)| s.id == record.scenario)
                    && let Ok(r) = replay::replay(&record, Arc::clone(sc), rubric, None)
                {
                    let _ = export::html(&r.played.debrief);
                }
                Ok(())
            } else {
                run_scenario(&data, rubric, inputs).map(|_| ())
            }
        });
        let problem = match outcome {
            Err(_) => Some("panic".to_string()),
            Ok(Err(message)) => Some(message),
            Ok(Ok(())) if t.elapsed() > LIMIT => Some(format!("took {:?}", t.elapsed())),
            Ok(Ok(())) => None,
        };
        if let Some(problem) = problem {
            failures += 1;
            let name = format!(
                "fuzz-failure-{failures}.{}",
                if is_record { "json" } else { "ron" }
            );
            let _ = std::fs::write(&name, &data);
            eprintln!("input {inputs}: {problem} (saved as {name})");
        }
    }
    println!(
        "fuzz: {inputs} inputs in {:.0?}, {failures} failures",
        start.elapsed()
    );
    if failures > 0 {
        std::process::exit(1);
    }
}
