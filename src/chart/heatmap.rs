//! Heatmaps: a grid of rows by columns, each cell shaded by its value and
//! carrying its text (a number, or a rating such as `E`), so it reads in
//! black and white. Used for the OBL audit: departments by E/S/N counts,
//! or competitors by criteria with their ratings.

use super::style;
use super::{finite, svg};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One cell: `value` sets the shade, `text` is written in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: f64,
    pub text: String,
}

impl Cell {
    /// A cell that shows its own value.
    pub fn number(value: f64) -> Cell {
        Cell {
            value,
            text: style::number(value),
        }
    }
}

const TITLE_H: i32 = 36;
const LABEL_SIZE: u32 = 15;
const CELL_SIZE: u32 = 16;
const CELL_H: i32 = 34;
const HEADER_LINE: i32 = 17;
const MIN_WIDTH: i32 = 320;

/// A grid of `cells[row][column]`, with row labels on the left and column
/// headers on top (wrapped to at most three lines). Shades run from white
/// at `min(0, smallest value)` to the darkest at `max` (or, with `None`,
/// the largest value). A row shorter than `cols` leaves blank cells.
pub fn grid<R: AsRef<str>, C: AsRef<str>>(
    title: &str,
    rows: &[R],
    cols: &[C],
    cells: &[Vec<Cell>],
    max: Option<f64>,
) -> String {
    let l = Layout::new(rows, cols, cells, max);
    let width = (l.label_w + l.col_w * cols.len() as i32 + 16)
        .max(MIN_WIDTH)
        .max(style::text_width(title, 22) + 40);
    let height = TITLE_H + l.header_h + CELL_H * rows.len() as i32 + 12;
    svg(width as u32, height as u32, title, |area| {
        let hs = style::anchored(style::bold(LABEL_SIZE), HPos::Center, VPos::Top);
        for (j, lines) in l.headers.iter().enumerate() {
            let cx = l.label_w + l.col_w * j as i32 + l.col_w / 2;
            for (k, line) in lines.iter().enumerate() {
                let y = 4 + HEADER_LINE * k as i32;
                area.draw(&Text::new(line.as_str(), (cx, y), hs.clone()))?;
            }
        }
        for (i, label) in rows.iter().enumerate() {
            let row = cells.get(i).map_or(&[][..], Vec::as_slice);
            draw_row(area, &l, i, label.as_ref(), row)?;
        }
        Ok(())
    })
}

/// A grid whose cells show their own values, e.g. E/S/N counts.
pub fn numbers<R: AsRef<str>, C: AsRef<str>>(
    title: &str,
    rows: &[R],
    cols: &[C],
    values: &[Vec<f64>],
    max: Option<f64>,
) -> String {
    let cells: Vec<Vec<Cell>> = values
        .iter()
        .map(|r| r.iter().map(|&v| Cell::number(v)).collect())
        .collect();
    grid(title, rows, cols, &cells, max)
}

/// Sizes of a grid, measured from its labels, and its shade range.
struct Layout {
    label_w: i32,
    col_w: i32,
    /// Column headers, each wrapped to at most three lines.
    headers: Vec<Vec<String>>,
    header_h: i32,
    lo: f64,
    hi: f64,
}

impl Layout {
    fn new<R: AsRef<str>, C: AsRef<str>>(
        rows: &[R],
        cols: &[C],
        cells: &[Vec<Cell>],
        max: Option<f64>,
    ) -> Layout {
        let widest = |labels: &mut dyn Iterator<Item = &str>, pad: i32, min: i32, cap: i32| {
            labels
                .map(|l| style::text_width(l, LABEL_SIZE) + pad)
                .fold(min, i32::max)
                .min(cap)
        };
        let label_w = widest(&mut rows.iter().map(AsRef::as_ref), 16, 40, 480);
        let col_w = widest(&mut cols.iter().map(AsRef::as_ref), 12, 56, 140);
        let headers: Vec<Vec<String>> = cols
            .iter()
            .map(|c| {
                style::wrap(c.as_ref(), col_w - 6, LABEL_SIZE)
                    .into_iter()
                    .take(3)
                    .collect()
            })
            .collect();
        let lines = headers.iter().map(Vec::len).max().unwrap_or(0) as i32;
        let (lo, hi) = shade_range(cells, max);
        Layout {
            label_w,
            col_w,
            header_h: 8 + HEADER_LINE * lines,
            headers,
            lo,
            hi,
        }
    }
}

