//! A layered (Sugiyama-style) layout of a directed graph, independent of scenarios:
//!
//! 1. **Cycles.** A depth-first search from the start (then from every node it did not
//!    reach, in index order) marks the edges that close a cycle; they are reversed for
//!    layering, so what is left is acyclic.
//! 2. **Layers.** Each node's layer is its longest distance from a source over that
//!    acyclic graph, so every forward arrow points down; the *sinks* (the endings) all go
//!    in one bottom layer below the rest.
//! 3. **Long edges** get a dummy point per layer they cross, so they can be untangled and
//!    routed between the boxes rather than through them.
//! 4. **Crossings.** The start order of each layer is breadth-first from the start; then
//!    [`SWEEPS`] down-and-up sweeps sort each layer by the barycenter of its neighbours in
//!    the layer before; the order with the fewest crossings (counted exactly) is kept.
//! 5. **Coordinates.** Layers are rows; within a row items keep their order and a minimum
//!    gap, and [`STRAIGHTEN`] passes pull every item towards the mean x of its neighbours
//!    (a left-pushing and a right-pushing placement of the wanted positions, averaged;
//!    both keep the gaps, so their mean does too). Boxes therefore never overlap.
//!
//! Everything is deterministic: ties keep index order, and no hash map is iterated.
//!
//! Over 500 lines with its tests: the four layout phases in order.

/// Down-and-up barycenter sweeps.
pub const SWEEPS: usize = 6;
/// Coordinate straightening passes.
pub const STRAIGHTEN: usize = 8;

/// Sizes, in map units (pixels at zoom 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sizes {
    pub node_w: f32,
    pub node_h: f32,
    /// Horizontal gap between two boxes in a row.
    pub gap_x: f32,
    /// Vertical gap between two rows of boxes.
    pub gap_y: f32,
    /// The room a long edge's dummy point takes in a row.
    pub dummy_w: f32,
    /// Space round the whole drawing.
    pub margin: f32,
}

impl Default for Sizes {
    fn default() -> Sizes {
        Sizes {
            node_w: 200.0,
            node_h: 60.0,
            gap_x: 28.0,
            gap_y: 56.0,
            dummy_w: 14.0,
            margin: 24.0,
        }
    }
}

/// The graph to lay out: `n` nodes, `sink[i]` for the ones that go in the bottom row.
pub struct Input<'a> {
    pub n: usize,
    pub start: Option<usize>,
    pub sink: &'a [bool],
    /// Directed edges `(from, to)`; self-loops and repeats are allowed.
    pub edges: &'a [(usize, usize)],
    pub sizes: Sizes,
}

/// Where everything went.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// Per node: centre x, centre y.
    pub centre: Vec<(f32, f32)>,
    pub layer: Vec<usize>,
    /// Position in its row, 0 at the left.
    pub order: Vec<usize>,
    /// Per edge: the polyline from the source box's border to the target box's border.
    pub points: Vec<Vec<(f32, f32)>>,
    /// Per edge: drawn upwards or as a loop (closes a cycle, or goes to an earlier row).
    pub back: Vec<bool>,
    pub width: f32,
    pub height: f32,
    pub layers: usize,
    /// Edge crossings of the chosen order (between rows; loops not counted).
    pub crossings: usize,
}

/// Where an arrow meets a box side: (edge, whether it is the arrow's first point, the x
/// of the arrow's neighbouring point).
type Port = (usize, bool, f32);

/// An item of a row: a node or a dummy point of a long edge.
struct Item {
    layer: usize,
    width: f32,
}

