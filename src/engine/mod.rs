//! The conversation engine: a deterministic session state machine over a scenario.
//!
//! A [`Session`] owns the scenario (`Arc`) and the model's scorer; the trainee answers
//! with [`Answer`]s (1-based positions as displayed) and gets plain-data
//! [`SessionEvent`]s back. Same scenario, seed and answers give the same session.

mod answer;
mod events;
mod extreme;
mod lookup;
pub mod random;
mod session;

pub use extreme::{follow_path, play_extreme, seed_for_path, start_point};
pub use session::{
    Answer, AnswerError, AnswerTags, MAX_TURNS, Prepared, Prompt, PromptKind, RebuildError,
    Session, SessionEvent, ShownItem, ShownOption, StartError, StartPoint, Stop, Turn, answer_tags,
};
