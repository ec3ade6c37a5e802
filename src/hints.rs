//! `[stele]` hints on the console: what went wrong and how to fix it. Shoppers never see
//! them; the web developer who installs Stele does. Only a browser fetches, so only a browser
//! build has hints (lib.rs gates this module).

use wasm_bindgen::JsValue;

/// Logs a `[stele]` hint on the console.
pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("[stele] {message}")));
}
