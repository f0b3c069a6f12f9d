//! Where rendered files go: a folder on disk (`build`), or memory (`serve`,
//! whose sink lives in `serve/cache.rs`).
//!
//! `build` never writes into the output folder. It fills a fresh folder
//! beside it (`.<name>.dossier/new/`), taking unchanged files over from
//! the previous output as hard links, and swaps the two folders with one
//! rename only when the whole build succeeded. So the output folder is at
//! every moment either the complete previous site or the complete new one,
//! whatever point a build is killed at, and nothing is ever written through
//! a link someone left inside it. A lock beside the output keeps a second
//! build out while one runs; a folder that dossier did not make is never
//! replaced.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

mod lock;
use lock::Lock;

/// Receives the files of a build, by `/`-separated path relative to the
/// output root.
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: Vec<u8>) -> io::Result<()>;

    /// Asked before a page is rendered, with (lazily) a hash of everything
    /// the page is rendered from. A sink that kept the same page from a
    /// previous build may store it again and answer true; the page is then
    /// not rendered. The default renders every page; `build` and `serve`
    /// reuse pages whose input did not change.
    fn reuse(&self, _path: &str, _key: &dyn Fn() -> u64) -> bool {
        false
    }

    /// A number that stays the same only while customer `slug` and its
    /// analysis stay as they were in the build the sink kept pages from
    /// (`serve`): pages made from one customer are then keyed by it,
    /// rather than by a hash of their whole input. `None`: no such number.
    fn version(&self, _slug: &str) -> Option<u64> {
        None
    }

    /// A piece of a page (a customer's table row) that an earlier build
    /// rendered from the input whose hash is `key`, when the sink keeps
    /// such pieces (`serve`; asked only when [`Sink::keeps_fragments`]).
    fn fragment(&self, _key: u64) -> Option<std::sync::Arc<str>> {
        None
    }

    /// True when the sink keeps rendered pieces for the next build: only
    /// then are they hashed.
    fn keeps_fragments(&self) -> bool {
        false
    }

    /// Keeps a rendered piece for the next build.
    fn keep_fragment(&self, _key: u64, _html: &std::sync::Arc<str>) {}

    /// True when the sink makes the file at `path` itself, after the
    /// pages: the build then skips it. `serve` makes the workbook once the
    /// new pages are served, so an edit shows without waiting for it.
    fn later(&self, _path: &str) -> bool {
        false
    }

    /// Asked before anything is loaded, with a fingerprint of every input
    /// of the build: a sink whose previous build had the same fingerprint
    /// and whose files are untouched since may keep them all and answer
    /// what that build recorded. The default builds every time.
    fn up_to_date(&self, _input: u64) -> Option<Recorded> {
        None
    }

    /// Records the build's fingerprint and summary, for [`Sink::up_to_date`]
    /// next time.
    fn record_input(&self, _input: u64, _recorded: Recorded) {}
}

/// What the marker keeps of a whole build beside its files: the numbers
/// of its summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Recorded {
    pub pages: usize,
    pub customers: usize,
    pub competitors: usize,
    pub warnings: usize,
}

/// A marker that says dossier made this folder (and may replace it); it
/// also records, for every file, the hash of the page's input and the
/// size and hash of the bytes written.
pub const MARKER: &str = ".dossier-output";
/// The scratch folder that dossier 0.1 kept inside the output. An output
/// folder holding it but no marker is a first build of that version that
/// was stopped: dossier made it, so it may be replaced.
const LEGACY_TMP: &str = ".dossier-tmp";
/// Test hook: the process aborts right after this many steps of the write
/// (a file written or linked, a rename). Only the fault-injection test
/// sets it, to show that a build killed at any point leaves a whole site.
const ABORT_HOOK: &str = "DOSSIER_TEST_ABORT_AFTER";

/// True when `rel` stays inside the folder it is joined to.
pub fn is_safe_relative(rel: &str) -> bool {
    !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        && !rel.contains('\\')
}

/// The stable hash of a file's bytes kept in the marker (XXH3, 64 bits):
/// the same on every machine and every version of dossier.
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// What the marker records of one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Record {
    /// Hash of the page's input; none for files written without one.
    key: Option<u64>,
    size: u64,
    hash: u64,
}

