//! Middleware: rate limit, CORS allowlist, compression, request timeout, `nosniff`, and the
//! widget's static files with caching that fits their names.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::api::AppState;
use crate::error::ApiError;

/// Per-address request budget: a token bucket.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    /// Sustained requests per second.
    pub per_second: f64,
    /// Requests allowed in a burst.
    pub burst: f64,
}

/// How the server behaves on the wire.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// Origins allowed to read the API cross-origin; empty means same-origin only.
    pub allowed_origins: Vec<String>,
    /// The built widget's files, served at `/`.
    pub assets: Option<PathBuf>,
    /// `None` disables rate limiting (load tests, trusted networks).
    pub rate_limit: Option<RateLimit>,
    /// Longest a request may take.
    pub request_timeout: Duration,
    /// `Cache-Control` of JSON answers.
    pub cache_control: HeaderValue,
    /// Where shoppers' browsers reach the relay (`/stele/` behind the documented proxy
    /// rule): server-rendered fragments link `stele.css` from there.
    pub public_url: String,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            allowed_origins: Vec::new(),
            assets: None,
            rate_limit: Some(RateLimit {
                per_second: 20.0,
                burst: 60.0,
            }),
            request_timeout: Duration::from_secs(10),
            cache_control: HeaderValue::from_static(
                "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400",
            ),
            public_url: "/stele/".into(),
        }
    }
}

/// Token buckets by client address, pruned as they go idle.
pub struct RateLimiter {
    limit: Option<RateLimit>,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl RateLimiter {
    /// A limiter; `None` lets everything through.
    pub fn new(limit: Option<RateLimit>) -> Self {
        Self {
            limit,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for `address`, or says how many seconds until one is free.
    pub fn check(&self, address: IpAddr, now: Instant) -> Result<(), u64> {
        let Some(limit) = self.limit else {
            return Ok(());
        };
        let mut buckets = crate::sync::lock(&self.buckets);
        if buckets.len() > 50_000 {
            // Full buckets carry no state worth keeping.
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * limit.per_second < limit.burst
            });
        }
        let (tokens, at) = buckets.entry(address).or_insert((limit.burst, now));
        *tokens =
            (*tokens + now.duration_since(*at).as_secs_f64() * limit.per_second).min(limit.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / limit.per_second).ceil().max(1.0) as u64)
        }
    }
}

/// The client's address: the peer, or — when the peer is a reverse proxy on loopback — the
/// last address it appended to `X-Forwarded-For`.
fn client_address(request: &Request) -> IpAddr {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    let forwarded = || {
        request
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<IpAddr>().ok())
    };
    match peer {
        Some(peer) if peer.is_loopback() => forwarded().unwrap_or(peer),
        Some(peer) => peer,
        None => forwarded().unwrap_or(IpAddr::from([0, 0, 0, 0])),
    }
}

async fn rate_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.uri().path() != "/healthz" {
        if let Err(retry_after) = state
            .shared()
            .limiter
            .check(client_address(&request), Instant::now())
        {
            return ApiError::RateLimited { retry_after }.into_response();
        }
    }
    next.run(request).await
}

/// Hashed file names (`stele-3f9a1c2b.wasm`) never change content: cache them for a year.
/// Stable names (`stele.js`, the loader) must revalidate so new releases reach shoppers.
fn asset_cache_control(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or("");
    let stem = name.split('.').next().unwrap_or("");
    let hashed = stem
        .rsplit(['-', '_'])
        .next()
        .is_some_and(|tail| tail.len() >= 8 && tail.bytes().all(|b| b.is_ascii_hexdigit()))
        && stem.contains(['-', '_']);
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=0, must-revalidate"
    }
}

async fn asset_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status() == axum::http::StatusCode::NOT_MODIFIED {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(asset_cache_control(&path)),
        );
    }
    response
}

async fn not_found(request: Request) -> ApiError {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        ApiError::NotFound(request.uri().path().chars().take(200).collect())
    } else {
        ApiError::MethodNotAllowed
    }
}

async fn request_timeout(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(state.shared().settings.request_timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::Timeout.into_response(),
    }
}

/// Wraps the API routes with the assets fallback and every layer.
pub fn with_middleware(api: Router<AppState>, state: AppState) -> Router {
    let settings = &state.shared().settings;
    let router = match &settings.assets {
        Some(dir) => {
            let files = ServeDir::new(dir)
                .append_index_html_on_directories(true)
                .not_found_service(axum::routing::any(not_found));
            api.fallback_service(
                Router::new()
                    .fallback_service(files)
                    .layer(middleware::from_fn(asset_headers)),
            )
        }
        None => api.fallback(not_found),
    };
    let mut router = router
        .layer(middleware::from_fn_with_state(
            state.clone(),
            request_timeout,
        ))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ));
    let origins: Vec<HeaderValue> = settings
        .allowed_origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o.trim_end_matches('/')).ok())
        .collect();
    if !origins.is_empty() {
        router = router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::HEAD])
                .allow_headers([header::IF_NONE_MATCH])
                .expose_headers([header::ETAG])
                .max_age(Duration::from_secs(3600)),
        );
    }
    router
        .layer(middleware::from_fn_with_state(state.clone(), rate_limit))
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_assets_are_immutable_and_loaders_revalidate() {
        assert_eq!(
            asset_cache_control("/stele-3f9a1c2b7d.wasm"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            asset_cache_control("/assets/stele_bg-0123456789abcdef.js"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            asset_cache_control("/stele.js"),
            "public, max-age=0, must-revalidate"
        );
        assert_eq!(
            asset_cache_control("/index.html"),
            "public, max-age=0, must-revalidate"
        );
        assert_eq!(
            asset_cache_control("/my-component.js"),
            "public, max-age=0, must-revalidate"
        );
    }

    #[test]
    fn buckets_refill_at_the_configured_rate() {
        let limiter = RateLimiter::new(Some(RateLimit {
            per_second: 2.0,
            burst: 3.0,
        }));
        let start = Instant::now();
        let ip = IpAddr::from([10, 0, 0, 1]);
        assert!((0..3).all(|_| limiter.check(ip, start).is_ok()));
        assert_eq!(limiter.check(ip, start), Err(1));
        assert!(
            limiter.check(IpAddr::from([10, 0, 0, 2]), start).is_ok(),
            "buckets are per address"
        );
        assert!(limiter
            .check(ip, start + Duration::from_millis(500))
            .is_ok());
        assert!(RateLimiter::new(None).check(ip, start).is_ok());
    }
}
