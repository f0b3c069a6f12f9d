//! Bar charts: horizontal, vertical, and diverging around zero (PESTLE
//! nets). Every bar carries its value as text; a negative bar is hatched
//! where a positive one is solid, so the sign reads without colour.

use super::style::{self, Fill};
use super::{Area, DrawResult, Scale, finite, nice_range, svg};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const WIDTH: i32 = 640;
/// The height the title takes above the body.
const TITLE_H: i32 = 36;
const LABEL_SIZE: u32 = 16;
const VALUE_SIZE: u32 = 15;
const TICK_SIZE: u32 = 14;
/// Room beyond a bar's end for its value label.
const VALUE_ROOM: i32 = 52;
/// Row pitch and bar thickness of horizontal bars.
const ROW: i32 = 30;
const BAR: i32 = 18;
/// Space between the title and the first bar, and for the axis below.
const TOP: i32 = 8;
const AXIS_H: i32 = 28;

/// One bar: its label and finite value.
type Row<'a> = (&'a str, f64);

fn rows<S: AsRef<str>>(data: &[(S, f64)]) -> Vec<Row<'_>> {
    data.iter().map(|(l, v)| (l.as_ref(), finite(*v))).collect()
}

/// The data range including 0, with the top fixed at `max` when given.
fn domain(rows: &[Row], max: Option<f64>) -> (f64, f64) {
    let lo = rows.iter().map(|r| r.1).fold(0.0, f64::min);
    let hi = rows.iter().map(|r| r.1).fold(0.0, f64::max);
    (lo, max.map(finite).map_or(hi, |m| m.max(hi)))
}

fn fill_for(v: f64) -> &'static Fill {
    if v < 0.0 {
        &style::NEGATIVE
    } else {
        &style::POSITIVE
    }
}

/// Horizontal bars, one row per item in the given order: label on the
/// left, value at the bar's end. Bars grow from 0 (leftwards when
/// negative). `max` fixes the far end of the axis (1 for a 0..1 score, 5
/// for a 1..5 level); `None` fits the data.
pub fn horizontal<S: AsRef<str>>(title: &str, data: &[(S, f64)], max: Option<f64>) -> String {
    let rows = rows(data);
    let (lo, hi) = domain(&rows, max);
    draw_horizontal(title, &rows, (lo, hi), style::number)
}

/// Diverging bars around a centred zero, for nets such as PESTLE's:
/// positive bars go right (solid), negative ones left (hatched), each
/// with its signed value (`+2`, `-1`).
pub fn diverging<S: AsRef<str>>(title: &str, data: &[(S, f64)]) -> String {
    let rows = rows(data);
    let m = rows.iter().map(|r| r.1.abs()).fold(0.0, f64::max);
    draw_horizontal(title, &rows, (-m, m), style::signed)
}

fn draw_horizontal(
    title: &str,
    rows: &[Row],
    (lo, hi): (f64, f64),
    fmt: fn(f64) -> String,
) -> String {
    let (lo, hi, ticks) = nice_range(lo, hi, 4);
    let label_w = rows
        .iter()
        .map(|r| style::text_width(r.0, LABEL_SIZE) + 16)
        .fold(40, i32::max)
        .min(WIDTH * 2 / 5);
    let left = label_w + if lo < 0.0 { VALUE_ROOM } else { 8 };
    let scale = Scale {
        lo,
        hi,
        from: left,
        to: WIDTH - VALUE_ROOM,
    };
    let bottom = TOP + ROW * rows.len() as i32;
    let height = TITLE_H + bottom + AXIS_H;
    svg(WIDTH as u32, height as u32, title, |area| {
        x_axis(
            area,
            &scale,
            &ticks,
            (TOP, bottom),
            (TICK_SIZE, &style::number),
        )?;
        for (i, &(label, v)) in rows.iter().enumerate() {
            let y = TOP + ROW * i as i32 + ROW / 2;
            let label = style::fit(label, label_w - 8, LABEL_SIZE);
            let ls = style::anchored(style::text(LABEL_SIZE), HPos::Right, VPos::Center);
            area.draw(&Text::new(label, (label_w - 8, y), ls))?;
            let (x0, x1) = (scale.px(0.0), scale.px(v));
            if x0 != x1 {
                style::draw_box(
                    area,
                    (x0.min(x1), y - BAR / 2),
                    (x0.max(x1), y + BAR / 2),
                    fill_for(v),
                )?;
            }
            let (h, x) = if v < 0.0 {
                (HPos::Right, x1 - 6)
            } else {
                (HPos::Left, x1 + 6)
            };
            let vs = style::anchored(style::bold(VALUE_SIZE), h, VPos::Center);
            area.draw(&Text::new(fmt(v), (x, y), vs))?;
        }
        let zero = scale.px(0.0);
        area.draw(&PathElement::new(
            vec![(zero, TOP - 4), (zero, bottom)],
            style::INK.stroke_width(1),
        ))
    })
}

