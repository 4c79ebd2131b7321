//! Scoring: one fold over answered turns that turns attention points, pitfalls, wrong
//! information and flare-ups into step scores and a total, following the rules in
//! `assets/rubric.ron`.
//!
//! The session (and so the debrief, its "better option" and every report) and the path
//! analysis all use this one fold, so a debrief and `check --stats` always agree.
//! [`ScoreState`] is the small, hashable part the analysis keys its states on; [`Tally`]
//! adds the evidence a debrief shows.
//!
//! Rules, in the order they are applied within one turn:
//! 1. A turn answered at a node reached by a flare-up: if the answer shows one of the
//!    model's return points (`flare_return`), the return step gets `flare_return_credit`
//!    extra ("back to listening"); otherwise the total loses `flare_missed_penalty`.
//! 2. The points shown, in step order (then rubric order). A point earns its credit; a
//!    point of step k shown while an earlier step still has no credit at all earns only
//!    `out_of_order_credit` percent of it (rounded half up). Points of earlier steps in
//!    the same turn count as earlier. Each point counts once per conversation, at the
//!    best credit it was ever shown with. Learning points earn no step credit.
//! 3. Pitfalls: the first occurrence of a pitfall costs `pitfall_penalty`, every repeat
//!    `pitfall_penalty + repeat_penalty`. A select turn counts each selected item.
//! 4. Wrong information costs `wrong_information_penalty` each time.
//!
//! When the conversation is over ([`Finish`]): a step scores the sum of its credits, at
//! most 100, and at most `missing_core_cap` while one of its core points (for the
//! ending's complaint route) is missing. Total = round(Σ weight·step / Σ weight) over the
//! steps that apply on the ending, minus the penalties, clamped to 0..=100.
//!
//! Over 500 lines with its tests: the compiled rubric ([`Scorer`]), the fold over its small
//! state ([`ScoreState`]) and the evidence a debrief shows ([`Tally`]) apply one set of
//! rules, written down once above; apart, each would restate them.

use crate::rubric::model::{CoreWhen, ModelRubric, Rules};
use crate::scenario::model::{Complaint, Ending, ModelId, Scenario};

/// At most this many attention points per model, learning points included (they live in
/// a `u64` bit set).
pub const MAX_POINTS: usize = 64;
/// At most this many pitfalls per model.
pub const MAX_PITFALLS: usize = 16;
/// At most this many steps per model (they live in a `u64` bit set too).
pub const MAX_STEPS: usize = 16;

#[derive(Debug, Clone, PartialEq)]
struct StepInfo {
    id: String,
    weight: u32,
    mask: u64,
    /// Core points for a justified complaint and for a misunderstanding.
    core: [u64; 2],
}

#[derive(Debug, Clone, PartialEq)]
struct PointInfo {
    id: String,
    /// `None` for a learning point.
    step: Option<usize>,
    credit: u32,
}

/// A model rubric prepared for fast scoring: ids resolved to indices.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorer {
    pub model: ModelId,
    steps: Vec<StepInfo>,
    points: Vec<PointInfo>,
    pitfalls: Vec<String>,
    rules: Rules,
    return_step: usize,
    return_mask: u64,
    learning_mask: u64,
}

/// How a conversation ended, as far as the score is concerned: which repair route's core
/// points apply and which steps count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Finish {
    pub complaint: Complaint,
    /// Bit set of the steps that apply.
    pub applicable: u64,
}

fn route(complaint: Complaint) -> usize {
    match complaint {
        Complaint::Justified => 0,
        Complaint::Misunderstanding => 1,
    }
}

impl Scorer {
    /// The least an answer can cost in points: each pitfall at its first-time penalty,
    /// its wrong information, and a missed flare return when it answers a flare-up
    /// without a return point. A lower bound for the path analysis.
    pub fn least_cost(&self, pitfalls: usize, wrong_facts: u8, flared: bool, shows: u64) -> u16 {
        let rules = &self.rules;
        let miss = flared && shows & self.return_mask == 0;
        (pitfalls as u16)
            .saturating_mul(u16::from(rules.pitfall_penalty))
            .saturating_add(u16::from(wrong_facts) * u16::from(rules.wrong_information_penalty))
            .saturating_add(if miss {
                u16::from(rules.flare_missed_penalty)
            } else {
                0
            })
    }

