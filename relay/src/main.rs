//! `stele-relay`: Stele's server. It holds the Retargeting REST key, syncs feedback into an
//! embedded store and serves the widget's files, its JSON and server-rendered HTML from one
//! origin. See `stele-relay --help`.

use std::process::ExitCode;

use stele_relay::logging::{self, LogFormat};
use stele_relay::{commands, demo, export, feed_report, inspect};

use clap::{Parser, Subcommand};

// musl's own allocator halves the static binary's throughput; mimalloc is as fast as glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Stele relay: star ratings and reviews from Retargeting's Feedback API, served from the
/// shop's own origin. Every flag is also an environment variable (shown in each --help).
#[derive(Debug, Parser)]
#[command(name = "stele-relay", version = env!("STELE_VERSION_LINE"), about, long_about = None)]
struct Cli {
    /// Log lines as text or as one JSON object a line.
    #[arg(long, env = "STELE_LOG_FORMAT", value_parser = logging::parse_format, default_value = "text", global = true)]
    log_format: LogFormat,

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
    let cli = Cli::parse();
    match cli.command {
        Command::Inspect(args) => inspect::run(&args),
        Command::FeedReport(args) => feed_report::feed_report(&args),
        Command::Export(args) => commands::export(&args),
        Command::Config(args) => commands::config(&args),
        Command::Probe(args) => commands::probe(&args),
        Command::Serve(args) => {
            logging::init(cli.log_format);
            runtime().block_on(commands::serve(*args))
        }
        Command::Sync(args) => {
            logging::init(cli.log_format);
            runtime().block_on(commands::sync(args))
        }
        Command::Check(args) => {
            logging::init(cli.log_format);
            runtime().block_on(commands::check(args))
        }
        Command::Demo(args) => {
            logging::init(cli.log_format);
            runtime().block_on(demo::run(args))
        }
    }
}
