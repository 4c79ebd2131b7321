//! The debrief: total and per-step bars, the pitfalls at their turns with the better
//! option, the mood curve, the transcript with the options not taken, "try again from
//! here", export, and the history of attempts.
//!
//! Over 500 lines: the solo and the classroom debrief share one view model; splitting the
//! drawing would scatter that model's users.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::{Color32, RichText};
use egui_plot::{Line, PlotPoints};

use super::catalog::Catalog;
use super::classroom::Classroom;
use super::conversation::{ActiveSession, EndingView, ending_ui};
use super::i18n::{Strings, UiLanguage};
use super::play::Play;
use super::settings::Settings;
use super::state::{AppSystems, Navigate, PassSystems, PlayMode, Screen};
use super::widgets;
use crate::debrief::{self, Debrief, MoodPoint};
use crate::records::{self, Mode, SelfAssessment};
use crate::rubric::model::Rubric;
use crate::scenario::model::{Language, Scenario};
use std::collections::BTreeMap;

/// An earlier attempt at the same scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptView {
    pub when: String,
    pub score: Option<u8>,
    pub ending: String,
}

/// Everything the debrief shows: the engine's debrief (scores, pitfalls, transcript and
/// mood, from the one scoring fold) and what only the screen adds.
#[derive(Debug, Clone)]
pub struct DebriefView {
    pub strings: &'static Strings,
    pub debrief: Debrief,
    /// The ending as the scenario tells it.
    pub ending: Option<EndingView>,
    /// The total's arithmetic, line by line (the same lines as the exports).
    pub arithmetic: Vec<(String, String)>,
    /// "Leren van klachten: …".
    pub learning: String,
    /// What the trainee said in their own words first, by turn ("say it yourself first").
    pub own_words: BTreeMap<usize, String>,
    pub history: Vec<AttemptView>,
    /// Where the last export of this debrief went (both files), or why it failed.
    pub export_note: Option<String>,
    /// The folder of that export, to open from the app.
    pub export_folder: Option<std::path::PathBuf>,
    /// The trainee's own view beside the scores: the notable gaps, in words.
    pub own_view: Vec<String>,
    /// Projection layout with scores hidden until revealed.
    pub classroom: bool,
    pub revealed: bool,
    /// Classroom: the turns the room should discuss first, by its votes.
    pub agenda: Vec<AgendaRow>,
}

/// One turn on the room's discussion agenda ([`crate::vote::agenda()`]), as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaRow {
    pub turn: usize,
    /// The first ballot's counts and how split it was, in percent.
    pub counts: Vec<u32>,
    pub split_percent: u16,
    pub majority: Vec<usize>,
    /// The pitfalls the majority's option fell into, by name.
    pub majority_pitfalls: Vec<String>,
    /// The debrief's recommended option(s).
    pub best: Vec<usize>,
    /// The re-vote's counts, if there was one.
    pub second: Option<Vec<u32>>,
    /// The most-voted other option: "what if we had taken it?".
    pub minority: Option<usize>,
}

/// The agenda of the room's votes on this debrief, with pitfall names in its language.
pub fn agenda_rows(room: &crate::vote::RoomVotes, d: &Debrief) -> Vec<AgendaRow> {
    let facts = crate::vote::TurnFacts::from_debrief(d);
    crate::vote::agenda(room, &facts)
        .into_iter()
        .map(|item| AgendaRow {
            turn: item.turn,
            split_percent: item.first.percent(),
            majority_pitfalls: crate::vote::pitfall_names(&item.majority_pitfalls, d),
            counts: item.first.counts,
            majority: item.first.majority,
            best: item.best,
            second: item.second.map(|s| s.counts),
            minority: item.minority,
        })
        .collect()
}

/// What the trainee did on the debrief.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub enum DebriefAction {
    /// Replay up to just before this turn (1-based) and continue from there.
    RetryFrom(usize),
    PlayAgain,
    Export,
    /// Open the folder of the last export in the system's file manager.
    OpenExportFolder,
    /// Keep the self-assessment just filled in, then show the scores.
    SaveOwnView,
    /// Show the scores without a self-assessment.
    SkipOwnView,
    /// Classroom: play the branch the minority chose at a turn (1-based), then come back.
    WhatIf {
        turn: usize,
        option: usize,
    },
    Library,
    Reveal,
}

