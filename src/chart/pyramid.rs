//! Pyramids: the customer value pyramid (one band per tier, top tier at
//! the narrow top) and the trust pyramid (security, value, dependence,
//! bottom to top, filled up to the level a customer has reached).
//!
//! Bands are told apart by pattern as well as colour, and every band's
//! text sits in a column to the right of the pyramid, joined to its band
//! by a leader line: the narrow top band has no room for text inside.
//! This module only draws; which tiers and levels exist, and what they
//! are called, is the caller's business.

use super::style::{self, Fill};
use super::{Area, DrawResult, finite, svg};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const WIDTH: i32 = 640;
/// The height the title takes above the body.
const TITLE_H: i32 = 36;
/// The pyramid's base, left and right, and its height (it grows past
/// this only when bands would get thinner than `BAND_MIN`).
const BASE_LEFT: i32 = 24;
const BASE_RIGHT: i32 = 304;
const PYRAMID_H: i32 = 300;
const BAND_MIN: i32 = 28;
/// Space between two bands.
const GAP: i32 = 3;
/// Where the text column starts.
const LABEL_X: i32 = 320;
const LABEL_SIZE: u32 = 16;
const HEADER_SIZE: u32 = 13;
/// Right edges of the customer-count and revenue-share columns.
const SHARE_RIGHT: i32 = WIDTH - 16;
const COUNT_RIGHT: i32 = SHARE_RIGHT - COLUMN_W - 10;
/// Width of a number column (its header is cut to fit).
const COLUMN_W: i32 = 90;
const BOTTOM: i32 = 16;

/// Where the bands go: `n` bands from `top` down to `top + height`.
#[derive(Debug, Clone, Copy)]
struct Pyramid {
    top: i32,
    height: i32,
    n: usize,
}

impl Pyramid {
    fn new(top: i32, n: usize) -> Self {
        let height = PYRAMID_H.max(BAND_MIN * n as i32);
        Self { top, height, n }
    }

    /// The top and bottom of band `i`, counted from the top.
    fn rows(&self, i: usize) -> (i32, i32) {
        let n = self.n.max(1) as i32;
        let at = |k: i32| self.top + self.height * k / n;
        let y0 = at(i as i32) + if i > 0 { GAP } else { 0 };
        (y0, at(i as i32 + 1))
    }

    /// Half the pyramid's width at `y`.
    fn half(&self, y: i32) -> i32 {
        let half_base = (BASE_RIGHT - BASE_LEFT) / 2;
        half_base * (y - self.top) / self.height.max(1)
    }

    fn centre_x() -> i32 {
        (BASE_LEFT + BASE_RIGHT) / 2
    }

    /// Band `i` as a trapezoid (a triangle at the top), clockwise.
    fn band(&self, i: usize) -> Vec<(i32, i32)> {
        let (y0, y1) = self.rows(i);
        let (c, h0, h1) = (Self::centre_x(), self.half(y0), self.half(y1));
        vec![(c - h0, y0), (c + h0, y0), (c + h1, y1), (c - h1, y1)]
    }

    /// The middle of band `i`'s right edge, and its vertical middle.
    fn right_middle(&self, i: usize) -> (i32, i32) {
        let (y0, y1) = self.rows(i);
        let y = (y0 + y1) / 2;
        (Self::centre_x() + self.half(y), y)
    }

    fn bottom(&self) -> i32 {
        self.top + self.height
    }
}

