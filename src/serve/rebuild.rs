//! One build of the site into memory, the way `build` does it (load →
//! check → analyze → chart → render), keeping between builds what an edit
//! of the content cannot change: the parsed templates (the [`Engine`]),
//! reloaded only when a file outside `content/` changed, and the parsed
//! files, pages and charts whose input did not change (see `cache.rs`).
//! Nothing here is written to disk.

use super::cache::{ChartCache, MemoSource, PageSink, Pages};
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
}

pub struct Rebuilder {
    root: PathBuf,
    source: MemoSource,
    engine: Option<Engine>,
    pages: Pages,
    charts: ChartCache,
}

impl Rebuilder {
    pub fn new(root: PathBuf) -> Rebuilder {
        Rebuilder {
            source: MemoSource::new(&root),
            root,
            engine: None,
            pages: Pages::default(),
            charts: ChartCache::default(),
        }
    }

    /// Builds the site; `changed` are the paths that changed since the
    /// previous build (relative to the root).
    pub fn build(&mut self, changed: &[String]) -> Outcome {
        let start = Instant::now();
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
            },
        }
    }

    fn render(
        &mut self,
        mut c: Checked,
        mut diagnostics: Vec<Diagnostic>,
        start: Instant,
    ) -> Outcome {
        let charts = timed("chart (cached)", || {
            self.charts.charts(&c.site, &c.analysis, &c.engine.labels)
        });
        let rendered = timed("render (cached)", || {
            let changes = crate::history::baseline(&self.root, &c.site, &c.analysis)?;
            let sink = PageSink::new(&self.pages);
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
                Outcome {
                    files: Some((files, summary)),
                    diagnostics,
                }
            }
            Err(mut ds) => {
                diagnostics.append(&mut ds);
                Outcome {
                    files: None,
                    diagnostics,
                }
            }
        }
    }
}
