//! Answer tells: patterns that let a trainee pick the good answer without reading it for
//! its content. Three rules, each at most one warning per scenario, over the options of
//! talk turns (select items are a checklist, not a choice between spoken answers):
//!
//! - A *good* option has no pitfalls and at least one attention point; a *pitfall*
//!   option has at least one pitfall; the rest are neutral.
//! - **KW026, length.** A node's *best* option is its pitfall-free option with the most
//!   attention points (at least one); nodes where two options tie for best are skipped.
//!   It *is the longest* when its text (trimmed, in characters) is strictly longer than
//!   every other option's. If the lengths told nothing, a node with k options would have
//!   its best option longest with chance 1/k, so the expected rate is p = mean(1/k) over
//!   the counted nodes. The rule fires when at least [`MIN_NODES`] nodes count, the
//!   observed rate exceeds p by at least [`LENGTH_MARGIN`], and the binomial tail
//!   P(X ≥ observed | n, p) is below [`P_VALUE`]. (The binomial with the mean p is
//!   conservative: the exact count, a Poisson binomial, has a smaller variance.)
//! - **KW027, phrase.** A word bigram (case-insensitive; words are runs of letters,
//!   digits and inner apostrophes, so other punctuation is ignored) that appears in good options of at least
//!   [`PHRASE_NODES`] nodes and in no other option of the scenario. Bigrams of two
//!   function words of the scenario's language ("dat u", "in het", "that you") are
//!   skipped: they say nothing about the answer and would drown the real tells.
//! - **KW028, question mark.** Good options end in `?` (ignoring closing quotes and
//!   brackets) at a rate at least [`QUESTION_GAP`] above pitfall options, with at least
//!   [`QUESTION_MIN`] options of each kind.

use rustc_hash::FxHashMap;

use super::{Findings, NODES};
use crate::scenario::diagnostic::Code;
use crate::scenario::locate::Step;
use crate::scenario::messages::say;
use crate::scenario::model::{Choice, Language, Scenario};

/// Talk turns a length tell needs before it can be told from chance.
pub(crate) const MIN_NODES: usize = 5;
/// How far the observed rate must exceed the chance rate.
pub(crate) const LENGTH_MARGIN: f64 = 0.25;
/// The binomial tail below which the length pattern is not chance. 0.01 rather than 0.05:
/// the rule runs once per scenario over a whole library, and at 0.05 one scenario in
/// twenty would be flagged by chance alone (a 5-turn scenario with two options per turn
/// whose best option is longest in all five has p = 1/32 ≈ 0.031).
pub(crate) const P_VALUE: f64 = 0.01;
/// In how many nodes a phrase of good options must appear.
pub(crate) const PHRASE_NODES: usize = 3;
/// The question-mark rate gap between good and pitfall options.
pub(crate) const QUESTION_GAP: f64 = 0.4;
/// Options of each kind the question-mark rule needs.
pub(crate) const QUESTION_MIN: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Good,
    Pitfall,
    Neutral,
}

fn kind(c: &Choice) -> Kind {
    if !c.pitfalls.is_empty() {
        Kind::Pitfall
    } else if !c.shows.is_empty() {
        Kind::Good
    } else {
        Kind::Neutral
    }
}

/// Runs the three rules.
pub(super) fn tells(cx: &mut Findings, s: &Scenario) {
    length(cx, s);
    phrase(cx, s);
    question(cx, s);
}

/// The path to the text of option `i` of `node`.
fn option_text(node: &str, i: usize) -> [Step<'_>; 5] {
    [
        NODES,
        Step::Key(node),
        Step::Field("options"),
        Step::Index(i),
        Step::Field("text"),
    ]
}

fn chars(text: &str) -> usize {
    text.trim().chars().count()
}

/// A list of ids for a message, at most `max` of them.
fn some_of(ids: &[&str], max: usize) -> String {
    let mut out = ids
        .iter()
        .take(max)
        .map(|id| format!("\"{id}\""))
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > max {
        out.push_str(", …");
    }
    out
}

