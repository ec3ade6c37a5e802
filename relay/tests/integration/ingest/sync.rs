//! Syncing against a fake Feedback API on loopback: every fixture, the `t` cursor with its
//! overlap, and every upstream fault. A failed sync never touches stored data.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::fake_upstream::{Behaviour, FakeUpstream};
use crate::support::{fixture, fixture_names, order_json, success};
use rstest::rstest;
use stele_core::zone::LocalZone;
use stele_relay::config::upstream::RestKey;
use stele_relay::config::upstream::SyncSettings;
use stele_relay::ingest::health::Health;
use stele_relay::ingest::sync::sync_once;
use stele_relay::ingest::upstream::{HttpSource, SyncError};
use stele_relay::model::store::Store;

const KEY: &str = "test-key-7f3c9b";
const DAY: i64 = 86_400;

fn settings() -> SyncSettings {
    SyncSettings {
        zone: LocalZone::default(),
        overlap: Duration::from_secs(7 * 86_400),
    }
}

fn source(fake: &FakeUpstream, timeout: Duration, max_bytes: u64) -> HttpSource {
    HttpSource::new(&fake.url, RestKey::new(KEY), "cust-1", timeout, max_bytes)
}

fn temp_store() -> (tempfile::TempDir, Arc<Mutex<Store>>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("stele.db")).unwrap();
    (dir, Arc::new(Mutex::new(store)))
}

fn counts(store: &Arc<Mutex<Store>>) -> (u64, u64) {
    store.lock().unwrap().counts().unwrap()
}

#[tokio::test]
async fn every_fixture_syncs_or_fails_cleanly() {
    for name in fixture_names() {
        let fake = FakeUpstream::start(Behaviour::Body(fixture(&name))).await;
        let (_dir, store) = temp_store();
        let result = sync_once(
            &source(&fake, Duration::from_secs(5), 1 << 20),
            &store,
            settings(),
        )
        .await;
        match (name.starts_with("success"), result) {
            (true, Ok(report)) => {
                let (orders, reviews) = counts(&store);
                assert_eq!(orders, 1, "{name}");
                assert_eq!(report.applied.inserted, orders + reviews, "{name}");
                assert_eq!(
                    report.cursor, None,
                    "{name}: the first sync fetches everything"
                );
            }
            (false, Err(SyncError::Upstream(error))) => {
                assert_eq!(counts(&store), (0, 0), "{name}");
                assert!(!error.hint().is_empty());
            }
            (_, other) => panic!("{name}: unexpected {other:?}"),
        }
        let request = &fake.requests()[0];
        assert_eq!(
            (request["k"].as_str(), request["u"].as_str()),
            (KEY, "cust-1")
        );
        assert!(!request.contains_key("t"));
    }
}

#[tokio::test]
async fn later_syncs_reach_back_by_the_overlap_and_keep_late_reviews() {
    let now = stele_relay::model::store::now().unix();
    let old_order = order_json(
        1,
        now - 60 * DAY,
        &[("p1", now - 60 * DAY, Some(8), Some("first"))],
    );
    let fake = FakeUpstream::start(Behaviour::Feed(vec![(now - 60 * DAY, old_order)])).await;
    let (_dir, store) = temp_store();
    let source = source(&fake, Duration::from_secs(5), 1 << 20);
    sync_once(&source, &store, settings()).await.unwrap();

    // Months later a product review is added to that old order: the API returns the order
    // again (its newest activity is recent), and the next sync must pick it up.
    let late = order_json(
        1,
        now - 60 * DAY,
        &[
            ("p1", now - 60 * DAY, Some(8), Some("first")),
            ("p2", now - DAY, Some(4), None),
        ],
    );
    fake.set(Behaviour::Feed(vec![(now - DAY, late)]));
    let report = sync_once(&source, &store, settings()).await.unwrap();
    let t: i64 = fake.requests()[1]["t"].parse().unwrap();
    let last_success = report.cursor.unwrap() + 7 * DAY;
    assert_eq!(
        t,
        last_success - 7 * DAY,
        "t is the last successful sync minus the overlap"
    );
    assert!((now - t - 7 * DAY).abs() < 60);
    assert_eq!(
        counts(&store),
        (1, 2),
        "the late review is added, nothing is duplicated"
    );
    assert_eq!((report.applied.inserted, report.applied.updated), (1, 0));

    // Syncing the same window again changes nothing.
    let again = sync_once(&source, &store, settings()).await.unwrap();
    assert_eq!(
        (
            again.applied.inserted,
            again.applied.updated,
            counts(&store)
        ),
        (0, 0, (1, 2))
    );
}

#[tokio::test]
async fn a_smaller_answer_deletes_nothing() {
    let now = stele_relay::model::store::now().unix();
    let orders: Vec<String> = (0..5)
        .map(|i| order_json(i, now - DAY, &[("p", now - DAY, Some(6), None)]))
        .collect();
    let fake = FakeUpstream::start(Behaviour::Body(success(&orders))).await;
    let (_dir, store) = temp_store();
    let source = source(&fake, Duration::from_secs(5), 1 << 20);
    sync_once(&source, &store, settings()).await.unwrap();
    fake.set(Behaviour::Body(success(&[])));
    sync_once(&source, &store, settings()).await.unwrap();
    assert_eq!(counts(&store), (5, 5));
}

fn garbage() -> Behaviour {
    Behaviour::Body(b"<html><body>502 Bad Gateway</body></html>".to_vec())
}

