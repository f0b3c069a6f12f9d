//! The trend of one customer's revenue and profit over its periods, as a
//! small inline SVG (a sparkline): revenue a solid line, profit a dashed
//! one, a zero line when profit goes below it. Written by hand rather
//! than with plotters: it is drawn once per customer on every list, so it
//! must be cheap, and it has no axes or text to lay out. The numbers
//! themselves stay in the table beside it; `label` says in words what the
//! lines show (for screen readers and as the tooltip).

use super::escape;

/// `(revenue, profit)` per period, oldest first, drawn `width` x `height`
/// pixels. None with fewer than two periods (no trend to show).
pub fn sparkline(values: &[(f64, f64)], width: u32, height: u32, label: &str) -> Option<String> {
    if values.len() < 2 {
        return None;
    }
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    let all = values.iter().flat_map(|&(r, p)| [finite(r), finite(p)]);
    let (lo, hi) = all.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span = if hi > lo { hi - lo } else { 1.0 };
    let (w, h) = (f64::from(width), f64::from(height));
    let pad = 2.0;
    let x = |i: usize| pad + (w - 2.0 * pad) * i as f64 / (values.len() - 1) as f64;
    let y = |v: f64| pad + (h - 2.0 * pad) * (hi - finite(v)) / span;
    let line = |pick: &dyn Fn(&(f64, f64)) -> f64| {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(pick(v))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let zero = if lo < 0.0 {
        format!(
            "<line x1=\"0\" x2=\"{width}\" y1=\"{0:.1}\" y2=\"{0:.1}\" stroke=\"#b3261e\" stroke-width=\"1\" stroke-dasharray=\"1 2\"/>",
            y(0.0)
        )
    } else {
        String::new()
    };
    let label = escape(label);
    Some(format!(
        "<svg class=\"spark\" role=\"img\" aria-label=\"{label}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{label}</title>{zero}<polyline fill=\"none\" stroke=\"#1f5fae\" stroke-width=\"2\" points=\"{}\"/><polyline fill=\"none\" stroke=\"#1d2430\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\" points=\"{}\"/></svg>",
        line(&|v| v.0),
        line(&|v| v.1),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(svg: &str, n: usize) -> Vec<(f64, f64)> {
        let p = svg.split("points=\"").nth(n).unwrap();
        p[..p.find('"').unwrap()]
            .split(' ')
            .map(|xy| {
                let (x, y) = xy.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect()
    }

    #[test]
    fn rising_revenue_goes_up_and_a_loss_gets_a_zero_line() {
        let svg = sparkline(&[(100.0, 10.0), (200.0, -20.0)], 100, 30, "Revenue <up>").unwrap();
        let revenue = points(&svg, 1);
        assert!(
            revenue[1].1 < revenue[0].1,
            "higher revenue is drawn higher"
        );
        let profit = points(&svg, 2);
        assert!(profit[1].1 > profit[0].1, "a loss is drawn lower");
        assert!(svg.contains("<line"), "a zero line under a loss");
        assert!(svg.contains("Revenue &lt;up&gt;"));
        assert!(
            !sparkline(&[(1.0, 1.0), (2.0, 1.0)], 100, 30, "")
                .unwrap()
                .contains("<line")
        );
    }

    #[test]
    fn one_period_or_odd_numbers_draw_nothing_or_stay_inside() {
        assert!(sparkline(&[(1.0, 1.0)], 100, 30, "").is_none());
        assert!(sparkline(&[], 100, 30, "").is_none());
        let svg = sparkline(
            &[(f64::NAN, 0.0), (0.0, f64::INFINITY), (0.0, 0.0)],
            100,
            30,
            "",
        )
        .unwrap();
        for (x, y) in points(&svg, 1).into_iter().chain(points(&svg, 2)) {
            assert!(
                (0.0..=100.0).contains(&x) && (0.0..=30.0).contains(&y),
                "{x},{y}"
            );
        }
    }
}
