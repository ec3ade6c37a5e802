//! `stele-relay`: Stele's server. It holds the Retargeting REST key, syncs feedback into an
//! embedded store and serves the widget's files, its JSON and server-rendered HTML from one
//! origin. See `stele-relay --help`.

use std::process::ExitCode;

use stele_relay::logging;
use stele_relay::{commands, demo, export, feed_report, inspect};

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

// musl's own allocator halves the static binary's throughput; mimalloc is as fast as glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Stele relay: star ratings and reviews from Retargeting's Feedback API, served from the
/// shop's own origin. Every flag is also an environment variable (shown in each --help).
#[derive(Debug, Parser)]
#[command(name = "stele-relay", version = env!("STELE_VERSION_LINE"), about, long_about = None)]
struct Cli {
    #[command(flatten)]
    log: logging::LogOptions,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Serve(Box<commands::ServeArgs>),
    Sync(commands::SyncArgs),
    Check(commands::CheckArgs),
    Config(Box<commands::ConfigArgs>),
    Probe(commands::ProbeArgs),
    Export(export::ExportArgs),
    Inspect(inspect::InspectArgs),
    FeedReport(feed_report::FeedReportArgs),
    Demo(demo::DemoArgs),
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("the async runtime starts")
}

fn main() -> ExitCode {
    // The matches too, for `config`: it prints each setting as it was given.
    let matches = Cli::command().get_matches();
    let cli =
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.format(&mut Cli::command()).exit());
    let log_format = cli.log.log_format;
    match cli.command {
        Command::Inspect(args) => inspect::run(&args),
        Command::FeedReport(args) => feed_report::feed_report(&args),
        Command::Export(args) => commands::export(&args),
        Command::Config(args) => commands::config(
            &args,
            matches.subcommand_matches("config").unwrap_or(&matches),
        ),
        Command::Probe(args) => commands::probe(&args),
        Command::Serve(args) => {
            logging::init(log_format);
            runtime().block_on(commands::serve(*args))
        }
        Command::Sync(args) => {
            logging::init(log_format);
            runtime().block_on(commands::sync(args))
        }
        Command::Check(args) => {
            logging::init(log_format);
            runtime().block_on(commands::check(args))
        }
        Command::Demo(args) => {
            logging::init(log_format);
            runtime().block_on(demo::run(args))
        }
    }
}
