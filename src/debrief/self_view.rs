//! The trainee's own view beside the evidence, as a good simulation debrief does it:
//! per step the self-rating (1–5) beside the measured score, and the biggest gaps first.

use super::model::Debrief;

/// A self-rating beside the measured score of one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepGap {
    pub step: String,
    pub name: String,
    /// 1–5, as the trainee rated it.
    pub rated: u8,
    /// 0–100, by the scoring fold.
    pub measured: u8,
    /// `measured` minus the rating on the same 0–100 scale (1 → 0, 5 → 100).
    pub gap: i16,
}

/// What the trainee named and what happened, for the pitfalls.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PitfallCheck {
    /// Named and fallen into.
    pub seen: Vec<String>,
    /// Fallen into without naming it.
    pub missed: Vec<String>,
    /// Named, but not fallen into.
    pub feared: Vec<String>,
}

/// A gap at least this large (on 0–100) is worth naming.
pub const NOTABLE_GAP: i16 = 25;

/// The rating on the score's scale: 1 → 0, 2 → 25, … 5 → 100.
pub fn rating_on_score_scale(rated: u8) -> i16 {
    (i16::from(rated.clamp(1, 5)) - 1) * 25
}

/// Every rated step that applies, the biggest gap (either way) first; ties in step order.
pub fn step_gaps(d: &Debrief) -> Vec<StepGap> {
    let Some(own) = &d.self_assessment else {
        return Vec::new();
    };
    let mut gaps: Vec<StepGap> = d
        .steps
        .iter()
        .filter(|s| s.applies)
        .filter_map(|s| {
            let rated = *own.steps.get(&s.id)?;
            Some(StepGap {
                step: s.id.clone(),
                name: s.name.clone(),
                rated: rated.clamp(1, 5),
                measured: s.score,
                gap: i16::from(s.score) - rating_on_score_scale(rated),
            })
        })
        .collect();
    gaps.sort_by_key(|g| std::cmp::Reverse(g.gap.abs()));
    gaps
}

/// The pitfalls the trainee named beside those the fold found.
pub fn pitfall_check(d: &Debrief) -> PitfallCheck {
    let Some(own) = &d.self_assessment else {
        return PitfallCheck::default();
    };
    let mut fell: Vec<String> = d.pitfalls.iter().map(|p| p.id.clone()).collect();
    fell.sort();
    fell.dedup();
    let named = |id: &String| own.pitfalls.contains(id);
    PitfallCheck {
        seen: fell.iter().filter(|id| named(id)).cloned().collect(),
        missed: fell.iter().filter(|id| !named(id)).cloned().collect(),
        feared: own
            .pitfalls
            .iter()
            .filter(|id| !fell.contains(id))
            .cloned()
            .collect(),
    }
}
