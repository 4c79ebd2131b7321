//! The briefing: what happened, who the trainee is, what to learn; and the mode (practice
//! with coach hints, exam, or classroom projection).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::RichText;

use super::catalog::Catalog;
use super::conversation::ActiveSession;
use super::i18n::Strings;
use super::progress::ProgressState;
use super::settings::Settings;
use super::state::{AppSystems, PassSystems, PlayMode, Screen};
use super::widgets;
use crate::records::{Mode, Record};

/// Everything the briefing shows.
#[derive(Debug, Clone)]
pub struct BriefingView {
    pub strings: &'static Strings,
    pub title: String,
    pub organisation: String,
    pub summary: String,
    pub briefing: String,
    pub role: String,
    pub complainant: String,
    pub background: String,
    pub goals: Vec<String>,
    pub minutes: u8,
    pub mode: Mode,
    /// Turns played in an interrupted session of this scenario, if there is one.
    pub resume: Option<usize>,
}

/// What the trainee did on the briefing.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum BriefingAction {
    SetMode(Mode),
    Start,
    /// Continue the interrupted session saved in the records.
    Resume,
    Back,
}

/// The latest unfinished record of the chosen scenario: looked up on entering the
/// briefing, and again when the records have been read anew.
#[derive(Resource, Debug, Default)]
pub struct Resumable(pub Option<(std::path::PathBuf, Record)>);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<BriefingAction>()
        .init_resource::<Resumable>()
        .add_systems(OnEnter(Screen::Briefing), find_resumable)
        .add_systems(
            Update,
            find_resumable
                .run_if(in_state(Screen::Briefing).and_then(resource_changed::<ProgressState>))
                .in_set(AppSystems::Input),
        )
        .add_systems(Update, apply.in_set(AppSystems::Apply))
        .add_systems(
            EguiPrimaryContextPass,
            ui.run_if(in_state(Screen::Briefing))
                .in_set(PassSystems::Screen),
        );
}

/// The chosen scenario's unfinished session, from the records read in the background.
fn find_resumable(
    current: Res<ActiveSession>,
    persist: Res<super::settings::Persist>,
    progress: Res<ProgressState>,
    mut resumable: ResMut<Resumable>,
) {
    let found = current
        .entry
        .as_ref()
        .filter(|_| persist.0)
        .zip(progress.loaded.as_ref())
        .and_then(|(entry, loaded)| loaded.unfinished.get(&entry.scenario.id).cloned());
    if resumable.0 != found {
        resumable.0 = found;
    }
}

pub fn view(current: &ActiveSession, settings: &Settings, mode: Mode) -> Option<BriefingView> {
    let scenario = &current.entry.as_ref()?.scenario;
    Some(BriefingView {
        strings: settings.strings(),
        title: scenario.title.clone(),
        organisation: scenario.organisation.clone(),
        summary: scenario.summary.clone(),
        briefing: scenario.briefing.clone(),
        role: scenario.role.clone(),
        complainant: scenario.complainant.name.clone(),
        background: scenario.complainant.background.clone(),
        goals: scenario.learning_goals.clone(),
        minutes: scenario.minutes,
        mode,
        resume: None,
    })
}

fn ui(
    mut contexts: EguiContexts,
    current: Res<ActiveSession>,
    settings: Res<Settings>,
    mode: Res<PlayMode>,
    resumable: Res<Resumable>,
    mut actions: MessageWriter<BriefingAction>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = widgets::root_ui(ctx);
    let Some(mut view) = view(&current, &settings, **mode) else {
        return Ok(());
    };
    view.resume = resumable.0.as_ref().map(|(_, r)| r.turns());
    widgets::central(&mut root, |ui| {
        if let Some(action) = briefing_screen(ui, &view) {
            actions.write(action);
        }
    });
    Ok(())
}

#[allow(clippy::too_many_arguments, reason = "a Bevy system's parameters")]
fn apply(
    mut reader: MessageReader<BriefingAction>,
    mut current: ResMut<ActiveSession>,
    mut mode: ResMut<PlayMode>,
    catalog: Res<Catalog>,
    resumable: Res<Resumable>,
    settings: Res<Settings>,
    progress: Res<ProgressState>,
    mut next: ResMut<NextState<Screen>>,
) {
    for action in reader.read() {
        match action {
            BriefingAction::Resume => {
                let (Some((path, record)), Some(entry)) = (&resumable.0, &current.entry) else {
                    continue;
                };
                let entry = entry.clone();
                match current.resume(entry, path.clone(), record.clone(), &catalog.rubric) {
                    Ok(()) => next.set(Screen::Conversation),
                    Err(err) => warn!("cannot resume {}: {err}", path.display()),
                }
            }
            BriefingAction::SetMode(m) => **mode = *m,
            BriefingAction::Back => next.set(Screen::Library),
            BriefingAction::Start => {
                if current.start(&catalog.rubric, new_seed()) {
                    let played_before = current.entry.as_ref().is_some_and(|e| {
                        progress
                            .loaded
                            .as_ref()
                            .is_some_and(|l| l.played.contains(&e.scenario.id))
                    });
                    current.say_first = settings.say_it_first.asks(played_before);
                    next.set(Screen::Conversation);
                }
            }
        }
    }
}

