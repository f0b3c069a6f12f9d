//! McKinsey 7S: how many of the six assessed elements are strengths and how
//! many are weaknesses. Shared values sit in the centre and are not assessed.
//! Also the six elements in their fixed order, for the page and the diagram.

use crate::model::company::{Assessment, Element, SevenSInput};
use serde::Serialize;

/// The export: counts over the six assessed elements.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SevenS {
    pub strengths: u32,
    pub weaknesses: u32,
}

/// One assessed element, by its key in `company.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementAssessment {
    /// `strategy`, `structure`, `systems`, `style`, `staff` or `skills`.
    pub key: &'static str,
    pub assessment: Assessment,
}

/// The six assessed elements in the order the framework lists them: the
/// "hard" three (strategy, structure, systems), then the "soft" three.
pub fn elements(input: &SevenSInput) -> Vec<ElementAssessment> {
    let all: [(&'static str, &Element); 6] = [
        ("strategy", &input.strategy),
        ("structure", &input.structure),
        ("systems", &input.systems),
        ("style", &input.style),
        ("staff", &input.staff),
        ("skills", &input.skills),
    ];
    all.into_iter()
        .map(|(key, e)| ElementAssessment {
            key,
            assessment: e.assessment,
        })
        .collect()
}

/// Counts the strengths and weaknesses among the six elements.
pub fn analyze(input: &SevenSInput) -> SevenS {
    let elements = elements(input);
    let count = |a: Assessment| elements.iter().filter(|e| e.assessment == a).count() as u32;
    SevenS {
        strengths: count(Assessment::Strength),
        weaknesses: count(Assessment::Weakness),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Assessment::{Strength as S, Weakness as W};

    fn input(a: [Assessment; 6]) -> SevenSInput {
        let e = |assessment| Element {
            assessment,
            notes: None,
        };
        SevenSInput {
            shared_values: "Customers first".into(),
            strategy: e(a[0]),
            structure: e(a[1]),
            systems: e(a[2]),
            style: e(a[3]),
            staff: e(a[4]),
            skills: e(a[5]),
        }
    }

    #[test]
    fn counts_strengths_and_weaknesses_over_six_elements() {
        let cases = [
            ([S, S, S, S, W, W], (4, 2)),
            ([S, S, S, S, S, S], (6, 0)),
            ([W, W, W, W, W, W], (0, 6)),
            ([W, S, W, S, W, S], (3, 3)),
        ];
        for (a, (s, w)) in cases {
            assert_eq!(
                analyze(&input(a)),
                SevenS {
                    strengths: s,
                    weaknesses: w
                },
                "{a:?}"
            );
        }
    }

    #[test]
    fn elements_come_in_framework_order_with_their_assessment() {
        let got = elements(&input([S, W, S, S, W, S]));
        let keys: Vec<_> = got.iter().map(|e| e.key).collect();
        assert_eq!(
            keys,
            [
                "strategy",
                "structure",
                "systems",
                "style",
                "staff",
                "skills"
            ]
        );
        assert_eq!(got[1].assessment, W);
        assert_eq!(got[4].assessment, W);
    }

    #[test]
    fn export_is_exactly_strengths_then_weaknesses() {
        let json = serde_json::to_string(&analyze(&input([S, S, S, S, W, W]))).unwrap();
        assert_eq!(json, r#"{"strengths":4,"weaknesses":2}"#);
    }
}
