//! The routes of the site and the rendering of each page kind. Customer
//! pages render in parallel; every file goes to a [`Sink`].
//!
//! Each page is rendered from one typed context (a `Serialize` struct):
//! the same value is hashed for the reuse check and handed to Tera, so a
//! value a page shows is always part of the hash that decides whether the
//! page is rendered again.

use super::engine::Engine;
use super::views::{self, CompetitorView, SiteInfo};
use crate::analysis::Analysis;
use crate::config::MarkdownCopies;
use crate::history::Changes;
use crate::load::Diagnostic;
use crate::model::Site;
use crate::output::Sink;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;
use tera::Context;

/// Charts drawn for the site, by output path, shared by HTML and Markdown.
pub type Charts = Vec<(String, String)>;

/// The common part of every page's context: where the page is, and the
/// relative path back to the site root.
#[derive(Serialize)]
struct Page<'a, T: Serialize> {
    root: &'a str,
    path: &'a str,
    #[serde(flatten)]
    data: T,
}

/// How a Markdown copy links to a customer: to the customer's Markdown
/// copy when there is one (`markdown: all`), else to the HTML dossier.
#[derive(Clone, Copy, Serialize)]
struct CustomerLink {
    pre: &'static str,
    post: &'static str,
}

impl CustomerLink {
    /// For a Markdown page `depth` folders below `markdown/`.
    fn at(depth: usize, copies: MarkdownCopies) -> Self {
        match (copies, depth) {
            (MarkdownCopies::All, 0) => CustomerLink {
                pre: "customers/",
                post: ".md",
            },
            (MarkdownCopies::All, _) => CustomerLink {
                pre: "../customers/",
                post: ".md",
            },
            (MarkdownCopies::Site, 0) => CustomerLink {
                pre: "../customers/",
                post: "/index.html",
            },
            (MarkdownCopies::Site, _) => CustomerLink {
                pre: "../../customers/",
                post: "/index.html",
            },
        }
    }
}

