//! One build of the site into memory, the way `build` does it (load →
//! check → analyze → chart → render), keeping between builds what an edit
//! of the content cannot change: the parsed templates (the [`Engine`]),
//! reloaded only when a file outside `content/` changed, and the charts
//! (see `cache.rs`). Nothing here is written to disk.

use super::cache::ChartCache;
use super::live::Files;
use crate::build::{self, Summary};
use crate::load::Diagnostic;
use crate::output::MemSink;
use crate::render::engine::{self, Engine};
use std::path::PathBuf;
use std::time::Instant;

/// The result of one build.
pub struct Outcome {
    /// The new site; `None` when the build failed.
    pub files: Option<(Files, Summary)>,
    /// Every problem found, warnings included.
    pub diagnostics: Vec<Diagnostic>,
}

pub struct Rebuilder {
    root: PathBuf,
    engine: Option<Engine>,
    pub charts: ChartCache,
}

impl Rebuilder {
    pub fn new(root: PathBuf) -> Rebuilder {
        Rebuilder {
            root,
            engine: None,
            charts: ChartCache::default(),
        }
    }

    /// Builds the site; `changed` are the paths that changed since the
    /// previous build (relative to the root).
    pub fn build(&mut self, changed: &[String]) -> Outcome {
        let start = Instant::now();
        if changed.iter().any(|p| !p.starts_with("content/")) {
            self.engine = None;
        }
        let root = self.root.clone();
        let kept = self.engine.take();
        let (checked, mut diagnostics) = build::check_with(&root, |config| match kept {
            Some(e) => Ok(e),
            None => engine::load(&root, config),
        });
        let Some(mut c) = checked else {
            return Outcome { files: None, diagnostics };
        };
        let charts = self
            .charts
            .charts(&c.site, &c.analysis, || crate::chart::site_charts(&c.site, &c.analysis));
        let sink = MemSink::default();
        let rendered = crate::render::pages::render_site(&c.site, &c.analysis, &mut c.engine, &charts, &sink);
        self.engine = Some(c.engine);
        match rendered {
            Ok(pages) => {
                let summary = Summary {
                    pages,
                    customers: c.site.customers.len(),
                    competitors: c.site.competitors.len(),
                    warnings: diagnostics.len(),
                    elapsed: start.elapsed(),
                };
                let files = sink.files.into_inner().unwrap_or_else(|p| p.into_inner());
                Outcome {
                    files: Some((files, summary)),
                    diagnostics,
                }
            }
            Err(mut ds) => {
                diagnostics.append(&mut ds);
                Outcome { files: None, diagnostics }
            }
        }
    }
}
