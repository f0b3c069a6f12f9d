//! `content/pages/**/*.md`: free pages with YAML front matter.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Shown in the navigation and as the page heading.
    pub title: String,
    #[serde(default)]
    /// Pages are listed by weight, smallest first, then by path (default 0).
    pub weight: i64,
}

/// A free page: its front matter, Markdown body and route (`pages/a/b`).
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub route: String,
    pub front: FrontMatter,
    pub body: String,
}
