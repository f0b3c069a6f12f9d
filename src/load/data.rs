//! Spreadsheets of `content/data/`: CSV, Excel (`.xlsx`, `.xlsm`, `.xls`)
//! and OpenDocument (`.ods`) files whose rows give customers' `metrics`
//! and `targets`, merged into the customers read from YAML as if written
//! there (docs/format.md, "Spreadsheets").
//!
//! A problem in a cell is reported at its address, as Excel shows it:
//! `content/data/sales.xlsx[2026]:B17` (file, sheet, column and row), with
//! the header and the row shown. Every problem of every file is reported.

use super::{CUSTOMERS_DIR, Diagnostic, Source};
use crate::config::{Config, DataColumns, DataFile};
use crate::model::Customer;
use crate::model::customer::{Metric, Target};
use crate::model::scalars::{Amount, Label, Money};
use std::collections::{BTreeMap, HashMap};

pub const DATA_DIR: &str = "content/data";

/// The extensions read as spreadsheets (in any case).
const EXTENSIONS: [&str; 5] = ["csv", "xlsx", "xlsm", "xls", "ods"];

/// A cell as read, whatever the file format.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Number(f64),
    Text(String),
    /// A date, a boolean or an error value (`#DIV/0!`), as shown.
    Other(String),
}

impl Cell {
    fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number(n) => format_number(*n),
            Cell::Text(t) | Cell::Other(t) => t.clone(),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// One sheet (or a CSV file): its label for diagnostics and its rows,
/// each with its 1-based row number.
struct Table {
    /// `content/data/sales.xlsx[2026]` or `content/data/sales.csv`.
    label: String,
    /// The sheet's name; `None` for a CSV file.
    sheet: Option<String>,
    /// 0-based column of the first cell of each row.
    first_col: usize,
    rows: Vec<(usize, Vec<Cell>)>,
}

/// The fields a column can give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Customer,
    Period,
    Revenue,
    Profit,
    Orders,
    RevenueTarget,
    ProfitTarget,
}

const FIELDS: [Field; 7] = [
    Field::Customer,
    Field::Period,
    Field::Revenue,
    Field::Profit,
    Field::Orders,
    Field::RevenueTarget,
    Field::ProfitTarget,
];

impl Field {
    fn key(self) -> &'static str {
        match self {
            Field::Customer => "customer",
            Field::Period => "period",
            Field::Revenue => "revenue",
            Field::Profit => "profit",
            Field::Orders => "orders",
            Field::RevenueTarget => "revenue_target",
            Field::ProfitTarget => "profit_target",
        }
    }

    /// The headers that name this field when `columns` does not say
    /// (compared without case, spaces, `_` and `-`).
    fn defaults(self) -> &'static [&'static str] {
        match self {
            Field::Customer => &[
                "customer",
                "customers",
                "client",
                "account",
                "slug",
                "客户",
                "客户名称",
                "客户名",
                "顧客",
                "客戶",
                "客戶名稱",
            ],
            Field::Period => &[
                "period",
                "year",
                "fiscalyear",
                "期间",
                "期間",
                "年度",
                "年份",
                "会计期间",
            ],
            Field::Revenue => &[
                "revenue",
                "sales",
                "turnover",
                "销售额",
                "收入",
                "营业收入",
                "销售收入",
                "銷售額",
                "營業收入",
            ],
            Field::Profit => &["profit", "grossprofit", "利润", "毛利", "利潤"],
            Field::Orders => &[
                "orders",
                "ordercount",
                "订单",
                "订单数",
                "订单量",
                "訂單",
                "訂單數",
            ],
            Field::RevenueTarget => &[
                "revenuetarget",
                "salestarget",
                "target",
                "目标",
                "销售目标",
                "销售额目标",
                "收入目标",
                "目標",
                "銷售目標",
            ],
            Field::ProfitTarget => &["profittarget", "利润目标", "利潤目標"],
        }
    }

    fn configured(self, c: &DataColumns) -> Option<&str> {
        match self {
            Field::Customer => c.customer.as_deref(),
            Field::Period => c.period.as_deref(),
            Field::Revenue => c.revenue.as_deref(),
            Field::Profit => c.profit.as_deref(),
            Field::Orders => c.orders.as_deref(),
            Field::RevenueTarget => c.revenue_target.as_deref(),
            Field::ProfitTarget => c.profit_target.as_deref(),
        }
    }
}

