//! Classroom "what if we had taken B?": the minority's branch played live from the
//! debrief, with the room's own session (and its votes) set aside and brought back
//! untouched.

use bevy::prelude::*;

use super::super::conversation::ActiveSession;
use super::super::play::{Announcement, Play};
use super::Classroom;
use crate::engine::Answer;

/// Classroom "what if we had taken B?": while the minority's branch plays, the room's own
/// session waits here to come back, untouched.
#[derive(Resource, Debug, Default)]
pub struct WhatIf(Option<RoomAside>);

/// The room's session, put aside while the minority's branch plays.
#[derive(Debug)]
struct RoomAside {
    /// The turn (1-based) and the option (as displayed) the branch took instead.
    turn: usize,
    option: usize,
    play: Play,
    classroom: Classroom,
    last: Vec<Announcement>,
    say_first: bool,
}

impl WhatIf {
    /// The branch being played: turn and option.
    pub fn playing(&self) -> Option<(usize, usize)> {
        self.0.as_ref().map(|a| (a.turn, a.option))
    }

    /// Plays `option` at `turn` instead of the room's choice, keeping the room's session
    /// (and its votes) aside for [`WhatIf::end`]. `false`, and nothing changes, when that
    /// branch cannot be played.
    pub fn start(
        &mut self,
        turn: usize,
        option: usize,
        current: &mut ActiveSession,
        classroom: &mut Classroom,
    ) -> bool {
        if self.0.is_some() {
            return false;
        }
        let Some(play) = &current.play else {
            return false;
        };
        let Ok(mut branch) = play.rewind_to(turn) else {
            return false;
        };
        let Ok(last) = branch.answer(Answer::Pick(option)) else {
            return false;
        };
        let Some(play) = current.play.replace(branch) else {
            return false;
        };
        let phones = classroom.phones.clone();
        self.0 = Some(RoomAside {
            turn,
            option,
            play,
            classroom: std::mem::take(classroom),
            last: std::mem::replace(&mut current.last, last),
            say_first: std::mem::replace(&mut current.say_first, false),
        });
        // The projection as the room left it (black screen off), without its votes.
        classroom.phones = phones;
        true
    }

    /// Back to the room's own session, exactly as it was.
    pub fn end(&mut self, current: &mut ActiveSession, classroom: &mut Classroom) -> bool {
        let Some(aside) = self.0.take() else {
            return false;
        };
        current.play = Some(aside.play);
        current.last = aside.last;
        current.say_first = aside.say_first;
        let phones = classroom.phones.take();
        *classroom = aside.classroom;
        classroom.phones = phones;
        true
    }

    /// Forgets a branch left open (a new session, or back to the library).
    pub fn forget(&mut self) {
        self.0 = None;
    }
}
