//! `stele-relay inspect`: what a set of saved upstream responses amounts to.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use serde::Serialize;
use stele_core::aggregate::{Summary, Tally};
use stele_core::merge::FeedbackSet;
use stele_core::normalise::read_feed;
use stele_core::upstream::FeedError;

use crate::cli::Failure;
use crate::config::upstream::TimezoneOptions;

/// Merge saved Feedback API responses and print what they amount to, as JSON.
///
/// Each FILE is one response body as saved from
/// `GET https://api.retargeting.app/v1/email-campaigns/json-feedback` (`-` reads standard
/// input). Files are merged in the order given, as successive syncs: a record with a later
/// `added_on` replaces an earlier one, and on a tie the later file wins.
///
/// Prints one JSON object:
///
///   {"orders": N, "product_reviews": N, "shop": SUMMARY,
///    "products": {"<product id>": SUMMARY, ...}, "warnings": N}
///
/// where SUMMARY is {"count", "average", "histogram": [n1..n5], "with_comment"}, orders and
/// product_reviews count distinct records kept, products lists every product with at least
/// one kept review, and warnings counts the records or fields that had to be dropped or
/// blanked (the kinds are listed on standard error).
///
/// Exit status: 0 on success; 2 when a file cannot be read, is not JSON (the file and the
/// line and column are named), or is an error envelope (the upstream message and what to do
/// about it are printed on standard error).
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct InspectArgs {
    /// Saved response bodies, merged in this order; `-` is standard input.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,

    #[command(flatten)]
    zone: TimezoneOptions,

    /// Indent the JSON for reading.
    #[arg(long)]
    pretty: bool,
}

#[derive(Debug, Serialize)]
struct Report {
    orders: usize,
    product_reviews: usize,
    shop: Summary,
    products: BTreeMap<String, Summary>,
    warnings: u64,
}

impl Report {
    fn of(set: &FeedbackSet) -> Self {
        let mut products: BTreeMap<String, Tally> = BTreeMap::new();
        for review in set.product_reviews() {
            products
                .entry(review.product_id.clone())
                .or_default()
                .add_rated(review);
        }
        Report {
            orders: set.order_count(),
            product_reviews: set.product_review_count(),
            shop: Summary::of(set.orders()),
            products: products
                .into_iter()
                .map(|(id, tally)| (id, tally.summary()))
                .collect(),
            warnings: set.warnings().total(),
        }
    }
}

fn read_input(path: &Path) -> std::io::Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut body = Vec::new();
        std::io::stdin().read_to_end(&mut body)?;
        Ok(body)
    } else {
        std::fs::read(path)
    }
}

/// Runs the subcommand; the exit code follows the contract in [`InspectArgs`].
pub fn run(args: &InspectArgs) -> Result<(), Failure> {
    const COMMAND: &str = "inspect";
    let mut set = FeedbackSet::new();
    for path in &args.files {
        let name = if path == Path::new("-") {
            "<stdin>".into()
        } else {
            path.display().to_string()
        };
        let body = match read_input(path) {
            Ok(body) => body,
            Err(error) => {
                return Err(Failure::cannot_start(
                    COMMAND,
                    format_args!("{name}: cannot read: {error}"),
                ))
            }
        };
        match read_feed(&body, args.zone.timezone) {
            Ok(batch) => {
                set.merge(batch);
            }
            Err(FeedError::Upstream(error)) => {
                return Err(Failure::cannot_start(
                    COMMAND,
                    format_args!(
                        "{name}: the upstream answered with an error: {:?} ({})\nhint: {}",
                        error.message(),
                        error.code(),
                        error.hint()
                    ),
                ))
            }
            Err(error @ FeedError::Json { .. }) => {
                return Err(Failure::cannot_start(
                    COMMAND,
                    format_args!("{name}: {error}"),
                ))
            }
            Err(error @ FeedError::Shape(_)) => {
                return Err(Failure::cannot_start(
                    COMMAND,
                    format_args!("{name}: {error}"),
                ))
            }
        }
    }
    if set.warnings().total() > 0 {
        eprintln!("stele-relay inspect: {}", set.warnings());
    }
    let mut stdout = std::io::stdout().lock();
    let report = Report::of(&set);
    let written = if args.pretty {
        serde_json::to_writer_pretty(&mut stdout, &report)
    } else {
        serde_json::to_writer(&mut stdout, &report)
    };
    let written = written
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(stdout));
    written.map_err(|error| {
        Failure::cannot_start(COMMAND, format_args!("cannot write the report: {error}"))
    })
}
