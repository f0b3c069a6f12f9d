//! The SWOT quadrant chart: internal balance (S − W) across, external
//! balance (O − T) up, one labelled point per SWOT, with the four postures
//! (SO, ST, WO, WT) named in their corners. Used for the company alone and
//! for the competitor comparison (every competitor and us). Our own point
//! is a filled diamond with a bold label, the others hollow circles.

use super::style;
use super::{DrawResult, finite, nice_range, svg};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const WIDTH: u32 = 640;
const HEIGHT: u32 = 540;
const LABEL_SIZE: u32 = 15;
const LINE_H: i32 = 17;
/// The height of the note line under the plot.
const NOTE_H: i32 = 28;

/// One point: a SWOT's internal (`x`) and external (`y`) balance.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub label: String,
    pub x: f64,
    pub y: f64,
    /// Our own company: drawn as a filled diamond with a bold label.
    pub highlight: bool,
}

/// Draws the points on axes symmetric around 0, so each quadrant is a
/// posture. `x_label` and `y_label` name the axes (in the site language).
/// `note` is a line of text under the plot (for example the SWOTs not
/// analysed yet, which have no point); none when it is empty.
pub fn swot(title: &str, x_label: &str, y_label: &str, points: &[Point], note: &str) -> String {
    let note_h = if note.is_empty() { 0 } else { NOTE_H };
    let pts: Vec<Point> = points
        .iter()
        .map(|p| Point {
            x: finite(p.x),
            y: finite(p.y),
            ..p.clone()
        })
        .collect();
    let half = |f: fn(&Point) -> f64| {
        let m = pts.iter().map(|p| f(p).abs()).fold(0.0, f64::max) * 1.15;
        nice_range(-m, m, 8).1
    };
    let (mx, my) = (half(|p| p.x), half(|p| p.y));
    svg(WIDTH, HEIGHT + note_h as u32, title, |area| {
        let (area, below) = area.split_vertically(area.dim_in_pixel().1 as i32 - note_h);
        if note_h > 0 {
            let ns = style::anchored(
                style::text(LABEL_SIZE).color(&style::MUTED),
                HPos::Left,
                VPos::Center,
            );
            let note = style::fit(note, WIDTH as i32 - 32, LABEL_SIZE);
            below.draw(&Text::new(note, (16, note_h / 2), ns))?;
        }
        let mut chart = ChartBuilder::on(&area)
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(56)
            .build_cartesian_2d(-mx..mx, -my..my)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .axis_style(style::MUTED)
            .x_labels(5)
            .y_labels(5)
            .x_label_formatter(&|v| style::number(*v))
            .y_label_formatter(&|v| style::number(*v))
            .label_style(style::text(14).color(&style::MUTED))
            .x_desc(x_label)
            .y_desc(y_label)
            .axis_desc_style(style::bold(15))
            .draw()?;
        let plot = chart.plotting_area();
        let axis = style::INK.stroke_width(2);
        plot.draw(&PathElement::new(vec![(-mx, 0.0), (mx, 0.0)], axis))?;
        plot.draw(&PathElement::new(vec![(0.0, -my), (0.0, my)], axis))?;
        corners(plot, mx, my)?;
        let pixels: Vec<(i32, i32)> = pts
            .iter()
            .map(|p| chart.backend_coord(&(p.x, p.y)))
            .collect();
        let frame = Frame {
            left: chart.backend_coord(&(-mx, 0.0)).0,
            axis: chart.backend_coord(&(0.0, 0.0)).0,
            right: chart.backend_coord(&(mx, 0.0)).0,
        };
        let mut taken: Vec<Bounds> = pixels
            .iter()
            .map(|&(x, y)| (x - 8, y - 8, x + 8, y + 8))
            .collect();
        for (p, &px) in pts.iter().zip(&pixels) {
            let (right, line) = place(p, px, &frame, &mut taken);
            point(plot, p, right, line)?;
        }
        Ok(())
    })
}

type Plot<'a> = DrawingArea<SVGBackend<'a>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Left, right (pixels) of a label's box, and its top and bottom.
type Bounds = (i32, i32, i32, i32);

/// The plot's left edge, vertical axis and right edge, in pixels.
struct Frame {
    left: i32,
    axis: i32,
    right: i32,
}

/// Where a point's label goes: right of the point or left, and how many
/// lines up or down. The first place that stays inside the plot, does
/// not cross the vertical axis and covers no point and no label placed
/// before wins; failing that, one that only crosses the axis; failing
/// that, the side with more room.
fn place(p: &Point, (x, y): (i32, i32), f: &Frame, taken: &mut Vec<Bounds>) -> (bool, i32) {
    let w =
        style::text_width(&p.label, LABEL_SIZE) + if p.highlight { w_bold(&p.label) } else { 0 };
    let bounds = |right: bool, line: i32| {
        let l = if right { x + 13 } else { x - 13 - w };
        let cy = y + LINE_H * line;
        (l, cy - LINE_H / 2, l + w, cy + LINE_H / 2)
    };
    let inside = |b: &Bounds| b.0 >= f.left && b.2 <= f.right;
    let crosses = |b: &Bounds| b.0 < f.axis && b.2 > f.axis;
    let free = |b: &Bounds, taken: &[Bounds]| {
        !taken
            .iter()
            .any(|t| t.0 < b.2 && b.0 < t.2 && t.1 < b.3 && b.1 < t.3)
    };
    let lines = [0, 1, -1, 2, -2, 3, -3];
    let sides = if x > f.axis {
        [true, false]
    } else {
        [false, true]
    };
    let candidates: Vec<(bool, i32)> = lines
        .iter()
        .flat_map(|&line| sides.map(|right| (right, line)))
        .collect();
    let pick = candidates
        .iter()
        .find(|&&(r, l)| {
            let b = bounds(r, l);
            inside(&b) && !crosses(&b) && free(&b, taken)
        })
        .or_else(|| {
            candidates.iter().find(|&&(r, l)| {
                let b = bounds(r, l);
                inside(&b) && free(&b, taken)
            })
        })
        .copied()
        .unwrap_or_else(|| (x - f.left < f.right - x, 0));
    taken.push(bounds(pick.0, pick.1));
    pick
}

