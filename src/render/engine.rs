//! The Tera 2 environment: filters registered first, then every template
//! of the theme and of the site's `templates/` added in one go (so
//! inheritance resolves), parsed once and shared by all pages.

use super::i18n;
use super::theme::{read_site_templates, read_theme};
use crate::config::Config;
use crate::load::Diagnostic;
pub use crate::util::{Habits, escape_html, format_money, trim_num};
use std::collections::BTreeMap;
use std::path::Path;
use tera::{Kwargs, State, Tera, Value};

/// Parsed templates, labels and static files of the active theme.
pub struct Engine {
    pub tera: Tera,
    pub labels: serde_json::Value,
    pub languages: Vec<String>,
    /// Files of the theme's `static/`, copied to the output as is.
    pub statics: Vec<(String, Vec<u8>)>,
    /// Template name to (path shown to the user, source), for errors.
    sources: BTreeMap<String, (String, String)>,
}

impl Engine {
    /// A render error as a diagnostic at the template line it names.
    pub fn render_error(&self, template: &str, e: &tera::Error) -> Diagnostic {
        template_error(&self.sources, template, e)
    }

    /// The template sources and this program's version: pages rendered
    /// with other templates or another dossier are never reused.
    pub fn templates(&self) -> (&'static str, &BTreeMap<String, (String, String)>) {
        (env!("CARGO_PKG_VERSION"), &self.sources)
    }
}

/// Loads the theme named in `config` for the site at `root`.
pub fn load(root: &Path, config: &Config) -> Result<Engine, Vec<Diagnostic>> {
    let theme = read_theme(root, &config.theme).map_err(|d| vec![d])?;
    let languages = i18n::languages(&theme);
    let language = if languages.contains(&config.language) {
        config.language.as_str()
    } else {
        "en"
    };
    let labels = i18n::labels(&theme, language)?;
    let mut templates: BTreeMap<String, (String, Vec<u8>)> = theme
        .under("templates")
        .map(|(p, b)| {
            (
                p.to_string(),
                (format!("{}/templates/{p}", theme.origin), b.to_vec()),
            )
        })
        .collect();
    for (p, b) in read_site_templates(root) {
        templates.insert(p.clone(), (format!("templates/{p}"), b));
    }
    let sources: BTreeMap<String, (String, String)> = templates
        .iter()
        .map(|(n, (shown, b))| {
            (
                n.clone(),
                (shown.clone(), String::from_utf8_lossy(b).into_owned()),
            )
        })
        .collect();
    let tera = build_tera(&sources, &Habits::of(&labels))?;
    let statics = theme
        .under("static")
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect();
    Ok(Engine {
        tera,
        labels,
        languages,
        statics,
        sources,
    })
}

fn build_tera(
    sources: &BTreeMap<String, (String, String)>,
    habits: &Habits,
) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    register_filters(&mut tera, habits);
    tera.add_raw_templates(sources.iter().map(|(n, (_, t))| (n.as_str(), t.as_str())))
        .map_err(|e| vec![template_error(sources, "", &e)])?;
    Ok(tera)
}

/// A Tera error as a diagnostic at the template file, line and column it
/// names (Tera's own report, with the call chain, follows the message).
fn template_error(
    sources: &BTreeMap<String, (String, String)>,
    template: &str,
    e: &tera::Error,
) -> Diagnostic {
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        text.push_str(&format!("\n{c}"));
        cause = c.source();
    }
    let first = text
        .lines()
        .next()
        .unwrap_or("")
        .trim_start_matches("error: ")
        .to_string();
    let location = text.lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix("--> ")?;
        let mut parts = rest.rsplitn(3, ':');
        let col = parts.next()?.trim().parse::<usize>().ok()?;
        let line = parts.next()?.trim().parse::<usize>().ok()?;
        Some((parts.next()?.trim().to_string(), line, col))
    });
    let (name, line, col) = location.unwrap_or_else(|| (template.to_string(), 1, 1));
    let notes: Vec<&str> = text
        .lines()
        .skip(1)
        .filter(|l| l.trim_start().starts_with("note:"))
        .collect();
    let mut message = format!("template error: {first}");
    for n in notes {
        message.push_str(&format!(" ({})", n.trim()));
    }
    match sources.get(&name) {
        Some((shown, src)) => Diagnostic::error(shown, src, line, col, message),
        None => Diagnostic::file_error(&format!("templates/{name}"), message),
    }
}

