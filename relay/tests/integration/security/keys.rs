//! The REST key goes to `STELE_UPSTREAM_URL` and nowhere else: not to the host a redirect
//! names, not into `/healthz`, the log, the database or `check`/`sync` output when the
//! upstream echoes it back.

use std::time::{Duration, Instant};

use crate::support::fake_upstream::{Behaviour, FakeUpstream};
use crate::support::{bytes_of_dir, contains, relay, Served, KEY};
use crate::support::{order_json, success};

/// A customer id the upstream echoes too: public bodies must not show it.
const CUSTOMER: &str = "cust-77813";

fn with_credentials(mut command: std::process::Command, upstream: &str) -> std::process::Command {
    command
        .env("RTG_REST_KEY", KEY)
        .env("RTG_CUSTOMER_ID", CUSTOMER)
        .env("STELE_UPSTREAM_URL", upstream)
        .env("STELE_UPSTREAM_TIMEOUT", "5s");
    command
}

fn run(command: &str, upstream: &str, db: &std::path::Path) -> (i32, String) {
    let mut command_line = with_credentials(relay(), upstream);
    let output = command_line
        .arg(command)
        .env("STELE_DB", db)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

/// Polls `/healthz` until it reports a failure, and returns its body.
fn failed_health(served: &Served) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, body) = served.get("/healthz");
        if body.contains("\"last_error\":{") {
            return body;
        }
        assert!(Instant::now() < deadline, "no failure recorded: {body}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_redirecting_upstream_never_sends_the_key_to_the_host_it_names() {
    let catcher = FakeUpstream::start_in_background(Behaviour::Body(success(&[order_json(
        1,
        stele_relay::model::store::now().unix() - 3600,
        &[],
    )])));
    let dir = tempfile::tempdir().unwrap();
    // Location keeping the query (the key in the request line), and one without a query
    // (the key only in a Referer), with each redirect status.
    for (status, location) in [
        (
            302,
            format!("{}/steal?k={KEY}&u={CUSTOMER}", catcher.origin()),
        ),
        (301, format!("{}/steal", catcher.origin())),
        (
            307,
            format!("{}/v1/email-campaigns/json-feedback", catcher.origin()),
        ),
        (308, format!("{}/steal?k={KEY}", catcher.origin())),
    ] {
        let upstream = FakeUpstream::start_in_background(Behaviour::Redirect(status, location));
        let db = dir.path().join(format!("redirect-{status}.db"));

        let (code, printed) = run("sync", &upstream.url, &db);
        assert_eq!(code, 1, "a redirect is a failed sync: {printed}");
        assert!(printed.contains("upstream_redirect"), "{printed}");
        assert!(printed.contains("not followed"), "{printed}");
        let (code, printed_check) = run("check", &upstream.url, &db);
        assert_eq!(code, 1, "check does not say the key works: {printed_check}");
        assert!(
            printed_check.contains("upstream_redirect"),
            "{printed_check}"
        );
        for text in [&printed, &printed_check] {
            assert!(!text.contains(KEY), "the key printed: {text}");
        }

        // Nothing was stored as a success: no last sync time to move forward.
        let connection = rusqlite::Connection::open(&db).unwrap();
        let successes: i64 = connection
            .query_row("SELECT count(*) FROM syncs WHERE outcome = 'ok'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(successes, 0, "HTTP {status}: a redirect counted as a sync");
        let heads = upstream.heads();
        assert_eq!(heads.len(), 2, "one request each from sync and check");
        assert!(
            heads
                .iter()
                .all(|head| !head.to_ascii_lowercase().contains("\nreferer:")),
            "{heads:?}"
        );
    }
    assert_eq!(
        catcher.heads(),
        Vec::<String>::new(),
        "the host a redirect named was contacted"
    );
}

#[test]
fn a_redirect_is_a_failure_in_healthz_and_the_relay_stays_unready() {
    let catcher = FakeUpstream::start_in_background(Behaviour::Body(success(&[])));
    let upstream = FakeUpstream::start_in_background(Behaviour::Redirect(
        302,
        format!("{}/x?k={KEY}", catcher.origin()),
    ));
    let dir = tempfile::tempdir().unwrap();
    let mut command = with_credentials(relay(), &upstream.url);
    command
        .arg("serve")
        .env("STELE_DB", dir.path().join("s.db"));
    let served = Served::start(command, dir.path());
    let health = failed_health(&served);
    assert!(
        health.contains("\"code\":\"upstream_redirect\""),
        "{health}"
    );
    assert!(health.contains("\"last_success\":null"), "{health}");
    let (status, ready) = served.get("/readyz");
    assert_eq!(status, 503, "{ready}");
    assert!(
        !health.contains(KEY) && !health.contains(&catcher.origin()),
        "{health}"
    );
    assert!(catcher.heads().is_empty());
}

/// Error answers that quote the request back, as a careless proxy or API gateway does.
fn echoing_answers() -> Vec<(&'static str, Behaviour)> {
    let encoded: String = form_urlencoded::byte_serialize(KEY.as_bytes()).collect();
    vec![
        (
            "an unknown error envelope quoting the query",
            Behaviour::Body(
                format!(
                    r#"{{"status":"error","message":"Invalid request: GET /json-feedback?k={KEY}&u={CUSTOMER}"}}"#
                )
                .into_bytes(),
            ),
        ),
        (
            "an envelope with the key URL-encoded in data",
            Behaviour::Status(
                400,
                format!(r#"{{"status":"error","data":"rejected k={encoded} for {CUSTOMER}"}}"#)
                    .into_bytes(),
            ),
        ),
        (
            "an error quoting the key with every byte escaped in lowercase hex",
            Behaviour::Body(
                format!(
                    r#"{{"status":"error","message":"bad k={} u={CUSTOMER}"}}"#,
                    escaped(KEY)
                )
                .into_bytes(),
            ),
        ),
    ]
}

/// Every byte of `text` percent-encoded in lowercase hex, as some encoders write a query.
fn escaped(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02x}")).collect()
}

/// Every character of `text` as a JSON `\uXXXX` escape.
fn json_escaped(text: &str) -> String {
    text.chars()
        .map(|c| format!("\\u{:04x}", c as u32))
        .collect()
}

/// `text` with its percent-escapes (either case) decoded: where an escaped key would show.
fn decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let escape = (bytes[at] == b'%')
            .then(|| text.get(at + 1..at + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escape {
            Some(byte) => {
                out.push(byte);
                at += 3;
            }
            None => {
                out.push(bytes[at]);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn an_upstream_that_echoes_the_key_never_gets_it_stored_logged_served_or_printed() {
    for (what, answer) in echoing_answers() {
        let upstream = FakeUpstream::start_in_background(answer);
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("stele.db");
        let mut command = with_credentials(relay(), &upstream.url);
        command
            .arg("serve")
            .env("STELE_DB", &db)
            .env("RUST_LOG", "debug");
        let mut served = Served::start(command, dir.path());
        let health = failed_health(&served);
        let (_, ready) = served.get("/readyz");
        // /healthz shows the failure a moment before the sync loop logs it: wait for the
        // log line, or the log searched below may not hold it yet.
        let deadline = Instant::now() + Duration::from_secs(20);
        while !served.logged().contains("sync failed") {
            assert!(
                Instant::now() < deadline,
                "{what}: the failure was never logged"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        served.stop();
        let logged = served.logged();
        let (_, checked) = run("check", &upstream.url, &db);
        let (_, synced) = run("sync", &upstream.url, &db);

        assert!(
            !upstream.requests().is_empty(),
            "{what}: the upstream was asked"
        );
        assert!(
            logged.contains("<REST key>") && checked.contains("<REST key>"),
            "{what}: the operator still sees that the upstream quoted the key: {logged}\n{checked}"
        );
        for (place, text) in [
            ("/healthz", &health),
            ("/readyz", &ready),
            ("the log", &logged),
            ("check", &checked),
            ("sync", &synced),
        ] {
            assert!(
                !decoded(text).contains(KEY),
                "{what}: the key in {place}: {text}"
            );
        }
        for (place, text) in [("/healthz", &health), ("/readyz", &ready)] {
            assert!(
                !decoded(text).contains(CUSTOMER),
                "{what}: the customer id in the public {place}: {text}"
            );
        }
        assert!(
            health.contains("\"hint\":"),
            "{what}: /healthz says what to do: {health}"
        );
        assert!(
            !contains(&bytes_of_dir(dir.path()), KEY),
            "{what}: the key is in the database or a file beside it"
        );
    }
}

/// A 200 whose data quotes the key (a comment pasting a URL with `k=`, or a hostile upstream
/// echoing the request into a review): the key is taken out before anything is stored, so
/// no route, fragment, feed or file shows it, and the log names the review instead.
#[test]
fn a_good_answer_quoting_the_key_in_its_reviews_never_gets_it_stored_or_served() {
    let at = stele_relay::model::store::now().unix() - 3600;
    let encoded: String = form_urlencoded::byte_serialize(KEY.as_bytes()).collect();
    // A key a hard cut at MAX_COMMENT_CHARS would split (no blank in the last 200
    // characters), and one behind a product id whose long comment is cut and logged.
    let crossing_the_cut = format!("{}{KEY}", "x".repeat(4988));
    let long = "word ".repeat(1200);
    let key_in_id = format!("p-{KEY}");
    let order = order_json(
        1,
        at,
        &[
            (
                "p1",
                at,
                Some(10),
                Some(&format!(
                    "Great.\nSee https://shop.example/?k={} and {} and UNICODE",
                    escaped(KEY),
                    KEY
                )),
            ),
            ("p2", at, Some(8), Some(&crossing_the_cut)),
            (&key_in_id, at, Some(6), Some(&long)),
        ],
    )
    .replace("\"order 1\"", &format!("\"quoting k={encoded}\""))
    // JSON's own escapes: only the parsed text shows the key (in a comment, and in the
    // order number, which is stored).
    .replace("UNICODE", &json_escaped(KEY))
    .replace(
        "\"orderno\":\"1\"",
        &format!("\"orderno\":\"1-{}\"", json_escaped(KEY)),
    );
    let upstream = FakeUpstream::start_in_background(Behaviour::Body(success(&[order])));
    let dir = tempfile::tempdir().unwrap();
    let mut command = with_credentials(relay(), &upstream.url);
    command
        .arg("serve")
        .env("STELE_DB", dir.path().join("stele.db"))
        .env("STELE_RATE_LIMIT", "0")
        .env("RUST_LOG", "info");
    let mut served = Served::start(command, dir.path());
    served.wait_ready();
    let mut answers = Vec::new();
    for path in [
        "/v1/shop",
        "/v1/testimonials",
        "/v1/products/p1",
        "/v1/products/p1/reviews",
        "/v1/products/p1/embed.html",
        "/v1/shop/embed.html",
        "/v1/feeds/google-product-reviews.xml",
    ] {
        let (status, body) = served.get(path);
        answers.push((path, status, body));
    }
    served.stop();
    let logged = served.logged();
    let (_, reviews_status, reviews) = &answers[3];
    assert_eq!(*reviews_status, 200, "{reviews}");
    assert!(
        reviews.contains("Great.") && reviews.contains("<REST key>"),
        "the review is kept, with the key taken out: {reviews}"
    );
    let (_, _, testimonials) = &answers[1];
    assert!(
        testimonials.contains("quoting k=<REST key>"),
        "the order's feedback is kept, with the key taken out: {testimonials}"
    );
    // Not even the part of it before a cut.
    let part = &KEY[3..11];
    for (path, _, body) in &answers {
        assert!(!decoded(body).contains(part), "the key in {path}: {body}");
    }
    assert!(
        !decoded(&logged).contains(part),
        "the key in the log: {logged}"
    );
    assert!(
        logged.contains("carried the REST key") && logged.contains("STELE_HIDE_IDS="),
        "the log names the reviews: {logged}"
    );
    assert!(
        !contains(&bytes_of_dir(dir.path()), part),
        "the key is in the database or a file beside it"
    );
}
