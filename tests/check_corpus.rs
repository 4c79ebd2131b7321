//! The broken-scenario corpus: every file in `tests/fixtures/broken/` starts with
//! `// expect: KWnnn at LINE:COL` and must produce that diagnostic, without panicking.
//! `// expect: KWnnn at LINE:COL with "text"` also wants `text` in its message or hint.
//! The fixture scenarios in `tests/fixtures/scenarios/` must check clean.

use std::path::{Path, PathBuf};

use klachtwijs::rubric::model::Rubric;
use klachtwijs::scenario::check::{CheckReport, check_bytes, check_str};
use klachtwijs::scenario::diagnostic::{Code, Diagnostic};
use klachtwijs::scenario::load::MAX_FILE_BYTES;

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

/// Checks bytes, turning a panic into a test failure that names the input.
fn check_no_panic(bytes: &[u8], name: &str) -> CheckReport {
    let file = PathBuf::from(name);
    std::panic::catch_unwind(|| check_bytes(bytes, &file, Rubric::bundled()))
        .unwrap_or_else(|_| panic!("checking {name} panicked"))
}

/// `// expect: KW014 at 12:21` → (code, line, col, no text);
/// `// expect: KW008 at 3:4 with "did you mean \"b\"?"` → (…, Some(text)).
fn expectations(text: &str) -> Vec<(Code, usize, usize, Option<String>)> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .take_while(|l| l.starts_with("//"))
        .filter_map(|l| l.strip_prefix("// expect: "))
        .map(|e| {
            let (e, with) = match e.split_once(" with \"") {
                Some((e, w)) => (
                    e,
                    Some(
                        w.strip_suffix('"')
                            .expect("`with \"text\"`")
                            .replace("\\\"", "\""),
                    ),
                ),
                None => (e, None),
            };
            let (code, at) = e.split_once(" at ").expect("`KWnnn at L:C`");
            let (line, col) = at.trim().split_once(':').expect("L:C");
            (
                Code::parse(code.trim()).expect("a known code"),
                line.parse().expect("line"),
                col.parse().expect("col"),
                with,
            )
        })
        .collect()
}

fn show(ds: &[Diagnostic]) -> String {
    ds.iter().map(|d| format!("{d}\n")).collect()
}

