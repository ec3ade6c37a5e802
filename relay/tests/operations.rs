//! What operators meet: probes, metrics, logs, the key from a file, `check` and `config`,
//! settings refused at start-up, graceful shutdown, and panics that cost one request.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::fake_upstream::{Behaviour, FakeUpstream};
use common::wait_for_listen;
use common::{free_port, order_json, success};

const KEY: &str = "rk_OPSCANARY_5be11e";
const WRONG_KEY: &[u8] = br#"{"status":"error","message":"Incorrect rest key!"}"#;

fn relay() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stele-relay"));
    for (name, _) in std::env::vars() {
        if name.starts_with("STELE_")
            || name.starts_with("RTG_")
            || name == "RUST_LOG"
            || name == "CREDENTIALS_DIRECTORY"
        {
            command.env_remove(name);
        }
    }
    command
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn feed() -> Vec<u8> {
    let now = stele_relay::model::store::now().unix();
    success(&[order_json(
        1,
        now - 3600,
        &[("p1", now - 3600, Some(9), Some("bună"))],
    )])
}

#[test]
fn nonsense_settings_are_refused_at_start_up_naming_the_variable() {
    for (variable, value, expect) in [
        ("STELE_RATE_LIMIT", "-1", "e.g. STELE_RATE_LIMIT=20"),
        ("STELE_RATE_LIMIT", "NaN", "e.g. STELE_RATE_LIMIT=20"),
        ("STELE_RATE_LIMIT", "lots", "e.g. STELE_RATE_LIMIT=20"),
        ("STELE_SYNC_INTERVAL", "0", "e.g. STELE_SYNC_INTERVAL=15m"),
        ("STELE_SYNC_INTERVAL", "15", "no unit"),
        ("STELE_SYNC_INTERVAL", "10s", "below the floor"),
        (
            "STELE_UPSTREAM_TIMEOUT",
            "0s",
            "e.g. STELE_UPSTREAM_TIMEOUT=20s",
        ),
        ("STELE_CACHE_MAX_AGE", "60", "e.g. STELE_CACHE_MAX_AGE=60s"),
        (
            "STELE_TRUSTED_PROXIES",
            "10.0.0.0/8,proxy",
            "e.g. STELE_TRUSTED_PROXIES=",
        ),
        ("STELE_LOG_FORMAT", "xml", "json"),
        (
            "STELE_METRICS_LISTEN",
            "127.0.0.1:8787",
            "e.g. STELE_METRICS_LISTEN=",
        ),
    ] {
        let started = Instant::now();
        let output = relay()
            .arg("serve")
            .env("RTG_REST_KEY", KEY)
            .env("RTG_CUSTOMER_ID", "1")
            .env("STELE_DB", "/nonexistent/never.db")
            .env(variable, value)
            .output()
            .unwrap();
        let said = text(&output);
        assert_eq!(output.status.code(), Some(2), "{variable}={value}: {said}");
        assert!(
            said.contains(variable) && said.contains(expect),
            "{variable}={value}: {said}"
        );
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}

#[test]
fn a_slow_rate_still_lets_a_first_request_through() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("demo.log");
    let mut demo = relay()
        .args(["demo", "--listen", "127.0.0.1:0"])
        .env("STELE_RATE_LIMIT", "0.2")
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let address = wait_for_listen(&log);
    let status = |path: &str| http_get(&address, path).0;
    assert_eq!(
        status("/v1/shop"),
        200,
        "the first request of a 0.2/s budget"
    );
    assert_eq!(status("/v1/shop"), 429, "the second within 5 s");
    assert_eq!(status("/livez"), 200, "probes never count");
    demo.kill().unwrap();
    demo.wait().unwrap();
}

#[test]
fn the_key_comes_from_a_file_or_a_systemd_credential_and_config_redacts_it() {
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let fake = rt.block_on(FakeUpstream::start(Behaviour::Body(feed())));
    let key_file = dir.path().join("key");
    std::fs::write(&key_file, format!("{KEY}\n")).unwrap();
    let credentials = dir.path().join("credentials");
    std::fs::create_dir(&credentials).unwrap();
    std::fs::write(credentials.join("rtg_rest_key"), KEY).unwrap();

    let run = |args: &[&str], envs: &[(&str, &Path)]| {
        let mut command = relay();
        command
            .args(args)
            .env("RTG_CUSTOMER_ID", "c1")
            .env("STELE_UPSTREAM_URL", &fake.url);
        for (name, value) in envs {
            command.env(name, value);
        }
        command.output().unwrap()
    };
    let from_file = run(&["check"], &[("RTG_REST_KEY_FILE", &key_file)]);
    assert!(from_file.status.success(), "{}", text(&from_file));
    assert!(
        text(&from_file).contains("ok: Retargeting accepted"),
        "{}",
        text(&from_file)
    );
    let from_credential = run(&["check"], &[("CREDENTIALS_DIRECTORY", &credentials)]);
    assert!(
        from_credential.status.success(),
        "{}",
        text(&from_credential)
    );
    let keys: Vec<String> = fake
        .requests()
        .iter()
        .filter_map(|q| q.get("k").cloned())
        .collect();
    assert_eq!(
        keys,
        [KEY, KEY],
        "the key reached the upstream both ways, trimmed"
    );

    let state = dir.path().join("state");
    let config = run(
        &["config"],
        &[
            ("CREDENTIALS_DIRECTORY", &credentials),
            ("STATE_DIRECTORY", &state),
        ],
    );
    let printed = text(&config);
    assert!(config.status.success(), "{printed}");
    assert!(
        printed.contains("RTG_REST_KEY=<redacted> (from the credential"),
        "{printed}"
    );
    assert!(printed.contains("STELE_SYNC_INTERVAL=15m"), "{printed}");
    assert!(!printed.contains(KEY), "{printed}");

    let both = relay()
        .arg("check")
        .env("RTG_REST_KEY", KEY)
        .env("RTG_REST_KEY_FILE", &key_file)
        .env("RTG_CUSTOMER_ID", "c1")
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(2));
    assert!(text(&both).contains("keep one"), "{}", text(&both));
    let missing = run(
        &["check"],
        &[("RTG_REST_KEY_FILE", &dir.path().join("nope"))],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing).contains("RTG_REST_KEY_FILE: cannot read"),
        "{}",
        text(&missing)
    );
}

