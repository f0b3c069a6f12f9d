//! The diff and its report from two in-memory sites (no git): what lands
//! in which group, what the text says, and what is left out.

use super::diff::{self, Change, Diff};
use super::report::{Report, Revision, Side};
use crate::analysis::testutil::{customer, date, site};
use crate::analysis::{self, Analysis};
use crate::model::customer::Status;
use crate::model::{Customer, Site};

/// A current customer with a value scorecard of four equal scores,
/// recently contacted (so not overdue) and with one period of sales.
fn scored(score: f64, extra: &str) -> Customer {
    customer(&format!(
        "name: Scored {score}\nstatus: current\nlast_contact: 2026-11-01\n\
         metrics: [{{ period: \"2026\", revenue: 1000, profit: 100 }}]\n\
         value: {{ financial: {score}, sales: {score}, customer: {score}, service: {score} }}\n{extra}"
    ))
}

struct Run {
    diff: Diff,
    report: Report,
}

fn run(before: &Site, after: &Site) -> Run {
    let (a, b): (Analysis, Analysis) = (analysis::analyze(before), analysis::analyze(after));
    let diff = diff::diff(("v1", &a), ("working tree", &b));
    let side = |site, analysis, name: &str, commit: Option<&str>| Side {
        rev: Revision {
            name: name.into(),
            commit: commit.map(str::to_string),
        },
        site,
        analysis,
    };
    let report = Report::new(
        &diff,
        &side(before, &a, "v1", Some("abc1234")),
        &side(after, &b, "working tree", None),
    );
    Run { diff, report }
}

#[test]
fn a_customer_moving_to_platinum_is_a_tier_move_up_with_its_score() {
    let r = run(
        &site(vec![("acme", scored(7.0, ""))]),
        &site(vec![("acme", scored(9.0, ""))]),
    );
    let c = &r.diff.customers["acme"];
    assert_eq!(c.change, Change::Changed);
    assert_eq!(c.fields["value.tier"].to, "platinum");
    assert_eq!(r.report.tier_up.len(), 1);
    assert!(r.report.tier_down.is_empty() && r.report.scores.is_empty());
    let text = r.report.text();
    assert!(
        text.starts_with("# Changes from `v1` (abc1234) to the working tree\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "## Tier moves up (1)\n\n- Scored 9 (`acme`): gold → platinum (score 7 → 9, +2)\n"
        ),
        "{text}"
    );
}

#[test]
fn a_lower_tier_is_a_move_down_and_a_score_within_a_tier_is_a_score_change() {
    let before = site(vec![("a", scored(9.0, "")), ("b", scored(7.0, ""))]);
    let after = site(vec![("a", scored(5.0, "")), ("b", scored(7.5, ""))]);
    let r = run(&before, &after);
    assert_eq!(r.report.tier_down[0].slug, "a");
    assert_eq!(r.report.scores[0].slug, "b");
    let text = r.report.text();
    assert!(
        text.contains("- Scored 5 (`a`): platinum → iron (score 9 → 5, -4)"),
        "{text}"
    );
    assert!(
        text.contains(
            "## Value score changes (1)\n\n- Scored 7.5 (`b`): 7 → 7.5, +0.5, still gold\n"
        ),
        "{text}"
    );
}

#[test]
fn a_lost_customer_shows_its_reason_and_nothing_its_status_explains() {
    let before = site(vec![("acme", scored(7.0, "objection: too_expensive\n"))]);
    let mut former = scored(
        7.0,
        "reason_code: price\nreason: |\n  Found a cheaper\n  supplier.\n",
    );
    former.status = Status::Former;
    let r = run(&before, &site(vec![("acme", former)]));
    let fields: Vec<&str> = r.diff.customers["acme"]
        .fields
        .keys()
        .map(String::as_str)
        .collect();
    assert!(
        fields.contains(&"status") && fields.contains(&"abc"),
        "JSON lists every change: {fields:?}"
    );
    assert!(
        r.report.classes.is_empty(),
        "abc and relationship stop applying: {:?}",
        r.report.classes
    );
    assert!(r.report.cleared_risks.is_empty());
    let s = &r.report.status[0];
    assert_eq!(
        (s.reason_code.as_deref(), s.to.as_str()),
        (Some("price"), Some("former"))
    );
    let text = r.report.text();
    assert!(
        text.contains(
            "- Scored 7 (`acme`): current → former (reason: price: Found a cheaper supplier.)"
        ),
        "{text}"
    );
}

