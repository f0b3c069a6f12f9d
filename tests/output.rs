//! What `dossier build` guarantees about its output folder: always one
//! whole site, even when a build is killed, locked against a second build,
//! and never written through a link.

mod common;

use common::{TestSite, files_under};
use std::path::Path;

/// Content B: every customer renamed, so most pages change.
fn rename_customers(site: &TestSite, suffix: &str) {
    for slug in ["acme", "beta-prospect"] {
        let rel = format!("content/customers/{slug}.yaml");
        let text = std::fs::read_to_string(site.path(&rel)).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines[0] = format!("name: Renamed {slug} {suffix}");
        site.write(&rel, lines.join("\n") + "\n");
    }
}

fn snapshot_content(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    files_under(&site.path("content"))
}

fn restore_content(site: &TestSite, files: &[(String, Vec<u8>)]) {
    for (rel, bytes) in files {
        site.write(&format!("content/{rel}"), bytes);
    }
}

/// A build of the site's current content into a folder of its own.
fn fresh(site: &TestSite, name: &str) -> Vec<(String, Vec<u8>)> {
    let out = site.path(name);
    let _ = std::fs::remove_dir_all(&out);
    site.run(&["build", "--output", name]).ok();
    files_under(&out)
}

fn killed_build(site: &TestSite, after: usize) -> common::Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("build")
        .current_dir(site.root())
        .env("DOSSIER_TEST_ABORT_AFTER", after.to_string())
        .output()
        .unwrap();
    common::Run(out)
}

#[test]
fn a_build_killed_at_any_step_of_the_write_leaves_one_whole_site() {
    let site = TestSite::fixture("minimal");
    let content_a = snapshot_content(&site);
    let fresh_a = fresh(&site, "fresh-a");
    rename_customers(&site, "B");
    let content_b = snapshot_content(&site);
    let fresh_b = fresh(&site, "fresh-b");
    assert_ne!(fresh_a, fresh_b);
    let steps = fresh_b.len() + 3;
    let mut killed = 0;
    for n in 1..=steps {
        // Start from the complete site A, then build B and kill it after
        // `n` steps of its write.
        restore_content(&site, &content_a);
        site.build().ok();
        assert_eq!(site.output_files(), fresh_a, "setup before step {n}");
        restore_content(&site, &content_b);
        let run = killed_build(&site, n);
        if run.code() != 0 {
            killed += 1;
        }
        let now = site.output_files();
        assert!(
            now == fresh_a || now == fresh_b,
            "killed after {n} steps: the output is neither whole site:\n{}",
            now.iter()
                .map(|f| f.0.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        );
        // The next build, of either content, equals a fresh build of it.
        let (content, expected) = if n % 2 == 0 {
            (&content_a, &fresh_a)
        } else {
            (&content_b, &fresh_b)
        };
        restore_content(&site, content);
        site.build().ok();
        assert_eq!(
            &site.output_files(),
            expected,
            "the build after a kill at step {n}"
        );
        assert_eq!(beside_output(&site), Vec::<String>::new());
    }
    assert!(killed > steps / 2, "the hook killed only {killed} builds");
}

/// Files or folders dossier left next to `output/` (nothing, after a build).
fn beside_output(site: &TestSite) -> Vec<String> {
    std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("dossier") && n != "dossier.yaml")
        .collect()
}

#[test]
fn a_killed_first_build_leaves_no_output_and_the_next_build_succeeds() {
    let site = TestSite::fixture("minimal");
    let expected = fresh(&site, "fresh");
    let run = killed_build(&site, 5);
    assert_ne!(run.code(), 0);
    assert!(!site.path("output").exists());
    site.build().ok();
    assert_eq!(site.output_files(), expected);
}

#[test]
fn a_folder_left_by_an_interrupted_first_build_of_an_older_version_is_replaced() {
    // dossier 0.1 staged inside the output and wrote the marker last: a
    // killed first build left some pages and its scratch folder.
    let site = TestSite::fixture("minimal");
    let expected = fresh(&site, "fresh");
    site.write("output/.dossier-tmp/index.html", "half");
    site.write("output/customers/acme/index.html", "half");
    site.build().ok();
    assert_eq!(site.output_files(), expected);
}

#[test]
fn a_hand_truncated_page_is_written_again() {
    let site = TestSite::fixture("minimal");
    site.build().ok();
    let expected = site.output_files();
    for page in ["customers/acme/index.html", "markdown/customers/acme.md"] {
        std::fs::write(site.path("output").join(page), "").unwrap();
    }
    site.build().ok();
    assert_eq!(site.output_files(), expected);
}

#[test]
fn a_page_edited_by_hand_to_the_same_size_is_written_again() {
    let site = TestSite::fixture("minimal");
    site.build().ok();
    let expected = site.output_files();
    let page = site.path("output/customers/acme/index.html");
    let mut bytes = std::fs::read(&page).unwrap();
    let at = bytes.len() / 2;
    bytes[at] = if bytes[at] == b'x' { b'y' } else { b'x' };
    std::fs::write(&page, bytes).unwrap();
    site.build().ok();
    assert_eq!(site.output_files(), expected);
}

#[test]
fn a_second_build_into_the_same_output_stops_with_a_clear_message() {
    let site = TestSite::fixture("minimal");
    site.build().ok();
    let before = site.output_files();
    // Hold the lock as a running build does.
    let state = site.path(".output.dossier");
    std::fs::create_dir_all(&state).unwrap();
    let lock = std::fs::File::create(state.join("lock")).unwrap();
    lock.lock().unwrap();
    rename_customers(&site, "B");
    let run = site.build();
    assert_ne!(run.code(), 0);
    assert!(
        run.stderr().contains("another dossier build is writing to"),
        "{}",
        run.stderr()
    );
    assert_eq!(site.output_files(), before);
    lock.unlock().unwrap();
    drop(lock);
    site.build().ok();
    assert!(site.output("index.html").contains("Renamed acme B"));
}

#[cfg(unix)]
#[test]
fn links_inside_the_output_are_never_followed() {
    let site = TestSite::fixture("minimal");
    site.build().ok();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("keep.txt"), "mine").unwrap();
    let customers = site.path("output/customers");
    std::fs::remove_dir_all(&customers).unwrap();
    std::os::unix::fs::symlink(outside.path(), &customers).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("keep.txt"),
        site.path("output/index.html"),
    )
    .ok();
    rename_customers(&site, "B");
    site.build().ok();
    let left: Vec<_> = files_under(outside.path());
    assert_eq!(left, vec![("keep.txt".to_string(), b"mine".to_vec())]);
    assert!(!std::fs::symlink_metadata(&customers).unwrap().is_symlink());
    assert!(
        site.output("customers/acme/index.html")
            .contains("Renamed acme B")
    );
    assert_eq!(site.output_files(), fresh(&site, "fresh"));
}

#[test]
fn an_unchanged_rebuild_writes_nothing() {
    let site = TestSite::fixture("minimal");
    site.build().ok();
    let out = site.path("output");
    let mtime = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let before = mtime(&out.join(".dossier-output"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.build().ok();
    assert_eq!(before, mtime(&out.join(".dossier-output")));
}
