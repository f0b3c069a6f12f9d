//! Porter's five forces: each force's level (1 weak to 5 strong pressure on
//! us), the overall `pressure` as the mean of the five, and which force or
//! forces are strongest (every force at the highest level, so ties are all
//! named).

use crate::model::company::FiveForcesInput;
use serde::Serialize;

/// The export; field order is the export order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FiveForces {
    pub rivalry: f64,
    pub new_entrants: f64,
    pub substitutes: f64,
    pub buyer_power: f64,
    pub supplier_power: f64,
    /// The mean of the five levels.
    pub pressure: f64,
}

impl FiveForces {
    /// The five levels as `(key, level)` in export order.
    pub fn levels(&self) -> [(&'static str, f64); 5] {
        [
            ("rivalry", self.rivalry),
            ("new_entrants", self.new_entrants),
            ("substitutes", self.substitutes),
            ("buyer_power", self.buyer_power),
            ("supplier_power", self.supplier_power),
        ]
    }

    /// The key of every force at the highest level, in export order.
    pub fn strongest(&self) -> Vec<&'static str> {
        let levels = self.levels();
        let max = levels.iter().map(|&(_, l)| l).fold(f64::MIN, f64::max);
        levels
            .into_iter()
            .filter(|&(_, l)| l == max)
            .map(|(k, _)| k)
            .collect()
    }
}

/// Reads the levels and computes the mean pressure.
pub fn analyze(input: &FiveForcesInput) -> FiveForces {
    let levels = [
        input.rivalry.level.0,
        input.new_entrants.level.0,
        input.substitutes.level.0,
        input.buyer_power.level.0,
        input.supplier_power.level.0,
    ];
    FiveForces {
        rivalry: levels[0],
        new_entrants: levels[1],
        substitutes: levels[2],
        buyer_power: levels[3],
        supplier_power: levels[4],
        pressure: levels.iter().sum::<f64>() / levels.len() as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::company::Force;
    use crate::model::scalars::Score5;

    fn input(l: [f64; 5]) -> FiveForcesInput {
        let f = |level| Force {
            level: Score5(level),
            notes: None,
        };
        FiveForcesInput {
            rivalry: f(l[0]),
            new_entrants: f(l[1]),
            substitutes: f(l[2]),
            buyer_power: f(l[3]),
            supplier_power: f(l[4]),
        }
    }

    #[test]
    fn pressure_is_the_mean_of_the_five_levels() {
        let cases = [
            ([4.0, 2.0, 3.0, 4.0, 1.0], 2.8),
            ([1.0, 1.0, 1.0, 1.0, 1.0], 1.0),
            ([5.0, 5.0, 5.0, 5.0, 5.0], 5.0),
            ([1.5, 2.5, 3.5, 4.5, 3.0], 3.0),
        ];
        for (levels, want) in cases {
            let got = analyze(&input(levels)).pressure;
            assert!((got - want).abs() < 1e-12, "{levels:?}: {got} != {want}");
        }
    }

    #[test]
    fn strongest_names_every_force_at_the_top_level() {
        let cases: [([f64; 5], &[&str]); 3] = [
            ([4.0, 2.0, 3.0, 5.0, 1.0], &["buyer_power"]),
            ([4.0, 2.0, 3.0, 4.0, 1.0], &["rivalry", "buyer_power"]),
            (
                [2.0; 5],
                &[
                    "rivalry",
                    "new_entrants",
                    "substitutes",
                    "buyer_power",
                    "supplier_power",
                ],
            ),
        ];
        for (levels, want) in cases {
            assert_eq!(analyze(&input(levels)).strongest(), want, "{levels:?}");
        }
    }

    #[test]
    fn export_matches_the_spec_example() {
        let json = serde_json::to_string(&analyze(&input([4.0, 2.0, 3.0, 4.0, 1.0]))).unwrap();
        assert_eq!(
            json,
            r#"{"rivalry":4.0,"new_entrants":2.0,"substitutes":3.0,"buyer_power":4.0,"supplier_power":1.0,"pressure":2.8}"#
        );
    }
}
