//! Command-line and environment configuration: every setting is a flag and a variable.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use stele_core::zone::LocalZone;

use crate::ingest::upstream::{HttpSource, RestKey};
use crate::model::moderation::Moderation;

/// The real Feedback API endpoint.
pub const FEEDBACK_ENDPOINT: &str = "https://api.retargeting.app/v1/email-campaigns/json-feedback";

/// `text` trimmed, its leading number (digits and dots) and the unit after it.
fn number_and_unit(text: &str) -> (&str, &str, &str) {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    (text, number, unit)
}

/// A duration with its unit: `500ms`, `20s`, `15m`, `1h`, `7d`. A bare number is refused:
/// `15` could mean seconds or minutes, and guessing wrong hammers Retargeting.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let (text, number, unit) = number_and_unit(text);
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

/// The longest duration any setting takes: ten years. Longer is a slip of the unit, and
/// arithmetic on it (a sync's window, `Cache-Control`'s numbers) would overflow.
const DURATION_CEILING: Duration = Duration::from_secs(3650 * 86_400);

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
    if value > DURATION_CEILING {
        return Err(format!(
            "{variable}={text} is more than ten years (3650d): a unit slipped; e.g. {variable}={example}"
        ));
    }
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

/// `STELE_HEADER_TIMEOUT`: from a request's first byte to the end of its head, 1 s to 5 m.
pub fn parse_header_timeout(text: &str) -> Result<Duration, String> {
    duration_at_most(
        duration_at_least(
            text,
            "STELE_HEADER_TIMEOUT",
            Duration::from_secs(1),
            "10s",
            "a request head is a few hundred bytes: slower is a slow network or a slowloris client",
        )?,
        text,
        "STELE_HEADER_TIMEOUT",
        Duration::from_secs(300),
        "10s",
    )
}

/// `STELE_IDLE_TIMEOUT`: how long a connection may wait for a request, 1 s to 1 h.
pub fn parse_idle_timeout(text: &str) -> Result<Duration, String> {
    duration_at_most(
        duration_at_least(
            text,
            "STELE_IDLE_TIMEOUT",
            Duration::from_secs(1),
            "30s",
            "browsers reuse a connection within a second or two; shorter only costs handshakes",
        )?,
        text,
        "STELE_IDLE_TIMEOUT",
        Duration::from_secs(3600),
        "30s",
    )
}

/// A duration refused above `ceiling`, naming the variable and an example.
fn duration_at_most(
    value: Duration,
    text: &str,
    variable: &str,
    ceiling: Duration,
    example: &str,
) -> Result<Duration, String> {
    if value > ceiling {
        return Err(format!(
            "{variable}={text} is above the ceiling of {ceiling:?}: idle sockets would pile up; e.g. {variable}={example}"
        ));
    }
    Ok(value)
}

/// `STELE_MAX_CONNECTIONS`: a whole number from 16 to 1,000,000.
pub fn parse_max_connections(text: &str) -> Result<usize, String> {
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (16..=1_000_000).contains(n))
        .ok_or_else(|| {
            format!(
                "STELE_MAX_CONNECTIONS={text:?}: use a whole number of connections from 16 to 1000000, \
                 below the process's open-file limit (LimitNOFILE), e.g. STELE_MAX_CONNECTIONS=1024"
            )
        })
}

/// `STELE_SHUTDOWN_TIMEOUT`: how long SIGTERM waits for requests in flight.
pub fn parse_shutdown_timeout(text: &str) -> Result<Duration, String> {
    duration_at_least(text, "STELE_SHUTDOWN_TIMEOUT", Duration::ZERO, "10s", "")
}

