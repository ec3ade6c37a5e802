//! Fetching the Feedback API. The REST key lives in [`RestKey`], which never prints; every
//! URL that reaches a log line or an error goes through [`redact`], and every string the
//! upstream (or the network) supplied goes through [`Redactor`] before it is stored, logged
//! or printed. The client follows no redirect and sends no `Referer`: the key goes to
//! `STELE_UPSTREAM_URL` and nowhere else.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use stele_core::upstream::UpstreamError;

use crate::config::upstream::RestKey;
use crate::config::upstream::{plain_http_elsewhere, UpstreamOptions};

/// Takes the key out of text the upstream or the network supplied (an error envelope that
/// quotes the request, a proxy's error page, a `Location`): the key as it is and in the
/// two forms a URL can carry it, each replaced with `<REST key>`.
#[derive(Clone, Default)]
pub struct Redactor {
    key: Vec<u8>,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Redactor(<redacted>)")
    }
}

/// The value of an ASCII hex digit, either case.
fn hex(digit: u8) -> Option<u8> {
    (digit as char).to_digit(16).map(|v| v as u8)
}

impl Redactor {
    /// A redactor for `key`.
    pub fn new(key: &RestKey) -> Self {
        Self {
            key: key.expose().as_bytes().to_vec(),
        }
    }

    /// Where the key written from `at` ends, if it is written there: each of its bytes as
    /// itself or percent-encoded (hex digits of either case, as any URL encoder writes
    /// them: `%2F` or `%2f`, one byte or every byte), a space also as `+`.
    fn key_at(&self, text: &[u8], mut at: usize) -> Option<usize> {
        for &want in &self.key {
            let got = *text.get(at)?;
            if got == want || (got == b'+' && want == b' ') {
                at += 1;
            } else if got == b'%'
                && hex(*text.get(at + 1)?)? << 4 | hex(*text.get(at + 2)?)? == want
            {
                at += 3;
            } else {
                return None;
            }
        }
        Some(at)
    }

    /// `text` with every writing of the key replaced by `<REST key>`, and its control
    /// characters (line breaks, terminal escapes) as spaces: upstream text can neither
    /// forge a log line nor recolour an operator's terminal.
    pub fn scrub(&self, text: &str) -> String {
        let text = self.without_key(text);
        if text.chars().any(char::is_control) {
            text.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect()
        } else {
            text
        }
    }

    /// `text` with every writing of the key replaced by [`Self::MARK`], if it has one; its
    /// other characters (a comment's line breaks) kept.
    pub fn redacted(&self, text: &str) -> Option<String> {
        self.redacted_bytes(text.as_bytes()).map(|out| {
            // A match starts at an ASCII `%`/`+` or at the key's first byte and covers
            // whole UTF-8 sequences, so what is left is whole characters.
            String::from_utf8(out)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        })
    }

    /// The key as text, to search stored data for it; `None` without a key.
    pub fn key_text(&self) -> Option<&str> {
        std::str::from_utf8(&self.key)
            .ok()
            .filter(|key| !key.is_empty())
    }

    /// What the key is replaced with.
    pub const MARK: &'static str = "<REST key>";

    /// `text` with every writing of the key replaced by [`Self::MARK`].
    fn without_key(&self, text: &str) -> String {
        self.redacted(text).unwrap_or_else(|| text.to_owned())
    }

    /// `bytes` (an upstream answer as it came) with every writing of the key replaced by
    /// [`Self::MARK`], or `None` if there is none (or no key: a redactor for a source
    /// without secrets changes nothing).
    pub fn redacted_bytes(&self, bytes: &[u8]) -> Option<Vec<u8>> {
        if self.key.is_empty() {
            return None;
        }
        let first = (0..bytes.len()).find(|&at| self.key_at(bytes, at).is_some())?;
        let mut out = Vec::with_capacity(bytes.len());
        out.extend_from_slice(&bytes[..first]);
        let mut at = first;
        while at < bytes.len() {
            match self.key_at(bytes, at) {
                Some(end) => {
                    out.extend_from_slice(Self::MARK.as_bytes());
                    at = end;
                }
                None => {
                    out.push(bytes[at]);
                    at += 1;
                }
            }
        }
        Some(out)
    }
}

/// `scheme://host[:port]/path` of a URL: what a message may show of a `Location` (its query
/// may carry the key).
fn without_query(url: &str) -> String {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    without_password(&url[..end]).chars().take(200).collect()
}

/// `url` (without its query) with the password of its userinfo (`user:password@host`)
/// replaced by `REDACTED`: basic credentials a proxy or a fake asks for are as secret as the
/// key, and the URL is printed by `config` and logged at start-up.
fn without_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let authority_end = url[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| scheme_end + i);
    let authority = &url[scheme_end..authority_end];
    match authority.rsplit_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split_once(':').map_or(userinfo, |(user, _)| user);
            format!(
                "{}{user}:REDACTED@{host}{}",
                &url[..scheme_end],
                &url[authority_end..]
            )
        }
        _ => url.to_owned(),
    }
}