/// A file of the build in progress.
#[derive(Clone, Copy)]
struct Entry {
    size: u64,
    hash: u64,
    /// The previous output holds exactly these bytes at the same path:
    /// the file is linked from there instead of written again.
    kept: bool,
}

/// A build in progress into `<parent>/.<name>.dossier/new/`, swapped with
/// the output folder `<parent>/<name>` on [`Staging::commit`].
pub struct Staging {
    output: PathBuf,
    state: PathBuf,
    new: PathBuf,
    /// Regular files of the current output (found without following
    /// links), with their size.
    existing: HashMap<String, u64>,
    /// What the previous build's marker recorded.
    previous: HashMap<String, Record>,
    /// The previous build's input fingerprint and summary, when its
    /// marker has them and no file of the output changed since it was
    /// written (every file as recorded, none newer than the marker).
    previous_input: Option<(u64, Recorded)>,
    /// This build's fingerprint and summary, written into the marker.
    input: Mutex<Option<(u64, Recorded)>>,
    /// The output is kept as it is: nothing changed since the last build.
    kept_whole: AtomicBool,
    files: Mutex<HashMap<String, Entry>>,
    keys: Mutex<HashMap<String, u64>>,
    /// Something was written to the new folder.
    written: AtomicBool,
    steps: Steps,
    _lock: Lock,
}

impl Sink for Staging {
    /// A page is kept without rendering it when its input hash matches
    /// the previous build's and the file on disk still has the size and
    /// content hash the marker recorded; anything else is rendered again.
    fn reuse(&self, path: &str, key: &dyn Fn() -> u64) -> bool {
        let key = key();
        match lock(&self.keys) {
            Ok(mut keys) => keys.insert(path.to_string(), key),
            Err(_) => return false,
        };
        let Some(prev) = self.previous.get(path) else {
            return false;
        };
        if prev.key != Some(key) || self.existing.get(path) != Some(&prev.size) {
            return false;
        }
        let Ok(bytes) = fs::read(self.output.join(path)) else {
            return false;
        };
        if bytes.len() as u64 != prev.size || content_hash(&bytes) != prev.hash {
            return false;
        }
        let entry = Entry {
            size: prev.size,
            hash: prev.hash,
            kept: true,
        };
        self.record(path, entry).is_ok()
    }

    fn up_to_date(&self, input: u64) -> Option<Recorded> {
        let (previous, recorded) = self.previous_input?;
        if previous != input {
            return None;
        }
        self.kept_whole.store(true, Ordering::Relaxed);
        Some(recorded)
    }

    fn record_input(&self, input: u64, recorded: Recorded) {
        if let Ok(mut i) = lock(&self.input) {
            *i = Some((input, recorded));
        }
    }

    fn put(&self, path: &str, bytes: Vec<u8>) -> io::Result<()> {
        if !is_safe_relative(path) || path == MARKER {
            return Err(io::Error::other(format!(
                "refusing to write outside the output folder: {path}"
            )));
        }
        let size = bytes.len() as u64;
        let kept = self.existing.get(path) == Some(&size)
            && fs::read(self.output.join(path)).is_ok_and(|b| b == bytes);
        let entry = Entry {
            size,
            hash: content_hash(&bytes),
            kept,
        };
        self.record(path, entry)?;
        if !kept {
            let target = self.new.join(path);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(target, bytes)?;
            self.written.store(true, Ordering::Relaxed);
            self.steps.step();
        }
        Ok(())
    }
}

fn lock<T>(m: &Mutex<T>) -> io::Result<std::sync::MutexGuard<'_, T>> {
    m.lock()
        .map_err(|_| io::Error::other("output lock poisoned"))
}

