//! `content/competitors/<slug>.yaml`.

use super::scalars::Share;
use super::swot::SwotInput;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A competitor as written in its file.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Competitor {
    pub name: String,
    pub summary: Option<String>,
    pub market_share: Option<Share>,
    pub pricing: Option<String>,
    pub swot: SwotInput,
    pub notes: Option<String>,
}
