//! "Mijn voortgang": a trainee's progress across days from the records on this computer
//! (per step over time, pitfalls with their trend, attempts per scenario, own view beside
//! the score), and what to practise next. The records are read and replayed on a
//! background task, so opening the screen never blocks a frame; the library shows the
//! same recommendation.
//!
//! A little over 500 lines: the background loading, the view model and the drawing of one
//! screen.

use bevy::prelude::*;

use super::background::{Background, Polled};
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::RichText;
use egui_plot::{Line, PlotPoints};

use super::catalog::Catalog;
use super::i18n::Strings;
use super::settings::{Persist, Settings};
use super::state::{AppSystems, Navigate, PassSystems, Screen};
use super::widgets;
use crate::records::progress::{self, Progress, Reason, Recommendation};

/// The latest progress read from the records, and the reading under way.
#[derive(Resource)]
pub struct ProgressState {
    task: Option<Background<Loaded>>,
    pub loaded: Option<Loaded>,
    /// The records may have changed: read them again once the catalog is there.
    stale: bool,
}

impl Default for ProgressState {
    fn default() -> Self {
        ProgressState {
            task: None,
            loaded: None,
            stale: true,
        }
    }
}

impl ProgressState {
    /// Whether the records are being read.
    pub fn loading(&self) -> bool {
        self.task.is_some()
    }

    /// Already loaded (the screenshot driver's demo records).
    pub fn ready(loaded: Loaded) -> ProgressState {
        ProgressState {
            task: None,
            loaded: Some(loaded),
            stale: false,
        }
    }
}

/// Progress and the recommendation, as computed on the background task.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub progress: Progress,
    pub recommendation: Option<Recommendation>,
    /// Files in the records folder that could not be read.
    pub unreadable: usize,
    /// The most recent session that can be resumed, over all scenarios (the library's
    /// offer), and per scenario id (the briefing's).
    pub interrupted: Option<(std::path::PathBuf, crate::records::Record)>,
    pub unfinished:
        std::collections::BTreeMap<String, (std::path::PathBuf, crate::records::Record)>,
    /// Scenario ids with at least one record ("say it first" asks on a first play).
    pub played: std::collections::BTreeSet<String>,
}

/// One pitfall row.
#[derive(Debug, Clone, PartialEq)]
pub struct PitfallRow {
    pub name: String,
    pub count: usize,
    pub scenarios: usize,
    /// Attempts with it in the earlier and the later half.
    pub earlier: usize,
    pub later: usize,
}

/// The attempts at one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioRow {
    pub title: String,
    /// Date (YYYY-MM-DD), score, finished.
    pub attempts: Vec<(String, u8, bool)>,
}

/// Own rating beside the measured score, per step: mean rating (1–5), mean score, count.
#[derive(Debug, Clone, PartialEq)]
pub struct CalibrationRow {
    pub step: String,
    pub rated: f32,
    pub measured: f32,
    pub n: usize,
}

/// What to practise next, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct RecommendationView {
    pub scenario: String,
    pub title: String,
    pub why: String,
}

/// Everything the progress screen shows.
#[derive(Debug, Clone)]
pub struct ProgressView {
    pub strings: &'static Strings,
    pub loading: bool,
    pub attempts: usize,
    /// Per step: name and (attempt number, score).
    pub steps: Vec<(String, Vec<[f64; 2]>)>,
    pub pitfalls: Vec<PitfallRow>,
    pub scenarios: Vec<ScenarioRow>,
    pub calibration: Vec<CalibrationRow>,
    pub recommendation: Option<RecommendationView>,
    pub skipped: usize,
}

