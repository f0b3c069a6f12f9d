//! The difference between two analyses of the same site: which customers
//! and competitors appeared or disappeared, and which compared fields
//! changed for those in both.
//!
//! It works on the serialised analysis (the shape of `data/analysis.json`)
//! and a list of field paths, so a framework that lands later is compared
//! by adding one line to [`CUSTOMER_FIELDS`] or [`SWOT_FIELDS`]; a path that
//! neither side has yet is simply never a change. The [`Diff`] serialises
//! as the JSON of `dossier diff --format json` (spec/ANALYSIS.md,
//! "History"). Not here: names, reasons and grouping for people (that is
//! `report`).

use crate::analysis::Analysis;
use indexmap::IndexMap;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// How the report treats a compared field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// The customer's status (reasons are shown for former and blacklisted).
    Status,
    /// The value tier: moves up or down the pyramid.
    Tier,
    /// A number reported as a delta, only when both sides have one.
    Score,
    /// A class or grade: shown as `from → to`.
    Class,
    /// A list of risks: new ones and cleared ones.
    Risks,
    /// A SWOT total or posture of the company or a competitor.
    Swot,
    /// The customer's account manager (format 2).
    Owner,
    /// The share of a revenue target attained (format 2), of a customer,
    /// an owner or a region.
    Attainment,
}

/// One compared field: where it is in the serialised analysis, the label
/// key that names it (`t.labels["change_" ~ label]`), and the playbook
/// section whose titles name its values, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub path: &'static str,
    pub label: &'static str,
    pub playbook: Option<&'static str>,
    pub group: Group,
}

const fn field(
    path: &'static str,
    label: &'static str,
    playbook: Option<&'static str>,
    group: Group,
) -> Field {
    Field {
        path,
        label,
        playbook,
        group,
    }
}

/// What is compared for a customer in both revisions, in report order.
pub const CUSTOMER_FIELDS: &[Field] = &[
    field("status", "status", Some("status"), Group::Status),
    field("value.tier", "tier", Some("tier"), Group::Tier),
    field("value.score", "score", None, Group::Score),
    field("abc", "abc", Some("abc"), Group::Class),
    field(
        "relationship",
        "relationship",
        Some("relationship"),
        Group::Class,
    ),
    field("loyalty", "loyalty", Some("loyalty"), Group::Class),
    field("man.grade", "man_grade", Some("grade"), Group::Class),
    field("risks", "risks", Some("risk"), Group::Risks),
    field("owner", "owner", None, Group::Owner),
    field("attainment", "attainment", None, Group::Attainment),
    // Issue 12: relationship management.
    field("open_complaints", "open_complaints", None, Group::Class),
    field(
        "cadence.gaps",
        "cadence_gaps",
        Some("cadence_gap"),
        Group::Class,
    ),
    field(
        "loyalty_category",
        "loyalty_category",
        Some("loyalty_category"),
        Group::Class,
    ),
    field("closeness", "closeness", Some("closeness"), Group::Class),
    // Issue 13 (winning the account).
    field("completeness.score", "completeness", None, Group::Class),
    field(
        "presentation.steps",
        "presentation_steps",
        None,
        Group::Class,
    ),
    field("focus", "focus", Some("focus"), Group::Class),
    field("portrait_match.score", "portrait_match", None, Group::Class),
];

/// What is compared for each owner and each region (format 2).
pub const TERRITORY_FIELDS: &[Field] =
    &[field("attainment", "attainment", None, Group::Attainment)];

/// What is compared for the company and for each competitor.
pub const SWOT_FIELDS: &[Field] = &[
    field("swot.posture", "posture", Some("posture"), Group::Swot),
    field("swot.strengths", "strengths", None, Group::Swot),
    field("swot.weaknesses", "weaknesses", None, Group::Swot),
    field("swot.opportunities", "opportunities", None, Group::Swot),
    field("swot.threats", "threats", None, Group::Swot),
];

/// The field of `fields` at `path`.
pub fn find(fields: &[Field], path: &str) -> Option<Field> {
    fields.iter().copied().find(|f| f.path == path)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

/// A field's value in each revision (`null` where it does not apply).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub from: Value,
    pub to: Value,
}

/// What happened to one customer, competitor or the company.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityChange {
    pub change: Change,
    /// By field path, in the order of the field list.
    pub fields: IndexMap<String, FieldChange>,
}

/// Everything that changed between two revisions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub from: String,
    pub to: String,
    /// Only customers with a change, by slug.
    pub customers: BTreeMap<String, EntityChange>,
    /// `null` when the company's compared fields did not change.
    pub company: Option<EntityChange>,
    /// Only competitors with a change, by slug.
    pub competitors: BTreeMap<String, EntityChange>,
    /// Only owners (and regions) whose attainment changed, by slug (format
    /// 2; after the spec's keys).
    pub owners: BTreeMap<String, EntityChange>,
    pub regions: BTreeMap<String, EntityChange>,
}

