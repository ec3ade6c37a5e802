//! Settings that used to panic or pass unchecked (defect 7): each bad one is refused at
//! start-up, before "listening" and before anything is fetched, with exit status 2 and a
//! message naming the variable with an example; `STELE_ALLOWED_ORIGINS=*` alone means any
//! origin; and `stele-relay config` lists every setting the serve command defines, as the
//! table in docs/relay.md does.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use clap::Args;
use tower::ServiceExt;

use crate::support::{relay, KEY};

/// `stele-relay serve` with valid settings (a key, a customer id, any port, a database in
/// `dir`, an upstream that records connections), then `settings` on top; its stdout and
/// stderr go to `out`.
fn serve(dir: &Path, upstream: &str, settings: &[(&str, &str)], out: &Path) -> Command {
    let log = std::fs::File::create(out).unwrap();
    let mut command = relay();
    command
        .arg("serve")
        .current_dir(dir)
        .env("RTG_REST_KEY", KEY)
        .env("RTG_CUSTOMER_ID", "c1")
        .env("STELE_LISTEN", "127.0.0.1:0")
        .env("STELE_DB", dir.join("stele.db"))
        .env("STELE_UPSTREAM_URL", upstream)
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log);
    for (name, value) in settings {
        command.env(name, value);
    }
    command
}

