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
    /// Nothing changed since the last build: the output was kept as it
    /// was, and the figures are the last build's.
    pub unchanged: bool,
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
    let input = timed("fingerprint", || fingerprint(root));
    if let Some(r) = input.and_then(|fp| sink.up_to_date(fp)) {
        let summary = Summary {
            pages: r.pages,
            customers: r.customers,
            competitors: r.competitors,
            warnings: r.warnings,
            elapsed: start.elapsed(),
            unchanged: true,
        };
        return (Some(summary), Vec::new());
    }
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
                unchanged: false,
            };
            if let Some(fp) = input {
                sink.record_input(
                    fp,
                    crate::output::Recorded {
                        pages: summary.pages,
                        customers: summary.customers,
                        competitors: summary.competitors,
                        warnings: summary.warnings,
                    },
                );
            }
            (Some(summary), diags)
        }
        Err(mut ds) => {
            diags.append(&mut ds);
            (None, diags)
        }
    }
}

/// A fingerprint of everything a build reads: this program, the date
/// (`as_of` may be today), `SOURCE_DATE_EPOCH`, `dossier.yaml` and every
/// file under `content/`, `themes/`, `templates/` and `static/`, by path
/// and bytes. The same
/// fingerprint as the last build's, with its output untouched, means the
/// same output: the build keeps it and stops. `None` (always build) for a
/// site compared against a git revision, whose baseline moves with the
/// repository, or when a file cannot be read.
pub fn fingerprint(root: &Path) -> Option<u64> {
    use xxhash_rust::xxh3::Xxh3;
    let config = match std::fs::read(root.join("dossier.yaml")) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(_) => return None,
    };
    if config.windows(b"baseline".len()).any(|w| w == b"baseline") {
        return None;
    }
    let mut h = Xxh3::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    let exe = std::env::current_exe().and_then(std::fs::metadata).ok()?;
    h.update(&exe.len().to_le_bytes());
    let built = exe
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    h.update(&built.as_nanos().to_le_bytes());
    h.update(
        time::OffsetDateTime::now_utc()
            .date()
            .to_string()
            .as_bytes(),
    );
    h.update(
        std::env::var("SOURCE_DATE_EPOCH")
            .unwrap_or_default()
            .as_bytes(),
    );
    h.update(&config);
    for dir in ["content", "themes", "templates", "static"] {
        let base = root.join(dir);
        if !base.exists() {
            continue;
        }
        let walk = walkdir::WalkDir::new(&base)
            .follow_links(false)
            .sort_by_file_name();
        for entry in walk {
            let entry = entry.ok()?;
            if entry.file_type().is_dir() {
                continue;
            }
            let path = entry.path().strip_prefix(root).ok()?;
            h.update(path.as_os_str().as_encoded_bytes());
            h.update(&[0]);
            if entry.file_type().is_symlink() {
                let target = std::fs::read_link(entry.path()).ok()?;
                h.update(target.as_os_str().as_encoded_bytes());
                continue;
            }
            let bytes = std::fs::read(entry.path()).ok()?;
            h.update(&(bytes.len() as u64).to_le_bytes());
            h.update(&bytes);
        }
    }
    Some(h.digest())
}
