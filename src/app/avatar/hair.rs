//! Hair: what sits behind the shoulders (long hair), behind the head (bun, curls, a
//! headscarf's drape) and in front (the cap of each style, side locks, a bald head's
//! sheen, a headscarf's band). Convex shapes only, as egui fills them fastest.

use bevy_egui::egui::{self, Color32, Pos2, Shape, Stroke, Vec2, vec2};

use super::layout::{Layout, ellipse};
use super::palette::{self, darken, faded};
use crate::scenario::model::{Appearance, HairStyle, Presentation};

/// One look's hair: its style and the colours it is painted in.
pub(super) struct Hair {
    pub style: HairStyle,
    presentation: Presentation,
    color: Color32,
    outline: Stroke,
    /// A headscarf's colour: a darker shade of the clothes.
    scarf: Color32,
}

impl Hair {
    pub fn new(look: &Appearance, at: &Layout) -> Hair {
        let color = palette::hair(look);
        Hair {
            style: look.hair,
            presentation: look.presentation,
            color,
            outline: at.stroke(0.7, darken(color, 0.6)),
            scarf: darken(palette::clothing(look), 0.7),
        }
    }

    /// The brows take the hair's colour, softened towards the ink.
    pub fn brow_color(&self) -> Color32 {
        palette::mix(self.color, palette::INK, 0.5)
    }
}

/// Long hair's mass behind the head and shoulders (the body covers its lower part).
pub(super) fn behind_the_shoulders(painter: &egui::Painter, at: &Layout, hair: &Hair) {
    if hair.style != HairStyle::Long {
        return;
    }
    let r = at.head_radius + vec2(3.0, 2.0);
    let mut points: Vec<Pos2> = (0..=10)
        .map(|i| {
            let a = std::f32::consts::PI * (1.0 + i as f32 / 10.0);
            at.h(r.x * a.cos(), r.y * a.sin())
        })
        .collect();
    points.extend([
        at.h(r.x + 1.0, 26.0),
        at.h(r.x - 2.0, 33.0),
        at.h(-r.x + 2.0, 33.0),
        at.h(-r.x - 1.0, 26.0),
    ]);
    painter.add(Shape::convex_polygon(
        points,
        darken(hair.color, 0.85),
        hair.outline,
    ));
}

/// The part of an ellipse above the line `cut` (relative to its centre), as a convex
/// polygon: a hair cap, a headscarf's band.
fn cap(at: &Layout, center: Pos2, radius: Vec2, cut: f32) -> Vec<Pos2> {
    let t = (cut / radius.y).clamp(-1.0, 1.0).asin();
    let (from, to) = (std::f32::consts::PI - t, 2.0 * std::f32::consts::PI + t);
    (0..=14)
        .map(|i| {
            let a = from + (to - from) * i as f32 / 14.0;
            center + vec2(radius.x * a.cos(), radius.y * a.sin()) * at.s
        })
        .collect()
}

/// A convex polygon given relative to the head, mirrored for `side` -1 (left) or 1.
fn head_polygon(at: &Layout, side: f32, points: &[(f32, f32)]) -> Vec<Pos2> {
    points.iter().map(|&(dx, dy)| at.h(side * dx, dy)).collect()
}

