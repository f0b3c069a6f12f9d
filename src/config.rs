//! `dossier.yaml`: site settings, every key with a default.

use crate::scalars::{Date, Score5, Share, Weight};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub title: String,
    pub language: String,
    pub base_url: BaseUrl,
    pub theme: String,
    pub currency: String,
    pub as_of: Option<Date>,
    pub followup_days: u32,
    pub value_model: ValueModel,
    pub abc: AbcConfig,
    pub loyalty: LoyaltyConfig,
    pub relationship: RelationshipConfig,
    pub history: HistoryConfig,
    /// How the spreadsheets of `content/data/` are read, by file name.
    pub data: std::collections::BTreeMap<String, DataFile>,
    /// Issue 12: days an open complaint may stay open before it is a
    /// watchlist risk.
    pub complaint_days: u32,
    /// Issue 12: the contact cadence.
    pub cadence: CadenceConfig,
    /// Rows per page of the customer table and the full lists (like
    /// Zola's `paginate_by`).
    pub paginate_by: u32,
    /// Which pages get a Markdown copy: `site` (the dashboard, company,
    /// competitors, owners, regions and changes) or `all` (also every
    /// customer's dossier: one more file per customer).
    pub markdown: MarkdownCopies,
    /// Issue 13: the portrait of our best customers.
    pub portrait: PortraitConfig,
}

/// Which pages get a Markdown copy under `markdown/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MarkdownCopies {
    /// The site-level pages only.
    #[default]
    Site,
    /// The site-level pages and every customer's dossier.
    All,
}

/// Issue 13: how the portrait of our best customers groups sizes.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct PortraitConfig {
    /// The head counts (`size.employees`) at which the small, medium and
    /// large bands begin; below the first is micro. The default follows
    /// China's 2011 classification of industrial enterprises.
    pub size_bands: [u64; 3],
}

impl Default for PortraitConfig {
    fn default() -> Self {
        PortraitConfig {
            size_bands: [20, 300, 1000],
        }
    }
}

/// Issue 12: how often each habit of continuous operation is due.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CadenceConfig {
    /// Days between regular visits by value tier name or relationship
    /// class; a customer matching several takes the shortest, one matching
    /// none takes `followup_days`.
    pub regular_days: std::collections::BTreeMap<String, u32>,
    /// Days within which a stimulation visit is expected.
    pub stimulation_days: u32,
}