    /// Prepares a model rubric. Fails, saying why, when it is larger than the limits
    /// above or names a step or point that does not exist.
    pub fn new(rubric: &ModelRubric) -> Result<Scorer, String> {
        if rubric.steps.is_empty() || rubric.steps.len() > MAX_STEPS {
            return Err(format!(
                "a model needs 1 to {MAX_STEPS} steps, `{}` has {}",
                rubric.model.id(),
                rubric.steps.len()
            ));
        }
        if rubric.pitfalls.len() > MAX_PITFALLS {
            return Err(format!("more than {MAX_PITFALLS} pitfalls"));
        }
        if rubric.rules.wrong_information_penalty < rubric.rules.pitfall_penalty {
            return Err("wrong_information_penalty must be at least pitfall_penalty".into());
        }
        let mut steps = Vec::new();
        let mut points: Vec<PointInfo> = Vec::new();
        let mut add_point = |id: &str, step: Option<usize>, credit: u8| {
            if points.len() >= MAX_POINTS {
                return Err(format!("more than {MAX_POINTS} attention points"));
            }
            if points.iter().any(|p| p.id == id) {
                return Err(format!("the attention point `{id}` is listed twice"));
            }
            points.push(PointInfo {
                id: id.to_string(),
                step,
                credit: u32::from(credit),
            });
            Ok(1u64 << (points.len() - 1))
        };
        for (k, step) in rubric.steps.iter().enumerate() {
            let (mut mask, mut core) = (0u64, [0u64; 2]);
            for point in &step.points {
                let bit = add_point(&point.id, Some(k), point.credit)?;
                mask |= bit;
                match point.core {
                    CoreWhen::No => {}
                    CoreWhen::Always => core = [core[0] | bit, core[1] | bit],
                    CoreWhen::Justified => core[0] |= bit,
                    CoreWhen::Misunderstanding => core[1] |= bit,
                }
            }
            steps.push(StepInfo {
                id: step.id.clone(),
                weight: u32::from(step.weight),
                mask,
                core,
            });
        }
        let mut learning_mask = 0;
        for point in &rubric.learning.points {
            learning_mask |= add_point(&point.id, None, 0)?;
        }
        let return_step = steps
            .iter()
            .position(|s| s.id == rubric.flare_return.step)
            .ok_or_else(|| format!("flare_return names no step `{}`", rubric.flare_return.step))?;
        let mut return_mask = 0;
        for id in &rubric.flare_return.points {
            let p = points
                .iter()
                .position(|p| &p.id == id)
                .ok_or_else(|| format!("flare_return names no attention point `{id}`"))?;
            return_mask |= 1 << p;
        }
        Ok(Scorer {
            model: rubric.model,
            steps,
            points,
            pitfalls: rubric.pitfalls.iter().map(|p| p.id.clone()).collect(),
            rules: rubric.rules.clone(),
            return_step,
            return_mask,
            learning_mask,
        })
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// Number of steps in the model.
    pub fn step_count(&self) -> usize {
        self.steps.len()
    }

    /// Id of step `k` (`""` when out of range).
    pub fn step_id(&self, k: usize) -> &str {
        self.steps.get(k).map_or("", |s| &s.id)
    }

    fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    /// The step a flare-up asks to go back to.
    pub fn return_step(&self) -> usize {
        self.return_step
    }

    /// Number of attention points, learning points included.
    pub fn point_count(&self) -> usize {
        self.points.len()
    }

    /// Index of an attention point of this model.
    pub fn point_index(&self, id: &str) -> Option<usize> {
        self.points.iter().position(|p| p.id == id)
    }

    pub fn point_id(&self, p: usize) -> &str {
        self.points.get(p).map_or("", |x| &x.id)
    }

    /// The full credit of a point.
    pub fn point_credit(&self, p: usize) -> u32 {
        self.points.get(p).map_or(0, |x| x.credit)
    }

    /// The bit set of the learning points.
    pub fn learning_mask(&self) -> u64 {
        self.learning_mask
    }

    /// The bit set of the points of step `k`.
    pub fn step_mask(&self, k: usize) -> u64 {
        self.steps.get(k).map_or(0, |s| s.mask)
    }

    /// The core points of step `k` on the given repair route.
    pub fn core_mask(&self, k: usize, complaint: Complaint) -> u64 {
        self.steps.get(k).map_or(0, |s| s.core[route(complaint)])
    }

    /// The step's weight in the total.
    pub fn weight(&self, k: usize) -> u32 {
        self.steps.get(k).map_or(0, |s| s.weight)
    }

    pub fn pitfall_index(&self, id: &str) -> Option<usize> {
        self.pitfalls.iter().position(|p| p == id)
    }

    pub fn pitfall_id(&self, i: usize) -> &str {
        self.pitfalls.get(i).map_or("", String::as_str)
    }

    pub fn pitfall_count(&self) -> usize {
        self.pitfalls.len()
    }

    /// The bit set of the known points among `ids` (unknown ids are the checker's job).
    pub fn shows_mask<S: AsRef<str>>(&self, ids: &[S]) -> u64 {
        ids.iter()
            .filter_map(|id| self.point_index(id.as_ref()))
            .fold(0, |m, p| m | 1 << p)
    }

    /// The pitfall indices among `ids`, each at most once.
    pub fn pitfall_indices<S: AsRef<str>>(&self, ids: &[S]) -> Vec<u8> {
        let mut out: Vec<u8> = Vec::new();
        for i in ids.iter().filter_map(|id| self.pitfall_index(id.as_ref())) {
            if !out.contains(&(i as u8)) {
                out.push(i as u8);
            }
        }
        out
    }

    /// The steps whose points are in `mask`, as a bit set of step indices.
    pub fn steps_of(&self, mask: u64) -> u64 {
        self.steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.mask & mask != 0)
            .fold(0, |m, (k, _)| m | 1 << k)
    }

