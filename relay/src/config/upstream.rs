//! Where the feedback comes from: Retargeting's credentials, the Feedback API's address and
//! limits, how syncs reach back, and the zone its dates are written in.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use stele_core::zone::LocalZone;

use crate::config::{duration_at_least, parse_http_url, parse_size};

/// The real Feedback API endpoint.
pub const FEEDBACK_ENDPOINT: &str = "https://api.retargeting.app/v1/email-campaigns/json-feedback";

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

/// `STELE_SYNC_OVERLAP`: any duration, unit required (0s re-reads nothing: late product
/// reviews on old orders are then missed).
pub fn parse_sync_overlap(text: &str) -> Result<Duration, String> {
    duration_at_least(text, "STELE_SYNC_OVERLAP", Duration::ZERO, "7d", "")
}

/// The smallest `STELE_UPSTREAM_MAX_BYTES`: an error envelope alone is a few hundred bytes.
pub const MIN_UPSTREAM_BYTES: u64 = 1024;

/// The largest `STELE_UPSTREAM_MAX_BYTES`: 4 GiB. An answer is held in memory and parsed
/// whole, so a larger limit is a slip of the unit (`100000GB`) that would let a hostile
/// upstream take the machine's memory before the limit ever bites.
pub const MAX_UPSTREAM_BYTES: u64 = 4 << 30;

/// `STELE_UPSTREAM_MAX_BYTES`: a size from 1 KiB to 4 GiB (a bare number is bytes).
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
    if bytes > MAX_UPSTREAM_BYTES {
        return Err(format!(
            "STELE_UPSTREAM_MAX_BYTES={text} is {bytes} bytes, above the ceiling of 4GiB: an \
             answer is held in memory whole, so a unit slipped; {EXAMPLE}"
        ));
    }
    Ok(bytes)
}

/// `STELE_UPSTREAM_URL`: http(s) with a host (plain http is for a local fake; `source()`
/// warns when it goes to another machine).
pub(crate) fn parse_upstream_url(text: &str) -> Result<String, String> {
    parse_http_url(text, "STELE_UPSTREAM_URL", FEEDBACK_ENDPOINT).map(|_| text.trim().to_owned())
}

/// Whether `url` is plain http to a host other than this machine (the key would cross the
/// network unencrypted).
pub(crate) fn plain_http_elsewhere(url: &str) -> bool {
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

/// `STELE_TIMEZONE`: an IANA zone name.
pub(crate) fn parse_zone(name: &str) -> Result<LocalZone, String> {
    name.parse()
        .map_err(|error: stele_core::zone::UnknownZone| {
            format!("STELE_TIMEZONE: {error}, e.g. STELE_TIMEZONE=Europe/Bucharest")
        })
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

    /// `STELE_TIMEZONE`.
    #[command(flatten)]
    pub zone: TimezoneOptions,
}

/// The zone the Feedback API's dates are written in: a setting of the syncing commands and
/// of `inspect`.
#[derive(Debug, Clone, Args)]
pub struct TimezoneOptions {
    /// IANA zone the upstream's dates are written in.
    #[arg(long, env = "STELE_TIMEZONE", default_value = "Europe/Bucharest", value_parser = parse_zone)]
    pub timezone: LocalZone,
}

/// How often `serve` syncs (and downloads the product feed).
#[derive(Debug, Clone, Args)]
pub struct ScheduleOptions {
    /// Time between syncs (at least 1m).
    #[arg(long, env = "STELE_SYNC_INTERVAL", default_value = "15m", value_parser = parse_sync_interval)]
    pub sync_interval: Duration,
}

/// How syncs are made.
#[derive(Debug, Clone, Copy)]
pub struct SyncSettings {
    /// Zone of the upstream's dates.
    pub zone: LocalZone,
    /// How far before the last successful sync the `t` cursor reaches back, so product
    /// reviews added to old orders since then are still returned.
    pub overlap: Duration,
}

/// The Retargeting REST key: a server-side secret. It has no `Display`, and its `Debug`
/// prints nothing of it.
#[derive(Clone, PartialEq, Eq)]
pub struct RestKey(String);

impl RestKey {
    /// Wraps a key, trimmed.
    pub fn new(key: &str) -> Self {
        Self(key.trim().to_owned())
    }

    /// The key itself, for building the request and nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for RestKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RestKey(<redacted>)")
    }
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
    pub fn rest_key(&self) -> Result<(RestKey, KeySource), String> {
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

    /// How syncs are made: `STELE_TIMEZONE` and `STELE_SYNC_OVERLAP`.
    pub fn sync_settings(&self) -> SyncSettings {
        SyncSettings {
            zone: self.zone.timezone,
            overlap: self.sync_overlap,
        }
    }
}
