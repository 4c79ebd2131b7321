//! `klachtwijs new`: the template checks with no errors and no warnings for both models
//! and both languages, and random plays from the start reach each of its three endings.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use klachtwijs::engine::{Answer, PromptKind, Session};
use klachtwijs::rubric::model::Rubric;
use klachtwijs::scenario::check::check_str;
use klachtwijs::scenario::model::{Language, ModelId};
use klachtwijs::scenario::template::template;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

#[test]
fn every_template_checks_clean_and_plays_to_each_ending() {
    let rubric = Rubric::bundled();
    for model in [ModelId::Klachtengesprek, ModelId::Begrenzen] {
        for lang in [Language::Nl, Language::En] {
            let text = template("mijn-scenario", model, lang);
            let report = check_str(&text, Path::new("new.ron"), rubric);
            let findings: Vec<String> = report
                .diagnostics
                .iter()
                .map(|d| format!("{d:?}"))
                .collect();
            assert!(
                findings.is_empty(),
                "{model:?} {lang:?}:\n{}\n{text}",
                findings.join("\n")
            );
            let scenario = Arc::new(report.scenario.clone().expect("it loads"));
            assert_eq!(scenario.language, lang);
            assert_eq!(scenario.model, model);
            assert_eq!(scenario.endings.len(), 3);
            assert!(scenario.nodes.values().any(|n| n.flare.is_some()));
            assert_eq!(
                scenario
                    .nodes
                    .values()
                    .filter(|n| n.select.is_some())
                    .count(),
                1
            );
            let stats = report.stats.as_ref().expect("analysed");
            assert_eq!(
                stats.reachable_steps.len(),
                5,
                "{model:?}: every step reachable"
            );
            assert!(
                stats.best_score >= 95,
                "{model:?} {lang:?}: best {}",
                stats.best_score
            );
            // Random plays from the start reach every ending.
            let mut reached = BTreeSet::new();
            for seed in 0..300u64 {
                let mut rng = ChaCha8Rng::seed_from_u64(seed);
                let mut s = Session::start(Arc::clone(&scenario), rubric, seed).unwrap();
                while let Some(p) = s.prompt() {
                    let answer = match p.kind {
                        PromptKind::Options(o) => Answer::Pick(rng.random_range(1..=o.len())),
                        PromptKind::Select { items, .. } => {
                            Answer::Select(vec![rng.random_range(1..=items.len())])
                        }
                    };
                    s.answer(answer).unwrap();
                }
                reached.extend(s.ending().map(str::to_string));
            }
            let all: BTreeSet<String> = scenario.endings.keys().cloned().collect();
            assert_eq!(
                reached, all,
                "{model:?} {lang:?}: every ending is played to"
            );
        }
    }
}
