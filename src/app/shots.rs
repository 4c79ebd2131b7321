//! The screenshot driver behind `klachtwijs screenshots --out DIR`: walks the real app
//! through every screen, solo and classroom, at 1920×1080 and 3840×2160, saves a PNG of
//! each, checks that none is blank, and exits non-zero when any shot failed.
//!
//! Over 500 lines: the list of shots and the driver that sets each one up; a shot is data,
//! the setup is one match.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use bevy::window::PrimaryWindow;
use bevy::winit::WinitSettings;

use super::author::TestFrom;
use super::catalog::{Catalog, Source};
use super::classroom::Classroom;
use super::conversation::ActiveSession;
use super::debrief::OwnView;
use super::facilitator::{self, ClassRecords};
use super::map_view::{MapCamera, Overlays, ScenarioMap};
use super::play::{Announcement, Play};
use super::progress::ProgressState;
use super::settings::{Persist, Settings, TextSize, Theme};
use super::state::{PlayMode, Screen};
use crate::engine::{Answer, PromptKind};
use crate::records::{Mode, Record};
use crate::scenario::model::Scenario;

/// The scenario the screenshots show.
const SHOWCASE: &str = "scheldende-beller";

/// One screenshot to take.
#[derive(Debug, Clone)]
struct Shot {
    name: String,
    width: u32,
    height: u32,
    scale: f32,
    screen: Screen,
    mode: Mode,
    /// How far into the scenario: answers given before the shot (`usize::MAX`: to the end).
    answers: usize,
    theme: Theme,
    text_size: TextSize,
    revealed: bool,
    /// Instead of `answers`: play the demo route until the emotion flares up (trying
    /// seeds until one does), to show the flare-up.
    flare_up: bool,
    /// What else the shot shows.
    extra: Extra,
}

/// Screens that need more than a place in the demo route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Extra {
    #[default]
    None,
    /// "Say it yourself first": the field for the trainee's own words.
    SayFirst,
    /// The self-assessment before the scores.
    OwnView,
    /// Progress and the recommendation, from demo records of three weeks.
    Progress,
    /// Classroom: the demo route to the first node with a discussion question, shown.
    Question,
    /// Classroom: "write your answer on paper first", with the countdown.
    Paper,
    /// The Author screen's map of the largest bundled scenario, analysed, with the best
    /// and worst paths and the start node opened.
    Map,
    /// Classroom: phone votes on (QR code and address), votes arriving, split hidden.
    Phones,
    /// Classroom: a re-vote beside the first vote, the split shown.
    Revote,
    /// Classroom debrief, revealed, opening with the room's disagreement agenda.
    Agenda,
}

/// The result of one shot, reported by the capture observer.
#[derive(Debug, Clone)]
struct ShotResult {
    path: PathBuf,
    problem: Option<String>,
}

#[derive(Resource)]
struct Driver {
    out: PathBuf,
    shots: Vec<Shot>,
    next: usize,
    phase: Phase,
    results: Arc<Mutex<Vec<ShotResult>>>,
    failures: Vec<String>,
    // Holds the demo records for the facilitator screen.
    records_dir: Option<tempfile::TempDir>,
}

#[derive(Debug, Clone, Copy)]
enum Phase {
    /// Set up shot `next`, then let it settle.
    Setup,
    /// Wait until this many frames and this time have passed.
    Settle {
        frames: u32,
        until: Instant,
    },
    /// Waiting for the capture of shot `next` (with a deadline).
    Capturing {
        deadline: Instant,
        expected: usize,
    },
    Done,
}

/// The plugin: takes over the app once everything has loaded.
pub(super) fn plugin(out: PathBuf) -> impl Fn(&mut App) + Send + Sync + 'static {
    move |app: &mut App| {
        app.insert_resource(Driver {
            out: out.clone(),
            // `KLACHTWIJS_SHOTS=phone,agenda` takes only the shots whose name contains
            // "phone" or "agenda".
            shots: match std::env::var("KLACHTWIJS_SHOTS") {
                Ok(only) => plan()
                    .into_iter()
                    .filter(|s| only.split(',').any(|part| s.name.contains(part)))
                    .collect(),
                Err(_) => plan(),
            },
            next: 0,
            phase: Phase::Setup,
            results: Arc::default(),
            failures: Vec::new(),
            records_dir: None,
        })
        // Never write to the user's data folder while taking pictures.
        .insert_resource(Persist(false))
        .insert_resource(Settings::default())
        // Frames must keep coming while the driver waits.
        .insert_resource(WinitSettings::continuous())
        .add_systems(Last, drive);
    }
}

