//! ABC classification on a single indicator (ANALYSIS.md, "ABC
//! classification"): current customers ranked by latest revenue or profit,
//! class A while the share held by the customers above is below `abc.a`,
//! B below `abc.b`, C otherwise; a value <= 0 is always C.
//!
//! Not the decile analysis (which always ranks by profit) and not the
//! choice of customers: the caller passes the current ones.
//!
//! Besides the class per customer, the ranking itself is returned (value,
//! `before`, cumulative share) because the Pareto chart draws it; charts
//! never compute.

use super::rank::{positive_sums_above, rank_by, share};
use crate::config::{AbcConfig, AbcIndicator};
use crate::model::Customer;
use serde::Serialize;

/// An ABC class; serialises as `"A"`, `"B"`, `"C"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum AbcClass {
    A,
    B,
    C,
}

/// One customer in the ABC ranking, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AbcRow {
    pub slug: String,
    /// The indicator in the latest period.
    pub value: f64,
    /// Share of the positive total held by the customers ranked above.
    pub before: f64,
    /// Share held by this customer and those above (`before` plus its own
    /// share; equal to `before` for a value <= 0).
    pub cum_share: f64,
    pub class: AbcClass,
}

/// The ranking and what it was computed with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Abc {
    pub indicator: AbcIndicator,
    /// Sum of the positive values.
    pub total: f64,
    pub ranking: Vec<AbcRow>,
}

/// One ABC class with how many current customers it holds and their
/// share of the positive total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassCount {
    pub class: AbcClass,
    pub customers: usize,
    /// The class's positive values over the positive total (0 when the
    /// total is 0).
    pub share: f64,
}

impl Abc {
    /// The three classes in order, each with its customers and share.
    pub fn class_counts(&self) -> Vec<ClassCount> {
        [AbcClass::A, AbcClass::B, AbcClass::C]
            .into_iter()
            .map(|class| {
                let rows = self.ranking.iter().filter(|r| r.class == class);
                let (customers, value) =
                    rows.fold((0, 0.0), |(n, v), r| (n + 1, v + r.value.max(0.0)));
                ClassCount {
                    class,
                    customers,
                    share: share(value, self.total),
                }
            })
            .collect()
    }
}

/// The indicator's latest-period value for a customer (0 without metrics).
pub fn indicator_value(c: &Customer, indicator: AbcIndicator) -> f64 {
    match indicator {
        AbcIndicator::Revenue => c.latest_revenue(),
        AbcIndicator::Profit => c.latest_profit(),
    }
}

/// The class for a value and the share held by those ranked above it.
pub fn class_of(value: f64, before: f64, a: f64, b: f64) -> AbcClass {
    if value <= 0.0 {
        AbcClass::C
    } else if before < a {
        AbcClass::A
    } else if before < b {
        AbcClass::B
    } else {
        AbcClass::C
    }
}