pub fn layout(input: &Input) -> Output {
    let n = input.n;
    let sizes = input.sizes;
    let edges: Vec<(usize, usize)> = input
        .edges
        .iter()
        .copied()
        .filter(|&(a, b)| a < n && b < n)
        .collect();
    let mut out_adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (e, &(a, _)) in edges.iter().enumerate() {
        out_adj[a].push(e);
    }

    // 1. Cycle-closing edges by an iterative depth-first search.
    let mut closes = vec![false; edges.len()];
    {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Open,
            Done,
        }
        let mut mark = vec![Mark::New; n];
        let roots = input.start.filter(|&s| s < n).into_iter().chain(0..n);
        for root in roots {
            if mark[root] != Mark::New {
                continue;
            }
            mark[root] = Mark::Open;
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            while let Some(top) = stack.last_mut() {
                let (v, next) = *top;
                if let Some(&e) = out_adj[v].get(next) {
                    top.1 += 1;
                    let w = edges[e].1;
                    match mark[w] {
                        Mark::Open => closes[e] = true,
                        Mark::New => {
                            mark[w] = Mark::Open;
                            stack.push((w, 0));
                        }
                        Mark::Done => {}
                    }
                } else {
                    mark[v] = Mark::Done;
                    stack.pop();
                }
            }
        }
    }

    // 2. Longest-path layers over the acyclic rest (Kahn's order, index order on ties).
    let mut layer = vec![0usize; n];
    {
        let mut indeg = vec![0usize; n];
        for (e, &(_, b)) in edges.iter().enumerate() {
            if !closes[e] {
                indeg[b] += 1;
            }
        }
        let mut queue: std::collections::VecDeque<usize> =
            (0..n).filter(|&v| indeg[v] == 0).collect();
        while let Some(v) = queue.pop_front() {
            for &e in &out_adj[v] {
                if closes[e] {
                    continue;
                }
                let w = edges[e].1;
                layer[w] = layer[w].max(layer[v] + 1);
                indeg[w] -= 1;
                if indeg[w] == 0 {
                    queue.push_back(w);
                }
            }
        }
    }
    let top_rows = (0..n)
        .filter(|&v| !input.sink.get(v).copied().unwrap_or(false))
        .map(|v| layer[v] + 1)
        .max()
        .unwrap_or(0);
    for (v, l) in layer.iter_mut().enumerate() {
        if input.sink.get(v).copied().unwrap_or(false) {
            *l = top_rows;
        }
    }
    let layers = layer.iter().map(|&l| l + 1).max().unwrap_or(0);

    // 3. Items: the nodes, then a dummy per row a long edge crosses. `chain[e]` runs from
    // the edge's source to its target.
    let mut items: Vec<Item> = (0..n)
        .map(|v| Item {
            layer: layer[v],
            width: sizes.node_w,
        })
        .collect();
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(edges.len());
    let mut back = vec![false; edges.len()];
    for (e, &(a, b)) in edges.iter().enumerate() {
        let (la, lb) = (layer[a], layer[b]);
        back[e] = a == b || lb <= la;
        let mut chain = vec![a];
        if a != b {
            let rows: Vec<usize> = if lb > la {
                (la + 1..lb).collect()
            } else {
                (lb + 1..la).rev().collect()
            };
            for l in rows {
                chain.push(items.len());
                items.push(Item {
                    layer: l,
                    width: sizes.dummy_w,
                });
            }
        }
        chain.push(b);
        chains.push(chain);
    }
    let m = items.len();
    // Neighbours in the row above and below, one entry per segment.
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); m];
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); m];
    for chain in &chains {
        for pair in chain.windows(2) {
            let (p, q) = (pair[0], pair[1]);
            let (lp, lq) = (items[p].layer, items[q].layer);
            if lq == lp + 1 {
                down[p].push(q);
                up[q].push(p);
            } else if lp == lq + 1 {
                down[q].push(p);
                up[p].push(q);
            }
        }
    }

    // 4. Start order: breadth-first from the start over the segments, then the rest.
    let mut seen = vec![false; m];
    let mut first: Vec<usize> = Vec::with_capacity(m);
    let roots: Vec<usize> = input
        .start
        .filter(|&s| s < n)
        .into_iter()
        .chain(0..m)
        .collect();
    for root in roots {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        let mut queue = std::collections::VecDeque::from([root]);
        while let Some(v) = queue.pop_front() {
            first.push(v);
            for &w in down[v].iter().chain(&up[v]) {
                if !seen[w] {
                    seen[w] = true;
                    queue.push_back(w);
                }
            }
        }
    }
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layers];
    for &v in &first {
        rows[items[v].layer].push(v);
    }
    let mut pos = vec![0usize; m];
    let set_pos = |rows: &[Vec<usize>], pos: &mut [usize]| {
        for row in rows {
            for (i, &v) in row.iter().enumerate() {
                pos[v] = i;
            }
        }
    };
    set_pos(&rows, &mut pos);
    let mut best_rows = rows.clone();
    let mut best_crossings = crossings(&rows, &down, &pos);
    for sweep in 0..SWEEPS * 2 {
        let downward = sweep % 2 == 0;
        let order: Vec<usize> = if downward {
            (1..layers).collect()
        } else {
            (0..layers.saturating_sub(1)).rev().collect()
        };
        for l in order {
            let adj = if downward { &up } else { &down };
            let mut keyed: Vec<(f64, usize, usize)> = rows[l]
                .iter()
                .map(|&v| {
                    let ns = &adj[v];
                    let key = if ns.is_empty() {
                        pos[v] as f64
                    } else {
                        ns.iter().map(|&w| pos[w] as f64).sum::<f64>() / ns.len() as f64
                    };
                    (key, pos[v], v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            rows[l] = keyed.into_iter().map(|(_, _, v)| v).collect();
            for (i, &v) in rows[l].iter().enumerate() {
                pos[v] = i;
            }
        }
        let c = crossings(&rows, &down, &pos);
        if c < best_crossings {
            best_crossings = c;
            best_rows = rows.clone();
        }
    }
    let rows = best_rows;
    set_pos(&rows, &mut pos);

    // 5. Coordinates.
    let mut x = vec![0f32; m];
    for row in &rows {
        let mut at = 0.0;
        for &v in row {
            x[v] = at + items[v].width / 2.0;
            at += items[v].width + sizes.gap_x;
        }
    }
    let gap = |a: usize, b: usize| (items[a].width + items[b].width) / 2.0 + sizes.gap_x;
    for pass in 0..STRAIGHTEN {
        let mean = |v: usize, x: &[f32]| -> Option<f32> {
            let (a, b): (&[usize], &[usize]) = match pass % 3 {
                0 => (&up[v], &[]),
                1 => (&down[v], &[]),
                _ => (&up[v], &down[v]),
            };
            let k = a.len() + b.len();
            (k > 0).then(|| a.iter().chain(b).map(|&w| x[w]).sum::<f32>() / k as f32)
        };
        for row in &rows {
            if row.is_empty() {
                continue;
            }
            let want: Vec<f32> = row.iter().map(|&v| mean(v, &x).unwrap_or(x[v])).collect();
            let k = row.len();
            let mut left = want.clone();
            for i in 1..k {
                left[i] = left[i].max(left[i - 1] + gap(row[i - 1], row[i]));
            }
            let mut right = want;
            for i in (0..k - 1).rev() {
                right[i] = right[i].min(right[i + 1] - gap(row[i], row[i + 1]));
            }
            for i in 0..k {
                x[row[i]] = (left[i] + right[i]) / 2.0;
            }
        }
    }
    let min_left = (0..m)
        .map(|v| x[v] - items[v].width / 2.0)
        .fold(f32::INFINITY, f32::min);
    let shift = if min_left.is_finite() {
        sizes.margin - min_left
    } else {
        0.0
    };
    for v in &mut x {
        *v += shift;
    }
    let row_h = sizes.node_h + sizes.gap_y;
    let y_of = |l: usize| sizes.margin + sizes.node_h / 2.0 + l as f32 * row_h;
    let max_right = (0..m)
        .map(|v| x[v] + items[v].width / 2.0)
        .fold(0.0, f32::max);
    let width = max_right + sizes.margin + if n > 0 { 30.0 } else { 0.0 };
    let height = if layers == 0 {
        2.0 * sizes.margin
    } else {
        y_of(layers - 1) + sizes.node_h / 2.0 + sizes.margin
    };

    // Edge polylines: leave a box at the bottom (top when going up), spread the ports of
    // one side by the x of the next point so parallel arrows do not coincide.
    let (hw, hh) = (sizes.node_w / 2.0, sizes.node_h / 2.0);
    let mut points: Vec<Vec<(f32, f32)>> = chains
        .iter()
        .map(|c| c.iter().map(|&v| (x[v], y_of(items[v].layer))).collect())
        .collect();
    // (node, bottom side?) → attachments (edge, first point?, x of the neighbour point).
    let mut ports: std::collections::BTreeMap<(usize, bool), Vec<Port>> = Default::default();
    for (e, &(a, b)) in edges.iter().enumerate() {
        if a == b {
            continue;
        }
        let p = &points[e];
        let goes_down = !back[e];
        let (nx_a, nx_b) = (p[1].0, p[p.len() - 2].0);
        ports
            .entry((a, goes_down))
            .or_default()
            .push((e, true, nx_a));
        ports
            .entry((b, !goes_down))
            .or_default()
            .push((e, false, nx_b));
    }
    for ((v, bottom), mut list) in ports {
        list.sort_by(|p, q| p.2.total_cmp(&q.2).then(p.0.cmp(&q.0)).then(p.1.cmp(&q.1)));
        let k = list.len() as f32;
        for (i, (e, is_first, _)) in list.into_iter().enumerate() {
            let px = x[v] - hw * 0.7 + hw * 1.4 * (i as f32 + 1.0) / (k + 1.0);
            let py = y_of(layer[v]) + if bottom { hh } else { -hh };
            let pts = &mut points[e];
            let at = if is_first { 0 } else { pts.len() - 1 };
            pts[at] = (px, py);
        }
    }
    for (e, &(a, b)) in edges.iter().enumerate() {
        if a == b {
            let (cx, cy) = (x[a], y_of(layer[a]));
            points[e] = vec![
                (cx + hw, cy - hh / 3.0),
                (cx + hw + 22.0, cy - hh / 3.0),
                (cx + hw + 22.0, cy + hh / 3.0),
                (cx + hw, cy + hh / 3.0),
            ];
        }
    }

    Output {
        centre: (0..n).map(|v| (x[v], y_of(layer[v]))).collect(),
        layer,
        order: (0..n).map(|v| pos[v]).collect(),
        points,
        back,
        width,
        height,
        layers,
        crossings: best_crossings,
    }
}

/// Exact number of crossing segments between every pair of adjacent rows: per pair, the
/// segments sorted by their upper end, then inversions of their lower ends (a Fenwick
/// tree), O(E log E).
fn crossings(rows: &[Vec<usize>], down: &[Vec<usize>], pos: &[usize]) -> usize {
    let mut total = 0;
    for row in rows {
        let mut segs: Vec<(usize, usize)> = row
            .iter()
            .flat_map(|&v| down[v].iter().map(move |&w| (pos[v], pos[w])))
            .collect();
        if segs.len() < 2 {
            continue;
        }
        segs.sort_unstable();
        let size = segs.iter().map(|s| s.1).max().unwrap_or(0) + 2;
        let mut tree = vec![0usize; size + 1];
        for (seen, &(_, lower)) in segs.iter().enumerate() {
            // Segments seen so far whose lower end lies strictly right of this one.
            let mut i = lower + 1;
            let mut not_greater = 0;
            while i > 0 {
                not_greater += tree[i];
                i -= i & i.wrapping_neg();
            }
            total += seen - not_greater;
            let mut i = lower + 1;
            while i <= size {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(n: usize, sink: &[bool], edges: &[(usize, usize)]) -> Output {
        layout(&Input {
            n,
            start: Some(0),
            sink,
            edges,
            sizes: Sizes::default(),
        })
    }

    #[test]
    fn a_diamond_has_three_rows_and_no_crossings() {
        let o = run(
            4,
            &[false, false, false, true],
            &[(0, 1), (0, 2), (1, 3), (2, 3)],
        );
        assert_eq!(o.layer, vec![0, 1, 1, 2]);
        assert_eq!(o.crossings, 0);
        assert!(o.back.iter().all(|b| !b));
    }

    #[test]
    fn a_cycle_is_laid_out_with_one_back_edge() {
        let o = run(3, &[false, false, true], &[(0, 1), (1, 0), (1, 2), (1, 1)]);
        assert_eq!(o.layer, vec![0, 1, 2]);
        assert_eq!(o.back, vec![false, true, false, true]);
        assert_eq!(o.points[3].len(), 4, "a self-loop is a small loop");
    }

    #[test]
    fn crossings_are_counted_and_sweeps_remove_them() {
        // 0 → 1, 2; 1 → 4; 2 → 3: the breadth-first order already avoids a crossing; a
        // wrong order of the second row is fixed by the sweeps.
        let rows = vec![vec![0], vec![1, 2], vec![3, 4]];
        let down = vec![vec![1, 2], vec![4], vec![3], vec![], vec![]];
        let pos = vec![0, 0, 1, 0, 1];
        assert_eq!(crossings(&rows, &down, &pos), 1);
        let o = run(
            5,
            &[false, false, false, true, true],
            &[(0, 1), (0, 2), (1, 4), (2, 3)],
        );
        assert_eq!(o.crossings, 0);
    }

    #[test]
    fn an_empty_graph_is_fine() {
        let o = run(0, &[], &[]);
        assert_eq!(o.layers, 0);
        assert!(o.centre.is_empty());
    }
}
