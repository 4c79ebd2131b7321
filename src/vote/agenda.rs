//! The disagreement agenda: the turns the room should talk about first.
//!
//! **The rule.** Every turn the room voted on (at least one vote in its first ballot)
//! gets an item. Items are ordered by, in turn:
//! 1. whether the room's majority fell into a pitfall (those first): one of the options
//!    with the most votes in the *first* ballot is tagged with a pitfall;
//! 2. how split the room was, most split first: the normalised entropy of the first
//!    ballot, `-Σ pᵢ ln pᵢ / ln n` over the `n` options on offer, in thousandths (0 when
//!    everyone chose the same option, 1000 when the votes spread evenly over all);
//! 3. how much the majority's choice cost against the best option on offer (the gap in
//!    the fold's values), largest first;
//! 4. the turn number, earliest first.
//!
//! The first ballot counts because it is the room's own view before the discussion moved
//! it; a re-vote is shown beside it ([`AgendaItem::second`]). The ranking is integer
//! arithmetic on rounded figures, so the same votes always give the same agenda.
//!
//! Nothing is scored here: the option values, pitfalls and best options come from the
//! debrief ([`TurnFacts::from_debrief`]), which takes them from the one scoring fold.

use serde::{Deserialize, Serialize};

use super::room::{Ballot, RoomVotes};
use crate::debrief::Debrief;
use crate::debrief::model::RoomVote;

/// What the debrief says of one option of a turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionFacts {
    /// 1-based, as displayed (and as voted).
    pub number: usize,
    pub pitfalls: Vec<String>,
    /// What the option does to the running total, by the scoring fold.
    pub value: i32,
}

/// What the debrief says of one turn's options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnFacts {
    /// 1-based.
    pub turn: usize,
    pub options: Vec<OptionFacts>,
    /// The debrief's recommended option(s), 1-based as displayed: its "better option"
    /// where there is one, else the answer given (which was then as good as any).
    pub best: Vec<usize>,
}

fn numbers(answer: &str) -> Vec<usize> {
    answer
        .split('+')
        .filter_map(|n| n.trim().parse().ok())
        .collect()
}

impl TurnFacts {
    /// The facts of every turn of a debrief.
    pub fn from_debrief(debrief: &Debrief) -> Vec<TurnFacts> {
        debrief
            .turns
            .iter()
            .map(|t| TurnFacts {
                turn: t.turn,
                options: t
                    .options
                    .iter()
                    .map(|o| OptionFacts {
                        number: o.number,
                        pitfalls: o.pitfalls.clone(),
                        value: o.value,
                    })
                    .collect(),
                best: numbers(t.better.as_ref().map_or(&t.answer, |b| &b.answer)),
            })
            .collect()
    }

    fn option(&self, number: usize) -> Option<&OptionFacts> {
        self.options.iter().find(|o| o.number == number)
    }
}

/// A ballot's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    pub counts: Vec<u32>,
    pub votes: u32,
    /// The options with the most votes, 1-based; several on a tie.
    pub majority: Vec<usize>,
    /// The leading option's share of the votes, in thousandths.
    pub majority_share: u16,
    /// Normalised entropy in thousandths: 0 unanimous, 1000 evenly spread.
    pub split: u16,
}

impl Split {
    /// How split, in whole percent (0 unanimous, 100 evenly spread).
    pub fn percent(&self) -> u16 {
        (self.split + 5) / 10
    }

    pub fn of(ballot: &Ballot) -> Split {
        let votes = ballot.total();
        let n = ballot.counts.len();
        let majority = ballot.leaders();
        let top = ballot.counts.iter().copied().max().unwrap_or(0);
        let split = if votes == 0 || n < 2 {
            0.0
        } else {
            let total = f64::from(votes);
            let h: f64 = ballot
                .counts
                .iter()
                .filter(|&&c| c > 0)
                .map(|&c| {
                    let p = f64::from(c) / total;
                    -p * p.ln()
                })
                .sum();
            h / (n as f64).ln()
        };
        Split {
            counts: ballot.counts.clone(),
            votes,
            majority,
            majority_share: permille(top, votes),
            split: (split * 1000.0).round().clamp(0.0, 1000.0) as u16,
        }
    }
}

fn permille(part: u32, whole: u32) -> u16 {
    if whole == 0 {
        0
    } else {
        ((u64::from(part) * 1000 + u64::from(whole) / 2) / u64::from(whole)) as u16
    }
}