/// Ranks `(slug, value)` pairs descending (ties by slug) and classifies them.
pub fn classify(values: Vec<(String, f64)>, config: &AbcConfig) -> Abc {
    let mut values = values;
    rank_by(&mut values, |v| v.1, |v| v.0.as_str());
    let amounts: Vec<f64> = values.iter().map(|v| v.1).collect();
    let above = positive_sums_above(&amounts);
    let total: f64 = amounts.iter().filter(|&&v| v > 0.0).sum();
    let ranking = values
        .into_iter()
        .zip(above)
        .map(|((slug, value), cum)| {
            let before = share(cum, total);
            let own = if value > 0.0 { value } else { 0.0 };
            AbcRow {
                class: class_of(value, before, config.a.0, config.b.0),
                cum_share: share(cum + own, total),
                slug,
                value,
                before,
            }
        })
        .collect();
    Abc {
        indicator: config.indicator,
        total,
        ranking,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scalars::Share;

    fn config(a: f64, b: f64) -> AbcConfig {
        AbcConfig {
            indicator: AbcIndicator::Revenue,
            a: Share(a),
            b: Share(b),
        }
    }

    fn classes(values: &[(&str, f64)], a: f64, b: f64) -> Vec<(String, AbcClass)> {
        let values = values.iter().map(|&(s, v)| (s.to_string(), v)).collect();
        classify(values, &config(a, b))
            .ranking
            .into_iter()
            .map(|r| (r.slug, r.class))
            .collect()
    }

    /// (values, a, b, classes in ranking order)
    type Case = (
        Vec<(&'static str, f64)>,
        f64,
        f64,
        Vec<(&'static str, AbcClass)>,
    );

    fn named(rows: &[(&str, AbcClass)]) -> Vec<(String, AbcClass)> {
        rows.iter().map(|&(s, c)| (s.to_string(), c)).collect()
    }

    #[test]
    fn class_counts_hold_each_class_and_its_share_of_the_positive_total() {
        let values = [
            ("a", 60.0),
            ("b", 20.0),
            ("c", 10.0),
            ("d", 5.0),
            ("e", 5.0),
            ("f", -5.0),
        ];
        let abc = classify(
            values.iter().map(|&(s, v)| (s.to_string(), v)).collect(),
            &config(0.8, 0.95),
        );
        let counts: Vec<(AbcClass, usize, f64)> = abc
            .class_counts()
            .into_iter()
            .map(|c| (c.class, c.customers, c.share))
            .collect();
        assert_eq!(
            counts,
            [
                (AbcClass::A, 2, 0.8),
                (AbcClass::B, 2, 0.15),
                (AbcClass::C, 2, 0.05)
            ]
        );
        let empty = classify(Vec::new(), &config(0.8, 0.95)).class_counts();
        assert!(empty.iter().all(|c| c.customers == 0 && c.share == 0.0));
    }

    #[test]
    fn classes_follow_the_share_held_above() {
        use AbcClass::*;
        let cases: Vec<Case> = vec![
            // the customer that crosses 80% is still A; before = 0.8 is B
            (
                vec![("a", 50.0), ("b", 30.0), ("c", 15.0), ("d", 5.0)],
                0.8,
                0.95,
                vec![("a", A), ("b", A), ("c", B), ("d", C)],
            ),
            (
                vec![("a", 70.0), ("b", 20.0), ("c", 10.0)],
                0.8,
                0.95,
                vec![("a", A), ("b", A), ("c", B)],
            ),
            // ties ranked by slug: the later slug has the earlier one above it
            (
                vec![("z", 40.0), ("m", 40.0), ("a", 20.0)],
                0.4,
                0.8,
                vec![("m", A), ("z", B), ("a", C)],
            ),
            // zero and negative values are C, whatever is above them
            (
                vec![("a", 0.0), ("b", -5.0), ("c", 10.0)],
                0.8,
                0.95,
                vec![("c", A), ("a", C), ("b", C)],
            ),
            // nobody positive: everyone is C
            (
                vec![("a", 0.0), ("b", -1.0)],
                0.8,
                0.95,
                vec![("a", C), ("b", C)],
            ),
            // a = b: no B class
            (
                vec![("a", 60.0), ("b", 30.0), ("c", 10.0)],
                0.6,
                0.6,
                vec![("a", A), ("b", C), ("c", C)],
            ),
            // b = 1: every positive customer is at least B
            (
                vec![("a", 98.0), ("b", 1.0), ("c", 1.0)],
                0.5,
                1.0,
                vec![("a", A), ("b", B), ("c", B)],
            ),
            (vec![("solo", 1.0)], 0.8, 0.95, vec![("solo", A)]),
        ];
        for (values, a, b, want) in cases {
            assert_eq!(classes(&values, a, b), named(&want), "{values:?}");
        }
        assert!(classes(&[], 0.8, 0.95).is_empty());
    }

    #[test]
    fn ranking_carries_before_and_cumulative_shares() {
        let values = vec![
            ("b".to_string(), 25.0),
            ("a".to_string(), 75.0),
            ("c".to_string(), -10.0),
        ];
        let abc = classify(values, &config(0.8, 0.95));
        assert_eq!(abc.total, 100.0);
        let got: Vec<_> = abc
            .ranking
            .iter()
            .map(|r| (r.slug.as_str(), r.before, r.cum_share))
            .collect();
        assert_eq!(got, [("a", 0.0, 0.75), ("b", 0.75, 1.0), ("c", 1.0, 1.0)]);
    }

    #[test]
    fn the_indicator_picks_revenue_or_profit() {
        let c = crate::analysis::testutil::current(200.0, -20.0);
        assert_eq!(indicator_value(&c, AbcIndicator::Revenue), 200.0);
        assert_eq!(indicator_value(&c, AbcIndicator::Profit), -20.0);
        let none = crate::analysis::testutil::with_sales("current", None);
        assert_eq!(indicator_value(&none, AbcIndicator::Profit), 0.0);
    }
}