/// What the trainee did on the progress screen (or on the library's recommendation).
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub enum ProgressAction {
    /// Open the briefing of the recommended scenario.
    Practise(String),
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ProgressState>()
        .add_message::<ProgressAction>()
        .add_systems(OnEnter(Screen::Progress), mark_stale)
        .add_systems(OnEnter(Screen::Library), mark_stale)
        .add_systems(
            Update,
            (
                // The first OnEnter can come before the catalog has loaded.
                start_loading
                    .run_if(|s: Res<ProgressState>, c: Res<Catalog>| {
                        s.stale && !c.entries.is_empty()
                    })
                    .in_set(AppSystems::Input),
                finish_loading.in_set(AppSystems::Input),
            ),
        )
        .add_systems(
            EguiPrimaryContextPass,
            ui.run_if(in_state(Screen::Progress))
                .in_set(PassSystems::Screen),
        );
}

fn mark_stale(mut state: ResMut<ProgressState>) {
    state.stale = true;
}

fn start_loading(
    mut state: ResMut<ProgressState>,
    catalog: Res<Catalog>,
    settings: Res<Settings>,
    persist: Res<Persist>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
) {
    state.stale = false;
    let Some(dir) = crate::records::default_dir().filter(|_| persist.0) else {
        state.loaded.get_or_insert_with(Loaded::default);
        return;
    };
    let scenarios: Vec<_> = catalog.entries.iter().map(|e| e.scenario.clone()).collect();
    let rubric = catalog.rubric.clone();
    let lang = settings.language;
    let proxy = proxy.map(|p| (**p).clone());
    state.task = Some(Background::spawn("progress", move || {
        let loaded = load(&dir, &scenarios, &rubric, lang);
        if let Some(proxy) = proxy {
            let _ = proxy.send_event(WinitUserEvent::WakeUp);
        }
        loaded
    }));
}

/// Reads and replays every record in `dir`: the work of the background task.
pub fn load(
    dir: &std::path::Path,
    scenarios: &[std::sync::Arc<crate::scenario::model::Scenario>],
    rubric: &crate::rubric::model::Rubric,
    lang: crate::scenario::model::Language,
) -> Loaded {
    // One reading of the folder serves the progress, the recommendation, the library's
    // resume offer and the briefing's (never on the main thread: a thousand records take
    // about a second).
    let listing = crate::records::list_records(dir);
    let unreadable = listing.broken.len();
    let unfinished: std::collections::BTreeMap<_, _> = scenarios
        .iter()
        .filter_map(|s| {
            crate::records::resumable_in(&listing.records, [&**s]).map(|r| (s.id.clone(), r))
        })
        .collect();
    // The most recent over all scenarios is the most recent of the per-scenario ones (the
    // same order as `resumable_in`).
    let interrupted = unfinished
        .values()
        .max_by(|(pa, a), (pb, b)| a.started_at.cmp(&b.started_at).then(pa.cmp(pb)))
        .cloned();
    let played = listing
        .records
        .iter()
        .map(|(_, r)| r.scenario.clone())
        .collect();
    let progress = progress::progress(
        listing.records.into_iter().map(|(_, r)| r),
        scenarios,
        rubric,
        lang,
    );
    let recommendation = progress::recommend(&progress, scenarios, rubric, lang);
    Loaded {
        progress,
        recommendation,
        unreadable,
        interrupted,
        unfinished,
        played,
    }
}

fn finish_loading(
    mut state: ResMut<ProgressState>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let Some(task) = state.task.as_ref() else {
        return;
    };
    match task.poll() {
        Polled::Running => {}
        Polled::Done(loaded) => {
            state.task = None;
            state.loaded = Some(loaded);
            redraw.write(bevy::window::RequestRedraw);
        }
        Polled::Lost => {
            state.task = None;
            state.loaded.get_or_insert_with(Loaded::default);
        }
    }
}

/// The recommendation in words, in the UI language.
pub fn recommendation_view(s: &Strings, r: &Recommendation) -> RecommendationView {
    let why = match &r.reason {
        Reason::Pitfall { name, count, .. } => s.why_pitfall(name, *count),
        Reason::WeakStep { name, mean, .. } => s.why_weak_step(name, *mean),
        Reason::NotYetPlayed => s.why_new.to_string(),
    };
    RecommendationView {
        scenario: r.scenario.clone(),
        title: r.title.clone(),
        why,
    }
}

