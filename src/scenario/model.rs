//! The scenario as authors write it in RON: metadata, the complainant, nodes and endings.
//!
//! These types *are* the file format (see `docs/scenario-format.md`). Every struct denies
//! unknown fields so a typo in a scenario is an error, not a silently ignored line.
//!
//! Over 500 lines: the whole file format, one documented type per construct, in the order
//! `docs/scenario-format.md` describes it.

use serde::{Deserialize, Serialize};

pub use super::id_map::IdMap;
// Re-exported: whoever builds a scenario in code writes these lists.
pub use thin_vec::{ThinVec, thin_vec};

pub use super::appearance::{
    AgeGroup, Appearance, Clothing, ClothingColour, HairColour, HairStyle, Presentation, SkinTone,
    Uniform,
};

/// The format version this build reads. Bump it when the format changes incompatibly.
pub const SCENARIO_FORMAT: u32 = 1;

/// Id of a node or an ending. Nodes and endings share one namespace, so a `next` can
/// point at either.
pub type TargetId = String;

/// A complete scenario file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Must equal [`SCENARIO_FORMAT`].
    pub format: u32,
    /// Stable, lowercase id with `a-z`, `0-9` and `-`; used on the command line and in records.
    pub id: String,
    pub title: String,
    pub language: Language,
    /// One or two sentences for the library card.
    pub summary: String,
    /// The organisation and department, e.g. "Gemeente Vlietstad, Burgerzaken".
    pub organisation: String,
    /// Where the conversation happens: counter, phone, e-mail, kitchen table …
    pub setting: Setting,
    /// 1 (gentle) to 5 (hard).
    pub difficulty: u8,
    /// Estimated minutes for one play-through.
    pub minutes: u8,
    /// Which model scores this scenario.
    pub model: ModelId,
    pub learning_goals: Vec<String>,
    /// What the trainee knows before the conversation starts.
    pub briefing: String,
    /// The trainee's role in this conversation.
    pub role: String,
    pub complainant: Complainant,
    /// Shuffle the order of the options with the session seed (default true). Switch off
    /// when the order itself carries meaning.
    #[serde(default = "yes")]
    pub shuffle_options: bool,
    /// Whether the complaint is justified or rests on a misunderstanding; it decides which
    /// repair points are core points (seed 003). An ending can say otherwise.
    #[serde(default)]
    pub complaint: Complaint,
    /// The id of the first node.
    pub start: TargetId,
    /// Node ids must be unique: a duplicate key is an error, not a silent overwrite.
    pub nodes: IdMap<Node>,
    pub endings: IdMap<Ending>,
    /// The optional facilitator layer: session plan, discussion questions, contested
    /// choices and links to the norms. It never changes a session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facilitator: Option<Facilitator>,
}

/// A list read into a `Vec` of exactly its length. A parser cannot tell how long a list
/// is before its end, so a `Vec` would grow to 4, 8, … places: a quarter to three quarters
/// of them empty in a large scenario's hundreds of thousands of short lists. The first
/// four elements wait on the stack instead, so a list of up to four (most of them) is
/// allocated once, at its length; a longer one grows and is then shrunk.
fn exact<'de, D, L>(d: D) -> Result<L, D::Error>
where
    D: serde::Deserializer<'de>,
    L: ExactList,
    L::Item: Deserialize<'de>,
{
    struct Exact<L>(std::marker::PhantomData<L>);

    impl<'de, L: ExactList> serde::de::Visitor<'de> for Exact<L>
    where
        L::Item: Deserialize<'de>,
    {
        type Value = L;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            // As serde's own `Vec` says it.
            f.write_str("a sequence")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<L, A::Error> {
            let mut first: [Option<L::Item>; 4] = [None, None, None, None];
            let mut len = 0;
            while len < first.len() {
                match seq.next_element()? {
                    Some(element) => first[len] = Some(element),
                    None => break,
                }
                len += 1;
            }
            let mut list = L::with_capacity(len);
            for element in first.into_iter().flatten() {
                list.push(element);
            }
            if len == 4 {
                while let Some(element) = seq.next_element()? {
                    list.push(element);
                }
                list.shrink_to_fit();
            }
            Ok(list)
        }
    }

    d.deserialize_seq(Exact(std::marker::PhantomData))
}

/// The lists [`exact`] reads: `Vec`, and `ThinVec` for the short, often empty lists of
/// every option (8 bytes where `Vec` takes 24, and no allocation when empty).
trait ExactList {
    type Item;
    fn with_capacity(n: usize) -> Self;
    fn push(&mut self, item: Self::Item);
    fn shrink_to_fit(&mut self);
}

