//! The portrait of our best customers and prospects ranked by it (issue
//! 13): the export, the dashboard's chart and ranking, the prospect's
//! dossier in HTML and Markdown, a fresh site, and the located error for
//! size bands that do not rise.

mod common;
use common::{TestSite, has_diagnostic};
use serde_json::{Value, json};

/// Four best customers (class A, current): three manufacturers in Hebei,
/// one retailer in Jilin; a small customer of class C; three prospects.
fn site() -> TestSite {
    let site = TestSite::empty();
    site.write(
        "dossier.yaml",
        "as_of: 2026-11-22\nmarkdown: all\nabc: { a: 0.95, b: 0.99 }\n",
    );
    site.write(
        "content/company.yaml",
        "name: Us\nstrategy:\n  regions: [Hebei]\n",
    );
    let current = [
        (
            "a",
            "Manufacturing (auto parts)",
            "Hebei",
            2000,
            "referral",
            400,
        ),
        ("b", "manufacturing", "Hebei", 1500, "referral", 300),
        ("c", "Manufacturing", "Hebei", 100, "fair", 200),
        ("d", "Retail", "Jilin", 5000, "web", 100),
        ("small", "Retail", "Jilin", 5000, "web", 1),
    ];
    for (slug, industry, region, employees, source, revenue) in current {
        site.write(
            &format!("content/customers/{slug}.yaml"),
            format!(
                "name: {slug} co\nstatus: current\nmarket: producer\nindustry: {industry}\n\
                 region: {region}\nsize: {{ employees: {employees} }}\nsource: {source}\n\
                 metrics:\n  - {{ period: \"2026\", revenue: {revenue}, profit: 10 }}\n"
            ),
        );
    }
    let prospects = [
        (
            "lookalike",
            "producer",
            "Manufacturing (steel <pipes>)",
            "hebei",
            1200,
        ),
        ("halfway", "producer", "Retail", "Jilin", 1200),
        (
            "stranger",
            "government",
            "Public administration",
            "Jilin",
            50,
        ),
    ];
    for (slug, market, industry, region, employees) in prospects {
        site.write(
            &format!("content/customers/{slug}.yaml"),
            format!(
                "name: {slug} co\nstatus: prospect\nmarket: {market}\nindustry: \"{industry}\"\n\
                 region: {region}\nsize: {{ employees: {employees} }}\n"
            ),
        );
    }
    site
}

fn section<'a>(page: &'a str, id: &str) -> &'a str {
    let s = page
        .split(&format!("id=\"{id}\""))
        .nth(1)
        .unwrap_or_else(|| panic!("no section {id}"));
    s.split("</section>").next().unwrap()
}