/// Attempts played in this run of the app, per scenario id.
#[derive(Resource, Debug, Default)]
pub struct History(pub std::collections::BTreeMap<String, Vec<AttemptView>>);

/// The last export of the debrief on screen; cleared whenever a debrief opens, so nothing
/// of an earlier session or mode shows beside a new one.
#[derive(Resource, Debug, Default)]
struct ExportNote {
    text: Option<String>,
    folder: Option<std::path::PathBuf>,
}

/// The self-assessment asked before the scores of a solo conversation that reached an
/// ending (once per session; it can be skipped).
#[derive(Resource, Debug, Default)]
pub struct OwnView {
    pub asking: bool,
    pub draft: SelfAssessment,
}

pub(super) fn plugin(app: &mut App) {
    app.add_message::<DebriefAction>()
        .init_resource::<History>()
        .init_resource::<ExportNote>()
        .init_resource::<OwnView>()
        .add_systems(
            OnEnter(Screen::Debrief),
            (
                remember_attempt,
                ask_own_view,
                |mut note: ResMut<ExportNote>| {
                    *note = ExportNote::default();
                },
            ),
        )
        .add_systems(Update, apply.in_set(AppSystems::Apply))
        .add_systems(
            EguiPrimaryContextPass,
            ui.run_if(in_state(Screen::Debrief))
                .in_set(PassSystems::Screen),
        );
}

/// Builds the debrief view from the engine's debrief of the session.
pub fn view(play: &Play, rubric: &Rubric, lang: Language) -> DebriefView {
    from_debrief(
        debrief::build_in(&play.session, rubric, lang),
        &play.scenario,
        lang,
    )
}

/// Wraps the engine's `Debrief` with what the screen adds.
pub fn from_debrief(d: Debrief, scenario: &Scenario, lang: Language) -> DebriefView {
    DebriefView {
        strings: lang.strings(),
        ending: d
            .ending
            .as_ref()
            .and_then(|e| scenario.endings.get(&e.id))
            .map(|e| EndingView {
                title: e.title.clone(),
                narrative: e.narrative.clone(),
                says: e.says.clone(),
                outcome: e.outcome,
            }),
        arithmetic: debrief::export::arithmetic_lines(&d),
        learning: debrief::export::learning_summary(&d),
        debrief: d,
        own_words: BTreeMap::new(),
        history: Vec::new(),
        export_note: None,
        export_folder: None,
        own_view: Vec::new(),
        classroom: false,
        revealed: true,
        agenda: Vec::new(),
    }
}

fn ask_own_view(current: Res<ActiveSession>, mode: Res<PlayMode>, mut own: ResMut<OwnView>) {
    let ended = current.play.as_ref().is_some_and(|p| p.ending().is_some());
    let answered = current
        .record
        .as_ref()
        .is_some_and(|r| r.self_assessment.is_some());
    *own = OwnView {
        asking: ended && !answered && !current.test_run && **mode != Mode::Classroom,
        draft: SelfAssessment::default(),
    };
}

/// The notable gaps between the trainee's own view and the fold's scores, in words.
pub fn own_view_lines(s: &Strings, d: &Debrief) -> Vec<String> {
    use crate::debrief::self_view;
    if d.self_assessment.is_none() {
        return Vec::new();
    }
    let mut lines: Vec<String> = self_view::step_gaps(d)
        .into_iter()
        .filter(|g| g.gap.abs() >= self_view::NOTABLE_GAP)
        .map(|g| {
            format!(
                "{}: {} {}/5; {}: {}",
                s.you_thought, g.name, g.rated, s.measured, g.measured
            )
        })
        .collect();
    let check = self_view::pitfall_check(d);
    let name = |id: &String| d.glossary.get(id).cloned().unwrap_or_else(|| id.clone());
    if !check.missed.is_empty() {
        let names: Vec<String> = check.missed.iter().map(name).collect();
        lines.push(format!("{} {}", s.pitfalls_not_named, names.join(", ")));
    }
    if !check.feared.is_empty() {
        let names: Vec<String> = check.feared.iter().map(name).collect();
        lines.push(format!("{} {}", s.pitfalls_feared, names.join(", ")));
    }
    if lines.is_empty() {
        lines.push(s.own_view_matches.to_string());
    }
    lines
}

