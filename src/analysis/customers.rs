//! The customer side of the analysis: runs every customer framework over
//! the site and gathers the results per customer and for the portfolio, in
//! the shape `data/analysis.json` exports (ANALYSIS.md, "Export").
//!
//! Not where any rule lives: each framework has its own module (value, abc,
//! decile, relationship, loyalty, man, trust, portfolio, followup,
//! watchlist); this module only picks which customers each one sees (the
//! money-based ones see current customers only) and joins the results.
//!
//! Serialisation is part of the contract: the required keys come first in
//! the spec's order, keys that do not apply are `null` (never skipped), and
//! the extra keys templates use come after them.

use super::abc::{self, Abc, AbcClass};
use super::decile::{self, Deciles, Placement};
use super::followup::{self, Followup};
use super::loyalty::{self, LoyaltyType};
use super::man::{self, Man};
use super::portfolio::{self, Portfolio};
use super::rank::Sales;
use super::relationship::{self, RelInput, Relationship};
use super::trust::{self, TrustStep};
use super::value::{self, TierRow, Value};
use super::watchlist::{self, Risk, RiskInput, Watched};
use crate::config::Config;
use crate::model::customer::Status;
use crate::model::scalars::Date;
use crate::model::{Customer, Site};
use serde::Serialize;
use std::collections::BTreeMap;

/// Everything computed for one customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerAnalysis {
    pub status: Status,
    /// The scorecard; `null` without a `value` block.
    pub value: Option<Value>,
    /// `null` for a non-current customer (also `decile`, `band`,
    /// `relationship`).
    pub abc: Option<AbcClass>,
    pub decile: Option<u32>,
    /// `null` also for a current customer with latest profit <= 0.
    pub band: Option<u32>,
    pub relationship: Option<Relationship>,
    /// `null` unless both satisfaction and loyalty are recorded.
    pub loyalty: Option<LoyaltyType>,
    /// `null` without a `man` block.
    pub man: Option<Man>,
    /// Follow-up overdue; always false for a non-current customer.
    pub overdue: bool,
    /// `null` for a non-current customer; possibly empty otherwise.
    pub risks: Option<Vec<Risk>>,
    // Extra keys for templates, after the required ones.
    /// Trust level reached and the next one to build.
    pub trust: TrustStep,
    /// Position of `value.tier` in the tier list (0 = top); `null` unscored.
    pub tier_index: Option<u32>,
    /// Latest-period revenue and profit (0 without metrics), any status.
    pub revenue: f64,
    pub profit: f64,
}

/// How many current customers are in one relationship class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationshipCount {
    pub class: Relationship,
    pub customers: u32,
}

/// How many customers (any status, both scores) are of one loyalty type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoyaltyCount {
    pub class: LoyaltyType,
    pub customers: u32,
}

/// The customer side of `data/analysis.json` (flattened into it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerSide {
    pub customers: BTreeMap<String, CustomerAnalysis>,
    pub watchlist: Vec<String>,
    pub pyramid: Vec<TierRow>,
    pub deciles: Deciles,
    pub portfolio: Portfolio,
    pub followup: Followup,
    // Extra keys for templates, after the required ones.
    /// Customers without a `value` block, in slug order.
    pub unscored: Vec<String>,
    /// The ABC ranking of current customers (the Pareto chart's data).
    pub abc: Abc,
    /// Every relationship class in rule order, with its current customers.
    pub relationship_counts: Vec<RelationshipCount>,
    /// Every loyalty type in matrix order.
    pub loyalty_counts: Vec<LoyaltyCount>,
}

/// The results of the analyses over current customers, by slug.
struct CurrentResults {
    abc: Abc,
    classes: BTreeMap<String, AbcClass>,
    deciles: Deciles,
    places: BTreeMap<String, Placement>,
    relationships: BTreeMap<String, Relationship>,
}

