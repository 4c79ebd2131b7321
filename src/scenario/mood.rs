//! What a scenario's mood numbers mean: temperament-scaled shifts, flare-up chances and
//! branch conditions. The session and the path analysis both use these, so they sit
//! below both. Deterministic: no randomness here.

use std::collections::BTreeSet;

use super::model::{Condition, ConditionOf, Mood, MoodShift, Temperament};

/// Scales `delta` by `num/den`, rounding half away from zero.
fn scale(delta: i32, num: i32, den: i32) -> i32 {
    let twice = 2 * delta * num;
    if twice >= 0 {
        (twice + den) / (2 * den)
    } else {
        -((-twice + den) / (2 * den))
    }
}

/// Applies a mood shift as the temperament feels it, clamped to 0..=100.
///
/// Calm: rising anger ×0.75. Volatile: rising anger ×1.5. Anxious: falling trust ×1.5.
/// Steady: as written. Rounded half away from zero.
pub fn shift_mood(mood: Mood, shift: MoodShift, temperament: Temperament) -> Mood {
    let mut anger = i32::from(shift.anger);
    let mut trust = i32::from(shift.trust);
    match temperament {
        Temperament::Calm if anger > 0 => anger = scale(anger, 3, 4),
        Temperament::Volatile if anger > 0 => anger = scale(anger, 3, 2),
        Temperament::Anxious if trust < 0 => trust = scale(trust, 3, 2),
        _ => {}
    }
    let clamp = |v: i32| v.clamp(0, 100) as u8;
    Mood {
        anger: clamp(i32::from(mood.anger) + anger),
        trust: clamp(i32::from(mood.trust) + trust),
    }
}

/// A flare's chance in percent as the temperament adjusts it (Calm ×0.5, Volatile ×1.5,
/// Anxious ×1.25, Steady ×1; rounded half up; at most 100).
pub fn flare_chance(chance: u8, temperament: Temperament) -> u32 {
    let c = i32::from(chance);
    let scaled = match temperament {
        Temperament::Calm => scale(c, 1, 2),
        Temperament::Steady => c,
        Temperament::Volatile => scale(c, 3, 2),
        Temperament::Anxious => scale(c, 5, 4),
    };
    scaled.clamp(0, 100) as u32
}

/// Whether a branch condition holds for this mood and these flags.
pub fn condition_holds(cond: &Condition, mood: Mood, flags: &BTreeSet<String>) -> bool {
    condition_holds_by(cond, mood, &|f: &String| flags.contains(f))
}

/// As [`condition_holds`] with flags in any form and any flag test: the one evaluation of a
/// condition (the path analysis compiles flag names to bits and tests those).
pub fn condition_holds_by<F>(
    cond: &ConditionOf<F>,
    mood: Mood,
    flag: &impl Fn(&F) -> bool,
) -> bool {
    match cond {
        ConditionOf::AngerAtLeast(n) => mood.anger >= *n,
        ConditionOf::AngerBelow(n) => mood.anger < *n,
        ConditionOf::TrustAtLeast(n) => mood.trust >= *n,
        ConditionOf::TrustBelow(n) => mood.trust < *n,
        ConditionOf::Flag(f) => flag(f),
        ConditionOf::NotFlag(f) => !flag(f),
        ConditionOf::All(cs) => cs.iter().all(|c| condition_holds_by(c, mood, flag)),
        ConditionOf::Any(cs) => cs.iter().any(|c| condition_holds_by(c, mood, flag)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(anger: u8, trust: u8) -> Mood {
        Mood { anger, trust }
    }

    fn s(anger: i8, trust: i8) -> MoodShift {
        MoodShift { anger, trust }
    }

    #[test]
    fn temperament_scales_the_right_direction_only() {
        assert_eq!(
            shift_mood(m(50, 50), s(10, -10), Temperament::Steady),
            m(60, 40)
        );
        assert_eq!(
            shift_mood(m(50, 50), s(10, -10), Temperament::Calm),
            m(58, 40)
        );
        assert_eq!(
            shift_mood(m(50, 50), s(-10, -10), Temperament::Calm),
            m(40, 40)
        );
        assert_eq!(
            shift_mood(m(50, 50), s(5, -10), Temperament::Volatile),
            m(58, 40)
        );
        assert_eq!(
            shift_mood(m(50, 50), s(5, -5), Temperament::Anxious),
            m(55, 42)
        );
        assert_eq!(
            shift_mood(m(50, 50), s(5, 5), Temperament::Anxious),
            m(55, 55)
        );
    }

    #[test]
    fn mood_is_clamped() {
        assert_eq!(
            shift_mood(m(95, 3), s(127, -128), Temperament::Volatile),
            m(100, 0)
        );
    }

    #[test]
    fn flare_chance_scales_and_caps() {
        assert_eq!(flare_chance(30, Temperament::Calm), 15);
        assert_eq!(flare_chance(25, Temperament::Calm), 13);
        assert_eq!(flare_chance(30, Temperament::Volatile), 45);
        assert_eq!(flare_chance(30, Temperament::Anxious), 38);
        assert_eq!(flare_chance(90, Temperament::Volatile), 100);
        assert_eq!(flare_chance(200, Temperament::Steady), 100);
    }

    #[test]
    fn conditions_combine() {
        let flags: BTreeSet<String> = ["a".to_string()].into();
        let c = Condition::All(vec![
            Condition::AngerAtLeast(50),
            Condition::Any(vec![
                Condition::Flag("b".into()),
                Condition::NotFlag("c".into()),
            ]),
        ]);
        assert!(condition_holds(&c, m(50, 0), &flags));
        assert!(!condition_holds(&c, m(49, 0), &flags));
        assert!(condition_holds(
            &Condition::Flag("a".into()),
            m(0, 0),
            &flags
        ));
        assert!(condition_holds(&Condition::TrustBelow(10), m(0, 9), &flags));
    }
}
