//! The debrief as plain text for a terminal.

use std::fmt::Write as _;

use super::super::labels;
use super::super::model::Debrief;
use super::{
    flare_answer, learning_line, no_pitfalls, room_vote_rows, speaker, sum_lines, turn_tags,
    unfinished,
};

/// Plain text for a terminal: the conversation first, then the scores and pitfalls.
pub fn text(d: &Debrief) -> String {
    let l = labels::for_code(&d.language);
    let mut s = String::new();
    let who = &d.scenario.complainant;
    let _ = writeln!(s, "{}: {} ({})", l.debrief, d.scenario.title, d.scenario.id);
    let _ = writeln!(
        s,
        "{}: {}  {}: {}\n",
        l.seed,
        d.seed,
        l.answers,
        d.answers.join(",")
    );
    if let Some(t) = &d.test_from {
        let _ = writeln!(s, "{}\n", t.line(l));
    }
    for t in &d.turns {
        let _ = writeln!(s, "{} {}", l.turn, t.turn);
        if t.flare {
            let _ = writeln!(s, "  ({})", l.emotion_flares);
        }
        match speaker(t, d) {
            Some(name) => {
                let _ = writeln!(s, "  {name}: \"{}\"", t.says);
            }
            None => {
                let _ = writeln!(s, "  ({})", t.says.trim_matches(['(', ')']));
            }
        }
        if let Some(thought) = &t.thought {
            let _ = writeln!(s, "  ({who} {}: {thought})", l.complainant_thinks);
        }
        if let Some(prompt) = &t.prompt {
            let _ = writeln!(s, "  {prompt}");
        }
        let _ = writeln!(s, "  {} ({}): \"{}\"", l.your_answer, t.answer, t.said);
        let tags = turn_tags(d, l, t);
        if !tags.is_empty() {
            let _ = writeln!(s, "    [{tags}]");
        }
        let _ = writeln!(s, "    {}", t.explain);
        let _ = writeln!(
            s,
            "    {}: {} {}, {} {}\n",
            l.mood, l.anger, t.mood.anger, l.trust, t.mood.trust
        );
    }
    match &d.ending {
        Some(e) => {
            if let Some(says) = &e.says {
                let _ = writeln!(s, "{who}: \"{says}\"");
            }
            let _ = writeln!(
                s,
                "{}: {} ({})",
                l.ending,
                e.title,
                labels::outcome(&d.language, &e.outcome)
            );
            let _ = writeln!(s, "{}\n", e.narrative);
        }
        None => {
            let _ = writeln!(s, "{}", unfinished(l, d));
            if let Some(open) = &d.open {
                let _ = writeln!(s, "{}: {who}: \"{}\"", l.open_question, open.says);
                if let Some(prompt) = &open.prompt {
                    let _ = writeln!(s, "  {prompt}");
                }
                for (i, o) in open.options.iter().enumerate() {
                    let _ = writeln!(s, "  {}. {o}", i + 1);
                }
            }
            s.push('\n');
        }
    }
    let _ = writeln!(s, "{}: {}/100", l.total, d.score);
    let _ = writeln!(s, "{}:", l.arithmetic);
    for (label, value) in sum_lines(d, l) {
        let _ = writeln!(s, "  {label:<44} {value}");
    }
    let _ = writeln!(s, "{}: {}", d.learning.name, learning_line(d, l));
    let rooms = room_vote_rows(d);
    if !rooms.is_empty() {
        let _ = writeln!(s, "\n{}:", l.room_votes);
        for row in &rooms {
            let _ = writeln!(
                s,
                "  {} {}: {} → {} ({} {}), {} {}, {} {}",
                l.turn,
                row[0],
                row[1],
                row[2],
                l.room_columns[3].to_lowercase(),
                row[3],
                l.room_columns[4].to_lowercase(),
                row[4],
                l.room_columns[5].to_lowercase(),
                row[5]
            );
        }
    }
    if d.pitfalls.is_empty() {
        let _ = writeln!(s, "\n{}", no_pitfalls(l, d));
    } else {
        let _ = writeln!(s, "\n{}:", l.pitfalls);
    }
    for p in &d.pitfalls {
        let _ = writeln!(s, "  {} {}: {}", l.turn, p.turn, p.name);
        let _ = writeln!(s, "    {}: \"{}\"", l.you_said, p.said);
        let _ = writeln!(s, "    {} {}", l.why, p.why);
        if !p.explain.is_empty() {
            let _ = writeln!(s, "    {} {}", l.here, p.explain);
        }
        match &p.better {
            Some(b) => {
                let _ = writeln!(s, "    {} ({}): \"{}\"", l.better, b.answer, b.text);
            }
            None => {
                let _ = writeln!(s, "    {} {}", l.best_chosen, p.advice);
            }
        }
    }
    if !d.wrong_information.is_empty() {
        let _ = writeln!(s, "\n{}:", l.wrong_information);
    }
    for w in &d.wrong_information {
        let _ = writeln!(
            s,
            "  {} {}: \"{}\" (−{})",
            l.turn, w.turn, w.said, w.penalty
        );
        let _ = writeln!(s, "    {} {}", l.correct_fact, w.correct);
        if let Some(b) = &w.better {
            let _ = writeln!(s, "    {} ({}): \"{}\"", l.better, b.answer, b.text);
        }
    }
    if !d.flares.is_empty() {
        let _ = writeln!(s, "\n{}:", l.flares);
    }
    for f in &d.flares {
        let what = flare_answer(l, f);
        let _ = writeln!(s, "  {} {}: {what}", l.turn, f.turn);
    }
    // Scenario text must not be able to send escape sequences to the terminal.
    s.chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}
