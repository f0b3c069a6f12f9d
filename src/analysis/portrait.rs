//! The portrait of our best customers (seed 000 Porträts alter Kunden, 老客户
//!画像) and prospects ranked by how closely they match it and the focus.
//!
//! Best customers are current customers of ABC class A or in the top value
//! tier. The portrait is, for each attribute (market, industry, region,
//! size band, source), the value most of them share. A prospect earns one
//! point for each portrait value it shares, plus one for being inside the
//! strategy's focus; the reasons name the attributes and how many best
//! customers share all of them. Not here: who is current or class A (the
//! caller decides from the other frameworks), and any wording.

use super::focus::Fit;
use crate::model::Customer;
use serde::Serialize;
use std::collections::BTreeMap;

/// Below this many best customers there is no portrait.
pub const MIN_BEST: usize = 2;
/// A value is a trait of the portrait only when at least this many best
/// customers share it.
pub const MIN_SHARED: u32 = 2;

/// What the portrait compares, in the order it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribute {
    Market,
    Industry,
    Region,
    SizeBand,
    Source,
}

impl Attribute {
    pub const ALL: [Attribute; 5] = [
        Attribute::Market,
        Attribute::Industry,
        Attribute::Region,
        Attribute::SizeBand,
        Attribute::Source,
    ];

    /// The key used in the export and in label names.
    pub fn key(self) -> &'static str {
        match self {
            Attribute::Market => "market",
            Attribute::Industry => "industry",
            Attribute::Region => "region",
            Attribute::SizeBand => "size_band",
            Attribute::Source => "source",
        }
    }

    /// The playbook section whose entries name this attribute's values;
    /// `None` for free text (industry, region), shown as written.
    pub fn playbook(self) -> Option<&'static str> {
        match self {
            Attribute::Market => Some("market"),
            Attribute::SizeBand => Some("size_band"),
            Attribute::Source => Some("source"),
            Attribute::Industry | Attribute::Region => None,
        }
    }
}

/// How large a customer is, by employees (`size.employees`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeBand {
    Micro,
    Small,
    Medium,
    Large,
}

/// The band of `employees`: `bands` are the head counts at which small,
/// medium and large begin.
pub fn size_band(employees: u64, bands: [u64; 3]) -> SizeBand {
    match bands.iter().filter(|&&b| employees >= b).count() {
        0 => SizeBand::Micro,
        1 => SizeBand::Small,
        2 => SizeBand::Medium,
        _ => SizeBand::Large,
    }
}

/// One attribute's value as compared (`key`) and as shown (`shown`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub key: String,
    pub shown: String,
}

/// A customer's values of the attributes, in [`Attribute::ALL`] order;
/// `None` where not recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile(pub [Option<Value>; 5]);

fn keyed<T: Serialize>(v: T) -> Option<Value> {
    let key = serde_json::to_value(v).ok()?.as_str()?.to_string();
    Some(Value {
        shown: key.clone(),
        key,
    })
}

/// Free text compared ignoring case and surrounding space; `cut_remark`
/// also ignores a remark in parentheses (`Public administration
/// (industrial park)` is `Public administration`).
fn text(s: Option<&str>, cut_remark: bool) -> Option<Value> {
    let s = s?.trim();
    let head = if cut_remark {
        s.split('(').next().unwrap_or(s).trim()
    } else {
        s
    };
    let shown = if head.is_empty() { s } else { head };
    (!shown.is_empty()).then(|| Value {
        key: shown.to_lowercase(),
        shown: shown.to_string(),
    })
}

/// What the portrait compares of `c`.
pub fn profile(c: &Customer, bands: [u64; 3]) -> Profile {
    Profile([
        keyed(c.market),
        text(c.industry.as_deref(), true),
        text(c.region.as_deref(), false),
        c.size
            .as_ref()
            .and_then(|s| s.employees)
            .and_then(|e| keyed(size_band(e, bands))),
        c.source.and_then(keyed),
    ])
}

/// A best customer as the portrait sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Best {
    pub slug: String,
    pub profile: Profile,
    /// Latest revenue; breaks ties between equally common values.
    pub revenue: f64,
}

/// One attribute of the portrait.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trait {
    pub attribute: Attribute,
    /// The value most best customers share, as written by the first of
    /// them (a key for market, size band and source); `null` when no value
    /// is shared by [`MIN_SHARED`].
    pub value: Option<String>,
    /// How many best customers have it (0 without a value).
    pub customers: u32,
    /// `customers` over all best customers.
    pub share: f64,
    #[serde(skip)]
    key: Option<String>,
}