impl Staging {
    /// Takes the output's lock, finishes or clears what an interrupted
    /// build left, and prepares an empty folder to build into. Refuses an
    /// output folder that holds files dossier did not write.
    pub fn begin(output: &Path) -> io::Result<Staging> {
        let output = resolve(output)?;
        let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
            return Err(io::Error::other(format!(
                "cannot build into {}: name a folder",
                output.display()
            )));
        };
        let state = parent.join(format!(".{}.dossier", name.to_string_lossy()));
        let lock = Lock::acquire(&state, &output)?;
        recover(&output, &state)?;
        check_owned(&output)?;
        let (existing, untouched) = existing_files(&output)?;
        let (previous, previous_input) = if existing.contains_key(MARKER) {
            read_manifest(&output.join(MARKER))
        } else {
            (HashMap::new(), None)
        };
        let intact = untouched
            && existing.len() == previous.len() + 1
            && previous
                .iter()
                .all(|(p, r)| existing.get(p) == Some(&r.size));
        let previous_input = previous_input.filter(|_| intact);
        let new = state.join("new");
        fs::create_dir(&new)?;
        Ok(Staging {
            output,
            state,
            new,
            existing,
            previous,
            previous_input,
            input: Mutex::default(),
            kept_whole: AtomicBool::new(false),
            files: Mutex::default(),
            keys: Mutex::default(),
            written: AtomicBool::new(false),
            steps: Steps::from_env(),
            _lock: lock,
        })
    }

    fn record(&self, path: &str, entry: Entry) -> io::Result<()> {
        let mut files = lock(&self.files)?;
        if files.insert(path.to_string(), entry).is_some() {
            return Err(io::Error::other(format!(
                "two files of the build have the same path: {path}"
            )));
        }
        Ok(())
    }

    /// Completes the new folder (unchanged files are hard links to the
    /// previous ones) and swaps it in. When every file, and the marker, is
    /// the same as in the output, the output is left as it is.
    pub fn commit(self) -> io::Result<()> {
        let result = self.complete_and_swap();
        if result.is_err() {
            // The output is untouched; leave nothing beside it either.
            let _ = fs::remove_dir_all(&self.new);
        }
        result
    }

    fn complete_and_swap(&self) -> io::Result<()> {
        if self.kept_whole.load(Ordering::Relaxed) {
            return fs::remove_dir_all(&self.new);
        }
        let files = std::mem::take(&mut *lock(&self.files)?);
        let keys = std::mem::take(&mut *lock(&self.keys)?);
        let input = *lock(&self.input)?;
        let marker = manifest(&files, &keys, input);
        let unchanged = !self.written.load(Ordering::Relaxed)
            && files.values().all(|e| e.kept)
            && self.existing.len() == files.len() + 1
            && self.existing.get(MARKER) == Some(&(marker.len() as u64))
            && fs::read(self.output.join(MARKER)).is_ok_and(|b| b == marker);
        if unchanged {
            return fs::remove_dir_all(&self.new);
        }
        let kept: Vec<&String> = files
            .iter()
            .filter(|(_, e)| e.kept)
            .map(|(p, _)| p)
            .collect();
        kept.par_iter().try_for_each(|path| {
            let target = self.new.join(path);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            let from = self.output.join(path);
            if fs::hard_link(&from, &target).is_err() {
                fs::copy(&from, &target)?;
            }
            self.steps.step();
            Ok::<(), io::Error>(())
        })?;
        fs::write(self.new.join(MARKER), marker)?;
        self.steps.step();
        swap(
            &self.new,
            &self.output,
            &self.state.join("old"),
            &self.steps,
        )?;
        settle(&self.output.join(MARKER));
        Ok(())
    }

    /// Drops the new folder, leaving the previous output as it was.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.new);
    }
}

/// Waits until a file written from now on gets a later modification time
/// than the marker: file times come from a clock that moves in ticks of a
/// few milliseconds, and a page edited by hand within the same tick would
/// otherwise look untouched to the next build's up-to-date check.
fn settle(marker: &Path) {
    let Ok(written) = fs::metadata(marker).and_then(|m| m.modified()) else {
        return;
    };
    let after = written + std::time::Duration::from_millis(12);
    while let Ok(left) = after.duration_since(std::time::SystemTime::now()) {
        std::thread::sleep(left.min(std::time::Duration::from_millis(2)));
    }
}

