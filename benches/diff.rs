//! The diff benchmark: generates a site of N customers (the generator of
//! the build benchmark), commits it to a new git repository, changes a
//! tenth of the customers (status, scorecard), deletes and adds a few, and
//! times `dossier diff HEAD` (against the working tree) and
//! `dossier diff HEAD~1 HEAD` (both sides from git objects).
//!
//!     cargo bench --bench diff -- 1000
//!
//! Target on a 2-core machine: 1,000 customers well under a second.

#[allow(dead_code)]
#[path = "build.rs"]
mod site;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() { vec![1_000] } else { sizes };
    for n in sizes {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path();
        site::generate(root, n);
        git(root, &["init", "-q"]);
        for (k, v) in [
            ("user.name", "Bench"),
            ("user.email", "bench@example.com"),
            ("commit.gpgsign", "false"),
        ] {
            git(root, &["config", k, v]);
        }
        commit(root, "generated");
        let changed = change_a_tenth(root, n);
        let (wt, lines) = best_of(5, root, &["diff", "HEAD"]);
        commit(root, "changed");
        let (revs, _) = best_of(5, root, &["diff", "HEAD~1", "HEAD", "--format", "json"]);
        println!(
            "{n:>6} customers, {changed} changed: diff HEAD (working tree) {wt:.3} s, \
             diff HEAD~1 HEAD --format json {revs:.3} s (best of 5; {lines} report lines)"
        );
    }
}

/// Edits every tenth customer, deletes five and adds five; returns how
/// many customers changed.
fn change_a_tenth(root: &Path, n: usize) -> usize {
    let file = |i: usize| root.join(format!("content/customers/customer-{i:05}.yaml"));
    let mut changed = 0;
    for i in (3..n).step_by(10) {
        let text: String = std::fs::read_to_string(file(i))
            .expect("generated customer")
            .lines()
            .map(|l| match l {
                "status: current" => "status: former".to_string(),
                l if l.starts_with("value:") => {
                    "value: { financial: 10, sales: 10, customer: 10, service: 10 }".into()
                }
                l => l.to_string(),
            })
            .map(|l| l + "\n")
            .collect();
        std::fs::write(file(i), text).expect("write customer");
        changed += 1;
    }
    for i in 0..5.min(n) {
        std::fs::remove_file(file(i * 7 + 1)).ok();
        let model = std::fs::read_to_string(file(n - 1)).expect("model customer");
        let new = model.replacen(
            &format!("Customer {}\n", n - 1),
            &format!("New customer {i}\n"),
            1,
        );
        std::fs::write(file(n + i), new).expect("new customer");
        changed += 2;
    }
    changed
}

/// Runs dossier `runs` times; the best wall time and the output's lines.
fn best_of(runs: usize, root: &Path, args: &[&str]) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut lines = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(args)
            .arg("--root")
            .arg(root)
            .output()
            .expect("run dossier");
        best = best.min(start.elapsed().as_secs_f64());
        assert!(
            out.status.success(),
            "dossier {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        lines = out.stdout.iter().filter(|&&b| b == b'\n').count();
    }
    (best, lines)
}

fn commit(root: &Path, message: &str) {
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", message]);
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git is installed");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
