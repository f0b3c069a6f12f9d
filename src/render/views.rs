//! Typed view models handed to templates: borrowed slices of the site and
//! its analysis, one struct per page kind (no ad-hoc JSON maps).

use super::territories::territory_entries;
pub use super::territories::{TerritoryCustomer, TerritoryEntry, TerritoryView, territory_views};
use crate::analysis::Analysis;
use crate::analysis::customers::SMALL_PORTFOLIO;
use crate::model::customer::Customer;
use crate::model::{Competitor, Site};
use serde::Serialize;

/// Site-wide values every template sees (the global context).
#[derive(Serialize)]
pub struct SiteInfo<'a> {
    pub title: &'a str,
    pub language: &'a str,
    pub currency: &'a str,
    pub base_url: &'a str,
    pub as_of: String,
    pub company: &'a str,
    pub followup_days: u32,
    /// Issue 12: days a complaint may stay open.
    pub complaint_days: u32,
    pub pages: Vec<PageLink<'a>>,
    pub has_changes: bool,
}

#[derive(Serialize)]
pub struct PageLink<'a> {
    pub route: &'a str,
    pub title: &'a str,
}

impl<'a> SiteInfo<'a> {
    pub fn new(site: &'a Site, has_changes: bool) -> Self {
        SiteInfo {
            title: &site.config.title,
            language: &site.config.language,
            currency: &site.config.currency,
            base_url: &site.config.base_url,
            as_of: site.config.as_of().to_string(),
            company: &site.company.name,
            followup_days: site.config.followup_days,
            complaint_days: site.config.complaint_days,
            pages: site
                .pages
                .iter()
                .map(|p| PageLink {
                    route: &p.route,
                    title: &p.front.title,
                })
                .collect(),
            has_changes,
        }
    }
}

/// A customer's dossier page: the whole file and its analysis.
#[derive(Serialize)]
pub struct CustomerRow<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub customer: &'a Customer,
    pub a: &'a crate::analysis::customers::CustomerAnalysis,
    /// The customer's own SWOT, when the file has one.
    pub swot: Option<&'a crate::analysis::swot::Swot>,
    /// The value scorecard chart, from the output root.
    pub value_chart: Option<String>,
    /// The competitors of the deal, by name (a slug not on file keeps its slug).
    pub competing: Vec<Named<'a>>,
    /// Revenue and profit over the periods as an inline SVG; `null` with
    /// fewer than two periods.
    pub trend: Option<String>,
    /// Issue 13: the four-step presentation and FABE talk track.
    pub talk_track: Option<crate::analysis::talk_track::TalkTrack>,
    // Issue 12: relationship management.
    /// The customer's complaints as the dossier shows them.
    pub complaints: Vec<ComplaintView<'a>>,
    /// The contact cadence table; empty for a non-current customer.
    pub cadence: Vec<HabitRow>,
    // Issue 10: decisions made here, not in the templates.
    /// The next steps, in order (the same on the page and its copy).
    pub next_steps: Vec<crate::analysis::next_steps::NextStep>,
    /// The trust pyramid: the level reached and its rungs.
    pub trust: super::dossier::TrustView,
    /// The MAN answers in M, A, N order; empty without a `man` block.
    pub man_answers: Vec<super::dossier::ManAnswer>,
    /// The contacts in the order to approach them (by role).
    pub approach: Vec<&'a crate::model::customer::Contact>,
    /// The owner and region pages the dossier links to.
    pub owner: super::dossier::TerritoryLink<'a>,
    pub region: super::dossier::TerritoryLink<'a>,
}

/// Issue 12: one habit of continuous operation on the dossier.
#[derive(Serialize)]
pub struct HabitRow {
    /// The habit (`playbook.habit.<key>`).
    pub key: &'static str,
    /// Days since its last visit; `null` when none (or for the sentinel).
    pub since: Option<i64>,
    /// The days within which it is due; `null` when it has no interval.
    pub within: Option<u32>,
    /// Label key of the state: `cadence_gap`, `cadence_ok`, or `null`
    /// when nothing is expected of it.
    pub state: Option<&'static str>,
    /// For the sentinel: the names of the contacts marked as one.
    pub names: Vec<String>,
}

