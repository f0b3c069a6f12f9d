//! What `serve` keeps between builds so an edit does not redo work that
//! did not change: pages and charts, by a hash of what they are made from.
//!
//! Pages: the renderer asks its sink before rendering a page, with a hash
//! of the page's whole input (template name, global and page context);
//! [`PageSink`] hands back the previous build's bytes when the hash is the
//! same, so an edit of one customer re-renders that customer's pages and
//! the ones listing every customer, not a thousand others. The hashes only
//! hold while the templates stay the same: `rebuild.rs` drops the pages
//! whenever it reloads the theme.
//!
//! Files: [`MemoSource`] reads the site from disk like `build` does and
//! keeps what was parsed from each file (see `load/memo.rs`), so only the
//! files that changed are parsed again.
//!
//! Charts: drawing is pure (same input, same bytes), so when nothing a
//! chart may be drawn from changed (the site, its analysis and the labels:
//! an edit of a template or a stylesheet, a save without a change), the
//! previous charts are served again. An edit of a customer redraws
//! them: the overview charts read every customer anyway, and each value
//! scorecard is one small chart per distinct set of scores. This module
//! never draws anything itself and never changes what a chart looks like.

use super::live::Files;
use crate::analysis::Analysis;
use crate::chart;
use crate::load::memo::Memo;
use crate::load::{FsSource, Source};
use crate::model::Site;
use crate::output::{Sink, is_safe_relative};
use crate::render::pages::Charts;
use crate::stablehash;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The site's files on disk, with what was parsed from them last time.
pub struct MemoSource {
    files: FsSource,
    memo: Memo,
    /// The bytes of each regular file read, with its size and time of
    /// last change when it was read: a file whose size and time are the
    /// same, and that the watcher did not report, is not read again (at
    /// 10,000 customers, opening every file took a third of the loading).
    read: Mutex<HashMap<String, Kept>>,
}

/// A file's bytes and what they were read at.
struct Kept {
    len: u64,
    modified: std::time::SystemTime,
    bytes: Arc<[u8]>,
}

impl MemoSource {
    pub fn new(root: &Path) -> MemoSource {
        MemoSource {
            files: FsSource::new(root),
            memo: Memo::default(),
            read: Mutex::default(),
        }
    }

    /// Drops the kept bytes of `changed` (paths the watcher reported, and
    /// everything in a reported folder); everything when the watcher lost
    /// events.
    pub fn forget(&self, changed: &[String]) {
        let mut read = self.read.lock().unwrap_or_else(|p| p.into_inner());
        if changed.iter().any(|c| c == super::watch::UNKNOWN) {
            read.clear();
            return;
        }
        read.retain(|path, _| {
            !changed.iter().any(|c| {
                path == c || (path.starts_with(c.as_str()) && path[c.len()..].starts_with('/'))
            })
        });
    }
}

impl Source for MemoSource {
    fn list(&self, dir: &str) -> Vec<String> {
        self.files.list(dir)
    }
    fn read(&self, path: &str) -> Option<io::Result<Vec<u8>>> {
        // Only plain files are kept: a link is followed and checked by
        // `FsSource` every time.
        let meta = std::fs::symlink_metadata(self.files.root.join(path))
            .ok()
            .filter(|m| m.file_type().is_file());
        let stamp = meta.and_then(|m| Some((m.len(), m.modified().ok()?)));
        if let Some((len, modified)) = stamp {
            let read = self.read.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(k) = read.get(path)
                && k.len == len
                && k.modified == modified
            {
                return Some(Ok(k.bytes.to_vec()));
            }
        }
        let bytes = self.files.read(path)?;
        if let (Some((len, modified)), Ok(b)) = (stamp, &bytes) {
            let kept = Kept {
                len,
                modified,
                bytes: b.as_slice().into(),
            };
            self.read
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(path.to_string(), kept);
        }
        Some(bytes)
    }
    fn memo(&self) -> Option<&Memo> {
        Some(&self.memo)
    }
}

/// The files `serve` makes after the pages are served: the data exports,
/// which no page needs to show and which take longer than an edited page
/// at 10,000 customers.
pub const LATER: [&str; 2] = [crate::render::pages::JSON_PATH, crate::render::xlsx::PATH];

/// The pages of the last good build, with the hash of each one's input.
#[derive(Default)]
pub struct Pages {
    files: Arc<Files>,
    keys: HashMap<String, u64>,
    /// Rendered pieces of pages (table rows) by the hash of their input.
    fragments: HashMap<u64, Arc<str>>,
}

/// Files larger than this (the search index of every customer, which
/// changes with any customer edit anyway) are made again without hashing
/// their input, which would cost more than it saves. Pages are smaller:
/// a page of an owner's 100 customers is about 65 KB, and hashing its
/// input costs less than rendering it again.
const LARGE: usize = 512 * 1024;

