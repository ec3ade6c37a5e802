//! How the public server behaves: its address, the widget's files, the rate limit, timeouts,
//! connection limits, caching of JSON answers and where browsers reach it.

use std::path::PathBuf;
use std::time::Duration;

use axum::http::HeaderValue;
use clap::Args;

use crate::config::clients::{AllowedOrigins, TrustedProxies};
use crate::config::{duration_at_least, duration_at_most};

/// `STELE_REQUEST_TIMEOUT`: at least 100 ms.
pub fn parse_request_timeout(text: &str) -> Result<Duration, String> {
    duration_at_least(
        text,
        "STELE_REQUEST_TIMEOUT",
        Duration::from_millis(100),
        "10s",
        "shorter fails ordinary requests on a busy host",
    )
}

/// `STELE_CACHE_MAX_AGE`: any duration, unit required (0s: caches always revalidate).
pub fn parse_cache_max_age(text: &str) -> Result<Duration, String> {
    duration_at_least(text, "STELE_CACHE_MAX_AGE", Duration::ZERO, "60s", "")
}

/// `STELE_HEADER_TIMEOUT`: from a request's first byte to the end of its head, 1 s to 5 m.
pub fn parse_header_timeout(text: &str) -> Result<Duration, String> {
    duration_at_most(
        duration_at_least(
            text,
            "STELE_HEADER_TIMEOUT",
            Duration::from_secs(1),
            "10s",
            "a request head is a few hundred bytes: slower is a slow network or a slowloris client",
        )?,
        text,
        "STELE_HEADER_TIMEOUT",
        Duration::from_secs(300),
        "10s",
    )
}

/// `STELE_IDLE_TIMEOUT`: how long a connection may wait for a request, 1 s to 1 h.
pub fn parse_idle_timeout(text: &str) -> Result<Duration, String> {
    duration_at_most(
        duration_at_least(
            text,
            "STELE_IDLE_TIMEOUT",
            Duration::from_secs(1),
            "30s",
            "browsers reuse a connection within a second or two; shorter only costs handshakes",
        )?,
        text,
        "STELE_IDLE_TIMEOUT",
        Duration::from_secs(3600),
        "30s",
    )
}

/// The fewest connections `STELE_MAX_CONNECTIONS` may set, and the floor the open-file limit
/// may lower the cap to.
pub const MIN_CONNECTIONS: usize = 16;

/// `STELE_MAX_CONNECTIONS`: a whole number from 16 to 1,000,000.
pub fn parse_max_connections(text: &str) -> Result<usize, String> {
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (MIN_CONNECTIONS..=1_000_000).contains(n))
        .ok_or_else(|| {
            format!(
                "STELE_MAX_CONNECTIONS={text:?}: use a whole number of connections from 16 to 1000000, \
                 below the process's open-file limit (LimitNOFILE), e.g. STELE_MAX_CONNECTIONS=1024"
            )
        })
}

/// `STELE_SHUTDOWN_TIMEOUT`: how long SIGTERM waits for requests in flight.
pub fn parse_shutdown_timeout(text: &str) -> Result<Duration, String> {
    duration_at_least(text, "STELE_SHUTDOWN_TIMEOUT", Duration::ZERO, "10s", "")
}

/// `STELE_RATE_LIMIT`: requests per second per client, a finite number ≥ 0 (0 turns the
/// limit off; 0.2 is one request every 5 s). A positive rate below one request a day
/// ([`MIN_RATE`]) is refused: it would shut every client out after its
/// first request, which is never what a setting such as `1e-20` meant.
pub fn parse_rate_limit(text: &str) -> Result<f64, String> {
    let rate = text
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|rate| rate.is_finite() && *rate >= 0.0)
        .ok_or_else(|| {
            format!(
                "STELE_RATE_LIMIT={text:?} is not a number of requests per second: use a number from 0 \
                 (0 turns the limit off), e.g. STELE_RATE_LIMIT=20 or STELE_RATE_LIMIT=0.5"
            )
        })?;
    if rate > MAX_RATE {
        return Err(format!(
            "STELE_RATE_LIMIT={text} is above a billion requests a second per client, which \
             limits nothing: use 0 to turn the limit off or a rate of requests per second, e.g. \
             STELE_RATE_LIMIT=20"
        ));
    }
    if rate > 0.0 && rate < MIN_RATE {
        return Err(format!(
            "STELE_RATE_LIMIT={text} is below one request a day per client ({:.7}/s): every \
             shopper would be refused after a first request; use 0 to turn the limit off or a \
             rate of requests per second, e.g. STELE_RATE_LIMIT=20",
            MIN_RATE
        ));
    }
    Ok(rate)
}

