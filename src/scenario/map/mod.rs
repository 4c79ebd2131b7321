//! The scenario map: a plain-data view model of the conversation graph, laid out in rows
//! from the start down to the endings, for the Author screen (egui) and `klachtwijs map`
//! (SVG, [`svg`]).
//!
//! [`Map::build`] takes a scenario, its model rubric and optionally the exact analysis
//! ([`Stats`]) and the file's text:
//! - **nodes** ([`MapNode`]): every node (file order) and then every ending, each with its
//!   box, its row, the werkmodel step its best answer works on, the pitfalls its answers
//!   offer, the ending's outcome and the line and column of its id in the file;
//! - **edges** ([`MapEdge`]): one arrow per (node, target, kind, condition), listing the
//!   options that take it; kinds: option, mood condition, flag gate, flare-up; marked
//!   when it goes to an ending or is drawn upwards (a loop back);
//! - [`Map::path`] turns a witness play ([`Extreme::path`]) into the arrows it takes, so
//!   the best and worst play (or the play the author just made) can be highlighted.
//!
//! **The step of a node.** On the analysis's best play, a node's step is the step of the
//! answer that play gives there (the exact analysis). Elsewhere the answers are compared
//! with the one scoring fold ([`ScoreState::apply`]) from an empty score, reached by a
//! flare-up when the node is a flare's target; the best is the answer that raises the
//! total most (first in file order on a tie; on a select turn: the items that belong).
//! The step shown is the latest step whose points that answer shows: where the
//! conversation has got to. `None` when it shows none.
//!
//! Deterministic: nodes and endings in `BTreeMap` order, the layout ([`layout`]) breaks
//! every tie by index.
//!
//! Over 500 lines: the view model, its building from a scenario and the witness-path
//! mapping share private helpers.

pub mod layout;
pub mod svg;

use serde::Serialize;

use crate::locale::fluent_strings;
use crate::rubric::model::ModelRubric;
use crate::rubric::score::{Finish, ScoreState, Scorer};
use crate::scenario::analysis::{Extreme, FileOrderAnswer, Stats};
use crate::scenario::locate::{Locator, Step};
use crate::scenario::model::{Condition, Language, Node, Outcome, Scenario};

pub use layout::Sizes;

/// A box on the map, in map units (pixels at zoom 1); `x`, `y` is the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn centre(&self) -> (f32, f32) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Whether two boxes share interior area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }
}

/// What a box stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MapNodeKind {
    /// A talk turn (pick one option).
    Talk,
    /// A multi-select turn.
    Select,
    Ending(Outcome),
}

/// One box: a node or an ending.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapNode {
    pub id: String,
    pub kind: MapNodeKind,
    pub rect: Rect,
    /// Row, 0 at the top; every ending is in the last row.
    pub layer: usize,
    /// Position in the row, 0 at the left (for arrow-key navigation).
    pub order: usize,
    /// Whether this is the scenario's start.
    pub start: bool,
    /// A short label: the first variant of the line, or the ending's title.
    pub label: String,
    /// The step (index into [`Map::steps`]) the best answer here works on; see the module
    /// docs. `None` for endings and for nodes whose best answer shows no step's point.
    pub step: Option<usize>,
    /// The best answer here: the option (file order) or the items.
    pub best: Option<FileOrderAnswer>,
    /// The pitfalls (ids, first-seen order) an option or item of this node falls into:
    /// where the map puts its "tempting pitfall" marker.
    pub pitfalls: Vec<String>,
    /// Whether the node has a flare (a chance of a flare-up on arrival).
    pub flare: bool,
    /// Whether no play reaches it (known when the analysis was given).
    pub unreachable: bool,
    /// The 1-based line and column of its id in the file, when the text was given.
    pub position: Option<(usize, usize)>,
}

/// How an arrow is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// An answer's `next`.
    Option,
    /// A branch whose condition tests only the mood.
    Condition,
    /// A branch whose condition tests a flag.
    FlagGate,
    /// A flare-up on arrival.
    Flare,
}

/// One arrow between two boxes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapEdge {
    /// Indices into [`Map::nodes`].
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    /// The options (file order, 0-based) that take this arrow; empty for a select turn and
    /// for a flare-up.
    pub options: Vec<usize>,
    /// The branch condition ([`describe`] puts it in words).
    pub condition: Option<Condition>,
    /// A flare-up's chance in percent, as written.
    pub chance: Option<u8>,
    pub to_ending: bool,
    /// Drawn upwards or as a loop: it goes back to an earlier row.
    pub back: bool,
    /// The polyline, from the source box's border to the target box's border.
    pub points: Vec<(f32, f32)>,
}

