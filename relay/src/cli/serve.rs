//! `stele-relay serve`: the store, the sync loop, the product feed and the HTTP servers
//! wired together.

use std::sync::{Arc, Mutex};

use clap::Args;

use crate::cli::Failure;
use crate::config::{
    parse_sync_interval, HttpOptions, ModerationOptions, StoreOptions, UpstreamOptions,
};
use crate::http::lifecycle::run_http;
use crate::http::state::AppState;
use crate::ingest::health::Health;
use crate::ingest::product_feed::ProductFeed;
use crate::ingest::sync::{run_loop, SyncSettings};
use crate::ingest::upstream::HttpSource;
use crate::lock;
use crate::model::rebuild::{build_snapshot, Refresher};
use crate::model::store::Store;
use crate::shop::ShopOptions;

/// Serve the widget, its JSON and health, syncing in the background.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub(crate) upstream: UpstreamOptions,
    #[command(flatten)]
    pub(crate) store: StoreOptions,
    #[command(flatten)]
    pub(crate) http: HttpOptions,
    #[command(flatten)]
    pub(crate) moderation: ModerationOptions,

    #[command(flatten)]
    pub(crate) shop: ShopOptions,

    /// Time between syncs (at least 1m).
    #[arg(long, env = "STELE_SYNC_INTERVAL", default_value = "15m", value_parser = parse_sync_interval)]
    pub(crate) sync_interval: std::time::Duration,
}

/// The upstream client and the store, or why a command cannot start.
pub(crate) fn open(
    upstream: &UpstreamOptions,
    store: &StoreOptions,
) -> Result<(HttpSource, Arc<Mutex<Store>>), Failure> {
    let cannot_start = |message| Failure::cannot_start("", message);
    let source = upstream.source().map_err(cannot_start)?;
    let store = store.open().map_err(cannot_start)?;
    Ok((source, Arc::new(Mutex::new(store))))
}

/// The shop's product feed, when `STELE_FEED_URL` is set: fetched with the upstream's
/// timeout and size limit, its prices in `STELE_CURRENCY`.
pub(crate) fn product_feed(shop: &ShopOptions, upstream: &UpstreamOptions) -> Option<ProductFeed> {
    Some(ProductFeed {
        url: shop.feed_url.clone()?,
        timeout: upstream.upstream_timeout,
        max_bytes: upstream.upstream_max_bytes,
        currency: shop.currency.clone(),
    })
}

/// `stele-relay serve`.
pub async fn run(args: ServeArgs) -> Result<(), Failure> {
    // Every setting is checked before anything is opened or fetched.
    let settings = args
        .http
        .settings()
        .map_err(|message| Failure::cannot_start("", message))?;
    let (source, store) = open(&args.upstream, &args.store)?;
    let moderation = Arc::new(args.moderation.moderation());
    let snapshot =
        build_snapshot(&store, &moderation).map_err(|error| Failure::cannot_start("", error))?;
    let health = Arc::new(Mutex::new(Health {
        last_success: lock(&store).last_success().ok().flatten(),
        ..Health::default()
    }));
    let shop = args.shop.settings();
    let state = AppState::new(snapshot.with_shop(shop.clone()), health.clone(), settings);
    tracing::info!(upstream = %source.redacted_url(None), db = %args.store.db.display(), "starting");
    let refresher = Refresher::new(store.clone(), moderation, shop, {
        let state = state.clone();
        move |snapshot| state.replace_snapshot(snapshot)
    });

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
    run_http(&args.http, state)
        .await
        .map_err(|message| Failure::cannot_start("", message))
}
