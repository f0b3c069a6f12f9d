//! Small helpers every stage of the pipeline may use: number formatting
//! shared by charts, pages and the diff report, the export's integral
//! numbers, and step timing. Nothing here knows about the site's model;
//! nothing here depends on another module of the crate.

use std::time::Instant;

/// What separates a message from its fix inside one string (for messages
/// built where no `Diagnostic` is at hand, such as serde visitors).
pub const HELP: &str = "\nhelp: ";

/// Runs one step; with `DOSSIER_TIMINGS` set, prints how long it took.
pub fn timed<T>(step: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    if std::env::var_os("DOSSIER_TIMINGS").is_some() {
        eprintln!(
            "{step:>18}: {:>7.1} ms",
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
    out
}

/// A number without a useless `.0`, else with up to two decimals.
pub fn trim_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Turns floats with no fractional part into integers (`24.0` → `24`), as
/// other tools reading the export expect.
pub fn integral_numbers(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Number(n) => {
            if let Some(f) = n
                .as_f64()
                .filter(|f| n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15)
            {
                *v = Value::from(f as i64);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(integral_numbers),
        Value::Object(o) => o.values_mut().for_each(integral_numbers),
        _ => {}
    }
}

/// serde_json's pretty printer, writing a float that holds a whole number
/// (below 9e15) as an integer: the same text as [`integral_numbers`] on
/// a `Value` and then `to_string_pretty`, without building the tree.
pub struct IntegralFormatter(serde_json::ser::PrettyFormatter<'static>);

impl IntegralFormatter {
    pub fn new() -> Self {
        IntegralFormatter(serde_json::ser::PrettyFormatter::new())
    }
}

impl Default for IntegralFormatter {
    fn default() -> Self {
        Self::new()
    }
}

impl serde_json::ser::Formatter for IntegralFormatter {
    fn write_f64<W: ?Sized + std::io::Write>(&mut self, w: &mut W, v: f64) -> std::io::Result<()> {
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            self.0.write_i64(w, v as i64)
        } else {
            self.0.write_f64(w, v)
        }
    }
    fn write_f32<W: ?Sized + std::io::Write>(&mut self, w: &mut W, v: f32) -> std::io::Result<()> {
        self.write_f64(w, f64::from(v))
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// How the site's language writes numbers and dates (`format:` of its
/// label file): `1,234,568` and `2026-11-22` in English, `1.234.568` and
/// `22.11.2026` in German.
#[derive(Clone, Debug, PartialEq)]
pub struct Habits {
    pub thousands: String,
    pub decimal: String,
    /// `{y}`, `{m}`, `{d}` (unpadded) and `{mm}`, `{dd}` (two digits).
    pub date: String,
    /// `{n}` is the number: `{n}%`, `{n} %`.
    pub percent: String,
}

impl Default for Habits {
    fn default() -> Self {
        Habits {
            thousands: ",".into(),
            decimal: ".".into(),
            date: "{y}-{mm}-{dd}".into(),
            percent: "{n}%".into(),
        }
    }
}

impl Habits {
    pub fn of(labels: &serde_json::Value) -> Habits {
        let d = Habits::default();
        let f = &labels["format"];
        let get = |k: &str, or: String| f[k].as_str().map_or(or, str::to_string);
        Habits {
            thousands: get("thousands", d.thousands),
            decimal: get("decimal", d.decimal),
            date: get("date", d.date),
            percent: get("percent", d.percent),
        }
    }

    pub fn money(&self, v: f64) -> String {
        format_money(v).replace(',', &self.thousands)
    }

    pub fn dec(&self, v: f64, places: usize) -> String {
        format!("{v:.places$}").replace('.', &self.decimal)
    }

    pub fn pct(&self, share: f64) -> String {
        self.percent
            .replace("{n}", &format!("{:.0}", share * 100.0))
    }

    /// An ISO date (`2026-11-22`) in the language's habit; anything else as is.
    pub fn date(&self, iso: &str) -> String {
        let mut parts = iso.splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return iso.to_string();
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return iso.to_string();
        }
        let unpad = |s: &str| s.trim_start_matches('0').to_string();
        self.date
            .replace("{y}", y)
            .replace("{mm}", m)
            .replace("{dd}", d)
            .replace("{m}", &unpad(m))
            .replace("{d}", &unpad(d))
    }
}

/// Money with thousands separators and no decimals: `1,234,568`.
pub fn format_money(v: f64) -> String {
    let n = v.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// Text for HTML element content or a quoted attribute.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
