//! A 50 MB comment is not stored or served whole: comments are cut at
//! `MAX_COMMENT_CHARS`, the review is named in a warning, and every JSON answer stays
//! within the bound docs/api.md states.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use stele_core::text::MAX_COMMENT_CHARS;
use stele_relay::config::upstream::RestKey;
use stele_relay::ingest::upstream::HttpSource;
use stele_relay::model::store::Store;
use tower::ServiceExt;

use crate::support::fake_upstream::{Behaviour, FakeUpstream};
use crate::support::local_text;

/// One order whose shop comment and product review carry `comment`, and 100 more reviews
/// of product "p2" with a comment of the cap in the widest escapes there are (control characters are dropped).
fn hostile_body(comment: &str) -> Vec<u8> {
    let at = local_text(stele_relay::model::store::now().unix() - 3600);
    let mut orders = vec![serde_json::json!({
        "order": {"orderno": "ORD-1", "date": at},
        "score": 10, "comment": comment, "added_on": at,
        "product_reviews": [{"realid": "p1", "score": 10, "comment": comment, "added_on": at}],
    })];
    let widest: String = "\"<&'\u{1}".repeat(MAX_COMMENT_CHARS / 4);
    for n in 0..100 {
        orders.push(serde_json::json!({
            "order": {"orderno": format!("ORD-W{n}"), "date": at},
            "score": 8, "comment": null, "added_on": at,
            "product_reviews": [{"realid": "p2", "score": 8, "comment": widest, "added_on": at}],
        }));
    }
    serde_json::to_vec(&serde_json::json!({"status": "success", "data": orders})).unwrap()
}

async fn body_of(app: &axum::Router, uri: &str) -> (u16, usize, String) {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        bytes.len(),
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_50_mb_comment_is_cut_named_and_never_served_whole() {
    let huge = format!("{} end", "foarte bună ".repeat(50 * 1024 * 1024 / 12));
    let body = hostile_body(&huge);
    assert!(body.len() > 100 * 1024 * 1024, "two 50 MB comments");

    // The normaliser names the reviews it cut.
    let batch = stele_core::normalise::read_feed(&body, Default::default()).unwrap();
    let cut: Vec<(&str, Option<&str>)> = batch
        .cut_comments
        .iter()
        .map(|c| (c.order.as_str(), c.product_id.as_deref()))
        .collect();
    assert_eq!(cut, [("ORD-1", Some("p1")), ("ORD-1", None)]);
    assert!(batch
        .cut_comments
        .iter()
        .all(|c| c.chars == huge.chars().count()));
    drop(batch);

    // Through a real sync into a real database file.
    let fake = FakeUpstream::start(Behaviour::Body(body)).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stele.db");
    let store = Arc::new(Mutex::new(Store::open(&db).unwrap()));
    let source = HttpSource::new(
        &fake.url,
        RestKey::new("k"),
        "c",
        Duration::from_secs(60),
        256 * 1024 * 1024,
    );
    let settings = stele_relay::config::upstream::SyncSettings {
        zone: Default::default(),
        overlap: Duration::ZERO,
    };
    stele_relay::ingest::sync::sync_once(&source, &store, settings)
        .await
        .unwrap();
    {
        let store = store.lock().unwrap();
        let longest = store
            .product_reviews()
            .unwrap()
            .iter()
            .chain(std::iter::empty())
            .filter_map(|r| r.comment.as_ref())
            .map(|c| c.chars().count())
            .max()
            .unwrap();
        assert!(longest <= MAX_COMMENT_CHARS, "{longest} characters stored");
        let shop = store.orders().unwrap();
        let shop_comment = shop
            .iter()
            .find(|o| o.order.as_str() == "ORD-1")
            .and_then(|o| o.comment.as_ref())
            .unwrap();
        assert!(shop_comment.chars().count() <= MAX_COMMENT_CHARS);
        assert!(shop_comment.starts_with("foarte bună foarte bună"));
        assert!(shop_comment.ends_with('…'));
    }
    let db_bytes = std::fs::metadata(&db).unwrap().len()
        + std::fs::metadata(dir.path().join("stele.db-wal")).map_or(0, |m| m.len());
    assert!(
        db_bytes < 8 * 1024 * 1024,
        "the database holds {db_bytes} bytes"
    );

    // Every public answer within the documented bound, even a page of 100 comments of
    // the cap in the widest escape.
    let snapshot =
        stele_relay::model::rebuild::build_snapshot(&store, &Default::default()).unwrap();
    let state = crate::support::state_over(snapshot, crate::support::unlimited());
    let app = stele_relay::http::app(state);
    let mut largest = 0;
    for uri in [
        "/v1/shop",
        "/v1/testimonials?per_page=100",
        "/v1/products/p1",
        "/v1/products/p1/reviews?per_page=100",
        "/v1/products/p2/reviews?per_page=100",
        "/v1/products/p2/embed.html?per_page=100",
    ] {
        let (status, bytes, text) = body_of(&app, uri).await;
        assert_eq!(status, 200, "{uri}: {text}");
        assert!(
            !text.contains(" end"),
            "{uri}: the end of the 50 MB comment was served"
        );
        largest = largest.max(bytes);
    }
    eprintln!("largest public answer: {largest} bytes");
    assert!(
        largest <= stele_core::paths::MAX_PUBLIC_BODY_BYTES,
        "{largest} bytes is over the documented bound"
    );
}
