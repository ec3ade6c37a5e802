//! How the public server behaves on the wire: origins, files, rate limit, timeouts,
//! caching and where browsers reach it. Built from the configuration (`config`).

use std::time::Duration;

use axum::http::HeaderValue;

use crate::assets::Assets;
use crate::ratelimit::{RateLimit, TrustedProxies};

/// How the server behaves on the wire.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// Origins allowed to read the API cross-origin; empty means same-origin only.
    pub allowed_origins: Vec<String>,
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
    /// Where shoppers' browsers reach the relay (`/stele/` behind the documented proxy
    /// rule): server-rendered fragments link `stele.css` from there.
    pub public_url: String,
    /// Whether requests are counted for `/metrics` (`STELE_METRICS_LISTEN` is set).
    pub metrics: bool,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            allowed_origins: Vec::new(),
            assets: Assets::None,
            rate_limit: Some(RateLimit::with_default_burst(20.0)),
            trusted_proxies: TrustedProxies::default(),
            request_timeout: Duration::from_secs(10),
            cache_control: HeaderValue::from_static(
                "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400",
            ),
            public_url: "/stele/".into(),
            metrics: false,
        }
    }
}