/// The marker's text: a header, then one line per file, sorted by path.
fn manifest(
    files: &HashMap<String, Entry>,
    keys: &HashMap<String, u64>,
    input: Option<(u64, Recorded)>,
) -> Vec<u8> {
    let mut text = String::from(
        "# This folder is generated by dossier; it is replaced on every build.\n\
         # Below, per file: a hash of the page's input (- for none), the size and\n\
         # the XXH3 hash of its bytes, so that unchanged pages are not rendered again.\n",
    );
    if let Some((fp, r)) = input {
        text.push_str(&format!(
            "# input {fp:016x} pages {} customers {} competitors {} warnings {}\n",
            r.pages, r.customers, r.competitors, r.warnings
        ));
    }
    let mut paths: Vec<&String> = files.keys().collect();
    paths.sort();
    for path in paths {
        let e = files[path];
        let key = keys
            .get(path)
            .map_or_else(|| "-".to_string(), |k| format!("{k:016x}"));
        text.push_str(&format!("{key} {} {:016x} {path}\n", e.size, e.hash));
    }
    text.into_bytes()
}

/// The records a previous build left in its marker file. Lines of another
/// form (older versions) are skipped: their pages are rendered again.
fn read_manifest(path: &Path) -> (HashMap<String, Record>, Option<(u64, Recorded)>) {
    let text = fs::read_to_string(path).unwrap_or_default();
    let input = text.lines().find_map(|l| {
        let w: Vec<&str> = l.strip_prefix("# input ")?.split(' ').collect();
        let n = |i: usize| w.get(i).and_then(|x| x.parse::<usize>().ok());
        Some((
            u64::from_str_radix(w.first()?, 16).ok()?,
            Recorded {
                pages: n(2)?,
                customers: n(4)?,
                competitors: n(6)?,
                warnings: n(8)?,
            },
        ))
    });
    let records = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.splitn(4, ' ');
            let key = match parts.next()? {
                "-" => None,
                k => Some(u64::from_str_radix(k, 16).ok()?),
            };
            let size = parts.next()?.parse().ok()?;
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            let path = parts.next()?;
            Some((path.to_string(), Record { key, size, hash }))
        })
        .collect();
    (records, input)
}

/// The output folder as an absolute path; a link given as `--output` is
/// replaced by the folder it points to, so the link itself stays.
fn resolve(output: &Path) -> io::Result<PathBuf> {
    let abs = std::path::absolute(output)?;
    match fs::symlink_metadata(&abs) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(&abs),
        _ => Ok(abs),
    }
}

/// Finishes or clears what a build stopped in its write step left. A swap
/// done as two renames (where the system cannot exchange two folders in
/// one step) may have been stopped between them: the previous site is then
/// in `old/` and goes back in place. A new folder never swapped in is
/// removed.
fn recover(output: &Path, state: &Path) -> io::Result<()> {
    let old = state.join("old");
    let new = state.join("new");
    if fs::symlink_metadata(output).is_err() && is_real_dir(&old) {
        fs::rename(&old, output)?;
    }
    for dir in [new, old] {
        if fs::symlink_metadata(&dir).is_ok() {
            fs::remove_dir_all(&dir)?;
        }
    }
    Ok(())
}

fn is_real_dir(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// Refuses an output that is not a folder, or a folder that holds files
/// and was not made by dossier.
fn check_owned(output: &Path) -> io::Result<()> {
    let meta = match fs::symlink_metadata(output) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        other => other?,
    };
    if !meta.is_dir() {
        return Err(io::Error::other(format!(
            "{} exists and is not a folder",
            output.display()
        )));
    }
    let ours = fs::symlink_metadata(output.join(MARKER)).is_ok_and(|m| m.is_file())
        || is_real_dir(&output.join(LEGACY_TMP));
    if !ours && fs::read_dir(output)?.next().is_some() {
        return Err(io::Error::other(format!(
            "refusing to replace {}: it is not empty and was not made by dossier (no {MARKER} file)",
            output.display()
        )));
    }
    Ok(())
}

