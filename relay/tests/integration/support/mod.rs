//! What every test shares: the fake Feedback API ([`fake_upstream`]), the fixtures and
//! upstream JSON, the relay's state over given orders, real HTTP on loopback, and the relay
//! binary run the way an operator runs it ([`relay`], [`Served`]), with nothing inherited
//! from the environment of whoever runs the tests.
#![allow(dead_code)]

pub mod fake_upstream;

use std::path::PathBuf;
use std::process::{Command, Output};

/// The repository's `tests/fixtures/upstream`, or `$STELE_FIXTURES`.
pub fn fixture_path(name: &str) -> PathBuf {
    std::env::var_os("STELE_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/upstream")
        })
        .join(name)
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// Every fixture file name.
pub fn fixture_names() -> Vec<String> {
    let dir = fixture_path("");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

/// A Bucharest wall-clock date string for a Unix time (winter offset; tests only need order).
pub fn local_text(unix: i64) -> String {
    let text = stele_core::Timestamp::from_unix(unix + 2 * 3600).to_string();
    format!("{} {}", &text[..10], &text[11..19])
}

/// One upstream order with `reviews` product reviews, as JSON.
pub fn order_json(
    orderno: u64,
    added_on: i64,
    reviews: &[(&str, i64, Option<u8>, Option<&str>)],
) -> String {
    let reviews: Vec<String> = reviews
        .iter()
        .map(|(product, at, score, comment)| {
            serde_json::json!({"realid": product, "added_on": local_text(*at), "score": score, "comment": comment}).to_string()
        })
        .collect();
    format!(
        r#"{{"order":{{"orderno":"{orderno}","date":"{}"}},"score":9,"comment":"order {orderno}","added_on":"{}","product_reviews":[{}]}}"#,
        local_text(added_on - 86_400),
        local_text(added_on),
        reviews.join(",")
    )
}

pub fn success(orders: &[String]) -> Vec<u8> {
    format!(r#"{{"status":"success","data":[{}]}}"#, orders.join(",")).into_bytes()
}

/// Settings with no rate limit: tests ask many times from one address.
pub fn unlimited() -> stele_relay::config::http::HttpSettings {
    stele_relay::config::http::HttpSettings {
        rate_limit: None,
        ..Default::default()
    }
}

/// The relay's state over `snapshot`, before any sync (a default `Health`).
pub fn state_over(
    snapshot: stele_relay::model::snapshot::Snapshot,
    settings: stele_relay::config::http::HttpSettings,
) -> stele_relay::http::state::AppState {
    use std::sync::{Arc, Mutex};
    stele_relay::http::state::AppState::new(
        snapshot,
        Arc::new(Mutex::new(Default::default())),
        settings,
    )
}

/// The relay's state over `orders` (upstream JSON, see [`order_json`]), settings as given.
pub fn state_of(
    orders: &[String],
    settings: stele_relay::config::http::HttpSettings,
) -> stele_relay::http::state::AppState {
    use std::sync::{Arc, Mutex};
    let batch = stele_core::normalise::read_feed(&success(orders), Default::default()).unwrap();
    let mut store = stele_relay::model::store::Store::in_memory().unwrap();
    store
        .apply(&batch, stele_relay::model::store::now(), None)
        .unwrap();
    let store = Mutex::new(store);
    let snapshot =
        stele_relay::model::rebuild::build_snapshot(&store, &Default::default()).unwrap();
    let health = stele_relay::ingest::health::Health {
        last_success: Some(stele_relay::model::store::now()),
        ..Default::default()
    };
    stele_relay::http::state::AppState::new(snapshot, Arc::new(Mutex::new(health)), settings)
}

/// Serves `router` on a loopback port over real HTTP until the test's runtime ends.
pub async fn serve_in_background(router: axum::Router) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(stele_relay::http::lifecycle::serve_until(
        listener,
        router,
        std::future::pending(),
        std::time::Duration::from_secs(1),
    ));
    address
}

/// A free loopback port (bound and released: the caller binds it next).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The address a relay process prints ("listening on http://…") to the log file it writes.
pub fn wait_for_listen(log: &std::path::Path) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::time::Instant::now() < deadline {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        if let Some(line) = text.lines().find(|l| l.contains("listening on http://")) {
            // A text line ends with the address; a JSON one has `"}` and more after it.
            let rest = line.rsplit("listening on http://").next().unwrap();
            return rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || ".:[]-".contains(*c))
                .collect();
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!(
        "the relay did not start: {}",
        std::fs::read_to_string(log).unwrap_or_default()
    );
}

/// The key every test uses: a canary that must never appear anywhere but upstream.
pub const KEY: &str = "rk_LEAKCANARY_5ec2e7";

/// `stele-relay` with every `STELE_*`, `RTG_*` and `RUST_LOG` variable of the test's own
/// environment removed, so a developer's settings cannot change what a test sees.
pub fn relay() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stele-relay"));
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("STELE_")
            || name.starts_with("RTG_")
            || name == "RUST_LOG"
            || name == "CREDENTIALS_DIRECTORY"
            || name == "STATE_DIRECTORY"
        {
            command.env_remove(&*name);
        }
    }
    command
}

/// A `stele-relay serve` process, killed when dropped; its stderr goes to a file.
pub struct Served {
    /// `host:port` it listens on.
    pub address: String,
    /// Its stderr, for log assertions.
    pub log: std::path::PathBuf,
    child: std::process::Child,
}

impl Served {
    /// Starts `command` (a `serve` with its settings; `STELE_LISTEN` is set here) and waits
    /// for its "listening on" line.
    pub fn start(mut command: Command, dir: &std::path::Path) -> Self {
        let log = dir.join(format!("relay-{}.log", unique()));
        let child = command
            .env("STELE_LISTEN", "127.0.0.1:0")
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        // Owned before the wait, so a relay that never listens is killed when the test fails.
        let mut served = Self {
            address: String::new(),
            log,
            child,
        };
        served.address = wait_for_listen(&served.log);
        served
    }

    /// `GET path`: the status and the body.
    pub fn get(&self, path: &str) -> (u16, String) {
        get(&self.address, path)
    }

    /// Waits (20 s at most) until `/readyz` answers 200: the first sync's data is served.
    pub fn wait_ready(&self) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while self.get("/readyz").0 != 200 {
            assert!(
                std::time::Instant::now() < deadline,
                "never ready: {}",
                self.logged()
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What it logged so far.
    pub fn logged(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Stops it (SIGKILL) and waits.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.stop();
    }
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A blocking HTTP/1.1 GET over a raw socket (5 s timeouts): the status and the body.
pub fn get(address: &str, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, body.to_owned())
}

/// Every byte of every file under `dir`, concatenated (to search for a leaked secret).
pub fn bytes_of_dir(dir: &std::path::Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            bytes.extend(bytes_of_dir(&path));
        } else {
            bytes.extend(std::fs::read(&path).unwrap_or_default());
        }
    }
    bytes
}

/// Whether `haystack` holds `needle`.
pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

/// A finished process's standard output, then its standard error.
pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
