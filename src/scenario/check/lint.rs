//! Static warnings that need no path analysis: conditions that can never hold (KW025),
//! the same option or item text twice in one node (KW029) and a select item that belongs
//! but falls into a pitfall (KW030). Each is linear in the size of the scenario.

use rustc_hash::FxHashMap;

use super::{Findings, NODES};
use crate::scenario::diagnostic::{Code, Text};
use crate::scenario::locate::Step;
use crate::scenario::messages::say;
use crate::scenario::model::{Branch, Condition, Scenario};

/// Runs every rule of this module.
pub(super) fn lint(cx: &mut Findings, s: &Scenario) {
    for (id, node) in &s.nodes {
        for (i, c) in node.options.iter().enumerate() {
            let at = [NODES, Step::Key(id), Step::Field("options"), Step::Index(i)];
            impossible(
                cx,
                &at,
                &c.branches,
                || say!("option-x-2", number = i + 1),
                id,
            );
        }
        duplicate_texts(
            cx,
            id,
            node.options.iter().map(|c| &*c.text),
            Step::Field("options"),
            None,
            || say!("options"),
        );
        let Some(sel) = &node.select else { continue };
        let at = [NODES, Step::Key(id), Step::Field("select")];
        impossible(cx, &at, &sel.branches, || say!("select-2"), id);
        duplicate_texts(
            cx,
            id,
            sel.items.iter().map(|it| it.text.as_str()),
            Step::Field("select"),
            Some(Step::Field("items")),
            || say!("text-items"),
        );
        for (i, item) in sel.items.iter().enumerate() {
            if let (true, Some(pit)) = (item.belongs, item.pitfalls.first()) {
                cx.push(
                    Code::BelongsWithPitfall,
                    &[
                        NODES,
                        Step::Key(id),
                        Step::Field("select"),
                        Step::Field("items"),
                        Step::Index(i),
                        Step::Field("belongs"),
                    ],
                    say!(
                        "item-x-of-select-of-node",
                        number = i + 1,
                        id = id,
                        pit = pit
                    ),
                    say!("trainee-who-picks-item-that-belongs"),
                );
            }
        }
    }
}

/// KW029: two options (or items) of one node whose texts are equal after trimming,
/// collapsing white space and case folding.
fn duplicate_texts<'a>(
    cx: &mut Findings,
    id: &str,
    texts: impl Iterator<Item = &'a str>,
    field: Step,
    inner: Option<Step>,
    what: impl Fn() -> Text,
) {
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    let mut words = String::new();
    for (j, text) in texts.enumerate() {
        words.clear();
        for w in text.split_whitespace() {
            if !words.is_empty() {
                words.push(' ');
            }
            words.push_str(w);
        }
        let norm = words.to_lowercase();
        if norm.is_empty() {
            continue; // KW013 reports empty texts
        }
        if let Some(&i) = seen.get(&norm) {
            let what = what();
            let mut path = vec![NODES, Step::Key(id), field];
            path.extend(inner);
            path.extend([Step::Index(j), Step::Field("text")]);
            cx.push(
                Code::DuplicateOption,
                &path,
                say!(
                    "x-x-and-x-of-node",
                    what_en = what.en,
                    number = i + 1,
                    number_2 = j + 1,
                    id = id,
                    what_nl = what.nl
                ),
                say!("trainee-sees-same-answer-twice-reword"),
            );
        } else {
            seen.insert(norm, j);
        }
    }
}

/// KW025: a branch whose condition can never hold (it is never taken), or an alternative
/// of an `Any` that can never hold (it is dead weight).
fn impossible(
    cx: &mut Findings,
    at: &[Step],
    branches: &[Branch],
    what: impl Fn() -> Text,
    id: &str,
) {
    for (b, br) in branches.iter().enumerate() {
        // The whole condition never holds, or one alternative of an `Any` in it.
        let (why, part) = match never_holds(&br.when) {
            Some(why) => (why, "branch"),
            None => match dead_alternative(&br.when) {
                Some(why) => (why, "alternative"),
                None => continue,
            },
        };
        let mut path = at.to_vec();
        path.extend([Step::Field("branches"), Step::Index(b), Step::Field("when")]);
        let what = what();
        cx.push(
            Code::ImpossibleCondition,
            &path,
            say!(
                "condition-never-holds",
                part = part,
                number = b + 1,
                what_en = what.en,
                what_nl = what.nl,
                id = id,
                why_en = why.en,
                why_nl = why.nl
            ),
            say!("condition-never-holds-fix", part = part),
        );
    }
}

/// The first alternative of an `Any` (at any depth) that can never hold, while the
/// condition as a whole can.
fn dead_alternative(c: &Condition) -> Option<Text> {
    match c {
        Condition::Any(cs) => cs
            .iter()
            .find_map(|alt| never_holds(alt).or_else(|| dead_alternative(alt))),
        Condition::All(cs) => cs.iter().find_map(dead_alternative),
        _ => None,
    }
}

/// How many atoms the search may visit per condition; past that it assumes the
/// condition can hold (no warning rather than a wrong one).
const BUDGET: u32 = 10_000;

/// Why `c` can never hold, or `None` when some mood (anger and trust each 0..=100) and
/// set of flags satisfies it. An interval per mood axis and the flags required set or
/// unset, narrowed along each way through the `Any`s (a depth-first search).
pub(super) fn never_holds(c: &Condition) -> Option<Text> {
    let mut budget = BUDGET;
    let mut why = say!("empty-text");
    if satisfiable(vec![c], Space::default(), &mut budget, &mut why) {
        None
    } else {
        Some(why)
    }
}

