//! The one sanitiser for text that comes from files (scenarios, records, paths) and is
//! printed: on a terminal, in Markdown or in HTML. Control characters (C0 except line
//! feed and tab, DEL, C1) and the Unicode bidirectional overrides and isolates cannot
//! steer a terminal or hide text in a document: they are shown as `\u{1b}`-style escapes.
//!
//! [`line`] is for single-line places (ids, titles, paths in a diagnostic): a line break
//! is escaped too, so a value can never forge a line of its own.

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