fn current_results(site: &Site) -> CurrentResults {
    let current: Vec<(&str, &Customer)> = site
        .customers
        .iter()
        .filter(|(_, c)| c.status == Status::Current)
        .map(|(s, c)| (s.as_str(), c))
        .collect();
    let indicator = site.config.abc.indicator;
    let values = current
        .iter()
        .map(|(s, c)| (s.to_string(), abc::indicator_value(c, indicator)))
        .collect();
    let abc = abc::classify(values, &site.config.abc);
    let classes = abc
        .ranking
        .iter()
        .map(|r| (r.slug.clone(), r.class))
        .collect();
    let sales: Vec<Sales> = current.iter().map(|(s, c)| Sales::of(s, c)).collect();
    let (deciles, places) = decile::analyze(&sales);
    let inputs: Vec<RelInput> = current.iter().map(|(s, c)| rel_input(s, c)).collect();
    CurrentResults {
        abc,
        classes,
        deciles,
        places,
        relationships: relationship::classify(&inputs),
    }
}

fn rel_input<'a>(slug: &'a str, c: &Customer) -> RelInput<'a> {
    let n = c.metrics.len();
    RelInput {
        slug,
        price_only: c.price_only,
        profit: c.latest_profit(),
        previous_profit: n.checked_sub(2).map(|i| c.metrics[i].profit.0),
    }
}

/// Joins every framework's result for one customer.
fn one(
    slug: &str,
    c: &Customer,
    config: &Config,
    as_of: Date,
    cur: &CurrentResults,
) -> CustomerAnalysis {
    let is_current = c.status == Status::Current;
    let value = c
        .value
        .as_ref()
        .map(|v| value::score(v, &config.value_model));
    let tier_index = value
        .as_ref()
        .map(|v| value::tier_index(v.score, &config.value_model.tiers) as u32);
    let loyalty = loyalty::of(c, config.loyalty.threshold.0);
    let relationship = cur.relationships.get(slug).copied();
    let overdue = is_current && followup::is_overdue(c.last_contact, as_of, config.followup_days);
    let risks = is_current.then(|| {
        watchlist::risks(&RiskInput {
            relationship,
            loyalty,
            overdue,
            objection: c.objection.is_some(),
        })
    });
    let place = cur.places.get(slug);
    CustomerAnalysis {
        status: c.status,
        value,
        abc: cur.classes.get(slug).copied(),
        decile: place.map(|p| p.decile),
        band: place.and_then(|p| p.band),
        relationship,
        loyalty,
        man: c.man.as_ref().map(man::qualify),
        overdue,
        risks,
        trust: trust::step(c.trust),
        tier_index,
        revenue: c.latest_revenue(),
        profit: c.latest_profit(),
    }
}

fn watch(customers: &BTreeMap<String, CustomerAnalysis>) -> Vec<String> {
    let entries: Vec<Watched> = customers
        .iter()
        .filter_map(|(slug, a)| {
            a.risks.as_ref().map(|r| Watched {
                slug,
                risks: r.len(),
                revenue: a.revenue,
            })
        })
        .collect();
    watchlist::watchlist(&entries)
}

fn counts<K: Copy + PartialEq>(all: &[K], found: impl Iterator<Item = K>) -> Vec<(K, u32)> {
    let found: Vec<K> = found.collect();
    all.iter()
        .map(|&k| (k, found.iter().filter(|&&f| f == k).count() as u32))
        .collect()
}

/// Runs every customer framework over the site.
pub fn analyze(site: &Site) -> CustomerSide {
    let config = &site.config;
    // Computed once: without `as_of` in the config it reads the clock.
    let as_of = config.as_of();
    let cur = current_results(site);
    let customers: BTreeMap<String, CustomerAnalysis> = site
        .customers
        .iter()
        .map(|(slug, c)| (slug.clone(), one(slug, c, config, as_of, &cur)))
        .collect();
    let relationship_counts = counts(&Relationship::ALL, cur.relationships.values().copied())
        .into_iter()
        .map(|(class, customers)| RelationshipCount { class, customers })
        .collect();
    let loyalty_counts = counts(
        &LoyaltyType::ALL,
        customers.values().filter_map(|a| a.loyalty),
    )
    .into_iter()
    .map(|(class, customers)| LoyaltyCount { class, customers })
    .collect();
    let config = &site.config;
    CustomerSide {
        watchlist: watch(&customers),
        pyramid: value::pyramid(&site.customers, &config.value_model),
        deciles: cur.deciles,
        portfolio: portfolio::analyze(&site.customers),
        followup: followup::analyze(&site.customers, as_of, config.followup_days),
        unscored: value::unscored(&site.customers),
        abc: cur.abc,
        relationship_counts,
        loyalty_counts,
        customers,
    }
}

#[cfg(test)]
#[path = "customers_tests.rs"]
mod tests;
