//! Cross-file validation: the rules serde cannot express (duplicates,
//! references, orderings) and the warnings of the format. Turns a
//! [`RawSite`] into a [`Site`] whose invariants analysis relies on.
//!
//! Positions of these problems are found by re-reading only the offending
//! file (see `load::locate`), so valid sites pay nothing for them.

use crate::load::locate::{Seg, locate};
use crate::load::{
    COMPANY_FILE, COMPETITORS_DIR, CONFIG_FILE, CUSTOMERS_DIR, Diagnostic, RawSite, Source,
};
use crate::model::Site;
use crate::model::customer::{Role, Status};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Collects problems, locating each in its file.
struct Checker<'a> {
    src: &'a dyn Source,
    diags: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn text(&self, path: &str) -> String {
        self.src
            .read(path)
            .and_then(Result::ok)
            .map(|b| {
                let b = b.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&b);
                String::from_utf8_lossy(b).into_owned()
            })
            .unwrap_or_default()
    }

    fn locate(&self, path: &str, text: &str, at: &[Seg]) -> (usize, usize) {
        match self.src.memo() {
            Some(memo) => memo.locate(path, text, at),
            None => locate(text, at),
        }
    }

    /// The problem at `at`, or about the whole file when `at` is not
    /// written in it (a missing key is not on line 1, nor on a comment).
    fn diagnostic(
        &self,
        path: &str,
        at: &[Seg],
        message: String,
        help: &str,
        warn: bool,
    ) -> Diagnostic {
        let text = self.text(path);
        let (line, col) = self.locate(path, &text, at);
        let d = match (is_written_at(&text, line, col, at), warn) {
            (true, false) => Diagnostic::error(path, &text, line, col, message),
            (true, true) => Diagnostic::warning(path, &text, line, col, message),
            (false, false) => Diagnostic::file_error(path, message),
            (false, true) => Diagnostic::file_error(path, message).into_warning(),
        };
        if help.is_empty() {
            d
        } else {
            d.with_help(help)
        }
    }

    fn error(&mut self, path: &str, at: &[Seg], message: String) {
        self.error_help(path, at, message, "");
    }

    fn error_help(&mut self, path: &str, at: &[Seg], message: String, help: &str) {
        let d = self.diagnostic(path, at, message, help, false);
        self.diags.push(d);
    }

    fn warning(&mut self, path: &str, at: &[Seg], message: String, help: &str) {
        let d = self.diagnostic(path, at, message, help, true);
        self.diags.push(d);
    }
}

/// True when the key (or list item) `at` names is at `line`:`col`.
fn is_written_at(text: &str, line: usize, col: usize, at: &[Seg]) -> bool {
    let Some(source) = text.lines().nth(line.saturating_sub(1)) else {
        return false;
    };
    let here: String = source.chars().skip(col.saturating_sub(1)).collect();
    match at.last() {
        Some(Seg::Key(k)) => {
            here.starts_with(k) || here.trim_start_matches(['"', '\'']).starts_with(k)
        }
        Some(Seg::Index(_)) => !here.trim().is_empty() && !here.trim_start().starts_with('#'),
        None => false,
    }
}

fn customer_path(slug: &str) -> String {
    format!("{CUSTOMERS_DIR}/{slug}.yaml")
}

/// The YAML files directly in `dir`, by slug, as they are named
/// (`acme.yml`, `acme.YAML`): diagnostics name the file that was read, so
/// that its lines can be shown. The first in sorted order, like the loader.
fn content_files(src: &dyn Source, dir: &str) -> HashMap<String, String> {
    let mut files = HashMap::new();
    for rel in src.list(dir) {
        if rel.contains('/') {
            continue;
        }
        let Some((stem, ext)) = rel.rsplit_once('.') else {
            continue;
        };
        if ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml") {
            files
                .entry(stem.to_string())
                .or_insert_with(|| format!("{dir}/{rel}"));
        }
    }
    files
}

/// The file of `slug` in `files`, or `default` (the `.yaml` name) when
/// there is none.
fn file_of(files: &HashMap<String, String>, slug: &str, default: fn(&str) -> String) -> String {
    files.get(slug).cloned().unwrap_or_else(|| default(slug))
}

