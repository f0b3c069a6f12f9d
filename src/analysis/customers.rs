//! Customer-side analyses gathered per customer and for the portfolio.

use crate::model::Site;
use crate::model::customer::Status;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct CustomerAnalysis {
    pub status: Status,
}

#[derive(Debug, Clone, Serialize)]
pub struct CustomerSide {
    pub customers: BTreeMap<String, CustomerAnalysis>,
}

pub fn analyze(site: &Site) -> CustomerSide {
    CustomerSide {
        customers: site
            .customers
            .iter()
            .map(|(s, c)| (s.clone(), CustomerAnalysis { status: c.status }))
            .collect(),
    }
}
