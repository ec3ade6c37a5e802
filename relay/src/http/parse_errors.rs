//! The API's JSON error shape for requests hyper cannot parse.
//!
//! A request hyper cannot parse (not HTTP at all, a URL past hyper's 64 KiB, more header
//! lines than it has room for) never reaches the router: hyper answers it itself
//! (`Server::on_error` in its `proto/h1/role.rs`) with a bare head and closes the
//! connection, and has no hook to change that answer. Such a head is always the last
//! thing hyper writes on a connection, whole in its head buffer (hyper writes a head only
//! once the bodies before it are out of its queue, though a pipelined good answer's head
//! may precede it in that buffer), with no body and always in the same form:
//!
//! ```text
//! HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\ndate: <IMF-fixdate>\r\n\r\n
//! ```
//!
//! (`HTTP/1.0`, maybe with `connection: keep-alive`, after an HTTP/1.0 request.)
//!
//! [`bare_answer_at`] finds it at the end of what hyper writes, and [`json_answer`] is what
//! the socket ([`crate::http::server`]) sends in its place: the same status and date, the
//! one JSON error shape of docs/api.md, `no-store` and `nosniff`, as every other error.

use std::time::{Duration, SystemTime};

use axum::http::StatusCode;

use crate::http::error::ApiError;

/// The statuses hyper answers parse errors with, and what each is in the API's shape.
const BARE: [(StatusCode, fn() -> ApiError); 3] = [
    (StatusCode::BAD_REQUEST, || ApiError::Rejected {
        status: StatusCode::BAD_REQUEST,
        message: "the request is not valid HTTP/1.1".into(),
    }),
    (StatusCode::URI_TOO_LONG, || ApiError::UriTooLong),
    (StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, || {
        ApiError::HeadersTooLarge
    }),
];

/// A bare head is short: its status line starts within this many bytes of the end.
const MAX_BARE_BYTES: usize = 200;

/// How far hyper's cached date may be from now for a head to be one hyper just wrote (it
/// refreshes it every second): a response body that merely ends with such text is not.
const DATE_SLACK: Duration = Duration::from_secs(60);

/// A bare answer of hyper's found at the end of a write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BareAnswer {
    /// Where it starts in the buffer (the bytes before it are an earlier, good answer).
    pub at: usize,
    /// Its length, to the end of the buffer.
    pub len: usize,
    /// Its HTTP version: `HTTP/1.0` after an HTTP/1.0 request on the connection.
    pub version: &'static str,
    /// What it answers, in the API's terms.
    pub error: ApiError,
    /// Its `date` value.
    pub date: String,
}

/// hyper's bare answer to a parse error, if `written` ends with one written just now: a
/// status line of [`BARE`], then only `connection`, `content-length: 0` and a `date` within
/// [`DATE_SLACK`] of now (hyper's `Server::on_error` head, as `enforce_version` may adjust it).
pub fn bare_answer_at(written: &[u8]) -> Option<BareAnswer> {
    let rest = written.strip_suffix(b"\r\n\r\n")?;
    let from = rest.len().saturating_sub(MAX_BARE_BYTES);
    let at = (from..rest.len())
        .rev()
        .find(|&i| rest[i..].starts_with(b"HTTP/1."))?;
    let head = std::str::from_utf8(&rest[at..]).ok()?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next()?;
    let (version, status_text) = [("HTTP/1.1", "HTTP/1.1 "), ("HTTP/1.0", "HTTP/1.0 ")]
        .into_iter()
        .find_map(|(version, prefix)| Some((version, status_line.strip_prefix(prefix)?)))?;
    let error = BARE.iter().find_map(|(status, error)| {
        let line = format!(
            "{} {}",
            status.as_str(),
            status.canonical_reason().unwrap_or_default()
        );
        (status_text == line).then(error)
    })?;
    let mut date = None;
    for line in lines {
        match line.split_once(": ")? {
            ("connection", "close" | "keep-alive") | ("content-length", "0") => {}
            ("date", value) => date = Some(value),
            _ => return None,
        }
    }
    let date = date?;
    let when = httpdate::parse_http_date(date).ok()?;
    let now = SystemTime::now();
    let age = now
        .duration_since(when)
        .or_else(|_| when.duration_since(now))
        .unwrap_or(Duration::MAX);
    (age <= DATE_SLACK).then(|| BareAnswer {
        at,
        len: written.len() - at,
        version,
        error,
        date: date.to_owned(),
    })
}

