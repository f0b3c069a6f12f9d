//! Territories (ANALYSIS.md, "Territories: owners and regions", format 2):
//! the customers of each account manager (`owner`) and of each `region`,
//! their latest revenue against target, and how many of them are overdue,
//! on the watchlist or due a visit. What an area manager looks at every
//! week: who needs help.
//!
//! Not where overdue, watchlist or upcoming are decided (`followup`,
//! `watchlist`): the caller says which customers are in them. The same
//! function serves owners and regions; only the name read differs.
//!
//! Readings where the spec is silent:
//! - Case-folding is Unicode lowercasing (`str::to_lowercase`).
//! - Two different names can slugify alike (`陈静` and `Chen Jing` both give
//!   `chen-jing`; so do `Chen Jing` and `Chen-Jing`). Slugs are given in the
//!   order the territories first appear (customers in slug order), and a
//!   slug already taken gets `-2`, `-3`, ..., so every territory has its own
//!   page. A name with nothing to slugify (`???`) gets `territory`.
//! - A customer's own target and attainment (extra keys of the export)
//!   follow the territory rule: current customers only, the `targets` entry
//!   of the latest `metrics` period, no attainment for a target of 0.
//! - "Then name" compares the shown names as written (byte order).

use super::rank::share;
use crate::model::customer::Status;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};

/// What a missing or empty owner or region is called, and its slug.
pub const UNASSIGNED: &str = "unassigned";

/// One owner or region with its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TerritoryRow {
    pub name: String,
    pub slug: String,
    /// Customers of any status.
    pub customers: u32,
    pub current: u32,
    /// Latest-period revenue of the current customers.
    pub revenue: f64,
    /// Targets of the current customers' latest periods, where set.
    pub target: f64,
    /// Latest revenue of the current customers that have such a target.
    pub attained: f64,
    /// `attained / target`; `None` with no target (or a target of 0).
    pub attainment: Option<f64>,
    pub overdue: u32,
    pub watchlist: u32,
    pub upcoming: u32,
}

/// One customer as the territories see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    pub slug: &'a str,
    /// The owner (or region) as written; `None` when left out.
    pub name: Option<&'a str>,
    pub status: Status,
    /// Latest-period revenue (0 without metrics).
    pub revenue: f64,
    /// The target revenue of the latest period, if one is set.
    pub target: Option<f64>,
    pub overdue: bool,
    pub watchlist: bool,
    pub upcoming: bool,
}

/// The name shown for an owner or region as written: trimmed, and
/// [`UNASSIGNED`] when missing or empty.
pub fn name_of(raw: Option<&str>) -> &str {
    match raw.map(str::trim) {
        Some(n) if !n.is_empty() => n,
        _ => UNASSIGNED,
    }
}

/// The grouping key: two names are the same territory when equal after
/// trimming and case-folding.
pub fn key_of(raw: Option<&str>) -> String {
    name_of(raw).to_lowercase()
}

/// The page slug of a name, as `dossier new` slugifies file names.
pub fn slugify(name: &str) -> String {
    let s = slug::slugify(name);
    if s.is_empty() { "territory".into() } else { s }
}

/// A customer's attainment: latest revenue over its latest-period target.
pub fn attainment(revenue: f64, target: Option<f64>) -> Option<f64> {
    target.filter(|&t| t > 0.0).map(|t| share(revenue, t))
}

/// The territories of `members` (in slug order), sorted by attainment
/// (highest first, none last), then name; and each member's territory
/// slug, in the members' order.
pub fn territories(members: &[Member]) -> (Vec<TerritoryRow>, Vec<String>) {
    let mut rows: Vec<TerritoryRow> = Vec::new();
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    let mut of_customer = Vec::with_capacity(members.len());
    // The names as written, each case-folded once (thousands of
    // customers share a few dozen owners).
    let mut by_name: std::collections::HashMap<Option<&str>, usize> = Default::default();
    for m in members {
        let i = *by_name.entry(m.name).or_insert_with(|| {
            *by_key.entry(key_of(m.name)).or_insert_with(|| {
                let name = name_of(m.name).to_string();
                rows.push(empty_row(unique(slugify(&name), &mut taken), name));
                rows.len() - 1
            })
        });
        let row = &mut rows[i];
        add(row, m);
        of_customer.push(row.slug.clone());
    }
    for row in &mut rows {
        row.attainment = attainment(row.attained, Some(row.target));
    }
    rows.sort_by(|a, b| {
        by_attainment(a.attainment, b.attainment).then_with(|| a.name.cmp(&b.name))
    });
    (rows, of_customer)
}

