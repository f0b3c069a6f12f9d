//! What the built files may carry from hostile content: no script in the
//! Markdown copies, no character that breaks an SVG, no `javascript:`
//! base URL, no image that cannot load.

mod common;

use common::TestSite;

#[test]
fn markdown_copies_carry_no_script_event_handler_or_javascript_link() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/customers/beta-prospect.yaml",
        "name: Beta <img src=x onerror=alert(1)>\nstatus: prospect\nmarket: consumer\n\
         reason: \"[click](javascript:alert(2)) <a href='javascript:alert(3)'>x</a>\"\n\
         notes: |\n  <script>alert(4)</script>\n  <div onmouseover=\"alert(5)\">hover</div>\n",
    );
    site.build().ok();
    let mut checked = 0;
    for (rel, bytes) in site.output_files() {
        if !rel.ends_with(".md") {
            continue;
        }
        checked += 1;
        let text = String::from_utf8(bytes).unwrap().to_ascii_lowercase();
        for bad in ["<script", "onerror", "onmouseover", "javascript:"] {
            assert!(!text.contains(bad), "{bad} in {rel}:\n{text}");
        }
    }
    assert!(checked > 3);
    let md = site.output("markdown/customers/beta-prospect.md");
    assert!(md.contains("# Beta"), "{md}");
    assert!(md.contains("hover"), "{md}");
}

#[test]
fn control_characters_in_content_never_make_an_svg_or_page_malformed() {
    let site = TestSite::fixture("minimal");
    let text = std::fs::read_to_string(site.path("content/customers/beta-prospect.yaml")).unwrap();
    site.write(
        "content/customers/beta-prospect.yaml",
        text.replacen(
            "name: 北京贝塔科技",
            "name: \"Beta\\x01\\x08\\x1b[2J Co\"",
            1,
        ),
    );
    site.build().ok();
    let mut svgs = 0;
    for (rel, bytes) in site.output_files() {
        let text = String::from_utf8_lossy(&bytes);
        if rel.ends_with(".svg") {
            svgs += 1;
        }
        if rel.ends_with(".svg") || rel.ends_with(".html") || rel.ends_with(".md") {
            let bad = text
                .chars()
                .find(|&c| c < ' ' && !matches!(c, '\t' | '\n' | '\r'));
            assert_eq!(bad, None, "{rel} holds a character XML forbids");
            assert!(!text.contains("&#1;") && !text.contains("&#x1;"), "{rel}");
        }
    }
    assert!(svgs > 0);
    assert!(site.output("index.html").contains("Beta[2J Co"));
}

#[test]
fn a_base_url_that_is_not_http_or_a_path_is_a_located_config_error() {
    let site = TestSite::fixture("minimal");
    for bad in ["javascript:alert(1)", "data:text/html,x", "//evil.example/"] {
        site.write(
            "dossier.yaml",
            format!("title: Test dossiers\nbase_url: \"{bad}\"\nas_of: 2026-11-22\n"),
        );
        let run = site.run(&["check"]);
        assert_eq!(run.code(), 1, "{bad}");
        assert!(
            common::has_diagnostic(&run.stderr(), "dossier.yaml:2:11", "base_url"),
            "{bad}: {}",
            run.stderr()
        );
    }
    site.write(
        "dossier.yaml",
        "title: Test dossiers\nbase_url: https://reports.example.com/dossier/\nas_of: 2026-11-22\n",
    );
    site.build().ok();
    assert!(
        site.output("404.html")
            .contains("https://reports.example.com/dossier/")
    );
}

#[test]
fn images_in_notes_have_an_alt_and_unresolved_ones_are_reported_by_check() {
    let site = TestSite::fixture("minimal");
    let text = std::fs::read_to_string(site.path("content/customers/beta-prospect.yaml")).unwrap();
    site.write(
        "content/customers/beta-prospect.yaml",
        format!("{text}notes: |\n  Our logo: ![logo](logo.png)\n  <img src=x onerror=alert(1)>\n"),
    );
    let run = site.run(&["check"]);
    let err = run.stderr();
    assert!(
        common::has_diagnostic(
            &err,
            "content/customers/beta-prospect.yaml:9:21",
            "warning: the image `logo.png` does not resolve"
        ),
        "{err}"
    );
    assert!(
        common::has_diagnostic(
            &err,
            "content/customers/beta-prospect.yaml:10:12",
            "warning: the image `x` does not resolve"
        ),
        "{err}"
    );
    site.build().ok();
    let page = site.output("customers/beta-prospect/index.html");
    let imgs: Vec<&str> = page.split("<img").skip(1).collect();
    assert!(page.contains("<img src=\"x\" alt=\"\">"), "{page}");
    for img in imgs {
        let tag = &img[..img.find('>').unwrap()];
        assert!(tag.contains(" alt="), "<img{tag}> has no alt");
    }
}