fn register_filters(tera: &mut Tera, habits: &Habits) {
    // Tera 2's `default` only replaces undefined values; optional fields of
    // the content are `null` when left out, so ours replaces both.
    tera.register_filter(
        "default",
        |v: Value, kw: Kwargs, _: &State| -> tera::TeraResult<Value> {
            if v.is_undefined() || v.is_none() {
                kw.must_get::<Value>("value")
            } else {
                Ok(v)
            }
        },
    );
    tera.register_filter("markdown", |s: &str, _: Kwargs, _: &State| {
        Value::safe_string(&super::markdown::to_html(s))
    });
    let h = habits.clone();
    tera.register_filter("money", move |v: f64, _: Kwargs, _: &State| h.money(v));
    let h = habits.clone();
    tera.register_filter("pct", move |v: f64, _: Kwargs, _: &State| h.pct(v));
    let h = habits.clone();
    tera.register_filter("dec1", move |v: f64, _: Kwargs, _: &State| h.dec(v, 1));
    let h = habits.clone();
    tera.register_filter("date", move |v: Value, _: Kwargs, _: &State| {
        match v.as_str() {
            Some(s) => Value::from(h.date(s)),
            None => v,
        }
    });
    tera.register_filter("signed", |v: f64, _: Kwargs, _: &State| {
        if v > 0.0 {
            format!("+{}", trim_num(v))
        } else {
            trim_num(v)
        }
    });
    tera.register_filter("num", |v: f64, _: Kwargs, _: &State| trim_num(v));
    tera.register_filter("css_string", |s: &str, _: Kwargs, _: &State| {
        Value::safe_string(&css_string(s))
    });
    tera.register_filter("humanise", |s: &str, _: Kwargs, _: &State| humanise(s));
    tera.register_filter("code", |s: &str, _: Kwargs, _: &State| {
        Value::safe_string(&inline_code(s))
    });
    // `n | plural(one=…, other=…)`: the label form for a count, with `{n}`
    // replaced by the count. Languages without plural forms give both the
    // same text.
    tera.register_filter(
        "plural",
        |n: f64, kw: Kwargs, _: &State| -> tera::TeraResult<String> {
            let form = if n == 1.0 {
                kw.must_get::<String>("one")?
            } else {
                kw.must_get::<String>("other")?
            };
            Ok(form.replace("{n}", &trim_num(n)))
        },
    );
    tera.register_filter("md_cell", |s: &str, _: Kwargs, _: &State| {
        s.replace('|', "\\|")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    });
}

/// A free-text code as a reader would write it: `ip_infringement` is
/// "IP infringement", `payment-default` "Payment default".
pub fn humanise(code: &str) -> String {
    const ACRONYMS: [&str; 10] = [
        "ip", "it", "hr", "ai", "vat", "crm", "erp", "ceo", "b2b", "ok",
    ];
    let words: Vec<String> = code
        .split(['_', '-', ' '])
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| {
            if ACRONYMS.contains(&w.to_lowercase().as_str()) {
                w.to_uppercase()
            } else if i == 0 {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            } else {
                w.to_string()
            }
        })
        .collect();
    words.join(" ")
}

/// A label with `name` in backticks as HTML: escaped, the quoted names
/// set as `<code>` rather than shown with their backticks.
pub fn inline_code(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for (i, part) in s.split('`').enumerate() {
        let part = escape_html(part);
        if i % 2 == 1 {
            out.push_str(&format!("<code>{part}</code>"));
        } else {
            out.push_str(&part);
        }
    }
    out
}

/// Text for a double-quoted CSS string inside a `<style>` element: every
/// character that could end the string, the rule or the element is a CSS
/// escape.
pub fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() || " .,·()-–:/".contains(c) {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_formatted_for_managers() {
        assert_eq!(format_money(1234567.6), "1,234,568");
        assert_eq!(format_money(-950.0), "-950");
        assert_eq!(format_money(0.0), "0");
        assert_eq!(trim_num(2.0), "2");
        assert_eq!(trim_num(2.75), "2.75");
        assert_eq!(trim_num(-1.5), "-1.5");
    }

    #[test]
    fn numbers_and_dates_follow_the_language() {
        let de = Habits {
            thousands: ".".into(),
            decimal: ",".into(),
            date: "{dd}.{mm}.{y}".into(),
            percent: "{n} %".into(),
        };
        assert_eq!(de.money(1234567.0), "1.234.567");
        assert_eq!(de.dec(8.44, 1), "8,4");
        assert_eq!(de.pct(0.85), "85 %");
        assert_eq!(de.date("2026-07-05"), "05.07.2026");
        let zh = Habits {
            date: "{y}年{m}月{d}日".into(),
            ..Habits::default()
        };
        assert_eq!(zh.date("2026-07-05"), "2026年7月5日");
        assert_eq!(zh.date("not a date"), "not a date");
        assert_eq!(Habits::default().money(-950.0), "-950");
    }

    #[test]
    fn codes_read_as_words() {
        assert_eq!(humanise("ip_infringement"), "IP infringement");
        assert_eq!(humanise("payment_default"), "Payment default");
        assert_eq!(humanise("price"), "Price");
        assert_eq!(
            inline_code("add a `value:` block <b>"),
            "add a <code>value:</code> block &lt;b&gt;"
        );
        assert_eq!(css_string("A\"</style>"), "A\\22 \\3c /style\\3e ");
    }
}