fn norm_header(h: &str) -> String {
    h.trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The spreadsheets of `content/data/`, read and parsed: the part of the
/// work that needs no customer, so it runs beside the loading of the
/// customer files.
pub struct Parsed {
    /// Each spreadsheet (its name under `content/data/`) with its tables.
    files: Vec<(String, Vec<Table>)>,
    diags: Vec<Diagnostic>,
}

/// Reads and parses every spreadsheet of `content/data/`.
pub fn parse(src: &dyn Source, config: &Config) -> Parsed {
    let mut diags = Vec::new();
    let files = src.list(DATA_DIR);
    check_configured_files(src, config, &files, &mut diags);
    let mut parsed = Vec::new();
    for rel in &files {
        if rel
            .split('/')
            .any(|p| super::is_ignored(p) || p.starts_with("~$"))
        {
            continue;
        }
        let path = format!("{DATA_DIR}/{rel}");
        let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        let Some(ext) = ext.filter(|e| EXTENSIONS.contains(&e.as_str())) else {
            diags.push(
                Diagnostic::file_error(&path, "ignored: this file is not a spreadsheet dossier reads")
                    .into_warning()
                    .with_help("content/data/ holds `.csv`, `.xlsx`, `.xls` and `.ods` files; move other files elsewhere"),
            );
            continue;
        };
        let settings = config.data.get(rel.as_str());
        let bytes = match src.read(&path) {
            Some(Ok(b)) => b,
            Some(Err(e)) => {
                diags.push(Diagnostic::file_error(
                    &path,
                    format!("cannot read the file: {e}"),
                ));
                continue;
            }
            None => continue,
        };
        let tables = if ext == "csv" {
            read_csv(&path, bytes).map(|t| vec![t])
        } else {
            read_workbook(&path, bytes, settings, &mut diags)
        };
        match tables {
            Ok(tables) => parsed.push((rel.clone(), tables)),
            Err(d) => diags.push(d),
        }
    }
    Parsed {
        files: parsed,
        diags,
    }
}

/// Merges the rows of the spreadsheets `parsed` into `customers` (sorted
/// by slug). Problems go to `diags`.
pub fn merge(
    parsed: Parsed,
    src: &dyn Source,
    config: &Config,
    customers: &mut [(String, std::sync::Arc<Customer>)],
    diags: &mut Vec<Diagnostic>,
) {
    let Parsed {
        files,
        diags: mut read,
    } = parsed;
    diags.append(&mut read);
    if files.is_empty() {
        return;
    }
    // Slugs of every customer file, even one that failed to parse, so its
    // rows are not reported as unknown customers on top of its own error.
    let listed: Vec<String> = src
        .list(CUSTOMERS_DIR)
        .iter()
        .filter_map(|f| {
            let (stem, ext) = f.rsplit_once('.')?;
            (ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"))
                .then(|| stem.to_string())
        })
        .collect();
    let index = CustomerIndex::new(customers, &listed);
    let mut rows: Vec<Row> = Vec::new();
    for (rel, tables) in files {
        let settings = config.data.get(rel.as_str());
        for table in tables {
            let sheet_cfg = table
                .sheet
                .as_ref()
                .and_then(|s| settings.and_then(|f| f.sheets.get(s)));
            if sheet_cfg.is_some_and(|s| s.skip) {
                continue;
            }
            let period = sheet_cfg
                .and_then(|s| s.period.clone())
                .or_else(|| settings.and_then(|f| f.period.clone()));
            let columns =
                merged_columns(settings.map(|f| &f.columns), sheet_cfg.map(|s| &s.columns));
            read_rows(&table, &columns, period, &index, &mut rows, diags);
        }
    }
    apply(rows, customers, diags);
}

/// Settings naming a file or sheet that does not exist are errors.
fn check_configured_files(
    src: &dyn Source,
    config: &Config,
    files: &[String],
    diags: &mut Vec<Diagnostic>,
) {
    for name in config.data.keys() {
        if files.iter().any(|f| f == name) {
            continue;
        }
        let text = src
            .read(super::CONFIG_FILE)
            .and_then(Result::ok)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let (line, col) = super::locate::locate(
            &text,
            &[
                super::locate::Seg::Key("data"),
                super::locate::Seg::Key(name),
            ],
        );
        let near = closest(name, files.iter().map(String::as_str));
        let help = match near {
            Some(n) => format!(
                "did you mean `{n}`? Settings under `data:` are keyed by the file name in content/data/"
            ),
            None => "put the file in content/data/, or remove its settings from `data:`".into(),
        };
        let msg = format!("`data:` has settings for `{name}`, but there is no {DATA_DIR}/{name}");
        let d = if line > 0 {
            Diagnostic::error(super::CONFIG_FILE, &text, line, col, msg)
        } else {
            Diagnostic::file_error(super::CONFIG_FILE, msg)
        };
        diags.push(d.with_help(help));
    }
}

fn merged_columns(file: Option<&DataColumns>, sheet: Option<&DataColumns>) -> DataColumns {
    let pick = |f: fn(&DataColumns) -> &Option<String>| {
        sheet
            .and_then(|s| f(s).clone())
            .or_else(|| file.and_then(|c| f(c).clone()))
    };
    DataColumns {
        customer: pick(|c| &c.customer),
        period: pick(|c| &c.period),
        revenue: pick(|c| &c.revenue),
        profit: pick(|c| &c.profit),
        orders: pick(|c| &c.orders),
        revenue_target: pick(|c| &c.revenue_target),
        profit_target: pick(|c| &c.profit_target),
    }
}

/// A CSV file as one table. A UTF-8 byte-order mark is dropped; GBK text
/// (a Chinese Excel's "CSV" export) is read as GBK, with a warning.
fn read_csv(path: &str, bytes: Vec<u8>) -> Result<Table, Diagnostic> {
    let text = match super::decode(path, Ok(bytes)) {
        Ok(t) => t,
        Err(d) if d.message.contains("GBK") => {
            return Err(Diagnostic::file_error(
                path,
                "the file is not UTF-8 text: it looks like GBK (a CSV saved by a Chinese Excel)",
            )
            .with_help("in Excel, File > Save As, and choose \"CSV UTF-8 (Comma delimited)\"; or keep the workbook as .xlsx in content/data/, which has no encoding problem"));
        }
        Err(d) => return Err(d),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        match record {
            Ok(r) => rows.push((
                i + 1,
                r.iter()
                    .map(|f| {
                        if f.trim().is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(f.to_string())
                        }
                    })
                    .collect(),
            )),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                let d = if line > 0 {
                    Diagnostic::error(path, &text, line, 1, format!("this is not valid CSV: {e}"))
                } else {
                    Diagnostic::file_error(path, format!("this is not valid CSV: {e}"))
                };
                return Err(d.with_help("check the quotes of this line: a field with a comma or a line break is written between double quotes, and a quote inside it is doubled"));
            }
        }
    }
    Ok(Table {
        label: path.to_string(),
        sheet: None,
        first_col: 0,
        rows,
    })
}

