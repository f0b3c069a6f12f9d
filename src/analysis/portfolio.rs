//! The customer portfolio (ANALYSIS.md, "Portfolio"): counts per status,
//! why customers were lost or blacklisted, the prospects with how to win
//! them, and customers, current customers and current revenue per market
//! and per source.
//!
//! Not the money rankings (ABC, deciles): revenue here is only summed.
//!
//! Readings where the spec is silent:
//! - A `reason_code` is trimmed; a blank one counts as `unspecified`, like a
//!   missing one.
//! - Maps are `BTreeMap`s, so keys come out in alphabetical order (stable
//!   output); `unspecified` sorts among the others.
//! - `prospects` lists every prospect in slug order, `reason` `null` when the
//!   file has none; the text is the raw Markdown (templates render it).

use crate::model::Customer;
use crate::model::customer::Status;
use serde::Serialize;
use std::collections::BTreeMap;

/// The key used for a missing `reason_code` or `source`.
pub const UNSPECIFIED: &str = "unspecified";

/// Customers of one market or one source.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Segment {
    /// Customers of any status.
    pub customers: u32,
    /// Current customers.
    pub current: u32,
    /// Latest-period revenue of the current customers.
    pub revenue: f64,
}

/// A prospect and how to win it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prospect {
    pub slug: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Portfolio {
    pub prospect: u32,
    pub current: u32,
    pub former: u32,
    pub blacklisted: u32,
    pub former_reasons: BTreeMap<String, u32>,
    pub blacklisted_reasons: BTreeMap<String, u32>,
    pub by_market: BTreeMap<String, Segment>,
    pub by_source: BTreeMap<String, Segment>,
    pub prospects: Vec<Prospect>,
}

/// The name an enum value has in the content files (`producer`, `web`),
/// taken from its serde form so that it can never drift from the format.
fn content_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => UNSPECIFIED.to_string(),
    }
}

/// The key a `reason_code` is counted under: trimmed, `unspecified` when
/// missing or empty.
pub fn reason_key(code: Option<&str>) -> String {
    match code.map(str::trim) {
        Some(c) if !c.is_empty() => c.to_string(),
        _ => UNSPECIFIED.to_string(),
    }
}

fn add(segments: &mut BTreeMap<String, Segment>, key: String, c: &Customer) {
    let s = segments.entry(key).or_default();
    s.customers += 1;
    if c.status == Status::Current {
        s.current += 1;
        s.revenue += c.latest_revenue();
    }
}

/// The portfolio of all customers (slug order in, slug order out).
pub fn analyze(customers: &[(String, std::sync::Arc<Customer>)]) -> Portfolio {
    let mut p = Portfolio::default();
    for (slug, c) in customers {
        let reason = || reason_key(c.reason_code.as_deref());
        match c.status {
            Status::Prospect => {
                p.prospect += 1;
                p.prospects.push(Prospect {
                    slug: slug.clone(),
                    reason: c.reason.clone(),
                });
            }
            Status::Current => p.current += 1,
            Status::Former => {
                p.former += 1;
                *p.former_reasons.entry(reason()).or_default() += 1;
            }
            Status::Blacklisted => {
                p.blacklisted += 1;
                *p.blacklisted_reasons.entry(reason()).or_default() += 1;
            }
        }
        add(&mut p.by_market, content_name(&c.market), c);
        let source = c
            .source
            .as_ref()
            .map_or(UNSPECIFIED.to_string(), content_name);
        add(&mut p.by_source, source, c);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testutil::{customer, site};

    fn sample() -> Portfolio {
        let s = site(vec![
            (
                "a",
                customer(
                    "status: current\nsource: referral\nmarket: producer\nmetrics: [{ period: 1, revenue: 100, profit: 1 }, { period: 2, revenue: 300, profit: 1 }]",
                ),
            ),
            ("b", customer("status: current\nmarket: producer")),
            (
                "c",
                customer("status: former\nreason_code: price\nmarket: government\nsource: web"),
            ),
            (
                "d",
                customer("status: former\nreason_code: \"  \"\nmarket: producer"),
            ),
            (
                "e",
                customer("status: former\nreason_code: price\nmarket: producer"),
            ),
            (
                "f",
                customer("status: blacklisted\nmarket: consumer\nsource: web"),
            ),
            (
                "g",
                customer(
                    "status: prospect\nreason: Show the ROI study.\nmarket: producer\nsource: fair",
                ),
            ),
            ("h", customer("status: prospect\nmarket: consumer")),
        ]);
        analyze(&s.customers)
    }

    #[test]
    fn counts_per_status_and_reasons_with_unspecified() {
        let p = sample();
        assert_eq!(
            (p.prospect, p.current, p.former, p.blacklisted),
            (2, 2, 3, 1)
        );
        let reasons: Vec<_> = p
            .former_reasons
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect();
        assert_eq!(reasons, [("price", 2), ("unspecified", 1)]);
        let black: Vec<_> = p
            .blacklisted_reasons
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect();
        assert_eq!(black, [("unspecified", 1)]);
        assert_eq!(
            p.prospects,
            [
                Prospect {
                    slug: "g".into(),
                    reason: Some("Show the ROI study.".into())
                },
                Prospect {
                    slug: "h".into(),
                    reason: None
                },
            ]
        );
    }

    #[test]
    fn segments_by_market_and_source() {
        let p = sample();
        let seg = |customers, current, revenue| Segment {
            customers,
            current,
            revenue,
        };
        let markets: Vec<_> = p
            .by_market
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        assert_eq!(
            markets,
            [
                ("consumer", seg(2, 0, 0.0)),
                ("government", seg(1, 0, 0.0)),
                ("producer", seg(5, 2, 300.0)),
            ]
        );
        let sources: Vec<_> = p
            .by_source
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        assert_eq!(
            sources,
            [
                ("fair", seg(1, 0, 0.0)),
                ("referral", seg(1, 1, 300.0)),
                ("unspecified", seg(4, 1, 0.0)),
                ("web", seg(2, 0, 0.0)),
            ]
        );
    }

    #[test]
    fn an_empty_portfolio_is_all_zeros() {
        let p = analyze(&[]);
        assert_eq!(p, Portfolio::default());
        let json = serde_json::to_string(&p).unwrap();
        assert!(
            json.starts_with(
                r#"{"prospect":0,"current":0,"former":0,"blacklisted":0,"former_reasons":{}"#
            ),
            "{json}"
        );
    }
}
