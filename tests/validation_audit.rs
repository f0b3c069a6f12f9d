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
            "name: A\nstatus: current\nmarket: producer\nnotes: [\n",
            "content/customers/a.yaml:5:1",
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
