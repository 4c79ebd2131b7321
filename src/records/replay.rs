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
            parse_strict(text).map_err(|message| PlayError::Parse {
                position: i + 1,
                text: crate::text::line(text).into_owned(),
                message,
            })
        })
        .collect()
}

/// Parses one answer strictly: `2`, `1+3` or `+2`; empty items (`1++3`, `++2`, `3+`)
/// are refused.
pub fn parse_strict(text: &str) -> Result<Answer, String> {
    let t = text.trim();
    let body = t.strip_prefix('+').unwrap_or(t);
    if body.split('+').any(|p| p.trim().is_empty()) && !t.is_empty() && t.contains('+') {
        return Err(format!(
            "`{}` has an empty item: join numbers with one `+`, e.g. 1+3",
            crate::text::line(t)
        ));
    }
    t.parse::<Answer>()
        .map_err(|m| crate::text::line(&m).into_owned())
}

/// Parses an answer typed for the current turn: as [`parse_strict`], and a `+` list on a
/// turn that asks for one option is refused instead of read as that option.
pub fn parse_for(session: &Session, text: &str) -> Result<Answer, String> {
    let answer = parse_strict(text)?;
    if matches!(answer, Answer::Select(_))
        && matches!(
            session.prompt().map(|p| p.kind),
            Some(PromptKind::Options(_))
        )
    {
        return Err("this turn asks for one option: type a single number, without `+`".to_string());
    }
    Ok(answer)
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

/// The session's choices in file order (1-based file indices), as records keep them.
pub fn file_choices(session: &Session) -> Vec<String> {
    session
        .turns()
        .iter()
        .map(|t| {
            let parts: Vec<String> = t.chosen.iter().map(|i| (i + 1).to_string()).collect();
            parts.join("+")
        })
        .collect()
}

/// A choice in file order (1-based file indices) → the answer as displayed now.
pub fn displayed(session: &Session, file: &Answer) -> Result<Answer, String> {
    let Some(prompt) = session.prompt() else {
        return Err("the conversation has already ended".to_string());
    };
    let indices: Vec<usize> = match file {
        Answer::Pick(n) => vec![*n],
        Answer::Select(items) => items.clone(),
    };
    let shown: Vec<(usize, usize)> = match &prompt.kind {
        PromptKind::Options(options) => options.iter().map(|o| (o.index, o.position)).collect(),
        PromptKind::Select { items, .. } => items.iter().map(|i| (i.index, i.position)).collect(),
    };
    let mut positions = Vec::with_capacity(indices.len());
    for n in indices {
        let Some(&(_, pos)) = shown.iter().find(|(index, _)| n >= 1 && *index == n - 1) else {
            return Err(format!(
                "there is no option {n} in the file at this turn (it has {})",
                shown.len()
            ));
        };
        positions.push(pos);
    }
    Ok(match (file, &prompt.kind) {
        (Answer::Pick(_), PromptKind::Options(_)) => Answer::Pick(positions[0]),
        _ => Answer::Select(positions),
    })
}

/// Plays `n` answers from the start; `next(session, i)` gives answer `i` (0-based).
fn play_with(
    scenario: Arc<Scenario>,
    rubric: &Rubric,
    seed: u64,
    lang: Option<Language>,
    texts: &[String],
    next: impl Fn(&Session, &Answer) -> Result<Answer, String>,
) -> Result<Played, PlayError> {
    let parsed = parse_answers(texts)?;
    let lang = lang.unwrap_or(scenario.language);
    let mut session = Session::start(scenario, rubric, seed).map_err(PlayError::Start)?;
    for (i, given) in parsed.iter().enumerate() {
        let shown = given.to_string();
        let failed = |message: String| PlayError::Answer {
            position: i + 1,
            answer: shown.clone(),
            message,
        };
        let answer = next(&session, given).map_err(failed)?;
        let answer = fit_answer(&session, answer);
        session
            .answer(answer)
            .map_err(|err| failed(err.to_string()))?;
    }
    let debrief = debrief::build_in(&session, rubric, lang);
    Ok(Played { session, debrief })
}

/// Plays `answers` (displayed positions) from the start with `seed` and builds the
/// debrief (rubric texts in `lang`, default the scenario's language). Stops with an error
/// at the first answer that does not fit; running out of answers before an ending is fine
/// (an open debrief).
pub fn play(
    scenario: Arc<Scenario>,
    rubric: &Rubric,
    seed: u64,
    answers: &[String],
    lang: Option<Language>,
) -> Result<Played, PlayError> {
    play_with(scenario, rubric, seed, lang, answers, |_, a| Ok(a.clone()))
}

/// As [`play`] with choices in file order (a record's `choices`).
pub fn play_file_order(
    scenario: Arc<Scenario>,
    rubric: &Rubric,
    seed: u64,
    choices: &[String],
    lang: Option<Language>,
) -> Result<Played, PlayError> {
    play_with(scenario, rubric, seed, lang, choices, displayed)
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
    #[error(
        "the record is for scenario `{}`, but the scenario found is `{}`",
        crate::text::line(record),
        crate::text::line(found)
    )]
    WrongScenario { record: String, found: String },
    #[error(
        "the scenario changed since this session was played (recorded {}, now {}): it cannot be continued",
        crate::text::line(recorded),
        crate::text::line(current)
    )]
    Stale { recorded: String, current: String },
    #[error(
        "the scenario changed since this session was played (recorded {}, now {}) and the answers no longer fit: {error}",
        crate::text::line(recorded),
        crate::text::line(current)
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
    let current = crate::scenario::hash::content_hash(&scenario);
    let changed = (current != record.hash).then(|| (record.hash.clone(), current.clone()));
    let played = if record.answers.is_empty() {
        play_file_order(scenario, rubric, record.seed, &record.choices, lang)
    } else {
        play(scenario, rubric, record.seed, &record.answers, lang)
    };
    match played {
        Ok(mut played) => {
            played.debrief.self_assessment = record.self_assessment.clone();
            if let Some(room) = &record.room_votes {
                played.debrief.room_votes = crate::vote::room_votes(room, &played.debrief);
            }
            Ok(Replayed { played, changed })
        }
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

/// Rebuilds an unfinished session to continue it: the scenario must be exactly the
/// version it was played on (content hash) and every recorded answer must fit. Returns
/// the answers as displayed now, for the app to replay into its own session.
pub fn resume(
    record: &Record,
    scenario: Arc<Scenario>,
    rubric: &Rubric,
) -> Result<Vec<Answer>, ReplayError> {
    let current = crate::scenario::hash::content_hash(&scenario);
    if current != record.hash {
        return Err(ReplayError::Stale {
            recorded: record.hash.clone(),
            current,
        });
    }
    let replayed = replay(record, scenario, rubric, None)?;
    Ok(replayed.played.session.answers().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debrief::SelfAssessment;
    use crate::debrief::self_view::{pitfall_check, step_gaps};
    use crate::rubric::model::Rubric;

    #[test]
    fn the_biggest_gap_between_own_view_and_score_comes_first() {
        let scenario = crate::scenario::bundled()
            .into_iter()
            .filter_map(|b| crate::scenario::load_str(b.text, std::path::Path::new(b.path)).ok())
            .find(|s| s.id == "afval-ouderen")
            .map(std::sync::Arc::new)
            .unwrap();
        // The golden "mediocre" case: listening 60, evaluate 0, pitfalls
        // premature_concession and shifting_blame.
        let answers: Vec<String> = "1,2,1,2,1,1,3,2,1,2,3,1,1,1,1,2,1,3"
            .split(',')
            .map(str::to_string)
            .collect();
        let mut d = play(scenario, Rubric::bundled(), 1, &answers, None)
            .unwrap()
            .debrief;
        assert!(step_gaps(&d).is_empty(), "no self-assessment, no gaps");
        d.self_assessment = Some(SelfAssessment {
            how_it_went: String::new(),
            steps: [
                ("active_listening".to_string(), 5),
                ("evaluate".to_string(), 4),
            ]
            .into(),
            pitfalls: vec!["shifting_blame".to_string(), "justifying".to_string()],
        });
        let gaps = step_gaps(&d);
        assert_eq!(gaps.len(), 2);
        assert_eq!((gaps[0].step.as_str(), gaps[0].gap), ("evaluate", -75));
        assert_eq!(
            (gaps[1].step.as_str(), gaps[1].gap),
            ("active_listening", -40)
        );
        let check = pitfall_check(&d);
        assert_eq!(check.seen, ["shifting_blame"]);
        assert_eq!(check.missed, ["premature_concession"]);
        assert_eq!(check.feared, ["justifying"]);
    }
}
