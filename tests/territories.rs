//! Format 2 (spec/ANALYSIS.md and FORMAT.md, issue 11) on a site worked
//! out by hand: owners, regions and targets, losing value, tenths, the
//! pyramid over current customers, empty SWOTs; their pages and links;
//! and the located errors and warnings of the new fields.

mod common;
use common::TestSite;
use serde_json::{Value, json};

fn built() -> (TestSite, Value) {
    let site = TestSite::fixture("territories");
    site.build().ok();
    let json = serde_json::from_str(&site.output("data/analysis.json")).unwrap();
    (site, json)
}

#[test]
fn the_export_follows_format_2() {
    let (_, a) = built();
    assert_eq!(a["format"], 2);
    let alpha = &a["customers"]["alpha"];
    assert_eq!(alpha["relationship"], "retain");
    assert_eq!(
        alpha["risks"],
        json!(["declining"]),
        "650 -> 585 is a drop of exactly 10%"
    );
    assert_eq!(
        (&alpha["owner"], &alpha["region"]),
        (&json!("Chen Jing"), &json!("Hebei"))
    );
    assert_eq!(a["customers"]["beta"]["relationship"], "grow");
    assert_eq!(a["customers"]["gamma"]["relationship"], "marginal");
    assert_eq!(a["customers"]["gamma"]["owner"], "unassigned");
    assert_eq!(a["customers"]["epsilon"]["owner"], "Wang Lei");
    assert_eq!(a["customers"]["epsilon"]["loyalty"], "terrorist");
    assert_eq!(a["watchlist"], json!(["alpha", "beta"]));
    assert_eq!(
        a["pyramid"],
        json!([
            { "tier": "platinum", "customers": 1, "prospects": 0, "revenue_share": 1000.0 / 1400.0 },
            { "tier": "gold", "customers": 0, "prospects": 1, "revenue_share": 0 },
            { "tier": "iron", "customers": 0, "prospects": 0, "revenue_share": 0 },
            { "tier": "lead", "customers": 0, "prospects": 0, "revenue_share": 0 }
        ])
    );
    assert_eq!(a["unscored"], json!(["beta", "gamma"]));
    assert_eq!(
        a["loyalty_counts"],
        json!({ "apostle": 1, "loyalist": 0, "hostage": 0, "mercenary": 0, "defector": 0, "terrorist": 0 }),
        "the former terrorist is not counted"
    );
    let counts = |m: &str| -> Vec<u64> {
        a["tenths"][m]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["customers"].as_u64().unwrap())
            .collect()
    };
    // revenue 1000, 300, 100 of 1400; profit 585, 100, 40 of 725
    assert_eq!(counts("revenue"), [1, 1, 1, 1, 1, 1, 1, 2, 1, 2]);
    assert_eq!(counts("profit"), [1, 1, 1, 1, 1, 1, 1, 1, 2, 2]);
    assert_eq!(
        a["tenths"]["profit"][0],
        json!({ "tenth": 1, "customers": 1 })
    );
}

