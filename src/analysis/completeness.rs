//! Information completeness (seed 001 客户信息: 基础信息, 业务信息, 组织信息,
//! 交易情况, 个人信息; seed 002 基礎資料, 客戶特徵, 業務狀況, 交易現狀): how
//! much of what a manager must know about a customer is on file, and what
//! is missing, most important first.
//!
//! Each item of the [`CHECKLIST`] has a weight per status: a prospect
//! needs its decision process and deal; a current customer its
//! transactions and payment behaviour. The score is the weight present
//! over the weight that applies (0 to 1). Not here: the wording of the
//! missing items (the theme's `missing_<item>` labels).

use super::abc::AbcClass;
use super::man::ManGrade;
use crate::model::Customer;
use crate::model::customer::{Role, Status};
use serde::Serialize;

/// One thing a manager should know, in the order of the source's five
/// kinds of customer information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    // Basic information.
    Industry,
    Region,
    Size,
    MarketPosition,
    Since,
    // Business information.
    Business,
    Needs,
    // Organisation.
    DecisionMaker,
    DecisionProcess,
    Structure,
    // Transactions.
    Metrics,
    Payment,
    Deal,
    // Personal information about the contacts.
    Contacts,
    Stance,
}

/// Every item with its weight for a prospect and for a customer we have
/// dealt with (current, former, blacklisted). Weight 0: does not apply.
pub const CHECKLIST: &[(Item, u32, u32)] = &[
    (Item::Industry, 1, 1),
    (Item::Region, 1, 1),
    (Item::Size, 1, 1),
    (Item::MarketPosition, 1, 1),
    (Item::Since, 0, 1),
    (Item::Business, 2, 2),
    (Item::Needs, 2, 1),
    (Item::DecisionMaker, 3, 2),
    (Item::DecisionProcess, 3, 1),
    (Item::Structure, 1, 1),
    (Item::Metrics, 0, 3),
    (Item::Payment, 0, 3),
    (Item::Deal, 2, 0),
    (Item::Contacts, 2, 2),
    (Item::Stance, 1, 1),
];

/// The weight of `item` for a customer of `status`.
pub fn weight(item: Item, status: Status) -> u32 {
    CHECKLIST
        .iter()
        .find(|(i, _, _)| *i == item)
        .map_or(0, |&(_, prospect, dealt)| {
            if status == Status::Prospect {
                prospect
            } else {
                dealt
            }
        })
}

fn filled(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// True when the customer's file records `item`.
pub fn has(c: &Customer, item: Item) -> bool {
    match item {
        Item::Industry => filled(&c.industry),
        Item::Region => filled(&c.region),
        Item::Size => c
            .size
            .as_ref()
            .is_some_and(|s| s.employees.is_some() || s.revenue.is_some()),
        Item::MarketPosition => filled(&c.market_position),
        Item::Since => c.since.is_some(),
        Item::Business => c.business.as_ref().is_some_and(|b| {
            !(b.profit_points.is_empty() && b.growth_points.is_empty() && b.difficulties.is_empty())
        }),
        Item::Needs => !c.needs.is_empty(),
        Item::DecisionMaker => c.contacts.iter().any(|k| k.role == Role::DecisionMaker),
        Item::DecisionProcess => c
            .organisation
            .as_ref()
            .is_some_and(|o| !o.decision_process.is_empty()),
        Item::Structure => c
            .organisation
            .as_ref()
            .is_some_and(|o| filled(&o.structure)),
        Item::Metrics => !c.metrics.is_empty(),
        Item::Payment => c.credit.as_ref().is_some_and(|k| k.days_to_pay.is_some()),
        Item::Deal => c
            .deal
            .as_ref()
            .is_some_and(|d| filled(&d.plan) || filled(&d.timeline) || d.budget.is_some()),
        Item::Contacts => !c.contacts.is_empty(),
        Item::Stance => {
            !c.contacts.is_empty()
                && c.contacts
                    .iter()
                    .all(|k| k.stance.is_some() && k.influence.is_some())
        }
    }
}

/// How complete one customer's dossier is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Completeness {
    /// Weight present over weight that applies, 0 to 1.
    pub score: f64,
    /// The items missing, heaviest first, then in checklist order.
    pub missing: Vec<Item>,
    /// An important customer (see [`is_important`]): its gaps come first
    /// on the dashboard.
    pub important: bool,
}