/// One turn on the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// 1-based.
    pub turn: usize,
    /// The first ballot (before discussion).
    pub first: Split,
    /// The re-vote, if there was one.
    pub second: Option<Split>,
    /// The pitfalls of the first ballot's leading option(s); not empty means the
    /// majority fell into a pitfall.
    pub majority_pitfalls: Vec<String>,
    /// The fold's value of the (first) leading option.
    pub majority_value: Option<i32>,
    /// The debrief's recommended option(s) and the value of the first of them.
    pub best: Vec<usize>,
    pub best_value: Option<i32>,
    /// The most-voted option besides the (first) leader, for "what if we had taken B?";
    /// `None` when nobody chose another option.
    pub minority: Option<usize>,
    /// Whether the re-vote's leader differs from the first ballot's.
    pub moved: bool,
}

impl AgendaItem {
    pub fn majority_fell(&self) -> bool {
        !self.majority_pitfalls.is_empty()
    }

    /// What following the majority cost against the best option, in the fold's points.
    pub fn cost(&self) -> i32 {
        match (self.best_value, self.majority_value) {
            (Some(b), Some(m)) => (b - m).max(0),
            _ => 0,
        }
    }
}

/// The agenda: one item per turn the room voted on, ranked by the rule in the module
/// documentation.
pub fn agenda(room: &RoomVotes, facts: &[TurnFacts]) -> Vec<AgendaItem> {
    let mut items: Vec<AgendaItem> = room
        .turns
        .iter()
        .filter(|t| t.first.total() > 0)
        .map(|t| {
            let first = Split::of(&t.first);
            let second = t.second.as_ref().filter(|b| b.total() > 0).map(Split::of);
            let fact = facts.iter().find(|f| f.turn == t.turn);
            let option = |n: usize| fact.and_then(|f| f.option(n));
            let mut majority_pitfalls: Vec<String> = Vec::new();
            for p in first
                .majority
                .iter()
                .filter_map(|&n| option(n))
                .flat_map(|o| &o.pitfalls)
            {
                if !majority_pitfalls.contains(p) {
                    majority_pitfalls.push(p.clone());
                }
            }
            let leader = first.majority.first().copied();
            let minority = (1..=first.counts.len())
                .filter(|&n| Some(n) != leader && first.counts[n - 1] > 0)
                .max_by_key(|&n| (first.counts[n - 1], std::cmp::Reverse(n)));
            let best = fact.map(|f| f.best.clone()).unwrap_or_default();
            AgendaItem {
                turn: t.turn,
                majority_value: leader.and_then(option).map(|o| o.value),
                best_value: best.first().copied().and_then(option).map(|o| o.value),
                best,
                majority_pitfalls,
                minority,
                moved: second
                    .as_ref()
                    .is_some_and(|s| s.majority.first() != first.majority.first()),
                first,
                second,
            }
        })
        .collect();
    items.sort_by(|a, b| {
        b.majority_fell()
            .cmp(&a.majority_fell())
            .then(b.first.split.cmp(&a.first.split))
            .then(b.cost().cmp(&a.cost()))
            .then(a.turn.cmp(&b.turn))
    });
    items
}

/// Pitfall ids by their names in the debrief's language (its glossary).
pub fn pitfall_names(ids: &[String], debrief: &Debrief) -> Vec<String> {
    ids.iter()
        .map(|id| debrief.name_of(id).to_string())
        .collect()
}

