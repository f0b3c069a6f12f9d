//! Our own company: every framework of `company.yaml` that has arithmetic
//! (SWOT, 7S, PESTLE, five forces, OBL). BACK has none: the page shows its
//! input as written. A framework the file leaves out is `None` (`null`).

use super::five_forces::{self, FiveForces};
use super::obl::{self, Obl};
use super::pestle::{self, Pestle};
use super::seven_s::{self, ElementAssessment, SevenS};
use super::swot::{self, Swot};
use crate::model::Company;
use serde::Serialize;

/// The company's analysis. The first five fields are the export of
/// spec/ANALYSIS.md, in its order; the fields after them are extras for
/// the templates.
#[derive(Debug, Clone, Serialize)]
pub struct CompanyAnalysis {
    pub swot: Option<Swot>,
    pub seven_s: Option<SevenS>,
    pub pestle: Option<Pestle>,
    pub five_forces: Option<FiveForces>,
    pub obl: Option<Obl>,
    /// The six assessed 7S elements in framework order.
    pub seven_s_elements: Option<Vec<ElementAssessment>>,
    /// The key of every force at the highest level (ties all named).
    pub strongest_forces: Option<Vec<&'static str>>,
}

pub fn analyze(company: &Company) -> CompanyAnalysis {
    let five_forces = company.five_forces.as_ref().map(five_forces::analyze);
    CompanyAnalysis {
        swot: company.swot.as_ref().map(swot::score),
        seven_s: company.seven_s.as_ref().map(seven_s::analyze),
        pestle: company.pestle.as_ref().map(pestle::analyze),
        strongest_forces: five_forces.as_ref().map(FiveForces::strongest),
        five_forces,
        obl: company.obl.as_ref().map(obl::analyze),
        seven_s_elements: company.seven_s.as_ref().map(seven_s::elements),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(yaml: &str) -> Company {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn frameworks_left_out_are_null_and_keys_keep_the_spec_order() {
        let json = serde_json::to_string(&analyze(&company("name: Zhixun"))).unwrap();
        assert_eq!(
            json,
            r#"{"swot":null,"seven_s":null,"pestle":null,"five_forces":null,"obl":null,"seven_s_elements":null,"strongest_forces":null}"#
        );
    }

    #[test]
    fn every_framework_present_is_analysed() {
        let a = analyze(&company(
            r#"
name: Zhixun
seven_s:
  shared_values: Growth
  strategy: { assessment: strength }
  structure: { assessment: strength }
  systems: { assessment: weakness }
  style: { assessment: strength }
  staff: { assessment: weakness }
  skills: { assessment: strength }
pestle:
  political: [{ factor: subsidy, impact: positive, weight: 2 }]
  economic: [{ factor: slowdown, impact: negative, weight: 3 }, { factor: demand, impact: positive, weight: 2 }]
five_forces:
  rivalry: { level: 4 }
  new_entrants: { level: 2 }
  substitutes: { level: 3 }
  buyer_power: { level: 4 }
  supplier_power: { level: 1 }
obl:
  departments:
    - name: Training
      items: [{ criterion: a, rating: E }, { criterion: b, rating: E }, { criterion: c, rating: S }, { criterion: d, rating: N }]
"#,
        ));
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(
            v["seven_s"],
            serde_json::json!({"strengths": 4, "weaknesses": 2})
        );
        assert_eq!(v["pestle"]["political"]["net"], 2.0);
        assert_eq!(v["pestle"]["economic"]["net"], -1.0);
        assert_eq!(v["pestle"]["legal"]["net"], 0.0);
        assert_eq!(v["five_forces"]["pressure"], 2.8);
        assert_eq!(
            v["strongest_forces"],
            serde_json::json!(["rivalry", "buyer_power"])
        );
        assert_eq!(v["obl"]["departments"][0]["score"], 0.625);
        assert_eq!(
            v["seven_s_elements"][2],
            serde_json::json!({"key": "systems", "assessment": "weakness"})
        );
        assert!(v["swot"].is_null());
    }
}
