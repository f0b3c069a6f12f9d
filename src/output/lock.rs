//! The lock that keeps a second `build` out of an output folder while one
//! runs: an OS file lock, so it is released even when the build is killed.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// The lock of one output folder: `<parent>/.<name>.dossier/lock`, held
/// for the whole build. The file and its folder are removed on release, so
/// a finished build leaves nothing beside the output.
pub struct Lock {
    path: PathBuf,
    _file: File,
}

impl Lock {
    pub fn acquire(state: &Path, output: &Path) -> io::Result<Lock> {
        let path = state.join("lock");
        for _ in 0..10 {
            match fs::symlink_metadata(state) {
                Ok(m) if !m.is_dir() => {
                    return Err(io::Error::other(format!(
                        "{} is in the way of the build into {}: it is not a folder dossier made",
                        state.display(),
                        output.display()
                    )));
                }
                Ok(_) => {}
                Err(_) => fs::create_dir_all(state)?,
            }
            let file = match fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
            {
                Ok(f) => f,
                // The previous holder removed the folder in between.
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(io::Error::other(format!(
                        "another dossier build is writing to {}; wait for it to finish, then build again (its lock: {})",
                        output.display(),
                        path.display()
                    )));
                }
                Err(fs::TryLockError::Error(e)) => return Err(e),
            }
            // The holder before us removes the lock file on release: a
            // lock taken on a file no longer at `path` locks nothing.
            if same_file(&file, &path) {
                return Ok(Lock { path, _file: file });
            }
        }
        Err(io::Error::other(format!(
            "cannot take the lock {} of the output folder",
            path.display()
        )))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
        if let Some(state) = self.path.parent() {
            let _ = fs::remove_dir(state);
        }
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.is_file()
}
