//! What every component of one element shares: its language and its host element's events.

use leptos::prelude::*;
use stele_core::ReviewSort;

use crate::i18n::{I18n, Lang};
use std::sync::{
    atomic::{AtomicBool, Ordering},
    Arc,
};

/// The element's language, strings and formats.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n::new(Lang::En, &[]))
}

/// A user action the host page may want for its own analytics.
#[derive(Debug, Clone, PartialEq)]
pub enum WidgetEvent {
    /// `stele:ready`: the first render with data.
    Ready,
    /// `stele:filter`: stars, with-comment or search changed.
    Filter {
        /// Histogram row, 1–5.
        stars: Option<u8>,
        /// Only reviews with a comment.
        with_comment: bool,
        /// Search text.
        query: String,
    },
    /// `stele:sort`.
    Sort(ReviewSort),
    /// `stele:more`: the page just requested.
    More(u32),
}

/// Dispatches [`WidgetEvent`]s on the host element (a no-op on the server).
#[derive(Clone, Default)]
pub struct Emitter {
    #[cfg(stele_browser)]
    host: Option<send_wrapper::SendWrapper<web_sys::HtmlElement>>,
    kind: &'static str,
    product: Option<String>,
}

impl Emitter {
    /// An emitter for an element of `kind` showing `product`.
    #[cfg(stele_browser)]
    pub fn new(host: web_sys::HtmlElement, kind: &'static str, product: Option<String>) -> Self {
        Self {
            host: Some(send_wrapper::SendWrapper::new(host)),
            kind,
            product,
        }
    }

    /// Dispatches `event` on the host element: `bubbles` and `composed`, so listeners on
    /// the element or any ancestor see it.
    pub fn emit(&self, event: WidgetEvent) {
        #[cfg(stele_browser)]
        if let Some(host) = &self.host {
            browser::dispatch(host, self.kind, self.product.as_deref(), &event);
        }
        #[cfg(not(stele_browser))]
        let _ = (event, self.kind, &self.product);
    }
}

/// The element's emitter.
pub fn use_emitter() -> Emitter {
    use_context::<Emitter>().unwrap_or_default()
}

/// How an element announces `stele:ready` without a reactive `Effect` (one costs a module
/// about 2-3 KB brotli): its host's emitter, and whether its view is on show (from its first
/// render until it is unmounted), so a view unmounted before its data came, re-mounted in
/// the meantime, or never drawn stays quiet.
///
/// Off a browser (a Leptos app's server) there is no host and nothing is announced, but the
/// loaders take an announcer all the same, so they are one code for both halves.
#[derive(Clone)]
#[cfg_attr(not(stele_browser), allow(dead_code))]
pub(crate) struct ReadyAnnouncer {
    emitter: Emitter,
    shown: Arc<AtomicBool>,
}

#[cfg_attr(not(stele_browser), allow(dead_code))]
impl ReadyAnnouncer {
    /// An announcer for `emitter`'s host; quiet until [`Self::track_view`].
    pub(crate) fn new(emitter: Emitter) -> Self {
        Self {
            emitter,
            shown: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Called in the view: on show from now until the view's owner is cleaned up.
    pub(crate) fn track_view(&self) {
        self.shown.store(true, Ordering::Relaxed);
        let shown = self.shown.clone();
        on_cleanup(move || shown.store(false, Ordering::Relaxed));
    }
}

/// `stele:ready` for the views of `announcers` still on show, a microtask later: after they
/// have drawn the data just set, and are in the DOM (a view is mounted in the task that
/// built it). Off a browser there is no host to announce on.
#[cfg_attr(not(stele_browser), allow(dead_code))]
pub(crate) fn announce(announcers: Vec<ReadyAnnouncer>) {
    #[cfg(not(stele_browser))]
    let _ = announcers;
    #[cfg(stele_browser)]
    leptos::task::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(
            &wasm_bindgen::JsValue::NULL,
        ))
        .await;
        for announcer in announcers {
            if announcer.shown.load(Ordering::Relaxed) {
                announcer.emitter.emit(WidgetEvent::Ready);
            }
        }
    });
}

/// Events as DOM `CustomEvent`s on the host element.
#[cfg(stele_browser)]
mod browser {
    use js_sys::{Object, Reflect};
    use wasm_bindgen::JsValue;
    use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

    use super::WidgetEvent;

    fn object(pairs: &[(&str, JsValue)]) -> Object {
        let object = Object::new();
        for (key, value) in pairs {
            let _ = Reflect::set(&object, &JsValue::from_str(key), value);
        }
        object
    }

    /// Dispatches a widget event on the host element.
    pub fn dispatch(host: &HtmlElement, kind: &str, product: Option<&str>, event: &WidgetEvent) {
        let optional = |value: Option<&str>| value.map_or(JsValue::NULL, JsValue::from_str);
        let (name, detail) = match event {
            WidgetEvent::Ready => (
                "stele:ready",
                object(&[("kind", kind.into()), ("product", optional(product))]),
            ),
            WidgetEvent::Filter {
                stars,
                with_comment,
                query,
            } => (
                "stele:filter",
                object(&[
                    ("stars", stars.map_or(JsValue::NULL, JsValue::from)),
                    ("withComment", (*with_comment).into()),
                    ("query", query.as_str().into()),
                ]),
            ),
            WidgetEvent::Sort(sort) => ("stele:sort", object(&[("sort", sort.as_str().into())])),
            WidgetEvent::More(page) => ("stele:more", object(&[("page", (*page).into())])),
        };
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = host.dispatch_event(&event);
        }
    }
}
