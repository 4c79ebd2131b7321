//! The session state machine: where the conversation is, the mood, the flags, the
//! transcript and the running score.
//!
//! Randomness comes from one `ChaCha8Rng::seed_from_u64(seed)` per session, drawn in a
//! fixed order each time the conversation arrives at a node:
//! 1. if the node has a flare (and was not itself reached by a flare-up): one draw
//!    `random_range(0..100)`; below the temperament-adjusted chance the emotion flares
//!    up and the conversation moves to `flare.to` (flare-ups do not chain, so the target
//!    node's own flare is not rolled);
//! 2. if the node (after a flare-up: the target) has more than one line variant: one draw
//!    `random_range(0..variants)`;
//! 3. if `shuffle_options` is on and there is more than one option (or select item): one
//!    Fisher–Yates shuffle of the display order (`SliceRandom::shuffle`).
//!
//! Answers draw nothing. The same scenario, seed and answers therefore always give the
//! same session, and [`Session::replay`] rebuilds one from its answer log.
//!
//! A conversation that runs [`MAX_TURNS`] turns without reaching an ending stops with
//! [`Stop::TurnLimit`]: random play always terminates, even in a scenario whose loops
//! never force an ending.
//!
//! Longer than most files on purpose: the session's public types, its state machine and
//! answer validation are read together; what turns look up is in `lookup.rs`.

use std::collections::BTreeSet;
use std::sync::Arc;

use rand::rngs::ChaCha8Rng;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use serde::Serialize;

pub use super::answer::Answer;
pub use super::events::SessionEvent;
use super::lookup::{Lookup, Place};
use crate::rubric::model::{ModelRubric, Rubric};
use crate::rubric::score::{Finish, ScoreEvent, Scorer, Tally};
use crate::scenario::model::{
    Branch, Choice, ModelId, Mood, MoodShift, Node, Scenario, SelectItem,
};
use crate::scenario::mood::{condition_holds, shift_mood};

/// A conversation stops after this many turns if no ending was reached.
pub const MAX_TURNS: usize = 400;

/// Why an answer was refused. The session is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("the conversation has ended")]
    Ended,
    #[error("there is no option {given}: choose 1 to {count}")]
    OutOfRange { given: usize, count: usize },
    #[error("this turn asks to pick one option, not a selection")]
    ExpectedPick,
    #[error("item {0} is selected twice")]
    Duplicate(usize),
    #[error("select at least one item")]
    EmptySelection,
}

/// Why a session could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StartError {
    #[error("the rubric has no model `{}`", .0.id())]
    UnknownModel(ModelId),
    #[error("the rubric cannot be used: {0}")]
    BadRubric(String),
    #[error("there is no node `{0}`")]
    UnknownNode(String),
    #[error("the scenario is not playable: {0} (run `klachtwijs check`)")]
    Invalid(String),
}

/// Why a session could not be rebuilt from its answer log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RebuildError {
    #[error(transparent)]
    Start(#[from] StartError),
    #[error("answer {} ({answer}) does not fit: {error}", .turn + 1)]
    Answer {
        /// 0-based index of the refused answer.
        turn: usize,
        answer: Answer,
        error: AnswerError,
    },
}

/// One answered turn of the transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Turn {
    /// 0-based.
    pub index: usize,
    pub node: String,
    /// The line the complainant said, and which variant it was.
    pub line: String,
    pub variant: usize,
    /// Whether this node was reached by a flare-up.
    pub flared: bool,
    pub mood_before: Mood,
    pub mood_after: Mood,
    /// The answer as given (displayed positions).
    pub answer: Answer,
    /// The chosen options or items as 0-based indices in file order.
    pub chosen: Vec<usize>,
    /// The display order: `order[position - 1]` is the file index shown there.
    pub order: Vec<usize>,
    /// The chosen texts, in the order of `chosen`.
    pub texts: Vec<String>,
    /// The node or ending the answer led to (before any flare-up there).
    pub next: String,
}

/// Why the conversation is over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Stop {
    Ending(String),
    TurnLimit,
}

