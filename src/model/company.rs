//! `content/company.yaml`: our own company. Only `name` is required; every
//! framework block is optional and shown as "not analysed yet" when absent.

use super::scalars::Score5;
use super::swot::SwotInput;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Company {
    /// Our company's name (the only required field).
    pub name: String,
    #[serde(rename = "type")]
    /// What kind of business we are, such as "Management training and consulting (B2B)".
    pub kind: Option<String>,
    /// Who we are (Markdown).
    pub summary: Option<String>,
    /// Our core products and services, each as Feature, Advantage, Benefit and Evidence (FABE).
    pub products: Option<Vec<Product>>,
    /// What we are best at.
    pub competencies: Option<Vec<String>>,
    /// What we want to achieve.
    pub goals: Option<Vec<String>>,
    /// Our focus and how we differ from competitors.
    pub strategy: Option<Strategy>,
    /// Where our products and services fall short of what customers need.
    pub gaps: Option<Gaps>,
    /// Our own SWOT, each item with a score from 0 to 10.
    pub swot: Option<SwotInput>,
    /// McKinsey 7S: shared values and six elements, each a strength or a weakness.
    pub seven_s: Option<SevenSInput>,
    /// BACK analysis: baggage, aspiration, culture and knowledge.
    pub back: Option<BackInput>,
    /// Who inside the company serves whom, and what they expect.
    pub internal_customers: Option<Vec<InternalCustomer>>,
    /// Political, economic, social, technological, legal and environmental factors.
    pub pestle: Option<PestleInput>,
    /// Groups with a stake in the company and what they need.
    pub stakeholders: Option<Vec<Stakeholder>>,
    /// Barriers to entry, likely entrants and substitutes.
    pub market: Option<MarketInput>,
    /// Porter's five forces, each with a level from 1 to 5.
    pub five_forces: Option<FiveForcesInput>,
    /// Organisational body language audit: departments rated E, S or N, and the industry comparison.
    pub obl: Option<OblInput>,
    /// Anything else (Markdown).
    pub notes: Option<String>,
}

/// A core product or service presented as FABE.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub name: String,
    pub feature: String,
    pub advantage: String,
    pub benefit: String,
    pub evidence: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    pub focus: Option<String>,
    pub differentiation: Option<String>,
    // Issue 13 (focus markets): what the focus names, each optional.
    /// The kinds of market we focus on.
    #[serde(default)]
    pub markets: Vec<super::customer::Market>,
    /// Industries we focus on: a customer's industry matches when it
    /// contains one of them, ignoring case.
    #[serde(default)]
    pub industries: Vec<String>,
    /// Regions we focus on, matched ignoring case.
    #[serde(default)]
    pub regions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    pub offering: String,
    pub need: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gaps {
    #[serde(default)]
    pub products: Vec<Gap>,
    #[serde(default)]
    pub services: Vec<Gap>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Assessment {
    Strength,
    Weakness,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Element {
    pub assessment: Assessment,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SevenSInput {
    pub shared_values: String,
    pub strategy: Element,
    pub structure: Element,
    pub systems: Element,
    pub style: Element,
    pub staff: Element,
    pub skills: Element,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Culture {
    Role,
    Power,
    Task,
    Person,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BackInput {
    pub baggage: Vec<String>,
    pub aspiration: Vec<String>,
    pub culture: Culture,
    pub culture_notes: Option<String>,
    pub knowledge: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InternalCustomer {
    pub from: String,
    pub to: String,
    pub expects: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    Positive,
    Negative,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    pub factor: String,
    pub impact: Impact,
    pub weight: Score5,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PestleInput {
    #[serde(default)]
    pub political: Vec<Factor>,
    #[serde(default)]
    pub economic: Vec<Factor>,
    #[serde(default)]
    pub social: Vec<Factor>,
    #[serde(default)]
    pub technological: Vec<Factor>,
    #[serde(default)]
    pub legal: Vec<Factor>,
    #[serde(default)]
    pub environmental: Vec<Factor>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StakeholderGroup {
    Customers,
    Shareholders,
    Government,
    Partners,
    Media,
    Other,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stakeholder {
    pub group: StakeholderGroup,
    pub name: String,
    pub needs: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarketInput {
    #[serde(default)]
    pub barriers: Vec<String>,
    #[serde(default)]
    pub entrants: Vec<String>,
    #[serde(default)]
    pub substitutes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Force {
    pub level: Score5,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FiveForcesInput {
    pub rivalry: Force,
    pub new_entrants: Force,
    pub substitutes: Force,
    pub buyer_power: Force,
    pub supplier_power: Force,
}

/// An OBL rating: Excellent, Satisfactory, Not good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
pub enum Rating {
    E,
    S,
    N,
}

impl Rating {
    pub fn points(self) -> u32 {
        match self {
            Rating::E => 2,
            Rating::S => 1,
            Rating::N => 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OblItem {
    pub criterion: String,
    pub rating: Rating,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub name: String,
    pub items: Vec<OblItem>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Industry {
    pub criteria: Vec<String>,
    /// Row key (`self` or a competitor slug) to one rating per criterion,
    /// in the order of the file.
    pub ratings: indexmap::IndexMap<String, Vec<Rating>>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OblInput {
    #[serde(default)]
    pub departments: Vec<Department>,
    pub industry: Option<Industry>,
}
