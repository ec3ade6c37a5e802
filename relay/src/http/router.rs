//! The router and its layers: panics caught, rate limit, CORS allowlist, compression,
//! request timeout, `nosniff`, request logs, metrics, HTTP caching of the API, and the
//! widget's static files with caching that fits their names. `app(state)` builds it all,
//! so tests drive it with `tower::ServiceExt::oneshot` and no socket.

use std::any::Any;
use std::time::Duration;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnRequest, DefaultOnResponse, TraceLayer};

use crate::config::clients::AllowedOrigins;
use crate::config::http::Assets;
use crate::delivery;
use crate::http::error::ApiError;
use crate::http::state::AppState;

/// The whole relay: API, probes, the widget's files, and every layer.
pub fn app(state: AppState) -> Router {
    with_middleware(crate::http::routes::routes(), state)
}

/// The longest URL (path and query) a request may have: the API's are under 300 bytes.
pub const MAX_URI_BYTES: usize = 8 * 1024;
/// The most header bytes (names and values) a request may carry: browsers send 1–4 KB.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// The most header lines a request may carry.
pub const MAX_HEADERS: usize = 100;
/// The longest path segment: a longer one cannot name a file on any common file system
/// (`ENAMETOOLONG`), so it is no file of ours.
const MAX_SEGMENT_BYTES: usize = 255;
/// The longest path a file of the widget's can have (theirs are under 100 bytes): a longer
/// one, even of short segments, would pass Linux's 4,096-byte `PATH_MAX` under
/// `STELE_ASSETS` (`ENAMETOOLONG`, a 500 and an error line per request).
const MAX_ASSET_PATH_BYTES: usize = 1024;

/// 414 and 431 in the API's error shape, before any routing. What hyper cannot parse at
/// all (a URL past 64 KiB, more than twice these header lines) it answers itself, and the
/// socket layer gives that answer the same shape ([`crate::http::parse_errors`]).
async fn request_limits(request: Request, next: Next) -> Response {
    let uri_bytes = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if uri_bytes > MAX_URI_BYTES {
        return ApiError::UriTooLong.into_response();
    }
    let headers = request.headers();
    let header_bytes: usize = headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if headers.len() > MAX_HEADERS || header_bytes > MAX_HEADER_BYTES {
        return ApiError::HeadersTooLarge.into_response();
    }
    next.run(request).await
}

/// Every error answer in the one JSON shape of docs/api.md: axum's rejections (a path
/// that is not UTF-8, …) and the file server's errors come as text/plain or empty, and are
/// rewritten here with their status kept.
pub async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let is_text = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/plain"));
    let message = if is_text {
        axum::body::to_bytes(body, 4096)
            .await
            .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned())
            .unwrap_or_default()
    } else {
        String::new()
    };
    let mut rewritten = ApiError::Rejected { status, message }.into_response();
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = parts.headers.get(&name) {
            rewritten.headers_mut().insert(name, value.clone());
        }
    }
    rewritten
}

/// No answer larger than `MAX_PUBLIC_BODY_BYTES` leaves the relay (Google's feed, which is
/// streamed and has no known size, is the whole shop by design). Comments are capped, so
/// reaching this is a bug: logged, and a 500 instead of megabytes to every shopper.
async fn body_cap(response: Response) -> Response {
    use http_body::Body as _;
    let limit = stele_core::paths::MAX_PUBLIC_BODY_BYTES as u64;
    match response.body().size_hint().exact() {
        Some(bytes) if bytes > limit => {
            tracing::error!(
                bytes,
                limit,
                "an answer over the public body limit was not sent; please report this"
            );
            ApiError::Internal.into_response()
        }
        _ => response,
    }
}

async fn asset_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if path.len() > MAX_ASSET_PATH_BYTES
        || path
            .split('/')
            .any(|segment| segment.len() > MAX_SEGMENT_BYTES)
    {
        return ApiError::NotFound(path.chars().take(200).collect()).into_response();
    }
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status() == axum::http::StatusCode::NOT_MODIFIED {
        let headers = response.headers_mut();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(delivery::file_cache_control(&path)),
        );
        // The one media-type table, from a directory as built in (a directory index, and
        // an extension the table does not know, keep the file server's guess).
        if let (Some(media_type), true) = (
            delivery::media_type(&path),
            headers.contains_key(header::CONTENT_TYPE),
        ) {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
        }
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