fn competitor_path(slug: &str) -> String {
    format!("{COMPETITORS_DIR}/{slug}.yaml")
}

/// Checks `raw`; returns the site when there is no error, and every
/// diagnostic (errors and warnings) in any case.
pub fn check(
    raw: RawSite,
    src: &dyn Source,
    languages: &[String],
) -> (Option<Site>, Vec<Diagnostic>) {
    let mut c = Checker {
        src,
        diags: Vec::new(),
    };
    let mut config = raw.config;
    config.as_of = Some(config.as_of());
    check_config(&mut c, &config, languages);
    let customer_files = content_files(src, CUSTOMERS_DIR);
    let competitor_files = content_files(src, COMPETITORS_DIR);
    check_unique_names(
        &mut c,
        raw.customers.iter().map(|(s, x)| (s, &x.name)),
        &|slug| file_of(&customer_files, slug, customer_path),
    );
    check_unique_names(
        &mut c,
        raw.competitors.iter().map(|(s, x)| (s, &x.name)),
        &|slug| file_of(&competitor_files, slug, competitor_path),
    );
    // Every competitor file counts, even one with errors of its own, so a
    // broken competitor file does not also break the customers naming it.
    // `acme.YAML` is content, as it is for the loader.
    let competitor_slugs: HashSet<&str> = competitor_files.keys().map(String::as_str).collect();
    let names: Vec<(String, String)> = raw
        .competitors
        .iter()
        .map(|(slug, x)| (slug.clone(), x.name.clone()))
        .collect();
    // Each customer file is checked on its own, so on every core; their
    // problems are gathered in the files' order.
    let src = c.src;
    // `serve` keeps each file's problems while the file and what else
    // the check reads stay the same.
    let context = src.memo().map(|_| {
        let mut slugs: Vec<&&str> = competitor_slugs.iter().collect();
        slugs.sort();
        crate::stablehash::hash(&(slugs, &names, &config))
    });
    let found: Vec<Vec<Diagnostic>> = raw
        .customers
        .par_iter()
        .map(|(slug, customer)| {
            let path = file_of(&customer_files, slug, customer_path);
            let check = || {
                let mut one = Checker {
                    src,
                    diags: Vec::new(),
                };
                check_customer(
                    &mut one,
                    &path,
                    customer,
                    &competitor_slugs,
                    &names,
                    &config,
                );
                one.diags
            };
            match (src.memo(), context) {
                (Some(memo), Some(key)) => memo.checked(&path, customer, key, check),
                _ => check(),
            }
        })
        .collect();
    c.diags.extend(found.into_iter().flatten());
    if let Some(company) = &raw.company {
        check_obl(&mut c, company, &competitor_slugs, &names);
        // Issue 13: the presentation plans name the company's products.
        let products = company.products.as_deref().unwrap_or_default();
        for (slug, customer) in &raw.customers {
            check_presentation(&mut c, &customer_path(slug), customer, products);
        }
    }
    let site = match raw.company {
        Some(company) if !c.diags.iter().any(Diagnostic::is_error) => Some(Site {
            config,
            company,
            customers: raw.customers,
            competitors: raw.competitors,
            pages: raw.pages,
        }),
        _ => None,
    };
    (site, c.diags)
}

