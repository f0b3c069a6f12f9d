//! Relationship classes (ANALYSIS.md, "Relationship classes"): what kind of
//! relationship to run with each current customer, from the first matching
//! of five ordered rules: transactional, retain, declining, grow, marginal.
//! Also "losing value" (format 2), which is rule 3 and, on its own, a
//! watchlist risk for any current customer whatever its class.
//!
//! Not the choice of customers (the caller passes the current ones) and not
//! the advice per class (the theme has it).
//!
//! Readings where the spec is silent:
//! - `ceil(0.1 * M)` is computed in integers (`M.div_ceil(10)`): in floating
//!   point 0.1 * 30 is 3.0000000000000004, whose ceiling would be 4.
//! - "The rest" (M, the ranking and the positive profit `before` is a share
//!   of) are all current customers that are not transactional, including
//!   the ones that end up retained or declining.
//! - A customer with profit <= 0 has every positive profit of the rest
//!   above it, so its `before` is 1 and it is never `grow`.
//! - "A drop of exactly d counts": `l <= p * (1 - d)` is compared with a
//!   tolerance of 1e-9 of `p`, because `1 - d` and the product are not
//!   exact in binary (a profit of 650,000 falling to 585,000 with d = 0.1
//!   must count whatever the rounding of 650000 * 0.9).

use super::rank::{positive_sums_above, rank_by, share};
use serde::Serialize;
use std::collections::BTreeMap;

/// The relationship class, in the order the rules are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relationship {
    Transactional,
    Retain,
    Declining,
    Grow,
    Marginal,
}

impl Relationship {
    pub const ALL: [Relationship; 5] = [
        Relationship::Transactional,
        Relationship::Retain,
        Relationship::Declining,
        Relationship::Grow,
        Relationship::Marginal,
    ];
}

/// What the rules need to know of one current customer.
#[derive(Debug, Clone, PartialEq)]
pub struct RelInput<'a> {
    pub slug: &'a str,
    pub price_only: bool,
    /// Latest-period profit (0 without metrics).
    pub profit: f64,
    /// Whether the customer is losing value ([`is_losing_value`]).
    pub losing_value: bool,
}

/// The grow rule's threshold on `before`.
const GROW_BEFORE: f64 = 0.9;

/// Number of customers retained among `m`: `ceil(0.1 * m)`, exactly.
pub fn retain_count(m: usize) -> usize {
    m.div_ceil(10)
}

/// Losing value (format 2): a previous-period profit `p > 0` and a latest
/// profit `l <= p * (1 - decline)`; a drop of exactly `decline` counts,
/// and so does any `l <= 0` after `p > 0`.
pub fn is_losing_value(profit: f64, previous_profit: Option<f64>, decline: f64) -> bool {
    let Some(p) = previous_profit.filter(|&p| p > 0.0) else {
        return false;
    };
    let limit = p * (1.0 - decline);
    profit <= limit || (profit - limit).abs() <= 1e-9 * p
}

