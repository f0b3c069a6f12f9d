//! The four-step presentation and its FABE talk track (seed 001 呈现四部曲:
//! 行业—公司—产品—团队; FABE 特征—优势—价值—证明): per customer, which of
//! the four steps are prepared, and per presented product the chain of
//! feature, advantage, benefit and evidence tied to the customer's own
//! pains.
//!
//! A product is named by its `name` in the company file; the customer may
//! give its own benefit and evidence, which replace the product's. A pain
//! is answered by the product it names. Not here: warnings about unknown
//! products (`check`), wording (the theme).

use crate::model::Customer;
use crate::model::company::Product;
use serde::Serialize;

/// One presented product's FABE chain for this customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chain {
    pub product: String,
    /// False when the company file has no product of that name: the chain
    /// then has only what the customer file gives.
    pub known: bool,
    pub feature: Option<String>,
    pub advantage: Option<String>,
    pub benefit: Option<String>,
    pub evidence: Option<String>,
    /// The customer's pains this product answers (their `pain` text).
    pub pains: Vec<String>,
}

/// The presentation plan of one customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TalkTrack {
    /// How many of the four steps have content (industry insight, company
    /// proof points, products, team), 0 to 4.
    pub steps: u32,
    pub chains: Vec<Chain>,
    /// Pains no product answers (their `pain` text), in file order.
    pub unanswered: Vec<String>,
}

/// The summary exported per customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub steps: u32,
    /// The presented products' names, in plan order.
    pub products: Vec<String>,
    /// How many recorded pains no product answers.
    pub unanswered: u32,
}

fn same(a: &str, b: &str) -> bool {
    a.trim() == b.trim()
}

/// The talk track of a customer with a `presentation` block; `None`
/// without one.
pub fn plan(c: &Customer, products: &[Product]) -> Option<TalkTrack> {
    let p = c.presentation.as_ref()?;
    let filled = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
    let steps = [
        filled(&p.industry),
        !p.company.is_empty(),
        !p.products.is_empty(),
        !p.team.is_empty(),
    ]
    .iter()
    .filter(|&&b| b)
    .count() as u32;
    let chains = p
        .products
        .iter()
        .map(|x| {
            let found = products.iter().find(|k| same(&k.name, &x.product));
            Chain {
                product: x.product.trim().to_string(),
                known: found.is_some(),
                feature: found.map(|k| k.feature.clone()),
                advantage: found.map(|k| k.advantage.clone()),
                benefit: x
                    .benefit
                    .clone()
                    .or_else(|| found.map(|k| k.benefit.clone())),
                evidence: x
                    .evidence
                    .clone()
                    .or_else(|| found.map(|k| k.evidence.clone())),
                pains: c
                    .pains
                    .iter()
                    .filter(|pain| pain.product.as_deref().is_some_and(|n| same(n, &x.product)))
                    .map(|pain| pain.pain.clone())
                    .collect(),
            }
        })
        .collect();
    let unanswered = c
        .pains
        .iter()
        .filter(|pain| {
            !pain
                .product
                .as_deref()
                .is_some_and(|n| products.iter().any(|k| same(&k.name, n)))
        })
        .map(|pain| pain.pain.clone())
        .collect();
    Some(TalkTrack {
        steps,
        chains,
        unanswered,
    })
}

/// The exported summary of a talk track.
pub fn summary(t: &TalkTrack) -> Summary {
    Summary {
        steps: t.steps,
        products: t.chains.iter().map(|c| c.product.clone()).collect(),
        unanswered: t.unanswered.len() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testutil::customer;

    fn products() -> Vec<Product> {
        serde_yaml::from_str(
            "- { name: Workshop, feature: F1, advantage: A1, benefit: B1, evidence: E1 }
- { name: Coaching, feature: F2, advantage: A2, benefit: B2, evidence: E2 }",
        )
        .unwrap()
    }

    const PAINS: &str = "pains:
  - { scenario: s1, problem: p1, pain: Lost deals, guidance: g1, product: Workshop }
  - { scenario: s2, problem: p2, pain: Slow onboarding, guidance: g2 }
  - { scenario: s3, problem: p3, pain: Weak managers, guidance: g3, product: Nothing }
";

    #[test]
    fn no_presentation_block_means_no_plan() {
        assert_eq!(plan(&customer("status: prospect\n"), &products()), None);
    }

    #[test]
    fn steps_count_only_the_steps_with_content() {
        let cases = [
            ("presentation: {}\n", 0),
            ("presentation: { industry: \"  \" }\n", 0),
            ("presentation: { industry: Retail is consolidating }\n", 1),
            ("presentation: { company: [20 years], team: [Chen] }\n", 2),
            (
                "presentation: { industry: x, company: [y], products: [{ product: Workshop }], team: [z] }\n",
                4,
            ),
        ];
        for (yaml, steps) in cases {
            let c = customer(&format!("status: prospect\n{yaml}"));
            assert_eq!(plan(&c, &products()).unwrap().steps, steps, "{yaml}");
        }
    }

    #[test]
    fn the_chain_ties_the_product_to_the_customers_pains_and_own_benefit() {
        let c = customer(&format!(
            "status: prospect
presentation:
  products:
    - {{ product: \" Workshop \", benefit: Win back the Pudong stores }}
    - {{ product: Coaching }}
    - {{ product: Unknown thing, evidence: Their own pilot }}
{PAINS}"
        ));
        let t = plan(&c, &products()).unwrap();
        assert_eq!(t.chains[0].product, "Workshop");
        assert_eq!(t.chains[0].feature.as_deref(), Some("F1"));
        assert_eq!(
            t.chains[0].benefit.as_deref(),
            Some("Win back the Pudong stores")
        );
        assert_eq!(t.chains[0].evidence.as_deref(), Some("E1"));
        assert_eq!(t.chains[0].pains, vec!["Lost deals"]);
        assert!(t.chains[1].pains.is_empty());
        assert_eq!(t.chains[1].benefit.as_deref(), Some("B2"));
        assert!(!t.chains[2].known);
        assert_eq!(t.chains[2].feature, None);
        assert_eq!(t.chains[2].evidence.as_deref(), Some("Their own pilot"));
        // A pain naming no product, or a product we do not have, is unanswered.
        assert_eq!(t.unanswered, vec!["Slow onboarding", "Weak managers"]);
        let s = summary(&t);
        assert_eq!(s.unanswered, 2);
        assert_eq!(s.products, vec!["Workshop", "Coaching", "Unknown thing"]);
    }
}
