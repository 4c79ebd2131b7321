//! Classroom mode: the projection layout for a room ten metres from the screen, presenter
//! keys (PageDown/PageUp, arrows, Space, B for black, F11 for full screen), scores and
//! tags hidden until the facilitator reveals them, a vote tally per option and a
//! discussion timer. The projection never changes the session except through the same
//! answers a trainee gives.

use std::time::Duration;

use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, WindowMode};
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_egui::egui::{self, Color32, RichText};
use bevy_egui::{EguiContexts, EguiGlobalSettings, EguiPreUpdateSet};

use super::conversation::{
    ConversationAction, ConversationView, OptionReveal, PromptView, answer_ui, ending_ui, speech,
    step_indicator,
};
use super::state::{AppSystems, PlayMode, Screen};
use super::widgets;
use crate::app::play::Pick;

/// The facilitator's controls over the projection.
#[derive(Resource, Debug, Clone, Default)]
pub struct Classroom {
    /// Scores, tags and explanations are shown.
    pub revealed: bool,
    /// Hands per option at this turn, as typed by the facilitator.
    pub votes: Vec<u32>,
    /// Discussion time before the current run of the timer.
    pub timer_before: Duration,
    /// When the timer was started (app time in seconds), if it runs.
    pub timer_started: Option<f64>,
    pub black: bool,
    /// The room's hands at every answered turn (1-based), so taking an answer back
    /// brings its count back.
    pub room: std::collections::BTreeMap<usize, Vec<u32>>,
    /// Why the last "next" could not go on, shown on the projection until something
    /// changes.
    pub notice: Option<&'static str>,
    /// The node's discussion question is on the projection (key Q).
    pub question_shown: bool,
}

impl Classroom {
    /// Turn `turn` was answered: its hands are kept for the room's record, and the next
    /// turn starts with no votes, the timer at zero and tags hidden.
    pub fn after_answer(&mut self, turn: usize) {
        if self.votes.iter().any(|&v| v > 0) {
            self.room.insert(turn, std::mem::take(&mut self.votes));
        }
        self.start_turn();
    }

    /// The answer to `turn` was taken back: the room's hands for it return.
    pub fn back_to(&mut self, turn: usize) {
        self.start_turn();
        self.votes = self.room.remove(&turn).unwrap_or_default();
    }

    /// A fresh session for the room.
    pub fn new_session(&mut self) {
        self.room.clear();
        self.start_turn();
    }

    fn start_turn(&mut self) {
        self.votes.clear();
        self.timer_before = Duration::ZERO;
        self.timer_started = None;
        self.revealed = false;
        self.notice = None;
        self.question_shown = false;
    }

    /// Seconds of discussion so far.
    pub fn elapsed(&self, now: f64) -> u64 {
        let running = self.timer_started.map_or(0.0, |t| (now - t).max(0.0));
        (self.timer_before.as_secs_f64() + running) as u64
    }
}

/// Keys the facilitator presses that are not answers.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresenterAction {
    Black,
    FullScreen,
    Reveal,
    /// Start or stop the discussion timer (at app time `now`).
    Timer {
        now_ms: u64,
    },
    TimerReset,
    Vote {
        option: usize,
        hands: u32,
    },
    /// Show why the last "next" could not go on.
    Notice(&'static str),
    /// Show or hide the node's discussion question.
    Question,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Classroom>()
        .add_message::<PresenterAction>()
        // A new scenario's room starts without the previous room's votes.
        .add_systems(OnEnter(Screen::Briefing), |mut c: ResMut<Classroom>| {
            c.new_session();
        })
        .add_systems(
            Update,
            (apply, tick_while_timing).chain().in_set(AppSystems::Apply),
        )
        // Inside the egui pass but before any screen draws, so a black screen can swallow
        // the keys meant for the screen beneath it.
        .add_systems(
            PreUpdate,
            presenter_keys
                .after(EguiPreUpdateSet::BeginPass)
                // Headless tests run the screens without egui.
                .run_if(resource_exists::<EguiGlobalSettings>),
        );
}

