//! The loader's fast path: a serde deserializer for the plain RON that scenario files are
//! written in, two and a half to three times as fast as ron's own (a large file spent
//! most of its load in ron's lexer).
//!
//! It knows only what scenarios use: structs (named or not), maps, lists, tuples,
//! `Some`/`None`, enum variants (bare, with one value, or with fields), decimal integers,
//! `true`/`false`, strings with the common escapes, whitespace and comments. Anything
//! else, and every error, is a [`Bail`] without a message: [`super::load::load_str`] then
//! parses the text with ron, whose errors the diagnostics are made of. So this parser only
//! ever decides what a *valid* plain file means, and must decide it as ron does: the tests
//! compare the two on every bundled scenario and fixture, and on thousands of mutated ones.

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess,
    Visitor,
};

/// "Not plain RON, or not valid": let ron parse it and say why.
#[derive(Debug)]
pub struct Bail;

impl fmt::Display for Bail {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not plain RON")
    }
}

impl std::error::Error for Bail {}

impl de::Error for Bail {
    fn custom<T: fmt::Display>(_: T) -> Bail {
        Bail
    }
}

type Result<T> = std::result::Result<T, Bail>;

/// Nesting (structs, lists, maps, `Some`, variants with values) beyond which it bails.
/// ron counts two or more levels for each of these, so a file it refuses as too deep
/// (`load::MAX_DEPTH`, 64) is always refused here first.
const MAX_NESTING: usize = 24;

/// Parses the whole of `text` (a byte-order mark already stripped) as a `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    let mut p = Parser {
        text,
        src: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    let value = T::deserialize(&mut p)?;
    p.skip()?;
    if p.at == p.src.len() {
        Ok(value)
    } else {
        Err(Bail)
    }
}

struct Parser<'t> {
    text: &'t str,
    src: &'t [u8],
    at: usize,
    depth: usize,
}

fn ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'t> Parser<'t> {
    /// Skips whitespace and comments (block comments nest, as in ron).
    fn skip(&mut self) -> Result<()> {
        loop {
            match self.src.get(self.at) {
                Some(b' ' | b'\n' | b'\t' | b'\r') => self.at += 1,
                Some(b'/') => match self.src.get(self.at + 1) {
                    Some(b'/') => {
                        self.at = match self.src[self.at..].iter().position(|&b| b == b'\n') {
                            Some(n) => self.at + n + 1,
                            None => self.src.len(),
                        }
                    }
                    Some(b'*') => {
                        self.at += 2;
                        let mut level = 1;
                        while level > 0 {
                            match (self.src.get(self.at), self.src.get(self.at + 1)) {
                                (Some(b'/'), Some(b'*')) => {
                                    (level, self.at) = (level + 1, self.at + 2)
                                }
                                (Some(b'*'), Some(b'/')) => {
                                    (level, self.at) = (level - 1, self.at + 2)
                                }
                                (Some(_), _) => self.at += 1,
                                (None, _) => return Err(Bail),
                            }
                        }
                    }
                    _ => return Err(Bail),
                },
                _ => return Ok(()),
            }
        }
    }

    /// The next byte after whitespace and comments.
    fn peek(&mut self) -> Result<Option<u8>> {
        self.skip()?;
        Ok(self.src.get(self.at).copied())
    }

    fn eat(&mut self, b: u8) -> Result<bool> {
        let found = self.peek()? == Some(b);
        self.at += usize::from(found);
        Ok(found)
    }

    fn expect(&mut self, b: u8) -> Result<()> {
        if self.eat(b)? { Ok(()) } else { Err(Bail) }
    }

    /// An identifier (ASCII only; a raw identifier `r#…` bails).
    fn ident(&mut self) -> Result<&'t str> {
        match self.peek()? {
            Some(b) if ident_start(b) => {}
            _ => return Err(Bail),
        }
        let start = self.at;
        while self.src.get(self.at).is_some_and(|&b| ident_byte(b)) {
            self.at += 1;
        }
        if self.src.get(self.at) == Some(&b'#') {
            return Err(Bail);
        }
        Ok(&self.text[start..self.at])
    }

    /// A quoted string; raw strings bail, and so do escapes other than ron's simple ones.
    fn string(&mut self) -> Result<Cow<'t, str>> {
        self.expect(b'"')?;
        let start = self.at;
        let end = start
            + self.src[start..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\')
                .ok_or(Bail)?;
        if self.src[end] == b'"' {
            self.at = end + 1;
            return Ok(Cow::Borrowed(&self.text[start..end]));
        }
        let mut out = String::with_capacity(end - start + 16);
        let mut from = start;
        let mut i = end;
        loop {
            match self.src.get(i) {
                Some(b'"') => {
                    out.push_str(&self.text[from..i]);
                    self.at = i + 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    out.push_str(&self.text[from..i]);
                    out.push(match self.src.get(i + 1) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'\'') => '\'',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'0') => '\0',
                        _ => return Err(Bail),
                    });
                    i += 2;
                    from = i;
                }
                Some(_) => i += 1,
                None => return Err(Bail),
            }
        }
    }

    /// A decimal integer: an optional `-` and digits, no leading zero, nothing glued on.
    fn integer(&mut self) -> Result<i64> {
        self.skip()?;
        let start = self.at;
        let negative = self.src.get(self.at) == Some(&b'-');
        self.at += usize::from(negative);
        let digits = self.at;
        while self.src.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        let n = self.at - digits;
        let glued = self
            .src
            .get(self.at)
            .is_some_and(|&b| ident_byte(b) || b == b'.');
        let zero = self.src.get(digits) == Some(&b'0');
        if n == 0 || glued || (zero && (n > 1 || negative)) {
            return Err(Bail);
        }
        self.text[start..self.at].parse().map_err(|_| Bail)
    }

    /// `open`, what `f` reads one level deeper, then `close`.
    fn within<T>(
        &mut self,
        open: u8,
        close: u8,
        f: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        self.expect(open)?;
        if self.depth >= MAX_NESTING {
            return Err(Bail);
        }
        self.depth += 1;
        let value = f(self);
        self.depth -= 1;
        let value = value?;
        self.expect(close)?;
        Ok(value)
    }

    /// `(field: value, …)`.
    fn fields<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.within(b'(', b')', |p| visitor.visit_map(Commas::new(p, b')')))
    }
}

