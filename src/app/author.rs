//! The author's corner: scenario files from `--scenarios` folders (reloaded the moment
//! they change on disk, `watch.rs`), their diagnostics in a panel, and "test from here":
//! start at any node with a chosen mood.
//!
//! Over 500 lines with its tests: the diagnostics panel, test-from-here, the map and the
//! new-scenario form are one screen.

use bevy::prelude::*;
use bevy::winit::EventLoopProxyWrapper;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::RichText;

use super::AppConfig;
use super::catalog::{Analysing, Catalog, DiagnosticView, Source};
use super::conversation::ActiveSession;
use super::i18n::{Strings, UiLanguage};
use super::library::diagnostic_ui;
use super::map_view::{self, MapAction, MapCamera, ScenarioMap};
use super::play::Play;
use super::settings::Settings;
use super::state::{AppSystems, Navigate, PassSystems, Screen};
use super::watch::Changed;
use super::widgets;
use crate::scenario::map::MapPath;
use crate::scenario::model::Language;
use crate::scenario::model::{ModelId, Mood};

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
    pub lang: Language,
    pub watching: Vec<String>,
    pub files: Vec<FileView>,
    pub testable: Vec<TestableView>,
    pub reloads: u32,
    /// The path analysis of the files is still running.
    pub analysing: bool,
    /// The step names of the chosen scenario's model, for the map's legend.
    pub map_steps: Vec<String>,
}

/// The map of the scenario chosen for "test from here", how the author looks at it, and
/// the path of the latest test run of that scenario.
pub struct MapArgs<'a> {
    pub maps: &'a ScenarioMap,
    pub camera: &'a mut MapCamera,
    pub played: Option<MapPath>,
}

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
    /// Write `klachtwijs new`'s template as `<first watched folder>/<id>.ron`.
    New {
        id: String,
        model: ModelId,
    },
}

/// The "new scenario" form, and what came of the last one.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct NewScenario {
    pub id: String,
    pub model: ModelId,
    /// Where it was written, or why not.
    pub note: Option<Result<String, String>>,
}

impl Default for NewScenario {
    fn default() -> Self {
        NewScenario {
            id: String::new(),
            model: ModelId::Klachtengesprek,
            note: None,
        }
    }
}

/// Writes the template for `id` into `dir`, never over an existing file.
fn write_template(
    dir: &std::path::Path,
    id: &str,
    model: ModelId,
    lang: crate::scenario::model::Language,
) -> Result<String, String> {
    let valid = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        return Err(format!("{id:?}: a-z, 0-9 and -"));
    }
    let path = dir.join(format!("{id}.ron"));
    let text = crate::scenario::template::template(id, model, lang);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.display().to_string())
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TestFrom>()
        .init_resource::<NewScenario>()
        .add_message::<AuthorAction>()
        .add_systems(Update, apply.in_set(AppSystems::Apply))
        .add_systems(
            EguiPrimaryContextPass,
            ui.run_if(in_state(Screen::Author))
                .in_set(PassSystems::Screen),
        );
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
        map_steps: Vec::new(),
    }
}

#[allow(clippy::too_many_arguments, reason = "a Bevy system's parameters")]
fn ui(
    mut contexts: EguiContexts,
    catalog: Res<Catalog>,
    config: Option<Res<AppConfig>>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
    settings: Res<Settings>,
    changed: Res<Changed>,
    analysing: Res<Analysing>,
    current: Res<ActiveSession>,
    mut test: ResMut<TestFrom>,
    mut maps: ResMut<ScenarioMap>,
    mut camera: ResMut<MapCamera>,
    mut new: ResMut<NewScenario>,
    mut nav: MessageWriter<Navigate>,
    mut actions: MessageWriter<AuthorAction>,
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
    // Laid out (and analysed in the background) once per scenario and reload.
    map_view::prepare(
        &mut maps,
        &catalog,
        &test.scenario,
        changed.reloads,
        proxy.as_deref(),
    );
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
    let played = latest_test(&current, &maps);
    let map = MapArgs {
        maps: &maps,
        camera: &mut camera,
        played,
    };
    widgets::central(&mut root, |ui| {
        if let Some(action) = author_screen(ui, &view, test.as_mut(), new.as_mut(), map) {
            actions.write(action);
        }
    });
    Ok(())
}

