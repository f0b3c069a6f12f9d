//! `data/analysis.xlsx`: the analysis as a workbook a manager filters in
//! Excel, one sheet per view (docs/analysis.md): customers with every
//! classification, the watchlist, account managers, regions, deciles,
//! tenths and the follow-up. Header rows are frozen and filtered, numbers
//! are numbers, shares are percentages, labels are in the site language.
//! The bytes depend only on the input: the document's creation time is
//! the analysis date, and the zip entries carry no time.

/// Where the workbook goes in the output.
pub const PATH: &str = "data/analysis.xlsx";

use crate::analysis::Analysis;
use crate::analysis::customers::CustomerAnalysis;
use crate::model::Site;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use serde::Serialize;
use serde_json::Value;

/// One cell to write.
enum Out {
    Text(String),
    Number(f64),
    Money(f64),
    Percent(f64),
    Empty,
}

fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> Out) -> Out {
    v.map_or(Out::Empty, f)
}

/// A label of the theme: `labels.<key>`, or the title of a playbook entry.
struct Labels<'a>(&'a Value);

impl Labels<'_> {
    fn get(&self, path: &[&str]) -> Option<String> {
        let mut v = self.0;
        for p in path {
            v = v.get(p)?;
        }
        v.as_str().map(str::to_string)
    }

    fn label(&self, key: &str) -> String {
        self.get(&["labels", key])
            .unwrap_or_else(|| key.to_string())
    }

    /// The title of a classification (`playbook.<kind>.<key>.title`).
    fn title<T: Serialize>(&self, kind: &str, value: &T) -> String {
        let key = serde_json::to_value(value)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        self.get(&["playbook", kind, &key, "title"]).unwrap_or(key)
    }

    fn status_plural(&self, status: &str) -> String {
        self.get(&["playbook", "status", status, "count", "other"])
            .unwrap_or_else(|| status.to_string())
    }
}

