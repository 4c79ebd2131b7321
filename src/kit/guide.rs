//! The facilitator guide of a scenario (`klachtwijs guide`): the session plan, the
//! briefing, the conversation node by node in reading order (who says what, where each
//! answer leads), the endings, the discussion questions, the contested choices, the links
//! to the norms and the answer key.
//!
//! The answer key's values come from the one scoring fold through
//! [`crate::debrief::answer_value`], the function behind a debrief's option values. A
//! value depends on what was said before, so each node is measured from one way there:
//! breadth-first from the start, trying a node's answers best first, the first way found
//! (for a node that only a flare-up reaches, with the flare-up).
//!
//! Over 500 lines: the one function that lays the guide out, with the answer key's walk;
//! its words are in `locales/{nl,en}/guide.ftl`.

use std::collections::{HashSet, VecDeque};

use super::page::{Block, Page};
use crate::debrief::{answer_value, fold_answer};
use crate::locale::fluent_strings;
use crate::rubric::model::{ModelRubric, Rubric};
use crate::rubric::score::{Scorer, Tally};
use crate::scenario::model::{Condition, Language, Node, Scenario, Text, Voice};
use crate::scenario::norms;

fluent_strings! {
    /// The words of the guide in one language (`locales/LANG/guide.ftl`).
    struct Words in "guide" {
        texts {
            guide,
            plan,
            minutes,
            group,
            people,
            before,
            after,
            goals,
            briefing,
            role,
            complainant,
            conversation,
            narrator,
            thinks,
            variants,
            one_of,
            flare,
            or_when,
            belongs,
            not_belongs,
            endings,
            questions,
            at,
            listen_for,
            contested,
            option,
            norms,
            key,
            key_note,
            all_belonging,
            wrong_info,
            unreached,
            anger,
            trust,
            flag,
            not,
        }
        lists {
            norm_head: [norm_column_where, norm_column_norm, norm_column_how],
            key_head: [key_column_number, key_column_value, key_column_shows, key_column_pitfalls, key_column_why],
        }
    }
}

fn text(t: &Text, lang: Language) -> &str {
    match lang {
        Language::Nl => &t.nl,
        Language::En => &t.en,
    }
}

fn condition(c: &Condition, w: &Words) -> String {
    match c {
        Condition::AngerAtLeast(n) => format!("{} ≥ {n}", w.anger),
        Condition::AngerBelow(n) => format!("{} < {n}", w.anger),
        Condition::TrustAtLeast(n) => format!("{} ≥ {n}", w.trust),
        Condition::TrustBelow(n) => format!("{} < {n}", w.trust),
        Condition::Flag(f) => format!("{} {f}", w.flag),
        Condition::NotFlag(f) => format!("{} {} {f}", w.not, w.flag),
        Condition::All(cs) => format!(
            "({})",
            cs.iter()
                .map(|c| condition(c, w))
                .collect::<Vec<_>>()
                .join(" & ")
        ),
        Condition::Any(cs) => format!(
            "({})",
            cs.iter()
                .map(|c| condition(c, w))
                .collect::<Vec<_>>()
                .join(" | ")
        ),
    }
}

/// A node in reading order, with the tally and flare state its values are measured from.
struct Visit<'a> {
    id: &'a str,
    node: &'a Node,
    before: Tally,
    flared: bool,
    reached: bool,
}

fn is_select(node: &Node) -> bool {
    node.options.is_empty() && node.select.is_some()
}

/// The indices of a select turn's items that belong.
fn belonging(node: &Node) -> Vec<usize> {
    node.select.as_ref().map_or(Vec::new(), |s| {
        (0..s.items.len()).filter(|&i| s.items[i].belongs).collect()
    })
}

