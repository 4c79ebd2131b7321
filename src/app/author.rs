//! The author's corner: scenario files from `--scenarios` folders reload the moment they
//! change on disk (a file watcher wakes the app; nothing polls), their diagnostics in a
//! panel, and "test from here": start at any node with a chosen mood.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::RichText;

use super::AppConfig;
use super::catalog::{Analysing, Catalog, DiagnosticView, Source};
use super::conversation::Current;
use super::i18n::{Lang, Strings};
use super::library::diagnostic_ui;
use super::play::Play;
use super::settings::Settings;
use super::state::{AppSystems, Navigate, Screen};
use super::widgets;
use crate::scenario::model::Mood;

/// One scenario file as the author sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct FileView {
    pub source: String,
    /// The scenario's title when it loaded.
    pub title: Option<String>,
    pub diagnostics: Vec<DiagnosticView>,
}

/// A scenario the author can test, with its node ids.
#[derive(Debug, Clone, PartialEq)]
pub struct TestableView {
    pub id: String,
    pub title: String,
    pub nodes: Vec<String>,
}

/// Everything the author screen shows.
#[derive(Debug, Clone)]
pub struct AuthorView {
    pub strings: &'static Strings,
    /// The UI language, for the findings.
    pub lang: Lang,
    pub watching: Vec<String>,
    pub files: Vec<FileView>,
    pub testable: Vec<TestableView>,
    pub reloads: u32,
    /// The path analysis of the files is still running.
    pub analysing: bool,
    /// The map of the scenario chosen for "test from here", and its model's step names.
    pub map: Option<std::sync::Arc<crate::scenario::map::Map>>,
    pub map_steps: Vec<String>,
}

/// A map laid out for (scenario id, reload count), kept until either changes.
type LaidOut = ((String, u32), std::sync::Arc<crate::scenario::map::Map>);

/// The author's choice for "test from here".
#[derive(Resource, Debug, Clone, PartialEq, Default)]
pub struct TestFrom {
    pub scenario: String,
    pub node: String,
    pub anger: u8,
    pub trust: u8,
}

/// What the author did.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum AuthorAction {
    Test(TestFrom),
    Reload,
}

/// Set by the file watcher's thread when a scenario file changed.
#[derive(Resource, Default)]
pub struct Changed {
    flag: Arc<AtomicBool>,
    pub reloads: u32,
    // Kept alive for as long as the app runs.
    _watcher: Option<notify::RecommendedWatcher>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TestFrom>()
        .init_resource::<Changed>()
        .add_message::<AuthorAction>()
        // Registered by bevy_window in the real app; headless tests have no window.
        .add_message::<bevy::window::RequestRedraw>()
        .add_systems(Startup, watch)
        .add_systems(
            Update,
            (
                reload_when_changed.in_set(AppSystems::Input),
                apply.in_set(AppSystems::Apply),
            ),
        )
        .add_systems(EguiPrimaryContextPass, ui.run_if(in_state(Screen::Author)));
}

/// Starts a watcher on every `--scenarios` folder; a change sets the flag and wakes the
/// event loop, so the app sleeps when nothing changes.
fn watch(
    config: Option<Res<AppConfig>>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
    mut changed: ResMut<Changed>,
) {
    use notify::Watcher;
    let Some(config) = config else { return };
    if config.extra_scenario_dirs.is_empty() {
        return;
    }
    let flag = changed.flag.clone();
    let proxy = proxy.map(|p| (**p).clone());
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let relevant = event.is_ok_and(|e| {
            !e.kind.is_access()
                && e.paths
                    .iter()
                    .any(|p| p.extension().is_some_and(|x| x == "ron"))
        });
        if relevant {
            flag.store(true, Ordering::Release);
            if let Some(proxy) = &proxy {
                let _ = proxy.send_event(WinitUserEvent::WakeUp);
            }
        }
    });
    match watcher {
        Ok(mut watcher) => {
            for dir in &config.extra_scenario_dirs {
                if let Err(err) = watcher.watch(dir, notify::RecursiveMode::Recursive) {
                    warn!("cannot watch {}: {err}", dir.display());
                }
            }
            changed._watcher = Some(watcher);
        }
        Err(err) => warn!("no live reload: {err}"),
    }
}

