//! The facilitator's class overview: open the session records trainees handed in (a
//! folder), see pitfall frequencies, step averages and endings, and drill into one debrief.
//!
//! Over 500 lines with its tests: the overview's view model, the screen that draws it and
//! the systems that load a class's records and export them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::RichText;

use super::catalog::Catalog;
use super::debrief::{self, DebriefView};
use super::i18n::{Strings, UiLanguage};
use super::settings::Settings;
use super::state::{AppSystems, Navigate, PassSystems, Screen};
use super::widgets;
use crate::debrief::Debrief;
use crate::records::{self, replay, report::ClassReport};
use crate::scenario::model::Language;
use crate::scenario::model::Scenario;

/// One session in the overview.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRow {
    pub who: String,
    pub scenario: String,
    pub score: u8,
    pub ending: String,
    pub pitfalls: usize,
}

/// The class overview of one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioOverview {
    pub title: String,
    pub sessions: usize,
    pub finished: usize,
    pub average: f64,
    /// Pitfall name and how many times the class fell into it, most first.
    pub pitfall_counts: Vec<(String, usize)>,
    /// Step name and the class average.
    pub step_averages: Vec<(String, f32)>,
    /// Ending title and how many sessions reached it.
    pub endings: Vec<(String, usize)>,
    /// Classroom sessions: the room's vote per turn beside the debrief's advice.
    pub rooms: Vec<Vec<crate::debrief::RoomVote>>,
}

/// Everything the facilitator screen shows.
#[derive(Debug, Clone)]
pub struct FacilitatorView {
    pub strings: &'static Strings,
    pub sessions: Vec<SessionRow>,
    pub scenarios: Vec<ScenarioOverview>,
    /// Files that could not be read or replayed.
    pub problems: Vec<String>,
    /// The debrief being looked at, if the facilitator drilled in.
    pub drill: Option<DebriefView>,
    /// The session plans of the scenarios that have a facilitator layer.
    pub plans: Vec<PlanView>,
    /// Where the handouts were written, or why not.
    pub handouts: Option<Result<PathBuf, String>>,
}

/// A scenario's session plan, from its facilitator layer.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanView {
    pub title: String,
    pub minutes: u16,
    pub group: (u8, u8),
    pub before: String,
    pub after: String,
    pub questions: usize,
}

/// What the facilitator did.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub enum FacilitatorAction {
    Open(PathBuf),
    Drill(usize),
    Back,
    /// Write every handout (HTML, printable) in the UI language to a folder.
    Handouts,
}

/// One handed-in session, replayed.
#[derive(Debug)]
pub struct Handed {
    pub who: String,
    pub scenario: Arc<Scenario>,
    pub debrief: Debrief,
}

/// The opened records, replayed into debriefs, and the class report over them.
#[derive(Resource, Debug, Default)]
pub struct ClassRecords {
    pub folder: Option<PathBuf>,
    pub sessions: Vec<Handed>,
    pub report: Option<ClassReport>,
    pub problems: Vec<String>,
    pub drill: Option<usize>,
    /// Where the handouts were last written, or why not.
    pub handouts: Option<Result<PathBuf, String>>,
}