macro_rules! integers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            match self.integer()? {
                n if n < 0 => visitor.visit_i64(n),
                n => visitor.visit_u64(n as u64),
            }
        }
    )*};
}

macro_rules! bail {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
            Err(Bail)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Parser<'_> {
    type Error = Bail;

    integers!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64);
    bail!(deserialize_any deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_ignored_any);

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(Bail),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Cow::Borrowed(s) => visitor.visit_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_str(self.ident()?)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "None" => visitor.visit_none(),
            "Some" => self.within(b'(', b')', |p| visitor.visit_some(p)),
            _ => Err(Bail),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if self.ident()? == name {
            visitor.visit_unit()
        } else {
            Err(Bail)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value> {
        Err(Bail)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.within(b'[', b']', |p| visitor.visit_seq(Commas::new(p, b']')))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.within(b'(', b')', |p| visitor.visit_seq(Commas::new(p, b')')))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value> {
        Err(Bail)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.within(b'{', b'}', |p| visitor.visit_map(Commas::new(p, b'}')))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // `Name(…)` or `(…)`; another name is an error in ron.
        if self.peek()?.is_some_and(ident_start) && self.ident()? != name {
            return Err(Bail);
        }
        self.fields(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(self)
    }
}

/// The items of a list, map or struct up to `end`: separated by commas, with an
/// optional comma after the last.
struct Commas<'p, 't> {
    p: &'p mut Parser<'t>,
    end: u8,
    /// The previous item was not followed by a comma: only `end` may come.
    closed: bool,
}

impl<'p, 't> Commas<'p, 't> {
    fn new(p: &'p mut Parser<'t>, end: u8) -> Self {
        Commas {
            p,
            end,
            closed: false,
        }
    }

    /// Whether another item follows.
    fn more(&mut self) -> Result<bool> {
        match self.p.peek()? {
            Some(b) if b == self.end => Ok(false),
            _ if self.closed => Err(Bail),
            _ => Ok(true),
        }
    }

    fn after_item(&mut self) -> Result<()> {
        self.closed = !self.p.eat(b',')?;
        Ok(())
    }
}

impl<'de> SeqAccess<'de> for Commas<'_, '_> {
    type Error = Bail;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>> {
        if !self.more()? {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.p)?;
        self.after_item()?;
        Ok(Some(value))
    }
}

impl<'de> MapAccess<'de> for Commas<'_, '_> {
    type Error = Bail;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.more()? {
            return Ok(None);
        }
        let key = seed.deserialize(&mut *self.p)?;
        self.p.expect(b':')?;
        Ok(Some(key))
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value> {
        let value = seed.deserialize(&mut *self.p)?;
        self.after_item()?;
        Ok(value)
    }
}

impl<'de> EnumAccess<'de> for &mut Parser<'_> {
    type Error = Bail;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self)> {
        let variant = seed.deserialize(&mut *self)?;
        Ok((variant, self))
    }
}