/// Where the conversation stands: at a node, waiting for an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Waiting {
    node: String,
    /// The node's place in [`Lookup::nodes`], which is its place in the scenario's `nodes`.
    index: u32,
    variant: usize,
    flared: bool,
    order: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    At(Waiting),
    Over(Stop),
}

/// An option as displayed.
#[derive(Debug, Clone, Copy)]
pub struct ShownOption<'a> {
    /// 1-based position on screen.
    pub position: usize,
    /// 0-based index in the file.
    pub index: usize,
    pub choice: &'a Choice,
}

/// A select item as displayed.
#[derive(Debug, Clone, Copy)]
pub struct ShownItem<'a> {
    pub position: usize,
    pub index: usize,
    pub item: &'a SelectItem,
}

#[derive(Debug, Clone)]
pub enum PromptKind<'a> {
    Options(Vec<ShownOption<'a>>),
    Select {
        prompt: &'a str,
        items: Vec<ShownItem<'a>>,
    },
}

/// What the trainee sees now.
#[derive(Debug, Clone)]
pub struct Prompt<'a> {
    pub node: &'a str,
    pub line: &'a str,
    pub thought: Option<&'a str>,
    pub hint: Option<&'a str>,
    /// The emotion just flared up: going back to listening is what the model asks.
    pub flared: bool,
    pub mood: Mood,
    /// 0-based index of the turn about to be answered.
    pub turn: usize,
    /// The step the conversation is in: the step of the latest point earned.
    pub step: Option<usize>,
    pub kind: PromptKind<'a>,
}

/// A conversation in progress (or finished).
#[derive(Debug)]
pub struct Session {
    scenario: Arc<Scenario>,
    rubric: Arc<ModelRubric>,
    scorer: Arc<Scorer>,
    lookup: Arc<Lookup>,
    seed: u64,
    rng: ChaCha8Rng,
    mood: Mood,
    flags: BTreeSet<String>,
    turns: Vec<Turn>,
    answers: Vec<Answer>,
    tally: Tally,
    state: State,
    test_from: Option<StartPoint>,
}

/// Where a session starts: a node, the mood there and the flags already set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StartPoint {
    pub node: String,
    pub mood: Mood,
    pub flags: BTreeSet<String>,
}

/// A scenario checked for play, with its model's rubric and scorer: the part of starting
/// a session that does not depend on the seed, done once for many sessions (`explore`).
#[derive(Debug, Clone)]
pub struct Prepared {
    scenario: Arc<Scenario>,
    rubric: Arc<ModelRubric>,
    scorer: Arc<Scorer>,
    lookup: Arc<Lookup>,
}

impl Prepared {
    pub fn new(scenario: Arc<Scenario>, rubric: &Rubric) -> Result<Prepared, StartError> {
        let model = rubric
            .model(scenario.model)
            .ok_or(StartError::UnknownModel(scenario.model))?;
        let scorer = Scorer::new(model).map_err(StartError::BadRubric)?;
        validate(&scenario)?;
        Ok(Prepared {
            lookup: Arc::new(Lookup::new(&scenario, &scorer)),
            scenario,
            rubric: Arc::new(model.clone()),
            scorer: Arc::new(scorer),
        })
    }

    /// A session at the scenario's start node with its start mood.
    pub fn start(&self, seed: u64) -> Result<Session, StartError> {
        let scenario = &self.scenario;
        self.start_at(seed, &scenario.start, scenario.complainant.mood)
    }

    /// As [`Session::start_at`].
    pub fn start_at(&self, seed: u64, node: &str, mood: Mood) -> Result<Session, StartError> {
        let point = StartPoint {
            node: node.to_string(),
            mood,
            flags: BTreeSet::new(),
        };
        self.start_from(seed, point)
    }