    /// Every step applies.
    pub fn all_steps(&self) -> u64 {
        (1u64 << self.steps.len()) - 1
    }

    /// The finish of a conversation that ended at `ending` (or has not ended: `None`).
    /// Unknown step ids in `not_applicable` are the checker's job and ignored here.
    pub fn finish(&self, scenario: &Scenario, ending: Option<&Ending>) -> Finish {
        let mut applicable = self.all_steps();
        let mut complaint = scenario.complaint;
        if let Some(ending) = ending {
            for id in &ending.not_applicable {
                if let Some(k) = self.step_index(id) {
                    applicable &= !(1 << k);
                }
            }
            complaint = ending.complaint.unwrap_or(complaint);
        }
        Finish {
            complaint,
            applicable,
        }
    }

    /// The finish of a conversation that has not ended: every step, the scenario's route.
    pub fn open_finish(&self, scenario: &Scenario) -> Finish {
        self.finish(scenario, None)
    }

    fn reduced_credit(&self, credit: u32) -> u32 {
        (credit * u32::from(self.rules.out_of_order_credit) + 50) / 100
    }

    /// How many flare returns can still raise a score: beyond this the return step is
    /// full anyway, so capping keeps the analysis's state space small.
    fn useful_returns(&self) -> u8 {
        match self.rules.flare_return_credit {
            0 => 0,
            c => 100u32.div_ceil(u32::from(c)).min(255) as u8,
        }
    }
}

/// The compact scoring state: which points were shown (and at which rate), flare-up
/// returns and misses, and how often each pitfall and wrong information occurred.
/// Hashable for the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ScoreState {
    /// Points shown.
    pub shown: u64,
    /// Points shown only out of order so far (they count at the reduced rate).
    pub reduced: u64,
    /// Flare-ups answered by going back to the first step (capped where more cannot
    /// count).
    pub flare_returns: u8,
    /// The pitfalls fallen into so far (a bit per pitfall index): a repeat costs more.
    pub pitfalls_seen: u16,
    /// Points off so far for pitfalls, wrong information and missed flare returns.
    /// Future penalties depend only on `pitfalls_seen`, so this sum is all the analysis
    /// needs to compare two states.
    pub pitfall_points: u16,
    pub wrong_fact_points: u16,
    pub flare_miss_points: u16,
    /// Set by [`ScoreState::normalized`] once the penalties alone force the total to 0.
    pub doomed: bool,
}

/// What one turn did to the score, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoreEvent {
    /// A point was shown. `credit` is what it is worth at that moment; `gained` how much
    /// its step's sum of credits rose (0 when it was already counted). Learning points
    /// have no step and earn nothing.
    Point {
        step: Option<usize>,
        point: usize,
        credit: u32,
        gained: u32,
        out_of_order: bool,
    },
    /// A flare-up answered by going back to the return step.
    BackToListening {
        step: usize,
        credit: u32,
        gained: u32,
    },
    /// A flare-up answered without going back.
    FlareMissed { penalty: u32 },
    /// A pitfall; `repeat` when it was fallen into before.
    Pitfall {
        pitfall: usize,
        repeat: bool,
        penalty: u32,
    },
    /// Wrong information.
    WrongInformation { penalty: u32 },
}

