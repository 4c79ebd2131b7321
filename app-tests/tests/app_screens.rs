//! The app's screens as plain egui functions, driven with egui_kittest: no window, no GPU.

use std::cell::RefCell;
use std::path::PathBuf;

use bevy_egui::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use klachtwijs::app::catalog::{Catalog, Source};
use klachtwijs::app::conversation::{ActiveSession, ConversationAction, conversation_screen};
use klachtwijs::app::debrief::{self, debrief_screen};
use klachtwijs::app::library::{self, Interrupted, LibraryFilter, library_screen};
use klachtwijs::app::play::Play;
use klachtwijs::app::settings::Settings;
use klachtwijs::engine::Answer;
use klachtwijs::records::Mode;
use klachtwijs::scenario::model::Language;

fn fixture(name: &str) -> (PathBuf, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/app_fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

fn catalog() -> Catalog {
    let mut catalog = Catalog::default();
    for name in ["loket.ron", "broken.ron"] {
        let (path, text) = fixture(name);
        catalog.add(Source::File(path), &text);
    }
    catalog
}

fn playing(picks: &[Answer]) -> (Catalog, ActiveSession) {
    let catalog = catalog();
    let mut current = ActiveSession::default();
    current.choose(catalog.find("test-loket").unwrap().clone());
    let play = Play::start(
        current.entry.as_ref().unwrap().scenario.clone(),
        &catalog.rubric,
        1,
    )
    .unwrap();
    current.begin(play.replay(picks).unwrap());
    (catalog, current)
}

#[test]
fn library_lists_a_broken_file_with_its_diagnostic() {
    let catalog = catalog();
    let view = library::view(
        &catalog,
        &Settings::default(),
        &ActiveSession::default(),
        &Interrupted::default(),
    );
    assert_eq!(view.cards.len(), 1);
    let mut filter = LibraryFilter::default();
    let harness = Harness::new_ui(|ui| {
        library_screen(ui, &view, &mut filter);
    });
    harness.get_by_label("Te laat betaald");
    // file:line:col of the missing comma after the title, and the line with a caret
    // under the place, as `klachtwijs check` prints it.
    harness.get_by_label_contains("broken.ron:5:19");
    harness.get_by_label("  5 |     title: \"Kapot\"\n    |                   ^");
}

#[test]
fn a_broken_file_is_explained_in_the_ui_language() {
    let catalog = catalog();
    let shown = |settings: &Settings, severity: &str, message: &str| {
        let view = library::view(
            &catalog,
            settings,
            &ActiveSession::default(),
            &Interrupted::default(),
        );
        let mut filter = LibraryFilter::default();
        let harness = Harness::new_ui(|ui| {
            library_screen(ui, &view, &mut filter);
        });
        harness.get_by_label(&format!("{severity}[KW001]:"));
        harness.get_by_label(message);
    };
    shown(
        &Settings::default(),
        "fout",
        "na deze waarde ontbreekt een komma",
    );
    let english = Settings {
        language: Language::En,
        ..Settings::default()
    };
    shown(&english, "error", "a comma is missing after this value");
}

#[test]
fn library_lists_the_interface_language_first_and_counts_only_real_warnings() {
    use klachtwijs::app::catalog::DiagnosticView;
    use klachtwijs::scenario::diagnostic::{Severity, Text};
    use klachtwijs::scenario::model::Language;
    let mut catalog = catalog();
    let mut english = catalog.entries[0].clone();
    let mut scenario = (*english.scenario).clone();
    scenario.id = "test-counter".into();
    scenario.language = Language::En;
    english.scenario = std::sync::Arc::new(scenario);
    english.warnings.clear();
    catalog.entries.insert(0, english);
    let finding = |severity| DiagnosticView {
        location: "x.ron:1:1".into(),
        line: 1,
        code: "KW000".into(),
        message: Text::en_nl("", ""),
        hint: Text::en_nl("", ""),
        severity,
        excerpt: None,
    };
    catalog.entries[1].warnings = vec![finding(Severity::Note), finding(Severity::Warning)];

    let ids = |settings: &Settings| -> Vec<(String, usize)> {
        library::view(
            &catalog,
            settings,
            &ActiveSession::default(),
            &Interrupted::default(),
        )
        .cards
        .into_iter()
        .map(|c| (c.id, c.warnings))
        .collect()
    };
    let dutch = Settings::default();
    assert_eq!(
        ids(&dutch),
        [("test-loket".into(), 1), ("test-counter".into(), 0)],
        "Dutch first; the note is not counted"
    );
    let english = Settings {
        language: Language::En,
        ..Settings::default()
    };
    assert_eq!(ids(&english)[0].0, "test-counter");
}

#[test]
fn library_filter_hides_cards_that_do_not_match() {
    let catalog = catalog();
    let view = library::view(
        &catalog,
        &Settings::default(),
        &ActiveSession::default(),
        &Interrupted::default(),
    );
    let mut filter = LibraryFilter {
        text: "paspoort".into(),
        ..LibraryFilter::default()
    };
    let harness = Harness::new_ui(|ui| {
        library_screen(ui, &view, &mut filter);
    });
    assert!(harness.query_by_label("Te laat betaald").is_none());
}

#[test]
fn conversation_emits_the_clicked_option() {
    let (catalog, current) = playing(&[]);
    let view = klachtwijs::app::conversation::view(
        &current,
        &catalog.rubric,
        &Settings::default(),
        Mode::Practice,
    )
    .unwrap();
    let chosen = RefCell::new(None);
    let mut harness = Harness::new_ui(|ui| {
        if let Some(a) = conversation_screen(ui, &view) {
            *chosen.borrow_mut() = Some(a);
        }
    });
    harness
        .get_by_label("2.  Dat kan niet, ons systeem maakt geen fouten.")
        .click();
    harness.run();
    assert_eq!(
        *chosen.borrow(),
        Some(ConversationAction::Answer(Answer::Pick(2)))
    );
}

#[test]
fn conversation_answers_with_number_keys() {
    let (catalog, current) = playing(&[]);
    let view = klachtwijs::app::conversation::view(
        &current,
        &catalog.rubric,
        &Settings::default(),
        Mode::Practice,
    )
    .unwrap();
    let chosen = RefCell::new(None);
    let mut harness = Harness::new_ui(|ui| {
        if let Some(a) = conversation_screen(ui, &view) {
            *chosen.borrow_mut() = Some(a);
        }
    });
    harness.key_press(egui::Key::Num1);
    harness.run();
    assert_eq!(
        *chosen.borrow(),
        Some(ConversationAction::Answer(Answer::Pick(1)))
    );
}

/// Say it first: Enter in the field shows the answers with the words; Enter on the skip
/// button (reached with Tab) is the button's, not swallowed by the field's Enter.
#[test]
fn own_words_take_enter_in_the_field_and_leave_it_to_the_buttons() {
    let (catalog, current) = playing(&[]);
    let mut view = klachtwijs::app::conversation::view(
        &current,
        &catalog.rubric,
        &Settings::default(),
        Mode::Practice,
    )
    .unwrap();
    view.ask_own_words = true;
    let chosen = RefCell::new(None);
    let mut harness = Harness::new_ui(|ui| {
        if let Some(a) = conversation_screen(ui, &view) {
            *chosen.borrow_mut() = Some(a);
        }
    });
    harness.run();
    harness
        .get_by_role(egui::accesskit::Role::MultilineTextInput)
        .type_text("Ik hoor u");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        chosen.take(),
        Some(ConversationAction::OwnWords("Ik hoor u".into()))
    );
    harness.get_by_label("Overslaan").focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        chosen.take(),
        Some(ConversationAction::OwnWords(String::new()))
    );
}