/// Important for the list of thin dossiers: a current customer in ABC
/// class A or B, or a prospect of MAN grade A or B.
pub fn is_important(status: Status, abc: Option<AbcClass>, man: Option<ManGrade>) -> bool {
    match status {
        Status::Current => matches!(abc, Some(AbcClass::A | AbcClass::B)),
        Status::Prospect => matches!(man, Some(ManGrade::A | ManGrade::B)),
        Status::Former | Status::Blacklisted => false,
    }
}

/// Scores one customer against the checklist.
pub fn of(c: &Customer, important: bool) -> Completeness {
    let mut total = 0;
    let mut present = 0;
    let mut missing: Vec<(u32, Item)> = Vec::new();
    for &(item, _, _) in CHECKLIST {
        let w = weight(item, c.status);
        if w == 0 {
            continue;
        }
        total += w;
        if has(c, item) {
            present += w;
        } else {
            missing.push((w, item));
        }
    }
    missing.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    Completeness {
        score: if total == 0 {
            1.0
        } else {
            f64::from(present) / f64::from(total)
        },
        missing: missing.into_iter().map(|(_, i)| i).collect(),
        important,
    }
}

/// One candidate for the dashboard's list of thin dossiers.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<'a> {
    pub slug: &'a str,
    pub important: bool,
    pub score: f64,
    pub revenue: f64,
}

