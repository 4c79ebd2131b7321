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
//! read again while still in cache. Tarjan's fields of a position sit together (`Visit`),
//! so an edge to a position met before costs one random read; that read also tells
//! whether the edge stays inside its component (`Edge::inside`, which the edge sort in
//! `toward` reads instead of comparing components).
//!
//! The walk starts at the start positions and takes the edges in the order the searches
//! take them, so it is the depth-first walk that counted the plays before: the count
//! (and whether it is a lower bound) is the same. The graph is the same as the
//! breadth-first one up to the numbering, which no result depends on. Past the position
//! limit the walk gives up, and the caller builds the breadth-first graph, which stops
//! there in its own (documented) way.

use super::position_index::PositionIndex;
use super::toward::{Components, Sccs};
use super::{Compiled, Edge, Limits, MAX_POSITIONS, Position, PositionGraph, Step, Target};

/// No component yet.
const NONE: u32 = u32::MAX;

/// Tarjan's bookkeeping for one position, together: the walk reads it once per edge.
#[derive(Clone, Copy)]
struct Visit {
    /// The plays from the position to an ending, summed up as the walk looks at its edges
    /// (final once the walk leaves it); an edge back onto the walk (a loop) counts none
    /// and makes the total a lower bound.
    plays: u64,
    /// The earliest position on the stack it can get back to.
    low: u32,
    on_stack: bool,
    on_walk: bool,
}

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
    visits: Vec<Visit>,
    stack: Vec<u32>,
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
        let mut plays = 0u64;
        c.expand(&p, |route, step| {
            let edge = match step {
                Step::At(arrival) => {
                    waiting.push(arrival);
                    Edge::pending(route)
                }
                Step::End(to) => {
                    waiting.push(p);
                    if let Target::Ending(_) = to {
                        plays = plays.saturating_add(1);
                    }
                    Edge::new(route, to)
                }
            };
            edges.push(edge);
        });
        self.first.push(self.edges.len() as u32);
        self.walk.push((q, 0, base));
        self.visits.push(Visit {
            plays,
            low: q,
            on_stack: true,
            on_walk: true,
        });
        self.stack.push(q);
        self.component.push(NONE);
        (q, true)
    }

    /// The walk looks at an edge from `p` to `q`, met before: a loop, a position done, or
    /// one on the stack (then the edge stays inside their component).
    fn look_back(&mut self, p: u32, q: u32, edge: usize) {
        let seen = self.visits[q as usize];
        if seen.on_walk {
            self.loops = true;
        }
        let at = &mut self.visits[p as usize];
        if !seen.on_walk {
            at.plays = at.plays.saturating_add(seen.plays);
        }
        if seen.on_stack {
            at.low = at.low.min(q);
            self.edges[edge].inside = true;
        }
    }

    /// The walk leaves `p`, whose edges it has all looked at.
    fn leave(&mut self, p: u32) {
        let done = self.visits[p as usize];
        self.visits[p as usize].on_walk = false;
        // The parent's edge to `p`, the last it looked at, stays inside their component
        // unless `p` closes its own.
        let closes = done.low == p;
        if let Some(&(parent, looked, _)) = self.walk.last() {
            let at = &mut self.visits[parent as usize];
            at.plays = at.plays.saturating_add(done.plays);
            at.low = at.low.min(done.low);
            if !closes {
                self.edges[(self.first[parent as usize] + looked - 1) as usize].inside = true;
            }
        }
        if closes {
            let k = (self.components_first.len() - 1) as u32;
            while let Some(m) = self.stack.pop() {
                self.visits[m as usize].on_stack = false;
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
            visits: Vec::new(),
            stack: Vec::new(),
            loops: false,
            component: Vec::new(),
            components_first: vec![0],
            members: Vec::new(),
        };
        let limit = limits.positions.min(MAX_POSITIONS);
        let mut starts = Vec::with_capacity(from.len());
        for &start in from {
            let (s, new) = w.meet(self, start);
            starts.push(s);
            if !new {
                continue;
            }
            if w.positions.len() > limit {
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
                // Edges to endings were counted when made; the others wait for this.
                if w.edges[e].to != Edge::PENDING {
                    continue;
                }
                let arrival = w.waiting[(base + looked) as usize];
                let (q, new) = w.meet(self, arrival);
                w.edges[e].to = q;
                if !new {
                    w.look_back(p, q, e);
                } else if w.positions.len() > limit {
                    return None;
                }
            }
        }
        let plays = starts.iter().fold(0u64, |total, &s| {
            total.saturating_add(w.visits[s as usize].plays)
        });
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
        drop((w.index, w.waiting, w.walk, w.visits, w.stack));
        let components = graph.components(self, sccs);
        Some((graph, components))
    }
}
