//! Scoring: a fold over answered turns that turns attention points, pitfalls and
//! flare-ups into step scores and a total, following the rules in `assets/rubric.ron`.
//!
//! The session (and so the debrief) and the path analysis both use this one fold, so a
//! debrief and `check --stats` always agree. [`Core`] is the small, hashable part the
//! analysis keys its states on; [`Tally`] adds the evidence a debrief shows.
//!
//! Rules, in the order they are applied within one turn:
//! 1. A turn answered at a node reached by a flare-up: if the answer shows a point of the
//!    model's first step, the first step gets `flare_return_credit` extra ("back to
//!    listening"); otherwise the total loses `flare_missed_penalty`.
//! 2. The points shown, in step order (then rubric order). A point earns its credit; a
//!    point of step k shown while an earlier step still scores 0 earns only
//!    `out_of_order_credit` percent of it (rounded half up). Points of earlier steps in
//!    the same turn count as earlier. Each point counts once per conversation, at the
//!    best credit it was ever shown with.
//! 3. Pitfalls: the first occurrence of a pitfall costs `pitfall_penalty`, every repeat
//!    `pitfall_penalty + repeat_penalty`. A select turn counts each selected item.
//!
//! A step scores the sum of its points' credits (plus flare returns for the first step),
//! at most 100. Total = round(Σ weight·step / Σ weight) − penalties, clamped to 0..=100.

use crate::rubric::model::{ModelRubric, Rules};
use crate::scenario::model::ModelId;

/// At most this many attention points per model (they live in a `u64` bit set).
pub const MAX_POINTS: usize = 64;
/// At most this many pitfalls per model.
pub const MAX_PITFALLS: usize = 16;

#[derive(Debug, Clone, PartialEq)]
struct StepInfo {
    id: String,
    weight: u32,
    mask: u64,
}

#[derive(Debug, Clone, PartialEq)]
struct PointInfo {
    id: String,
    step: usize,
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
    weight_sum: u32,
}