/// Prints where the shots went and passes the exit code on.
pub(super) fn report(out: &Path, code: ExitCode) -> ExitCode {
    if code == ExitCode::SUCCESS {
        println!("screenshots: all saved in {}", out.display());
    } else {
        eprintln!(
            "screenshots: FAILED (see above); output in {}",
            out.display()
        );
    }
    code
}

fn plan() -> Vec<Shot> {
    let mut shots = Vec::new();
    for (width, height, scale) in [(1920, 1080, 1.0), (3840, 2160, 2.0)] {
        let mut n = 0;
        let mut add = |mode: Mode,
                       screen: Screen,
                       answers: usize,
                       theme: Theme,
                       revealed: bool,
                       label: &str| {
            n += 1;
            let m = if mode == Mode::Classroom {
                "classroom"
            } else {
                "solo"
            };
            shots.push(Shot {
                name: format!("{width}x{height}-{m}-{n:02}-{label}.png"),
                width,
                height,
                scale,
                screen,
                mode,
                answers,
                theme,
                text_size: TextSize::Normal,
                revealed,
                flare_up: false,
                extra: Extra::None,
            });
        };
        use Mode::*;
        use Screen as S;
        add(Practice, S::Library, 0, Theme::Light, false, "library");
        add(Practice, S::Briefing, 0, Theme::Light, false, "briefing");
        add(
            Practice,
            S::Conversation,
            0,
            Theme::Light,
            false,
            "conversation-start",
        );
        add(
            Practice,
            S::Conversation,
            2,
            Theme::Light,
            false,
            "conversation-pitfall",
        );
        add(
            Exam,
            S::Conversation,
            1,
            Theme::Dark,
            false,
            "conversation-exam-dark",
        );
        add(
            Practice,
            S::Conversation,
            usize::MAX,
            Theme::Light,
            false,
            "conversation-ending",
        );
        add(
            Practice,
            S::Debrief,
            usize::MAX,
            Theme::Light,
            false,
            "debrief",
        );
        add(
            Practice,
            S::Facilitator,
            0,
            Theme::Light,
            false,
            "facilitator",
        );
        add(Practice, S::Author, 0, Theme::Light, false, "author");
        add(
            Practice,
            S::Settings,
            0,
            Theme::HighContrast,
            false,
            "settings-high-contrast",
        );
        add(Classroom, S::Briefing, 0, Theme::Light, false, "briefing");
        add(
            Classroom,
            S::Conversation,
            1,
            Theme::Light,
            false,
            "conversation-votes",
        );
        add(
            Classroom,
            S::Conversation,
            2,
            Theme::Light,
            true,
            "conversation-revealed",
        );
        add(
            Classroom,
            S::Debrief,
            usize::MAX,
            Theme::Light,
            false,
            "debrief-hidden",
        );
        add(
            Classroom,
            S::Debrief,
            usize::MAX,
            Theme::Light,
            true,
            "debrief-revealed",
        );
        add(
            Practice,
            S::Conversation,
            0,
            Theme::Light,
            false,
            "conversation-flare-up",
        );
        if let Some(last) = shots.last_mut() {
            last.flare_up = true;
        }
    }
    // A trainee who gets better, and the facilitator's question, at 1080p and 4K.
    for (width, height, scale) in [(1920, 1080, 1.0), (3840, 2160, 2.0)] {
        for (mode, screen, answers, extra, label) in [
            (
                Mode::Practice,
                Screen::Conversation,
                0,
                Extra::SayFirst,
                "solo-say-it-first",
            ),
            (
                Mode::Practice,
                Screen::Debrief,
                usize::MAX,
                Extra::OwnView,
                "solo-self-assessment",
            ),
            (
                Mode::Practice,
                Screen::Progress,
                0,
                Extra::Progress,
                "solo-progress",
            ),
            (
                Mode::Classroom,
                Screen::Conversation,
                0,
                Extra::Question,
                "classroom-question",
            ),
            (
                Mode::Classroom,
                Screen::Conversation,
                0,
                Extra::Paper,
                "classroom-paper-first",
            ),
            (
                Mode::Practice,
                Screen::Author,
                0,
                Extra::Map,
                "solo-author-map",
            ),
            (
                Mode::Classroom,
                Screen::Conversation,
                1,
                Extra::Phones,
                "classroom-phone-votes",
            ),
            (
                Mode::Classroom,
                Screen::Conversation,
                1,
                Extra::Revote,
                "classroom-revote",
            ),
            (
                Mode::Classroom,
                Screen::Debrief,
                usize::MAX,
                Extra::Agenda,
                "classroom-agenda",
            ),
        ] {
            shots.push(Shot {
                name: format!("{width}x{height}-{label}.png"),
                width,
                height,
                scale,
                screen,
                mode,
                answers,
                theme: Theme::Light,
                text_size: TextSize::Normal,
                revealed: false,
                flare_up: false,
                extra,
            });
        }
    }
    // Small laptop screens: what a trainee reads most, with nothing cut off.
    for (width, height) in [(1024, 768), (1280, 720)] {
        let small = |screen: Screen, answers: usize, text_size: TextSize, label: &str| Shot {
            name: format!("{width}x{height}-solo-{label}.png"),
            width,
            height,
            scale: 1.0,
            screen,
            mode: Mode::Practice,
            answers,
            theme: Theme::Light,
            text_size,
            revealed: false,
            flare_up: false,
            extra: Extra::None,
        };
        shots.extend([
            small(Screen::Conversation, 2, TextSize::Normal, "conversation"),
            small(Screen::Debrief, usize::MAX, TextSize::Normal, "debrief"),
            small(
                Screen::Library,
                0,
                TextSize::Largest,
                "library-largest-text",
            ),
            small(Screen::Facilitator, 0, TextSize::Normal, "facilitator"),
        ]);
    }
    shots
}

