//! Issue 12, parts 3 and 4 (seed 004): loyalty behaviour categories and
//! the relationship continuum on a small site: the export, the dossier
//! (HTML and Markdown), the dashboard, the watchlist risks after
//! `cadence`, the labels in the source's terms, a fresh site without
//! them, and the located errors and warnings of bad input.

mod common;
use common::TestSite;
use serde_json::{Value, json};

/// A current customer in the first value tier, recently contacted.
const TOP: &str = "name: Zeta Co\nstatus: current\nmarket: producer\nlast_contact: 2026-11-01\nmetrics: [{ period: \"2026\", revenue: 500, profit: 50 }]\nvalue: { financial: 9, sales: 9, customer: 9, service: 9 }\n";

fn with_zeta(extra: &str) -> TestSite {
    let site = TestSite::fixture("territories");
    site.write("content/customers/zeta.yaml", format!("{TOP}{extra}"));
    site
}

fn analysis(site: &TestSite) -> Value {
    serde_json::from_str(&site.output("data/analysis.json")).unwrap()
}

#[test]
fn a_switching_customer_at_arms_length_shows_everywhere() {
    let site = with_zeta("loyalty_category: long_term_switching\ncloseness: distant\n");
    site.build().ok();
    let a = analysis(&site);
    let z = &a["customers"]["zeta"];
    assert_eq!(z["loyalty_category"], "long_term_switching");
    assert_eq!(z["closeness"], "distant");
    assert_eq!(z["risks"], json!(["switching", "arms_length"]));
    assert_eq!(a["continuum"]["arms_length"], json!(["zeta"]));
    assert_eq!(a["continuum"]["recorded"], 1);
    assert_eq!(
        a["loyalty_categories"]["counts"][1],
        json!({ "category": "long_term_switching", "customers": 1 })
    );
    assert!(a["watchlist"].as_array().unwrap().contains(&json!("zeta")));

    let html = site.output("customers/zeta/index.html");
    let card = |id: &str| {
        let rest = html.split(&format!("id=\"{id}\"")).nth(1).unwrap();
        rest.split("</div>").next().unwrap().to_string()
    };
    let category = card("loyalty-category");
    assert!(
        category.contains("<strong>Long-term customer who may switch</strong>"),
        "{category}"
    );
    let continuum = card("continuum");
    assert!(
        continuum.contains(
            "<li>Scattered</li><li class=\"here\" aria-current=\"true\">Distant <span class=\"meta\">← this customer</span></li><li>Pure transaction</li>"
        ),
        "{continuum}"
    );
    assert!(html.contains("<strong>May switch to another brand</strong>"));
    assert!(html.contains("<strong>Important but at arm&#39;s length</strong>"));

    let md = site.output("markdown/customers/zeta.md");
    assert!(
        md.contains("1. Scattered\n2. **Distant** ← this customer\n3. Pure transaction\n"),
        "{md}"
    );
    assert!(
        md.contains("**Long-term customer who may switch**: "),
        "{md}"
    );

    let index = site.output("index.html");
    assert!(
        index.contains("<td>Long-term customer who may switch</td><td class=\"num\">1</td>"),
        "{index}"
    );
    // the distant row: one customer in the first tier (platinum)
    assert!(
        index.contains("<tr><td>Distant</td><td class=\"num\">1</td><td class=\"num\">0</td>"),
        "{index}"
    );
    assert!(index.contains(
        "<a href=\"customers/zeta/index.html#continuum\">Zeta Co</a> · Distant · Platinum"
    ));
    // the watchlist row names the new risks by their labels, in order
    assert!(
        index.contains("May switch to another brand; Important but at arm&#39;s length</td>"),
        "{index}"
    );
    let md = site.output("markdown/index.md");
    assert!(md.contains("| Distant | 1 | 0 |"), "{md}");
}

#[test]
fn the_new_risks_come_after_cadence() {
    let site = with_zeta(
        "loyalty_category: occasional_less\ncloseness: scattered\nvisits:\n  - { date: 2026-11-20, kind: regular }\n",
    );
    site.build().ok();
    let a = analysis(&site);
    assert_eq!(
        a["customers"]["zeta"]["risks"],
        json!(["cadence", "shrinking", "arms_length"])
    );
    let index = site.output("index.html");
    assert!(
        index.contains("Contact cadence gap; May buy less; Important but at arm&#39;s length"),
        "{index}"
    );
}