fn check_config(c: &mut Checker, config: &crate::config::Config, languages: &[String]) {
    check_cadence(c, config);
    if config.paginate_by == 0 {
        c.error_help(
            CONFIG_FILE,
            &[Seg::Key("paginate_by")],
            "`paginate_by` is 0: a page must hold at least one row".into(),
            "write the number of rows per page, for example `paginate_by: 200`",
        );
    }
    check_size_bands(c, config);
    if !languages.is_empty() && !languages.contains(&config.language) {
        let given = config.language.trim();
        let near = languages
            .iter()
            .find(|l| l.eq_ignore_ascii_case(given))
            .or_else(|| {
                languages.iter().find(|l| {
                    let (base, _) = l.split_once('-').unwrap_or((l, ""));
                    base.eq_ignore_ascii_case(given.split(['-', '_']).next().unwrap_or(""))
                })
            });
        let help = match near {
            Some(l) => format!("did you mean `{l}`? write `language: {l}`"),
            None => format!("write one of {}", ticked_list(languages)),
        };
        c.error_help(
            CONFIG_FILE,
            &[Seg::Key("language")],
            format!(
                "unknown language `{}`: the theme has labels for {}",
                config.language,
                languages.join(", ")
            ),
            &help,
        );
    }
    let tiers = &config.value_model.tiers;
    if tiers.is_empty() {
        c.error_help(
            CONFIG_FILE,
            &[Seg::Key("value_model"), Seg::Key("tiers")],
            "at least one tier is needed".into(),
            "list the tiers from top to bottom, the last with `min_score: 0`",
        );
    }
    for (i, pair) in tiers.windows(2).enumerate() {
        if pair[1].min_score >= pair[0].min_score {
            c.error_help(
                CONFIG_FILE,
                &[Seg::Key("value_model"), Seg::Key("tiers"), Seg::Index(i + 1)],
                format!(
                    "tier `{}` has min_score {} but the tier above it (`{}`) has {}: min_scores must be strictly decreasing, top to bottom",
                    pair[1].name, pair[1].min_score, pair[0].name, pair[0].min_score
                ),
                "list the tiers from the highest `min_score` to the lowest",
            );
        }
    }
    if let Some(last) = tiers.last().filter(|t| t.min_score > 0.0) {
        c.error_help(
            CONFIG_FILE,
            &[Seg::Key("value_model"), Seg::Key("tiers"), Seg::Index(tiers.len() - 1)],
            format!(
                "the last tier `{}` has min_score {}: it must be 0 so that every score falls in a tier",
                last.name, last.min_score
            ),
            &format!("write `min_score: 0` for `{}`", last.name),
        );
    }
    let abc = &config.abc;
    if !(abc.a.0 > 0.0 && abc.a.0 <= abc.b.0 && abc.b.0 <= 1.0) {
        c.error_help(
            CONFIG_FILE,
            &[Seg::Key("abc")],
            format!(
                "abc thresholds a = {} and b = {} must satisfy 0 < a <= b <= 1",
                abc.a.0, abc.b.0
            ),
            "the defaults are `a: 0.8` and `b: 0.95`",
        );
    }
    check_loyalty(c, &config.loyalty);
    let decline = config.relationship.decline.0;
    if !(decline > 0.0 && decline < 1.0) {
        c.error_help(
            CONFIG_FILE,
            &[Seg::Key("relationship"), Seg::Key("decline")],
            format!(
                "relationship.decline = {decline} must satisfy 0 < decline < 1: it is the share of last period's profit whose loss makes a customer \"losing value\""
            ),
            "the default is `decline: 0.10`, a fall of 10%",
        );
    }
    let sum = config.value_model.weights.sum();
    if (sum - 1.0).abs() > 1e-9 {
        c.warning(
            CONFIG_FILE,
            &[Seg::Key("value_model"), Seg::Key("weights")],
            format!("value_model.weights sum to {sum}, not 1: they are normalised"),
            "make the four weights add up to 1, such as 0.3, 0.3, 0.2 and 0.2",
        );
    }
}

/// The satisfaction cut-offs of the loyalty matrix must be in order (each
/// is range-checked, 1-5, when it is read).
fn check_loyalty(c: &mut Checker, l: &crate::config::LoyaltyConfig) {
    let (terrorist, satisfied, apostle) = (l.terrorist.0, l.satisfied.0, l.apostle.0);
    let at = |key| [Seg::Key("loyalty"), Seg::Key(key)];
    let help = "the defaults are `terrorist: 2`, `satisfied: 3.5` and `apostle: 4.5`";
    if terrorist > satisfied {
        c.error_help(
            CONFIG_FILE,
            &at("terrorist"),
            format!(
                "loyalty.terrorist = {terrorist} is above loyalty.satisfied = {satisfied}: the cut-offs must satisfy terrorist <= satisfied <= apostle"
            ),
            help,
        );
    }
    if satisfied > apostle {
        c.error_help(
            CONFIG_FILE,
            &at("satisfied"),
            format!(
                "loyalty.satisfied = {satisfied} is above loyalty.apostle = {apostle}: the cut-offs must satisfy terrorist <= satisfied <= apostle"
            ),
            help,
        );
    }
}

