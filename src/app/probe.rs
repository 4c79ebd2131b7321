//! A debug dump of what is on screen, for the real-hands test (`tests/real_hands.rs`),
//! which drives the real window with xdotool and needs to know where things are.
//!
//! Switched on by `KLACHTWIJS_PROBE=FILE`: after every frame whose content changed, the
//! app rewrites FILE (atomically) with one JSON object: the screen, the window size, the
//! turn, the options in display order (as file indices), the highlighted answer, the
//! rectangles of the answers and of the focused widget, and named targets. Rectangles are
//! in logical points; `pixels_per_point` converts them to window pixels. Off by default:
//! without the variable nothing is collected, and without the `dev` feature (a release
//! build) the variable does nothing.

use std::collections::BTreeMap;
use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use serde::{Deserialize, Serialize};

use super::conversation::ActiveSession;
use super::marks::{Targets, answers_id, enabled, targets_id};
use super::state::{PlayMode, Screen};
use crate::engine::PromptKind;
use crate::records::Mode;

/// One frame as the probe writes it (and `tests/real_hands.rs` reads it). Rectangles are
/// `[min x, min y, max x, max y]` in logical points.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Dump {
    pub screen: String,
    pub mode: String,
    pub window: [f32; 2],
    pub pixels_per_point: f32,
    /// The running session's seed and answered turns.
    pub seed: Option<u64>,
    pub turns: usize,
    pub finished: bool,
    /// `options[position - 1]` is the file index shown at that position.
    pub options: Vec<usize>,
    pub highlight: Option<usize>,
    pub answers: Vec<[f32; 4]>,
    pub focused: Option<[f32; 4]>,
    pub targets: BTreeMap<String, [f32; 4]>,
    pub record: Option<PathBuf>,
    /// The facilitator's controls, in classroom mode.
    pub classroom: Option<ClassroomDump>,
}

/// What the projection shows beyond the session (classroom mode only).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct ClassroomDump {
    pub revealed: bool,
    pub black: bool,
    /// Hands per option at this turn.
    pub votes: Vec<u32>,
    /// A "why nothing happened" notice is showing.
    pub notice: bool,
    /// Turns (1-based) whose room counts are kept.
    pub room: Vec<usize>,
    /// The split is hidden while the room votes.
    pub split_hidden: bool,
    /// The first ballot's counts, once a re-vote is open.
    pub first_ballot: Option<Vec<u32>>,
    /// The phone page's address while phone votes are on.
    pub phone_url: Option<String>,
    pub phones_connected: usize,
}

impl Dump {
    /// Wholly inside the window.
    pub fn inside(&self, r: [f32; 4]) -> bool {
        self.within_width(r) && r[1] >= -0.5 && r[3] <= self.window[1] + 0.5
    }

    /// Not past the left or right edge (a page may scroll down, never sideways).
    pub fn within_width(&self, r: [f32; 4]) -> bool {
        r[0] >= -0.5 && r[2] <= self.window[0] + 0.5
    }
}

pub(super) fn plugin(app: &mut App) {
    if !enabled() {
        return;
    }
    if let Some(path) = std::env::var_os("KLACHTWIJS_PROBE") {
        app.insert_resource(ProbeFile(PathBuf::from(path)))
            .add_systems(Last, dump);
    }
}

#[derive(Resource)]
struct ProbeFile(PathBuf);

fn rect(r: egui::Rect) -> [f32; 4] {
    [r.min.x, r.min.y, r.max.x, r.max.y]
}

fn dump(
    mut contexts: EguiContexts,
    file: Res<ProbeFile>,
    screen: Res<State<Screen>>,
    mode: Res<PlayMode>,
    current: Res<ActiveSession>,
    classroom: Res<super::classroom::Classroom>,
    mut last: Local<Option<Dump>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let (answers, highlight) = if *screen.get() == Screen::Conversation {
        ctx.data(|d| d.get_temp::<(Vec<egui::Rect>, usize)>(answers_id()))
            .map_or((Vec::new(), None), |(r, h)| (r, Some(h)))
    } else {
        (Vec::new(), None)
    };
    let targets =
        ctx.data_mut(|d| std::mem::take(d.get_temp_mut_or_default::<Targets>(targets_id())));
    ctx.data_mut(|d| d.remove::<(Vec<egui::Rect>, usize)>(answers_id()));
    let focused = ctx
        .memory(|m| m.focused())
        .and_then(|id| ctx.read_response(id))
        .map(|r| rect(r.rect));
    let play = current.play.as_ref();
    let options = play
        .and_then(|p| p.session.prompt())
        .map(|p| match p.kind {
            PromptKind::Options(o) => o.iter().map(|o| o.index).collect(),
            PromptKind::Select { items, .. } => items.iter().map(|i| i.index).collect(),
        })
        .unwrap_or_default();
    let viewport = ctx.viewport_rect();
    let now = Dump {
        screen: format!("{:?}", screen.get()),
        mode: format!("{:?}", **mode),
        window: [viewport.width(), viewport.height()],
        pixels_per_point: ctx.pixels_per_point(),
        seed: play.map(|p| p.seed),
        turns: play.map_or(0, |p| p.turn_count()),
        finished: play.is_some_and(|p| p.finished()),
        options,
        highlight,
        answers: answers.into_iter().map(rect).collect(),
        focused,
        targets: targets.0.into_iter().map(|(k, v)| (k, rect(v))).collect(),
        record: current.record_path.clone(),
        classroom: (**mode == Mode::Classroom).then(|| ClassroomDump {
            revealed: classroom.revealed,
            black: classroom.black,
            votes: classroom.votes.clone(),
            notice: classroom.notice.is_some(),
            room: classroom.room.turns.iter().map(|t| t.turn).collect(),
            split_hidden: classroom.split_hidden,
            first_ballot: classroom.first_ballot.as_ref().map(|b| b.counts.clone()),
            phone_url: classroom.phones.as_ref().map(|p| p.url.clone()),
            phones_connected: classroom.phones_connected,
        }),
    };
    if last.as_ref() != Some(&now) {
        if let Ok(json) = serde_json::to_vec(&now) {
            // A failed write only costs the test a stale view; the app goes on.
            let _ = crate::records::atomic::replace(&file.0, &json);
        }
        *last = Some(now);
    }
    Ok(())
}
