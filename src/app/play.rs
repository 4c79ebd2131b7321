//! The app's one door to the engine: starts `engine::Session`s, passes answers on, and
//! rewinds by replaying. Nothing here scores; the screens read the session, its prompt
//! and `debrief::build_in`.

use std::sync::Arc;

use crate::engine::{Answer, AnswerError, Session, SessionEvent, StartError};
use crate::rubric::model::Rubric;
use crate::scenario::model::{Mood, Scenario};

/// Something the screens announce the moment it happens.
#[derive(Debug, Clone, PartialEq)]
pub enum Announcement {
    /// A pitfall fell (shown at once in practice mode).
    Pitfall { id: String },
    /// The emotion flared up.
    FlareUp,
    /// Wrong information was given; `correct` is the right fact.
    WrongInformation { correct: String },
}

/// A running or finished conversation, with what is needed to rewind it.
#[derive(Debug)]
pub struct Play {
    pub scenario: Arc<Scenario>,
    pub seed: u64,
    pub session: Session,
    rubric: Arc<Rubric>,
    start_node: String,
    start_mood: Mood,
}

impl Play {
    /// A new session at the scenario's start.
    pub fn start(scenario: Arc<Scenario>, rubric: &Rubric, seed: u64) -> Result<Play, StartError> {
        let node = scenario.start.clone();
        let mood = scenario.complainant.mood;
        Play::start_at(scenario, rubric, seed, &node, mood)
    }

    /// A new session at any node with a chosen mood ("test from here").
    pub fn start_at(
        scenario: Arc<Scenario>,
        rubric: &Rubric,
        seed: u64,
        node: &str,
        mood: Mood,
    ) -> Result<Play, StartError> {
        let session = Session::start_at(scenario.clone(), rubric, seed, node, mood)?;
        Ok(Play {
            scenario,
            seed,
            session,
            rubric: Arc::new(rubric.clone()),
            start_node: node.to_string(),
            start_mood: mood,
        })
    }

    /// The same start replayed with `picks`; stops at the first answer that no longer fits.
    pub fn replay(&self, picks: &[Answer]) -> Result<Play, StartError> {
        let mut play = Play::start_at(
            self.scenario.clone(),
            &self.rubric,
            self.seed,
            &self.start_node,
            self.start_mood,
        )?;
        for pick in picks {
            if play.answer(pick.clone()).is_err() {
                break;
            }
        }
        Ok(play)
    }

    /// The same session rewound to just before turn `n` (1-based).
    pub fn rewind_to(&self, n: usize) -> Result<Play, StartError> {
        let picks = self.picks();
        let keep = n.saturating_sub(1).min(picks.len());
        self.replay(&picks[..keep])
    }

    /// Whether the session started at the scenario's start with its start mood (and so
    /// can be saved as a record and replayed).
    pub fn is_from_start(&self) -> bool {
        self.start_node == self.scenario.start && self.start_mood == self.scenario.complainant.mood
    }

    pub fn mood(&self) -> Mood {
        self.session.mood()
    }

    /// Number of answered turns.
    pub fn turn_count(&self) -> usize {
        self.session.turns().len()
    }

    /// The answers so far, as displayed.
    pub fn picks(&self) -> Vec<Answer> {
        self.session.answers().to_vec()
    }

    /// The answers in the records' spelling.
    pub fn spelled(&self) -> Vec<String> {
        self.session
            .answers()
            .iter()
            .map(Answer::to_string)
            .collect()
    }

    /// The ending id once the conversation reached one.
    pub fn ending(&self) -> Option<&str> {
        self.session.ending()
    }

    /// Over: an ending, or the engine's turn limit.
    pub fn finished(&self) -> bool {
        self.session.is_over()
    }

    /// Answers the current turn; the session is unchanged when the answer is refused.
    pub fn answer(&mut self, pick: Answer) -> Result<Vec<Announcement>, AnswerError> {
        let events = self.session.answer(pick)?;
        Ok(events
            .into_iter()
            .filter_map(|e| match e {
                SessionEvent::PitfallFlagged { pitfall, .. } => {
                    Some(Announcement::Pitfall { id: pitfall })
                }
                SessionEvent::FlaredUp { .. } => Some(Announcement::FlareUp),
                SessionEvent::WrongInformation { correct, .. } => {
                    Some(Announcement::WrongInformation { correct })
                }
                _ => None,
            })
            .collect())
    }
}
