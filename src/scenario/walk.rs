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
use std::fmt;
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
    pub skipped: Vec<(PathBuf, Refusal)>,
}

/// What kind of thing a path is, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Folder,
    File,
    Fifo,
    Socket,
    Device,
    Other,
}

impl FileKind {
    pub fn of(meta: &Metadata) -> FileKind {
        let t = meta.file_type();
        if t.is_dir() {
            return FileKind::Folder;
        }
        if t.is_file() {
            return FileKind::File;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if t.is_fifo() {
                return FileKind::Fifo;
            }
            if t.is_socket() {
                return FileKind::Socket;
            }
            if t.is_block_device() || t.is_char_device() {
                return FileKind::Device;
            }
        }
        FileKind::Other
    }

    /// "a folder", "a FIFO (named pipe)" …
    pub fn en(self) -> &'static str {
        match self {
            FileKind::Folder => "a folder",
            FileKind::File => "a file",
            FileKind::Fifo => "a FIFO (named pipe)",
            FileKind::Socket => "a socket",
            FileKind::Device => "a device",
            FileKind::Other => "not a regular file",
        }
    }

    /// "een map", "een FIFO (named pipe)" …
    pub fn nl(self) -> &'static str {
        match self {
            FileKind::Folder => "een map",
            FileKind::File => "een bestand",
            FileKind::Fifo => "een FIFO (named pipe)",
            FileKind::Socket => "een socket",
            FileKind::Device => "een apparaat",
            FileKind::Other => "geen gewoon bestand",
        }
    }
}

/// What kind of thing `meta` describes, for messages: "a folder", "a FIFO" …
pub fn kind(meta: &Metadata) -> &'static str {
    FileKind::of(meta).en()
}

/// Why a path is not read. `Display` gives the English wording (command line, build
/// script), [`Refusal::nl`] the Dutch one (the app's findings); an error of the system is
/// passed on in the system's own words in both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing has this name.
    Missing,
    /// Something other than a regular file, such as a folder or a FIFO.
    NotRegular(FileKind),
    /// A link to a folder, which a walk does not follow.
    LinkedFolder,
    /// The system refused, with this message.
    Unreadable(String),
    /// The folder to search could not be read.
    UnreadableFolder { folder: PathBuf, error: String },
}

impl Refusal {
    /// The Dutch wording, in the same form as the English.
    pub fn nl(&self) -> String {
        match self {
            Refusal::Missing => "bestaat niet".to_string(),
            Refusal::NotRegular(kind) => format!("is {}, geen gewoon bestand", kind.nl()),
            Refusal::LinkedFolder => {
                "een link naar een map; gelinkte mappen worden niet doorzocht".to_string()
            }
            Refusal::Unreadable(error) => format!("kan niet worden gelezen: {error}"),
            Refusal::UnreadableFolder { folder, error } => format!(
                "{}: de map kan niet worden gelezen: {error}",
                folder.display()
            ),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Missing => f.write_str("does not exist"),
            Refusal::NotRegular(kind) => write!(f, "is {}, not a regular file", kind.en()),
            Refusal::LinkedFolder => {
                f.write_str("a link to a folder; linked folders are not searched")
            }
            Refusal::Unreadable(error) => write!(f, "cannot be read: {error}"),
            Refusal::UnreadableFolder { folder, error } => {
                write!(f, "{}: cannot read the folder: {error}", folder.display())
            }
        }
    }
}

/// Checks that `path` names a regular file (following links) before anything opens it:
/// `Err` says what it is instead ("does not exist", "is a folder", "is a FIFO …").
pub fn regular_file(path: &Path) -> Result<u64, Refusal> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(meta.len()),
        Ok(meta) => Err(Refusal::NotRegular(FileKind::of(&meta))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Err(Refusal::Missing),
        Err(err) => Err(Refusal::Unreadable(err.to_string())),
    }
}

fn is_ron(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "ron")
}

/// Every regular `*.ron` file under `root` (see the module rules). `Err` when the root
/// itself cannot be read.
pub fn ron_files(root: &Path) -> Result<Found, Refusal> {
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
                    return Err(Refusal::UnreadableFolder {
                        folder: path,
                        error: err.to_string(),
                    });
                }
                found
                    .skipped
                    .push((path, Refusal::Unreadable(err.to_string())));
                continue;
            }
        };
        let path = entry.path();
        let file_type = entry.file_type();
        if file_type.is_dir() || !is_ron(path) {
            if file_type.is_symlink() && path.is_dir() && entry.depth() > 0 {
                found
                    .skipped
                    .push((path.to_path_buf(), Refusal::LinkedFolder));
            }
            continue;
        }
        // Follows a link (at most this once) to learn what it points at.
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(err) => {
                found
                    .skipped
                    .push((path.to_path_buf(), Refusal::Unreadable(err.to_string())));
                continue;
            }
        };
        if !meta.is_file() {
            found
                .skipped
                .push((path.to_path_buf(), Refusal::NotRegular(FileKind::of(&meta))));
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
