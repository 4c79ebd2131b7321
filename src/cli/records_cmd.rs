//! `klachtwijs replay` and `klachtwijs report`: session records back into debriefs, and
//! many records into a class overview. Records name their scenario by id; nothing in a
//! record is used as a path. `report` streams: one record is in memory at a time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::library::{Context, Loaded};
use super::play::emit;
use super::{ExitResult, Failure, ListFormat, ReplayArgs, ReportArgs, say, warn};
use crate::records::replay::{self, ReplayError};
use crate::records::report::ReportBuilder;
use crate::records::{self, Record};
use crate::text::line;

fn shown(path: &Path) -> String {
    line(&path.display().to_string()).into_owned()
}

pub fn replay(ctx: &Context, args: &ReplayArgs) -> ExitResult {
    let rubric = ctx.rubric()?;
    let record =
        records::load_record(&args.record).map_err(|err| Failure::usage(err.to_string()))?;
    let loaded = ctx.scenario_for_record(&record.scenario, record.path.as_deref())?;
    let replayed =
        replay::replay(&record, loaded.scenario, &rubric, args.debrief.lang).map_err(|err| {
            match err {
                ReplayError::WrongScenario { .. } => {
                    Failure::usage(format!("{}: {err}", shown(&args.record)))
                }
                _ => Failure::input(format!("{}: {err}", shown(&args.record))),
            }
        })?;
    if let Some((recorded, current)) = &replayed.changed {
        warn(&format!(
            "klachtwijs: note: scenario `{}` changed since this session was played \
             (recorded {}, now {}); the debrief uses the scenario as it is now.",
            line(&record.scenario),
            line(recorded),
            line(current)
        ));
    }
    let mut inputs: Vec<&Path> = vec![args.record.as_path()];
    if let Some(p) = &loaded.path {
        inputs.push(p);
    }
    emit(&replayed.played.debrief, &args.debrief, &inputs)?;
    Ok(0)
}

/// The record files behind the arguments, in order; folders are read one level deep.
fn report_files(args: &ReportArgs, skipped: &mut Vec<String>) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for input in &args.inputs {
        let meta = std::fs::metadata(input)
            .map_err(|_| Failure::usage(format!("{}: no such file or folder", shown(input))))?;
        if meta.is_dir() {
            match records::record_files(input) {
                Ok(found) => files.extend(found),
                Err(err) => skipped.push(err.to_string()),
            }
        } else {
            // A FIFO or device is refused by `load_record` with what it is.
            files.push(input.clone());
        }
    }
    Ok(files)
}

pub fn report(ctx: &Context, args: &ReportArgs) -> ExitResult {
    let rubric = ctx.rubric()?;
    let mut builder = ReportBuilder::default();
    let files = report_files(args, &mut builder.skipped)?;

    let progress = indicatif::ProgressBar::new(files.len() as u64);
    if files.len() < 200 {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    progress.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} records {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    // Each scenario is loaded once, by id.
    let mut scenarios: BTreeMap<String, Result<Loaded, String>> = BTreeMap::new();
    for path in &files {
        progress.inc(1);
        let record: Record = match records::load_record(path) {
            Ok(record) => record,
            Err(err) => {
                builder.skipped.push(err.to_string());
                continue;
            }
        };
        let loaded = scenarios.entry(record.scenario.clone()).or_insert_with(|| {
            ctx.scenario_for_record(&record.scenario, record.path.as_deref())
                .map_err(|f| f.message)
        });
        let loaded = match loaded {
            Ok(l) => l.scenario.clone(),
            Err(message) => {
                builder.skipped.push(format!("{}: {message}", shown(path)));
                continue;
            }
        };
        match replay::replay(&record, loaded, &rubric, None) {
            Ok(r) => builder.add(&r.played.debrief, &record.hash),
            Err(err) => builder.skipped.push(format!("{}: {err}", shown(path))),
        }
    }
    progress.finish_and_clear();
    let report = builder.finish();
    let any_skipped = !report.skipped.is_empty();
    for warning in &report.warnings {
        warn(&format!("klachtwijs: warning: {warning}"));
    }
    match args.format {
        ListFormat::Json => say(&report.to_json())?,
        ListFormat::Text => say(&report.to_text())?,
    }
    // The overview is complete for what could be read; exit 1 tells a script that some
    // files were left out (they are listed in the report), as `check` does for errors.
    Ok(if any_skipped { 1 } else { 0 })
}