/// Builds the view from what was loaded (`None` while the first reading runs).
pub fn view(s: &'static Strings, loaded: Option<&Loaded>) -> ProgressView {
    let Some(loaded) = loaded else {
        return ProgressView {
            strings: s,
            loading: true,
            attempts: 0,
            steps: Vec::new(),
            pitfalls: Vec::new(),
            scenarios: Vec::new(),
            calibration: Vec::new(),
            recommendation: None,
            skipped: 0,
        };
    };
    let p = &loaded.progress;
    let mut scenarios: Vec<ScenarioRow> = Vec::new();
    for a in &p.attempts {
        let date = a.started_at.get(..10).unwrap_or(&a.started_at).to_string();
        match scenarios.iter_mut().find(|r| r.title == a.title) {
            Some(row) => row.attempts.push((date, a.score, a.finished)),
            None => scenarios.push(ScenarioRow {
                title: a.title.clone(),
                attempts: vec![(date, a.score, a.finished)],
            }),
        }
    }
    let mean = |xs: &mut dyn Iterator<Item = f32>| {
        let (sum, n) = xs.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
        if n == 0 { 0.0 } else { sum / n as f32 }
    };
    ProgressView {
        strings: s,
        loading: false,
        attempts: p.attempts.len(),
        steps: p
            .steps
            .values()
            .map(|(name, points)| {
                (
                    name.clone(),
                    points
                        .iter()
                        .map(|&(i, score)| [i as f64 + 1.0, f64::from(score)])
                        .collect(),
                )
            })
            .collect(),
        pitfalls: p
            .pitfalls
            .iter()
            .map(|h| PitfallRow {
                name: h.name.clone(),
                count: h.count,
                scenarios: h.scenarios.len(),
                earlier: h.earlier,
                later: h.later,
            })
            .collect(),
        scenarios,
        calibration: p
            .calibration
            .iter()
            .map(|(id, cs)| CalibrationRow {
                step: p
                    .steps
                    .get(id)
                    .map_or_else(|| id.clone(), |(n, _)| n.clone()),
                rated: mean(&mut cs.iter().map(|c| f32::from(c.rated))),
                measured: mean(&mut cs.iter().map(|c| f32::from(c.measured))),
                n: cs.len(),
            })
            .collect(),
        recommendation: loaded
            .recommendation
            .as_ref()
            .map(|r| recommendation_view(s, r)),
        skipped: p.skipped + loaded.unreadable,
    }
}

fn ui(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    state: Res<ProgressState>,
    mut nav: MessageWriter<Navigate>,
    mut actions: MessageWriter<ProgressAction>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = widgets::root_ui(ctx);
    if let Some(to) = widgets::top_bar(&mut root, settings.strings(), Screen::Progress) {
        nav.write(to);
    }
    let view = view(settings.strings(), state.loaded.as_ref());
    widgets::central(&mut root, |ui| {
        if let Some(action) = progress_screen(ui, &view) {
            actions.write(action);
        }
    });
    Ok(())
}

/// The recommendation card (also on the library screen); true when "practise" is chosen.
pub fn recommendation_card(ui: &mut egui::Ui, s: &Strings, r: &RecommendationView) -> bool {
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::same(14))
        .corner_radius(10.0)
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(s.practise_next).heading());
            ui.label(RichText::new(&r.title).size(20.0).strong());
            ui.label(&r.why);
            ui.add_space(6.0);
            ui.button(RichText::new(format!("{} →", s.practise_this)).strong())
                .clicked()
        })
        .inner
}

