//! Which charts a site gets, and where they go: the one place that turns
//! the analysis into chart data. Texts come translated from the theme's
//! labels; chart modules only draw.

use super::{bars, heatmap, matrix, pareto, pyramid, quadrant, radar, seven_s, target};
use crate::analysis::Analysis;
use crate::model::Site;
use rayon::prelude::*;
use serde_json::Value;

/// Looks up a dotted key (`labels.strengths`) in the theme's labels;
/// the key itself when missing, so a gap shows rather than breaks.
fn text(labels: &Value, key: &str) -> String {
    key.split('.')
        .try_fold(labels, |v, k| v.get(k))
        .and_then(Value::as_str)
        .unwrap_or(key)
        .to_string()
}

/// Where the value scorecard chart of these four scores goes: named by
/// the scores, so customers that share them share the file.
pub fn value_chart_path(v: &crate::model::customer::ValueInput) -> String {
    let n = crate::util::trim_num;
    format!(
        "charts/value/{}-{}-{}-{}.svg",
        n(v.financial.0),
        n(v.sales.0),
        n(v.customer.0),
        n(v.service.0)
    )
}

/// Issue 12: where the flow chart of a complaint in this state goes:
/// named by which steps are answered and whether it was escalated, so
/// complaints in the same state share the file.
pub fn complaint_chart_path(c: &crate::model::customer::Complaint) -> String {
    use crate::analysis::complaints::{Step, answer};
    let answered: String = Step::STEPS
        .into_iter()
        .map(|s| if answer(c, s).is_some() { '1' } else { '0' })
        .collect();
    let escalated = if escalated(c) { "e" } else { "n" };
    format!("charts/complaint/{answered}{escalated}.svg")
}

fn escalated(c: &crate::model::customer::Complaint) -> bool {
    c.escalated_to
        .as_ref()
        .is_some_and(|s| !s.trim().is_empty())
}

/// Issue 12: the flow charts of every complaint state found in the site.
fn complaint_charts(site: &Site, labels: &Value) -> Vec<(String, String)> {
    use crate::analysis::complaints::{Step, answer, reached};
    let title = text(labels, "labels.complaint_flow");
    let escalate = text(labels, "labels.complaint_escalate");
    let step_labels: Vec<String> = Step::STEPS
        .iter()
        .map(|s| {
            text(
                labels,
                &format!("playbook.complaint_step.{}.short", s.key()),
            )
        })
        .collect();
    let agreed = Step::STEPS
        .iter()
        .position(|&s| s == Step::Agreed)
        .unwrap_or(0);
    let distinct: std::collections::BTreeMap<String, &crate::model::customer::Complaint> = site
        .customers
        .iter()
        .flat_map(|(_, c)| c.complaints.iter())
        .map(|k| (complaint_chart_path(k), k))
        .collect();
    distinct
        .into_iter()
        .map(|(path, k)| {
            let steps: Vec<(&str, bool)> = Step::STEPS
                .iter()
                .zip(&step_labels)
                .map(|(&s, l)| (l.as_str(), answer(k, s).is_some()))
                .collect();
            let at = Step::STEPS.iter().position(|&s| s == reached(k));
            let svg = super::complaint::flow(&title, &steps, at, &escalate, agreed, escalated(k));
            (path, svg)
        })
        .collect()
}

/// Every chart of the site, as (output path, SVG), in a stable order.
pub fn site_charts(site: &Site, analysis: &Analysis, labels: &Value) -> Vec<(String, String)> {
    let mut charts = company_charts(site, analysis, labels);
    charts.extend(portfolio_charts(site, analysis, labels));
    charts.extend(territory_charts(site, analysis, labels));
    charts.extend(portrait_chart(analysis, labels));
    let aspect = |k: &str| text(labels, &format!("labels.value_{k}"));
    let aspects = [
        aspect("financial"),
        aspect("sales"),
        aspect("customer"),
        aspect("service"),
    ];
    let title = text(labels, "labels.value_scorecard");
    // Customers with the same four scores share one chart file.
    let distinct: std::collections::BTreeMap<String, [f64; 4]> = site
        .customers
        .iter()
        .filter_map(|(_, c)| c.value.as_ref())
        .map(|v| {
            (
                value_chart_path(v),
                [v.financial.0, v.sales.0, v.customer.0, v.service.0],
            )
        })
        .collect();
    let per_customer: Vec<(String, String)> = distinct
        .into_par_iter()
        .map(|(path, v)| {
            let data: Vec<(&str, f64)> = aspects.iter().map(String::as_str).zip(v).collect();
            (path, bars::horizontal(&title, &data, Some(10.0)))
        })
        .collect();
    charts.extend(per_customer);
    charts.extend(complaint_charts(site, labels));
    charts
}

