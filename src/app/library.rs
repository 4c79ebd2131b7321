//! The library: a card per scenario with filters; files that failed to load stay in the
//! list with their diagnostics. A little over 500 lines: the view model and the drawing
//! of the one screen stay together.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::RichText;

use super::catalog::{Catalog, DiagnosticView};
use super::conversation::ActiveSession;
use super::i18n::{Strings, UiLanguage};
use super::settings::Settings;
use super::state::{AppSystems, Navigate, PassSystems, PlayMode, Screen};
use super::widgets;
use crate::records::{Mode, Record};
use crate::scenario::diagnostic::Severity;
use crate::scenario::model::{Complainant, Language, ModelId};

mod card;
use card::card_ui;

/// One scenario card.
#[derive(Debug, Clone, PartialEq)]
pub struct CardView {
    pub id: String,
    pub title: String,
    pub organisation: String,
    pub summary: String,
    pub difficulty: u8,
    pub minutes: u8,
    pub model: ModelId,
    pub language: Language,
    pub source: String,
    pub warnings: usize,
    /// The complainant, for the card's portrait (look, temperament, starting mood).
    pub complainant: Complainant,
}

/// A file that did not load.
#[derive(Debug, Clone, PartialEq)]
pub struct BrokenView {
    pub source: String,
    pub diagnostics: Vec<DiagnosticView>,
}

/// Everything the library screen shows.
#[derive(Debug, Clone)]
pub struct LibraryView {
    pub strings: &'static Strings,
    /// The UI language, for the findings of broken files.
    pub lang: Language,
    pub cards: Vec<CardView>,
    pub broken: Vec<BrokenView>,
    /// An interrupted session that can be resumed (from this run of the app, or found in
    /// the records after a restart): scenario title and turns played.
    pub resume: Option<(String, usize)>,
    pub rubric_error: Option<String>,
    /// What to practise next, from the trainee's records.
    pub recommendation: Option<super::progress::RecommendationView>,
}

/// The library's filters; kept between visits.
#[derive(Resource, Debug, Clone, PartialEq, Default)]
pub struct LibraryFilter {
    pub text: String,
    pub language: Option<Language>,
    pub model: Option<ModelId>,
    /// Only scenarios up to this difficulty (0 = all).
    pub max_difficulty: u8,
}

impl LibraryFilter {
    pub fn matches(&self, card: &CardView) -> bool {
        let text = self.text.trim().to_lowercase();
        (text.is_empty()
            || [&card.title, &card.organisation, &card.summary, &card.id]
                .iter()
                .any(|f| f.to_lowercase().contains(&text)))
            && self.language.is_none_or(|l| l == card.language)
            && self.model.is_none_or(|m| m == card.model)
            && (self.max_difficulty == 0 || card.difficulty <= self.max_difficulty)
    }
}

/// What the trainee did on the library screen.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub enum LibraryAction {
    /// Open the briefing of this scenario.
    Open(String),
    /// Continue the interrupted session.
    Resume,
    /// Leave the interrupted session and open its scenario's briefing.
    StartOver,
}

/// A session left unfinished in an earlier run of the app, looked up in the records once,
/// when the library first shows. It is offered until the trainee opens a scenario.
#[derive(Resource, Debug, Default)]
pub struct Interrupted {
    looked: bool,
    found: Option<(std::path::PathBuf, Record)>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LibraryFilter>()
        .init_resource::<Interrupted>()
        .add_message::<LibraryAction>()
        .add_systems(
            Update,
            find_interrupted
                .in_set(AppSystems::Input)
                .run_if(in_state(Screen::Library)),
        )
        .add_systems(Update, practise.in_set(AppSystems::Input))
        .add_systems(Update, apply.in_set(AppSystems::Apply))
        .add_systems(
            EguiPrimaryContextPass,
            ui.run_if(in_state(Screen::Library))
                .in_set(PassSystems::Screen),
        );
}

/// The session to offer for resuming, once the records have been read in the background
/// ([`super::progress`] reads them once for everything).
fn find_interrupted(
    progress: Res<super::progress::ProgressState>,
    persist: Res<super::settings::Persist>,
    mut interrupted: ResMut<Interrupted>,
) {
    if interrupted.looked || !persist.0 {
        return;
    }
    if let Some(loaded) = progress.loaded.as_ref().filter(|_| !progress.loading()) {
        interrupted.looked = true;
        interrupted.found = loaded.interrupted.clone();
    }
}

