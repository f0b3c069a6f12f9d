//! Reading a site: `dossier.yaml`, `content/company.yaml`, the customers,
//! competitors and free pages. Files come from a [`Source`] (the working
//! tree, or a git revision for `diff`). Every problem becomes a
//! [`Diagnostic`]; loading never stops at the first one.

pub mod depth;
pub mod diagnostic;
pub mod images;
pub mod locate;
pub mod memo;
pub mod source;
pub mod yaml;

pub use diagnostic::Diagnostic;
pub use source::{FsSource, Source};

use crate::config::Config;
use crate::model::page::FrontMatter;
use crate::model::scalars::is_slug;
use crate::model::{Company, Competitor, Customer, Page};
use rayon::prelude::*;
use serde::de::DeserializeOwned;

/// Everything parsed from the files, before cross-file checks.
#[derive(Debug, Default)]
pub struct RawSite {
    pub config: Config,
    pub company: Option<Company>,
    /// Sorted by slug.
    pub customers: Vec<(String, Customer)>,
    /// Sorted by slug.
    pub competitors: Vec<(String, Competitor)>,
    pub pages: Vec<Page>,
}

pub const CONFIG_FILE: &str = "dossier.yaml";
pub const COMPANY_FILE: &str = "content/company.yaml";
pub const CUSTOMERS_DIR: &str = "content/customers";
pub const COMPETITORS_DIR: &str = "content/competitors";
pub const PAGES_DIR: &str = "content/pages";

/// Loads every file of the site, collecting all problems.
pub fn load(src: &dyn Source) -> (RawSite, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // An empty dossier.yaml means "all defaults", like a missing one.
    let config = match src.read(CONFIG_FILE) {
        None => Config::default(),
        Some(Ok(bytes)) if bytes.iter().all(u8::is_ascii_whitespace) => Config::default(),
        Some(bytes) => parse_file(src, CONFIG_FILE, bytes, &mut diags).unwrap_or_default(),
    };
    let company = match src.read(COMPANY_FILE) {
        None => {
            diags.push(Diagnostic::file_error(
                COMPANY_FILE,
                "file not found: every site describes our own company here (at least `name:`)",
            ));
            None
        }
        Some(bytes) => parse_file(src, COMPANY_FILE, bytes, &mut diags),
    };
    for (ignored, read) in [
        ("dossier.yml", CONFIG_FILE),
        ("content/company.yml", COMPANY_FILE),
    ] {
        if src.read(ignored).is_some() {
            diags.push(Diagnostic::warning(
                ignored,
                "",
                0,
                0,
                format!(
                    "ignored: this file is read only as `{read}` (`.yml` is not accepted here)"
                ),
            ));
        }
    }
    let customers = load_dir(src, CUSTOMERS_DIR, &mut diags);
    let competitors = load_dir(src, COMPETITORS_DIR, &mut diags);
    let pages = load_pages(src, &mut diags);
    let site = RawSite {
        config,
        company,
        customers,
        competitors,
        pages,
    };
    (site, diags)
}

/// Decodes and parses one YAML file, pushing its problems to `diags`.
fn parse_file<T: DeserializeOwned + Clone + Send + Sync + 'static>(
    src: &dyn Source,
    path: &str,
    bytes: std::io::Result<Vec<u8>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let text = match decode(path, bytes) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    if let Some(d) = depth::check(path, &text) {
        diags.push(d);
        return None;
    }
    let parsed = match src.memo() {
        Some(memo) => memo.parse(path, &text, || yaml::parse(path, &text)),
        None => yaml::parse(path, &text),
    };
    match parsed {
        Ok(v) => Some(v),
        Err(mut ds) => {
            diags.append(&mut ds);
            None
        }
    }
}

