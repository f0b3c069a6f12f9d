//! A cap on how deeply a YAML file nests, checked before it is parsed.
//!
//! The YAML parser and the error recovery of `yaml.rs` take time that grows
//! much faster than the file with the depth of nesting (a 200 KB file of
//! brackets took minutes). No dossier needs more than a handful of levels,
//! so a file nesting deeper than [`MAX_DEPTH`] gets one located error and
//! is not parsed. This is a scan of the text, not a parser: it counts the
//! levels that indentation, `- ` items and `[`/`{` open, skipping quoted
//! strings, comments and block scalars (`|`, `>`).

use super::diagnostic::Diagnostic;

/// The deepest nesting a content file may have.
pub const MAX_DEPTH: usize = 64;

/// A located error at the first place `text` nests deeper than
/// [`MAX_DEPTH`] levels; `None` when it does not.
pub fn check(path: &str, text: &str) -> Option<Diagnostic> {
    let (line, column) = too_deep(text)?;
    Some(Diagnostic::error(
        path,
        text,
        line,
        column,
        format!(
            "the file nests deeper than {MAX_DEPTH} levels here: a dossier needs only a few (look for a run of `[`, `{{` or `- `)"
        ),
    ))
}

/// Where (1-based line, column) nesting first passes [`MAX_DEPTH`].
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = Flow::default();
    // The indentation of the line that opened a block scalar: deeper
    // lines (and blank ones) are its text.
    let mut scalar_parent: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let body = &line[indent..];
        if let Some(parent) = scalar_parent {
            if body.trim().is_empty() || indent > parent {
                continue;
            }
            scalar_parent = None;
        }
        if flow.depth > 0 || flow.quote.is_some() {
            let base = indents.len();
            if let Some(col) = flow.scan(line, 0, base) {
                return Some((i + 1, col + 1));
            }
            continue;
        }
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        while indents.last().is_some_and(|&top| top >= indent) {
            indents.pop();
        }
        indents.push(indent);
        // `- - - x` opens one level per item marker.
        let mut at = indent;
        let mut depth = indents.len();
        while let Some(rest) = line[at..]
            .strip_prefix("- ")
            .or(line[at..].strip_prefix("? "))
        {
            depth += 1;
            at = line.len() - rest.trim_start_matches(' ').len();
        }
        if depth > MAX_DEPTH {
            return Some((i + 1, at + 1));
        }
        let value = value_start(line, at);
        if let Some(v) = value {
            let rest = line[v..].trim_end();
            if rest.starts_with(['[', '{']) {
                if let Some(col) = flow.scan(line, v, depth) {
                    return Some((i + 1, col + 1));
                }
            } else if is_block_scalar_header(rest) {
                scalar_parent = Some(indent);
            }
        }
    }
    None
}

/// Where the value of a block line starts: right at `at`, or after the
/// first `key:` separator outside quotes.
fn value_start(line: &str, at: usize) -> Option<usize> {
    let rest = &line[at..];
    if rest.starts_with(['[', '{', '|', '>']) {
        return Some(at);
    }
    let bytes = rest.as_bytes();
    let mut quote: Option<u8> = None;
    for (j, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if j == 0 => quote = Some(b),
            (None, b'#') if j == 0 || bytes[j - 1] == b' ' => return None,
            (None, b':') if bytes.get(j + 1).is_none_or(|&n| n == b' ') => {
                let after = &rest[j + 1..];
                return Some(at + j + 1 + (after.len() - after.trim_start().len()));
            }
            _ => {}
        }
    }
    None
}

/// `|`, `>`, optionally with a chomping or indentation indicator, and
/// perhaps a comment.
fn is_block_scalar_header(rest: &str) -> bool {
    let rest = rest.split(" #").next().unwrap_or("").trim_end();
    let mut chars = rest.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| c == '+' || c == '-' || c.is_ascii_digit())
}

/// The state of a flow collection (`[…]`, `{…}`) across lines.
#[derive(Default)]
struct Flow {
    depth: usize,
    quote: Option<char>,
}

impl Flow {
    /// Scans `line` from byte `from`, on top of `base` block levels;
    /// returns the byte column where the depth passes [`MAX_DEPTH`].
    fn scan(&mut self, line: &str, from: usize, base: usize) -> Option<usize> {
        let mut escaped = false;
        let mut prev = ' ';
        for (j, c) in line[from..].char_indices() {
            let col = from + j;
            match self.quote {
                Some('"') if escaped => escaped = false,
                Some('"') if c == '\\' => escaped = true,
                Some(q) if c == q => self.quote = None,
                Some(_) => {}
                None => match c {
                    '"' | '\'' => self.quote = Some(c),
                    '#' if prev == ' ' || prev == '\t' => break,
                    '[' | '{' => {
                        self.depth += 1;
                        if base + self.depth > MAX_DEPTH {
                            return Some(col);
                        }
                    }
                    ']' | '}' => {
                        self.depth = self.depth.saturating_sub(1);
                        if self.depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                },
            }
            prev = c;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_dossiers_pass() {
        let text = "name: Acme [Group]\nnotes: |\n  see [1] and { x\n    [[[[[[[\nswot:\n  strengths:\n    - { text: \"a [b\", score: 3 }\n    - [1, [2, 3]]\nlist:\n- - a\n  - b\n";
        assert_eq!(too_deep(text), None);
    }

    #[test]
    fn deep_flow_nesting_is_located() {
        let text = format!("name: A\nx: {}{}\n", "[".repeat(100), "]".repeat(100));
        // The mapping is level 1, so the 64th `[` after `x: ` (column 3 +
        // 64) is level 65.
        assert_eq!(too_deep(&text), Some((2, 3 + MAX_DEPTH)));
    }

    #[test]
    fn deep_block_nesting_is_located() {
        let mut text = String::new();
        for i in 0..80 {
            text.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
        }
        assert_eq!(too_deep(&text).map(|p| p.0), Some(MAX_DEPTH + 1));
        let dashes = format!("x:\n  {}a\n", "- ".repeat(100));
        assert!(too_deep(&dashes).is_some());
    }

    #[test]
    fn brackets_in_plain_text_and_strings_do_not_count() {
        let many = "note: a [b\n".repeat(200);
        assert_eq!(too_deep(&many), None);
        let quoted = format!("x: [\"{}\"]\n", "[".repeat(200));
        assert_eq!(too_deep(&quoted), None);
    }
}
