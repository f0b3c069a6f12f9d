//! What a reader sees: every page, Markdown copy and chart of the example
//! site is walked for internal keys (enum values, codes, slugs) shown
//! instead of their labels. The keys come from the model itself (serde's
//! list of an enum's variants, the analysis as serialized), not from a
//! hand-kept list, so a new variant is checked without touching this file.

use super::reader_walk::{markdown_text, problems, visible_text};
use crate::output::Sink;
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Mutex;

#[derive(Default)]
pub struct Memory(pub Mutex<Vec<(String, Vec<u8>)>>);

impl Sink for Memory {
    fn put(&self, path: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.0.lock().unwrap().push((path.to_string(), bytes));
        Ok(())
    }
}

/// The variants of a string enum, as serde names them in its error for an
/// unknown one ("expected one of `a`, `b`" or "expected `a` or `b`").
fn variants<T: DeserializeOwned>() -> Vec<String> {
    let err = match serde_yaml::from_str::<T>("\"~not a variant~\"") {
        Ok(_) => return Vec::new(),
        Err(e) => e.to_string(),
    };
    let list = err.split("expected").nth(1).unwrap_or("");
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Every internal key the example site's pages could leak.
fn keys(site: &crate::model::Site, analysis: &crate::analysis::Analysis) -> BTreeSet<String> {
    use crate::model::company::*;
    use crate::model::customer::*;
    let mut k = BTreeSet::new();
    for list in [
        variants::<Status>(),
        variants::<Source>(),
        variants::<Market>(),
        variants::<Level>(),
        variants::<Trust>(),
        variants::<Objection>(),
        variants::<Role>(),
        variants::<Assessment>(),
        variants::<Culture>(),
        variants::<Impact>(),
        variants::<StakeholderGroup>(),
    ] {
        assert!(!list.is_empty(), "no variants read from serde");
        k.extend(list);
    }
    for t in &site.config.value_model.tiers {
        k.insert(t.name.clone());
    }
    for (slug, c) in &site.customers {
        k.insert(slug.clone());
        k.extend(c.reason_code.clone());
        for comp in c.deal.iter().flat_map(|d| d.competitors.iter()) {
            k.insert(comp.clone());
        }
    }
    for (slug, _) in &site.competitors {
        k.insert(slug.clone());
    }
    // The analysis' own enums, as they serialize.
    for a in analysis.customers.customers.values() {
        let v = serde_json::to_value(a).unwrap();
        for field in ["relationship", "loyalty"] {
            if let Some(s) = v[field].as_str() {
                k.insert(s.to_string());
            }
        }
        for r in v["risks"].as_array().into_iter().flatten() {
            k.extend(r.as_str().map(str::to_string));
        }
        if let Some(combo) = v["man"]["combo"].as_str() {
            // The one combo that reads as the framework's own name.
            if combo != "MAN" {
                k.insert(combo.to_string());
            }
        }
    }
    k
}

/// Builds the site at `root` in memory.
pub fn build_in_memory(root: &Path) -> Vec<(String, Vec<u8>)> {
    let sink = Memory::default();
    let (summary, diags) = crate::build::build(root, &sink);
    assert!(summary.is_some(), "build failed: {diags:?}");
    let mut files = sink.0.into_inner().unwrap();
    files.sort();
    files
}

#[test]
fn no_page_shows_an_internal_key() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (checked, _) = crate::build::check(root);
    let checked = checked.expect("the example site checks");
    let keys = keys(&checked.site, &checked.analysis);
    assert!(keys.contains("ip_infringement") && keys.contains("decision_maker"));
    let mut failures = Vec::new();
    for (path, bytes) in build_in_memory(root) {
        let text = String::from_utf8_lossy(&bytes);
        let pieces = if path.ends_with(".html") || path.ends_with(".svg") {
            visible_text(&text)
        } else if path.ends_with(".md") {
            markdown_text(&text)
        } else {
            continue;
        };
        for p in pieces {
            for problem in problems(&p, &keys, path.ends_with(".md")) {
                failures.push(format!("{path}: {problem}"));
            }
        }
    }
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{} problems, first 200:\n{}",
        failures.len(),
        failures[..failures.len().min(200)].join("\n")
    );
}

#[test]
fn the_key_walker_sees_what_a_reader_sees() {
    let keys: BTreeSet<String> = ["platinum", "ip_infringement", "acme-corp"]
        .map(String::from)
        .into();
    let prose = visible_text("<p>A <strong>mercenary</strong> customer</p>");
    assert_eq!(prose, vec!["", "A mercenary customer", ""]);
    let page =
        "<td>platinum</td><td><a href=\"x/acme-corp/\">Acme</a></td><script>var platinum;</script>";
    let found: Vec<String> = visible_text(page)
        .iter()
        .flat_map(|t| problems(t, &keys, false))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(!problems("Status: Former (ip_infringement)", &keys, false).is_empty());
    assert!(!problems("Competing with acme-corp", &keys, false).is_empty());
    assert!(problems("the platinum of our programme", &keys, false).is_empty());
    assert!(!problems("add a `value:` block", &keys, false).is_empty());
    assert!(problems("Platinum · IP infringement", &keys, false).is_empty());
}
