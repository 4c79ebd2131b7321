//! The complainant, drawn with the egui painter: face and posture follow anger and trust,
//! and move to a new mood with an eased transition of about 0.4 s. Repaints are requested
//! only while a transition runs, so an idle screen costs nothing.

use bevy_egui::egui::{self, Color32, Pos2, Shape, Stroke, Vec2, pos2, vec2};

use crate::scenario::model::Mood;

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
}

/// Smoothstep: starts and ends gently.
pub fn ease(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// The pose to draw now for `target`, easing from wherever the drawing was; requests a
/// repaint while the transition runs and never after.
pub fn animated_pose(ctx: &egui::Context, id: egui::Id, target: Pose) -> Pose {
    let now = ctx.input(|i| i.time);
    let stored = ctx.data(|d| d.get_temp::<Transition>(id));
    let mut transition = stored.unwrap_or(Transition {
        from: target,
        to: target,
        start: now - TRANSITION_SECONDS,
    });
    if stored.is_none() {
        // Remember the first pose, so the next change animates from it.
        ctx.data_mut(|d| d.insert_temp(id, transition));
    }
    let progress = |tr: &Transition| ((now - tr.start) / TRANSITION_SECONDS).clamp(0.0, 1.0) as f32;
    if transition.to != target {
        let shown = transition
            .from
            .lerp(transition.to, ease(progress(&transition)));
        transition = Transition {
            from: shown,
            to: target,
            start: now,
        };
        ctx.data_mut(|d| d.insert_temp(id, transition));
    }
    let t = progress(&transition);
    if t < 1.0 {
        ctx.request_repaint();
    }
    transition.from.lerp(transition.to, ease(t))
}

/// Draws the complainant in a square of `size`, animated towards `mood`.
pub fn avatar(ui: &mut egui::Ui, id: egui::Id, mood: Mood, size: f32) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(size), egui::Sense::hover());
    let pose = animated_pose(ui.ctx(), id, Pose::from_mood(mood));
    paint(ui.painter(), rect, pose, ui.visuals().dark_mode);
    response
}

