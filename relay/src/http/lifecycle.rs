//! The server's lifecycle: binding its addresses, serving until SIGINT or SIGTERM, and the
//! grace period for requests in flight. The connections themselves are [`crate::http::server`]'s.

use crate::config::http::{HttpOptions, Limits, LISTEN_EXAMPLE, METRICS_LISTEN_EXAMPLE};
use crate::http::router::app;
use crate::http::server::serve;
use crate::http::state::AppState;

/// The log target of the "listening on" lines, which `cli::init_logging` always enables.
pub const LISTENING: &str = concat!(env!("CARGO_CRATE_NAME"), "::listening");

/// Binds `address`, or says why not, which variable sets it and an `example` of another.
pub async fn bind(
    address: &str,
    variable: &str,
    example: &str,
) -> Result<tokio::net::TcpListener, String> {
    tokio::net::TcpListener::bind(address).await.map_err(|e| {
        let hint = match e.kind() {
            std::io::ErrorKind::AddrInUse => "another process holds that port: stop it or choose another port",
            std::io::ErrorKind::PermissionDenied => "ports below 1024 need a privilege (CAP_NET_BIND_SERVICE): choose a port from 1024 behind a reverse proxy",
            std::io::ErrorKind::AddrNotAvailable => "no interface of this machine has that address: use one it has, 127.0.0.1, or 0.0.0.0 for all",
            _ => "choose an address and port this machine can listen on",
        };
        format!("{variable}={address}: cannot listen there ({e}); {hint}, e.g. {variable}={example}")
    })
}

/// Serves `router` on `listener` until `shutdown` resolves, with the default connection
/// limits ([`Limits`]) and uncounted in `stele_connections_*` (the metrics listener and
/// tests; the public port is [`Bound::serve`]'s); then requests in flight get `deadline`
/// to finish (idle connections close at once) before this returns anyway.
pub async fn serve_until(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    deadline: std::time::Duration,
) -> Result<(), String> {
    serve(
        listener,
        router,
        shutdown,
        deadline,
        Limits::default(),
        false,
    )
    .await
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

/// The relay's addresses, bound, with the metrics recorder installed: done before any
/// background task starts, so a first sync's counters are recorded (the `metrics` macros are
/// no-ops until a recorder exists) and a busy port fails the start before anything is fetched.
pub struct Bound {
    public: tokio::net::TcpListener,
    metrics: Option<(
        tokio::net::TcpListener,
        metrics_exporter_prometheus::PrometheusHandle,
    )>,
}

impl Bound {
    /// Binds `STELE_LISTEN` and, when set, `STELE_METRICS_LISTEN`.
    pub async fn bind(http: &HttpOptions) -> Result<Self, String> {
        let public = bind(&http.address.listen, "STELE_LISTEN", LISTEN_EXAMPLE).await?;
        let metrics = match &http.metrics_listen {
            Some(address) => {
                let listener =
                    bind(address, "STELE_METRICS_LISTEN", METRICS_LISTEN_EXAMPLE).await?;
                Some((listener, crate::http::metrics::install()))
            }
            None => None,
        };
        Ok(Self { public, metrics })
    }

    /// Serves the public router (and `/metrics` on its own address, when bound) until
    /// SIGINT or SIGTERM.
    pub async fn serve(self, http: &HttpOptions, state: AppState) -> Result<(), String> {
        if let Some((listener, handle)) = self.metrics {
            tokio::spawn(crate::http::metrics::upkeep(handle.clone()));
            let router = crate::http::metrics::router(state.clone(), handle);
            let local = listener.local_addr().map_err(|e| e.to_string())?;
            tracing::info!(target: LISTENING, "metrics on http://{local}/metrics");
            tokio::spawn(serve_until(
                listener,
                router,
                shutdown_signal(),
                http.shutdown_timeout,
            ));
        }
        let local = self.public.local_addr().map_err(|e| e.to_string())?;
        // One line, in the chosen log format; tests and scripts wait for it.
        tracing::info!(target: LISTENING, "listening on http://{local}");
        serve(
            self.public,
            app(state),
            shutdown_signal(),
            http.shutdown_timeout,
            http.limits(),
            true,
        )
        .await
    }
}
