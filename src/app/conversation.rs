//! The conversation: the session the app keeps (`ActiveSession`), its view model, and the
//! trainee's screen: the complainant (animated avatar) speaks, the trainee answers with
//! numbered options (keys 1–9, arrows and Enter). Practice mode adds the coach hint, the
//! inner thought and flags a pitfall the moment it happens. The systems that apply answers
//! and save the record are `conversation_flow.rs`; the projection is `classroom.rs`.
//!
//! Over 500 lines: the view model and the screen that draws it, with the widgets the
//! projection shares, change together.

use bevy::prelude::*;
use bevy_egui::egui;
use egui::{Color32, RichText};

use super::avatar;
use super::catalog::Entry;
use super::i18n::Strings;
use super::i18n::UiLanguage;
use super::play::{Announcement, Play};
use super::settings::Settings;
use super::widgets;
use crate::engine::{Answer, PromptKind};
use crate::records::{self, Mode, OwnWords, Record};
use crate::rubric::model::Rubric;
use crate::scenario::model::Voice;
use crate::scenario::model::{Appearance, Mood, Outcome, Temperament};

/// The scenario the trainee chose and the session being played.
#[derive(Resource, Debug, Default)]
pub struct ActiveSession {
    pub entry: Option<Entry>,
    pub play: Option<Play>,
    /// What the latest answer caused (pitfalls flagged, the ending).
    pub last: Vec<Announcement>,
    pub paused: bool,
    /// The session file, rewritten after every turn.
    pub record: Option<Record>,
    /// Where the session was last autosaved.
    pub record_path: Option<std::path::PathBuf>,
    /// A "test from here" run from the Author screen: never saved, never offered for
    /// resuming, and stopping it returns to Author.
    pub test_run: bool,
    /// "Say it yourself first" is on for this scenario (practice mode only).
    pub say_first: bool,
    /// The trainee's own words per turn; saved in the local record only.
    pub own_words: Vec<OwnWords>,
    /// Turns at which the trainee skipped typing their own words.
    pub own_words_skipped: std::collections::BTreeSet<usize>,
}

impl ActiveSession {
    /// Selects a scenario; the session starts from the briefing.
    pub fn choose(&mut self, entry: Entry) {
        *self = ActiveSession {
            entry: Some(entry),
            ..ActiveSession::default()
        };
    }

    /// Starts (or restarts) the chosen scenario.
    pub fn start(&mut self, rubric: &Rubric, seed: u64) -> bool {
        let Some(entry) = &self.entry else {
            return false;
        };
        match Play::start(entry.scenario.clone(), rubric, seed) {
            Ok(play) => {
                self.begin(play);
                true
            }
            Err(err) => {
                warn!("cannot start {}: {err:?}", entry.scenario.id);
                false
            }
        }
    }

    /// Makes `play` the running session.
    pub fn begin(&mut self, play: Play) {
        self.play = Some(play);
        self.last.clear();
        self.paused = false;
        self.record = None;
        self.record_path = None;
        self.test_run = false;
        self.own_words.clear();
        self.own_words_skipped.clear();
    }

    /// Continues a session saved in the records: its answers replayed on the same
    /// version of the scenario, and saving goes on into the same file.
    pub fn resume(
        &mut self,
        entry: Entry,
        path: std::path::PathBuf,
        record: Record,
        rubric: &Rubric,
    ) -> Result<(), String> {
        let answers = records::replay::resume(&record, entry.scenario.clone(), rubric)
            .map_err(|e| e.to_string())?;
        let picks: Vec<Answer> = answers;
        let play = Play::start(entry.scenario.clone(), rubric, record.seed)
            .and_then(|p| p.replay(&picks))
            .map_err(|e| format!("{e:?}"))?;
        self.choose(entry);
        self.begin(play);
        self.own_words = record.own_words.clone();
        self.record = Some(record);
        self.record_path = Some(path);
        Ok(())
    }

    /// The running session a trainee can come back to: started from the scenario's start,
    /// answered at least once, not over, and not a test run.
    pub fn resumable(&self) -> Option<&Play> {
        self.play
            .as_ref()
            .filter(|p| !self.test_run && p.is_from_start() && !p.finished() && p.turn_count() > 0)
    }
}

/// One self-check question about the trainee's own words: attention point id, its
/// name, and whether the trainee ticked it.
pub type SelfCheck = (String, String, bool);

/// One option as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionView {
    pub text: String,
    /// What the classroom's reveal shows about it.
    pub reveal: OptionReveal,
}

