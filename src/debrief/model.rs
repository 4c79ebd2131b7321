//! The debrief as plain data. Its field order *is* the JSON contract (DESIGN.md), so the
//! structs are serialised as they stand: add fields at the end of a struct, never reorder.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The value of the top-level `format` field of the JSON export.
/// Version 2 added the arithmetic (`arithmetic`, the steps' `raw`, `weight`, `applies`
/// and `missing_core`), wrong information, the learning line, narration (`voice`) and
/// the fold's value of every option. See `docs/debrief-json.md`.
pub const DEBRIEF_FORMAT: &str = "klachtwijs.debrief/2";

/// Everything a trainee or facilitator sees after a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Debrief {
    /// Always [`DEBRIEF_FORMAT`].
    pub format: String,
    /// The UI language of rubric texts (`nl` or `en`).
    pub language: String,
    pub scenario: ScenarioInfo,
    pub seed: u64,
    /// The answers as displayed (`"2"`, `"1+3"`), enough to replay the session.
    pub answers: Vec<String>,
    /// Whether the conversation reached an ending.
    pub finished: bool,
    /// `None` while the conversation is still open.
    pub ending: Option<EndingInfo>,
    /// Total score 0–100.
    pub score: u8,
    /// The model's steps, in the model's order.
    pub steps: Vec<StepScore>,
    /// Every pitfall, in order of occurrence.
    pub pitfalls: Vec<PitfallNote>,
    /// Every flare-up of emotion and how the trainee answered it.
    pub flares: Vec<FlareNote>,
    /// The mood at the start (`turn` 0) and after each turn.
    pub mood: Vec<MoodPoint>,
    /// The whole conversation, turn by turn.
    pub turns: Vec<TurnView>,
    /// The question still open when the conversation has not ended.
    pub open: Option<OpenPrompt>,
    /// Names (UI language) of the model's attention points and pitfalls, by id.
    pub glossary: BTreeMap<String, String>,
    /// How the total adds up: the weighted mean of the steps that apply, minus the
    /// penalties.
    pub arithmetic: Arithmetic,
    /// Every piece of wrong information, with the correct fact.
    pub wrong_information: Vec<WrongInformationNote>,
    /// Learning from complaints (the signal to the complaint coordinator).
    pub learning: LearningNote,
    /// The trainee's own view, asked before the scores showed; only when the session's
    /// record holds one (omitted from the JSON otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub self_assessment: Option<SelfAssessment>,
    /// Set when the session is a test from a node ("play from here"): where it started,
    /// with which mood and flags. Absent from the JSON of a normal session.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test_from: Option<TestFrom>,
    /// Classroom mode: the room's vote on each turn it voted on, beside what this
    /// debrief recommends. Absent from the JSON when the room did not vote.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub room_votes: Vec<RoomVote>,
}

/// Vote counts or option numbers joined for display: `3 · 12 · 2 · 1`, `1 + 3`.
pub fn joined<T: ToString>(items: &[T], separator: &str) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(separator)
}

/// The room's vote on one turn, beside the debrief's recommendation (filled in by
/// `vote::room_votes` from the room's ballots and this debrief's option values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoomVote {
    /// 1-based.
    pub turn: usize,
    /// Votes per option as displayed, before discussion.
    pub first: Vec<u32>,
    /// The re-vote after discussion, if there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second: Option<Vec<u32>>,
    /// The options (as displayed) with the most votes in the deciding ballot.
    pub majority: Vec<usize>,
    /// The pitfalls (names) of the first ballot's leading option(s).
    pub majority_pitfalls: Vec<String>,
    /// The option(s) this debrief recommends.
    pub recommended: Vec<usize>,
    /// How split the first ballot was: 0 unanimous, 100 evenly spread.
    pub split_percent: u16,
}

/// Where a test from a node started.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestFrom {
    pub node: String,
    pub anger: u8,
    pub trust: u8,
    /// The flags set beforehand, sorted.
    pub flags: Vec<String>,
}

impl TestFrom {
    /// One line for the exports: `Test from node kern: anger 40, trust 60, flags: a, b`.
    pub fn line(&self, l: &super::labels::Labels) -> String {
        let mut s = format!(
            "{} {}: {} {}, {} {}",
            l.test_from, self.node, l.anger, self.anger, l.trust, self.trust
        );
        if !self.flags.is_empty() {
            s.push_str(&format!(", {}: {}", l.flags, self.flags.join(", ")));
        }
        s
    }
}

/// The sum that gives the total: `total = max(0, base - pitfalls - wrong_information -
/// flare_misses)`, where `base` is the weighted mean of the scores of the steps that
/// apply (rounded half up).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Arithmetic {
    pub base: u32,
    pub pitfalls: u32,
    pub wrong_information: u32,
    pub flare_misses: u32,
    pub total: u32,
    /// The most a step scores while one of its core points is missing (the rubric's).
    pub missing_core_cap: u32,
}

/// Wrong information given at a turn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WrongInformationNote {
    /// 1-based turn number.
    pub turn: usize,
    /// What the trainee said (or selected).
    pub said: String,
    /// The correct fact.
    pub correct: String,
    pub penalty: u32,
    /// The best answer that was on offer at that moment, by the scoring fold.
    pub better: Option<BetterOption>,
}

/// The "Leren van klachten" line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearningNote {
    /// In the UI language.
    pub name: String,
    pub summary: String,
    /// The turns that passed the signal on (empty: it was not passed on).
    pub turns: Vec<Evidence>,
}

/// A point by id and name (UI language).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointName {
    pub id: String,
    pub name: String,
}

