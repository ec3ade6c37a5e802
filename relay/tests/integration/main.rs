//! The relay's integration tests: one binary, so the relay is linked once. Modules follow
//! the crate's layers, then the two suites that cut across them:
//!
//! - `http`: the router over `oneshot` and real loopback HTTP: the API, fragments, rating
//!   images, Google's reviews feed, nginx in front;
//! - `ingest`: syncs against a fake Feedback API, the product feed over HTTP;
//! - `model`: the SQLite store merges as the core does, and migrates;
//! - `output`: the static export and its bucket upload (moto);
//! - `cli`: `inspect` and `demo`;
//! - `process`: the relay as operators run it: start-up refusals, signals, crashes,
//!   panics, probes, logs, the key from a file;
//! - `security`: the security and fault suite (docs/relay.md, "Security").
//!
//! `support` holds what they share; every process they start comes from `support::relay()`,
//! which removes the tester's own `STELE_*` and `RTG_*` settings.

mod cli;
mod http;
mod ingest;
mod model;
mod output;
mod process;
mod security;
mod support;
