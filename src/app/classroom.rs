//! Classroom mode: the projection layout for a room ten metres from the screen, presenter
//! keys (PageDown/PageUp, arrows, Space, B for black, F11 for full screen), scores and
//! tags hidden until the facilitator reveals them, a vote tally per option and a
//! discussion timer. The projection never changes the session except through the same
//! answers a trainee gives.
//!
//! Over 500 lines: the room's state and the projection it draws change together; the
//! layout search (`fit.rs`), the ballot rows (`ballot.rs`) and the "what if" branch
//! (`what_if.rs`) are apart.

use std::time::Duration;

use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, WindowMode};
use bevy_egui::egui::{self, Color32, RichText};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use super::conversation::{
    ConversationAction, ConversationView, PromptView, answer_ui, ending_ui, speech, step_indicator,
};
use super::phone_panel::{PhonePanel, phone_panel};
use super::state::{AppSystems, PassSystems, PlayMode, Screen};
use super::widgets;
use crate::engine::Answer;
use crate::records::Mode;
use crate::vote::{Ballot, RoomVotes, VoteSource};

mod ballot;
mod fit;
mod what_if;

use ballot::{OptionRow, RowEvent, ballot_status, highest, option_row};
use fit::{Fit, min_scale};
pub use what_if::WhatIf;

/// The facilitator's controls over the projection.
#[derive(Resource, Debug, Clone, Default)]
pub struct Classroom {
    /// Scores, tags and explanations are shown.
    pub revealed: bool,
    /// The room's votes per option on the ballot now open: typed hands, or the phones'
    /// tally (see `votes_from`).
    pub votes: Vec<u32>,
    /// Where `votes` came from.
    pub votes_from: Option<VoteSource>,
    /// The first ballot on this turn, once the facilitator opened a re-vote (key N).
    pub first_ballot: Option<Ballot>,
    /// The split (counts and bars) is hidden while the room votes; key S shows it. Phone
    /// votes start hidden, so nobody follows the first hands up.
    pub split_hidden: bool,
    /// While phone votes are on (key P): the address and QR code the projection shows.
    pub phones: Option<PhonePanel>,
    /// Phones that asked anything lately.
    pub phones_connected: usize,
    /// Discussion time before the current run of the timer.
    pub timer_before: Duration,
    /// When the timer was started (app time in seconds), if it runs.
    pub timer_started: Option<f64>,
    pub black: bool,
    /// The room's ballots at every answered turn, so taking an answer back brings its
    /// counts back and the debrief can rank the turns by disagreement.
    pub room: RoomVotes,
    /// Why the last "next" could not go on, shown on the projection until something
    /// changes.
    pub notice: Option<&'static str>,
    /// The node's discussion question is on the projection (key Q).
    pub question_shown: bool,
    /// "Write your answer on paper first": the turns (1-based) whose options the room
    /// has already been shown.
    pub paper_done: std::collections::BTreeSet<usize>,
}

/// How long the room writes on paper before the options show (the countdown; the
/// facilitator may show them sooner or later).
pub const PAPER_SECONDS: u64 = 60;

impl Classroom {
    /// The ballot now open, as the room's record keeps it.
    pub fn ballot(&self) -> Ballot {
        Ballot {
            source: self.votes_from.unwrap_or(VoteSource::Hands),
            counts: self.votes.clone(),
        }
    }

    /// Turn `turn` was answered: its ballots are kept for the room's record, and the next
    /// turn starts with no votes, the timer at zero and tags hidden.
    pub fn after_answer(&mut self, turn: usize) {
        let last = self.ballot();
        let hidden = self.phones.is_some();
        match self.first_ballot.take() {
            Some(first) => {
                self.room.record_first(turn, first, hidden);
                if last.total() > 0 {
                    self.room.record_second(turn, last);
                }
            }
            None if last.total() > 0 => self.room.record_first(turn, last, hidden),
            None => {}
        }
        self.start_turn();
    }

