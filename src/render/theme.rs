//! Theme resolution: templates, static files and i18n labels.
//!
//! The default theme is embedded in the binary, so `dossier` works with no
//! theme on disk; `theme:` in dossier.yaml picks a folder under `themes/`
//! (a folder named `default` on disk overrides the embedded one), and a
//! site's own `templates/` overrides theme templates of the same name.
//! Templates are parsed once per build (or once per `serve` session).

use crate::load::Diagnostic;
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::Path;

static DEFAULT_THEME: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A theme's files by path relative to the theme folder.
pub struct ThemeFiles {
    /// Where the files came from, as shown in messages (`themes/x` or
    /// `(built-in default theme)`).
    pub origin: String,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl ThemeFiles {
    /// Files under `prefix/` (the prefix stripped), in path order.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        self.files.iter().filter_map(move |(p, b)| {
            p.strip_prefix(prefix)
                .and_then(|r| r.strip_prefix('/'))
                .map(|r| (r, b.as_slice()))
        })
    }
}

/// Reads the theme named `name` for the site at `root`.
pub fn read_theme(root: &Path, name: &str) -> Result<ThemeFiles, Diagnostic> {
    if !crate::model::scalars::is_slug(name) {
        return Err(Diagnostic::file_error(
            crate::load::CONFIG_FILE,
            format!(
                "theme `{name}` is not a valid theme folder name (lowercase letters, digits, `-`)"
            ),
        ));
    }
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        return Ok(ThemeFiles {
            origin: format!("themes/{name}"),
            files: read_tree(&dir),
        });
    }
    if name == "default" {
        let mut files = BTreeMap::new();
        collect_embedded(&DEFAULT_THEME, &mut files);
        return Ok(ThemeFiles {
            origin: "(built-in default theme)".into(),
            files,
        });
    }
    Err(Diagnostic::file_error(
        crate::load::CONFIG_FILE,
        format!("theme `{name}` not found: there is no folder themes/{name}"),
    ))
}

/// Site-level template overrides from `root/templates/`.
pub fn read_site_templates(root: &Path) -> BTreeMap<String, Vec<u8>> {
    read_tree(&root.join("templates"))
}

fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let parts: Option<Vec<&str>> =
                rel.components().map(|c| c.as_os_str().to_str()).collect();
            let rel = parts?.join("/");
            if rel
                .split('/')
                .any(|p| p.starts_with('.') || p.ends_with('~'))
            {
                return None;
            }
            Some((rel, std::fs::read(e.path()).ok()?))
        })
        .collect()
}

fn collect_embedded(dir: &Dir, out: &mut BTreeMap<String, Vec<u8>>) {
    for f in dir.files() {
        if let Some(p) = f.path().to_str() {
            out.insert(p.replace('\\', "/"), f.contents().to_vec());
        }
    }
    for d in dir.dirs() {
        collect_embedded(d, out);
    }
}
