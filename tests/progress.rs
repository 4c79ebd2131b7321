//! Progress across days and what to practise next, from a scripted history: three weeks,
//! five scenarios, and a trainee who keeps justifying the organisation.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use klachtwijs::engine::play_extreme;
use klachtwijs::engine::{Answer, PromptKind, Session};
use klachtwijs::records::progress::{Reason, progress, recommend};
use klachtwijs::records::{Mode, Record, SelfAssessment};
use klachtwijs::rubric::model::Rubric;
use klachtwijs::scenario::analysis::Goal;
use klachtwijs::scenario::model::{Language, Scenario};
use klachtwijs::scenario::{self};

const HABIT: &str = "justifying";

const PLAYED: [&str; 5] = [
    "paspoort-pinnen",
    "afval-ouderen",
    "nooit-gebeld",
    "container-pingpong",
    "bijstand-voorschot",
];

fn library() -> Vec<Arc<Scenario>> {
    scenario::bundled()
        .into_iter()
        .filter_map(|b| scenario::load_str(b.text, Path::new(b.path)).ok())
        .map(Arc::new)
        .collect()
}

/// The best answer at every turn, except that the habit wins the first time it is offered
/// (always taking it could go round a loop for ever).
fn play_with_habit(scenario: &Arc<Scenario>, seed: u64) -> Session {
    let rubric = Rubric::bundled();
    let mut answers: Vec<Answer> = Vec::new();
    let mut took_habit = false;
    loop {
        let mut session = Session::start(scenario.clone(), rubric, seed).unwrap();
        for a in &answers {
            session.answer(a.clone()).unwrap();
        }
        let Some(prompt) = session.prompt() else {
            return session;
        };
        let habit = match &prompt.kind {
            PromptKind::Options(_) if took_habit => None,
            PromptKind::Options(options) => options
                .iter()
                .find(|o| o.choice.pitfalls.iter().any(|p| p == HABIT))
                .map(|o| Answer::Pick(o.position)),
            PromptKind::Select { .. } => None,
        };
        took_habit |= habit.is_some();
        let next = match habit {
            Some(a) => a,
            None => match play_extreme(&mut session, Goal::Best).into_iter().next() {
                Some(a) => a,
                None => return session,
            },
        };
        answers.push(next);
        if answers.len() > 80 {
            panic!("{}: no ending in 80 turns", scenario.id);
        }
    }
}

/// Three weeks, a session every weekday, the five scenarios in turn; a self-assessment
/// that rates listening 5/5 every time.
fn history(library: &[Arc<Scenario>]) -> Vec<Record> {
    let mut records = Vec::new();
    for day in 0..15u64 {
        let id = PLAYED[day as usize % PLAYED.len()];
        let scenario = library.iter().find(|s| s.id == id).unwrap();
        let session = play_with_habit(scenario, day + 1);
        let mut record = Record::new(scenario, None, day + 1, Mode::Practice);
        record.update(&session);
        record.started_at = format!("2026-11-{:02}T09:00:00Z", day + 2);
        record.self_assessment = Some(SelfAssessment {
            how_it_went: "Goed, denk ik".to_string(),
            steps: [("active_listening".to_string(), 5)].into(),
            pitfalls: Vec::new(),
        });
        records.push(record);
    }
    records
}

#[test]
fn a_recurring_pitfall_shows_with_its_trend_and_points_to_the_scenario_that_trains_it() {
    let library = library();
    let rubric = Rubric::bundled();
    let mut records = history(&library);
    // The order on disk does not matter.
    records.reverse();
    let p = progress(records.clone(), &library, rubric, Language::Nl);
    assert_eq!(p.attempts.len(), 15);
    assert_eq!(p.skipped, 0);
    assert!(
        p.attempts
            .windows(2)
            .all(|w| w[0].started_at <= w[1].started_at),
        "oldest first"
    );

    // Per step, one point per attempt where it applies.
    let listening = &p.steps["active_listening"].1;
    assert_eq!(listening.len(), 15);
    // Calibration: the 5/5 beside every measured listening score.
    assert_eq!(p.calibration["active_listening"].len(), 15);
    assert!(
        p.calibration["active_listening"]
            .iter()
            .all(|c| c.rated == 5)
    );

    // The habit is the most frequent pitfall, seen in the scenarios that offer it.
    let habit = &p.pitfalls[0];
    assert_eq!(habit.id, HABIT, "{:?}", p.pitfalls);
    assert!(habit.scenarios.len() >= 2, "{:?}", habit.scenarios);
    assert!(habit.earlier > 0 && habit.later > 0, "it recurs throughout");

    let r = recommend(&p, &library, rubric, Language::Nl).expect("a recommendation");
    match &r.reason {
        Reason::Pitfall { id, count, .. } => {
            assert_eq!(id, HABIT);
            assert!(*count >= 2);
        }
        other => panic!("expected the habit, got {other:?}"),
    }
    // The scenario chosen tempts with the habit at least as often as any other Dutch one,
    // and the node named offers it.
    let tempts = |s: &Scenario| {
        s.nodes
            .values()
            .flat_map(|n| n.answers())
            .filter(|(_, pitfalls)| pitfalls.iter().any(|x| x == HABIT))
            .count()
    };
    let chosen = library.iter().find(|s| s.id == r.scenario).unwrap();
    assert_eq!(chosen.language, Language::Nl);
    let most = library
        .iter()
        .filter(|s| s.language == Language::Nl)
        .map(|s| tempts(s))
        .max()
        .unwrap();
    assert_eq!(tempts(chosen), most);
    let node = &chosen.nodes[r.node.as_deref().expect("a node")];
    assert!(
        node.answers()
            .any(|(_, pitfalls)| pitfalls.iter().any(|x| x == HABIT))
    );

    // Deterministic: the same records give the same answer.
    assert_eq!(
        recommend(
            &progress(records, &library, rubric, Language::Nl),
            &library,
            rubric,
            Language::Nl
        ),
        Some(r)
    );
}

#[test]
fn without_pitfalls_or_weak_steps_the_easiest_unplayed_scenario_is_next() {
    let library = library();
    let rubric = Rubric::bundled();
    let p = progress(Vec::new(), &library, rubric, Language::Nl);
    let r = recommend(&p, &library, rubric, Language::Nl).unwrap();
    assert_eq!(r.reason, Reason::NotYetPlayed);
    let easiest = library
        .iter()
        .filter(|s| s.language == Language::Nl)
        .map(|s| s.difficulty)
        .min()
        .unwrap();
    let chosen = library.iter().find(|s| s.id == r.scenario).unwrap();
    assert_eq!(chosen.difficulty, easiest);
    // Records of scenarios not in the library are counted as skipped, not guessed at.
    let mut stray = history(&library).remove(0);
    stray.scenario = "bestaat-niet".to_string();
    let p = progress([stray], &library, rubric, Language::Nl);
    assert_eq!((p.attempts.len(), p.skipped), (0, 1));
    let ids: BTreeSet<&str> = library.iter().map(|s| s.id.as_str()).collect();
    assert!(ids.contains(r.scenario.as_str()));
}
