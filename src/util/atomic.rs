//! Writing files so that readers never see half of one, and a group of
//! files (the two figures of an export) all or none.
//!
//! Every file optiviz writes (scenes, figures, exported trajectories) goes
//! through [`write_all_atomically`]: the bytes of every file go to a
//! temporary file in the same directory and are flushed to disk; only when
//! all are complete are they renamed over their targets. A crash or a full
//! disk leaves either the old files or the new ones, never a mixture, and
//! no temporary file stays behind on error.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::{Builder, NamedTempFile};

/// A file that could not be written, and why; no file was changed.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", path.display())]
pub struct WriteError {
    /// The file that could not be written.
    pub path: PathBuf,
    /// The operating system's reason.
    #[source]
    pub source: io::Error,
}

/// Writes `bytes` to `path`, replacing any old file only once the new one is
/// complete and synced to disk.
///
/// The temporary file is `.<name>.<random>.tmp` beside `path`; it is removed
/// when any step fails.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_all_atomically(&[(path, bytes)]).map_err(|error| error.source)
}

/// Writes every `(path, bytes)` pair, all or none: each file is written in
/// full beside its target first; then they are renamed into place one by
/// one, the old files kept aside (as hard links) until the last rename has
/// succeeded. If any step fails, the files replaced so far are put back,
/// the new files that had no old one are removed, and the error names the
/// file that failed.
pub fn write_all_atomically(files: &[(&Path, &[u8])]) -> Result<(), WriteError> {
    // Every target is checked before any file is written.
    let targets = files
        .iter()
        .map(|&(path, _)| target_of(path).map_err(|source| WriteError { path: path.to_owned(), source }))
        .collect::<Result<Vec<PathBuf>, WriteError>>()?;
    let mut staged: Vec<Staged> = Vec::with_capacity(files.len());
    for (target, &(path, bytes)) in targets.into_iter().zip(files) {
        match stage(&target, bytes) {
            Ok(new) => staged.push(Staged { path: target, new: Some(new), backup: None }),
            Err(source) => {
                discard(&mut staged);
                return Err(WriteError { path: path.to_owned(), source });
            }
        }
    }
    for index in 0..staged.len() {
        if let Err(source) = staged[index].place() {
            let path = staged[index].path.clone();
            discard(&mut staged);
            return Err(WriteError { path, source });
        }
    }
    for file in &staged {
        sync_dir(&directory_of(&file.path));
    }
    // Dropping the group removes the second names of the old files.
    Ok(())
}

/// One file of a group write on its way into place. Dropping it removes
/// whatever temporary files it still holds.
struct Staged {
    /// The target.
    path: PathBuf,
    /// The complete new file beside the target, until it is placed there.
    new: Option<NamedTempFile>,
    /// A second name of the old file while the group is not complete.
    backup: Option<NamedTempFile<()>>,
}

impl Staged {
    /// Keeps the old file aside (if there is one) and renames the new one
    /// over the target.
    fn place(&mut self) -> io::Result<()> {
        if fs::symlink_metadata(&self.path).is_ok_and(|meta| !meta.is_dir()) {
            let keep =
                |aside: &Path| fs::hard_link(&self.path, aside).or_else(|_| fs::copy(&self.path, aside).map(drop));
            let prefix = hidden_prefix(&self.path)?;
            let backup = Builder::new().prefix(&prefix).suffix(".old").make_in(directory_of(&self.path), keep)?;
            self.backup = Some(backup);
        }
        if let Some(new) = self.new.take() {
            if let Err(failure) = new.persist(&self.path) {
                self.new = Some(failure.file);
                return Err(failure.error);
            }
        }
        Ok(())
    }

    /// Undoes what [`Staged::place`] did; the temporary files go with `self`.
    fn undo(&mut self) {
        let placed = self.new.is_none();
        match self.backup.take() {
            Some(backup) if placed => {
                let _ = backup.persist(&self.path);
            }
            None if placed => {
                let _ = fs::remove_file(&self.path);
            }
            _ => {}
        }
    }
}

