//! Finds where a value sits in the RON source, so checker findings get a line and column.
//!
//! The checker works on the parsed [`Scenario`](super::model::Scenario), which has no
//! positions. This module follows a path such as `nodes → "opening" → options → 2 →
//! next` through the bracket structure of the source, lexing (strings, identifiers,
//! numbers, brackets; comments skipped) only what lies on the way. It is good enough
//! rather than exact: when a step of the path cannot be found (an unusual layout), it
//! reports the deepest position it did find. Lookups only walk the direct children of a
//! bracket, big values remember where they close and maps get a key index, so locating
//! many findings in a 100,000-node file stays linear, and it keeps no token list: a
//! finding at the end of a 40 MB file costs one pass of the lexer, not a copy of the file.
//!
//! Over 500 lines with its tests: the lexer and the path search it serves.

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};

use rustc_hash::FxHashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ident,
    Str,
    Num,
    Open,
    Close,
    Comma,
    Colon,
    Other,
}

/// A token as the lexer finds it.
#[derive(Debug, Clone, Copy)]
struct Lexed {
    kind: Kind,
    /// Byte range of the content (for strings: between the quotes).
    start: usize,
    end: usize,
    /// Whether a string holds a backslash escape (then it must be decoded).
    escaped: bool,
}

/// One step of a path into the source.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Step<'a> {
    /// A struct field: `name: value`. Points at the value.
    Field(&'a str),
    /// A map key: `"key": value`. Points at the key.
    Key(&'a str),
    /// The n-th element (0-based) of a list, struct or map. Points at the element.
    Index(usize),
    /// A string literal with this content, anywhere inside the current value.
    Str(&'a str),
}

/// A source file that answers "where is this?". It keeps no tokens: a token is named by
/// the byte offset where it starts (the text's length stands for "none"), and the source
/// is lexed only along the way to what is asked for. Finding a value past a big map lexes
/// through that map once; where a long value closes is remembered.
pub(crate) struct Locator<'t> {
    text: &'t str,
    /// Where brackets whose values span many bytes close, by where they open.
    closes: RefCell<FxHashMap<usize, usize>>,
    /// The byte offset where each line starts, found when a position is first asked for.
    line_starts: OnceCell<Vec<u32>>,
    /// Key index of maps, by the map's opening bracket.
    keys: FxHashMap<usize, FxHashMap<String, usize>>,
}

impl<'t> Locator<'t> {
    /// A value that spans more bytes than this has its closing bracket remembered.
    const REMEMBER_CLOSE: usize = 4096;

    pub(crate) fn new(text: &'t str) -> Locator<'t> {
        Locator {
            text,
            closes: RefCell::default(),
            line_starts: OnceCell::new(),
            keys: FxHashMap::default(),
        }
    }

    /// The 1-based line and column of the deepest step of `path` that could be found
    /// (1:1 when not even the first one could).
    pub(crate) fn find(&mut self, path: &[Step]) -> (usize, usize) {
        let end = self.text.len();
        let mut root = self.first_from(0);
        while root < end && self.kind(root) == Some(Kind::Other) {
            root = self.next(root);
        }
        if root >= end {
            return (1, 1);
        }
        let mut value = root;
        let mut point = root;
        for step in path {
            let found = match *step {
                Step::Field(name) => self.field(value, name).map(|v| (v, v)),
                Step::Key(key) => self.key(value, key).map(|k| (k, self.next(self.next(k)))),
                Step::Index(n) => self.children(value).nth(n).map(|c| (c, c)),
                Step::Str(s) => self.string_in(value, s).map(|v| (v, v)),
            };
            match found {
                Some((p, v)) => {
                    point = p;
                    value = v;
                }
                None => break,
            }
        }
        self.pos(point)
    }

    /// The 1-based line and column (in characters) of the token at `at`.
    fn pos(&self, at: usize) -> (usize, usize) {
        if at >= self.text.len() {
            return (1, 1);
        }
        let line_starts = self.line_starts.get_or_init(|| {
            let newlines = memchr::memchr_iter(b'\n', self.text.as_bytes());
            std::iter::once(0)
                .chain(newlines.map(|i| i as u32 + 1))
                .collect()
        });
        let line = line_starts.partition_point(|&s| s as usize <= at);
        let start = line_starts[line.saturating_sub(1)] as usize;
        let before = self.text.get(start..at).map_or(0, |s| s.chars().count());
        (line, 1 + before)
    }

    /// The first token starting at or after byte `i`.
    fn first_from(&self, mut i: usize) -> usize {
        while i < self.text.len() {
            let (token, next) = lex_at(self.text, i);
            if token.is_some() {
                return i;
            }
            i = next;
        }
        self.text.len()
    }

    /// The token after the one at `at`.
    fn next(&self, at: usize) -> usize {
        self.first_from(lex_at(self.text, at).1)
    }

    /// Where the bracket opening at `open` closes (the end of the text when it does not).
    /// A byte scan that reads strings, comments and characters as the lexer does, and
    /// skips the rest without making tokens of it: it may cross a whole 40 MB map.
    fn close(&self, open: usize) -> usize {
        if let Some(&close) = self.closes.borrow().get(&open) {
            return close;
        }
        let bytes = self.text.as_bytes();
        // Whether a byte continues an identifier or a number: an `r` after one is no raw
        // string's start.
        let word = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'#' | b'.');
        let mut depth = 0usize;
        let mut i = open;
        let close = loop {
            // Most bytes are none of those below: pass them in a tight loop.
            while bytes.get(i).is_some_and(|&b| !SPECIAL[usize::from(b)]) {
                i += 1;
            }
            let Some(&b) = bytes.get(i) else {
                break bytes.len();
            };
            match b {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break i;
                    }
                }
                b'"' => {
                    // A plain string: to the first quote not escaped.
                    let mut j = i + 1;
                    i = loop {
                        let rest = bytes.get(j..).unwrap_or_default();
                        match memchr::memchr2(b'"', b'\\', rest) {
                            Some(k) if rest[k] == b'\\' => j += k + 2,
                            Some(k) => break j + k,
                            None => break bytes.len(),
                        }
                    };
                }
                b'/' | b'\'' => {
                    i = lex_at(self.text, i).1;
                    continue;
                }
                b'r' if i == 0 || !word(bytes[i - 1]) => {
                    i = lex_at(self.text, i).1;
                    continue;
                }
                _ => {}
            }
            i += 1;
        };
        if close - open > Self::REMEMBER_CLOSE {
            self.closes.borrow_mut().insert(open, close);
        }
        close
    }

    /// The token at `at` lexed.
    fn lexed(&self, at: usize) -> Option<Lexed> {
        lex_at(self.text, at).0
    }

    fn kind(&self, at: usize) -> Option<Kind> {
        self.lexed(at).map(|t| t.kind)
    }

    /// A token's content.
    fn raw(&self, at: usize) -> &'t str {
        self.lexed(at)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    fn string(&self, at: usize) -> Cow<'t, str> {
        let raw = self.raw(at);
        match self.lexed(at) {
            Some(t) if t.escaped => Cow::Owned(unescape(raw)),
            _ => Cow::Borrowed(raw),
        }
    }

    /// The opening bracket of the value starting at `at`, looking through a type name
    /// (`Node(`) and `Some(`.
    fn container(&self, at: usize) -> Option<usize> {
        let open = match self.kind(at)? {
            Kind::Open => at,
            Kind::Ident if self.kind(self.next(at)) == Some(Kind::Open) => self.next(at),
            _ => return None,
        };
        if self.raw(at) == "Some" {
            let inner = self.next(open);
            if self.kind(inner) != Some(Kind::Close) {
                return self.container(inner).or(Some(open));
            }
        }
        Some(open)
    }

    /// The first token of each element directly inside the value at `at`. Its closing
    /// bracket is not looked for first: the elements end at the first closing bracket
    /// that is not inside one of them, and the root's is at the end of the file.
    fn children(&self, at: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.text.len();
        let mut j = self.container(at).map_or(end, |o| self.next(o));
        std::iter::from_fn(move || {
            if j >= end || self.kind(j) == Some(Kind::Close) {
                return None;
            }
            let start = j;
            // Walk to the comma that ends this element, jumping over nested brackets.
            while j < end {
                match self.kind(j) {
                    Some(Kind::Open) => j = self.next(self.close(j)),
                    Some(Kind::Comma) => {
                        j = self.next(j);
                        break;
                    }
                    Some(Kind::Close) => break,
                    _ => j = self.next(j),
                }
            }
            Some(start)
        })
    }

    fn field(&self, value: usize, name: &str) -> Option<usize> {
        self.children(value).find_map(|c| {
            let colon = self.next(c);
            (self.kind(c) == Some(Kind::Ident)
                && self.raw(c) == name
                && self.kind(colon) == Some(Kind::Colon))
            .then(|| self.next(colon))
        })
    }

    fn key(&mut self, value: usize, key: &str) -> Option<usize> {
        let open = self.container(value)?;
        if !self.keys.contains_key(&open) {
            let mut index = FxHashMap::default();
            for c in self.children(value) {
                if self.kind(c) == Some(Kind::Str) && self.kind(self.next(c)) == Some(Kind::Colon) {
                    index.entry(self.string(c).into_owned()).or_insert(c);
                }
            }
            self.keys.insert(open, index);
        }
        self.keys.get(&open)?.get(key).copied()
    }

    fn string_in(&self, value: usize, s: &str) -> Option<usize> {
        let end = self.container(value).map_or(value + 1, |o| self.close(o));
        let mut i = value;
        while i < end.min(self.text.len()) {
            if self.kind(i) == Some(Kind::Str) && self.string(i) == s {
                return Some(i);
            }
            i = self.next(i);
        }
        None
    }

    /// The byte offset just past 1-based `(line, col)`; `None` before the first line.
    fn limit(&self, (line, col): (usize, usize)) -> Option<usize> {
        let line = line.checked_sub(1)?;
        let start = if line == 0 {
            0
        } else {
            match self.text.match_indices('\n').nth(line - 1) {
                Some((i, _)) => i + 1,
                None => return Some(usize::MAX),
            }
        };
        let on_line = self.text[start..].chars().take_while(|&c| c != '\n');
        Some(start + on_line.take(col).map(char::len_utf8).sum::<usize>())
    }

    /// The token at 1-based `(line, col)` (the last one starting there or before), and
    /// the innermost bracket open around it.
    fn token_at(&self, at: (usize, usize)) -> Option<(usize, Option<usize>)> {
        let limit = self.limit(at)?;
        let (mut last, mut open) = (None, Vec::new());
        for (i, token) in lex(self.text).take_while(|&(i, _)| i < limit) {
            last = Some((i, open.last().copied()));
            match token.kind {
                Kind::Open => open.push(i),
                Kind::Close => {
                    open.pop();
                }
                _ => {}
            }
        }
        last
    }

    /// Where the map key `key` is first used in the map that holds the key at
    /// `(line, col)` (a duplicate the parser stopped at), when that is somewhere else.
    pub(crate) fn first_key(&mut self, at: (usize, usize), key: &str) -> Option<(usize, usize)> {
        let (dup, open) = self.token_at(at)?;
        let first = self.key(open?, key)?;
        (first != dup).then(|| self.pos(first))
    }
}

