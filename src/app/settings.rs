//! The trainee's settings, persisted as JSON in the data folder next to the records, and
//! the settings screen.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use serde::{Deserialize, Serialize};

use super::i18n::{Strings, UiLanguage};
use super::state::{AppSystems, PassSystems, Screen};
use super::widgets;
use crate::scenario::model::Language;

/// The colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    Light,
    Dark,
    HighContrast,
}

/// Text size as a zoom on top of the display's own scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TextSize {
    Normal,
    #[default]
    Large,
    Larger,
    Largest,
}

impl TextSize {
    pub const ALL: [TextSize; 4] = [
        TextSize::Normal,
        TextSize::Large,
        TextSize::Larger,
        TextSize::Largest,
    ];

    /// egui's zoom factor for this size.
    pub fn zoom(self) -> f32 {
        match self {
            TextSize::Normal => 1.0,
            TextSize::Large => 1.15,
            TextSize::Larger => 1.3,
            TextSize::Largest => 1.5,
        }
    }
}

/// What the trainee chose; saved on every change.
/// When practice mode first asks the trainee's own words, before the options show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SayItFirst {
    /// On the first play of a scenario.
    #[default]
    FirstPlay,
    Always,
    Never,
}

impl SayItFirst {
    pub const ALL: [SayItFirst; 3] = [SayItFirst::FirstPlay, SayItFirst::Always, SayItFirst::Never];

    /// Whether a practice session asks for own words, given whether the scenario was
    /// played before on this computer.
    pub fn asks(self, played_before: bool) -> bool {
        match self {
            SayItFirst::FirstPlay => !played_before,
            SayItFirst::Always => true,
            SayItFirst::Never => false,
        }
    }
}

#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub language: Language,
    pub text_size: TextSize,
    pub theme: Theme,
    /// A name for the records; never required.
    pub pseudonym: String,
    /// Show which werkmodel step the conversation is in.
    pub step_indicator: bool,
    pub say_it_first: SayItFirst,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: Language::Nl,
            text_size: TextSize::Large,
            theme: Theme::Light,
            pseudonym: String::new(),
            step_indicator: true,
            say_it_first: SayItFirst::FirstPlay,
        }
    }
}

impl Settings {
    pub fn strings(&self) -> &'static Strings {
        self.language.strings()
    }
}

/// The data folder: `$KLACHTWIJS_HOME`, else `<data dir>/klachtwijs` (as the records use).
pub fn home_dir() -> Option<PathBuf> {
    match std::env::var_os("KLACHTWIJS_HOME") {
        Some(home) if !home.is_empty() => Some(PathBuf::from(home)),
        _ => dirs::data_dir().map(|d| d.join("klachtwijs")),
    }
}

fn settings_path() -> Option<PathBuf> {
    home_dir().map(|h| h.join("settings.json"))
}

/// Reads the saved settings; anything missing or unreadable falls back to the defaults.
pub fn load() -> Settings {
    settings_path()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Writes the settings atomically. A failure is logged, never fatal.
pub fn save(settings: &Settings) {
    let Some(path) = settings_path() else { return };
    let write = || -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(&path);
        std::fs::create_dir_all(dir)?;
        let text = serde_json::to_string_pretty(settings).map_err(std::io::Error::other)?;
        crate::records::atomic::replace(&path, text.as_bytes())
    };
    if let Err(err) = write() {
        warn!("could not save settings to {}: {err}", path.display());
    }
}

/// A change on the settings screen.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum SettingsAction {
    Language(Language),
    TextSize(TextSize),
    Theme(Theme),
    Pseudonym(String),
    StepIndicator(bool),
    SayItFirst(SayItFirst),
}

/// Loaded settings are skipped in tests so they stay independent of the machine.
#[derive(Resource, Default)]
pub struct Persist(pub bool);

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(Settings::default())
        .init_resource::<Persist>()
        .add_message::<SettingsAction>()
        .add_systems(Update, apply.in_set(AppSystems::Apply))
        .add_systems(
            EguiPrimaryContextPass,
            ui.run_if(in_state(Screen::Settings))
                .in_set(PassSystems::Screen),
        );
}