/// Renders every page of the site into `sink`; returns the number of pages.
pub fn render_site(
    site: &Site,
    analysis: &Analysis,
    engine: &mut Engine,
    charts: &Charts,
    changes: Option<&Changes>,
    sink: &dyn Sink,
) -> Result<usize, Vec<Diagnostic>> {
    let info = SiteInfo::new(site, changes.is_some());
    let copies = site.config.markdown;
    // Hashed from the typed values, not from Tera's context, whose maps
    // iterate in a different order in every process.
    let global = key_hash(&(
        &info,
        &engine.labels,
        &analysis.comparison,
        engine.templates(),
    ));
    let context = engine.tera.global_context();
    context.insert("site", &info);
    context.insert("t", &engine.labels);
    context.insert("comparison", &analysis.comparison);
    let engine = &*engine;
    let r = Renderer {
        engine,
        sink,
        global,
    };
    let per_page = site.config.paginate_by.max(1) as usize;
    // The value charts as they go inside a dossier, prepared once per chart
    // (customers with the same scores share one), not once per page.
    let value_svg: std::collections::HashMap<&str, String> = charts
        .par_iter()
        .filter(|(p, _)| p.starts_with(views::VALUE_CHARTS))
        .map(|(p, s)| (p.as_str(), inline_svg(s)))
        .collect();
    let order = crate::util::timed("  customer order", || views::customer_order(site, analysis));
    // In `serve`, a page made from one customer is keyed by the customer's
    // version and what its row reads of the rest of the site.
    let row_inputs = std::sync::OnceLock::new();
    let known = |slug: &str| {
        sink.version(slug).map(|v| {
            let shared = *row_inputs.get_or_init(|| views::row_inputs_key(site, analysis));
            key_hash(&(shared, v))
        })
    };
    let known = &known;
    let versioned = site
        .customers
        .first()
        .is_some_and(|(s, _)| known(s).is_some());
    // The key of a page of an owner or region, by the versions of the
    // customers it shows.
    let territory_key = |view: &views::TerritoryView,
                         rows: &[views::TerritoryCustomer],
                         pager: &views::Pager,
                         cl: CustomerLink| {
        versioned
            .then(|| view.known_key(rows, known))
            .flatten()
            .map(|k| key_hash(&(k, pager, cl)))
    };
    let side = &analysis.customers;
    #[derive(Serialize)]
    struct DashboardPage<'a> {
        d: &'a views::Dashboard<'a>,
        company: &'a crate::analysis::company::CompanyAnalysis,
        pyramid: &'a [crate::analysis::value::TierRow],
        deciles: &'a crate::analysis::decile::Deciles,
        portfolio: &'a crate::analysis::portfolio::Portfolio,
        relationship_counts: &'a [crate::analysis::customers::RelationshipCount],
        loyalty_counts: &'a std::collections::BTreeMap<crate::analysis::loyalty::LoyaltyType, u32>,
        unscored: usize,
        tenths: &'a crate::analysis::tenths::Tenths,
        pareto: &'a crate::analysis::tenths::Pareto,
        owners: &'a [crate::analysis::territory::TerritoryRow],
        regions: &'a [crate::analysis::territory::TerritoryRow],
        cl: CustomerLink,
    }
    #[derive(Serialize)]
    struct CompanyPage<'a> {
        company: &'a crate::model::Company,
        analysis: &'a crate::analysis::company::CompanyAnalysis,
    }
    let company_page = CompanyPage {
        company: &site.company,
        analysis: &analysis.company,
    };
    // The site-level pages (the dashboard over every customer is the
    // largest) render beside the customer pages, not before them.
    let site_pages = || {
        let mut results = Vec::new();
        // The data files come first, before the views of the site-level
        // pages exist: the workbook holds every cell until it is written
        // (about 370 MB at 100,000 customers, the build's peak).
        // They are written again only when what they are made of changed
        // (a rebuild after one edit). Each large input is hashed once,
        // when first asked for (`serve` makes the data files later and the
        // search index again without asking), and the hashes combined.
        let analysis_hash = std::cell::OnceCell::new();
        let analysis_hash = || *analysis_hash.get_or_init(|| key_hash(&(global, analysis)));
        let content_hash = std::cell::OnceCell::new();
        let content_hash =
            || *content_hash.get_or_init(|| key_hash(&(&site.customers, &site.competitors)));
        let data_key = analysis_hash;
        results.push(crate::util::timed("    analysis.json", || {
            if sink.later(JSON_PATH) || sink.reuse(JSON_PATH, &data_key) {
                return Ok(());
            }
            write_json(sink, analysis)
        }));
        let site_key = || key_hash(&(analysis_hash(), content_hash()));
        results.push(crate::util::timed("    analysis.xlsx", || {
            if sink.later(super::xlsx::PATH) || sink.reuse(super::xlsx::PATH, &site_key) {
                return Ok(());
            }
            super::xlsx::write(sink, site, analysis, &engine.labels)
        }));
        let (list, dashboard, lists, territories) = crate::util::timed("    site views", || {
            let list = views::list_rows(&order);
            let (dashboard, lists) = views::Dashboard::new(site, analysis, &list);
            let territories = views::territory_views(analysis, &list);
            (list, dashboard, lists, territories)
        });
        let dashboard_page = |cl| DashboardPage {
            d: &dashboard,
            company: &analysis.company,
            pyramid: &side.pyramid,
            deciles: &side.deciles,
            portfolio: &side.portfolio,
            relationship_counts: &side.relationship_counts,
            loyalty_counts: &side.loyalty_counts,
            unscored: side.unscored.len(),
            tenths: &side.tenths,
            pareto: &side.pareto,
            owners: &side.owners,
            regions: &side.regions,
            cl,
        };
        results.extend(crate::util::timed("    dashboard", || {
            // The dashboard and its Markdown copy.
            [
                ("index.html", "", "index.html"),
                ("md/index.md", "../", "markdown/index.md"),
            ]
            .map(|(template, root, path)| {
                r.page(
                    template,
                    root,
                    path,
                    dashboard_page(CustomerLink::at(0, copies)),
                )
            })
        }));
        results.extend([
            r.page("company.html", "../", "company/index.html", &company_page),
            r.page(
                "competitors.html",
                "../",
                "competitors/index.html",
                views::Competitors {
                    competitors: &site.competitors,
                },
            ),
            r.page("404.html", &site.config.base_url, "404.html", ()),
            r.page("md/company.md", "../", "markdown/company.md", &company_page),
        ]);
        // The customer table and the full lists of the dashboard, page by
        // page. Each customer's row is rendered once (`customer_row.html`)
        // and shared by every table that lists it: both folders are one
        // level below the root, so the row's links are the same in all.
        #[derive(Serialize)]
        struct RowContext<'a> {
            r: &'a views::ListRow<'a>,
        }
        let keep = sink.keeps_fragments();
        let rendered: Vec<Result<(&str, Arc<str>), Diagnostic>> =
            crate::util::timed("    table rows", || {
                list.par_iter()
                    .map(|row| {
                        let page = Page {
                            root: "../",
                            path: "customers/index.html",
                            data: RowContext { r: row },
                        };
                        // `serve` keeps the rows of the last build: an edit
                        // renders the rows that changed, not every one.
                        let key = keep.then(|| match known(row.slug) {
                            Some(k) => key_hash(&(global, "customer_row.html", k)),
                            None => key_hash(&(global, "customer_row.html", &page)),
                        });
                        if let Some(html) = key.and_then(|k| sink.fragment(k)) {
                            return Ok((row.slug, html));
                        }
                        let ctx = Context::from_serialize(&page)
                            .map_err(|e| engine.render_error("customer_row.html", &e))?;
                        let html = engine
                            .tera
                            .render("customer_row.html", &ctx)
                            .map_err(|e| engine.render_error("customer_row.html", &e))?;
                        // Kept until every table is written, at its size
                        // (Tera sizes its buffer for a whole page).
                        let html: Arc<str> = xml_safe(html).into();
                        if let Some(k) = key {
                            sink.keep_fragment(k, &html);
                        }
                        Ok((row.slug, html))
                    })
                    .collect()
            });
        let mut row_html = std::collections::HashMap::new();
        for r in rendered {
            match r {
                Ok((slug, html)) => {
                    row_html.insert(slug, html);
                }
                Err(d) => results.push(Err(d)),
            }
        }
        let mut tables: Vec<(String, views::ListPage)> = Vec::new();
        for l in &lists {
            let folder = if l.id == "all" { "customers" } else { "lists" };
            for p in views::paginate(l, per_page, &row_html) {
                tables.push((format!("{folder}/{}", p.pager.file), p));
            }
        }
        results.extend(crate::util::timed("    tables and lists", || {
            tables
                .par_iter()
                .map(|(path, p)| r.page("customers.html", "../", path, p))
                .collect::<Vec<_>>()
        }));
        if let Some(ch) = changes {
            #[derive(Serialize)]
            struct ChangesPage<'a> {
                report: &'a crate::history::report::Report,
                cl: CustomerLink,
            }
            results.push(r.page(
                "changes.html",
                "../",
                "changes/index.html",
                ChangesPage {
                    report: &ch.report,
                    cl: CustomerLink::at(0, copies),
                },
            ));
            results.push(r.page(
                "md/changes.md",
                "../",
                "markdown/changes.md",
                ChangesPage {
                    report: &ch.report,
                    cl: CustomerLink::at(0, copies),
                },
            ));
        }
        #[derive(Serialize)]
        struct FreePage<'a> {
            page: &'a crate::model::Page,
        }
        results.extend(site.pages.iter().map(|p| {
            let root = "../".repeat(p.route.matches('/').count() + 1);
            r.page(
                "page.html",
                &root,
                &format!("{}/index.html", p.route),
                FreePage { page: p },
            )
        }));
        #[derive(Serialize)]
        struct CompetitorPage<'a> {
            competitor: &'a CompetitorView<'a>,
        }
        results.extend(site.competitors.iter().flat_map(|(slug, comp)| {
            let view = CompetitorView {
                slug,
                competitor: comp,
                swot: &analysis.competitors[slug].swot,
            };
            [
                r.page(
                    "competitor.html",
                    "../../",
                    &format!("competitors/{slug}/index.html"),
                    CompetitorPage { competitor: &view },
                ),
                r.page(
                    "md/competitor.md",
                    "../../",
                    &format!("markdown/competitors/{slug}.md"),
                    CompetitorPage { competitor: &view },
                ),
            ]
        }));
        // Owner and region pages can be as long as the customer table
        // (one owner of every customer), so they render in parallel.
        #[derive(Serialize)]
        struct TerritoryPage<'a> {
            territory: &'a views::TerritoryView<'a>,
            pager: &'a views::Pager,
            rows: &'a [views::TerritoryCustomer<'a>],
            cl: CustomerLink,
        }
        let territory_pages: Vec<Result<(), Diagnostic>> =
            crate::util::timed("    owner and region pages", || {
                territories
                    .par_iter()
                    .flat_map_iter(|v| {
                        let slug = &v.territory.slug;
                        let pages = views::paginate_rows(&v.customers, per_page, "index");
                        // The lists and the chart's table are on the first
                        // page only.
                        let rest = v.without_lists();
                        let first = pages.first().map(|(p, rows)| {
                            let cl = CustomerLink::at(1, copies);
                            r.page_known(
                                "md/territory.md",
                                "../../",
                                &format!("markdown/{}/{slug}.md", v.kind),
                                territory_key(v, rows, p, cl),
                                || TerritoryPage {
                                    territory: v,
                                    pager: p,
                                    rows,
                                    cl,
                                },
                            )
                        });
                        pages
                            .iter()
                            .enumerate()
                            .map(|(i, (p, rows))| {
                                let territory = if i == 0 { v } else { &rest };
                                let cl = CustomerLink::at(1, copies);
                                r.page_known(
                                    "territory.html",
                                    "../../",
                                    &format!("{}/{slug}/{}", v.kind, p.file),
                                    territory_key(territory, rows, p, cl),
                                    || TerritoryPage {
                                        territory,
                                        pager: p,
                                        rows,
                                        cl,
                                    },
                                )
                            })
                            .chain(first)
                            .collect::<Vec<_>>()
                    })
                    .collect()
            });
        results.extend(territory_pages);
        results.extend(
            charts
                .iter()
                // The HTML dossiers carry their value chart inline; the
                // files are only written for the Markdown copies.
                .filter(|(path, _)| {
                    copies == MarkdownCopies::All || !path.starts_with(views::VALUE_CHARTS)
                })
                .map(|(path, svg)| put(sink, path, xml_safe(svg.to_string()).into_bytes())),
        );
        results.extend(engine.statics.iter().map(|(p, b)| put(sink, p, b.clone())));
        let search_key = || key_hash(&(global, content_hash(), &site.pages));
        // `serve` keeps each customer's entry by the customer's version.
        let kept = |slug: &str, make: &dyn Fn() -> Vec<u8>| -> Vec<u8> {
            let Some(k) = known(slug) else {
                return make();
            };
            let key = key_hash(&(global, super::search::PATH, k));
            if let Some(json) = sink.fragment(key) {
                return json.as_bytes().to_vec();
            }
            let json = make();
            if let Ok(text) = std::str::from_utf8(&json) {
                sink.keep_fragment(key, &Arc::from(text));
            }
            json
        };
        let kept_entry: Option<super::search::Kept> = keep.then_some(&kept);
        results.push(crate::util::timed("    search index", || {
            if sink.reuse(super::search::PATH, &search_key) {
                Ok(())
            } else {
                put(
                    sink,
                    super::search::PATH,
                    super::search::index_js(site, &engine.labels, kept_entry),
                )
            }
        }));
        results
    };
    #[derive(Serialize)]
    struct CustomerPage<'a> {
        row: &'a views::CustomerRow<'a>,
        changes: Option<crate::history::report::CustomerChanges<'a>>,
        /// The value scorecard chart, inline.
        value_svg: Option<&'a str>,
    }
    let customer_pages = || -> Vec<Result<(), Diagnostic>> {
        order
            .par_iter()
            .flat_map_iter(|&l| {
                let slug = l.slug;
                let known = known(slug).map(|k| match changes {
                    Some(ch) => key_hash(&(k, ch.customer(slug))),
                    None => k,
                });
                // The row is made only for a page rendered again.
                let row = std::cell::OnceCell::new();
                let row = || row.get_or_init(|| views::CustomerRow::of(site, analysis, l));
                let html = r.page_known(
                    "customer.html",
                    "../../",
                    &format!("customers/{slug}/index.html"),
                    known,
                    || CustomerPage {
                        row: row(),
                        changes: changes.map(|ch| ch.customer(slug)),
                        value_svg: row()
                            .value_chart
                            .as_deref()
                            .and_then(|p| value_svg.get(p))
                            .map(String::as_str),
                    },
                );
                let md = (copies == MarkdownCopies::All).then(|| {
                    r.page_known(
                        "md/customer.md",
                        "../../",
                        &format!("markdown/customers/{slug}.md"),
                        known,
                        || CustomerPage {
                            row: row(),
                            changes: None,
                            value_svg: None,
                        },
                    )
                });
                std::iter::once(html).chain(md)
            })
            .collect()
    };
    let (mut results, customer_results) = rayon::join(
        || crate::util::timed("  site pages", site_pages),
        || crate::util::timed("  customer pages", customer_pages),
    );
    results.extend(customer_results);
    let pages = results.len();
    let mut diags: Vec<Diagnostic> = results.into_iter().filter_map(Result::err).collect();
    crate::load::diagnostic::sort(&mut diags);
    diags.dedup();
    if diags.is_empty() {
        Ok(pages)
    } else {
        Err(diags)
    }
}