/// The laid-out map of one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Map {
    pub scenario: String,
    /// The scenario's language (for [`describe`] and labels).
    pub language: Language,
    /// Step ids of the model, in model order ([`MapNode::step`] indexes them).
    pub steps: Vec<String>,
    /// Nodes in file (id) order, then endings in id order.
    pub nodes: Vec<MapNode>,
    pub edges: Vec<MapEdge>,
    pub width: f32,
    pub height: f32,
    pub layers: usize,
    /// Arrow crossings of the layout.
    pub crossings: usize,
}

/// A witness play mapped onto the map.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MapPath {
    /// Indices into [`Map::nodes`], in play order, the ending last.
    pub nodes: Vec<usize>,
    /// Indices into [`Map::edges`], in play order.
    pub edges: Vec<usize>,
}

/// Colours shared by the SVG and the app, as RGB.
pub mod palette {
    use crate::scenario::model::Outcome;

    /// Fill of a node whose best answer works on step `k` (Okabe–Ito tints, told apart
    /// with colour-blindness too; the box also names the step).
    pub fn step(k: usize) -> [u8; 3] {
        const STEPS: [[u8; 3]; 5] = [
            [0xBF, 0xE3, 0xF7], // sky blue
            [0xB3, 0xE6, 0xD6], // bluish green
            [0xF8, 0xDC, 0xA6], // orange
            [0xEE, 0xCB, 0xE0], // reddish purple
            [0xF7, 0xF1, 0xA8], // yellow
        ];
        STEPS.get(k).copied().unwrap_or([0xE0, 0xE0, 0xE0])
    }

    /// Fill of a node without a step.
    pub const NO_STEP: [u8; 3] = [0xEE, 0xEE, 0xEE];

    /// Fill of an ending by outcome.
    pub fn outcome(outcome: Outcome) -> [u8; 3] {
        match outcome {
            Outcome::Resolved => [0x1B, 0x7F, 0x3B],
            Outcome::PartlyResolved => [0x6A, 0xA8, 0x4F],
            Outcome::Referred => [0x2B, 0x6C, 0xB0],
            Outcome::Boundary => [0x6B, 0x4C, 0x9A],
            Outcome::Escalated => [0xC0, 0x39, 0x2B],
            Outcome::Abandoned => [0x6E, 0x6E, 0x6E],
        }
    }

    /// Arrow colours.
    pub const OPTION: [u8; 3] = [0x55, 0x5B, 0x66];
    pub const CONDITION: [u8; 3] = [0x2B, 0x6C, 0xB0];
    pub const FLAG_GATE: [u8; 3] = [0x8E, 0x44, 0xAD];
    pub const FLARE: [u8; 3] = [0xD3, 0x54, 0x00];
    pub const BEST: [u8; 3] = [0x1B, 0x9E, 0x4B];
    pub const WORST: [u8; 3] = [0xC0, 0x39, 0x2B];
    pub const PITFALL: [u8; 3] = [0xC0, 0x39, 0x2B];
}