/// Every sheet of a workbook, in the workbook's order.
fn read_workbook(
    path: &str,
    bytes: Vec<u8>,
    settings: Option<&DataFile>,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<Table>, Diagnostic> {
    use calamine::Reader;
    let unreadable = |e: String| {
        Diagnostic::file_error(path, format!("cannot read the workbook: {e}")).with_help(
            "open it in Excel or LibreOffice and save it again as .xlsx; a password-protected workbook cannot be read",
        )
    };
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| unreadable(e.to_string()))?;
    let names = book.sheet_names();
    if let Some(f) = settings {
        for configured in f.sheets.keys() {
            if !names.contains(configured) {
                diags.push(Diagnostic::file_error(
                    path,
                    format!("`data:` in dossier.yaml has settings for the sheet `{configured}`, which this workbook does not have"),
                )
                .with_help(format!("the sheets are {}", ticked(&names))));
            }
        }
    }
    let mut tables = Vec::new();
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| unreadable(e.to_string()))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, r)| {
                (
                    row0 as usize + i + 1,
                    r.iter().map(cell_of).collect::<Vec<_>>(),
                )
            })
            .collect();
        tables.push(Table {
            label: format!("{path}[{name}]"),
            sheet: Some(name),
            first_col: col0 as usize,
            rows,
        });
    }
    Ok(tables)
}

