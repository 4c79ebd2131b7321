//! Small building blocks every screen shares: the root `Ui`, the top bar, page columns,
//! score bars.

use bevy_egui::egui::{self, Color32, RichText};

use super::i18n::Strings;
use super::state::{Navigate, Screen};

/// A root `Ui` covering the whole window (bevy_egui 0.42's idiom; egui 0.36 panels are
/// shown inside a `Ui`).
pub fn root_ui(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

/// The navigation bar at the top of the solo screens.
pub fn top_bar(root: &mut egui::Ui, s: &Strings, current: Screen) -> Option<Navigate> {
    let mut to = None;
    egui::Panel::top("top_bar")
        .frame(
            egui::Frame::side_top_panel(root.style()).inner_margin(egui::Margin::symmetric(16, 8)),
        )
        .show(root, |ui| {
            // Wraps rather than running past the edge at large text on a small screen.
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Klachtwijs").strong().size(22.0));
                ui.add_space(24.0);
                for (screen, name) in [
                    (Screen::Library, s.library),
                    (Screen::Progress, s.my_progress),
                    (Screen::Facilitator, s.facilitator),
                    (Screen::Author, s.author),
                    (Screen::Settings, s.settings),
                ] {
                    let selected = current == screen;
                    if ui.selectable_label(selected, name).clicked() && !selected {
                        to = Some(Navigate(screen));
                    }
                }
            });
        });
    to
}

/// The central area of a screen.
pub fn central<R>(root: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    egui::CentralPanel::default()
        .frame(egui::Frame::central_panel(root.style()).inner_margin(egui::Margin::same(0)))
        .show(root, add)
        .inner
}

/// Scales the heading style (section titles) by `k`, for the projection layouts.
pub fn scale_headings(ui: &mut egui::Ui, k: f32) {
    if let Some(font) = ui
        .style_mut()
        .text_styles
        .get_mut(&egui::TextStyle::Heading)
    {
        font.size *= k;
    }
}

/// Inside a [`page`] on the projector: PageUp pages back and `next` (the clicker's "next")
/// pages on. True when `next` came with the page already at its end, so the caller can
/// move on to what follows.
pub fn page_by_clicker(ui: &egui::Ui, next: bool) -> bool {
    // The clicker owns PageUp/PageDown on this page: `page` leaves them alone.
    let pass = ui.ctx().cumulative_pass_nr();
    ui.data_mut(|d| d.insert_temp(egui::Id::new(CLICKER_PASS), pass));
    let step = ui.ctx().viewport_rect().height() * 0.8;
    if pressed(ui, egui::Key::PageUp) {
        ui.scroll_with_delta(egui::vec2(0.0, step));
    }
    if !next {
        return false;
    }
    // Written by `page` at the end of the previous frame.
    let at_end = ui
        .data(|d| d.get_temp(egui::Id::new(PAGE_AT_END)))
        .unwrap_or(true);
    if !at_end {
        ui.scroll_with_delta(egui::vec2(0.0, -step));
    }
    at_end
}

const PAGE_AT_END: &str = "page_at_end";
const CLICKER_PASS: &str = "page_clicker_pass";

/// Keyboard scrolling inside a scroll area's content, for whoever has no mouse: PageUp
/// and PageDown by most of a screen (also from inside a text field, which has no use for
/// them), Home and End to the ends, and ↑/↓ by a few lines while no widget has focus
/// (with focus, the arrows belong to the widgets; in a text field, Home and End too).
pub fn keyboard_scroll(ui: &egui::Ui) {
    let pass = ui.ctx().cumulative_pass_nr();
    let clicker = ui.data(|d| d.get_temp::<u64>(egui::Id::new(CLICKER_PASS))) == Some(pass);
    let content = ui.min_rect().height();
    let visible = ui.clip_rect().height();
    // Content that fits has no scroll bar, and egui clamps the offset only with one.
    if content <= visible + 1.0 {
        return;
    }
    let page = visible * 0.85;
    let unfocused = ui.memory(|m| m.focused().is_none());
    let paged = |key| !clicker && ui.input(|i| i.key_pressed(key));
    let delta = if paged(egui::Key::PageDown) {
        -page
    } else if paged(egui::Key::PageUp) {
        page
    } else if pressed(ui, egui::Key::Home) {
        content
    } else if pressed(ui, egui::Key::End) {
        -content
    } else if unfocused && pressed(ui, egui::Key::ArrowDown) {
        -60.0
    } else if unfocused && pressed(ui, egui::Key::ArrowUp) {
        60.0
    } else {
        return;
    };
    ui.scroll_with_delta_animation(egui::vec2(0.0, delta), egui::style::ScrollAnimation::none());
}

