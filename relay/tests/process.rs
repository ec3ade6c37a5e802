//! The relay as operators run it, as a process: crash safety, secrecy, configuration errors.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::fake_upstream::{Behaviour, FakeUpstream};
use common::wait_for_listen;
use common::{order_json, success};

const KEY: &str = "rk_LEAKCANARY_93f1c0de";
const DAY: i64 = 86_400;

fn relay() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stele-relay"));
    for var in [
        "RTG_REST_KEY",
        "RTG_CUSTOMER_ID",
        "STELE_UPSTREAM_URL",
        "STELE_DB",
        "STELE_LISTEN",
        "RUST_LOG",
    ] {
        command.env_remove(var);
    }
    command
}

fn feed(orders: std::ops::Range<u64>) -> Vec<u8> {
    let now = stele_relay::model::store::now().unix();
    let items: Vec<String> = orders
        .map(|i| {
            order_json(
                i,
                now - DAY,
                &[
                    ("p1", now - DAY, Some((i % 11) as u8), Some("bună")),
                    ("p2", now - DAY, Some(8), None),
                ],
            )
        })
        .collect();
    success(&items)
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

fn read_all(mut reader: impl Read) -> String {
    let mut text = String::new();
    reader.read_to_string(&mut text).unwrap();
    text
}

fn bytes_of_dir(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            all.extend(std::fs::read(path).unwrap());
        }
    }
    all
}

#[test]
fn the_rest_key_appears_in_no_log_response_or_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stele.db");
    let fake = FakeUpstream::start_in_background(Behaviour::Body(feed(0..50)));
    let mut captured = String::new();

    // A sync at the most verbose log level, then one the upstream rejects.
    for behaviour in [
        Behaviour::Body(feed(0..50)),
        Behaviour::Body(br#"{"status":"error","message":"Incorrect rest key!"}"#.to_vec()),
    ] {
        fake.set(behaviour);
        let output = relay()
            .args(["sync"])
            .env("RTG_REST_KEY", KEY)
            .env("RTG_CUSTOMER_ID", "c1")
            .env("STELE_UPSTREAM_URL", &fake.url)
            .env("STELE_DB", &db)
            .env("RUST_LOG", "trace")
            .output()
            .unwrap();
        captured.push_str(&String::from_utf8_lossy(&output.stdout));
        captured.push_str(&String::from_utf8_lossy(&output.stderr));
    }
    assert!(
        captured.contains("Incorrect rest key!"),
        "the failure was reported: {captured}"
    );

    // The server, syncing against an upstream that fails, answering requests.
    let metrics_port = common::free_port();
    let stderr_path = dir.path().join("serve.log");
    let mut server = relay()
        .args(["serve"])
        .env("RTG_REST_KEY", KEY)
        .env("RTG_CUSTOMER_ID", "c1")
        .env("STELE_UPSTREAM_URL", &fake.url)
        .env("STELE_DB", &db)
        .env("STELE_LISTEN", "127.0.0.1:0")
        .env("STELE_SYNC_INTERVAL", "1m")
        .env("STELE_METRICS_LISTEN", format!("127.0.0.1:{metrics_port}"))
        .env("RUST_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap();
    let address = wait_for_listen(&stderr_path);
    std::thread::sleep(Duration::from_millis(2500));
    let client = raw_http::get_client();
    for path in [
        "/healthz",
        "/v1/shop",
        "/v1/products/p1",
        "/v1/products/p1/reviews?sort=lowest",
        "/v1/summaries?ids=p1,p2",
        "/nope",
        "/v1/testimonials?page=0",
        "/livez",
        "/readyz",
    ] {
        let (head, body) = client(&format!("http://{address}{path}"));
        captured.push_str(&head);
        captured.push_str(&body);
    }
    let (head, metrics) = client(&format!("http://127.0.0.1:{metrics_port}/metrics"));
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(
        metrics.contains("stele_sync_consecutive_failures{code=\"incorrect_rest_key\"} 1"),
        "{metrics}"
    );
    captured.push_str(&metrics);
    let help = relay()
        .args(["serve", "--help"])
        .env("RTG_REST_KEY", KEY)
        .output()
        .unwrap();
    captured.push_str(&String::from_utf8_lossy(&help.stdout));
    server.kill().unwrap();
    server.wait().unwrap();
    captured.push_str(&read_all(server.stdout.take().unwrap()));
    captured.push_str(&std::fs::read_to_string(&stderr_path).unwrap());

    assert!(
        fake.requests()
            .iter()
            .all(|q| q.get("k").map(String::as_str) == Some(KEY)),
        "the upstream did receive the key"
    );
    assert!(
        captured.contains("incorrect_rest_key"),
        "healthz and logs saw the failure"
    );
    assert_eq!(
        captured.matches(KEY).count(),
        0,
        "the key leaked into logs or responses"
    );
    let files = bytes_of_dir(dir.path());
    assert!(
        !files.windows(KEY.len()).any(|w| w == KEY.as_bytes()),
        "the key leaked into the database or a log file"
    );
}

/// A tiny blocking GET over a raw socket: the head and the body as text.
mod raw_http {
    use std::io::{Read, Write};

    pub fn get_client() -> impl Fn(&str) -> (String, String) {
        |url: &str| {
            let rest = url.strip_prefix("http://").unwrap();
            let (host, path) = rest
                .split_once('/')
                .map(|(h, p)| (h, format!("/{p}")))
                .unwrap();
            let mut stream = std::net::TcpStream::connect(host).unwrap();
            write!(
                stream,
                "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut response = String::new();
            stream.read_to_string(&mut response).unwrap();
            let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
            (head.to_owned(), body.to_owned())
        }
    }
}

#[test]
fn serve_and_sync_name_the_missing_variable() {
    for (command, missing, env) in [
        ("sync", "RTG_REST_KEY", vec![("RTG_CUSTOMER_ID", "1")]),
        ("serve", "RTG_REST_KEY", vec![("RTG_CUSTOMER_ID", "1")]),
        ("sync", "RTG_CUSTOMER_ID", vec![("RTG_REST_KEY", "k")]),
        ("serve", "RTG_CUSTOMER_ID", vec![("RTG_REST_KEY", "k")]),
    ] {
        let started = Instant::now();
        let output = relay()
            .arg(command)
            .envs(env)
            .env("STELE_DB", "/nonexistent/never-created.db")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains(missing) && stderr.contains("Settings → Integration"),
            "{command}: {stderr}"
        );
        assert!(started.elapsed() < Duration::from_secs(5), "fails at once");
    }
}

#[test]
fn bad_shop_settings_are_refused_at_start_naming_the_variable_and_an_example() {
    for (variable, value, example) in [
        ("STELE_CURRENCY", "LEI", "STELE_CURRENCY=EUR"),
        ("STELE_JSONLD", "both", "STELE_JSONLD=rating"),
        (
            "STELE_JSONLD_PRODUCT_ID",
            "#product",
            "STELE_JSONLD_PRODUCT_ID={url}#product",
        ),
    ] {
        for command in ["serve", "sync", "export"] {
            let output = relay()
                .arg(command)
                .env("RTG_REST_KEY", "k")
                .env("RTG_CUSTOMER_ID", "1")
                .env(variable, value)
                .env("STELE_DB", "/nonexistent/never-created.db")
                .args(if command == "export" {
                    &["--out", "/nonexistent/out"][..]
                } else {
                    &[][..]
                })
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(
                output.status.code(),
                Some(2),
                "{command} {variable}: {stderr}"
            );
            assert!(
                stderr.contains(variable) && stderr.contains(example),
                "{command} {variable}: {stderr}"
            );
        }
    }
}