#[test]
fn the_portrait_names_what_most_best_customers_share_and_ranks_prospects_by_it() {
    let site = site();
    site.build().ok();
    let a: Value = serde_json::from_str(&site.output("data/analysis.json")).unwrap();
    assert_eq!(a["portrait"]["best"], json!(["a", "b", "c", "d"]));
    let values: Vec<&Value> = a["portrait"]["traits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &t["value"])
        .collect();
    // "Manufacturing (auto parts)" is Manufacturing, as written first;
    // a and b are large (1000+), c medium, d large: large 3 of 4.
    assert_eq!(
        values,
        [
            &json!("producer"),
            &json!("Manufacturing"),
            &json!("Hebei"),
            &json!("large"),
            &json!("referral")
        ]
    );
    assert_eq!(a["portrait"]["traits"][1]["customers"], 3);
    assert_eq!(a["portrait"]["traits"][3]["share"], 0.75);
    assert_eq!(
        a["prospect_ranking"],
        json!(["lookalike", "halfway", "stranger"])
    );
    assert_eq!(
        a["customers"]["lookalike"]["portrait_match"],
        json!({ "score": 5, "max": 6, "lookalikes": 2, "focus": true,
                "shared": ["market", "industry", "region", "size_band"] })
    );
    assert_eq!(a["customers"]["halfway"]["portrait_match"]["score"], 2);
    assert_eq!(a["customers"]["a"]["portrait_match"], Value::Null);

    let index = site.output("index.html");
    let dash = section(&index, "portrait");
    assert!(dash.contains("src=\"charts/portrait.svg\""), "{dash}");
    assert!(
        dash.contains("<td>Size band</td><td>Large</td><td class=\"num\">3 / 4 · 75%</td>"),
        "{dash}"
    );
    let first = dash.find("lookalike co").unwrap();
    assert!(first < dash.find("halfway co").unwrap() && dash.contains("5 / 6"));
    assert!(
        dash.contains("Same as our best customers: Market, Industry, Region, Size band (2 / 4 best customers share all of these) · In our focus"),
        "{dash}"
    );
    let chart = site.output("charts/portrait.svg");
    assert!(
        chart.contains("Industry: Manufacturing\n</text>"),
        "{chart}"
    );
    assert!(chart.contains("3 / 4 · 75%\n</text>"), "{chart}");

    let page = site.output("customers/lookalike/index.html");
    let dossier = section(&page, "portrait-match");
    assert!(dossier.contains("<strong>5 / 6</strong>"), "{dossier}");
    assert!(dossier.contains("✗ Source: Referral (2 / 4)"), "{dossier}");
    assert!(dossier.contains("✓ Inside our focus"), "{dossier}");
    assert!(
        page.contains("Manufacturing (steel &lt;pipes&gt;)"),
        "content is escaped"
    );
    let md = site.output("markdown/customers/lookalike.md");
    assert!(
        md.contains("**5 / 6** · Same as our best customers"),
        "{md}"
    );
    assert!(md.contains("- ✓ Industry: Manufacturing (3 / 4)"), "{md}");
    let md = site.output("markdown/index.md");
    assert!(
        md.contains("- [lookalike co](customers/lookalike.md) · 5 / 6 ·"),
        "{md}"
    );
    assert!(
        !site
            .output("customers/a/index.html")
            .contains("portrait-match"),
        "only prospects are matched"
    );
}

#[test]
fn a_fresh_site_has_no_portrait_and_says_so() {
    let site = TestSite::empty();
    site.run(&["init", "s"]).ok();
    site.run(&["build", "-r", "s", "-o", "out"]).ok();
    let read = |rel: &str| std::fs::read_to_string(site.path(&format!("out/{rel}"))).unwrap();
    let a: Value = serde_json::from_str(&read("data/analysis.json")).unwrap();
    assert_eq!(a["portrait"]["traits"], json!([]));
    let index = read("index.html");
    let dash = section(&index, "portrait");
    assert!(dash.contains("fewer than 2 best customers"), "{dash}");
    assert!(!dash.contains("<img"), "{dash}");
    assert!(!site.path("out/charts/portrait.svg").exists());
}

#[test]
fn size_bands_that_do_not_rise_are_a_located_error() {
    let site = site();
    site.write(
        "dossier.yaml",
        "as_of: 2026-11-22\nportrait:\n  size_bands: [20, 300, 300]\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 1);
    assert!(
        has_diagnostic(
            &run.stderr(),
            "dossier.yaml:3:25",
            "the large band begins at 300 employees, not above the medium band's 300"
        ),
        "{}",
        run.stderr()
    );
    site.write(
        "dossier.yaml",
        "as_of: 2026-11-22\nportrait:\n  size_bands: [20, 300]\n",
    );
    let run = site.run(&["check"]);
    assert!(run.stderr().contains("dossier.yaml:3:"), "{}", run.stderr());
}

#[test]
fn the_dashboard_ranks_the_first_ten_prospects_and_counts_the_rest() {
    let site = site();
    for i in 0..9 {
        site.write(
            &format!("content/customers/extra-{i}.yaml"),
            format!("name: extra {i} co\nstatus: prospect\nmarket: consumer\n"),
        );
    }
    site.build().ok();
    let a: Value = serde_json::from_str(&site.output("data/analysis.json")).unwrap();
    assert_eq!(a["prospect_ranking"].as_array().unwrap().len(), 12);
    let index = site.output("index.html");
    let dash = section(&index, "portrait");
    assert_eq!(dash.matches("#portrait-match\"").count(), 10, "{dash}");
    assert!(
        !dash.contains("extra 8 co") && dash.contains("extra 6 co"),
        "ties in slug order: {dash}"
    );
    assert!(
        dash.contains(
            "<a href=\"customers/index.html#prospect\">More prospects with a match: 2</a>"
        ),
        "{dash}"
    );
    let md = site.output("markdown/index.md");
    assert!(md.contains("\nMore prospects with a match: 2"), "{md}");
}

#[test]
fn best_customers_who_share_nothing_leave_a_prospect_without_a_match_and_say_so() {
    let site = TestSite::empty();
    site.write("dossier.yaml", "as_of: 2026-11-22\nmarkdown: all\n");
    site.write("content/company.yaml", "name: Us\n");
    for (slug, market) in [("a", "producer"), ("b", "government")] {
        site.write(
            &format!("content/customers/{slug}.yaml"),
            format!("name: {slug} co\nstatus: current\nmarket: {market}\nmetrics:\n  - {{ period: \"2026\", revenue: 100, profit: 10 }}\n"),
        );
    }
    site.write(
        "content/customers/p.yaml",
        "name: p co\nstatus: prospect\nmarket: producer\n",
    );
    site.build().ok();
    let a: Value = serde_json::from_str(&site.output("data/analysis.json")).unwrap();
    assert_eq!(a["portrait"]["best"], json!(["a", "b"]));
    assert_eq!(a["customers"]["p"]["portrait_match"], Value::Null);
    let page = site.output("customers/p/index.html");
    let dossier = section(&page, "portrait-match");
    assert!(
        dossier.contains("our best customers share no market"),
        "{dossier}"
    );
    assert!(
        site.output("markdown/customers/p.md")
            .contains("our best customers share no market")
    );
}