/// Paints a figure for `pose` into `rect`.
pub fn paint(painter: &egui::Painter, rect: egui::Rect, pose: Pose, dark: bool) {
    let s = rect.width() / 100.0; // one unit = 1% of the square
    let p = |x: f32, y: f32| pos2(rect.left() + x * s, rect.top() + y * s);
    let anger = pose.anger;
    let distrust = 1.0 - pose.trust;

    // Backdrop: a calm blue that warms to red with anger.
    let backdrop = mix(
        Color32::from_rgb(0xdc, 0xe8, 0xf2),
        Color32::from_rgb(0xf6, 0xd2, 0xc8),
        anger,
    );
    let backdrop = if dark {
        darken(backdrop, 0.55)
    } else {
        backdrop
    };
    painter.circle_filled(p(50.0, 52.0), 47.0 * s, backdrop);

    // Posture: anger leans forward (down and closer), distrust turns away and raises the
    // shoulders.
    let lean_x = -6.0 * distrust + 2.0 * anger;
    let lean_y = 5.0 * anger;
    let shoulder_raise = 5.0 * distrust;
    let ink = Color32::from_rgb(0x2b, 0x2b, 0x33);
    let outline = Stroke::new(1.2 * s, ink);

    // Body.
    let shirt = Color32::from_rgb(0x3d, 0x6f, 0x9e);
    let body = vec![
        p(22.0 + lean_x, 100.0),
        p(26.0 + lean_x, 74.0 - shoulder_raise + lean_y),
        p(38.0 + lean_x, 66.0 - shoulder_raise + lean_y),
        p(62.0 + lean_x, 66.0 - shoulder_raise + lean_y),
        p(74.0 + lean_x, 74.0 - shoulder_raise + lean_y),
        p(78.0 + lean_x, 100.0),
    ];
    painter.add(Shape::convex_polygon(body, shirt, outline));

    // Arms: crossed over the chest when trust is low, hanging open when it is high.
    let sleeve = darken(shirt, 0.8);
    let crossed = distrust.clamp(0.0, 1.0);
    let arm = |from: Pos2, to_open: Pos2, to_crossed: Pos2| {
        let to = to_open.lerp(to_crossed, crossed);
        painter.line_segment([from, to], Stroke::new(8.0 * s, sleeve));
        painter.circle_filled(to, 4.0 * s, skin());
    };
    let chest_y = 84.0 - shoulder_raise * 0.5 + lean_y;
    arm(
        p(29.0 + lean_x, 76.0 - shoulder_raise + lean_y),
        p(25.0 + lean_x, 99.0),
        p(62.0 + lean_x, chest_y),
    );
    arm(
        p(71.0 + lean_x, 76.0 - shoulder_raise + lean_y),
        p(75.0 + lean_x, 99.0),
        p(38.0 + lean_x, chest_y + 3.0),
    );

    // Head, flushed with anger.
    let head_c = p(50.0 + lean_x * 1.3, 40.0 + lean_y * 1.2);
    let face = mix(skin(), Color32::from_rgb(0xe0, 0x7a, 0x5f), anger * 0.75);
    painter.circle_filled(head_c + vec2(0.0, 13.0 * s), 7.0 * s, skin()); // neck
    painter.circle(head_c, 20.0 * s, face, outline);
    // Hair.
    painter.add(Shape::convex_polygon(
        vec![
            head_c + vec2(-19.0, -6.0) * s,
            head_c + vec2(-14.0, -17.0) * s,
            head_c + vec2(0.0, -21.0) * s,
            head_c + vec2(14.0, -17.0) * s,
            head_c + vec2(19.0, -6.0) * s,
            head_c + vec2(10.0, -12.0) * s,
            head_c + vec2(-10.0, -12.0) * s,
        ],
        Color32::from_rgb(0x5a, 0x44, 0x33),
        Stroke::NONE,
    ));

    // Gaze: looks away as trust drops.
    let gaze = vec2(-2.5 * distrust, 0.0) * s;
    let eye_y = -2.0;
    let eye_open = 3.2 - 1.6 * anger; // narrowed eyes when angry
    for side in [-1.0f32, 1.0] {
        let eye = head_c + vec2(7.5 * side, eye_y) * s;
        painter.add(Shape::ellipse_filled(
            eye,
            vec2(3.6 * s, eye_open.max(1.2) * s),
            Color32::WHITE,
        ));
        painter.circle_filled(eye + gaze, 1.8 * s, ink);
        // Brows: drawn down towards the nose with anger, raised with worry (low trust,
        // low anger).
        let worry = distrust * (1.0 - anger);
        let inner = head_c + vec2(3.5 * side, eye_y - 5.0 + 4.0 * anger - 2.0 * worry) * s;
        let outer = head_c + vec2(11.5 * side, eye_y - 6.5 - 1.0 * anger + 1.5 * worry) * s;
        painter.line_segment([inner, outer], Stroke::new(1.8 * s, ink));
    }

    // Mouth: a smile with trust and calm, a frown with anger.
    let mood_curve = (pose.trust - 0.5) * 1.2 - anger * 0.9;
    let mouth_w = 8.0 - 2.0 * anger;
    let mouth_y = 10.0;
    let left = head_c + vec2(-mouth_w, mouth_y) * s;
    let right = head_c + vec2(mouth_w, mouth_y) * s;
    let mid = head_c + vec2(0.0, mouth_y + 5.0 * mood_curve) * s;
    let points: Vec<Pos2> = (0..=12)
        .map(|i| {
            let t = i as f32 / 12.0;
            // Quadratic Bezier through the corners with `mid` as control.
            let a = left.lerp(mid, t);
            let b = mid.lerp(right, t);
            a.lerp(b, t)
        })
        .collect();
    painter.add(Shape::line(points, Stroke::new(1.6 * s, ink)));

    // Fuming marks once anger runs high.
    if anger > 0.7 {
        let strength = ((anger - 0.7) / 0.3).clamp(0.0, 1.0);
        let red = Color32::from_rgba_unmultiplied(0xc0, 0x39, 0x2b, (255.0 * strength) as u8);
        for (dx, dy) in [(-27.0, -14.0), (27.0, -14.0), (0.0, -30.0)] {
            let c = head_c + vec2(dx, dy) * s;
            painter.line_segment(
                [c + vec2(-3.0, -3.0) * s, c + vec2(3.0, 3.0) * s],
                Stroke::new(1.5 * s, red),
            );
            painter.line_segment(
                [c + vec2(3.0, -3.0) * s, c + vec2(-3.0, 3.0) * s],
                Stroke::new(1.5 * s, red),
            );
        }
    }
}

fn skin() -> Color32 {
    Color32::from_rgb(0xf1, 0xc2, 0x9b)
}

fn mix(a: Color32, b: Color32, t: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    let m = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t) as u8;
    Color32::from_rgb(m(a.r(), b.r()), m(a.g(), b.g()), m(a.b(), b.b()))
}

fn darken(c: Color32, f: f32) -> Color32 {
    let m = |x: u8| (f32::from(x) * f) as u8;
    Color32::from_rgb(m(c.r()), m(c.g()), m(c.b()))
}
