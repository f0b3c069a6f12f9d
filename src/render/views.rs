//! Typed view models handed to templates: borrowed slices of the site and
//! its analysis, one struct per page kind (no ad-hoc JSON maps).

use super::territories::territory_entries;
pub use super::territories::{
    TERRITORY_LIST_ROWS, TerritoryCustomer, TerritoryEntry, TerritoryView, territory_views,
};
use crate::analysis::Analysis;
use crate::analysis::customers::SMALL_PORTFOLIO;
use crate::model::customer::{Customer, Status};
use crate::model::{Competitor, Site};
use rayon::prelude::*;
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
    /// Every customer's dossier has a Markdown copy (`markdown: all`).
    pub markdown_customers: bool,
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
            markdown_customers: site.config.markdown == crate::config::MarkdownCopies::All,
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
    /// Issue 13: on a prospect's dossier, the portrait of our best
    /// customers with the traits it shares; empty for other customers.
    pub portrait: Vec<TraitRow<'a>>,
    /// How many best customers the portrait is drawn from.
    pub portrait_best: usize,
    /// On a prospect's dossier without a match, the label key saying why:
    /// `portrait_none` (fewer than two best customers) or
    /// `portrait_nothing_shared` (they share nothing and there is no
    /// focus); `null` otherwise.
    pub portrait_note: Option<&'static str>,
    /// Issue 12 (seed 004): the relationship continuum, most distant
    /// first; empty without a recorded `closeness`.
    pub continuum: Vec<ContinuumStep>,
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

/// Issue 13: one attribute of the portrait of our best customers.
#[derive(Serialize)]
pub struct TraitRow<'a> {
    pub attribute: crate::analysis::portrait::Attribute,
    /// The most common value; `null` when best customers share none.
    pub value: Option<&'a str>,
    /// The playbook section naming the value (`market`, `size_band`,
    /// `source`); `null` for free text shown as written.
    pub playbook: Option<&'static str>,
    pub customers: u32,
    pub share: f64,
    /// On a prospect's dossier: whether the prospect shares the value.
    pub shared: bool,
}

/// Issue 13: why a prospect has no match, as a label key.
fn portrait_note(
    c: &Customer,
    a: &crate::analysis::customers::CustomerAnalysis,
    analysis: &Analysis,
) -> Option<&'static str> {
    if c.status != Status::Prospect || a.portrait_match.is_some() {
        None
    } else if analysis.customers.portrait.drawn() {
        Some("portrait_nothing_shared")
    } else {
        Some("portrait_none")
    }
}

/// Issue 13: the portrait's rows, marked with what `m` shares.
pub fn trait_rows<'a>(
    p: &'a crate::analysis::portrait::Portrait,
    m: Option<&crate::analysis::portrait::Match>,
) -> Vec<TraitRow<'a>> {
    p.traits
        .iter()
        .map(|x| TraitRow {
            attribute: x.attribute,
            value: x.value.as_deref(),
            playbook: x.attribute.playbook(),
            customers: x.customers,
            share: x.share,
            shared: m.is_some_and(|m| m.shared.contains(&x.attribute)),
        })
        .collect()
}

/// Issue 12 (seed 004): one degree of the relationship continuum on the
/// dossier, and whether the customer stands there.
#[derive(Serialize)]
pub struct ContinuumStep {
    /// The degree (`playbook.closeness.<key>`).
    pub key: crate::model::customer::Closeness,
    pub here: bool,
}

fn continuum_steps(c: &Customer) -> Vec<ContinuumStep> {
    let Some(here) = c.closeness else {
        return Vec::new();
    };
    crate::analysis::continuum::ALL
        .iter()
        .map(|&key| ContinuumStep {
            key,
            here: key == here,
        })
        .collect()
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

/// A customer with its analysis, as the site's tables order them.
#[derive(Clone, Copy)]
pub struct Listed<'a> {
    pub slug: &'a str,
    pub customer: &'a Customer,
    pub a: &'a crate::analysis::customers::CustomerAnalysis,
}

