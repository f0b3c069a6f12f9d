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
            "warning: current customer with no `metrics`: counted with revenue 0 and profit 0\n --> content/customers/quiet.yaml:2:1\n"
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
    // (message, where) of each problem, as printed: `error: message`,
    // then ` --> where`.
    let expected = [
        (
            "unknown field `colour`",
            "content/customers/unknown-field.yaml:4:1",
        ),
        (
            "`very` is not a number: expected a score from 1 to 5",
            "content/customers/wrong-type.yaml:4:15",
        ),
        (
            "missing field `market`",
            "content/customers/missing-field.yaml:1:1",
        ),
        (
            "`currnet` is not an accepted value for `status`",
            "content/customers/bad-enum.yaml:2:9",
        ),
        (
            "12 is out of range: expected a score from 0 to 10",
            "content/customers/out-of-range.yaml:4:21",
        ),
        (
            "`Bad_Slug` is not a valid slug: a file name uses only lowercase ASCII letters, digits and `-` (put the full name in `name:`)",
            "content/customers/Bad_Slug.yaml",
        ),
        (
            "duplicate name `same name ltd`: content/customers/dup-one.yaml has the same name",
            "content/customers/dup-two.yaml:1:1",
        ),
        (
            "unknown competitor `nobody`: there is no content/competitors/nobody.yaml",
            "content/customers/dangling.yaml:5:24",
        ),
        (
            "`2026-02-30` is not a real calendar date",
            "content/customers/bad-date.yaml:4:15",
        ),
        (
            "the file should be a block of `key: value` lines, but it is a list",
            "content/customers/list-not-map.yaml:1:1",
        ),
        ("the file is empty", "content/customers/empty.yaml"),
        (
            "`producr` is not an accepted value for `market`",
            "content/customers/two-errors.yaml:3:9",
        ),
        (
            "9 is out of range: expected a score from 1 to 5",
            "content/customers/two-errors.yaml:4:10",
        ),
        (
            "the file is not UTF-8 text",
            "content/customers/binary.yaml:1:2",
        ),
        (
            "the file is not UTF-8 text",
            "content/customers/latin1.yaml:1:10",
        ),
        (
            "11 is out of range: expected a score from 0 to 10",
            "content/competitors/rival.yaml:4:29",
        ),
        (
            "unknown competitor `ghost-competitor`: a ratings key is `self` or a competitor slug (there is no content/competitors/ghost-competitor.yaml)",
            "content/company.yaml:7:7",
        ),
        (
            "`rival` has 1 ratings but there are 2 criteria: give one rating per criterion",
            "content/company.yaml:8:7",
        ),
        (
            "tier `bottom` has min_score 6 but the tier above it (`top`) has 5: min_scores must be strictly decreasing, top to bottom",
            "dossier.yaml:6:7",
        ),
        (
            "the last tier `bottom` has min_score 6: it must be 0 so that every score falls in a tier",
            "dossier.yaml:6:7",
        ),
        (
            "abc thresholds a = 0.9 and b = 0.5 must satisfy 0 < a <= b <= 1",
            "dossier.yaml:7:1",
        ),
    ];
    for (message, at) in expected {
        let e = format!("error: {message}\n --> {at}\n");
        assert!(err.contains(&e), "missing `{e}` in:\n{err}");
    }
    for help in [
        "  = help: did you mean `current`?\n",
        "  = help: did you mean `producer`?\n",
        "  = help: add `market:` (one of `consumer`, `producer`, `intermediary`, `government`, `international`) to this block\n",
        "  = help: write a score from 1 to 5\n",
        "  = help: write the date as YYYY-MM-DD, such as 2026-11-05, and check the day and month\n",
        "  = help: save it as UTF-8",
    ] {
        assert!(err.contains(help), "missing `{help}` in:\n{err}");
    }
    assert!(
        err.contains("3 | market: producr\n  |         ^^^^^^^\n"),
        "source lines with a caret under the value:\n{err}"
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
            "error: period `2025` appears twice in metrics\n --> content/customers/dup-period.yaml:6:7\n"
        ),
        "{err}"
    );
}
