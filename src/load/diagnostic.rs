//! A problem found in the content, with where it is and the lines around it.
//!
//! Every stage collects diagnostics instead of stopping at the first; the
//! exit code is decided once, in `main.rs`.

use std::fmt;
use unicode_width::UnicodeWidthChar;

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
    /// 1-based column just after the span the problem is about, on `line`
    /// (the caret runs from `column` to here); `column + 1` at least.
    /// A `u32`, which packs beside `severity`: a `Diagnostic` stays small
    /// enough to be returned by value in a `Result`.
    pub end_column: u32,
    pub message: String,
    /// How to fix it, in the manager's words, when a fix is known.
    pub help: Option<String>,
    /// The offending source lines: (1-based line number, text).
    pub snippet: Vec<(usize, String)>,
}

impl Diagnostic {
    /// An error at `line`:`column` of `source`, with the lines around it.
    /// The caret spans the word, key or value that starts there.
    pub fn error(
        path: &str,
        source: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        let message = message.into();
        let (message, help) = split_help(&message);
        let snippet = snippet(source, line);
        let end_column = snippet
            .iter()
            .find(|(n, _)| *n == line)
            .map_or(column + 1, |(_, text)| span_end(text, column));
        Diagnostic {
            severity: Severity::Error,
            path: path.to_string(),
            line,
            column,
            end_column: u32::try_from(end_column).unwrap_or(u32::MAX),
            message,
            help,
            snippet,
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
        let message = message.into();
        let (message, help) = split_help(&message);
        Diagnostic {
            severity: Severity::Error,
            path: path.to_string(),
            line: 0,
            column: 0,
            end_column: 0,
            message,
            help,
            snippet: Vec::new(),
        }
    }

    /// The same problem as a warning.
    pub fn into_warning(self) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..self
        }
    }

    /// The same problem with `help` as its fix.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The caret covers `chars` characters from the column.
    pub fn with_span(mut self, chars: usize) -> Self {
        self.end_column = u32::try_from(self.column + chars.max(1)).unwrap_or(u32::MAX);
        self
    }

    /// The column after the span, at least one past `column`.
    pub fn end(&self) -> usize {
        (self.end_column as usize).max(self.column + 1)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The text as printed, with ANSI colours when `color` is true.
    pub fn render(&self, color: bool) -> String {
        let paint = |style: &str, text: &str| {
            if color {
                format!("\x1b[{style}m{text}\x1b[0m")
            } else {
                text.to_string()
            }
        };
        let (label, style) = match self.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        let mut out = String::new();
        out.push_str(&paint(style, label));
        out.push_str(&paint(
            "1",
            &format!(": {}", terminal_safe(&self.message, MAX_SHOWN)),
        ));
        out.push('\n');
        let width = self
            .snippet
            .last()
            .map_or(1, |(n, _)| n.to_string().len())
            .max(1);
        let bar = |out: &mut String| {
            out.push_str(&" ".repeat(width + 1));
            out.push_str(&paint("1;34", "|"));
        };
        out.push_str(&" ".repeat(width));
        out.push_str(&paint("1;34", "--> "));
        out.push_str(&terminal_safe(&self.path, MAX_SHOWN));
        if self.line > 0 {
            out.push_str(&format!(":{}:{}", self.line, self.column.max(1)));
        }
        out.push('\n');
        if !self.snippet.is_empty() {
            bar(&mut out);
            out.push('\n');
        }
        for (n, text) in &self.snippet {
            let text = &terminal_safe(text, MAX_SHOWN);
            out.push_str(&paint("1;34", &format!("{n:>width$} |")));
            if !text.is_empty() {
                out.push(' ');
                out.push_str(text);
            }
            out.push('\n');
            if *n == self.line && self.column > 0 {
                // Under wide characters (Chinese, full-width `：`) the
                // caret is as wide as what it points at.
                let pad: String = text
                    .chars()
                    .take(self.column - 1)
                    .map(|c| match c {
                        '\t' => "\t".to_string(),
                        c => " ".repeat(c.width().unwrap_or(0)),
                    })
                    .collect();
                let spanned: usize = text
                    .chars()
                    .skip(self.column - 1)
                    .take(self.end().saturating_sub(self.column))
                    .map(|c| c.width().unwrap_or(0))
                    .sum();
                let carets = "^".repeat(spanned.clamp(1, MAX_SHOWN));
                bar(&mut out);
                out.push(' ');
                out.push_str(&pad);
                out.push_str(&paint(style, &carets));
                out.push('\n');
            }
        }
        if let Some(help) = &self.help {
            out.push_str(&" ".repeat(width + 1));
            out.push_str(&paint("1;34", "="));
            out.push(' ');
            out.push_str(&paint("1", "help"));
            out.push_str(&format!(": {}\n", terminal_safe(help, MAX_SHOWN)));
        }
        out
    }
}

