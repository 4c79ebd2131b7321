//! The scenario map in the Author screen: the engine's layered layout (`scenario::map`)
//! drawn with egui's painter on a canvas the author can pan (drag, scroll), zoom (Ctrl +
//! wheel, the − / + buttons) and fit. Boxes are coloured by the werkmodel step the best
//! answer there works on, endings by outcome; a red corner marks a tempting pitfall.
//!
//! - [`ScenarioMap`] holds the laid-out map of the scenario chosen in the Author screen.
//!   The exact analysis runs in the background; when it is done the map is laid out again
//!   with the best play's steps and the unreachable marks, and the best and worst witness
//!   paths can be laid over it, as can the path of the latest test run.
//! - [`MapCamera`] is how the author looks at it: zoom, pan, the box with keyboard focus
//!   and the box opened. It survives a reload of the same scenario.
//! - Keys, while the canvas has focus: arrows move between boxes (left/right in a row,
//!   up/down to the nearest box in the next row), Enter opens one (its lines, answers,
//!   tags, diagnostics and file position) and picks it for "test from here", Escape
//!   closes it, + / − zoom, 0 fits. Each box has an AccessKit name.
//!
//! Over 500 lines: the canvas (camera, keys, drawing) and the opened box's details belong
//! to one widget; the layout itself is in `scenario::map`.

use std::sync::Arc;

use bevy::prelude::*;

use super::background::{Background, Polled};
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};
use bevy_egui::egui::{self, Color32, Pos2, Rect, RichText, Stroke, Vec2};

use super::catalog::{Catalog, DiagnosticView};
use super::i18n::Strings;
use crate::scenario::analysis::{Extreme, FileOrderAnswer, PathStep, Stats};
use crate::scenario::map::{EdgeKind, Map, MapNodeKind, MapPath, Sizes, palette};
use crate::scenario::model::Scenario;

fn rgb(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// The map of one scenario, as the Author screen shows it.
#[derive(Resource, Default)]
pub struct ScenarioMap {
    /// (scenario id, reload count) the map was laid out for.
    key: Option<(String, u32)>,
    pub map: Option<Arc<Map>>,
    /// The scenario the map shows (the catalog's copy when the map was built).
    pub scenario: Option<Arc<Scenario>>,
    /// The exact analysis, once the background task is done.
    pub stats: Option<Arc<Stats>>,
    pub best: Option<MapPath>,
    pub worst: Option<MapPath>,
    /// Per node id, how many of [`COVERAGE_RUNS`] random plays (as `klachtwijs explore`
    /// makes them, seeds 1, 2, …) arrived there; absent nodes no run reached.
    pub coverage: Option<std::collections::BTreeMap<String, u32>>,
    /// The file's diagnostics with the line they point at.
    pub diagnostics: Vec<DiagnosticView>,
    /// The exact analysis under way; it returns the map laid out again with it.
    task: Option<Background<ScenarioMap>>,
}

impl ScenarioMap {
    /// Whether the exact analysis is still running.
    pub fn analysing(&self) -> bool {
        self.task.is_some()
    }
}

/// How many random plays the coverage overlay is made of.
pub const COVERAGE_RUNS: u32 = 500;

/// Which paths are laid over the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlays {
    pub best: bool,
    pub worst: bool,
    pub played: bool,
    /// Boxes no random play reached stand out.
    pub coverage: bool,
}

impl Default for Overlays {
    fn default() -> Self {
        Overlays {
            best: true,
            worst: false,
            played: true,
            coverage: false,
        }
    }
}

/// How the author looks at the map. `offset` is the map point at the canvas's top-left
/// corner; a screen point is `canvas.min + (map point − offset) × zoom`.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct MapCamera {
    /// The scenario this view belongs to; another scenario starts fitted.
    pub scenario: String,
    pub zoom: f32,
    pub offset: Vec2,
    /// Fit the whole map at the next frame.
    pub fit: bool,
    /// Show the map as it first opens: readable across, from the top (see
    /// [`MapCamera::first_view`]).
    pub first: bool,
    /// The box with the keyboard highlight (index into `Map::nodes`).
    pub focus: Option<usize>,
    /// The box whose details are open (node or ending id).
    pub opened: Option<String>,
    pub overlays: Overlays,
    /// Scroll the page so that the canvas is at the top, once (the screenshot driver).
    pub scroll_into_view: bool,
}

