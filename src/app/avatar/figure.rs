//! The figure: backdrop, body and clothes, hair, face and expression, painted into a square
//! in units of 1% of its side. Vector shapes only (some forty of them), so it is as crisp on
//! a 4K projector as it is legible on a library card.
//!
//! Painting order, back to front: backdrop, long hair's back, neck, body and clothes, arms,
//! ears and what sits behind the head (bun, curls, headscarf), head, age lines, the hair's
//! front, eyes, brows, glasses, mouth, and last the tear, sweat or fuming marks. Clothes
//! live in `clothes.rs`, hair in `hair.rs`.

use bevy_egui::egui::{self, Color32, Pos2, Rect, Shape, Stroke, vec2};

use super::clothes::{arms, body};
use super::expression::Expression;
use super::hair::{self, Hair};
use super::layout::{Layout, ellipse};
use super::palette::{self, INK, darken, faded, mix};
use crate::scenario::model::{AgeGroup, Appearance, HairStyle, Presentation};

/// Paints the complainant with `look` and `face` into `rect` (a square).
pub fn paint(painter: &egui::Painter, rect: Rect, look: &Appearance, face: Expression, dark: bool) {
    let distrust = 1.0 - face.trust;
    // Backdrop: a calm blue that warms to red with anger.
    let backdrop = mix(
        Color32::from_rgb(0xdc, 0xe8, 0xf2),
        Color32::from_rgb(0xf6, 0xd2, 0xc8),
        face.anger,
    );
    let backdrop = if dark {
        darken(backdrop, 0.55)
    } else {
        backdrop
    };
    let s = rect.width() / 100.0;
    painter.circle_filled(rect.min + vec2(50.0, 52.0) * s, 47.0 * s, backdrop);

    // Posture: anger leans forward (down and closer), distrust turns away and raises the
    // shoulders, fear raises them more, sadness slumps, relief lets them drop; age stoops.
    let stoop = match look.age {
        AgeGroup::Young => -1.0,
        AgeGroup::Adult | AgeGroup::Middle => 0.0,
        AgeGroup::Older => 1.5,
        AgeGroup::Elderly => 3.5,
    };
    let lean_x = -6.0 * distrust * (1.0 - face.relief) + 2.0 * face.anger;
    let lean_y = 5.0 * face.anger + 2.0 * face.sadness;
    let raise = 5.0 * distrust * (1.0 - face.relief) + 3.0 * face.fear - 2.0 * face.relief;
    let build = match look.presentation {
        Presentation::Feminine => -2.5,
        Presentation::Neutral => -1.0,
        Presentation::Masculine => 0.5,
    };
    let head_rx = match look.presentation {
        Presentation::Feminine => 18.5,
        Presentation::Neutral => 19.2,
        Presentation::Masculine => 20.0,
    };
    let at = Layout {
        origin: rect.min,
        s,
        head: rect.min + vec2(50.0 + lean_x * 1.3, 40.0 + lean_y * 1.2 + stoop) * s,
        head_radius: vec2(head_rx, 20.5),
        neck_x: 50.0 + lean_x,
        neck_y: 66.0 - raise + lean_y,
        shoulder_y: 74.0 - raise + lean_y + stoop * 0.8,
        half_top: 12.0 + build * 0.4,
        half_shoulder: 24.0 + build,
        half_bottom: 28.0 + build,
    };
    let skin = palette::skin(look.skin);
    let hairdo = Hair::new(look, &at);
    let clothes = palette::clothing(look);
    let outline = at.stroke(1.2, INK);

    hair::behind_the_shoulders(painter, &at, &hairdo);
    painter.line_segment(
        [at.h(0.0, 10.0), at.p(at.neck_x, at.neck_y + 3.0)],
        Stroke::new(12.0 * s, skin),
    );
    body(painter, &at, look, clothes, skin, outline);
    arms(painter, &at, clothes, skin, distrust * (1.0 - face.relief));

    let face_color = palette::flushed(skin, face.anger);
    if !matches!(
        look.hair,
        HairStyle::Long | HairStyle::Curly | HairStyle::Headscarf
    ) {
        for side in [-1.0f32, 1.0] {
            painter.add(ellipse(
                at.h(side * (head_rx - 0.5), 1.0),
                vec2(3.2, 4.4) * s,
                skin,
                outline,
            ));
        }
    }
    hair::behind_the_head(painter, &at, &hairdo);
    // A headscarf frames a smaller face.
    let (face_center, face_radius) = if look.hair == HairStyle::Headscarf {
        (at.h(0.0, 1.0), at.head_radius - vec2(3.0, 2.5))
    } else {
        (at.head, at.head_radius)
    };
    painter.add(ellipse(face_center, face_radius * s, face_color, outline));
    age_lines(painter, &at, look.age, face_color);
    hair::in_front(painter, &at, &hairdo, face_radius);
    features(painter, &at, look, face, &hairdo, face_color);
    marks(painter, &at, face);
}

