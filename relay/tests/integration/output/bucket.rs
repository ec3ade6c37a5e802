//! `stele-relay export --to s3://…` against a real S3 API: moto's server (installed in
//! tests/.venv by scripts/bootstrap), started by each test, behind a small recording proxy
//! that can refuse uploads after a number of them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{order_json, success};
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjectPath;
use object_store::ObjectStore;
use serde_json::Value;
use stele_core::paths;
use stele_relay::delivery::DEFAULT_DATA_CACHE_CONTROL as JSON_CACHE_CONTROL;
use stele_relay::model::store::{CatalogEntry, Store};

const BUCKET: &str = "stele-test";
const DAY: i64 = 86_400;

/// moto's S3 server on a free loopback port, stopped on drop.
struct Moto {
    child: Child,
    url: String,
    client: reqwest::Client,
    _logs: tempfile::TempDir,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP client, one per server (building one per request is slow; sharing one across
/// the tests' runtimes could reuse a connection whose runtime is gone).
fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

impl Moto {
    async fn start() -> Self {
        let binary =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/.venv/bin/moto_server");
        assert!(
            binary.exists(),
            "{} is missing: run scripts/bootstrap (it installs moto into tests/.venv)",
            binary.display()
        );
        let logs = tempfile::tempdir().unwrap();
        let client = client();
        // A port taken between our probe and moto's bind makes moto exit: try another.
        for _ in 0..3 {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let log = logs.path().join(format!("moto-{port}.log"));
            let mut child = Command::new(&binary)
                .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(&log).unwrap())
                .spawn()
                .unwrap();
            let url = format!("http://127.0.0.1:{port}");
            let deadline = Instant::now() + Duration::from_secs(30);
            loop {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                if client.get(&url).send().await.is_ok() {
                    return Self {
                        child,
                        url,
                        client,
                        _logs: logs,
                    };
                }
                assert!(
                    Instant::now() < deadline,
                    "moto did not answer on {url} within 30 s: {}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        panic!("moto_server did not start (3 ports tried)");
    }

    /// The bucket, readable by anyone (as a shop's bucket behind `src` must be).
    async fn bucket(&self) {
        let client = &self.client;
        let created = client
            .put(format!("{}/{BUCKET}", self.url))
            .send()
            .await
            .unwrap();
        assert!(created.status().is_success(), "{created:?}");
        let policy = serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                           "Resource": format!("arn:aws:s3:::{BUCKET}/*")}]
        });
        let set = client
            .put(format!("{}/{BUCKET}?policy", self.url))
            .body(policy.to_string())
            .send()
            .await
            .unwrap();
        assert!(set.status().is_success(), "{set:?}");
    }

    /// A signed client: the bucket is readable by anyone but not listable or writable.
    fn store(&self) -> impl ObjectStore {
        AmazonS3Builder::new()
            .with_bucket_name(BUCKET)
            .with_endpoint(&self.url)
            .with_allow_http(true)
            .with_region("us-east-1")
            .with_access_key_id("test")
            .with_secret_access_key("test")
            .build()
            .unwrap()
    }

    /// Every key under `prefix`.
    async fn keys(&self, prefix: &str) -> BTreeSet<String> {
        let store = self.store();
        let mut listing = store.list(Some(&ObjectPath::from(prefix)));
        let mut keys = BTreeSet::new();
        while let Some(meta) = std::future::poll_fn(|cx| listing.as_mut().poll_next(cx)).await {
            keys.insert(meta.unwrap().location.to_string());
        }
        keys
    }

    /// An anonymous GET, as a browser does it: (status, Content-Type, Cache-Control, body).
    async fn get(&self, key: &str) -> (u16, String, String, Vec<u8>) {
        let answer = self
            .client
            .get(format!("{}/{BUCKET}/{key}", self.url))
            .send()
            .await
            .unwrap();
        let header = |name| {
            answer
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default()
        };
        let (content_type, cache_control) =
            (header(header::CONTENT_TYPE), header(header::CACHE_CONTROL));
        let status = answer.status().as_u16();
        (
            status,
            content_type,
            cache_control,
            answer.bytes().await.unwrap().to_vec(),
        )
    }
}