impl Debrief {
    /// The UI name of an attention point or pitfall id (the id itself when unknown).
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.glossary.get(id).map_or(id, String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioInfo {
    pub id: String,
    pub title: String,
    /// `sha256:` + hex of the scenario's content; changes when the scenario changes.
    pub hash: String,
    /// The scenario's language (`nl` or `en`).
    pub language: String,
    /// The model it is scored against (`klachtengesprek` or `begrenzen`).
    pub model: String,
    /// The model's name in the UI language.
    pub model_name: String,
    pub organisation: String,
    pub complainant: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndingInfo {
    pub id: String,
    /// `resolved`, `partly_resolved`, `referred`, `boundary`, `escalated` or `abandoned`.
    pub outcome: String,
    pub title: String,
    pub narrative: String,
    /// The complainant's last words, if any.
    pub says: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepScore {
    pub id: String,
    /// In the UI language.
    pub name: String,
    /// 0–100.
    pub score: u8,
    /// The turns that earned this step, with their points.
    pub turns: Vec<Evidence>,
    /// Whether the step counts on the ending reached (a threatening call ended after a
    /// warning leaves no room to evaluate or thank).
    pub applies: bool,
    /// The step's weight in the mean.
    pub weight: u32,
    /// The sum of the credits earned (may exceed 100; above 100 counts as 100).
    pub raw: u32,
    /// The core points not shown: while any is missing the step scores at most the
    /// rubric's `missing_core_cap`.
    pub missing_core: Vec<PointName>,
}

/// One attention point earned at one turn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// 1-based turn number.
    pub turn: usize,
    pub point: String,
    /// The point's name in the UI language.
    pub name: String,
    /// The credit actually earned (halved when it skipped ahead, for example).
    pub credit: u32,
    /// What the trainee said at that turn.
    pub said: String,
    /// How much of `credit` still counted: 0 once the step had reached 100 ("al behaald").
    pub counted: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PitfallNote {
    pub id: String,
    /// In the UI language.
    pub name: String,
    /// 1-based turn number.
    pub turn: usize,
    /// What the trainee said (or selected).
    pub said: String,
    /// Why this is a pitfall, in general (rubric, UI language).
    pub why: String,
    /// Why this answer in particular falls into it (the scenario's own explanation).
    pub explain: String,
    /// What works better, in general (rubric, UI language).
    pub advice: String,
    /// The best answer that was on offer at that moment; `None` when the trainee chose it.
    pub better: Option<BetterOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BetterOption {
    /// The position as it was displayed (`"3"`, or `"1+2+4"` for a multi-select).
    pub answer: String,
    pub text: String,
    pub explain: String,
    pub shows: Vec<String>,
    /// What it would have done to the running total, by the scoring fold.
    pub value: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlareNote {
    /// The turn that answered the flare-up.
    pub turn: usize,
    /// The node the emotion flared up at.
    pub node: String,
    /// Whether the answer went back to listening (a point of the model's first step).
    pub back_to_listening: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MoodPoint {
    /// 0 for the start, then the turn number.
    pub turn: usize,
    pub anger: u8,
    pub trust: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TurnView {
    /// 1-based.
    pub turn: usize,
    pub node: String,
    /// The complainant's line (the variant the seed picked).
    pub says: String,
    pub thought: Option<String>,
    /// Whether the emotion flared up on arriving at this node.
    pub flare: bool,
    /// For a multi-select turn, its instruction.
    pub prompt: Option<String>,
    /// The answer as displayed (`"2"` or `"1+3"`).
    pub answer: String,
    /// What the trainee said (for a multi-select: the selected items, joined).
    pub said: String,
    /// The attention points this answer showed.
    pub shows: Vec<String>,
    /// The pitfalls this answer fell into.
    pub pitfalls: Vec<String>,
    /// The scenario's explanation of the chosen option(s).
    pub explain: String,
    /// The mood after this turn.
    pub mood: MoodPoint,
    /// Every option on offer, in the order displayed, including the chosen one.
    pub options: Vec<OptionView>,
    /// Who says `says`: `complainant`, `narrator` (a stage direction, not speech) or
    /// `other`.
    pub voice: String,
    /// The name to show before `says` (empty for narration).
    pub speaker: String,
    /// What the answer did to the running total, by the scoring fold.
    pub value: i32,
    /// The correct fact, when the answer gave wrong information.
    pub wrong_fact: Option<String>,
    /// The best answer on offer by the scoring fold, when it was not the one given.
    pub better: Option<BetterOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionView {
    /// 1-based position as displayed.
    pub number: usize,
    pub text: String,
    pub shows: Vec<String>,
    pub pitfalls: Vec<String>,
    pub explain: String,
    pub chosen: bool,
    /// For multi-select items: whether the item belongs in a careful answer.
    pub belongs: Option<bool>,
    /// The correct fact, when this option gives wrong information.
    pub wrong_fact: Option<String>,
    /// What taking this option (this item alone, on a multi-select) would have done to
    /// the running total, by the scoring fold.
    pub value: i32,
}

/// The open question of an unfinished conversation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenPrompt {
    pub node: String,
    pub says: String,
    /// For a multi-select turn, its instruction.
    pub prompt: Option<String>,
    /// The options in the order displayed.
    pub options: Vec<String>,
    /// Whether several items may be picked (answer as `1+3`).
    pub multi: bool,
}

/// How the trainee saw the conversation, asked before the scores show.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessment {
    /// How it went, in one line.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub how_it_went: String,
    /// Per werkmodel step id, 1 (poor) to 5 (very well). Steps left out were not rated.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub steps: std::collections::BTreeMap<String, u8>,
    /// The pitfall ids the trainee thinks they fell into.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pitfalls: Vec<String>,
}
