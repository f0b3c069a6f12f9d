//! The views of owners and regions: an owner's or a region's page (its
//! customers, what needs doing, the other kind met there) and the rows of
//! the dashboard's territory tables. Which customers and names a page
//! shows is decided here; templates only format it.

use super::dossier::TerritoryLink;
use super::views::{CustomerRow, ListRow, list_rows};
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
    /// with the other kind's page it belongs to.
    pub customers: Vec<TerritoryCustomer<'a>>,
    /// The current customers among them, as the chart shows them.
    pub current: Vec<ListRow<'a>>,
    /// In the order of the site's own lists.
    pub watchlist: Vec<ListRow<'a>>,
    pub overdue: Vec<ListRow<'a>>,
    pub upcoming: Vec<ListRow<'a>>,
    /// The other kind met here: an owner's regions, a region's owners,
    /// in the order of the dashboard's ranking.
    pub others: Vec<TerritoryLink<'a>>,
    /// The revenue-against-target chart, from the output root.
    pub chart: String,
    /// Current customers left out of the chart (it shows the largest).
    pub not_charted: usize,
}

/// A customer on an owner's or region's page, with its page of the
/// other kind (an owner's customer with its region).
#[derive(Clone, Serialize)]
pub struct TerritoryCustomer<'a> {
    #[serde(flatten)]
    pub row: ListRow<'a>,
    pub other: TerritoryLink<'a>,
}

/// The owner and region pages, owners first.
pub fn territory_views<'a>(
    analysis: &'a Analysis,
    rows: &[CustomerRow<'a>],
) -> Vec<TerritoryView<'a>> {
    let side = &analysis.customers;
    let list = list_rows(rows);
    let by_slug: std::collections::HashMap<&str, usize> =
        list.iter().enumerate().map(|(i, r)| (r.slug, i)).collect();
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
        for territory in territories {
            let here = |slug: &str| side.customers[slug].territory_slug(kind) == territory.slug;
            let named = |slugs: &'a [String]| -> Vec<ListRow<'a>> {
                slugs
                    .iter()
                    .filter(|s| here(s))
                    .filter_map(|s| by_slug.get(s.as_str()).map(|&i| list[i].clone()))
                    .collect()
            };
            let customers: Vec<TerritoryCustomer<'a>> = list
                .iter()
                .filter(|r| here(r.slug))
                .map(|r| TerritoryCustomer {
                    row: r.clone(),
                    other: TerritoryLink::of(r.a, other),
                })
                .collect();
            let met: std::collections::HashSet<&str> =
                customers.iter().map(|r| r.other.slug).collect();
            let current: Vec<ListRow<'a>> = customers
                .iter()
                .filter(|r| r.row.customer.status == Status::Current)
                .map(|r| r.row.clone())
                .collect();
            out.push(TerritoryView {
                kind,
                label,
                other,
                other_label,
                territory,
                name: TerritoryLink::new(&territory.slug, &territory.name).name,
                watchlist: named(&side.watchlist),
                overdue: named(&side.followup.overdue),
                upcoming: named(&side.followup.upcoming),
                others: other_kind
                    .iter()
                    .filter(|o| met.contains(o.slug.as_str()))
                    .map(|o| TerritoryLink::new(&o.slug, &o.name))
                    .collect(),
                chart: territory_chart_path(kind, &territory.slug),
                not_charted: current.len().saturating_sub(TERRITORY_CHART_ROWS),
                current,
                customers,
            });
        }
    }
    out
}
