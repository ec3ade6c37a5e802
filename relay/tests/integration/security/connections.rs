//! One client cannot take the relay down by holding sockets: half-open connections are
//! timed out, and at the connection cap a new connection takes the place of one that has
//! waited longest without a request, so shoppers keep being answered.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::support::fake_upstream::{Behaviour, FakeUpstream};
use crate::support::{order_json, success};
use crate::support::{relay, Served, KEY};

/// A relay serving one synced order, started under `prlimit` with `files` open files at
/// most (a systemd unit's default is 1,024), and `settings` on top.
fn served(dir: &std::path::Path, files: u32, settings: &[(&str, &str)]) -> (Served, FakeUpstream) {
    served_with_limits(dir, &format!("{files}:{files}"), settings)
}

/// [`served`] with `soft:hard` open-file limits.
fn served_with_limits(
    dir: &std::path::Path,
    files: &str,
    settings: &[(&str, &str)],
) -> (Served, FakeUpstream) {
    let at = stele_relay::model::store::now().unix() - 3600;
    let orders = [order_json(1, at, &[("p1", at, Some(10), Some("bună"))])];
    served_with_orders(dir, files, settings, &orders)
}

/// [`served_with_limits`] with the upstream answering `orders`.
fn served_with_orders(
    dir: &std::path::Path,
    files: &str,
    settings: &[(&str, &str)],
    orders: &[String],
) -> (Served, FakeUpstream) {
    let upstream = FakeUpstream::start_in_background(Behaviour::Body(success(orders)));
    let mut command = std::process::Command::new("prlimit");
    command
        .arg(format!("--nofile={files}"))
        .arg("--")
        .arg(relay().get_program())
        .arg("serve");
    // prlimit runs the relay: give it the scrubbed environment `relay()` would.
    command.env_clear();
    for (name, value) in relay().get_envs() {
        if let Some(value) = value {
            command.env(name, value);
        }
    }
    command
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("RTG_REST_KEY", KEY)
        .env("RTG_CUSTOMER_ID", "c1")
        .env("STELE_UPSTREAM_URL", &upstream.url)
        .env("STELE_DB", dir.join("stele.db"))
        .env("STELE_RATE_LIMIT", "0")
        .env("RUST_LOG", "info")
        .envs(settings.iter().copied());
    let served = Served::start(command, dir);
    // Wait for the first sync, so the requests below measure the server, not a sync.
    served.wait_ready();
    (served, upstream)
}

/// A slowloris socket: a request head begun and never finished.
fn slow_socket(address: &str) -> Option<TcpStream> {
    let mut socket = TcpStream::connect(address).ok()?;
    socket
        .write_all(b"GET /v1/shop HTTP/1.1\r\nHost: shop.example\r\n")
        .ok()?;
    Some(socket)
}

/// Whether the server has closed `socket` (a read sees EOF or a reset).
fn is_closed(socket: &mut TcpStream) -> bool {
    socket.set_nonblocking(true).unwrap();
    let closed = match socket.read(&mut [0u8; 64]) {
        Ok(0) => true,
        Ok(_) => false,
        Err(error) => error.kind() != std::io::ErrorKind::WouldBlock,
    };
    socket.set_nonblocking(false).unwrap();
    closed
}

/// One more header line on every socket the server has not closed; how many those are.
fn trickle(sockets: &mut Vec<TcpStream>) -> usize {
    sockets.retain_mut(|socket| !is_closed(socket) && socket.write_all(b"X-Slow: 1\r\n").is_ok());
    sockets.len()
}

/// A normal request on a new connection: its status and how long it took.
fn timed_get(address: &str, path: &str) -> (u16, Duration) {
    let started = Instant::now();
    let status = match TcpStream::connect(address) {
        Ok(mut socket) => {
            socket
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let sent = write!(
                socket,
                "GET {path} HTTP/1.1\r\nHost: shop.example\r\nConnection: close\r\n\r\n"
            );
            let mut answer = Vec::new();
            let _ = socket.read_to_end(&mut answer);
            let answer = String::from_utf8_lossy(&answer);
            match sent {
                Ok(()) => answer
                    .split_whitespace()
                    .nth(1)
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0),
                Err(_) => 0,
            }
        }
        Err(_) => 0,
    };
    (status, started.elapsed())
}

