//! Reads scenario files into [`Scenario`]s, turning every problem into a [`Diagnostic`]
//! with file, line, column and a hint. Never panics, whatever the bytes.
//!
//! Limits: files larger than [`MAX_FILE_BYTES`], nesting deeper than [`MAX_DEPTH`],
//! empty files and bytes that are not UTF-8 are refused with KW003.

use std::io::Read;
use std::path::Path;

use ron::error::{Error as RonError, SpannedError};

use super::diagnostic::{Code, Diagnostic};
use super::locate::{Locator, before, line_col, offset_of};
use super::model::Scenario;
use super::unique_map::DUPLICATE_MARKER;

/// The largest scenario file we read (64 MiB; a 100,000-node scenario is about 40 MiB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// How deeply brackets may nest. Real scenarios need about 12 levels; the limit keeps a
/// hostile file from exhausting the stack.
pub const MAX_DEPTH: usize = 64;

const FORMAT_DOC: &str = "docs/scenario-format.md";

/// The text without a UTF-8 byte-order mark at its start (some editors write one).
/// Positions are then counted without it, as editors show them.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Parses scenario text. `file` is only used in the diagnostics. A byte-order mark at
/// the start is skipped.
pub fn load_str(text: &str, file: &Path) -> Result<Scenario, Vec<Diagnostic>> {
    let text = strip_bom(text);
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![too_large(file, text.len())]);
    }
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::new(
            Code::Limits,
            file,
            (1, 1),
            "the file is empty",
            format!("start from the annotated example in {FORMAT_DOC}"),
        )]);
    }
    ron::Options::default()
        .with_recursion_limit(MAX_DEPTH)
        .from_str::<Scenario>(text)
        .map_err(|err| vec![refine(from_ron(&err, file), &err.code, text)])
}

/// Sharpens a parse error with what only the whole text shows: a file of nothing but
/// comments is empty (KW003), a syntax error after the last character is a file that was
/// cut off, a missing comma belongs after the previous value (or was a quote inside a
/// text), and a duplicate id was first used somewhere.
fn refine(mut d: Diagnostic, code: &RonError, text: &str) -> Diagnostic {
    if !has_tokens(text) {
        return Diagnostic::new(
            Code::Limits,
            &d.file,
            (1, 1),
            "the file holds no scenario, only comments",
            format!("start from the annotated example in {FORMAT_DOC}"),
        );
    }
    let end = line_col(text, text.trim_end().len());
    if matches!(d.code, Code::Syntax | Code::Shape) && (d.line, d.col) >= end {
        d.code = Code::Syntax;
        d.severity = Code::Syntax.severity();
        d.message = format!(
            "the file ends before the scenario is complete ({})",
            d.message
        );
        d.hint =
            "the file may be cut off: check that every `(`, `[`, `{` and `\"` is closed".into();
        return d;
    }
    match code {
        RonError::ExpectedComma => missing_comma(d, text),
        RonError::Message(msg) if d.code == Code::DuplicateId => {
            let id = msg
                .strip_prefix(DUPLICATE_MARKER)
                .unwrap_or(msg)
                .trim_matches('"');
            if let Some((line, _)) = Locator::new(text).first_key((d.line, d.col), id) {
                d.message = format!("`{id}` is already used at line {line}; ids must be unique");
            }
            d
        }
        _ => d,
    }
}