#[test]
fn check_prints_what_retargeting_said_and_the_hint_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let fake = rt.block_on(FakeUpstream::start(Behaviour::Body(WRONG_KEY.to_vec())));
    let output = relay()
        .arg("check")
        .current_dir(dir.path())
        .env("RTG_REST_KEY", KEY)
        .env("RTG_CUSTOMER_ID", "c1")
        .env("STELE_UPSTREAM_URL", &fake.url)
        .output()
        .unwrap();
    let said = text(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(
        said.contains("Incorrect rest key!")
            && said.contains("hint:")
            && said.contains("second field"),
        "{said}"
    );
    assert!(!said.contains(KEY), "{said}");
    assert_eq!(fake.requests().len(), 1, "one upstream call");
    assert!(
        fake.requests()[0].contains_key("t"),
        "asks for a small window"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no database written"
    );

    let dead = relay()
        .arg("check")
        .env("RTG_REST_KEY", KEY)
        .env("RTG_CUSTOMER_ID", "c1")
        .env(
            "STELE_UPSTREAM_URL",
            format!("http://127.0.0.1:{}/", free_port()),
        )
        .output()
        .unwrap();
    assert_eq!(dead.status.code(), Some(1));
    assert!(
        text(&dead).contains("upstream_unreachable"),
        "{}",
        text(&dead)
    );
}

#[test]
fn probes_metrics_and_json_logs_of_a_relay_whose_key_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let fake = rt.block_on(FakeUpstream::start(Behaviour::Body(WRONG_KEY.to_vec())));
    let log = dir.path().join("serve.log");
    let metrics_port = free_port();
    let mut server = relay()
        .arg("serve")
        .env("RTG_REST_KEY", KEY)
        .env("RTG_CUSTOMER_ID", "c1")
        .env("STELE_UPSTREAM_URL", &fake.url)
        .env("STELE_DB", dir.path().join("stele.db"))
        .env("STELE_LISTEN", "127.0.0.1:0")
        .env("STELE_METRICS_LISTEN", format!("127.0.0.1:{metrics_port}"))
        .env("STELE_LOG_FORMAT", "json")
        .env("RUST_LOG", "trace")
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let address = wait_for_listen(&log);
    let deadline = Instant::now() + Duration::from_secs(10);
    while fake.requests().is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        http_get(&address, "/livez").0,
        200,
        "alive: a restart would not fix a key"
    );
    let (ready, body) = http_get(&address, "/readyz");
    assert_eq!(ready, 503, "{body}");
    assert!(body.contains("incorrect_rest_key"), "{body}");
    assert_eq!(http_get(&address, "/v1/shop").0, 200);
    assert_eq!(
        http_get(&address, "/metrics").0,
        404,
        "never on the public port"
    );
    let metrics_address = format!("127.0.0.1:{metrics_port}");
    let (status, metrics) = http_get(&metrics_address, "/metrics");
    assert_eq!(status, 200);
    for expected in [
        "stele_ready 0",
        "stele_sync_consecutive_failures{code=\"incorrect_rest_key\"} 1",
        "stele_sync_failures_total{code=\"incorrect_rest_key\"} 1",
        "stele_sync_last_duration_seconds ",
        "stele_stored_orders 0",
        "stele_stored_product_reviews 0",
        "stele_stored_products 0",
        "stele_http_requests_total{route=\"/v1/shop\",status=\"200\"} 1",
        "stele_http_request_duration_seconds_bucket{route=\"/v1/shop\",le=\"0.005\"}",
        "# TYPE stele_http_request_duration_seconds histogram",
    ] {
        assert!(
            metrics.contains(expected),
            "missing {expected:?} in:\n{metrics}"
        );
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let logged = std::fs::read_to_string(&log).unwrap();
    let json_lines: Vec<serde_json::Value> = logged
        .lines()
        .filter(|line| line.starts_with('{'))
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    assert!(json_lines.len() > 5, "{logged}");
    assert!(
        json_lines
            .iter()
            .any(|l| l["fields"]["code"] == "incorrect_rest_key"),
        "the failure is a field log shippers can query: {logged}"
    );
    assert!(
        logged.contains("/v1/shop"),
        "request logs at trace level name the path: {logged}"
    );
    assert!(
        !logged.contains(KEY) && !metrics.contains(KEY),
        "the key leaked"
    );
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

/// A blocking GET over a raw socket: the status and the body.
fn http_get(address: &str, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    (status, body)
}
