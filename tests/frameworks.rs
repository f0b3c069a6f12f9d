//! The exported numbers of every framework on a small site whose results
//! can be worked out by hand (spec/ANALYSIS.md).

mod common;
use common::TestSite;
use serde_json::{Value, json};

fn analysis() -> Value {
    let site = TestSite::fixture("frameworks");
    site.build().ok();
    serde_json::from_str(&site.output("data/analysis.json")).unwrap()
}

#[test]
fn company_frameworks_follow_the_rules() {
    let a = analysis();
    let c = &a["company"];
    assert_eq!(c["swot"]["internal"], -2);
    assert_eq!(
        c["swot"]["posture"], "WO",
        "no threats: external 0 counts as >= 0"
    );
    assert_eq!(c["seven_s"], json!({ "strengths": 3, "weaknesses": 3 }));
    assert_eq!(c["pestle"]["political"]["net"], 2);
    assert_eq!(c["pestle"]["economic"]["net"], -3);
    assert_eq!(
        c["pestle"]["legal"]["net"], 0,
        "a dimension without factors is 0"
    );
    assert_eq!(c["five_forces"]["pressure"], 3.2);
    let deps = &c["obl"]["departments"];
    assert_eq!(
        deps[0],
        json!({ "name": "Training", "e": 2, "s": 1, "n": 1, "score": 0.625 })
    );
    assert_eq!(deps[1]["score"], 0);
    let ranks: Vec<(Value, Value)> = c["obl"]["industry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["key"].clone(), r["rank"].clone()))
        .collect();
    assert_eq!(
        ranks,
        vec![
            (json!("self"), json!(1)),
            (json!("rival"), json!(1)),
            (json!("other"), json!(3))
        ]
    );
    assert_eq!(a["competitors"]["rival"]["swot"]["posture"], "SO");
}

#[test]
fn customer_rules_and_their_boundaries() {
    let a = analysis();
    let alpha = &a["customers"]["alpha"];
    assert_eq!(alpha["value"]["tier"], "platinum");
    assert_eq!(alpha["abc"], "A");
    assert_eq!(alpha["decile"], 1);
    assert_eq!(alpha["band"], 1);
    assert_eq!(alpha["relationship"], "retain");
    assert_eq!(alpha["loyalty"], "apostle");
    assert_eq!(alpha["man"], json!({ "combo": "MaN", "grade": "B" }));
    assert_eq!(
        alpha["overdue"], false,
        "exactly followup_days ago is not overdue"
    );
    assert_eq!(alpha["risks"], json!([]));
    let beta = &a["customers"]["beta"];
    assert_eq!(beta["value"]["tier"], "iron");
    assert_eq!(
        beta["abc"], "B",
        "beta starts at 80% of revenue: not below a = 0.8"
    );
    assert_eq!(beta["relationship"], "declining");
    assert_eq!(beta["loyalty"], "terrorist");
    assert_eq!(beta["overdue"], true, "91 days ago is overdue");
    assert_eq!(
        beta["risks"],
        json!(["declining", "disloyal", "overdue", "objection"])
    );
    let gamma = &a["customers"]["gamma"];
    for key in [
        "value",
        "abc",
        "decile",
        "band",
        "relationship",
        "loyalty",
        "man",
        "risks",
    ] {
        assert_eq!(
            gamma[key],
            Value::Null,
            "{key} does not apply to a former customer"
        );
    }
    assert_eq!(gamma["overdue"], false);
    assert_eq!(a["watchlist"], json!(["beta"]));
    assert_eq!(a["followup"]["overdue"], json!(["beta"]));
    assert_eq!(
        a["followup"]["upcoming"],
        json!(["alpha"]),
        "14 days ahead is included, 15 is not"
    );
    assert_eq!(a["portfolio"]["former_reasons"], json!({ "price": 1 }));
    assert_eq!(a["deciles"]["by_customers"].as_array().unwrap().len(), 10);
}
