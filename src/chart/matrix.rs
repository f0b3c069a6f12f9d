//! The satisfaction-loyalty matrix: satisfaction (1 to 5) across, loyalty
//! (1 to 5) up, one point per customer, over the six loyalty types drawn
//! as named regions (spec/ANALYSIS.md: apostle, loyalist and hostage at or
//! above the loyalty threshold; mercenary, defector and terrorist below).
//!
//! Regions differ by fill pattern and carry their names, so they read in
//! black and white. Points that land on the same few pixels are merged
//! into one larger point showing how many customers it holds (survey
//! scores are often whole or half numbers, so exact ties are common), and
//! its label lists their names. Labels step aside from each other; past
//! [`LABEL_LIMIT`] points there are none, which keeps a chart of
//! thousands of customers small and quick to draw. The classification
//! itself is the analysis's job: this module only draws.

use super::style::{self, Hatch};
use super::{Area, DrawResult, Scale, finite, svg};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::collections::BTreeMap;

const WIDTH: i32 = 640;
const HEIGHT: i32 = 580;
const TITLE_H: i32 = 36;
/// The plot's edges inside the body (below the title).
const PLOT_L: i32 = 48;
const PLOT_R: i32 = WIDTH - 20;
const PLOT_T: i32 = 32;
const PLOT_B: i32 = HEIGHT - TITLE_H - 52;
/// Points within the same cell of this many pixels are merged: small
/// cells when points are labelled, and cells as wide as a merged disc
/// beyond that, so a crowd becomes a grid of counts, not a smear.
const CELL: i32 = 5;
const CROWD_CELL: i32 = 22;
/// With more points than this, points carry no labels.
pub const LABEL_LIMIT: usize = 200;
const LABEL_SIZE: u32 = 13;
const LABEL_W: i32 = 190;
const LINE_H: i32 = 16;
const REGION_SIZE: u32 = 14;
const TICK_SIZE: u32 = 13;
/// Borders between regions.
const BORDER: RGBColor = RGBColor(150, 150, 150);

/// A region: its satisfaction range, whether it sits above the loyalty
/// threshold, its background and hatching.
struct Region {
    from: f64,
    to: f64,
    upper: bool,
    background: RGBColor,
    hatch: &'static [Hatch],
}

/// The six regions in the order their names are given: apostle,
/// loyalist, hostage, mercenary, defector, terrorist, cut at the
/// satisfaction cut-offs `[apostle, satisfied, terrorist]`.
fn regions([apostle, satisfied, terrorist]: [f64; 3]) -> [Region; 6] {
    let region = |from, to, upper, background, hatch| Region {
        from,
        to,
        upper,
        background,
        hatch,
    };
    [
        region(apostle, 5.0, true, style::TINT, &[]),
        region(satisfied, apostle, true, style::shade(0.06), &[]),
        region(1.0, satisfied, true, style::PAPER, &[Hatch::Horizontal]),
        region(satisfied, 5.0, false, style::PAPER, &[]),
        region(terrorist, satisfied, false, style::PAPER, &[Hatch::Forward]),
        region(
            1.0,
            terrorist,
            false,
            style::PAPER,
            &[Hatch::Forward, Hatch::Backward],
        ),
    ]
}

/// A text's box: left, top, right, bottom.
type Bounds = (i32, i32, i32, i32);

/// Points that share a cell: where they are drawn and who they are.
struct Group<'a> {
    at: (i32, i32),
    names: Vec<&'a str>,
}

/// Draws the matrix. `points` are `(name, satisfaction, loyalty)`; values
/// outside 1..5 are drawn at the edge, NaN as 0 (so at the low edge).
/// `cutoffs` are `[threshold, apostle, satisfied, terrorist]`: the
/// loyalty that separates the upper regions from the lower ones, and the
/// satisfaction cut-offs between regions. `regions` are the six region
/// names, translated, in the order apostle, loyalist, hostage, mercenary,
/// defector, terrorist.
pub fn loyalty_matrix<S: AsRef<str>>(
    title: &str,
    x_label: &str,
    y_label: &str,
    points: &[(S, f64, f64)],
    cutoffs: [f64; 4],
    regions: [&str; 6],
) -> String {
    let xs = scale(PLOT_L, PLOT_R);
    let ys = scale(PLOT_B, PLOT_T);
    let [t, a, s, x] = cutoffs.map(|c| finite(c).clamp(1.0, 5.0));
    let areas = self::regions([a, s, x]);
    let labelled = points.len() <= LABEL_LIMIT;
    let cell = if labelled { CELL } else { CROWD_CELL };
    let groups = group(points, &xs, &ys, cell);
    let boxes = region_boxes(&areas, &xs, &ys, t);
    let names = region_names(&areas, &boxes, regions);
    let placed = if labelled {
        layout(&groups, names.iter().map(|n| n.1).collect())
    } else {
        Vec::new()
    };
    let legend = legend(&placed);
    let height = HEIGHT
        + if legend.is_empty() {
            0
        } else {
            12 + LINE_H * legend.len() as i32
        };
    svg(WIDTH as u32, height as u32, title, |area| {
        draw_regions(area, &areas, &boxes, ys.px(t))?;
        axes(area, &xs, &ys, x_label, y_label)?;
        for g in &groups {
            marker(area, g)?;
        }
        draw_labels(area, &placed, &legend)?;
        draw_region_names(area, &names)
    })
}

