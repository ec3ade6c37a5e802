//! The SQLite store merges exactly like `stele_core::merge::FeedbackSet`, and migrates.

use proptest::prelude::*;
use stele_core::merge::FeedbackSet;
use stele_core::normalise::Batch;
use stele_core::records::{OrderFeedback, OrderRef, ProductReview};
use stele_core::{Score, Timestamp};
use stele_relay::model::store::Store;

/// (order, product — none for order feedback, score, added_on)
type Spec = (u8, Option<u8>, Option<u8>, Option<i64>);

fn batch(specs: &[Spec]) -> Batch {
    let mut batch = Batch::default();
    for (order, product, score, added_on) in specs {
        let (order, score, added_on) = (
            OrderRef::new(order.to_string()),
            score.and_then(|s| Score::new(s.into())),
            added_on.map(Timestamp::from_unix),
        );
        let comment = Some(format!("{score:?}/{added_on:?}"));
        match product {
            Some(product) => batch.product_reviews.push(ProductReview {
                order,
                product_id: product.to_string(),
                score,
                comment,
                added_on,
            }),
            None => batch.orders.push(OrderFeedback {
                order,
                order_date: None,
                score,
                comment,
                added_on,
            }),
        }
    }
    batch
}

fn sorted<T: std::fmt::Debug>(items: impl IntoIterator<Item = T>) -> Vec<String> {
    let mut out: Vec<String> = items.into_iter().map(|i| format!("{i:?}")).collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn store_merges_like_the_core(
        syncs in prop::collection::vec(
            prop::collection::vec((0u8..4, prop::option::of(0u8..3), prop::option::of(0u8..=10), prop::option::of(0i64..4)), 0..12),
            1..5,
        )
    ) {
        let mut store = Store::in_memory().unwrap();
        let mut set = FeedbackSet::new();
        for (i, specs) in syncs.iter().enumerate() {
            store.apply(&batch(specs), Timestamp::from_unix(i as i64), None).unwrap();
            set.merge(batch(specs));
        }
        prop_assert_eq!(sorted(store.orders().unwrap()), sorted(set.orders()));
        prop_assert_eq!(sorted(store.product_reviews().unwrap()), sorted(set.product_reviews()));
    }
}

#[test]
fn migrations_are_versioned_and_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stele.db");
    let secret = {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), 3);
        store.public_id_secret().unwrap()
    };
    let mut reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.schema_version().unwrap(), 3);
    assert_eq!(
        reopened.public_id_secret().unwrap(),
        secret,
        "public ids survive restarts"
    );
    let mode: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn the_catalog_keeps_every_column_of_the_feed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stele.db");
    let entries = stele_relay::cli::demo::catalog();
    assert!(entries.iter().any(|e| e
        .info
        .offer
        .as_ref()
        .is_some_and(|o| o.sale_price.is_some())));
    Store::open(&path)
        .unwrap()
        .replace_catalog(&entries)
        .unwrap();
    let mut read = Store::open(&path).unwrap().catalog().unwrap();
    read.sort_by(|a, b| a.product_id.cmp(&b.product_id));
    let mut expected = entries;
    expected.sort_by(|a, b| a.product_id.cmp(&b.product_id));
    assert_eq!(read, expected);
}