fn cell_of(d: &calamine::Data) -> Cell {
    use calamine::Data;
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Other(if *b { "TRUE".into() } else { "FALSE".into() }),
        Data::DateTime(d) => Cell::Other(format!("a date ({})", d.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Other(s.clone()),
        Data::Error(e) => Cell::Other(format!("#{e:?}")),
    }
}

/// `B17`: the column letters of 0-based `col`, then the row.
pub fn cell_address(col: usize, row: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push((b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &row.to_string()
}

/// Customers by slug and by name.
struct CustomerIndex {
    by_key: HashMap<String, String>,
    /// (slug, name) of every customer, for suggestions.
    known: Vec<(String, String)>,
}

impl CustomerIndex {
    fn new(customers: &[(String, std::sync::Arc<Customer>)], listed: &[String]) -> Self {
        let mut by_key = HashMap::new();
        let mut known = Vec::new();
        for slug in listed {
            by_key.insert(slug.clone(), slug.clone());
        }
        for (slug, c) in customers {
            by_key
                .entry(c.name.trim().to_string())
                .or_insert_with(|| slug.clone());
            known.push((slug.clone(), c.name.clone()));
        }
        CustomerIndex { by_key, known }
    }

    fn find(&self, given: &str) -> Option<&String> {
        self.by_key.get(given.trim())
    }

    fn suggestion(&self, given: &str) -> Option<String> {
        let words = self
            .known
            .iter()
            .flat_map(|(s, n)| [s.as_str(), n.as_str()]);
        closest(given, words)
    }
}

fn closest<'a>(given: &str, words: impl Iterator<Item = &'a str>) -> Option<String> {
    let g = given.trim().to_lowercase();
    words
        .map(|w| {
            (
                strsim::normalized_damerau_levenshtein(&g, &w.to_lowercase()),
                w,
            )
        })
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, w)| w.to_string())
}

