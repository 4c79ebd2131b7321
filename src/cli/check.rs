//! `klachtwijs check`: load and check scenario files, print coded findings, and with
//! `--stats` the path analysis of each scenario.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

use super::colour::Colour;
use super::library::{CheckTarget, Context, targets_of};
use super::{CheckArgs, ExitResult, ListFormat, say, say_sanitised};
use crate::engine::Prepared;
use crate::rubric::model::Rubric;
use crate::scenario::analysis::{EndingRange, Extreme, FileOrderAnswer, Stats};
use crate::scenario::diagnostic::{self, Code, Diagnostic, Localized, Severity, Text};
use crate::scenario::messages::say;
use crate::scenario::model::Scenario;

/// Path analysis of one scenario, as `check --stats` prints it (DESIGN.md field names).
#[derive(Debug, Serialize)]
struct StatsView {
    file: PathBuf,
    id: String,
    language: String,
    model: String,
    nodes: usize,
    endings: usize,
    /// Distinct paths from the start to an ending (a lower bound when `paths_capped`).
    paths: u64,
    paths_capped: bool,
    best_score: u32,
    worst_score: u32,
    reachable_steps: Vec<String>,
    reachable_pitfalls: Vec<String>,
    /// Whether best and worst are exact; otherwise the best is a lower and the worst an
    /// upper bound, and `limit` says why.
    complete: bool,
    limit: Option<String>,
    best: Option<WitnessView>,
    worst: Option<WitnessView>,
    /// Per reachable ending, the best and worst score found.
    per_ending: Vec<EndingRange>,
    reachable_points: Vec<String>,
    unreachable_nodes: Vec<String>,
    traps: Vec<String>,
}

/// A best or worst play: the nodes it passes and the answers that play it.
#[derive(Debug, Serialize)]
struct WitnessView {
    score: u32,
    ending: String,
    /// Node ids in order; a `!` after an id marks a node reached by a flare-up.
    nodes: Vec<String>,
    /// The answers in file order (0-based options, or item lists).
    picks: Vec<FileOrderAnswer>,
    /// A seed whose option order and flare-ups follow this play, with the answers as
    /// displayed (`play --seed S --choices C`); `None` when no seed up to 1000 does.
    seed: Option<u64>,
    choices: Option<String>,
    steps: Vec<u32>,
    /// Per step, the core points the play does not show.
    missing_core: Vec<Vec<String>>,
}

#[derive(Debug, Serialize)]
struct JsonReport<'a> {
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<Localized<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stats: Option<&'a [StatsView]>,
}

pub fn run(ctx: &Context, args: &CheckArgs) -> ExitResult {
    let rubric = ctx.rubric()?;
    let sources = if args.paths.is_empty() {
        ctx.library_targets()?
    } else {
        let mut all = Vec::new();
        for path in &args.paths {
            all.extend(targets_of(path)?);
        }
        all
    };

    let mut diags = Vec::new();
    let mut stats = Vec::new();
    // Scenario ids across the checked files, to find duplicates (KW024).
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for source in &sources {
        let report = source.check(&rubric);
        let playable = !diagnostic::has_errors(&report.diagnostics);
        diags.extend(report.diagnostics);
        let Some(scenario) = report.scenario else {
            continue;
        };
        // Like the app's library: a clash only matters between playable scenarios.
        if playable {
            match seen.get(&scenario.id) {
                Some(first) => diags.push(Diagnostic::new(
                    Code::DuplicateScenario,
                    source.path(),
                    (1, 1),
                    say!(
                        "scenario-id-x-is-also-used",
                        id = scenario.id,
                        first = first.display()
                    ),
                    say!("give-each-scenario-in-library-its"),
                )),
                None => {
                    seen.insert(scenario.id.clone(), source.path().to_path_buf());
                }
            }
        }
        if args.stats {
            stats.push(stats_view(
                source,
                &scenario,
                report.stats.as_ref(),
                &rubric,
            ));
        }
    }
    diagnostic::sort(&mut diags);
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();

    let language = args.lang;
    match args.format {
        ListFormat::Json => {
            let report = JsonReport {
                files: sources.len(),
                errors,
                warnings,
                diagnostics: diags.iter().map(|d| d.in_language(language)).collect(),
                stats: args.stats.then_some(stats.as_slice()),
            };
            let text = serde_json::to_string_pretty(&report).unwrap_or_default();
            say(&format!("{text}\n"))?;
        }
        ListFormat::Text => {
            let colour = Colour::for_stdout();
            let mut out = String::new();
            // Each finding with its source line: the files' texts, read once each. What
            // comes from a file is sanitised as it is rendered.
            let mut texts: BTreeMap<PathBuf, Option<String>> = BTreeMap::new();
            for d in &diags {
                let text = texts.entry(d.file.clone()).or_insert_with(|| {
                    sources
                        .iter()
                        .find(|s| s.path() == d.file)
                        .and_then(|s| s.text())
                });
                let shown =
                    super::library::render_with_source(d, language, text.as_deref(), colour);
                let _ = writeln!(out, "{shown}");
            }
            let mut rest = String::new();
            for s in &stats {
                print_stats(&mut rest, s);
            }
            let notes = diags.len() - errors - warnings;
            let summary = summary(sources.len(), errors, warnings, notes);
            let _ = writeln!(rest, "{}", summary.get(language));
            out.push_str(&crate::text::block(&rest));
            say_sanitised(&out)?;
        }
    }
    Ok(u8::from(errors > 0))
}

