//! Markdown fields to sanitised HTML: CommonMark + tables via pulldown-cmark,
//! then ammonia, since pulldown-cmark passes raw HTML straight through.

use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown to HTML that is safe to embed in a page.
pub fn to_html(md: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(md.len() * 3 / 2);
    let events: Vec<pulldown_cmark::Event> = Parser::new_ext(md, opts).collect();
    // Without raw HTML, links or images, pulldown-cmark's output holds only
    // its own tags and escaped text: nothing for the sanitiser to remove,
    // and most fields (plain text, emphasis, lists) skip its HTML parser.
    let plain = !events.iter().any(|e| {
        use pulldown_cmark::{Event, Tag};
        matches!(
            e,
            Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::HtmlBlock)
        )
    });
    html::push_html(&mut raw, events.into_iter());
    if plain {
        return raw;
    }
    let clean = ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .clean(&raw)
        .to_string();
    with_alt(clean)
}

/// Gives every `<img>` an `alt` (empty when it had none), which HTML5
/// requires: a raw `<img src=x onerror=…>` in a note keeps only its `src`
/// through the sanitiser. `html` is the sanitiser's output, so every
/// attribute value is in double quotes.
fn with_alt(html: String) -> String {
    if !html.contains("<img") {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html.as_str();
    while let Some(i) = rest.find("<img") {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let mut quoted = false;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == '>' && !quoted
            })
            .map_or(rest.len(), |(j, _)| j);
        let tag = &rest[..end];
        out.push_str(tag);
        if !tag.contains(" alt=\"") {
            out.push_str(" alt=\"\"");
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The Markdown copy of a page, made as safe as the HTML one: every raw
/// HTML fragment is replaced by what the HTML sanitiser keeps of it (no
/// `<script>`, no `on…=` attributes), and a link or image whose URL has a
/// scheme other than http(s), mailto or tel (`javascript:`, `data:`) points
/// nowhere (`#`). Code spans and blocks are left as they are: a viewer
/// shows them as text.
pub fn sanitise_markdown(md: &str) -> String {
    use pulldown_cmark::{Event, Tag};
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (event, range) in Parser::new_ext(md, opts).into_offset_iter() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                let fragment = &md[range.clone()];
                let clean = ammonia::Builder::default().clean(fragment).to_string();
                // Keep the line break that ends an HTML block line.
                let end = if fragment.ends_with('\n') && !clean.ends_with('\n') {
                    "\n"
                } else {
                    ""
                };
                edits.push((range, format!("{clean}{end}")));
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !is_safe_url(&dest_url) =>
            {
                let text = &md[range.clone()];
                match text
                    .rfind(dest_url.as_ref())
                    .filter(|_| !dest_url.is_empty())
                {
                    Some(at) => {
                        let start = range.start + at;
                        edits.push((start..start + dest_url.len(), "#".to_string()));
                    }
                    // The URL is written with escapes: show the link as text.
                    None => edits.push((range, escape_markdown(text))),
                }
            }
            _ => {}
        }
    }
    if edits.is_empty() {
        return md.to_string();
    }
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(md.len());
    let mut at = 0;
    for (range, text) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(&md[at..range.start]);
        out.push_str(&text);
        at = range.end;
    }
    out.push_str(&md[at..]);
    out
}

/// True for URLs a reader may follow: relative ones, and http(s), mailto
/// and tel. Browsers ignore tabs, line breaks and case in a scheme, so
/// this does too.
fn is_safe_url(url: &str) -> bool {
    let plain: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match plain.find([':', '/', '?', '#']) {
        Some(i) if plain.as_bytes()[i] == b':' => {
            matches!(&plain[..i], "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// Markdown text that shows `text` as it is, with no link or HTML.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '[' | ']' | '(' | ')' | '\\' | '`' | '*' | '_' => {
                out.push('\\');
                out.push(c);
            }
            ':' => out.push_str("&#58;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown_and_tables() {
        let html = to_html("**bold**\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<strong>bold</strong>"));
        assert!(html.contains("<table>"));
    }

    #[test]
    fn raw_html_is_sanitised() {
        let html = to_html(
            "hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn every_image_of_a_note_has_an_alt() {
        let html = to_html("<img src=x onerror=alert(1)> <img title=\"a>b\" src=y> ![pic](z.png)");
        assert_eq!(html.matches("<img").count(), 3, "{html}");
        assert_eq!(html.matches(" alt=\"").count(), 3, "{html}");
        assert!(html.contains("alt=\"pic\""), "{html}");
        assert!(html.contains("src=\"y\" alt=\"\">"), "{html}");
    }

    #[test]
    fn markdown_copies_are_sanitised_like_the_html() {
        let md = "# Acme <script>alert('x')</script> & Co\n\n\
                  Hi <img src=x onerror=alert(1)> [x](javascript:alert(1)) \
                  [y](JaVa\tScript:alert(1)) <javascript:alert(2)> ![i](data:image/svg+xml,x) \
                  [z](java&#115;cript:alert(3))\n\n\
                  <div onclick=\"alert(4)\">\n<p>block</p>\n</div>\n\n\
                  `<script>code</script>` [ok](https://example.com/a) [rel](../a.html)\n";
        let out = sanitise_markdown(md);
        let lower = out.to_ascii_lowercase();
        for bad in ["<script", "onerror", "onclick", "javascript:", "data:image"] {
            assert!(
                !lower.replace("`<script>code</script>`", "").contains(bad),
                "{bad} in {out}"
            );
        }
        assert!(out.contains("`<script>code</script>`"), "{out}");
        assert!(out.contains("[ok](https://example.com/a)"), "{out}");
        assert!(out.contains("[rel](../a.html)"), "{out}");
        assert!(out.contains("# Acme"), "{out}");
        // Read again as Markdown, what is left of the bad links is text.
        let html = to_html(&out).to_ascii_lowercase();
        assert!(
            !html.contains("href=\"java") && !html.contains("src=\"data"),
            "{html}"
        );
        assert_eq!(sanitise_markdown("plain *text*\n"), "plain *text*\n");
    }
}