/// A mood axis by name, as the messages say it.
#[derive(Debug, Clone, Copy)]
struct AxisName {
    en: &'static str,
    nl: &'static str,
}

const ANGER: AxisName = AxisName {
    en: "anger",
    nl: "de boosheid",
};
const TRUST: AxisName = AxisName {
    en: "trust",
    nl: "het vertrouwen",
};

/// Mood values `lo..hi` (0..101 is every mood).
#[derive(Debug, Clone, Copy)]
struct Axis {
    lo: u16,
    hi: u16,
}

impl Default for Axis {
    fn default() -> Axis {
        Axis { lo: 0, hi: 101 }
    }
}

impl Axis {
    /// Keeps the values at least `lo` and below `hi`; `None` while some are left, else
    /// why none is.
    fn narrow(&mut self, lo: u8, hi: Option<u8>, name: AxisName) -> Option<Text> {
        self.lo = self.lo.max(u16::from(lo));
        self.hi = self.hi.min(hi.map_or(101, u16::from));
        self.empty(name)
    }

    /// `None` while some value is left, else why not.
    fn empty(self, name: AxisName) -> Option<Text> {
        let (en, nl) = (name.en, name.nl);
        if self.lo < self.hi {
            None
        } else if self.hi == 0 {
            Some(say!("en-is-never-below-0", en = en, nl = nl))
        } else if self.lo > 100 {
            Some(say!(
                "en-never-reaches-x-mood-runs",
                en = en,
                lo = self.lo,
                nl = nl
            ))
        } else {
            Some(say!(
                "en-would-have-to-be-at",
                en = en,
                lo = self.lo,
                hi = self.hi,
                nl = nl
            ))
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Space<'c> {
    anger: Axis,
    trust: Axis,
    set: Vec<&'c str>,
    unset: Vec<&'c str>,
}

/// Requires the flag `f` in `these` (set or unset); why not, if `others` needs the opposite.
fn require<'c>(f: &'c str, these: &mut Vec<&'c str>, others: &[&'c str]) -> Option<Text> {
    these.push(f);
    others
        .contains(&f)
        .then(|| say!("flag-f-would-have-to-be", f = f))
}

fn satisfiable<'c>(
    mut todo: Vec<&'c Condition>,
    mut sp: Space<'c>,
    budget: &mut u32,
    why: &mut Text,
) -> bool {
    while let Some(c) = todo.pop() {
        if *budget == 0 {
            return true;
        }
        *budget -= 1;
        let failed = match c {
            Condition::AngerAtLeast(n) => sp.anger.narrow(*n, None, ANGER),
            Condition::AngerBelow(n) => sp.anger.narrow(0, Some(*n), ANGER),
            Condition::TrustAtLeast(n) => sp.trust.narrow(*n, None, TRUST),
            Condition::TrustBelow(n) => sp.trust.narrow(0, Some(*n), TRUST),
            Condition::Flag(f) => require(f, &mut sp.set, &sp.unset),
            Condition::NotFlag(f) => require(f, &mut sp.unset, &sp.set),
            Condition::All(cs) => {
                todo.extend(cs.iter().rev());
                None
            }
            Condition::Any(cs) if cs.is_empty() => Some(say!("any-has-no-alternatives-so-it")),
            Condition::Any(cs) => {
                return cs.iter().any(|alt| {
                    let mut t = todo.clone();
                    t.push(alt);
                    satisfiable(t, sp.clone(), budget, why)
                });
            }
        };
        if let Some(reason) = failed {
            *why = reason;
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::ConditionOf::*;

    fn flag(f: &str) -> String {
        f.to_string()
    }

    #[test]
    fn contradictions_are_found_with_a_reason() {
        let cases = [
            (
                All(vec![AngerAtLeast(60), AngerBelow(40)]),
                "anger would have to be at least 60 and below 40",
            ),
            (AngerBelow(0), "anger is never below 0"),
            (TrustBelow(0), "trust is never below 0"),
            (AngerAtLeast(101), "anger never reaches 101"),
            (Any(vec![]), "`Any([])`"),
            (
                All(vec![Flag(flag("x")), NotFlag(flag("x"))]),
                "the flag `x` would have to be both set and not set",
            ),
            (
                All(vec![
                    Any(vec![AngerAtLeast(80), Flag(flag("a"))]),
                    AngerBelow(50),
                    NotFlag(flag("a")),
                ]),
                "",
            ),
        ];
        for (c, why) in cases {
            let found = never_holds(&c).unwrap_or_else(|| panic!("{c:?} can hold?"));
            assert!(found.en.contains(why), "{c:?}: {found:?}");
            assert!(
                !found.nl.is_empty() && found.nl != found.en,
                "{c:?}: {found:?}"
            );
        }
    }

    #[test]
    fn conditions_that_can_hold_pass() {
        for c in [
            AngerAtLeast(100),
            AngerBelow(1),
            TrustAtLeast(0),
            All(vec![]),
            All(vec![AngerAtLeast(40), AngerBelow(60), Flag(flag("x"))]),
            Any(vec![AngerBelow(0), Flag(flag("x"))]),
            All(vec![
                Any(vec![AngerAtLeast(80), Flag(flag("a"))]),
                AngerBelow(50),
            ]),
            All(vec![Flag(flag("x")), NotFlag(flag("y"))]),
        ] {
            assert_eq!(never_holds(&c), None, "{c:?}");
        }
        assert!(dead_alternative(&Any(vec![AngerBelow(0), Flag(flag("x"))])).is_some());
    }
}