/// Scrolls a scroll area's content so that a widget that has just received keyboard focus
/// is in view; egui itself leaves it where it is, possibly off screen. Call at the end of
/// the content.
pub fn reveal_focus(ui: &egui::Ui) {
    let ctx = ui.ctx();
    let Some(id) = ctx.memory(|m| m.focused()) else {
        return;
    };
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    // Only a widget inside this scroll area's content is ours to reveal.
    if ui.min_rect().contains_rect(response.rect) {
        reveal_focus_with(ui, id, response.rect);
    }
}

/// As [`reveal_focus`] for a widget whose companions belong in view with it (its
/// question above, its buttons below): once `focus` has the keyboard focus, scrolls all of
/// `rect` into view instead of the widget alone. Call before `reveal_focus`.
pub fn reveal_focus_with(ui: &egui::Ui, focus: egui::Id, rect: egui::Rect) {
    let shown = egui::Id::new(REVEALED_FOCUS);
    if !ui.memory(|m| m.has_focus(focus)) || ui.data(|d| d.get_temp(shown)) == Some(focus) {
        return;
    }
    ui.scroll_to_rect(rect, None);
    ui.data_mut(|d| d.insert_temp(shown, focus));
}

const REVEALED_FOCUS: &str = "revealed_focus";

/// Scrolls `rect` into view the first time this is called with `key` (as far as keeps its
/// top in view): for content that appears within a page, such as the answers of a turn.
pub fn reveal_once(ui: &egui::Ui, key: egui::Id, rect: egui::Rect) {
    if ui.data(|d| d.get_temp::<bool>(key)).is_none() {
        ui.scroll_to_rect(rect, None);
        ui.data_mut(|d| d.insert_temp(key, true));
    }
}

/// A scrolling, centred reading column no wider than is comfortable to read.
pub fn page<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let id = ui.next_auto_id();
    let visit: u64 = ui.data(|d| d.get_temp(super::state::egui_visit_id()).unwrap_or(0));
    let out = egui::ScrollArea::vertical()
        .id_salt((id, visit))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Centred in a wide window; in a narrow one (a laptop at 125 %, large text)
            // a gutter on either side, so that text never touches the window's edge.
            const GUTTER: f32 = 24.0;
            let available = ui.available_width();
            let margin = ((available - 1200.0) / 2.0).max(GUTTER);
            let width = (available - 2.0 * GUTTER).min(1168.0);
            ui.horizontal(|ui| {
                ui.add_space(margin);
                ui.vertical(|ui| {
                    ui.set_width(width);
                    ui.add_space(20.0);
                    let r = add(ui);
                    ui.add_space(40.0);
                    keyboard_scroll(ui);
                    reveal_focus(ui);
                    r
                })
                .inner
            })
            .inner
        });
    let at_end = out.state.offset.y + out.inner_rect.height() >= out.content_size.y - 2.0;
    ui.data_mut(|d| d.insert_temp(egui::Id::new(PAGE_AT_END), at_end));
    out.inner
}

/// A fixed plot of values from 0 to 100 (scores, mood): no drag, zoom or scroll, so a
/// keyboard user or a projector never moves it by accident.
pub fn fixed_plot(id: &str, height: f32, x_label: &str) -> egui_plot::Plot<'static> {
    egui_plot::Plot::new(id)
        .height(height)
        .include_y(0.0)
        .include_y(100.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_crosshair(false)
        .legend(egui_plot::Legend::default())
        .x_axis_label(x_label.to_string())
}

