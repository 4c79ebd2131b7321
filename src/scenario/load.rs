//! Reads scenario files into [`Scenario`]s, turning every problem into a [`Diagnostic`]
//! with file, line, column and a hint. Never panics, whatever the bytes.
//!
//! Limits: files larger than [`MAX_FILE_BYTES`], nesting deeper than [`MAX_DEPTH`],
//! empty files and bytes that are not UTF-8 are refused with KW003.
//!
//! Over 500 lines because each kind of ron error gets its own message and hint, in
//! English and Dutch side by side.

use std::io::Read;
use std::path::Path;

use ron::error::{Error as RonError, SpannedError};

use super::diagnostic::{Code, Diagnostic, Text};
use super::id_map::DUPLICATE_MARKER;
use super::locate::{Locator, before, line_col, offset_of};
use super::messages::say;
use super::model::Scenario;

/// The largest scenario file we read (64 MiB; a 100,000-node scenario is about 40 MiB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// How deeply brackets may nest. Real scenarios need about 12 levels; the limit keeps a
/// hostile file from exhausting the stack.
pub const MAX_DEPTH: usize = 64;

const FORMAT_DOC: &str = "docs/scenario-format.md";

/// The hint for a file that holds no scenario.
fn start_from_the_example() -> Text {
    say!(
        "start-from-annotated-example-in-format-doc",
        FORMAT_DOC = FORMAT_DOC
    )
}

/// The hint for a file that may be cut off.
fn maybe_cut_off() -> Text {
    say!("file-may-be-cut-off-check")
}

/// The hint for a missing comma.
fn put_a_comma() -> Text {
    say!("put-comma-after-each-field-list")
}

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
            say!("file-is-empty"),
            start_from_the_example(),
        )]);
    }
    // The fast path for a plain, valid file; ron for the rest, and for every error.
    if let Ok(scenario) = super::plain_ron::from_str::<Scenario>(text) {
        return Ok(scenario);
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
            say!("file-holds-no-scenario-only-comments"),
            start_from_the_example(),
        );
    }
    let end = line_col(text, text.trim_end().len());
    if matches!(d.code, Code::Syntax | Code::Shape) && (d.line, d.col) >= end {
        d.code = Code::Syntax;
        d.severity = Code::Syntax.severity();
        d.message = say!(
            "file-ends-before-scenario-is-complete",
            en = d.message.en,
            nl = d.message.nl
        );
        d.hint = maybe_cut_off();
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
                d.message = say!("id-is-already-used-at-line", id = id, line = line);
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
        d.message = say!("this-ends-text-early-quote-inside");
        d.hint = say!("write-for-quote-inside-text-e");
        return d;
    }
    (d.line, d.col) = line_col(text, prev.end);
    d.message = say!("comma-is-missing-after-this-value");
    d.hint = put_a_comma();
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
    let bytes = read_file(path).map_err(|d| vec![*d])?;
    load_bytes(&bytes, path)
}

/// Reads a file, refusing one larger than [`MAX_FILE_BYTES`] before reading it all. The
/// finding is boxed: with its texts in two languages it is large, and the `Ok` path is
/// the common one.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Box<Diagnostic>> {
    // The system's own error text is passed on as it is, in both languages.
    let unreadable = |err: std::io::Error| {
        Box::new(Diagnostic::new(
            Code::Limits,
            path,
            (1, 1),
            say!("cannot-read-file-err", err = err),
            say!("check-path-and-that-you-may"),
        ))
    };
    // A FIFO would block `open` forever and `/dev/zero` never ends: regular files only.
    if let Err(why) = super::walk::regular_file(path) {
        return Err(Box::new(Diagnostic::new(
            Code::Limits,
            path,
            (1, 1),
            say!("cannot-read-file-it-why", why = why, why_nl = why.nl()),
            say!("give-path-of-ordinary-scenario-file"),
        )));
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    // Sized from the metadata, so a big file is read without growing the buffer (and
    // copying it) step by step; `take` still stops a file that grew meanwhile.
    let size = file.metadata().map_or(0, |m| m.len());
    let mut bytes = Vec::with_capacity(size.min(MAX_FILE_BYTES as u64 + 1) as usize);
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Box::new(too_large(path, bytes.len())));
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
            say!("file-is-not-utf-8-text", valid = valid),
            say!("save-file-as-utf-8-in"),
        )]
    })
}