/// What an option is, for the room's discussion after the vote: the step it works on,
/// its attention points, its pitfalls, and what it does to the mood, in a word.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OptionReveal {
    pub step: Option<String>,
    pub points: Vec<String>,
    pub pitfalls: Vec<String>,
    pub mood: String,
}

/// What a mood shift does, in a word or two.
pub fn mood_word(s: &Strings, shift: crate::scenario::model::MoodShift) -> String {
    let mut words = Vec::new();
    if shift.anger <= -5 {
        words.push(s.mood_calms);
    } else if shift.anger >= 5 {
        words.push(s.mood_angers);
    }
    if shift.trust >= 5 {
        words.push(s.mood_more_trust);
    } else if shift.trust <= -5 {
        words.push(s.mood_less_trust);
    }
    if words.is_empty() {
        words.push(s.mood_same);
    }
    words.join(" · ")
}

/// What the trainee answers at this turn.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptView {
    /// Answer one.
    Options(Vec<OptionView>),
    /// Answer every item that belongs.
    Select { prompt: String, items: Vec<String> },
}

/// A pitfall flagged the moment it happened (practice mode).
#[derive(Debug, Clone, PartialEq)]
pub struct FlagView {
    pub name: String,
    pub why: String,
}

/// How the conversation ended.
#[derive(Debug, Clone, PartialEq)]
pub struct EndingView {
    pub title: String,
    pub narrative: String,
    pub says: Option<String>,
    pub outcome: Outcome,
}

/// Everything the conversation screen shows.
#[derive(Debug, Clone)]
pub struct ConversationView {
    pub strings: &'static Strings,
    pub title: String,
    pub name: String,
    /// Who says `says`: a name, or `None` for narration (a stage direction).
    pub speaker: Option<String>,
    /// The emotion just flared up: the screen says so and the step indicator goes back
    /// to the model's first step.
    pub flared: bool,
    /// 1-based number of the turn being answered.
    pub turn: usize,
    pub says: String,
    pub thought: Option<String>,
    pub hint: Option<String>,
    pub prompt: PromptView,
    pub mood: Mood,
    /// How the complainant looks and how their mood shows (fear or sadness).
    pub appearance: Appearance,
    pub temperament: Temperament,
    /// The werkmodel steps by name and the one the conversation is in.
    pub steps: Option<(Vec<String>, Option<usize>)>,
    pub coaching: bool,
    /// The trainee's previous answer and why it worked or not (practice mode).
    pub feedback: Option<String>,
    pub flags: Vec<FlagView>,
    pub ending: Option<EndingView>,
    pub paused: bool,
    /// "Say it yourself first": this turn waits for the trainee's own words.
    pub ask_own_words: bool,
    /// Classroom's "say it first": the room writes its answer on paper before the options
    /// show (at a talk turn).
    pub write_on_paper: bool,
    /// The own words given at this turn and the self-check about them.
    pub own_words: Option<(String, Vec<SelfCheck>)>,
    /// The facilitator layer's discussion question at this node (or ending): the question
    /// and what to listen for. Classroom mode shows it on a key.
    pub question: Option<(String, Vec<String>)>,
    /// Classroom: the minority's branch being played (turn, option), not the room's own.
    pub what_if: Option<(usize, usize)>,
}

/// What the trainee did.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub enum ConversationAction {
    Answer(Answer),
    Pause,
    Resume,
    /// Back to the library; the session stays resumable.
    Quit,
    ToDebrief,
    /// Classroom: take back the last answer.
    Undo,
    /// Classroom: leave the minority's branch, back to the room's debrief.
    EndWhatIf,
    /// The trainee's own words at this turn (empty: skipped).
    OwnWords(String),
    /// A self-check box about the own words: attention point id, ticked.
    SelfCheck(String, bool),
}

