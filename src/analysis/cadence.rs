//! Continuous operation (seed 001, 持续经营): the contact cadence of a
//! current customer. Days since the last visit of each habit (定期拜访
//! regular visits, 礼尚往来 reciprocity, 主动刺激 active stimulation),
//! whether it has an information sentinel (信息暗哨) among its contacts, and
//! the gaps: no regular visit within its interval, no stimulation within
//! `cadence.stimulation_days`, no sentinel for a top-tier customer.
//!
//! Not the follow-up (`followup`, which reads `last_contact` against one
//! `followup_days` for all) and not the watchlist (which turns any gap into
//! the `cadence` risk).
//!
//! Readings where the source is silent:
//! - The regular interval of a customer is the shortest `regular_days`
//!   entry naming its value tier or its relationship class, else
//!   `followup_days`.
//! - A visit on the last day of an interval is still within it; a visit
//!   after `as_of` counts as 0 days ago.
//! - Gaps are only reported on a site that records visit kinds at all (a
//!   site written before them has none), so older sites keep their
//!   watchlist.
//! - A top-tier customer is one in the first value tier.

use crate::config::CadenceConfig;
use crate::model::Customer;
use crate::model::customer::VisitKind;
use crate::model::scalars::Date;
use serde::Serialize;

/// A habit of continuous operation that has no recent contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gap {
    /// No regular visit within the customer's interval.
    Regular,
    /// No stimulation within `cadence.stimulation_days`.
    Stimulation,
    /// A top-tier customer without an information sentinel.
    Sentinel,
}

/// The cadence of one current customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cadence {
    /// Days between regular visits for this customer.
    pub interval: u32,
    /// Days since the last visit of each habit; `null` when none.
    pub regular: Option<i64>,
    pub reciprocity: Option<i64>,
    pub stimulation: Option<i64>,
    /// Whether a contact is marked as our information sentinel.
    pub sentinel: bool,
    pub gaps: Vec<Gap>,
}

/// What the cadence of a customer is read from besides the customer.
pub struct CadenceInput<'a> {
    pub as_of: Date,
    pub followup_days: u32,
    pub config: &'a CadenceConfig,
    pub tier: Option<&'a str>,
    pub tier_index: Option<u32>,
    pub relationship: Option<&'a str>,
    /// The site records visit kinds (gaps are reported only then).
    pub tracked: bool,
}

/// The customer's regular interval.
pub fn interval(input: &CadenceInput) -> u32 {
    [input.tier, input.relationship]
        .into_iter()
        .flatten()
        .filter_map(|k| input.config.regular_days.get(k).copied())
        .min()
        .unwrap_or(input.followup_days)
}

/// Days since the latest visit of `kind` (0 for one after `as_of`).
pub fn since(c: &Customer, kind: VisitKind, as_of: Date) -> Option<i64> {
    c.visits
        .iter()
        .filter(|v| v.kind == Some(kind))
        .map(|v| v.date.days_until(as_of).max(0))
        .min()
}

/// The cadence of a current customer.
pub fn of(c: &Customer, input: &CadenceInput) -> Cadence {
    let interval = interval(input);
    let regular = since(c, VisitKind::Regular, input.as_of);
    let stimulation = since(c, VisitKind::Stimulation, input.as_of);
    let sentinel = c.contacts.iter().any(|k| k.sentinel);
    let within = |days: Option<i64>, limit: u32| days.is_some_and(|d| d <= i64::from(limit));
    let gaps = if input.tracked {
        [
            (!within(regular, interval), Gap::Regular),
            (
                !within(stimulation, input.config.stimulation_days),
                Gap::Stimulation,
            ),
            (input.tier_index == Some(0) && !sentinel, Gap::Sentinel),
        ]
        .into_iter()
        .filter_map(|(gap, g)| gap.then_some(g))
        .collect()
    } else {
        Vec::new()
    };
    Cadence {
        interval,
        regular,
        reciprocity: since(c, VisitKind::Reciprocity, input.as_of),
        stimulation,
        sentinel,
        gaps,
    }
}