/// Names are unique after trimming and case-folding; the later slug is
/// reported, naming the file that has it first.
fn check_unique_names<'a>(
    c: &mut Checker,
    items: impl Iterator<Item = (&'a String, &'a String)>,
    path_of: &dyn Fn(&str) -> String,
) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (slug, name) in items {
        let key = name.trim().to_lowercase();
        if let Some(first) = seen.get(&key) {
            let msg = format!(
                "duplicate name `{}`: {} has the same name",
                name.trim(),
                path_of(first)
            );
            c.error_help(
                &path_of(slug),
                &[Seg::Key("name")],
                msg,
                "give each file its own name, or remove one of the two files",
            );
        } else {
            seen.insert(key, slug);
        }
    }
}

fn check_customer(
    c: &mut Checker,
    path: &str,
    x: &crate::model::Customer,
    competitors: &HashSet<&str>,
    names: &[(String, String)],
    config: &crate::config::Config,
) {
    let path = path.to_string();
    if let Some(deal) = &x.deal {
        for (i, comp) in deal.competitors.iter().enumerate() {
            if !competitors.contains(comp.as_str()) {
                let msg = if crate::model::scalars::is_slug(comp) {
                    format!(
                        "unknown competitor `{comp}`: there is no {}",
                        competitor_path(comp)
                    )
                } else {
                    format!(
                        "unknown competitor `{comp}`: competitors are named by their slug, the name of their file"
                    )
                };
                c.error_help(
                    &path,
                    &[Seg::Key("deal"), Seg::Key("competitors"), Seg::Index(i)],
                    msg,
                    &competitor_help(comp, competitors, names),
                );
            }
        }
    }
    let mut periods = HashSet::new();
    for (i, m) in x.metrics.iter().enumerate() {
        if !periods.insert(&m.period) {
            let msg = format!("period `{}` appears twice in metrics", m.period);
            c.error_help(
                &path,
                &[Seg::Key("metrics"), Seg::Index(i), Seg::Key("period")],
                msg,
                "merge the two entries, or correct the period of one of them",
            );
        }
    }
    check_targets(c, &path, x);
    check_complaints(c, &path, x);
    check_loyalty_category(c, &path, x, config);
    check_completeness_fields(c, &path, x, config.as_of());
    let active = matches!(x.status, Status::Current | Status::Prospect);
    if x.status == Status::Current && x.metrics.is_empty() {
        c.warning(
            &path,
            &[Seg::Key("status")],
            "current customer with no `metrics`: counted with revenue 0 and profit 0".into(),
            "add `metrics:` with the revenue and profit of at least one period",
        );
    }
    if active && !x.contacts.iter().any(|k| k.role == Role::DecisionMaker) {
        c.warning(
            &path,
            &[Seg::Key("contacts")],
            format!(
                "{} customer with no `decision_maker` contact",
                x.status.as_str()
            ),
            "add the person who decides to `contacts:`, with `role: decision_maker`",
        );
    }
    let as_of = config.as_of();
    if x.status == Status::Current
        && crate::model::customer::is_overdue(x.last_contact, as_of, config.followup_days)
    {
        let msg = match x.last_contact {
            None => "current customer overdue for a visit: no `last_contact` recorded".to_string(),
            Some(d) => format!(
                "current customer overdue for a visit: last contact {d}, {} days before {as_of} (followup_days: {})",
                d.days_until(as_of),
                config.followup_days
            ),
        };
        c.warning(
            &path,
            &[Seg::Key("last_contact")],
            msg,
            "visit or call them, then set `last_contact:` to that date",
        );
    }
}

