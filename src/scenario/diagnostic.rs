//! Coded findings about a scenario file: what is wrong, where (file, line, column) and
//! what to do about it. Loading and checking collect these instead of stopping at the
//! first problem; the command line prints them and picks its exit code from them.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::scenario::model::Language;
pub use crate::scenario::model::Text;

/// How bad a finding is. Errors make a scenario unplayable; warnings point at something
/// an author most likely wants to fix; notes only inform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    /// The lowercase word used in output (`error`, `warning`, `note`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// Declares the codes once: variant, code text, default severity and a one-line title.
macro_rules! codes {
    ($($variant:ident = $code:literal, $sev:ident, $title:literal;)*) => {
        /// A stable diagnostic code. The numbers never change meaning; new checks get new
        /// numbers. The table lives in `docs/scenario-format.md`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $title] $variant,)*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed, e.g. `KW001`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The severity findings with this code have.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }

            /// Parses `KW001` (case-insensitive) back into a code.
            pub fn parse(text: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| c.as_str().eq_ignore_ascii_case(text))
            }
        }
    };
}

codes! {
    Syntax = "KW001", Error, "RON syntax error";
    Shape = "KW002", Error, "unknown field, missing field or wrong type";
    Limits = "KW003", Error, "file empty, too large, too deeply nested, not UTF-8 or unreadable";
    FormatVersion = "KW004", Error, "unsupported format version";
    BadId = "KW005", Error, "id with characters that are not allowed";
    DuplicateId = "KW006", Error, "duplicate id";
    Start = "KW007", Error, "start is missing or not a node";
    UnknownTarget = "KW008", Error, "next, branch or flare goes to an unknown id";
    UnknownPoint = "KW009", Error, "unknown attention point for the scenario's model";
    UnknownPitfall = "KW010", Error, "unknown pitfall";
    NodeKind = "KW011", Error, "node has neither or both of options and select";
    OptionCount = "KW012", Error, "too few or too many options or items";
    EmptyText = "KW013", Error, "empty line, text or explanation";
    OutOfRange = "KW014", Error, "number out of range";
    UnreachableNode = "KW015", Warning, "node that no path reaches";
    UnreachableEnding = "KW016", Warning, "ending that no path reaches";
    DeadEnd = "KW017", Error, "node from which no ending can be reached";
    OnlyPitfalls = "KW018", Warning, "every option falls into a pitfall";
    UnreachedRubric = "KW019", Warning, "step or pitfall that no path reaches";
    StepsMissing = "KW020", Warning, "no path earns every step";
    FlagNeverSet = "KW021", Warning, "flag tested but never set";
    UnknownModel = "KW022", Error, "the rubric has no such model";
    AnalysisLimit = "KW023", Note, "path analysis stopped early";
    DuplicateScenario = "KW024", Error, "two scenarios in the library share an id";
    ImpossibleCondition = "KW025", Warning, "condition that can never hold";
    TellLength = "KW026", Warning, "answer tell: the best option is usually the longest";
    TellPhrase = "KW027", Warning, "answer tell: a phrase only good options use";
    TellQuestion = "KW028", Warning, "answer tell: good options end in a question mark";
    DuplicateOption = "KW029", Warning, "the same option or item text twice in one node";
    BelongsWithPitfall = "KW030", Warning, "select item that belongs but falls into a pitfall";
    UnknownStep = "KW031", Error, "an ending names a step the model does not have";
    CoreUnreached = "KW032", Warning, "a core point that no play shows";
    BestMissesCore = "KW033", Warning, "the best play misses a core point";
    EndingMisfit = "KW034", Warning, "an ending whose scores do not fit its outcome";
    Trap = "KW035", Warning, "a play can get stuck where no ending can be reached";
    FacilitatorTarget = "KW036", Warning, "the facilitator layer names an unknown node or ending";
    FacilitatorOption = "KW037", Warning, "the facilitator layer names an option the node does not have";
    UnknownNorm = "KW038", Warning, "a link to an unknown vuistregel or behoorlijkheidsnorm";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One finding. `line` and `col` are 1-based; `col` counts characters, like ron does.
/// Message and hint are written once in both languages at the spot that finds the
/// problem, so the two cannot drift apart; [`Diagnostic::in_language`] picks one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: Text,
    /// What to do about it, one sentence.
    pub hint: Text,
}

impl Diagnostic {
    /// A finding with the code's own severity.
    pub fn new(
        code: Code,
        file: &Path,
        (line, col): (usize, usize),
        message: Text,
        hint: Text,
    ) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            file: file.to_path_buf(),
            line,
            col,
            message,
            hint,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The finding with its message and hint in `language`: what `check` prints and
    /// what `--format json` serialises (the field names are the same in both languages).
    pub fn in_language(&self, language: Language) -> Localized<'_> {
        Localized {
            code: self.code,
            severity: self.severity,
            file: &self.file,
            line: self.line,
            col: self.col,
            message: self.message.get(language),
            hint: self.hint.get(language),
        }
    }
}

/// A [`Diagnostic`] in one language. Its JSON form is the `--format json` contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Localized<'a> {
    pub code: Code,
    pub severity: Severity,
    pub file: &'a Path,
    pub line: usize,
    pub col: usize,
    pub message: &'a str,
    pub hint: &'a str,
}

/// `file:line:col: error[KW001]: message`, then an indented `hint:` line. The severity
/// word and `hint:` stay English in both languages: tools parse them.
impl fmt::Display for Localized<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.file.display(),
            self.line,
            self.col,
            self.severity.as_str(),
            self.code,
            self.message
        )?;
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", self.hint)?;
        }
        Ok(())
    }
}

/// In English, as [`Localized`] shows it.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.in_language(Language::En).fmt(f)
    }
}

/// Whether any finding is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// Sorts findings by file, position, then code, so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics
        .sort_by(|a, b| (&a.file, a.line, a.col, a.code).cmp(&(&b.file, b.line, b.col, b.code)));
}