fn ticked(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One row read: its customer, period, metric and target, and where.
struct Row {
    slug: String,
    period: Label,
    metric: Option<Metric>,
    target: Option<Target>,
    /// `content/data/sales.xlsx[2026]:A17`.
    place: String,
}

/// Words of a totals row's label (compared without case).
const TOTALS: [&str; 10] = [
    "total",
    "totals",
    "sum",
    "grand total",
    "合计",
    "总计",
    "小计",
    "合計",
    "總計",
    "summe",
];

fn is_totals(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let t = t.trim_end_matches([':', '：']);
    TOTALS.contains(&t)
}

/// Reads the rows of `table` after its header row.
fn read_rows(
    table: &Table,
    columns: &DataColumns,
    period: Option<Label>,
    index: &CustomerIndex,
    out: &mut Vec<Row>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(header_at) = table
        .rows
        .iter()
        .position(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
    else {
        if table.sheet.is_none() {
            diags.push(
                Diagnostic::file_error(&table.label, "the file has no rows")
                    .into_warning()
                    .with_help("export the data again, or delete the empty file"),
            );
        }
        return;
    };
    // A title above the table ("Sales 2026", an export date) is skipped:
    // the header row is the first of the first ten non-empty rows that
    // has the customer column's header.
    let customer_header: Vec<String> = match &columns.customer {
        Some(c) => vec![norm_header(c)],
        None => Field::Customer
            .defaults()
            .iter()
            .map(|d| norm_header(d))
            .collect(),
    };
    let header_at = table.rows[header_at..]
        .iter()
        .enumerate()
        .filter(|(_, (_, cells))| cells.iter().any(|c| !c.is_empty()))
        .take(10)
        .find(|(_, (_, cells))| {
            cells
                .iter()
                .any(|c| customer_header.contains(&norm_header(&c.shown())))
        })
        .map_or(header_at, |(i, _)| header_at + i);
    let (header_row, header) = &table.rows[header_at];
    let header_text: Vec<String> = header.iter().map(Cell::shown).collect();
    let header_line = header_text.join(" | ");
    let at = |col: usize, row: usize| {
        format!(
            "{}:{}",
            table.label,
            cell_address(table.first_col + col, row)
        )
    };
    let row_diag = |col: usize, row: usize, cells: &[Cell], msg: String| {
        let mut d = Diagnostic::file_error(&at(col, row), msg);
        d.snippet = vec![
            (*header_row, header_line.clone()),
            (
                row,
                cells
                    .iter()
                    .map(Cell::shown)
                    .collect::<Vec<_>>()
                    .join(" | "),
            ),
        ];
        d
    };
    let mut col_of: BTreeMap<Field, usize> = BTreeMap::new();
    let normed: Vec<String> = header_text.iter().map(|h| norm_header(h)).collect();
    for field in FIELDS {
        let found = match field.configured(columns) {
            Some(name) => {
                let want = norm_header(name);
                let found = normed.iter().position(|h| *h == want);
                if found.is_none() {
                    diags.push(
                        Diagnostic::file_error(
                            &at(0, *header_row),
                            format!("no column `{name}`, which dossier.yaml names as the {} column", field.key()),
                        )
                        .with_help(format!(
                            "the headers of row {header_row} are {}; correct `data:` in dossier.yaml",
                            ticked(&header_text)
                        )),
                    );
                    return;
                }
                found
            }
            None => normed
                .iter()
                .position(|h| field.defaults().iter().any(|d| norm_header(d) == *h)),
        };
        if let Some(c) = found {
            col_of.insert(field, c);
        }
    }
    if col_of.is_empty() {
        // Notes, a pivot table, a chart: no column dossier knows.
        let what = if table.sheet.is_some() {
            "sheet"
        } else {
            "file"
        };
        let skip = match &table.sheet {
            Some(s) => format!(
                "; to silence this, set `data: {{ {}: {{ sheets: {{ \"{s}\": {{ skip: true }} }} }} }}` in dossier.yaml",
                file_name(&table.label)
            ),
            None => String::new(),
        };
        diags.push(
            row_diag(0, *header_row, header, format!("ignored: this {what} has no column dossier reads"))
                .into_warning()
                .with_help(format!(
                    "name the columns customer, period, revenue, profit (or 客户, 期间, 销售额, 利润), or say which header is which under `data:` in dossier.yaml{skip}"
                )),
        );
        return;
    }
    let needs = |f: Field| !col_of.contains_key(&f);
    let mut missing = Vec::new();
    if needs(Field::Customer) {
        missing.push("customer (客户)");
    }
    if needs(Field::Period) && period.is_none() {
        missing.push("period (期间)");
    }
    if needs(Field::Revenue) && needs(Field::RevenueTarget) {
        missing.push("revenue (销售额) or a revenue target (目标)");
    }
    if !missing.is_empty() {
        let where_ = match &table.sheet {
            Some(s) => format!(
                "`data: {{ {}: {{ sheets: {{ {s}: {{ columns: ... }} }} }} }}`",
                file_name(&table.label)
            ),
            None => format!(
                "`data: {{ {}: {{ columns: ... }} }}`",
                file_name(&table.label)
            ),
        };
        let msg = format!("the header row has no column for {}", missing.join(", "));
        let d = row_diag(0, *header_row, header, msg).with_help(format!(
            "name the columns `customer`, `period`, `revenue`, `profit`, `orders`, `revenue_target`, `profit_target` (or 客户, 期间, 销售额, 利润, 订单, 目标), or say which header is which in dossier.yaml with {where_}; a file without a period column needs `period:` there"
        ));
        diags.push(d);
        return;
    }
    if needs(Field::Revenue) != needs(Field::Profit) {
        let (has, lacks) = if needs(Field::Profit) {
            ("revenue", "profit (利润)")
        } else {
            ("profit", "revenue (销售额)")
        };
        diags.push(
            row_diag(0, *header_row, header, format!("the header row has a {has} column but none for {lacks}"))
                .with_help("a period's metrics need both revenue and profit: add the column, or name it in `data:` in dossier.yaml"),
        );
        return;
    }
    let get = |cells: &[Cell], f: Field| -> Option<(usize, Cell)> {
        let c = *col_of.get(&f)?;
        Some((c, cells.get(c).cloned().unwrap_or(Cell::Empty)))
    };
    for (row, cells) in &table.rows[header_at + 1..] {
        let row = *row;
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let (ccol, customer) = get(cells, Field::Customer).unwrap_or((0, Cell::Empty));
        let customer_text = customer.shown();
        // A totals row (its label in the customer column or, with the
        // customer cell empty, in any cell) is not a customer: left out.
        if is_totals(&customer_text)
            || (customer.is_empty()
                && cells
                    .iter()
                    .any(|c| matches!(c, Cell::Text(t) if is_totals(t))))
        {
            continue;
        }
        if customer.is_empty() {
            diags.push(
                row_diag(ccol, row, cells, "this row has no customer".into())
                    .with_help("write the customer's slug or `name:`, or delete the row; a totals row is left out when its label is Total, Sum, 合计 or 总计"),
            );
            continue;
        }
        let mut bad = false;
        let slug = match index.find(&customer_text) {
            Some(s) => Some(s.clone()),
            None => {
                let help = match index.suggestion(&customer_text) {
                    Some(s) => format!("did you mean `{s}`? A customer is named by its slug (its file name) or its exact `name:`"),
                    None => "a customer is named by its slug (the name of its file in content/customers/) or its exact `name:`; add the customer's file first".into(),
                };
                diags.push(
                    row_diag(
                        ccol,
                        row,
                        cells,
                        format!("unknown customer `{}`", customer_text.trim()),
                    )
                    .with_help(help),
                );
                bad = true;
                None
            }
        };
        let period_label = match get(cells, Field::Period) {
            Some((_, c)) if !c.is_empty() => match c {
                Cell::Number(n) => Some(Label(format_number(n))),
                Cell::Text(t) => Some(Label(t.trim().to_string())),
                Cell::Other(_) | Cell::Empty => {
                    let (pc, _) = get(cells, Field::Period).unwrap_or((0, Cell::Empty));
                    diags.push(
                        row_diag(pc, row, cells, format!("the period is {}, not a period label", c.shown()))
                            .with_help("format the column as text and write the period as in YAML, such as 2026 or 2026-H1"),
                    );
                    bad = true;
                    None
                }
            },
            _ => match &period {
                Some(p) => Some(p.clone()),
                None => {
                    let (pc, _) = get(cells, Field::Period).unwrap_or((0, Cell::Empty));
                    diags.push(
                        row_diag(pc, row, cells, "this row has no period".into())
                            .with_help("write the period, such as 2026 or 2026-H1"),
                    );
                    bad = true;
                    None
                }
            },
        };
        let mut number = |f: Field, whole: bool, nonneg: bool| -> Option<f64> {
            let (c, cell) = get(cells, f)?;
            if cell.is_empty() {
                return None;
            }
            match parse_number(&cell, whole, nonneg) {
                Ok(n) => Some(n),
                Err((msg, help)) => {
                    diags.push(
                        row_diag(c, row, cells, format!("{} {msg}", label_of(f))).with_help(help),
                    );
                    bad = true;
                    None
                }
            }
        };
        let revenue = number(Field::Revenue, false, false);
        let profit = number(Field::Profit, false, false);
        let orders = number(Field::Orders, true, true);
        let revenue_target = number(Field::RevenueTarget, false, true);
        let profit_target = number(Field::ProfitTarget, false, true);
        if bad {
            continue;
        }
        let mut missing = |f: Field, msg: &str, help: &str| {
            let c = col_of.get(&f).copied().unwrap_or(0);
            diags.push(row_diag(c, row, cells, msg.into()).with_help(help));
        };
        let metric = match (revenue, profit) {
            (Some(r), Some(p)) => Some(Metric {
                period: Label(String::new()),
                revenue: Money(r),
                profit: Money(p),
                orders: orders.map(|o| o as u64),
            }),
            (None, None) if orders.is_none() => None,
            (None, _) => {
                missing(
                    Field::Revenue,
                    "the revenue is missing",
                    "a period's metrics need both revenue and profit: write 0 if there was none",
                );
                continue;
            }
            (_, None) => {
                missing(
                    Field::Profit,
                    "the profit is missing",
                    "a period's metrics need both revenue and profit: write 0 if there was none",
                );
                continue;
            }
        };
        let target = match (revenue_target, profit_target) {
            (Some(r), p) => Some(Target {
                period: Label(String::new()),
                revenue: Amount(r),
                profit: p.map(Amount),
            }),
            (None, Some(_)) => {
                missing(
                    Field::RevenueTarget,
                    "a profit target without a revenue target",
                    "a target has a revenue; write the revenue target too",
                );
                continue;
            }
            (None, None) => None,
        };
        if metric.is_none() && target.is_none() {
            missing(
                Field::Revenue,
                "this row has neither revenue and profit nor a target",
                "fill in the numbers of the period, or delete the row",
            );
            continue;
        }
        let (Some(slug), Some(period)) = (slug, period_label) else {
            continue;
        };
        out.push(Row {
            slug,
            metric: metric.map(|m| Metric {
                period: period.clone(),
                ..m
            }),
            target: target.map(|t| Target {
                period: period.clone(),
                ..t
            }),
            period,
            place: at(ccol, row),
        });
    }
}

fn file_name(label: &str) -> &str {
    let base = label.split('[').next().unwrap_or(label);
    base.rsplit('/').next().unwrap_or(base)
}

fn label_of(f: Field) -> &'static str {
    match f {
        Field::Customer => "the customer",
        Field::Period => "the period",
        Field::Revenue => "the revenue",
        Field::Profit => "the profit",
        Field::Orders => "the number of orders",
        Field::RevenueTarget => "the revenue target",
        Field::ProfitTarget => "the profit target",
    }
}

/// Currency signs and codes a CSV export may put around amounts.
const CURRENCY: [&str; 12] = [
    "¥", "￥", "$", "€", "£", "CNY", "RMB", "USD", "EUR", "元", "US$", "HK$",
];

/// A cell as a number. Text may carry thousands separators (`1,850,000`),
/// a currency sign or code, spaces, and a leading `-` or parentheses for
/// a negative amount; a percentage, `万`/`亿` and other words are
/// explained, not guessed.
fn parse_number(cell: &Cell, whole: bool, nonneg: bool) -> Result<f64, (String, String)> {
    let n = match cell {
        Cell::Number(n) => *n,
        Cell::Text(t) => parse_text_number(t)?,
        Cell::Other(s) => {
            return Err((
                format!("is not a number ({s})"),
                "write a plain number in the cell (format it as Number in Excel)".into(),
            ));
        }
        Cell::Empty => return Err(("is empty".into(), "write a number".into())),
    };
    if !n.is_finite() {
        return Err((
            "is not a finite number".into(),
            "write a plain number".into(),
        ));
    }
    if nonneg && n < 0.0 {
        return Err((
            format!("is negative ({})", format_number(n)),
            "write a number of 0 or more".into(),
        ));
    }
    if whole && n.fract() != 0.0 {
        return Err((
            format!("is not a whole number ({})", format_number(n)),
            "write a whole number of orders".into(),
        ));
    }
    Ok(n)
}

fn parse_text_number(raw: &str) -> Result<f64, (String, String)> {
    let t = raw.trim();
    let not_a_number = |help: String| (format!("is not a number (\"{t}\")"), help);
    let mut s = t.to_string();
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = s[1..s.len() - 1].to_string();
    }
    for c in CURRENCY {
        s = s.replace(c, "");
    }
    let s = s.replace([' ', '\u{a0}'], "");
    let (s, neg2) = match s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        Some(r) => (r.to_string(), true),
        None => (s, false),
    };
    negative ^= neg2;
    if let Some(p) = s.strip_suffix('%').or_else(|| s.strip_suffix('％')) {
        return Err(not_a_number(format!(
            "an amount is not a percentage: write the amount itself (a share such as {p}% is computed by dossier)"
        )));
    }
    for (word, factor) in [
        ("万", 1e4),
        ("萬", 1e4),
        ("亿", 1e8),
        ("億", 1e8),
        ("k", 1e3),
        ("K", 1e3),
        ("m", 1e6),
        ("M", 1e6),
    ] {
        if let Some(p) = s.strip_suffix(word)
            && let Ok(v) = plain(p)
        {
            let v = if negative { -v } else { v };
            return Err(not_a_number(format!(
                "write the whole amount: {} for {t}",
                format_number((v * factor * 100.0).round() / 100.0)
            )));
        }
    }
    match plain(&s) {
        Ok(v) => Ok(if negative { -v } else { v }),
        Err(()) => Err(not_a_number(
            "write a plain number such as 1850000 (thousands separators, a currency sign and a minus sign are understood)".into(),
        )),
    }
}

