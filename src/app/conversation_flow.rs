//! The conversation screen's systems: draws the session (the trainee's screen, or in
//! classroom mode the projection), applies the answers and the other actions, and saves
//! the record after every turn. Above both `conversation` (the session and its view) and
//! `classroom` (the room), which it joins.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use super::catalog::Catalog;
use super::classroom::{Classroom, PresenterAction, WhatIf, conversation_projection};
use super::conversation::{ActiveSession, ConversationAction, conversation_screen, view};
use super::play::Play;
use super::settings::Settings;
use super::state::{AppSystems, PassSystems, PlayMode, Screen};
use super::widgets;
use crate::records::{self, Mode, OwnWords};
use crate::vote::RoomVotes;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ActiveSession>()
        .add_message::<ConversationAction>()
        .add_systems(Update, apply.in_set(AppSystems::Apply))
        .add_systems(
            EguiPrimaryContextPass,
            ui.run_if(in_state(Screen::Conversation))
                .in_set(PassSystems::Screen),
        );
}

#[allow(clippy::too_many_arguments, reason = "a Bevy system's parameters")]
fn ui(
    mut contexts: EguiContexts,
    current: Res<ActiveSession>,
    catalog: Res<Catalog>,
    settings: Res<Settings>,
    mode: Res<PlayMode>,
    mut classroom: ResMut<Classroom>,
    what_if: Res<WhatIf>,
    mut actions: MessageWriter<ConversationAction>,
    mut presenter: MessageWriter<PresenterAction>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = widgets::root_ui(ctx);
    let Some(mut view) = view(&current, &catalog.rubric, &settings, **mode) else {
        return Ok(());
    };
    view.what_if = what_if.playing();
    widgets::central(&mut root, |ui| {
        if **mode == Mode::Classroom {
            let (action, p) = conversation_projection(ui, &view, &mut classroom);
            if let Some(a) = action {
                actions.write(a);
            }
            if let Some(p) = p {
                presenter.write(p);
            }
        } else if let Some(action) = conversation_screen(ui, &view) {
            actions.write(action);
        }
    });
    Ok(())
}

#[allow(clippy::too_many_arguments, reason = "a Bevy system's parameters")]
fn apply(
    mut reader: MessageReader<ConversationAction>,
    mut current: ResMut<ActiveSession>,
    mut classroom: ResMut<Classroom>,
    mut what_if: ResMut<WhatIf>,
    settings: Res<Settings>,
    mode: Res<PlayMode>,
    persist: Res<super::settings::Persist>,
    mut next: ResMut<NextState<Screen>>,
) {
    for action in reader.read() {
        match action {
            ConversationAction::Answer(pick) => {
                let Some(play) = current.play.as_mut() else {
                    continue;
                };
                let turn = play.turn_count() + 1;
                match play.answer(pick.clone()) {
                    Ok(happenings) => {
                        current.last = happenings;
                        classroom.after_answer(turn);
                        // The minority's branch is never saved over the room's record.
                        if persist.0 && what_if.playing().is_none() {
                            autosave(&mut current, &settings, **mode, &classroom.room);
                        }
                    }
                    Err(err) => warn!("answer refused: {err:?}"),
                }
            }
            ConversationAction::EndWhatIf => {
                if what_if.end(&mut current, &mut classroom) {
                    next.set(Screen::Debrief);
                }
            }
            ConversationAction::Undo => {
                if let Some(play) = current.play.as_mut() {
                    let turns = play.turn_count();
                    if turns > 0
                        && let Ok(rewound) = play.rewind_to(turns)
                    {
                        *play = rewound;
                        current.last.clear();
                        classroom.back_to(turns);
                    }
                }
            }
            ConversationAction::OwnWords(text) => {
                let Some(turn) = current.play.as_ref().map(|p| p.turn_count() + 1) else {
                    continue;
                };
                let text = crate::text::line(text.trim()).to_string();
                if text.is_empty() {
                    current.own_words_skipped.insert(turn);
                } else {
                    current.own_words.retain(|w| w.turn != turn);
                    current.own_words.push(OwnWords {
                        turn,
                        text,
                        checked: Vec::new(),
                    });
                }
            }
            ConversationAction::SelfCheck(point, ticked) => {
                let turn = current.play.as_ref().map(|p| p.turn_count() + 1);
                if let Some(words) = current.own_words.iter_mut().find(|w| Some(w.turn) == turn) {
                    words.checked.retain(|p| p != point);
                    if *ticked {
                        words.checked.push(point.clone());
                    }
                }
            }
            ConversationAction::Pause => current.paused = true,
            ConversationAction::Resume => current.paused = false,
            ConversationAction::Quit => {
                current.paused = false;
                next.set(if current.test_run {
                    Screen::Author
                } else {
                    Screen::Library
                });
            }
            ConversationAction::ToDebrief => {
                if current.play.as_ref().is_some_and(Play::finished) {
                    next.set(Screen::Debrief);
                }
            }
        }
    }
}

/// Writes the session file (atomically, via `records`) after a turn. Sessions started
/// mid-scenario ("test from here") are not saved: a record always replays from the start.
fn autosave(current: &mut ActiveSession, settings: &Settings, mode: Mode, room: &RoomVotes) {
    let Some(play) = &current.play else { return };
    if current.test_run || !play.is_from_start() {
        return;
    }
    let Some(dir) = records::default_dir() else {
        return;
    };
    let notes = records::TurnNotes {
        pseudonym: (!settings.pseudonym.is_empty()).then_some(settings.pseudonym.as_str()),
        own_words: &current.own_words,
        room_votes: (mode == Mode::Classroom).then_some(room),
    };
    // The engine's one autosave: a new file on the first turn (never replacing one),
    // `finished` only at an ending, the same file after every later turn.
    if let Err(err) = records::save_turn(
        &dir,
        &mut current.record,
        &mut current.record_path,
        &play.session,
        mode,
        notes,
    ) {
        warn!("autosave failed: {err}");
    }
}
