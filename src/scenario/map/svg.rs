//! The map as a standalone SVG document (`klachtwijs map --out map.svg`): boxes coloured
//! by step, a red corner where a pitfall is tempting, endings coloured by outcome, arrows
//! styled by kind, the best (and optionally the worst) play highlighted, and a legend.
//! Every text from the scenario is escaped for XML; hovering a box or arrow shows more in
//! a `<title>`.

use std::fmt::Write;

use super::{EdgeKind, Map, MapNodeKind, MapPath, describe, palette};
use crate::scenario::model::{Language, Outcome};

/// What the drawing needs besides the map.
pub struct SvgOptions<'a> {
    /// The heading, e.g. the scenario's title.
    pub title: &'a str,
    /// Display names of the model's steps, in model order.
    pub step_names: &'a [String],
    /// Names of the outcomes, in [`OUTCOMES`] order.
    pub outcome_names: [&'a str; 6],
    /// The language of condition labels.
    pub language: Language,
    pub best: Option<&'a MapPath>,
    pub worst: Option<&'a MapPath>,
    /// Legend texts: `[start, pitfall, flare, select, unreachable, option, condition,
    /// flag gate, flare-up, best play, worst play]`.
    pub legend: [&'a str; 11],
}

/// Every outcome, in legend order.
pub const OUTCOMES: [Outcome; 6] = [
    Outcome::Resolved,
    Outcome::PartlyResolved,
    Outcome::Referred,
    Outcome::Boundary,
    Outcome::Escalated,
    Outcome::Abandoned,
];

const HEADER: f32 = 118.0;
const FONT: &str = "DejaVu Sans, Noto Sans, Arial, sans-serif";

/// Escapes text for XML content and attributes (the HTML export's escape: `&`, `<`, `>`,
/// quotes, and control characters replaced).
pub use crate::text::escape_html as escape;

/// At most `max` characters, with `…` when cut.
fn clip(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        text
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

fn rgb(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn kind_style(kind: EdgeKind) -> (&'static str, [u8; 3], &'static str, f32) {
    match kind {
        EdgeKind::Option => ("option", palette::OPTION, "", 1.3),
        EdgeKind::Condition => ("condition", palette::CONDITION, "7 4", 1.6),
        EdgeKind::FlagGate => ("flag", palette::FLAG_GATE, "2 3", 1.8),
        EdgeKind::Flare => ("flare", palette::FLARE, "10 3 2 3", 2.2),
    }
}

/// An SVG path through the points, smoothed at the inner ones: straight to the middle of
/// each segment, a quadratic curve round every inner point.
fn polyline(points: &[(f32, f32)], dy: f32) -> String {
    let p: Vec<(f32, f32)> = points.iter().map(|&(x, y)| (x, y + dy)).collect();
    let Some(&(x0, y0)) = p.first() else {
        return String::new();
    };
    let mut d = format!("M{x0:.1},{y0:.1}");
    if p.len() > 3 || (p.len() == 3 && p[0].1 != p[2].1) {
        for i in 1..p.len() - 1 {
            let (cx, cy) = p[i];
            let (nx, ny) = p[i + 1];
            let (mx, my) = if i + 2 == p.len() {
                (nx, ny)
            } else {
                ((cx + nx) / 2.0, (cy + ny) / 2.0)
            };
            let _ = write!(d, " Q{cx:.1},{cy:.1} {mx:.1},{my:.1}");
        }
    } else {
        for &(x, y) in &p[1..] {
            let _ = write!(d, " L{x:.1},{y:.1}");
        }
    }
    d
}

/// Renders the map as an SVG document.
pub fn render(map: &Map, o: &SvgOptions) -> String {
    let mut head = String::new();
    let legend_width = legend(&mut head, o);
    let width = map.width.max(legend_width);
    let height = map.height + HEADER;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{FONT}">"##
    );
    let _ = writeln!(s, "<title>{}</title>", escape(o.title));
    s.push_str("<defs>\n");
    for kind in [
        EdgeKind::Option,
        EdgeKind::Condition,
        EdgeKind::FlagGate,
        EdgeKind::Flare,
    ] {
        let (name, colour, _, _) = kind_style(kind);
        let _ = writeln!(
            s,
            r##"<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{}"/></marker>"##,
            rgb(colour)
        );
    }
    s.push_str("</defs>\n");
    let _ = writeln!(
        s,
        r##"<rect x="0" y="0" width="{width:.0}" height="{height:.0}" fill="#ffffff"/>"##
    );
    s.push_str(&head);

    let dy = HEADER;
    // Highlights under the arrows.
    for (path, colour, w) in [(o.worst, palette::WORST, 7.0), (o.best, palette::BEST, 9.0)] {
        let Some(path) = path else { continue };
        for &e in &path.edges {
            if let Some(edge) = map.edges.get(e) {
                let _ = writeln!(
                    s,
                    r##"<path d="{}" fill="none" stroke="{}" stroke-opacity="0.35" stroke-width="{w}" stroke-linejoin="round" stroke-linecap="round"/>"##,
                    polyline(&edge.points, dy),
                    rgb(colour)
                );
            }
        }
    }
    // Arrows.
    for edge in &map.edges {
        let (name, colour, dash, w) = kind_style(edge.kind);
        let from = map.nodes.get(edge.from).map_or("", |n| n.id.as_str());
        let to = map.nodes.get(edge.to).map_or("", |n| n.id.as_str());
        let mut tip = format!("{from} → {to}");
        if !edge.options.is_empty() {
            let list: Vec<String> = edge.options.iter().map(|i| (i + 1).to_string()).collect();
            let _ = write!(tip, " (option {})", list.join(", "));
        }
        if let Some(c) = &edge.condition {
            let _ = write!(tip, " when {}", describe(c, o.language));
        }
        if let Some(chance) = edge.chance {
            let _ = write!(tip, " ({chance}%)");
        }
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(r#" stroke-dasharray="{dash}""#)
        };
        let _ = writeln!(
            s,
            r##"<path class="edge {name}" d="{}" fill="none" stroke="{}" stroke-width="{w}"{dash} stroke-linejoin="round" marker-end="url(#arrow-{name})"><title>{}</title></path>"##,
            polyline(&edge.points, dy),
            rgb(colour),
            escape(&tip)
        );
    }
    // Condition labels, on the first segment of a branch.
    for edge in &map.edges {
        let (Some(c), [a, b, ..]) = (&edge.condition, edge.points.as_slice()) else {
            continue;
        };
        let (_, colour, _, _) = kind_style(edge.kind);
        let (x, y) = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0 + dy);
        let _ = writeln!(
            s,
            r##"<text x="{x:.1}" y="{y:.1}" font-size="10" fill="{}" stroke="#ffffff" stroke-width="3" paint-order="stroke" text-anchor="middle">{}</text>"##,
            rgb(colour),
            escape(&clip(&describe(c, o.language), 28))
        );
    }
    // Boxes.
    for node in &map.nodes {
        let r = node.rect;
        let (x, y) = (r.x, r.y + dy);
        let (fill, text_colour, caption) = match node.kind {
            MapNodeKind::Ending(outcome) => {
                let k = OUTCOMES.iter().position(|&x| x == outcome).unwrap_or(0);
                (
                    palette::outcome(outcome),
                    "#ffffff",
                    o.outcome_names[k].to_string(),
                )
            }
            MapNodeKind::Talk | MapNodeKind::Select => {
                let fill = node.step.map_or(palette::NO_STEP, palette::step);
                let mut caption = node
                    .step
                    .and_then(|k| o.step_names.get(k))
                    .cloned()
                    .unwrap_or_default();
                if node.kind == MapNodeKind::Select {
                    caption = format!("☑ {caption}");
                }
                (fill, "#1a1a1a", caption)
            }
        };
        let border = if node.unreachable {
            r##"stroke="#888888" stroke-dasharray="5 3" stroke-width="1.5""##
        } else if node.start {
            r##"stroke="#1a1a1a" stroke-width="3""##
        } else {
            r##"stroke="#4a4a4a" stroke-width="1""##
        };
        let mut tip = format!("{}\n{}", node.id, node.label);
        if let Some((line, col)) = node.position {
            let _ = write!(tip, "\n{line}:{col}");
        }
        if !node.pitfalls.is_empty() {
            let _ = write!(tip, "\npitfalls: {}", node.pitfalls.join(", "));
        }
        let _ = writeln!(
            s,
            r##"<g class="node" id="node-{}"><title>{}</title>"##,
            escape(&node.id),
            escape(&tip)
        );
        let _ = writeln!(
            s,
            r##"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" rx="8" fill="{}" {border}/>"##,
            r.w,
            r.h,
            rgb(fill)
        );
        let chars = (r.w / 6.6) as usize;
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="13" font-weight="bold" fill="{text_colour}">{}</text>"##,
            x + 8.0,
            y + 17.0,
            escape(&clip(&node.id, chars.saturating_sub(4)))
        );
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" fill="{text_colour}">{}</text>"##,
            x + 8.0,
            y + 34.0,
            escape(&clip(&node.label, chars))
        );
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" font-style="italic" fill="{text_colour}">{}</text>"##,
            x + 8.0,
            y + 50.0,
            escape(&clip(&caption, chars))
        );
        if !node.pitfalls.is_empty() {
            let (rx, ry) = (x + r.w, y);
            let _ = writeln!(
                s,
                r##"<path d="M{:.1},{ry:.1} L{rx:.1},{ry:.1} L{rx:.1},{:.1} z" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="11" font-weight="bold" fill="#ffffff" text-anchor="middle">!</text>"##,
                rx - 22.0,
                ry + 22.0,
                rgb(palette::PITFALL),
                rx - 6.0,
                ry + 11.0
            );
        }
        if node.flare {
            flare_mark(&mut s, x + r.w - 34.0, y + r.h - 10.0);
        }
        if node.start {
            let _ = writeln!(
                s,
                r##"<text x="{:.1}" y="{:.1}" font-size="11" font-weight="bold" fill="#1a1a1a">▶ {}</text>"##,
                x,
                y - 5.0,
                escape(o.legend[0])
            );
        }
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    s
}

