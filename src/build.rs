//! The pipeline: load → check → analyze → chart → render → write.
//! One line per step, each timed; `check` stops after checking, `serve`
//! renders into memory.

use crate::analysis::{self, Analysis};
use crate::config::Config;
use crate::load::{self, Diagnostic, FsSource, Source};
use crate::model::Site;
use crate::output::Sink;
use crate::render::engine::{self, Engine};
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
pub struct Checked {
    pub site: Site,
    pub analysis: Analysis,
    pub engine: Engine,
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
    let (raw, mut diags) = timed("load", || load::load(src));
    let engine = match engine(&raw.config) {
        Ok(e) => Some(e),
        Err(mut ds) => {
            diags.append(&mut ds);
            None
        }
    };
    let languages = engine
        .as_ref()
        .map(|e| e.languages.clone())
        .unwrap_or_default();
    let (site, mut more) = timed("check", || crate::check::check(raw, src, &languages));
    diags.append(&mut more);
    load::diagnostic::sort(&mut diags);
    match (site, engine) {
        (Some(site), Some(engine)) if !diags.iter().any(Diagnostic::is_error) => {
            diags.extend(load::images::check(&site, src));
            load::diagnostic::sort(&mut diags);
            let analysis = timed("analyze", || analysis::analyze(&site));
            (
                Some(Checked {
                    site,
                    analysis,
                    engine,
                }),
                diags,
            )
        }
        _ => (None, diags),
    }
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

/// Runs one step; with `DOSSIER_TIMINGS` set, prints how long it took.
pub fn timed<T>(step: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    if std::env::var_os("DOSSIER_TIMINGS").is_some() {
        eprintln!(
            "{step:>18}: {:>7.1} ms",
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
    out
}
