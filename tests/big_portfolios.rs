//! Pages that stay small on a big portfolio (issue 18): the paginated
//! customer table and full lists, the dashboard's first entries with a
//! link to the rest, owner pages a page at a time, the value chart inline,
//! Markdown copies of customers only when asked for, and a build that does
//! not bury its summary under thousands of warnings.

mod common;
use common::{TestSite, has_diagnostic};

/// A site of `n` current customers, every one overdue for a visit, with
/// one owner, and `extra` appended to dossier.yaml.
fn site(n: usize, extra: &str) -> TestSite {
    let site = TestSite::empty();
    site.write(
        "dossier.yaml",
        format!("as_of: 2026-11-22\npaginate_by: 10\n{extra}"),
    );
    site.write("content/company.yaml", "name: Us\n");
    for i in 0..n {
        site.write(
            &format!("content/customers/c{i:02}.yaml"),
            format!(
                "name: Customer {i:02}\nstatus: current\nmarket: producer\nowner: Wang\nlast_contact: 2026-01-{:02}\nvalue: {{ financial: {}, sales: 5, customer: 5, service: 5 }}\nmetrics:\n  - {{ period: \"2026\", revenue: {}, profit: 10 }}\n",
                1 + i % 28,
                i % 10,
                1000 + i
            ),
        );
    }
    site
}

/// The customer links of a table page, in order.
fn table_rows(page: &str) -> Vec<String> {
    let body = page
        .split("<tbody>")
        .nth(1)
        .and_then(|b| b.split("</tbody>").next())
        .unwrap_or("");
    body.split("<tr id=\"")
        .skip(1)
        .map(|r| r.split('"').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_customer_table_is_paginated_and_every_customer_is_on_one_page() {
    let site = site(25, "");
    site.build().ok();
    let pages = ["index.html", "index-2.html", "index-3.html"]
        .map(|f| site.output(&format!("customers/{f}")));
    let rows: Vec<Vec<String>> = pages.iter().map(|p| table_rows(p)).collect();
    assert_eq!(rows.iter().map(Vec::len).collect::<Vec<_>>(), [10, 10, 5]);
    let mut all: Vec<String> = rows.concat();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 25, "no customer twice, none missing");
    assert!(!site.path("output/customers/index-4.html").exists());
    // The pager links the pages both ways, and says where the reader is.
    assert!(pages[0].contains("href=\"index-2.html\""), "{}", pages[0]);
    assert!(pages[1].contains("rel=\"prev\" href=\"index.html\""));
    assert!(pages[1].contains("rel=\"next\" href=\"index-3.html\""));
    assert!(pages[2].contains("21–25"), "{}", pages[2]);
    assert!(pages[1].contains("<strong aria-current=\"page\">2</strong>"));
    // Links from a page of the table reach the dossiers.
    assert!(pages[2].contains("href=\"../customers/c"), "{}", pages[2]);
}

#[test]
fn the_dashboard_shows_the_first_ten_and_links_to_the_full_list() {
    let site = site(25, "");
    site.build().ok();
    let index = site.output("index.html");
    let followup = index.split("id=\"followup\"").nth(1).unwrap();
    let followup = followup.split("</section>").next().unwrap();
    assert_eq!(
        followup.matches("href=\"customers/c").count(),
        10,
        "{followup}"
    );
    assert!(followup.contains("(25)"), "the heading counts them all");
    assert!(
        followup.contains("href=\"lists/overdue.html\">Show all (25)"),
        "{followup}"
    );
    let full: Vec<String> = ["overdue.html", "overdue-2.html", "overdue-3.html"]
        .iter()
        .flat_map(|f| table_rows(&site.output(&format!("lists/{f}"))))
        .collect();
    assert_eq!(full.len(), 25);
    let list = site.output("lists/overdue.html");
    assert!(list.contains("<h1>Overdue for a visit</h1>"), "{list}");
    assert!(list.contains("href=\"../customers/c"), "{list}");
    assert!(list.contains("href=\"overdue-2.html\""), "{list}");
    // The Markdown dashboard says the same.
    let md = site.output("markdown/index.md");
    assert!(
        md.contains("[Show all (25)](../lists/overdue.html)"),
        "{md}"
    );
}

#[test]
fn an_owner_page_shows_its_customers_a_page_at_a_time() {
    let site = site(25, "");
    site.build().ok();
    let first = site.output("owners/wang/index.html");
    let third = site.output("owners/wang/index-3.html");
    let count = |p: &str| {
        p.split("id=\"customers\"")
            .nth(1)
            .and_then(|s| s.split("</section>").next())
            .unwrap()
            .matches("<td><a href=\"../../customers/")
            .count()
    };
    assert_eq!(count(&first), 10);
    assert_eq!(count(&third), 5);
    // The summary and the lists are on the first page only.
    assert!(first.contains("id=\"watchlist\""));
    assert!(!third.contains("id=\"watchlist\""));
}

#[test]
fn customer_markdown_copies_are_written_only_when_asked_for() {
    let site = site(3, "");
    site.build().ok();
    assert!(!site.path("output/markdown/customers").exists());
    assert!(!site.path("output/charts/value").exists());
    let page = site.output("customers/c01/index.html");
    assert!(
        !page.contains("markdown/customers"),
        "no link to a missing copy"
    );
    // The value chart is inside the page.
    let value = page.split("id=\"value\"").nth(1).unwrap();
    assert!(value.contains("<svg"), "{value}");
    assert!(!value.contains("<?xml"), "{value}");
    // The site-level copy links to the HTML dossiers.
    let md = site.output("markdown/index.md");
    assert!(md.contains("](../customers/c01/index.html)"), "{md}");
    assert!(site.path("output/customers/c01/index.html").exists());

    let site = self::site(3, "markdown: all\n");
    site.build().ok();
    assert!(
        site.output("markdown/customers/c01.md")
            .contains("# Customer 01")
    );
    assert!(
        site.output("markdown/index.md")
            .contains("](customers/c01.md)")
    );
    let page = site.output("customers/c01/index.html");
    assert!(page.contains("../../markdown/customers/c01.md"), "{page}");
}

#[test]
fn a_build_prints_five_warnings_of_a_kind_and_check_prints_them_all() {
    let site = site(12, "");
    let build = site.build();
    let stderr = build.stderr();
    assert_eq!(
        stderr
            .matches("warning: current customer overdue for a visit")
            .count(),
        5,
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "note: 7 more warning(s) like \"current customer overdue for a visit\"; `dossier check` lists them all"
        ),
        "{stderr}"
    );
    let check = site.run(&["check"]);
    assert_eq!(
        check
            .stderr()
            .matches("warning: current customer overdue for a visit")
            .count(),
        12
    );
    // The summary counts every warning, printed or not.
    let all = check
        .stderr()
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .count();
    assert!(
        build.stdout().contains(&format!(" {all} warning(s)")),
        "{all}: {}",
        build.stdout()
    );
}