    /// As [`Session::start_from`].
    pub fn start_from(&self, seed: u64, point: StartPoint) -> Result<Session, StartError> {
        let StartPoint { node, mood, flags } = point;
        if !self.scenario.nodes.contains_key(&node) {
            return Err(StartError::UnknownNode(node));
        }
        let mut session = self.session(seed, mood);
        session.flags = flags.clone();
        let own_start = node == session.scenario.start
            && session.mood == session.scenario.complainant.mood
            && flags.is_empty();
        if !own_start {
            session.test_from = Some(StartPoint {
                node: node.clone(),
                mood: session.mood,
                flags,
            });
        }
        // Nothing reads the opening's events (the prompt shows the line): arrive quietly,
        // which draws the same random numbers.
        session.arrive(&node, None);
        Ok(session)
    }

    /// A session that has not arrived anywhere yet.
    fn session(&self, seed: u64, mood: Mood) -> Session {
        Session {
            scenario: Arc::clone(&self.scenario),
            rubric: Arc::clone(&self.rubric),
            scorer: Arc::clone(&self.scorer),
            lookup: Arc::clone(&self.lookup),
            seed,
            rng: ChaCha8Rng::seed_from_u64(seed),
            mood: Mood {
                anger: mood.anger.min(100),
                trust: mood.trust.min(100),
            },
            flags: BTreeSet::new(),
            turns: Vec::new(),
            answers: Vec::new(),
            tally: Tally::new(),
            state: State::Over(Stop::TurnLimit),
            test_from: None,
        }
    }
}

impl Session {
    /// Starts at the scenario's start node with its start mood.
    pub fn start(
        scenario: Arc<Scenario>,
        rubric: &Rubric,
        seed: u64,
    ) -> Result<Session, StartError> {
        Prepared::new(scenario, rubric)?.start(seed)
    }

    /// Starts at any node with a given mood and no flags ("test from here"); see
    /// [`Session::start_from`].
    pub fn start_at(
        scenario: Arc<Scenario>,
        rubric: &Rubric,
        seed: u64,
        node: &str,
        mood: Mood,
    ) -> Result<Session, StartError> {
        Prepared::new(scenario, rubric)?.start_at(seed, node, mood)
    }

    /// Starts at any node with a given mood and flags already set ("play from here").
    /// The arrival is the same as in play: the node's flare is rolled. Unless the point is
    /// the scenario's own start (its start node and mood, no flags), the session is a
    /// *test from a node*: [`Session::test_from`] says so and the debrief shows it.
    pub fn start_from(
        scenario: Arc<Scenario>,
        rubric: &Rubric,
        seed: u64,
        point: StartPoint,
    ) -> Result<Session, StartError> {
        Prepared::new(scenario, rubric)?.start_from(seed, point)
    }

    /// Rebuilds a session from its answer log.
    pub fn replay(
        scenario: Arc<Scenario>,
        rubric: &Rubric,
        seed: u64,
        answers: &[Answer],
    ) -> Result<Session, RebuildError> {
        let mut session = Session::start(scenario, rubric, seed)?;
        for (turn, answer) in answers.iter().enumerate() {
            session
                .answer(answer.clone())
                .map_err(|error| RebuildError::Answer {
                    turn,
                    answer: answer.clone(),
                    error,
                })?;
        }
        Ok(session)
    }

