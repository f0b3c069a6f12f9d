//! Our own company: every framework of `company.yaml`.

use super::swot::{self, Swot};
use crate::model::Company;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct CompanyAnalysis {
    pub swot: Option<Swot>,
}

pub fn analyze(company: &Company) -> CompanyAnalysis {
    CompanyAnalysis {
        swot: company.swot.as_ref().map(swot::score),
    }
}
