//! The product's own words, one Fluent file per language and part: `locales/nl/app.ftl`,
//! `locales/en/app.ftl`, and so on. They are embedded at build time (`include_str!`): the
//! product never reads a file for its own strings.
//!
//! A part declares its words with `fluent_strings!`: a struct whose fields are the
//! message ids, filled once per language from that language's file, so call sites read
//! `s.turn` or `s.turn_count(n)` as before. Plurals are Fluent selectors
//! (`{ $count -> [one] … *[other] … }`), with the plural rules of the language.
//!
//! A message missing in a file does not panic: the id stands in for the text. The tests
//! that the macro adds to each part check that every file parses, that both languages
//! have every message the struct reads and no other.

use std::borrow::Cow;
use std::fmt;

pub use fluent_bundle::FluentValue;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// The messages of one Fluent file in one language.
pub struct Bundle {
    lang: &'static str,
    inner: FluentBundle<FluentResource>,
    /// What went wrong reading the file (syntax errors, a message twice), for the tests.
    problems: Vec<String>,
}

impl fmt::Debug for Bundle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Bundle")
            .field("lang", &self.lang)
            .field("problems", &self.problems)
            .finish_non_exhaustive()
    }
}

impl Bundle {
    /// Reads `source`, a Fluent file in `lang` (`nl` or `en`). What does not parse is left
    /// out and noted in [`Bundle::problems`].
    pub fn new(lang: &'static str, source: &str) -> Bundle {
        let locale = lang.parse().unwrap_or_default();
        let mut inner = FluentBundle::new_concurrent(vec![locale]);
        // No Unicode isolation marks around placeables: the words go into terminals,
        // files and egui, none of which needs them.
        inner.set_use_isolating(false);
        let mut problems = Vec::new();
        let resource = match FluentResource::try_new(source.to_string()) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                problems.extend(errors.iter().map(|e| format!("{lang}: {e}")));
                resource
            }
        };
        if let Err(errors) = inner.add_resource(resource) {
            problems.extend(errors.iter().map(|e| format!("{lang}: {e}")));
        }
        Bundle {
            lang,
            inner,
            problems,
        }
    }

    /// [`Bundle::new`], kept for the rest of the program (the words of a part are read
    /// once per language, from a `LazyLock`).
    pub fn load(lang: &'static str, source: &str) -> &'static Bundle {
        Box::leak(Box::new(Bundle::new(lang, source)))
    }

    /// The text of a message without arguments; the id itself when it is missing.
    pub fn text(&'static self, id: &'static str) -> &'static str {
        match self.format_in(id, None) {
            Some(Cow::Borrowed(text)) => text,
            Some(Cow::Owned(text)) => Box::leak(text.into_boxed_str()),
            None => id,
        }
    }

    /// The text of a message with `args`; the id itself when it is missing.
    pub fn format(&self, id: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.format_in(id, Some(&fluent_args))
            .map_or_else(|| id.to_string(), Cow::into_owned)
    }

    fn format_in<'b>(&'b self, id: &str, args: Option<&FluentArgs>) -> Option<Cow<'b, str>> {
        let pattern = self.inner.get_message(id)?.value()?;
        let mut errors = Vec::new();
        Some(self.inner.format_pattern(pattern, args, &mut errors))
    }

    /// The errors of formatting message `id` with `args`, for the tests.
    pub fn format_errors(&self, id: &str, args: Option<&FluentArgs>) -> Vec<String> {
        let Some(pattern) = self.inner.get_message(id).and_then(|m| m.value()) else {
            return vec![format!("{}: no message {id}", self.lang)];
        };
        let mut errors = Vec::new();
        self.inner.format_pattern(pattern, args, &mut errors);
        errors
            .iter()
            .map(|e| format!("{}: {id}: {e}", self.lang))
            .collect()
    }

    /// Whether the file has message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.inner.has_message(id)
    }

    /// What went wrong reading the file.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }
}

/// Checks a part's two files against the ids its struct reads: both parse cleanly, both
/// have every id, a text formats without error (it needs no arguments), and no file has
/// a message the struct does not read (`sources` are the files' text). Returns the
/// problems, one a line; empty when all is well.
pub fn check(
    texts: &[&str],
    formats: &[&str],
    bundles: &[&Bundle],
    sources: &[&str],
) -> Vec<String> {
    let mut problems = Vec::new();
    for (bundle, source) in bundles.iter().zip(sources) {
        problems.extend(bundle.problems().iter().cloned());
        for id in texts {
            problems.extend(bundle.format_errors(id, None));
        }
        for id in formats {
            if !bundle.has(id) {
                problems.push(format!("{}: no message {id}", bundle.lang));
            }
        }
        for id in message_ids(source) {
            if !texts.contains(&id) && !formats.contains(&id) {
                problems.push(format!("{}: message {id} is not read", bundle.lang));
            }
        }
    }
    problems
}