fn scale(from: i32, to: i32) -> Scale {
    Scale {
        lo: 1.0,
        hi: 5.0,
        from,
        to,
    }
}

/// Merges points by pixel cell, in a fixed order (by cell), each group
/// drawn at the mean of its points (so a group whose points all lie in
/// one region is drawn in it).
fn group<'a, S: AsRef<str>>(
    points: &'a [(S, f64, f64)],
    xs: &Scale,
    ys: &Scale,
    cell: i32,
) -> Vec<Group<'a>> {
    let mut cells: BTreeMap<(i32, i32), (i64, i64, Vec<&'a str>)> = BTreeMap::new();
    for (name, x, y) in points {
        let at = (xs.px(finite(*x)), ys.px(finite(*y)));
        let key = (at.0.div_euclid(cell), at.1.div_euclid(cell));
        let (sx, sy, names) = cells.entry(key).or_default();
        (*sx, *sy) = (*sx + i64::from(at.0), *sy + i64::from(at.1));
        names.push(name.as_ref());
    }
    cells
        .into_values()
        .map(|(sx, sy, names)| {
            let n = names.len().max(1) as i64;
            let mean = |s: i64| i32::try_from(s / n).unwrap_or(0);
            Group {
                at: (mean(sx), mean(sy)),
                names,
            }
        })
        .collect()
}

/// Each region's box in pixels, in the order of [`regions`]; `None`
/// for a region the cut-offs leave without height or width.
fn region_boxes(regions: &[Region], xs: &Scale, ys: &Scale, t: f64) -> Vec<Option<Bounds>> {
    let ty = ys.px(t);
    regions
        .iter()
        .map(|r| {
            let (top, bottom) = if r.upper { (PLOT_T, ty) } else { (ty, PLOT_B) };
            let (left, right) = (xs.px(r.from), xs.px(r.to));
            (bottom - top >= 2 && right - left >= 2).then_some((left, top, right, bottom))
        })
        .collect()
}

/// The regions' fills and borders, and the threshold line at `ty`.
fn draw_regions(area: &Area, regions: &[Region], boxes: &[Option<Bounds>], ty: i32) -> DrawResult {
    for (r, b) in regions.iter().zip(boxes) {
        let Some((left, top, right, bottom)) = *b else {
            continue;
        };
        let corners = [(left, top), (right, bottom)];
        area.draw(&Rectangle::new(corners, r.background.filled()))?;
        for &h in r.hatch {
            // Every other line of the house hatching: a region is a
            // backdrop, and must not compete with the points on it.
            let lines = style::hatch_segments((left, top), (right, bottom), h);
            for (p, q) in lines.into_iter().step_by(2) {
                area.draw(&PathElement::new(vec![p, q], style::GRID.stroke_width(1)))?;
            }
        }
        area.draw(&Rectangle::new(corners, BORDER.stroke_width(1)))?;
    }
    area.draw(&PathElement::new(
        vec![(PLOT_L, ty), (PLOT_R, ty)],
        style::INK.stroke_width(2),
    ))
}

/// A region's name, the box it takes, and the region's background.
type Name = (String, Bounds, RGBColor);

