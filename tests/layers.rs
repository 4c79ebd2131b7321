//! The layers of `src/`, and the check that imports only point down them.
//!
//! Every module belongs to one layer. A module may use what is in its own unit (the
//! entry of `LAYERS` it falls under, by longest prefix) and in lower layers, never a
//! unit in its own layer or above: then no two units depend on each other, and each
//! layer could become a crate of its own. ARCHITECTURE.md shows the same table.
//!
//! The check reads every `src/**/*.rs` (not `src/main.rs`, the binary, which only calls
//! `cli`) with a small lexer of its own (comments and literals blanked out), follows
//! `use` trees and `crate::`, `super::` and `self::` paths, child modules named without
//! a prefix, and names brought in by `use` (`use crate::scenario;` then
//! `scenario::check::…`). It reads paths, not types: what a re-export hides, it cannot
//! see, so a lower unit may re-export only from units below it (the check flags the
//! re-export itself as an import).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Bottom first. A unit is a module path; a module belongs to the longest unit that is a
/// prefix of its path (so `scenario::model` is in `scenario`, `scenario::analysis::toward`
/// in `scenario::analysis`).
const LAYERS: &[(&str, &[&str])] = &[
    (
        "the sanitiser for printed text; the product's words in Fluent files",
        &["text", "locale"],
    ),
    (
        "the scenario format: model, loading, diagnostics, mood arithmetic, hashes",
        &["scenario"],
    ),
    ("the rubric and the one scoring fold", &["rubric"]),
    ("the exact path analysis", &["scenario::analysis"]),
    ("sessions; the checker", &["engine", "scenario::check"]),
    (
        "the checked library; the scenario map",
        &["scenario::library", "scenario::map"],
    ),
    ("the debrief and its exports", &["debrief"]),
    (
        "the workshop kit; phone votes (both read the debrief)",
        &["kit", "vote"],
    ),
    (
        "records, replay and reports (a record keeps the room's votes)",
        &["records"],
    ),
    ("the Bevy app", &["app"]),
    ("the command line (it starts the app)", &["cli"]),
];