/// Builds the view of the running session from the engine's prompt.
pub fn view(
    current: &ActiveSession,
    rubric: &Rubric,
    settings: &Settings,
    mode: Mode,
) -> Option<ConversationView> {
    let s = settings.strings();
    let play = current.play.as_ref()?;
    let scenario = &play.scenario;
    let model = rubric.model(scenario.model);
    let lang = settings.language;
    let prompt = play.session.prompt();
    let answers = match prompt.as_ref().map(|p| &p.kind) {
        Some(PromptKind::Select { prompt, items }) => PromptView::Select {
            prompt: (*prompt).to_string(),
            items: items.iter().map(|i| i.item.text.clone()).collect(),
        },
        Some(PromptKind::Options(options)) => PromptView::Options(
            options
                .iter()
                .map(|o| OptionView {
                    text: o.choice.text.to_string(),
                    reveal: model.map_or_else(OptionReveal::default, |m| OptionReveal {
                        step: o.choice.shows.iter().find_map(|p| {
                            m.steps
                                .iter()
                                .find(|st| st.points.iter().any(|pt| &pt.id == p))
                                .map(|st| lang.pick(&st.name).to_string())
                        }),
                        points: o
                            .choice
                            .shows
                            .iter()
                            .filter_map(|p| {
                                m.steps
                                    .iter()
                                    .flat_map(|st| &st.points)
                                    .find(|pt| &pt.id == p)
                                    .map(|pt| lang.pick(&pt.name).to_string())
                            })
                            .collect(),
                        pitfalls: o
                            .choice
                            .pitfalls
                            .iter()
                            .map(|p| {
                                m.pitfalls
                                    .iter()
                                    .find(|x| &x.id == p)
                                    .map_or_else(|| p.clone(), |x| lang.pick(&x.name).to_string())
                            })
                            .collect(),
                        mood: mood_word(s, o.choice.mood),
                    }),
                })
                .collect(),
        ),
        None => PromptView::Options(Vec::new()),
    };
    let ending = play
        .ending()
        .and_then(|id| scenario.endings.get(id))
        .map(|e| EndingView {
            title: e.title.clone(),
            narrative: e.narrative.clone(),
            says: e.says.clone(),
            outcome: e.outcome,
        });
    let coaching = mode.coaching();
    // The classroom sees consequences too, once the facilitator reveals them.
    let tell = coaching || mode == Mode::Classroom;
    let flags = if tell {
        current
            .last
            .iter()
            .filter_map(|h| match h {
                Announcement::Pitfall { id } => {
                    let pitfall = model.and_then(|m| m.pitfalls.iter().find(|p| &p.id == id));
                    Some(FlagView {
                        name: pitfall.map_or(id.clone(), |p| lang.pick(&p.name).to_string()),
                        why: pitfall.map_or(String::new(), |p| lang.pick(&p.why).to_string()),
                    })
                }
                Announcement::WrongInformation { correct } => Some(FlagView {
                    name: s.wrong_information.to_string(),
                    why: format!("{} {correct}", s.correct_fact),
                }),
                _ => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    // Why the previous answer worked or not, from the scenario's own `explain`.
    let feedback = if tell {
        play.session.turns().last().and_then(|turn| {
            let node = scenario.nodes.get(&turn.node)?;
            let explains: Vec<&str> = match &node.select {
                Some(select) => turn
                    .chosen
                    .iter()
                    .filter_map(|&i| select.items.get(i).map(|it| it.explain.as_str()))
                    .collect(),
                None => turn
                    .chosen
                    .iter()
                    .filter_map(|&i| node.options.get(i).map(|c| &*c.explain))
                    .collect(),
            };
            (!explains.is_empty()).then(|| explains.join(" "))
        })
    } else {
        None
    };
    let says = match (&prompt, &ending) {
        (Some(p), _) => p.line.to_string(),
        (None, Some(e)) => e.says.clone().unwrap_or_default(),
        (None, None) => String::new(),
    };
    let flared = prompt.as_ref().is_some_and(|p| p.flared);
    let steps = match model {
        Some(m) if settings.step_indicator && mode != Mode::Exam => Some((
            m.steps
                .iter()
                .map(|st| lang.pick(&st.name).to_string())
                .collect(),
            if flared {
                // Back to the first step, as the model asks when emotion returns.
                Some(play.session.scorer().return_step())
            } else {
                play.session.current_step()
            },
        )),
        _ => None,
    };
    let voice = prompt
        .as_ref()
        .and_then(|p| scenario.nodes.get(p.node))
        .map_or(&Voice::Complainant, |n| &n.voice);
    let speaker = match voice {
        Voice::Complainant => Some(scenario.complainant.name.clone()),
        Voice::Other(name) => Some(name.clone()),
        Voice::Narrator => None,
    };
    let turn = play.turn_count() + 1;
    let talk_turn = matches!(
        prompt.as_ref().map(|p| &p.kind),
        Some(PromptKind::Options(_))
    );
    let given = current
        .own_words
        .iter()
        .find(|w| w.turn == turn && !w.text.is_empty());
    let ask_own_words = talk_turn
        && mode == Mode::Practice
        && current.say_first
        && given.is_none()
        && !current.own_words_skipped.contains(&turn);
    // The self-check asks about the core points of the step the conversation is in.
    let own_words = given.map(|w| {
        let step = play.session.current_step().unwrap_or(0);
        let questions = model
            .and_then(|m| m.steps.get(step))
            .map(|st| {
                st.points
                    .iter()
                    .filter(|p| p.core != crate::rubric::model::CoreWhen::No)
                    .map(|p| {
                        (
                            p.id.clone(),
                            lang.pick(&p.name).to_string(),
                            w.checked.contains(&p.id),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        (w.text.clone(), questions)
    });
    let at = match (&prompt, play.ending()) {
        (Some(p), _) => Some(p.node),
        (None, Some(ending)) => Some(ending),
        (None, None) => None,
    };
    let question = at
        .and_then(|node| scenario.question_at(node))
        .map(|q| (q.ask.clone(), q.listen_for.clone()));
    Some(ConversationView {
        // Filled in by the caller, who knows whether a classroom "what if" is playing.
        what_if: None,
        question,
        ask_own_words,
        write_on_paper: talk_turn && mode == Mode::Classroom && current.say_first,
        own_words,
        strings: s,
        title: scenario.title.clone(),
        name: scenario.complainant.name.clone(),
        speaker,
        flared,
        turn,
        says,
        thought: prompt
            .as_ref()
            .and_then(|p| p.thought.map(str::to_string))
            .filter(|_| coaching),
        hint: prompt
            .as_ref()
            .and_then(|p| p.hint.map(str::to_string))
            .filter(|_| coaching),
        prompt: answers,
        mood: play.mood(),
        appearance: scenario.complainant.appearance,
        temperament: scenario.complainant.temperament,
        steps,
        coaching,
        feedback,
        flags,
        ending,
        paused: current.paused,
    })
}

/// The conversation screen for a trainee alone (practice or exam).
pub fn conversation_screen(
    ui: &mut egui::Ui,
    view: &ConversationView,
) -> Option<ConversationAction> {
    let s = view.strings;
    let mut action = None;
    if view.paused {
        widgets::page(ui, |ui| {
            ui.add_space(120.0);
            ui.vertical_centered(|ui| {
                ui.heading(RichText::new(s.paused).size(36.0));
                ui.add_space(24.0);
                let resume = ui.button(RichText::new(s.resume).size(24.0));
                if resume.clicked()
                    || widgets::pressed(ui, egui::Key::Escape)
                    || (ui.memory(|m| m.focused().is_none())
                        && widgets::pressed(ui, egui::Key::Enter))
                {
                    action = Some(ConversationAction::Resume);
                }
                ui.label(RichText::new(s.pause_keys).weak());
                ui.add_space(12.0);
                if ui
                    .button(RichText::new(s.quit_to_library).size(20.0))
                    .clicked()
                {
                    action = Some(ConversationAction::Quit);
                }
            });
        });
        return action;
    }
    // Header: title, turn, pause and quit.
    egui::Panel::top("conv_header")
        .frame(
            egui::Frame::side_top_panel(ui.style()).inner_margin(egui::Margin::symmetric(20, 10)),
        )
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(&view.title).size(22.0).strong());
                ui.label(RichText::new(format!("· {} {}", s.turn, view.turn)).weak());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(s.quit).clicked() {
                        action = Some(ConversationAction::Quit);
                    }
                    if ui.button(format!("⏸ {}", s.pause)).clicked() {
                        action = Some(ConversationAction::Pause);
                    }
                });
            });
            if let Some((steps, at)) = &view.steps {
                ui.add_space(4.0);
                step_indicator(ui, steps, *at, 16.0);
            }
        });
    if widgets::pressed(ui, egui::Key::Escape) {
        action = Some(ConversationAction::Pause);
    }
    let avatar_w = (ui.available_width() * 0.32).clamp(240.0, 520.0);
    egui::Panel::left("conv_avatar")
        .exact_size(avatar_w)
        .resizable(false)
        .frame(egui::Frame::new().inner_margin(egui::Margin::same(20)))
        .show(ui, |ui| {
            ui.vertical_centered(|ui| {
                let size = (ui.available_width()).min(ui.available_height() * 0.7);
                complainant(ui, view, size);
                ui.label(RichText::new(&view.name).size(22.0).strong());
                mood_meters(ui, s, view.mood);
            });
        });
    egui::CentralPanel::default()
        .frame(egui::Frame::new().inner_margin(egui::Margin::same(24)))
        .show(ui, |ui| {
            // What the last answer fell into stays in view all turn, above the scrolling.
            for flag in &view.flags {
                pitfall_banner(ui, s, flag);
                ui.add_space(8.0);
            }
            // A scroll area per turn: each new turn starts at the top, with the
            // complainant's line in view.
            egui::ScrollArea::vertical()
                .id_salt(("conversation", view.turn))
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    // In the order it happened: a word on the last answer, then the
                    // complainant's reaction right above the answers to it. Scrolling down
                    // to the answers goes no further than the top of that reaction.
                    if let Some(feedback) = &view.feedback {
                        ui.label(
                            RichText::new(format!("{} {feedback}", s.about_your_answer)).size(16.0),
                        );
                        ui.add_space(12.0);
                    }
                    let top = ui.cursor().top();
                    if view.flared {
                        flare_banner(ui, s, 1.0);
                        ui.add_space(8.0);
                    }
                    speech(ui, view.speaker.as_deref(), &view.says, 22.0);
                    if let Some(thought) = &view.thought {
                        ui.add_space(6.0);
                        ui.label(
                            RichText::new(format!("💭 {thought}"))
                                .italics()
                                .size(17.0)
                                .weak(),
                        );
                    }
                    ui.add_space(16.0);
                    if let Some(ending) = &view.ending {
                        ending_ui(ui, s, ending, 1.0);
                        ui.add_space(16.0);
                        let b = ui.add(egui::Button::new(
                            RichText::new(format!("{} →", s.to_debrief))
                                .size(22.0)
                                .strong(),
                        ));
                        if b.clicked() || widgets::pressed(ui, egui::Key::Enter) {
                            action = Some(ConversationAction::ToDebrief);
                        }
                        if !b.has_focus() && ui.memory(|m| m.focused().is_none()) {
                            b.request_focus();
                        }
                        return;
                    }
                    // The coach's tip waits until asked for (H, ? or a click): thinking
                    // first is the exercise. While the trainee types, its button sits in
                    // the row under the field, to keep the field in view on a small screen.
                    let hint_id = egui::Id::new(("hint_shown", view.turn));
                    let mut hint_shown = ui.data(|d| d.get_temp::<bool>(hint_id)).unwrap_or(false);
                    let offer_hint = view.hint.is_some() && !hint_shown;
                    if offer_hint
                        && !view.ask_own_words
                        && (widgets::pressed(ui, egui::Key::H)
                            || widgets::pressed(ui, egui::Key::Questionmark)
                            || ui.button(format!("💡 {}", s.show_hint)).clicked())
                    {
                        hint_shown = true;
                        ui.data_mut(|d| d.insert_temp(hint_id, true));
                    }
                    if let Some(hint) = view.hint.as_ref().filter(|_| hint_shown) {
                        egui::Frame::new()
                            .fill(ui.visuals().faint_bg_color)
                            .corner_radius(8.0)
                            .inner_margin(egui::Margin::same(10))
                            .show(ui, |ui| {
                                ui.label(
                                    RichText::new(format!("💡 {}: {hint}", s.coach)).size(16.0),
                                );
                            });
                        ui.add_space(10.0);
                    }
                    if view.ask_own_words {
                        let hint = offer_hint.then_some(hint_id);
                        if let Some(a) = own_words_ui(ui, s, view.turn, top, hint) {
                            action = Some(a);
                        }
                    } else {
                        if let Some((text, questions)) = &view.own_words
                            && let Some(a) = self_check_ui(ui, s, text, questions)
                        {
                            action = Some(a);
                        }
                        if let Some(a) = answer_ui(ui, s, &view.prompt, view.turn, 19.0) {
                            action = Some(a);
                        }
                        // When the answers appear: as many in view as the complainant's
                        // line (kept in view) allows.
                        let mut turn_to_here = ui.min_rect();
                        turn_to_here.min.y = top;
                        turn_to_here.max.y = ui.cursor().top();
                        let answers = egui::Id::new(("answers_revealed", view.turn));
                        widgets::reveal_once(ui, answers, turn_to_here);
                    }
                    widgets::keyboard_scroll(ui);
                    widgets::reveal_focus(ui);
                });
        });
    action
}