    /// The answer to `turn` was taken back: the room's ballots on it return (the re-vote
    /// as the open ballot, beside the first).
    pub fn back_to(&mut self, turn: usize) {
        self.start_turn();
        if let Some(voted) = self.room.get(turn).cloned() {
            let open = match voted.second {
                Some(second) => {
                    self.first_ballot = Some(voted.first);
                    second
                }
                None => voted.first,
            };
            self.votes = open.counts;
            self.votes_from = Some(open.source);
            // Counts taken back were shown before: no reason to hide them now.
            self.split_hidden = false;
        }
        self.room.truncate_after(turn.saturating_sub(1));
    }

    /// Opens a re-vote on the same turn after discussion: the ballot so far becomes the
    /// first, and the room votes again from zero. `false` when nobody has voted yet.
    pub fn revote(&mut self) -> bool {
        let ballot = self.ballot();
        if ballot.total() == 0 {
            return false;
        }
        self.first_ballot = Some(ballot);
        self.votes.clear();
        self.votes_from = None;
        self.split_hidden = self.phones.is_some();
        self.notice = None;
        true
    }

    /// A fresh session for the room.
    pub fn new_session(&mut self) {
        self.room = RoomVotes::default();
        self.paper_done.clear();
        self.start_turn();
    }

    fn start_turn(&mut self) {
        self.votes.clear();
        self.votes_from = None;
        self.first_ballot = None;
        self.split_hidden = self.phones.is_some();
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
    /// Phone votes on or off.
    Phones,
    /// Show or hide the split of the votes (hidden while the room votes).
    Split,
    /// Vote again on the same turn after discussion; the first vote stays beside it.
    Revote,
    /// The room has written its answers on paper: show the options of `turn`, with the
    /// discussion timer from zero.
    ShowOptions {
        turn: usize,
    },
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Classroom>()
        .init_resource::<WhatIf>()
        .add_message::<PresenterAction>()
        // A new scenario's room starts without the previous room's votes.
        .add_systems(
            OnEnter(Screen::Briefing),
            |mut c: ResMut<Classroom>, mut w: ResMut<WhatIf>| {
                c.new_session();
                w.forget();
            },
        )
        .add_systems(OnEnter(Screen::Library), |mut w: ResMut<WhatIf>| w.forget())
        .add_systems(Update, apply.in_set(AppSystems::Apply))
        // Inside the egui pass and before any screen draws, so a black screen can swallow
        // the keys meant for the screen beneath it.
        .add_systems(
            EguiPrimaryContextPass,
            presenter_keys.in_set(PassSystems::Presenter),
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
    let classroom_mode = **mode == Mode::Classroom;
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
                classroom.votes_from = Some(VoteSource::Hands);
                classroom.notice = None;
            }
            PresenterAction::Notice(text) => classroom.notice = Some(text),
            PresenterAction::Question => classroom.question_shown = !classroom.question_shown,
            PresenterAction::Split => {
                classroom.split_hidden = !classroom.split_hidden;
                classroom.notice = None;
            }
            PresenterAction::Revote => {
                classroom.revote();
            }
            // The vote server's side: `phones::switch`.
            PresenterAction::Phones => {}
            PresenterAction::ShowOptions { turn } => {
                classroom.paper_done.insert(turn);
                classroom.timer_before = Duration::ZERO;
                classroom.timer_started = None;
            }
        }
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
    if view.what_if.is_some() && (key(egui::Key::W) || key(egui::Key::Escape)) {
        action = Some(ConversationAction::EndWhatIf);
    }
    if key(egui::Key::P) {
        presenter = Some(PresenterAction::Phones);
    }
    let voting = matches!(view.prompt, PromptView::Options(_)) && view.ending.is_none();
    if voting && key(egui::Key::S) {
        presenter = Some(PresenterAction::Split);
    }
    if voting && key(egui::Key::N) {
        presenter = Some(if classroom.votes.iter().any(|&v| v > 0) {
            PresenterAction::Revote
        } else {
            PresenterAction::Notice(s.revote_needs_votes)
        });
    }
    if key(egui::Key::PageUp) || widgets::pressed(ui, egui::Key::ArrowLeft) {
        action = Some(ConversationAction::Undo);
    }
    let next = key(egui::Key::PageDown)
        || widgets::pressed(ui, egui::Key::ArrowRight)
        || widgets::pressed(ui, egui::Key::Space);