fn habit_rows(
    c: &Customer,
    a: &crate::analysis::customers::CustomerAnalysis,
    config: &crate::config::Config,
) -> Vec<HabitRow> {
    use crate::analysis::cadence::Gap;
    let Some(k) = &a.cadence else {
        return Vec::new();
    };
    let state = |gap: Gap, expected: bool| {
        if k.gaps.contains(&gap) {
            Some("cadence_gap")
        } else if expected {
            Some("cadence_ok")
        } else {
            None
        }
    };
    let row = |key, since, within, state| HabitRow {
        key,
        since,
        within,
        state,
        names: Vec::new(),
    };
    vec![
        row(
            "regular",
            k.regular,
            Some(k.interval),
            state(
                Gap::Regular,
                k.regular.is_some_and(|d| d <= i64::from(k.interval)),
            ),
        ),
        row("reciprocity", k.reciprocity, None, None),
        row(
            "stimulation",
            k.stimulation,
            Some(config.cadence.stimulation_days),
            state(
                Gap::Stimulation,
                k.stimulation
                    .is_some_and(|d| d <= i64::from(config.cadence.stimulation_days)),
            ),
        ),
        HabitRow {
            names: c
                .contacts
                .iter()
                .filter(|x| x.sentinel)
                .map(|x| x.name.clone())
                .collect(),
            ..row("sentinel", None, None, state(Gap::Sentinel, k.sentinel))
        },
    ]
}

/// Issue 12: one complaint on the dossier: its flow chart, each step with
/// its answer and state, and the analysis.
#[derive(Serialize)]
pub struct ComplaintView<'a> {
    pub complaint: &'a crate::model::customer::Complaint,
    pub a: &'a crate::analysis::complaints::ComplaintAnalysis,
    pub chart: String,
    pub steps: Vec<StepView>,
    /// The label key of the complaint's state: `complaint_open`,
    /// `complaint_overdue`, `complaint_closed` or `complaint_unsatisfied`.
    pub state: &'static str,
}

/// One step of the problem-solving model of a complaint.
#[derive(Serialize)]
pub struct StepView {
    pub key: &'static str,
    /// The answer as written (free text).
    pub answer: Option<String>,
    /// The label key of an answer that is a choice (satisfied: yes or no).
    pub answer_label: Option<&'static str>,
    /// The label key marking the step reached, on that step only.
    pub note: Option<&'static str>,
}

fn complaint_views<'a>(
    c: &'a Customer,
    a: &'a crate::analysis::customers::CustomerAnalysis,
) -> Vec<ComplaintView<'a>> {
    use crate::analysis::complaints::{Step, answer};
    c.complaints
        .iter()
        .zip(&a.complaints)
        .map(|(k, x)| ComplaintView {
            complaint: k,
            a: x,
            chart: crate::chart::site::complaint_chart_path(k),
            steps: Step::STEPS
                .into_iter()
                .map(|s| {
                    let (answer, answer_label) = match (s, k.satisfied) {
                        (Step::Satisfied, Some(true)) => (None, Some("complaint_satisfied_yes")),
                        (Step::Satisfied, Some(false)) => (None, Some("complaint_satisfied_no")),
                        _ => (answer(k, s), None),
                    };
                    StepView {
                        key: s.key(),
                        answer,
                        answer_label,
                        note: (s == x.step).then_some("reached"),
                    }
                })
                .collect(),
            state: match (x.open, x.attention) {
                (true, false) => "complaint_open",
                (true, true) => "complaint_overdue",
                (false, false) => "complaint_closed",
                (false, true) => "complaint_unsatisfied",
            },
        })
        .collect()
}

/// A customer's revenue and profit trend, `width` x `height` pixels.
pub fn trend(c: &Customer, width: u32, height: u32) -> Option<String> {
    let values: Vec<(f64, f64)> = c
        .metrics
        .iter()
        .map(|m| (m.revenue.0, m.profit.0))
        .collect();
    let span = match (c.metrics.first(), c.metrics.last()) {
        (Some(a), Some(b)) => format!("{} – {}", a.period.0, b.period.0),
        _ => String::new(),
    };
    crate::chart::spark::sparkline(&values, width, height, &span)
}

