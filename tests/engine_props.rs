//! Engine properties: random scenarios and random answers never panic, a session
//! replayed from its answer log equals the original, random or mutated text never
//! panics the loader, and the path analysis brackets every random play.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use klachtwijs::engine::{Answer, AnswerError, PromptKind, Session, Stop};
use klachtwijs::rubric::model::Rubric;
use klachtwijs::scenario::analysis::{Limits, analyze, analyze_with};
use klachtwijs::scenario::load::{load_bytes, load_str};
use klachtwijs::scenario::model::*;
use proptest::prelude::*;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

fn rubric() -> &'static Rubric {
    Rubric::bundled()
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, xs: &'a [T]) -> &'a T {
    &xs[rng.random_range(0..xs.len())]
}

fn condition(rng: &mut ChaCha8Rng, flags: &[&str], depth: u32) -> Condition {
    let n = rng.random_range(0..=100u8);
    match rng.random_range(0..if depth > 1 { 6 } else { 8 }) {
        0 => Condition::AngerAtLeast(n),
        1 => Condition::AngerBelow(n),
        2 => Condition::TrustAtLeast(n),
        3 => Condition::TrustBelow(n),
        4 => Condition::Flag(pick(rng, flags).to_string()),
        5 => Condition::NotFlag(pick(rng, flags).to_string()),
        6 => Condition::All((0..2).map(|_| condition(rng, flags, depth + 1)).collect()),
        _ => Condition::Any((0..2).map(|_| condition(rng, flags, depth + 1)).collect()),
    }
}

