//! Charts: plotters drawing into SVG strings, one module per chart kind.
//!
//! Every chart function takes plain data (labels and numbers, never model
//! types), draws its title into the SVG, writes every label as SVG `<text>`
//! (so the browser picks the font and CJK works), and returns the SVG as a
//! `String`. The same input gives the same bytes. A chart never panics and
//! never fails the build: when drawing goes wrong it returns a small
//! fallback SVG that still carries the title. Charts read no files and know
//! nothing about pages; choosing what to chart is the caller's business.

pub mod bars;
// Issue 12: the problem-solving flow of a complaint.
pub mod complaint;
pub mod heatmap;
#[cfg(test)]
mod layout_tests;
pub mod matrix;
pub mod pareto;
// Issue 13: the portrait of our best customers.
pub mod portrait;
pub mod pyramid;
pub mod quadrant;
pub mod radar;
pub mod seven_s;
pub mod site;
pub mod spark;
pub mod style;
pub mod target;

pub use site::site_charts;

use plotters::coord::Shift;
use plotters::prelude::*;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The drawing area a chart draws its body on (below the title).
pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// What drawing on an [`Area`] returns.
pub type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// Renders a `width` x `height` SVG: white background, `title` drawn at
/// the top, then `draw` on the area below it. The SVG also gets a
/// `<title>` element and `role="img"` for screen readers.
pub fn svg(width: u32, height: u32, title: &str, draw: impl FnOnce(&Area) -> DrawResult) -> String {
    let mut buf = String::new();
    // A chart is decoration: a bug in one (or a panic inside plotters)
    // must not take the whole build down, so it degrades to the fallback.
    let drawn = catch_unwind(AssertUnwindSafe(|| {
        render(&mut buf, (width, height), title, draw)
    }));
    match drawn {
        Ok(Ok(())) => with_accessible_title(buf, title),
        _ => fallback(width, height, title),
    }
}

fn render(
    buf: &mut String,
    size: (u32, u32),
    title: &str,
    draw: impl FnOnce(&Area) -> DrawResult,
) -> DrawResult {
    let root = SVGBackend::with_string(buf, size).into_drawing_area();
    root.fill(&style::PAPER)?;
    let body = root.titled(title, style::title())?;
    draw(&body)?;
    root.present()
}

/// Adds `role="img"` and a `<title>` child to the root `<svg>` element.
fn with_accessible_title(svg: String, title: &str) -> String {
    let Some(end) = svg.find('>') else {
        return svg;
    };
    let open = svg[..end].replacen("<svg ", "<svg role=\"img\" ", 1);
    format!(
        "{open}>\n<title>{}</title>{}",
        escape(title),
        &svg[end + 1..]
    )
}

/// A plain SVG with only the title: what a chart that failed shows.
pub fn fallback(width: u32, height: u32, title: &str) -> String {
    let t = escape(title);
    format!(
        "<svg role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n<title>{t}</title>\n\
         <rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#FFFFFF\"/>\n\
         <text x=\"{}\" y=\"24\" text-anchor=\"middle\" font-family=\"{}\" font-size=\"18\">{t}</text>\n\
         </svg>\n",
        width / 2,
        style::FONT
    )
}

/// Escapes text for SVG character data and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A linear map from data values to pixels along one axis.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub from: i32,
    pub to: i32,
}

impl Scale {
    /// The pixel of `v` (clamped to the axis, so a wild value cannot
    /// produce a wild coordinate).
    pub fn px(&self, v: f64) -> i32 {
        let span = self.hi - self.lo;
        let t = if span > 0.0 {
            (v - self.lo) / span
        } else {
            0.0
        };
        let t = if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.from + ((self.to - self.from) as f64 * t).round() as i32
    }
}

/// A finite value or 0: charts draw NaN and infinities as 0.
pub(crate) fn finite(v: f64) -> f64 {
    if v.is_finite() { v } else { 0.0 }
}

/// A "nice" tick step (1, 2, 2.5 or 5 times a power of ten) that cuts
/// `span` into about `parts` parts; 1 for a span that is not positive.
pub(crate) fn nice_step(span: f64, parts: u32) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / f64::from(parts.max(1));
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = [1.0, 2.0, 2.5, 5.0]
        .into_iter()
        .find(|&n| norm <= n)
        .unwrap_or(10.0);
    nice * mag
}

/// Widens `lo..hi` to whole steps, never to an empty range, and returns
/// the widened range with its ticks (at most a few dozen, by
/// construction, so no loop can run away).
pub(crate) fn nice_range(lo: f64, hi: f64, parts: u32) -> (f64, f64, Vec<f64>) {
    let (lo, hi) = (finite(lo), finite(hi));
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo, lo + 1.0) };
    let step = nice_step(hi - lo, parts);
    let (k0, k1) = ((lo / step).floor() as i64, (hi / step).ceil() as i64);
    let k1 = k1.clamp(k0.saturating_add(1), k0.saturating_add(40));
    let ticks = (k0..=k1).map(|k| k as f64 * step).collect();
    (k0 as f64 * step, k1 as f64 * step, ticks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_has_the_title_drawn_and_as_a_title_element() {
        let out = svg(200, 100, "Sales & <growth>", |_| Ok(()));
        assert!(out.starts_with("<svg role=\"img\" "), "{out}");
        assert!(out.contains("<title>Sales &amp; &lt;growth&gt;</title>"));
        assert!(
            out.contains(">\nSales &amp; &lt;growth&gt;\n</text>"),
            "{out}"
        );
        assert!(out.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn a_failing_or_panicking_chart_falls_back_to_a_titled_svg() {
        let out = svg(200, 100, "培训部", |_| panic!("boom"));
        assert_eq!(out, fallback(200, 100, "培训部"));
        assert!(out.contains("培训部</text>"));
    }

    #[test]
    fn nice_ranges_cover_the_data_and_are_never_empty() {
        let cases = [
            (0.0, 0.0, (0.0, 1.0)),
            (0.0, 7.0, (0.0, 8.0)),
            (-3.0, 5.0, (-4.0, 6.0)),
            (0.0, 0.625, (0.0, 0.8)),
            (f64::NAN, f64::INFINITY, (0.0, 1.0)),
        ];
        // Absurd magnitudes must not overflow or loop.
        let (_, _, ticks) = nice_range(1e300, 0.0, 4);
        assert!(ticks.len() <= 41);
        for (lo, hi, want) in cases {
            let (a, b, ticks) = nice_range(lo, hi, 4);
            assert!(
                a <= finite(lo) && b >= finite(hi) && b > a,
                "{lo} {hi}: {a} {b}"
            );
            assert!(
                ((a, b).0 - want.0).abs() < 1e-9 && (b - want.1).abs() < 1e-9,
                "{lo} {hi}: {a} {b}"
            );
            assert!(ticks.len() >= 2 && ticks.len() <= 41);
        }
    }

    #[test]
    fn scales_map_and_clamp() {
        let s = Scale {
            lo: -1.0,
            hi: 1.0,
            from: 100,
            to: 300,
        };
        assert_eq!(
            (s.px(-1.0), s.px(0.0), s.px(1.0), s.px(9.0)),
            (100, 200, 300, 300)
        );
        let flat = Scale {
            lo: 0.0,
            hi: 0.0,
            from: 10,
            to: 20,
        };
        assert_eq!(flat.px(5.0), 10);
    }
}