/// Writes every bundled handout as printable HTML into `dir`, each file atomically;
/// returns the folder.
fn write_handouts(
    dir: PathBuf,
    lang: Language,
    rubric: &crate::rubric::model::Rubric,
) -> Result<PathBuf, String> {
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for name in crate::kit::handout::names() {
        let page = crate::kit::handout::bundled_page(name, lang, rubric)
            .ok_or_else(|| format!("{name}: no such handout"))??;
        let path = dir.join(format!("{name}-{}.html", lang.code()));
        records::atomic::replace(&path, crate::kit::page::html(&page).as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(dir)
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ClassRecords>()
        .add_message::<FacilitatorAction>()
        .add_systems(Update, apply.in_set(AppSystems::Apply))
        .add_systems(
            EguiPrimaryContextPass,
            ui.run_if(in_state(Screen::Facilitator))
                .in_set(PassSystems::Screen),
        );
}

/// Reads every record in `dir` (via `records`), replays it against the catalog and
/// builds the class report. Unreadable or unreplayable files are listed, never fatal.
pub fn open(dir: &Path, catalog: &Catalog, lang: Language) -> ClassRecords {
    let listing = records::list_records(dir);
    let mut out = ClassRecords {
        folder: Some(dir.to_path_buf()),
        problems: listing.broken.iter().map(ToString::to_string).collect(),
        ..ClassRecords::default()
    };
    if !dir.is_dir() {
        out.problems
            .push(format!("{}: not a folder", dir.display()));
    }
    for (path, record) in listing.records {
        let Some(entry) = catalog.find(&record.scenario) else {
            out.problems.push(format!(
                "{}: unknown scenario `{}`",
                path.display(),
                record.scenario
            ));
            continue;
        };
        // A record played on another version of the scenario is scored against the
        // version on disk (the old one is not kept): say so, as `report` does.
        if record.hash != crate::scenario::hash::content_hash(&entry.scenario) {
            out.problems.push(format!(
                "{}: played on another version of `{}`; scored against the version on disk",
                path.display(),
                record.scenario
            ));
        }
        match replay::replay(&record, entry.scenario.clone(), &catalog.rubric, Some(lang)) {
            Ok(replayed) => out.sessions.push(Handed {
                who: record.pseudonym.clone().unwrap_or_else(|| {
                    path.file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default()
                }),
                scenario: entry.scenario.clone(),
                debrief: replayed.played.debrief,
            }),
            Err(err) => out.problems.push(format!("{}: {err}", path.display())),
        }
    }
    let debriefs: Vec<Debrief> = out.sessions.iter().map(|h| h.debrief.clone()).collect();
    out.report = Some(ClassReport::build(&debriefs, out.problems.clone()));
    out
}

/// Builds the overview from the class report.
pub fn view(records: &ClassRecords, catalog: &Catalog, lang: Language) -> FacilitatorView {
    let scenarios = records
        .report
        .iter()
        .flat_map(|r| &r.scenarios)
        .map(|s| ScenarioOverview {
            title: s.title.clone(),
            sessions: s.sessions,
            finished: s.finished,
            average: s.average_score,
            pitfall_counts: {
                let mut p: Vec<(String, usize)> = s
                    .pitfalls
                    .iter()
                    .map(|p| (p.name.clone(), p.count))
                    .collect();
                p.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                p
            },
            step_averages: s
                .steps
                .iter()
                .map(|st| (st.name.clone(), st.average as f32))
                .collect(),
            endings: s
                .endings
                .iter()
                .map(|e| (e.title.clone(), e.count))
                .collect(),
            rooms: s.rooms.clone(),
        })
        .collect();
    FacilitatorView {
        strings: lang.strings(),
        sessions: records
            .sessions
            .iter()
            .map(|h| SessionRow {
                who: h.who.clone(),
                scenario: h.debrief.scenario.title.clone(),
                score: h.debrief.score,
                ending: h.debrief.ending.as_ref().map_or_else(
                    || lang.strings().unfinished.to_string(),
                    |e| e.title.clone(),
                ),
                pitfalls: h.debrief.pitfalls.len(),
            })
            .collect(),
        scenarios,
        problems: records.problems.clone(),
        drill: records
            .drill
            .and_then(|i| records.sessions.get(i))
            .map(|h| debrief::from_debrief(h.debrief.clone(), &h.scenario, lang)),
        plans: catalog
            .entries
            .iter()
            .filter_map(|e| {
                let layer = e.scenario.facilitator.as_ref()?;
                let plan = layer.plan.as_ref()?;
                Some(PlanView {
                    title: e.scenario.title.clone(),
                    minutes: plan.minutes,
                    group: plan.group,
                    before: plan.before.clone(),
                    after: plan.after.clone(),
                    questions: layer.questions.len(),
                })
            })
            .collect(),
        handouts: records.handouts.clone(),
    }
}

fn ui(
    mut contexts: EguiContexts,
    records: Res<ClassRecords>,
    catalog: Res<Catalog>,
    settings: Res<Settings>,
    mut folder: Local<Option<String>>,
    mut nav: MessageWriter<Navigate>,
    mut actions: MessageWriter<FacilitatorAction>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = widgets::root_ui(ctx);
    if let Some(to) = widgets::top_bar(&mut root, settings.strings(), Screen::Facilitator) {
        nav.write(to);
    }
    let folder = folder.get_or_insert_with(|| {
        records
            .folder
            .clone()
            .or_else(records::default_dir)
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    });
    let view = view(&records, &catalog, settings.language);
    widgets::central(&mut root, |ui| {
        if let Some(action) = facilitator_screen(ui, &view, folder) {
            actions.write(action);
        }
    });
    Ok(())
}

fn apply(
    mut reader: MessageReader<FacilitatorAction>,
    mut records: ResMut<ClassRecords>,
    catalog: Res<Catalog>,
    settings: Res<Settings>,
) {
    for action in reader.read() {
        match action {
            FacilitatorAction::Open(dir) => *records = open(dir, &catalog, settings.language),
            FacilitatorAction::Drill(i) => records.drill = Some(*i),
            FacilitatorAction::Back => records.drill = None,
            FacilitatorAction::Handouts => {
                let written = records::home_dir()
                    .ok_or_else(|| "no data folder".to_string())
                    .and_then(|home| {
                        write_handouts(home.join("handouts"), settings.language, &catalog.rubric)
                    });
                records.handouts = Some(written);
            }
        }
    }
}

/// The facilitator screen: a folder field, the class overview, and one debrief on request.
pub fn facilitator_screen(
    ui: &mut egui::Ui,
    view: &FacilitatorView,
    folder: &mut String,
) -> Option<FacilitatorAction> {
    let s = view.strings;
    let mut action = None;
    if let Some(drill) = &view.drill {
        if ui.button(format!("← {}", s.class_overview)).clicked()
            || widgets::pressed(ui, egui::Key::Escape)
        {
            action = Some(FacilitatorAction::Back);
        }
        // Drilling in is read-only: the debrief's own buttons do nothing here.
        let _ = debrief::debrief_screen(ui, drill);
        return action;
    }
    widgets::page(ui, |ui| {
        ui.heading(RichText::new(s.class_overview).size(30.0));
        ui.label(s.facilitator_intro);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            ui.label(s.records_folder);
            let edit = ui.add(egui::TextEdit::singleline(folder).desired_width(520.0));
            let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button(s.open).clicked() || enter {
                action = Some(FacilitatorAction::Open(PathBuf::from(folder.trim())));
            }
        });
        ui.add_space(12.0);
        if view.sessions.is_empty() {
            ui.label(RichText::new(s.no_records).italics());
        }
        for sc in &view.scenarios {
            ui.add_space(8.0);
            ui.label(RichText::new(&sc.title).size(24.0).strong());
            ui.label(format!(
                "{} · {} {} · {} {:.0}",
                s.session_count(sc.sessions),
                sc.finished,
                s.finished_word,
                s.average,
                sc.average
            ));
            ui.add_space(6.0);
            ui.columns(2, |cols| {
                widgets::section(&mut cols[0], s.pitfall_frequency, |ui| {
                    let w = ui.available_width();
                    let max = sc
                        .pitfall_counts
                        .iter()
                        .map(|p| p.1)
                        .max()
                        .unwrap_or(1)
                        .max(1);
                    if sc.pitfall_counts.is_empty() {
                        ui.label(s.no_pitfalls_yet);
                    }
                    for (name, n) in &sc.pitfall_counts {
                        widgets::count_bar(ui, name, *n, max, w, widgets::PITFALL);
                    }
                });
                widgets::section(&mut cols[1], s.step_averages, |ui| {
                    let w = ui.available_width();
                    for (name, avg) in &sc.step_averages {
                        widgets::score_bar(ui, name, *avg, w, widgets::score_color(*avg), 18.0);
                    }
                });
            });
            ui.add_space(8.0);
            widgets::section(ui, s.endings, |ui| {
                let w = ui.available_width();
                let max = sc.endings.iter().map(|e| e.1).max().unwrap_or(1).max(1);
                for (title, n) in &sc.endings {
                    widgets::count_bar(ui, title, *n, max, w, ui.visuals().selection.bg_fill);
                }
            });
            for (i, room) in sc.rooms.iter().enumerate() {
                ui.add_space(8.0);
                widgets::section(ui, &format!("{} {}", s.room_votes, i + 1), |ui| {
                    room_votes_grid(ui, s, room, i);
                });
            }
        }
        if !view.sessions.is_empty() {
            ui.add_space(12.0);
            widgets::section(
                ui,
                &format!("{} ({})", s.sessions, view.sessions.len()),
                |ui| {
                    egui::Grid::new("sessions")
                        .striped(true)
                        .spacing([24.0, 8.0])
                        .show(ui, |ui| {
                            for (i, row) in view.sessions.iter().enumerate() {
                                ui.label(&row.who);
                                ui.label(&row.scenario);
                                ui.label(row.score.to_string());
                                ui.label(format!("⚠ {}", row.pitfalls));
                                ui.label(&row.ending);
                                if ui.button(s.open_debrief).clicked() {
                                    action = Some(FacilitatorAction::Drill(i));
                                }
                                ui.end_row();
                            }
                        });
                },
            );
        }
        if !view.problems.is_empty() {
            ui.add_space(12.0);
            widgets::section(ui, s.unreadable, |ui| {
                for p in &view.problems {
                    ui.label(RichText::new(p).monospace());
                }
            });
        }
        ui.add_space(16.0);
        widgets::section(ui, s.workshop_kit, |ui| {
            ui.horizontal_wrapped(|ui| {
                if ui.button(s.write_handouts).clicked() {
                    action = Some(FacilitatorAction::Handouts);
                }
                match &view.handouts {
                    Some(Ok(dir)) => {
                        ui.label(format!("{} {}", s.handouts_written, dir.display()));
                    }
                    Some(Err(why)) => {
                        ui.label(RichText::new(why).color(widgets::PITFALL));
                    }
                    None => {}
                }
            });
            for plan in &view.plans {
                ui.add_space(10.0);
                ui.label(RichText::new(&plan.title).size(20.0).strong());
                ui.label(
                    RichText::new(format!(
                        "{} min · {}–{} {} · {} {}",
                        plan.minutes,
                        plan.group.0,
                        plan.group.1,
                        s.participants,
                        plan.questions,
                        s.plan_questions
                    ))
                    .weak(),
                );
                ui.label(format!("{} {}", s.plan_before, plan.before));
                ui.label(format!("{} {}", s.plan_after, plan.after));
            }
        });
    });
    action
}

