//! Exact path analysis: the true best and worst score of a scenario, overall and per
//! ending, with a path that earns each; every node, step, point, pitfall and ending that
//! some play can reach (conditions respected); and the positions from which no ending can
//! be reached.
//!
//! Where a conversation goes depends only on its *position*: (node, mood, flags, reached
//! by a flare-up), never on the score. So the analysis first builds the graph of reachable
//! positions, then lets the scores ride along it. The scoring fold is monotone
//! ([`ScoreState::at_least_as_good_as`]): of the states that reach one position, only those
//! no other state there beats can lead to a best (and only those no other state is worse
//! than can lead to a worst). Keeping just those Pareto sets makes the search exact and
//! small. Loops are harmless: a state that goes round a loop without showing a new point
//! is beaten by itself before the loop.
//!
//! Both outcomes of every flare are followed (unless the temperament-adjusted chance is 0
//! or 100). Mood is deterministic, as in the engine, and a position holds it only up to
//! what the future can tell apart ([`mood_classes`]): two moods that pass every
//! condition ahead alike are one position.
//!
//! Select turns: an item that only earns points is always worth taking for the best (and
//! never for the worst), one that only costs the other way round; the items that do both,
//! or set flags, are tried in every combination (up to [`EXHAUSTIVE_ITEMS`] of them), and
//! per flag set only the subsets no other subset beats (or is worse than) are kept. More
//! such items are tried with a heuristic set and make the result inexact.
//!
//! The overall best search prunes states whose optimistic bound cannot beat the best found,
//! and both searches stop at the end of the scale (100, 0). Each ending then gets searches
//! of its own for its best and worst, spread over the cores. They prune with bounds
//! taken from the position graph walked backwards from that ending ([`Toward`]): which
//! positions can still reach it, the points on the way, whether anything on the way
//! costs, and the least it must cost. They have a smaller state limit and say when they
//! stopped (`EndingRange::exact`).
//!
//! The search is bounded by [`Limits`]. When a limit is hit, `exact` is false, the reason
//! is in `limit`, and best and worst are what was found: a lower bound for the best ("at
//! least") and an upper bound for the worst ("at most"). The property test
//! `tests/analysis_props.rs` compares everything here with brute-force enumeration.
//!
//! Over 500 lines: the compiled scenario (routes, answers, select subsets), the position
//! graph's edges and the Pareto search over them share one set of private types
//! (`Position`, `Route`, `Answer`, `Edge`, `ScoreState` per entry) whose invariants the
//! search relies on, and [`Compiled::analyze`] ties them together. What stands on its own
//! is in the submodules: the mood classes, the position index, the depth-first walk with
//! Tarjan's components (`walk`) and the per-ending bounds (`toward`).

use std::collections::{BTreeMap, BTreeSet, BinaryHeap};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use crate::rubric::model::ModelRubric;
use crate::rubric::score::{Finish, MAX_PITFALLS, ScoreState, Scorer};
use crate::scenario::id_index::IdIndex;
use crate::scenario::messages::say;
use crate::scenario::model::{
    Condition, ConditionOf, Mood, MoodShift, Node, Outcome, Scenario, Text,
};
use crate::scenario::mood::{condition_holds_by, flare_chance, shift_mood};

mod mood_classes;
mod position_index;
mod toward;
mod walk;
use mood_classes::{MoodClasses, MoodRoute};
use position_index::PositionIndex;
use toward::{Components, LeastCost, NodeFloor, TowardEnding};

/// Select turns with at most this many items are enumerated exhaustively.
pub const EXHAUSTIVE_ITEMS: usize = 16;

/// How far the analysis may go before it reports bounds instead of exact values.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Distinct positions (node, mood, flags, flared).
    pub positions: usize,
    /// Scoring states kept over all positions, per search.
    pub states: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            positions: 2_000_000,
            states: 4_000_000,
        }
    }
}

/// One answered turn on a path: the node and the answer in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathStep {
    pub node: String,
    /// Whether the node was reached by a flare-up.
    pub flared: bool,
    pub pick: FileOrderAnswer,
}

/// An answer in file order (0-based), unlike the displayed positions of `Answer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileOrderAnswer {
    Option(usize),
    Items(Vec<usize>),
}

/// A best or worst play: its score, its ending, the path and its step scores.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Extreme {
    pub score: u32,
    pub ending: String,
    pub path: Vec<PathStep>,
    /// Step scores at the end of the path, in model order.
    pub steps: Vec<u32>,
    /// Per step (model order): the core points the path does not show (empty for a step
    /// that does not apply on the ending).
    pub missing_core: Vec<Vec<String>>,
}

/// The highest and lowest score of the plays that end at one ending. Exact when `exact`;
/// otherwise what was found: some play reaching the ending scores `best` (the true best
/// may be higher) and some scores `worst` (the true worst may be lower). `None` when no
/// such play was met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndingRange {
    pub id: String,
    pub outcome: Outcome,
    pub best: Option<u32>,
    pub worst: Option<u32>,
    pub exact: bool,
}

/// What the searches of one ending found.
struct EndingSearch {
    ending: u32,
    best: Option<u32>,
    worst: Option<u32>,
    exact: bool,
    states: usize,
}

/// The state limit of each per-ending search.
const PER_ENDING_STATES: usize = 500_000;

/// How far a per-ending best search goes with the floors under the least costs before it
/// starts again with the exact ones ([`LeastCost`]), where the cycles are large enough
/// for that try to pay.
const FLOOR_STATES: usize = 10_000;

/// What the analysis found.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Stats {
    pub nodes: usize,
    pub endings: usize,
    pub reachable_endings: usize,
    /// Number of distinct plays (answers and flare outcomes) from start to an ending,
    /// saturating.
    pub paths: u64,
    /// True when `paths` is a lower bound: a loop can repeat without limit, the count
    /// overflowed, or the analysis stopped early.
    pub paths_capped: bool,
    pub best_score: u32,
    pub worst_score: u32,
    pub best: Option<Extreme>,
    pub worst: Option<Extreme>,
    /// Per reachable ending (file order), the best and worst score found.
    pub per_ending: Vec<EndingRange>,
    /// Node ids no play reaches.
    pub unreachable_nodes: Vec<String>,
    /// Steps (ids, model order) some play earns credit in.
    pub reachable_steps: Vec<String>,
    /// Attention points (ids, rubric order) some play shows.
    pub reachable_points: Vec<String>,
    /// Pitfalls (ids, rubric order) some play falls into.
    pub reachable_pitfalls: Vec<String>,
    /// Nodes with a reachable position from which no ending can be reached.
    pub traps: Vec<String>,
    /// Whether some play to an ending earns every step that applies there.
    pub all_steps_possible: bool,
    /// Distinct positions explored.
    pub positions: usize,
    /// Scoring states kept, best and worst search together.
    pub states: usize,
    /// False when a limit was hit; see `limit`.
    pub exact: bool,
    /// Why the analysis is not exact, in English and Dutch (KW023 shows it in either;
    /// `check --stats` prints the English). Serialised as the English text.
    #[serde(serialize_with = "english")]
    pub limit: Option<Text>,
}

/// Serialises an optional two-language text as its English wording, the field's form
/// before the Dutch was added.
fn english<S: serde::Serializer>(text: &Option<Text>, s: S) -> Result<S::Ok, S::Error> {
    text.as_ref().map(|t| t.en.as_str()).serialize(s)
}

/// A compiled condition: flags as bits (`None`: a flag past the 64th, never set).
type Cond = ConditionOf<Option<u32>>;

impl Cond {
    /// The session's evaluation (`condition_holds_by`), on the compiled form.
    fn holds(&self, mood: Mood, flags: u64) -> bool {
        condition_holds_by(self, mood, &|bit: &Option<u32>| {
            bit.is_some_and(|b| flags & (1 << b) != 0)
        })
    }