impl ScoreState {
    fn credit_of(&self, scorer: &Scorer, p: usize) -> u32 {
        let full = scorer.points[p].credit;
        if self.reduced & (1 << p) != 0 {
            scorer.reduced_credit(full)
        } else {
            full
        }
    }

    /// The sum of the credits step `k` earned so far, flare returns included, before any
    /// cap.
    pub fn raw_step(&self, scorer: &Scorer, k: usize) -> u32 {
        let Some(step) = scorer.steps.get(k) else {
            return 0;
        };
        let mut sum = 0u32;
        let mut bits = self.shown & step.mask;
        while bits != 0 {
            let p = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            sum += self.credit_of(scorer, p);
        }
        if k == scorer.return_step {
            sum += u32::from(self.flare_returns) * u32::from(scorer.rules.flare_return_credit);
        }
        sum
    }

    /// The core points of step `k` not shown, for this route.
    pub fn missing_core(&self, scorer: &Scorer, k: usize, complaint: Complaint) -> u64 {
        scorer.core_mask(k, complaint) & !self.shown
    }

    /// Score of step `k`, 0..=100.
    pub fn step_score(&self, scorer: &Scorer, k: usize, finish: Finish) -> u32 {
        let score = self.raw_step(scorer, k).min(100);
        if self.missing_core(scorer, k, finish.complaint) != 0 {
            score.min(u32::from(scorer.rules.missing_core_cap))
        } else {
            score
        }
    }

    /// All step scores, in model order.
    pub fn step_scores(&self, scorer: &Scorer, finish: Finish) -> Vec<u32> {
        (0..scorer.steps.len())
            .map(|k| self.step_score(scorer, k, finish))
            .collect()
    }

    /// All points off the total.
    pub fn penalties(&self) -> u32 {
        u32::from(self.pitfall_points)
            + u32::from(self.wrong_fact_points)
            + u32::from(self.flare_miss_points)
    }

    /// The weighted mean of the applicable step scores, rounded half up, before
    /// penalties.
    pub fn base(&self, scorer: &Scorer, finish: Finish) -> u32 {
        let applies = |k: usize| finish.applicable & (1 << k) != 0;
        let weights: u32 = (0..scorer.steps.len())
            .filter(|&k| applies(k))
            .map(|k| scorer.steps[k].weight)
            .sum();
        if weights == 0 {
            return 0;
        }
        let sum: u32 = (0..scorer.steps.len())
            .filter(|&k| applies(k))
            .map(|k| scorer.steps[k].weight * self.step_score(scorer, k, finish))
            .sum();
        (2 * sum + weights) / (2 * weights)
    }

    /// The total before it is clamped to 0..=100: the base minus the penalties. Below 0
    /// it still tells how far below; the debrief compares answers by it, since two
    /// answers that both leave the total at 0 are not equally bad.
    pub fn margin(&self, scorer: &Scorer, finish: Finish) -> i32 {
        self.base(scorer, finish) as i32 - self.penalties() as i32
    }

    /// The total, 0..=100.
    pub fn total(&self, scorer: &Scorer, finish: Finish) -> u32 {
        if self.doomed {
            return 0;
        }
        self.base(scorer, finish)
            .saturating_sub(self.penalties())
            .min(100)
    }

