//! `stele-relay sync`: one sync and exit (cron jobs, the static export).

use clap::Args;

use crate::cli::serve::open;
use crate::cli::Failure;
use crate::config::shop::ShopOptions;
use crate::config::store::StoreOptions;
use crate::config::upstream::UpstreamOptions;
use crate::ingest::product_feed::ProductFeed;
use crate::ingest::sync::sync_once;
use crate::lock;

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

/// `stele-relay sync`: exit 1 when the sync fails (the stored data untouched), 2 when it
/// cannot start.
pub async fn run(args: SyncArgs) -> Result<(), Failure> {
    let (source, store) = open(&args.upstream, &args.store)?;
    let settings = args.upstream.sync_settings();
    tracing::info!(upstream = %source.redacted_url(None), "syncing");
    let synced = sync_once(&source, &store, settings).await;
    if let Some(feed) = ProductFeed::from_options(&args.shop, &args.upstream) {
        // A feed that fails keeps the stored catalog; the sync's outcome decides the exit.
        if let Ok(products) = feed.load(&store).await {
            println!("product feed: {products} products");
        }
    }
    let report = synced.map_err(|error| {
        Failure::failed(
            "",
            format_args!(
                "sync failed ({}): {error}\nhint: {}\nstored data is untouched",
                error.code(),
                error.hint()
            ),
        )
    })?;
    let (orders, reviews) = lock(&store).counts().unwrap_or_default();
    println!(
        "synced: {} received, {} new, {} updated, {} warnings; stored: {orders} orders, {reviews} product reviews",
        report.applied.received, report.applied.inserted, report.applied.updated, report.warnings
    );
    Ok(())
}
