//! The facilitator layer (KW036–KW038, and KW013/KW014 for its texts and numbers): every
//! node it names exists, every option number is one the node has, every norm id is on the
//! fixed list of [`crate::scenario::norms`]. The layer never changes a session, so its
//! findings are warnings; the bundled library has none. Linear in the layer's size.

use super::suggest::with_suggestion;
use super::{Findings, blank};
use crate::scenario::diagnostic::{Code, Text};
use crate::scenario::locate::Step;
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
                Text::en_nl(
                    "the session plan takes 0 minutes",
                    "het sessieplan duurt 0 minuten",
                ),
                Text::en_nl(
                    "give the minutes of the whole session, play and discussion together",
                    "geef de minuten van de hele sessie, spelen en bespreken samen",
                ),
            );
        }
        let (small, large) = plan.group;
        if small == 0 || small > large {
            let p = [at[0], at[1], Step::Field("group")];
            cx.push(
                Code::OutOfRange,
                &p,
                Text::en_nl(
                    format!("group size ({small}, {large}) is not a range of at least 1"),
                    format!(
                        "groepsgrootte ({small}, {large}) is geen bereik dat bij 1 of hoger begint"
                    ),
                ),
                Text::en_nl(
                    "write the smallest and the largest group, e.g. `group: (6, 16)`",
                    "schrijf de kleinste en de grootste groep, bijvoorbeeld `group: (6, 16)`",
                ),
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
                    Text::en_nl(
                        format!("the session plan's `{field}` is empty"),
                        format!("`{field}` van het sessieplan is leeg"),
                    ),
                    Text::en_nl(
                        "write what the facilitator says, in two or three sentences",
                        "schrijf in twee of drie zinnen wat de begeleider zegt",
                    ),
                );
            }
        }
    }
    for (i, q) in f.questions.iter().enumerate() {
        let at = [LAYER, Step::Field("questions"), Step::Index(i)];
        let what = Text::en_nl(format!("question {}", i + 1), format!("vraag {}", i + 1));
        target(cx, s, &at, "node", &q.node, &what);
        if blank(&q.ask) || q.listen_for.iter().any(|l| blank(l)) || q.listen_for.is_empty() {
            cx.push(
                Code::EmptyText,
                &at,
                Text::en_nl(
                    format!(
                        "question {} has an empty question or nothing to listen for",
                        i + 1
                    ),
                    format!(
                        "vraag {} heeft een lege vraag of niets om naar te luisteren",
                        i + 1
                    ),
                ),
                Text::en_nl(
                    "write the question and at least one thing to listen for",
                    "schrijf de vraag en minstens één ding om naar te luisteren",
                ),
            );
        }
    }
    for (i, c) in f.contested.iter().enumerate() {
        let at = [LAYER, Step::Field("contested"), Step::Index(i)];
        let what = Text::en_nl(
            format!("contested choice {}", i + 1),
            format!("omstreden keuze {}", i + 1),
        );
        if target(cx, s, &at, "node", &c.node, &what) {
            option(cx, s, &at, &c.node, Some(c.option));
        }
        if blank(&c.why) {
            cx.push(
                Code::EmptyText,
                &at,
                Text::en_nl(
                    format!("contested choice {} does not say why", i + 1),
                    format!("omstreden keuze {} zegt niet waarom", i + 1),
                ),
                Text::en_nl(
                    "say where trainers disagree, and why",
                    "zeg waarover trainers het oneens zijn, en waarom",
                ),
            );
        }
    }
    for (i, l) in f.links.iter().enumerate() {
        let at = [LAYER, Step::Field("links"), Step::Index(i)];
        let what = Text::en_nl(format!("link {}", i + 1), format!("koppeling {}", i + 1));
        if target(cx, s, &at, "at", &l.at, &what) {
            option(cx, s, &at, &l.at, l.option);
        }
        for norm in &l.norms {
            if !NORMS.iter().any(|n| n.id == norm) {
                let p = [at[0], at[1], at[2], Step::Field("norms"), Step::Str(norm)];
                cx.push(
                    Code::UnknownNorm,
                    &p,
                    Text::en_nl(
                        format!("link {} names the norm \"{norm}\", which is not on the list", i + 1),
                        format!("koppeling {} noemt de norm \"{norm}\", maar die staat niet op de lijst", i + 1),
                    ),
                    with_suggestion(
                        Text::en_nl(
                            "use a vuistregel (vr_…) or behoorlijkheidsnorm (bn_…) id from docs/scenario-format.md",
                            "gebruik een id van een vuistregel (vr_…) of behoorlijkheidsnorm (bn_…) uit docs/scenario-format.md",
                        ),
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
                Text::en_nl(
                    format!("link {} names no norm or has an empty note", i + 1),
                    format!(
                        "koppeling {} noemt geen norm of heeft een lege `note`",
                        i + 1
                    ),
                ),
                Text::en_nl(
                    "name at least one norm and say in one line how the choice shows it",
                    "noem minstens één norm en zeg in één zin hoe de keuze die laat zien",
                ),
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
        Text::en_nl(
            format!(
                "{} of the facilitator layer names \"{id}\", which is no node or ending",
                what.en
            ),
            format!(
                "{} van de begeleiderslaag noemt \"{id}\", maar dat is geen knoop of einde",
                what.nl
            ),
        ),
        with_suggestion(
            Text::en_nl(
                "check the spelling against the node ids",
                "vergelijk de spelling met de ids van de knopen",
            ),
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
            Some(c) => Text::en_nl(
                format!("option {n} of \"{node}\" does not exist: it has {c}"),
                format!("optie {n} van \"{node}\" bestaat niet: de knoop heeft er {c}"),
            ),
            None => Text::en_nl(
                format!("\"{node}\" is an ending; it has no option {n}"),
                format!("\"{node}\" is een einde; dat heeft geen optie {n}"),
            ),
        };
        cx.push(
            Code::FacilitatorOption,
            &p,
            message,
            Text::en_nl(
                "count the options from 1 in file order; leave `option` out to link an ending or a whole node",
                "tel de opties vanaf 1 in de volgorde van het bestand; laat `option` weg \
                 om een einde of een hele knoop te koppelen",
            ),
        );
    }
}