/// The customer value pyramid. `tiers` are `(name, customers,
/// revenue_share)` from the top tier down; `revenue_share` is a share
/// (0..1) shown as a whole percent. `columns` head the customer-count
/// and revenue-share columns (for example `["Customers", "Revenue"]`,
/// already translated; empty strings leave a column unheaded).
pub fn value_pyramid<S: AsRef<str>>(
    title: &str,
    columns: [&str; 2],
    tiers: &[(S, u32, f64)],
) -> String {
    let geo = Pyramid::new(28, tiers.len());
    let height = TITLE_H + geo.bottom() + BOTTOM;
    svg(WIDTH as u32, height as u32, title, |area| {
        if tiers.is_empty() {
            return Ok(());
        }
        headers(area, columns, geo.top - 8)?;
        // The names take what the count column (header or widest count) leaves.
        let count_w = tiers
            .iter()
            .map(|t| style::text_width(&t.1.to_string(), LABEL_SIZE))
            .chain([style::text_width(columns[0], HEADER_SIZE).min(COLUMN_W)])
            .fold(0, i32::max);
        let name_w = COUNT_RIGHT - count_w - 16 - LABEL_X;
        for (i, (name, customers, share)) in tiers.iter().enumerate() {
            let fill = style::series(i);
            draw_shape(area, &geo.band(i), &fill, fill.ink.stroke_width(1))?;
            let (edge, y) = geo.right_middle(i);
            leader(area, edge, y)?;
            let name = style::fit(name.as_ref(), name_w, LABEL_SIZE);
            let left = style::anchored(style::bold(LABEL_SIZE), HPos::Left, VPos::Center);
            area.draw(&Text::new(name, (LABEL_X, y), left))?;
            let right = style::anchored(style::text(LABEL_SIZE), HPos::Right, VPos::Center);
            let count = customers.to_string();
            area.draw(&Text::new(count, (COUNT_RIGHT, y), right.clone()))?;
            let share = style::percent(finite(*share));
            area.draw(&Text::new(share, (SHARE_RIGHT, y), right))?;
        }
        Ok(())
    })
}

/// The headers of the two number columns, their baseline at `y`.
fn headers(area: &Area, columns: [&str; 2], y: i32) -> DrawResult {
    let hs = style::anchored(
        style::text(HEADER_SIZE).color(&style::MUTED),
        HPos::Right,
        VPos::Bottom,
    );
    for (text, right) in columns.into_iter().zip([COUNT_RIGHT, SHARE_RIGHT]) {
        if text.is_empty() {
            continue;
        }
        // A long header wraps upwards onto a second line rather than being cut.
        let lines = style::wrap(text, COLUMN_W, HEADER_SIZE);
        let shown = lines.len().min(2);
        for (k, line) in lines.into_iter().take(2).enumerate() {
            let line = style::fit(&line, COLUMN_W, HEADER_SIZE);
            let up = (shown - 1 - k) as i32 * (HEADER_SIZE as i32);
            area.draw(&Text::new(line, (right, y - up), hs.clone()))?;
        }
    }
    Ok(())
}

/// The trust pyramid. `levels` go from the bottom up (security, value,
/// dependence). Levels up to and including `reached` are filled, the
/// others only outlined, and the reached level's label is followed by
/// `marker` (for example "✓ reached", already translated). A `reached`
/// beyond the top counts as the top; `None` fills nothing.
pub fn trust_pyramid<S: AsRef<str>>(
    title: &str,
    levels: &[S],
    reached: Option<usize>,
    marker: &str,
) -> String {
    let n = levels.len();
    let reached = reached.map(|r| r.min(n.saturating_sub(1)));
    let geo = Pyramid::new(12, n);
    let height = TITLE_H + geo.bottom() + BOTTOM;
    let unreached = Fill {
        background: style::PAPER,
        hatch: None,
        ink: style::MUTED,
    };
    svg(WIDTH as u32, height as u32, title, |area| {
        // Band 0 is the top, so level `k` from the bottom is band n-1-k.
        for (k, level) in levels.iter().enumerate() {
            let band = n - 1 - k;
            let filled = reached.is_some_and(|r| k <= r);
            let (fill, outline) = if filled {
                let f = style::series(k);
                (f, f.ink.stroke_width(2))
            } else {
                (unreached, unreached.ink.stroke_width(1))
            };
            draw_shape(area, &geo.band(band), &fill, outline)?;
            let (edge, y) = geo.right_middle(band);
            leader(area, edge, y)?;
            let text = if filled {
                style::bold(LABEL_SIZE)
            } else {
                style::text(LABEL_SIZE).color(&style::MUTED)
            };
            let mark = if reached == Some(k) { marker } else { "" };
            let mark_w = style::text_width(mark, LABEL_SIZE);
            let room = SHARE_RIGHT - LABEL_X - if mark.is_empty() { 0 } else { mark_w + 10 };
            let name = style::fit(level.as_ref(), room.max(40), LABEL_SIZE);
            let name_w = style::text_width(&name, LABEL_SIZE);
            let ls = style::anchored(text, HPos::Left, VPos::Center);
            area.draw(&Text::new(name, (LABEL_X, y), ls))?;
            if !mark.is_empty() {
                let ms = style::anchored(
                    style::bold_in(LABEL_SIZE, style::ACCENT),
                    HPos::Left,
                    VPos::Center,
                );
                area.draw(&Text::new(mark.to_string(), (LABEL_X + name_w + 10, y), ms))?;
            }
        }
        Ok(())
    })
}

