//! How the public server behaves on the wire: origins, files, rate limit, timeouts,
//! caching and where browsers reach it. Built from the configuration (`config`).

use std::time::Duration;

use axum::http::HeaderValue;

use crate::http::assets::Assets;
use crate::http::ratelimit::{RateLimit, TrustedProxies};

/// How the server behaves on the wire.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// Origins allowed to read the API cross-origin (`STELE_ALLOWED_ORIGINS`).
    pub allowed_origins: AllowedOrigins,
    /// The widget's files, served at `/`.
    pub assets: Assets,
    /// `None` disables rate limiting (load tests, trusted networks).
    pub rate_limit: Option<RateLimit>,
    /// Peers whose `X-Forwarded-For` names the client.
    pub trusted_proxies: TrustedProxies,
    /// Longest a request may take.
    pub request_timeout: Duration,
    /// `Cache-Control` of JSON answers.
    pub cache_control: HeaderValue,
    /// Where shoppers' browsers reach the relay (`/stele/` behind the documented proxy
    /// rule): server-rendered fragments link `stele.css` from there.
    pub public_url: String,
    /// Whether requests are counted for `/metrics` (`STELE_METRICS_LISTEN` is set).
    pub metrics: bool,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            allowed_origins: AllowedOrigins::SameOrigin,
            assets: Assets::None,
            rate_limit: Some(RateLimit::with_default_burst(20.0)),
            trusted_proxies: TrustedProxies::default(),
            request_timeout: Duration::from_secs(10),
            cache_control: HeaderValue::from_static(
                "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400",
            ),
            public_url: "/stele/".into(),
            metrics: false,
        }
    }
}

/// Which pages may read the API from another origin (`STELE_ALLOWED_ORIGINS`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum AllowedOrigins {
    /// No CORS headers: only pages on the relay's own origin (the documented proxy rule).
    #[default]
    SameOrigin,
    /// `*` alone: any origin, answered `Access-Control-Allow-Origin: *`. Safe because the
    /// API is public and read-only and takes no credentials or cookies: a page that reads
    /// it cross-origin learns nothing that a `curl` would not.
    Any,
    /// These origins exactly, as browsers write them (`https://shop.example`).
    List(Vec<HeaderValue>),
}

impl AllowedOrigins {
    /// From the comma-separated items of `STELE_ALLOWED_ORIGINS`: nothing (or only empty
    /// items) is same-origin only, `*` alone any origin, else each item must be an origin
    /// (http or https, a host, an optional port, no path), kept as browsers serialise it
    /// (lower case, no default port). `*` among other origins is refused: it would make
    /// the list meaningless, so it is a mistake either way.
    pub fn parse<S: AsRef<str>>(items: &[S]) -> Result<Self, String> {
        const EXAMPLE: &str =
            "e.g. STELE_ALLOWED_ORIGINS=https://shop.example,https://www.shop.example";
        let items: Vec<&str> = items
            .iter()
            .map(|item| item.as_ref().trim())
            .filter(|item| !item.is_empty())
            .collect();
        let setting = items.join(",");
        match items.as_slice() {
            [] => return Ok(Self::SameOrigin),
            ["*"] => return Ok(Self::Any),
            _ if items.contains(&"*") => {
                return Err(format!(
                    "STELE_ALLOWED_ORIGINS={setting}: * (any origin) cannot be mixed with a list of origins; use * alone for any origin, or list the origins only, {EXAMPLE}"
                ))
            }
            _ => {}
        }
        items
            .iter()
            .map(|item| {
                origin(item).ok_or_else(|| {
                    format!(
                        "STELE_ALLOWED_ORIGINS={setting}: {item:?} is not an origin (a scheme, http or https, and a host, with an optional port and no path), {EXAMPLE}"
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self::List)
    }

    /// The origins listed, which must be valid (tests and code that builds settings).
    ///
    /// # Panics
    ///
    /// When one is not an origin.
    pub fn list<S: AsRef<str>>(items: &[S]) -> Self {
        Self::parse(items).expect("valid origins")
    }
}

/// `text` as a browser's `Origin` header writes it, if it is one: `https://Shop.Example:443/`
/// is `https://shop.example`; a path, query, fragment or user name is not an origin.
fn origin(text: &str) -> Option<HeaderValue> {
    let url = reqwest::Url::parse(text).ok()?;
    let bare = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some_and(|host| {
            // A host as browsers send it: no `*.shop.example` (CORS has no wildcards).
            !host.is_empty()
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-.[]:".contains(&b))
        })
        && url.path() == "/"
        && url.query().is_none()
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none();
    bare.then(|| HeaderValue::from_str(&url.origin().ascii_serialization()).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_nothing_any_or_a_list_of_real_origins() {
        assert_eq!(
            AllowedOrigins::parse::<&str>(&[]),
            Ok(AllowedOrigins::SameOrigin)
        );
        assert_eq!(
            AllowedOrigins::parse(&["", " "]),
            Ok(AllowedOrigins::SameOrigin)
        );
        assert_eq!(AllowedOrigins::parse(&[" * "]), Ok(AllowedOrigins::Any));
        assert_eq!(
            AllowedOrigins::parse(&[
                "https://Shop.Example/",
                "http://127.0.0.1:8081",
                "https://shop.example:443",
                "https://[::1]:8443",
            ]),
            Ok(AllowedOrigins::List(vec![
                HeaderValue::from_static("https://shop.example"),
                HeaderValue::from_static("http://127.0.0.1:8081"),
                HeaderValue::from_static("https://shop.example"),
                HeaderValue::from_static("https://[::1]:8443"),
            ]))
        );
        for (bad, says) in [
            (&["*", "https://a.example"][..], "cannot be mixed"),
            (&["https://a.example", "*"][..], "cannot be mixed"),
            (&["shop.example"][..], "\"shop.example\" is not an origin"),
            (&["https://shop.example/products"][..], "is not an origin"),
            (&["https://shop.example?x=1"][..], "is not an origin"),
            (&["https://user@shop.example"][..], "is not an origin"),
            (&["ftp://shop.example"][..], "is not an origin"),
            (&["null"][..], "is not an origin"),
            (&["https://*.shop.example"][..], "is not an origin"),
        ] {
            let error = AllowedOrigins::parse(bad).unwrap_err();
            assert!(
                error.starts_with(&format!("STELE_ALLOWED_ORIGINS={}:", bad.join(",")))
                    && error.contains(says)
                    && error.contains("e.g. STELE_ALLOWED_ORIGINS=https://shop.example"),
                "{error}"
            );
        }
    }
}
