//! The problem-solving model of a complaint (seed 004) as a flow chart:
//! the steps top to bottom joined by arrows, the escalation to the next
//! level up beside the agreement step. A step with an answer has a tinted
//! fill and a "✓"; the step reached has a heavy outline and a "▶"; steps
//! not reached yet have a dashed outline, so the three differ in print and
//! without colour. The answers themselves are written beside the chart by
//! the page (they are content, and long).

use super::style;
use super::{Area, DrawResult, svg};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const WIDTH: i32 = 480;
const TITLE_H: i32 = 36;
const TOP: i32 = 6;
const ROW: i32 = 30;
const BOX_H: i32 = 22;
const BOX_L: i32 = 40;
const BOX_R: i32 = 326;
const ESC_L: i32 = 350;
const ESC_R: i32 = 472;
const SIZE: u32 = 13;
const MIN_SIZE: u32 = 9;

/// The chart's height for `n` steps.
fn height(n: usize) -> i32 {
    TITLE_H + TOP + ROW * n as i32 + 6
}

/// Draws the flow. `steps` are `(label, answered)` in model order;
/// `reached` the index of the step reached (`None`: all answered);
/// `escalate` the label of the escalation box, drawn beside step
/// `escalate_at`, filled when `escalated`.
pub fn flow<S: AsRef<str>>(
    title: &str,
    steps: &[(S, bool)],
    reached: Option<usize>,
    escalate: &str,
    escalate_at: usize,
    escalated: bool,
) -> String {
    let h = height(steps.len());
    svg(WIDTH as u32, h as u32, title, |area| {
        for i in 1..steps.len() {
            let x = (BOX_L + BOX_R) / 2;
            let (from, to) = (top(i - 1) + BOX_H, top(i));
            arrow(area, (x, from), (x, to))?;
        }
        for (i, (label, answered)) in steps.iter().enumerate() {
            step(area, i, label.as_ref(), *answered, reached == Some(i))?;
        }
        if escalate_at < steps.len() {
            escalation(area, escalate, escalate_at, escalated)?;
        }
        Ok(())
    })
}

/// The top of row `i` (in the body, below the title).
fn top(i: usize) -> i32 {
    TOP + ROW * i as i32
}

fn arrow(area: &Area, from: (i32, i32), to: (i32, i32)) -> DrawResult {
    let line = style::MUTED.stroke_width(1);
    area.draw(&PathElement::new(vec![from, to], line))?;
    let tip = if to.0 == from.0 {
        vec![(to.0 - 3, to.1 - 4), to, (to.0 + 3, to.1 - 4)]
    } else {
        vec![(to.0 - 4, to.1 - 3), to, (to.0 - 4, to.1 + 3)]
    };
    area.draw(&PathElement::new(tip, line))
}

/// A label's font size: the largest from [`SIZE`] down that fits `max`.
fn size_for(text: &str, max: i32) -> u32 {
    (MIN_SIZE..=SIZE)
        .rev()
        .find(|&s| style::text_width(text, s) <= max)
        .unwrap_or(MIN_SIZE)
}

fn step(area: &Area, i: usize, label: &str, answered: bool, reached: bool) -> DrawResult {
    let (a, b) = ((BOX_L, top(i)), (BOX_R, top(i) + BOX_H));
    if answered {
        area.draw(&Rectangle::new([a, b], style::TINT.filled()))?;
        area.draw(&Rectangle::new([a, b], style::ACCENT.stroke_width(1)))?;
    } else if reached {
        area.draw(&Rectangle::new([a, b], style::PAPER.filled()))?;
        area.draw(&Rectangle::new([a, b], style::WARN.stroke_width(3)))?;
    } else {
        dashed_rect(area, a, b)?;
    }
    let mid = top(i) + BOX_H / 2;
    let mark = match (reached, answered) {
        (true, _) => "▶",
        (false, true) => "✓",
        _ => "",
    };
    if !mark.is_empty() {
        let color = if reached { style::WARN } else { style::ACCENT };
        let ms = style::anchored(style::bold_in(SIZE, color), HPos::Center, VPos::Center);
        area.draw(&Text::new(mark, (BOX_L / 2, mid), ms))?;
    }
    let size = size_for(label, BOX_R - BOX_L - 10);
    let ts = if reached {
        style::centred(style::bold(size))
    } else {
        style::centred(style::text(size))
    };
    area.draw(&Text::new(
        label.to_string(),
        ((BOX_L + BOX_R) / 2, mid),
        ts,
    ))
}

