//! The checker's words: its diagnostics' messages and hints, in `locales/en/check.ftl`
//! and `locales/nl/check.ftl`. A raise site names a message and its variables,
//! `say!(id, name = value, …)` with `id` a string literal such as `"file-is-empty"`, and
//! gets a [`Text`] with both wordings, as before. A test reads the sources for these
//! calls: every id said is in both files with the variables its messages read, and every
//! message in the files is said somewhere.
//!
//! Every variable is passed as the text its `Display` gives (a number that reads back as
//! the same integer is passed as a Fluent number, so a selector can choose a plural on
//! it); so what the checker prints is what `format!` printed. A message missing in a file
//! does not panic: its id stands in for the text.

use std::fmt::Display;
use std::sync::LazyLock;

use crate::locale::{Bundle, FluentValue};
use crate::scenario::model::Text;

static EN: LazyLock<&'static Bundle> = LazyLock::new(|| {
    Bundle::load(
        "en",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/en/check.ftl")),
    )
});

static NL: LazyLock<&'static Bundle> = LazyLock::new(|| {
    Bundle::load(
        "nl",
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/nl/check.ftl")),
    )
});

/// Message `id` formatted with `args` in English and in Dutch.
pub fn check_text(id: &str, args: &[(&'static str, FluentValue<'static>)]) -> Text {
    Text {
        en: EN.format(id, args),
        nl: NL.format(id, args),
    }
}

/// A variable for [`check_text`]: the text `value` displays as; a Fluent number when that
/// text is an integer that Fluent writes back the same (so plurals can select on it).
pub fn arg<T: Display + ?Sized>(value: &T) -> FluentValue<'static> {
    let text = value.to_string();
    match text.parse::<i64>() {
        Ok(n) if n.unsigned_abs() < (1 << 53) && n.to_string() == text => FluentValue::from(n),
        _ => FluentValue::from(text),
    }
}

/// `say!(id, name = value, …)`: message `id` of `check.ftl` in both languages, as a
/// [`Text`], with each `value` as the Fluent variable `$name`.
macro_rules! say {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::scenario::messages::check_text(
            $id,
            &[$((stringify!($name), $crate::scenario::messages::arg(&$value))),*],
        )
    };
}
pub(crate) use say;

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCES: [(&str, &str); 2] = [
        (
            "en",
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/en/check.ftl")),
        ),
        (
            "nl",
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/nl/check.ftl")),
        ),
    ];

    /// Each message of a Fluent file: its id and the text of its pattern (the first line
    /// and any indented lines after it).
    fn messages(source: &str) -> Vec<(&str, String)> {
        let mut out: Vec<(&str, String)> = Vec::new();
        for line in source.lines() {
            if line.starts_with(' ') {
                if let Some(last) = out.last_mut() {
                    last.1.push_str(line);
                }
                continue;
            }
            let Some((id, value)) = line.split_once(" =") else {
                continue;
            };
            if id.starts_with(|c: char| c.is_ascii_alphabetic()) {
                out.push((id, value.to_string()));
            }
        }
        out
    }

    /// The `$variables` a pattern reads.
    fn variables(pattern: &str) -> Vec<&str> {
        pattern
            .split('$')
            .skip(1)
            .map(|rest| {
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                    .unwrap_or(rest.len());
                &rest[..end]
            })
            .collect()
    }

    /// Every `say!(…)` call in the Rust sources under `src/`: its message id and the text
    /// of its arguments.
    fn calls() -> Vec<(String, String, String)> {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let files = walkdir::WalkDir::new(src)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
            .map(walkdir::DirEntry::into_path);
        let mut out = Vec::new();
        let opening = concat!("say", "!(");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (at, _) in text.match_indices(opening) {
                let rest = text[at + opening.len()..].trim_start();
                let Some(rest) = rest.strip_prefix('"') else {
                    continue;
                };
                let id_end = rest.find('"').unwrap();
                // The arguments run to the `)` that closes the call.
                let mut depth = 0;
                let mut end = rest.len();
                for (i, c) in rest.char_indices() {
                    match c {
                        '(' | '[' | '{' => depth += 1,
                        ')' | ']' | '}' if depth == 0 => {
                            end = i;
                            break;
                        }
                        ')' | ']' | '}' => depth -= 1,
                        _ => {}
                    }
                }
                out.push((
                    file.display().to_string(),
                    rest[..id_end].to_string(),
                    rest[id_end + 1..end].to_string(),
                ));
            }
        }
        out
    }

    #[test]
    fn check_ftl_files_parse_and_have_the_same_messages() {
        assert!(EN.problems().is_empty(), "{:?}", EN.problems());
        assert!(NL.problems().is_empty(), "{:?}", NL.problems());
        let ids = |source| {
            let mut ids: Vec<&str> = messages(source).into_iter().map(|(id, _)| id).collect();
            ids.sort_unstable();
            ids
        };
        assert_eq!(ids(SOURCES[0].1), ids(SOURCES[1].1));
        assert!(!ids(SOURCES[0].1).is_empty());
    }

    #[test]
    fn every_message_the_code_says_exists_with_its_variables_and_is_said() {
        let calls = calls();
        let mut problems = Vec::new();
        for (lang, source) in SOURCES {
            let messages = messages(source);
            for (file, id, args) in &calls {
                let Some((_, pattern)) = messages.iter().find(|(m, _)| m == id) else {
                    problems.push(format!("{file}: {lang}: no message {id}"));
                    continue;
                };
                for name in variables(pattern) {
                    let given = args
                        .split(',')
                        .any(|a| a.split_once('=').is_some_and(|(n, _)| n.trim() == name));
                    if !given {
                        problems.push(format!("{file}: {lang}: {id} reads ${name}, not given"));
                    }
                }
            }
            for (id, _) in &messages {
                if !calls.iter().any(|(_, c, _)| c == id) {
                    problems.push(format!("{lang}: message {id} is never said"));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn variables_print_as_display_does() {
        let bundle = Bundle::new("en", "n = { $n } and { $s } and { $f }\n");
        let args = [
            ("n", arg(&1000usize)),
            ("s", arg("007")),
            ("f", arg(&2.50f64)),
        ];
        assert_eq!(bundle.format("n", &args), "1000 and 007 and 2.5");
        assert_eq!(
            bundle.format(
                "n",
                &[("n", arg(&-12i32)), ("s", arg(&u64::MAX)), ("f", arg(&""))]
            ),
            format!("-12 and {} and ", u64::MAX)
        );
        let missing = check_text("no-such-message", &[]);
        assert_eq!(
            (missing.en.as_str(), missing.nl.as_str()),
            ("no-such-message", "no-such-message")
        );
    }
}
