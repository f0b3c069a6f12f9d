//! Focus markets (issue 13): each customer in or out of the strategy's
//! focus, the dashboard's shares and the important customers outside it.

mod common;
use common::TestSite;
use serde_json::Value;

fn site(strategy: &str) -> TestSite {
    let site = TestSite::empty();
    site.write("dossier.yaml", "as_of: 2026-11-22\n");
    site.write("content/company.yaml", format!("name: Us\n{strategy}"));
    for (slug, region, revenue) in [("north", "Hebei", 300), ("south", "Guangdong", 100)] {
        site.write(
            &format!("content/customers/{slug}.yaml"),
            format!("name: {slug} co\nstatus: current\nmarket: producer\nregion: {region}\nmetrics:\n  - {{ period: \"2026\", revenue: {revenue}, profit: 10 }}\n"),
        );
    }
    site
}

#[test]
fn the_dashboard_shows_the_share_in_focus_and_who_is_outside() {
    let site = site("strategy:\n  regions: [hebei]\n");
    site.build().ok();
    let a: Value = serde_json::from_str(&site.output("data/analysis.json")).unwrap();
    assert_eq!(a["customers"]["north"]["focus"], "in");
    assert_eq!(a["customers"]["south"]["focus"], "out");
    assert_eq!(a["focus"]["revenue_share"], 0.75);
    // Two current customers: both ABC A or B, so both important.
    assert_eq!(a["focus"]["outside"], serde_json::json!(["south"]));
    let index = site.output("index.html");
    let section = index.split("id=\"focus\"").nth(1).unwrap();
    let section = section.split("</section>").next().unwrap();
    assert!(section.contains("75%"), "{section}");
    assert!(
        section.contains("south co") && !section.contains("north co"),
        "{section}"
    );
    assert!(
        site.output("customers/south/index.html")
            .contains("Outside our focus")
    );
    assert!(
        site.output("markdown/index.md")
            .contains("[south co](../customers/south/index.html)")
    );
}

#[test]
fn without_a_named_focus_nothing_is_judged() {
    let site = site("strategy:\n  focus: Hebei first\n");
    site.build().ok();
    let a: Value = serde_json::from_str(&site.output("data/analysis.json")).unwrap();
    assert_eq!(a["customers"]["north"]["focus"], Value::Null);
    assert_eq!(a["focus"]["revenue_share"], Value::Null);
    assert!(site.output("index.html").contains("names no focus markets"));
}
