//! serde's and libyaml's error texts in the words of the people who edit
//! the files, each with the fix when one is known.
//!
//! The input is the message serde_yaml gives (without its position) and
//! the source line it points at; the output is a message and a `help:`
//! line. Nothing here reads files or knows the model types: the accepted
//! field names and values come from serde's own message.

/// A message and the fix for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    pub message: String,
    pub help: Option<String>,
}

impl Explained {
    fn new(message: impl Into<String>, help: Option<String>) -> Self {
        Explained {
            message: message.into(),
            help,
        }
    }
}

/// Explains serde_yaml's `raw` message about the value at 1-based `col`
/// of `line` (the source line it points at).
pub fn explain(raw: &str, line: &str, col: usize) -> Explained {
    let (path, body) = split_path(raw);
    let field = path.and_then(last_key);
    let in_field = field.map_or(String::new(), |f| format!(" in `{f}`"));
    if let Some((own, help)) = body.split_once(super::diagnostic::HELP) {
        return Explained::new(own, Some(help.to_string()));
    }
    if let Some(rest) = body.strip_prefix("unknown field ") {
        return unknown_field(rest, line, &in_field);
    }
    if let Some(rest) = body.strip_prefix("unknown variant ") {
        return unknown_value(rest, field);
    }
    if let Some(name) = body
        .strip_prefix("missing field ")
        .and_then(|r| between_ticks(r))
    {
        return Explained::new(
            format!("missing field `{name}`{in_field}"),
            Some(format!("add `{name}:` to this block")),
        );
    }
    if let Some(name) = body
        .strip_prefix("duplicate field ")
        .and_then(|r| between_ticks(r))
    {
        return duplicate(&name);
    }
    if let Some(rest) = body.strip_prefix("duplicate entry with key ") {
        return duplicate(rest.trim_matches('"'));
    }
    if let Some(rest) = body.strip_prefix("invalid type: ") {
        return invalid_type(rest, field, line, col);
    }
    if let Some(rest) = body.strip_prefix("invalid value: ") {
        return invalid_type(rest, field, line, col);
    }
    if path.is_none() {
        if let Some(e) = syntax(body, line, col) {
            return e;
        }
    }
    let message = match field {
        Some(f) => format!("{f}: {body}"),
        None => body.to_string(),
    };
    Explained::new(message, None)
}

/// `contacts[0].role: rest` → (Some("contacts[0].role"), "rest").
fn split_path(raw: &str) -> (Option<&str>, &str) {
    if let Some((path, rest)) = raw.split_once(": ") {
        let is_path = !path.is_empty()
            && path
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-'));
        if is_path {
            return (Some(path), rest);
        }
    }
    (None, raw)
}

/// `swot.strengths[0].score` → `score`; `contacts[0]` → `contacts`.
fn last_key(path: &str) -> Option<&str> {
    let last = path.rsplit('.').next()?;
    let key = last.split('[').next()?;
    (!key.is_empty()).then_some(key)
}

/// The text between the first pair of backticks.
fn between_ticks(s: &str) -> Option<String> {
    let start = s.find('`')? + 1;
    let len = s[start..].find('`')?;
    Some(s[start..start + len].to_string())
}

/// Every backticked word of `s`, in order.
fn ticked(s: &str) -> Vec<String> {
    s.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, w)| w.to_string())
        .collect()
}

/// The accepted word closest to `given`, by case or by a small edit.
pub fn closest<'a>(given: &str, accepted: &'a [String]) -> Option<&'a str> {
    if let Some(same) = accepted.iter().find(|a| a.eq_ignore_ascii_case(given)) {
        return Some(same);
    }
    let norm = |s: &str| s.to_lowercase().replace(['-', ' '], "_");
    let given_n = norm(given);
    accepted
        .iter()
        .map(|a| (strsim::damerau_levenshtein(&given_n, &norm(a)), a))
        .filter(|(d, a)| *d <= 2.max(a.chars().count() / 4) && *d < a.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a.as_str())
}

