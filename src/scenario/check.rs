//! The checker: coded diagnostics about a loaded scenario, with line and column.
//!
//! Checks run in four groups: fields (versions, ids, numbers, texts, rubric ids),
//! structure (targets, reachability, dead ends; linear in the scenario's size), static
//! warnings about the content (`lint`: impossible conditions, duplicate texts; `tells`:
//! answer tells such as the good option always being the longest) and, when
//! the structure is sound, the path analysis (steps and pitfalls no path reaches, whether
//! some path earns every step). Positions of semantic findings come from
//! [`Locator`](super::locate::Locator): the parsed scenario has none, so the source
//! text is searched along the path to the value (good enough; see that module).
//!
//! Long because every message and hint is written out in English and Dutch at the spot
//! that finds the problem (one place per message, so the languages cannot drift apart).

use std::collections::BTreeSet;
use std::panic::resume_unwind;
use std::path::Path;
use std::sync::Arc;

use super::analysis::{self, Stats};
use super::diagnostic::{Code, Diagnostic, Text, has_errors, sort};
use super::id_index::IdIndex;
use super::locate::{Locator, Step};
use super::messages::say;
use super::model::{Branch, Complaint, Condition, Outcome, SCENARIO_FORMAT, Scenario};
use crate::rubric::model::{CoreWhen, ModelRubric, Rubric};

mod facilitator;
mod lint;
mod suggest;
mod tells;

use suggest::with_suggestion;

/// Everything `check` found about one file.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// The scenario, when it loaded (it may still have errors).
    pub scenario: Option<Arc<Scenario>>,
    pub diagnostics: Vec<Diagnostic>,
    /// The path analysis, when the scenario loaded without errors.
    pub stats: Option<Stats>,
}

impl CheckReport {
    pub fn has_errors(&self) -> bool {
        has_errors(&self.diagnostics)
    }
}

/// How far a check goes. The path analysis is the costly part (it may search hundreds of
/// thousands of conversation states), so a caller that only needs to know whether a
/// scenario plays, such as the app's library at start-up, skips it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Fields and structure: everything that decides whether the scenario plays.
    Structure,
    /// Structure and the path analysis (findings KW019, KW020, KW023 and the stats).
    Full,
}

/// Checks a loaded scenario. `source` is its RON text, used to find line and column.
pub fn check(scenario: &Scenario, rubric: &Rubric, file: &Path, source: &str) -> Vec<Diagnostic> {
    check_with_stats(scenario, rubric, file, source, Depth::Full).0
}

/// As [`check`] to the given depth, also returning the path analysis (when it ran and the
/// scenario has no errors).
pub fn check_with_stats(
    scenario: &Scenario,
    rubric: &Rubric,
    file: &Path,
    source: &str,
    depth: Depth,
) -> (Vec<Diagnostic>, Option<Stats>) {
    let mut cx = Findings {
        file,
        source,
        loc: None,
        out: Vec::new(),
    };
    let model = rubric.model(scenario.model);
    let analyzed = model.filter(|_| depth == Depth::Full);
    let stats = std::thread::scope(|scope| {
        // Compiling for the analysis asks nothing of the findings, and in a large scenario
        // it takes about as long as the checks (both read the whole model): it starts at
        // once, on a core of its own, and is used only if the checks find no error.
        let compiling =
            analyzed.map(|model| scope.spawn(move || analysis::Compiled::new(scenario, model)));
        fields(&mut cx, scenario, model);
        control_characters_in_ids(&mut cx, scenario);
        structure(&mut cx, scenario);
        facilitator::facilitator(&mut cx, scenario);
        // Whether the analysis runs is decided now: the lints and tells below only warn,
        // so it runs beside them.
        let analysis = compiling.filter(|_| !has_errors(&cx.out)).map(|compiling| {
            scope.spawn(move || {
                let compiled = compiling.join().unwrap_or_else(|p| resume_unwind(p));
                analysis::analyze_compiled(scenario, compiled, analysis::Limits::default())
            })
        });
        lint::lint(&mut cx, scenario);
        tells::tells(&mut cx, scenario);
        analysis.map(|running| running.join().unwrap_or_else(|p| resume_unwind(p)))
    });
    if let (Some(model), Some(s)) = (analyzed, &stats) {
        from_analysis(&mut cx, scenario, model, s);
    }
    let mut out = cx.out;
    sort(&mut out);
    (out, stats)
}

/// Loads and checks file bytes.
pub fn check_bytes(bytes: &[u8], file: &Path, rubric: &Rubric) -> CheckReport {
    check_bytes_to(bytes, file, rubric, Depth::Full)
}

/// As [`check_bytes`] to the given depth.
pub fn check_bytes_to(bytes: &[u8], file: &Path, rubric: &Rubric, depth: Depth) -> CheckReport {
    match super::load::decode(bytes, file) {
        Ok(text) => check_str_to(text, file, rubric, depth),
        Err(diagnostics) => CheckReport {
            diagnostics,
            ..CheckReport::default()
        },
    }
}

/// Loads and checks scenario text.
pub fn check_str(text: &str, file: &Path, rubric: &Rubric) -> CheckReport {
    check_str_to(text, file, rubric, Depth::Full)
}

