//! Who the server answers and how it tells them apart: the origins that may read the API
//! from another site (`STELE_ALLOWED_ORIGINS`) and the reverse proxies whose
//! `X-Forwarded-For` names the client (`STELE_TRUSTED_PROXIES`).

use std::net::IpAddr;

use axum::http::HeaderValue;
use ipnet::IpNet;

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

/// The reverse proxies whose `X-Forwarded-For` is believed (`STELE_TRUSTED_PROXIES`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl Default for TrustedProxies {
    /// Loopback only: a proxy on the same host.
    fn default() -> Self {
        Self(vec![
            "127.0.0.0/8".parse().expect("valid"),
            "::1/128".parse().expect("valid"),
        ])
    }
}

impl TrustedProxies {
    /// Networks from a list of CIDRs or single addresses (`10.0.0.0/8`, `192.0.2.7`).
    pub fn parse(items: &[String]) -> Result<Self, String> {
        items
            .iter()
            .map(|item| item.trim())
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map(|net| net.trunc())
                    .map_err(|_| {
                        format!(
                            "STELE_TRUSTED_PROXIES: {item:?} is not an address or network; \
                             use CIDRs separated by commas, e.g. STELE_TRUSTED_PROXIES=127.0.0.1/32,10.0.0.0/8"
                        )
                    })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    /// Whether `address` is one of the trusted proxies.
    pub fn contains(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client: the peer itself unless it is a trusted proxy; then, walking
    /// `X-Forwarded-For` from the right (the entry the nearest proxy appended), the first
    /// address that is not a trusted proxy. Entries an untrusted hop could have written are
    /// never reached, so a spoofed header from a shopper changes nothing.
    pub fn client(&self, peer: Option<IpAddr>, forwarded_for: Option<&str>) -> IpAddr {
        let peer = peer.map(|p| p.to_canonical());
        if let Some(peer) = peer.filter(|p| !self.contains(*p)) {
            return peer;
        }
        let mut client = peer;
        for entry in forwarded_for.unwrap_or("").rsplit(',') {
            let Ok(address) = entry.trim().parse::<IpAddr>() else {
                break;
            };
            client = Some(address.to_canonical());
            if !self.contains(address) {
                break;
            }
        }
        client.unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

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

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().unwrap())
    }

    #[rstest]
    #[case::direct_shopper_spoofing("203.0.113.5", Some("1.2.3.4"), "203.0.113.5")]
    #[case::loopback_proxy("127.0.0.1", Some("198.51.100.7"), "198.51.100.7")]
    #[case::loopback_proxy_spoofed_left("127.0.0.1", Some("1.2.3.4, 198.51.100.7"), "198.51.100.7")]
    #[case::chain_of_trusted("127.0.0.1", Some("198.51.100.7, 10.1.2.3, 10.0.0.9"), "198.51.100.7")]
    #[case::container_network_proxy("10.0.0.9", Some("198.51.100.7"), "198.51.100.7")]
    #[case::untrusted_network("172.17.0.2", Some("198.51.100.7"), "172.17.0.2")]
    #[case::no_header("127.0.0.1", None, "127.0.0.1")]
    #[case::garbage_header("10.0.0.9", Some("unknown"), "10.0.0.9")]
    #[case::mapped_v4("::ffff:10.0.0.9", Some("2001:db8::1"), "2001:db8::1")]
    fn client_is_the_first_untrusted_hop(
        #[case] peer: &str,
        #[case] header: Option<&str>,
        #[case] expected: &str,
    ) {
        let trusted =
            TrustedProxies::parse(&["127.0.0.0/8".into(), "::1".into(), "10.0.0.0/8".into()])
                .unwrap();
        assert_eq!(trusted.client(ip(peer), header), ip(expected).unwrap());
    }

    #[test]
    fn trusted_proxies_refuse_nonsense_naming_the_variable() {
        let error = TrustedProxies::parse(&["10.0.0.0/33".into()]).unwrap_err();
        assert!(
            error.contains("STELE_TRUSTED_PROXIES") && error.contains("e.g."),
            "{error}"
        );
        assert!(TrustedProxies::parse(&["proxy.local".into()]).is_err());
        let default = TrustedProxies::default();
        assert!(default.contains(IpAddr::from([127, 0, 0, 2])));
        assert!(!default.contains(IpAddr::from([10, 0, 0, 1])));
    }
}
