//! Where site files come from: the working tree, or a git revision.

use std::io::{self, Read};
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
        // Links are listed but never walked into: `read` decides about
        // each one. Anything that is not a folder is listed, so that a
        // FIFO or a device with a content name gets an error, not silence.
        let mut out: Vec<String> = walkdir::WalkDir::new(&base)
            .follow_links(false)
            .max_depth(MAX_DEPTH)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| !e.file_type().is_dir())
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
        let full = self.root.join(path);
        match std::fs::symlink_metadata(&full) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => Some(Err(e)),
            Ok(meta) => Some(read_regular(&self.root, &full, meta)),
        }
    }
}

/// The largest content file dossier reads (8 MiB): a dossier of a few
/// hundred customers is a few megabytes in all.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// How deep folders under `content/` are walked.
const MAX_DEPTH: usize = 32;

/// Reads `full` only if it is a regular file of at most
/// [`MAX_FILE_BYTES`], or a link to one inside the site folder. Nothing
/// else is opened, so a FIFO cannot block and `/dev/zero` cannot fill the
/// memory, and nothing outside the site is ever read.
fn read_regular(root: &Path, full: &Path, meta: std::fs::Metadata) -> io::Result<Vec<u8>> {
    let meta = if meta.file_type().is_symlink() {
        let refused = |why: &str| {
            io::Error::other(format!(
                "it is a symbolic link {why}: dossier follows links only to files inside the site folder"
            ))
        };
        let target = std::fs::canonicalize(full).map_err(|_| refused("that leads nowhere"))?;
        let site = std::fs::canonicalize(root)?;
        if !target.starts_with(&site) {
            return Err(refused("that leaves the site"));
        }
        std::fs::metadata(&target)?
    } else {
        meta
    };
    if !meta.is_file() {
        return Err(io::Error::other(
            "it is not a regular file (a folder, FIFO, socket or device): dossier reads only regular files",
        ));
    }
    let too_big = || {
        io::Error::other(format!(
            "it is larger than {} MiB, the most a content file may hold (split it, or move attachments out of content/)",
            MAX_FILE_BYTES / (1024 * 1024)
        ))
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(full)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}
