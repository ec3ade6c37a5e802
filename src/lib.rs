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
pub mod css;
pub mod data;
pub mod i18n;
pub mod options;
mod paging;
#[cfg(feature = "ssr")]
pub mod ssr;

#[cfg(all(feature = "csr", target_arch = "wasm32"))]
mod browser;
#[cfg(all(feature = "csr", target_arch = "wasm32"))]
pub use browser::{elements, leptos_api, mount, Mounted};

pub use stele_core::paths::MAX_SUMMARY_IDS;
