//! The Pareto chart of the purchase decile analysis: one bar per decile
//! (its profit, on the left scale; a loss goes below the axis, hatched),
//! and the cumulative profit share as a line with points on a second
//! scale from 0 to 100% on the right.
//!
//! Both scales are named above their axis, each name next to a swatch of
//! what it measures, so the chart reads without a separate legend. Bars
//! and line differ in form (solid boxes, a dark line with hollow points),
//! not only in colour. Drawn by hand on a [`Scale`] pair rather than with
//! plotters' secondary coordinates: every label's place is then known, so
//! a point's percent can step aside from its bar's value.

use super::style::{self, Fill};
use super::{Area, DrawResult, Scale, finite, nice_range, svg};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const MIN_WIDTH: i32 = 640;
const HEIGHT: i32 = 420;
const TITLE_H: i32 = 36;
/// Room for the left (value) and right (percent) axis labels.
const AXIS_L: i32 = 64;
const AXIS_R: i32 = 52;
const SLOT_MIN: i32 = 56;
/// The row of axis names, and the plot's top below it.
const HEADER_Y: i32 = 12;
const PLOT_TOP: i32 = 40;
/// Room above the highest bar (and below the lowest) for value labels.
const VALUE_ROOM: i32 = 20;
/// Room under the plot for the bar labels.
const LABEL_H: i32 = 44;
const LABEL_SIZE: u32 = 14;
const VALUE_SIZE: u32 = 14;
const POINT_SIZE: u32 = 13;
const TICK_SIZE: u32 = 13;
const NOTE_LINE: i32 = 18;

/// Draws `bars` as `(label, value)` in the given order, and
/// `cumulative[i]` (a share, 0..1) as the line's point over bar `i`;
/// points without a bar are left out. `y_label` names the bars' scale
/// (for example "Profit"), `line_label` the line's (for example
/// "Cumulative share of profit"), both already translated. `number`
/// writes a bar's value and the left scale as the site's tables do
/// (`620,000`). A running share is drawn at most 100%: losses further on
/// bring the total down, so the earlier deciles' share can pass it; when
/// any bar is a loss, `loss_note` is written under the chart to say so.
pub fn pareto<S: AsRef<str>>(
    title: &str,
    bars: &[(S, f64)],
    cumulative: &[f64],
    (y_label, line_label): (&str, &str),
    number: &dyn Fn(f64) -> String,
    loss_note: &str,
) -> String {
    let values: Vec<f64> = bars.iter().map(|b| finite(b.1)).collect();
    let shares: Vec<f64> = cumulative
        .iter()
        .take(bars.len())
        .map(|&c| finite(c).min(1.0))
        .collect();
    let note = if values.iter().any(|&v| v < 0.0) {
        style::wrap(loss_note, MIN_WIDTH - 24, LABEL_SIZE)
    } else {
        Vec::new()
    };
    let height = HEIGHT + NOTE_LINE * note.len() as i32;
    let n = bars.len().max(1) as i32;
    let width = MIN_WIDTH.max(AXIS_L + n * SLOT_MIN + AXIS_R);
    let plot_bottom = HEIGHT - TITLE_H - LABEL_H;
    let negative = values.iter().any(|&v| v < 0.0);
    let lo = values.iter().copied().fold(0.0, f64::min);
    let hi = values.iter().copied().fold(0.0, f64::max);
    let (lo, hi, ticks) = nice_range(lo, hi, 4);
    let from = plot_bottom - if negative { VALUE_ROOM } else { 0 };
    let to = PLOT_TOP + VALUE_ROOM;
    let left = Scale { lo, hi, from, to };
    let c_lo = shares.iter().copied().fold(0.0, f64::min);
    let c_hi = shares.iter().copied().fold(1.0, f64::max);
    let (c_lo, c_hi, c_ticks) = nice_range(c_lo, c_hi, 5);
    // 0% sits on the bars' zero line when no share is negative and that
    // line leaves the percents at least half the plot's height.
    let zero = left.px(0.0);
    let aligned = c_lo >= 0.0 && 2 * (zero - to) >= from - to;
    let right = Scale {
        lo: c_lo,
        hi: c_hi,
        from: if aligned { zero } else { from },
        to,
    };
    let frame = Frame {
        width,
        bottom: plot_bottom,
        slot: (width - AXIS_L - AXIS_R) / n,
    };
    svg(width as u32, height as u32, title, |area| {
        axes(area, &frame, (&left, &ticks), (&right, &c_ticks), number)?;
        headers(area, width, y_label, line_label)?;
        let mut value_boxes = Vec::with_capacity(values.len());
        for (i, ((label, _), &v)) in bars.iter().zip(&values).enumerate() {
            value_boxes.push(bar(area, &frame, &left, (i, label.as_ref()), v, number)?);
        }
        line(area, &frame, &right, &shares, &value_boxes)?;
        let ns = style::anchored(
            style::text(LABEL_SIZE).color(&style::MUTED),
            HPos::Left,
            VPos::Top,
        );
        for (k, row) in note.iter().enumerate() {
            let y = HEIGHT - TITLE_H + 2 + NOTE_LINE * k as i32;
            area.draw(&Text::new(row.clone(), (12, y), ns.clone()))?;
        }
        Ok(())
    })
}

