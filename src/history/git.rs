//! A site as it was at a git revision, read from git objects: a [`Source`]
//! that never checks anything out and never touches the working tree or
//! the index.
//!
//! We drive the `git` command rather than a library: it is on every
//! machine where the content lives (the content *is* a git repository),
//! it understands every revision syntax, configuration, alternate object
//! store and worktree layout its users rely on, and it adds no compile
//! time or binary size. Three calls do the work: `rev-parse` (where the
//! site is in the repository, which commit the revision names), `ls-tree`
//! (which files the site had) and one `cat-file --batch` process that
//! streams every blob, so a 1,000-customer site is read in a few tens of
//! milliseconds.
//!
//! Not here: parsing and checking the files (that is `load` and `check`,
//! the same as for the working tree).

use crate::load::{CONFIG_FILE, Source};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The site's files at one revision, read into memory when opened.
#[derive(Debug)]
pub struct GitSource {
    /// The full commit id it resolved to.
    pub commit: String,
    /// Site-relative `/`-separated path to contents.
    files: BTreeMap<String, Vec<u8>>,
}

/// Where the site sits in its repository.
#[derive(Debug, Clone)]
pub struct Repo {
    /// The top folder of the working tree.
    pub top: PathBuf,
    /// The site root relative to `top`, `/`-separated, empty or ending in `/`.
    pub prefix: String,
}

impl Repo {
    /// Finds the repository that holds the site at `root`.
    pub fn discover(root: &Path) -> Result<Repo, String> {
        let shown = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        if !root.is_dir() {
            return Err(format!("{} is not a folder", shown.display()));
        }
        let out = git(root, &["rev-parse", "--show-toplevel", "--show-prefix"]).map_err(|e| match e {
            GitError::NotRun(m) => m,
            GitError::Failed(m) => format!(
                "the site at {} is not in a git repository, so it has no history to compare ({m})",
                shown.display()
            ),
        })?;
        let text = String::from_utf8_lossy(&out);
        let mut lines = text.lines();
        let top = lines.next().unwrap_or_default();
        if top.is_empty() {
            return Err(format!(
                "{} is inside a git folder but not in a working tree",
                shown.display()
            ));
        }
        Ok(Repo {
            top: PathBuf::from(top),
            prefix: lines.next().unwrap_or_default().to_string(),
        })
    }

    /// The full commit id `rev` names, or an error that names `rev`.
    pub fn resolve(&self, rev: &str) -> Result<String, String> {
        let not_found = |detail: String| {
            format!(
                "revision `{rev}` does not exist in the git repository at {}{detail}",
                self.top.display()
            )
        };
        // A leading `-` would be read as an option by git.
        if rev.is_empty() || rev.starts_with('-') {
            return Err(not_found(String::new()));
        }
        let spec = format!("{rev}^{{commit}}");
        let out =
            git(&self.top, &["rev-parse", "--verify", "--quiet", &spec]).map_err(|e| match e {
                GitError::NotRun(m) => m,
                GitError::Failed(m) if m.is_empty() => not_found(m),
                GitError::Failed(m) => not_found(format!(" ({m})")),
            })?;
        let commit = String::from_utf8_lossy(&out).trim().to_string();
        if commit.is_empty() {
            return Err(not_found(String::new()));
        }
        Ok(commit)
    }
}

impl GitSource {
    /// Reads the site's `dossier.yaml` and `content/` at `rev`.
    pub fn open(repo: &Repo, rev: &str) -> Result<GitSource, String> {
        let commit = repo.resolve(rev)?;
        let entries = list_blobs(repo, &commit)?;
        if entries.is_empty() {
            let at = if repo.prefix.is_empty() {
                "the top of the repository".to_string()
            } else {
                format!("`{}`", repo.prefix)
            };
            return Err(format!(
                "revision `{rev}` has no site at {at}: neither {CONFIG_FILE} nor content/ existed there"
            ));
        }
        let ids: Vec<&str> = entries.iter().map(|(_, id)| id.as_str()).collect();
        let blobs = cat_blobs(&repo.top, &ids)
            .map_err(|e| format!("cannot read revision `{rev}` from git: {e}"))?;
        let files = entries.into_iter().map(|(p, _)| p).zip(blobs).collect();
        Ok(GitSource { commit, files })
    }

    /// The first seven characters of the commit id, for reports.
    pub fn short(&self) -> &str {
        &self.commit[..self.commit.len().min(7)]
    }
}

impl Source for GitSource {
    fn list(&self, dir: &str) -> Vec<String> {
        let prefix = format!("{dir}/");
        self.files
            .range(prefix.clone()..)
            .map(|(p, _)| p)
            .take_while(|p| p.starts_with(&prefix))
            .map(|p| p[prefix.len()..].to_string())
            .collect()
    }

    fn read(&self, path: &str) -> Option<std::io::Result<Vec<u8>>> {
        self.files.get(path).map(|b| Ok(b.clone()))
    }
}