/// `1850000`, `1,850,000` or `1,850,000.50`: digits with correctly
/// grouped thousands separators and an optional decimal point.
fn plain(s: &str) -> Result<f64, ()> {
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Err(());
    }
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.contains(['.', ',']) {
        return Err(());
    }
    if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let ok = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return Err(());
        }
    }
    let digits: String = int.chars().filter(|c| *c != ',').collect();
    let text = if frac.is_empty() {
        digits
    } else {
        format!("{digits}.{frac}")
    };
    text.parse::<f64>().map_err(|_| ())
}

/// The natural order of period labels: runs of digits compare as numbers,
/// so `2025` < `2025-H1` < `2025-H2` < `2026` and `2026-2` < `2026-10`.
pub fn period_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn parts(s: &str) -> Vec<(bool, String)> {
        let mut out: Vec<(bool, String)> = Vec::new();
        for c in s.chars() {
            let d = c.is_ascii_digit();
            match out.last_mut() {
                Some((kind, text)) if *kind == d => text.push(c),
                _ => out.push((d, c.to_string())),
            }
        }
        out
    }
    let (pa, pb) = (parts(a), parts(b));
    for (x, y) in pa.iter().zip(&pb) {
        let o = match (x.0, y.0) {
            (true, true) => {
                let (tx, ty) = (x.1.trim_start_matches('0'), y.1.trim_start_matches('0'));
                tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty))
            }
            _ => x.1.cmp(&y.1),
        };
        if o.is_ne() {
            return o;
        }
    }
    pa.len().cmp(&pb.len()).then_with(|| a.cmp(b))
}