impl Default for MapCamera {
    fn default() -> Self {
        MapCamera {
            scenario: String::new(),
            zoom: 1.0,
            offset: Vec2::ZERO,
            fit: false,
            first: true,
            focus: None,
            opened: None,
            overlays: Overlays::default(),
            scroll_into_view: false,
        }
    }
}

const MIN_ZOOM: f32 = 0.15;
const MAX_ZOOM: f32 = 2.5;

impl MapCamera {
    /// Shows the whole map inside a canvas of `size` points.
    fn fit_to(&mut self, map: &Map, size: Vec2) {
        let zoom = (size.x / map.width.max(1.0))
            .min(size.y / map.height.max(1.0))
            .clamp(MIN_ZOOM, 1.2);
        self.zoom = zoom;
        let shown = size / zoom;
        self.offset = egui::vec2(
            (map.width - shown.x) / 2.0,
            (map.height - shown.y).min(0.0) / 2.0,
        );
        self.fit = false;
    }

    /// The first view: the whole map when that keeps the boxes readable; otherwise its
    /// full width (at least half size) from the top, to drag or scroll down.
    fn first_view(&mut self, map: &Map, size: Vec2) {
        let across = size.x / map.width.max(1.0);
        if across * map.height <= size.y || across < 0.5 {
            self.fit_to(map, size);
        } else {
            self.zoom = across.min(1.0);
            self.offset = egui::vec2((map.width - size.x / self.zoom) / 2.0, 0.0);
        }
        self.first = false;
    }

    /// Zooms by `factor` keeping the map point under `anchor` (a canvas-relative point)
    /// where it is.
    fn zoom_by(&mut self, factor: f32, anchor: Vec2) {
        let before = self.offset + anchor / self.zoom;
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        self.offset = before - anchor / self.zoom;
    }

