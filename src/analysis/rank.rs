//! Shared arithmetic of the money-based customer analyses (ABC, deciles,
//! relationship classes): the latest-period figures of a current customer,
//! the descending ranking with slug tie-breaks, and guarded shares.
//!
//! Not a framework of its own, and nothing here knows about statuses or
//! configuration: callers pick the customers and the indicator.
//!
//! Shares are computed as one division of two sums (`cum / total`), never as
//! a running sum of per-customer shares, so that with whole-number amounts a
//! share that is exactly a threshold (0.8, 0.9) compares exactly.

use crate::model::Customer;
use std::cmp::Ordering;

/// The latest-period figures of one customer (0 and 0 without metrics).
#[derive(Debug, Clone, PartialEq)]
pub struct Sales<'a> {
    pub slug: &'a str,
    pub revenue: f64,
    pub profit: f64,
}

impl<'a> Sales<'a> {
    pub fn of(slug: &'a str, c: &Customer) -> Sales<'a> {
        Sales {
            slug,
            revenue: c.latest_revenue(),
            profit: c.latest_profit(),
        }
    }
}

/// `part / total`, or 0 when the total is not positive or the result is not
/// a finite number: no NaN or infinity ever reaches the export.
pub fn share(part: f64, total: f64) -> f64 {
    if total <= 0.0 {
        return 0.0;
    }
    let s = part / total;
    if s.is_finite() { s } else { 0.0 }
}

/// Descending order of two finite numbers. Uses `partial_cmp` rather than
/// `total_cmp` so that `-0` and `0` tie and fall to the slug tie-break.
pub fn desc(a: f64, b: f64) -> Ordering {
    b.partial_cmp(&a).unwrap_or(Ordering::Equal)
}

/// Sorts by `value` descending, ties by `slug` ascending.
pub fn rank_by<T>(items: &mut [T], value: impl Fn(&T) -> f64, slug: impl Fn(&T) -> &str) {
    items.sort_by(|x, y| desc(value(x), value(y)).then_with(|| slug(x).cmp(slug(y))));
}

/// For values already ranked descending: the sum of the positive values
/// ranked strictly above each one (what `before` is a share of).
pub fn positive_sums_above(values: &[f64]) -> Vec<f64> {
    let mut cum = 0.0;
    values
        .iter()
        .map(|&v| {
            let above = cum;
            if v > 0.0 {
                cum += v;
            }
            above
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_zero_when_the_total_is_not_positive() {
        let cases = [
            (1.0, 4.0, 0.25),
            (-1.0, 4.0, -0.25),
            (1.0, 0.0, 0.0),
            (1.0, -3.0, 0.0),
            (0.0, 0.0, 0.0),
            (f64::MAX, f64::MIN_POSITIVE, 0.0),
        ];
        for (part, total, want) in cases {
            assert_eq!(share(part, total), want, "{part} / {total}");
        }
    }

    #[test]
    fn ranking_is_descending_with_slug_tie_breaks() {
        let mut v = vec![("b", 1.0), ("c", 5.0), ("a", 1.0), ("d", -0.0), ("e", 0.0)];
        rank_by(&mut v, |r| r.1, |r| r.0);
        let slugs: Vec<_> = v.iter().map(|(s, _)| *s).collect();
        assert_eq!(slugs, ["c", "a", "b", "d", "e"]);
    }

    #[test]
    fn sums_above_count_only_positive_values() {
        assert_eq!(
            positive_sums_above(&[5.0, 3.0, 0.0, -2.0]),
            [0.0, 5.0, 8.0, 8.0]
        );
        assert!(positive_sums_above(&[]).is_empty());
    }
}