/// The demo route up to the first flare-up, for the first seed (1 to 200) on which the
/// emotion flares up.
fn play_to_flare_up(
    scenario: &Arc<Scenario>,
    catalog: &Catalog,
) -> Option<(Play, Vec<Announcement>)> {
    (1..=200u64).find_map(|seed| {
        let mut play = Play::start(scenario.clone(), &catalog.rubric, seed).ok()?;
        let mut last = Vec::new();
        for _ in 0..60 {
            if play.session.prompt()?.flared {
                return Some((play, last));
            }
            last = play.answer(demo_pick(&play, 0)?).ok()?;
        }
        None
    })
}

/// The demo route: good answers, except a pitfall at the second turn so the screens have
/// something to show; `variant` > 0 makes other trainees in the class overview answer
/// differently. On a multi-select turn: every item that belongs.
fn demo_pick(play: &Play, variant: usize) -> Option<Answer> {
    let prompt = play.session.prompt()?;
    match prompt.kind {
        PromptKind::Select { items, .. } => {
            let mut picked: Vec<usize> = items
                .iter()
                .filter(|i| i.item.belongs != (variant % 2 == 1 && i.position == 1))
                .map(|i| i.position)
                .collect();
            if picked.is_empty() {
                picked.push(1);
            }
            Some(Answer::Select(picked))
        }
        PromptKind::Options(options) => {
            let turn = prompt.turn;
            let want_pitfall = turn == 1 || (variant > 0 && (turn + variant).is_multiple_of(3));
            let best = options
                .iter()
                .filter(|o| o.choice.pitfalls.is_empty() != want_pitfall)
                .max_by_key(|o| (o.choice.shows.len(), std::cmp::Reverse(o.position)))
                .or_else(|| options.first())?;
            Some(Answer::Pick(best.position))
        }
    }
}

/// Plays `answers` demo answers; also returns what the last one caused, as the app keeps
/// it for the pitfall banner.
fn play_to(
    scenario: &Arc<Scenario>,
    catalog: &Catalog,
    answers: usize,
    seed: u64,
    variant: usize,
) -> Option<(Play, Vec<Announcement>)> {
    let mut play = Play::start(scenario.clone(), &catalog.rubric, seed).ok()?;
    let mut last = Vec::new();
    for _ in 0..answers.min(60) {
        let Some(pick) = demo_pick(&play, variant) else {
            break;
        };
        match play.answer(pick) {
            Ok(happenings) => last = happenings,
            Err(_) => break,
        }
        if play.finished() {
            break;
        }
    }
    Some((play, last))
}

