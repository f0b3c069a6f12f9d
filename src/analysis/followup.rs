//! Follow-up of visits: who is overdue, who is to be visited soon.

use crate::model::scalars::Date;

/// Overdue: no `last_contact`, or more than `followup_days` days before `as_of`.
pub fn is_overdue(last_contact: Option<Date>, as_of: Date, followup_days: u32) -> bool {
    match last_contact {
        None => true,
        Some(d) => d.days_until(as_of) > i64::from(followup_days),
    }
}
