//! Purchase decile analysis (ANALYSIS.md, "Purchase decile analysis"):
//! current customers ranked by latest profit, cut into ten equal groups of
//! customers (`by_customers`) and into the ten tenths of the positive
//! profit (`by_profit`, how many customers make each tenth).
//!
//! Not the ABC classification (configurable indicator and thresholds) and
//! not the choice of customers: the caller passes the current ones.
//!
//! Readings where the spec is silent:
//! - `decile = floor(10*r/N) + 1` is computed in integers, so it is exact.
//! - `band` is computed as `floor(10*cum/total) + 1` with one division, and
//!   kept within 1..10 in case rounding ever brings `before` to 1.
//! - A total revenue <= 0 gives revenue shares of 0, like profit.
//! - `cum_profit_share` is the running profit over the total (one
//!   division), which equals the running sum of `profit_share` without
//!   accumulating rounding: the last decile is exactly 1 when the total is
//!   positive.

use super::rank::{Sales, positive_sums_above, rank_by, share};
use serde::Serialize;
use std::collections::BTreeMap;

/// One tenth of the current customers by rank.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecileRow {
    pub decile: u32,
    pub customers: u32,
    pub revenue: f64,
    pub profit: f64,
    pub revenue_share: f64,
    pub profit_share: f64,
    pub cum_profit_share: f64,
}

/// The customers whose ranking starts in one tenth of the positive profit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandRow {
    pub band: u32,
    pub customers: u32,
    pub revenue: f64,
    pub profit: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deciles {
    /// Deciles 1..10, always ten rows.
    pub by_customers: Vec<DecileRow>,
    /// Bands 1..10, always ten rows.
    pub by_profit: Vec<BandRow>,
    /// Current customers with a latest profit <= 0 (in no band).
    pub unprofitable: u32,
}

/// Where one customer falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub decile: u32,
    /// `None` for a profit <= 0.
    pub band: Option<u32>,
}

/// The decile of the customer at 0-based rank `r` among `n`.
pub fn decile_of(r: usize, n: usize) -> u32 {
    if n == 0 {
        return 1;
    }
    // r < n, so the quotient is at most 9.
    (10 * r / n) as u32 + 1
}

/// The band of a positive profit whose ranked-above positive profit is `cum`.
pub fn band_of(cum: f64, total: f64) -> u32 {
    let tenths = share(10.0 * cum, total).floor();
    (tenths.clamp(0.0, 9.0) as u32) + 1
}

/// Runs both cuts over the current customers' latest figures.
pub fn analyze(sales: &[Sales]) -> (Deciles, BTreeMap<String, Placement>) {
    let mut ranked: Vec<&Sales> = sales.iter().collect();
    rank_by(&mut ranked, |s| s.profit, |s| s.slug);
    let profits: Vec<f64> = ranked.iter().map(|s| s.profit).collect();
    let above = positive_sums_above(&profits);
    let positive: f64 = profits.iter().filter(|&&p| p > 0.0).sum();
    // In rank order, beside `ranked`.
    let placed: Vec<Placement> = ranked
        .iter()
        .enumerate()
        .map(|(r, s)| Placement {
            decile: decile_of(r, ranked.len()),
            band: (s.profit > 0.0).then(|| band_of(above[r], positive)),
        })
        .collect();
    let places = ranked
        .iter()
        .zip(&placed)
        .map(|(s, p)| (s.slug.to_string(), *p))
        .collect();
    let deciles = Deciles {
        by_customers: by_customers(&ranked, &placed),
        by_profit: by_profit(&ranked, &placed),
        unprofitable: ranked.iter().filter(|s| s.profit <= 0.0).count() as u32,
    };
    (deciles, places)
}

fn by_customers(ranked: &[&Sales], placed: &[Placement]) -> Vec<DecileRow> {
    let revenue_total: f64 = ranked.iter().map(|s| s.revenue).sum();
    let profit_total: f64 = ranked.iter().map(|s| s.profit).sum();
    let mut cum_profit = 0.0;
    (1..=10)
        .map(|d| {
            let (customers, revenue, profit) = sums(ranked, placed, |p| p.decile == d);
            cum_profit += profit;
            DecileRow {
                decile: d,
                customers,
                revenue,
                profit,
                revenue_share: share(revenue, revenue_total),
                profit_share: share(profit, profit_total),
                cum_profit_share: share(cum_profit, profit_total),
            }
        })
        .collect()
}

fn by_profit(ranked: &[&Sales], placed: &[Placement]) -> Vec<BandRow> {
    (1..=10)
        .map(|b| {
            let (customers, revenue, profit) = sums(ranked, placed, |p| p.band == Some(b));
            BandRow {
                band: b,
                customers,
                revenue,
                profit,
            }
        })
        .collect()
}

