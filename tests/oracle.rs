//! The export checked against an independent implementation of ANALYSIS.md:
//! `tests/oracle/analysis_oracle.py` computes the expected analysis from the
//! content files, and must agree with `output/data/analysis.json` on the
//! example site and on generated sites (`tests/oracle/gen_site.py`, seeds
//! below) that aim at the edges of the rules. Skipped (with a note) when
//! `python3` with PyYAML is not available; CI installs it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fixed date for sites without `as_of` (2026-11-22).
const EPOCH: &str = "1795305600";

/// Seeds of generated sites that caught disagreements, and a few more.
const SEEDS: &[u64] = &[7, 48, 101, 202, 555];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn python_with_yaml() -> bool {
    Command::new("python3")
        .args(["-c", "import yaml"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Builds `root` into `out` and compares the export with the oracle.
fn check(root: &Path, out: &Path) -> Result<(), String> {
    let build = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--quiet", "--color", "never", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .unwrap();
    if !build.status.success() {
        return Err(format!(
            "build of {} failed:\n{}",
            root.display(),
            String::from_utf8_lossy(&build.stderr)
        ));
    }
    let oracle = Command::new("python3")
        .arg(repo().join("tests/oracle/analysis_oracle.py"))
        .arg(root)
        .arg(out.join("data/analysis.json"))
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .unwrap();
    if oracle.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}: the export disagrees with the oracle:\n{}{}",
            root.display(),
            String::from_utf8_lossy(&oracle.stdout),
            String::from_utf8_lossy(&oracle.stderr)
        ))
    }
}

#[test]
fn the_export_agrees_with_the_oracle() {
    if !python_with_yaml() {
        eprintln!("skipped: python3 with PyYAML is not available (pip install pyyaml)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    if let Err(e) = check(&repo(), &tmp.path().join("example")) {
        failures.push(e);
    }
    // Hand-made edges: ABC exactly at `a` and `b`, a decline of exactly d
    // that binary rounding would miss, a scorecard exactly at a tier, the
    // tenths example of docs/analysis.md, owners differing in case.
    let edges = repo().join("tests/oracle/sites/edges");
    if let Err(e) = check(&edges, &tmp.path().join("edges")) {
        failures.push(e);
    }
    for case in ["frameworks", "territories"] {
        let root = repo().join("tests/sites").join(case);
        if let Err(e) = check(&root, &tmp.path().join(format!("fixture-{case}"))) {
            failures.push(e);
        }
    }
    for seed in SEEDS {
        let site = tmp.path().join(format!("site-{seed}"));
        let made = Command::new("python3")
            .arg(repo().join("tests/oracle/gen_site.py"))
            .arg(&site)
            .arg(seed.to_string())
            .output()
            .unwrap();
        assert!(
            made.status.success(),
            "gen_site.py {seed}: {}",
            String::from_utf8_lossy(&made.stderr)
        );
        if let Err(e) = check(&site, &site.join("out")) {
            failures.push(format!("seed {seed}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
