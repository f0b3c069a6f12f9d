//! The four-step presentation and its FABE talk track (issue 13): the
//! dossier section, the dashboard list, the export and the warnings about
//! products that do not exist and pains without an answer.

mod common;
use common::{TestSite, has_diagnostic};
use serde_json::Value;

const COMPANY: &str = "name: Us
products:
  - { name: Workshop, feature: Two days of role play, advantage: Their own calls, benefit: Shorter sales cycles, evidence: Win rate 22% to 31% }
";

const PROSPECT: &str = "name: Prospect Co
status: prospect
market: producer
pains:
  - scenario: Quoting
    problem: Lost on price
    pain: Margins fall
    guidance: Argue value
    product: Workshop
  - scenario: Onboarding
    problem: Slow
    pain: New hires idle
    guidance: Shorten it
presentation:
  industry: Distributors are consolidating
  products:
    - { product: Workshop, benefit: Win the Pudong tenders }
    - { product: Ghost course }
";

fn site() -> TestSite {
    let site = TestSite::empty();
    site.write("dossier.yaml", "as_of: 2026-11-22\nmarkdown: all\n");
    site.write("content/company.yaml", COMPANY);
    site.write("content/customers/prospect.yaml", PROSPECT);
    site
}

#[test]
fn the_talk_track_walks_the_steps_with_the_customers_own_benefit() {
    let site = site();
    site.build().ok();
    let page = site.output("customers/prospect/index.html");
    let section = page.split("id=\"presentation\"").nth(1).unwrap();
    let section = section.split("</section>").next().unwrap();
    assert!(section.contains("Presentation plan (2/4)"), "{section}");
    assert!(section.contains("Distributors are consolidating"));
    assert!(section.contains("Two days of role play"));
    assert!(section.contains("Win the Pudong tenders"));
    assert!(
        !section.contains("Shorter sales cycles"),
        "replaced by the customer's benefit"
    );
    assert!(section.contains("answers: Margins fall"));
    assert!(section.contains("not in our product list"));
    assert!(section.contains("Pains without an answer:</strong> New hires idle"));
    let md = site.output("markdown/customers/prospect.md");
    assert!(
        md.contains("Win the Pudong tenders") && md.contains("New hires idle"),
        "{md}"
    );
    let a: Value = serde_json::from_str(&site.output("data/analysis.json")).unwrap();
    let p = &a["customers"]["prospect"]["presentation"];
    assert_eq!(p["steps"], 2);
    assert_eq!(p["unanswered"], 1);
    assert_eq!(
        p["products"],
        serde_json::json!(["Workshop", "Ghost course"])
    );
    assert_eq!(a["unready_presentations"], serde_json::json!(["prospect"]));
    let index = site.output("index.html");
    let list = index.split("id=\"presentations\"").nth(1).unwrap();
    assert!(
        list.split("</section>")
            .next()
            .unwrap()
            .contains("Prospect Co")
    );
}

#[test]
fn unknown_products_and_unanswered_pains_are_located_warnings() {
    let site = site();
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 0, "warnings only");
    let err = run.stderr();
    assert!(
        has_diagnostic(
            &err,
            "content/customers/prospect.yaml:18:9",
            "presented product `Ghost course` is not in content/company.yaml"
        ),
        "{err}"
    );
    assert!(
        has_diagnostic(
            &err,
            "content/customers/prospect.yaml:12:5",
            "pain `New hires idle` has no product that answers it"
        ),
        "{err}"
    );
    site.write(
        "content/customers/prospect.yaml",
        PROSPECT.replace(
            "product: Workshop\n  - scenario",
            "product: Worksop\n  - scenario",
        ),
    );
    let err = site.run(&["check"]).stderr();
    assert!(
        has_diagnostic(
            &err,
            "content/customers/prospect.yaml:9:5",
            "pain `Margins fall` names product `Worksop`, which is not in content/company.yaml"
        ),
        "{err}"
    );
}
