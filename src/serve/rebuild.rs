//! One build of the site into memory, the way `build` does it (load →
//! check → analyze → chart → render), keeping between builds what an edit
//! of the content cannot change: the parsed templates (the [`Engine`]),
//! reloaded only when a file outside `content/` changed, and the parsed
//! files, pages and charts whose input did not change (see `cache.rs`).
//! Nothing here is written to disk.

use super::cache::{ChartCache, MemoSource, PageSink, Pages, Versions};
use super::live::Files;
use crate::build::{self, Checked, Summary};
use crate::load::Diagnostic;
use crate::render::engine::{self, Engine};
use crate::render::pages::render_site;
use crate::util::timed;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// The result of one build.
pub struct Outcome {
    /// The new site; `None` when the build failed.
    pub files: Option<(Arc<Files>, Summary)>,
    /// Every problem found, warnings included.
    pub diagnostics: Vec<Diagnostic>,
    /// Files left for [`Rebuilder::finish`], made once the pages are served.
    pub later: Vec<String>,
}

/// Files made after the pages: output path and bytes.
pub type Later = Vec<(String, Arc<[u8]>)>;

/// The last good build's site and analysis: what its pages were made
/// from (the customers' versions count from it), and what its data files
/// are made from after the pages.
struct Built {
    site: crate::model::Site,
    analysis: crate::analysis::Analysis,
    labels: serde_json::Value,
}

pub struct Rebuilder {
    root: PathBuf,
    source: MemoSource,
    engine: Option<Engine>,
    pages: Pages,
    charts: ChartCache,
    /// The last good build, and whether its data files are still to make.
    last: Option<Arc<Built>>,
    pending: bool,
    versions: Versions,
    /// The last version number handed out (see [`Versions::next`]).
    counter: u64,
}

impl Rebuilder {
    pub fn new(root: PathBuf) -> Rebuilder {
        Rebuilder {
            source: MemoSource::new(&root),
            root,
            engine: None,
            pages: Pages::default(),
            charts: ChartCache::default(),
            last: None,
            pending: false,
            versions: Versions::default(),
            counter: 0,
        }
    }

    /// Builds the site; `changed` are the paths that changed since the
    /// previous build (relative to the root).
    pub fn build(&mut self, changed: &[String]) -> Outcome {
        let start = Instant::now();
        self.pending = false;
        self.source.forget(changed);
        if changed.iter().any(|p| !p.starts_with("content/")) {
            // Templates, theme, labels or settings may differ: parse the
            // theme again, and no page of the old theme can be reused.
            self.engine = None;
            self.pages = Pages::default();
        }
        let root = self.root.clone();
        let kept = self.engine.take();
        let (checked, diagnostics) = build::check_with(&self.source, |config| match kept {
            Some(e) => Ok(e),
            None => engine::load(&root, config),
        });
        match checked {
            Some(c) => self.render(c, diagnostics, start),
            None => Outcome {
                files: None,
                diagnostics,
                later: Vec::new(),
            },
        }
    }

    /// The making of the files the last build left for later (the data
    /// exports), to run once the new pages are served, on another thread
    /// so the next edit does not wait for it. Nothing after a failed build.
    pub fn later(&mut self) -> Option<impl FnOnce() -> Result<Later, Diagnostic> + Send + 'static> {
        if !std::mem::take(&mut self.pending) {
            return None;
        }
        let p = self.last.clone()?;
        Some(move || {
            timed("data files (after the pages)", || {
                let json = crate::render::pages::analysis_json(&p.analysis)?;
                let xlsx = crate::render::xlsx::bytes(&p.site, &p.analysis, &p.labels)?;
                Ok(vec![
                    (crate::render::pages::JSON_PATH.to_string(), json.into()),
                    (crate::render::xlsx::PATH.to_string(), xlsx.into()),
                ])
            })
        })
    }

    fn render(
        &mut self,
        mut c: Checked,
        mut diagnostics: Vec<Diagnostic>,
        start: Instant,
    ) -> Outcome {
        let versions = timed("compare", || {
            let before = self.last.as_deref().map(|b| (&b.site, &b.analysis));
            Versions::next(
                &self.versions,
                &mut self.counter,
                before,
                &c.site,
                &c.analysis,
            )
        });
        let charts = timed("chart (cached)", || {
            self.charts
                .charts(&c.site, &c.analysis, &c.engine.labels, &versions)
        });
        let rendered = timed("render (cached)", || {
            let changes = crate::history::baseline(&self.root, &c.site, &c.analysis)?;
            let sink = PageSink::new(&self.pages, &versions);
            let r = render_site(
                &c.site,
                &c.analysis,
                &mut c.engine,
                &charts,
                changes.as_ref(),
                &sink,
            );
            r.map(|count| (count, sink.finish()))
        });
        let labels = c.engine.labels.clone();
        self.engine = Some(c.engine);
        match rendered {
            Ok((count, pages)) => {
                let summary = Summary {
                    pages: count,
                    customers: c.site.customers.len(),
                    competitors: c.site.competitors.len(),
                    warnings: diagnostics.len(),
                    elapsed: start.elapsed(),
                    unchanged: false,
                };
                let files = pages.files();
                self.pages = pages;
                self.versions = versions;
                self.last = Some(Arc::new(Built {
                    site: c.site,
                    analysis: c.analysis,
                    labels,
                }));
                self.pending = true;
                Outcome {
                    files: Some((files, summary)),
                    diagnostics,
                    later: super::cache::LATER.iter().map(|p| p.to_string()).collect(),
                }
            }
            Err(mut ds) => {
                diagnostics.append(&mut ds);
                Outcome {
                    files: None,
                    diagnostics,
                    later: Vec::new(),
                }
            }
        }
    }
}