/// The keys that work on every screen: F11 toggles full screen; in classroom mode B (or
/// the full stop a presenter clicker's "blank" button sends) blacks the projection out.
/// While black, nothing but those keys reaches the screens.
fn presenter_keys(
    mut contexts: EguiContexts,
    classroom: Res<Classroom>,
    mode: Res<PlayMode>,
    mut presenter: MessageWriter<PresenterAction>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let typing = ctx.text_edit_focused();
    let pressed = |key| !typing && ctx.input(|i| i.key_pressed(key));
    if pressed(egui::Key::F11) {
        presenter.write(PresenterAction::FullScreen);
    }
    let classroom_mode = *mode == PlayMode::Classroom;
    // In classroom mode the blank keys work whatever has focus (vote fields take digits).
    let any_focus = |key| ctx.input(|i| i.key_pressed(key));
    if classroom_mode && (any_focus(egui::Key::B) || any_focus(egui::Key::Period)) {
        presenter.write(PresenterAction::Black);
    }
    if classroom.black && classroom_mode {
        ctx.input_mut(|i| i.events.clear());
        egui::Area::new(egui::Id::new("black_screen"))
            .order(egui::Order::Foreground)
            .fixed_pos(egui::Pos2::ZERO)
            .show(ctx, |ui| {
                let rect = ui.ctx().viewport_rect();
                ui.allocate_rect(rect, egui::Sense::click());
                ui.painter().rect_filled(rect, 0.0, Color32::BLACK);
            });
    }
    Ok(())
}

fn apply(
    mut reader: MessageReader<PresenterAction>,
    mut classroom: ResMut<Classroom>,
    mut windows: Query<&mut Window, With<PrimaryWindow>>,
) {
    for action in reader.read() {
        match *action {
            PresenterAction::Black => classroom.black = !classroom.black,
            PresenterAction::Reveal => classroom.revealed = !classroom.revealed,
            PresenterAction::FullScreen => {
                for mut window in &mut windows {
                    window.mode = match window.mode {
                        WindowMode::Windowed => {
                            WindowMode::BorderlessFullscreen(MonitorSelection::Current)
                        }
                        _ => WindowMode::Windowed,
                    };
                }
            }
            PresenterAction::Timer { now_ms } => {
                let now = now_ms as f64 / 1000.0;
                match classroom.timer_started.take() {
                    Some(started) => {
                        classroom.timer_before += Duration::from_secs_f64((now - started).max(0.0));
                    }
                    None => classroom.timer_started = Some(now),
                }
            }
            PresenterAction::TimerReset => {
                classroom.timer_before = Duration::ZERO;
                classroom.timer_started = None;
            }
            PresenterAction::Vote { option, hands } => {
                if classroom.votes.len() <= option {
                    classroom.votes.resize(option + 1, 0);
                }
                classroom.votes[option] = hands;
                classroom.notice = None;
            }
            PresenterAction::Notice(text) => classroom.notice = Some(text),
            PresenterAction::Question => classroom.question_shown = !classroom.question_shown,
        }
    }
}

/// While the discussion timer runs the app wakes once a second to redraw it; otherwise
/// it sleeps until input arrives.
fn tick_while_timing(
    classroom: Res<Classroom>,
    settings: Option<ResMut<WinitSettings>>,
    mode: Res<PlayMode>,
) {
    let Some(mut settings) = settings else { return };
    let wanted = if classroom.timer_started.is_some() && *mode == PlayMode::Classroom {
        UpdateMode::reactive(Duration::from_secs(1))
    } else {
        WinitSettings::desktop_app().focused_mode
    };
    if settings.focused_mode != wanted {
        settings.focused_mode = wanted;
    }
}