/// KW026.
fn length(cx: &mut Findings, s: &Scenario) {
    let (mut counted, mut p_sum) = (0usize, 0.0f64);
    // (node, best option, its length, the next longest length)
    let mut hits: Vec<(&str, usize, usize, usize)> = Vec::new();
    for (id, node) in &s.nodes {
        let opts = &node.options;
        if opts.len() < 2 {
            continue;
        }
        let most = opts
            .iter()
            .filter(|c| kind(c) == Kind::Good)
            .map(|c| c.shows.len())
            .max();
        let Some(most) = most else { continue };
        let mut best = (0..opts.len())
            .filter(|&i| kind(&opts[i]) == Kind::Good && opts[i].shows.len() == most);
        // Only a node with one best option counts.
        let (Some(best), None) = (best.next(), best.next()) else {
            continue;
        };
        counted += 1;
        p_sum += 1.0 / opts.len() as f64;
        let len = chars(&opts[best].text);
        let next = (0..opts.len())
            .filter(|&i| i != best)
            .map(|i| chars(&opts[i].text))
            .max()
            .unwrap_or(0);
        if len > next {
            hits.push((id, best, len, next));
        }
    }
    if counted < MIN_NODES {
        return;
    }
    let expected = p_sum / counted as f64;
    let observed = hits.len() as f64 / counted as f64;
    let p = binomial_tail(counted, hits.len(), expected);
    if observed - expected < LENGTH_MARGIN || p >= P_VALUE {
        return;
    }
    // The most telling node: the largest lead of the best option over the next longest.
    let Some(&(node, best, len, next)) = hits
        .iter()
        .max_by(|a, b| (a.2 * b.3.max(1)).cmp(&(b.2 * a.3.max(1))))
    else {
        return;
    };
    let ids: Vec<&str> = hits.iter().map(|h| h.0).collect();
    cx.push(
        Code::TellLength,
        &option_text(node, best),
        say!(
            "best-option-is-longest-in-x",
            hits = hits.len(),
            counted = counted,
            p_sum = format!("{:.1}", p_sum),
            p = format!("{:.3}", p),
            nodes = some_of(&ids, 8)
        ),
        say!(
            "trainees-can-pick-answer-by-its",
            node = node,
            number = best + 1,
            len = len,
            next = next
        ),
    );
}

/// P(X ≥ k) for X ~ Binomial(n, p), summed in log space so large n does not underflow.
pub(crate) fn binomial_tail(n: usize, k: usize, p: f64) -> f64 {
    if k == 0 || p >= 1.0 {
        return 1.0;
    }
    if k > n || p <= 0.0 {
        return 0.0;
    }
    let (lp, lq) = (p.ln(), (1.0 - p).ln());
    let mut log_c = 0.0f64; // ln C(n, j)
    let mut terms = Vec::with_capacity(n + 1 - k);
    for j in 0..=n {
        if j >= k {
            terms.push(log_c + j as f64 * lp + (n - j) as f64 * lq);
        }
        if j < n {
            log_c += ((n - j) as f64).ln() - ((j + 1) as f64).ln();
        }
    }
    let max = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (max + terms.iter().map(|t| (t - max).exp()).sum::<f64>().ln())
        .exp()
        .min(1.0)
}

/// The words of a case-folded text: runs of letters, digits and apostrophes (`i'd` is one
/// word), trimmed of apostrophes at either end. A bigram is two words in a row.
fn words(lower: &str) -> impl Iterator<Item = &str> {
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.trim_matches(['\'', '’']))
        .filter(|w| !w.is_empty())
}

/// The bigrams of `text` into `pairs`, as pairs of word numbers. A word not yet numbered
/// gets the next number if `new_words`, and is otherwise left out with its bigrams.
/// `lower` holds the case-folded text, kept from text to text so that an ASCII text
/// (most) takes no allocation.
fn number_pairs(
    text: &str,
    lower: &mut String,
    numbers: &mut FxHashMap<Box<str>, u32>,
    pairs: &mut Vec<(u32, u32)>,
    new_words: bool,
) {
    lower.clear();
    if text.is_ascii() {
        lower.push_str(text);
        lower.make_ascii_lowercase();
    } else {
        lower.push_str(&text.to_lowercase());
    }
    pairs.clear();
    let mut previous = None;
    for w in words(lower) {
        let n = match numbers.get(w) {
            Some(&n) => Some(n),
            None if new_words => {
                let n = numbers.len() as u32;
                numbers.insert(w.into(), n);
                Some(n)
            }
            None => None,
        };
        if let (Some(p), Some(n)) = (previous, n) {
            pairs.push((p, n));
        }
        previous = n;
    }
}

