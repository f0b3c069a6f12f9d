//! Parsing one YAML file into a typed value, reporting every problem.
//!
//! serde stops at the first error of a file. To report the others in the same
//! run, the error's source lines are neutralised (an unknown enum value is
//! replaced by an accepted one; any other offending entry is blanked out,
//! which keeps the line numbers of everything after it) and the file is
//! parsed again, until it parses or no progress is made. Errors caused only
//! by the neutralising ("missing field" for a key we blanked) are dropped.

use super::diagnostic::Diagnostic;
use serde::de::DeserializeOwned;

/// At most this many problems are reported for one file.
const MAX_ERRORS_PER_FILE: usize = 50;

/// Parses `text` (the file at `path`) into `T`, or returns every problem.
pub fn parse<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, Vec<Diagnostic>> {
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::file_error(
            path,
            "the file is empty: expected a YAML mapping",
        )]);
    }
    let first = match serde_yaml::from_str::<T>(text) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let mut diags = vec![to_diagnostic(path, text, &first)];
    if serde_yaml::from_str::<serde_yaml::Value>(text).is_err() {
        // A syntax error: nothing after it can be trusted.
        return Err(diags);
    }
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut blanked_keys: Vec<String> = Vec::new();
    let mut err = first;
    let mut seen = vec![position(&err)];
    // Each round changes the text or stops, and the rounds are bounded, so
    // no input can make this loop forever.
    for _ in 0..4 * MAX_ERRORS_PER_FILE {
        if diags.len() >= MAX_ERRORS_PER_FILE {
            break;
        }
        let Some((line, col)) = position(&err) else {
            break;
        };
        let before = lines.clone();
        if !neutralise(&mut lines, line, col, &err.to_string(), &mut blanked_keys)
            || lines == before
        {
            break;
        }
        let patched = lines.join("\n");
        err = match serde_yaml::from_str::<T>(&patched) {
            Ok(_) => break,
            Err(e) => e,
        };
        let pos = position(&err);
        if seen.contains(&pos) && !is_blanked_missing(&err, &blanked_keys) {
            break;
        }
        seen.push(pos);
        if !is_blanked_missing(&err, &blanked_keys) {
            diags.push(to_diagnostic(path, text, &err));
        }
    }
    Err(diags)
}

fn position(e: &serde_yaml::Error) -> Option<(usize, usize)> {
    e.location().map(|l| (l.line(), l.column()))
}

/// The error with its position, or the whole file when serde has none.
pub fn to_diagnostic(path: &str, text: &str, e: &serde_yaml::Error) -> Diagnostic {
    let message = clean_message(&e.to_string());
    match e.location() {
        Some(l) => Diagnostic::error(path, text, l.line(), l.column(), message),
        None => Diagnostic::file_error(path, message),
    }
}

/// serde_yaml appends " at line L column C" to messages; we print the
/// position in front instead.
fn clean_message(msg: &str) -> String {
    let msg = match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    msg.replace("invalid type: map, expected", "expected")
        .replace("invalid type: sequence, expected", "found a list, expected")
}

/// True for a "missing field `k`" error where `k` is a key we blanked.
fn is_blanked_missing(e: &serde_yaml::Error, blanked: &[String]) -> bool {
    let msg = e.to_string();
    blanked
        .iter()
        .any(|k| msg.contains(&format!("missing field `{k}`")))
}

/// Changes `lines` so that the error at `line`:`col` no longer occurs.
/// Returns false when it cannot (the error concerns the whole document).
fn neutralise(
    lines: &mut [String],
    line: usize,
    col: usize,
    msg: &str,
    blanked: &mut Vec<String>,
) -> bool {
    let idx = line.saturating_sub(1);
    if idx >= lines.len() {
        return false;
    }
    if col <= 1 && lines[idx].starts_with('-') && msg.contains("expected struct") {
        // The whole document is a list where a mapping belongs.
        return false;
    }
    if let Some(replacement) = first_expected_variant(msg) {
        return replace_scalar(&mut lines[idx], col, &replacement);
    }
    if msg.contains("missing field") {
        // The enclosing mapping lacks a key we blanked: drop the mapping
        // itself, unless it is the whole document.
        if line == 1 && col <= 1 && !lines[idx].trim_start().starts_with('-') {
            return false;
        }
    }
    blank_block(lines, idx, blanked);
    true
}