/// Vertical grid lines at the ticks, their labels below, for horizontal
/// bars (also the revenue-against-target chart's).
pub(super) fn x_axis(
    area: &Area,
    scale: &Scale,
    ticks: &[f64],
    (top, bottom): (i32, i32),
    (size, fmt): (u32, &dyn Fn(f64) -> String),
) -> DrawResult {
    let ts = style::anchored(
        style::text(size).color(&style::MUTED),
        HPos::Center,
        VPos::Top,
    );
    for &t in ticks {
        let x = scale.px(t);
        area.draw(&PathElement::new(
            vec![(x, top - 4), (x, bottom)],
            style::GRID.stroke_width(1),
        ))?;
        area.draw(&Text::new(fmt(t), (x, bottom + 6), ts.clone()))?;
    }
    Ok(())
}

/// Layout of vertical bars.
const V_HEIGHT: i32 = 360;
const V_AXIS_W: i32 = 52;
const V_LABEL_H: i32 = 48;
const V_SLOT_MIN: i32 = 64;

/// Vertical bars, one column per item in the given order: value above
/// the bar (below when negative), label under the axis, wrapped to its
/// column. `max` fixes the top of the axis; `None` fits the data.
pub fn vertical<S: AsRef<str>>(title: &str, data: &[(S, f64)], max: Option<f64>) -> String {
    let rows = rows(data);
    let (lo, hi) = domain(&rows, max);
    let (lo, hi, ticks) = nice_range(lo, hi, 4);
    let n = rows.len().max(1) as i32;
    let width = WIDTH.max(V_AXIS_W + n * V_SLOT_MIN + 16);
    let slot = (width - V_AXIS_W - 16) / n;
    let plot_bottom = V_HEIGHT - TITLE_H - V_LABEL_H;
    let scale = Scale {
        lo,
        hi,
        from: plot_bottom,
        to: TOP + 20,
    };
    svg(width as u32, V_HEIGHT as u32, title, |area| {
        y_axis(area, &scale, &ticks, width - 16)?;
        for (i, &(label, v)) in rows.iter().enumerate() {
            let cx = V_AXIS_W + slot * i as i32 + slot / 2;
            let (y0, y1) = (scale.px(0.0), scale.px(v));
            let half = (slot * 3 / 10).max(4);
            if y0 != y1 {
                style::draw_box(
                    area,
                    (cx - half, y0.min(y1)),
                    (cx + half, y0.max(y1)),
                    fill_for(v),
                )?;
            }
            let (vp, y) = if v < 0.0 {
                (VPos::Top, y1 + 4)
            } else {
                (VPos::Bottom, y1 - 4)
            };
            let vs = style::anchored(style::bold(VALUE_SIZE), HPos::Center, vp);
            area.draw(&Text::new(style::number(v), (cx, y), vs))?;
            let ls = style::anchored(style::text(LABEL_SIZE - 2), HPos::Center, VPos::Top);
            for (k, line) in style::wrap(label, slot - 6, LABEL_SIZE - 2)
                .into_iter()
                .take(2)
                .enumerate()
            {
                area.draw(&Text::new(
                    line,
                    (cx, plot_bottom + 8 + 18 * k as i32),
                    ls.clone(),
                ))?;
            }
        }
        let zero = scale.px(0.0);
        area.draw(&PathElement::new(
            vec![(V_AXIS_W, zero), (width - 16, zero)],
            style::INK.stroke_width(1),
        ))
    })
}

