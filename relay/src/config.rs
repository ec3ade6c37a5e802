//! Command-line and environment configuration: every setting is a flag and a variable.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use stele_core::zone::LocalZone;

use crate::moderation::Moderation;
use crate::upstream::{HttpSource, RestKey};

/// The real Feedback API endpoint.
pub const FEEDBACK_ENDPOINT: &str = "https://api.retargeting.app/v1/email-campaigns/json-feedback";

/// A duration with its unit: `500ms`, `20s`, `15m`, `1h`, `7d`. A bare number is refused:
/// `15` could mean seconds or minutes, and guessing wrong hammers Retargeting.
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
        "" => {
            return Err(format!(
                "{text:?} has no unit: write it with one, e.g. {text}s or {text}m (ms, s, m, h, d)"
            ))
        }
        "s" => value,
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

/// A duration setting with a floor, refused below it with the reason; the message names
/// the variable and an example, since it is usually set in an environment file.
fn duration_at_least(
    text: &str,
    variable: &str,
    floor: Duration,
    example: &str,
    why: &str,
) -> Result<Duration, String> {
    let value =
        parse_duration(text).map_err(|e| format!("{variable}: {e}; e.g. {variable}={example}"))?;
    if value < floor {
        return Err(format!(
            "{variable}={text} is below the floor of {floor:?}: {why}; e.g. {variable}={example}"
        ));
    }
    Ok(value)
}

/// `STELE_SYNC_INTERVAL`: at least a minute.
pub fn parse_sync_interval(text: &str) -> Result<Duration, String> {
    duration_at_least(
        text,
        "STELE_SYNC_INTERVAL",
        Duration::from_secs(60),
        "15m",
        "every sync (and product-feed download) is a full request to Retargeting or the shop, and reviews arrive over days, so more often only adds load",
    )
}

/// `STELE_UPSTREAM_TIMEOUT`: at least a second.
pub fn parse_upstream_timeout(text: &str) -> Result<Duration, String> {
    duration_at_least(
        text,
        "STELE_UPSTREAM_TIMEOUT",
        Duration::from_secs(1),
        "20s",
        "a shorter limit fails every sync of a real shop, which then retries at once",
    )
}

/// `STELE_REQUEST_TIMEOUT`: at least 100 ms.
pub fn parse_request_timeout(text: &str) -> Result<Duration, String> {
    duration_at_least(
        text,
        "STELE_REQUEST_TIMEOUT",
        Duration::from_millis(100),
        "10s",
        "shorter fails ordinary requests on a busy host",
    )
}

/// `STELE_SYNC_OVERLAP`: any duration, unit required (0s re-reads nothing: late product
/// reviews on old orders are then missed).
pub fn parse_sync_overlap(text: &str) -> Result<Duration, String> {
    duration_at_least(text, "STELE_SYNC_OVERLAP", Duration::ZERO, "7d", "")
}

/// `STELE_CACHE_MAX_AGE`: any duration, unit required (0s: caches always revalidate).
pub fn parse_cache_max_age(text: &str) -> Result<Duration, String> {
    duration_at_least(text, "STELE_CACHE_MAX_AGE", Duration::ZERO, "60s", "")
}

/// `STELE_SHUTDOWN_TIMEOUT`: how long SIGTERM waits for requests in flight.
pub fn parse_shutdown_timeout(text: &str) -> Result<Duration, String> {
    duration_at_least(text, "STELE_SHUTDOWN_TIMEOUT", Duration::ZERO, "10s", "")
}

/// `STELE_RATE_LIMIT`: requests per second per client, a finite number ≥ 0 (0 turns the
/// limit off; 0.2 is one request every 5 s).
pub fn parse_rate_limit(text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|rate| rate.is_finite() && *rate >= 0.0)
        .ok_or_else(|| {
            format!(
                "STELE_RATE_LIMIT={text:?} is not a number of requests per second: use a number from 0 \
                 (0 turns the limit off), e.g. STELE_RATE_LIMIT=20 or STELE_RATE_LIMIT=0.5"
            )
        })
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

    /// A file holding the REST key (kept out of the environment). Under systemd,
    /// `LoadCredential=rtg_rest_key:…` is read from $CREDENTIALS_DIRECTORY without this.
    #[arg(long, env = "RTG_REST_KEY_FILE")]
    pub rest_key_file: Option<PathBuf>,

    /// Retargeting Customer ID (Settings → Integration, third field).
    #[arg(long, env = "RTG_CUSTOMER_ID")]
    pub customer_id: Option<String>,

    /// Feedback API endpoint (tests point it at a local fake).
    #[arg(long, env = "STELE_UPSTREAM_URL", default_value = FEEDBACK_ENDPOINT)]
    pub upstream_url: String,

    /// Longest a sync request may take.
    #[arg(long, env = "STELE_UPSTREAM_TIMEOUT", default_value = "20s", value_parser = parse_upstream_timeout)]
    pub upstream_timeout: Duration,

    /// Largest response body accepted, in bytes.
    #[arg(long, env = "STELE_UPSTREAM_MAX_BYTES", default_value_t = 64 * 1024 * 1024)]
    pub upstream_max_bytes: u64,

    /// How far before the last successful sync each sync reaches back (late product reviews).
    #[arg(long, env = "STELE_SYNC_OVERLAP", default_value = "7d", value_parser = parse_sync_overlap)]
    pub sync_overlap: Duration,

    /// IANA zone the upstream's dates are written in.
    #[arg(long, env = "STELE_TIMEZONE", default_value = "Europe/Bucharest", value_parser = parse_zone)]
    pub timezone: LocalZone,
}