/// An SVG chart as it goes inside an HTML page: without the XML
/// declaration, and with the characters XML forbids removed.
fn inline_svg(svg: &str) -> String {
    let body = match svg.strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or(svg, |(_, b)| b.trim_start()),
        None => svg,
    };
    xml_safe(body.to_string())
}

struct Renderer<'a> {
    engine: &'a Engine,
    sink: &'a dyn Sink,
    /// A hash of the global context, part of every page's input.
    global: u64,
}

impl Renderer<'_> {
    /// Renders `template` with `root` (the relative path back to the site
    /// root) and `data`, and writes it to `path`. The sink may keep the
    /// previous page when a hash of the whole context (as JSON, with the
    /// templates and global values) did not change.
    fn page(
        &self,
        template: &str,
        root: &str,
        path: &str,
        data: impl Serialize,
    ) -> Result<(), Diagnostic> {
        let page = Page { root, path, data };
        let key = || key_hash(&(self.global, template, &page));
        if self.sink.reuse(path, &key) {
            return Ok(());
        }
        let ctx =
            Context::from_serialize(&page).map_err(|e| self.engine.render_error(template, &e))?;
        self.render(template, path, &ctx)
    }

    /// [`Renderer::page`] with the data made only when the page is
    /// rendered, and keyed by `known` when given: a key that changes
    /// whenever anything `data` is made from does (besides the global
    /// context, always part of the key).
    fn page_known<T: Serialize>(
        &self,
        template: &str,
        root: &str,
        path: &str,
        known: Option<u64>,
        data: impl FnOnce() -> T,
    ) -> Result<(), Diagnostic> {
        let Some(k) = known else {
            return self.page(template, root, path, data());
        };
        if self
            .sink
            .reuse(path, &|| key_hash(&(self.global, template, root, k)))
        {
            return Ok(());
        }
        let page = Page {
            root,
            path,
            data: data(),
        };
        let ctx =
            Context::from_serialize(&page).map_err(|e| self.engine.render_error(template, &e))?;
        self.render(template, path, &ctx)
    }

    fn render(&self, template: &str, path: &str, ctx: &Context) -> Result<(), Diagnostic> {
        let out = self
            .engine
            .tera
            .render(template, ctx)
            .map_err(|e| self.engine.render_error(template, &e))?;
        let out = if path.ends_with(".md") {
            super::markdown::sanitise_markdown(&out)
        } else {
            out
        };
        put(self.sink, path, xml_safe(out).into_bytes())
    }
}

