//! The one sanitiser for text that comes from files (scenarios, records, paths) and is
//! printed: on a terminal, in Markdown or in HTML. Control characters (C0 except line
//! feed and tab, DEL, C1) and the Unicode bidirectional overrides and isolates cannot
//! steer a terminal or hide text in a document: they are shown as `\u{1b}`-style escapes.
//!
//! [`line`] is for single-line places (ids, titles, paths in a diagnostic): a line break
//! is escaped too, so a value can never forge a line of its own. [`escape_html`] is for
//! HTML (the debrief's export, the kit's pages, the map's SVG, the phone page).

use std::borrow::Cow;

/// Whether `c` is escaped by [`block`] (and by [`line`], which also escapes `\n`).
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape(text: &str, also: impl Fn(char) -> bool) -> Cow<'_, str> {
    let bad = |c: char| is_unsafe(c) || also(c);
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if bad(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Multi-line text: line feeds and tabs stay, every other control character is escaped.
pub fn block(text: &str) -> Cow<'_, str> {
    escape(text, |_| false)
}

/// One line: as [`block`], and line feeds, carriage returns and tabs are escaped too.
pub fn line(text: &str) -> Cow<'_, str> {
    escape(text, |c| c == '\n' || c == '\t')
}

/// Line `line` (1-based) of `text` with a gutter, and a caret under character `col`
/// (1-based), as rustc shows a finding's place: tabs shown as four spaces, control
/// characters escaped, a long line cut to the part round the column. `None` when the file
/// has no such line.
pub fn source_excerpt(text: &str, line_no: usize, col: usize) -> Option<String> {
    const WIDTH: usize = 120;
    let source = text.lines().nth(line_no.checked_sub(1)?)?;
    let shown = |part: &str| line(&part.replace('\t', "    ")).into_owned();
    let chars: Vec<char> = source.chars().collect();
    let at = col.saturating_sub(1).min(chars.len());
    // Round the column when the line is long: 40 characters before it, the rest after.
    let from = if chars.len() > WIDTH {
        at.saturating_sub(40)
    } else {
        0
    };
    let to = (from + WIDTH).min(chars.len());
    let part = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < chars.len() { "…" } else { "" };
    let before = shown(&part(from, at));
    let gutter = line_no.to_string();
    let pad = " ".repeat(gutter.len());
    Some(format!(
        "  {gutter} | {lead}{}{tail}\n  {pad} | {}{}^",
        shown(&part(from, to)),
        " ".repeat(lead.chars().count()),
        " ".repeat(before.chars().count())
    ))
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_unsafe(c) => out.push('\u{fffd}'),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_clean_text_is_borrowed() {
        assert!(matches!(
            block("Gewoon tekst\nmet regels"),
            Cow::Borrowed(_)
        ));
        assert_eq!(block("a\u{1b}]0;x\u{7}b"), "a\\u{1b}]0;x\\u{7}b");
        assert_eq!(
            block("nul\0 del\u{7f} csi\u{9b}"),
            "nul\\u{0} del\\u{7f} csi\\u{9b}"
        );
        assert_eq!(block("r\r\n"), "r\\u{d}\n");
        assert_eq!(
            line("id\nfake.ron:1:1: error"),
            "id\\u{a}fake.ron:1:1: error"
        );
        assert_eq!(block("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(line("naïef — “ok”"), "naïef — “ok”");
    }
}
