//! The colours of a look: skin, hair and clothing from the scenario's [`Appearance`], and
//! the small colour arithmetic the figure uses.

use bevy_egui::egui::Color32;

use crate::scenario::model::{
    AgeGroup, Appearance, Clothing, ClothingColour, HairColour, SkinTone, Uniform,
};

/// Outlines and pupils.
pub const INK: Color32 = Color32::from_rgb(0x2b, 0x2b, 0x33);

pub fn skin(tone: SkinTone) -> Color32 {
    match tone {
        SkinTone::Light => Color32::from_rgb(0xf6, 0xd5, 0xbc),
        SkinTone::Medium => Color32::from_rgb(0xe6, 0xb4, 0x8a),
        SkinTone::Tan => Color32::from_rgb(0xc6, 0x8e, 0x60),
        SkinTone::Brown => Color32::from_rgb(0x95, 0x60, 0x3c),
        SkinTone::Dark => Color32::from_rgb(0x5c, 0x39, 0x24),
    }
}

/// The skin reddened with anger: towards a red of its own depth, so a dark skin flushes
/// darker red rather than lighter.
pub fn flushed(skin: Color32, anger: f32) -> Color32 {
    let red = Color32::from_rgb(
        skin.r().saturating_add(40),
        (f32::from(skin.g()) * 0.68) as u8,
        (f32::from(skin.b()) * 0.62) as u8,
    );
    mix(skin, red, anger * 0.75)
}

/// The hair colour, greyed a little with age (a 50-year-old's black hair is not jet
/// black any more); grey and white stay as written.
pub fn hair(appearance: &Appearance) -> Color32 {
    let base = match appearance.hair_colour {
        HairColour::Black => Color32::from_rgb(0x24, 0x21, 0x23),
        HairColour::Brown => Color32::from_rgb(0x5a, 0x40, 0x2e),
        HairColour::Blond => Color32::from_rgb(0xd9, 0xb4, 0x68),
        HairColour::Red => Color32::from_rgb(0xb4, 0x4f, 0x26),
        HairColour::Grey => Color32::from_rgb(0x9c, 0x9c, 0x9e),
        HairColour::White => Color32::from_rgb(0xe8, 0xe6, 0xe1),
    };
    let greying = match appearance.age {
        AgeGroup::Young | AgeGroup::Adult => 0.0,
        AgeGroup::Middle => 0.15,
        AgeGroup::Older => 0.4,
        AgeGroup::Elderly => 0.6,
    };
    mix(base, Color32::from_rgb(0xa8, 0xa8, 0xaa), greying)
}

/// The main colour of the clothes: the chosen colour, or the uniform's or work jacket's own.
pub fn clothing(appearance: &Appearance) -> Color32 {
    match appearance.clothing {
        Clothing::Workwear => Color32::from_rgb(0xe4, 0xe0, 0x2e),
        Clothing::Uniform(Uniform::Police) => Color32::from_rgb(0x1d, 0x2a, 0x48),
        Clothing::Uniform(Uniform::Care) => Color32::from_rgb(0xf1, 0xf4, 0xf5),
        Clothing::Uniform(Uniform::Transport) => Color32::from_rgb(0x4a, 0x5a, 0x70),
        Clothing::Casual | Clothing::Smart | Clothing::Hoodie | Clothing::Cardigan => {
            match appearance.clothing_colour {
                ClothingColour::Blue => Color32::from_rgb(0x3d, 0x6f, 0x9e),
                ClothingColour::Navy => Color32::from_rgb(0x26, 0x35, 0x58),
                ClothingColour::Green => Color32::from_rgb(0x3c, 0x7a, 0x4c),
                ClothingColour::Red => Color32::from_rgb(0xb3, 0x3a, 0x3a),
                ClothingColour::Burgundy => Color32::from_rgb(0x76, 0x27, 0x37),
                ClothingColour::Yellow => Color32::from_rgb(0xe0, 0xb0, 0x38),
                ClothingColour::Purple => Color32::from_rgb(0x6c, 0x4a, 0x8c),
                ClothingColour::Grey => Color32::from_rgb(0x7b, 0x7f, 0x87),
                ClothingColour::Black => Color32::from_rgb(0x2c, 0x2c, 0x30),
                ClothingColour::Beige => Color32::from_rgb(0xc4, 0xab, 0x85),
            }
        }
    }
}

/// A shirt or blouse under a jacket or cardigan.
pub const SHIRT: Color32 = Color32::from_rgb(0xf3, 0xf1, 0xec);

pub fn mix(a: Color32, b: Color32, t: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    let m = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t) as u8;
    Color32::from_rgba_unmultiplied(
        m(a.r(), b.r()),
        m(a.g(), b.g()),
        m(a.b(), b.b()),
        m(a.a(), b.a()),
    )
}

pub fn darken(c: Color32, f: f32) -> Color32 {
    let m = |x: u8| (f32::from(x) * f) as u8;
    Color32::from_rgb(m(c.r()), m(c.g()), m(c.b()))
}

/// `c` at `alpha` (0..1) opacity.
pub fn faded(c: Color32, alpha: f32) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), (255.0 * alpha.clamp(0.0, 1.0)) as u8)
}
