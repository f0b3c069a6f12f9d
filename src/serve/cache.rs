//! What `serve` keeps between builds so an edit does not redo work that
//! did not change: pages and charts, by a hash of what they are made from.
//!
//! Pages: the renderer asks its sink before rendering a page, with a hash
//! of the page's whole input (template name, global and page context), or
//! for a page made from customers, of their [`Versions`];
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
use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;
use std::io;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The site's files on disk, with what was parsed from them last time.
pub struct MemoSource {
    files: FsSource,
    memo: Memo,
    /// The bytes of each plain file read, until the watcher reports it
    /// (or a folder holding it) changed, or lost events.
    read: Mutex<HashMap<String, Arc<[u8]>>>,
    /// The listing of each folder listed, until the watcher reports a
    /// path in it, the folder itself or one holding it.
    lists: Mutex<HashMap<String, Vec<String>>>,
}

impl MemoSource {
    pub fn new(root: &Path) -> MemoSource {
        MemoSource {
            files: FsSource::new(root),
            memo: Memo::default(),
            read: Mutex::default(),
            lists: Mutex::default(),
        }
    }

    /// Drops the kept bytes of `changed` (paths the watcher reported, and
    /// everything in a reported folder), the listings of the folders they
    /// are in, and what was parsed from those of them that are gone;
    /// everything when the watcher lost events.
    pub fn forget(&self, changed: &[String]) {
        let exists = |path: &str| self.files.root.join(path).exists();
        let mut read = lock(&self.read);
        let mut lists = lock(&self.lists);
        if changed.iter().any(|c| c == super::watch::UNKNOWN) {
            read.clear();
            lists.clear();
            self.memo.retain(exists);
            return;
        }
        // `a` is `b` or lies inside it.
        let within =
            |a: &str, b: &str| a == b || (a.starts_with(b) && a[b.len()..].starts_with('/'));
        let reported = |path: &str| changed.iter().any(|c| within(path, c));
        read.retain(|path, _| !reported(path));
        lists.retain(|dir, _| !changed.iter().any(|c| within(c, dir) || within(dir, c)));
        self.memo.retain(|path| !reported(path) || exists(path));
    }
}

