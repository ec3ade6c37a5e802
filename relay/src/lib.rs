//! Stele's relay as a library: the binary `stele-relay` is a thin shell over these modules,
//! and the tests drive [`http::app`] with `tower::ServiceExt::oneshot`, no sockets needed.
//!
//! The layers, each a folder, imports running down this list only (`scripts/check-imports`
//! keeps it so):
//!
//! | layer | what |
//! |---|---|
//! | [`cli`] | one file per subcommand, each `run(args) -> Result<(), Failure>`; `main.rs` turns the [`cli::Failure`] into the exit code |
//! | [`http`] | the public server: router and layers, routes, parameters, caching, rate limit, the widget's files, metrics, the error shape, shared state, the listener's connections and its lifecycle |
//! | [`output`] | what the read model is written as: the static export, its bucket upload, Google's reviews feed, product markup, rating images |
//! | [`ingest`] | what comes in: the Feedback API client, the shop's product feed, the sync loop and its health |
//! | [`model`] | the store (SQLite) and the read model built from it (snapshot, moderation, rebuild) |
//! | [`config`], [`delivery`] | every setting, once: flags and variables, their parsers and checked forms; and the one caching and media-type policy. Neither imports another layer |
#![deny(missing_docs)]
#![forbid(unsafe_code)]

// One panicking request must cost that request only (tower-http's CatchPanic answers 500),
// and a panicking sync is retried: both need unwinding. The workspace's release profile
// unwinds; only the browser build sets CARGO_PROFILE_RELEASE_PANIC=abort.
#[cfg(panic = "abort")]
compile_error!("stele-relay must be built with panic = \"unwind\": with abort one panicking request ends the server (see [profile.release] in Cargo.toml)");

pub mod cli;
pub mod config;
pub mod delivery;
pub mod http;
pub mod ingest;
pub mod model;
pub mod output;

/// A poisoned lock only means another thread panicked mid-read; the data is fine.
pub fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
