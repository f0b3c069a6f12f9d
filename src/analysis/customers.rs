//! The customer side of the analysis: runs every customer framework over
//! the site and gathers the results per customer and for the portfolio, in
//! the shape `data/analysis.json` exports (ANALYSIS.md, "Export").
//!
//! Not where any rule lives: each framework has its own module (value, abc,
//! decile, tenths, relationship, loyalty, man, trust, portfolio, followup,
//! watchlist, territory); this module only picks which customers each one
//! sees (the money-based ones and the dashboard's loyalty counts see
//! current customers only) and joins the results.
//!
//! Serialisation is part of the contract: the required keys come first in
//! the spec's order, keys that do not apply are `null` (never skipped), and
//! the extra keys templates use come after them.

use super::abc::{self, Abc, AbcClass};
use super::cadence::{self, Cadence, CadenceInput};
use super::complaints::{self, ComplaintAnalysis, Complaints};
use super::completeness::{self, Completeness};
use super::continuum::{self, Continuum};
use super::decile::{self, Deciles, Placement};
use super::focus;
use super::followup::{self, Followup};
use super::loyalty::{self, LoyaltyType};
use super::loyalty_category;
use super::man::{self, Man};
use super::portfolio::{self, Portfolio};
use super::portrait::{self, Portrait};
use super::rank::Sales;
use super::relationship::{self, RelInput, Relationship};
use super::talk_track;
use super::tenths::{self, Pareto, Tenths};
use super::territory::{self, Member, TerritoryRow};
use super::trust::{self, TrustStep};
use super::value::{self, TierRow, Value};
use super::watchlist::{self, Risk, RiskInput, Watched};
use crate::config::Config;
use crate::model::customer::{Closeness, LoyaltyCategory, Status};
use crate::model::scalars::Date;
use crate::model::{Customer, Site};
use rayon::prelude::*;
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
    /// The owner and region as shown: trimmed, `unassigned` when missing
    /// or empty (format 2; always strings).
    pub owner: String,
    pub region: String,
    // Extra keys for templates, after the required ones.
    /// The slugs of the owner and region pages.
    pub owner_slug: String,
    pub region_slug: String,
    /// The target revenue of the latest period, for a current customer
    /// that has one; `null` otherwise.
    pub target: Option<f64>,
    /// Latest revenue over that target; `null` without one (or for 0).
    pub attainment: Option<f64>,
    /// Trust level reached and the next one to build.
    pub trust: TrustStep,
    /// Position of `value.tier` in the tier list (0 = top); `null` unscored.
    pub tier_index: Option<u32>,
    /// Latest-period revenue and profit (0 without metrics), any status.
    pub revenue: f64,
    pub profit: f64,
    // Issue 12: relationship management.
    /// The customer's complaints in file order (issue 12).
    pub complaints: Vec<ComplaintAnalysis>,
    /// How many of them are open; `null` when none is recorded.
    pub open_complaints: Option<u32>,
    /// The contact cadence; `null` for a non-current customer.
    pub cadence: Option<Cadence>,
    // Issue 13 (winning the account), extra keys.
    /// Information completeness: score and missing items (format 2 extra).
    pub completeness: Completeness,
    /// The four-step presentation plan; `null` without a `presentation`.
    pub presentation: Option<talk_track::Summary>,
    /// `in` or `out` of the strategy's focus; `null` without one.
    pub focus: Option<focus::Fit>,
    /// How closely a prospect matches the portrait of our best customers
    /// and the focus; `null` for other customers, and when there is
    /// neither a portrait nor a focus.
    pub portrait_match: Option<portrait::Match>,
    // Issue 12 (seed 004): loyalty behaviour and closeness, extra keys.
    /// The loyalty behaviour category as recorded; `null` without one.
    pub loyalty_category: Option<LoyaltyCategory>,
    /// The degree on the relationship continuum; `null` without one.
    pub closeness: Option<Closeness>,
    // Issue 10: for the pages only.
    /// The customer's own SWOT, scored; `None` without one. Not exported
    /// (format 2 has no customer SWOT, and the export stays as it is):
    /// the dossier hands it to templates as `row.swot`.
    #[serde(skip)]
    pub swot: Option<super::swot::Swot>,
}

