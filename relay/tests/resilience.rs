//! Over real HTTP on loopback: a panicking handler costs one request, a panicking sync is
//! retried, shutdown drains requests in flight within its deadline, and `X-Forwarded-For`
//! counts only from trusted proxies.

mod common;

use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::routing::get;
use common::{order_json, serve_in_background, state_of, success};
use stele_relay::config::clients::TrustedProxies;
use stele_relay::config::http::HttpSettings;
use stele_relay::config::http::RateLimit;
use stele_relay::config::upstream::SyncSettings;
use stele_relay::http::lifecycle::serve_until;
use stele_relay::http::with_middleware;
use stele_relay::ingest::health::Health;
use stele_relay::ingest::sync::run_loop;
use stele_relay::ingest::upstream::{FetchError, FetchedBody, UpstreamSource};
use stele_relay::model::store::Store;

fn orders() -> Vec<String> {
    let now = stele_relay::model::store::now().unix();
    vec![order_json(1, now, &[("p1", now, Some(10), Some("super"))])]
}

fn open() -> HttpSettings {
    HttpSettings {
        rate_limit: None,
        ..HttpSettings::default()
    }
}

#[tokio::test]
async fn a_panicking_handler_answers_500_in_the_error_shape_and_the_relay_keeps_serving() {
    let state = state_of(&orders(), open());
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
                std::future::ready(())
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
            ..open()
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

async fn get_from(local: IpAddr, address: SocketAddr, forwarded_for: &str) -> u16 {
    reqwest::Client::builder()
        .local_address(local)
        .build()
        .unwrap()
        .get(format!("http://{address}/v1/shop"))
        .header("x-forwarded-for", forwarded_for)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn forwarded_for_counts_only_from_trusted_proxies() {
    let settings = HttpSettings {
        rate_limit: Some(RateLimit {
            per_second: 0.01,
            burst: 1,
        }),
        trusted_proxies: TrustedProxies::parse(&["127.0.0.2/32".into()]).unwrap(),
        ..HttpSettings::default()
    };
    let address = serve_in_background(stele_relay::http::app(state_of(&orders(), settings))).await;
    let shopper = IpAddr::from([127, 0, 0, 1]);
    let proxy = IpAddr::from([127, 0, 0, 2]);
    // An untrusted peer's header is ignored: every spoofed address shares its bucket.
    assert_eq!(get_from(shopper, address, "198.51.100.1").await, 200);
    assert_eq!(get_from(shopper, address, "198.51.100.2").await, 429);
    // The trusted proxy's header names the client: one bucket per shopper behind it.
    assert_eq!(get_from(proxy, address, "198.51.100.3").await, 200);
    assert_eq!(get_from(proxy, address, "198.51.100.4").await, 200);
    assert_eq!(get_from(proxy, address, "198.51.100.3").await, 429);
    // A shopper's own spoofed entry left of the proxy's is not believed either.
    assert_eq!(
        get_from(proxy, address, "198.51.100.4, 198.51.100.5").await,
        200
    );
}
