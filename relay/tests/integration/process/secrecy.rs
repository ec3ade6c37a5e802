//! The REST key, run as operators run the relay, appears in no log line (at trace), no
//! answer, no metric, no help text and no file.

use std::io::Read;
use std::process::Stdio;
use std::time::Duration;

use crate::support::fake_upstream::{Behaviour, FakeUpstream};
use crate::support::{bytes_of_dir, relay, wait_for_listen};

use super::{feed, KEY};

fn read_all(mut reader: impl Read) -> String {
    let mut text = String::new();
    reader.read_to_string(&mut text).unwrap();
    text
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
    let metrics_port = crate::support::free_port();
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