/// Replaces the value of every `k` query parameter, and the password of the URL's
/// userinfo, with `REDACTED`.
pub fn redact(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return without_password(url);
    };
    let base = without_password(base);
    let (query, fragment) = match query.split_once('#') {
        Some((query, fragment)) => (query, Some(fragment)),
        None => (query, None),
    };
    let parts: Vec<String> = query
        .split('&')
        .map(|pair| {
            if pair == "k" || pair.starts_with("k=") {
                "k=REDACTED".to_owned()
            } else {
                pair.to_owned()
            }
        })
        .collect();
    let mut out = format!("{base}?{}", parts.join("&"));
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// Why a fetch yielded no response body to parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// No complete answer within the timeout.
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    /// Connection refused, DNS failure, TLS failure, …
    #[error("cannot connect: {0}")]
    Connect(String),
    /// An HTTP error status whose body was not an error envelope.
    #[error("HTTP status {0}")]
    Status(u16),
    /// The body grew past the configured limit.
    #[error("response body larger than {0} bytes")]
    TooLarge(u64),
    /// The connection broke while the body was read.
    #[error("the response body was cut short: {0}")]
    Body(String),
    /// A 3xx: not followed, since following would send the key to wherever it points.
    #[error("HTTP status {status}: a redirect to {location}, not followed")]
    Redirect {
        /// The 3xx status.
        status: u16,
        /// Where it pointed, without its query (which may hold the key).
        location: String,
    },
}

impl FetchError {
    /// A stable code, for `/healthz` and logs.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Timeout(_) => "upstream_timeout",
            Self::Connect(_) => "upstream_unreachable",
            Self::Status(_) => "upstream_http_status",
            Self::TooLarge(_) => "upstream_body_too_large",
            Self::Body(_) => "upstream_body_truncated",
            Self::Redirect { .. } => "upstream_redirect",
        }
    }

    /// What the operator should do.
    pub fn hint(&self) -> &'static str {
        match self {
            Self::Timeout(_) => "Retargeting did not answer in time: usually temporary (the relay retries); raise STELE_UPSTREAM_TIMEOUT if it keeps happening",
            Self::Connect(_) => "the relay cannot reach the Feedback API: check outbound HTTPS from this host and STELE_UPSTREAM_URL",
            Self::Status(_) => "Retargeting answered with an HTTP error: usually temporary (the relay retries); check status.retargeting.biz if it lasts",
            Self::TooLarge(_) => "the response exceeded STELE_UPSTREAM_MAX_BYTES: raise the limit if the shop really has that much feedback",
            Self::Body(_) => "the connection broke mid-response: usually temporary (the relay retries)",
            Self::Redirect { .. } => "the Feedback API does not redirect: the relay follows no redirect, so the REST key never goes to another host; check STELE_UPSTREAM_URL (it should be https://api.retargeting.app/v1/email-campaigns/json-feedback) and any proxy in between",
        }
    }

    fn scrubbed(self, redactor: &Redactor) -> Self {
        match self {
            Self::Connect(text) => Self::Connect(redactor.scrub(&text)),
            Self::Body(text) => Self::Body(redactor.scrub(&text)),
            Self::Redirect { status, location } => Self::Redirect {
                status,
                location: redactor.scrub(&location),
            },
            other => other,
        }
    }
}

/// Where feedback comes from: the real API over HTTP, or a fake in tests.
pub trait UpstreamSource: Send + Sync {
    /// One response body; `since` is the `t` cursor (Unix seconds).
    fn fetch(
        &self,
        since: Option<i64>,
    ) -> impl Future<Output = Result<FetchedBody, FetchError>> + Send;

    /// What takes this source's secrets out of the text it yields.
    fn redactor(&self) -> Redactor {
        Redactor::default()
    }
}

/// A response body and the HTTP status it came with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchedBody {
    /// The HTTP status code.
    pub status: u16,
    /// The body bytes.
    pub body: Vec<u8>,
}

/// The Feedback API over HTTP(S).
#[derive(Debug, Clone)]
pub struct HttpSource {
    client: reqwest::Client,
    endpoint: String,
    key: RestKey,
    customer_id: String,
    timeout: Duration,
    max_bytes: u64,
    redactor: Redactor,
}