#[test]
fn imports_only_point_down_the_layers() {
    let files = sources();
    assert!(files.len() > 50, "found only {} files in src/", files.len());
    let mut problems = Vec::new();
    for (path, module) in &files {
        let Some(from) = unit_of(module) else {
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        for Reference {
            line, to: target, ..
        } in references(module, &text)
        {
            let Some(to) = unit_of(&target) else {
                continue;
            };
            if to == from {
                continue;
            }
            let (lf, lt) = (layer_of(from), layer_of(to));
            if lt >= lf {
                let rule = if lt == lf {
                    format!(
                        "`{to}` is in the same layer ({lf}: {}); units of one layer do not use each other",
                        LAYERS[lf].0
                    )
                } else {
                    format!(
                        "`{to}` is in layer {lt} ({}), above `{from}` in layer {lf} ({})",
                        LAYERS[lt].0, LAYERS[lf].0
                    )
                };
                problems.push(format!(
                    "{}:{line}: `{from}` uses `crate::{}`: {rule}",
                    path.display(),
                    target.join("::")
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "imports that point up (a module may use its own unit and lower layers only; \
         move what both need down, or move the user up):\n  {}\n\nThe layers, bottom first:\n{}",
        problems.join("\n  "),
        table()
    );
}

/// The app adds no scoring logic: it shows what the engine and the debrief computed and
/// never calls the scoring fold (`rubric::score`) itself, so no screen can score apart
/// from `check --stats`, the CLI and the exports.
#[test]
fn the_app_never_calls_the_scoring_fold() {
    let mut problems = Vec::new();
    for (path, module) in sources() {
        if module.first().map(String::as_str) != Some("app") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for r in references(&module, &text) {
            if r.to.starts_with(&split("rubric::score")) {
                problems.push(format!("{}:{}", path.display(), r.line));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the app uses the scoring fold directly (take the number from the session or the \
         debrief instead): {problems:?}"
    );
}

#[test]
fn every_module_has_a_layer() {
    let files = sources();
    let mut tops: BTreeSet<String> = BTreeSet::new();
    let mut modules: BTreeSet<Vec<String>> = BTreeSet::new();
    for (_, module) in &files {
        if let Some(top) = module.first() {
            tops.insert(top.clone());
        }
        for n in 1..=module.len() {
            modules.insert(module[..n].to_vec());
        }
    }
    let units: Vec<&str> = LAYERS.iter().flat_map(|(_, u)| u.iter().copied()).collect();
    let missing: Vec<&String> = tops
        .iter()
        .filter(|t| !units.contains(&t.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "top-level modules without a layer: {missing:?}; add them to LAYERS in {} and to \
         ARCHITECTURE.md",
        file!()
    );
    let stale: Vec<&&str> = units
        .iter()
        .filter(|u| !modules.contains(&split(u)))
        .collect();
    assert!(
        stale.is_empty(),
        "LAYERS names modules that no longer exist: {stale:?}"
    );
}

/// Modules whose children may still import each other in a circle: none. (The app's were
/// untangled: the session's systems sit above both the conversation and the classroom, the
/// probe's marks are a leaf, the avatar's parts share `avatar::layout`.) An entry here is
/// debt, to be paid back.
const CYCLES_ALLOWED_IN: &[&str] = &[];

/// Inside a module, its children never import each other in a circle (between top-level
/// modules the layers rule). A child counts with everything inside it; what a child takes
/// from its parent, or the parent from a child, is no edge; test modules are left out, as
/// nothing imports them.
#[test]
fn no_two_modules_import_each_other() {
    let files = sources();
    let mut modules: BTreeSet<Vec<String>> = files.iter().map(|(_, m)| m.clone()).collect();
    let mut refs = Vec::new();
    for (path, module) in &files {
        let reading = read(module, &std::fs::read_to_string(path).unwrap());
        modules.extend(reading.modules);
        refs.extend(reading.refs.into_iter().map(|r| (path.clone(), r)));
    }
    // Parent → child → child it imports → (file, line) of the first such import.
    type Edges = BTreeMap<Vec<String>, BTreeMap<String, BTreeMap<String, String>>>;
    let mut edges: Edges = BTreeMap::new();
    for (path, r) in &refs {
        if r.in_test {
            continue;
        }
        let common = r.from.iter().zip(&r.to).take_while(|(a, b)| a == b).count();
        if common == 0 || common >= r.from.len() || common >= r.to.len() {
            continue; // top level (the layers' business), or parent and child
        }
        let parent = r.from[..common].to_vec();
        if !modules.contains(&r.to[..=common])
            || CYCLES_ALLOWED_IN.iter().any(|a| split(a) == parent[..1])
        {
            continue; // an item of the parent, not a child module
        }
        edges
            .entry(parent)
            .or_default()
            .entry(r.from[common].clone())
            .or_default()
            .entry(r.to[common].clone())
            .or_insert_with(|| format!("{}:{}", path.display(), r.line));
    }
    let mut problems = Vec::new();
    for (parent, graph) in &edges {
        let reach = |from: &String| {
            let mut seen: BTreeSet<&String> = BTreeSet::new();
            let mut stack = vec![from];
            while let Some(n) = stack.pop() {
                for t in graph.get(n).into_iter().flat_map(|e| e.keys()) {
                    if seen.insert(t) {
                        stack.push(t);
                    }
                }
            }
            seen
        };
        let mut reported: BTreeSet<&String> = BTreeSet::new();
        for a in graph.keys() {
            if reported.contains(a) || !reach(a).contains(a) {
                continue;
            }
            let circle: Vec<&String> = graph
                .keys()
                .filter(|b| reach(a).contains(b) && reach(b).contains(a))
                .collect();
            reported.extend(circle.iter().copied());
            let p = parent.join("::");
            let names: Vec<String> = circle.iter().map(|c| format!("{p}::{c}")).collect();
            let mut text = format!("{} import each other:", names.join(", "));
            for from in &circle {
                for (to, at) in &graph[*from] {
                    if circle.contains(&to) {
                        let _ = write!(text, "\n    {at}: `{p}::{from}` uses `{p}::{to}`");
                    }
                }
            }
            problems.push(text);
        }
    }
    assert!(
        problems.is_empty(),
        "modules in a circle (outside {CYCLES_ALLOWED_IN:?}); move what they share into one \
         of them, or into a module below both:\n  {}",
        problems.join("\n  ")
    );
}

/// The lexer and the path reader, on a file written to trip them.
#[test]
fn the_reader_finds_paths_in_use_trees_aliases_and_code_but_not_in_comments() {
    let module = split("scenario::check");
    let text = r##"
//! crate::app in a comment
use super::{analysis::{self, Stats}, model::Scenario};
use crate::{debrief as d, rubric::model::Rubric};
pub use library::Entry;
mod library;
/* crate::vote /* nested */ */
fn f() {
    let s = "crate::records";
    let r = r#"crate::kit "quoted" "#;
    let c = '"'; let l: &'static str = "";
    d::export::json(x);
    analysis::toward::f();
    crate::engine::Session::start();
    self::lint::g();
}
mod tests { use super::super::map; }
"##;
    let found: Vec<(usize, String)> = references(&module, text)
        .into_iter()
        .map(|r| (r.line, r.to.join("::")))
        .collect();
    let want = [
        (3, "scenario::analysis"),
        (3, "scenario::analysis::Stats"),
        (3, "scenario::model::Scenario"),
        (4, "debrief"),
        (4, "rubric::model::Rubric"),
        (5, "scenario::check::library::Entry"),
        (12, "debrief::export::json"),
        (13, "scenario::analysis::toward::f"),
        (14, "engine::Session::start"),
        (15, "scenario::check::lint::g"),
        (17, "scenario::map"),
    ];
    let want: Vec<(usize, String)> = want.iter().map(|(l, p)| (*l, p.to_string())).collect();
    assert_eq!(found, want);
}

fn table() -> String {
    let mut out = String::new();
    for (i, (what, units)) in LAYERS.iter().enumerate() {
        let _ = writeln!(out, "  {i}. {} — {what}", units.join(", "));
    }
    out
}

fn split(path: &str) -> Vec<String> {
    path.split("::").map(str::to_string).collect()
}

/// The unit a module path belongs to: the longest prefix that `LAYERS` names.
fn unit_of(module: &[String]) -> Option<&'static str> {
    LAYERS
        .iter()
        .flat_map(|(_, units)| units.iter().copied())
        .filter(|u| {
            let u = split(u);
            module.len() >= u.len() && module[..u.len()] == u[..]
        })
        .max_by_key(|u| u.len())
}

fn layer_of(unit: &str) -> usize {
    LAYERS
        .iter()
        .position(|(_, units)| units.contains(&unit))
        .unwrap()
}

/// Every `.rs` file under `src/` but the binary's `main.rs`, with its module path.
fn sources() -> Vec<(PathBuf, Vec<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && path != root.join("main.rs") {
                let rel = path.strip_prefix(&root).unwrap().with_extension("");
                let mut module: Vec<String> = rel
                    .iter()
                    .map(|c| c.to_string_lossy().into_owned())
                    .collect();
                if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                    module.pop();
                }
                out.push((path, module));
            }
        }
    }
    out.sort();
    out
}

/// The file with comments, strings and character literals replaced by spaces (line
/// breaks kept, so line numbers hold).
fn blank_out(text: &str) -> Vec<char> {
    let c: Vec<char> = text.chars().collect();
    let mut out = c.clone();
    let blank = |out: &mut Vec<char>, from: usize, to: usize| {
        for ch in &mut out[from..to.min(c.len())] {
            if *ch != '\n' {
                *ch = ' ';
            }
        }
    };
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            let end = c[i..]
                .iter()
                .position(|&ch| ch == '\n')
                .map_or(c.len(), |p| i + p);
            blank(&mut out, i, end);
            i = end;
        } else if c[i] == '/' && next == Some('*') {
            let (mut depth, mut j) = (1, i + 2);
            while j < c.len() && depth > 0 {
                if c[j] == '/' && c.get(j + 1) == Some(&'*') {
                    depth += 1;
                    j += 2;
                } else if c[j] == '*' && c.get(j + 1) == Some(&'/') {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i, j);
            i = j;
        } else if (c[i] == 'r' || (c[i] == 'b' && next == Some('r')))
            && (i == 0 || !ident(c[i - 1]))
            && {
                let k = i + if c[i] == 'b' { 2 } else { 1 };
                let hashes = c[k..].iter().take_while(|&&ch| ch == '#').count();
                c.get(k + hashes) == Some(&'"')
            }
        {
            let k = i + if c[i] == 'b' { 2 } else { 1 };
            let hashes = c[k..].iter().take_while(|&&ch| ch == '#').count();
            let mut j = k + hashes + 1;
            while j < c.len() {
                if c[j] == '"'
                    && c[j + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&ch| ch == '#')
                        .count()
                        == hashes
                {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            blank(&mut out, i, j);
            i = j;
        } else if c[i] == '"' {
            let mut j = i + 1;
            while j < c.len() && c[j] != '"' {
                j += if c[j] == '\\' { 2 } else { 1 };
            }
            blank(&mut out, i, j + 1);
            i = j + 1;
        } else if c[i] == '\'' {
            // A character literal ('x', '\n', '\u{1f}'), or else a lifetime ('a).
            if next == Some('\\') {
                let end = c[i + 2..]
                    .iter()
                    .position(|&ch| ch == '\'')
                    .map_or(c.len(), |p| i + 2 + p);
                blank(&mut out, i, end + 1);
                i = end + 1;
            } else if c.get(i + 2) == Some(&'\'') {
                blank(&mut out, i, i + 3);
                i += 3;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Path, // ::
    Punct(char),
}

fn tokens(text: &str) -> Vec<(usize, Token)> {
    let c = blank_out(text);
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            let word = word.strip_prefix("r#").map(str::to_string).unwrap_or(word);
            out.push((line, Token::Ident(word)));
        } else if ch == ':' && c.get(i + 1) == Some(&':') {
            out.push((line, Token::Path));
            i += 2;
        } else if ch.is_ascii_digit() {
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_' || c[i] == '.') {
                i += 1;
            }
        } else {
            out.push((line, Token::Punct(ch)));
            i += 1;
        }
    }
    out
}

/// A path into the crate, resolved from the crate root (`to`), named on `line` inside the
/// module `from` (the file's module, or an inline module in it such as `tests`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Reference {
    line: usize,
    to: Vec<String>,
    from: Vec<String>,
    /// Inside a `#[cfg(test)]` module.
    in_test: bool,
}

/// What one file says: its paths into the crate, and the modules it declares.
struct Reading {
    refs: Vec<Reference>,
    modules: BTreeSet<Vec<String>>,
}

/// Every path into the crate that `text` (the file of `module`) names.
fn references(module: &[String], text: &str) -> Vec<Reference> {
    read(module, text).refs
}

fn read(module: &[String], text: &str) -> Reading {
    let toks = tokens(text);
    let ident = |i: usize| match toks.get(i) {
        Some((_, Token::Ident(w))) => Some(w.as_str()),
        _ => None,
    };
    let is = |i: usize, t: Token| toks.get(i).map(|(_, x)| x) == Some(&t);

    // Child modules (`mod x;` / `mod x {`) per module, and the inline module each token
    // sits in.
    let mut children: BTreeSet<Vec<String>> = BTreeSet::new();
    let mut tests: BTreeSet<Vec<String>> = BTreeSet::new();
    let mut inside: Vec<Vec<String>> = Vec::with_capacity(toks.len());
    let mut stack: Vec<(Vec<String>, usize)> = vec![(module.to_vec(), 0)];
    let mut depth = 0;
    let cfg_test = [
        Token::Punct('#'),
        Token::Punct('['),
        Token::Ident("cfg".to_string()),
        Token::Punct('('),
        Token::Ident("test".to_string()),
        Token::Punct(')'),
        Token::Punct(']'),
    ];
    for i in 0..toks.len() {
        let here = stack.last().unwrap().0.clone();
        if ident(i) == Some("mod")
            && let Some(name) = ident(i + 1)
        {
            let mut child = here.clone();
            child.push(name.to_string());
            children.insert(child.clone());
            let attrs = &toks[i.saturating_sub(cfg_test.len())..i];
            if attrs.iter().map(|(_, t)| t).eq(cfg_test.iter()) || tests.contains(&here) {
                tests.insert(child.clone());
            }
            if is(i + 2, Token::Punct('{')) {
                stack.push((child, depth + 1));
            }
        }
        match toks[i].1 {
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                if stack.len() > 1 && stack.last().unwrap().1 == depth {
                    stack.pop();
                }
                depth -= 1;
            }
            _ => {}
        }
        inside.push(here);
    }

    let mut out: Vec<Reference> = Vec::new();
    let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // `use` trees first (aliases hold for the whole file, as `use super::*` in a test
    // module sees its parent's).
    let mut in_use = vec![false; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        if ident(i) == Some("use") && (i == 0 || !is(i - 1, Token::Path)) {
            let start = i;
            let mut leaves = Vec::new();
            i = use_tree(&toks, i + 1, Vec::new(), &mut leaves);
            for (line, path, name) in leaves {
                let Some(resolved) = resolve(&inside[start], &children, &aliases, &path, true)
                else {
                    continue;
                };
                if let Some(name) = name {
                    aliases.insert(name, resolved.clone());
                }
                out.push(Reference {
                    line,
                    to: resolved,
                    from: inside[start].clone(),
                    in_test: tests.contains(&inside[start]),
                });
            }
            for flag in &mut in_use[start..i.min(toks.len())] {
                *flag = true;
            }
        } else {
            i += 1;
        }
    }
    // Paths in code: `crate::…`, `super::…`, `self::…`, `alias::…`, `child::…`.
    let mut i = 0;
    while i < toks.len() {
        let starts = !in_use[i]
            && ident(i).is_some()
            && is(i + 1, Token::Path)
            && (i == 0 || !is(i - 1, Token::Path));
        if !starts {
            i += 1;
            continue;
        }
        let line = toks[i].0;
        let mut path = vec![ident(i).unwrap().to_string()];
        let mut j = i + 1;
        while is(j, Token::Path)
            && let Some(w) = ident(j + 1)
        {
            path.push(w.to_string());
            j += 2;
        }
        if let Some(to) = resolve(&inside[i], &children, &aliases, &path, false) {
            out.push(Reference {
                line,
                to,
                from: inside[i].clone(),
                in_test: tests.contains(&inside[i]),
            });
        }
        i = j;
    }
    out.sort();
    out.dedup();
    Reading {
        refs: out,
        modules: children,
    }
}

/// Reads a use tree from token `i` on, below `prefix`; pushes each leaf (line, path, the
/// name it brings in). Returns the index after the tree.
fn use_tree(
    toks: &[(usize, Token)],
    mut i: usize,
    mut prefix: Vec<String>,
    leaves: &mut Vec<(usize, Vec<String>, Option<String>)>,
) -> usize {
    if toks.get(i).map(|t| &t.1) == Some(&Token::Path) {
        i += 1; // a leading `::`: an extern crate
        prefix.push("::".to_string());
    }
    loop {
        let Some((line, tok)) = toks.get(i) else {
            return i;
        };
        match tok {
            Token::Ident(w) => {
                let name = w.clone();
                i += 1;
                if toks.get(i).map(|t| &t.1) == Some(&Token::Path) {
                    prefix.push(name);
                    i += 1;
                    continue;
                }
                let mut path = prefix.clone();
                let mut bound = Some(name.clone());
                if name == "self" {
                    bound = prefix.last().cloned();
                } else {
                    path.push(name);
                }
                if matches!(toks.get(i), Some((_, Token::Ident(a))) if a == "as") {
                    bound = match toks.get(i + 1) {
                        Some((_, Token::Ident(alias))) if alias != "_" => Some(alias.clone()),
                        _ => None,
                    };
                    i += 2;
                }
                leaves.push((*line, path, bound));
                return skip_to_end(toks, i);
            }
            Token::Punct('*') => {
                leaves.push((*line, prefix.clone(), None));
                return skip_to_end(toks, i + 1);
            }
            Token::Punct('{') => {
                i += 1;
                loop {
                    match toks.get(i).map(|t| &t.1) {
                        Some(Token::Punct('}')) => return skip_to_end(toks, i + 1),
                        Some(Token::Punct(',')) => i += 1,
                        None => return i,
                        _ => i = use_tree_item(toks, i, prefix.clone(), leaves),
                    }
                }
            }
            _ => return skip_to_end(toks, i),
        }
    }
}

/// One item inside `{…}`: a tree that ends at `,` or `}`.
fn use_tree_item(
    toks: &[(usize, Token)],
    i: usize,
    prefix: Vec<String>,
    leaves: &mut Vec<(usize, Vec<String>, Option<String>)>,
) -> usize {
    let mut nested = toks[i..].to_vec();
    // Cut at the `,` or `}` that ends this item, so the tree reader stops there.
    let mut depth = 0;
    let mut end = nested.len();
    for (k, (_, t)) in nested.iter().enumerate() {
        match t {
            Token::Punct('{') => depth += 1,
            Token::Punct('}') if depth == 0 => {
                end = k;
                break;
            }
            Token::Punct('}') => depth -= 1,
            Token::Punct(',') if depth == 0 => {
                end = k;
                break;
            }
            _ => {}
        }
    }
    nested.truncate(end);
    use_tree(&nested, 0, prefix, leaves);
    i + end
}

/// After a leaf: up to (not past) the `,` or `}` of an enclosing list, or past the `;`.
fn skip_to_end(toks: &[(usize, Token)], mut i: usize) -> usize {
    while let Some((_, t)) = toks.get(i) {
        match t {
            Token::Punct(';') => return i + 1,
            Token::Punct(',') | Token::Punct('}') => return i,
            _ => i += 1,
        }
    }
    i
}

/// A path as written in `module` → the path from the crate root, or `None` when it
/// leads outside the crate (std, a dependency, a local name).
fn resolve(
    module: &[String],
    children: &BTreeSet<Vec<String>>,
    aliases: &BTreeMap<String, Vec<String>>,
    path: &[String],
    in_use: bool,
) -> Option<Vec<String>> {
    let first = path.first()?.as_str();
    let (base, rest): (Vec<String>, &[String]) = match first {
        "crate" => (Vec::new(), &path[1..]),
        "self" => (module.to_vec(), &path[1..]),
        "super" => {
            let ups = path.iter().take_while(|s| *s == "super").count();
            let keep = module.len().checked_sub(ups)?;
            (module[..keep].to_vec(), &path[ups..])
        }
        "::" => return None,
        _ => {
            let mut child = module.to_vec();
            child.push(first.to_string());
            if children.contains(&child) {
                (child, &path[1..])
            } else if let Some(target) = aliases.get(first).filter(|_| !in_use || path.len() > 1) {
                (target.clone(), &path[1..])
            } else {
                return None;
            }
        }
    };
    let mut full = base;
    full.extend(rest.iter().cloned());
    Some(full)
}