/// Horizontal grid lines at the ticks, their labels on the left.
fn y_axis(area: &Area, scale: &Scale, ticks: &[f64], right: i32) -> DrawResult {
    let ts = style::anchored(
        style::text(TICK_SIZE).color(&style::MUTED),
        HPos::Right,
        VPos::Center,
    );
    for &t in ticks {
        let y = scale.px(t);
        area.draw(&PathElement::new(
            vec![(V_AXIS_W, y), (right, y)],
            style::GRID.stroke_width(1),
        ))?;
        area.draw(&Text::new(style::number(t), (V_AXIS_W - 6, y), ts.clone()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    type Chart = fn(&str, &[(&str, f64)]) -> String;

    fn charts() -> [(&'static str, Chart); 3] {
        [
            ("horizontal", |t, d| horizontal(t, d, None)),
            ("vertical", |t, d| vertical(t, d, None)),
            ("diverging", |t, d| diverging(t, d)),
        ]
    }

    #[test]
    fn every_bar_chart_shows_its_title_labels_and_values() {
        let data = [("培训部", 0.625), ("Sales", 1.0), ("Legal", 0.0)];
        for (kind, chart) in charts() {
            let out = chart("Department scores", &data);
            assert!(out.contains("Department scores"), "{kind}");
            for label in ["培训部", "Sales", "Legal"] {
                assert!(
                    out.contains(&format!("{label}\n</text>")),
                    "{kind}: {label}\n{out}"
                );
            }
            assert!(out.contains("0.62\n</text>"), "{kind}");
        }
    }

    #[test]
    fn empty_zero_negative_and_non_finite_data_draw_without_panicking() {
        let cases: [&[(&str, f64)]; 5] = [
            &[],
            &[("a", 0.0), ("b", 0.0)],
            &[("a", -3.0), ("b", -1.5)],
            &[("a", -2.0), ("b", 4.0)],
            &[("a", f64::NAN), ("b", f64::INFINITY)],
        ];
        for data in cases {
            for (kind, chart) in charts() {
                let out = chart("T", data);
                // `T\n</text>` is plotters' title, not the fallback's.
                assert!(
                    out.contains("T\n</text>") && out.ends_with("</svg>\n"),
                    "{kind} {data:?}"
                );
                assert!(
                    !out.contains("NaN") && !out.contains("inf"),
                    "{kind} {data:?}"
                );
            }
        }
    }

    #[test]
    fn diverging_bars_are_signed_and_negatives_hatched() {
        let out = diverging("PESTLE", &[("Political", 2.0), ("Economic", -1.0)]);
        assert!(
            out.contains("+2\n</text>") && out.contains("-1\n</text>"),
            "{out}"
        );
        let warn = "stroke=\"#B85000\"";
        assert!(out.contains(warn), "negative bar should be hatched");
        let positive_only = diverging("PESTLE", &[("Political", 2.0)]);
        assert!(!positive_only.contains(warn));
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let data = [("Rivalry", 4.0), ("Buyers", 3.5)];
        for (kind, chart) in charts() {
            assert_eq!(chart("T", &data), chart("T", &data), "{kind}");
        }
    }

    #[test]
    fn a_fixed_max_sets_the_axis_end() {
        let out = horizontal("Scores", &[("a", 0.5)], Some(1.0));
        assert!(out.contains(">\n1\n</text>"), "{out}");
    }
}