/// Opens `rounds` × 50 slowloris sockets against `served`, trickling a header line on each
/// between rounds, and checks that normal requests keep being answered within a second and
/// that at most `cap` slow sockets stay open; the slowest normal request.
fn hold_slowloris(served: &Served, rounds: usize, cap: usize) -> Duration {
    let mut slow = Vec::new();
    let mut worst = Duration::ZERO;
    let mut answered = 0;
    for round in 0..rounds {
        for _ in 0..50 {
            slow.extend(slow_socket(&served.address));
        }
        trickle(&mut slow);
        for path in ["/v1/shop", "/livez", "/v1/products/p1"] {
            let (status, took) = timed_get(&served.address, path);
            assert_eq!(
                status,
                200,
                "round {round}: {path} not answered with {} slow sockets open; log:\n{}",
                slow.len(),
                served.logged()
            );
            worst = worst.max(took);
            answered += 1;
        }
    }
    std::thread::sleep(Duration::from_millis(200));
    let still_open = trickle(&mut slow);
    eprintln!(
        "{answered} normal requests answered, the slowest in {worst:?}; of {} slow sockets {still_open} still open",
        rounds * 50
    );
    assert!(
        worst < Duration::from_secs(1),
        "a normal request took {worst:?} under the slowloris"
    );
    assert!(
        still_open <= cap,
        "a cap of {cap} held only {still_open} slow sockets open"
    );
    worst
}

#[test]
fn a_slowloris_client_holding_more_sockets_than_the_cap_does_not_stop_normal_requests() {
    let dir = tempfile::tempdir().unwrap();
    // 256 files at most, a cap of 128 connections, and 400 slow sockets: more than the cap
    // and more than the process could hold open at all.
    let (served, _upstream) = served(dir.path(), 256, &[("STELE_MAX_CONNECTIONS", "128")]);
    hold_slowloris(&served, 8, 128);
    let logged = served.logged();
    assert!(
        logged.contains("connection limit reached (STELE_MAX_CONNECTIONS)"),
        "{logged}"
    );
    assert_eq!(
        logged.matches("connection limit reached").count(),
        1,
        "one log line per 10 s, not one per connection: {logged}"
    );
}

/// Waits until `socket` is closed by the server (EOF or reset), up to `limit`.
fn closed_within(socket: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    socket
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let mut buffer = [0u8; 512];
    while started.elapsed() < limit {
        match socket.read(&mut buffer) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(error)
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return Some(started.elapsed()),
        }
    }
    None
}