impl Source for MemoSource {
    fn list(&self, dir: &str) -> Vec<String> {
        if let Some(l) = lock(&self.lists).get(dir) {
            return l.clone();
        }
        let l = self.files.list(dir);
        lock(&self.lists).insert(dir.to_string(), l.clone());
        l
    }
    fn read(&self, path: &str) -> Option<io::Result<Vec<u8>>> {
        // A file read before and not reported by the watcher since is the
        // same: its kept bytes are handed back without asking the file
        // system (at 10,000 customers, even a `stat` of every file took a
        // fifth of each rebuild).
        if let Some(k) = lock(&self.read).get(path) {
            return Some(Ok(k.to_vec()));
        }
        // Only plain files are kept: a link is followed and checked by
        // `FsSource` every time.
        let plain = std::fs::symlink_metadata(self.files.root.join(path))
            .is_ok_and(|m| m.file_type().is_file());
        let bytes = self.files.read(path)?;
        if let (true, Ok(b)) = (plain, &bytes) {
            lock(&self.read).insert(path.to_string(), b.as_slice().into());
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

/// For each customer, a number that stays the same from one build to the
/// next only while the customer (as checked, spreadsheet figures merged)
/// and its analysis are equal to the previous build's: a customer's own
/// pages, table row and search entry are keyed by it, the owner and region
/// pages and the charts by those of the customers they show, instead of
/// by a hash of everything they are made from (at 10,000
/// customers, hashing every dossier's input took a third of a rebuild).
/// The analysis is made from the site alone, so equal customers and
/// equal other files mean an equal analysis.
#[derive(Default)]
pub struct Versions {
    of: HashMap<String, u64>,
}

impl Versions {
    /// The versions of `site`'s customers, given `previous`, the versions
    /// of the build of `before` (the last one whose pages are kept).
    /// `counter` is the last number handed out: no number is used twice,
    /// not even after a failed build, so a key made with one number always
    /// stands for the same customer as it was.
    pub fn next(
        previous: &Versions,
        counter: &mut u64,
        before: Option<(&Site, &Analysis)>,
        site: &Site,
        analysis: &Analysis,
    ) -> Versions {
        let old: HashMap<&str, &Arc<crate::model::Customer>> = before
            .map(|(s, _)| s.customers.iter().map(|(k, c)| (k.as_str(), c)).collect())
            .unwrap_or_default();
        let same: Vec<bool> = site
            .customers
            .par_iter()
            .map(|(slug, c)| {
                let now = analysis.customers.customers.get(slug);
                before.is_some_and(|(_, a)| {
                    // A file not parsed again is the very same value.
                    let kept = old
                        .get(slug.as_str())
                        .is_some_and(|o| Arc::ptr_eq(o, c) || o == &c);
                    kept && a.customers.customers.get(slug) == now
                })
            })
            .collect();
        let mut next = Versions {
            of: HashMap::with_capacity(site.customers.len()),
        };
        for ((slug, _), same) in site.customers.iter().zip(same) {
            let v = match previous.of.get(slug) {
                Some(&v) if same => v,
                _ => {
                    *counter += 1;
                    *counter
                }
            };
            next.of.insert(slug.clone(), v);
        }
        next
    }

    pub fn of(&self, slug: &str) -> Option<u64> {
        self.of.get(slug).copied()
    }
}

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
    versions: &'a Versions,
    next: Mutex<Pages>,
    files: Mutex<Files>,
}

impl<'a> PageSink<'a> {
    /// `versions` are the customers' versions in this build, counted from
    /// the build `previous` holds.
    pub fn new(previous: &'a Pages, versions: &'a Versions) -> PageSink<'a> {
        PageSink {
            previous,
            versions,
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

    fn version(&self, slug: &str) -> Option<u64> {
        self.versions.of(slug)
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
        versions: &Versions,
    ) -> Charts {
        // The analysis is made from the site: the customers' versions and
        // the other files stand for it.
        let customer_keys: Vec<u64> = site
            .customers
            .iter()
            .map(|(slug, _)| versions.of(slug).unwrap_or(0))
            .collect();
        let key = stablehash::hash(&(
            &customer_keys,
            labels,
            &site.config,
            &site.company,
            &site.competitors,
            &site.pages,
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

    /// The watcher's report is what tells a file changed: a file that is
    /// not reported is never opened again, one that is (or whose folder
    /// is) is read anew even when its size and time look the same (copying
    /// with `cp -p` or `rsync -t` sets the time back).
    #[test]
    fn a_file_is_read_again_when_the_watcher_reports_it_and_only_then() {
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
        std::fs::write(&path, "name: Acme Corporation\n").unwrap();
        source.forget(&["content/customers/acme.yaml".to_string()]);
        assert_eq!(read(&source), b"name: Acme Corporation\n");
        // Another file's report leaves this one as it was read.
        std::fs::write(&path, "name: Acme Corp\n").unwrap();
        source.forget(&["content/customers/acme.yml".to_string()]);
        assert_eq!(read(&source), b"name: Acme Corporation\n");
        // A lost event drops every kept file.
        source.forget(&[super::super::watch::UNKNOWN.to_string()]);
        assert_eq!(read(&source), b"name: Acme Corp\n");
    }

    #[test]
    fn a_folder_is_listed_again_when_a_path_in_it_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let customers = dir.path().join("content/customers");
        std::fs::create_dir_all(&customers).unwrap();
        std::fs::write(customers.join("a.yaml"), "name: A\n").unwrap();
        let source = MemoSource::new(dir.path());
        let list = || source.list("content/customers");
        assert_eq!(list(), ["a.yaml"]);
        std::fs::write(customers.join("b.yaml"), "name: B\n").unwrap();
        // Not reported yet: the kept listing stands.
        assert_eq!(list(), ["a.yaml"]);
        source.forget(&["content/customers/b.yaml".to_string()]);
        assert_eq!(list(), ["a.yaml", "b.yaml"]);
        // A path elsewhere leaves it; the folder holding it drops it.
        std::fs::remove_file(customers.join("a.yaml")).unwrap();
        source.forget(&["content/competitors/x.yaml".to_string()]);
        assert_eq!(list(), ["a.yaml", "b.yaml"]);
        source.forget(&["content".to_string()]);
        assert_eq!(list(), ["b.yaml"]);
        std::fs::write(customers.join("c.yaml"), "name: C\n").unwrap();
        source.forget(&[super::super::watch::UNKNOWN.to_string()]);
        assert_eq!(list(), ["b.yaml", "c.yaml"]);
    }

    /// A customer keeps its version while it and its analysis stay the
    /// same, and gets a new one when either changes: also when only its
    /// analysis moved, because another customer changed (ABC classes and
    /// deciles rank the whole portfolio).
    #[test]
    fn a_customer_gets_a_new_version_when_it_or_its_analysis_changes() {
        use crate::model::customer::Status;
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let c = crate::build::check(root)
            .0
            .expect("the example site checks");
        let (site, analysis) = (c.site, c.analysis);
        let mut counter = 0;
        let first = Versions::next(&Versions::default(), &mut counter, None, &site, &analysis);
        let same = Versions::next(
            &first,
            &mut counter,
            Some((&site, &analysis)),
            &site,
            &analysis,
        );
        assert_eq!(first.of, same.of);
        // The smallest current customer becomes by far the largest.
        let mut edited = site.clone();
        let smallest = edited
            .customers
            .iter_mut()
            .filter(|(_, c)| c.status == Status::Current && !c.metrics.is_empty())
            .min_by(|a, b| a.1.latest_revenue().total_cmp(&b.1.latest_revenue()))
            .expect("a current customer with figures");
        let moved = smallest.0.clone();
        Arc::make_mut(&mut smallest.1)
            .metrics
            .last_mut()
            .unwrap()
            .revenue
            .0 *= 1000.0;
        let after = crate::analysis::analyze(&edited);
        let next = Versions::next(
            &same,
            &mut counter,
            Some((&site, &analysis)),
            &edited,
            &after,
        );
        let mut others_moved = 0;
        for (slug, _) in &site.customers {
            let own = slug == &moved;
            let analysed = analysis.customers.customers[slug] != after.customers.customers[slug];
            others_moved += usize::from(!own && analysed);
            assert_eq!(next.of(slug) != same.of(slug), own || analysed, "{slug}");
        }
        assert!(others_moved > 0, "the edit moved other customers' analysis");
    }

    /// What was parsed from a file is dropped once the file is deleted
    /// (a long session of renames would otherwise keep every old name).
    #[test]
    fn what_was_parsed_from_a_deleted_file_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let customers = dir.path().join("content/customers");
        std::fs::create_dir_all(&customers).unwrap();
        for name in ["a", "b"] {
            std::fs::write(customers.join(format!("{name}.yaml")), "name: A\n").unwrap();
        }
        let source = MemoSource::new(dir.path());
        for name in ["a", "b"] {
            let path = format!("content/customers/{name}.yaml");
            let text = String::from_utf8(source.read(&path).unwrap().unwrap()).unwrap();
            let _ = source.memo.parse(&path, &text, || Ok::<_, ()>(text.len()));
        }
        assert_eq!(source.memo.files(), 2);
        // Reported but still there: kept (its text decides).
        source.forget(&["content/customers/a.yaml".to_string()]);
        assert_eq!(source.memo.files(), 2);
        std::fs::remove_file(customers.join("a.yaml")).unwrap();
        source.forget(&["content/customers/a.yaml".to_string()]);
        assert_eq!(source.memo.files(), 1);
        std::fs::remove_file(customers.join("b.yaml")).unwrap();
        source.forget(&[super::super::watch::UNKNOWN.to_string()]);
        assert_eq!(source.memo.files(), 0);
    }
}