impl Map {
    /// Lays out `scenario`. `stats` (the exact analysis) adds the best play's steps and
    /// the unreachable marks; `source` (the file's text) adds the file positions.
    pub fn build(
        scenario: &Scenario,
        model: &ModelRubric,
        stats: Option<&Stats>,
        source: Option<&str>,
        sizes: Sizes,
    ) -> Map {
        let scorer = Scorer::new(model).ok();
        let node_ids: Vec<&String> = scenario.nodes.keys().collect();
        let ending_ids: Vec<&String> = scenario.endings.keys().collect();
        let n = node_ids.len() + ending_ids.len();
        let index: std::collections::BTreeMap<&str, usize> = node_ids
            .iter()
            .chain(&ending_ids)
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let index_of = |id: &str| index.get(id).copied();
        let flare_targets: Vec<&str> = scenario
            .nodes
            .values()
            .filter_map(|nd| nd.flare.as_ref().map(|f| f.to.as_str()))
            .collect();

        // Edges, merged per (from, to, kind, condition).
        let mut edges: Vec<MapEdge> = Vec::new();
        for (from, node) in scenario.nodes.values().enumerate() {
            let mut add = |to: &str, kind, option: Option<usize>, condition, chance| {
                let Some(to) = index_of(to) else { return };
                let found = edges.iter_mut().find(|e| {
                    e.from == from && e.to == to && e.kind == kind && e.condition == condition
                });
                let edge = match found {
                    Some(e) => e,
                    None => {
                        edges.push(MapEdge {
                            from,
                            to,
                            kind,
                            options: Vec::new(),
                            condition,
                            chance,
                            to_ending: to >= node_ids.len(),
                            back: false,
                            points: Vec::new(),
                        });
                        let last = edges.len() - 1;
                        &mut edges[last]
                    }
                };
                edge.options.extend(option);
            };
            if let Some(f) = &node.flare {
                add(&f.to, EdgeKind::Flare, None, None, Some(f.chance));
            }
            let mut routes: Vec<(Option<usize>, &str, &[crate::scenario::model::Branch])> =
                Vec::new();
            match node.select.as_ref().filter(|_| node.options.is_empty()) {
                Some(s) => routes.push((None, &s.next, &s.branches)),
                None => {
                    for (i, c) in node.options.iter().enumerate() {
                        routes.push((Some(i), &c.next, &c.branches));
                    }
                }
            }
            for (option, next, branches) in routes {
                for b in branches {
                    let kind = if tests_flag(&b.when) {
                        EdgeKind::FlagGate
                    } else {
                        EdgeKind::Condition
                    };
                    add(&b.to, kind, option, Some(b.when.clone()), None);
                }
                add(next, EdgeKind::Option, option, None, None);
            }
        }

        let sink: Vec<bool> = (0..n).map(|i| i >= node_ids.len()).collect();
        let pairs: Vec<(usize, usize)> = edges.iter().map(|e| (e.from, e.to)).collect();
        let out = layout::layout(&layout::Input {
            n,
            start: index_of(&scenario.start).filter(|&i| i < node_ids.len()),
            sink: &sink,
            edges: &pairs,
            sizes,
        });
        for (e, edge) in edges.iter_mut().enumerate() {
            edge.back = out.back[e];
            edge.points = out.points[e].clone();
        }

        // The best play's answer per node, first visit.
        let best_path = stats.and_then(|s| s.best.as_ref()).map(|b| &b.path);
        let mut locator = source.map(Locator::new);
        let rect_at = |i: usize| {
            let (cx, cy) = out.centre[i];
            Rect {
                x: cx - sizes.node_w / 2.0,
                y: cy - sizes.node_h / 2.0,
                w: sizes.node_w,
                h: sizes.node_h,
            }
        };
        let mut nodes: Vec<MapNode> = Vec::with_capacity(n);
        for (i, (id, node)) in scenario.nodes.iter().enumerate() {
            let on_best = best_path
                .and_then(|p| p.iter().find(|s| &s.node == id))
                .map(|s| s.pick.clone());
            let flared = flare_targets.contains(&id.as_str());
            let best = on_best.or_else(|| {
                scorer
                    .as_ref()
                    .and_then(|s| best_answer(s, s.open_finish(scenario), node, flared))
            });
            let step = match (&best, &scorer) {
                (Some(pick), Some(s)) => latest_step(s, node, pick),
                _ => None,
            };
            nodes.push(MapNode {
                id: id.clone(),
                kind: if node.options.is_empty() && node.select.is_some() {
                    MapNodeKind::Select
                } else {
                    MapNodeKind::Talk
                },
                rect: rect_at(i),
                layer: out.layer[i],
                order: out.order[i],
                start: *id == scenario.start,
                label: node.says.first().cloned().unwrap_or_default(),
                step,
                best,
                pitfalls: offered_pitfalls(node),
                flare: node.flare.is_some(),
                unreachable: stats.is_some_and(|s| s.unreachable_nodes.contains(id)),
                position: locator
                    .as_mut()
                    .map(|l| l.find(&[Step::Field("nodes"), Step::Key(id)])),
            });
        }
        let reached_endings: Option<Vec<&str>> =
            stats.map(|s| s.per_ending.iter().map(|e| e.id.as_str()).collect());
        for (j, (id, ending)) in scenario.endings.iter().enumerate() {
            let i = node_ids.len() + j;
            nodes.push(MapNode {
                id: id.clone(),
                kind: MapNodeKind::Ending(ending.outcome),
                rect: rect_at(i),
                layer: out.layer[i],
                order: out.order[i],
                start: false,
                label: ending.title.clone(),
                step: None,
                best: None,
                pitfalls: Vec::new(),
                flare: false,
                unreachable: reached_endings
                    .as_ref()
                    .is_some_and(|r| !r.contains(&id.as_str())),
                position: locator
                    .as_mut()
                    .map(|l| l.find(&[Step::Field("endings"), Step::Key(id)])),
            });
        }
        Map {
            scenario: scenario.id.clone(),
            language: scenario.language,
            steps: model.steps.iter().map(|s| s.id.clone()).collect(),
            nodes,
            edges,
            width: out.width,
            height: out.height,
            layers: out.layers,
            crossings: out.crossings,
        }
    }