#[test]
fn practice_mode_shows_hint_and_flags_a_pitfall_at_once() {
    let (catalog, mut current) = playing(&[]);
    if let Some(play) = current.play.as_mut() {
        current.last = play.answer(Answer::Pick(2)).unwrap();
    }
    let view = klachtwijs::app::conversation::view(
        &current,
        &catalog.rubric,
        &Settings::default(),
        Mode::Practice,
    )
    .unwrap();
    assert_eq!(view.flags.len(), 1, "the denial is flagged");
    let harness = Harness::new_ui(|ui| {
        conversation_screen(ui, &view);
    });
    harness.get_by_label_contains("Valkuil:");
    // Exam mode shows neither.
    let exam = klachtwijs::app::conversation::view(
        &current,
        &catalog.rubric,
        &Settings::default(),
        Mode::Exam,
    )
    .unwrap();
    assert!(exam.flags.is_empty() && exam.hint.is_none() && exam.thought.is_none());
}

#[test]
fn debrief_renders_pitfalls_at_their_turns() {
    let (catalog, current) = playing(&[Answer::Pick(2), Answer::Pick(2)]);
    let play = current.play.unwrap();
    assert!(play.finished());
    let view = debrief::view(&play, &catalog.rubric, Language::Nl);
    assert_eq!(
        view.debrief
            .pitfalls
            .iter()
            .map(|p| p.turn)
            .collect::<Vec<_>>(),
        [1, 2]
    );
    let clicked = RefCell::new(None);
    // Tall enough that the whole page is on screen (clipped widgets take no clicks).
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 6000.0))
        .build_ui(|ui| {
            if let Some(a) = debrief_screen(ui, &view) {
                *clicked.borrow_mut() = Some(a);
            }
        });
    harness.get_by_label_contains("Beurt 1 · ⚠");
    harness.get_by_label_contains("Beurt 2 · ⚠");
    harness.get_by_label_contains("Beter: “Dank u. Ik zie dat u op tijd betaalde");
    harness
        .get_all_by_label("↺ Opnieuw vanaf beurt 2")
        .next()
        .unwrap()
        .click();
    harness.run();
    assert_eq!(
        *clicked.borrow(),
        Some(debrief::DebriefAction::RetryFrom(2))
    );
}