/// A thin line from a band's right edge to its text.
fn leader(area: &Area, edge: i32, y: i32) -> DrawResult {
    area.draw(&PathElement::new(
        vec![(edge + 4, y), (LABEL_X - 6, y)],
        style::GRID.stroke_width(1),
    ))
}

/// Fills the convex polygon `pts` with `fill` (hatching clipped to the
/// polygon) and outlines it with `outline`.
fn draw_shape(area: &Area, pts: &[(i32, i32)], fill: &Fill, outline: ShapeStyle) -> DrawResult {
    area.draw(&Polygon::new(pts.to_vec(), fill.background.filled()))?;
    if let Some(h) = fill.hatch {
        let xs = pts.iter().map(|p| p.0);
        let ys = pts.iter().map(|p| p.1);
        let a = (xs.clone().min().unwrap_or(0), ys.clone().min().unwrap_or(0));
        let b = (xs.max().unwrap_or(0), ys.max().unwrap_or(0));
        for (p, q) in style::hatch_segments(a, b, h) {
            if let Some((p, q)) = clip(p, q, pts) {
                area.draw(&PathElement::new(vec![p, q], fill.ink.stroke_width(1)))?;
            }
        }
    }
    let mut ring = pts.to_vec();
    ring.extend(pts.first().copied());
    area.draw(&PathElement::new(ring, outline))
}

type Segment = ((i32, i32), (i32, i32));

