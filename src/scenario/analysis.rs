//! Path analysis: explores every way through a scenario to find the best and worst
//! achievable score, the reachable endings, steps and pitfalls, and the number of paths.
//!
//! The search runs over states (node, mood, flags, reached-by-flare, scoring [`Core`]),
//! breadth first, with a visited set, so loops back to listening are explored once per
//! distinct state rather than forever. Both outcomes of every flare are followed (unless
//! the temperament-adjusted chance is 0 or 100); mood is deterministic, as in the engine.
//! Scores come from the same fold the debrief uses ([`Core::apply`]), so they agree.
//!
//! Select turns: with at most [`EXHAUSTIVE_ITEMS`] items every non-empty subset is tried.
//! With more, a heuristic set: all items that belong, every item, each item alone, the
//! belonging set without one of its items, and the belonging set plus one wrong item;
//! the result is then marked inexact.
//!
//! The number of states is capped at `max(200_000, 10 × nodes)` so the analysis stays
//! roughly linear in scenario size. Once a quarter of that budget is used, a node that
//! already holds its share (`budget / 8·nodes`, at least 2 states) only admits states that beat
//! the best or worst running total seen there, so a state explosion near the start
//! cannot starve the rest of the scenario: the search still walks every node and carries
//! its best and worst partial paths on to the endings. When a cap turns a state away,
//! `exact` is false, best and worst are the best and worst paths found (bounds, not
//! necessarily the true extremes), and the reachable
//! steps and pitfalls are taken from the graph instead (every answer of a node that some
//! path of `next`/branch/flare edges reaches, ignoring conditions).

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;

use crate::engine::{flare_chance, shift_mood};
use crate::rubric::model::ModelRubric;
use crate::rubric::score::{Core, Scorer};
use crate::scenario::model::{Condition, Mood, MoodShift, Node, Scenario, Temperament};

/// A small multiply-rotate hasher (the FxHash idea) for the state table: states are
/// plain integers, need no protection against crafted collisions (the worst a hostile
/// file can do is hit the state budget sooner), and SipHash would dominate the search.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Select turns with at most this many items are enumerated exhaustively.
pub const EXHAUSTIVE_ITEMS: usize = 10;

/// One answered turn on a path: the node and the answer in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathStep {
    pub node: String,
    /// Whether the node was reached by a flare-up.
    pub flared: bool,
    pub pick: Pick,
}

/// An answer in file order (0-based), unlike the displayed positions of `Answer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pick {
    Option(usize),
    Items(Vec<usize>),
}

/// What the analysis found.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Stats {
    pub nodes: usize,
    pub endings: usize,
    pub reachable_endings: usize,
    /// Number of distinct paths (answers and flare outcomes) from start to an ending,
    /// saturating.
    pub paths: u64,
    /// True when `paths` is a lower bound: a loop can repeat without limit, the count
    /// overflowed, or the search stopped early.
    pub paths_capped: bool,
    pub best_score: u32,
    pub worst_score: u32,
    /// Step scores of the best path, in model order.
    pub best_steps: Vec<u32>,
    pub best_path: Vec<PathStep>,
    pub worst_path: Vec<PathStep>,
    /// The ending each of those paths reaches.
    pub best_ending: Option<String>,
    pub worst_ending: Option<String>,
    /// Steps (ids, model order) some path earns.
    pub reachable_steps: Vec<String>,
    /// Pitfalls (ids, rubric order) some path falls into.
    pub reachable_pitfalls: Vec<String>,
    /// Whether some path to an ending earns every step of the model.
    pub all_steps_possible: bool,
    /// States explored.
    pub states: usize,
    /// False when the state budget ran out or a select was too big to enumerate.
    pub exact: bool,
}

/// A compiled answer: one option, or one subset of select items.
struct Ans {
    pick: Pick,
    shows: u64,
    pitfalls: Vec<u8>,
    shift: MoodShift,
    sets: u64,
    next: Target,
    branches: Vec<(Cond, Target)>,
}

#[derive(Clone, Copy)]
enum Target {
    Node(u32),
    Ending(u32),
    /// Unknown id (the checker reports it); the path stops.
    None,
}

