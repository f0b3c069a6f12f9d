//! The satisfaction-loyalty matrix (ANALYSIS.md, "Satisfaction-loyalty
//! matrix"): six loyalty types from a customer's satisfaction and loyalty
//! scores and the configured cut-offs (format 2: threshold, apostle,
//! satisfied and terrorist are all settings).
//!
//! Not restricted to current customers: the spec asks only for both scores,
//! so a former customer who recorded them is typed too (the watchlist, which
//! only looks at current customers, decides what is a risk). The counts of
//! the dashboard and the export are over current customers only (the
//! caller picks them).
//! Not the matrix chart: this only names the cell.

use crate::config::LoyaltyConfig;
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

/// The cut-offs as plain numbers: loyalty threshold, then the apostle,
/// satisfied and terrorist satisfaction cut-offs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cutoffs {
    pub threshold: f64,
    pub apostle: f64,
    pub satisfied: f64,
    pub terrorist: f64,
}

impl From<&LoyaltyConfig> for Cutoffs {
    fn from(c: &LoyaltyConfig) -> Self {
        Cutoffs {
            threshold: c.threshold.0,
            apostle: c.apostle.0,
            satisfied: c.satisfied.0,
            terrorist: c.terrorist.0,
        }
    }
}

impl Default for Cutoffs {
    fn default() -> Self {
        Cutoffs::from(&LoyaltyConfig::default())
    }
}

/// The cell of the matrix for these scores (1..5) and cut-offs.
pub fn classify(satisfaction: f64, loyalty: f64, cut: &Cutoffs) -> LoyaltyType {
    if loyalty >= cut.threshold {
        if satisfaction >= cut.apostle {
            LoyaltyType::Apostle
        } else if satisfaction >= cut.satisfied {
            LoyaltyType::Loyalist
        } else {
            LoyaltyType::Hostage
        }
    } else if satisfaction >= cut.satisfied {
        LoyaltyType::Mercenary
    } else if satisfaction >= cut.terrorist {
        LoyaltyType::Defector
    } else {
        LoyaltyType::Terrorist
    }
}

/// The customer's type, when both scores are recorded.
pub fn of(customer: &Customer, cut: &Cutoffs) -> Option<LoyaltyType> {
    let (s, l) = (customer.satisfaction?, customer.loyalty?);
    Some(classify(s.0, l.0, cut))
}

#[cfg(test)]
mod tests {
    use super::LoyaltyType::*;
    use super::*;
    use crate::analysis::testutil::customer;

    fn with_threshold(threshold: f64) -> Cutoffs {
        Cutoffs {
            threshold,
            ..Cutoffs::default()
        }
    }

    #[test]
    fn cells_of_the_matrix_with_their_boundaries() {
        // (satisfaction, loyalty, threshold, type), default cut-offs
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
            assert_eq!(
                classify(s, l, &with_threshold(t)),
                want,
                "s={s} l={l} t={t}"
            );
        }
    }

    #[test]
    fn every_cut_off_is_a_setting_and_inclusive() {
        // (threshold, apostle, satisfied, terrorist), satisfaction, loyalty
        let cut = |t, a, s, x| Cutoffs {
            threshold: t,
            apostle: a,
            satisfied: s,
            terrorist: x,
        };
        let cases = [
            // apostle lowered to 4: 4.0 is an apostle, 3.99 a loyalist
            (cut(3.5, 4.0, 3.5, 2.0), 4.0, 4.0, Apostle),
            (cut(3.5, 4.0, 3.5, 2.0), 3.99, 4.0, Loyalist),
            // satisfied raised to 4: 3.8 is a hostage when loyal ...
            (cut(3.5, 4.5, 4.0, 2.0), 3.8, 4.0, Hostage),
            (cut(3.5, 4.5, 4.0, 2.0), 4.0, 4.0, Loyalist),
            // ... and a defector when not; 4.0 a mercenary
            (cut(3.5, 4.5, 4.0, 2.0), 3.8, 2.0, Defector),
            (cut(3.5, 4.5, 4.0, 2.0), 4.0, 2.0, Mercenary),
            // terrorist raised to 3: 2.9 is a terrorist, 3.0 a defector
            (cut(3.5, 4.5, 3.5, 3.0), 2.9, 1.0, Terrorist),
            (cut(3.5, 4.5, 3.5, 3.0), 3.0, 1.0, Defector),
            // all equal: no loyalist, no defector
            (cut(3.0, 3.0, 3.0, 3.0), 3.0, 3.0, Apostle),
            (cut(3.0, 3.0, 3.0, 3.0), 2.99, 3.0, Hostage),
            (cut(3.0, 3.0, 3.0, 3.0), 3.0, 2.99, Mercenary),
            (cut(3.0, 3.0, 3.0, 3.0), 2.99, 2.99, Terrorist),
        ];
        for (c, s, l, want) in cases {
            assert_eq!(classify(s, l, &c), want, "s={s} l={l} {c:?}");
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
            assert_eq!(of(&customer(yaml), &Cutoffs::default()), want, "{yaml}");
        }
    }
}
