//! The generated graph of the scale benchmarks (issue 9), written out twice: as a
//! Klachtwijs scenario and as the equivalent bevy_talks `DialogueDatabase`.
//!
//! `n` nodes with three options each; option `k` of node `i` leads to `(3i + k + 1) mod n`,
//! stepping past self-loops and targets an earlier option of the node already has. Every
//! 50th node's third option leads to an ending instead (four endings, taken in turn).
//! Options carry a mix of attention points, pitfalls and mood shifts; every tenth node
//! has a flare-up to its neighbour.

use std::fmt::Write as _;

const POINTS: [&str; 8] = [
    "greet",
    "reflect_emotion",
    "summarise",
    "show_understanding",
    "investigate_facts",
    "offer_solution",
    "check_satisfaction",
    "thank",
];
const PITFALLS: [&str; 3] = ["justifying", "indifference", "provoked"];
const ENDINGS: [(&str, &str); 4] = [
    ("opgelost", "Resolved"),
    ("deels", "PartlyResolved"),
    ("escalatie", "Escalated"),
    ("opgehangen", "Abandoned"),
];

/// Where the three options of node `i` lead: a node index, or `None` for an ending.
pub fn targets(i: usize, n: usize) -> [Option<usize>; 3] {
    let mut out = [None; 3];
    let mut taken: Vec<usize> = Vec::new();
    for (k, slot) in out.iter_mut().enumerate() {
        if k == 2 && i % 50 == 49 {
            break;
        }
        let mut t = (3 * i + k + 1) % n;
        // Step past a self-loop or a target this node already has (n > 4 leaves room).
        while t == i || taken.contains(&t) {
            t = (t + 1) % n;
        }
        taken.push(t);
        *slot = Some(t);
    }
    out
}

/// The ending behind node `i` (a node with `i % 50 == 49`).
fn ending(i: usize) -> &'static str {
    ENDINGS[(i / 50) % ENDINGS.len()].0
}

/// The graph as a Klachtwijs scenario.
pub fn klachtwijs_ron(n: usize) -> String {
    let mut s = String::with_capacity(n * 640);
    s.push_str(
        "Scenario(format: 1, id: \"bench\", title: \"Bench\", language: Nl, summary: \"s\", \
         organisation: \"o\", setting: Phone, difficulty: 3, minutes: 10, model: Klachtengesprek, \
         learning_goals: [], briefing: \"b\", role: \"r\", complainant: Complainant(name: \"n\", \
         background: \"b\", mood: Mood(anger: 60, trust: 40), temperament: Volatile), \
         start: \"n0\", nodes: {\n",
    );
    for i in 0..n {
        let to = |k: usize| match targets(i, n)[k] {
            Some(t) => format!("n{t}"),
            None => ending(i).to_string(),
        };
        let flare = if i % 10 == 5 {
            format!("flare: Some(Flare(chance: 30, to: \"n{}\")), ", (i + 1) % n)
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "  \"n{i}\": Node(says: [\"Regel {i}a\", \"Regel {i}b\"], {flare}options: [\
             Choice(text: \"Goed {i}\", shows: [\"{p}\"], mood: MoodShift(anger: -5, trust: 5), explain: \"e\", next: \"{a}\"), \
             Choice(text: \"Fout {i}\", pitfalls: [\"{f}\"], mood: MoodShift(anger: 10, trust: -5), explain: \"e\", next: \"{b}\"), \
             Choice(text: \"Terug {i}\", shows: [\"ask_open\"], mood: MoodShift(anger: -3), explain: \"e\", next: \"{c}\")]),",
            p = POINTS[i % POINTS.len()],
            f = PITFALLS[i % PITFALLS.len()],
            a = to(0),
            b = to(1),
            c = to(2),
        );
    }
    s.push_str("}, endings: {");
    for (id, outcome) in ENDINGS {
        let _ = write!(
            s,
            "\"{id}\": Ending(outcome: {outcome}, title: \"t\", narrative: \"n\"), "
        );
    }
    s.push_str("})\n");
    s
}

/// The same graph as a bevy_talks database: one conversation, an entry per node (the
/// complainant's line) with a link per option, and an entry per ending.
pub fn bevy_talks_ron(n: usize) -> String {
    let mut s = String::with_capacity(n * 420);
    s.push_str(
        "(version: \"1\", actors: [(id: 1, name: \"Trainee\", is_player: true), \
         (id: 2, name: \"Complainant\", is_player: false)], conversations: [(id: 1, \
         title: \"Bench\", actor: 1, conversant: 2, entries: [\n",
    );
    let end_id = |i: usize| {
        n + ENDINGS
            .iter()
            .position(|(e, _)| *e == ending(i))
            .unwrap_or(0)
    };
    for i in 0..n {
        let links: Vec<String> = (0..3)
            .map(|k| {
                let t = targets(i, n)[k].unwrap_or_else(|| end_id(i));
                format!("(dest_conversation: 1, dest_entry: {t})")
            })
            .collect();
        let _ = writeln!(
            s,
            "  (id: {i}, actor: 2, conversant: 1, menu_text: \"Goed {i}\", dialogue_text: \
             \"Regel {i}a\", is_root: {root}, is_group: false, links: [{links}], fields: \
             [(title: \"points\", value: Text(\"{p}\")), (title: \"pitfall\", value: \
             Text(\"{f}\")), (title: \"anger\", value: Number(-5.0))]),",
            root = i == 0,
            links = links.join(", "),
            p = POINTS[i % POINTS.len()],
            f = PITFALLS[i % PITFALLS.len()],
        );
    }
    for (k, (id, _)) in ENDINGS.iter().enumerate() {
        let _ = writeln!(
            s,
            "  (id: {e}, actor: 2, conversant: 1, menu_text: \"\", dialogue_text: \"{id}\", \
             is_root: false, is_group: false, links: []),",
            e = n + k
        );
    }
    s.push_str("])])\n");
    s
}
