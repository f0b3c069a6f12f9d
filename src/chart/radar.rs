//! Radar chart: one spoke per axis, rings at each level, the values joined
//! into one shape. Used for Porter's five forces (levels 1 to 5). A single
//! series, so colour carries nothing; every spoke's label is followed by
//! its value as text.

use super::style;
use super::{Area, DrawResult, finite, svg};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const WIDTH: i32 = 640;
const HEIGHT: i32 = 500;
const TITLE_H: i32 = 36;
const RADIUS: f64 = 150.0;
const LABEL_SIZE: u32 = 16;
const VALUE_SIZE: u32 = 17;
const TICK_SIZE: u32 = 12;

/// Draws `axes` as `(label, value)` clockwise from the top, on a scale
/// from 0 at the centre to `max` on the outer ring (values beyond are
/// drawn at the ring; their labels keep the true value). Rings mark each
/// whole level when `max` is a whole number up to 10, else quarters.
pub fn radar<S: AsRef<str>>(title: &str, axes: &[(S, f64)], max: f64) -> String {
    let max = if finite(max) > 0.0 { max } else { 1.0 };
    let c = (WIDTH / 2, (HEIGHT - TITLE_H) / 2);
    let n = axes.len();
    let at = |i: usize, r: f64| point(c, i, n, r);
    svg(WIDTH as u32, HEIGHT as u32, title, |area| {
        rings(area, c, n, max)?;
        for i in 0..n {
            area.draw(&PathElement::new(
                vec![c, at(i, RADIUS)],
                style::MUTED.stroke_width(1),
            ))?;
        }
        let shape: Vec<(i32, i32)> = axes
            .iter()
            .enumerate()
            .map(|(i, (_, v))| at(i, RADIUS * (finite(*v) / max).clamp(0.0, 1.0)))
            .collect();
        if shape.len() >= 3 {
            area.draw(&Polygon::new(
                shape.clone(),
                style::ACCENT.mix(0.25).filled(),
            ))?;
        }
        let mut outline = shape.clone();
        outline.extend(shape.first().copied());
        area.draw(&PathElement::new(outline, style::ACCENT.stroke_width(3)))?;
        for &p in &shape {
            area.draw(&Circle::new(p, 5, style::INK.filled()))?;
        }
        for (i, (label, v)) in axes.iter().enumerate() {
            axis_label(
                area,
                at(i, RADIUS + 16.0),
                angle(i, n),
                label.as_ref(),
                finite(*v),
            )?;
        }
        Ok(())
    })
}

/// The angle of spoke `i` of `n`, clockwise from the top.
fn angle(i: usize, n: usize) -> f64 {
    std::f64::consts::TAU * i as f64 / n.max(1) as f64 - std::f64::consts::FRAC_PI_2
}

fn point(c: (i32, i32), i: usize, n: usize, r: f64) -> (i32, i32) {
    let a = angle(i, n);
    (
        c.0 + (r * a.cos()).round() as i32,
        c.1 + (r * a.sin()).round() as i32,
    )
}

/// The level rings (polygons, or circles with fewer than three spokes),
/// with their values beside the first spoke (clear of its point).
fn rings(area: &Area, c: (i32, i32), n: usize, max: f64) -> DrawResult {
    let whole = max.fract() == 0.0 && max <= 10.0;
    let steps = if whole { max as usize } else { 4 };
    let ts = style::anchored(
        style::text(TICK_SIZE).color(&style::MUTED),
        HPos::Left,
        VPos::Center,
    );
    for k in 1..=steps {
        let r = RADIUS * k as f64 / steps as f64;
        if n >= 3 {
            let ring: Vec<_> = (0..=n).map(|i| point(c, i % n, n, r)).collect();
            area.draw(&PathElement::new(ring, style::GRID.stroke_width(1)))?;
        } else {
            area.draw(&Circle::new(
                c,
                r.round() as i32,
                style::GRID.stroke_width(1),
            ))?;
        }
        let v = max * k as f64 / steps as f64;
        area.draw(&Text::new(
            style::number(v),
            (c.0 + 8, c.1 - r.round() as i32 + 8),
            ts.clone(),
        ))?;
    }
    Ok(())
}

/// A spoke's label with its value on the next line, anchored away from
/// the centre so it never covers the shape; a label wider than the room
/// between its spoke and the chart's edge wraps onto more lines.
fn axis_label(area: &Area, p: (i32, i32), a: f64, label: &str, v: f64) -> DrawResult {
    const LINE: i32 = 20;
    let (h, room) = match a.cos() {
        x if x > 0.3 => (HPos::Left, WIDTH - p.0 - 8),
        x if x < -0.3 => (HPos::Right, p.0 - 8),
        _ => (HPos::Center, 2 * p.0.min(WIDTH - p.0) - 16),
    };
    let lines = style::wrap(label, room.max(40), LABEL_SIZE);
    let n = lines.len() as i32;
    // Labels above the centre grow upwards, the others downwards.
    let (v_pos, first, value_y) = if a.sin() < -0.3 {
        (VPos::Bottom, p.1 - LINE * n, p.1)
    } else {
        (VPos::Top, p.1, p.1 + LINE * n)
    };
    let ls = style::anchored(style::text(LABEL_SIZE), h, v_pos);
    let vs = style::anchored(style::bold(VALUE_SIZE), h, v_pos);
    for (k, line) in lines.into_iter().enumerate() {
        area.draw(&Text::new(line, (p.0, first + LINE * k as i32), ls.clone()))?;
    }
    area.draw(&Text::new(style::number(v), (p.0, value_y), vs))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORCES: [(&str, f64); 5] = [
        ("Rivalry", 4.0),
        ("New entrants", 2.0),
        ("替代品", 3.0),
        ("Buyer power", 4.0),
        ("Supplier power", 1.0),
    ];

    #[test]
    fn shows_the_title_every_axis_label_and_value() {
        let out = radar("Five forces", &FORCES, 5.0);
        assert!(out.contains("Five forces\n</text>"));
        for (label, v) in FORCES {
            assert!(out.contains(&format!(">\n{label}\n</text>")), "{label}");
            assert!(out.contains(&format!(">\n{v}\n</text>")), "{v}");
        }
        assert!(out.contains("<polygon"), "{out}");
    }

    #[test]
    fn empty_zero_negative_and_odd_data_draw_without_panicking() {
        let cases: [(&[(&str, f64)], f64); 6] = [
            (&[], 5.0),
            (&[("a", 0.0), ("b", 0.0), ("c", 0.0)], 5.0),
            (&[("a", -2.0), ("b", 7.0), ("c", f64::NAN)], 5.0),
            (&[("a", 1.0)], 5.0),
            (&[("a", 1.0), ("b", 2.0), ("c", 3.0)], 0.0),
            (&[("a", 1.0), ("b", 2.0), ("c", 3.0)], 2.5),
        ];
        for (axes, max) in cases {
            let out = radar("T", axes, max);
            assert!(
                out.contains("T\n</text>") && out.ends_with("</svg>\n"),
                "{axes:?}"
            );
            assert!(!out.contains("NaN"));
        }
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        assert_eq!(radar("T", &FORCES, 5.0), radar("T", &FORCES, 5.0));
    }
}
