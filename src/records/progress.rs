//! A trainee's progress across days, from the records on this computer, and what to
//! practise next. Every score is the record replayed through the one scoring fold
//! (`debrief`), so progress can never disagree with the debriefs it summarises.
//!
//! The recommendation rule (documented in `docs/progress.md`), on the last
//! [`RECENT`] finished attempts:
//! 1. a pitfall fallen into in at least two of them: the most frequent one (ties: the most
//!    recent, then the id), trained by the scenario that tempts with it most often (ties:
//!    the fewest own attempts, then the id), at the first turn (from the start) that
//!    offers it;
//! 2. otherwise the weakest step, when its mean is below [`WEAK_STEP`]: the scenario with
//!    the most options that earn that step's points (same ties);
//! 3. otherwise the easiest scenario not yet played.
//!
//! Scenarios in the trainee's language come first in every choice.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::Arc;

use super::{Record, SelfAssessment, replay};
use crate::rubric::model::Rubric;
use crate::scenario::model::{Language, Scenario};

/// How many recent finished attempts the recommendation looks at.
pub const RECENT: usize = 10;

/// A step whose recent mean is below this is worth practising.
pub const WEAK_STEP: f32 = 70.0;

/// One replayed record.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    pub scenario: String,
    pub title: String,
    /// RFC 3339, as recorded.
    pub started_at: String,
    pub finished: bool,
    /// Total 0–100 (for an unfinished attempt: the score so far).
    pub score: u8,
    /// Per step that applies: id, name and score.
    pub steps: Vec<(String, String, u8)>,
    /// Pitfall ids in order of occurrence.
    pub pitfalls: Vec<String>,
    pub self_assessment: Option<SelfAssessment>,
}

/// A pitfall across attempts.
#[derive(Debug, Clone, PartialEq)]
pub struct PitfallHistory {
    pub id: String,
    pub name: String,
    /// Times fallen into, over all attempts.
    pub count: usize,
    /// The scenarios it happened in.
    pub scenarios: BTreeSet<String>,
    /// Attempts with it in the earlier and in the later half of all attempts: the trend.
    pub earlier: usize,
    pub later: usize,
}

/// A self-rating beside the measured score of the same step in the same attempt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    /// 1–5.
    pub rated: u8,
    /// 0–100.
    pub measured: u8,
}

/// Everything the progress screen shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    /// Oldest first.
    pub attempts: Vec<Attempt>,
    /// Per step id: its name and (attempt index, score), oldest first.
    pub steps: BTreeMap<String, (String, Vec<(usize, u8)>)>,
    /// Most frequent first, then by id.
    pub pitfalls: Vec<PitfallHistory>,
    /// Per step id, every self-rating with its measured score.
    pub calibration: BTreeMap<String, Vec<Calibration>>,
    /// Records whose scenario is not here or whose answers no longer fit.
    pub skipped: usize,
}

