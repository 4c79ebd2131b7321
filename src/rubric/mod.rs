//! Steps, attention points, pitfalls and scoring rules as data (`assets/rubric.ron`).

pub mod model;
pub mod score;

use std::sync::OnceLock;

use model::{ModelRubric, Rubric};

use crate::scenario::model::ModelId;

/// The rubric shipped inside the binary.
pub const BUNDLED_RUBRIC: &str = include_str!("../../assets/rubric.ron");

impl Rubric {
    /// The bundled rubric, parsed once. A test guarantees it parses.
    pub fn bundled() -> &'static Rubric {
        static RUBRIC: OnceLock<Rubric> = OnceLock::new();
        RUBRIC.get_or_init(|| {
            ron::Options::default()
                .from_str(BUNDLED_RUBRIC)
                .expect("the bundled rubric parses (tested)")
        })
    }

    /// The rubric of one model, if this rubric defines it.
    pub fn model(&self, model: ModelId) -> Option<&ModelRubric> {
        self.models.iter().find(|m| m.model == model)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_rubric_parses_and_covers_both_models() {
        let rubric = Rubric::bundled();
        let werkmodel = rubric.model(ModelId::Klachtengesprek).unwrap();
        let steps: Vec<_> = werkmodel.steps.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            steps,
            [
                "active_listening",
                "apologize_investigate",
                "repair",
                "evaluate",
                "thank"
            ]
        );
        assert_eq!(werkmodel.pitfalls.len(), 9);
        let begrenzen = rubric.model(ModelId::Begrenzen).unwrap();
        let steps: Vec<_> = begrenzen.steps.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            steps,
            ["signal", "analyse", "decide", "inform", "stay_alert"]
        );
    }
}
