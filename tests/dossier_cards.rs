//! The dossier's cards that show a decision made in Rust: the MAN card
//! marks each of the three answers, and the trust pyramid marks the level
//! reached and the one to build next (the Markdown copy names it too).

mod common;

use common::TestSite;

#[test]
fn the_man_card_marks_each_answer_and_the_pyramid_the_next_level() {
    let site = TestSite::fixture("minimal");
    let rel = "content/customers/beta-prospect.yaml";
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    site.write(rel, format!("{text}trust: security\n"));
    site.build().ok();
    let page = site.output("customers/beta-prospect/index.html");
    assert!(
        page.contains("Money ✓ · Authority ✗ · Need ✓"),
        "money high, authority low, need high:\n{page}"
    );
    assert!(
        page.contains(
            "<ol reversed><li>Dependence</li><li>Value ← next to build</li><li>Security ← reached</li></ol>"
        ),
        "{page}"
    );
    let copy = site.output("markdown/customers/beta-prospect.md");
    assert!(
        copy.contains("| Trust | Security (next to build: Value) |"),
        "{copy}"
    );
}
