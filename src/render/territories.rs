//! The views of owners and regions: an owner's or a region's page (its
//! customers, what needs doing, the other kind met there) and the rows of
//! the dashboard's territory tables. Which customers and names a page
//! shows is decided here; templates only format it.

use super::dossier::TerritoryLink;
use super::views::ListRow;
use crate::analysis::Analysis;
use crate::analysis::territory::TerritoryRow;
use crate::chart::site::{TERRITORY_CHART_ROWS, territory_chart_path};
use crate::model::customer::Status;
use serde::Serialize;

/// An owner or region in the dashboard's ranking.
#[derive(Serialize)]
pub struct TerritoryEntry<'a> {
    #[serde(flatten)]
    pub row: &'a TerritoryRow,
    /// The name to show; `null` for the unassigned customers (the
    /// template shows `labels.unassigned`).
    pub title: Option<&'a str>,
}

pub fn territory_entries(rows: &[TerritoryRow]) -> Vec<TerritoryEntry<'_>> {
    rows.iter()
        .map(|row| TerritoryEntry {
            row,
            title: TerritoryLink::new(&row.slug, &row.name).name,
        })
        .collect()
}

/// An owner's or a region's page: its figures, its customers and what
/// needs doing in it.
#[derive(Serialize)]
pub struct TerritoryView<'a> {
    /// `owners` or `regions`: the page's folder.
    pub kind: &'static str,
    /// The label key naming the kind: `owner` or `region`.
    pub label: &'static str,
    /// The other kind (`regions` or `owners`): its folder and the label
    /// key of its plural.
    pub other: &'static str,
    /// The label key naming one of the other kind: `region` or `owner`.
    pub other_label: &'static str,
    pub territory: &'a TerritoryRow,
    /// The name to show; `null` for the unassigned customers' page (the
    /// template shows `labels.unassigned`).
    pub name: Option<&'a str>,
    /// Every customer of any status, in the customer table's order, each
    /// with the other kind's page it belongs to; the page shows them a
    /// page at a time (`rows`).
    #[serde(skip)]
    pub customers: Vec<TerritoryCustomer<'a>>,
    /// The current customers the chart shows (the largest by revenue).
    pub current: Vec<ListRow<'a>>,
    /// In the order of the site's own lists, cut to
    /// [`TERRITORY_LIST_ROWS`]; `totals` has their full length.
    pub watchlist: Vec<ListRow<'a>>,
    pub overdue: Vec<ListRow<'a>>,
    pub upcoming: Vec<ListRow<'a>>,
    pub totals: Totals,
    /// The other kind met here: an owner's regions, a region's owners,
    /// in the order of the dashboard's ranking.
    pub others: Vec<TerritoryLink<'a>>,
    /// The revenue-against-target chart, from the output root.
    pub chart: String,
    /// Current customers left out of the chart (it shows the largest).
    pub not_charted: usize,
}

impl<'a> TerritoryView<'a> {
    /// The view the second and later pages of a territory are rendered
    /// from: its figures without the lists, which only the first page
    /// shows. An owner of 10,000 customers has 100 pages; carrying 200
    /// list rows into each of them cost more than the rows they show.
    pub fn without_lists(&self) -> TerritoryView<'a> {
        TerritoryView {
            kind: self.kind,
            label: self.label,
            other: self.other,
            other_label: self.other_label,
            territory: self.territory,
            name: self.name,
            customers: Vec::new(),
            current: Vec::new(),
            watchlist: Vec::new(),
            overdue: Vec::new(),
            upcoming: Vec::new(),
            totals: self.totals,
            others: self.others.clone(),
            chart: self.chart.clone(),
            not_charted: self.not_charted,
        }
    }
}

impl TerritoryView<'_> {
    /// A key of a page of this view showing `rows`, made from the view's
    /// own figures and, for each customer it shows, `known`: a key that
    /// changes whenever the customer's list row does (`serve`, see
    /// `Sink::version`). `None` when a customer has none. Every field is
    /// named, so that a new one cannot be left out of the key.
    pub fn known_key(
        &self,
        rows: &[TerritoryCustomer],
        known: impl Fn(&str) -> Option<u64>,
    ) -> Option<u64> {
        let keys = |l: &[ListRow]| l.iter().map(|r| known(r.slug)).collect::<Option<Vec<_>>>();
        let rows: Option<Vec<(u64, &TerritoryLink)>> = rows
            .iter()
            .map(|r| Some((known(r.row.slug)?, &r.other)))
            .collect();
        let TerritoryView {
            kind,
            label,
            other,
            other_label,
            territory,
            name,
            customers: _,
            current,
            watchlist,
            overdue,
            upcoming,
            totals,
            others,
            chart,
            not_charted,
        } = self;
        Some(crate::stablehash::hash(&(
            (kind, label, other, other_label, territory, name),
            (keys(current)?, keys(watchlist)?, keys(overdue)?),
            (keys(upcoming)?, totals, others, chart, not_charted),
            rows?,
        )))
    }
}