/// What sits behind the head: a bun, the curls' volume, a headscarf's drape.
pub(super) fn behind_the_head(painter: &egui::Painter, at: &Layout, hair: &Hair) {
    let (r, color, outline) = (at.head_radius, hair.color, hair.outline);
    match hair.style {
        HairStyle::Bun => {
            painter.add(ellipse(
                at.h(0.0, -r.y - 3.5),
                Vec2::splat(7.5 * at.s),
                color,
                outline,
            ));
        }
        HairStyle::Curly => {
            for degrees in [160.0f32, 195.0, 230.0, 270.0, 310.0, 345.0, 20.0] {
                let a = degrees.to_radians();
                painter.add(ellipse(
                    at.h((r.x + 1.5) * a.cos(), (r.y + 1.5) * a.sin()),
                    Vec2::splat(7.5 * at.s),
                    color,
                    outline,
                ));
            }
        }
        HairStyle::Headscarf => {
            // Around the head and down over the neck onto the shoulders.
            let scarf = hair.scarf;
            let edge = at.stroke(0.9, darken(scarf, 0.6));
            painter.add(Shape::convex_polygon(
                vec![
                    at.h(-r.x - 4.0, 0.0),
                    at.h(r.x + 4.0, 0.0),
                    at.h(r.x + 9.0, 27.0),
                    at.h(-r.x - 9.0, 27.0),
                ],
                scarf,
                edge,
            ));
            painter.add(ellipse(
                at.h(0.0, -1.0),
                (r + vec2(4.5, 4.0)) * at.s,
                scarf,
                edge,
            ));
        }
        HairStyle::Short | HairStyle::Long | HairStyle::Balding | HairStyle::Bald => {}
    }
}

/// The hair over the head: each style's cap, side locks or tufts, a bald head's sheen, a
/// headscarf's band over a face of `face_radius`.
pub(super) fn in_front(painter: &egui::Painter, at: &Layout, hair: &Hair, face_radius: Vec2) {
    let (r, color, outline) = (at.head_radius, hair.color, hair.outline);
    let crown = at.h(0.0, -1.0);
    let crown_radius = r + vec2(1.2, 1.5);
    let fill = |points: Vec<Pos2>| {
        painter.add(Shape::convex_polygon(points, color, Stroke::NONE));
    };
    let both_sides = |points: &[(f32, f32)]| {
        for side in [-1.0f32, 1.0] {
            painter.add(Shape::convex_polygon(
                head_polygon(at, side, points),
                color,
                outline,
            ));
        }
    };
    match hair.style {
        HairStyle::Short => {
            fill(cap(at, crown, crown_radius, -8.0));
            if hair.presentation == Presentation::Feminine {
                // A bob: the sides reach down to the jaw.
                both_sides(&[
                    (r.x + 1.0, -9.0),
                    (r.x - 4.0, -9.0),
                    (r.x - 3.0, 5.0),
                    (r.x + 0.5, 7.0),
                ]);
            } else {
                both_sides(&[
                    (r.x + 0.3, -9.0),
                    (r.x - 3.0, -9.0),
                    (r.x - 2.4, 0.0),
                    (r.x - 0.4, 0.0),
                ]);
            }
        }
        HairStyle::Long => {
            fill(cap(at, crown, crown_radius, -7.0));
            both_sides(&[
                (r.x + 2.0, -7.0),
                (r.x - 3.0, -8.0),
                (r.x - 1.5, 18.0),
                (r.x + 3.5, 26.0),
            ]);
        }
        HairStyle::Bun => fill(cap(at, crown, crown_radius - vec2(0.6, 0.6), -9.5)),
        HairStyle::Curly => {
            fill(cap(at, crown, crown_radius, -10.0));
            for (dx, dy) in [(-10.0, -14.0), (-3.5, -16.5), (3.5, -16.5), (10.0, -14.0)] {
                painter.add(ellipse(
                    at.h(dx, dy),
                    Vec2::splat(5.0 * at.s),
                    color,
                    outline,
                ));
            }
        }
        HairStyle::Balding => both_sides(&[
            (r.x + 0.8, -9.0),
            (r.x - 4.0, -11.0),
            (r.x - 5.0, -3.0),
            (r.x - 0.5, 2.0),
        ]),
        HairStyle::Bald => {
            // A sheen on the crown, so a bald head reads as a head and not a hairline.
            painter.add(Shape::ellipse_filled(
                at.h(-6.0, -13.5),
                vec2(5.0, 2.4) * at.s,
                faded(Color32::WHITE, 0.35),
            ));
        }
        HairStyle::Headscarf => {
            painter.add(Shape::convex_polygon(
                cap(at, at.h(0.0, 1.0), face_radius + vec2(0.3, 0.3), -10.0),
                hair.scarf,
                Stroke::NONE,
            ));
        }
    }
}