/// Every node in reading order: breadth-first from the start, a node's answers tried
/// best first; then the nodes no way reaches, by id.
fn reading_order<'a>(s: &'a Scenario, scorer: &Scorer) -> Vec<Visit<'a>> {
    let finish = scorer.open_finish(s);
    let mut seen: HashSet<&str> = HashSet::new();
    let mut queue: VecDeque<(&str, Tally, bool)> = VecDeque::new();
    let mut out = Vec::new();
    if s.nodes.contains_key(&s.start) {
        seen.insert(&s.start);
        queue.push_back((&s.start, Tally::new(), false));
    }
    while let Some((id, before, flared)) = queue.pop_front() {
        let Some((key, node)) = s.nodes.get_key_value(id) else {
            continue;
        };
        let mut ways: Vec<(Vec<usize>, Vec<&str>)> = Vec::new();
        if is_select(node) {
            let tos = node.select.iter().flat_map(|s| s.targets()).collect();
            ways.push((belonging(node), tos));
        } else {
            let mut order: Vec<(usize, i32)> = (0..node.options.len())
                .map(|i| (i, answer_value(scorer, &before, finish, node, flared, &[i])))
                .collect();
            order.sort_by_key(|&(i, v)| (std::cmp::Reverse(v), i));
            ways.extend(
                order
                    .into_iter()
                    .map(|(i, _)| (vec![i], node.options[i].targets().collect())),
            );
        }
        for (chosen, tos) in ways {
            for to in tos {
                if s.nodes.contains_key(to) && seen.insert(to) {
                    let mut after = before.clone();
                    fold_answer(&mut after, scorer, node, flared, &chosen);
                    queue.push_back((to, after, false));
                }
            }
        }
        if let Some(f) = &node.flare
            && s.nodes.contains_key(&f.to)
            && seen.insert(&f.to)
        {
            queue.push_back((&f.to, before.clone(), true));
        }
        out.push(Visit {
            id: key,
            node,
            before,
            flared,
            reached: true,
        });
    }
    for (id, node) in &s.nodes {
        if !seen.contains(id.as_str()) {
            out.push(Visit {
                id,
                node,
                before: Tally::new(),
                flared: false,
                reached: false,
            });
        }
    }
    out
}

fn signed(v: i32) -> String {
    match v {
        v if v > 0 => format!("+{v}"),
        v if v < 0 => format!("−{}", -v),
        _ => "0".to_string(),
    }
}

/// Builds the guide of `scenario` with rubric texts and headings in `lang` (scenario
/// texts stay in the scenario's language). Works with and without a facilitator layer.
pub fn page(scenario: &Scenario, rubric: &Rubric, lang: Language) -> Result<Page, String> {
    let model = rubric
        .model(scenario.model)
        .ok_or_else(|| format!("the rubric has no model {}", scenario.model.id()))?;
    let scorer = Scorer::new(model)?;
    let w = match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    };
    let layer = scenario.facilitator.as_ref();
    let mut b = Vec::new();

    if let Some(plan) = layer.and_then(|f| f.plan.as_ref()) {
        b.push(Block::Heading(w.plan.to_string()));
        b.push(Block::Terms(vec![
            (w.minutes.to_string(), format!("{} min", plan.minutes)),
            (
                w.group.to_string(),
                format!("{}–{} {}", plan.group.0, plan.group.1, w.people),
            ),
            (w.before.to_string(), plan.before.clone()),
            (w.after.to_string(), plan.after.clone()),
        ]));
    }
    b.push(Block::Heading(w.goals.to_string()));
    b.push(Block::Bullets {
        items: scenario.learning_goals.clone(),
        check: false,
    });
    b.push(Block::Heading(w.briefing.to_string()));
    b.extend(
        scenario
            .briefing
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(|p| Block::Para(p.trim().to_string())),
    );
    b.push(Block::Terms(vec![
        (w.role.to_string(), scenario.role.clone()),
        (
            w.complainant.to_string(),
            format!(
                "{}: {}",
                scenario.complainant.name, scenario.complainant.background
            ),
        ),
    ]));

    let visits = reading_order(scenario, &scorer);
    conversation(&mut b, scenario, &visits, w);

    b.push(Block::Heading(w.endings.to_string()));
    b.push(Block::Terms(
        scenario
            .endings
            .iter()
            .map(|(id, e)| {
                let last = e
                    .says
                    .as_ref()
                    .map(|l| format!(" “{l}”"))
                    .unwrap_or_default();
                (
                    format!("{} ({id}, {})", e.title, e.outcome.id()),
                    format!("{}{last}", e.narrative),
                )
            })
            .collect(),
    ));

    if let Some(f) = layer {
        if !f.questions.is_empty() {
            b.push(Block::Heading(w.questions.to_string()));
            for q in &f.questions {
                b.push(Block::Sub(format!("{} {}", w.at, q.node)));
                b.push(Block::Para(q.ask.clone()));
                b.push(Block::Para(format!("{}:", w.listen_for)));
                b.push(Block::Bullets {
                    items: q.listen_for.clone(),
                    check: false,
                });
            }
        }
        if !f.contested.is_empty() {
            b.push(Block::Heading(w.contested.to_string()));
            b.push(Block::Terms(
                f.contested
                    .iter()
                    .map(|c| {
                        let said = option_text(scenario, &c.node, c.option)
                            .map(|t| format!(": “{t}”"))
                            .unwrap_or_default();
                        (
                            format!("{}, {} {}{said}", c.node, w.option, c.option),
                            c.why.clone(),
                        )
                    })
                    .collect(),
            ));
        }
        if !f.links.is_empty() {
            b.push(Block::Heading(w.norms.to_string()));
            b.push(Block::Table {
                head: w.norm_head.iter().map(|h| h.to_string()).collect(),
                rows: f
                    .links
                    .iter()
                    .map(|l| {
                        let at = match l.option {
                            Some(o) => format!("{}, {} {o}", l.at, w.option),
                            None => l.at.clone(),
                        };
                        let names: Vec<String> = l
                            .norms
                            .iter()
                            .map(|id| match norms::norm(id) {
                                Some(n) => match lang {
                                    Language::Nl => format!("{} ({})", n.nl, n.group),
                                    Language::En => format!("{} ({})", n.en, n.group),
                                },
                                None => id.clone(),
                            })
                            .collect();
                        vec![at, names.join("; "), l.note.clone()]
                    })
                    .collect(),
            });
        }
    }

    answer_key(&mut b, scenario, model, &scorer, &visits, w, lang);

    Ok(Page {
        lang: lang.code().to_string(),
        title: format!("{}: {}", w.guide, scenario.title),
        subtitle: format!(
            "{} · {} · {} · {} min",
            scenario.summary,
            scenario.organisation,
            text(&model.name, lang),
            scenario.minutes
        ),
        blocks: b,
        columns: false,
    })
}

