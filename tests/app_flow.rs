//! The app's state flow, headless: `MinimalPlugins` + `StatesPlugin`, no window, no GPU.

#![cfg(feature = "app")]

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use klachtwijs::app::add_screens;
use klachtwijs::app::briefing::BriefingAction;
use klachtwijs::app::catalog::{Catalog, Source};
use klachtwijs::app::conversation::{ConversationAction, Current};
use klachtwijs::app::debrief::DebriefAction;
use klachtwijs::app::library::LibraryAction;
use klachtwijs::app::play::Pick;
use klachtwijs::app::state::{Navigate, PlayMode, Screen};

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
        .resource::<Current>()
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
    send(&mut app, BriefingAction::SetMode(PlayMode::Exam));
    assert_eq!(*app.world().resource::<PlayMode>(), PlayMode::Exam);
    send(&mut app, BriefingAction::Start);
    assert_eq!(screen(&app), Screen::Conversation);
    send(&mut app, ConversationAction::Answer(Pick::One(1)));
    send(&mut app, ConversationAction::Answer(Pick::One(1)));
    assert_eq!(turns(&app), 2);
    // Not finished: the debrief is not reachable yet.
    send(&mut app, ConversationAction::ToDebrief);
    assert_eq!(screen(&app), Screen::Conversation);
    send(&mut app, ConversationAction::Answer(Pick::Many(vec![1])));
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
    send(&mut app, ConversationAction::Answer(Pick::One(9)));
    send(&mut app, ConversationAction::Answer(Pick::Many(vec![1, 2])));
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