/// A random scenario whose targets all exist (the engine's precondition). It may have
/// unreachable nodes, dead loops and anything else the checker would warn about.
fn random_scenario(seed: u64) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let model = if rng.random_bool(0.5) {
        ModelId::Klachtengesprek
    } else {
        ModelId::Begrenzen
    };
    let m = rubric().model(model).unwrap();
    let points: Vec<&str> = m
        .steps
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.id.as_str()))
        .collect();
    let pitfalls: Vec<&str> = m.pitfalls.iter().map(|p| p.id.as_str()).collect();
    let flags = ["f1", "f2", "f3"];
    let n = rng.random_range(1..25usize);
    let e = rng.random_range(1..4usize);
    let node_ids: Vec<String> = (0..n).map(|i| format!("n{i}")).collect();
    let ending_ids: Vec<String> = (0..e).map(|i| format!("e{i}")).collect();
    let all: Vec<String> = node_ids.iter().chain(&ending_ids).cloned().collect();
    let some = |rng: &mut ChaCha8Rng, xs: &[&str], max: usize| -> ThinVec<String> {
        (0..rng.random_range(0..=max))
            .map(|_| pick(rng, xs).to_string())
            .collect()
    };
    let shift = |rng: &mut ChaCha8Rng| MoodShift {
        anger: rng.random_range(-40..=40),
        trust: rng.random_range(-40..=40),
    };
    let mut nodes = BTreeMap::new();
    for id in &node_ids {
        let branches = |rng: &mut ChaCha8Rng| -> ThinVec<Branch> {
            (0..rng.random_range(0..3))
                .map(|_| Branch {
                    when: condition(rng, &flags, 0),
                    to: pick(rng, &all).clone(),
                })
                .collect()
        };
        let is_select = rng.random_bool(0.2);
        let options = if is_select {
            Vec::new()
        } else {
            (0..rng.random_range(2..5))
                .map(|i| Choice {
                    wrong_fact: None,
                    text: format!("option {i}").into(),
                    shows: some(&mut rng, &points, 3),
                    pitfalls: some(&mut rng, &pitfalls, 1),
                    mood: shift(&mut rng),
                    explain: "x".into(),
                    next: pick(&mut rng, &all).as_str().into(),
                    branches: branches(&mut rng),
                    sets: some(&mut rng, &flags, 1),
                })
                .collect()
        };
        let select = is_select.then(|| Select {
            prompt: "p".into(),
            items: (0..rng.random_range(2..6))
                .map(|i| SelectItem {
                    wrong_fact: None,
                    text: format!("item {i}"),
                    belongs: rng.random_bool(0.5),
                    shows: some(&mut rng, &points, 2),
                    pitfalls: some(&mut rng, &pitfalls, 1),
                    explain: "x".into(),
                    sets: some(&mut rng, &flags, 1),
                })
                .collect(),
            mood: shift(&mut rng),
            next: pick(&mut rng, &all).clone(),
            branches: branches(&mut rng),
        });
        let flare = rng.random_bool(0.3).then(|| Flare {
            chance: rng.random_range(0..=100),
            to: pick(&mut rng, &node_ids).clone(),
        });
        nodes.insert(
            id.clone(),
            Node {
                voice: Default::default(),
                says: (0..rng.random_range(1..4))
                    .map(|v| format!("{id} line {v}"))
                    .collect(),
                thought: None,
                hint: None,
                flare: flare.map(Box::new),
                options,
                select: select.map(Box::new),
            },
        );
    }
    let endings = ending_ids
        .iter()
        .map(|id| {
            (
                id.clone(),
                Ending {
                    complaint: None,
                    not_applicable: Vec::new(),
                    outcome: Outcome::Resolved,
                    title: "t".into(),
                    narrative: "n".into(),
                    says: None,
                },
            )
        })
        .collect();
    Scenario {
        complaint: Default::default(),
        format: 1,
        id: "random".into(),
        title: "t".into(),
        language: Language::Nl,
        summary: "s".into(),
        organisation: "o".into(),
        setting: Setting::Phone,
        difficulty: 1,
        minutes: 1,
        model,
        learning_goals: vec![],
        briefing: "b".into(),
        role: "r".into(),
        complainant: Complainant {
            name: "n".into(),
            background: "b".into(),
            mood: Mood {
                anger: rng.random_range(0..=100),
                trust: rng.random_range(0..=100),
            },
            temperament: *pick(
                &mut rng,
                &[
                    Temperament::Calm,
                    Temperament::Steady,
                    Temperament::Volatile,
                    Temperament::Anxious,
                ],
            ),
            appearance: Default::default(),
        },
        shuffle_options: rng.random_bool(0.7),
        start: node_ids[0].clone(),
        nodes: nodes.into_iter().collect(),
        endings,
        facilitator: None,
    }
}

/// A valid answer for the current prompt, or `None` when the session is over.
fn random_answer(session: &Session, rng: &mut ChaCha8Rng) -> Option<Answer> {
    let prompt = session.prompt()?;
    Some(match prompt.kind {
        PromptKind::Options(options) => Answer::Pick(rng.random_range(1..=options.len())),
        PromptKind::Select { items, .. } => {
            let mut chosen: Vec<usize> =
                (1..=items.len()).filter(|_| rng.random_bool(0.5)).collect();
            if chosen.is_empty() {
                chosen.push(1);
            }
            Answer::Select(chosen)
        }
    })
}

/// Plays randomly to the end (the turn cap guarantees one), also throwing in invalid
/// answers that must be refused without changing anything.
fn random_play(scenario: &Arc<Scenario>, seed: u64, answer_seed: u64) -> Session {
    let mut session = Session::start(Arc::clone(scenario), rubric(), seed).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(answer_seed);
    while let Some(answer) = random_answer(&session, &mut rng) {
        if rng.random_bool(0.1) {
            let turns = session.turns().len();
            let bad = match answer {
                Answer::Pick(_) => Answer::Pick(0),
                Answer::Select(_) => Answer::Select(vec![1, 1]),
            };
            assert!(session.answer(bad).is_err());
            assert_eq!(session.turns().len(), turns);
        }
        session.answer(answer).unwrap();
    }
    assert!(session.is_over());
    assert_eq!(session.answer(Answer::Pick(1)), Err(AnswerError::Ended));
    session
}

