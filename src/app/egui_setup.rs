//! All egui setup in one place: the plugin, the camera egui draws with, visuals for the three themes (light, dark, high contrast), text sizes and zoom, and the
//! fix that lets an idle app sleep.

use bevy::prelude::*;
use bevy_egui::{
    EguiContexts, EguiInput, EguiPlugin, EguiPreUpdateSet,
    egui::{self, Color32, FontFamily, FontId, Stroke, TextStyle},
};

use super::settings::{Settings, TextSize, Theme};

pub(super) fn plugin(app: &mut App) {
    app.add_plugins(EguiPlugin::default())
        .insert_resource(ClearColor(Color::srgb(0.95, 0.95, 0.95)))
        .add_systems(Startup, spawn_camera)
        // Inside the pass, before any screen draws.
        .add_systems(PreUpdate, apply_style.after(EguiPreUpdateSet::BeginPass))
        .add_systems(bevy_egui::EguiPrimaryContextPass, text_focus_ring);
    idle_fix(app);
}

/// Lets a reactive bevy_egui app sleep (see [`drop_unchanged_modifiers`]); also used by
/// `examples/bare_window.rs`, so the baseline it measures has the same fix.
pub fn idle_fix(app: &mut App) {
    app.add_systems(
        PreUpdate,
        drop_unchanged_modifiers
            .after(EguiPreUpdateSet::ProcessInput)
            .before(EguiPreUpdateSet::BeginPass),
    );
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}

/// bevy_egui 0.42 pushes `ModifiersChanged` into the input on every frame, and egui treats
/// any input event as a reason to repaint at once, so a reactive app would never sleep
/// (a bare window burns well over 100% CPU under Xvfb). Dropping the event when the
/// modifiers did not change brings idle CPU to zero.
fn drop_unchanged_modifiers(
    mut inputs: Query<&mut EguiInput>,
    mut last: Local<Option<egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        input.events.retain(|event| match event {
            egui::Event::ModifiersChanged(modifiers) => {
                let changed = *last != Some(*modifiers);
                *last = Some(*modifiers);
                changed
            }
            _ => true,
        });
    }
}

/// High contrast: a yellow ring around the focused text field. egui draws a focused
/// field's border in the selection stroke, which this theme keeps black so that text on
/// the yellow selection stays readable; on a black page that border would vanish.
fn text_focus_ring(mut contexts: EguiContexts, settings: Res<Settings>) -> Result {
    if settings.theme != Theme::HighContrast {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    if !ctx.text_edit_focused() {
        return Ok(());
    }
    let Some(rect) = ctx
        .memory(|m| m.focused())
        .and_then(|id| ctx.read_response(id))
        .map(|r| r.rect)
    else {
        return Ok(());
    };
    ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::new("text_focus_ring"),
    ))
    .rect_stroke(
        rect.expand(2.0),
        4.0,
        Stroke::new(3.0, HIGH_CONTRAST_ACCENT),
        egui::StrokeKind::Outside,
    );
    Ok(())
}

fn apply_style(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    mut applied: Local<Option<(Theme, TextSize)>>,
) -> Result {
    let wanted = (settings.theme, settings.text_size);
    if *applied == Some(wanted) {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    if applied.is_none() {
        fonts(ctx);
    }
    style(ctx, settings.theme, settings.text_size);
    *applied = Some(wanted);
    Ok(())
}

/// Noto Sans as the text face, egui's own fonts behind it for symbols and emoji. egui's
/// default Ubuntu Light is too thin to read on a projector from the back of a room.
pub fn fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans".into(),
        egui::FontData::from_static(include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"))
            .into(),
    );
    if let Some(proportional) = fonts.families.get_mut(&FontFamily::Proportional) {
        proportional.insert(0, "noto-sans".into());
        // Arrows (← →) exist only in egui's monospace face.
        proportional.push("Hack".into());
    }
    ctx.set_fonts(fonts);
}

/// Applies a theme and text size to a context (also used by tests).
pub fn style(ctx: &egui::Context, theme: Theme, size: TextSize) {
    let (preference, visuals) = match theme {
        Theme::Light => (egui::Theme::Light, light()),
        Theme::Dark => (egui::Theme::Dark, egui::Visuals::dark()),
        Theme::HighContrast => (egui::Theme::Dark, high_contrast()),
    };
    ctx.set_theme(preference);
    ctx.set_visuals_of(preference, visuals);
    // The projection lays itself out again, smaller, until it fits (classroom::Fit):
    // a few passes in one frame, so the too-large layout is never shown.
    ctx.options_mut(|o| o.max_passes = std::num::NonZeroUsize::new(5).unwrap_or(o.max_passes));
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Small,
                FontId::new(14.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(18.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(18.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(24.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(15.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(10.0, 8.0);
        style.spacing.button_padding = egui::vec2(12.0, 6.0);
        style.spacing.interact_size.y = 30.0;
    });
    ctx.set_zoom_factor(size.zoom());
}

fn light() -> egui::Visuals {
    let mut v = egui::Visuals::light();
    v.panel_fill = Color32::from_rgb(0xf7, 0xf6, 0xf3);
    v.window_fill = Color32::WHITE;
    v.extreme_bg_color = Color32::WHITE;
    v.faint_bg_color = Color32::from_rgb(0xee, 0xf2, 0xf6);
    // Text colour through the widget strokes, not `override_text_color`: an override also
    // paints selected items, which would put dark text on the dark selection fill.
    let ink = Color32::from_rgb(0x1c, 0x1c, 0x22);
    for w in every_widget_state(&mut v) {
        w.fg_stroke.color = ink;
    }
    v.selection.bg_fill = Color32::from_rgb(0x1f, 0x5f, 0x99);
    v.selection.stroke = Stroke::new(1.5, Color32::WHITE);
    v.widgets.inactive.weak_bg_fill = Color32::from_rgb(0xe4, 0xe8, 0xee);
    v.widgets.inactive.bg_fill = Color32::from_rgb(0xe4, 0xe8, 0xee);
    v
}

/// The high-contrast theme's accent: selection, hover and focus.
const HIGH_CONTRAST_ACCENT: Color32 = Color32::from_rgb(0xff, 0xd7, 0x00);

fn high_contrast() -> egui::Visuals {
    let mut v = egui::Visuals::dark();
    let yellow = HIGH_CONTRAST_ACCENT;
    v.panel_fill = Color32::BLACK;
    v.window_fill = Color32::BLACK;
    v.extreme_bg_color = Color32::BLACK;
    v.faint_bg_color = Color32::from_gray(20);
    v.selection.bg_fill = yellow;
    v.selection.stroke = Stroke::new(2.0, Color32::BLACK);
    v.hyperlink_color = yellow;
    for w in every_widget_state(&mut v) {
        w.bg_stroke = Stroke::new(2.0, Color32::WHITE);
        w.fg_stroke = Stroke::new(2.0, Color32::WHITE);
        w.bg_fill = Color32::BLACK;
        w.weak_bg_fill = Color32::BLACK;
    }
    v.widgets.hovered.bg_stroke = Stroke::new(3.0, yellow);
    v.widgets.active.bg_stroke = Stroke::new(3.0, yellow);
    v
}

fn every_widget_state(v: &mut egui::Visuals) -> [&mut egui::style::WidgetVisuals; 5] {
    let w = &mut v.widgets;
    [
        &mut w.noninteractive,
        &mut w.inactive,
        &mut w.hovered,
        &mut w.active,
        &mut w.open,
    ]
}
