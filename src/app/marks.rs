//! Where things are on screen, for the probe (`probe.rs`): the screens name a widget's
//! rectangle here (`mark`), and the probe collects the names after the frame. A leaf every
//! screen may use; without the probe switched on it does nothing.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use bevy_egui::egui;

/// Whether the probe is on (the environment is read once).
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    cfg!(feature = "dev") && *ON.get_or_init(|| std::env::var_os("KLACHTWIJS_PROBE").is_some())
}

/// Names a widget's rectangle for the probe (no-op when it is off).
pub fn mark(ui: &egui::Ui, name: impl Into<String>, rect: egui::Rect) {
    if enabled() {
        let name = name.into();
        ui.data_mut(|d| {
            d.get_temp_mut_or_default::<Targets>(targets_id())
                .0
                .insert(name, rect);
        });
    }
}

/// The answers as laid out this frame and the highlighted one (written by `answer_ui`).
pub fn mark_answers(ui: &egui::Ui, rects: Vec<egui::Rect>, highlight: usize) {
    if enabled() {
        ui.data_mut(|d| d.insert_temp(answers_id(), (rects, highlight)));
    }
}

#[derive(Clone, Default)]
pub(super) struct Targets(pub BTreeMap<String, egui::Rect>);

pub(super) fn targets_id() -> egui::Id {
    egui::Id::new("probe_targets")
}

pub(super) fn answers_id() -> egui::Id {
    egui::Id::new("probe_answers")
}