    /// Applies one answered turn. `shows` is a point bit set ([`Scorer::shows_mask`]),
    /// `pitfalls` the pitfall indices (a pitfall may repeat, e.g. from two selected
    /// items), `wrong_facts` how many pieces of wrong information the answer gave,
    /// `flared` whether the turn's node was reached by a flare-up.
    pub fn apply(
        &mut self,
        scorer: &Scorer,
        shows: u64,
        pitfalls: &[u8],
        wrong_facts: u8,
        flared: bool,
        mut on: impl FnMut(ScoreEvent),
    ) {
        let rules = &scorer.rules;
        if flared {
            if shows & scorer.return_mask != 0 {
                let before = self.raw_step(scorer, scorer.return_step);
                if self.flare_returns < scorer.useful_returns() {
                    self.flare_returns += 1;
                }
                on(ScoreEvent::BackToListening {
                    step: scorer.return_step,
                    credit: u32::from(rules.flare_return_credit),
                    gained: self.raw_step(scorer, scorer.return_step) - before,
                });
            } else {
                self.flare_miss_points = self
                    .flare_miss_points
                    .saturating_add(u16::from(rules.flare_missed_penalty));
                on(ScoreEvent::FlareMissed {
                    penalty: u32::from(rules.flare_missed_penalty),
                });
            }
        }
        for (k, step) in scorer.steps.iter().enumerate() {
            let mut bits = shows & step.mask;
            while bits != 0 {
                let p = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let bit = 1u64 << p;
                let out_of_order = (0..k).any(|j| self.raw_step(scorer, j) == 0);
                let full = scorer.points[p].credit;
                let credit = if out_of_order {
                    scorer.reduced_credit(full)
                } else {
                    full
                };
                let before = self.raw_step(scorer, k);
                if self.shown & bit == 0 {
                    self.shown |= bit;
                    if out_of_order {
                        self.reduced |= bit;
                    }
                } else if !out_of_order {
                    self.reduced &= !bit;
                }
                on(ScoreEvent::Point {
                    step: Some(k),
                    point: p,
                    credit,
                    gained: self.raw_step(scorer, k) - before,
                    out_of_order,
                });
            }
        }
        let mut bits = shows & scorer.learning_mask;
        while bits != 0 {
            let p = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let new = self.shown & (1 << p) == 0;
            self.shown |= 1 << p;
            if new {
                on(ScoreEvent::Point {
                    step: None,
                    point: p,
                    credit: 0,
                    gained: 0,
                    out_of_order: false,
                });
            }
        }
        let first = u32::from(rules.pitfall_penalty);
        let repeat = first + u32::from(rules.repeat_penalty);
        for &i in pitfalls {
            if usize::from(i) >= MAX_PITFALLS {
                continue;
            }
            let bit = 1u16 << i;
            let repeat_seen = self.pitfalls_seen & bit != 0;
            let penalty = if repeat_seen { repeat } else { first };
            self.pitfalls_seen |= bit;
            self.pitfall_points = self.pitfall_points.saturating_add(penalty as u16);
            on(ScoreEvent::Pitfall {
                pitfall: usize::from(i),
                repeat: repeat_seen,
                penalty,
            });
        }
        for _ in 0..wrong_facts {
            let penalty = u16::from(rules.wrong_information_penalty);
            self.wrong_fact_points = self.wrong_fact_points.saturating_add(penalty);
            on(ScoreEvent::WrongInformation {
                penalty: u32::from(penalty),
            });
        }
    }

    /// The analysis form of this state: once the penalties alone force the total to 0
    /// for good (they never shrink and the base never exceeds 100), the penalty counts no
    /// longer matter and are dropped, so such states merge. The points stay: they still
    /// tell which steps a path earned.
    pub fn normalized(self, scorer: &Scorer) -> ScoreState {
        let _ = scorer;
        if self.doomed || self.penalties() >= 100 {
            ScoreState {
                pitfalls_seen: 0,
                pitfall_points: 0,
                wrong_fact_points: 0,
                flare_miss_points: 0,
                doomed: true,
                ..self
            }
        } else {
            self
        }
    }

    /// Whether every continuation and finish gives `self` at least the total it gives
    /// `other`: the fold is monotone in the points shown (and the rate they count at),
    /// the flare returns, and the penalties so far.
    pub fn at_least_as_good_as(&self, other: &ScoreState) -> bool {
        if other.doomed {
            return true;
        }
        if self.doomed {
            return false;
        }
        // A future pitfall costs `self` no more than `other` when `self` has fallen into
        // no pitfall `other` has not: the first occurrence is the cheaper one.
        let full = |s: &ScoreState| s.shown & !s.reduced;
        self.shown & other.shown == other.shown
            && full(self) & full(other) == full(other)
            && self.flare_returns >= other.flare_returns
            && self.pitfalls_seen & other.pitfalls_seen == self.pitfalls_seen
            && self.penalties() <= other.penalties()
    }

    /// Whether every continuation and finish gives `self` at most the total it gives
    /// `other`.
    pub fn at_most_as_good_as(&self, other: &ScoreState) -> bool {
        other.at_least_as_good_as(self)
    }
}

/// Which turn earned what, for the debrief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepEvidence {
    /// 0-based turn index.
    pub turn: usize,
    /// `None` for a learning point.
    pub step: Option<usize>,
    /// The attention point, or `None` for the "back to listening" credit of a flare-up.
    pub point: Option<String>,
    /// What it was worth at that moment.
    pub credit: u32,
    /// How much the step's sum of credits rose.
    pub gained: u32,
    pub out_of_order: bool,
}

/// A pitfall at its turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PitfallEvidence {
    pub turn: usize,
    pub pitfall: String,
    /// 1 for the first occurrence of this pitfall, 2 for the first repeat …
    pub nth: u32,
    pub penalty: u32,
}