fn remember_attempt(
    current: Res<ActiveSession>,
    catalog: Res<Catalog>,
    settings: Res<Settings>,
    mut history: ResMut<History>,
) {
    let Some(play) = &current.play else { return };
    let v = view(play, &catalog.rubric, settings.language);
    let attempts = history.0.entry(play.scenario.id.clone()).or_default();
    attempts.push(AttemptView {
        when: format!("#{}", attempts.len() + 1),
        score: Some(v.debrief.score),
        ending: v.ending.map(|e| e.title).unwrap_or_default(),
    });
}

#[allow(clippy::too_many_arguments, reason = "a Bevy system's parameters")]
fn ui(
    mut contexts: EguiContexts,
    current: Res<ActiveSession>,
    catalog: Res<Catalog>,
    settings: Res<Settings>,
    mode: Res<PlayMode>,
    classroom: Res<Classroom>,
    history: Res<History>,
    note: Res<ExportNote>,
    mut own: ResMut<OwnView>,
    mut nav: MessageWriter<Navigate>,
    mut actions: MessageWriter<DebriefAction>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = widgets::root_ui(ctx);
    let Some(play) = &current.play else {
        return Ok(());
    };
    let lang = settings.language;
    let mut d = debrief::build_in(&play.session, &catalog.rubric, lang);
    d.self_assessment = current
        .record
        .as_ref()
        .and_then(|r| r.self_assessment.clone());
    let own_view = own_view_lines(settings.strings(), &d);
    let agenda = agenda_rows(&classroom.room, &d);
    let mut view = from_debrief(d, &play.scenario, lang);
    view.own_view = own_view;
    view.own_words = current
        .own_words
        .iter()
        .map(|w| (w.turn, w.text.clone()))
        .collect();
    view.history = history
        .0
        .get(&play.scenario.id)
        .cloned()
        .unwrap_or_default();
    view.export_note = note.text.clone();
    view.export_folder = note.folder.clone();
    view.classroom = **mode == Mode::Classroom;
    view.revealed = !view.classroom || classroom.revealed;
    if view.classroom {
        view.agenda = agenda;
    }
    if !view.classroom
        && let Some(to) = widgets::top_bar(&mut root, settings.strings(), Screen::Debrief)
    {
        nav.write(to);
    }
    widgets::central(&mut root, |ui| {
        let action = if own.asking {
            let ask = self_assessment_view(
                settings.strings(),
                &view.debrief,
                &play.scenario,
                &catalog.rubric,
                lang,
            );
            self_assessment_screen(ui, &ask, &mut own.draft)
        } else {
            debrief_screen(ui, &view)
        };
        if let Some(action) = action {
            actions.write(action);
        }
    });
    Ok(())
}

/// What the self-assessment asks about.
#[derive(Debug, Clone)]
pub struct SelfAssessmentView {
    pub strings: &'static Strings,
    pub title: String,
    /// The steps that apply: id and name.
    pub steps: Vec<(String, String)>,
    /// The model's pitfalls: id and name.
    pub pitfalls: Vec<(String, String)>,
}

