//! `klachtwijs replay` and `klachtwijs report`: session records back into debriefs, and
//! many records into a class overview.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::library::{Context, Loaded};
use super::play::{emit, lang_of};
use super::{Failure, ListFormat, Outcome, ReplayArgs, ReportArgs, say, warn};
use crate::records::replay::{self, ReplayError};
use crate::records::report::ClassReport;
use crate::records::{self, Record};

pub fn replay(ctx: &Context, args: &ReplayArgs) -> Outcome {
    let rubric = ctx.rubric()?;
    let record =
        records::load_record(&args.record).map_err(|err| Failure::usage(err.to_string()))?;
    let loaded = ctx.scenario_for_record(&record.scenario, record.path.as_deref())?;
    let replayed =
        replay::replay(&record, loaded.scenario, &rubric, lang_of(args.lang)).map_err(|err| {
            match err {
                ReplayError::WrongScenario { .. } => {
                    Failure::usage(format!("{}: {err}", args.record.display()))
                }
                _ => Failure::input(format!("{}: {err}", args.record.display())),
            }
        })?;
    if let Some((recorded, current)) = &replayed.changed {
        warn(&format!(
            "klachtwijs: note: scenario `{}` changed since this session was played \
             (recorded {recorded}, now {current}); the debrief uses the scenario as it is now.",
            record.scenario
        ));
    }
    emit(&replayed.played.debrief, args.format, args.out.as_deref())?;
    Ok(0)
}

pub fn report(ctx: &Context, args: &ReportArgs) -> Outcome {
    let rubric = ctx.rubric()?;
    let mut found: Vec<(PathBuf, Record)> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    for input in &args.inputs {
        if input.is_dir() {
            let listing = records::list_records(input);
            found.extend(listing.records);
            skipped.extend(listing.broken.iter().map(ToString::to_string));
        } else if input.is_file() {
            match records::load_record(input) {
                Ok(record) => found.push((input.clone(), record)),
                Err(err) => skipped.push(err.to_string()),
            }
        } else {
            return Err(Failure::usage(format!(
                "{}: no such file or folder",
                input.display()
            )));
        }
    }

    // Load each scenario once, keyed by id and recorded path.
    let mut scenarios: BTreeMap<(String, Option<PathBuf>), Result<Loaded, String>> =
        BTreeMap::new();
    let mut debriefs = Vec::new();
    for (path, record) in &found {
        let key = (record.scenario.clone(), record.path.clone());
        let loaded = scenarios.entry(key).or_insert_with(|| {
            ctx.scenario_for_record(&record.scenario, record.path.as_deref())
                .map_err(|f| f.message)
        });
        let loaded = match loaded {
            Ok(l) => l.clone(),
            Err(message) => {
                skipped.push(format!("{}: {message}", path.display()));
                continue;
            }
        };
        match replay::replay(record, loaded.scenario, &rubric, None) {
            Ok(r) => debriefs.push(r.played.debrief),
            Err(err) => skipped.push(format!("{}: {err}", path.display())),
        }
    }
    let any_skipped = !skipped.is_empty();
    let report = ClassReport::build(&debriefs, skipped);
    match args.format {
        ListFormat::Json => say(&report.to_json()),
        ListFormat::Text => say(&report.to_text()),
    }
    // The overview is complete for what could be read; exit 1 tells a script that some
    // files were left out (they are listed in the report), as `check` does for errors.
    Ok(if any_skipped { 1 } else { 0 })
}