/// Puts back every file of a failed group write.
fn discard(staged: &mut [Staged]) {
    for file in staged.iter_mut().rev() {
        file.undo();
    }
}

/// The file a write to `path` replaces: `path` itself, or the file a
/// symbolic link there points to (so the link stays a link); an error for
/// a path that is neither a regular file nor free (a device such as
/// /dev/null, a pipe), which a rename would replace.
fn target_of(path: &Path) -> io::Result<PathBuf> {
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()),
        _ => path.to_owned(),
    };
    match fs::metadata(&target) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            Err(io::Error::new(io::ErrorKind::InvalidInput, "it is not a regular file, so it is left as it is"))
        }
        _ => Ok(target),
    }
}

/// `.<name>.`: how the temporary files beside `path` begin.
fn hidden_prefix(path: &Path) -> io::Result<OsString> {
    let name =
        path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path does not name a file"))?;
    let mut prefix = OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    Ok(prefix)
}

/// The complete new file for `target`, written and synced beside it, with
/// the permissions `File::create` would give it (tempfile's own default is
/// owner only).
fn stage(target: &Path, bytes: &[u8]) -> io::Result<NamedTempFile> {
    let prefix = hidden_prefix(target)?;
    let mut builder = Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut new = builder.tempfile_in(directory_of(target))?;
    new.write_all(bytes)?;
    new.as_file().sync_all()?;
    Ok(new)
}

/// The directory `path` is in (`.` for a bare name).
fn directory_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
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

    #[cfg(unix)]
    #[test]
    fn a_written_file_gets_the_permissions_of_a_created_one() -> io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let (written, created) = (dir.path().join("written.png"), dir.path().join("created.png"));
        write_atomically(&written, b"figure")?;
        File::create(&created)?;
        let mode = |path: &Path| fs::metadata(path).map(|meta| meta.permissions().mode() & 0o777);
        assert_eq!(mode(&written)?, mode(&created)?);
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

    #[test]
    fn a_group_write_that_fails_keeps_every_old_file() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let (first, second, third) = (dir.path().join("a.png"), dir.path().join("b.png"), dir.path().join("c.png"));
        fs::write(&first, b"old a")?;
        // The second target is a directory: its rename fails after the first was placed.
        fs::create_dir(&second)?;
        let files: [(&Path, &[u8]); 3] = [(&first, b"new a"), (&second, b"new b"), (&third, b"new c")];
        let error = write_all_atomically(&files).unwrap_err();
        assert_eq!(error.path, second);
        assert_eq!(fs::read(&first)?, b"old a");
        assert_eq!(entries(dir.path()), ["a.png", "b.png"]);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_a_device_is_never_replaced() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let (real, link) = (dir.path().join("real.png"), dir.path().join("link.png"));
        fs::write(&real, b"old")?;
        std::os::unix::fs::symlink(&real, &link)?;
        write_atomically(&link, b"new")?;
        assert!(fs::symlink_metadata(&link)?.file_type().is_symlink());
        assert_eq!(fs::read(&real)?, b"new");
        if Path::new("/dev/null").exists() {
            let error = write_all_atomically(&[(&real, b"a"), (Path::new("/dev/null"), b"b")]).unwrap_err();
            assert_eq!(error.path, Path::new("/dev/null"));
            assert_eq!(fs::read(&real)?, b"new", "nothing is written when one target is refused");
        }
        Ok(())
    }

    #[test]
    fn a_group_write_replaces_every_file() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let (first, second) = (dir.path().join("a.png"), dir.path().join("b.png"));
        fs::write(&first, b"old a")?;
        let files: [(&Path, &[u8]); 2] = [(&first, b"new a"), (&second, b"new b")];
        write_all_atomically(&files).map_err(|error| error.source)?;
        assert_eq!(fs::read(&first)?, b"new a");
        assert_eq!(fs::read(&second)?, b"new b");
        assert_eq!(entries(dir.path()), ["a.png", "b.png"]);
        Ok(())
    }
}