enum Cond {
    AngerAtLeast(u8),
    AngerBelow(u8),
    TrustAtLeast(u8),
    TrustBelow(u8),
    Flag(Option<u32>),
    NotFlag(Option<u32>),
    All(Vec<Cond>),
    Any(Vec<Cond>),
}

impl Cond {
    /// Same meaning as `engine::condition_holds`, on the compiled form.
    fn holds(&self, mood: Mood, flags: u64) -> bool {
        let has = |bit: &Option<u32>| bit.is_some_and(|b| flags & (1 << b) != 0);
        match self {
            Cond::AngerAtLeast(n) => mood.anger >= *n,
            Cond::AngerBelow(n) => mood.anger < *n,
            Cond::TrustAtLeast(n) => mood.trust >= *n,
            Cond::TrustBelow(n) => mood.trust < *n,
            Cond::Flag(bit) => has(bit),
            Cond::NotFlag(bit) => !has(bit),
            Cond::All(cs) => cs.iter().all(|c| c.holds(mood, flags)),
            Cond::Any(cs) => cs.iter().any(|c| c.holds(mood, flags)),
        }
    }
}

struct CNode {
    /// Flare target and adjusted chance.
    flare: Option<(u32, u32)>,
    answers: Vec<Ans>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct St {
    node: u32,
    mood: Mood,
    flared: bool,
    flags: u64,
    core: Core,
}

struct Compiler<'a> {
    ids: HashMap<&'a str, Target>,
    flags: HashMap<&'a str, u32>,
    inexact: bool,
}

impl<'a> Compiler<'a> {
    fn flag(&mut self, name: &'a str) -> Option<u32> {
        if let Some(&b) = self.flags.get(name) {
            return Some(b);
        }
        if self.flags.len() >= 64 {
            // Flags past the 64th are treated as never set.
            self.inexact = true;
            return None;
        }
        let b = self.flags.len() as u32;
        self.flags.insert(name, b);
        Some(b)
    }

    fn flag_bits(&mut self, names: impl IntoIterator<Item = &'a String>) -> u64 {
        names
            .into_iter()
            .filter_map(|n| self.flag(n))
            .fold(0, |m, b| m | 1 << b)
    }

    fn target(&self, id: &str) -> Target {
        self.ids.get(id).copied().unwrap_or(Target::None)
    }

    fn cond(&mut self, c: &'a Condition) -> Cond {
        match c {
            Condition::AngerAtLeast(n) => Cond::AngerAtLeast(*n),
            Condition::AngerBelow(n) => Cond::AngerBelow(*n),
            Condition::TrustAtLeast(n) => Cond::TrustAtLeast(*n),
            Condition::TrustBelow(n) => Cond::TrustBelow(*n),
            Condition::Flag(f) => Cond::Flag(self.flag(f)),
            Condition::NotFlag(f) => Cond::NotFlag(self.flag(f)),
            Condition::All(cs) => Cond::All(cs.iter().map(|c| self.cond(c)).collect()),
            Condition::Any(cs) => Cond::Any(cs.iter().map(|c| self.cond(c)).collect()),
        }
    }

