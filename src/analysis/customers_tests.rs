//! Tests of the joined customer analysis: what each customer gets, what
//! non-current customers do not get, and the exact shape of the export.

use super::*;
use crate::analysis::testutil::{current, customer, site, site_with, with_sales};
use crate::config::Config;
use crate::model::scalars::Weight;
use serde_json::Value as Json;

fn keys(v: &Json) -> Vec<&str> {
    v.as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

/// Every number anywhere in the export is finite (serde_json would write a
/// NaN or an infinity as `null`, so look at the values before that).
fn assert_all_finite(side: &CustomerSide) {
    let mut numbers: Vec<f64> = Vec::new();
    numbers.extend(side.pyramid.iter().map(|r| r.revenue_share));
    for r in &side.deciles.by_customers {
        numbers.extend([
            r.revenue,
            r.profit,
            r.revenue_share,
            r.profit_share,
            r.cum_profit_share,
        ]);
    }
    numbers.extend(
        side.deciles
            .by_profit
            .iter()
            .flat_map(|r| [r.revenue, r.profit]),
    );
    for r in &side.abc.ranking {
        numbers.extend([r.value, r.before, r.cum_share]);
    }
    for a in side.customers.values() {
        if let Some(v) = &a.value {
            numbers.extend([v.score, v.actual, v.potential]);
        }
    }
    assert!(numbers.iter().all(|x| x.is_finite()), "{numbers:?}");
}

const FULL: &str = "status: current
price_only: false
metrics:
  - { period: \"2025\", revenue: 900, profit: 300 }
  - { period: \"2026\", revenue: 1000, profit: 250 }
value: { financial: 9, sales: 6, customer: 6, service: 7.75 }
satisfaction: 4
loyalty: 4
man: { money: high, authority: low, need: high }
trust: value
objection: hesitating
last_contact: 2026-11-01
";

#[test]
fn a_customer_has_exactly_the_export_keys_in_order() {
    let s = site(vec![("full", customer(FULL))]);
    let side = analyze(&s);
    let json = serde_json::to_value(&side.customers["full"]).unwrap();
    assert_eq!(
        keys(&json)[..12],
        [
            "status",
            "value",
            "abc",
            "decile",
            "band",
            "relationship",
            "loyalty",
            "man",
            "overdue",
            "risks",
            "owner",
            "region"
        ]
    );
    let want = serde_json::json!({
        "status": "current",
        "value": { "score": 7.25, "actual": 7.5, "potential": 6.875, "tier": "gold" },
        "abc": "A", "decile": 1, "band": 1,
        "relationship": "retain",
        "loyalty": "loyalist",
        "man": { "combo": "MaN", "grade": "B" },
        "overdue": false,
        // 300 -> 250 is a fall of 1/6: a retained customer losing value
        "risks": ["declining", "objection"],
        "owner": "unassigned", "region": "unassigned",
        "owner_slug": "unassigned", "region_slug": "unassigned",
        "target": null, "attainment": null,
        "trust": { "level": "value", "next": "dependence" },
        "tier_index": 1,
        "revenue": 1000.0,
        "profit": 250.0,
        // issue 12: no complaint recorded
        "complaints": [],
        "open_complaints": null,
        // issue 12: no visit kinds on the site, so no gaps
        "cadence": { "interval": 90, "regular": null, "reciprocity": null,
                     "stimulation": null, "sentinel": false, "gaps": [] },
        // Issue 13: only the metrics (3 of 21) are recorded.
        "completeness": {
            "score": 3.0 / 21.0,
            "missing": ["payment", "business", "decision_maker", "contacts", "industry",
                        "region", "size", "market_position", "since", "needs",
                        "decision_process", "structure", "stance"],
            "important": true
        },
        "presentation": null,
        "focus": null,
        "portrait_match": null,
        // Issue 12 (seed 004): no category or closeness recorded
        "loyalty_category": null,
        "closeness": null
    });
    assert_eq!(json, want);
}

#[test]
fn keys_that_do_not_apply_are_null_never_left_out() {
    let s = site(vec![
        ("p", customer("status: prospect")),
        (
            "f",
            customer(
                "status: former\nvalue: { financial: 1, sales: 1, customer: 1, service: 1 }\nsatisfaction: 1\nloyalty: 1\nman: { money: low, authority: low, need: low }\nmetrics: [{ period: 1, revenue: 50, profit: 5 }]",
            ),
        ),
    ]);
    let side = analyze(&s);
    let p = serde_json::to_value(&side.customers["p"]).unwrap();
    for k in [
        "value",
        "abc",
        "decile",
        "band",
        "relationship",
        "loyalty",
        "man",
        "risks",
        "tier_index",
    ] {
        assert_eq!(p[k], Json::Null, "{k}");
    }
    // no last_contact at all, but only current customers can be overdue
    assert_eq!(p["overdue"], Json::Bool(false));
    // a former customer is scored, typed and qualified, not ranked
    let f = serde_json::to_value(&side.customers["f"]).unwrap();
    assert_eq!(f["value"]["tier"], "lead");
    assert_eq!(f["loyalty"], "terrorist");
    assert_eq!(f["man"]["combo"], "man");
    for k in ["abc", "decile", "band", "relationship", "risks"] {
        assert_eq!(f[k], Json::Null, "{k}");
    }
    assert!(side.watchlist.is_empty());
    assert!(side.abc.ranking.is_empty());
}

#[test]
fn the_customer_side_has_the_export_keys_in_order() {
    let side = analyze(&site(vec![("a", current(10.0, 1.0))]));
    let json = serde_json::to_value(&side).unwrap();
    assert_eq!(
        keys(&json)[..11],
        [
            "customers",
            "watchlist",
            "pyramid",
            "unscored",
            "loyalty_counts",
            "tenths",
            "owners",
            "regions",
            "deciles",
            "portfolio",
            "followup"
        ]
    );
    assert_eq!(keys(&json["tenths"]), ["revenue", "profit"]);
    assert_eq!(keys(&json["tenths"]["profit"][0]), ["tenth", "customers"]);
    assert_eq!(
        keys(&json["loyalty_counts"]),
        [
            "apostle",
            "loyalist",
            "hostage",
            "mercenary",
            "defector",
            "terrorist"
        ]
    );
    assert_eq!(
        keys(&json["owners"][0]),
        [
            "name",
            "slug",
            "customers",
            "current",
            "revenue",
            "target",
            "attained",
            "attainment",
            "overdue",
            "watchlist",
            "upcoming"
        ]
    );
    assert_eq!(
        keys(&json["deciles"]),
        ["by_customers", "by_profit", "unprofitable"]
    );
    assert_eq!(keys(&json["followup"]), ["overdue", "upcoming"]);
    assert_eq!(
        keys(&json["deciles"]["by_customers"][0]),
        [
            "decile",
            "customers",
            "revenue",
            "profit",
            "revenue_share",
            "profit_share",
            "cum_profit_share"
        ]
    );
    assert_eq!(
        keys(&json["deciles"]["by_profit"][0]),
        ["band", "customers", "revenue", "profit"]
    );
    assert_eq!(
        keys(&json["pyramid"][0]),
        ["tier", "customers", "prospects", "revenue_share"]
    );
}

#[test]
fn current_customers_without_metrics_or_profit_are_ranked_last() {
    let s = site(vec![
        ("earner", current(1000.0, 40.0)),
        ("loss", current(80.0, -10.0)),
        ("bare", with_sales("current", None)),
        ("zero", current(50.0, 0.0)),
    ]);
    let side = analyze(&s);
    let get = |slug: &str| {
        let a = &side.customers[slug];
        (a.abc, a.decile, a.band, a.relationship)
    };
    use AbcClass::*;
    use Relationship::*;
    assert_eq!(get("earner"), (Some(A), Some(1), Some(1), Some(Retain)));
    // revenue ranking: earner 1000, loss 80, zero 50, bare 0;
    // profit ranking: earner 40, bare 0, zero 0 (tie by slug), loss -10
    assert_eq!(get("loss"), (Some(B), Some(8), None, Some(Marginal)));
    assert_eq!(get("zero"), (Some(C), Some(6), None, Some(Marginal)));
    assert_eq!(get("bare"), (Some(C), Some(3), None, Some(Marginal)));
    assert_eq!(side.deciles.unprofitable, 3);
    // nobody has a last_contact: all are overdue, so revenue orders them
    assert_eq!(side.customers["bare"].risks, Some(vec![Risk::Overdue]));
    assert_eq!(side.watchlist, ["earner", "loss", "zero", "bare"]);
    assert_all_finite(&side);
}

#[test]
fn watchlist_gathers_the_risks_of_current_customers() {
    let contacted = "last_contact: 2026-11-01\n";
    let s = site(vec![
        (
            "falling",
            customer(&format!(
                "status: current\n{contacted}metrics: [{{ period: 1, revenue: 10, profit: 30 }}, {{ period: 2, revenue: 10, profit: 20 }}]\nsatisfaction: 1.5\nloyalty: 2"
            )),
        ),
        (
            "top",
            customer(&format!(
                "status: current\n{contacted}metrics: [{{ period: 1, revenue: 500, profit: 200 }}]\nsatisfaction: 3\nloyalty: 5"
            )),
        ),
        (
            "quiet",
            customer(&format!(
                "status: current\n{contacted}metrics: [{{ period: 1, revenue: 50, profit: 5 }}]"
            )),
        ),
        (
            "lost",
            customer("status: former\nobjection: too_expensive\nsatisfaction: 1\nloyalty: 1"),
        ),
    ]);
    let side = analyze(&s);
    let risks = |slug: &str| side.customers[slug].risks.clone();
    assert_eq!(
        risks("falling"),
        Some(vec![Risk::Declining, Risk::Disloyal])
    );
    assert_eq!(risks("top"), Some(vec![Risk::Hostage]));
    assert_eq!(risks("quiet"), Some(vec![]));
    assert_eq!(risks("lost"), None);
    assert_eq!(side.watchlist, ["falling", "top"]);
    assert!(side.followup.overdue.is_empty());
}

#[test]
fn an_empty_site_gives_zeros_and_full_tables() {
    let side = analyze(&site(vec![]));
    assert!(side.customers.is_empty());
    assert_eq!(side.deciles.by_customers.len(), 10);
    assert_eq!(side.deciles.by_profit.len(), 10);
    assert_eq!(side.pyramid.len(), 4);
    assert!(side.relationship_counts.iter().all(|c| c.customers == 0));
    assert_eq!(side.relationship_counts.len(), 5);
    assert_eq!(side.loyalty_counts.len(), 6);
    assert!(side.owners.is_empty() && side.regions.is_empty());
    assert!(side.tenths.revenue.iter().all(|r| r.customers == 0));
    assert_eq!(side.tenths.profit.len(), 10);
    assert_all_finite(&side);
}

#[test]
fn weights_that_do_not_sum_to_one_are_normalised() {
    let mut config = Config::default();
    let w = &mut config.value_model.weights;
    (w.financial, w.sales, w.customer, w.service) =
        (Weight(3.0), Weight(3.0), Weight(2.0), Weight(2.0));
    let side = analyze(&site_with(config, vec![("full", customer(FULL))]));
    let v = side.customers["full"].value.clone().unwrap();
    assert_eq!((v.score, v.actual, v.potential), (7.25, 7.5, 6.875));
    assert_eq!(side.pyramid[1].customers, 1);
    assert_eq!(side.pyramid[1].revenue_share, 1.0);
}

#[test]
fn counts_and_rankings_are_deterministic() {
    let build = |order: &[usize]| {
        let all = [
            ("c", current(10.0, 5.0)),
            ("a", current(10.0, 5.0)),
            (
                "b",
                customer("status: current\nsatisfaction: 3\nloyalty: 1"),
            ),
            (
                "d",
                customer("status: prospect\nsatisfaction: 5\nloyalty: 5\nnext_visit: 2026-11-25"),
            ),
        ];
        let picked = order.iter().map(|&i| all[i].clone()).collect();
        serde_json::to_string(&analyze(&site(picked))).unwrap()
    };
    let first = build(&[0, 1, 2, 3]);
    assert_eq!(first, build(&[3, 2, 1, 0]));
    let side = analyze(&site(vec![
        ("c", current(10.0, 5.0)),
        ("a", current(10.0, 5.0)),
    ]));
    let ranked: Vec<_> = side.abc.ranking.iter().map(|r| r.slug.as_str()).collect();
    assert_eq!(ranked, ["a", "c"]);
    assert_eq!(side.customers["a"].relationship, Some(Relationship::Retain));
    assert_eq!(side.customers["c"].relationship, Some(Relationship::Grow));
    let rel: Vec<_> = side
        .relationship_counts
        .iter()
        .map(|c| c.customers)
        .collect();
    assert_eq!(rel, [0, 1, 0, 1, 0]);
}

#[test]
fn a_retained_customer_losing_value_is_on_the_watchlist() {
    let contacted = "last_contact: 2026-11-01\n";
    let s = site(vec![
        // the top profit (retain), fallen by exactly 10%: declining risk
        (
            "top",
            customer(&format!(
                "status: current\n{contacted}metrics: [{{ period: 1, revenue: 900, profit: 650 }}, {{ period: 2, revenue: 900, profit: 585 }}]"
            )),
        ),
        // fallen by less than 10%: no risk, class grow
        (
            "small",
            customer(&format!(
                "status: current\n{contacted}metrics: [{{ period: 1, revenue: 90, profit: 100 }}, {{ period: 2, revenue: 90, profit: 91 }}]"
            )),
        ),
        // transactional and fallen to a loss: still a risk
        (
            "trader",
            customer(&format!(
                "status: current\nprice_only: true\n{contacted}metrics: [{{ period: 1, revenue: 50, profit: 10 }}, {{ period: 2, revenue: 50, profit: -1 }}]"
            )),
        ),
    ]);
    let side = analyze(&s);
    let got = |slug: &str| {
        let a = &side.customers[slug];
        (a.relationship, a.risks.clone())
    };
    use Relationship::*;
    assert_eq!(got("top"), (Some(Retain), Some(vec![Risk::Declining])));
    assert_eq!(got("small"), (Some(Grow), Some(vec![])));
    assert_eq!(
        got("trader"),
        (Some(Transactional), Some(vec![Risk::Declining]))
    );
    assert_eq!(side.watchlist, ["top", "trader"]);
}

#[test]
fn the_decline_threshold_is_a_setting() {
    let mut config = Config::default();
    config.relationship.decline = crate::model::scalars::Share(0.5);
    let falling = "status: current\nmetrics: [{ period: 1, revenue: 1, profit: 100 }, { period: 2, revenue: 1, profit: 60 }]";
    let side = analyze(&site_with(
        config,
        vec![("a", current(1.0, 500.0)), ("b", customer(falling))],
    ));
    assert_eq!(side.customers["b"].relationship, Some(Relationship::Grow));
    let side = analyze(&site(vec![
        ("a", current(1.0, 500.0)),
        ("b", customer(falling)),
    ]));
    assert_eq!(
        side.customers["b"].relationship,
        Some(Relationship::Declining)
    );
}

#[test]
fn loyalty_counts_are_over_current_customers_only() {
    let s = site(vec![
        (
            "a",
            customer("status: current\nsatisfaction: 5\nloyalty: 5"),
        ),
        ("b", customer("status: former\nsatisfaction: 1\nloyalty: 1")),
        (
            "c",
            customer("status: prospect\nsatisfaction: 5\nloyalty: 5"),
        ),
        (
            "d",
            customer("status: current\nsatisfaction: 1.5\nloyalty: 1"),
        ),
    ]);
    let side = analyze(&s);
    let json = serde_json::to_value(&side.loyalty_counts).unwrap();
    assert_eq!(
        json,
        serde_json::json!({ "apostle": 1, "loyalist": 0, "hostage": 0, "mercenary": 0, "defector": 0, "terrorist": 1 })
    );
    // every status is still typed on its own dossier
    assert_eq!(side.customers["b"].loyalty, Some(LoyaltyType::Terrorist));
}

#[test]
fn owners_and_regions_group_customers_with_their_targets() {
    let s = site(vec![
        (
            "a",
            customer(
                "status: current\nowner: Chen Jing\nregion: Hebei\nlast_contact: 2026-11-01\nmetrics: [{ period: \"2026\", revenue: 90, profit: 9 }]\ntargets: [{ period: \"2025\", revenue: 10 }, { period: \"2026\", revenue: 100 }]",
            ),
        ),
        (
            "b",
            customer("status: prospect\nowner: chen jing \nregion: hebei\nnext_visit: 2026-11-25"),
        ),
        // no owner: unassigned; no targets: attainment null
        (
            "c",
            customer(
                "status: current\nregion: \" \"\nmetrics: [{ period: \"2026\", revenue: 50, profit: 5 }]",
            ),
        ),
    ]);
    let side = analyze(&s);
    let json = serde_json::to_value(&side.owners).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            { "name": "Chen Jing", "slug": "chen-jing", "customers": 2, "current": 1, "revenue": 90.0,
              "target": 100.0, "attained": 90.0, "attainment": 0.9, "overdue": 0, "watchlist": 0, "upcoming": 1 },
            { "name": "unassigned", "slug": "unassigned", "customers": 1, "current": 1, "revenue": 50.0,
              "target": 0.0, "attained": 0.0, "attainment": null, "overdue": 1, "watchlist": 1, "upcoming": 0 }
        ])
    );
    let regions: Vec<(&str, u32)> = side
        .regions
        .iter()
        .map(|r| (r.name.as_str(), r.customers))
        .collect();
    assert_eq!(regions, [("Hebei", 2), ("unassigned", 1)]);
    let a = &side.customers["a"];
    assert_eq!((a.target, a.attainment), (Some(100.0), Some(0.9)));
    assert_eq!(
        (a.owner.as_str(), a.owner_slug.as_str()),
        ("Chen Jing", "chen-jing")
    );
    let c = &side.customers["c"];
    assert_eq!(
        (c.owner.as_str(), c.region.as_str()),
        ("unassigned", "unassigned")
    );
    assert_eq!(
        side.customers["b"].target, None,
        "a prospect has no attainment"
    );
}

