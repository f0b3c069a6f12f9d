//! docs/themes.md against the real template contexts. Every page template
//! the docs list is replaced (through the site's own `templates/`) by one
//! that writes out what it receives: Tera's `__tera_context`, each
//! variable with the fields of its value (or of its first element). The
//! test then fails when a page gets a variable the docs do not name, when
//! the docs name one the page does not get, and likewise for the fields
//! listed in "The fields of the page variables".

mod common;

use common::{TestSite, commit, init_repo};
use std::collections::{BTreeMap, BTreeSet};

/// Writes one line per variable: `name: field field ...` (the fields of a
/// map, or of an array's first element when it is a map).
const DUMPER: &str = "{% for k, v in __tera_context %}{{ k }}:\
{% if v is map %}{% for f, x in v %} {{ f }}{% endfor %}\
{% elif v is array and v | length > 0 %}{% if v[0] is map %}{% for f, x in v[0] %} {{ f }}{% endfor %}{% endif %}{% endif %}\n\
{% endfor %}";

fn docs() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/themes.md");
    std::fs::read_to_string(path).unwrap()
}

/// The backticked words of `text`.
fn quoted(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The rows of the first Markdown table after `heading`, as cells.
fn table(docs: &str, heading: &str) -> Vec<Vec<String>> {
    let at = docs
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("docs/themes.md has no {heading:?}"));
    docs[at..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

struct Documented {
    /// Template -> (an output path pattern, its page variables).
    pages: BTreeMap<String, (String, BTreeSet<String>)>,
    /// The variables every template sees.
    global: BTreeSet<String>,
    /// Variable -> (the templates it is checked on, its fields).
    fields: Vec<(String, Vec<String>, BTreeSet<String>)>,
}

fn documented() -> Documented {
    let docs = docs();
    let mut pages: BTreeMap<String, (String, BTreeSet<String>)> = BTreeMap::new();
    for row in table(&docs, "## Which template renders which page") {
        let template = quoted(&row[0]).remove(0);
        let output = quoted(&row[1]).remove(0);
        let vars = match row[2].strip_prefix("as ") {
            Some(other) => pages[&quoted(other)[0]].1.clone(),
            None if row[2] == "none" => BTreeSet::new(),
            None => quoted(&row[2]).into_iter().collect(),
        };
        pages.insert(template, (output, vars));
    }
    let global = table(&docs, "### Variables every template sees")
        .iter()
        .map(|row| quoted(&row[0]).remove(0))
        .collect();
    let fields = table(&docs, "### The fields of the page variables")
        .iter()
        .map(|row| {
            let templates = if row[1].starts_with("every template") {
                pages.keys().cloned().collect()
            } else {
                quoted(&row[1])
                    .into_iter()
                    .filter(|t| pages.contains_key(t))
                    .collect()
            };
            let fields = quoted(&row[2]).into_iter().collect();
            (quoted(&row[0]).remove(0), templates, fields)
        })
        .collect();
    Documented {
        pages,
        global,
        fields,
    }
}

/// The minimal fixture with a history baseline (so that the changes pages
/// exist) and every listed template replaced by the dumper.
fn dumped_site(templates: impl Iterator<Item = String>) -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write(".gitignore", "output/\n");
    init_repo(site.root());
    commit(site.root(), "baseline", "v1");
    let config = std::fs::read_to_string(site.path("dossier.yaml")).unwrap();
    site.write(
        "dossier.yaml",
        format!("{config}history:\n  baseline: v1\n"),
    );
    for t in templates {
        site.write(&format!("templates/{t}"), DUMPER);
    }
    site.build().ok();
    site
}

/// The output file matching `pattern` (`customers/<slug>/index.html`:
/// the first customer's page).
fn output_for(site: &TestSite, pattern: &str) -> String {
    let matches = |rel: &str| match (pattern.find('<'), pattern.find('>')) {
        (Some(a), Some(b)) => {
            rel.len() > a + pattern.len() - b - 1
                && rel.starts_with(&pattern[..a])
                && rel.ends_with(&pattern[b + 1..])
        }
        _ => rel == pattern,
    };
    let (_, bytes) = site
        .output_files()
        .into_iter()
        .find(|(rel, _)| matches(rel))
        .unwrap_or_else(|| panic!("no output file for {pattern}"));
    String::from_utf8(bytes).unwrap()
}

/// Variable -> its fields, as a dumped page lists them.
fn parse_dump(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    text.lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(name, fields)| {
            let fields = fields.split_whitespace().map(str::to_string).collect();
            (name.trim().to_string(), fields)
        })
        .collect()
}

#[test]
fn every_page_gets_exactly_the_variables_and_fields_the_docs_list() {
    let docs = documented();
    assert!(docs.pages.len() >= 16, "{:?}", docs.pages.keys());
    let site = dumped_site(docs.pages.keys().cloned());
    let mut problems = Vec::new();
    let mut dumps = BTreeMap::new();
    for (template, (output, page_vars)) in &docs.pages {
        let got = parse_dump(&output_for(&site, output));
        let want: BTreeSet<String> = docs.global.union(page_vars).cloned().collect();
        let have: BTreeSet<String> = got.keys().cloned().collect();
        for v in have.difference(&want) {
            problems.push(format!(
                "{template} gets `{v}`, which docs/themes.md does not list"
            ));
        }
        for v in want.difference(&have) {
            problems.push(format!(
                "docs/themes.md lists `{v}` on {template}, which it does not get"
            ));
        }
        dumps.insert(template.clone(), got);
    }
    for (var, templates, fields) in &docs.fields {
        assert!(!templates.is_empty(), "`{var}`: no template to check it on");
        for template in templates {
            let Some(have) = dumps[template].get(var) else {
                continue; // reported above
            };
            for f in have.difference(fields) {
                problems.push(format!(
                    "`{var}.{f}` on {template} is not in docs/themes.md"
                ));
            }
            for f in fields.difference(have) {
                problems.push(format!(
                    "docs/themes.md lists `{var}.{f}`, which {template} lacks"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