    fn node(&mut self, s: &'a Scenario, node: &'a Node, scorer: &Scorer) -> CNode {
        let flare = node.flare.as_ref().and_then(|f| match self.target(&f.to) {
            Target::Node(t) => Some((t, flare_chance(f.chance, s.complainant.temperament))),
            _ => None,
        });
        let mut answers = Vec::new();
        match &node.select {
            Some(sel) if node.options.is_empty() => {
                let branches: Vec<(Cond, Target)> = sel
                    .branches
                    .iter()
                    .map(|b| (self.cond(&b.when), self.target(&b.to)))
                    .collect();
                let subsets = subsets(sel.items.iter().map(|i| i.belongs).collect());
                if sel.items.len() > EXHAUSTIVE_ITEMS {
                    self.inexact = true;
                }
                for subset in subsets {
                    let mut shows = 0;
                    let mut pitfalls = Vec::new();
                    let mut sets = 0;
                    for &i in &subset {
                        let Some(item) = sel.items.get(i) else {
                            continue;
                        };
                        shows |= scorer.shows_mask(&item.shows);
                        pitfalls.extend(scorer.pitfall_indices(&item.pitfalls));
                        sets |= self.flag_bits(&item.sets);
                    }
                    answers.push(Ans {
                        pick: Pick::Items(subset),
                        shows,
                        pitfalls,
                        shift: sel.mood,
                        sets,
                        next: self.target(&sel.next),
                        branches: branches.iter().map(|(c, t)| (clone_cond(c), *t)).collect(),
                    });
                }
            }
            _ => {
                for (i, c) in node.options.iter().enumerate() {
                    let branches = c
                        .branches
                        .iter()
                        .map(|b| (self.cond(&b.when), self.target(&b.to)))
                        .collect();
                    answers.push(Ans {
                        pick: Pick::Option(i),
                        shows: scorer.shows_mask(&c.shows),
                        pitfalls: scorer.pitfall_indices(&c.pitfalls),
                        shift: c.mood,
                        sets: self.flag_bits(&c.sets),
                        next: self.target(&c.next),
                        branches,
                    });
                }
            }
        }
        CNode { flare, answers }
    }
}

fn clone_cond(c: &Cond) -> Cond {
    match c {
        Cond::AngerAtLeast(n) => Cond::AngerAtLeast(*n),
        Cond::AngerBelow(n) => Cond::AngerBelow(*n),
        Cond::TrustAtLeast(n) => Cond::TrustAtLeast(*n),
        Cond::TrustBelow(n) => Cond::TrustBelow(*n),
        Cond::Flag(b) => Cond::Flag(*b),
        Cond::NotFlag(b) => Cond::NotFlag(*b),
        Cond::All(cs) => Cond::All(cs.iter().map(clone_cond).collect()),
        Cond::Any(cs) => Cond::Any(cs.iter().map(clone_cond).collect()),
    }
}

/// The selections tried for a select turn (see the module docs).
fn subsets(belongs: Vec<bool>) -> Vec<Vec<usize>> {
    let n = belongs.len();
    if n <= EXHAUSTIVE_ITEMS {
        return (1u32..(1 << n))
            .map(|m| (0..n).filter(|i| m & (1 << i) != 0).collect())
            .collect();
    }
    let good: Vec<usize> = (0..n).filter(|&i| belongs[i]).collect();
    let mut out: BTreeSet<Vec<usize>> = BTreeSet::new();
    out.insert(good.clone());
    out.insert((0..n).collect());
    for (i, &belongs) in belongs.iter().enumerate() {
        out.insert(vec![i]);
        let mut v: Vec<usize> = good.iter().copied().filter(|&g| g != i).collect();
        if !belongs {
            v.push(i);
            v.sort_unstable();
        }
        out.insert(v);
    }
    out.into_iter().filter(|v| !v.is_empty()).collect()
}

/// Best or worst terminal found so far: (score, state id, answer index, ending index).
type Terminal = (u32, u32, u32, u32);

/// The default state budget for a scenario of `nodes` nodes.
pub fn default_budget(nodes: usize) -> usize {
    nodes.saturating_mul(10).max(200_000)
}

/// Analyses a scenario against its model's rubric with the default state budget. Never
/// panics; an unusable rubric or a scenario without a valid start yields empty stats.
pub fn analyze(scenario: &Scenario, model: &ModelRubric) -> Stats {
    analyze_with_budget(scenario, model, default_budget(scenario.nodes.len()))
}