/// Compares the analysis of revision `from` with that of `to`.
pub fn diff(from: (&str, &Analysis), to: (&str, &Analysis)) -> Diff {
    diff_parts(from, &Parts::of(from.1), to, &Parts::of(to.1))
}

/// The parts of an analysis the diff compares besides the customers, as
/// they are exported (`data/analysis.json`): `serve` keeps the
/// baseline's from one edit to the next.
pub struct Parts {
    company: Value,
    competitors: Value,
    owners: Value,
    regions: Value,
}

impl Parts {
    pub fn of(a: &Analysis) -> Parts {
        // The analysis types hold only maps with string keys, strings and
        // numbers; serialising them cannot fail.
        fn value(v: &impl Serialize) -> Value {
            serde_json::to_value(v).unwrap_or(Value::Null)
        }
        Parts {
            company: value(&a.company),
            competitors: value(&a.competitors),
            owners: value(&a.customers.owners),
            regions: value(&a.customers.regions),
        }
    }
}

/// [`diff`], with the parts of each analysis already made.
pub fn diff_parts(from: (&str, &Analysis), a: &Parts, to: (&str, &Analysis), b: &Parts) -> Diff {
    let company = compare(Some(&a.company), Some(&b.company), SWOT_FIELDS);
    let territories = |pick: fn(&Parts) -> &Value| {
        let (x, y) = (by_slug(pick(a)), by_slug(pick(b)));
        let mut changed = compare_maps(&x, &y, TERRITORY_FIELDS);
        // A territory that appears or goes without an attainment on either
        // side has nothing to report.
        changed.retain(|_, c| !c.fields.is_empty());
        changed
    };
    Diff {
        from: from.0.to_string(),
        to: to.0.to_string(),
        customers: compare_customers(&from.1.customers.customers, &to.1.customers.customers),
        company: company.filter(|c| !c.fields.is_empty()),
        competitors: compare_maps(&a.competitors, &b.competitors, SWOT_FIELDS),
        owners: territories(|p| &p.owners),
        regions: territories(|p| &p.regions),
    }
}

/// A list of `{ slug, ... }` entries as a `{ slug: entry }` map.
fn by_slug(list: &Value) -> Value {
    let entries = list.as_array().map(Vec::as_slice).unwrap_or_default();
    Value::Object(
        entries
            .iter()
            .filter_map(|e| Some((e["slug"].as_str()?.to_string(), e.clone())))
            .collect(),
    )
}

/// Compares the customers of two analyses; only those with a change are
/// kept. A customer whose analysis is the same on both sides has none,
/// so only the others are written out as JSON and compared field by field
/// (each on its own, on every core).
fn compare_customers(
    a: &BTreeMap<String, crate::analysis::customers::CustomerAnalysis>,
    b: &BTreeMap<String, crate::analysis::customers::CustomerAnalysis>,
) -> BTreeMap<String, EntityChange> {
    let mut slugs: Vec<&String> = a.keys().chain(b.keys()).collect();
    slugs.sort();
    slugs.dedup();
    let value = |c: &crate::analysis::customers::CustomerAnalysis| {
        serde_json::to_value(c).unwrap_or(Value::Null)
    };
    let changed: Vec<(String, EntityChange)> = slugs
        .into_par_iter()
        .filter_map(|slug| {
            let (x, y) = (a.get(slug), b.get(slug));
            if x.is_some() && x == y {
                return None;
            }
            let (x, y) = (x.map(value), y.map(value));
            Some((
                slug.clone(),
                compare(x.as_ref(), y.as_ref(), CUSTOMER_FIELDS)?,
            ))
        })
        .collect();
    changed.into_iter().collect()
}

/// Compares two `{ slug: entry }` maps; only entries with a change are kept.
fn compare_maps(a: &Value, b: &Value, fields: &[Field]) -> BTreeMap<String, EntityChange> {
    let empty = serde_json::Map::new();
    let (a, b) = (
        a.as_object().unwrap_or(&empty),
        b.as_object().unwrap_or(&empty),
    );
    let mut slugs: Vec<&String> = a.keys().chain(b.keys()).collect();
    slugs.sort();
    slugs.dedup();
    slugs
        .into_iter()
        .filter_map(|slug| Some((slug.clone(), compare(a.get(slug), b.get(slug), fields)?)))
        .collect()
}

/// Compares one entry present in `a`, `b` or both; `None` when unchanged.
pub fn compare(a: Option<&Value>, b: Option<&Value>, fields: &[Field]) -> Option<EntityChange> {
    let change = match (a, b) {
        (None, None) => return None,
        (None, Some(_)) => Change::Added,
        (Some(_), None) => Change::Removed,
        (Some(_), Some(_)) => Change::Changed,
    };
    let mut changed = IndexMap::new();
    for f in fields {
        let from = a.map_or(Value::Null, |v| at(v, f.path));
        let to = b.map_or(Value::Null, |v| at(v, f.path));
        let both_numbers = from.is_number() && to.is_number();
        if f.group == Group::Score && !both_numbers {
            continue;
        }
        if !same(&from, &to) {
            changed.insert(f.path.to_string(), FieldChange { from, to });
        }
    }
    if change == Change::Changed && changed.is_empty() {
        return None;
    }
    Some(EntityChange {
        change,
        fields: changed,
    })
}