/// "Say it yourself first": a field for the trainee's own words; Enter (or the button)
/// shows the answers, Shift+Enter starts a new line. When the field takes the focus, the
/// view scrolls down to it and its buttons, but never past `top` (the complainant's line).
/// With `hint`, a button beside them sets that flag to show the coach's tip.
fn own_words_ui(
    ui: &mut egui::Ui,
    s: &Strings,
    turn: usize,
    top: f32,
    hint: Option<egui::Id>,
) -> Option<ConversationAction> {
    let id = egui::Id::new(("own_words", turn));
    let mut text: String = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    let mut action = None;
    let prompt = ui.label(RichText::new(s.own_words_prompt).strong().size(20.0));
    // Enter in the field is taken before the field sees it, so it submits instead of
    // breaking the line; on the buttons (Tab), Enter is theirs.
    let field = egui::Id::new(("own_words_field", turn));
    let enter = ui.memory(|m| m.has_focus(field))
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter));
    let edit = ui.add(
        egui::TextEdit::multiline(&mut text)
            .id(field)
            .desired_rows(2)
            .char_limit(600)
            .font(egui::TextStyle::Body)
            .desired_width(ui.available_width()),
    );
    if ui.memory(|m| m.focused().is_none()) {
        edit.request_focus();
    }
    super::marks::mark(ui, "own_words", edit.rect);
    ui.horizontal(|ui| {
        let show = ui.add_enabled(
            !text.trim().is_empty(),
            egui::Button::new(RichText::new(s.own_words_show).strong()),
        );
        if show.clicked() || (enter && !text.trim().is_empty()) {
            action = Some(ConversationAction::OwnWords(text.clone()));
        }
        if ui.button(s.skip).clicked() {
            action = Some(ConversationAction::OwnWords(String::new()));
        }
        if let Some(hint) = hint
            && ui
                .button(format!("💡 {}", s.show_hint_while_typing))
                .clicked()
        {
            ui.data_mut(|d| d.insert_temp(hint, true));
        }
    });
    let note = ui.label(RichText::new(s.own_words_not_scored).weak());
    // The question, the field and its Enter button in view, as far as the complainant's
    // line above them allows: egui scrolls no further than keeps the top of this in view.
    let mut turn_to_here = prompt.rect.union(note.rect);
    turn_to_here.min.y = top;
    widgets::reveal_focus_with(ui, edit.id, turn_to_here);
    ui.data_mut(|d| d.insert_temp(id, text));
    action
}

