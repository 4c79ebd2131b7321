//! Mood classes: which moods no future of a node can tell apart.
//!
//! Mood changes where a conversation goes only through branch conditions (it does not
//! score, and flare chances do not depend on it). Anger and trust move independently:
//! each shift moves one value by a temperament-scaled amount, clamped to 0..=100, and
//! each condition compares one value with a threshold. So per node and per mood value we
//! compute the coarsest partition of 0..=100 such that two values in one class
//!
//! - give the same result for every threshold tested by the node's routes (after the
//!   route's shift, as the engine tests them), and
//! - land, after each route's shift, in one class of every node the route may lead to
//!   (its next node, its branch targets, and their flare targets).
//!
//! This is the greatest bisimulation on (node, value) over the node graph with every
//! route allowed, so it is safe for the real plays, whose routes are a subset chosen by
//! tests the class already fixes. Replacing a mood by the smallest value of its class
//! therefore changes no play's route, ending or score, and positions that differ only
//! in indistinguishable moods become one. Where no test lies ahead, a node has one class.

use rustc_hash::FxHashMap;

use crate::scenario::model::{Mood, MoodShift, Temperament};
use crate::scenario::mood::shift_mood;

/// Mood values run 0..=100.
const VALUES: usize = 101;

/// One route of a node as the mood sees it.
pub(super) struct MoodRoute {
    pub shift: MoodShift,
    /// Thresholds the route's conditions compare anger (`[0]`) and trust (`[1]`) with.
    pub thresholds: [Vec<u8>; 2],
    /// Nodes a play may be at after taking the route (flare targets included).
    pub targets: Vec<u32>,
}

/// Per node and mood value, the class's number and the smallest value of the class.
pub(super) struct MoodClasses {
    /// Anger (`[0]`) and trust (`[1]`).
    components: [Component; 2],
}

/// One component's classes.
struct Component {
    /// Per node, its row of class numbers in `number`, or [`ONE_CLASS`]: most nodes of a
    /// large scenario have no test ahead, and a row of 101 bytes each would be most of
    /// the analysis's memory.
    row: Vec<u32>,
    /// `number[row * 101 + v]`: the class's number at the node, counting the classes from
    /// 0 in the order of their smallest values.
    number: Vec<u8>,
    /// The smallest value of each class, node after node: those of `node` start at
    /// `first[node]` (and number `first[node + 1] - first[node]`).
    first: Vec<u32>,
    smallest: Vec<u8>,
}

/// The row of a node whose values are all one class (numbered 0, named 0).
const ONE_CLASS: u32 = u32::MAX;

impl Component {
    fn single(nodes: usize) -> Component {
        Component {
            row: vec![ONE_CLASS; nodes],
            number: Vec::new(),
            first: (0..=nodes as u32).collect(),
            smallest: vec![0; nodes],
        }
    }

    fn number(&self, node: u32, v: u8) -> usize {
        match self.row[node as usize] {
            ONE_CLASS => 0,
            row => usize::from(self.number[row as usize * VALUES + usize::from(v.min(100))]),
        }
    }

    fn count(&self, node: u32) -> usize {
        (self.first[node as usize + 1] - self.first[node as usize]) as usize
    }

    fn canonical(&self, node: u32, v: u8) -> u8 {
        self.smallest[self.first[node as usize] as usize + self.number(node, v)]
    }
}

impl MoodClasses {
    /// The classes of a scenario whose nodes have these routes.
    pub fn new(routes: &[Vec<MoodRoute>], temperament: Temperament) -> MoodClasses {
        MoodClasses {
            components: [0, 1].map(|c| component(routes, temperament, c)),
        }
    }

    /// The classes of `nodes` nodes none of whose routes tests the mood: one class each.
    pub fn single(nodes: usize) -> MoodClasses {
        MoodClasses {
            components: [0, 1].map(|_| Component::single(nodes)),
        }
    }

    /// How many nodes the classes are for.
    pub fn nodes(&self) -> usize {
        self.components[0].first.len().saturating_sub(1)
    }

    /// How many (anger class, trust class) pairs `node` has: the moods a position there
    /// can hold.
    pub fn pairs(&self, node: u32) -> usize {
        let [anger, trust] = &self.components;
        anger.count(node) * trust.count(node)
    }

