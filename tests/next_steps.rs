//! A dossier's next steps read the same on the HTML page and in its
//! Markdown copy: the same steps, in the same order, with the same words
//! (or the same "no advice applies yet"). Checked for every customer of
//! the example site and of the fixture sites, in English and in German.

mod common;

use common::TestSite;
use std::path::Path;
use std::process::Command;

/// Text without tags, HTML entities decoded.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

/// The steps of a dossier page: each `<li>` of the next-steps list, or
/// the one "no advice" note when the list is empty (then `false`).
fn html_steps(page: &str) -> (Vec<String>, bool) {
    let start = page
        .find(r#"id="next-steps""#)
        .expect("the page has a next-steps section");
    let section = &page[start..];
    let section = &section[..section.find("</section>").unwrap()];
    let list = &section[section.find(r#"<ol class="steps">"#).unwrap()..];
    let (items, after) = list.split_at(list.find("</ol>").unwrap());
    let steps: Vec<String> = items
        .split("<li>")
        .skip(1)
        .map(|li| html_text(li.split("</li>").next().unwrap()))
        .collect();
    if steps.is_empty() {
        let note = &after[after.find(r#"<p class="meta">"#).expect("a note")..];
        (vec![html_text(&note[..note.find("</p>").unwrap()])], false)
    } else {
        (steps, true)
    }
}

/// The steps of a Markdown copy: the list items under the next-steps
/// heading (bold marks dropped), or its one italic note.
fn markdown_steps(copy: &str, heading: &str) -> Vec<String> {
    let title = format!("## {heading}");
    let mut lines = copy
        .lines()
        .skip_while(|l| *l != title)
        .skip(1)
        .take_while(|l| !l.starts_with("## ") && !l.starts_with("**"))
        .filter(|l| !l.trim().is_empty())
        .peekable();
    assert!(lines.peek().is_some(), "no steps under {title}:\n{copy}");
    lines
        .map(|l| {
            let l = l.strip_prefix("- ").unwrap_or(l);
            let l = l.trim_matches('_');
            l.replace("**", "")
        })
        .collect()
}

/// Compares the steps of every dossier built into `out`; returns how
/// many dossiers had at least one step.
fn compare_all(out: &Path, heading: &str) -> usize {
    let mut with_steps = 0;
    let customers = out.join("customers");
    let mut slugs: Vec<String> = std::fs::read_dir(&customers)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    slugs.sort();
    assert!(
        !slugs.is_empty(),
        "no dossiers under {}",
        customers.display()
    );
    for slug in &slugs {
        let page = std::fs::read_to_string(customers.join(slug).join("index.html")).unwrap();
        let copy =
            std::fs::read_to_string(out.join(format!("markdown/customers/{slug}.md"))).unwrap();
        let (html, listed) = html_steps(&page);
        assert_eq!(
            html,
            markdown_steps(&copy, heading),
            "{slug}: the Markdown copy's next steps differ from the page's"
        );
        with_steps += usize::from(listed);
    }
    with_steps
}

fn build(root: &Path, out: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--quiet", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn the_example_sites_pages_and_copies_show_the_same_next_steps() {
    let out = tempfile::tempdir().unwrap();
    build(Path::new(env!("CARGO_MANIFEST_DIR")), out.path());
    assert!(compare_all(out.path(), "Next steps") >= 10);
}

#[test]
fn fixture_sites_pages_and_copies_show_the_same_next_steps() {
    for case in ["frameworks", "minimal", "serve"] {
        let site = TestSite::fixture(case);
        site.build().ok();
        assert!(
            compare_all(&site.path("output"), "Next steps") > 0,
            "{case}"
        );
    }
}

#[test]
fn the_copies_agree_in_another_language_too() {
    let site = TestSite::fixture("frameworks");
    let config = std::fs::read_to_string(site.path("dossier.yaml")).unwrap();
    let config: String = config
        .lines()
        .filter(|l| !l.starts_with("language:"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("dossier.yaml", format!("language: de\n{config}"));
    site.build().ok();
    assert!(compare_all(&site.path("output"), "Nächste Schritte") > 0);
}
