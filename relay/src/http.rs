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

use crate::assets::Assets;
use crate::error::ApiError;
use crate::settings::AllowedOrigins;
use crate::state::AppState;

pub use crate::settings::HttpSettings;

/// The whole relay: API, probes, the widget's files, and every layer.
pub fn app(state: AppState) -> Router {
    with_middleware(crate::api::routes(), state)
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
        let client = shared.settings.trusted_proxies.client(peer, forwarded);
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
    crate::metrics::record_handler_panic();
    ApiError::Internal.into_response()
}

/// Wraps `api` (routes with state) with the assets fallback and every layer. Tests pass
/// extra routes through here to reach them with the real layers.
pub fn with_middleware(api: Router<AppState>, state: AppState) -> Router {
    let settings = &state.shared().settings;
    let api = api.route_layer(middleware::from_fn_with_state(
        state.clone(),
        crate::cache::conditional,
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
                .fallback(crate::assets::serve_embedded)
                .layer(middleware::from_fn(asset_headers)),
        ),
        Assets::None => api.fallback(not_found),
    };
    let mut router = router
        .layer(CatchPanicLayer::custom(panic_response))
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
        router = router.layer(middleware::from_fn(crate::metrics::track));
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
}