impl HttpSource {
    /// The client `options` name (`RTG_*`, `STELE_UPSTREAM_*`), or a message naming the
    /// missing variable. Plain http to another machine is allowed, with a warning.
    pub fn from_options(options: &UpstreamOptions) -> Result<Self, String> {
        let (key, _) = options.rest_key()?;
        let customer = options.customer()?;
        if plain_http_elsewhere(&options.upstream_url) {
            tracing::warn!(
                upstream = %redact(&options.upstream_url),
                "STELE_UPSTREAM_URL is plain http to another machine: the REST key crosses the network unencrypted; use https"
            );
        }
        Ok(Self::new(
            &options.upstream_url,
            key,
            customer,
            options.upstream_timeout,
            options.upstream_max_bytes,
        ))
    }

    /// A client for `endpoint` with the given credentials and limits.
    pub fn new(
        endpoint: &str,
        key: RestKey,
        customer_id: &str,
        timeout: Duration,
        max_bytes: u64,
    ) -> Self {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("stele-relay/", env!("CARGO_PKG_VERSION")))
            // A redirect would carry the key elsewhere: in the request line when Location
            // keeps the query, and in Referer in any case. The API never redirects.
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .build()
            .expect("the TLS backend initialises");
        Self {
            client,
            endpoint: endpoint.to_owned(),
            redactor: Redactor::new(&key),
            key,
            customer_id: customer_id.trim().to_owned(),
            timeout,
            max_bytes,
        }
    }

    /// The request URL with the key in it: for the request only, never for a log.
    fn url(&self, since: Option<i64>) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query
            .append_pair("k", self.key.expose())
            .append_pair("u", &self.customer_id);
        if let Some(since) = since {
            query.append_pair("t", &since.to_string());
        }
        let separator = if self.endpoint.contains('?') {
            '&'
        } else {
            '?'
        };
        format!("{}{separator}{}", self.endpoint, query.finish())
    }

    /// The request URL as logs may show it.
    pub fn redacted_url(&self, since: Option<i64>) -> String {
        redact(&self.url(since))
    }

    fn classify(&self, error: reqwest::Error) -> FetchError {
        // without_url: reqwest's messages otherwise quote the URL, key included.
        let timed_out = error.is_timeout();
        let connect = error.is_connect() || error.is_request() && !error.is_body();
        let error = error.without_url();
        let text = source_chain(&error);
        if timed_out {
            FetchError::Timeout(self.timeout)
        } else if connect {
            FetchError::Connect(text)
        } else {
            FetchError::Body(text)
        }
    }
}

fn source_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

impl UpstreamSource for HttpSource {
    async fn fetch(&self, since: Option<i64>) -> Result<FetchedBody, FetchError> {
        let mut response = self
            .client
            .get(self.url(since))
            .send()
            .await
            .map_err(|e| self.classify(e))?;
        let status = response.status().as_u16();
        if response.status().is_redirection() {
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .map(|value| without_query(&String::from_utf8_lossy(value.as_bytes())))
                .unwrap_or_else(|| "nowhere (no Location)".into());
            return Err(FetchError::Redirect { status, location });
        }
        if response
            .content_length()
            .is_some_and(|length| length > self.max_bytes)
        {
            return Err(FetchError::TooLarge(self.max_bytes));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.classify(e))? {
            if (body.len() + chunk.len()) as u64 > self.max_bytes {
                return Err(FetchError::TooLarge(self.max_bytes));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(FetchedBody { status, body })
    }

    fn redactor(&self) -> Redactor {
        self.redactor.clone()
    }
}

/// Everything that can make a sync fail.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// Transport-level failure.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// An error envelope.
    #[error(transparent)]
    Upstream(#[from] UpstreamError),
    /// A body that is not a Feedback API response.
    #[error("malformed response: {0}")]
    Malformed(String),
    /// The store failed.
    #[error("store: {0}")]
    Store(String),
    /// The sync panicked (a bug): logged, counted in `/metrics`, and retried.
    #[error("the sync panicked; see the relay's log")]
    Panicked,
    /// The sync's data is stored but what the routes serve could not be rebuilt from it.
    #[error("the read model could not be rebuilt: {0}")]
    Rebuild(String),
}

impl SyncError {
    /// A stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Fetch(error) => error.code(),
            Self::Upstream(error) => error.code(),
            Self::Malformed(_) => "upstream_malformed",
            Self::Store(_) => "store_error",
            Self::Panicked => "sync_panicked",
            Self::Rebuild(_) => "rebuild_failed",
        }
    }