/// As [`check_str`] to the given depth.
pub fn check_str_to(text: &str, file: &Path, rubric: &Rubric, depth: Depth) -> CheckReport {
    let text = super::load::strip_bom(text);
    match super::load::load_str(text, file) {
        Err(diagnostics) => CheckReport {
            diagnostics,
            ..CheckReport::default()
        },
        Ok(scenario) => {
            let (diagnostics, stats) = check_with_stats(&scenario, rubric, file, text, depth);
            CheckReport {
                scenario: Some(Arc::new(scenario)),
                diagnostics,
                stats,
            }
        }
    }
}

/// Collects findings; lexes the source only when the first finding needs a position.
struct Findings<'a> {
    file: &'a Path,
    source: &'a str,
    loc: Option<Locator<'a>>,
    out: Vec<Diagnostic>,
}

impl Findings<'_> {
    /// The line and column of `path` in the source.
    fn at(&mut self, path: &[Step]) -> (usize, usize) {
        let source = self.source;
        self.loc
            .get_or_insert_with(|| Locator::new(source))
            .find(path)
    }

    fn push(&mut self, code: Code, path: &[Step], message: Text, hint: Text) {
        let at = self.at(path);
        self.out
            .push(Diagnostic::new(code, self.file, at, message, hint));
    }
}

const NODES: Step<'static> = Step::Field("nodes");
const ENDINGS: Step<'static> = Step::Field("endings");

