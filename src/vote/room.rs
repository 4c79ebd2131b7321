//! The room's votes per turn, as plain data: a first ballot, optionally a second one
//! after discussion (peer instruction: vote, discuss, vote again), and where the counts
//! came from (phones or a typed show of hands). Serde, so a session record can carry it.

use serde::{Deserialize, Serialize};

/// Where a ballot's counts came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteSource {
    /// Anonymous votes from phones ([`super::VoteServer`]).
    Phones,
    /// The facilitator typed the show of hands.
    Hands,
}

/// One ballot's counts per option, in the order displayed (index 0 is option 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    pub source: VoteSource,
    pub counts: Vec<u32>,
}

impl Ballot {
    pub fn phones(counts: Vec<u32>) -> Ballot {
        Ballot {
            source: VoteSource::Phones,
            counts,
        }
    }

    pub fn hands(counts: Vec<u32>) -> Ballot {
        Ballot {
            source: VoteSource::Hands,
            counts,
        }
    }

    /// All votes cast.
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// The options with the most votes (1-based), in display order; empty without votes.
    pub fn leaders(&self) -> Vec<usize> {
        let max = self.counts.iter().copied().max().unwrap_or(0);
        if max == 0 {
            return Vec::new();
        }
        (0..self.counts.len())
            .filter(|&i| self.counts[i] == max)
            .map(|i| i + 1)
            .collect()
    }
}

/// The room's votes on one turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnVotes {
    /// 1-based, as in the debrief.
    pub turn: usize,
    /// The vote before discussion.
    pub first: Ballot,
    /// The vote after discussion, if the facilitator held one.
    pub second: Option<Ballot>,
    /// Whether the split stayed hidden while the room voted.
    pub hidden_while_voting: bool,
}

impl TurnVotes {
    /// The ballot that decided: the second if there was one.
    pub fn last(&self) -> &Ballot {
        self.second.as_ref().unwrap_or(&self.first)
    }
}

/// The room's votes on a whole session, ordered by turn.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomVotes {
    pub turns: Vec<TurnVotes>,
}

impl RoomVotes {
    pub fn new() -> RoomVotes {
        RoomVotes::default()
    }

    /// The votes on `turn`, if the room voted on it.
    pub fn get(&self, turn: usize) -> Option<&TurnVotes> {
        self.turns
            .binary_search_by_key(&turn, |t| t.turn)
            .ok()
            .map(|i| &self.turns[i])
    }

    /// Records the first ballot on `turn`. Voting on a turn again from scratch (after
    /// taking an answer back, say) replaces its ballots.
    pub fn record_first(&mut self, turn: usize, ballot: Ballot, hidden_while_voting: bool) {
        let votes = TurnVotes {
            turn,
            first: ballot,
            second: None,
            hidden_while_voting,
        };
        match self.turns.binary_search_by_key(&turn, |t| t.turn) {
            Ok(i) => self.turns[i] = votes,
            Err(i) => self.turns.insert(i, votes),
        }
    }

    /// Records the re-vote on `turn`, beside the first ballot. `false` (and nothing
    /// changes) when the turn has no first ballot.
    pub fn record_second(&mut self, turn: usize, ballot: Ballot) -> bool {
        match self.turns.binary_search_by_key(&turn, |t| t.turn) {
            Ok(i) => {
                self.turns[i].second = Some(ballot);
                true
            }
            Err(_) => false,
        }
    }

    /// Forgets the votes on turns after `turn` (the session went back to `turn`).
    pub fn truncate_after(&mut self, turn: usize) {
        self.turns.retain(|t| t.turn <= turn);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revote_keeps_both_tallies() {
        let mut room = RoomVotes::new();
        room.record_first(2, Ballot::phones(vec![9, 3, 8, 0]), true);
        assert!(room.record_second(2, Ballot::phones(vec![2, 1, 17, 0])));
        let t = room.get(2).unwrap();
        assert_eq!(t.first.counts, vec![9, 3, 8, 0]);
        assert_eq!(t.second.as_ref().unwrap().counts, vec![2, 1, 17, 0]);
        assert!(t.hidden_while_voting);
        assert_eq!(t.last().leaders(), vec![3]);
        // A re-vote without a first vote records nothing.
        assert!(!room.record_second(5, Ballot::hands(vec![1])));
        assert_eq!(room.get(5), None);
        // It survives the session record's JSON.
        let json = serde_json::to_string(&room).unwrap();
        assert!(json.contains("\"source\":\"phones\""));
        assert_eq!(serde_json::from_str::<RoomVotes>(&json).unwrap(), room);
    }

    #[test]
    fn turns_stay_ordered_and_a_new_first_vote_replaces_the_old() {
        let mut room = RoomVotes::new();
        room.record_first(3, Ballot::hands(vec![1, 2]), false);
        room.record_first(1, Ballot::hands(vec![4, 0]), false);
        room.record_second(3, Ballot::hands(vec![0, 3]));
        room.record_first(3, Ballot::phones(vec![2, 2]), false);
        assert_eq!(
            room.turns.iter().map(|t| t.turn).collect::<Vec<_>>(),
            vec![1, 3]
        );
        assert_eq!(room.get(3).unwrap().second, None);
        assert_eq!(room.get(3).unwrap().first.leaders(), vec![1, 2]);
        room.truncate_after(2);
        assert_eq!(room.turns.len(), 1);
    }
}