/// The file's text, or an error naming where it stops being UTF-8.
pub fn decode(path: &str, bytes: std::io::Result<Vec<u8>>) -> Result<String, Diagnostic> {
    let bytes =
        bytes.map_err(|e| Diagnostic::file_error(path, format!("cannot read the file: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = valid.len() - valid.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        let shown = String::from_utf8_lossy(e.as_bytes()).into_owned();
        Diagnostic::error(
            path,
            &shown,
            line,
            column,
            "the file is not valid UTF-8 text (save it as UTF-8)",
        )
    })
}

fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

/// Parses every `*.yaml` of `dir` in parallel; the stem is the slug.
fn load_dir<T: DeserializeOwned + Clone + Send + Sync + 'static>(
    src: &dyn Source,
    dir: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, T)> {
    let files = content_files(src, dir, diags);
    let results: Vec<(String, Result<T, Vec<Diagnostic>>)> = files
        .into_par_iter()
        .map(|(slug, path)| {
            if !is_slug(&slug) {
                let msg = format!(
                    "`{slug}` is not a valid slug: a file name uses only lowercase ASCII letters, digits and `-` (put the full name in `name:`)"
                );
                return (slug, Err(vec![Diagnostic::file_error(&path, msg)]));
            }
            let mut ds = Vec::new();
            let parsed = parse_file::<T>(src, &path, src.read(&path).unwrap_or_else(|| Ok(Vec::new())), &mut ds);
            (slug, parsed.ok_or(ds))
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    for (slug, r) in results {
        match r {
            Ok(v) => out.push((slug, v)),
            Err(mut ds) => diags.append(&mut ds),
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// `path` without its extension when the extension is one of `exts`, in
/// any case (`acme.YAML` is content, as it would be on a file system that
/// ignores case).
fn strip_extension<'a>(path: &'a str, exts: &[&str]) -> Option<&'a str> {
    let (stem, ext) = path.rsplit_once('.')?;
    (!stem.is_empty() && !stem.ends_with('/') && exts.iter().any(|e| ext.eq_ignore_ascii_case(e)))
        .then_some(stem)
}

/// The YAML files directly in `dir` as (slug, path). Two files for one
/// slug (`acme.yaml` beside `acme.yml`) are an error naming both, and the
/// second is not read; a file that is not YAML, or a folder, gets a
/// warning rather than being skipped in silence.
fn content_files(
    src: &dyn Source,
    dir: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for rel in src.list(dir) {
        let path = format!("{dir}/{rel}");
        if rel.split('/').any(is_ignored) {
            continue;
        }
        let stem = strip_extension(&rel, &["yaml", "yml"]).filter(|_| !rel.contains('/'));
        let Some(stem) = stem else {
            diags.push(Diagnostic::warning(
                &path,
                "",
                0,
                0,
                format!("ignored: only `.yaml` and `.yml` files directly in {dir}/ are read"),
            ));
            continue;
        };
        if let Some(d) = duplicate(&mut seen, stem, &path) {
            diags.push(d);
            continue;
        }
        files.push((stem.to_string(), path));
    }
    files
}

/// An error naming both files when `key` was already taken by another file.
fn duplicate(
    seen: &mut std::collections::HashMap<String, String>,
    key: &str,
    path: &str,
) -> Option<Diagnostic> {
    match seen.get(key) {
        Some(first) => Some(Diagnostic::file_error(
            path,
            format!("`{path}` and `{first}` both describe `{key}`: keep one of the two files"),
        )),
        None => {
            seen.insert(key.to_string(), path.to_string());
            None
        }
    }
}

/// Free pages: `content/pages/**/*.md` with YAML front matter.
fn load_pages(src: &dyn Source, diags: &mut Vec<Diagnostic>) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for rel in src.list(PAGES_DIR) {
        if rel.split('/').any(is_ignored) {
            continue;
        }
        let path = format!("{PAGES_DIR}/{rel}");
        let Some(stem) = strip_extension(&rel, &["md"]) else {
            diags.push(Diagnostic::warning(
                &path,
                "",
                0,
                0,
                format!("ignored: only `.md` files in {PAGES_DIR}/ are pages"),
            ));
            continue;
        };
        if let Some(bad) = stem.split('/').find(|s| !is_slug(s)) {
            diags.push(Diagnostic::file_error(
                &path,
                format!("`{bad}` is not a valid slug: page paths use only lowercase ASCII letters, digits and `-`"),
            ));
            continue;
        }
        if let Some(d) = duplicate(&mut seen, stem, &path) {
            diags.push(d);
            continue;
        }
        let text = match decode(&path, src.read(&path).unwrap_or_else(|| Ok(Vec::new()))) {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        match split_front_matter(&text) {
            None => diags.push(Diagnostic::error(
                &path,
                &text,
                1,
                1,
                "a page starts with YAML front matter between `---` lines (at least `title:`)",
            )),
            Some((front, _)) if let Some(d) = depth::check(&path, front) => diags.push(d),
            Some((front, body)) => match yaml::parse::<FrontMatter>(&path, front) {
                Ok(front) => pages.push(Page {
                    route: format!("pages/{stem}"),
                    front,
                    body: body.to_string(),
                }),
                Err(mut ds) => diags.append(&mut ds),
            },
        }
    }
    pages.sort_by(|a, b| (a.front.weight, &a.route).cmp(&(b.front.weight, &b.route)));
    pages
}

/// Splits `---\nfront\n---\nbody`; the front keeps its line numbers
/// (the opening `---` line becomes an empty line).
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---")?;
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let end = rest.find("\n---")?;
    let offset = text.len() - rest.len();
    let front = &text[3..offset + end];
    let after = &rest[end + 4..];
    let body = after.split_once('\n').map_or("", |(_, b)| b);
    Some((front, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_from_the_body() {
        let (f, b) = split_front_matter("---\ntitle: A\n---\n# Body\n").unwrap();
        assert_eq!(f.trim(), "title: A");
        assert_eq!(f.lines().count(), 2, "line numbers are kept");
        assert_eq!(b, "# Body\n");
        assert!(split_front_matter("# no front matter").is_none());
    }

    #[test]
    fn non_utf8_is_located() {
        let d = decode("a.yaml", Ok(b"name: A\nx: \xff\n".to_vec())).unwrap_err();
        assert_eq!((d.line, d.column), (2, 4));
    }
}