/// On a narrow laptop window the total's arithmetic stays inside the window: its lines
/// wrap instead of running past the edge.
#[test]
fn the_debrief_wraps_its_long_lines_in_a_narrow_window() {
    let (catalog, current) = playing(&[Answer::Pick(2), Answer::Pick(2)]);
    let play = current.play.unwrap();
    let view = debrief::view(&play, &catalog.rubric, Language::Nl);
    let width = 700.0;
    let harness = Harness::builder()
        .with_size(egui::vec2(width, 6000.0))
        .build_ui(|ui| {
            debrief_screen(ui, &view);
        });
    let mut checked = 0;
    for (label, value) in &view.arithmetic {
        for text in [label, value] {
            for node in harness.get_all_by_label(text) {
                let right = node.rect().max.x;
                assert!(right <= width, "{text:?} runs to x = {right}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 8, "the arithmetic has its rows");
}

#[test]
fn a_presenter_clicker_pages_through_the_classroom_debrief_then_leaves_on_a_second_press() {
    let (catalog, current) = playing(&[Answer::Pick(2), Answer::Pick(2)]);
    let play = current.play.unwrap();
    let mut view = debrief::view(&play, &catalog.rubric, Language::Nl);
    view.classroom = true;
    let action = RefCell::new(None);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .build_ui(|ui| {
            if let Some(a) = debrief_screen(ui, &view) {
                *action.borrow_mut() = Some(a);
            }
        });
    harness.run();
    let mut presses = 0;
    let mut hinted = false;
    while action.borrow().is_none() && presses < 40 {
        harness.key_press(egui::Key::PageDown);
        harness.run();
        presses += 1;
        hinted |= harness
            .query_by_label_contains("Nog eens PageDown: terug naar de bibliotheek")
            .is_some();
    }
    assert!(presses > 2, "the page scrolls first ({presses} presses)");
    assert!(hinted, "the press at the end says what the next one does");
    assert_eq!(*action.borrow(), Some(debrief::DebriefAction::Library));
}

#[test]
fn the_avatar_transition_eases_and_then_stops_repainting() {
    use klachtwijs::app::avatar::{Pose, animated_pose, ease};
    assert_eq!(ease(0.0), 0.0);
    assert_eq!(ease(1.0), 1.0);
    assert!(ease(0.25) < 0.25 && ease(0.75) > 0.75);
    let ctx = egui::Context::default();
    let id = egui::Id::new("a");
    let calm = Pose {
        anger: 0.0,
        trust: 1.0,
    };
    let angry = Pose {
        anger: 1.0,
        trust: 0.0,
    };
    let frame = |time: f64, target: Pose| {
        let mut shown = Pose::default();
        let input = egui::RawInput {
            time: Some(time),
            ..Default::default()
        };
        let mut out = ctx.run_ui(input, |ui| shown = animated_pose(ui.ctx(), id, target));
        out.textures_delta.clear();
        (
            shown,
            out.viewport_output
                .values()
                .any(|v| v.repaint_delay.is_zero()),
        )
    };
    // egui repaints its first frame anyway; only the pose matters here.
    assert_eq!(frame(0.0, calm).0, calm);
    let (mid, repaint) = frame(1.0, angry);
    assert!(
        mid.anger < 0.01 && repaint,
        "starts at the old pose and keeps animating"
    );
    let (mid, _) = frame(1.2, angry);
    assert!(mid.anger > 0.3 && mid.anger < 0.7);
    let (end, _) = frame(1.5, angry);
    assert_eq!(end, angry);
    // egui paints one extra frame after the last request; after that, nothing.
    let (end, repaint) = frame(1.6, angry);
    assert_eq!(end, angry);
    assert!(!repaint, "no repaint once the transition is over");
}

#[test]
fn a_presenter_clicker_pages_through_the_classroom_briefing_then_starts() {
    use klachtwijs::app::briefing::{self, BriefingAction, briefing_screen};
    let catalog = catalog();
    let mut current = ActiveSession::default();
    current.choose(catalog.find("test-loket").unwrap().clone());
    // How many PageDown presses until the briefing starts the conversation (None: never).
    let presses_to_start = |mode: Mode, size: egui::Vec2| {
        let view = briefing::view(&current, &Settings::default(), mode).unwrap();
        let action = RefCell::new(None);
        let mut harness = Harness::builder().with_size(size).build_ui(|ui| {
            if let Some(a) = briefing_screen(ui, &view) {
                *action.borrow_mut() = Some(a);
            }
        });
        harness.run();
        let mut presses = None;
        for n in 1..=12 {
            harness.key_press(egui::Key::PageDown);
            harness.run();
            if action.borrow().is_some() {
                presses = Some(n);
                break;
            }
        }
        drop(harness);
        assert!(matches!(
            action.into_inner(),
            None | Some(BriefingAction::Start)
        ));
        presses
    };
    let tall = egui::vec2(1400.0, 6000.0);
    let small = egui::vec2(900.0, 500.0);
    assert_eq!(presses_to_start(Mode::Classroom, tall), Some(1));
    let paged = presses_to_start(Mode::Classroom, small).expect("starts in the end");
    assert!(paged > 1, "first pages down through the briefing ({paged})");
    assert_eq!(presses_to_start(Mode::Practice, small), None);
}

/// WCAG contrast ratio of two colours (1 to 21).
fn contrast(a: egui::Color32, b: egui::Color32) -> f32 {
    let luminance = |c: egui::Color32| {
        let lin = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    };
    let (hi, lo) = {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y), x.min(y))
    };
    (hi + 0.05) / (lo + 0.05)
}

#[test]
fn every_theme_keeps_text_and_selected_items_readable() {
    use klachtwijs::app::egui_setup::style;
    use klachtwijs::app::settings::{TextSize, Theme};
    for (theme, at_least) in [
        (Theme::Light, 4.5),
        (Theme::Dark, 4.5),
        (Theme::HighContrast, 7.0),
    ] {
        let ctx = egui::Context::default();
        style(&ctx, theme, TextSize::Large);
        let v = ctx.global_style().visuals.clone();
        let text = v.text_color();
        assert!(
            contrast(text, v.panel_fill) >= at_least,
            "{theme:?}: text on the panel"
        );
        // A selected item (top bar, settings choices, current werkmodel step).
        assert!(
            contrast(v.selection.stroke.color, v.selection.bg_fill) >= at_least,
            "{theme:?}: selected text {:?} on {:?}",
            v.selection.stroke.color,
            v.selection.bg_fill
        );
        assert!(
            v.override_text_color.is_none(),
            "{theme:?}: an override would paint selected text too"
        );
    }
}

#[test]
fn the_text_face_has_every_symbol_the_screens_use() {
    let ctx = egui::Context::default();
    klachtwijs::app::egui_setup::fonts(&ctx);
    // Fonts take effect at the start of the next pass.
    for _ in 0..2 {
        let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
        out.textures_delta.clear();
    }
    // Not the emoji (⚠ 💭 💡 ✔ ✖ ▶): they live in egui's replacement face, for which
    // `has_glyph` always answers no.
    let symbols = "←→↺⏸⏱•›“”…·≤ëéï";
    let body = egui::FontId::proportional(18.0);
    let missing: String = symbols
        .chars()
        .filter(|&c| !ctx.fonts_mut(|f| f.has_glyph(&body, c)))
        .collect();
    assert!(missing.is_empty(), "no glyph for {missing:?}");
}

#[test]
fn the_library_opens_a_scenario_with_tab_and_enter() {
    let catalog = catalog();
    let view = library::view(
        &catalog,
        &Settings::default(),
        &ActiveSession::default(),
        &Interrupted::default(),
    );
    let mut filter = LibraryFilter::default();
    let opened = RefCell::new(None);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 3000.0))
        .build_ui(|ui| {
            if let Some(a) = library_screen(ui, &view, &mut filter) {
                *opened.borrow_mut() = Some(a);
            }
        });
    harness.run();
    // Past the search field and the filters to the card's button.
    let mut tabs = 0;
    while !harness.get_by_label("Bekijk de briefing").is_focused() {
        tabs += 1;
        assert!(tabs < 20, "Tab never reaches the card");
        harness.key_press(egui::Key::Tab);
        harness.run();
    }
    harness.key_press(egui::Key::Enter);
    harness.run();
    drop(harness);
    assert_eq!(
        opened.into_inner(),
        Some(library::LibraryAction::Open("test-loket".into()))
    );
}

