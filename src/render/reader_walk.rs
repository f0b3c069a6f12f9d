//! What a reader sees of a built page, and the internal keys in it: the
//! text of HTML, SVG and Markdown files, and the problems a reader would
//! notice (an enum value, code or slug shown instead of its label, a
//! literal backtick). Plain functions with no tie to the crate, so the
//! integration test of a generated site uses them too.

use std::collections::BTreeSet;

/// Text a reader sees in an HTML or SVG file: text nodes (not scripts or
/// styles) and the alt, title, placeholder and aria-label attributes.
pub fn visible_text(markup: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = markup;
    let mut skip_until: Option<&str> = None;
    while let Some(lt) = rest.find('<') {
        if skip_until.is_none() {
            out.push(unescape(&rest[..lt]));
        }
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        let lower = tag.to_ascii_lowercase();
        if let Some(end) = skip_until {
            if lower.starts_with(end) {
                skip_until = None;
            }
            continue;
        }
        if lower.starts_with("script") {
            skip_until = Some("/script");
        } else if lower.starts_with("style") {
            skip_until = Some("/style");
        } else if lower.starts_with("code") {
            skip_until = Some("/code");
        }
        for attr in ["alt=\"", "title=\"", "placeholder=\"", "aria-label=\""] {
            if let Some(i) = tag.find(attr) {
                let v = &tag[i + attr.len()..];
                out.push(unescape(&v[..v.find('"').unwrap_or(v.len())]));
            }
        }
    }
    out.push(unescape(rest));
    // A key-like word inside a sentence of the content ("A mercenary
    // customer") is prose, not a key: blank such pieces for the
    // whole-piece check by joining them with their neighbours.
    let mut joined: Vec<String> = Vec::with_capacity(out.len());
    for piece in out {
        let glued = joined.last().is_some_and(|prev: &String| {
            prev.ends_with(' ') && prev.trim_end().ends_with(char::is_alphanumeric)
                || piece.starts_with(' ') && piece[1..].starts_with(char::is_alphabetic)
        });
        match joined.last_mut() {
            Some(prev) if glued => prev.push_str(&piece),
            _ => joined.push(piece),
        }
    }
    joined
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Text a reader sees in a Markdown copy: link targets removed, table
/// cells split.
pub fn markdown_text(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in md.lines() {
        let mut l = line.to_string();
        while let Some(i) = l.find("](") {
            let end = l[i..].find(')').map_or(l.len(), |e| i + e + 1);
            l.replace_range(i + 1..end, "");
        }
        out.extend(l.split('|').map(str::to_string));
    }
    out
}

/// The problems a reader would notice in one piece of visible text.
pub fn problems(text: &str, keys: &BTreeSet<String>, markdown: bool) -> Vec<String> {
    let mut found = Vec::new();
    if !markdown && text.contains('`') {
        found.push(format!("literal backtick in {text:?}"));
    }
    if text.contains("MAN MAN") {
        found.push(format!("combo shown as a key in {text:?}"));
    }
    let separators = ['(', ')', '·', ';', ':', '–', '/', '#'];
    for seg in text.split(&separators[..]) {
        let seg = seg.trim();
        if keys.contains(seg) {
            found.push(format!("raw key `{seg}` in {text:?}"));
        }
    }
    for word in text.split(|c: char| c.is_whitespace() || ",;:()".contains(c)) {
        let strong = word.contains('_')
            || word.contains('-')
            || word.chars().skip(1).any(|c| c.is_uppercase())
                && word.chars().any(|c| c.is_lowercase());
        if strong && keys.contains(word) {
            found.push(format!("raw key `{word}` in {text:?}"));
        }
    }
    found
}