/// A penalty without a pitfall id: a flare-up answered without going back, or wrong
/// information.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PenaltyEvidence {
    pub turn: usize,
    pub penalty: u32,
}

/// One step's arithmetic at the finish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepBreakdown {
    pub step: usize,
    /// Whether the step counts on this ending.
    pub applies: bool,
    pub weight: u32,
    /// The sum of its credits (may exceed 100).
    pub raw: u32,
    /// Core points not shown (point indices, rubric order).
    pub missing_core: Vec<usize>,
    /// What the step scores: `raw` capped at 100, and at `missing_core_cap` while a core
    /// point is missing.
    pub score: u32,
}

/// The whole arithmetic of a total, so a trainee can add it up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    pub steps: Vec<StepBreakdown>,
    /// The weighted mean of the applicable step scores.
    pub base: u32,
    pub pitfalls: u32,
    pub wrong_information: u32,
    pub flare_misses: u32,
    pub total: u32,
}

/// The scoring accumulator of a conversation: the [`ScoreState`] plus its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    state: ScoreState,
    turns: usize,
    steps: Vec<StepEvidence>,
    pitfalls: Vec<PitfallEvidence>,
    /// Per pitfall index, how often it was fallen into (the `nth` of the next one).
    pitfall_counts: [u32; MAX_PITFALLS],
    flare_misses: Vec<PenaltyEvidence>,
    wrong_facts: Vec<PenaltyEvidence>,
}

impl Tally {
    pub fn new() -> Tally {
        Tally::default()
    }

    /// Folds one answered turn in (by ids; unknown ids are ignored). Returns what
    /// happened, in order.
    pub fn apply<S: AsRef<str>>(
        &mut self,
        scorer: &Scorer,
        shows: &[S],
        pitfalls: &[S],
        wrong_facts: u8,
        flared: bool,
    ) -> Vec<ScoreEvent> {
        let mask = scorer.shows_mask(shows);
        let pits: Vec<u8> = pitfalls
            .iter()
            .filter_map(|id| scorer.pitfall_index(id.as_ref()).map(|i| i as u8))
            .collect();
        self.apply_resolved(scorer, mask, &pits, wrong_facts, flared)
    }

    /// As [`Tally::apply`] with resolved indices.
    pub fn apply_resolved(
        &mut self,
        scorer: &Scorer,
        shows: u64,
        pitfalls: &[u8],
        wrong_facts: u8,
        flared: bool,
    ) -> Vec<ScoreEvent> {
        let mut events = Vec::new();
        self.fold(scorer, shows, pitfalls, wrong_facts, flared, |e| {
            events.push(e.clone())
        });
        events
    }

    /// As [`Tally::apply_resolved`], handing each event to `on` instead of collecting
    /// them (the session's quiet path allocates no event list).
    pub fn fold(
        &mut self,
        scorer: &Scorer,
        shows: u64,
        pitfalls: &[u8],
        wrong_facts: u8,
        flared: bool,
        mut on: impl FnMut(&ScoreEvent),
    ) {
        let turn = self.turns;
        self.turns += 1;
        let Tally {
            state,
            steps,
            pitfalls: pitfall_evidence,
            pitfall_counts,
            flare_misses,
            wrong_facts: wrong_fact_evidence,
            ..
        } = self;
        state.apply(scorer, shows, pitfalls, wrong_facts, flared, |e| {
            on(&e);
            match e {
                ScoreEvent::Point {
                    step,
                    point,
                    credit,
                    gained,
                    out_of_order,
                } => steps.push(StepEvidence {
                    turn,
                    step,
                    point: Some(scorer.point_id(point).to_string()),
                    credit,
                    gained,
                    out_of_order,
                }),
                ScoreEvent::BackToListening {
                    step,
                    credit,
                    gained,
                } => steps.push(StepEvidence {
                    turn,
                    step: Some(step),
                    point: None,
                    credit,
                    gained,
                    out_of_order: false,
                }),
                ScoreEvent::FlareMissed { penalty } => {
                    flare_misses.push(PenaltyEvidence { turn, penalty })
                }
                ScoreEvent::Pitfall {
                    pitfall, penalty, ..
                } => {
                    // `apply` hands out only indices below MAX_PITFALLS.
                    let count = &mut pitfall_counts[pitfall];
                    *count += 1;
                    pitfall_evidence.push(PitfallEvidence {
                        turn,
                        pitfall: scorer.pitfall_id(pitfall).to_string(),
                        nth: *count,
                        penalty,
                    })
                }
                ScoreEvent::WrongInformation { penalty } => {
                    wrong_fact_evidence.push(PenaltyEvidence { turn, penalty })
                }
            }
        });
    }