    /// Pans so that the map rectangle `r` lies inside a canvas of `size`, with a margin.
    fn reveal(&mut self, r: &crate::scenario::map::Rect, size: Vec2) {
        let shown = size / self.zoom;
        let margin = 24.0 / self.zoom;
        if r.x < self.offset.x + margin || r.x + r.w > self.offset.x + shown.x - margin {
            self.offset.x = r.x + r.w / 2.0 - shown.x / 2.0;
        }
        if r.y < self.offset.y + margin || r.y + r.h > self.offset.y + shown.y - margin {
            self.offset.y = r.y + r.h / 2.0 - shown.y / 2.0;
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ScenarioMap>()
        .init_resource::<MapCamera>()
        .add_systems(
            Update,
            finish_analysis
                .run_if(|m: Res<ScenarioMap>| m.analysing())
                .in_set(super::state::AppSystems::Input),
        );
}

/// Lays out the map of `scenario_id` when it or the catalog (`reloads`) changed, and
/// starts the exact analysis for it in the background.
pub fn prepare(
    maps: &mut ScenarioMap,
    catalog: &Catalog,
    scenario_id: &str,
    reloads: u32,
    proxy: Option<&EventLoopProxyWrapper>,
) {
    let key = (scenario_id.to_string(), reloads);
    if maps.key.as_ref() == Some(&key) {
        return;
    }
    *maps = ScenarioMap {
        key: Some(key),
        ..ScenarioMap::default()
    };
    let Some(entry) = catalog.find(scenario_id) else {
        return;
    };
    let Some(model) = catalog.rubric.model(entry.scenario.model) else {
        return;
    };
    let source = entry.source.text();
    let first = ScenarioMap::laid_out(entry.scenario.clone(), model, None, source.as_deref());
    *maps = ScenarioMap {
        key: maps.key.take(),
        diagnostics: entry.warnings.clone(),
        ..first
    };
    let scenario = entry.scenario.clone();
    let rubric = catalog.rubric.clone();
    let proxy = proxy.map(|p| (**p).clone());
    maps.task = Some(Background::spawn("map analysis", move || {
        let analysed = rubric.model(scenario.model).map(|model| {
            let stats = crate::scenario::analysis::analyze(&scenario, model);
            let coverage = crate::engine::Prepared::new(scenario.clone(), &rubric)
                .ok()
                .map(|p| crate::engine::random::node_coverage(&p, COVERAGE_RUNS, 1));
            ScenarioMap {
                coverage,
                ..ScenarioMap::laid_out(scenario, model, Some(stats), source.as_deref())
            }
        });
        if let Some(proxy) = proxy {
            let _ = proxy.send_event(WinitUserEvent::WakeUp);
        }
        analysed.unwrap_or_default()
    }));
}

impl ScenarioMap {
    /// The map of `scenario` laid out, with the analysis's steps, marks and witness paths
    /// when `stats` is given; `source` (the file's text) adds the file positions.
    pub fn laid_out(
        scenario: Arc<Scenario>,
        model: &crate::rubric::model::ModelRubric,
        stats: Option<Stats>,
        source: Option<&str>,
    ) -> ScenarioMap {
        let map = Map::build(&scenario, model, stats.as_ref(), source, Sizes::default());
        let path = |e: Option<&Extreme>| e.map(|e| map.path(&scenario, e));
        let best = path(stats.as_ref().and_then(|st| st.best.as_ref()));
        let worst = path(stats.as_ref().and_then(|st| st.worst.as_ref()));
        ScenarioMap {
            map: Some(Arc::new(map)),
            scenario: Some(scenario),
            stats: stats.map(Arc::new),
            best,
            worst,
            ..ScenarioMap::default()
        }
    }
}

fn finish_analysis(
    mut maps: ResMut<ScenarioMap>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let Some(task) = maps.task.as_ref() else {
        return;
    };
    let polled = task.poll();
    if matches!(polled, Polled::Lost) {
        maps.task = None;
    }
    if let Polled::Done(done) = polled {
        maps.task = None;
        if done.map.is_some() {
            maps.map = done.map;
            maps.scenario = done.scenario;
            maps.stats = done.stats;
            maps.best = done.best;
            maps.worst = done.worst;
            maps.coverage = done.coverage;
        }
        redraw.write(bevy::window::RequestRedraw);
    }
}

/// A played session's answers as a witness path, to lay over the map.
pub fn played_path(turns: &[crate::engine::Turn], scenario: &Scenario) -> Extreme {
    let path = turns
        .iter()
        .map(|t| PathStep {
            node: t.node.clone(),
            flared: t.flared,
            pick: match scenario.nodes.get(&t.node) {
                Some(n) if n.options.is_empty() => FileOrderAnswer::Items(t.chosen.clone()),
                _ => FileOrderAnswer::Option(t.chosen.first().copied().unwrap_or(0)),
            },
        })
        .collect();
    Extreme {
        ending: turns.last().map(|t| t.next.clone()).unwrap_or_default(),
        path,
        ..Extreme::default()
    }
}

/// What the author did on the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapAction {
    /// A node was picked as the place to test from.
    Pick(String),
}

/// The map panel: the toolbar (zoom, fit, overlays), the canvas, and the opened box's
/// details. `played` is the path of the latest test run of this scenario, if any.
pub fn map_panel(
    ui: &mut egui::Ui,
    s: &Strings,
    lang: crate::scenario::model::Language,
    maps: &ScenarioMap,
    camera: &mut MapCamera,
    played: Option<&MapPath>,
    selected: &str,
) -> Option<MapAction> {
    let (Some(map), Some(scenario)) = (&maps.map, &maps.scenario) else {
        return None;
    };
    if camera.scenario != map.scenario {
        *camera = MapCamera {
            scenario: map.scenario.clone(),
            overlays: camera.overlays,
            opened: camera.opened.take(),
            scroll_into_view: camera.scroll_into_view,
            ..MapCamera::default()
        };
    }
    let mut action = None;
    let canvas_size = egui::vec2(
        ui.available_width(),
        (ui.ctx().viewport_rect().height() * 0.62).max(260.0),
    );
    ui.horizontal_wrapped(|ui| {
        if ui.button("−").on_hover_text(s.map_zoom_out).clicked() {
            camera.zoom_by(1.0 / 1.25, canvas_size / 2.0);
        }
        ui.label(format!("{:.0}%", camera.zoom * 100.0));
        if ui.button("+").on_hover_text(s.map_zoom_in).clicked() {
            camera.zoom_by(1.25, canvas_size / 2.0);
        }
        if ui.button(s.map_fit).clicked() {
            camera.fit = true;
        }
        ui.separator();
        let best = maps.stats.as_ref().map(|st| st.best_score);
        let worst = maps.stats.as_ref().map(|st| st.worst_score);
        overlay_toggle(
            ui,
            &mut camera.overlays.best,
            s.map_best,
            best,
            palette::BEST,
        );
        overlay_toggle(
            ui,
            &mut camera.overlays.worst,
            s.map_worst,
            worst,
            palette::WORST,
        );
        if played.is_some() {
            overlay_toggle(ui, &mut camera.overlays.played, s.map_played, None, PLAYED);
        }
        if let Some(coverage) = &maps.coverage {
            let boxes = map
                .nodes
                .iter()
                .filter(|n| !matches!(n.kind, MapNodeKind::Ending(_)));
            let (reached, all) = boxes.fold((0, 0), |(r, a), n| {
                (r + usize::from(coverage.contains_key(&n.id)), a + 1)
            });
            let name = format!(
                "{} {reached}/{all} ({COVERAGE_RUNS} {})",
                s.map_coverage, s.map_runs
            );
            overlay_toggle(
                ui,
                &mut camera.overlays.coverage,
                &name,
                None,
                palette::FLARE,
            );
        }
        if maps.analysing() {
            ui.label(RichText::new(s.analysing).weak().italics());
        } else if let Some(stats) = &maps.stats
            && !stats.unreachable_nodes.is_empty()
        {
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    s.map_unreachable,
                    stats.unreachable_nodes.join(", ")
                ))
                .color(rgb(palette::WORST)),
            );
        }
    });
    let mut paths: Vec<(&MapPath, [u8; 3])> = Vec::new();
    if camera.overlays.worst
        && let Some(p) = &maps.worst
    {
        paths.push((p, palette::WORST));
    }
    if camera.overlays.best
        && let Some(p) = &maps.best
    {
        paths.push((p, palette::BEST));
    }
    if camera.overlays.played
        && let Some(p) = played
    {
        paths.push((p, PLAYED));
    }
    let unreached = maps.coverage.as_ref().filter(|_| camera.overlays.coverage);
    if let Some(id) = canvas(ui, map, camera, &paths, unreached, selected, canvas_size) {
        if !matches!(
            map.nodes.iter().find(|n| n.id == id).map(|n| n.kind),
            Some(MapNodeKind::Ending(_)) | None
        ) {
            action = Some(MapAction::Pick(id.clone()));
        }
        camera.opened = Some(id);
    }
    if let Some(id) = camera.opened.clone() {
        ui.add_space(8.0);
        if details(ui, s, lang, map, scenario, &maps.diagnostics, &id) {
            camera.opened = None;
        }
    }
    action
}

