//! The diff for people: changes grouped by kind (customers added and
//! removed, status changes with their reasons, tier moves up and down,
//! score and class changes, risks, company and competitor SWOT), with the
//! names and reasons taken from the sites.
//!
//! A [`Report`] is the typed view model of the changes page and its
//! Markdown copy (the templates translate it); [`Report::text`] is the
//! English plain-text/Markdown form that `dossier diff` prints, readable in
//! a terminal and pasted into a pull request. Not here: deciding what
//! changed (that is `diff`).

use super::diff::{
    CUSTOMER_FIELDS, Change, Diff, EntityChange, Field, Group, SWOT_FIELDS, at, find,
};
use crate::analysis::Analysis;
use crate::analysis::territory::TerritoryRow;
use crate::model::Site;
use crate::model::customer::Status;
use serde::Serialize;
use serde_json::Value;

/// A revision as shown to people: the name given and, for a git
/// revision, its short commit id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revision {
    pub name: String,
    pub commit: Option<String>,
}

/// One changed field, with what the templates need to name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldLine {
    pub field: &'static str,
    /// Label key: `t.labels["change_" ~ label]`.
    pub label: &'static str,
    /// Playbook section whose titles name the values (`""` for none).
    pub playbook: &'static str,
    pub from: Value,
    pub to: Value,
    /// The values are shares (attainment, completeness): written as
    /// percents, `null` as "no target".
    pub share: bool,
    /// The values name an owner (`unassigned` is written in the reader's
    /// language).
    pub territory: bool,
    /// `to - from` when both are numbers and not shares; else `null`.
    pub delta: Option<f64>,
    /// The owner on that side is the `unassigned` placeholder (written as
    /// `labels.unassigned`).
    pub from_unassigned: bool,
    pub to_unassigned: bool,
}

/// True for the placeholder owner or region of customers without one.
fn unassigned(v: &Value) -> bool {
    v.as_str() == Some(crate::analysis::territory::UNASSIGNED)
}

impl FieldLine {
    /// A changed field labelled `label`, with how its values are written.
    pub fn new(
        field: &'static str,
        label: &'static str,
        playbook: &'static str,
        from: Value,
        to: Value,
    ) -> Self {
        let share = matches!(label, "attainment" | "completeness");
        let delta = match (from.as_f64(), to.as_f64()) {
            (Some(a), Some(b)) if !share => Some(b - a),
            _ => None,
        };
        let territory = label == "owner";
        FieldLine {
            field,
            label,
            playbook,
            from_unassigned: territory && unassigned(&from),
            to_unassigned: territory && unassigned(&to),
            from,
            to,
            share,
            territory,
            delta,
        }
    }
}

/// A customer or competitor with the fields of its change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub slug: String,
    pub name: String,
    pub fields: Vec<FieldLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusMove {
    pub slug: String,
    pub name: String,
    pub from: Value,
    pub to: Value,
    /// The reason recorded for a former or blacklisted customer.
    pub reason_code: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub from: f64,
    pub to: f64,
    pub delta: f64,
}

/// A tier move (with the score when both revisions scored the customer),
/// or a score change within the same tier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueMove {
    pub slug: String,
    pub name: String,
    pub from: Value,
    pub to: Value,
    pub score: Option<Score>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskLine {
    pub slug: String,
    pub name: String,
    pub risks: Vec<Value>,
}

/// A customer's account manager, or target attainment, in each revision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    pub slug: String,
    pub name: String,
    pub from: Value,
    pub to: Value,
    /// For an owner: the `unassigned` placeholder on that side.
    pub from_unassigned: bool,
    pub to_unassigned: bool,
}