/// The steps and pitfalls of the debrief's model, for the self-assessment.
pub fn self_assessment_view(
    s: &'static Strings,
    d: &Debrief,
    scenario: &Scenario,
    rubric: &Rubric,
    lang: Language,
) -> SelfAssessmentView {
    SelfAssessmentView {
        strings: s,
        title: d.scenario.title.clone(),
        steps: d
            .steps
            .iter()
            .filter(|st| st.applies)
            .map(|st| (st.id.clone(), st.name.clone()))
            .collect(),
        pitfalls: rubric
            .model(scenario.model)
            .map(|m| {
                m.pitfalls
                    .iter()
                    .map(|p| (p.id.clone(), lang.pick(&p.name).to_string()))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// "First your own view": how it went, each step 1–5, the pitfalls you think you fell
/// into. Then the scores, beside it. It can be skipped.
pub fn self_assessment_screen(
    ui: &mut egui::Ui,
    view: &SelfAssessmentView,
    draft: &mut SelfAssessment,
) -> Option<DebriefAction> {
    let s = view.strings;
    let mut action = None;
    widgets::page(ui, |ui| {
        ui.label(
            RichText::new(format!("{}: {}", s.debrief, view.title))
                .size(28.0)
                .strong(),
        );
        ui.label(RichText::new(s.own_view_first).size(20.0));
        ui.add_space(12.0);
        widgets::section(ui, s.how_it_went, |ui| {
            ui.add(
                egui::TextEdit::singleline(&mut draft.how_it_went)
                    .char_limit(200)
                    .desired_width(ui.available_width()),
            );
        });
        ui.add_space(10.0);
        widgets::section(ui, s.rate_steps, |ui| {
            egui::Grid::new("rate_steps").num_columns(2).show(ui, |ui| {
                for (id, name) in &view.steps {
                    ui.label(RichText::new(name).strong());
                    ui.horizontal(|ui| {
                        let current = draft.steps.get(id).copied();
                        for n in 1..=5u8 {
                            let r = ui.add(
                                egui::Button::selectable(
                                    current == Some(n),
                                    RichText::new(n.to_string()).size(22.0).strong(),
                                )
                                .min_size(egui::vec2(44.0, 36.0)),
                            );
                            super::marks::mark(ui, format!("rate:{id}:{n}"), r.rect);
                            if r.clicked() {
                                draft.steps.insert(id.clone(), n);
                            }
                        }
                    });
                    ui.end_row();
                }
            });
        });
        ui.add_space(10.0);
        widgets::section(ui, s.which_pitfalls, |ui| {
            ui.horizontal_wrapped(|ui| {
                for (id, name) in &view.pitfalls {
                    let mut on = draft.pitfalls.contains(id);
                    if ui.checkbox(&mut on, name).changed() {
                        if on {
                            draft.pitfalls.push(id.clone());
                        } else {
                            draft.pitfalls.retain(|p| p != id);
                        }
                    }
                }
            });
        });
        ui.add_space(14.0);
        ui.horizontal(|ui| {
            let show = ui.button(RichText::new(format!("{} →", s.show_my_scores)).strong());
            super::marks::mark(ui, "show_my_scores", show.rect);
            if show.clicked() {
                action = Some(DebriefAction::SaveOwnView);
            }
            if ui.button(s.skip).clicked() {
                action = Some(DebriefAction::SkipOwnView);
            }
        });
    });
    // The scores are a page of their own: they open at their top, not where this one
    // was scrolled to its button.
    if action.is_some() {
        super::state::fresh_page(ui.ctx());
    }
    action
}

/// Writes the debrief as HTML and JSON into `<records>/exports/` (a subfolder, so the
/// exports are not mistaken for session records). Returns both files' paths.
fn export(
    play: &Play,
    rubric: &Rubric,
    lang: Language,
    room: Option<&crate::vote::RoomVotes>,
) -> std::io::Result<(std::path::PathBuf, std::path::PathBuf)> {
    let dir = records::default_dir()
        .ok_or_else(|| std::io::Error::other("no data folder"))?
        .join("exports");
    std::fs::create_dir_all(&dir)?;
    let mut d = debrief::build_in(&play.session, rubric, lang);
    if let Some(room) = room {
        d.room_votes = crate::vote::room_votes(room, &d);
    }
    let stem = format!("{}-{}-{}", play.scenario.id, play.seed, play.turn_count());
    let html = dir.join(format!("{stem}.html"));
    let json = dir.join(format!("{stem}.json"));
    records::atomic::replace(&html, debrief::export::html(&d).as_bytes())?;
    records::atomic::replace(&json, debrief::export::json(&d).as_bytes())?;
    Ok((html, json))
}

/// Opens a folder in the system's file manager, without waiting for it.
fn open_folder(dir: &std::path::Path) -> std::io::Result<()> {
    let opener = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
}

#[allow(clippy::too_many_arguments, reason = "a Bevy system's parameters")]
fn apply(
    settings: Res<Settings>,
    mut reader: MessageReader<DebriefAction>,
    mut current: ResMut<ActiveSession>,
    mut classroom: ResMut<Classroom>,
    mut what_if: ResMut<super::classroom::WhatIf>,
    mode: Res<PlayMode>,
    catalog: Res<Catalog>,
    mut note: ResMut<ExportNote>,
    mut own: ResMut<OwnView>,
    persist: Res<super::settings::Persist>,
    mut next: ResMut<NextState<Screen>>,
) {
    for action in reader.read() {
        match action {
            DebriefAction::RetryFrom(n) => {
                if let Some(Ok(rewound)) = current.play.as_ref().map(|p| p.rewind_to(*n)) {
                    current.begin(rewound);
                    next.set(Screen::Conversation);
                }
            }
            DebriefAction::PlayAgain => {
                if current.start(&catalog.rubric, super::briefing::new_seed()) {
                    next.set(Screen::Conversation);
                }
            }
            DebriefAction::Library => next.set(Screen::Library),
            DebriefAction::Reveal => classroom.revealed = !classroom.revealed,
            DebriefAction::Export => {
                if let Some(play) = &current.play {
                    let room = (**mode == Mode::Classroom).then_some(&classroom.room);
                    *note = match export(play, &catalog.rubric, settings.language, room) {
                        Ok((html, json)) => {
                            let name = |p: &std::path::Path| {
                                p.file_name()
                                    .map_or(String::new(), |n| n.display().to_string())
                            };
                            let folder = html.parent().map(std::path::Path::to_path_buf);
                            ExportNote {
                                text: Some(format!(
                                    "✔ {} {}: {}, {}",
                                    settings.strings().exported_to,
                                    folder
                                        .as_ref()
                                        .map_or(String::new(), |f| f.display().to_string()),
                                    name(&html),
                                    name(&json)
                                )),
                                folder,
                            }
                        }
                        Err(err) => ExportNote {
                            text: Some(format!("✖ {err}")),
                            folder: None,
                        },
                    };
                }
            }
            DebriefAction::SaveOwnView => {
                own.asking = false;
                let assessment = std::mem::take(&mut own.draft);
                if let Some(record) = current.record.as_mut() {
                    record.self_assessment = Some(assessment);
                    if persist.0
                        && let Some(path) = current.record_path.clone()
                        && let Some(record) = &current.record
                        && let Err(err) = record.save_as(&path)
                    {
                        warn!("could not save the self-assessment: {err}");
                    }
                }
            }
            DebriefAction::SkipOwnView => own.asking = false,
            DebriefAction::WhatIf { turn, option } => {
                if what_if.start(*turn, *option, &mut current, &mut classroom) {
                    next.set(Screen::Conversation);
                }
            }
            DebriefAction::OpenExportFolder => {
                if let Some(folder) = &note.folder
                    && let Err(err) = open_folder(folder)
                {
                    note.text = Some(format!("✖ {}: {err}", folder.display()));
                }
            }
        }
    }
}

/// The room's discussion agenda: the turns ranked by disagreement, each with the split,
/// what the majority chose, and (once revealed) its pitfall and the advice; a button (W
/// for the first) plays the minority's branch.
fn agenda_ui(ui: &mut egui::Ui, view: &DebriefView, k: f32) -> Option<DebriefAction> {
    let s = view.strings;
    let mut action = None;
    let first_minority = view
        .agenda
        .iter()
        .find_map(|row| row.minority.map(|option| (row.turn, option)));
    if let Some((turn, option)) = first_minority
        && widgets::pressed(ui, egui::Key::W)
    {
        action = Some(DebriefAction::WhatIf { turn, option });
    }
    let numbers = |list: &[usize]| crate::debrief::joined(list, " + ");
    let counts = |c: &[u32]| crate::debrief::joined(c, " · ");
    widgets::section(ui, s.agenda, |ui| {
        ui.label(RichText::new(s.agenda_note).size(15.0 * k).weak());
        for (i, row) in view.agenda.iter().enumerate() {
            ui.add_space(6.0 * k);
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!("{} {}", s.turn, row.turn))
                        .size(20.0 * k)
                        .strong(),
                );
                ui.label(
                    RichText::new(format!(
                        "· {} {}% · {} {} ({})",
                        s.agenda_split,
                        row.split_percent,
                        s.agenda_majority,
                        numbers(&row.majority),
                        counts(&row.counts)
                    ))
                    .size(20.0 * k),
                );
                if let Some(second) = &row.second {
                    ui.label(
                        RichText::new(format!("· {}: {}", s.agenda_moved, counts(second)))
                            .size(20.0 * k),
                    );
                }
                if view.revealed {
                    for pitfall in &row.majority_pitfalls {
                        ui.label(
                            RichText::new(format!("⚠ {pitfall}"))
                                .size(20.0 * k)
                                .strong()
                                .color(widgets::PITFALL),
                        );
                    }
                    ui.label(
                        RichText::new(format!("· {}: {}", s.agenda_advice, numbers(&row.best)))
                            .size(20.0 * k),
                    );
                }
                if let Some(option) = row.minority {
                    let key = if Some((row.turn, option)) == first_minority {
                        " (W)"
                    } else {
                        ""
                    };
                    let button = ui.button(
                        RichText::new(format!("↪ {} {option}{key}", s.what_if_play)).size(18.0 * k),
                    );
                    super::marks::mark(ui, format!("what_if:{i}"), button.rect);
                    if button.clicked() {
                        action = Some(DebriefAction::WhatIf {
                            turn: row.turn,
                            option,
                        });
                    }
                }
            });
        }
    });
    action
}

