//! Watching the files a site is built from: `dossier.yaml`, `content/`,
//! `templates/` and `themes/`, nothing else (not `output/`, not `.git/`).
//!
//! Editors save in bursts (write to a temporary file then rename it over
//! the old one, or rename the old one away, write, delete the backup), so
//! events are gathered until the files have been quiet for [`QUIET`], and
//! the whole burst becomes one batch of changed paths: one rebuild. This
//! module only reports what changed; `mod.rs` decides what to rebuild.

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

/// How long the files must stay untouched before a burst counts as done.
pub const QUIET: Duration = Duration::from_millis(50);
/// A burst that never goes quiet is still reported after this long.
const LONGEST: Duration = Duration::from_millis(1000);

/// The folders under the site root that are watched with everything in them.
const FOLDERS: [&str; 3] = ["content", "templates", "themes"];
/// The settings file, and the name the build warns it does not read.
const CONFIG: [&str; 2] = ["dossier.yaml", "dossier.yml"];
/// Reported when the watcher lost events: everything may have changed.
pub const UNKNOWN: &str = "(unknown: the file watcher lost events)";

/// Starts watching the site at `root` (an absolute path); every batch of
/// changed paths (relative, `/`-separated, sorted) is sent to `batches`.
pub fn spawn(root: &Path, batches: Sender<Vec<String>>) -> notify::Result<()> {
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    let mut watch = Watch {
        watcher,
        root: root.to_path_buf(),
    };
    for folder in FOLDERS {
        watch.rewatch(folder);
    }
    std::thread::Builder::new()
        .name("watch".into())
        .spawn(move || watch.run(&rx, &batches))
        .map_err(|e| notify::Error::generic(&e.to_string()))?;
    Ok(())
}

struct Watch {
    watcher: RecommendedWatcher,
    root: PathBuf,
}

impl Watch {
    fn run(&mut self, events: &Receiver<notify::Result<Event>>, batches: &Sender<Vec<String>>) {
        while let Some(batch) = next_batch(events, &self.root) {
            // A watched folder that was created, removed or replaced needs
            // its watch set up again (the old one died with the folder).
            for folder in FOLDERS {
                if batch.iter().any(|p| p == folder) {
                    self.rewatch(folder);
                }
            }
            if batches.send(batch.into_iter().collect()).is_err() {
                return;
            }
        }
    }

    fn rewatch(&mut self, folder: &str) {
        let path = self.root.join(folder);
        let _ = self.watcher.unwatch(&path);
        if path.is_dir()
            && let Err(e) = self.watcher.watch(&path, RecursiveMode::Recursive)
        {
            eprintln!("warning: cannot watch {}: {e}", path.display());
        }
    }
}

/// Waits for a relevant change, then gathers events until the files have
/// been quiet for [`QUIET`]. `None` when the watcher is gone.
fn next_batch(events: &Receiver<notify::Result<Event>>, root: &Path) -> Option<BTreeSet<String>> {
    let mut batch = BTreeSet::new();
    while batch.is_empty() {
        collect(events.recv().ok()?, root, &mut batch);
    }
    let start = Instant::now();
    while start.elapsed() < LONGEST {
        match events.recv_timeout(QUIET) {
            Ok(event) => collect(event, root, &mut batch),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
    Some(batch)
}

fn collect(event: notify::Result<Event>, root: &Path, batch: &mut BTreeSet<String>) {
    let event = match event {
        Ok(e) => e,
        Err(_) => {
            batch.insert(UNKNOWN.to_string());
            return;
        }
    };
    if event.need_rescan() {
        batch.insert(UNKNOWN.to_string());
    }
    // Reading a file (as every build does) is not a change.
    let is_read =
        matches!(event.kind, EventKind::Access(a) if a != AccessKind::Close(AccessMode::Write));
    if is_read {
        return;
    }
    batch.extend(event.paths.iter().filter_map(|p| relevant(root, p)));
}

/// The path relative to the root when a build reads it; `None` for
/// other files and for editors' backup, swap and temporary files.
pub fn relevant(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    let parts = parts?;
    let first = *parts.first()?;
    if !(CONFIG.contains(&first) || FOLDERS.contains(&first)) {
        return None;
    }
    let name = parts.last()?;
    // `~$sales.xlsx` is the lock file Excel keeps beside an open workbook.
    let scratch = name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || [".swp", ".swx", ".tmp", ".bak"]
            .iter()
            .any(|s| name.ends_with(s))
        || *name == "4913";
    (!scratch).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sources_of_a_build_are_relevant() {
        let root = Path::new("/site");
        let r = |p: &str| relevant(root, &root.join(p));
        assert_eq!(r("dossier.yaml").as_deref(), Some("dossier.yaml"));
        // Read for its warning ("ignored: read only as dossier.yaml").
        assert_eq!(r("dossier.yml").as_deref(), Some("dossier.yml"));
        assert_eq!(
            r("content/customers/a.yaml").as_deref(),
            Some("content/customers/a.yaml")
        );
        assert_eq!(
            r("themes/x/templates/base.html").as_deref(),
            Some("themes/x/templates/base.html")
        );
        assert_eq!(r("content").as_deref(), Some("content"));
        for ignored in [
            "output/index.html",
            ".git/index",
            "README.md",
            "content/customers/.a.yaml.swp",
            "content/customers/a.yaml~",
            "content/customers/4913",
            "content/customers/.#a.yaml",
            "content/data/~$sales.xlsx",
        ] {
            assert_eq!(r(ignored), None, "{ignored}");
        }
        assert_eq!(relevant(root, Path::new("/elsewhere/dossier.yaml")), None);
        assert_eq!(
            r("content/data/sales.xlsx").as_deref(),
            Some("content/data/sales.xlsx")
        );
    }

    #[test]
    fn a_burst_of_events_is_one_batch() {
        let (tx, rx) = channel();
        let root = Path::new("/site");
        let ev = |p: &str| Ok(Event::new(EventKind::Any).add_path(root.join(p)));
        tx.send(ev("content/customers/.a.yaml.tmp")).unwrap();
        tx.send(ev("content/customers/a.yaml")).unwrap();
        tx.send(ev("content/customers/a.yaml")).unwrap();
        tx.send(ev("content/company.yaml")).unwrap();
        let batch = next_batch(&rx, root).unwrap();
        assert_eq!(
            batch.into_iter().collect::<Vec<_>>(),
            ["content/company.yaml", "content/customers/a.yaml"]
        );
        drop(tx);
        assert!(next_batch(&rx, root).is_none());
    }
}