fn too_large(file: &Path, len: usize) -> Diagnostic {
    let (size_en, size_nl) = if len > MAX_FILE_BYTES {
        (len.to_string(), len.to_string())
    } else {
        ("more".into(), "meer".into())
    };
    Diagnostic::new(
        Code::Limits,
        file,
        (1, 1),
        say!(
            "file-is-too-large-size-en-bytes",
            size_en = size_en,
            MAX_FILE_BYTES = MAX_FILE_BYTES,
            size_nl = size_nl
        ),
        say!("split-scenario-into-smaller-ones-is"),
    )
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn outer_name(outer: &Option<String>) -> Text {
    outer
        .as_deref()
        .map_or_else(|| say!("this-value"), |o| say!("backticked-name", o = o))
}

/// Maps a ron error to a diagnostic with a code and a hint. Where ron hands over its own
/// English words (the `expected`/`found` of a type error, a serde message, an error kind
/// without a case below, an encoding error), the Dutch text is a Dutch lead-in with ron's
/// words passed on unchanged: ron has no Dutch, and guessing at its phrasing would break
/// with its next release.
fn from_ron(err: &SpannedError, file: &Path) -> Diagnostic {
    use RonError as E;
    let at = (err.span.start.line.max(1), err.span.start.col.max(1));
    let (code, message, hint): (Code, Text, Text) = match &err.code {
        E::Message(msg) if msg.starts_with(DUPLICATE_MARKER) => (
            Code::DuplicateId,
            say!("msg-this-id-is-already-used", msg = msg),
            say!("give-every-node-and-ending-its"),
        ),
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let outer = outer_name(outer);
            (
                Code::Shape,
                say!(
                    "x-has-no-field-found",
                    en = outer.en,
                    found = found,
                    nl = outer.nl
                ),
                if expected.is_empty() {
                    say!("remove-this-field")
                } else {
                    say!("allowed-fields-x", value = list(expected))
                },
            )
        }
        E::MissingStructField { field, outer } => {
            let outer = outer_name(outer);
            (
                Code::Shape,
                say!(
                    "x-is-missing-field-field",
                    en = outer.en,
                    field = field,
                    nl = outer.nl
                ),
                say!(
                    "add-field-see-format-doc-for-what",
                    field = field,
                    FORMAT_DOC = FORMAT_DOC
                ),
            )
        }
        E::DuplicateStructField { field, outer } => {
            let outer = outer_name(outer);
            (
                Code::Shape,
                say!(
                    "x-has-field-field-twice",
                    en = outer.en,
                    field = field,
                    nl = outer.nl
                ),
                say!("keep-one-of-two"),
            )
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let outer = outer_name(outer);
            (
                Code::Shape,
                say!(
                    "found-is-not-valid-choice-for",
                    found = found,
                    en = outer.en,
                    nl = outer.nl
                ),
                say!("use-one-of-x", value = list(expected)),
            )
        }
        E::ExpectedDifferentStructName { expected, found } => (
            Code::Shape,
            say!(
                "expected-expected-here-found-found",
                expected = expected,
                found = found
            ),
            say!(
                "write-expected-instead-of-found",
                expected = expected,
                found = found
            ),
        ),
        E::InvalidValueForType { expected, found } => (
            Code::Shape,
            say!(
                "expected-expected-found-found",
                expected = expected,
                found = found
            ),
            say!("check-type-of-this-value-in", FORMAT_DOC = FORMAT_DOC),
        ),
        E::ExpectedDifferentLength { expected, found } => (
            Code::Shape,
            say!(
                "expected-expected-found-found-elements",
                expected = expected,
                found = found
            ),
            say!("check-this-value-in-format-doc", FORMAT_DOC = FORMAT_DOC),
        ),
        E::Message(msg) => (
            Code::Shape,
            say!("ron-message", msg = msg),
            say!(
                "check-this-value-against-format-doc",
                FORMAT_DOC = FORMAT_DOC
            ),
        ),
        E::IntegerOutOfBounds => (
            Code::OutOfRange,
            say!("this-number-is-too-large-or"),
            say!("moods-chances-and-thresholds-run-from"),
        ),
        E::ExceededRecursionLimit => (
            Code::Limits,
            say!(
                "brackets-are-nested-more-than-max-depth",
                MAX_DEPTH = MAX_DEPTH
            ),
            say!("scenario-never-needs-this-much-nesting"),
        ),
        E::Utf8Error(e) => (
            Code::Limits,
            say!("invalid-utf-8-e", e = e),
            say!("save-file-as-utf-8"),
        ),
        E::Eof => (
            Code::Syntax,
            say!("file-ends-in-middle-of-value"),
            maybe_cut_off(),
        ),
        E::UnclosedBlockComment => (
            Code::Syntax,
            say!("comment-is-never-closed"),
            say!("close-comment-with"),
        ),
        E::UnclosedLineComment => (
            Code::Syntax,
            say!("comment-runs-to-end-of-file"),
            say!("end-file-with-newline"),
        ),
        E::TrailingCharacters => (
            Code::Syntax,
            say!("there-is-more-text-after-end"),
            say!("file-holds-one-scenario-remove-what"),
        ),
        E::ExpectedComma => (Code::Syntax, say!("expected-comma"), put_a_comma()),
        E::ExpectedMapColon => (
            Code::Syntax,
            say!("expected-colon"),
            say!("write-name-value-fields-or-id"),
        ),
        E::ExpectedStringEnd => (
            Code::Syntax,
            say!("text-is-not-closed"),
            say!("end-text-with-write-for-quote"),
        ),
        E::ExpectedString => (
            Code::Shape,
            say!("expected-text-in-double-quotes"),
            say!("write-texts-and-ids-as"),
        ),
        E::ExpectedInteger => (
            Code::Shape,
            say!("expected-whole-number"),
            say!("write-number-such-as-30-without"),
        ),
        E::ExpectedOption => (
            Code::Shape,
            say!("expected-some-or-none"),
            say!("wrap-optional-value-as-some-or"),
        ),
        E::ExpectedBoolean => (
            Code::Shape,
            say!("expected-true-or-false"),
            say!("write-true-or-false-without-quotes"),
        ),
        other => (
            Code::Syntax,
            say!(
                "ron-syntax-error",
                other = other.to_string(),
                other_2 = other
            ),
            say!("compare-this-spot-with-example-in", FORMAT_DOC = FORMAT_DOC),
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
        assert!(d.hint.en.contains("`format`"), "{d}");
        assert!(d.hint.nl.starts_with("toegestane velden: "), "{:?}", d.hint);
        assert!(d.hint.nl.contains("`format`"), "{:?}", d.hint);
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
            assert!(d.message.en.contains("comma"), "{text}: {d}");
            assert!(d.message.nl.contains("komma"), "{text}: {:?}", d.message);
        }
    }

    #[test]
    fn a_quote_inside_a_text_is_named_at_that_quote() {
        let d = first("Scenario(format: 1, title: \"Hij zei \"nee\" tegen mij\", id: \"x\")");
        assert_eq!((d.code, d.line, d.col), (Code::Syntax, 1, 37));
        assert!(d.message.en.contains("ends the text early"), "{d}");
        assert!(d.hint.en.contains("\\\""), "{d}");
        assert!(d.message.nl.contains("te vroeg"), "{:?}", d.message);
        assert!(d.hint.nl.contains("\\\""), "{:?}", d.hint);
    }

    #[test]
    fn too_large_text_is_refused() {
        let big = " ".repeat(MAX_FILE_BYTES + 1);
        assert_eq!(first(&big).code, Code::Limits);
    }
}
