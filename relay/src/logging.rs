//! Log lines on stderr: human-readable text, or one JSON object a line for log shippers
//! (`STELE_LOG_FORMAT=json`). The filter is `RUST_LOG` (default `info`); request logs are
//! at debug (`RUST_LOG=info,tower_http=debug`). No log line ever carries the REST key.

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// One readable line per event.
    #[default]
    Text,
    /// One JSON object per event (Loki, Elasticsearch, CloudWatch, journald).
    Json,
}

/// The logging settings every command shares (a global flag of `stele-relay`).
#[derive(Debug, Clone, clap::Args)]
pub struct LogOptions {
    /// Log lines as text or as one JSON object a line.
    #[arg(long, env = "STELE_LOG_FORMAT", value_parser = parse_format, default_value = "text", global = true)]
    pub log_format: LogFormat,
}

/// `STELE_LOG_FORMAT`: `text` or `json`.
pub fn parse_format(text: &str) -> Result<LogFormat, String> {
    match text.trim() {
        "text" => Ok(LogFormat::Text),
        "json" => Ok(LogFormat::Json),
        other => Err(format!(
            "STELE_LOG_FORMAT={other:?}: use text or json, e.g. STELE_LOG_FORMAT=json"
        )),
    }
}

/// Installs the process's subscriber.
pub fn init(format: LogFormat) {
    let mut filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // The HTTP client's internals stay at info whatever RUST_LOG says: at trace they could
    // print the upstream request, whose URL carries the key.
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