/// ron reports a missing comma at the token after it. Point instead where the comma
/// belongs, right after the previous value; and when that value is a text followed on
/// the same line by more words and another `"`, the author most likely wrote a quote
/// inside the text: say so, at that quote.
fn missing_comma(mut d: Diagnostic, text: &str) -> Diagnostic {
    let at = offset_of(text, (d.line, d.col));
    let Some(prev) = before(text, at) else {
        return d;
    };
    let gap = &text[prev.end.min(at)..at];
    let rest_of_line = text[at..].split('\n').next().unwrap_or("");
    let next = rest_of_line.chars().next().unwrap_or('\n');
    // `name:` or `Type(` after a text is a new field or value: a comma is missing there.
    let word: String = rest_of_line
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let after_word = rest_of_line[word.len()..].trim_start();
    let new_value =
        !word.is_empty() && (after_word.starts_with(':') || after_word.starts_with('('));
    if let Some(quote) = prev.closing_quote
        && !gap.contains('\n')
        && !"\"()[]{},:".contains(next)
        && !new_value
        && rest_of_line.contains('"')
    {
        (d.line, d.col) = line_col(text, quote);
        d.message = "this `\"` ends the text early; a quote inside a text must be escaped".into();
        d.hint = "write `\\\"` for a quote inside a text, e.g. \"Hij zei \\\"nee\\\".\" \
                  (or use other quote marks, such as ‘ and ’)"
            .into();
        return d;
    }
    (d.line, d.col) = line_col(text, prev.end);
    d.message = "a comma is missing after this value".into();
    d.hint = "put a comma after each field, list item and map entry".into();
    d
}

/// Whether the text holds anything besides whitespace and comments. Stops at the first
/// such thing, so a large file costs nothing here.
fn has_tokens(text: &str) -> bool {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |i| &after[i..]);
        } else if let Some(after) = rest.strip_prefix("/*") {
            match after.find("*/") {
                Some(i) => rest = &after[i + 2..],
                // An unclosed comment holds no scenario either.
                None => return false,
            }
        } else {
            return !rest.is_empty();
        }
    }
}

/// Parses scenario bytes, reporting where the first byte that is not UTF-8 sits.
pub fn load_bytes(bytes: &[u8], file: &Path) -> Result<Scenario, Vec<Diagnostic>> {
    load_str(decode(bytes, file)?, file)
}

/// Reads and parses a scenario file.
pub fn load_file(path: &Path) -> Result<Scenario, Vec<Diagnostic>> {
    let bytes = read_file(path).map_err(|d| vec![d])?;
    load_bytes(&bytes, path)
}

/// Reads a file, refusing one larger than [`MAX_FILE_BYTES`] before reading it all.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let unreadable = |err: std::io::Error| {
        Diagnostic::new(
            Code::Limits,
            path,
            (1, 1),
            format!("cannot read the file: {err}"),
            "check the path and that you may read the file",
        )
    };
    // A FIFO would block `open` forever and `/dev/zero` never ends: regular files only.
    if let Err(why) = super::walk::regular_file(path) {
        return Err(Diagnostic::new(
            Code::Limits,
            path,
            (1, 1),
            format!("cannot read the file: it {why}"),
            "give the path of an ordinary scenario file",
        ));
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len()));
    }
    Ok(bytes)
}

/// Bytes → text, or KW003 at the line and column of the first invalid byte.
pub fn decode<'b>(bytes: &'b [u8], file: &Path) -> Result<&'b str, Vec<Diagnostic>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![too_large(file, bytes.len())]);
    }
    std::str::from_utf8(bytes).map_err(|err| {
        let valid = err.valid_up_to();
        // The prefix up to `valid` is UTF-8 by definition.
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
        vec![Diagnostic::new(
            Code::Limits,
            file,
            line_col(prefix, valid),
            format!("the file is not UTF-8 text (invalid byte at offset {valid})"),
            "save the file as UTF-8 in your editor; is it perhaps not a scenario file?",
        )]
    })
}