/// Issue 13 (information completeness): `since` is not after the
/// analysis date, and no stage of the decision process is written twice.
fn check_completeness_fields(
    c: &mut Checker,
    path: &str,
    x: &crate::model::Customer,
    as_of: crate::model::scalars::Date,
) {
    if let Some(since) = x.since.filter(|&d| d > as_of) {
        c.error_help(
            path,
            &[Seg::Key("since")],
            format!("`since` {since} is after the analysis date {as_of}"),
            "write the date we began doing business with them; for a customer not yet won, leave `since` out",
        );
    }
    let mut stages = HashSet::new();
    let process = x.organisation.iter().flat_map(|o| &o.decision_process);
    for (i, stage) in process.enumerate() {
        if !stages.insert(stage.trim()) {
            c.error_help(
                path,
                &[
                    Seg::Key("organisation"),
                    Seg::Key("decision_process"),
                    Seg::Index(i),
                ],
                format!(
                    "stage `{}` appears twice in the decision process",
                    stage.trim()
                ),
                "list each stage of the decision once, in the order the customer goes through them",
            );
        }
    }
}

/// Issue 13 (four-step presentation): a presented product or the product
/// a pain names must be in content/company.yaml; with a presentation
/// plan, a pain no product answers is a warning.
fn check_presentation(
    c: &mut Checker,
    path: &str,
    x: &crate::model::Customer,
    products: &[crate::model::company::Product],
) {
    let known = |n: &str| products.iter().any(|p| p.name.trim() == n.trim());
    let help = if products.is_empty() {
        "content/company.yaml lists no `products:` yet: add the product there first".to_string()
    } else {
        let names: Vec<String> = products.iter().map(|p| p.name.clone()).collect();
        format!(
            "write a product's `name` exactly as in content/company.yaml: {}",
            ticked_list(&names)
        )
    };
    let plan = x.presentation.iter().flat_map(|p| &p.products);
    for (i, p) in plan.enumerate() {
        if !known(&p.product) {
            c.warning(
                path,
                &[
                    Seg::Key("presentation"),
                    Seg::Key("products"),
                    Seg::Index(i),
                    Seg::Key("product"),
                ],
                format!(
                    "presented product `{}` is not in content/company.yaml",
                    p.product.trim()
                ),
                &help,
            );
        }
    }
    for (i, pain) in x.pains.iter().enumerate() {
        let at = [Seg::Key("pains"), Seg::Index(i), Seg::Key("product")];
        match &pain.product {
            Some(n) if !known(n) => c.warning(
                path,
                &at,
                format!("pain `{}` names product `{}`, which is not in content/company.yaml", pain.pain.trim(), n.trim()),
                &help,
            ),
            None if x.presentation.is_some() => c.warning(
                path,
                &[Seg::Key("pains"), Seg::Index(i), Seg::Key("pain")],
                format!("pain `{}` has no product that answers it", pain.pain.trim()),
                "add `product:` to the pain with the name of the product that answers it, or plan how else to answer it",
            ),
            _ => {}
        }
    }
}

/// Targets (format 2): one per period, and a period the metrics know (a
/// target for a period without metrics cannot be measured: a warning).
/// Negative amounts are refused when the file is read.
fn check_targets(c: &mut Checker, path: &str, x: &crate::model::Customer) {
    let mut periods = HashSet::new();
    for (i, t) in x.targets.iter().enumerate() {
        let at = [Seg::Key("targets"), Seg::Index(i), Seg::Key("period")];
        if !periods.insert(&t.period) {
            let msg = format!("period `{}` appears twice in targets", t.period);
            c.error_help(
                path,
                &at,
                msg,
                "keep one target per period: merge the two entries, or correct the period of one of them",
            );
        } else if !x.metrics.iter().any(|m| m.period == t.period) {
            let msg = format!(
                "target for period `{}`, which has no `metrics` entry: it is not measured until that period's revenue is recorded",
                t.period
            );
            c.warning(
                path,
                &at,
                msg,
                "add the period to `metrics` once it is invoiced, or check the spelling of the period",
            );
        }
    }
}