#[test]
fn owners_and_regions_follow_the_territories_section() {
    let (_, a) = built();
    assert_eq!(
        a["owners"],
        json!([
            { "name": "Chen Jing", "slug": "chen-jing", "customers": 2, "current": 2, "revenue": 1300,
              "target": 1450, "attained": 1300, "attainment": 1300.0 / 1450.0,
              "overdue": 1, "watchlist": 2, "upcoming": 0 },
            { "name": "Wang Lei", "slug": "wang-lei", "customers": 2, "current": 0, "revenue": 0,
              "target": 0, "attained": 0, "attainment": null, "overdue": 0, "watchlist": 0, "upcoming": 1 },
            { "name": "unassigned", "slug": "unassigned", "customers": 1, "current": 1, "revenue": 100,
              "target": 0, "attained": 0, "attainment": null, "overdue": 0, "watchlist": 0, "upcoming": 0 }
        ])
    );
    let regions: Vec<(&str, &str, u64)> = a["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap(),
                r["slug"].as_str().unwrap(),
                r["customers"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(regions, [("Hebei", "hebei", 2), ("Tianjin", "tianjin", 3)]);
}

#[test]
fn an_empty_swot_is_not_analysed() {
    let (site, a) = built();
    let empty = json!({ "strengths": 0, "weaknesses": 0, "opportunities": 0, "threats": 0,
                        "internal": 0, "external": 0, "posture": null });
    assert_eq!(a["company"]["swot"], empty);
    assert_eq!(a["competitors"]["blank"]["swot"], empty);
    assert_eq!(a["competitors"]["rival"]["swot"]["posture"], "ST");
    let page = site.output("competitors/blank/index.html");
    assert!(page.contains("Not analysed yet"), "{page}");
    let index = site.output("index.html");
    let ours = &index[index.find("id=\"company-swot\"").unwrap()..];
    assert!(ours[..400].contains("Not analysed yet"), "{ours}");
    let chart = site.output("charts/comparison.svg");
    assert!(
        chart.contains("Not analysed yet: Test Training Co., Blank Partners"),
        "{chart}"
    );
}

#[test]
fn owner_and_region_pages_are_linked_and_every_link_resolves() {
    let (site, _) = built();
    for page in [
        "owners/chen-jing/index.html",
        "owners/wang-lei/index.html",
        "owners/unassigned/index.html",
        "regions/hebei/index.html",
        "regions/tianjin/index.html",
        "markdown/owners/chen-jing.md",
        "markdown/regions/tianjin.md",
        "charts/owners/chen-jing.svg",
        "charts/regions/hebei.svg",
        "charts/pareto-revenue.svg",
    ] {
        assert!(site.path("output").join(page).is_file(), "missing {page}");
    }
    let owner = site.output("owners/chen-jing/index.html");
    assert!(owner.contains("90%"), "attainment 1300 / 1450: {owner}");
    assert!(owner.contains("../../customers/alpha/index.html"));
    assert!(owner.contains("../../charts/owners/chen-jing.svg"));
    let chart = site.output("charts/owners/chen-jing.svg");
    assert!(
        chart.contains("Alpha Ltd") && chart.contains("1,250"),
        "{chart}"
    );
    let dossier = site.output("customers/gamma/index.html");
    assert!(dossier.contains("../../owners/unassigned/index.html"));
    assert!(dossier.contains("../../regions/tianjin/index.html"));
    let index = site.output("index.html");
    assert!(index.contains("owners/chen-jing/index.html"));
    assert!(index.contains("regions/hebei/index.html"));
    let out = site.path("output");
    let mut checked = 0;
    for (rel, bytes) in site.output_files() {
        let text = String::from_utf8_lossy(&bytes);
        let targets: Vec<String> = if rel.ends_with(".html") && rel != "404.html" {
            attr_links(&text)
        } else if rel.ends_with(".md") {
            md_links(&text)
        } else {
            continue;
        };
        for link in targets {
            if link.starts_with("http") || link.starts_with('#') || link.starts_with("mailto:") {
                continue;
            }
            let path = link.split('#').next().unwrap();
            let base = std::path::Path::new(&rel).parent().unwrap();
            assert!(
                out.join(base).join(path).is_file(),
                "{rel}: broken link {link}"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

/// The values of href="..." and src="..." attributes.
fn attr_links(html: &str) -> Vec<String> {
    let mut v = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                v.push(rest[..end].to_string());
            }
        }
    }
    v
}

/// The targets of Markdown links and images: `](target)`.
fn md_links(md: &str) -> Vec<String> {
    let mut v = Vec::new();
    let mut rest = md;
    while let Some(i) = rest.find("](") {
        rest = &rest[i + 2..];
        if let Some(end) = rest.find(')') {
            v.push(rest[..end].to_string());
        }
    }
    v
}

/// True when `err` has the problem `head` (`error: message` or `warning:
/// message`, the whole first line) pointing at `at` (`path:line:column`).
fn located(err: &str, head: &str, at: &str) -> bool {
    let mut lines = err.lines();
    while let Some(line) = lines.next() {
        if line == head {
            return lines.next().map(str::trim) == Some(&format!("--> {at}"));
        }
    }
    false
}

#[test]
fn a_target_without_metrics_is_a_located_warning() {
    let site = TestSite::fixture("territories");
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(
        located(
            &run.stderr(),
            "warning: target for period `2027`, which has no `metrics` entry: it is not measured until that period's revenue is recorded",
            "content/customers/alpha.yaml:12:7"
        ),
        "{}",
        run.stderr()
    );
    assert_eq!(site.run(&["check", "--deny-warnings"]).code(), 1);
}

#[test]
fn bad_targets_and_settings_are_located_errors() {
    let site = TestSite::fixture("territories");
    site.write(
        "content/customers/beta.yaml",
        "name: Beta Co\nstatus: current\nmarket: producer\nmetrics:\n  - { period: \"2026\", revenue: 300, profit: 100 }\ntargets:\n  - { period: \"2026\", revenue: 200 }\n  - { period: \"2026\", revenue: -5 }\n",
    );
    site.write(
        "content/customers/gamma.yaml",
        "name: Gamma Group\nstatus: current\nmarket: producer\nmetrics:\n  - { period: 2026, revenue: 1, profit: 1 }\ntargets:\n  - { period: 2026, revenue: 10 }\n  - { period: 2026, revenue: 20 }\n",
    );
    site.write(
        "dossier.yaml",
        "as_of: 2026-11-22\nloyalty:\n  threshold: 3.5\n  apostle: 4\n  satisfied: 4.5\n  terrorist: 5\nrelationship:\n  decline: 0\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    for (head, at) in [
        (
            "error: -5 is out of range: expected an amount of money of 0 or more",
            "content/customers/beta.yaml:8:32",
        ),
        (
            "error: period `2026` appears twice in targets",
            "content/customers/gamma.yaml:8:7",
        ),
        (
            "error: loyalty.terrorist = 5 is above loyalty.satisfied = 4.5: the cut-offs must satisfy terrorist <= satisfied <= apostle",
            "dossier.yaml:6:3",
        ),
        (
            "error: loyalty.satisfied = 4.5 is above loyalty.apostle = 4: the cut-offs must satisfy terrorist <= satisfied <= apostle",
            "dossier.yaml:5:3",
        ),
        (
            "error: relationship.decline = 0 must satisfy 0 < decline < 1: it is the share of last period's profit whose loss makes a customer \"losing value\"",
            "dossier.yaml:8:3",
        ),
    ] {
        assert!(
            located(&err, head, at),
            "missing `{head}` at {at} in:\n{err}"
        );
    }
    site.write(
        "dossier.yaml",
        "as_of: 2026-11-22\nloyalty: { apostle: 6 }\n",
    );
    let err = site.run(&["check"]).stderr();
    assert!(
        located(
            &err,
            "error: 6 is out of range: expected a score from 1 to 5",
            "dossier.yaml:2:21"
        ),
        "{err}"
    );
}

#[test]
fn settings_change_the_readings() {
    let site = TestSite::fixture("territories");
    site.write(
        "dossier.yaml",
        "as_of: 2026-11-22\nrelationship: { decline: 0.2 }\nloyalty: { apostle: 5.0, satisfied: 5.0 }\n",
    );
    site.build().ok();
    let a: Value = serde_json::from_str(&site.output("data/analysis.json")).unwrap();
    assert_eq!(
        a["customers"]["alpha"]["risks"],
        json!([]),
        "a 10% drop is not 20%"
    );
    assert_eq!(a["customers"]["alpha"]["loyalty"], "apostle");
    assert_eq!(
        a["customers"]["epsilon"]["loyalty"], "terrorist",
        "1 is below the default terrorist cut-off 2"
    );
}

#[test]
fn the_example_site_shows_each_new_rule_at_work() {
    let site = TestSite::empty();
    let root = env!("CARGO_MANIFEST_DIR");
    let out = site.path("out");
    site.run(&["build", "--root", root, "--output", out.to_str().unwrap()])
        .ok();
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    let a: Value = serde_json::from_str(&read("data/analysis.json")).unwrap();
    let top = &a["customers"]["hebei-hengtong-autoparts"];
    assert_eq!(top["relationship"], "retain");
    assert_eq!(top["risks"], json!(["declining"]));
    assert!(
        a["watchlist"]
            .as_array()
            .unwrap()
            .contains(&json!("hebei-hengtong-autoparts"))
    );
    // 570,000 of 2,080,000 profit from the top: tenths 1, 2 and 3
    assert_eq!(a["tenths"]["profit"][1]["customers"], 1);
    assert_eq!(a["tenths"]["profit"][2]["customers"], 2);
    assert_eq!(
        a["competitors"]["bohai-business-school"]["swot"]["posture"],
        Value::Null
    );
    let owners: Vec<&str> = a["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        owners,
        ["chen-jing", "wang-lei", "zhao-min", "li-ming", "unassigned"]
    );
    assert!(a["owners"][0]["attainment"].as_f64().unwrap() > 1.0);
    assert!(a["regions"].as_array().unwrap().len() >= 4);
    for rel in [
        "owners/chen-jing/index.html",
        "regions/east-china/index.html",
        "markdown/owners/li-ming.md",
    ] {
        assert!(out.join(rel).is_file(), "missing {rel}");
    }
    for (rel, bytes) in common::files_under(&out) {
        if !rel.ends_with(".html") || rel == "404.html" {
            continue;
        }
        for link in attr_links(&String::from_utf8_lossy(&bytes)) {
            if link.starts_with("http") || link.starts_with('#') || link.starts_with("mailto:") {
                continue;
            }
            let path = link.split('#').next().unwrap();
            let base = std::path::Path::new(&rel).parent().unwrap();
            assert!(
                out.join(base).join(path).is_file(),
                "{rel}: broken link {link}"
            );
        }
    }
}

/// A customer without an owner is listed under the language's word for
/// unassigned wherever the owner is named, never under the internal
/// `unassigned` key.
#[test]
fn the_unassigned_owner_is_named_in_the_readers_language_on_every_page() {
    let site = TestSite::fixture("territories");
    let config = std::fs::read_to_string(site.path("dossier.yaml")).unwrap();
    let config: String = config
        .lines()
        .filter(|l| !l.starts_with("language:"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("dossier.yaml", format!("language: de\n{config}"));
    site.build().ok();
    let link = |href: &str| format!("<a href=\"{href}\">Nicht zugeordnet</a>");
    let dossier = site.output("customers/gamma/index.html");
    assert!(
        dossier.contains(&link("../../owners/unassigned/index.html")),
        "{dossier}"
    );
    let copy = site.output("markdown/customers/gamma.md");
    assert!(
        copy.contains("[Nicht zugeordnet](../owners/unassigned.md)"),
        "{copy}"
    );
    let page = site.output("owners/unassigned/index.html");
    assert!(page.contains("<h1>Nicht zugeordnet</h1>"), "{page}");
    let region = site.output("regions/tianjin/index.html");
    assert!(
        region.contains(&link("../../owners/unassigned/index.html")),
        "{region}"
    );
    let index = site.output("index.html");
    assert!(
        index.contains(&link("owners/unassigned/index.html")),
        "{index}"
    );
    let list = site.output("customers/index.html");
    assert!(
        list.contains(&link("../owners/unassigned/index.html")),
        "{list}"
    );
    let md_index = site.output("markdown/index.md");
    assert!(
        md_index.contains("[Nicht zugeordnet](owners/unassigned.md)"),
        "{md_index}"
    );
    assert!(
        site.output("markdown/owners/unassigned.md")
            .starts_with("# Nicht zugeordnet\n")
    );
}