/// `text` without the characters XML 1.0 forbids (C0 controls other than
/// tab and line breaks, U+FFFE, U+FFFF): one such character in a name
/// makes an SVG chart malformed (a broken image), and a page invalid.
pub fn xml_safe(text: String) -> String {
    let forbidden = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    // One byte scan first, in blocks the compiler turns into vector code:
    // pages are large and almost never hold such a character. A block is
    // suspect when it holds a control byte other than tab and line breaks,
    // or 0xEF, the first byte of U+FFFE and U+FFFF in UTF-8.
    let suspect = |block: &[u8]| {
        block.iter().fold(false, |hit, &b| {
            hit | (b < b' ' && b != b'\t' && b != b'\n' && b != b'\r') | (b == 0xEF)
        })
    };
    let clean =
        text.as_bytes().chunks(64).all(|block| !suspect(block)) || !text.chars().any(forbidden);
    if clean {
        return text;
    }
    text.chars().filter(|&c| !forbidden(c)).collect()
}

/// The reuse key of a page's input: [`crate::stablehash`], kept in the
/// output's marker, the same for every build of dossier.
fn key_hash(value: &impl serde::Serialize) -> u64 {
    crate::stablehash::hash(value)
}

fn put(sink: &dyn Sink, path: &str, bytes: Vec<u8>) -> Result<(), Diagnostic> {
    sink.put(path, bytes)
        .map_err(|e| Diagnostic::file_error(path, format!("cannot write the output file: {e}")))
}

