//! Test-only builders: small [`Site`] values from customer YAML snippets, so
//! that each analysis module's tests read like the content files they
//! stand for. Not used outside `#[cfg(test)]`.

use crate::config::Config;
use crate::model::scalars::Date;
use crate::model::{Customer, Site};

/// The analysis date every test site uses unless it sets its own.
pub const AS_OF: &str = "2026-11-22";

pub fn date(s: &str) -> Date {
    Date::parse(s).unwrap_or_else(|| panic!("bad test date {s}"))
}

/// Parses one customer file; `name` and `market` are filled in when left out.
pub fn customer(yaml: &str) -> Customer {
    let mut text = String::new();
    if !yaml.lines().any(|l| l.starts_with("name:")) {
        text.push_str("name: Test customer\n");
    }
    if !yaml.lines().any(|l| l.starts_with("market:")) {
        text.push_str("market: producer\n");
    }
    text.push_str(yaml);
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("bad test customer: {e}\n{text}"))
}

/// A customer with one period of metrics (`None`: no metrics at all).
pub fn with_sales(status: &str, sales: Option<(f64, f64)>) -> Customer {
    let metrics = match sales {
        Some((r, p)) => format!("metrics: [{{ period: \"2026\", revenue: {r}, profit: {p} }}]\n"),
        None => String::new(),
    };
    customer(&format!("status: {status}\n{metrics}"))
}

/// A current customer with one period of metrics.
pub fn current(revenue: f64, profit: f64) -> Customer {
    with_sales("current", Some((revenue, profit)))
}

/// A site with the default configuration (as of [`AS_OF`]) and these
/// customers, sorted by slug as `check` leaves them.
pub fn site(customers: Vec<(&str, Customer)>) -> Site {
    site_with(Config::default(), customers)
}

pub fn site_with(mut config: Config, customers: Vec<(&str, Customer)>) -> Site {
    if config.as_of.is_none() {
        config.as_of = Some(date(AS_OF));
    }
    let mut customers: Vec<(String, std::sync::Arc<Customer>)> = customers
        .into_iter()
        .map(|(s, c)| (s.to_string(), std::sync::Arc::new(c)))
        .collect();
    customers.sort_by(|a, b| a.0.cmp(&b.0));
    Site {
        config,
        company: serde_yaml::from_str("name: Us").expect("company"),
        customers,
        competitors: Vec::new(),
        pages: Vec::new(),
    }
}