#[allow(clippy::too_many_arguments, reason = "a Bevy system's parameters")]
fn drive(
    mut commands: Commands,
    mut driver: ResMut<Driver>,
    catalog: Res<Catalog>,
    mut current: ResMut<ActiveSession>,
    mut mode: ResMut<PlayMode>,
    mut classroom: ResMut<Classroom>,
    mut settings: ResMut<Settings>,
    mut records: ResMut<ClassRecords>,
    mut own: ResMut<OwnView>,
    mut progress: ResMut<ProgressState>,
    mut next_screen: ResMut<NextState<Screen>>,
    mut windows: Query<&mut Window, With<PrimaryWindow>>,
    mut exit: MessageWriter<AppExit>,
    (mut test, mut camera, maps): (ResMut<TestFrom>, ResMut<MapCamera>, Res<ScenarioMap>),
) {
    let driver = driver.as_mut();
    match driver.phase {
        Phase::Done => {}
        Phase::Setup => {
            let Some(shot) = driver.shots.get(driver.next).cloned() else {
                for f in &driver.failures {
                    eprintln!("screenshots: {f}");
                }
                let code = if driver.failures.is_empty() && !driver.shots.is_empty() {
                    0
                } else {
                    1
                };
                driver.phase = Phase::Done;
                exit.write(if code == 0 {
                    AppExit::Success
                } else {
                    AppExit::error()
                });
                return;
            };
            // A Dutch scenario that shows every kind of turn; any other when it is missing.
            let showcase = catalog
                .find(SHOWCASE)
                .or_else(|| catalog.entries.first())
                .cloned();
            let Some(entry) = showcase else {
                driver
                    .failures
                    .push("no scenario loaded; nothing to show".into());
                driver.shots.clear();
                return;
            };
            let mut resized = false;
            for mut window in &mut windows {
                if window.resolution.physical_width() != shot.width
                    || window.resolution.physical_height() != shot.height
                    || window.resolution.scale_factor_override() != Some(shot.scale)
                {
                    window
                        .resolution
                        .set_scale_factor_override(Some(shot.scale));
                    window
                        .resolution
                        .set_physical_resolution(shot.width, shot.height);
                    resized = true;
                }
            }
            settings.theme = shot.theme;
            settings.text_size = shot.text_size;
            **mode = shot.mode;
            if current.entry.as_ref().map(|e| &e.scenario.id) != Some(&entry.scenario.id) {
                current.choose(entry.clone());
            }
            let played = if shot.flare_up {
                play_to_flare_up(&entry.scenario, &catalog)
            } else {
                play_to(&entry.scenario, &catalog, shot.answers, 7, 0)
            };
            if let Some((play, last)) = played {
                current.begin(play);
                current.last = last;
            }
            current.say_first = matches!(shot.extra, Extra::SayFirst | Extra::Paper);
            if shot.extra == Extra::Question
                && let Some(play) = current.play.as_mut()
            {
                // On to the first node with a discussion question.
                for _ in 0..40 {
                    let at = play.session.prompt().map(|p| p.node.to_string());
                    if at.is_none_or(|n| entry.scenario.question_at(&n).is_some()) {
                        break;
                    }
                    let Some(pick) = demo_pick(play, 0) else {
                        break;
                    };
                    if play.answer(pick).is_err() {
                        break;
                    }
                }
            }
            if shot.extra == Extra::Progress {
                *progress = demo_progress(&entry.scenario, &catalog);
            }
            classroom.new_session();
            classroom.question_shown = shot.extra == Extra::Question;
            classroom.revealed = shot.revealed;
            if shot.mode == Mode::Classroom
                && shot.answers < usize::MAX
                && shot.extra != Extra::Paper
            {
                classroom.votes = vec![3, 11, 5, 1];
                classroom.timer_before = Duration::from_secs(95);
            }
            demo_room(&mut classroom, shot.extra);
            if shot.screen == Screen::Facilitator {
                open_demo_records(driver, &entry.scenario, &catalog, &mut records);
            }
            if shot.extra == Extra::Map
                && let Some(largest) = catalog
                    .entries
                    .iter()
                    .filter(|e| matches!(e.source, Source::Bundled(_)))
                    .max_by_key(|e| (e.scenario.nodes.len(), std::cmp::Reverse(&e.scenario.id)))
            {
                let scenario = &largest.scenario;
                *test = TestFrom {
                    scenario: scenario.id.clone(),
                    node: scenario.start.clone(),
                    anger: scenario.complainant.mood.anger,
                    trust: scenario.complainant.mood.trust,
                };
                *camera = MapCamera {
                    opened: Some(scenario.start.clone()),
                    overlays: Overlays {
                        best: true,
                        worst: true,
                        played: false,
                        coverage: true,
                    },
                    scroll_into_view: true,
                    ..MapCamera::default()
                };
            }
            next_screen.set(shot.screen);
            driver.phase = Phase::Settle {
                frames: if resized { 20 } else { 8 },
                until: Instant::now() + Duration::from_millis(if resized { 1500 } else { 700 }),
            };
        }
        Phase::Settle { frames, until } => {
            // After the screen's own OnEnter: the self-assessment only where wanted.
            let mut waiting = false;
            if let Some(shot) = driver.shots.get(driver.next) {
                own.asking = shot.extra == Extra::OwnView;
                // The map shows the analysis's paths once the background task is done.
                waiting = shot.extra == Extra::Map && maps.analysing();
            }
            if frames > 0 || Instant::now() < until || waiting {
                driver.phase = Phase::Settle {
                    frames: frames.saturating_sub(1),
                    until,
                };
                return;
            }
            let Some(shot) = driver.shots.get(driver.next).cloned() else {
                return;
            };
            let path = driver.out.join(&shot.name);
            let results = driver.results.clone();
            let expected = (shot.width, shot.height);
            commands.spawn(Screenshot::primary_window()).observe(
                move |captured: On<ScreenshotCaptured>| {
                    let problem = save_checked(&captured.image, &path, expected).err();
                    if let Ok(mut r) = results.lock() {
                        r.push(ShotResult {
                            path: path.clone(),
                            problem,
                        });
                    }
                },
            );
            let expected = driver.results.lock().map_or(0, |r| r.len()) + 1;
            driver.phase = Phase::Capturing {
                deadline: Instant::now() + Duration::from_secs(60),
                expected,
            };
        }
        Phase::Capturing { deadline, expected } => {
            let got = driver
                .results
                .lock()
                .ok()
                .and_then(|r| r.get(expected - 1).cloned());
            match got {
                Some(outcome) => {
                    match &outcome.problem {
                        None => println!("screenshots: saved {}", outcome.path.display()),
                        Some(p) => driver
                            .failures
                            .push(format!("{}: {p}", outcome.path.display())),
                    }
                    driver.next += 1;
                    driver.phase = Phase::Setup;
                }
                None if Instant::now() > deadline => {
                    let name = driver
                        .shots
                        .get(driver.next)
                        .map_or("?", |s| s.name.as_str());
                    driver
                        .failures
                        .push(format!("{name}: no capture within 60 s"));
                    driver.next += 1;
                    driver.phase = Phase::Setup;
                }
                None => {}
            }
        }
    }
}

