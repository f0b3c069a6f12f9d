//! The next steps of a customer's dossier: which playbook advice applies,
//! in which order. Decided here once, so the HTML page and its Markdown
//! copy (which only format the list) can no longer disagree.
//!
//! Not the wording: a step names a playbook entry (`playbook.<section>.
//! <entry>`) and the field of it holding the advice; the theme's labels
//! say it. Not exported either: `data/analysis.json` has no next steps.

use super::customers::CustomerAnalysis;
use super::man::ManGrade;
use crate::model::Customer;
use crate::model::customer::{Disc, Role, Status};
use serde::Serialize;

/// One step, as the theme's labels word it: the title is
/// `playbook.<section>.<entry>.title` (or the contact), the advice is
/// `playbook.<section>.<entry>.<advice>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextStep {
    /// The playbook section (`overdue`, `man`, `objection`, `trust`,
    /// `disc`, `relationship`, `loyalty`).
    pub section: &'static str,
    /// The entry of that section; `null` when the section is one entry
    /// (`overdue`).
    pub entry: Option<String>,
    /// The entry's field with the advice: `action`, `advice`, `response`,
    /// `next` or `approach`.
    pub advice: &'static str,
    /// A label key written before the title (`objection`, `trust`).
    pub label: Option<&'static str>,
    /// The MAN grade written before the combination's title.
    pub grade: Option<ManGrade>,
    /// The contact the step is about (a decision maker with a DISC type);
    /// the title is then the contact, their role and DISC type.
    pub contact: Option<StepContact>,
}

/// A contact named by a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepContact {
    pub name: String,
    pub role: Role,
    pub disc: Disc,
}

impl NextStep {
    fn new(section: &'static str, entry: Option<String>, advice: &'static str) -> Self {
        NextStep {
            section,
            entry,
            advice,
            label: None,
            grade: None,
            contact: None,
        }
    }
}

/// A value's key as the content and the export write it (`no_need`, `MaN`).
fn key(value: impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The steps for one customer, most urgent first: an overdue follow-up,
/// the MAN advice, the answer to the objection, the trust level to build,
/// how to approach each decision maker, then the relationship and loyalty
/// actions.
pub fn of(c: &Customer, a: &CustomerAnalysis) -> Vec<NextStep> {
    let mut steps = Vec::new();
    if a.overdue {
        steps.push(NextStep::new("overdue", None, "action"));
    }
    if let Some(man) = &a.man {
        steps.push(NextStep {
            grade: Some(man.grade),
            ..NextStep::new("man", Some(man.combo.clone()), "advice")
        });
    }
    if let Some(o) = c.objection {
        steps.push(NextStep {
            label: Some("objection"),
            ..NextStep::new("objection", Some(key(o)), "response")
        });
    }
    // Every customer we still work with has a trust level to build; the
    // playbook's `none` entry says how to start.
    let trust = match a.trust.level {
        Some(level) => Some(key(level)),
        None if matches!(a.status, Status::Current | Status::Prospect) => Some("none".into()),
        None => None,
    };
    if let Some(level) = trust {
        steps.push(NextStep {
            label: Some("trust"),
            ..NextStep::new("trust", Some(level), "next")
        });
    }
    for k in &c.contacts {
        if let (Role::DecisionMaker, Some(disc)) = (k.role, k.disc) {
            steps.push(NextStep {
                contact: Some(StepContact {
                    name: k.name.clone(),
                    role: k.role,
                    disc,
                }),
                ..NextStep::new("disc", Some(key(disc)), "approach")
            });
        }
    }
    if let Some(r) = a.relationship {
        steps.push(NextStep::new("relationship", Some(key(r)), "action"));
    }
    if let Some(l) = a.loyalty {
        steps.push(NextStep::new("loyalty", Some(key(l)), "action"));
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{customers, testutil};

    fn analysed(yaml: &str) -> (Customer, CustomerAnalysis) {
        let c = testutil::customer(yaml);
        let site = testutil::site(vec![("x", c.clone())]);
        let a = customers::analyze(&site).customers["x"].clone();
        (c, a)
    }

    fn sections(yaml: &str) -> Vec<(String, Option<String>)> {
        let (c, a) = analysed(yaml);
        of(&c, &a)
            .into_iter()
            .map(|s| (s.section.to_string(), s.entry))
            .collect()
    }

    fn pair(section: &str, entry: &str) -> (String, Option<String>) {
        (section.to_string(), Some(entry.to_string()))
    }

    #[test]
    fn a_current_customer_is_followed_up_first_and_classified_last() {
        let yaml = "status: current\nlast_contact: 2025-01-01\ntrust: security\n\
                    satisfaction: 5\nloyalty: 5\n\
                    metrics: [{ period: \"2026\", revenue: 100, profit: 20 }]\n";
        let (c, a) = analysed(yaml);
        let steps = of(&c, &a);
        let sections: Vec<&str> = steps.iter().map(|s| s.section).collect();
        assert_eq!(
            sections,
            ["overdue", "trust", "relationship", "loyalty"],
            "{steps:?}"
        );
        assert_eq!(
            (steps[0].entry.as_deref(), steps[0].advice),
            (None, "action")
        );
        assert_eq!(steps[1].entry.as_deref(), Some("security"));
        assert_eq!(steps[3].entry.as_deref(), Some("apostle"));
    }

    #[test]
    fn a_prospect_without_trust_is_told_how_to_start() {
        assert_eq!(
            sections("name: P\nstatus: prospect\n"),
            vec![pair("trust", "none")]
        );
    }

    #[test]
    fn former_and_blacklisted_customers_get_no_trust_step() {
        for status in ["former", "blacklisted"] {
            let yaml = format!("name: F\nstatus: {status}\n");
            assert_eq!(sections(&yaml), vec![], "{status}");
        }
    }

    #[test]
    fn steps_come_in_their_fixed_order_with_their_keys() {
        let yaml = "name: X\nstatus: prospect\ntrust: value\nobjection: no_need\n\
                    man: { money: high, authority: low, need: high }\n\
                    contacts:\n  - { name: Ann, role: decision_maker, disc: S }\n  \
                    - { name: Bob, role: influencer, disc: D }\n  \
                    - { name: Cy, role: decision_maker }\n";
        assert_eq!(
            sections(yaml),
            vec![
                pair("man", "MaN"),
                pair("objection", "no_need"),
                pair("trust", "value"),
                pair("disc", "S"),
            ]
        );
        let (c, a) = analysed(yaml);
        let steps = of(&c, &a);
        assert_eq!(steps[0].grade, Some(ManGrade::B));
        assert_eq!(steps[1].label, Some("objection"));
        assert_eq!(steps[1].advice, "response");
        let who = steps[3].contact.as_ref().unwrap();
        assert_eq!((who.name.as_str(), who.disc), ("Ann", Disc::S));
    }
}