/// `a`, `b` and `c`.
fn list(words: &[String]) -> String {
    let ticked: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    match ticked.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

fn unknown_field(rest: &str, line: &str, in_field: &str) -> Explained {
    let words = ticked(rest);
    let Some((given, accepted)) = words.split_first() else {
        return Explained::new(format!("unknown field{in_field}"), None);
    };
    if given.chars().all(|c| c.is_ascii_digit())
        && let Some(number) = thousands(line)
    {
        return Explained::new(
            format!(
                "`{number}` is split into several values: inside `{{ }}` a comma separates fields"
            ),
            Some(format!(
                "remove the thousands separators: write {}",
                number.replace(',', "")
            )),
        );
    }
    let help = if accepted.is_empty() {
        Some("this block takes no fields".to_string())
    } else {
        match closest(given, accepted) {
            Some(c) if c.eq_ignore_ascii_case(given) => {
                Some(format!("field names are written in lowercase: write `{c}`"))
            }
            Some(c) => Some(format!("did you mean `{c}`?")),
            None => Some(format!("the fields allowed here are {}", list(accepted))),
        }
    };
    Explained::new(format!("unknown field `{given}`{in_field}"), help)
}

/// A number written with thousands separators on `line`, if any.
fn thousands(line: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let mut groups = 0;
            while i + 3 < chars.len() + 1
                && chars.get(i) == Some(&',')
                && chars[i + 1..].iter().take(3).all(char::is_ascii_digit)
                && chars.get(i + 1..i + 4).is_some_and(|g| g.len() == 3)
                && !chars.get(i + 4).is_some_and(char::is_ascii_digit)
            {
                i += 4;
                groups += 1;
            }
            if groups > 0 && i - start <= 30 {
                return Some(chars[start..i].iter().collect());
            }
        } else {
            i += 1;
        }
    }
    None
}

fn unknown_value(rest: &str, field: Option<&str>) -> Explained {
    let words = ticked(rest);
    let Some((given, accepted)) = words.split_first() else {
        return Explained::new("unknown value", None);
    };
    let what = field.map_or(String::new(), |f| format!(" for `{f}`"));
    let help = match closest(given, accepted) {
        Some(c) if c.eq_ignore_ascii_case(given) => {
            Some(format!("only the case is wrong: write `{c}`"))
        }
        Some(c) => Some(format!("did you mean `{c}`?")),
        None => Some(format!("write one of {}", list(accepted))),
    };
    Explained::new(format!("`{given}` is not an accepted value{what}"), help)
}

fn duplicate(name: &str) -> Explained {
    Explained::new(
        format!("`{name}` is written twice in the same block"),
        Some(format!(
            "keep one `{name}:` line and remove the other (the first one is above)"
        )),
    )
}