/// The own words given at this turn, and the self-check about them.
fn self_check_ui(
    ui: &mut egui::Ui,
    s: &Strings,
    text: &str,
    questions: &[SelfCheck],
) -> Option<ConversationAction> {
    let mut action = None;
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .corner_radius(8.0)
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(format!("{} “{text}”", s.own_words_label)).size(17.0));
            if !questions.is_empty() {
                ui.label(RichText::new(s.own_words_check).weak());
                ui.horizontal_wrapped(|ui| {
                    for (point, name, ticked) in questions {
                        let mut on = *ticked;
                        if ui.checkbox(&mut on, name).changed() {
                            action = Some(ConversationAction::SelfCheck(point.clone(), on));
                        }
                    }
                });
            }
        });
    ui.add_space(8.0);
    action
}

/// The werkmodel steps as a row of chips, the current one filled.
pub fn step_indicator(ui: &mut egui::Ui, steps: &[String], at: Option<usize>, size: f32) {
    ui.horizontal_wrapped(|ui| {
        for (i, name) in steps.iter().enumerate() {
            let current = at == Some(i);
            let (fill, text) = if current {
                (
                    ui.visuals().selection.bg_fill,
                    ui.visuals().selection.stroke.color,
                )
            } else {
                (
                    ui.visuals().widgets.inactive.bg_fill,
                    ui.visuals().weak_text_color(),
                )
            };
            egui::Frame::new()
                .fill(fill)
                .corner_radius(14.0)
                .inner_margin(egui::Margin::symmetric(12, 4))
                .show(ui, |ui| {
                    let label = RichText::new(format!("{} {name}", i + 1))
                        .size(size)
                        .color(text);
                    // A chip moves to the next row whole rather than breaking its name.
                    let label = if current { label.strong() } else { label };
                    ui.add(egui::Label::new(label).wrap_mode(egui::TextWrapMode::Extend));
                });
            if i + 1 < steps.len() {
                ui.label(RichText::new("›").size(size).weak());
            }
        }
    });
}