/// The whole answer sent instead of `bare`: its version, status and date, the JSON error
/// body, and `connection: close` (hyper closes the connection after a parse error).
pub fn json_answer(bare: &BareAnswer) -> Vec<u8> {
    let body = bare.error.body_json();
    let status = bare.error.status();
    let mut answer = format!(
        "{} {} {}\r\ncontent-type: application/json\r\ncache-control: {}\r\n\
         x-content-type-options: nosniff\r\nconnection: close\r\ncontent-length: {}\r\n\
         date: {}\r\n\r\n",
        bare.version,
        status.as_str(),
        status.canonical_reason().unwrap_or_default(),
        crate::delivery::NO_STORE,
        body.len(),
        bare.date,
    )
    .into_bytes();
    answer.extend_from_slice(&body);
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bare(status: &str) -> String {
        let date = httpdate::fmt_http_date(SystemTime::now());
        format!(
            "HTTP/1.1 {status}\r\nconnection: close\r\ncontent-length: 0\r\ndate: {date}\r\n\r\n"
        )
    }

    #[test]
    fn each_of_hypers_bare_answers_is_found_alone_or_after_a_good_answer() {
        for (status, code) in [
            ("400 Bad Request", "bad_request"),
            ("414 URI Too Long", "uri_too_long"),
            ("431 Request Header Fields Too Large", "headers_too_large"),
        ] {
            let found = bare_answer_at(bare(status).as_bytes()).expect(status);
            assert_eq!((found.at, found.error.code()), (0, code));
            assert_eq!(found.len, bare(status).len());
            let good = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}";
            let found = bare_answer_at(format!("{good}{}", bare(status)).as_bytes());
            assert_eq!(found.map(|f| f.at), Some(good.len()), "{status}");
        }
    }

    #[test]
    fn after_an_http_1_0_request_the_head_hyper_adjusts_is_found_and_kept_in_1_0() {
        let date = httpdate::fmt_http_date(SystemTime::now());
        let head = format!(
            "HTTP/1.0 400 Bad Request\r\ncontent-length: 0\r\nconnection: keep-alive\r\ndate: {date}\r\n\r\n"
        );
        let found = bare_answer_at(head.as_bytes()).unwrap();
        assert_eq!(
            (found.at, found.len, found.version),
            (0, head.len(), "HTTP/1.0")
        );
        let answer = String::from_utf8(json_answer(&found)).unwrap();
        assert!(
            answer.starts_with("HTTP/1.0 400 Bad Request\r\n"),
            "{answer}"
        );
        assert!(answer.contains("\r\nconnection: close\r\n"), "{answer}");
    }

    #[test]
    fn other_heads_and_old_dates_are_left_alone() {
        let ok = bare("200 OK");
        assert_eq!(bare_answer_at(ok.as_bytes()), None);
        let date = httpdate::fmt_http_date(SystemTime::now());
        let more = format!(
            "HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain\r\ncontent-length: 0\r\ndate: {date}\r\n\r\n"
        );
        assert_eq!(
            bare_answer_at(more.as_bytes()),
            None,
            "a head with other headers"
        );
        let old = "HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\
                   date: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n";
        assert_eq!(bare_answer_at(old.as_bytes()), None);
        let cut = bare("400 Bad Request");
        assert_eq!(bare_answer_at(&cut.as_bytes()[..cut.len() - 1]), None);
        assert_eq!(bare_answer_at(b""), None);
    }

    #[test]
    fn the_answer_in_its_place_is_json_of_the_length_it_says() {
        let found = bare_answer_at(bare("431 Request Header Fields Too Large").as_bytes()).unwrap();
        let answer = String::from_utf8(json_answer(&found)).unwrap();
        let (head, body) = answer.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        assert!(
            head.contains("\r\ncontent-type: application/json\r\n"),
            "{head}"
        );
        assert!(head.contains("\r\ncache-control: no-store\r\n"), "{head}");
        assert!(head.contains(&format!("\r\ncontent-length: {}\r\n", body.len())));
        assert!(head.ends_with(&format!("date: {}", found.date)), "{head}");
        let value: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(value["error"]["code"], "headers_too_large");
    }
}
