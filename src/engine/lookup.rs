//! What a session's turns need of a scenario, resolved once per scenario (in
//! [`super::Prepared`]): no turn walks a map of strings.

use rustc_hash::FxHashMap;

use crate::rubric::score::Scorer;
use crate::scenario::model::Scenario;
use crate::scenario::mood::flare_chance;

/// What a turn needs of the scenario, resolved to indices once per scenario: where an id
/// leads, and per node its arrival facts and what each answer does to the score, so a
/// turn looks no node, point or pitfall up by walking a map of strings.
#[derive(Debug)]
pub(super) struct Lookup {
    /// Node or ending id → where it is.
    pub places: FxHashMap<String, Place>,
    /// Per node, in the scenario's node order.
    pub nodes: Vec<NodeFacts>,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Place {
    /// The node's place in [`Lookup::nodes`].
    Node(u32),
    Ending,
}

#[derive(Debug)]
pub(super) struct NodeFacts {
    pub id: String,
    /// The flare's target (`None` when unknown: rolled, but never taken) and its
    /// temperament-adjusted chance.
    pub flare: Option<(Option<u32>, u32)>,
    /// Number of line variants.
    pub says: usize,
    /// Per option (or select item on a select turn), in file order.
    pub answers: Vec<AnswerScore>,
}

#[derive(Debug)]
pub(super) struct AnswerScore {
    pub shows: u64,
    /// Pitfall indices, each once (as [`super::answer_tags`] counts them).
    pub pitfalls: Vec<u8>,
    pub wrong_fact: bool,
}

impl Lookup {
    pub fn new(scenario: &Scenario, scorer: &Scorer) -> Lookup {
        let mut places: FxHashMap<String, Place> = scenario
            .nodes
            .keys()
            .enumerate()
            .map(|(i, id)| (id.clone(), Place::Node(i as u32)))
            .collect();
        let node_index = |id: &str| match places.get(id) {
            Some(Place::Node(i)) => Some(*i),
            _ => None,
        };
        let score = |shows: &[String], pitfalls: &[String], wrong: &Option<Box<str>>| AnswerScore {
            shows: scorer.shows_mask(shows),
            pitfalls: scorer.pitfall_indices(pitfalls),
            wrong_fact: wrong.is_some(),
        };
        let temperament = scenario.complainant.temperament;
        let nodes = scenario
            .nodes
            .iter()
            .map(|(id, node)| NodeFacts {
                id: id.clone(),
                flare: node
                    .flare
                    .as_ref()
                    .map(|f| (node_index(&f.to), flare_chance(f.chance, temperament))),
                says: node.says.len(),
                answers: match node.select.as_ref().filter(|_| node.options.is_empty()) {
                    Some(select) => select
                        .items
                        .iter()
                        .map(|i| score(&i.shows, &i.pitfalls, &i.wrong_fact))
                        .collect(),
                    None => node
                        .options
                        .iter()
                        .map(|c| score(&c.shows, &c.pitfalls, &c.wrong_fact))
                        .collect(),
                },
            })
            .collect();
        // An ending shadows a node of the same id, as the session's lookups always did.
        for id in scenario.endings.keys() {
            places.insert(id.clone(), Place::Ending);
        }
        Lookup { places, nodes }
    }
}