/// Plays a few sessions into a temporary folder of records and opens it.
fn open_demo_records(
    driver: &mut Driver,
    scenario: &Arc<Scenario>,
    catalog: &Catalog,
    records: &mut ClassRecords,
) {
    if driver.records_dir.is_none() {
        let Ok(dir) = tempfile::tempdir() else { return };
        for (i, who) in ["Tulp", "Roos", "Iris", "Linde", "Esdoorn", "Hazel"]
            .iter()
            .enumerate()
        {
            let Some((play, _)) = play_to(scenario, catalog, usize::MAX, 100 + i as u64, i) else {
                continue;
            };
            let mut record = Record::new(scenario, None, play.seed, Mode::Practice);
            record.answers = play.spelled();
            record.finished = play.finished();
            record.pseudonym = Some((*who).to_string());
            let _ = record.save(dir.path());
        }
        driver.records_dir = Some(dir);
    }
    if let Some(dir) = &driver.records_dir {
        *records = facilitator::open(dir.path(), catalog, crate::scenario::model::Language::Nl);
    }
}

/// Progress from demo records: three weeks of attempts at the showcase scenario that keep
/// falling into the same pitfall, with a self-assessment.
fn demo_progress(scenario: &Arc<Scenario>, catalog: &Catalog) -> ProgressState {
    let Ok(dir) = tempfile::tempdir() else {
        return ProgressState::default();
    };
    for day in 0..9u64 {
        let Some((play, _)) = play_to(scenario, catalog, usize::MAX, 200 + day, day as usize % 3)
        else {
            continue;
        };
        let mut record = Record::new(scenario, None, play.seed, Mode::Practice);
        record.answers = play.spelled();
        record.finished = play.finished();
        record.started_at = format!("2026-11-{:02}T09:00:00Z", 9 + day * 2);
        record.self_assessment = Some(crate::records::SelfAssessment {
            how_it_went: String::new(),
            steps: [("active_listening".to_string(), 5)].into(),
            pitfalls: Vec::new(),
        });
        let _ = record.save(dir.path());
    }
    let scenarios: Vec<_> = catalog.entries.iter().map(|e| e.scenario.clone()).collect();
    let loaded = super::progress::load(
        dir.path(),
        &scenarios,
        &catalog.rubric,
        crate::scenario::model::Language::Nl,
    );
    ProgressState::ready(loaded)
}

