//! `content/competitors/<slug>.yaml`.

use super::scalars::Share;
use super::swot::SwotInput;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A competitor as written in its file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Competitor {
    /// The full name, unique among competitors.
    pub name: String,
    /// Who they are and how they compete (Markdown).
    pub summary: Option<String>,
    /// Their share of the market, from 0 to 1: 0.12 for 12%.
    pub market_share: Option<Share>,
    /// How they price, as text: "1,200 CNY per learner per year".
    pub pricing: Option<String>,
    /// Strengths, weaknesses, opportunities and threats, each item with a score from 0 to 10; `swot: {}` when not yet analysed.
    pub swot: SwotInput,
    /// Anything else (Markdown).
    pub notes: Option<String>,
}