/// `STELE_RATE_LIMIT`: requests per second per client, a finite number ≥ 0 (0 turns the
/// limit off; 0.2 is one request every 5 s). A positive rate below one request a day
/// ([`crate::http::ratelimit::MIN_RATE`]) is refused: it would shut every client out after its
/// first request, which is never what a setting such as `1e-20` meant.
pub fn parse_rate_limit(text: &str) -> Result<f64, String> {
    let rate = text
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|rate| rate.is_finite() && *rate >= 0.0)
        .ok_or_else(|| {
            format!(
                "STELE_RATE_LIMIT={text:?} is not a number of requests per second: use a number from 0 \
                 (0 turns the limit off), e.g. STELE_RATE_LIMIT=20 or STELE_RATE_LIMIT=0.5"
            )
        })?;
    if rate > 0.0 && rate < crate::http::ratelimit::MIN_RATE {
        return Err(format!(
            "STELE_RATE_LIMIT={text} is below one request a day per client ({:.7}/s): every \
             shopper would be refused after a first request; use 0 to turn the limit off or a \
             rate of requests per second, e.g. STELE_RATE_LIMIT=20",
            crate::http::ratelimit::MIN_RATE
        ));
    }
    Ok(rate)
}

/// A size in bytes: a bare number of bytes (`1048576`), or a number with a unit: `B`,
/// `KB`/`MB`/`GB` (powers of 1000), `KiB`/`MiB`/`GiB` and the shorthands `K`/`M`/`G`
/// (powers of 1024, as nginx and systemd read them). Units ignore case; `1.5MiB` is allowed.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let (text, number, unit) = number_and_unit(text);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size like 64MiB, 500KB or 1048576 (bytes)"))?;
    let multiplier: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "kb" => 1e3,
        "mb" => 1e6,
        "gb" => 1e9,
        "k" | "kib" => 1024.0,
        "m" | "mib" => 1024.0 * 1024.0,
        "g" | "gib" => 1024.0 * 1024.0 * 1024.0,
        other => {
            return Err(format!(
                "unknown size unit {other:?}: use B, KB, MB, GB, KiB, MiB or GiB"
            ))
        }
    };
    let bytes = (value * multiplier).floor();
    if bytes >= u64::MAX as f64 {
        return Err(format!(
            "{text:?} is larger than any size this machine holds"
        ));
    }
    Ok(bytes as u64)
}

/// The smallest `STELE_UPSTREAM_MAX_BYTES`: an error envelope alone is a few hundred bytes.
pub const MIN_UPSTREAM_BYTES: u64 = 1024;

/// `STELE_UPSTREAM_MAX_BYTES`: a size of at least 1 KiB (a bare number is bytes).
pub fn parse_upstream_max_bytes(text: &str) -> Result<u64, String> {
    const EXAMPLE: &str = "e.g. STELE_UPSTREAM_MAX_BYTES=64MiB";
    let bytes =
        parse_size(text).map_err(|e| format!("STELE_UPSTREAM_MAX_BYTES={text}: {e}; {EXAMPLE}"))?;
    if bytes < MIN_UPSTREAM_BYTES {
        return Err(format!(
            "STELE_UPSTREAM_MAX_BYTES={text} is {bytes} bytes, below the floor of 1KiB: every \
             sync and product feed would be refused as too large; {EXAMPLE}"
        ));
    }
    Ok(bytes)
}

/// An `http://` or `https://` URL with a host, or a message naming `variable` with `example`.
pub fn parse_http_url(text: &str, variable: &str, example: &str) -> Result<reqwest::Url, String> {
    let url = reqwest::Url::parse(text.trim()).map_err(|e| {
        format!("{variable}={text:?} is not a URL ({e}); e.g. {variable}={example}")
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "{variable}={text}: the relay fetches http:// and https:// URLs only, not {}:; e.g. {variable}={example}",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!(
            "{variable}={text} names no host; e.g. {variable}={example}"
        ));
    }
    Ok(url)
}

/// `STELE_UPSTREAM_URL`: http(s) with a host (plain http is for a local fake; `source()`
/// warns when it goes to another machine).
fn parse_upstream_url(text: &str) -> Result<String, String> {
    parse_http_url(text, "STELE_UPSTREAM_URL", FEEDBACK_ENDPOINT).map(|_| text.trim().to_owned())
}

