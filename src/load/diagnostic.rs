//! A problem found in the content, with where it is and the lines around it.
//!
//! Every stage collects diagnostics instead of stopping at the first; the
//! exit code is decided once, in `main.rs`.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as shown to the user, relative to the site root, `/`-separated.
    pub path: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    pub message: String,
    /// The offending source lines: (1-based line number, text).
    pub snippet: Vec<(usize, String)>,
}

impl Diagnostic {
    /// An error at `line`:`column` of `source`, with the lines around it.
    pub fn error(
        path: &str,
        source: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_string(),
            line,
            column,
            message: message.into(),
            snippet: snippet(source, line),
        }
    }

    /// A warning at `line`:`column` of `source`.
    pub fn warning(
        path: &str,
        source: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, source, line, column, message)
        }
    }

    /// An error about a whole file (or something without a source position).
    pub fn file_error(path: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_string(),
            line: 1,
            column: 1,
            message: message.into(),
            snippet: Vec::new(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The line at `line` and the one before it, if they exist.
fn snippet(source: &str, line: usize) -> Vec<(usize, String)> {
    if line == 0 {
        return Vec::new();
    }
    let first = line.saturating_sub(1).max(1);
    source
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(n, _)| *n >= first && *n <= line)
        .map(|(n, l)| (n, l.chars().take(MAX_SHOWN + 1).collect()))
        .collect()
}

impl fmt::Display for Diagnostic {
    /// `path:line:column: message`, then the source lines with a caret.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        writeln!(
            f,
            "{}:{}:{}: {kind}{}",
            terminal_safe(&self.path, MAX_SHOWN),
            self.line.max(1),
            self.column.max(1),
            terminal_safe(&self.message, MAX_SHOWN)
        )?;
        let width = self.snippet.last().map_or(1, |(n, _)| n.to_string().len());
        for (n, text) in &self.snippet {
            writeln!(f, "{n:>width$} | {}", terminal_safe(text, MAX_SHOWN))?;
            if *n == self.line && self.column > 0 {
                let pad: String = text
                    .chars()
                    .take(self.column - 1)
                    .map(|c| match c {
                        '\t' => "\t".to_string(),
                        c => " ".repeat(terminal_safe(c.encode_utf8(&mut [0; 4]), 1).len()),
                    })
                    .collect();
                writeln!(f, "{:>width$} | {pad}^", "")?;
            }
        }
        Ok(())
    }
}

/// The most characters of a message or source line a diagnostic shows.
const MAX_SHOWN: usize = 240;

/// `text` fit for a terminal: control characters (which could clear the
/// screen or set the window title) written as `\u{..}` escapes, tabs
/// kept, and cut after `max` characters with `…`.
fn terminal_safe(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4));
    for (i, c) in text.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        if c.is_control() && c != '\t' {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// Sorts diagnostics by path, position, then message, so output is stable.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_message_and_caret() {
        let src = "name: A\nscore: 11\n";
        let d = Diagnostic::error("content/customers/a.yaml", src, 2, 8, "out of range");
        let text = d.to_string();
        assert!(
            text.starts_with("content/customers/a.yaml:2:8: out of range\n"),
            "{text}"
        );
        assert!(
            text.contains("1 | name: A\n2 | score: 11\n  |        ^"),
            "{text}"
        );
    }

    #[test]
    fn control_characters_are_escaped_in_terminal_output() {
        let src = "name: \u{1b}]0;pwned\u{7}\u{1b}[2J x\n";
        let d = Diagnostic::error("a.yaml", src, 1, 22, "bad \u{1b}[2J name");
        let text = d.to_string();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(text.contains("\\u{1b}[2J"), "{text}");
        // The caret still points under the `x`.
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1].find('x'), lines[2].find('^'), "{text}");
    }

    #[test]
    fn a_long_line_or_message_is_cut() {
        let src = format!("name: {}\n", "a".repeat(2_000_000));
        let d = Diagnostic::error("a.yaml", &src, 1, 1, format!("bad {src}"));
        let text = d.to_string();
        assert!(text.len() < 2_000, "{} bytes shown", text.len());
        assert!(text.contains('…'));
    }
}