/// A horizontal bar for a score from 0 to 100, with its label on the left, at `text_size`
/// (larger on the projection). A label too long for its column wraps: a step's name cut
/// off with "…" can only be read by hovering, which a keyboard or a room cannot.
pub fn score_bar(
    ui: &mut egui::Ui,
    label: &str,
    value: f32,
    width: f32,
    color: Color32,
    text_size: f32,
) {
    ui.horizontal(|ui| {
        let row = text_size * 1.6;
        bar_label(
            ui,
            egui::vec2(width * 0.48, row),
            RichText::new(label).size(text_size),
        );
        let (rect, _) =
            ui.allocate_exact_size(egui::vec2(width * 0.37, row - 2.0), egui::Sense::hover());
        let painter = ui.painter();
        painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
        let mut filled = rect;
        filled.set_width(rect.width() * (value / 100.0).clamp(0.0, 1.0));
        painter.rect_filled(filled, 4.0, color);
        painter.rect_stroke(
            rect,
            4.0,
            ui.visuals().widgets.noninteractive.bg_stroke,
            egui::StrokeKind::Inside,
        );
        ui.label(
            RichText::new(format!("{value:.0}"))
                .size(text_size)
                .strong(),
        );
    });
}

/// A horizontal bar for a count out of `max`, with the count written after it (a long
/// label wraps, as in [`score_bar`]).
pub fn count_bar(
    ui: &mut egui::Ui,
    label: &str,
    count: usize,
    max: usize,
    width: f32,
    color: Color32,
) {
    ui.horizontal(|ui| {
        bar_label(ui, egui::vec2(width * 0.45, 24.0), label);
        let (rect, _) = ui.allocate_exact_size(egui::vec2(width * 0.4, 22.0), egui::Sense::hover());
        let painter = ui.painter();
        painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
        let mut filled = rect;
        filled.set_width(rect.width() * count as f32 / max.max(1) as f32);
        painter.rect_filled(filled, 4.0, color);
        ui.label(RichText::new(count.to_string()).strong());
    });
}

/// A bar's label in a column `size` wide and at least that high, right-aligned against
/// the bar and wrapping within the column.
fn bar_label(ui: &mut egui::Ui, size: egui::Vec2, label: impl Into<egui::WidgetText>) {
    let layout = egui::Layout::top_down(egui::Align::Max).with_main_align(egui::Align::Center);
    ui.allocate_ui_with_layout(size, layout, |ui| {
        ui.set_min_size(size);
        ui.add(egui::Label::new(label).wrap());
    });
}

/// The colour of a score: red, amber, green. Readable in every theme.
pub fn score_color(value: f32) -> Color32 {
    if value >= 70.0 {
        Color32::from_rgb(0x2e, 0x8b, 0x57)
    } else if value >= 40.0 {
        Color32::from_rgb(0xd9, 0x8c, 0x00)
    } else {
        Color32::from_rgb(0xc0, 0x39, 0x2b)
    }
}

/// The warning colour for pitfalls.
pub const PITFALL: Color32 = Color32::from_rgb(0xc0, 0x39, 0x2b);

/// A framed group with a heading.
pub fn section<R>(ui: &mut egui::Ui, title: &str, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::same(16))
        .corner_radius(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(title).heading());
            ui.add_space(8.0);
            // Left-aligned even inside `ui.columns`, whose justified layout would stretch
            // the gaps between words.
            ui.with_layout(egui::Layout::top_down(egui::Align::Min), add)
                .inner
        })
        .inner
}

/// Whether `key` was pressed this frame and no text field has focus.
pub fn pressed(ui: &egui::Ui, key: egui::Key) -> bool {
    !ui.ctx().text_edit_focused() && ui.input(|i| i.key_pressed(key))
}

/// The number key 1–9 pressed this frame, if any.
pub fn number_pressed(ui: &egui::Ui) -> Option<usize> {
    use egui::Key::*;
    [Num1, Num2, Num3, Num4, Num5, Num6, Num7, Num8, Num9]
        .into_iter()
        .position(|k| pressed(ui, k))
        .map(|i| i + 1)
}
