//! Real hands: the real binary in a real window under Xvfb, driven by real key and mouse
//! events (xdotool, through the X test extension), as a trainee on a laptop would. The
//! app's probe (`KLACHTWIJS_PROBE`, see `src/app/probe.rs`) says where things are on
//! screen; the session record on disk says what was picked.
//!
//! Needs `Xvfb` and `xdotool` (`.ci/run` installs them). Without them the tests say so and
//! pass, except under CI (`CI` set), where a missing tool is a failure.

// The probe exists only with the `dev` feature, which the workspace's tests switch on.
#![cfg(feature = "dev")]
#![cfg(feature = "app")]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use klachtwijs::app::probe::Dump;
use klachtwijs::engine::play_extreme;
use klachtwijs::engine::{Answer, Session};
use klachtwijs::records::{self, replay};
use klachtwijs::rubric::model::Rubric;
use klachtwijs::scenario::{self, analysis::Goal, model::Scenario};

/// A scenario whose best route runs well past eight turns.
const SCENARIO: &str = "paspoort-pinnen";

fn tool_missing() -> Option<&'static str> {
    ["Xvfb", "xdotool"].into_iter().find(|tool| {
        Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .stdout(Stdio::null())
            .status()
            .map_or(true, |s| !s.success())
    })
}

/// One real-hands test at a time: each starts an X server and a software-rendered app,
/// and display numbers are picked by looking for a free one.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Skips (outside CI) when the X tools are missing.
fn ready() -> bool {
    match tool_missing() {
        None => true,
        Some(tool) if std::env::var_os("CI").is_some() => panic!("{tool} is missing under CI"),
        Some(tool) => {
            eprintln!("skipped: {tool} is not installed");
            false
        }
    }
}