/// Every customer in the default order: current first, then prospects,
/// former and blacklisted; within a status by latest revenue (highest
/// first), then slug.
pub fn customer_order<'a>(site: &'a Site, analysis: &'a Analysis) -> Vec<Listed<'a>> {
    let mut order: Vec<Listed> = site
        .customers
        .iter()
        .map(|(slug, c)| Listed {
            slug,
            customer: c,
            a: &analysis.customers.customers[slug],
        })
        .collect();
    order.sort_by(|x, y| {
        status_rank(x.customer.status)
            .cmp(&status_rank(y.customer.status))
            .then_with(|| {
                y.customer
                    .latest_revenue()
                    .total_cmp(&x.customer.latest_revenue())
            })
            .then_with(|| x.slug.cmp(y.slug))
    });
    order
}

impl<'a> CustomerRow<'a> {
    /// The dossier's view of one customer. Reads the customer, its
    /// analysis and, of the rest of the site, only what
    /// [`row_inputs_key`] hashes: `serve` reuses a dossier whose customer
    /// and analysis did not change by that key.
    pub fn of(site: &'a Site, analysis: &'a Analysis, l: Listed<'a>) -> Self {
        let Listed {
            slug,
            customer: c,
            a,
        } = l;
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
            complaints: complaint_views(c, a),
            cadence: habit_rows(c, a, &site.config),
            talk_track: crate::analysis::talk_track::plan(
                c,
                site.company.products.as_deref().unwrap_or_default(),
            ),
            continuum: continuum_steps(c),
            portrait: match &a.portrait_match {
                Some(m) => trait_rows(&analysis.customers.portrait, Some(m)),
                None => Vec::new(),
            },
            portrait_best: analysis.customers.portrait.best.len(),
            portrait_note: portrait_note(c, a, analysis),
        }
    }
}

/// A hash of everything [`CustomerRow::of`] reads besides the customer
/// and its analysis: the settings, the company, the competitors and the
/// portrait of the best customers. Keep the two in step.
pub fn row_inputs_key(site: &Site, analysis: &Analysis) -> u64 {
    crate::stablehash::hash(&(
        &site.config,
        &site.company,
        &site.competitors,
        &analysis.customers.portrait,
    ))
}

fn status_rank(s: crate::model::customer::Status) -> u8 {
    use crate::model::customer::Status::*;
    match s {
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
    /// The revenue and profit sparkline (see [`trend`]), shared by the
    /// copies of the row in every list (10,000 customers appear in about
    /// 50,000 list entries).
    pub trend: Sparkline<'a>,
    /// Issue 10: the owner and region pages the row links to.
    pub owner: super::dossier::TerritoryLink<'a>,
    pub region: super::dossier::TerritoryLink<'a>,
}

/// A list row's sparkline, drawn the first time it is shown (or hashed),
/// and then shared by every copy of the row: `serve` reuses most rows and
/// pages of a rebuild and draws only the sparklines of those it renders.
/// Serialises as the SVG text, or `null` with fewer than two periods.
#[derive(Clone)]
pub struct Sparkline<'a>(std::sync::Arc<(&'a Customer, std::sync::OnceLock<Option<String>>)>);

impl<'a> Sparkline<'a> {
    fn of(c: &'a Customer) -> Self {
        Sparkline(std::sync::Arc::new((c, std::sync::OnceLock::new())))
    }

    pub fn svg(&self) -> Option<&str> {
        let (c, drawn) = &*self.0;
        drawn.get_or_init(|| trend(c, 72, 20)).as_deref()
    }
}

impl Serialize for Sparkline<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.svg().serialize(s)
    }
}

