//! Spreadsheets of `content/data/` (issue 16): CSV and Excel rows become
//! customers' metrics and targets; conflicts with YAML, unknown customers
//! and bad cells are located at their cell.

mod common;
use common::{TestSite, has_diagnostic};
use serde_json::Value;

fn analysis(site: &TestSite) -> Value {
    serde_json::from_str(&site.output("data/analysis.json")).unwrap()
}

/// The territories site, whose customers have metrics up to 2026.
fn site() -> TestSite {
    TestSite::fixture("territories")
}

fn xlsx(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                // Numbers are written as numbers, as an ERP export does.
                match cell.parse::<f64>() {
                    Ok(n) => sheet.write_number(r as u32, c as u16, n).map(|_| ()),
                    Err(_) if cell.is_empty() => Ok(()),
                    Err(_) => sheet.write_string(r as u32, c as u16, *cell).map(|_| ()),
                }
                .unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn csv_rows_become_the_latest_period_of_their_customers() {
    let site = site();
    // A BOM, Chinese headers, names and slugs, thousands separators, a
    // currency sign, an empty row and a totals row.
    site.write(
        "content/data/sales.csv",
        "\u{feff}客户,期间,销售额,利润,订单\n\
         Alpha Ltd,2027,\"1,500\",¥700,12\n\
         ,,,,\n\
         beta,2027,300,100,\n\
         合计,,\"1,800\",800,12\n",
    );
    let run = site.build();
    run.ok();
    let a = analysis(&site);
    assert_eq!(a["customers"]["alpha"]["revenue"], 1500.0);
    assert_eq!(a["customers"]["alpha"]["profit"], 700.0);
    // The YAML target for 2027 is now measured.
    assert_eq!(a["customers"]["alpha"]["target"], 1400.0);
    assert_eq!(a["customers"]["beta"]["revenue"], 300.0);
}

#[test]
fn an_older_period_from_a_spreadsheet_is_sorted_before_the_yaml_ones() {
    let site = site();
    site.write(
        "content/data/old.csv",
        "customer,period,revenue,profit\nalpha,2024,100,50\n",
    );
    site.build().ok();
    let a = analysis(&site);
    assert_eq!(
        a["customers"]["alpha"]["revenue"], 1000.0,
        "2026 stays the latest"
    );
    let page = site.output("markdown/customers/alpha.md");
    let (at_2024, at_2025) = (page.find("2024"), page.find("2025"));
    assert!(at_2024.is_some() && at_2024 < at_2025, "{page}");
}

fn plan_config() -> &'static str {
    "title: Territories\nas_of: 2026-11-22\ndata:\n  plan.xlsx:\n    columns: { customer: Kunde, revenue: Umsatz, profit: Gewinn, revenue_target: Ziel }\n    sheets:\n      \"2027\": { period: \"2027\" }\n      Notes: { skip: true }\n"
}

#[test]
fn xlsx_sheets_give_metrics_and_targets_with_configured_columns() {
    let site = site();
    site.write(
        "content/data/plan.xlsx",
        xlsx(&[
            (
                "2027",
                &[
                    &["Plan 2027 (exported 2026-11-20)"],
                    &[],
                    &["Kunde", "Umsatz", "Gewinn", "Ziel"],
                    &["Alpha Ltd", "2000", "900", ""],
                    &["gamma", "50", "5", "80"],
                ],
            ),
            ("Notes", &[&["anything", "goes"]]),
        ]),
    );
    site.write("dossier.yaml", plan_config());
    site.build().ok();
    let a = analysis(&site);
    assert_eq!(a["customers"]["alpha"]["revenue"], 2000.0);
    assert_eq!(a["customers"]["alpha"]["target"], 1400.0, "from YAML");
    assert_eq!(a["customers"]["gamma"]["revenue"], 50.0);
    assert_eq!(a["customers"]["gamma"]["target"], 80.0, "from the sheet");
}

#[test]
fn a_period_in_yaml_and_a_spreadsheet_is_an_error_naming_both() {
    let site = site();
    site.write(
        "content/data/plan.xlsx",
        xlsx(&[
            (
                "2027",
                &[
                    &["Kunde", "Umsatz", "Gewinn", "Ziel"],
                    &["Alpha Ltd", "2000", "900", "2500"],
                ],
            ),
            ("Notes", &[]),
        ]),
    );
    site.write("dossier.yaml", plan_config());
    site.write(
        "content/data/sales.csv",
        "customer,period,revenue,profit\nbeta,2026,1,1\n",
    );
    let run = site.build();
    let err = run.stderr();
    assert!(!run.0.status.success());
    assert!(
        has_diagnostic(
            &err,
            "content/data/plan.xlsx[2027]:A2",
            "the target of `alpha` for period `2027` is given twice: here and in content/customers/alpha.yaml (`targets`)"
        ),
        "{err}"
    );
    assert!(
        has_diagnostic(
            &err,
            "content/data/sales.csv:A2",
            "the metrics of `beta` for period `2026` are given twice: here and in content/customers/beta.yaml (`metrics`)"
        ),
        "{err}"
    );
}