/// The colour of the latest test run's path.
const PLAYED: [u8; 3] = [0x00, 0x72, 0xB2];

fn overlay_toggle(ui: &mut egui::Ui, on: &mut bool, name: &str, score: Option<u32>, c: [u8; 3]) {
    let text = match score {
        Some(score) => format!("{name} ({score})"),
        None => name.to_string(),
    };
    ui.checkbox(on, RichText::new(text).color(rgb(c)).strong());
}

/// The canvas. Returns the id of a box the author clicked or opened with Enter.
#[allow(
    clippy::too_many_arguments,
    reason = "what the canvas shows, drawn together"
)]
fn canvas(
    ui: &mut egui::Ui,
    map: &Map,
    camera: &mut MapCamera,
    paths: &[(&MapPath, [u8; 3])],
    coverage: Option<&std::collections::BTreeMap<String, u32>>,
    selected: &str,
    size: Vec2,
) -> Option<String> {
    let (area, response) = ui.allocate_exact_size(size, egui::Sense::click_and_drag());
    if camera.first {
        camera.first_view(map, size);
    }
    if camera.fit {
        camera.fit_to(map, size);
    }
    let canvas_id = response.id;
    // The arrows belong to the canvas while it has focus, not to egui's focus moves.
    ui.memory_mut(|m| {
        m.set_focus_lock_filter(
            canvas_id,
            egui::EventFilter {
                horizontal_arrows: true,
                vertical_arrows: true,
                escape: true,
                tab: false,
            },
        )
    });
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::WidgetType::Other, true, map.scenario.as_str())
    });
    if response.clicked() || response.drag_started() {
        response.request_focus();
    }
    if std::mem::take(&mut camera.scroll_into_view) {
        // With the toolbar above the canvas in view.
        ui.scroll_to_rect(area.expand2(egui::vec2(0.0, 60.0)), Some(egui::Align::TOP));
    }
    if response.dragged() {
        camera.offset -= response.drag_delta() / camera.zoom;
    }
    if response.hovered() {
        let (zoom, scroll, pointer) =
            ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta, i.pointer.hover_pos()));
        let anchor = pointer.map_or(size / 2.0, |p| p - area.min);
        if zoom != 1.0 {
            camera.zoom_by(zoom, anchor);
        } else if scroll != Vec2::ZERO {
            camera.offset -= scroll / camera.zoom;
        }
    }
    let mut opened = None;
    if response.has_focus() {
        opened = keys(ui, map, camera, size);
    }
    let zoom = camera.zoom;
    let offset = camera.offset;
    let at = |x: f32, y: f32| area.min + (egui::vec2(x, y) - offset) * zoom;
    let painter = ui.painter_at(area);
    painter.rect_filled(area, 4.0, ui.visuals().extreme_bg_color);
    if response.has_focus() {
        painter.rect_stroke(
            area,
            4.0,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Inside,
        );
    }
    let visible = |r: Rect| area.intersects(r);

    let on_path = |e: usize| paths.iter().rev().find(|(p, _)| p.edges.contains(&e));
    for (e, edge) in map.edges.iter().enumerate() {
        let points: Vec<Pos2> = edge.points.iter().map(|&(x, y)| at(x, y)).collect();
        if !visible(Rect::from_points(&points)) {
            continue;
        }
        let (width, colour) = match on_path(e) {
            Some((_, c)) => (4.0, *c),
            None => (
                if edge.back { 1.0 } else { 1.6 },
                match edge.kind {
                    EdgeKind::Option => palette::OPTION,
                    EdgeKind::Condition => palette::CONDITION,
                    EdgeKind::FlagGate => palette::FLAG_GATE,
                    EdgeKind::Flare => palette::FLARE,
                },
            ),
        };
        let stroke = Stroke::new(width, rgb(colour));
        painter.add(egui::Shape::line(points.clone(), stroke));
        if let [.., before, tip] = points.as_slice() {
            let dir = (*tip - *before).normalized() * (8.0 * zoom).max(5.0);
            let side = egui::vec2(-dir.y, dir.x) * 0.5;
            painter.add(egui::Shape::convex_polygon(
                vec![*tip, *tip - dir + side, *tip - dir - side],
                rgb(colour),
                Stroke::NONE,
            ));
        }
    }

    let font = egui::FontId::proportional((15.0 * zoom).clamp(7.0, 28.0));
    let mut clicked = None;
    for (i, node) in map.nodes.iter().enumerate() {
        let r = Rect::from_min_size(
            at(node.rect.x, node.rect.y),
            egui::vec2(node.rect.w, node.rect.h) * zoom,
        );
        if !visible(r) {
            continue;
        }
        let (fill, text) = match node.kind {
            MapNodeKind::Ending(outcome) => (rgb(palette::outcome(outcome)), Color32::WHITE),
            _ => (
                rgb(node.step.map_or(palette::NO_STEP, palette::step)),
                Color32::from_rgb(0x1c, 0x1c, 0x22),
            ),
        };
        let fill = if node.unreachable {
            fill.gamma_multiply(0.35)
        } else {
            fill
        };
        let rounding = 6.0 * zoom.min(1.0);
        painter.rect_filled(r, rounding, fill);
        let path_colour = paths
            .iter()
            .rev()
            .find(|(p, _)| p.nodes.contains(&i))
            .map(|(_, c)| rgb(*c));
        let outline = if node.id == selected {
            Stroke::new(3.0, Color32::BLACK)
        } else if let Some(c) = path_colour {
            Stroke::new(3.0, c)
        } else {
            Stroke::new(1.0, Color32::from_gray(90))
        };
        painter.rect_stroke(r, rounding, outline, egui::StrokeKind::Inside);
        // Coverage: a box no random play reached gets a thick orange frame.
        if let Some(coverage) = coverage
            && !matches!(node.kind, MapNodeKind::Ending(_))
            && !coverage.contains_key(&node.id)
        {
            painter.rect_stroke(
                r.expand(3.0),
                rounding + 2.0,
                Stroke::new(4.0, rgb(palette::FLARE)),
                egui::StrokeKind::Outside,
            );
        }
        if response.has_focus() && camera.focus == Some(i) {
            painter.rect_stroke(
                r.expand(4.0),
                rounding + 3.0,
                Stroke::new(3.0, ui.visuals().selection.stroke.color),
                egui::StrokeKind::Outside,
            );
        }
        if !node.pitfalls.is_empty() {
            let corner = r.right_top();
            let size = (14.0 * zoom).max(5.0);
            painter.add(egui::Shape::convex_polygon(
                vec![
                    corner,
                    corner + egui::vec2(-size, 0.0),
                    corner + egui::vec2(0.0, size),
                ],
                rgb(palette::PITFALL),
                Stroke::NONE,
            ));
        }
        if zoom >= 0.35 {
            let label = if node.start {
                format!("▶ {}", node.id)
            } else {
                node.id.clone()
            };
            painter.with_clip_rect(r.intersect(area)).text(
                r.center(),
                egui::Align2::CENTER_CENTER,
                label,
                font.clone(),
                text,
            );
        }
        let boxed = ui.interact(
            r.intersect(area),
            ui.id().with(("map_node", &node.id)),
            egui::Sense::click(),
        );
        boxed.widget_info(|| {
            egui::WidgetInfo::labeled(egui::WidgetType::Button, true, accessible_name(node))
        });
        let boxed = boxed.on_hover_text(&node.label);
        super::marks::mark(ui, format!("map:{}", node.id), r);
        if boxed.clicked() {
            clicked = Some(node.id.clone());
            camera.focus = Some(i);
            response.request_focus();
        }
    }
    opened.or(clicked)
}