/// The conversation on the projector. Returns an answer (the room's choice, entered by the
/// facilitator) or a presenter action.
pub fn conversation_projection(
    ui: &mut egui::Ui,
    view: &ConversationView,
    classroom: &mut Classroom,
) -> (Option<ConversationAction>, Option<PresenterAction>) {
    let s = view.strings;
    let mut action = None;
    let mut presenter = None;
    let now = ui.input(|i| i.time);
    // The presenter's keys work whatever has focus: the only fields here are the vote
    // counts, which take digits, never these keys.
    let key = |k| ui.input(|i| i.key_pressed(k));
    if key(egui::Key::R) {
        presenter = Some(PresenterAction::Reveal);
    }
    if key(egui::Key::T) {
        presenter = Some(PresenterAction::Timer {
            now_ms: (now * 1000.0) as u64,
        });
    }
    if view.question.is_some() && key(egui::Key::Q) && !ui.input(|i| i.modifiers.command) {
        presenter = Some(PresenterAction::Question);
    }
    if key(egui::Key::PageUp) || widgets::pressed(ui, egui::Key::ArrowLeft) {
        action = Some(ConversationAction::Undo);
    }
    let next = key(egui::Key::PageDown)
        || widgets::pressed(ui, egui::Key::ArrowRight)
        || widgets::pressed(ui, egui::Key::Space);

    // Bottom strip: the facilitator's cues, small but legible.
    egui::Panel::bottom("presenter_strip")
        .frame(
            egui::Frame::side_top_panel(ui.style()).inner_margin(egui::Margin::symmetric(24, 10)),
        )
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let secs = classroom.elapsed(now);
                let timer = RichText::new(format!("⏱ {}:{:02}", secs / 60, secs % 60))
                    .size(30.0)
                    .strong();
                let timer_button = ui.button(timer);
                if timer_button.clicked() {
                    presenter = Some(PresenterAction::Timer {
                        now_ms: (now * 1000.0) as u64,
                    });
                }
                if ui
                    .button(RichText::new("↺").size(24.0))
                    .on_hover_text(s.timer_reset)
                    .clicked()
                {
                    presenter = Some(PresenterAction::TimerReset);
                }
                ui.add_space(24.0);
                let reveal = if classroom.revealed {
                    s.hide_scores
                } else {
                    s.reveal_scores
                };
                if ui
                    .button(RichText::new(format!("{reveal} (R)")).size(20.0))
                    .clicked()
                {
                    presenter = Some(PresenterAction::Reveal);
                }
                ui.add_space(24.0);
                ui.label(RichText::new(s.presenter_keys).size(16.0).weak());
            });
        });

    let avatar_w = (ui.available_width() * 0.27).clamp(260.0, 700.0);
    egui::Panel::left("projection_avatar")
        .exact_size(avatar_w)
        .resizable(false)
        .frame(egui::Frame::new().inner_margin(egui::Margin::same(24)))
        .show(ui, |ui| {
            ui.vertical_centered(|ui| {
                let size = ui.available_width().min(ui.available_height() * 0.8);
                super::conversation::complainant(ui, view, size);
                ui.label(RichText::new(&view.name).size(34.0).strong());
            });
        });
    egui::CentralPanel::default()
        .frame(egui::Frame::new().inner_margin(egui::Margin::symmetric(32, 24)))
        .show(ui, |ui| {
            // A safety net for very long lines; the sizes are chosen so it is rarely needed.
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    projection_body(ui, view, classroom, next, &mut action, &mut presenter)
                });
        });
    (action, presenter)
}