/// A fresh seed for a new session (the seed is saved, so a session can be replayed).
pub fn new_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64 % 1_000_000_007)
}

/// The briefing screen. In classroom mode it is laid out for a projector.
pub fn briefing_screen(ui: &mut egui::Ui, view: &BriefingView) -> Option<BriefingAction> {
    let s = view.strings;
    let big = view.mode == Mode::Classroom;
    let k = if big { 1.6 } else { 1.0 };
    let mut action = None;
    if widgets::pressed(ui, egui::Key::Escape) {
        action = Some(BriefingAction::Back);
    }
    // A presenter clicker sends PageDown (or →) for "next": it pages through the briefing,
    // and starts the conversation once the room has seen all of it.
    let next =
        widgets::pressed(ui, egui::Key::PageDown) || widgets::pressed(ui, egui::Key::ArrowRight);
    widgets::page(ui, |ui| {
        let page_top = ui.min_rect().min;
        if big {
            widgets::scale_headings(ui, k);
            if widgets::page_by_clicker(ui, next) {
                action = Some(BriefingAction::Start);
            }
        }
        ui.horizontal(|ui| {
            if ui.button(format!("← {}", s.library)).clicked() {
                action = Some(BriefingAction::Back);
            }
        });
        ui.add_space(8.0);
        let title = ui.label(RichText::new(&view.title).size(34.0 * k).strong());
        super::marks::mark(ui, "title", title.rect);
        ui.label(
            RichText::new(format!(
                "{} · {} {}",
                view.organisation, view.minutes, s.minutes
            ))
            .size(17.0 * k)
            .weak(),
        );
        ui.add_space(14.0);
        let text = |ui: &mut egui::Ui, t: &str| {
            ui.label(RichText::new(t).size(19.0 * k));
        };
        widgets::section(ui, s.situation, |ui| text(ui, &view.briefing));
        ui.add_space(10.0);
        ui.columns(2, |cols| {
            widgets::section(&mut cols[0], s.your_role, |ui| text(ui, &view.role));
            widgets::section(&mut cols[1], &view.complainant, |ui| {
                text(ui, &view.background)
            });
        });
        ui.add_space(10.0);
        widgets::section(ui, s.learning_goals, |ui| {
            for goal in &view.goals {
                text(ui, &format!("•  {goal}"));
            }
        });
        ui.add_space(16.0);
        ui.label(RichText::new(s.mode).size(18.0).strong());
        ui.horizontal_wrapped(|ui| {
            for (m, name, note) in [
                (Mode::Practice, s.practice, s.practice_note),
                (Mode::Exam, s.exam, s.exam_note),
                (Mode::Classroom, s.classroom, s.classroom_note),
            ] {
                let r = ui
                    .selectable_label(view.mode == m, RichText::new(name).size(18.0))
                    .on_hover_text(note);
                super::marks::mark(ui, format!("mode:{m:?}"), r.rect);
                if r.clicked() {
                    action = Some(BriefingAction::SetMode(m));
                    // The room reads the briefing from its top, in the large type.
                    if m == Mode::Classroom && view.mode != m {
                        let top = egui::Rect::from_min_size(page_top, egui::Vec2::ZERO);
                        ui.scroll_to_rect(top, Some(egui::Align::TOP));
                    }
                }
            }
        });
        ui.label(
            RichText::new(match view.mode {
                Mode::Practice => s.practice_note,
                Mode::Exam => s.exam_note,
                Mode::Classroom => s.classroom_note,
            })
            .weak(),
        );
        ui.add_space(16.0);
        // With an unfinished session, "continue" comes first and has the focus.
        let mut first = None;
        if let Some(turns) = view.resume {
            let r = ui.add(egui::Button::new(
                RichText::new(format!("{} ({})", s.resume, s.turn_count(turns)))
                    .size(22.0 * k)
                    .strong(),
            ));
            super::marks::mark(ui, "resume", r.rect);
            if r.clicked() {
                action = Some(BriefingAction::Resume);
            }
            first = Some(r);
            ui.add_space(8.0);
        }
        let start_label = if view.resume.is_some() {
            s.start_over
        } else {
            s.start
        };
        let start = ui.add(egui::Button::new(
            RichText::new(format!("{start_label} →"))
                .size(24.0 * k)
                .strong(),
        ));
        super::marks::mark(ui, "start", start.rect);
        if start.clicked() {
            action = Some(BriefingAction::Start);
        }
        let first = first.unwrap_or(start);
        if ui.memory(|m| m.focused().is_none()) {
            first.request_focus();
        }
        // The briefing is read from its top: in a window too low for all of it, the focused
        // button waits below (Enter still starts; End or PageDown brings it into view).
        let mut briefing_to_here = first.rect;
        briefing_to_here.min.y = page_top.y;
        widgets::reveal_focus_with(ui, first.id, briefing_to_here);
    });
    action
}