/// "node id, first line" (or "ending id: title") for screen readers.
fn accessible_name(node: &crate::scenario::map::MapNode) -> String {
    format!("{}: {}", node.id, node.label)
}

/// The canvas's keys. Returns the id of a box opened with Enter.
fn keys(ui: &mut egui::Ui, map: &Map, camera: &mut MapCamera, size: Vec2) -> Option<String> {
    use egui::{Key, Modifiers};
    let press = |key| ui.input_mut(|i| i.consume_key(Modifiers::NONE, key));
    let moves = [
        (Key::ArrowLeft, Move::Left),
        (Key::ArrowRight, Move::Right),
        (Key::ArrowUp, Move::Up),
        (Key::ArrowDown, Move::Down),
    ];
    for (key, step) in moves {
        if press(key) {
            let to = match camera.focus {
                Some(from) => neighbour(map, from, step).unwrap_or(from),
                None => map.nodes.iter().position(|n| n.start).unwrap_or(0),
            };
            if let Some(node) = map.nodes.get(to) {
                camera.focus = Some(to);
                camera.reveal(&node.rect, size);
            }
        }
    }
    if press(Key::Plus) || press(Key::Equals) {
        camera.zoom_by(1.25, size / 2.0);
    }
    if press(Key::Minus) {
        camera.zoom_by(1.0 / 1.25, size / 2.0);
    }
    if press(Key::Num0) {
        camera.fit = true;
    }
    if press(Key::Escape) {
        camera.opened = None;
    }
    if press(Key::Enter) {
        return camera
            .focus
            .and_then(|i| map.nodes.get(i))
            .map(|n| n.id.clone());
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Left,
    Right,
    Up,
    Down,
}

/// The box an arrow key moves to from box `from`: the next one in the row, or the one in
/// the row above or below whose centre is nearest; `None` at an edge.
fn neighbour(map: &Map, from: usize, step: Move) -> Option<usize> {
    let here = map.nodes.get(from)?;
    let (cx, _) = here.rect.centre();
    let in_layer = |layer: usize| {
        map.nodes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.layer == layer)
    };
    match step {
        Move::Left => in_layer(here.layer)
            .filter(|(_, n)| n.order < here.order)
            .max_by_key(|(_, n)| n.order)
            .map(|(i, _)| i),
        Move::Right => in_layer(here.layer)
            .filter(|(_, n)| n.order > here.order)
            .min_by_key(|(_, n)| n.order)
            .map(|(i, _)| i),
        Move::Up | Move::Down => {
            // The nearest row in that direction that has a box (long arrows leave rows
            // with only dummy points).
            let rows: Vec<usize> = if step == Move::Up {
                (0..here.layer).rev().collect()
            } else {
                (here.layer + 1..map.layers).collect()
            };
            rows.into_iter().find_map(|layer| {
                in_layer(layer)
                    .min_by(|(_, a), (_, b)| {
                        let da = (a.rect.centre().0 - cx).abs();
                        let db = (b.rect.centre().0 - cx).abs();
                        da.total_cmp(&db)
                    })
                    .map(|(i, _)| i)
            })
        }
    }
}

