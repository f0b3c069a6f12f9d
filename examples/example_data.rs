//! Writes `content/data/2024-sales.xlsx` of the example site: the 2024
//! metrics of some customers, as an ERP export would give them (the rest
//! of 2024 is in `content/data/2024-sales.csv`, the other periods in YAML).
//! Run from the repository root: `cargo run --example example_data`.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// Customer (slug or exact name), revenue, profit, orders.
const ROWS: [(&str, f64, f64, f64); 5] = [
    ("hebei-hengtong-autoparts", 1_520_000.0, 520_000.0, 17.0),
    ("rheinland-precision-taicang", 860_000.0, 250_000.0, 6.0),
    ("shanghai-meridian-retail", 880_000.0, 310_000.0, 11.0),
    ("tianjin-bohai-logistics", 520_000.0, 140_000.0, 6.0),
    ("open-enrolment-learners", 210_000.0, 40_000.0, 85.0),
];

fn main() -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    // A fixed creation time: the same script writes the same bytes.
    book.set_properties(
        &DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2025, 1, 15)?),
    );
    let sheet = book.add_worksheet();
    sheet.set_name("2024")?;
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0");
    for (c, h) in ["客户", "期间", "销售额", "利润", "订单"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, (customer, revenue, profit, orders)) in ROWS.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, *customer)?;
        sheet.write_string(r, 1, "2024")?;
        sheet.write_number_with_format(r, 2, *revenue, &money)?;
        sheet.write_number_with_format(r, 3, *profit, &money)?;
        sheet.write_number(r, 4, *orders)?;
    }
    sheet.set_column_width(0, 32)?;
    sheet.set_freeze_panes(1, 0)?;
    book.save("content/data/2024-sales.xlsx")
}
