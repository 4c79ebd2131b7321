//! Rebuilding a session and its debrief from answers, and from a saved [`Record`]:
//! the one path the command line, the golden tests and the class report share.

use std::sync::Arc;

use crate::debrief::{self, Debrief};
use crate::engine::{Answer, PromptKind, Session};
use crate::rubric::model::Rubric;
use crate::scenario::model::{Language, Scenario};

use super::Record;

/// A session rebuilt from its answers, with its debrief.
#[derive(Debug)]
pub struct Played {
    pub session: Session,
    pub debrief: Debrief,
}

/// Why answers could not be replayed.
#[derive(Debug, thiserror::Error)]
pub enum PlayError {
    #[error("choice {position} (`{text}`) is not an answer: {message}")]
    Parse {
        /// 1-based position in the list.
        position: usize,
        text: String,
        message: String,
    },
    #[error("{0}")]
    Start(crate::engine::StartError),
    #[error("choice {position} (`{answer}`) does not fit turn {position}: {message}")]
    Answer {
        position: usize,
        answer: String,
        message: String,
    },
}

/// Parses answers as displayed (`"2"`, `"1+3"`).
pub fn parse_answers(answers: &[String]) -> Result<Vec<Answer>, PlayError> {
    answers
        .iter()
        .enumerate()
        .map(|(i, text)| {
            text.parse::<Answer>().map_err(|message| PlayError::Parse {
                position: i + 1,
                text: text.clone(),
                message,
            })
        })
        .collect()
}

/// Fits an answer to the current turn: a single number on a multi-select turn means a
/// one-item selection (`Answer::Select([3])` is displayed as `3`, so records and
/// `--choices` write it that way).
pub fn fit_answer(session: &Session, answer: Answer) -> Answer {
    match (&answer, session.prompt().map(|p| p.kind)) {
        (Answer::Pick(n), Some(PromptKind::Select { .. })) => Answer::Select(vec![*n]),
        _ => answer,
    }
}

/// Plays `answers` from the start with `seed` and builds the debrief (rubric texts in
/// `lang`, default the scenario's language). Stops with an error at the first answer that
/// does not fit; running out of answers before an ending is fine (an open debrief).
pub fn play(
    scenario: Arc<Scenario>,
    rubric: &Rubric,
    seed: u64,
    answers: &[String],
    lang: Option<Language>,
) -> Result<Played, PlayError> {
    let parsed = parse_answers(answers)?;
    let lang = lang.unwrap_or(scenario.language);
    let mut session = Session::start(scenario, rubric, seed).map_err(PlayError::Start)?;
    for (i, answer) in parsed.into_iter().enumerate() {
        let shown = answer.to_string();
        let answer = fit_answer(&session, answer);
        session.answer(answer).map_err(|err| PlayError::Answer {
            position: i + 1,
            answer: shown,
            message: err.to_string(),
        })?;
    }
    let debrief = debrief::build_in(&session, rubric, lang);
    Ok(Played { session, debrief })
}

/// A record replayed against the scenario as it is now.
#[derive(Debug)]
pub struct Replayed {
    pub played: Played,
    /// `Some((recorded, current))` when the scenario changed since the record was made.
    pub changed: Option<(String, String)>,
}

/// Why a record could not be replayed.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error("the record is for scenario `{record}`, but the scenario found is `{found}`")]
    WrongScenario { record: String, found: String },
    #[error(
        "the scenario changed since this session was played (recorded {recorded}, now {current}) and the answers no longer fit: {error}"
    )]
    Changed {
        recorded: String,
        current: String,
        error: PlayError,
    },
    #[error(transparent)]
    Play(PlayError),
}

/// Replays a record. When the scenario's content hash differs from the recorded one, the
/// replay still runs as long as the answers fit, and [`Replayed::changed`] says so.
pub fn replay(
    record: &Record,
    scenario: Arc<Scenario>,
    rubric: &Rubric,
    lang: Option<Language>,
) -> Result<Replayed, ReplayError> {
    if scenario.id != record.scenario {
        return Err(ReplayError::WrongScenario {
            record: record.scenario.clone(),
            found: scenario.id.clone(),
        });
    }
    let current = debrief::content_hash(&scenario);
    let changed = (current != record.hash).then(|| (record.hash.clone(), current.clone()));
    match play(scenario, rubric, record.seed, &record.answers, lang) {
        Ok(played) => Ok(Replayed { played, changed }),
        Err(error) => match changed {
            Some((recorded, current)) => Err(ReplayError::Changed {
                recorded,
                current,
                error,
            }),
            None => Err(ReplayError::Play(error)),
        },
    }
}
