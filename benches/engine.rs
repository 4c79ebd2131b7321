//! Benchmarks: load, check and path analysis of generated scenarios of 1,000, 10,000 and
//! 100,000 nodes (with loops back and flare-ups), and engine turns per second.
//!
//! Run: `cargo bench --no-default-features --bench engine`.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use klachtwijs::engine::{Answer, PromptKind, Session};
use klachtwijs::rubric::model::Rubric;
use klachtwijs::scenario::check::check_str;
use klachtwijs::scenario::load::load_str;

const POINTS: [&str; 8] = [
    "greet",
    "reflect_emotion",
    "summarise",
    "show_understanding",
    "investigate_facts",
    "offer_solution",
    "check_satisfaction",
    "thank",
];
const PITFALLS: [&str; 3] = ["justifying", "indifference", "provoked"];

/// A scenario of `n` nodes: each node moves forward, one option loops back three nodes
/// (back to listening), a pitfall option branches further back when anger runs high,
/// and every tenth node has a flare-up to its neighbour.
fn generate(n: usize) -> String {
    let mut s = String::with_capacity(n * 600);
    s.push_str(
        "Scenario(format: 1, id: \"bench\", title: \"Bench\", language: Nl, summary: \"s\", \
         organisation: \"o\", setting: Phone, difficulty: 3, minutes: 10, model: Klachtengesprek, \
         learning_goals: [], briefing: \"b\", role: \"r\", complainant: Complainant(name: \"n\", \
         background: \"b\", mood: Mood(anger: 60, trust: 40), temperament: Volatile), \
         start: \"n0\", nodes: {\n",
    );
    for i in 0..n {
        let next = if i + 1 < n {
            format!("n{}", i + 1)
        } else {
            "einde".to_string()
        };
        let back = format!("n{}", i.saturating_sub(3));
        let far = format!("n{}", i.saturating_sub(7));
        let flare = if i % 10 == 5 && i + 1 < n {
            format!("flare: Some(Flare(chance: 30, to: \"n{}\")), ", i + 1)
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "  \"n{i}\": Node(says: [\"Regel {i}a\", \"Regel {i}b\"], {flare}options: [\
             Choice(text: \"Goed {i}\", shows: [\"{p}\"], mood: MoodShift(anger: -5, trust: 5), explain: \"e\", next: \"{next}\"), \
             Choice(text: \"Fout {i}\", pitfalls: [\"{f}\"], mood: MoodShift(anger: 10, trust: -5), explain: \"e\", next: \"{next}\", \
             branches: [Branch(when: AngerAtLeast(90), to: \"{far}\")]), \
             Choice(text: \"Terug {i}\", shows: [\"ask_open\"], mood: MoodShift(anger: -3), explain: \"e\", next: \"{back}\")]),",
            p = POINTS[i % POINTS.len()],
            f = PITFALLS[i % PITFALLS.len()],
        );
    }
    s.push_str(
        "}, endings: { \"einde\": Ending(outcome: Resolved, title: \"t\", narrative: \"n\") })\n",
    );
    s
}

fn load_check_analyze(c: &mut Criterion) {
    let rubric = Rubric::bundled();
    for n in [1_000usize, 10_000, 100_000] {
        let text = generate(n);
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
        load_str(&generate(1_000), Path::new("bench.ron")).unwrap_or_else(|d| panic!("{d:?}")),
    );
    // Count the turns of the benchmarked play once, to report turns per second.
    let play = |seed: u64| {
        let mut s = Session::start(Arc::clone(&scenario), rubric, seed).unwrap();
        let mut k = seed as usize;
        while let Some(p) = s.prompt() {
            let n = match p.kind {
                PromptKind::Options(o) => o.len(),
                PromptKind::Select { items, .. } => items.len(),
            };
            k = k.wrapping_mul(31).wrapping_add(7);
            s.answer(Answer::Pick(1 + k % n)).unwrap();
        }
        s.turns().len()
    };
    let turns = play(42);
    let mut group = c.benchmark_group("engine");
    group.sample_size(20);
    group.throughput(Throughput::Elements(turns as u64));
    group.bench_function(format!("play {turns} turns"), |b| {
        b.iter(|| play(black_box(42)))
    });
    group.finish();
}

criterion_group!(benches, load_check_analyze, engine_turns);
criterion_main!(benches);
