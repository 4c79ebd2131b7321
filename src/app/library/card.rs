//! One library card: the complainant's portrait beside the title and organisation, the
//! summary, chips for difficulty, minutes, model and language, and the open button.

use bevy_egui::egui;
use egui::RichText;

use super::super::avatar;
use super::super::i18n::Strings;
use super::{CardView, model_name};

/// The portrait's side in points: big enough to tell the complainants apart across a room,
/// small enough to leave the title most of a narrow card.
const PORTRAIT_SIZE: f32 = 72.0;

/// Draws one card; true when the trainee opens it.
pub(super) fn card_ui(ui: &mut egui::Ui, s: &Strings, card: &CardView) -> bool {
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::same(16))
        .corner_radius(10.0)
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            // Left-aligned, not the columns' justified layout that stretches word gaps.
            ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                // The complainant's face beside the title: the library shows who is waiting.
                ui.horizontal(|ui| {
                    avatar::portrait(ui, &card.complainant, PORTRAIT_SIZE);
                    ui.vertical(|ui| {
                        ui.label(RichText::new(&card.title).size(22.0).strong());
                        ui.label(RichText::new(&card.organisation).weak());
                    });
                });
                ui.add_space(6.0);
                ui.label(&card.summary);
                ui.add_space(8.0);
                ui.horizontal_wrapped(|ui| {
                    difficulty_chip(ui, s, card.difficulty);
                    chip(ui, &format!("{} {}", card.minutes, s.minutes));
                    chip(ui, model_name(s, card.model));
                    chip(ui, card.language.code());
                    if card.warnings > 0 {
                        chip(ui, &format!("⚠ {}", card.warnings));
                    }
                });
                ui.add_space(8.0);
                let button = egui::Button::new(RichText::new(s.open_scenario).strong())
                    .min_size(egui::vec2(ui.available_width(), 32.0));
                let open = ui.add(button);
                super::super::marks::mark(ui, format!("open:{}", card.id), open.rect);
                open.clicked()
            })
            .inner
        })
        .inner
}

/// "Moeilijkheid" and five dots, as many filled as the difficulty. The dots are painted:
/// egui's bundled fonts have no ● or ○.
fn difficulty_chip(ui: &mut egui::Ui, s: &Strings, difficulty: u8) {
    egui::Frame::new()
        .fill(ui.visuals().widgets.inactive.bg_fill)
        .corner_radius(12.0)
        .inner_margin(egui::Margin::symmetric(10, 3))
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.label(RichText::new(s.difficulty).small());
            let d = ui.text_style_height(&egui::TextStyle::Small) * 0.7;
            let color = ui.visuals().strong_text_color();
            for i in 0..5u8 {
                let (rect, _) = ui.allocate_exact_size(egui::vec2(d, d), egui::Sense::hover());
                let painter = ui.painter();
                if i < difficulty {
                    painter.circle_filled(rect.center(), d / 2.0, color);
                } else {
                    painter.circle_stroke(rect.center(), d / 2.0 - 0.5, (1.0, color));
                }
            }
        })
        .response
        .on_hover_text(format!("{} {difficulty}/5", s.difficulty));
}

fn chip(ui: &mut egui::Ui, text: &str) {
    egui::Frame::new()
        .fill(ui.visuals().widgets.inactive.bg_fill)
        .corner_radius(12.0)
        .inner_margin(egui::Margin::symmetric(10, 3))
        .show(ui, |ui| {
            ui.label(RichText::new(text).small());
        });
}
