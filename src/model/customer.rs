//! `content/customers/<slug>.yaml`.

use super::scalars::{Amount, Count, Date, Label, Money, Score5, Score10};
use super::swot::SwotInput;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a customer stands with us.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Prospect,
    Current,
    Former,
    Blacklisted,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Prospect => "prospect",
            Status::Current => "current",
            Status::Former => "former",
            Status::Blacklisted => "blacklisted",
        }
    }
}

/// How we found the customer (the identification methods).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Canvassing,
    Advertising,
    Referral,
    Records,
    Fair,
    Consulting,
    Agent,
    Web,
    Other,
}

/// The kind of market the customer belongs to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Market {
    Consumer,
    Producer,
    Intermediary,
    Government,
    International,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Size {
    pub employees: Option<Count>,
    pub revenue: Option<Money>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub scope: Option<String>,
    pub supply: Option<String>,
    pub strategy: Option<String>,
    pub process: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Business {
    #[serde(default)]
    pub profit_points: Vec<String>,
    #[serde(default)]
    pub growth_points: Vec<String>,
    #[serde(default)]
    pub difficulties: Vec<String>,
}

/// Our business with the customer in one period.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub period: Label,
    pub revenue: Money,
    pub profit: Money,
    pub orders: Option<Count>,
}

/// What we aim to sell the customer in one period: revenue, and profit if
/// wanted, each 0 or more.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub period: Label,
    pub revenue: Amount,
    pub profit: Option<Amount>,
}

/// The four aspects of the customer value scorecard.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValueInput {
    pub financial: Score10,
    pub sales: Score10,
    pub customer: Score10,
    pub service: Score10,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    High,
    Low,
}

/// MAN qualification: money, authority, need.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ManInput {
    pub money: Level,
    pub authority: Level,
    pub need: Level,
}

/// The highest level of the trust pyramid reached, bottom to top.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Trust {
    Security,
    Value,
    Dependence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Objection {
    Deflecting,
    NoNeed,
    NoMoney,
    NoTime,
    BurnedBefore,
    Hesitating,
    TooExpensive,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    DecisionMaker,
    Influencer,
    User,
    Gatekeeper,
    Coach,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Disc {
    D,
    I,
    S,
    C,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub title: Option<String>,
    pub role: Role,
    pub disc: Option<Disc>,
    pub notes: Option<String>,
    /// Issue 12: our information sentinel (信息暗哨) inside the customer.
    #[serde(default)]
    pub sentinel: bool,
    // Issue 13 (information completeness): the contact's personal side.
    /// Where the contact stands towards us.
    pub stance: Option<Stance>,
    /// How much weight the contact carries in the decision.
    pub influence: Option<Level>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deal {
    pub plan: Option<String>,
    pub timeline: Option<String>,
    pub budget: Option<Money>,
    #[serde(default)]
    pub competitors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pain {
    pub scenario: String,
    pub problem: String,
    pub pain: String,
    pub guidance: String,
    /// Issue 13: the name of our product (in the company file) that
    /// answers this pain.
    pub product: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    pub date: Date,
    pub by: Option<String>,
    pub notes: Option<String>,
    /// Issue 12: which habit of continuous operation the contact served.
    pub kind: Option<VisitKind>,
    /// Issue 12: how information was gathered.
    pub method: Option<VisitMethod>,
}

// Issue 12: complaints and the problem-solving model (seed 004).

/// The answers recorded at the middle steps of the problem-solving model,
/// each free text; a step without an answer is not reached yet.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComplaintAnswers {
    /// Would doing what the customer wants make up for the loss?
    pub makes_up: Option<String>,
    /// Can we provide what the customer wants?
    pub we_provide: Option<String>,
    /// Can someone else provide it?
    pub others_provide: Option<String>,
    /// What are the alternatives (and were they contacted)?
    pub alternatives: Option<String>,
    /// Do both sides agree on a solution?
    pub agreed: Option<String>,
}

/// One complaint of a customer, worked through the problem-solving model.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Complaint {
    pub opened: Date,
    /// What the problem really is (the first step).
    pub problem: String,
    /// What the customer really wants (the second step).
    pub wants: Option<String>,
    #[serde(default)]
    pub answers: ComplaintAnswers,
    /// Who it was escalated to when the sides did not agree.
    pub escalated_to: Option<String>,
    /// Whether the customer is satisfied with the solution.
    pub satisfied: Option<bool>,
    /// The solution as recorded (the last step).
    pub solution: Option<String>,
    pub closed: Option<Date>,
}

/// Issue 12: the habit of continuous operation (持续经营) a visit served.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum VisitKind {
    /// 定期拜访
    Regular,
    /// 礼尚往来
    Reciprocity,
    /// 主动刺激
    Stimulation,
    Complaint,
    Presentation,
    Other,
}

/// Issue 12: how information was gathered on a visit.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum VisitMethod {
    Enquiry,
    AskingAround,
    Observation,
    Interview,
}

// Issue 13 (information completeness): the types of the fields above.

/// Where a contact stands towards us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Supporter,
    Neutral,
    Opponent,
}

/// The customer's organisation: its structure and how it decides.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// The structure (departments, reporting lines), in free text.
    pub structure: Option<String>,
    /// The stages of a purchase decision, in order.
    #[serde(default)]
    pub decision_process: Vec<String>,
}

/// Credit and payment behaviour.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    /// The agreed payment terms, in days.
    pub terms_days: Option<Count>,
    /// How many days they actually take to pay, on average.
    pub days_to_pay: Option<Count>,
    pub notes: Option<String>,
}