/// As [`analyze`], exploring at most `budget` states.
pub fn analyze_with_budget(scenario: &Scenario, model: &ModelRubric, budget: usize) -> Stats {
    let mut stats = Stats {
        nodes: scenario.nodes.len(),
        endings: scenario.endings.len(),
        exact: true,
        ..Stats::default()
    };
    let Ok(scorer) = Scorer::new(model) else {
        stats.exact = false;
        return stats;
    };
    let node_ids: Vec<&str> = scenario.nodes.keys().map(String::as_str).collect();
    let ending_ids: Vec<&str> = scenario.endings.keys().map(String::as_str).collect();
    let mut cx = Compiler {
        ids: HashMap::with_capacity(node_ids.len() + ending_ids.len()),
        flags: HashMap::new(),
        inexact: false,
    };
    for (i, id) in ending_ids.iter().enumerate() {
        cx.ids.insert(id, Target::Ending(i as u32));
    }
    for (i, id) in node_ids.iter().enumerate() {
        cx.ids.insert(id, Target::Node(i as u32));
    }
    let nodes: Vec<CNode> = scenario
        .nodes
        .values()
        .map(|n| cx.node(scenario, n, &scorer))
        .collect();
    let Target::Node(start) = cx.target(&scenario.start) else {
        return stats;
    };
    let temperament = scenario.complainant.temperament;

    let mut ids: FxMap<St, u32> = FxMap::default();
    let mut states: Vec<St> = Vec::new();
    let mut parent: Vec<(u32, u32)> = Vec::new();
    // Successor lists (compressed) and terminal counts, for counting paths.
    let mut succ_start: Vec<u32> = Vec::new();
    let mut succ: Vec<u32> = Vec::new();
    let mut ends_here: Vec<u32> = Vec::new();
    let mut queue: VecDeque<u32> = VecDeque::new();
    let mut shows_seen = 0u64;
    let mut pitfalls_seen = 0u32;
    let mut endings_seen = vec![false; ending_ids.len()];
    let mut best: Option<Terminal> = None;
    let mut worst: Option<Terminal> = None;
    let mut best_core = Core::default();
    let mut budget_hit = false;

    let arrivals = |v: u32, mood: Mood, flags: u64, core: Core, out: &mut Vec<St>| {
        arrive(&nodes, v, mood, flags, core, out)
    };

    let mut first = Vec::new();
    arrivals(
        start,
        scenario.complainant.mood,
        0,
        Core::default(),
        &mut first,
    );
    for st in first {
        if let std::collections::hash_map::Entry::Vacant(slot) = ids.entry(st) {
            slot.insert(states.len() as u32);
            states.push(st);
            parent.push((u32::MAX, 0));
            queue.push_back(states.len() as u32 - 1);
        }
    }
    let roots = states.len();

    // Per node: states admitted, and the lowest and highest running total among them.
    let per_node = (budget / (8 * nodes.len().max(1))).max(2);
    // Arrivals by a flare-up count apart: their pending flare rule is not in the total
    // yet, so they must not crowd out the plain arrivals.
    let slot_of = |st: &St| 2 * st.node as usize + usize::from(st.flared);
    let mut at_node: Vec<(u32, u32, u32)> = vec![(0, u32::MAX, 0); 2 * nodes.len()];
    for st in &states {
        let t = st.core.total(&scorer);
        let slot = &mut at_node[slot_of(st)];
        *slot = (slot.0 + 1, slot.1.min(t), slot.2.max(t));
    }
    let mut next_states = Vec::new();
    while let Some(id) = queue.pop_front() {
        // States are processed in id order (BFS), so successor lists line up.
        succ_start.push(succ.len() as u32);
        ends_here.push(0);
        let st = states[id as usize];
        for (a, ans) in nodes[st.node as usize].answers.iter().enumerate() {
            shows_seen |= ans.shows;
            for &p in &ans.pitfalls {
                pitfalls_seen |= 1 << p;
            }
            let (core, mood, flags, target) = advance(&scorer, temperament, &st, ans);
            match target {
                Target::Ending(e) => {
                    if let Some(seen) = endings_seen.get_mut(e as usize) {
                        *seen = true;
                    }
                    if let Some(n) = ends_here.last_mut() {
                        *n = n.saturating_add(1);
                    }
                    let score = core.total(&scorer);
                    let here = (score, id, a as u32, e);
                    if best.is_none_or(|b| score > b.0) {
                        best = Some(here);
                        best_core = core;
                    }
                    if worst.is_none_or(|w| score < w.0) {
                        worst = Some(here);
                    }
                    if core.all_steps_earned(&scorer) {
                        stats.all_steps_possible = true;
                    }
                }
                Target::Node(v) => {
                    next_states.clear();
                    arrivals(v, mood, flags, core, &mut next_states);
                    for &ns in &next_states {
                        let nid = match ids.get(&ns) {
                            Some(&nid) => nid,
                            None => {
                                // A full node still admits a state that beats its best
                                // or worst running total, so the extremes keep flowing
                                // towards the endings (at most 2 × 101 extra per node).
                                let total = ns.core.total(&scorer);
                                let (held, lo, hi) = &mut at_node[slot_of(&ns)];
                                let extreme = total < *lo || total > *hi;
                                let crowded = states.len() >= budget / 4
                                    && *held as usize >= per_node
                                    && !extreme;
                                if states.len() >= budget || crowded {
                                    budget_hit = true;
                                    continue;
                                }
                                *held += 1;
                                *lo = (*lo).min(total);
                                *hi = (*hi).max(total);
                                let nid = states.len() as u32;
                                ids.insert(ns, nid);
                                states.push(ns);
                                parent.push((id, a as u32));
                                queue.push_back(nid);
                                nid
                            }
                        };
                        succ.push(nid);
                    }
                }
                Target::None => {}
            }
        }
    }
    succ_start.push(succ.len() as u32);
    drop(ids);

    stats.states = states.len();
    stats.exact = !budget_hit && !cx.inexact;
    stats.reachable_endings = endings_seen.iter().filter(|&&s| s).count();
    let path_to = |t: Option<Terminal>| -> Vec<PathStep> {
        let Some((_, mut id, mut a, _)) = t else {
            return Vec::new();
        };
        let mut out = Vec::new();
        loop {
            out.push(path_step(&nodes, &node_ids, &states[id as usize], a));
            let (p, pa) = parent[id as usize];
            if p == u32::MAX {
                break;
            }
            (id, a) = (p, pa);
        }
        out.reverse();
        out
    };
    stats.best_path = path_to(best);
    stats.worst_path = path_to(worst);
    stats.best_score = best.map_or(0, |b| b.0);
    stats.worst_score = worst.map_or(0, |w| w.0);
    stats.best_ending = best.map(|b| ending_ids[b.3 as usize].to_string());
    stats.worst_ending = worst.map(|w| ending_ids[w.3 as usize].to_string());
    if best.is_some() {
        stats.best_steps = best_core.step_scores(&scorer);
    }

    if budget_hit {
        // Breadth first ran out before the long paths; a beam search in each direction
        // finds real witness paths (a lower bound for the best, an upper bound for the
        // worst), with work bounded by width × layers.
        let roots: Vec<St> = states[..roots].to_vec();
        let width = (1_000_000 / nodes.len().max(1)).clamp(32, BEAM_WIDTH);
        let layers = 2 * nodes.len() + 32;
        let search = Beam {
            nodes: &nodes,
            scorer: &scorer,
            temperament,
            width,
            layers,
        };
        if let Some(w) = search.run(&roots, true)
            && (best.is_none() || w.score > stats.best_score)
        {
            stats.best_score = w.score;
            stats.best_steps = w.core.step_scores(&scorer);
            stats.best_ending = Some(ending_ids[w.ending as usize].to_string());
            stats.best_path = w.path(&nodes, &node_ids);
            stats.all_steps_possible |= w.core.all_steps_earned(&scorer);
        }
        if let Some(w) = search.run(&roots, false)
            && (worst.is_none() || w.score < stats.worst_score)
        {
            stats.worst_score = w.score;
            stats.worst_ending = Some(ending_ids[w.ending as usize].to_string());
            stats.worst_path = w.path(&nodes, &node_ids);
        }
    }

    if budget_hit {
        // Fall back to what the graph allows (see the module docs).
        (shows_seen, pitfalls_seen) = graph_reach(&nodes, start);
    }
    let steps_seen = scorer.steps_of(shows_seen);
    stats.reachable_steps = (0..scorer.step_count())
        .filter(|k| steps_seen & (1 << k) != 0)
        .map(|k| scorer.step_id(k).to_string())
        .collect();
    stats.reachable_pitfalls = (0..scorer.pitfall_count())
        .filter(|p| pitfalls_seen & (1 << p) != 0)
        .map(|p| scorer.pitfall_id(p).to_string())
        .collect();

    let (paths, capped) = count_paths(&succ_start, &succ, &ends_here, roots);
    stats.paths = paths;
    stats.paths_capped = capped || !stats.exact;
    stats
}