impl CustomerAnalysis {
    /// The slug of the customer's page of `kind`: its owner's (`owners`)
    /// or its region's (`regions`).
    pub fn territory_slug(&self, kind: &str) -> &str {
        if kind == "owners" {
            &self.owner_slug
        } else {
            &self.region_slug
        }
    }
}

/// How many current customers are in one relationship class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationshipCount {
    pub class: Relationship,
    pub customers: u32,
}

/// The customer side of `data/analysis.json` (flattened into it), in the
/// spec's key order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerSide {
    pub customers: BTreeMap<String, CustomerAnalysis>,
    pub watchlist: Vec<String>,
    pub pyramid: Vec<TierRow>,
    /// Current customers and prospects without a `value` block, in slug
    /// order.
    pub unscored: Vec<String>,
    /// Current customers of each loyalty type, every type in matrix order.
    pub loyalty_counts: BTreeMap<LoyaltyType, u32>,
    pub tenths: Tenths,
    pub owners: Vec<TerritoryRow>,
    pub regions: Vec<TerritoryRow>,
    pub deciles: Deciles,
    pub portfolio: Portfolio,
    pub followup: Followup,
    // Extra keys for templates, after the required ones.
    /// The ABC ranking of current customers.
    pub abc: Abc,
    /// Every relationship class in rule order, with its current customers.
    pub relationship_counts: Vec<RelationshipCount>,
    /// The Pareto chart's rows for revenue and for profit.
    pub pareto: Pareto,
    /// How many current customers there are (the small-portfolio note
    /// shows under [`SMALL_PORTFOLIO`]).
    pub current: u32,
    // Issue 12: relationship management.
    /// The portfolio's complaints (issue 12).
    pub complaints: Complaints,
    /// Issue 12: current customers with a cadence gap, in slug order.
    pub cadence_gaps: Vec<String>,
    // Issue 13 (winning the account), extra keys.
    /// Current customers and prospects whose dossier misses something,
    /// important ones first, then thinnest first.
    pub thin_dossiers: Vec<String>,
    /// Current customers and prospects whose presentation plan is not
    /// ready: fewer than four steps, or a pain no product answers.
    pub unready_presentations: Vec<String>,
    /// The portfolio against the strategy's focus.
    pub focus: focus::FocusSummary,
    /// The portrait of our best customers (current, ABC class A or top
    /// value tier).
    pub portrait: Portrait,
    /// Prospects with a match, best match first.
    pub prospect_ranking: Vec<String>,
    // Issue 12 (seed 004), extra keys.
    /// Customers of every status by loyalty behaviour category.
    pub loyalty_categories: loyalty_category::Distribution,
    /// Closeness by value tier over current customers, and the important
    /// ones at arm's length.
    pub continuum: Continuum,
}

/// Below this many current customers, ABC and deciles rest on few
/// customers and the pages say so.
pub const SMALL_PORTFOLIO: u32 = 10;

/// The results of the analyses over current customers, by slug.
struct CurrentResults {
    abc: Abc,
    classes: BTreeMap<String, AbcClass>,
    deciles: Deciles,
    places: BTreeMap<String, Placement>,
    relationships: BTreeMap<String, Relationship>,
    tenths: Tenths,
    pareto: Pareto,
    count: u32,
    /// Issue 12: the site records visit kinds.
    tracked: bool,
}

fn current_results(site: &Site) -> CurrentResults {
    let current: Vec<(&str, &Customer)> = site
        .customers
        .iter()
        .filter(|(_, c)| c.status == Status::Current)
        .map(|(s, c)| (s.as_str(), &**c))
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
    let decline = site.config.relationship.decline.0;
    let inputs: Vec<RelInput> = current
        .iter()
        .map(|(s, c)| RelInput {
            slug: s,
            price_only: c.price_only,
            profit: c.latest_profit(),
            losing_value: losing_value(c, decline),
        })
        .collect();
    let revenue: Vec<(&str, f64)> = sales.iter().map(|s| (s.slug, s.revenue)).collect();
    let profit: Vec<(&str, f64)> = sales.iter().map(|s| (s.slug, s.profit)).collect();
    CurrentResults {
        abc,
        classes,
        deciles,
        places,
        relationships: relationship::classify(&inputs),
        tenths: Tenths {
            revenue: tenths::tenths(&revenue),
            profit: tenths::tenths(&profit),
        },
        pareto: Pareto {
            revenue: tenths::pareto(&revenue),
            profit: tenths::pareto(&profit),
        },
        count: current.len() as u32,
        tracked: cadence::tracked(site.customers.iter().map(|(_, c)| &**c)),
    }
}

