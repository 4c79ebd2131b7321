//! The trainee's answer as the engine takes it, and its one spelling (`2`, `1+3`, a list
//! `2,1,1+3`) shared by records, the command line and the app.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The trainee's answer: 1-based positions as displayed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Answer {
    /// A talk turn: the option at this position.
    Pick(usize),
    /// A multi-select turn: the items at these positions (at least one).
    Select(Vec<usize>),
}

/// `2` for a pick, `1+3+4` for a selection (the command line's `--choices` syntax).
impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::Pick(n) => write!(f, "{n}"),
            Answer::Select(items) => {
                let parts: Vec<String> = items.iter().map(usize::to_string).collect();
                f.write_str(&parts.join("+"))
            }
        }
    }
}

impl FromStr for Answer {
    type Err = String;

    /// `2` → `Pick(2)`; `1+3` (or `+2` for a single item) → `Select([1, 3])`.
    fn from_str(s: &str) -> Result<Answer, String> {
        let s = s.trim();
        let number = |p: &str| {
            p.trim()
                .parse::<usize>()
                .map_err(|_| format!("`{p}` is not a number"))
        };
        if s.contains('+') {
            let items = s
                .split('+')
                .filter(|p| !p.trim().is_empty())
                .map(number)
                .collect::<Result<Vec<_>, _>>()?;
            if items.is_empty() {
                return Err(format!("`{s}` selects nothing"));
            }
            Ok(Answer::Select(items))
        } else {
            number(s).map(Answer::Pick)
        }
    }
}

impl Answer {
    /// Parses a comma-separated answer list such as `2,1,1+3+4,2`.
    pub fn parse_list(s: &str) -> Result<Vec<Answer>, String> {
        if s.trim().is_empty() {
            return Ok(Vec::new());
        }
        s.split(',').map(str::parse).collect()
    }
}