/// `unknown variant `x`, expected one of `a`, `b`` → `a`.
fn first_expected_variant(msg: &str) -> Option<String> {
    let rest = &msg[msg.find("unknown variant")?..];
    let rest = &rest[rest.find("expected")?..];
    let start = rest.find('`')? + 1;
    let len = rest[start..].find('`')?;
    Some(rest[start..start + len].to_string())
}

/// Replaces the scalar starting at 1-based `col` of `line` by `with`.
fn replace_scalar(line: &mut String, col: usize, with: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    let start = col.saturating_sub(1);
    if start >= chars.len() {
        return false;
    }
    let end = match chars[start] {
        q @ ('"' | '\'') => chars[start + 1..]
            .iter()
            .position(|&c| c == q)
            .map_or(chars.len(), |p| start + p + 2),
        _ => chars[start..]
            .iter()
            .position(|&c| matches!(c, ',' | '}' | ']' | '#'))
            .map_or(chars.len(), |p| start + p),
    };
    let mut out: String = chars[..start].iter().collect();
    out.push_str(with);
    out.extend(&chars[end.min(chars.len())..]);
    *line = out;
    true
}

/// Blanks line `idx` and the more-indented lines under it (a whole list
/// item when the line starts one), remembering the key it held.
fn blank_block(lines: &mut [String], idx: usize, blanked: &mut Vec<String>) {
    let text = &lines[idx];
    let trimmed = text.trim_start();
    let indent = text.len() - trimmed.len();
    let key = trimmed
        .trim_start_matches("- ")
        .split(':')
        .next()
        .unwrap_or("")
        .trim();
    if !key.is_empty() {
        blanked.push(key.to_string());
    }
    lines[idx].clear();
    for l in lines.iter_mut().skip(idx + 1) {
        let t = l.trim_start();
        if !t.is_empty() && l.len() - t.len() <= indent {
            break;
        }
        l.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        text: String,
        score: crate::model::scalars::Score10,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "snake_case")]
    enum Color {
        Red,
        Blue,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        color: Color,
        #[serde(default)]
        items: Vec<Item>,
    }

    fn errors(src: &str) -> Vec<String> {
        parse::<Doc>("f.yaml", src)
            .unwrap_err()
            .iter()
            .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
            .collect()
    }

    #[test]
    fn reports_every_problem_of_a_file() {
        let src = "name: A\ncolor: green\nitems:\n  - text: x\n    score: 11\n  - text: y\n    score: 3\n    extra: 1\nsurplus: true\n";
        let e = errors(src);
        assert_eq!(e.len(), 4, "{e:?}");
        assert!(
            e[0].starts_with("2:8: color: unknown variant `green`"),
            "{e:?}"
        );
        assert!(
            e[1].starts_with("5:12: items[0].score: invalid value 11"),
            "{e:?}"
        );
        assert!(
            e[2].starts_with("8:5:") && e[2].contains("unknown field `extra`"),
            "{e:?}"
        );
        assert!(e[3].starts_with("9:1: unknown field `surplus`"), "{e:?}");
    }

    #[test]
    fn a_syntax_error_is_reported_once() {
        let e = errors("name: [unclosed\ncolor: red\n");
        assert_eq!(e.len(), 1, "{e:?}");
    }

    #[test]
    fn empty_and_wrong_shape_files_are_errors_not_panics() {
        assert_eq!(errors("").len(), 1);
        assert_eq!(errors("   \n").len(), 1);
        assert!(errors("- a\n- b\n")[0].contains("expected"));
        assert!(!errors("- name: A list\n- color: red\n").is_empty());
        assert!(!errors("name: A\n").is_empty());
        let deep = "a: ".to_string() + &"[".repeat(10_000);
        assert!(!errors(&deep).is_empty());
    }

    #[test]
    fn no_prefix_or_corruption_of_a_real_file_panics_or_hangs() {
        let text = include_str!("../../content/customers/hebei-hengtong-autoparts.yaml");
        let bounds: Vec<usize> = (0..text.len())
            .filter(|i| text.is_char_boundary(*i))
            .step_by(5)
            .collect();
        for &end in &bounds {
            let _ = parse::<crate::model::Customer>("c.yaml", &text[..end]);
        }
        for (n, &at) in bounds.iter().enumerate().step_by(3) {
            let junk = [
                "- ",
                ": ",
                "{",
                "]",
                "\t",
                "&a ",
                "*a",
                "!!int ",
                "\"",
                "99e999",
                "\n  x: y\n",
            ][n % 11];
            let corrupted = format!("{}{}{}", &text[..at], junk, &text[at..]);
            let _ = parse::<crate::model::Customer>("c.yaml", &corrupted);
        }
    }
}