    /// Adds the thresholds this condition compares anger (`[0]`) and trust (`[1]`) with.
    fn thresholds(&self, out: &mut [Vec<u8>; 2]) {
        match self {
            Cond::AngerAtLeast(n) | Cond::AngerBelow(n) => out[0].push(*n),
            Cond::TrustAtLeast(n) | Cond::TrustBelow(n) => out[1].push(*n),
            Cond::Flag(_) | Cond::NotFlag(_) => {}
            Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| c.thresholds(out)),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Node(u32),
    Ending(u32),
    /// Unknown id (the checker reports it); the play stops.
    Nowhere,
}

/// Where an answer leads: the same for every answer with the same mood shift, flags and
/// targets (for a select turn: every subset setting the same flags).
struct Route {
    shift: MoodShift,
    sets: u64,
    next: Target,
    /// Its branches in [`Compiled::branches`].
    branches: Span,
    /// Every point some answer taking this route shows.
    shows: u64,
    /// Whether some answer taking this route falls into a pitfall or gives wrong information.
    costs: bool,
    /// The least an answer taking this route costs, on a plain and on a flared arrival.
    least_cost: [u16; 2],
}

/// What an answer does to the score, and which route it takes.
struct Answer {
    shows: u64,
    /// Its pitfalls (rubric indices, sorted) in [`Compiled::pitfall_lists`].
    pitfalls: Span,
    wrong_facts: u8,
    /// The route's index among its node's routes.
    route: u16,
    /// The option's index in file order, or for a select turn the items' index in
    /// [`Compiled::picks`].
    pick: u32,
}

/// A run of a node's entries in one of [`Compiled`]'s lists: a large scenario has
/// hundreds of thousands of nodes, and a `Vec` of its own for each would cost 24 bytes,
/// an allocation and a cache miss apiece.
#[derive(Clone, Copy, Default)]
struct Span {
    first: u32,
    len: u32,
}

impl Span {
    /// The span that the entries pushed onto `list` since it had `first` entries fill.
    fn since<T>(first: usize, list: &[T]) -> Span {
        Span {
            first: first as u32,
            len: (list.len() - first) as u32,
        }
    }

    fn of<T>(self, list: &[T]) -> &[T] {
        &list[self.first as usize..(self.first + self.len) as usize]
    }
}

struct CompiledNode {
    /// Flare target and adjusted chance.
    flare: Option<(u32, u32)>,
    /// In [`Compiled::routes`].
    routes: Span,
    /// In [`Compiled::answers`].
    answers: Span,
    /// The answers the best search tries (no other answer of the node beats them), then
    /// those the worst search tries, in [`Compiled::tried`].
    tried: [Span; 2],
    /// Whether the answers are select items (else options).
    select: bool,
    /// Every point and pitfall (a bit per rubric index) some answer here shows (all
    /// options or items).
    all_shows: u64,
    all_pitfalls: u16,
}

/// What one select item does.
struct ItemEffect {
    shows: u64,
    pitfalls: Vec<u8>,
    wrong_fact: bool,
    sets: u64,
}

/// A scenario compiled for analysis: ids as indices, flags as bits.
pub struct Compiled<'a> {
    scenario: &'a Scenario,
    scorer: Scorer,
    node_ids: Vec<&'a str>,
    ending_ids: Vec<&'a str>,
    /// Where each id leads (a node before an ending of the same id); only while the
    /// nodes are compiled.
    targets: IdIndex<'a, Target>,
    finishes: Vec<Finish>,
    nodes: Vec<CompiledNode>,
    /// The nodes' lists, node after node (see [`Span`]).
    routes: Vec<Route>,
    answers: Vec<Answer>,
    branches: Vec<(Cond, Target)>,
    pitfall_lists: Vec<u8>,
    /// Begins with `0, 1, 2, …` up to the most options of a node: every option of a talk
    /// turn is tried (each has its own route), so those nodes share that run.
    tried: Vec<u16>,
    /// The items each select answer picks.
    picks: Vec<Vec<usize>>,
    flags: BTreeMap<&'a str, u32>,
    start: Option<u32>,
    /// Per node, the moods no future can tell apart ([`mood_classes`]).
    moods: MoodClasses,
    inexact: Option<Text>,
    /// Per node, an optimistic view of what can still happen from there (conditions
    /// ignored): the points some node ahead offers, whether a flare-up lies ahead, and the
    /// finishes (as indices into `finishes`) of the endings ahead.
    ahead: Vec<Ahead>,
}

#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Ahead {
    points: u64,
    flare: bool,
    finishes: u64,
    /// The endings ahead, a bit per ending index (only the first 64 are tracked).
    endings: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct Position {
    node: u32,
    mood: Mood,
    flared: bool,
    flags: u64,
}

/// Hashed as two words: the graph interns every position it meets, and that hashing is a
/// good part of building it.
impl std::hash::Hash for Position {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let mood = u64::from(self.mood.anger) | u64::from(self.mood.trust) << 8;
        state.write_u64(u64::from(self.node) | mood << 32 | u64::from(self.flared) << 48);
        state.write_u64(self.flags);
    }
}

/// Where an edge leads, before the position it arrives at is numbered.
enum Step {
    At(Position),
    End(Target),
}

/// An edge of the position graph: taking `route` at a position leads to [`Edge::to`].
/// Eight bytes, the target packed into one word: a graph holds hundreds of thousands of
/// edges, and every page of them costs a fault to make and a pass to read.
#[derive(Clone, Copy)]
struct Edge {
    /// A position's number, [`Edge::ENDING`] plus an ending's index, or
    /// [`Edge::NOWHERE`].
    to: u32,
    route: u16,
    /// Whether the edge stays inside its strongly connected component (set by
    /// [`Compiled::walk`]; the breadth-first graph has no components).
    inside: bool,
}

impl Edge {
    /// Endings number far fewer: a scenario file holds at most 64 MiB.
    const ENDING: u32 = 1 << 31;
    const NOWHERE: u32 = u32::MAX;
    /// Above every position's number ([`MAX_POSITIONS`]), below every ending.
    const PENDING: u32 = Edge::ENDING - 1;

    fn new(route: u16, to: Target) -> Edge {
        let to = match to {
            Target::Node(p) => p,
            Target::Ending(e) => Edge::ENDING | e,
            Target::Nowhere => Edge::NOWHERE,
        };
        Edge {
            to,
            route,
            inside: false,
        }
    }

    /// An edge to a position not numbered yet ([`Compiled::walk`] numbers it later).
    fn pending(route: u16) -> Edge {
        Edge {
            to: Edge::PENDING,
            route,
            inside: false,
        }
    }

    fn to(&self) -> Target {
        match self.to {
            Edge::NOWHERE => Target::Nowhere,
            p if p < Edge::ENDING => Target::Node(p),
            e => Target::Ending(e & !Edge::ENDING),
        }
    }
}

/// The most positions a graph may number, whatever the limits say: their numbers must
/// stay below [`Edge::PENDING`].
const MAX_POSITIONS: usize = (Edge::PENDING - 1) as usize;

struct PositionGraph {
    positions: Vec<Position>,
    /// `edges[first[p]..first[p + 1]]` leave position `p`.
    first: Vec<u32>,
    edges: Vec<Edge>,
    /// Positions the play starts at (two when the start node's flare may fire).
    starts: Vec<u32>,
    complete: bool,
}

/// What can still happen on the way from a position to one ending, following the
/// position graph (so every condition is respected): the bounds of that ending's searches.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Toward {
    reach: bool,
    /// Points some answer on the way shows.
    points: u64,
    /// Whether some answer on the way may cost points (a pitfall, wrong information, or a
    /// flare-up not answered by going back).
    costs: bool,
    /// Whether a flare-up lies on the way.
    flare: bool,
    /// The least the answers on the way cost in points ([`Scorer::least_cost`]).
    least_cost: u16,
}

/// The ending a search is restricted to, with its bounds per position.
#[derive(Clone, Copy)]
struct Only<'t> {
    ending: u32,
    toward: &'t TowardEnding<'t>,
}

