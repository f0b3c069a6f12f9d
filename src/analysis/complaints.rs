//! Complaints and the problem-solving model (seed 004, 關係管理中問題解決模型):
//! for each complaint the step of the model it has reached and how long it
//! has been open; per customer its open complaints; across the portfolio
//! the open complaints oldest first, their count by step, the median days
//! to close and the escalations.
//!
//! Not the watchlist (it asks [`needs_attention`] for the `complaint`
//! risk) and not the checks of dates (`check` refuses a closed date before
//! the opened date, so `days_open` is never negative for a checked site).
//!
//! Readings where the source is silent:
//! - The steps are read in the source's order, and the step reached is the
//!   first without an answer; a complaint with every step answered has
//!   reached `done`.
//! - A complaint is open until it has a `closed` date, whatever its steps.
//! - Days open run from `opened` to `closed`, or to `as_of` while open.
//! - An open complaint needs attention when open more than
//!   `complaint_days` days (exactly that many is still in time), a closed
//!   one when the customer was recorded as not satisfied.

use crate::model::customer::{Complaint, Status};
use crate::model::scalars::Date;
use crate::model::{Customer, Site};
use serde::Serialize;

/// The steps of the problem-solving model, in the source's order, and
/// `done` once every step has an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 確定問題究竟是什麼: what the problem really is.
    Problem,
    /// 確定顧客究竟想要什麼: what the customer really wants.
    Wants,
    /// 這樣做能否彌補損失: would doing it make up for the loss?
    MakesUp,
    /// 你能提供顧客所要的東西嗎: can we provide it?
    WeProvide,
    /// 別人能提供顧客所要的東西嗎: can someone else?
    OthersProvide,
    /// 其他的選擇是什麼, 聯絡他們: the alternatives, contacted.
    Alternatives,
    /// 雙方都能同意提供解決方案嗎 (否: 尋求上一級的幫助): agreed, or escalated.
    Agreed,
    /// 顧客滿意嗎: is the customer satisfied?
    Satisfied,
    /// 記錄解決方案: record the solution.
    Record,
    /// Every step has an answer.
    Done,
}

impl Step {
    /// The steps of the model, without `done`.
    pub const STEPS: [Step; 9] = [
        Step::Problem,
        Step::Wants,
        Step::MakesUp,
        Step::WeProvide,
        Step::OthersProvide,
        Step::Alternatives,
        Step::Agreed,
        Step::Satisfied,
        Step::Record,
    ];

    /// The key used in labels and the export.
    pub fn key(self) -> &'static str {
        match self {
            Step::Problem => "problem",
            Step::Wants => "wants",
            Step::MakesUp => "makes_up",
            Step::WeProvide => "we_provide",
            Step::OthersProvide => "others_provide",
            Step::Alternatives => "alternatives",
            Step::Agreed => "agreed",
            Step::Satisfied => "satisfied",
            Step::Record => "record",
            Step::Done => "done",
        }
    }
}

/// The answer recorded at `step`, as written (`satisfied` as `yes`/`no`).
pub fn answer(c: &Complaint, step: Step) -> Option<String> {
    let text = |s: &Option<String>| s.as_ref().filter(|s| !s.trim().is_empty()).cloned();
    let a = &c.answers;
    match step {
        Step::Problem => text(&Some(c.problem.clone())),
        Step::Wants => text(&c.wants),
        Step::MakesUp => text(&a.makes_up),
        Step::WeProvide => text(&a.we_provide),
        Step::OthersProvide => text(&a.others_provide),
        Step::Alternatives => text(&a.alternatives),
        Step::Agreed => text(&a.agreed),
        Step::Satisfied => c
            .satisfied
            .map(|s| if s { "yes" } else { "no" }.to_string()),
        Step::Record => text(&c.solution),
        Step::Done => None,
    }
}

/// The first step without an answer; `done` when all have one.
pub fn reached(c: &Complaint) -> Step {
    Step::STEPS
        .into_iter()
        .find(|&s| answer(c, s).is_none())
        .unwrap_or(Step::Done)
}

/// Days from `opened` to `closed`, or to `as_of` while open.
pub fn days_open(c: &Complaint, as_of: Date) -> i64 {
    c.opened.days_until(c.closed.unwrap_or(as_of))
}

/// Open beyond `limit` days, or closed with the customer not satisfied.
pub fn needs_attention(c: &Complaint, as_of: Date, limit: u32) -> bool {
    match c.closed {
        None => days_open(c, as_of) > i64::from(limit),
        Some(_) => c.satisfied == Some(false),
    }
}

