//! Range-checked scalar types of the content format.
//!
//! Each type checks its range inside a serde `Visitor`, so that serde_yaml
//! attaches the exact line and column of the offending scalar to the error.
//! Nothing here knows about files or diagnostics.

use crate::util::HELP;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// Defines a number newtype whose values must lie in a closed range.
macro_rules! ranged_number {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr, $what:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub f64);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(RangeVisitor { min: $min, max: $max, what: $what })
                    .map($name)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                number_schema($min, $max, $what)
            }
        }
    };
}

/// A JSON Schema number in `min..=max` (no bound when it is infinite).
fn number_schema(min: f64, max: f64, what: &str) -> Schema {
    let mut s = json_schema!({ "type": "number", "description": what });
    if min > f64::MIN {
        s.insert("minimum".into(), min.into());
    }
    if max < f64::MAX {
        s.insert("maximum".into(), max.into());
    }
    s
}

ranged_number!(
    /// A score from 0 to 10 (SWOT items, value scorecard aspects).
    Score10, 0.0, 10.0, "a score from 0 to 10"
);
ranged_number!(
    /// A score from 1 to 5 (satisfaction, loyalty, five forces levels).
    Score5, 1.0, 5.0, "a score from 1 to 5"
);
ranged_number!(
    /// A share from 0 to 1 (market share, ABC thresholds).
    Share, 0.0, 1.0, "a number from 0 to 1"
);
ranged_number!(
    /// An amount of money in the site currency; any finite number.
    Money, f64::MIN, f64::MAX, "an amount of money"
);
ranged_number!(
    /// An amount of money that cannot be negative (targets).
    Amount, 0.0, f64::MAX, "an amount of money of 0 or more"
);

/// A weight of the value model: a finite number greater than 0.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize)]
#[serde(transparent)]
pub struct Weight(pub f64);

impl<'de> Deserialize<'de> for Weight {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = d.deserialize_any(RangeVisitor {
            min: 0.0,
            max: f64::MAX,
            what: "a weight greater than 0",
        })?;
        if v <= 0.0 {
            return Err(de::Error::custom(format!(
                "{v} is out of range: expected a weight greater than 0{HELP}write a number greater than 0, such as 0.3"
            )));
        }
        Ok(Weight(v))
    }
}

impl JsonSchema for Weight {
    fn schema_name() -> Cow<'static, str> {
        "Weight".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "number",
            "exclusiveMinimum": 0,
            "description": "a weight greater than 0"
        })
    }
}

struct RangeVisitor {
    min: f64,
    max: f64,
    what: &'static str,
}

impl RangeVisitor {
    fn check<E: de::Error>(&self, v: f64) -> Result<f64, E> {
        if v.is_finite() && v >= self.min && v <= self.max {
            Ok(v)
        } else {
            let help = if self.max <= 1.0 && v > 1.0 && v <= 100.0 {
                format!("a share is a fraction of 1: for {v}%, write {}", v / 100.0)
            } else {
                format!("write {}", self.what)
            };
            Err(E::custom(format!(
                "{v} is out of range: expected {}{HELP}{help}",
                self.what
            )))
        }
    }

