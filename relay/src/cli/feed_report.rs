//! `stele-relay feed-report`: what the Google product reviews feed carries and why.

use crate::cli::Failure;
use crate::model::moderation::Moderation;
use crate::model::rebuild::build_snapshot;
use crate::output::google_reviews::{size_line, Chunks, Report, NEEDS_SHOP_NAME};

/// Count the reviews the Google product reviews feed carries, say why the others are left
/// out and whether the shop meets Google's minimum. Reads the store; writes nothing.
#[derive(Debug, clap::Args)]
pub struct FeedReportArgs {
    #[command(flatten)]
    store: crate::config::store::StoreOptions,
    #[command(flatten)]
    moderation: crate::config::moderation::ModerationOptions,
    #[command(flatten)]
    shop: crate::config::shop::ShopOptions,
}

/// `stele-relay feed-report`: exit 2 when the store cannot be read.
pub fn run(args: &FeedReportArgs) -> Result<(), Failure> {
    const COMMAND: &str = "feed-report";
    let store = crate::model::store::Store::open(&args.store.db)
        .map(std::sync::Mutex::new)
        .map_err(|error| Failure::cannot_start(COMMAND, error))?;
    let snapshot = build_snapshot(&store, &Moderation::from_options(&args.moderation))
        .map_err(|error| Failure::cannot_start(COMMAND, error))?;
    print!("{}", Report::of(&snapshot).render());
    match args.shop.settings().name {
        None => println!("the feed is not served: {NEEDS_SHOP_NAME}"),
        Some(name) => {
            // Written once into a counter: the size Merchant Center will fetch.
            let bytes: usize = Chunks::new(&snapshot, &name).map(|chunk| chunk.len()).sum();
            println!("{}", size_line(bytes));
        }
    }
    Ok(())
}
