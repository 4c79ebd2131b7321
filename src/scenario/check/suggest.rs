//! "Did you mean …?" for unknown ids: a case-insensitive match, or the closest known id
//! within a small edit distance.

use crate::scenario::diagnostic::Text;
use crate::scenario::messages::say;

/// The known id the author most likely meant by `wrong`, if any: first an id equal to it
/// up to case, else the id with the smallest Levenshtein distance (on lowercase
/// characters) of at most `max(1, len / 3)`, capped at 3. Ties go to the first candidate.
pub(crate) fn did_you_mean<'a>(
    wrong: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = wrong.to_lowercase();
    let wrong_chars: Vec<char> = lower.chars().collect();
    let limit = (wrong_chars.len() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    for id in known {
        if id == wrong {
            continue;
        }
        let id_lower = id.to_lowercase();
        if id_lower == lower {
            return Some(id);
        }
        let d = levenshtein(&wrong_chars, &id_lower.chars().collect::<Vec<_>>(), limit);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, id));
        }
    }
    best.map(|(_, id)| id)
}

/// `hint` after a suggestion, when there is one.
pub(crate) fn with_suggestion<'a>(
    hint: Text,
    wrong: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Text {
    match did_you_mean(wrong, known) {
        Some(id) => say!(
            "did-you-mean",
            id = id,
            hint_en = hint.en,
            hint_nl = hint.nl
        ),
        None => hint,
    }
}

/// The edit distance between `a` and `b`, or `limit + 1` as soon as it must exceed
/// `limit` (two rows, so a long id costs little).
fn levenshtein(a: &[char], b: &[char], limit: usize) -> usize {
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        row[0] = i + 1;
        let mut row_min = row[0];
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            row[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1);
            row_min = row_min.min(row[j + 1]);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lev(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        levenshtein(&a, &b, 99)
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(lev("kitten", "sitting"), 3);
        assert_eq!(lev("", "abc"), 3);
        assert_eq!(lev("uitleg", "uitleg"), 0);
        assert_eq!(lev("éé", "ee"), 2);
    }

    #[test]
    fn suggests_by_case_then_by_distance() {
        let known = ["opening", "uitleg", "Einde", "excuses"];
        assert_eq!(did_you_mean("einde", known), Some("Einde"));
        assert_eq!(did_you_mean("uitlge", known), Some("uitleg"));
        assert_eq!(did_you_mean("excuse", known), Some("excuses"));
        assert_eq!(did_you_mean("x", known), None);
        assert_eq!(did_you_mean("volkomen-anders", known), None);
        assert_eq!(
            with_suggestion(Text::en_nl("fix it", "verbeter het"), "openin", known),
            Text::en_nl(
                "did you mean `opening`? fix it",
                "bedoelt u `opening`? verbeter het"
            )
        );
    }
}
