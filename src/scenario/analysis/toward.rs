//! What can still happen on the way from each position to one ending ([`Toward`]): the
//! bounds the per-ending searches prune with.
//!
//! The position graph is split once into its strongly connected components (Tarjan),
//! which come out sinks first, and each component's edges are sorted once into those that
//! stay inside and those that leave it (its exits). Each ending then takes one pass over
//! the components in that order: a component's exits lead only to components already
//! done. Inside a component with a cycle every member can reach every other, so all
//! members share one view (the points, costs and flare-ups of every edge inside, and of
//! every exit that gets there), stored once per component; only the least cost differs
//! per member, found by Dijkstra inside the component alone (with a queue of one bucket
//! per cost: costs are small whole numbers).

use super::{Compiled, PositionGraph, Target, Toward};

/// The strongly connected components of a position graph, sinks first: component `c`
/// holds `members[first[c]..first[c + 1]]`, and `component[p]` is the one of `p`.
#[derive(Default)]
pub(super) struct Components {
    component: Vec<u32>,
    first: Vec<u32>,
    members: Vec<u32>,
    /// Per component with a cycle, what its edges inside show and cost.
    inside: Vec<Option<Inside>>,
    /// The edges that leave component `c` (to another component or an ending):
    /// `exits[exits_first[c]..exits_first[c + 1]]`.
    exits_first: Vec<u32>,
    exits: Vec<Exit>,
    /// Per position, the edges into it from its own component: `(from, least cost of
    /// the route taken there)` in `inner[inner_first[p]..inner_first[p + 1]]`.
    inner_first: Vec<u32>,
    inner: Vec<(u32, u16)>,
}

/// What the edges inside a component with a cycle show and cost, taken together.
#[derive(Clone, Copy, Default)]
struct Inside {
    points: u64,
    costs: bool,
    /// Whether some member was reached by a flare-up (every member is reached from
    /// inside, so that flare-up lies on the way).
    flared: bool,
}

/// An edge that leaves its component, with what taking it shows and costs (resolved
/// once, so the per-ending passes read one flat array).
#[derive(Clone, Copy)]
struct Exit {
    from: u32,
    to: Target,
    /// Whether `to` is a position reached by a flare-up.
    to_flared: bool,
    shows: u64,
    /// Whether the answer may cost points (a pitfall, wrong information, or a flare-up
    /// not answered by going back).
    costs: bool,
    least_cost: u16,
}

impl Components {
    fn count(&self) -> usize {
        self.first.len().saturating_sub(1)
    }

    fn members(&self, c: usize) -> &[u32] {
        &self.members[self.first[c] as usize..self.first[c + 1] as usize]
    }

    fn exits(&self, c: usize) -> &[Exit] {
        &self.exits[self.exits_first[c] as usize..self.exits_first[c + 1] as usize]
    }

    fn edges_inside_into(&self, p: u32) -> &[(u32, u16)] {
        let p = p as usize;
        &self.inner[self.inner_first[p] as usize..self.inner_first[p + 1] as usize]
    }

    /// Per position, whether some ending can be reached from it: one pass, sinks first.
    pub(super) fn can_end(&self) -> Vec<bool> {
        let mut ends = vec![false; self.count()];
        for c in 0..self.count() {
            ends[c] = self.exits(c).iter().any(|x| match x.to {
                Target::Ending(_) => true,
                Target::Node(q) => ends[self.component[q as usize] as usize],
                Target::Nowhere => false,
            });
        }
        self.component.iter().map(|&c| ends[c as usize]).collect()
    }
}

const UNSEEN: u32 = u32::MAX;

/// The bookkeeping of Tarjan's walk.
struct Tarjan {
    /// When each position was first seen (`UNSEEN` before).
    order: Vec<u32>,
    /// The earliest position on the stack it can get back to.
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<u32>,
    /// The walk: a position and how many of its edges were looked at.
    walk: Vec<(u32, u32)>,
    seen: u32,
}

impl Tarjan {
    fn visit(&mut self, p: u32) {
        self.order[p as usize] = self.seen;
        self.low[p as usize] = self.seen;
        self.seen += 1;
        self.stack.push(p);
        self.on_stack[p as usize] = true;
        self.walk.push((p, 0));
    }
}