impl Default for CadenceConfig {
    fn default() -> Self {
        CadenceConfig {
            regular_days: std::collections::BTreeMap::new(),
            stimulation_days: 180,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Customer analysis".into(),
            language: "en".into(),
            base_url: BaseUrl("/".into()),
            theme: "default".into(),
            currency: "CNY".into(),
            as_of: None,
            followup_days: 90,
            value_model: ValueModel::default(),
            abc: AbcConfig::default(),
            loyalty: LoyaltyConfig::default(),
            relationship: RelationshipConfig::default(),
            history: HistoryConfig::default(),
            complaint_days: 14,
            cadence: CadenceConfig::default(),
            portrait: PortraitConfig::default(),
            data: Default::default(),
            paginate_by: 200,
            markdown: MarkdownCopies::Site,
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub financial: Weight,
    pub sales: Weight,
    pub customer: Weight,
    pub service: Weight,
}

impl Weights {
    pub fn sum(&self) -> f64 {
        self.financial.0 + self.sales.0 + self.customer.0 + self.service.0
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TierDef {
    pub name: String,
    pub min_score: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ValueModel {
    pub weights: Weights,
    pub tiers: Vec<TierDef>,
}

impl Default for ValueModel {
    fn default() -> Self {
        let tier = |name: &str, min_score| TierDef {
            name: name.into(),
            min_score,
        };
        ValueModel {
            weights: Weights {
                financial: Weight(0.3),
                sales: Weight(0.3),
                customer: Weight(0.2),
                service: Weight(0.2),
            },
            tiers: vec![
                tier("platinum", 8.0),
                tier("gold", 6.5),
                tier("iron", 4.5),
                tier("lead", 0.0),
            ],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AbcIndicator {
    Revenue,
    Profit,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AbcConfig {
    #[serde(default = "default_indicator")]
    pub indicator: AbcIndicator,
    #[serde(default = "default_a")]
    pub a: Share,
    #[serde(default = "default_b")]
    pub b: Share,
}

fn default_indicator() -> AbcIndicator {
    AbcIndicator::Revenue
}
fn default_a() -> Share {
    Share(0.8)
}
fn default_b() -> Share {
    Share(0.95)
}

impl Default for AbcConfig {
    fn default() -> Self {
        AbcConfig {
            indicator: default_indicator(),
            a: default_a(),
            b: default_b(),
        }
    }
}

/// The cut-offs of the satisfaction-loyalty matrix, each from 1 to 5, with
/// terrorist <= satisfied <= apostle.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct LoyaltyConfig {
    /// Loyalty at or above it is loyal.
    pub threshold: Score5,
    /// Satisfaction at or above it makes a loyal customer an apostle.
    pub apostle: Score5,
    /// Satisfaction at or above it: loyalist (loyal) or mercenary (not).
    pub satisfied: Score5,
    /// Satisfaction below it makes a disloyal customer a terrorist.
    pub terrorist: Score5,
}

impl Default for LoyaltyConfig {
    fn default() -> Self {
        LoyaltyConfig {
            threshold: Score5(3.5),
            apostle: Score5(4.5),
            satisfied: Score5(3.5),
            terrorist: Score5(2.0),
        }
    }
}

/// Relationship classes: when a customer is losing value.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct RelationshipConfig {
    /// A fall of at least this share of the previous period's profit is
    /// "losing value"; strictly between 0 and 1.
    pub decline: Share,
}

impl Default for RelationshipConfig {
    fn default() -> Self {
        RelationshipConfig {
            decline: Share(0.10),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HistoryConfig {
    pub baseline: Option<String>,
}

/// `--base-url` from the command line; it wins over the file.
static BASE_URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets the `--base-url` given on the command line (once per process).
pub fn override_base_url(url: Option<String>) {
    if let Some(url) = url {
        let _ = BASE_URL.set(url);
    }
}

impl Config {
    /// The settings with the command line's overrides applied.
    pub fn with_overrides(mut self) -> Self {
        if let Some(url) = BASE_URL.get() {
            self.base_url = BaseUrl(url.clone());
        }
        self
    }

    /// The analysis date: `as_of`, else SOURCE_DATE_EPOCH, else today (UTC).
    pub fn as_of(&self) -> Date {
        if let Some(d) = self.as_of {
            return d;
        }
        let now = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|secs| time::OffsetDateTime::from_unix_timestamp(secs).ok())
            .unwrap_or_else(time::OffsetDateTime::now_utc);
        Date(now.date())
    }
}

/// `base_url`: an `http://` or `https://` URL, or a path (`/`,
/// `/reports/`). Anything else (`javascript:…`, `data:…`, `//host`, text
/// with spaces or quotes) would end up in the links of `404.html`, so it is
/// refused where it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct BaseUrl(String);

/// `--base-url` checked like `base_url` in dossier.yaml (for clap).
pub fn parse_base_url(s: &str) -> Result<String, String> {
    match BaseUrl::problem(s) {
        None => Ok(s.to_string()),
        Some(why) => Err(format!(
            "{why}; write an http(s) URL such as https://example.com/dossiers/ or a path such as /dossiers/"
        )),
    }
}

impl std::ops::Deref for BaseUrl {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl BaseUrl {
    /// Why `s` is not a base URL, or `None` when it is one.
    pub fn problem(s: &str) -> Option<&'static str> {
        let lower = s.to_ascii_lowercase();
        let rest = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"));
        if s.chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`".contains(c))
        {
            return Some("it may not hold spaces, quotes, `<`, `>` or backslashes");
        }
        match rest {
            Some(host) if host.is_empty() || host.starts_with('/') => {
                Some("an http(s) URL names a host, as in https://example.com/")
            }
            Some(_) => None,
            None if s.starts_with("//") => {
                Some("write the scheme: https://host/ rather than //host/")
            }
            None if s.contains(':') => Some(
                "only http:// and https:// URLs, or paths such as / or /reports/, are accepted",
            ),
            None => None,
        }
    }
}

impl<'de> Deserialize<'de> for BaseUrl {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Checked inside the visitor, so the error points at the value.
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = BaseUrl;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an http(s) URL or a path")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<BaseUrl, E> {
                match BaseUrl::problem(s) {
                    Some(why) => Err(E::custom(format!("`{s}` is not accepted: {why}"))),
                    None => Ok(BaseUrl(s.to_string())),
                }
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod base_url_tests {
    use super::BaseUrl;

    #[test]
    fn base_url_accepts_only_http_urls_and_paths() {
        for ok in [
            "/",
            "/reports/",
            "https://example.com/",
            "HTTP://intra.local:8080/x",
            "reports/",
        ] {
            assert_eq!(BaseUrl::problem(ok), None, "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,x",
            "//evil.example/",
            "https://",
            "/a\"onmouseover=\"x",
            "/a b",
            "file:///etc/",
        ] {
            assert!(BaseUrl::problem(bad).is_some(), "{bad}");
        }
    }
}

/// How one file of `content/data/` is read (`data:` in dossier.yaml,
/// keyed by the file name): which header names which column, and the
/// period of every row when the file has no period column. `sheets`
/// overrides these for one sheet of a workbook.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct DataFile {
    pub period: Option<crate::model::scalars::Label>,
    pub columns: DataColumns,
    pub sheets: std::collections::BTreeMap<String, DataSheet>,
}

/// The settings of one sheet of a workbook.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct DataSheet {
    pub period: Option<crate::model::scalars::Label>,
    pub columns: DataColumns,
    /// True to leave the sheet out (notes, pivot tables).
    pub skip: bool,
}

/// The header text of each column; an unset one is found by its English
/// or Chinese default header (docs/format.md, "Spreadsheets").
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct DataColumns {
    pub customer: Option<String>,
    pub period: Option<String>,
    pub revenue: Option<String>,
    pub profit: Option<String>,
    pub orders: Option<String>,
    pub revenue_target: Option<String>,
    pub profit_target: Option<String>,
}
