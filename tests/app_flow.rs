//! The app's state flow, headless: `MinimalPlugins` + `StatesPlugin`, no window, no GPU.

#![cfg(feature = "app")]

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use klachtwijs::app::add_screens;
use klachtwijs::app::briefing::BriefingAction;
use klachtwijs::app::catalog::{Catalog, Source};
use klachtwijs::app::classroom::{Classroom, PresenterAction};
use klachtwijs::app::conversation::{ActiveSession, ConversationAction};
use klachtwijs::app::debrief::DebriefAction;
use klachtwijs::app::library::LibraryAction;
use klachtwijs::app::state::{Navigate, PlayMode, Screen};
use klachtwijs::engine::Answer;
use klachtwijs::records::Mode;

fn app() -> App {
    // Only the small fixture: checking the whole bundled library is slow in debug builds.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("app-tests/tests/app_fixtures");
    let mut catalog = Catalog::default();
    for name in ["loket.ron", "broken.ron"] {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        catalog.add(Source::File(path), &text);
    }
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .add_plugins(add_screens)
        .insert_resource(catalog);
    app.update();
    app
}

fn send<M: Message>(app: &mut App, message: M) {
    app.world_mut().write_message(message);
    // One update applies the action, the next enters the new state.
    app.update();
    app.update();
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn turns(app: &App) -> usize {
    app.world()
        .resource::<ActiveSession>()
        .play
        .as_ref()
        .map_or(0, |p| p.turn_count())
}

#[test]
fn library_to_briefing_to_conversation_to_debrief_and_back() {
    let mut app = app();
    assert_eq!(screen(&app), Screen::Library);
    send(&mut app, LibraryAction::Open("test-loket".into()));
    assert_eq!(screen(&app), Screen::Briefing);
    send(&mut app, BriefingAction::SetMode(Mode::Exam));
    assert_eq!(app.world().resource::<PlayMode>().0, Mode::Exam);
    send(&mut app, BriefingAction::Start);
    assert_eq!(screen(&app), Screen::Conversation);
    send(&mut app, ConversationAction::Answer(Answer::Pick(1)));
    send(&mut app, ConversationAction::Answer(Answer::Pick(1)));
    assert_eq!(turns(&app), 2);
    // Not finished: the debrief is not reachable yet.
    send(&mut app, ConversationAction::ToDebrief);
    assert_eq!(screen(&app), Screen::Conversation);
    send(
        &mut app,
        ConversationAction::Answer(Answer::Select(vec![1])),
    );
    send(&mut app, ConversationAction::ToDebrief);
    assert_eq!(screen(&app), Screen::Debrief);
    send(&mut app, DebriefAction::RetryFrom(2));
    assert_eq!(screen(&app), Screen::Conversation);
    assert_eq!(turns(&app), 1, "replayed up to just before turn 2");
    send(&mut app, ConversationAction::Quit);
    assert_eq!(screen(&app), Screen::Library);
    send(&mut app, LibraryAction::Resume);
    assert_eq!(screen(&app), Screen::Conversation);
    assert_eq!(turns(&app), 1, "resumed where it stopped");
}

#[test]
fn a_wrong_answer_is_refused_without_a_crash() {
    let mut app = app();
    send(&mut app, LibraryAction::Open("test-loket".into()));
    send(&mut app, BriefingAction::Start);
    send(&mut app, ConversationAction::Answer(Answer::Pick(9)));
    send(
        &mut app,
        ConversationAction::Answer(Answer::Select(vec![1, 2])),
    );
    assert_eq!(turns(&app), 0);
    assert_eq!(screen(&app), Screen::Conversation);
}

#[test]
fn unknown_scenario_stays_in_the_library_and_navigation_works() {
    let mut app = app();
    send(&mut app, LibraryAction::Open("does-not-exist".into()));
    assert_eq!(screen(&app), Screen::Library);
    for s in [
        Screen::Facilitator,
        Screen::Author,
        Screen::Settings,
        Screen::Library,
    ] {
        send(&mut app, Navigate(s));
        assert_eq!(screen(&app), s);
    }
}

#[test]
fn start_up_loads_quickly_and_analyses_own_files_in_the_background() {
    use klachtwijs::app::AppConfig;
    use klachtwijs::app::catalog::Analysing;
    use klachtwijs::rubric::model::Rubric;
    use klachtwijs::scenario::check::check_str;

    let dir = tempfile::tempdir().unwrap();
    let fixture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("app-tests/tests/app_fixtures/loket.ron");
    let own = dir.path().join("loket.ron");
    std::fs::copy(&fixture, &own).unwrap();
    let text = std::fs::read_to_string(&own).unwrap();
    // As the catalog keeps them: `KW020` (the screen adds the severity word).
    let full: Vec<String> = check_str(&text, &own, Rubric::bundled())
        .diagnostics
        .iter()
        .map(|d| d.code.as_str().to_string())
        .collect();
    assert!(
        full.iter()
            .any(|c| ["KW019", "KW020", "KW023"].iter().any(|k| c.contains(k))),
        "the fixture has a finding only the path analysis makes: {full:?}"
    );

    let config = AppConfig {
        extra_scenario_dirs: vec![dir.path().to_path_buf()],
        rubric_path: None,
    };
    let codes = |catalog: &Catalog| -> Vec<String> {
        let entry = catalog.find("test-loket").unwrap();
        entry.warnings.iter().map(|w| w.code.clone()).collect()
    };
    let quick = Catalog::load(&config);
    assert!(quick.entries.len() > 10, "the bundled library loads too");
    assert!(codes(&quick).is_empty(), "structure only at start-up");

    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .add_plugins(add_screens)
        .insert_resource(config);
    app.update();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while app.world().resource::<Analysing>().running() {
        assert!(
            std::time::Instant::now() < deadline,
            "the analysis finishes"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        app.update();
    }
    let catalog = app.world().resource::<Catalog>();
    assert_eq!(codes(catalog), full, "the full check's findings arrive");
}

mod phone;

/// The room's votes typed for the turn about to be answered.
fn hands(app: &mut App, votes: &[u32]) {
    let mut classroom = app.world_mut().resource_mut::<Classroom>();
    classroom.votes = votes.to_vec();
    classroom.votes_from = Some(klachtwijs::vote::VoteSource::Hands);
}

fn spelled(app: &App) -> Vec<String> {
    app.world()
        .resource::<ActiveSession>()
        .play
        .as_ref()
        .map(|p| p.spelled())
        .unwrap_or_default()
}

#[test]
fn the_room_plays_the_minority_branch_and_comes_back_to_its_session_unchanged() {
    let mut app = app();
    send(&mut app, LibraryAction::Open("test-loket".into()));
    send(&mut app, BriefingAction::SetMode(Mode::Classroom));
    send(&mut app, BriefingAction::Start);
    // Turn 1: the majority takes option 2, a pitfall; three hands for option 1.
    hands(&mut app, &[3, 9]);
    send(&mut app, ConversationAction::Answer(Answer::Pick(2)));
    // Turn 2: a vote, then a re-vote after discussion.
    hands(&mut app, &[7, 5]);
    assert!(app.world_mut().resource_mut::<Classroom>().revote());
    hands(&mut app, &[10, 2]);
    send(&mut app, ConversationAction::Answer(Answer::Pick(1)));
    send(
        &mut app,
        ConversationAction::Answer(Answer::Select(vec![1])),
    );
    send(&mut app, ConversationAction::ToDebrief);
    assert_eq!(screen(&app), Screen::Debrief);

    let room = app.world().resource::<Classroom>().room.clone();
    let second = room.get(2).expect("turn 2 voted");
    assert_eq!(
        second.first.counts,
        vec![7, 5],
        "the re-vote keeps the first tally"
    );
    assert_eq!(second.second.as_ref().unwrap().counts, vec![10, 2]);
    let answers = spelled(&app);
    assert_eq!(answers, vec!["2", "1", "1"]);

    // The agenda puts turn 1 first: its majority fell into a pitfall.
    let rows = {
        let world = app.world();
        let play = world.resource::<ActiveSession>().play.as_ref().unwrap();
        let rubric = &world.resource::<Catalog>().rubric;
        let d = klachtwijs::debrief::build(&play.session, rubric);
        klachtwijs::app::debrief::agenda_rows(&room, &d)
    };
    assert_eq!(rows[0].turn, 1);
    assert!(!rows[0].majority_pitfalls.is_empty());
    assert_eq!(rows[0].minority, Some(1));

    // "What if we had taken 1?": played live from turn 1, then back.
    send(&mut app, DebriefAction::WhatIf { turn: 1, option: 1 });
    assert_eq!(screen(&app), Screen::Conversation);
    assert_eq!(spelled(&app), vec!["1"]);
    assert!(app.world().resource::<Classroom>().room.turns.is_empty());
    send(&mut app, ConversationAction::Answer(Answer::Pick(1)));
    assert_eq!(turns(&app), 2);
    send(&mut app, ConversationAction::EndWhatIf);
    assert_eq!(screen(&app), Screen::Debrief);
    assert_eq!(
        spelled(&app),
        answers,
        "the room's session is back, unchanged"
    );
    assert_eq!(app.world().resource::<Classroom>().room, room);
    assert!(
        app.world()
            .resource::<klachtwijs::app::classroom::WhatIf>()
            .playing()
            .is_none()
    );
}

#[test]
fn phone_votes_reach_the_room_and_the_server_stops_with_the_session() {
    // SAFETY: only this test reads these variables (the phones plugin, when switched on).
    unsafe {
        std::env::set_var("KLACHTWIJS_VOTE_BIND", "127.0.0.1");
        std::env::set_var("KLACHTWIJS_VOTE_PORT", "0");
    }
    let mut app = app();
    send(&mut app, LibraryAction::Open("test-loket".into()));
    send(&mut app, BriefingAction::SetMode(Mode::Classroom));
    send(&mut app, BriefingAction::Start);
    send(&mut app, PresenterAction::ShowOptions { turn: 1 });
    send(&mut app, PresenterAction::Phones);
    let url = app
        .world()
        .resource::<Classroom>()
        .phones
        .as_ref()
        .map(|p| p.url.clone());
    let url = url.expect("phone votes are on");
    let (addr, code) = url
        .strip_prefix("http://")
        .and_then(|rest| rest.split_once('/'))
        .expect("http://ADDR/CODE");
    let addr: std::net::SocketAddr = addr.parse().unwrap();
    assert!(
        app.world().resource::<Classroom>().split_hidden,
        "hidden while voting"
    );

    let phone = phone::Phone::join(addr, code).unwrap();
    let ballot = phone.ballot().unwrap().expect("the vote is open");
    assert!(
        phone
            .page()
            .unwrap()
            .body
            .contains("Wat is er precies gebeurd?")
    );
    assert_eq!(phone.vote(ballot, 2).unwrap(), 303);
    app.update();
    let classroom = app.world().resource::<Classroom>();
    assert_eq!(classroom.votes, vec![0, 1]);
    assert_eq!(classroom.phones_connected, 1);

    // PageDown's first step: the split shows and the vote closes.
    send(&mut app, PresenterAction::Split);
    assert!(!app.world().resource::<Classroom>().split_hidden);
    let late = phone::Phone::join(addr, code).unwrap();
    assert_eq!(late.vote(ballot, 1).unwrap(), 409, "closed");
    app.update();
    assert_eq!(app.world().resource::<Classroom>().votes, vec![0, 1]);

    // The room's choice is played; the next turn is put to the phones.
    send(&mut app, ConversationAction::Answer(Answer::Pick(2)));
    send(&mut app, PresenterAction::ShowOptions { turn: 2 });
    let page = phone.page().unwrap().body;
    assert!(page.contains("Ik zie dat u op tijd betaalde"), "{page}");
    assert_eq!(
        app.world()
            .resource::<Classroom>()
            .room
            .get(1)
            .unwrap()
            .first
            .source,
        klachtwijs::vote::VoteSource::Phones
    );

    // Leaving for the library ends the session and the server.
    send(&mut app, Navigate(Screen::Library));
    assert!(app.world().resource::<Classroom>().phones.is_none());
    assert!(
        std::net::TcpStream::connect_timeout(&addr, std::time::Duration::from_millis(500)).is_err()
    );
}
