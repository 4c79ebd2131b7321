//! The real `klachtwijs` binary on temp files: exit codes, output contracts (DESIGN.md),
//! determinism, escaping, records, replay and report.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// A small scenario with hostile text in every place a debrief shows it.
const SCENARIO: &str = r#"Scenario(
    format: 1,
    id: "test-balie",
    title: "Wachten <script>alert('titel')</script> & \"aanhalingstekens\"",
    language: Nl,
    summary: "Een inwoner wacht te lang.",
    organisation: "Gemeente Test",
    setting: Counter,
    difficulty: 1,
    minutes: 5,
    model: Klachtengesprek,
    learning_goals: ["Eerst luisteren."],
    briefing: "Mevrouw Jansen wacht al een uur.",
    role: "U bent baliemedewerker.",
    complainant: Complainant(
        name: "Mevrouw <b>Jansen</b>",
        background: "Heeft haast.",
        mood: Mood(anger: 60, trust: 40),
        temperament: Steady,
    ),
    shuffle_options: false,
    start: "begin",
    nodes: {
        "begin": Node(
            says: ["Ik wacht al een uur! <script>alert('x')</script>"],
            thought: Some("Ze luisteren hier nooit."),
            options: [
                Choice(
                    text: "Goedemiddag. U bent boos, dat zie ik. Wat is er gebeurd?",
                    shows: ["greet", "reflect_emotion", "ask_open"],
                    mood: MoodShift(anger: -15, trust: 10),
                    explain: "U groet, benoemt de emotie en vraagt door.",
                    next: "midden",
                ),
                Choice(
                    text: "Zo zijn de regels <i>nu eenmaal</i>.",
                    pitfalls: ["justifying"],
                    mood: MoodShift(anger: 10, trust: -10),
                    explain: "U verdedigt de regel voordat zij zich gehoord voelt.",
                    next: "midden",
                ),
            ],
        ),
        "midden": Node(
            says: ["Ik moet om drie uur mijn kind ophalen."],
            options: [
                Choice(
                    text: "Wat vervelend dat u zo lang moest wachten. Ik kijk wat er misging.",
                    shows: ["show_understanding", "apologise_experience", "investigate_facts", "find_core"],
                    mood: MoodShift(anger: -10, trust: 10),
                    explain: "U toont begrip en zoekt het uit.",
                    next: "slot",
                ),
                Choice(
                    text: "Mijn collega heeft het weer verprutst.",
                    pitfalls: ["badmouthing_colleagues"],
                    mood: MoodShift(trust: -10),
                    explain: "U valt een collega af.",
                    next: "slot",
                ),
            ],
        ),
        "slot": Node(
            says: ["En nu?"],
            options: [
                Choice(
                    text: "Ik help u nu meteen en geef het door. Is het zo goed? Dank dat u het meldt.",
                    shows: ["admit_mistake", "offer_solution", "learning_signal", "check_satisfaction", "confirm_agreements", "invite_contact", "thank"],
                    mood: MoodShift(anger: -20, trust: 20),
                    explain: "U lost het op, toetst en bedankt.",
                    next: "klaar",
                ),
                Choice(
                    text: "Neemt u maar een nieuw nummertje.",
                    pitfalls: ["indifference"],
                    mood: MoodShift(anger: 20, trust: -20),
                    explain: "Een routinereactie.",
                    next: "boos",
                ),
            ],
        ),
    },
    endings: {
        "klaar": Ending(
            outcome: Resolved,
            title: "Geholpen",
            narrative: "Mevrouw Jansen is op tijd bij school.",
            says: Some("Dank u wel."),
        ),
        "boos": Ending(
            outcome: Escalated,
            title: "Boos weg",
            narrative: "Zij dient een klacht in.",
        ),
    },
)
"#;