/// The value at a dotted path; `null` where any step is missing.
pub fn at(v: &Value, path: &str) -> Value {
    path.split('.')
        .try_fold(v, |v, key| v.get(key))
        .cloned()
        .unwrap_or(Value::Null)
}

/// Equal, with numbers equal when they differ only by float noise.
fn same(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn customer(status: &str, tier: Option<&str>, score: Option<f64>, abc: Option<&str>) -> Value {
        json!({
            "status": status,
            "value": tier.map(|t| json!({ "tier": t, "score": score })),
            "abc": abc,
            "relationship": null,
            "risks": if status == "current" { json!([]) } else { Value::Null },
        })
    }

    #[test]
    fn unchanged_entries_are_left_out() {
        let c = customer("current", Some("gold"), Some(7.0), Some("A"));
        assert_eq!(compare(Some(&c), Some(&c.clone()), CUSTOMER_FIELDS), None);
        assert_eq!(compare(None, None, CUSTOMER_FIELDS), None);
    }

    #[test]
    fn every_changed_field_is_listed_in_field_order() {
        let a = customer("current", Some("gold"), Some(7.0), Some("B"));
        let b = customer("current", Some("platinum"), Some(8.25), Some("A"));
        let c = compare(Some(&a), Some(&b), CUSTOMER_FIELDS).unwrap();
        assert_eq!(c.change, Change::Changed);
        let keys: Vec<&str> = c.fields.keys().map(String::as_str).collect();
        assert_eq!(keys, ["value.tier", "value.score", "abc"]);
        assert_eq!(c.fields["value.tier"].to, json!("platinum"));
        assert_eq!(c.fields["value.score"].from, json!(7.0));
    }

    #[test]
    fn a_score_is_compared_only_when_both_sides_have_one() {
        let a = customer("current", None, None, Some("A"));
        let b = customer("current", Some("gold"), Some(7.0), Some("A"));
        let c = compare(Some(&a), Some(&b), CUSTOMER_FIELDS).unwrap();
        assert!(!c.fields.contains_key("value.score"));
        assert_eq!(
            c.fields["value.tier"],
            FieldChange {
                from: Value::Null,
                to: json!("gold")
            }
        );
    }

    #[test]
    fn float_noise_is_not_a_change() {
        let a = customer("current", Some("gold"), Some(0.1 + 0.2), None);
        let b = customer("current", Some("gold"), Some(0.3), None);
        assert_eq!(compare(Some(&a), Some(&b), CUSTOMER_FIELDS), None);
    }

    #[test]
    fn added_and_removed_entries_carry_their_values() {
        let c = customer("former", Some("lead"), Some(2.0), None);
        let added = compare(None, Some(&c), CUSTOMER_FIELDS).unwrap();
        assert_eq!(added.change, Change::Added);
        assert_eq!(
            added.fields["status"],
            FieldChange {
                from: Value::Null,
                to: json!("former")
            }
        );
        assert!(
            !added.fields.contains_key("value.score"),
            "one side has no score"
        );
        assert!(!added.fields.contains_key("abc"), "null on both sides");
        let removed = compare(Some(&c), None, CUSTOMER_FIELDS).unwrap();
        assert_eq!(removed.change, Change::Removed);
        assert_eq!(removed.fields["value.tier"].from, json!("lead"));
    }

    #[test]
    fn paths_that_no_side_has_yet_never_change() {
        let fields = [field("not.landed.yet", "x", None, Group::Class)];
        let a = json!({ "status": "current" });
        let b = json!({ "status": "former" });
        assert_eq!(compare(Some(&a), Some(&b), &fields), None);
        assert_eq!(at(&b, "status"), json!("former"));
        assert_eq!(at(&b, "status.deeper"), Value::Null);
    }

    #[test]
    fn maps_are_compared_by_slug_in_sorted_order() {
        let a =
            json!({ "b": { "swot": { "posture": "SO" } }, "c": { "swot": { "posture": "WT" } } });
        let b = json!({ "a": { "swot": { "posture": "SO" } }, "b": { "swot": { "posture": "WO" } },
                        "c": { "swot": { "posture": "WT" } } });
        let m = compare_maps(&a, &b, SWOT_FIELDS);
        let got: Vec<(&str, Change)> = m.iter().map(|(k, v)| (k.as_str(), v.change)).collect();
        assert_eq!(got, [("a", Change::Added), ("b", Change::Changed)]);
        assert_eq!(
            m["b"].fields["swot.posture"],
            FieldChange {
                from: json!("SO"),
                to: json!("WO")
            }
        );
    }
}