/// Saves the capture as PNG after checking it has the expected size and is not blank.
fn save_checked(image: &Image, path: &Path, expected: (u32, u32)) -> Result<(), String> {
    let size = (image.width(), image.height());
    let data = image.data.as_deref().ok_or("the capture has no pixels")?;
    blank_check(data, 4)?;
    let rgb = image
        .clone()
        .try_into_dynamic()
        .map_err(|e| format!("cannot convert: {e}"))?
        .to_rgb8();
    rgb.save(path).map_err(|e| format!("cannot save: {e}"))?;
    if size != expected {
        return Err(format!(
            "size {}x{}, expected {}x{}",
            size.0, size.1, expected.0, expected.1
        ));
    }
    Ok(())
}

/// Fails when an image is (nearly) one colour: fewer than 16 distinct colours, or less
/// than 1% of the pixels differ from the most common one.
pub fn blank_check(pixels: &[u8], bytes_per_pixel: usize) -> Result<(), String> {
    use std::collections::HashMap;
    if bytes_per_pixel < 3 || pixels.len() < bytes_per_pixel {
        return Err("empty image".into());
    }
    let mut counts: HashMap<[u8; 3], usize> = HashMap::new();
    let total = pixels.len() / bytes_per_pixel;
    for px in pixels.chunks_exact(bytes_per_pixel) {
        *counts.entry([px[0], px[1], px[2]]).or_default() += 1;
    }
    let dominant = counts.values().copied().max().unwrap_or(0);
    let other = total - dominant;
    if counts.len() < 16 || other * 100 < total {
        return Err(format!(
            "blank: {} colours, {:.2}% of pixels differ from the background",
            counts.len(),
            100.0 * other as f64 / total.max(1) as f64
        ));
    }
    Ok(())
}

/// The room of the phone-vote, re-vote and agenda screenshots: a phone panel with a
/// typical address (no server runs for a screenshot), votes from 18 phones, and scripted
/// ballots for the debrief's agenda.
fn demo_room(classroom: &mut Classroom, extra: Extra) {
    use crate::vote::{Ballot, QrMatrix, VoteSource};
    if !matches!(extra, Extra::Phones | Extra::Revote | Extra::Agenda) {
        return;
    }
    let url = "http://192.168.1.23:8047/4821";
    classroom.phones = Some(super::phone_panel::PhonePanel {
        short_address: url.trim_start_matches("http://").to_string(),
        url: url.to_string(),
        qr: QrMatrix::encode(url).unwrap_or(QrMatrix {
            width: 0,
            dark: Vec::new(),
        }),
        loopback: false,
    });
    classroom.phones_connected = 18;
    classroom.votes_from = Some(VoteSource::Phones);
    match extra {
        Extra::Phones => {
            classroom.votes = vec![4, 9, 3, 1];
            classroom.split_hidden = true;
        }
        Extra::Revote => {
            classroom.first_ballot = Some(Ballot::phones(vec![4, 9, 3, 1]));
            classroom.votes = vec![11, 4, 2, 1];
            classroom.split_hidden = false;
        }
        _ => {
            classroom.votes.clear();
            classroom
                .room
                .record_first(1, Ballot::phones(vec![2, 12, 3, 1]), true);
            classroom
                .room
                .record_first(2, Ballot::phones(vec![6, 5, 7, 0]), true);
            classroom
                .room
                .record_second(2, Ballot::phones(vec![3, 2, 13, 0]));
            classroom
                .room
                .record_first(3, Ballot::phones(vec![15, 1, 1, 1]), true);
            classroom.revealed = true;
        }
    }
}