/// `data/analysis.json`: the analysis, whole numbers written as integers.
/// Written straight from the typed analysis (no JSON tree in between: at
/// 10,000 customers the tree alone took more memory than the site).
fn write_json(sink: &dyn Sink, analysis: &Analysis) -> Result<(), Diagnostic> {
    put(sink, JSON_PATH, analysis_json(analysis)?)
}

/// Where the analysis goes in the output.
pub const JSON_PATH: &str = "data/analysis.json";

/// The bytes of `data/analysis.json`.
pub fn analysis_json(analysis: &Analysis) -> Result<Vec<u8>, Diagnostic> {
    let mut bytes = Vec::with_capacity(1 << 20);
    let mut ser =
        serde_json::Serializer::with_formatter(&mut bytes, crate::util::IntegralFormatter::new());
    analysis
        .serialize(&mut ser)
        .map_err(|e| Diagnostic::file_error(JSON_PATH, e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::xml_safe;

    #[test]
    fn xml_safe_drops_only_what_xml_forbids() {
        let long = "a".repeat(100);
        for (text, want) in [
            ("plain\ttext\r\n".to_string(), "plain\ttext\r\n".to_string()),
            // Full-width punctuation starts with 0xEF in UTF-8, like U+FFFE.
            (
                "客户，（重要）：是".to_string(),
                "客户，（重要）：是".to_string(),
            ),
            ("a\u{7}b\u{1b}c".to_string(), "abc".to_string()),
            ("x\u{FFFE}y\u{FFFF}z".to_string(), "xyz".to_string()),
            (format!("{long}\u{0}"), long.clone()),
            (format!("{long}，\u{FFFF}"), format!("{long}，")),
        ] {
            assert_eq!(xml_safe(text.clone()), want, "{text:?}");
        }
    }
}