    pub fn state(&self) -> &ScoreState {
        &self.state
    }

    /// Turns folded in so far.
    pub fn turns(&self) -> usize {
        self.turns
    }

    pub fn step_scores(&self, scorer: &Scorer, finish: Finish) -> Vec<u32> {
        self.state.step_scores(scorer, finish)
    }

    pub fn total(&self, scorer: &Scorer, finish: Finish) -> u32 {
        self.state.total(scorer, finish)
    }

    /// The total before clamping ([`ScoreState::margin`]).
    pub fn margin(&self, scorer: &Scorer, finish: Finish) -> i32 {
        self.state.margin(scorer, finish)
    }

    pub fn penalties(&self) -> u32 {
        self.state.penalties()
    }

    /// Every point shown (and every flare return), in turn order.
    pub fn step_evidence(&self) -> &[StepEvidence] {
        &self.steps
    }

    /// The evidence of one step.
    pub fn evidence_for(&self, step: usize) -> impl Iterator<Item = &StepEvidence> {
        self.steps.iter().filter(move |e| e.step == Some(step))
    }

    pub fn pitfalls(&self) -> &[PitfallEvidence] {
        &self.pitfalls
    }

    pub fn flare_misses(&self) -> &[PenaltyEvidence] {
        &self.flare_misses
    }

    pub fn wrong_facts(&self) -> &[PenaltyEvidence] {
        &self.wrong_facts
    }

