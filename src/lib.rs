//! Stele's widget: star ratings, review lists and testimonials for shops that collect
//! feedback with Retargeting, as Leptos components.
//!
//! - In the browser (`csr`, the default) the loader `stele.js` calls [`mount`] for each
//!   `<stele-reviews>`, `<stele-stars>` and `<stele-testimonials>` element; each renders into
//!   its own shadow root with one constructed stylesheet.
//! - On the server (`ssr`, used by the relay) [`ssr`] renders the same components to HTML
//!   fragments with embedded data and JSON-LD.
//!
//! The embedding contract (attributes, options, events, CSS properties) is docs/embed.md.
#![deny(missing_docs)]
#![forbid(unsafe_code)]
// Leptos view types nest deeply; type-erased components keep this modest.
#![recursion_limit = "256"]

pub mod components;
pub mod context;
pub mod data;
pub mod i18n;
pub mod options;
mod paging;

#[cfg(all(feature = "csr", target_arch = "wasm32"))]
mod badges;
#[cfg(all(feature = "direct", target_arch = "wasm32"))]
mod direct;
#[cfg(all(feature = "csr", target_arch = "wasm32"))]
pub mod elements;
#[cfg(all(feature = "csr", target_arch = "wasm32"))]
mod hints;
#[cfg(all(feature = "csr", target_arch = "wasm32"))]
mod loaders;
#[cfg(all(feature = "csr", target_arch = "wasm32"))]
mod mount;
#[cfg(all(
    feature = "csr",
    target_arch = "wasm32",
    any(stele_reviews, stele_testimonials)
))]
mod shift;
#[cfg(all(feature = "csr", target_arch = "wasm32"))]
pub use mount::{mount, Mounted};

#[cfg(feature = "ssr")]
pub mod ssr;

/// Every element's stylesheet (also served as `stele.css` for server-rendered fragments).
pub const STYLESHEET: &str = concat!(
    include_str!("components/rating/rating.css"),
    include_str!("stele.css")
);

pub use stele_core::paths::MAX_SUMMARY_IDS;