#[test]
fn a_fresh_site_says_not_recorded_yet_and_has_none_of_the_risks() {
    let site = TestSite::empty();
    site.run(&["init", "s"]).ok();
    site.run(&["build", "--root", "s"]).ok();
    let read = |rel: &str| std::fs::read_to_string(site.path(&format!("s/output/{rel}"))).unwrap();
    let html = read("customers/example-customer/index.html");
    for id in ["loyalty-category", "continuum"] {
        let card = html
            .split(&format!("id=\"{id}\""))
            .nth(1)
            .unwrap()
            .split("</div>")
            .next()
            .unwrap();
        assert!(card.contains("Not recorded yet."), "{id}: {card}");
    }
    let md = read("markdown/customers/example-customer.md");
    assert!(
        md.contains("## Relationship continuum\n\n_Not recorded yet._"),
        "{md}"
    );
    let index = read("index.html");
    for id in ["loyalty-categories", "continuum"] {
        let section = index.split(&format!("id=\"{id}\"")).nth(1).unwrap();
        let section = section.split("</section>").next().unwrap();
        assert!(section.contains("Not recorded yet."), "{id}: {section}");
    }
    let a: Value = serde_json::from_str(&read("data/analysis.json")).unwrap();
    for (slug, c) in a["customers"].as_object().unwrap() {
        assert_eq!(c["loyalty_category"], Value::Null, "{slug}");
        for risk in c["risks"].as_array().into_iter().flatten() {
            assert!(
                !["switching", "shrinking", "arms_length"].contains(&risk.as_str().unwrap()),
                "{slug}: {risk}"
            );
        }
    }
    assert_eq!(a["loyalty_categories"]["recorded"], 0);
    assert_eq!(a["continuum"]["arms_length"], json!([]));
}

#[test]
fn zh_cn_and_zh_tw_use_the_sources_terms() {
    let site = with_zeta("loyalty_category: non_user_potential\ncloseness: transaction\n");
    site.write(
        "content/customers/zeta.yaml",
        format!(
            "{}loyalty_category: occasional_more\ncloseness: transaction\n",
            TOP
        ),
    );
    for (lang, terms) in [
        (
            "zh-CN",
            [
                "关系连续流",
                "纯交易",
                "顾客忠诚分类",
                "可能增加消费的临时顾客",
            ],
        ),
        (
            "zh-TW",
            [
                "關係連續流",
                "純交易",
                "顧客忠誠分類",
                "可能增加消費的臨時顧客",
            ],
        ),
    ] {
        site.write(
            "dossier.yaml",
            format!("title: Territories\nas_of: 2026-11-22\nlanguage: {lang}\n"),
        );
        site.build().ok();
        let html = site.output("customers/zeta/index.html");
        for term in terms {
            assert!(html.contains(term), "{lang}: {term}");
        }
    }
}

#[test]
fn an_unknown_category_or_degree_is_a_located_error_with_a_suggestion() {
    let site = with_zeta("loyalty_category: long_term_loyl\n");
    let run = site.run(&["check"]);
    assert_ne!(run.code(), 0);
    let err = run.stderr();
    assert!(
        common::has_diagnostic(&err, "content/customers/zeta.yaml:7:19", "long_term_loyl"),
        "{err}"
    );
    assert!(err.contains("did you mean `long_term_loyal`?"), "{err}");
    let site = with_zeta("closeness: intimite\n");
    let run = site.run(&["check"]);
    assert_ne!(run.code(), 0);
    let err = run.stderr();
    assert!(
        common::has_diagnostic(&err, "content/customers/zeta.yaml:7:12", "intimite"),
        "{err}"
    );
    assert!(err.contains("did you mean `intimate`?"), "{err}");
}