/// How many entries the watchlist and follow-up lists of an owner's or a
/// region's page show.
pub const TERRITORY_LIST_ROWS: usize = 50;

/// The full length of a territory's lists.
#[derive(Clone, Copy, Serialize)]
pub struct Totals {
    pub watchlist: usize,
    pub overdue: usize,
    pub upcoming: usize,
    /// At least one of the lists is cut.
    pub cut: bool,
}

/// A customer on an owner's or region's page, with its page of the
/// other kind (an owner's customer with its region).
#[derive(Clone, Serialize)]
pub struct TerritoryCustomer<'a> {
    #[serde(flatten)]
    pub row: ListRow<'a>,
    pub other: TerritoryLink<'a>,
}

/// The owner and region pages, owners first. `list` is every customer in
/// the customer table's order. Each list is grouped by territory in one
/// pass, so the pages cost what the customers do, however many owners.
pub fn territory_views<'a>(analysis: &'a Analysis, list: &[ListRow<'a>]) -> Vec<TerritoryView<'a>> {
    use std::collections::HashMap;
    let side = &analysis.customers;
    let by_slug: HashMap<&str, &ListRow<'a>> = list.iter().map(|r| (r.slug, r)).collect();
    let kinds = [
        (
            "owners",
            &side.owners,
            &side.regions,
            "regions",
            ("owner", "region"),
        ),
        (
            "regions",
            &side.regions,
            &side.owners,
            "owners",
            ("region", "owner"),
        ),
    ];
    let mut out = Vec::new();
    for (kind, territories, other_kind, other, (label, other_label)) in kinds {
        let group = |slugs: &[String]| -> HashMap<&'a str, Vec<ListRow<'a>>> {
            let mut m: HashMap<&'a str, Vec<ListRow<'a>>> = HashMap::new();
            for s in slugs {
                if let Some(r) = by_slug.get(s.as_str()) {
                    m.entry(r.a.territory_slug(kind))
                        .or_default()
                        .push((*r).clone());
                }
            }
            m
        };
        let mut watch = group(&side.watchlist);
        let mut overdue = group(&side.followup.overdue);
        let mut upcoming = group(&side.followup.upcoming);
        let mut customers: HashMap<&'a str, Vec<TerritoryCustomer<'a>>> = HashMap::new();
        for r in list {
            customers
                .entry(r.a.territory_slug(kind))
                .or_default()
                .push(TerritoryCustomer {
                    row: r.clone(),
                    other: TerritoryLink::of(r.a, other),
                });
        }
        let cut = |m: &mut HashMap<&'a str, Vec<ListRow<'a>>>, slug: &str| {
            let mut v = m.remove(slug).unwrap_or_default();
            let total = v.len();
            v.truncate(TERRITORY_LIST_ROWS);
            (v, total)
        };
        for territory in territories {
            let slug = territory.slug.as_str();
            let customers = customers.remove(slug).unwrap_or_default();
            let (watchlist, watch_total) = cut(&mut watch, slug);
            let (overdue, overdue_total) = cut(&mut overdue, slug);
            let (upcoming, upcoming_total) = cut(&mut upcoming, slug);
            let met: std::collections::HashSet<&str> =
                customers.iter().map(|r| r.other.slug).collect();
            let mut current: Vec<&ListRow<'a>> = customers
                .iter()
                .map(|r| &r.row)
                .filter(|r| r.customer.status == Status::Current)
                .collect();
            crate::analysis::rank::rank_by(&mut current, |r| r.a.revenue, |r| r.slug);
            out.push(TerritoryView {
                kind,
                label,
                other,
                other_label,
                territory,
                name: TerritoryLink::new(&territory.slug, &territory.name).name,
                not_charted: current.len().saturating_sub(TERRITORY_CHART_ROWS),
                current: current
                    .iter()
                    .take(TERRITORY_CHART_ROWS)
                    .map(|r| (*r).clone())
                    .collect(),
                watchlist,
                overdue,
                upcoming,
                totals: Totals {
                    watchlist: watch_total,
                    overdue: overdue_total,
                    upcoming: upcoming_total,
                    cut: [watch_total, overdue_total, upcoming_total]
                        .iter()
                        .any(|&n| n > TERRITORY_LIST_ROWS),
                },
                others: other_kind
                    .iter()
                    .filter(|o| met.contains(o.slug.as_str()))
                    .map(|o| TerritoryLink::new(&o.slug, &o.name))
                    .collect(),
                chart: territory_chart_path(kind, &territory.slug),
                customers,
            });
        }
    }
    out
}