/// Each region's name, cut to its region's width, and the box it takes
/// in the region's top-left corner; none for a region too low for it.
fn region_names(regions: &[Region], boxes: &[Option<Bounds>], names: [&str; 6]) -> Vec<Name> {
    boxes
        .iter()
        .zip(names)
        .zip(regions)
        .filter_map(|((b, name), r)| {
            let (left, top, right, bottom) = (*b)?;
            if bottom - top < LINE_H + 8 || right - left < 24 {
                return None;
            }
            let name = style::fit(name, right - left - 10, REGION_SIZE);
            let w = style::text_width(&name, REGION_SIZE);
            let size = REGION_SIZE as i32;
            let b = (left + 3, top + 3, left + 7 + w, top + 7 + size);
            Some((name, b, r.background))
        })
        .collect()
}

/// The region names, drawn last on a patch of their region's background
/// so that a crowd of points cannot hide which region is which.
fn draw_region_names(area: &Area, names: &[Name]) -> DrawResult {
    let ns = style::anchored(
        style::bold(REGION_SIZE).color(&style::MUTED),
        HPos::Left,
        VPos::Top,
    );
    for (name, b, background) in names {
        let patch = background.filled();
        area.draw(&Rectangle::new([(b.0, b.1), (b.2, b.3)], patch))?;
        area.draw(&Text::new(name.clone(), (b.0 + 2, b.1 + 2), ns.clone()))?;
    }
    Ok(())
}

/// Ticks at the whole scores, the x axis name under them and the y axis
/// name above the plot (written across, so CJK reads upright).
fn axes(area: &Area, xs: &Scale, ys: &Scale, x_label: &str, y_label: &str) -> DrawResult {
    let muted = style::text(TICK_SIZE).color(&style::MUTED);
    let below = style::anchored(muted.clone(), HPos::Center, VPos::Top);
    let beside = style::anchored(muted, HPos::Right, VPos::Center);
    for v in 1..=5 {
        let (x, y) = (xs.px(f64::from(v)), ys.px(f64::from(v)));
        area.draw(&PathElement::new(
            vec![(x, PLOT_B), (x, PLOT_B + 4)],
            style::MUTED.stroke_width(1),
        ))?;
        area.draw(&Text::new(v.to_string(), (x, PLOT_B + 6), below.clone()))?;
        area.draw(&PathElement::new(
            vec![(PLOT_L - 4, y), (PLOT_L, y)],
            style::MUTED.stroke_width(1),
        ))?;
        area.draw(&Text::new(v.to_string(), (PLOT_L - 7, y), beside.clone()))?;
    }
    let name = |s: &str| style::fit(s, PLOT_R - PLOT_L, REGION_SIZE);
    let xl = style::anchored(style::bold(REGION_SIZE), HPos::Center, VPos::Top);
    area.draw(&Text::new(
        name(x_label),
        ((PLOT_L + PLOT_R) / 2, PLOT_B + 26),
        xl,
    ))?;
    let yl = style::anchored(style::bold(REGION_SIZE), HPos::Left, VPos::Bottom);
    area.draw(&Text::new(name(y_label), (PLOT_L - 20, PLOT_T - 8), yl))
}

/// One customer: a small solid dot; several: a larger hollow disc with
/// their number in it.
fn marker(area: &Area, g: &Group) -> DrawResult {
    if g.names.len() == 1 {
        area.draw(&Circle::new(g.at, 5, style::ACCENT.filled()))?;
        return area.draw(&Circle::new(g.at, 5, style::PAPER.stroke_width(1)));
    }
    area.draw(&Circle::new(g.at, radius(g), style::PAPER.filled()))?;
    area.draw(&Circle::new(g.at, radius(g), style::INK.stroke_width(2)))?;
    let cs = style::centred(style::bold(11));
    area.draw(&Text::new(g.names.len().to_string(), g.at, cs))
}

fn radius(g: &Group) -> i32 {
    if g.names.len() == 1 {
        5
    } else if g.names.len() < 100 {
        10
    } else {
        13
    }
}

fn overlaps(a: Bounds, b: Bounds) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Where a group's names end up: beside the point (with a leader line
/// when moved away from it), or, when every place is taken, as a number
/// beside the point that a legend under the plot resolves.
enum Placed {
    Label {
        lines: Vec<String>,
        right: bool,
        at: (i32, i32),
        leader: Option<((i32, i32), (i32, i32))>,
    },
    Numbered {
        n: usize,
        at: (i32, i32),
        text: String,
    },
}

