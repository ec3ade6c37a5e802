//! `stele-relay`: Stele's server. It holds the Retargeting REST key, syncs feedback into an
//! embedded store and serves the widget, its JSON and server-rendered HTML.
//!
//! This build carries the `inspect` subcommand for operators and tests.

mod inspect;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Stele relay: star ratings and reviews from Retargeting's Feedback API.
#[derive(Debug, Parser)]
#[command(name = "stele-relay", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Inspect(inspect::InspectArgs),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Inspect(args) => inspect::run(&args),
    }
}
