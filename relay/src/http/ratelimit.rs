//! The per-client request budget: which address a request comes from (the peer, or the
//! client a trusted reverse proxy names in `X-Forwarded-For`), and a GCRA limiter per
//! address (the `governor` crate). The layer that applies it is `http::router::rate_limit`.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::Quota;
use ipnet::IpNet;

/// Per-address request budget.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    /// Sustained requests per second (any positive number: 0.2 is one request per 5 s).
    pub per_second: f64,
    /// Requests allowed at once after a quiet spell; at least 1, so any positive rate
    /// lets a first request through.
    pub burst: u32,
}

impl RateLimit {
    /// `per_second` with bursts of three seconds' worth (at least one request).
    pub fn with_default_burst(per_second: f64) -> Self {
        Self {
            per_second,
            burst: (per_second * 3.0).round().clamp(1.0, f64::from(u32::MAX)) as u32,
        }
    }

    /// The governor quota, for any values at all: a rate below [`MIN_RATE`] (or not a
    /// number) counts as one request a day, a rate above a billion a second as a billion,
    /// and the burst is at least 1 and at most a year's worth of requests. `governor`
    /// panics on a period over 584 years and overflows on a burst window past that, and
    /// `STELE_RATE_LIMIT` refuses such rates before they get here; this keeps a
    /// `RateLimit` built in code from ever panicking either.
    fn quota(&self) -> Quota {
        let rate = if self.per_second.is_nan() {
            MIN_RATE
        } else {
            self.per_second.clamp(MIN_RATE, MAX_RATE)
        };
        let period = Duration::try_from_secs_f64(1.0 / rate)
            .unwrap_or(MAX_PERIOD)
            .clamp(Duration::from_nanos(1), MAX_PERIOD);
        let most = (MAX_WINDOW.as_nanos() / period.as_nanos()).clamp(1, u128::from(u32::MAX));
        let burst = u32::try_from(u128::from(self.burst).min(most)).unwrap_or(1);
        Quota::with_period(period)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN))
    }
}

/// The smallest rate `STELE_RATE_LIMIT` takes: one request a day (below that a client is
/// refused for days after one request).
pub const MIN_RATE: f64 = 1.0 / 86_400.0;

/// Above this a rate limits nothing the server could serve.
const MAX_RATE: f64 = 1e9;

/// The longest period between two requests' worth of budget: a day (`MIN_RATE`).
const MAX_PERIOD: Duration = Duration::from_secs(86_400);

/// The longest a full burst may take to refill: a year (governor's arithmetic is u64
/// nanoseconds, 584 years).
const MAX_WINDOW: Duration = Duration::from_secs(365 * 86_400);

type Keyed = governor::RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, DefaultClock>;

/// Limiters by client address; idle ones are pruned as the table grows.
pub struct RateLimiter {
    keyed: Option<Keyed>,
    checks: AtomicU32,
}

/// How many checks between two prunings of idle addresses.
const PRUNE_EVERY: u32 = 4096;

impl RateLimiter {
    /// A limiter; `None` lets everything through.
    pub fn new(limit: Option<RateLimit>) -> Self {
        Self {
            keyed: limit.map(|limit| governor::RateLimiter::keyed(limit.quota())),
            checks: AtomicU32::new(0),
        }
    }

    /// Takes a request from `address`'s budget, or says in how many whole seconds (at
    /// least 1) one will be free.
    pub fn check(&self, address: IpAddr) -> Result<(), u64> {
        let Some(keyed) = &self.keyed else {
            return Ok(());
        };
        if self.checks.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == PRUNE_EVERY - 1 {
            // An address whose budget is full again carries no state worth keeping.
            keyed.retain_recent();
        }
        keyed.check_key(&address).map_err(|not_until| {
            let wait = not_until.wait_time_from(keyed.clock().now());
            wait.as_secs_f64().ceil().max(1.0) as u64
        })
    }
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
    fn any_positive_rate_lets_a_first_request_through() {
        let ip = IpAddr::from([10, 0, 0, 1]);
        for rate in [0.001, 0.2, 0.34, 1.0, 20.0, 1e6] {
            let limiter = RateLimiter::new(Some(RateLimit::with_default_burst(rate)));
            assert_eq!(limiter.check(ip), Ok(()), "rate {rate}");
        }
        let slow = RateLimiter::new(Some(RateLimit::with_default_burst(0.2)));
        assert_eq!(slow.check(ip), Ok(()));
        assert_eq!(slow.check(ip), Err(5), "one request per 5 s");
        assert!(RateLimiter::new(None).check(ip).is_ok());
    }

    #[test]
    fn no_rate_limit_panics_whatever_its_numbers() {
        let ip = IpAddr::from([10, 0, 0, 1]);
        for per_second in [
            1e-20,
            0.0,
            -1.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            1e300,
        ] {
            for burst in [0, 1, 3, u32::MAX] {
                let limiter = RateLimiter::new(Some(RateLimit { per_second, burst }));
                assert_eq!(limiter.check(ip), Ok(()), "{per_second} {burst}");
                let _ = limiter.check(ip);
            }
            let limiter = RateLimiter::new(Some(RateLimit::with_default_burst(per_second)));
            assert_eq!(limiter.check(ip), Ok(()), "{per_second}");
        }
        let daily = RateLimiter::new(Some(RateLimit::with_default_burst(1e-20)));
        assert_eq!(daily.check(ip), Ok(()));
        assert_eq!(daily.check(ip), Err(86_400), "as slow as one a day");
    }

    #[test]
    fn bursts_then_per_address() {
        let limiter = RateLimiter::new(Some(RateLimit {
            per_second: 2.0,
            burst: 3,
        }));
        let ip = IpAddr::from([10, 0, 0, 1]);
        assert!((0..3).all(|_| limiter.check(ip).is_ok()));
        assert_eq!(limiter.check(ip), Err(1));
        assert!(limiter.check(IpAddr::from([10, 0, 0, 2])).is_ok());
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