/// [`Toward`] one ending for every position: members of a component share everything
/// but the least cost, so that is kept per component and the least cost per position.
pub(super) struct TowardEnding<'c> {
    component: &'c [u32],
    shared: Vec<Toward>,
    least_cost: Vec<u16>,
}

impl TowardEnding<'_> {
    pub(super) fn at(&self, p: u32) -> Toward {
        Toward {
            least_cost: self.least_cost[p as usize],
            ..self.shared[self.component[p as usize] as usize]
        }
    }
}

impl PositionGraph {
    /// The strongly connected components (Tarjan's algorithm, without recursion), with
    /// each component's edges sorted into those inside and its exits.
    pub(super) fn components(&self, c: &Compiled) -> Components {
        let n = self.positions.len();
        let mut t = Tarjan {
            order: vec![UNSEEN; n],
            low: vec![0; n],
            on_stack: vec![false; n],
            stack: Vec::new(),
            walk: Vec::new(),
            seen: 0,
        };
        let mut component = vec![UNSEEN; n];
        let mut first = vec![0u32];
        let mut members: Vec<u32> = Vec::with_capacity(n);
        for root in 0..n as u32 {
            if t.order[root as usize] != UNSEEN {
                continue;
            }
            t.visit(root);
            while let Some(&mut (p, ref mut looked)) = t.walk.last_mut() {
                let edges = self.edges_of(p).unwrap_or_default();
                if let Some(edge) = edges.get(*looked as usize) {
                    *looked += 1;
                    if let Target::Node(q) = edge.to {
                        if t.order[q as usize] == UNSEEN {
                            t.visit(q);
                        } else if t.on_stack[q as usize] {
                            t.low[p as usize] = t.low[p as usize].min(t.order[q as usize]);
                        }
                    }
                    continue;
                }
                t.walk.pop();
                if let Some(&(parent, _)) = t.walk.last() {
                    t.low[parent as usize] = t.low[parent as usize].min(t.low[p as usize]);
                }
                if t.low[p as usize] == t.order[p as usize] {
                    let c = (first.len() - 1) as u32;
                    while let Some(m) = t.stack.pop() {
                        t.on_stack[m as usize] = false;
                        component[m as usize] = c;
                        members.push(m);
                        if m == p {
                            break;
                        }
                    }
                    first.push(members.len() as u32);
                }
            }
        }
        drop(t);
        // Each component's edges: inside (summed up, and kept backwards for the least
        // cost) or leaving it (its exits).
        let count = first.len() - 1;
        let mut inside = vec![None; count];
        let mut exits_first = Vec::with_capacity(count + 1);
        exits_first.push(0u32);
        let mut exits = Vec::new();
        let mut inner_first = vec![0u32; n + 1];
        let mut inner_count = 0;
        for (k, summary) in inside.iter_mut().enumerate() {
            let own = &members[first[k] as usize..first[k + 1] as usize];
            let mut sum = Inside::default();
            let mut cyclic = own.len() > 1;
            for &p in own {
                let at = &self.positions[p as usize];
                sum.flared |= at.flared;
                let routes = &c.nodes[at.node as usize].routes;
                for edge in self.edges_of(p).unwrap_or_default() {
                    let route = &routes[usize::from(edge.route)];
                    let costs = route.costs || at.flared;
                    let least_cost = route.least_cost[usize::from(at.flared)];
                    match edge.to {
                        Target::Node(q) if component[q as usize] == k as u32 => {
                            cyclic = true;
                            sum.points |= route.shows;
                            sum.costs |= costs;
                            inner_first[q as usize + 1] += 1;
                            inner_count += 1;
                        }
                        Target::Nowhere => {}
                        to => exits.push(Exit {
                            from: p,
                            to,
                            to_flared: match to {
                                Target::Node(q) => self.positions[q as usize].flared,
                                _ => false,
                            },
                            shows: route.shows,
                            costs,
                            least_cost,
                        }),
                    }
                }
            }
            *summary = cyclic.then_some(sum);
            exits_first.push(exits.len() as u32);
        }
        // The edges inside a component, backwards, for the least cost there.
        for i in 0..n {
            inner_first[i + 1] += inner_first[i];
        }
        let mut fill = inner_first.clone();
        let mut inner = vec![(0u32, 0u16); inner_count];
        for p in 0..n as u32 {
            let at = &self.positions[p as usize];
            let routes = &c.nodes[at.node as usize].routes;
            for edge in self.edges_of(p).unwrap_or_default() {
                if let Target::Node(q) = edge.to
                    && component[q as usize] == component[p as usize]
                {
                    let least = routes[usize::from(edge.route)].least_cost[usize::from(at.flared)];
                    inner[fill[q as usize] as usize] = (p, least);
                    fill[q as usize] += 1;
                }
            }
        }
        Components {
            component,
            first,
            members,
            inside,
            exits_first,
            exits,
            inner_first,
            inner,
        }
    }
}