#[test]
fn idle_and_slow_header_connections_are_closed_after_their_timeouts() {
    let dir = tempfile::tempdir().unwrap();
    let (served, _upstream) = served(
        dir.path(),
        1024,
        &[("STELE_IDLE_TIMEOUT", "2s"), ("STELE_HEADER_TIMEOUT", "2s")],
    );
    // Sends nothing at all.
    let mut silent = TcpStream::connect(&served.address).unwrap();
    // Sends a header line every 300 ms, forever: never idle, never done.
    let mut trickling = slow_socket(&served.address).unwrap();
    // A kept-alive connection after one answered request.
    let mut kept = TcpStream::connect(&served.address).unwrap();
    write!(kept, "GET /livez HTTP/1.1\r\nHost: shop.example\r\n\r\n").unwrap();

    let started = Instant::now();
    let mut trickle_closed = None;
    while started.elapsed() < Duration::from_secs(6) && trickle_closed.is_none() {
        if trickling.write_all(b"X-Slow: 1\r\n").is_err() {
            trickle_closed = Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    let trickle_closed = trickle_closed.expect("a trickling head was never cut off");
    assert!(
        trickle_closed >= Duration::from_millis(1900),
        "cut off before its 2 s: {trickle_closed:?}"
    );
    let silent_closed = closed_within(&mut silent, Duration::from_secs(6))
        .map(|d| d + Duration::ZERO)
        .expect("a silent connection was never closed");
    assert!(silent_closed < Duration::from_secs(6));
    let mut answer = [0u8; 4096];
    let n = kept.read(&mut answer).unwrap();
    assert!(String::from_utf8_lossy(&answer[..n]).starts_with("HTTP/1.1 200"));
    assert!(
        closed_within(&mut kept, Duration::from_secs(6)).is_some(),
        "an idle kept-alive connection stayed open"
    );
    // And the relay still answers.
    assert_eq!(timed_get(&served.address, "/livez").0, 200);
}

/// The soft limit the relay process runs with, from /proc.
fn soft_file_limit(pid: u32) -> u64 {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .unwrap();
    line.split_whitespace().nth(3).unwrap().parse().unwrap()
}

#[test]
fn the_relay_raises_its_open_file_limit_for_the_cap_and_says_when_it_cannot() {
    let dir = tempfile::tempdir().unwrap();
    // A soft limit of 100 under a hard one of 4096: raised to what 128 connections need.
    let (raised, _upstream) =
        served_with_limits(dir.path(), "100:4096", &[("STELE_MAX_CONNECTIONS", "128")]);
    assert_eq!(soft_file_limit(raised.pid()), 128 + 64);
    assert!(
        !raised.logged().contains("raise LimitNOFILE"),
        "{}",
        raised.logged()
    );
    drop(raised);
    // A hard limit of 256 cannot hold 1024 connections: the cap is lowered to what fits, with
    // a warning that says what to do, and it still holds a slowloris of more sockets than
    // the process may open (with the cap left at 1024, normal requests went unanswered once
    // about 200 slow sockets were open).
    let (short, _upstream) = served(dir.path(), 256, &[("STELE_MAX_CONNECTIONS", "1024")]);
    let logged = short.logged();
    assert!(
        logged.contains("STELE_MAX_CONNECTIONS=1024 needs about 1088 open files, but this process may open 256, so the cap is 192 connections: raise LimitNOFILE"),
        "{logged}"
    );
    hold_slowloris(&short, 6, 192);
}

/// A slow reader: a socket from `source` with a tiny receive window that asks for `path`
/// and never reads, so the server's writes of a large answer stall.
fn slow_reader(
    runtime: &tokio::runtime::Runtime,
    source: &str,
    address: &str,
    path: &str,
) -> Option<TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4().ok()?;
    socket.set_recv_buffer_size(1024).ok()?;
    socket.bind(format!("{source}:0").parse().ok()?).ok()?;
    let address = address.parse().ok()?;
    let stream = runtime.block_on(socket.connect(address)).ok()?;
    let mut stream = stream.into_std().ok()?;
    stream.set_nonblocking(false).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: shop.example\r\n\r\n").ok()?;
    Some(stream)
}

/// The CPU time `pid` has used, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // After the command's ")": state is field 3, utime and stime fields 14 and 15.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

/// Waits (up to a minute) until `pid` uses under 10% of a core over half a second.
fn wait_until_quiet(pid: u32) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut before = cpu_ticks(pid);
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let now = cpu_ticks(pid);
        if now - before < 5 {
            return;
        }
        assert!(Instant::now() < deadline, "the relay never went quiet");
        before = now;
    }
}

const GOOGLE_FEED: &str = "/v1/feeds/google-product-reviews.xml";

/// A relay serving [`large_feed`] with [`product_pages`] (so each review is in the Google
/// feed), and the two fakes it fetches from.
fn serving_a_large_feed(
    dir: &std::path::Path,
    files: &str,
    settings: &[(&str, &str)],
) -> (Served, [FakeUpstream; 2]) {
    let pages = product_pages();
    let mut all = vec![
        ("STELE_SHOP_NAME", "Magazin"),
        ("STELE_FEED_URL", pages.url.as_str()),
    ];
    all.extend_from_slice(settings);
    let (served, upstream) = served_with_orders(dir, files, &all, &large_feed());
    (served, [upstream, pages])
}

/// A product feed with a page for each product of [`large_feed`], served until dropped.
fn product_pages() -> FakeUpstream {
    let mut csv = String::from("product id,product name,product url\n");
    for p in 0..5000 {
        csv.push_str(&format!("p{p},Rochie {p},https://shop.example/p{p}\n"));
    }
    FakeUpstream::start_in_background(Behaviour::Body(csv.into_bytes()))
}

