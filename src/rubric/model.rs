//! The scoring rubric as facilitators write it in RON (`assets/rubric.ron`): for each model
//! its steps, the attention points that earn them, the pitfalls, and the scoring rules.

use serde::{Deserialize, Serialize};

use crate::scenario::model::{ModelId, Text};

/// The rubric format this build reads: 2 added core points, factual errors, the learning
/// line and the per-model flare return.
pub const RUBRIC_FORMAT: u32 = 2;

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
    /// Wrong information about rights, terms or procedures: flagged like a pitfall but
    /// apart from the model's pitfalls, and corrected in the debrief.
    pub wrong_information: PitfallRubric,
    /// What counts as going back to the model's first step when emotion flares up.
    pub flare_return: FlareReturn,
    /// Learning from complaints (the signal to the complaint coordinator): shown on its own
    /// line in the debrief. These points earn no step credit.
    pub learning: Learning,
    pub rules: Rules,
}

/// Going back to the first step when emotion returns: answering a flare-up with one of
/// `points` earns `rules.flare_return_credit` towards `step`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlareReturn {
    /// The step credited, normally the model's first.
    pub step: String,
    /// The attention points that show a return to that step.
    pub points: Vec<String>,
}

/// Attention points outside the model's steps, shown on a line of their own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Learning {
    pub name: Text,
    pub summary: Text,
    pub points: Vec<PointRubric>,
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
    /// Whether the point is one of its step's core points (seed 003's aandachtspunten): a
    /// step missing a core point scores at most `rules.missing_core_cap`.
    #[serde(default)]
    pub core: CoreWhen,
}

/// When an attention point is a core point of its step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CoreWhen {
    /// Good practice that earns credit but never stands in for a core point.
    #[default]
    No,
    /// Always a core point.
    Always,
    /// A core point when the complaint is justified (the scenario or ending says).
    Justified,
    /// A core point when the complaint rests on a misunderstanding.
    Misunderstanding,
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
    /// Points off the total when the answer to a flare-up shows no return point.
    pub flare_missed_penalty: u8,
    /// The most a step can score while one of its core points is missing.
    pub missing_core_cap: u8,
    /// Points off the total for each piece of wrong information; at least
    /// `pitfall_penalty`.
    pub wrong_information_penalty: u8,
}
