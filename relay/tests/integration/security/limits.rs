//! The smaller limits: one JSON error shape for every error answer (400, 404, 414, 431,
//! the file server's and hyper's own), no 60 KB parameter echoed back, no 500 for a long file name, a 400
//! for an image language that does not exist, 304s that render nothing, one budget per
//! IPv6 /64, and a JSON "listening" line with STELE_LOG_FORMAT=json.

use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use crate::support::{order_json, serve_in_background, state_of};
use stele_relay::config::clients::TrustedProxies;
use stele_relay::config::http::HttpSettings;
use stele_relay::config::http::RateLimit;

fn app_with(settings: HttpSettings) -> axum::Router {
    let now = stele_relay::model::store::now().unix();
    stele_relay::http::app(state_of(
        &[order_json(
            1,
            now - 3600,
            &[("p1", now - 3600, Some(9), Some("bună"))],
        )],
        settings,
    ))
}

async fn send(app: &axum::Router, request: Request<Body>) -> (StatusCode, String, Option<String>) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        String::from_utf8_lossy(&body).into_owned(),
        content_type,
    )
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

/// The documented error shape: `{"error": {"code", "message"}}`, as JSON.
fn assert_error_shape(
    what: &str,
    status: StatusCode,
    body: &str,
    content_type: Option<String>,
    code: &str,
) {
    assert_eq!(
        content_type.as_deref(),
        Some("application/json"),
        "{what}: {status} {body}"
    );
    let value: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{what}: {e}: {body}"));
    assert_eq!(value["error"]["code"], code, "{what}: {body}");
    assert!(value["error"]["message"].is_string(), "{what}: {body}");
}

#[tokio::test]
async fn every_error_answer_has_the_one_json_shape() {
    let assets = tempfile::tempdir().unwrap();
    std::fs::write(assets.path().join("stele.js"), "// the loader").unwrap();
    let app = app_with(HttpSettings {
        assets: stele_relay::config::http::Assets::Dir(assets.path().to_owned()),
        ..Default::default()
    });
    let long_name = format!("/{}.js", "a".repeat(300));
    let long_path = format!("/{}/stele.js", vec!["b".repeat(250); 20].join("/"));
    let long_uri = format!("/v1/shop?x={}", "a".repeat(9000));
    let mut big_headers = get("/v1/shop");
    big_headers
        .headers_mut()
        .insert("x-big", "b".repeat(20_000).parse().unwrap());
    let mut many_headers = get("/v1/shop");
    for n in 0..150 {
        many_headers.headers_mut().insert(
            format!("x-h{n}").parse::<header::HeaderName>().unwrap(),
            "1".parse().unwrap(),
        );
    }
    for (what, request, status, code) in [
        (
            "a path that is not UTF-8",
            get("/v1/products/%FF%FE/reviews"),
            400,
            "bad_request",
        ),
        (
            "a bad page",
            get("/v1/testimonials?page=0"),
            400,
            "bad_parameter",
        ),
        (
            "a file name over 255 bytes",
            get(&long_name),
            404,
            "not_found",
        ),
        ("no such file", get("/nope.js"), 404, "not_found"),
        (
            "a 5 KB path of short segments",
            get(&long_path),
            404,
            "not_found",
        ),
        ("a 9 KB URL", get(&long_uri), 414, "uri_too_long"),
        ("20 KB of headers", big_headers, 431, "headers_too_large"),
        ("150 headers", many_headers, 431, "headers_too_large"),
        (
            "a POST",
            Request::post("/v1/shop").body(Body::empty()).unwrap(),
            405,
            "method_not_allowed",
        ),
    ] {
        let (got, body, content_type) = send(&app, request).await;
        assert_eq!(got.as_u16(), status, "{what}: {body}");
        assert_error_shape(what, got, &body, content_type, code);
    }
}