/// The regular files of the output folder with their size. Links are not
/// followed, and neither they nor anything behind them is ever reused.
/// The regular files of the output with their sizes, and whether none
/// of them was modified after the marker was written.
fn existing_files(output: &Path) -> io::Result<(HashMap<String, u64>, bool)> {
    let mut files = HashMap::new();
    if !is_real_dir(output) {
        return Ok((files, false));
    }
    let marker_time = fs::symlink_metadata(output.join(MARKER)).and_then(|m| m.modified());
    let mut untouched = marker_time.is_ok();
    for entry in walkdir::WalkDir::new(output).follow_links(false) {
        let entry = entry.map_err(io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(output) else {
            continue;
        };
        let Some(rel) = rel.to_str() else { continue };
        let meta = entry.metadata().map_err(io::Error::other)?;
        if let Ok(t) = &marker_time {
            untouched &= meta.modified().is_ok_and(|m| m <= *t);
        }
        files.insert(rel.replace('\\', "/"), meta.len());
    }
    Ok((files, untouched))
}

/// Puts `new` in the place of `output`. Where the system can exchange two
/// folders in one step (Linux), the output is never missing; elsewhere the
/// previous site waits in `old` until the new one is in place, and
/// [`recover`] puts it back if the swap was stopped in between.
fn swap(new: &Path, output: &Path, old: &Path, steps: &Steps) -> io::Result<()> {
    if fs::symlink_metadata(output).is_err() {
        fs::rename(new, output)?;
        steps.step();
        return Ok(());
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, new, CWD, output, RenameFlags::EXCHANGE).is_ok() {
            steps.step();
            return fs::remove_dir_all(new);
        }
    }
    fs::rename(output, old).map_err(|e| {
        io::Error::other(format!(
            "{e}; dossier replaces the output folder by renaming it, so it may not be a mount point: build into a folder inside it"
        ))
    })?;
    steps.step();
    fs::rename(new, output)?;
    steps.step();
    fs::remove_dir_all(old)
}

/// Counts the steps of the write for [`ABORT_HOOK`].
struct Steps {
    limit: Option<usize>,
    done: AtomicUsize,
}

impl Steps {
    fn from_env() -> Steps {
        Steps {
            limit: std::env::var(ABORT_HOOK).ok().and_then(|v| v.parse().ok()),
            done: AtomicUsize::new(0),
        }
    }

    fn step(&self) {
        if let Some(limit) = self.limit
            && self.done.fetch_add(1, Ordering::SeqCst) + 1 >= limit
        {
            std::process::abort();
        }
    }
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

    #[test]
    fn the_marker_reads_back_what_it_records() {
        let mut files = HashMap::new();
        files.insert(
            "a b/index.html".to_string(),
            Entry {
                size: 12,
                hash: 0xabc,
                kept: false,
            },
        );
        files.insert(
            "style.css".to_string(),
            Entry {
                size: 3,
                hash: 7,
                kept: true,
            },
        );
        let keys = HashMap::from([("a b/index.html".to_string(), 0xfeedu64)]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(MARKER);
        let recorded = Recorded {
            pages: 3,
            customers: 2,
            competitors: 1,
            warnings: 4,
        };
        fs::write(&path, manifest(&files, &keys, Some((0xbeef, recorded)))).unwrap();
        let (back, input) = read_manifest(&path);
        assert_eq!(input, Some((0xbeef, recorded)));
        assert_eq!(
            back["a b/index.html"],
            Record {
                key: Some(0xfeed),
                size: 12,
                hash: 0xabc
            }
        );
        assert_eq!(
            back["style.css"],
            Record {
                key: None,
                size: 3,
                hash: 7
            }
        );
    }

    #[test]
    fn a_swap_stopped_between_its_two_renames_puts_the_previous_site_back() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("output");
        let state = dir.path().join(".output.dossier");
        fs::create_dir_all(state.join("old/customers")).unwrap();
        fs::write(state.join("old/customers/a.html"), "previous").unwrap();
        fs::write(state.join("old").join(MARKER), "").unwrap();
        fs::create_dir_all(state.join("new")).unwrap();
        fs::write(state.join("new/half.html"), "new").unwrap();
        recover(&output, &state).unwrap();
        assert_eq!(
            fs::read_to_string(output.join("customers/a.html")).unwrap(),
            "previous"
        );
        assert!(!state.join("old").exists() && !state.join("new").exists());
        // With the output in place, what is left beside it is only removed.
        fs::create_dir_all(state.join("old")).unwrap();
        recover(&output, &state).unwrap();
        assert!(output.join(MARKER).is_file() && !state.join("old").exists());
    }

    #[test]
    fn the_content_hash_is_stable() {
        // XXH3-64 of no bytes: the marker of one machine must be read the
        // same on every other.
        assert_eq!(content_hash(b""), 0x2d06800538d394c2);
    }
}
