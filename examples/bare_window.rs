//! A bare Bevy + bevy_egui window with the same setup as the app (reactive updates and the
//! idle fix), as the baseline `scripts/measure-app.sh` compares the app against. Honours
//! the same `KLACHTWIJS_EXIT_AFTER_FIRST_FRAME` and `KLACHTWIJS_BENCH_ANIMATE=SECONDS`.

#[cfg(feature = "app")]
fn main() {
    bare::main();
}

#[cfg(not(feature = "app"))]
fn main() {
    eprintln!("bare_window needs the `app` feature");
}

#[cfg(feature = "app")]
mod bare {
    use std::time::{Duration, Instant};

    use bevy::prelude::*;
    use bevy::window::{PrimaryWindow, WindowResolution};
    use bevy::winit::WinitSettings;
    use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};
    use klachtwijs::app::bench::{FrameTimes, exit_after_first_frame, set_4k};
    use klachtwijs::app::egui_setup::idle_fix;

    pub fn main() {
        let mut app = App::new();
        app.add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "bare".into(),
                resolution: WindowResolution::new(1600, 960),
                ..default()
            }),
            ..default()
        }))
        .add_plugins((EguiPlugin::default(), idle_fix))
        .insert_resource(WinitSettings::desktop_app())
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
        })
        .add_systems(EguiPrimaryContextPass, ui);
        if std::env::var_os("KLACHTWIJS_EXIT_AFTER_FIRST_FRAME").is_some() {
            app.add_systems(Last, exit_after_first_frame);
        }
        if let Some(secs) = std::env::var("KLACHTWIJS_BENCH_ANIMATE")
            .ok()
            .and_then(|s| s.parse::<f32>().ok())
        {
            app.insert_resource(Bench {
                length: Duration::from_secs_f32(secs.clamp(1.0, 600.0)),
                started: None,
                frames: FrameTimes::default(),
            })
            .add_systems(Update, bench);
        }
        app.run();
    }

    #[derive(Resource)]
    struct Bench {
        length: Duration,
        started: Option<Instant>,
        frames: FrameTimes,
    }

    fn bench(
        mut b: ResMut<Bench>,
        mut windows: Query<&mut Window, With<PrimaryWindow>>,
        mut exit: MessageWriter<AppExit>,
    ) {
        let now = Instant::now();
        let Some(started) = b.started else {
            for mut w in &mut windows {
                set_4k(&mut w);
            }
            b.started = Some(now);
            return;
        };
        b.frames.tick(now, now - started > Duration::from_secs(1));
        if now - started > b.length + Duration::from_secs(1) {
            println!("{}", b.frames.summary());
            exit.write(AppExit::Success);
        }
    }

    fn ui(mut contexts: EguiContexts, bench: Option<Res<Bench>>) -> Result {
        let ctx = contexts.ctx_mut()?;
        egui::Window::new("bare").show(ctx, |ui| {
            ui.label("A bare bevy_egui window.");
            if bench.is_some() {
                // Keep something moving, as the app's avatar does while it animates.
                let t = ui.input(|i| i.time) as f32;
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(400.0, 400.0), egui::Sense::hover());
                ui.painter().circle_filled(
                    rect.center() + egui::vec2(t.sin() * 150.0, 0.0),
                    40.0,
                    egui::Color32::RED,
                );
                ui.ctx().request_repaint();
            }
        });
        Ok(())
    }
}