#[rstest]
#[case::timeout(Behaviour::Delay(Duration::from_secs(3), Box::new(Behaviour::Body(b"{}".to_vec()))), "upstream_timeout")]
#[case::http_500(Behaviour::Status(500, b"Internal Server Error".to_vec()), "upstream_http_status")]
#[case::http_503_with_envelope(Behaviour::Status(503, br#"{"status":"error","message":"Something went wrong"}"#.to_vec()), "something_went_wrong")]
#[case::http_200_error_envelope(Behaviour::Body(br#"{"status":"error","message":"Incorrect rest key!"}"#.to_vec()), "incorrect_rest_key")]
#[case::unknown_envelope(Behaviour::Body(br#"{"status":"fail","data":"quota exceeded"}"#.to_vec()), "unknown_upstream_error")]
#[case::garbage(garbage(), "upstream_malformed")]
#[case::truncated(Behaviour::Truncated { body: br#"{"status":"success","data":[{"order":"#.to_vec(), declared: 4000 }, "upstream_body_truncated")]
#[case::huge_declared(Behaviour::Huge { bytes: 8 << 20, declare_length: true }, "upstream_body_too_large")]
#[case::huge_streamed(Behaviour::Huge { bytes: 8 << 20, declare_length: false }, "upstream_body_too_large")]
#[case::hangup(Behaviour::Hangup, "upstream_unreachable")]
#[tokio::test]
async fn faults_leave_stored_data_untouched(#[case] fault: Behaviour, #[case] code: &str) {
    let now = stele_relay::model::store::now().unix();
    let fake = FakeUpstream::start(Behaviour::Body(success(&[order_json(
        9,
        now,
        &[("p", now, Some(10), Some("ok"))],
    )])))
    .await;
    let (_dir, store) = temp_store();
    let source = source(&fake, Duration::from_millis(800), 1 << 20);
    sync_once(&source, &store, settings()).await.unwrap();
    let before = (
        counts(&store),
        store.lock().unwrap().product_reviews().unwrap(),
    );

    fake.set(fault);
    let error = sync_once(&source, &store, settings()).await.unwrap_err();
    assert_eq!(error.code(), code, "{error}");
    assert!(!error.hint().is_empty());
    assert!(
        !error.to_string().contains(KEY),
        "errors never carry the key: {error}"
    );
    assert_eq!(
        (
            counts(&store),
            store.lock().unwrap().product_reviews().unwrap()
        ),
        before
    );

    let mut health = Health::default();
    health.record::<()>(&Err(error));
    assert_eq!(health.last_error.as_ref().unwrap().code, code);
    assert_eq!(health.consecutive_failures, 1);
}

#[tokio::test]
async fn a_refused_connection_is_a_transient_fault() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let source = HttpSource::new(
        &format!("http://127.0.0.1:{port}/feed"),
        RestKey::new(KEY),
        "c",
        Duration::from_secs(2),
        1 << 20,
    );
    let (_dir, store) = temp_store();
    let error = sync_once(&source, &store, settings()).await.unwrap_err();
    assert_eq!(error.code(), "upstream_unreachable");
    assert!(error.is_transient());
    assert!(!format!("{error:?}").contains(KEY));
}

#[tokio::test]
async fn configuration_errors_are_not_retried_blindly() {
    let fake = FakeUpstream::start(Behaviour::Body(fixture("error-incorrect-rest-key.json"))).await;
    let (_dir, store) = temp_store();
    let error = sync_once(
        &source(&fake, Duration::from_secs(2), 1 << 20),
        &store,
        settings(),
    )
    .await
    .unwrap_err();
    assert!(!error.is_transient());
    assert!(error.hint().contains("second field"));
}

/// A database from before the relay took the key out of answers holds it in a comment; the
/// next sync rewrites it, so the read model built after that sync serves none of it.
#[tokio::test]
async fn a_key_stored_in_a_comment_before_the_upgrade_is_taken_out_at_the_next_sync() {
    let now = stele_relay::model::store::now().unix();
    let (dir, store) = temp_store();
    let stored = format!(
        r#"{{"status":"success","data":[{}]}}"#,
        order_json(
            1,
            now - DAY,
            &[("p1", now - DAY, Some(8), Some(&format!("see ?k={KEY}")))]
        )
    )
    .replace("\"order 1\"", &format!("\"old k={KEY}\""));
    let batch = stele_core::normalise::read_feed(stored.as_bytes(), LocalZone::default()).unwrap();
    store
        .lock()
        .unwrap()
        .apply(&batch, stele_core::Timestamp::from_unix(now - DAY), None)
        .unwrap();
    let fake = FakeUpstream::start(Behaviour::Body(success(&[order_json(2, now - 60, &[])]))).await;
    sync_once(
        &source(&fake, Duration::from_secs(5), 1 << 20),
        &store,
        settings(),
    )
    .await
    .unwrap();
    let snapshot =
        stele_relay::model::rebuild::build_snapshot(&store, &Default::default()).unwrap();
    let served = format!("{snapshot:?}");
    assert!(!served.contains(KEY), "the key is still served: {served}");
    assert!(served.contains("see ?k=<REST key>") && served.contains("old k=<REST key>"));
    assert!(
        !crate::support::contains(&crate::support::bytes_of_dir(dir.path()), KEY),
        "the old text is still in the database file or its WAL"
    );
}
