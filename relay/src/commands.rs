//! `serve`, `sync`, `check` and `config`: wiring the store, the sync loop and the HTTP
//! servers together.

use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use clap::Args;
use stele_core::id::PublicIdKey;

use crate::catalog::ProductFeed;
use crate::config::{
    parse_sync_interval, HttpOptions, KeySource, ModerationOptions, StoreOptions, UpstreamOptions,
};
use crate::health::Health;
use crate::http::app;
use crate::moderation::Moderation;
use crate::shop::ShopOptions;
use crate::snapshot::Snapshot;
use crate::state::lock;
use crate::state::AppState;
use crate::store::Store;
use crate::sync::{run_loop, sync_once, SyncSettings};

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

    #[command(flatten)]
    shop: ShopOptions,

    /// Time between syncs (at least 1m).
    #[arg(long, env = "STELE_SYNC_INTERVAL", default_value = "15m", value_parser = parse_sync_interval)]
    sync_interval: std::time::Duration,
}

/// Ask Retargeting once whether the key and customer id work; print its answer and what
/// to do. Writes nothing.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    upstream: UpstreamOptions,
}

/// Print the effective settings (from flags, variables and defaults), the key redacted.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(flatten)]
    serve: ServeArgs,
}

/// Sync once and exit (for cron jobs and the static export).
#[derive(Debug, Args)]
pub struct SyncArgs {
    #[command(flatten)]
    upstream: UpstreamOptions,
    #[command(flatten)]
    store: StoreOptions,
    #[command(flatten)]
    shop: ShopOptions,
}

/// The upstream client and the store, or the exit of a command that cannot start.
fn open(
    upstream: &UpstreamOptions,
    store: &StoreOptions,
) -> Result<(crate::upstream::HttpSource, Arc<Mutex<Store>>), ExitCode> {
    let source = upstream.source().map_err(fail)?;
    let store = store.open().map_err(fail)?;
    Ok((source, Arc::new(Mutex::new(store))))
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("stele-relay: {message}");
    ExitCode::from(2)
}

/// The shop's product feed, when `STELE_FEED_URL` is set: fetched with the upstream's
/// timeout and size limit, its prices in `STELE_CURRENCY`.
fn product_feed(shop: &ShopOptions, upstream: &UpstreamOptions) -> Option<ProductFeed> {
    Some(ProductFeed {
        url: shop.feed_url.clone()?,
        timeout: upstream.upstream_timeout,
        max_bytes: upstream.upstream_max_bytes,
        currency: shop.currency.clone(),
    })
}

/// Loads everything stored and builds the read model.
pub fn build_snapshot(
    store: &Mutex<Store>,
    moderation: &Moderation,
) -> Result<Snapshot, crate::store::StoreError> {
    let mut store = lock(store);
    let key = PublicIdKey::new(&store.public_id_secret()?);
    // Comments stored before the cap existed are cut as they are read.
    let cap = |comment: &mut Option<String>| {
        if let Some(text) = comment.as_mut() {
            if let (kept, Some(_)) = stele_core::text::cap_comment(text) {
                *text = kept;
            }
        }
    };
    let mut orders = store.orders()?;
    orders.iter_mut().for_each(|o| cap(&mut o.comment));
    let mut reviews = store.product_reviews()?;
    reviews.iter_mut().for_each(|r| cap(&mut r.comment));
    let catalog: HashMap<_, _> = store
        .catalog()?
        .into_iter()
        .map(|entry| (entry.product_id, entry.info))
        .collect();
    Ok(Snapshot::build(
        &orders, &reviews, catalog, &key, moderation,
    ))
}

/// Rebuilds the read model off the async workers and swaps it in, one rebuild at a time:
/// the sync and the product feed both ask for one, and without the turn a rebuild that read
/// the store first could finish last and swap older data in.
#[derive(Clone)]
struct Refresher {
    state: AppState,
    store: Arc<Mutex<Store>>,
    moderation: Arc<Moderation>,
    turn: Arc<tokio::sync::Mutex<()>>,
}

