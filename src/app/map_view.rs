//! The scenario map in the Author screen: the engine's layered layout (`scenario::map`)
//! drawn with egui's painter, in a scroll area. Boxes are coloured by the werkmodel step
//! the best answer there works on, endings by outcome; a red corner marks a tempting
//! pitfall. Clicking a box chooses it as the node to "test from here".

use bevy_egui::egui::{self, Color32, Pos2, Rect, RichText, Stroke};

use crate::scenario::map::{EdgeKind, Map, MapNodeKind, palette};

fn rgb(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// Draws `map` at `zoom`; returns the id of a box the author clicked. `selected` is
/// outlined.
pub fn map_ui(ui: &mut egui::Ui, map: &Map, zoom: f32, selected: &str) -> Option<String> {
    let mut clicked = None;
    egui::ScrollArea::both()
        .id_salt(("scenario_map", &map.scenario))
        .max_height(ui.ctx().viewport_rect().height() * 0.7)
        .min_scrolled_height(ui.ctx().viewport_rect().height() * 0.6)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let size = egui::vec2(map.width * zoom, map.height * zoom);
            let (area, _) = ui.allocate_exact_size(size, egui::Sense::hover());
            let painter = ui.painter_at(area);
            let at = |x: f32, y: f32| Pos2::new(area.min.x + x * zoom, area.min.y + y * zoom);
            for edge in &map.edges {
                let colour = match edge.kind {
                    EdgeKind::Option => palette::OPTION,
                    EdgeKind::Condition => palette::CONDITION,
                    EdgeKind::FlagGate => palette::FLAG_GATE,
                    EdgeKind::Flare => palette::FLARE,
                };
                let stroke = Stroke::new(if edge.back { 1.0 } else { 1.6 }, rgb(colour));
                let points: Vec<Pos2> = edge.points.iter().map(|&(x, y)| at(x, y)).collect();
                for pair in points.windows(2) {
                    painter.line_segment([pair[0], pair[1]], stroke);
                }
                if let [.., before, tip] = points.as_slice() {
                    let dir = (*tip - *before).normalized() * 8.0 * zoom.max(0.6);
                    let side = egui::vec2(-dir.y, dir.x) * 0.5;
                    painter.add(egui::Shape::convex_polygon(
                        vec![*tip, *tip - dir + side, *tip - dir - side],
                        rgb(colour),
                        Stroke::NONE,
                    ));
                }
            }
            let font = egui::FontId::proportional((13.0 * zoom).max(8.0));
            for node in &map.nodes {
                let r = Rect::from_min_size(
                    at(node.rect.x, node.rect.y),
                    egui::vec2(node.rect.w * zoom, node.rect.h * zoom),
                );
                let (fill, text) = match node.kind {
                    MapNodeKind::Ending(outcome) => {
                        (rgb(palette::outcome(outcome)), Color32::WHITE)
                    }
                    _ => (
                        rgb(node.step.map_or(palette::NO_STEP, palette::step)),
                        Color32::from_rgb(0x1c, 0x1c, 0x22),
                    ),
                };
                let chosen = node.id == selected;
                painter.rect_filled(r, 6.0, fill);
                painter.rect_stroke(
                    r,
                    6.0,
                    if chosen {
                        Stroke::new(3.0, Color32::BLACK)
                    } else {
                        Stroke::new(1.0, Color32::from_gray(90))
                    },
                    egui::StrokeKind::Inside,
                );
                if !node.pitfalls.is_empty() {
                    let corner = r.right_top();
                    painter.add(egui::Shape::convex_polygon(
                        vec![
                            corner,
                            corner + egui::vec2(-14.0 * zoom, 0.0),
                            corner + egui::vec2(0.0, 14.0 * zoom),
                        ],
                        rgb(palette::PITFALL),
                        Stroke::NONE,
                    ));
                }
                painter.text(
                    r.center(),
                    egui::Align2::CENTER_CENTER,
                    &node.id,
                    font.clone(),
                    text,
                );
                let response = ui.interact(
                    r,
                    ui.id().with(("map_node", &node.id)),
                    egui::Sense::click(),
                );
                let response = response.on_hover_text(&node.label);
                super::probe::target(ui, format!("map:{}", node.id), r);
                if response.clicked() && !matches!(node.kind, MapNodeKind::Ending(_)) {
                    clicked = Some(node.id.clone());
                }
            }
        });
    clicked
}

/// The legend: steps (by name) in their colours, then the arrow kinds.
pub fn legend_ui(ui: &mut egui::Ui, steps: &[String], arrows: [&str; 4]) {
    ui.horizontal_wrapped(|ui| {
        for (k, step) in steps.iter().enumerate() {
            let (r, _) = ui.allocate_exact_size(egui::vec2(16.0, 16.0), egui::Sense::hover());
            ui.painter().rect_filled(r, 3.0, rgb(palette::step(k)));
            ui.label(RichText::new(step).small());
        }
        for (name, colour) in arrows.iter().zip([
            palette::OPTION,
            palette::CONDITION,
            palette::FLAG_GATE,
            palette::FLARE,
        ]) {
            ui.label(
                RichText::new(format!("→ {name}"))
                    .small()
                    .color(rgb(colour)),
            );
        }
    });
}
