//! The McKinsey 7S diagram: shared values in the middle, the assessed
//! elements in a ring around it, each joined to the centre and to its
//! neighbours. A strength has a solid outline, a tinted fill and a "+"; a
//! weakness a dashed outline, no fill and a "−", so the two differ in
//! print and without colour, not only in hue.

use super::style;
use super::{Area, DrawResult, svg};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const WIDTH: i32 = 640;
const HEIGHT: i32 = 560;
const TITLE_H: i32 = 36;
/// Distance of the ring of elements from the centre, and node radii.
const RING: f64 = 185.0;
const NODE_R: i32 = 60;
const CENTRE_R: i32 = 70;
const LABEL_SIZE: u32 = 16;
const MARK_SIZE: u32 = 24;
const LINE_H: i32 = 17;

/// Draws the diagram. `centre` is the label of shared values; `elements`
/// are `(label, is_strength)` placed clockwise from the top, in the given
/// order (strategy, structure, systems, style, staff, skills).
pub fn diagram<S: AsRef<str>>(title: &str, centre: &str, elements: &[(S, bool)]) -> String {
    let c = (WIDTH / 2, (HEIGHT - TITLE_H) / 2);
    let nodes: Vec<(i32, i32)> = (0..elements.len())
        .map(|i| position(c, i, elements.len()))
        .collect();
    svg(WIDTH as u32, HEIGHT as u32, title, |area| {
        links(area, c, &nodes)?;
        area.draw(&Circle::new(c, CENTRE_R, style::PAPER.filled()))?;
        area.draw(&Circle::new(c, CENTRE_R, style::INK.stroke_width(3)))?;
        area.draw(&Circle::new(c, CENTRE_R - 5, style::INK.stroke_width(1)))?;
        label(area, c, centre, CENTRE_R, 0)?;
        for ((text, strength), &p) in elements.iter().zip(&nodes) {
            node(area, p, text.as_ref(), *strength)?;
        }
        Ok(())
    })
}

/// The centre of element `i` of `n`, clockwise from the top.
fn position(c: (i32, i32), i: usize, n: usize) -> (i32, i32) {
    let a = std::f64::consts::TAU * i as f64 / n.max(1) as f64 - std::f64::consts::FRAC_PI_2;
    (
        c.0 + (RING * a.cos()).round() as i32,
        c.1 + (RING * a.sin()).round() as i32,
    )
}

/// Spokes to the centre and the ring between neighbours, drawn first so
/// the nodes sit on top of them.
fn links(area: &Area, c: (i32, i32), nodes: &[(i32, i32)]) -> DrawResult {
    let line = style::MUTED.stroke_width(2);
    for (i, &p) in nodes.iter().enumerate() {
        area.draw(&PathElement::new(vec![c, p], line))?;
        if nodes.len() > 2 {
            let next = nodes[(i + 1) % nodes.len()];
            area.draw(&PathElement::new(vec![p, next], line))?;
        }
    }
    Ok(())
}

/// One element: its outline and fill by assessment, the mark, the label.
fn node(area: &Area, p: (i32, i32), text: &str, strength: bool) -> DrawResult {
    if strength {
        area.draw(&Circle::new(p, NODE_R, style::TINT.filled()))?;
        area.draw(&Circle::new(p, NODE_R, style::ACCENT.stroke_width(4)))?;
    } else {
        area.draw(&Circle::new(p, NODE_R, style::PAPER.filled()))?;
        style::dashed_circle(area, p, NODE_R, style::WARN.stroke_width(3))?;
    }
    let mark = if strength { "+" } else { "−" };
    let ms = style::anchored(style::bold(MARK_SIZE), HPos::Center, VPos::Bottom);
    area.draw(&Text::new(mark, (p.0, p.1 - 6), ms))?;
    label(area, p, text, NODE_R, 14)
}

/// A label wrapped to fit a circle of radius `r`, centred `dy` below `p`.
fn label(area: &Area, p: (i32, i32), text: &str, r: i32, dy: i32) -> DrawResult {
    let lines: Vec<String> = style::wrap(text, 2 * r - 20, LABEL_SIZE)
        .into_iter()
        .take(3)
        .collect();
    let top = p.1 + dy - LINE_H * (lines.len() as i32 - 1) / 2;
    let ls = style::centred(style::bold(LABEL_SIZE));
    for (k, line) in lines.into_iter().enumerate() {
        area.draw(&Text::new(line, (p.0, top + LINE_H * k as i32), ls.clone()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ELEMENTS: [(&str, bool); 6] = [
        ("Strategy", true),
        ("Structure", false),
        ("Systems", true),
        ("Style", true),
        ("Staff", false),
        ("培训技能", true),
    ];

    #[test]
    fn shows_the_title_centre_every_element_and_its_mark() {
        let out = diagram("McKinsey 7S", "Shared values", &ELEMENTS);
        assert!(out.contains("McKinsey 7S\n</text>"));
        assert!(out.contains(">\nShared values\n</text>"), "{out}");
        for (label, _) in ELEMENTS {
            assert!(out.contains(&format!(">\n{label}\n</text>")), "{label}");
        }
        assert_eq!(out.matches(">\n+\n</text>").count(), 4);
        assert_eq!(out.matches(">\n−\n</text>").count(), 2);
    }

    #[test]
    fn weaknesses_are_dashed_and_strengths_solid() {
        let all_strong = diagram("T", "V", &[("a", true); 6]);
        let one_weak = diagram("T", "V", &[("a", true), ("b", false)]);
        let warn = "stroke=\"#B85000\"";
        assert!(!all_strong.contains(warn));
        assert_eq!(one_weak.matches(warn).count(), 18, "18 dashes");
    }

    #[test]
    fn few_or_no_elements_draw_without_panicking() {
        let none: [(&str, bool); 0] = [];
        for out in [
            diagram("T", "", &none),
            diagram("T", "V", &[("a", true)]),
            diagram("T", "V", &[("a", false), ("b", true)]),
        ] {
            assert!(out.contains("T\n</text>") && out.ends_with("</svg>\n"));
        }
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        assert_eq!(diagram("T", "V", &ELEMENTS), diagram("T", "V", &ELEMENTS));
    }
}
