//! Writing files so that readers never see half of one.
//!
//! Every file optiviz writes (scenes, figures, exported trajectories) goes
//! through [`write_atomically`]: the bytes go to a temporary file in the same
//! directory, are flushed to disk, and only then is the temporary file renamed
//! over the target. A crash or a full disk leaves either the old file or the
//! new one, never a mixture, and no temporary file stays behind on error.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process;
use std::sync::atomic::{AtomicU64, Ordering};

/// Distinguishes temporary files of concurrent writes from one process.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path`, replacing any old file only once the new one is
/// complete and synced to disk.
///
/// The temporary file is `.<name>.<pid>.<n>.tmp` beside `path`; it is removed
/// when any step fails.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path does not name a file"))?;
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.{n}.tmp", process::id()));
    let temp = dir.join(temp_name);
    let outcome = write_and_sync(&temp, bytes).and_then(|()| fs::rename(&temp, path));
    if outcome.is_err() {
        // The temporary file may not exist (creation failed); nothing else to undo.
        let _ = fs::remove_file(&temp);
    } else {
        sync_dir(&dir);
    }
    outcome
}

/// Creates `temp` (failing if it exists), writes `bytes` and syncs them.
fn write_and_sync(temp: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = File::options().write(true).create_new(true).open(temp)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Syncs the directory so the rename itself survives a crash (best effort:
/// not every platform can open a directory).
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn writes_and_replaces_without_leaving_temporary_files() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.txt");
        write_atomically(&path, b"first")?;
        write_atomically(&path, b"second")?;
        assert_eq!(fs::read(&path)?, b"second");
        assert_eq!(entries(dir.path()), ["a.txt"]);
        Ok(())
    }

    #[test]
    fn failure_keeps_the_old_file_and_leaves_nothing_behind() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        // A directory in the way makes the rename fail after the temporary file was written.
        let target = dir.path().join("taken");
        fs::create_dir(&target)?;
        fs::write(target.join("inside"), b"x")?;
        assert!(write_atomically(&target, b"new").is_err());
        assert_eq!(entries(dir.path()), ["taken"]);
        // A missing directory fails before anything is written.
        assert!(write_atomically(&dir.path().join("missing/a.txt"), b"new").is_err());
        assert_eq!(entries(dir.path()), ["taken"]);
        Ok(())
    }
}
