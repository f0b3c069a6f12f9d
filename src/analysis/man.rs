//! MAN qualification (ANALYSIS.md, "MAN qualification"): the combination of
//! money, authority and need written as `MAN` .. `man` (capital for high),
//! and a grade from the number of highs.
//!
//! Not the advice for each combination: the theme's i18n files hold it,
//! keyed by the combo string.

use crate::model::customer::{Level, ManInput};
use serde::Serialize;

/// How qualified a prospect is: `A` (all three high) to `D` (none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum ManGrade {
    A,
    B,
    C,
    D,
}

/// The qualification of one customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Man {
    /// `M`/`m`, `A`/`a`, `N`/`n` in that order, e.g. `MaN`.
    pub combo: String,
    pub grade: ManGrade,
}

/// Qualifies a `man` block.
pub fn qualify(input: &ManInput) -> Man {
    let letters = [
        (input.money, 'M'),
        (input.authority, 'A'),
        (input.need, 'N'),
    ];
    let combo = letters
        .iter()
        .map(|&(level, c)| match level {
            Level::High => c,
            Level::Low => c.to_ascii_lowercase(),
        })
        .collect();
    let highs = letters.iter().filter(|(l, _)| *l == Level::High).count();
    let grade = match highs {
        3 => ManGrade::A,
        2 => ManGrade::B,
        1 => ManGrade::C,
        _ => ManGrade::D,
    };
    Man { combo, grade }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Level::{High as H, Low as L};

    #[test]
    fn all_eight_combinations() {
        let cases = [
            ((H, H, H), "MAN", ManGrade::A),
            ((H, H, L), "MAn", ManGrade::B),
            ((H, L, H), "MaN", ManGrade::B),
            ((L, H, H), "mAN", ManGrade::B),
            ((H, L, L), "Man", ManGrade::C),
            ((L, H, L), "mAn", ManGrade::C),
            ((L, L, H), "maN", ManGrade::C),
            ((L, L, L), "man", ManGrade::D),
        ];
        for ((money, authority, need), combo, grade) in cases {
            let got = qualify(&ManInput {
                money,
                authority,
                need,
            });
            assert_eq!(
                got,
                Man {
                    combo: combo.into(),
                    grade
                }
            );
        }
    }

    #[test]
    fn grades_serialise_as_capital_letters() {
        let m = qualify(&ManInput {
            money: H,
            authority: L,
            need: H,
        });
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"combo":"MaN","grade":"B"}"#
        );
    }
}
