//! How many customers make each tenth of the revenue and of the profit
//! (ANALYSIS.md, "Purchase decile analysis", format 2 `tenths`), and the
//! Pareto rows the dashboard draws for either measure.
//!
//! A customer holding a share of the total covers an interval of it, from
//! the share held by the customers ranked above (`b`) to `e = b +
//! m/total`; it counts in every tenth that interval overlaps, so a
//! customer holding 21% from the top counts in tenths 1, 2 and 3 (the
//! format-1 `band`, where a customer sits only in the tenth it starts in,
//! read as "nobody makes the second tenth").
//!
//! Not the choice of customers (the caller passes the current ones) and not
//! the format-1 decile and band tables (`decile`).
//!
//! Readings where the spec is silent:
//! - `b` is one division (`above / total`), like every share here, and
//!   `e = b + m/total` as the spec writes it; the 1e-9 margins of the rule
//!   absorb the rounding, so a customer ending exactly on a tenth boundary
//!   does not also count in the next tenth.
//! - The Pareto rows (not in the spec; the dashboard's chart) rank the
//!   customers by the measure, cut them into deciles of customers as
//!   `decile = floor(10*r/N) + 1` does, and give each decile its sum and
//!   the running share of the measure's total (negatives included, 0 when
//!   the total is <= 0), as `by_customers` does for profit.

use super::decile::decile_of;
use super::rank::{positive_sums_above, rank_by, share};
use serde::Serialize;

/// The margin of the overlap rule.
const EPS: f64 = 1e-9;

/// One tenth of a measure and how many customers make it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TenthRow {
    pub tenth: u32,
    pub customers: u32,
}

/// `tenths` of the export: ten rows for each measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tenths {
    pub revenue: Vec<TenthRow>,
    pub profit: Vec<TenthRow>,
}

/// The tenths (1..10) that the interval `[b, e)` overlaps.
pub fn covered(b: f64, e: f64) -> impl Iterator<Item = u32> {
    (1..=10u32).filter(move |&k| {
        let k = f64::from(k);
        b < k / 10.0 - EPS && e > (k - 1.0) / 10.0 + EPS
    })
}

/// Ten rows: for each tenth of the positive total of `values` (one per
/// customer, as `(slug, m)`), how many customers make it.
pub fn tenths(values: &[(&str, f64)]) -> Vec<TenthRow> {
    let mut counts = [0u32; 10];
    let mut ranked: Vec<&(&str, f64)> = values.iter().filter(|(_, m)| *m > 0.0).collect();
    rank_by(&mut ranked, |v| v.1, |v| v.0);
    let measures: Vec<f64> = ranked.iter().map(|v| v.1).collect();
    let total: f64 = measures.iter().sum();
    if total > 0.0 {
        for (m, above) in measures.iter().zip(positive_sums_above(&measures)) {
            let b = share(above, total);
            for k in covered(b, b + share(*m, total)) {
                counts[k as usize - 1] += 1;
            }
        }
    }
    (1..=10)
        .zip(counts)
        .map(|(tenth, customers)| TenthRow { tenth, customers })
        .collect()
}

/// One decile of customers ranked by a measure: its sum and the running
/// share of the total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParetoRow {
    pub decile: u32,
    pub customers: u32,
    pub value: f64,
    pub cum_share: f64,
}

/// The Pareto rows of both measures (a dashboard extra, not in the spec).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pareto {
    pub revenue: Vec<ParetoRow>,
    pub profit: Vec<ParetoRow>,
}