proptest! {
    // The library is built without optimisation in tests: keep the case count modest.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_play_terminates_and_replays_identically(scenario_seed: u64, seed: u64, answer_seed: u64) {
        let scenario = Arc::new(random_scenario(scenario_seed));
        let played = random_play(&scenario, seed, answer_seed);
        let replayed = Session::replay(Arc::clone(&scenario), rubric(), seed, played.answers()).unwrap();
        prop_assert_eq!(played.turns(), replayed.turns());
        prop_assert_eq!(played.mood(), replayed.mood());
        prop_assert_eq!(played.ending(), replayed.ending());
        prop_assert_eq!(played.stop(), replayed.stop());
        prop_assert_eq!(played.tally(), replayed.tally());
        prop_assert!(played.score() <= 100);
    }

    /// The option the debrief recommends is never worse than the one chosen, by the real
    /// fold: replayed here with `Tally` on the answers' own tags, independently of the
    /// debrief's code.
    #[test]
    fn the_recommended_option_is_never_worse_than_the_chosen_one(scenario_seed: u64, seed: u64, answer_seed: u64) {
        let scenario = Arc::new(random_scenario(scenario_seed));
        let played = random_play(&scenario, seed, answer_seed);
        let d = klachtwijs::debrief::build(&played, rubric());
        let scorer = played.scorer();
        let finish = played.finish();
        let effect = |node: &Node, chosen: &[usize]| {
            let (mut shows, mut pitfalls, mut wrong) = (Vec::new(), Vec::new(), 0u8);
            for &i in chosen {
                let (sh, pi, wf): (&[String], &[String], bool) = match &node.select {
                    Some(sel) if node.options.is_empty() => {
                        let it = &sel.items[i];
                        (&it.shows, &it.pitfalls, it.wrong_fact.is_some())
                    }
                    _ => {
                        let c = &node.options[i];
                        (&c.shows, &c.pitfalls, c.wrong_fact.is_some())
                    }
                };
                shows.extend(sh.iter().cloned());
                let mut own: Vec<String> = pi.to_vec();
                own.dedup();
                own.sort();
                own.dedup();
                pitfalls.extend(own);
                wrong += u8::from(wf);
            }
            (shows, pitfalls, wrong)
        };
        let mut before = klachtwijs::rubric::score::Tally::new();
        for (turn, view) in played.turns().iter().zip(&d.turns) {
            let node = &scenario.nodes[&turn.node];
            if let Some(better) = &view.better {
                let picked: Vec<usize> = better
                    .answer
                    .split('+')
                    .map(|p| turn.order[p.parse::<usize>().unwrap() - 1])
                    .collect();
                let total_of = |chosen: &[usize]| {
                    let (sh, pi, wf) = effect(node, chosen);
                    let mut t = before.clone();
                    t.apply(scorer, &sh, &pi, wf, turn.flared);
                    (t.total(scorer, finish), t.margin(scorer, finish))
                };
                let (b, c) = (total_of(&picked), total_of(&turn.chosen));
                prop_assert!(b.0 >= c.0 && b.1 > c.1, "turn {}: better {:?} vs chosen {:?}", view.turn, b, c);
                prop_assert!(better.value > view.value);
            }
            let (sh, pi, wf) = effect(node, &turn.chosen);
            before.apply(scorer, &sh, &pi, wf, turn.flared);
        }
        prop_assert_eq!(&before, played.tally());
    }

    #[test]
    fn analysis_brackets_every_random_play(scenario_seed: u64, seed: u64, answer_seed: u64) {
        let scenario = Arc::new(random_scenario(scenario_seed));
        // A small budget keeps the debug-build test fast; the check only runs when exact.
        let stats = analyze_with(
            &scenario,
            rubric().model(scenario.model).unwrap(),
            Limits { positions: 5_000, states: 5_000 },
        );
        let played = random_play(&scenario, seed, answer_seed);
        if stats.exact && played.ending().is_some() {
            let score = played.score();
            prop_assert!(stats.worst_score <= score && score <= stats.best_score,
                "worst {} <= {} <= best {}", stats.worst_score, score, stats.best_score);
            prop_assert!(stats.reachable_endings >= 1);
        }
    }

    #[test]
    fn random_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = load_bytes(&bytes, Path::new("random.ron"));
    }

    #[test]
    fn mutated_scenarios_never_panic_load_or_check(
        scenario_seed: u64,
        cuts in proptest::collection::vec((any::<usize>(), any::<usize>(), any::<char>()), 1..6),
    ) {
        let text = ron::ser::to_string_pretty(&random_scenario(scenario_seed), Default::default()).unwrap();
        let mut chars: Vec<char> = text.chars().collect();
        for (at, len, c) in cuts {
            let at = at % (chars.len() + 1);
            let end = (at + len % 8).min(chars.len());
            chars.splice(at..end, [c]);
        }
        let text: String = chars.into_iter().collect();
        let report = klachtwijs::scenario::check::check_str(&text, Path::new("m.ron"), rubric());
        for d in &report.diagnostics {
            prop_assert!(d.line >= 1 && d.col >= 1);
        }
    }
}