/// The example `STELE_LISTEN`'s refusals give (its default).
pub const LISTEN_EXAMPLE: &str = "127.0.0.1:8787";

/// The example `STELE_METRICS_LISTEN`'s refusals give.
pub const METRICS_LISTEN_EXAMPLE: &str = "127.0.0.1:9187";

/// The public address: where `serve` and `demo` listen and where `probe` asks.
#[derive(Debug, Clone, Args)]
pub struct ListenOptions {
    /// Address to listen on; `probe` asks the relay there (an unspecified address such as
    /// 0.0.0.0 means this host).
    #[arg(long, env = "STELE_LISTEN", default_value = LISTEN_EXAMPLE)]
    pub listen: String,
}

/// How the HTTP server behaves.
#[derive(Debug, Clone, Args)]
pub struct HttpOptions {
    /// `STELE_LISTEN`.
    #[command(flatten)]
    pub address: ListenOptions,

    /// Comma-separated origins allowed to call the API from another origin
    /// (e.g. https://shop.example), or `*` alone for any origin (the API is public,
    /// read-only and needs no credentials); none means same-origin only.
    #[arg(long, env = "STELE_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,

    /// Directory of the built widget files, served at / (a release binary serves the
    /// widget built into it without this; set it to serve another build).
    #[arg(long, env = "STELE_ASSETS")]
    pub assets: Option<PathBuf>,

    /// Requests per second per client address (bursts of 3×, at least one request);
    /// 0 turns the limit off.
    #[arg(long, env = "STELE_RATE_LIMIT", default_value = "20", value_parser = parse_rate_limit)]
    pub rate_limit: f64,

    /// Comma-separated reverse proxies (CIDRs or addresses) whose X-Forwarded-For names the
    /// client, e.g. 127.0.0.1/32,10.0.0.0/8 behind a container network or load balancer.
    #[arg(
        long,
        env = "STELE_TRUSTED_PROXIES",
        value_delimiter = ',',
        default_value = "127.0.0.0/8,::1/128"
    )]
    pub trusted_proxies: Vec<String>,

    /// How long SIGTERM waits for requests in flight before the relay exits anyway.
    #[arg(long, env = "STELE_SHUTDOWN_TIMEOUT", default_value = "10s", value_parser = parse_shutdown_timeout)]
    pub shutdown_timeout: Duration,

    /// Address of the Prometheus /metrics listener (e.g. 127.0.0.1:9187); off by default,
    /// and never the public port.
    #[arg(long, env = "STELE_METRICS_LISTEN")]
    pub metrics_listen: Option<String>,

    /// Longest a request may take.
    #[arg(long, env = "STELE_REQUEST_TIMEOUT", default_value = "10s", value_parser = parse_request_timeout)]
    pub request_timeout: Duration,

    /// How long browsers and caches may reuse a JSON answer.
    #[arg(long, env = "STELE_CACHE_MAX_AGE", default_value = "60s", value_parser = parse_cache_max_age)]
    pub cache_max_age: Duration,

    /// Most connections open at once; at the cap a new one replaces the one that has waited
    /// longest without a request (see docs/relay.md, "Security").
    #[arg(long, env = "STELE_MAX_CONNECTIONS", default_value = "1024", value_parser = parse_max_connections)]
    pub max_connections: usize,

    /// Longest from a request's first byte to the end of its headers.
    #[arg(long, env = "STELE_HEADER_TIMEOUT", default_value = "10s", value_parser = parse_header_timeout)]
    pub header_timeout: Duration,

    /// Longest a connection may stay open with nothing moving: no request in flight and
    /// nothing sent, or an answer the client takes no byte of.
    #[arg(long, env = "STELE_IDLE_TIMEOUT", default_value = "30s", value_parser = parse_idle_timeout)]
    pub idle_timeout: Duration,
}

