//! Measurement hooks for `scripts/measure-app.sh`, switched on by environment variables in
//! builds with the `dev` feature:
//! `KLACHTWIJS_EXIT_AFTER_FIRST_FRAME` quits once the first frame is drawn (time to first
//! frame = the process's run time); `KLACHTWIJS_BENCH_ANIMATE=SECONDS` opens the
//! conversation at 3840×2160, keeps the complainant's mood changing so the avatar animates
//! without pause, and prints frame times; `KLACHTWIJS_BENCH_OPEN=progress|author` opens
//! that screen at start (for idle-CPU measurements there) and, for "Mijn voortgang",
//! prints how long the records took to load in the background and every frame's main-world
//! work (First to Last) meanwhile.

use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use super::catalog::Catalog;
use super::conversation::ActiveSession;
use super::play::Play;
use super::state::Screen;
use crate::engine::Answer;

pub(super) fn plugin(app: &mut App) {
    // Measurement hooks exist only in builds with the `dev` feature.
    if !cfg!(feature = "dev") {
        return;
    }
    if std::env::var_os("KLACHTWIJS_EXIT_AFTER_FIRST_FRAME").is_some() {
        app.add_systems(Last, exit_after_first_frame);
    }
    if let Some(secs) = std::env::var("KLACHTWIJS_BENCH_ANIMATE")
        .ok()
        .and_then(|s| s.parse::<f32>().ok())
    {
        app.insert_resource(Bench {
            length: Duration::from_secs_f32(secs.clamp(1.0, 600.0)),
            ..Bench::default()
        })
        .add_systems(Update, animate);
    }
    let open = std::env::var("KLACHTWIJS_BENCH_OPEN").ok();
    if open.as_deref() == Some("phones") {
        app.add_systems(Last, open_phone_votes);
        return;
    }
    let screen = match open.as_deref() {
        Some("progress") => Some(Screen::Progress),
        Some("author") => Some(Screen::Author),
        _ => None,
    };
    if let Some(screen) = screen {
        app.insert_resource(ProgressBench {
            screen,
            ..ProgressBench::default()
        })
        .add_systems(First, |mut b: ResMut<ProgressBench>| {
            b.frame_start = Some(Instant::now())
        })
        .add_systems(Last, open_progress);
    }
}

/// The screen opened at start, and the frames drawn while the progress screen loads its
/// records.
#[derive(Resource, Default)]
struct ProgressBench {
    screen: Screen,
    opened: Option<Instant>,
    frame_start: Option<Instant>,
    /// The main world's work per frame since the screen opened, in milliseconds.
    frame_ms: Vec<f64>,
    /// The reading started on entering the screen has been seen running.
    saw_loading: bool,
    reported: bool,
}

fn open_progress(
    mut bench: ResMut<ProgressBench>,
    catalog: Res<Catalog>,
    progress: Res<super::progress::ProgressState>,
    mut next: ResMut<NextState<Screen>>,
) {
    if bench.reported || catalog.entries.is_empty() {
        return;
    }
    let now = Instant::now();
    let Some(opened) = bench.opened else {
        next.set(bench.screen);
        bench.opened = Some(now);
        return;
    };
    if bench.screen != Screen::Progress {
        bench.reported = true;
        println!("bench: opened {:?}", bench.screen);
        return;
    }
    if let Some(start) = bench.frame_start {
        bench.frame_ms.push((now - start).as_secs_f64() * 1000.0);
    }
    bench.saw_loading |= progress.loading();
    if let Some(loaded) = &progress.loaded
        && bench.saw_loading
        && !progress.loading()
    {
        bench.reported = true;
        let list = |ms: &[f64]| {
            let shown: Vec<String> = ms.iter().map(|ms| format!("{ms:.1}")).collect();
            shown.join(", ")
        };
        println!(
            "bench: progress attempts={} loaded_ms={} frames_ms=[{}] (the last one draws the records)",
            loaded.progress.attempts.len(),
            (now - opened).as_millis(),
            list(&bench.frame_ms),
        );
    }
}