/// The words by their numbers ([`number_pairs`]).
fn spelled(numbers: &FxHashMap<Box<str>, u32>) -> Vec<&str> {
    let mut spelled = vec![""; numbers.len()];
    for (w, &n) in numbers {
        spelled[n as usize] = w;
    }
    spelled
}

/// Function words: a bigram of two of these is no tell.
fn function_word(lang: Language, w: &str) -> bool {
    const NL: &[&str] = &[
        "aan", "al", "als", "bij", "dan", "dat", "de", "die", "dit", "een", "en", "er", "had",
        "heb", "hebt", "heeft", "het", "hij", "hoe", "ik", "in", "is", "je", "jij", "kan", "kunt",
        "me", "met", "mij", "mijn", "na", "naar", "niet", "nog", "nu", "of", "om", "ook", "op",
        "over", "te", "tot", "u", "uit", "uw", "van", "voor", "wat", "we", "wel", "wie", "wij",
        "wil", "wilt", "zal", "ze", "zich", "zij", "zijn", "zo", "zou",
    ];
    const EN: &[&str] = &[
        "a", "about", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "did",
        "do", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in",
        "is", "it", "me", "my", "not", "of", "on", "or", "our", "she", "so", "that", "the",
        "their", "them", "they", "this", "to", "was", "we", "what", "when", "which", "who", "will",
        "with", "would", "you", "your",
    ];
    match lang {
        Language::Nl => NL.contains(&w),
        Language::En => EN.contains(&w),
    }
}

/// KW027.
fn phrase(cx: &mut Findings, s: &Scenario) {
    // Words are numbered as they come, so a bigram is a pair of numbers and counting one
    // allocates nothing (a large scenario has millions); only a new word is copied.
    let mut numbers: FxHashMap<Box<str>, u32> = FxHashMap::default();
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut lower = String::new();
    // A bigram of good options: in how many nodes, or 0 once some other option uses it
    // (a large scenario has hundreds of thousands; unordered: what is reported is
    // sorted below).
    let mut good: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    let mut in_node: Vec<(u32, u32)> = Vec::new();
    for node in s.nodes.values() {
        in_node.clear();
        for c in node.options.iter().filter(|c| kind(c) == Kind::Good) {
            number_pairs(&c.text, &mut lower, &mut numbers, &mut pairs, true);
            in_node.extend_from_slice(&pairs);
        }
        in_node.sort_unstable();
        in_node.dedup();
        for &pair in &in_node {
            *good.entry(pair).or_insert(0) += 1;
        }
    }
    // Then the other options spoil the good bigrams they use. A word that no good option
    // has is not numbered: no good bigram has it.
    for c in s.nodes.values().flat_map(|node| &node.options) {
        if kind(c) == Kind::Good {
            continue;
        }
        number_pairs(&c.text, &mut lower, &mut numbers, &mut pairs, false);
        for pair in &pairs {
            if let Some(nodes) = good.get_mut(pair) {
                *nodes = 0;
            }
        }
    }
    let spelled = spelled(&numbers);
    // A phrase found: its words, in how many nodes, its word numbers.
    struct Found {
        words: String,
        nodes: u32,
        pair: (u32, u32),
    }
    let mut found: Vec<Found> = good
        .iter()
        .filter(|&(_, &nodes)| nodes as usize >= PHRASE_NODES)
        .filter(|&(&(a, b), _)| {
            !(function_word(s.language, spelled[a as usize])
                && function_word(s.language, spelled[b as usize]))
        })
        .map(|(&(a, b), &nodes)| Found {
            words: format!("{} {}", spelled[a as usize], spelled[b as usize]),
            nodes,
            pair: (a, b),
        })
        .collect();
    if found.is_empty() {
        return;
    }
    found.sort_by(|a, b| b.nodes.cmp(&a.nodes).then(a.words.cmp(&b.words)));
    // The nodes of the top bigram, in order, for the hint, and its first option, where
    // the finding points.
    let mut top_nodes: Vec<&str> = Vec::new();
    let mut first: Option<(&str, usize)> = None;
    for (id, node) in &s.nodes {
        for (i, c) in node.options.iter().enumerate() {
            if kind(c) != Kind::Good {
                continue;
            }
            number_pairs(&c.text, &mut lower, &mut numbers, &mut pairs, false);
            if pairs.contains(&found[0].pair) {
                first.get_or_insert((id, i));
                if top_nodes.last() != Some(&id.as_str()) {
                    top_nodes.push(id);
                }
            }
        }
    }
    let top = &found[0].words;
    let (node, option) = first.unwrap_or(("", 0));
    // (phrase, in how many nodes) for the message in either language.
    let listed = |nodes_word: &str| {
        found
            .iter()
            .take(5)
            .map(|f| format!("\"{}\" ({} {nodes_word})", f.words, f.nodes))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (more_en, more_nl) = match found.len().saturating_sub(5) {
        0 => (String::new(), String::new()),
        n => (format!(" and {n} more"), format!(" en nog {n}")),
    };
    cx.push(
        Code::TellPhrase,
        &option_text(node, option),
        say!(
            "only-good-options-use-x-x",
            words = listed("nodes"),
            more_en = more_en,
            words_nl = listed("knopen"),
            more_nl = more_nl
        ),
        say!(
            "trainees-can-pick-answer-by-its-2",
            top = top,
            nodes = some_of(&top_nodes, 6)
        ),
    );
}

/// Whether an option ends in a question mark, ignoring closing quotes and brackets.
fn asks(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', ')', '”', '’', '»', ' '])
        .ends_with('?')
}