/// `string "very", expected a score from 1 to 5`.
fn invalid_type(rest: &str, field: Option<&str>, line: &str, col: usize) -> Explained {
    let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "a value"));
    let expected_words = expected_in_words(expected);
    let found_words = found_in_words(found);
    // Without a path, serde speaks of the whole document.
    let name = field.map_or("the file".to_string(), |f| format!("`{f}`"));
    let help = if expected.contains("sequence") {
        let item = field.map_or("item".to_string(), singular);
        if found.starts_with("map") {
            Some(format!(
                "{name} is a list: start each {item} with `- ` (a dash and a space)"
            ))
        } else {
            Some(format!(
                "{name} is a list: write each {item} on its own line starting with `- `, or write `[a, b]`"
            ))
        }
    } else if expected.starts_with("struct") || expected.starts_with("a map") {
        if found.starts_with("sequence") {
            Some(
                "write `key: value` lines here, without a `- ` in front of the first one"
                    .to_string(),
            )
        } else {
            Some(format!(
                "write the fields of {name} on the lines below it, indented by two spaces, as `key: value`"
            ))
        }
    } else if found.starts_with("unit") {
        Some(format!(
            "write {} after the colon, or remove the line",
            expected_words
        ))
    } else if expected.contains("date") {
        Some("write the date as 2026-11-05 (year-month-day)".to_string())
    } else if matches!(expected, "u8" | "u16" | "u32" | "u64" | "usize") {
        Some("write a whole number such as 90, without decimals or a minus sign".to_string())
    } else if matches!(expected, "i8" | "i16" | "i32" | "i64" | "isize") {
        Some("write a whole number such as 10, without decimals".to_string())
    } else if expected == "a boolean" {
        Some("write `true` or `false`".to_string())
    } else if expected == "a string" && (found.starts_with("map") || found.starts_with("sequence"))
    {
        let value = line.chars().skip(col.saturating_sub(1)).collect::<String>();
        Some(format!(
            "put the text in quotes: \"{}\"",
            value.trim().replace('"', "'")
        ))
    } else {
        None
    };
    Explained::new(
        format!("{name} should be {expected_words}, but it is {found_words}"),
        help,
    )
}

fn singular(field: &str) -> String {
    match field {
        "criteria" => "criterion".into(),
        "needs" => "need".into(),
        "ratings" => "rating".into(),
        f if f.ends_with("ies") => format!("{}y", &f[..f.len() - 3]),
        f if f.ends_with('s') => f[..f.len() - 1].to_string(),
        f => format!("{f} item"),
    }
}

fn expected_in_words(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more".into(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a boolean" => "`true` or `false`".into(),
        "a string" => "text".into(),
        e if e.contains("sequence") => "a list".into(),
        e if e.starts_with("struct") || e.starts_with("a map") => {
            "a block of `key: value` lines".into()
        }
        e if e.starts_with("enum") => "one of the accepted values".into(),
        e => e.to_string(),
    }
}

fn found_in_words(found: &str) -> String {
    let value = found
        .split_once(' ')
        .map(|(_, v)| v.trim_matches('`'))
        .unwrap_or("");
    match found.split(' ').next().unwrap_or("") {
        "map" => "a block of `key: value` lines".into(),
        "sequence" => "a list".into(),
        "unit" => "empty".into(),
        "string" => format!("the text {value}"),
        "integer" | "floating" => {
            let v = found.rsplit(' ').next().unwrap_or("").trim_matches('`');
            format!("the number {v}")
        }
        "boolean" => format!("`{value}`"),
        _ => found.to_string(),
    }
}

