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
        xlsx(&[(
            "2027",
            &[
                &["customer", "period", "revenue", "profit", "orders"],
                &["Alpah Ltd", "2027", "10", "1", ""],
                &["beta", "2027", "1.2万", "1", ""],
                &["gamma", "2027", "10", "12%", "2.5"],
            ],
        )]),
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