/// The path of the latest test run, when it played the scenario on the map.
fn latest_test(current: &ActiveSession, maps: &ScenarioMap) -> Option<MapPath> {
    let play = current.play.as_ref().filter(|_| current.test_run)?;
    let map = maps.map.as_ref()?;
    let scenario = maps.scenario.as_ref()?;
    if play.scenario.id != map.scenario || play.turn_count() == 0 {
        return None;
    }
    let played = map_view::played_path(play.session.turns(), &play.scenario);
    Some(map.path(scenario, &played))
}

#[allow(clippy::too_many_arguments, reason = "a Bevy system's parameters")]
fn apply(
    mut reader: MessageReader<AuthorAction>,
    catalog: Res<Catalog>,
    config: Option<Res<AppConfig>>,
    settings: Res<Settings>,
    mut current: ResMut<ActiveSession>,
    mut next: ResMut<NextState<Screen>>,
    mut new: ResMut<NewScenario>,
    changed: Res<Changed>,
) {
    for action in reader.read() {
        match action {
            AuthorAction::New { id, model } => {
                let Some(dir) = config.as_ref().and_then(|c| c.extra_scenario_dirs.first()) else {
                    continue;
                };
                let written = write_template(dir, id, *model, settings.language);
                if written.is_ok() {
                    // The watcher sees the file too; reloading now does not wait for it.
                    changed.request_reload();
                    new.id.clear();
                }
                new.note = Some(written);
            }
            AuthorAction::Reload => {
                if config.is_some() {
                    changed.request_reload();
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
    new: &mut NewScenario,
    map: MapArgs,
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
            ui.horizontal_wrapped(|ui| {
                ui.label(s.new_scenario_id);
                ui.add(
                    egui::TextEdit::singleline(&mut new.id)
                        .desired_width(220.0)
                        .hint_text("mijn-scenario"),
                );
                for (model, name) in [
                    (ModelId::Klachtengesprek, "klachtengesprek"),
                    (ModelId::Begrenzen, "begrenzen"),
                ] {
                    ui.selectable_value(&mut new.model, model, name);
                }
                if ui.button(format!("+ {}", s.new_scenario)).clicked() {
                    action = Some(AuthorAction::New {
                        id: new.id.trim().to_string(),
                        model: new.model,
                    });
                }
            });
            match &new.note {
                Some(Ok(path)) => {
                    ui.label(format!("{} {path}", s.new_scenario_written));
                }
                Some(Err(why)) => {
                    ui.label(RichText::new(why).color(widgets::PITFALL));
                }
                None => {}
            }
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
            if map
                .maps
                .map
                .as_ref()
                .is_some_and(|m| m.scenario == test.scenario)
            {
                ui.add_space(12.0);
                ui.label(RichText::new(s.scenario_map).heading());
                ui.label(RichText::new(s.scenario_map_note).weak());
                ui.label(RichText::new(s.map_keys).weak());
                map_view::legend_ui(ui, &view.map_steps, s.map_arrows);
                if let Some(MapAction::Pick(node)) = map_view::map_panel(
                    ui,
                    s,
                    view.lang,
                    map.maps,
                    map.camera,
                    map.played.as_ref(),
                    &test.node,
                ) {
                    test.node = node;
                }
            }
        });
    });
    action
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_scenario_button_writes_a_template_that_loads_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_template(dir.path(), "mijn-loket", ModelId::Begrenzen, Language::Nl)
            .expect("written");
        let text = std::fs::read_to_string(&path).unwrap();
        let loaded = crate::scenario::load::load_str(&text, std::path::Path::new(&path));
        assert!(loaded.is_ok(), "the template loads: {loaded:?}");
        assert!(
            write_template(
                dir.path(),
                "mijn-loket",
                ModelId::Klachtengesprek,
                Language::Nl
            )
            .is_err(),
            "an existing file is never overwritten"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        for bad in ["", "Hoofdletters", "../weg", "met spatie"] {
            assert!(write_template(dir.path(), bad, ModelId::Begrenzen, Language::Nl).is_err());
        }
    }
}
