//! The JSON Schemas that `dossier schema` writes for editors, checked with
//! an independent validator (the `jsonschema` crate): they accept the
//! example site and the site `dossier init` creates, and reject the
//! mistakes an editor should flag while typing.

mod common;
use common::TestSite;
use serde_json::Value;
use std::path::Path;

/// The validators of the schemas written into `site/schemas`.
fn validators(site: &TestSite) -> Vec<(String, jsonschema::Validator)> {
    ["customer", "competitor", "company", "dossier"]
        .iter()
        .map(|kind| {
            let path = site.path(&format!("schemas/{kind}.schema.json"));
            let text = std::fs::read_to_string(&path).unwrap();
            let schema: Value = serde_json::from_str(&text).unwrap();
            let validator = jsonschema::validator_for(&schema)
                .unwrap_or_else(|e| panic!("{kind}: not a valid schema: {e}"));
            (kind.to_string(), validator)
        })
        .collect()
}

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every content file of the site at `root` with the schema it is for.
fn files_of(root: &Path) -> Vec<(&'static str, std::path::PathBuf)> {
    let mut out = vec![
        ("dossier", root.join("dossier.yaml")),
        ("company", root.join("content/company.yaml")),
    ];
    for (kind, dir) in [
        ("customer", "content/customers"),
        ("competitor", "content/competitors"),
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            out.push((kind, entry.unwrap().path()));
        }
    }
    out
}

fn errors(
    validators: &[(String, jsonschema::Validator)],
    kind: &str,
    value: &Value,
) -> Vec<String> {
    let (_, v) = validators.iter().find(|(k, _)| k == kind).unwrap();
    v.iter_errors(value).map(|e| e.to_string()).collect()
}

#[test]
fn the_schemas_accept_every_file_of_the_example_site() {
    let site = TestSite::empty();
    site.run(&["schema", "-o", "schemas"]).ok();
    let validators = validators(&site);
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = files_of(example);
    assert!(files.len() > 10, "the example site has its customers");
    for (kind, path) in files {
        let e = errors(&validators, kind, &yaml(&path));
        assert!(e.is_empty(), "{}: {e:?}", path.display());
    }
}

#[test]
fn init_writes_the_schemas_and_the_editor_settings_that_map_them() {
    let site = TestSite::empty();
    site.run(&["init", "s"]).ok();
    let settings: Value = serde_json::from_str(
        &std::fs::read_to_string(site.path("s/.vscode/settings.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        settings["yaml.schemas"]["./schemas/customer.schema.json"][0],
        "content/customers/*.yaml"
    );
    let customer =
        std::fs::read_to_string(site.path("s/content/customers/example-customer.yaml")).unwrap();
    assert!(
        customer
            .starts_with("# yaml-language-server: $schema=../../schemas/customer.schema.json\n"),
        "{customer}"
    );
    let s = TestSite {
        dir: tempfile::tempdir().unwrap(),
    };
    std::fs::rename(site.path("s/schemas"), s.path("schemas")).unwrap();
    let validators = validators(&s);
    for (kind, path) in files_of(&site.path("s")) {
        let e = errors(&validators, kind, &yaml(&path));
        assert!(e.is_empty(), "{}: {e:?}", path.display());
    }
}

#[test]
fn the_schemas_reject_a_wrong_value_and_an_unknown_field() {
    let site = TestSite::empty();
    site.run(&["schema", "-o", "schemas"]).ok();
    let validators = validators(&site);
    let good: Value = serde_yaml::from_str("name: A\nstatus: current\nmarket: producer\n").unwrap();
    assert!(errors(&validators, "customer", &good).is_empty());
    for (kind, text) in [
        ("customer", "name: A\nstatus: Current\nmarket: producer\n"),
        (
            "customer",
            "name: A\nstatus: current\nmarket: producer\nsatisfation: 4\n",
        ),
        ("customer", "name: A\nstatus: current\n"),
        (
            "customer",
            "name: A\nstatus: current\nmarket: producer\nloyalty: 9\n",
        ),
        (
            "customer",
            "name: A\nstatus: current\nmarket: producer\nlast_contact: 2026/11/05\n",
        ),
        ("competitor", "name: R\nmarket_share: 12\nswot: {}\n"),
        ("company", "name: Us\ncolour: blue\n"),
        ("dossier", "abc: { indicator: sales }\n"),
        ("dossier", "followup_days: 1.5\n"),
    ] {
        let value: Value = serde_yaml::from_str(text).unwrap();
        assert!(
            !errors(&validators, kind, &value).is_empty(),
            "{kind} accepted:\n{text}"
        );
    }
}

#[test]
fn new_adds_the_schema_line_and_refuses_outside_a_site() {
    let site = TestSite::fixture("minimal");
    let out = site.run(&["new", "competitor", "Rival Two"]).ok();
    assert!(
        out.contains("dossier schema"),
        "a site without schemas is told how to get them: {out}"
    );
    let text = std::fs::read_to_string(site.path("content/competitors/rival-two.yaml")).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema=../../schemas/competitor.schema.json\n")
    );
    let empty = TestSite::empty();
    let run = empty.run(&["new", "customer", "X"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("is not a dossier site"),
        "{}",
        run.stderr()
    );
    assert!(
        !empty.path("content").exists(),
        "nothing is created outside a site"
    );
}

#[test]
fn init_ignores_the_output_and_checks_pull_requests() {
    let site = TestSite::empty();
    site.run(&["init", "s", "--language", "zh-CN"]).ok();
    let ignore = std::fs::read_to_string(site.path("s/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "/output/"), "{ignore}");
    let workflow =
        std::fs::read_to_string(site.path("s/.github/workflows/dossier-check.yml")).unwrap();
    let parsed: Value = serde_yaml::from_str(&workflow).unwrap();
    assert!(parsed["on"].get("pull_request").is_some(), "{workflow}");
    assert!(
        workflow.contains("dossier check --format github"),
        "{workflow}"
    );
    site.run(&["build", "-r", "s"]).ok();
    let index = std::fs::read_to_string(site.path("s/output/index.html")).unwrap();
    assert!(index.contains("<html lang=\"zh-CN\">"));
    let bad = site.run(&["init", "t", "--language", "zh"]);
    assert_eq!(bad.code(), 2);
    assert!(
        bad.stderr().contains("did you mean `zh-CN`?"),
        "{}",
        bad.stderr()
    );
}

#[test]
fn completions_are_printed_for_each_shell() {
    let site = TestSite::empty();
    for shell in ["bash", "zsh", "fish"] {
        let out = site.run(&["completions", shell]).ok();
        assert!(out.contains("dossier"), "{shell}");
        assert!(
            out.contains("deny-warnings"),
            "{shell}: subcommand flags complete"
        );
    }
}