/// Losing value, from the last two periods' profits.
fn losing_value(c: &Customer, decline: f64) -> bool {
    let previous = c
        .metrics
        .len()
        .checked_sub(2)
        .map(|i| c.metrics[i].profit.0);
    relationship::is_losing_value(c.latest_profit(), previous, decline)
}

/// Joins every framework's result for one customer.
fn one(
    slug: &str,
    c: &Customer,
    config: &Config,
    as_of: Date,
    cur: &CurrentResults,
    products: &[crate::model::company::Product],
    strategy: Option<&crate::model::company::Strategy>,
) -> CustomerAnalysis {
    let is_current = c.status == Status::Current;
    let value = c
        .value
        .as_ref()
        .map(|v| value::score(v, &config.value_model));
    let tier_index = value
        .as_ref()
        .map(|v| value::tier_index(v.score, &config.value_model.tiers) as u32);
    let loyalty = loyalty::of(c, &(&config.loyalty).into());
    let relationship = cur.relationships.get(slug).copied();
    let overdue = is_current && followup::is_overdue(c.last_contact, as_of, config.followup_days);
    let cadence = is_current.then(|| {
        let class = relationship
            .and_then(|r| serde_json::to_value(r).ok())
            .and_then(|v| v.as_str().map(str::to_string));
        cadence::of(
            c,
            &CadenceInput {
                as_of,
                followup_days: config.followup_days,
                config: &config.cadence,
                tier: value.as_ref().map(|v| v.tier.as_str()),
                tier_index,
                relationship: class.as_deref(),
                tracked: cur.tracked,
            },
        )
    });
    let abc = cur.classes.get(slug).copied();
    let risks = is_current.then(|| {
        watchlist::risks(&RiskInput {
            losing_value: losing_value(c, config.relationship.decline.0),
            loyalty,
            overdue,
            objection: c.objection.is_some(),
            complaint: complaints::risk(c, as_of, config.complaint_days),
            cadence: cadence.as_ref().is_some_and(|k| !k.gaps.is_empty()),
            category: loyalty_category::warning(c.loyalty_category),
            arms_length: continuum::at_arms_length(
                c.closeness,
                continuum::is_important(tier_index, abc),
            ),
        })
    });
    let place = cur.places.get(slug);
    let target = is_current
        .then(|| c.latest_target().map(|t| t.revenue.0))
        .flatten();
    let man = c.man.as_ref().map(man::qualify);
    let important = completeness::is_important(c.status, abc, man.as_ref().map(|m| m.grade));
    CustomerAnalysis {
        completeness: completeness::of(c, important),
        presentation: talk_track::plan(c, products)
            .as_ref()
            .map(talk_track::summary),
        focus: strategy.and_then(|s| focus::fit(c, s)),
        // Filled in once the portrait is known.
        portrait_match: None,
        loyalty_category: c.loyalty_category,
        closeness: c.closeness,
        swot: c.swot.as_ref().map(super::swot::score),
        status: c.status,
        value,
        abc,
        decile: place.map(|p| p.decile),
        band: place.and_then(|p| p.band),
        relationship,
        loyalty,
        man,
        overdue,
        risks,
        owner: territory::name_of(c.owner.as_deref()).to_string(),
        region: territory::name_of(c.region.as_deref()).to_string(),
        // Filled in once the territories are known.
        owner_slug: String::new(),
        region_slug: String::new(),
        target,
        attainment: territory::attainment(c.latest_revenue(), target),
        trust: trust::step(c.trust),
        tier_index,
        revenue: c.latest_revenue(),
        profit: c.latest_profit(),
        open_complaints: (!c.complaints.is_empty())
            .then(|| c.complaints.iter().filter(|x| x.closed.is_none()).count() as u32),
        complaints: complaints::of(c, as_of, config.complaint_days),
        cadence,
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

/// Owners and regions, with each customer's page slugs filled in.
fn territories<'a>(
    site: &Site,
    customers: &mut BTreeMap<String, CustomerAnalysis>,
    watchlist: &'a [String],
    followup: &'a Followup,
) -> (Vec<TerritoryRow>, Vec<TerritoryRow>) {
    let set = |list: &'a [String]| -> foldhash::HashSet<&'a str> {
        list.iter().map(String::as_str).collect()
    };
    let (overdue, watched, upcoming) = (
        set(&followup.overdue),
        set(watchlist),
        set(&followup.upcoming),
    );
    // Both in slug order.
    debug_assert!(site.customers.iter().map(|(s, _)| s).eq(customers.keys()));
    let members = |name: fn(&Customer) -> Option<&str>| -> Vec<Member> {
        site.customers
            .iter()
            .zip(customers.values())
            .map(|((slug, c), a)| Member {
                slug,
                name: name(c),
                status: c.status,
                revenue: c.latest_revenue(),
                target: a.target,
                overdue: overdue.contains(slug.as_str()),
                watchlist: watched.contains(slug.as_str()),
                upcoming: upcoming.contains(slug.as_str()),
            })
            .collect()
    };
    let (owners, owner_of) = territory::territories(&members(|c| c.owner.as_deref()));
    let (regions, region_of) = territory::territories(&members(|c| c.region.as_deref()));
    for ((a, owner), region) in customers.values_mut().zip(owner_of).zip(region_of) {
        a.owner_slug = owner;
        a.region_slug = region;
    }
    (owners, regions)
}

/// The portrait of the best customers, each prospect's match filled in,
/// and the prospects ranked by it.
fn portrait_and_matches(
    site: &Site,
    customers: &mut BTreeMap<String, CustomerAnalysis>,
) -> (Portrait, Vec<String>) {
    let bands = site.config.portrait.size_bands;
    let best: Vec<portrait::Best> = site
        .customers
        .par_iter()
        .filter(|(slug, _)| {
            let a = &customers[slug];
            a.status == Status::Current && (a.abc == Some(AbcClass::A) || a.tier_index == Some(0))
        })
        .map(|(slug, c)| portrait::Best {
            slug: slug.clone(),
            profile: portrait::profile(c, bands),
            revenue: c.latest_revenue(),
        })
        .collect();
    let picture = portrait::portrait(&best);
    let prospects: Vec<(&String, Option<portrait::Match>)> = site
        .customers
        .par_iter()
        .filter_map(|(slug, c)| {
            let a = &customers[slug];
            (a.status == Status::Prospect).then(|| {
                let m = portrait::match_of(&portrait::profile(c, bands), &picture, a.focus);
                (slug, m)
            })
        })
        .collect();
    for (slug, m) in prospects {
        customers
            .get_mut(slug)
            .expect("every customer is analysed")
            .portrait_match = m;
    }
    let matches: Vec<(&str, &portrait::Match)> = customers
        .iter()
        .filter_map(|(slug, a)| Some((slug.as_str(), a.portrait_match.as_ref()?)))
        .collect();
    let ranking = portrait::rank(&matches);
    (picture, ranking)
}

/// The portfolio analyses made from the customers' files alone.
struct FilesOnly {
    followup: Followup,
    pyramid: Vec<TierRow>,
    unscored: Vec<String>,
    portfolio: Portfolio,
    complaints: Complaints,
    loyalty_categories: loyalty_category::Distribution,
}

/// Runs every customer framework over the site.
pub fn analyze(site: &Site) -> CustomerSide {
    let config = &site.config;
    // Computed once: without `as_of` in the config it reads the clock.
    let as_of = config.as_of();
    // The analyses that read the customers' files only run beside the
    // ranking of current customers and each customer's own analysis.
    let (files_only, (cur, each)) = rayon::join(
        || FilesOnly {
            followup: followup::analyze(&site.customers, as_of, config.followup_days),
            pyramid: value::pyramid(&site.customers, &config.value_model),
            unscored: value::unscored(&site.customers),
            portfolio: portfolio::analyze(&site.customers),
            complaints: complaints::portfolio(site, as_of, config.complaint_days),
            loyalty_categories: loyalty_category::distribution(
                site.customers.iter().map(|(_, c)| &**c),
            ),
        },
        || {
            let cur = current_results(site);
            // Each customer on its own, on every core.
            let products = site.company.products.as_deref().unwrap_or_default();
            let strategy = site.company.strategy.as_ref();
            let each: Vec<(String, CustomerAnalysis)> = site
                .customers
                .par_iter()
                .map(|(slug, c)| {
                    (
                        slug.clone(),
                        one(slug, c, config, as_of, &cur, products, strategy),
                    )
                })
                .collect();
            (cur, each)
        },
    );
    let FilesOnly {
        followup,
        pyramid,
        unscored,
        portfolio,
        complaints,
        loyalty_categories,
    } = files_only;
    let mut customers: BTreeMap<String, CustomerAnalysis> = each.into_iter().collect();
    let relationship_counts = counts(&Relationship::ALL, cur.relationships.values().copied())
        .into_iter()
        .map(|(class, customers)| RelationshipCount { class, customers })
        .collect();
    let loyalty_counts = counts(
        &LoyaltyType::ALL,
        customers
            .values()
            .filter(|a| a.status == Status::Current)
            .filter_map(|a| a.loyalty),
    )
    .into_iter()
    .collect();
    let watchlist = watch(&customers);
    let (owners, regions) = territories(site, &mut customers, &watchlist, &followup);
    let thin_dossiers = completeness::thinnest(
        &customers
            .iter()
            .filter(|(_, a)| matches!(a.status, Status::Current | Status::Prospect))
            .map(|(slug, a)| completeness::Candidate {
                slug,
                important: a.completeness.important,
                score: a.completeness.score,
                revenue: a.revenue,
            })
            .collect::<Vec<_>>(),
    );
    let unready_presentations = customers
        .iter()
        .filter(|(_, a)| matches!(a.status, Status::Current | Status::Prospect))
        .filter(|(_, a)| {
            a.presentation
                .as_ref()
                .is_some_and(|p| p.steps < 4 || p.unanswered > 0)
        })
        .map(|(slug, _)| slug.clone())
        .collect();
    let focus = focus::summarise(
        &customers
            .iter()
            .map(|(slug, a)| focus::Member {
                slug,
                status: a.status,
                fit: a.focus,
                revenue: a.revenue,
                important: a.completeness.important,
            })
            .collect::<Vec<_>>(),
    );
    let (portrait, prospect_ranking) = portrait_and_matches(site, &mut customers);
    let tiers: Vec<String> = config
        .value_model
        .tiers
        .iter()
        .map(|t| t.name.clone())
        .collect();
    let continuum = continuum::summarise(
        &tiers,
        &customers
            .iter()
            .filter(|(_, a)| a.status == Status::Current)
            .map(|(slug, a)| continuum::Member {
                slug,
                closeness: a.closeness,
                tier_index: a.tier_index,
                important: continuum::is_important(a.tier_index, a.abc),
            })
            .collect::<Vec<_>>(),
    );
    CustomerSide {
        loyalty_categories,
        continuum,
        focus,
        portrait,
        prospect_ranking,
        unready_presentations,
        thin_dossiers,
        watchlist,
        pyramid,
        unscored,
        loyalty_counts,
        tenths: cur.tenths,
        owners,
        regions,
        deciles: cur.deciles,
        portfolio,
        followup,
        abc: cur.abc,
        relationship_counts,
        pareto: cur.pareto,
        current: cur.count,
        complaints,
        cadence_gaps: customers
            .iter()
            .filter(|(_, a)| a.cadence.as_ref().is_some_and(|k| !k.gaps.is_empty()))
            .map(|(s, _)| s.clone())
            .collect(),
        customers,
    }
}

#[cfg(test)]
#[path = "customers_tests.rs"]
mod tests;
