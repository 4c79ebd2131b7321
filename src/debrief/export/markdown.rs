//! The debrief as a Markdown document (CommonMark + tables).

use std::fmt::Write as _;

use super::super::labels;
use super::super::model::{Debrief, OptionView};
use super::{
    ending_line, flare_answer, learning_line, no_pitfalls, option_tags, room_vote_rows, speaker,
    sum_lines, turn_tags, unfinished,
};

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
            let what = flare_answer(l, f);
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

#[cfg(test)]
mod tests {
    use super::md;

    #[test]
    fn escapes_everything_that_could_open_markup() {
        assert_eq!(md("a|b <i>\nc_*"), "a\\|b &lt;i&gt; c\\_\\*");
    }
}