    let fit_id = egui::Id::new("projection_fit");
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (
            view.turn,
            &view.says,
            view.flags.len(),
            view.ending.is_some(),
            view.what_if,
        )
            .hash(&mut h);
        (
            classroom.revealed,
            classroom.question_shown,
            classroom.notice,
        )
            .hash(&mut h);
        (classroom.paper_done.contains(&view.turn), view.flared).hash(&mut h);
        (
            classroom.split_hidden,
            classroom.first_ballot.is_some(),
            classroom.phones.is_some(),
            classroom.phones_connected == 0,
        )
            .hash(&mut h);
        let size = ui.ctx().viewport_rect().size();
        ((size.x as u32), (size.y as u32)).hash(&mut h);
        // New fonts or a new zoom measure differently: fit again from the start.
        let fonts = ui.ctx().fonts(|f| f.definitions().font_data.len());
        (fonts, ui.ctx().zoom_factor().to_bits()).hash(&mut h);
        h.finish()
    };
    let fit = ui
        .data(|d| d.get_temp::<Fit>(fit_id))
        .filter(|f| f.key == key)
        .unwrap_or(Fit::fresh(key));
    // Bottom strip: the facilitator's cues, small but legible.
    egui::Panel::bottom("presenter_strip")
        .frame(
            egui::Frame::side_top_panel(ui.style()).inner_margin(egui::Margin::symmetric(24, 10)),
        )
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let secs = classroom.elapsed(now);
                let timer = RichText::new(format!("⏱ {}:{:02}", secs / 60, secs % 60))
                    .size(30.0 * fit.scale.max(0.8))
                    .strong();
                let timer_button = ui.button(timer);
                if timer_button.clicked() {
                    presenter = Some(PresenterAction::Timer {
                        now_ms: (now * 1000.0) as u64,
                    });
                }
                if ui
                    .button(RichText::new("↺").size(24.0 * fit.scale.max(0.8)))
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
                    .button(RichText::new(format!("{reveal} (R)")).size(20.0 * fit.scale.max(0.8)))
                    .clicked()
                {
                    presenter = Some(PresenterAction::Reveal);
                }
                let small = 20.0 * fit.scale.max(0.8);
                let phones = if classroom.phones.is_some() {
                    s.phones_off
                } else {
                    s.phones_on
                };
                let phones_button = ui.button(RichText::new(format!("{phones} (P)")).size(small));
                super::marks::mark(ui, "phones", phones_button.rect);
                if phones_button.clicked() {
                    presenter = Some(PresenterAction::Phones);
                }
                if voting {
                    let split = if classroom.split_hidden {
                        s.show_split
                    } else {
                        s.hide_split
                    };
                    if ui
                        .button(RichText::new(format!("{split} (S)")).size(small))
                        .clicked()
                    {
                        presenter = Some(PresenterAction::Split);
                    }
                    if ui
                        .button(RichText::new(format!("{} (N)", s.revote)).size(small))
                        .clicked()
                    {
                        presenter = Some(PresenterAction::Revote);
                    }
                }
                ui.add_space(24.0);
                ui.label(RichText::new(s.presenter_keys).size(16.0).weak());
            });
        });

    if classroom.phones.is_some() {
        egui::Panel::right("projection_phones")
            .exact_size((ui.available_width() * 0.24).clamp(220.0, 900.0))
            .resizable(false)
            .frame(egui::Frame::new().inner_margin(egui::Margin::same(20)))
            .show(ui, |ui| {
                let from_phones = classroom.votes_from == Some(VoteSource::Phones);
                let votes = if from_phones {
                    classroom.votes.iter().sum()
                } else {
                    0
                };
                if let Some(panel) = &classroom.phones {
                    phone_panel(
                        ui,
                        s,
                        panel,
                        classroom.phones_connected,
                        votes,
                        fit.scale.max(0.7),
                    );
                }
            });
    }
    // A smaller face when the text had to shrink: the words matter more.
    let avatar_w = (ui.available_width() * 0.27 * fit.scale * fit.scale).clamp(150.0, 700.0);
    if fit.layout().face {
        egui::Panel::left("projection_avatar")
            .exact_size(avatar_w)
            .resizable(false)
            .frame(egui::Frame::new().inner_margin(egui::Margin::same(24)))
            .show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    let size = ui.available_width().min(ui.available_height() * 0.8);
                    super::conversation::complainant(ui, view, size);
                    ui.label(RichText::new(&view.name).size(34.0 * fit.scale).strong());
                });
            });
    }
    egui::CentralPanel::default()
        .frame(egui::Frame::new().inner_margin(egui::Margin::symmetric(32, 24)))
        .show(ui, |ui| {
            // A safety net for what does not fit in any layout at the smallest size.
            let shown = egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    projection_body(ui, view, classroom, fit, next, &mut action, &mut presenter)
                });
            // Too high: lay out again smaller before anything is shown (another pass).
            let floor = min_scale(ui.ctx().viewport_rect().height());
            let room = shown.inner_rect.height();
            if let Some(smaller) = fit.adjust(shown.content_size.y, room, floor) {
                ui.data_mut(|d| d.insert_temp(fit_id, smaller));
                ui.ctx().request_discard("the projection does not fit yet");
                // Past egui's passes for this frame, the next frame goes on shrinking.
                ui.ctx().request_repaint();
            } else if fit.key == key {
                ui.data_mut(|d| d.insert_temp(fit_id, fit));
            }
        });
    (action, presenter)
}

