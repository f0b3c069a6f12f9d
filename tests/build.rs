//! `dossier build` on fixture sites: what a user finds in `output/`.

mod common;
use common::TestSite;

#[test]
fn build_writes_every_page_kind_and_the_export() {
    let site = TestSite::fixture("minimal");
    let out = site.build().ok();
    assert!(
        out.contains("built ") && out.contains("2 customers"),
        "{out}"
    );
    for page in [
        "index.html",
        "company/index.html",
        "customers/index.html",
        "customers/acme/index.html",
        "customers/beta-prospect/index.html",
        "competitors/index.html",
        "competitors/rival-group/index.html",
        "pages/about/index.html",
        "markdown/customers/acme.md",
        "markdown/competitors/rival-group.md",
        "markdown/company.md",
        "markdown/index.md",
        "data/analysis.json",
        "assets/style.css",
        "404.html",
    ] {
        assert!(site.path("output").join(page).is_file(), "missing {page}");
    }
    let json: serde_json::Value = serde_json::from_str(&site.output("data/analysis.json")).unwrap();
    assert_eq!(json["format"], 2);
    assert_eq!(json["as_of"], "2026-11-22");
    let swot = &json["company"]["swot"];
    assert_eq!(swot["strengths"], 15);
    assert_eq!(swot["internal"], 10);
    assert_eq!(swot["external"], 2);
    assert_eq!(swot["posture"], "SO");
    assert_eq!(json["competitors"]["rival-group"]["swot"]["posture"], "WT");
    assert_eq!(json["customers"]["acme"]["status"], "current");
    assert_eq!(json["customers"]["beta-prospect"]["status"], "prospect");
}

#[test]
fn content_text_is_escaped_and_markdown_html_sanitised() {
    let site = TestSite::fixture("minimal");
    site.build().ok();
    let page = site.output("customers/acme/index.html");
    assert!(page.contains("Acme &lt;script&gt;"), "name must be escaped");
    assert!(!page.contains("<script>alert"), "no script from content");
    assert!(!page.contains("onerror"), "no event handlers from Markdown");
    assert!(page.contains("<table>"), "Markdown tables render");
    let about = site.output("pages/about/index.html");
    assert!(!about.contains("<script>alert(1)"));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = TestSite::fixture("minimal");
    site.build().ok();
    let before = site.output_files();
    site.write(
        "content/customers/acme.yaml",
        "name: Acme\nstatus: nope\nmarket: producer\n",
    );
    let run = site.build();
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr()
            .contains(" --> content/customers/acme.yaml:2:9\n"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("previous output is unchanged"));
    assert_eq!(before, site.output_files());
}

#[test]
fn output_inside_the_content_or_the_site_itself_is_refused() {
    let site = TestSite::fixture("minimal");
    for bad in ["content", "content/out", "."] {
        let run = site.run(&["build", "--output", bad]);
        assert_eq!(run.code(), 2, "--output {bad}: {}", run.stderr());
        assert!(run.stderr().contains("refusing"), "{}", run.stderr());
    }
    assert!(site.path("content/company.yaml").is_file());
}

#[test]
fn a_folder_not_made_by_dossier_is_never_replaced() {
    let site = TestSite::fixture("minimal");
    site.write("mine/notes.txt", "precious");
    let run = site.run(&["build", "--output", "mine"]);
    assert_eq!(run.code(), 2);
    assert_eq!(
        std::fs::read_to_string(site.path("mine/notes.txt")).unwrap(),
        "precious"
    );
}

#[test]
fn build_into_another_folder_with_root() {
    let site = TestSite::fixture("minimal");
    let out = TestSite::empty();
    let target = out.path("site");
    let run = TestSite::empty().run(&[
        "build",
        "--root",
        site.root().to_str().unwrap(),
        "--output",
        target.to_str().unwrap(),
    ]);
    run.ok();
    assert!(target.join("index.html").is_file());
}

