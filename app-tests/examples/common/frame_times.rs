//! Frame timing shared by the app's benchmark examples: an egui UI drawn headless at
//! 1920×1080, laid out, painted and tessellated (the CPU side of a frame), and a summary.

use std::time::{Duration, Instant};

use bevy_egui::egui;

/// Draws `ui` (given the frame number) `warm_up + frames` times; returns the times of
/// the last `frames` and the number of shapes of the very last.
pub fn time_frames(
    warm_up: usize,
    frames: usize,
    mut ui: impl FnMut(usize, &mut egui::Ui),
) -> (Vec<Duration>, usize) {
    let ctx = egui::Context::default();
    let mut times = Vec::with_capacity(frames);
    let mut shapes = 0;
    for frame in 0..warm_up + frames {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1920.0, 1080.0),
            )),
            ..Default::default()
        };
        let started = Instant::now();
        let mut output = ctx.run_ui(input, |u| ui(frame, u));
        // No renderer here to upload the font atlas to.
        output.textures_delta.clear();
        shapes = output.shapes.len();
        std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
        if frame >= warm_up {
            times.push(started.elapsed());
        }
    }
    (times, shapes)
}

/// Prints `what` with the mean, median, 95th percentile and worst of `times`.
pub fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mean = times.iter().map(|d| ms(*d)).sum::<f64>() / times.len().max(1) as f64;
    let at = |q: f64| ms(times[((times.len().saturating_sub(1)) as f64 * q) as usize]);
    println!(
        "  {what:<40} mean {mean:6.2} ms  median {:6.2}  p95 {:6.2}  worst {:6.2}",
        at(0.5),
        at(0.95),
        at(1.0)
    );
}
