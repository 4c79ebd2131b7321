//! What can still happen on the way from each position to one ending ([`Toward`]): the
//! bounds the per-ending searches prune with.
//!
//! The position graph is split once into its strongly connected components (Tarjan),
//! which come out sinks first. Each ending then takes one pass over them in that order:
//! a component's exits lead only to components already done. Inside a component with a
//! cycle every member can reach every other, so all members share one view (the points,
//! costs and flare-ups of every edge inside, and of every exit that gets there); only
//! the least cost differs per member, found by Dijkstra inside the component alone (with a
//! queue of one bucket per cost: costs are small whole numbers).

use super::{Compiled, PositionGraph, Target, Toward};

/// The strongly connected components of a position graph, sinks first: component `c`
/// holds `members[first[c]..first[c + 1]]`, and `component[p]` is the one of `p`.
#[derive(Default)]
pub(super) struct Components {
    component: Vec<u32>,
    first: Vec<u32>,
    members: Vec<u32>,
    /// Per position, the edges into it from its own component: `(from, least cost of
    /// the route taken there)` in `inner[inner_first[p]..inner_first[p + 1]]`.
    inner_first: Vec<u32>,
    inner: Vec<(u32, u16)>,
}

impl Components {
    fn count(&self) -> usize {
        self.first.len().saturating_sub(1)
    }

    fn members(&self, c: usize) -> &[u32] {
        &self.members[self.first[c] as usize..self.first[c + 1] as usize]
    }

    fn edges_inside_into(&self, p: u32) -> &[(u32, u16)] {
        let p = p as usize;
        &self.inner[self.inner_first[p] as usize..self.inner_first[p + 1] as usize]
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

impl PositionGraph {
    /// Per position, the positions with an edge into it (once per edge), in
    /// `into[first[p]..first[p + 1]]`.
    pub(super) fn reverse(&self) -> (Vec<u32>, Vec<u32>) {
        let n = self.positions.len();
        let mut first = vec![0u32; n + 1];
        for e in &self.edges {
            if let Target::Node(q) = e.to {
                first[q as usize + 1] += 1;
            }
        }
        for i in 0..n {
            first[i + 1] += first[i];
        }
        let mut fill = first.clone();
        let mut into = vec![0u32; first[n] as usize];
        for p in 0..n as u32 {
            for e in self.edges_of(p).unwrap_or_default() {
                if let Target::Node(q) = e.to {
                    into[fill[q as usize] as usize] = p;
                    fill[q as usize] += 1;
                }
            }
        }
        (first, into)
    }

    /// The strongly connected components (Tarjan's algorithm, without recursion).
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
        // The edges inside a component, backwards, for the least cost there.
        let mut inner_first = vec![0u32; n + 1];
        let component_of = &component;
        let inside = |p: u32| {
            self.edges_of(p)
                .unwrap_or_default()
                .iter()
                .filter_map(move |e| match e.to {
                    Target::Node(q) if component_of[q as usize] == component_of[p as usize] => {
                        let at = &self.positions[p as usize];
                        let route = &c.nodes[at.node as usize].routes[usize::from(e.route)];
                        Some((q, route.least_cost[usize::from(at.flared)]))
                    }
                    _ => None,
                })
        };
        for p in 0..n as u32 {
            for (q, _) in inside(p) {
                inner_first[q as usize + 1] += 1;
            }
        }
        for i in 0..n {
            inner_first[i + 1] += inner_first[i];
        }
        let mut fill = inner_first.clone();
        let mut inner = vec![(0u32, 0u16); inner_first[n] as usize];
        for p in 0..n as u32 {
            for (q, least) in inside(p) {
                inner[fill[q as usize] as usize] = (p, least);
                fill[q as usize] += 1;
            }
        }
        Components {
            component,
            first,
            members,
            inner_first,
            inner,
        }
    }

    /// [`Toward`] ending `e` for every position: one pass over the components, sinks
    /// first.
    pub(super) fn toward(&self, c: &Compiled, components: &Components, e: u32) -> Vec<Toward> {
        let nowhere = Toward {
            least_cost: u16::MAX,
            ..Toward::default()
        };
        let mut toward = vec![nowhere; self.positions.len()];
        let mut queue = Buckets::default();
        for k in 0..components.count() {
            let members = components.members(k);
            // The share of the whole component: edges inside and every exit.
            let mut shared = nowhere;
            let mut cyclic = members.len() > 1;
            let mut any_flared = false;
            for &p in members {
                let at = &self.positions[p as usize];
                any_flared |= at.flared;
                let routes = &c.nodes[at.node as usize].routes;
                let mut own = nowhere;
                for edge in self.edges_of(p).unwrap_or_default() {
                    // What taking the route shows, whether it may cost, its least cost.
                    let route = &routes[usize::from(edge.route)];
                    let (shows, costs) = (route.shows, route.costs || at.flared);
                    let least = route.least_cost[usize::from(at.flared)];
                    match edge.to {
                        Target::Ending(x) if x == e => {
                            own.reach = true;
                            own.points |= shows;
                            own.costs |= costs;
                            own.least_cost = own.least_cost.min(least);
                        }
                        Target::Node(q) if components.component[q as usize] == k as u32 => {
                            cyclic = true;
                            shared.points |= shows;
                            shared.costs |= costs;
                        }
                        Target::Node(q) => {
                            let after = toward[q as usize];
                            if after.reach {
                                own.reach = true;
                                own.points |= shows | after.points;
                                own.costs |= costs || after.costs;
                                own.flare |= self.positions[q as usize].flared || after.flare;
                                let via = least.saturating_add(after.least_cost);
                                own.least_cost = own.least_cost.min(via);
                            }
                        }
                        Target::Ending(_) | Target::Nowhere => {}
                    }
                }
                shared.reach |= own.reach;
                shared.points |= own.points;
                shared.costs |= own.costs;
                shared.flare |= own.flare;
                toward[p as usize] = own;
            }
            if !cyclic || !shared.reach {
                continue;
            }
            // Every member is reached by an edge inside: their flare-ups lie on the way.
            shared.flare |= any_flared;
            // Every member reaches every other: they share what lies on the way.
            for &p in members {
                let least_cost = toward[p as usize].least_cost;
                toward[p as usize] = Toward {
                    least_cost,
                    ..shared
                };
                if least_cost != u16::MAX {
                    queue.push(least_cost, p);
                }
            }
            // The least cost: shortest paths inside the component (Dijkstra, backwards).
            while let Some((cost, q)) = queue.pop() {
                if cost > toward[q as usize].least_cost {
                    continue;
                }
                for &(p, least) in components.edges_inside_into(q) {
                    let via = least.saturating_add(cost);
                    let t = &mut toward[p as usize];
                    if via < t.least_cost {
                        t.least_cost = via;
                        queue.push(via, p);
                    }
                }
            }
        }
        toward
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
