//! The workshop kit on the real binary and the bundled library: every handout and every
//! guide renders in both formats, self-contained and escaped; the facilitator layers of
//! the bundled scenarios name real nodes; the guide's answer key is the debrief's fold.

use std::process::{Command, Output, Stdio};

use klachtwijs::kit::{guide, handout, page};
use klachtwijs::rubric::model::Rubric;
use klachtwijs::scenario::model::Language;

fn run(args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_klachtwijs"))
        .args(args)
        .env("KLACHTWIJS_HOME", home.path())
        .stdin(Stdio::null())
        .output()
        .expect("run klachtwijs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn self_contained(name: &str, doc: &str) {
    assert!(doc.starts_with("<!DOCTYPE html>"), "{name}");
    assert!(doc.trim_end().ends_with("</html>"), "{name}");
    for banned in [
        "http://", "https://", "src=", "<script", "<link", "@import", "url(",
    ] {
        assert!(!doc.contains(banned), "{name} contains {banned}");
    }
}

#[test]
fn handout_list_names_all_five() {
    let o = run(&["handout", "--list"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for name in handout::names() {
        assert!(out.contains(name), "{out}");
    }
    assert_eq!(out.lines().count(), 5);
}

#[test]
fn every_handout_prints_in_both_formats_and_languages() {
    for name in handout::names() {
        for lang in ["nl", "en"] {
            let html = run(&["handout", name, "--lang", lang]);
            assert_eq!(html.status.code(), Some(0), "{name} {lang}");
            let doc = stdout(&html);
            self_contained(name, &doc);
            assert!(doc.contains(&format!("<html lang=\"{lang}\">")));
            let md = run(&["handout", name, "--lang", lang, "--format", "md"]);
            assert_eq!(md.status.code(), Some(0));
            assert!(stdout(&md).starts_with("# "));
        }
    }
}

#[test]
fn handout_writes_to_a_file_and_refuses_unknown_names() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("werkmodel.html");
    let o = run(&["handout", "werkmodel", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(std::fs::read_to_string(&out).unwrap().contains("</html>"));
    let o = run(&["handout", "werkmodell"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("werkmodel"));
}

#[test]
fn every_bundled_scenario_has_a_guide_in_both_formats() {
    let rubric = Rubric::bundled();
    for b in klachtwijs::scenario::bundled() {
        let s = &klachtwijs::scenario::load_str(b.text, std::path::Path::new(b.path)).unwrap();
        let p = guide::page(s, rubric, s.language).unwrap();
        let doc = page::html(&p);
        self_contained(&s.id, &doc);
        let md = page::markdown(&p);
        assert!(md.contains("## "), "{}", s.id);
        // Every node appears once in the conversation and once in the answer key.
        let order = guide::node_order(s, rubric);
        assert_eq!(order.len(), s.nodes.len(), "{}", s.id);
        let mut sorted = order.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), s.nodes.len(), "{}", s.id);
        assert_eq!(order.first(), Some(&s.start), "{}", s.id);
        let layer = s.facilitator.is_some();
        let plan = if s.language == Language::Nl {
            "<h2>Sessieplan</h2>"
        } else {
            "<h2>Session plan</h2>"
        };
        assert_eq!(doc.contains(plan), s.plan().is_some(), "{}", s.id);
        if !layer {
            assert!(!doc.contains("Gespreksvragen") && !doc.contains("Discussion questions"));
        }
    }
}

#[test]
fn guide_command_prints_html_and_markdown() {
    let o = run(&["guide", "paspoort-pinnen"]);
    assert_eq!(o.status.code(), Some(0));
    self_contained("guide", &stdout(&o));
    let o = run(&["guide", "paspoort-pinnen", "--format", "md", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0));
    let md = stdout(&o);
    assert!(md.starts_with("# Facilitator guide: "), "{md}");
    assert!(md.contains("## Answer key"));
    let o = run(&["guide", "no-such-scenario"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_answer_key_at_the_start_is_the_debriefs_option_values() {
    use klachtwijs::engine::{Answer, Session};
    let rubric = Rubric::bundled();
    for b in klachtwijs::scenario::bundled() {
        let s = std::sync::Arc::new(
            klachtwijs::scenario::load_str(b.text, std::path::Path::new(b.path)).unwrap(),
        );
        let key = guide::key_values(&s, rubric);
        let (first, values) = &key[0];
        assert_eq!(first, &s.start);
        let mut session = Session::start(std::sync::Arc::clone(&s), rubric, 7).unwrap();
        let node = &s.nodes[&s.start];
        let answer = if node.options.is_empty() {
            Answer::Select(vec![1])
        } else {
            Answer::Pick(1)
        };
        session.answer(answer).unwrap();
        let d = klachtwijs::debrief::build(&session, rubric);
        // The debrief lists the options as shown; match them to file order by text.
        for o in &d.turns[0].options {
            let i = node
                .options
                .iter()
                .position(|c| *c.text == *o.text)
                .or_else(|| {
                    node.select
                        .as_ref()
                        .and_then(|sel| sel.items.iter().position(|it| it.text == o.text))
                })
                .unwrap();
            assert_eq!(values[i], o.value, "{}: option {}", s.id, i + 1);
        }
        // And the page prints them.
        let md = page::markdown(&guide::page(&s, rubric, s.language).unwrap());
        let table = md.split("\n| # |").nth(1).unwrap();
        for v in values {
            let shown = match *v {
                v if v > 0 => format!("| +{v} |"),
                v if v < 0 => format!("| −{} |", -v),
                _ => "| 0 |".to_string(),
            };
            assert!(table.contains(&shown), "{}: {shown}", s.id);
        }
    }
}

#[test]
fn question_at_finds_the_layers_questions() {
    let mut layers = 0;
    for b in klachtwijs::scenario::bundled() {
        let s = klachtwijs::scenario::load_str(b.text, std::path::Path::new(b.path)).unwrap();
        let Some(layer) = &s.facilitator else {
            assert!(s.question_at(&s.start).is_none());
            continue;
        };
        for q in &layer.questions {
            assert!(s.nodes.contains_key(&q.node) || s.endings.contains_key(&q.node));
            assert_eq!(s.question_at(&q.node).map(|f| &f.node), Some(&q.node));
            assert!(!q.listen_for.is_empty());
        }
        assert!(s.plan().is_some(), "{}: a layer without a plan", s.id);
        layers += 1;
    }
    assert!(
        layers >= 5,
        "only {layers} bundled scenarios have a facilitator layer"
    );
}
