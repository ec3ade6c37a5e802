//! What comes in: the Feedback API client ([`upstream`]: in this crate "upstream" is always
//! Retargeting's Feedback API), the shop's CSV product feed ([`product_feed`], which fills
//! the stored catalog), the sync and its loop ([`sync`]) and what the relay knows about its
//! syncs ([`health`], which the probes in `http::routes` report).

pub mod health;
pub mod product_feed;
pub mod sync;
pub mod upstream;