/// Issue 14: the classroom projection at 1280×720, 1920×1080 and 3840×2160 (scale 2)
/// with the library's longest line, longest pitfall flag and explanation, and its six
/// longest options (about 300 characters each), voted on: every widget lies inside the
/// screen, without scrolling. Revealed (R: every option's tags as well) at 1080p and 4K;
/// at 1280×720 the six longest options revealed still need the scroll bar.
#[test]
fn the_projection_fits_the_longest_texts_at_every_screen_size() {
    use egui_kittest::kittest::NodeT;
    use klachtwijs::app::classroom::{Classroom, conversation_projection};
    use klachtwijs::app::conversation::{FlagView, OptionReveal, OptionView, PromptView, view};
    use klachtwijs::app::settings::{TextSize, Theme};
    use klachtwijs::rubric::model::Rubric;
    use klachtwijs::scenario::library::Library;

    let library = Library::load(&[]);
    let scenarios: Vec<_> = library.scenarios().cloned().collect();
    let longest = |mut texts: Vec<String>, n: usize| {
        texts.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
        texts.truncate(n);
        texts
    };
    let lines = longest(
        scenarios
            .iter()
            .flat_map(|s| s.nodes.values().flat_map(|n| n.says.clone()))
            .collect(),
        1,
    );
    let options = longest(
        scenarios
            .iter()
            .flat_map(|s| {
                s.nodes
                    .values()
                    .flat_map(|n| n.options.iter().map(|o| o.text.to_string()))
            })
            .collect(),
        6,
    );
    let explains = longest(
        scenarios
            .iter()
            .flat_map(|s| {
                s.nodes
                    .values()
                    .flat_map(|n| n.options.iter().map(|o| o.explain.to_string()))
            })
            .collect(),
        1,
    );
    let rubric = Rubric::bundled();
    let flag = longest(
        rubric
            .models
            .iter()
            .flat_map(|m| m.pitfalls.iter().map(|p| p.name.nl.clone()))
            .collect(),
        1,
    );

    let (catalog, current) = playing(&[]);
    let settings = Settings::default();
    let mut shown = view(&current, &catalog.rubric, &settings, Mode::Classroom).unwrap();
    shown.says = lines[0].clone();
    shown.flags = vec![FlagView {
        name: flag[0].clone(),
        why: explains[0].clone(),
    }];
    shown.feedback = Some(explains[0].clone());
    shown.prompt = PromptView::Options(
        options
            .iter()
            .map(|text| OptionView {
                text: text.clone(),
                reveal: OptionReveal {
                    step: Some("2 Excuseren en onderzoeken".into()),
                    points: vec!["Emotie benoemen".into(), "Doorvragen".into()],
                    pitfalls: vec![flag[0].clone()],
                    mood: "maakt bozer · minder vertrouwen".into(),
                },
            })
            .collect(),
    );

    // With phone votes on, the QR panel takes a quarter of the width.
    let url = "http://192.168.100.200:8047/4821";
    let phones = klachtwijs::app::phone_panel::PhonePanel {
        short_address: url.trim_start_matches("http://").into(),
        url: url.into(),
        qr: klachtwijs::vote::QrMatrix::encode(url).unwrap(),
        loopback: false,
    };
    for (width, height, ppp, revealed, phones) in [
        (1280.0, 720.0, 1.0, false, None),
        (1920.0, 1080.0, 1.0, false, None),
        (3840.0, 2160.0, 2.0, false, None),
        (1280.0, 720.0, 1.0, true, None),
        (1920.0, 1080.0, 1.0, true, None),
        (3840.0, 2160.0, 2.0, true, None),
        (1280.0, 720.0, 1.0, true, Some(phones.clone())),
        (1920.0, 1080.0, 1.0, false, Some(phones.clone())),
    ] {
        let mut classroom = Classroom {
            revealed,
            votes: vec![3, 11, 5, 1, 0, 2],
            phones,
            ..Classroom::default()
        };
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(width, height) / ppp);
        let mut harness = Harness::builder()
            .with_size(screen.size())
            .with_pixels_per_point(ppp)
            .with_max_steps(30)
            .build_ui(|ui| {
                let _ = conversation_projection(ui, &shown, &mut classroom);
            });
        // As the app sets up its context: fonts, style, the default text size's zoom.
        klachtwijs::app::egui_setup::fonts(&harness.ctx);
        klachtwijs::app::egui_setup::style(&harness.ctx, Theme::Light, TextSize::Normal);
        harness.run();
        for text in &options {
            let first_words: String = text.chars().take(30).collect();
            assert!(
                harness.query_by_label_contains(&first_words).is_some(),
                "{width}×{height}: the option {first_words:?} is drawn"
            );
        }
        for node in harness.query_all(egui_kittest::kittest::by()) {
            // Containers without a box of their own are skipped; bounds are in pixels.
            let Some(b) = node.accesskit_node().bounding_box() else {
                continue;
            };
            let r = egui::Rect::from_min_max(
                egui::pos2(b.x0 as f32, b.y0 as f32) / ppp,
                egui::pos2(b.x1 as f32, b.y1 as f32) / ppp,
            );
            assert!(
                screen.expand(0.5).contains_rect(r),
                "{width}×{height} (revealed: {revealed}): {:?} {:?} {r:?} lies outside the {screen:?} screen",
                node.accesskit_node().role(),
                node.accesskit_node().label()
            );
        }
    }
}