/// The plot's extent: the SVG width, the bottom of the plot, one bar's slot.
struct Frame {
    width: i32,
    bottom: i32,
    slot: i32,
}

impl Frame {
    fn centre(&self, i: usize) -> i32 {
        AXIS_L + self.slot * i as i32 + self.slot / 2
    }

    fn right(&self) -> i32 {
        self.width - AXIS_R
    }
}

/// A text's box: left, top, right, bottom.
type Bounds = (i32, i32, i32, i32);

fn overlaps(a: Bounds, b: Bounds) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// The box of `text` at `size` centred on `x` between `top` and `top + size`.
fn text_box(text: &str, size: u32, x: i32, top: i32) -> Bounds {
    let w = style::text_width(text, size);
    (x - w / 2 - 2, top, x + w / 2 + 2, top + size as i32)
}

/// Grid lines and value ticks on the left, percent ticks on the right.
fn axes(
    area: &Area,
    f: &Frame,
    left: (&Scale, &[f64]),
    right: (&Scale, &[f64]),
    number: &dyn Fn(f64) -> String,
) -> DrawResult {
    let muted = style::text(TICK_SIZE).color(&style::MUTED);
    let ls = style::anchored(muted.clone(), HPos::Right, VPos::Center);
    for &t in left.1 {
        let y = left.0.px(t);
        let grid = vec![(AXIS_L, y), (f.right(), y)];
        area.draw(&PathElement::new(grid, style::GRID.stroke_width(1)))?;
        area.draw(&Text::new(number(t), (AXIS_L - 6, y), ls.clone()))?;
    }
    let rs = style::anchored(muted, HPos::Left, VPos::Center);
    for &t in right.1 {
        let y = right.0.px(t);
        let tick = vec![(f.right(), y), (f.right() + 4, y)];
        area.draw(&PathElement::new(tick, style::MUTED.stroke_width(1)))?;
        area.draw(&Text::new(
            style::percent(t),
            (f.right() + 7, y),
            rs.clone(),
        ))?;
    }
    let (top, bottom) = (right.0.px(right.0.hi), right.0.px(right.0.lo));
    for x in [AXIS_L, f.right()] {
        let axis = vec![(x, top.min(PLOT_TOP)), (x, bottom.max(f.bottom))];
        area.draw(&PathElement::new(axis, style::MUTED.stroke_width(1)))?;
    }
    let zero = left.0.px(0.0);
    area.draw(&PathElement::new(
        vec![(AXIS_L, zero), (f.right(), zero)],
        style::INK.stroke_width(1),
    ))
}

