//! Loyalty behaviour categories (seed 004, 顧客忠誠分類): the six kinds of
//! buying behaviour a customer records (long-term loyal or switching,
//! occasional buying more or less, non-users who may or will never buy),
//! where a category contradicts the status or the satisfaction-loyalty
//! type, which categories are watchlist risks, and the distribution over
//! the portfolio.
//!
//! Not the satisfaction-loyalty matrix (`loyalty`, read from two scores):
//! the category is what the manager observes of the buying itself.
//!
//! Readings where the source is silent:
//! - Long-term and occasional customers buy from us, so only a current
//!   customer can be one; a non-user cannot be a current customer.
//! - "Long-term loyal" contradicts the types below the loyalty threshold
//!   (mercenary, defector, terrorist); "may switch" contradicts an
//!   apostle, who recommends us unprompted.
//! - The distribution counts every customer, whatever its status: the
//!   non-user categories are about prospects and former customers.

use super::loyalty::LoyaltyType;
use crate::model::Customer;
use crate::model::customer::{LoyaltyCategory, Status};
use serde::Serialize;

/// Every category, in the source's order.
pub const ALL: [LoyaltyCategory; 6] = [
    LoyaltyCategory::LongTermLoyal,
    LoyaltyCategory::LongTermSwitching,
    LoyaltyCategory::OccasionalMore,
    LoyaltyCategory::OccasionalLess,
    LoyaltyCategory::NonUserPotential,
    LoyaltyCategory::NonUserNever,
];

/// True for the categories of customers who buy from us (long-term and
/// occasional), false for non-users.
pub fn buys(c: LoyaltyCategory) -> bool {
    !matches!(
        c,
        LoyaltyCategory::NonUserPotential | LoyaltyCategory::NonUserNever
    )
}

/// True when the category cannot hold for a customer of this status.
pub fn contradicts_status(c: LoyaltyCategory, status: Status) -> bool {
    buys(c) != (status == Status::Current)
}

/// True when the category cannot hold for a customer of this
/// satisfaction-loyalty type.
pub fn contradicts_type(c: LoyaltyCategory, t: LoyaltyType) -> bool {
    use LoyaltyType::*;
    match c {
        LoyaltyCategory::LongTermLoyal => matches!(t, Mercenary | Defector | Terrorist),
        LoyaltyCategory::LongTermSwitching => t == Apostle,
        _ => false,
    }
}

/// A category that puts a current customer on the watchlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warning {
    /// A long-term customer who may switch to another brand.
    Switching,
    /// An occasional customer who may buy less for a competitor's offer.
    Shrinking,
}

/// The watchlist warning of a category, if it has one.
pub fn warning(c: Option<LoyaltyCategory>) -> Option<Warning> {
    match c? {
        LoyaltyCategory::LongTermSwitching => Some(Warning::Switching),
        LoyaltyCategory::OccasionalLess => Some(Warning::Shrinking),
        _ => None,
    }
}

/// How many customers are in one category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryCount {
    pub category: LoyaltyCategory,
    pub customers: u32,
}

/// The distribution over the portfolio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    /// Every category in the source's order, with its customers.
    pub counts: Vec<CategoryCount>,
    /// Customers that record a category.
    pub recorded: u32,
    /// Customers that record no category.
    pub not_recorded: u32,
}

/// The distribution of the categories over `customers`.
pub fn distribution<'a>(customers: impl IntoIterator<Item = &'a Customer>) -> Distribution {
    let mut counts: Vec<CategoryCount> = ALL
        .iter()
        .map(|&category| CategoryCount {
            category,
            customers: 0,
        })
        .collect();
    let mut not_recorded = 0;
    for c in customers {
        match c.loyalty_category {
            Some(k) => {
                if let Some(row) = counts.iter_mut().find(|r| r.category == k) {
                    row.customers += 1;
                }
            }
            None => not_recorded += 1,
        }
    }
    Distribution {
        recorded: counts.iter().map(|r| r.customers).sum(),
        counts,
        not_recorded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testutil::customer;
    use LoyaltyCategory::*;

    #[test]
    fn users_must_be_current_and_non_users_must_not() {
        let cases = [
            (LongTermLoyal, Status::Current, false),
            (LongTermLoyal, Status::Prospect, true),
            (OccasionalLess, Status::Former, true),
            (OccasionalMore, Status::Current, false),
            (NonUserPotential, Status::Current, true),
            (NonUserPotential, Status::Prospect, false),
            (NonUserNever, Status::Blacklisted, false),
            (NonUserNever, Status::Current, true),
        ];
        for (c, s, want) in cases {
            assert_eq!(contradicts_status(c, s), want, "{c:?} {s:?}");
        }
    }

    #[test]
    fn long_term_loyal_contradicts_the_types_below_the_threshold() {
        use LoyaltyType::*;
        let cases = [
            (LongTermLoyal, Apostle, false),
            (LongTermLoyal, Loyalist, false),
            (LongTermLoyal, Hostage, false),
            (LongTermLoyal, Mercenary, true),
            (LongTermLoyal, Defector, true),
            (LongTermLoyal, Terrorist, true),
            (LongTermSwitching, Apostle, true),
            (LongTermSwitching, Hostage, false),
            (OccasionalMore, Terrorist, false),
            (NonUserNever, Apostle, false),
        ];
        for (c, t, want) in cases {
            assert_eq!(contradicts_type(c, t), want, "{c:?} {t:?}");
        }
    }

    #[test]
    fn only_may_switch_and_may_buy_less_are_warnings() {
        let cases = [
            (None, None),
            (Some(LongTermLoyal), None),
            (Some(LongTermSwitching), Some(Warning::Switching)),
            (Some(OccasionalMore), None),
            (Some(OccasionalLess), Some(Warning::Shrinking)),
            (Some(NonUserPotential), None),
            (Some(NonUserNever), None),
        ];
        for (c, want) in cases {
            assert_eq!(warning(c), want, "{c:?}");
        }
    }

    #[test]
    fn the_distribution_lists_every_category_and_the_unrecorded() {
        let a = customer("status: current\nloyalty_category: long_term_loyal\n");
        let b = customer("status: prospect\nloyalty_category: non_user_potential\n");
        let c = customer("status: former\nloyalty_category: long_term_loyal\n");
        let d = customer("status: current\n");
        let got = distribution([&a, &b, &c, &d]);
        let counts: Vec<(LoyaltyCategory, u32)> = got
            .counts
            .iter()
            .map(|r| (r.category, r.customers))
            .collect();
        assert_eq!(
            counts,
            vec![
                (LongTermLoyal, 2),
                (LongTermSwitching, 0),
                (OccasionalMore, 0),
                (OccasionalLess, 0),
                (NonUserPotential, 1),
                (NonUserNever, 0),
            ]
        );
        assert_eq!((got.recorded, got.not_recorded), (3, 1));
        let empty = distribution(std::iter::empty());
        assert_eq!(empty.counts.len(), 6);
        assert_eq!((empty.recorded, empty.not_recorded), (0, 0));
    }
}
