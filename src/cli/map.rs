//! `klachtwijs map SCENARIO --out map.svg`: the scenario map as a standalone SVG (or its
//! view model as JSON), with the exact analysis's best play highlighted.

use std::path::Path;
use std::time::Instant;

use super::library::{Context, Loaded};
use super::play::write_text;
use super::{ExitResult, Failure, MapArgs, MapFormat, MapPathArg, warn};
use crate::rubric::model::ModelRubric;
use crate::scenario::analysis;
use crate::scenario::map::{Map, Sizes, svg};
use crate::scenario::model::Language;
use crate::scenario::{self, load};

pub fn run(ctx: &Context, args: &MapArgs) -> ExitResult {
    let rubric = ctx.rubric()?;
    let Loaded { scenario, path } = ctx.scenario(&args.scenario)?;
    let model: &ModelRubric = rubric.model(scenario.model).ok_or_else(|| {
        Failure::input(format!("the rubric has no model `{}`", scenario.model.id()))
    })?;
    let source = source_text(path.as_deref(), &scenario.id);
    let stats = (args.path != MapPathArg::None).then(|| analysis::analyze(&scenario, model));
    let started = Instant::now();
    let map = Map::build(
        &scenario,
        model,
        stats.as_ref(),
        source.as_deref(),
        Sizes::default(),
    );
    if args.timing {
        warn(&format!(
            "map of {}: {} boxes, {} arrows, {} rows, {} crossings, laid out in {:.2} ms",
            scenario.id,
            map.nodes.len(),
            map.edges.len(),
            map.layers,
            map.crossings,
            started.elapsed().as_secs_f64() * 1000.0
        ));
    }
    let path_of = |e: Option<&analysis::Extreme>| e.map(|e| map.path(&scenario, e));
    let best = match args.path {
        MapPathArg::Best | MapPathArg::Both => {
            path_of(stats.as_ref().and_then(|s| s.best.as_ref()))
        }
        _ => None,
    };
    let worst = match args.path {
        MapPathArg::Worst | MapPathArg::Both => {
            path_of(stats.as_ref().and_then(|s| s.worst.as_ref()))
        }
        _ => None,
    };
    let text = match args.format {
        MapFormat::Svg => {
            let lang = args.lang.unwrap_or(scenario.language);
            let step_names: Vec<String> = model
                .steps
                .iter()
                .map(|s| match lang {
                    Language::Nl => s.name.nl.clone(),
                    Language::En => s.name.en.clone(),
                })
                .collect();
            let words = crate::scenario::map::words(lang);
            let (legend, outcome_names) = (words.legend, words.outcomes);
            svg::render(
                &map,
                &svg::SvgOptions {
                    title: &scenario.title,
                    step_names: &step_names,
                    outcome_names,
                    language: lang,
                    best: best.as_ref(),
                    worst: worst.as_ref(),
                    legend,
                },
            )
        }
        MapFormat::Json => {
            let value = serde_json::json!({
                "format": "klachtwijs.map/1",
                "map": map,
                "best": best,
                "worst": worst,
            });
            let mut text = serde_json::to_string_pretty(&value)
                .map_err(|err| Failure::usage(format!("cannot write JSON: {err}")))?;
            text.push('\n');
            text
        }
    };
    let inputs: Vec<&Path> = path.iter().map(|p| p.as_path()).collect();
    write_text(&text, args.out.as_deref(), &inputs)?;
    Ok(0)
}

/// The scenario's text, for the file positions: the file, or the bundled copy.
fn source_text(path: Option<&Path>, id: &str) -> Option<String> {
    match path {
        Some(path) => {
            let bytes = load::read_file(path).ok()?;
            load::decode(&bytes, path)
                .ok()
                .map(|t| load::strip_bom(t).to_string())
        }
        None => scenario::bundled()
            .into_iter()
            .find(|b| load::load_str(b.text, Path::new(b.path)).is_ok_and(|s| s.id == id))
            .map(|b| load::strip_bom(b.text).to_string()),
    }
}