/// Forwards to moto and records each request; answers 403 AccessDenied (not retried by
/// object_store, unlike a 5xx) to every PUT after the first `allowed`.
struct Proxy {
    upstream: String,
    client: reqwest::Client,
    url: String,
    allowed: AtomicUsize,
    puts: AtomicUsize,
    log: Mutex<Vec<(Method, String)>>,
}

impl Proxy {
    async fn start(upstream: &str) -> Arc<Self> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let proxy = Arc::new(Self {
            upstream: upstream.to_owned(),
            client: client(),
            url: format!("http://{}", listener.local_addr().unwrap()),
            allowed: AtomicUsize::new(usize::MAX),
            puts: AtomicUsize::new(0),
            log: Mutex::new(Vec::new()),
        });
        let app = axum::Router::new()
            .fallback(forward)
            .with_state(Arc::clone(&proxy));
        tokio::spawn(async move { axum::serve(listener, app).await });
        proxy
    }

    /// Requests since the last call: (method, path).
    fn take(&self) -> Vec<(Method, String)> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }
}

async fn forward(State(proxy): State<Arc<Proxy>>, request: axum::extract::Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    proxy
        .log
        .lock()
        .unwrap()
        .push((parts.method.clone(), parts.uri.path().to_owned()));
    if parts.method == Method::PUT
        && proxy.puts.fetch_add(1, Ordering::SeqCst) >= proxy.allowed.load(Ordering::SeqCst)
    {
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "application/xml")],
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>test proxy: no more uploads</Message></Error>",
        )
            .into_response();
    }
    let target = format!(
        "{}{}",
        proxy.upstream,
        parts.uri.path_and_query().map_or("/", |p| p.as_str())
    );
    let mut outgoing = proxy.client.request(parts.method, target).body(body);
    for (name, value) in &parts.headers {
        if ![header::HOST, header::CONTENT_LENGTH, header::CONNECTION].contains(name) {
            outgoing = outgoing.header(name, value);
        }
    }
    let answer = match outgoing.send().await {
        Ok(answer) => answer,
        Err(error) => return (StatusCode::BAD_GATEWAY, error.to_string()).into_response(),
    };
    let status = answer.status();
    let headers = answer.headers().clone();
    let mut response = Response::new(Body::from(answer.bytes().await.unwrap()));
    *response.status_mut() = status;
    for (name, value) in &headers {
        if ![
            header::CONTENT_LENGTH,
            header::TRANSFER_ENCODING,
            header::CONNECTION,
        ]
        .contains(name)
        {
            response.headers_mut().append(name, value.clone());
        }
    }
    response
}

/// A store with 30 orders reviewing 2183 and 1001, and `catalog` as the product feed.
fn database(db: &Path, catalog: &[&str]) {
    let mut store = Store::open(db).unwrap();
    let now = 1_700_000_000;
    let orders: Vec<String> = (0..30)
        .map(|i| {
            let at = now - DAY * (30 - i);
            order_json(
                27_000 + i as u64,
                at,
                &[
                    ("2183", at, Some((i % 11) as u8), Some("bună")),
                    ("1001", at, Some(8), None),
                ],
            )
        })
        .collect();
    let batch = stele_core::normalise::read_feed(&success(&orders), Default::default()).unwrap();
    store
        .apply(&batch, stele_core::Timestamp::from_unix(now), None)
        .unwrap();
    set_catalog(db, catalog);
}

fn set_catalog(db: &Path, catalog: &[&str]) {
    let entries: Vec<CatalogEntry> = catalog
        .iter()
        .map(|id| CatalogEntry {
            product_id: (*id).to_owned(),
            info: stele_core::public::ProductInfo {
                name: Some(format!("Product {id}")),
                ..Default::default()
            },
        })
        .collect();
    Store::open(db).unwrap().replace_catalog(&entries).unwrap();
}

/// A bucket on a fresh moto behind a recording proxy, and a database of `products` in a
/// temporary directory: where every publish test starts.
struct Scene {
    moto: Moto,
    proxy: Arc<Proxy>,
    dir: tempfile::TempDir,
    db: std::path::PathBuf,
}

