//! The analysis over time: the site at a git revision, read from git
//! objects ([`git`]), analysed like the working tree, and compared
//! ([`diff`]) into a report for people ([`report`], [`text`]).
//!
//! Two entry points: [`run`] for `dossier diff A [B]`, and [`baseline`]
//! for `build` with `history.baseline` (the changes page and each
//! customer's own changes). Not here: rendering the pages (`render`).

pub mod diff;
pub mod git;
pub mod report;
mod text;

use crate::analysis::Analysis;
use crate::load::locate::{Seg, locate};
use crate::load::{self, CONFIG_FILE, Diagnostic, FsSource, Source};
use crate::model::Site;
use diff::Diff;
use git::{GitSource, Repo};
use report::{CustomerChanges, Report, Revision, Side};
use std::path::Path;

/// Why a diff could not be made. Both exit with 1.
#[derive(Debug)]
pub enum Error {
    /// No repository, no such revision, git missing: one message.
    Git(String),
    /// A revision (or the working tree) whose content has errors.
    Content { rev: String, diags: Vec<Diagnostic> },
}

impl std::fmt::Display for Error {
    /// The one-line summary printed last (after the diagnostics, if any).
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Error::Git(msg) => write!(f, "error: {msg}"),
            Error::Content { rev, diags } if rev == WORKING_TREE => {
                write!(
                    f,
                    "diff failed: {} error(s) in the working tree",
                    diags.len()
                )
            }
            Error::Content { rev, diags } => {
                write!(
                    f,
                    "diff failed: {} error(s) in the site at revision `{rev}`",
                    diags.len()
                )
            }
        }
    }
}

/// The output format of `dossier diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// A site at one revision, checked and analysed.
pub struct Loaded {
    pub rev: Revision,
    pub site: Site,
    pub analysis: Analysis,
    /// The analysis as the diff compares it, made once per revision.
    parts: std::sync::OnceLock<diff::Parts>,
}

impl Loaded {
    fn side(&self) -> Side<'_> {
        Side {
            rev: self.rev.clone(),
            site: &self.site,
            analysis: &self.analysis,
        }
    }
}

/// The name the working tree goes by in reports and in the JSON.
pub const WORKING_TREE: &str = "working tree";

/// `dossier diff A [B]`: the report of the changes from `a` to `b` (the
/// working tree when `None`) of the site at `root`, in `format`.
pub fn run(root: &Path, a: &str, b: Option<&str>, format: Format) -> Result<String, Error> {
    let repo = Repo::discover(root).map_err(Error::Git)?;
    // The two sides are independent: one reads git while the other parses.
    let (from, to) = rayon::join(
        || load_revision(&repo, a),
        || match b {
            Some(b) => load_revision(&repo, b),
            None => load_source(
                &FsSource::new(root),
                Revision {
                    name: WORKING_TREE.into(),
                    commit: None,
                },
            ),
        },
    );
    let (from, to) = (from?, to?);
    let diff = diff::diff(
        (&from.rev.name, &from.analysis),
        (&to.rev.name, &to.analysis),
    );
    Ok(match format {
        Format::Json => json(&diff),
        Format::Text => Report::new(&diff, &from.side(), &to.side()).text(),
    })
}

/// The site at `rev`, checked and analysed; problems name the revision.
pub fn load_revision(repo: &Repo, rev: &str) -> Result<Loaded, Error> {
    let src = GitSource::open(repo, rev).map_err(Error::Git)?;
    let name = Revision {
        name: rev.to_string(),
        commit: Some(src.short().to_string()),
    };
    load_source(&src, name)
}

/// The baseline revision last loaded by this process, by the site's
/// folder and the commit it resolved to: `serve` compares every rebuild
/// against the same baseline, and reading and analysing a revision of a
/// big portfolio from git costs as much as a build.
static BASELINE: std::sync::Mutex<Option<(String, String, std::sync::Arc<Loaded>)>> =
    std::sync::Mutex::new(None);