/// Replays `records` (any order) against the scenarios known here.
pub fn progress(
    records: impl IntoIterator<Item = Record>,
    scenarios: &[Arc<Scenario>],
    rubric: &Rubric,
    lang: Language,
) -> Progress {
    let by_id: BTreeMap<&str, &Arc<Scenario>> =
        scenarios.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut out = Progress::default();
    let mut records: Vec<Record> = records.into_iter().collect();
    records.sort_by(|a, b| a.started_at.cmp(&b.started_at).then(a.seed.cmp(&b.seed)));
    let mut names = BTreeMap::new();
    for record in records.into_iter().filter(|r| r.turns() > 0) {
        let Some(scenario) = by_id.get(record.scenario.as_str()) else {
            out.skipped += 1;
            continue;
        };
        let Ok(replayed) = replay::replay(&record, Arc::clone(scenario), rubric, Some(lang)) else {
            out.skipped += 1;
            continue;
        };
        let d = replayed.played.debrief;
        for p in &d.pitfalls {
            names.insert(p.id.clone(), p.name.clone());
        }
        out.attempts.push(Attempt {
            scenario: record.scenario.clone(),
            title: scenario.title.clone(),
            started_at: record.started_at.clone(),
            finished: d.finished,
            score: d.score,
            steps: d
                .steps
                .iter()
                .filter(|s| s.applies)
                .map(|s| (s.id.clone(), s.name.clone(), s.score))
                .collect(),
            pitfalls: d.pitfalls.iter().map(|p| p.id.clone()).collect(),
            self_assessment: record.self_assessment.clone(),
        });
    }
    let half = out.attempts.len() / 2;
    let mut pitfalls: BTreeMap<String, PitfallHistory> = BTreeMap::new();
    for (i, attempt) in out.attempts.iter().enumerate() {
        for (id, name, score) in &attempt.steps {
            out.steps
                .entry(id.clone())
                .or_insert_with(|| (name.clone(), Vec::new()))
                .1
                .push((i, *score));
            if let Some(rated) = attempt
                .self_assessment
                .as_ref()
                .and_then(|a| a.steps.get(id))
            {
                out.calibration
                    .entry(id.clone())
                    .or_default()
                    .push(Calibration {
                        rated: (*rated).clamp(1, 5),
                        measured: *score,
                    });
            }
        }
        let distinct: BTreeSet<&String> = attempt.pitfalls.iter().collect();
        for id in &attempt.pitfalls {
            let h = pitfalls
                .entry(id.clone())
                .or_insert_with(|| PitfallHistory {
                    id: id.clone(),
                    name: names.get(id).cloned().unwrap_or_else(|| id.clone()),
                    count: 0,
                    scenarios: BTreeSet::new(),
                    earlier: 0,
                    later: 0,
                });
            h.count += 1;
            h.scenarios.insert(attempt.scenario.clone());
        }
        for id in distinct {
            if let Some(h) = pitfalls.get_mut(id) {
                if i < half {
                    h.earlier += 1;
                } else {
                    h.later += 1;
                }
            }
        }
    }
    out.pitfalls = pitfalls.into_values().collect();
    out.pitfalls
        .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
    out
}

/// Why a scenario is recommended.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Fallen into in `count` of the recent attempts.
    Pitfall {
        id: String,
        name: String,
        count: usize,
    },
    /// The step's recent mean.
    WeakStep { id: String, name: String, mean: u8 },
    /// Not played yet, and the easiest such.
    NotYetPlayed,
}

/// What to practise next.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub scenario: String,
    pub title: String,
    /// The node to start from: the first turn that trains it (from the start).
    pub node: Option<String>,
    pub reason: Reason,
}