/// Lines that age a face: beside the mouth from 45, at the eyes and on the forehead from
/// 65, bags under the eyes from 75.
fn age_lines(painter: &egui::Painter, at: &Layout, age: AgeGroup, face: Color32) {
    let line = at.stroke(0.8, darken(face, 0.72));
    let curve = |points: [(f32, f32); 3]| {
        painter.add(Shape::line(
            points.iter().map(|&(dx, dy)| at.h(dx, dy)).collect(),
            line,
        ));
    };
    let older = matches!(age, AgeGroup::Older | AgeGroup::Elderly);
    if matches!(age, AgeGroup::Middle) || older {
        for side in [-1.0f32, 1.0] {
            curve([(side * 4.2, 4.5), (side * 6.8, 8.0), (side * 9.0, 11.5)]);
        }
    }
    if older {
        curve([(-6.0, -10.5), (0.0, -11.3), (6.0, -10.5)]);
        for side in [-1.0f32, 1.0] {
            curve([
                (side * 12.0, -3.0),
                (side * 13.2, -3.6),
                (side * 14.2, -4.6),
            ]);
        }
    }
    if age == AgeGroup::Elderly {
        for side in [-1.0f32, 1.0] {
            curve([(side * 5.0, 2.0), (side * 7.5, 3.2), (side * 10.0, 2.0)]);
        }
    }
}