    /// Where this session was started when it is a test from a node (started anywhere
    /// but the scenario's own start, or with flags set); `None` for a normal session.
    pub fn test_from(&self) -> Option<&StartPoint> {
        self.test_from.as_ref()
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    /// The rubric of the scenario's model.
    pub fn model_rubric(&self) -> &ModelRubric {
        &self.rubric
    }

    pub fn scorer(&self) -> &Scorer {
        &self.scorer
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn mood(&self) -> Mood {
        self.mood
    }

    pub fn flags(&self) -> &BTreeSet<String> {
        &self.flags
    }

    pub fn turns(&self) -> &[Turn] {
        &self.turns
    }

    pub fn answers(&self) -> &[Answer] {
        &self.answers
    }

    pub fn tally(&self) -> &Tally {
        &self.tally
    }

    /// How the conversation finished as far as scoring cares: the ending's repair route
    /// and the steps that apply (every step while it runs).
    pub fn finish(&self) -> Finish {
        let ending = self.ending().and_then(|id| self.scenario.endings.get(id));
        self.scorer.finish(&self.scenario, ending)
    }

    /// The running total, 0..=100.
    pub fn score(&self) -> u32 {
        self.tally.total(&self.scorer, self.finish())
    }

    /// The running step scores, in model order.
    pub fn step_scores(&self) -> Vec<u32> {
        self.tally.step_scores(&self.scorer, self.finish())
    }

    /// The ending reached, if any.
    pub fn ending(&self) -> Option<&str> {
        match &self.state {
            State::Over(Stop::Ending(e)) => Some(e),
            _ => None,
        }
    }

    /// Why the conversation is over, or `None` while it runs.
    pub fn stop(&self) -> Option<&Stop> {
        match &self.state {
            State::Over(stop) => Some(stop),
            State::At(_) => None,
        }
    }

    pub fn is_over(&self) -> bool {
        matches!(self.state, State::Over(_))
    }

    /// The node waiting for an answer.
    pub fn current_node(&self) -> Option<&str> {
        match &self.state {
            State::At(at) => Some(&at.node),
            State::Over(_) => None,
        }
    }

    /// The step of the latest point earned.
    pub fn current_step(&self) -> Option<usize> {
        self.tally
            .step_evidence()
            .iter()
            .rev()
            .find(|e| e.point.is_some() && e.step.is_some())
            .and_then(|e| e.step)
    }

    /// What the trainee sees now; `None` once the conversation is over.
    pub fn prompt(&self) -> Option<Prompt<'_>> {
        let State::At(at) = &self.state else {
            return None;
        };
        let node = self.scenario.nodes.get_index(at.index as usize)?;
        let kind = match &node.select {
            Some(select) if node.options.is_empty() => PromptKind::Select {
                prompt: &select.prompt,
                items: at
                    .order
                    .iter()
                    .enumerate()
                    .filter_map(|(pos, &index)| {
                        Some(ShownItem {
                            position: pos + 1,
                            index,
                            item: select.items.get(index)?,
                        })
                    })
                    .collect(),
            },
            _ => PromptKind::Options(
                at.order
                    .iter()
                    .enumerate()
                    .filter_map(|(pos, &index)| {
                        Some(ShownOption {
                            position: pos + 1,
                            index,
                            choice: node.options.get(index)?,
                        })
                    })
                    .collect(),
            ),
        };
        Some(Prompt {
            node: &at.node,
            line: node.says.get(at.variant).map_or("", String::as_str),
            thought: node.thought.as_deref(),
            hint: node.hint.as_deref(),
            flared: at.flared,
            mood: self.mood,
            turn: self.turns.len(),
            step: self.current_step(),
            kind,
        })
    }

    /// Answers the current turn.
    pub fn answer(&mut self, answer: Answer) -> Result<Vec<SessionEvent>, AnswerError> {
        let mut events = Vec::new();
        self.take(answer, Some(&mut events))?;
        Ok(events)
    }

    /// As [`Session::answer`], without building the events: for `explore`'s many plays,
    /// which read only the transcript and the tally afterwards. Both take the same turn.
    pub fn answer_quietly(&mut self, answer: Answer) -> Result<(), AnswerError> {
        self.take(answer, None)
    }

    /// Takes the turn; when `events` is given, says what happened there.
    fn take(
        &mut self,
        answer: Answer,
        mut events: Option<&mut Vec<SessionEvent>>,
    ) -> Result<(), AnswerError> {
        let State::At(at) = &self.state else {
            return Err(AnswerError::Ended);
        };
        let scenario = Arc::clone(&self.scenario);
        let Some(node) = scenario.nodes.get_index(at.index as usize) else {
            return Err(AnswerError::Ended);
        };
        let chosen = resolve(node, &at.order, &answer)?;

        // Gather what the chosen option or items do.
        let lookup = Arc::clone(&self.lookup);
        let answer_scores = lookup
            .nodes
            .get(at.index as usize)
            .map_or(&[][..], |n| n.answers.as_slice());
        let (mut shows, mut pits, mut wrong_facts) = (0u64, Vec::new(), 0usize);
        for score in chosen.iter().filter_map(|&i| answer_scores.get(i)) {
            shows |= score.shows;
            pits.extend_from_slice(&score.pitfalls);
            wrong_facts += usize::from(score.wrong_fact);
        }
        let mut sets: Vec<&str> = Vec::new();
        let mut texts = Vec::new();
        let (shift, next, branches): (MoodShift, &str, &[Branch]) = match &node.select {
            Some(select) if node.options.is_empty() => {
                for item in chosen.iter().filter_map(|&i| select.items.get(i)) {
                    sets.extend(item.sets.iter().map(String::as_str));
                    texts.push(item.text.clone());
                }
                (select.mood, select.next.as_str(), &select.branches)
            }
            _ => {
                let Some(choice) = chosen.first().and_then(|&i| node.options.get(i)) else {
                    return Err(AnswerError::OutOfRange {
                        given: 0,
                        count: node.options.len(),
                    });
                };
                sets.extend(choice.sets.iter().map(String::as_str));
                texts.push(choice.text.to_string());
                (choice.mood, &*choice.next, &choice.branches)
            }
        };
        // Nothing below fails: the turn is taken, and the position moves into its record.
        let State::At(at) = std::mem::replace(&mut self.state, State::Over(Stop::TurnLimit)) else {
            return Err(AnswerError::Ended);
        };

        let scorer = Arc::clone(&self.scorer);
        let wrong_facts = wrong_facts.min(usize::from(u8::MAX)) as u8;
        match events.as_deref_mut() {
            None => self
                .tally
                .fold(&scorer, shows, &pits, wrong_facts, at.flared, |_| {}),
            Some(events) => {
                let earlier = self.tally.pitfalls().len();
                let happened =
                    self.tally
                        .apply_resolved(&scorer, shows, &pits, wrong_facts, at.flared);
                // This turn's pitfalls, numbered by the tally, in the order they happened.
                let mut numbered = self.tally.pitfalls()[earlier..].iter();
                let mut wrong = wrong_fact_texts(node, &chosen);
                for e in happened {
                    events.push(match e {
                        ScoreEvent::Point {
                            step,
                            point,
                            credit,
                            ..
                        } => SessionEvent::PointEarned {
                            step: step.map(|k| scorer.step_id(k).to_string()),
                            point: scorer.point_id(point).to_string(),
                            credit,
                        },
                        ScoreEvent::BackToListening { step, credit, .. } => {
                            SessionEvent::BackToListening {
                                step: scorer.step_id(step).to_string(),
                                credit,
                            }
                        }
                        ScoreEvent::FlareMissed { penalty } => {
                            SessionEvent::FlareMissed { penalty }
                        }
                        ScoreEvent::Pitfall {
                            pitfall, penalty, ..
                        } => SessionEvent::PitfallFlagged {
                            pitfall: scorer.pitfall_id(pitfall).to_string(),
                            nth: numbered.next().map_or(1, |p| p.nth),
                            penalty,
                        },
                        ScoreEvent::WrongInformation { penalty } => {
                            SessionEvent::WrongInformation {
                                correct: wrong.next().unwrap_or_default().to_string(),
                                penalty,
                            }
                        }
                    });
                }
            }
        }

        let before = self.mood;
        self.mood = shift_mood(before, shift, scenario.complainant.temperament);
        if self.mood != before
            && let Some(events) = events.as_deref_mut()
        {
            events.push(SessionEvent::MoodChanged {
                before,
                after: self.mood,
            });
        }
        for set in sets {
            if !self.flags.contains(set) {
                self.flags.insert(set.to_string());
            }
        }
        // Branches see the mood after the shift and the flags including this answer's.
        let target = branches
            .iter()
            .find(|b| condition_holds(&b.when, self.mood, &self.flags))
            .map_or(next, |b| b.to.as_str());

        self.turns.push(Turn {
            index: self.turns.len(),
            node: at.node,
            line: node.says.get(at.variant).cloned().unwrap_or_default(),
            variant: at.variant,
            flared: at.flared,
            mood_before: before,
            mood_after: self.mood,
            answer: answer.clone(),
            chosen,
            order: at.order,
            texts,
            next: target.to_string(),
        });
        self.answers.push(answer);

        if self.turns.len() < MAX_TURNS || scenario.endings.contains_key(target) {
            self.arrive(target, events);
        } else {
            self.state = State::Over(Stop::TurnLimit);
            if let Some(events) = events {
                events.push(SessionEvent::TurnLimitReached);
            }
        }
        Ok(())
    }

    /// Arrives at a node or ending, drawing randomness in the documented order.
    fn arrive(&mut self, target: &str, mut events: Option<&mut Vec<SessionEvent>>) {
        let scenario = Arc::clone(&self.scenario);
        let lookup = Arc::clone(&self.lookup);
        let quiet = events.is_none();
        let mut say = |event: SessionEvent| {
            if let Some(events) = events.as_deref_mut() {
                events.push(event);
            }
        };
        let mut index = match lookup.places.get(target) {
            Some(&Place::Node(i)) => i,
            Some(Place::Ending) => {
                self.state = State::Over(Stop::Ending(target.to_string()));
                if let Some(ending) = scenario.endings.get(target) {
                    say(SessionEvent::Ended {
                        ending: target.to_string(),
                        outcome: ending.outcome,
                    });
                }
                return;
            }
            None => {
                // `validate` rules this out; stop rather than panic if it ever happens.
                self.state = State::Over(Stop::TurnLimit);
                say(SessionEvent::TurnLimitReached);
                return;
            }
        };
        let mut facts = &lookup.nodes[index as usize];
        let mut flared = false;
        if let Some((to, chance)) = facts.flare {
            let roll: u32 = self.rng.random_range(0..100);
            if roll < chance
                && let Some(to) = to
            {
                let from = std::mem::replace(&mut facts, &lookup.nodes[to as usize]);
                say(SessionEvent::FlaredUp {
                    from: from.id.clone(),
                    to: facts.id.clone(),
                });
                index = to;
                flared = true;
            }
        }
        let variant = if facts.says > 1 {
            self.rng.random_range(0..facts.says)
        } else {
            0
        };
        let count = facts.answers.len();
        let mut order: Vec<usize> = (0..count).collect();
        if scenario.shuffle_options && count > 1 {
            order.shuffle(&mut self.rng);
        }
        if !quiet {
            let line = scenario
                .nodes
                .get_index(index as usize)
                .and_then(|n| n.says.get(variant));
            say(SessionEvent::LineSaid {
                node: facts.id.clone(),
                line: line.cloned().unwrap_or_default(),
                flared,
            });
        }
        self.state = State::At(Waiting {
            node: facts.id.clone(),
            index,
            variant,
            flared,
            order,
        });
    }
}

/// The correct facts of the chosen answers that gave wrong information, in order.
fn wrong_fact_texts<'a>(node: &'a Node, chosen: &[usize]) -> impl Iterator<Item = &'a str> {
    answer_tags(node, chosen).wrong_facts.into_iter()
}

