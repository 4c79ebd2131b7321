//! `klachtwijs explore`: seeded random play-throughs of one scenario, reporting node,
//! step, pitfall and ending coverage and the score distribution. Run `i` uses seed
//! `seed + i`, so the whole exploration is reproducible.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::IsTerminal;

use serde::Serialize;

use super::library::Context;
use super::{ExitResult, ExploreArgs, Failure, ListFormat, say};
use crate::engine::{Prepared, Stop, random};

/// Runs from which a progress bar is worth showing.
const PROGRESS_FROM: u32 = 200;

#[derive(Debug, Serialize)]
struct Coverage {
    total: usize,
    visited: usize,
    /// Times each was reached, by id.
    counts: BTreeMap<String, u32>,
    /// Never reached, by id.
    unvisited: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Scores {
    min: u32,
    max: u32,
    /// Mean total, one decimal.
    mean: f64,
    /// Runs per band of ten points: 0–9, 10–19, … 90–100.
    histogram: [u32; 10],
}

#[derive(Debug, Serialize)]
struct Exploration {
    format: &'static str,
    scenario: String,
    runs: u32,
    seed: u64,
    nodes: Coverage,
    endings: Coverage,
    /// Runs in which each step scored above 0.
    steps: Coverage,
    pitfalls: Coverage,
    scores: Scores,
    /// Runs stopped by the turn limit without an ending.
    turn_limit: u32,
}

fn coverage(all: impl IntoIterator<Item = String>, counts: BTreeMap<String, u32>) -> Coverage {
    let all: BTreeSet<String> = all.into_iter().collect();
    let unvisited: Vec<String> = all
        .iter()
        .filter(|id| !counts.contains_key(*id))
        .cloned()
        .collect();
    Coverage {
        total: all.len(),
        visited: all.len() - unvisited.len(),
        counts,
        unvisited,
    }
}

pub fn run(ctx: &Context, args: &ExploreArgs) -> ExitResult {
    if args.runs == 0 {
        return Err(Failure::usage("--runs must be at least 1"));
    }
    let rubric = ctx.rubric()?;
    let loaded = ctx.scenario(&args.scenario)?;
    let scenario = loaded.scenario;
    let model = rubric.model(scenario.model).ok_or_else(|| {
        Failure::input(format!("the rubric has no model `{}`", scenario.model.id()))
    })?;

    let progress = (std::io::stderr().is_terminal() && args.runs >= PROGRESS_FROM).then(|| {
        let bar = indicatif::ProgressBar::new(u64::from(args.runs));
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar
    });

    let mut nodes: BTreeMap<String, u32> = BTreeMap::new();
    let mut endings: BTreeMap<String, u32> = BTreeMap::new();
    let mut steps: BTreeMap<String, u32> = BTreeMap::new();
    let mut pitfalls: BTreeMap<String, u32> = BTreeMap::new();
    let mut histogram = [0u32; 10];
    let (mut min, mut max, mut sum, mut turn_limit) = (u32::MAX, 0u32, 0u64, 0u32);

    // Checked and scored the same way for every run: prepared once.
    let prepared = Prepared::new(scenario.clone(), &rubric)
        .map_err(|err| Failure::input(format!("{}: {err}", args.scenario)))?;
    for i in 0..args.runs {
        let seed = args.seed.wrapping_add(u64::from(i));
        let session = random::random_play(&prepared, seed)
            .map_err(|err| Failure::input(format!("{}: {err}", args.scenario)))?;
        for id in random::arrived_at(&session) {
            *nodes.entry(id.to_string()).or_default() += 1;
        }
        match session.stop() {
            Some(Stop::Ending(id)) => *endings.entry(id.clone()).or_default() += 1,
            _ => turn_limit += 1,
        }
        for (k, score) in session.step_scores().iter().enumerate() {
            if *score > 0
                && let Some(step) = model.steps.get(k)
            {
                *steps.entry(step.id.clone()).or_default() += 1;
            }
        }
        let mut hit: BTreeSet<&str> = BTreeSet::new();
        for p in session.tally().pitfalls() {
            hit.insert(&p.pitfall);
        }
        for id in hit {
            *pitfalls.entry(id.to_string()).or_default() += 1;
        }
        let total = session.score();
        min = min.min(total);
        max = max.max(total);
        sum += u64::from(total);
        histogram[(total.min(100) as usize / 10).min(9)] += 1;
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }

    let runs = u64::from(args.runs);
    let report = Exploration {
        format: "klachtwijs.explore/1",
        scenario: scenario.id.clone(),
        runs: args.runs,
        seed: args.seed,
        nodes: coverage(scenario.nodes.keys().cloned(), nodes),
        endings: coverage(scenario.endings.keys().cloned(), endings),
        steps: coverage(model.steps.iter().map(|s| s.id.clone()), steps),
        pitfalls: coverage(model.pitfalls.iter().map(|p| p.id.clone()), pitfalls),
        scores: Scores {
            min,
            max,
            mean: ((sum * 10 + runs / 2) / runs) as f64 / 10.0,
            histogram,
        },
        turn_limit,
    };
    match args.format {
        ListFormat::Json => {
            let text = serde_json::to_string_pretty(&report).unwrap_or_default();
            say(&format!("{text}\n"))?;
        }
        ListFormat::Text => say(&text(&report))?,
    }
    Ok(0)
}

fn coverage_line(s: &mut String, label: &str, c: &Coverage) {
    let counts: Vec<String> = c.counts.iter().map(|(id, n)| format!("{id} {n}")).collect();
    let _ = writeln!(
        s,
        "{label:<9} {}/{} reached: {}",
        c.visited,
        c.total,
        counts.join(", ")
    );
    if !c.unvisited.is_empty() {
        let _ = writeln!(s, "{:<9} never: {}", "", c.unvisited.join(", "));
    }
}

fn text(r: &Exploration) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "explore {}: {} runs from seed {}",
        r.scenario, r.runs, r.seed
    );
    coverage_line(&mut s, "nodes", &r.nodes);
    coverage_line(&mut s, "endings", &r.endings);
    coverage_line(&mut s, "steps", &r.steps);
    coverage_line(&mut s, "pitfalls", &r.pitfalls);
    let _ = writeln!(
        s,
        "score     min {}, mean {:.1}, max {}",
        r.scores.min, r.scores.mean, r.scores.max
    );
    let bands: Vec<String> = r
        .scores
        .histogram
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{}-{}: {n}", i * 10, if i == 9 { 100 } else { i * 10 + 9 }))
        .collect();
    let _ = writeln!(s, "          {}", bands.join(", "));
    if r.turn_limit > 0 {
        let _ = writeln!(
            s,
            "{} runs stopped at the turn limit without an ending",
            r.turn_limit
        );
    }
    s
}
