//! The scoring rubric as facilitators write it in RON (`assets/rubric.ron`): for each model
//! its steps, the attention points that earn them, the pitfalls, and the scoring rules.

use serde::{Deserialize, Serialize};

use crate::scenario::model::ModelId;

pub const RUBRIC_FORMAT: u32 = 1;

/// A text in both UI languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub nl: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    pub format: u32,
    pub models: Vec<ModelRubric>,
}

/// How one conversation model is scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelRubric {
    pub model: ModelId,
    pub name: Text,
    /// The steps in the model's order.
    pub steps: Vec<StepRubric>,
    pub pitfalls: Vec<PitfallRubric>,
    pub rules: Rules,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRubric {
    /// Fixed id from DESIGN.md, e.g. `active_listening`.
    pub id: String,
    pub name: Text,
    /// What the step asks of the handler, one sentence.
    pub summary: Text,
    /// Relative weight of this step in the total.
    pub weight: u8,
    pub points: Vec<PointRubric>,
}

/// An observable attention point; showing it earns `credit` towards its step (a step's
/// score is the sum of its distinct points' credits, capped at 100).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointRubric {
    pub id: String,
    pub name: Text,
    pub credit: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PitfallRubric {
    /// Fixed id from DESIGN.md, e.g. `shifting_blame`.
    pub id: String,
    pub name: Text,
    /// Why it is a pitfall, in general.
    pub why: Text,
    /// What works better, in general.
    pub better: Text,
}

/// The numbers that turn a transcript into scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Points off the total for the first occurrence of a pitfall.
    pub pitfall_penalty: u8,
    /// Extra points off for each repeat of a pitfall already made.
    pub repeat_penalty: u8,
    /// Percent of its credit a point earns when it skips ahead: shown while an earlier
    /// step has earned nothing yet (repairing before listening, for example).
    pub out_of_order_credit: u8,
    /// Credit towards the first step for answering a flare-up with an attention point of
    /// the first step (going back to listening, as the werkmodel asks).
    pub flare_return_credit: u8,
    /// Points off the total when the answer to a flare-up shows no first-step point.
    pub flare_missed_penalty: u8,
}
