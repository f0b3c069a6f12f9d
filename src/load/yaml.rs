//! Parsing one YAML file into a typed value, reporting every problem.
//!
//! serde stops at the first error of a file. To report the others in the same
//! run, the error's source lines are neutralised (an unknown enum value is
//! replaced by an accepted one; any other offending entry is blanked out,
//! which keeps the line numbers of everything after it) and the file is
//! parsed again, until it parses or no progress is made. Errors caused only
//! by the neutralising ("missing field" for a key we blanked) are dropped.

use super::diagnostic::{Diagnostic, HELP};
use super::explain::explain;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// At most this many problems are reported for one file.
const MAX_ERRORS_PER_FILE: usize = 50;

/// The full-width colon typed with a Chinese input method.
const FULL_WIDTH_COLON: char = '\u{FF1A}';

/// Parses `text` (the file at `path`) into `T`, or returns every problem.
pub fn parse<T: DeserializeOwned + JsonSchema>(
    path: &str,
    text: &str,
) -> Result<T, Vec<Diagnostic>> {
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::file_error(
            path,
            format!("the file is empty{HELP}write the fields of this file, or delete it"),
        )]);
    }
    // A full-width colon after a key is reported where it is, then read as
    // `:` so that the rest of the file is still checked.
    let (mut diags, fixed) = full_width_colons(path, text);
    let parsed_text = fixed.as_deref().unwrap_or(text);
    let first = match serde_yaml::from_str::<T>(parsed_text) {
        Ok(v) if diags.is_empty() => return Ok(v),
        Ok(_) => return Err(diags),
        Err(e) => e,
    };
    let schema = schemars::schema_for!(T);
    let schema = schema.as_value();
    diags.push(to_diagnostic_in(path, text, parsed_text, &first, schema));
    if let Err(syntax) = serde_yaml::from_str::<serde_yaml::Value>(parsed_text) {
        // A syntax error: nothing after it can be trusted. The typed reading
        // may have stopped on another problem before it (an unknown field
        // further up): the file does not parse, so say that too, unless
        // the typed error is about the unclosed `[` or `{` itself (`name:
        // [unclosed` is text to quote, said once).
        let at_flow = position(&first).is_some_and(|(line, col)| {
            parsed_text
                .lines()
                .nth(line.saturating_sub(1))
                .and_then(|l| l.chars().nth(col.saturating_sub(1)))
                .is_some_and(|c| c == '[' || c == '{')
        });
        if position(&syntax) != position(&first) && !at_flow {
            diags.push(to_diagnostic_in(path, text, parsed_text, &syntax, schema));
        }
        return Err(diags);
    }
    let mut lines: Vec<String> = parsed_text.lines().map(str::to_string).collect();
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
            diags.push(to_diagnostic_in(path, text, parsed_text, &err, schema));
        }
    }
    Err(diags)
}

fn position(e: &serde_yaml::Error) -> Option<(usize, usize)> {
    e.location().map(|l| (l.line(), l.column()))
}

/// Every full-width colon written after a key, as an error at the colon,
/// and the text with those colons replaced by `:` (None when there is none).
fn full_width_colons(path: &str, text: &str) -> (Vec<Diagnostic>, Option<String>) {
    let mut diags = Vec::new();
    let mut fixed = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let Some(at) = line.find(FULL_WIDTH_COLON) else {
            fixed.push(line.to_string());
            continue;
        };
        let key = line[..at].trim_start().trim_start_matches("- ").trim();
        let is_key = !key.is_empty()
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !key.starts_with(|c: char| c.is_ascii_digit());
        if !is_key {
            fixed.push(line.to_string());
            continue;
        }
        let column = line[..at].chars().count() + 1;
        diags.push(
            Diagnostic::error(
                path,
                text,
                i + 1,
                column,
                format!(
                    "`{key}` is followed by the full-width colon `：` (U+FF1A), not `:`{HELP}replace the full-width colon `：` with `:` (an ASCII colon followed by a space)"
                ),
            )
            .with_span(1),
        );
        let rest = &line[at + FULL_WIDTH_COLON.len_utf8()..];
        let space = if rest.starts_with(' ') || rest.is_empty() {
            ""
        } else {
            " "
        };
        fixed.push(format!("{}:{space}{rest}", &line[..at]));
    }
    if diags.is_empty() {
        (diags, None)
    } else {
        (diags, Some(fixed.join("\n")))
    }
}