fn apply(
    mut reader: MessageReader<SettingsAction>,
    mut settings: ResMut<Settings>,
    persist: Res<Persist>,
) {
    let mut changed = false;
    for action in reader.read() {
        changed = true;
        match action.clone() {
            SettingsAction::Language(l) => settings.language = l,
            SettingsAction::TextSize(t) => settings.text_size = t,
            SettingsAction::Theme(t) => settings.theme = t,
            SettingsAction::Pseudonym(p) => settings.pseudonym = p,
            SettingsAction::StepIndicator(b) => settings.step_indicator = b,
            SettingsAction::SayItFirst(w) => settings.say_it_first = w,
        }
    }
    if changed && persist.0 {
        save(&settings);
    }
}

fn ui(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    mut nav: MessageWriter<super::state::Navigate>,
    mut actions: MessageWriter<SettingsAction>,
    mut pseudonym: Local<Option<String>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = widgets::root_ui(ctx);
    if let Some(to) = widgets::top_bar(&mut root, settings.strings(), Screen::Settings) {
        nav.write(to);
    }
    let buf = pseudonym.get_or_insert_with(|| settings.pseudonym.clone());
    widgets::central(&mut root, |ui| {
        if let Some(action) = settings_screen(ui, &settings, buf) {
            actions.write(action);
        }
    });
    Ok(())
}

/// The settings screen: language, text size, theme, pseudonym.
pub fn settings_screen(
    ui: &mut egui::Ui,
    view: &Settings,
    pseudonym: &mut String,
) -> Option<SettingsAction> {
    let s = view.strings();
    let mut action = None;
    widgets::page(ui, |ui| {
        ui.heading(s.settings);
        ui.add_space(12.0);
        egui::Grid::new("settings")
            .num_columns(2)
            .spacing([24.0, 16.0])
            .show(ui, |ui| {
                ui.label(s.language);
                ui.horizontal(|ui| {
                    for (lang, name) in [(Language::Nl, "Nederlands"), (Language::En, "English")] {
                        if ui.selectable_label(view.language == lang, name).clicked() {
                            action = Some(SettingsAction::Language(lang));
                        }
                    }
                });
                ui.end_row();
                ui.label(s.text_size);
                ui.horizontal(|ui| {
                    for (size, name) in TextSize::ALL.into_iter().zip(s.text_sizes) {
                        if ui.selectable_label(view.text_size == size, name).clicked() {
                            action = Some(SettingsAction::TextSize(size));
                        }
                    }
                });
                ui.end_row();
                ui.label(s.theme);
                ui.horizontal(|ui| {
                    for (theme, name) in [Theme::Light, Theme::Dark, Theme::HighContrast]
                        .into_iter()
                        .zip(s.themes)
                    {
                        if ui.selectable_label(view.theme == theme, name).clicked() {
                            action = Some(SettingsAction::Theme(theme));
                        }
                    }
                });
                ui.end_row();
                ui.label(s.pseudonym);
                ui.vertical(|ui| {
                    let edit = ui.add(
                        egui::TextEdit::singleline(pseudonym)
                            .hint_text(s.pseudonym_hint)
                            .desired_width(360.0),
                    );
                    if edit.lost_focus() && *pseudonym != view.pseudonym {
                        action = Some(SettingsAction::Pseudonym(pseudonym.trim().to_string()));
                    }
                    ui.label(egui::RichText::new(s.pseudonym_note).weak());
                });
                ui.end_row();
                ui.label(s.step_indicator);
                let mut on = view.step_indicator;
                if ui.checkbox(&mut on, s.step_indicator_note).changed() {
                    action = Some(SettingsAction::StepIndicator(on));
                }
                ui.end_row();
                ui.label(s.say_it_first);
                ui.vertical(|ui| {
                    ui.horizontal_wrapped(|ui| {
                        for (when, name) in SayItFirst::ALL.into_iter().zip(s.say_it_first_options)
                        {
                            if ui
                                .selectable_label(view.say_it_first == when, name)
                                .clicked()
                            {
                                action = Some(SettingsAction::SayItFirst(when));
                            }
                        }
                    });
                    ui.label(egui::RichText::new(s.say_it_first_note).weak());
                });
                ui.end_row();
            });
        ui.add_space(16.0);
        ui.label(egui::RichText::new(s.privacy_note).weak());
    });
    action
}