/// Classifies every customer passed in; the key is the slug.
pub fn classify(inputs: &[RelInput]) -> BTreeMap<String, Relationship> {
    let mut out = BTreeMap::new();
    let mut rest: Vec<&RelInput> = Vec::new();
    for c in inputs {
        if c.price_only {
            out.insert(c.slug.to_string(), Relationship::Transactional);
        } else {
            rest.push(c);
        }
    }
    rank_by(&mut rest, |c| c.profit, |c| c.slug);
    let profits: Vec<f64> = rest.iter().map(|c| c.profit).collect();
    let above = positive_sums_above(&profits);
    let positive: f64 = profits.iter().filter(|&&p| p > 0.0).sum();
    let retained = retain_count(rest.len());
    for (r, c) in rest.iter().enumerate() {
        // With no positive profit at all, `before` is 1 by definition.
        let before = if positive > 0.0 {
            share(above[r], positive)
        } else {
            1.0
        };
        let class = if r < retained && c.profit > 0.0 {
            Relationship::Retain
        } else if c.losing_value {
            Relationship::Declining
        } else if before < GROW_BEFORE {
            Relationship::Grow
        } else {
            Relationship::Marginal
        };
        out.insert(c.slug.to_string(), class);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Relationship::*;
    use super::*;

    /// (slug, price_only, profit, previous profit)
    type Row = (&'static str, bool, f64, Option<f64>);

    /// The default `relationship.decline`.
    const D: f64 = 0.10;
    type Expected = Vec<(&'static str, Relationship)>;

    fn run(rows: &[Row]) -> Vec<(String, Relationship)> {
        let inputs: Vec<RelInput> = rows
            .iter()
            .map(|&(slug, price_only, profit, previous_profit)| RelInput {
                slug,
                price_only,
                profit,
                losing_value: is_losing_value(profit, previous_profit, D),
            })
            .collect();
        classify(&inputs).into_iter().collect()
    }

    fn want(rows: &[(&str, Relationship)]) -> Vec<(String, Relationship)> {
        rows.iter().map(|&(s, r)| (s.to_string(), r)).collect()
    }

    #[test]
    fn retain_count_is_the_exact_ceiling_of_a_tenth() {
        let cases = [
            (0, 0),
            (1, 1),
            (9, 1),
            (10, 1),
            (11, 2),
            (20, 2),
            (30, 3),
            (31, 4),
        ];
        for (m, k) in cases {
            assert_eq!(retain_count(m), k, "m={m}");
        }
    }

    #[test]
    fn losing_value_is_a_drop_of_at_least_the_threshold_after_a_profit() {
        // (latest, previous, decline, losing value)
        let cases = [
            // a drop of exactly d counts, with d at its default and others
            (90.0, Some(100.0), 0.10, true),
            (585_000.0, Some(650_000.0), 0.10, true),
            (0.7, Some(1.0), 0.30, true),
            (1_900.0, Some(2_000.0), 0.05, true),
            // a cent less of a drop does not
            (90.01, Some(100.0), 0.10, false),
            (620_000.0, Some(650_000.0), 0.10, false),
            (99.9, Some(100.0), 0.10, false),
            // the same fall, a smaller threshold
            (620_000.0, Some(650_000.0), 0.04, true),
            // a rise or a flat period
            (110.0, Some(100.0), 0.10, false),
            (100.0, Some(100.0), 0.10, false),
            // l <= 0 after p > 0 always counts
            (0.0, Some(10.0), 0.10, true),
            (-5.0, Some(10.0), 0.99, true),
            // no positive previous profit: nothing to lose
            (50.0, None, 0.10, false),
            (-50.0, Some(0.0), 0.10, false),
            (-50.0, Some(-10.0), 0.10, false),
        ];
        for (l, p, d, want) in cases {
            assert_eq!(is_losing_value(l, p, d), want, "{l} after {p:?}, d={d}");
        }
    }

    #[test]
    fn first_matching_rule_wins() {
        #[rustfmt::skip]
        let cases: Vec<(Vec<Row>, Expected)> = vec![
            // price_only beats everything, even the top profit
            (
                vec![("a", true, 100.0, None), ("b", false, 10.0, None)],
                vec![("a", Transactional), ("b", Retain)],
            ),
            // a retained customer is never declining; the next is
            (
                vec![("a", false, 100.0, Some(200.0)), ("b", false, 50.0, Some(60.0))],
                vec![("a", Retain), ("b", Declining)],
            ),
            // a fall of less than the threshold is not declining (format 2)
            (
                vec![("a", false, 100.0, None), ("b", false, 56.0, Some(60.0))],
                vec![("a", Retain), ("b", Grow)],
            ),
            // a fall to a loss is declining, before grow and marginal
            (
                vec![("a", false, 100.0, None), ("b", false, -5.0, Some(60.0))],
                vec![("a", Retain), ("b", Declining)],
            ),
            // grow while before < 0.9; exactly 0.9 is marginal
            (
                vec![
                    ("a", false, 50.0, None), ("b", false, 30.0, None),
                    ("c", false, 10.0, None), ("d", false, 10.0, None),
                    ("e", false, 0.0, None), ("f", false, -10.0, None),
                ],
                vec![
                    ("a", Retain), ("b", Grow), ("c", Grow), ("d", Marginal),
                    ("e", Marginal), ("f", Marginal),
                ],
            ),
            // one-period customers are not declining; b's before is 0.8
            (
                vec![("a", false, 80.0, None), ("b", false, 20.0, None)],
                vec![("a", Retain), ("b", Grow)],
            ),
            // b's before is exactly 0.9 of the rest's profit: marginal
            (
                vec![("a", false, 90.0, None), ("b", false, 10.0, None)],
                vec![("a", Retain), ("b", Marginal)],
            ),
            // no positive profit: nobody retained, before = 1; a fall from
            // a profit to nothing is declining, the rest marginal
            (
                vec![("a", false, 0.0, Some(5.0)), ("b", false, -3.0, None)],
                vec![("a", Declining), ("b", Marginal)],
            ),
            // only transactional customers
            (
                vec![("a", true, 5.0, None)],
                vec![("a", Transactional)],
            ),
        ];
        for (rows, expected) in cases {
            assert_eq!(run(&rows), want(&expected), "{rows:?}");
        }
        assert!(run(&[]).is_empty());
    }

    #[test]
    fn ties_are_ranked_by_slug_and_eleven_customers_retain_two() {
        let rows: Vec<Row> = vec![
            ("k", false, 100.0, None),
            ("j", false, 100.0, None),
            ("i", false, 100.0, None),
            ("a", false, 1.0, None),
            ("b", false, 1.0, None),
            ("c", false, 1.0, None),
            ("d", false, 1.0, None),
            ("e", false, 1.0, None),
            ("f", false, 1.0, None),
            ("g", false, 1.0, None),
            ("h", false, 1.0, None),
        ];
        let got: BTreeMap<String, Relationship> = run(&rows).into_iter().collect();
        assert_eq!((got["i"], got["j"], got["k"]), (Retain, Retain, Grow));
        // 308 total: after i, j, k (300) everyone has before >= 0.9
        assert_eq!(got["a"], Marginal);
    }

    #[test]
    fn transactional_customers_are_not_part_of_the_rest() {
        // Without the price_only customer, b holds all of the rest's profit.
        let got = run(&[
            ("a", true, 1000.0, None),
            ("b", false, 10.0, None),
            ("c", false, 0.0, None),
        ]);
        assert_eq!(
            got,
            want(&[("a", Transactional), ("b", Retain), ("c", Marginal)])
        );
    }
}