/// The projected line, the revealed consequences and the options with their votes, at the
/// fit's scale and in its columns.
fn projection_body(
    ui: &mut egui::Ui,
    view: &ConversationView,
    classroom: &Classroom,
    fit: Fit,
    next: bool,
    action: &mut Option<ConversationAction>,
    presenter: &mut Option<PresenterAction>,
) {
    let s = view.strings;
    let k = fit.scale;
    if fit.layout().columns == 3 {
        // The tightest layouts: less air between lines and options.
        ui.spacing_mut().item_spacing.y = 4.0;
    }
    let count = match &view.prompt {
        PromptView::Options(o) => o.len(),
        PromptView::Select { items, .. } => items.len(),
    };
    if let Some((turn, option)) = view.what_if {
        let banner = ui.label(
            RichText::new(format!(
                "↪ {} {turn}: {} {option} · {} (W)",
                s.what_if_turn, s.what_if_option, s.what_if_back
            ))
            .size(26.0 * k)
            .strong()
            .color(widgets::PITFALL),
        );
        super::marks::mark(ui, "what_if", banner.rect);
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&view.title).size(26.0 * k).weak());
        ui.label(
            RichText::new(format!("· {} {}", s.turn, view.turn))
                .size(26.0 * k)
                .weak(),
        );
    });
    if classroom.revealed
        && let Some((steps, at)) = &view.steps
    {
        step_indicator(ui, steps, *at, 19.0 * k);
    }
    ui.add_space(10.0 * k);
    if view.flared {
        super::conversation::flare_banner(ui, s, 1.5 * k);
        ui.add_space(8.0 * k);
    }
    if fit.layout().fold_line {
        let name = view.speaker.as_deref().unwrap_or_default();
        let said = ui.add(
            egui::Label::new(RichText::new(format!("{name}: “{}”", view.says)).size(34.0 * k))
                .truncate(),
        );
        super::marks::mark(ui, "says", said.rect);
    } else {
        speech(ui, view.speaker.as_deref(), &view.says, 34.0 * k);
    }
    ui.add_space(14.0 * k);
    if classroom.question_shown
        && let Some((ask, listen_for)) = &view.question
    {
        question_card(ui, s, ask, listen_for, k);
        ui.add_space(12.0 * k);
    }
    if classroom.revealed {
        for flag in &view.flags {
            ui.label(
                RichText::new(format!("⚠ {}: {}", s.pitfall, flag.name))
                    .size(30.0 * k)
                    .strong()
                    .color(widgets::PITFALL),
            );
        }
        if let Some(f) = view.feedback.as_ref().filter(|_| fit.layout().columns == 1) {
            ui.label(RichText::new(f).size(24.0 * k));
        }
        ui.add_space(8.0 * k);
    }
    // Above the options, so it is seen even where the options fill the screen.
    if let Some(notice) = classroom.notice {
        ui.label(
            RichText::new(format!("→ {notice}"))
                .size(26.0 * k)
                .strong()
                .color(widgets::PITFALL),
        );
        ui.add_space(8.0 * k);
    }
    if let Some(ending) = &view.ending {
        ending_ui(ui, s, ending, 1.6 * k);
        ui.add_space(16.0 * k);
        let (label, leave) = match view.what_if {
            Some(_) => (s.what_if_back, ConversationAction::EndWhatIf),
            None => (s.to_debrief, ConversationAction::ToDebrief),
        };
        if ui
            .button(RichText::new(format!("{label} →")).size(32.0 * k))
            .clicked()
            || next
        {
            *action = Some(leave);
        }
        return;
    }
    match &view.prompt {
        PromptView::Options(_)
            if view.write_on_paper && !classroom.paper_done.contains(&view.turn) =>
        {
            let now = ui.input(|i| i.time);
            // The countdown starts by itself when the card first shows.
            if classroom.timer_started.is_none() && classroom.timer_before.is_zero() {
                *presenter = Some(PresenterAction::Timer {
                    now_ms: (now * 1000.0) as u64,
                });
            }
            let left = PAPER_SECONDS.saturating_sub(classroom.elapsed(now));
            if paper_card(ui, s, left, k) || next {
                *presenter = Some(PresenterAction::ShowOptions { turn: view.turn });
            }
        }
        PromptView::Options(options) => {
            if let Some(n) = widgets::number_pressed(ui).filter(|&n| n <= count) {
                *action = Some(ConversationAction::Answer(Answer::Pick(n)));
            }
            let total: u32 = classroom.votes.iter().sum();
            let highlight = highest(&classroom.votes, count);
            let hidden = classroom.split_hidden;
            if hidden || classroom.first_ballot.is_some() {
                ballot_status(ui, s, classroom, total, k);
            }
            let columns = fit.layout().columns;
            let first = classroom.first_ballot.as_ref().filter(|_| !hidden);
            let mut row = |ui: &mut egui::Ui, i: usize| {
                let option = &options[i];
                let shown = OptionRow {
                    i,
                    text: &option.text,
                    reveal: classroom.revealed.then_some(&option.reveal),
                    folded: classroom.revealed && fit.layout().fold_revealed_options,
                    hands: (!hidden).then(|| classroom.votes.get(i).copied().unwrap_or(0)),
                    total,
                    first: first.map(|b| (b.counts.get(i).copied().unwrap_or(0), b.total())),
                    leading: !hidden && highlight == Some(i),
                    scale: k,
                };
                match option_row(ui, shown) {
                    Some(RowEvent::Choose) => {
                        *action = Some(ConversationAction::Answer(Answer::Pick(i + 1)))
                    }
                    Some(RowEvent::Vote(hands)) => {
                        *presenter = Some(PresenterAction::Vote { option: i, hands })
                    }
                    None => {}
                }
                ui.add_space(if columns == 3 { 4.0 } else { 10.0 * k });
            };
            if columns > 1 {
                // Reading order left to right: 1 2 / 3 4 / 5 6.
                ui.columns(columns, |cols| {
                    for i in 0..options.len() {
                        row(&mut cols[i % columns], i);
                    }
                });
            } else {
                for i in 0..options.len() {
                    row(ui, i);
                }
            }
            if next {
                *presenter = match highlight {
                    // The first PageDown closes a hidden vote by showing its split; the
                    // next plays the room's choice.
                    Some(_) if hidden => Some(PresenterAction::Split),
                    Some(i) => {
                        *action = Some(ConversationAction::Answer(Answer::Pick(i + 1)));
                        None
                    }
                    // Say why nothing happens rather than doing nothing.
                    None if classroom.phones.is_some() => {
                        Some(PresenterAction::Notice(s.next_needs_phone_votes))
                    }
                    None => Some(PresenterAction::Notice(s.next_needs_votes)),
                };
            }
        }
        PromptView::Select { .. } => {
            if let Some(a) = answer_ui(ui, s, &view.prompt, view.turn, 30.0 * k) {
                *action = Some(a);
            }
        }
    }
}