impl Pages {
    pub fn files(&self) -> Arc<Files> {
        self.files.clone()
    }
}

/// Collects a build in memory, reusing unchanged pages of `previous`.
pub struct PageSink<'a> {
    previous: &'a Pages,
    next: Mutex<Pages>,
    files: Mutex<Files>,
}

impl<'a> PageSink<'a> {
    pub fn new(previous: &'a Pages) -> PageSink<'a> {
        PageSink {
            previous,
            next: Mutex::default(),
            files: Mutex::default(),
        }
    }

    /// The finished build, to serve and to reuse next time.
    pub fn finish(self) -> Pages {
        let mut next = self.next.into_inner().unwrap_or_else(|p| p.into_inner());
        next.files = Arc::new(self.files.into_inner().unwrap_or_else(|p| p.into_inner()));
        next
    }
}

impl Sink for PageSink<'_> {
    fn put(&self, path: &str, bytes: Vec<u8>) -> io::Result<()> {
        if !is_safe_relative(path) {
            return Err(io::Error::other(format!(
                "refusing to write outside the output folder: {path}"
            )));
        }
        lock(&self.files).insert(path.to_string(), bytes.into());
        Ok(())
    }

    fn reuse(&self, path: &str, key: &dyn Fn() -> u64) -> bool {
        let old = self.previous.files.get(path);
        if old.is_some_and(|b| b.len() > LARGE) {
            return false;
        }
        let key = key();
        lock(&self.next).keys.insert(path.to_string(), key);
        let Some(bytes) = old.filter(|_| self.previous.keys.get(path) == Some(&key)) else {
            return false;
        };
        lock(&self.files).insert(path.to_string(), bytes.clone());
        true
    }

    fn fragment(&self, key: u64) -> Option<Arc<str>> {
        let html = self.previous.fragments.get(&key)?.clone();
        lock(&self.next).fragments.insert(key, html.clone());
        Some(html)
    }

    fn keeps_fragments(&self) -> bool {
        true
    }

    fn keep_fragment(&self, key: u64, html: &Arc<str>) {
        lock(&self.next).fragments.insert(key, html.clone());
    }

    fn later(&self, path: &str) -> bool {
        LATER.contains(&path)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The charts of the last build with the hash of their input.
#[derive(Default)]
pub struct ChartCache {
    last: Option<(u64, Charts)>,
}

impl ChartCache {
    /// Every chart of the site as [`chart::site_charts`] draws them: the
    /// charts of the previous call when nothing they are drawn from
    /// changed, else drawn anew.
    pub fn charts(
        &mut self,
        site: &Site,
        analysis: &Analysis,
        labels: &serde_json::Value,
    ) -> Charts {
        // Each customer hashed on its own (in parallel), then the whole.
        let customer_keys: Vec<u64> = site
            .customers
            .par_iter()
            .map(|(slug, c)| stablehash::hash(&(slug, c)))
            .collect();
        let key = stablehash::hash(&(
            &customer_keys,
            labels,
            &site.config,
            &site.company,
            &site.competitors,
            &site.pages,
            analysis,
        ));
        let charts = match self.last.take() {
            Some((k, charts)) if k == key => charts,
            _ => chart::site_charts(site, analysis, labels),
        };
        self.last = Some((key, charts.clone()));
        charts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A customer file rewritten with text of the same length, its time
    /// of change set back (copying with `cp -p` or `rsync -t` does this):
    /// only the watcher's report tells that it changed.
    #[test]
    fn a_reported_file_is_read_again_even_when_size_and_time_look_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("content/customers/acme.yaml");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "name: Acme\n").unwrap();
        let source = MemoSource::new(dir.path());
        let read = |s: &MemoSource| s.read("content/customers/acme.yaml").unwrap().unwrap();
        // Writes `text`, then sets the time of change back to what it was.
        let rewrite_keeping_time = |text: &str| {
            let when = std::fs::metadata(&path).unwrap().modified().unwrap();
            std::fs::write(&path, text).unwrap();
            std::fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(when)
                .unwrap();
        };
        assert_eq!(read(&source), b"name: Acme\n");
        rewrite_keeping_time("name: Abcd\n");
        // Not reported: the kept bytes stand (no file is opened again).
        assert_eq!(read(&source), b"name: Acme\n");
        source.forget(&["content/customers".to_string()]);
        assert_eq!(read(&source), b"name: Abcd\n");
        // A change of size is seen without a report.
        std::fs::write(&path, "name: Acme Corporation\n").unwrap();
        assert_eq!(read(&source), b"name: Acme Corporation\n");
        // A lost event drops every kept file.
        rewrite_keeping_time("name: Acme Corporatiox\n");
        assert_eq!(read(&source), b"name: Acme Corporation\n");
        source.forget(&[super::super::watch::UNKNOWN.to_string()]);
        assert_eq!(read(&source), b"name: Acme Corporatiox\n");
    }
}