fn flare_mark(s: &mut String, x: f32, y: f32) {
    let _ = writeln!(
        s,
        r##"<path d="M{:.1},{:.1} l6,-8 l0,5 l6,-6 l-3,9 l0,-4 z" fill="{}" stroke="{}" stroke-width="1"/>"##,
        x,
        y + 3.0,
        rgb(palette::FLARE),
        rgb(palette::FLARE)
    );
}

/// Writes the title and the legend; returns the width they need.
fn legend(s: &mut String, o: &SvgOptions) -> f32 {
    let mut widest: f32 = 0.0;
    let _ = writeln!(
        s,
        r##"<text x="24" y="30" font-size="20" font-weight="bold" fill="#1a1a1a">{}</text>"##,
        escape(o.title)
    );
    // Row 1: steps.
    let mut x = 24.0;
    for (k, name) in o.step_names.iter().enumerate() {
        let _ = writeln!(
            s,
            r##"<rect x="{x:.1}" y="44" width="16" height="14" rx="3" fill="{}" stroke="#4a4a4a"/><text x="{:.1}" y="56" font-size="12" fill="#1a1a1a">{}</text>"##,
            rgb(palette::step(k)),
            x + 21.0,
            escape(name)
        );
        x += 30.0 + 7.0 * name.chars().count() as f32;
    }
    widest = widest.max(x);
    // Row 2: outcomes.
    let mut x = 24.0;
    for (k, outcome) in OUTCOMES.iter().enumerate() {
        let name = o.outcome_names[k];
        let _ = writeln!(
            s,
            r##"<rect x="{x:.1}" y="66" width="16" height="14" rx="3" fill="{}"/><text x="{:.1}" y="78" font-size="12" fill="#1a1a1a">{}</text>"##,
            rgb(palette::outcome(*outcome)),
            x + 21.0,
            escape(name)
        );
        x += 30.0 + 7.0 * name.chars().count() as f32;
    }
    widest = widest.max(x);
    // Row 3: arrows and marks.
    let mut x = 24.0;
    let y = 96.0;
    for (kind, text) in [
        (EdgeKind::Option, o.legend[5]),
        (EdgeKind::Condition, o.legend[6]),
        (EdgeKind::FlagGate, o.legend[7]),
        (EdgeKind::Flare, o.legend[8]),
    ] {
        let (name, colour, dash, w) = kind_style(kind);
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-width="{w}" stroke-dasharray="{dash}" marker-end="url(#arrow-{name})"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#1a1a1a">{}</text>"##,
            x + 34.0,
            rgb(colour),
            x + 40.0,
            y + 4.0,
            escape(text)
        );
        x += 52.0 + 6.6 * text.chars().count() as f32;
    }
    for (colour, text, shown) in [
        (palette::BEST, o.legend[9], o.best.is_some()),
        (palette::WORST, o.legend[10], o.worst.is_some()),
    ] {
        if !shown {
            continue;
        }
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-opacity="0.35" stroke-width="9" stroke-linecap="round"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#1a1a1a">{}</text>"##,
            x + 30.0,
            rgb(colour),
            x + 40.0,
            y + 4.0,
            escape(text)
        );
        x += 52.0 + 6.6 * text.chars().count() as f32;
    }
    let _ = writeln!(
        s,
        r##"<path d="M{:.1},{:.1} l14,0 l0,14 z" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#1a1a1a">{}</text>"##,
        x,
        y - 7.0,
        rgb(palette::PITFALL),
        x + 20.0,
        y + 4.0,
        escape(o.legend[1])
    );
    x += 30.0 + 6.6 * o.legend[1].chars().count() as f32;
    flare_mark(s, x, y + 2.0);
    let _ = writeln!(
        s,
        r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#1a1a1a">{}</text>"##,
        x + 18.0,
        y + 4.0,
        escape(o.legend[2])
    );
    x += 28.0 + 6.6 * o.legend[2].chars().count() as f32;
    let _ = writeln!(
        s,
        r##"<text x="{x:.1}" y="{:.1}" font-size="12" fill="#1a1a1a">☑ {}</text>"##,
        y + 4.0,
        escape(o.legend[3])
    );
    x += 24.0 + 6.6 * o.legend[3].chars().count() as f32;
    let _ = writeln!(
        s,
        r##"<rect x="{x:.1}" y="{:.1}" width="16" height="14" rx="3" fill="#eeeeee" stroke="#888888" stroke-dasharray="3 2"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#1a1a1a">{}</text>"##,
        y - 7.0,
        x + 21.0,
        y + 4.0,
        escape(o.legend[4])
    );
    x += 30.0 + 6.6 * o.legend[4].chars().count() as f32;
    widest
        .max(x)
        .max(24.0 + 11.0 * o.title.chars().count() as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\u{7}"),
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;\u{fffd}"
        );
        assert_eq!(clip("een  lange\nzin", 6), "een l…");
    }
}