/// Waits up to `limit` for `child` to exit; kills it if it has not.
fn exit_within(child: &mut Child, limit: Duration) -> Option<i32> {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// Whether this test runs as root (root writes into any directory whatever its mode).
fn running_as_root(dir: &Path) -> bool {
    let probe = dir.join("whoami");
    std::fs::write(&probe, "").unwrap();
    std::fs::metadata(&probe).unwrap().uid() == 0
}

#[test]
fn every_bad_setting_stops_the_relay_before_it_listens_naming_the_variable() {
    let scratch = tempfile::tempdir().unwrap();
    // An upstream that only counts connections: nothing may be fetched before the settings
    // are checked (the backlog holds any connection, so a non-blocking accept sees it).
    let upstream_socket = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    upstream_socket.set_nonblocking(true).unwrap();
    let upstream = format!("http://{}/feed", upstream_socket.local_addr().unwrap());

    let no_widget = scratch.path().join("no-widget");
    std::fs::create_dir(&no_widget).unwrap();
    let a_file = scratch.path().join("a-file");
    std::fs::write(&a_file, "").unwrap();
    let through_a_file = a_file.join("stele.db");
    // A read-only directory. Root ignores a directory's mode (CAP_DAC_OVERRIDE), so when
    // the test runs as root that case's relay runs as `nobody` (65534), for whom a 0555
    // directory owned by root is read-only as it would be for a service user; run as
    // anyone else, the mode alone does it. (Read-only bind mounts or `chattr +i` need
    // capabilities a test container seldom has; a path through a regular file, the case
    // above, fails with ENOTDIR whoever runs it.)
    let read_only = scratch.path().join("read-only");
    std::fs::create_dir(&read_only).unwrap();
    std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(scratch.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let as_nobody = running_as_root(scratch.path());
    let read_only_db = read_only.join("stele.db");

    let path = |p: &Path| p.to_str().unwrap().to_owned();
    // A port this test holds.
    let holder = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let taken = holder.local_addr().unwrap().to_string();
    // (variable, value, what the message says besides the variable and an example)
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "STELE_ALLOWED_ORIGINS",
            "*,https://a.example".into(),
            "cannot be mixed",
        ),
        (
            "STELE_ALLOWED_ORIGINS",
            "shop.example".into(),
            "is not an origin",
        ),
        (
            "STELE_ALLOWED_ORIGINS",
            "https://shop.example/products".into(),
            "is not an origin",
        ),
        (
            "STELE_ALLOWED_ORIGINS",
            "https://*.shop.example".into(),
            "is not an origin",
        ),
        (
            "STELE_RATE_LIMIT",
            "1e-20".into(),
            "below one request a day",
        ),
        (
            "STELE_UPSTREAM_MAX_BYTES",
            "0".into(),
            "below the floor of 1KiB",
        ),
        ("STELE_UPSTREAM_MAX_BYTES", "lots".into(), "is not a size"),
        (
            "STELE_UPSTREAM_MAX_BYTES",
            "100".into(),
            "below the floor of 1KiB",
        ),
        (
            "STELE_UPSTREAM_URL",
            "file:///etc/passwd".into(),
            "not file:",
        ),
        ("STELE_UPSTREAM_URL", "not a url".into(), "is not a URL"),
        ("STELE_FEED_URL", "ftp://x/feed.csv".into(), "not ftp:"),
        ("STELE_ASSETS", "/nonexistent".into(), "no such directory"),
        ("STELE_ASSETS", "/".into(), "is the root directory"),
        ("STELE_ASSETS", path(&no_widget), "holds no stele.js"),
        (
            "STELE_DB",
            "/nonexistent-dir/stele.db".into(),
            "does not exist",
        ),
        ("STELE_DB", path(&through_a_file), "is not a directory"),
        (
            "STELE_DB",
            path(&read_only_db),
            "is not writable by the relay's user",
        ),
        ("STELE_LISTEN", "8787".into(), "is not an address and port"),
        // Well-formed but taken: said "cannot listen on …" with no example before.
        (
            "STELE_LISTEN",
            taken.clone(),
            "another process holds that port",
        ),
        ("STELE_DB", String::new(), "names no file"),
        // Accepted before: a rate that limits nothing, and a limit no memory holds.
        ("STELE_RATE_LIMIT", "1e300".into(), "above a billion"),
        (
            "STELE_UPSTREAM_MAX_BYTES",
            "100000GB".into(),
            "above the ceiling of 4GiB",
        ),
        (
            "STELE_METRICS_LISTEN",
            "9187".into(),
            "is not an address and port",
        ),
        // Used to overflow `Cache-Control`'s arithmetic (a panic in a debug build).
        (
            "STELE_CACHE_MAX_AGE",
            "2000000000000000000s".into(),
            "more than ten years",
        ),
        (
            "STELE_SYNC_OVERLAP",
            "2000000000000000000s".into(),
            "more than ten years",
        ),
        // Past what a Duration holds: the raw "cannot convert float seconds" before.
        (
            "STELE_SHUTDOWN_TIMEOUT",
            "99999999999999999999s".into(),
            "more than ten years",
        ),
        // These said "use a whole number from 1 to 5" and an IANA name, naming no variable.
        ("STELE_MIN_STARS", "6".into(), "from 1 to 5"),
        ("STELE_TESTIMONIAL_MIN_STARS", "0".into(), "from 1 to 5"),
        ("STELE_TIMEZONE", "Mars/Olympus".into(), "unknown time zone"),
    ];

    // All at once: each should be gone in milliseconds.
    let mut running: Vec<_> = cases
        .iter()
        .enumerate()
        .map(|(n, (variable, value, says))| {
            let dir = scratch.path().join(format!("case-{n}"));
            std::fs::create_dir(&dir).unwrap();
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
            let out = dir.join("output");
            let mut command = serve(&dir, &upstream, &[(variable, value)], &out);
            if as_nobody && *value == path(&read_only_db) {
                command.uid(65534).gid(65534);
            }
            let child = command.spawn().unwrap_or_else(|e| {
                panic!(
                    "cannot start the relay for {variable}={value} (as nobody: {as_nobody}): {e}"
                )
            });
            (variable, value, says, child, out)
        })
        .collect();

    let mut failures = Vec::new();
    for (variable, value, says, child, out) in &mut running {
        let status = exit_within(child, Duration::from_secs(10));
        let said = std::fs::read_to_string(&*out).unwrap();
        let named = said.contains(&format!("{variable}="))
            && said.contains(&format!("e.g. {variable}="))
            && said.contains(*says);
        let bad = status != Some(2)
            || !named
            || said.contains("listening")
            || said.contains("panic")
            || said.contains(KEY);
        if bad {
            failures.push(format!(
                "{variable}={value}: exit {status:?}, said:\n{said}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
    assert!(
        upstream_socket.accept().is_err(),
        "a relay with a bad setting connected to the upstream before refusing it"
    );
}

#[tokio::test]
async fn any_origin_alone_answers_a_wildcard_without_credentials() {
    let settings = stele_relay::config::http::HttpSettings {
        allowed_origins: stele_relay::config::clients::AllowedOrigins::parse(&["*"]).unwrap(),
        ..Default::default()
    };
    let app = stele_relay::http::app(crate::support::state_of(&[], settings));
    let get = Request::get("/v1/shop")
        .header(header::ORIGIN, "https://any-shop.example")
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(get).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert!(response
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_CREDENTIALS)
        .is_none());
    let preflight = Request::builder()
        .method(Method::OPTIONS)
        .uri("/v1/shop")
        .header(header::ORIGIN, "https://other.example")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .body(Body::empty())
        .unwrap();
    let response = app.oneshot(preflight).await.unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(response.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
}

#[test]
fn any_origin_alone_starts_and_answers_a_cross_origin_request() {
    let dir = tempfile::tempdir().unwrap();
    let upstream = format!("http://127.0.0.1:{}/feed", crate::support::free_port());
    let log = dir.path().join("relay.log");
    let mut child = serve(
        dir.path(),
        &upstream,
        &[("STELE_ALLOWED_ORIGINS", "*")],
        &log,
    )
    .spawn()
    .unwrap();
    let address = crate::support::wait_for_listen(&log);
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "GET /v1/shop HTTP/1.1\r\nHost: {address}\r\nOrigin: https://any-shop.example\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let head = response
        .split("\r\n\r\n")
        .next()
        .unwrap()
        .to_ascii_lowercase();
    assert!(
        head.lines().any(|l| l == "access-control-allow-origin: *"),
        "{response}"
    );
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(!logged.contains("panic"), "{logged}");
}

/// Every variable the serve command reads, from clap's own definitions (the serve
/// command's arguments and the global `--log-format`), in their order.
fn serve_variables() -> Vec<String> {
    let serve = stele_relay::cli::serve::ServeArgs::augment_args(clap::Command::new("serve"));
    let log = stele_relay::config::logging::LogOptions::augment_args(clap::Command::new("log"));
    serve
        .get_arguments()
        .chain(log.get_arguments())
        .filter_map(|arg| arg.get_env())
        .map(|env| env.to_string_lossy().into_owned())
        .collect()
}

#[test]
fn config_lists_every_setting_of_serve_and_the_docs_table_names_each() {
    let variables = serve_variables();
    for expected in [
        "STELE_IMAGE_LANG",
        "STELE_LOG_FORMAT",
        "RTG_REST_KEY",
        "STELE_DB",
    ] {
        assert!(
            variables.iter().any(|v| v == expected),
            "{expected}: {variables:?}"
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let output = relay()
        .arg("config")
        .current_dir(dir.path())
        .env("RTG_REST_KEY", KEY)
        .env("RTG_CUSTOMER_ID", "c1")
        .env("STELE_LOG_FORMAT", "json")
        .env("STELE_IMAGE_LANG", "ro")
        .env("STELE_UPSTREAM_MAX_BYTES", "1MiB")
        .env(
            "STELE_ALLOWED_ORIGINS",
            "https://a.example,https://b.example",
        )
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let listed: Vec<&str> = printed
        .lines()
        .map(|line| line.split_once('=').map_or(line, |(name, _)| name))
        .collect();
    assert_eq!(
        listed, variables,
        "config lists every setting, in order:\n{printed}"
    );
    for line in [
        "RTG_REST_KEY=<redacted> (from RTG_REST_KEY)",
        "RTG_CUSTOMER_ID=c1",
        "STELE_LOG_FORMAT=json",
        "STELE_IMAGE_LANG=ro",
        "STELE_UPSTREAM_MAX_BYTES=1MiB",
        "STELE_ALLOWED_ORIGINS=https://a.example,https://b.example",
        "STELE_SYNC_INTERVAL=15m",
        "STELE_FEED_URL=<not set>",
    ] {
        assert!(printed.lines().any(|l| l == line), "{line}:\n{printed}");
    }
    assert!(!printed.contains(KEY), "{printed}");

    // docs/relay.md, "Configuration": the first cell of each table row names one or more
    // variables in backticks.
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/relay.md"))
            .unwrap();
    let section = docs
        .split("\n## Configuration")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("docs/relay.md has a Configuration section");
    let documented: BTreeSet<&str> = section
        .lines()
        .filter(|line| line.starts_with('|'))
        .filter_map(|line| line.split('|').nth(1))
        .flat_map(|cell| cell.split('`').skip(1).step_by(2))
        .collect();
    let missing: Vec<&String> = variables
        .iter()
        .filter(|v| !documented.contains(v.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/relay.md's settings table misses {missing:?}"
    );
}

#[test]
fn config_exits_2_naming_what_serve_would_refuse_and_prints_no_password() {
    let dir = tempfile::tempdir().unwrap();
    let config = |envs: &[(&str, &std::ffi::OsStr)]| {
        let mut command = relay();
        command
            .arg("config")
            .current_dir(dir.path())
            .env_remove("RTG_REST_KEY")
            .env_remove("RTG_REST_KEY_FILE")
            .env_remove("RTG_CUSTOMER_ID")
            .env_remove("CREDENTIALS_DIRECTORY")
            .env_remove("STELE_DB");
        for (name, value) in envs {
            command.env(name, value);
        }
        let output = command.output().unwrap();
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.code(), said)
    };
    let os = |s: &str| std::ffi::OsString::from(s);
    let missing_file = dir.path().join("no-such-key");
    let (status, said) = config(&[
        ("RTG_REST_KEY_FILE", missing_file.as_os_str()),
        ("RTG_CUSTOMER_ID", &os("c1")),
        ("STELE_DB", &os("/nonexistent-dir/stele.db")),
        (
            "STELE_UPSTREAM_URL",
            &os("https://proxyuser:hunter2-secret@127.0.0.1:9/feed"),
        ),
    ]);
    // Both problems, each on its line, after every setting's line; the password nowhere.
    assert_eq!(status, Some(2), "{said}");
    assert!(said.contains("RTG_REST_KEY_FILE: cannot read"), "{said}");
    assert!(
        said.contains(
            "STELE_DB=/nonexistent-dir/stele.db: the directory /nonexistent-dir does not exist"
        ) && said.contains("e.g. STELE_DB="),
        "{said}"
    );
    assert!(
        said.lines()
            .any(|l| l == "STELE_UPSTREAM_URL=https://proxyuser:REDACTED@127.0.0.1:9/feed"),
        "{said}"
    );
    assert!(!said.contains("hunter2"), "{said}");
    assert!(
        !Path::new("/nonexistent-dir").exists() && !dir.path().join("stele.db").exists(),
        "config created nothing"
    );

    let (status, said) = config(&[("RTG_REST_KEY", &os(KEY))]);
    assert_eq!(status, Some(2), "no customer id: {said}");
    assert!(said.contains("RTG_CUSTOMER_ID is not set"), "{said}");

    let (status, said) = config(&[("RTG_REST_KEY", &os(KEY)), ("RTG_CUSTOMER_ID", &os("c1"))]);
    assert_eq!(status, Some(0), "{said}");
    assert!(
        !dir.path().join("stele.db").exists(),
        "config opened no database"
    );
}
