//! The command line: one module per subcommand, each with its arguments and a `run` that
//! returns `Result<(), Failure>`; `main.rs` turns a [`Failure`] into the exit status.

pub mod check;
pub mod config;
pub mod demo;
pub mod export;
pub mod feed_report;
pub mod inspect;
pub mod probe;
pub mod serve;
pub mod sync;

use std::fmt;

use crate::config::logging::LogFormat;

/// Installs the process's subscriber: log lines on stderr, as text or one JSON object a
/// line. The filter is `RUST_LOG` (default `info`); request logs are at debug
/// (`RUST_LOG=info,tower_http=debug`). No log line ever carries the REST key.
pub fn init_logging(format: LogFormat) {
    let mut filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // The HTTP client's internals stay at info whatever RUST_LOG says: at trace they could
    // print the upstream request, whose URL carries the key.
    // The "listening on" and "metrics on" lines are what scripts and supervisors wait for:
    // shown whatever RUST_LOG says (`RUST_LOG=warn` included), in the chosen format.
    filter = filter.add_directive(
        format!("{}=info", crate::http::lifecycle::LISTENING)
            .parse()
            .expect("a valid directive"),
    );
    for quiet in [
        "hyper=info",
        "hyper_util=info",
        "reqwest=info",
        "rustls=info",
        "h2=info",
    ] {
        filter = filter.add_directive(quiet.parse().expect("a valid directive"));
    }
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    match format {
        LogFormat::Json => builder.json().with_current_span(true).init(),
        LogFormat::Text => builder
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init(),
    }
}

/// Why a command ends with a non-zero exit status, and what it says on standard error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The whole line(s) for standard error; empty when the command already said why.
    message: String,
    code: u8,
}

impl Failure {
    /// Exit status 2: the command could not start (a setting, its input, the store).
    pub const CANNOT_START: u8 = 2;
    /// Exit status 1: it started, and its work failed.
    pub const FAILED: u8 = 1;

    /// Exit status `code`, saying `stele-relay COMMAND: message`; an empty `command` says
    /// `stele-relay: message` (`serve`, `sync`, `check` and `config`, whose messages read as
    /// the service's own).
    pub fn new(command: &str, code: u8, message: impl fmt::Display) -> Self {
        let message = match command {
            "" => format!("stele-relay: {message}"),
            command => format!("stele-relay {command}: {message}"),
        };
        Self { message, code }
    }

    /// [`Self::CANNOT_START`] with `message`.
    pub fn cannot_start(command: &str, message: impl fmt::Display) -> Self {
        Self::new(command, Self::CANNOT_START, message)
    }

    /// [`Self::FAILED`] with `message`.
    pub fn failed(command: &str, message: impl fmt::Display) -> Self {
        Self::new(command, Self::FAILED, message)
    }

    /// Exit status `code` with nothing more to say: the command has printed why.
    pub fn reported(code: u8) -> Self {
        Self {
            message: String::new(),
            code,
        }
    }

    /// The exit status.
    pub fn code(&self) -> u8 {
        self.code
    }
}

/// The message, as standard error shows it (empty for [`Failure::reported`]).
impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}