/// Nose, eyes, brows, glasses and mouth.
fn features(
    painter: &egui::Painter,
    at: &Layout,
    look: &Appearance,
    face: Expression,
    hairdo: &Hair,
    face_color: Color32,
) {
    let distrust = 1.0 - face.trust;
    painter.add(Shape::line(
        vec![at.h(0.6, 1.0), at.h(-1.3, 5.8), at.h(1.2, 6.3)],
        at.stroke(1.0, darken(face_color, 0.68)),
    ));

    // Eyes: narrowed by anger, sadness and relief, wide with fear; the gaze turns away
    // with distrust and drops with sadness.
    let eye_y = -2.0;
    let eye_open =
        (3.2 - 1.6 * face.anger + 1.4 * face.fear - 1.1 * face.sadness - 0.9 * face.relief)
            .max(1.1);
    let gaze = vec2(-2.5 * distrust * (1.0 - face.relief), 1.2 * face.sadness) * at.s;
    let brow_color = hairdo.brow_color();
    let brow_width = match look.presentation {
        Presentation::Masculine => 2.1,
        Presentation::Neutral => 1.8,
        Presentation::Feminine => 1.5,
    };
    for side in [-1.0f32, 1.0] {
        let eye = at.h(7.5 * side, eye_y);
        painter.add(Shape::ellipse_filled(
            eye,
            vec2(3.6, eye_open) * at.s,
            Color32::WHITE,
        ));
        painter.circle_filled(eye + gaze, (1.8 - 0.4 * face.fear) * at.s, INK);
        if look.presentation == Presentation::Feminine {
            painter.line_segment(
                [
                    at.h(side * 10.8, eye_y - 0.6),
                    at.h(side * 12.6, eye_y - 2.4),
                ],
                at.stroke(1.0, INK),
            );
        }
        // Brows: drawn down towards the nose with anger; raised and drawn together with
        // fear; raised in the middle with sadness; eased with relief.
        let inner_y = eye_y - 5.0 + 4.0 * face.anger
            - 3.0 * face.fear
            - 2.5 * face.sadness
            - 0.8 * face.relief;
        let outer_y = eye_y - 6.5 - face.anger - face.fear + 2.0 * face.sadness - 0.8 * face.relief;
        painter.line_segment(
            [
                at.h((3.5 - 0.8 * face.fear) * side, inner_y),
                at.h(11.5 * side, outer_y),
            ],
            at.stroke(brow_width, brow_color),
        );
    }
    if look.glasses {
        let frame = at.stroke(1.1, INK);
        for side in [-1.0f32, 1.0] {
            let lens = Rect::from_center_size(at.h(7.5 * side, eye_y), vec2(10.0, 7.6) * at.s);
            painter.rect_stroke(lens, 2.6 * at.s, frame, egui::StrokeKind::Middle);
        }
        painter.line_segment([at.h(-2.5, eye_y - 0.8), at.h(2.5, eye_y - 0.8)], frame);
        if matches!(
            look.hair,
            HairStyle::Short | HairStyle::Bun | HairStyle::Balding | HairStyle::Bald
        ) {
            for side in [-1.0f32, 1.0] {
                painter.line_segment(
                    [
                        at.h(12.5 * side, eye_y - 1.0),
                        at.h((at.head_radius.x - 0.5) * side, eye_y - 2.0),
                    ],
                    frame,
                );
            }
        }
    }

    // Mouth: a smile with trust, calm and relief, a frown with anger and sadness, and open
    // with fear.
    let lips = if look.presentation == Presentation::Feminine {
        mix(INK, Color32::from_rgb(0xa8, 0x3c, 0x50), 0.55)
    } else {
        INK
    };
    let curve = (face.trust - 0.5) * 1.2 - face.anger * 0.9 - 0.8 * face.sadness + face.relief;
    let mouth_w = 8.0 - 2.0 * face.anger - 2.5 * face.fear;
    let mouth_y = 10.0;
    let left = at.h(-mouth_w, mouth_y);
    let right = at.h(mouth_w, mouth_y);
    let mid = at.h(0.0, mouth_y + 5.0 * curve);
    let points: Vec<Pos2> = (0..=12)
        .map(|i| {
            let t = i as f32 / 12.0;
            // Quadratic Bezier through the corners with `mid` as control.
            left.lerp(mid, t).lerp(mid.lerp(right, t), t)
        })
        .collect();
    painter.add(Shape::line(points, at.stroke(1.6, lips)));
    if face.fear > 0.05 {
        painter.add(Shape::ellipse_filled(
            at.h(0.0, mouth_y + 1.5 * face.fear),
            vec2(1.5 + 1.8 * face.fear, 0.3 + 2.4 * face.fear) * at.s,
            Color32::from_rgb(0x5a, 0x26, 0x2a),
        ));
    }
}

/// A tear when very sad, a drop of sweat when afraid, fuming marks when very angry: each
/// fades in past its threshold.
fn marks(painter: &egui::Painter, at: &Layout, face: Expression) {
    let drop = |at_point: Pos2, strength: f32, color: Color32| {
        let color = faded(color, strength);
        painter.circle_filled(at_point, 1.4 * at.s, color);
        painter.add(Shape::convex_polygon(
            vec![
                at_point + vec2(-1.35, 0.0) * at.s,
                at_point + vec2(0.0, -3.2) * at.s,
                at_point + vec2(1.35, 0.0) * at.s,
            ],
            color,
            Stroke::NONE,
        ));
    };
    let blue = Color32::from_rgb(0x6f, 0xb0, 0xe4);
    if face.sadness > 0.75 {
        drop(at.h(-9.0, 4.5), (face.sadness - 0.75) / 0.25, blue);
    }
    if face.fear > 0.55 {
        drop(
            at.h(at.head_radius.x - 2.0, -12.0),
            (face.fear - 0.55) / 0.3,
            blue,
        );
    }
    if face.anger > 0.7 {
        let red = faded(
            Color32::from_rgb(0xc0, 0x39, 0x2b),
            (face.anger - 0.7) / 0.3,
        );
        for (dx, dy) in [(-27.0, -14.0), (27.0, -14.0), (0.0, -30.0)] {
            let c = at.h(dx, dy);
            let stroke = at.stroke(1.5, red);
            painter.line_segment(
                [c + vec2(-3.0, -3.0) * at.s, c + vec2(3.0, 3.0) * at.s],
                stroke,
            );
            painter.line_segment(
                [c + vec2(3.0, -3.0) * at.s, c + vec2(-3.0, 3.0) * at.s],
                stroke,
            );
        }
    }
}