/// Issue 12: each `cadence.regular_days` key names a value tier or a
/// relationship class.
fn check_cadence(c: &mut Checker, config: &crate::config::Config) {
    use crate::analysis::relationship::Relationship;
    let classes: Vec<String> = Relationship::ALL
        .iter()
        .filter_map(|r| serde_json::to_value(r).ok())
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let tiers: Vec<String> = config
        .value_model
        .tiers
        .iter()
        .map(|t| t.name.clone())
        .collect();
    for key in config.cadence.regular_days.keys() {
        if !tiers.contains(key) && !classes.contains(key) {
            let known: Vec<String> = tiers.iter().chain(&classes).cloned().collect();
            c.error_help(
                CONFIG_FILE,
                &[Seg::Key("cadence"), Seg::Key("regular_days"), Seg::Key(key)],
                format!("unknown tier or relationship class `{key}` in cadence.regular_days"),
                &format!("use one of {}", ticked_list(&known)),
            );
        }
    }
}

/// Issue 13: the size bands of the portrait begin at rising head counts.
fn check_size_bands(c: &mut Checker, config: &crate::config::Config) {
    let bands = config.portrait.size_bands;
    let names = ["small", "medium", "large"];
    for i in 0..bands.len() {
        let below = if i == 0 { 0 } else { bands[i - 1] };
        if bands[i] <= below {
            let msg = if i == 0 {
                "the small band must begin at 1 employee or more".to_string()
            } else {
                format!(
                    "the {} band begins at {} employees, not above the {} band's {below}",
                    names[i],
                    bands[i],
                    names[i - 1]
                )
            };
            c.error_help(
                CONFIG_FILE,
                &[
                    Seg::Key("portrait"),
                    Seg::Key("size_bands"),
                    Seg::Index(i),
                ],
                msg,
                "list the head counts at which small, medium and large begin, rising, such as `size_bands: [20, 300, 1000]`",
            );
        }
    }
}

