//! What every request handler shares: the snapshot being served, sync health, the settings
//! and the rate limiter.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use crate::config::http::HttpSettings;
use crate::http::ratelimit::RateLimiter;
use crate::ingest::health::Health;
use crate::model::snapshot::Snapshot;

/// The shared state, cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// The state behind [`AppState`].
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    /// Counts snapshot swaps: answers made under one generation may be reused within it.
    generation: AtomicU64,
    /// ETags of answers made from the snapshot being served (`cache::conditional`).
    pub etags: crate::http::cache::EtagMemo,
    /// Sync health, updated by the sync loop.
    pub health: Arc<Mutex<Health>>,
    /// Server settings.
    pub settings: HttpSettings,
    /// Per-client request budget.
    pub limiter: RateLimiter,
}

impl AppState {
    /// State serving `snapshot`.
    pub fn new(snapshot: Snapshot, health: Arc<Mutex<Health>>, settings: HttpSettings) -> Self {
        let limiter = RateLimiter::new(settings.rate_limit);
        Self(Arc::new(Shared {
            snapshot: RwLock::new(Arc::new(snapshot)),
            generation: AtomicU64::new(0),
            etags: crate::http::cache::EtagMemo::default(),
            health,
            settings,
            limiter,
        }))
    }

    /// The snapshot requests see now.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.0
            .snapshot
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Swaps in a new snapshot; requests in flight finish on the old one.
    pub fn replace_snapshot(&self, snapshot: Snapshot) {
        let mut current = self
            .0
            .snapshot
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *current = Arc::new(snapshot);
        // Under the write lock: whoever reads the new snapshot reads this generation or a
        // later one, so an ETag remembered under a generation is never older than it.
        self.0.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// How many snapshots were swapped in so far.
    pub fn generation(&self) -> u64 {
        self.0.generation.load(Ordering::Acquire)
    }

    /// The shared state.
    pub fn shared(&self) -> &Shared {
        &self.0
    }
}