async fn scene(products: &[&str]) -> Scene {
    let moto = Moto::start().await;
    moto.bucket().await;
    let proxy = Proxy::start(&moto.url).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stele.db");
    database(&db, products);
    Scene {
        moto,
        proxy,
        dir,
        db,
    }
}

/// `stele-relay ARGS` ([`crate::support::relay`]) with `STELE_DB=db`, reaching S3 at
/// `endpoint` through the standard AWS variables only (anything AWS_*, GOOGLE_*, AZURE_* or
/// *_proxy inherited is removed too).
async fn relay_to_s3(args: &[&str], db: &Path, endpoint: &str) -> Output {
    let mut command = tokio::process::Command::from(crate::support::relay());
    for (name, _) in std::env::vars() {
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("aws_")
            || lower.starts_with("google_")
            || lower.starts_with("azure_")
            || lower.ends_with("_proxy")
        {
            command.env_remove(&name);
        }
    }
    command
        .args(args)
        .env("STELE_DB", db)
        .env("AWS_ENDPOINT", endpoint)
        .env("AWS_ALLOW_HTTP", "true")
        .env("AWS_ACCESS_KEY_ID", "stele-test")
        .env("AWS_SECRET_ACCESS_KEY", "stele-test-secret")
        .env("AWS_REGION", "us-east-1")
        .env("RUST_LOG", "warn")
        .kill_on_drop(true);
    tokio::time::timeout(Duration::from_secs(60), command.output())
        .await
        .expect("stele-relay finished within 60 s")
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "status {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Every file under `root`: relative path → bytes.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_string_lossy();
                files.insert(relative.replace('\\', "/"), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(root, root, &mut files);
    files
}

fn without_generated_at(bytes: &[u8]) -> Value {
    let mut value: Value = serde_json::from_slice(bytes).unwrap();
    value.as_object_mut().unwrap().remove("generated_at");
    value
}

/// The files of a product (its page, lists and rows) in `keys`.
fn product_keys<'a>(keys: &'a BTreeSet<String>, id: &str) -> Vec<&'a String> {
    let page = format!("shop/{}", paths::product(id));
    let lists = format!("{}/", page.trim_end_matches(".json"));
    keys.iter()
        .filter(|k| **k == page || k.starts_with(&lists))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publish_writes_the_out_tree_with_headers_and_the_manifest_last() {
    let Scene {
        moto,
        proxy,
        dir,
        db,
    } = scene(&["2183", "1001", "SKU-NEW-1"]).await;

    let out = dir.path().join("public");
    let exported = relay_to_s3(&["export", "--out", out.to_str().unwrap()], &db, &proxy.url).await;
    assert!(exported.status.success(), "{}", text(&exported));
    let started = Instant::now();
    let published = relay_to_s3(
        &["export", "--to", &format!("s3://{BUCKET}/shop")],
        &db,
        &proxy.url,
    )
    .await;
    let took = started.elapsed();
    assert!(published.status.success(), "{}", text(&published));
    let files = tree(&out);
    let stdout = String::from_utf8_lossy(&published.stdout);
    assert!(
        stdout.starts_with(&format!(
            "published {} objects ({} bytes) to s3://{BUCKET}/shop in ",
            files.len(),
            files.values().map(Vec::len).sum::<usize>()
        )),
        "{stdout}"
    );
    eprintln!("{} objects in {took:?}", files.len());

    // The same keys as the directory, nothing else.
    let expected: BTreeSet<String> = files.keys().map(|p| format!("shop/{p}")).collect();
    assert_eq!(moto.keys("shop").await, expected);
    assert!(files.len() > 100, "{}", files.len());
    for (path, bytes) in &files {
        let (status, content_type, cache_control, body) = moto.get(&format!("shop/{path}")).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(
            content_type,
            stele_relay::delivery::export_headers(path).0,
            "{path}"
        );
        assert_eq!(cache_control, JSON_CACHE_CONTROL, "{path}");
        assert_eq!(
            cache_control,
            "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400"
        );
        if path == "v1/export.json" {
            assert_eq!(without_generated_at(&body), without_generated_at(bytes));
            let manifest: Value = serde_json::from_slice(&body).unwrap();
            assert_eq!(manifest["files"], files.len());
        } else {
            assert_eq!(&body, bytes, "{path}");
        }
    }
    // The pointer file answers the badges' query (S3 ignores the query string).
    let (status, content_type, _, body) = moto.get("shop/v1/summaries?ids=2183,1001").await;
    assert_eq!((status, content_type.as_str()), (200, "application/json"));
    assert_eq!(body, files["v1/summaries"]);
    // The fragments a web server's include asks for are objects too, as HTML.
    for key in [
        "shop/v1/products/2183/badge.html",
        "shop/v1/products/2183/embed.html",
        "shop/v1/shop/embed.html",
    ] {
        let (status, content_type, _, body) = moto.get(key).await;
        assert_eq!(
            (status, content_type.as_str()),
            (200, "text/html; charset=utf-8"),
            "{key}"
        );
        assert!(
            body.starts_with(b"<template shadowrootmode=\"open\">"),
            "{key}"
        );
    }

    // One PUT per object, the manifest last, no deletions on a first publish.
    let requests = proxy.take();
    let puts: Vec<&String> = requests
        .iter()
        .filter(|(m, _)| m == Method::PUT)
        .map(|(_, p)| p)
        .collect();
    assert_eq!(puts.len(), files.len());
    assert_eq!(
        puts.last().unwrap().as_str(),
        format!("/{BUCKET}/shop/v1/export.json")
    );
    assert!(!requests.iter().any(|(m, _)| m == Method::DELETE));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_publish_deletes_a_vanished_product_after_the_manifest() {
    let Scene {
        moto,
        proxy,
        dir: _dir,
        db,
    } = scene(&["2183", "1001", "SKU-GONE"]).await;
    let to = format!("s3://{BUCKET}/shop/");

    let first = relay_to_s3(&["export", "--to", &to], &db, &proxy.url).await;
    assert!(first.status.success(), "{}", text(&first));
    let before = moto.keys("shop").await;
    let gone = product_keys(&before, "SKU-GONE");
    assert_eq!(
        gone.len(),
        1 + 4 * 6 + 1 + 2,
        "its page, 4 sorts × (list + 5 rows), its rating image, its badge and review fragments"
    );

    // The shop's own files beside the export, and another prefix, are not the export's.
    for key in ["shop/index.html", "other/v1/products/SKU-GONE.json"] {
        moto.store()
            .put(&ObjectPath::from(key), "mine".into())
            .await
            .unwrap();
    }

    set_catalog(&db, &["2183", "1001"]);
    proxy.take();
    let second = relay_to_s3(&["export", "--to", &to], &db, &proxy.url).await;
    assert!(second.status.success(), "{}", text(&second));
    let stdout = String::from_utf8_lossy(&second.stdout);
    assert!(
        stdout.trim_end().ends_with(", deleted 28 stale objects"),
        "{stdout}"
    );

    let after = moto.keys("shop").await;
    assert!(product_keys(&after, "SKU-GONE").is_empty(), "{after:?}");
    for key in &gone {
        assert_eq!(moto.get(key).await.0, 404, "{key}");
    }
    let kept: BTreeSet<String> = before
        .iter()
        .filter(|k| !gone.contains(k))
        .cloned()
        .chain(["shop/index.html".to_owned()])
        .collect();
    assert_eq!(after, kept);
    assert_eq!(moto.get("other/v1/products/SKU-GONE.json").await.0, 200);
    let (_, _, _, manifest) = moto.get("shop/v1/export.json").await;
    let manifest: Value = serde_json::from_slice(&manifest).unwrap();
    assert_eq!(manifest["products"], 2);
    assert_eq!(manifest["files"], after.len() - 1);

    // Deletions only after the manifest.
    let requests = proxy.take();
    let manifest_at = requests
        .iter()
        .position(|(m, p)| m == Method::PUT && p.ends_with("/v1/export.json"))
        .unwrap();
    let deletes: Vec<usize> = requests
        .iter()
        .enumerate()
        .filter(|(_, (m, _))| m == Method::DELETE)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(deletes.len(), 28);
    assert!(deletes.iter().all(|&i| i > manifest_at), "{requests:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_upload_leaves_the_previous_tree_readable() {
    let Scene {
        moto,
        proxy,
        dir: _dir,
        db,
    } = scene(&["2183", "1001", "SKU-GONE"]).await;
    let to = format!("s3://{BUCKET}/shop");

    let first = relay_to_s3(&["export", "--to", &to], &db, &proxy.url).await;
    assert!(first.status.success(), "{}", text(&first));
    let old_keys = moto.keys("shop").await;
    let mut old = BTreeMap::new();
    for key in &old_keys {
        old.insert(key.clone(), moto.get(key).await.3);
    }

    // New data (SKU-GONE leaves), and the store refuses uploads after 20 of them.
    set_catalog(&db, &["2183", "1001"]);
    proxy.take();
    proxy.puts.store(0, Ordering::SeqCst);
    proxy.allowed.store(20, Ordering::SeqCst);
    let failed = relay_to_s3(&["export", "--to", &to], &db, &proxy.url).await;
    assert_eq!(failed.status.code(), Some(1), "{}", text(&failed));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains(&format!("cannot upload s3://{BUCKET}/shop/v1/")),
        "{stderr}"
    );
    assert!(stderr.contains("403"), "{stderr}");
    assert!(
        stderr.contains("the previous export is still intact"),
        "{stderr}"
    );

    // Nothing deleted, the manifest never sent, the old manifest in place, and every object
    // of the old tree still answers.
    let requests = proxy.take();
    assert!(!requests.iter().any(|(m, _)| m == Method::DELETE));
    assert!(!requests
        .iter()
        .any(|(m, p)| m == Method::PUT && p.ends_with("/v1/export.json")));
    assert_eq!(moto.keys("shop").await, old_keys);
    let manifest = "shop/v1/export.json".to_owned();
    assert_eq!(moto.get(&manifest).await.3, old[&manifest]);
    for key in &old_keys {
        let (status, content_type, _, body) = moto.get(key).await;
        let path = key.trim_start_matches("shop/");
        assert_eq!(
            (status, content_type.as_str()),
            (200, stele_relay::delivery::export_headers(path).0),
            "{key}"
        );
        if path.ends_with(".png") {
            tiny_skia::Pixmap::decode_png(&body).unwrap_or_else(|e| panic!("{key}: {e}"));
        } else if path.ends_with(".html") {
            assert!(body.starts_with(b"<template shadowrootmode"), "{key}");
        } else {
            serde_json::from_slice::<Value>(&body).unwrap_or_else(|e| panic!("{key}: {e}"));
        }
    }

    // Once the store accepts uploads again, the same command completes the new tree.
    proxy.allowed.store(usize::MAX, Ordering::SeqCst);
    let retried = relay_to_s3(&["export", "--to", &to], &db, &proxy.url).await;
    assert!(retried.status.success(), "{}", text(&retried));
    assert!(product_keys(&moto.keys("shop").await, "SKU-GONE").is_empty());
}

#[test]
fn the_export_command_names_a_wrong_target() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stele.db");
    let run = |args: &[&str]| {
        crate::support::relay()
            .args(args)
            .env("STELE_DB", &db)
            .output()
            .unwrap()
    };
    let cases: [(&[&str], &str); 5] = [
        (&["export"], "<--out <DIR>|--to <URL>>"),
        (
            &["export", "--out", "x", "--to", "s3://b/p"],
            "cannot be used with",
        ),
        (
            &["export", "--to", "ftp://host/p"],
            "unknown scheme \"ftp\"",
        ),
        (
            &["export", "--to", "s3://"],
            "no bucket; write s3://BUCKET/PREFIX",
        ),
        (
            &["demo", "--to", "file:///tmp/x"],
            "for a directory use --out DIR",
        ),
    ];
    for (args, message) in cases {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", text(&output));
        assert!(
            String::from_utf8_lossy(&output.stderr).contains(message),
            "{args:?}: {}",
            text(&output)
        );
    }
    assert!(
        !db.exists(),
        "a wrong target fails before opening the store"
    );
}
