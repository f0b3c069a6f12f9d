//! The one helper of the integration tests: copy a fixture site to a
//! temporary folder, run the real binary on it, read what it wrote; and
//! make a git repository of it for the history tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// A copy of `tests/sites/<case>`.
    pub fn fixture(case: &str) -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/sites")
            .join(case);
        copy_tree(&src, dir.path());
        TestSite { dir }
    }

    /// An empty folder.
    pub fn empty() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    /// Runs `dossier <args>` with the site as the current folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(args)
            .current_dir(self.root())
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap();
        Run(out)
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// A file of `output/`, as text.
    pub fn output(&self, rel: &str) -> String {
        let p = self.path("output").join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    /// Every file of `output/` with its bytes, sorted by path.
    pub fn output_files(&self) -> Vec<(String, Vec<u8>)> {
        files_under(&self.path("output"))
    }
}

pub fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    v.sort();
    v
}

pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    /// Asserts success and returns stdout.
    pub fn ok(&self) -> String {
        assert_eq!(
            self.code(),
            0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self.stdout()
    }
}

fn copy_tree(src: &Path, dst: &Path) {
    for e in walkdir::WalkDir::new(src)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(src).unwrap();
        let to = dst.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
}

/// True when `stderr` holds a diagnostic whose message contains `message`
/// and whose location line is ` --> {location}` (`path:line:column`, or
/// the path alone for a whole-file diagnostic).
pub fn has_diagnostic(stderr: &str, location: &str, message: &str) -> bool {
    let mut blocks = Vec::new();
    let mut current = String::new();
    for line in stderr.lines() {
        if (line.starts_with("error: ") || line.starts_with("warning: ")) && !current.is_empty() {
            blocks.push(std::mem::take(&mut current));
        }
        current.push_str(line);
        current.push('\n');
    }
    blocks.push(current);
    let at = format!("--> {location}\n");
    blocks
        .iter()
        .any(|b| b.contains(message) && b.contains(&at))
}

/// Runs git in `dir`, isolated from the user's and the system's settings,
/// with a fixed date so that commit ids are the same on every run.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_DATE", "2026-11-22T12:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-11-22T12:00:00Z")
        .output()
        .expect("git is installed");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A git repository in `dir` with a test identity.
pub fn init_repo(dir: &Path) {
    git(dir, &["init", "-q"]);
    for (k, v) in [
        ("user.name", "Test"),
        ("user.email", "test@example.com"),
        ("commit.gpgsign", "false"),
    ] {
        git(dir, &["config", k, v]);
    }
}

/// Commits everything in `dir` and tags the commit.
pub fn commit(dir: &Path, message: &str, tag: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
    git(dir, &["tag", tag]);
}