/// The frame of what the facilitator puts in front of the room (the paper card, the
/// discussion question): a tint and a border in the selection colour.
fn callout(ui: &egui::Ui, margin: i8) -> egui::Frame {
    egui::Frame::new()
        .fill(ui.visuals().selection.bg_fill.linear_multiply(0.15))
        .stroke(egui::Stroke::new(3.0, ui.visuals().selection.bg_fill))
        .corner_radius(12.0)
        .inner_margin(egui::Margin::same(margin))
}

/// "Write your answer on paper first": the instruction and the countdown, large enough
/// for the back row. Returns true when the facilitator clicks to show the options.
fn paper_card(ui: &mut egui::Ui, s: &super::i18n::Strings, seconds_left: u64, k: f32) -> bool {
    let mut show = false;
    callout(ui, 24).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(s.paper_first).size(40.0 * k).strong());
        ui.add_space(6.0 * k);
        ui.label(RichText::new(s.paper_first_note).size(26.0 * k));
        ui.add_space(12.0 * k);
        let clock = if seconds_left > 0 {
            format!("{}:{:02}", seconds_left / 60, seconds_left % 60)
        } else {
            s.paper_time_up.to_string()
        };
        ui.label(RichText::new(clock).size(72.0 * k).strong().monospace());
        ui.add_space(8.0 * k);
        let button =
            ui.button(RichText::new(format!("{} (PageDown)", s.paper_show_options)).size(28.0 * k));
        super::marks::mark(ui, "paper_show", button.rect);
        show = button.clicked();
    });
    show
}

