//! The text form of a [`Report`] that `dossier diff` prints: English,
//! plain Markdown (headings and bullet lists), so it reads the same in a
//! terminal and pasted into a pull-request comment. The site's own pages
//! translate the same report through the theme's templates instead.

use super::diff::Change;
use super::report::{
    CompetitorLine, FieldLine, Line, Move, Report, RiskLine, Score, StatusMove, TerritoryMove,
    ValueMove,
};
use crate::util::trim_num;
use serde_json::Value;
use std::fmt::Write as _;

impl Report {
    /// The report as English Markdown text, ending with a newline.
    pub fn text(&self) -> String {
        let mut out = format!(
            "# Changes from {} to {}\n",
            revision(&self.from),
            revision(&self.to)
        );
        if self.empty {
            out.push_str("\nNo changes in customers, the company or competitors.\n");
            return out;
        }
        section(&mut out, "Customers added", &self.added, |l| {
            format!(
                "{}: {}",
                who(&l.slug, &l.name),
                summary(&l.fields, |f| &f.to)
            )
        });
        section(&mut out, "Customers removed", &self.removed, |l| {
            let had = summary(&l.fields, |f| &f.from);
            format!("{}: had {had}", who(&l.slug, &l.name))
        });
        section(&mut out, "Status changes", &self.status, status_line);
        section(&mut out, "Tier moves up", &self.tier_up, value_move);
        section(&mut out, "Tier moves down", &self.tier_down, value_move);
        section(&mut out, "Value score changes", &self.scores, score_line);
        section(&mut out, "Class changes", &self.classes, |l: &Line| {
            format!("{}: {}", who(&l.slug, &l.name), moves(&l.fields))
        });
        section(&mut out, "New risks", &self.new_risks, risk_line);
        section(&mut out, "Risks cleared", &self.cleared_risks, risk_line);
        section(
            &mut out,
            "Account manager changes",
            &self.owners,
            |m: &Move| {
                format!(
                    "{}: {} → {}",
                    who(&m.slug, &m.name),
                    value(&m.from),
                    value(&m.to)
                )
            },
        );
        section(
            &mut out,
            "Target attainment changes",
            &self.attainment,
            |m: &Move| {
                format!(
                    "{}: {} → {}",
                    who(&m.slug, &m.name),
                    percent(&m.from),
                    percent(&m.to)
                )
            },
        );
        section(
            &mut out,
            "Territory attainment changes",
            &self.territories,
            |m: &TerritoryMove| {
                format!(
                    "{} {}: {} → {}",
                    m.label,
                    who(&m.slug, &m.name),
                    percent(&m.from),
                    percent(&m.to)
                )
            },
        );
        if !self.company.is_empty() {
            out.push_str("\n## Company SWOT\n\n");
            for f in &self.company {
                let _ = writeln!(out, "- {}", field_move(f));
            }
        }
        section(
            &mut out,
            "Competitor SWOT",
            &self.competitors,
            competitor_line,
        );
        out
    }
}

/// `Name (`slug`): current → former (reason: price: Found a cheaper supplier.)`
fn status_line(s: &StatusMove) -> String {
    let mut line = format!(
        "{}: {} → {}",
        who(&s.slug, &s.name),
        value(&s.from),
        value(&s.to)
    );
    let reason: Vec<String> = [&s.reason_code, &s.reason]
        .into_iter()
        .flatten()
        .map(|r| one_line(r))
        .collect();
    if !reason.is_empty() {
        let _ = write!(line, " (reason: {})", reason.join(": "));
    }
    line
}

/// `Name (`slug`): 7 → 7.5, +0.5, still gold`
fn score_line(m: &ValueMove) -> String {
    let score = m.score.as_ref().map(score).unwrap_or_default();
    let tier = if m.to.is_null() {
        String::new()
    } else {
        format!(", still {}", value(&m.to))
    };
    format!("{}: {score}{tier}", who(&m.slug, &m.name))
}

fn competitor_line(c: &CompetitorLine) -> String {
    let what = match c.change {
        Change::Added => format!("added; {}", summary(&c.fields, |f| &f.to)),
        Change::Removed => format!("removed; had {}", summary(&c.fields, |f| &f.from)),
        Change::Changed => moves(&c.fields),
    };
    format!("{}: {what}", who(&c.slug, &c.name))
}

/// A `## Title (n)` section with one bullet per item; nothing when empty.
fn section<T>(out: &mut String, title: &str, items: &[T], line: impl Fn(&T) -> String) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {title} ({})\n", items.len());
    for item in items {
        let _ = writeln!(out, "- {}", line(item));
    }
}

fn revision(r: &super::report::Revision) -> String {
    match &r.commit {
        Some(c) => format!("`{}` ({c})", r.name),
        None => format!("the {}", r.name),
    }
}

fn who(slug: &str, name: &str) -> String {
    format!("{} (`{slug}`)", one_line(name))
}

fn value_move(m: &ValueMove) -> String {
    let mut line = format!(
        "{}: {} → {}",
        who(&m.slug, &m.name),
        value(&m.from),
        value(&m.to)
    );
    if let Some(s) = &m.score {
        let _ = write!(line, " (score {})", score(s));
    }
    line
}

fn score(s: &Score) -> String {
    format!(
        "{} → {}, {}",
        trim_num(s.from),
        trim_num(s.to),
        signed(s.delta)
    )
}

fn risk_line(r: &RiskLine) -> String {
    let risks: Vec<String> = r.risks.iter().map(value).collect();
    format!("{}: {}", who(&r.slug, &r.name), risks.join(", "))
}

/// `tier gold → platinum; ABC B → A`.
fn moves(fields: &[FieldLine]) -> String {
    fields.iter().map(field_move).collect::<Vec<_>>().join("; ")
}

/// `strengths 15 → 12 (-3)`; a delta for numbers on both sides.
fn field_move(f: &FieldLine) -> String {
    if f.share {
        return format!("{} {} → {}", f.label, percent(&f.from), percent(&f.to));
    }
    let mut line = format!("{} {} → {}", english(f.label), value(&f.from), value(&f.to));
    if let Some(d) = f.delta {
        let _ = write!(line, " ({})", signed(d));
    }
    line
}

/// `status current, tier gold`: the fields with a value on one side.
fn summary(fields: &[FieldLine], side: impl Fn(&FieldLine) -> &Value) -> String {
    let parts: Vec<String> = fields
        .iter()
        .filter(|f| !side(f).is_null())
        .map(|f| {
            if f.share {
                format!("{} {}", f.label, percent(side(f)))
            } else {
                format!("{} {}", english(f.label), value(side(f)))
            }
        })
        .collect();
    if parts.is_empty() {
        "no analysis".into()
    } else {
        parts.join(", ")
    }
}

/// The English name of a field's label key.
fn english(label: &str) -> String {
    match label {
        "abc" => "ABC".into(),
        "man_grade" => "MAN grade".into(),
        other => other.replace('_', " "),
    }
}

/// A value as text: `–` for none, lists joined, numbers without noise.
fn value(v: &Value) -> String {
    match v {
        Value::Null => "–".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), trim_num),
        Value::Array(a) if a.is_empty() => "none".into(),
        Value::Array(a) => a.iter().map(value).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// An attainment as a whole percent; `no target` for none.
fn percent(v: &Value) -> String {
    match v.as_f64() {
        Some(x) => format!("{:.0}%", x * 100.0),
        None => "no target".into(),
    }
}

fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}", trim_num(v))
    } else {
        trim_num(v)
    }
}

/// Text folded onto one line (reasons are Markdown paragraphs).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
