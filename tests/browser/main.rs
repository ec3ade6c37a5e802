//! The widget in headless Chromium (wasm-bindgen-test): rendered through the same `mount`
//! the loader calls, into real shadow roots. Only the network is scripted: `fetch` answers
//! with canned relay JSON built from the core's types.
//!
//! One module per element (`badge`, `reviews`, `testimonials`), then what they share: `mount`
//! (mounting, options, `stele:ready`, unmounting, direct mode), `language` and `leptos_api`
//! (the Leptos components); `support` holds the scripted network and the DOM helpers.
#![cfg(all(target_arch = "wasm32", feature = "csr"))]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

mod badge;
mod language;
mod leptos_api;
mod mount;
mod reviews;
mod support;
mod testimonials;
