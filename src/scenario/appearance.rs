//! How the complainant looks: a few fixed choices (age group, presentation, hair, skin,
//! glasses, clothing and its colour) that the app draws. Enums only, so an author cannot write a look the
//! app cannot draw; every field is optional and a missing `appearance` is a neutral adult.
//! The look never changes a session and is left out of the content hash
//! ([`crate::scenario::hash::content_hash`]), so dressing a complainant keeps saved records valid.

use serde::{Deserialize, Serialize};

/// The complainant's look. Written as `appearance: Appearance(age: Elderly, hair: Bun, ...)`
/// inside `Complainant(...)`; fields left out take their default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Appearance {
    pub age: AgeGroup,
    pub presentation: Presentation,
    pub hair: HairStyle,
    /// Ignored for `Bald` and `Headscarf`.
    pub hair_colour: HairColour,
    pub skin: SkinTone,
    pub glasses: bool,
    pub clothing: Clothing,
    /// Ignored for `Workwear` and uniforms, which have their own colours.
    pub clothing_colour: ClothingColour,
}

impl Appearance {
    /// True for the neutral default, which a file need not write (and serialising skips).
    pub fn is_default(&self) -> bool {
        *self == Appearance::default()
    }
}

/// Roughly how old the complainant looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum AgeGroup {
    /// Under 25: a smooth face, an upright posture.
    Young,
    /// 25 to 44.
    #[default]
    Adult,
    /// 45 to 64: the first lines beside the mouth.
    Middle,
    /// 65 to 74: lines on the forehead too.
    Older,
    /// 75 and over: bags under the eyes, a slight stoop.
    Elderly,
}

/// Gender presentation: the build of shoulders and jaw and small details such as lashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Presentation {
    Feminine,
    Masculine,
    #[default]
    Neutral,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum HairStyle {
    #[default]
    Short,
    /// Past the shoulders.
    Long,
    /// Tied up on top of the head.
    Bun,
    /// A full head of curls.
    Curly,
    /// Hair at the sides only.
    Balding,
    Bald,
    /// A headscarf covering the hair and neck.
    Headscarf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum HairColour {
    Black,
    #[default]
    Brown,
    Blond,
    Red,
    Grey,
    White,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum SkinTone {
    Light,
    #[default]
    Medium,
    Tan,
    Brown,
    Dark,
}

/// What the complainant wears, each with its own colour and collar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Clothing {
    /// A plain T-shirt.
    #[default]
    Casual,
    /// A collared shirt under a jacket.
    Smart,
    /// A hooded sweatshirt.
    Hoodie,
    /// A cardigan over a blouse or shirt.
    Cardigan,
    /// A high-visibility work jacket.
    Workwear,
    /// A uniform: `Uniform(Police)`, `Uniform(Care)` or `Uniform(Transport)`.
    Uniform(Uniform),
}

/// The colour of a T-shirt, jacket, hoodie or cardigan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ClothingColour {
    #[default]
    Blue,
    Navy,
    Green,
    Red,
    Burgundy,
    Yellow,
    Purple,
    Grey,
    Black,
    Beige,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Uniform {
    /// Dark blue with a badge.
    Police,
    /// A white tunic, as in home care or a hospital.
    Care,
    /// A grey-blue jacket with a tie, as on a bus or train.
    Transport,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::diagnostic::Code;
    use crate::scenario::load::load_str;
    use std::path::Path;

    /// A minimal valid scenario whose complainant ends with `extra` (one or more fields).
    fn scenario_with(extra: &str) -> String {
        format!(
            r#"Scenario(
    format: 1, id: "look", title: "T", language: Nl, summary: "S", organisation: "O",
    setting: Counter, difficulty: 1, minutes: 1, model: Klachtengesprek,
    learning_goals: [], briefing: "B", role: "R",
    complainant: Complainant(
        name: "N", background: "B", mood: Mood(anger: 50, trust: 50), temperament: Calm,
{extra}
    ),
    start: "a",
    nodes: {{ "a": Node(says: ["x"], options: [
        Choice(text: "1", explain: "e", next: "end"),
        Choice(text: "2", explain: "e", next: "end"),
    ]) }},
    endings: {{ "end": Ending(outcome: Resolved, title: "t", narrative: "n") }},
)"#
        )
    }

    fn appearance_of(extra: &str) -> Appearance {
        match load_str(&scenario_with(extra), Path::new("t.ron")) {
            Ok(s) => s.complainant.appearance,
            Err(d) => panic!("{extra}: {}", d[0]),
        }
    }

    #[test]
    fn a_complainant_without_appearance_gets_the_neutral_default() {
        assert_eq!(appearance_of(""), Appearance::default());
        assert!(Appearance::default().is_default());
    }

    #[test]
    fn every_field_of_an_appearance_is_read() {
        let look = appearance_of(
            "        appearance: Appearance(age: Elderly, presentation: Feminine, hair: Bun,
            hair_colour: Grey, skin: Light, glasses: true, clothing: Cardigan,
            clothing_colour: Purple),",
        );
        assert_eq!(
            look,
            Appearance {
                age: AgeGroup::Elderly,
                presentation: Presentation::Feminine,
                hair: HairStyle::Bun,
                hair_colour: HairColour::Grey,
                skin: SkinTone::Light,
                glasses: true,
                clothing: Clothing::Cardigan,
                clothing_colour: ClothingColour::Purple,
            }
        );
        assert!(!look.is_default());
    }

    #[test]
    fn fields_left_out_keep_their_default_and_a_uniform_names_its_kind() {
        let look = appearance_of("        appearance: Appearance(clothing: Uniform(Police)),");
        assert_eq!(
            look,
            Appearance {
                clothing: Clothing::Uniform(Uniform::Police),
                ..Appearance::default()
            }
        );
    }

    #[test]
    fn the_appearance_is_left_out_of_the_content_hash() {
        let load = |extra: &str| load_str(&scenario_with(extra), Path::new("t.ron")).unwrap();
        let plain = load("");
        let dressed = load("        appearance: Appearance(age: Young, clothing: Hoodie),");
        assert_ne!(plain, dressed);
        assert_eq!(
            crate::scenario::hash::content_hash(&plain),
            crate::scenario::hash::content_hash(&dressed)
        );
    }

    /// Line and column (1-based) of the first `needle` in `text`.
    fn position_of(text: &str, needle: &str) -> (usize, usize) {
        let at = text.find(needle).expect("needle in text");
        let line = text[..at].matches('\n').count() + 1;
        let col = at - text[..at].rfind('\n').map_or(0, |n| n + 1) + 1;
        (line, col)
    }

    #[test]
    fn an_unknown_field_or_value_is_a_shape_error_at_its_position() {
        for (extra, needle, names) in [
            (
                "        appearance: Appearance(age: Young, hat: true),",
                "hat",
                "`hair_colour`",
            ),
            (
                "        appearance: Appearance(hair: Mohawk),",
                "Mohawk",
                "Headscarf",
            ),
            (
                "        appearance: Appearance(skin: Light, clothing: Uniform(Pirate)),",
                "Pirate",
                "Transport",
            ),
        ] {
            let text = scenario_with(extra);
            let d = match load_str(&text, Path::new("t.ron")) {
                Ok(_) => panic!("{extra}: expected an error"),
                Err(d) => d[0].clone(),
            };
            assert_eq!(d.code, Code::Shape, "{extra}: {d}");
            assert_eq!((d.line, d.col), position_of(&text, needle), "{extra}: {d}");
            assert!(
                d.hint.en.contains(names) || d.message.en.contains(names),
                "{extra}: the allowed names are listed: {d}"
            );
        }
    }
}