/// The most partial paths the beam search keeps per layer.
const BEAM_WIDTH: usize = 512;

/// The path step for answer `a` (file order) given in state `st`.
fn path_step(nodes: &[CNode], node_ids: &[&str], st: &St, a: u32) -> PathStep {
    PathStep {
        node: node_ids[st.node as usize].to_string(),
        flared: st.flared,
        pick: nodes[st.node as usize]
            .answers
            .get(a as usize)
            .map_or(Pick::Option(0), |x| x.pick.clone()),
    }
}

/// One answered turn from state `st`: the scoring core after it, the mood, the flags and
/// where the conversation goes. Shared by the exhaustive and the beam search so both
/// follow the engine's rules.
fn advance(
    scorer: &Scorer,
    temperament: Temperament,
    st: &St,
    ans: &Ans,
) -> (Core, Mood, u64, Target) {
    let mut core = st.core;
    core.apply(scorer, ans.shows, &ans.pitfalls, st.flared, |_| {});
    let core = core.normalized(scorer);
    let mood = shift_mood(st.mood, ans.shift, temperament);
    let flags = st.flags | ans.sets;
    let target = ans
        .branches
        .iter()
        .find(|(c, _)| c.holds(mood, flags))
        .map_or(ans.next, |(_, t)| *t);
    (core, mood, flags, target)
}