/// A virtual screen of a given size.
struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    fn start(width: u32, height: u32) -> Xvfb {
        let n = (140..400)
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                    && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .expect("a free display number");
        let child = Command::new("Xvfb")
            .args([
                &format!(":{n}"),
                "-screen",
                "0",
                &format!("{width}x{height}x24"),
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts");
        let socket = format!("/tmp/.X11-unix/X{n}");
        let until = Instant::now() + Duration::from_secs(10);
        while !Path::new(&socket).exists() {
            assert!(Instant::now() < until, "Xvfb :{n} did not come up");
            std::thread::sleep(Duration::from_millis(50));
        }
        Xvfb {
            child,
            display: format!(":{n}"),
        }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The app running on an Xvfb screen, with its own data folder.
struct Hands<'a> {
    x: &'a Xvfb,
    child: Child,
    probe: PathBuf,
    log: PathBuf,
    window: String,
}

impl<'a> Hands<'a> {
    fn launch(x: &'a Xvfb, home: &Path) -> Hands<'a> {
        let probe = home.join("probe.json");
        let _ = std::fs::remove_file(&probe);
        let log = home.join("app.log");
        let child = Command::new(env!("CARGO_BIN_EXE_klachtwijs"))
            .env("DISPLAY", &x.display)
            .env("KLACHTWIJS_HOME", home)
            .env("KLACHTWIJS_PROBE", &probe)
            // Phone votes (key P) on loopback only, on a port the OS picks.
            .env("KLACHTWIJS_VOTE_BIND", "127.0.0.1")
            .env("KLACHTWIJS_VOTE_PORT", "0")
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("the app starts");
        let mut hands = Hands {
            x,
            child,
            probe,
            log,
            window: String::new(),
        };
        let until = Instant::now() + Duration::from_secs(120);
        while hands.window.is_empty() {
            assert!(Instant::now() < until, "no window; log:\n{}", hands.log());
            std::thread::sleep(Duration::from_millis(200));
            hands.window = hands
                .xdotool(&["search", "--name", "^Klachtwijs$"])
                .lines()
                .next()
                .unwrap_or_default()
                .to_string();
        }
        hands.xdotool(&["windowfocus", "--sync", &hands.window.clone()]);
        hands.wait("the library", |d| d.screen == "Library");
        hands
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn xdotool(&self, args: &[&str]) -> String {
        let out = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.x.display)
            .output()
            .expect("xdotool runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn dump(&self) -> Option<Dump> {
        serde_json::from_slice(&std::fs::read(&self.probe).ok()?).ok()
    }

    /// The probe once it has stopped changing (the app has drawn what the last event did).
    fn settle(&self) -> Dump {
        let until = Instant::now() + Duration::from_secs(20);
        let mut last = None;
        loop {
            std::thread::sleep(Duration::from_millis(250));
            let now = self.dump();
            if let Some(stable) = now.as_ref().filter(|n| Some(*n) == last.as_ref()) {
                return stable.clone();
            }
            assert!(Instant::now() < until, "the app never settled: {now:?}");
            last = now;
        }
    }

    fn wait(&self, what: &str, done: impl Fn(&Dump) -> bool) -> Dump {
        let until = Instant::now() + Duration::from_secs(60);
        loop {
            if self.dump().is_some_and(|d| done(&d)) {
                return self.settle();
            }
            assert!(
                Instant::now() < until,
                "waited in vain for {what}: {:?}\nlog:\n{}",
                self.dump(),
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Real key presses (X test extension), to the focused window.
    fn key(&self, keys: &str) {
        self.xdotool(&["key", "--delay", "60", keys]);
    }

    /// Presses `key` `times` times at a person's pace: each press once the app has drawn
    /// the previous one.
    fn press(&self, key: &str, times: usize) {
        for _ in 0..times {
            self.key(key);
            self.settle();
        }
    }

    /// A real click in the middle of a probe rectangle.
    fn click(&self, d: &Dump, r: [f32; 4]) {
        let x = ((r[0] + r[2]) / 2.0 * d.pixels_per_point).round() as i64;
        let y = ((r[1] + r[3]) / 2.0 * d.pixels_per_point).round() as i64;
        let window = self.window.clone();
        self.xdotool(&[
            "mousemove",
            "--window",
            &window,
            &x.to_string(),
            &y.to_string(),
            "click",
            "1",
        ]);
    }

    fn quit(mut self) {
        // As a hand does it: Ctrl held down while Q is pressed.
        self.xdotool(&["keydown", "ctrl"]);
        std::thread::sleep(Duration::from_millis(150));
        self.key("q");
        std::thread::sleep(Duration::from_millis(150));
        self.xdotool(&["keyup", "ctrl"]);
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "exit {status}; log:\n{}", self.log());
                return;
            }
            assert!(
                Instant::now() < until,
                "Ctrl+Q did not quit: {:?}\nlog:\n{}",
                self.dump(),
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Hands<'_> {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn scenario() -> Arc<Scenario> {
    scenario::bundled()
        .into_iter()
        .filter_map(|b| scenario::load_str(b.text, Path::new(b.path)).ok())
        .find(|s| s.id == SCENARIO)
        .map(Arc::new)
        .expect("the bundled scenario")
}

/// The engine's own session after `answers`, beside the app's.
fn mirror(seed: u64, answers: &[Answer]) -> Session {
    let mut session = Session::start(scenario(), Rubric::bundled(), seed).expect("starts");
    for a in answers {
        session.answer(a.clone()).expect("the mirrored answer fits");
    }
    session
}

/// The best answer from where the session stands, as displayed.
fn best_next(seed: u64, answers: &[Answer]) -> Answer {
    let mut session = mirror(seed, answers);
    play_extreme(&mut session, Goal::Best)
        .into_iter()
        .next()
        .expect("a best answer")
}

fn record(d: &Dump) -> records::Record {
    let path = d.record.as_ref().expect("the session is autosaved");
    records::load_record(path).expect("the record reads")
}

fn record_choices(d: &Dump) -> Vec<String> {
    record(d).choices
}

/// On a first play, practice mode asks the trainee's own words before the options: type
/// them and press Enter, as a trainee would. Returns the probe with the options showing.
fn say_it_first(hands: &Hands, d: Dump, turn: usize) -> Dump {
    if !d.targets.contains_key("own_words") {
        return d;
    }
    assert!(d.answers.is_empty(), "the options wait for the own words");
    hands.xdotool(&["type", "--delay", "15", &own_words(turn)]);
    // Typing, the trainee sees the field and, above it, the start of the line answered.
    let typed = hands.settle();
    let (field, says) = (typed.targets["own_words"], typed.targets["says"]);
    assert!(
        typed.inside(field) && says[1] >= 0.0 && says[1] < field[1],
        "turn {turn}: the field {field:?} and the line {says:?} in the {:?} window",
        typed.window
    );
    // PageDown scrolls from inside the field and leaves the words and the focus there.
    hands.key("Next");
    let paged = hands.settle();
    assert_eq!(
        paged.focused,
        Some(paged.targets["own_words"]),
        "turn {turn}"
    );
    hands.key("Return");
    hands.wait("the options after the own words", |n| {
        !n.targets.contains_key("own_words") && !n.answers.is_empty()
    })
}

fn own_words(turn: usize) -> String {
    format!("Ik hoor dat u boos bent (beurt {turn})")
}

/// Opens the scenario's card in the library, paging down to it as a keyboard user would;
/// returns the briefing.
fn open_card(hands: &Hands) -> Dump {
    let card = format!("open:{SCENARIO}");
    let mut d = hands.wait("the scenario's card", |d| d.targets.contains_key(&card));
    for _ in 0..30 {
        if d.inside(d.targets[&card]) {
            break;
        }
        hands.key("Next");
        d = hands.settle();
    }
    assert!(
        d.inside(d.targets[&card]),
        "PageDown never brought the card into view: {:?} in {:?}",
        d.targets[&card],
        d.window
    );
    hands.click(&d, d.targets[&card]);
    hands.wait("the briefing", |d| d.screen == "Briefing")
}

fn open_and_start(hands: &Hands) -> Dump {
    let d = open_card(hands);
    assert!(d.focused.is_some(), "the briefing focuses its start button");
    // It opens at its top, to be read, even where the focused button is below the fold.
    let d = hands.settle();
    assert!(
        d.inside(d.targets["title"]),
        "the briefing's title {:?} is out of the {:?} window",
        d.targets["title"],
        d.window
    );
    hands.key("Return");
    hands.wait("the conversation", |d| d.screen == "Conversation")
}

/// Gives `answer` by its number keys (Enter to submit a selection).
fn take_by_number(hands: &Hands, answer: &Answer) {
    match answer {
        Answer::Pick(p) => hands.key(&p.to_string()),
        Answer::Select(items) => {
            for i in items {
                hands.key(&i.to_string());
            }
            hands.key("Return");
        }
    }
}

/// Moves the highlight to `position` (1-based) with the arrows, alternating two routes
/// so both directions are used, checks what is highlighted and in view, and takes it with
/// Enter.
fn take_by_arrows(hands: &Hands, d: &Dump, position: usize, turn: usize) -> Dump {
    let count = d.options.len();
    if turn.is_multiple_of(2) {
        hands.press("Down", position - 1);
    } else {
        hands.press("Down", count - 1);
        hands.press("Up", count - position);
    }
    let moved = hands.settle();
    assert_eq!(
        moved.highlight,
        Some(position - 1),
        "turn {}: after the arrows the highlight should be on answer {position} of {count}",
        turn + 1
    );
    // After an arrow the highlighted answer has the focus and is scrolled into view.
    if position > 1 || !turn.is_multiple_of(2) {
        let focused = moved.focused.expect("the highlighted answer has focus");
        assert_eq!(
            Some(focused),
            moved.answers.get(position - 1).copied(),
            "turn {}: focus and highlight disagree",
            turn + 1
        );
        assert!(
            moved.inside(focused),
            "turn {}: the highlighted answer {focused:?} is outside the {:?} window",
            turn + 1,
            moved.window
        );
    }
    hands.key("Return");
    hands.wait("the answer to be taken", |n| n.turns == turn + 1)
}

fn trainee_flow(width: u32, height: u32) {
    let _one = serial();
    if !ready() {
        return;
    }
    let x = Xvfb::start(width, height);
    let home = tempfile::tempdir().unwrap();
    let hands = Hands::launch(&x, home.path());
    let first = open_and_start(&hands);
    assert!(
        first.window[0] * first.pixels_per_point <= width as f32
            && first.window[1] * first.pixels_per_point <= height as f32,
        "the window {:?} does not fit the {width}×{height} screen",
        first.window
    );
    let seed = first.seed.expect("a seed");
    let mut answers: Vec<Answer> = Vec::new();
    let mut d = first;
    for turn in 0..8 {
        assert!(!d.finished, "the best route ended before turn {}", turn + 1);
        d = say_it_first(&hands, d, turn + 1);
        // Each turn starts with the complainant's line in view; no answer runs past an
        // edge (the highlighted one is checked whole below, after the arrows).
        let says = d.targets.get("says").copied().expect("the line is drawn");
        assert!(
            d.inside(says) || (says[1] >= 0.0 && says[1] < d.window[1] * 0.5),
            "turn {}: the start of the complainant's line {says:?} is out of view",
            turn + 1
        );
        for (i, r) in d.answers.iter().enumerate() {
            assert!(
                d.within_width(*r),
                "turn {}: answer {} {r:?} runs past the edge of the {:?} window",
                turn + 1,
                i + 1,
                d.window
            );
        }
        let best = best_next(seed, &answers);
        d = match &best {
            Answer::Pick(position) => take_by_arrows(&hands, &d, *position, turn),
            Answer::Select(_) => {
                take_by_number(&hands, &best);
                hands.wait("the selection to be taken", |n| n.turns == turn + 1)
            }
        };
        answers.push(best);
        assert_eq!(
            record_choices(&d),
            replay::file_choices(&mirror(seed, &answers)),
            "turn {}: the record holds another answer than the one highlighted",
            turn + 1
        );
    }
    let own: Vec<String> = record(&d).own_words.into_iter().map(|w| w.text).collect();
    assert!(
        own.contains(&own_words(1)),
        "the own words of turn 1 are in the local record: {own:?}"
    );
    // On to the end by number keys, then Enter to the debrief.
    while !d.finished {
        let turn = d.turns;
        say_it_first(&hands, d, turn + 1);
        let best = best_next(seed, &answers);
        take_by_number(&hands, &best);
        answers.push(best);
        d = hands.wait("the next turn", |n| n.turns == turn + 1);
    }
    assert_eq!(
        record_choices(&d),
        replay::file_choices(&mirror(seed, &answers))
    );
    hands.key("Return");
    // First the trainee's own view: listening 5/5, then the scores.
    let d = hands.wait("the self-assessment", |d| {
        d.targets.contains_key("show_my_scores")
    });
    hands.click(&d, d.targets["rate:active_listening:5"]);
    // The page opens at its top; the button is at its end, below the fold on a small
    // screen: End scrolls there, as a trainee without a mouse wheel would.
    hands.key("End");
    let d = hands.settle();
    assert!(
        d.inside(d.targets["show_my_scores"]),
        "End brings the button into view: {d:?}"
    );
    hands.click(&d, d.targets["show_my_scores"]);
    let mut d = hands.wait("the scores", |d| {
        d.screen == "Debrief" && !d.targets.contains_key("show_my_scores")
    });
    assert!(
        d.inside(d.targets["title"]),
        "the scores open at their top, not where the own view was scrolled: {:?}",
        d.targets["title"]
    );
    let own = record(&d)
        .self_assessment
        .expect("the self-assessment is saved");
    assert_eq!(own.steps.get("active_listening"), Some(&5));
    // PageDown until turn 3's retry button is in view (opening the turn if it is folded),
    // then a click on it.
    let visible = |d: &Dump, name: &str| d.targets.get(name).copied().filter(|r| d.inside(*r));
    for _ in 0..40 {
        if let Some(r) = visible(&d, "retry:3") {
            hands.click(&d, r);
            break;
        }
        match visible(&d, "turn:3") {
            Some(header) if !d.targets.contains_key("retry:3") => hands.click(&d, header),
            _ => hands.key("Next"),
        }
        d = hands.settle();
    }
    let d = hands.wait("the retry from turn 3", |d| d.screen == "Conversation");
    assert_eq!(d.turns, 2, "retrying from turn 3 keeps two answers");
    hands.quit();
}

#[test]
fn a_trainee_plays_by_arrows_and_enter_at_1280x720() {
    trainee_flow(1280, 720);
}

#[test]
fn a_trainee_plays_by_arrows_and_enter_at_1024x768() {
    trainee_flow(1024, 768);
}

#[test]
fn after_a_restart_the_library_offers_to_resume_with_focus_on_it() {
    let _one = serial();
    if !ready() {
        return;
    }
    let x = Xvfb::start(1280, 720);
    let home = tempfile::tempdir().unwrap();
    let hands = Hands::launch(&x, home.path());
    open_and_start(&hands);
    let mut d = hands.settle();
    let seed = d.seed.expect("a seed");
    let mut answers = Vec::new();
    for turn in 0..3 {
        say_it_first(&hands, d, turn + 1);
        // The best answer, by its number key, so the conversation does not end early.
        let best = best_next(seed, &answers);
        take_by_number(&hands, &best);
        answers.push(best);
        d = hands.wait("an answer", |d| d.turns == turn + 1);
    }
    let before = hands.settle();
    hands.quit();

    let hands = Hands::launch(&x, home.path());
    let d = hands.wait("the resume offer", |d| d.targets.contains_key("resume"));
    assert_eq!(
        d.focused,
        Some(d.targets["resume"]),
        "focus should be on 'Verdergaan'"
    );
    assert!(d.inside(d.targets["resume"]));
    hands.key("Return");
    let d = hands.wait("the resumed conversation", |d| d.screen == "Conversation");
    assert_eq!(d.turns, 3);
    assert_eq!(d.seed, before.seed);
    assert_eq!(
        d.record, before.record,
        "the resumed session keeps its file"
    );
    hands.quit();
}

/// The classroom dump; the probe writes it in classroom mode only.
fn room(d: &Dump) -> klachtwijs::app::probe::ClassroomDump {
    d.classroom.clone().expect("classroom mode")
}

/// The app at 1280×720, the test scenario opened, classroom mode chosen and started by
/// mouse clicks, as a facilitator sets up before the room looks.
fn start_in_classroom_mode<'a>(x: &'a Xvfb, home: &Path) -> Hands<'a> {
    let hands = Hands::launch(x, home);
    open_card(&hands);
    // The briefing opens at its top; the mode choice is at its end.
    hands.key("End");
    let d = hands.settle();
    hands.click(&d, d.targets["mode:Classroom"]);
    // The room then reads it from the top, in large type, and the clicker pages through
    // it and on into the conversation.
    hands.wait("classroom mode", |d| d.mode == "Classroom");
    hands.wait("the briefing's top in view", |d| {
        d.targets.get("title").is_some_and(|t| d.inside(*t))
    });
    let mut presses = 0;
    while hands.settle().screen != "Conversation" {
        assert!(presses < 20, "20 clicks and still no conversation");
        hands.key("Next");
        presses += 1;
    }
    assert!(
        presses > 1,
        "the clicker shows the briefing before it starts"
    );
    hands
}

/// A facilitator with a presenter clicker: PageDown, PageUp, B and R, and the room's hands
/// typed into the vote fields. The first play asks the room to write on paper first.
#[test]
fn a_facilitator_runs_the_room_with_the_clicker_keys() {
    let _one = serial();
    if !ready() {
        return;
    }
    let x = Xvfb::start(1280, 720);
    let home = tempfile::tempdir().unwrap();
    let hands = start_in_classroom_mode(&x, home.path());

    // Paper first: no options until PageDown.
    let d = hands.wait("the paper card", |d| {
        d.screen == "Conversation" && d.targets.contains_key("paper_show")
    });
    assert!(
        !d.targets.contains_key("vote:1"),
        "the options wait for the paper"
    );
    hands.key("Next");
    let d = hands.wait("the options", |d| d.targets.contains_key("vote:1"));
    assert_eq!(d.turns, 0, "showing the options answers nothing");

    // PageDown without hands says why and stays.
    hands.key("Next");
    let d = hands.wait("the notice", |d| room(d).notice);
    assert_eq!(d.turns, 0);

    // The room's hands: 7 for option 2 (a click selects the field's count; typing
    // replaces it).
    hands.click(&d, d.targets["vote:2"]);
    hands.settle();
    hands.xdotool(&["type", "--delay", "40", "7"]);
    hands.key("Return");
    let d = hands.wait("the hands", |d| room(d).votes.get(1) == Some(&7));
    assert!(!room(&d).notice, "a vote clears the notice");

    // R reveals, R hides, R reveals again.
    hands.key("r");
    hands.wait("the reveal", |d| room(d).revealed);
    hands.key("r");
    hands.wait("hidden", |d| !room(d).revealed);
    hands.key("r");
    hands.wait("the reveal again", |d| room(d).revealed);

    // B blacks the projection out; PageDown does nothing while black; B brings it back.
    hands.key("b");
    hands.wait("black", |d| room(d).black);
    hands.key("Next");
    let d = hands.settle();
    assert_eq!(d.turns, 0, "nothing happens behind a black screen");
    hands.key("b");
    hands.wait("the projection back", |d| !room(d).black);

    // PageDown takes the room's choice: option 2.
    let chosen = d.options[1];
    hands.key("Next");
    let d = hands.wait("the room's answer", |d| d.turns == 1);
    let r = room(&d);
    assert_eq!(r.room, vec![1], "turn 1's hands are kept");
    assert!(
        r.votes.iter().all(|&v| v == 0) && !r.revealed,
        "a new turn starts clean"
    );
    if d.record.is_some() {
        assert_eq!(
            record(&d).choices.first().cloned(),
            Some((chosen + 1).to_string()),
            "the record holds the room's choice"
        );
    }
    // The next talk turn asks for paper again; PageDown shows its options.
    if d.targets.contains_key("paper_show") {
        hands.key("Next");
        hands.wait("turn 2's options", |d| d.targets.contains_key("vote:1"));
    }

    // PageUp takes the answer back, and the room's hands for turn 1 return; its options
    // show at once (the room wrote on paper already).
    hands.key("Prior");
    let d = hands.wait("turn 1 again", |d| d.turns == 0);
    assert_eq!(
        room(&d).votes.get(1),
        Some(&7),
        "the room's hands come back"
    );
    assert!(d.targets.contains_key("vote:1") && !d.targets.contains_key("paper_show"));
    hands.quit();
}

/// A participant's phone: a real browser (Debian's Chromium) opens the vote page the
/// projection offers, on loopback, and taps option 2 by keyboard (Tab, Tab, Enter). The
/// projection counts the vote; P switches phone votes off and the page is gone.
#[test]
fn a_phone_in_a_real_browser_votes_and_the_projection_counts_it() {
    let _one = serial();
    if !ready() {
        return;
    }
    let Some(chromium) = ["chromium", "chromium-browser"].into_iter().find(|b| {
        Command::new("sh")
            .args(["-c", &format!("command -v {b}")])
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is missing under CI"
        );
        eprintln!("skipped: chromium is not installed");
        return;
    };
    let x = Xvfb::start(1280, 720);
    let home = tempfile::tempdir().unwrap();
    let hands = start_in_classroom_mode(&x, home.path());
    hands.wait("the paper card", |d| d.targets.contains_key("paper_show"));
    hands.key("Next");
    hands.wait("the options", |d| d.targets.contains_key("vote:1"));

    hands.key("p");
    let d = hands.wait("phone votes on", |d| room(d).phone_url.is_some());
    let url = room(&d).phone_url.unwrap();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(
        room(&d).split_hidden && d.targets.contains_key("phone_qr"),
        "the QR code shows and the split is hidden while the room votes"
    );

    let profile = tempfile::tempdir().unwrap();
    let mut browser = Command::new(chromium)
        .args([
            "--no-sandbox",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--window-position=0,0",
            "--window-size=400,860",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--app={url}"))
        .env("DISPLAY", &x.display)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    hands.wait("the phone connected", |d| room(d).phones_connected >= 1);
    let until = Instant::now() + Duration::from_secs(30);
    let window = loop {
        let found = hands.xdotool(&["search", "--onlyvisible", "--class", "chromium"]);
        if let Some(w) = found.lines().last().filter(|w| !w.is_empty()) {
            break w.to_string();
        }
        assert!(Instant::now() < until, "no browser window");
        std::thread::sleep(Duration::from_millis(300));
    };
    hands.xdotool(&["windowfocus", "--sync", &window]);
    std::thread::sleep(Duration::from_millis(500));
    hands.xdotool(&[
        "key", "--window", &window, "--delay", "150", "Tab", "Tab", "Return",
    ]);
    let d = hands.wait("the phone's vote on the projection", |d| {
        room(d).votes.iter().sum::<u32>() == 1
    });
    assert_eq!(
        room(&d).votes.get(1),
        Some(&1),
        "option 2 has the phone's vote"
    );
    let _ = browser.kill();
    let _ = browser.wait();

    // Back to the projection: P switches phone votes off, and the server is gone.
    hands.xdotool(&["windowfocus", "--sync", &hands.window.clone()]);
    hands.key("p");
    hands.wait("phone votes off", |d| room(d).phone_url.is_none());
    let addr = url.trim_start_matches("http://").split('/').next().unwrap();
    assert!(
        std::net::TcpStream::connect_timeout(&addr.parse().unwrap(), Duration::from_millis(500))
            .is_err(),
        "nothing listens once phone votes are off"
    );
    hands.quit();
}
