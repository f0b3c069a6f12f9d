//! The one copy of the pipeline's first steps: load → check → analyze.
//! `build` (and through it `check` and `serve`) and `history` (a site at a
//! git revision) all run them from here; what follows (chart, render,
//! write) is `build`'s. Each step is timed (`DOSSIER_TIMINGS`).

use crate::analysis::{self, Analysis};
use crate::config::Config;
use crate::load::{self, Diagnostic, Source};
use crate::model::Site;
use crate::util::timed;

/// What a site is rendered with, as far as checking is concerned: the
/// languages it has labels for (`language:` must be one of them).
pub trait Theme {
    fn languages(&self) -> Vec<String>;
}

/// No theme (`dossier diff` renders nothing): any language is accepted.
impl Theme for () {
    fn languages(&self) -> Vec<String> {
        Vec::new()
    }
}

/// A checked site, its analysis and its theme.
pub struct Analysed<T> {
    pub site: Site,
    pub analysis: Analysis,
    pub engine: T,
}

/// Loads, checks and analyses the files of `src`, with the theme given by
/// `theme` (from the site's settings). Returns every diagnostic, sorted;
/// the result only when there was no error.
pub fn analyse<T: Theme>(
    src: &dyn Source,
    theme: impl FnOnce(&Config) -> Result<T, Vec<Diagnostic>>,
) -> (Option<Analysed<T>>, Vec<Diagnostic>) {
    let (raw, mut diags) = timed("load", || load::load(src));
    let engine = match theme(&raw.config) {
        Ok(e) => Some(e),
        Err(mut ds) => {
            diags.append(&mut ds);
            None
        }
    };
    let languages = engine.as_ref().map(Theme::languages).unwrap_or_default();
    let (site, mut more) = timed("check", || crate::check::check(raw, src, &languages));
    diags.append(&mut more);
    load::diagnostic::sort(&mut diags);
    match (site, engine) {
        (Some(site), Some(engine)) if !diags.iter().any(Diagnostic::is_error) => {
            diags.extend(load::images::check(&site, src));
            load::diagnostic::sort(&mut diags);
            let analysis = timed("analyze", || analysis::analyze(&site));
            let done = Analysed {
                site,
                analysis,
                engine,
            };
            (Some(done), diags)
        }
        _ => (None, diags),
    }
}