/// Arriving at node `v`: both flare outcomes where the chance allows.
fn arrive(nodes: &[CNode], v: u32, mood: Mood, flags: u64, core: Core, out: &mut Vec<St>) {
    let plain = St {
        node: v,
        mood,
        flared: false,
        flags,
        core,
    };
    match nodes[v as usize].flare {
        Some((to, chance)) if chance > 0 => {
            if chance < 100 {
                out.push(plain);
            }
            out.push(St {
                node: to,
                flared: true,
                ..plain
            });
        }
        _ => out.push(plain),
    }
}

/// A layered beam search for the best (or worst) path: each layer keeps the `width`
/// partial paths whose score so far is highest (or lowest).
struct Beam<'a> {
    nodes: &'a [CNode],
    scorer: &'a Scorer,
    temperament: Temperament,
    width: usize,
    layers: usize,
}

/// A complete path the beam search found.
struct Witness {
    score: u32,
    core: Core,
    ending: u32,
    /// Visited states with the answer given there, from the start.
    steps: Vec<(St, u32)>,
}

impl Witness {
    fn path(&self, nodes: &[CNode], node_ids: &[&str]) -> Vec<PathStep> {
        self.steps
            .iter()
            .map(|(st, a)| path_step(nodes, node_ids, st, *a))
            .collect()
    }
}

