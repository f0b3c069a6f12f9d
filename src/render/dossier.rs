//! The parts of a customer's dossier that are decided, not just shown: the
//! trust pyramid's rungs, the MAN answers, who to approach in which order,
//! and how the owner and region are named. The HTML page and its Markdown
//! copy format these values and compare nothing themselves.
//!
//! Not the analysis (levels and classes come from `analysis`), not the
//! wording (label and playbook keys only).

use crate::analysis::customers::CustomerAnalysis;
use crate::analysis::territory::UNASSIGNED;
use crate::analysis::trust::TrustStep;
use crate::model::customer::{Contact, Level, ManInput, Role, Trust};
use serde::Serialize;

/// The trust pyramid of a dossier.
#[derive(Debug, Serialize)]
pub struct TrustView {
    /// The playbook entry of the level reached: `none`, `security`,
    /// `value` or `dependence` (`playbook.trust.<level>`).
    pub level: &'static str,
    /// The level to build next (`playbook.trust.<next>`); `null` at the
    /// top.
    pub next: Option<&'static str>,
    /// The pyramid chart for that level, from the output root.
    pub chart: String,
    /// The rungs from the top down, the one reached marked.
    pub rungs: Vec<Rung>,
}

/// One level of the trust pyramid.
#[derive(Debug, Serialize)]
pub struct Rung {
    pub level: &'static str,
    pub reached: bool,
    /// The level to build next.
    pub next: bool,
}

fn trust_key(level: Trust) -> &'static str {
    match level {
        Trust::Security => "security",
        Trust::Value => "value",
        Trust::Dependence => "dependence",
    }
}

/// The trust pyramid for the level the analysis found.
pub fn trust(step: &TrustStep) -> TrustView {
    let level = step.level.map_or("none", trust_key);
    TrustView {
        level,
        next: step.next.map(trust_key),
        chart: format!("charts/trust-{level}.svg"),
        rungs: [Trust::Dependence, Trust::Value, Trust::Security]
            .into_iter()
            .map(|l| Rung {
                level: trust_key(l),
                reached: step.level == Some(l),
                next: step.next == Some(l),
            })
            .collect(),
    }
}

/// One of the three MAN questions and its answer.
#[derive(Debug, Serialize)]
pub struct ManAnswer {
    /// The label key of the question: `man_money`, `man_authority` or
    /// `man_need`.
    pub label: &'static str,
    pub high: bool,
}

/// The MAN answers in M, A, N order; empty without a `man` block.
pub fn man_answers(man: Option<&ManInput>) -> Vec<ManAnswer> {
    let Some(m) = man else {
        return Vec::new();
    };
    [
        ("man_money", m.money),
        ("man_authority", m.authority),
        ("man_need", m.need),
    ]
    .into_iter()
    .map(|(label, level)| ManAnswer {
        label,
        high: level == Level::High,
    })
    .collect()
}

/// The order in which a dossier says how to approach each contact.
const APPROACH_ORDER: [Role; 5] = [
    Role::DecisionMaker,
    Role::Influencer,
    Role::Coach,
    Role::User,
    Role::Gatekeeper,
];

/// The contacts in the order to approach them: decision makers first,
/// then influencers, coaches, users and gatekeepers; file order within a
/// role.
pub fn by_approach(contacts: &[Contact]) -> Vec<&Contact> {
    APPROACH_ORDER
        .iter()
        .flat_map(|role| contacts.iter().filter(move |k| k.role == *role))
        .collect()
}

/// An owner or region as a dossier links to it.
#[derive(Debug, Clone, Serialize)]
pub struct TerritoryLink<'a> {
    pub slug: &'a str,
    /// The name as written; `null` when unassigned (the template shows
    /// `labels.unassigned`).
    pub name: Option<&'a str>,
}

impl<'a> TerritoryLink<'a> {
    pub fn new(slug: &'a str, name: &'a str) -> Self {
        TerritoryLink {
            slug,
            name: (slug != UNASSIGNED).then_some(name),
        }
    }

    /// The customer's owner (`owners`) or region (`regions`).
    pub fn of(a: &'a CustomerAnalysis, kind: &str) -> Self {
        if kind == "owners" {
            Self::new(&a.owner_slug, &a.owner)
        } else {
            Self::new(&a.region_slug, &a.region)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::trust;

    #[test]
    fn the_pyramid_marks_the_level_reached_and_the_next_to_build() {
        let none = super::trust(&trust::step(None));
        assert_eq!(none.level, "none");
        assert_eq!(none.chart, "charts/trust-none.svg");
        assert!(none.rungs.iter().all(|r| !r.reached));
        let value = super::trust(&trust::step(Some(Trust::Value)));
        let marked: Vec<_> = value.rungs.iter().map(|r| (r.level, r.reached)).collect();
        assert_eq!(
            marked,
            [("dependence", false), ("value", true), ("security", false)]
        );
    }

    #[test]
    fn contacts_are_approached_decision_makers_first() {
        let contacts: Vec<Contact> = serde_yaml::from_str(
            "- { name: G, role: gatekeeper }\n- { name: C, role: coach }\n\
             - { name: D1, role: decision_maker }\n- { name: U, role: user }\n\
             - { name: D2, role: decision_maker }\n",
        )
        .unwrap();
        let names: Vec<&str> = by_approach(&contacts)
            .iter()
            .map(|k| k.name.as_str())
            .collect();
        assert_eq!(names, ["D1", "D2", "C", "U", "G"]);
    }

    #[test]
    fn an_unassigned_territory_has_no_name_to_show() {
        assert_eq!(TerritoryLink::new("unassigned", "Unassigned").name, None);
        assert_eq!(
            TerritoryLink::new("chen-jing", "Chen Jing").name,
            Some("Chen Jing")
        );
    }
}