fn mood_meters(ui: &mut egui::Ui, s: &Strings, mood: Mood) {
    for (label, value, color) in [
        (s.anger, mood.anger, Color32::from_rgb(0xc0, 0x39, 0x2b)),
        (s.trust, mood.trust, Color32::from_rgb(0x2e, 0x8b, 0x57)),
    ] {
        let target = f32::from(value.min(100)) / 100.0;
        let shown = ui.ctx().animate_value_with_time(
            ui.id().with(label),
            target,
            avatar::TRANSITION_SECONDS as f32,
        );
        ui.horizontal(|ui| {
            ui.add_sized([70.0, 20.0], egui::Label::new(label));
            let bar = ui.add(
                egui::ProgressBar::new(shown)
                    .fill(color)
                    .desired_width(ui.available_width() - 8.0),
            );
            // The track's outline: without it a dark theme shows only the filled part.
            ui.painter().rect_stroke(
                bar.rect,
                bar.rect.height() / 2.0,
                ui.visuals().widgets.noninteractive.bg_stroke,
                egui::StrokeKind::Inside,
            );
        });
    }
}

/// The complainant's line as a speech bubble.
/// A spoken line in a speech frame with the speaker's name; narration (`speaker` is
/// `None`) in italics without quotes, since nobody says it.
pub fn speech(ui: &mut egui::Ui, speaker: Option<&str>, line: &str, size: f32) {
    let Some(name) = speaker else {
        let said = ui.label(RichText::new(line).italics().size(size * 0.9));
        super::marks::mark(ui, "says", said.rect);
        return;
    };
    let said = egui::Frame::new()
        .fill(ui.visuals().extreme_bg_color)
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(16.0)
        .inner_margin(egui::Margin::same(20))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(name).strong().size(size * 0.75).weak());
            ui.label(RichText::new(format!("“{line}”")).size(size));
        });
    super::marks::mark(ui, "says", said.response.rect);
}

