//! The custom elements, which only the `csr` browser build has (lib.rs gates this module
//! once): their mount (`mount/`, one file per element kind), the layout-shift hint
//! (`shift.rs`) and direct mode (`direct.rs`, the `direct` feature only). What they share
//! with the Leptos components (the loaders, badge batching) is in `loading/`.

#[cfg(feature = "direct")]
mod direct;
mod mount;
#[cfg(any(stele_reviews, stele_testimonials))]
mod shift;

pub use mount::{mount, Mounted};
