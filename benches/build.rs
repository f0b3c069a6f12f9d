//! The build benchmark: generates a site of N customers and 5 competitors
//! in a temporary folder, builds it with the release binary, and reports
//! wall time and peak memory (the child's maximum resident set size).
//!
//!     cargo bench --bench build -- 1000 10000
//!
//! With `xlsx` among the arguments, each size is built twice with four
//! periods of metrics per customer: once with the metrics in the YAML
//! files, once with them all in one `content/data/metrics.xlsx` (40,000
//! rows for 10,000 customers), to compare the two (issue 16).
//!
//! With `hugo` among the arguments, sizes of 10,000 and more are also
//! built as plain Hugo pages, on tmpfs and in the default temporary
//! folder, each beside dossier on the same place (skipped without `hugo`).
//!
//! Each run prints wall, user and system time, peak memory, the files
//! written and the steps `DOSSIER_TIMINGS` reports.
//!
//! Targets on a 2-core machine: 10,000 customers in at most 1.5 s and
//! 200 MiB on tmpfs (`TMPDIR=/dev/shm`); 100,000 in at most 15 s and
//! 1.5 GiB.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let xlsx = args.iter().any(|a| a == "xlsx");
    // `hugo`: at 10,000 customers and above, also build the same data as
    // plain Hugo pages, on tmpfs and in the default temporary folder.
    let hugo = args.iter().any(|a| a == "hugo");
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000]
    } else {
        sizes
    };
    // DOSSIER_BENCH_KEEP=DIR generates the site into DIR/<n> (with `xlsx`,
    // also DIR/<n>-xlsx) and keeps it, for profiling a build by hand.
    let keep = std::env::var_os("DOSSIER_BENCH_KEEP").map(std::path::PathBuf::from);
    for n in sizes {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = keep
            .as_ref()
            .map_or_else(|| dir.path().to_path_buf(), |k| k.join(n.to_string()));
        let modes: &[Option<bool>] = if xlsx {
            &[Some(false), Some(true)]
        } else {
            &[None]
        };
        for mode in modes {
            // Kept sites of the spreadsheet comparison: DIR/<n> (YAML) and
            // DIR/<n>-xlsx, to time them side by side by hand.
            let root = match mode {
                Some(true) if keep.is_some() => root.with_file_name(format!("{n}-xlsx")),
                _ => root.clone(),
            };
            let _ = std::fs::remove_dir_all(&root);
            generate_with(&root, n, *mode);
            let dir = &root;
            let runs: Vec<Run> = (0..3).map(|_| build(dir)).collect();
            let cold = &runs[0];
            let warm = runs[1..]
                .iter()
                .min_by(|a, b| a.wall.total_cmp(&b.wall))
                .expect("two rebuilds");
            let peak = runs.iter().map(|r| r.peak).fold(0.0, f64::max);
            let how = match mode {
                None => "",
                Some(false) => " (4 periods in YAML)",
                Some(true) => " (4 periods in one .xlsx)",
            };
            let files = count_files(&dir.join("output"));
            println!(
                "{n:>6} customers{how}: first build {:.3} s wall ({:.2} s user, {:.2} s sys), rebuild {:.3} s (best of 2), peak memory {peak:.1} MiB, {} files in {} folders",
                cold.wall, cold.user, cold.sys, warm.wall, files.0, files.1
            );
            println!("         steps of the first build: {}", cold.steps);
            println!("         steps of the rebuild:     {}", warm.steps);
        }
        if hugo && n >= 10_000 {
            compare_hugo(&root);
        }
    }
}

/// One build: wall, user and system seconds, peak resident MiB, and the
/// steps `DOSSIER_TIMINGS` printed.
struct Run {
    wall: f64,
    user: f64,
    sys: f64,
    peak: f64,
    steps: String,
}

/// Builds the site; returns its figures.
fn build(root: &Path) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.args(["build", "--quiet", "--root"])
        .arg(root)
        .env("DOSSIER_TIMINGS", "1");
    let (wall, figures, stderr) = timed(cmd);
    let steps: Vec<String> = stderr
        .lines()
        .filter_map(|l| {
            let (name, ms) = l.split_once(':')?;
            let ms = ms.trim().strip_suffix(" ms")?;
            Some(format!("{} {ms} ms", name.trim()))
        })
        .collect();
    Run {
        wall,
        user: figures.first().copied().unwrap_or(0.0),
        sys: figures.get(1).copied().unwrap_or(0.0),
        peak: figures.get(2).copied().unwrap_or(0.0) / 1024.0,
        steps: steps.join(", "),
    }
}

