//! How log lines are written (`STELE_LOG_FORMAT`): human-readable text, or one JSON object a
//! line for log shippers. The subscriber itself is installed by `cli::init_logging`.

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
