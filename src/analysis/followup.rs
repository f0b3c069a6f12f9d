//! Follow-up of visits (ANALYSIS.md, "Follow-up"): which current customers
//! are overdue for contact, and which customers are to be visited in the
//! next two weeks.
//!
//! Not the warning `check` prints for an overdue customer (it calls
//! [`is_overdue`] so both agree) and not the watchlist (which uses the same
//! rule as one risk among others).
//!
//! Readings where the spec is silent:
//! - A `last_contact` after `as_of` is not overdue (it is 0 or fewer days
//!   before).
//! - Upcoming includes prospects, former and blacklisted customers that
//!   have a `next_visit` in the window, as the spec says "any status".

use crate::model::Customer;
use crate::model::customer::Status;
use crate::model::scalars::Date;
use serde::Serialize;

/// How many days ahead of `as_of` a visit counts as upcoming (inclusive).
pub const UPCOMING_DAYS: i64 = 14;

/// Slug lists, each in the order the spec gives.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Followup {
    /// Current customers overdue: missing `last_contact` first, then the
    /// oldest contact first, ties by slug.
    pub overdue: Vec<String>,
    /// Customers of any status with a `next_visit` from `as_of` to 14 days
    /// after it: soonest first, ties by slug.
    pub upcoming: Vec<String>,
}

/// The overdue rule lives with the model, where `check` (upstream of the
/// analysis) finds it too.
pub use crate::model::customer::is_overdue;

/// A `next_visit` from `as_of` to [`UPCOMING_DAYS`] days after it, both included.
pub fn is_upcoming(next_visit: Option<Date>, as_of: Date) -> bool {
    next_visit.is_some_and(|d| (0..=UPCOMING_DAYS).contains(&as_of.days_until(d)))
}

/// Both lists for the site's customers.
pub fn analyze(
    customers: &[(String, std::sync::Arc<Customer>)],
    as_of: Date,
    followup_days: u32,
) -> Followup {
    // `Option<Date>` orders `None` first, then dates ascending: exactly
    // "missing first, then oldest first"; the slug breaks ties.
    let mut overdue: Vec<(Option<Date>, &str)> = customers
        .iter()
        .filter(|(_, c)| c.status == Status::Current)
        .filter(|(_, c)| is_overdue(c.last_contact, as_of, followup_days))
        .map(|(s, c)| (c.last_contact, s.as_str()))
        .collect();
    overdue.sort();
    let mut upcoming: Vec<(Date, &str)> = customers
        .iter()
        .filter(|(_, c)| is_upcoming(c.next_visit, as_of))
        .filter_map(|(s, c)| c.next_visit.map(|d| (d, s.as_str())))
        .collect();
    upcoming.sort();
    Followup {
        overdue: overdue.into_iter().map(|(_, s)| s.to_string()).collect(),
        upcoming: upcoming.into_iter().map(|(_, s)| s.to_string()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testutil::{AS_OF, customer, date, site};

    #[test]
    fn overdue_boundaries_are_exact() {
        let as_of = date(AS_OF);
        let cases = [
            (None, true),
            (Some(as_of.plus_days(-90)), false),
            (Some(as_of.plus_days(-91)), true),
            (Some(as_of), false),
            (Some(as_of.plus_days(3)), false),
        ];
        for (last, want) in cases {
            assert_eq!(is_overdue(last, as_of, 90), want, "{last:?}");
        }
        assert!(!is_overdue(Some(as_of), as_of, 0));
        assert!(is_overdue(Some(as_of.plus_days(-1)), as_of, 0));
    }

    #[test]
    fn upcoming_boundaries_are_exact() {
        let as_of = date(AS_OF);
        let cases = [
            (None, false),
            (Some(as_of.plus_days(-1)), false),
            (Some(as_of), true),
            (Some(as_of.plus_days(14)), true),
            (Some(as_of.plus_days(15)), false),
        ];
        for (next, want) in cases {
            assert_eq!(is_upcoming(next, as_of), want, "{next:?}");
        }
    }

    #[test]
    fn lists_are_ordered_as_the_spec_says() {
        let s = site(vec![
            ("a", customer("status: current\nlast_contact: 2026-01-10")),
            ("b", customer("status: current")),
            ("c", customer("status: current\nlast_contact: 2025-12-01")),
            ("d", customer("status: current\nlast_contact: 2026-01-10")),
            ("e", customer("status: current")),
            ("f", customer("status: current\nlast_contact: 2026-08-24")),
            ("g", customer("status: former")),
            ("h", customer("status: prospect\nnext_visit: 2026-12-06")),
            (
                "i",
                customer("status: current\nnext_visit: 2026-11-22\nlast_contact: 2026-11-01"),
            ),
            ("j", customer("status: former\nnext_visit: 2026-11-30")),
            (
                "k",
                customer("status: current\nnext_visit: 2026-11-30\nlast_contact: 2026-11-01"),
            ),
            (
                "l",
                customer("status: current\nnext_visit: 2026-12-07\nlast_contact: 2026-11-01"),
            ),
            (
                "m",
                customer("status: current\nnext_visit: 2026-11-21\nlast_contact: 2026-11-01"),
            ),
        ]);
        let f = analyze(&s.customers, date(AS_OF), 90);
        // f: exactly 90 days before as_of, not overdue; g: not current
        assert_eq!(f.overdue, ["b", "e", "c", "a", "d"]);
        assert_eq!(f.upcoming, ["i", "j", "k", "h"]);
    }

    #[test]
    fn no_customers_no_lists() {
        assert_eq!(analyze(&[], date(AS_OF), 90), Followup::default());
    }
}