fn empty_row(slug: String, name: String) -> TerritoryRow {
    TerritoryRow {
        name,
        slug,
        customers: 0,
        current: 0,
        revenue: 0.0,
        target: 0.0,
        attained: 0.0,
        attainment: None,
        overdue: 0,
        watchlist: 0,
        upcoming: 0,
    }
}

fn add(row: &mut TerritoryRow, m: &Member) {
    row.customers += 1;
    row.overdue += u32::from(m.overdue);
    row.watchlist += u32::from(m.watchlist);
    row.upcoming += u32::from(m.upcoming);
    if m.status != Status::Current {
        return;
    }
    row.current += 1;
    row.revenue += m.revenue;
    if let Some(t) = m.target {
        row.target += t;
        row.attained += m.revenue;
    }
}

/// `slug`, or `slug-2`, `slug-3`, ... when taken; marks it taken.
fn unique(slug: String, taken: &mut HashSet<String>) -> String {
    let mut candidate = slug.clone();
    let mut n = 1;
    while taken.contains(&candidate) {
        n += 1;
        candidate = format!("{slug}-{n}");
    }
    taken.insert(candidate.clone());
    candidate
}

/// Highest attainment first, `None` last.
fn by_attainment(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(Ordering::Equal),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (slug, owner, status, revenue, target, overdue, watchlist, upcoming)
    type Row = (
        &'static str,
        Option<&'static str>,
        Status,
        f64,
        Option<f64>,
        bool,
        bool,
        bool,
    );

    fn run(rows: &[Row]) -> (Vec<TerritoryRow>, BTreeMap<String, String>) {
        let members: Vec<Member> = rows
            .iter()
            .map(|&(slug, name, status, revenue, target, o, w, u)| Member {
                slug,
                name,
                status,
                revenue,
                target,
                overdue: o,
                watchlist: w,
                upcoming: u,
            })
            .collect();
        let (rows, of) = territories(&members);
        let by_slug = members.iter().map(|m| m.slug.to_string()).zip(of);
        (rows, by_slug.collect())
    }

    use Status::*;

    #[test]
    fn names_are_trimmed_and_missing_ones_unassigned() {
        let cases = [
            (Some("  Chen Jing "), "Chen Jing", "chen jing"),
            (Some(""), UNASSIGNED, UNASSIGNED),
            (Some("   "), UNASSIGNED, UNASSIGNED),
            (None, UNASSIGNED, UNASSIGNED),
            (Some("Unassigned"), "Unassigned", UNASSIGNED),
            (Some("河北"), "河北", "河北"),
        ];
        for (raw, name, key) in cases {
            assert_eq!((name_of(raw), key_of(raw).as_str()), (name, key), "{raw:?}");
        }
    }

    #[test]
    fn slugs_transliterate_like_dossier_new() {
        let cases = [
            ("Chen Jing", "chen-jing"),
            ("陈静", "chen-jing"),
            ("Hebei, Shijiazhuang", "hebei-shijiazhuang"),
            (UNASSIGNED, UNASSIGNED),
            ("???", "territory"),
        ];
        for (name, slug) in cases {
            assert_eq!(slugify(name), slug, "{name}");
        }
    }

    #[test]
    fn one_territory_per_case_folded_name_shown_as_first_spelled() {
        let (rows, of) = run(&[
            (
                "a",
                Some("chen jing"),
                Current,
                10.0,
                None,
                false,
                false,
                false,
            ),
            (
                "b",
                Some(" Chen Jing"),
                Prospect,
                0.0,
                None,
                true,
                true,
                true,
            ),
            ("c", None, Current, 5.0, None, true, false, false),
            ("d", Some(""), Former, 0.0, None, false, false, false),
        ]);
        let got: Vec<(&str, &str, u32, u32, f64)> = rows
            .iter()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.slug.as_str(),
                    r.customers,
                    r.current,
                    r.revenue,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("chen jing", "chen-jing", 2, 1, 10.0),
                (UNASSIGNED, UNASSIGNED, 2, 1, 5.0)
            ]
        );
        assert_eq!(
            (rows[0].overdue, rows[0].watchlist, rows[0].upcoming),
            (1, 1, 1)
        );
        assert_eq!(rows[1].overdue, 1);
        assert_eq!(of["b"], "chen-jing");
        assert_eq!(of["d"], UNASSIGNED);
    }

    #[test]
    fn attainment_counts_only_current_customers_with_a_target() {
        let (rows, _) = run(&[
            // 90 of 100, plus 30 of 20: attained 120 of target 120
            (
                "a",
                Some("A"),
                Current,
                90.0,
                Some(100.0),
                false,
                false,
                false,
            ),
            (
                "b",
                Some("A"),
                Current,
                30.0,
                Some(20.0),
                false,
                false,
                false,
            ),
            // no target: revenue counts, attainment does not
            ("c", Some("A"), Current, 500.0, None, false, false, false),
            // a prospect's target is not counted
            (
                "d",
                Some("A"),
                Prospect,
                0.0,
                Some(50.0),
                false,
                false,
                false,
            ),
            // an owner with no targets at all: attainment null
            ("e", Some("B"), Current, 70.0, None, false, false, false),
            // a target of 0 only: null too
            (
                "f",
                Some("C"),
                Current,
                10.0,
                Some(0.0),
                false,
                false,
                false,
            ),
            // below target
            (
                "g",
                Some("D"),
                Current,
                40.0,
                Some(80.0),
                false,
                false,
                false,
            ),
        ]);
        let got: Vec<(&str, f64, f64, f64, Option<f64>)> = rows
            .iter()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.revenue,
                    r.target,
                    r.attained,
                    r.attainment,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("A", 620.0, 120.0, 120.0, Some(1.0)),
                ("D", 40.0, 80.0, 40.0, Some(0.5)),
                // no attainment: last, by name
                ("B", 70.0, 0.0, 0.0, None),
                ("C", 10.0, 0.0, 10.0, None),
            ]
        );
    }

    #[test]
    fn equal_attainments_sort_by_name_and_slugs_stay_unique() {
        let (rows, of) = run(&[
            (
                "a",
                Some("Zhao"),
                Current,
                50.0,
                Some(100.0),
                false,
                false,
                false,
            ),
            (
                "b",
                Some("陈静"),
                Current,
                10.0,
                Some(20.0),
                false,
                false,
                false,
            ),
            (
                "c",
                Some("Chen Jing"),
                Current,
                5.0,
                None,
                false,
                false,
                false,
            ),
            (
                "d",
                Some("chen-jing"),
                Current,
                5.0,
                None,
                false,
                false,
                false,
            ),
        ]);
        let got: Vec<(&str, &str)> = rows
            .iter()
            .map(|r| (r.name.as_str(), r.slug.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Zhao", "zhao"),
                ("陈静", "chen-jing"),
                ("Chen Jing", "chen-jing-2"),
                ("chen-jing", "chen-jing-3"),
            ]
        );
        assert_eq!(of["c"], "chen-jing-2");
    }

    #[test]
    fn a_customers_own_attainment() {
        let cases = [
            (90.0, Some(100.0), Some(0.9)),
            (0.0, Some(100.0), Some(0.0)),
            (90.0, Some(0.0), None),
            (90.0, None, None),
        ];
        for (revenue, target, want) in cases {
            assert_eq!(attainment(revenue, target), want, "{revenue} / {target:?}");
        }
    }
}