#[test]
fn serialized_scenarios_load_back() {
    for seed in 0..20 {
        let scenario = random_scenario(seed);
        let text = ron::ser::to_string_pretty(&scenario, Default::default()).unwrap();
        assert_eq!(load_str(&text, Path::new("x.ron")).unwrap(), scenario);
    }
}

fn fixture(name: &str) -> Arc<Scenario> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scenarios")
        .join(name);
    Arc::new(klachtwijs::scenario::load_file(&path).unwrap())
}

#[test]
fn same_seed_same_conversation_different_seed_may_differ() {
    let scenario = fixture("fixture-afvalpas.ron");
    let lines = |seed| {
        let mut s = Session::start(Arc::clone(&scenario), rubric(), seed).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        while let Some(a) = random_answer(&s, &mut rng) {
            s.answer(a).unwrap();
        }
        s.turns().to_vec()
    };
    assert_eq!(lines(7), lines(7));
    assert!((0..20).any(|seed| lines(seed) != lines(7)));
}

#[test]
fn answers_are_displayed_positions_and_turns_record_file_order() {
    let scenario = fixture("fixture-afvalpas.ron");
    let mut s = Session::start(Arc::clone(&scenario), rubric(), 3).unwrap();
    let prompt = s.prompt().unwrap();
    let PromptKind::Options(options) = prompt.kind else {
        panic!("opening is a talk turn")
    };
    // Pick whichever position shows the good opening (file index 0).
    let pos = options.iter().find(|o| o.index == 0).unwrap().position;
    let events = s.answer(Answer::Pick(pos)).unwrap();
    let turn = &s.turns()[0];
    assert_eq!(turn.chosen, vec![0]);
    assert_eq!(turn.order[pos - 1], 0);
    assert!(turn.texts[0].starts_with("Goedemiddag"));
    assert!(events.iter().any(|e| matches!(e,
        klachtwijs::engine::SessionEvent::PointEarned { point, .. } if point == "greet")));
    assert_eq!(s.current_step(), Some(0));
}