#[test]
fn unknown_customers_and_bad_cells_are_located_all_in_one_run() {
    let site = site();
    site.write(
        "content/data/sales.xlsx",
        xlsx(&[
            (
                "2027",
                &[
                    &["customer", "period", "revenue", "profit", "orders"],
                    &["Alpah Ltd", "2027", "10", "1", ""],
                    &["beta", "2027", "1.2万", "1", ""],
                    &["gamma", "2027", "10", "12%", "2.5"],
                ],
            ),
            ("Notes", &[&["Exported from the ERP on Monday"]]),
        ]),
    );
    site.write(
        "content/data/more.csv",
        "客户,期间,销售额,利润\ngamma,2028,\"1,85,000\",1\n",
    );
    let run = site.build();
    let err = run.stderr();
    assert!(!run.0.status.success());
    for (at, msg) in [
        (
            "content/data/sales.xlsx[2027]:A2",
            "unknown customer `Alpah Ltd`",
        ),
        (
            "content/data/sales.xlsx[2027]:C3",
            "the revenue is not a number (\"1.2万\")",
        ),
        (
            "content/data/sales.xlsx[2027]:D4",
            "the profit is not a number (\"12%\")",
        ),
        (
            "content/data/sales.xlsx[2027]:E4",
            "the number of orders is not a whole number (2.5)",
        ),
        (
            "content/data/more.csv:C2",
            "the revenue is not a number (\"1,85,000\")",
        ),
    ] {
        assert!(has_diagnostic(&err, at, msg), "{at}: {msg}\n{err}");
    }
    assert!(err.contains("did you mean `Alpha Ltd`?"), "{err}");
    // A sheet without any known column is left out with a warning.
    assert!(
        has_diagnostic(
            &err,
            "content/data/sales.xlsx[Notes]:A1",
            "ignored: this sheet has no column dossier reads"
        ),
        "{err}"
    );
    assert!(
        err.contains("write the whole amount: 12000 for 1.2万"),
        "{err}"
    );
    // The row is shown under the header.
    assert!(err.contains("3 | beta | 2027 | 1.2万 | 1"), "{err}");
}

#[test]
fn a_gbk_csv_is_explained() {
    let site = site();
    let (gbk, _, _) = encoding_rs::GBK.encode("客户,期间,销售额,利润\nbeta,2027,1,1\n");
    site.write("content/data/gbk.csv", gbk);
    let run = site.build();
    let err = run.stderr();
    assert!(
        has_diagnostic(&err, "content/data/gbk.csv", "it looks like GBK"),
        "{err}"
    );
    assert!(err.contains("CSV UTF-8"), "{err}");
}

#[test]
fn settings_for_a_missing_file_or_sheet_are_errors() {
    let site = site();
    site.write(
        "content/data/plan.xlsx",
        xlsx(&[("2027", &[&["Kunde", "Umsatz", "Gewinn", "Ziel"]])]),
    );
    site.write(
        "dossier.yaml",
        format!("{}  plan.xslx: {{ period: 2027 }}\n", plan_config()),
    );
    let run = site.build();
    let err = run.stderr();
    assert!(
        has_diagnostic(
            &err,
            "content/data/plan.xlsx",
            "settings for the sheet `Notes`"
        ),
        "{err}"
    );
    assert!(
        has_diagnostic(
            &err,
            "dossier.yaml:9:3",
            "there is no content/data/plan.xslx"
        ),
        "{err}"
    );
    assert!(err.contains("did you mean `plan.xlsx`?"), "{err}");
}

/// Reads a sheet of `output/data/analysis.xlsx` back.
fn read_sheet(site: &TestSite, name: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let bytes = std::fs::read(site.path("output/data/analysis.xlsx")).unwrap();
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("{name}: {e}; sheets {:?}", book.sheet_names()));
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

