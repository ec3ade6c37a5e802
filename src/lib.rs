//! Stele's widget: star ratings, review lists and testimonials for shops that collect
//! feedback with Retargeting, as Leptos components.
//!
//! Features pass through to Leptos and none is on by default, as in Leptos libraries
//! (thaw, leptos-use): the app that uses the crate picks the mode.
//!
//! - `csr`: the browser modules. The loader `stele.js` calls `mount` for each
//!   `<stele-reviews>`, `<stele-stars>` and `<stele-testimonials>` element; each renders into
//!   its own shadow root with one constructed stylesheet. A Leptos app that renders in the
//!   browser uses [`leptos_api`] with this feature.
//! - `ssr` + `hydrate`: a Leptos SSR app (axum, cargo-leptos). Its server renders
//!   [`leptos_api`]'s components (their skeleton: the data is fetched in the browser) and its
//!   browser hydrates them, then fetches and draws.
//! - `ssr` is also the relay's build: [`ssr`] renders the same components to HTML fragments
//!   with embedded data and JSON-LD.
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
#[cfg(stele_browser)]
mod hints;
pub mod i18n;
pub mod leptos_api;
mod loading;
pub mod options;
mod paging;
#[cfg(feature = "ssr")]
pub mod ssr;

#[cfg(all(feature = "csr", target_arch = "wasm32"))]
mod browser;
#[cfg(all(feature = "csr", target_arch = "wasm32"))]
pub use browser::{mount, Mounted};

/// The Leptos components under the name they were first published by (`elements`, though
/// they are components, not custom elements): `stele::elements::SteleReviews` is
/// `stele::leptos_api::SteleReviews`.
pub use leptos_api as elements;

pub use stele_core::paths::MAX_SUMMARY_IDS;