/// Builds the view from the catalog.
pub fn view(
    catalog: &Catalog,
    settings: &Settings,
    current: &ActiveSession,
    interrupted: &Interrupted,
) -> LibraryView {
    let mut cards: Vec<CardView> = catalog
        .entries
        .iter()
        .map(|e| CardView {
            id: e.scenario.id.clone(),
            title: e.scenario.title.clone(),
            organisation: e.scenario.organisation.clone(),
            summary: e.scenario.summary.clone(),
            difficulty: e.scenario.difficulty,
            minutes: e.scenario.minutes,
            model: e.scenario.model,
            language: e.scenario.language,
            source: e.source.display(),
            complainant: e.scenario.complainant.clone(),
            // Notes (such as "the analysis stopped early") are no cause for concern.
            warnings: e
                .warnings
                .iter()
                .filter(|w| w.severity == Severity::Warning)
                .count(),
        })
        .collect();
    // Scenarios in the interface's language first (a stable sort keeps the file order).
    let own = settings.language;
    cards.sort_by_key(|c| c.language != own);
    LibraryView {
        strings: settings.strings(),
        lang: settings.language,
        cards,
        broken: catalog
            .broken
            .iter()
            .map(|b| BrokenView {
                source: b.source.display(),
                diagnostics: b.diagnostics.clone(),
            })
            .collect(),
        resume: match (current.resumable(), &interrupted.found) {
            (Some(play), _) => Some((play.scenario.title.clone(), play.turn_count())),
            (None, Some((_, record))) => catalog
                .find(&record.scenario)
                .map(|e| (e.scenario.title.clone(), record.turns())),
            (None, None) => None,
        },
        rubric_error: catalog.rubric_error.clone(),
        recommendation: None,
    }
}

#[allow(clippy::too_many_arguments, reason = "a Bevy system's parameters")]
fn ui(
    mut contexts: EguiContexts,
    catalog: Res<Catalog>,
    settings: Res<Settings>,
    current: Res<ActiveSession>,
    interrupted: Res<Interrupted>,
    progress: Res<super::progress::ProgressState>,
    mut filter: ResMut<LibraryFilter>,
    mut nav: MessageWriter<Navigate>,
    mut actions: MessageWriter<LibraryAction>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = widgets::root_ui(ctx);
    if let Some(to) = widgets::top_bar(&mut root, settings.strings(), Screen::Library) {
        nav.write(to);
    }
    let mut view = view(&catalog, &settings, &current, &interrupted);
    view.recommendation = progress
        .loaded
        .as_ref()
        .and_then(|l| l.recommendation.as_ref())
        .map(|r| super::progress::recommendation_view(settings.strings(), r));
    widgets::central(&mut root, |ui| {
        if let Some(action) = library_screen(ui, &view, filter.as_mut()) {
            actions.write(action);
        }
    });
    Ok(())
}

/// "Practise this" on the progress screen opens the scenario as the library does.
fn practise(
    mut reader: MessageReader<super::progress::ProgressAction>,
    mut library: MessageWriter<LibraryAction>,
) {
    for super::progress::ProgressAction::Practise(id) in reader.read() {
        library.write(LibraryAction::Open(id.clone()));
    }
}

fn apply(
    mut reader: MessageReader<LibraryAction>,
    catalog: Res<Catalog>,
    mut current: ResMut<ActiveSession>,
    mut interrupted: ResMut<Interrupted>,
    mut mode: ResMut<PlayMode>,
    mut next: ResMut<NextState<Screen>>,
) {
    for action in reader.read() {
        match action {
            LibraryAction::Open(id) => {
                if let Some(entry) = catalog.find(id) {
                    current.choose(entry.clone());
                    // A new scenario starts in practice: nothing of a classroom run leaks in.
                    **mode = Mode::Practice;
                    interrupted.found = None;
                    next.set(Screen::Briefing);
                }
            }
            LibraryAction::Resume => {
                if current.resumable().is_some() {
                    next.set(Screen::Conversation);
                    continue;
                }
                let Some((path, record)) = interrupted.found.take() else {
                    continue;
                };
                let Some(entry) = catalog.find(&record.scenario).cloned() else {
                    continue;
                };
                let record_mode = record.mode;
                match current.resume(entry, path.clone(), record, &catalog.rubric) {
                    Ok(()) => {
                        **mode = record_mode;
                        next.set(Screen::Conversation);
                    }
                    Err(err) => warn!("cannot resume {}: {err}", path.display()),
                }
            }
            LibraryAction::StartOver => {
                let id = match (current.resumable(), &interrupted.found) {
                    (Some(play), _) => Some(play.scenario.id.clone()),
                    (None, Some((_, record))) => Some(record.scenario.clone()),
                    (None, None) => None,
                };
                interrupted.found = None;
                if let Some(entry) = id.and_then(|id| catalog.find(&id)) {
                    current.choose(entry.clone());
                    next.set(Screen::Briefing);
                }
            }
        }
    }
}

