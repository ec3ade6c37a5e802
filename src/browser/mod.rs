//! What only the browser build has (`csr` on wasm32; lib.rs gates this module once): the
//! custom elements' mount (`mount/`, one file per element kind), the loaders that fetch an
//! element's data (`loaders.rs`), the batching of every badge's summary into one request
//! (`badge_batch.rs`), the layout-shift hint (`shift.rs`), the `[stele]` console hints
//! (`hints.rs`), direct mode (`direct.rs`, the `direct` feature only) and the same elements
//! as Leptos components for Leptos apps (`leptos_api.rs`).

mod badge_batch;
#[cfg(feature = "direct")]
mod direct;
mod hints;
pub mod leptos_api;
mod loaders;
mod mount;
#[cfg(any(stele_reviews, stele_testimonials))]
mod shift;

/// The Leptos components under the name they were first published by (`elements`, though
/// they are components, not custom elements): `stele::elements::SteleReviews` is
/// `stele::leptos_api::SteleReviews`.
pub use leptos_api as elements;
pub use mount::{mount, Mounted};
