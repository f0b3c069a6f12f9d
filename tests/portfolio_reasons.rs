//! The dashboard groups former and blacklisted customers by reason code
//! exactly as the portfolio counts them: a code written with stray spaces
//! and a missing code (`unspecified`) both land in the group whose count
//! the export gives, never in no group at all.

mod common;

use common::TestSite;

#[test]
fn every_former_customer_is_listed_under_the_reason_it_is_counted_by() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/customers/gone-a.yaml",
        "name: Gone A\nstatus: former\nmarket: producer\nreason_code: \"price \"\n",
    );
    site.write(
        "content/customers/gone-b.yaml",
        "name: Gone B\nstatus: former\nmarket: producer\nreason_code: price\n",
    );
    site.write(
        "content/customers/gone-c.yaml",
        "name: Gone C\nstatus: former\nmarket: producer\n",
    );
    site.build().ok();
    let json: serde_json::Value = serde_json::from_str(&site.output("data/analysis.json")).unwrap();
    assert_eq!(
        json["portfolio"]["former_reasons"],
        serde_json::json!({ "price": 2, "unspecified": 1 })
    );
    let index = site.output("index.html");
    let start = index.find("<strong>Price</strong>").expect("a price group");
    let price = &index[start..];
    let price = &price[..price.find("</ul>").unwrap()];
    assert!(
        price.starts_with("<strong>Price</strong>: 2<ul>"),
        "{price}"
    );
    assert!(
        price.contains(">Gone A</a>") && price.contains(">Gone B</a>"),
        "{price}"
    );
    let start = index
        .find("<strong>Not recorded</strong>")
        .expect("a not-recorded group");
    let other = &index[start..];
    let other = &other[..other.find("</ul>").unwrap()];
    assert!(other.contains(">Gone C</a>"), "{other}");
}