/// The portrait of our best customers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Portrait {
    /// The best customers, by slug.
    pub best: Vec<String>,
    /// One per attribute in order; empty with fewer than [`MIN_BEST`]
    /// best customers (no portrait).
    pub traits: Vec<Trait>,
    #[serde(skip)]
    profiles: Vec<Profile>,
    /// How many best customers share each combination of values, by the
    /// set of attributes (a bit mask) and their keys: built once, so that
    /// counting a prospect's lookalikes does not scan every best customer
    /// (which made ranking quadratic in the portfolio).
    #[serde(skip)]
    lookalikes: std::sync::OnceLock<Vec<std::collections::HashMap<Vec<String>, u32>>>,
}

impl Portrait {
    /// For every set of attributes (bit `i` for `Attribute::ALL[i]`), the
    /// best customers by their values of those attributes (in attribute
    /// order); a best customer without one of the values is not counted
    /// for that set.
    fn lookalike_index(&self) -> &[std::collections::HashMap<Vec<String>, u32>] {
        self.lookalikes.get_or_init(|| {
            let n = Attribute::ALL.len();
            let mut index = vec![std::collections::HashMap::new(); 1 << n];
            for b in &self.profiles {
                for (mask, map) in index.iter_mut().enumerate().skip(1) {
                    let key: Option<Vec<String>> = (0..n)
                        .filter(|i| mask & (1 << i) != 0)
                        .map(|i| b.0[i].as_ref().map(|v| v.key.clone()))
                        .collect();
                    if let Some(key) = key {
                        *map.entry(key).or_insert(0) += 1;
                    }
                }
            }
            index
        })
    }

    /// Whether there are enough best customers to draw one.
    pub fn drawn(&self) -> bool {
        !self.traits.is_empty()
    }
}

/// The most common value of attribute `i`: most customers, then most
/// revenue, then the first key in alphabetical order.
fn most_common(best: &[Best], i: usize) -> (Option<Value>, u32) {
    let mut tally: BTreeMap<&str, (u32, f64, &Value)> = BTreeMap::new();
    for b in best {
        if let Some(v) = &b.profile.0[i] {
            let e = tally.entry(v.key.as_str()).or_insert((0, 0.0, v));
            e.0 += 1;
            e.1 += b.revenue.max(0.0);
        }
    }
    let mut top: Option<(u32, f64, &Value)> = None;
    for (_, e) in tally {
        if top.is_none_or(|t| e.0 > t.0 || (e.0 == t.0 && e.1 > t.1)) {
            top = Some(e);
        }
    }
    match top {
        Some((n, _, v)) if n >= MIN_SHARED => (Some(v.clone()), n),
        _ => (None, 0),
    }
}

/// The portrait of `best` (in slug order).
pub fn portrait(best: &[Best]) -> Portrait {
    let traits = if best.len() < MIN_BEST {
        Vec::new()
    } else {
        Attribute::ALL
            .iter()
            .enumerate()
            .map(|(i, &attribute)| {
                let (v, customers) = most_common(best, i);
                Trait {
                    attribute,
                    customers,
                    share: f64::from(customers) / best.len() as f64,
                    value: v.as_ref().map(|v| v.shown.clone()),
                    key: v.map(|v| v.key),
                }
            })
            .collect()
    };
    Portrait {
        best: best.iter().map(|b| b.slug.clone()).collect(),
        traits,
        profiles: best.iter().map(|b| b.profile.clone()).collect(),
        lookalikes: std::sync::OnceLock::new(),
    }
}

/// How closely a prospect matches the portrait and the focus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// One point per shared trait, plus one inside the focus.
    pub score: u32,
    /// The points there are: the portrait's traits, plus one when the
    /// strategy names a focus.
    pub max: u32,
    /// The attributes whose portrait value the prospect shares.
    pub shared: Vec<Attribute>,
    /// Best customers that share every one of `shared` with the prospect
    /// (0 when none is shared).
    pub lookalikes: u32,
    /// Whether the focus point was earned.
    pub focus: bool,
}