/// A dashed rectangle outline (plotters rectangles have no dash style).
fn dashed_rect(area: &Area, a: (i32, i32), b: (i32, i32)) -> DrawResult {
    let line = style::MUTED.stroke_width(1);
    let dash = |from: i32, to: i32| (from..to).step_by(8).map(move |s| (s, (s + 4).min(to)));
    for (s, e) in dash(a.0, b.0) {
        area.draw(&PathElement::new(vec![(s, a.1), (e, a.1)], line))?;
        area.draw(&PathElement::new(vec![(s, b.1), (e, b.1)], line))?;
    }
    for (s, e) in dash(a.1, b.1) {
        area.draw(&PathElement::new(vec![(a.0, s), (a.0, e)], line))?;
        area.draw(&PathElement::new(vec![(b.0, s), (b.0, e)], line))?;
    }
    Ok(())
}

/// The escalation box beside step `at`, two lines at most.
fn escalation(area: &Area, label: &str, at: usize, escalated: bool) -> DrawResult {
    let mid = top(at) + BOX_H / 2;
    arrow(area, (BOX_R, mid), (ESC_L, mid))?;
    let (a, b) = ((ESC_L, mid - 19), (ESC_R, mid + 19));
    if escalated {
        area.draw(&Rectangle::new([a, b], style::TINT.filled()))?;
        area.draw(&Rectangle::new([a, b], style::ACCENT.stroke_width(1)))?;
    } else {
        dashed_rect(area, a, b)?;
    }
    let max = ESC_R - ESC_L - 8;
    let mut size = SIZE - 1;
    let mut lines = style::wrap(label, max, size);
    while size > MIN_SIZE
        && (lines.len() > 2 || lines.iter().any(|l| style::text_width(l, size) > max))
    {
        size -= 1;
        lines = style::wrap(label, max, size);
    }
    let n = lines.len().min(2) as i32;
    let line_h = size as i32 + 3;
    let first = mid - line_h * (n - 1) / 2;
    let ts = style::centred(style::text(size));
    for (k, line) in lines.into_iter().take(2).enumerate() {
        let y = first + line_h * k as i32;
        area.draw(&Text::new(line, ((ESC_L + ESC_R) / 2, y), ts.clone()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEPS: [(&str, bool); 4] = [
        ("Define the problem", true),
        ("What they want", true),
        ("Make up for the loss?", false),
        ("客户满意吗", false),
    ];

    #[test]
    fn every_step_is_drawn_and_the_reached_one_is_marked() {
        let out = flow("Complaint", &STEPS, Some(2), "Escalate", 1, false);
        for (label, _) in STEPS {
            assert!(out.contains(&format!(">\n{label}\n</text>")), "{label}");
        }
        assert_eq!(out.matches(">\n✓\n</text>").count(), 2);
        assert_eq!(out.matches(">\n▶\n</text>").count(), 1);
        let done = flow("Complaint", &[("a", true), ("b", true)], None, "E", 1, true);
        assert_eq!(done.matches(">\n▶\n</text>").count(), 0);
    }

    #[test]
    fn an_escalation_is_filled_and_a_pending_one_dashed() {
        let tint = "fill=\"#D6E4F0\"";
        let pending = flow("T", &[("a", false), ("b", false)], Some(0), "Up", 1, false);
        let escalated = flow("T", &[("a", false), ("b", false)], Some(0), "Up", 1, true);
        assert_eq!(
            escalated.matches(tint).count(),
            pending.matches(tint).count() + 1
        );
    }

    #[test]
    fn no_steps_and_the_same_bytes() {
        let none: [(&str, bool); 0] = [];
        let out = flow("T", &none, None, "E", 5, false);
        assert!(out.contains("T\n</text>") && out.ends_with("</svg>\n"));
        assert_eq!(
            flow("T", &STEPS, Some(2), "E", 1, false),
            flow("T", &STEPS, Some(2), "E", 1, false)
        );
    }
}