/// The debrief screen.
pub fn debrief_screen(ui: &mut egui::Ui, view: &DebriefView) -> Option<DebriefAction> {
    let s = view.strings;
    let k = if view.classroom { 1.5 } else { 1.0 };
    let mut action = None;
    if view.classroom && widgets::pressed(ui, egui::Key::R) {
        action = Some(DebriefAction::Reveal);
    }
    widgets::page(ui, |ui| {
        if view.classroom {
            widgets::scale_headings(ui, k);
            // A presenter clicker pages through the debrief; at its end a first PageDown
            // says what the next one does, the second goes back to the library.
            let visit: u64 = ui.data(|d| {
                d.get_temp(super::state::egui_visit_id())
                    .unwrap_or_default()
            });
            let armed_id = egui::Id::new(("debrief_leave_armed", visit));
            let armed = ui.data(|d| d.get_temp::<bool>(armed_id).unwrap_or(false));
            let at_end = widgets::page_by_clicker(ui, widgets::pressed(ui, egui::Key::PageDown));
            if at_end && armed {
                action = Some(DebriefAction::Library);
            }
            let back = widgets::pressed(ui, egui::Key::PageUp);
            ui.data_mut(|d| d.insert_temp(armed_id, (armed || at_end) && !back));
            if armed {
                egui::Area::new(egui::Id::new("debrief_leave_hint"))
                    .order(egui::Order::Foreground)
                    .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -24.0))
                    .show(ui.ctx(), |ui| {
                        egui::Frame::popup(ui.style()).show(ui, |ui| {
                            ui.label(
                                RichText::new(format!("→ {}", s.page_down_to_library))
                                    .size(22.0 * k)
                                    .strong(),
                            );
                        });
                    });
            }
        }
        ui.horizontal(|ui| {
            let title = ui.label(
                RichText::new(format!("{}: {}", s.debrief, view.debrief.scenario.title))
                    .size(30.0 * k)
                    .strong(),
            );
            super::marks::mark(ui, "title", title.rect);
        });
        if let Some(ending) = &view.ending {
            ui.add_space(8.0);
            ending_ui(ui, s, ending, k);
        }
        ui.add_space(12.0);
        ui.horizontal_wrapped(|ui| {
            if ui.button(RichText::new(s.play_again).size(18.0)).clicked() {
                action = Some(DebriefAction::PlayAgain);
            }
            if ui.button(RichText::new(s.export).size(18.0)).clicked() {
                action = Some(DebriefAction::Export);
            }
            if view.classroom {
                let label = if view.revealed {
                    s.hide_scores
                } else {
                    s.reveal_scores
                };
                if ui
                    .button(RichText::new(format!("{label} (R)")).size(18.0))
                    .clicked()
                {
                    action = Some(DebriefAction::Reveal);
                }
            }
            if ui.button(RichText::new(s.to_library).size(18.0)).clicked() {
                action = Some(DebriefAction::Library);
            }
            if let Some(note) = &view.export_note {
                ui.label(note);
                if view.export_folder.is_some() && ui.button(s.open_folder).clicked() {
                    action = Some(DebriefAction::OpenExportFolder);
                }
            }
        });
        ui.add_space(12.0);
        if view.classroom && !view.agenda.is_empty() {
            if let Some(a) = agenda_ui(ui, view, k) {
                action = Some(a);
            }
            ui.add_space(12.0);
        }
        if view.revealed && !view.own_view.is_empty() {
            widgets::section(ui, s.own_view_vs_score, |ui| {
                for line in &view.own_view {
                    ui.label(RichText::new(line).size(18.0 * k));
                }
            });
            ui.add_space(12.0);
        }
        let width = ui.available_width();
        if view.revealed {
            ui.columns(2, |cols| {
                widgets::section(&mut cols[0], s.scores, |ui| {
                    let w = ui.available_width();
                    let score = view.debrief.score;
                    ui.label(
                        RichText::new(format!("{} {score}/100", s.total))
                            .size(28.0 * k)
                            .strong()
                            .color(widgets::score_color(f32::from(score))),
                    );
                    ui.add_space(8.0);
                    for step in &view.debrief.steps {
                        if step.applies {
                            widgets::score_bar(
                                ui,
                                &step.name,
                                f32::from(step.score),
                                w,
                                widgets::score_color(f32::from(step.score)),
                                18.0 * k,
                            );
                        } else {
                            ui.label(
                                RichText::new(format!("{}: {}", step.name, s.does_not_apply))
                                    .size(16.0 * k)
                                    .weak(),
                            );
                        }
                    }
                    ui.add_space(6.0);
                    ui.label(RichText::new(&view.learning).size(15.0 * k));
                });
                widgets::section(&mut cols[1], s.mood_curve, |ui| {
                    mood_plot(ui, s, &view.debrief.mood, 220.0 * k)
                });
            });
        } else {
            widgets::section(ui, s.scores, |ui| {
                ui.label(RichText::new(s.scores_hidden).size(22.0 * k).italics());
            });
        }
        let _ = width;
        if view.revealed && !view.arithmetic.is_empty() {
            ui.add_space(12.0);
            widgets::section(ui, s.arithmetic, |ui| {
                // Rows rather than a grid: a grid's cells do not wrap, and a step's
                // missing points run past the window's edge on a laptop screen.
                let label_width = (ui.available_width() * 0.32).min(360.0);
                for (label, value) in &view.arithmetic {
                    ui.horizontal_top(|ui| {
                        let column = egui::vec2(label_width, 0.0);
                        ui.allocate_ui_with_layout(
                            column,
                            egui::Layout::top_down(egui::Align::Min),
                            |ui| {
                                ui.set_width(label_width);
                                ui.add(
                                    egui::Label::new(RichText::new(label).size(15.0 * k)).wrap(),
                                );
                            },
                        );
                        ui.add(egui::Label::new(RichText::new(value).size(15.0 * k)).wrap());
                    });
                    ui.add_space(4.0);
                }
            });
        }
        ui.add_space(12.0);
        widgets::section(
            ui,
            &format!("{} ({})", s.pitfalls, view.debrief.pitfalls.len()),
            |ui| {
                if !view.revealed {
                    ui.label(RichText::new(s.scores_hidden).italics());
                    return;
                }
                let notes = notes(&view.debrief, s);
                if notes.is_empty() {
                    // Praise only for a conversation that reached an ending.
                    ui.label(if view.debrief.ending.is_some() {
                        s.no_pitfalls
                    } else {
                        s.no_pitfalls_yet
                    });
                }
                for p in notes {
                    ui.label(
                        RichText::new(format!("{} {} · ⚠ {}", s.turn, p.turn, p.name))
                            .strong()
                            .size(18.0 * k)
                            .color(widgets::PITFALL),
                    );
                    ui.label(RichText::new(format!("{} “{}”", s.you_said, p.said)).size(16.0 * k));
                    if !p.why.is_empty() {
                        ui.label(RichText::new(p.why).size(16.0 * k));
                    }
                    if !p.explain.is_empty() {
                        ui.label(RichText::new(p.explain).size(16.0 * k).italics());
                    }
                    if let Some(better) = p.better {
                        ui.label(
                            RichText::new(format!("{} “{better}”", s.better))
                                .size(16.0 * k)
                                .color(Color32::from_rgb(0x2e, 0x8b, 0x57)),
                        );
                    }
                    if ui
                        .button(format!("↺ {} {}", s.try_again_from, p.turn))
                        .clicked()
                    {
                        action = Some(DebriefAction::RetryFrom(p.turn));
                    }
                    ui.add_space(10.0);
                }
            },
        );
        ui.add_space(12.0);
        widgets::section(ui, s.transcript, |ui| {
            let d = &view.debrief;
            for turn in &d.turns {
                let line = if turn.voice == "narrator" {
                    turn.says.clone()
                } else {
                    format!("“{}”", turn.says)
                };
                let flare = if turn.flare {
                    format!(" ({})", s.flare_up)
                } else {
                    String::new()
                };
                let shown = egui::CollapsingHeader::new(
                    RichText::new(format!("{} {}{flare} — {line}", s.turn, turn.turn))
                        .size(17.0 * k),
                )
                .id_salt(("turn", turn.turn))
                .default_open(d.turns.len() <= 8)
                .show(ui, |ui| {
                    if let Some(t) = &turn.thought {
                        ui.label(RichText::new(format!("💭 {t}")).italics().weak());
                    }
                    let own_words = view.own_words.get(&turn.turn);
                    if let Some(own) = own_words {
                        ui.label(
                            RichText::new(format!("{} “{own}”", s.own_words_label))
                                .size(16.0 * k)
                                .strong(),
                        );
                    }
                    for option in &turn.options {
                        let marker = if option.chosen { "▶" } else { "·" };
                        let mut text =
                            RichText::new(format!("{marker} {}", option.text)).size(16.0 * k);
                        if option.chosen {
                            text = text.strong();
                        } else {
                            text = text.weak();
                        }
                        ui.label(text);
                        if view.revealed {
                            let mut note = option.explain.clone();
                            if !option.pitfalls.is_empty() {
                                let names = crate::vote::pitfall_names(&option.pitfalls, d);
                                note = format!("⚠ {} — {note}", names.join(", "));
                            }
                            ui.indent(("explain", turn.turn, &option.text), |ui| {
                                ui.label(RichText::new(note).size(14.0 * k).italics());
                            });
                        }
                    }
                    // Beside the trainee's own words: the best answer on offer.
                    if own_words.is_some()
                        && let Some(better) = &turn.better
                    {
                        ui.label(
                            RichText::new(format!("{} “{}”", s.better, better.text))
                                .size(16.0 * k)
                                .color(Color32::from_rgb(0x2e, 0x8b, 0x57)),
                        );
                    }
                    let retry = ui.button(format!("↺ {} {}", s.try_again_from, turn.turn));
                    super::marks::mark(ui, format!("retry:{}", turn.turn), retry.rect);
                    if retry.clicked() {
                        action = Some(DebriefAction::RetryFrom(turn.turn));
                    }
                });
                super::marks::mark(
                    ui,
                    format!("turn:{}", turn.turn),
                    shown.header_response.rect,
                );
            }
        });
        if !view.history.is_empty() && !view.classroom {
            ui.add_space(12.0);
            widgets::section(ui, s.history, |ui| {
                egui::Grid::new("history")
                    .striped(true)
                    .spacing([24.0, 6.0])
                    .show(ui, |ui| {
                        for a in &view.history {
                            ui.label(&a.when);
                            ui.label(a.score.map_or("—".to_string(), |s| s.to_string()));
                            ui.label(&a.ending);
                            ui.end_row();
                        }
                    });
            });
        }
    });
    action
}