/// Runs `cmd` under `/usr/bin/time`: wall seconds, then user seconds,
/// system seconds and peak KiB, and the command's own stderr.
fn timed(cmd: Command) -> (f64, Vec<f64>, String) {
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%U %S %M"])
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .output()
        .expect("run /usr/bin/time");
    let wall = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        out.status.success(),
        "{:?} failed: {stderr}",
        cmd.get_program()
    );
    let figures = stderr
        .lines()
        .last()
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    (wall, figures, stderr)
}

/// Files and folders under `dir`.
fn count_files(dir: &Path) -> (usize, usize) {
    let (mut files, mut folders) = (0, 0);
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if e.file_type().is_dir() {
            folders += 1;
        } else {
            files += 1;
        }
    }
    (files, folders)
}

/// Builds the same customers as plain Hugo pages (front matter: the
/// customer's YAML; one page per customer and the list) on tmpfs and in
/// the default temporary folder, beside dossier on the same two places.
/// Skipped when `hugo` is not installed.
fn compare_hugo(root: &Path) {
    let Ok(v) = Command::new("hugo").arg("version").output() else {
        println!("         hugo: not installed, comparison skipped");
        return;
    };
    let version = String::from_utf8_lossy(&v.stdout);
    let version = version
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let places: Vec<(&str, std::path::PathBuf)> = [
        ("tmpfs", std::path::PathBuf::from("/dev/shm")),
        ("disk (/tmp)", std::path::PathBuf::from("/tmp")),
    ]
    .into_iter()
    .filter(|(_, p)| p.is_dir())
    .collect();
    for (place, base) in places {
        let dir = tempfile::tempdir_in(&base).expect("temporary folder");
        let place = format!("{place}:");
        // dossier, on this place.
        let site = dir.path().join("dossier");
        copy_dir(root, &site);
        let _ = std::fs::remove_dir_all(site.join("output"));
        let d = build(&site);
        // Hugo, on this place.
        let hugo_site = dir.path().join("hugo");
        hugo_generate(root, &hugo_site);
        let mut cmd = Command::new("hugo");
        cmd.args(["--quiet", "--source"]).arg(&hugo_site);
        let (h, figures, _) = timed(cmd);
        let files = count_files(&hugo_site.join("public"));
        println!(
            "         {place:<13} dossier {:.3} s ({:.1} MiB, {} files), {version} {h:.3} s ({:.1} MiB, {} files), ratio {:.2}",
            d.wall,
            d.peak,
            count_files(&site.join("output")).0,
            figures.get(2).copied().unwrap_or(0.0) / 1024.0,
            files.0,
            d.wall / h
        );
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = e.path().strip_prefix(from).expect("inside");
        if rel.starts_with("output") || rel.to_string_lossy().starts_with(".output") {
            continue;
        }
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("folder");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

/// The Hugo site: every customer file as a page whose front matter is the
/// customer's YAML, with layouts that show the same facts a dossier's
/// overview does (name, status, figures, contacts, notes).
fn hugo_generate(root: &Path, site: &Path) {
    let w = |rel: &str, text: &str| {
        let p = site.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("folder");
        std::fs::write(p, text).expect("write");
    };
    w(
        "hugo.toml",
        "baseURL = '/'\ntitle = 'Benchmark'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n",
    );
    w(
        "layouts/_default/baseof.html",
        "<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>\n",
    );
    w(
        "layouts/_default/single.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><p>{{ .Params.status }} · {{ .Params.market }} · {{ .Params.industry }}</p><table>{{ range .Params.metrics }}<tr><td>{{ .period }}</td><td>{{ .revenue }}</td><td>{{ .profit }}</td></tr>{{ end }}</table><ul>{{ range .Params.contacts }}<li>{{ .name }} ({{ .role }})</li>{{ end }}</ul>{{ .Content }}{{ end }}\n",
    );
    w(
        "layouts/_default/list.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Params.status }}</li>{{ end }}</ul>{{ end }}\n",
    );
    w("content/_index.md", "---\ntitle: Benchmark\n---\n");
    for e in std::fs::read_dir(root.join("content/customers")).expect("customers") {
        let e = e.expect("entry");
        let text = std::fs::read_to_string(e.path()).expect("read");
        let stem = e
            .path()
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .to_string();
        let notes = text
            .split("notes: |")
            .nth(1)
            .unwrap_or("")
            .replace("\n  ", "\n");
        w(
            &format!("content/customers/{stem}.md"),
            &format!("---\ntitle: \"{stem}\"\n{text}---\n{notes}\n"),
        );
    }
}

const COMPETITORS: [&str; 5] = [
    "alpha-training",
    "beta-consulting",
    "gamma-academy",
    "delta-learning",
    "epsilon-group",
];

/// Writes a site of `n` customers with every block filled in.
pub fn generate(root: &Path, n: usize) {
    generate_with(root, n, None);
}

/// `generate`, or with four periods of metrics (`Some`): in the YAML
/// files (`false`) or in one `content/data/metrics.xlsx` (`true`).
pub fn generate_with(root: &Path, n: usize, four_periods: Option<bool>) {
    let w = |rel: &str, text: &str| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w("dossier.yaml", "title: Benchmark\nas_of: 2026-11-22\n");
    w("content/company.yaml", &company());
    for (i, slug) in COMPETITORS.iter().enumerate() {
        w(
            &format!("content/competitors/{slug}.yaml"),
            &format!(
                "name: Competitor {i}\nmarket_share: 0.{i}\nswot:\n  strengths:\n    - {{ text: Brand, score: {} }}\n  weaknesses:\n    - {{ text: Price, score: 5 }}\n  opportunities:\n    - {{ text: Demand, score: 6 }}\n  threats:\n    - {{ text: Online, score: {} }}\n",
                3 + i,
                4 + i
            ),
        );
    }
    let mut rows: Vec<(String, String, String, String, String)> = Vec::new();
    for i in 0..n {
        let mut text = customer(i);
        if four_periods.is_some() {
            text = text.replacen(
                "metrics:\n",
                &format!(
                    "metrics:\n  - {{ period: \"2023\", revenue: {}, profit: {}, orders: 3 }}\n",
                    (i * 7919 % 1000) * 900,
                    (i * 7919 % 1000) * 200
                ),
                1,
            );
        }
        if four_periods == Some(true) {
            let slug = format!("customer-{i:05}");
            text = text
                .lines()
                .filter(|l| {
                    let Some(m) = l.strip_prefix("  - { period: \"") else {
                        return *l != "metrics:";
                    };
                    let field = |k: &str| {
                        m.split(", ")
                            .find_map(|f| f.strip_prefix(k))
                            .unwrap_or("")
                            .trim_end_matches(" }")
                            .to_string()
                    };
                    let period = m.split('"').next().unwrap_or("").to_string();
                    rows.push((
                        slug.clone(),
                        period,
                        field("revenue: "),
                        field("profit: "),
                        field("orders: "),
                    ));
                    false
                })
                .map(|l| format!("{l}\n"))
                .collect();
        }
        w(&format!("content/customers/customer-{i:05}.yaml"), &text);
    }
    if four_periods == Some(true) {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["customer", "period", "revenue", "profit", "orders"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for (r, (slug, period, revenue, profit, orders)) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            sheet.write_string(r, 0, slug).unwrap();
            sheet.write_string(r, 1, period).unwrap();
            for (c, v) in [(2, revenue), (3, profit), (4, orders)] {
                sheet.write_number(r, c, v.parse::<f64>().unwrap()).unwrap();
            }
        }
        let p = root.join("content/data/metrics.xlsx");
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        book.save(&p).unwrap();
    }
}

fn company() -> String {
    let mut s = String::from(
        "name: Bench Co.\ntype: Training\nswot:\n  strengths:\n    - { text: Trainers, score: 8 }\n  weaknesses:\n    - { text: Sales, score: 4 }\n  opportunities:\n    - { text: Demand, score: 7 }\n  threats:\n    - { text: Online, score: 5 }\n",
    );
    s.push_str("seven_s:\n  shared_values: Customer first\n");
    for (k, a) in [
        ("strategy", "strength"),
        ("structure", "weakness"),
        ("systems", "strength"),
        ("style", "strength"),
        ("staff", "weakness"),
        ("skills", "strength"),
    ] {
        let _ = writeln!(s, "  {k}: {{ assessment: {a}, notes: Some notes }}");
    }
    s.push_str("back:\n  baggage: [Old habits]\n  aspiration: [Lead the region]\n  culture: task\n  knowledge: [Sales training]\n");
    s.push_str("pestle:\n  political: [{ factor: Policy, impact: positive, weight: 3 }]\n  economic: [{ factor: Slowdown, impact: negative, weight: 4 }]\n");
    s.push_str("five_forces:\n");
    for k in [
        "rivalry",
        "new_entrants",
        "substitutes",
        "buyer_power",
        "supplier_power",
    ] {
        let _ = writeln!(s, "  {k}: {{ level: 3 }}");
    }
    s.push_str("obl:\n  departments:\n    - name: Training\n      items:\n        - { criterion: Punctuality, rating: E }\n        - { criterion: Materials, rating: S }\n  industry:\n    criteria: [Trainers, Marketing]\n    ratings:\n      self: [E, S]\n");
    for c in COMPETITORS {
        let _ = writeln!(s, "      {c}: [S, E]");
    }
    s
}

fn customer(i: usize) -> String {
    let status = match i % 10 {
        0 => "prospect",
        1 => "former",
        2 if i % 20 == 2 => "blacklisted",
        _ => "current",
    };
    let market = [
        "consumer",
        "producer",
        "intermediary",
        "government",
        "international",
    ][i % 5];
    let source = ["canvassing", "referral", "fair", "web", "agent"][i % 5];
    let lvl = |k: usize| if (i >> k) & 1 == 1 { "high" } else { "low" };
    let r = (i * 7919 % 1000) as f64;
    format!(
        r#"name: 客户 Customer {i}
status: {status}
reason: Reason for **{status}** customer {i}
reason_code: code-{rc}
source: {source}
market: {market}
industry: Manufacturing
region: Region {reg}
size: {{ employees: {emp}, revenue: {srev} }}
profile:
  scope: Makes parts for *automotive* customers.
  supply: Regional suppliers.
  strategy: Grow exports.
  process: Orders monthly.
business:
  profit_points: [Volume, Service]
  growth_points: [Exports]
  difficulties: [Cash flow]
needs: [Leadership training, Sales coaching]
price_only: {po}
metrics:
  - {{ period: "2024", revenue: {r1}, profit: {p1}, orders: 4 }}
  - {{ period: "2025", revenue: {r2}, profit: {p2}, orders: 5 }}
  - {{ period: "2026", revenue: {r3}, profit: {p3}, orders: 6 }}
value: {{ financial: {v1}, sales: {v2}, customer: {v3}, service: {v4} }}
satisfaction: {sat}
loyalty: {loy}
man: {{ money: {m}, authority: {a}, need: {nd} }}
trust: {trust}
objection: {obj}
contacts:
  - {{ name: 王经理 {i}, title: General manager, role: decision_maker, disc: D, notes: Prefers short meetings }}
  - {{ name: Li Na, title: HR lead, role: influencer, disc: I }}
  - {{ name: Zhang Wei, role: user, disc: S }}
deal: {{ plan: Propose a **pilot**, timeline: Q1, budget: 50000, competitors: [{comp}] }}
pains:
  - {{ scenario: New managers, problem: Turnover, pain: Lost sales, guidance: Coaching programme }}
swot:
  strengths: [{{ text: Loyal staff, score: 6 }}]
  weaknesses: [{{ text: Slow decisions, score: 4 }}]
last_contact: 2026-{lcm:02}-15
next_visit: 2026-12-{nv:02}
visits:
  - {{ date: 2026-{lcm:02}-15, by: Sales rep, notes: Discussed the pilot }}
notes: |
  Customer {i} notes with a list:

  - one
  - two
"#,
        rc = i % 4,
        reg = i % 12,
        emp = 50 + i % 900,
        srev = 1_000_000 + i * 13,
        po = i.is_multiple_of(17),
        r1 = 100_000.0 + r * 900.0,
        p1 = 10_000.0 + r * 50.0,
        r2 = 110_000.0 + r * 950.0,
        p2 = 12_000.0 + r * 40.0 - 9_000.0 * (i % 3) as f64,
        r3 = 120_000.0 + r * 1000.0,
        p3 = 11_000.0 + r * 45.0 - 15_000.0 * (i % 4) as f64,
        v1 = (i % 11) as f64,
        v2 = ((i * 3) % 11) as f64,
        v3 = ((i * 5) % 11) as f64,
        v4 = ((i * 7) % 11) as f64,
        sat = 1 + i % 5,
        loy = 1 + (i / 5) % 5,
        m = lvl(0),
        a = lvl(1),
        nd = lvl(2),
        trust = ["security", "value", "dependence"][i % 3],
        obj = [
            "deflecting",
            "no_need",
            "no_money",
            "no_time",
            "burned_before",
            "hesitating",
            "too_expensive"
        ][i % 7],
        comp = COMPETITORS[i % 5],
        lcm = 1 + i % 11,
        nv = 1 + i % 28,
    )
}