/// An address to listen on: an IP address and a port (`127.0.0.1:8787`, `[::]:8787`) or
/// a host name and a port (`localhost:8787`). A bare port is refused (which interface?).
pub(crate) fn check_address(text: &str, variable: &str, example: &str) -> Result<(), String> {
    let text = text.trim();
    let named = text.rsplit_once(':').is_some_and(|(host, port)| {
        !host.is_empty()
            && port.parse::<u16>().is_ok()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.".contains(&b))
    });
    if text.parse::<std::net::SocketAddr>().is_ok() || named {
        Ok(())
    } else {
        Err(format!(
            "{variable}={text} is not an address and port (an IP address or host name, a colon and a port); e.g. {variable}={example}"
        ))
    }
}

/// `STELE_ASSETS` is served whole at `/`: it must be a directory holding the built widget
/// (its loader `stele.js`), and never `/`.
pub(crate) fn check_assets(dir: &std::path::Path) -> Result<(), String> {
    const EXAMPLE: &str = "e.g. STELE_ASSETS=target/widget/dist";
    let shown = dir.display();
    let meta = std::fs::metadata(dir).map_err(|e| {
        let what = if e.kind() == std::io::ErrorKind::NotFound {
            "no such directory".to_owned()
        } else {
            format!("cannot read it ({e})")
        };
        format!("STELE_ASSETS={shown}: {what}; name the directory of the built widget (it holds stele.js), or leave STELE_ASSETS unset for the widget built into a release binary; {EXAMPLE}")
    })?;
    if !meta.is_dir() {
        return Err(format!(
            "STELE_ASSETS={shown} is not a directory: name the directory of the built widget (it holds stele.js); {EXAMPLE}"
        ));
    }
    if std::fs::canonicalize(dir).is_ok_and(|real| real.parent().is_none()) {
        return Err(format!(
            "STELE_ASSETS={shown} is the root directory: the relay would serve every file on the machine; name the directory of the built widget; {EXAMPLE}"
        ));
    }
    if !dir.join("stele.js").is_file() {
        return Err(format!(
            "STELE_ASSETS={shown} holds no stele.js, so it is not a built widget (scripts/build-widget makes one); {EXAMPLE}"
        ));
    }
    Ok(())
}

impl HttpOptions {
    /// What one client may hold of the public listener.
    pub fn limits(&self) -> Limits {
        Limits {
            max_connections: self.max_connections,
            header_timeout: self.header_timeout,
            idle_timeout: self.idle_timeout,
        }
    }

    /// The server settings, or a message naming the variable that is wrong.
    pub fn settings(&self) -> Result<HttpSettings, String> {
        let cache_control = crate::delivery::data_cache_control(self.cache_max_age);
        check_address(&self.address.listen, "STELE_LISTEN", LISTEN_EXAMPLE)?;
        if let Some(metrics) = &self.metrics_listen {
            check_address(metrics, "STELE_METRICS_LISTEN", METRICS_LISTEN_EXAMPLE)?;
            if metrics.trim() == self.address.listen.trim() {
                return Err(format!(
                    "STELE_METRICS_LISTEN={metrics} is the public address: metrics are for operators; use another port, e.g. STELE_METRICS_LISTEN=127.0.0.1:9187"
                ));
            }
        }
        if let Some(dir) = &self.assets {
            check_assets(dir)?;
        }
        Ok(HttpSettings {
            allowed_origins: AllowedOrigins::parse(&self.allowed_origins)?,
            assets: Assets::choose(self.assets.clone()),
            rate_limit: (self.rate_limit > 0.0)
                .then(|| RateLimit::with_default_burst(self.rate_limit)),
            trusted_proxies: TrustedProxies::parse(&self.trusted_proxies)?,
            metrics: self.metrics_listen.is_some(),
            request_timeout: self.request_timeout,
            cache_control: axum::http::HeaderValue::from_str(&cache_control).expect("ASCII"),
        })
    }
}

