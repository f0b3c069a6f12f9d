//! The command line: exit codes, `init`, `new`, `check` and its messages.

mod common;
use common::TestSite;

#[test]
fn init_then_build_works() {
    let site = TestSite::empty();
    let out = site.run(&["init", "mysite"]).ok();
    assert!(out.contains("created a new site"), "{out}");
    let run = site.run(&["build", "--root", "mysite"]);
    run.ok();
    assert!(
        site.path("mysite/output/customers/example-customer/index.html")
            .is_file()
    );
    let again = site.run(&["init", "mysite"]);
    assert_eq!(again.code(), 2, "init refuses an existing site");
}

#[test]
fn new_creates_a_file_from_the_template_and_refuses_to_overwrite() {
    let site = TestSite::fixture("minimal");
    site.run(&["new", "customer", "Hebei Steel Works & Co."])
        .ok();
    let text =
        std::fs::read_to_string(site.path("content/customers/hebei-steel-works-co.yaml")).unwrap();
    assert!(text.contains("name: \"Hebei Steel Works & Co.\""), "{text}");
    site.run(&["check"]).ok();
    let again = site.run(&["new", "customer", "Hebei Steel Works & Co."]);
    assert_eq!(again.code(), 2);
    assert!(again.stderr().contains("already exists"));
    site.run(&["new", "competitor", "Rival Two"]).ok();
    assert!(site.path("content/competitors/rival-two.yaml").is_file());
}

#[test]
fn usage_errors_exit_with_2_and_help_is_everywhere() {
    let site = TestSite::fixture("minimal");
    assert_eq!(site.run(&["build", "--no-such-flag"]).code(), 2);
    assert_eq!(site.run(&["frobnicate"]).code(), 2);
    assert_eq!(TestSite::empty().run(&["build"]).code(), 2, "not a site");
    for cmd in ["build", "check", "init", "new"] {
        let run = site.run(&[cmd, "--help"]);
        assert!(run.ok().contains("Usage:"), "{cmd} --help");
    }
}

#[test]
fn check_passes_on_a_valid_site_and_writes_nothing() {
    let site = TestSite::fixture("minimal");
    let out = site.run(&["check"]).ok();
    assert!(out.contains("check passed"), "{out}");
    assert!(!site.path("output").exists());
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/customers/quiet.yaml",
        "name: Quiet\nstatus: current\nmarket: producer\nlast_contact: 2026-11-01\n",
    );
    let run = site.run(&["check"]);
    run.ok();
    assert!(
        run.stderr().contains(
            "content/customers/quiet.yaml:2:1: warning: current customer with no `metrics`"
        ),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("no `decision_maker` contact"));
    assert_eq!(site.run(&["check", "--deny-warnings"]).code(), 1);
}

#[test]
fn check_reports_every_problem_of_every_file_with_its_location() {
    let site = TestSite::fixture("invalid");
    site.write(
        "content/customers/binary.yaml",
        [0u8, 159, 146, 150, 255, 0, 1],
    );
    site.write(
        "content/customers/latin1.yaml",
        b"name: Caf\xe9\nstatus: current\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    let expected = [
        "content/customers/unknown-field.yaml:4:1: unknown field `colour`",
        "content/customers/wrong-type.yaml:4:15: satisfaction: invalid type: string \"very\"",
        "content/customers/missing-field.yaml:1:1: missing field `market`",
        "content/customers/bad-enum.yaml:2:9: status: unknown variant `currnet`",
        "content/customers/out-of-range.yaml:4:21: value.financial: invalid value 12: expected a score from 0 to 10",
        "content/customers/Bad_Slug.yaml:1:1: `Bad_Slug` is not a valid slug",
        "content/customers/dup-two.yaml:1:1: duplicate name `same name ltd`: content/customers/dup-one.yaml has the same name",
        "content/customers/dangling.yaml:5:24: unknown competitor `nobody`",
        "content/customers/bad-date.yaml:4:15: last_contact: invalid date `2026-02-30`",
        "content/customers/list-not-map.yaml:1:1: found a list, expected struct Customer",
        "content/customers/empty.yaml:1:1: the file is empty",
        "content/customers/two-errors.yaml:3:9: market: unknown variant `producr`",
        "content/customers/two-errors.yaml:4:10: loyalty: invalid value 9: expected a score from 1 to 5",
        "content/customers/binary.yaml:1:2: the file is not valid UTF-8",
        "content/customers/latin1.yaml:1:10: the file is not valid UTF-8",
        "content/competitors/rival.yaml:4:29: swot.strengths[0].score: invalid value 11",
        "content/company.yaml:7:7: unknown competitor `ghost-competitor`",
        "content/company.yaml:8:7: `rival` has 1 ratings but there are 2 criteria",
        "dossier.yaml:6:7: tier `bottom` has min_score 6",
        "dossier.yaml:6:7: the last tier `bottom` has min_score 6",
        "dossier.yaml:7:1: abc thresholds a = 0.9 and b = 0.5",
    ];
    for e in expected {
        assert!(err.contains(e), "missing `{e}` in:\n{err}");
    }
    assert!(
        err.contains("3 | market: producr\n  |         ^"),
        "source lines with a caret:\n{err}"
    );
    assert!(
        !err.contains("list-not-map.yaml:2:1"),
        "a top-level list is one problem, not one per item"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn duplicate_periods_are_errors() {
    let site = TestSite::fixture("invalid");
    let err = site.run(&["check"]).stderr();
    assert!(
        err.contains(
            "content/customers/dup-period.yaml:6:7: period `2025` appears twice in metrics"
        ),
        "{err}"
    );
}
