//! Where rendered files go: a folder on disk (`build`), or memory (`serve`,
//! whose sink lives in `serve/cache.rs`).
//!
//! `build` renders into `<output>/.dossier-tmp/` and swaps the new files in
//! only when the whole build succeeded, so a failed build leaves the
//! previous output byte for byte. Nothing is written outside the output
//! folder, and a folder that dossier did not make is never replaced.

use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Receives the files of a build, by `/`-separated path relative to the
/// output root.
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: Vec<u8>) -> io::Result<()>;

    /// Asked before a page is rendered, with (lazily) a hash of everything
    /// the page is rendered from. A sink that kept the same page from a
    /// previous build may store it again and answer true; the page is then
    /// not rendered. `build` renders every page (this default); `serve`
    /// reuses pages whose input did not change.
    fn reuse(&self, _path: &str, _key: &dyn Fn() -> u64) -> bool {
        false
    }
}

/// A marker that says dossier made this folder (and may replace it).
pub const MARKER: &str = ".dossier-output";
const TMP: &str = ".dossier-tmp";

/// True when `rel` stays inside the folder it is joined to.
pub fn is_safe_relative(rel: &str) -> bool {
    !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        && !rel.contains('\\')
}

/// A build in progress. Files whose bytes equal those already in the
/// output are not written again (on most file systems creating files is
/// the slowest part of a build); the others go to `<output>/.dossier-tmp`
/// and are moved into place only when the whole build succeeded.
pub struct Staging {
    output: PathBuf,
    tmp: PathBuf,
    /// Every path the build produced.
    produced: Mutex<Vec<String>>,
    /// The produced paths whose bytes differ from the previous output.
    changed: Mutex<Vec<String>>,
    /// Page-input hashes of the previous build (from the marker file).
    previous: std::collections::HashMap<String, u64>,
    /// Page-input hashes of this build, written to the marker file.
    keys: Mutex<Vec<(String, u64)>>,
}

impl Sink for Staging {
    /// A page whose input hash matches the previous build's, and whose
    /// file is still there, is kept as it is without rendering it.
    fn reuse(&self, path: &str, key: &dyn Fn() -> u64) -> bool {
        let key = key();
        let Ok(mut keys) = lock(&self.keys) else {
            return false;
        };
        keys.push((path.to_string(), key));
        drop(keys);
        let same = self.previous.get(path) == Some(&key) && self.output.join(path).is_file();
        if same && let Ok(mut produced) = lock(&self.produced) {
            produced.push(path.to_string());
            return true;
        }
        false
    }

    fn put(&self, path: &str, bytes: Vec<u8>) -> io::Result<()> {
        if !is_safe_relative(path) || path.starts_with(TMP) {
            return Err(io::Error::other(format!(
                "refusing to write outside the output folder: {path}"
            )));
        }
        lock(&self.produced)?.push(path.to_string());
        if same_bytes(&self.output.join(path), &bytes) {
            return Ok(());
        }
        let staged = self.tmp.join(path);
        if let Some(parent) = staged.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(staged, bytes)?;
        lock(&self.changed)?.push(path.to_string());
        Ok(())
    }
}

fn lock<T>(m: &Mutex<T>) -> io::Result<std::sync::MutexGuard<'_, T>> {
    m.lock()
        .map_err(|_| io::Error::other("output lock poisoned"))
}

/// True when `path` is a file holding exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            std::fs::read(path).is_ok_and(|b| b == bytes)
        }
        _ => false,
    }
}

impl Staging {
    /// Prepares a fresh staging folder; refuses an output folder that holds
    /// files dossier did not write.
    pub fn begin(output: &Path) -> io::Result<Staging> {
        if output.exists() && !output.is_dir() {
            return Err(io::Error::other(format!(
                "{} exists and is not a folder",
                output.display()
            )));
        }
        if output.is_dir()
            && !output.join(MARKER).exists()
            && std::fs::read_dir(output)?.next().is_some()
        {
            return Err(io::Error::other(format!(
                "refusing to replace {}: it is not empty and was not made by dossier (no {MARKER} file)",
                output.display()
            )));
        }
        let tmp = output.join(TMP);
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp)?;
        }
        std::fs::create_dir_all(&tmp)?;
        Ok(Staging {
            output: output.to_path_buf(),
            tmp,
            produced: Mutex::default(),
            changed: Mutex::default(),
            previous: read_manifest(&output.join(MARKER)),
            keys: Mutex::default(),
        })
    }

    /// Moves the changed files into place and removes the files the build
    /// no longer produces.
    pub fn commit(self) -> io::Result<()> {
        let mut marker = String::from(
            "# This folder is generated by dossier; it is replaced on every build.\n\
             # Below: a hash of each page's input, so that unchanged pages are not rendered again.\n",
        );
        let mut keys = std::mem::take(&mut *lock(&self.keys)?);
        keys.sort();
        for (path, key) in keys {
            marker.push_str(&format!("{key:016x} {path}\n"));
        }
        self.put(MARKER, marker.into_bytes())?;
        let produced: std::collections::HashSet<String> = lock(&self.produced)?.drain(..).collect();
        for path in lock(&self.changed)?.iter() {
            let target = self.output.join(path);
            if target.is_dir() {
                std::fs::remove_dir_all(&target)?;
            }
            if let Some(parent) = target.parent() {
                if parent.is_file() {
                    std::fs::remove_file(parent)?;
                }
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(self.tmp.join(path), target)?;
        }
        std::fs::remove_dir_all(&self.tmp)?;
        remove_stale(&self.output, &self.output, &produced)
    }

    /// Drops the staged files, leaving the previous output as it was.
    pub fn abort(self) {
        let _ = std::fs::remove_dir_all(&self.tmp);
    }
}

/// The page-input hashes a previous build left in its marker file.
fn read_manifest(path: &Path) -> std::collections::HashMap<String, u64> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (key, path) = l.split_once(' ')?;
            Some((path.to_string(), u64::from_str_radix(key, 16).ok()?))
        })
        .collect()
}

/// Deletes files under `dir` that the build did not produce, and the
/// folders that end up empty.
fn remove_stale(
    root: &Path,
    dir: &Path,
    produced: &std::collections::HashSet<String>,
) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if entry.file_type()?.is_dir() {
            remove_stale(root, &path, produced)?;
            if std::fs::read_dir(&path)?.next().is_none() {
                std::fs::remove_dir(&path)?;
            }
        } else if !produced.contains(&rel) {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_output_are_refused() {
        assert!(is_safe_relative("customers/a/index.html"));
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\\..\\b", "./a"] {
            assert!(!is_safe_relative(bad), "{bad}");
        }
    }
}