fn option_text<'a>(s: &'a Scenario, node: &str, option: usize) -> Option<&'a str> {
    let n = s.nodes.get(node)?;
    let i = option.checked_sub(1)?;
    if is_select(n) {
        n.select.as_ref()?.items.get(i).map(|it| it.text.as_str())
    } else {
        n.options.get(i).map(|c| &*c.text)
    }
}

fn conversation(b: &mut Vec<Block>, s: &Scenario, visits: &[Visit], w: &Words) {
    b.push(Block::Heading(w.conversation.to_string()));
    for (k, v) in visits.iter().enumerate() {
        let node = v.node;
        let mut head = format!("{}. {}", k + 1, v.id);
        if !v.reached {
            head.push_str(&format!(" ({})", w.unreached));
        }
        b.push(Block::Sub(head));
        let who = match &node.voice {
            Voice::Complainant => s.complainant.name.clone(),
            Voice::Other(name) => name.clone(),
            Voice::Narrator => w.narrator.to_string(),
        };
        let first = node.says.first().map(String::as_str).unwrap_or_default();
        let more = match node.says.len() {
            0 | 1 => String::new(),
            n => format!(" ({} {n} {})", w.one_of, w.variants),
        };
        b.push(Block::Para(format!("{who}: “{first}”{more}")));
        if let Some(t) = &node.thought {
            b.push(Block::Para(format!(
                "({} {}: {t})",
                s.complainant.name, w.thinks
            )));
        }
        if let Some(f) = &node.flare {
            b.push(Block::Para(format!(
                "{}: {}% → {}",
                w.flare, f.chance, f.to
            )));
        }
        let route = |next: &str, branches: &[crate::scenario::model::Branch]| {
            let mut r = format!("→ {next}");
            for br in branches {
                r.push_str(&format!(
                    "; {} {}: → {}",
                    w.or_when,
                    condition(&br.when, w),
                    br.to
                ));
            }
            r
        };
        if is_select(node) {
            let Some(sel) = &node.select else { continue };
            b.push(Block::Para(sel.prompt.clone()));
            b.push(Block::Ordered(
                sel.items
                    .iter()
                    .map(|it| {
                        let tag = if it.belongs { w.belongs } else { w.not_belongs };
                        format!("{} ({tag})", it.text)
                    })
                    .collect(),
            ));
            b.push(Block::Para(route(&sel.next, &sel.branches)));
        } else {
            b.push(Block::Ordered(
                node.options
                    .iter()
                    .map(|c| format!("“{}” {}", c.text, route(&c.next, &c.branches)))
                    .collect(),
            ));
        }
    }
}

