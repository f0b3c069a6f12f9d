//! The live-preview benchmark: how long from saving a customer file to the
//! browser having the new page, on a generated site (1,000 customers by
//! default). It starts the release `dossier serve`, listens to the event
//! stream as the injected script does, edits one customer file, and times
//! the edit → "new site ready" event → page fetched with the new content.
//!
//!     cargo bench --bench serve -- 1000
//!
//! Each edit is made with the server idle: after the previous edit's
//! data files, which the server makes once the pages are served.
//!
//! `DOSSIER_BIN=path` measures another binary than the one cargo built;
//! `DOSSIER_TIMINGS=1` also shows the steps of the last rebuild.
//!
//!     cargo bench --bench serve -- 10000 baseline
//!
//! also measures each size with `history.baseline` set: the generated site
//! is committed to a git repository, tagged `v1`, and every page then
//! shows its changes since that revision (skipped without `git`).
//!
//! Target on a 2-core machine: under 500 ms for 1,000 customers.

#[path = "build.rs"]
#[allow(dead_code, clippy::all)]
mod site;

#[path = "../tests/serve/client.rs"]
mod client;

use std::time::{Duration, Instant};

const EDITS: usize = 10;

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let baseline = std::env::args().any(|a| a == "baseline");
    let runs = if sizes.is_empty() { vec![1_000] } else { sizes };
    let runs = runs.into_iter().flat_map(|n| {
        let with = baseline.then_some((n, true));
        std::iter::once((n, false)).chain(with)
    });
    for (n, with_baseline) in runs {
        let dir = tempfile::tempdir().expect("temporary folder");
        site::generate(dir.path(), n);
        if with_baseline && !commit_baseline(dir.path()) {
            println!("{n:>6} customers with a baseline: skipped (no git)");
            continue;
        }
        let server = client::Server::start(dir.path());
        let mut events = server.events();
        let first = events.next();
        assert_eq!(
            first["ok"],
            true,
            "the generated site builds: {}",
            server.log()
        );
        let mut build = first["build"].clone();
        let slug = format!("customer-{:05}", n / 2);
        let file = dir.path().join(format!("content/customers/{slug}.yaml"));
        let original = std::fs::read_to_string(&file).expect("the generated customer");
        let mut times: Vec<Duration> = Vec::with_capacity(EDITS);
        for i in 0..EDITS {
            let name = format!("Edited customer number {i}");
            let text = original.replacen("name: ", &format!("name: {name} "), 1);
            let start = Instant::now();
            std::fs::write(&file, text).expect("edit the customer");
            let event = loop {
                let e = events.next();
                if e["build"] != build || e["ok"] != true {
                    break e;
                }
            };
            assert_eq!(event["ok"], true, "the edit built: {}", server.log());
            let page = server.get(&format!("/customers/{slug}/"));
            times.push(start.elapsed());
            assert!(page.body.contains(&name), "the served page has the edit");
            build = event["build"].clone();
            // The next edit is a separate save, made once the server is
            // idle again: after the data files it makes behind the pages
            // (a request for the workbook waits for them), as a person
            // saves after looking at the page.
            let _ = server.get("/data/analysis.xlsx");
            std::thread::sleep(Duration::from_millis(200));
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let with = if with_baseline {
            " with a baseline"
        } else {
            ""
        };
        println!(
            "{n:>6} customers{with}: edit to page in browser {:.0} ms median, {:.0} ms min, {:.0} ms max ({EDITS} edits)",
            ms(times[EDITS / 2]),
            ms(times[0]),
            ms(times[EDITS - 1])
        );
        let log = server.log();
        let builds: Vec<&str> = log.lines().filter(|l| l.starts_with("built ")).collect();
        println!(
            "        server: {}",
            builds.last().copied().unwrap_or("(no build line)")
        );
        // The steps of the last rebuild (printed with DOSSIER_TIMINGS):
        // every step after the build line before it, the workbook (made
        // after the pages are served) included.
        let lines: Vec<&str> = log.lines().collect();
        let from = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.starts_with("built "))
            .map(|(i, _)| i)
            .rev()
            .nth(1)
            .map_or(0, |i| i + 1);
        for step in lines[from..]
            .iter()
            .filter(|l| l.ends_with(" ms") && l.contains(": "))
        {
            println!("        {step}");
        }
    }
}

/// Commits the site at `root` to a new git repository, tags it `v1` and
/// sets `history.baseline: v1`; false when git cannot be run.
fn commit_baseline(root: &std::path::Path) -> bool {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args([
                "-c",
                "user.name=bench",
                "-c",
                "user.email=bench@example.com",
            ])
            .args(args)
            .current_dir(root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let config = root.join("dossier.yaml");
    let text = std::fs::read_to_string(&config).expect("the generated settings");
    git(&["init", "-q"])
        && git(&["add", "-A"])
        && git(&["commit", "-qm", "baseline"])
        && git(&["tag", "v1"])
        && std::fs::write(&config, format!("{text}\nhistory: {{ baseline: v1 }}\n")).is_ok()
}
