//! The complainant, drawn with the egui painter in the look the scenario gives them
//! (`appearance`: age, presentation, hair, skin, glasses, clothes; see
//! `docs/scenario-format.md`). Face and posture follow the mood and move to a new mood with
//! an eased transition of about 0.4 s. Repaints are requested only while a transition runs,
//! so an idle screen costs nothing.
//!
//! **Expressions.** Anger and trust come from the mood; fear, sadness and relief are
//! derived ([`Expression::new`]), all from 0 to 1:
//!
//! - *gloom* = (1 − anger) × (1 − trust), a low mood without heat;
//! - an `Anxious` temperament feels it as fear: fear = 1.3 × (1 − trust) × (1 − anger ÷ 2)
//!   and sadness = gloom ÷ 2; every other temperament as sadness: sadness = 1.5 × gloom,
//!   no fear;
//! - relief comes from the last change of mood: 2.5 × (the fall in anger + the rise in
//!   trust) ([`relief_of_change`]; a good answer of −10 anger, +10 trust gives 0.5), times
//!   (1 − anger), and it damps fear and sadness by (1 − relief). It stays until the next
//!   change, which eases it towards its own value, so it needs no extra repaints.
//!
//! What shows them: anger leans forward, flushes the face, narrows the eyes, draws the brows
//! down and frowns, and past 0.7 fumes; distrust turns away, raises the shoulders and crosses
//! the arms; trust smiles. Fear raises the shoulders and the brows, widens the eyes with
//! small pupils, opens the mouth, and past 0.55 sweats. Sadness slumps, lowers the gaze,
//! raises the brows' inner ends and turns the mouth down, and past 0.75 a tear shows.
//! Relief drops the shoulders, uncrosses the arms, turns back and smiles.

mod clothes;
mod expression;
mod figure;
mod hair;
mod layout;
mod palette;

use bevy_egui::egui::{self, Vec2};

pub use expression::{Expression, relief_of_change};
pub use figure::paint;

use crate::scenario::model::{Appearance, Complainant, Mood, Temperament};

/// How long a change of mood takes to show.
pub const TRANSITION_SECONDS: f64 = 0.4;

/// The drawn mood, 0.0..=1.0 on both axes.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Pose {
    pub anger: f32,
    pub trust: f32,
}

impl Pose {
    pub fn from_mood(mood: Mood) -> Pose {
        Pose {
            anger: f32::from(mood.anger.min(100)) / 100.0,
            trust: f32::from(mood.trust.min(100)) / 100.0,
        }
    }

    fn lerp(self, to: Pose, t: f32) -> Pose {
        Pose {
            anger: self.anger + (to.anger - self.anger) * t,
            trust: self.trust + (to.trust - self.trust) * t,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Transition {
    from: Pose,
    to: Pose,
    start: f64,
    /// The relief shown when the transition began, and the relief of this change.
    relief_from: f32,
    relief_to: f32,
}

/// What the animation shows now: the mood's pose and the relief of its last change.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Shown {
    pub pose: Pose,
    pub relief: f32,
}

/// Smoothstep: starts and ends gently.
pub fn ease(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// The pose to draw now for `target`, easing from wherever the drawing was; requests a
/// repaint while the transition runs and never after.
pub fn animated_pose(ctx: &egui::Context, id: egui::Id, target: Pose) -> Pose {
    animated(ctx, id, target).pose
}

/// The pose and relief to draw now for `target`: both ease from wherever the drawing was
/// to the new mood and the relief its change earns. Requests a repaint while the
/// transition runs and never after.
pub fn animated(ctx: &egui::Context, id: egui::Id, target: Pose) -> Shown {
    let now = ctx.input(|i| i.time);
    let stored = ctx.data(|d| d.get_temp::<Transition>(id));
    let mut transition = stored.unwrap_or(Transition {
        from: target,
        to: target,
        start: now - TRANSITION_SECONDS,
        relief_from: 0.0,
        relief_to: 0.0,
    });
    if stored.is_none() {
        // Remember the first pose, so the next change animates from it.
        ctx.data_mut(|d| d.insert_temp(id, transition));
    }
    let progress = |tr: &Transition| ((now - tr.start) / TRANSITION_SECONDS).clamp(0.0, 1.0) as f32;
    let shown = |tr: &Transition| {
        let t = ease(progress(tr));
        Shown {
            pose: tr.from.lerp(tr.to, t),
            relief: tr.relief_from + (tr.relief_to - tr.relief_from) * t,
        }
    };
    if transition.to != target {
        let now_shown = shown(&transition);
        transition = Transition {
            from: now_shown.pose,
            // The change is judged between the moods, not the half-drawn poses.
            relief_to: relief_of_change(transition.to, target),
            relief_from: now_shown.relief,
            to: target,
            start: now,
        };
        ctx.data_mut(|d| d.insert_temp(id, transition));
    }
    if progress(&transition) < 1.0 {
        ctx.request_repaint();
    }
    shown(&transition)
}

/// Draws the complainant with `look` in a square of `size`, animated towards `mood`.
pub fn avatar(
    ui: &mut egui::Ui,
    id: egui::Id,
    look: &Appearance,
    temperament: Temperament,
    mood: Mood,
    size: f32,
) -> egui::Response {
    let shown = animated(ui.ctx(), id, Pose::from_mood(mood));
    let face = Expression::new(shown.pose, shown.relief, temperament);
    square(ui, look, face, size)
}

/// The complainant as they arrive (look, temperament and starting mood), still, in a
/// square of `size`: the library card's portrait. Nothing animates, so it never asks for a
/// repaint.
pub fn portrait(ui: &mut egui::Ui, complainant: &Complainant, size: f32) -> egui::Response {
    let pose = Pose::from_mood(complainant.mood);
    let face = Expression::new(pose, 0.0, complainant.temperament);
    square(ui, &complainant.appearance, face, size)
}

fn square(ui: &mut egui::Ui, look: &Appearance, face: Expression, size: f32) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(size), egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        paint(ui.painter(), rect, look, face, ui.visuals().dark_mode);
    }
    response
}
