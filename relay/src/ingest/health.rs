//! What the relay knows about its own sync, and the three probes built on it: `/livez`
//! (the process answers), `/readyz` (it has data to serve) and `/healthz` (the detail).
//! A wrong key makes the relay unready or degraded, never dead: a liveness probe that
//! restarted it would only hammer Retargeting with the same wrong key.

use std::collections::BTreeMap;

use serde::Serialize;
use stele_core::Timestamp;

use crate::ingest::upstream::SyncError;
use crate::model::store::now;

/// What `/healthz` says about syncing. Never holds a secret.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Health {
    /// When the last successful sync's request was sent (also from the store at start-up,
    /// so a restarted relay with data is ready at once).
    pub last_success: Option<Timestamp>,
    /// When the last attempt finished.
    pub last_attempt: Option<Timestamp>,
    /// The last failure, cleared by a success.
    pub last_error: Option<HealthError>,
    /// Failures since the last success.
    pub consecutive_failures: u32,
    /// Failures since the last success, by error code (for `/metrics`); every code seen
    /// since start-up stays as a key, at 0 after a success, so its series does not vanish.
    #[serde(skip)]
    pub failures_by_code: BTreeMap<&'static str, u32>,
    /// How long the last sync took, in seconds.
    #[serde(skip)]
    pub last_duration_seconds: Option<f64>,
    /// Syncs that panicked since start-up (each is logged and retried).
    #[serde(skip)]
    pub panics: u64,
    /// A product feed is configured, nothing of it is stored yet, and its first download
    /// has not finished: names, prices and the Google feed would still be empty.
    #[serde(skip)]
    pub catalog_pending: bool,
}

/// A failure as `/healthz` reports it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct HealthError {
    /// Stable code.
    pub code: &'static str,
    /// What happened, in the relay's own words ([`SyncError::public_message`]): never a
    /// string the upstream supplied, so never the key or the customer id.
    pub message: String,
    /// What to do.
    pub hint: &'static str,
    /// When.
    pub at: Timestamp,
}

/// The one-word state of `/healthz`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// No sync has finished yet and nothing is stored.
    Starting,
    /// Nothing to serve: every sync so far failed.
    Unavailable,
    /// Serving data from the last successful sync.
    Ok,
    /// Serving data, but the latest syncs failed.
    Degraded,
}

impl Health {
    /// Notes a sync's outcome.
    pub fn record<T>(&mut self, result: &Result<T, SyncError>) {
        let at = now();
        self.last_attempt = Some(at);
        match result {
            Ok(_) => {
                self.last_success = Some(at);
                self.last_error = None;
                self.consecutive_failures = 0;
                self.failures_by_code.values_mut().for_each(|n| *n = 0);
            }
            Err(error) => {
                self.consecutive_failures += 1;
                *self.failures_by_code.entry(error.code()).or_default() += 1;
                self.last_error = Some(HealthError {
                    code: error.code(),
                    message: error.public_message(),
                    hint: error.hint(),
                    at,
                });
            }
        }
    }

    /// Notes a sync that panicked: a failure like any other, with its own code.
    pub fn record_panic(&mut self) {
        self.panics += 1;
        self.record::<()>(&Err(SyncError::Panicked));
    }

    /// The one-word state.
    pub fn status(&self) -> Status {
        match (self.last_success.is_some(), self.consecutive_failures) {
            (false, 0) => Status::Starting,
            (false, _) => Status::Unavailable,
            (true, 0) => Status::Ok,
            (true, _) => Status::Degraded,
        }
    }

    /// Ready to take traffic: every route serves synced data, however old. A sync's success
    /// is recorded only after the read model holds its data, and with a product feed the
    /// first download must have finished too (either way: a feed that fails must not keep
    /// the relay unready forever).
    pub fn is_ready(&self) -> bool {
        self.last_success.is_some() && !self.catalog_pending
    }

    /// Seconds since the last successful sync.
    pub fn age_seconds(&self, at: Timestamp) -> Option<i64> {
        self.last_success.map(|t| (at.unix() - t.unix()).max(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::sync::SyncReport;

    #[test]
    fn status_follows_successes_and_failures() {
        let mut health = Health::default();
        assert_eq!(
            (health.status(), health.is_ready()),
            (Status::Starting, false)
        );
        let wrong_key: Result<SyncReport, _> = Err(SyncError::Upstream(
            stele_core::upstream::UpstreamError::IncorrectRestKey,
        ));
        health.record(&wrong_key);
        assert_eq!(
            (health.status(), health.is_ready()),
            (Status::Unavailable, false)
        );
        health.record(&Ok(SyncReport::default()));
        assert_eq!((health.status(), health.is_ready()), (Status::Ok, true));
        health.record(&wrong_key);
        health.record_panic();
        assert_eq!(
            (health.status(), health.is_ready()),
            (Status::Degraded, true)
        );
        assert_eq!(health.failures_by_code["incorrect_rest_key"], 1);
        assert_eq!(health.failures_by_code["sync_panicked"], 1);
        health.record(&Ok(SyncReport::default()));
        assert!(health.failures_by_code.values().all(|n| *n == 0));
        assert_eq!(health.panics, 1);
    }
}