#[test]
fn added_and_removed_customers_are_named_from_their_own_revision() {
    let before = site(vec![("old", customer("name: Old Co\nstatus: prospect\n"))]);
    let after = site(vec![(
        "new",
        customer(
            "name: New Co\nstatus: prospect\nman: { money: high, authority: high, need: high }\n",
        ),
    )]);
    let r = run(&before, &after);
    assert_eq!(r.diff.customers["old"].change, Change::Removed);
    assert_eq!(r.diff.customers["new"].change, Change::Added);
    let text = r.report.text();
    assert!(
        text.contains("## Customers added (1)\n\n- New Co (`new`): status prospect, MAN grade A, owner unassigned, completeness 0%\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "## Customers removed (1)\n\n- Old Co (`old`): had status prospect, owner unassigned, completeness 0%\n"
        ),
        "{text}"
    );
}

#[test]
fn new_and_cleared_risks_are_grouped() {
    let before = site(vec![("a", scored(7.0, "objection: no_time\n"))]);
    let mut overdue = scored(7.0, "");
    overdue.last_contact = Some(date("2026-01-01"));
    let r = run(&before, &site(vec![("a", overdue)]));
    let text = r.report.text();
    assert!(
        text.contains("## New risks (1)\n\n- Scored 7 (`a`): overdue\n"),
        "{text}"
    );
    assert!(
        text.contains("## Risks cleared (1)\n\n- Scored 7 (`a`): objection\n"),
        "{text}"
    );
}

#[test]
fn company_posture_and_competitors_are_reported() {
    let mut before = site(vec![]);
    let mut after = site(vec![]);
    before.company = serde_yaml::from_str(
        "name: Us\nswot:\n  strengths: [{ text: a, score: 8 }]\n  opportunities: [{ text: b, score: 5 }]\n",
    )
    .unwrap();
    after.company = serde_yaml::from_str(
        "name: Us\nswot:\n  strengths: [{ text: a, score: 2 }]\n  weaknesses: [{ text: c, score: 4 }]\n  opportunities: [{ text: b, score: 5 }]\n",
    )
    .unwrap();
    after.competitors = vec![(
        "rival".into(),
        serde_yaml::from_str("name: Rival\nswot: { strengths: [{ text: x, score: 3 }] }\n")
            .unwrap(),
    )];
    let r = run(&before, &after);
    let company = r.diff.company.as_ref().expect("company changed");
    assert_eq!(company.fields["swot.posture"].from, "SO");
    assert_eq!(company.fields["swot.posture"].to, "WO");
    assert_eq!(r.diff.competitors["rival"].change, Change::Added);
    let text = r.report.text();
    assert!(text.contains("## Company SWOT\n\n- posture SO → WO\n- strengths 8 → 2 (-6)\n- weaknesses 0 → 4 (+4)\n"), "{text}");
    assert!(
        text.contains("- Rival (`rival`): added; posture SO, strengths 3, weaknesses 0"),
        "{text}"
    );
}

#[test]
fn nothing_changed_says_so_and_the_json_is_empty() {
    let s = site(vec![("a", scored(7.0, ""))]);
    let r = run(&s, &s.clone());
    assert!(r.report.empty);
    assert!(
        r.report
            .text()
            .contains("No changes in customers, the company or competitors.")
    );
    let json: serde_json::Value = serde_json::from_str(&super::json(&r.diff)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({ "from": "v1", "to": "working tree", "customers": {}, "company": null, "competitors": {},
                            "owners": {}, "regions": {} })
    );
}