/// The flare-up, in words: what happened and what the model asks now.
pub fn flare_banner(ui: &mut egui::Ui, s: &Strings, scale: f32) {
    let title = format!("! {}", s.flare_up);
    warning_banner(ui, &title, s.flare_up_hint, 20.0 * scale, 16.0 * scale);
}

/// A framed warning in the pitfall colour: a title and, below it, a plain line.
fn warning_banner(ui: &mut egui::Ui, title: &str, body: &str, title_size: f32, body_size: f32) {
    egui::Frame::new()
        .fill(widgets::PITFALL.linear_multiply(0.15))
        .stroke(egui::Stroke::new(2.0, widgets::PITFALL))
        .corner_radius(8.0)
        .inner_margin(egui::Margin::same(12))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(title)
                    .strong()
                    .size(title_size)
                    .color(widgets::PITFALL),
            );
            if !body.is_empty() {
                ui.label(RichText::new(body).size(body_size));
            }
        });
}

/// The complainant in their look and mood, in a square of `size`, ringed while the
/// emotion flares up (the conversation screen and the classroom projection).
pub fn complainant(ui: &mut egui::Ui, view: &ConversationView, size: f32) {
    let drawn = avatar::avatar(
        ui,
        egui::Id::new("complainant"),
        &view.appearance,
        view.temperament,
        view.mood,
        size,
    );
    if view.flared {
        flare_ring(ui, drawn.rect);
    }
}

/// A ring around the avatar while the emotion flares up: the room sees it before the text.
fn flare_ring(ui: &egui::Ui, rect: egui::Rect) {
    ui.painter().circle_stroke(
        rect.center(),
        rect.width().min(rect.height()) * 0.5 - 3.0,
        egui::Stroke::new(6.0, widgets::PITFALL),
    );
}

fn pitfall_banner(ui: &mut egui::Ui, s: &Strings, flag: &FlagView) {
    let title = format!("⚠ {}: {}", s.pitfall, flag.name);
    let body_size = ui.style().text_styles[&egui::TextStyle::Body].size;
    warning_banner(ui, &title, &flag.why, 18.0, body_size);
}

/// How the conversation ended.
pub fn ending_ui(ui: &mut egui::Ui, s: &Strings, ending: &EndingView, scale: f32) {
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::same(16))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(s.conversation_over).weak().size(16.0 * scale));
            ui.label(RichText::new(&ending.title).strong().size(24.0 * scale));
            ui.label(RichText::new(&ending.narrative).size(18.0 * scale));
        });
}

