//! The watchlist of customers we may lose (ANALYSIS.md, "Watchlist"): the
//! risks of each current customer, in the spec's fixed order, and the
//! current customers with at least one risk, most at risk first.
//!
//! Not where the risks are decided: relationship (losing value), loyalty
//! and follow-up have their own modules; this only gathers their results.
//! `declining` follows "losing value" itself, not the relationship class
//! (format 2), so a falling top (`retain`) or transactional customer is on
//! the watchlist too. Non-current
//! customers have no risks (`null` in the export), which the caller
//! decides by not asking.

use super::loyalty::LoyaltyType;
use super::loyalty_category::Warning;
use super::rank::desc;
use serde::Serialize;

/// A reason we may lose a customer, in the order risks are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Risk {
    /// Losing value (format 2), whatever the relationship class.
    Declining,
    /// Loyalty type `defector` or `terrorist`.
    Disloyal,
    /// Loyalty type `hostage`: loyal only for lack of choice.
    Hostage,
    /// Follow-up overdue.
    Overdue,
    /// An objection is recorded.
    Objection,
    /// Issue 12: an open complaint older than `complaint_days`, or a
    /// closed one whose customer was not satisfied.
    Complaint,
    /// Issue 12: a gap in the contact cadence (cadence::Gap).
    Cadence,
    /// Issue 12: a long-term customer who may switch to another brand
    /// (loyalty category `long_term_switching`).
    Switching,
    /// Issue 12: an occasional customer who may buy less if a
    /// competitor's incentive is right (`occasional_less`).
    Shrinking,
    /// Issue 12: an important customer (first value tier or ABC class A)
    /// held at arm's length: scattered or distant on the continuum.
    #[serde(rename = "arms_length")]
    ArmsLength,
}

/// What the risks of one current customer are read from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RiskInput {
    /// Losing value (relationship::is_losing_value).
    pub losing_value: bool,
    pub loyalty: Option<LoyaltyType>,
    pub overdue: bool,
    pub objection: bool,
    /// Issue 12: a complaint needs attention (complaints::needs_attention).
    pub complaint: bool,
    /// Issue 12: the contact cadence has a gap.
    pub cadence: bool,
    /// Issue 12: the loyalty category's warning, if any.
    pub category: Option<super::loyalty_category::Warning>,
    /// Issue 12: an important customer at arm's length
    /// (continuum::at_arms_length).
    pub arms_length: bool,
}

/// The risks that apply, in the spec's order.
pub fn risks(input: &RiskInput) -> Vec<Risk> {
    let loyalty = input.loyalty;
    [
        (input.losing_value, Risk::Declining),
        (
            matches!(
                loyalty,
                Some(LoyaltyType::Defector | LoyaltyType::Terrorist)
            ),
            Risk::Disloyal,
        ),
        (loyalty == Some(LoyaltyType::Hostage), Risk::Hostage),
        (input.overdue, Risk::Overdue),
        (input.objection, Risk::Objection),
        (input.complaint, Risk::Complaint),
        (input.cadence, Risk::Cadence),
        (input.category == Some(Warning::Switching), Risk::Switching),
        (input.category == Some(Warning::Shrinking), Risk::Shrinking),
        (input.arms_length, Risk::ArmsLength),
    ]
    .into_iter()
    .filter_map(|(applies, risk)| applies.then_some(risk))
    .collect()
}

/// One current customer as the watchlist sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Watched<'a> {
    pub slug: &'a str,
    pub risks: usize,
    /// Latest-period revenue.
    pub revenue: f64,
}

/// Slugs with at least one risk: most risks first, then higher latest
/// revenue, then slug.
pub fn watchlist(entries: &[Watched]) -> Vec<String> {
    let mut at_risk: Vec<&Watched> = entries.iter().filter(|w| w.risks > 0).collect();
    at_risk.sort_by(|a, b| {
        b.risks
            .cmp(&a.risks)
            .then_with(|| desc(a.revenue, b.revenue))
            .then_with(|| a.slug.cmp(b.slug))
    });
    at_risk.into_iter().map(|w| w.slug.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use LoyaltyType as L;

    fn input(losing_value: bool, loyalty: Option<L>, overdue: bool, objection: bool) -> RiskInput {
        RiskInput {
            losing_value,
            loyalty,
            overdue,
            objection,
            complaint: false,
            cadence: false,
            category: None,
            arms_length: false,
        }
    }

    #[test]
    fn risks_apply_in_the_spec_order() {
        use Risk::*;
        let cases = [
            (input(false, Some(L::Apostle), false, false), vec![]),
            // losing value is `declining` whatever the class (a retained
            // apostle included)
            (input(true, Some(L::Apostle), false, false), vec![Declining]),
            (
                input(true, Some(L::Terrorist), true, true),
                vec![Declining, Disloyal, Overdue, Objection],
            ),
            (
                input(false, Some(L::Defector), false, false),
                vec![Disloyal],
            ),
            (
                input(true, Some(L::Hostage), false, false),
                vec![Declining, Hostage],
            ),
            (input(false, Some(L::Mercenary), true, false), vec![Overdue]),
            (input(false, None, false, true), vec![Objection]),
            (input(false, Some(L::Loyalist), false, false), vec![]),
            (
                RiskInput {
                    complaint: true,
                    ..input(true, None, false, true)
                },
                vec![Declining, Objection, Complaint],
            ),
            (
                RiskInput {
                    cadence: true,
                    ..input(false, None, false, false)
                },
                vec![Cadence],
            ),
            (
                RiskInput {
                    category: Some(Warning::Switching),
                    ..input(false, None, false, false)
                },
                vec![Switching],
            ),
            (
                RiskInput {
                    category: Some(Warning::Shrinking),
                    arms_length: true,
                    cadence: true,
                    ..input(false, None, false, false)
                },
                vec![Cadence, Shrinking, ArmsLength],
            ),
            (
                RiskInput {
                    arms_length: true,
                    complaint: true,
                    ..input(true, None, false, false)
                },
                vec![Declining, Complaint, ArmsLength],
            ),
        ];
        for (i, want) in cases {
            assert_eq!(risks(&i), want, "{i:?}");
        }
    }

    #[test]
    fn watchlist_orders_by_risks_then_revenue_then_slug() {
        let w = |slug, risks, revenue| Watched {
            slug,
            risks,
            revenue,
        };
        let entries = [
            w("a", 1, 100.0),
            w("b", 2, 10.0),
            w("c", 1, 500.0),
            w("d", 0, 900.0),
            w("e", 1, 100.0),
            w("f", 2, 10.0),
            w("g", 1, -50.0),
        ];
        assert_eq!(watchlist(&entries), ["b", "f", "c", "a", "e", "g"]);
        assert!(watchlist(&[]).is_empty());
    }

    #[test]
    fn risks_serialise_lowercase() {
        let json = serde_json::to_string(&[Risk::Declining, Risk::Objection]).unwrap();
        assert_eq!(json, r#"["declining","objection"]"#);
    }
}