/// The error with its position (the whole file when serde has none),
/// found in `parsed` (the text of the file, perhaps with full-width
/// colons fixed) and shown with `text`.
/// `schema` (JSON Schema of the type) names every missing field at once.
fn to_diagnostic_in(
    path: &str,
    text: &str,
    parsed: &str,
    e: &serde_yaml::Error,
    schema: &Value,
) -> Diagnostic {
    let raw = e.to_string();
    let raw = match raw.rfind(" at line ") {
        Some(i) => &raw[..i],
        None => raw.as_str(),
    };
    let (mut line, mut column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    let source_line = parsed.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let mut x = explain(raw, source_line, column);
    let mut one_char = false;
    if x.message.starts_with("this is not valid YAML")
        && let Some((at, c)) = full_width_near(parsed, line)
    {
        // libyaml points after the character it could not read, often on
        // the next line: point at the character itself, and name it.
        (line, column) = at;
        let (name, fix) = match c {
            FULL_WIDTH_COLON => (
                "the full-width colon `：` (U+FF1A)",
                "replace the full-width colon `：` with `:` (an ASCII colon followed by a space)",
            ),
            _ => (
                "a full-width space (U+3000)",
                "replace the full-width space with ordinary spaces",
            ),
        };
        x.message = format!("this line has {name} where YAML needs an ASCII character");
        x.help = Some(fix.to_string());
        one_char = true;
    }
    if let Some(key) = duplicate_key(raw)
        && let Some(at) = second_occurrence(parsed, line, column, &key)
    {
        (line, column) = at;
    }
    if raw.contains("missing field `") {
        let missing = missing_fields(parsed, raw, line, column, schema);
        if missing.len() > 1 {
            let names: Vec<String> = missing.iter().map(|(k, _)| format!("`{k}`")).collect();
            x.message = format!(
                "missing fields {}{}",
                names.join(", "),
                x.message
                    .split_once(" in `")
                    .map_or(String::new(), |(_, r)| format!(" in `{r}"))
            );
        }
        if !missing.is_empty() {
            let adds: Vec<String> = missing
                .iter()
                .map(|(k, values)| match values {
                    Some(v) => format!("`{k}:` (one of {v})"),
                    None => format!("`{k}:`"),
                })
                .collect();
            let adds = match adds.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} and {last}", rest.join(", "))
                }
                _ => adds.join(""),
            };
            x.help = Some(format!("add {adds} to this block"));
        }
    }
    let d = match line {
        0 => Diagnostic::file_error(path, x.message),
        _ if one_char => Diagnostic::error(path, text, line, column, x.message).with_span(1),
        _ => Diagnostic::error(path, text, line, column, x.message),
    };
    match x.help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// A full-width colon or space on `line` or the line before it (1-based),
/// with its position.
fn full_width_near(text: &str, line: usize) -> Option<((usize, usize), char)> {
    let lines: Vec<&str> = text.lines().collect();
    [line, line.saturating_sub(1)]
        .into_iter()
        .filter(|&n| n >= 1)
        .find_map(|n| {
            let l = lines.get(n - 1)?;
            let (col, c) = l
                .chars()
                .enumerate()
                .find(|(_, c)| matches!(*c, FULL_WIDTH_COLON | '\u{3000}'))?;
            Some(((n, col + 1), c))
        })
}

fn duplicate_key(raw: &str) -> Option<String> {
    let rest = raw
        .split_once("duplicate field `")
        .map(|(_, r)| r.split('`').next().unwrap_or(""))
        .or_else(|| {
            raw.split_once("duplicate entry with key \"")
                .map(|(_, r)| r.split('"').next().unwrap_or(""))
        })?;
    (!rest.is_empty()).then(|| rest.to_string())
}

/// Where `key` is written the second time in the mapping that starts at
/// `line`:`col` (serde reports duplicates at the mapping).
fn second_occurrence(text: &str, line: usize, col: usize, key: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.get(line.checked_sub(1)?)?;
    let starts_key = |s: &str| {
        s.strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with(':'))
            || s.strip_prefix(&format!("\"{key}\""))
                .is_some_and(|r| r.trim_start().starts_with(':'))
    };
    let before: String = start.chars().take(col.saturating_sub(1)).collect();
    let from_col: String = start.chars().skip(col.saturating_sub(1)).collect();
    if from_col.starts_with('{') || before.contains('{') {
        // A flow mapping: the second `key:` on the same line.
        let chars: Vec<char> = start.chars().collect();
        let mut found = 0;
        for i in col.saturating_sub(1)..chars.len() {
            let boundary = i == 0 || matches!(chars[i - 1], ' ' | '{' | ',');
            let rest: String = chars[i..].iter().collect();
            if boundary && starts_key(&rest) {
                found += 1;
                if found == 2 {
                    return Some((line, i + 1));
                }
            }
        }
        return None;
    }
    let indent = col.saturating_sub(1);
    let mut found = 0;
    for (i, l) in lines.iter().enumerate().skip(line - 1) {
        let chars: Vec<char> = l.chars().collect();
        let lead = chars.iter().take_while(|c| **c == ' ').count();
        let content: String = chars.iter().skip(lead).collect();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        // The first line of a list item: `- key: v` starts the mapping.
        let (lead, content) = if i + 1 == line && content.starts_with("- ") {
            (lead + 2, content[2..].trim_start().to_string())
        } else {
            (lead, content)
        };
        if lead < indent && i + 1 > line {
            break;
        }
        if lead == indent && starts_key(&content) {
            found += 1;
            if found == 2 {
                return Some((i + 1, lead + 1));
            }
        }
    }
    None
}