/// A page named by its slug and its display name.
#[derive(Serialize)]
pub struct Named<'a> {
    pub slug: &'a str,
    pub name: &'a str,
}

/// Every customer as rows, in the default order: current first, then
/// prospects, former and blacklisted; within a status by latest revenue
/// (highest first), then slug.
pub fn customer_rows<'a>(site: &'a Site, analysis: &'a Analysis) -> Vec<CustomerRow<'a>> {
    let mut rows: Vec<CustomerRow> = site
        .customers
        .iter()
        .map(|(slug, c)| {
            let a = &analysis.customers.customers[slug];
            CustomerRow {
                slug,
                name: &c.name,
                customer: c,
                a,
                next_steps: crate::analysis::next_steps::of(c, a),
                trust: super::dossier::trust(&a.trust),
                man_answers: super::dossier::man_answers(c.man.as_ref()),
                approach: super::dossier::by_approach(&c.contacts),
                owner: super::dossier::TerritoryLink::of(a, "owners"),
                region: super::dossier::TerritoryLink::of(a, "regions"),
                swot: a.swot.as_ref(),
                value_chart: c.value.as_ref().map(crate::chart::site::value_chart_path),
                competing: c
                    .deal
                    .iter()
                    .flat_map(|d| d.competitors.iter())
                    .map(|k| Named {
                        slug: k,
                        name: site
                            .competitors
                            .iter()
                            .find(|(s, _)| s == k)
                            .map_or(k.as_str(), |(_, comp)| comp.name.as_str()),
                    })
                    .collect(),
                trend: trend(c, 240, 56),
                complaints: complaint_views(c, &analysis.customers.customers[slug]),
                cadence: habit_rows(c, &analysis.customers.customers[slug], &site.config),
                talk_track: crate::analysis::talk_track::plan(
                    c,
                    site.company.products.as_deref().unwrap_or_default(),
                ),
            }
        })
        .collect();
    rows.sort_by(|x, y| {
        status_rank(x)
            .cmp(&status_rank(y))
            .then_with(|| {
                y.customer
                    .latest_revenue()
                    .total_cmp(&x.customer.latest_revenue())
            })
            .then_with(|| x.slug.cmp(y.slug))
    });
    rows
}

fn status_rank(r: &CustomerRow) -> u8 {
    use crate::model::customer::Status::*;
    match r.customer.status {
        Current => 0,
        Prospect => 1,
        Former => 2,
        Blacklisted => 3,
    }
}

/// What lists show of a customer (a slim copy: lists of thousands of
/// customers are converted for the template engine on every build).
#[derive(Clone, Serialize)]
pub struct Brief<'a> {
    pub status: crate::model::customer::Status,
    pub market: crate::model::customer::Market,
    pub reason: Option<&'a str>,
    pub reason_code: Option<&'a str>,
    pub last_contact: Option<crate::model::scalars::Date>,
    pub next_visit: Option<crate::model::scalars::Date>,
}

impl<'a> Brief<'a> {
    pub fn of(c: &'a Customer) -> Self {
        Brief {
            status: c.status,
            market: c.market,
            reason: c.reason.as_deref(),
            reason_code: c.reason_code.as_deref(),
            last_contact: c.last_contact,
            next_visit: c.next_visit,
        }
    }
}

/// A customer in a list.
#[derive(Clone, Serialize)]
pub struct ListRow<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub customer: Brief<'a>,
    pub a: &'a crate::analysis::customers::CustomerAnalysis,
    pub latest_revenue: Option<f64>,
    pub latest_profit: Option<f64>,
    /// The revenue and profit sparkline (see [`trend`]).
    pub trend: Option<String>,
    /// Issue 10: the owner and region pages the row links to.
    pub owner: super::dossier::TerritoryLink<'a>,
    pub region: super::dossier::TerritoryLink<'a>,
}

/// The rows of lists, in the order of `rows`.
pub fn list_rows<'a>(rows: &[CustomerRow<'a>]) -> Vec<ListRow<'a>> {
    rows.iter()
        .map(|r| ListRow::of(r.slug, r.customer, r.a))
        .collect()
}

