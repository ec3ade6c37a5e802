//! The server's lifecycle: binding its addresses, serving until SIGINT or SIGTERM, and the
//! grace period for requests in flight. The connections themselves are [`crate::http::server`]'s.

use crate::config::http::{HttpOptions, Limits};
use crate::http::router::app;
use crate::http::server::serve;
use crate::http::state::AppState;

/// The log target of the "listening on" lines, which `cli::init_logging` always enables.
pub const LISTENING: &str = concat!(env!("CARGO_CRATE_NAME"), "::listening");

/// Binds `address`, or says why not and which variable sets it.
pub async fn bind(address: &str, variable: &str) -> Result<tokio::net::TcpListener, String> {
    tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| format!("cannot listen on {address}: {e} (set {variable})"))
}

/// Serves `router` on `listener` until `shutdown` resolves, with the default connection
/// limits ([`Limits`]); then requests in flight get `deadline` to finish (idle connections
/// close at once) before this returns anyway.
pub async fn serve_until(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    deadline: std::time::Duration,
) -> Result<(), String> {
    serve(listener, router, shutdown, deadline, Limits::default()).await
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = interrupt => {}, _ = terminate => {} }
}

/// Serves the public router (and, when configured, `/metrics` on its own address) until
/// SIGINT or SIGTERM.
pub async fn run_http(http: &HttpOptions, state: AppState) -> Result<(), String> {
    let listener = bind(&http.address.listen, "STELE_LISTEN").await?;
    if let Some(address) = &http.metrics_listen {
        let metrics = bind(address, "STELE_METRICS_LISTEN").await?;
        let handle = crate::http::metrics::install();
        tokio::spawn(crate::http::metrics::upkeep(handle.clone()));
        let router = crate::http::metrics::router(state.clone(), handle);
        let local = metrics.local_addr().map_err(|e| e.to_string())?;
        tracing::info!(target: LISTENING, "metrics on http://{local}/metrics");
        tokio::spawn(serve_until(
            metrics,
            router,
            shutdown_signal(),
            http.shutdown_timeout,
        ));
    }
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    // One line, in the chosen log format; tests and scripts wait for it.
    tracing::info!(target: LISTENING, "listening on http://{local}");
    serve(
        listener,
        app(state),
        shutdown_signal(),
        http.shutdown_timeout,
        http.limits(),
    )
    .await
}