fn number(d: &calamine::Data) -> Option<f64> {
    match d {
        calamine::Data::Float(f) => Some(*f),
        calamine::Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn text(d: &calamine::Data) -> String {
    d.to_string()
}

#[test]
fn analysis_xlsx_has_the_numbers_of_analysis_json() {
    let site = site();
    // Issue 12 (seed 004): the loyalty category and closeness columns.
    let alpha = std::fs::read_to_string(site.path("content/customers/alpha.yaml")).unwrap();
    site.write(
        "content/customers/alpha.yaml",
        format!("{alpha}loyalty_category: long_term_loyal\ncloseness: working\n"),
    );
    site.build().ok();
    let a = analysis(&site);
    let rows = read_sheet(&site, "Customers");
    let header: Vec<String> = rows[0].iter().map(text).collect();
    let col = |h: &str| {
        header
            .iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("{h} in {header:?}"))
    };
    for slug in ["alpha", "beta", "gamma"] {
        let name = site_name(&site, slug);
        let row = rows
            .iter()
            .find(|r| text(&r[0]) == name)
            .unwrap_or_else(|| panic!("{name} in the Customers sheet"));
        let c = &a["customers"][slug];
        assert_eq!(
            number(&row[col("Latest revenue")]),
            c["revenue"].as_f64(),
            "{slug}"
        );
        assert_eq!(
            number(&row[col("Latest profit")]),
            c["profit"].as_f64(),
            "{slug}"
        );
        assert_eq!(number(&row[col("Target")]), c["target"].as_f64(), "{slug}");
        assert_eq!(
            number(&row[col("Attainment")]),
            c["attainment"].as_f64(),
            "{slug}"
        );
        assert_eq!(number(&row[col("Decile")]), c["decile"].as_f64(), "{slug}");
    }
    assert_eq!(rows.len() - 1, a["customers"].as_object().unwrap().len());
    // Labels, not keys.
    let alpha = rows.iter().find(|r| text(&r[0]) == "Alpha Ltd").unwrap();
    assert_eq!(text(&alpha[col("Relationship")]), "Retain");
    assert_eq!(text(&alpha[col("Risks")]), "Losing value");
    assert_eq!(
        text(&alpha[col("Loyalty behaviour")]),
        "Long-term loyal customer"
    );
    assert_eq!(text(&alpha[col("Closeness")]), "Close working relationship");
    let watch = read_sheet(&site, "Watchlist");
    assert_eq!(watch.len() - 1, a["watchlist"].as_array().unwrap().len());
    let owners = read_sheet(&site, "Account managers");
    for (i, o) in a["owners"].as_array().unwrap().iter().enumerate() {
        assert_eq!(number(&owners[i + 1][3]), o["revenue"].as_f64());
        assert_eq!(number(&owners[i + 1][5]), o["attainment"].as_f64());
    }
    let deciles = read_sheet(&site, "Decile");
    for (i, d) in a["deciles"]["by_customers"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        assert_eq!(number(&deciles[i + 1][4]), d["revenue_share"].as_f64());
    }
}

fn site_name(site: &TestSite, slug: &str) -> String {
    let text =
        std::fs::read_to_string(site.path(&format!("content/customers/{slug}.yaml"))).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("name: "))
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn analysis_xlsx_is_in_the_site_language_and_byte_identical() {
    let site = site();
    site.write(
        "dossier.yaml",
        "title: Territories\nas_of: 2026-11-22\nlanguage: zh-CN\n",
    );
    site.build().ok();
    let first = std::fs::read(site.path("output/data/analysis.xlsx")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::remove_dir_all(site.path("output")).unwrap();
    site.build().ok();
    let second = std::fs::read(site.path("output/data/analysis.xlsx")).unwrap();
    assert!(first == second, "two builds wrote different workbooks");
    use calamine::Reader;
    let book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(first)).unwrap();
    assert!(
        book.sheet_names().iter().any(|s| s == "客户"),
        "{:?}",
        book.sheet_names()
    );
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git is installed");
    assert!(out.status.success(), "git {args:?}");
}

#[test]
fn diff_shows_the_changes_a_new_export_causes() {
    let site = site();
    site.write(".gitignore", "output/\n");
    git(site.root(), &["init", "-q"]);
    for (k, v) in [
        ("user.name", "Test"),
        ("user.email", "test@example.com"),
        ("commit.gpgsign", "false"),
    ] {
        git(site.root(), &["config", k, v]);
    }
    git(site.root(), &["add", "-A"]);
    git(site.root(), &["commit", "-q", "-m", "v1"]);
    git(site.root(), &["tag", "v1"]);
    site.write(
        "content/data/erp.xlsx",
        xlsx(&[(
            "Export",
            &[
                &["客户", "期间", "收入", "利润"],
                &["gamma", "2027", "5000", "3000"],
            ],
        )]),
    );
    git(site.root(), &["add", "-A"]);
    git(site.root(), &["commit", "-q", "-m", "v2"]);
    git(site.root(), &["tag", "v2"]);
    let out = site.run(&["diff", "v1", "v2"]).ok();
    assert!(out.contains("- Gamma Group (`gamma`): ABC B → A"), "{out}");
}
