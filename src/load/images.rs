//! Images in the Markdown fields of the content. dossier publishes no file
//! from `content/`, so an image resolves only when it has an `http://` or
//! `https://` address; any other (`x.png`, `../logo.png`, an address the
//! sanitiser dropped) would be a broken image on the page, and `check`
//! reports it where it is written.

use super::diagnostic::Diagnostic;
use super::locate::{Seg, locate};
use super::{COMPANY_FILE, COMPETITORS_DIR, CUSTOMERS_DIR, PAGES_DIR, Source};
use crate::model::Site;
use rayon::prelude::*;
use serde_json::Value;

/// A warning for every image in the site's text that does not resolve.
pub fn check(site: &Site, src: &dyn Source) -> Vec<Diagnostic> {
    let mut found: Vec<(String, Vec<String>, String)> = Vec::new();
    let mut walk = |path: String, value: Value| {
        let mut at = Vec::new();
        visit(&value, &mut at, &mut |keys, image| {
            found.push((path.clone(), keys.to_vec(), image.to_string()));
        });
    };
    if let Ok(v) = serde_json::to_value(&site.company) {
        walk(COMPANY_FILE.to_string(), v);
    }
    // Thousands of customers: look for images in parallel, then locate
    // the few found.
    let customers: Vec<(String, Value)> = site
        .customers
        .par_iter()
        .filter_map(|(slug, c)| {
            // A customer with no image in its text (nearly all) needs
            // nothing more: its strings are scanned without making a tree
            // (`serve`: once per parse of its file).
            let path = format!("{CUSTOMERS_DIR}/{slug}.yaml");
            let scan = || super::strings::any(c, may_hold_image);
            let may = match src.memo() {
                Some(memo) => memo.checked(&path, c, 0, scan),
                None => scan(),
            };
            if !may {
                return None;
            }
            let v = serde_json::to_value(c).ok()?;
            Some((path, v))
        })
        .collect();
    for (path, v) in customers {
        walk(path, v);
    }
    for (slug, c) in &site.competitors {
        if let Ok(v) = serde_json::to_value(c) {
            walk(format!("{COMPETITORS_DIR}/{slug}.yaml"), v);
        }
    }
    let mut diags = Vec::new();
    for page in &site.pages {
        let path = format!("{PAGES_DIR}/{}.md", page.route.trim_start_matches("pages/"));
        for image in unresolved(&page.body) {
            diags.push(Diagnostic::warning(&path, "", 0, 0, message(&image)));
        }
    }
    for (path, keys, image) in found {
        let text = src
            .read(&path)
            .and_then(Result::ok)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let segs: Vec<Seg> = keys
            .iter()
            .map(|k| match k.strip_prefix('#').and_then(|i| i.parse().ok()) {
                Some(i) => Seg::Index(i),
                None => Seg::Key(k),
            })
            .collect();
        let (line, col) = at_address(&text, locate(&text, &segs), &image);
        diags.push(Diagnostic::warning(
            &path,
            &text,
            line,
            col,
            message(&image),
        ));
    }
    diags
}

/// The position of `image` in `text` from the field's position `at` on
/// (a note is a block of lines; the field's key is only where it starts).
fn at_address(text: &str, at: (usize, usize), image: &str) -> (usize, usize) {
    if image.is_empty() {
        return at;
    }
    text.lines()
        .enumerate()
        .skip(at.0.saturating_sub(1))
        .find_map(|(i, l)| l.find(image).map(|c| (i + 1, l[..c].chars().count() + 1)))
        .unwrap_or(at)
}

fn message(image: &str) -> String {
    let shown = if image.is_empty() {
        "(no address)"
    } else {
        image
    };
    format!(
        "the image `{shown}` does not resolve: dossier publishes no files from content/, so give an image an https:// address"
    )
}

fn may_hold_image(text: &str) -> bool {
    text.contains("![")
        || text
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"<img"))
}

/// Calls `report` with the key path and address of every unresolved image
/// in the strings of `value`. Indices are kept as `#N` in the path.
fn visit(value: &Value, at: &mut Vec<String>, report: &mut dyn FnMut(&[String], &str)) {
    match value {
        Value::String(s) => {
            for image in unresolved(s) {
                report(at, &image);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(format!("#{i}"));
                visit(item, at, report);
                at.pop();
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                at.push(k.clone());
                visit(v, at, report);
                at.pop();
            }
        }
        _ => {}
    }
}

/// The addresses of the images of Markdown `text` (after sanitising, as
/// the page shows them) that are not http(s) URLs.
pub fn unresolved(text: &str) -> Vec<String> {
    if !may_hold_image(text) {
        return Vec::new();
    }
    let html = crate::markdown::to_html(text);
    let mut out = Vec::new();
    let mut rest = html.as_str();
    while let Some(i) = rest.find("<img") {
        rest = &rest[i + 4..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        let src = tag
            .split_once(" src=\"")
            .and_then(|(_, v)| v.split_once('"'))
            .map_or("", |(v, _)| v);
        let lower = src.to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://")) {
            out.push(src.replace("&amp;", "&"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_without_an_http_address_do_not_resolve() {
        assert_eq!(
            unresolved("![a](logo.png) <img src=x onerror=alert(1)> ![b](https://e.com/b.png)"),
            vec!["logo.png".to_string(), "x".to_string()]
        );
        assert_eq!(
            unresolved("<img src=\"javascript:alert(1)\">"),
            vec![String::new()]
        );
        assert!(unresolved("no images [link](x.html)").is_empty());
    }
}