#[test]
fn contradictions_are_located_warnings() {
    // a non-user that is a current customer
    let site = with_zeta("loyalty_category: non_user_never\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 0, "a warning, not an error");
    assert!(
        common::has_diagnostic(
            &run.stderr(),
            "content/customers/zeta.yaml:7:1",
            "loyalty category `non_user_never` (a non-user) contradicts status `current`"
        ),
        "{}",
        run.stderr()
    );
    // a long-term loyal prospect
    let site = TestSite::fixture("territories");
    site.write(
        "content/customers/zeta.yaml",
        "name: Zeta Co\nstatus: prospect\nmarket: producer\nloyalty_category: long_term_loyal\n",
    );
    let run = site.run(&["check"]);
    assert!(
        common::has_diagnostic(
            &run.stderr(),
            "content/customers/zeta.yaml:4:1",
            "loyalty category `long_term_loyal` (a customer who buys from us) contradicts status `prospect`"
        ),
        "{}",
        run.stderr()
    );
    // a "long-term loyal" terrorist
    let site = with_zeta("satisfaction: 1\nloyalty: 1\nloyalty_category: long_term_loyal\n");
    let run = site.run(&["check", "--deny-warnings"]);
    assert_ne!(run.code(), 0);
    assert!(
        common::has_diagnostic(
            &run.stderr(),
            "content/customers/zeta.yaml:9:1",
            "loyalty category `long_term_loyal` contradicts the satisfaction-loyalty type `terrorist` of its scores"
        ),
        "{}",
        run.stderr()
    );
}

/// Runs git in `dir`, isolated from the user's and the system's settings.
fn git(dir: &std::path::Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git is installed");
    assert!(out.status.success(), "git {args:?}");
}

#[test]
fn a_drift_since_the_baseline_is_on_the_changes_page_and_in_dossier_diff() {
    let site = with_zeta("loyalty_category: long_term_loyal\ncloseness: working\n");
    site.write(".gitignore", "output/\n");
    git(site.root(), &["init", "-q"]);
    for (k, v) in [
        ("user.name", "Test"),
        ("user.email", "test@example.com"),
        ("commit.gpgsign", "false"),
    ] {
        git(site.root(), &["config", k, v]);
    }
    git(site.root(), &["add", "-A"]);
    git(site.root(), &["commit", "-q", "-m", "v1"]);
    git(site.root(), &["tag", "v1"]);
    site.write(
        "content/customers/zeta.yaml",
        format!("{TOP}loyalty_category: long_term_switching\ncloseness: distant\n"),
    );
    let run = site.run(&["diff", "v1", "--format", "json"]);
    let diff: Value = serde_json::from_str(&run.ok()).unwrap();
    let fields = &diff["customers"]["zeta"]["fields"];
    assert_eq!(
        fields["loyalty_category"],
        json!({ "from": "long_term_loyal", "to": "long_term_switching" })
    );
    assert_eq!(
        fields["closeness"],
        json!({ "from": "working", "to": "distant" })
    );
    let config = std::fs::read_to_string(site.path("dossier.yaml")).unwrap();
    site.write(
        "dossier.yaml",
        format!("{config}history:\n  baseline: v1\n"),
    );
    site.build().ok();
    let page = site.output("changes/index.html");
    assert!(
        page.contains("Long-term loyal customer → Long-term customer who may switch"),
        "{page}"
    );
    assert!(
        page.contains("Close working relationship → Distant"),
        "{page}"
    );
    assert!(
        page.contains("May switch to another brand, Important but at arm&#39;s length"),
        "{page}"
    );
}

#[test]
fn the_dashboard_lists_at_most_ten_customers_at_arms_length() {
    let site = TestSite::fixture("territories");
    for i in 0..12 {
        site.write(
            &format!("content/customers/far-{i:02}.yaml"),
            TOP.replace("Zeta Co", &format!("Far {i:02}")) + "closeness: scattered\n",
        );
    }
    site.build().ok();
    let a = analysis(&site);
    assert_eq!(a["continuum"]["arms_length"].as_array().unwrap().len(), 12);
    let index = site.output("index.html");
    let section = index.split("id=\"continuum\"").nth(1).unwrap();
    let section = section.split("</section>").next().unwrap();
    assert!(
        section.contains("Important customers at arm&#39;s length (12)"),
        "{section}"
    );
    assert_eq!(
        section.matches("#continuum\">Far ").count(),
        10,
        "{section}"
    );
    assert!(section.contains("… 2 more not listed"), "{section}");
    let md = site.output("markdown/index.md");
    assert!(md.contains("- … 2 more not listed"), "{md}");
}