    /// A number written as text: thousands separators, a percentage, a
    /// currency, or not a number at all.
    fn text<E: de::Error>(&self, s: &str) -> Result<f64, E> {
        let t = s.trim();
        let example = if self.max <= 1.0 { "0.12" } else { "4" };
        if let Some(pct) = t.strip_suffix('%')
            && let Ok(n) = pct.trim().parse::<f64>()
        {
            let help = if self.max <= 1.0 {
                format!("write {} for {t}", n / 100.0)
            } else {
                format!("write {}, not a percentage", self.what)
            };
            return Err(E::custom(format!(
                "`{t}` is a percentage, but this is {}{HELP}{help}",
                self.what
            )));
        }
        let digits: String = t
            .chars()
            .filter(|c| !matches!(c, ',' | '_' | ' ' | '\''))
            .collect();
        if digits != t && digits.parse::<f64>().is_ok() {
            return Err(E::custom(format!(
                "`{t}` has thousands separators{HELP}remove the thousands separators: write {digits}"
            )));
        }
        let bare: String = t
            .trim_matches(|c: char| !(c.is_ascii_digit() || c == '-' || c == '.' || c == ','))
            .chars()
            .filter(|c| *c != ',')
            .collect();
        if !bare.is_empty() && bare != t && bare.parse::<f64>().is_ok() {
            return Err(E::custom(format!(
                "`{t}` is not a plain number{HELP}write only the number, without a currency or unit: {bare}"
            )));
        }
        Err(E::custom(format!(
            "`{t}` is not a number: expected {}{HELP}write a number, such as {example}",
            self.what
        )))
    }
}