/// An owner's or a region's attainment in each revision (`null` without
/// a target, or where it did not exist).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TerritoryMove {
    /// `owners` or `regions`: the folder of its page.
    pub kind: &'static str,
    /// The label key naming the kind: `owner` or `region`.
    pub label: &'static str,
    pub slug: String,
    pub name: String,
    /// False when it no longer exists (its page is gone).
    pub exists: bool,
    pub from: Value,
    pub to: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompetitorLine {
    pub slug: String,
    pub name: String,
    pub change: Change,
    pub fields: Vec<FieldLine>,
    /// False for a removed competitor: it has no page to link to.
    pub exists: bool,
    /// For an added or removed competitor, the label key saying so
    /// (`changes_added_one`, `changes_removed_one`); `null` for a changed
    /// one, whose fields are shown as moves.
    pub note: Option<&'static str>,
    /// The side (`to` or `from`) whose values sum up an added or removed
    /// competitor; `null` for a changed one.
    pub side: Option<&'static str>,
}

/// The changes between two revisions, grouped for reading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub from: Revision,
    pub to: Revision,
    pub added: Vec<Line>,
    pub removed: Vec<Line>,
    pub status: Vec<StatusMove>,
    pub tier_up: Vec<ValueMove>,
    pub tier_down: Vec<ValueMove>,
    pub scores: Vec<ValueMove>,
    pub classes: Vec<Line>,
    pub new_risks: Vec<RiskLine>,
    pub cleared_risks: Vec<RiskLine>,
    /// Customers whose account manager changed (format 2).
    pub owners: Vec<Move>,
    /// Customers whose target attainment changed (format 2).
    pub attainment: Vec<Move>,
    /// Owners, then regions, whose attainment changed (format 2).
    pub territories: Vec<TerritoryMove>,
    /// The company's changed SWOT fields (empty when none).
    pub company: Vec<FieldLine>,
    pub competitors: Vec<CompetitorLine>,
    /// True when nothing at all changed.
    pub empty: bool,
}

/// One customer's changes since a baseline, for its dossier page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerChanges<'a> {
    pub baseline: &'a Revision,
    /// `None` when the customer did not change.
    pub change: Option<Change>,
    pub fields: Vec<FieldLine>,
    /// New since the baseline: the page says so instead of listing moves.
    pub new: bool,
    /// Unchanged since the baseline.
    pub unchanged: bool,
}

/// A revision's site and analysis, with what the report shows of them.
pub struct Side<'a> {
    pub rev: Revision,
    pub site: &'a Site,
    pub analysis: &'a Analysis,
}

impl Report {
    /// Groups `diff` for reading; names and reasons come from the sites.
    pub fn new(diff: &Diff, from: &Side, to: &Side) -> Report {
        let mut r = Report {
            from: from.rev.clone(),
            to: to.rev.clone(),
            added: Vec::new(),
            removed: Vec::new(),
            status: Vec::new(),
            tier_up: Vec::new(),
            tier_down: Vec::new(),
            scores: Vec::new(),
            classes: Vec::new(),
            new_risks: Vec::new(),
            cleared_risks: Vec::new(),
            owners: Vec::new(),
            attainment: Vec::new(),
            territories: territory_moves(diff, from, to),
            company: diff
                .company
                .as_ref()
                .map(|c| lines(c, SWOT_FIELDS))
                .unwrap_or_default(),
            competitors: competitor_lines(diff, from.site, to.site),
            empty: diff.customers.is_empty()
                && diff.company.is_none()
                && diff.competitors.is_empty()
                && diff.owners.is_empty()
                && diff.regions.is_empty(),
        };
        let tiers: Vec<&str> = to
            .site
            .config
            .value_model
            .tiers
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        for (slug, c) in &diff.customers {
            let name = customer_name(slug, from.site, to.site);
            let line = || Line {
                slug: slug.clone(),
                name: name.clone(),
                fields: lines(c, CUSTOMER_FIELDS),
            };
            match c.change {
                Change::Added => r.added.push(line()),
                Change::Removed => r.removed.push(line()),
                Change::Changed => r.add_changed(slug, &name, c, to, &tiers),
            }
        }
        r
    }

