//! SWOT scoring and strategic posture, and the competitor comparison.
//!
//! A SWOT with no items at all has not been analysed (format 2): its
//! totals are 0 and its posture is `None` (`null` in the export), where a
//! sign rule would otherwise call it aggressive (`SO`).

use crate::model::swot::{SwotInput, SwotItem};
use serde::Serialize;

/// The strategic posture a SWOT points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Posture {
    /// Strengths and opportunities: aggressive.
    SO,
    /// Strengths against threats: diversify.
    ST,
    /// Weaknesses with opportunities: turnaround.
    WO,
    /// Weaknesses and threats: defensive.
    WT,
}

/// Quadrant totals, internal and external balance, and posture.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Swot {
    pub strengths: f64,
    pub weaknesses: f64,
    pub opportunities: f64,
    pub threats: f64,
    pub internal: f64,
    pub external: f64,
    /// `None` when the SWOT has no items at all (not analysed yet).
    pub posture: Option<Posture>,
}

fn total(items: &[SwotItem]) -> f64 {
    // A fold from +0.0, not `sum()`: an empty f64 sum is -0.0, which the
    // export would print as `-0.0` for an empty quadrant.
    items.iter().fold(0.0, |acc, i| acc + i.score.0)
}

/// True when no quadrant has an item.
pub fn is_empty(input: &SwotInput) -> bool {
    input.strengths.is_empty()
        && input.weaknesses.is_empty()
        && input.opportunities.is_empty()
        && input.threats.is_empty()
}

/// The posture from the signs of the two balances.
pub fn posture(internal: f64, external: f64) -> Posture {
    match (internal >= 0.0, external >= 0.0) {
        (true, true) => Posture::SO,
        (true, false) => Posture::ST,
        (false, true) => Posture::WO,
        (false, false) => Posture::WT,
    }
}

/// Scores a SWOT: totals per quadrant, `internal = S - W`,
/// `external = O - T`, and the posture from their signs (none for a SWOT
/// without items).
pub fn score(input: &SwotInput) -> Swot {
    let (s, w) = (total(&input.strengths), total(&input.weaknesses));
    let (o, t) = (total(&input.opportunities), total(&input.threats));
    let (internal, external) = (s - w, o - t);
    let posture = (!is_empty(input)).then(|| posture(internal, external));
    Swot {
        strengths: s,
        weaknesses: w,
        opportunities: o,
        threats: t,
        internal,
        external,
        posture,
    }
}

/// One row of the competitor comparison: `self` or a competitor slug.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonRow {
    pub key: String,
    pub name: String,
    #[serde(flatten)]
    pub swot: Swot,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scalars::Score10;

    fn items(scores: &[f64]) -> Vec<SwotItem> {
        scores
            .iter()
            .map(|&s| SwotItem {
                text: "x".into(),
                score: Score10(s),
            })
            .collect()
    }

    fn swot(s: &[f64], w: &[f64], o: &[f64], t: &[f64]) -> Swot {
        score(&SwotInput {
            strengths: items(s),
            weaknesses: items(w),
            opportunities: items(o),
            threats: items(t),
        })
    }

    #[test]
    fn posture_follows_the_signs_of_internal_and_external() {
        let cases = [
            (
                swot(&[8.0, 7.0], &[5.0], &[6.0], &[6.0]),
                10.0,
                0.0,
                Some(Posture::SO),
            ),
            (
                swot(&[8.0], &[2.0], &[1.0], &[4.5]),
                6.0,
                -3.5,
                Some(Posture::ST),
            ),
            (
                swot(&[1.0], &[2.0], &[3.0], &[]),
                -1.0,
                3.0,
                Some(Posture::WO),
            ),
            (
                swot(&[], &[2.0], &[], &[0.5]),
                -2.0,
                -0.5,
                Some(Posture::WT),
            ),
            // items that score 0 are still an analysis: balanced is SO
            (swot(&[0.0], &[], &[], &[]), 0.0, 0.0, Some(Posture::SO)),
            (swot(&[], &[], &[], &[0.0]), 0.0, 0.0, Some(Posture::SO)),
            // no items at all: not analysed, no posture (format 2)
            (swot(&[], &[], &[], &[]), 0.0, 0.0, None),
        ];
        for (got, internal, external, posture) in cases {
            assert_eq!(
                (got.internal, got.external, got.posture),
                (internal, external, posture)
            );
        }
    }

    #[test]
    fn totals_sum_each_quadrant() {
        let s = swot(&[8.0, 7.5], &[5.0, 1.0], &[6.0], &[2.0, 2.0, 2.0]);
        assert_eq!(
            (s.strengths, s.weaknesses, s.opportunities, s.threats),
            (15.5, 6.0, 6.0, 6.0)
        );
    }

    #[test]
    fn empty_quadrants_export_as_zero_not_negative_zero() {
        let json = serde_json::to_string(&swot(&[], &[], &[], &[])).unwrap();
        assert!(!json.contains("-0.0"), "{json}");
    }

    #[test]
    fn an_empty_swot_has_zero_totals_and_a_null_posture() {
        let json = serde_json::to_value(swot(&[], &[], &[], &[])).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "strengths": 0.0, "weaknesses": 0.0, "opportunities": 0.0, "threats": 0.0,
                "internal": 0.0, "external": 0.0, "posture": null
            })
        );
    }
}