/// libyaml's syntax errors, with what usually causes them.
fn syntax(body: &str, line: &str, col: usize) -> Option<Explained> {
    let known = [
        "could not find expected ':'",
        "mapping values are not allowed in this context",
        "found character that cannot start any token",
        "did not find expected key",
        "did not find expected node content",
        "found a tab character",
        "found unexpected end of stream",
        "did not find expected ',' or ']'",
        "did not find expected ',' or '}'",
        "while scanning",
        "while parsing",
        "found undefined alias",
        "found unknown anchor",
        "found duplicate anchor",
        "block sequence entries are not allowed in this context",
        "found unexpected ':'",
    ];
    if !known.iter().any(|k| body.contains(k)) {
        return None;
    }
    let message = format!("this is not valid YAML: {}", body.trim());
    let at = line.chars().nth(col.saturating_sub(1));
    let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
    let help = if indent.contains('\t') || body.contains("tab") {
        "use spaces, not tabs, to indent".to_string()
    } else if body.contains("mapping values are not allowed") {
        "the value contains `: `: put the text in quotes, for example `notes: \"Price: 1,200\"`"
            .to_string()
    } else if body.contains("cannot start any token") && matches!(at, Some('@' | '`' | '%')) {
        format!(
            "a value cannot start with `{}`: put the text in quotes",
            at.unwrap_or('@')
        )
    } else if body.contains("could not find expected ':'") {
        "each line of a block is `key: value`: check that the line above has a colon followed by a space, or put its text in quotes".to_string()
    } else if body.contains("did not find expected key") || body.contains("block sequence") {
        "check the indentation: the keys of one block start in the same column".to_string()
    } else if body.contains("',' or ']'") || body.contains("',' or '}'") {
        "close the `[` or `{` on the same line, and put text containing commas or colons in quotes"
            .to_string()
    } else if body.contains("alias") || body.contains("anchor") {
        "a value starting with `*` or `&` must be in quotes".to_string()
    } else {
        "check the indentation and put text with special characters in quotes".to_string()
    };
    Some(Explained::new(message, Some(help)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(raw: &str, line: &str, col: usize) -> (String, String) {
        let x = explain(raw, line, col);
        (x.message, x.help.unwrap_or_default())
    }

    #[test]
    fn a_misspelt_field_gets_one_suggestion_not_the_whole_list() {
        let raw = "unknown field `satisfation`, expected one of `name`, `status`, `satisfaction`, `loyalty`";
        let (m, h) = e(raw, "satisfation: 4", 1);
        assert_eq!(m, "unknown field `satisfation`");
        assert_eq!(h, "did you mean `satisfaction`?");
        let (_, h) = e("unknown field `Status`, expected `name` or `status`", "", 1);
        assert_eq!(h, "field names are written in lowercase: write `status`");
        let (_, h) = e("unknown field `colour`, expected `name` or `status`", "", 1);
        assert_eq!(h, "the fields allowed here are `name` or `status`");
    }

    #[test]
    fn a_wrong_value_says_when_only_the_case_is_wrong() {
        let (m, h) = e(
            "status: unknown variant `Current`, expected one of `prospect`, `current`",
            "",
            1,
        );
        assert_eq!(m, "`Current` is not an accepted value for `status`");
        assert_eq!(h, "only the case is wrong: write `current`");
        let (_, h) = e(
            "contacts[0].disc: unknown variant `c`, expected one of `D`, `I`, `S`, `C`",
            "",
            1,
        );
        assert_eq!(h, "only the case is wrong: write `C`");
        let (_, h) = e(
            "market: unknown variant `producr`, expected one of `consumer`, `producer`",
            "",
            1,
        );
        assert_eq!(h, "did you mean `producer`?");
    }

    #[test]
    fn thousands_separators_in_braces_are_named() {
        let line = "  - { period: \"2025\", revenue: 1,850,000, profit: 2 }";
        let (m, h) = e(
            "metrics[0]: unknown field `850`, expected one of `period`",
            line,
            34,
        );
        assert!(m.contains("`1,850,000`"), "{m}");
        assert_eq!(h, "remove the thousands separators: write 1850000");
    }

    #[test]
    fn no_rust_words_reach_the_manager() {
        for (raw, help) in [
            (
                "contacts: invalid type: map, expected a sequence",
                "start each contact with `- `",
            ),
            (
                "followup_days: invalid type: floating point `1.5`, expected u32",
                "whole number",
            ),
            (
                "invalid type: sequence, expected struct Customer",
                "without a `- `",
            ),
        ] {
            let (m, h) = e(raw, "", 1);
            for word in [
                "variant",
                "struct",
                "u32",
                "invalid type",
                "sequence",
                "map,",
            ] {
                assert!(!m.contains(word), "{m}");
            }
            assert!(h.contains(help), "{h}");
        }
    }

    #[test]
    fn syntax_errors_say_what_usually_causes_them() {
        let (_, h) = e(
            "mapping values are not allowed in this context",
            "notes: Price: 1,200",
            12,
        );
        assert!(h.contains("put the text in quotes"), "{h}");
        let (_, h) = e(
            "found character that cannot start any token",
            "\tname: A",
            1,
        );
        assert!(h.contains("use spaces, not tabs"), "{h}");
    }
}
