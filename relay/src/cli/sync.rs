//! `stele-relay sync`: one sync and exit (cron jobs, the static export).

use clap::Args;

use crate::cli::serve::{open, product_feed};
use crate::cli::Failure;
use crate::config::{StoreOptions, UpstreamOptions};
use crate::ingest::sync::{sync_once, SyncSettings};
use crate::lock;
use crate::shop::ShopOptions;

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
