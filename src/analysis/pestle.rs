//! PESTLE: per dimension, the weight of the positive factors minus the
//! weight of the negative ones. All six dimensions are always present, in
//! the fixed order political, economic, social, technological, legal,
//! environmental; a dimension with no factors nets 0.

use crate::model::company::{Factor, Impact, PestleInput};
use serde::Serialize;

/// One dimension of the export: `{ "net": n }`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Dimension {
    pub net: f64,
}

/// The six dimensions; field order is the export order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pestle {
    pub political: Dimension,
    pub economic: Dimension,
    pub social: Dimension,
    pub technological: Dimension,
    pub legal: Dimension,
    pub environmental: Dimension,
}

impl Pestle {
    /// The dimensions as `(key, net)` in export order, e.g. for a chart.
    pub fn nets(&self) -> [(&'static str, f64); 6] {
        [
            ("political", self.political.net),
            ("economic", self.economic.net),
            ("social", self.social.net),
            ("technological", self.technological.net),
            ("legal", self.legal.net),
            ("environmental", self.environmental.net),
        ]
    }
}

/// `sum(weight of positive) - sum(weight of negative)`; 0 for no factors.
pub fn net(factors: &[Factor]) -> f64 {
    // A fold from +0.0, not `sum()`: an empty f64 sum is -0.0, which the
    // export would print as `-0.0`.
    factors.iter().fold(0.0, |acc, f| match f.impact {
        Impact::Positive => acc + f.weight.0,
        Impact::Negative => acc - f.weight.0,
    })
}

/// Nets every dimension.
pub fn analyze(input: &PestleInput) -> Pestle {
    let d = |factors: &[Factor]| Dimension { net: net(factors) };
    Pestle {
        political: d(&input.political),
        economic: d(&input.economic),
        social: d(&input.social),
        technological: d(&input.technological),
        legal: d(&input.legal),
        environmental: d(&input.environmental),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scalars::Score5;
    use Impact::{Negative as N, Positive as P};

    fn factors(list: &[(Impact, f64)]) -> Vec<Factor> {
        list.iter()
            .map(|&(impact, w)| Factor {
                factor: "f".into(),
                impact,
                weight: Score5(w),
            })
            .collect()
    }

    #[test]
    fn net_is_positive_weight_minus_negative_weight() {
        let cases: [(&[(Impact, f64)], f64); 6] = [
            (&[], 0.0),
            (&[(P, 3.0)], 3.0),
            (&[(N, 2.0)], -2.0),
            (&[(P, 3.0), (N, 4.0), (N, 1.0)], -2.0),
            (&[(P, 2.5), (P, 1.0), (N, 3.5)], 0.0),
            (&[(P, 5.0), (P, 4.0), (N, 1.0)], 8.0),
        ];
        for (list, want) in cases {
            assert_eq!(net(&factors(list)), want, "{list:?}");
        }
    }

    #[test]
    fn every_dimension_is_exported_in_order_with_zero_for_empty_ones() {
        let input = PestleInput {
            political: factors(&[(P, 2.0)]),
            economic: factors(&[(P, 1.0), (N, 2.0)]),
            ..Default::default()
        };
        let json = serde_json::to_string(&analyze(&input)).unwrap();
        assert_eq!(
            json,
            r#"{"political":{"net":2.0},"economic":{"net":-1.0},"social":{"net":0.0},"technological":{"net":0.0},"legal":{"net":0.0},"environmental":{"net":0.0}}"#
        );
    }

    #[test]
    fn nets_lists_the_dimensions_in_export_order() {
        let input = PestleInput {
            legal: factors(&[(N, 4.0)]),
            ..Default::default()
        };
        let nets = analyze(&input).nets();
        assert_eq!(nets[0], ("political", 0.0));
        assert_eq!(nets[4], ("legal", -4.0));
        assert_eq!(nets[5].0, "environmental");
    }
}