/// The rows of lists, in the order of `order`.
pub fn list_rows<'a>(order: &[Listed<'a>]) -> Vec<ListRow<'a>> {
    order
        .par_iter()
        .map(|l| ListRow::of(l.slug, l.customer, l.a))
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
            trend: Sparkline::of(c),
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
    /// How many entries each list holds in all, by list id.
    pub totals: std::collections::BTreeMap<&'static str, usize>,
    /// The lists cut to their first [`DASHBOARD_ROWS`], with their full
    /// length: the dashboard links to the full list.
    pub more: std::collections::BTreeMap<&'static str, usize>,
    /// The first customers of the customer table.
    pub dossiers: Vec<ListRow<'a>>,
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
    /// Issue 13: the portrait of our best customers; empty with fewer
    /// than two of them.
    pub portrait: Vec<TraitRow<'a>>,
    /// How many best customers there are.
    pub best: usize,
    /// The portrait chart, from the output root; `null` without one.
    pub portrait_chart: Option<&'static str>,
    /// The first [`TOP_MATCHES`] prospects by match.
    pub prospect_matches: Vec<ListRow<'a>>,
    /// How many more prospects have a match.
    pub more_matches: usize,
    /// Issue 12 (seed 004): customers by loyalty behaviour category.
    pub loyalty_categories: &'a crate::analysis::loyalty_category::Distribution,
    /// Issue 12 (seed 004): closeness by value tier.
    pub continuum: &'a crate::analysis::continuum::Continuum,
    /// The first [`ARMS_LENGTH`] important customers at arm's length.
    pub arms_length: Vec<ListRow<'a>>,
    /// How many more there are beyond those listed.
    pub arms_length_more: usize,
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
    /// The first [`DASHBOARD_ROWS`] of them.
    pub customers: Vec<ListRow<'a>>,
    /// How many there are.
    pub total: usize,
}

fn by_reason<'a>(rows: &[ListRow<'a>]) -> Vec<ReasonGroup<'a>> {
    let mut groups: std::collections::BTreeMap<String, Vec<ListRow<'a>>> = Default::default();
    for r in rows {
        let code = crate::analysis::portfolio::reason_key(r.customer.reason_code);
        groups.entry(code).or_default().push(r.clone());
    }
    groups
        .into_iter()
        .map(|(code, mut customers)| {
            let total = customers.len();
            customers.truncate(DASHBOARD_ROWS);
            ReasonGroup {
                code,
                customers,
                total,
            }
        })
        .collect()
}

/// Issue 13: how many prospects the dashboard ranks by match.
pub const TOP_MATCHES: usize = 10;