/// What answering with these options or items (file order) shows, falls into and gets
/// wrong: the ids the scoring fold takes. The debrief folds "what if" answers with it, so
/// they count exactly as a real answer does.
pub struct AnswerTags<'a> {
    pub shows: Vec<&'a str>,
    /// Each selected item counts (two wrong items are two pitfalls); a pitfall listed twice
    /// on one answer counts once, as in the analysis.
    pub pitfalls: Vec<&'a str>,
    /// The correct facts of the answers that gave wrong information.
    pub wrong_facts: Vec<&'a str>,
}

/// The [`AnswerTags`] of choosing `chosen` (file order) at `node`; indices out of range
/// are skipped.
pub fn answer_tags<'a>(node: &'a Node, chosen: &[usize]) -> AnswerTags<'a> {
    let mut tags = AnswerTags {
        shows: Vec::new(),
        pitfalls: Vec::new(),
        wrong_facts: Vec::new(),
    };
    let mut add = |shows: &'a [String], pitfalls: &'a [String], wrong: &'a Option<Box<str>>| {
        tags.shows.extend(shows.iter().map(String::as_str));
        tags.pitfalls.extend(unique(pitfalls));
        tags.wrong_facts.extend(wrong.as_deref());
    };
    match node.select.as_ref().filter(|_| node.options.is_empty()) {
        Some(select) => {
            for item in chosen.iter().filter_map(|&i| select.items.get(i)) {
                add(&item.shows, &item.pitfalls, &item.wrong_fact);
            }
        }
        None => {
            for c in chosen.iter().filter_map(|&i| node.options.get(i)) {
                add(&c.shows, &c.pitfalls, &c.wrong_fact);
            }
        }
    }
    tags
}