/// The room's vote on every turn it voted on, in turn order, beside what `debrief`
/// recommends: what the class overview and the facilitator's export show. Pitfalls by
/// name, from the debrief's glossary.
pub fn room_votes(room: &RoomVotes, debrief: &Debrief) -> Vec<RoomVote> {
    let mut items = agenda(room, &TurnFacts::from_debrief(debrief));
    items.sort_by_key(|item| item.turn);
    items
        .into_iter()
        .map(|item| RoomVote {
            turn: item.turn,
            majority: item
                .second
                .as_ref()
                .map_or(item.first.majority.clone(), |s| s.majority.clone()),
            majority_pitfalls: pitfall_names(&item.majority_pitfalls, debrief),
            recommended: item.best,
            split_percent: item.first.percent(),
            second: item.second.map(|s| s.counts),
            first: item.first.counts,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vote::room::Ballot;

    fn facts(turn: usize, pitfalls: &[&[&str]], values: &[i32], best: usize) -> TurnFacts {
        TurnFacts {
            turn,
            options: values
                .iter()
                .enumerate()
                .map(|(i, &value)| OptionFacts {
                    number: i + 1,
                    pitfalls: pitfalls[i].iter().map(|p| p.to_string()).collect(),
                    value,
                })
                .collect(),
            best: vec![best],
        }
    }

    #[test]
    fn the_split_measure_runs_from_unanimous_to_even() {
        assert_eq!(Split::of(&Ballot::phones(vec![20, 0, 0, 0])).split, 0);
        assert_eq!(Split::of(&Ballot::phones(vec![5, 5, 5, 5])).split, 1000);
        assert_eq!(Split::of(&Ballot::phones(vec![10, 10, 0, 0])).split, 500);
        let s = Split::of(&Ballot::hands(vec![3, 1]));
        assert_eq!((s.majority_share, s.majority.clone()), (750, vec![1]));
        assert_eq!(Split::of(&Ballot::hands(vec![0, 0])).split, 0);
    }

    #[test]
    fn a_scripted_set_of_votes_ranks_as_expected() {
        let none: &[&str] = &[];
        // Four options each; option 3 is the best by the fold everywhere.
        let f = vec![
            facts(
                1,
                &[none, none, none, &["justifying"]],
                &[5, 10, 20, -10],
                3,
            ),
            facts(2, &[&["excuses"], none, none, none], &[-5, 10, 20, 0], 3),
            facts(3, &[none, none, none, none], &[5, 10, 20, 0], 3),
            facts(4, &[none, &["denying"], none, none], &[5, -10, 20, 0], 3),
            facts(5, &[none, none, none, none], &[5, 10, 20, 0], 3),
            facts(6, &[none, none, none, none], &[5, 10, 20, 0], 3),
        ];
        let mut room = RoomVotes::new();
        // 1: unanimous on the best option: last.
        room.record_first(1, Ballot::phones(vec![0, 0, 20, 0]), true);
        // 2: a clear majority for a pitfall, little split.
        room.record_first(2, Ballot::phones(vec![16, 2, 2, 0]), true);
        // 3: evenly split between two options, no pitfall.
        room.record_first(3, Ballot::phones(vec![10, 10, 0, 0]), false);
        // 4: a majority for a pitfall, more split than turn 2; the re-vote moved it.
        room.record_first(4, Ballot::phones(vec![4, 9, 7, 0]), true);
        room.record_second(4, Ballot::phones(vec![1, 3, 16, 0]));
        // 5: the same split and cost as turn 3: after it, by turn number.
        room.record_first(5, Ballot::hands(vec![10, 0, 10, 0]), false);
        // 6: nobody voted: not on the agenda.
        room.record_first(6, Ballot::hands(vec![0, 0, 0, 0]), false);

        let items = agenda(&room, &f);
        let order: Vec<usize> = items.iter().map(|i| i.turn).collect();
        assert_eq!(order, vec![4, 2, 3, 5, 1]);
        let four = &items[0];
        assert_eq!(four.majority_pitfalls, vec!["denying".to_string()]);
        assert_eq!(
            (four.majority_value, four.best_value, four.cost()),
            (Some(-10), Some(20), 30)
        );
        assert_eq!(four.minority, Some(3));
        assert!(four.moved);
        assert_eq!(four.second.as_ref().unwrap().majority, vec![3]);
        // Turns 3 and 5 tie on the split (500) and on the cost (option 1, 5 against 20).
        assert_eq!((items[2].first.split, items[3].first.split), (500, 500));
        assert_eq!(items[2].first.majority, vec![1, 2]);
        assert_eq!(items[4].minority, None);
        // The same votes give the same agenda.
        assert_eq!(agenda(&room, &f), items);
    }
    #[test]
    fn the_facts_come_from_the_debrief_and_its_best_option_is_the_highest_value() {
        use crate::engine::{Answer, Session};
        use crate::rubric::model::Rubric;
        use std::sync::Arc;
        let text = include_str!("../../scenarios/nl/afval-ouderen.ron");
        let scenario =
            crate::scenario::load_str(text, std::path::Path::new("afval-ouderen.ron")).unwrap();
        let rubric = Rubric::bundled();
        let answers = [Answer::Pick(1), Answer::Pick(1), Answer::Pick(1)];
        let session = Session::replay(Arc::new(scenario), rubric, 3, &answers).unwrap();
        let debrief = crate::debrief::build(&session, rubric);
        let facts = TurnFacts::from_debrief(&debrief);
        assert_eq!(facts.len(), debrief.turns.len());
        for (f, t) in facts.iter().zip(&debrief.turns) {
            let values: Vec<i32> = t.options.iter().map(|o| o.value).collect();
            assert_eq!(
                f.options.iter().map(|o| o.value).collect::<Vec<_>>(),
                values
            );
            if t.prompt.is_none() {
                let best = f.option(f.best[0]).unwrap().value;
                assert_eq!(Some(&best), values.iter().max(), "turn {}", t.turn);
            }
        }
        // The room voted the first option everywhere: the agenda's majority value is
        // the debrief's value of option 1.
        let mut room = RoomVotes::new();
        for f in &facts {
            let mut counts = vec![0; f.options.len()];
            counts[0] = 12;
            room.record_first(f.turn, Ballot::phones(counts), false);
        }
        let items = agenda(&room, &facts);
        assert_eq!(items.len(), facts.len());
        for item in items {
            let f = facts.iter().find(|f| f.turn == item.turn).unwrap();
            assert_eq!(item.majority_value, Some(f.options[0].value));
            assert_eq!(item.first.split, 0);
        }
    }
}
