//! The same input gives byte-identical output: the example site built by two
//! separate processes into two fresh folders (so nothing is reused from a
//! previous build), with different thread counts, must match file for file.

mod common;

use std::path::Path;
use std::process::Command;

fn build_into(out: &Path, threads: &str) {
    let root = env!("CARGO_MANIFEST_DIR");
    let run = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root", root, "--output"])
        .arg(out)
        .env("RAYON_NUM_THREADS", threads)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn two_processes_build_the_example_site_byte_for_byte_alike() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build_into(&a, "1");
    build_into(&b, "3");
    let (fa, fb) = (common::files_under(&a), common::files_under(&b));
    assert!(
        fa.len() > 20,
        "the example site wrote only {} files",
        fa.len()
    );
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&fa),
        names(&fb),
        "the two builds wrote different files"
    );
    for ((name, x), (_, y)) in fa.iter().zip(&fb) {
        assert!(
            x == y,
            "{name} differs between two builds of the same input"
        );
    }
}
