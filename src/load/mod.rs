//! Reading a site: `dossier.yaml`, `content/company.yaml`, the customers,
//! competitors and free pages. Files come from a [`Source`] (the working
//! tree, or a git revision for `diff`). Every problem becomes a
//! [`Diagnostic`]; loading never stops at the first one.

pub mod data;
pub mod depth;
pub mod diagnostic;
pub mod explain;
pub mod images;
pub mod locate;
pub mod memo;
pub mod report;
pub mod source;
mod strings;
pub mod yaml;

pub use diagnostic::Diagnostic;
pub use source::{FsSource, Source};

use crate::config::Config;
use crate::model::page::FrontMatter;
use crate::model::scalars::is_slug;
use crate::model::{Company, Competitor, Customer, Page};
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;

/// Everything parsed from the files, before cross-file checks.
#[derive(Debug, Default)]
pub struct RawSite {
    pub config: Config,
    pub company: Option<Company>,
    /// Sorted by slug.
    pub customers: Vec<(String, std::sync::Arc<Customer>)>,
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
    // A missing dossier.yaml means "all defaults"; an empty one is an error
    // (docs/format.md), and one with only comments means all defaults.
    let config = match src.read(CONFIG_FILE) {
        None => Config::default(),
        Some(Ok(bytes)) if only_comments(&bytes) => Config::default(),
        Some(Ok(bytes))
            if String::from_utf8_lossy(&bytes)
                .trim_start_matches('\u{feff}')
                .trim()
                .is_empty() =>
        {
            diags.push(
                Diagnostic::file_error(CONFIG_FILE, "the file is empty").with_help(
                    "delete dossier.yaml to use the default settings, or write a setting such as `title: Customer analysis`",
                ),
            );
            Config::default()
        }
        Some(bytes) => parse_file(src, CONFIG_FILE, bytes, &mut diags).unwrap_or_default(),
    };
    let config = config.with_overrides();
    let company = match src.read(COMPANY_FILE) {
        None => {
            diags.push(missing_company(src));
            None
        }
        Some(bytes) => parse_file(src, COMPANY_FILE, bytes, &mut diags),
    };
    for (ignored, read) in [
        ("dossier.yml", CONFIG_FILE),
        ("content/company.yml", COMPANY_FILE),
    ] {
        // Without `content/company.yaml`, its missing-file error already
        // names this one.
        if src.read(ignored).is_some() && (read != COMPANY_FILE || company.is_some()) {
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
    // The spreadsheets of content/data/ are parsed beside the customer
    // files, then merged into them.
    let ((mut customers, mut customer_diags), parsed) = rayon::join(
        || {
            let mut d = Vec::new();
            (load_dir(src, CUSTOMERS_DIR, &mut d), d)
        },
        || data::parse(src, &config),
    );
    diags.append(&mut customer_diags);
    data::merge(parsed, src, &config, &mut customers, &mut diags);
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
fn parse_file<T: DeserializeOwned + JsonSchema + Clone + Send + Sync + 'static>(
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
    // Too deep a nesting is refused before the parser sees it; a text
    // parsed before (`serve`) was checked then.
    let parse = || match depth::check(path, &text) {
        Some(d) => Err(vec![d]),
        None => yaml::parse(path, &text),
    };
    let parsed = match src.memo() {
        Some(memo) => memo.parse(path, &text, parse),
        None => parse(),
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
    let mut bytes =
        bytes.map_err(|e| Diagnostic::file_error(path, format!("cannot read the file: {e}")))?;
    // Windows Notepad starts UTF-8 files with a byte-order mark, which is
    // not part of the text.
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = valid.len() - valid.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        // Text from a Chinese Windows editor is often GBK: show it decoded,
        // and say so.
        let (gbk, _, gbk_failed) = encoding_rs::GBK.decode(e.as_bytes());
        if !gbk_failed && looks_chinese(&gbk) {
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            let rest = &e.as_bytes()[line_start..];
            let line_end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            let bad_at = valid.len() - line_start;
            let (before, _, _) = encoding_rs::GBK.decode(&rest[..bad_at.min(line_end)]);
            let column = before.chars().count() + 1;
            return Diagnostic::error(
                path,
                &gbk,
                line,
                column,
                "the file is not UTF-8 text: it looks like GBK (Chinese Windows) text",
            )
            .with_help("save it as UTF-8: in Notepad, File > Save As, Encoding: UTF-8; in VS Code, click the encoding in the status bar, then Save with Encoding, UTF-8");
        }
        let shown = String::from_utf8_lossy(e.as_bytes()).into_owned();
        Diagnostic::error(
            path,
            &shown,
            line,
            column,
            "the file is not UTF-8 text",
        )
        .with_help("save it as UTF-8 (in the editor's Save As dialog, choose the encoding UTF-8)")
    })
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// True when the decoded text has Chinese characters.
fn looks_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// True when the file holds only spaces and comments (but is not empty).
fn only_comments(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    text.lines().any(|l| l.trim_start().starts_with('#'))
        && text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
}

/// The error for a missing company file, noticing `company.yml`.
fn missing_company(src: &dyn Source) -> Diagnostic {
    let siblings = src.list("content");
    let near = siblings
        .iter()
        .find(|f| !f.contains('/') && f.to_lowercase().starts_with("company."));
    match near {
        Some(found) => Diagnostic::file_error(
            COMPANY_FILE,
            format!("file not found, but there is content/{found}"),
        )
        .with_help(format!("rename content/{found} to content/company.yaml")),
        None => Diagnostic::file_error(COMPANY_FILE, "file not found")
            .with_help("every site describes our own company in content/company.yaml: create it with at least `name:`"),
    }
}

fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

/// Parses every `*.yaml` of `dir` in parallel; the stem is the slug.
fn load_dir<T: DeserializeOwned + JsonSchema + Clone + Send + Sync + 'static>(
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
                let d = Diagnostic::file_error(&path, msg).with_help(format!(
                    "rename the file to `{}.yaml`",
                    slug::slugify(&slug)
                ));
                return (slug, Err(vec![d]));
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
            if rel.is_empty() {
                // The folder itself (a link that leaves the site): its
                // error is reported where the folder is read.
                continue;
            }
            diags.push(if rel.contains('/') {
                Diagnostic::file_error(
                    &path,
                    format!("ignored: only `.yaml` and `.yml` files directly in {dir}/ are read"),
                )
                .into_warning()
                .with_help(format!("move the file up into {dir}/ if it should be read"))
            } else {
                skipped_file(dir, &rel)
            });
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

/// A warning for a file of `dir` that is not read because of its name.
fn skipped_file(dir: &str, name: &str) -> Diagnostic {
    let lower = name.to_lowercase();
    let base = lower
        .find(".yaml")
        .or_else(|| lower.find(".yml"))
        .map(|i| &lower[..i]);
    let help = match base {
        Some(stem) => format!(
            "rename it to `{}.yaml` (lowercase, ending in `.yaml`) if it should be read",
            slug::slugify(stem)
        ),
        None => "only files ending in `.yaml` are read here; move this file elsewhere".to_string(),
    };
    Diagnostic::file_error(
        &format!("{dir}/{name}"),
        "this file is ignored: its name does not end in `.yaml`",
    )
    .into_warning()
    .with_help(help)
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
            diags.push(
                Diagnostic::file_error(
                    &path,
                    format!("`{bad}` is not a valid slug: page paths use only lowercase ASCII letters, digits and `-`"),
                )
                .with_help(format!("rename `{bad}` to `{}`", slug::slugify(bad))),
            );
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
            None => diags.push(
                Diagnostic::error(
                    &path,
                    &text,
                    1,
                    1,
                    "a page starts with YAML front matter between `---` lines (at least `title:`)",
                )
                .with_help(
                    "start the file with three lines: `---`, `title: The page title`, `---`",
                ),
            ),
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