/// Applies the rule in this module's documentation.
pub fn recommend(
    progress: &Progress,
    scenarios: &[Arc<Scenario>],
    rubric: &Rubric,
    lang: Language,
) -> Option<Recommendation> {
    let recent: Vec<&Attempt> = progress
        .attempts
        .iter()
        .rev()
        .filter(|a| a.finished)
        .take(RECENT)
        .collect();
    let played = |id: &str| {
        progress
            .attempts
            .iter()
            .filter(|a| a.scenario == id)
            .count()
    };
    // Most of `measure` wins; ties: own language first, fewer own attempts, then the id.
    let best_by = |measure: &dyn Fn(&Scenario) -> usize| {
        scenarios
            .iter()
            .map(|s| (measure(s), s))
            .filter(|(m, _)| *m > 0)
            .min_by(|(ma, a), (mb, b)| {
                (a.language != lang)
                    .cmp(&(b.language != lang))
                    .then(mb.cmp(ma))
                    .then(played(&a.id).cmp(&played(&b.id)))
                    .then(a.id.cmp(&b.id))
            })
            .map(|(_, s)| s)
    };

    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new(); // id → (attempts, most recent rank)
    for (rank, attempt) in recent.iter().enumerate() {
        let distinct: BTreeSet<&str> = attempt.pitfalls.iter().map(String::as_str).collect();
        for id in distinct {
            let entry = counts.entry(id).or_insert((0, rank));
            entry.0 += 1;
        }
    }
    let frequent = counts
        .iter()
        .filter(|(_, (n, _))| *n >= 2)
        .min_by(|(ia, (na, ra)), (ib, (nb, rb))| nb.cmp(na).then(ra.cmp(rb)).then(ia.cmp(ib)));
    if let Some((&id, &(count, _))) = frequent {
        let tempts = |s: &Scenario| {
            s.nodes
                .values()
                .flat_map(|n| n.answers())
                .filter(|(_, pitfalls)| pitfalls.iter().any(|p| p == id))
                .count()
        };
        if let Some(s) = best_by(&tempts) {
            let name = progress
                .pitfalls
                .iter()
                .find(|p| p.id == id)
                .map_or_else(|| id.to_string(), |p| p.name.clone());
            return Some(Recommendation {
                scenario: s.id.clone(),
                title: s.title.clone(),
                node: first_node(s, |n| {
                    n.answers()
                        .any(|(_, pitfalls)| pitfalls.iter().any(|p| p == id))
                }),
                reason: Reason::Pitfall {
                    id: id.to_string(),
                    name,
                    count,
                },
            });
        }
    }

    let mut means: Vec<(String, String, f32)> = Vec::new();
    for (id, (name, _)) in &progress.steps {
        let scores: Vec<u8> = recent
            .iter()
            .filter_map(|a| a.steps.iter().find(|(s, _, _)| s == id).map(|s| s.2))
            .collect();
        if !scores.is_empty() {
            let mean = scores.iter().map(|&s| f32::from(s)).sum::<f32>() / scores.len() as f32;
            means.push((id.clone(), name.clone(), mean));
        }
    }
    means.sort_by(|a, b| a.2.total_cmp(&b.2).then_with(|| a.0.cmp(&b.0)));
    if let Some((step, name, mean)) = means.first().filter(|m| m.2 < WEAK_STEP) {
        let points: BTreeSet<&str> = rubric
            .models
            .iter()
            .flat_map(|m| &m.steps)
            .filter(|st| &st.id == step)
            .flat_map(|st| st.points.iter().map(|p| p.id.as_str()))
            .collect();
        let earns = |n: &crate::scenario::model::Node| {
            n.answers()
                .any(|(shows, _)| shows.iter().any(|p| points.contains(p.as_str())))
        };
        let trains = |s: &Scenario| s.nodes.values().filter(|n| earns(n)).count();
        if let Some(s) = best_by(&trains) {
            return Some(Recommendation {
                scenario: s.id.clone(),
                title: s.title.clone(),
                node: first_node(s, earns),
                reason: Reason::WeakStep {
                    id: step.clone(),
                    name: name.clone(),
                    mean: mean.round() as u8,
                },
            });
        }
    }

    scenarios
        .iter()
        .filter(|s| played(&s.id) == 0)
        .min_by(|a, b| {
            (a.language != lang)
                .cmp(&(b.language != lang))
                .then(a.difficulty.cmp(&b.difficulty))
                .then(a.id.cmp(&b.id))
        })
        .map(|s| Recommendation {
            scenario: s.id.clone(),
            title: s.title.clone(),
            node: None,
            reason: Reason::NotYetPlayed,
        })
}

/// The first node, in breadth-first order from the start, that satisfies `wanted`.
fn first_node(
    scenario: &Scenario,
    wanted: impl Fn(&crate::scenario::model::Node) -> bool,
) -> Option<String> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([scenario.start.as_str()]);
    while let Some(id) = queue.pop_front() {
        if !seen.insert(id) {
            continue;
        }
        let Some(node) = scenario.nodes.get(id) else {
            continue;
        };
        if wanted(node) {
            return Some(id.to_string());
        }
        queue.extend(node.targets());
    }
    None
}