// Issue 12 (seed 004): loyalty behaviour categories and the continuum.
#[test]
fn categories_and_closeness_become_risks_only_where_recorded() {
    let top = "value: { financial: 10, sales: 10, customer: 10, service: 10 }\n";
    let s = site(vec![
        (
            "switching",
            customer(
                "status: current\nlast_contact: 2026-11-01\nloyalty_category: long_term_switching\nmetrics: [{ period: \"2026\", revenue: 10, profit: 1 }]\n",
            ),
        ),
        (
            "far",
            customer(&format!(
                "status: current\nlast_contact: 2026-11-01\nloyalty_category: occasional_less\ncloseness: distant\n{top}metrics: [{{ period: \"2026\", revenue: 1000, profit: 100 }}]\n"
            )),
        ),
        (
            "plain",
            customer(
                "status: current\nlast_contact: 2026-11-01\nmetrics: [{ period: \"2026\", revenue: 5, profit: 1 }]\n",
            ),
        ),
        (
            "lead",
            customer(
                "status: prospect\nloyalty_category: non_user_potential\ncloseness: scattered\n",
            ),
        ),
    ]);
    let side = analyze(&s);
    let risks = |slug: &str| side.customers[slug].risks.clone();
    assert_eq!(risks("switching"), Some(vec![Risk::Switching]));
    assert_eq!(risks("far"), Some(vec![Risk::Shrinking, Risk::ArmsLength]));
    assert_eq!(risks("plain"), Some(vec![]));
    assert_eq!(risks("lead"), None);
    assert_eq!(side.watchlist, vec!["far", "switching"]);
    assert_eq!(side.continuum.arms_length, vec!["far"]);
    // only current customers are crossed: the prospect is left out
    assert_eq!(side.continuum.recorded, 1);
    let json = serde_json::to_value(&side).unwrap();
    assert_eq!(json["customers"]["far"]["risks"][1], "arms_length");
    assert_eq!(json["customers"]["far"]["closeness"], "distant");
    assert_eq!(
        json["loyalty_categories"]["counts"][4],
        serde_json::json!({ "category": "non_user_potential", "customers": 1 })
    );
    assert_eq!(json["loyalty_categories"]["not_recorded"], 1);
    assert_eq!(
        json["continuum"]["rows"][1],
        serde_json::json!({ "closeness": "distant", "tiers": [1, 0, 0, 0], "unscored": 0 })
    );
    assert_eq!(
        json["continuum"]["rows"][5],
        serde_json::json!({ "closeness": null, "tiers": [0, 0, 0, 0], "unscored": 2 })
    );
}

#[test]
fn a_customers_own_swot_is_scored_once_for_the_pages_and_not_exported() {
    let c = customer(
        "status: prospect\nswot:\n  strengths: [{ text: s, score: 4 }]\n  threats: [{ text: t, score: 6 }]\n",
    );
    let side = analyze(&site(vec![("x", c), ("y", customer("status: prospect\n"))]));
    let swot = side.customers["x"].swot.as_ref().expect("scored");
    assert_eq!((swot.internal, swot.external), (4.0, -6.0));
    assert_eq!(swot.posture, Some(crate::analysis::swot::Posture::ST));
    assert_eq!(side.customers["y"].swot, None);
    let json = serde_json::to_value(&side.customers["x"]).unwrap();
    assert!(json.get("swot").is_none(), "{json}");
}
