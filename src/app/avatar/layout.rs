//! The square every part of the figure is drawn in: where head, neck and shoulders sit,
//! in units of 1% of its side, and the shape helper all parts use (below `figure`, `hair`
//! and `clothes`, which each paint a part).

use bevy_egui::egui::epaint::EllipseShape;
use bevy_egui::egui::{Color32, Pos2, Shape, Stroke, Vec2, vec2};

/// Where the parts of one drawing sit, in units of 1% of the square.
pub(super) struct Layout {
    pub origin: Pos2,
    /// Pixels (points) per unit.
    pub s: f32,
    pub head: Pos2,
    pub head_radius: Vec2,
    /// Centre of the neckline, and how far the shoulders reach.
    pub neck_x: f32,
    pub neck_y: f32,
    pub shoulder_y: f32,
    pub half_top: f32,
    pub half_shoulder: f32,
    pub half_bottom: f32,
}

impl Layout {
    /// A point of the square.
    pub fn p(&self, x: f32, y: f32) -> Pos2 {
        self.origin + vec2(x, y) * self.s
    }

    /// A point relative to the head's centre.
    pub fn h(&self, dx: f32, dy: f32) -> Pos2 {
        self.head + vec2(dx, dy) * self.s
    }

    /// A stroke `w` units wide that stays visible (at least 0.7 px) on a small card.
    pub fn stroke(&self, w: f32, color: Color32) -> Stroke {
        Stroke::new((w * self.s).max(0.7), color)
    }

    /// Half the body's width at height `y`, between the shoulders and the bottom.
    pub fn half_width_at(&self, y: f32) -> f32 {
        let t = ((y - self.shoulder_y) / (100.0 - self.shoulder_y)).clamp(0.0, 1.0);
        self.half_shoulder + (self.half_bottom - self.half_shoulder) * t
    }
}

/// A filled ellipse with an outline (egui's helpers give one or the other).
pub(super) fn ellipse(center: Pos2, radius: Vec2, fill: Color32, stroke: Stroke) -> Shape {
    Shape::Ellipse(EllipseShape {
        center,
        radius,
        fill,
        stroke,
        angle: 0.0,
    })
}
