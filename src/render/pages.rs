//! The routes of the site and the rendering of each page kind. Customer
//! pages render in parallel; every file goes to a [`Sink`].

use super::engine::Engine;
use super::views::{self, CompetitorView, SiteInfo};
use crate::analysis::Analysis;
use crate::history::Changes;
use crate::load::Diagnostic;
use crate::model::Site;
use crate::output::Sink;
use rayon::prelude::*;
use tera::Context;

/// Charts drawn for the site, by output path, shared by HTML and Markdown.
pub type Charts = Vec<(String, String)>;

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
    // Hashed from the typed values, not from Tera's context, whose maps
    // iterate in a different order in every process.
    let global = json_hash(&(
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
    let rows = views::customer_rows(site, analysis);
    let list = views::list_rows(&rows);
    let dashboard = views::Dashboard::new(site, analysis);
    let side = &analysis.customers;
    let dashboard_input = (
        (&list, &dashboard, &analysis.company),
        (&side.pyramid, &side.deciles, &side.portfolio),
        (&side.relationship_counts, &side.loyalty_counts),
        (side.unscored.len(), &side.tenths, &side.pareto),
        (&side.owners, &side.regions),
    );
    let company_input = (&site.company, &analysis.company);
    let fill_dashboard = |c: &mut Context| {
        c.insert("customers", &list);
        c.insert("d", &dashboard);
        c.insert("company", &analysis.company);
        c.insert("pyramid", &side.pyramid);
        c.insert("deciles", &side.deciles);
        c.insert("portfolio", &side.portfolio);
        c.insert("relationship_counts", &side.relationship_counts);
        c.insert("loyalty_counts", &side.loyalty_counts);
        c.insert("unscored", &side.unscored.len());
        c.insert("tenths", &side.tenths);
        c.insert("pareto", &side.pareto);
        c.insert("owners", &side.owners);
        c.insert("regions", &side.regions);
    };
    let territories = views::territory_views(analysis, &rows);
    // The site-level pages (the dashboard over every customer is the
    // largest) render beside the customer pages, not before them.
    let site_pages = || {
        let mut results = vec![
            r.page(
                "index.html",
                "",
                "index.html",
                &dashboard_input,
                fill_dashboard,
            ),
            r.page(
                "customers.html",
                "../",
                "customers/index.html",
                &list,
                |c| c.insert("customers", &list),
            ),
            r.page(
                "company.html",
                "../",
                "company/index.html",
                &company_input,
                |c| {
                    c.insert("company", &site.company);
                    c.insert("analysis", &analysis.company);
                },
            ),
            r.page(
                "competitors.html",
                "../",
                "competitors/index.html",
                &site.competitors,
                |c| c.insert("competitors", &site.competitors),
            ),
            r.page("404.html", &site.config.base_url, "404.html", &(), |_| {}),
            r.page(
                "md/index.md",
                "../",
                "markdown/index.md",
                &dashboard_input,
                fill_dashboard,
            ),
            r.page(
                "md/company.md",
                "../",
                "markdown/company.md",
                &company_input,
                |c| {
                    c.insert("company", &site.company);
                    c.insert("analysis", &analysis.company);
                },
            ),
            write_json(sink, analysis),
            super::xlsx::write(sink, site, analysis, &engine.labels),
        ];
        if let Some(ch) = changes {
            results.push(r.page(
                "changes.html",
                "../",
                "changes/index.html",
                &ch.report,
                |c| c.insert("report", &ch.report),
            ));
            results.push(r.page(
                "md/changes.md",
                "../",
                "markdown/changes.md",
                &ch.report,
                |c| c.insert("report", &ch.report),
            ));
        }
        results.extend(site.pages.iter().map(|p| {
            let root = "../".repeat(p.route.matches('/').count() + 1);
            r.page(
                "page.html",
                &root,
                &format!("{}/index.html", p.route),
                p,
                |c| c.insert("page", p),
            )
        }));
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
                    &view,
                    |c| c.insert("competitor", &view),
                ),
                r.page(
                    "md/competitor.md",
                    "../../",
                    &format!("markdown/competitors/{slug}.md"),
                    &view,
                    |c| c.insert("competitor", &view),
                ),
            ]
        }));
        // Owner and region pages can be as long as the customer table
        // (one owner of every customer), so they render in parallel.
        let territory_pages: Vec<Result<(), Diagnostic>> = territories
            .par_iter()
            .flat_map_iter(|v| {
                let slug = &v.territory.slug;
                [
                    r.page(
                        "territory.html",
                        "../../",
                        &format!("{}/{slug}/index.html", v.kind),
                        v,
                        |c| c.insert("territory", v),
                    ),
                    r.page(
                        "md/territory.md",
                        "../../",
                        &format!("markdown/{}/{slug}.md", v.kind),
                        v,
                        |c| c.insert("territory", v),
                    ),
                ]
            })
            .collect();
        results.extend(territory_pages);
        results.extend(
            charts
                .iter()
                .map(|(path, svg)| put(sink, path, xml_safe(svg.to_string()).into_bytes())),
        );
        results.extend(engine.statics.iter().map(|(p, b)| put(sink, p, b.clone())));
        results.push(put(
            sink,
            super::search::PATH,
            super::search::index_js(site, &engine.labels),
        ));
        results
    };
    let customer_pages = || -> Vec<Result<(), Diagnostic>> {
        rows.par_iter()
            .flat_map_iter(|row| {
                let slug = row.slug;
                [
                    r.page(
                        "customer.html",
                        "../../",
                        &format!("customers/{slug}/index.html"),
                        &(row, changes.map(|ch| ch.customer(slug))),
                        |c| {
                            c.insert("row", row);
                            c.insert("changes", &changes.map(|ch| ch.customer(slug)));
                        },
                    ),
                    r.page(
                        "md/customer.md",
                        "../../",
                        &format!("markdown/customers/{slug}.md"),
                        row,
                        |c| c.insert("row", row),
                    ),
                ]
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

struct Renderer<'a> {
    engine: &'a Engine,
    sink: &'a dyn Sink,
    /// A hash of the global context, part of every page's input.
    global: u64,
}

impl Renderer<'_> {
    /// Renders `template` with `root` (the relative path back to the site
    /// root) and whatever `fill` adds, and writes it to `path`. `input` is
    /// everything `fill` puts in the page: the sink may keep the previous
    /// page when a hash of it (as JSON, with the templates and global
    /// values) did not change.
    fn page(
        &self,
        template: &str,
        root: &str,
        path: &str,
        input: &impl serde::Serialize,
        fill: impl FnOnce(&mut Context),
    ) -> Result<(), Diagnostic> {
        let key = || json_hash(&(self.global, template, root, path, input));
        if self.sink.reuse(path, &key) {
            return Ok(());
        }
        let mut ctx = Context::new();
        ctx.insert("root", root);
        ctx.insert("path", path);
        fill(&mut ctx);
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
    // A byte scan first: pages are large and almost never hold one.
    let control = text
        .bytes()
        .any(|b| b < b' ' && !matches!(b, b'\t' | b'\n' | b'\r'));
    if !control && !text.contains('\u{FFFE}') && !text.contains('\u{FFFF}') {
        return text;
    }
    text.chars().filter(|&c| !forbidden(c)).collect()
}

/// A hash of a value's JSON form, written straight into the hasher. It is
/// kept in the output's marker, so it is a named, stable hash (XXH3), the
/// same for every build of dossier.
fn json_hash(value: &impl serde::Serialize) -> u64 {
    struct Feed(xxhash_rust::xxh3::Xxh3);
    impl std::io::Write for Feed {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.update(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut feed = Feed(xxhash_rust::xxh3::Xxh3::new());
    let _ = serde_json::to_writer(&mut feed, value);
    feed.0.digest()
}

fn put(sink: &dyn Sink, path: &str, bytes: Vec<u8>) -> Result<(), Diagnostic> {
    sink.put(path, bytes)
        .map_err(|e| Diagnostic::file_error(path, format!("cannot write the output file: {e}")))
}

/// `data/analysis.json`: the analysis, whole numbers written as integers.
fn write_json(sink: &dyn Sink, analysis: &Analysis) -> Result<(), Diagnostic> {
    let mut value = serde_json::to_value(analysis)
        .map_err(|e| Diagnostic::file_error("data/analysis.json", e.to_string()))?;
    crate::util::integral_numbers(&mut value);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    put(sink, "data/analysis.json", text.into_bytes())
}
