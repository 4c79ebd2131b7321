//! Colour for `klachtwijs check` on a terminal, as rustc shows its findings: the severity
//! and the caret under the column in the severity's colour (error red, warning yellow,
//! note cyan, all bold), the hint's label cyan. Only when standard output is a terminal
//! and `NO_COLOR` is unset or empty; `CLICOLOR_FORCE` (set and not `0`) asks for colour on
//! a pipe too, unless `NO_COLOR` says no. `--format json` is never coloured.

use std::io::IsTerminal;

use crate::scenario::diagnostic::Severity;

/// Whether output is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Colour {
    #[default]
    Off,
    On,
}

impl Colour {
    /// For standard output, from the terminal and the environment (see the module).
    pub fn for_stdout() -> Colour {
        let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        if set("NO_COLOR").is_some() {
            return Colour::Off;
        }
        let forced = set("CLICOLOR_FORCE").is_some_and(|v| v != "0");
        if forced || std::io::stdout().is_terminal() {
            Colour::On
        } else {
            Colour::Off
        }
    }

    /// `text` in the colour of `severity`.
    pub fn severity(self, severity: Severity, text: &str) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Note => "1;36",
        };
        self.paint(code, text)
    }

    /// `text` in the colour of a hint's label.
    pub fn hint(self, text: &str) -> String {
        self.paint("1;36", text)
    }

    fn paint(self, code: &str, text: &str) -> String {
        match self {
            Colour::Off => text.to_string(),
            Colour::On => format!("\x1b[{code}m{text}\x1b[0m"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_leaves_text_alone_and_on_wraps_it_in_one_style() {
        assert_eq!(Colour::Off.severity(Severity::Error, "error"), "error");
        assert_eq!(
            Colour::On.severity(Severity::Error, "error"),
            "\x1b[1;31merror\x1b[0m"
        );
        assert_eq!(Colour::On.hint("hint"), "\x1b[1;36mhint\x1b[0m");
    }
}
