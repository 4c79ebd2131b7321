//! `klachtwijs check`: load and check scenario files, print coded findings, and with
//! `--stats` the path analysis of each scenario.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

use super::library::{Context, Source, sources_of};
use super::{CheckArgs, ListFormat, Outcome, say};
use crate::scenario::analysis::Stats;
use crate::scenario::diagnostic::{self, Code, Diagnostic, Severity};
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
    complete: bool,
}

#[derive(Debug, Serialize)]
struct JsonReport<'a> {
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
    #[serde(skip_serializing_if = "Option::is_none")]
    stats: Option<&'a [StatsView]>,
}

pub fn run(ctx: &Context, args: &CheckArgs) -> Outcome {
    let rubric = ctx.rubric()?;
    let sources = if args.paths.is_empty() {
        ctx.library_sources()?
    } else {
        let mut all = Vec::new();
        for path in &args.paths {
            all.extend(sources_of(path)?);
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
                    format!(
                        "scenario id `{}` is also used by {}",
                        scenario.id,
                        first.display()
                    ),
                    "give each scenario in the library its own id",
                )),
                None => {
                    seen.insert(scenario.id.clone(), source.path().to_path_buf());
                }
            }
        }
        if args.stats {
            stats.push(stats_view(source, &scenario, report.stats.as_ref()));
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

    match args.format {
        ListFormat::Json => {
            let report = JsonReport {
                files: sources.len(),
                errors,
                warnings,
                diagnostics: &diags,
                stats: args.stats.then_some(stats.as_slice()),
            };
            let text = serde_json::to_string_pretty(&report).unwrap_or_default();
            say(&format!("{text}\n"))?;
        }
        ListFormat::Text => {
            let mut out = String::new();
            for d in &diags {
                let _ = writeln!(out, "{}", super::library::render_diagnostic(d));
            }
            for s in &stats {
                print_stats(&mut out, s);
            }
            let notes = diags.len() - errors - warnings;
            let _ = writeln!(
                out,
                "checked {} file{}: {} error{}, {} warning{}{}",
                sources.len(),
                plural(sources.len()),
                errors,
                plural(errors),
                warnings,
                plural(warnings),
                match notes {
                    0 => String::new(),
                    n => format!(", {n} note{}", plural(n)),
                }
            );
            say(&out)?;
        }
    }
    Ok(u8::from(errors > 0))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn stats_view(source: &Source, scenario: &Scenario, stats: Option<&Stats>) -> StatsView {
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
    };
    if let Some(stats) = stats {
        view.paths = stats.paths;
        view.paths_capped = stats.paths_capped;
        view.best_score = stats.best_score;
        view.worst_score = stats.worst_score;
        view.reachable_steps = stats.reachable_steps.clone();
        view.reachable_pitfalls = stats.reachable_pitfalls.clone();
        view.complete = stats.exact;
    }
    view
}

fn print_stats(out: &mut String, s: &StatsView) {
    let _ = writeln!(
        out,
        "{}: {} ({}, {}): {} nodes, {} endings, {}{} paths, score {}..{}{}",
        crate::text::line(&s.file.display().to_string()),
        crate::text::line(&s.id),
        s.language,
        s.model,
        s.nodes,
        s.endings,
        s.paths,
        if s.paths_capped { "+" } else { "" },
        s.worst_score,
        s.best_score,
        if s.complete {
            ""
        } else {
            " (analysis stopped early)"
        }
    );
    let _ = writeln!(out, "  reachable steps: {}", s.reachable_steps.join(", "));
    let _ = writeln!(
        out,
        "  reachable pitfalls: {}",
        s.reachable_pitfalls.join(", ")
    );
}