/// A pitfall or a piece of wrong information, as the pitfalls section lists them.
struct Note<'a> {
    turn: usize,
    name: &'a str,
    said: &'a str,
    /// The rubric's general reason, or the correct fact.
    why: String,
    /// What the scenario says about this answer.
    explain: &'a str,
    /// The best answer on offer, by the scoring fold.
    better: Option<&'a str>,
}

/// The pitfalls in order, then the wrong information.
fn notes<'a>(d: &'a Debrief, s: &'a Strings) -> Vec<Note<'a>> {
    let pitfalls = d.pitfalls.iter().map(|p| Note {
        turn: p.turn,
        name: &p.name,
        said: &p.said,
        why: p.why.clone(),
        explain: &p.explain,
        better: p.better.as_ref().map(|b| b.text.as_str()),
    });
    let wrong = d.wrong_information.iter().map(|w| Note {
        turn: w.turn,
        name: s.wrong_information,
        said: &w.said,
        why: format!("{} {}", s.correct_fact, w.correct),
        explain: "",
        better: w.better.as_ref().map(|b| b.text.as_str()),
    });
    pitfalls.chain(wrong).collect()
}

/// Anger and trust per turn.
pub fn mood_plot(ui: &mut egui::Ui, s: &Strings, mood: &[MoodPoint], height: f32) {
    let anger: PlotPoints = mood
        .iter()
        .map(|m| [m.turn as f64, f64::from(m.anger)])
        .collect();
    let trust: PlotPoints = mood
        .iter()
        .map(|m| [m.turn as f64, f64::from(m.trust)])
        .collect();
    widgets::fixed_plot("mood", height, s.turn).show(ui, |plot| {
        plot.line(
            Line::new(s.anger, anger)
                .color(Color32::from_rgb(0xc0, 0x39, 0x2b))
                .width(3.0),
        );
        plot.line(
            Line::new(s.trust, trust)
                .color(Color32::from_rgb(0x2e, 0x8b, 0x57))
                .width(3.0),
        );
    });
}