impl Refresher {
    async fn run(&self) {
        let _turn = self.turn.lock().await;
        // The shop's settings do not change while the relay runs: the new snapshot keeps them.
        let shop = self.state.snapshot().shop_settings.clone();
        let (store, moderation) = (self.store.clone(), self.moderation.clone());
        match tokio::task::spawn_blocking(move || build_snapshot(&store, &moderation)).await {
            Ok(Ok(snapshot)) => self.state.replace_snapshot(snapshot.with_shop(shop)),
            Ok(Err(error)) => {
                tracing::error!(%error, "cannot rebuild the read model; still serving the previous one")
            }
            Err(error) => {
                tracing::error!(%error, "read model rebuild panicked; still serving the previous one")
            }
        }
    }
}

/// Binds `address`, or says why not and which variable sets it.
pub async fn bind(address: &str, variable: &str) -> Result<tokio::net::TcpListener, String> {
    tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| format!("cannot listen on {address}: {e} (set {variable})"))
}

/// Serves `router` on `listener` until `shutdown` resolves, with the default connection
/// limits ([`crate::server::Limits`]); then requests in flight get `deadline` to finish
/// (idle connections close at once) before this returns anyway.
pub async fn serve_until(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    deadline: std::time::Duration,
) -> Result<(), String> {
    crate::server::serve(
        listener,
        router,
        shutdown,
        deadline,
        crate::server::Limits::default(),
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

/// Serves the public router (and, when configured, `/metrics` on its own address) until
/// SIGINT or SIGTERM.
pub async fn run_http(http: &HttpOptions, state: AppState) -> Result<(), String> {
    let listener = bind(&http.listen, "STELE_LISTEN").await?;
    if let Some(address) = &http.metrics_listen {
        let metrics = bind(address, "STELE_METRICS_LISTEN").await?;
        let handle = crate::metrics::install();
        tokio::spawn(crate::metrics::upkeep(handle.clone()));
        let router = crate::metrics::router(state.clone(), handle);
        let local = metrics.local_addr().map_err(|e| e.to_string())?;
        tracing::info!("metrics on http://{local}/metrics");
        tokio::spawn(serve_until(
            metrics,
            router,
            shutdown_signal(),
            http.shutdown_timeout,
        ));
    }
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    // One line, in the chosen log format; tests and scripts wait for it.
    tracing::info!("listening on http://{local}");
    crate::server::serve(
        listener,
        app(state),
        shutdown_signal(),
        http.shutdown_timeout,
        http.limits(),
    )
    .await
}

/// `stele-relay serve`.
pub async fn serve(args: ServeArgs) -> ExitCode {
    // Every setting is checked before anything is opened or fetched.
    let settings = match args.http.settings() {
        Ok(settings) => settings,
        Err(message) => return fail(message),
    };
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
    let state = AppState::new(
        snapshot.with_shop(args.shop.settings()),
        health.clone(),
        settings,
    );
    tracing::info!(upstream = %source.redacted_url(None), db = %args.store.db.display(), "starting");
    let refresher = Refresher {
        state: state.clone(),
        store: store.clone(),
        moderation,
        turn: Arc::default(),
    };

    if let Some(feed) = product_feed(&args.shop, &args.upstream) {
        // Nothing of the feed stored yet (a first start): not ready before its first try.
        lock(&health).catalog_pending = lock(&store).catalog().map_or(true, |c| c.is_empty());
        let (refresher, store, health) = (refresher.clone(), store.clone(), health.clone());
        let interval = args.sync_interval;
        tokio::spawn(async move {
            loop {
                if feed.load(&store).await.is_ok() {
                    refresher.run().await;
                }
                lock(&health).catalog_pending = false;
                tokio::time::sleep(interval).await;
            }
        });
    }

    let settings = SyncSettings {
        zone: args.upstream.timezone,
        overlap: args.upstream.sync_overlap,
    };
    let on_success = move || {
        let refresher = refresher.clone();
        async move { refresher.run().await }
    };
    tokio::spawn(run_loop(
        source,
        store,
        settings,
        args.sync_interval,
        health,
        on_success,
    ));
    match run_http(&args.http, state).await {
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
    let synced = sync_once(&source, &store, settings).await;
    if let Some(feed) = product_feed(&args.shop, &args.upstream) {
        // A feed that fails keeps the stored catalog; the sync's outcome decides the exit.
        if let Ok(products) = feed.load(&store).await {
            println!("product feed: {products} products");
        }
    }
    match synced {
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

/// `stele-relay check`: one request to the Feedback API (asking only for the last day, so
/// it stays small), what it said, and the hint. Exit 0 when the key and id work, 1 when
/// not, 2 when the settings are incomplete.
pub async fn check(args: CheckArgs) -> ExitCode {
    let source = match args.upstream.source() {
        Ok(source) => source,
        Err(message) => return fail(message),
    };
    let since = crate::store::now().unix() - 86_400;
    println!("asking {}", source.redacted_url(Some(since)));
    let outcome = match crate::upstream::FeedSource::fetch(&source, Some(since)).await {
        Ok(fetched) => crate::sync::read_response(&fetched, args.upstream.timezone),
        Err(error) => Err(error.into()),
    }
    .map_err(|error: crate::upstream::SyncError| {
        error.scrubbed(&crate::upstream::FeedSource::redactor(&source))
    });
    match outcome {
        Ok(batch) => {
            println!(
                "ok: Retargeting accepted the key and customer id ({} orders and {} product reviews with feedback in the last day)",
                batch.orders.len(),
                batch.product_reviews.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            println!("failed ({}): {error}\nhint: {}", error.code(), error.hint());
            ExitCode::from(1)
        }
    }
}

/// Every setting `serve` takes, as clap defines it: the serve command's arguments, then
/// the global `--log-format`. `config` lists these, so a new setting appears there with no
/// list to keep.
pub fn setting_definitions() -> clap::Command {
    use clap::Args as _;
    crate::logging::LogOptions::augment_args(ServeArgs::augment_args(clap::Command::new("serve")))
}

/// `stele-relay config`: every effective setting, one `VARIABLE=value` a line, in the order
/// of their definitions ([`setting_definitions`]): the value as given (flag, variable or
/// default), `<not set>` for an unset optional one, `<redacted>` for a secret; the key's line
/// says where it came from. `matches` are the config command's own.
pub fn config(args: &ConfigArgs, matches: &clap::ArgMatches) -> ExitCode {
    let serve = &args.serve;
    let key = match serve.upstream.rest_key() {
        Ok((_, KeySource::Variable)) => "<redacted> (from RTG_REST_KEY)".to_owned(),
        Ok((_, KeySource::File(path))) => format!("<redacted> (from the file {})", path.display()),
        Ok((_, KeySource::Credential(path))) => {
            format!("<redacted> (from the credential {})", path.display())
        }
        Err(message) => format!("<not usable: {message}>"),
    };
    for line in setting_lines(&setting_definitions(), matches, &key) {
        println!("{line}");
    }
    if let Err(message) = serve.http.settings() {
        eprintln!("stele-relay: {message}");
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

/// `VARIABLE=value` for each argument of `definitions` that has a variable.
fn setting_lines(
    definitions: &clap::Command,
    matches: &clap::ArgMatches,
    key: &str,
) -> Vec<String> {
    definitions
        .get_arguments()
        .filter_map(|arg| {
            let variable = arg.get_env()?.to_string_lossy();
            let raw = matches
                .try_get_raw(arg.get_id().as_str())
                .ok()
                .flatten()
                .map(|values| {
                    values
                        .map(|v| v.to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join(",")
                });
            let value = match raw {
                _ if variable == "RTG_REST_KEY" => key.to_owned(),
                Some(_) if arg.is_hide_env_values_set() => "<redacted>".to_owned(),
                // A URL could carry a key in its query, as Retargeting's own does.
                Some(value) => crate::upstream::redact(&value),
                None if variable == "STELE_ASSETS" && crate::assets::embedded_build().is_some() => {
                    "<not set> (the widget built in)".to_owned()
                }
                None => "<not set>".to_owned(),
            };
            Some(format!("{variable}={value}"))
        })
        .collect()
}

/// `stele-relay probe`: exit 0 when the relay at `STELE_LISTEN` answers `/livez`, for
/// container health checks (a FROM-scratch image has no curl).
#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// Address of the relay to ask (an unspecified address such as 0.0.0.0 means this host).
    #[arg(long, env = "STELE_LISTEN", default_value = "127.0.0.1:8787")]
    listen: String,
}

/// `stele-relay probe`.
pub fn probe(args: &ProbeArgs) -> ExitCode {
    use std::io::{Read, Write};
    use std::net::ToSocketAddrs;
    let timeout = std::time::Duration::from_secs(3);
    let answer = (|| -> std::io::Result<String> {
        let mut address = args
            .listen
            .to_socket_addrs()?
            .next()
            .ok_or_else(|| std::io::Error::other("no address"))?;
        if address.ip().is_unspecified() {
            address.set_ip(if address.is_ipv4() {
                std::net::Ipv4Addr::LOCALHOST.into()
            } else {
                std::net::Ipv6Addr::LOCALHOST.into()
            });
        }
        let mut stream = std::net::TcpStream::connect_timeout(&address, timeout)?;
        stream.set_read_timeout(Some(timeout))?;
        write!(
            stream,
            "GET /livez HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
        )?;
        let mut response = String::new();
        stream.read_to_string(&mut response)?;
        Ok(response)
    })();
    match answer {
        Ok(response) if response.starts_with("HTTP/1.1 200") => ExitCode::SUCCESS,
        Ok(response) => {
            eprintln!(
                "stele-relay probe: {}",
                response.lines().next().unwrap_or("no answer")
            );
            ExitCode::from(1)
        }
        Err(error) => {
            eprintln!("stele-relay probe: {}: {error}", args.listen);
            ExitCode::from(1)
        }
    }
}

/// `stele-relay export`.
pub fn export(args: &crate::export::ExportArgs) -> ExitCode {
    // A wrong URL fails before any work.
    let target = match crate::publish::Target::of_arg(args.to.as_deref(), "export") {
        Ok(target) => target,
        Err(exit) => return exit,
    };
    let store = match Store::open(&args.store.db) {
        Ok(store) => std::sync::Arc::new(std::sync::Mutex::new(store)),
        Err(error) => {
            eprintln!("stele-relay export: {error}");
            return ExitCode::from(2);
        }
    };
    let snapshot = match build_snapshot(&store, &args.moderation.moderation()) {
        Ok(snapshot) => snapshot.with_shop(args.shop.settings()),
        Err(error) => {
            eprintln!("stele-relay export: {error}");
            return ExitCode::from(2);
        }
    };
    if snapshot.shop_settings.name.is_none() {
        eprintln!(
            "stele-relay export: no Google product reviews feed in this export: {}",
            crate::google_feed::NEEDS_SHOP_NAME
        );
    }
    match (target, &args.out) {
        (Some(target), _) => crate::publish::run_blocking(&snapshot, &target, "export"),
        (None, Some(out)) => crate::export::publish(&snapshot, out, "export"),
        // clap requires one of the two.
        (None, None) => {
            eprintln!("stele-relay export: give --out DIR or --to URL");
            ExitCode::from(2)
        }
    }
}
