//! The trust pyramid: the level a customer has reached (security, then
//! value, then dependence) and the next level to work towards.
//!
//! ANALYSIS.md has no arithmetic for trust; this only gives templates the
//! next step so that they do not compute it. A customer with no `trust`
//! recorded has reached nothing yet and works towards `security`; one at
//! `dependence` has no next level (`null`).

use crate::model::customer::Trust;
use serde::Serialize;

/// Where a customer stands on the trust pyramid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TrustStep {
    /// The highest level reached; `null` when none is recorded.
    pub level: Option<Trust>,
    /// The level to build next; `null` at the top.
    pub next: Option<Trust>,
}

/// The next level above `level`.
pub fn step(level: Option<Trust>) -> TrustStep {
    let next = match level {
        None => Some(Trust::Security),
        Some(Trust::Security) => Some(Trust::Value),
        Some(Trust::Value) => Some(Trust::Dependence),
        Some(Trust::Dependence) => None,
    };
    TrustStep { level, next }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_level_leads_to_the_next() {
        let cases = [
            (None, Some(Trust::Security)),
            (Some(Trust::Security), Some(Trust::Value)),
            (Some(Trust::Value), Some(Trust::Dependence)),
            (Some(Trust::Dependence), None),
        ];
        for (level, next) in cases {
            assert_eq!(step(level), TrustStep { level, next });
        }
        assert_eq!(
            serde_json::to_string(&step(None)).unwrap(),
            r#"{"level":null,"next":"security"}"#
        );
    }
}
