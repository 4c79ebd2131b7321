//! Klachtwijs' full check (load, check, exact path analysis) beside bevy_talks 0.6's
//! `from_ron_str` + `validate` on the same generated graph of 1k, 10k and 100k nodes, in
//! one run. Time is the best of a few runs; memory is the peak of live heap bytes during
//! the work (a counting allocator), above what was live before it.
//!
//! Run: `cargo run --release --manifest-path benches/bevy-talks-compare/Cargo.toml`
//! (its own workspace and target dir: it builds Bevy, the engine's builds never do).

#[path = "../../common/graph.rs"]
mod graph;

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use klachtwijs::rubric::model::Rubric;
use klachtwijs::scenario::check::check_str;

/// Counts live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    /// The system's own `realloc`, as without this counter: `GlobalAlloc`'s default would
    /// allocate anew, copy and free, so every growing `Vec` would count twice for a moment
    /// (glibc grows a large block in place or by remapping its pages, with no copy).
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let grown = new_size - layout.size();
                PEAK.fetch_max(LIVE.fetch_add(grown, Relaxed) + grown, Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Runs `work` `runs` times: the best time and the peak heap above the start, in bytes.
fn measure<T>(runs: usize, mut work: impl FnMut() -> T) -> (Duration, usize, T) {
    let mut best = Duration::MAX;
    let mut peak = 0;
    let mut out = None;
    for _ in 0..runs {
        drop(out.take());
        let before = LIVE.load(Relaxed);
        PEAK.store(before, Relaxed);
        let start = Instant::now();
        let result = work();
        best = best.min(start.elapsed());
        peak = peak.max(PEAK.load(Relaxed) - before);
        out = Some(result);
    }
    (best, peak, out.expect("at least one run"))
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() {
    let rubric = Rubric::bundled();
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes
    };
    println!(
        "| nodes | bevy_talks parse+validate | peak heap | klachtwijs check (load, check, analysis) | peak heap | time ratio | memory ratio | analysis |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---|");
    for n in sizes {
        let runs = if n >= 100_000 { 3 } else { 5 };
        let talks = graph::bevy_talks_ron(n);
        let ours = graph::klachtwijs_ron(n);
        let (t_time, t_peak, issues) = measure(runs, || {
            let db = bevy_talks::loader::from_ron_str(&talks).expect("bevy_talks parses");
            let issues = bevy_talks::loader::validate::validate(&db);
            (db.conversations[0].entries.len(), issues.len())
        });
        assert_eq!(issues, (n + 4, 0), "bevy_talks: every entry, no issues");
        let (k_time, k_peak, report) = measure(runs, || {
            check_str(&ours, Path::new("bench.ron"), rubric)
        });
        let errors = report
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .count();
        assert_eq!(errors, 0, "the generated scenario checks without errors");
        let analysis = report.stats.as_ref().map_or("none".to_string(), |s| {
            format!(
                "best {} worst {}{}, {} positions",
                s.best_score,
                s.worst_score,
                if s.exact { " (exact)" } else { " (bounds)" },
                s.positions
            )
        });
        println!(
            "| {n} | {:.1} ms | {:.1} MiB | {:.1} ms | {:.1} MiB | {:.2}× | {:.2}× | {analysis} |",
            t_time.as_secs_f64() * 1e3,
            mib(t_peak),
            k_time.as_secs_f64() * 1e3,
            mib(k_peak),
            k_time.as_secs_f64() / t_time.as_secs_f64(),
            k_peak as f64 / t_peak as f64,
        );
    }
}