fn shade_range(cells: &[Vec<Cell>], max: Option<f64>) -> (f64, f64) {
    let values = || cells.iter().flatten().map(|c| finite(c.value));
    let lo = values().fold(0.0, f64::min);
    let hi = max
        .map(finite)
        .unwrap_or_else(|| values().fold(lo, f64::max));
    (lo, hi)
}

/// Row `i`: its label, then one cell per column (blank past the row's end).
fn draw_row(
    area: &super::Area,
    l: &Layout,
    i: usize,
    label: &str,
    cells: &[Cell],
) -> super::DrawResult {
    let y0 = l.header_h + CELL_H * i as i32;
    let ls = style::anchored(style::text(LABEL_SIZE), HPos::Right, VPos::Center);
    let label = style::fit(label, l.label_w - 8, LABEL_SIZE);
    area.draw(&Text::new(label, (l.label_w - 8, y0 + CELL_H / 2), ls))?;
    for j in 0..l.headers.len() {
        let x0 = l.label_w + l.col_w * j as i32;
        let (a, b) = ((x0 + 1, y0 + 1), (x0 + l.col_w - 1, y0 + CELL_H - 1));
        let Some(cell) = cells.get(j) else {
            area.draw(&Rectangle::new([a, b], style::GRID.stroke_width(1)))?;
            continue;
        };
        let t = if l.hi > l.lo {
            (finite(cell.value) - l.lo) / (l.hi - l.lo)
        } else {
            0.0
        };
        area.draw(&Rectangle::new([a, b], style::shade(t).filled()))?;
        area.draw(&Rectangle::new([a, b], style::GRID.stroke_width(1)))?;
        let cs = style::centred(style::bold_in(CELL_SIZE, style::ink_on(t)));
        let text = style::fit(&cell.text, l.col_w - 6, CELL_SIZE);
        area.draw(&Text::new(text, (x0 + l.col_w / 2, y0 + CELL_H / 2), cs))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts() -> String {
        numbers(
            "OBL by department",
            &["培训部", "Sales"],
            &["E", "S", "N"],
            &[vec![2.0, 1.0, 1.0], vec![0.0, 0.0, 3.0]],
            None,
        )
    }

    #[test]
    fn shows_title_row_labels_headers_and_numbers_in_cells() {
        let out = counts();
        for text in [
            "OBL by department",
            "培训部",
            "Sales",
            "E",
            "S",
            "N",
            "2",
            "3",
        ] {
            assert!(
                out.contains(&format!(">\n{text}\n</text>")),
                "{text}\n{out}"
            );
        }
    }

    #[test]
    fn rating_cells_show_their_text_and_shade_by_value() {
        let cells = vec![
            vec![
                Cell {
                    value: 2.0,
                    text: "E".into(),
                },
                Cell {
                    value: 0.0,
                    text: "N".into(),
                },
            ],
            vec![Cell {
                value: 1.0,
                text: "S".into(),
            }],
        ];
        let out = grid(
            "Industry",
            &["self", "a-group"],
            &["Trainer competitiveness", "Market development"],
            &cells,
            Some(2.0),
        );
        assert!(out.contains(">\nE\n</text>") && out.contains(">\nS\n</text>"));
        assert!(out.contains("fill=\"#1F5F99\""), "E is the darkest shade");
        assert!(out.contains(">\nTrainer\n</text>"), "headers wrap\n{out}");
    }

    #[test]
    fn empty_zero_negative_and_ragged_grids_draw_without_panicking() {
        let none: [&str; 0] = [];
        type Case<'a> = (&'a [&'a str], &'a [&'a str], Vec<Vec<f64>>);
        let cases: [Case; 5] = [
            (&none, &none, vec![]),
            (&["a"], &none, vec![vec![]]),
            (
                &["a", "b"],
                &["x", "y"],
                vec![vec![0.0, 0.0], vec![0.0, 0.0]],
            ),
            (&["a"], &["x", "y"], vec![vec![-2.0, 3.0]]),
            (&["a", "b"], &["x", "y"], vec![vec![f64::NAN]]),
        ];
        for (rows, cols, values) in cases {
            let out = numbers("T", rows, cols, &values, None);
            assert!(
                out.contains("T\n</text>") && out.ends_with("</svg>\n"),
                "{rows:?} {values:?}"
            );
            assert!(!out.contains("NaN"));
        }
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        assert_eq!(counts(), counts());
    }
}
