//! Revenue against target: one row per customer, a solid bar for the
//! latest revenue and, under it, a hatched bar for the target, each with
//! its amount at the end (the revenue's followed by the attainment when
//! there is a target). Used on the owner and region pages.
//!
//! Revenue and target differ in fill pattern (solid, hatched), not only in
//! colour, and a legend above names both, so the chart reads in black and
//! white. A row without a target says so instead of drawing an empty bar.

use super::style::{self, Fill};
use super::{Area, DrawResult, Scale, finite, nice_range, svg};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const WIDTH: i32 = 640;
const TITLE_H: i32 = 36;
const LABEL_SIZE: u32 = 15;
const VALUE_SIZE: u32 = 13;
const TICK_SIZE: u32 = 13;
/// The legend's row, above the first bar.
const LEGEND_H: i32 = 30;
/// Row pitch and the two bars' thickness.
const ROW: i32 = 40;
const REVENUE_H: i32 = 13;
const TARGET_H: i32 = 9;
/// Room beyond a bar's end for its amount.
const VALUE_ROOM: i32 = 150;
const AXIS_H: i32 = 28;

/// The target bars: white with `/` hatching, dark outline.
const TARGET: Fill = Fill {
    background: style::PAPER,
    hatch: Some(style::Hatch::Forward),
    ink: style::INK,
};

/// One customer: its name, latest revenue, target (if any), and the
/// texts shown at the bars' ends (already formatted by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub revenue: f64,
    pub target: Option<f64>,
    pub revenue_text: String,
    pub target_text: String,
}

/// Draws the rows in the given order. `legend` names the revenue and the
/// target bars; `fmt` formats the axis ticks. Negative revenue is drawn
/// as 0 (the amount is still shown).
pub fn revenue_vs_target(
    title: &str,
    rows: &[Row],
    legend: [&str; 2],
    fmt: fn(f64) -> String,
) -> String {
    let hi = rows
        .iter()
        .flat_map(|r| [finite(r.revenue), r.target.map_or(0.0, finite)])
        .fold(0.0, f64::max);
    let (lo, hi, ticks) = nice_range(0.0, hi, 4);
    let label_w = rows
        .iter()
        .map(|r| style::text_width(&r.label, LABEL_SIZE) + 16)
        .fold(40, i32::max)
        .min(WIDTH * 2 / 5);
    let scale = Scale {
        lo,
        hi,
        from: label_w + 8,
        to: WIDTH - VALUE_ROOM,
    };
    let top = LEGEND_H + 8;
    let bottom = top + ROW * rows.len() as i32;
    let height = TITLE_H + bottom + AXIS_H;
    svg(WIDTH as u32, height as u32, title, |area| {
        legend_row(area, legend, label_w + 8)?;
        super::bars::x_axis(area, &scale, &ticks, (top, bottom), (TICK_SIZE, &fmt))?;
        for (i, r) in rows.iter().enumerate() {
            draw_row(area, &scale, r, top + ROW * i as i32, label_w)?;
        }
        let zero = scale.px(0.0);
        area.draw(&PathElement::new(
            vec![(zero, top - 4), (zero, bottom)],
            style::INK.stroke_width(1),
        ))
    })
}