/// What sits just before byte `offset`, skipping white space and comments: the byte
/// offset right after the previous token (after the closing quote of a text), and for a
/// text in plain double quotes the offset of that closing quote.
pub(crate) struct Before {
    pub(crate) end: usize,
    pub(crate) closing_quote: Option<usize>,
}

/// See [`Before`]. `None` at the start of the text.
pub(crate) fn before(text: &str, offset: usize) -> Option<Before> {
    let (_, t) = lex(text).take_while(|(_, t)| t.start < offset).last()?;
    let end = t.end;
    if t.kind != Kind::Str {
        return Some(Before {
            end,
            closing_quote: None,
        });
    }
    let prefix = text.get(..t.start).unwrap_or("");
    let raw = prefix.ends_with('#') || prefix.ends_with("r\"");
    let hashes = if raw {
        text[end..]
            .bytes()
            .skip(1)
            .take_while(|&b| b == b'#')
            .count()
    } else {
        0
    };
    let closed = text[end..].starts_with('"');
    Some(Before {
        end: (end + usize::from(closed) + hashes).min(text.len()),
        closing_quote: (closed && !raw).then_some(end),
    })
}

/// 1-based (line, column in characters) → byte offset (clamped to the text).
pub(crate) fn offset_of(text: &str, (line, col): (usize, usize)) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    text[line_start..]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// Byte offset → 1-based (line, column in characters).
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = 1 + before.bytes().filter(|&b| b == b'\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, 1 + before[line_start..].chars().count())
}

fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('u') => {
                let hex: String = chars
                    .by_ref()
                    .skip_while(|&c| c == '{')
                    .take_while(|&c| c != '}')
                    .collect();
                if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    out.push(c);
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// The bytes [`Locator::close`] must look at: brackets, and what may start a string, a
/// comment or a character.
const SPECIAL: [bool; 256] = {
    let mut special = [false; 256];
    let mut k = 0;
    let bytes = b"()[]{}\"/'r";
    while k < bytes.len() {
        special[bytes[k] as usize] = true;
        k += 1;
    }
    special
};

/// The tokens of `text`, each with the byte offset where it starts.
fn lex(text: &str) -> impl Iterator<Item = (usize, Lexed)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < text.len() {
            let at = i;
            let (tok, next) = lex_at(text, at);
            i = next;
            if let Some(tok) = tok {
                return Some((at, tok));
            }
        }
        None
    })
}

/// What starts at byte `i`: a token, or `None` for white space or a comment; and where
/// the next one may start (always past `i`, never past the end).
fn lex_at(text: &str, i: usize) -> (Option<Lexed>, usize) {
    let bytes = text.as_bytes();
    let Some(&b) = bytes.get(i) else {
        return (None, bytes.len().max(i));
    };
    let next = |to: usize| to.min(bytes.len()).max(i + 1);
    let token = |kind, start, end: usize, escaped| Lexed {
        kind,
        start,
        end: end.min(bytes.len()),
        escaped,
    };
    let single = |kind| (Some(token(kind, i, i + 1, false)), i + 1);
    match b {
        b'/' if bytes.get(i + 1) == Some(&b'/') => {
            let end = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            (None, next(end))
        }
        b'/' if bytes.get(i + 1) == Some(&b'*') => {
            let mut depth = 0usize;
            let mut j = i;
            while j < bytes.len() {
                if bytes[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if bytes[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            (None, next(j))
        }
        b'"' => {
            let mut j = i + 1;
            let mut escaped = false;
            while j < bytes.len() && bytes[j] != b'"' {
                if bytes[j] == b'\\' {
                    escaped = true;
                    j += 1;
                }
                j += 1;
            }
            (Some(token(Kind::Str, i + 1, j, escaped)), next(j + 1))
        }
        b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => {
            let hashes = bytes[i + 1..].iter().take_while(|&&c| c == b'#').count();
            let open = i + 1 + hashes;
            if bytes.get(open) == Some(&b'"') {
                let closing = format!("\"{}", "#".repeat(hashes));
                let end = text[open + 1..]
                    .find(&closing)
                    .map_or(bytes.len(), |n| open + 1 + n);
                let tok = token(Kind::Str, open + 1, end, false);
                (Some(tok), next(end + closing.len()))
            } else {
                single(Kind::Other)
            }
        }
        b'\'' => {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'\'' {
                if bytes[j] == b'\\' {
                    j += 1;
                }
                j += 1;
            }
            (Some(token(Kind::Other, i, j, false)), next(j + 1))
        }
        b'(' | b'[' | b'{' => single(Kind::Open),
        b')' | b']' | b'}' => single(Kind::Close),
        b',' => single(Kind::Comma),
        b':' => single(Kind::Colon),
        _ if b.is_ascii_alphabetic() || b == b'_' => {
            let end = i + bytes[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_' || **c == b'#')
                .count();
            (Some(token(Kind::Ident, i, end, false)), next(end))
        }
        _ if b.is_ascii_digit() || b == b'-' || b == b'+' || b == b'.' => {
            let end = i
                + 1
                + bytes[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.'))
                    .count();
            (Some(token(Kind::Num, i, end, false)), next(end))
        }
        _ if b.is_ascii_whitespace() => (None, i + 1),
        _ => {
            // Any other character, including the rest of a multi-byte one.
            let len = text[i..].chars().next().map_or(1, char::len_utf8);
            (Some(token(Kind::Other, i, i + len, false)), next(i + len))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"// comment "nodes"
Scenario(
    id: "x",
    nodes: {
        "a": Node(says: ["hi"], options: [
            Choice(text: "one", next: "b"),
            Choice(text: "two \"q\"", next: "zz"),
        ]),
        "b": Node(says: [], select: Some(Select(prompt: "p", next: "end"))),
    },
)"#;

    #[test]
    fn follows_paths_through_structs_maps_and_lists() {
        let mut loc = Locator::new(SRC);
        assert_eq!(loc.find(&[Step::Field("id")]), (3, 9));
        assert_eq!(loc.find(&[Step::Field("nodes"), Step::Key("b")]), (9, 9));
        let path = [
            Step::Field("nodes"),
            Step::Key("a"),
            Step::Field("options"),
            Step::Index(1),
            Step::Field("next"),
        ];
        assert_eq!(loc.find(&path), (7, 45));
        let path = [
            Step::Field("nodes"),
            Step::Key("b"),
            Step::Field("select"),
            Step::Field("next"),
        ];
        assert_eq!(loc.find(&path), (9, 68));
        let path = [Step::Field("nodes"), Step::Key("a"), Step::Str("two \"q\"")];
        assert_eq!(loc.find(&path), (7, 26));
    }

    /// The text literal at 1-based `at`, decoded.
    fn literal_at(text: &str, at: (usize, usize)) -> Option<String> {
        let lexed = lex_at(text, offset_of(text, at)).0?;
        let raw = text.get(lexed.start..lexed.end)?;
        (lexed.kind == Kind::Str).then(|| match lexed.escaped {
            true => unescape(raw),
            false => raw.to_string(),
        })
    }

    #[test]
    fn every_node_option_and_ending_of_the_bundled_files_is_found_at_its_literal() {
        use crate::scenario::load::load_str;
        for file in crate::scenario::bundled() {
            let scenario = load_str(file.text, std::path::Path::new(file.path)).unwrap();
            let mut loc = Locator::new(file.text);
            let mut at = |path: &[Step]| literal_at(file.text, loc.find(path));
            for (id, node) in &scenario.nodes {
                let node_at = [Step::Field("nodes"), Step::Key(id)];
                assert_eq!(at(&node_at).as_deref(), Some(id.as_str()), "{}", file.path);
                for (i, choice) in node.options.iter().enumerate() {
                    let option = [&node_at[..], &[Step::Field("options"), Step::Index(i)]].concat();
                    for (field, value) in [("text", &choice.text), ("next", &choice.next)] {
                        let path = [&option[..], &[Step::Field(field)]].concat();
                        assert_eq!(
                            at(&path).as_deref(),
                            Some(&**value),
                            "{} {id} {i}",
                            file.path
                        );
                    }
                }
            }
            for id in scenario.endings.keys() {
                let path = [Step::Field("endings"), Step::Key(id)];
                assert_eq!(at(&path).as_deref(), Some(id.as_str()), "{}", file.path);
            }
            let start = literal_at(file.text, loc.find(&[Step::Field("start")]));
            assert_eq!(start.as_ref(), Some(&scenario.start), "{}", file.path);
        }
    }

    #[test]
    fn missing_steps_report_the_deepest_found() {
        let mut loc = Locator::new(SRC);
        let path = [Step::Field("nodes"), Step::Key("nope")];
        assert_eq!(loc.find(&path), (4, 12));
        assert_eq!(Locator::new("").find(&[Step::Field("x")]), (1, 1));
    }

    #[test]
    fn positions_count_characters_past_raw_strings_and_lines() {
        let mut loc = Locator::new("S(a: \"é\", b: r#\"x\"#,\n  c: 1)");
        assert_eq!(loc.find(&[Step::Field("b")]), (1, 14));
        assert_eq!(loc.find(&[Step::Field("c")]), (2, 6));
        assert_eq!(loc.raw(loc.token_at((1, 14)).unwrap().0), "x");
        // A column past the end of its line stands for the line's last token.
        assert_eq!(loc.raw(loc.token_at((1, 99)).unwrap().0), ",");
        assert_eq!(loc.token_at((0, 1)), None);
    }

    #[test]
    fn first_key_finds_the_earlier_use_in_the_same_map() {
        let src = "S(a: {\"x\": 1, \"y\": 2}, b: {\"x\": 3, \"x\": 4})";
        let mut loc = Locator::new(src);
        assert_eq!(loc.first_key((1, 36), "x"), Some((1, 28)));
        assert_eq!(loc.first_key((1, 28), "x"), None);
    }

    #[test]
    fn before_skips_comments_and_finds_closing_quotes() {
        let src = "a: \"T\" // c\n  b";
        let b = before(src, src.len() - 1).unwrap();
        assert_eq!((b.end, b.closing_quote), (6, Some(5)));
        let b = before("x: 12  y", 7).unwrap();
        assert_eq!((b.end, b.closing_quote), (5, None));
        assert!(before("  y", 2).is_none());
    }

    #[test]
    fn offset_of_inverts_line_col() {
        let text = "ab\ncé d\nx";
        for offset in [0, 1, 3, 4, 6, 7, 9] {
            assert_eq!(offset_of(text, line_col(text, offset)), offset);
        }
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
        assert_eq!(line_col("x", 99), (1, 2));
    }
}
