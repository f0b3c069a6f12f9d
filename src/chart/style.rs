//! The look shared by every chart: font, palette, fills, number formats
//! and text measuring.
//!
//! Charts must read in black and white (printed dossiers, colour-blind
//! readers), so colour never carries meaning alone: a negative bar is
//! hatched where a positive one is solid, a weakness has a dashed outline
//! and a "−" where a strength has a solid one and a "+", and every mark
//! carries a text label. Text uses the generic family `sans-serif` so the
//! browser picks a font that has the glyphs (CJK included).

use super::{Area, DrawResult};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The font family of every label.
pub const FONT: &str = "sans-serif";
/// Background.
pub const PAPER: RGBColor = RGBColor(255, 255, 255);
/// Text, axes and outlines.
pub const INK: RGBColor = RGBColor(34, 34, 34);
/// Secondary text (ticks, quadrant names).
pub const MUTED: RGBColor = RGBColor(100, 100, 100);
/// Grid lines: light enough to recede.
pub const GRID: RGBColor = RGBColor(220, 220, 220);
/// The main series: a dark blue that prints as dark grey.
pub const ACCENT: RGBColor = RGBColor(31, 95, 153);
/// A light tint of the accent, for filled areas behind text.
pub const TINT: RGBColor = RGBColor(214, 228, 240);
/// The "against us" series: an orange that prints as mid grey, and is
/// always paired with hatching or dashes.
pub const WARN: RGBColor = RGBColor(184, 80, 0);

/// Text of `size` plotters units (the SVG font-size is `size / 1.24`).
pub fn text(size: u32) -> TextStyle<'static> {
    (FONT, size).into_font().color(&INK)
}

/// Bold text.
pub fn bold(size: u32) -> TextStyle<'static> {
    (FONT, size, FontStyle::Bold).into_font().color(&INK)
}

/// Bold text in `color` (for colours computed at run time: plotters'
/// `TextStyle::color` wants a borrow that outlives the style).
pub fn bold_in(size: u32, color: RGBColor) -> TextStyle<'static> {
    (FONT, size, FontStyle::Bold).into_font().color(&color)
}

/// A chart's title.
pub fn title() -> TextStyle<'static> {
    bold(22)
}

/// `style` anchored at `h`/`v` of the text box.
pub fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

/// `style` centred on its position both ways.
pub fn centred(style: TextStyle<'static>) -> TextStyle<'static> {
    anchored(style, HPos::Center, VPos::Center)
}

/// Direction of hatching lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hatch {
    /// `/` lines.
    Forward,
    /// `\` lines.
    Backward,
    /// `-` lines.
    Horizontal,
}

/// How a box (a bar, a cell) is filled and outlined.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fill {
    pub background: RGBColor,
    pub hatch: Option<Hatch>,
    /// Colour of the hatching and the outline.
    pub ink: RGBColor,
}

/// For values in our favour: solid.
pub const POSITIVE: Fill = Fill {
    background: ACCENT,
    hatch: None,
    ink: INK,
};

/// For values against us: white with `/` hatching.
pub const NEGATIVE: Fill = Fill {
    background: PAPER,
    hatch: Some(Hatch::Forward),
    ink: WARN,
};

/// Fills for categories that are neither for nor against us (tiers,
/// classes), told apart by pattern as well as colour; they repeat after
/// four.
pub fn series(i: usize) -> Fill {
    const SERIES: [Fill; 4] = [
        POSITIVE,
        Fill {
            background: PAPER,
            hatch: Some(Hatch::Forward),
            ink: INK,
        },
        Fill {
            background: TINT,
            hatch: Some(Hatch::Backward),
            ink: ACCENT,
        },
        Fill {
            background: PAPER,
            hatch: Some(Hatch::Horizontal),
            ink: WARN,
        },
    ];
    SERIES[i % SERIES.len()]
}

/// Gap between hatching lines, in pixels.
const HATCH_GAP: i32 = 6;

type Segment = ((i32, i32), (i32, i32));