/// The projected line, the revealed consequences and the options with their votes.
fn projection_body(
    ui: &mut egui::Ui,
    view: &ConversationView,
    classroom: &Classroom,
    next: bool,
    action: &mut Option<ConversationAction>,
    presenter: &mut Option<PresenterAction>,
) {
    let s = view.strings;
    let count = match &view.prompt {
        PromptView::Options(o) => o.len(),
        PromptView::Select { items, .. } => items.len(),
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new(&view.title).size(26.0).weak());
        ui.label(
            RichText::new(format!("· {} {}", s.turn, view.turn))
                .size(26.0)
                .weak(),
        );
    });
    if classroom.revealed
        && let Some((steps, at)) = &view.steps
    {
        step_indicator(ui, steps, *at, 19.0);
    }
    ui.add_space(10.0);
    // Sized so a long line and four options fit a 16:9 projector without scrolling.
    if view.flared {
        super::conversation::flare_banner(ui, s, 1.5);
        ui.add_space(8.0);
    }
    speech(ui, view.speaker.as_deref(), &view.says, 34.0);
    ui.add_space(14.0);
    if classroom.question_shown
        && let Some((ask, listen_for)) = &view.question
    {
        question_card(ui, s, ask, listen_for);
        ui.add_space(12.0);
    }
    if classroom.revealed {
        for flag in &view.flags {
            ui.label(
                RichText::new(format!("⚠ {}: {}", s.pitfall, flag.name))
                    .size(30.0)
                    .strong()
                    .color(widgets::PITFALL),
            );
        }
        if let Some(f) = &view.feedback {
            ui.label(RichText::new(f).size(24.0));
        }
        ui.add_space(8.0);
    }
    if let Some(ending) = &view.ending {
        ending_ui(ui, s, ending, 1.6);
        ui.add_space(16.0);
        if ui
            .button(RichText::new(format!("{} →", s.to_debrief)).size(32.0))
            .clicked()
            || next
        {
            *action = Some(ConversationAction::ToDebrief);
        }
        return;
    }
    match &view.prompt {
        PromptView::Options(options) => {
            if let Some(n) = widgets::number_pressed(ui).filter(|&n| n <= count) {
                *action = Some(ConversationAction::Answer(Pick::One(n)));
            }
            let total: u32 = classroom.votes.iter().sum();
            let highlight = highest(&classroom.votes, count);
            for (i, option) in options.iter().enumerate() {
                let hands = classroom.votes.get(i).copied().unwrap_or(0);
                let reveal = classroom.revealed.then_some(&option.reveal);
                match option_row(
                    ui,
                    i,
                    &option.text,
                    reveal,
                    hands,
                    total,
                    highlight == Some(i),
                ) {
                    Some(RowEvent::Choose) => {
                        *action = Some(ConversationAction::Answer(Pick::One(i + 1)))
                    }
                    Some(RowEvent::Vote(hands)) => {
                        *presenter = Some(PresenterAction::Vote { option: i, hands })
                    }
                    None => {}
                }
                ui.add_space(10.0);
            }
            if next {
                match highlight {
                    Some(i) => *action = Some(ConversationAction::Answer(Pick::One(i + 1))),
                    // Say why nothing happens rather than doing nothing.
                    None => *presenter = Some(PresenterAction::Notice(s.next_needs_votes)),
                }
            }
            if let Some(notice) = classroom.notice {
                ui.label(
                    RichText::new(format!("→ {notice}"))
                        .size(26.0)
                        .strong()
                        .color(widgets::PITFALL),
                );
            }
        }
        PromptView::Select { .. } => {
            if let Some(a) = answer_ui(ui, s, &view.prompt, view.turn, 30.0) {
                *action = Some(a);
            }
        }
    }
}

/// The facilitator layer's discussion question, large, with what to listen for (for the
/// facilitator, smaller).
fn question_card(ui: &mut egui::Ui, s: &super::i18n::Strings, ask: &str, listen_for: &[String]) {
    egui::Frame::new()
        .fill(ui.visuals().selection.bg_fill.linear_multiply(0.15))
        .stroke(egui::Stroke::new(3.0, ui.visuals().selection.bg_fill))
        .corner_radius(12.0)
        .inner_margin(egui::Margin::same(18))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(s.discussion_question).size(24.0).weak());
            ui.label(RichText::new(ask).size(34.0).strong());
            if !listen_for.is_empty() {
                ui.add_space(6.0);
                ui.label(RichText::new(s.listen_for).size(20.0).weak());
                for item in listen_for {
                    ui.label(RichText::new(format!("•  {item}")).size(22.0));
                }
            }
        });
}