/// The ids of the messages in a Fluent file: the lines that start with an identifier and
/// `=` (terms start with `-`, comments with `#`, and everything else is indented).
fn message_ids(source: &str) -> impl Iterator<Item = &str> {
    source.lines().filter_map(|line| {
        let (id, _) = line.split_once('=')?;
        let id = id.trim_end();
        let mut chars = id.chars();
        let first = chars.next()?;
        (first.is_ascii_alphabetic()
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .then_some(id)
    })
}

/// Declares the words of one part of the product, read from `locales/LANG/FILE.ftl`:
///
/// ```ignore
/// fluent_strings! {
///     /// The words of the part.
///     pub struct Words in "file" {
///         texts { title, intro }
///         lists { sizes: [size_small, size_large] }
///         formats { fn turn_count(count: usize); }
///     }
/// }
/// ```
///
/// A text is a `&'static str` field filled from the message of the same id; a list is an
/// array of such texts; a format is a method that passes its arguments to the message
/// (as Fluent variables of the same names) and returns a `String`. The macro declares
/// `NL` and `EN`, the struct in each language (in a `LazyLock`), and a test that checks
/// both files against the struct ([`check`]).
macro_rules! fluent_strings {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident in $file:literal {
            texts { $($(#[$tmeta:meta])* $text:ident),* $(,)? }
            $(lists { $($(#[$lmeta:meta])* $list:ident: [$($item:ident),+ $(,)?]),* $(,)? })?
            $(formats { $($(#[$fmeta:meta])* fn $format:ident($($arg:ident: $ty:ty),* $(,)?);)* })?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            /// For the formats and the tests.
            #[allow(dead_code)]
            bundle: &'static $crate::locale::Bundle,
            $($(#[$tmeta])* pub $text: &'static str,)*
            $($($(#[$lmeta])* pub $list: [&'static str; [$(stringify!($item)),+].len()],)*)?
        }

        impl $name {
            /// The ids of the texts and lists, then of the formats.
            #[allow(dead_code)]
            const IDS: (&'static [&'static str], &'static [&'static str]) = (
                &[$(stringify!($text),)* $($($(stringify!($item),)+)*)?],
                &[$($(stringify!($format),)*)?],
            );

            fn from_bundle(bundle: &'static $crate::locale::Bundle) -> Self {
                $name {
                    bundle,
                    $($text: bundle.text(stringify!($text)),)*
                    $($($list: [$(bundle.text(stringify!($item))),+],)*)?
                }
            }

            $($(
                $(#[$fmeta])*
                pub fn $format(&self, $($arg: $ty),*) -> String {
                    self.bundle.format(
                        stringify!($format),
                        &[$((stringify!($arg), $crate::locale::FluentValue::from($arg))),*],
                    )
                }
            )*)?
        }

        /// The words in Dutch.
        $vis static NL: std::sync::LazyLock<$name> = std::sync::LazyLock::new(|| {
            $name::from_bundle($crate::locale::Bundle::load(
                "nl",
                include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/nl/", $file, ".ftl")),
            ))
        });

        /// The words in English.
        $vis static EN: std::sync::LazyLock<$name> = std::sync::LazyLock::new(|| {
            $name::from_bundle($crate::locale::Bundle::load(
                "en",
                include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/en/", $file, ".ftl")),
            ))
        });

        #[cfg(test)]
        #[test]
        fn fluent_files_match_the_struct() {
            let problems = $crate::locale::check(
                $name::IDS.0,
                $name::IDS.1,
                &[NL.bundle, EN.bundle],
                &[
                    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/nl/", $file, ".ftl")),
                    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/en/", $file, ".ftl")),
                ],
            );
            assert!(problems.is_empty(), "{}", problems.join("\n"));
        }
    };
}
pub(crate) use fluent_strings;

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "\
plain = Gewoon { \"{\" }tekst{ \"}\" }
turn_count = { $count ->
    [one] { $count } beurt
   *[other] { $count } beurten
}
why = U viel { $count } keer in «{ $name }».
";

    #[test]
    fn plurals_placeables_and_no_isolation_marks() {
        let bundle = Bundle::load("nl", SOURCE);
        assert!(bundle.problems().is_empty(), "{:?}", bundle.problems());
        assert_eq!(bundle.text("plain"), "Gewoon {tekst}");
        let turns = |n: usize| bundle.format("turn_count", &[("count", FluentValue::from(n))]);
        assert_eq!(turns(0), "0 beurten");
        assert_eq!(turns(1), "1 beurt");
        assert_eq!(turns(3), "3 beurten");
        assert_eq!(turns(1234567), "1234567 beurten");
        let why = bundle.format(
            "why",
            &[
                ("count", FluentValue::from(2u32)),
                ("name", FluentValue::from("Te snel")),
            ],
        );
        assert_eq!(why, "U viel 2 keer in «Te snel».");
        let en = Bundle::load(
            "en",
            "n = { $count -> \n    [one] one\n   *[other] many\n}\n",
        );
        assert_eq!(
            en.format("n", &[("count", FluentValue::from(1usize))]),
            "one"
        );
        assert_eq!(
            en.format("n", &[("count", FluentValue::from(2usize))]),
            "many"
        );
    }

    #[test]
    fn a_missing_message_is_its_id_and_a_broken_file_is_noted() {
        let bundle = Bundle::load("en", "good = Good\nbroken = { $\n");
        assert_eq!(bundle.text("good"), "Good");
        assert_eq!(bundle.text("absent"), "absent");
        assert_eq!(bundle.format("absent", &[]), "absent");
        assert!(!bundle.problems().is_empty());
        let problems = check(
            &["good", "absent"],
            &[],
            &[bundle],
            &["good = Good\nextra = x\n"],
        );
        assert!(
            problems.iter().any(|p| p.contains("no message absent")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("extra is not read")),
            "{problems:?}"
        );
    }

    #[test]
    fn both_languages_have_the_same_files() {
        let dir = |lang: &str| -> Vec<String> {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("locales")
                .join(lang);
            let mut names: Vec<String> = std::fs::read_dir(path)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        assert_eq!(dir("nl"), dir("en"));
        assert!(!dir("nl").is_empty());
    }
}
