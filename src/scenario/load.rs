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
use super::locate::{Locator, before, line_col, offset_of};
use super::model::Scenario;
use super::unique_map::DUPLICATE_MARKER;

/// The largest scenario file we read (64 MiB; a 100,000-node scenario is about 40 MiB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// How deeply brackets may nest. Real scenarios need about 12 levels; the limit keeps a
/// hostile file from exhausting the stack.
pub const MAX_DEPTH: usize = 64;

const FORMAT_DOC: &str = "docs/scenario-format.md";

/// The hint for a file that holds no scenario.
fn start_from_the_example() -> Text {
    Text::en_nl(
        format!("start from the annotated example in {FORMAT_DOC}"),
        format!("begin met het voorbeeld met uitleg in {FORMAT_DOC}"),
    )
}

/// The hint for a file that may be cut off.
fn maybe_cut_off() -> Text {
    Text::en_nl(
        "the file may be cut off: check that every `(`, `[`, `{` and `\"` is closed",
        "misschien is het bestand afgebroken: controleer of elke `(`, `[`, `{` en `\"` \
         gesloten is",
    )
}

/// The hint for a missing comma.
fn put_a_comma() -> Text {
    Text::en_nl(
        "put a comma after each field, list item and map entry",
        "zet een komma na elk veld, elk item in een lijst en elk paar in een map",
    )
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
            Text::en_nl("the file is empty", "het bestand is leeg"),
            start_from_the_example(),
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
            Text::en_nl(
                "the file holds no scenario, only comments",
                "het bestand bevat geen scenario, alleen commentaar",
            ),
            start_from_the_example(),
        );
    }
    let end = line_col(text, text.trim_end().len());
    if matches!(d.code, Code::Syntax | Code::Shape) && (d.line, d.col) >= end {
        d.code = Code::Syntax;
        d.severity = Code::Syntax.severity();
        d.message = Text::en_nl(
            format!(
                "the file ends before the scenario is complete ({})",
                d.message.en
            ),
            format!(
                "het bestand houdt op voordat het scenario compleet is ({})",
                d.message.nl
            ),
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
                d.message = Text::en_nl(
                    format!("`{id}` is already used at line {line}; ids must be unique"),
                    format!(
                        "`{id}` wordt al gebruikt op regel {line}; elk id mag maar één keer \
                         voorkomen"
                    ),
                );
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
        d.message = Text::en_nl(
            "this `\"` ends the text early; a quote inside a text must be escaped",
            "deze `\"` beëindigt de tekst te vroeg; zet een \\ voor een aanhalingsteken \
             binnen een tekst",
        );
        d.hint = Text::en_nl(
            "write `\\\"` for a quote inside a text, e.g. \"Hij zei \\\"nee\\\".\" \
             (or use other quote marks, such as ‘ and ’)",
            "schrijf `\\\"` voor een aanhalingsteken binnen een tekst, bijvoorbeeld \
             \"Hij zei \\\"nee\\\".\" (of gebruik andere aanhalingstekens, zoals ‘ en ’)",
        );
        return d;
    }
    (d.line, d.col) = line_col(text, prev.end);
    d.message = Text::en_nl(
        "a comma is missing after this value",
        "na deze waarde ontbreekt een komma",
    );
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
            Text::en_nl(
                format!("cannot read the file: {err}"),
                format!("het bestand kan niet worden gelezen: {err}"),
            ),
            Text::en_nl(
                "check the path and that you may read the file",
                "controleer het pad, en of u het bestand mag lezen",
            ),
        ))
    };
    // A FIFO would block `open` forever and `/dev/zero` never ends: regular files only.
    if let Err(why) = super::walk::regular_file(path) {
        return Err(Box::new(Diagnostic::new(
            Code::Limits,
            path,
            (1, 1),
            Text::en_nl(
                format!("cannot read the file: it {why}"),
                format!("het bestand kan niet worden gelezen: het {}", why.nl()),
            ),
            Text::en_nl(
                "give the path of an ordinary scenario file",
                "geef het pad van een gewoon scenariobestand",
            ),
        )));
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
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
            Text::en_nl(
                format!("the file is not UTF-8 text (invalid byte at offset {valid})"),
                format!("het bestand is geen UTF-8-tekst (ongeldige byte op positie {valid})"),
            ),
            Text::en_nl(
                "save the file as UTF-8 in your editor; is it perhaps not a scenario file?",
                "sla het bestand in uw editor op als UTF-8; is het misschien geen scenariobestand?",
            ),
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
        Text::en_nl(
            format!("the file is too large ({size_en} bytes; at most {MAX_FILE_BYTES})"),
            format!("het bestand is te groot ({size_nl} bytes; hoogstens {MAX_FILE_BYTES})"),
        ),
        Text::en_nl(
            "split the scenario into smaller ones; is this really a scenario file?",
            "splits het scenario in kleinere; is dit wel een scenariobestand?",
        ),
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
    outer.as_deref().map_or_else(
        || Text::en_nl("this value", "deze waarde"),
        |o| Text::en_nl(format!("`{o}`"), format!("`{o}`")),
    )
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
            Text::en_nl(
                format!("{msg}: this id is already used in this map"),
                format!("{msg}: dit id wordt al gebruikt in deze map"),
            ),
            Text::en_nl(
                "give every node and ending its own id; rename or remove one of the two",
                "geef elke knoop en elk einde een eigen id; geef een van de twee een andere \
                 naam of haal er een weg",
            ),
        ),
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let outer = outer_name(outer);
            (
                Code::Shape,
                Text::en_nl(
                    format!("{} has no field `{found}`", outer.en),
                    format!("{} heeft geen veld `{found}`", outer.nl),
                ),
                if expected.is_empty() {
                    Text::en_nl("remove this field", "haal dit veld weg")
                } else {
                    Text::en_nl(
                        format!("allowed fields: {}", list(expected)),
                        format!("toegestane velden: {}", list(expected)),
                    )
                },
            )
        }
        E::MissingStructField { field, outer } => {
            let outer = outer_name(outer);
            (
                Code::Shape,
                Text::en_nl(
                    format!("{} is missing the field `{field}`", outer.en),
                    format!("bij {} ontbreekt het veld `{field}`", outer.nl),
                ),
                Text::en_nl(
                    format!("add `{field}: ...`; see {FORMAT_DOC} for what it holds"),
                    format!("voeg `{field}: ...` toe; in {FORMAT_DOC} staat wat erin hoort"),
                ),
            )
        }
        E::DuplicateStructField { field, outer } => {
            let outer = outer_name(outer);
            (
                Code::Shape,
                Text::en_nl(
                    format!("{} has the field `{field}` twice", outer.en),
                    format!("{} heeft het veld `{field}` twee keer", outer.nl),
                ),
                Text::en_nl("keep one of the two", "houd er één van de twee over"),
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
                Text::en_nl(
                    format!("`{found}` is not a valid choice for {}", outer.en),
                    format!("`{found}` is geen geldige keuze voor {}", outer.nl),
                ),
                Text::en_nl(
                    format!("use one of: {}", list(expected)),
                    format!("gebruik een van deze: {}", list(expected)),
                ),
            )
        }
        E::ExpectedDifferentStructName { expected, found } => (
            Code::Shape,
            Text::en_nl(
                format!("expected `{expected}(...)` here, found `{found}(...)`"),
                format!("hier hoort `{expected}(...)`, maar er staat `{found}(...)`"),
            ),
            Text::en_nl(
                format!("write `{expected}(` instead of `{found}(`"),
                format!("schrijf `{expected}(` in plaats van `{found}(`"),
            ),
        ),
        E::InvalidValueForType { expected, found } => (
            Code::Shape,
            Text::en_nl(
                format!("expected {expected}, found {found}"),
                format!("verkeerd soort waarde (volgens ron: expected {expected}, found {found})"),
            ),
            Text::en_nl(
                format!("check the type of this value in {FORMAT_DOC}"),
                format!("zoek in {FORMAT_DOC} op wat voor waarde hier hoort"),
            ),
        ),
        E::ExpectedDifferentLength { expected, found } => (
            Code::Shape,
            Text::en_nl(
                format!("expected {expected}, found {found} elements"),
                format!("verkeerd aantal waarden: {found} (volgens ron: expected {expected})"),
            ),
            Text::en_nl(
                format!("check this value in {FORMAT_DOC}"),
                format!("vergelijk deze waarde met {FORMAT_DOC}"),
            ),
        ),
        E::Message(msg) => (
            Code::Shape,
            Text::en_nl(
                msg.clone(),
                format!("deze waarde klopt niet (volgens ron: {msg})"),
            ),
            Text::en_nl(
                format!("check this value against {FORMAT_DOC}"),
                format!("vergelijk deze waarde met {FORMAT_DOC}"),
            ),
        ),
        E::IntegerOutOfBounds => (
            Code::OutOfRange,
            Text::en_nl(
                "this number is too large or too small for its field",
                "dit getal is te groot of te klein voor dit veld",
            ),
            Text::en_nl(
                "moods, chances and thresholds run from 0 to 100; mood shifts from -128 to 127",
                "stemming, kansen en drempels lopen van 0 tot 100; veranderingen van de \
                 stemming van -128 tot 127",
            ),
        ),
        E::ExceededRecursionLimit => (
            Code::Limits,
            Text::en_nl(
                format!("brackets are nested more than {MAX_DEPTH} levels deep"),
                format!("haakjes zijn meer dan {MAX_DEPTH} niveaus diep genest"),
            ),
            Text::en_nl(
                "a scenario never needs this much nesting; flatten the conditions or check for a runaway bracket",
                "een scenario heeft nooit zoveel niveaus nodig; maak de voorwaarden minder \
                 diep, of zoek een haakje dat niet gesloten wordt",
            ),
        ),
        E::Utf8Error(e) => (
            Code::Limits,
            Text::en_nl(
                format!("invalid UTF-8: {e}"),
                format!("ongeldige UTF-8: {e}"),
            ),
            Text::en_nl("save the file as UTF-8", "sla het bestand op als UTF-8"),
        ),
        E::Eof => (
            Code::Syntax,
            Text::en_nl(
                "the file ends in the middle of a value",
                "het bestand houdt midden in een waarde op",
            ),
            maybe_cut_off(),
        ),
        E::UnclosedBlockComment => (
            Code::Syntax,
            Text::en_nl(
                "a `/*` comment is never closed",
                "een commentaar met `/*` wordt nergens gesloten",
            ),
            Text::en_nl(
                "close the comment with `*/`",
                "sluit het commentaar met `*/`",
            ),
        ),
        E::UnclosedLineComment => (
            Code::Syntax,
            Text::en_nl(
                "a `//` comment runs to the end of the file without a newline",
                "een commentaar met `//` loopt door tot het eind van het bestand, zonder \
                 nieuwe regel",
            ),
            Text::en_nl(
                "end the file with a newline",
                "eindig het bestand met een nieuwe regel",
            ),
        ),
        E::TrailingCharacters => (
            Code::Syntax,
            Text::en_nl(
                "there is more text after the end of the scenario",
                "na het eind van het scenario staat nog meer tekst",
            ),
            Text::en_nl(
                "a file holds one `Scenario(...)`; remove what follows its closing `)`",
                "een bestand bevat één `Scenario(...)`; haal weg wat na de laatste `)` staat",
            ),
        ),
        E::ExpectedComma => (
            Code::Syntax,
            Text::en_nl("expected a comma", "hier hoort een komma"),
            put_a_comma(),
        ),
        E::ExpectedMapColon => (
            Code::Syntax,
            Text::en_nl("expected a colon", "hier hoort een dubbele punt"),
            Text::en_nl(
                "write `name: value` (fields) or `\"id\": Node(...)` (map entries)",
                "schrijf `naam: waarde` (velden) of `\"id\": Node(...)` (paren in een map)",
            ),
        ),
        E::ExpectedStringEnd => (
            Code::Syntax,
            Text::en_nl("a text is not closed", "een tekst wordt niet gesloten"),
            Text::en_nl(
                "end the text with `\"`; write `\\\"` for a quote inside a text",
                "sluit de tekst met `\"`; schrijf `\\\"` voor een aanhalingsteken binnen \
                 een tekst",
            ),
        ),
        E::ExpectedString => (
            Code::Shape,
            Text::en_nl(
                "expected a text in double quotes",
                "hier hoort een tekst tussen dubbele aanhalingstekens",
            ),
            Text::en_nl(
                "write texts and ids as \"...\"",
                "schrijf teksten en ids als \"...\"",
            ),
        ),
        E::ExpectedInteger => (
            Code::Shape,
            Text::en_nl("expected a whole number", "hier hoort een heel getal"),
            Text::en_nl(
                "write a number such as 30, without quotes",
                "schrijf een getal zoals 30, zonder aanhalingstekens",
            ),
        ),
        E::ExpectedOption => (
            Code::Shape,
            Text::en_nl(
                "expected `Some(...)` or `None`",
                "hier hoort `Some(...)` of `None`",
            ),
            Text::en_nl(
                "wrap an optional value as `Some(...)`, or write `None`",
                "zet een waarde die niet verplicht is in `Some(...)`, of schrijf `None`",
            ),
        ),
        E::ExpectedBoolean => (
            Code::Shape,
            Text::en_nl("expected `true` or `false`", "hier hoort `true` of `false`"),
            Text::en_nl(
                "write true or false, without quotes",
                "schrijf true of false, zonder aanhalingstekens",
            ),
        ),
        other => (
            Code::Syntax,
            Text::en_nl(
                other.to_string(),
                format!("fout in de opbouw van het bestand (volgens ron: {other})"),
            ),
            Text::en_nl(
                format!("compare this spot with the example in {FORMAT_DOC}"),
                format!("vergelijk deze plek met het voorbeeld in {FORMAT_DOC}"),
            ),
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