/// The hatching lines clipped to the box `(x0, y0)..(x1, y1)`.
pub fn hatch_segments(a: (i32, i32), b: (i32, i32), hatch: Hatch) -> Vec<Segment> {
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    let mut out = Vec::new();
    match hatch {
        Hatch::Horizontal => {
            for y in (y0 + HATCH_GAP / 2..y1).step_by(HATCH_GAP as usize) {
                out.push(((x0, y), (x1, y)));
            }
        }
        // Lines x + y = k, from bottom-left to top-right.
        Hatch::Forward => {
            for k in (x0 + y0 + HATCH_GAP..x1 + y1).step_by(HATCH_GAP as usize) {
                let (xa, xb) = ((k - y1).max(x0), (k - y0).min(x1));
                out.push(((xa, k - xa), (xb, k - xb)));
            }
        }
        // Lines x - y = k, from top-left to bottom-right.
        Hatch::Backward => {
            for k in (x0 - y1 + HATCH_GAP..x1 - y0).step_by(HATCH_GAP as usize) {
                let (xa, xb) = ((k + y0).max(x0), (k + y1).min(x1));
                out.push(((xa, xa - k), (xb, xb - k)));
            }
        }
    }
    out
}

/// Draws a filled, hatched and outlined box.
pub fn draw_box(area: &Area, a: (i32, i32), b: (i32, i32), fill: &Fill) -> DrawResult {
    area.draw(&Rectangle::new([a, b], fill.background.filled()))?;
    if let Some(h) = fill.hatch {
        for (p, q) in hatch_segments(a, b, h) {
            area.draw(&PathElement::new(vec![p, q], fill.ink.stroke_width(1)))?;
        }
    }
    area.draw(&Rectangle::new([a, b], fill.ink.stroke_width(1)))
}

/// Draws a dashed circle outline (plotters circles have no dash style):
/// 18 dashes, each an arc of three points.
pub fn dashed_circle(area: &Area, c: (i32, i32), r: i32, style: ShapeStyle) -> DrawResult {
    const DASHES: u32 = 18;
    let at = |step: u32| {
        // Four steps per dash: two drawn, two left as the gap.
        let a = std::f64::consts::TAU * f64::from(step) / f64::from(4 * DASHES);
        let x = f64::from(c.0) + f64::from(r) * a.cos();
        let y = f64::from(c.1) + f64::from(r) * a.sin();
        (x.round() as i32, y.round() as i32)
    };
    for d in 0..DASHES {
        let dash: Vec<(i32, i32)> = (0..=2).map(|s| at(4 * d + s)).collect();
        area.draw(&PathElement::new(dash, style))?;
    }
    Ok(())
}

/// A shade from white (`t = 0`) to the accent (`t = 1`), for heatmaps.
pub fn shade(t: f64) -> RGBColor {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let mix = |from: u8, to: u8| (from as f64 + (to as f64 - from as f64) * t).round() as u8;
    RGBColor(
        mix(PAPER.0, ACCENT.0),
        mix(PAPER.1, ACCENT.1),
        mix(PAPER.2, ACCENT.2),
    )
}

/// The text colour that reads on [`shade`]`(t)`.
pub fn ink_on(t: f64) -> RGBColor {
    if t > 0.55 { PAPER } else { INK }
}

