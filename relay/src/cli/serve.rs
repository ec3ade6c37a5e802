//! `stele-relay serve`: the store, the sync loop, the product feed and the HTTP servers
//! wired together.

use std::sync::{Arc, Mutex};

use clap::Args;

use crate::cli::Failure;
use crate::config::http::HttpOptions;
use crate::config::moderation::ModerationOptions;
use crate::config::shop::ShopOptions;
use crate::config::store::StoreOptions;
use crate::config::upstream::{ScheduleOptions, UpstreamOptions};
use crate::http::lifecycle::Bound;
use crate::http::state::AppState;
use crate::ingest::health::Health;
use crate::ingest::product_feed::ProductFeed;
use crate::ingest::sync::run_loop;
use crate::ingest::upstream::HttpSource;
use crate::lock;
use crate::model::moderation::Moderation;
use crate::model::rebuild::{build_snapshot, Refresher};
use crate::model::store::Store;

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

    #[command(flatten)]
    pub(crate) schedule: ScheduleOptions,
}

/// The upstream client and the store, or why a command cannot start.
pub(crate) fn open(
    upstream: &UpstreamOptions,
    store: &StoreOptions,
) -> Result<(HttpSource, Arc<Mutex<Store>>), Failure> {
    let cannot_start = |message| Failure::cannot_start("", message);
    let source = HttpSource::from_options(upstream).map_err(cannot_start)?;
    let store = Store::from_options(store).map_err(cannot_start)?;
    Ok((source, Arc::new(Mutex::new(store))))
}

/// `stele-relay serve`.
pub async fn run(mut args: ServeArgs) -> Result<(), Failure> {
    // Every setting is checked before anything is opened or fetched.
    let settings = args
        .http
        .settings()
        .map_err(|message| Failure::cannot_start("", message))?;
    // The cap the open-file limit can hold; the listener below enforces that one.
    args.http.max_connections = crate::http::server::raise_file_limit(args.http.max_connections);
    // Bound (and the metrics recorder installed) before the sync and feed tasks start.
    let bound = Bound::bind(&args.http)
        .await
        .map_err(|message| Failure::cannot_start("", message))?;
    let (source, store) = open(&args.upstream, &args.store)?;
    let moderation = Arc::new(Moderation::from_options(&args.moderation));
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

    if let Some(feed) = ProductFeed::from_options(&args.shop, &args.upstream) {
        // Nothing of the feed stored yet (a first start): not ready before its first try.
        lock(&health).catalog_pending = lock(&store).catalog().map_or(true, |c| c.is_empty());
        let (refresher, store, health) = (refresher.clone(), store.clone(), health.clone());
        let interval = args.schedule.sync_interval;
        tokio::spawn(async move {
            loop {
                // Tried: ready unless its products are stored and not yet served.
                let served = match feed.load(&store).await {
                    Ok(_) => refresher.run().await.is_ok(),
                    Err(()) => true,
                };
                if served {
                    lock(&health).catalog_pending = false;
                }
                tokio::time::sleep(interval).await;
            }
        });
    }

    let settings = args.upstream.sync_settings();
    let on_success = move || {
        let refresher = refresher.clone();
        async move { refresher.run().await }
    };
    tokio::spawn(run_loop(
        source,
        store,
        settings,
        args.schedule.sync_interval,
        health,
        on_success,
    ));
    bound
        .serve(&args.http, state)
        .await
        .map_err(|message| Failure::cannot_start("", message))
}
