//! The customer value scorecard and the value pyramid (ANALYSIS.md,
//! "Customer value scorecard and pyramid"): actual and potential value, the
//! weighted score, the tier, and per tier (format 2) the number of current
//! customers, the number of prospects apart, and the tier's share of
//! current revenue. Former and blacklisted customers are scored (their
//! dossiers show a tier) but counted in no tier.
//!
//! Not the ABC or decile analyses (money only): the scorecard rates judged
//! aspects, and customers of any status are scored.
//!
//! Readings where the spec is silent:
//! - Weights are normalised by dividing the weighted sum once by the sum of
//!   the weights (the same value as normalising each weight first, with
//!   less rounding).
//! - Score, actual and potential are cleared of binary floating-point noise
//!   by snapping them to 9 decimals ([`snap`]). Weights such as 0.3 are not
//!   exact in binary, so a scorecard that is 6.5 on paper (for example 0, 9,
//!   10, 9 with the default weights) would come out as 6.499999999999999,
//!   land one tier lower, and disagree with the spec's own
//!   `min_score <= score` for anyone reading the export. The export stays
//!   "unrounded" in the spec's sense: rounding for display (one decimal)
//!   is still the templates' job.
//! - `check` guarantees at least one tier and a last tier at 0, so every
//!   score finds a tier; if none matched anyway, the last tier is used.
//! - The revenue share is 0 when current revenue sums to 0 or less
//!   (negative revenue totals make no sensible share).

use super::rank::share;
use crate::config::{TierDef, ValueModel};
use crate::model::Customer;
use crate::model::customer::{Status, ValueInput};
use serde::Serialize;

/// Snapping step of [`snap`]: far below any difference a scorecard means.
const SNAP: f64 = 1e9;

/// Removes floating-point noise: the nearest multiple of 1e-9 (0 for a
/// non-finite input, which cannot come from range-checked scores).
pub fn snap(x: f64) -> f64 {
    let s = (x * SNAP).round() / SNAP;
    if s.is_finite() { s } else { 0.0 }
}

/// The scorecard of one customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Value {
    /// Weighted mean of the four aspects (0..10).
    pub score: f64,
    /// Weighted mean of financial and sales value.
    pub actual: f64,
    /// Weighted mean of customer and service value.
    pub potential: f64,
    /// Name of the tier reached.
    pub tier: String,
}

/// One tier of the pyramid, top to bottom.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TierRow {
    pub tier: String,
    /// Current customers in this tier.
    pub customers: u32,
    /// Prospects in this tier, counted apart.
    pub prospects: u32,
    /// Latest revenue of the tier's current customers over that of all
    /// current customers.
    pub revenue_share: f64,
}

fn mean2(w1: f64, x1: f64, w2: f64, x2: f64) -> f64 {
    snap(share(w1 * x1 + w2 * x2, w1 + w2))
}

/// Scores one customer's `value` block.
pub fn score(input: &ValueInput, model: &ValueModel) -> Value {
    let w = &model.weights;
    let (wf, ws, wc, wv) = (w.financial.0, w.sales.0, w.customer.0, w.service.0);
    let (f, s, c, v) = (
        input.financial.0,
        input.sales.0,
        input.customer.0,
        input.service.0,
    );
    let score = snap(share(wf * f + ws * s + wc * c + wv * v, w.sum()));
    let tier = tier_index(score, &model.tiers);
    Value {
        score,
        actual: mean2(wf, f, ws, s),
        potential: mean2(wc, c, wv, v),
        tier: model
            .tiers
            .get(tier)
            .map(|t| t.name.clone())
            .unwrap_or_default(),
    }
}

/// Index of the first tier, top to bottom, whose `min_score <= score`
/// (0 is the top tier); the last tier when none matches.
pub fn tier_index(score: f64, tiers: &[TierDef]) -> usize {
    tiers
        .iter()
        .position(|t| t.min_score <= score)
        .unwrap_or(tiers.len().saturating_sub(1))
}