    /// The arithmetic of the total at this finish.
    pub fn breakdown(&self, scorer: &Scorer, finish: Finish) -> Breakdown {
        let s = &self.state;
        let steps = (0..scorer.step_count())
            .map(|k| {
                let missing = s.missing_core(scorer, k, finish.complaint);
                StepBreakdown {
                    step: k,
                    applies: finish.applicable & (1 << k) != 0,
                    weight: scorer.weight(k),
                    raw: s.raw_step(scorer, k),
                    missing_core: (0..scorer.point_count())
                        .filter(|p| missing & (1 << p) != 0)
                        .collect(),
                    score: s.step_score(scorer, k, finish),
                }
            })
            .collect();
        Breakdown {
            steps,
            base: s.base(scorer, finish),
            pitfalls: u32::from(s.pitfall_points),
            wrong_information: u32::from(s.wrong_fact_points),
            flare_misses: u32::from(s.flare_miss_points),
            total: s.total(scorer, finish),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::model::Rubric;

    fn werkmodel() -> Scorer {
        let rubric = Rubric::bundled();
        Scorer::new(rubric.model(ModelId::Klachtengesprek).unwrap()).unwrap()
    }

    fn all(s: &Scorer) -> Finish {
        Finish {
            complaint: Complaint::Justified,
            applicable: s.all_steps(),
        }
    }

    fn turn(t: &mut Tally, s: &Scorer, shows: &[&str], pitfalls: &[&str], flared: bool) {
        t.apply(s, shows, pitfalls, 0, flared);
    }

    #[test]
    fn a_missing_core_point_caps_the_step() {
        let s = werkmodel();
        let mut t = Tally::new();
        // Greeting, introducing, venting and reflecting: 75 credit, but no open question
        // and no summary yet.
        turn(
            &mut t,
            &s,
            &["greet", "introduce", "let_vent", "reflect_emotion"],
            &[],
            false,
        );
        let cap = u32::from(s.rules().missing_core_cap);
        assert_eq!(t.step_scores(&s, all(&s))[0], cap.min(75));
        turn(&mut t, &s, &["ask_open", "summarise"], &[], false);
        assert_eq!(t.step_scores(&s, all(&s))[0], 100);
        let b = t.breakdown(&s, all(&s));
        assert!(b.steps[0].raw > 100);
        assert!(b.steps[0].missing_core.is_empty());
        assert!(!b.steps[1].missing_core.is_empty());
    }

    #[test]
    fn the_repair_route_decides_the_core_points() {
        let s = werkmodel();
        let mut t = Tally::new();
        turn(
            &mut t,
            &s,
            &[
                "reflect_emotion",
                "ask_open",
                "summarise",
                "apologise_experience",
                "investigate_facts",
            ],
            &[],
            false,
        );
        turn(
            &mut t,
            &s,
            &["explain_misunderstanding", "offer_solution"],
            &[],
            false,
        );
        let justified = all(&s);
        let misunderstanding = Finish {
            complaint: Complaint::Misunderstanding,
            ..justified
        };
        assert!(t.step_scores(&s, justified)[2] <= u32::from(s.rules().missing_core_cap));
        assert!(t.step_scores(&s, misunderstanding)[2] > t.step_scores(&s, justified)[2]);
    }

    #[test]
    fn steps_that_do_not_apply_leave_the_mean() {
        let s = werkmodel();
        let mut t = Tally::new();
        turn(
            &mut t,
            &s,
            &["greet", "reflect_emotion", "ask_open", "summarise"],
            &[],
            false,
        );
        let only_first = Finish {
            complaint: Complaint::Justified,
            applicable: 1,
        };
        assert_eq!(t.total(&s, only_first), 100);
        assert_eq!(t.total(&s, all(&s)), 25);
    }

    #[test]
    fn skipping_ahead_earns_the_reduced_rate_until_shown_in_order() {
        let s = werkmodel();
        let mut t = Tally::new();
        turn(&mut t, &s, &["offer_solution"], &[], false);
        let full = s.point_credit(s.point_index("offer_solution").unwrap());
        assert_eq!(t.state().raw_step(&s, 2), s.reduced_credit(full));
        assert!(t.step_evidence()[0].out_of_order);
        turn(&mut t, &s, &["greet", "investigate_facts"], &[], false);
        turn(&mut t, &s, &["offer_solution"], &[], false);
        assert_eq!(t.state().raw_step(&s, 2), full);
    }

    #[test]
    fn flare_return_credits_the_return_step_and_a_miss_costs_points() {
        let s = werkmodel();
        let mut t = Tally::new();
        turn(&mut t, &s, &["reflect_emotion"], &[], true);
        let reflect = s.point_credit(s.point_index("reflect_emotion").unwrap());
        assert_eq!(
            t.state().raw_step(&s, 0),
            reflect + u32::from(s.rules().flare_return_credit)
        );
        assert_eq!(t.step_evidence()[0].point, None);
        // A greeting is no return to listening.
        turn(&mut t, &s, &["greet"], &[], true);
        turn(&mut t, &s, &["investigate_facts"], &[], true);
        assert_eq!(t.penalties(), 2 * u32::from(s.rules().flare_missed_penalty));
        assert_eq!(t.flare_misses().len(), 2);
    }

    #[test]
    fn repeated_pitfalls_cost_more_and_wrong_information_costs_at_least_a_pitfall() {
        let s = werkmodel();
        let mut t = Tally::new();
        turn(&mut t, &s, &[], &["justifying"], false);
        turn(&mut t, &s, &[], &["justifying", "denying"], false);
        turn(&mut t, &s, &[], &["justifying"], false);
        let (p, r) = (
            u32::from(s.rules().pitfall_penalty),
            u32::from(s.rules().repeat_penalty),
        );
        assert_eq!(t.penalties(), p + (p + r) + p + (p + r));
        let nth: Vec<u32> = t.pitfalls().iter().map(|p| p.nth).collect();
        assert_eq!(nth, [1, 2, 1, 3]);
        let before = t.penalties();
        t.apply::<&str>(&s, &[], &[], 1, false);
        assert!(t.penalties() - before >= p);
        assert_eq!(t.wrong_facts().len(), 1);
    }

    #[test]
    fn learning_points_earn_no_step_credit_but_are_kept() {
        let s = werkmodel();
        let mut t = Tally::new();
        let id = s
            .point_id(s.learning_mask().trailing_zeros() as usize)
            .to_string();
        turn(&mut t, &s, &[id.as_str()], &[], false);
        assert!(t.step_scores(&s, all(&s)).iter().all(|&x| x == 0));
        assert_eq!(t.step_evidence()[0].step, None);
        assert!(t.state().shown & s.learning_mask() != 0);
    }

    #[test]
    fn normalized_collapses_hopeless_states_only() {
        let s = werkmodel();
        let mut c = ScoreState::default();
        c.apply(&s, 0, &[0, 0, 0, 0, 0, 0, 0, 0], 0, false, |_| {});
        assert!(c.normalized(&s).doomed);
        assert_eq!(c.normalized(&s).total(&s, all(&s)), 0);
        let mut c = ScoreState::default();
        c.apply(&s, 1, &[0], 0, false, |_| {});
        assert_eq!(c.normalized(&s), c);
    }
}
