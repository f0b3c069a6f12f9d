//! Typed view models handed to templates: borrowed slices of the site and
//! its analysis, one struct per page kind (no ad-hoc JSON maps).

use crate::analysis::Analysis;
use crate::model::customer::Customer;
use crate::model::{Competitor, Site};
use serde::Serialize;

/// Site-wide values every template sees (the global context).
#[derive(Serialize)]
pub struct SiteInfo<'a> {
    pub title: &'a str,
    pub language: &'a str,
    pub currency: &'a str,
    pub base_url: &'a str,
    pub as_of: String,
    pub company: &'a str,
    pub followup_days: u32,
    pub pages: Vec<PageLink<'a>>,
    pub has_changes: bool,
}

#[derive(Serialize)]
pub struct PageLink<'a> {
    pub route: &'a str,
    pub title: &'a str,
}

impl<'a> SiteInfo<'a> {
    pub fn new(site: &'a Site, has_changes: bool) -> Self {
        SiteInfo {
            title: &site.config.title,
            language: &site.config.language,
            currency: &site.config.currency,
            base_url: &site.config.base_url,
            as_of: site.config.as_of().to_string(),
            company: &site.company.name,
            followup_days: site.config.followup_days,
            pages: site
                .pages
                .iter()
                .map(|p| PageLink {
                    route: &p.route,
                    title: &p.front.title,
                })
                .collect(),
            has_changes,
        }
    }
}

/// A customer in a list: what a manager scans.
#[derive(Serialize)]
pub struct CustomerRow<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub customer: &'a Customer,
    pub a: &'a crate::analysis::customers::CustomerAnalysis,
    pub latest_revenue: Option<f64>,
    pub latest_profit: Option<f64>,
    /// The customer's own SWOT, when the file has one.
    pub swot: Option<crate::analysis::swot::Swot>,
}

/// Every customer as rows, in the default order: current first, then
/// prospects, former and blacklisted; within a status by latest revenue
/// (highest first), then name.
pub fn customer_rows<'a>(site: &'a Site, analysis: &'a Analysis) -> Vec<CustomerRow<'a>> {
    let mut rows: Vec<CustomerRow> = site
        .customers
        .iter()
        .map(|(slug, c)| CustomerRow {
            slug,
            name: &c.name,
            customer: c,
            a: &analysis.customers.customers[slug],
            latest_revenue: c.latest().map(|m| m.revenue.0),
            latest_profit: c.latest().map(|m| m.profit.0),
            swot: c.swot.as_ref().map(crate::analysis::swot::score),
        })
        .collect();
    rows.sort_by(|x, y| {
        x.customer
            .status
            .cmp(&y.customer.status)
            .then_with(|| status_rank(x).cmp(&status_rank(y)))
            .then_with(|| y.customer.latest_revenue().total_cmp(&x.customer.latest_revenue()))
            .then_with(|| x.slug.cmp(y.slug))
    });
    rows.sort_by_key(|r| status_rank(r));
    rows
}

fn status_rank(r: &CustomerRow) -> u8 {
    use crate::model::customer::Status::*;
    match r.customer.status {
        Current => 0,
        Prospect => 1,
        Former => 2,
        Blacklisted => 3,
    }
}

/// A competitor's page.
#[derive(Serialize)]
pub struct CompetitorView<'a> {
    pub slug: &'a str,
    pub competitor: &'a Competitor,
    pub swot: &'a crate::analysis::swot::Swot,
}
