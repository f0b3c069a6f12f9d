//! `dossier diff` and the changes page, on real git repositories made in
//! temporary folders: the reports, the build with `history.baseline`, and
//! the errors (no such revision, no repository, invalid content then).

mod common;
use common::{TestSite, commit, git, init_repo};
use std::path::Path;

/// The minimal fixture, with one more customer, committed as `v1`; then
/// the changes of a quarter, committed as `v2`: Acme's scorecard reaches
/// platinum, the prospect is lost on price, Gamma is won, Old Client's
/// file is deleted, and our weaknesses outgrow our strengths (SO → WO).
fn site_with_history() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write(".gitignore", "output/\n");
    site.write(
        "content/customers/old-client.yaml",
        "name: Old Client\nstatus: former\nmarket: producer\nreason_code: closed\n",
    );
    init_repo(site.root());
    commit(site.root(), "first quarter", "v1");
    quarter_of_changes(&site);
    commit(site.root(), "second quarter", "v2");
    site
}

fn quarter_of_changes(site: &TestSite) {
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
    edit(
        "content/customers/beta-prospect.yaml",
        "reason: Wants a pilot in spring.",
        "reason: Chose a cheaper supplier.",
    );
    edit(
        "content/company.yaml",
        "{ text: Small team, score: 5 }",
        "{ text: Small team, score: 9 }\n    - { text: Old courseware, score: 8 }",
    );
    site.write(
        "content/customers/gamma.yaml",
        "name: Gamma Trading\nstatus: current\nmarket: producer\nlast_contact: 2026-11-01\n",
    );
    std::fs::remove_file(site.path("content/customers/old-client.yaml")).unwrap();
}

#[test]
fn the_text_report_groups_the_changes_of_a_quarter() {
    let site = site_with_history();
    let out = site.run(&["diff", "v1", "v2"]).ok();
    let v1 = git(site.root(), &["rev-parse", "--short=7", "v1"]);
    assert!(
        out.starts_with(&format!("# Changes from `v1` ({}) to `v2` (", v1.trim())),
        "{out}"
    );
    for expected in [
        "## Customers added (1)\n\n- Gamma Trading (`gamma`): status current",
        "## Customers removed (1)\n\n- Old Client (`old-client`): had status former",
        "## Status changes (1)\n\n- 北京贝塔科技 (`beta-prospect`): prospect → former (reason: price: Chose a cheaper supplier.)",
        "## Tier moves up (1)\n\n- Acme <script>alert('x')</script> & Co (`acme`): gold → platinum (score 7.5 → 8.8, +1.3)",
        "## Company SWOT\n\n- posture SO → WO\n- weaknesses 5 → 17 (+12)\n",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(
        !out.contains("Competitor SWOT"),
        "the competitor did not change:\n{out}"
    );
}

#[test]
fn the_json_report_follows_the_spec() {
    let site = site_with_history();
    let out = site.run(&["diff", "v1", "v2", "--format", "json"]).ok();
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (json["from"].as_str(), json["to"].as_str()),
        (Some("v1"), Some("v2"))
    );
    let customers = json["customers"].as_object().unwrap();
    let slugs: Vec<&str> = customers.keys().map(String::as_str).collect();
    assert_eq!(
        slugs,
        ["acme", "beta-prospect", "gamma", "old-client"],
        "only changed ones, sorted"
    );
    let acme = &json["customers"]["acme"];
    assert_eq!(acme["change"], "changed");
    assert_eq!(
        acme["fields"]["value.tier"],
        serde_json::json!({ "from": "gold", "to": "platinum" })
    );
    assert_eq!(
        acme["fields"]["value.score"],
        serde_json::json!({ "from": 7.5, "to": 8.8 })
    );
    let beta = &json["customers"]["beta-prospect"];
    assert_eq!(
        beta["fields"]["status"],
        serde_json::json!({ "from": "prospect", "to": "former" })
    );
    assert_eq!(json["customers"]["gamma"]["change"], "added");
    assert_eq!(json["customers"]["old-client"]["change"], "removed");
    assert_eq!(
        json["company"],
        serde_json::json!({ "change": "changed", "fields": {
            "swot.posture": { "from": "SO", "to": "WO" },
            "swot.weaknesses": { "from": 5, "to": 17 } } })
    );
    assert_eq!(json["competitors"], serde_json::json!({}));
    let again = site.run(&["diff", "v1", "v2", "--format", "json"]).ok();
    assert_eq!(out, again, "the same revisions give the same bytes");
}