/// One answer read off a socket: its status, its headers (names in lower case), its body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Writes `request` as it is to a new connection and reads every answer until the server
/// closes it (each framed by its `content-length`).
fn exchange(address: SocketAddr, request: &[u8]) -> Vec<Answer> {
    use std::io::{Read, Write};
    let mut socket = std::net::TcpStream::connect(address).unwrap();
    socket
        .set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .unwrap();
    socket.write_all(request).unwrap();
    let mut read = Vec::new();
    socket.read_to_end(&mut read).unwrap();
    let mut answers = Vec::new();
    let mut rest = &read[..];
    while !rest.is_empty() {
        let end = rest
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no end of head in {:?}", String::from_utf8_lossy(rest)));
        let head = std::str::from_utf8(&rest[..end]).unwrap();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: Vec<(String, String)> = lines
            .map(|line| {
                let (name, value) = line.split_once(':').unwrap();
                (name.to_ascii_lowercase(), value.trim().to_owned())
            })
            .collect();
        let length: usize = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .map_or(0, |(_, v)| v.parse().unwrap());
        let body = &rest[end + 4..end + 4 + length];
        answers.push(Answer {
            status,
            headers,
            body: String::from_utf8_lossy(body).into_owned(),
        });
        rest = &rest[end + 4 + length..];
    }
    answers
}

/// What hyper answers itself (a request it cannot parse, a URL past its 64 KiB, more header
/// lines than it has room for) comes in the one JSON shape too, with `no-store`, and after
/// a pipelined good answer that answer is whole.
#[tokio::test(flavor = "multi_thread")]
async fn requests_hyper_cannot_parse_get_the_one_json_shape_over_a_real_socket() {
    let address = serve_in_background(app_with(HttpSettings::default())).await;
    let huge_uri = format!(
        "GET /v1/shop?x={} HTTP/1.1\r\nHost: shop.example\r\n\r\n",
        "a".repeat(70_000)
    );
    let many_headers = format!(
        "GET /v1/shop HTTP/1.1\r\nHost: shop.example\r\n{}\r\n",
        (0..250)
            .map(|n| format!("X-H{n}: 1\r\n"))
            .collect::<String>()
    );
    let pipelined = "GET /v1/shop HTTP/1.1\r\nHost: shop.example\r\n\r\nGARBAGE\r\n\r\n";
    let cases: [(&str, String, u16, &str); 4] = [
        ("not HTTP", "GARBAGE\r\n\r\n".into(), 400, "bad_request"),
        ("a 70,000-byte URL", huge_uri, 414, "uri_too_long"),
        ("250 header lines", many_headers, 431, "headers_too_large"),
        (
            "garbage after a good request",
            pipelined.into(),
            400,
            "bad_request",
        ),
    ];
    for (what, request, status, code) in cases {
        let answers = tokio::task::spawn_blocking(move || exchange(address, request.as_bytes()))
            .await
            .unwrap();
        let error = answers
            .last()
            .unwrap_or_else(|| panic!("{what}: no answer"));
        assert_eq!(error.status, status, "{what}: {}", error.body);
        assert_error_shape(
            what,
            StatusCode::from_u16(status).unwrap(),
            &error.body,
            error.header("content-type").map(str::to_owned),
            code,
        );
        assert_eq!(error.header("cache-control"), Some("no-store"), "{what}");
        assert_eq!(
            error.header("x-content-type-options"),
            Some("nosniff"),
            "{what}"
        );
        assert_eq!(error.header("connection"), Some("close"), "{what}");
        assert!(error.header("date").is_some(), "{what}");
        if what.contains("good request") {
            assert_eq!(answers.len(), 2, "{what}");
            let alone = tokio::task::spawn_blocking(move || {
                let request =
                    "GET /v1/shop HTTP/1.1\r\nHost: shop.example\r\nConnection: close\r\n\r\n";
                exchange(address, request.as_bytes())
            })
            .await
            .unwrap();
            assert_eq!(answers[0].status, 200, "{what}");
            assert_eq!(
                answers[0].body, alone[0].body,
                "{what}: the good answer is whole"
            );
            assert!(answers[0].body.starts_with('{'), "{}", answers[0].body);
        } else {
            assert_eq!(answers.len(), 1, "{what}");
        }
    }
}

#[tokio::test]
async fn a_60_kb_parameter_is_not_echoed_back() {
    let app = app_with(HttpSettings::default());
    // 60 KB answer 414 before any parameter is read (test above); under the URL limit, a
    // 7 KB value is refused without coming back whole.
    let huge = "9".repeat(7 * 1024);
    let (status, body, _) = send(&app, get(&format!("/v1/testimonials?per_page={huge}"))).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.len() < 1024, "a {}-byte error answer", body.len());
    assert!(body.contains("per_page"), "{body}");
}

