//! Stele's relay as a library: the binary `stele-relay` is a thin shell over these modules,
//! and the tests drive [`http::app`] with `tower::ServiceExt::oneshot`, no sockets needed.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

// One panicking request must cost that request only (tower-http's CatchPanic answers 500),
// and a panicking sync is retried: both need unwinding. The workspace's release profile
// unwinds; only the browser build sets CARGO_PROFILE_RELEASE_PANIC=abort.
#[cfg(panic = "abort")]
compile_error!("stele-relay must be built with panic = \"unwind\": with abort one panicking request ends the server (see [profile.release] in Cargo.toml)");

pub mod api;
pub mod assets;
pub mod cache;
pub mod catalog;
pub mod commands;
pub mod config;
pub mod demo;
pub mod error;
pub mod export;
pub mod feed_report;
pub mod google_feed;
pub mod health;
pub mod http;
pub mod inspect;
pub mod logging;
pub mod markup;
pub mod metrics;
pub mod moderation;
pub mod params;
pub mod publish;
pub mod ratelimit;
pub mod rating_image;
pub mod server;
pub mod settings;
pub mod shop;
pub mod snapshot;
pub mod state;
pub mod store;
pub mod sync;
pub mod upstream;
