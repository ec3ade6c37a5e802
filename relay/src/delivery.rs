//! How everything the relay sends is labelled for browsers and caches, in one place: the
//! media type of a path ([`content_type`]), the `Cache-Control` of the widget's files
//! (hashed names immutable, stable names revalidated: [`file_cache_control`]) and of the
//! data (JSON, the Google feed, rating images: [`data_cache_control`]), the headers of an
//! exported object ([`export_headers`]), and how `If-None-Match` is compared
//! ([`etag_matches`]). The server (its JSON, the widget's files from a directory or built
//! in), the export's bucket upload and the configuration (`STELE_CACHE_MAX_AGE`) all read it
//! from here; it imports nothing of the crate.

use std::time::Duration;

use axum::http::HeaderValue;

/// `Cache-Control` of a file whose name carries its content's hash (`stele-3f9a1c2b7d.wasm`):
/// its content never changes, so caches keep it a year.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of a file with a stable name (`stele.js`, the loader): caches revalidate
/// it, so a new release reaches shoppers at once.
pub const REVALIDATE: &str = "public, max-age=0, must-revalidate";
/// `Cache-Control` of answers no cache may keep (errors, probes).
pub const NO_STORE: &str = "no-store";
/// `Cache-Control` of the data at the default `STELE_CACHE_MAX_AGE` (60 s): what the
/// export's bucket upload gives its JSON, Google feed and rating images.
pub const DEFAULT_DATA_CACHE_CONTROL: &str =
    "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400";

/// The JSON of the API and the export.
pub const JSON: &str = "application/json";
/// Rating images.
pub const PNG: &str = "image/png";
/// Server-rendered fragments and pages.
pub const HTML: &str = "text/html; charset=utf-8";
/// Google's product reviews feed.
pub const XML: &str = "application/xml; charset=utf-8";
/// What a file of no known kind is sent as.
pub const OCTET_STREAM: &str = "application/octet-stream";

/// `Cache-Control` of the data (the API's JSON and the files made from it) when caches may
/// reuse it for `max_age`: they may serve it stale for ten times that (at least a minute)
/// while they revalidate, and for a day while the relay fails.
pub fn data_cache_control(max_age: Duration) -> String {
    let max_age = max_age.as_secs();
    format!(
        "public, max-age={max_age}, stale-while-revalidate={}, stale-if-error=86400",
        (max_age * 10).max(60)
    )
}

/// The media type of a path by its extension, when it is one the relay sends: every text
/// type says it is UTF-8, so a shop page in another encoding still reads the widget right.
pub fn media_type(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let (_, extension) = name.rsplit_once('.')?;
    Some(match extension {
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => JSON,
        "html" => HTML,
        "xml" => XML,
        "svg" => "image/svg+xml",
        "png" => PNG,
        _ => return None,
    })
}

/// [`media_type`], or [`OCTET_STREAM`] for an extension it does not know.
pub fn content_type(path: &str) -> &'static str {
    media_type(path).unwrap_or(OCTET_STREAM)
}

/// Whether the file name carries a hash: the part before its first dot ends in `-` or `_`
/// and at least eight hex digits (`stele-3f9a1c2b.wasm`, `stele_bg-0123456789abcdef.js`).
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let stem = name.split('.').next().unwrap_or("");
    stem.contains(['-', '_'])
        && stem
            .rsplit(['-', '_'])
            .next()
            .is_some_and(|tail| tail.len() >= 8 && tail.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `Cache-Control` of a widget file: [`IMMUTABLE`] for a hashed name, else [`REVALIDATE`].
pub fn file_cache_control(path: &str) -> &'static str {
    if is_hashed(path) {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

/// `Content-Type` and `Cache-Control` of the exported object at `path`: the data (JSON and
/// the extensionless `v1/summaries`, which is JSON too, and under `v1/` the Google feed,
/// rating images and fragments, which change with each sync) revalidates like the relay's answers at the
/// default max-age; widget files are cached as the relay caches them.
pub fn export_headers(path: &str) -> (&'static str, &'static str) {
    let data = path == stele_core::paths::summaries_query()
        || path.ends_with(".json")
        || (path.starts_with("v1/")
            && [".xml", ".png", ".html"]
                .iter()
                .any(|kind| path.ends_with(kind)));
    if data {
        (media_type(path).unwrap_or(JSON), DEFAULT_DATA_CACHE_CONTROL)
    } else {
        (content_type(path), file_cache_control(path))
    }
}

/// Whether `If-None-Match` (every value of it) names `etag`: a comma-separated list of
/// tags or `*`, compared weakly (`W/"x"` matches `"x"`), as RFC 9110 asks for GET.
pub fn etag_matches<'a>(
    if_none_match: impl IntoIterator<Item = &'a HeaderValue>,
    etag: &str,
) -> bool {
    let etag = etag.trim_start_matches("W/");
    if_none_match
        .into_iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == "*" || tag == etag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_compares_weakly_and_accepts_lists_and_star() {
        assert!(!etag_matches(&[], "W/\"abc\""));
        let list = [HeaderValue::from_static("\"x\", W/\"abc\"")];
        assert!(etag_matches(&list, "W/\"abc\""));
        assert!(etag_matches(&list, "\"abc\""));
        assert!(!etag_matches(&list, "W/\"abd\""));
        assert!(etag_matches(&[HeaderValue::from_static("*")], "W/\"q\""));
    }

    #[test]
    fn hashed_assets_are_immutable_and_loaders_revalidate() {
        assert_eq!(
            file_cache_control("/stele-3f9a1c2b7d.wasm"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            file_cache_control("/assets/stele_bg-0123456789abcdef.js"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            file_cache_control("/stele.js"),
            "public, max-age=0, must-revalidate"
        );
        assert_eq!(
            file_cache_control("/index.html"),
            "public, max-age=0, must-revalidate"
        );
        assert_eq!(
            file_cache_control("/my-component.js"),
            "public, max-age=0, must-revalidate"
        );
    }

    #[test]
    fn the_default_data_cache_control_is_the_one_of_sixty_seconds() {
        assert_eq!(
            data_cache_control(Duration::from_secs(60)),
            DEFAULT_DATA_CACHE_CONTROL
        );
        assert_eq!(
            data_cache_control(Duration::ZERO),
            "public, max-age=0, stale-while-revalidate=60, stale-if-error=86400"
        );
    }

    /// The fix of this module: the server's table said `charset=utf-8` for scripts and
    /// stylesheets, the bucket upload's did not. Every text type now says it, everywhere.
    #[test]
    fn every_text_type_says_utf_8_and_the_export_agrees_with_the_server() {
        for path in [
            "stele.js",
            "m.mjs",
            "stele.css",
            "index.html",
            "v1/feeds/g.xml",
        ] {
            assert!(content_type(path).ends_with("; charset=utf-8"), "{path}");
        }
        for path in [
            "stele.js",
            "stele-229e52d4da8c.js",
            "stele.css",
            "stele_bg-0123456789abcdef.wasm",
            "index.html",
            "icon.svg",
        ] {
            assert_eq!(
                export_headers(path),
                (content_type(path), file_cache_control(path)),
                "{path}"
            );
        }
        assert_eq!(content_type("LICENSE"), OCTET_STREAM);
        assert_eq!(media_type("stele.woff2"), None);
        // The fragments change with each sync, as the JSON does.
        assert_eq!(
            export_headers("v1/products/2183/badge.html"),
            (HTML, DEFAULT_DATA_CACHE_CONTROL)
        );
    }
}
