//! Where site files come from: the working tree, or a git revision.

use std::path::{Path, PathBuf};

/// Read access to a site's files by `/`-separated path relative to its root.
pub trait Source: Sync {
    /// Files under `dir`, recursively, relative to `dir`, sorted.
    fn list(&self, dir: &str) -> Vec<String>;
    /// The bytes of a file; `None` when it does not exist.
    fn read(&self, path: &str) -> Option<std::io::Result<Vec<u8>>>;
    /// Parse results kept from a previous build (`serve`); `None`, the
    /// default, parses every file.
    fn memo(&self) -> Option<&super::memo::Memo> {
        None
    }
}

/// A site on disk.
pub struct FsSource {
    pub root: PathBuf,
}

impl FsSource {
    pub fn new(root: &Path) -> Self {
        FsSource {
            root: root.to_path_buf(),
        }
    }
}

impl Source for FsSource {
    fn list(&self, dir: &str) -> Vec<String> {
        let base = self.root.join(dir);
        let mut out: Vec<String> = walkdir::WalkDir::new(&base)
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let rel = e.path().strip_prefix(&base).ok()?;
                let parts: Option<Vec<&str>> =
                    rel.components().map(|c| c.as_os_str().to_str()).collect();
                Some(parts?.join("/"))
            })
            .collect();
        out.sort();
        out
    }

    fn read(&self, path: &str) -> Option<std::io::Result<Vec<u8>>> {
        match std::fs::read(self.root.join(path)) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            r => Some(r),
        }
    }
}
