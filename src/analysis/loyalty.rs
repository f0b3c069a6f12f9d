//! The satisfaction-loyalty matrix (ANALYSIS.md, "Satisfaction-loyalty
//! matrix"): six loyalty types from a customer's satisfaction and loyalty
//! scores and the configured loyalty threshold.
//!
//! Not restricted to current customers: the spec asks only for both scores,
//! so a former customer who recorded them is typed too (the watchlist, which
//! only looks at current customers, decides what is a risk).
//! Not the matrix chart: this only names the cell.

use crate::model::Customer;
use serde::Serialize;

/// A loyalty type, loyal ones first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LoyaltyType {
    /// Very satisfied and loyal: recommends us.
    Apostle,
    Loyalist,
    /// Loyal for lack of choice, not out of satisfaction.
    Hostage,
    /// Satisfied but not loyal: goes where the price is.
    Mercenary,
    Defector,
    /// Very dissatisfied and disloyal: speaks against us.
    Terrorist,
}

impl LoyaltyType {
    pub const ALL: [LoyaltyType; 6] = [
        LoyaltyType::Apostle,
        LoyaltyType::Loyalist,
        LoyaltyType::Hostage,
        LoyaltyType::Mercenary,
        LoyaltyType::Defector,
        LoyaltyType::Terrorist,
    ];
}

/// The cell of the matrix for these scores (1..5) and threshold `t`.
pub fn classify(satisfaction: f64, loyalty: f64, threshold: f64) -> LoyaltyType {
    if loyalty >= threshold {
        if satisfaction >= 4.5 {
            LoyaltyType::Apostle
        } else if satisfaction >= 3.5 {
            LoyaltyType::Loyalist
        } else {
            LoyaltyType::Hostage
        }
    } else if satisfaction >= 3.5 {
        LoyaltyType::Mercenary
    } else if satisfaction >= 2.0 {
        LoyaltyType::Defector
    } else {
        LoyaltyType::Terrorist
    }
}

/// The customer's type, when both scores are recorded.
pub fn of(customer: &Customer, threshold: f64) -> Option<LoyaltyType> {
    let (s, l) = (customer.satisfaction?, customer.loyalty?);
    Some(classify(s.0, l.0, threshold))
}

#[cfg(test)]
mod tests {
    use super::LoyaltyType::*;
    use super::*;
    use crate::analysis::testutil::customer;

    #[test]
    fn cells_of_the_matrix_with_their_boundaries() {
        // (satisfaction, loyalty, threshold, type)
        let cases = [
            (5.0, 5.0, 3.5, Apostle),
            (4.5, 3.5, 3.5, Apostle),
            (4.49, 3.5, 3.5, Loyalist),
            (3.5, 4.0, 3.5, Loyalist),
            (3.49, 4.0, 3.5, Hostage),
            (1.0, 5.0, 3.5, Hostage),
            (5.0, 3.49, 3.5, Mercenary),
            (3.5, 1.0, 3.5, Mercenary),
            (3.4, 1.0, 3.5, Defector),
            (2.0, 3.0, 3.5, Defector),
            (1.99, 3.0, 3.5, Terrorist),
            (1.0, 1.0, 3.5, Terrorist),
            // the threshold is configurable
            (4.0, 2.0, 2.0, Loyalist),
            (4.0, 4.9, 5.0, Mercenary),
            (1.0, 1.0, 1.0, Hostage),
        ];
        for (s, l, t, want) in cases {
            assert_eq!(classify(s, l, t), want, "s={s} l={l} t={t}");
        }
    }

    #[test]
    fn both_scores_are_needed() {
        let cases = [
            (
                "status: current\nsatisfaction: 4.8\nloyalty: 4.6",
                Some(Apostle),
            ),
            (
                "status: former\nsatisfaction: 1\nloyalty: 1",
                Some(Terrorist),
            ),
            ("status: current\nsatisfaction: 4.8", None),
            ("status: current\nloyalty: 4.6", None),
            ("status: current", None),
        ];
        for (yaml, want) in cases {
            assert_eq!(of(&customer(yaml), 3.5), want, "{yaml}");
        }
    }
}
