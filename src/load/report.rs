//! Diagnostics for machines: one JSON object per problem (`check --format
//! json`), and GitHub Actions workflow commands (`check --format github`),
//! which GitHub shows inline in a pull request's changed files.

use super::diagnostic::{Diagnostic, Severity};

fn severity(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// One line of JSON: severity, file, line, column, end, message, help.
/// `line`, `column` and `end` are null for a problem of the whole file.
pub fn json(d: &Diagnostic) -> String {
    let located = d.line > 0;
    let value = serde_json::json!({
        "severity": severity(d),
        "file": d.path,
        "line": located.then_some(d.line),
        "column": located.then_some(d.column.max(1)),
        "end": located.then(|| serde_json::json!({ "line": d.line, "column": d.end_column.max(d.column + 1) })),
        "message": d.message,
        "help": d.help,
    });
    value.to_string()
}

/// `::error file=…,line=…,col=…,endColumn=…,title=…::message`, with the
/// help on a second line of the message.
pub fn github(d: &Diagnostic) -> String {
    let mut props = vec![format!("file={}", property(&d.path))];
    if d.line > 0 {
        props.push(format!("line={}", d.line));
        props.push(format!("col={}", d.column.max(1)));
        props.push(format!("endColumn={}", d.end_column.max(d.column + 1)));
    }
    props.push(format!("title={}", property("dossier check")));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!("::{} {}::{}", severity(d), props.join(","), data(&message))
}

/// Escapes a workflow command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Diagnostic {
        Diagnostic::error(
            "content/customers/a.yaml",
            "name: A\nstatus: Current\n",
            2,
            9,
            "`Current` is not an accepted value for `status`",
        )
        .with_help("only the case is wrong: write `current`")
    }

    #[test]
    fn json_has_one_object_per_problem_with_its_span_and_help() {
        let v: serde_json::Value = serde_json::from_str(&json(&sample())).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "severity": "error",
                "file": "content/customers/a.yaml",
                "line": 2,
                "column": 9,
                "end": { "line": 2, "column": 16 },
                "message": "`Current` is not an accepted value for `status`",
                "help": "only the case is wrong: write `current`",
            })
        );
        let whole = Diagnostic::file_error("dossier.yaml", "the file is empty").into_warning();
        let v: serde_json::Value = serde_json::from_str(&json(&whole)).unwrap();
        assert_eq!(v["line"], serde_json::Value::Null);
        assert_eq!(v["severity"], "warning");
    }

    #[test]
    fn github_annotations_escape_their_properties_and_message() {
        assert_eq!(
            github(&sample()),
            "::error file=content/customers/a.yaml,line=2,col=9,endColumn=16,title=dossier check::`Current` is not an accepted value for `status`%0Ahelp: only the case is wrong: write `current`"
        );
        let odd = Diagnostic::file_error("content/a,b:c.yaml", "100% wrong");
        assert_eq!(
            github(&odd),
            "::error file=content/a%2Cb%3Ac.yaml,title=dossier check::100%25 wrong"
        );
    }
}
