//! The analysis: pure functions from a checked [`Site`] to plain structs
//! that derive `Serialize`. The same structs are what templates render and
//! what `data/analysis.json` exports (spec/ANALYSIS.md). No I/O, no
//! formatting: numbers are unrounded, templates round for display.

pub mod abc;
// Issue 12: contact cadence.
pub mod cadence;
pub mod company;
// Issue 12: the relationship continuum.
pub mod continuum;
// Issue 12: relationship management.
pub mod complaints;
pub mod completeness;
pub mod customers;
pub mod decile;
pub mod five_forces;
pub mod focus;
pub mod followup;
pub mod loyalty;
// Issue 12: loyalty behaviour categories.
pub mod loyalty_category;
pub mod man;
pub mod next_steps;
pub mod obl;
pub mod pestle;
pub mod portfolio;
// Issue 13: the portrait of our best customers and prospects by match.
pub mod portrait;
pub mod rank;
pub mod relationship;
pub mod seven_s;
pub mod swot;
pub mod talk_track;
pub mod tenths;
pub mod territory;
#[cfg(test)]
pub mod testutil;
pub mod trust;
pub mod value;
pub mod watchlist;

use crate::model::Site;
use crate::model::scalars::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// The version of the export format.
pub const FORMAT: u32 = 2;

#[derive(Debug, Clone, Serialize)]
pub struct CompetitorAnalysis {
    pub swot: swot::Swot,
}

/// Everything computed for a site; serialises as `data/analysis.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub format: u32,
    pub as_of: Date,
    pub company: company::CompanyAnalysis,
    pub competitors: BTreeMap<String, CompetitorAnalysis>,
    #[serde(flatten)]
    pub customers: customers::CustomerSide,
    /// The competitor comparison: `self` first, then competitors by slug.
    pub comparison: Vec<swot::ComparisonRow>,
}

/// Runs every framework on the site.
pub fn analyze(site: &Site) -> Analysis {
    let company = company::analyze(&site.company);
    let competitors: BTreeMap<String, CompetitorAnalysis> = site
        .competitors
        .iter()
        .map(|(slug, c)| {
            (
                slug.clone(),
                CompetitorAnalysis {
                    swot: swot::score(&c.swot),
                },
            )
        })
        .collect();
    let mut comparison = vec![swot::ComparisonRow {
        key: "self".into(),
        name: site.company.name.clone(),
        swot: company
            .swot
            .clone()
            .unwrap_or_else(|| swot::score(&Default::default())),
    }];
    comparison.extend(
        site.competitors
            .iter()
            .map(|(slug, c)| swot::ComparisonRow {
                key: slug.clone(),
                name: c.name.clone(),
                swot: competitors[slug].swot.clone(),
            }),
    );
    Analysis {
        format: FORMAT,
        as_of: site.config.as_of(),
        company,
        competitors,
        customers: customers::analyze(site),
        comparison,
    }
}