/// Where the key was found, for `stele-relay config` (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// `RTG_REST_KEY` / `--rest-key`.
    Variable,
    /// `RTG_REST_KEY_FILE` / `--rest-key-file`.
    File(PathBuf),
    /// `$CREDENTIALS_DIRECTORY/rtg_rest_key` (systemd `LoadCredential`) or
    /// `/run/secrets/rtg_rest_key` (a container secret).
    Credential(PathBuf),
}

/// The systemd credential name of the key.
pub const KEY_CREDENTIAL: &str = "rtg_rest_key";

/// Where container engines mount a secret named `rtg_rest_key`.
pub const CONTAINER_SECRET: &str = "/run/secrets/rtg_rest_key";

fn read_key_file(path: &std::path::Path, variable: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!("{variable}: cannot read {}: {e}; the file holds the REST API Key alone, e.g. {variable}=/etc/stele/rtg_rest_key", path.display())
    })?;
    let key = text.trim();
    if key.is_empty() {
        return Err(format!("{variable}: {} is empty: put the REST API Key from Retargeting (Settings → Integration, second field) in it", path.display()));
    }
    Ok(key.to_owned())
}

impl UpstreamOptions {
    /// The REST key and where it came from: `RTG_REST_KEY`, else `RTG_REST_KEY_FILE`, else
    /// the systemd credential or container secret. Both variables at once is refused (which one wins would be
    /// a guess).
    pub fn rest_key(&self) -> Result<(crate::upstream::RestKey, KeySource), String> {
        let variable = self
            .rest_key
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty());
        match (variable, &self.rest_key_file) {
            (Some(_), Some(_)) => Err("both RTG_REST_KEY and RTG_REST_KEY_FILE are set: keep one (the file keeps the key out of the environment)".into()),
            (Some(key), None) => Ok((RestKey::new(key), KeySource::Variable)),
            (None, Some(path)) => Ok((RestKey::new(&read_key_file(path, "RTG_REST_KEY_FILE")?), KeySource::File(path.clone()))),
            (None, None) => {
                // systemd's LoadCredential, then a container secret (podman/docker --secret).
                let credential = std::env::var_os("CREDENTIALS_DIRECTORY")
                    .map(|dir| PathBuf::from(dir).join(KEY_CREDENTIAL))
                    .into_iter()
                    .chain([PathBuf::from(CONTAINER_SECRET)])
                    .find(|path| path.exists());
                match credential {
                    Some(path) => Ok((RestKey::new(&read_key_file(&path, "the credential")?), KeySource::Credential(path))),
                    None => Err("RTG_REST_KEY is not set: export the REST API Key from Retargeting (Settings → Integration, second field), or put it in a file named by RTG_REST_KEY_FILE, or in a systemd credential or container secret named rtg_rest_key".into()),
                }
            }
        }
    }

    /// The customer id, or a message naming the missing variable.
    pub fn customer(&self) -> Result<&str, String> {
        self.customer_id.as_deref().map(str::trim).filter(|c| !c.is_empty()).ok_or_else(|| {
            "RTG_CUSTOMER_ID is not set: export the Customer ID from Retargeting (Settings → Integration, third field)".into()
        })
    }

    /// The HTTP source, or a message naming the missing variable.
    pub fn source(&self) -> Result<HttpSource, String> {
        let (key, _) = self.rest_key()?;
        let customer = self.customer()?;
        Ok(HttpSource::new(
            &self.upstream_url,
            key,
            customer,
            self.upstream_timeout,
            self.upstream_max_bytes,
        ))
    }
}

/// The embedded store.
#[derive(Debug, Clone, Args)]
pub struct StoreOptions {
    /// SQLite database file (created if missing); default `$STATE_DIRECTORY/stele.db` under
    /// systemd (`StateDirectory=`), else `./stele.db`.
    #[arg(long, env = "STELE_DB", default_value_os_t = default_db())]
    pub db: PathBuf,
}