/// The library screen.
pub fn library_screen(
    ui: &mut egui::Ui,
    view: &LibraryView,
    filter: &mut LibraryFilter,
) -> Option<LibraryAction> {
    let s = view.strings;
    let mut action = None;
    widgets::page(ui, |ui| {
        ui.heading(RichText::new(s.library_title).size(30.0));
        ui.label(s.library_intro);
        ui.add_space(12.0);
        if let Some(err) = &view.rubric_error {
            ui.colored_label(widgets::PITFALL, format!("{}: {err}", s.rubric_error));
        }
        if let Some((title, turns)) = &view.resume {
            egui::Frame::group(ui.style())
                .inner_margin(12)
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            RichText::new(format!(
                                "{} «{title}» ({}): {}",
                                s.resume_prompt,
                                s.turn_count(*turns),
                                s.resume_or_start_over
                            ))
                            .size(19.0),
                        );
                        let resume = ui.button(RichText::new(format!("{} →", s.resume)).strong());
                        super::marks::mark(ui, "resume", resume.rect);
                        // Enter continues: the offer is what a returning trainee looks for.
                        if ui.memory(|m| m.focused().is_none()) {
                            resume.request_focus();
                        }
                        if resume.clicked() {
                            action = Some(LibraryAction::Resume);
                        }
                        if ui.button(s.start_over).clicked() {
                            action = Some(LibraryAction::StartOver);
                        }
                    });
                });
            ui.add_space(8.0);
        }
        if let Some(r) = &view.recommendation
            && super::progress::recommendation_card(ui, s, r)
        {
            action = Some(LibraryAction::Open(r.scenario.clone()));
        }
        ui.add_space(8.0);
        filters(ui, s, filter);
        ui.add_space(12.0);
        let cards: Vec<&CardView> = view.cards.iter().filter(|c| filter.matches(c)).collect();
        if cards.is_empty() {
            ui.label(RichText::new(s.no_scenarios).italics());
        }
        // Two columns only where two cards fit side by side with room to spare.
        let columns = if ui.available_width() > 1100.0 { 2 } else { 1 };
        for row in cards.chunks(columns) {
            ui.columns(columns, |cols| {
                for (col, card) in cols.iter_mut().zip(row) {
                    if card_ui(col, s, card) {
                        action = Some(LibraryAction::Open(card.id.clone()));
                    }
                }
            });
            ui.add_space(12.0);
        }
        if !view.broken.is_empty() {
            ui.add_space(12.0);
            widgets::section(ui, s.broken_files, |ui| {
                for broken in &view.broken {
                    broken_ui(ui, broken, view.lang);
                }
            });
        }
    });
    action
}

fn filters(ui: &mut egui::Ui, s: &Strings, filter: &mut LibraryFilter) {
    ui.horizontal_wrapped(|ui| {
        ui.label(s.search);
        ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .hint_text(s.search_hint)
                .desired_width(260.0),
        );
    });
    // The filters on a row of their own: a combo box does not wrap inside a row.
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_id_salt("language")
            .selected_text(match filter.language {
                None => s.all_languages,
                Some(Language::Nl) => "Nederlands",
                Some(Language::En) => "English",
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.language, None, s.all_languages);
                ui.selectable_value(&mut filter.language, Some(Language::Nl), "Nederlands");
                ui.selectable_value(&mut filter.language, Some(Language::En), "English");
            });
        egui::ComboBox::from_id_salt("model")
            .selected_text(match filter.model {
                None => s.all_models,
                Some(m) => model_name(s, m),
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.model, None, s.all_models);
                for m in [ModelId::Klachtengesprek, ModelId::Begrenzen] {
                    ui.selectable_value(&mut filter.model, Some(m), model_name(s, m));
                }
            });
        egui::ComboBox::from_id_salt("difficulty")
            .selected_text(if filter.max_difficulty == 0 {
                s.all_difficulties.to_string()
            } else {
                format!("{} ≤ {}", s.difficulty, filter.max_difficulty)
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.max_difficulty, 0, s.all_difficulties);
                for d in 1..=5 {
                    ui.selectable_value(
                        &mut filter.max_difficulty,
                        d,
                        format!("{} ≤ {d}", s.difficulty),
                    );
                }
            });
    });
}

/// The name of a conversation model.
pub fn model_name(s: &Strings, model: ModelId) -> &'static str {
    match model {
        ModelId::Klachtengesprek => s.model_klachtengesprek,
        ModelId::Begrenzen => s.model_begrenzen,
    }
}

/// A broken file with every diagnostic: where, what, and what to do.
pub fn broken_ui(ui: &mut egui::Ui, broken: &BrokenView, lang: Language) {
    ui.label(RichText::new(&broken.source).strong().monospace());
    for d in &broken.diagnostics {
        diagnostic_ui(ui, d, lang);
    }
    ui.add_space(8.0);
}

/// One diagnostic, `file:line:col: fout[KW…]: message` and its hint, in `lang`.
pub fn diagnostic_ui(ui: &mut egui::Ui, d: &DiagnosticView, lang: Language) {
    let color = if d.is_error() {
        widgets::PITFALL
    } else {
        egui::Color32::from_rgb(0xb3, 0x6b, 0x00)
    };
    let severity = lang.strings().severity(d.severity);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{}:", d.location)).monospace());
        ui.label(
            RichText::new(format!("{severity}[{}]:", d.code))
                .color(color)
                .strong(),
        );
        ui.label(lang.pick(&d.message));
    });
    if let Some(excerpt) = &d.excerpt {
        // Unwrapped, so the caret stays under its column; a long line scrolls sideways.
        egui::ScrollArea::horizontal()
            .id_salt(("excerpt", &d.location, &d.code))
            .show(ui, |ui| {
                ui.add(egui::Label::new(RichText::new(excerpt).monospace()).extend());
            });
    }
    let hint = lang.pick(&d.hint);
    if !hint.is_empty() {
        ui.label(RichText::new(format!("→ {hint}")).italics());
    }
}