/// Messages may carry their fix after a line `help: `; it is split off.
fn split_help(message: &str) -> (String, Option<String>) {
    match message.split_once(HELP) {
        Some((m, h)) => (m.trim_end().to_string(), Some(h.trim().to_string())),
        None => (message.to_string(), None),
    }
}

pub use crate::util::HELP;

/// The 1-based column after the word at `column` of `text`: a quoted
/// string, a key up to its colon, or a value up to the end of the line
/// (up to `,`, `}` or `]` inside `{ }` and `[ ]`).
fn span_end(text: &str, column: usize) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let start = column.saturating_sub(1);
    if column == 0 || start >= chars.len() {
        return column + 1;
    }
    let in_flow = chars[..start].iter().any(|c| matches!(c, '{' | '['));
    let end = match chars[start] {
        q @ ('"' | '\'') => chars[start + 1..]
            .iter()
            .position(|&c| c == q)
            .map_or(chars.len(), |p| start + p + 2),
        _ => {
            let mut end = chars.len();
            for (i, &c) in chars.iter().enumerate().skip(start) {
                let next_is_space = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
                let stop = (c == ':' && next_is_space)
                    || (c == '#' && i > start && chars[i - 1].is_whitespace())
                    || (in_flow && matches!(c, ',' | '}' | ']'));
                if stop {
                    end = i;
                    break;
                }
            }
            while end > start + 1 && chars[end - 1].is_whitespace() {
                end -= 1;
            }
            end
        }
    };
    end.max(start + 1) + 1
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
    /// rustc's shape: `error: message`, ` --> path:line:column`, the source
    /// lines with a caret under the span, then `= help: ` with the fix.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// The most characters of a message or source line a diagnostic shows.
const MAX_SHOWN: usize = 240;

/// `text` fit for a terminal: control characters but tabs and line breaks (which could clear the
/// screen or set the window title) written as `\u{..}` escapes, tabs
/// kept, and cut after `max` characters with `…`.
fn terminal_safe(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4));
    for (i, c) in text.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        if c.is_control() && c != '\t' && c != '\n' {
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
    fn renders_in_rustc_shape_with_a_caret_under_the_span_and_help() {
        let src = "name: A\nscore: 11\n";
        let d = Diagnostic::error(
            "content/customers/a.yaml",
            src,
            2,
            8,
            "out of range\nhelp: write a score from 0 to 10",
        );
        assert_eq!(
            d.to_string(),
            "error: out of range\n --> content/customers/a.yaml:2:8\n  |\n1 | name: A\n2 | score: 11\n  |        ^^\n  = help: write a score from 0 to 10\n"
        );
        let w = Diagnostic::file_error("dossier.yaml", "empty").into_warning();
        assert_eq!(w.to_string(), "warning: empty\n --> dossier.yaml\n");
        let colored = d.render(true);
        assert!(colored.contains("\x1b[1;31merror\x1b[0m"), "{colored}");
        assert!(!d.to_string().contains('\x1b'));
    }

    #[test]
    fn the_caret_covers_a_key_a_flow_value_or_a_quoted_string() {
        assert_eq!(span_end("satisfation: 4", 1), 12);
        assert_eq!(span_end("  - { period: 2025, revenue: 1, x: 2 }", 30), 31);
        assert_eq!(span_end("name: \"a, b\" # c", 7), 13);
        assert_eq!(span_end("notes: a b # c", 8), 11);
        assert_eq!(span_end("", 1), 2);
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