/// The pyramid: one row per tier of the model, empty tiers included.
pub fn pyramid(
    customers: &[(String, std::sync::Arc<Customer>)],
    model: &ValueModel,
) -> Vec<TierRow> {
    let is_current = |c: &Customer| c.status == Status::Current;
    let total: f64 = customers
        .iter()
        .filter(|(_, c)| is_current(c))
        .map(|(_, c)| c.latest_revenue())
        .sum();
    let n = model.tiers.len();
    let (mut current, mut prospects, mut revenue) = (vec![0u32; n], vec![0u32; n], vec![0.0; n]);
    for (_, c) in customers {
        let Some(v) = &c.value else { continue };
        let i = tier_index(score(v, model).score, &model.tiers);
        if i >= n {
            continue;
        }
        match c.status {
            Status::Current => {
                current[i] += 1;
                revenue[i] += c.latest_revenue();
            }
            Status::Prospect => prospects[i] += 1,
            Status::Former | Status::Blacklisted => {}
        }
    }
    model
        .tiers
        .iter()
        .enumerate()
        .map(|(i, t)| TierRow {
            tier: t.name.clone(),
            customers: current[i],
            prospects: prospects[i],
            revenue_share: share(revenue[i], total),
        })
        .collect()
}

/// Slugs of the current customers and prospects without a `value` block,
/// in slug order (former and blacklisted ones are not asked to be scored).
pub fn unscored(customers: &[(String, std::sync::Arc<Customer>)]) -> Vec<String> {
    customers
        .iter()
        .filter(|(_, c)| matches!(c.status, Status::Current | Status::Prospect))
        .filter(|(_, c)| c.value.is_none())
        .map(|(s, _)| s.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testutil::{customer, site};
    use crate::config::Weights;
    use crate::model::scalars::{Score10, Weight};

    fn input(f: f64, s: f64, c: f64, v: f64) -> ValueInput {
        ValueInput {
            financial: Score10(f),
            sales: Score10(s),
            customer: Score10(c),
            service: Score10(v),
        }
    }

    fn model_with(weights: [f64; 4]) -> ValueModel {
        let [f, s, c, v] = weights.map(Weight);
        ValueModel {
            weights: Weights {
                financial: f,
                sales: s,
                customer: c,
                service: v,
            },
            ..ValueModel::default()
        }
    }

    #[test]
    fn scores_actual_potential_and_tier() {
        let default = [0.3, 0.3, 0.2, 0.2];
        // (weights, aspects, score, actual, potential, tier)
        let cases = [
            (default, [9.0, 6.0, 6.0, 7.75], 7.25, 7.5, 6.875, "gold"),
            (default, [9.0, 8.5, 8.0, 8.0], 8.45, 8.75, 8.0, "platinum"),
            (default, [0.0, 0.0, 0.0, 0.0], 0.0, 0.0, 0.0, "lead"),
            (
                default,
                [10.0, 10.0, 10.0, 10.0],
                10.0,
                10.0,
                10.0,
                "platinum",
            ),
            // exactly on a boundary: the tier is reached
            (default, [6.5, 6.5, 6.5, 6.5], 6.5, 6.5, 6.5, "gold"),
            (default, [4.5, 4.5, 4.5, 4.5], 4.5, 4.5, 4.5, "iron"),
            (default, [4.0, 4.0, 5.0, 5.0], 4.4, 4.0, 5.0, "lead"),
            // unsnapped, these sums come out as 6.499999999999999 and
            // 4.499999999999999
            (default, [0.0, 9.0, 10.0, 9.0], 6.5, 4.5, 9.5, "gold"),
            (default, [1.0, 8.0, 7.5, 1.5], 4.5, 4.5, 4.5, "iron"),
            // weights that do not sum to 1 are normalised
            (
                [3.0, 3.0, 2.0, 2.0],
                [9.0, 6.0, 6.0, 7.75],
                7.25,
                7.5,
                6.875,
                "gold",
            ),
            (
                [1.0, 1.0, 1.0, 1.0],
                [8.0, 8.0, 0.0, 0.0],
                4.0,
                8.0,
                0.0,
                "lead",
            ),
            (
                [0.5, 0.5, 0.5, 0.5],
                [10.0, 6.0, 8.0, 8.0],
                8.0,
                8.0,
                8.0,
                "platinum",
            ),
        ];
        for (weights, [f, s, c, v], want_score, actual, potential, tier) in cases {
            let got = score(&input(f, s, c, v), &model_with(weights));
            // exact equality: snapping leaves no floating-point noise
            let want = (want_score, actual, potential, tier);
            let got = (got.score, got.actual, got.potential, got.tier.as_str());
            assert_eq!(got, want, "{weights:?} {f} {s} {c} {v}");
        }
    }

    #[test]
    fn snapping_removes_noise_only() {
        let cases = [
            (6.499999999999999, 6.5),
            (7.25, 7.25),
            (1.0 / 3.0, 0.333333333),
            (0.0, 0.0),
            (f64::NAN, 0.0),
        ];
        for (x, want) in cases {
            assert_eq!(snap(x), want, "{x}");
        }
    }

    #[test]
    fn tier_is_the_first_reached_top_to_bottom() {
        let tiers = ValueModel::default().tiers;
        let cases = [
            (10.0, 0),
            (8.0, 0),
            (7.999, 1),
            (6.5 - 1e-12, 2),
            (6.49, 2),
            (0.0, 3),
        ];
        for (s, want) in cases {
            assert_eq!(tier_index(s, &tiers), want, "{s}");
        }
        assert_eq!(tier_index(5.0, &[]), 0);
    }

    const TOP: &str = "value: { financial: 9, sales: 9, customer: 9, service: 9 }";
    const GOLD: &str = "value: { financial: 7, sales: 7, customer: 7, service: 7 }";

    fn rows(s: &crate::model::Site) -> Vec<(String, u32, u32, f64)> {
        pyramid(&s.customers, &s.config.value_model)
            .into_iter()
            .map(|r| (r.tier, r.customers, r.prospects, r.revenue_share))
            .collect()
    }

    fn row(tier: &str, customers: u32, prospects: u32, share: f64) -> (String, u32, u32, f64) {
        (tier.to_string(), customers, prospects, share)
    }

    #[test]
    fn pyramid_counts_current_customers_with_prospects_apart() {
        let s = site(vec![
            (
                "a",
                customer(&format!(
                    "status: current\n{TOP}\nmetrics: [{{ period: 1, revenue: 300, profit: 1 }}]"
                )),
            ),
            (
                "b",
                customer(&format!(
                    "status: current\n{GOLD}\nmetrics: [{{ period: 1, revenue: 100, profit: 1 }}]"
                )),
            ),
            ("c", customer(&format!("status: prospect\n{TOP}"))),
            // former and blacklisted: scored, but in no count
            (
                "e",
                customer(&format!(
                    "status: former\n{TOP}\nmetrics: [{{ period: 1, revenue: 900, profit: 1 }}]"
                )),
            ),
            ("f", customer(&format!("status: blacklisted\n{GOLD}"))),
            // current but unscored: its revenue still counts in the total
            (
                "d",
                customer("status: current\nmetrics: [{ period: 1, revenue: 600, profit: 1 }]"),
            ),
            ("g", customer("status: prospect")),
            ("h", customer("status: former")),
        ]);
        assert_eq!(
            rows(&s),
            [
                row("platinum", 1, 1, 0.3),
                row("gold", 1, 0, 0.1),
                row("iron", 0, 0, 0.0),
                row("lead", 0, 0, 0.0)
            ]
        );
        // current customers and prospects without a scorecard only
        assert_eq!(unscored(&s.customers), ["d", "g"]);
    }

    #[test]
    fn a_tier_holding_only_prospects_has_no_customers_and_no_share() {
        let s = site(vec![
            ("p1", customer(&format!("status: prospect\n{TOP}"))),
            ("p2", customer(&format!("status: prospect\n{TOP}"))),
            (
                "c",
                customer(&format!(
                    "status: current\n{GOLD}\nmetrics: [{{ period: 1, revenue: 50, profit: 1 }}]"
                )),
            ),
        ]);
        assert_eq!(
            rows(&s),
            [
                row("platinum", 0, 2, 0.0),
                row("gold", 1, 0, 1.0),
                row("iron", 0, 0, 0.0),
                row("lead", 0, 0, 0.0)
            ]
        );
    }

    #[test]
    fn pyramid_shares_are_zero_without_current_revenue() {
        let s = site(vec![
            (
                "a",
                customer(
                    "status: current\nvalue: { financial: 1, sales: 1, customer: 1, service: 1 }",
                ),
            ),
            (
                "b",
                customer(&format!(
                    "status: former\n{TOP}\nmetrics: [{{ period: 1, revenue: 500, profit: 1 }}]"
                )),
            ),
        ]);
        let got = rows(&s);
        assert!(got.iter().all(|r| r.3 == 0.0));
        assert_eq!(
            (got[0].1, got[3].1),
            (0, 1),
            "the former customer is in no tier"
        );
        assert!(
            pyramid(&[], &s.config.value_model)
                .iter()
                .all(|r| r.customers == 0 && r.prospects == 0)
        );
    }
}