fn reload_when_changed(
    mut changed: ResMut<Changed>,
    config: Option<Res<AppConfig>>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
    mut catalog: ResMut<Catalog>,
    mut analysing: ResMut<Analysing>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    if !changed.flag.swap(false, Ordering::AcqRel) {
        return;
    }
    if let Some(config) = config {
        *catalog = Catalog::load(&config);
        analysing.start(&catalog, proxy.as_deref());
        changed.reloads += 1;
        redraw.write(bevy::window::RequestRedraw);
    }
}

pub fn view(
    catalog: &Catalog,
    config: Option<&AppConfig>,
    settings: &Settings,
    reloads: u32,
    analysing: bool,
) -> AuthorView {
    let own = |source: &Source| matches!(source, Source::File(_));
    let mut files: Vec<FileView> = catalog
        .entries
        .iter()
        .filter(|e| own(&e.source))
        .map(|e| FileView {
            source: e.source.display(),
            title: Some(e.scenario.title.clone()),
            diagnostics: e.warnings.clone(),
        })
        .chain(
            catalog
                .broken
                .iter()
                .filter(|b| own(&b.source))
                .map(|b| FileView {
                    source: b.source.display(),
                    title: None,
                    diagnostics: b.diagnostics.clone(),
                }),
        )
        .collect();
    files.sort_by(|a, b| a.source.cmp(&b.source));
    AuthorView {
        strings: settings.strings(),
        lang: settings.language,
        watching: config
            .map(|c| {
                c.extra_scenario_dirs
                    .iter()
                    .map(|d| d.display().to_string())
                    .collect()
            })
            .unwrap_or_default(),
        files,
        testable: catalog
            .entries
            .iter()
            .map(|e| TestableView {
                id: e.scenario.id.clone(),
                title: e.scenario.title.clone(),
                nodes: e.scenario.nodes.keys().cloned().collect(),
            })
            .collect(),
        reloads,
        analysing,
        map: None,
        map_steps: Vec::new(),
    }
}

#[allow(clippy::too_many_arguments, reason = "a Bevy system's parameters")]
fn ui(
    mut contexts: EguiContexts,
    catalog: Res<Catalog>,
    config: Option<Res<AppConfig>>,
    settings: Res<Settings>,
    changed: Res<Changed>,
    analysing: Res<Analysing>,
    mut test: ResMut<TestFrom>,
    mut nav: MessageWriter<Navigate>,
    mut actions: MessageWriter<AuthorAction>,
    mut map: Local<Option<LaidOut>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = widgets::root_ui(ctx);
    if let Some(to) = widgets::top_bar(&mut root, settings.strings(), Screen::Author) {
        nav.write(to);
    }
    let mut view = view(
        &catalog,
        config.as_deref(),
        &settings,
        changed.reloads,
        analysing.running(),
    );
    // The map is laid out once per scenario and reload, not every frame.
    let key = (test.scenario.clone(), changed.reloads);
    if map.as_ref().is_none_or(|(k, _)| *k != key) {
        let laid_out = catalog.find(&test.scenario).and_then(|entry| {
            let model = catalog.rubric.model(entry.scenario.model)?;
            Some(std::sync::Arc::new(crate::scenario::map::Map::build(
                &entry.scenario,
                model,
                None,
                None,
                crate::scenario::map::Sizes::default(),
            )))
        });
        *map = laid_out.map(|m| (key, m));
    }
    view.map = map.as_ref().map(|(_, m)| m.clone());
    view.map_steps = catalog
        .find(&test.scenario)
        .and_then(|e| catalog.rubric.model(e.scenario.model))
        .map(|m| {
            m.steps
                .iter()
                .map(|st| settings.language.pick(&st.name).to_string())
                .collect()
        })
        .unwrap_or_default();
    widgets::central(&mut root, |ui| {
        if let Some(action) = author_screen(ui, &view, test.as_mut()) {
            actions.write(action);
        }
    });
    Ok(())
}

fn apply(
    mut reader: MessageReader<AuthorAction>,
    catalog: Res<Catalog>,
    config: Option<Res<AppConfig>>,
    mut current: ResMut<Current>,
    mut next: ResMut<NextState<Screen>>,
    changed: Res<Changed>,
) {
    for action in reader.read() {
        match action {
            AuthorAction::Reload => {
                if config.is_some() {
                    changed.flag.store(true, Ordering::Release);
                }
            }
            AuthorAction::Test(t) => {
                let Some(entry) = catalog.find(&t.scenario) else {
                    continue;
                };
                let mood = Mood {
                    anger: t.anger.min(100),
                    trust: t.trust.min(100),
                };
                match Play::start_at(
                    entry.scenario.clone(),
                    &catalog.rubric,
                    super::briefing::new_seed(),
                    &t.node,
                    mood,
                ) {
                    Ok(play) => {
                        current.choose(entry.clone());
                        current.begin(play);
                        current.test_run = true;
                        next.set(Screen::Conversation);
                    }
                    Err(err) => warn!("cannot test from {}: {err:?}", t.node),
                }
            }
        }
    }
}

