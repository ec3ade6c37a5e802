//! `stele-relay feed-report`: what the Google product reviews feed carries and why.

/// Count the reviews the Google product reviews feed carries, say why the others are left
/// out and whether the shop meets Google's minimum. Reads the store; writes nothing.
#[derive(Debug, clap::Args)]
pub struct FeedReportArgs {
    #[command(flatten)]
    store: crate::config::StoreOptions,
    #[command(flatten)]
    moderation: crate::config::ModerationOptions,
    #[command(flatten)]
    shop: crate::shop::ShopOptions,
}

/// `stele-relay feed-report`.
pub fn feed_report(args: &FeedReportArgs) -> std::process::ExitCode {
    let store = match crate::store::Store::open(&args.store.db) {
        Ok(store) => std::sync::Mutex::new(store),
        Err(error) => {
            eprintln!("stele-relay feed-report: {error}");
            return std::process::ExitCode::from(2);
        }
    };
    let snapshot = match crate::commands::build_snapshot(&store, &args.moderation.moderation()) {
        Ok(snapshot) => snapshot,
        Err(error) => {
            eprintln!("stele-relay feed-report: {error}");
            return std::process::ExitCode::from(2);
        }
    };
    print!("{}", crate::google_feed::FeedReport::of(&snapshot).render());
    match args.shop.settings().name {
        None => println!(
            "the feed is not served: {}",
            crate::google_feed::NEEDS_SHOP_NAME
        ),
        Some(name) => {
            // Written once into a counter: the size Merchant Center will fetch.
            let bytes: usize = crate::google_feed::FeedChunks::new(&snapshot, &name)
                .map(|chunk| chunk.len())
                .sum();
            println!("{}", crate::google_feed::size_line(bytes));
        }
    }
    std::process::ExitCode::SUCCESS
}