// Both lists have these three as inherent methods of the same signatures.
macro_rules! exact_list {
    ($($list:ident),*) => {$(
        impl<T> ExactList for $list<T> {
            type Item = T;
            fn with_capacity(n: usize) -> Self {
                $list::with_capacity(n)
            }
            fn push(&mut self, item: T) {
                $list::push(self, item);
            }
            fn shrink_to_fit(&mut self) {
                $list::shrink_to_fit(self);
            }
        }
    )*};
}

exact_list!(Vec, ThinVec);

fn yes() -> bool {
    true
}

/// A language of the product: of a scenario, of the UI, of a handout or a message.
/// `clap::ValueEnum` so the command line takes `--lang nl|en` as this very type.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
pub enum Language {
    #[default]
    Nl,
    En,
}

/// A text in both UI languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub nl: String,
    pub en: String,
}

impl Text {
    /// A text from its English and its Dutch wording (in that order, as the checker's
    /// messages are written: English is what other tools parse).
    pub fn en_nl(en: impl Into<String>, nl: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            nl: nl.into(),
        }
    }

    /// The wording in `language`.
    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::Nl => &self.nl,
            Language::En => &self.en,
        }
    }
}

/// The two routes of the werkmodel's step 3 (Repareren).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub enum Complaint {
    /// Admit the mistake, apologise, offer a solution, offer the written procedure.
    #[default]
    Justified,
    /// Name the misunderstanding and explain it briefly.
    Misunderstanding,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Setting {
    Counter,
    Phone,
    Email,
    Letter,
    HomeVisit,
    Meeting,
}

/// The conversation model a scenario is scored against; ids fixed by DESIGN.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ModelId {
    /// Werkmodel *het klachtengesprek*: five steps, nine pitfalls.
    Klachtengesprek,
    /// *Zorgvuldig begrenzen*: signal, analyse, decide, inform, stay alert.
    Begrenzen,
}

impl ModelId {
    /// The fixed id used in JSON and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            ModelId::Klachtengesprek => "klachtengesprek",
            ModelId::Begrenzen => "begrenzen",
        }
    }
}

impl Language {
    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complainant {
    pub name: String,
    pub background: String,
    /// Mood at the first node.
    pub mood: Mood,
    pub temperament: Temperament,
    /// How the app draws the complainant; optional, a neutral adult when left out.
    #[serde(default, skip_serializing_if = "Appearance::is_default")]
    pub appearance: Appearance,
}

/// The complainant's mood. Both axes run from 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mood {
    pub anger: u8,
    pub trust: u8,
}

/// How a choice moves the mood; added to the current mood and clamped to 0..=100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoodShift {
    #[serde(default)]
    pub anger: i8,
    #[serde(default)]
    pub trust: i8,
}

/// Shapes the random variation: how strongly anger rises and how likely a flare-up is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Temperament {
    /// Rises slowly, rarely flares up.
    Calm,
    /// As scripted.
    Steady,
    /// Anger rises faster, flare-ups are more likely.
    Volatile,
    /// Trust drops faster; flare-ups somewhat more likely.
    Anxious,
}

/// One moment in the conversation: the complainant speaks, the trainee answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// What is said (or happens); one variant is picked with the session seed.
    #[serde(deserialize_with = "exact")]
    pub says: Vec<String>,
    /// Who says it: the complainant (default), someone else, or the narrator (a stage
    /// direction). Every view shows narration as narration, never as the complainant's
    /// speech.
    #[serde(default)]
    pub voice: Voice,
    /// What the complainant thinks but does not say (coach mode and debrief).
    #[serde(default)]
    pub thought: Option<Box<str>>,
    /// A coach hint shown in practice mode.
    #[serde(default)]
    pub hint: Option<Box<str>>,
    /// A chance that emotion flares up when the conversation arrives here: the session
    /// then goes to `flare.to` instead, and the next answer should return to listening.
    #[serde(default)]
    pub flare: Option<Box<Flare>>,
    /// The trainee's spoken options (a talk turn). Exactly one of `options` and `select`
    /// must be given.
    #[serde(default, deserialize_with = "exact")]
    pub options: Vec<Choice>,
    /// A multi-select turn: pick which items belong (analysis, written notice).
    #[serde(default)]
    pub select: Option<Box<Select>>,
}

impl Node {
    /// Where the node can lead: [`Node::answer_targets`], then the flare's target.
    pub fn targets(&self) -> impl Iterator<Item = &str> {
        self.answer_targets()
            .chain(self.flare.iter().map(|f| f.to.as_str()))
    }

    /// Where the answers lead: each option's `next` and branches, then the select turn's
    /// (unchecked ids, in file order, possibly repeated).
    pub fn answer_targets(&self) -> impl Iterator<Item = &str> {
        let options = self.options.iter().flat_map(Choice::targets);
        options.chain(self.select.iter().flat_map(|s| s.targets()))
    }