#[test]
fn the_working_tree_is_the_default_and_is_never_touched() {
    let site = site_with_history();
    site.write(
        "content/customers/delta.yaml",
        "name: Delta\nstatus: prospect\nmarket: consumer\n",
    );
    let status_before = git(site.root(), &["status", "--porcelain"]);
    let head_before = git(site.root(), &["rev-parse", "HEAD"]);
    let out = site.run(&["diff", "v1"]).ok();
    let title = out.lines().next().unwrap();
    assert!(
        title.starts_with("# Changes from `v1` (") && title.ends_with(") to the working tree"),
        "{out}"
    );
    assert!(
        out.contains("- Delta (`delta`): status prospect"),
        "uncommitted files count: {out}"
    );
    assert!(out.contains("- Gamma Trading (`gamma`)"), "{out}");
    let json = site.run(&["diff", "HEAD", "--format", "json"]).ok();
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["to"], "working tree");
    assert_eq!(json["customers"].as_object().unwrap().len(), 1, "{json}");
    assert_eq!(git(site.root(), &["status", "--porcelain"]), status_before);
    assert_eq!(git(site.root(), &["rev-parse", "HEAD"]), head_before);
    assert!(!site.path("output").exists(), "diff writes nothing");
}

#[test]
fn a_site_in_a_subfolder_of_the_repository_is_found_by_its_prefix() {
    let repo = TestSite::empty();
    init_repo(repo.root());
    let site_dir = repo.path("sites/acme");
    std::fs::create_dir_all(&site_dir).unwrap();
    let fixture = TestSite::fixture("minimal");
    for entry in ["content", "dossier.yaml"] {
        std::fs::rename(fixture.path(entry), site_dir.join(entry)).unwrap();
    }
    repo.write("README.md", "Other things live here too.\n");
    commit(repo.root(), "site", "v1");
    std::fs::remove_file(site_dir.join("content/customers/acme.yaml")).unwrap();
    let out = repo.run(&["diff", "v1", "--root", "sites/acme"]).ok();
    assert!(out.contains("## Customers removed (1)\n\n- Acme"), "{out}");
    assert!(!out.contains("Customers added"), "{out}");
    let out = repo.run(&["diff", "HEAD~0", "--root", "sites"]);
    assert_eq!(out.code(), 2, "sites/ is not a site: {}", out.stderr());
}