/// The dossiers with something missing, important customers first, then
/// the thinnest (lowest score), then higher revenue, then slug.
pub fn thinnest(candidates: &[Candidate]) -> Vec<String> {
    let mut list: Vec<&Candidate> = candidates.iter().filter(|c| c.score < 1.0).collect();
    list.sort_by(|a, b| {
        b.important
            .cmp(&a.important)
            .then(a.score.total_cmp(&b.score))
            .then(b.revenue.total_cmp(&a.revenue))
            .then(a.slug.cmp(b.slug))
    });
    list.into_iter().map(|c| c.slug.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testutil::customer;

    const FULL_CURRENT: &str = "status: current
industry: Retail
region: North
size: { employees: 200 }
market_position: Number two in the province
since: 2020-03-01
business: { profit_points: [Own brands] }
needs: [Training]
organisation:
  structure: Head office and 12 stores
  decision_process: [Need raised by HR, Budget approval, Signature]
metrics: [{ period: \"2026\", revenue: 100, profit: 10 }]
credit: { terms_days: 30, days_to_pay: 45 }
contacts:
  - { name: Li, role: decision_maker, stance: supporter, influence: high }
";

    #[test]
    fn a_full_dossier_scores_one_and_misses_nothing() {
        let got = of(&customer(FULL_CURRENT), false);
        assert_eq!(got.score, 1.0);
        assert!(got.missing.is_empty(), "{:?}", got.missing);
    }

    #[test]
    fn each_missing_item_costs_its_weight_for_the_status() {
        // Current customers weigh 21 in all; prospects 20.
        let cases: &[(&str, &str, Item, f64)] = &[
            (
                "current",
                "credit: { terms_days: 30, days_to_pay: 45 }\n",
                Item::Payment,
                18.0 / 21.0,
            ),
            ("current", "since: 2020-03-01\n", Item::Since, 20.0 / 21.0),
            (
                "current",
                "metrics: [{ period: \"2026\", revenue: 100, profit: 10 }]\n",
                Item::Metrics,
                18.0 / 21.0,
            ),
            (
                "current",
                "  decision_process: [Need raised by HR, Budget approval, Signature]\n",
                Item::DecisionProcess,
                20.0 / 21.0,
            ),
        ];
        for &(status, line, item, score) in cases {
            let yaml = FULL_CURRENT.replace("status: current", &format!("status: {status}"));
            let yaml = yaml.replace(line, "");
            let got = of(&customer(&yaml), false);
            assert_eq!(got.missing, vec![item], "{line}");
            assert!((got.score - score).abs() < 1e-12, "{line}: {}", got.score);
        }
    }

    #[test]
    fn a_prospect_needs_its_decision_process_and_deal_not_its_payments() {
        let got = of(&customer("status: prospect\n"), false);
        assert_eq!(got.score, 0.0);
        assert_eq!(
            &got.missing[..4],
            &[
                Item::DecisionMaker,
                Item::DecisionProcess,
                Item::Business,
                Item::Needs
            ]
        );
        assert!(!got.missing.contains(&Item::Payment));
        assert!(!got.missing.contains(&Item::Since));
        assert!(got.missing.contains(&Item::Deal));
        let current = of(&customer("status: current\n"), false);
        assert_eq!(&current.missing[..2], &[Item::Metrics, Item::Payment]);
        assert!(!current.missing.contains(&Item::Deal));
    }

    #[test]
    fn blank_text_and_half_recorded_contacts_do_not_count() {
        let c = customer(
            "status: prospect
industry: \"  \"
contacts:
  - { name: Li, role: influencer, stance: neutral }
  - { name: Wang, role: user, stance: supporter, influence: low }
",
        );
        assert!(!has(&c, Item::Industry));
        assert!(has(&c, Item::Contacts));
        assert!(!has(&c, Item::Stance), "Li has no influence recorded");
        assert!(!has(&customer("status: prospect\n"), Item::Stance));
        let c = customer("status: current\ncredit: { terms_days: 30 }\n");
        assert!(!has(&c, Item::Payment), "terms alone are not behaviour");
    }

    #[test]
    fn the_worked_example_of_the_docs() {
        let c = customer(
            "status: current
industry: Retail
region: North
size: { revenue: 5000000 }
business: { difficulties: [Staff turnover] }
needs: [Training]
contacts: [{ name: Li, role: decision_maker, stance: neutral, influence: high }]
metrics: [{ period: \"2026\", revenue: 100, profit: 10 }]
",
        );
        let got = of(&c, false);
        assert!((got.score - 14.0 / 21.0).abs() < 1e-12, "{}", got.score);
        assert_eq!(
            got.missing,
            vec![
                Item::Payment,
                Item::MarketPosition,
                Item::Since,
                Item::DecisionProcess,
                Item::Structure
            ]
        );
    }

    #[test]
    fn important_means_abc_a_or_b_or_man_a_or_b() {
        use Status::*;
        let cases = [
            (Current, Some(AbcClass::A), None, true),
            (Current, Some(AbcClass::B), None, true),
            (Current, Some(AbcClass::C), Some(ManGrade::A), false),
            (Current, None, None, false),
            (Prospect, None, Some(ManGrade::B), true),
            (Prospect, None, Some(ManGrade::C), false),
            (Prospect, Some(AbcClass::A), None, false),
            (Former, Some(AbcClass::A), Some(ManGrade::A), false),
        ];
        for (status, abc, man, want) in cases {
            assert_eq!(
                is_important(status, abc, man),
                want,
                "{status:?} {abc:?} {man:?}"
            );
        }
    }

    #[test]
    fn thinnest_puts_important_customers_first_and_drops_complete_ones() {
        let c = |slug, important, score, revenue| Candidate {
            slug,
            important,
            score,
            revenue,
        };
        let got = thinnest(&[
            c("a-full", true, 1.0, 900.0),
            c("b-thin", false, 0.1, 50.0),
            c("c-key", true, 0.8, 10.0),
            c("d-key", true, 0.5, 10.0),
            c("e-key", true, 0.5, 20.0),
        ]);
        assert_eq!(got, vec!["e-key", "d-key", "c-key", "b-thin"]);
    }
}