#[test]
fn invalid_answers_are_refused_clearly() {
    let scenario = fixture("fixture-grens-mail.ron");
    let mut s = Session::start(Arc::clone(&scenario), rubric(), 1).unwrap();
    assert_eq!(
        s.answer(Answer::Pick(3)),
        Err(AnswerError::OutOfRange { given: 3, count: 2 })
    );
    assert_eq!(
        s.answer(Answer::Select(vec![1, 2])),
        Err(AnswerError::ExpectedPick)
    );
    s.answer(Answer::Pick(1)).unwrap();
    // The analysis is a select turn.
    assert_eq!(
        s.answer(Answer::Select(vec![2, 2])),
        Err(AnswerError::Duplicate(2))
    );
    assert_eq!(
        s.answer(Answer::Select(vec![])),
        Err(AnswerError::EmptySelection)
    );
    assert_eq!(
        s.answer(Answer::Select(vec![9])),
        Err(AnswerError::OutOfRange { given: 9, count: 5 })
    );
    // shuffle_options is off: positions are file order.
    s.answer(Answer::Select(vec![1, 2, 4, 5])).unwrap();
    assert_eq!(s.turns()[1].chosen, vec![0, 1, 3, 4]);
    assert_eq!(s.step_scores()[1], 100);
}

#[test]
fn a_scripted_best_path_reaches_the_best_score() {
    let scenario = fixture("fixture-grens-mail.ron");
    let stats = analyze(&scenario, rubric().model(scenario.model).unwrap());
    // Find a seed whose flare outcomes match the best path, then play it.
    let played = (0..200u64).find_map(|seed| {
        let mut s = Session::start(Arc::clone(&scenario), rubric(), seed).unwrap();
        for step in &stats.best.as_ref().unwrap().path {
            if s.current_node() != Some(step.node.as_str()) {
                return None;
            }
            let prompt = s.prompt()?;
            let answer = match (&step.pick, prompt.kind) {
                (
                    &klachtwijs::scenario::analysis::FileOrderAnswer::Option(i),
                    PromptKind::Options(o),
                ) => Answer::Pick(o.iter().find(|x| x.index == i)?.position),
                (
                    klachtwijs::scenario::analysis::FileOrderAnswer::Items(items),
                    PromptKind::Select { items: shown, .. },
                ) => Answer::Select(
                    items
                        .iter()
                        .filter_map(|i| shown.iter().find(|x| x.index == *i).map(|x| x.position))
                        .collect(),
                ),
                _ => return None,
            };
            s.answer(answer).ok()?;
        }
        Some(s)
    });
    let played = played.expect("some seed follows the best path");
    assert_eq!(
        played.ending(),
        stats.best.as_ref().map(|b| b.ending.as_str())
    );
    assert_eq!(played.score(), stats.best_score);
}

#[test]
fn start_at_tests_from_any_node_with_a_given_mood() {
    let scenario = fixture("fixture-afvalpas.ron");
    let mood = Mood {
        anger: 10,
        trust: 90,
    };
    let s = Session::start_at(Arc::clone(&scenario), rubric(), 5, "herstel", mood).unwrap();
    assert_eq!(s.current_node(), Some("herstel"));
    assert_eq!(s.mood(), mood);
    assert!(Session::start_at(scenario, rubric(), 5, "nergens", mood).is_err());
}

#[test]
fn endless_loops_stop_at_the_turn_cap() {
    let mut scenario = random_scenario(1);
    // Every option loops back to the start: only the cap ends this.
    for node in scenario.nodes.values_mut() {
        node.flare = None;
        node.select = None;
        node.options = (0..2)
            .map(|i| Choice {
                wrong_fact: None,
                text: format!("{i}").into(),
                shows: ThinVec::new(),
                pitfalls: ThinVec::new(),
                mood: MoodShift::default(),
                explain: "x".into(),
                next: "n0".into(),
                branches: ThinVec::new(),
                sets: ThinVec::new(),
            })
            .collect();
    }
    let scenario = Arc::new(scenario);
    let s = random_play(&scenario, 1, 1);
    assert_eq!(s.stop(), Some(&Stop::TurnLimit));
    assert_eq!(s.turns().len(), klachtwijs::engine::MAX_TURNS);
}