/// What bold adds to a label's estimated width.
fn w_bold(s: &str) -> i32 {
    style::text_width(s, LABEL_SIZE) / 10
}

/// The posture codes, each in its own corner.
fn corners(plot: &Plot, mx: f64, my: f64) -> DrawResult {
    let corner = [
        ("SO", mx, my, HPos::Right, VPos::Top, -8, 6),
        ("ST", mx, -my, HPos::Right, VPos::Bottom, -8, -6),
        ("WO", -mx, my, HPos::Left, VPos::Top, 8, 6),
        ("WT", -mx, -my, HPos::Left, VPos::Bottom, 8, -6),
    ];
    for (code, x, y, h, v, dx, dy) in corner {
        let s = style::anchored(style::bold(22).color(&style::MUTED), h, v);
        plot.draw(&(EmptyElement::at((x, y)) + Text::new(code, (dx, dy), s)))?;
    }
    Ok(())
}

/// One point with its marker and its label, right of the point or left
/// of it and `line` lines lower (or higher, when negative).
fn point(plot: &Plot, p: &Point, right: bool, line: i32) -> DrawResult {
    let at = EmptyElement::at((p.x, p.y));
    if p.highlight {
        let diamond = vec![(0, -9), (9, 0), (0, 9), (-9, 0)];
        plot.draw(&(at + Polygon::new(diamond, style::ACCENT.filled())))?;
    } else {
        plot.draw(&(EmptyElement::at((p.x, p.y)) + Circle::new((0, 0), 6, style::PAPER.filled())))?;
        plot.draw(
            &(EmptyElement::at((p.x, p.y)) + Circle::new((0, 0), 6, style::INK.stroke_width(2))),
        )?;
    }
    let (h, dx) = if right {
        (HPos::Left, 13)
    } else {
        (HPos::Right, -13)
    };
    let base = if p.highlight {
        style::bold(LABEL_SIZE)
    } else {
        style::text(LABEL_SIZE)
    };
    let s = style::anchored(base, h, VPos::Center);
    // A paper patch under the label keeps it readable where it crosses an
    // axis or a grid line.
    let w =
        style::text_width(&p.label, LABEL_SIZE) + if p.highlight { w_bold(&p.label) } else { 0 };
    let (l, r) = if right {
        (dx - 2, dx + w + 2)
    } else {
        (dx - w - 2, dx + 2)
    };
    let (t, b) = (LINE_H * line - LINE_H / 2, LINE_H * line + LINE_H / 2);
    let patch = Rectangle::new([(l, t), (r, b)], style::PAPER.mix(0.85).filled());
    plot.draw(&(EmptyElement::at((p.x, p.y)) + patch))?;
    let text = Text::new(p.label.clone(), (dx, LINE_H * line), s);
    plot.draw(&(EmptyElement::at((p.x, p.y)) + text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(label: &str, x: f64, y: f64, highlight: bool) -> Point {
        Point {
            label: label.into(),
            x,
            y,
            highlight,
        }
    }

    fn comparison() -> Vec<Point> {
        vec![
            pt("智讯培训", 11.0, 2.0, true),
            pt("A Training Group", -4.0, 6.5, false),
            pt("B Consulting", 3.0, -7.0, false),
            pt("C Academy", 3.0, -7.0, false),
        ]
    }

    #[test]
    fn shows_title_axes_postures_and_every_point_label() {
        let out = swot(
            "SWOT comparison",
            "Internal (S − W)",
            "External (O − T)",
            &comparison(),
            "Not analysed yet: D Partners",
        );
        for text in [
            "SWOT comparison",
            "Internal (S − W)",
            "External (O − T)",
            "SO",
            "ST",
            "WO",
            "WT",
            "智讯培训",
            "A Training Group",
            "B Consulting",
            "C Academy",
            "Not analysed yet: D Partners",
        ] {
            assert!(
                out.contains(&format!(">\n{text}\n</text>")),
                "{text}\n{out}"
            );
        }
        assert!(out.contains("<polygon"), "our diamond");
    }

    #[test]
    fn points_on_the_same_spot_stack_their_labels() {
        let out = swot("T", "x", "y", &comparison(), "");
        let y_of = |label: &str| {
            let end = out.find(&format!(">\n{label}\n</text>")).unwrap();
            let tag = &out[out[..end].rfind("<text").unwrap()..end];
            let y = tag.split("y=\"").nth(1).unwrap();
            y[..y.find('"').unwrap()].parse::<i32>().unwrap()
        };
        assert_eq!(y_of("C Academy") - y_of("B Consulting"), LINE_H);
    }

    #[test]
    fn empty_zero_negative_and_non_finite_points_draw_without_panicking() {
        let cases = [
            vec![],
            vec![pt("self", 0.0, 0.0, true)],
            vec![pt("a", -3.0, -2.0, false), pt("b", -0.5, -9.0, true)],
            vec![pt("a", f64::NAN, f64::INFINITY, false)],
        ];
        for points in cases {
            let out = swot("T", "x", "y", &points, "");
            assert!(
                out.contains("T\n</text>") && out.ends_with("</svg>\n"),
                "{points:?}"
            );
            assert!(!out.contains("NaN"));
        }
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let a = swot("T", "x", "y", &comparison(), "");
        assert_eq!(a, swot("T", "x", "y", &comparison(), ""));
    }
}