/// `checked 2 files: 1 error, 0 warnings, 1 note` (the note part only when there are
/// notes), or the same in Dutch.
fn summary(files: usize, errors: usize, warnings: usize, notes: usize) -> Text {
    let count =
        |n: usize, one: &str, more: &str| format!("{n} {}", if n == 1 { one } else { more });
    let notes_en = match notes {
        0 => String::new(),
        n => format!(", {}", count(n, "note", "notes")),
    };
    let notes_nl = match notes {
        0 => String::new(),
        n => format!(", {}", count(n, "opmerking", "opmerkingen")),
    };
    say!(
        "checked-summary",
        files = count(files, "file", "files"),
        errors = count(errors, "error", "errors"),
        warnings = count(warnings, "warning", "warnings"),
        notes_en = notes_en,
        files_nl = count(files, "bestand", "bestanden"),
        errors_nl = count(errors, "fout", "fouten"),
        warnings_nl = count(warnings, "waarschuwing", "waarschuwingen"),
        notes_nl = notes_nl
    )
}

fn witness_view(prepared: Option<&Prepared>, extreme: &Extreme) -> WitnessView {
    let found = prepared.and_then(|p| crate::engine::seed_for_path(p, &extreme.path, 1..=1000));
    WitnessView {
        score: extreme.score,
        ending: extreme.ending.clone(),
        nodes: extreme
            .path
            .iter()
            .map(|p| format!("{}{}", p.node, if p.flared { "!" } else { "" }))
            .collect(),
        picks: extreme.path.iter().map(|p| p.pick.clone()).collect(),
        seed: found.as_ref().map(|(s, _)| *s),
        choices: found.map(|(_, answers)| {
            answers
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(",")
        }),
        steps: extreme.steps.clone(),
        missing_core: extreme.missing_core.clone(),
    }
}

