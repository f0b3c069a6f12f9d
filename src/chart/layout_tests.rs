//! Every chart of the example site, in every language of the theme, read
//! back as SVG: no two labels overlap and no label runs off the chart.
//! Text widths are estimated from character counts (a CJK character
//! counts double), since an SVG carries no font metrics.

use std::path::Path;

/// A text box in SVG units: left, top, right, bottom.
#[derive(Debug, Clone, Copy)]
struct TextBox {
    l: f64,
    t: f64,
    r: f64,
    b: f64,
}

fn wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// Width of `s` in ems: half an em a character, a whole em for CJK.
fn ems(s: &str) -> f64 {
    s.chars().map(|c| if wide(c) { 1.0 } else { 0.52 }).sum()
}

/// The texts of an SVG with their boxes (rotated texts are left out).
fn boxes(svg: &str) -> (f64, f64, Vec<(String, TextBox)>) {
    let doc = roxmltree::Document::parse(svg).expect("a chart is well-formed XML");
    let root = doc.root_element();
    let num = |n: roxmltree::Node, a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok());
    let width = num(root, "width").unwrap_or(0.0);
    let height = num(root, "height").unwrap_or(0.0);
    let mut out = Vec::new();
    for n in doc.descendants().filter(|n| n.has_tag_name("text")) {
        if n.attribute("transform").is_some() {
            continue;
        }
        let text = n.text().unwrap_or("").trim().to_string();
        if text.is_empty() {
            continue;
        }
        let size = num(n, "font-size").unwrap_or(12.0);
        let (x, y) = (num(n, "x").unwrap_or(0.0), num(n, "y").unwrap_or(0.0));
        let w = ems(&text) * size;
        let l = match n.attribute("text-anchor") {
            Some("middle") => x - w / 2.0,
            Some("end") => x - w,
            _ => x,
        };
        let baseline = match n.attribute("dy") {
            Some("0.76em") => y + 0.76 * size,
            Some("0.5ex") => y + 0.25 * size,
            Some("-0.5ex") => y - 0.25 * size,
            _ => y,
        };
        let b = TextBox {
            l,
            r: l + w,
            t: baseline - 0.72 * size,
            b: baseline + 0.2 * size,
        };
        out.push((text, b));
    }
    (width, height, out)
}

fn overlap(a: TextBox, b: TextBox) -> bool {
    a.l < b.r - 1.0 && b.l < a.r - 1.0 && a.t < b.b - 1.0 && b.t < a.b - 1.0
}

/// What a reader would see wrong in one chart.
fn problems(svg: &str) -> Vec<String> {
    let (w, h, texts) = boxes(svg);
    let mut found = Vec::new();
    for (i, (s, a)) in texts.iter().enumerate() {
        if s.ends_with('…') {
            found.push(format!("{s:?} is cut short"));
        }
        if a.l < -1.0 || a.r > w + 1.0 || a.t < -1.0 || a.b > h + 1.0 {
            found.push(format!("{s:?} runs off the chart ({a:?}, chart {w}x{h})"));
        }
        for (s2, b) in &texts[i + 1..] {
            if overlap(*a, *b) {
                found.push(format!("{s:?} overlaps {s2:?}"));
            }
        }
    }
    found
}

#[test]
fn no_chart_label_overlaps_another_or_runs_off_the_chart() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (checked, _) = crate::build::check(root);
    let c = checked.expect("the example site checks");
    let theme = crate::render::theme::read_theme(root, "default").unwrap();
    let mut failures = Vec::new();
    for lang in crate::render::i18n::languages(&theme) {
        let labels = crate::render::i18n::labels(&theme, &lang).unwrap();
        for (path, svg) in crate::chart::site_charts(&c.site, &c.analysis, &labels) {
            for p in problems(&svg) {
                failures.push(format!("{lang} {path}: {p}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_overlap_reader_measures_text_as_drawn() {
    let svg = r#"<svg width="100" height="50" xmlns="http://www.w3.org/2000/svg">
<text x="10" y="20" font-size="10">Alpha</text>
<text x="20" y="22" font-size="10">Beta</text>
<text x="10" y="45" font-size="10">甲乙</text>
<text x="90" y="45" font-size="10">Far too long</text>
<text x="60" y="0" dy="0.76em" font-size="10">Cut…</text>
</svg>"#;
    let found = problems(svg);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].contains("overlaps"));
    assert!(found[1].contains("runs off"));
    assert!(found[2].contains("cut short"));
    assert!(ems("甲乙") > ems("ab") * 1.9);
}