/// Every required field missing from the mapping at `line`:`col`, with the
/// values it accepts when they are a fixed list, in the schema's order.
fn missing_fields(
    text: &str,
    raw: &str,
    line: usize,
    col: usize,
    schema: &Value,
) -> Vec<(String, Option<String>)> {
    let reported = raw
        .split_once("missing field `")
        .and_then(|(_, r)| r.split('`').next())
        .unwrap_or("")
        .to_string();
    let path = raw.split_once(": missing field").map_or("", |(p, _)| p);
    let node = schema_at(schema, schema, path);
    let required: Vec<&str> = node
        .and_then(|n| n.get("required"))
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let present = keys_at(text, line, col);
    let mut out = Vec::new();
    if required.is_empty() || present.is_none() {
        return vec![(reported, None)];
    }
    let present = present.unwrap_or_default();
    for key in required {
        if present.iter().any(|p| p == key) {
            continue;
        }
        let values = node
            .and_then(|n| n.get("properties"))
            .and_then(|p| p.get(key))
            .map(|p| resolve(schema, p))
            .and_then(|p| enum_values(schema, p));
        out.push((key.to_string(), values));
    }
    if !out.iter().any(|(k, _)| *k == reported) {
        return vec![(reported, None)];
    }
    out
}

/// Follows `$ref` into the root's `$defs`, and an `Option`'s `anyOf`.
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    let mut node = node;
    for _ in 0..8 {
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            match r
                .strip_prefix("#/$defs/")
                .and_then(|n| root.get("$defs")?.get(n))
            {
                Some(n) => node = n,
                None => return node,
            }
        } else if let Some(alts) = node.get("anyOf").and_then(Value::as_array) {
            match alts
                .iter()
                .find(|a| a.get("type").and_then(Value::as_str) != Some("null"))
            {
                Some(a) => node = a,
                None => return node,
            }
        } else {
            return node;
        }
    }
    node
}

/// The schema of the value at serde's `path` (`contacts[0].role`).
fn schema_at<'a>(root: &'a Value, node: &'a Value, path: &str) -> Option<&'a Value> {
    let mut node = resolve(root, node);
    if path.is_empty() {
        return Some(node);
    }
    for part in path.split('.') {
        let mut pieces = part.split('[');
        let key = pieces.next().unwrap_or("");
        if !key.is_empty() {
            node = resolve(root, node.get("properties")?.get(key)?);
        }
        for _ in pieces {
            node = resolve(root, node.get("items")?);
        }
    }
    Some(node)
}

/// `a`, `b` or `c` for a schema with a fixed list of values.
fn enum_values(root: &Value, node: &Value) -> Option<String> {
    let node = resolve(root, node);
    let values: Vec<String> = match node.get("enum").and_then(Value::as_array) {
        Some(v) => v
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        None => node
            .get("oneOf")?
            .as_array()?
            .iter()
            .filter_map(|a| a.get("const").and_then(Value::as_str).map(str::to_string))
            .collect(),
    };
    if values.is_empty() {
        return None;
    }
    let ticked: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    Some(ticked.join(", "))
}

/// The keys of the mapping that starts at `line`:`col` of `text`.
fn keys_at(text: &str, line: usize, col: usize) -> Option<Vec<String>> {
    let root = marked_yaml::parse_yaml(0, text).ok()?;
    match &root {
        // serde gives no position for a field missing from the document.
        marked_yaml::Node::Mapping(m) if line == 0 => {
            Some(m.keys().map(|k| k.as_str().to_string()).collect())
        }
        _ => find_mapping(&root, line, col),
    }
}

