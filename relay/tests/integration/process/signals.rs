//! Crashes, signals and panics: SIGKILL mid-sync loses nothing committed, SIGTERM drains
//! requests in flight within its deadline, a panicking handler costs one request, a
//! panicking sync is retried.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::fake_upstream::{Behaviour, FakeUpstream};
use crate::support::{order_json, relay, serve_in_background, state_of, success, wait_for_listen};
use axum::routing::get;
use stele_relay::config::http::HttpSettings;
use stele_relay::config::upstream::SyncSettings;
use stele_relay::http::lifecycle::serve_until;
use stele_relay::http::with_middleware;
use stele_relay::ingest::health::Health;
use stele_relay::ingest::sync::run_loop;
use stele_relay::ingest::upstream::{FetchError, FetchedBody, UpstreamSource};
use stele_relay::model::store::Store;

use super::{feed, KEY};

fn orders() -> Vec<String> {
    let now = stele_relay::model::store::now().unix();
    vec![order_json(1, now, &[("p1", now, Some(10), Some("super"))])]
}

fn counts(db: &Path) -> (u64, u64) {
    let connection = rusqlite::Connection::open(db).unwrap();
    let check: String = connection
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    connection
        .query_row(
            "SELECT (SELECT count(*) FROM order_feedback), (SELECT count(*) FROM product_reviews)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

fn sync(fake: &FakeUpstream, db: &Path) -> Child {
    relay()
        .args(["sync"])
        .env("RTG_REST_KEY", KEY)
        .env("RTG_CUSTOMER_ID", "c1")
        .env("STELE_UPSTREAM_URL", &fake.url)
        .env("STELE_DB", db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn sigkill_mid_sync_loses_nothing_committed_and_never_half_a_sync() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stele.db");
    let fake = FakeUpstream::start_in_background(Behaviour::Body(feed(0..20_000)));
    assert!(sync(&fake, &db).wait().unwrap().success());
    let first = counts(&db);
    assert_eq!(first, (20_000, 40_000));

    // The next response adds 20,000 orders. Time one full sync on a copy, then kill real
    // ones at fractions of that time, so kills land while fetching, parsing and committing.
    fake.set(Behaviour::Body(feed(0..40_000)));
    let copy = dir.path().join("copy.db");
    std::fs::copy(&db, &copy).unwrap();
    let started = Instant::now();
    assert!(sync(&fake, &copy).wait().unwrap().success());
    let full = started.elapsed();
    let second = (40_000, 80_000);
    assert_eq!(counts(&copy), second);

    let mut outcomes = Vec::new();
    for tenth in (1..=9u32).chain([11, 13, 16]) {
        let mut child = sync(&fake, &db);
        std::thread::sleep(full * tenth / 10);
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let now = counts(&db);
        assert!(
            now == first || now == second,
            "after a kill at {tenth}/10: {now:?} is half a sync"
        );
        outcomes.push(now == second);
    }
    assert!(sync(&fake, &db).wait().unwrap().success());
    assert_eq!(
        counts(&db),
        second,
        "a clean sync after the kills completes without duplicates"
    );
    eprintln!("kills at tenths 1–9, 11, 13, 16 of {full:?}: committed = {outcomes:?}");
}

#[test]
fn sigterm_exits_cleanly_even_with_a_stalled_client() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("demo.log");
    let mut demo = relay()
        .args(["demo", "--listen", "127.0.0.1:0"])
        .env("STELE_SHUTDOWN_TIMEOUT", "1s")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let address = wait_for_listen(&log);
    // A client that sends half a request and stalls: without a deadline, shutdown waits for it.
    let mut stalled = std::net::TcpStream::connect(&address).unwrap();
    std::io::Write::write_all(&mut stalled, b"GET /v1/shop HTTP/1.1\r\nHost: x\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    let killed = Command::new("kill")
        .args(["-TERM", &demo.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = loop {
        if let Some(status) = demo.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "still running after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    drop(stalled);
}

#[tokio::test]
async fn a_panicking_handler_answers_500_in_the_error_shape_and_the_relay_keeps_serving() {
    let state = state_of(&orders(), crate::support::unlimited());
    // A route only a test can add, through the real layers.
    let routes = stele_relay::http::routes::routes().route(
        "/test-only/panic",
        get(|| async {
            if true {
                panic!("boom from a test route");
            }
            "unreachable"
        }),
    );
    let address = serve_in_background(with_middleware(routes, state)).await;
    let client = reqwest::Client::new();
    for _ in 0..3 {
        let response = client
            .get(format!("http://{address}/test-only/panic"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 500);
        assert_eq!(response.headers()["cache-control"], "no-store");
        let body: serde_json::Value =
            serde_json::from_str(&response.text().await.unwrap()).unwrap();
        assert_eq!(body["error"]["code"], "internal");
        assert!(
            !body.to_string().contains("boom"),
            "no internals on 5xx: {body}"
        );
        let shop = client
            .get(format!("http://{address}/v1/products/p1"))
            .send()
            .await
            .unwrap();
        assert_eq!(shop.status(), 200, "the next request is served");
    }
}

/// Panics on its first fetch, then answers a feed.
struct PanicsOnce(AtomicU32, Vec<u8>);

impl UpstreamSource for PanicsOnce {
    async fn fetch(&self, _: Option<i64>) -> Result<FetchedBody, FetchError> {
        if self.0.fetch_add(1, Ordering::SeqCst) == 0 {
            panic!("boom in a sync");
        }
        Ok(FetchedBody {
            status: 200,
            body: self.1.clone(),
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_sync_is_recorded_and_retried() {
    let store = Arc::new(Mutex::new(Store::in_memory().unwrap()));
    let health = Arc::new(Mutex::new(Health::default()));
    let successes = Arc::new(AtomicU32::new(0));
    let sync = tokio::spawn(run_loop(
        PanicsOnce(AtomicU32::new(0), success(&orders())),
        store.clone(),
        SyncSettings {
            zone: Default::default(),
            overlap: Duration::ZERO,
        },
        // Backoff is capped at the interval: the retry comes after 1–3 s.
        Duration::from_secs(2),
        health.clone(),
        {
            let successes = successes.clone();
            move || {
                successes.fetch_add(1, Ordering::SeqCst);
                std::future::ready(Ok(()))
            }
        },
    ));
    let deadline = Instant::now() + Duration::from_secs(30);
    while successes.load(Ordering::SeqCst) == 0 {
        assert!(
            Instant::now() < deadline,
            "no retry after the panic: {:?}",
            health.lock().unwrap()
        );
        assert!(!sync.is_finished(), "the loop ended");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let health = health.lock().unwrap().clone();
    assert_eq!(health.panics, 1);
    assert!(health.last_success.is_some() && health.consecutive_failures == 0);
    assert_eq!(store.lock().unwrap().counts().unwrap(), (1, 1));
    sync.abort();
}

/// A sync whose data is stored but cannot be served (the read model's rebuild failed) is no
/// success: `/healthz` says `rebuild_failed` and `/readyz` stays unready on a first start.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_whose_read_model_cannot_be_rebuilt_is_not_a_success() {
    let store = Arc::new(Mutex::new(Store::in_memory().unwrap()));
    let health = Arc::new(Mutex::new(Health::default()));
    let sync = tokio::spawn(run_loop(
        PanicsOnce(AtomicU32::new(1), success(&orders())),
        store.clone(),
        SyncSettings {
            zone: Default::default(),
            overlap: Duration::ZERO,
        },
        Duration::from_secs(60),
        health.clone(),
        || std::future::ready(Err("the database is unreadable".to_owned())),
    ));
    let deadline = Instant::now() + Duration::from_secs(30);
    while health.lock().unwrap().consecutive_failures == 0 {
        assert!(Instant::now() < deadline, "no sync recorded");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    sync.abort();
    let health = health.lock().unwrap().clone();
    assert_eq!(health.last_success, None, "{health:?}");
    assert_eq!(health.last_error.as_ref().unwrap().code, "rebuild_failed");
    assert_eq!(
        store.lock().unwrap().counts().unwrap(),
        (1, 1),
        "the data is stored"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_drains_requests_in_flight_and_gives_up_at_the_deadline() {
    for (work, deadline, expect_answer) in [
        (Duration::from_millis(600), Duration::from_secs(5), true),
        (Duration::from_secs(30), Duration::from_millis(300), false),
    ] {
        let routes = stele_relay::http::routes::routes().route(
            "/test-only/slow",
            get(move || async move {
                tokio::time::sleep(work).await;
                "done"
            }),
        );
        let settings = HttpSettings {
            request_timeout: Duration::from_secs(60),
            ..crate::support::unlimited()
        };
        let router = with_middleware(routes, state_of(&orders(), settings));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve_until(
            listener,
            router,
            async {
                let _ = stopped.await;
            },
            deadline,
        ));
        let request = tokio::spawn(reqwest::get(format!("http://{address}/test-only/slow")));
        tokio::time::sleep(Duration::from_millis(150)).await;
        let started = Instant::now();
        stop.send(()).unwrap();
        let served = tokio::time::timeout(Duration::from_secs(10), server)
            .await
            .expect("the server stops")
            .unwrap();
        assert!(served.is_ok());
        if expect_answer {
            let response = request.await.unwrap().unwrap();
            assert_eq!(response.status(), 200);
            assert_eq!(
                response.text().await.unwrap(),
                "done",
                "the request in flight finished"
            );
        } else {
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "gave up at the deadline"
            );
            request.abort();
        }
    }
}
