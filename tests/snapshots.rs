//! Snapshots (insta) of what a reader gets from the small `minimal`
//! fixture: a dossier page and its Markdown copy, the dashboard's
//! Markdown copy, `data/analysis.json`, and the text of `dossier diff`
//! between two commits of it. A change to any of them fails here until
//! the new snapshot is reviewed and accepted (docs/contributing.md,
//! "Snapshot tests"); CI (`CI=true`) never writes snapshots.
//!
//! The fixture fixes `as_of`, and commit ids are replaced by their tags,
//! so nothing depends on the clock or on the machine.

mod common;

use common::{TestSite, commit, git, init_repo};
use insta::assert_snapshot;

fn built() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.build().ok();
    site
}

#[test]
fn a_dossier_page() {
    assert_snapshot!(
        "customer_acme_html",
        built().output("customers/acme/index.html")
    );
}

#[test]
fn a_dossier_as_markdown() {
    assert_snapshot!(
        "customer_acme_md",
        built().output("markdown/customers/acme.md")
    );
}

#[test]
fn the_dashboard_as_markdown() {
    assert_snapshot!("dashboard_md", built().output("markdown/index.md"));
}

#[test]
fn the_export() {
    assert_snapshot!("analysis_json", built().output("data/analysis.json"));
}

#[test]
fn the_diff_between_two_revisions() {
    let site = TestSite::fixture("minimal");
    site.write(".gitignore", "output/\n");
    init_repo(site.root());
    commit(site.root(), "first quarter", "v1");
    let edit = |rel: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(site.path(rel)).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        site.write(rel, text.replace(from, to));
    };
    edit(
        "content/customers/acme.yaml",
        "value: { financial: 8, sales: 7, customer: 6, service: 9 }",
        "value: { financial: 9, sales: 9, customer: 8, service: 9 }",
    );
    edit(
        "content/customers/beta-prospect.yaml",
        "status: prospect\n",
        "status: former\nreason_code: price\n",
    );
    site.write(
        "content/customers/gamma.yaml",
        "name: Gamma Trading\nstatus: current\nmarket: producer\nlast_contact: 2026-11-01\n",
    );
    commit(site.root(), "second quarter", "v2");
    let mut text = site.run(&["diff", "v1", "v2"]).ok();
    for tag in ["v1", "v2"] {
        let id = git(site.root(), &["rev-parse", "--short=7", tag]);
        text = text.replace(id.trim(), &format!("<{tag} id>"));
    }
    assert_snapshot!("diff_text", text);
}
