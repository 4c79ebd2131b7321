//! Debrief exports: JSON (the DESIGN.md contract), Markdown, one self-contained,
//! printable HTML page, and plain text for a terminal. All four are pure functions of the
//! [`Debrief`]: the same debrief gives the same bytes. Each format has its file; what
//! they must say alike (the arithmetic, the room's votes, the tags of an answer, who
//! speaks) is computed here, once.

mod html;
mod markdown;
mod text;

pub use html::{html, mood_svg};
pub use markdown::markdown;
pub(crate) use markdown::md;
pub use text::text;

use super::labels::{self, Labels};
use super::model::{Debrief, FlareNote, OptionView, TurnView};

/// Pretty-printed JSON with a trailing newline.
pub fn json(debrief: &Debrief) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    let mut text = serde_json::to_string_pretty(debrief).unwrap_or_default();
    text.push('\n');
    text
}

/// Why there is no ending: still open, or stopped at the engine's turn limit.
pub(super) fn unfinished(l: &Labels, d: &Debrief) -> &'static str {
    if d.open.is_some() {
        l.unfinished
    } else {
        l.turn_limit
    }
}

pub(super) fn ending_line(l: &Labels, d: &Debrief) -> String {
    match &d.ending {
        Some(e) => format!("{} ({})", e.title, labels::outcome(&d.language, &e.outcome)),
        None => unfinished(l, d).to_string(),
    }
}

/// How the trainee answered a flare-up: back to listening, or not.
pub(super) fn flare_answer(l: &Labels, f: &FlareNote) -> &'static str {
    if f.back_to_listening {
        l.flare_returned
    } else {
        l.flare_missed
    }
}

/// "Geen valkuilen. Goed gedaan." only for a conversation that reached an ending.
pub(super) fn no_pitfalls(l: &Labels, d: &Debrief) -> &'static str {
    if d.finished {
        l.no_pitfalls
    } else {
        l.no_pitfalls_yet
    }
}

/// The room's votes (classroom mode) as table rows, the same in every format: turn, first
/// and second ballot, how split, the majority's option with its pitfalls, the advice.
pub(super) fn room_vote_rows(d: &Debrief) -> Vec<[String; 6]> {
    let counts = |c: &[u32]| super::model::joined(c, " · ");
    let numbers = |n: &[usize]| super::model::joined(n, " + ");
    d.room_votes
        .iter()
        .map(|v| {
            let mut majority = numbers(&v.majority);
            for pitfall in &v.majority_pitfalls {
                majority.push_str(&format!(" ⚠ {pitfall}"));
            }
            [
                v.turn.to_string(),
                counts(&v.first),
                v.second.as_deref().map_or("–".to_string(), counts),
                format!("{}%", v.split_percent),
                majority,
                numbers(&v.recommended),
            ]
        })
        .collect()
}

/// The arithmetic of the total as (label, value) lines in the debrief's language, as
/// every export and the app show it.
pub fn arithmetic_lines(d: &Debrief) -> Vec<(String, String)> {
    sum_lines(d, labels::for_code(&d.language))
}

/// "Leren van klachten: doorgegeven (beurt 9)", or that it was not passed on.
pub fn learning_summary(d: &Debrief) -> String {
    let l = labels::for_code(&d.language);
    format!("{}: {}", d.learning.name, learning_line(d, l))
}

/// The arithmetic of the total as (label, value) lines, the same in every format: each
/// step with its points and caps, the weighted mean, every penalty, the total.
pub(super) fn sum_lines(d: &Debrief, l: &Labels) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    for step in &d.steps {
        let label = format!("{} ({} {})", step.name, l.weight, step.weight);
        if !step.applies {
            lines.push((label, l.does_not_apply.to_string()));
            continue;
        }
        let mut value = format!("{} {}", step.raw, l.points);
        if step.raw > 100 {
            value.push_str(" (max. 100)");
        }
        if !step.missing_core.is_empty() {
            let names: Vec<&str> = step.missing_core.iter().map(|p| p.name.as_str()).collect();
            value.push_str(&format!(
                "; {} (max. {}): {}",
                l.missing_core,
                d.arithmetic.missing_core_cap,
                names.join(", ")
            ));
        }
        value.push_str(&format!(" → {}", step.score));
        lines.push((label, value));
    }
    lines.push((l.weighted_mean.to_string(), d.arithmetic.base.to_string()));
    for (label, minus) in [
        (l.pitfalls, d.arithmetic.pitfalls),
        (l.wrong_information, d.arithmetic.wrong_information),
        (l.flare_penalty, d.arithmetic.flare_misses),
    ] {
        if minus > 0 {
            lines.push((label.to_string(), format!("−{minus}")));
        }
    }
    lines.push((l.total.to_string(), d.arithmetic.total.to_string()));
    lines
}

/// The learning line: passed on at which turns, or not.
pub(super) fn learning_line(d: &Debrief, l: &Labels) -> String {
    if d.learning.turns.is_empty() {
        l.learning_none.to_string()
    } else {
        let turns: Vec<String> = d
            .learning
            .turns
            .iter()
            .map(|e| e.turn.to_string())
            .collect();
        format!(
            "{} ({} {})",
            l.learning_done,
            l.turn.to_lowercase(),
            turns.join(", ")
        )
    }
}

/// Who speaks a turn's line: the name, or nothing for narration.
pub(super) fn speaker<'a>(t: &'a TurnView, d: &'a Debrief) -> Option<&'a str> {
    match t.voice.as_str() {
        "narrator" => None,
        "other" => Some(&t.speaker),
        _ => Some(&d.scenario.complainant),
    }
}

fn names(d: &Debrief, ids: &[String]) -> String {
    ids.iter()
        .map(|id| d.name_of(id))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn option_tags(d: &Debrief, l: &Labels, o: &OptionView) -> String {
    let mut tags = Vec::new();
    if let Some(belongs) = o.belongs {
        tags.push(
            if belongs {
                l.belongs
            } else {
                l.does_not_belong
            }
            .to_string(),
        );
    }
    if !o.shows.is_empty() {
        tags.push(format!("{}: {}", l.shows, names(d, &o.shows)));
    }
    if !o.pitfalls.is_empty() {
        tags.push(format!("{}: {}", l.falls_into, names(d, &o.pitfalls)));
    }
    tags.join("; ")
}

pub(super) fn turn_tags(d: &Debrief, l: &Labels, t: &TurnView) -> String {
    let mut tags = Vec::new();
    if !t.shows.is_empty() {
        tags.push(format!("{}: {}", l.shows, names(d, &t.shows)));
    }
    if !t.pitfalls.is_empty() {
        tags.push(format!("{}: {}", l.falls_into, names(d, &t.pitfalls)));
    }
    tags.join("; ")
}
