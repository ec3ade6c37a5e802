//! The store and the read model: SQLite ([`store`]), the snapshot every request reads
//! ([`snapshot`]), the operator's moderation ([`moderation`]) and the rebuild of the
//! snapshot from the store ([`rebuild`]).

pub mod moderation;
pub mod rebuild;
pub mod snapshot;
pub mod store;