/// The axis names: the bars' over the left axis after a bar swatch, the
/// line's over the right axis after a line swatch.
fn headers(area: &Area, width: i32, y_label: &str, line_label: &str) -> DrawResult {
    let room = width / 2 - 56;
    let bar = style::POSITIVE;
    style::draw_box(area, (16, HEADER_Y - 6), (28, HEADER_Y + 6), &bar)?;
    let ls = style::anchored(style::bold(LABEL_SIZE), HPos::Left, VPos::Center);
    let y_label = style::fit(y_label, room, LABEL_SIZE);
    area.draw(&Text::new(y_label, (34, HEADER_Y), ls))?;
    let line_label = style::fit(line_label, room, LABEL_SIZE);
    let end = width - 16 - style::text_width(&line_label, LABEL_SIZE) - 8;
    let swatch = vec![(end - 24, HEADER_Y), (end, HEADER_Y)];
    area.draw(&PathElement::new(swatch, style::INK.stroke_width(2)))?;
    point(area, (end - 12, HEADER_Y))?;
    let rs = style::anchored(style::bold(LABEL_SIZE), HPos::Right, VPos::Center);
    area.draw(&Text::new(line_label, (width - 16, HEADER_Y), rs))
}

/// Bar `i` with its value and label; returns the value label's box.
fn bar(
    area: &Area,
    f: &Frame,
    scale: &Scale,
    (i, label): (usize, &str),
    v: f64,
    number: &dyn Fn(f64) -> String,
) -> Result<Bounds, DrawingAreaErrorKind<std::io::Error>> {
    let cx = f.centre(i);
    let (y0, y1) = (scale.px(0.0), scale.px(v));
    let half = (f.slot * 3 / 10).max(4);
    let fill: &Fill = if v < 0.0 {
        &style::NEGATIVE
    } else {
        &style::POSITIVE
    };
    if y0 != y1 {
        style::draw_box(area, (cx - half, y0.min(y1)), (cx + half, y0.max(y1)), fill)?;
    }
    let text = number(v);
    let (vp, y, top) = if v < 0.0 {
        (VPos::Top, y1 + 4, y1 + 4)
    } else {
        (VPos::Bottom, y1 - 4, y1 - 4 - VALUE_SIZE as i32)
    };
    let bounds = text_box(&text, VALUE_SIZE, cx, top);
    let vs = style::anchored(style::bold(VALUE_SIZE), HPos::Center, vp);
    area.draw(&Text::new(text, (cx, y), vs))?;
    let ls = style::anchored(style::text(LABEL_SIZE), HPos::Center, VPos::Top);
    let lines = style::wrap(label, f.slot - 6, LABEL_SIZE);
    for (k, line) in lines.into_iter().take(2).enumerate() {
        let at = (cx, f.bottom + 8 + 17 * k as i32);
        area.draw(&Text::new(line, at, ls.clone()))?;
    }
    Ok(bounds)
}

/// The cumulative line, its points and their percents. A percent goes
/// above its point unless that would cover the bar's value, then below;
/// it sits on a paper patch so a bar or the line under it cannot hide it.
fn line(area: &Area, f: &Frame, scale: &Scale, shares: &[f64], avoid: &[Bounds]) -> DrawResult {
    let pts: Vec<(i32, i32)> = shares
        .iter()
        .enumerate()
        .map(|(i, &c)| (f.centre(i), scale.px(c)))
        .collect();
    if pts.len() > 1 {
        area.draw(&PathElement::new(pts.clone(), style::INK.stroke_width(2)))?;
    }
    for &p in &pts {
        point(area, p)?;
    }
    let size = POINT_SIZE as i32;
    for (i, (&c, &(x, y))) in shares.iter().zip(&pts).enumerate() {
        let text = style::percent(c);
        let above = text_box(&text, POINT_SIZE, x, y - 7 - size);
        let clash = avoid.get(i).is_some_and(|b| overlaps(above, *b));
        let (b, vp, ty) = if clash {
            (text_box(&text, POINT_SIZE, x, y + 7), VPos::Top, y + 7)
        } else {
            (above, VPos::Bottom, y - 7)
        };
        area.draw(&Rectangle::new(
            [(b.0, b.1), (b.2, b.3)],
            style::PAPER.filled(),
        ))?;
        let ts = style::anchored(style::text(POINT_SIZE), HPos::Center, vp);
        area.draw(&Text::new(text, (x, ty), ts))?;
    }
    Ok(())
}

