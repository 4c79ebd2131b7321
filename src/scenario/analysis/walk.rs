//! The position graph built depth first, with Tarjan's algorithm folded in: one walk
//! numbers the positions, lays out their edges, finds the strongly connected components
//! and counts the plays.
//!
//! A position is expanded (its edges computed) when the walk first meets it, and numbered
//! then, so the numbers are Tarjan's visiting order and need no array of their own. The
//! positions its edges arrive at wait, unnumbered, on a stack beside the walk until the
//! walk looks at the edge: an arrival already met is a back or cross edge, a new one is
//! visited at once. The edges of a position are therefore stored together and in
//! numbering order, as in the breadth-first graph ([`Compiled::graph`]), and they are
//! read again while still in cache.
//!
//! The walk starts at the start positions and takes the edges in the order the searches
//! take them, so it is the depth-first walk that counted the plays before: the count
//! (and whether it is a lower bound) is the same. The graph is the same as the
//! breadth-first one up to the numbering, which no result depends on. Past the position
//! limit the walk gives up, and the caller builds the breadth-first graph, which stops
//! there in its own (documented) way.

use super::position_index::PositionIndex;
use super::toward::{Components, Sccs};
use super::{Compiled, Edge, Limits, Position, PositionGraph, Step, Target};

/// An edge whose arrival is not numbered yet.
const PENDING: Target = Target::Node(u32::MAX);
/// No component yet.
const NONE: u32 = u32::MAX;

/// The walk's state: the graph so far and Tarjan's bookkeeping, per position in
/// numbering (= visiting) order.
struct Walk<'m> {
    index: PositionIndex<'m>,
    positions: Vec<Position>,
    /// `edges[first[p]..first[p + 1]]` leave position `p`.
    first: Vec<u32>,
    edges: Vec<Edge>,
    /// Per edge of the positions on the walk, the position it arrives at (unused for an
    /// edge to an ending); a position's stretch is dropped when the walk leaves it.
    waiting: Vec<Position>,
    /// The walk: a position, how many of its edges were looked at, and where its stretch
    /// of `waiting` starts.
    walk: Vec<(u32, u32, u32)>,
    on_walk: Vec<bool>,
    /// The earliest position on the stack each can get back to.
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<u32>,
    /// Per position left by the walk, the plays from it to an ending; an edge back onto
    /// the walk (a loop) counts none and makes the total a lower bound.
    plays: Vec<u64>,
    loops: bool,
    component: Vec<u32>,
    components_first: Vec<u32>,
    members: Vec<u32>,
}

impl Walk<'_> {
    /// The number of `p`, and whether it is new: then it is expanded and put on the walk.
    fn meet(&mut self, c: &Compiled, p: Position) -> (u32, bool) {
        let before = self.positions.len();
        let q = self.index.intern(p, &mut self.positions);
        if q as usize != before {
            return (q, false);
        }
        let base = self.waiting.len() as u32;
        let (edges, waiting) = (&mut self.edges, &mut self.waiting);
        c.expand(&p, |route, step| {
            let to = match step {
                Step::At(arrival) => {
                    waiting.push(arrival);
                    PENDING
                }
                Step::End(to) => {
                    waiting.push(p);
                    to
                }
            };
            edges.push(Edge { route, to });
        });
        self.first.push(self.edges.len() as u32);
        self.walk.push((q, 0, base));
        self.on_walk.push(true);
        self.low.push(q);
        self.on_stack.push(true);
        self.stack.push(q);
        self.plays.push(0);
        self.component.push(NONE);
        (q, true)
    }

    /// The walk leaves `p`, whose edges all lead to positions counted or on the walk.
    fn leave(&mut self, p: u32) {
        let mut plays = 0u64;
        let edges =
            &self.edges[self.first[p as usize] as usize..self.first[p as usize + 1] as usize];
        for edge in edges {
            match edge.to {
                Target::Ending(_) => plays = plays.saturating_add(1),
                Target::Node(q) if self.on_walk[q as usize] => self.loops = true,
                Target::Node(q) => plays = plays.saturating_add(self.plays[q as usize]),
                Target::Nowhere => {}
            }
        }
        self.plays[p as usize] = plays;
        self.on_walk[p as usize] = false;
        if let Some(&(parent, _, _)) = self.walk.last() {
            self.low[parent as usize] = self.low[parent as usize].min(self.low[p as usize]);
        }
        if self.low[p as usize] == p {
            let k = (self.components_first.len() - 1) as u32;
            while let Some(m) = self.stack.pop() {
                self.on_stack[m as usize] = false;
                self.component[m as usize] = k;
                self.members.push(m);
                if m == p {
                    break;
                }
            }
            self.components_first.push(self.members.len() as u32);
        }
    }
}

impl Compiled<'_> {
    /// The position graph reachable from `from`, and its components: one depth-first
    /// walk. `None` past the position limit.
    pub(super) fn walk(
        &self,
        from: &[Position],
        limits: Limits,
    ) -> Option<(PositionGraph, Components)> {
        let mut w = Walk {
            index: PositionIndex::new(&self.moods),
            positions: Vec::new(),
            first: vec![0],
            edges: Vec::new(),
            waiting: Vec::new(),
            walk: Vec::new(),
            on_walk: Vec::new(),
            low: Vec::new(),
            on_stack: Vec::new(),
            stack: Vec::new(),
            plays: Vec::new(),
            loops: false,
            component: Vec::new(),
            components_first: vec![0],
            members: Vec::new(),
        };
        let mut starts = Vec::with_capacity(from.len());
        for &start in from {
            let (s, new) = w.meet(self, start);
            starts.push(s);
            if !new {
                continue;
            }
            if w.positions.len() > limits.positions {
                return None;
            }
            while let Some(&(p, looked, base)) = w.walk.last() {
                let e = (w.first[p as usize] + looked) as usize;
                if e == w.first[p as usize + 1] as usize {
                    w.walk.pop();
                    w.waiting.truncate(base as usize);
                    w.leave(p);
                    continue;
                }
                if let Some(top) = w.walk.last_mut() {
                    top.1 += 1;
                }
                if w.edges[e].to != PENDING {
                    continue;
                }
                let arrival = w.waiting[(base + looked) as usize];
                let (q, new) = w.meet(self, arrival);
                w.edges[e].to = Target::Node(q);
                if new {
                    if w.positions.len() > limits.positions {
                        return None;
                    }
                } else if w.on_stack[q as usize] {
                    w.low[p as usize] = w.low[p as usize].min(q);
                }
            }
        }
        let plays = starts
            .iter()
            .fold(0u64, |total, &s| total.saturating_add(w.plays[s as usize]));
        let sccs = Sccs {
            component: w.component,
            first: w.components_first,
            members: w.members,
            plays: (plays, w.loops || plays == u64::MAX),
        };
        let graph = PositionGraph {
            positions: w.positions,
            first: w.first,
            edges: w.edges,
            starts,
            complete: true,
        };
        // The rest of the walk's bookkeeping goes before the edges are sorted.
        drop((
            w.index, w.waiting, w.walk, w.on_walk, w.low, w.on_stack, w.stack, w.plays,
        ));
        let components = graph.components(self, sccs);
        Some((graph, components))
    }
}