    /// The index of the node or ending with this id.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    /// The arrows a witness play takes (a step marked `flared` arrived by a flare-up:
    /// the answer before it went to the flaring node, whose flare arrow follows). Steps
    /// the map cannot follow (another scenario's path) are skipped.
    pub fn path(&self, scenario: &Scenario, extreme: &Extreme) -> MapPath {
        let mut out = MapPath::default();
        let steps = &extreme.path;
        let push_node = |out: &mut MapPath, i: usize| {
            if out.nodes.last() != Some(&i) {
                out.nodes.push(i);
            }
        };
        // A flare-up at the start node itself.
        if let (Some(first), Some(start)) = (steps.first(), self.node_index(&scenario.start))
            && first.flared
            && let Some(to) = self.node_index(&first.node)
            && let Some(e) = self.edge(start, to, EdgeKind::Flare, None)
        {
            push_node(&mut out, start);
            out.edges.push(e);
        }
        for (k, step) in steps.iter().enumerate() {
            let Some(from) = self.node_index(&step.node) else {
                continue;
            };
            push_node(&mut out, from);
            let option = match step.pick {
                FileOrderAnswer::Option(i) => Some(i),
                FileOrderAnswer::Items(_) => None,
            };
            let (target, flared) = match steps.get(k + 1) {
                Some(next) => (next.node.as_str(), next.flared),
                None => (extreme.ending.as_str(), false),
            };
            let Some(target) = self.node_index(target) else {
                continue;
            };
            if !flared {
                if let Some(e) = self.answer_edge(from, target, option) {
                    out.edges.push(e);
                }
                continue;
            }
            // Arrived by a flare-up: find the node the answer went to whose flare leads on.
            let via = self.edges.iter().enumerate().find(|(_, e)| {
                e.from == from
                    && e.kind != EdgeKind::Flare
                    && (option.is_none() || e.options.contains(&option.unwrap_or(0)))
                    && self.edge(e.to, target, EdgeKind::Flare, None).is_some()
            });
            if let Some((e, edge)) = via {
                out.edges.push(e);
                push_node(&mut out, edge.to);
                if let Some(f) = self.edge(edge.to, target, EdgeKind::Flare, None) {
                    out.edges.push(f);
                }
            }
        }
        if let Some(end) = self.node_index(&extreme.ending) {
            push_node(&mut out, end);
        }
        out
    }

    /// The first arrow from `from` to `to` of `kind` (taken by `option`, when given).
    fn edge(&self, from: usize, to: usize, kind: EdgeKind, option: Option<usize>) -> Option<usize> {
        self.edges.iter().position(|e| {
            e.from == from
                && e.to == to
                && e.kind == kind
                && option.is_none_or(|o| e.options.contains(&o))
        })
    }

    /// The arrow an answer took to `to`: its `next` if that leads there, else a branch.
    fn answer_edge(&self, from: usize, to: usize, option: Option<usize>) -> Option<usize> {
        [EdgeKind::Option, EdgeKind::Condition, EdgeKind::FlagGate]
            .into_iter()
            .find_map(|kind| self.edge(from, to, kind, option))
    }
}

/// Whether a condition tests a flag anywhere.
fn tests_flag(c: &Condition) -> bool {
    match c {
        Condition::Flag(_) | Condition::NotFlag(_) => true,
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(tests_flag),
        _ => false,
    }
}

fluent_strings! {
    /// The map's words in one language (`locales/LANG/map.ftl`): conditions in words, the
    /// SVG legend, the outcome names.
    pub struct Words in "map" {
        texts {
            condition_anger,
            condition_trust,
            condition_not,
            condition_and,
            condition_or,
            condition_always,
            condition_never,
        }
        lists {
            /// The SVG legend, in drawing order ([`svg::SvgOptions::legend`]).
            legend: [
                legend_start,
                legend_tempting,
                legend_flare_possible,
                legend_select,
                legend_unreached,
                legend_answer,
                legend_mood_condition,
                legend_flag_gate,
                legend_flare_up,
                legend_best,
                legend_worst,
            ],
            /// The outcome names, in [`svg::OUTCOMES`] order.
            outcomes: [
                outcome_resolved,
                outcome_partly_resolved,
                outcome_referred,
                outcome_boundary,
                outcome_escalated,
                outcome_abandoned,
            ],
        }
    }
}

