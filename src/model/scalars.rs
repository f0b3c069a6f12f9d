//! Range-checked scalar types of the content format.
//!
//! Each type checks its range inside a serde `Visitor`, so that serde_yaml
//! attaches the exact line and column of the offending scalar to the error.
//! Nothing here knows about files or diagnostics.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
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
    };
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
                "invalid value {v}: expected a weight greater than 0"
            )));
        }
        Ok(Weight(v))
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
            Err(E::custom(format!(
                "invalid value {v}: expected {}",
                self.what
            )))
        }
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
                Date::parse(s).ok_or_else(|| {
                    E::custom(format!(
                        "invalid date `{s}`: expected a real calendar date as YYYY-MM-DD"
                    ))
                })
            }
        }
        d.deserialize_str(V)
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