    /// Every answer offered here as (attention points, pitfalls): the options, or the
    /// select turn's items.
    pub fn answers(&self) -> impl Iterator<Item = (&[String], &[String])> {
        self.options
            .iter()
            .map(|o| (o.shows.as_slice(), o.pitfalls.as_slice()))
            .chain(
                self.select
                    .iter()
                    .flat_map(|s| &s.items)
                    .map(|i| (i.shows.as_slice(), i.pitfalls.as_slice())),
            )
    }
}

/// Whose line a node's `says` is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Voice {
    /// The complainant speaks.
    #[default]
    Complainant,
    /// Someone else speaks, e.g. `Other("Collega Ahmed")`.
    Other(String),
    /// Not speech: what happens, e.g. "(U vult het klachtformulier in.)".
    Narrator,
}

/// A chance event when arriving at a node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flare {
    /// Percent chance (0–100) before the temperament adjusts it.
    pub chance: u8,
    /// The node the conversation goes to when the emotion flares up.
    pub to: TargetId,
}

/// One thing the trainee can say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub text: Box<str>,
    /// Attention points (rubric ids) this answer shows; they earn the model's steps.
    #[serde(default, deserialize_with = "exact")]
    pub shows: ThinVec<String>,
    /// Pitfall ids this answer falls into.
    #[serde(default, deserialize_with = "exact")]
    pub pitfalls: ThinVec<String>,
    /// Set when this answer gives wrong information about rights, terms or procedures:
    /// the correct fact, in one sentence. Flagged and corrected in the debrief.
    #[serde(default)]
    pub wrong_fact: Option<Box<str>>,
    #[serde(default)]
    pub mood: MoodShift,
    /// Why this answer works or does not; shown in the debrief.
    pub explain: Box<str>,
    /// Where the conversation goes unless a branch matches.
    pub next: Box<str>,
    /// Conditional targets, tried in order before `next`.
    #[serde(default, deserialize_with = "exact")]
    pub branches: ThinVec<Branch>,
    /// Flags set when this answer is given (conditions can test them later).
    #[serde(default, deserialize_with = "exact")]
    pub sets: ThinVec<String>,
}

impl Choice {
    /// Where this answer can lead: `next`, then its branches' targets (unchecked ids).
    pub fn targets(&self) -> impl Iterator<Item = &str> {
        std::iter::once(&*self.next).chain(self.branches.iter().map(|b| b.to.as_str()))
    }
}

/// Go to `to` when `when` holds (evaluated after this answer's mood shift).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    pub when: Condition,
    pub to: TargetId,
}

/// When a branch is taken, as a file writes it: flags by name.
pub type Condition = ConditionOf<String>;

/// A branch condition over the mood and the flags, with flags in the form `F`: names in a
/// file ([`Condition`]), bits in the path analysis. One evaluation serves every form:
/// [`crate::scenario::mood::condition_holds_by`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename = "Condition")]
pub enum ConditionOf<F> {
    AngerAtLeast(u8),
    AngerBelow(u8),
    TrustAtLeast(u8),
    TrustBelow(u8),
    Flag(F),
    NotFlag(F),
    All(Vec<ConditionOf<F>>),
    Any(Vec<ConditionOf<F>>),
}

impl<F> ConditionOf<F> {
    /// The same condition with every flag `f` replaced by `to(f)`.
    pub fn map_flags<'s, G>(&'s self, to: &mut impl FnMut(&'s F) -> G) -> ConditionOf<G> {
        match self {
            ConditionOf::AngerAtLeast(n) => ConditionOf::AngerAtLeast(*n),
            ConditionOf::AngerBelow(n) => ConditionOf::AngerBelow(*n),
            ConditionOf::TrustAtLeast(n) => ConditionOf::TrustAtLeast(*n),
            ConditionOf::TrustBelow(n) => ConditionOf::TrustBelow(*n),
            ConditionOf::Flag(f) => ConditionOf::Flag(to(f)),
            ConditionOf::NotFlag(f) => ConditionOf::NotFlag(to(f)),
            ConditionOf::All(cs) => ConditionOf::All(cs.iter().map(|c| c.map_flags(to)).collect()),
            ConditionOf::Any(cs) => ConditionOf::Any(cs.iter().map(|c| c.map_flags(to)).collect()),
        }
    }
}

/// A multi-select turn, scored against a checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Select {
    /// The instruction, e.g. "Which elements belong in the written notice?"
    pub prompt: String,
    #[serde(deserialize_with = "exact")]
    pub items: Vec<SelectItem>,
    /// Mood shift applied once the selection is submitted.
    #[serde(default)]
    pub mood: MoodShift,
    pub next: TargetId,
    #[serde(default, deserialize_with = "exact")]
    pub branches: ThinVec<Branch>,
}