/// The ids in their first-seen order, each once.
fn unique(ids: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::with_capacity(ids.len());
    for id in ids {
        if !out.contains(&id.as_str()) {
            out.push(id);
        }
    }
    out
}

/// Number of options, or of select items on a select turn.
fn answer_count(node: &Node) -> usize {
    match &node.select {
        Some(select) if node.options.is_empty() => select.items.len(),
        _ => node.options.len(),
    }
}

/// Displayed positions → file indices, validating the answer.
fn resolve(node: &Node, order: &[usize], answer: &Answer) -> Result<Vec<usize>, AnswerError> {
    let is_select = node.select.is_some() && node.options.is_empty();
    let at = |pos: usize| {
        pos.checked_sub(1)
            .and_then(|p| order.get(p))
            .copied()
            .ok_or(AnswerError::OutOfRange {
                given: pos,
                count: order.len(),
            })
    };
    match (answer, is_select) {
        (Answer::Pick(n), false) => Ok(vec![at(*n)?]),
        (Answer::Select(items), true) => {
            if items.is_empty() {
                return Err(AnswerError::EmptySelection);
            }
            let mut seen = BTreeSet::new();
            let mut out = Vec::with_capacity(items.len());
            for &pos in items {
                if !seen.insert(pos) {
                    return Err(AnswerError::Duplicate(pos));
                }
                out.push(at(pos)?);
            }
            Ok(out)
        }
        // A one-item selection on a talk turn is the same as a pick: be lenient.
        (Answer::Select(items), false) if items.len() == 1 => Ok(vec![at(items[0])?]),
        (Answer::Select(_), false) => Err(AnswerError::ExpectedPick),
        // Likewise a single number on a select turn selects that one item, so the
        // printed form of a one-item selection ("2") replays.
        (Answer::Pick(n), true) => Ok(vec![at(*n)?]),
    }
}