/// The room's vote per turn beside the debrief's advice: turn, first and second ballot,
/// the majority's option (with its pitfalls) and the advice.
fn room_votes_grid(ui: &mut egui::Ui, s: &Strings, room: &[crate::debrief::RoomVote], n: usize) {
    let counts = |c: &[u32]| crate::debrief::joined(c, " · ");
    let numbers = |n: &[usize]| crate::debrief::joined(n, " + ");
    egui::Grid::new(("room_votes", n))
        .striped(true)
        .spacing([20.0, 6.0])
        .show(ui, |ui| {
            for heading in [
                s.turn,
                s.votes_word,
                s.agenda_moved,
                s.agenda_majority,
                s.agenda_advice,
            ] {
                ui.label(egui::RichText::new(heading).strong());
            }
            ui.end_row();
            for v in room {
                ui.label(v.turn.to_string());
                ui.label(counts(&v.first));
                ui.label(v.second.as_deref().map_or("–".to_string(), counts));
                ui.horizontal(|ui| {
                    ui.label(numbers(&v.majority));
                    for pitfall in &v.majority_pitfalls {
                        ui.colored_label(widgets::PITFALL, format!("⚠ {pitfall}"));
                    }
                });
                ui.label(numbers(&v.recommended));
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_handout_is_written_as_a_printable_page() {
        let home = tempfile::tempdir().unwrap();
        let rubric = crate::rubric::model::Rubric::bundled();
        let dir =
            write_handouts(home.path().join("handouts"), Language::Nl, rubric).expect("written");
        let written: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(written.len(), crate::kit::handout::names().count());
        for file in written {
            let html = std::fs::read_to_string(file.path()).unwrap();
            assert!(html.starts_with("<!DOCTYPE html>") && html.contains("@media print"));
        }
    }
}
