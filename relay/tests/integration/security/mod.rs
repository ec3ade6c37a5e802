//! The security and fault suite: the relay tried as an attacker and an SRE would try it.
//! Each module reproduces one way the relay used to fail (a redirecting upstream, a key
//! echoed back, half-open sockets, an empty product feed, a huge comment, readiness before
//! data, settings that panic, a kill during export, outside validators) and proves it fixed.
//! docs/relay.md, "Security", lists the promises and which module tests each.

mod comments;
mod connections;
mod export;
mod feeds;
mod keys;
mod limits;
mod readiness;
mod settings;
mod validators;
