//! Random plays, as `klachtwijs explore` and the Author screen's coverage overlay make
//! them: every answer drawn from a generator seeded apart from the session's own seed,
//! so a run is reproducible from its seed alone.

use std::collections::{BTreeMap, BTreeSet};

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use super::{Answer, Prepared, Prompt, PromptKind, Session, StartError};

/// Separates the random answers from the session's own randomness.
const ANSWER_SEED_SALT: u64 = 0x9e37_79b9_7f4a_7c15;

/// A seeded generator for random answers.
pub fn answer_rng(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed ^ ANSWER_SEED_SALT)
}

/// A random answer to a prompt: any option, or a non-empty random selection.
pub fn random_answer(prompt: &Prompt<'_>, rng: &mut ChaCha8Rng) -> Answer {
    match &prompt.kind {
        PromptKind::Options(options) => Answer::Pick(rng.random_range(1..=options.len().max(1))),
        PromptKind::Select { items, .. } => {
            let n = items.len().max(1);
            let mut picked: Vec<usize> = (1..=n).filter(|_| rng.random_bool(0.5)).collect();
            if picked.is_empty() {
                picked.push(rng.random_range(1..=n));
            }
            Answer::Select(picked)
        }
    }
}

/// The nodes a finished session arrived at: the start, every answered node, and every
/// node an answer led to (a flare-up may have moved on from it at once).
pub fn arrived_at(session: &Session) -> BTreeSet<&str> {
    let scenario = session.scenario();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    seen.insert(&scenario.start);
    for t in session.turns() {
        seen.insert(&t.node);
        if scenario.nodes.contains_key(&t.next) {
            seen.insert(&t.next);
        }
    }
    seen
}

/// One random play with `seed` (the session's and, salted, the answers'), to its end or
/// the first answer refused. Only the transcript and the tally are kept: no events.
pub fn random_play(prepared: &Prepared, seed: u64) -> Result<Session, StartError> {
    let mut session = prepared.start(seed)?;
    let mut rng = answer_rng(seed);
    while let Some(prompt) = session.prompt() {
        let answer = random_answer(&prompt, &mut rng);
        if session.answer_quietly(answer).is_err() {
            break;
        }
    }
    Ok(session)
}

/// Run `i` of `runs` random plays uses seed `seed + i`; returns per node id the number of
/// runs that arrived at it (nodes no run reached are absent).
pub fn node_coverage(prepared: &Prepared, runs: u32, seed: u64) -> BTreeMap<String, u32> {
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for i in 0..runs {
        let Ok(session) = random_play(prepared, seed.wrapping_add(u64::from(i))) else {
            break;
        };
        for id in arrived_at(&session) {
            *counts.entry(id.to_string()).or_default() += 1;
        }
    }
    counts
}
