//! `stele-relay`: Stele's server. It holds the Retargeting REST key, syncs feedback into an
//! embedded store and serves the widget's files, its JSON and server-rendered HTML from one
//! origin. See `stele-relay --help`.

use std::process::ExitCode;

use stele_relay::cli::{
    check, config, demo, export, feed_report, init_logging, inspect, probe, serve, sync, Failure,
};

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
    log: stele_relay::config::logging::LogOptions,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Serve(Box<serve::ServeArgs>),
    Sync(sync::SyncArgs),
    Check(check::CheckArgs),
    Config(Box<config::ConfigArgs>),
    Probe(probe::ProbeArgs),
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
    let ran: Result<(), Failure> = match cli.command {
        Command::Inspect(args) => inspect::run(&args),
        Command::FeedReport(args) => feed_report::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Config(args) => config::run(
            &args,
            matches.subcommand_matches("config").unwrap_or(&matches),
        ),
        Command::Probe(args) => probe::run(&args),
        Command::Serve(args) => {
            init_logging(log_format);
            runtime().block_on(serve::run(*args))
        }
        Command::Sync(args) => {
            init_logging(log_format);
            runtime().block_on(sync::run(args))
        }
        Command::Check(args) => {
            init_logging(log_format);
            runtime().block_on(check::run(args))
        }
        Command::Demo(args) => {
            init_logging(log_format);
            runtime().block_on(demo::run(args))
        }
    };
    // The one place a failure becomes an exit status.
    match ran {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let message = failure.to_string();
            if !message.is_empty() {
                eprintln!("{message}");
            }
            ExitCode::from(failure.code())
        }
    }
}