/// KW028.
fn question(cx: &mut Findings, s: &Scenario) {
    let (mut good, mut good_q, mut pit, mut pit_q) = (0usize, 0usize, 0usize, 0usize);
    for c in s.nodes.values().flat_map(|n| &n.options) {
        match kind(c) {
            Kind::Good => {
                good += 1;
                good_q += usize::from(asks(&c.text));
            }
            Kind::Pitfall => {
                pit += 1;
                pit_q += usize::from(asks(&c.text));
            }
            Kind::Neutral => {}
        }
    }
    if good < QUESTION_MIN || pit < QUESTION_MIN {
        return;
    }
    let (gr, pr) = (good_q as f64 / good as f64, pit_q as f64 / pit as f64);
    if gr - pr < QUESTION_GAP {
        return;
    }
    cx.push(
        Code::TellQuestion,
        &[NODES, Step::Key(&s.start)],
        say!(
            "good-q-of-good-good-options-end",
            good_q = good_q,
            good = good,
            good_percent = format!("{:.0}", gr * 100.0),
            pit_q = pit_q,
            pit = pit,
            pit_percent = format!("{:.0}", pr * 100.0)
        ),
        say!("trainees-can-pick-answer-by-its-3"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_binomial_tail_matches_known_values() {
        // n = 10, p = 1/3: P(X ≥ 6) ≈ 0.0766, P(X ≥ 7) ≈ 0.0197.
        assert!((binomial_tail(10, 6, 1.0 / 3.0) - 0.0766).abs() < 1e-3);
        assert!((binomial_tail(10, 7, 1.0 / 3.0) - 0.0197).abs() < 1e-3);
        assert_eq!(binomial_tail(10, 0, 0.5), 1.0);
        assert_eq!(binomial_tail(10, 11, 0.5), 0.0);
        // Large n neither underflows nor panics.
        let t = binomial_tail(100_000, 34_000, 1.0 / 3.0);
        assert!(t > 0.0 && t < 1e-3, "{t}");
    }

    /// The bigrams KW027 counts in `text`, spelled out.
    fn bigrams(text: &str) -> std::collections::BTreeSet<String> {
        let (mut lower, mut numbers, mut pairs) = (String::new(), FxHashMap::default(), Vec::new());
        number_pairs(text, &mut lower, &mut numbers, &mut pairs, true);
        let spelled = spelled(&numbers);
        let word = |n: u32| spelled[n as usize];
        pairs
            .iter()
            .map(|&(a, b)| format!("{} {}", word(a), word(b)))
            .collect()
    }

    #[test]
    fn bigrams_ignore_case_and_punctuation() {
        let g = bigrams("Ik begrijp het. Wat is er, precies?");
        assert!(g.contains("ik begrijp"));
        assert!(g.contains("het wat"));
        assert!(g.contains("er precies"));
        assert_eq!(bigrams("Één").len(), 0);
        assert!(bigrams("I'd like 'that'").contains("i'd like"));
        assert!(bigrams("I'd like 'that'").contains("like that"));
    }

    #[test]
    fn question_marks_behind_quotes_count() {
        assert!(asks("Klopt dat?\" "));
        assert!(asks("(Wat bedoelt u?)"));
        assert!(!asks("Dat klopt."));
    }
}
