//! The desktop app: a thin Bevy + bevy_egui shell that renders the engine's sessions and
//! debriefs. It adds no scoring logic of its own.
//!
//! Each file is one screen or concern with a `pub(super) fn plugin(app: &mut App)`; this file
//! only composes them. Screens are plain egui functions over view models
//! (`fn x_screen(ui, &XView) -> Option<XAction>`) so they can be tested without a window.

pub mod author;
pub mod avatar;
pub mod background;
pub mod bench;
pub mod briefing;
pub mod catalog;
pub mod classroom;
pub mod conversation;
mod conversation_flow;
pub mod debrief;
pub mod egui_setup;
pub mod facilitator;
pub mod i18n;
pub mod library;
pub mod map_view;
mod marks;
pub mod phone_panel;
pub mod phones;
pub mod play;
pub mod probe;
pub mod progress;
pub mod settings;
mod shots;
pub mod state;
mod watch;
pub mod widgets;
mod window;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bevy::prelude::*;
use bevy::window::WindowResolution;

/// What the command line passes to the app.
#[derive(Debug, Clone, Default, Resource)]
pub struct AppConfig {
    /// Folders of the user's own scenarios (`--scenarios DIR`), watched for changes.
    pub extra_scenario_dirs: Vec<PathBuf>,
    /// A rubric file that replaces the bundled one.
    pub rubric_path: Option<PathBuf>,
}

/// Opens the desktop app and runs it until the window closes.
pub fn run(config: AppConfig) -> ExitCode {
    let primary = Window {
        title: "Klachtwijs".into(),
        resolution: WindowResolution::new(1600, 960),
        ..default()
    };
    let mut app = build(config, primary);
    window::fit_first_window(&mut app);
    app.insert_resource(settings::load())
        .insert_resource(settings::Persist(true));
    exit_code(app.run())
}

/// Drives the real app through every screen in solo and classroom mode at 1920×1080 and
/// 3840×2160, saves a PNG of each in `out`, checks that none is blank, and exits.
pub fn screenshots(out: &Path, config: AppConfig) -> ExitCode {
    if let Err(err) = std::fs::create_dir_all(out) {
        eprintln!("{}: {err}", out.display());
        return ExitCode::from(2);
    }
    let primary = Window {
        title: "Klachtwijs".into(),
        resolution: WindowResolution::new(1920, 1080).with_scale_factor_override(1.0),
        ..default()
    };
    let mut app = build(config, primary);
    app.add_plugins(shots::plugin(out.to_path_buf()));
    let code = exit_code(app.run());
    shots::report(out, code)
}

/// The app with every plugin, ready to run in a window.
fn build(config: AppConfig, primary: Window) -> App {
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(primary),
                ..default()
            })
            .set(bevy::log::LogPlugin {
                filter: "warn,klachtwijs=info,wgpu=error,naga=error".into(),
                ..default()
            }),
    );
    app.insert_resource(config);
    app.add_plugins((egui_setup::plugin, add_screens));
    app.add_plugins((window::plugin, bench::plugin, probe::plugin));
    app
}

/// Everything except Bevy's window and render plugins: state, resources and screens.
/// Headless tests add this to `MinimalPlugins` + `StatesPlugin`.
pub fn add_screens(app: &mut App) {
    app.add_plugins((
        state::plugin,
        settings::plugin,
        catalog::plugin,
        library::plugin,
        briefing::plugin,
        conversation_flow::plugin,
        debrief::plugin,
        classroom::plugin,
        phones::plugin,
        facilitator::plugin,
        author::plugin,
        map_view::plugin,
        progress::plugin,
        watch::plugin,
    ));
}

fn exit_code(exit: AppExit) -> ExitCode {
    match exit {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}
