//! What comes in: the Feedback API client ([`upstream`]), the shop's product feed
//! ([`catalog`]), the sync and its loop ([`sync`]) and what the relay knows about its
//! syncs ([`health`], which the probes in `http::routes` report).

pub mod catalog;
pub mod health;
pub mod sync;
pub mod upstream;