impl PositionGraph {
    /// The edges out of position `p`; `None` when it was not expanded (a limit was hit).
    fn edges_of(&self, p: u32) -> Option<&[Edge]> {
        let (from, to) = (self.first.get(p as usize)?, self.first.get(p as usize + 1)?);
        Some(&self.edges[*from as usize..*to as usize])
    }
}

/// Where each id leads: a node, or else an ending.
fn targets<'a>(node_ids: &[&'a str], ending_ids: &[&'a str]) -> IdIndex<'a, Target> {
    let mut out = IdIndex::with_capacity(node_ids.len() + ending_ids.len());
    for (i, &id) in ending_ids.iter().enumerate() {
        out.insert(id, Target::Ending(i as u32));
    }
    for (i, &id) in node_ids.iter().enumerate() {
        out.insert(id, Target::Node(i as u32));
    }
    out
}

impl<'a> Compiled<'a> {
    /// Compiles a scenario. `None` when the rubric cannot be used.
    pub fn new(scenario: &'a Scenario, model: &ModelRubric) -> Option<Compiled<'a>> {
        let scorer = Scorer::new(model).ok()?;
        let node_ids: Vec<&str> = scenario.nodes.keys().map(String::as_str).collect();
        let ending_ids: Vec<&str> = scenario.endings.keys().map(String::as_str).collect();
        let finishes = scenario
            .endings
            .values()
            .map(|e| scorer.finish(scenario, Some(e)))
            .collect();
        let options = scenario.nodes.values().map(|n| n.options.len());
        let answers = options.clone().sum::<usize>();
        let most_options = options.max().unwrap_or(0).min(usize::from(u16::MAX));
        let mut c = Compiled {
            scenario,
            start: node_ids
                .iter()
                .position(|&id| id == scenario.start)
                .map(|i| i as u32),
            moods: MoodClasses::new(&[], scenario.complainant.temperament),
            scorer,
            targets: targets(&node_ids, &ending_ids),
            node_ids,
            ending_ids,
            finishes,
            nodes: Vec::with_capacity(scenario.nodes.len()),
            routes: Vec::with_capacity(answers),
            answers: Vec::with_capacity(answers),
            branches: Vec::new(),
            pitfall_lists: Vec::new(),
            tried: (0..most_options as u16).collect(),
            picks: Vec::new(),
            flags: BTreeMap::new(),
            inexact: None,
            ahead: Vec::new(),
        };
        for node in scenario.nodes.values() {
            let compiled = c.node(node);
            c.nodes.push(compiled);
        }
        c.targets = IdIndex::with_capacity(0);
        c.ahead = c.look_ahead();
        // Without a test of the mood, every node has one class (the common case of a large
        // generated or converted scenario): no need to look at the routes.
        let tests_mood = c.branches.iter().any(|(cond, _)| {
            let mut thresholds = [Vec::new(), Vec::new()];
            cond.thresholds(&mut thresholds);
            thresholds.iter().any(|t| !t.is_empty())
        });
        c.moods = match tests_mood {
            true => MoodClasses::new(&c.mood_routes(), scenario.complainant.temperament),
            false => MoodClasses::single(c.nodes.len()),
        };
        Some(c)
    }

    /// The routes of every node as the mood classes see them.
    fn mood_routes(&self) -> Vec<Vec<MoodRoute>> {
        let arrivals = |t: &Target| -> Vec<u32> {
            match *t {
                Target::Node(m) => {
                    let mut out = vec![m];
                    out.extend(self.nodes[m as usize].flare.map(|(to, _)| to));
                    out
                }
                Target::Ending(_) | Target::Nowhere => Vec::new(),
            }
        };
        self.nodes
            .iter()
            .map(|n| {
                n.routes
                    .of(&self.routes)
                    .iter()
                    .map(|r| {
                        let mut thresholds = [Vec::new(), Vec::new()];
                        let mut targets = arrivals(&r.next);
                        for (cond, to) in r.branches.of(&self.branches) {
                            cond.thresholds(&mut thresholds);
                            targets.extend(arrivals(to));
                        }
                        for t in &mut thresholds {
                            t.sort_unstable();
                            t.dedup();
                        }
                        targets.sort_unstable();
                        targets.dedup();
                        MoodRoute {
                            shift: r.shift,
                            thresholds,
                            targets,
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// The optimistic view of every node: what some node it can lead to offers. One
    /// depth-first walk over the node graph (Tarjan's): a strongly connected component's
    /// nodes all see the same, which is known once the components they lead to are, and
    /// the walk finishes those first.
    fn look_ahead(&self) -> Vec<Ahead> {
        let n = self.nodes.len();
        // The bit of each ending's finish, by the first ending with an equal one.
        let finish_bits: Vec<u64> = (self.finishes.iter())
            .map(|f| match self.finishes.iter().position(|g| g == f) {
                Some(class) if class < 64 => 1u64 << class,
                _ => u64::MAX,
            })
            .collect();
        // Where each node leads, `edges[first[v]..first[v + 1]]`.
        let mut first = Vec::with_capacity(n + 1);
        let mut edges: Vec<Target> = Vec::with_capacity(self.routes.len() + n / 8);
        for node in &self.nodes {
            first.push(edges.len() as u32);
            edges.extend(node.flare.iter().map(|&(t, _)| Target::Node(t)));
            for r in node.routes.of(&self.routes) {
                edges.push(r.next);
                edges.extend(r.branches.of(&self.branches).iter().map(|(_, t)| *t));
            }
        }
        first.push(edges.len() as u32);
        let leads = |v: usize| &edges[first[v] as usize..first[v + 1] as usize];
        // Tarjan's bookkeeping: visiting numbers, the lowest number a node gets back to,
        // the stack of nodes whose component is open, and the walk with each node's next
        // edge.
        struct Tarjan {
            number: Vec<u32>,
            low: Vec<u32>,
            on_stack: Vec<bool>,
            stack: Vec<u32>,
            walk: Vec<(u32, u32)>,
        }
        const UNSEEN: u32 = u32::MAX;
        impl Tarjan {
            fn visit(&mut self, v: u32, first_edge: u32, counter: &mut u32) {
                (self.number[v as usize], self.low[v as usize]) = (*counter, *counter);
                *counter += 1;
                self.on_stack[v as usize] = true;
                self.stack.push(v);
                self.walk.push((v, first_edge));
            }
        }
        let mut t = Tarjan {
            number: vec![UNSEEN; n],
            low: vec![0; n],
            on_stack: vec![false; n],
            stack: Vec::new(),
            walk: Vec::new(),
        };
        let mut ahead = vec![Ahead::default(); n];
        let mut counter = 0;
        for root in 0..n as u32 {
            if t.number[root as usize] != UNSEEN {
                continue;
            }
            t.visit(root, first[root as usize], &mut counter);
            while let Some(&(v, e)) = t.walk.last() {
                let v = v as usize;
                if e < first[v + 1] {
                    if let Some(top) = t.walk.last_mut() {
                        top.1 += 1;
                    }
                    if let Target::Node(w) = edges[e as usize] {
                        if t.number[w as usize] == UNSEEN {
                            t.visit(w, first[w as usize], &mut counter);
                        } else if t.on_stack[w as usize] {
                            t.low[v] = t.low[v].min(t.number[w as usize]);
                        }
                    }
                    continue;
                }
                t.walk.pop();
                if let Some(&(parent, _)) = t.walk.last() {
                    t.low[parent as usize] = t.low[parent as usize].min(t.low[v]);
                }
                if t.low[v] != t.number[v] {
                    continue;
                }
                // `v` closes a component: its members are on the stack down to `v`, and
                // every node they lead to outside it is final.
                let from = t.stack.iter().rposition(|&m| m as usize == v).unwrap_or(0);
                let mut seen = Ahead::default();
                for &m in &t.stack[from..] {
                    let node = &self.nodes[m as usize];
                    seen.points |= node.all_shows;
                    seen.flare |= node.flare.is_some();
                    for &to in leads(m as usize) {
                        match to {
                            Target::Node(w) if !t.on_stack[w as usize] => {
                                let b = ahead[w as usize];
                                seen.points |= b.points;
                                seen.flare |= b.flare;
                                seen.finishes |= b.finishes;
                                seen.endings |= b.endings;
                            }
                            Target::Ending(e) => {
                                seen.finishes |= finish_bits[e as usize];
                                if e < 64 {
                                    seen.endings |= 1 << e;
                                }
                            }
                            Target::Node(_) | Target::Nowhere => {}
                        }
                    }
                }
                for &m in &t.stack[from..] {
                    ahead[m as usize] = seen;
                    t.on_stack[m as usize] = false;
                }
                t.stack.truncate(from);
            }
        }
        ahead
    }

    /// The most a state at position `at` can still end with at any ending ahead:
    /// every point ahead shown at full credit, every flare-up ahead (and the one `at` was
    /// reached by) answered by going back, no further penalty.
    fn upper_bound(&self, state: &ScoreState, at: &Position) -> u32 {
        let ahead = self.ahead[at.node as usize];
        let mut hope = *state;
        hope.shown |= ahead.points;
        hope.reduced &= !ahead.points;
        if ahead.flare || at.flared {
            hope.flare_returns = u8::MAX;
        }
        self.finishes
            .iter()
            .enumerate()
            .filter(|(i, _)| *i >= 64 || ahead.finishes & (1 << i) != 0)
            .map(|(_, &f)| hope.total(&self.scorer, f))
            .max()
            .unwrap_or(0)
    }

    pub fn scorer(&self) -> &Scorer {
        &self.scorer
    }

    /// The routes of node `v`.
    fn routes_of(&self, v: u32) -> &[Route] {
        self.nodes[v as usize].routes.of(&self.routes)
    }

    /// Answer `a` of node `v` as a play gives it.
    fn pick(&self, v: u32, a: u16) -> FileOrderAnswer {
        let node = &self.nodes[v as usize];
        let pick = node.answers.of(&self.answers)[usize::from(a)].pick as usize;
        if node.select {
            FileOrderAnswer::Items(self.picks[pick].clone())
        } else {
            FileOrderAnswer::Option(pick)
        }
    }

    fn target(&self, id: &str) -> Target {
        self.targets.get(id).copied().unwrap_or(Target::Nowhere)
    }

    fn flag(&mut self, name: &'a str) -> Option<u32> {
        if let Some(&b) = self.flags.get(name) {
            return Some(b);
        }
        if self.flags.len() >= 64 {
            self.inexact = Some(say!("more-than-64-flags-later-ones"));
            return None;
        }
        let b = self.flags.len() as u32;
        self.flags.insert(name, b);
        Some(b)
    }

    fn flag_bits(&mut self, names: &'a [String]) -> u64 {
        names
            .iter()
            .filter_map(|n| self.flag(n))
            .fold(0, |m, b| m | 1 << b)
    }

    fn cond(&mut self, c: &'a Condition) -> Cond {
        c.map_flags(&mut |f| self.flag(f))
    }

    fn route(
        &mut self,
        shift: MoodShift,
        sets: u64,
        next: &str,
        branches: &'a [crate::scenario::model::Branch],
    ) -> Route {
        let first = self.branches.len();
        for b in branches {
            let branch = (self.cond(&b.when), self.target(&b.to));
            self.branches.push(branch);
        }
        Route {
            shift,
            sets,
            shows: 0,
            costs: false,
            least_cost: [u16::MAX; 2],
            next: self.target(next),
            branches: Span::since(first, &self.branches),
        }
    }

    fn node(&mut self, node: &'a Node) -> CompiledNode {
        let temperament = self.scenario.complainant.temperament;
        let flare = node.flare.as_ref().and_then(|f| match self.target(&f.to) {
            Target::Node(t) => Some((t, flare_chance(f.chance, temperament))),
            _ => None,
        });
        let (first_route, first_answer) = (self.routes.len(), self.answers.len());
        let mut tried = [Span::default(); 2];
        let (mut all_shows, mut all_pitfalls) = (0u64, 0u16);
        let select = match &node.select {
            Some(sel) if node.options.is_empty() => {
                let items: Vec<ItemEffect> = sel
                    .items
                    .iter()
                    .map(|i| ItemEffect {
                        shows: self.scorer.shows_mask(&i.shows),
                        pitfalls: self.scorer.pitfall_indices(&i.pitfalls),
                        wrong_fact: i.wrong_fact.is_some(),
                        sets: self.flag_bits(&i.sets),
                    })
                    .collect();
                let mut route_of_flags: BTreeMap<u64, u16> = BTreeMap::new();
                let mut picks: BTreeMap<Vec<usize>, u16> = BTreeMap::new();
                let mut pitfalls = Vec::new();
                for goal in [Goal::Best, Goal::Worst] {
                    let (subsets, complete) = candidate_subsets(&items, goal);
                    if !complete {
                        self.inexact = Some(say!(
                            "select-turn-has-more-than-exhaustive-items",
                            EXHAUSTIVE_ITEMS = EXHAUSTIVE_ITEMS
                        ));
                    }
                    let mut candidates = Vec::new();
                    for subset in subsets {
                        if let Some(&a) = picks.get(&subset) {
                            candidates.push(a);
                            continue;
                        }
                        let (mut shows, mut wrong_facts, mut sets) = (0, 0, 0);
                        pitfalls.clear();
                        for &i in &subset {
                            let item = &items[i];
                            shows |= item.shows;
                            pitfalls.extend(&item.pitfalls);
                            wrong_facts += u8::from(item.wrong_fact);
                            sets |= item.sets;
                        }
                        pitfalls.sort_unstable();
                        let route = match route_of_flags.get(&sets) {
                            Some(&r) => r,
                            None => {
                                let route = self.route(sel.mood, sets, &sel.next, &sel.branches);
                                self.routes.push(route);
                                let r = (self.routes.len() - 1 - first_route) as u16;
                                route_of_flags.insert(sets, r);
                                r
                            }
                        };
                        let first_pitfall = self.pitfall_lists.len();
                        self.pitfall_lists.extend(&pitfalls);
                        self.answers.push(Answer {
                            shows,
                            pitfalls: Span::since(first_pitfall, &self.pitfall_lists),
                            wrong_facts,
                            route,
                            pick: self.picks.len() as u32,
                        });
                        self.picks.push(subset.clone());
                        let a = (self.answers.len() - 1 - first_answer) as u16;
                        picks.insert(subset, a);
                        candidates.push(a);
                    }
                    let answers = &self.answers[first_answer..];
                    let kept = pareto(answers, &self.pitfall_lists, &candidates, goal);
                    let first = self.tried.len();
                    self.tried.extend(kept);
                    tried[goal.index()] = Span::since(first, &self.tried);
                }
                for item in &items {
                    all_shows |= item.shows;
                    for &i in &item.pitfalls {
                        all_pitfalls |= 1 << i;
                    }
                }
                true
            }
            _ => {
                for (i, c) in node.options.iter().enumerate() {
                    let sets = self.flag_bits(&c.sets);
                    let route = self.route(c.mood, sets, &c.next, &c.branches);
                    self.routes.push(route);
                    let first_pitfall = self.pitfall_lists.len();
                    let pitfalls = self.scorer.pitfall_indices(&c.pitfalls);
                    for &i in &pitfalls {
                        all_pitfalls |= 1 << i;
                    }
                    self.pitfall_lists.extend(pitfalls);
                    let answer = Answer {
                        shows: self.scorer.shows_mask(&c.shows),
                        pitfalls: Span::since(first_pitfall, &self.pitfall_lists),
                        wrong_facts: u8::from(c.wrong_fact.is_some()),
                        route: i as u16,
                        pick: i as u32,
                    };
                    all_shows |= answer.shows;
                    self.answers.push(answer);
                }
                // Each option has its own route, so none can stand in for another: they
                // are all tried, the run at the start of `tried`.
                let all = Span {
                    first: 0,
                    len: node.options.len() as u32,
                };
                tried = [all, all];
                false
            }
        };
        let routes = Span::since(first_route, &self.routes);
        let answers = Span::since(first_answer, &self.answers);
        for a in answers.of(&self.answers) {
            let pitfalls = a.pitfalls.len as usize;
            let route = &mut self.routes[first_route + usize::from(a.route)];
            route.shows |= a.shows;
            route.costs |= pitfalls > 0 || a.wrong_facts > 0;
            for (flared, least) in route.least_cost.iter_mut().enumerate() {
                let cost = self
                    .scorer
                    .least_cost(pitfalls, a.wrong_facts, flared == 1, a.shows);
                *least = (*least).min(cost);
            }
        }
        CompiledNode {
            flare,
            routes,
            answers,
            tried,
            select,
            all_shows,
            all_pitfalls,
        }
    }

    /// The positions a play is in after arriving at node `v`: the plain arrival, the
    /// flare-up, or both.
    fn arrive(&self, v: u32, mood: Mood, flags: u64, mut out: impl FnMut(Position)) {
        let plain = Position {
            node: v,
            mood: self.moods.canonical(v, mood),
            flared: false,
            flags,
        };
        match self.nodes[v as usize].flare {
            Some((to, chance)) if chance > 0 => {
                if chance < 100 {
                    out(plain);
                }
                out(Position {
                    node: to,
                    mood: self.moods.canonical(to, mood),
                    flared: true,
                    ..plain
                });
            }
            _ => out(plain),
        }
    }

    /// Where `route` leads from `at`: the mood and flags after it, and the target.
    fn follow(&self, at: &Position, real_mood: Mood, route: &Route) -> (Mood, u64, Target) {
        let mood = shift_mood(
            real_mood,
            route.shift,
            self.scenario.complainant.temperament,
        );
        let flags = at.flags | route.sets;
        let target = route
            .branches
            .of(&self.branches)
            .iter()
            .find(|(c, _)| c.holds(mood, flags))
            .map_or(route.next, |(_, t)| *t);
        (mood, flags, target)
    }

    /// The edges out of `at`, in the order the searches take them: by route, then the
    /// plain arrival before the flare-up. An edge to a node comes as the position it
    /// arrives at, not yet numbered.
    fn expand(&self, at: &Position, mut edge: impl FnMut(u16, Step)) {
        for (r, route) in self.routes_of(at.node).iter().enumerate() {
            match self.follow(at, at.mood, route) {
                (mood, flags, Target::Node(v)) => {
                    self.arrive(v, mood, flags, |p| edge(r as u16, Step::At(p)));
                }
                (_, _, other) => edge(r as u16, Step::End(other)),
            }
        }
    }

    /// The position graph, breadth first: what [`Compiled::walk`] builds, numbered in
    /// another order, and the way it stops at the position limit.
    fn graph(&self, from: &[Position], limits: Limits) -> PositionGraph {
        let mut index = PositionIndex::new(&self.moods);
        let mut positions: Vec<Position> = Vec::new();
        let starts: Vec<u32> = from
            .iter()
            .map(|&p| index.intern(p, &mut positions))
            .collect();
        let mut first = vec![0u32];
        let mut edges = Vec::new();
        let mut complete = true;
        let mut next = 0;
        let limit = limits.positions.min(MAX_POSITIONS);
        while next < positions.len() {
            if positions.len() > limit {
                complete = false;
                break;
            }
            let at = positions[next];
            self.expand(&at, |route, step| {
                let to = match step {
                    Step::At(p) => Target::Node(index.intern(p, &mut positions)),
                    Step::End(t) => t,
                };
                edges.push(Edge::new(route, to));
            });
            first.push(edges.len() as u32);
            next += 1;
        }
        PositionGraph {
            positions,
            first,
            edges,
            starts,
            complete,
        }
    }

    fn start_positions(&self, node: u32, mood: Mood, flags: u64, flared: bool) -> Vec<Position> {
        let mut out = Vec::new();
        if flared {
            out.push(Position {
                node,
                mood: self.moods.canonical(node, mood),
                flared: true,
                flags,
            });
        } else {
            self.arrive(node, mood, flags, |p| out.push(p));
        }
        out
    }

    /// The full analysis from the scenario's start.
    pub fn analyze(&self, limits: Limits) -> Stats {
        let mut stats = Stats {
            nodes: self.scenario.nodes.len(),
            endings: self.scenario.endings.len(),
            exact: true,
            ..Stats::default()
        };
        let Some(start) = self.start else {
            return stats;
        };
        let from = self.start_positions(start, self.scenario.complainant.mood, 0, false);
        // Past the position limit, the breadth-first graph says how far it got.
        let (graph, components) = match self.walk(&from, limits) {
            Some(walked) => walked,
            None => (self.graph(&from, limits), Components::default()),
        };
        stats.positions = graph.positions.len();
        let start = ScoreState::default();
        let mut reached = vec![false; self.ending_ids.len()];
        for e in &graph.edges {
            if let Target::Ending(i) = e.to() {
                reached[i as usize] = true;
            }
        }
        // Per ending, searches of their own: exact for the first 64 endings within a
        // smaller state limit, otherwise what the overall searches met on the way.
        let targets: Vec<u32> = (0..self.ending_ids.len() as u32)
            .filter(|&e| reached[e as usize] && e < 64 && graph.complete)
            .collect();
        // Dijkstra inside the cycles takes about a step per edge there, a search state the
        // time of several: the floors are worth a try only where the cycles are large.
        let floors =
            (components.edges_inside_cycles() > 10 * FLOOR_STATES).then(|| NodeFloor::new(self));
        // The per-ending searches are independent, and one may take as long as the rest
        // together: every core takes the next ending as it is free. This thread joins in
        // once it has done the worst search. The best search comes last: it knows the best
        // score from the endings', and stops as soon as it has a play that earns it.
        let next = AtomicUsize::new(0);
        let take_endings = || {
            let mut done = Vec::new();
            while let Some(&e) = targets.get(next.fetch_add(1, Ordering::Relaxed)) {
                done.push(self.ending_search(&graph, &components, floors.as_ref(), e, limits));
            }
            done
        };
        let helpers = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(targets.len())
            .saturating_sub(1);
        let (best, worst, exact_ranges) = std::thread::scope(|scope| {
            let helpers: Vec<_> = (0..helpers).map(|_| scope.spawn(take_endings)).collect();
            let mut worst = self.search(&graph, Goal::Worst, start, limits, None, true, None);
            stats.worst = worst.take_extreme(self, &graph);
            // The components serve the traps, the number of plays and the per-ending bounds.
            self.reachable(&graph, &components, &mut stats);
            let (paths, capped) = if graph.complete {
                components.plays()
            } else {
                (0, true)
            };
            stats.paths = paths;
            stats.paths_capped = capped;
            let mut exact_ranges = take_endings();
            for helper in helpers {
                exact_ranges.extend(helper.join().unwrap_or_default());
            }
            // Once every ending reached has its exact best, the best score is known: the
            // overall search then looks only for the first play that earns it.
            let reached_count = reached.iter().filter(|&&r| r).count();
            let known = (exact_ranges.len() == reached_count
                && exact_ranges.iter().all(|r| r.exact))
            .then(|| exact_ranges.iter().filter_map(|r| r.best).max())
            .flatten();
            let mut best = self.search(&graph, Goal::Best, start, limits, None, true, known);
            stats.best = best.take_extreme(self, &graph);
            stats.states = best.states + worst.states;
            stats.all_steps_possible = best.all_steps_possible;
            if !stats.all_steps_possible && graph.complete {
                // The pruned best search may have dropped such a play: look without pruning.
                let all = self.search(&graph, Goal::Best, start, limits, None, false, None);
                stats.states += all.states;
                stats.all_steps_possible = all.all_steps_possible;
            }
            (best, worst, exact_ranges)
        });
        for (e, id) in self.ending_ids.iter().enumerate() {
            if !reached[e] {
                continue;
            }
            let mut range = EndingRange {
                id: id.to_string(),
                outcome: self.scenario.endings[*id].outcome,
                best: best.per_ending[e],
                worst: worst.per_ending[e],
                exact: false,
            };
            if let Some(r) = exact_ranges.iter().find(|r| r.ending == e as u32) {
                // Every value is a score some play reaching the ending earns, so the
                // highest and lowest of all searches are still sound when one stopped.
                range.best = range.best.max(r.best);
                range.worst = match (range.worst, r.worst) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                range.exact = r.exact;
                stats.states += r.states;
            }
            stats.per_ending.push(range);
        }
        stats.reachable_endings = stats.per_ending.len();
        stats.best_score = stats.best.as_ref().map_or(0, |e| e.score);
        stats.worst_score = stats.worst.as_ref().map_or(0, |e| e.score);
        let mut limit = self.inexact.clone();
        if !graph.complete {
            limit = Some(say!(
                "more-than-x-positions-node-mood",
                positions = limits.positions
            ));
        } else if best.stopped || worst.stopped {
            limit = Some(say!(
                "more-than-x-scoring-states-in",
                states = limits.states
            ));
        }
        if limit.is_some() {
            stats.exact = false;
            stats.paths_capped = true;
        }
        stats.limit = limit;
        stats
    }

    /// The best and worst score of the plays that reach ending `e`, each from a search
    /// of its own restricted to that ending.
    fn ending_search(
        &self,
        graph: &PositionGraph,
        components: &Components,
        floors: Option<&NodeFloor>,
        e: u32,
        limits: Limits,
    ) -> EndingSearch {
        let limits = Limits {
            states: limits.states.min(PER_ENDING_STATES),
            ..limits
        };
        let start = ScoreState::default();
        let search = |goal, limits, toward: &TowardEnding| {
            let only = Some(Only { ending: e, toward });
            self.search(graph, goal, start, limits, only, true, None)
        };
        // The worst search needs no least cost: any pass serves it.
        let (b, w, tried) = match floors {
            Some(floors) => {
                let by_node = floors.toward(e);
                let floor = |p: u32| {
                    let at = &graph.positions[p as usize];
                    by_node[2 * at.node as usize + usize::from(at.flared)]
                };
                let rough = components.toward(e, LeastCost::Floor(&floor));
                let first_try = Limits {
                    states: limits.states.min(FLOOR_STATES),
                    ..limits
                };
                let b = search(Goal::Best, first_try, &rough);
                let w = search(Goal::Worst, limits, &rough);
                if b.stopped {
                    let exact = components.toward(e, LeastCost::Exact);
                    (search(Goal::Best, limits, &exact), w, b.states)
                } else {
                    (b, w, 0)
                }
            }
            None => {
                let exact = components.toward(e, LeastCost::Exact);
                let b = search(Goal::Best, limits, &exact);
                (b, search(Goal::Worst, limits, &exact), 0)
            }
        };
        EndingSearch {
            ending: e,
            best: b.overall.map(|t| t.score),
            worst: w.overall.map(|t| t.score),
            exact: !b.stopped && !w.stopped,
            states: tried + b.states + w.states,
        }
    }

    /// The best or worst play from a position reached in a session: its node, mood,
    /// flags, whether it was reached by a flare-up, and the score so far. The path starts
    /// with the answer to give now.
    pub fn extreme_from(
        &self,
        node: &str,
        mood: Mood,
        flags: &BTreeSet<String>,
        flared: bool,
        state: ScoreState,
        goal: Goal,
    ) -> Option<Extreme> {
        let v = self.node_ids.binary_search(&node).ok()? as u32;
        let bits = flags
            .iter()
            .filter_map(|f| self.flags.get(f.as_str()))
            .fold(0u64, |m, &b| m | 1 << b);
        let start = Position {
            node: v,
            mood: self.moods.canonical(v, mood),
            flared,
            flags: bits,
        };
        let graph = self.graph(&[start], Limits::default());
        self.search(&graph, goal, state, Limits::default(), None, true, None)
            .extreme(self, &graph)
    }

    /// Searches for the best or worst play. `only` restricts it to the plays ending at one
    /// ending (tracked for the first 64 endings); `prune` lets the best search drop
    /// states whose optimistic bound cannot beat what it already found; without it the
    /// search serves only `all_steps_possible` (its scores leave out the penalties).
    /// `known` is the best score when it is known beforehand (from the per-ending
    /// searches): the best search then drops every state that cannot earn it and stops at
    /// the first play that does, which is the play it would have found anyway (a state
    /// only ever loses to states that hope for at least as much).
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        graph: &PositionGraph,
        goal: Goal,
        from: ScoreState,
        limits: Limits,
        only: Option<Only>,
        prune: bool,
        known: Option<u32>,
    ) -> Search {
        let scorer = &self.scorer;
        let beats = |a: &ScoreState, b: &ScoreState| match goal {
            Goal::Best => a.at_least_as_good_as(b),
            Goal::Worst => a.at_most_as_good_as(b),
        };
        let better = |a: u32, b: u32| match goal {
            Goal::Best => a > b,
            Goal::Worst => a < b,
        };
        let mut search = Search {
            entries: Vec::new(),
            per_ending: vec![None; self.ending_ids.len()],
            overall: None,
            states: 0,
            stopped: false,
            all_steps_possible: false,
        };
        let mut frontier = Frontier::new(graph.positions.len());
        // Depth first, so endings (and with them the bounds that prune) come early.
        let mut work: Vec<u32> = Vec::new();
        // Unpruned, the search only asks whether some play earns every step. Penalties do
        // not matter there, and they must go: a doomed state loses every comparison, yet
        // may be the only one holding the points that earn the steps.
        let normal = |s: ScoreState| {
            if prune {
                s.normalized(scorer)
            } else {
                ScoreState {
                    shown: s.shown,
                    reduced: s.reduced,
                    flare_returns: s.flare_returns,
                    ..ScoreState::default()
                }
            }
        };
        let from = normal(from);
        for &p in &graph.starts {
            search.entries.push(Entry {
                state: from,
                parent: u32::MAX,
                position: p,
                answer: u16::MAX,
                alive: true,
            });
            let id = (search.entries.len() - 1) as u32;
            frontier.push(p, id);
            work.push(id);
        }
        // The end of the scale, or the best score when it is known: nothing can beat it.
        let scale_end = match goal {
            Goal::Best => known.unwrap_or(100),
            Goal::Worst => 0,
        };
        // For a per-ending search: the most a state at `p` can end with there, every
        // point on the way at full credit, every flare-up answered by going back, and
        // only the least cost on the way.
        let hope = |state: &ScoreState, p: u32, only: Only| {
            let at = &graph.positions[p as usize];
            let toward = only.toward.at(p);
            let mut hope = *state;
            hope.pitfall_points = hope.pitfall_points.saturating_add(toward.least_cost);
            hope.shown |= toward.points;
            hope.reduced &= !toward.points;
            if toward.flare || at.flared {
                hope.flare_returns = u8::MAX;
            }
            hope.total(scorer, self.finishes[only.ending as usize])
        };
        let hopeless = |c: &Compiled, search: &Search, state: &ScoreState, p: u32| {
            let at = &graph.positions[p as usize];
            let found = search.overall.as_ref().map(|t| t.score);
            let Some(only) = only else {
                if !prune || goal != Goal::Best || (found.is_none() && known.is_none()) {
                    return false;
                }
                let bound = c.upper_bound(state, at);
                return found.is_some_and(|f| bound <= f) || known.is_some_and(|k| bound < k);
            };
            let toward = only.toward.at(p);
            if !toward.reach {
                return true;
            }
            let (Some(found), true) = (found, prune) else {
                return false;
            };
            match goal {
                Goal::Best => hope(state, p, only) <= found,
                // With nothing on the way that costs, points only add: the least it can
                // end with is what it has now.
                Goal::Worst => {
                    let finish = c.finishes[only.ending as usize];
                    !toward.costs && state.total(scorer, finish) >= found
                }
            }
        };
        // A per-ending best search takes the most hopeful state first: it meets its best
        // early and stops once nothing left can beat it. (It reports only a score; the
        // overall searches stay depth first, so their witness plays stay the same.)
        let hopeful_first = match only {
            Some(only) if goal == Goal::Best && prune => Some(only),
            _ => None,
        };
        let mut work = Work::new(work, hopeful_first.is_some());
        if let Some(only) = hopeful_first {
            for id in std::mem::take(&mut work.stack) {
                let entry = &search.entries[id as usize];
                work.push(id, hope(&entry.state, entry.position, only));
            }
        }
        while let Some(id) = work.pop(search.overall.as_ref().map(|t| t.score)) {
            // Unpruned, the answer is found once a play earns every step (a best total
            // need not earn them all).
            let done = if prune {
                search
                    .overall
                    .as_ref()
                    .is_some_and(|t| t.score == scale_end)
            } else {
                search.all_steps_possible
            };
            if done {
                break;
            }
            let entry = &search.entries[id as usize];
            if !entry.alive {
                continue;
            }
            let (p, state) = (entry.position, entry.state);
            let at = graph.positions[p as usize];
            if hopeless(self, &search, &state, p) {
                continue;
            }
            let node = &self.nodes[at.node as usize];
            // A position past the limit was never expanded: the search stops there.
            let Some(edges) = graph.edges_of(p) else {
                continue;
            };
            let answers = node.answers.of(&self.answers);
            for &a in node.tried[goal.index()].of(&self.tried) {
                let answer = &answers[usize::from(a)];
                let mut next = state;
                next.apply(
                    scorer,
                    answer.shows,
                    answer.pitfalls.of(&self.pitfall_lists),
                    answer.wrong_facts,
                    at.flared,
                    |_| {},
                );
                let next = normal(next);
                for edge in edges.iter().filter(|e| e.route == answer.route) {
                    match edge.to() {
                        Target::Ending(e) if only.is_none_or(|o| o.ending == e) => {
                            let finish = self.finishes[e as usize];
                            let total = next.total(scorer, finish);
                            if goal == Goal::Best
                                && (0..scorer.step_count()).all(|k| {
                                    finish.applicable & (1 << k) == 0
                                        || next.raw_step(scorer, k) > 0
                                })
                            {
                                search.all_steps_possible = true;
                            }
                            let record = Terminal {
                                score: total,
                                entry: id,
                                answer: a,
                                ending: e,
                                state: next,
                            };
                            let slot = &mut search.per_ending[e as usize];
                            if slot.is_none_or(|s| better(total, s)) {
                                *slot = Some(total);
                            }
                            if search
                                .overall
                                .as_ref()
                                .is_none_or(|t| better(total, t.score))
                            {
                                search.overall = Some(record);
                            }
                        }
                        Target::Node(q) => {
                            if hopeless(self, &search, &next, q) {
                                continue;
                            }
                            if frontier.any(q, |o| beats(&search.entries[o as usize].state, &next))
                            {
                                continue;
                            }
                            frontier.retain(q, |o| {
                                let keep = !beats(&next, &search.entries[o as usize].state);
                                if !keep {
                                    search.entries[o as usize].alive = false;
                                }
                                keep
                            });
                            if search.states >= limits.states {
                                search.stopped = true;
                                continue;
                            }
                            search.entries.push(Entry {
                                state: next,
                                parent: id,
                                position: q,
                                answer: a,
                                alive: true,
                            });
                            let new = (search.entries.len() - 1) as u32;
                            frontier.push(q, new);
                            let bound = hopeful_first.map_or(0, |only| hope(&next, q, only));
                            work.push(new, bound);
                            search.states += 1;
                        }
                        Target::Ending(_) | Target::Nowhere => {}
                    }
                }
            }
        }
        search
    }

    /// Reachable nodes, steps, points, pitfalls and traps, from the position graph.
    fn reachable(&self, graph: &PositionGraph, components: &Components, stats: &mut Stats) {
        let scorer = &self.scorer;
        let mut nodes = vec![false; self.nodes.len()];
        let (mut shows, mut pitfalls) = (0u64, 0u16);
        for p in &graph.positions {
            nodes[p.node as usize] = true;
            let node = &self.nodes[p.node as usize];
            shows |= node.all_shows;
            pitfalls |= node.all_pitfalls;
        }
        stats.unreachable_nodes = self
            .node_ids
            .iter()
            .zip(&nodes)
            .filter(|(_, r)| !**r)
            .map(|(id, _)| id.to_string())
            .collect();
        stats.reachable_steps = (0..scorer.step_count())
            .filter(|&k| scorer.step_mask(k) & shows != 0)
            .map(|k| scorer.step_id(k).to_string())
            .collect();
        stats.reachable_points = (0..scorer.point_count())
            .filter(|&p| shows & (1 << p) != 0)
            .map(|p| scorer.point_id(p).to_string())
            .collect();
        stats.reachable_pitfalls = (0..scorer.pitfall_count())
            .filter(|&i| pitfalls & (1 << i) != 0)
            .map(|i| scorer.pitfall_id(i).to_string())
            .collect();
        if !graph.complete {
            return;
        }
        let ends = components.can_end();
        let traps: BTreeSet<&str> = (0..graph.positions.len())
            .filter(|&p| !ends[p])
            .map(|p| self.node_ids[graph.positions[p].node as usize])
            .collect();
        stats.traps = traps.into_iter().map(str::to_string).collect();
    }
}

/// The entries a search keeps per position (no other state there beats them). Most
/// positions keep one, which is held in place; a list is made for a position only once it
/// keeps two. The index is zeroed memory, whose pages cost nothing until written: most
/// searches meet few of the positions.
struct Frontier {
    /// Per position: [`Frontier::NONE`], an entry's number plus one, or [`Frontier::LIST`]
    /// and an index in `lists`.
    slot_of: Vec<u32>,
    lists: Vec<Vec<u32>>,
}

impl Frontier {
    const NONE: u32 = 0;
    const LIST: u32 = 1 << 31;

    fn new(positions: usize) -> Frontier {
        Frontier {
            slot_of: vec![Frontier::NONE; positions],
            lists: Vec::new(),
        }
    }

    /// Whether `f` holds for an entry kept at `p`.
    fn any(&self, p: u32, mut f: impl FnMut(u32) -> bool) -> bool {
        match self.slot_of[p as usize] {
            Frontier::NONE => false,
            s if s & Frontier::LIST != 0 => self.lists[(s & !Frontier::LIST) as usize]
                .iter()
                .any(|&e| f(e)),
            s => f(s - 1),
        }
    }

    /// Keeps at `p` only the entries `keep` holds for.
    fn retain(&mut self, p: u32, mut keep: impl FnMut(u32) -> bool) {
        let slot = &mut self.slot_of[p as usize];
        match *slot {
            Frontier::NONE => {}
            s if s & Frontier::LIST != 0 => {
                self.lists[(s & !Frontier::LIST) as usize].retain(|&e| keep(e));
            }
            s => {
                if !keep(s - 1) {
                    *slot = Frontier::NONE;
                }
            }
        }
    }

    fn push(&mut self, p: u32, entry: u32) {
        // Entry numbers stay below a search's state limit, far below this.
        assert!(
            entry < Frontier::LIST - 1,
            "too many entries for a frontier"
        );
        let slot = &mut self.slot_of[p as usize];
        match *slot {
            Frontier::NONE => *slot = entry + 1,
            s if s & Frontier::LIST != 0 => self.lists[(s & !Frontier::LIST) as usize].push(entry),
            s => {
                self.lists.push(vec![s - 1, entry]);
                *slot = Frontier::LIST | (self.lists.len() - 1) as u32;
            }
        }
    }
}

/// A search's to-do list of entries: depth first (a stack), or most hopeful first (by an
/// upper bound of what the entry can end with).
struct Work {
    stack: Vec<u32>,
    hopeful: Option<BinaryHeap<(u32, u32)>>,
}

impl Work {
    fn new(stack: Vec<u32>, hopeful_first: bool) -> Work {
        Work {
            stack,
            hopeful: hopeful_first.then(BinaryHeap::new),
        }
    }

    fn push(&mut self, id: u32, bound: u32) {
        match &mut self.hopeful {
            Some(heap) => heap.push((bound, id)),
            None => self.stack.push(id),
        }
    }

    /// The next entry; most hopeful first ends once nothing left hopes to beat `found`.
    fn pop(&mut self, found: Option<u32>) -> Option<u32> {
        match &mut self.hopeful {
            None => self.stack.pop(),
            Some(heap) => {
                let (bound, id) = heap.pop()?;
                if found.is_some_and(|f| bound <= f) {
                    heap.clear();
                    return None;
                }
                Some(id)
            }
        }
    }
}

/// What a search looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    Best,
    Worst,
}

impl Goal {
    fn index(self) -> usize {
        match self {
            Goal::Best => 0,
            Goal::Worst => 1,
        }
    }
}

#[derive(Clone, Copy)]
struct Entry {
    state: ScoreState,
    /// The entry this one was reached from (`u32::MAX` at the start).
    parent: u32,
    position: u32,
    /// The answer (index in the node's answers) taken at the parent.
    answer: u16,
    /// False once another state at the position beats it.
    alive: bool,
}

/// The best (or worst) play found: the answer that ended it and where.
#[derive(Clone, Copy)]
struct Terminal {
    score: u32,
    entry: u32,
    answer: u16,
    ending: u32,
    state: ScoreState,
}

struct Search {
    entries: Vec<Entry>,
    /// Per ending: its extreme score.
    per_ending: Vec<Option<u32>>,
    overall: Option<Terminal>,
    states: usize,
    stopped: bool,
    all_steps_possible: bool,
}

impl Search {
    /// The play found, freeing the entries it was traced through: they are most of a
    /// search's memory, and the searches after it need theirs.
    fn take_extreme(&mut self, c: &Compiled, graph: &PositionGraph) -> Option<Extreme> {
        let play = self.extreme(c, graph);
        self.entries = Vec::new();
        play
    }

    fn extreme(&self, c: &Compiled, graph: &PositionGraph) -> Option<Extreme> {
        let t = self.overall?;
        let scorer = &c.scorer;
        let mut path = Vec::new();
        let (mut id, mut answer) = (t.entry, t.answer);
        loop {
            let entry = &self.entries[id as usize];
            let at = graph.positions[entry.position as usize];
            path.push(PathStep {
                node: c.node_ids[at.node as usize].to_string(),
                flared: at.flared,
                pick: c.pick(at.node, answer),
            });
            if entry.parent == u32::MAX {
                break;
            }
            answer = entry.answer;
            id = entry.parent;
        }
        path.reverse();
        let finish = c.finishes[t.ending as usize];
        Some(Extreme {
            score: t.score,
            ending: c.ending_ids[t.ending as usize].to_string(),
            path,
            steps: t.state.step_scores(scorer, finish),
            missing_core: (0..scorer.step_count())
                .map(|k| {
                    if finish.applicable & (1 << k) == 0 {
                        return Vec::new();
                    }
                    let missing = t.state.missing_core(scorer, k, finish.complaint);
                    (0..scorer.point_count())
                        .filter(|p| missing & (1 << p) != 0)
                        .map(|p| scorer.point_id(p).to_string())
                        .collect()
                })
                .collect(),
        })
    }
}

/// Among `tried`, the answers no other answer of the same route beats (for the best) or
/// is worse than (for the worst). Of equal answers the first (fewest items) stays.
fn pareto(answers: &[Answer], pitfall_lists: &[u8], tried: &[u16], goal: Goal) -> Vec<u16> {
    // Quadratic: past this many candidates keep them all (still exact, only slower).
    const FILTER_UP_TO: usize = 4096;
    if tried.len() > FILTER_UP_TO {
        return tried.to_vec();
    }
    let counts = |a: &Answer| {
        let mut c = [0u8; MAX_PITFALLS];
        for &i in a.pitfalls.of(pitfall_lists) {
            c[usize::from(i)] = c[usize::from(i)].saturating_add(1);
        }
        c
    };
    // Whether `x` gives every state at least the total `y` gives it.
    let at_least = |x: &Answer, y: &Answer| {
        x.route == y.route
            && x.shows & y.shows == y.shows
            && x.wrong_facts <= y.wrong_facts
            && counts(x).iter().zip(&counts(y)).all(|(p, q)| p <= q)
    };
    let beats = |x: &Answer, y: &Answer| match goal {
        Goal::Best => at_least(x, y),
        Goal::Worst => at_least(y, x),
    };
    tried
        .iter()
        .enumerate()
        .filter(|&(j, &b)| {
            let y = &answers[b as usize];
            !tried.iter().enumerate().any(|(i, &a)| {
                let x = &answers[a as usize];
                i != j && beats(x, y) && (!beats(y, x) || i < j)
            })
        })
        .map(|(_, &b)| b)
        .collect()
}

/// The subsets of a select's items worth trying for a goal, by size, and whether they
/// cover every combination that matters. For the best, an item that only shows points
/// is always worth taking and one that only costs is never; for the worst the other way
/// round. Items that do both, or set flags, are tried in every combination (up to
/// [`EXHAUSTIVE_ITEMS`] of them). Every single item is tried too, since a selection needs
/// at least one.
fn candidate_subsets(items: &[ItemEffect], goal: Goal) -> (Vec<Vec<usize>>, bool) {
    let costs = |i: &ItemEffect| !i.pitfalls.is_empty() || i.wrong_fact;
    let (mut forced, mut free) = (Vec::new(), Vec::new());
    for (k, item) in items.iter().enumerate() {
        let gains = item.shows != 0;
        match (goal, item.sets != 0, gains, costs(item)) {
            (_, true, _, _) | (_, false, true, true) => free.push(k),
            (Goal::Best, false, true, false) | (Goal::Worst, false, false, true) => forced.push(k),
            _ => {}
        }
    }
    let complete = free.len() <= EXHAUSTIVE_ITEMS;
    let mut out: BTreeSet<Vec<usize>> = (0..items.len()).map(|k| vec![k]).collect();
    if complete {
        for m in 0u32..(1 << free.len()) {
            let mut subset: Vec<usize> = forced.clone();
            subset.extend(
                (0..free.len())
                    .filter(|i| m & (1 << i) != 0)
                    .map(|i| free[i]),
            );
            subset.sort_unstable();
            if !subset.is_empty() {
                out.insert(subset);
            }
        }
    } else {
        // Too many to try: the forced set with each free item, and all of them.
        let mut all = forced.clone();
        all.extend(&free);
        all.sort_unstable();
        out.insert(all);
        for &f in &free {
            let mut subset = forced.clone();
            subset.push(f);
            subset.sort_unstable();
            out.insert(subset);
        }
        if !forced.is_empty() {
            out.insert(forced);
        }
    }
    let mut out: Vec<Vec<usize>> = out.into_iter().collect();
    out.sort_by_key(Vec::len);
    (out, complete)
}

/// Analyses a scenario with the default limits.
pub fn analyze(scenario: &Scenario, model: &ModelRubric) -> Stats {
    analyze_with(scenario, model, Limits::default())
}

/// Analyses a scenario within the given limits.
pub fn analyze_with(scenario: &Scenario, model: &ModelRubric, limits: Limits) -> Stats {
    analyze_compiled(scenario, Compiled::new(scenario, model), limits)
}

/// The analysis of a scenario compiled beforehand ([`Compiled::new`]; `None` when the
/// rubric cannot be used).
pub fn analyze_compiled(scenario: &Scenario, compiled: Option<Compiled>, limits: Limits) -> Stats {
    match compiled {
        Some(c) => c.analyze(limits),
        None => Stats {
            nodes: scenario.nodes.len(),
            endings: scenario.endings.len(),
            limit: Some(say!("rubric-cannot-be-used")),
            ..Stats::default()
        },
    }
}