/// The part of the segment `p`..`q` inside the convex polygon `poly`
/// (Cyrus-Beck); `None` when it misses the polygon or is only a point.
fn clip(p: (i32, i32), q: (i32, i32), poly: &[(i32, i32)]) -> Option<Segment> {
    let f = |v: (i32, i32)| (f64::from(v.0), f64::from(v.1));
    let ((px, py), (qx, qy)) = (f(p), f(q));
    let cross = |a: (f64, f64), b: (f64, f64), x: f64, y: f64| {
        (b.0 - a.0) * (y - a.1) - (b.1 - a.1) * (x - a.0)
    };
    // The polygon's orientation, so "inside" is the same side of every edge.
    let area2: f64 = (0..poly.len())
        .map(|i| {
            let (a, b) = (f(poly[i]), f(poly[(i + 1) % poly.len()]));
            a.0 * b.1 - b.0 * a.1
        })
        .sum();
    let sign = if area2 < 0.0 { -1.0 } else { 1.0 };
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for i in 0..poly.len() {
        let (a, b) = (f(poly[i]), f(poly[(i + 1) % poly.len()]));
        let (d0, d1) = (sign * cross(a, b, px, py), sign * cross(a, b, qx, qy));
        if d0 < 0.0 && d1 < 0.0 {
            return None;
        }
        if d0 < 0.0 {
            t0 = t0.max(d0 / (d0 - d1));
        } else if d1 < 0.0 {
            t1 = t1.min(d0 / (d0 - d1));
        }
    }
    let at = |t: f64| {
        (
            (px + (qx - px) * t).round() as i32,
            (py + (qy - py) * t).round() as i32,
        )
    };
    let (a, b) = (at(t0), at(t1));
    (t1 > t0 && a != b).then_some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIERS: [(&str, u32, f64); 4] = [
        ("白金客户", 2, 0.41),
        ("Gold", 3, 0.3349),
        ("Silver", 0, 0.0),
        ("Bronze", 7, 0.2551),
    ];

    fn has_text(svg: &str, text: &str) -> bool {
        svg.contains(&format!(">\n{text}\n</text>"))
    }

    #[test]
    fn value_pyramid_shows_title_headers_tiers_counts_and_whole_percents() {
        let out = value_pyramid("Value pyramid", ["Customers", "Revenue"], &TIERS);
        for text in [
            "Value pyramid",
            "Customers",
            "Revenue",
            "白金客户",
            "Gold",
            "Silver",
            "Bronze",
            "2",
            "0",
            "7",
            "41%",
            "33%",
            "0%",
            "26%",
        ] {
            assert!(has_text(&out, text), "{text}\n{out}");
        }
        assert_eq!(out.matches("<polygon").count(), TIERS.len());
    }

    #[test]
    fn the_top_tier_is_the_narrow_top_band() {
        let geo = Pyramid::new(28, 3);
        let top = geo.band(0);
        assert_eq!(top[0], top[1], "the top band is a triangle");
        let width = |b: &[(i32, i32)]| b[2].0 - b[3].0;
        assert!(width(&geo.band(0)) < width(&geo.band(1)));
        assert!(width(&geo.band(1)) < width(&geo.band(2)));
        assert_eq!(geo.band(2)[2].1, geo.bottom());
    }

    #[test]
    fn one_to_eight_tiers_all_draw_with_distinct_neighbouring_patterns() {
        for n in 1..=8 {
            let tiers: Vec<(String, u32, f64)> =
                (0..n).map(|i| (format!("T{i}"), i as u32, 0.1)).collect();
            let out = value_pyramid("P", ["C", "R"], &tiers);
            assert_eq!(out.matches("<polygon").count(), n, "{n}");
            for (name, _, _) in &tiers {
                assert!(has_text(&out, name), "{n} {name}");
            }
        }
        for i in 1..8 {
            assert_ne!(style::series(i), style::series(i - 1));
        }
    }

    #[test]
    fn hatching_stays_inside_the_band() {
        let geo = Pyramid::new(28, 3);
        let band = geo.band(0);
        let segs: Vec<Segment> =
            style::hatch_segments((BASE_LEFT, 28), (BASE_RIGHT, 128), style::Hatch::Forward)
                .into_iter()
                .filter_map(|(p, q)| clip(p, q, &band))
                .collect();
        assert!(!segs.is_empty());
        for (p, q) in segs {
            for (x, y) in [p, q] {
                let half = geo.half(y) + 1;
                let c = Pyramid::centre_x();
                assert!((c - half..=c + half).contains(&x), "{x},{y}");
            }
        }
    }

    #[test]
    fn trust_pyramid_fills_up_to_the_reached_level_and_marks_it() {
        let levels = ["安全", "Value", "Dependence"];
        let out = trust_pyramid("Trust", &levels, Some(1), "✓ reached");
        for text in ["Trust", "安全", "Value", "Dependence", "✓ reached"] {
            assert!(has_text(&out, text), "{text}\n{out}");
        }
        assert_eq!(out.matches("✓ reached").count(), 1);
        // Security solid (the accent), value hatched; dependence outlined only.
        assert!(out.contains("fill=\"#1F5F99\""), "{out}");
        let none = trust_pyramid("Trust", &levels, None, "✓");
        assert!(!none.contains("fill=\"#1F5F99\"") && !none.contains(">\n✓\n"));
        let beyond = trust_pyramid("Trust", &levels, Some(9), "✓");
        assert!(beyond.contains("Dependence\n</text>") && beyond.contains(">\n✓\n</text>"));
    }

    #[test]
    fn empty_zero_negative_and_non_finite_data_draw_without_panicking() {
        let none: [(&str, u32, f64); 0] = [];
        let odd = [
            ("a", 0, f64::NAN),
            ("b", 0, -0.3),
            ("c", u32::MAX, f64::INFINITY),
        ];
        let empty_levels: [&str; 0] = [];
        for out in [
            value_pyramid("T", ["", ""], &none),
            value_pyramid("T", ["C", "R"], &odd),
            trust_pyramid("T", &empty_levels, Some(2), "✓"),
            trust_pyramid("T", &["a"], Some(0), ""),
        ] {
            assert!(
                out.contains("T\n</text>") && out.ends_with("</svg>\n"),
                "{out}"
            );
            assert!(!out.contains("NaN") && !out.contains("inf"), "{out}");
        }
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let cols = ["Customers", "Revenue"];
        assert_eq!(
            value_pyramid("T", cols, &TIERS),
            value_pyramid("T", cols, &TIERS)
        );
        let levels = ["Security", "Value", "Dependence"];
        assert_eq!(
            trust_pyramid("T", &levels, Some(0), "✓"),
            trust_pyramid("T", &levels, Some(0), "✓")
        );
    }
}