impl Select {
    /// Where the selection can lead: `next`, then its branches' targets (unchecked ids).
    pub fn targets(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.next.as_str()).chain(self.branches.iter().map(|b| b.to.as_str()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelectItem {
    pub text: String,
    /// Whether the item belongs in a careful answer (the checklist).
    pub belongs: bool,
    /// Attention points earned by selecting it.
    #[serde(default, deserialize_with = "exact")]
    pub shows: ThinVec<String>,
    /// Pitfalls fallen into by selecting it.
    #[serde(default, deserialize_with = "exact")]
    pub pitfalls: ThinVec<String>,
    /// Set when selecting this item states something wrong: the correct fact.
    #[serde(default)]
    pub wrong_fact: Option<Box<str>>,
    pub explain: String,
    /// Flags set when selected.
    #[serde(default, deserialize_with = "exact")]
    pub sets: ThinVec<String>,
}

/// How a conversation can end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub outcome: Outcome,
    pub title: String,
    /// What happens after the conversation; shown at the end and in the debrief.
    pub narrative: String,
    /// An optional last line of the complainant.
    #[serde(default)]
    pub says: Option<String>,
    /// Overrides the scenario's `complaint` on paths that end here.
    #[serde(default)]
    pub complaint: Option<Complaint>,
    /// Steps of the model that do not apply on this ending (a threatening call correctly
    /// ended leaves no room to evaluate or thank): the total is taken over the others.
    #[serde(default)]
    pub not_applicable: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Outcome {
    Resolved,
    PartlyResolved,
    Referred,
    Boundary,
    Escalated,
    Abandoned,
}

impl Outcome {
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Resolved => "resolved",
            Outcome::PartlyResolved => "partly_resolved",
            Outcome::Referred => "referred",
            Outcome::Boundary => "boundary",
            Outcome::Escalated => "escalated",
            Outcome::Abandoned => "abandoned",
        }
    }
}

/// The facilitator layer: what a trainer needs to run the scenario in a group. Optional;
/// it never changes a session or a score (and is left out of the content hash).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facilitator {
    /// How to run it: time, group, what to say before and after.
    #[serde(default)]
    pub plan: Option<SessionPlan>,
    /// Discussion questions at the moments worth stopping.
    #[serde(default)]
    pub questions: Vec<Question>,
    /// Choices where trainers disagree, and why.
    #[serde(default)]
    pub contested: Vec<Contested>,
    /// Options and endings that illustrate a vuistregel or behoorlijkheidsnorm.
    #[serde(default)]
    pub links: Vec<NormLink>,
}

/// The session plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionPlan {
    /// Minutes for the whole session, play and discussion together.
    pub minutes: u16,
    /// Group size, smallest and largest: `group: (6, 16)`.
    pub group: (u8, u8),
    /// What the facilitator says before the play.
    pub before: String,
    /// What the facilitator says after it, before the debrief.
    pub after: String,
}

/// A discussion question at a node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The node (or ending) where the facilitator stops the play to ask.
    pub node: TargetId,
    pub ask: String,
    /// What to listen for in the answers.
    pub listen_for: Vec<String>,
}

/// A contested choice: one option of one node, and why trainers disagree about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contested {
    pub node: TargetId,
    /// The option, counted from 1 in file order (or the select item).
    pub option: usize,
    pub why: String,
}

/// A link from an option (or a whole node, or an ending) to norms it illustrates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormLink {
    /// A node or an ending.
    pub at: TargetId,
    /// The option of the node, counted from 1 in file order (`option: Some(2)`); `None` for the node or the
    /// ending itself.
    #[serde(default)]
    pub option: Option<usize>,
    /// Ids from [`super::norms::NORMS`], e.g. `"vr_eerst_oplossen"`, `"bn_luisteren"`.
    pub norms: Vec<String>,
    /// One line: how the option shows (or breaks) the norm.
    pub note: String,
}

impl Scenario {
    /// The discussion questions asked at `node` (in file order; empty without a
    /// facilitator layer). For the classroom key that shows a node's question.
    pub fn questions_at(&self, node: &str) -> Vec<&Question> {
        self.facilitator
            .as_ref()
            .map(|f| f.questions.iter().filter(|q| q.node == node).collect())
            .unwrap_or_default()
    }

    /// The first discussion question at `node`, if any.
    pub fn question_at(&self, node: &str) -> Option<&Question> {
        self.questions_at(node).into_iter().next()
    }

    /// The session plan, if the scenario has one.
    pub fn plan(&self) -> Option<&SessionPlan> {
        self.facilitator.as_ref().and_then(|f| f.plan.as_ref())
    }
}
