//! The relationship continuum (seed 004, 关系连续流 / 亲密化程度): five
//! degrees of closeness from scattered and distant through pure
//! transaction to a close working relationship and intimacy. Places a
//! customer on it, crosses closeness with the value tier over the current
//! customers, and finds the important customers held at arm's length.
//!
//! Not the relationship classes (`relationship`, read from profit): the
//! degree is what the manager observes of the relationship itself.
//!
//! Readings where the source is silent:
//! - An important customer is one in the first value tier ("platinum")
//!   or in ABC class A; at arm's length means scattered or distant.
//! - The cross table counts current customers; a customer without a value
//!   block is counted in the last, unscored column, one without a degree
//!   in the last, unrecorded row.

use super::abc::AbcClass;
use crate::model::customer::Closeness;
use serde::Serialize;

/// Every degree, most distant first: its place in this list is its degree
/// (1 scattered, 5 intimate).
pub const ALL: [Closeness; 5] = [
    Closeness::Scattered,
    Closeness::Distant,
    Closeness::Transaction,
    Closeness::Working,
    Closeness::Intimate,
];

/// In the first value tier or in ABC class A.
pub fn is_important(tier_index: Option<u32>, abc: Option<AbcClass>) -> bool {
    tier_index == Some(0) || abc == Some(AbcClass::A)
}

/// An important customer that is scattered or distant.
pub fn at_arms_length(closeness: Option<Closeness>, important: bool) -> bool {
    important && matches!(closeness, Some(Closeness::Scattered | Closeness::Distant))
}

/// One current customer as the roll-up sees it.
pub struct Member<'a> {
    pub slug: &'a str,
    pub closeness: Option<Closeness>,
    /// Position of its value tier (0 = top); `None` unscored.
    pub tier_index: Option<u32>,
    pub important: bool,
}

/// One row of the cross table: a degree (`null`: not recorded) and the
/// current customers in each value tier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossRow {
    pub closeness: Option<Closeness>,
    /// One count per tier, in the order of `tiers`.
    pub tiers: Vec<u32>,
    /// Customers without a value block.
    pub unscored: u32,
}

/// Closeness across the current customers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Continuum {
    /// The value tiers, top first: the columns of the cross table.
    pub tiers: Vec<String>,
    /// Every degree, most distant first, then the unrecorded row.
    pub rows: Vec<CrossRow>,
    /// Current customers that record a degree.
    pub recorded: u32,
    /// Important current customers held at arm's length, in slug order.
    pub arms_length: Vec<String>,
}

/// The cross table and the customers at arm's length.
pub fn summarise(tiers: &[String], members: &[Member]) -> Continuum {
    let degrees = ALL.iter().map(|&c| Some(c)).chain([None]);
    let rows = degrees
        .map(|closeness| {
            let here: Vec<&Member> = members
                .iter()
                .filter(|m| m.closeness == closeness)
                .collect();
            CrossRow {
                closeness,
                tiers: (0..tiers.len() as u32)
                    .map(|i| here.iter().filter(|m| m.tier_index == Some(i)).count() as u32)
                    .collect(),
                unscored: here.iter().filter(|m| m.tier_index.is_none()).count() as u32,
            }
        })
        .collect();
    let mut arms_length: Vec<String> = members
        .iter()
        .filter(|m| at_arms_length(m.closeness, m.important))
        .map(|m| m.slug.to_string())
        .collect();
    arms_length.sort();
    Continuum {
        tiers: tiers.to_vec(),
        rows,
        recorded: members.iter().filter(|m| m.closeness.is_some()).count() as u32,
        arms_length,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Closeness::*;

    #[test]
    fn important_means_first_tier_or_class_a() {
        let cases = [
            (Some(0), None, true),
            (Some(1), Some(AbcClass::A), true),
            (Some(1), Some(AbcClass::B), false),
            (None, Some(AbcClass::A), true),
            (None, None, false),
            (Some(2), Some(AbcClass::C), false),
        ];
        for (tier, abc, want) in cases {
            assert_eq!(is_important(tier, abc), want, "{tier:?} {abc:?}");
        }
    }

    #[test]
    fn arms_length_is_an_important_customer_scattered_or_distant() {
        let cases = [
            (Some(Scattered), true, true),
            (Some(Distant), true, true),
            (Some(Transaction), true, false),
            (Some(Working), true, false),
            (Some(Intimate), true, false),
            (None, true, false),
            (Some(Scattered), false, false),
            (Some(Distant), false, false),
        ];
        for (c, important, want) in cases {
            assert_eq!(at_arms_length(c, important), want, "{c:?} {important}");
        }
    }

    #[test]
    fn the_cross_table_counts_each_degree_by_tier() {
        let tiers = vec!["platinum".to_string(), "gold".to_string()];
        let m = |slug, closeness, tier_index, important| Member {
            slug,
            closeness,
            tier_index,
            important,
        };
        let members = [
            m("d", Some(Distant), Some(0), true),
            m("a", Some(Scattered), None, true),
            m("b", Some(Distant), Some(1), false),
            m("c", Some(Working), Some(0), true),
            m("e", None, Some(1), false),
        ];
        let got = summarise(&tiers, &members);
        let rows: Vec<(Option<Closeness>, Vec<u32>, u32)> = got
            .rows
            .iter()
            .map(|r| (r.closeness, r.tiers.clone(), r.unscored))
            .collect();
        assert_eq!(
            rows,
            vec![
                (Some(Scattered), vec![0, 0], 1),
                (Some(Distant), vec![1, 1], 0),
                (Some(Transaction), vec![0, 0], 0),
                (Some(Working), vec![1, 0], 0),
                (Some(Intimate), vec![0, 0], 0),
                (None, vec![0, 1], 0),
            ]
        );
        assert_eq!(got.recorded, 4);
        assert_eq!(got.arms_length, vec!["a", "d"]);
        let empty = summarise(&tiers, &[]);
        assert_eq!(empty.recorded, 0);
        assert!(empty.arms_length.is_empty());
    }
}