/// The dashboard's customer charts and the four trust pyramids (one per
/// level reached, shared by every dossier).
fn portfolio_charts(site: &Site, analysis: &Analysis, labels: &Value) -> Vec<(String, String)> {
    let t = |k: &str| text(labels, k);
    let habits = crate::util::Habits::of(labels);
    let side = &analysis.customers;
    let tier_title = |name: &str| {
        let k = format!("playbook.tier.{name}.title");
        let s = t(&k);
        if s == k { name.to_string() } else { s }
    };
    let tiers: Vec<(String, u32, f64)> = side
        .pyramid
        .iter()
        .map(|r| (tier_title(&r.tier), r.customers, r.revenue_share))
        .collect();
    // Tiers count current customers (format 2); prospects are apart.
    let columns = [
        t("playbook.status.current.title"),
        t("labels.revenue_share"),
    ];
    let mut out = vec![(
        "charts/pyramid.svg".to_string(),
        pyramid::value_pyramid(
            &t("labels.value_pyramid"),
            [&columns[0], &columns[1]],
            &tiers,
        ),
    )];
    let measures = [
        ("charts/pareto.svg", &side.pareto.profit, "labels.profit"),
        (
            "charts/pareto-revenue.svg",
            &side.pareto.revenue,
            "labels.revenue",
        ),
    ];
    for (path, rows, measure) in measures {
        let bars: Vec<(String, f64)> = rows
            .iter()
            .map(|d| (d.decile.to_string(), d.value))
            .collect();
        let cumulative: Vec<f64> = rows.iter().map(|d| d.cum_share).collect();
        out.push((
            path.into(),
            pareto::pareto(
                &format!("{} · {}", t("labels.deciles_title"), t(measure)),
                &bars,
                &cumulative,
                (&t(measure), &t("labels.cumulative")),
                &|v| habits.money(v),
                &t("labels.pareto_losses"),
            ),
        ));
    }
    // The dashboard's matrix shows current customers only (format 2).
    let points: Vec<(&str, f64, f64)> = site
        .customers
        .iter()
        .filter(|(_, c)| c.status == crate::model::customer::Status::Current)
        .filter_map(|(_, c)| Some((c.name.as_str(), c.satisfaction?.0, c.loyalty?.0)))
        .collect();
    let regions = [
        "apostle",
        "loyalist",
        "hostage",
        "mercenary",
        "defector",
        "terrorist",
    ]
    .map(|k| t(&format!("playbook.loyalty.{k}.title")));
    let l = &site.config.loyalty;
    out.push((
        "charts/loyalty.svg".into(),
        matrix::loyalty_matrix(
            &t("labels.loyalty_matrix"),
            &t("labels.satisfaction"),
            &t("labels.loyalty"),
            &points,
            [l.threshold.0, l.apostle.0, l.satisfied.0, l.terrorist.0],
            [
                &regions[0],
                &regions[1],
                &regions[2],
                &regions[3],
                &regions[4],
                &regions[5],
            ],
        ),
    ));
    let levels =
        ["security", "value", "dependence"].map(|k| t(&format!("playbook.trust.{k}.title")));
    let marker = format!("← {}", t("labels.reached"));
    for (i, name) in ["none", "security", "value", "dependence"]
        .iter()
        .enumerate()
    {
        let reached = i.checked_sub(1);
        out.push((
            format!("charts/trust-{name}.svg"),
            pyramid::trust_pyramid(&t("labels.trust_pyramid"), &levels, reached, &marker),
        ));
    }
    out
}

/// Issue 13: where the portrait of our best customers goes.
pub const PORTRAIT_CHART: &str = "charts/portrait.svg";

/// Issue 13: a portrait value as a reader sees it: the playbook's name
/// for a market, size band or source, free text as written.
fn trait_text(
    labels: &Value,
    attribute: crate::analysis::portrait::Attribute,
    value: &str,
) -> String {
    match attribute.playbook() {
        Some(section) => text(labels, &format!("playbook.{section}.{value}")),
        None => value.to_string(),
    }
}

