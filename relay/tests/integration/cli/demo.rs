//! The demo shop: deterministic, about 20 products and 500 orders, every null case.

use stele_core::normalise::read_feed;
use stele_core::warnings::WarningKind;
use stele_core::Timestamp;
use stele_relay::cli::demo;

const BASE: Timestamp = Timestamp::from_unix(1_790_000_000);

#[test]
fn the_demo_feed_is_deterministic_and_covers_every_case() {
    let feed = demo::upstream_response(BASE);
    assert_eq!(
        feed,
        demo::upstream_response(BASE),
        "the same data on every machine"
    );
    let batch = read_feed(feed.as_bytes(), Default::default()).unwrap();
    assert_eq!(batch.orders.len(), 500);
    assert!(
        batch.orders.iter().any(|o| o.comment.is_none()),
        "shop feedback without a comment"
    );
    assert!(
        batch.product_reviews.iter().any(|r| r.score.is_none()),
        "a review with only a comment"
    );
    assert!(
        batch.product_reviews.iter().any(|r| r.comment.is_none()),
        "a review with only a score"
    );
    assert!(
        batch
            .product_reviews
            .iter()
            .any(|r| r.comment.as_deref().is_some_and(|c| c.contains('ț'))),
        "Romanian diacritics"
    );
    assert!(
        batch.product_reviews.iter().any(|r| r
            .comment
            .as_deref()
            .is_some_and(|c| c.starts_with("Perfect"))),
        "English"
    );
    assert!(
        batch
            .product_reviews
            .iter()
            .any(|r| r.comment.as_deref().is_some_and(|c| c.contains("<img"))),
        "markup to show as text"
    );
    assert_eq!(batch.warnings.count(WarningKind::InvalidScore), 0);
    let buckets: std::collections::BTreeSet<usize> = batch
        .product_reviews
        .iter()
        .filter_map(|r| r.score.map(|s| s.bucket()))
        .collect();
    assert_eq!(buckets.len(), 5, "every histogram bar has reviews");

    let reviewed: std::collections::BTreeSet<&str> = batch
        .product_reviews
        .iter()
        .map(|r| r.product_id.as_str())
        .collect();
    let unreviewed: Vec<&str> = demo::PRODUCTS
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| !reviewed.contains(id))
        .collect();
    assert_eq!(
        unreviewed,
        ["SKU-NEW-1", "SKU-NEW-2", "SKU-NEW-3"],
        "some products have no reviews"
    );
    let showcase = batch
        .product_reviews
        .iter()
        .filter(|r| r.product_id == "2183")
        .count();
    assert!(
        showcase > 200,
        "the showcase product has many reviews: {showcase}"
    );
}

#[test]
fn the_demo_catalog_names_every_product() {
    let catalog = demo::catalog();
    assert_eq!(catalog.len(), 20);
    assert!(catalog.iter().all(|e| e.info.name.is_some()
        && e.info
            .url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))));
}

#[test]
fn demo_ids_are_the_same_on_every_run() {
    let ids = || {
        let store = std::sync::Arc::new(std::sync::Mutex::new(demo::store(BASE).unwrap()));
        let snapshot =
            stele_relay::model::rebuild::build_snapshot(&store, &Default::default()).unwrap();
        serde_json::to_string(&snapshot.product_view(
            "2183",
            Default::default(),
            10,
            Default::default(),
        ))
        .unwrap()
    };
    assert_eq!(ids(), ids());
}
