//! The facilitator layer (KW036–KW038, and KW013/KW014 for its texts and numbers): every
//! node it names exists, every option number is one the node has, every norm id is on the
//! fixed list of [`crate::scenario::norms`]. The layer never changes a session, so its
//! findings are warnings; the bundled library has none. Linear in the layer's size.

use super::suggest::with_suggestion;
use super::{Findings, blank};
use crate::scenario::diagnostic::{Code, Text};
use crate::scenario::locate::Step;
use crate::scenario::messages::say;
use crate::scenario::model::Scenario;
use crate::scenario::norms::NORMS;

const LAYER: Step<'static> = Step::Field("facilitator");

/// Runs every rule of this module.
pub(super) fn facilitator(cx: &mut Findings, s: &Scenario) {
    let Some(f) = &s.facilitator else { return };
    if let Some(plan) = &f.plan {
        let at = [LAYER, Step::Field("plan")];
        if plan.minutes == 0 {
            let p = [at[0], at[1], Step::Field("minutes")];
            cx.push(
                Code::OutOfRange,
                &p,
                say!("session-plan-takes-0-minutes"),
                say!("give-minutes-of-whole-session-play"),
            );
        }
        let (small, large) = plan.group;
        if small == 0 || small > large {
            let p = [at[0], at[1], Step::Field("group")];
            cx.push(
                Code::OutOfRange,
                &p,
                say!(
                    "group-size-small-large-is-not",
                    small = small,
                    large = large
                ),
                say!("write-smallest-and-largest-group-e"),
            );
        }
        for field in ["before", "after"] {
            let text = if field == "before" {
                &plan.before
            } else {
                &plan.after
            };
            if blank(text) {
                let p = [at[0], at[1], Step::Field(field)];
                cx.push(
                    Code::EmptyText,
                    &p,
                    say!("session-plan-s-field-is-empty", field = field),
                    say!("write-what-facilitator-says-in-two"),
                );
            }
        }
    }
    for (i, q) in f.questions.iter().enumerate() {
        let at = [LAYER, Step::Field("questions"), Step::Index(i)];
        let what = say!("question-x", number = i + 1);
        target(cx, s, &at, "node", &q.node, &what);
        if blank(&q.ask) || q.listen_for.iter().any(|l| blank(l)) || q.listen_for.is_empty() {
            cx.push(
                Code::EmptyText,
                &at,
                say!("question-x-has-empty-question-or", number = i + 1),
                say!("write-question-and-at-least-one"),
            );
        }
    }
    for (i, c) in f.contested.iter().enumerate() {
        let at = [LAYER, Step::Field("contested"), Step::Index(i)];
        let what = say!("contested-choice-x", number = i + 1);
        if target(cx, s, &at, "node", &c.node, &what) {
            option(cx, s, &at, &c.node, Some(c.option));
        }
        if blank(&c.why) {
            cx.push(
                Code::EmptyText,
                &at,
                say!("contested-choice-x-does-not-say", number = i + 1),
                say!("say-where-trainers-disagree-and-why"),
            );
        }
    }
    for (i, l) in f.links.iter().enumerate() {
        let at = [LAYER, Step::Field("links"), Step::Index(i)];
        let what = say!("link-x", number = i + 1);
        if target(cx, s, &at, "at", &l.at, &what) {
            option(cx, s, &at, &l.at, l.option);
        }
        for norm in &l.norms {
            if !NORMS.iter().any(|n| n.id == norm) {
                let p = [at[0], at[1], at[2], Step::Field("norms"), Step::Str(norm)];
                cx.push(
                    Code::UnknownNorm,
                    &p,
                    say!("link-x-names-norm-norm-which", number = i + 1, norm = norm),
                    with_suggestion(
                        say!("use-vuistregel-vr-or-behoorlijkheidsnorm-bn"),
                        norm,
                        NORMS.iter().map(|n| n.id),
                    ),
                );
            }
        }
        if l.norms.is_empty() || blank(&l.note) {
            cx.push(
                Code::EmptyText,
                &at,
                say!("link-x-names-no-norm-or", number = i + 1),
                say!("name-at-least-one-norm-and"),
            );
        }
    }
}

/// Whether `id` (at `at` → `field`) names a node or an ending; KW036 if not.
fn target(
    cx: &mut Findings,
    s: &Scenario,
    at: &[Step],
    field: &str,
    id: &str,
    what: &Text,
) -> bool {
    if s.nodes.contains_key(id) || s.endings.contains_key(id) {
        return true;
    }
    let mut p = at.to_vec();
    p.push(Step::Field(field));
    cx.push(
        Code::FacilitatorTarget,
        &p,
        say!(
            "x-of-facilitator-layer-names-id",
            what_en = what.en,
            id = id,
            what_nl = what.nl
        ),
        with_suggestion(
            say!("check-spelling-against-node-ids"),
            id,
            s.nodes.keys().chain(s.endings.keys()).map(String::as_str),
        ),
    );
    false
}

/// KW037 when `option` (counted from 1) is not an option or select item of `node`, or
/// names an option of an ending.
fn option(cx: &mut Findings, s: &Scenario, at: &[Step], node: &str, option: Option<usize>) {
    let Some(n) = option else { return };
    let count = s.nodes.get(node).map(|nd| {
        nd.select
            .as_ref()
            .filter(|_| nd.options.is_empty())
            .map_or(nd.options.len(), |sel| sel.items.len())
    });
    let ok = count.is_some_and(|c| (1..=c).contains(&n));
    if !ok {
        let mut p = at.to_vec();
        p.push(Step::Field("option"));
        let message = match count {
            Some(c) => say!("option-n-of-node-does-not", n = n, node = node, count = c),
            None => say!("node-is-ending-it-has-no", node = node, n = n),
        };
        cx.push(
            Code::FacilitatorOption,
            &p,
            message,
            say!("count-options-from-1-in-file"),
        );
    }
}