/// One complaint as analysed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComplaintAnalysis {
    pub opened: Date,
    pub closed: Option<Date>,
    pub open: bool,
    /// The first step without an answer (`done` when all have one).
    pub step: Step,
    pub days_open: i64,
    pub escalated_to: Option<String>,
    /// `null` until the satisfaction step is answered.
    pub satisfied: Option<bool>,
    /// Open too long, or closed unsatisfied (the `complaint` risk).
    pub attention: bool,
}

/// A customer's complaints, in file order.
pub fn of(c: &Customer, as_of: Date, limit: u32) -> Vec<ComplaintAnalysis> {
    c.complaints
        .iter()
        .map(|x| ComplaintAnalysis {
            opened: x.opened,
            closed: x.closed,
            open: x.closed.is_none(),
            step: reached(x),
            days_open: days_open(x, as_of),
            escalated_to: x
                .escalated_to
                .as_ref()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            satisfied: x.satisfied,
            attention: needs_attention(x, as_of, limit),
        })
        .collect()
}

/// One complaint in a portfolio list: whose it is and its place in the
/// customer's list (0-based).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComplaintRef {
    pub slug: String,
    pub index: u32,
    pub opened: Date,
    pub days_open: i64,
    pub step: Step,
    pub escalated_to: Option<String>,
    pub attention: bool,
}

/// How many open complaints have reached one step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepCount {
    pub step: Step,
    pub complaints: u32,
}

/// The portfolio's complaints (customers of any status).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Complaints {
    /// Open complaints, oldest first (then slug, then index).
    pub open: Vec<ComplaintRef>,
    /// Every step (and `done`) with its open complaints, in model order.
    pub by_step: Vec<StepCount>,
    pub closed: u32,
    /// The median days from opened to closed of the closed complaints;
    /// `null` when none is closed.
    pub median_days_to_close: Option<f64>,
    /// Complaints escalated to someone, open or closed, oldest first.
    pub escalations: Vec<ComplaintRef>,
}

/// The portfolio view of every customer's complaints.
pub fn portfolio(site: &Site, as_of: Date, limit: u32) -> Complaints {
    let mut all: Vec<(ComplaintRef, bool)> = Vec::new();
    let mut days_to_close: Vec<i64> = Vec::new();
    for (slug, c) in &site.customers {
        for (i, x) in of(c, as_of, limit).into_iter().enumerate() {
            if !x.open {
                days_to_close.push(x.days_open);
            }
            let r = ComplaintRef {
                slug: slug.clone(),
                index: i as u32,
                opened: x.opened,
                days_open: x.days_open,
                step: x.step,
                escalated_to: x.escalated_to,
                attention: x.attention,
            };
            all.push((r, x.open));
        }
    }
    all.sort_by(|(a, _), (b, _)| (a.opened, &a.slug, a.index).cmp(&(b.opened, &b.slug, b.index)));
    let open: Vec<ComplaintRef> = all
        .iter()
        .filter(|(_, o)| *o)
        .map(|(r, _)| r.clone())
        .collect();
    let by_step = Step::STEPS
        .into_iter()
        .chain([Step::Done])
        .map(|step| StepCount {
            step,
            complaints: open.iter().filter(|r| r.step == step).count() as u32,
        })
        .collect();
    let escalations = all
        .iter()
        .filter(|(r, _)| r.escalated_to.is_some())
        .map(|(r, _)| r.clone())
        .collect();
    Complaints {
        open,
        by_step,
        closed: days_to_close.len() as u32,
        median_days_to_close: median(days_to_close),
        escalations,
    }
}

fn median(mut v: Vec<i64>) -> Option<f64> {
    v.sort_unstable();
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2] as f64),
        _ => Some((v[n / 2 - 1] + v[n / 2]) as f64 / 2.0),
    }
}