/// `$STATE_DIRECTORY/stele.db` under systemd, else `./stele.db`.
pub fn default_db() -> PathBuf {
    // systemd may pass several directories separated by colons: the first is ours.
    std::env::var_os("STATE_DIRECTORY")
        .and_then(|dirs| std::env::split_paths(&dirs).next())
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("."))
        .join("stele.db")
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

    /// Directory of the built widget files, served at / (a release binary serves the
    /// widget built into it without this; set it to serve another build).
    #[arg(long, env = "STELE_ASSETS")]
    pub assets: Option<PathBuf>,

    /// Requests per second per client address (bursts of 3×, at least one request);
    /// 0 turns the limit off.
    #[arg(long, env = "STELE_RATE_LIMIT", default_value = "20", value_parser = parse_rate_limit)]
    pub rate_limit: f64,

    /// Comma-separated reverse proxies (CIDRs or addresses) whose X-Forwarded-For names the
    /// client, e.g. 127.0.0.1/32,10.0.0.0/8 behind a container network or load balancer.
    #[arg(
        long,
        env = "STELE_TRUSTED_PROXIES",
        value_delimiter = ',',
        default_value = "127.0.0.0/8,::1/128"
    )]
    pub trusted_proxies: Vec<String>,

    /// How long SIGTERM waits for requests in flight before the relay exits anyway.
    #[arg(long, env = "STELE_SHUTDOWN_TIMEOUT", default_value = "10s", value_parser = parse_shutdown_timeout)]
    pub shutdown_timeout: Duration,

    /// Address of the Prometheus /metrics listener (e.g. 127.0.0.1:9187); off by default,
    /// and never the public port.
    #[arg(long, env = "STELE_METRICS_LISTEN")]
    pub metrics_listen: Option<String>,

    /// Longest a request may take.
    #[arg(long, env = "STELE_REQUEST_TIMEOUT", default_value = "10s", value_parser = parse_request_timeout)]
    pub request_timeout: Duration,

    /// Where browsers reach the relay (server-rendered fragments link its stele.css there).
    #[arg(long, env = "STELE_PUBLIC_URL", default_value = "/stele/")]
    pub public_url: String,

    /// How long browsers and caches may reuse a JSON answer.
    #[arg(long, env = "STELE_CACHE_MAX_AGE", default_value = "60s", value_parser = parse_cache_max_age)]
    pub cache_max_age: Duration,
}

impl HttpOptions {
    /// The server settings, or a message naming the variable that is wrong.
    pub fn settings(&self) -> Result<crate::settings::HttpSettings, String> {
        let max_age = self.cache_max_age.as_secs();
        let cache_control = format!(
            "public, max-age={max_age}, stale-while-revalidate={}, stale-if-error=86400",
            (max_age * 10).max(60)
        );
        if let Some(metrics) = &self.metrics_listen {
            if metrics.trim() == self.listen.trim() {
                return Err(format!(
                    "STELE_METRICS_LISTEN={metrics} is the public address: metrics are for operators; use another port, e.g. STELE_METRICS_LISTEN=127.0.0.1:9187"
                ));
            }
        }
        Ok(crate::settings::HttpSettings {
            allowed_origins: self
                .allowed_origins
                .iter()
                .map(|o| o.trim().to_owned())
                .filter(|o| !o.is_empty())
                .collect(),
            assets: crate::assets::Assets::choose(self.assets.clone()),
            rate_limit: (self.rate_limit > 0.0)
                .then(|| crate::ratelimit::RateLimit::with_default_burst(self.rate_limit)),
            trusted_proxies: crate::ratelimit::TrustedProxies::parse(&self.trusted_proxies)?,
            metrics: self.metrics_listen.is_some(),
            request_timeout: self.request_timeout,
            cache_control: axum::http::HeaderValue::from_str(&cache_control).expect("ASCII"),
            public_url: if self.public_url.ends_with('/') {
                self.public_url.clone()
            } else {
                format!("{}/", self.public_url)
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_need_a_unit() {
        assert_eq!(parse_duration("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_duration("20s"), Ok(Duration::from_secs(20)));
        assert_eq!(parse_duration("7d"), Ok(Duration::from_secs(604_800)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        let bare = parse_duration("15").unwrap_err();
        assert!(bare.contains("no unit") && bare.contains("15s"), "{bare}");
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("5w").is_err());
    }

    #[test]
    fn loop_durations_have_floors_that_say_why() {
        for zero in ["0", "0s", "0m", "30s", "59s"] {
            let error = parse_sync_interval(zero).unwrap_err();
            assert!(
                error.starts_with("STELE_SYNC_INTERVAL")
                    && error.contains("e.g. STELE_SYNC_INTERVAL=15m"),
                "{error}"
            );
        }
        assert!(parse_sync_interval("30s")
            .unwrap_err()
            .contains("full request"));
        assert_eq!(parse_sync_interval("1m"), Ok(Duration::from_secs(60)));
        assert!(parse_upstream_timeout("0s").is_err());
        assert!(parse_request_timeout("0ms").is_err());
        assert_eq!(parse_sync_overlap("0s"), Ok(Duration::ZERO));
        assert!(parse_sync_overlap("7")
            .unwrap_err()
            .contains("STELE_SYNC_OVERLAP"));
    }

    #[test]
    fn rate_limits_refuse_nonsense_and_accept_any_rate() {
        assert_eq!(parse_rate_limit("0.2"), Ok(0.2));
        assert_eq!(parse_rate_limit("0"), Ok(0.0));
        for bad in ["-1", "NaN", "inf", "fast", ""] {
            let error = parse_rate_limit(bad).unwrap_err();
            assert!(
                error.contains("STELE_RATE_LIMIT") && error.contains("e.g. STELE_RATE_LIMIT=20"),
                "{error}"
            );
        }
    }
}
