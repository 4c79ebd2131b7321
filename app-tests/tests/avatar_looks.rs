//! The complainant's look and expressions as egui draws them: different appearances give
//! different shapes (so the library's faces differ), an anxious complainant's face shows
//! fear where a steady one's shows none, and a still portrait never asks for a repaint.

use std::path::Path;

use bevy_egui::egui::{self, Color32, Shape};
use klachtwijs::app::avatar::{self, Expression, Pose};
use klachtwijs::scenario::model::{Appearance, Complainant, Temperament};
use klachtwijs::scenario::{bundled, load_str};

/// The shapes (and whether a repaint was asked for) of one frame that runs `draw`.
fn frame(ctx: &egui::Context, draw: impl FnMut(&mut egui::Ui)) -> (Vec<Shape>, bool) {
    let mut draw = draw;
    let mut out = ctx.run_ui(egui::RawInput::default(), |ui| draw(ui));
    out.textures_delta.clear();
    let repaint = out
        .viewport_output
        .values()
        .any(|v| v.repaint_delay.is_zero());
    (out.shapes.into_iter().map(|c| c.shape).collect(), repaint)
}

fn painted(look: &Appearance, face: Expression) -> Vec<Shape> {
    let ctx = egui::Context::default();
    frame(&ctx, |ui| {
        let rect = egui::Rect::from_min_size(egui::pos2(0.0, 0.0), egui::vec2(200.0, 200.0));
        avatar::paint(ui.painter(), rect, look, face, false);
    })
    .0
}

/// Every fill colour the shapes use.
fn fills(shapes: &[Shape]) -> Vec<Color32> {
    shapes
        .iter()
        .filter_map(|shape| match shape {
            Shape::Circle(c) => Some(c.fill),
            Shape::Ellipse(e) => Some(e.fill),
            Shape::Path(p) => Some(p.fill),
            _ => None,
        })
        .collect()
}

fn complainant(id: &str) -> Complainant {
    let file = bundled()
        .into_iter()
        .find(|b| b.path.ends_with(&format!("/{id}.ron")))
        .unwrap_or_else(|| panic!("{id} is bundled"));
    load_str(file.text, Path::new(file.path))
        .unwrap()
        .complainant
}

#[test]
fn three_complainants_of_the_library_look_different() {
    let looks: Vec<(Appearance, Vec<Shape>)> =
        ["jongere-boos", "afval-ouderen", "scheldende-beller"]
            .into_iter()
            .map(|id| {
                let c = complainant(id);
                let face = Expression::new(Pose::from_mood(c.mood), 0.0, c.temperament);
                (c.appearance, painted(&c.appearance, face))
            })
            .collect();
    for (i, (a, shapes_a)) in looks.iter().enumerate() {
        for (b, shapes_b) in &looks[i + 1..] {
            assert_ne!(a, b);
            assert_ne!(shapes_a, shapes_b, "{a:?} and {b:?} draw the same");
        }
    }
}

#[test]
fn skin_hair_clothes_and_glasses_each_change_the_drawing() {
    let calm = Expression::new(
        Pose {
            anger: 0.2,
            trust: 0.6,
        },
        0.0,
        Temperament::Steady,
    );
    let base = Appearance::default();
    let plain = painted(&base, calm);
    let with = |look: Appearance| painted(&look, calm);
    use klachtwijs::scenario::model::{Clothing, ClothingColour, HairStyle, SkinTone, Uniform};
    let dark = with(Appearance {
        skin: SkinTone::Dark,
        ..base
    });
    // The skin colour itself is new, not just moved around.
    assert!(fills(&dark).iter().any(|c| !fills(&plain).contains(c)));
    for other in [
        Appearance {
            hair: HairStyle::Headscarf,
            ..base
        },
        Appearance {
            hair: HairStyle::Bald,
            ..base
        },
        Appearance {
            glasses: true,
            ..base
        },
        Appearance {
            clothing: Clothing::Uniform(Uniform::Police),
            ..base
        },
        Appearance {
            clothing_colour: ClothingColour::Red,
            ..base
        },
    ] {
        assert_ne!(with(other), plain, "{other:?} draws like the default");
    }
    let glasses = with(Appearance {
        glasses: true,
        ..base
    });
    assert!(glasses.len() > plain.len(), "glasses add frames");
}

#[test]
fn an_anxious_complainant_shows_fear_and_relief_takes_it_away() {
    let worried = Pose {
        anger: 0.35,
        trust: 0.25,
    };
    let look = Appearance::default();
    let anxious = Expression::new(worried, 0.0, Temperament::Anxious);
    let steady = Expression::new(worried, 0.0, Temperament::Steady);
    assert!(anxious.fear > 0.5 && steady.fear == 0.0);
    assert_ne!(painted(&look, anxious), painted(&look, steady));
    let relieved = Expression::new(worried, 0.6, Temperament::Anxious);
    assert!(relieved.relief > 0.3 && relieved.fear < anxious.fear);
    assert_ne!(painted(&look, relieved), painted(&look, anxious));
}

#[test]
fn a_portrait_never_asks_for_a_repaint() {
    let ctx = egui::Context::default();
    let mulder = complainant("afval-ouderen");
    let mut portrait = |ui: &mut egui::Ui| {
        avatar::portrait(ui, &mulder, 72.0);
    };
    // egui repaints its first frame anyway; after that a still portrait asks nothing.
    frame(&ctx, &mut portrait);
    frame(&ctx, &mut portrait);
    let (shapes, repaint) = frame(&ctx, &mut portrait);
    assert!(!shapes.is_empty());
    assert!(!repaint, "a portrait is still");
}