impl<'a> ListRow<'a> {
    pub fn of(
        slug: &'a str,
        c: &'a Customer,
        a: &'a crate::analysis::customers::CustomerAnalysis,
    ) -> Self {
        ListRow {
            slug,
            name: &c.name,
            customer: Brief::of(c),
            a,
            latest_revenue: c.latest().map(|m| m.revenue.0),
            latest_profit: c.latest().map(|m| m.profit.0),
            trend: trend(c, 72, 20),
            owner: super::dossier::TerritoryLink::of(a, "owners"),
            region: super::dossier::TerritoryLink::of(a, "regions"),
        }
    }
}

/// A competitor's page.
#[derive(Serialize)]
pub struct CompetitorView<'a> {
    pub slug: &'a str,
    pub competitor: &'a Competitor,
    pub swot: &'a crate::analysis::swot::Swot,
}

/// The dashboard: the portfolio analyses plus the customers its lists name.
#[derive(Serialize)]
pub struct Dashboard<'a> {
    pub watchlist: Vec<ListRow<'a>>,
    pub overdue: Vec<ListRow<'a>>,
    pub upcoming: Vec<ListRow<'a>>,
    pub prospects: Vec<ListRow<'a>>,
    pub former: Vec<ListRow<'a>>,
    pub blacklisted: Vec<ListRow<'a>>,
    pub abc: Vec<crate::analysis::abc::ClassCount>,
    /// How many current customers ABC and the deciles rest on.
    pub current: u32,
    /// Fewer than [`SMALL_PORTFOLIO`] current customers: the ABC and
    /// decile sections say that their classes rest on few customers.
    pub small_portfolio: bool,
    // Issue 12: relationship management.
    /// The open complaints, oldest first, each with its customer.
    pub open_complaints: Vec<ComplaintRow<'a>>,
    /// The escalated complaints, oldest first, each with its customer.
    pub escalations: Vec<ComplaintRow<'a>>,
    /// The steps that open complaints have reached, with how many.
    pub complaint_steps: Vec<&'a crate::analysis::complaints::StepCount>,
    pub complaints: &'a crate::analysis::complaints::Complaints,
    /// Current customers with a gap in their contact cadence.
    pub cadence_gaps: Vec<ListRow<'a>>,
    /// Issue 13: the first [`THIN_DOSSIERS`] of the thinnest dossiers,
    /// important customers first.
    pub thin_dossiers: Vec<ThinRow<'a>>,
    /// Issue 13: customers whose presentation plan is not ready.
    pub unready_presentations: Vec<ListRow<'a>>,
    /// Issue 13: important customers outside the strategy's focus.
    pub outside_focus: Vec<ListRow<'a>>,
    /// Issue 13: the shares of revenue and of prospects in focus.
    pub focus: &'a crate::analysis::focus::FocusSummary,
    /// Issue 10: the owners and regions by attainment, as the export
    /// ranks them, each with the name to show.
    pub owners: Vec<TerritoryEntry<'a>>,
    pub regions: Vec<TerritoryEntry<'a>>,
    /// Issue 10: former and blacklisted customers grouped by reason code
    /// as the portfolio counts them (code order).
    pub former_reasons: Vec<ReasonGroup<'a>>,
    pub blacklisted_reasons: Vec<ReasonGroup<'a>>,
}

/// The customers who left (or were blacklisted) for one reason.
#[derive(Serialize)]
pub struct ReasonGroup<'a> {
    /// The reason code, trimmed; `unspecified` when none is written.
    pub code: String,
    pub customers: Vec<ListRow<'a>>,
}

fn by_reason<'a>(rows: &[ListRow<'a>]) -> Vec<ReasonGroup<'a>> {
    let mut groups: std::collections::BTreeMap<String, Vec<ListRow<'a>>> = Default::default();
    for r in rows {
        let code = crate::analysis::portfolio::reason_key(r.customer.reason_code);
        groups.entry(code).or_default().push(r.clone());
    }
    groups
        .into_iter()
        .map(|(code, customers)| ReasonGroup { code, customers })
        .collect()
}

/// Issue 12: a complaint in a dashboard list, with its customer's name and
/// the label key of its state.
#[derive(Serialize)]
pub struct ComplaintRow<'a> {
    pub name: &'a str,
    pub r: &'a crate::analysis::complaints::ComplaintRef,
    /// `complaint_overdue` when it needs attention, else `complaint_open`
    /// (or `complaint_closed` for a closed escalation).
    pub state: &'static str,
}