impl<'de> Visitor<'de> for RangeVisitor {
    type Value = f64;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.what)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        self.check(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        self.check(v as f64)
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<f64, E> {
        self.check(v as f64)
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<f64, E> {
        self.check(v as f64)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        self.check(v)
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<f64, E> {
        self.text(s)
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<f64, E> {
        Err(E::custom(format!(
            "`{b}` is not a number: expected {}{HELP}write a number",
            self.what
        )))
    }
    fn visit_unit<E: de::Error>(self) -> Result<f64, E> {
        Err(E::custom(format!(
            "the value is empty: expected {}{HELP}write a number after the colon, or remove the line",
            self.what
        )))
    }
}

/// A non-negative whole number (orders, employees).
pub type Count = u64;

/// A calendar date, `YYYY-MM-DD`, checked to be a real date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub time::Date);

impl Date {
    /// Parses `YYYY-MM-DD`; `None` when it is not a real calendar date.
    pub fn parse(s: &str) -> Option<Date> {
        let fmt = time::macros::format_description!("[year]-[month]-[day]");
        time::Date::parse(s.trim(), &fmt).ok().map(Date)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).whole_days()
    }

    /// The date `days` days after this one (tests build boundaries with it).
    #[cfg(test)]
    pub fn plus_days(self, days: i64) -> Date {
        Date(self.0.saturating_add(time::Duration::days(days)))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let d = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}",
            d.year(),
            u8::from(d.month()),
            d.day()
        )
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date as YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Date, E> {
                Date::parse(s).ok_or_else(|| E::custom(date_problem(s)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
                Err(E::custom(date_problem(&v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
                Err(E::custom(date_problem(&v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Date, E> {
                Err(E::custom(date_problem(&v.to_string())))
            }
        }
        d.deserialize_str(V)
    }
}

/// Why `s` is not a date, and the same date in the right form if it is one.
fn date_problem(s: &str) -> String {
    let t = s.trim();
    let parts: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let guess = match parts.as_slice() {
        [all] if all.len() == 8 => Some((&all[..4], &all[4..6], &all[6..])),
        [y, m, d] if y.len() == 4 => Some((*y, *m, *d)),
        [d, m, y] if y.len() == 4 => Some((*y, *m, *d)),
        _ => None,
    }
    .and_then(|(y, m, d)| Date::parse(&format!("{y}-{m:0>2}-{d:0>2}")));
    match guess {
        Some(g) if g.to_string() != t => {
            format!("`{t}` is not written as YYYY-MM-DD{HELP}write the date as {g}")
        }
        _ => format!(
            "`{t}` is not a real calendar date{HELP}write the date as YYYY-MM-DD, such as 2026-11-05, and check the day and month"
        ),
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "a date as YYYY-MM-DD, such as 2026-11-05"
        })
    }
}

impl JsonSchema for Label {
    fn schema_name() -> Cow<'static, str> {
        "Label".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "number"],
            "description": "a text or a number, such as 2025 or \"2025-H1\""
        })
    }
}

/// Text that may be given as a YAML string or a plain number (`period: 2025`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Label(pub String);

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Label;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text or a number")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Label, E> {
                Ok(Label(s.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Label, E> {
                Ok(Label(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Label, E> {
                Ok(Label(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Label, E> {
                Ok(Label(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// True when `s` is a valid slug: lowercase ASCII letters, digits and `-`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_outside_their_range_are_rejected_with_the_range() {
        assert_eq!(
            serde_yaml::from_str::<Score10>("7.5").unwrap(),
            Score10(7.5)
        );
        let e = serde_yaml::from_str::<Score10>("11")
            .unwrap_err()
            .to_string();
        assert!(e.contains("expected a score from 0 to 10"), "{e}");
        assert!(serde_yaml::from_str::<Score5>("0").is_err());
        assert!(serde_yaml::from_str::<Score5>(".nan").is_err());
        assert!(serde_yaml::from_str::<Weight>("0").is_err());
        assert!(serde_yaml::from_str::<Money>("1e400").is_err());
        assert!(serde_yaml::from_str::<Score10>("high").is_err());
    }

    #[test]
    fn dates_must_be_real_calendar_dates() {
        assert!(serde_yaml::from_str::<Date>("2026-02-28").is_ok());
        let e = serde_yaml::from_str::<Date>("2026-02-30")
            .unwrap_err()
            .to_string();
        assert!(e.contains("real calendar date"), "{e}");
        let d = Date::parse("2026-11-22").unwrap();
        assert_eq!(d.to_string(), "2026-11-22");
        assert_eq!(d.days_until(Date::parse("2026-12-06").unwrap()), 14);
    }

    fn message<T: serde::de::DeserializeOwned + fmt::Debug>(yaml: &str) -> String {
        serde_yaml::from_str::<T>(yaml).unwrap_err().to_string()
    }

    #[test]
    fn numbers_written_as_managers_write_them_get_the_fix() {
        let m = message::<Money>("1,850,000");
        assert!(
            m.contains("`1,850,000` has thousands separators\nhelp: remove the thousands separators: write 1850000"),
            "{m}"
        );
        let m = message::<Share>("12%");
        assert!(m.contains("help: write 0.12 for 12%"), "{m}");
        let m = message::<Share>("12");
        assert!(
            m.contains("help: a share is a fraction of 1: for 12%, write 0.12"),
            "{m}"
        );
        let m = message::<Score5>("92%");
        assert!(
            m.contains("help: write a score from 1 to 5, not a percentage"),
            "{m}"
        );
        let m = message::<Money>("¥1,200");
        assert!(
            m.contains("write only the number, without a currency or unit: 1200"),
            "{m}"
        );
        let m = message::<Score5>("very");
        assert!(m.contains("`very` is not a number"), "{m}");
    }

    #[test]
    fn a_date_in_another_form_is_shown_as_yyyy_mm_dd() {
        for given in ["2026/11/05", "5.11.2026", "20261105", "2026-11-5"] {
            let m = message::<Date>(given);
            assert!(
                m.contains("help: write the date as 2026-11-05"),
                "{given}: {m}"
            );
        }
        let m = message::<Date>("2026-02-30");
        assert!(
            m.contains("`2026-02-30` is not a real calendar date"),
            "{m}"
        );
    }

    #[test]
    fn slugs_are_lowercase_ascii_digits_and_dashes() {
        assert!(is_slug("acme-2"));
        assert!(!is_slug("Acme"));
        assert!(!is_slug("acme_co"));
        assert!(!is_slug(""));
        assert!(!is_slug("客户"));
    }

    #[test]
    fn labels_accept_numbers() {
        assert_eq!(serde_yaml::from_str::<Label>("2025").unwrap().0, "2025");
        assert_eq!(serde_yaml::from_str::<Label>("\"2025\"").unwrap().0, "2025");
    }
}