/// A number for a label: whole numbers without decimals, others with up
/// to two (`4`, `2.8`, `0.63`, `-1.5`); never `-0`.
pub fn number(v: f64) -> String {
    let v = super::finite(v);
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// A number with its sign always shown: `+2`, `-1`, `0`.
pub fn signed(v: f64) -> String {
    let s = number(v);
    if s != "0" && !s.starts_with('-') {
        format!("+{s}")
    } else {
        s
    }
}

/// A share (0..1) as a whole percent: `0.41` is `41%`, never `-0%`.
pub fn percent(share: f64) -> String {
    format!("{}%", number((super::finite(share) * 100.0).round()))
}

/// Whether `c` takes a full em (CJK and other wide scripts).
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// An estimate of the width in pixels of `s` drawn at `size`: the SVG
/// has no font metrics, so wide characters count one em, others 0.6 em.
pub fn text_width(s: &str, size: u32) -> i32 {
    let em = size as f64 / 1.24;
    let w: f64 = s
        .chars()
        .map(|c| if is_wide(c) { em } else { 0.6 * em })
        .sum();
    w.ceil() as i32
}

/// `s`, cut short with "…" when it is wider than `max_px`.
pub fn fit(s: &str, max_px: i32, size: u32) -> String {
    if text_width(s, size) <= max_px {
        return s.into();
    }
    let mut out = String::new();
    for c in s.chars() {
        if text_width(&format!("{out}{c}…"), size) > max_px {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Breaks `s` into lines of at most `max_px` pixels: between words, and
/// between any two wide characters (CJK has no spaces). A word longer
/// than a line stays whole on its own line.
pub fn wrap(s: &str, max_px: i32, size: u32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for token in tokens(s) {
        let glue = if line.is_empty() || is_wide_token(&token) && ends_wide(&line) {
            ""
        } else {
            " "
        };
        let candidate = format!("{line}{glue}{token}");
        if line.is_empty() || text_width(&candidate, size) <= max_px {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = token;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn is_wide_token(t: &str) -> bool {
    t.chars().next().is_some_and(is_wide)
}

fn ends_wide(s: &str) -> bool {
    s.chars().last().is_some_and(is_wide)
}

/// Words, with every wide character a token of its own.
fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in s.split_whitespace() {
        let mut run = String::new();
        for c in word.chars() {
            if is_wide(c) {
                if !run.is_empty() {
                    out.push(std::mem::take(&mut run));
                }
                out.push(c.to_string());
            } else {
                run.push(c);
            }
        }
        if !run.is_empty() {
            out.push(run);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_needless_decimals_and_negative_zero() {
        let cases = [
            (4.0, "4", "+4"),
            (2.8, "2.8", "+2.8"),
            (0.625, "0.62", "+0.62"),
            (-1.5, "-1.5", "-1.5"),
            (0.0, "0", "0"),
            (-0.0, "0", "0"),
            (-0.001, "0", "0"),
            (f64::NAN, "0", "0"),
            (120.0, "120", "+120"),
        ];
        for (v, plain, sign) in cases {
            assert_eq!(
                (number(v).as_str(), signed(v).as_str()),
                (plain, sign),
                "{v}"
            );
        }
    }

    #[test]
    fn percents_are_whole_and_never_negative_zero() {
        let cases = [
            (0.41, "41%"),
            (0.3349, "33%"),
            (1.0, "100%"),
            (0.0, "0%"),
            (-0.001, "0%"),
            (-0.25, "-25%"),
            (f64::NAN, "0%"),
        ];
        for (v, want) in cases {
            assert_eq!(percent(v), want, "{v}");
        }
    }

    #[test]
    fn series_fills_differ_in_pattern_not_only_colour() {
        let look = |f: Fill| (f.background == PAPER, f.hatch);
        for i in 0..4 {
            for j in 0..i {
                assert_ne!(look(series(i)), look(series(j)), "{i} {j}");
            }
        }
        assert_eq!(series(5), series(1));
    }

    #[test]
    fn hatching_stays_inside_its_box() {
        for h in [Hatch::Forward, Hatch::Backward, Hatch::Horizontal] {
            let segs = hatch_segments((10, 20), (70, 38), h);
            assert!(!segs.is_empty(), "{h:?}");
            for ((xa, ya), (xb, yb)) in segs {
                for (x, y) in [(xa, ya), (xb, yb)] {
                    assert!(
                        (10..=70).contains(&x) && (20..=38).contains(&y),
                        "{h:?} {x},{y}"
                    );
                }
            }
        }
        assert!(hatch_segments((5, 5), (5, 5), Hatch::Forward).is_empty());
    }

    #[test]
    fn wrapping_breaks_words_and_cjk_but_keeps_long_words_whole() {
        assert_eq!(wrap("Shared values", 60, 16), ["Shared", "values"]);
        assert_eq!(wrap("Staff", 200, 16), ["Staff"]);
        assert_eq!(wrap("共同价值观念", 40, 16), ["共同价", "值观念"]);
        assert_eq!(
            wrap("Supercalifragilistic", 20, 16),
            ["Supercalifragilistic"]
        );
        assert!(wrap("", 50, 16).is_empty());
    }

    #[test]
    fn fitting_cuts_long_text_with_an_ellipsis() {
        assert_eq!(fit("Sales", 200, 16), "Sales");
        let cut = fit("A very long competitor name indeed", 100, 16);
        assert!(cut.ends_with('…') && text_width(&cut, 16) <= 100, "{cut}");
    }

    #[test]
    fn wide_characters_measure_wider() {
        assert!(text_width("培训部", 16) > text_width("abc", 16));
        assert_eq!(text_width("", 16), 0);
    }

    #[test]
    fn shades_run_from_paper_to_accent() {
        assert_eq!(shade(0.0), PAPER);
        assert_eq!(shade(1.0), ACCENT);
        assert_eq!(shade(f64::NAN), PAPER);
        assert_eq!((ink_on(0.0), ink_on(1.0)), (INK, PAPER));
    }
}
