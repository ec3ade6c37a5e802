//! Command-line and environment configuration: every setting is a flag and a variable.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use stele_core::zone::LocalZone;

use crate::moderation::Moderation;
use crate::upstream::{HttpSource, RestKey};

/// The real Feedback API endpoint.
pub const FEEDBACK_ENDPOINT: &str = "https://api.retargeting.app/v1/email-campaigns/json-feedback";

/// `15m`, `20s`, `7d`, `1h`, `500ms`, or bare seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a duration like 30s, 15m, 1h or 7d"))?;
    let seconds = match unit.trim() {
        "" | "s" => value,
        "ms" => value / 1000.0,
        "m" | "min" => value * 60.0,
        "h" => value * 3600.0,
        "d" => value * 86_400.0,
        other => {
            return Err(format!(
                "unknown duration unit {other:?}: use ms, s, m, h or d"
            ))
        }
    };
    Duration::try_from_secs_f64(seconds).map_err(|e| e.to_string())
}

fn parse_zone(name: &str) -> Result<LocalZone, String> {
    name.parse()
        .map_err(|error: stele_core::zone::UnknownZone| error.to_string())
}

fn parse_stars(text: &str) -> Result<u8, String> {
    text.parse::<u8>()
        .ok()
        .filter(|n| (1..=5).contains(n))
        .ok_or_else(|| format!("{text:?}: use a whole number from 1 to 5"))
}

/// Where the feedback comes from.
#[derive(Debug, Clone, Args)]
pub struct UpstreamOptions {
    /// Retargeting REST API Key (Settings → Integration, second field). Prefer the variable:
    /// flags show up in process listings.
    #[arg(long, env = "RTG_REST_KEY", hide_env_values = true)]
    pub rest_key: Option<String>,

    /// Retargeting Customer ID (Settings → Integration, third field).
    #[arg(long, env = "RTG_CUSTOMER_ID")]
    pub customer_id: Option<String>,

    /// Feedback API endpoint (tests point it at a local fake).
    #[arg(long, env = "STELE_UPSTREAM_URL", default_value = FEEDBACK_ENDPOINT)]
    pub upstream_url: String,

    /// Longest a sync request may take.
    #[arg(long, env = "STELE_UPSTREAM_TIMEOUT", default_value = "20s", value_parser = parse_duration)]
    pub upstream_timeout: Duration,

    /// Largest response body accepted, in bytes.
    #[arg(long, env = "STELE_UPSTREAM_MAX_BYTES", default_value_t = 64 * 1024 * 1024)]
    pub upstream_max_bytes: u64,

    /// How far before the last successful sync each sync reaches back (late product reviews).
    #[arg(long, env = "STELE_SYNC_OVERLAP", default_value = "7d", value_parser = parse_duration)]
    pub sync_overlap: Duration,

    /// IANA zone the upstream's dates are written in.
    #[arg(long, env = "STELE_TIMEZONE", default_value = "Europe/Bucharest", value_parser = parse_zone)]
    pub timezone: LocalZone,
}

impl UpstreamOptions {
    /// The HTTP source, or a message naming the missing variable.
    pub fn source(&self) -> Result<HttpSource, String> {
        let key = self.rest_key.as_deref().map(str::trim).filter(|k| !k.is_empty()).ok_or(
            "RTG_REST_KEY is not set: export the REST API Key from Retargeting (Settings → Integration, second field)",
        )?;
        let customer = self.customer_id.as_deref().map(str::trim).filter(|c| !c.is_empty()).ok_or(
            "RTG_CUSTOMER_ID is not set: export the Customer ID from Retargeting (Settings → Integration, third field)",
        )?;
        Ok(HttpSource::new(
            &self.upstream_url,
            RestKey::new(key),
            customer,
            self.upstream_timeout,
            self.upstream_max_bytes,
        ))
    }
}

/// The embedded store.
#[derive(Debug, Clone, Args)]
pub struct StoreOptions {
    /// SQLite database file (created if missing).
    #[arg(long, env = "STELE_DB", default_value = "./stele.db")]
    pub db: PathBuf,
}

