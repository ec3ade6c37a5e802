//! `stele-relay`: Stele's server. It holds the Retargeting REST key, syncs feedback into an
//! embedded store and serves the widget's files, its JSON and server-rendered HTML from one
//! origin. See `stele-relay --help`.

use std::process::ExitCode;

use stele_relay::{commands, demo, export, inspect};

use clap::{Parser, Subcommand};

/// Stele relay: star ratings and reviews from Retargeting's Feedback API, served from the
/// shop's own origin. Every flag is also an environment variable (shown in each --help).
#[derive(Debug, Parser)]
#[command(name = "stele-relay", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Serve(Box<commands::ServeArgs>),
    Sync(commands::SyncArgs),
    Export(export::ExportArgs),
    Inspect(inspect::InspectArgs),
    Demo(demo::DemoArgs),
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("info,hyper=warn,reqwest=warn,rustls=warn")
    });
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi)
        .with_target(false)
        .init();
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
        Command::Export(args) => export::run(&args),
        Command::Serve(args) => {
            init_logging();
            runtime().block_on(commands::serve(*args))
        }
        Command::Sync(args) => {
            init_logging();
            runtime().block_on(commands::sync(args))
        }
        Command::Demo(args) => {
            init_logging();
            runtime().block_on(demo::run(args))
        }
    }
}
