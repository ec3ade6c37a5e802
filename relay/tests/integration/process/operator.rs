//! What operators meet: probes, metrics and JSON logs of a relay whose key is wrong, the key
//! from a file or a systemd credential, `check` and `config`, and a slow rate limit.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::fake_upstream::{Behaviour, FakeUpstream};
use crate::support::{free_port, get, order_json, relay, success, text, wait_for_listen};

const KEY: &str = "rk_OPSCANARY_5be11e";
const WRONG_KEY: &[u8] = br#"{"status":"error","message":"Incorrect rest key!"}"#;

fn feed() -> Vec<u8> {
    let now = stele_relay::model::store::now().unix();
    success(&[order_json(
        1,
        now - 3600,
        &[("p1", now - 3600, Some(9), Some("bună"))],
    )])
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
    let status = |path: &str| get(&address, path).0;
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

    // systemd creates the StateDirectory before the relay starts.
    let state = dir.path().join("state");
    std::fs::create_dir(&state).unwrap();
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
        get(&address, "/livez").0,
        200,
        "alive: a restart would not fix a key"
    );
    let (ready, body) = get(&address, "/readyz");
    assert_eq!(ready, 503, "{body}");
    assert!(body.contains("incorrect_rest_key"), "{body}");
    assert_eq!(get(&address, "/v1/shop").0, 200);
    assert_eq!(get(&address, "/metrics").0, 404, "never on the public port");
    let metrics_address = format!("127.0.0.1:{metrics_port}");
    // Three connections held open on the public port: the gauge counts them, not the
    // scrape's own connection on the metrics port (which set it to 1 before).
    let held: Vec<_> = (0..3)
        .map(|_| std::net::TcpStream::connect(&address).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let _ = get(&metrics_address, "/metrics");
    let (status, metrics) = get(&metrics_address, "/metrics");
    assert_eq!(status, 200);
    drop(held);
    for expected in [
        "stele_connections_open 3\n",
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