/// The progress screen.
pub fn progress_screen(ui: &mut egui::Ui, view: &ProgressView) -> Option<ProgressAction> {
    let s = view.strings;
    let mut action = None;
    widgets::page(ui, |ui| {
        ui.heading(RichText::new(s.my_progress).size(30.0));
        if view.loading {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(s.reading_records);
            });
            return;
        }
        ui.label(format!(
            "{} · {}",
            s.session_count(view.attempts),
            s.progress_intro
        ));
        if view.skipped > 0 {
            ui.label(RichText::new(format!("{} {}", s.progress_skipped, view.skipped)).weak());
        }
        ui.add_space(10.0);
        if let Some(r) = &view.recommendation
            && recommendation_card(ui, s, r)
        {
            action = Some(ProgressAction::Practise(r.scenario.clone()));
        }
        if view.attempts == 0 {
            ui.add_space(10.0);
            ui.label(RichText::new(s.no_progress_yet).italics());
            return;
        }
        ui.add_space(12.0);
        widgets::section(ui, s.steps_over_time, |ui| {
            widgets::fixed_plot("steps_over_time", 260.0, s.attempt).show(ui, |plot| {
                for (i, (name, points)) in view.steps.iter().enumerate() {
                    plot.line(
                        Line::new(name.as_str(), PlotPoints::from(points.clone()))
                            .color(step_colour(i))
                            .width(2.5),
                    );
                }
            });
        });
        ui.add_space(12.0);
        widgets::section(ui, s.pitfalls_over_time, |ui| {
            if view.pitfalls.is_empty() {
                ui.label(s.no_pitfalls_yet);
            }
            egui::Grid::new("pitfall_rows")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    for row in &view.pitfalls {
                        ui.label(RichText::new(&row.name).strong());
                        ui.label(format!(
                            "{}× · {} {}",
                            row.count, row.scenarios, s.scenarios_word
                        ));
                        let trend = match row.later.cmp(&row.earlier) {
                            std::cmp::Ordering::Less => s.trend_down,
                            std::cmp::Ordering::Equal => s.trend_same,
                            std::cmp::Ordering::Greater => s.trend_up,
                        };
                        ui.label(trend);
                        ui.end_row();
                    }
                });
        });
        ui.add_space(12.0);
        widgets::section(ui, s.own_view_vs_score, |ui| {
            if view.calibration.is_empty() {
                ui.label(RichText::new(s.no_self_assessment_yet).italics());
            }
            for c in &view.calibration {
                ui.label(format!(
                    "{}: {} {:.1}/5 · {} {:.0} ({}×)",
                    c.step, s.you_rated, c.rated, s.measured, c.measured, c.n
                ));
            }
        });
        ui.add_space(12.0);
        widgets::section(ui, s.attempts_per_scenario, |ui| {
            for row in &view.scenarios {
                ui.label(RichText::new(&row.title).strong());
                ui.horizontal_wrapped(|ui| {
                    for (date, score, finished) in &row.attempts {
                        let text = if *finished {
                            format!("{date}: {score}")
                        } else {
                            format!("{date}: {score} ({})", s.unfinished)
                        };
                        ui.label(
                            RichText::new(text).color(widgets::score_color(f32::from(*score))),
                        );
                    }
                });
            }
        });
    });
    action
}

/// Distinct, colour-blind-friendly colours for the step lines (Okabe–Ito).
fn step_colour(i: usize) -> egui::Color32 {
    const COLOURS: [egui::Color32; 6] = [
        egui::Color32::from_rgb(0x00, 0x72, 0xb2),
        egui::Color32::from_rgb(0xe6, 0x9f, 0x00),
        egui::Color32::from_rgb(0x00, 0x9e, 0x73),
        egui::Color32::from_rgb(0xcc, 0x79, 0xa7),
        egui::Color32::from_rgb(0xd5, 0x5e, 0x00),
        egui::Color32::from_rgb(0x56, 0xb4, 0xe9),
    ];
    COLOURS[i % COLOURS.len()]
}
