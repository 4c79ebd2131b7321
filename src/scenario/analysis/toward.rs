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
//!
//! Exact least costs prune the best searches far better than any floor, but Dijkstra in
//! every cycle is most of a pass's time, so each ending's best search first tries the
//! floors ([`LeastCost::Floor`]): the least any of a cycle's exits needs, or what the node
//! graph says with conditions ignored ([`NodeFloor`]), whichever is more. Most searches
//! stay small with them; one that runs long starts again with the exact least costs.
//! Where the cycles are small, Dijkstra is cheap and the searches use it at once.
//!
//! The components themselves come from Tarjan's walk, which builds the graph
//! ([`Compiled::walk`]).

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
    inner: EdgesInside,
    /// The number of plays from the start positions to an ending (saturating), and
    /// whether it is a lower bound (a loop on the way to an ending, or overflow).
    plays: (u64, bool),
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
    /// The number of plays from the start positions to an ending, and whether it is a
    /// lower bound.
    pub(super) fn plays(&self) -> (u64, bool) {
        self.plays
    }

    /// How many edges lie inside cycles: what Dijkstra inside them walks.
    pub(super) fn edges_inside_cycles(&self) -> usize {
        self.inner.edges.len()
    }

    fn count(&self) -> usize {
        self.first.len().saturating_sub(1)
    }

    fn members(&self, c: usize) -> &[u32] {
        &self.members[self.first[c] as usize..self.first[c + 1] as usize]
    }

    fn exits(&self, c: usize) -> &[Exit] {
        &self.exits[self.exits_first[c] as usize..self.exits_first[c + 1] as usize]
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

/// What Tarjan's walk found ([`Compiled::walk`]): the strongly connected components,
/// sinks first (component `c` holds `members[first[c]..first[c + 1]]`, and `component[p]`
/// is the one of `p`), and the number of plays from the start positions to an ending
/// (saturating) with whether it is a lower bound.
pub(super) struct Sccs {
    pub component: Vec<u32>,
    pub first: Vec<u32>,
    pub members: Vec<u32>,
    pub plays: (u64, bool),
}

impl PositionGraph {
    /// The components with each component's edges sorted into those inside and its exits.
    pub(super) fn components(&self, c: &Compiled, sccs: Sccs) -> Components {
        let Sccs {
            component,
            first,
            members,
            plays,
        } = sccs;
        let n = self.positions.len();
        // Each component's edges, in two passes over the positions in order (so the edges
        // are read in the order they are stored): inside (summed up, and kept backwards for
        // the least cost) or leaving it (its exits, grouped by component).
        let count = first.len() - 1;
        let mut cyclic: Vec<bool> = first.windows(2).map(|w| w[1] - w[0] > 1).collect();
        let mut sums = vec![Inside::default(); count];
        let mut exits_first = vec![0u32; count + 1];
        // Counted at `q + 2`, so that filling moves each `inner_first[q + 1]` from where `q`'s
        // edges start to where they end, which is where `q + 1`'s start (no second array).
        let mut inner_first = vec![0u32; n + 2];
        for (p, (&k, at)) in component.iter().zip(&self.positions).enumerate() {
            let k = k as usize;
            sums[k].flared |= at.flared;
            let routes = c.routes_of(at.node);
            for edge in self.edges_of(p as u32).unwrap_or_default() {
                match edge.to() {
                    Target::Node(q) if edge.inside => {
                        let route = &routes[usize::from(edge.route)];
                        cyclic[k] = true;
                        sums[k].points |= route.shows;
                        sums[k].costs |= route.costs || at.flared;
                        inner_first[q as usize + 2] += 1;
                    }
                    Target::Nowhere => {}
                    _ => exits_first[k + 1] += 1,
                }
            }
        }
        for k in 0..count {
            exits_first[k + 1] += exits_first[k];
        }
        for q in 0..=n {
            inner_first[q + 1] += inner_first[q];
        }
        let unfilled = Exit {
            from: 0,
            to: Target::Nowhere,
            to_flared: false,
            shows: 0,
            costs: false,
            least_cost: 0,
        };
        let mut exits = vec![unfilled; exits_first[count] as usize];
        let mut inner = vec![(0u32, 0u16); inner_first[n + 1] as usize];
        let mut next_exit = exits_first.clone();
        for (p, (&k, at)) in component.iter().zip(&self.positions).enumerate() {
            let k = k as usize;
            let routes = c.routes_of(at.node);
            for edge in self.edges_of(p as u32).unwrap_or_default() {
                let route = &routes[usize::from(edge.route)];
                let least_cost = route.least_cost[usize::from(at.flared)];
                match edge.to() {
                    Target::Node(q) if edge.inside => {
                        let slot = &mut inner_first[q as usize + 1];
                        inner[*slot as usize] = (p as u32, least_cost);
                        *slot += 1;
                    }
                    Target::Nowhere => {}
                    to => {
                        let slot = &mut next_exit[k];
                        exits[*slot as usize] = Exit {
                            from: p as u32,
                            to,
                            to_flared: match to {
                                Target::Node(q) => self.positions[q as usize].flared,
                                _ => false,
                            },
                            shows: route.shows,
                            costs: route.costs || at.flared,
                            least_cost,
                        };
                        *slot += 1;
                    }
                }
            }
        }
        inner_first.pop();
        let inside = cyclic
            .iter()
            .zip(sums)
            .map(|(&cyclic, sum)| cyclic.then_some(sum))
            .collect();
        Components {
            component,
            first,
            members,
            inside,
            exits_first,
            exits,
            inner: EdgesInside {
                first: inner_first,
                edges: inner,
            },
            plays,
        }
    }
}

/// The edges inside the components, backwards: per position, the edges into it from its
/// own component as `(from, least cost of the route taken there)`, in
/// `edges[first[p]..first[p + 1]]`.
#[derive(Default)]
struct EdgesInside {
    first: Vec<u32>,
    edges: Vec<(u32, u16)>,
}

impl EdgesInside {
    fn edges_into(&self, p: u32) -> &[(u32, u16)] {
        let p = p as usize;
        &self.edges[self.first[p] as usize..self.first[p + 1] as usize]
    }
}

/// How [`Components::toward`] finds the least cost of the members of a cycle.
pub(super) enum LeastCost<'f> {
    /// Exactly: Dijkstra inside the component.
    Exact,
    /// A floor, without walking the component: the least any of its exits needs (every
    /// way out leaves by one), or the floor given per position, whichever is more.
    Floor(&'f dyn Fn(u32) -> u16),
}

impl Components {
    /// [`Toward`] ending `e` for every position: one pass over the components, sinks
    /// first.
    pub(super) fn toward(&self, e: u32, least: LeastCost) -> TowardEnding<'_> {
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
            match least {
                LeastCost::Exact => {}
                LeastCost::Floor(floor) => {
                    let members = self.members(k);
                    let way_out = members.iter().map(|&p| least_cost[p as usize]).min();
                    let way_out = way_out.unwrap_or(u16::MAX);
                    for &p in members {
                        least_cost[p as usize] = way_out.max(floor(p));
                    }
                    continue;
                }
            }
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
                for &(p, least) in self.inner.edges_into(q) {
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
/// A floor under the least cost to each ending from every position: the least the answers
/// on any way from its node cost, conditions ignored (a play may take every route and
/// branch). Kept over (node, reached by a flare-up) states, `2 * node + flared`.
pub(super) struct NodeFloor {
    /// Per state, the states with a route into it and that route's least cost:
    /// `into[into_first[a]..into_first[a + 1]]`.
    into_first: Vec<u32>,
    into: Vec<(u32, u16)>,
    /// The routes that end a play: `(ending, state, least cost)`.
    ends: Vec<(u32, u32, u16)>,
}

impl NodeFloor {
    pub(super) fn new(c: &Compiled) -> NodeFloor {
        let state = |v: u32, flared: bool| 2 * v + u32::from(flared);
        // Where arriving at node `w` may leave a play: as `Compiled::arrive` has it.
        let arrivals = |w: u32| match c.nodes[w as usize].flare {
            Some((to, chance)) if chance > 0 => [
                (chance < 100).then(|| state(w, false)),
                Some(state(to, true)),
            ],
            _ => [Some(state(w, false)), None],
        };
        let mut ends = Vec::new();
        // Every route from every state: `edge(arrival, from, cost)`, or an end.
        let routes = |edge: &mut dyn FnMut(u32, u32, u16), ends: &mut Vec<_>| {
            for (v, node) in c.nodes.iter().enumerate() {
                for flared in [false, true] {
                    let from = state(v as u32, flared);
                    for route in node.routes.of(&c.routes) {
                        let cost = route.least_cost[usize::from(flared)];
                        let targets = route.branches.of(&c.branches).iter().map(|(_, t)| *t);
                        for target in std::iter::once(route.next).chain(targets) {
                            match target {
                                Target::Node(w) => {
                                    for a in arrivals(w).into_iter().flatten() {
                                        edge(a, from, cost);
                                    }
                                }
                                Target::Ending(x) => ends.push((x, from, cost)),
                                Target::Nowhere => {}
                            }
                        }
                    }
                }
            }
        };
        // Laid out in one array in two passes, counted and then filled: a `Vec` per state
        // would be hundreds of thousands of allocations in a large scenario.
        let states = 2 * c.nodes.len();
        let mut into_first = vec![0u32; states + 2];
        routes(&mut |a, _, _| into_first[a as usize + 2] += 1, &mut ends);
        for a in 0..=states {
            into_first[a + 1] += into_first[a];
        }
        let mut into = vec![(0, 0); into_first[states + 1] as usize];
        routes(
            &mut |a, from, cost| {
                let slot = &mut into_first[a as usize + 1];
                into[*slot as usize] = (from, cost);
                *slot += 1;
            },
            &mut Vec::new(),
        );
        into_first.pop();
        NodeFloor {
            into_first,
            into,
            ends,
        }
    }

    /// The floor per state for ending `e` (Dijkstra backwards from the routes ending there).
    pub(super) fn toward(&self, e: u32) -> Vec<u16> {
        let mut least = vec![u16::MAX; self.into_first.len() - 1];
        let mut queue = Buckets::default();
        for &(x, from, cost) in &self.ends {
            if x == e && cost < least[from as usize] {
                least[from as usize] = cost;
                queue.push(cost, from);
            }
        }
        while let Some((cost, a)) = queue.pop() {
            if cost > least[a as usize] {
                continue;
            }
            let (first, last) = (self.into_first[a as usize], self.into_first[a as usize + 1]);
            for &(from, step) in &self.into[first as usize..last as usize] {
                let via = step.saturating_add(cost);
                if via < least[from as usize] {
                    least[from as usize] = via;
                    queue.push(via, from);
                }
            }
        }
        least
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
