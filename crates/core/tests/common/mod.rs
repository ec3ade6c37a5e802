//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use stele_core::merge::FeedbackSet;
use stele_core::normalise::{read_feed, Batch};
use stele_core::zone::LocalZone;

/// The repository's `tests/fixtures/upstream`, or `$STELE_FIXTURES`.
pub fn fixtures_dir() -> PathBuf {
    std::env::var_os("STELE_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/upstream")
        })
}

pub fn fixture(name: &str) -> Vec<u8> {
    let path = fixtures_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
}

/// Normalises a JSON body in Europe/Bucharest, panicking on an error envelope.
pub fn batch(json: &str) -> Batch {
    read_feed(json.as_bytes(), LocalZone::default()).unwrap_or_else(|e| panic!("{json}: {e}"))
}

/// A success envelope around `orders` (a JSON array's contents).
pub fn success(orders: &str) -> String {
    format!(r#"{{"status":"success","data":[{orders}]}}"#)
}

/// One order 1 with the given product review object.
pub fn with_review(review: &str) -> String {
    success(&format!(
        r#"{{"order":{{"orderno":"1","date":"2021-05-04 19:57:50"}},"score":10,"comment":"ok","added_on":"2021-05-20 14:25:27","product_reviews":[{review}]}}"#
    ))
}

pub fn merged(bodies: &[&[u8]]) -> FeedbackSet {
    let mut set = FeedbackSet::new();
    for body in bodies {
        set.merge(read_feed(body, LocalZone::default()).expect("success envelope"));
    }
    set
}