    /// The number of `mood`'s (anger class, trust class) pair at `node`, below
    /// [`MoodClasses::pairs`].
    pub fn pair(&self, node: u32, mood: Mood) -> usize {
        let [anger, trust] = &self.components;
        anger.number(node, mood.anger) * trust.count(node) + trust.number(node, mood.trust)
    }

    /// The representative of `mood` at `node`.
    pub fn canonical(&self, node: u32, mood: Mood) -> Mood {
        let [anger, trust] = &self.components;
        Mood {
            anger: anger.canonical(node, mood.anger),
            trust: trust.canonical(node, mood.trust),
        }
    }
}

/// The value of component `c` after `shift`, as the engine computes it.
fn shifted(v: u8, shift: MoodShift, temperament: Temperament, c: usize) -> u8 {
    let m = shift_mood(Mood { anger: v, trust: v }, shift, temperament);
    if c == 0 { m.anger } else { m.trust }
}

/// One component's classes, by partition refinement.
fn component(routes: &[Vec<MoodRoute>], temperament: Temperament, c: usize) -> Component {
    let n = routes.len();
    if routes.iter().flatten().all(|r| r.thresholds[c].is_empty()) {
        return Component::single(n);
    }
    // The nodes with a route into each node: they need another look when its classes
    // split, and are live when it is.
    let mut into: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (v, rs) in routes.iter().enumerate() {
        for &t in rs.iter().flat_map(|r| &r.targets) {
            if into[t as usize].last() != Some(&(v as u32)) {
                into[t as usize].push(v as u32);
            }
        }
    }
    // Nodes from which some test of this component can be reached: elsewhere one class.
    // Found backwards from the tests, each node once.
    let mut live: Vec<bool> = routes
        .iter()
        .map(|rs| rs.iter().any(|r| !r.thresholds[c].is_empty()))
        .collect();
    let mut reach: Vec<usize> = (0..n).filter(|&v| live[v]).collect();
    while let Some(t) = reach.pop() {
        for &v in &into[t] {
            if !live[v as usize] {
                live[v as usize] = true;
                reach.push(v as usize);
            }
        }
    }
    // The value after each route, computed once per shift: routes share a few shifts.
    let mut shifts: FxHashMap<MoodShift, u32> = FxHashMap::default();
    let mut after: Vec<[u8; VALUES]> = Vec::new();
    let shift_of: Vec<Vec<u32>> = routes
        .iter()
        .map(|rs| {
            rs.iter()
                .map(|r| {
                    *shifts.entry(r.shift).or_insert_with(|| {
                        after.push(std::array::from_fn(|v| {
                            shifted(v as u8, r.shift, temperament, c)
                        }));
                        (after.len() - 1) as u32
                    })
                })
                .collect()
        })
        .collect();
    // A class is named by its smallest value at its node, so a node whose classes stay
    // the same keeps its names (a signature compares the classes of one target node at
    // one place, so the node need not be part of the name). At first each node has one
    // class. Only live nodes get a row of names: the others keep that one class, 0.
    let mut row_of = vec![ONE_CLASS; n];
    let mut live_rows = 0;
    for v in (0..n).filter(|&v| live[v]) {
        row_of[v] = live_rows;
        live_rows += 1;
    }
    let mut class: Vec<u8> = vec![0; live_rows as usize * VALUES];
    let class_at = |class: &[u8], t: u32, w: u8| match row_of[t as usize] {
        ONE_CLASS => 0,
        row => class[row as usize * VALUES + usize::from(w)],
    };
    // Split each live node's values by what its routes see (the thresholds after the
    // shift, the classes they land in) until no node's classes change: classes only ever
    // split, and never apart what the coarsest partition holds together, so this ends at
    // that partition whatever the order.
    let mut queued = live.clone();
    let mut queue: std::collections::VecDeque<usize> = (0..n).filter(|&v| live[v]).collect();
    let mut signatures: Vec<u8> = Vec::new();
    let mut names = [0u8; VALUES];
    while let Some(v) = queue.pop_front() {
        queued[v] = false;
        signatures.clear();
        let rows: Vec<&[u8; VALUES]> = shift_of[v].iter().map(|&s| &after[s as usize]).collect();
        for value in 0..VALUES {
            for (route, row) in routes[v].iter().zip(&rows) {
                let w = row[value];
                signatures.extend(route.thresholds[c].iter().map(|&t| u8::from(w >= t)));
                signatures.extend(route.targets.iter().map(|&t| class_at(&class, t, w)));
            }
        }
        let len = signatures.len() / VALUES;
        let signature = |value: usize| &signatures[value * len..(value + 1) * len];
        let mut seen: FxHashMap<&[u8], u8> = FxHashMap::default();
        for value in 0..VALUES {
            names[value] = if value > 0 && signature(value) == signature(value - 1) {
                names[value - 1]
            } else {
                *seen.entry(signature(value)).or_insert(value as u8)
            };
        }
        let start = row_of[v] as usize * VALUES;
        let row = &mut class[start..start + VALUES];
        if row != names {
            row.copy_from_slice(&names);
            for &u in &into[v] {
                let u = u as usize;
                if live[u] && !queued[u] {
                    queued[u] = true;
                    queue.push_back(u);
                }
            }
        }
    }
    // The smallest value of each class stands for it; the classes are numbered in that
    // order. A node left with one class needs no row.
    let mut row = vec![ONE_CLASS; n];
    let mut number = Vec::new();
    let (mut first, mut smallest) = (Vec::with_capacity(n + 1), Vec::with_capacity(n));
    first.push(0);
    for v in 0..n {
        let names = match row_of[v] {
            ONE_CLASS => None,
            r => Some(&class[r as usize * VALUES..(r as usize + 1) * VALUES]),
        };
        match names {
            Some(names) if names.iter().any(|&name| name != 0) => {
                // A class's name is its smallest value, so each is met first at its name.
                let mut numbers = [0u8; VALUES];
                row[v] = (number.len() / VALUES) as u32;
                for (value, &name) in names.iter().enumerate() {
                    if usize::from(name) == value {
                        numbers[value] = (smallest.len() - first[v] as usize) as u8;
                        smallest.push(name);
                    }
                    number.push(numbers[usize::from(name)]);
                }
            }
            _ => smallest.push(0),
        }
        first.push(smallest.len() as u32);
    }
    Component {
        row,
        number,
        first,
        smallest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(anger: i8, thresholds: Vec<u8>, targets: Vec<u32>) -> MoodRoute {
        MoodRoute {
            shift: MoodShift { anger, trust: 0 },
            thresholds: [thresholds, Vec::new()],
            targets,
        }
    }

    fn canonical(c: &MoodClasses, node: u32, anger: u8, trust: u8) -> (u8, u8) {
        let m = c.canonical(node, Mood { anger, trust });
        (m.anger, m.trust)
    }

    #[test]
    fn values_merge_until_a_test_can_tell_them_apart() {
        // One node looping to itself: anger +10, then `anger >= 50` is tested.
        let classes = MoodClasses::new(&[vec![route(10, vec![50], vec![0])]], Temperament::Steady);
        // 40..=100 pass at once and stay past it; below, the number of steps to 50 counts.
        assert_eq!(canonical(&classes, 0, 100, 77), (40, 0));
        assert_eq!(canonical(&classes, 0, 45, 0), (40, 0));
        assert_eq!(canonical(&classes, 0, 39, 0), (30, 0));
        assert_eq!(canonical(&classes, 0, 31, 0), (30, 0));
        assert_eq!(canonical(&classes, 0, 9, 0), (0, 0));
    }

    #[test]
    fn a_node_with_no_test_ahead_has_one_class() {
        // Node 0 tests anger and leads to node 1, which tests nothing and leads nowhere.
        let classes = MoodClasses::new(
            &[
                vec![route(0, vec![30], vec![1])],
                vec![route(5, vec![], vec![])],
            ],
            Temperament::Volatile,
        );
        assert_eq!(canonical(&classes, 1, 90, 12), (0, 0));
        assert_eq!(canonical(&classes, 0, 29, 50), (0, 0));
        assert_eq!(canonical(&classes, 0, 30, 50), (30, 0));
    }
}
