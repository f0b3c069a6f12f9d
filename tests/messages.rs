//! The messages a manager sees for the mistakes they make, in every kind
//! of file, as printed (rustc's shape: `error:`, ` --> file:line:col`,
//! the source lines with a caret, `= help:` with the fix); and the
//! machine formats of `check`.

mod common;
use common::TestSite;

/// `dossier check` on the minimal site with `files` written over it; the
/// problems as printed (no colour: the output is not a terminal).
fn check(files: &[(&str, &str)]) -> String {
    let site = TestSite::fixture("minimal");
    for (path, text) in files {
        site.write(path, text);
    }
    let run = site.run(&["check"]);
    let err = run.stderr();
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// Asserts that `err` holds `snapshot` as one block.
#[track_caller]
fn has(err: &str, snapshot: &str) {
    assert!(
        err.contains(snapshot),
        "expected\n{snapshot}\nin\n{err}\n(an ESC here means colour was printed to a pipe)"
    );
}

const CUSTOMER: &str = "name: C\nstatus: current\nmarket: producer\n";

#[test]
fn a_customer_s_typical_mistakes() {
    let err = check(&[
        (
            "content/customers/c.yaml",
            "name: C\nstatus: Current\nmarket： producer\nsatisfation: 4\nloyalty: 92%\nmetrics:\n  - { period: \"2025\", revenue: 1,850,000, profit: 2 }\n  - period: \"2026\"\n    revenue: 1,850,000\n    profit: 1\ncontacts:\n  - { name: A, role: user, disc: c }\n",
        ),
        ("content/customers/only.yaml", "name: Only\n"),
        (
            "content/customers/list.yaml",
            "name: L\nstatus: current\nmarket: producer\ncontacts:\n  name: A\n  role: user\n",
        ),
        (
            "content/customers/dup.yaml",
            "name: D\nstatus: current\nmarket: producer\nname: D2\n",
        ),
    ]);
    has(
        &err,
        "error: `Current` is not an accepted value for `status`
 --> content/customers/c.yaml:2:9
  |
1 | name: C
2 | status: Current
  |         ^^^^^^^
  = help: only the case is wrong: write `current`
",
    );
    has(
        &err,
        "error: `market` is followed by the full-width colon `：` (U+FF1A), not `:`
 --> content/customers/c.yaml:3:7
  |
2 | status: Current
3 | market： producer
  |       ^^
  = help: replace the full-width colon `：` with `:` (an ASCII colon followed by a space)
",
    );
    has(
        &err,
        "error: unknown field `satisfation`
 --> content/customers/c.yaml:4:1
  |
3 | market： producer
4 | satisfation: 4
  | ^^^^^^^^^^^
  = help: did you mean `satisfaction`?
",
    );
    has(
        &err,
        "error: `92%` is a percentage, but this is a score from 1 to 5
 --> content/customers/c.yaml:5:10
",
    );
    has(
        &err,
        "error: `1,850,000` is split into several values: inside `{ }` a comma separates fields
 --> content/customers/c.yaml:7:34
  |
6 | metrics:
7 |   - { period: \"2025\", revenue: 1,850,000, profit: 2 }
  |                                  ^^^
  = help: remove the thousands separators: write 1850000
",
    );
    has(
        &err,
        "error: `1,850,000` has thousands separators
 --> content/customers/c.yaml:9:14
  |
8 |   - period: \"2026\"
9 |     revenue: 1,850,000
  |              ^^^^^^^^^
  = help: remove the thousands separators: write 1850000
",
    );
    has(
        &err,
        "error: `c` is not an accepted value for `disc`
  --> content/customers/c.yaml:12:34
   |
11 | contacts:
12 |   - { name: A, role: user, disc: c }
   |                                  ^
   = help: only the case is wrong: write `C`
",
    );
    has(
        &err,
        "error: missing fields `status`, `market`
 --> content/customers/only.yaml:1:1
  |
1 | name: Only
  | ^^^^
  = help: add `status:` (one of `prospect`, `current`, `former`, `blacklisted`) and `market:` (one of `consumer`, `producer`, `intermediary`, `government`, `international`) to this block
",
    );
    has(
        &err,
        "error: `contacts` should be a list, but it is a block of `key: value` lines
 --> content/customers/list.yaml:5:3
  |
4 | contacts:
5 |   name: A
  |   ^^^^
  = help: `contacts` is a list: start each contact with `- ` (a dash and a space)
",
    );
    assert_eq!(
        err.matches("list.yaml:").count(),
        1,
        "a mapping where a list belongs is one problem:\n{err}"
    );
    has(
        &err,
        "error: `name` is written twice in the same block
 --> content/customers/dup.yaml:4:1
",
    );
    for rust in [
        "unknown variant",
        "expected struct",
        "expected u32",
        "invalid type",
        "expected a sequence",
    ] {
        assert!(!err.contains(rust), "`{rust}` in:\n{err}");
    }
}

#[test]
fn competitor_references_by_name_or_with_a_typo_get_the_slug() {
    let err = check(&[(
        "content/customers/c.yaml",
        "name: C\nstatus: prospect\nmarket: producer\ncontacts: [{ name: A, role: decision_maker }]\ndeal: { competitors: [Rival Group, rivl-group] }\n",
    )]);
    has(
        &err,
        "  |                       ^^^^^^^^^^^
  = help: `Rival Group` is the competitor's name: write its slug (its file name) `rival-group`
",
    );
    has(
        &err,
        " --> content/customers/c.yaml:5:36
  |
4 | contacts: [{ name: A, role: decision_maker }]
5 | deal: { competitors: [Rival Group, rivl-group] }
  |                                    ^^^^^^^^^^
  = help: did you mean `rival-group`?
",
    );
}

#[test]
fn a_typo_of_a_competitor_s_name_written_as_a_slug_gets_its_slug() {
    let err = check(&[
        (
            "content/competitors/pinnacle-learning.yaml",
            "name: Pinnacle Learning Group\nswot: {}\n",
        ),
        (
            "content/customers/c.yaml",
            "name: C\nstatus: prospect\nmarket: producer\ncontacts: [{ name: A, role: decision_maker }]\ndeal: { competitors: [pinacle-learning-group] }\n",
        ),
    ]);
    has(
        &err,
        "error: unknown competitor `pinacle-learning-group`: there is no content/competitors/pinacle-learning-group.yaml
 --> content/customers/c.yaml:5:23
",
    );
    has(
        &err,
        "  = help: did you mean `pinnacle-learning` (Pinnacle Learning Group)?\n",
    );
}

#[test]
fn a_competitor_company_page_and_settings_get_the_same_help() {
    let err = check(&[
        (
            "content/competitors/rival-group.yaml",
            "name: Rival Group\nmarket_share: 12%\nswot: {}\n",
        ),
        (
            "content/company.yaml",
            "name: Us\nfive_forces:\n  rivalry: { level: 3 }\n",
        ),
        (
            "content/pages/about.md",
            "---\ntitle: About\nweigth: 3\n---\nText\n",
        ),
        ("dossier.yaml", "language: zh\n"),
    ]);
    has(
        &err,
        "error: `12%` is a percentage, but this is a number from 0 to 1
 --> content/competitors/rival-group.yaml:2:15
  |
1 | name: Rival Group
2 | market_share: 12%
  |               ^^^
  = help: write 0.12 for 12%
",
    );
    has(
        &err,
        "error: missing fields `new_entrants`, `substitutes`, `buyer_power`, `supplier_power` in `five_forces`
 --> content/company.yaml:3:3
",
    );
    has(
        &err,
        "  = help: add `new_entrants:`, `substitutes:`, `buyer_power:` and `supplier_power:` to this block\n",
    );
    has(
        &err,
        "error: unknown field `weigth`
 --> content/pages/about.md:3:1
  |
2 | title: About
3 | weigth: 3
  | ^^^^^^
  = help: did you mean `weight`?
",
    );
    has(
        &err,
        "error: unknown language `zh`: the theme has labels for bg, de, en, zh-CN, zh-TW
 --> dossier.yaml:1:1
  |
1 | language: zh
  | ^^^^^^^^
  = help: did you mean `zh-CN`? write `language: zh-CN`
",
    );
}

#[test]
fn settings_mistakes_are_in_words_with_the_fix() {
    let err = check(&[(
        "dossier.yaml",
        "followup_days: 1.5\nabc: { indicator: Profit }\nas_of: 2026/11/22\n",
    )]);
    has(
        &err,
        "error: `followup_days` should be a whole number, 0 or more, but it is the number 1.5
 --> dossier.yaml:1:16
  |
1 | followup_days: 1.5
  |                ^^^
  = help: write a whole number such as 90, without decimals or a minus sign
",
    );
    has(&err, "  = help: only the case is wrong: write `profit`\n");
    has(
        &err,
        "error: `2026/11/22` is not written as YYYY-MM-DD
 --> dossier.yaml:3:8
  |
2 | abc: { indicator: Profit }
3 | as_of: 2026/11/22
  |        ^^^^^^^^^^
  = help: write the date as 2026-11-22
",
    );
}

#[test]
fn syntax_mistakes_say_how_to_fix_them() {
    let err = check(&[
        (
            "content/customers/quote.yaml",
            "name: Q\nstatus: current\nmarket: producer\nnotes: Price: 1,200 CNY\n",
        ),
        (
            "content/customers/tab.yaml",
            "name: T\nstatus: current\nmarket: producer\n\tregion: x\n",
        ),
    ]);
    has(
        &err,
        "  = help: the value contains `: `: put the text in quotes, for example `notes: \"Price: 1,200\"`\n",
    );
    has(&err, "  = help: use spaces, not tabs, to indent\n");
}

#[test]
fn a_byte_order_mark_is_accepted_in_every_kind_of_file() {
    let site = TestSite::fixture("minimal");
    let bom = |rel: &str| {
        let text = std::fs::read(site.path(rel)).unwrap();
        site.write(rel, [b"\xEF\xBB\xBF".as_slice(), &text].concat());
    };
    for rel in [
        "dossier.yaml",
        "content/company.yaml",
        "content/customers/acme.yaml",
        "content/competitors/rival-group.yaml",
        "content/pages/about.md",
    ] {
        bom(rel);
    }
    let run = site.build();
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(site.output("pages/about/index.html").contains("About"));
    // A problem in a BOM file is reported at its real line, without the mark.
    site.write(
        "content/customers/b.yaml",
        "\u{feff}name: B\nstatus: curent\nmarket: producer\n",
    );
    let err = site.run(&["check"]).stderr();
    has(
        &err,
        " --> content/customers/b.yaml:2:9
  |
1 | name: B
2 | status: curent
",
    );
}

#[test]
fn file_names_and_encodings_that_are_not_read_are_reported() {
    let site = TestSite::fixture("minimal");
    site.write("content/customers/Copy.YAML", CUSTOMER);
    site.write("content/customers/acme.yaml.txt", CUSTOMER);
    std::fs::rename(
        site.path("content/company.yaml"),
        site.path("content/company.yml"),
    )
    .unwrap();
    // 名称: 客户 in GBK, as a Chinese Windows editor saves it.
    site.write(
        "content/customers/gbk.yaml",
        b"name: \xbf\xcd\xbb\xa7\nstatus: current\n",
    );
    let err = site.run(&["check"]).stderr();
    has(
        &err,
        "error: file not found, but there is content/company.yml
 --> content/company.yaml
  = help: rename content/company.yml to content/company.yaml
",
    );
    has(
        &err,
        "error: `Copy` is not a valid slug: a file name uses only lowercase ASCII letters, digits and `-` (put the full name in `name:`)
 --> content/customers/Copy.YAML
  = help: rename the file to `copy.yaml`
",
    );
    has(
        &err,
        " --> content/customers/acme.yaml.txt
  = help: rename it to `acme.yaml` (lowercase, ending in `.yaml`) if it should be read
",
    );
    has(
        &err,
        "error: the file is not UTF-8 text: it looks like GBK (Chinese Windows) text
 --> content/customers/gbk.yaml:1:7
  |
1 | name: 客户
  |       ^^^^
  = help: save it as UTF-8",
    );
}

#[test]
fn an_empty_settings_file_is_an_error_and_a_commented_one_means_defaults() {
    let site = TestSite::fixture("minimal");
    site.write("dossier.yaml", "");
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 1);
    has(
        &run.stderr(),
        "error: the file is empty
 --> dossier.yaml
  = help: delete dossier.yaml to use the default settings, or write a setting such as `title: Customer analysis`
",
    );
    site.write("dossier.yaml", "# all defaults\n");
    site.run(&["check"]).ok();
}

#[test]
fn whole_file_warnings_do_not_quote_a_comment_line() {
    let err = check(&[(
        "content/customers/quiet.yaml",
        "# A comment first\nname: Quiet\nstatus: current\nmarket: producer\n",
    )]);
    has(
        &err,
        "warning: current customer overdue for a visit: no `last_contact` recorded
 --> content/customers/quiet.yaml
  = help: visit or call them, then set `last_contact:` to that date
",
    );
    assert!(!err.contains("| # A comment first"), "{err}");
}

#[test]
fn colour_only_when_asked_for_and_never_with_no_color() {
    let site = TestSite::fixture("minimal");
    site.write("content/customers/c.yaml", "name: C\nstatus: nope\n");
    assert!(!site.run(&["check"]).stderr().contains('\x1b'));
    let always = site.run(&["check", "--color", "always"]).stderr();
    assert!(always.contains("\x1b[1;31merror\x1b[0m"), "{always}");
    let never = site.run(&["check", "--color", "never"]).stderr();
    assert!(!never.contains('\x1b'));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["check", "--color", "auto"])
        .current_dir(site.root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\x1b'));
}

#[test]
fn check_prints_json_objects_and_github_annotations() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/customers/c.yaml",
        "name: C\nstatus: Current\nmarket: producer\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code(), 1);
    let objects: Vec<serde_json::Value> = run
        .stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let status = objects
        .iter()
        .find(|o| o["file"] == "content/customers/c.yaml")
        .unwrap();
    assert_eq!(
        *status,
        serde_json::json!({
            "severity": "error",
            "file": "content/customers/c.yaml",
            "line": 2,
            "column": 9,
            "end": { "line": 2, "column": 16 },
            "message": "`Current` is not an accepted value for `status`",
            "help": "only the case is wrong: write `current`",
        })
    );
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stdout().contains("::error file=content/customers/c.yaml,line=2,col=9,endColumn=16,title=dossier check::`Current` is not an accepted value for `status`%0Ahelp: only the case is wrong: write `current`\n"),
        "{}",
        run.stdout()
    );
}

#[test]
fn quiet_prints_only_errors() {
    let site = TestSite::fixture("minimal");
    site.write("content/customers/quiet.yaml", CUSTOMER);
    let run = site.run(&["-q", "check"]);
    assert_eq!(run.code(), 0);
    assert_eq!(run.stdout(), "");
    assert_eq!(run.stderr(), "", "warnings are not printed with --quiet");
    let run = site.run(&["check", "--quiet", "-r", "."]);
    assert_eq!(run.stdout(), "");
}

#[test]
fn a_ratings_row_written_twice_is_reported_at_the_second() {
    let err = check(&[(
        "content/company.yaml",
        "name: Us\nobl:\n  industry:\n    criteria: [a]\n    ratings:\n      self: [E]\n      rival-group: [S]\n      self: [N]\n",
    )]);
    has(
        &err,
        "error: `self` is written twice in the same block (first on line 6)
 --> content/company.yaml:8:7
  |
7 |       rival-group: [S]
8 |       self: [N]
  |       ^^^^
  = help: keep one `self:` line: only the last one would count
",
    );
}