#[test]
fn every_broken_file_produces_its_diagnostic_at_its_position() {
    let files = fixtures("broken");
    assert!(files.len() >= 30, "the corpus lost files");
    let mut failures = Vec::new();
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let report = check_no_panic(&bytes, &name);
        let text = String::from_utf8_lossy(&bytes);
        let expected = expectations(&text);
        assert!(!expected.is_empty(), "{name} has no `// expect:` line");
        for (code, line, col, with) in expected {
            let hit = report.diagnostics.iter().any(|d| {
                d.code == code
                    && d.line == line
                    && d.col == col
                    && with
                        .as_deref()
                        .is_none_or(|w| d.message.en.contains(w) || d.hint.en.contains(w))
            });
            if !hit {
                failures.push(format!(
                    "{name}: expected {code} at {line}:{col}{}, got:\n{}",
                    with.map(|w| format!(" with {w:?}")).unwrap_or_default(),
                    show(&report.diagnostics)
                ));
            }
        }
        for d in &report.diagnostics {
            assert!(!d.hint.en.is_empty(), "{name}: {d} has no hint");
            assert!(d.line >= 1 && d.col >= 1, "{name}: {d}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The numbers and the `quoted` parts of a text: what a translation must carry over.
fn carried(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect();
    out.extend(text.split('`').skip(1).step_by(2).map(|q| format!("`{q}`")));
    out
}

/// Every finding of the corpus has a Dutch message and hint of its own (not the English
/// one), with the same numbers, ids and `code` parts. The corpus covers every code that
/// one file can produce; KW022-KW024 have unit tests of their own.
#[test]
fn every_finding_of_the_corpus_has_its_own_dutch_text() {
    let mut codes = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for path in fixtures("broken") {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        for d in check_no_panic(&bytes, &name).diagnostics {
            codes.insert(d.code);
            for (what, text) in [("message", &d.message), ("hint", &d.hint)] {
                if text.nl.trim().is_empty() || text.nl == text.en {
                    failures.push(format!(
                        "{name}: {} {what} has no Dutch: {:?}",
                        d.code, text
                    ));
                }
                for part in carried(&text.en) {
                    if !text.nl.contains(&part) {
                        failures.push(format!(
                            "{name}: {} {what} lost {part:?} in Dutch: {text:?}",
                            d.code
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let missing: Vec<&Code> = Code::ALL
        .iter()
        .filter(|c| {
            !codes.contains(c)
                && ![
                    Code::UnknownModel,
                    Code::AnalysisLimit,
                    Code::DuplicateScenario,
                ]
                .contains(c)
        })
        .collect();
    assert!(missing.is_empty(), "the corpus produced no {missing:?}");
}

#[test]
fn the_corpus_covers_every_file_level_code() {
    let mut seen = std::collections::BTreeSet::new();
    for path in fixtures("broken") {
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).to_string();
        seen.extend(expectations(&text).into_iter().map(|e| e.0));
    }
    // KW022 (model missing from the rubric), KW023 (analysis budget) and KW024 (duplicate
    // scenario ids across files) cannot come from one file with the bundled rubric;
    // unit tests cover them.
    for code in Code::ALL {
        if ![
            Code::UnknownModel,
            Code::AnalysisLimit,
            Code::DuplicateScenario,
        ]
        .contains(code)
        {
            assert!(seen.contains(code), "no broken file expects {code}");
        }
    }
}

#[test]
fn fixture_scenarios_check_clean() {
    for path in fixtures("scenarios") {
        let bytes = std::fs::read(&path).unwrap();
        let report = check_bytes(&bytes, &path, Rubric::bundled());
        // The fixtures predate rubric v2 and are pinned by byte-exact snapshots: they
        // show none of its new core points, which the analysis warns about (KW032-KW034).
        let v2 = [
            Code::CoreUnreached,
            Code::BestMissesCore,
            Code::EndingMisfit,
        ];
        let findings: Vec<Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| !v2.contains(&d.code))
            .cloned()
            .collect();
        assert!(findings.is_empty(), "{}", show(&findings));
        let stats = report.stats.expect("stats for a clean scenario");
        assert!(stats.exact);
        assert_eq!(stats.reachable_endings, stats.endings, "{}", path.display());
        assert!(stats.best_score > stats.worst_score);
    }
}

/// The app checks the bundled library only to `Depth::Structure` at start-up; this is where
/// the full check of every bundled scenario runs.
#[test]
fn the_bundled_library_checks_without_errors_or_warnings() {
    use klachtwijs::scenario::diagnostic::Severity;
    let bundled = klachtwijs::scenario::bundled();
    assert!(bundled.len() >= 12);
    for b in bundled {
        let report = check_str(b.text, Path::new(b.path), Rubric::bundled());
        let serious: Vec<Diagnostic> = report
            .diagnostics
            .into_iter()
            .filter(|d| d.severity > Severity::Note)
            .collect();
        assert!(serious.is_empty(), "{}", show(&serious));
        let stats = report.stats.expect("stats for a clean scenario");
        if stats.exact {
            assert_eq!(stats.reachable_endings, stats.endings, "{}", b.path);
        }
        // The library's bar: exact, best 100 with every core point (KW033 above would
        // also say so), worst 0.
        assert!(stats.exact, "{}: {:?}", b.path, stats.limit);
        assert_eq!(
            (stats.best_score, stats.worst_score),
            (100, 0),
            "{}",
            b.path
        );
        let best = stats.best.as_ref().unwrap();
        assert!(best.missing_core.iter().all(Vec::is_empty), "{}", b.path);
    }
}

#[test]
fn binary_input_is_refused_with_a_position() {
    let mut bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    bytes[0] = b'S';
    let report = check_no_panic(&bytes, "binary.ron");
    let d = &report.diagnostics[0];
    assert_eq!(d.code, Code::Limits);
    // Byte 10 of the cycle is a newline, so offset 128 sits on line 2.
    assert_eq!((d.line, d.col), (2, 118), "{d}");
}

#[test]
fn huge_input_is_refused_before_parsing() {
    let text = format!("Scenario({})", " ".repeat(MAX_FILE_BYTES));
    let report = check_str(&text, Path::new("huge.ron"), Rubric::bundled());
    assert_eq!(report.diagnostics[0].code, Code::Limits);
    assert!(report.diagnostics[0].message.en.contains("too large"));
}

#[test]
fn deep_brackets_and_garbage_never_panic() {
    for text in [
        "[".repeat(50_000),
        "Scenario(".repeat(10_000),
        "\"".to_string(),
        "/*".to_string(),
        "r#\"".to_string(),
        "Scenario(nodes: {\"a\": Node(says: [\"x\"]".to_string(),
        "\u{feff}Scenario()".to_string(),
    ] {
        let report = check_no_panic(text.as_bytes(), "garbage.ron");
        assert!(!report.diagnostics.is_empty());
    }
}