/// Whether `url` is plain http to a host other than this machine (the key would cross the
/// network unencrypted).
fn plain_http_elsewhere(url: &str) -> bool {
    let Ok(url) = reqwest::Url::parse(url) else {
        return false;
    };
    let host = url.host_str().unwrap_or_default();
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    url.scheme() == "http" && !loopback
}

/// `STELE_HIDE_WITHOUT_COMMENT`: true or false (also 1/0, yes/no, on/off, as environment
/// files write them).
fn parse_hide_without_comment(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" | "" => Ok(false),
        _ => Err(format!(
            "STELE_HIDE_WITHOUT_COMMENT={text}: use true or false; e.g. STELE_HIDE_WITHOUT_COMMENT=true"
        )),
    }
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

    /// Feedback API endpoint, http(s) (tests point it at a local fake).
    #[arg(long, env = "STELE_UPSTREAM_URL", default_value = FEEDBACK_ENDPOINT, value_parser = parse_upstream_url)]
    pub upstream_url: String,

    /// Longest a sync request may take.
    #[arg(long, env = "STELE_UPSTREAM_TIMEOUT", default_value = "20s", value_parser = parse_upstream_timeout)]
    pub upstream_timeout: Duration,

    /// Largest response body accepted (Feedback API and product feed): 64MiB, 500KB, 1GB…,
    /// or a bare number of bytes; at least 1KiB.
    #[arg(long, env = "STELE_UPSTREAM_MAX_BYTES", default_value = "64MiB", value_parser = parse_upstream_max_bytes)]
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
    pub fn rest_key(&self) -> Result<(crate::ingest::upstream::RestKey, KeySource), String> {
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
        if plain_http_elsewhere(&self.upstream_url) {
            tracing::warn!(
                upstream = %crate::ingest::upstream::redact(&self.upstream_url),
                "STELE_UPSTREAM_URL is plain http to another machine: the REST key crosses the network unencrypted; use https"
            );
        }
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

impl StoreOptions {
    /// Opens (or creates) the store, or says what is wrong with `STELE_DB`: a directory
    /// that does not exist, a path through a file, or a directory the relay cannot write.
    pub fn open(&self) -> Result<crate::model::store::Store, String> {
        const EXAMPLE: &str = "e.g. STELE_DB=/var/lib/stele/stele.db";
        let db = &self.db;
        let shown = db.display();
        let parent = db
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        match std::fs::metadata(parent) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(format!(
                    "STELE_DB={shown}: the directory {} does not exist (the relay creates the file, not its directory); create it or name a file in a writable directory, {EXAMPLE}",
                    parent.display()
                ))
            }
            Ok(meta) if !meta.is_dir() => {
                return Err(format!(
                    "STELE_DB={shown}: {} is not a directory; name a file in a writable directory, {EXAMPLE}",
                    parent.display()
                ))
            }
            _ => {}
        }
        if db.is_dir() {
            return Err(format!(
                "STELE_DB={shown} is a directory: name the database file in it, {EXAMPLE}"
            ));
        }
        crate::model::store::Store::open(db).map_err(|e| {
            // Why: a directory this user cannot write (the common case: a service user and a
            // directory made by root), or something about the file itself.
            let probe = parent.join(format!(".stele-write-probe-{}", std::process::id()));
            let writable = std::fs::File::create_new(&probe).is_ok();
            if writable {
                let _ = std::fs::remove_file(&probe);
                format!(
                    "STELE_DB={shown}: cannot open or create the database ({e}); the file must be a Stele database writable by the relay's user, {EXAMPLE}"
                )
            } else {
                format!(
                    "STELE_DB={shown}: the directory {} is not writable by the relay's user (SQLite creates the file and its -wal and -shm files there); make it writable (under systemd, StateDirectory=stele does) or name another, {EXAMPLE}",
                    parent.display()
                )
            }
        })
    }
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
    #[arg(long, env = "STELE_HIDE_WITHOUT_COMMENT", value_parser = parse_hide_without_comment)]
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
    /// (e.g. https://shop.example), or `*` alone for any origin (the API is public,
    /// read-only and needs no credentials); none means same-origin only.
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

    /// Most connections open at once; at the cap a new one replaces the one that has waited
    /// longest without a request (see docs/relay.md, "Security").
    #[arg(long, env = "STELE_MAX_CONNECTIONS", default_value = "1024", value_parser = parse_max_connections)]
    pub max_connections: usize,

    /// Longest from a request's first byte to the end of its headers.
    #[arg(long, env = "STELE_HEADER_TIMEOUT", default_value = "10s", value_parser = parse_header_timeout)]
    pub header_timeout: Duration,

    /// Longest a connection may stay open with no request in flight and nothing sent.
    #[arg(long, env = "STELE_IDLE_TIMEOUT", default_value = "30s", value_parser = parse_idle_timeout)]
    pub idle_timeout: Duration,
}