#[test]
fn a_revision_that_does_not_exist_is_named_and_nothing_is_printed() {
    let site = site_with_history();
    for rev in ["no-such-tag", "v1~5", "v1:dossier.yaml"] {
        let run = site.run(&["diff", rev]);
        assert_eq!(run.code(), 1, "{rev}: {}", run.stderr());
        assert_eq!(run.stdout(), "", "{rev}");
        assert!(
            run.stderr().contains(&format!(
                "error: revision `{rev}` does not exist in the git repository"
            )),
            "{rev}: {}",
            run.stderr()
        );
    }
    let run = site.run(&["diff", "v1", "nope"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("revision `nope` does not exist"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_site_outside_git_is_a_clear_error() {
    let site = TestSite::fixture("minimal");
    let run = site.run(&["diff", "HEAD"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert_eq!(run.stdout(), "");
    assert!(
        run.stderr().contains("is not in a git repository"),
        "{}",
        run.stderr()
    );
    let shown = std::fs::canonicalize(site.root()).unwrap();
    let named = run.stderr().contains(&site.root().display().to_string())
        || run.stderr().contains(&shown.display().to_string());
    assert!(named, "the message names the folder: {}", run.stderr());
}

#[test]
fn a_file_invalid_at_a_revision_is_named_with_the_revision() {
    let site = site_with_history();
    site.write(
        "content/customers/broken.yaml",
        "name: Broken\nstatus: gone\nmarket: producer\n",
    );
    commit(site.root(), "broken", "v3");
    std::fs::remove_file(site.path("content/customers/broken.yaml")).unwrap();
    let run = site.run(&["diff", "v3"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert_eq!(run.stdout(), "");
    assert!(
        run.stderr()
            .contains(" --> v3:content/customers/broken.yaml:2:9\n"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr()
            .contains("diff failed: 1 error(s) in the site at revision `v3`"),
        "{}",
        run.stderr()
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let site = site_with_history();
    assert_eq!(site.run(&["diff"]).code(), 2);
    assert_eq!(site.run(&["diff", "v1", "--format", "xml"]).code(), 2);
    assert!(site.run(&["diff", "--help"]).ok().contains("Usage:"));
}

#[test]
fn build_with_a_baseline_writes_the_changes_page_and_each_customers_changes() {
    let site = site_with_history();
    let config = std::fs::read_to_string(site.path("dossier.yaml")).unwrap();
    site.write(
        "dossier.yaml",
        format!("{config}history:\n  baseline: v1\n"),
    );
    site.build().ok();
    let page = site.output("changes/index.html");
    assert!(page.contains("<h2>Customers added (1)</h2>"), "{page}");
    assert!(
        page.contains(r#"<a href="../customers/gamma/index.html">Gamma Trading</a>"#),
        "{page}"
    );
    assert!(
        page.contains("Old Client (<code>old-client</code>)"),
        "{page}"
    );
    assert!(
        page.contains("Prospect → Former customer · Reason: Price: Chose a cheaper supplier."),
        "{page}"
    );
    assert!(page.contains("<h2>Tier moves up (1)</h2>"), "{page}");
    assert!(
        page.contains("Gold → Platinum (Score 7.5 → 8.8, +1.3)"),
        "{page}"
    );
    assert!(page.contains("Posture: Aggressive → Turnaround"), "{page}");
    // How a field's values are written is decided with the report: a
    // number with its change, a share as a percent, an owner by name.
    assert!(page.contains("Weaknesses: 5 → 17 (+12)"), "{page}");
    assert!(page.contains("Completeness: 25% → 19%"), "{page}");
    assert!(
        page.contains("Account manager: Unassigned, Completeness: 0%"),
        "{page}"
    );
    let md = site.output("markdown/changes.md");
    assert!(
        md.contains(
            "## Customers removed (1)\n\n- Old Client (`old-client`) · Status: Former customer, Account manager: Unassigned, Completeness: 0%\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("- [Gamma Trading](customers/gamma.md) · Status: Current customer"),
        "{md}"
    );
    let index = site.output("index.html");
    assert!(
        index.contains(r#"<a href="changes/index.html">Changes</a>"#),
        "linked from the dashboard"
    );
    let acme = site.output("customers/acme/index.html");
    assert!(
        acme.contains(r#"<section class="page-section" id="changes">"#),
        "{acme}"
    );
    assert!(acme.contains("<li>Tier: Gold → Platinum</li>"), "{acme}");
    let gamma = site.output("customers/gamma/index.html");
    assert!(gamma.contains("New since this revision."), "{gamma}");
    let rival = site.output("competitors/rival-group/index.html");
    assert!(
        rival.contains(r#"<a href="../../changes/index.html">Changes</a>"#),
        "the nav links it everywhere"
    );
}

#[test]
fn every_link_of_the_changes_pages_resolves() {
    let site = site_with_history();
    let config = std::fs::read_to_string(site.path("dossier.yaml")).unwrap();
    site.write(
        "dossier.yaml",
        format!("{config}history:\n  baseline: v1\n"),
    );
    site.build().ok();
    let mut checked = 0;
    for (page, open, close) in [
        ("changes/index.html", "href=\"", "\""),
        ("customers/acme/index.html", "href=\"", "\""),
        ("markdown/changes.md", "](", ")"),
    ] {
        let text = site.output(page);
        // Of a customer's page, only the changes section is ours.
        let text = match page.starts_with("customers/") {
            true => text[text.find(r#"id="changes""#).unwrap()..].to_string(),
            false => text,
        };
        let base = Path::new(page).parent().unwrap();
        for part in text.split(open).skip(1) {
            let link = part.split(close).next().unwrap().split('#').next().unwrap();
            if link.starts_with("http") || link.is_empty() {
                continue;
            }
            let target = site.path("output").join(base).join(link);
            assert!(target.is_file(), "{page}: broken link {link}");
            checked += 1;
        }
    }
    assert!(checked > 15, "only {checked} links checked");
}

#[test]
fn build_without_a_baseline_has_no_changes_page() {
    let site = site_with_history();
    site.build().ok();
    assert!(!site.path("output/changes").exists());
    assert!(!site.output("index.html").contains("changes/index.html"));
    assert!(
        !site
            .output("customers/acme/index.html")
            .contains(r#"id="changes""#)
    );
}

#[test]
fn a_bad_baseline_fails_the_build_and_keeps_the_previous_output() {
    let site = site_with_history();
    site.build().ok();
    let before = site.output_files();
    let config = std::fs::read_to_string(site.path("dossier.yaml")).unwrap();
    site.write(
        "dossier.yaml",
        format!("{config}history:\n  baseline: last-quarter\n"),
    );
    let run = site.build();
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("error: history.baseline: revision `last-quarter` does not exist"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr().contains(" --> dossier.yaml:6:3\n"),
        "{}",
        run.stderr()
    );
    assert_eq!(site.output_files(), before, "the previous output is kept");
}

/// A competitor added since the baseline is linked and summed up by its
/// new values; a removed one is named by its slug (its page is gone) and
/// summed up by what it had; a new customer's page says that it is new,
/// and an owner given to a customer moves from the reader's "Unassigned".
#[test]
fn the_changes_page_words_added_and_removed_competitors_by_their_state() {
    let site = site_with_history();
    let config = std::fs::read_to_string(site.path("dossier.yaml")).unwrap();
    site.write(
        "dossier.yaml",
        format!("{config}history:\n  baseline: v1\n"),
    );
    std::fs::remove_file(site.path("content/competitors/rival-group.yaml")).unwrap();
    site.write(
        "content/competitors/new-rival.yaml",
        "name: New Rival\nswot:\n  strengths:\n    - { text: Speed, score: 4 }\n",
    );
    site.write(
        "content/customers/acme.yaml",
        std::fs::read_to_string(site.path("content/customers/acme.yaml"))
            .unwrap()
            .replace(
                "deal: { competitors: [rival-group] }\n",
                "owner: Chen Jing\n",
            ),
    );
    site.build().ok();
    let page = site.output("changes/index.html");
    assert!(
        page.contains(
            r#"<li><a href="../competitors/new-rival/index.html">New Rival</a>: added; Posture: Aggressive, Strengths: 4"#
        ),
        "{page}"
    );
    assert!(
        page.contains(
            "<li>Rival Group (<code>rival-group</code>): removed; Posture: Defensive, Strengths: 6"
        ),
        "{page}"
    );
    let md = site.output("markdown/changes.md");
    assert!(
        md.contains(
            "- [New Rival](competitors/new-rival.md): added; Posture: Aggressive, Strengths: 4"
        ),
        "{md}"
    );
    assert!(
        md.contains("- Rival Group (`rival-group`): removed; Posture: Defensive, Strengths: 6"),
        "{md}"
    );
    assert!(
        page.contains(r#"<a href="../customers/acme/index.html">"#)
            && page.contains("&amp; Co</a>: Unassigned → Chen Jing</li>"),
        "{page}"
    );
    assert!(
        md.contains(" & Co](customers/acme.md): Unassigned → Chen Jing\n"),
        "{md}"
    );
    let new = site.output("customers/gamma/index.html");
    assert!(new.contains("<p>New since this revision.</p>"), "{new}");
}
