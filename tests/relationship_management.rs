//! Issue 12 on a small site: complaints in the export, on the dossier
//! (HTML and Markdown) and the dashboard, the `complaint` risk, and the
//! located errors of bad complaint input.

mod common;
use common::TestSite;
use serde_json::{Value, json};

const CUSTOMER: &str =
    "name: Zeta Co\nstatus: current\nmarket: producer\nlast_contact: 2026-11-01\n";

fn with_complaints(yaml: &str) -> TestSite {
    let site = TestSite::fixture("territories");
    site.write(
        "content/customers/zeta.yaml",
        format!("{CUSTOMER}complaints:\n{yaml}"),
    );
    site
}

#[test]
fn an_old_open_complaint_is_a_risk_shown_on_the_dossier_and_dashboard() {
    let site = with_complaints(
        "  - opened: 2026-11-01\n    problem: \"Late <b>certificates</b>\"\n    wants: Re-dated certificates\n    escalated_to: Regional director\n  - opened: 2026-10-01\n    problem: Wrong invoice\n    satisfied: false\n    closed: 2026-10-11\n",
    );
    site.build().ok();
    let a: Value = serde_json::from_str(&site.output("data/analysis.json")).unwrap();
    let z = &a["customers"]["zeta"];
    assert_eq!(z["risks"], json!(["complaint"]));
    assert_eq!(z["open_complaints"], 1);
    assert_eq!(z["complaints"][0]["step"], "makes_up");
    assert_eq!(z["complaints"][0]["days_open"], 21);
    assert_eq!(z["complaints"][1]["attention"], true);
    assert_eq!(a["complaints"]["median_days_to_close"], 10);
    assert_eq!(a["complaints"]["open"][0]["slug"], "zeta");
    let html = site.output("customers/zeta/index.html");
    assert!(
        html.contains("Late &lt;b&gt;certificates&lt;&#x2F;b&gt;")
            || html.contains("Late &lt;b&gt;certificates&lt;/b&gt;"),
        "escaped"
    );
    assert!(
        html.contains("Would doing it make up for the loss?</strong> ← reached"),
        "{html}"
    );
    assert!(html.contains("Closed, customer not satisfied"));
    assert!(html.contains("charts/complaint/110000000e.svg"));
    let svg = site.output("charts/complaint/110000000e.svg");
    assert!(svg.contains("Problem-solving model"));
    let md = site.output("markdown/customers/zeta.md");
    assert!(
        md.contains("3. **Would doing it make up for the loss?** ← reached"),
        "{md}"
    );
    assert!(md.contains("Escalated to: Regional director"), "{md}");
    let index = site.output("index.html");
    assert!(index.contains("Complaint needs attention"));
    assert!(index.contains("customers/zeta/index.html#complaints"));
}

#[test]
fn without_complaints_the_dossier_says_not_recorded_yet() {
    let site = TestSite::fixture("territories");
    site.build().ok();
    let html = site.output("customers/alpha/index.html");
    let section = html
        .split("id=\"complaints\"")
        .nth(1)
        .expect("a complaints section");
    assert!(section.contains("Not recorded yet."));
    let a: Value = serde_json::from_str(&site.output("data/analysis.json")).unwrap();
    assert_eq!(a["complaints"]["open"], json!([]));
    assert_eq!(a["complaints"]["median_days_to_close"], Value::Null);
}

#[test]
fn bad_complaints_are_located_errors() {
    let site = with_complaints("  - opened: 2026-10-01\n    problem: p\n    closed: 2026-09-01\n");
    let run = site.run(&["check"]);
    assert_ne!(run.code(), 0);
    assert!(
        common::has_diagnostic(
            &run.stderr(),
            "content/customers/zeta.yaml:8:5",
            "complaint closed on 2026-09-01, before it was opened on 2026-10-01"
        ),
        "{}",
        run.stderr()
    );
    let site =
        with_complaints("  - opened: 2026-10-01\n    problem: p\n    answers: { refund: yes }\n");
    let run = site.run(&["check"]);
    assert_ne!(run.code(), 0);
    assert!(
        common::has_diagnostic(&run.stderr(), "content/customers/zeta.yaml:8:16", "refund"),
        "{}",
        run.stderr()
    );
    let site = with_complaints("  - opened: 2026-13-01\n    problem: p\n");
    let run = site.run(&["check"]);
    assert!(
        common::has_diagnostic(
            &run.stderr(),
            "content/customers/zeta.yaml:6:13",
            "2026-13-01"
        ),
        "{}",
        run.stderr()
    );
}

// Contact cadence.

#[test]
fn cadence_gaps_show_on_the_dossier_the_dashboard_and_the_watchlist() {
    let site = TestSite::fixture("territories");
    site.write(
        "content/customers/zeta.yaml",
        format!("{CUSTOMER}contacts:\n  - {{ name: Li, role: coach, sentinel: true }}\nvisits:\n  - {{ date: 2026-11-20, kind: regular, method: interview }}\n"),
    );
    site.build().ok();
    let a: Value = serde_json::from_str(&site.output("data/analysis.json")).unwrap();
    let z = &a["customers"]["zeta"];
    assert_eq!(z["cadence"]["regular"], 2);
    assert_eq!(z["cadence"]["gaps"], json!(["stimulation"]));
    assert_eq!(z["risks"], json!(["cadence"]));
    assert!(
        a["cadence_gaps"]
            .as_array()
            .unwrap()
            .contains(&json!("zeta"))
    );
    let html = site.output("customers/zeta/index.html");
    let section = html.split("id=\"cadence\"").nth(1).unwrap();
    assert!(
        section.contains("2 days / 90 days · <strong>on time</strong>"),
        "{section}"
    );
    assert!(
        section.contains("Li · <strong>on time</strong>") || section.contains(">Li<"),
        "{section}"
    );
    assert!(html.contains("Regular visit · Key interview"));
    let md = site.output("markdown/customers/zeta.md");
    assert!(md.contains("| 2 days / 90 days · **on time** |"), "{md}");
    let index = site.output("index.html");
    assert!(
        index.contains(
            "customers/zeta/index.html#cadence\">Zeta Co</a>: No stimulation for too long"
        )
    );
}

#[test]
fn bad_cadence_input_is_located() {
    let site = TestSite::fixture("territories");
    site.write(
        "content/customers/zeta.yaml",
        format!("{CUSTOMER}visits:\n  - {{ date: 2026-11-20, kind: weekly }}\n"),
    );
    let run = site.run(&["check"]);
    assert!(
        common::has_diagnostic(&run.stderr(), "content/customers/zeta.yaml:6:31", "weekly"),
        "{}",
        run.stderr()
    );
    let site = TestSite::fixture("territories");
    site.write(
        "content/customers/zeta.yaml",
        format!("{CUSTOMER}visits:\n  - {{ date: 2026-11-20, sentinel: true }}\n"),
    );
    let run = site.run(&["check"]);
    assert!(
        common::has_diagnostic(
            &run.stderr(),
            "content/customers/zeta.yaml:6:25",
            "sentinel"
        ),
        "{}",
        run.stderr()
    );
    let site = TestSite::fixture("territories");
    site.write(
        "dossier.yaml",
        "as_of: 2026-11-22\ncadence:\n  regular_days: { platnum: 30 }\n",
    );
    let run = site.run(&["check"]);
    assert!(
        common::has_diagnostic(
            &run.stderr(),
            "dossier.yaml:3:19",
            "unknown tier or relationship class `platnum` in cadence.regular_days"
        ),
        "{}",
        run.stderr()
    );
}