#[tokio::test]
async fn a_rating_image_in_a_language_that_does_not_exist_is_a_400() {
    let app = app_with(HttpSettings::default());
    for uri in [
        "/v1/products/p1/rating.png?lang=zz",
        "/v1/shop/rating.png?lang=zz",
    ] {
        let (status, body, content_type) = send(&app, get(uri)).await;
        assert_eq!(status, 400, "{uri}: {body}");
        assert_error_shape(uri, status, &body, content_type, "bad_parameter");
        assert!(body.contains("lang=ro"), "{body}");
    }
    let (status, _, content_type) = send(&app, get("/v1/shop/rating.png?lang=ro-RO")).await;
    assert_eq!(
        (status.as_u16(), content_type.as_deref()),
        (200, Some("image/png"))
    );
}

/// The relay's layers over one route, `/counted`, that counts how often it renders.
fn counted_app() -> (
    axum::Router,
    stele_relay::http::state::AppState,
    Arc<AtomicUsize>,
) {
    let now = stele_relay::model::store::now().unix();
    let state = state_of(
        &[order_json(
            1,
            now - 3600,
            &[("p1", now - 3600, Some(9), Some("bună"))],
        )],
        HttpSettings {
            rate_limit: None,
            ..Default::default()
        },
    );
    let rendered = Arc::new(AtomicUsize::new(0));
    let api = axum::Router::new().route(
        "/counted",
        axum::routing::get({
            let rendered = rendered.clone();
            move || {
                let rendered = rendered.clone();
                async move {
                    rendered.fetch_add(1, Ordering::SeqCst);
                    stele_relay::http::cache::Tagged::of(&serde_json::json!({"a": 1}))
                }
            }
        }),
    );
    let app = stele_relay::http::with_middleware(api, state.clone());
    (app, state, rendered)
}

/// Asks `app` for `uri` with `If-None-Match: etag` and expects a 304 carrying it.
async fn revalidate(app: &axum::Router, uri: &str, etag: &header::HeaderValue) {
    let request = Request::get(uri)
        .header(header::IF_NONE_MATCH, etag.clone())
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_MODIFIED, "{uri}");
    assert_eq!(response.headers()[header::ETAG], etag);
    assert!(response.headers().contains_key(header::CACHE_CONTROL));
}

#[tokio::test]
async fn a_304_is_answered_without_rendering_the_answer_again() {
    let (app, state, rendered) = counted_app();
    let response = app.clone().oneshot(get("/counted")).await.unwrap();
    let etag = response.headers()[header::ETAG].clone();
    for _ in 0..5 {
        revalidate(&app, "/counted", &etag).await;
    }
    assert_eq!(
        rendered.load(Ordering::SeqCst),
        1,
        "each 304 rendered the body"
    );
    // A new snapshot: the next revalidation renders once, then 304s are free again.
    state.replace_snapshot(stele_relay::model::snapshot::Snapshot::default());
    for _ in 0..3 {
        revalidate(&app, "/counted", &etag).await;
    }
    assert_eq!(rendered.load(Ordering::SeqCst), 2);
}

/// 25,000 different searches (each a new answer to remember) push out of the memo only
/// what nobody revalidated meanwhile: a page revalidated every 1,000 of them is never
/// rendered again (before, the memo was emptied for everyone at 20,000).
#[tokio::test]
async fn a_flood_of_new_urls_does_not_flush_what_clients_revalidate() {
    let (app, _, rendered) = counted_app();
    let response = app.clone().oneshot(get("/counted")).await.unwrap();
    let etag = response.headers()[header::ETAG].clone();
    for n in 0..25_000 {
        revalidate(&app, &format!("/counted?q=search{n}"), &etag).await;
        if n % 1000 == 0 {
            revalidate(&app, "/counted", &etag).await;
        }
    }
    revalidate(&app, "/counted", &etag).await;
    assert_eq!(
        rendered.load(Ordering::SeqCst),
        1 + 25_000,
        "each search rendered once, /counted never again"
    );
}