#[test]
fn play_from_here_starts_at_the_node_with_the_chosen_mood_and_flags_and_says_so() {
    use klachtwijs::engine::{StartPoint, start_point};
    let scenario = fixture("fixture-afvalpas.ron");
    let mood = Mood {
        anger: 20,
        trust: 70,
    };
    let flags: std::collections::BTreeSet<String> = ["kern_gevonden".to_string()].into();
    let point = StartPoint {
        node: "herstel".into(),
        mood,
        flags: flags.clone(),
    };
    let mut s = Session::start_from(Arc::clone(&scenario), rubric(), 5, point.clone()).unwrap();
    assert_eq!(s.current_node(), Some("herstel"));
    assert_eq!(s.mood(), mood);
    assert_eq!(s.flags(), &flags);
    assert_eq!(s.test_from(), Some(&point));
    // The flag counts: the first option's branch needs `kern_gevonden` (and trust ≥ 40).
    let Some(PromptKind::Options(shown)) = s.prompt().map(|p| p.kind) else {
        panic!("a talk turn");
    };
    let first = shown.iter().find(|o| o.index == 0).unwrap().position;
    s.answer(Answer::Pick(first)).unwrap();
    assert_eq!(s.current_node(), Some("afronding"));
    // Without the flag the same answer goes elsewhere.
    let mut plain = Session::start_at(Arc::clone(&scenario), rubric(), 5, "herstel", mood).unwrap();
    plain.answer(Answer::Pick(first)).unwrap();
    assert_ne!(plain.current_node(), Some("afronding"));
    assert!(
        plain.test_from().is_some(),
        "another node than the start is a test"
    );

    // The debrief marks it; a normal session's debrief and JSON do not change.
    let d = klachtwijs::debrief::build(&s, rubric());
    let t = d.test_from.as_ref().expect("marked as a test from a node");
    assert_eq!((t.node.as_str(), t.anger, t.trust), ("herstel", 20, 70));
    assert_eq!(t.flags, vec!["kern_gevonden".to_string()]);
    assert!(klachtwijs::debrief::export::json(&d).contains("\"test_from\""));
    assert!(klachtwijs::debrief::export::text(&d).contains("herstel"));
    let normal = Session::start(Arc::clone(&scenario), rubric(), 5).unwrap();
    assert!(normal.test_from().is_none());
    let own = Session::start_at(
        Arc::clone(&scenario),
        rubric(),
        5,
        &scenario.start,
        scenario.complainant.mood,
    )
    .unwrap();
    assert!(
        own.test_from().is_none(),
        "the scenario's own start is no test"
    );
    let nd = klachtwijs::debrief::build(&normal, rubric());
    assert!(!klachtwijs::debrief::export::json(&nd).contains("test_from"));

    // The default start: what the best play brings to the node.
    let stats = analyze(&scenario, rubric().model(scenario.model).unwrap());
    let best = stats.best.unwrap();
    let last = best.path.last().unwrap();
    let p = start_point(&scenario, &best.path, &last.node);
    let mut walk = Session::start(Arc::clone(&scenario), rubric(), 1).unwrap();
    for step in &best.path[..best.path.len() - 1] {
        let pick = match &step.pick {
            klachtwijs::scenario::analysis::FileOrderAnswer::Option(i) => *i,
            _ => return,
        };
        let Some(PromptKind::Options(shown)) = walk.prompt().map(|p| p.kind) else {
            return;
        };
        let pos = shown.iter().find(|o| o.index == pick).unwrap().position;
        walk.answer(Answer::Pick(pos)).unwrap();
    }
    if walk.current_node() == Some(last.node.as_str()) {
        assert_eq!(p.mood, walk.mood(), "the mood the best play has there");
        assert_eq!(&p.flags, walk.flags(), "the flags the best play has there");
    }
    let off = start_point(&scenario, &best.path, "nergens");
    assert_eq!(off.mood, scenario.complainant.mood);
    assert!(off.flags.is_empty());
}