impl Beam<'_> {
    fn run(&self, roots: &[St], maximize: bool) -> Option<Witness> {
        // Arena of visited states: (state, parent index, answer given at the parent).
        let mut arena: Vec<(St, u32, u32)> = roots.iter().map(|&st| (st, u32::MAX, 0)).collect();
        let mut seen: std::collections::HashSet<St> = roots.iter().copied().collect();
        let mut frontier: Vec<u32> = (0..arena.len() as u32).collect();
        let mut found: Option<(u32, Core, u32, u32, u32)> = None;
        let better = |a: u32, b: u32| if maximize { a > b } else { a < b };
        let mut arrivals = Vec::new();
        for _ in 0..self.layers {
            if frontier.is_empty() {
                break;
            }
            let mut next: Vec<(u32, u32)> = Vec::new();
            for &id in &frontier {
                let st = arena[id as usize].0;
                for (a, ans) in self.nodes[st.node as usize].answers.iter().enumerate() {
                    let (core, mood, flags, target) =
                        advance(self.scorer, self.temperament, &st, ans);
                    match target {
                        Target::Ending(e) => {
                            let score = core.total(self.scorer);
                            if found.is_none_or(|f| better(score, f.0)) {
                                found = Some((score, core, e, id, a as u32));
                            }
                        }
                        Target::Node(v) => {
                            arrivals.clear();
                            arrive(self.nodes, v, mood, flags, core, &mut arrivals);
                            for &ns in &arrivals {
                                if seen.insert(ns) {
                                    arena.push((ns, id, a as u32));
                                    next.push((core.total(self.scorer), arena.len() as u32 - 1));
                                }
                            }
                        }
                        Target::None => {}
                    }
                }
            }
            // Stable order for equal scores keeps the result deterministic.
            if maximize {
                next.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
            } else {
                next.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)));
            }
            // Keep the leading path per conversation position only: otherwise near-identical
            // variants (a select turn's subsets) crowd longer, better paths out of the beam.
            let mut positions = std::collections::HashSet::new();
            frontier = next
                .into_iter()
                .filter(|&(_, id)| {
                    let st = arena[id as usize].0;
                    positions.insert((st.node, st.mood, st.flags, st.flared))
                })
                .take(self.width)
                .map(|(_, id)| id)
                .collect();
        }
        let (score, core, ending, mut id, mut a) = found?;
        let mut steps = Vec::new();
        loop {
            let (st, parent, via) = arena[id as usize];
            steps.push((st, a));
            if parent == u32::MAX {
                break;
            }
            (id, a) = (parent, via);
        }
        steps.reverse();
        Some(Witness {
            score,
            core,
            ending,
            steps,
        })
    }
}

/// Points and pitfalls of every answer at a node the graph reaches from `start`.
fn graph_reach(nodes: &[CNode], start: u32) -> (u64, u32) {
    let mut seen = vec![false; nodes.len()];
    let mut stack = vec![start];
    let (mut shows, mut pits) = (0u64, 0u32);
    seen[start as usize] = true;
    while let Some(v) = stack.pop() {
        let node = &nodes[v as usize];
        let mut push = |t: Target| {
            if let Target::Node(w) = t
                && !seen[w as usize]
            {
                seen[w as usize] = true;
                stack.push(w);
            }
        };
        if let Some((to, _)) = node.flare {
            push(Target::Node(to));
        }
        for a in &node.answers {
            shows |= a.shows;
            for &p in &a.pitfalls {
                pits |= 1 << p;
            }
            push(a.next);
            for (_, t) in &a.branches {
                push(*t);
            }
        }
    }
    (shows, pits)
}

/// Paths from the root states to endings, by memoised depth-first search. A loop in the
/// state graph means unboundedly many paths: the count then ignores the loop's back edge
/// and is flagged as capped.
fn count_paths(start: &[u32], succ: &[u32], ends: &[u32], roots: usize) -> (u64, bool) {
    let n = ends.len();
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut mark = vec![NEW; n];
    let mut count = vec![0u64; n];
    let mut capped = false;
    let mut total = 0u64;
    for root in 0..roots.min(n) {
        if mark[root] == NEW {
            let mut stack: Vec<(usize, usize)> = vec![(root, start[root] as usize)];
            mark[root] = OPEN;
            while let Some(&mut (v, ref mut next)) = stack.last_mut() {
                let end = start.get(v + 1).map_or(*next, |&e| e as usize);
                if *next < end {
                    let w = succ[*next] as usize;
                    *next += 1;
                    if w >= n {
                        continue;
                    }
                    match mark[w] {
                        NEW => {
                            mark[w] = OPEN;
                            stack.push((w, start[w] as usize));
                        }
                        OPEN => capped = true,
                        _ => {}
                    }
                } else {
                    let mut c = u64::from(ends[v]);
                    for &w in &succ[start[v] as usize..end] {
                        let w = w as usize;
                        if w < n && mark[w] == DONE {
                            c = c.checked_add(count[w]).unwrap_or_else(|| {
                                capped = true;
                                u64::MAX
                            });
                        }
                    }
                    count[v] = c;
                    mark[v] = DONE;
                    stack.pop();
                }
            }
        }
        total = total.checked_add(count[root]).unwrap_or_else(|| {
            capped = true;
            u64::MAX
        });
    }
    (total, capped)
}