fn draw_row(area: &Area, scale: &Scale, r: &Row, y: i32, label_w: i32) -> DrawResult {
    let mid = y + ROW / 2;
    // A long name wraps onto a second line (the row has room for two);
    // only a name longer than that is cut.
    let mut lines = style::wrap(&r.label, label_w - 8, LABEL_SIZE);
    if lines.len() > 2 {
        let rest = lines[1..].join(" ");
        lines.truncate(1);
        lines.push(style::fit(&rest, label_w - 8, LABEL_SIZE));
    }
    let lines: Vec<String> = lines
        .iter()
        .map(|l| style::fit(l, label_w - 8, LABEL_SIZE))
        .collect();
    let ls = style::anchored(style::text(LABEL_SIZE), HPos::Right, VPos::Center);
    let pitch = LABEL_SIZE as i32 + 2;
    let first = mid - pitch * (lines.len() as i32 - 1) / 2;
    for (i, line) in lines.into_iter().enumerate() {
        area.draw(&Text::new(
            line,
            (label_w - 8, first + pitch * i as i32),
            ls.clone(),
        ))?;
    }
    let x0 = scale.px(0.0);
    let ry = (mid - REVENUE_H - 1, mid - 1);
    let rx = scale.px(finite(r.revenue).max(0.0));
    if rx > x0 {
        style::draw_box(area, (x0, ry.0), (rx, ry.1), &style::POSITIVE)?;
    }
    let vs = style::anchored(style::bold(VALUE_SIZE), HPos::Left, VPos::Center);
    area.draw(&Text::new(
        r.revenue_text.clone(),
        (rx.max(x0) + 6, (ry.0 + ry.1) / 2),
        vs,
    ))?;
    let ty = (mid + 2, mid + 2 + TARGET_H);
    let ts = style::anchored(
        style::text(VALUE_SIZE).color(&style::MUTED),
        HPos::Left,
        VPos::Center,
    );
    let tx = match r.target {
        Some(t) => {
            let tx = scale.px(finite(t).max(0.0));
            if tx > x0 {
                style::draw_box(area, (x0, ty.0), (tx, ty.1), &TARGET)?;
            }
            tx
        }
        None => x0,
    };
    area.draw(&Text::new(
        r.target_text.clone(),
        (tx + 6, (ty.0 + ty.1) / 2),
        ts,
    ))
}

/// The two swatches and their names, from `x`.
fn legend_row(area: &Area, legend: [&str; 2], x: i32) -> DrawResult {
    let ls = style::anchored(style::text(VALUE_SIZE + 1), HPos::Left, VPos::Center);
    let y = LEGEND_H / 2;
    let mut at = x;
    for (name, fill) in legend.into_iter().zip([style::POSITIVE, TARGET]) {
        style::draw_box(area, (at, y - 6), (at + 22, y + 6), &fill)?;
        area.draw(&Text::new(name.to_string(), (at + 28, y), ls.clone()))?;
        at += 28 + style::text_width(name, VALUE_SIZE + 1) + 24;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, revenue: f64, target: Option<f64>) -> Row {
        Row {
            label: label.into(),
            revenue,
            target,
            revenue_text: format!("R{}", style::number(revenue)),
            target_text: target.map_or("no target".into(), |t| format!("T{}", style::number(t))),
        }
    }

    fn chart(rows: &[Row]) -> String {
        revenue_vs_target("Revenue against target", rows, ["Revenue", "Target"], |v| {
            style::number(v)
        })
    }

    #[test]
    fn every_row_shows_its_name_and_both_amounts() {
        let out = chart(&[
            row("河北恒通", 1_850_000.0, Some(2_000_000.0)),
            row("Jinan", 520_000.0, None),
        ]);
        for text in [
            "Revenue against target",
            "河北恒通",
            "Jinan",
            "R1850000",
            "T2000000",
            "no target",
            "Revenue",
            "Target",
        ] {
            assert!(out.contains(&format!("{text}\n</text>")), "{text}\n{out}");
        }
        // the target is hatched: its outline and hatching are ink
        assert!(out.contains("stroke=\"#222222\""), "{out}");
    }

    #[test]
    fn empty_negative_and_non_finite_rows_draw_without_panicking() {
        let cases: [Vec<Row>; 4] = [
            vec![],
            vec![row("a", 0.0, Some(0.0))],
            vec![row("a", -50.0, Some(10.0))],
            vec![row("a", f64::NAN, Some(f64::INFINITY))],
        ];
        for rows in cases {
            let out = chart(&rows);
            assert!(
                out.contains("Revenue against target\n</text>") && out.ends_with("</svg>\n"),
                "{rows:?}"
            );
            assert!(!out.contains("NaN") && !out.contains("inf"), "{rows:?}");
        }
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let rows = [row("a", 10.0, Some(20.0)), row("b", 30.0, None)];
        assert_eq!(chart(&rows), chart(&rows));
    }
}