#[test]
fn a_page_size_of_zero_is_a_located_error() {
    let site = site(2, "");
    site.write("dossier.yaml", "as_of: 2026-11-22\npaginate_by: 0\n");
    let run = site.build();
    assert_eq!(run.code(), 1);
    assert!(
        has_diagnostic(&run.stderr(), "dossier.yaml:2:1", "`paginate_by` is 0"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_rebuild_with_nothing_changed_keeps_the_output_and_says_so() {
    let site = site(3, "");
    assert!(site.build().stdout().starts_with("built "));
    let before = site.output_files();
    let again = site.build();
    assert!(
        again
            .stdout()
            .starts_with("up to date: nothing changed since the last build (")
            && again
                .stdout()
                .contains(" warning(s); `dossier check` lists them"),
        "{}",
        again.stdout()
    );
    assert_eq!(site.output_files(), before);
    // A file of the output edited by hand is put right by the next build.
    let page = site.path("output/customers/c01/index.html");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("Customer 01", "Customer XX")).unwrap();
    assert!(site.build().stdout().starts_with("built "));
    assert_eq!(site.output_files(), before);
    // An edit of the content is built.
    site.write(
        "content/customers/c01.yaml",
        std::fs::read_to_string(site.path("content/customers/c01.yaml"))
            .unwrap()
            .replace("Customer 01", "Customer One"),
    );
    assert!(site.build().stdout().starts_with("built "));
    assert!(
        site.output("customers/c01/index.html")
            .contains("Customer One")
    );
}
