//! Benchmarks: load, check and path analysis of the generated graph of 1,000, 10,000 and
//! 100,000 nodes (`common/graph.rs`), and engine turns per second as `explore` plays them.
//!
//! Run: `cargo bench --no-default-features --bench engine`. The same graph beside
//! bevy_talks: `benches/bevy-talks-compare`.

// Its bevy_talks form is for `benches/bevy-talks-compare` only.
#[allow(dead_code)]
#[path = "common/graph.rs"]
mod graph;

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use klachtwijs::engine::{Answer, Prepared, PromptKind};
use klachtwijs::rubric::model::Rubric;
use klachtwijs::scenario::check::check_str;
use klachtwijs::scenario::load::load_str;

fn load_check_analyze(c: &mut Criterion) {
    let rubric = Rubric::bundled();
    for n in [1_000usize, 10_000, 100_000] {
        let text = graph::klachtwijs_ron(n);
        let file = Path::new("bench.ron");
        // Print the analysis outcome once, so the numbers can be read with the times.
        let report = check_str(&text, file, rubric);
        if let Some(stats) = &report.stats {
            eprintln!(
                "n={n}: {} bytes, {} states explored, exact={}, best={} worst={}, {} findings",
                text.len(),
                stats.states,
                stats.exact,
                stats.best_score,
                stats.worst_score,
                report.diagnostics.len()
            );
        }
        let mut group = c.benchmark_group("scenario");
        group.sample_size(10);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("load", n), &text, |b, t| {
            b.iter(|| load_str(black_box(t), file).is_ok())
        });
        group.bench_with_input(BenchmarkId::new("load+check+analysis", n), &text, |b, t| {
            b.iter(|| check_str(black_box(t), file, rubric).diagnostics.len())
        });
        group.finish();
    }
}

fn engine_turns(c: &mut Criterion) {
    let rubric = Rubric::bundled();
    let scenario = Arc::new(
        load_str(&graph::klachtwijs_ron(1_000), Path::new("bench.ron"))
            .unwrap_or_else(|d| panic!("{d:?}")),
    );
    // As `explore` plays: the scenario prepared once, then seeded sessions answered at
    // random until they stop (an ending or the turn limit).
    let prepared = Prepared::new(scenario, rubric).unwrap();
    let play = |seed: u64| {
        let mut s = prepared.start(seed).unwrap();
        let mut k = seed as usize;
        while let Some(p) = s.prompt() {
            let n = match p.kind {
                PromptKind::Options(o) => o.len(),
                PromptKind::Select { items, .. } => items.len(),
            };
            k = k.wrapping_mul(31).wrapping_add(7);
            s.answer_quietly(Answer::Pick(1 + k % n)).unwrap();
        }
        s.turns().len()
    };
    // 100 plays per iteration; their turns are counted once, for turns per second.
    let turns: usize = (0..100).map(play).sum();
    let mut group = c.benchmark_group("engine");
    group.sample_size(20);
    group.throughput(Throughput::Elements(turns as u64));
    group.bench_function(format!("explore 100 plays, {turns} turns"), |b| {
        b.iter(|| (0..100).map(|seed| play(black_box(seed))).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, engine_turns, load_check_analyze);
criterion_main!(benches);