/// An answer of a known size over `MAX_PUBLIC_BODY_BYTES` is a 500 in the one error shape,
/// never megabytes to every shopper; one of exactly the limit goes out.
#[tokio::test]
async fn an_answer_over_the_public_body_limit_is_never_sent() {
    let (_, state, _) = counted_app();
    let limit = stele_core::paths::MAX_PUBLIC_BODY_BYTES;
    let api = axum::Router::new()
        .route(
            "/over",
            axum::routing::get(move || async move { vec![b'a'; limit + 1] }),
        )
        .route(
            "/at",
            axum::routing::get(move || async move { vec![b'a'; limit] }),
        );
    let app = stele_relay::http::with_middleware(api, state);
    let (status, body, content_type) = send(&app, get("/over")).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{}", body.len());
    assert_error_shape("over the limit", status, &body, content_type, "internal");
    let (status, body, _) = send(&app, get("/at")).await;
    assert_eq!((status, body.len()), (StatusCode::OK, limit));
}

/// A client revalidating with a new cache buster each time (`?v=1`, `?v=2`, …, more than
/// the memo holds) neither grows the memo nor flushes it: a key no route reads does not
/// change the answer, so each of those is the one answer already rendered.
#[tokio::test]
async fn cache_busters_neither_grow_nor_flush_the_304_memo() {
    let (app, _, rendered) = counted_app();
    let response = app.clone().oneshot(get("/counted")).await.unwrap();
    let etag = response.headers()[header::ETAG].clone();
    for n in 0..25_000 {
        revalidate(&app, &format!("/counted?v={n}&_={n}"), &etag).await;
    }
    revalidate(&app, "/counted", &etag).await;
    assert_eq!(
        rendered.load(Ordering::SeqCst),
        1,
        "a cache-busted revalidation rendered the answer again"
    );
}

#[tokio::test]
async fn one_ipv6_client_rotating_inside_its_64_has_one_budget() {
    let app = app_with(HttpSettings {
        rate_limit: Some(RateLimit {
            per_second: 0.01,
            burst: 3,
        }),
        trusted_proxies: stele_relay::config::clients::TrustedProxies::parse(&[]).unwrap(),
        ..Default::default()
    });
    let from = |address: &str| {
        let mut request = get("/v1/shop");
        request
            .extensions_mut()
            .insert(ConnectInfo(address.parse::<SocketAddr>().unwrap()));
        request
    };
    let mut statuses = Vec::new();
    for n in 1..=6 {
        let (status, _, _) = send(&app, from(&format!("[2001:db8:7:8:{n:x}::{n}]:443"))).await;
        statuses.push(status.as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 429, 429, 429]);
    // Another /64 is another client.
    let (status, _, _) = send(&app, from("[2001:db8:7:9::1]:443")).await;
    assert_eq!(status, 200);
}

#[test]
fn with_json_logs_and_rust_log_warn_the_listening_line_is_there_and_json() {
    let upstream = crate::support::fake_upstream::FakeUpstream::start_in_background(
        crate::support::fake_upstream::Behaviour::Body(crate::support::success(&[])),
    );
    let dir = tempfile::tempdir().unwrap();
    let mut command = crate::support::relay();
    command
        .arg("serve")
        .env("RTG_REST_KEY", crate::support::KEY)
        .env("RTG_CUSTOMER_ID", "c1")
        .env("STELE_UPSTREAM_URL", &upstream.url)
        .env("STELE_DB", dir.path().join("s.db"))
        .env(
            "STELE_METRICS_LISTEN",
            format!("127.0.0.1:{}", crate::support::free_port()),
        )
        .env("STELE_LOG_FORMAT", "json")
        // What the e2e harness sets: the listening line must come through anyway.
        .env("RUST_LOG", "warn");
    let log = dir.path().join("relay.log");
    let mut child = command
        .env("STELE_LISTEN", "127.0.0.1:0")
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let text = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains("listening on http://") {
            break text;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never listened: {text}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let _ = child.kill();
    let _ = child.wait();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let value: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(value["fields"]["message"].is_string(), "{line}");
    }
    assert!(text.contains("metrics on http://"), "{text}");
}

fn orders() -> Vec<String> {
    let now = stele_relay::model::store::now().unix();
    vec![order_json(1, now, &[("p1", now, Some(10), Some("super"))])]
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