const BROKEN: &str = "Scenario(\n    format: 1,\n    id: \"kapot\",\n    title: 12,\n)\n";

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        fs::write(env.scenario(), SCENARIO).expect("write scenario");
        env
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn scenario(&self) -> PathBuf {
        self.path("balie.ron")
    }

    fn home(&self) -> PathBuf {
        self.path("home")
    }

    fn records(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = fs::read_dir(self.home().join("records"))
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        files
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_klachtwijs"));
        cmd.args(args)
            .env("KLACHTWIJS_HOME", self.home())
            .current_dir(self.dir.path())
            .env_remove("CLICOLOR_FORCE")
            .stdin(Stdio::null());
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("run klachtwijs")
    }

    fn run_with_stdin(&self, args: &[&str], input: &str) -> Output {
        let mut child = self
            .cmd(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn klachtwijs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
        child.wait_with_output().expect("wait")
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

#[test]
fn check_accepts_a_good_file() {
    let env = Env::new();
    let out = env.run(&["check", s(&env.scenario())]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("checked 1 file: 0 errors"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn check_reports_a_broken_file_with_position_and_hint() {
    let env = Env::new();
    let broken = env.path("kapot.ron");
    fs::write(&broken, BROKEN).unwrap();
    let out = env.run(&["check", s(&broken)]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    let first = text.lines().next().unwrap_or("");
    let prefix = format!("{}:4:", broken.display());
    assert!(first.starts_with(&prefix), "{text}");
    assert!(first.contains(": error[KW"), "{text}");
    assert!(text.contains("\n  hint: "), "{text}");
    assert!(text.contains("1 error"), "{text}");
}

/// Issue 13: the text output shows the line a finding points at, with a caret under its
/// column, between the finding and its hint; tabs are shown as four spaces.
#[test]
fn check_shows_the_source_line_with_a_caret_under_the_column() {
    let env = Env::new();
    let broken = env.path("citaat.ron");
    fs::write(
        &broken,
        "Scenario(\n    format: 1,\n\ttitle: \"Hij zei \"nee\" tegen mij\",\n)\n",
    )
    .unwrap();
    let out = env.run(&["check", s(&broken)]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains(":3:18: error[KW001]"), "{text}");
    assert_eq!(
        lines[1], "  3 |     title: \"Hij zei \"nee\" tegen mij\",",
        "{text}"
    );
    // Column 18 counts the tab as one character; on screen it is four spaces wide.
    let caret = lines[2].find('^').expect("a caret");
    let quote = lines[1].match_indices('"').nth(1).map(|(i, _)| i).unwrap();
    assert_eq!(caret, quote, "the caret is under the second quote:\n{text}");
    assert!(lines[3].starts_with("  hint: "), "{text}");
}

/// Colour only where it helps: a pipe gets plain text; `CLICOLOR_FORCE=1` asks for
/// colour (the severity and its caret red and bold, the hint's label cyan), the same text
/// once the escapes are taken out; `NO_COLOR` wins over it; JSON is never coloured.
#[test]
fn check_colours_findings_only_on_a_terminal_or_when_forced() {
    let env = Env::new();
    let broken = env.path("kapot.ron");
    fs::write(&broken, BROKEN).unwrap();
    let plain = env.run(&["check", s(&broken)]);
    assert!(!plain.stdout.contains(&0x1b), "{}", stdout(&plain));
    let forced = |extra: &[(&str, &str)], args: &[&str]| {
        let mut cmd = env.cmd(args);
        cmd.env("CLICOLOR_FORCE", "1");
        for (k, v) in extra {
            cmd.env(k, v);
        }
        cmd.output().expect("run klachtwijs")
    };
    let coloured = forced(&[], &["check", s(&broken)]);
    let text = stdout(&coloured);
    assert!(text.contains("\x1b[1;31merror[KW"), "{text:?}");
    assert!(text.contains("\x1b[1;31m^\x1b[0m"), "{text:?}");
    assert!(text.contains("  \x1b[1;36mhint\x1b[0m: "), "{text:?}");
    let stripped = text
        .replace("\x1b[1;31m", "")
        .replace("\x1b[1;36m", "")
        .replace("\x1b[0m", "");
    assert_eq!(stripped, stdout(&plain));
    assert_eq!(code(&coloured), code(&plain));
    let refused = forced(&[("NO_COLOR", "1")], &["check", s(&broken)]);
    assert_eq!(refused.stdout, plain.stdout);
    let json = forced(&[], &["check", "--format", "json", s(&broken)]);
    assert!(!json.stdout.is_empty() && !json.stdout.contains(&0x1b));
}

/// `check --lang nl`: the same lines and positions, the message and hint in Dutch; the
/// default stays English, byte for byte the same as `--lang en`.
#[test]
fn check_speaks_dutch_with_lang_nl_and_english_by_default() {
    let env = Env::new();
    let broken = env.path("citaat.ron");
    // A quote inside a text: the checker names that quote (KW001 at 3:21).
    fs::write(
        &broken,
        "Scenario(\n    format: 1,\n    title: \"Hij zei \"nee\" tegen mij\",\n)\n",
    )
    .unwrap();
    let dutch = env.run(&["check", "--lang", "nl", s(&broken)]);
    assert_eq!(code(&dutch), 1, "{}", stderr(&dutch));
    let text = stdout(&dutch);
    let first = text.lines().next().unwrap_or("");
    assert_eq!(
        first,
        format!(
            "{}:3:21: error[KW001]: deze `\"` beëindigt de tekst te vroeg; zet een \\ voor \
             een aanhalingsteken binnen een tekst",
            broken.display()
        ),
        "{text}"
    );
    assert!(
        text.contains("\n  hint: schrijf `\\\"` voor een aanhalingsteken"),
        "{text}"
    );
    assert!(
        text.ends_with("1 bestand gecontroleerd: 1 fout, 0 waarschuwingen\n"),
        "{text}"
    );

    let english = env.run(&["check", s(&broken)]);
    let english_text = stdout(&english);
    assert!(
        english_text.contains(":3:21: error[KW001]: this `\"` ends the text early"),
        "{english_text}"
    );
    assert!(english_text.ends_with("checked 1 file: 1 error, 0 warnings\n"));
    let explicit = env.run(&["check", "--lang", "en", s(&broken)]);
    assert_eq!(english.stdout, explicit.stdout);

    // JSON: the same fields, Dutch text in `message` and `hint`.
    let json = env.run(&["check", "--lang", "nl", "--format", "json", s(&broken)]);
    let json: Value = serde_json::from_slice(&json.stdout).expect("json");
    let d = &json["diagnostics"][0];
    assert_eq!(
        (d["code"].as_str(), d["severity"].as_str()),
        (Some("KW001"), Some("error"))
    );
    assert_eq!((d["line"].as_u64(), d["col"].as_u64()), (Some(3), Some(21)));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("deze `\"` beëindigt"),
        "{d}"
    );
    assert!(d["hint"].as_str().unwrap().starts_with("schrijf "), "{d}");
    let fields: Vec<&String> = d.as_object().unwrap().keys().collect();
    assert_eq!(
        fields,
        ["code", "col", "file", "hint", "line", "message", "severity"]
    );

    let wrong = env.run(&["check", "--lang", "de", s(&broken)]);
    assert_eq!(code(&wrong), 2, "an unknown language is a usage error");
}

#[test]
fn check_walks_folders_and_speaks_json() {
    let env = Env::new();
    let sub = env.path("lib/sub");
    fs::create_dir_all(&sub).unwrap();
    fs::write(sub.join("kapot.ron"), BROKEN).unwrap();
    fs::write(env.path("lib/goed.ron"), SCENARIO).unwrap();
    fs::write(env.path("lib/notes.txt"), "not a scenario").unwrap();
    let out = env.run(&["check", s(&env.path("lib")), "--format", "json", "--stats"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["files"], 2);
    let diags = json["diagnostics"].as_array().unwrap();
    let broken = diags
        .iter()
        .find(|d| d["severity"] == "error")
        .expect("an error");
    assert!(broken["code"].as_str().unwrap().starts_with("KW"));
    assert!(broken["file"].as_str().unwrap().ends_with("kapot.ron"));
    assert_eq!(broken["line"], 4);
    assert!(!broken["hint"].as_str().unwrap().is_empty());
    let stats = json["stats"].as_array().unwrap();
    assert_eq!(stats.len(), 1);
    for field in [
        "id",
        "language",
        "nodes",
        "endings",
        "best_score",
        "worst_score",
        "reachable_steps",
        "reachable_pitfalls",
    ] {
        assert!(!stats[0][field].is_null(), "stats lack {field}");
    }
    assert_eq!(stats[0]["id"], "test-balie");
    assert_eq!(stats[0]["nodes"], 3);
}

#[test]
fn check_on_a_missing_path_is_an_io_error() {
    let env = Env::new();
    let out = env.run(&["check", "does-not-exist.ron"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("does-not-exist.ron"));
}

#[test]
fn check_survives_binary_and_empty_files() {
    let env = Env::new();
    fs::write(env.path("bin.ron"), [0u8, 159, 146, 150, 255]).unwrap();
    fs::write(env.path("empty.ron"), "").unwrap();
    let out = env.run(&["check", s(&env.path("bin.ron")), s(&env.path("empty.ron"))]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("bin.ron:"));
    assert!(stdout(&out).contains("empty.ron:"));
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn random_play_is_byte_identical_and_has_the_contract_fields() {
    let env = Env::new();
    let scenario = env.scenario();
    let args = [
        "play",
        s(&scenario),
        "--random",
        "--seed",
        "3",
        "--format",
        "json",
        "--no-record",
    ];
    let a = env.run(&args);
    let b = env.run(&args);
    assert_eq!(code(&a), 0, "{}", stderr(&a));
    assert_eq!(a.stdout, b.stdout);
    let json: Value = serde_json::from_slice(&a.stdout).expect("json");
    assert_eq!(json["format"], "klachtwijs.debrief/2");
    assert_eq!(json["scenario"]["id"], "test-balie");
    assert!(
        json["scenario"]["title"]
            .as_str()
            .unwrap()
            .contains("<script>")
    );
    assert!(
        json["scenario"]["hash"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
    assert_eq!(json["seed"], 3);
    assert!(json["ending"]["id"].is_string());
    assert!(json["ending"]["outcome"].is_string());
    assert!(json["score"].as_u64().unwrap() <= 100);
    let steps: Vec<&str> = json["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "active_listening",
            "apologize_investigate",
            "repair",
            "evaluate",
            "thank"
        ]
    );
    for step in json["steps"].as_array().unwrap() {
        assert!(step["score"].as_u64().unwrap() <= 100);
        assert!(step["turns"].is_array());
    }
    let turns = json["turns"].as_array().unwrap();
    assert_eq!(turns.len(), 3);
    for t in turns {
        assert!(t["mood"]["anger"].is_u64() && t["mood"]["trust"].is_u64());
    }
    for p in json["pitfalls"].as_array().unwrap() {
        for field in ["id", "turn", "said", "why"] {
            assert!(!p[field].is_null(), "pitfall lacks {field}");
        }
        assert!(p.get("better").is_some());
    }
    assert!(a.stdout.ends_with(b"}\n"));
}

#[test]
fn choices_drive_the_debrief() {
    let env = Env::new();
    let out = env.run(&[
        "play",
        s(&env.scenario()),
        "--choices",
        "2,1,1",
        "--format",
        "json",
        "--no-record",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["ending"]["id"], "klaar");
    assert_eq!(json["ending"]["outcome"], "resolved");
    let pitfalls = json["pitfalls"].as_array().unwrap();
    assert_eq!(pitfalls.len(), 1);
    assert_eq!(pitfalls[0]["id"], "justifying");
    assert_eq!(pitfalls[0]["turn"], 1);
    assert_eq!(pitfalls[0]["said"], "Zo zijn de regels <i>nu eenmaal</i>.");
    assert!(
        pitfalls[0]["better"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Goedemiddag")
    );
    let anger: Vec<u64> = json["turns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["mood"]["anger"].as_u64().unwrap())
        .collect();
    assert_eq!(anger, [70, 60, 40]);
}

#[test]
fn an_invalid_choice_is_a_clear_usage_error() {
    let env = Env::new();
    for bad in ["1,9", "1,x", "0", "1,,2"] {
        let out = env.run(&["play", s(&env.scenario()), "--choices", bad, "--no-record"]);
        assert_eq!(code(&out), 2, "{bad}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("choice"), "{bad}: {err}");
        assert!(!err.contains("panicked") && !err.contains("Err("), "{err}");
    }
}

#[test]
fn running_out_of_choices_shows_the_open_question() {
    let env = Env::new();
    let out = env.run(&["play", s(&env.scenario()), "--choices", "1", "--no-record"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Ik moet om drie uur mijn kind ophalen."),
        "{text}"
    );
    assert!(text.contains("1. Wat vervelend"), "{text}");
    assert!(text.contains("2. Mijn collega"), "{text}");
    assert!(text.contains("nog niet afgelopen"), "{text}");
}

#[test]
fn interactive_play_reads_piped_stdin_and_saves_a_record() {
    let env = Env::new();
    let out = env.run_with_stdin(&["play", s(&env.scenario())], "?\n1\nfoo\n7\n1\n2\n");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Ik wacht al een uur!"), "{text}");
    assert!(text.contains("Boos weg"), "{text}");
    assert!(text.contains("Geen tip bij deze beurt."), "{text}");
    let records = env.records();
    assert_eq!(records.len(), 1, "{records:?}");
    let record: Value = serde_json::from_str(&fs::read_to_string(&records[0]).unwrap()).unwrap();
    assert_eq!(record["format"], "klachtwijs.record/2");
    assert_eq!(record["choices"], serde_json::json!(["1", "1", "2"]));
    assert!(
        record["engine"]
            .as_str()
            .unwrap()
            .starts_with("klachtwijs ")
    );
    assert!(record["rng"].as_str().unwrap().contains("ChaCha8"));
    assert_eq!(record["finished"], true);
}

#[test]
fn html_export_escapes_every_scenario_text() {
    let env = Env::new();
    let page = env.path("debrief.html");
    let out = env.run(&[
        "play",
        s(&env.scenario()),
        "--choices",
        "2,2,2",
        "--format",
        "html",
        "--out",
        s(&page),
        "--no-record",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let html = fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "unescaped script tag");
    assert!(!html.contains("<b>Jansen") && !html.contains("<i>nu"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("&quot;aanhalingstekens&quot;"));
    assert!(html.contains("<svg"));
    assert!(html.contains("@media print"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "external resource"
    );
}

#[test]
fn replay_rebuilds_the_same_debrief_and_notices_changes() {
    let env = Env::new();
    let played = env.run(&[
        "play",
        s(&env.scenario()),
        "--choices",
        "2,1,1",
        "--format",
        "json",
    ]);
    assert_eq!(code(&played), 0, "{}", stderr(&played));
    let records = env.records();
    assert_eq!(records.len(), 1);
    let record = s(&records[0]).to_string();

    let lib = s(env.dir.path()).to_string();
    let replayed = env.run(&["replay", &record, "--scenarios", &lib, "--format", "json"]);
    assert_eq!(code(&replayed), 0, "{}", stderr(&replayed));
    assert_eq!(replayed.stdout, played.stdout);
    assert!(!stderr(&replayed).contains("changed"));

    // A changed text: still replays, with a clear note.
    fs::write(env.scenario(), SCENARIO.replace("En nu?", "En wat nu?")).unwrap();
    let changed = env.run(&["replay", &record, "--scenarios", &lib]);
    assert_eq!(code(&changed), 0, "{}", stderr(&changed));
    assert!(stderr(&changed).contains("changed"), "{}", stderr(&changed));
    assert!(stdout(&changed).contains("En wat nu?"));

    // A changed structure the answers no longer fit: a clear error.
    let two_endings_only = SCENARIO.replace("start: \"begin\"", "start: \"slot\"");
    fs::write(env.scenario(), two_endings_only).unwrap();
    let broken = env.run(&["replay", &record, "--scenarios", &lib]);
    assert_ne!(code(&broken), 0);
    let err = stderr(&broken);
    assert!(err.contains("changed"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn report_aggregates_a_folder_and_skips_broken_records() {
    let env = Env::new();
    for choices in ["1,1,1", "2,1,1", "2,2,2"] {
        let out = env.run(&[
            "play",
            s(&env.scenario()),
            "--choices",
            choices,
            "--format",
            "json",
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    // Records started in the same second with the same seed share a name; use seeds.
    let mut n = env.records().len();
    if n < 3 {
        for (i, choices) in ["1,1,1", "2,1,1", "2,2,2"].iter().enumerate() {
            let seed = (10 + i).to_string();
            env.run(&[
                "play",
                s(&env.scenario()),
                "--choices",
                choices,
                "--seed",
                &seed,
            ]);
        }
        n = env.records().len();
    }
    assert!(n >= 3);
    let dir = env.home().join("records");
    fs::write(dir.join("kapot.json"), "{ dit is geen record").unwrap();

    let lib = s(env.dir.path()).to_string();
    let out = env.run(&["report", s(&dir), "--scenarios", &lib]);
    assert_eq!(code(&out), 1, "a skipped record: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("kapot.json"), "{text}");
    assert!(text.contains("test-balie"), "{text}");

    let out = env.run(&["report", s(&dir), "--scenarios", &lib, "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "klachtwijs.report/1");
    assert_eq!(json["skipped"].as_array().unwrap().len(), 1);
    let sc = &json["scenarios"][0];
    assert_eq!(sc["id"], "test-balie");
    assert_eq!(sc["sessions"].as_u64().unwrap() as usize, n);
    assert!(
        sc["pitfalls"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "justifying")
    );
    assert!(
        sc["endings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == "klaar")
    );
    assert_eq!(sc["steps"].as_array().unwrap().len(), 5);

    fs::remove_file(dir.join("kapot.json")).unwrap();
    let out = env.run(&["report", s(&dir), "--scenarios", &lib]);
    assert_eq!(code(&out), 0, "every record read: {}", stderr(&out));
}

#[test]
fn explore_reports_coverage() {
    let env = Env::new();
    let scenario = env.scenario();
    let args = [
        "explore",
        s(&scenario),
        "--runs",
        "50",
        "--seed",
        "4",
        "--format",
        "json",
    ];
    let a = env.run(&args);
    assert_eq!(code(&a), 0, "{}", stderr(&a));
    assert_eq!(a.stdout, env.run(&args).stdout);
    let json: Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(json["runs"], 50);
    assert_eq!(json["nodes"]["total"], 3);
    assert_eq!(json["nodes"]["visited"], 3);
    assert_eq!(json["endings"]["visited"], 2);
    let text = env.run(&["explore", s(&env.scenario()), "--runs", "20"]);
    assert_eq!(code(&text), 0);
    assert!(stdout(&text).contains("nodes"));
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    let scenario = env.scenario();
    let cases: Vec<Vec<&str>> = vec![
        vec!["frobnicate"],
        vec!["play"],
        vec!["play", s(&scenario), "--random", "--choices", "1"],
        vec!["play", s(&scenario), "--seed", "minus-one"],
        vec!["play", "no-such-scenario-id"],
        vec!["report"],
        vec!["replay", "no-such-record.json"],
        vec!["check", "--format", "yaml"],
        vec!["explore", s(&scenario), "--runs", "0"],
        vec!["report", "no-such-folder"],
    ];
    for args in cases {
        let out = env.run(&args);
        assert_eq!(code(&out), 2, "{args:?}: {}{}", stdout(&out), stderr(&out));
        assert!(!stderr(&out).is_empty(), "{args:?}: no message");
        assert!(!stderr(&out).contains("panicked"), "{args:?}");
    }
}

#[cfg(not(feature = "app"))]
#[test]
fn no_subcommand_without_the_app_says_so() {
    let env = Env::new();
    let out = env.run(&[]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("app"));
}

#[test]
fn scenarios_folders_resolve_ids_and_join_the_checked_library() {
    let env = Env::new();
    let lib = env.path("eigen");
    fs::create_dir_all(&lib).unwrap();
    fs::write(lib.join("balie.ron"), SCENARIO).unwrap();
    let out = env.run(&[
        "--scenarios",
        s(&lib),
        "play",
        "test-balie",
        "--choices",
        "1,1,1",
        "--lang",
        "en",
        "--no-record",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Total score"), "{text}");
    assert!(text.contains("Active listening"), "{text}");
    // Scenario text stays Dutch.
    assert!(text.contains("Ik moet om drie uur"), "{text}");

    let out = env.run(&["check", "--scenarios", s(&lib), "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(json["files"].as_u64().unwrap() >= 1);
}

#[test]
fn a_broken_rubric_is_reported_not_a_panic() {
    let env = Env::new();
    let rubric = env.path("rubric.ron");
    fs::write(&rubric, "Rubric(format: 1, models: [").unwrap();
    let out = env.run(&["--rubric", s(&rubric), "check", s(&env.scenario())]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("rubric.ron:"), "{}", stderr(&out));
    let missing = env.run(&["--rubric", "nope.ron", "check", s(&env.scenario())]);
    assert_eq!(code(&missing), 2);
}

#[test]
fn markdown_export_to_a_file() {
    let env = Env::new();
    let md = env.path("debrief.md");
    let out = env.run(&[
        "play",
        s(&env.scenario()),
        "--choices",
        "2,1,1",
        "--format",
        "md",
        "--out",
        s(&md),
        "--no-record",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let text = fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("# Nabespreking: "));
    assert!(text.contains("## Valkuilen"));
    assert!(text.contains("(opgelost)"));
    assert!(!text.contains("<script>"));
}

#[test]
fn interactive_multi_select_accepts_plus_lists_and_single_numbers() {
    let env = Env::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scenarios/fixture-grens-mail.ron");
    // Turn 2 is a multi-select: `1+2+4+5`; turn 5 too, answered with a single number.
    let out = env.run_with_stdin(
        &["play", s(&fixture), "--format", "json", "--no-record"],
        "1\n1+2+4+5\n1\n1\n3\n1\n",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).expect("json on stdout");
    assert_eq!(
        json["answers"],
        serde_json::json!(["1", "1+2+4+5", "1", "1", "3", "1"])
    );
    assert_eq!(json["finished"], true);
    // The conversation itself went to stderr, keeping stdout machine-readable.
    assert!(stderr(&out).contains("1+3"), "{}", stderr(&out));
}

#[test]
fn report_skips_records_that_no_longer_replay() {
    let env = Env::new();
    let dir = env.path("ingeleverd");
    fs::create_dir_all(&dir).unwrap();
    let record = |name: &str, answers: &str, hash: &str| {
        let text = format!(
            r#"{{"format": "klachtwijs.record/1", "scenario": "test-balie", "hash": "{hash}",
                "path": {path:?}, "seed": 1, "answers": [{answers}], "mode": "classroom",
                "started_at": "2026-11-23T10:00:00Z", "finished": true}}"#,
            path = s(&env.scenario())
        );
        fs::write(dir.join(name), text).unwrap();
    };
    record("a.json", r#""1", "1", "1""#, "sha256:old");
    record("b.json", r#""1", "9""#, "sha256:old");
    record("c.json", r#""x""#, "sha256:old");
    fs::write(dir.join("d.json"), r#"{"format": "klachtwijs.record/1"}"#).unwrap();
    let lib = s(env.dir.path()).to_string();
    let out = env.run(&["report", s(&dir), "--scenarios", &lib, "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["sessions"], 1);
    let skipped: Vec<&str> = json["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(skipped.len(), 3, "{skipped:?}");
    assert!(
        skipped
            .iter()
            .any(|m| m.contains("b.json") && m.contains("changed"))
    );
    assert!(skipped.iter().any(|m| m.contains("d.json")));
    let played = env.run(&[
        "play",
        s(&env.scenario()),
        "--choices",
        "1,1,1",
        "--format",
        "json",
        "--no-record",
    ]);
    let played: Value = serde_json::from_slice(&played.stdout).unwrap();
    assert_eq!(
        json["scenarios"][0]["average_score"].as_f64(),
        played["score"].as_f64()
    );
}

// ---- Issue 10: nothing lost, nothing injected -------------------------------------------

/// Waits for a child at most `secs` seconds; kills it and fails when it hangs.
fn finish_within(mut child: std::process::Child, secs: u64, what: &str) -> Output {
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().expect("try_wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > std::time::Duration::from_secs(secs) {
            let _ = child.kill();
            panic!("{what} did not finish within {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

fn piped(mut cmd: Command) -> std::process::Child {
    cmd.stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn")
}

#[test]
fn sixty_four_plays_at_once_with_the_same_seed_keep_every_record() {
    let env = Env::new();
    let scenario = env.scenario();
    let children: Vec<_> = (0..64)
        .map(|_| {
            piped(env.cmd(&[
                "play",
                s(&scenario),
                "--choices",
                "2,1,1",
                "--seed",
                "7",
                "--format",
                "json",
            ]))
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    let records = env.records();
    assert_eq!(records.len(), 64, "{records:?}");
    for r in &records {
        let v: Value = serde_json::from_str(&fs::read_to_string(r).unwrap()).unwrap();
        assert_eq!(v["choices"], serde_json::json!(["2", "1", "1"]), "{r:?}");
    }
}

#[test]
fn kill_9_in_a_loop_leaves_no_temp_files_and_only_readable_records() {
    let env = Env::new();
    let lib = s(env.dir.path()).to_string();
    for i in 0..30u64 {
        let mut child = env
            .cmd(&["play", s(&env.scenario()), "--seed", &i.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let _ = stdin.write_all(b"1\n1\n");
        std::thread::sleep(std::time::Duration::from_millis(i % 7 * 3));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    }
    // The next start cleans what the killed writers left.
    let out = env.run(&["play", s(&env.scenario()), "--choices", "1,1,1"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    for path in env.records() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.starts_with('.'), "temporary file left: {name}");
        let replayed = env.run(&["replay", s(&path), "--scenarios", &lib]);
        assert_eq!(code(&replayed), 0, "{name}: {}", stderr(&replayed));
    }
}

#[test]
fn report_across_an_edited_scenario_warns_in_text_and_json() {
    let env = Env::new();
    let lib = s(env.dir.path()).to_string();
    for seed in ["1", "2"] {
        let out = env.run(&[
            "play",
            s(&env.scenario()),
            "--choices",
            "2,1,1",
            "--seed",
            seed,
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    // One option's scoring changes: the justifying answer is no longer a pitfall.
    let edited = SCENARIO.replacen("pitfalls: [\"justifying\"],", "", 1);
    assert_ne!(edited, SCENARIO);
    fs::write(env.scenario(), edited).unwrap();
    let dir = env.home().join("records");
    let text = env.run(&["report", s(&dir), "--scenarios", &lib]);
    assert_eq!(code(&text), 0, "{}", stderr(&text));
    assert!(
        stdout(&text)
            .contains("warning: 2 sessions of `test-balie` were played on another version"),
        "{}",
        stdout(&text)
    );
    assert!(
        stderr(&text).contains("another version"),
        "{}",
        stderr(&text)
    );
    let json = env.run(&["report", s(&dir), "--scenarios", &lib, "--format", "json"]);
    let json: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["warnings"].as_array().unwrap().len(), 1, "{json}");
    assert_eq!(json["scenarios"][0]["changed"], true);
    assert_ne!(
        json["scenarios"][0]["hash"],
        json["scenarios"][0]["current_hash"]
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_fifos_never_hang() {
    let env = Env::new();
    let dir = env.path("lib");
    fs::create_dir_all(&dir).unwrap();
    fs::copy(env.scenario(), dir.join("balie.ron")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("loop1")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("loop2")).unwrap();
    std::os::unix::fs::symlink("balie.ron", dir.join("link.ron")).unwrap();
    let fifo = dir.join("pijp.ron");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );

    let start = std::time::Instant::now();
    let out = finish_within(piped(env.cmd(&["check", s(&dir)])), 10, "check DIR");
    let took = start.elapsed();
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("checked 1 file: 0 errors"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("KW024"));
    assert!(
        stderr(&out).contains("pijp.ron: is a FIFO"),
        "{}",
        stderr(&out)
    );
    assert!(took < std::time::Duration::from_secs(2), "took {took:?}");

    let direct = finish_within(piped(env.cmd(&["check", s(&fifo)])), 10, "check FIFO");
    assert_eq!(code(&direct), 2, "{}", stdout(&direct));
    assert!(stderr(&direct).contains("FIFO"), "{}", stderr(&direct));

    let play = finish_within(
        piped(env.cmd(&[
            "--scenarios",
            s(&dir),
            "play",
            "test-balie",
            "--choices",
            "1,1,1",
            "--no-record",
        ])),
        10,
        "--scenarios DIR play",
    );
    assert_eq!(code(&play), 0, "{}", stderr(&play));
    let play_fifo = finish_within(piped(env.cmd(&["play", s(&fifo)])), 10, "play FIFO");
    assert_eq!(code(&play_fifo), 2);
    assert!(
        stderr(&play_fifo).contains("FIFO"),
        "{}",
        stderr(&play_fifo)
    );
    let zero = finish_within(
        piped(env.cmd(&["check", "/dev/zero"])),
        10,
        "check /dev/zero",
    );
    assert!(
        stderr(&zero).contains("device") || stdout(&zero).contains("device"),
        "{}{}",
        stdout(&zero),
        stderr(&zero)
    );
    assert!(!stdout(&zero).contains("67108865"));
    let folder = env.run(&["play", s(&dir)]);
    assert_eq!(code(&folder), 2);
    assert!(
        stderr(&folder).contains("is a folder"),
        "{}",
        stderr(&folder)
    );
}

/// Bytes that must never reach a terminal or a document from data.
fn assert_clean(bytes: &[u8], what: &str) {
    for bad in [0x1b_u8, 0x07, 0x00, 0x9b] {
        assert!(
            !bytes.contains(&bad),
            "{what}: raw control byte {bad:#x}: {}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn control_characters_never_reach_any_output() {
    let env = Env::new();
    let hostile = SCENARIO
        .replace("Gemeente Test", "Gemeente \u{1b}]0;pwned\u{7}Test")
        .replace("Mevrouw <b>Jansen</b>", "Mevrouw \u{1b}[31mJansen\u{0}")
        .replace(
            "Ik wacht al een uur!",
            "Ik wacht \u{1b}[2J al een uur!\u{7}",
        )
        .replace("Wachten <script>", "Wachten \u{1b}[1m<script>")
        .replace(
            "Mijn collega heeft het weer verprutst.",
            "Mijn collega\u{1b}[8m heeft het verprutst.",
        );
    fs::write(env.scenario(), &hostile).unwrap();
    let sc = s(&env.scenario()).to_string();
    for format in ["text", "json", "md", "html"] {
        let out = env.run(&["play", &sc, "--choices", "2,2,1", "--format", format]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert_clean(&out.stdout, format);
        assert_clean(&out.stderr, format);
        let file = env.path(&format!("debrief.{format}"));
        let out = env.run(&[
            "play",
            &sc,
            "--choices",
            "2,2,1",
            "--format",
            format,
            "--out",
            s(&file),
            "--no-record",
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert_clean(&fs::read(&file).unwrap(), &format!("--out {format}"));
    }
    let interactive = env.run_with_stdin(&["play", &sc], "1\n1\n1\n");
    assert_clean(&interactive.stdout, "interactive play");
    let lib = s(env.dir.path()).to_string();
    for args in [
        vec!["check", sc.as_str()],
        vec!["explore", sc.as_str(), "--runs", "20"],
        vec!["report", "home/records", "--scenarios", &lib],
    ] {
        let out = env.run(&args);
        assert_clean(&out.stdout, &args.join(" "));
        assert_clean(&out.stderr, &args.join(" "));
    }
    // A record whose scenario field holds escapes and a line break.
    let record = env.path("boos.json");
    fs::write(
        &record,
        r#"{"format": "klachtwijs.record/2", "scenario": "x\u001b]0;t\u0007\nfake: error", "hash": "h",
            "seed": 1, "choices": ["1"], "mode": "practice", "started_at": "2026-01-01T00:00:00Z", "finished": false}"#,
    )
    .unwrap();
    for cmd in ["replay", "report"] {
        let out = env.run(&[cmd, s(&record)]);
        assert_ne!(code(&out), 0);
        assert_clean(&out.stdout, cmd);
        assert_clean(&out.stderr, cmd);
        assert!(!stderr(&out).contains("\nfake: error"), "{}", stderr(&out));
    }
    // An id with a line break cannot forge a checker line, and is an error itself.
    let forged = SCENARIO.replace(
        "pitfalls: [\"justifying\"],",
        "pitfalls: [\"justifying\"], sets: [\"x\\nbalie.ron:1:1: error[KW999]: forged\"],",
    );
    fs::write(env.scenario(), forged).unwrap();
    let out = env.run(&["check", &sc]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("control character"),
        "{}",
        stdout(&out)
    );
    assert!(
        !stdout(&out)
            .lines()
            .any(|l| l.starts_with("balie.ron:1:1: error[KW999]")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn out_onto_an_input_is_refused() {
    let env = Env::new();
    let before = fs::read(env.scenario()).unwrap();
    let out = env.run(&[
        "play",
        s(&env.scenario()),
        "--choices",
        "1,1,1",
        "--out",
        s(&env.scenario()),
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("refused"), "{}", stderr(&out));
    assert_eq!(fs::read(env.scenario()).unwrap(), before);
    let record = env.records().pop().unwrap();
    let saved = fs::read(&record).unwrap();
    let lib = s(env.dir.path()).to_string();
    let out = env.run(&[
        "replay",
        s(&record),
        "--scenarios",
        &lib,
        "--out",
        s(&record),
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(fs::read(&record).unwrap(), saved);
    // Through another name of the same file, too.
    let alias = env.path("alias.ron");
    fs::hard_link(env.scenario(), &alias).unwrap();
    let out = env.run(&[
        "play",
        s(&env.scenario()),
        "--choices",
        "1",
        "--no-record",
        "--out",
        s(&alias),
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(fs::read(env.scenario()).unwrap(), before);
}

#[cfg(target_os = "linux")]
#[test]
fn a_write_error_on_stdout_exits_2() {
    let env = Env::new();
    for args in [
        vec![
            "play",
            s(&env.scenario()),
            "--choices",
            "1,1,1",
            "--no-record",
        ],
        vec!["check", s(&env.scenario())],
    ] {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = env.cmd(&args).stdout(full).output().unwrap();
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(
            stderr(&out).contains("cannot write to standard output"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn record_fields_are_never_used_as_paths() {
    let env = Env::new();
    let lib = s(env.dir.path()).to_string();
    let secret = env.path("geheim.ron");
    fs::write(&secret, "geheimwoord en meer").unwrap();
    let write = |name: &str, scenario: &str, path: &str| {
        let file = env.path(name);
        let text = format!(
            r#"{{"format": "klachtwijs.record/2", "scenario": {scenario:?}, "hash": "h", "path": {path:?},
                "seed": 1, "choices": ["1"], "mode": "practice", "started_at": "../../../x", "finished": false}}"#
        );
        fs::write(&file, text).unwrap();
        file
    };
    let by_scenario = write("a.json", s(&secret), "");
    let by_path = write("b.json", "bestaat-niet", s(&secret));
    for record in [&by_scenario, &by_path] {
        for cmd in ["replay", "report"] {
            let out = env.run(&[cmd, s(record), "--scenarios", &lib]);
            assert_ne!(code(&out), 0, "{cmd}");
            let all = format!("{}{}", stdout(&out), stderr(&out));
            assert!(!all.contains("geheimwoord"), "{all}");
        }
    }
    let out = env.run(&["replay", s(&by_scenario)]);
    assert!(
        stderr(&out).contains("not a scenario id"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn honest_messages_for_odd_input() {
    let env = Env::new();
    // `+1` and `++2` are no answers to a single-pick turn.
    for bad in ["+1", "++2", "1+"] {
        let out = env.run(&["play", s(&env.scenario()), "--choices", bad, "--no-record"]);
        assert_eq!(code(&out), 2, "{bad}: {}", stderr(&out));
    }
    // A huge record is refused at once, with its size.
    let big = env.path("groot.json");
    fs::File::create(&big)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let out = env.run(&["replay", s(&big)]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("too large"), "{}", stderr(&out));
}

/// One rule for errors: every broken corpus file that `check` reports an error in is
/// refused by `play` with the same code, and a file with warnings only still plays.
#[test]
fn play_refuses_what_check_reports_errors_in() {
    let env = Env::new();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let mut refused = 0;
    for entry in fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        let checked = env.run(&["check", s(&path), "--format", "json"]);
        let json: Value = serde_json::from_slice(&checked.stdout).unwrap();
        let errors: Vec<String> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .map(|d| d["code"].as_str().unwrap_or_default().to_string())
            .collect();
        let played = env.run(&["play", s(&path), "--random", "--no-record"]);
        if errors.is_empty() {
            assert_eq!(code(&played), 0, "{}: {}", path.display(), stderr(&played));
        } else {
            assert_ne!(
                code(&played),
                0,
                "{} played despite {errors:?}",
                path.display()
            );
            assert!(
                errors.iter().any(|c| stderr(&played).contains(c.as_str())),
                "{}: {errors:?} not in {}",
                path.display(),
                stderr(&played)
            );
            refused += 1;
        }
    }
    assert!(refused >= 20, "only {refused} files refused");
}

/// Every record kept in `tests/fixtures/records` (format 1, displayed positions, and
/// format 2, file order) replays to the debrief saved beside it, byte for byte.
#[test]
fn every_record_in_tests_replays_to_its_original_debrief() {
    let env = Env::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut replayed = 0;
    for entry in fs::read_dir(root.join("records")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".debrief.json") {
            continue;
        }
        let scenario = name.rsplit_once('-').unwrap().0;
        let expected = fs::read(
            root.join("records")
                .join(format!("{scenario}.debrief.json")),
        )
        .unwrap();
        let out = env.run(&[
            "replay",
            s(&path),
            "--scenarios",
            s(&root.join("scenarios")),
            "--format",
            "json",
        ]);
        assert_eq!(code(&out), 0, "{name}: {}", stderr(&out));
        assert!(out.stdout == expected, "{name}: the debrief differs");
        replayed += 1;
    }
    assert!(replayed >= 2);
}
