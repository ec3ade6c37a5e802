//! `serve` and `sync`: wiring the store, the sync loop and the HTTP server together.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use clap::Args;
use stele_core::id::PublicIdKey;

use crate::api::{app, AppState};
use crate::config::{
    parse_duration, HttpOptions, ModerationOptions, StoreOptions, UpstreamOptions,
};
use crate::moderation::Moderation;
use crate::snapshot::Snapshot;
use crate::store::Store;
use crate::sync::{lock, run_loop, sync_once, Health, SyncSettings};

/// Serve the widget, its JSON and health, syncing in the background.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    upstream: UpstreamOptions,
    #[command(flatten)]
    store: StoreOptions,
    #[command(flatten)]
    http: HttpOptions,
    #[command(flatten)]
    moderation: ModerationOptions,

    /// Time between syncs.
    #[arg(long, env = "STELE_SYNC_INTERVAL", default_value = "15m", value_parser = parse_duration)]
    sync_interval: std::time::Duration,

    /// The shop's Retargeting CSV product feed, for product names, links and images.
    #[arg(long, env = "STELE_FEED_URL")]
    feed_url: Option<String>,
}

/// Sync once and exit (for cron jobs and the static export).
#[derive(Debug, Args)]
pub struct SyncArgs {
    #[command(flatten)]
    upstream: UpstreamOptions,
    #[command(flatten)]
    store: StoreOptions,
}

/// The upstream client and the store, or the exit of a command that cannot start.
fn open(
    upstream: &UpstreamOptions,
    store: &StoreOptions,
) -> Result<(crate::upstream::HttpSource, Arc<Mutex<Store>>), ExitCode> {
    let source = upstream.source().map_err(fail)?;
    let store = Store::open(&store.db).map_err(fail)?;
    Ok((source, Arc::new(Mutex::new(store))))
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("stele-relay: {message}");
    ExitCode::from(2)
}

/// Loads everything stored and builds the read model.
pub fn build_snapshot(
    store: &Mutex<Store>,
    moderation: &Moderation,
) -> Result<Snapshot, crate::store::StoreError> {
    let mut store = lock(store);
    let key = PublicIdKey::new(&store.public_id_secret()?);
    let orders = store.orders()?;
    let reviews = store.product_reviews()?;
    let catalog: HashMap<_, _> = store
        .catalog()?
        .into_iter()
        .map(|entry| (entry.product_id, entry.info))
        .collect();
    Ok(Snapshot::build(
        &orders, &reviews, catalog, &key, moderation,
    ))
}

/// Rebuilds the snapshot off the async workers and swaps it in.
async fn refresh(state: AppState, store: Arc<Mutex<Store>>, moderation: Arc<Moderation>) {
    match tokio::task::spawn_blocking(move || build_snapshot(&store, &moderation)).await {
        Ok(Ok(snapshot)) => state.replace_snapshot(snapshot),
        Ok(Err(error)) => {
            tracing::error!(%error, "cannot rebuild the read model; still serving the previous one")
        }
        Err(error) => {
            tracing::error!(%error, "read model rebuild panicked; still serving the previous one")
        }
    }
}

/// Binds and serves `router` until SIGINT or SIGTERM.
pub async fn listen(address: &str, router: axum::Router) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| format!("cannot listen on {address}: {e} (set STELE_LISTEN)"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    tracing::info!(address = %local, "listening");
    eprintln!("stele-relay: listening on http://{local}");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| e.to_string())
}

async fn shutdown_signal() {
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

/// `stele-relay serve`.
pub async fn serve(args: ServeArgs) -> ExitCode {
    let (source, store) = match open(&args.upstream, &args.store) {
        Ok(opened) => opened,
        Err(exit) => return exit,
    };
    let moderation = Arc::new(args.moderation.moderation());
    let snapshot = match build_snapshot(&store, &moderation) {
        Ok(snapshot) => snapshot,
        Err(error) => return fail(error),
    };
    let health = Arc::new(Mutex::new(Health {
        last_success: lock(&store).last_success().ok().flatten(),
        ..Health::default()
    }));
    let state = AppState::new(snapshot, health.clone(), args.http.settings());
    tracing::info!(upstream = %source.redacted_url(None), db = %args.store.db.display(), "starting");

    if let Some(feed_url) = args.feed_url.clone() {
        let (state, store, moderation) = (state.clone(), store.clone(), moderation.clone());
        let (interval, timeout, max_bytes) = (
            args.sync_interval,
            args.upstream.upstream_timeout,
            args.upstream.upstream_max_bytes,
        );
        tokio::spawn(async move {
            loop {
                match crate::catalog::fetch(&feed_url, timeout, max_bytes).await {
                    Ok(entries) => {
                        let count = entries.len();
                        let stored = tokio::task::spawn_blocking({
                            let store = store.clone();
                            move || lock(&store).replace_catalog(&entries)
                        })
                        .await;
                        match stored {
                            Ok(Ok(())) => {
                                tracing::info!(products = count, "product feed loaded");
                                refresh(state.clone(), store.clone(), moderation.clone()).await;
                            }
                            Ok(Err(error)) => {
                                tracing::error!(%error, "cannot store the product feed")
                            }
                            Err(error) => {
                                tracing::error!(%error, "storing the product feed panicked")
                            }
                        }
                    }
                    Err(error) => {
                        tracing::warn!(%error, "product feed not loaded; products keep their previous details")
                    }
                }
                tokio::time::sleep(interval).await;
            }
        });
    }

    let settings = SyncSettings {
        zone: args.upstream.timezone,
        overlap: args.upstream.sync_overlap,
    };
    let on_success = {
        let (state, store, moderation) = (state.clone(), store.clone(), moderation.clone());
        move || {
            tokio::spawn(refresh(state.clone(), store.clone(), moderation.clone()));
        }
    };
    tokio::spawn(run_loop(
        source,
        store,
        settings,
        args.sync_interval,
        health,
        on_success,
    ));
    match listen(&args.http.listen, app(state)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(message),
    }
}

/// `stele-relay sync`.
pub async fn sync(args: SyncArgs) -> ExitCode {
    let (source, store) = match open(&args.upstream, &args.store) {
        Ok(opened) => opened,
        Err(exit) => return exit,
    };
    let settings = SyncSettings {
        zone: args.upstream.timezone,
        overlap: args.upstream.sync_overlap,
    };
    tracing::info!(upstream = %source.redacted_url(None), "syncing");
    match sync_once(&source, &store, settings).await {
        Ok(report) => {
            let (orders, reviews) = lock(&store).counts().unwrap_or_default();
            println!(
                "synced: {} received, {} new, {} updated, {} warnings; stored: {orders} orders, {reviews} product reviews",
                report.applied.received, report.applied.inserted, report.applied.updated, report.warnings
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!(
                "stele-relay: sync failed ({}): {error}\nhint: {}\nstored data is untouched",
                error.code(),
                error.hint()
            );
            ExitCode::from(1)
        }
    }
}