/// 5,000 orders with a product review of 1,000 characters each: a Google feed of some 8 MB,
/// twice what the largest send buffer Linux grows to by default (tcp_wmem, 4 MB) holds.
fn large_feed() -> Vec<String> {
    let at = stele_relay::model::store::now().unix() - 3600;
    let comment = "Foarte bun. ".repeat(84);
    (0..5000)
        .map(|n| {
            let product = format!("p{n}");
            order_json(
                n + 1,
                at,
                &[(product.as_str(), at, Some(10), Some(comment.as_str()))],
            )
        })
        .collect()
}

#[test]
fn one_client_reading_slowly_on_more_sockets_than_the_cap_does_not_lock_out_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let metrics = format!("127.0.0.1:{}", crate::support::free_port());
    let (served, _upstreams) = serving_a_large_feed(
        dir.path(),
        "256:256",
        &[
            ("STELE_MAX_CONNECTIONS", "64"),
            ("STELE_METRICS_LISTEN", &metrics),
        ],
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // The attacker, at 127.0.0.2, asks for the Google feed (streamed, some 8 MB) on 100
    // sockets and reads nothing: each request stays in flight (before, the cap filled with
    // them and every other client's connection was refused: "refused_full").
    // The feed's ETag is computed once per snapshot: let the first request pay for it.
    assert_eq!(served.get(GOOGLE_FEED).0, 200);
    let readers: Vec<TcpStream> = (0..100)
        .filter_map(|_| slow_reader(&runtime, "127.0.0.2", &served.address, GOOGLE_FEED))
        .collect();
    assert_eq!(readers.len(), 100);
    // Until each answer has filled its socket's buffers (some 1.6 MB each on loopback) and
    // stalls: the relay's CPU time stops growing. The normal requests below then measure
    // the cap, not a debug build rendering 160 MB of XML on two cores.
    wait_until_quiet(served.pid());
    let mut worst = Duration::ZERO;
    for round in 0..10 {
        for path in ["/v1/shop", "/livez"] {
            let (status, took) = timed_get(&served.address, path);
            assert_eq!(
                status,
                200,
                "round {round}: {path} from 127.0.0.1 not answered while 127.0.0.2 reads slowly; log:\n{}",
                served.logged()
            );
            worst = worst.max(took);
        }
    }
    eprintln!("20 normal requests answered beside 100 slow readers, the slowest in {worst:?}");
    assert!(
        worst < Duration::from_secs(1),
        "a normal request took {worst:?}"
    );
    // The room was made by closing the attacker's connections, never by refusing (one is
    // enough: each normal request closes its connection after its answer).
    let (_, counted) = crate::support::get(&metrics, "/metrics");
    let shed = |reason: &str| {
        counted
            .lines()
            .find(|l| l.starts_with("stele_connections_shed_total") && l.contains(reason))
            .and_then(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    assert!(shed("evicted_busiest_client") >= 1.0, "{counted}");
    assert_eq!(shed("refused_full"), 0.0, "{counted}");
    drop(readers);
}

#[test]
fn a_response_the_client_never_reads_is_closed_after_the_idle_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let (served, _upstreams) =
        serving_a_large_feed(dir.path(), "1024:1024", &[("STELE_IDLE_TIMEOUT", "2s")]);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut reader = slow_reader(&runtime, "127.0.0.1", &served.address, GOOGLE_FEED).unwrap();
    // Let the server fill the socket's buffers and stall, then wait without reading: the
    // answer makes no progress for 2 s and the connection is closed (before, never).
    std::thread::sleep(Duration::from_secs(4));
    let started = Instant::now();
    let mut received = 0usize;
    reader
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        match reader.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => received += n,
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "still reading after 20 s: the stalled answer was not cut off"
        );
    }
    let whole = served.get(GOOGLE_FEED).1.len();
    eprintln!("a stalled answer was cut off after {received} of {whole} bytes");
    assert!(
        received < whole,
        "the whole feed came: the connection was not closed ({received} bytes)"
    );
}