/// The customers of `ranked` whose placement (`placed`, in the same
/// order) passes `keep`: how many, and their revenue and profit, summed
/// in rank order.
fn sums(
    ranked: &[&Sales],
    placed: &[Placement],
    keep: impl Fn(&Placement) -> bool,
) -> (u32, f64, f64) {
    ranked
        .iter()
        .zip(placed)
        .filter(|(_, p)| keep(p))
        .fold((0, 0.0, 0.0), |(n, r, p), (s, _)| {
            (n + 1, r + s.revenue, p + s.profit)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sales(rows: &[(&'static str, f64, f64)]) -> Vec<Sales<'static>> {
        rows.iter()
            .map(|&(slug, revenue, profit)| Sales {
                slug,
                revenue,
                profit,
            })
            .collect()
    }

    fn places(rows: &[(&'static str, f64, f64)]) -> Vec<(String, u32, Option<u32>)> {
        let (_, p) = analyze(&sales(rows));
        p.into_iter().map(|(s, x)| (s, x.decile, x.band)).collect()
    }

    fn want(rows: &[(&str, u32, Option<u32>)]) -> Vec<(String, u32, Option<u32>)> {
        rows.iter()
            .map(|&(s, d, b)| (s.to_string(), d, b))
            .collect()
    }

    #[test]
    fn deciles_by_rank() {
        let cases = [
            (0, 10, 1),
            (9, 10, 10),
            (0, 3, 1),
            (1, 3, 4),
            (2, 3, 7),
            (19, 20, 10),
            (10, 20, 6),
            (0, 1, 1),
            (0, 0, 1),
        ];
        for (r, n, d) in cases {
            assert_eq!(decile_of(r, n), d, "r={r} n={n}");
        }
    }

    #[test]
    fn bands_by_share_held_above() {
        let cases = [
            (0.0, 100.0, 1),
            (9.999, 100.0, 1),
            (10.0, 100.0, 2),
            (30.0, 100.0, 4),
            (90.0, 100.0, 10),
            (99.99999, 100.0, 10),
            (100.0, 100.0, 10),
            (5.0, 0.0, 1),
        ];
        for (cum, total, b) in cases {
            assert_eq!(band_of(cum, total), b, "{cum}/{total}");
        }
    }

    #[test]
    fn placements_rank_by_profit_with_slug_ties() {
        let got = places(&[
            ("c", 10.0, 50.0),
            ("a", 10.0, 20.0),
            ("b", 10.0, 20.0),
            ("d", 10.0, 10.0),
            ("e", 10.0, 0.0),
            ("f", 10.0, -5.0),
        ]);
        // total positive profit 100: c before 0, a 0.5, b 0.7, d 0.9
        assert_eq!(
            got,
            want(&[
                ("a", 2, Some(6)),
                ("b", 4, Some(8)),
                ("c", 1, Some(1)),
                ("d", 6, Some(10)),
                ("e", 7, None),
                ("f", 9, None),
            ])
        );
    }

    #[test]
    fn fewer_than_ten_customers_leave_empty_deciles_with_zeros() {
        let (d, _) = analyze(&sales(&[("a", 300.0, 60.0), ("b", 100.0, 40.0)]));
        assert_eq!(d.by_customers.len(), 10);
        let filled: Vec<_> = d
            .by_customers
            .iter()
            .map(|r| (r.decile, r.customers, r.profit_share, r.cum_profit_share))
            .collect();
        assert_eq!(filled[0], (1, 1, 0.6, 0.6));
        assert_eq!(filled[5], (6, 1, 0.4, 1.0));
        for i in [1, 2, 3, 4, 6, 7, 8, 9] {
            let r = &d.by_customers[i];
            assert_eq!(
                (r.customers, r.revenue, r.profit, r.revenue_share),
                (0, 0.0, 0.0, 0.0)
            );
        }
        assert_eq!(d.by_customers[0].revenue_share, 0.75);
        assert_eq!(d.by_customers[9].cum_profit_share, 1.0);
        let bands: Vec<_> = d.by_profit.iter().map(|b| b.customers).collect();
        assert_eq!(bands, [1, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
        assert_eq!(d.unprofitable, 0);
    }

    #[test]
    fn no_customers_give_ten_empty_rows_each() {
        let (d, p) = analyze(&[]);
        assert!(p.is_empty());
        assert_eq!(d.by_customers.len(), 10);
        assert_eq!(d.by_profit.len(), 10);
        assert!(
            d.by_customers
                .iter()
                .all(|r| r.customers == 0 && r.cum_profit_share == 0.0)
        );
        assert_eq!(d.unprofitable, 0);
    }

    #[test]
    fn negative_total_profit_gives_zero_profit_shares() {
        let (d, p) = analyze(&sales(&[
            ("a", 100.0, 10.0),
            ("b", 100.0, -30.0),
            ("c", 0.0, 0.0),
        ]));
        assert!(d.by_customers.iter().all(|r| r.profit_share == 0.0));
        assert!(d.by_customers.iter().all(|r| r.cum_profit_share == 0.0));
        assert_eq!(d.by_customers[0].revenue_share, 0.5);
        assert_eq!(d.unprofitable, 2);
        assert_eq!(p["a"].band, Some(1));
        assert_eq!(
            d.by_profit[0],
            BandRow {
                band: 1,
                customers: 1,
                revenue: 100.0,
                profit: 10.0
            }
        );
    }

    #[test]
    fn profit_shares_include_negative_profits() {
        let (d, _) = analyze(&sales(&[("a", 0.0, 150.0), ("b", 0.0, -50.0)]));
        // total profit 100, revenue 0: revenue shares are 0, no NaN
        assert_eq!(d.by_customers[0].profit_share, 1.5);
        assert_eq!(d.by_customers[5].profit_share, -0.5);
        assert_eq!(d.by_customers[9].cum_profit_share, 1.0);
        assert!(d.by_customers.iter().all(|r| r.revenue_share == 0.0));
    }

    #[test]
    fn twelve_customers_fill_deciles_unevenly() {
        let rows: Vec<(&'static str, f64, f64)> =
            ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]
                .iter()
                .map(|&s| (s, 1.0, 1.0))
                .collect();
        let (d, _) = analyze(&sales(&rows));
        let counts: Vec<_> = d.by_customers.iter().map(|r| r.customers).collect();
        assert_eq!(counts, [2, 1, 1, 1, 1, 2, 1, 1, 1, 1]);
        let bands: Vec<_> = d.by_profit.iter().map(|r| r.customers).collect();
        assert_eq!(bands, [2, 1, 1, 1, 1, 2, 1, 1, 1, 1]);
    }
}