/// The match of a prospect with profile `p`; `None` when there is nothing
/// to match (no trait and no focus).
pub fn match_of(p: &Profile, portrait: &Portrait, focus: Option<Fit>) -> Option<Match> {
    let same = |i: usize, key: &str| p.0[i].as_ref().is_some_and(|v| v.key == key);
    let mut shared = Vec::new();
    let mut traits = 0;
    for (i, t) in portrait.traits.iter().enumerate() {
        if let Some(key) = &t.key {
            traits += 1;
            if same(i, key) {
                shared.push(i);
            }
        }
    }
    let max = traits + u32::from(focus.is_some());
    if max == 0 {
        return None;
    }
    let lookalikes = if shared.is_empty() {
        0
    } else {
        let mask = shared.iter().fold(0usize, |m, &i| m | (1 << i));
        let key: Vec<String> = shared
            .iter()
            .filter_map(|&i| p.0[i].as_ref().map(|v| v.key.clone()))
            .collect();
        portrait.lookalike_index()[mask]
            .get(&key)
            .copied()
            .unwrap_or(0)
    };
    let inside = focus == Some(Fit::In);
    Some(Match {
        score: shared.len() as u32 + u32::from(inside),
        max,
        shared: shared.iter().map(|&i| Attribute::ALL[i]).collect(),
        lookalikes,
        focus: inside,
    })
}