/// The author screen.
pub fn author_screen(
    ui: &mut egui::Ui,
    view: &AuthorView,
    test: &mut TestFrom,
) -> Option<AuthorAction> {
    let s = view.strings;
    let mut action = None;
    widgets::page(ui, |ui| {
        ui.heading(RichText::new(s.author).size(30.0));
        if view.watching.is_empty() {
            ui.label(s.author_no_folder);
        } else {
            ui.label(format!(
                "{} {}",
                s.author_watching,
                view.watching.join(", ")
            ));
            ui.horizontal(|ui| {
                if ui.button(s.reload_now).clicked() {
                    action = Some(AuthorAction::Reload);
                }
                if view.reloads > 0 {
                    ui.label(RichText::new(format!("{} {}×", s.reloaded, view.reloads)).weak());
                }
            });
        }
        ui.add_space(12.0);
        widgets::section(ui, s.diagnostics, |ui| {
            if view.analysing {
                ui.label(RichText::new(s.analysing).weak().italics());
            }
            if view.files.is_empty() {
                ui.label(RichText::new(s.no_own_files).italics());
            }
            for file in &view.files {
                let status = match (
                    &file.title,
                    file.diagnostics.iter().any(DiagnosticView::is_error),
                ) {
                    (_, true) | (None, _) => format!("✖ {}", file.source),
                    (Some(title), false) => format!("✔ {} — {title}", file.source),
                };
                ui.label(RichText::new(status).strong().monospace());
                for d in &file.diagnostics {
                    diagnostic_ui(ui, d, view.lang);
                }
                ui.add_space(6.0);
            }
        });
        ui.add_space(12.0);
        widgets::section(ui, s.test_from_here, |ui| {
            if view.testable.is_empty() {
                ui.label(RichText::new(s.no_scenarios).italics());
                return;
            }
            if !view.testable.iter().any(|t| t.id == test.scenario) {
                test.scenario = view.testable[0].id.clone();
                test.node.clear();
                test.anger = 50;
                test.trust = 50;
            }
            let Some(chosen) = view.testable.iter().find(|t| t.id == test.scenario) else {
                return;
            };
            if !chosen.nodes.contains(&test.node) {
                test.node = chosen.nodes.first().cloned().unwrap_or_default();
            }
            egui::Grid::new("test_from")
                .num_columns(2)
                .spacing([16.0, 10.0])
                .show(ui, |ui| {
                    ui.label(s.scenario);
                    egui::ComboBox::from_id_salt("test_scenario")
                        .selected_text(&chosen.title)
                        .width(420.0)
                        .show_ui(ui, |ui| {
                            for t in &view.testable {
                                ui.selectable_value(&mut test.scenario, t.id.clone(), &t.title);
                            }
                        });
                    ui.end_row();
                    ui.label(s.node);
                    egui::ComboBox::from_id_salt("test_node")
                        .selected_text(&test.node)
                        .width(420.0)
                        .show_ui(ui, |ui| {
                            for n in &chosen.nodes {
                                ui.selectable_value(&mut test.node, n.clone(), n);
                            }
                        });
                    ui.end_row();
                    ui.label(s.anger);
                    ui.add(egui::Slider::new(&mut test.anger, 0..=100));
                    ui.end_row();
                    ui.label(s.trust);
                    ui.add(egui::Slider::new(&mut test.trust, 0..=100));
                    ui.end_row();
                });
            ui.add_space(8.0);
            if ui
                .button(RichText::new(format!("▶ {}", s.start_here)).strong())
                .clicked()
            {
                action = Some(AuthorAction::Test(test.clone()));
            }
            if let Some(map) = &view.map
                && map.scenario == test.scenario
            {
                ui.add_space(12.0);
                ui.label(RichText::new(s.scenario_map).heading());
                ui.label(RichText::new(s.scenario_map_note).weak());
                super::map_view::legend_ui(ui, &view.map_steps, s.map_arrows);
                if let Some(node) = super::map_view::map_ui(ui, map, 0.8, &test.node) {
                    test.node = node;
                }
            }
        });
    });
    action
}
