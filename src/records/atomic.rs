//! Atomic file writes, the one helper for records, settings and exports: the bytes go to a
//! temporary file in the target's folder (named `.klachtwijs-tmp-<pid>-…`), are synced,
//! then take the target's name; the folder is synced after that, so a crash or a
//! `kill -9` leaves either the old file or the new one, never half of one. Temporary
//! files of processes that died are removed by [`clean_stale`].

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Prefix of every temporary file this crate writes.
pub const TEMP_PREFIX: &str = ".klachtwijs-tmp-";

/// Temporary files whose writer cannot be told apart are removed after this long.
const STALE_AFTER: Duration = Duration::from_secs(3600);

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

fn temp_with(path: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let dir = folder_of(path);
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Makes a rename in `dir` durable (a no-op where folders cannot be opened).
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Writes `bytes` to `path`, replacing the file if it exists (creates the folder).
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = temp_with(path, bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(folder_of(path))
}

/// Writes `bytes` to `path` only if no file has that name: never replaces anything, even
/// when another process creates the same name at the same moment (`ErrorKind::AlreadyExists`).
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = temp_with(path, bytes)?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_dir(folder_of(path))
}

/// Whether the process that wrote a temporary file named `name` is gone.
fn writer_is_gone(name: &str, age: Duration) -> bool {
    if age > STALE_AFTER {
        return true;
    }
    let Some(rest) = name.strip_prefix(TEMP_PREFIX) else {
        return false;
    };
    let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
        return false;
    };
    if pid == std::process::id() {
        return false;
    }
    if cfg!(target_os = "linux") {
        !Path::new("/proc").join(pid.to_string()).exists()
    } else {
        false
    }
}

/// Removes temporary files left in `dir` by writers that died (on Linux: whose process no
/// longer runs; elsewhere, and for `tempfile`'s own `.tmp…` names, after an hour).
/// Returns the files removed. Call it at start-up.
pub fn clean_stale(dir: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return removed;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(TEMP_PREFIX) && !name.starts_with(".tmp") {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let age = meta
            .modified()
            .ok()
            .and_then(|m| SystemTime::now().duration_since(m).ok())
            .unwrap_or_default();
        if writer_is_gone(&name, age) && fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_new_never_replaces_and_replace_does() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        create_new(&path, b"one").unwrap();
        let err = create_new(&path, b"two").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"one");
        replace(&path, b"three").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn stale_temp_files_of_dead_writers_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        // pid 0 is never a user process; the own pid is alive.
        let dead = dir.path().join(format!("{TEMP_PREFIX}0-abc"));
        let alive = dir
            .path()
            .join(format!("{TEMP_PREFIX}{}-abc", std::process::id()));
        let record = dir.path().join("x.json");
        for p in [&dead, &alive, &record] {
            fs::write(p, "x").unwrap();
        }
        let removed = clean_stale(dir.path());
        if cfg!(target_os = "linux") {
            assert_eq!(removed, vec![dead.clone()]);
        }
        assert!(alive.exists() && record.exists());
    }
}
