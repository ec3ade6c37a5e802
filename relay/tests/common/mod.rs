//! Shared test helpers: a fake Feedback API and fixtures.
#![allow(dead_code)]

pub mod fake_upstream;

use std::path::PathBuf;

/// `../shared/fixtures/upstream` beside the repository, or `$STELE_FIXTURES`.
pub fn fixture_path(name: &str) -> PathBuf {
    std::env::var_os("STELE_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/upstream")
        })
        .join(name)
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// Every fixture file name.
pub fn fixture_names() -> Vec<String> {
    let dir = fixture_path("");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

/// A Bucharest wall-clock date string for a Unix time (winter offset; tests only need order).
pub fn local_text(unix: i64) -> String {
    let text = stele_core::Timestamp::from_unix(unix + 2 * 3600).to_string();
    format!("{} {}", &text[..10], &text[11..19])
}

/// One upstream order with `reviews` product reviews, as JSON.
pub fn order_json(
    orderno: u64,
    added_on: i64,
    reviews: &[(&str, i64, Option<u8>, Option<&str>)],
) -> String {
    let reviews: Vec<String> = reviews
        .iter()
        .map(|(product, at, score, comment)| {
            serde_json::json!({"realid": product, "added_on": local_text(*at), "score": score, "comment": comment}).to_string()
        })
        .collect();
    format!(
        r#"{{"order":{{"orderno":"{orderno}","date":"{}"}},"score":9,"comment":"order {orderno}","added_on":"{}","product_reviews":[{}]}}"#,
        local_text(added_on - 86_400),
        local_text(added_on),
        reviews.join(",")
    )
}

pub fn success(orders: &[String]) -> Vec<u8> {
    format!(r#"{{"status":"success","data":[{}]}}"#, orders.join(",")).into_bytes()
}