/// An address to listen on: an IP address and a port (`127.0.0.1:8787`, `[::]:8787`) or
/// a host name and a port (`localhost:8787`). A bare port is refused (which interface?).
fn check_address(text: &str, variable: &str, example: &str) -> Result<(), String> {
    let text = text.trim();
    let named = text.rsplit_once(':').is_some_and(|(host, port)| {
        !host.is_empty()
            && port.parse::<u16>().is_ok()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.".contains(&b))
    });
    if text.parse::<std::net::SocketAddr>().is_ok() || named {
        Ok(())
    } else {
        Err(format!(
            "{variable}={text} is not an address and port (an IP address or host name, a colon and a port); e.g. {variable}={example}"
        ))
    }
}

/// `STELE_ASSETS` is served whole at `/`: it must be a directory holding the built widget
/// (its loader `stele.js`), and never `/`.
fn check_assets(dir: &std::path::Path) -> Result<(), String> {
    const EXAMPLE: &str = "e.g. STELE_ASSETS=target/widget/dist";
    let shown = dir.display();
    let meta = std::fs::metadata(dir).map_err(|e| {
        let what = if e.kind() == std::io::ErrorKind::NotFound {
            "no such directory".to_owned()
        } else {
            format!("cannot read it ({e})")
        };
        format!("STELE_ASSETS={shown}: {what}; name the directory of the built widget (it holds stele.js), or leave STELE_ASSETS unset for the widget built into a release binary; {EXAMPLE}")
    })?;
    if !meta.is_dir() {
        return Err(format!(
            "STELE_ASSETS={shown} is not a directory: name the directory of the built widget (it holds stele.js); {EXAMPLE}"
        ));
    }
    if std::fs::canonicalize(dir).is_ok_and(|real| real.parent().is_none()) {
        return Err(format!(
            "STELE_ASSETS={shown} is the root directory: the relay would serve every file on the machine; name the directory of the built widget; {EXAMPLE}"
        ));
    }
    if !dir.join("stele.js").is_file() {
        return Err(format!(
            "STELE_ASSETS={shown} holds no stele.js, so it is not a built widget (scripts/build-widget makes one); {EXAMPLE}"
        ));
    }
    Ok(())
}

impl HttpOptions {
    /// What one client may hold of the public listener.
    pub fn limits(&self) -> crate::http::server::Limits {
        crate::http::server::Limits {
            max_connections: self.max_connections,
            header_timeout: self.header_timeout,
            idle_timeout: self.idle_timeout,
        }
    }