fn scenario_id_ok(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn node_id_ok(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// The hint of every mood number out of range.
fn moods_run_from_0_to_100() -> Text {
    say!("moods-run-from-0-to-100")
}

/// The hint of an empty option or item text.
fn trainee_and_debrief_need_it() -> Text {
    say!("write-it-trainee-and-debrief-need")
}

/// `use one of: a, b, c`.
fn use_one_of(list: &str) -> Text {
    say!("use-one-of-list", list = list)
}

/// Metadata, ids, numbers, texts and rubric ids: everything that needs no graph.
fn fields(cx: &mut Findings, s: &Scenario, model: Option<&ModelRubric>) {
    if s.format != SCENARIO_FORMAT {
        cx.push(
            Code::FormatVersion,
            &[Step::Field("format")],
            say!(
                "format-x-is-not-supported-this",
                format = s.format,
                SCENARIO_FORMAT = SCENARIO_FORMAT
            ),
            say!(
                "write-format-scenario-format-or-update-klachtwijs",
                SCENARIO_FORMAT = SCENARIO_FORMAT
            ),
        );
    }
    if !scenario_id_ok(&s.id) {
        cx.push(
            Code::BadId,
            &[Step::Field("id")],
            say!("scenario-id-x-may-only-hold", id = s.id),
            say!("use-lowercase-letters-digits-and-dashes"),
        );
    }
    if !(1..=5).contains(&s.difficulty) {
        cx.push(
            Code::OutOfRange,
            &[Step::Field("difficulty")],
            say!("difficulty-x-is-outside-1-5", difficulty = s.difficulty),
            say!("use-1-gentle-to-5-hard"),
        );
    }
    if s.minutes == 0 {
        cx.push(
            Code::OutOfRange,
            &[Step::Field("minutes")],
            say!("minutes-must-be-at-least-1"),
            say!("estimate-how-long-one-play-through"),
        );
    }
    for (axis, axis_nl, v) in [
        ("anger", "boosheid", s.complainant.mood.anger),
        ("trust", "vertrouwen", s.complainant.mood.trust),
    ] {
        if v > 100 {
            cx.push(
                Code::OutOfRange,
                &[
                    Step::Field("complainant"),
                    Step::Field("mood"),
                    Step::Field(axis),
                ],
                say!("axis-v-is-above-100", axis = axis, v = v, axis_nl = axis_nl),
                moods_run_from_0_to_100(),
            );
        }
    }
    for (field, text) in [
        ("title", &s.title),
        ("summary", &s.summary),
        ("briefing", &s.briefing),
        ("role", &s.role),
    ] {
        if blank(text) {
            cx.push(
                Code::EmptyText,
                &[Step::Field(field)],
                say!("field-is-empty", field = field),
                say!("write-it-trainees-read-it-before"),
            );
        }
    }
    if model.is_none() {
        cx.push(
            Code::UnknownModel,
            &[Step::Field("model")],
            say!("rubric-has-no-model-x", id = s.model.id()),
            say!("add-model-to-rubric-or-pick"),
        );
    }
    let points: BTreeSet<&str> = model
        .iter()
        .flat_map(|m| {
            m.steps
                .iter()
                .flat_map(|st| &st.points)
                .chain(&m.learning.points)
                .map(|p| p.id.as_str())
        })
        .collect();
    let pitfalls: BTreeSet<&str> = model
        .iter()
        .flat_map(|m| m.pitfalls.iter().map(|p| p.id.as_str()))
        .collect();
    let point_list = points.iter().copied().collect::<Vec<_>>().join(", ");
    let pitfall_list = pitfalls.iter().copied().collect::<Vec<_>>().join(", ");
    let check_ids = |cx: &mut Findings, path: &[Step], shows: &[String], pits: &[String]| {
        if model.is_none() {
            return;
        }
        for id in shows.iter().filter(|id| !points.contains(id.as_str())) {
            let mut p = path.to_vec();
            p.push(Step::Str(id));
            cx.push(
                Code::UnknownPoint,
                &p,
                say!("id-is-not-attention-point-of", id = id, id_2 = s.model.id()),
                with_suggestion(
                    say!("points-of-x-x", id = s.model.id(), point_list = point_list),
                    id,
                    points.iter().copied(),
                ),
            );
        }
        for id in pits.iter().filter(|id| !pitfalls.contains(id.as_str())) {
            let mut p = path.to_vec();
            p.push(Step::Str(id));
            cx.push(
                Code::UnknownPitfall,
                &p,
                say!("id-is-not-pitfall", id = id),
                with_suggestion(use_one_of(&pitfall_list), id, pitfalls.iter().copied()),
            );
        }
    };

    for (id, node) in &s.nodes {
        let at_node = [NODES, Step::Key(id)];
        if !node_id_ok(id) {
            cx.push(
                Code::BadId,
                &at_node,
                say!("node-id-id-may-only-hold", id = id),
                say!("rename-it-e-g-uitleg-regels"),
            );
        }
        if s.endings.contains_key(id) {
            let (line, _) = cx.at(&at_node);
            cx.push(
                Code::DuplicateId,
                &[ENDINGS, Step::Key(id)],
                say!("id-is-already-used-at-line-2", id = id, line = line),
                say!("rename-node-or-ending"),
            );
        }
        if node.says.is_empty() {
            cx.push(
                Code::EmptyText,
                &[NODES, Step::Key(id), Step::Field("says")],
                say!("node-id-has-no-line-in", id = id),
                say!("give-at-least-one-line-two"),
            );
        }
        for (i, line) in node.says.iter().enumerate() {
            if blank(line) {
                cx.push(
                    Code::EmptyText,
                    &[NODES, Step::Key(id), Step::Field("says"), Step::Index(i)],
                    say!("line-x-of-node-id-is", number = i + 1, id = id),
                    say!("write-line-or-remove-it"),
                );
            }
        }
        if let Some(flare) = &node.flare
            && flare.chance > 100
        {
            cx.push(
                Code::OutOfRange,
                &[
                    NODES,
                    Step::Key(id),
                    Step::Field("flare"),
                    Step::Field("chance"),
                ],
                say!("flare-chance-x-is-above-100", chance = flare.chance),
                say!("chance-is-percentage-0-to-100"),
            );
        }
        match (node.options.is_empty(), &node.select) {
            (true, None) => cx.push(
                Code::NodeKind,
                &at_node,
                say!("node-id-has-neither-options-nor", id = id),
                say!("add-options-choice-or-select-some"),
            ),
            (false, Some(_)) => cx.push(
                Code::NodeKind,
                &[NODES, Step::Key(id), Step::Field("select")],
                say!("node-id-has-both-options-and", id = id),
                say!("node-is-either-talk-turn-or"),
            ),
            _ => {}
        }
        if !node.options.is_empty() && !(2..=9).contains(&node.options.len()) {
            cx.push(
                Code::OptionCount,
                &[NODES, Step::Key(id), Step::Field("options")],
                say!(
                    "node-id-has-x-options-give",
                    id = id,
                    count = node.options.len()
                ),
                say!("single-option-is-no-choice-more"),
            );
        }
        if node.options.len() >= 2 && node.options.iter().all(|c| !c.pitfalls.is_empty()) {
            cx.push(
                Code::OnlyPitfalls,
                &[NODES, Step::Key(id), Step::Field("options")],
                say!("every-option-of-node-id-falls", id = id),
                say!("give-trainee-at-least-one-good"),
            );
        }
        for (i, c) in node.options.iter().enumerate() {
            let at = [NODES, Step::Key(id), Step::Field("options"), Step::Index(i)];
            for (field, text) in [("text", &c.text), ("explain", &c.explain)] {
                if blank(text) {
                    let mut p = at.to_vec();
                    p.push(Step::Field(field));
                    cx.push(
                        Code::EmptyText,
                        &p,
                        say!(
                            "option-x-of-node-id-has",
                            number = i + 1,
                            id = id,
                            field = field
                        ),
                        trainee_and_debrief_need_it(),
                    );
                }
            }
            check_ids(cx, &at, &c.shows, &c.pitfalls);
            conditions(cx, &at, &c.branches);
        }
        if let Some(sel) = &node.select {
            let at = [NODES, Step::Key(id), Step::Field("select")];
            if blank(&sel.prompt) {
                let mut p = at.to_vec();
                p.push(Step::Field("prompt"));
                cx.push(
                    Code::EmptyText,
                    &p,
                    say!("select-of-node-id-has-empty", id = id),
                    say!("say-what-to-select-e-g"),
                );
            }
            if !(2..=20).contains(&sel.items.len()) {
                let mut p = at.to_vec();
                p.push(Step::Field("items"));
                cx.push(
                    Code::OptionCount,
                    &p,
                    say!("select-of-node-id-has-x", id = id, count = sel.items.len()),
                    say!("checklist-needs-items-to-choose-from"),
                );
            }
            if sel.items.len() >= 2 && sel.items.iter().all(|it| !it.pitfalls.is_empty()) {
                cx.push(
                    Code::OnlyPitfalls,
                    &at,
                    say!("every-item-of-select-of-node", id = id),
                    say!("include-items-that-do-belong"),
                );
            }
            for (i, item) in sel.items.iter().enumerate() {
                let at_item = [
                    NODES,
                    Step::Key(id),
                    Step::Field("select"),
                    Step::Field("items"),
                    Step::Index(i),
                ];
                for (field, text) in [("text", &item.text), ("explain", &item.explain)] {
                    if blank(text) {
                        let mut p = at_item.to_vec();
                        p.push(Step::Field(field));
                        cx.push(
                            Code::EmptyText,
                            &p,
                            say!(
                                "item-x-of-node-id-has",
                                number = i + 1,
                                id = id,
                                field = field
                            ),
                            trainee_and_debrief_need_it(),
                        );
                    }
                }
                check_ids(cx, &at_item, &item.shows, &item.pitfalls);
            }
            conditions(cx, &at, &sel.branches);
        }
    }
    for (id, ending) in &s.endings {
        if !node_id_ok(id) {
            cx.push(
                Code::BadId,
                &[ENDINGS, Step::Key(id)],
                say!("ending-id-id-may-only-hold", id = id),
                say!("rename-it-e-g-opgelost"),
            );
        }
        for (field, text) in [("title", &ending.title), ("narrative", &ending.narrative)] {
            if blank(text) {
                cx.push(
                    Code::EmptyText,
                    &[ENDINGS, Step::Key(id), Step::Field(field)],
                    say!("ending-id-has-empty-field", id = id, field = field),
                    say!("write-it-trainee-reads-it-at"),
                );
            }
        }
        if let Some(model) = model {
            for step in &ending.not_applicable {
                if !model.steps.iter().any(|k| &k.id == step) {
                    cx.push(
                        Code::UnknownStep,
                        &[
                            ENDINGS,
                            Step::Key(id),
                            Step::Field("not_applicable"),
                            Step::Str(step),
                        ],
                        say!("ending-id-names-step-step-which", id = id, step = step),
                        use_one_of(
                            &model
                                .steps
                                .iter()
                                .map(|k| k.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                    );
                }
            }
        }
    }
    wrong_facts(cx, s);
}

/// A `wrong_fact` must state the correct fact.
fn wrong_facts(cx: &mut Findings, s: &Scenario) {
    for (id, node) in &s.nodes {
        let options = node.options.iter().map(|c| &c.wrong_fact);
        let items = node
            .select
            .iter()
            .flat_map(|sel| sel.items.iter().map(|i| &i.wrong_fact));
        for (i, fact) in options.chain(items).enumerate() {
            if fact.as_deref().is_some_and(blank) {
                let list = if node.options.is_empty() {
                    "select"
                } else {
                    "options"
                };
                cx.push(
                    Code::EmptyText,
                    &[NODES, Step::Key(id), Step::Field(list), Step::Index(i)],
                    say!("node-id-wrong-fact-is-empty", id = id),
                    say!("write-correct-fact-in-one-sentence"),
                );
            }
        }
    }
}

/// Thresholds in branch conditions must be 0..=100.
fn conditions(cx: &mut Findings, at: &[Step], branches: &[Branch]) {
    fn walk(c: &Condition, bad: &mut Vec<u8>) {
        match c {
            Condition::AngerAtLeast(n)
            | Condition::AngerBelow(n)
            | Condition::TrustAtLeast(n)
            | Condition::TrustBelow(n) => {
                if *n > 100 {
                    bad.push(*n);
                }
            }
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| walk(c, bad)),
            Condition::Flag(_) | Condition::NotFlag(_) => {}
        }
    }
    for (i, b) in branches.iter().enumerate() {
        let mut bad = Vec::new();
        walk(&b.when, &mut bad);
        for n in bad {
            let mut p = at.to_vec();
            p.extend([Step::Field("branches"), Step::Index(i), Step::Field("when")]);
            cx.push(
                Code::OutOfRange,
                &p,
                say!("threshold-n-is-above-100-so", n = n),
                moods_run_from_0_to_100(),
            );
        }
    }
}

fn flags_in(c: &Condition, out: &mut Vec<String>) {
    match c {
        Condition::Flag(f) | Condition::NotFlag(f) => out.push(f.clone()),
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| flags_in(c, out)),
        _ => {}
    }
}

/// Targets, start, reachability, dead ends and flags. Linear in the scenario's size.
/// The scenario as a graph: nodes 0..n in file order, then the endings n..total; the
/// edges in compressed form, `edges[start[i]..start[i + 1]]` leaving node i.
struct Graph {
    n: usize,
    total: usize,
    start: Vec<usize>,
    edges: Vec<usize>,
}

impl Graph {
    fn successors(&self, v: usize) -> &[usize] {
        &self.edges[self.start[v]..self.start[v + 1]]
    }

    /// Which nodes can still get to an ending (a search backwards from every ending).
    fn can_finish(&self) -> Vec<bool> {
        let (n, total, edges) = (self.n, self.total, &self.edges);
        let mut rev_start = vec![0usize; total + 1];
        for &t in edges {
            rev_start[t + 1] += 1;
        }
        for i in 0..total {
            rev_start[i + 1] += rev_start[i];
        }
        let mut fill = rev_start.clone();
        let mut rev = vec![0usize; edges.len()];
        for v in 0..n {
            for &t in self.successors(v) {
                rev[fill[t]] = v;
                fill[t] += 1;
            }
        }
        let mut finishes = vec![false; total];
        let mut stack: Vec<usize> = (n..total).collect();
        for &e in &stack {
            finishes[e] = true;
        }
        while let Some(v) = stack.pop() {
            for &u in &rev[rev_start[v]..rev_start[v + 1]] {
                if !finishes[u] {
                    finishes[u] = true;
                    stack.push(u);
                }
            }
        }
        finishes
    }
}

/// A flag a branch condition tests: its name, the node, and where the test is.
type TestedFlag<'s> = (String, &'s str, Vec<Step<'s>>);

/// The structure's findings: targets, the start, flags never set, unreachable nodes and
/// endings, and nodes from which no ending can be reached (dead ends).
fn structure(cx: &mut Findings, s: &Scenario) {
    let (graph, tested, set_flags) = graph_and_targets(cx, s);
    flags_never_set(cx, tested, &set_flags);
    let reachable = start_and_reachability(cx, s, &graph);
    dead_ends(cx, s, &graph, &reachable);
}

/// Builds the graph, with a finding for every target that names no node or ending; also
/// collects the flags answers set and the flags conditions test.
fn graph_and_targets<'s>(
    cx: &mut Findings,
    s: &'s Scenario,
) -> (Graph, Vec<TestedFlag<'s>>, BTreeSet<&'s str>) {
    let n = s.nodes.len();
    let total = n + s.endings.len();
    // A node shadows an ending of the same id, as in the session's lookups.
    let mut index = IdIndex::with_capacity(total);
    for (i, id) in s.endings.keys().enumerate() {
        index.insert(id, n + i);
    }
    for (i, id) in s.nodes.keys().enumerate() {
        index.insert(id, i);
    }
    // Edges in compressed form: `edges[start[i]..start[i + 1]]` leave node i.
    let mut start = Vec::with_capacity(n + 1);
    let mut edges: Vec<usize> = Vec::new();
    let mut set_flags: BTreeSet<&str> = BTreeSet::new();
    let mut tested: Vec<(String, &str, Vec<Step>)> = Vec::new();
    // A target found is an edge; the path and the words of a finding are only made for
    // one that is not (a large scenario has hundreds of thousands of targets).
    let unknown = |cx: &mut Findings, id: &str, to: &str, path: &[Step], what: Text| {
        cx.push(
            Code::UnknownTarget,
            path,
            say!(
                "x-of-node-id-goes-to",
                en = what.en,
                id = id,
                to = to,
                nl = what.nl
            ),
            with_suggestion(
                say!("check-spelling-or-add-node-or"),
                to,
                s.nodes.keys().chain(s.endings.keys()).map(String::as_str),
            ),
        )
    };
    for (id, node) in &s.nodes {
        start.push(edges.len());
        let mut found = |to: &str| index.get(to).map(|&t| edges.push(t)).is_some();
        for (i, c) in node.options.iter().enumerate() {
            let at = [NODES, Step::Key(id), Step::Field("options"), Step::Index(i)];
            if !found(&c.next) {
                let path = [&at[..], &[Step::Field("next")]].concat();
                unknown(cx, id, &c.next, &path, say!("option-x", number = i + 1));
            }
            for (b, br) in c.branches.iter().enumerate() {
                if !found(&br.to) {
                    let path = [
                        &at[..],
                        &[Step::Field("branches"), Step::Index(b), Step::Field("to")],
                    ]
                    .concat();
                    let what = say!("branch-of-option-x", number = i + 1);
                    unknown(cx, id, &br.to, &path, what);
                }
                let mut fl = Vec::new();
                flags_in(&br.when, &mut fl);
                tested.extend(fl.into_iter().map(|f| (f, id.as_str(), at.to_vec())));
            }
            set_flags.extend(c.sets.iter().map(String::as_str));
        }
        if let Some(sel) = &node.select {
            let at = [NODES, Step::Key(id), Step::Field("select")];
            if !found(&sel.next) {
                let path = [&at[..], &[Step::Field("next")]].concat();
                unknown(cx, id, &sel.next, &path, say!("select"));
            }
            for (b, br) in sel.branches.iter().enumerate() {
                if !found(&br.to) {
                    let path = [
                        &at[..],
                        &[Step::Field("branches"), Step::Index(b), Step::Field("to")],
                    ]
                    .concat();
                    unknown(cx, id, &br.to, &path, say!("branch-of-select"));
                }
                let mut fl = Vec::new();
                flags_in(&br.when, &mut fl);
                tested.extend(fl.into_iter().map(|f| (f, id.as_str(), at.to_vec())));
            }
            for item in &sel.items {
                set_flags.extend(item.sets.iter().map(String::as_str));
            }
        }
        if let Some(flare) = &node.flare {
            let path = [
                NODES,
                Step::Key(id),
                Step::Field("flare"),
                Step::Field("to"),
            ];
            match index.get(flare.to.as_str()) {
                Some(&t) if t < n => edges.push(t),
                Some(_) => cx.push(
                    Code::UnknownTarget,
                    &path,
                    say!("flare-of-node-id-goes-to", id = id, to = flare.to),
                    say!("flare-up-leads-to-node-where"),
                ),
                None => cx.push(
                    Code::UnknownTarget,
                    &path,
                    say!("flare-of-node-id-goes-to-2", id = id, to = flare.to),
                    with_suggestion(
                        say!("check-spelling-or-add-node"),
                        &flare.to,
                        s.nodes.keys().map(String::as_str),
                    ),
                ),
            }
        }
    }
    start.push(edges.len());
    let graph = Graph {
        n,
        total,
        start,
        edges,
    };
    (graph, tested, set_flags)
}

fn flags_never_set(cx: &mut Findings, tested: Vec<TestedFlag>, set_flags: &BTreeSet<&str>) {
    for (flag, node, at) in tested {
        if !set_flags.contains(flag.as_str()) {
            let mut p = at;
            p.push(Step::Str(&flag));
            cx.push(
                Code::FlagNeverSet,
                &p,
                say!("node-node-tests-flag-flag-but", node = node, flag = flag),
                with_suggestion(
                    say!("add-sets-flag-to-answer-that", flag = flag),
                    &flag,
                    set_flags.iter().copied(),
                ),
            );
        }
    }
}

/// The start's findings, and which nodes and endings a path reaches (all `false` when
/// the start is no node); unreachable nodes and endings are reported when it is one.
fn start_and_reachability(cx: &mut Findings, s: &Scenario, graph: &Graph) -> Vec<bool> {
    let (n, total) = (graph.n, graph.total);
    // The first node or ending with that id, as the graph numbers them.
    let index = |id: &str| {
        (s.nodes.keys().position(|k| k == id))
            .or_else(|| s.endings.keys().position(|k| k == id).map(|i| n + i))
    };
    let mut reachable = vec![false; total];
    match index(s.start.as_str()) {
        Some(i) if i < n => {
            let mut stack = vec![i];
            reachable[i] = true;
            while let Some(v) = stack.pop() {
                if v >= n {
                    continue;
                }
                for &t in graph.successors(v) {
                    if !reachable[t] {
                        reachable[t] = true;
                        stack.push(t);
                    }
                }
            }
        }
        Some(_) => cx.push(
            Code::Start,
            &[Step::Field("start")],
            say!("start-x-is-ending-not-node", start = s.start),
            say!("start-at-node-where-complainant-speaks"),
        ),
        None => cx.push(
            Code::Start,
            &[Step::Field("start")],
            say!("start-x-is-no-node", start = s.start),
            with_suggestion(
                say!("set-start-to-id-of-first"),
                &s.start,
                s.nodes.keys().map(String::as_str),
            ),
        ),
    }
    let started = reachable.iter().any(|&r| r);
    if started {
        for (i, id) in s.nodes.keys().enumerate() {
            if !reachable[i] {
                cx.push(
                    Code::UnreachableNode,
                    &[NODES, Step::Key(id)],
                    say!("no-path-reaches-node-id", id = id),
                    say!("point-next-branch-or-flare-at"),
                );
            }
        }
        for (i, id) in s.endings.keys().enumerate() {
            if !reachable[n + i] && !s.nodes.contains_key(id) {
                cx.push(
                    Code::UnreachableEnding,
                    &[ENDINGS, Step::Key(id)],
                    say!("no-path-reaches-ending-id", id = id),
                    say!("point-next-or-branch-at-it"),
                );
            }
        }
    }
    reachable
}

/// Nodes from which no ending can be reached, among those a path reaches (or all, when the
/// start is broken).
fn dead_ends(cx: &mut Findings, s: &Scenario, graph: &Graph, reachable: &[bool]) {
    let finishes = graph.can_finish();
    let started = reachable.iter().any(|&r| r);
    for (i, id) in s.nodes.keys().enumerate() {
        if !finishes[i] && (reachable[i] || !started) {
            cx.push(
                Code::DeadEnd,
                &[NODES, Step::Key(id)],
                say!("from-node-id-no-ending-can", id = id),
                say!("give-one-of-its-paths-way"),
            );
        }
    }
}

/// Findings that need the path analysis.
fn from_analysis(cx: &mut Findings, s: &Scenario, model: &ModelRubric, stats: &Stats) {
    let used_pitfalls: BTreeSet<&str> = s
        .nodes
        .values()
        .flat_map(|n| {
            n.options.iter().flat_map(|c| c.pitfalls.iter()).chain(
                n.select
                    .iter()
                    .flat_map(|sel| sel.items.iter().flat_map(|i| i.pitfalls.iter())),
            )
        })
        .map(String::as_str)
        .collect();
    for step in &model.steps {
        if !stats.reachable_steps.contains(&step.id) {
            cx.push(
                Code::UnreachedRubric,
                &[Step::Field("model")],
                say!("no-path-earns-step-x", id = step.id),
                {
                    let points = step
                        .points
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    say!("let-reachable-option-show-one-of", points = points)
                },
            );
        }
    }
    for pit in used_pitfalls {
        if !stats.reachable_pitfalls.iter().any(|p| p == pit) {
            let node = s.nodes.iter().find_map(|(id, n)| {
                n.options
                    .iter()
                    .any(|c| c.pitfalls.iter().any(|p| p == pit))
                    .then_some(id.as_str())
            });
            let path: Vec<Step> = match node {
                Some(id) => vec![NODES, Step::Key(id), Step::Str(pit)],
                None => vec![NODES],
            };
            cx.push(
                Code::UnreachedRubric,
                &path,
                say!("pitfall-pit-is-used-but-no", pit = pit),
                say!("make-node-with-it-reachable-or"),
            );
        }
    }
    if stats.exact && !stats.all_steps_possible && stats.reachable_endings > 0 {
        let missing: Vec<&str> = stats.best.as_ref().map_or(Vec::new(), |best| {
            model
                .steps
                .iter()
                .zip(&best.steps)
                .filter(|(_, v)| **v == 0)
                .map(|(st, _)| st.id.as_str())
                .collect()
        });
        cx.push(
            Code::StepsMissing,
            &[Step::Field("model")],
            say!(
                "no-play-earns-every-step-best",
                best_score = stats.best_score,
                missing = missing.join(", ")
            ),
            say!("add-path-on-which-every-step"),
        );
    }
    let reachable_points: BTreeSet<&str> =
        stats.reachable_points.iter().map(String::as_str).collect();
    for step in &model.steps {
        for point in step.points.iter().filter(|p| p.core != CoreWhen::No) {
            if stats.exact
                && stats.reachable_steps.contains(&step.id)
                && !reachable_points.contains(point.id.as_str())
                && core_applies(s, point.core)
            {
                cx.push(
                    Code::CoreUnreached,
                    &[Step::Field("model")],
                    say!(
                        "no-play-shows-x-core-point",
                        id = point.id,
                        id_2 = step.id,
                        missing_core_cap = model.rules.missing_core_cap
                    ),
                    say!("let-reachable-option-show-it-conditions"),
                );
            }
        }
    }
    if let Some(best) = &stats.best {
        for (step, missing) in model.steps.iter().zip(&best.missing_core) {
            if !missing.is_empty() {
                cx.push(
                    Code::BestMissesCore,
                    &[ENDINGS, Step::Key(&best.ending)],
                    say!(
                        "best-play-score-x-ending-x",
                        score = best.score,
                        ending = best.ending,
                        missing = missing.join(", "),
                        id = step.id
                    ),
                    say!("good-play-should-show-every-core"),
                );
            }
        }
    }
    for range in &stats.per_ending {
        let positive = matches!(range.outcome, Outcome::Resolved | Outcome::Boundary);
        let negative = matches!(range.outcome, Outcome::Escalated | Outcome::Abandoned);
        let low = range.worst.filter(|&w| positive && w <= MISFIT_LOW);
        let high = range.best.filter(|&b| negative && b >= MISFIT_HIGH);
        if let Some(score) = low.or(high) {
            let what = format!("can be reached with a score of {score}");
            cx.push(
                Code::EndingMisfit,
                &[ENDINGS, Step::Key(&range.id)],
                say!(
                    "x-ending-x-what-its-narrative",
                    id = range.outcome.id(),
                    id_2 = range.id,
                    what = what,
                    score = score
                ),
                say!("route-plays-with-many-pitfalls-or"),
            );
        }
    }
    for node in &stats.traps {
        cx.push(
            Code::Trap,
            &[NODES, Step::Key(node)],
            say!("play-can-reach-node-node-in", node = node),
            say!("check-conditions-and-flags-of-branches"),
        );
    }
    if let Some(limit) = &stats.limit {
        cx.push(
            Code::AnalysisLimit,
            &[Step::Field("nodes")],
            say!(
                "path-analysis-is-not-exact-x",
                en = limit.en,
                best_score = stats.best_score,
                worst_score = stats.worst_score,
                nl = limit.nl
            ),
            say!("split-scenario-use-fewer-flags-or"),
        );
    }
}

/// A positive ending reachable at or below this score, or a bad one at or above
/// [`MISFIT_HIGH`], cannot have a narrative that fits every play reaching it.
const MISFIT_LOW: u32 = 30;
const MISFIT_HIGH: u32 = 90;

/// Whether a core point applies to some play of the scenario (its repair route is the
/// scenario's or some ending's).
fn core_applies(s: &Scenario, core: CoreWhen) -> bool {
    let route = |c: Complaint| match c {
        Complaint::Justified => CoreWhen::Justified,
        Complaint::Misunderstanding => CoreWhen::Misunderstanding,
    };
    core == CoreWhen::Always
        || route(s.complaint) == core
        || s.endings
            .values()
            .any(|e| e.complaint.is_some_and(|c| route(c) == core))
}

/// KW005 (`BadId`) for any id (targets, flags, step points, pitfalls) holding a control character:
/// an id is printed in findings and debriefs, and a line break in one could forge a line.
/// (Node, ending and scenario ids have their own character rules in `fields`.)
fn control_characters_in_ids(cx: &mut Findings, s: &Scenario) {
    for (id, node) in &s.nodes {
        let mut ids: Vec<&str> = Vec::new();
        let mut conds: Vec<String> = Vec::new();
        for c in &node.options {
            ids.push(&c.next);
            for list in [&c.shows, &c.pitfalls, &c.sets] {
                ids.extend(list.iter().map(String::as_str));
            }
            for b in &c.branches {
                ids.push(&b.to);
                flags_in(&b.when, &mut conds);
            }
        }
        if let Some(sel) = &node.select {
            ids.push(&sel.next);
            for b in &sel.branches {
                ids.push(&b.to);
                flags_in(&b.when, &mut conds);
            }
            for item in &sel.items {
                for list in [&item.shows, &item.pitfalls, &item.sets] {
                    ids.extend(list.iter().map(String::as_str));
                }
            }
        }
        if let Some(flare) = &node.flare {
            ids.push(&flare.to);
        }
        ids.extend(conds.iter().map(String::as_str));
        if let Some(bad) = ids.iter().find(|i| i.chars().any(char::is_control)) {
            cx.push(
                Code::BadId,
                &[NODES, Step::Key(id)],
                say!(
                    "node-x-uses-id-x-which",
                    value = crate::text::line(id),
                    bad = format!("{:?}", bad)
                ),
                say!("ids-are-plain-words-remove-line"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn fixture(name: &str) -> (PathBuf, String) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/scenarios")
            .join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        (path, text)
    }

    /// `check` compiles for the analysis before it knows whether the file has errors (and
    /// drops the result if it has): compiling must be sound on any file that loads.
    #[test]
    fn compiling_for_the_analysis_is_sound_on_files_with_errors() {
        let rubric = Rubric::bundled();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut with_errors = 0;
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry.unwrap();
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let Ok(scenario) = super::super::load::load_str(&text, entry.path()) else {
                continue;
            };
            let model = rubric.model(scenario.model).unwrap();
            let _ = analysis::Compiled::new(&scenario, model);
            let (diagnostics, stats) =
                check_with_stats(&scenario, rubric, entry.path(), &text, Depth::Full);
            if has_errors(&diagnostics) {
                with_errors += 1;
                assert!(stats.is_none(), "{}", entry.path().display());
            }
        }
        assert!(
            with_errors >= 20,
            "only {with_errors} loaded files with errors"
        );
    }

    #[test]
    fn a_model_missing_from_the_rubric_is_kw022() {
        let mut rubric = Rubric::bundled().clone();
        rubric
            .models
            .retain(|m| m.model != crate::scenario::model::ModelId::Begrenzen);
        let (path, text) = fixture("fixture-grens-mail.ron");
        let report = check_str(&text, &path, &rubric);
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.code == Code::UnknownModel)
            .expect("KW022");
        assert_eq!((d.line, d.col), (14, 12));
        assert_eq!(d.message.nl, "de rubric heeft geen model `begrenzen`");
        assert!(report.stats.is_none());
    }

    #[test]
    fn a_structure_check_skips_the_path_analysis_and_nothing_else() {
        // A model the scenario does not reach every step of: the analysis warns (KW020).
        let (path, text) = fixture("fixture-afvalpas.ron");
        let text = text.replace("shows: [\"thank\"]", "shows: [\"greet\"]");
        let full = check_str(&text, &path, Rubric::bundled());
        assert!(full.stats.is_some());
        let codes = |r: &CheckReport| r.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
        assert!(
            codes(&full).contains(&Code::StepsMissing),
            "{:?}",
            codes(&full)
        );
        let quick = check_str_to(&text, &path, Rubric::bundled(), Depth::Structure);
        assert!(quick.stats.is_none());
        assert!(quick.scenario.is_some());
        let analysis_codes = [
            Code::UnreachedRubric,
            Code::StepsMissing,
            Code::AnalysisLimit,
            Code::CoreUnreached,
            Code::BestMissesCore,
            Code::EndingMisfit,
            Code::Trap,
        ];
        let expected: Vec<Code> = codes(&full)
            .into_iter()
            .filter(|c| !analysis_codes.contains(c))
            .collect();
        assert_eq!(codes(&quick), expected);
    }

    #[test]
    fn an_incomplete_analysis_is_a_note_kw023() {
        let (path, text) = fixture("fixture-afvalpas.ron");
        let report = check_str(&text, &path, Rubric::bundled());
        let scenario = report.scenario.unwrap();
        let stats = Stats {
            exact: false,
            limit: Some(Text::en_nl("a test", "een test")),
            ..report.stats.unwrap()
        };
        let model = Rubric::bundled().model(scenario.model).unwrap();
        let mut cx = Findings {
            file: &path,
            source: &text,
            loc: None,
            out: Vec::new(),
        };
        from_analysis(&mut cx, &scenario, model, &stats);
        let limit: Vec<_> = cx
            .out
            .iter()
            .filter(|d| d.code == Code::AnalysisLimit)
            .collect();
        assert_eq!(limit.len(), 1);
        assert_eq!(
            limit[0].severity,
            crate::scenario::diagnostic::Severity::Note
        );
        assert!(limit[0].message.en.contains("at least"), "{}", limit[0]);
        assert!(limit[0].message.nl.contains("een test"), "{:?}", limit[0]);
    }

    #[test]
    fn analysis_of_the_fixture_finds_the_good_ending_and_every_step() {
        let (path, text) = fixture("fixture-afvalpas.ron");
        let report = check_str(&text, &path, Rubric::bundled());
        let stats = report.stats.unwrap();
        assert!(stats.exact);
        assert_eq!(
            (stats.nodes, stats.endings, stats.reachable_endings),
            (8, 5, 5)
        );
        assert_eq!(
            stats.best.as_ref().map(|b| b.ending.as_str()),
            Some("opgelost")
        );
        assert!(stats.all_steps_possible);
        assert_eq!(stats.reachable_steps.len(), 5);
        assert_eq!(stats.reachable_pitfalls.len(), 4);
        assert!(stats.paths >= 20, "{}", stats.paths);
        assert!(!stats.paths_capped);
        // Rubric v2: the fixture shows no `check_information` or `apologise_mistake`, so
        // two steps stay capped below 100.
        assert!(stats.worst_score < 10 && stats.best_score > 70, "{stats:?}");
        assert_eq!(
            stats
                .best
                .as_ref()
                .and_then(|b| b.path.first())
                .map(|p| p.node.as_str()),
            Some("opening")
        );
    }

    #[test]
    fn ids() {
        assert!(scenario_id_ok("paspoort-pinnen-2"));
        assert!(!scenario_id_ok("Paspoort"));
        assert!(!scenario_id_ok(""));
        assert!(node_id_ok("gesprek_na_brief"));
        assert!(!node_id_ok("met spatie"));
    }
}
