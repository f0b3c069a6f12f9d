//! FORMAT.md's validation list, case by case: cases the conformance audit
//! found reported wrongly or not at all.

mod common;
use common::{TestSite, has_diagnostic};

fn site_with_customer(customer: &str) -> TestSite {
    let site = TestSite::empty();
    site.write("dossier.yaml", "title: T\nas_of: 2026-11-22\n");
    site.write("content/company.yaml", "name: Us\n");
    site.write("content/customers/a.yaml", customer);
    site
}

/// YAML that does not parse is reported as such, even when the typed reading
/// of the file stops earlier on another problem (here an unknown field whose
/// flow list is never closed).
#[test]
fn a_syntax_error_after_another_problem_is_still_reported() {
    let cases = [
        // (file, location of the syntax error)
        (
            "name: A\nstatus: current\nmarket: producer\nfoo: [\n",
            "content/customers/a.yaml:5:1",
        ),
        (
            "name: A\ncolour: red\nstatus: current\nmarket: producer\nneeds: [a, b\nnotes: x\n",
            "content/customers/a.yaml:6:6",
        ),
    ];
    for (file, location) in cases {
        let site = site_with_customer(file);
        let run = site.run(&["check", "--color", "never"]);
        assert_eq!(run.code(), 1, "{file}");
        assert!(
            has_diagnostic(&run.stderr(), location, "this is not valid YAML"),
            "{file}\n{}",
            run.stderr()
        );
    }
}

/// A customer or competitor file named `.yml` or `.YAML` is content like a
/// `.yaml` one: its diagnostics name it as it is named, with line and
/// column, and a competitor in such a file is known to the customers that
/// name it.
#[test]
fn diagnostics_name_yml_and_upper_case_files_with_their_lines() {
    let site = TestSite::empty();
    site.write("dossier.yaml", "title: T\nas_of: 2026-11-22\n");
    site.write("content/company.yaml", "name: Us\n");
    site.write(
        "content/customers/a.yml",
        "name: A\nstatus: current\nmarket: producer\ndeal: { competitors: [k, nope] }\n",
    );
    site.write(
        "content/customers/b.YAML",
        "name: ' a '\nstatus: prospect\nmarket: producer\n",
    );
    site.write("content/competitors/k.YAML", "name: K\nswot: {}\n");
    let run = site.run(&["check", "--color", "never"]);
    let err = run.stderr();
    let cases = [
        // (location, message)
        ("content/customers/a.yml:4:26", "unknown competitor `nope`"),
        (
            "content/customers/a.yml:2:1",
            "current customer with no `metrics`",
        ),
        (
            "content/customers/b.YAML:1:1",
            "duplicate name `a`: content/customers/a.yml",
        ),
    ];
    for (location, message) in cases {
        assert!(
            has_diagnostic(&err, location, message),
            "{location} {message}\n{err}"
        );
    }
    assert!(!err.contains("unknown competitor `k`"), "{err}");
}

/// "Each department has >= 1 item" holds when there is no industry
/// comparison too.
#[test]
fn a_department_without_items_is_an_error_without_industry_rows() {
    for obl in [
        "obl:\n  departments:\n    - { name: D, items: [] }\n",
        "obl:\n  departments:\n    - { name: D, items: [] }\n  industry:\n    criteria: [a]\n    ratings:\n      self: [E]\n",
    ] {
        let site = site_with_customer("name: A\nstatus: prospect\nmarket: producer\n");
        site.write("content/company.yaml", format!("name: Us\n{obl}"));
        let run = site.run(&["check", "--color", "never"]);
        assert_eq!(run.code(), 1, "{obl}\n{}", run.stderr());
        assert!(
            has_diagnostic(
                &run.stderr(),
                "content/company.yaml:4:7",
                "department `D` has no items"
            ),
            "{obl}\n{}",
            run.stderr()
        );
    }
}