    /// The server settings, or a message naming the variable that is wrong.
    pub fn settings(&self) -> Result<crate::settings::HttpSettings, String> {
        let max_age = self.cache_max_age.as_secs();
        let cache_control = format!(
            "public, max-age={max_age}, stale-while-revalidate={}, stale-if-error=86400",
            (max_age * 10).max(60)
        );
        check_address(&self.listen, "STELE_LISTEN", "127.0.0.1:8787")?;
        if let Some(metrics) = &self.metrics_listen {
            check_address(metrics, "STELE_METRICS_LISTEN", "127.0.0.1:9187")?;
            if metrics.trim() == self.listen.trim() {
                return Err(format!(
                    "STELE_METRICS_LISTEN={metrics} is the public address: metrics are for operators; use another port, e.g. STELE_METRICS_LISTEN=127.0.0.1:9187"
                ));
            }
        }
        if let Some(dir) = &self.assets {
            check_assets(dir)?;
        }
        Ok(crate::settings::HttpSettings {
            allowed_origins: crate::settings::AllowedOrigins::parse(&self.allowed_origins)?,
            assets: crate::http::assets::Assets::choose(self.assets.clone()),
            rate_limit: (self.rate_limit > 0.0)
                .then(|| crate::http::ratelimit::RateLimit::with_default_burst(self.rate_limit)),
            trusted_proxies: crate::http::ratelimit::TrustedProxies::parse(&self.trusted_proxies)?,
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

    /// The message of a refused setting: it starts with `start` and says each of `says`.
    fn refused<T: std::fmt::Debug>(
        result: Result<T, String>,
        start: &str,
        says: &[&str],
    ) -> String {
        let error = result.unwrap_err();
        assert!(
            error.starts_with(start) && says.iter().all(|s| error.contains(s)),
            "{error}"
        );
        error
    }

    #[test]
    fn durations_past_ten_years_are_refused_before_they_overflow() {
        assert_eq!(
            parse_sync_overlap("3650d"),
            Ok(Duration::from_secs(3650 * 86_400))
        );
        for (parse, variable) in [
            (
                parse_sync_overlap as fn(&str) -> Result<Duration, String>,
                "STELE_SYNC_OVERLAP",
            ),
            (parse_cache_max_age, "STELE_CACHE_MAX_AGE"),
            (parse_sync_interval, "STELE_SYNC_INTERVAL"),
        ] {
            for huge in ["3651d", "2000000000000000000s", "1e30s"] {
                refused(parse(huge), variable, &[&format!("e.g. {variable}=")]);
            }
        }
    }

    #[test]
    fn flags_take_what_environment_files_write() {
        for yes in ["true", "1", "YES", "on"] {
            assert_eq!(parse_hide_without_comment(yes), Ok(true), "{yes}");
        }
        for no in ["false", "0", "no", "off"] {
            assert_eq!(parse_hide_without_comment(no), Ok(false), "{no}");
        }
        refused(
            parse_hide_without_comment("maybe"),
            "STELE_HIDE_WITHOUT_COMMENT=maybe",
            &["e.g. STELE_HIDE_WITHOUT_COMMENT=true"],
        );
        let flags = ModerationOptions::augment_args(clap::Command::new("t"));
        let on = flags
            .clone()
            .try_get_matches_from(["t", "--hide-without-comment"])
            .unwrap();
        assert!(on.get_flag("hide_without_comment"));
        let off = flags.try_get_matches_from(["t"]).unwrap();
        assert!(!off.get_flag("hide_without_comment"));
    }

    #[test]
    fn listen_addresses_need_a_host_and_a_port() {
        for good in ["127.0.0.1:8787", "[::]:8787", "0.0.0.0:0", "localhost:8787"] {
            assert_eq!(
                check_address(good, "STELE_LISTEN", "127.0.0.1:8787"),
                Ok(())
            );
        }
        for bad in [
            "8787",
            ":8787",
            "127.0.0.1",
            "127.0.0.1:99999",
            "http://127.0.0.1:8787",
        ] {
            refused(
                check_address(bad, "STELE_LISTEN", "127.0.0.1:8787"),
                &format!("STELE_LISTEN={bad} "),
                &["e.g. STELE_LISTEN=127.0.0.1:8787"],
            );
        }
    }

    #[test]
    fn sizes_take_units_and_bare_bytes() {
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("64 mib"), Ok(64 << 20));
        assert_eq!(parse_size("500KB"), Ok(500_000));
        assert_eq!(parse_size("1GB"), Ok(1_000_000_000));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("1.5KiB"), Ok(1536));
        assert_eq!(
            parse_size("67108864"),
            Ok(64 << 20),
            "a bare number is bytes"
        );
        assert_eq!(parse_size("2048B"), Ok(2048));
        for bad in ["lots", "", "5 parsecs", "1e30GB", "-1"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_upstream_max_bytes("1KiB"), Ok(1024));
        for bad in ["0", "1023", "0.5KiB", "lots", "12XB"] {
            refused(
                parse_upstream_max_bytes(bad),
                &format!("STELE_UPSTREAM_MAX_BYTES={bad}"),
                &["e.g. STELE_UPSTREAM_MAX_BYTES=64MiB"],
            );
        }
    }

    #[test]
    fn upstream_urls_are_http_with_a_host() {
        assert!(parse_upstream_url(FEEDBACK_ENDPOINT).is_ok());
        assert_eq!(
            parse_upstream_url(" http://127.0.0.1:1234/feed "),
            Ok("http://127.0.0.1:1234/feed".into())
        );
        let example = format!("e.g. STELE_UPSTREAM_URL={FEEDBACK_ENDPOINT}");
        for bad in [
            "file:///etc/passwd",
            "not a url",
            "ftp://x/y",
            "https://",
            "/v1/feed",
        ] {
            refused(parse_upstream_url(bad), "STELE_UPSTREAM_URL=", &[&example]);
        }
        assert!(plain_http_elsewhere("http://api.example/feed"));
        assert!(!plain_http_elsewhere("http://127.0.0.1:9/feed"));
        assert!(!plain_http_elsewhere("http://[::1]:9/feed"));
        assert!(!plain_http_elsewhere("http://localhost:9/feed"));
        assert!(!plain_http_elsewhere(FEEDBACK_ENDPOINT));
    }

    #[test]
    fn assets_must_be_a_built_widget_and_never_the_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("file"), "").unwrap();
        for (path, says) in [
            (dir.path().join("missing"), "no such directory"),
            (PathBuf::from("/"), "root directory"),
            (dir.path().to_owned(), "no stele.js"),
            (dir.path().join("file"), "not a directory"),
        ] {
            refused(
                check_assets(&path),
                "STELE_ASSETS=",
                &[says, "e.g. STELE_ASSETS="],
            );
        }
        std::fs::write(dir.path().join("stele.js"), "").unwrap();
        assert_eq!(check_assets(dir.path()), Ok(()));
    }

    #[test]
    fn a_database_nowhere_names_stele_db() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        std::fs::write(&file, "").unwrap();
        for (db, says) in [
            (PathBuf::from("/nonexistent-dir/stele.db"), "does not exist"),
            (file.join("stele.db"), "is not a directory"),
            (dir.path().to_owned(), "is a directory"),
        ] {
            refused(
                StoreOptions { db }.open().map(|_| ()),
                "STELE_DB=",
                &[says, "e.g. STELE_DB="],
            );
        }
        let db = dir.path().join("stele.db");
        assert!(StoreOptions { db }.open().is_ok());
    }

    #[test]
    fn rate_limits_refuse_nonsense_and_accept_any_rate() {
        assert_eq!(parse_rate_limit("0.2"), Ok(0.2));
        assert_eq!(parse_rate_limit("0"), Ok(0.0));
        assert_eq!(parse_rate_limit("0.0000116"), Ok(0.0000116), "one a day");
        for tiny in ["1e-20", "0.00001", "5e-324"] {
            refused(
                parse_rate_limit(tiny),
                &format!("STELE_RATE_LIMIT={tiny} is below one request a day"),
                &["e.g. STELE_RATE_LIMIT=20"],
            );
        }
        for bad in ["-1", "NaN", "inf", "fast", ""] {
            let error = parse_rate_limit(bad).unwrap_err();
            assert!(
                error.contains("STELE_RATE_LIMIT") && error.contains("e.g. STELE_RATE_LIMIT=20"),
                "{error}"
            );
        }
    }
}