/// The minimum the engine needs to run without surprises; the checker says far more.
fn validate(scenario: &Scenario) -> Result<(), StartError> {
    let known = |t: &str| scenario.nodes.contains_key(t) || scenario.endings.contains_key(t);
    let invalid = |msg: String| Err(StartError::Invalid(msg));
    for (id, node) in &scenario.nodes {
        if answer_count(node) == 0 {
            return invalid(format!("node `{id}` has no options"));
        }
        for t in node.answer_targets() {
            if !known(t) {
                return invalid(format!("node `{id}` leads to unknown `{t}`"));
            }
        }
        if let Some(flare) = &node.flare
            && !scenario.nodes.contains_key(&flare.to)
        {
            return invalid(format!(
                "the flare of node `{id}` leads to unknown node `{}`",
                flare.to
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_parse_and_print_in_the_command_line_syntax() {
        let list = Answer::parse_list("2, 1,1+3+4,+2").unwrap();
        assert_eq!(
            list,
            [
                Answer::Pick(2),
                Answer::Pick(1),
                Answer::Select(vec![1, 3, 4]),
                Answer::Select(vec![2]),
            ]
        );
        let printed: Vec<String> = list.iter().map(Answer::to_string).collect();
        assert_eq!(printed, ["2", "1", "1+3+4", "2"]);
        assert!(Answer::parse_list("2,x").is_err());
        assert!("+".parse::<Answer>().is_err());
        assert_eq!(Answer::parse_list("").unwrap(), []);
    }
}