impl Scorer {
    /// Prepares a model rubric. Fails when it has more than [`MAX_POINTS`] points or
    /// [`MAX_PITFALLS`] pitfalls.
    pub fn new(rubric: &ModelRubric) -> Result<Scorer, String> {
        let mut steps = Vec::new();
        let mut points = Vec::new();
        for (k, step) in rubric.steps.iter().enumerate() {
            let mut mask = 0u64;
            for point in &step.points {
                if points.len() >= MAX_POINTS {
                    return Err(format!("more than {MAX_POINTS} attention points"));
                }
                mask |= 1 << points.len();
                points.push(PointInfo {
                    id: point.id.clone(),
                    step: k,
                    credit: u32::from(point.credit),
                });
            }
            steps.push(StepInfo {
                id: step.id.clone(),
                weight: u32::from(step.weight),
                mask,
            });
        }
        if rubric.pitfalls.len() > MAX_PITFALLS {
            return Err(format!("more than {MAX_PITFALLS} pitfalls"));
        }
        Ok(Scorer {
            model: rubric.model,
            weight_sum: steps.iter().map(|s| s.weight).sum(),
            steps,
            points,
            pitfalls: rubric.pitfalls.iter().map(|p| p.id.clone()).collect(),
            rules: rubric.rules.clone(),
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

    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    /// Index of an attention point of this model.
    pub fn point_index(&self, id: &str) -> Option<usize> {
        self.points.iter().position(|p| p.id == id)
    }

    pub fn point_id(&self, p: usize) -> &str {
        self.points.get(p).map_or("", |x| &x.id)
    }

    /// The step an attention point belongs to.
    pub fn point_step(&self, p: usize) -> usize {
        self.points.get(p).map_or(0, |x| x.step)
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

    fn first_step_mask(&self) -> u64 {
        self.steps.first().map_or(0, |s| s.mask)
    }

    fn reduced_credit(&self, credit: u32) -> u32 {
        (credit * u32::from(self.rules.out_of_order_credit) + 50) / 100
    }
}

/// The compact scoring state: which points were shown (and at which rate), flare-up
/// returns and misses, and how often each pitfall occurred. Hashable for the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Core {
    /// Points shown.
    pub shown: u64,
    /// Points shown only out of order so far (they count at the reduced rate).
    pub reduced: u64,
    /// Flare-ups answered by going back to listening (capped where more cannot count).
    pub flare_returns: u8,
    /// Flare-ups answered without a first-step point.
    pub flare_misses: u8,
    /// Occurrences per pitfall index.
    pub pitfalls: [u8; MAX_PITFALLS],
    /// Set by [`Core::normalized`] once the penalties alone force the total to 0.
    pub doomed: bool,
}

/// What one turn did to the score, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoreEvent {
    /// A point was shown. `credit` is what it was worth at that moment; `gained` how much
    /// the step score rose (0 when it was already counted or the step was full).
    Point {
        step: usize,
        point: usize,
        credit: u32,
        gained: u32,
        out_of_order: bool,
    },
    /// A flare-up answered by going back to listening.
    BackToListening { credit: u32, gained: u32 },
    /// A flare-up answered without going back to listening.
    FlareMissed { penalty: u32 },
    /// A pitfall; `nth` counts from 1.
    Pitfall {
        pitfall: usize,
        nth: u32,
        penalty: u32,
    },
}

impl Core {
    /// Score of step `k`, 0..=100.
    pub fn step_score(&self, scorer: &Scorer, k: usize) -> u32 {
        let Some(step) = scorer.steps.get(k) else {
            return 0;
        };
        let mut sum = 0u32;
        let mut bits = self.shown & step.mask;
        while bits != 0 {
            let p = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let credit = scorer.points[p].credit;
            sum += if self.reduced & (1 << p) != 0 {
                scorer.reduced_credit(credit)
            } else {
                credit
            };
        }
        if k == 0 {
            sum += u32::from(self.flare_returns) * u32::from(scorer.rules.flare_return_credit);
        }
        sum.min(100)
    }

    /// All step scores, in model order.
    pub fn step_scores(&self, scorer: &Scorer) -> Vec<u32> {
        (0..scorer.steps.len())
            .map(|k| self.step_score(scorer, k))
            .collect()
    }

    /// Points off the total: pitfalls and missed flare-ups.
    pub fn penalties(&self, scorer: &Scorer) -> u32 {
        let r = &scorer.rules;
        let (first, repeat) = (
            u32::from(r.pitfall_penalty),
            u32::from(r.pitfall_penalty) + u32::from(r.repeat_penalty),
        );
        let pitfalls: u32 = self
            .pitfalls
            .iter()
            .map(|&c| match c {
                0 => 0,
                c => first + (u32::from(c) - 1) * repeat,
            })
            .sum();
        pitfalls + u32::from(self.flare_misses) * u32::from(r.flare_missed_penalty)
    }

    /// The weighted mean of the step scores, rounded half up, before penalties.
    pub fn base(&self, scorer: &Scorer) -> u32 {
        if scorer.weight_sum == 0 {
            return 0;
        }
        let sum: u32 = (0..scorer.steps.len())
            .map(|k| scorer.steps[k].weight * self.step_score(scorer, k))
            .sum();
        (2 * sum + scorer.weight_sum) / (2 * scorer.weight_sum)
    }

    /// The total, 0..=100.
    pub fn total(&self, scorer: &Scorer) -> u32 {
        if self.doomed {
            return 0;
        }
        self.base(scorer)
            .saturating_sub(self.penalties(scorer))
            .min(100)
    }

    /// Whether every step scores above 0.
    pub fn all_steps_earned(&self, scorer: &Scorer) -> bool {
        (0..scorer.steps.len()).all(|k| self.step_score(scorer, k) > 0)
    }

    /// Applies one answered turn. `shows` is a point bit set ([`Scorer::shows_mask`]),
    /// `pitfalls` the pitfall indices (a pitfall may repeat, e.g. from two selected
    /// items), `flared` whether the turn's node was reached by a flare-up.
    pub fn apply(
        &mut self,
        scorer: &Scorer,
        shows: u64,
        pitfalls: &[u8],
        flared: bool,
        mut on: impl FnMut(ScoreEvent),
    ) {
        let rules = &scorer.rules;
        if flared {
            if shows & scorer.first_step_mask() != 0 {
                let before = self.step_score(scorer, 0);
                // Beyond this many returns the first step is full anyway; capping keeps the
                // analysis state space small without changing any score.
                let useful = match rules.flare_return_credit {
                    0 => 0,
                    c => 100u32.div_ceil(u32::from(c)).min(255) as u8,
                };
                if self.flare_returns < useful {
                    self.flare_returns += 1;
                }
                on(ScoreEvent::BackToListening {
                    credit: u32::from(rules.flare_return_credit),
                    gained: self.step_score(scorer, 0) - before,
                });
            } else {
                self.flare_misses = self.flare_misses.saturating_add(1);
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
                let out_of_order = (0..k).any(|j| self.step_score(scorer, j) == 0);
                let full = scorer.points[p].credit;
                let credit = if out_of_order {
                    scorer.reduced_credit(full)
                } else {
                    full
                };
                let before = self.step_score(scorer, k);
                if self.shown & bit == 0 {
                    self.shown |= bit;
                    if out_of_order {
                        self.reduced |= bit;
                    }
                } else if !out_of_order {
                    self.reduced &= !bit;
                }
                on(ScoreEvent::Point {
                    step: k,
                    point: p,
                    credit,
                    gained: self.step_score(scorer, k) - before,
                    out_of_order,
                });
            }
        }
        let first = u32::from(rules.pitfall_penalty);
        let repeat = first + u32::from(rules.repeat_penalty);
        for &i in pitfalls {
            let Some(count) = self.pitfalls.get_mut(usize::from(i)) else {
                continue;
            };
            let penalty = if *count == 0 { first } else { repeat };
            *count = count.saturating_add(1);
            on(ScoreEvent::Pitfall {
                pitfall: usize::from(i),
                nth: u32::from(*count),
                penalty,
            });
        }
    }

    /// The analysis form of this core: once the penalties alone force the total to 0
    /// for good (they never shrink and the base never exceeds 100), the pitfall and
    /// miss counts no longer matter and are dropped, so such states merge. The points
    /// stay: they still tell which steps a path earned.
    pub fn normalized(self, scorer: &Scorer) -> Core {
        if self.doomed || self.penalties(scorer) >= 100 {
            Core {
                flare_misses: 0,
                pitfalls: [0; MAX_PITFALLS],
                doomed: true,
                ..self
            }
        } else {
            self
        }
    }
}

/// Which turn earned what, for the debrief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepEvidence {
    /// 0-based turn index.
    pub turn: usize,
    pub step: usize,
    /// The attention point, or `None` for the "back to listening" credit of a flare-up.
    pub point: Option<String>,
    /// What it was worth at that moment.
    pub credit: u32,
    /// How much the step score rose.
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

/// A flare-up answered without going back to listening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlareMiss {
    pub turn: usize,
    pub penalty: u32,
}

/// The scoring accumulator of a conversation: the [`Core`] plus its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    core: Core,
    turns: usize,
    steps: Vec<StepEvidence>,
    pitfalls: Vec<PitfallEvidence>,
    flare_misses: Vec<FlareMiss>,
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
        flared: bool,
    ) -> Vec<ScoreEvent> {
        let mask = scorer.shows_mask(shows);
        let pits: Vec<u8> = pitfalls
            .iter()
            .filter_map(|id| scorer.pitfall_index(id.as_ref()).map(|i| i as u8))
            .collect();
        self.apply_resolved(scorer, mask, &pits, flared)
    }

    /// As [`Tally::apply`] with resolved indices.
    pub fn apply_resolved(
        &mut self,
        scorer: &Scorer,
        shows: u64,
        pitfalls: &[u8],
        flared: bool,
    ) -> Vec<ScoreEvent> {
        let turn = self.turns;
        self.turns += 1;
        let mut events = Vec::new();
        self.core
            .apply(scorer, shows, pitfalls, flared, |e| events.push(e));
        for e in &events {
            match *e {
                ScoreEvent::Point {
                    step,
                    point,
                    credit,
                    gained,
                    out_of_order,
                } => self.steps.push(StepEvidence {
                    turn,
                    step,
                    point: Some(scorer.point_id(point).to_string()),
                    credit,
                    gained,
                    out_of_order,
                }),
                ScoreEvent::BackToListening { credit, gained } => self.steps.push(StepEvidence {
                    turn,
                    step: 0,
                    point: None,
                    credit,
                    gained,
                    out_of_order: false,
                }),
                ScoreEvent::FlareMissed { penalty } => {
                    self.flare_misses.push(FlareMiss { turn, penalty })
                }
                ScoreEvent::Pitfall {
                    pitfall,
                    nth,
                    penalty,
                } => self.pitfalls.push(PitfallEvidence {
                    turn,
                    pitfall: scorer.pitfall_id(pitfall).to_string(),
                    nth,
                    penalty,
                }),
            }
        }
        events
    }

    pub fn core(&self) -> &Core {
        &self.core
    }

    /// Turns folded in so far.
    pub fn turns(&self) -> usize {
        self.turns
    }

    pub fn step_scores(&self, scorer: &Scorer) -> Vec<u32> {
        self.core.step_scores(scorer)
    }

    pub fn total(&self, scorer: &Scorer) -> u32 {
        self.core.total(scorer)
    }

    pub fn penalties(&self, scorer: &Scorer) -> u32 {
        self.core.penalties(scorer)
    }

    /// Every point shown (and every flare return), in turn order.
    pub fn step_evidence(&self) -> &[StepEvidence] {
        &self.steps
    }

    /// The evidence of one step.
    pub fn evidence_for(&self, step: usize) -> impl Iterator<Item = &StepEvidence> {
        self.steps.iter().filter(move |e| e.step == step)
    }

    pub fn pitfalls(&self) -> &[PitfallEvidence] {
        &self.pitfalls
    }

    pub fn flare_misses(&self) -> &[FlareMiss] {
        &self.flare_misses
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

    fn turn(t: &mut Tally, s: &Scorer, shows: &[&str], pitfalls: &[&str], flared: bool) {
        t.apply(s, shows, pitfalls, flared);
    }

    #[test]
    fn distinct_points_sum_and_cap_at_100() {
        let s = werkmodel();
        let mut t = Tally::new();
        turn(&mut t, &s, &["greet", "reflect_emotion"], &[], false);
        assert_eq!(t.step_scores(&s)[0], 45);
        // Showing a point again adds nothing.
        turn(&mut t, &s, &["greet"], &[], false);
        assert_eq!(t.step_scores(&s)[0], 45);
        turn(
            &mut t,
            &s,
            &["ask_open", "summarise", "let_vent"],
            &[],
            false,
        );
        assert_eq!(t.step_scores(&s)[0], 100);
        assert_eq!(t.step_evidence().len(), 6);
        assert_eq!(t.step_evidence()[2].gained, 0);
    }

    #[test]
    fn skipping_ahead_earns_the_reduced_rate_until_shown_in_order() {
        let s = werkmodel();
        let mut t = Tally::new();
        turn(&mut t, &s, &["offer_solution"], &[], false);
        // Steps 1 and 2 earned nothing yet: 40 * 50% = 20.
        assert_eq!(t.step_scores(&s)[2], 20);
        assert!(t.step_evidence()[0].out_of_order);
        turn(&mut t, &s, &["greet", "investigate_facts"], &[], false);
        // Same turn, earlier step first: investigate_facts counts in full.
        assert_eq!(t.step_scores(&s)[1], 35);
        turn(&mut t, &s, &["offer_solution"], &[], false);
        assert_eq!(t.step_scores(&s)[2], 40);
    }

    #[test]
    fn flare_return_credits_the_first_step_and_a_miss_costs_points() {
        let s = werkmodel();
        let mut t = Tally::new();
        turn(&mut t, &s, &["greet"], &[], true);
        assert_eq!(t.step_scores(&s)[0], 15 + 20);
        assert_eq!(t.step_evidence()[0].point, None);
        turn(&mut t, &s, &["investigate_facts"], &[], true);
        assert_eq!(t.penalties(&s), 8);
        assert_eq!(t.flare_misses().len(), 1);
    }

    #[test]
    fn repeated_pitfalls_cost_more() {
        let s = werkmodel();
        let mut t = Tally::new();
        turn(&mut t, &s, &[], &["justifying"], false);
        turn(&mut t, &s, &[], &["justifying", "denying"], false);
        turn(&mut t, &s, &[], &["justifying"], false);
        assert_eq!(t.penalties(&s), 10 + 15 + 10 + 15);
        let nth: Vec<u32> = t.pitfalls().iter().map(|p| p.nth).collect();
        assert_eq!(nth, [1, 2, 1, 3]);
    }

    #[test]
    fn total_is_the_weighted_mean_minus_penalties_clamped() {
        let s = werkmodel();
        let mut t = Tally::new();
        turn(
            &mut t,
            &s,
            &["greet", "reflect_emotion", "ask_open", "summarise"],
            &[],
            false,
        );
        // Step 1 is full (100 * 25 / 100 = 25).
        assert_eq!(t.total(&s), 25);
        turn(&mut t, &s, &["thank"], &["provoked"], false);
        // Thanking skips steps 2-4: 50% of 100 = 50. (2500 + 750) / 100 = 32.5 → 33, - 10.
        assert_eq!(t.total(&s), 23);
        for _ in 0..5 {
            turn(&mut t, &s, &[], &["provoked"], false);
        }
        assert_eq!(t.total(&s), 0);
    }

    #[test]
    fn normalized_collapses_hopeless_cores_only() {
        let s = werkmodel();
        let mut c = Core::default();
        c.apply(&s, 0, &[0, 0, 0, 0, 0, 0, 0], false, |_| {});
        assert!(c.normalized(&s).doomed);
        assert_eq!(c.normalized(&s).total(&s), 0);
        let mut c = Core::default();
        c.apply(&s, 1, &[0], false, |_| {});
        assert_eq!(c.normalized(&s), c);
    }
}
