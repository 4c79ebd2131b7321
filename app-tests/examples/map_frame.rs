//! How long the Author screen's map takes to draw one frame (issue 12: under 16 ms for
//! the largest bundled scenario). Runs the real `map_view::map_panel` in a headless egui
//! context at 1920×1080: layout, painting and tessellation into triangles, which is the
//! CPU side of a frame; the GPU upload and draw are not included.
//!
//! ```sh
//! cargo run -p klachtwijs-app-tests --example map_frame [--release]
//! ```
//!
//! Prints, per map and view (fitted, zoomed to 100 %), the mean, median, 95th percentile
//! and worst frame over 300 frames, after 20 warm-up frames.

#[path = "common/frame_times.rs"]
mod frame_times;
#[path = "../../benches/common/graph.rs"]
#[allow(
    dead_code,
    reason = "the bevy_talks half of the generator is not needed here"
)]
mod graph;

use std::sync::Arc;
use std::time::Duration;

use frame_times::{report, time_frames};

use klachtwijs::app::i18n::UiLanguage;
use klachtwijs::app::map_view::{MapCamera, Overlays, ScenarioMap, map_panel};
use klachtwijs::rubric::model::Rubric;
use klachtwijs::scenario::library::Library;
use klachtwijs::scenario::load::load_str;
use klachtwijs::scenario::model::Language;
use klachtwijs::scenario::model::Scenario;

const FRAMES: usize = 300;
const WARM_UP: usize = 20;

fn main() {
    let rubric = Rubric::bundled();
    let library = Library::load(&[]);
    let largest = library
        .scenarios()
        .max_by_key(|s| s.nodes.len())
        .expect("bundled scenarios")
        .clone();
    let generated: Scenario = load_str(
        &graph::klachtwijs_ron(200),
        std::path::Path::new("generated-200.ron"),
    )
    .expect("the generated graph loads");
    println!(
        "map frame at 1920x1080 ({} frames after {} warm-up; CPU: layout, paint, tessellate)",
        FRAMES, WARM_UP
    );
    for (name, scenario) in [
        (largest.id.clone(), largest),
        ("generated-200".to_string(), Arc::new(generated)),
    ] {
        let model = rubric.model(scenario.model).expect("model");
        let stats = klachtwijs::scenario::analysis::analyze(&scenario, model);
        let maps = ScenarioMap::laid_out(scenario.clone(), model, Some(stats), None);
        for (view, fitted) in [("fitted", true), ("100%", false)] {
            let mut camera = MapCamera {
                fit: fitted,
                overlays: Overlays {
                    best: true,
                    worst: true,
                    played: false,
                    coverage: true,
                },
                ..MapCamera::default()
            };
            let (times, shapes) = frames(&maps, &mut camera, fitted);
            let nodes = scenario.nodes.len();
            report(
                &format!("{name} ({nodes} nodes, {shapes} shapes), {view}"),
                times,
            );
        }
    }
}

/// Draws the map panel `WARM_UP + FRAMES` times; returns the measured frame times and
/// the number of shapes in the last frame.
fn frames(maps: &ScenarioMap, camera: &mut MapCamera, fitted: bool) -> (Vec<Duration>, usize) {
    let strings = Language::Nl.strings();
    time_frames(WARM_UP, FRAMES, |frame, ui| {
        if !fitted && frame == 1 {
            camera.zoom = 1.0;
        }
        map_panel(ui, strings, Language::Nl, maps, camera, None, "");
    })
}
