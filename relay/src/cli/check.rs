//! `stele-relay check`: whether the key and customer id work, asked of Retargeting once.

use clap::Args;

use crate::cli::Failure;
use crate::config::upstream::UpstreamOptions;
use crate::ingest::upstream::{HttpSource, SyncError, UpstreamSource};

/// Ask Retargeting once whether the key and customer id work; print its answer and what
/// to do. Writes nothing.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    upstream: UpstreamOptions,
}

/// `stele-relay check`: one request to the Feedback API (asking only for the last day, so
/// it stays small), what it said, and the hint. Exit 0 when the key and id work, 1 when
/// not, 2 when the settings are incomplete.
pub async fn run(args: CheckArgs) -> Result<(), Failure> {
    let source = HttpSource::from_options(&args.upstream)
        .map_err(|message| Failure::cannot_start("", message))?;
    let since = crate::model::store::now().unix() - 86_400;
    println!("asking {}", source.redacted_url(Some(since)));
    let outcome = match UpstreamSource::fetch(&source, Some(since)).await {
        Ok(fetched) => crate::ingest::sync::read_response(&fetched, args.upstream.zone.timezone),
        Err(error) => Err(error.into()),
    }
    .map_err(|error: SyncError| error.scrubbed(&UpstreamSource::redactor(&source)));
    match outcome {
        Ok(batch) => {
            println!(
                "ok: Retargeting accepted the key and customer id ({} orders and {} product reviews with feedback in the last day)",
                batch.orders.len(),
                batch.product_reviews.len()
            );
            Ok(())
        }
        Err(error) => {
            // On standard output with the rest of the answer.
            println!("failed ({}): {error}\nhint: {}", error.code(), error.hint());
            Err(Failure::reported(Failure::FAILED))
        }
    }
}
