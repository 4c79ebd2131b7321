//! Interim entry point: parses scenario files so authors can check syntax while the real
//! command line (issue 2) is being built. Replaced by `cli::main`.

use klachtwijs::scenario::model::Scenario;

fn main() {
    let mut failed = false;
    for path in std::env::args().skip(2) {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("{path}: {err}");
                failed = true;
                continue;
            }
        };
        match ron::Options::default().from_str::<Scenario>(&text) {
            Ok(s) => {
                let mut ok = true;
                let known = |id: &String| s.nodes.contains_key(id) || s.endings.contains_key(id);
                for (id, node) in &s.nodes {
                    let targets = node
                        .options
                        .iter()
                        .flat_map(|c| std::iter::once(&c.next).chain(c.branches.iter().map(|b| &b.to)))
                        .chain(node.select.iter().flat_map(|s| std::iter::once(&s.next).chain(s.branches.iter().map(|b| &b.to))))
                        .chain(node.flare.iter().map(|f| &f.to));
                    for t in targets {
                        if !known(t) {
                            eprintln!("{path}: node {id}: unknown target {t}");
                            ok = false;
                        }
                    }
                }
                failed |= !ok;
                println!("{path}: {} nodes, {} endings{}", s.nodes.len(), s.endings.len(), if ok { "" } else { " (errors)" });
            }
            Err(err) => {
                eprintln!("{path}:{}:{}: {}", err.span.start.line, err.span.start.col, err.code);
                failed = true;
            }
        }
    }
    std::process::exit(i32::from(failed));
}
