//! The clothes: the body in the clothes' colour with each kind's collar and details
//! (shirt and collar points, hood and drawstrings, cardigan buttons, reflective bands,
//! shoulder boards and badge, tunic piping, tie), and the arms.

use bevy_egui::egui::{self, Color32, Shape, Stroke, vec2};

use super::layout::{Layout, ellipse};
use super::palette::{INK, SHIRT, darken};
use crate::scenario::model::{Appearance, Clothing, Uniform};

pub(super) fn body(
    painter: &egui::Painter,
    at: &Layout,
    look: &Appearance,
    clothes: Color32,
    skin: Color32,
    outline: Stroke,
) {
    let (x, top) = (at.neck_x, at.neck_y);
    let body = vec![
        at.p(x - at.half_bottom, 100.0),
        at.p(x - at.half_shoulder, at.shoulder_y),
        at.p(x - at.half_top, top),
        at.p(x + at.half_top, top),
        at.p(x + at.half_shoulder, at.shoulder_y),
        at.p(x + at.half_bottom, 100.0),
    ];
    painter.add(Shape::convex_polygon(body, clothes, outline));
    let fine = at.stroke(0.8, INK);
    let triangle = |points: [(f32, f32); 3], fill: Color32, stroke: Stroke| {
        painter.add(Shape::convex_polygon(
            points
                .iter()
                .map(|&(dx, dy)| at.p(x + dx, top + dy))
                .collect(),
            fill,
            stroke,
        ));
    };
    // A V of shirt with two collar points, for jackets and uniforms.
    let shirt_and_collar = |shirt: Color32| {
        triangle([(-8.0, 0.0), (8.0, 0.0), (0.0, 20.0)], shirt, Stroke::NONE);
        triangle([(-9.0, -1.5), (0.0, 4.0), (-6.0, 7.0)], shirt, fine);
        triangle([(9.0, -1.5), (6.0, 7.0), (0.0, 4.0)], shirt, fine);
    };
    let crew_neck = |band: Color32| {
        painter.add(Shape::ellipse_filled(
            at.p(x, top + 0.5),
            vec2(9.0, 3.4) * at.s,
            band,
        ));
        painter.add(Shape::ellipse_filled(
            at.p(x, top),
            vec2(6.8, 2.3) * at.s,
            skin,
        ));
    };
    match look.clothing {
        Clothing::Casual => crew_neck(darken(clothes, 0.78)),
        Clothing::Smart => {
            shirt_and_collar(SHIRT);
            painter.circle_filled(at.p(x, top + 25.0), 1.1 * at.s, darken(clothes, 0.6));
        }
        Clothing::Hoodie => {
            // The hood lies folded around the neck; two drawstrings hang from it.
            painter.add(ellipse(
                at.p(x, top + 1.0),
                vec2(13.0, 4.8) * at.s,
                darken(clothes, 0.8),
                fine,
            ));
            painter.add(Shape::ellipse_filled(
                at.p(x, top + 0.5),
                vec2(7.0, 2.5) * at.s,
                skin,
            ));
            for dx in [-4.0, 4.0] {
                painter.line_segment(
                    [at.p(x + dx, top + 4.5), at.p(x + dx * 1.15, top + 14.0)],
                    at.stroke(0.9, SHIRT),
                );
            }
        }
        Clothing::Cardigan => {
            triangle([(-9.0, 0.0), (9.0, 0.0), (0.0, 24.0)], SHIRT, fine);
            let edge = darken(clothes, 0.65);
            painter.line_segment([at.p(x, top + 24.0), at.p(x, 100.0)], at.stroke(0.9, edge));
            for dy in [28.0, 33.0] {
                painter.circle_filled(at.p(x + 1.6, top + dy), 0.9 * at.s, edge);
            }
        }
        Clothing::Workwear => {
            crew_neck(Color32::from_rgb(0x55, 0x58, 0x5c));
            // Reflective bands across the chest and the belly.
            for y in [at.shoulder_y + 9.0, at.shoulder_y + 17.0] {
                let hw = at.half_width_at(y) - 0.8;
                painter.line_segment(
                    [at.p(x - hw, y), at.p(x + hw, y)],
                    Stroke::new(3.0 * at.s, Color32::from_rgb(0xc4, 0xc8, 0xcc)),
                );
            }
        }
        Clothing::Uniform(Uniform::Police) => {
            shirt_and_collar(Color32::from_rgb(0xb7, 0xcf, 0xe8));
            // Shoulder boards and a badge.
            let board = at.stroke(2.6, Color32::from_rgb(0x10, 0x18, 0x2c));
            for side in [-1.0f32, 1.0] {
                painter.line_segment(
                    [
                        at.p(x + side * (at.half_top + 1.5), top + 1.5),
                        at.p(x + side * (at.half_shoulder - 3.0), at.shoulder_y - 1.0),
                    ],
                    board,
                );
            }
            let badge = vec![
                at.p(x - 14.0, top + 9.0),
                at.p(x - 10.0, top + 9.0),
                at.p(x - 10.0, top + 13.0),
                at.p(x - 12.0, top + 15.0),
                at.p(x - 14.0, top + 13.0),
            ];
            painter.add(Shape::convex_polygon(
                badge,
                Color32::from_rgb(0xd4, 0xae, 0x3a),
                Stroke::NONE,
            ));
        }
        Clothing::Uniform(Uniform::Care) => {
            // A white tunic: a V-neck edged in teal and a breast pocket.
            let teal = Color32::from_rgb(0x1f, 0x8a, 0x8a);
            triangle([(-7.0, 0.0), (7.0, 0.0), (0.0, 10.0)], skin, Stroke::NONE);
            for side in [-1.0f32, 1.0] {
                painter.line_segment(
                    [at.p(x + side * 7.0, top), at.p(x, top + 10.0)],
                    at.stroke(1.2, teal),
                );
            }
            painter.line_segment(
                [at.p(x + 7.0, top + 13.0), at.p(x + 14.0, top + 13.0)],
                at.stroke(1.0, teal),
            );
        }
        Clothing::Uniform(Uniform::Transport) => {
            shirt_and_collar(SHIRT);
            let tie = vec![
                at.p(x - 1.5, top + 4.0),
                at.p(x + 1.5, top + 4.0),
                at.p(x + 2.6, top + 18.0),
                at.p(x, top + 21.0),
                at.p(x - 2.6, top + 18.0),
            ];
            painter.add(Shape::convex_polygon(
                tie,
                Color32::from_rgb(0x9b, 0x2d, 0x30),
                Stroke::NONE,
            ));
        }
    }
}

/// Arms crossed over the chest as much as `crossed` (0..1), hanging open otherwise.
pub(super) fn arms(
    painter: &egui::Painter,
    at: &Layout,
    clothes: Color32,
    skin: Color32,
    crossed: f32,
) {
    let sleeve = darken(clothes, 0.82);
    let crossed = crossed.clamp(0.0, 1.0);
    let x = at.neck_x;
    let shoulder = at.shoulder_y + 2.0;
    let chest = at.neck_y + 18.0;
    for (side, dy) in [(-1.0f32, 0.0), (1.0, 3.0)] {
        let from = at.p(x + side * (at.half_shoulder - 3.0), shoulder);
        let open = at.p(x + side * (at.half_shoulder + 1.0), 99.0);
        let folded = at.p(x - side * 12.0, chest + dy);
        let hand = open.lerp(folded, crossed);
        painter.line_segment([from, hand], Stroke::new(8.0 * at.s, sleeve));
        painter.circle_filled(hand, 4.0 * at.s, skin);
    }
}