/// Why a git command gave no answer.
#[derive(Debug)]
enum GitError {
    /// git could not be started at all.
    NotRun(String),
    /// git ran and refused; its own message.
    Failed(String),
}

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            GitError::NotRun(m) | GitError::Failed(m) => f.write_str(m),
        }
    }
}

/// Runs `git -C dir args…`; stdout on success.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            GitError::NotRun(format!(
                "cannot run `git` ({e}): dossier reads the history of the site with git, so git must be installed"
            ))
        })?;
    if out.status.success() {
        return Ok(out.stdout);
    }
    let msg = String::from_utf8_lossy(&out.stderr);
    Err(GitError::Failed(
        msg.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
    ))
}

/// The site's files at `commit`: (site-relative path, blob id), sorted.
/// Only `dossier.yaml` and `content/` are listed: nothing else is content.
fn list_blobs(repo: &Repo, commit: &str) -> Result<Vec<(String, String)>, String> {
    let config = format!("{}{CONFIG_FILE}", repo.prefix);
    let content = format!("{}content", repo.prefix);
    let out = git(
        &repo.top,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--full-tree",
            commit,
            "--",
            &config,
            &content,
        ],
    )
    .map_err(|e| format!("cannot list the files of commit {commit}: {e}"))?;
    let mut entries = Vec::new();
    for record in out.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        // `<mode> SP <type> SP <id> TAB <path>`; -z leaves paths unquoted.
        let record = String::from_utf8_lossy(record);
        let Some((meta, path)) = record.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (mode, kind, id) = (meta.next(), meta.next(), meta.next());
        // Symbolic links and submodules are not content files.
        if kind != Some("blob") || mode == Some("120000") {
            continue;
        }
        let Some(rel) = path.strip_prefix(&repo.prefix) else {
            continue;
        };
        if let Some(id) = id {
            entries.push((rel.to_string(), id.to_string()));
        }
    }
    entries.sort();
    Ok(entries)
}

/// The contents of every blob in `ids`, in order, from one
/// `git cat-file --batch` process.
fn cat_blobs(top: &Path, ids: &[&str]) -> Result<Vec<Vec<u8>>, String> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run `git cat-file`: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("no stdin for git cat-file")?;
    let request: String = ids.iter().map(|id| format!("{id}\n")).collect();
    // Written from a thread: git answers while we ask, and both pipes
    // would fill up if we wrote everything before reading.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let stdout = child.stdout.take().ok_or("no stdout for git cat-file")?;
    let read = read_batch(BufReader::new(stdout), ids.len());
    let written = writer
        .join()
        .map_err(|_| "the writer to git cat-file panicked".to_string())?;
    let status = child.wait().map_err(|e| e.to_string())?;
    let blobs = read?;
    written.map_err(|e| format!("cannot write to git cat-file: {e}"))?;
    if !status.success() {
        let mut err = String::new();
        if let Some(mut s) = child.stderr.take() {
            let _ = s.read_to_string(&mut err);
        }
        return Err(format!("git cat-file failed: {}", err.trim()));
    }
    Ok(blobs)
}

/// Reads `n` answers of `cat-file --batch`: a `<id> <type> <size>` line,
/// the contents, and a newline.
fn read_batch(mut out: impl BufRead, n: usize) -> Result<Vec<Vec<u8>>, String> {
    let mut blobs = Vec::with_capacity(n);
    let mut header = String::new();
    for _ in 0..n {
        header.clear();
        out.read_line(&mut header).map_err(|e| e.to_string())?;
        let size = header
            .split(' ')
            .nth(2)
            .and_then(|s| s.trim().parse::<usize>().ok())
            .ok_or_else(|| format!("unexpected answer from git cat-file: {}", header.trim()))?;
        let mut blob = vec![0; size + 1];
        out.read_exact(&mut blob).map_err(|e| e.to_string())?;
        blob.pop();
        blobs.push(blob);
    }
    Ok(blobs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_answers_are_split_by_their_sizes() {
        let answer = b"aaa blob 5\nhello\nbbb blob 0\n\nccc blob 3\na\nb\n";
        let blobs = read_batch(&answer[..], 3).unwrap();
        assert_eq!(blobs, vec![b"hello".to_vec(), Vec::new(), b"a\nb".to_vec()]);
        let missing = read_batch(&b"xyz missing\n"[..], 1).unwrap_err();
        assert!(missing.contains("xyz missing"), "{missing}");
    }

    #[test]
    fn listing_strips_the_directory() {
        let src = GitSource {
            commit: "0123456789".into(),
            files: [
                ("content/company.yaml", ""),
                ("content/customers/a.yaml", ""),
                ("content/customers/b.yaml", ""),
                ("content/customersx.yaml", ""),
                ("dossier.yaml", ""),
            ]
            .into_iter()
            .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
            .collect(),
        };
        assert_eq!(src.list("content/customers"), ["a.yaml", "b.yaml"]);
        assert!(src.read("dossier.yaml").is_some());
        assert!(src.read("nope.yaml").is_none());
        assert_eq!(src.short(), "0123456");
    }
}