/// Keeps keyboard focus and the highlight on the same answer: after an arrow key the
/// highlighted answer takes the focus (and is scrolled into view); otherwise focus that
/// arrived by Tab moves the highlight.
fn follow_highlight(r: &egui::Response, i: usize, moved: bool, highlight: &mut usize) {
    if moved {
        if i == *highlight {
            r.request_focus();
            r.scroll_to_me(None);
        }
    } else if r.has_focus() {
        *highlight = i;
    }
}

/// Keyboard-driven option list. One highlighted answer, moved with ↑/↓ (stopping at the
/// ends); 1–9 picks at once (or toggles an item on a multi-select turn); Enter takes the
/// highlighted answer, and a click takes the one clicked.
pub fn answer_ui(
    ui: &mut egui::Ui,
    s: &Strings,
    prompt: &PromptView,
    turn: usize,
    size: f32,
) -> Option<ConversationAction> {
    let id = egui::Id::new(("answer", turn));
    let count = match prompt {
        PromptView::Options(o) => o.len(),
        PromptView::Select { items, .. } => items.len(),
    };
    if count == 0 {
        return None;
    }
    let mut highlight: usize = ui.data(|d| d.get_temp(id)).unwrap_or(0).min(count - 1);
    let mut chosen: Vec<bool> = ui
        .data(|d| d.get_temp(id.with("sel")))
        .unwrap_or_else(|| vec![false; count]);
    chosen.resize(count, false);
    // ↑/↓ move the highlight by one in display order and stop at the ends. The arrows
    // are ours here: egui's own arrow navigation, which walks widgets by position, is
    // cancelled for this pass, or both would move and Enter would take another answer.
    // Every press counts, also several within one (slow) frame.
    let presses = |key| {
        if ui.ctx().text_edit_focused() {
            0
        } else {
            ui.input(|i| i.num_presses(key))
        }
    };
    let (down, up) = (presses(egui::Key::ArrowDown), presses(egui::Key::ArrowUp));
    let moved = down + up > 0;
    highlight = (highlight + down).min(count - 1).saturating_sub(up);
    if moved {
        ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
    let mut action = None;
    let mut rects = Vec::with_capacity(count);
    let number = widgets::number_pressed(ui).filter(|&n| n <= count);
    match prompt {
        PromptView::Options(options) => {
            if let Some(n) = number {
                action = Some(ConversationAction::Answer(Answer::Pick(n)));
            }
            for (i, option) in options.iter().enumerate() {
                let text = RichText::new(format!("{}.  {}", i + 1, option.text)).size(size);
                let button = egui::Button::new(text)
                    .wrap()
                    .min_size(egui::vec2(ui.available_width(), size * 2.2))
                    .selected(i == highlight);
                let r = ui.add(button);
                rects.push(r.rect);
                follow_highlight(&r, i, moved, &mut highlight);
                if r.clicked() {
                    action = Some(ConversationAction::Answer(Answer::Pick(i + 1)));
                }
                ui.add_space(6.0);
            }
            if action.is_none()
                && ui.memory(|m| m.focused().is_none())
                && widgets::pressed(ui, egui::Key::Enter)
            {
                action = Some(ConversationAction::Answer(Answer::Pick(highlight + 1)));
            }
        }
        PromptView::Select { prompt, items } => {
            ui.label(RichText::new(prompt).strong().size(size));
            ui.label(RichText::new(s.select_help).weak());
            if let Some(n) = number {
                chosen[n - 1] = !chosen[n - 1];
            }
            for (i, item) in items.iter().enumerate() {
                let mut on = chosen[i];
                let r = ui.checkbox(
                    &mut on,
                    RichText::new(format!("{}.  {item}", i + 1)).size(size),
                );
                rects.push(r.rect);
                follow_highlight(&r, i, moved, &mut highlight);
                chosen[i] = on;
                ui.add_space(4.0);
            }
            ui.add_space(8.0);
            let picked: Vec<usize> = (0..count).filter(|&i| chosen[i]).map(|i| i + 1).collect();
            let submit = ui.add_enabled(
                !picked.is_empty(),
                egui::Button::new(RichText::new(s.submit).size(size).strong()),
            );
            let enter =
                ui.memory(|m| m.focused().is_none()) && widgets::pressed(ui, egui::Key::Enter);
            if !picked.is_empty() && (submit.clicked() || enter) {
                action = Some(ConversationAction::Answer(Answer::Select(picked)));
            }
        }
    }
    super::marks::mark_answers(ui, rects, highlight);
    ui.data_mut(|d| {
        d.insert_temp(id, highlight);
        d.insert_temp(id.with("sel"), chosen);
    });
    action
}
