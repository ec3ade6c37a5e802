//! The store.

mod store;