/// Issue 13: the portrait of our best customers, when there are enough
/// of them to draw one.
fn portrait_chart(analysis: &Analysis, labels: &Value) -> Option<(String, String)> {
    let p = &analysis.customers.portrait;
    if !p.drawn() {
        return None;
    }
    let t = |k: &str| text(labels, k);
    let rows: Vec<super::portrait::Row> = p
        .traits
        .iter()
        .map(|x| {
            let name = t(&format!(
                "playbook.portrait_attribute.{}",
                x.attribute.key()
            ));
            match &x.value {
                Some(v) => super::portrait::Row {
                    label: format!("{name}: {}", trait_text(labels, x.attribute, v)),
                    share: x.share,
                    value: format!(
                        "{} / {} · {}",
                        x.customers,
                        p.best.len(),
                        super::style::percent(x.share)
                    ),
                },
                None => super::portrait::Row {
                    label: format!("{name}: {}", t("labels.portrait_no_common")),
                    share: 0.0,
                    value: String::new(),
                },
            }
        })
        .collect();
    Some((
        PORTRAIT_CHART.to_string(),
        super::portrait::portrait(&t("labels.portrait_title"), &rows),
    ))
}

/// At most this many customers in a territory's chart (the largest by
/// revenue); its page lists them all.
pub const TERRITORY_CHART_ROWS: usize = 20;

/// Where the revenue-against-target chart of an owner or region goes;
/// `kind` is `owners` or `regions`.
pub fn territory_chart_path(kind: &str, slug: &str) -> String {
    format!("charts/{kind}/{slug}.svg")
}

/// Revenue against target for each owner and each region: its current
/// customers, the largest revenue first (ties by slug).
fn territory_charts(site: &Site, analysis: &Analysis, labels: &Value) -> Vec<(String, String)> {
    let t = |k: &str| text(labels, k);
    let side = &analysis.customers;
    let (title, no_target) = (t("labels.revenue_vs_target"), t("labels.no_target"));
    let legend = [t("labels.latest_revenue"), t("labels.target")];
    let money = crate::util::format_money;
    let mut current: Vec<(&str, &crate::analysis::customers::CustomerAnalysis, &str)> = site
        .customers
        .iter()
        .filter(|(_, c)| c.status == crate::model::customer::Status::Current)
        .map(|(slug, c)| (slug.as_str(), &side.customers[slug], c.name.as_str()))
        .collect();
    crate::analysis::rank::rank_by(&mut current, |c| c.1.revenue, |c| c.0);
    let row = |(_, a, name): &(&str, &crate::analysis::customers::CustomerAnalysis, &str)| {
        let attained = a
            .attainment
            .map(|x| format!(" · {}", super::style::percent(x)))
            .unwrap_or_default();
        target::Row {
            label: name.to_string(),
            revenue: a.revenue,
            target: a.target,
            revenue_text: format!("{}{attained}", money(a.revenue)),
            target_text: a.target.map_or_else(|| no_target.clone(), money),
        }
    };
    let mut out = Vec::new();
    for (kind, territories) in [("owners", &side.owners), ("regions", &side.regions)] {
        for territory in territories {
            let rows: Vec<target::Row> = current
                .iter()
                .filter(|c| c.1.territory_slug(kind) == territory.slug)
                .take(TERRITORY_CHART_ROWS)
                .map(row)
                .collect();
            out.push((
                territory_chart_path(kind, &territory.slug),
                target::revenue_vs_target(
                    &format!("{title} · {}", territory.name),
                    &rows,
                    [&legend[0], &legend[1]],
                    money,
                ),
            ));
        }
    }
    out
}