/// The opened box: its lines, answers with their tags and where they lead, the
/// diagnostics that point into it, and its place in the file. Returns true on "close".
fn details(
    ui: &mut egui::Ui,
    s: &Strings,
    ui_lang: crate::scenario::model::Language,
    map: &Map,
    scenario: &Scenario,
    diagnostics: &[DiagnosticView],
    id: &str,
) -> bool {
    let mut close = false;
    let Some(index) = map.node_index(id) else {
        return true;
    };
    let shown = &map.nodes[index];
    let lang = scenario.language;
    egui::Frame::group(ui.style())
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new(id).monospace().strong().size(20.0));
                if let Some((line, col)) = shown.position {
                    ui.label(RichText::new(format!("{} {line}:{col}", s.map_in_file)).weak());
                }
                if ui.button(s.close).clicked() {
                    close = true;
                }
            });
            if let Some(ending) = scenario.endings.get(id) {
                ui.label(RichText::new(&ending.title).strong());
                if let Some(says) = &ending.says {
                    ui.label(format!("“{says}”"));
                }
                ui.label(&ending.narrative);
                return;
            }
            let Some(node) = scenario.nodes.get(id) else {
                return;
            };
            for says in &node.says {
                ui.label(format!("“{says}”"));
            }
            if let Some(thought) = node.thought.as_deref() {
                ui.label(RichText::new(thought).italics().weak());
            }
            if let Some(flare) = &node.flare {
                ui.label(
                    RichText::new(format!(
                        "{} {}% → {}",
                        s.map_arrows[3], flare.chance, flare.to
                    ))
                    .color(rgb(palette::FLARE)),
                );
            }
            ui.add_space(6.0);
            for (k, option) in node.options.iter().enumerate() {
                answer_row(
                    ui,
                    k,
                    &option.text,
                    &option.shows,
                    &option.pitfalls,
                    &option.next,
                );
                for b in &option.branches {
                    ui.label(
                        RichText::new(format!(
                            "      {} → {}",
                            crate::scenario::map::describe(&b.when, lang),
                            b.to
                        ))
                        .color(rgb(palette::CONDITION)),
                    );
                }
            }
            if let Some(select) = &node.select {
                for (k, item) in select.items.iter().enumerate() {
                    let mark = if item.belongs { "✔" } else { "✖" };
                    answer_row(
                        ui,
                        k,
                        &format!("{mark} {}", item.text),
                        &item.shows,
                        &item.pitfalls,
                        "",
                    );
                }
                ui.label(RichText::new(format!("→ {}", select.next)).monospace());
            }
            let span = node_lines(map, index);
            let own: Vec<&DiagnosticView> = diagnostics
                .iter()
                .filter(|d| span.as_ref().is_some_and(|r| r.contains(&d.line)))
                .collect();
            if !own.is_empty() {
                ui.add_space(6.0);
                for d in own {
                    super::library::diagnostic_ui(ui, d, ui_lang);
                }
            }
        });
    close
}

fn answer_row(
    ui: &mut egui::Ui,
    k: usize,
    text: &str,
    shows: &[String],
    pitfalls: &[String],
    next: &str,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{}.", k + 1)).strong());
        ui.label(text);
        for p in shows {
            ui.label(RichText::new(p).monospace().color(rgb(palette::BEST)));
        }
        for p in pitfalls {
            ui.label(RichText::new(p).monospace().color(rgb(palette::PITFALL)));
        }
        if !next.is_empty() {
            ui.label(RichText::new(format!("→ {next}")).monospace());
        }
    });
}

/// The file lines a node's text covers: from its id's line up to the next box's line.
fn node_lines(map: &Map, index: usize) -> Option<std::ops::Range<usize>> {
    let (line, _) = map.nodes[index].position?;
    let next = map
        .nodes
        .iter()
        .filter_map(|n| n.position.map(|(l, _)| l))
        .filter(|&l| l > line)
        .min()
        .unwrap_or(usize::MAX);
    Some(line..next)
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