    /// Files the fields of a customer present in both revisions.
    fn add_changed(&mut self, slug: &str, name: &str, c: &EntityChange, to: &Side, tiers: &[&str]) {
        let who = |fields| Line {
            slug: slug.to_string(),
            name: name.to_string(),
            fields,
        };
        // A status change explains fields that start or stop applying
        // (`abc` of a lost customer, its risks); they are not repeated.
        let status_changed = c.fields.contains_key("status");
        let explained = |f: &FieldLine| status_changed && (f.from.is_null() || f.to.is_null());
        let mut classes = Vec::new();
        for f in lines(c, CUSTOMER_FIELDS) {
            let group = find(CUSTOMER_FIELDS, f.field).map_or(Group::Class, |x| x.group);
            match group {
                Group::Status => self.status.push(status_move(slug, name, f, to.site)),
                Group::Tier => {
                    let m = value_move(slug, name, f.from, f.to, c);
                    if rank(&m.to, tiers) < rank(&m.from, tiers) {
                        self.tier_up.push(m);
                    } else {
                        self.tier_down.push(m);
                    }
                }
                Group::Score if !c.fields.contains_key("value.tier") => {
                    let tier = current_tier(to.analysis, slug);
                    self.scores
                        .push(value_move(slug, name, tier.clone(), tier, c));
                }
                Group::Risks if !explained(&f) => self.add_risks(slug, name, &f),
                Group::Owner => self.owners.push(a_move(slug, name, f)),
                Group::Attainment if !explained(&f) => self.attainment.push(a_move(slug, name, f)),
                Group::Class | Group::Swot if !explained(&f) => classes.push(f),
                _ => {}
            }
        }
        if !classes.is_empty() {
            self.classes.push(who(classes));
        }
    }

    fn add_risks(&mut self, slug: &str, name: &str, f: &FieldLine) {
        let (from, to) = (items(&f.from), items(&f.to));
        let line = |risks: Vec<Value>| RiskLine {
            slug: slug.to_string(),
            name: name.to_string(),
            risks,
        };
        let new: Vec<Value> = to.iter().filter(|r| !from.contains(r)).cloned().collect();
        let cleared: Vec<Value> = from.iter().filter(|r| !to.contains(r)).cloned().collect();
        if !new.is_empty() {
            self.new_risks.push(line(new));
        }
        if !cleared.is_empty() {
            self.cleared_risks.push(line(cleared));
        }
    }

    /// One customer's changes, for its page.
    pub fn customer<'a>(&'a self, diff: &Diff, slug: &str) -> CustomerChanges<'a> {
        let c = diff.customers.get(slug);
        CustomerChanges {
            baseline: &self.from,
            change: c.map(|c| c.change),
            fields: c.map(|c| lines(c, CUSTOMER_FIELDS)).unwrap_or_default(),
            new: c.is_some_and(|c| c.change == Change::Added),
            unchanged: c.is_none(),
        }
    }
}

/// The changed fields of `c` as lines, in field order.
fn lines(c: &EntityChange, fields: &[Field]) -> Vec<FieldLine> {
    c.fields
        .iter()
        .map(|(path, ch)| {
            let f = find(fields, path);
            FieldLine::new(
                f.map_or("", |f| f.path),
                f.map_or("", |f| f.label),
                f.and_then(|f| f.playbook).unwrap_or(""),
                ch.from.clone(),
                ch.to.clone(),
            )
        })
        .collect()
}

fn a_move(slug: &str, name: &str, f: FieldLine) -> Move {
    Move {
        slug: slug.to_string(),
        name: name.to_string(),
        from_unassigned: f.from_unassigned,
        to_unassigned: f.to_unassigned,
        from: f.from,
        to: f.to,
    }
}

/// The attainment changes of owners, then regions, named as in the
/// revision they last exist in.
fn territory_moves(diff: &Diff, from: &Side, to: &Side) -> Vec<TerritoryMove> {
    type Rows = fn(&Analysis) -> &[TerritoryRow];
    let kinds: [(&'static str, _, Rows); 2] = [
        ("owners", &diff.owners, |a| &a.customers.owners),
        ("regions", &diff.regions, |a| &a.customers.regions),
    ];
    let mut out = Vec::new();
    for (kind, changes, list) in kinds {
        let find = |a: &Analysis, slug: &str| -> Option<String> {
            list_of(list(a), slug).map(|t| t.name.clone())
        };
        for (slug, c) in changes {
            let Some(f) = c.fields.get("attainment") else {
                continue;
            };
            let now = find(to.analysis, slug);
            out.push(TerritoryMove {
                kind,
                label: if kind == "owners" { "owner" } else { "region" },
                slug: slug.clone(),
                exists: now.is_some(),
                name: now
                    .or_else(|| find(from.analysis, slug))
                    .unwrap_or_else(|| slug.clone()),
                from: f.from.clone(),
                to: f.to.clone(),
            });
        }
    }
    out
}

fn list_of<'a>(rows: &'a [TerritoryRow], slug: &str) -> Option<&'a TerritoryRow> {
    rows.iter().find(|t| t.slug == slug)
}