/// The map's words in `lang`.
pub fn words(lang: Language) -> &'static Words {
    match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

/// A condition in words, in `lang`: `anger ≥ 80`, `trust < 40`, `gebeld`, `not gebeld`,
/// joined with `and` / `or` (`boosheid ≥ 80`, `niet gebeld`, `en`, `of` in Dutch).
pub fn describe(c: &Condition, lang: Language) -> String {
    let w = words(lang);
    let group = |cs: &[Condition], all: bool| {
        let parts: Vec<String> = cs
            .iter()
            .map(|c| match c {
                Condition::All(_) | Condition::Any(_) => format!("({})", describe(c, lang)),
                _ => describe(c, lang),
            })
            .collect();
        match (parts.is_empty(), all) {
            (true, true) => w.condition_always.to_string(),
            (true, false) => w.condition_never.to_string(),
            _ => parts.join(&format!(
                " {} ",
                if all { w.condition_and } else { w.condition_or }
            )),
        }
    };
    let (anger, trust, not) = (w.condition_anger, w.condition_trust, w.condition_not);
    match c {
        Condition::AngerAtLeast(n) => format!("{anger} ≥ {n}"),
        Condition::AngerBelow(n) => format!("{anger} < {n}"),
        Condition::TrustAtLeast(n) => format!("{trust} ≥ {n}"),
        Condition::TrustBelow(n) => format!("{trust} < {n}"),
        Condition::Flag(f) => f.clone(),
        Condition::NotFlag(f) => format!("{not} {f}"),
        Condition::All(cs) => group(cs, true),
        Condition::Any(cs) => group(cs, false),
    }
}

/// The pitfalls an option or item of `node` falls into, each once, first-seen order.
fn offered_pitfalls(node: &Node) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let lists = node.options.iter().map(|c| &c.pitfalls).chain(
        node.select
            .iter()
            .flat_map(|s| s.items.iter().map(|i| &i.pitfalls)),
    );
    for p in lists.flatten() {
        if !out.contains(p) {
            out.push(p.clone());
        }
    }
    out
}

/// The answer that raises the total most from an empty score (the one fold), first in
/// file order on a tie; on a select turn the items that belong.
fn best_answer(
    scorer: &Scorer,
    finish: Finish,
    node: &Node,
    flared: bool,
) -> Option<FileOrderAnswer> {
    if let Some(select) = node.select.as_ref().filter(|_| node.options.is_empty()) {
        let items: Vec<usize> = (0..select.items.len())
            .filter(|&i| select.items[i].belongs)
            .collect();
        return (!items.is_empty()).then_some(FileOrderAnswer::Items(items));
    }
    let value = |i: usize| {
        let tags = crate::engine::answer_tags(node, &[i]);
        let mut state = ScoreState::default();
        let pits: Vec<u8> = scorer.pitfall_indices(&tags.pitfalls);
        let wrong = tags.wrong_facts.len().min(255) as u8;
        state.apply(
            scorer,
            scorer.shows_mask(&tags.shows),
            &pits,
            wrong,
            flared,
            |_| {},
        );
        state.margin(scorer, finish)
    };
    (0..node.options.len())
        .map(|i| (i, value(i)))
        .fold(None, |acc: Option<(usize, i32)>, (i, v)| match acc {
            Some((_, bv)) if bv >= v => acc,
            _ => Some((i, v)),
        })
        .map(|(i, _)| FileOrderAnswer::Option(i))
}

/// The latest step whose points the answer shows.
fn latest_step(scorer: &Scorer, node: &Node, pick: &FileOrderAnswer) -> Option<usize> {
    let chosen: Vec<usize> = match pick {
        FileOrderAnswer::Option(i) => vec![*i],
        FileOrderAnswer::Items(items) => items.clone(),
    };
    let tags = crate::engine::answer_tags(node, &chosen);
    let steps = scorer.steps_of(scorer.shows_mask(&tags.shows));
    (steps != 0).then(|| 63 - steps.leading_zeros() as usize)
}