impl Components {
    /// [`Toward`] ending `e` for every position: one pass over the components, sinks
    /// first.
    pub(super) fn toward(&self, e: u32) -> TowardEnding<'_> {
        let nowhere = Toward {
            least_cost: u16::MAX,
            ..Toward::default()
        };
        let mut shared = vec![nowhere; self.count()];
        let mut least_cost = vec![u16::MAX; self.component.len()];
        let mut queue = Buckets::default();
        for k in 0..self.count() {
            // What the exits lead to; an exit that gets there gives its member a way out.
            let mut view = nowhere;
            for exit in self.exits(k) {
                let after = match exit.to {
                    Target::Ending(x) if x == e => Toward {
                        reach: true,
                        least_cost: 0,
                        ..Toward::default()
                    },
                    Target::Node(q) => {
                        let after = shared[self.component[q as usize] as usize];
                        if !after.reach {
                            continue;
                        }
                        Toward {
                            flare: exit.to_flared || after.flare,
                            least_cost: least_cost[q as usize],
                            ..after
                        }
                    }
                    Target::Ending(_) | Target::Nowhere => continue,
                };
                view.reach = true;
                view.points |= exit.shows | after.points;
                view.costs |= exit.costs || after.costs;
                view.flare |= after.flare;
                let via = exit.least_cost.saturating_add(after.least_cost);
                let least = &mut least_cost[exit.from as usize];
                *least = (*least).min(via);
            }
            shared[k] = view;
            let Some(inside) = self.inside[k] else {
                continue;
            };
            if !view.reach {
                continue;
            }
            // Every member reaches every other: they share what lies on the way.
            shared[k].points |= inside.points;
            shared[k].costs |= inside.costs;
            shared[k].flare |= inside.flared;
            // The least cost: shortest paths inside the component (Dijkstra, backwards).
            for &p in self.members(k) {
                if least_cost[p as usize] != u16::MAX {
                    queue.push(least_cost[p as usize], p);
                }
            }
            while let Some((cost, q)) = queue.pop() {
                if cost > least_cost[q as usize] {
                    continue;
                }
                for &(p, least) in self.edges_inside_into(q) {
                    let via = least.saturating_add(cost);
                    if via < least_cost[p as usize] {
                        least_cost[p as usize] = via;
                        queue.push(via, p);
                    }
                }
            }
        }
        TowardEnding {
            component: &self.component,
            shared,
            least_cost,
        }
    }
}
/// Dijkstra's queue for small whole costs (Dial's algorithm): one bucket per cost, taken
/// from the cheapest up. Costs pushed while it runs are never below the one just taken.
#[derive(Default)]
struct Buckets {
    buckets: Vec<Vec<u32>>,
    /// No bucket below this one holds anything.
    cheapest: usize,
    len: usize,
}

impl Buckets {
    fn push(&mut self, cost: u16, p: u32) {
        let cost = usize::from(cost);
        if cost >= self.buckets.len() {
            self.buckets.resize_with(cost + 1, Vec::new);
        }
        self.buckets[cost].push(p);
        if self.len == 0 || cost < self.cheapest {
            self.cheapest = cost;
        }
        self.len += 1;
    }

    fn pop(&mut self) -> Option<(u16, u32)> {
        if self.len == 0 {
            return None;
        }
        loop {
            if let Some(p) = self.buckets[self.cheapest].pop() {
                self.len -= 1;
                return Some((self.cheapest as u16, p));
            }
            self.cheapest += 1;
        }
    }
}