/// Whether any visit of the site records its kind.
pub fn tracked<'a>(customers: impl IntoIterator<Item = &'a Customer>) -> bool {
    customers
        .into_iter()
        .any(|c| c.visits.iter().any(|v| v.kind.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testutil::{AS_OF, customer, date};

    fn input<'a>(config: &'a CadenceConfig, tier: Option<&'a str>, top: bool) -> CadenceInput<'a> {
        CadenceInput {
            as_of: date(AS_OF),
            followup_days: 90,
            config,
            tier,
            tier_index: tier.map(|_| if top { 0 } else { 1 }),
            relationship: Some("retain"),
            tracked: true,
        }
    }

    #[test]
    fn the_interval_is_the_shortest_matching_entry_else_followup_days() {
        let mut config = CadenceConfig::default();
        assert_eq!(interval(&input(&config, Some("platinum"), true)), 90);
        config.regular_days.insert("platinum".into(), 30);
        config.regular_days.insert("retain".into(), 45);
        assert_eq!(interval(&input(&config, Some("platinum"), true)), 30);
        assert_eq!(interval(&input(&config, Some("gold"), false)), 45);
        config.regular_days.insert("gold".into(), 60);
        assert_eq!(interval(&input(&config, Some("gold"), false)), 45);
    }

    #[test]
    fn gap_boundaries_are_exact() {
        let mut config = CadenceConfig::default();
        config.regular_days.insert("platinum".into(), 30);
        // as_of 2026-11-22: 2026-10-23 is 30 days before, 2026-10-22 is 31;
        // 2026-05-26 is 180 days before, 2026-05-25 is 181
        let cases = [
            (
                "visits: [{date: 2026-10-23, kind: regular}, {date: 2026-05-26, kind: stimulation}]",
                vec![],
            ),
            (
                "visits: [{date: 2026-10-22, kind: regular}, {date: 2026-05-25, kind: stimulation}]",
                vec![Gap::Regular, Gap::Stimulation],
            ),
            // a visit of another kind is no regular visit
            (
                "visits: [{date: 2026-11-20, kind: other}, {date: 2026-11-20, kind: stimulation}]",
                vec![Gap::Regular],
            ),
            ("visits: []", vec![Gap::Regular, Gap::Stimulation]),
        ];
        for (yaml, want) in cases {
            let c = customer(&format!(
                "status: current\ncontacts: [{{name: A, role: coach, sentinel: true}}]\n{yaml}"
            ));
            assert_eq!(
                of(&c, &input(&config, Some("platinum"), true)).gaps,
                want,
                "{yaml}"
            );
        }
    }

    #[test]
    fn only_a_top_tier_customer_needs_a_sentinel_and_untracked_sites_have_no_gaps() {
        let config = CadenceConfig::default();
        let c = customer(
            "status: current\ncontacts: [{name: A, role: coach}]\nvisits: [{date: 2026-11-20, kind: regular}, {date: 2026-11-20, kind: stimulation}]",
        );
        assert_eq!(
            of(&c, &input(&config, Some("platinum"), true)).gaps,
            [Gap::Sentinel]
        );
        assert!(of(&c, &input(&config, Some("gold"), false)).gaps.is_empty());
        let mut untracked = input(&config, Some("platinum"), true);
        untracked.tracked = false;
        let bare = customer("status: current");
        assert!(of(&bare, &untracked).gaps.is_empty());
        assert!(!tracked([&bare]));
        assert!(tracked([&c]));
    }

    #[test]
    fn days_since_each_habit() {
        let config = CadenceConfig::default();
        let c = customer(
            "status: current\nvisits: [{date: 2026-11-02, kind: reciprocity}, {date: 2026-10-01, kind: reciprocity}, {date: 2026-12-01, kind: regular}]",
        );
        let k = of(&c, &input(&config, None, false));
        assert_eq!(
            (k.regular, k.reciprocity, k.stimulation),
            (Some(0), Some(20), None)
        );
        assert!(!k.sentinel);
    }
}