#[test]
fn every_internal_link_resolves_from_disk() {
    let site = TestSite::fixture("minimal");
    site.build().ok();
    let out = site.path("output");
    let mut checked = 0;
    for (rel, bytes) in site.output_files() {
        if !rel.ends_with(".html") || rel == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for link in links(&html) {
            if link.starts_with("http") || link.starts_with('#') || link.starts_with("mailto:") {
                continue;
            }
            let path = link.split('#').next().unwrap();
            let base = std::path::Path::new(&rel).parent().unwrap();
            let target = out.join(base).join(path);
            assert!(target.is_file(), "{rel}: broken link {link}");
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} links checked");
}

/// The values of href="..." and src="..." attributes.
fn links(html: &str) -> Vec<String> {
    let mut v = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                v.push(rest[..end].to_string());
            }
        }
    }
    v
}

#[test]
fn markdown_copies_read_as_markdown() {
    let site = TestSite::fixture("minimal");
    site.build().ok();
    let md = site.output("markdown/customers/acme.md");
    assert!(md.starts_with("# Acme <script>"), "{md}");
    assert!(md.contains("| 2026 | 120,000 | 25,000 |"), "{md}");
    let company = site.output("markdown/company.md");
    assert!(company.contains("**Strengths** (15)"), "{company}");
}

#[test]
fn a_rebuild_removes_pages_of_deleted_customers_and_keeps_unchanged_files() {
    let site = TestSite::fixture("minimal");
    site.build().ok();
    let page = site.path("output/competitors/rival-group/index.html");
    let before = std::fs::metadata(&page).unwrap().modified().unwrap();
    std::fs::remove_file(site.path("content/customers/beta-prospect.yaml")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.build().ok();
    assert!(!site.path("output/customers/beta-prospect").exists());
    assert!(
        !site
            .path("output/markdown/customers/beta-prospect.md")
            .exists()
    );
    assert!(!site.output("index.html").contains("beta-prospect"));
    let after = std::fs::metadata(&page).unwrap().modified().unwrap();
    assert_eq!(before, after, "an unchanged page is not written again");
    assert!(!site.path("output/.dossier-tmp").exists());
}

#[test]
fn labels_follow_the_language_and_an_unknown_language_is_an_error() {
    let site = TestSite::fixture("minimal");
    site.write(
        "dossier.yaml",
        "title: 测试\nlanguage: zh-CN\nas_of: 2026-11-22\n",
    );
    site.build().ok();
    let index = site.output("index.html");
    assert!(index.contains("<html lang=\"zh-CN\">"));
    assert!(
        index.contains("客户组合"),
        "Chinese labels on the dashboard"
    );
    site.write("dossier.yaml", "language: fr\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains(
            "error: unknown language `fr`: the theme has labels for en, zh-CN\n --> dossier.yaml:1:1"
        ),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_site_template_overrides_the_theme_and_template_errors_are_located() {
    let site = TestSite::fixture("minimal");
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}<p>OVERRIDDEN {{ page.front.title }}</p>{% endblock content %}");
    site.build().ok();
    assert!(
        site.output("pages/about/index.html")
            .contains("OVERRIDDEN About these dossiers")
    );
    site.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}{{ page.nope.deeper }}{% endblock content %}");
    let run = site.build();
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("templates/page.html:2:"),
        "{}",
        run.stderr()
    );
}

#[test]
fn pages_are_rendered_again_when_their_content_or_template_changes() {
    let site = TestSite::fixture("minimal");
    site.build().ok();
    let acme = std::fs::read_to_string(site.path("content/customers/acme.yaml")).unwrap();
    site.write(
        "content/customers/acme.yaml",
        acme.replace("Acme <script>", "Acme Renamed <script>"),
    );
    site.build().ok();
    assert!(
        site.output("customers/acme/index.html")
            .contains("Acme Renamed")
    );
    assert!(site.output("index.html").contains("Acme Renamed"));
    assert!(
        site.output("markdown/customers/acme.md")
            .contains("Acme Renamed")
    );
    site.write(
        "templates/customer.html",
        "{% extends \"base.html\" %}{% block content %}<p>NEW TEMPLATE {{ row.name }}</p>{% endblock content %}",
    );
    site.build().ok();
    assert!(
        site.output("customers/acme/index.html")
            .contains("NEW TEMPLATE")
    );
    assert!(
        site.output("customers/beta-prospect/index.html")
            .contains("NEW TEMPLATE")
    );
}
