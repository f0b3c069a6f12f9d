//! Information completeness (issue 13): the score and to-do list on the
//! dossier, the dashboard's thinnest dossiers, the export and the located
//! errors of the new fields.

mod common;
use common::{TestSite, has_diagnostic};
use serde_json::Value;

const THIN: &str = "name: Thin Co\nstatus: current\nmarket: producer\nmetrics:\n  - { period: \"2026\", revenue: 900, profit: 100 }\n";
const FULL: &str = "name: Full Co\nstatus: current\nmarket: producer
industry: Retail\nregion: North\nsize: { employees: 20 }\nmarket_position: Local leader\nsince: 2020-01-01
business: { profit_points: [Stores] }\nneeds: [Training]
organisation:\n  structure: Owner and two shops\n  decision_process: [Owner decides]
metrics:\n  - { period: \"2026\", revenue: 100, profit: 10 }
credit: { terms_days: 30, days_to_pay: 40 }
contacts:\n  - { name: Li, role: decision_maker, stance: supporter, influence: high }
";

fn site() -> TestSite {
    let site = TestSite::empty();
    site.write("dossier.yaml", "as_of: 2026-11-22\nmarkdown: all\n");
    site.write("content/company.yaml", "name: Us\n");
    site.write("content/customers/thin.yaml", THIN);
    site.write("content/customers/full.yaml", FULL);
    site
}

#[test]
fn the_thin_dossier_lists_what_is_missing_and_leads_the_dashboard() {
    let site = site();
    site.build().ok();
    let a: Value = serde_json::from_str(&site.output("data/analysis.json")).unwrap();
    let thin = &a["customers"]["thin"]["completeness"];
    // Present: metrics (3) of 21.
    assert!((thin["score"].as_f64().unwrap() - 3.0 / 21.0).abs() < 1e-9);
    assert_eq!(thin["missing"][0], "payment");
    assert_eq!(a["customers"]["full"]["completeness"]["score"], 1.0);
    assert_eq!(a["thin_dossiers"], serde_json::json!(["thin"]));
    let page = site.output("customers/thin/index.html");
    assert!(page.contains("payment behaviour unknown"), "{page}");
    assert!(page.contains("no decision maker recorded"));
    let md = site.output("markdown/customers/thin.md");
    assert!(md.contains("payment behaviour unknown"), "{md}");
    let full = site.output("customers/full/index.html");
    assert!(full.contains("Everything on the checklist is recorded."));
    assert!(full.contains("Owner decides"));
    let index = site.output("index.html");
    let section = index.split("id=\"thin-dossiers\"").nth(1).unwrap();
    let section = section.split("</section>").next().unwrap();
    assert!(section.contains("Thin Co") && !section.contains("Full Co"));
}

#[test]
fn a_future_since_and_a_repeated_stage_are_located_errors() {
    let site = site();
    site.write(
        "content/customers/full.yaml",
        FULL.replace("since: 2020-01-01", "since: 2027-01-01")
            .replace(
                "[Owner decides]",
                "\n    - Owner decides\n    - Owner decides",
            ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(
        has_diagnostic(
            &err,
            "content/customers/full.yaml:8:1",
            "`since` 2027-01-01 is after the analysis date 2026-11-22"
        ),
        "{err}"
    );
    assert!(
        has_diagnostic(
            &err,
            "content/customers/full.yaml:15:7",
            "stage `Owner decides` appears twice in the decision process"
        ),
        "{err}"
    );
}