/// The facilitator layer's discussion question, large, with what to listen for (for the
/// facilitator, smaller).
fn question_card(
    ui: &mut egui::Ui,
    s: &super::i18n::Strings,
    ask: &str,
    listen_for: &[String],
    k: f32,
) {
    callout(ui, 18).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(s.discussion_question).size(24.0 * k).weak());
        ui.label(RichText::new(ask).size(34.0 * k).strong());
        if !listen_for.is_empty() {
            ui.add_space(6.0 * k);
            ui.label(RichText::new(s.listen_for).size(20.0 * k).weak());
            for item in listen_for {
                ui.label(RichText::new(format!("•  {item}")).size(22.0 * k));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(classroom: &mut Classroom, counts: &[u32]) {
        classroom.votes = counts.to_vec();
        classroom.votes_from = Some(VoteSource::Hands);
    }

    #[test]
    fn a_revote_keeps_both_tallies_and_taking_the_answer_back_brings_both_back() {
        let mut room = Classroom::default();
        typed(&mut room, &[9, 3, 8]);
        assert!(room.revote());
        assert!(room.votes.is_empty(), "the second vote starts from zero");
        typed(&mut room, &[2, 1, 17]);
        room.after_answer(1);
        let turn = room.room.get(1).unwrap();
        assert_eq!(turn.first.counts, vec![9, 3, 8]);
        assert_eq!(turn.second.as_ref().unwrap().counts, vec![2, 1, 17]);
        assert!(room.first_ballot.is_none() && room.votes.is_empty());

        // PageUp: the re-vote is the open ballot again, with the first beside it.
        room.back_to(1);
        assert_eq!(room.votes, vec![2, 1, 17]);
        assert_eq!(room.first_ballot.as_ref().unwrap().counts, vec![9, 3, 8]);
        assert!(room.room.get(1).is_none());
        // A re-vote needs votes.
        let mut empty = Classroom::default();
        assert!(!empty.revote());
    }
}
