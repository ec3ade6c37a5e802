//! Tells the page, once, that a bare element moved it: its data did not fit the skeleton the
//! loader drew by a tenth of the screen or more (no reviews, or a few: no design can know the
//! count before the data arrives),
//! and the element was in view. The server-rendered fragment is the fix.

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AddEventListenerOptions, HtmlElement};

use crate::hints::warn;

thread_local! {
    static HINTED: Cell<bool> = const { Cell::new(false) };
}

/// Call just before the widget replaces the loader's skeleton in `host` (a no-op when the
/// host shows anything else): compares the host's box with its box at `stele:ready`.
pub(crate) fn watch(host: &HtmlElement, tag: &'static str, product: Option<&str>) {
    let drawn = host
        .shadow_root()
        .and_then(|root| root.query_selector(".stele-sk").ok().flatten());
    if drawn.is_none() || HINTED.get() {
        return;
    }
    let before = host.get_bounding_client_rect();
    let target = host.clone();
    let named = product.map_or_else(String::new, |p| format!(" product=\"{p}\""));
    let compare = Closure::once_into_js(move || {
        let after = target.get_bounding_client_rect();
        // Whole pixels, as an integer: no float formatting in the module.
        let moved = (after.height() - before.height()).round() as i64;
        let screen = web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        // What moved is the content after the element, from the lower of its two bottoms.
        let seen = before.bottom().min(after.bottom()) < screen && after.bottom() > 0.0;
        // Under a tenth of the screen the shift's score stays under 0.1 (Google's "good"),
        // whatever else moves: its distance fraction is below 0.1 and its impact at most 1.
        if moved.abs() as f64 >= screen / 10.0 && seen && !HINTED.replace(true) {
            warn(&format!("<{tag}{named}> moved the page by {moved}px when its data arrived (layout shift): embed the server-rendered fragment: docs/embed.md"));
        }
    });
    // `stele:ready` comes while the data's view replaces the skeleton: compare a task later.
    let on_ready = Closure::once_into_js(move || {
        if let Some(window) = web_sys::window() {
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(compare.unchecked_ref(), 0);
        }
    });
    let once = AddEventListenerOptions::new();
    once.set_once(true);
    let _ = host.add_event_listener_with_callback_and_add_event_listener_options(
        "stele:ready",
        on_ready.unchecked_ref(),
        &once,
    );
}
