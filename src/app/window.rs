//! The window and winit's event loop, in one place: the loop is reactive (it redraws on
//! input, when egui asks, and once a second while the classroom's discussion timer runs),
//! the first window fits the monitor it opens on, a resize or a new scale factor redraws
//! at once (the reactive loop would otherwise wait for the next input), and Ctrl+Q quits
//! from any screen.

use std::time::Duration;

use bevy::prelude::*;
use bevy::window::{
    Monitor, PrimaryMonitor, PrimaryWindow, WindowResized, WindowScaleFactorChanged,
};
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_egui::{EguiContexts, egui};

use super::classroom::Classroom;
use super::state::PlayMode;
use crate::records::Mode;

pub(super) fn plugin(app: &mut App) {
    // Redraw only on input or when egui asks for it (animations).
    app.insert_resource(WinitSettings::desktop_app())
        .add_systems(
            Update,
            (redraw_on_resize, quit_on_ctrl_q, tick_while_timing),
        );
}

/// While the discussion timer runs the app wakes once a second to redraw it; otherwise
/// it sleeps until input arrives.
fn tick_while_timing(
    classroom: Res<Classroom>,
    settings: Option<ResMut<WinitSettings>>,
    mode: Res<PlayMode>,
) {
    let Some(mut settings) = settings else { return };
    let wanted = if classroom.timer_started.is_some() && **mode == Mode::Classroom {
        UpdateMode::reactive(Duration::from_secs(1))
    } else {
        WinitSettings::desktop_app().focused_mode
    };
    if settings.focused_mode != wanted {
        settings.focused_mode = wanted;
    }
}

/// Shrinks the first window to fit the primary monitor, leaving room for a task bar and
/// the window's title. Added by `app::run` only: the screenshot driver sets its own sizes.
pub(super) fn fit_first_window(app: &mut App) {
    app.add_systems(Update, fit_to_monitor);
}

/// Share of the monitor the first window may take at most.
const MAX_SHARE: (f32, f32) = (0.96, 0.90);

fn fit_to_monitor(
    monitors: Query<&Monitor, With<PrimaryMonitor>>,
    mut windows: Query<&mut Window, With<PrimaryWindow>>,
    mut done: Local<bool>,
) {
    if *done {
        return;
    }
    // The monitor appears once winit has started; until then, try again next frame.
    let Ok(monitor) = monitors.single() else {
        return;
    };
    *done = true;
    let Ok(mut window) = windows.single_mut() else {
        return;
    };
    let size = monitor.physical_size();
    let (width, height) = fitted(
        (
            window.resolution.physical_width(),
            window.resolution.physical_height(),
        ),
        (size.x, size.y),
    );
    if (width, height)
        != (
            window.resolution.physical_width(),
            window.resolution.physical_height(),
        )
    {
        window.resolution.set_physical_resolution(width, height);
    }
}

/// The window size that fits the monitor, keeping the wanted size where it fits.
fn fitted(wanted: (u32, u32), monitor: (u32, u32)) -> (u32, u32) {
    if monitor.0 == 0 || monitor.1 == 0 {
        return wanted;
    }
    let max_w = (monitor.0 as f32 * MAX_SHARE.0) as u32;
    let max_h = (monitor.1 as f32 * MAX_SHARE.1) as u32;
    (wanted.0.min(max_w), wanted.1.min(max_h))
}

fn redraw_on_resize(
    mut resized: MessageReader<WindowResized>,
    mut rescaled: MessageReader<WindowScaleFactorChanged>,
    mut contexts: EguiContexts,
) -> Result {
    let changed = resized.read().count() + rescaled.read().count() > 0;
    if changed {
        contexts.ctx_mut()?.request_repaint();
    }
    Ok(())
}

/// Ctrl+Q, from Bevy's keys (pressed, or pressed and released within one frame) or from
/// egui's events (Bevy's key state is absorbed while a text field has the focus; with
/// Ctrl held the logical key may be a control character, so the physical key counts).
fn quit_on_ctrl_q(
    keys: Res<ButtonInput<KeyCode>>,
    mut contexts: EguiContexts,
    mut exit: MessageWriter<AppExit>,
) -> Result {
    let ctrls = [KeyCode::ControlLeft, KeyCode::ControlRight];
    let ctrl = keys.any_pressed(ctrls) || keys.any_just_pressed(ctrls);
    let by_bevy = ctrl && keys.just_pressed(KeyCode::KeyQ);
    let by_egui = contexts.ctx_mut()?.input(|i| {
        i.events.iter().any(|e| {
            matches!(
                e,
                egui::Event::Key { key, physical_key, pressed: true, modifiers, .. }
                    if (modifiers.ctrl || modifiers.mac_cmd)
                        && (*key == egui::Key::Q || *physical_key == Some(egui::Key::Q))
            )
        })
    });
    if by_bevy || by_egui {
        exit.write(AppExit::Success);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::fitted;

    #[test]
    fn the_first_window_fits_small_monitors_and_keeps_its_size_on_large_ones() {
        assert_eq!(fitted((1600, 960), (1280, 720)), (1228, 648));
        assert_eq!(fitted((1600, 960), (1024, 768)), (983, 691));
        assert_eq!(fitted((1600, 960), (2560, 1440)), (1600, 960));
        assert_eq!(fitted((1600, 960), (0, 0)), (1600, 960));
    }
}
