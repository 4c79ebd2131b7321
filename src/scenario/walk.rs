//! Finding scenario files under a folder without hanging or double counting; the one
//! walker of `build.rs`, the command line and the library loader.
//!
//! Rules: only regular files named `*.ron` are returned, sorted by path. Symlinked
//! folders are never followed (so a link to `.` or `..` cannot loop); a symlink to a
//! regular `*.ron` file is followed once, and a file reached twice (by its own name and by
//! a link, or by two links) is returned once, under the name met first. FIFOs, sockets,
//! devices and broken links named `*.ron` are skipped with a note: opening a FIFO would
//! block forever. This file is also compiled into `build.rs`, so it uses only `std` and
//! `walkdir`.

use std::collections::BTreeSet;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

/// Folders deeper than this below the root are not searched.
pub const MAX_DEPTH: usize = 32;

/// What a walk found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Found {
    /// Regular `*.ron` files, sorted, each real file once.
    pub files: Vec<PathBuf>,
    /// Paths left out, with the reason (for a note to the user).
    pub skipped: Vec<(PathBuf, String)>,
}

/// What kind of thing `meta` describes, for messages: "a folder", "a FIFO" …
pub fn kind(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    if t.is_file() {
        return "a file";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    "not a regular file"
}

/// Checks that `path` names a regular file (following links) before anything opens it:
/// `Err` says what it is instead ("no such file", "is a folder", "is a FIFO …").
pub fn regular_file(path: &Path) -> Result<u64, String> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(meta.len()),
        Ok(meta) => Err(format!("is {}, not a regular file", kind(&meta))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Err("does not exist".to_string()),
        Err(err) => Err(format!("cannot be read: {err}")),
    }
}

fn is_ron(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "ron")
}

/// Every regular `*.ron` file under `root` (see the module rules). `Err` when the root
/// itself cannot be read.
pub fn ron_files(root: &Path) -> Result<Found, String> {
    let mut found = Found::default();
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .max_depth(MAX_DEPTH)
        .sort_by_file_name();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err
                    .path()
                    .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                if err.depth() == 0 {
                    return Err(format!("{}: cannot read the folder: {err}", path.display()));
                }
                found.skipped.push((path, format!("cannot be read: {err}")));
                continue;
            }
        };
        let path = entry.path();
        let file_type = entry.file_type();
        if file_type.is_dir() || !is_ron(path) {
            if file_type.is_symlink() && path.is_dir() && entry.depth() > 0 {
                found.skipped.push((
                    path.to_path_buf(),
                    "a link to a folder; linked folders are not searched".to_string(),
                ));
            }
            continue;
        }
        // Follows a link (at most this once) to learn what it points at.
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(err) => {
                found
                    .skipped
                    .push((path.to_path_buf(), format!("cannot be read: {err}")));
                continue;
            }
        };
        if !meta.is_file() {
            found.skipped.push((
                path.to_path_buf(),
                format!("is {}, not a regular file", kind(&meta)),
            ));
            continue;
        }
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if seen.insert(real) {
            found.files.push(path.to_path_buf());
        }
    }
    found.files.sort();
    Ok(found)
}
