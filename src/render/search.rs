//! The search index: one small JavaScript file, `assets/search-index.js`,
//! written at build time, that the search box on every page loads. It is
//! a script (not JSON read with `fetch`) so that search works with the
//! pages opened straight from disk, where browsers refuse `fetch` of
//! `file://` URLs. Each entry names a page, where it is (from the output
//! root), a line of detail, and the lower-cased text it is found by:
//! names, regions, industries, contacts and the first part of the notes.

use crate::model::Site;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

/// The path of the index in the output.
pub const PATH: &str = "assets/search-index.js";
/// How much of a customer's notes is searchable (characters).
const NOTES: usize = 400;

#[derive(Serialize)]
struct Entry<'a> {
    /// Title shown.
    t: &'a str,
    /// Link from the output root.
    u: String,
    /// Detail line.
    d: String,
    /// What the entry is found by, lower case.
    s: String,
}

/// An entry of the index already written, by customer slug: given the
/// slug and the making of the entry, its JSON (`serve` keeps the entries
/// of customers that did not change).
pub type Kept<'a> = &'a (dyn Fn(&str, &dyn Fn() -> Vec<u8>) -> Vec<u8> + Sync);

/// The index as a script assigning `window.DOSSIER_SEARCH`.
pub fn index_js(site: &Site, labels: &Value, kept: Option<Kept>) -> Vec<u8> {
    let label = |path: &str| -> String {
        path.split('.')
            .fold(labels, |v, k| &v[k])
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    // The status titles, looked up once rather than once per customer.
    let statuses: Vec<(crate::model::customer::Status, String)> = {
        use crate::model::customer::Status::*;
        [Prospect, Current, Former, Blacklisted]
            .into_iter()
            .map(|st| (st, label(&format!("playbook.status.{}.title", st.as_str()))))
            .collect()
    };
    // Each customer's entry is written as JSON on its own, on every core,
    // then the entries are joined in order (the JSON of 100,000 entries
    // is about 40 MB, where a list of entry values took about 100 MB).
    let customers: Vec<Vec<u8>> = site
        .customers
        .par_iter()
        .map(|(slug, c)| {
            let make = || entry(slug, c, &statuses);
            match kept {
                Some(kept) => kept(slug, &make),
                None => make(),
            }
        })
        .collect();
    let mut out = Index::new();
    for entry in customers {
        out.push_json(entry);
    }
    for (slug, c) in &site.competitors {
        out.push(Entry {
            t: &c.name,
            u: format!("competitors/{slug}/index.html"),
            d: label("labels.competitor"),
            s: format!("{} {slug}", c.name).to_lowercase(),
        });
    }
    out.push(Entry {
        t: &site.company.name,
        u: "company/index.html".into(),
        d: label("labels.company"),
        s: site.company.name.to_lowercase(),
    });
    for p in &site.pages {
        out.push(Entry {
            t: &p.front.title,
            u: format!("{}/index.html", p.route),
            d: String::new(),
            s: p.front.title.to_lowercase(),
        });
    }
    out.finish()
}

/// One customer's entry, as JSON.
fn entry(
    slug: &str,
    c: &crate::model::Customer,
    statuses: &[(crate::model::customer::Status, String)],
) -> Vec<u8> {
    let status = statuses
        .iter()
        .find(|(st, _)| *st == c.status)
        .map_or("", |(_, t)| t.as_str());
    let detail: Vec<&str> = [Some(status), c.region.as_deref(), c.industry.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let mut text = vec![c.name.clone(), slug.to_string()];
    text.extend(c.region.clone());
    text.extend(c.industry.clone());
    text.extend(c.contacts.iter().map(|k| k.name.clone()));
    text.extend(c.reason.clone());
    let notes: String = c
        .notes
        .iter()
        .chain(c.visits.iter().filter_map(|v| v.notes.as_ref()))
        .flat_map(|n| n.chars().chain([' ']))
        .take(NOTES)
        .collect();
    text.push(notes);
    let entry = Entry {
        t: &c.name,
        u: format!("customers/{slug}/index.html"),
        d: detail.join(" · "),
        s: text.join(" ").to_lowercase(),
    };
    serde_json::to_vec(&entry).unwrap_or_default()
}

/// The script being written: `window.DOSSIER_SEARCH = [...];`, the
/// entries as compact JSON.
struct Index {
    bytes: Vec<u8>,
    entries: usize,
}

impl Index {
    fn new() -> Index {
        let mut bytes = Vec::with_capacity(1 << 16);
        bytes.extend_from_slice(b"window.DOSSIER_SEARCH = [");
        Index { bytes, entries: 0 }
    }

    /// An entry already written as JSON (empty: left out).
    fn push_json(&mut self, json: Vec<u8>) {
        if json.is_empty() {
            return;
        }
        if self.entries > 0 {
            self.bytes.push(b',');
        }
        self.bytes.extend_from_slice(&json);
        self.entries += 1;
    }

    fn push(&mut self, entry: Entry<'_>) {
        // Strings always serialise; should one not, it is left out whole.
        self.push_json(serde_json::to_vec(&entry).unwrap_or_default());
    }

    fn finish(mut self) -> Vec<u8> {
        self.bytes.extend_from_slice(b"];\n");
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn the_index_finds_customers_by_region_industry_and_notes() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (checked, _) = crate::build::check(root);
        let c = checked.expect("the example site checks");
        let js = String::from_utf8(super::index_js(&c.site, &c.engine.labels, None)).unwrap();
        let json = js
            .strip_prefix("window.DOSSIER_SEARCH = ")
            .and_then(|s| s.strip_suffix(";\n"))
            .expect("a script assigning the index");
        let entries: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
        assert!(entries.len() > c.site.customers.len() + c.site.competitors.len());
        let (slug, customer) = c
            .site
            .customers
            .iter()
            .find(|(_, c)| c.region.is_some() && c.notes.is_some())
            .unwrap();
        let e = entries
            .iter()
            .find(|e| e["u"] == format!("customers/{slug}/index.html"))
            .unwrap();
        assert_eq!(e["t"], customer.name.as_str());
        let s = e["s"].as_str().unwrap();
        assert!(s.contains(&customer.region.as_ref().unwrap().to_lowercase()));
        let first_word = customer
            .notes
            .as_ref()
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap();
        assert!(s.contains(&first_word.to_lowercase()), "{s}");
        // Every link resolves to a page the build writes.
        let pages: Vec<String> = crate::render::reader_tests::build_in_memory(root)
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        for e in &entries {
            let u = e["u"].as_str().unwrap();
            assert!(pages.iter().any(|p| p == u), "{u} is not written");
        }
        assert!(pages.iter().any(|p| p == super::PATH));
    }
}
