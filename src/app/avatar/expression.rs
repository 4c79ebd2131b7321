//! The expression rule: what the face shows, from the mood, the temperament and the last
//! change of mood. The rule itself is documented on [`Expression::new`] and in the module
//! doc of `avatar`.

use crate::scenario::model::Temperament;

use super::Pose;

/// What the face shows, each from 0.0 (not at all) to 1.0 (fully).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Expression {
    pub anger: f32,
    pub trust: f32,
    pub fear: f32,
    pub sadness: f32,
    pub relief: f32,
}

impl Expression {
    /// The rule, with anger and trust from `pose` (0..1) and `change` the relief earned by
    /// the last change of mood ([`relief_of_change`]):
    ///
    /// - *gloom* = (1 − anger) × (1 − trust): a low mood without heat;
    /// - `Anxious`: fear = 1.3 × (1 − trust) × (1 − anger ÷ 2), sadness = gloom ÷ 2;
    ///   every other temperament: fear = 0, sadness = 1.5 × gloom;
    /// - relief = change × (1 − anger): it shows less while anger is still high;
    /// - relief damps fear and sadness: each × (1 − relief).
    ///
    /// Everything is clamped to 0..1.
    pub fn new(pose: Pose, change: f32, temperament: Temperament) -> Expression {
        let anger = pose.anger.clamp(0.0, 1.0);
        let trust = pose.trust.clamp(0.0, 1.0);
        let distrust = 1.0 - trust;
        let gloom = (1.0 - anger) * distrust;
        let (fear, sadness) = match temperament {
            Temperament::Anxious => (1.3 * distrust * (1.0 - anger / 2.0), gloom / 2.0),
            Temperament::Calm | Temperament::Steady | Temperament::Volatile => (0.0, 1.5 * gloom),
        };
        let relief = (change.clamp(0.0, 1.0) * (1.0 - anger)).clamp(0.0, 1.0);
        Expression {
            anger,
            trust,
            fear: (fear * (1.0 - relief)).clamp(0.0, 1.0),
            sadness: (sadness * (1.0 - relief)).clamp(0.0, 1.0),
            relief,
        }
    }
}

/// The relief a change of mood from `from` to `to` earns: 2.5 × (the fall in anger + the
/// rise in trust), clamped to 0..1. A good answer that takes 10 off anger and adds 10 to
/// trust gives 0.5; a change for the worse gives none.
pub fn relief_of_change(from: Pose, to: Pose) -> f32 {
    (2.5 * ((from.anger - to.anger) + (to.trust - from.trust))).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pose(anger: f32, trust: f32) -> Pose {
        Pose { anger, trust }
    }

    #[test]
    fn an_anxious_complainant_with_little_trust_is_afraid_and_others_are_sad() {
        let worried = pose(0.35, 0.25);
        let anxious = Expression::new(worried, 0.0, Temperament::Anxious);
        let steady = Expression::new(worried, 0.0, Temperament::Steady);
        assert!(anxious.fear > 0.7 && anxious.sadness < 0.3, "{anxious:?}");
        assert!(steady.fear == 0.0 && steady.sadness > 0.6, "{steady:?}");
    }

    #[test]
    fn trust_and_relief_take_fear_and_sadness_away() {
        let content = Expression::new(pose(0.1, 0.9), 0.0, Temperament::Anxious);
        assert!(content.fear < 0.2 && content.sadness < 0.1, "{content:?}");
        let change = relief_of_change(pose(0.6, 0.2), pose(0.5, 0.3));
        assert!((change - 0.5).abs() < 1e-4);
        let relieved = Expression::new(pose(0.2, 0.3), change, Temperament::Anxious);
        let not = Expression::new(pose(0.2, 0.3), 0.0, Temperament::Anxious);
        assert!(
            relieved.relief > 0.3 && relieved.fear < not.fear,
            "{relieved:?}"
        );
        assert_eq!(relief_of_change(pose(0.5, 0.3), pose(0.6, 0.2)), 0.0);
    }
}