fn company_charts(site: &Site, analysis: &Analysis, labels: &Value) -> Vec<(String, String)> {
    let t = |k: &str| text(labels, k);
    let mut out = Vec::new();
    // A SWOT not analysed yet has no place on the chart: it is named
    // under it instead.
    let (analysed, not_analysed): (Vec<_>, Vec<_>) = analysis
        .comparison
        .iter()
        .partition(|r| r.swot.posture.is_some());
    let note = if not_analysed.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = not_analysed.iter().map(|r| r.name.as_str()).collect();
        format!("{}: {}", t("labels.not_analysed"), names.join(", "))
    };
    let points: Vec<quadrant::Point> = analysed
        .iter()
        .map(|r| quadrant::Point {
            label: r.name.clone(),
            x: r.swot.internal,
            y: r.swot.external,
            highlight: r.key == "self",
        })
        .collect();
    let (internal, external) = (t("labels.internal"), t("labels.external"));
    out.push((
        "charts/comparison.svg".to_string(),
        quadrant::swot(
            &t("labels.competitor_comparison"),
            &internal,
            &external,
            &points,
            &note,
        ),
    ));
    let company = &analysis.company;
    if let Some(s) = &company.swot {
        let data = [
            (t("labels.strengths"), s.strengths),
            (t("labels.weaknesses"), s.weaknesses),
            (t("labels.opportunities"), s.opportunities),
            (t("labels.threats"), s.threats),
        ];
        out.push((
            "charts/swot.svg".into(),
            bars::vertical(&t("labels.company_swot"), &data, None),
        ));
    }
    if let Some(elements) = &company.seven_s_elements {
        let data: Vec<(String, bool)> = elements
            .iter()
            .map(|e| {
                (
                    t(&format!("playbook.seven_s.{}.title", e.key)),
                    e.assessment == crate::model::company::Assessment::Strength,
                )
            })
            .collect();
        let centre = t("playbook.seven_s.shared_values.title");
        out.push((
            "charts/seven-s.svg".into(),
            seven_s::diagram(&t("labels.seven_s"), &centre, &data),
        ));
    }
    if let Some(p) = &company.pestle {
        let data: Vec<(String, f64)> = p
            .nets()
            .iter()
            .map(|(k, v)| (t(&format!("playbook.pestle.{k}.title")), *v))
            .collect();
        out.push((
            "charts/pestle.svg".into(),
            bars::diverging(&t("labels.pestle"), &data),
        ));
    }
    if let Some(f) = &company.five_forces {
        let data: Vec<(String, f64)> = f
            .levels()
            .iter()
            .map(|(k, v)| (t(&format!("playbook.five_forces.{k}.title")), *v))
            .collect();
        out.push((
            "charts/five-forces.svg".into(),
            radar::radar(&t("labels.five_forces"), &data, 5.0),
        ));
    }
    if let Some(obl) = &company.obl {
        out.extend(obl_charts(site, obl, &t));
    }
    out
}

fn obl_charts(
    site: &Site,
    obl: &crate::analysis::obl::Obl,
    t: &dyn Fn(&str) -> String,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if !obl.departments.is_empty() {
        let rows: Vec<&str> = obl.departments.iter().map(|d| d.name.as_str()).collect();
        let cols = [
            t("playbook.obl.E"),
            t("playbook.obl.S"),
            t("playbook.obl.N"),
        ];
        let cells: Vec<Vec<f64>> = obl
            .departments
            .iter()
            .map(|d| vec![f64::from(d.e), f64::from(d.s), f64::from(d.n)])
            .collect();
        out.push((
            "charts/obl-departments.svg".into(),
            heatmap::numbers(&t("labels.obl_departments"), &rows, &cols, &cells, None),
        ));
    }
    let industry = site.company.obl.as_ref().and_then(|o| o.industry.as_ref());
    if let Some(ind) = industry.filter(|i| !i.ratings.is_empty()) {
        let name_of = |key: &str| {
            if key == "self" {
                site.company.name.clone()
            } else {
                site.competitors
                    .iter()
                    .find(|(s, _)| s == key)
                    .map_or_else(|| key.to_string(), |(_, c)| c.name.clone())
            }
        };
        let rows: Vec<String> = ind.ratings.keys().map(|k| name_of(k)).collect();
        let cells: Vec<Vec<heatmap::Cell>> = ind
            .ratings
            .values()
            .map(|row| {
                row.iter()
                    .map(|r| heatmap::Cell {
                        value: f64::from(r.points()),
                        text: format!("{r:?}"),
                    })
                    .collect()
            })
            .collect();
        out.push((
            "charts/obl-industry.svg".into(),
            heatmap::grid(
                &t("labels.obl_industry"),
                &rows,
                &ind.criteria,
                &cells,
                Some(2.0),
            ),
        ));
    }
    out
}