/// Whose budget a request spends: an IPv4 address, or an IPv6 client's /64. One IPv6
/// subscriber is handed a whole /64 and may rotate through it at will; a /64 is what an
/// IPv4 address is.
pub fn rate_key(client: std::net::IpAddr) -> std::net::IpAddr {
    match client.to_canonical() {
        std::net::IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            std::net::IpAddr::V6(bits.into())
        }
        v4 => v4,
    }
}

/// The layer: 429 with `Retry-After` once an address has spent its budget. Probes and the
/// metrics never count against it.
async fn rate_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !matches!(request.uri().path(), "/healthz" | "/livez" | "/readyz") {
        let shared = state.shared();
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        let forwarded = request
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok());
        let client = rate_key(shared.settings.trusted_proxies.client(peer, forwarded));
        if let Err(retry_after) = shared.limiter.check(client) {
            return ApiError::RateLimited { retry_after }.into_response();
        }
    }
    next.run(request).await
}

/// A panicking handler costs its own request only: a 500 in the API's error shape.
fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!(panic = %message, "a request handler panicked; answered 500, still serving");
    crate::http::metrics::record_handler_panic();
    ApiError::Internal.into_response()
}

/// Wraps `api` (routes with state) with the assets fallback and every layer. Tests pass
/// extra routes through here to reach them with the real layers.
pub fn with_middleware(api: Router<AppState>, state: AppState) -> Router {
    let settings = &state.shared().settings;
    let api = api.route_layer(middleware::from_fn_with_state(
        state.clone(),
        crate::http::cache::conditional,
    ));
    let router = match &settings.assets {
        Assets::Dir(dir) => {
            let files = ServeDir::new(dir)
                .precompressed_br()
                .precompressed_gzip()
                .append_index_html_on_directories(true)
                .not_found_service(axum::routing::any(not_found));
            api.fallback_service(
                Router::new()
                    .fallback_service(files)
                    .layer(middleware::from_fn(asset_headers)),
            )
        }
        Assets::Embedded => api.fallback_service(
            Router::new()
                .fallback(crate::http::assets::serve_embedded)
                .layer(middleware::from_fn(asset_headers)),
        ),
        Assets::None => api.fallback(not_found),
    };
    let mut router = router
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::map_response(json_errors))
        .layer(middleware::map_response(body_cap))
        .layer(middleware::from_fn(request_limits))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            request_timeout,
        ))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ));
    // `*` alone is any origin (`Access-Control-Allow-Origin: *`): the API is public,
    // read-only and credential-less. A list never holds `*` (`AllowedOrigins::parse`
    // refuses it there, and `AllowOrigin::list` would panic on one).
    let allow_origin = match &settings.allowed_origins {
        AllowedOrigins::SameOrigin => None,
        AllowedOrigins::Any => Some(AllowOrigin::any()),
        AllowedOrigins::List(origins) => Some(AllowOrigin::list(
            origins.iter().filter(|o| *o != "*").cloned(),
        )),
    };
    if let Some(allow_origin) = allow_origin {
        router = router.layer(
            CorsLayer::new()
                .allow_origin(allow_origin)
                .allow_methods([Method::GET, Method::HEAD])
                .allow_headers([header::IF_NONE_MATCH])
                .expose_headers([header::ETAG])
                .max_age(Duration::from_secs(3600)),
        );
    }
    // Layers that cost something per request are only there when configured.
    if settings.rate_limit.is_some() {
        router = router.layer(middleware::from_fn_with_state(state.clone(), rate_limit));
    }
    if settings.metrics {
        router = router.layer(middleware::from_fn(crate::http::metrics::track));
    }
    router
        // Request logs at DEBUG (`RUST_LOG=info,tower_http=debug`): the path, never a key
        // (the key only ever goes upstream, and public requests carry none).
        .layer(
            TraceLayer::new_for_http()
                .on_request(DefaultOnRequest::new().level(tracing::Level::DEBUG))
                .on_response(DefaultOnResponse::new().level(tracing::Level::DEBUG)),
        )
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_share_a_budget_per_64_and_ipv4_ones_per_address() {
        let key = |text: &str| rate_key(text.parse().unwrap()).to_string();
        assert_eq!(key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::");
        assert_eq!(key("2001:db8:1:2:ffff:1:2:3"), "2001:db8:1:2::");
        assert_ne!(key("2001:db8:1:3::1"), "2001:db8:1:2::");
        assert_eq!(key("192.0.2.7"), "192.0.2.7");
        assert_eq!(
            key("::ffff:192.0.2.7"),
            "192.0.2.7",
            "a mapped IPv4 address is IPv4"
        );
    }
}