/// How many thin dossiers the dashboard lists.
pub const THIN_DOSSIERS: usize = 8;
/// How many missing items each of them shows.
pub const THIN_ITEMS: usize = 3;

/// A thin dossier on the dashboard: its first missing items, and whether
/// more are missing.
#[derive(Serialize)]
pub struct ThinRow<'a> {
    #[serde(flatten)]
    pub row: ListRow<'a>,
    pub first: &'a [crate::analysis::completeness::Item],
    pub more: bool,
}

impl<'a> Dashboard<'a> {
    pub fn new(site: &'a Site, analysis: &'a Analysis) -> Self {
        use crate::model::customer::Status;
        let side = &analysis.customers;
        let named = |slug: &str| -> Option<ListRow<'a>> {
            let i = site
                .customers
                .binary_search_by(|(s, _)| s.as_str().cmp(slug))
                .ok()?;
            let (slug, c) = &site.customers[i];
            Some(ListRow::of(slug, c, &side.customers[slug]))
        };
        let by_status = |status: Status| -> Vec<ListRow<'a>> {
            site.customers
                .iter()
                .filter(|(_, c)| c.status == status)
                .filter_map(|(s, _)| named(s))
                .collect()
        };
        let former = by_status(Status::Former);
        let blacklisted = by_status(Status::Blacklisted);
        Dashboard {
            watchlist: side.watchlist.iter().filter_map(|s| named(s)).collect(),
            overdue: side
                .followup
                .overdue
                .iter()
                .filter_map(|s| named(s))
                .collect(),
            upcoming: side
                .followup
                .upcoming
                .iter()
                .filter_map(|s| named(s))
                .collect(),
            prospects: by_status(Status::Prospect),
            former_reasons: by_reason(&former),
            blacklisted_reasons: by_reason(&blacklisted),
            former,
            blacklisted,
            abc: side.abc.class_counts(),
            current: side.current,
            small_portfolio: side.current < SMALL_PORTFOLIO,
            open_complaints: complaint_rows(site, &side.complaints.open),
            escalations: complaint_rows(site, &side.complaints.escalations),
            complaint_steps: side
                .complaints
                .by_step
                .iter()
                .filter(|s| s.complaints > 0)
                .collect(),
            complaints: &side.complaints,
            cadence_gaps: side.cadence_gaps.iter().filter_map(|s| named(s)).collect(),
            thin_dossiers: side
                .thin_dossiers
                .iter()
                .filter_map(|s| named(s))
                .take(THIN_DOSSIERS)
                .map(|row| {
                    let missing = &side.customers[row.slug].completeness.missing;
                    ThinRow {
                        first: &missing[..missing.len().min(THIN_ITEMS)],
                        more: missing.len() > THIN_ITEMS,
                        row,
                    }
                })
                .collect(),
            unready_presentations: side
                .unready_presentations
                .iter()
                .filter_map(|s| named(s))
                .collect(),
            outside_focus: side.focus.outside.iter().filter_map(|s| named(s)).collect(),
            focus: &side.focus,
            owners: territory_entries(&side.owners),
            regions: territory_entries(&side.regions),
        }
    }
}

/// Issue 12: the rows of a dashboard complaint list.
fn complaint_rows<'a>(
    site: &'a Site,
    refs: &'a [crate::analysis::complaints::ComplaintRef],
) -> Vec<ComplaintRow<'a>> {
    refs.iter()
        .filter_map(|r| {
            let i = site
                .customers
                .binary_search_by(|(s, _)| s.as_str().cmp(&r.slug))
                .ok()?;
            let c = &site.customers[i].1;
            let open = c.complaints.get(r.index as usize)?.closed.is_none();
            let state = match (open, r.attention) {
                (true, true) => "complaint_overdue",
                (true, false) => "complaint_open",
                (false, true) => "complaint_unsatisfied",
                (false, false) => "complaint_closed",
            };
            Some(ComplaintRow {
                name: &c.name,
                r,
                state,
            })
        })
        .collect()
}