fn answer_key(
    b: &mut Vec<Block>,
    s: &Scenario,
    model: &ModelRubric,
    scorer: &Scorer,
    visits: &[Visit],
    w: &Words,
    lang: Language,
) {
    let finish = scorer.open_finish(s);
    let point = |id: &String| {
        model
            .steps
            .iter()
            .flat_map(|st| &st.points)
            .chain(&model.learning.points)
            .find(|p| &p.id == id)
            .map_or(id.clone(), |p| text(&p.name, lang).to_string())
    };
    let pitfall = |id: &String| {
        model
            .pitfalls
            .iter()
            .find(|p| &p.id == id)
            .map_or(id.clone(), |p| text(&p.name, lang).to_string())
    };
    let tags = |shows: &[String], pitfalls: &[String], wrong: bool| {
        let mut p: Vec<String> = pitfalls.iter().map(pitfall).collect();
        if wrong {
            p.push(w.wrong_info.to_string());
        }
        (
            shows.iter().map(point).collect::<Vec<_>>().join(", "),
            p.join(", "),
        )
    };
    b.push(Block::Heading(w.key.to_string()));
    b.push(Block::Para(w.key_note.to_string()));
    for v in visits {
        let node = v.node;
        let value = |chosen: &[usize]| {
            signed(answer_value(
                scorer, &v.before, finish, node, v.flared, chosen,
            ))
        };
        let mut rows = Vec::new();
        if is_select(node) {
            let Some(sel) = &node.select else { continue };
            for (i, it) in sel.items.iter().enumerate() {
                let (shows, pits) = tags(&it.shows, &it.pitfalls, it.wrong_fact.is_some());
                rows.push(vec![
                    (i + 1).to_string(),
                    value(&[i]),
                    shows,
                    pits,
                    it.explain.clone(),
                ]);
            }
            let all = belonging(node);
            let numbers: Vec<String> = all.iter().map(|i| (i + 1).to_string()).collect();
            rows.push(vec![
                numbers.join("+"),
                value(&all),
                w.all_belonging.to_string(),
                String::new(),
                String::new(),
            ]);
        } else {
            for (i, c) in node.options.iter().enumerate() {
                let (shows, pits) = tags(&c.shows, &c.pitfalls, c.wrong_fact.is_some());
                rows.push(vec![
                    (i + 1).to_string(),
                    value(&[i]),
                    shows,
                    pits,
                    c.explain.to_string(),
                ]);
            }
        }
        b.push(Block::Sub(v.id.to_string()));
        b.push(Block::Table {
            head: w.key_head.iter().map(|h| h.to_string()).collect(),
            rows,
        });
    }
}

/// The node ids in the guide's reading order (for tests and the app).
pub fn node_order(scenario: &Scenario, rubric: &Rubric) -> Vec<String> {
    let Some(model) = rubric.model(scenario.model) else {
        return Vec::new();
    };
    let Ok(scorer) = Scorer::new(model) else {
        return Vec::new();
    };
    reading_order(scenario, &scorer)
        .into_iter()
        .map(|v| v.id.to_string())
        .collect()
}

/// The answer key's numbers: per node in reading order, the value of each option (or
/// select item, alone) in file order, as the guide prints them.
pub fn key_values(scenario: &Scenario, rubric: &Rubric) -> Vec<(String, Vec<i32>)> {
    let Some(model) = rubric.model(scenario.model) else {
        return Vec::new();
    };
    let Ok(scorer) = Scorer::new(model) else {
        return Vec::new();
    };
    let finish = scorer.open_finish(scenario);
    reading_order(scenario, &scorer)
        .into_iter()
        .map(|v| {
            let count = if is_select(v.node) {
                v.node.select.as_ref().map_or(0, |s| s.items.len())
            } else {
                v.node.options.len()
            };
            let values = (0..count)
                .map(|i| answer_value(&scorer, &v.before, finish, v.node, v.flared, &[i]))
                .collect();
            (v.id.to_string(), values)
        })
        .collect()
}
