//! The SWOT block shared by the company, customers and competitors.

use super::scalars::Score10;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One SWOT item: a statement and its weight from 0 to 10.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SwotItem {
    /// What the strength, weakness, opportunity or threat is.
    pub text: String,
    /// How much it weighs, from 0 to 10.
    pub score: Score10,
}

/// The four quadrants; each is empty when left out.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SwotInput {
    #[serde(default)]
    /// Internal: what they do well.
    pub strengths: Vec<SwotItem>,
    #[serde(default)]
    /// Internal: what they do badly.
    pub weaknesses: Vec<SwotItem>,
    #[serde(default)]
    /// External: what could help them.
    pub opportunities: Vec<SwotItem>,
    #[serde(default)]
    /// External: what could hurt them.
    pub threats: Vec<SwotItem>,
}