/// What lists display. Summaries always count every review.
#[derive(Debug, Clone, Args)]
pub struct ModerationOptions {
    /// Hide reviews below this many stars (1–5, rounded up as in the histogram).
    #[arg(long, env = "STELE_MIN_STARS", value_parser = parse_stars)]
    pub min_stars: Option<u8>,

    /// Hide reviews without a comment.
    #[arg(long, env = "STELE_HIDE_WITHOUT_COMMENT")]
    pub hide_without_comment: bool,

    /// Comma-separated words or phrases; comments containing one are hidden (case and
    /// diacritics ignored: "teapa" matches "țeapă").
    #[arg(long, env = "STELE_BLOCKLIST", value_delimiter = ',')]
    pub blocklist: Vec<String>,

    /// Comma-separated public review ids never to display.
    #[arg(long, env = "STELE_HIDE_IDS", value_delimiter = ',')]
    pub hide_ids: Vec<String>,

    /// Comma-separated public review ids to display first, in this order.
    #[arg(long, env = "STELE_PIN_IDS", value_delimiter = ',')]
    pub pin_ids: Vec<String>,

    /// Hide testimonials (shop feedback) below this many stars (1–5), on top of min-stars;
    /// product reviews are unaffected.
    #[arg(long, env = "STELE_TESTIMONIAL_MIN_STARS", value_parser = parse_stars)]
    pub testimonial_min_stars: Option<u8>,
}

impl ModerationOptions {
    /// The settings.
    pub fn moderation(&self) -> Moderation {
        Moderation::new(
            self.min_stars,
            self.hide_without_comment,
            &self.blocklist,
            &self.hide_ids,
            &self.pin_ids,
        )
        .with_testimonial_min_stars(self.testimonial_min_stars)
    }
}

/// How the HTTP server behaves.
#[derive(Debug, Clone, Args)]
pub struct HttpOptions {
    /// Address to listen on.
    #[arg(long, env = "STELE_LISTEN", default_value = "127.0.0.1:8787")]
    pub listen: String,

    /// Comma-separated origins allowed to call the API from another origin
    /// (e.g. https://shop.example); none means same-origin only.
    #[arg(long, env = "STELE_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,

    /// Directory of the built widget files, served at /.
    #[arg(long, env = "STELE_ASSETS")]
    pub assets: Option<PathBuf>,

    /// Requests per second per client address (bursts of 3×); 0 turns the limit off.
    #[arg(long, env = "STELE_RATE_LIMIT", default_value_t = 20.0)]
    pub rate_limit: f64,

    /// Longest a request may take.
    #[arg(long, env = "STELE_REQUEST_TIMEOUT", default_value = "10s", value_parser = parse_duration)]
    pub request_timeout: Duration,

    /// Where browsers reach the relay (server-rendered fragments link its stele.css there).
    #[arg(long, env = "STELE_PUBLIC_URL", default_value = "/stele/")]
    pub public_url: String,

    /// How long browsers and caches may reuse a JSON answer.
    #[arg(long, env = "STELE_CACHE_MAX_AGE", default_value = "60s", value_parser = parse_duration)]
    pub cache_max_age: Duration,
}

impl HttpOptions {
    /// The server settings.
    pub fn settings(&self) -> crate::http::HttpSettings {
        let max_age = self.cache_max_age.as_secs();
        let cache_control = format!(
            "public, max-age={max_age}, stale-while-revalidate={}, stale-if-error=86400",
            (max_age * 10).max(60)
        );
        crate::http::HttpSettings {
            allowed_origins: self
                .allowed_origins
                .iter()
                .map(|o| o.trim().to_owned())
                .filter(|o| !o.is_empty())
                .collect(),
            assets: self.assets.clone(),
            rate_limit: (self.rate_limit > 0.0).then_some(crate::http::RateLimit {
                per_second: self.rate_limit,
                burst: self.rate_limit * 3.0,
            }),
            request_timeout: self.request_timeout,
            cache_control: axum::http::HeaderValue::from_str(&cache_control).expect("ASCII"),
            public_url: if self.public_url.ends_with('/') {
                self.public_url.clone()
            } else {
                format!("{}/", self.public_url)
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_duration("20s"), Ok(Duration::from_secs(20)));
        assert_eq!(parse_duration("7d"), Ok(Duration::from_secs(604_800)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("5w").is_err());
    }
}
