//! The SWOT block shared by the company, customers and competitors.

use super::scalars::Score10;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One SWOT item: a statement and its weight from 0 to 10.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SwotItem {
    pub text: String,
    pub score: Score10,
}

/// The four quadrants; each is empty when left out.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SwotInput {
    #[serde(default)]
    pub strengths: Vec<SwotItem>,
    #[serde(default)]
    pub weaknesses: Vec<SwotItem>,
    #[serde(default)]
    pub opportunities: Vec<SwotItem>,
    #[serde(default)]
    pub threats: Vec<SwotItem>,
}