/// Places each group's names at the first free place (right of the
/// point, left of it, then up to four lines lower or higher with a
/// leader line) that covers no point, no label placed before, nor a
/// region's name (`taken`). A group with no free place is numbered.
fn layout(groups: &[Group], mut taken: Vec<Bounds>) -> Vec<Placed> {
    taken.extend(groups.iter().map(|g| {
        let ((x, y), r) = (g.at, radius(g));
        (x - r, y - r, x + r, y + r)
    }));
    let mut out = Vec::new();
    let mut numbered = 0;
    for g in groups {
        let lines = label_lines(&g.names);
        let w = lines
            .iter()
            .map(|l| style::text_width(l, LABEL_SIZE))
            .max()
            .unwrap_or(0);
        if let Some((right, line, b)) = place(g, w, lines.len() as i32, &taken) {
            taken.push(b);
            let cy = (b.1 + b.3) / 2;
            let lx = if right { b.0 } else { b.2 };
            let leader = (line != 0).then(|| {
                let r = radius(g);
                let from = (g.at.0 + if right { r } else { -r }, g.at.1);
                (from, (if right { lx - 2 } else { lx + 2 }, cy))
            });
            out.push(Placed::Label {
                lines,
                right,
                at: (lx, cy),
                leader,
            });
            continue;
        }
        numbered += 1;
        let tag = numbered.to_string();
        let w = style::text_width(&tag, LABEL_SIZE) + 4;
        let r = radius(g) + 2;
        let (x, y) = g.at;
        let spots = [
            (x + r, y - r - LINE_H),
            (x - r - w, y - r - LINE_H),
            (x + r, y + r),
            (x - r - w, y + r),
        ];
        let boxes = spots.map(|(l, t)| (l, t, l + w, t + LINE_H));
        let b = boxes
            .iter()
            .find(|b| !taken.iter().any(|t| overlaps(*t, **b)))
            .copied()
            .unwrap_or(boxes[0]);
        taken.push(b);
        out.push(Placed::Numbered {
            n: numbered,
            at: ((b.0 + b.2) / 2, (b.1 + b.3) / 2),
            text: g.names.join(", "),
        });
    }
    out
}

/// The legend's rows: "n  names" for each numbered group.
fn legend(placed: &[Placed]) -> Vec<String> {
    placed
        .iter()
        .filter_map(|p| match p {
            Placed::Numbered { n, text, .. } => Some(style::fit(
                &format!("{n}  {text}"),
                PLOT_R - PLOT_L,
                LABEL_SIZE,
            )),
            Placed::Label { .. } => None,
        })
        .collect()
}

fn draw_labels(area: &Area, placed: &[Placed], legend: &[String]) -> DrawResult {
    for p in placed {
        match p {
            Placed::Label {
                lines,
                right,
                at,
                leader,
            } => {
                if let Some((a, b)) = leader {
                    area.draw(&PathElement::new(
                        vec![*a, *b],
                        style::MUTED.stroke_width(1),
                    ))?;
                }
                let h = if *right { HPos::Left } else { HPos::Right };
                let ls = style::anchored(style::text(LABEL_SIZE), h, VPos::Center);
                let top = at.1 - LINE_H * (lines.len() as i32 - 1) / 2;
                for (k, line) in lines.iter().enumerate() {
                    let y = top + LINE_H * k as i32;
                    area.draw(&Text::new(line.clone(), (at.0, y), ls.clone()))?;
                }
            }
            Placed::Numbered { n, at, .. } => {
                let ns = style::centred(style::bold(LABEL_SIZE));
                area.draw(&Text::new(n.to_string(), *at, ns))?;
            }
        }
    }
    let ls = style::anchored(style::text(LABEL_SIZE), HPos::Left, VPos::Top);
    for (i, row) in legend.iter().enumerate() {
        let y = PLOT_B + 48 + LINE_H * i as i32;
        area.draw(&Text::new(row.clone(), (PLOT_L, y), ls.clone()))?;
    }
    Ok(())
}

/// Where a label `w` pixels wide goes: whether right of the point, how
/// many lines it moved, and its box.
fn place(g: &Group, w: i32, lines: i32, taken: &[Bounds]) -> Option<(bool, i32, Bounds)> {
    let half = LINE_H * lines.max(1) / 2;
    let ((x, y), gap) = (g.at, radius(g) + 4);
    let inside = |b: &Bounds| b.0 >= 0 && b.2 <= WIDTH && b.1 >= PLOT_T && b.3 <= PLOT_B;
    [0, 1, -1, 2, -2, 3, -3, 4, -4]
        .into_iter()
        .flat_map(|line| [(true, line), (false, line)])
        .map(|(right, line)| {
            let cy = y + LINE_H * line;
            let left = if right { x + gap } else { x - gap - w };
            (right, line, (left, cy - half, left + w, cy + half))
        })
        .filter(|(_, _, b)| inside(b))
        .find(|(_, _, b)| !taken.iter().any(|t| overlaps(*t, *b)))
}

