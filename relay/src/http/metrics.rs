//! Prometheus metrics (`metrics` + `metrics-exporter-prometheus`), served on their own
//! opt-in address (`STELE_METRICS_LISTEN`), never on the public port. Nothing is recorded
//! until [`install`] runs: without it the `metrics` macros are no-ops.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::http::state::AppState;
use crate::lock;

/// Request durations, in seconds: the relay answers from memory in well under a millisecond.
const LATENCY_BUCKETS: [f64; 12] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5,
];

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the process-wide recorder once and returns its handle.
pub fn install() -> PrometheusHandle {
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("stele_http_request_duration_seconds".into()),
                    &LATENCY_BUCKETS,
                )
                .expect("buckets are not empty")
                .build_recorder();
            let handle = recorder.handle();
            // Another recorder may already be installed (tests embed the relay); recording
            // then goes there, and this handle renders what it has.
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
}

/// Drains histogram samples into their buckets every few seconds, so memory stays flat
/// between scrapes.
pub async fn upkeep(handle: PrometheusHandle) {
    loop {
        tokio::time::sleep(Duration::from_secs(5)).await;
        handle.run_upkeep();
    }
}

/// The layer on the public router: requests by route template and status, and latency.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "fallback".to_owned(), |m| m.as_str().to_owned());
    let started = Instant::now();
    let response = next.run(request).await;
    let seconds = started.elapsed().as_secs_f64();
    let status = response.status().as_u16().to_string();
    metrics::counter!("stele_http_requests_total", "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("stele_http_request_duration_seconds", "route" => route).record(seconds);
    response
}

/// A handler that panicked (the relay answered 500 and kept serving).
pub fn record_handler_panic() {
    metrics::counter!("stele_http_panics_total").increment(1);
}

/// Gauges read from the state at scrape time, so they are never stale.
fn observe(state: &AppState) {
    let health = lock(&state.shared().health).clone();
    let now = crate::model::store::now();
    metrics::gauge!("stele_ready").set(if health.is_ready() { 1.0 } else { 0.0 });
    if let Some(age) = health.age_seconds(now) {
        metrics::gauge!("stele_sync_age_seconds").set(age as f64);
    }
    if let Some(at) = health.last_success {
        metrics::gauge!("stele_sync_last_success_timestamp_seconds").set(at.unix() as f64);
    }
    for (code, failures) in &health.failures_by_code {
        metrics::gauge!("stele_sync_consecutive_failures", "code" => *code).set(*failures);
    }
    let snapshot = state.snapshot();
    metrics::gauge!("stele_stored_orders").set(snapshot.totals.0 as f64);
    metrics::gauge!("stele_stored_product_reviews").set(snapshot.totals.1 as f64);
    metrics::gauge!("stele_stored_products").set(snapshot.products.len() as f64);
}

async fn scrape(State((state, handle)): State<(AppState, PrometheusHandle)>) -> Response {
    observe(&state);
    handle.run_upkeep();
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        handle.render(),
    )
        .into_response()
}

/// The metrics listener's router: `GET /metrics` only.
pub fn router(state: AppState, handle: PrometheusHandle) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .with_state((state, handle))
}