fn too_large(file: &Path, len: usize) -> Diagnostic {
    Diagnostic::new(
        Code::Limits,
        file,
        (1, 1),
        format!(
            "the file is too large ({} bytes; at most {MAX_FILE_BYTES})",
            if len > MAX_FILE_BYTES {
                len.to_string()
            } else {
                "more".into()
            }
        ),
        "split the scenario into smaller ones; is this really a scenario file?",
    )
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn outer_name(outer: &Option<String>) -> String {
    outer
        .as_deref()
        .map_or_else(|| "this value".to_string(), |o| format!("`{o}`"))
}

/// Maps a ron error to a diagnostic with a code and a hint.
fn from_ron(err: &SpannedError, file: &Path) -> Diagnostic {
    use RonError as E;
    let at = (err.span.start.line.max(1), err.span.start.col.max(1));
    let (code, message, hint): (Code, String, String) = match &err.code {
        E::Message(msg) if msg.starts_with(DUPLICATE_MARKER) => (
            Code::DuplicateId,
            format!("{msg}: this id is already used in this map"),
            "give every node and ending its own id; rename or remove one of the two".into(),
        ),
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            Code::Shape,
            format!("{} has no field `{found}`", outer_name(outer)),
            if expected.is_empty() {
                "remove this field".into()
            } else {
                format!("allowed fields: {}", list(expected))
            },
        ),
        E::MissingStructField { field, outer } => (
            Code::Shape,
            format!("{} is missing the field `{field}`", outer_name(outer)),
            format!("add `{field}: ...`; see {FORMAT_DOC} for what it holds"),
        ),
        E::DuplicateStructField { field, outer } => (
            Code::Shape,
            format!("{} has the field `{field}` twice", outer_name(outer)),
            "keep one of the two".into(),
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            Code::Shape,
            format!("`{found}` is not a valid choice for {}", outer_name(outer)),
            format!("use one of: {}", list(expected)),
        ),
        E::ExpectedDifferentStructName { expected, found } => (
            Code::Shape,
            format!("expected `{expected}(...)` here, found `{found}(...)`"),
            format!("write `{expected}(` instead of `{found}(`"),
        ),
        E::InvalidValueForType { expected, found } => (
            Code::Shape,
            format!("expected {expected}, found {found}"),
            format!("check the type of this value in {FORMAT_DOC}"),
        ),
        E::ExpectedDifferentLength { expected, found } => (
            Code::Shape,
            format!("expected {expected}, found {found} elements"),
            format!("check this value in {FORMAT_DOC}"),
        ),
        E::Message(msg) => (
            Code::Shape,
            msg.clone(),
            format!("check this value against {FORMAT_DOC}"),
        ),
        E::IntegerOutOfBounds => (
            Code::OutOfRange,
            "this number is too large or too small for its field".into(),
            "moods, chances and thresholds run from 0 to 100; mood shifts from -128 to 127"
                .into(),
        ),
        E::ExceededRecursionLimit => (
            Code::Limits,
            format!("brackets are nested more than {MAX_DEPTH} levels deep"),
            "a scenario never needs this much nesting; flatten the conditions or check for a runaway bracket".into(),
        ),
        E::Utf8Error(e) => (
            Code::Limits,
            format!("invalid UTF-8: {e}"),
            "save the file as UTF-8".into(),
        ),
        E::Eof => (
            Code::Syntax,
            "the file ends in the middle of a value".into(),
            "the file may be cut off: check that every `(`, `[`, `{` and `\"` is closed".into(),
        ),
        E::UnclosedBlockComment => (
            Code::Syntax,
            "a `/*` comment is never closed".into(),
            "close the comment with `*/`".into(),
        ),
        E::UnclosedLineComment => (
            Code::Syntax,
            "a `//` comment runs to the end of the file without a newline".into(),
            "end the file with a newline".into(),
        ),
        E::TrailingCharacters => (
            Code::Syntax,
            "there is more text after the end of the scenario".into(),
            "a file holds one `Scenario(...)`; remove what follows its closing `)`".into(),
        ),
        E::ExpectedComma => (
            Code::Syntax,
            "expected a comma".into(),
            "put a comma after each field, list item and map entry".into(),
        ),
        E::ExpectedMapColon => (
            Code::Syntax,
            "expected a colon".into(),
            "write `name: value` (fields) or `\"id\": Node(...)` (map entries)".into(),
        ),
        E::ExpectedStringEnd => (
            Code::Syntax,
            "a text is not closed".into(),
            "end the text with `\"`; write `\\\"` for a quote inside a text".into(),
        ),
        E::ExpectedString => (
            Code::Shape,
            "expected a text in double quotes".into(),
            "write texts and ids as \"...\"".into(),
        ),
        E::ExpectedInteger => (
            Code::Shape,
            "expected a whole number".into(),
            "write a number such as 30, without quotes".into(),
        ),
        E::ExpectedOption => (
            Code::Shape,
            "expected `Some(...)` or `None`".into(),
            "wrap an optional value as `Some(...)`, or write `None`".into(),
        ),
        E::ExpectedBoolean => (
            Code::Shape,
            "expected `true` or `false`".into(),
            "write true or false, without quotes".into(),
        ),
        other => (
            Code::Syntax,
            other.to_string(),
            format!("compare this spot with the example in {FORMAT_DOC}"),
        ),
    };
    Diagnostic::new(code, file, at, message, hint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn first(text: &str) -> Diagnostic {
        match load_str(text, &PathBuf::from("t.ron")) {
            Ok(_) => panic!("expected an error"),
            Err(d) => d[0].clone(),
        }
    }

    #[test]
    fn empty_and_whitespace_files_are_refused() {
        assert_eq!(first("").code, Code::Limits);
        assert_eq!(first("  \n\t").code, Code::Limits);
    }

    #[test]
    fn not_utf8_reports_the_line_and_column_of_the_bad_byte() {
        let err = load_bytes(b"Scenario(\n  id: \"a\xffb\"", Path::new("t.ron")).unwrap_err();
        assert_eq!(err[0].code, Code::Limits);
        assert_eq!((err[0].line, err[0].col), (2, 9));
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing_the_stack() {
        // Conditions are the one recursive type: nest them 100,000 deep.
        let deep = format!(
            "Scenario(format: 1, nodes: {{\"a\": Node(says: [], options: [Choice(text: \"\", \
             explain: \"\", next: \"a\", branches: [Branch(when: {}Flag(\"x\"){}, to: \"a\")])])}})",
            "All([".repeat(100_000),
            "])".repeat(100_000)
        );
        assert_eq!(first(&deep).code, Code::Limits);
    }

    #[test]
    fn unknown_field_hint_lists_the_allowed_fields() {
        let d = first("Scenario(formatt: 1)");
        assert_eq!(d.code, Code::Shape);
        assert!(d.hint.contains("`format`"), "{}", d.hint);
        assert_eq!((d.line, d.col), (1, 10));
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_columns_count_without_it() {
        let d = first("\u{feff}Scenario(formatt: 1)");
        assert_eq!((d.code, d.line, d.col), (Code::Shape, 1, 10));
    }

    #[test]
    fn a_missing_comma_is_placed_after_the_previous_value() {
        for (text, at) in [
            ("Scenario(format: 1, id: \"x\" title: \"T\")", (1, 28)),
            ("Scenario(format: 1 /* c */\n  id: \"x\")", (1, 19)),
            (
                "Scenario(format: 1, learning_goals: [\"a\" \"b\"])",
                (1, 41),
            ),
            (
                "Scenario(format: 1, complainant: Complainant(name: \"a\"\n Mood(",
                (1, 55),
            ),
        ] {
            let d = first(text);
            assert_eq!(
                (d.code, d.line, d.col),
                (Code::Syntax, at.0, at.1),
                "{text}"
            );
            assert!(d.message.contains("comma"), "{text}: {d}");
        }
    }

    #[test]
    fn a_quote_inside_a_text_is_named_at_that_quote() {
        let d = first("Scenario(format: 1, title: \"Hij zei \"nee\" tegen mij\", id: \"x\")");
        assert_eq!((d.code, d.line, d.col), (Code::Syntax, 1, 37));
        assert!(d.message.contains("ends the text early"), "{d}");
        assert!(d.hint.contains("\\\""), "{d}");
    }

    #[test]
    fn too_large_text_is_refused() {
        let big = " ".repeat(MAX_FILE_BYTES + 1);
        assert_eq!(first(&big).code, Code::Limits);
    }
}