/// Whether a current customer carries the `complaint` risk.
pub fn risk(c: &Customer, as_of: Date, limit: u32) -> bool {
    c.status == Status::Current
        && c.complaints
            .iter()
            .any(|x| needs_attention(x, as_of, limit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testutil::{AS_OF, customer, date, site};

    fn complaint(yaml: &str) -> Complaint {
        let c = customer(&format!("status: current\ncomplaints:\n  - {yaml}"));
        c.complaints[0].clone()
    }

    #[test]
    fn the_step_reached_is_the_first_without_an_answer() {
        let cases = [
            ("{opened: 2026-11-01, problem: late}", Step::Wants),
            (
                "{opened: 2026-11-01, problem: late, wants: '  '}",
                Step::Wants,
            ),
            (
                "{opened: 2026-11-01, problem: late, wants: refund}",
                Step::MakesUp,
            ),
            (
                "{opened: 2026-11-01, problem: late, wants: refund, answers: {makes_up: yes, we_provide: no}}",
                Step::OthersProvide,
            ),
            // a later answer does not skip an earlier unanswered step
            (
                "{opened: 2026-11-01, problem: late, wants: x, answers: {agreed: yes}}",
                Step::MakesUp,
            ),
            (
                "{opened: 2026-11-01, problem: p, wants: w, answers: {makes_up: y, we_provide: y, others_provide: n, alternatives: none, agreed: y}}",
                Step::Satisfied,
            ),
            (
                "{opened: 2026-11-01, problem: p, wants: w, answers: {makes_up: y, we_provide: y, others_provide: n, alternatives: none, agreed: y}, satisfied: false}",
                Step::Record,
            ),
            (
                "{opened: 2026-11-01, problem: p, wants: w, answers: {makes_up: y, we_provide: y, others_provide: n, alternatives: none, agreed: y}, satisfied: true, solution: s}",
                Step::Done,
            ),
        ];
        for (yaml, want) in cases {
            assert_eq!(reached(&complaint(yaml)), want, "{yaml}");
        }
    }

    #[test]
    fn attention_boundaries_are_exact() {
        let as_of = date(AS_OF); // 2026-11-22
        let cases = [
            // open exactly 14 days: still in time; 15: attention
            ("{opened: 2026-11-08, problem: p}", 14, false),
            ("{opened: 2026-11-07, problem: p}", 15, true),
            ("{opened: 2026-11-22, problem: p}", 0, false),
            // closed: days to close, attention only when unsatisfied
            (
                "{opened: 2026-01-01, problem: p, closed: 2026-03-01}",
                59,
                false,
            ),
            (
                "{opened: 2026-01-01, problem: p, satisfied: true, closed: 2026-01-01}",
                0,
                false,
            ),
            (
                "{opened: 2026-11-20, problem: p, satisfied: false, closed: 2026-11-21}",
                1,
                true,
            ),
        ];
        for (yaml, days, attention) in cases {
            let c = complaint(yaml);
            assert_eq!(days_open(&c, as_of), days, "{yaml}");
            assert_eq!(needs_attention(&c, as_of, 14), attention, "{yaml}");
        }
    }

    #[test]
    fn only_current_customers_carry_the_risk() {
        let as_of = date(AS_OF);
        let old = "complaints: [{opened: 2026-01-01, problem: p}]";
        assert!(risk(
            &customer(&format!("status: current\n{old}")),
            as_of,
            14
        ));
        assert!(!risk(
            &customer(&format!("status: former\n{old}")),
            as_of,
            14
        ));
        assert!(!risk(&customer("status: current"), as_of, 14));
    }

    #[test]
    fn portfolio_lists_open_oldest_first_and_counts_steps() {
        let s = site(vec![
            (
                "a",
                customer(
                    "status: current\ncomplaints:\n  - {opened: 2026-11-01, problem: p, wants: w}\n  - {opened: 2026-01-01, problem: p, closed: 2026-01-11, escalated_to: Boss}",
                ),
            ),
            (
                "b",
                customer(
                    "status: former\ncomplaints:\n  - {opened: 2026-10-01, problem: p}\n  - {opened: 2026-02-01, problem: p, closed: 2026-02-05}\n  - {opened: 2026-03-01, problem: p, closed: 2026-03-31}",
                ),
            ),
            ("c", customer("status: current")),
        ]);
        let p = portfolio(&s, date(AS_OF), 14);
        let open: Vec<(&str, u32)> = p.open.iter().map(|r| (r.slug.as_str(), r.index)).collect();
        assert_eq!(open, [("b", 0), ("a", 0)]);
        assert_eq!(p.by_step.len(), 10);
        let count = |step| {
            p.by_step
                .iter()
                .find(|c| c.step == step)
                .unwrap()
                .complaints
        };
        assert_eq!((count(Step::Wants), count(Step::MakesUp)), (1, 1));
        assert_eq!(p.closed, 3);
        // days to close 10, 4 and 30: the median is 10
        assert_eq!(p.median_days_to_close, Some(10.0));
        assert_eq!(p.escalations.len(), 1);
        assert_eq!(p.escalations[0].escalated_to.as_deref(), Some("Boss"));
    }

    #[test]
    fn median_of_even_and_none() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2.5));
        assert_eq!(median(vec![7]), Some(7.0));
        let empty = portfolio(&site(vec![]), date(AS_OF), 14);
        assert!(empty.open.is_empty() && empty.escalations.is_empty());
        assert_eq!((empty.closed, empty.median_days_to_close), (0, None));
        assert_eq!(
            empty.by_step.len(),
            10,
            "every step, even without complaints"
        );
    }
}