/// [`load_revision`], from [`BASELINE`] when `rev` still resolves to the
/// commit loaded last.
fn cached_revision(repo: &Repo, rev: &str) -> Result<std::sync::Arc<Loaded>, Error> {
    let commit = repo.resolve(rev).map_err(Error::Git)?;
    let site = format!("{}/{} {rev}", repo.top.display(), repo.prefix);
    if let Ok(cache) = BASELINE.lock()
        && let Some((s, c, loaded)) = cache.as_ref()
        && *s == site
        && *c == commit
    {
        return Ok(loaded.clone());
    }
    let loaded = std::sync::Arc::new(load_revision(repo, rev)?);
    if let Ok(mut cache) = BASELINE.lock() {
        *cache = Some((site, commit, loaded.clone()));
    }
    Ok(loaded)
}

/// Loads, checks and analyses a site from `src`. Only errors are kept:
/// the warnings of an old revision are no news.
fn load_source(src: &dyn Source, rev: Revision) -> Result<Loaded, Error> {
    // No theme is rendered here, so no language list to check against.
    let (done, mut diags) = crate::pipeline::analyse(src, |_| Ok(()));
    diags.retain(Diagnostic::is_error);
    match done {
        Some(done) => Ok(Loaded {
            rev,
            site: done.site,
            analysis: done.analysis,
            parts: std::sync::OnceLock::new(),
        }),
        _ => {
            if rev.commit.is_some() {
                for d in &mut diags {
                    d.path = format!("{}:{}", rev.name, d.path);
                }
            }
            load::diagnostic::sort(&mut diags);
            Err(Error::Content {
                rev: rev.name,
                diags,
            })
        }
    }
}

/// The diff as the JSON of spec/ANALYSIS.md, whole numbers as integers.
pub fn json(diff: &Diff) -> String {
    let mut value = serde_json::to_value(diff).unwrap_or_default();
    crate::util::integral_numbers(&mut value);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The changes since `history.baseline`, for the changes page and the
/// customers' pages.
pub struct Changes {
    pub diff: Diff,
    pub report: Report,
}

impl Changes {
    /// One customer's changes since the baseline.
    pub fn customer(&self, slug: &str) -> CustomerChanges<'_> {
        self.report.customer(&self.diff, slug)
    }
}

/// For `build`: the changes from `history.baseline` to the site being
/// built; `None` without a baseline. Errors are located at the setting
/// (a bad revision) or name the revision and file (invalid content then).
pub fn baseline(
    root: &Path,
    site: &Site,
    analysis: &Analysis,
) -> Result<Option<Changes>, Vec<Diagnostic>> {
    let Some(rev) = site.config.history.baseline.as_deref() else {
        return Ok(None);
    };
    let setting_error = |msg: String| {
        let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
        let (line, col) = locate(&text, &[Seg::Key("history"), Seg::Key("baseline")]);
        vec![Diagnostic::error(
            CONFIG_FILE,
            &text,
            line,
            col,
            format!("history.baseline: {msg}"),
        )]
    };
    let repo = Repo::discover(root).map_err(setting_error)?;
    let from = match crate::util::timed("  baseline", || cached_revision(&repo, rev)) {
        Ok(l) => l,
        Err(Error::Git(msg)) => return Err(setting_error(msg)),
        Err(Error::Content { diags, .. }) => return Err(diags),
    };
    let to = Side {
        rev: Revision {
            name: WORKING_TREE.into(),
            commit: None,
        },
        site,
        analysis,
    };
    let diff = crate::util::timed("  diff", || {
        let parts = from.parts.get_or_init(|| diff::Parts::of(&from.analysis));
        let now = diff::Parts::of(analysis);
        diff::diff_parts((rev, &from.analysis), parts, (WORKING_TREE, analysis), &now)
    });
    let report = crate::util::timed("  changes report", || Report::new(&diff, &from.side(), &to));
    Ok(Some(Changes { diff, report }))
}

#[cfg(test)]
mod tests;
