//! Focus markets (seed 000 Fokus und Differenzierung): whether each
//! customer is inside the focus the company's strategy names, the share of
//! revenue and of prospects in focus, and the important customers outside
//! it (a decision to make).
//!
//! A customer is in focus when it matches every dimension the strategy
//! names (markets, industries, regions) and, within a dimension, any one
//! of the values. Without any named dimension there is no focus to measure
//! and every result is `null`.

use crate::model::Customer;
use crate::model::company::Strategy;
use crate::model::customer::Status;
use serde::Serialize;

/// Inside or outside the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    In,
    Out,
}

/// True when the strategy names at least one focus dimension.
pub fn is_defined(s: &Strategy) -> bool {
    !(s.markets.is_empty() && s.industries.is_empty() && s.regions.is_empty())
}

fn lower(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Where a customer stands against the focus; `None` without one.
pub fn fit(c: &Customer, s: &Strategy) -> Option<Fit> {
    if !is_defined(s) {
        return None;
    }
    let market = s.markets.is_empty() || s.markets.contains(&c.market);
    let industry = s.industries.is_empty()
        || c.industry.as_deref().is_some_and(|i| {
            let i = lower(i);
            s.industries
                .iter()
                .any(|x| !lower(x).is_empty() && i.contains(&lower(x)))
        });
    let region = s.regions.is_empty()
        || c.region
            .as_deref()
            .is_some_and(|r| s.regions.iter().any(|x| lower(x) == lower(r)));
    Some(if market && industry && region {
        Fit::In
    } else {
        Fit::Out
    })
}

/// One customer as the roll-up sees it.
pub struct Member<'a> {
    pub slug: &'a str,
    pub status: Status,
    pub fit: Option<Fit>,
    pub revenue: f64,
    pub important: bool,
}

/// The portfolio against the focus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FocusSummary {
    /// Share of current customers' latest revenue (positive revenue
    /// only) from customers in focus; `null` without a focus or revenue.
    pub revenue_share: Option<f64>,
    /// Share of prospects in focus; `null` without a focus or prospects.
    pub prospect_share: Option<f64>,
    /// Important customers outside the focus, highest revenue first, then
    /// slug.
    pub outside: Vec<String>,
}

pub fn summarise(members: &[Member]) -> FocusSummary {
    let known: Vec<&Member> = members.iter().filter(|m| m.fit.is_some()).collect();
    let current: Vec<&&Member> = known
        .iter()
        .filter(|m| m.status == Status::Current)
        .collect();
    let total: f64 = current.iter().map(|m| m.revenue.max(0.0)).sum();
    let inside: f64 = current
        .iter()
        .filter(|m| m.fit == Some(Fit::In))
        .map(|m| m.revenue.max(0.0))
        .sum();
    let prospects: Vec<&&Member> = known
        .iter()
        .filter(|m| m.status == Status::Prospect)
        .collect();
    let prospects_in = prospects.iter().filter(|m| m.fit == Some(Fit::In)).count();
    let mut outside: Vec<&&Member> = known
        .iter()
        .filter(|m| m.important && m.fit == Some(Fit::Out))
        .collect();
    outside.sort_by(|a, b| b.revenue.total_cmp(&a.revenue).then(a.slug.cmp(b.slug)));
    FocusSummary {
        revenue_share: (total > 0.0).then(|| inside / total),
        prospect_share: (!prospects.is_empty())
            .then(|| prospects_in as f64 / prospects.len() as f64),
        outside: outside.iter().map(|m| m.slug.to_string()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testutil::customer;

    fn strategy(yaml: &str) -> Strategy {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn every_named_dimension_must_match_any_of_its_values() {
        let s = strategy(
            "{ markets: [producer, government], industries: [manufacturing], regions: [Hebei] }",
        );
        let cases = [
            (
                "industry: Automotive parts Manufacturing\nregion: \" hebei \"\n",
                Some(Fit::In),
            ),
            ("industry: Steel trading\nregion: Hebei\n", Some(Fit::Out)),
            (
                "industry: Manufacturing\nregion: East China\n",
                Some(Fit::Out),
            ),
            ("industry: Manufacturing\n", Some(Fit::Out)),
            (
                "market: consumer\nindustry: Manufacturing\nregion: Hebei\n",
                Some(Fit::Out),
            ),
            (
                "market: government\nindustry: Manufacturing\nregion: Hebei\n",
                Some(Fit::In),
            ),
        ];
        for (yaml, want) in cases {
            let c = customer(&format!("status: current\n{yaml}"));
            assert_eq!(fit(&c, &s), want, "{yaml}");
        }
        let only_regions = strategy("{ regions: [Hebei] }");
        let c = customer("status: prospect\nregion: Hebei\n");
        assert_eq!(
            fit(&c, &only_regions),
            Some(Fit::In),
            "unnamed dimensions do not count"
        );
        assert_eq!(fit(&c, &strategy("{ focus: text only }")), None);
    }

    #[test]
    fn shares_and_the_important_customers_outside() {
        let m = |slug, status, fit, revenue, important| Member {
            slug,
            status,
            fit: Some(fit),
            revenue,
            important,
        };
        use Status::*;
        let got = summarise(&[
            m("a", Current, Fit::In, 300.0, true),
            m("b", Current, Fit::Out, 100.0, true),
            m("c", Current, Fit::Out, -50.0, false),
            m("d", Prospect, Fit::In, 0.0, false),
            m("e", Prospect, Fit::Out, 0.0, true),
            m("f", Prospect, Fit::Out, 0.0, false),
            m("g", Former, Fit::Out, 900.0, false),
        ]);
        assert_eq!(got.revenue_share, Some(0.75));
        assert_eq!(got.prospect_share, Some(1.0 / 3.0));
        assert_eq!(got.outside, vec!["b", "e"]);
        let none = summarise(&[Member {
            slug: "x",
            status: Current,
            fit: None,
            revenue: 10.0,
            important: true,
        }]);
        assert_eq!(none.revenue_share, None);
        assert_eq!(none.prospect_share, None);
        assert!(none.outside.is_empty());
    }
}
