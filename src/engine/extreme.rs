//! Playing the best (or worst) way through a session: at every turn the answer that keeps
//! the exact best (or worst) final score within reach, whatever the seed's flare-ups do.
//! `play --path best` and `check --stats` use it to turn the analysis's witness into
//! answers a trainee can type for a given seed.

use super::session::{Answer, Prepared, PromptKind, Session, StartPoint};
use crate::scenario::analysis::{Compiled, FileOrderAnswer, Goal, PathStep};
use crate::scenario::model::Scenario;
use crate::scenario::mood::shift_mood;

/// Answers the session's turns until it ends, each time taking the first answer of an
/// extreme play from where the session stands. The witness is recomputed only when the
/// session leaves it (a flare-up fell the other way). Returns the answers given.
pub fn play_extreme(session: &mut Session, goal: Goal) -> Vec<Answer> {
    let scenario = std::sync::Arc::clone(session.scenario());
    let Some(compiled) = Compiled::new(&scenario, session.model_rubric()) else {
        return Vec::new();
    };
    let mut given = Vec::new();
    let mut plan: Vec<crate::scenario::analysis::PathStep> = Vec::new();
    while let Some(prompt) = session.prompt() {
        let on_plan = plan
            .first()
            .is_some_and(|s| s.node == prompt.node && s.flared == prompt.flared);
        if !on_plan {
            let extreme = compiled.extreme_from(
                prompt.node,
                prompt.mood,
                session.flags(),
                prompt.flared,
                *session.tally().state(),
                goal,
            );
            plan = extreme.map(|e| e.path).unwrap_or_default();
        }
        if plan.is_empty() {
            break;
        }
        let step = plan.remove(0);
        let Some(answer) = answer_for(&step.pick, &prompt.kind) else {
            break;
        };
        if session.answer(answer.clone()).is_err() {
            break;
        }
        given.push(answer);
    }
    given
}

/// The answers (as displayed with `seed`) that follow `path` exactly, or `None` when the
/// seed's flare-ups or option order take the session elsewhere.
pub fn follow_path(
    scenario: &std::sync::Arc<crate::scenario::model::Scenario>,
    rubric: &crate::rubric::model::Rubric,
    path: &[crate::scenario::analysis::PathStep],
    seed: u64,
) -> Option<Vec<Answer>> {
    let prepared = Prepared::new(std::sync::Arc::clone(scenario), rubric).ok()?;
    follow_prepared(&prepared, path, seed)
}

/// As [`follow_path`], with the scenario prepared once for many seeds.
fn follow_prepared(prepared: &Prepared, path: &[PathStep], seed: u64) -> Option<Vec<Answer>> {
    let mut session = prepared.start(seed).ok()?;
    let mut given = Vec::new();
    for step in path {
        let prompt = session.prompt()?;
        if prompt.node != step.node || prompt.flared != step.flared {
            return None;
        }
        let answer = answer_for(&step.pick, &prompt.kind)?;
        // Quietly: a seed search may replay a long path a thousand times.
        session.answer_quietly(answer.clone()).ok()?;
        given.push(answer);
    }
    session.is_over().then_some(given)
}

/// The first seed in `seeds` whose session follows `path`, with its answers. Preparing
/// a large scenario takes a while: prepare it once for all its paths.
pub fn seed_for_path(
    prepared: &Prepared,
    path: &[PathStep],
    seeds: impl IntoIterator<Item = u64>,
) -> Option<(u64, Vec<Answer>)> {
    seeds
        .into_iter()
        .find_map(|seed| follow_prepared(prepared, path, seed).map(|a| (seed, a)))
}

/// The default start for "play from here" at `node`: the mood and flags the witness play
/// `path` (e.g. the analysis's best, [`crate::scenario::analysis::Stats::best`]) has when
/// it first answers there, folding each answer's mood shift (with the temperament) and
/// flags as the session does. A node the play never reaches starts with the scenario's
/// start mood and no flags.
pub fn start_point(scenario: &Scenario, path: &[PathStep], node: &str) -> StartPoint {
    let mut mood = scenario.complainant.mood;
    let mut flags = std::collections::BTreeSet::new();
    for step in path {
        if step.node == node {
            return StartPoint {
                node: node.to_string(),
                mood,
                flags,
            };
        }
        let Some(n) = scenario.nodes.get(&step.node) else {
            break;
        };
        let shift = match (
            &step.pick,
            n.select.as_ref().filter(|_| n.options.is_empty()),
        ) {
            (FileOrderAnswer::Items(items), Some(select)) => {
                for item in items.iter().filter_map(|&i| select.items.get(i)) {
                    flags.extend(item.sets.iter().cloned());
                }
                select.mood
            }
            (FileOrderAnswer::Option(i), None) => match n.options.get(*i) {
                Some(choice) => {
                    flags.extend(choice.sets.iter().cloned());
                    choice.mood
                }
                None => break,
            },
            _ => break,
        };
        mood = shift_mood(mood, shift, scenario.complainant.temperament);
    }
    StartPoint {
        node: node.to_string(),
        mood: scenario.complainant.mood,
        flags: std::collections::BTreeSet::new(),
    }
}

/// The displayed answer for a file-order pick.
fn answer_for(pick: &FileOrderAnswer, kind: &PromptKind<'_>) -> Option<Answer> {
    match (pick, kind) {
        (FileOrderAnswer::Option(i), PromptKind::Options(shown)) => shown
            .iter()
            .find(|o| o.index == *i)
            .map(|o| Answer::Pick(o.position)),
        (FileOrderAnswer::Items(items), PromptKind::Select { items: shown, .. }) => {
            let mut positions: Vec<usize> = items
                .iter()
                .filter_map(|i| shown.iter().find(|s| s.index == *i).map(|s| s.position))
                .collect();
            positions.sort_unstable();
            Some(Answer::Select(positions))
        }
        _ => None,
    }
}