/// Prospects by match: highest score first, then most lookalikes, then
/// slug.
pub fn rank(matches: &[(&str, &Match)]) -> Vec<String> {
    let mut sorted = matches.to_vec();
    sorted.sort_by(|a, b| {
        b.1.score
            .cmp(&a.1.score)
            .then(b.1.lookalikes.cmp(&a.1.lookalikes))
            .then(a.0.cmp(b.0))
    });
    sorted.iter().map(|(s, _)| s.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testutil::customer;

    const BANDS: [u64; 3] = [20, 300, 1000];

    fn best(slug: &str, yaml: &str, revenue: f64) -> Best {
        Best {
            slug: slug.into(),
            profile: profile(&customer(&format!("status: current\n{yaml}")), BANDS),
            revenue,
        }
    }

    fn prospect(yaml: &str) -> Profile {
        profile(&customer(&format!("status: prospect\n{yaml}")), BANDS)
    }

    #[test]
    fn size_bands_begin_at_their_head_counts() {
        let cases = [
            (0, SizeBand::Micro),
            (19, SizeBand::Micro),
            (20, SizeBand::Small),
            (299, SizeBand::Small),
            (300, SizeBand::Medium),
            (999, SizeBand::Medium),
            (1000, SizeBand::Large),
        ];
        for (employees, want) in cases {
            assert_eq!(size_band(employees, BANDS), want, "{employees}");
        }
    }

    #[test]
    fn text_is_compared_ignoring_case_space_and_an_industry_remark() {
        let a = prospect("industry: \" Public administration (industrial park)\"\nregion: hebei\n");
        let b = prospect("industry: public ADMINISTRATION\nregion: \"Hebei \"\n");
        assert_eq!(a.0[1].as_ref().unwrap().key, b.0[1].as_ref().unwrap().key);
        assert_eq!(a.0[1].as_ref().unwrap().shown, "Public administration");
        assert_eq!(a.0[2].as_ref().unwrap().key, b.0[2].as_ref().unwrap().key);
        let c = prospect("region: \"Hebei (Baoding)\"\n");
        assert_ne!(c.0[2], b.0[2], "a region keeps its remark");
        let bare = prospect("industry: \"(none)\"\nregion: \"  \"\n");
        assert_eq!(bare.0[1].as_ref().unwrap().shown, "(none)");
        assert_eq!(bare.0[2], None);
    }

    #[test]
    fn the_most_common_value_needs_two_customers_and_ties_go_to_revenue() {
        // Best customers (slug, YAML, revenue), then the values and counts.
        type Case<'a> = (
            &'a [(&'a str, &'a str, f64)],
            [Option<&'a str>; 5],
            [u32; 5],
        );
        let cases: [Case; 5] = [
            // One best customer: no portrait at all.
            (&[("a", "region: Hebei\n", 1.0)], [None; 5], [0; 5]),
            // Two, sharing only the (default) market: the other values are
            // held by one each.
            (
                &[
                    ("a", "region: Hebei\nsource: fair\n", 1.0),
                    ("b", "region: Jilin\nsource: web\n", 1.0),
                ],
                [Some("producer"), None, None, None, None],
                [2, 0, 0, 0, 0],
            ),
            // A 2-2 tie of regions goes to the pair with more revenue.
            (
                &[
                    ("a", "region: Hebei\n", 50.0),
                    ("b", "region: hebei\n", 50.0),
                    ("c", "region: Jilin\n", 150.0),
                    ("d", "region: Jilin\n", 10.0),
                ],
                [Some("producer"), None, Some("Jilin"), None, None],
                [4, 0, 2, 0, 0],
            ),
            // Equal counts and revenue: the first in alphabetical order,
            // spelt as its first customer wrote it.
            (
                &[
                    ("a", "region: jilin\nsize: { employees: 19 }\n", 5.0),
                    ("b", "region: Hebei\nsize: { employees: 20 }\n", 5.0),
                    ("c", "region: Jilin\nsize: { employees: 1 }\n", 5.0),
                    ("d", "region: hebei\nsize: { employees: 299 }\n", 5.0),
                ],
                [Some("producer"), None, Some("Hebei"), Some("micro"), None],
                [4, 0, 2, 2, 0],
            ),
            // Unrecorded values do not count; the share is over all.
            (
                &[
                    ("a", "industry: Steel (flat)\nsource: referral\n", 1.0),
                    ("b", "industry: steel\nsource: referral\n", 1.0),
                    ("c", "market: government\n", 1.0),
                    ("d", "market: government\n", 1.0),
                ],
                // Markets tie 2-2 at equal revenue: `government` comes first.
                [
                    Some("government"),
                    Some("Steel"),
                    None,
                    None,
                    Some("referral"),
                ],
                [2, 2, 0, 0, 2],
            ),
        ];
        for (best_of, values, counts) in cases {
            let bs: Vec<Best> = best_of.iter().map(|(s, y, r)| best(s, y, *r)).collect();
            let p = portrait(&bs);
            if bs.len() < MIN_BEST {
                assert!(!p.drawn() && p.traits.is_empty());
                continue;
            }
            let got: Vec<Option<&str>> = p.traits.iter().map(|t| t.value.as_deref()).collect();
            assert_eq!(got, values, "{best_of:?}");
            let got: Vec<u32> = p.traits.iter().map(|t| t.customers).collect();
            assert_eq!(got, counts, "{best_of:?}");
        }
        let p = portrait(&[
            best("a", "", 1.0),
            best("b", "", 1.0),
            best("c", "market: government\n", 1.0),
        ]);
        assert_eq!(p.traits[0].share, 2.0 / 3.0);
    }

    fn six() -> Portrait {
        // Four of six best customers are producers in Hebei; three of
        // them are large.
        portrait(&[
            best("a", "region: Hebei\nsize: { employees: 2000 }\n", 1.0),
            best("b", "region: Hebei\nsize: { employees: 1500 }\n", 1.0),
            best("c", "region: Hebei\nsize: { employees: 1200 }\n", 1.0),
            best("d", "region: Hebei\nsize: { employees: 50 }\n", 1.0),
            best("e", "market: government\nregion: Jilin\n", 1.0),
            best("f", "market: government\nregion: Jilin\n", 1.0),
        ])
    }

    #[test]
    fn a_prospect_earns_a_point_per_shared_trait_and_one_for_the_focus() {
        let p = six();
        let cases = [
            (
                "region: hebei\nsize: { employees: 1000 }\n",
                Some(Fit::In),
                (
                    4,
                    4,
                    vec![Attribute::Market, Attribute::Region, Attribute::SizeBand],
                    3,
                    true,
                ),
            ),
            (
                "region: Hebei\n",
                Some(Fit::Out),
                (2, 4, vec![Attribute::Market, Attribute::Region], 4, false),
            ),
            (
                "market: government\nregion: Jilin\nsize: { employees: 1000 }\n",
                None,
                (1, 3, vec![Attribute::SizeBand], 3, false),
            ),
            ("market: consumer\n", None, (0, 3, vec![], 0, false)),
        ];
        for (yaml, focus, (score, max, shared, lookalikes, inside)) in cases {
            let m = match_of(&prospect(yaml), &p, focus).unwrap();
            assert_eq!(
                (m.score, m.max, m.shared, m.lookalikes, m.focus),
                (score, max, shared, lookalikes, inside),
                "{yaml}"
            );
        }
        // No portrait and no focus: nothing to match.
        let none = portrait(&[best("a", "", 1.0)]);
        assert_eq!(match_of(&prospect(""), &none, None), None);
        // No portrait but a focus: the focus alone.
        let m = match_of(&prospect(""), &none, Some(Fit::In)).unwrap();
        assert_eq!((m.score, m.max), (1, 1));
    }

    #[test]
    fn prospects_rank_by_score_then_lookalikes_then_slug() {
        let m = |score, lookalikes| Match {
            score,
            max: 6,
            shared: Vec::new(),
            lookalikes,
            focus: false,
        };
        let (a, b, c, d) = (m(2, 1), m(3, 1), m(2, 4), m(2, 1));
        let got = rank(&[("d", &d), ("a", &a), ("b", &b), ("c", &c)]);
        assert_eq!(got, vec!["b", "c", "a", "d"]);
    }
}