/// Issue 12 (seed 004): a loyalty behaviour category that contradicts the
/// status or the satisfaction-loyalty type is a warning.
fn check_loyalty_category(
    c: &mut Checker,
    path: &str,
    x: &crate::model::Customer,
    config: &crate::config::Config,
) {
    use crate::analysis::{loyalty, loyalty_category as lc};
    let Some(category) = x.loyalty_category else {
        return;
    };
    let key = serde_json::to_value(category)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let at = [Seg::Key("loyalty_category")];
    if lc::contradicts_status(category, x.status) {
        let (who, help) = if lc::buys(category) {
            (
                "a customer who buys from us",
                "only a current customer buys from us: for a prospect, former or blacklisted customer choose `non_user_potential` or `non_user_never`, or correct `status`",
            )
        } else {
            (
                "a non-user",
                "a current customer buys from us: choose a long-term or occasional category, or correct `status`",
            )
        };
        c.warning(
            path,
            &at,
            format!(
                "loyalty category `{key}` ({who}) contradicts status `{}`",
                x.status.as_str()
            ),
            help,
        );
    }
    let kind = loyalty::of(x, &(&config.loyalty).into());
    if let Some(kind) = kind.filter(|&k| lc::contradicts_type(category, k)) {
        let name = serde_json::to_value(kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        c.warning(
            path,
            &at,
            format!(
                "loyalty category `{key}` contradicts the satisfaction-loyalty type `{name}` of its scores"
            ),
            "check the category against `satisfaction:` and `loyalty:`: one of them is out of date",
        );
    }
}

/// Issue 12: a complaint cannot be closed before it was opened.
fn check_complaints(c: &mut Checker, path: &str, x: &crate::model::Customer) {
    for (i, k) in x.complaints.iter().enumerate() {
        if let Some(closed) = k.closed.filter(|&d| d < k.opened) {
            let at = [Seg::Key("complaints"), Seg::Index(i), Seg::Key("closed")];
            let msg = format!(
                "complaint closed on {closed}, before it was opened on {}",
                k.opened
            );
            c.error_help(
                path,
                &at,
                msg,
                "correct `closed:` or `opened:`; leave `closed:` out while the complaint is open",
            );
        }
    }
}

fn check_obl(
    c: &mut Checker,
    company: &crate::model::Company,
    competitors: &HashSet<&str>,
    names: &[(String, String)],
) {
    check_departments(c, company);
    let Some(industry) = company.obl.as_ref().and_then(|o| o.industry.as_ref()) else {
        return;
    };
    duplicate_rating_rows(c);
    for (key, row) in &industry.ratings {
        let at = [
            Seg::Key("obl"),
            Seg::Key("industry"),
            Seg::Key("ratings"),
            Seg::Key(key),
        ];
        if key != "self" && !competitors.contains(key.as_str()) {
            let msg = format!(
                "unknown competitor `{key}`: a ratings key is `self` or a competitor slug (there is no {})",
                competitor_path(key)
            );
            let help = match competitor_help(key, competitors, names) {
                h if h.starts_with("did you mean") || h.starts_with("write") => h,
                _ => "write `self` or the slug of a competitor".to_string(),
            };
            c.error_help(COMPANY_FILE, &at, msg, &help);
        }
        if row.len() != industry.criteria.len() {
            let msg = format!(
                "`{key}` has {} ratings but there are {} criteria: give one rating per criterion",
                row.len(),
                industry.criteria.len()
            );
            let help = format!(
                "write {} ratings (E, S or N), in the order of `criteria`",
                industry.criteria.len()
            );
            c.error_help(COMPANY_FILE, &at, msg, &help);
        }
    }
}

/// Each OBL department has at least one item (its score divides by the
/// number of items), with or without an industry comparison.
fn check_departments(c: &mut Checker, company: &crate::model::Company) {
    for (i, d) in company.obl.iter().flat_map(|o| &o.departments).enumerate() {
        if d.items.is_empty() {
            let at = [Seg::Key("obl"), Seg::Key("departments"), Seg::Index(i)];
            c.error(
                COMPANY_FILE,
                &at,
                format!(
                    "department `{}` has no items: rate at least one criterion",
                    d.name
                ),
            );
        }
    }
}

/// `a`, `b`, `c`.
fn ticked_list(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fix for a reference to an unknown competitor: its slug when the
/// competitor's name was written, the closest slug for a typo.
fn competitor_help(given: &str, slugs: &HashSet<&str>, names: &[(String, String)]) -> String {
    let wanted = given.trim().to_lowercase();
    if let Some((slug, name)) = names
        .iter()
        .find(|(_, n)| n.trim().to_lowercase() == wanted)
    {
        return format!(
            "`{name}` is the competitor's name: write its slug (its file name) `{slug}`"
        );
    }
    let mut known: Vec<String> = slugs.iter().map(|s| s.to_string()).collect();
    known.sort();
    // A typo of a slug, or of a name written as a slug
    // (`pinacle-learning-group` for Pinnacle Learning Group).
    let given_slug = slug::slugify(given);
    if let Some(near) = crate::load::explain::closest(&given_slug, &known) {
        return format!("did you mean `{near}`?");
    }
    let named: Vec<String> = names.iter().map(|(_, n)| slug::slugify(n)).collect();
    if let Some(near) = crate::load::explain::closest(&given_slug, &named)
        && let Some((slug, name)) = names.iter().find(|(_, n)| slug::slugify(n) == near)
    {
        return format!("did you mean `{slug}` ({name})?");
    }
    if known.is_empty() {
        "create the competitor's file with `dossier new competitor \"Name\"`".to_string()
    } else {
        format!(
            "write the slug of a competitor file: {}, or create one with `dossier new competitor \"Name\"`",
            ticked_list(&known)
        )
    }
}

/// A key written twice in a mapping of free keys (the OBL `ratings`):
/// serde keeps the last row without a word, so it is found here, at the
/// second one.
fn duplicate_rating_rows(c: &mut Checker) {
    let text = c.text(COMPANY_FILE);
    let options = marked_yaml::LoaderOptions::default().error_on_duplicate_keys(true);
    if let Err(marked_yaml::LoadError::DuplicateKey(dup)) =
        marked_yaml::parse_yaml_with_options(0, &text, options)
        && let Some(at) = dup.key.span().start()
    {
        let key = dup.key.as_str();
        let first = dup.prev_key.span().start().map_or(0, |m| m.line());
        c.diags.push(
            Diagnostic::error(
                COMPANY_FILE,
                &text,
                at.line(),
                at.column(),
                format!("`{key}` is written twice in the same block (first on line {first})"),
            )
            .with_help(format!(
                "keep one `{key}:` line: only the last one would count"
            )),
        );
    }
}