/// How many customers at arm's length the dashboard lists.
pub const ARMS_LENGTH: usize = 10;

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
    /// The dashboard, with each list cut to its first [`DASHBOARD_ROWS`],
    /// and the full lists it links to (the customer table first). `list`
    /// is every customer in the customer table's order.
    pub fn new(
        site: &'a Site,
        analysis: &'a Analysis,
        list: &[ListRow<'a>],
    ) -> (Self, Vec<FullList<'a>>) {
        use crate::model::customer::Status;
        let side = &analysis.customers;
        let index: std::collections::HashMap<&str, &ListRow<'a>> =
            list.iter().map(|r| (r.slug, r)).collect();
        let named = |slugs: &[String]| -> Vec<ListRow<'a>> {
            slugs
                .iter()
                .filter_map(|s| index.get(s.as_str()).map(|r| (*r).clone()))
                .collect()
        };
        let by_status = |status: Status| -> Vec<ListRow<'a>> {
            site.customers
                .iter()
                .filter(|(_, c)| c.status == status)
                .filter_map(|(s, _)| index.get(s.as_str()).map(|r| (*r).clone()))
                .collect()
        };
        let abc = side.abc.class_counts();
        let with_open_complaint: Vec<String> = {
            let mut seen = std::collections::BTreeSet::new();
            side.complaints
                .open
                .iter()
                .filter(|r| seen.insert(r.slug.as_str()))
                .map(|r| r.slug.clone())
                .collect()
        };
        let full = vec![
            FullList::new("all", list.to_vec()),
            FullList::new("watchlist", named(&side.watchlist)),
            FullList::new("overdue", named(&side.followup.overdue)),
            FullList::new("upcoming", named(&side.followup.upcoming)),
            FullList::new("prospects", by_status(Status::Prospect)),
            FullList::new("former", by_status(Status::Former)),
            FullList::new("blacklisted", by_status(Status::Blacklisted)),
            FullList::new("cadence", named(&side.cadence_gaps)),
            FullList::new("complaints", named(&with_open_complaint)),
            FullList::new("thin", named(&side.thin_dossiers)),
            FullList::new("presentations", named(&side.unready_presentations)),
            FullList::new("focus", named(&side.focus.outside)),
        ];
        let mut totals = std::collections::BTreeMap::new();
        let mut more = std::collections::BTreeMap::new();
        for l in &full {
            totals.insert(l.id, l.rows.len());
            if l.rows.len() > DASHBOARD_ROWS {
                more.insert(l.id, l.rows.len());
            }
        }
        let top = |id: &str| -> Vec<ListRow<'a>> {
            full.iter()
                .find(|l| l.id == id)
                .map(|l| l.rows.iter().take(DASHBOARD_ROWS).cloned().collect())
                .unwrap_or_default()
        };
        let complaints_top = |refs: &'a [crate::analysis::complaints::ComplaintRef]| {
            let n = refs.len().min(DASHBOARD_ROWS);
            complaint_rows(site, &refs[..n])
        };
        if side.complaints.open.len() > DASHBOARD_ROWS {
            more.insert("open_complaints", side.complaints.open.len());
        }
        if side.complaints.escalations.len() > DASHBOARD_ROWS {
            more.insert("escalations", side.complaints.escalations.len());
        }
        totals.insert("open_complaints", side.complaints.open.len());
        totals.insert("escalations", side.complaints.escalations.len());
        let dashboard = Dashboard {
            watchlist: top("watchlist"),
            overdue: top("overdue"),
            upcoming: top("upcoming"),
            prospects: top("prospects"),
            former: top("former"),
            blacklisted: top("blacklisted"),
            dossiers: top("all"),
            former_reasons: by_reason(&full[5].rows),
            blacklisted_reasons: by_reason(&full[6].rows),
            totals,
            more,
            abc,
            current: side.current,
            small_portfolio: side.current < SMALL_PORTFOLIO,
            open_complaints: complaints_top(&side.complaints.open),
            escalations: complaints_top(&side.complaints.escalations),
            complaint_steps: side
                .complaints
                .by_step
                .iter()
                .filter(|s| s.complaints > 0)
                .collect(),
            complaints: &side.complaints,
            cadence_gaps: top("cadence"),
            thin_dossiers: top("thin")
                .into_iter()
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
            unready_presentations: top("presentations"),
            outside_focus: top("focus"),
            focus: &side.focus,
            portrait: trait_rows(&side.portrait, None),
            best: side.portrait.best.len(),
            portrait_chart: side
                .portrait
                .drawn()
                .then_some(crate::chart::site::PORTRAIT_CHART),
            prospect_matches: named(
                &side.prospect_ranking[..side.prospect_ranking.len().min(TOP_MATCHES)],
            ),
            more_matches: side.prospect_ranking.len().saturating_sub(TOP_MATCHES),
            loyalty_categories: &side.loyalty_categories,
            continuum: &side.continuum,
            arms_length: named(
                &side.continuum.arms_length[..side.continuum.arms_length.len().min(ARMS_LENGTH)],
            ),
            arms_length_more: side.continuum.arms_length.len().saturating_sub(ARMS_LENGTH),
            owners: territory_entries(&side.owners),
            regions: territory_entries(&side.regions),
        };
        (dashboard, full)
    }
}

/// How many entries each list of the dashboard shows; the full lists are
/// pages of their own (`lists/<id>/index.html`).
pub const DASHBOARD_ROWS: usize = 10;

/// Where the value scorecard charts go (shared by customers with the same
/// scores); written only for the Markdown copies, the HTML dossiers carry
/// them inline.
pub const VALUE_CHARTS: &str = "charts/value/";

