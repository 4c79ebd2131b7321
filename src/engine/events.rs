//! What a session reports after each answer, as plain data for the app and the command
//! line to show (and for `--format json`).

use serde::Serialize;

use crate::scenario::model::{Mood, Outcome};

/// Something that happened, for the app and the command line to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum SessionEvent {
    /// The complainant speaks at a node.
    LineSaid {
        node: String,
        line: String,
        flared: bool,
    },
    MoodChanged {
        before: Mood,
        after: Mood,
    },
    /// The emotion flared up on arrival at `from`; the conversation went to `to`.
    FlaredUp {
        from: String,
        to: String,
    },
    /// An attention point; `step` is `None` for a learning point.
    PointEarned {
        step: Option<String>,
        point: String,
        credit: u32,
    },
    /// A flare-up answered by going back to the model's first step: extra credit there.
    BackToListening {
        step: String,
        credit: u32,
    },
    /// A flare-up answered without going back to listening.
    FlareMissed {
        penalty: u32,
    },
    PitfallFlagged {
        pitfall: String,
        nth: u32,
        penalty: u32,
    },
    /// Wrong information was given; `correct` is the right fact.
    WrongInformation {
        correct: String,
        penalty: u32,
    },
    Ended {
        ending: String,
        outcome: Outcome,
    },
    /// [`MAX_TURNS`] turns without an ending: the conversation stops.
    TurnLimitReached,
}