    /// What the operator should do.
    pub fn hint(&self) -> &'static str {
        match self {
            Self::Fetch(error) => error.hint(),
            Self::Upstream(error) => error.hint(),
            Self::Malformed(_) => "the Feedback API answered with something that is not its JSON: usually a proxy or maintenance page; the relay retries",
            Self::Store(_) => "the relay cannot write its database: check STELE_DB's disk space and permissions",
            Self::Panicked => "a bug in the relay: it keeps serving and retries; please report the log lines around the panic",
            Self::Rebuild(_) => "the sync is stored but the relay cannot read it back to serve it: it keeps serving the previous data and retries; check STELE_DB's disk and the log",
        }
    }

    /// The error with the key taken out of every string the upstream or the network
    /// supplied: what may be stored, logged or printed.
    pub fn scrubbed(self, redactor: &Redactor) -> Self {
        match self {
            Self::Fetch(error) => Self::Fetch(error.scrubbed(redactor)),
            Self::Upstream(UpstreamError::Unknown { status, message }) => {
                Self::Upstream(UpstreamError::Unknown {
                    status: status.map(|s| redactor.scrub(&s)),
                    message: message.map(|m| redactor.scrub(&m)),
                })
            }
            Self::Malformed(text) => Self::Malformed(redactor.scrub(&text)),
            other => other,
        }
    }

    /// What the public `/healthz` may say: the relay's own words, never a string the
    /// upstream or the network supplied (which could quote the request, or name the
    /// customer id). The detail is in the relay's log, `stele-relay check` and `sync`.
    pub fn public_message(&self) -> String {
        match self {
            Self::Upstream(UpstreamError::Unknown { .. }) => {
                "Retargeting answered with an error this relay does not know; its text is in the relay's log".into()
            }
            Self::Upstream(error) => error.message().to_owned(),
            Self::Fetch(FetchError::Connect(_)) => "cannot connect to the Feedback API".into(),
            Self::Fetch(FetchError::Body(_)) => "the Feedback API's response was cut short".into(),
            Self::Fetch(FetchError::Redirect { status, .. }) => {
                format!("HTTP status {status}: a redirect, not followed")
            }
            Self::Fetch(error) => error.to_string(),
            Self::Malformed(_) => "the Feedback API answered with something that is not its JSON".into(),
            Self::Store(_) => "the relay cannot write its database".into(),
            Self::Rebuild(_) => "the relay stored the sync but cannot serve it yet; it retries".into(),
            Self::Panicked => self.to_string(),
        }
    }

    /// Whether retrying can help without the operator.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Upstream(error) => error.is_transient(),
            Self::Fetch(_) | Self::Malformed(_) | Self::Panicked | Self::Rebuild(_) => true,
            Self::Store(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_scrubbed_however_a_url_encoder_wrote_it() {
        let redactor = Redactor::new(&RestKey::new("rk_A/b c"));
        for written in [
            "rk_A/b c",
            "rk_A%2Fb+c",
            "rk_A%2fb%20c",
            "%72%6b%5f%41%2f%62%20%63",
            "%72%6B%5F%41%2F%62%20%63",
            "r%6b_A/b%20c",
        ] {
            assert_eq!(
                redactor.scrub(&format!("GET /f?k={written}&u=1 ă")),
                "GET /f?k=<REST key>&u=1 ă",
                "{written}"
            );
        }
        assert_eq!(redactor.scrub("rk_A/b% ăî %zz"), "rk_A/b% ăî %zz");
        assert_eq!(
            redactor.scrub("bad\n2026-12-03T00:00:00Z  INFO sync ok\r\u{1b}[2J\u{9b}"),
            "bad 2026-12-03T00:00:00Z  INFO sync ok  [2J ",
            "a forged log line and terminal escapes"
        );
    }

    #[test]
    fn redaction_removes_every_key() {
        assert_eq!(
            redact("https://x/y?k=SECRET&u=42&t=1"),
            "https://x/y?k=REDACTED&u=42&t=1"
        );
        assert_eq!(
            redact("https://x/y?u=1&k=A&k=B#k=C"),
            "https://x/y?u=1&k=REDACTED&k=REDACTED#k=C"
        );
        assert_eq!(redact("https://x/y"), "https://x/y");
        assert_eq!(
            redact("https://user:hunter2@x:8443/y?k=S"),
            "https://user:REDACTED@x:8443/y?k=REDACTED"
        );
        assert_eq!(
            redact("http://u:p@ss:w@x"),
            "http://u:REDACTED@x",
            "a password holding @"
        );
        assert_eq!(redact("https://user@x/y"), "https://user@x/y");
        assert_eq!(
            without_query("https://a:b@x/y?k=S"),
            "https://a:REDACTED@x/y"
        );
        assert!(!format!("{:?}", RestKey::new("SECRET")).contains("SECRET"));
    }

    #[test]
    fn urls_carry_the_cursor_and_escape_values() {
        let source = HttpSource::new(
            "http://127.0.0.1:9/feed",
            RestKey::new("a&b c"),
            "42",
            Duration::from_secs(1),
            10,
        );
        assert_eq!(
            source.url(Some(7)),
            "http://127.0.0.1:9/feed?k=a%26b+c&u=42&t=7"
        );
        assert_eq!(
            source.redacted_url(None),
            "http://127.0.0.1:9/feed?k=REDACTED&u=42"
        );
    }
}
