//! Issue 13: the portrait of our best customers: one row per attribute,
//! its most common value written above a bar of the share of best
//! customers who have it, with the count at the bar's end. An attribute
//! without a common value gets its text and an empty track.

use super::style;
use super::{Scale, finite, svg};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const WIDTH: i32 = 640;
const TITLE_H: i32 = 36;
const LABEL_SIZE: u32 = 15;
const VALUE_SIZE: u32 = 14;
const LEFT: i32 = 16;
/// Room right of the track for the count and share.
const VALUE_ROOM: i32 = 120;
/// Label line, bar and gap of one row.
const ROW: i32 = 54;
const BAR: i32 = 16;
const TOP: i32 = 8;

/// One attribute of the portrait.
pub struct Row {
    /// `Market: Producer market`, or the attribute with "no common value".
    pub label: String,
    /// The share of best customers with the value, 0..1.
    pub share: f64,
    /// `3 / 6 · 50%`; empty without a value.
    pub value: String,
}

/// The portrait chart.
pub fn portrait(title: &str, rows: &[Row]) -> String {
    let height = TITLE_H + TOP + ROW * rows.len() as i32 + 4;
    let scale = Scale {
        lo: 0.0,
        hi: 1.0,
        from: LEFT,
        to: WIDTH - VALUE_ROOM,
    };
    svg(
        WIDTH as u32,
        height.max(TITLE_H + 40) as u32,
        title,
        |area| {
            let ls = style::anchored(style::text(LABEL_SIZE), HPos::Left, VPos::Bottom);
            let vs = style::anchored(style::bold(VALUE_SIZE), HPos::Left, VPos::Center);
            for (i, r) in rows.iter().enumerate() {
                let top = TOP + ROW * i as i32;
                let label = style::fit(&r.label, WIDTH - 2 * LEFT, LABEL_SIZE);
                area.draw(&Text::new(label, (LEFT, top + 20), ls.clone()))?;
                let (y0, y1) = (top + 26, top + 26 + BAR);
                area.draw(&Rectangle::new(
                    [(scale.px(0.0), y0), (scale.px(1.0), y1)],
                    style::GRID.filled(),
                ))?;
                let x = scale.px(finite(r.share).clamp(0.0, 1.0));
                if x > scale.px(0.0) {
                    style::draw_box(area, (scale.px(0.0), y0), (x, y1), &style::POSITIVE)?;
                }
                if !r.value.is_empty() {
                    let at = (scale.px(1.0) + 8, (y0 + y1) / 2);
                    area.draw(&Text::new(r.value.clone(), at, vs.clone()))?;
                }
            }
            Ok(())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_attribute_shows_its_value_and_count() {
        let rows = [
            Row {
                label: "Market: Producer <market>".into(),
                share: 0.5,
                value: "3 / 6 · 50%".into(),
            },
            Row {
                label: "行业：没有共同值".into(),
                share: 0.0,
                value: String::new(),
            },
        ];
        let out = portrait("Portrait", &rows);
        assert!(
            out.contains("Market: Producer &lt;market&gt;\n</text>"),
            "{out}"
        );
        assert!(out.contains("行业：没有共同值\n</text>"), "{out}");
        assert!(out.contains("3 / 6 · 50%\n</text>"), "{out}");
        // Two tracks, one filled bar.
        assert_eq!(out.matches("fill=\"#DCDCDC\"").count(), 2, "{out}");
        assert_eq!(portrait("Portrait", &rows), out);
        assert!(portrait("Portrait", &[]).contains("Portrait\n</text>"));
    }
}