/// The workbook's bytes.
fn workbook(site: &Site, analysis: &Analysis, labels: &Value) -> Result<Vec<u8>, XlsxError> {
    let l = Labels(labels);
    let side = &analysis.customers;
    let mut book = Workbook::new();
    let d = analysis.as_of.0;
    let created = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day())?;
    book.set_properties(
        &DocProperties::new()
            .set_title(site.config.title.as_str())
            .set_creation_datetime(&created),
    );
    let name_of = |slug: &str| -> String {
        site.customers
            .binary_search_by(|(s, _)| s.as_str().cmp(slug))
            .map(|i| site.customers[i].1.name.clone())
            .unwrap_or_else(|_| slug.to_string())
    };
    let person = |name: &str| {
        if name == crate::analysis::territory::UNASSIGNED {
            l.label("unassigned")
        } else {
            name.to_string()
        }
    };
    let risks = |a: &CustomerAnalysis| -> String {
        a.risks
            .iter()
            .flatten()
            .map(|r| l.title("risk", r))
            .collect::<Vec<_>>()
            .join(", ")
    };

    // Customers, with every classification.
    let header = vec![
        l.label("name"),
        l.label("status"),
        l.label("owner"),
        l.label("region"),
        l.label("latest_revenue"),
        l.label("latest_profit"),
        l.label("target"),
        l.label("attainment"),
        l.label("abc_title"),
        l.label("decile"),
        l.label("band"),
        l.label("relationship"),
        l.label("loyalty"),
        l.label("tier"),
        l.label("score"),
        l.label("man_grade"),
        l.label("overdue"),
        l.label("risks"),
        // Issue 12 (seed 004).
        l.label("loyalty_category"),
        l.label("closeness"),
    ];
    let rows = side
        .customers
        .iter()
        .map(|(slug, a)| {
            vec![
                Out::Text(name_of(slug)),
                Out::Text(l.title("status", &a.status)),
                Out::Text(person(&a.owner)),
                Out::Text(person(&a.region)),
                Out::Money(a.revenue),
                Out::Money(a.profit),
                opt(a.target, Out::Money),
                opt(a.attainment, Out::Percent),
                opt(a.abc.as_ref(), |c| Out::Text(l.title("abc", c))),
                opt(a.decile, |n| Out::Number(n.into())),
                opt(a.band, |n| Out::Number(n.into())),
                opt(a.relationship.as_ref(), |r| {
                    Out::Text(l.title("relationship", r))
                }),
                opt(a.loyalty.as_ref(), |r| Out::Text(l.title("loyalty", r))),
                opt(a.value.as_ref(), |v| {
                    Out::Text(
                        l.get(&["playbook", "tier", &v.tier, "title"])
                            .unwrap_or_else(|| v.tier.clone()),
                    )
                }),
                opt(a.value.as_ref(), |v| Out::Number(v.score)),
                opt(a.man.as_ref(), |m| Out::Text(l.title("grade", &m.grade))),
                if a.overdue {
                    Out::Text(l.label("overdue"))
                } else {
                    Out::Empty
                },
                Out::Text(risks(a)),
                opt(a.loyalty_category.as_ref(), |k| {
                    Out::Text(l.title("loyalty_category", k))
                }),
                opt(a.closeness.as_ref(), |k| Out::Text(l.title("closeness", k))),
            ]
        })
        .collect();
    sheet(&mut book, &l.label("customers"), header, rows)?;

    // The watchlist, in its order.
    let header = vec![
        l.label("name"),
        l.label("risks"),
        l.label("owner"),
        l.label("region"),
        l.label("latest_revenue"),
        l.label("latest_profit"),
    ];
    let rows = side
        .watchlist
        .iter()
        .filter_map(|slug| side.customers.get(slug).map(|a| (slug, a)))
        .map(|(slug, a)| {
            vec![
                Out::Text(name_of(slug)),
                Out::Text(risks(a)),
                Out::Text(person(&a.owner)),
                Out::Text(person(&a.region)),
                Out::Money(a.revenue),
                Out::Money(a.profit),
            ]
        })
        .collect();
    sheet(&mut book, &l.label("watchlist_title"), header, rows)?;

    // Account managers and regions.
    for (title, first, list) in [
        (l.label("owners"), l.label("owner"), &side.owners),
        (l.label("regions"), l.label("region"), &side.regions),
    ] {
        let header = vec![
            first,
            l.label("customers"),
            l.status_plural("current"),
            l.label("latest_revenue"),
            l.label("target"),
            l.label("attainment"),
            l.label("overdue"),
            short(&l.label("watchlist_title")).to_string(),
            l.label("upcoming_short"),
        ];
        let rows = list
            .iter()
            .map(|t| {
                vec![
                    Out::Text(person(&t.name)),
                    Out::Number(t.customers.into()),
                    Out::Number(t.current.into()),
                    Out::Money(t.revenue),
                    Out::Money(t.target),
                    opt(t.attainment, Out::Percent),
                    Out::Number(t.overdue.into()),
                    Out::Number(t.watchlist.into()),
                    Out::Number(t.upcoming.into()),
                ]
            })
            .collect();
        sheet(&mut book, &title, header, rows)?;
    }

    // Deciles and tenths.
    let header = vec![
        l.label("decile"),
        l.label("customers"),
        l.label("revenue"),
        l.label("profit"),
        l.label("revenue_share"),
        l.label("profit_share"),
    ];
    let rows = side
        .deciles
        .by_customers
        .iter()
        .map(|r| {
            vec![
                Out::Number(r.decile.into()),
                Out::Number(r.customers.into()),
                Out::Money(r.revenue),
                Out::Money(r.profit),
                Out::Percent(r.revenue_share),
                Out::Percent(r.profit_share),
            ]
        })
        .collect();
    sheet(&mut book, &l.label("decile"), header, rows)?;
    let header = vec![
        l.label("tenth"),
        format!("{} ({})", l.label("customers"), l.label("revenue")),
        format!("{} ({})", l.label("customers"), l.label("profit")),
    ];
    let rows = side
        .tenths
        .revenue
        .iter()
        .zip(&side.tenths.profit)
        .map(|(r, p)| {
            vec![
                Out::Number(r.tenth.into()),
                Out::Number(r.customers.into()),
                Out::Number(p.customers.into()),
            ]
        })
        .collect();
    sheet(&mut book, &l.label("tenth"), header, rows)?;

    // Follow-up: overdue, then visits due.
    let header = vec![
        l.label("followup"),
        l.label("name"),
        l.label("owner"),
        l.label("last_contact"),
        l.label("next_visit"),
    ];
    let lists = [
        (l.label("overdue"), &side.followup.overdue),
        (l.label("upcoming_short"), &side.followup.upcoming),
    ];
    let rows = lists
        .iter()
        .flat_map(|(what, slugs)| slugs.iter().map(move |s| (what, s)))
        .map(|(what, slug)| {
            let customer = site
                .customers
                .binary_search_by(|(s, _)| s.as_str().cmp(slug))
                .ok()
                .map(|i| &site.customers[i].1);
            let owner = side.customers.get(slug).map(|a| person(&a.owner));
            vec![
                Out::Text(what.clone()),
                Out::Text(name_of(slug)),
                opt(owner, Out::Text),
                opt(customer.and_then(|c| c.last_contact), |d| {
                    Out::Text(d.to_string())
                }),
                opt(customer.and_then(|c| c.next_visit), |d| {
                    Out::Text(d.to_string())
                }),
            ]
        })
        .collect();
    sheet(&mut book, &l.label("followup"), header, rows)?;
    book.save_to_buffer()
}

