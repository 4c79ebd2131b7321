//! "Mijn voortgang" with 1,000 records (issue 15): how long the background task takes to
//! read and replay them, and how long the screen takes to draw a frame while it loads and
//! once it has loaded, in a headless egui context at 1920×1080 (layout, plots, painting
//! and tessellation: the CPU side of a frame).
//!
//! ```sh
//! cargo run -p klachtwijs-app-tests --example progress_bench -- [--records DIR] [--count N]
//! ```
//!
//! With `--records DIR` the generated records stay in DIR (`scripts/measure-screens.sh`
//! then opens the real app on them); otherwise a temporary folder is used.

#[path = "common/frame_times.rs"]
mod frame_times;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use frame_times::{report, time_frames};

use bevy_egui::egui;
use klachtwijs::app::i18n::UiLanguage;
use klachtwijs::app::progress::{Loaded, load, progress_screen, view};
use klachtwijs::engine::{Answer, PromptKind, Session};
use klachtwijs::records::{Mode, Record, SelfAssessment};
use klachtwijs::rubric::model::Rubric;
use klachtwijs::scenario::library::Library;
use klachtwijs::scenario::model::{Language, Scenario};

const FRAMES: usize = 200;
const WARM_UP: usize = 10;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir: Option<PathBuf> = None;
    let mut count = 1000usize;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--records" => dir = args.next().map(PathBuf::from),
            "--count" => count = args.next().and_then(|n| n.parse().ok()).unwrap_or(count),
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let temp = tempfile::tempdir().expect("a temporary folder");
    let dir = dir.unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&dir).expect("the records folder");

    let rubric = Rubric::bundled();
    let scenarios: Vec<Arc<Scenario>> = Library::load(&[]).scenarios().cloned().collect();
    let started = Instant::now();
    generate(&dir, &scenarios, rubric, count);
    println!(
        "generated {count} records in {} ({:.1} s)",
        dir.display(),
        started.elapsed().as_secs_f64()
    );

    // The background task's work, three times; the median counts.
    let mut loads: Vec<(Duration, Loaded)> = (0..3)
        .map(|_| {
            let t = Instant::now();
            let loaded = load(&dir, &scenarios, rubric, Language::Nl);
            (t.elapsed(), loaded)
        })
        .collect();
    loads.sort_by_key(|(t, _)| *t);
    let (load_time, loaded) = loads.swap_remove(1);
    println!(
        "background load (read + replay + progress + recommendation): {:.0} ms, {} attempts",
        load_time.as_secs_f64() * 1000.0,
        loaded.progress.attempts.len()
    );

    let s = Language::Nl.strings();
    report(
        "frame while loading",
        frames(|ui| {
            progress_screen(ui, &view(s, None));
        }),
    );
    report(
        &format!("frame with {count} records"),
        frames(|ui| {
            progress_screen(ui, &view(s, Some(&loaded)));
        }),
    );
}

/// `count` records of random plays over the bundled scenarios, two a day, each with a
/// self-assessment; a tenth unfinished.
fn generate(dir: &Path, scenarios: &[Arc<Scenario>], rubric: &Rubric, count: usize) {
    let mut rng = fastrand::Rng::with_seed(1000);
    for i in 0..count {
        let scenario = &scenarios[i % scenarios.len()];
        let seed = i as u64 + 1;
        let Ok(mut session) = Session::start(scenario.clone(), rubric, seed) else {
            continue;
        };
        let finish = i % 10 != 0;
        let mut answers = Vec::new();
        while let Some(prompt) = session.prompt() {
            if !finish && answers.len() == 3 {
                break;
            }
            let answer = match &prompt.kind {
                PromptKind::Options(o) => Answer::Pick(rng.usize(1..=o.len().max(1))),
                PromptKind::Select { items, .. } => {
                    let n = items.len().max(1);
                    let mut picked: Vec<usize> = (1..=n).filter(|_| rng.bool()).collect();
                    if picked.is_empty() {
                        picked.push(1);
                    }
                    Answer::Select(picked)
                }
            };
            if session.answer(answer.clone()).is_err() {
                break;
            }
            answers.push(answer);
        }
        let mut record = Record::new(scenario, None, seed, Mode::Practice);
        record.update(&session);
        // Two a day, 28-day months from January 2025: every date distinct.
        let day = i / 2;
        let (year, month, date) = (2025 + day / 336, 1 + (day / 28) % 12, 1 + day % 28);
        record.started_at = format!("{year}-{month:02}-{date:02}T{:02}:00:00Z", 9 + i % 2 * 5);
        record.self_assessment = Some(SelfAssessment {
            how_it_went: String::new(),
            steps: [("active_listening".to_string(), 1 + (i % 5) as u8)].into(),
            pitfalls: Vec::new(),
        });
        record.save(dir).expect("a record is saved");
    }
}

/// Draws `screen` at 1920×1080 `WARM_UP + FRAMES` times; returns the measured frames.
fn frames(mut screen: impl FnMut(&mut egui::Ui)) -> Vec<Duration> {
    time_frames(WARM_UP, FRAMES, |_, ui| screen(ui)).0
}
