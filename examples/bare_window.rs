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
    use bevy_egui::{
        EguiContexts, EguiInput, EguiPlugin, EguiPreUpdateSet, EguiPrimaryContextPass, egui,
    };

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
        .add_plugins(EguiPlugin::default())
        .insert_resource(WinitSettings::desktop_app())
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
        })
        .add_systems(
            PreUpdate,
            drop_unchanged_modifiers
                .after(EguiPreUpdateSet::ProcessInput)
                .before(EguiPreUpdateSet::BeginPass),
        )
        .add_systems(EguiPrimaryContextPass, ui);
        if std::env::var_os("KLACHTWIJS_EXIT_AFTER_FIRST_FRAME").is_some() {
            app.add_systems(
                Last,
                |mut frames: Local<u32>, mut exit: MessageWriter<AppExit>| {
                    *frames += 1;
                    if *frames == 2 {
                        exit.write(AppExit::Success);
                    }
                },
            );
        }
        if let Some(secs) = std::env::var("KLACHTWIJS_BENCH_ANIMATE")
            .ok()
            .and_then(|s| s.parse::<f32>().ok())
        {
            app.insert_resource(Bench(Duration::from_secs_f32(secs), None, None, Vec::new()))
                .add_systems(Update, bench);
        }
        app.run();
    }

    #[derive(Resource)]
    struct Bench(Duration, Option<Instant>, Option<Instant>, Vec<f32>);

    fn bench(
        mut b: ResMut<Bench>,
        mut windows: Query<&mut Window, With<PrimaryWindow>>,
        mut exit: MessageWriter<AppExit>,
    ) {
        let now = Instant::now();
        let Some(start) = b.1 else {
            for mut w in &mut windows {
                w.resolution.set_scale_factor_override(Some(2.0));
                w.resolution.set_physical_resolution(3840, 2160);
            }
            b.1 = Some(now);
            return;
        };
        if now - start > Duration::from_secs(1)
            && let Some(last) = b.2
        {
            b.3.push((now - last).as_secs_f32() * 1000.0);
        }
        b.2 = Some(now);
        if now - start > b.0 + Duration::from_secs(1) {
            let mut f = b.3.clone();
            f.sort_by(f32::total_cmp);
            if !f.is_empty() {
                let mean = f.iter().sum::<f32>() / f.len() as f32;
                let p95 = f[(f.len() * 95 / 100).min(f.len() - 1)];
                println!(
                    "bench: frames={} mean_ms={mean:.1} p95_ms={p95:.1}",
                    f.len()
                );
            }
            exit.write(AppExit::Success);
        }
    }

    fn drop_unchanged_modifiers(
        mut inputs: Query<&mut EguiInput>,
        mut last: Local<Option<egui::Modifiers>>,
    ) {
        for mut input in &mut inputs {
            input.events.retain(|event| match event {
                egui::Event::ModifiersChanged(m) => {
                    let changed = *last != Some(*m);
                    *last = Some(*m);
                    changed
                }
                _ => true,
            });
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
