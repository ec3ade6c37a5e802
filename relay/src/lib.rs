//! Stele's relay as a library: the binary `stele-relay` is a thin shell over these modules,
//! and the tests drive [`api::app`] with `tower::ServiceExt::oneshot`, no sockets needed.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod api;
pub mod catalog;
pub mod commands;
pub mod config;
pub mod demo;
pub mod error;
pub mod export;
pub mod http;
pub mod inspect;
pub mod moderation;
pub mod params;
pub mod snapshot;
pub mod store;
pub mod sync;
pub mod upstream;