/// What an option is, after the vote: its step and points, its pitfalls (in the pitfall
/// colour), and what it does to the mood.
fn reveal_line(ui: &mut egui::Ui, reveal: &OptionReveal) {
    ui.horizontal_wrapped(|ui| {
        let size = 22.0;
        if let Some(step) = &reveal.step {
            ui.label(RichText::new(step).size(size).strong());
        }
        for point in &reveal.points {
            ui.label(RichText::new(format!("✔ {point}")).size(size));
        }
        for pitfall in &reveal.pitfalls {
            ui.label(
                RichText::new(format!("⚠ {pitfall}"))
                    .size(size)
                    .strong()
                    .color(widgets::PITFALL),
            );
        }
        ui.label(
            RichText::new(format!("· {}", reveal.mood))
                .size(size)
                .italics(),
        );
    });
}

/// What happened on one option row.
enum RowEvent {
    /// The room chose this option.
    Choose,
    Vote(u32),
}

/// The option with the most hands, if any votes were typed.
fn highest(votes: &[u32], count: usize) -> Option<usize> {
    let (i, &max) = votes
        .iter()
        .take(count)
        .enumerate()
        .max_by_key(|(i, v)| (**v, std::cmp::Reverse(*i)))?;
    (max > 0).then_some(i)
}

/// One option on the projector: its number, its text, the hands for it as a bar, and a
/// field for the facilitator to type the count.
#[allow(clippy::too_many_arguments, reason = "one row's parts, drawn together")]
fn option_row(
    ui: &mut egui::Ui,
    i: usize,
    text: &str,
    reveal: Option<&OptionReveal>,
    hands: u32,
    total: u32,
    leading: bool,
) -> Option<RowEvent> {
    let mut out = None;
    let stroke = if leading {
        egui::Stroke::new(4.0, ui.visuals().selection.bg_fill)
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke
    };
    egui::Frame::new()
        .stroke(stroke)
        .corner_radius(12.0)
        .inner_margin(egui::Margin::same(14))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                let badge = ui.add(
                    egui::Button::new(RichText::new(format!("{}", i + 1)).size(34.0).strong())
                        .min_size(egui::vec2(56.0, 56.0)),
                );
                if badge.clicked() {
                    out = Some(RowEvent::Choose);
                }
                ui.add_space(8.0);
                let text_w = ui.available_width() - 300.0;
                ui.vertical(|ui| {
                    ui.set_width(text_w.max(200.0));
                    ui.label(RichText::new(text).size(27.0));
                    if let Some(reveal) = reveal {
                        reveal_line(ui, reveal);
                    }
                });
                // The tally as a bar, then the count in a field the facilitator types in
                // (Tab to it, type, Enter), large enough to read from the back row.
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(180.0, 36.0), egui::Sense::hover());
                let painter = ui.painter();
                painter.rect_filled(rect, 6.0, ui.visuals().extreme_bg_color);
                if total > 0 {
                    let mut bar = rect;
                    bar.set_width(rect.width() * hands as f32 / total as f32);
                    painter.rect_filled(bar, 6.0, ui.visuals().selection.bg_fill);
                }
                painter.rect_stroke(
                    rect,
                    6.0,
                    ui.visuals().widgets.noninteractive.bg_stroke,
                    egui::StrokeKind::Inside,
                );
                ui.style_mut()
                    .text_styles
                    .insert(egui::TextStyle::Button, egui::FontId::proportional(30.0));
                let mut value = hands;
                let field = egui::DragValue::new(&mut value).range(0..=999).speed(0.2);
                let r = ui.add_sized([76.0, 48.0], field);
                if r.changed() {
                    out = Some(RowEvent::Vote(value));
                }
            });
        });
    out
}
