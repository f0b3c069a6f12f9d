//! The build: load → check → analyze (in [`crate::pipeline`]), then
//! chart → render → write. One line per step, each timed; `check` stops
//! after checking, `serve` renders into memory.

use crate::config::Config;
use crate::load::{Diagnostic, FsSource, Source};
use crate::output::Sink;
use crate::pipeline::{self, Analysed, Theme};
use crate::render::engine::{self, Engine};
use crate::util::timed;
use std::path::Path;
use std::time::{Duration, Instant};

/// What a build produced, for the one-line summary.
#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: usize,
    pub customers: usize,
    pub competitors: usize,
    pub warnings: usize,
    pub elapsed: Duration,
}

/// A checked site, its analysis and the theme, ready to render.
pub type Checked = Analysed<Engine>;

impl Theme for Engine {
    fn languages(&self) -> Vec<String> {
        self.languages.clone()
    }
}

/// Loads, checks and analyses the site at `root`. Returns every
/// diagnostic; `Checked` only when there was no error.
pub fn check(root: &Path) -> (Option<Checked>, Vec<Diagnostic>) {
    check_with(&FsSource::new(root), |config| engine::load(root, config))
}

/// [`check`] of the files of `src`, with the theme supplied by `engine`
/// (given the site's config): `serve` hands back the templates it parsed
/// for the previous build, and reads through a source that remembers
/// parsed files.
pub fn check_with(
    src: &dyn Source,
    engine: impl FnOnce(&Config) -> Result<Engine, Vec<Diagnostic>>,
) -> (Option<Checked>, Vec<Diagnostic>) {
    pipeline::analyse(src, engine)
}

/// Builds the site at `root` into `sink`.
pub fn build(root: &Path, sink: &dyn Sink) -> (Option<Summary>, Vec<Diagnostic>) {
    let start = Instant::now();
    let (checked, mut diags) = check(root);
    let Some(mut c) = checked else {
        return (None, diags);
    };
    let charts = timed("chart", || {
        crate::chart::site_charts(&c.site, &c.analysis, &c.engine.labels)
    });
    let changes = match crate::history::baseline(root, &c.site, &c.analysis) {
        Ok(changes) => changes,
        Err(mut ds) => {
            diags.append(&mut ds);
            return (None, diags);
        }
    };
    let rendered = timed("render and write", || {
        crate::render::pages::render_site(
            &c.site,
            &c.analysis,
            &mut c.engine,
            &charts,
            changes.as_ref(),
            sink,
        )
    });
    match rendered {
        Ok(pages) => {
            let summary = Summary {
                pages,
                customers: c.site.customers.len(),
                competitors: c.site.competitors.len(),
                warnings: diags.len(),
                elapsed: start.elapsed(),
            };
            (Some(summary), diags)
        }
        Err(mut ds) => {
            diags.append(&mut ds);
            (None, diags)
        }
    }
}