/// A title up to its colon: "Watchlist: customers we may lose" is the
/// watchlist.
fn short(title: &str) -> &str {
    title.split([':', '：']).next().unwrap_or(title).trim()
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`,
/// and not a name already used (a translation could give two views the
/// same word).
fn sheet_name(book: &mut Workbook, wanted: &str) -> String {
    let clean: String = short(wanted)
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'').to_string();
    let base: String = clean.chars().take(28).collect();
    let base = if base.is_empty() {
        "Sheet".into()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while book.worksheet_from_name(&name).is_ok() {
        name = format!("{base} {n}");
        n += 1;
    }
    name
}

fn sheet(
    book: &mut Workbook,
    title: &str,
    header: Vec<String>,
    rows: Vec<Vec<Out>>,
) -> Result<(), XlsxError> {
    let name = sheet_name(book, title);
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.##;-#,##0.##;0");
    let percent = Format::new().set_num_format("0.0%");
    let ws: &mut Worksheet = book.add_worksheet();
    ws.set_name(name)?;
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
        let width = h.chars().count().clamp(10, 40) as f64 + 2.0;
        ws.set_column_width(c as u16, width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Out::Text(t) => {
                    ws.write_string(r, c, t)?;
                }
                Out::Number(n) => {
                    ws.write_number(r, c, *n)?;
                }
                Out::Money(n) => {
                    ws.write_number_with_format(r, c, *n, &money)?;
                }
                Out::Percent(n) => {
                    ws.write_number_with_format(r, c, *n, &percent)?;
                }
                Out::Empty => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = header.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, rows.len() as u32, last_col)?;
    Ok(())
}

/// The bytes of `data/analysis.xlsx`, or the error as a diagnostic.
pub fn bytes(
    site: &Site,
    analysis: &Analysis,
    labels: &Value,
) -> Result<Vec<u8>, crate::load::Diagnostic> {
    workbook(site, analysis, labels).map_err(|e| {
        crate::load::Diagnostic::file_error(PATH, format!("cannot write the workbook: {e}"))
    })
}

/// Writes `data/analysis.xlsx` to `sink`.
pub fn write(
    sink: &dyn crate::output::Sink,
    site: &Site,
    analysis: &Analysis,
    labels: &Value,
) -> Result<(), crate::load::Diagnostic> {
    sink.put(PATH, bytes(site, analysis, labels)?).map_err(|e| {
        crate::load::Diagnostic::file_error(PATH, format!("cannot write the output file: {e}"))
    })
}
