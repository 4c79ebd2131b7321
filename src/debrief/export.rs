//! Debrief exports: JSON (the DESIGN.md contract), Markdown, and one self-contained,
//! printable HTML page. All three are pure functions of the [`Debrief`]: the same debrief
//! gives the same bytes.
//!
//! Over 500 lines: three formats that must say the same thing, side by side, and their
//! tests.

use std::fmt::Write as _;

use super::labels::{self, Labels};
use super::model::{Debrief, MoodPoint, OptionView, TurnView};
use crate::text::escape_html;

/// Pretty-printed JSON with a trailing newline.
pub fn json(debrief: &Debrief) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    let mut text = serde_json::to_string_pretty(debrief).unwrap_or_default();
    text.push('\n');
    text
}

/// Makes scenario text safe inside Markdown: no raw HTML, no table breaks, one line.
pub(crate) fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' | '*' | '_' | '`' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if crate::text::is_unsafe(c) => out.push('\u{fffd}'),
            _ => out.push(c),
        }
    }
    out
}

/// Why there is no ending: still open, or stopped at the engine's turn limit.
fn unfinished(l: &Labels, d: &Debrief) -> &'static str {
    if d.open.is_some() {
        l.unfinished
    } else {
        l.turn_limit
    }
}

fn ending_line(l: &Labels, d: &Debrief) -> String {
    match &d.ending {
        Some(e) => format!("{} ({})", e.title, labels::outcome(&d.language, &e.outcome)),
        None => unfinished(l, d).to_string(),
    }
}

/// "Geen valkuilen. Goed gedaan." only for a conversation that reached an ending.
fn no_pitfalls(l: &Labels, d: &Debrief) -> &'static str {
    if d.finished {
        l.no_pitfalls
    } else {
        l.no_pitfalls_yet
    }
}

/// The room's votes (classroom mode) as table rows, the same in every format: turn, first
/// and second ballot, how split, the majority's option with its pitfalls, the advice.
fn room_vote_rows(d: &Debrief) -> Vec<[String; 6]> {
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
fn sum_lines(d: &Debrief, l: &Labels) -> Vec<(String, String)> {
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
fn learning_line(d: &Debrief, l: &Labels) -> String {
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
fn speaker<'a>(t: &'a TurnView, d: &'a Debrief) -> Option<&'a str> {
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

fn option_tags(d: &Debrief, l: &Labels, o: &OptionView) -> String {
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

fn turn_tags(d: &Debrief, l: &Labels, t: &TurnView) -> String {
    let mut tags = Vec::new();
    if !t.shows.is_empty() {
        tags.push(format!("{}: {}", l.shows, names(d, &t.shows)));
    }
    if !t.pitfalls.is_empty() {
        tags.push(format!("{}: {}", l.falls_into, names(d, &t.pitfalls)));
    }
    tags.join("; ")
}

/// A Markdown document (CommonMark + tables).
pub fn markdown(d: &Debrief) -> String {
    let l = labels::for_code(&d.language);
    let mut s = String::new();
    // `write!` into a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(s, "# {}: {}\n", l.debrief, md(&d.scenario.title));
    let _ = writeln!(s, "- {}: `{}`", l.scenario, md(&d.scenario.id));
    let _ = writeln!(s, "- {}: `{}`", l.content_hash, d.scenario.hash);
    let _ = writeln!(s, "- {}: {}", l.seed, d.seed);
    if let Some(t) = &d.test_from {
        let _ = writeln!(s, "- **{}**", md(&t.line(l)));
    }
    let _ = writeln!(s, "- {}: `{}`", l.answers, md(&d.answers.join(",")));
    let _ = writeln!(s, "- {}: {}", l.ending, md(&ending_line(l, d)));
    let _ = writeln!(s, "- **{}: {}/100**\n", l.total, d.score);

    let _ = writeln!(s, "## {} ({})\n", l.steps, md(&d.scenario.model_name));
    let _ = writeln!(s, "| {} | {} | {} |", l.step, l.score, l.earned_by);
    let _ = writeln!(s, "|---|---:|---|");
    for step in &d.steps {
        let evidence: Vec<String> = step
            .turns
            .iter()
            .map(|e| format!("{} {}: {} (+{})", l.turn, e.turn, md(&e.name), e.credit))
            .collect();
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            md(&step.name),
            step.score,
            if evidence.is_empty() {
                "–".to_string()
            } else {
                evidence.join("; ")
            }
        );
    }
    s.push('\n');

    let _ = writeln!(s, "## {}\n", l.arithmetic);
    let _ = writeln!(s, "| | |\n|---|---:|");
    for (label, value) in sum_lines(d, l) {
        let _ = writeln!(s, "| {} | {} |", md(&label), md(&value));
    }
    s.push('\n');
    let _ = writeln!(
        s,
        "**{}:** {}\n",
        md(&d.learning.name),
        md(&learning_line(d, l))
    );
    let rooms = room_vote_rows(d);
    if !rooms.is_empty() {
        let _ = writeln!(s, "## {}\n", l.room_votes);
        let _ = writeln!(s, "| {} |", l.room_columns.join(" | "));
        let _ = writeln!(s, "|---:|---|---|---:|---|---|");
        for row in &rooms {
            let cells: Vec<String> = row.iter().map(|c| md(c)).collect();
            let _ = writeln!(s, "| {} |", cells.join(" | "));
        }
        s.push('\n');
    }

    let _ = writeln!(s, "## {}\n", l.pitfalls);
    if d.pitfalls.is_empty() {
        let _ = writeln!(s, "{}\n", no_pitfalls(l, d));
    }
    for p in &d.pitfalls {
        let _ = writeln!(s, "### {} {}: {}\n", l.turn, p.turn, md(&p.name));
        let _ = writeln!(s, "{}: “{}”\n", l.you_said, md(&p.said));
        let _ = writeln!(s, "{} {}\n", l.why, md(&p.why));
        if !p.explain.is_empty() {
            let _ = writeln!(s, "{} {}\n", l.here, md(&p.explain));
        }
        match &p.better {
            Some(b) => {
                let _ = writeln!(
                    s,
                    "{} ({}): “{}” {}\n",
                    l.better,
                    md(&b.answer),
                    md(&b.text),
                    md(&b.explain)
                );
            }
            None => {
                let _ = writeln!(s, "{} {}\n", l.best_chosen, md(&p.advice));
            }
        }
    }

    if !d.wrong_information.is_empty() {
        let _ = writeln!(s, "## {}\n", l.wrong_information);
        for w in &d.wrong_information {
            let _ = writeln!(
                s,
                "- {} {}: “{}” (−{}). {} {}",
                l.turn,
                w.turn,
                md(&w.said),
                w.penalty,
                l.correct_fact,
                md(&w.correct)
            );
        }
        s.push('\n');
    }
    if !d.flares.is_empty() {
        let _ = writeln!(s, "## {}\n", l.flares);
        for f in &d.flares {
            let what = if f.back_to_listening {
                l.flare_returned
            } else {
                l.flare_missed
            };
            let _ = writeln!(s, "- {} {}: {}", l.turn, f.turn, what);
        }
        s.push('\n');
    }

    let _ = writeln!(s, "## {}\n", l.mood);
    let _ = writeln!(s, "| {} | {} | {} |", l.turn, l.anger, l.trust);
    let _ = writeln!(s, "|---|---:|---:|");
    for m in &d.mood {
        let label = if m.turn == 0 {
            l.start.to_string()
        } else {
            m.turn.to_string()
        };
        let _ = writeln!(s, "| {label} | {} | {} |", m.anger, m.trust);
    }
    s.push('\n');

    let _ = writeln!(s, "## {}\n", l.transcript);
    for t in &d.turns {
        let _ = writeln!(s, "### {} {}\n", l.turn, t.turn);
        if t.flare {
            let _ = writeln!(s, "*{}*\n", l.emotion_flares);
        }
        match speaker(t, d) {
            Some(name) => {
                let _ = writeln!(s, "**{}:** “{}”\n", md(name), md(&t.says));
            }
            None => {
                let _ = writeln!(s, "*{}*\n", md(&t.says));
            }
        }
        if let Some(thought) = &t.thought {
            let _ = writeln!(
                s,
                "*({} {}: {})*\n",
                md(&d.scenario.complainant),
                l.complainant_thinks,
                md(thought)
            );
        }
        if let Some(prompt) = &t.prompt {
            let _ = writeln!(s, "{}\n", md(prompt));
        }
        let _ = writeln!(
            s,
            "**{} ({}):** “{}”\n",
            l.your_answer,
            md(&t.answer),
            md(&t.said)
        );
        let tags = turn_tags(d, l, t);
        if !tags.is_empty() {
            let _ = writeln!(s, "_{}_\n", md(&tags));
        }
        let _ = writeln!(s, "{}\n", md(&t.explain));
        let others: Vec<&OptionView> = t.options.iter().filter(|o| !o.chosen).collect();
        if !others.is_empty() {
            let _ = writeln!(s, "{}:\n", l.not_chosen);
            for o in others {
                let tags = option_tags(d, l, o);
                let tags = if tags.is_empty() {
                    String::new()
                } else {
                    format!(" _({})_", md(&tags))
                };
                let _ = writeln!(
                    s,
                    "{}. “{}”{} {}",
                    o.number,
                    md(&o.text),
                    tags,
                    md(&o.explain)
                );
            }
            s.push('\n');
        }
        let _ = writeln!(
            s,
            "{}: {} {}, {} {}\n",
            l.mood, l.anger, t.mood.anger, l.trust, t.mood.trust
        );
    }

    match &d.ending {
        Some(e) => {
            let _ = writeln!(s, "## {}: {}\n", l.ending, md(&e.title));
            if let Some(says) = &e.says {
                let _ = writeln!(s, "**{}:** “{}”\n", md(&d.scenario.complainant), md(says));
            }
            let _ = writeln!(s, "{}\n", md(&e.narrative));
        }
        None => {
            let _ = writeln!(s, "## {}\n", l.open_question);
            let _ = writeln!(s, "{}\n", unfinished(l, d));
            if let Some(open) = &d.open {
                let _ = writeln!(
                    s,
                    "**{}:** “{}”\n",
                    md(&d.scenario.complainant),
                    md(&open.says)
                );
                if let Some(prompt) = &open.prompt {
                    let _ = writeln!(s, "{}\n", md(prompt));
                }
                for (i, o) in open.options.iter().enumerate() {
                    let _ = writeln!(s, "{}. {}", i + 1, md(o));
                }
                s.push('\n');
            }
        }
    }
    // Exactly one trailing newline.
    while s.ends_with("\n\n") {
        s.pop();
    }
    s
}

/// The mood curve as an inline SVG: anger and trust (0–100) over the turns.
pub fn mood_svg(mood: &[MoodPoint], l: &Labels) -> String {
    const W: usize = 640;
    const H: usize = 220;
    const LEFT: usize = 40;
    const TOP: usize = 10;
    const PLOT_W: usize = 580;
    const PLOT_H: usize = 180;
    let steps = mood.len().saturating_sub(1).max(1);
    let x = |i: usize| LEFT + i * PLOT_W / steps;
    let y = |v: u8| TOP + (100 - usize::from(v.min(100))) * PLOT_H / 100;
    let line = |pick: fn(&MoodPoint) -> u8| -> String {
        mood.iter()
            .enumerate()
            .map(|(i, m)| format!("{},{}", x(i), y(pick(m))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"mood\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"{}: {}, {}\">",
        escape_html(l.mood),
        escape_html(l.anger),
        escape_html(l.trust)
    );
    for v in [0u8, 50, 100] {
        let _ = write!(
            s,
            "<line x1=\"{LEFT}\" y1=\"{yy}\" x2=\"{x2}\" y2=\"{yy}\" class=\"grid\"/><text x=\"{tx}\" y=\"{ty}\" class=\"axis\">{v}</text>",
            yy = y(v),
            x2 = LEFT + PLOT_W,
            tx = LEFT - 6,
            ty = y(v) + 4,
        );
    }
    // At most about twenty labels, so long conversations stay legible.
    let every = mood.len().div_ceil(20).max(1);
    for (i, m) in mood.iter().enumerate().filter(|(i, _)| i % every == 0) {
        let label = if m.turn == 0 {
            l.start.to_string()
        } else {
            m.turn.to_string()
        };
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" class=\"tick\">{}</text>",
            x(i),
            TOP + PLOT_H + 20,
            escape_html(&label)
        );
    }
    let _ = write!(
        s,
        "<polyline class=\"anger\" points=\"{}\"/><polyline class=\"trust\" points=\"{}\"/>",
        line(|m| m.anger),
        line(|m| m.trust)
    );
    s.push_str("</svg>");
    s
}

const CSS: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
h1{font-size:1.8rem;margin-bottom:.2rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
.meta{color:#555;font-size:.9rem}.score{font-size:2.4rem;font-weight:700}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{background:#eee;height:.6rem;width:8rem;display:inline-block;vertical-align:middle}.bar span{background:#2b7a3d;height:100%;display:block}
.pitfall{border-left:4px solid #b3261e;padding:.2rem 0 .2rem .8rem;margin:1rem 0}.better{border-left:4px solid #2b7a3d;padding-left:.8rem}
.turn{margin:1.2rem 0;break-inside:avoid}.says{font-style:normal}.thought{color:#666;font-style:italic}.flare{color:#b3261e;font-weight:600}
.answer{background:#f3f6fb;padding:.4rem .6rem;border-radius:4px}.tags{color:#555;font-size:.85rem}
details{margin:.4rem 0}ol.options li{margin:.3rem 0}
svg.mood{max-width:100%;height:auto}svg .grid{stroke:#ddd;stroke-width:1}svg .axis,svg .tick{font-size:11px;fill:#555;text-anchor:middle}
svg .anger{fill:none;stroke:#b3261e;stroke-width:3}svg .trust{fill:none;stroke:#1f5fbf;stroke-width:3}
.legend-anger{color:#b3261e;font-weight:600}.legend-trust{color:#1f5fbf;font-weight:600}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}details{display:block}details>summary{display:none}.pitfall,.turn{break-inside:avoid}a{color:inherit}}";

/// One self-contained, printable HTML page: inline CSS, the mood curve as inline SVG, no
/// scripts and no external resources. Every scenario text is escaped.
pub fn html(d: &Debrief) -> String {
    let l = labels::for_code(&d.language);
    let e = escape_html;
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}: {}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n",
        e(&d.language),
        e(l.debrief),
        e(&d.scenario.title)
    );
    let _ = writeln!(s, "<h1>{}: {}</h1>", e(l.debrief), e(&d.scenario.title));
    let _ = writeln!(
        s,
        "<p class=\"meta\">{}: <code>{}</code> · {}: <code>{}</code> · {}: {} · {}: <code>{}</code></p>",
        e(l.scenario),
        e(&d.scenario.id),
        e(l.content_hash),
        e(&d.scenario.hash),
        e(l.seed),
        d.seed,
        e(l.answers),
        e(&d.answers.join(","))
    );
    if let Some(t) = &d.test_from {
        let _ = writeln!(
            s,
            "<p class=\"meta\"><strong>{}</strong></p>",
            e(&t.line(l))
        );
    }
    let _ = writeln!(
        s,
        "<p><span class=\"score\">{}/100</span> {}</p>\n<p><strong>{}:</strong> {}</p>",
        d.score,
        e(l.total),
        e(l.ending),
        e(&ending_line(l, d))
    );

    let _ = writeln!(
        s,
        "<h2>{} ({})</h2>\n<table>",
        e(l.steps),
        e(&d.scenario.model_name)
    );
    let _ = writeln!(
        s,
        "<tr><th>{}</th><th>{}</th><th></th><th>{}</th></tr>",
        e(l.step),
        e(l.score),
        e(l.earned_by)
    );
    for step in &d.steps {
        let evidence: Vec<String> = step
            .turns
            .iter()
            .map(|ev| {
                format!(
                    "{} {}: {} (+{})",
                    e(l.turn),
                    ev.turn,
                    e(&ev.name),
                    ev.credit
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td class=\"num\">{}</td><td><span class=\"bar\"><span style=\"width:{}%\"></span></span></td><td>{}</td></tr>",
            e(&step.name),
            step.score,
            step.score.min(100),
            if evidence.is_empty() {
                "–".to_string()
            } else {
                evidence.join("<br>")
            }
        );
    }
    s.push_str("</table>\n");

    let _ = writeln!(s, "<h2>{}</h2>\n<table class=\"sum\">", e(l.arithmetic));
    for (label, value) in sum_lines(d, l) {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
            e(&label),
            e(&value)
        );
    }
    s.push_str("</table>\n");
    let _ = writeln!(
        s,
        "<p><strong>{}:</strong> {}</p>",
        e(&d.learning.name),
        e(&learning_line(d, l))
    );
    let rooms = room_vote_rows(d);
    if !rooms.is_empty() {
        let _ = writeln!(s, "<h2>{}</h2>\n<table>\n<tr>", e(l.room_votes));
        for column in l.room_columns {
            let _ = write!(s, "<th>{}</th>", e(column));
        }
        s.push_str("</tr>\n");
        for row in &rooms {
            s.push_str("<tr>");
            for cell in row {
                let _ = write!(s, "<td>{}</td>", e(cell));
            }
            s.push_str("</tr>\n");
        }
        s.push_str("</table>\n");
    }

    let _ = writeln!(s, "<h2>{}</h2>", e(l.pitfalls));
    if d.pitfalls.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", e(no_pitfalls(l, d)));
    }
    for p in &d.pitfalls {
        let _ = writeln!(s, "<div class=\"pitfall\">");
        let _ = writeln!(s, "<h3>{} {}: {}</h3>", e(l.turn), p.turn, e(&p.name));
        let _ = writeln!(s, "<p>{}: “{}”</p>", e(l.you_said), e(&p.said));
        let _ = writeln!(s, "<p><strong>{}</strong> {}</p>", e(l.why), e(&p.why));
        if !p.explain.is_empty() {
            let _ = writeln!(s, "<p>{} {}</p>", e(l.here), e(&p.explain));
        }
        match &p.better {
            Some(b) => {
                let _ = writeln!(
                    s,
                    "<p class=\"better\"><strong>{} ({}):</strong> “{}” {}</p>",
                    e(l.better),
                    e(&b.answer),
                    e(&b.text),
                    e(&b.explain)
                );
            }
            None => {
                let _ = writeln!(
                    s,
                    "<p class=\"better\">{} {}</p>",
                    e(l.best_chosen),
                    e(&p.advice)
                );
            }
        }
        s.push_str("</div>\n");
    }

    if !d.wrong_information.is_empty() {
        let _ = writeln!(s, "<h2>{}</h2>\n<ul>", e(l.wrong_information));
        for w in &d.wrong_information {
            let _ = writeln!(
                s,
                "<li>{} {}: “{}” (−{}). <strong>{}</strong> {}</li>",
                e(l.turn),
                w.turn,
                e(&w.said),
                w.penalty,
                e(l.correct_fact),
                e(&w.correct)
            );
        }
        s.push_str("</ul>\n");
    }
    if !d.flares.is_empty() {
        let _ = writeln!(s, "<h2>{}</h2>\n<ul>", e(l.flares));
        for f in &d.flares {
            let what = if f.back_to_listening {
                l.flare_returned
            } else {
                l.flare_missed
            };
            let _ = writeln!(s, "<li>{} {}: {}</li>", e(l.turn), f.turn, e(what));
        }
        s.push_str("</ul>\n");
    }

    let _ = writeln!(
        s,
        "<h2>{}</h2>\n<p><span class=\"legend-anger\">— {}</span> <span class=\"legend-trust\">— {}</span></p>\n{}",
        e(l.mood),
        e(l.anger),
        e(l.trust),
        mood_svg(&d.mood, l)
    );

    let _ = writeln!(s, "<h2>{}</h2>", e(l.transcript));
    for t in &d.turns {
        let _ = writeln!(s, "<div class=\"turn\">\n<h3>{} {}</h3>", e(l.turn), t.turn);
        if t.flare {
            let _ = writeln!(s, "<p class=\"flare\">{}</p>", e(l.emotion_flares));
        }
        match speaker(t, d) {
            Some(name) => {
                let _ = writeln!(
                    s,
                    "<p class=\"says\"><strong>{}:</strong> “{}”</p>",
                    e(name),
                    e(&t.says)
                );
            }
            None => {
                let _ = writeln!(s, "<p class=\"says\"><em>{}</em></p>", e(&t.says));
            }
        }
        if let Some(thought) = &t.thought {
            let _ = writeln!(
                s,
                "<p class=\"thought\">({} {}: {})</p>",
                e(&d.scenario.complainant),
                e(l.complainant_thinks),
                e(thought)
            );
        }
        if let Some(prompt) = &t.prompt {
            let _ = writeln!(s, "<p>{}</p>", e(prompt));
        }
        let _ = writeln!(
            s,
            "<p class=\"answer\"><strong>{} ({}):</strong> “{}”</p>",
            e(l.your_answer),
            e(&t.answer),
            e(&t.said)
        );
        let tags = turn_tags(d, l, t);
        if !tags.is_empty() {
            let _ = writeln!(s, "<p class=\"tags\">{}</p>", e(&tags));
        }
        let _ = writeln!(s, "<p>{}</p>", e(&t.explain));
        let others: Vec<&OptionView> = t.options.iter().filter(|o| !o.chosen).collect();
        if !others.is_empty() {
            let _ = writeln!(
                s,
                "<details open><summary>{}</summary>\n<ol class=\"options\">",
                e(l.not_chosen)
            );
            for o in others {
                let tags = option_tags(d, l, o);
                let _ = writeln!(
                    s,
                    "<li value=\"{}\">“{}” <span class=\"tags\">{}</span><br>{}</li>",
                    o.number,
                    e(&o.text),
                    e(&tags),
                    e(&o.explain)
                );
            }
            s.push_str("</ol>\n</details>\n");
        }
        let _ = writeln!(
            s,
            "<p class=\"tags\">{}: {} {}, {} {}</p>\n</div>",
            e(l.mood),
            e(l.anger),
            t.mood.anger,
            e(l.trust),
            t.mood.trust
        );
    }

    match &d.ending {
        Some(end) => {
            let _ = writeln!(s, "<h2>{}: {}</h2>", e(l.ending), e(&end.title));
            if let Some(says) = &end.says {
                let _ = writeln!(
                    s,
                    "<p class=\"says\"><strong>{}:</strong> “{}”</p>",
                    e(&d.scenario.complainant),
                    e(says)
                );
            }
            let _ = writeln!(s, "<p>{}</p>", e(&end.narrative));
        }
        None => {
            let _ = writeln!(
                s,
                "<h2>{}</h2>\n<p>{}</p>",
                e(l.open_question),
                e(unfinished(l, d))
            );
            if let Some(open) = &d.open {
                let _ = writeln!(
                    s,
                    "<p class=\"says\"><strong>{}:</strong> “{}”</p>",
                    e(&d.scenario.complainant),
                    e(&open.says)
                );
                if let Some(prompt) = &open.prompt {
                    let _ = writeln!(s, "<p>{}</p>", e(prompt));
                }
                s.push_str("<ol>\n");
                for o in &open.options {
                    let _ = writeln!(s, "<li>{}</li>", e(o));
                }
                s.push_str("</ol>\n");
            }
        }
    }
    s.push_str("</body>\n</html>\n");
    s
}

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
        let what = if f.back_to_listening {
            l.flare_returned
        } else {
            l.flare_missed
        };
        let _ = writeln!(s, "  {} {}: {what}", l.turn, f.turn);
    }
    // Scenario text must not be able to send escape sequences to the terminal.
    s.chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_could_open_markup() {
        assert_eq!(
            escape_html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(md("a|b <i>\nc_*"), "a\\|b &lt;i&gt; c\\_\\*");
    }

    #[test]
    fn svg_handles_empty_and_single_points() {
        let l = labels::for_code("nl");
        assert!(mood_svg(&[], l).starts_with("<svg"));
        let one = [MoodPoint {
            turn: 0,
            anger: 100,
            trust: 0,
        }];
        assert!(mood_svg(&one, l).contains("points=\"40,10\""));
    }
}