impl<'de> VariantAccess<'de> for &mut Parser<'_> {
    type Error = Bail;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value> {
        self.within(b'(', b')', |p| seed.deserialize(p))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(Bail)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.fields(visitor)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;

    use super::from_str;
    use crate::scenario::load::MAX_DEPTH;
    use crate::scenario::model::Scenario;

    /// What ron makes of `text`, as the loader asks it.
    fn by_ron(text: &str) -> Option<Scenario> {
        ron::Options::default()
            .with_recursion_limit(MAX_DEPTH)
            .from_str::<Scenario>(text)
            .ok()
    }

    /// The fast path may refuse what ron accepts, never the other way round, and where
    /// both accept they agree.
    fn agrees(text: &str) -> Result<(), String> {
        match (from_str::<Scenario>(text), by_ron(text)) {
            (Ok(fast), Some(ron)) if fast != ron => Err("both parse, differently".into()),
            (Ok(_), None) => Err("the fast path accepts what ron refuses".into()),
            _ => Ok(()),
        }
    }

    #[test]
    fn every_bundled_scenario_parses_on_the_fast_path_as_ron_parses_it() {
        for b in crate::scenario::bundled() {
            let fast = from_str::<Scenario>(b.text);
            assert!(fast.is_ok(), "{} fell back to ron", b.path);
            assert_eq!(fast.ok(), by_ron(b.text), "{}", b.path);
        }
    }

    #[test]
    fn every_fixture_is_read_as_ron_reads_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut files = 0;
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "ron") {
                let bytes = std::fs::read(entry.path()).unwrap();
                if let Ok(text) = std::str::from_utf8(&bytes) {
                    let text = crate::scenario::load::strip_bom(text);
                    agrees(text).unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
                    files += 1;
                }
            }
        }
        assert!(files > 40, "only {files} fixtures found");
    }

    #[test]
    fn escapes_comments_and_spacing_read_as_in_ron() {
        let base = crate::scenario::bundled()[0].text;
        // (what to replace, with what, whether the fast path reads it itself)
        let edits = [
            (
                "title: \"",
                "title: \"Tab\\there, \\\"quoted\\\", \\\\ and \\n ",
                true,
            ),
            (
                "title: \"",
                "/* a /* nested */ comment */ title: // line\n \"",
                true,
            ),
            ("title: \"", "title: \"\\u{e9} ", false),
            ("title: \"", "title: r\"raw ", false),
            ("difficulty: ", "difficulty: 0", false),
            ("difficulty: ", "difficulty: -0", false),
            ("difficulty: ", "difficulty: +", false),
            ("difficulty: ", "difficulty: 1_", false),
            ("Scenario(", "Scenario (", true),
            ("Scenario(", "(", true),
            ("Scenario(", "#![enable(implicit_some)] Scenario(", false),
            ("Scenario(", "Scenaria(", false),
            ("Scenario(", "r#Scenario(", false),
        ];
        for (from, to, fast) in edits {
            let text = base.replacen(from, to, 1);
            assert_eq!(from_str::<Scenario>(&text).is_ok(), fast, "{to:?}");
            agrees(&text).unwrap_or_else(|e| panic!("{to:?}: {e}"));
        }
    }

    #[test]
    fn a_file_too_deep_for_ron_is_too_deep_here() {
        let base = crate::scenario::bundled()[0].text;
        // A branch whose condition nests `k` levels of `All`.
        let at = base.find("next: \"").expect("an option with a next");
        for k in 0..70 {
            let when = format!("{}Flag(\"f\"){}", "All([".repeat(k), "])".repeat(k));
            let branch = format!("branches: [Branch(when: {when}, to: \"x\")], ");
            let text = format!("{}{branch}{}", &base[..at], &base[at..]);
            agrees(&text).unwrap_or_else(|e| panic!("depth {k}: {e}"));
            if k == 3 {
                assert!(
                    from_str::<Scenario>(&text).is_ok(),
                    "a shallow file is read"
                );
            }
            if k == 69 {
                assert!(by_ron(&text).is_none(), "ron refuses a deep one");
            }
        }
    }

    /// Small edits a hand makes (or a typo): a cut, or one of RON's tokens put in.
    fn edit() -> impl Strategy<Value = (usize, usize, &'static str)> {
        let inserts = prop::sample::select(vec![
            "", ",", "\"", "\\", "(", ")", "[", "]", "{", "}", ":", "/*", "*/", "//", "-", "0",
            "_", " ", "\n", "\r\n", "\r", "\t", "\u{2028}", "Some(", "None", "#", "r#", "'", "é",
            "\\u{41}", "1", "true",
        ]);
        (any::<prop::sample::Index>(), 0usize..4, inserts)
            .prop_map(|(at, cut, insert)| (at.index(usize::MAX), cut, insert))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn a_mutated_scenario_is_read_as_ron_reads_it(
            file in 0usize..64,
            edits in prop::collection::vec(edit(), 1..3),
        ) {
            let bundled = crate::scenario::bundled();
            let mut text = bundled[file % bundled.len()].text.to_string();
            for (at, cut, insert) in edits {
                let mut at = at % (text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + cut).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, insert);
            }
            prop_assert_eq!(agrees(&text), Ok(()));
        }
    }
}
