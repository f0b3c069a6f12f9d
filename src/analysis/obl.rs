//! Organisational body language (OBL) audit. Ratings score E = 2, S = 1,
//! N = 0. A department gets its E/S/N counts and `score = points / (2 *
//! items)` from 0 to 1; the industry comparison gets each row's points
//! summed over the criteria and a competition rank (1, 1, 3 for ties).
//! Both lists keep the order of the content file.

use crate::model::company::{Department, Industry, OblInput, Rating};
use serde::Serialize;

/// One department of the internal assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentScore {
    pub name: String,
    pub e: u32,
    pub s: u32,
    pub n: u32,
    /// `points / (2 * items)`, 0 to 1; 0 for a department with no items.
    pub score: f64,
}

/// One row of the industry comparison: `self` or a competitor slug.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndustryRow {
    pub key: String,
    pub points: u32,
    /// 1 = most points; equal points share a rank and the next one skips.
    pub rank: u32,
}

/// The export. A list is empty when its part of the audit is left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Obl {
    pub departments: Vec<DepartmentScore>,
    pub industry: Vec<IndustryRow>,
}

fn points(ratings: impl IntoIterator<Item = Rating>) -> u32 {
    ratings.into_iter().map(Rating::points).sum()
}

/// Counts and scores one department.
pub fn department(d: &Department) -> DepartmentScore {
    let count = |r: Rating| d.items.iter().filter(|i| i.rating == r).count() as u32;
    let items = d.items.len() as f64;
    let score = if d.items.is_empty() {
        0.0
    } else {
        f64::from(points(d.items.iter().map(|i| i.rating))) / (2.0 * items)
    };
    DepartmentScore {
        name: d.name.clone(),
        e: count(Rating::E),
        s: count(Rating::S),
        n: count(Rating::N),
        score,
    }
}

/// Competition ranking ("1224"): one more than the number of higher values.
pub fn competition_ranks(values: &[u32]) -> Vec<u32> {
    values
        .iter()
        .map(|v| 1 + values.iter().filter(|w| *w > v).count() as u32)
        .collect()
}

/// Sums each row's points and ranks the rows, in file order.
pub fn industry(input: &Industry) -> Vec<IndustryRow> {
    let totals: Vec<u32> = input
        .ratings
        .values()
        .map(|r| points(r.iter().copied()))
        .collect();
    let ranks = competition_ranks(&totals);
    input
        .ratings
        .keys()
        .zip(totals.iter().zip(ranks))
        .map(|(key, (&points, rank))| IndustryRow {
            key: key.clone(),
            points,
            rank,
        })
        .collect()
}

/// Scores the departments and ranks the industry comparison.
pub fn analyze(input: &OblInput) -> Obl {
    Obl {
        departments: input.departments.iter().map(department).collect(),
        industry: input.industry.as_ref().map(industry).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::company::OblItem;
    use Rating::{E, N, S};

    fn dept(name: &str, ratings: &[Rating]) -> Department {
        Department {
            name: name.into(),
            items: ratings
                .iter()
                .map(|&rating| OblItem {
                    criterion: "c".into(),
                    rating,
                    comment: None,
                })
                .collect(),
        }
    }

    #[test]
    fn departments_count_ratings_and_score_points_over_twice_the_items() {
        type Case = (&'static [Rating], (u32, u32, u32), f64);
        let cases: [Case; 5] = [
            (&[E, E, S, N], (2, 1, 1), 0.625),
            (&[N, N, N], (0, 0, 3), 0.0),
            (&[E], (1, 0, 0), 1.0),
            (&[S, S], (0, 2, 0), 0.5),
            (&[], (0, 0, 0), 0.0),
        ];
        for (ratings, (e, s, n), score) in cases {
            let got = department(&dept("Training", ratings));
            assert_eq!(
                (got.e, got.s, got.n, got.score),
                (e, s, n, score),
                "{ratings:?}"
            );
        }
    }

    #[test]
    fn competition_ranks_share_and_skip() {
        let cases: [(&[u32], &[u32]); 6] = [
            (&[], &[]),
            (&[6], &[1]),
            (&[6, 6, 4], &[1, 1, 3]),
            (&[4, 6, 6], &[3, 1, 1]),
            (&[5, 7, 5, 2], &[2, 1, 2, 4]),
            (&[0, 0, 0], &[1, 1, 1]),
        ];
        for (values, want) in cases {
            assert_eq!(competition_ranks(values), want, "{values:?}");
        }
    }

    #[test]
    fn industry_rows_keep_file_order_with_points_and_rank() {
        let mut ratings = indexmap::IndexMap::new();
        ratings.insert("self".to_string(), vec![E, S, S, E]);
        ratings.insert("b-group".to_string(), vec![S, E, N, S]);
        ratings.insert("a-group".to_string(), vec![E, E, N, S]);
        let input = Industry {
            criteria: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            ratings,
        };
        let got: Vec<_> = industry(&input)
            .into_iter()
            .map(|r| (r.key, r.points, r.rank))
            .collect();
        assert_eq!(
            got,
            [
                ("self".to_string(), 6, 1),
                ("b-group".to_string(), 4, 3),
                ("a-group".to_string(), 5, 2),
            ]
        );
    }

    #[test]
    fn export_shape_matches_the_spec_and_missing_parts_are_empty() {
        let input = OblInput {
            departments: vec![dept("Training", &[E, E, S, N])],
            industry: None,
        };
        let json = serde_json::to_string(&analyze(&input)).unwrap();
        assert_eq!(
            json,
            r#"{"departments":[{"name":"Training","e":2,"s":1,"n":1,"score":0.625}],"industry":[]}"#
        );
    }
}
