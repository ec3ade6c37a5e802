//! Running the relay binary the way an operator does, with nothing inherited from the
//! environment of whoever runs the tests.

#![allow(dead_code)]

use std::process::Command;

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
        let address = crate::common::wait_for_listen(&log);
        Self {
            address,
            log,
            child,
        }
    }

    /// `GET path`: the status and the body.
    pub fn get(&self, path: &str) -> (u16, String) {
        get(&self.address, path)
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