/// A hollow point of the line.
fn point(area: &Area, p: (i32, i32)) -> DrawResult {
    area.draw(&Circle::new(p, 4, style::PAPER.filled()))?;
    area.draw(&Circle::new(p, 4, style::INK.stroke_width(2)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deciles() -> (Vec<(String, f64)>, Vec<f64>) {
        let profit = [
            50000.0, 20000.0, 12000.0, 8000.0, 5000.0, 3000.0, 1500.0, 500.0, 0.0, -2000.0,
        ];
        let total: f64 = profit.iter().sum();
        let mut run = 0.0;
        let cum = profit
            .iter()
            .map(|p| {
                run += p / total;
                run
            })
            .collect();
        let bars = profit
            .iter()
            .enumerate()
            .map(|(i, &p)| (format!("D{}", i + 1), p))
            .collect();
        (bars, cum)
    }

    fn has_text(svg: &str, text: &str) -> bool {
        svg.contains(&format!(">\n{text}\n</text>"))
    }

    #[test]
    fn shows_title_both_scale_names_labels_values_and_percents() {
        let (bars, cum) = deciles();
        let out = pareto(
            "利润十分位",
            &bars,
            &cum,
            ("Profit", "累计利润占比"),
            &style::number,
            "",
        );
        for text in [
            "利润十分位",
            "Profit",
            "累计利润占比",
            "D1",
            "D10",
            "50000",
            "-2000",
            "51%",
            "100%",
            "0%",
        ] {
            assert!(has_text(&out, text), "{text}\n{out}");
        }
        // The loss is hatched; ten hollow points plus the legend's.
        assert!(out.contains("stroke=\"#B85000\""));
        assert_eq!(out.matches("<circle").count(), 2 * 11);
    }

    #[test]
    fn a_loss_goes_below_the_zero_line() {
        let out = pareto(
            "T",
            &[("a", 10.0), ("b", -10.0)],
            &[1.5, 1.0],
            ("y", "c"),
            &style::number,
            "Losses bring the total down",
        );
        let y_of = |label: &str| {
            let end = out.find(&format!(">\n{label}\n</text>")).unwrap();
            let tag = &out[out[..end].rfind("<text").unwrap()..end];
            let y = tag.split("y=\"").nth(1).unwrap();
            y[..y.find('"').unwrap()].parse::<i32>().unwrap()
        };
        assert!(y_of("-10") > y_of("10"));
        // The running share stops at 100%, and the note says why.
        assert!(!has_text(&out, "150%"), "{out}");
        assert!(has_text(&out, "Losses bring the total down"), "{out}");
        let plain = pareto(
            "T",
            &[("a", 10.0)],
            &[1.0],
            ("y", "c"),
            &style::number,
            "Losses",
        );
        assert!(!has_text(&plain, "Losses"), "no note without a loss");
    }

    #[test]
    fn a_percent_steps_aside_from_its_bars_value() {
        let (a, b) = ((0, 0, 10, 10), (5, 5, 20, 20));
        assert!(overlaps(a, b) && !overlaps(a, (10, 0, 20, 10)));
    }

    #[test]
    fn empty_zero_negative_and_non_finite_data_draw_without_panicking() {
        let none: [(&str, f64); 0] = [];
        for out in [
            pareto("T", &none, &[], ("y", "c"), &style::number, ""),
            pareto("T", &none, &[0.5], ("y", "c"), &style::number, ""),
            pareto(
                "T",
                &[("a", 0.0), ("b", 0.0)],
                &[0.0, 0.0],
                ("y", "c"),
                &style::number,
                "",
            ),
            pareto(
                "T",
                &[("a", -5.0), ("b", -1.0)],
                &[-0.5],
                ("y", "c"),
                &style::number,
                "",
            ),
            pareto(
                "T",
                &[("a", f64::NAN), ("b", f64::INFINITY)],
                &[f64::NAN],
                ("", ""),
                &style::number,
                "",
            ),
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
        let (bars, cum) = deciles();
        assert_eq!(
            pareto("T", &bars, &cum, ("y", "c"), &style::number, ""),
            pareto("T", &bars, &cum, ("y", "c"), &style::number, "")
        );
    }
}
