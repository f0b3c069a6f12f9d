//! The typed content model: serde types, one file per entity, with
//! `deny_unknown_fields` everywhere. These are the raw files as written;
//! `check` turns a loaded set of them into a [`Site`] whose invariants hold.

pub mod company;
pub mod competitor;
pub mod customer;
pub mod page;
/// The value types (dates, scores, money) live at the top of the crate, where
/// `config` uses them too without depending on the model.
pub use crate::scalars;
pub mod swot;

pub use company::Company;
pub use competitor::Competitor;
pub use customer::Customer;
pub use page::Page;

use crate::config::Config;

/// A loaded, checked site: everything analysis and rendering need.
/// Customers and competitors are sorted by slug.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub company: Company,
    pub customers: Vec<(String, std::sync::Arc<Customer>)>,
    pub competitors: Vec<(String, Competitor)>,
    pub pages: Vec<Page>,
}
