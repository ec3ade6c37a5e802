//! Every example in docs/api.md parses into the type it names, and writes back the same JSON.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use stele_core::listing::Page;
use stele_core::public::{ErrorBody, ProductView, ShopView, SummariesView};
use stele_core::{PublicReview, Summary};

fn round_trip<T: DeserializeOwned + Serialize>(json: &str) -> Result<(), String> {
    let value: Value = serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
    let typed: T =
        serde_json::from_value(value.clone()).map_err(|e| format!("does not parse: {e}"))?;
    let back = serde_json::to_value(&typed).map_err(|e| e.to_string())?;
    if back == value {
        Ok(())
    } else {
        Err(format!("writes back differently: {back}"))
    }
}

#[test]
fn every_example_in_api_md_is_a_real_value_of_its_type() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/api.md")).unwrap();
    let mut checked = 0;
    let mut blocks = doc.split("```json type=").skip(1);
    for block in blocks.by_ref() {
        let (ty, rest) = block.split_once('\n').unwrap();
        let json = rest.split("```").next().unwrap();
        let result = match ty.trim() {
            "Summary" => round_trip::<Summary>(json),
            "PublicReview" => round_trip::<PublicReview>(json),
            "ReviewPage" => round_trip::<Page<PublicReview>>(json),
            "ShopView" => round_trip::<ShopView>(json),
            "ProductView" => round_trip::<ProductView>(json),
            "SummariesView" => round_trip::<SummariesView>(json),
            "ErrorBody" => round_trip::<ErrorBody>(json),
            other => Err(format!("unknown type {other}")),
        };
        if let Err(problem) = result {
            panic!("docs/api.md example of {ty}: {problem}\n{json}");
        }
        checked += 1;
    }
    assert!(
        checked >= 9,
        "expected every documented shape, checked {checked}"
    );
}