/// A group's label as lines: a single name wraps onto up to three lines
/// of [`LABEL_W`] (cut only past that); several names share one line.
fn label_lines(names: &[&str]) -> Vec<String> {
    if let [name] = names {
        let mut lines = style::wrap(name, LABEL_W, LABEL_SIZE);
        if lines.len() > 3 {
            let rest = lines[2..].join(" ");
            lines.truncate(2);
            lines.push(style::fit(&rest, LABEL_W, LABEL_SIZE));
        }
        lines
    } else {
        vec![label_text(names)]
    }
}

/// The names of a group, as many as fit in [`LABEL_W`], then "+n" for
/// the others; a single long name is cut with "…".
fn label_text(names: &[&str]) -> String {
    let first = style::fit(names.first().copied().unwrap_or(""), LABEL_W, LABEL_SIZE);
    if names.len() == 1 {
        return first;
    }
    let rest = |shown: usize| format!(" +{}", names.len() - shown);
    let room = LABEL_W - style::text_width(&rest(1), LABEL_SIZE);
    let mut text = style::fit(names[0], room, LABEL_SIZE);
    for (shown, name) in names.iter().enumerate().skip(1) {
        let longer = format!("{text}, {name}");
        let suffix = if shown + 1 == names.len() {
            String::new()
        } else {
            rest(shown + 1)
        };
        if style::text_width(&format!("{longer}{suffix}"), LABEL_SIZE) > LABEL_W {
            return format!("{text}{}", rest(shown));
        }
        text = longer;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGIONS: [&str; 6] = [
        "Apostle",
        "Loyalist",
        "Hostage",
        "Mercenary",
        "Defector",
        "Terrorist",
    ];

    fn has_text(svg: &str, text: &str) -> bool {
        svg.contains(&format!(">\n{text}\n</text>"))
    }

    fn chart(points: &[(&str, f64, f64)]) -> String {
        loyalty_matrix(
            "Satisfaction and loyalty",
            "Satisfaction",
            "忠诚度",
            points,
            [3.0, 4.5, 3.5, 2.0],
            REGIONS,
        )
    }

    #[test]
    fn shows_title_axes_regions_and_point_labels() {
        let out = chart(&[
            ("白金客户", 4.8, 4.6),
            ("Acme", 2.5, 2.0),
            ("Beta", 1.5, 1.2),
        ]);
        for text in [
            "Satisfaction and loyalty",
            "Satisfaction",
            "忠诚度",
            "白金客户",
            "Acme",
            "Beta",
        ]
        .into_iter()
        .chain(REGIONS)
        {
            assert!(has_text(&out, text), "{text}\n{out}");
        }
    }

    /// The x and y of the `<text>` holding `label`.
    fn at(svg: &str, label: &str) -> (i32, i32) {
        let end = svg.find(&format!(">\n{label}\n</text>")).unwrap();
        let tag = &svg[svg[..end].rfind("<text").unwrap()..end];
        let num = |k: &str| {
            let v = tag.split(k).nth(1).unwrap();
            v[..v.find('"').unwrap()].parse::<i32>().unwrap()
        };
        (num(" x=\""), num(" y=\""))
    }

    #[test]
    fn regions_follow_the_threshold_and_the_satisfaction_cuts() {
        let (xs, ys) = (scale(PLOT_L, PLOT_R), scale(PLOT_B, PLOT_T));
        let out = chart(&[]);
        // Names sit in the top-left corner of their region.
        let (apostle, mercenary) = (at(&out, "Apostle"), at(&out, "Mercenary"));
        assert_eq!(apostle.0, xs.px(4.5) + 5);
        assert_eq!(mercenary.0, xs.px(3.5) + 5);
        assert_eq!(at(&out, "Terrorist").0, xs.px(1.0) + 5);
        assert_eq!(at(&out, "Defector").0, xs.px(2.0) + 5);
        assert_eq!(mercenary.1 - apostle.1, ys.px(3.0) - PLOT_T);
        assert_eq!(at(&out, "Hostage").1, apostle.1);
        // A threshold at the bottom leaves no lower regions.
        let cuts = [1.0, 4.5, 3.5, 2.0];
        let all_loyal = loyalty_matrix("T", "x", "y", &[("a", 3.0, 3.0)], cuts, REGIONS);
        assert!(has_text(&all_loyal, "Apostle") && !has_text(&all_loyal, "Terrorist"));
    }

    #[test]
    fn regions_follow_configured_cut_offs() {
        let xs = scale(PLOT_L, PLOT_R);
        let out = loyalty_matrix(
            "T",
            "x",
            "y",
            &[("a", 3.0, 3.0)],
            [3.0, 4.0, 3.0, 2.5],
            REGIONS,
        );
        assert_eq!(at(&out, "Apostle").0, xs.px(4.0) + 5);
        assert_eq!(at(&out, "Loyalist").0, xs.px(3.0) + 5);
        assert_eq!(at(&out, "Mercenary").0, xs.px(3.0) + 5);
        assert_eq!(at(&out, "Defector").0, xs.px(2.5) + 5);
        // satisfied = apostle leaves the loyalist region without width
        let out = loyalty_matrix(
            "T",
            "x",
            "y",
            &[("a", 3.0, 3.0)],
            [3.0, 4.0, 4.0, 2.0],
            REGIONS,
        );
        assert!(
            has_text(&out, "Apostle") && !has_text(&out, "Loyalist"),
            "{out}"
        );
    }

    #[test]
    fn points_on_the_same_spot_merge_with_their_count() {
        let out = chart(&[("Acme", 4.0, 4.0), ("Beta", 4.0, 4.0), ("Gamma", 2.0, 2.0)]);
        assert!(has_text(&out, "2"), "{out}");
        assert!(has_text(&out, "Acme, Beta"), "{out}");
        assert!(has_text(&out, "Gamma"));
    }

    #[test]
    fn long_names_are_cut_and_crowds_lose_their_labels() {
        let long = "A very long customer name that goes on and on";
        let out = chart(&[(long, 3.0, 3.0)]);
        assert!(!out.contains(long) && out.contains("A very long"), "{out}");
        let names: Vec<String> = (0..=LABEL_LIMIT).map(|i| format!("c{i}")).collect();
        let many: Vec<(&str, f64, f64)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                (
                    n.as_str(),
                    1.0 + (i % 41) as f64 * 0.1,
                    1.0 + (i / 41) as f64 * 0.5,
                )
            })
            .collect();
        let out = chart(&many);
        assert!(!has_text(&out, "c0") && !has_text(&out, "c200"));
        assert!(has_text(&chart(&many[..LABEL_LIMIT]), "c0"));
    }

    #[test]
    fn group_labels_list_the_names_that_fit_and_count_the_rest() {
        assert_eq!(label_text(&["Acme", "Beta"]), "Acme, Beta");
        let many = [
            "Acme", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta",
        ];
        let text = label_text(&many);
        assert!(
            text.starts_with("Acme, Beta") && text.contains(" +"),
            "{text}"
        );
        assert!(style::text_width(&text, LABEL_SIZE) <= LABEL_W, "{text}");
        let long = label_text(&["Acme Corporation International Holdings", "Beta"]);
        assert!(long.contains('…') && long.ends_with(" +1"), "{long}");
    }

    #[test]
    fn labels_step_aside_from_each_other() {
        let out = chart(&[("Acme", 4.0, 4.0), ("Beta", 4.1, 4.0), ("Gamma", 4.2, 4.0)]);
        let (a, b, c) = (at(&out, "Acme"), at(&out, "Beta"), at(&out, "Gamma"));
        assert!(a != b && b != c && a != c, "{a:?} {b:?} {c:?}");
    }

    #[test]
    fn empty_out_of_range_and_non_finite_points_draw_without_panicking() {
        let cases: [&[(&str, f64, f64)]; 4] = [
            &[],
            &[("a", 0.0, 0.0)],
            &[("a", -3.0, 9.0), ("b", 5.0, 5.0)],
            &[("a", f64::NAN, f64::INFINITY)],
        ];
        for points in cases {
            for t in [3.0, f64::NAN, -1.0, 7.0] {
                let out = loyalty_matrix("T", "x", "y", points, [t, 4.5, t, 2.0], REGIONS);
                assert!(
                    out.contains("T\n</text>") && out.ends_with("</svg>\n"),
                    "{out}"
                );
                assert!(!out.contains("NaN") && !out.contains("inf"), "{out}");
            }
        }
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let points = [
            ("Acme", 4.0, 4.0),
            ("Beta", 4.0, 4.0),
            ("白金客户", 1.5, 2.5),
        ];
        assert_eq!(chart(&points), chart(&points));
    }
}