/// One full list of customers: the customer table, or a list the dashboard
/// shows the top of.
pub struct FullList<'a> {
    /// `all` (the customer table, `customers/`), or the list's folder
    /// under `lists/`; its title is `labels.lists.<id>`.
    pub id: &'static str,
    pub rows: Vec<ListRow<'a>>,
}

impl<'a> FullList<'a> {
    fn new(id: &'static str, rows: Vec<ListRow<'a>>) -> Self {
        FullList { id, rows }
    }
}

/// Where a page of a paginated table is, and the links to the others.
#[derive(Serialize)]
pub struct Pager {
    /// The page's file in its folder: `index.html`, `index-2.html`, …
    pub file: String,
    /// 1-based.
    pub page: usize,
    pub pages: usize,
    /// Rows in all pages.
    pub total: usize,
    /// The 1-based numbers of the first and last row on this page.
    pub first: usize,
    pub last: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Links to pages: the first, the last, and those near this one; a
    /// `null` number marks a gap.
    pub links: Vec<PageNumber>,
}

#[derive(Serialize)]
pub struct PageNumber {
    pub number: Option<usize>,
    pub href: String,
    pub current: bool,
}

/// The file of page `n` (1-based) of a paginated table named `base`:
/// `index.html`, `index-2.html`, … for `index`.
pub fn page_file(base: &str, n: usize) -> String {
    if n <= 1 {
        format!("{base}.html")
    } else {
        format!("{base}-{n}.html")
    }
}

/// Splits `rows` into pages of `per_page` (at least one page, empty when
/// there are no rows).
pub fn paginate_rows<'r, T>(rows: &'r [T], per_page: usize, base: &str) -> Vec<(Pager, &'r [T])> {
    let per_page = per_page.max(1);
    let pages = rows.len().div_ceil(per_page).max(1);
    (1..=pages)
        .map(|page| {
            let start = (page - 1) * per_page;
            let end = (start + per_page).min(rows.len());
            let near = |n: usize| n == 1 || n == pages || n.abs_diff(page) <= 3;
            let mut links = Vec::new();
            for n in 1..=pages {
                if near(n) {
                    links.push(PageNumber {
                        number: Some(n),
                        href: page_file(base, n),
                        current: n == page,
                    });
                } else if links
                    .last()
                    .is_some_and(|l: &PageNumber| l.number.is_some())
                {
                    links.push(PageNumber {
                        number: None,
                        href: String::new(),
                        current: false,
                    });
                }
            }
            let pager = Pager {
                file: page_file(base, page),
                page,
                pages,
                total: rows.len(),
                first: if rows.is_empty() { 0 } else { start + 1 },
                last: end,
                prev: (page > 1).then(|| page_file(base, page - 1)),
                next: (page < pages).then(|| page_file(base, page + 1)),
                links,
            };
            (pager, &rows[start..end])
        })
        .collect()
}

/// One page of a full list, as `customers.html` renders it: its rows are
/// rendered once per customer by `customer_row.html` and shared by every
/// table that lists the customer.
#[derive(Serialize)]
pub struct ListPage<'a> {
    pub id: &'static str,
    pub pager: Pager,
    pub rows: Vec<&'a str>,
}

/// The pages of a full list; `html` has each customer's table row. The
/// customer table's pages are `customers/index.html`, `index-2.html`, …;
/// a list's are `lists/<id>.html`, `lists/<id>-2.html`, …
pub fn paginate<'a>(
    list: &FullList<'a>,
    per_page: usize,
    html: &'a std::collections::HashMap<&str, std::sync::Arc<str>>,
) -> Vec<ListPage<'a>> {
    let base = if list.id == "all" { "index" } else { list.id };
    paginate_rows(&list.rows, per_page, base)
        .into_iter()
        .map(|(pager, rows)| ListPage {
            id: list.id,
            pager,
            rows: rows
                .iter()
                .filter_map(|r| html.get(r.slug).map(|h| &**h))
                .collect(),
        })
        .collect()
}

/// The competitors' index page.
#[derive(Serialize)]
pub struct Competitors<'a> {
    pub competitors: &'a [(String, Competitor)],
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