/// Adds the rows to their customers: a period given twice (in YAML and a
/// spreadsheet, or in two rows) is an error naming both places.
fn apply(
    rows: Vec<Row>,
    customers: &mut [(String, std::sync::Arc<Customer>)],
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen_metric: HashMap<(String, Label), String> = HashMap::new();
    let mut seen_target: HashMap<(String, Label), String> = HashMap::new();
    let mut touched = std::collections::BTreeSet::new();
    for row in rows {
        let Ok(i) = customers.binary_search_by(|(s, _)| s.as_str().cmp(&row.slug)) else {
            // The customer's file has errors of its own.
            continue;
        };
        let (slug, customer) = &mut customers[i];
        let customer = std::sync::Arc::make_mut(customer);
        let yaml = format!("{CUSTOMERS_DIR}/{slug}.yaml");
        let key = (slug.clone(), row.period.clone());
        if let Some(m) = row.metric {
            let earlier = if customer.metrics.iter().any(|x| x.period == row.period)
                && !seen_metric.contains_key(&key)
            {
                Some(format!("{yaml} (`metrics`)"))
            } else {
                seen_metric.get(&key).cloned()
            };
            match earlier {
                Some(first) => diags.push(
                    Diagnostic::file_error(
                        &row.place,
                        format!("the metrics of `{slug}` for period `{}` are given twice: here and in {first}", row.period),
                    )
                    .with_help("keep one of the two: delete this row, or the period from the other place"),
                ),
                None => {
                    seen_metric.insert(key.clone(), row.place.clone());
                    customer.metrics.push(m);
                    touched.insert(i);
                }
            }
        }
        if let Some(t) = row.target {
            let earlier = if customer.targets.iter().any(|x| x.period == row.period)
                && !seen_target.contains_key(&key)
            {
                Some(format!("{yaml} (`targets`)"))
            } else {
                seen_target.get(&key).cloned()
            };
            match earlier {
                Some(first) => diags.push(
                    Diagnostic::file_error(
                        &row.place,
                        format!("the target of `{slug}` for period `{}` is given twice: here and in {first}", row.period),
                    )
                    .with_help("keep one of the two: delete this row's target, or the period from the other place"),
                ),
                None => {
                    seen_target.insert(key, row.place.clone());
                    customer.targets.push(t);
                }
            }
        }
    }
    for i in touched {
        let metrics = &mut std::sync::Arc::make_mut(&mut customers[i].1).metrics;
        let mut periods = std::collections::HashSet::new();
        // A YAML file with a period twice keeps its order, so that error
        // points at the right entry.
        if metrics.iter().all(|m| periods.insert(m.period.clone())) {
            metrics.sort_by(|a, b| period_order(&a.period.0, &b.period.0));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_addresses_are_excel_letters_and_rows() {
        assert_eq!(cell_address(0, 1), "A1");
        assert_eq!(cell_address(1, 17), "B17");
        assert_eq!(cell_address(25, 2), "Z2");
        assert_eq!(cell_address(26, 3), "AA3");
        assert_eq!(cell_address(701, 4), "ZZ4");
        assert_eq!(cell_address(702, 5), "AAA5");
    }

    #[test]
    fn text_numbers_are_understood_or_explained() {
        let n = |s: &str| parse_text_number(s).map_err(|e| e.1);
        assert_eq!(n("1,850,000"), Ok(1_850_000.0));
        assert_eq!(n("¥1,850,000.50"), Ok(1_850_000.5));
        assert_eq!(n("(1,200)"), Ok(-1200.0));
        assert_eq!(n("-300 元"), Ok(-300.0));
        assert!(n("1.2万").unwrap_err().contains("12000"));
        assert!(n("12%").unwrap_err().contains("not a percentage"));
        assert!(n("1,85,000").is_err());
        assert!(n("n/a").is_err());
    }

    #[test]
    fn periods_sort_naturally() {
        let mut p = vec!["2026", "2025-H2", "2025", "2025-H1", "2026-10", "2026-2"];
        p.sort_by(|a, b| period_order(a, b));
        assert_eq!(
            p,
            ["2025", "2025-H1", "2025-H2", "2026", "2026-2", "2026-10"]
        );
    }
}