#[test]
fn a_customer_page_sees_only_its_own_changes() {
    let before = site(vec![("a", scored(7.0, "")), ("b", scored(7.0, ""))]);
    let after = site(vec![("a", scored(9.0, "")), ("b", scored(7.0, ""))]);
    let r = run(&before, &after);
    let a = r.report.customer(&r.diff, "a");
    assert_eq!(a.change, Some(Change::Changed));
    let fields: Vec<&str> = a.fields.iter().map(|f| f.field).collect();
    assert_eq!(fields, ["value.tier", "value.score"]);
    let b = r.report.customer(&r.diff, "b");
    assert_eq!(
        (b.change, b.fields.len(), b.baseline.name.as_str()),
        (None, 0, "v1")
    );
}

/// A current customer with an owner, recently contacted, with 2026 sales
/// of `revenue` and, when given, a 2026 revenue target.
fn owned(owner: &str, revenue: f64, target: Option<f64>) -> Customer {
    let target = target
        .map(|t| format!("targets: [{{ period: \"2026\", revenue: {t} }}]\n"))
        .unwrap_or_default();
    customer(&format!(
        "name: Owned\nstatus: current\nowner: {owner}\nlast_contact: 2026-11-01\n\
         metrics: [{{ period: \"2026\", revenue: {revenue}, profit: 10 }}]\n{target}"
    ))
}

#[test]
fn owner_and_attainment_changes_are_reported() {
    let before = site(vec![
        ("a", owned("Chen Jing", 90.0, Some(100.0))),
        ("b", owned("Chen Jing", 50.0, None)),
    ]);
    let after = site(vec![
        ("a", owned("Chen Jing", 120.0, Some(100.0))),
        ("b", owned("Wang Lei", 50.0, Some(40.0))),
    ]);
    let r = run(&before, &after);
    let a = &r.diff.customers["a"];
    assert_eq!(a.fields["attainment"].from, 0.9);
    assert_eq!(a.fields["attainment"].to, 1.2);
    let b = &r.diff.customers["b"];
    assert_eq!(b.fields["owner"].from, "Chen Jing");
    assert_eq!(b.fields["owner"].to, "Wang Lei");
    assert_eq!(b.fields["attainment"].from, serde_json::Value::Null);
    // Chen Jing: 90 of 100, then 120 of 100; Wang Lei is new, at 125%
    assert_eq!(r.diff.owners["chen-jing"].fields["attainment"].to, 1.2);
    assert_eq!(r.diff.owners["wang-lei"].change, Change::Added);
    // one region (unassigned): 90 of 100, then 170 of 140
    let region = &r.diff.regions["unassigned"].fields["attainment"];
    assert_eq!(
        (region.from.as_f64(), region.to.as_f64()),
        (Some(0.9), Some(170.0 / 140.0))
    );
    let json = serde_json::to_value(&r.diff).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "from",
            "to",
            "customers",
            "company",
            "competitors",
            "owners",
            "regions"
        ]
    );
    let text = r.report.text();
    assert!(
        text.contains("## Account manager changes (1)\n\n- Owned (`b`): Chen Jing → Wang Lei\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "## Target attainment changes (2)\n\n- Owned (`a`): 90% → 120%\n- Owned (`b`): no target → 125%\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("- owner Chen Jing (`chen-jing`): 90% → 120%\n- owner Wang Lei (`wang-lei`): no target → 125%\n"),
        "{text}"
    );
    assert!(
        r.report.classes.is_empty(),
        "owner and attainment are not classes"
    );
}

#[test]
fn an_unchanged_owner_and_target_are_no_change() {
    let s = site(vec![("a", owned("Chen Jing", 90.0, Some(100.0)))]);
    let r = run(&s, &s);
    assert!(r.diff.customers.is_empty() && r.diff.owners.is_empty());
    assert!(r.report.empty);
}

