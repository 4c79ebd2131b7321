//! The debrief as one self-contained, printable HTML page.

use std::fmt::Write as _;

use super::super::labels::{self, Labels};
use super::super::model::{Debrief, MoodPoint, OptionView};
use super::{
    ending_line, flare_answer, learning_line, no_pitfalls, option_tags, room_vote_rows, speaker,
    sum_lines, turn_tags, unfinished,
};
use crate::text::escape_html;

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
            let what = flare_answer(l, f);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_could_open_markup() {
        assert_eq!(
            escape_html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
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
