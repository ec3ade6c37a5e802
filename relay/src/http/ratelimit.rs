//! The per-client request budget: a GCRA limiter per address (the `governor` crate) for the
//! configured [`RateLimit`]. Which address a request comes from (the peer, or the client a
//! trusted reverse proxy names in `X-Forwarded-For`) is `config::clients::TrustedProxies`'s;
//! the layer that applies both is `http::router::rate_limit`.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::Quota;

use crate::config::http::{RateLimit, MAX_RATE, MIN_RATE};

/// The longest period between two requests' worth of budget: a day (`MIN_RATE`).
const MAX_PERIOD: Duration = Duration::from_secs(86_400);

/// The longest a full burst may take to refill: a year (governor's arithmetic is u64
/// nanoseconds, 584 years).
const MAX_WINDOW: Duration = Duration::from_secs(365 * 86_400);

/// The governor quota, for any values at all: a rate below [`MIN_RATE`] (or not a
/// number) counts as one request a day, a rate above a billion a second as a billion,
/// and the burst is at least 1 and at most a year's worth of requests. `governor`
/// panics on a period over 584 years and overflows on a burst window past that, and
/// `STELE_RATE_LIMIT` refuses such rates before they get here; this keeps a
/// `RateLimit` built in code from ever panicking either.
fn quota(limit: &RateLimit) -> Quota {
    let rate = if limit.per_second.is_nan() {
        MIN_RATE
    } else {
        limit.per_second.clamp(MIN_RATE, MAX_RATE)
    };
    let period = Duration::try_from_secs_f64(1.0 / rate)
        .unwrap_or(MAX_PERIOD)
        .clamp(Duration::from_nanos(1), MAX_PERIOD);
    let most = (MAX_WINDOW.as_nanos() / period.as_nanos()).clamp(1, u128::from(u32::MAX));
    let burst = u32::try_from(u128::from(limit.burst).min(most)).unwrap_or(1);
    Quota::with_period(period)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN))
}

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
            keyed: limit.map(|limit| governor::RateLimiter::keyed(quota(&limit))),
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
