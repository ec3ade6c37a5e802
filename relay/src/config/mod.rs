//! Every setting, defined once. Each option group is a clap `Args` struct (the flag, its
//! variable, its default and its help), next to the parsers of its values and its checked
//! form; the commands flatten the groups they take, and `stele-relay config` lists them from
//! clap's own definitions.
//!
//! | group | variables | checked form |
//! |---|---|---|
//! | [`upstream`] | `RTG_*`, `STELE_UPSTREAM_*`, `STELE_SYNC_*`, `STELE_TIMEZONE` | [`upstream::RestKey`], [`upstream::SyncSettings`] (the client: `ingest::upstream::HttpSource::from_options`) |
//! | [`store`] | `STELE_DB` | the store itself: `model::store::Store::from_options` |
//! | [`moderation`] | `STELE_MIN_STARS`, `STELE_HIDE_*`, `STELE_BLOCKLIST`, `STELE_PIN_IDS`, `STELE_TESTIMONIAL_MIN_STARS` | the rules: `model::moderation::Moderation::from_options` |
//! | [`http`] | `STELE_LISTEN`, `STELE_ASSETS`, `STELE_RATE_LIMIT`, timeouts, limits, caching, `STELE_PUBLIC_URL`, `STELE_METRICS_LISTEN` | [`http::HttpSettings`], [`http::Limits`] |
//! | [`clients`] | `STELE_ALLOWED_ORIGINS`, `STELE_TRUSTED_PROXIES` | [`clients::AllowedOrigins`], [`clients::TrustedProxies`] |
//! | [`shop`] | `STELE_FEED_URL`, `STELE_CURRENCY`, `STELE_SHOP_NAME`, `STELE_JSONLD*`, `STELE_IMAGE_LANG` | [`shop::ShopSettings`] |
//! | [`logging`] | `STELE_LOG_FORMAT` | [`logging::LogFormat`] |
//!
//! This module imports no other layer of the crate: every layer may read the settings.

use std::time::Duration;

pub mod clients;
pub mod http;
pub mod logging;
pub mod moderation;
pub mod shop;
pub mod store;
pub mod upstream;

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
    Duration::try_from_secs_f64(seconds)
        .map_err(|_| format!("{text:?} is more than ten years (3650d): a unit slipped"))
}

/// The longest duration any setting takes: ten years. Longer is a slip of the unit, and
/// arithmetic on it (a sync's window, `Cache-Control`'s numbers) would overflow.
const DURATION_CEILING: Duration = Duration::from_secs(3650 * 86_400);

/// A duration setting with a floor, refused below it with the reason; the message names
/// the variable and an example, since it is usually set in an environment file.
pub(crate) fn duration_at_least(
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

/// A duration refused above `ceiling`, naming the variable and an example.
pub(crate) fn duration_at_most(
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use clap::Args as _;

    use super::http::*;
    use super::moderation::*;
    use super::store::*;
    use super::upstream::*;
    use super::*;
    use crate::model::store::Store;

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
        assert_eq!(parse_upstream_max_bytes("4GiB"), Ok(4 << 30));
        for bad in ["0", "1023", "0.5KiB", "lots", "12XB", "100000GB", "5GiB"] {
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
                Store::from_options(&StoreOptions { db }).map(|_| ()),
                "STELE_DB=",
                &[says, "e.g. STELE_DB="],
            );
        }
        let db = dir.path().join("stele.db");
        assert!(Store::from_options(&StoreOptions { db }).is_ok());
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
        assert_eq!(parse_rate_limit("1e9"), Ok(1e9));
        for huge in ["1e300", "1.1e9"] {
            refused(
                parse_rate_limit(huge),
                &format!("STELE_RATE_LIMIT={huge} is above a billion"),
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