/// `KLACHTWIJS_BENCH_OPEN=phones`: a classroom conversation with its options shown and
/// phone votes switched on, for the idle CPU while the room could vote but nobody does.
#[allow(clippy::too_many_arguments, reason = "a Bevy system's parameters")]
fn open_phone_votes(
    mut done: Local<bool>,
    catalog: Res<Catalog>,
    mut current: ResMut<ActiveSession>,
    mut mode: ResMut<super::state::PlayMode>,
    mut classroom: ResMut<super::classroom::Classroom>,
    phones: Res<super::phones::PhoneVotes>,
    mut presenter: MessageWriter<super::classroom::PresenterAction>,
    mut next: ResMut<NextState<Screen>>,
) {
    if *done {
        return;
    }
    if classroom.phones.is_some() {
        *done = true;
        println!(
            "bench: phone votes on at {}",
            phones.url().unwrap_or_default()
        );
        return;
    }
    let Some(entry) = catalog
        .find("scheldende-beller")
        .or(catalog.entries.first())
    else {
        return;
    };
    if current.play.is_none() {
        **mode = crate::records::Mode::Classroom;
        current.choose(entry.clone());
        current.start(&catalog.rubric, 7);
        classroom.paper_done.insert(1);
        next.set(Screen::Conversation);
        presenter.write(super::classroom::PresenterAction::Phones);
    }
}

/// Quits once the first frame has been drawn (also used by `examples/bare_window.rs`).
pub fn exit_after_first_frame(mut frames: Local<u32>, mut exit: MessageWriter<AppExit>) {
    *frames += 1;
    // The first update's frame has been rendered by the time `Last` runs again.
    if *frames == 2 {
        exit.write(AppExit::Success);
    }
}

/// Switches the window to 3840×2160 at scale 2, as a 4K projector shows the app.
pub fn set_4k(window: &mut Window) {
    window.resolution.set_scale_factor_override(Some(2.0));
    window.resolution.set_physical_resolution(3840, 2160);
}

/// Frame-to-frame times, summarised as the line `scripts/measure-app.sh` reads.
#[derive(Debug, Default)]
pub struct FrameTimes {
    last: Option<Instant>,
    ms: Vec<f32>,
}

impl FrameTimes {
    /// Notes a frame at `now`; the time since the previous frame counts when `record`.
    pub fn tick(&mut self, now: Instant, record: bool) {
        if record && let Some(last) = self.last {
            self.ms.push((now - last).as_secs_f32() * 1000.0);
        }
        self.last = Some(now);
    }

    /// `bench: frames=N mean_ms=M p95_ms=P`.
    pub fn summary(&self) -> String {
        let mut f = self.ms.clone();
        f.sort_by(f32::total_cmp);
        if f.is_empty() {
            return "bench: no frames".into();
        }
        let mean = f.iter().sum::<f32>() / f.len() as f32;
        let p95 = f[(f.len() * 95 / 100).min(f.len() - 1)];
        format!(
            "bench: frames={} mean_ms={mean:.1} p95_ms={p95:.1}",
            f.len()
        )
    }
}

#[derive(Resource, Default)]
struct Bench {
    length: Duration,
    started: Option<Instant>,
    frames: FrameTimes,
    last_flip: Option<Instant>,
    flip: bool,
}

fn animate(
    mut bench: ResMut<Bench>,
    catalog: Res<Catalog>,
    mut current: ResMut<ActiveSession>,
    mut windows: Query<&mut Window, With<PrimaryWindow>>,
    mut next: ResMut<NextState<Screen>>,
    mut exit: MessageWriter<AppExit>,
) {
    let now = Instant::now();
    let Some(started) = bench.started else {
        for mut w in &mut windows {
            set_4k(&mut w);
        }
        let Some(entry) = catalog.entries.first().cloned() else {
            eprintln!("bench: no scenario");
            exit.write(AppExit::error());
            return;
        };
        current.choose(entry.clone());
        if let Ok(play) = Play::start(entry.scenario.clone(), &catalog.rubric, 1) {
            current.begin(play);
        }
        next.set(Screen::Conversation);
        bench.started = Some(now);
        return;
    };
    // Warm up for a second (window resize, first layout), then record.
    bench
        .frames
        .tick(now, now - started > Duration::from_secs(1));
    // Every 0.5 s swap between the first answer and a fresh start, so the mood (and the
    // avatar) keeps moving.
    if bench
        .last_flip
        .is_none_or(|t| now - t > Duration::from_millis(500))
    {
        bench.last_flip = Some(now);
        bench.flip = !bench.flip;
        if let Some(play) = current.play.as_mut() {
            let picks = if bench.flip {
                vec![Answer::Pick(2)]
            } else {
                Vec::new()
            };
            if let Ok(replayed) = play.replay(&picks) {
                *play = replayed;
            }
        }
    }
    if now - started > bench.length + Duration::from_secs(1) {
        println!("{}", bench.frames.summary());
        exit.write(AppExit::Success);
    }
}