fn status_move(slug: &str, name: &str, f: FieldLine, site: &Site) -> StatusMove {
    let customer = by_slug(&site.customers, slug);
    let lost = customer.is_some_and(|c| matches!(c.status, Status::Former | Status::Blacklisted));
    let reason = |get: fn(&crate::model::Customer) -> &Option<String>| {
        customer.filter(|_| lost).and_then(|c| get(c).clone())
    };
    StatusMove {
        slug: slug.to_string(),
        name: name.to_string(),
        from: f.from,
        to: f.to,
        reason_code: reason(|c| &c.reason_code),
        reason: reason(|c| &c.reason),
    }
}

fn value_move(slug: &str, name: &str, from: Value, to: Value, c: &EntityChange) -> ValueMove {
    let score = c.fields.get("value.score").and_then(|s| {
        let (a, b) = (s.from.as_f64()?, s.to.as_f64()?);
        Some(Score {
            from: a,
            to: b,
            delta: b - a,
        })
    });
    ValueMove {
        slug: slug.to_string(),
        name: name.to_string(),
        from,
        to,
        score,
    }
}

/// The customer's tier in `analysis` (the score changed, the tier did not).
fn current_tier(analysis: &Analysis, slug: &str) -> Value {
    analysis
        .customers
        .customers
        .get(slug)
        .and_then(|c| serde_json::to_value(c).ok())
        .map_or(Value::Null, |v| at(&v, "value.tier"))
}

/// Position in the tier list (0 = top); unknown names below the known
/// ones, no tier at all lowest.
fn rank(tier: &Value, tiers: &[&str]) -> usize {
    match tier.as_str() {
        None => usize::MAX,
        Some(t) => tiers.iter().position(|x| *x == t).unwrap_or(tiers.len()),
    }
}

/// The items of a list value; nothing for `null`, itself for a scalar.
fn items(v: &Value) -> Vec<Value> {
    match v {
        Value::Null => Vec::new(),
        Value::Array(a) => a.clone(),
        v => vec![v.clone()],
    }
}

fn customer_name(slug: &str, from: &Site, to: &Site) -> String {
    [to, from]
        .iter()
        .find_map(|s| by_slug(&s.customers, slug).map(|c| c.name.clone()))
        .unwrap_or_else(|| slug.to_string())
}

/// The entry of `slug` in a list sorted by slug (as `check` leaves them).
fn by_slug<'a, T>(list: &'a [(String, T)], slug: &str) -> Option<&'a T> {
    let i = list.binary_search_by(|(s, _)| s.as_str().cmp(slug)).ok()?;
    Some(&list[i].1)
}

fn competitor_lines(diff: &Diff, from: &Site, to: &Site) -> Vec<CompetitorLine> {
    diff.competitors
        .iter()
        .map(|(slug, c)| {
            let (note, side) = match c.change {
                Change::Added => (Some("changes_added_one"), Some("to")),
                Change::Removed => (Some("changes_removed_one"), Some("from")),
                Change::Changed => (None, None),
            };
            CompetitorLine {
                slug: slug.clone(),
                name: [to, from]
                    .iter()
                    .find_map(|s| by_slug(&s.competitors, slug).map(|c| c.name.clone()))
                    .unwrap_or_else(|| slug.clone()),
                change: c.change,
                fields: lines(c, SWOT_FIELDS),
                exists: c.change != Change::Removed,
                note,
                side,
            }
        })
        .collect()
}