// Issue 12: complaints.
#[test]
fn a_new_old_complaint_is_a_new_risk_and_changes_the_open_count() {
    let before = site(vec![("a", scored(7.0, ""))]);
    let after = site(vec![(
        "a",
        scored(
            7.0,
            "complaints: [{ opened: 2026-10-01, problem: late delivery }]\n",
        ),
    )]);
    let r = run(&before, &after);
    let c = &r.diff.customers["a"];
    assert!(c.fields["open_complaints"].from.is_null());
    assert_eq!(c.fields["open_complaints"].to, 1);
    let text = r.report.text();
    assert!(
        text.contains("## New risks (1)\n\n- Scored 7 (`a`): complaint\n"),
        "{text}"
    );
    assert!(
        text.contains("- Scored 7 (`a`): open complaints – → 1\n"),
        "{text}"
    );
}

// Issue 12: contact cadence.
#[test]
fn a_lapsed_habit_is_a_cadence_gap_change() {
    let visit = |date: &str| {
        format!(
            "visits: [{{ date: 2026-11-01, kind: regular }}, {{ date: {date}, kind: stimulation }}]\n"
        )
    };
    let before = site(vec![("a", scored(7.0, &visit("2026-10-01")))]);
    let after = site(vec![("a", scored(7.0, &visit("2026-01-01")))]);
    let r = run(&before, &after);
    let c = &r.diff.customers["a"];
    assert_eq!(c.fields["cadence.gaps"].from, serde_json::json!([]));
    assert_eq!(
        c.fields["cadence.gaps"].to,
        serde_json::json!(["stimulation"])
    );
    let text = r.report.text();
    assert!(
        text.contains("## New risks (1)\n\n- Scored 7 (`a`): cadence\n"),
        "{text}"
    );
}

// Issue 13: the portrait of our best customers and the focus.
#[test]
fn a_prospect_that_comes_to_look_like_our_best_customers_is_a_match_change() {
    let best = |slug| (slug, scored(9.0, "region: Hebei\n"));
    let prospect =
        |region: &str| customer(&format!("name: P\nstatus: prospect\nregion: {region}\n"));
    let with_focus = |mut s: Site| {
        s.company.strategy = Some(serde_yaml::from_str("regions: [Hebei]").unwrap());
        s
    };
    let before = with_focus(site(vec![best("a"), best("b"), ("p", prospect("Jilin"))]));
    let after = with_focus(site(vec![best("a"), best("b"), ("p", prospect("hebei"))]));
    let r = run(&before, &after);
    let c = &r.diff.customers["p"];
    assert_eq!(c.fields["portrait_match.score"].from, 1);
    assert_eq!(c.fields["portrait_match.score"].to, 3);
    assert_eq!(c.fields["focus"].to, "in");
    let text = r.report.text();
    assert!(
        text.contains("- P (`p`): focus out → in; portrait match 1 → 3 (+2)\n"),
        "{text}"
    );
}

// Issue 12 (seed 004): loyalty behaviour and the relationship continuum.
#[test]
fn a_customer_drifting_away_changes_category_and_closeness_and_gains_the_risks() {
    let before = site(vec![(
        "a",
        scored(
            9.0,
            "loyalty_category: long_term_loyal\ncloseness: working\n",
        ),
    )]);
    let after = site(vec![(
        "a",
        scored(
            9.0,
            "loyalty_category: long_term_switching\ncloseness: distant\n",
        ),
    )]);
    let r = run(&before, &after);
    let c = &r.diff.customers["a"];
    assert_eq!(c.fields["loyalty_category"].from, "long_term_loyal");
    assert_eq!(c.fields["loyalty_category"].to, "long_term_switching");
    assert_eq!(c.fields["closeness"].from, "working");
    assert_eq!(c.fields["closeness"].to, "distant");
    let text = r.report.text();
    assert!(
        text.contains("## New risks (1)\n\n- Scored 9 (`a`): switching, arms_length\n"),
        "{text}"
    );
    assert!(
        text.contains("long_term_loyal → long_term_switching"),
        "{text}"
    );
    assert!(text.contains("working → distant"), "{text}");
}