/// Ten rows: customers ranked by `m` descending (ties by slug), cut into
/// deciles of customers.
pub fn pareto(values: &[(&str, f64)]) -> Vec<ParetoRow> {
    let mut ranked: Vec<&(&str, f64)> = values.iter().collect();
    rank_by(&mut ranked, |v| v.1, |v| v.0);
    let total: f64 = ranked.iter().map(|v| v.1).sum();
    let mut sums = [(0u32, 0.0f64); 10];
    for (r, v) in ranked.iter().enumerate() {
        let d = decile_of(r, ranked.len()) as usize - 1;
        sums[d].0 += 1;
        sums[d].1 += v.1;
    }
    let mut cum = 0.0;
    (1..=10)
        .zip(sums)
        .map(|(decile, (customers, value))| {
            cum += value;
            ParetoRow {
                decile,
                customers,
                value,
                cum_share: share(cum, total),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(values: &[(&str, f64)]) -> Vec<u32> {
        tenths(values).iter().map(|r| r.customers).collect()
    }

    #[test]
    fn a_customer_counts_in_every_tenth_its_share_overlaps() {
        // (values, customers per tenth)
        #[rustfmt::skip]
        type Case = (Vec<(&'static str, f64)>, [u32; 10]);
        let cases: Vec<Case> = vec![
            // the top customer holds 21%: [0, 0.21) spans tenths 1, 2, 3;
            // b [0.21, 0.41) spans 3, 4, 5, and so on
            (
                vec![
                    ("a", 21.0),
                    ("b", 20.0),
                    ("c", 20.0),
                    ("d", 20.0),
                    ("e", 19.0),
                ],
                [1, 1, 2, 1, 2, 1, 2, 1, 2, 1],
            ),
            // b ranks first with 79%: a covers [0.79, 1.0), tenths 8-10
            (
                vec![("a", 21.0), ("b", 79.0)],
                [1, 1, 1, 1, 1, 1, 1, 2, 1, 1],
            ),
            // boundaries hit exactly: a ends on 0.3 where b starts, so
            // neither counts in the other's tenth
            (
                vec![("a", 30.0), ("b", 30.0), ("c", 20.0), ("d", 20.0)],
                [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            ),
            (
                vec![("a", 10.0), ("b", 90.0)],
                [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            ),
            // ten equal customers: one per tenth, boundaries exact
            (
                vec![
                    ("a", 1.0),
                    ("b", 1.0),
                    ("c", 1.0),
                    ("d", 1.0),
                    ("e", 1.0),
                    ("f", 1.0),
                    ("g", 1.0),
                    ("h", 1.0),
                    ("i", 1.0),
                    ("j", 1.0),
                ],
                [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            ),
            // three equal thirds: 1/3 is not exact, the margin copes
            (
                vec![("a", 1.0), ("b", 1.0), ("c", 1.0)],
                [1, 1, 1, 2, 1, 1, 2, 1, 1, 1],
            ),
            // one customer makes everything
            (vec![("a", 5.0)], [1; 10]),
            // many small customers share a tenth
            (
                vec![("a", 90.0), ("b", 2.5), ("c", 2.5), ("d", 2.5), ("e", 2.5)],
                [1, 1, 1, 1, 1, 1, 1, 1, 1, 4],
            ),
            // customers with m <= 0 make no tenth; no total, no counts
            (vec![("a", 10.0), ("b", 0.0), ("c", -5.0)], [1; 10]),
            (vec![("a", 0.0), ("b", -5.0)], [0; 10]),
            (vec![], [0; 10]),
        ];
        for (values, want) in cases {
            assert_eq!(counts(&values), want, "{values:?}");
        }
    }

    #[test]
    fn covered_tenths_of_an_interval() {
        let cases: [(f64, f64, &[u32]); 6] = [
            (0.0, 0.21, &[1, 2, 3]),
            (0.0, 0.2, &[1, 2]),
            (0.2, 0.2 + 1e-10, &[]),
            (0.2 - 1e-12, 0.3, &[3]),
            (0.95, 1.0, &[10]),
            (0.0, 1.0, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        ];
        for (b, e, want) in cases {
            assert_eq!(covered(b, e).collect::<Vec<_>>(), want, "[{b}, {e})");
        }
    }

    #[test]
    fn pareto_rows_rank_by_the_measure_and_run_the_share() {
        let rows = pareto(&[("a", 20.0), ("b", 50.0), ("c", 30.0), ("d", 0.0)]);
        let got: Vec<(u32, u32, f64, f64)> = rows
            .iter()
            .map(|r| (r.decile, r.customers, r.value, r.cum_share))
            .collect();
        // b, c, a, d at deciles 1, 3, 6, 8
        assert_eq!(got[0], (1, 1, 50.0, 0.5));
        assert_eq!(got[2], (3, 1, 30.0, 0.8));
        assert_eq!(got[5], (6, 1, 20.0, 1.0));
        assert_eq!(got[7], (8, 1, 0.0, 1.0));
        assert_eq!(got[9], (10, 0, 0.0, 1.0));
        assert!(
            pareto(&[])
                .iter()
                .all(|r| r.customers == 0 && r.cum_share == 0.0)
        );
    }
}