/// How the server behaves on the wire.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// Origins allowed to read the API cross-origin (`STELE_ALLOWED_ORIGINS`).
    pub allowed_origins: AllowedOrigins,
    /// The widget's files, served at `/`.
    pub assets: Assets,
    /// `None` disables rate limiting (load tests, trusted networks).
    pub rate_limit: Option<RateLimit>,
    /// Peers whose `X-Forwarded-For` names the client.
    pub trusted_proxies: TrustedProxies,
    /// Longest a request may take.
    pub request_timeout: Duration,
    /// `Cache-Control` of JSON answers.
    pub cache_control: HeaderValue,
    /// Whether requests are counted for `/metrics` (`STELE_METRICS_LISTEN` is set).
    pub metrics: bool,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            allowed_origins: AllowedOrigins::SameOrigin,
            assets: Assets::None,
            rate_limit: Some(RateLimit::with_default_burst(20.0)),
            trusted_proxies: TrustedProxies::default(),
            request_timeout: Duration::from_secs(10),
            cache_control: HeaderValue::from_static(crate::delivery::DEFAULT_DATA_CACHE_CONTROL),
            metrics: false,
        }
    }
}

/// What one client may hold of the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Connections open at once (`STELE_MAX_CONNECTIONS`).
    pub max_connections: usize,
    /// From a request's first byte to the end of its head (`STELE_HEADER_TIMEOUT`).
    pub header_timeout: Duration,
    /// Longest a connection may send nothing while no request is in flight, or take no byte
    /// of an answer (`STELE_IDLE_TIMEOUT`).
    pub idle_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_connections: 1024,
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
        }
    }
}

/// Per-address request budget.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    /// Sustained requests per second (any positive number: 0.2 is one request per 5 s).
    pub per_second: f64,
    /// Requests allowed at once after a quiet spell; at least 1, so any positive rate
    /// lets a first request through.
    pub burst: u32,
}

impl RateLimit {
    /// `per_second` with bursts of three seconds' worth (at least one request).
    pub fn with_default_burst(per_second: f64) -> Self {
        Self {
            per_second,
            burst: (per_second * 3.0).round().clamp(1.0, f64::from(u32::MAX)) as u32,
        }
    }
}

/// The smallest rate `STELE_RATE_LIMIT` takes: one request a day (below that a client is
/// refused for days after one request).
pub const MIN_RATE: f64 = 1.0 / 86_400.0;

/// The most requests a second per client `STELE_RATE_LIMIT` takes: above this a rate limits
/// nothing the server could serve, and is a slip (`1e300`) rather than a choice.
pub const MAX_RATE: f64 = 1e9;

/// Where the widget's files come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assets {
    /// No files: the API only.
    None,
    /// A directory (`STELE_ASSETS`).
    Dir(PathBuf),
    /// The files built into this binary.
    Embedded,
}

impl Assets {
    /// `STELE_ASSETS` when set, else the embedded widget when this binary has one.
    pub fn choose(dir: Option<PathBuf>) -> Self {
        match dir {
            Some(dir) => Self::Dir(dir),
            None if embedded_build().is_some() => Self::Embedded,
            None => Self::None,
        }
    }
}

/// The build (a hash of its loader) of the widget built into this binary
/// (`--features embedded-widget`, with `STELE_WIDGET_BUILD` set at compile time), if any.
pub fn embedded_build() -> Option<&'static str> {
    #[cfg(feature = "embedded-widget")]
    return Some(env!("STELE_WIDGET_BUILD"));
    #[cfg(not(feature = "embedded-widget"))]
    None
}
