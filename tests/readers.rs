//! A generated site (the build benchmark's generator: every block filled
//! in, every status, free-text reason codes, competitors by slug) seen by
//! a reader: no page, Markdown copy or chart shows an internal key. The
//! keys are the values the build itself wrote to `data/analysis.json`
//! (statuses, tiers, relationship and loyalty classes, risks, MAN
//! combinations, trust levels), the slugs of its pages and the reason
//! codes of its files.

mod common;

#[allow(dead_code)]
#[path = "../benches/build.rs"]
mod generator;

#[allow(dead_code)]
#[path = "../src/render/reader_walk.rs"]
mod walk;

use common::{TestSite, files_under};
use serde_json::Value;
use std::collections::BTreeSet;

fn keys(analysis: &Value, site: &TestSite) -> BTreeSet<String> {
    let mut k = BTreeSet::new();
    let text = |v: &Value| v.as_str().map(str::to_string);
    for (slug, a) in analysis["customers"].as_object().unwrap() {
        k.insert(slug.clone());
        for v in [
            &a["status"],
            &a["value"]["tier"],
            &a["relationship"],
            &a["loyalty"],
            &a["trust"]["level"],
            &a["trust"]["next"],
        ] {
            k.extend(text(v));
        }
        k.extend(a["risks"].as_array().into_iter().flatten().filter_map(text));
        k.extend(text(&a["man"]["combo"]).filter(|c| c != "MAN"));
    }
    for slug in analysis["competitors"].as_object().unwrap().keys() {
        k.insert(slug.clone());
    }
    for (path, bytes) in files_under(&site.path("content/customers")) {
        let file: Value = serde_yaml::from_slice(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        k.extend(text(&file["reason_code"]));
    }
    k
}

#[test]
fn a_generated_site_shows_no_internal_key() {
    let site = TestSite::empty();
    generator::generate(site.root(), 40);
    site.build().ok();
    let analysis: Value = serde_json::from_str(&site.output("data/analysis.json")).unwrap();
    let keys = keys(&analysis, &site);
    assert!(
        keys.contains("code-1") && keys.contains("delta-learning"),
        "{keys:?}"
    );
    let mut failures = Vec::new();
    for (path, bytes) in site.output_files() {
        let text = String::from_utf8_lossy(&bytes);
        let markdown = path.ends_with(".md");
        let pieces = if path.ends_with(".html") || path.ends_with(".svg") {
            walk::visible_text(&text)
        } else if markdown {
            walk::markdown_text(&text)
        } else {
            continue;
        };
        for p in pieces {
            for problem in walk::problems(&p, &keys, markdown) {
                failures.push(format!("{path}: {problem}"));
            }
        }
    }
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{} problems, first 40:\n{}",
        failures.len(),
        failures[..failures.len().min(40)].join("\n")
    );
}
