//! Embeds every `scenarios/**/*.ron` file in the binary: writes `$OUT_DIR/bundled.rs`
//! with one `include_str!` per file, in sorted path order so builds are reproducible.

use std::fmt::Write as _;
use std::path::PathBuf;

// The library's own walker: regular `*.ron` files only, no loops, no FIFOs.
#[allow(dead_code)]
#[path = "src/scenario/walk.rs"]
mod walk;

fn main() {
    println!("cargo:rerun-if-changed=scenarios");
    println!("cargo:rerun-if-changed=build.rs");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let found = walk::ron_files(&root.join("scenarios")).unwrap_or_default();
    for (path, why) in &found.skipped {
        println!("cargo:warning=skipping {}: {why}", path.display());
    }
    let files = found.files;
    let mut code = String::from("vec![\n");
    for path in &files {
        let rel = path.strip_prefix(&root).unwrap_or(path);
        let rel = rel.to_string_lossy().replace('\\', "/");
        // include_str! would fail the whole build on a file that is not UTF-8; skip it
        // with a warning instead (`klachtwijs check FILE` explains the problem).
        if std::fs::read(path).map_or(true, |b| std::str::from_utf8(&b).is_err()) {
            println!("cargo:warning=skipping {rel}: not readable UTF-8 text");
            continue;
        }
        // Relative to the crate, not absolute: a target directory shared by checkouts in
        // other places (CI's clone, a worktree) must not read another checkout's files.
        let _ = writeln!(
            code,
            "    BundledScenario {{ path: {rel:?}, text: include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/\", {rel:?})) }},"
        );
    }
    code.push_str("]\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("bundled.rs");
    if let Err(err) = std::fs::write(&out, code) {
        panic!("cannot write {}: {err}", out.display());
    }
}