fn find_mapping(node: &marked_yaml::Node, line: usize, col: usize) -> Option<Vec<String>> {
    use marked_yaml::Node;
    let at = |span: &marked_yaml::Span| {
        span.start()
            .is_some_and(|m| m.line() == line && m.column() == col)
    };
    match node {
        Node::Mapping(m) => {
            // A mapping's span may start at `{` or at its first value;
            // serde reports it at `{` or at its first key.
            let starts_here = at(node.span()) || m.keys().next().is_some_and(|k| at(k.span()));
            if starts_here {
                return Some(m.keys().map(|k| k.as_str().to_string()).collect());
            }
            m.values().find_map(|v| find_mapping(v, line, col))
        }
        Node::Sequence(s) => s.iter().find_map(|v| find_mapping(v, line, col)),
        Node::Scalar(_) => None,
    }
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
    if msg.contains("invalid type: map, expected a sequence") {
        // A block mapping where a list belongs: the whole block is one
        // problem, so blank it from the key that holds it.
        let indent = lines[idx].len() - lines[idx].trim_start().len();
        if indent + 1 == col
            && let Some(parent) = (0..idx).rev().find(|&i| {
                let t = lines[i].trim_start();
                !t.is_empty() && !t.starts_with('#') && lines[i].len() - t.len() < indent
            })
        {
            blank_block(lines, parent, blanked);
            return true;
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
    if start == chars.len() && line.trim_end().ends_with(':') {
        // An empty value (`status:`): give it one.
        line.push(' ');
        line.push_str(with);
        return true;
    }
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

    #[derive(Debug, Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        text: String,
        score: crate::model::scalars::Score10,
    }

    #[derive(Debug, Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields, rename_all = "snake_case")]
    enum Color {
        Red,
        Blue,
    }

    #[derive(Debug, Deserialize, schemars::JsonSchema)]
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
            .map(|d| match &d.help {
                Some(h) => format!("{}:{}: {} (help: {h})", d.line, d.column, d.message),
                None => format!("{}:{}: {}", d.line, d.column, d.message),
            })
            .collect()
    }

    #[test]
    fn reports_every_problem_of_a_file() {
        let src = "name: A\ncolor: green\nitems:\n  - text: x\n    score: 11\n  - text: y\n    score: 3\n    extra: 1\nsurplus: true\n";
        let e = errors(src);
        assert_eq!(
            e,
            [
                "2:8: `green` is not an accepted value for `color` (help: write one of `red` or `blue`)",
                "5:12: 11 is out of range: expected a score from 0 to 10 (help: write a score from 0 to 10)",
                "8:5: unknown field `extra` in `items` (help: the fields allowed here are `text` or `score`)",
                "9:1: unknown field `surplus` (help: the fields allowed here are `name`, `color` or `items`)",
            ]
        );
    }

    #[test]
    fn an_empty_value_is_named_and_the_rest_of_the_file_still_checked() {
        let e = errors("name: A\ncolor:\nsurplus: 1\n");
        assert_eq!(
            e,
            [
                "2:7: the value for `color` is empty (help: write one of `red` or `blue`)",
                "3:1: unknown field `surplus` (help: the fields allowed here are `name`, `color` or `items`)",
            ]
        );
    }

    #[test]
    fn every_missing_field_of_a_block_is_reported_at_once_with_its_values() {
        let e = errors("items:\n  - text: x\n");
        assert_eq!(
            e,
            [
                "2:5: missing field `score` in `items` (help: add `score:` to this block)",
                "1:1: missing fields `name`, `color` (help: add `name:` and `color:` (one of `red`, `blue`) to this block)",
            ]
        );
    }

    #[test]
    fn a_duplicate_key_is_reported_at_the_duplicate() {
        let e = errors("name: A\ncolor: red\nname: B\n");
        assert!(e[0].starts_with("3:1: `name` is written twice"), "{e:?}");
        let e = errors("name: A\ncolor: red\nitems:\n  - { text: a, score: 1, text: b }\n");
        assert!(e[0].starts_with("4:26: `text` is written twice"), "{e:?}");
    }

    #[test]
    fn a_full_width_colon_is_named_where_it_is_and_the_rest_still_checked() {
        let e = errors("name： A\ncolor: green\n");
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(
            e[0].starts_with("1:5: `name` is followed by the full-width colon `：` (U+FF1A)"),
            "{e:?}"
        );
        assert!(
            e[0].contains("replace the full-width colon `：` with `:`"),
            "{e:?}"
        );
        assert!(e[1].starts_with("2:8: `green`"), "{e:?}");
        // Where libyaml stops reading, the character is still named.
        let e = errors("name: A\ncolor: red\nitems: [{ text： a, score: 1 }]\n");
        assert!(
            e[0].starts_with("3:11: `text` is followed by the full-width colon `：` (U+FF1A)"),
            "{e:?}"
        );
        let e = errors("name: A\ncolor: red\n\u{3000}items: []\n");
        assert!(
            e[0].starts_with("3:1: `items` has a full-width space (U+3000) around it (help: replace the full-width space with ordinary spaces)"),
            "{e:?}"
        );
        let e = errors("name: A\n市场： producer\ncolor: red\n");
        assert!(
            e[0].starts_with("2:3: this line has the full-width colon `：` (U+FF1A) where YAML needs an ASCII character"),
            "{e:?}"
        );
        // In a value it is text, not a mistake.
        assert!(parse::<Doc>("f.yaml", "name: 价格：高\ncolor: red\n").is_ok());
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
        assert!(
            errors("- a\n- b\n")[0]
                .contains("the file should be a block of `key: value` lines, but it is a list")
        );
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