/// The four-step presentation plan (seed 001 呈现四部曲: 行业—公司—产品—团队).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Presentation {
    /// Step 1: our insight into the customer's industry.
    pub industry: Option<String>,
    /// Step 2: the proof points about our company to use.
    #[serde(default)]
    pub company: Vec<String>,
    /// Step 3: the products to present, by name.
    #[serde(default)]
    pub products: Vec<Presented>,
    /// Step 4: the team members who will serve them.
    #[serde(default)]
    pub team: Vec<String>,
}

/// A product to present, with what is specific to this customer.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Presented {
    /// The product's `name` in content/company.yaml.
    pub product: String,
    /// The benefit for this customer (instead of the product's general one).
    pub benefit: Option<String>,
    /// Evidence that speaks to this customer.
    pub evidence: Option<String>,
}

/// Issue 12: the six loyalty behaviour categories of seed 004
/// (顧客忠誠分類): long-term customers, occasional customers, non-users.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LoyaltyCategory {
    /// 仍将继续使用产品或服务的长期忠诚顾客: will keep buying.
    LongTermLoyal,
    /// 可能会转向其它品牌的长期客户: may switch to another brand.
    LongTermSwitching,
    /// 如果鼓励措施合适可能会增加消费的临时顾客: may buy more.
    OccasionalMore,
    /// 如果竞争者的鼓励措施合适可能会减少消费的临时客户: may buy less.
    OccasionalLess,
    /// 可能成为顾客的不使用者: may become a customer.
    NonUserPotential,
    /// 不可能成为顾客的不使用者: will never become a customer.
    NonUserNever,
}

/// Issue 12: the degrees of closeness of the relationship continuum of
/// seed 004 (关系连续流, 亲密化程度), most distant first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Closeness {
    /// 分散: scattered, no relationship to speak of.
    Scattered,
    /// 疏远: distant.
    Distant,
    /// 纯交易: pure transaction.
    Transaction,
    /// 顾客与公司亲密的工作关系: a close working relationship.
    Working,
    /// 亲密: intimacy.
    Intimate,
}

/// A customer as written in its file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    pub name: String,
    pub status: Status,
    pub reason: Option<String>,
    pub reason_code: Option<String>,
    pub source: Option<Source>,
    pub market: Market,
    pub industry: Option<String>,
    pub region: Option<String>,
    /// The account manager responsible for the customer; a customer without
    /// one is "unassigned".
    pub owner: Option<String>,
    pub size: Option<Size>,
    pub profile: Option<Profile>,
    pub business: Option<Business>,
    #[serde(default)]
    pub needs: Vec<String>,
    #[serde(default)]
    pub price_only: bool,
    #[serde(default)]
    pub metrics: Vec<Metric>,
    /// What we aim to sell them, one entry per period; only the target of
    /// the latest `metrics` period is measured.
    #[serde(default)]
    pub targets: Vec<Target>,
    pub value: Option<ValueInput>,
    pub satisfaction: Option<Score5>,
    pub loyalty: Option<Score5>,
    pub man: Option<ManInput>,
    pub trust: Option<Trust>,
    pub objection: Option<Objection>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    pub deal: Option<Deal>,
    #[serde(default)]
    pub pains: Vec<Pain>,
    pub swot: Option<SwotInput>,
    pub last_contact: Option<Date>,
    pub next_visit: Option<Date>,
    #[serde(default)]
    pub visits: Vec<Visit>,
    pub notes: Option<String>,
    // Issue 12: relationship management.
    #[serde(default)]
    pub complaints: Vec<Complaint>,
    // Issue 13 (information completeness, seed 001 客户信息 / seed 002
    // 基礎資料, 交易現狀): what a manager must know beyond the above.
    /// When we began doing business with the customer.
    pub since: Option<Date>,
    /// The customer's position in its own market, in the manager's words.
    pub market_position: Option<String>,
    /// How the customer is organised and decides.
    pub organisation: Option<Organisation>,
    /// Credit and payment behaviour.
    pub credit: Option<Credit>,
    /// Issue 13: the four-step presentation (industry, company, product,
    /// team).
    pub presentation: Option<Presentation>,
    // Issue 12 (seed 004, 客戶忠誠度分析): loyalty behaviour and closeness.
    /// Which of the six loyalty behaviour categories the customer is in.
    pub loyalty_category: Option<LoyaltyCategory>,
    /// How close the relationship is on the relationship continuum.
    pub closeness: Option<Closeness>,
}

impl Customer {
    /// The last entry of `metrics` (oldest first), if any.
    pub fn latest(&self) -> Option<&Metric> {
        self.metrics.last()
    }
    /// Latest-period revenue; 0 without metrics.
    pub fn latest_revenue(&self) -> f64 {
        self.latest().map_or(0.0, |m| m.revenue.0)
    }
    /// Latest-period profit; 0 without metrics.
    pub fn latest_profit(&self) -> f64 {
        self.latest().map_or(0.0, |m| m.profit.0)
    }
    /// The target for the latest `metrics` period, if one is set.
    pub fn latest_target(&self) -> Option<&Target> {
        let period = &self.latest()?.period;
        self.targets.iter().find(|t| &t.period == period)
    }
}

/// Overdue for a visit: no `last_contact`, or more than `followup_days`
/// days before `as_of`. The one rule behind `check`'s warning and the
/// follow-up analysis, so both agree.
pub fn is_overdue(last_contact: Option<Date>, as_of: Date, followup_days: u32) -> bool {
    match last_contact {
        None => true,
        Some(d) => d.days_until(as_of) > i64::from(followup_days),
    }
}
