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
//! Targets on a 2-core machine: 10,000 customers in at most 1.5 s and
//! 250 MiB.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let xlsx = std::env::args().any(|a| a == "xlsx");
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000]
    } else {
        sizes
    };
    // DOSSIER_BENCH_KEEP=DIR generates the site into DIR/<n> and keeps it,
    // for profiling a build by hand.
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
            let _ = std::fs::remove_dir_all(&root);
            generate_with(&root, n, *mode);
            let dir = &root;
            let runs: Vec<(f64, f64)> = (0..3).map(|_| build(dir)).collect();
            let cold = runs[0].0;
            let warm = runs[1..].iter().map(|r| r.0).fold(f64::INFINITY, f64::min);
            let peak = runs.iter().map(|r| r.1).fold(0.0, f64::max);
            let how = match mode {
                None => "",
                Some(false) => " (4 periods in YAML)",
                Some(true) => " (4 periods in one .xlsx)",
            };
            println!(
                "{n:>6} customers{how}: first build {cold:.3} s, rebuild {warm:.3} s wall (best of 2), peak memory {peak:.1} MiB"
            );
        }
    }
}

/// Builds the site; returns (wall seconds, peak resident MiB).
fn build(root: &Path) -> (f64, f64) {
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root"])
        .arg(root)
        .output()
        .expect("run /usr/bin/time dossier build");
    let wall = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "build failed: {stderr}");
    let kib: f64 = stderr
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0.0);
    (wall, kib / 1024.0)
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
