//! What dossier reads from `content/`: only regular files, of a bounded
//! size and nesting, never through a link that leaves the site; and what
//! it prints about a bad file stays short and harmless for a terminal.

mod common;

use common::{Run, TestSite};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `dossier check` that must finish within `limit`.
fn check_within(site: &TestSite, limit: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("check")
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dossier check still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Run(child.wait_with_output().unwrap())
}

#[test]
fn yaml_beside_yml_is_an_error_naming_both_files() {
    let site = TestSite::fixture("minimal");
    let text = std::fs::read(site.path("content/customers/acme.yaml")).unwrap();
    site.write("content/customers/acme.yml", &text);
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(
        err.contains("error: `content/customers/acme.yml` and `content/customers/acme.yaml` both describe `acme`") && err.contains("--> content/customers/acme.yml\n"),
        "{err}"
    );
}

#[test]
fn an_upper_case_extension_is_content_and_clashes_with_the_lower_case_one() {
    let site = TestSite::fixture("minimal");
    let beta = site.path("content/customers/beta-prospect.yaml");
    std::fs::rename(&beta, site.path("content/customers/beta-prospect.YAML")).unwrap();
    site.build().ok();
    assert!(
        site.path("output/customers/beta-prospect/index.html")
            .is_file()
    );
    let acme = std::fs::read(site.path("content/customers/acme.yaml")).unwrap();
    site.write("content/customers/acme.YML", &acme);
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("both describe `acme`"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_file_that_is_not_yaml_among_customers_is_warned_about() {
    let site = TestSite::fixture("minimal");
    site.write("content/customers/gamma.json", "{}");
    let run = site.run(&["check"]);
    assert!(
        run.stderr()
            .contains("warning: this file is ignored: its name does not end in `.yaml`\n --> content/customers/gamma.json"),
        "{}",
        run.stderr()
    );
}

#[cfg(unix)]
#[test]
fn a_link_that_leaves_the_site_is_refused_naming_the_link() {
    let site = TestSite::fixture("minimal");
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.yaml");
    std::fs::write(&secret, "name: TOP SECRET outside the site\n").unwrap();
    std::os::unix::fs::symlink(&secret, site.path("content/customers/leak.yaml")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.path("content/company.yaml.tmp")).unwrap();
    std::fs::remove_file(site.path("content/company.yaml")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.path("content/company.yaml")).unwrap();
    let run = site.build();
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(
        err.contains("error: cannot read the file: it is a symbolic link that leaves the site")
            && err.contains("--> content/customers/leak.yaml\n"),
        "{err}"
    );
    assert!(err.contains("--> content/company.yaml\n"), "{err}");
    assert!(
        !err.contains("TOP SECRET") && !err.contains("root:"),
        "{err}"
    );
    assert!(!site.path("output").exists());
}

#[cfg(unix)]
#[test]
fn a_link_to_a_file_inside_the_site_is_read() {
    let site = TestSite::fixture("minimal");
    let acme = site.path("content/customers/acme.yaml");
    std::fs::rename(&acme, site.path("shared-acme.yaml")).unwrap();
    std::os::unix::fs::symlink("../../shared-acme.yaml", &acme).unwrap();
    site.build().ok();
    assert!(site.output("customers/acme/index.html").contains("Acme"));
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_link_to_dev_zero_is_refused_without_reading_it() {
    let site = TestSite::fixture("minimal");
    std::fs::remove_file(site.path("content/company.yaml")).unwrap();
    let made = Command::new("mkfifo")
        .arg(site.path("content/company.yaml"))
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", site.path("content/customers/zero.yaml")).unwrap();
    let run = check_within(&site, Duration::from_secs(20));
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(
        err.contains("error: cannot read the file: it is not a regular file")
            && err.contains("--> content/company.yaml\n"),
        "{err}"
    );
    assert!(
        err.contains("error: cannot read the file: it is a symbolic link")
            && err.contains("--> content/customers/zero.yaml\n"),
        "{err}"
    );
}

#[test]
fn a_file_over_the_size_limit_is_a_located_error() {
    let site = TestSite::fixture("minimal");
    let mut big = String::from("name: Big\nnotes: |\n");
    while big.len() <= 9 * 1024 * 1024 {
        big.push_str("  padding padding padding padding padding padding padding\n");
    }
    site.write("content/customers/big.yaml", big);
    let run = check_within(&site, Duration::from_secs(30));
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr()
            .contains("error: cannot read the file: it is larger than 8 MiB")
            && run.stderr().contains("--> content/customers/big.yaml\n"),
        "{}",
        run.stderr()
    );
}

#[test]
fn deep_nesting_is_a_located_error_found_fast() {
    let site = TestSite::fixture("minimal");
    let deep = format!("name: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    site.write("content/customers/deep.yaml", deep);
    let run = check_within(&site, Duration::from_secs(5));
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr()
            .contains("error: the file nests deeper than 64 levels")
            && run
                .stderr()
                .contains("--> content/customers/deep.yaml:1:70"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_junk_file_gives_a_few_short_diagnostics() {
    let site = TestSite::fixture("minimal");
    let junk = "no yaml here at all ".repeat(100_000);
    site.write("content/customers/junk.yaml", &junk);
    let mut lines = String::new();
    for i in 0..2_000 {
        lines.push_str(&format!("key{i}: {}\n", "x".repeat(1_000)));
    }
    site.write("content/competitors/junk-lines.yaml", &lines);
    let run = check_within(&site, Duration::from_secs(60));
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.len() < 100_000, "{} bytes of diagnostics", err.len());
    assert!(err.contains("--> content/customers/junk.yaml"), "{err}");
}

#[test]
fn control_characters_in_content_are_escaped_in_check_output() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/customers/evil.yaml",
        "name: Evil\nstatus: \"\\e]0;pwned\\a\\e[2J\"\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("--> content/customers/evil.yaml:2:"), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("\\u{1b}"), "{err}");
}