fn stats_view(
    source: &CheckTarget,
    scenario: &std::sync::Arc<Scenario>,
    stats: Option<&Stats>,
    rubric: &Rubric,
) -> StatsView {
    let mut view = StatsView {
        file: source.path().to_path_buf(),
        id: scenario.id.clone(),
        language: scenario.language.code().to_string(),
        model: scenario.model.id().to_string(),
        nodes: scenario.nodes.len(),
        endings: scenario.endings.len(),
        paths: 0,
        paths_capped: false,
        best_score: 0,
        worst_score: 0,
        reachable_steps: Vec::new(),
        reachable_pitfalls: Vec::new(),
        complete: false,
        limit: None,
        best: None,
        worst: None,
        per_ending: Vec::new(),
        reachable_points: Vec::new(),
        unreachable_nodes: Vec::new(),
        traps: Vec::new(),
    };
    if let Some(stats) = stats {
        view.paths = stats.paths;
        view.paths_capped = stats.paths_capped;
        view.best_score = stats.best_score;
        view.worst_score = stats.worst_score;
        view.reachable_steps = stats.reachable_steps.clone();
        view.reachable_pitfalls = stats.reachable_pitfalls.clone();
        view.complete = stats.exact;
        view.limit = stats.limit.as_ref().map(|t| t.en.clone());
        // Prepared once for both plays: a large scenario takes a while.
        let prepared = (stats.best.is_some() || stats.worst.is_some())
            .then(|| Prepared::new(std::sync::Arc::clone(scenario), rubric).ok())
            .flatten();
        view.best = (stats.best.as_ref()).map(|e| witness_view(prepared.as_ref(), e));
        view.worst = (stats.worst.as_ref()).map(|e| witness_view(prepared.as_ref(), e));
        view.per_ending = stats.per_ending.clone();
        view.reachable_points = stats.reachable_points.clone();
        view.unreachable_nodes = stats.unreachable_nodes.clone();
        view.traps = stats.traps.clone();
    }
    view
}

fn print_stats(out: &mut String, s: &StatsView) {
    let (at_least, at_most) = if s.complete {
        ("", "")
    } else {
        ("at least ", "at most ")
    };
    // The count saturates at u64::MAX (a loop that can repeat, or an overflow).
    let plays = match (s.paths, s.paths_capped) {
        (u64::MAX, _) => "over 10^19".to_string(),
        (n, true) => format!("{n}+"),
        (n, false) => n.to_string(),
    };
    let _ = writeln!(
        out,
        "{}: {} ({}, {}): {} nodes, {} endings, {plays} plays, best {at_least}{}, worst {at_most}{}{}",
        s.file.display(),
        s.id,
        s.language,
        s.model,
        s.nodes,
        s.endings,
        s.best_score,
        s.worst_score,
        match &s.limit {
            Some(limit) => format!(" (not exact: {limit})"),
            None => " (exact)".to_string(),
        }
    );
    for (name, witness) in [("best", &s.best), ("worst", &s.worst)] {
        let Some(w) = witness else { continue };
        let _ = writeln!(
            out,
            "  {name} play ({}, ending {}): {}",
            w.score,
            w.ending,
            w.nodes.join(" > ")
        );
        match (&w.seed, &w.choices) {
            (Some(seed), Some(choices)) => {
                let _ = writeln!(out, "    play it: --seed {seed} --choices {choices}");
            }
            _ => {
                let _ = writeln!(
                    out,
                    "    no seed up to 1000 follows it; try play --path {name}"
                );
            }
        }
        let missing: Vec<String> = w
            .missing_core
            .iter()
            .flatten()
            .map(String::to_string)
            .collect();
        if name == "best" && !missing.is_empty() {
            let _ = writeln!(
                out,
                "    core points it does not show: {}",
                missing.join(", ")
            );
        }
    }
    let endings: Vec<String> = s
        .per_ending
        .iter()
        .map(|e| {
            let show = |v: Option<u32>| v.map_or("?".to_string(), |v| v.to_string());
            // Not exact: the lowest and highest found, so "at most" and "at least".
            let (low, high) = if e.exact { ("", "") } else { ("≤", "≥") };
            format!("{} {low}{}..{high}{}", e.id, show(e.worst), show(e.best))
        })
        .collect();
    let _ = writeln!(out, "  endings (worst..best): {}", endings.join(", "));
    let _ = writeln!(out, "  reachable steps: {}", s.reachable_steps.join(", "));
    let _ = writeln!(
        out,
        "  reachable pitfalls: {}",
        s.reachable_pitfalls.join(", ")
    );
    if !s.unreachable_nodes.is_empty() {
        let _ = writeln!(
            out,
            "  unreachable nodes: {}",
            s.unreachable_nodes.join(", ")
        );
    }
}
