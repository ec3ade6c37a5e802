//! `stele-relay export`: the static export, to a directory or a bucket; its reports are
//! shared with `demo --export` and `demo --to`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;

use crate::cli::Failure;
use crate::config::moderation::ModerationOptions;
use crate::config::shop::ShopOptions;
use crate::config::store::StoreOptions;
use crate::model::moderation::Moderation;
use crate::model::rebuild::build_snapshot;
use crate::model::snapshot::Snapshot;
use crate::model::store::Store;
use crate::output::bucket::{upload, Target};

/// Write the public JSON as static files (run `sync` first), to a directory or a bucket.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("target").required(true).multiple(false).args(["out", "to"])))]
pub struct ExportArgs {
    #[command(flatten)]
    store: StoreOptions,
    #[command(flatten)]
    moderation: ModerationOptions,
    #[command(flatten)]
    shop: ShopOptions,

    /// Directory to write; replaced whole once every file is written.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// Bucket to publish to: s3://BUCKET/PREFIX, gs://BUCKET/PREFIX or az://CONTAINER/PREFIX.
    /// Endpoint, region and credentials come from the usual AWS_*, GOOGLE_* and AZURE_*
    /// variables (AWS_ENDPOINT for R2, MinIO, Backblaze B2, Spaces). Objects first, the
    /// manifest v1/export.json next, stale objects under PREFIX/v1/ deleted last.
    #[arg(long, value_name = "URL")]
    to: Option<String>,
}

/// `stele-relay export`.
pub fn run(args: &ExportArgs) -> Result<(), Failure> {
    const COMMAND: &str = "export";
    // A wrong URL fails before any work.
    let target = target(args.to.as_deref(), COMMAND)?;
    let store = Store::open(&args.store.db)
        .map(|store| std::sync::Arc::new(std::sync::Mutex::new(store)))
        .map_err(|error| Failure::cannot_start(COMMAND, error))?;
    let snapshot = build_snapshot(&store, &Moderation::from_options(&args.moderation))
        .map(|snapshot| snapshot.with_shop(args.shop.settings()))
        .map_err(|error| Failure::cannot_start(COMMAND, error))?;
    if snapshot.shop_settings.name.is_none() {
        eprintln!(
            "stele-relay export: no Google product reviews feed in this export: {}",
            crate::output::google_reviews::NEEDS_SHOP_NAME
        );
    }
    match (target, &args.out) {
        (Some(target), _) => to_bucket_blocking(&snapshot, &target, COMMAND),
        (None, Some(out)) => to_dir(&snapshot, out, COMMAND),
        // clap requires one of the two.
        (None, None) => Err(Failure::cannot_start(COMMAND, "give --out DIR or --to URL")),
    }
}

/// The `--to` of `command`, if given, checked before any work.
pub(crate) fn target(given: Option<&str>, command: &str) -> Result<Option<Target>, Failure> {
    given
        .map(Target::parse)
        .transpose()
        .map_err(|error| Failure::cannot_start(command, error))
}

/// Writes the export of `snapshot` to the directory `out`, swapped in whole, and reports it;
/// `command` names the subcommand in messages.
pub(crate) fn to_dir(snapshot: &Snapshot, out: &Path, command: &str) -> Result<(), Failure> {
    let stats = crate::output::export::write_dir(snapshot, out, command).map_err(|error| {
        Failure::failed(
            command,
            format_args!("cannot write {}: {error}", out.display()),
        )
    })?;
    println!(
        "exported {} files ({} bytes) to {}",
        stats.files,
        stats.bytes,
        out.display()
    );
    Ok(())
}

/// Uploads the export of `snapshot` to `target` and reports it; `command` names the
/// subcommand in messages.
pub(crate) async fn to_bucket(
    snapshot: &Snapshot,
    target: &Target,
    command: &str,
) -> Result<(), Failure> {
    let started = Instant::now();
    let published = upload(target, crate::output::export::files(snapshot))
        .await
        .map_err(|error| Failure::failed(command, error))?;
    println!(
        "published {} objects ({} bytes) to {} in {:.2} s, deleted {} stale objects",
        published.stats.files,
        published.stats.bytes,
        target.display(),
        started.elapsed().as_secs_f64(),
        published.deleted
    );
    Ok(())
}

/// [`to_bucket`] from synchronous code (`export` runs outside any runtime).
fn to_bucket_blocking(snapshot: &Snapshot, target: &Target, command: &str) -> Result<(), Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| {
            Failure::failed(
                command,
                format_args!("cannot start the async runtime: {error}"),
            )
        })?
        .block_on(to_bucket(snapshot, target, command))
}
